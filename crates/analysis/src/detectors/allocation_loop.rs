//! ALLOCATION_LOOP: heap allocations made on every iteration of a loop —
//! `for`/`while`/`loop` bodies and closures that iterator adaptors run per
//! element (`map`, `for_each`, `filter_map`, ...).
//!
//! Fires on: `format!`, `.to_string()`, `.to_owned()`, `.to_vec()`,
//! `.collect()`, `Box::new`, `String::from` and non-empty `vec![]` in a loop
//! body; per-iteration buffers (`Vec::new()`, `String::new()`,
//! `with_capacity`, empty `vec![]`) that are filled and dropped within the
//! iteration (hoist and `clear()`); and `push` in a loop over a collection
//! of known length into a vector created without capacity; a `Vec` filled
//! by `push` in one loop and then only walked once by another (a staging
//! buffer: handle each item where it is made); `let v: Vec<_> =
//! it.collect()` only counted, walked once, read for its first item or
//! joined — or tested with `is_empty()` before its one walk, which a
//! `peekable()` iterator answers (a chain through another crate's methods
//! only when the `Vec` is just counted or read for its first item; never
//! when the walk changes the collection the chain borrows, which makes the
//! `Vec` a needed snapshot); a map's keys collected only for a `for` loop
//! that removes entries of that map (`retain` filters in place); a
//! `String` made (`format!`, `into_owned`, …) only to be `push_str`ed into
//! another, or formatted per element only to be collected into one
//! `String` (`.map(|x| format!(..)).collect::<String>()`); a `Vec` grown from empty by three or more bulk calls in a row;
//! a `fold` whose accumulator starts as an empty `String` or `Vec` and is
//! grown by every step (a sketch: the total is the sum of the parts, which
//! only the reader can tell is at hand).
//!
//! Deliberately ignores: allocations on cold paths (error construction,
//! `panic!`, `map_err`, branches that return or break), values returned or
//! broken out of the loop, `#[cold]` functions, clones (the clone detector's
//! business), `Option::map` and other one-shot closures, buffers that escape
//! the iteration (pushed or moved elsewhere), `format!`/`collect()` values
//! handed straight to what keeps them (pushed, inserted, a struct field, a
//! `map` closure's result: no reused buffer can stand in), and sites the
//! clone or heap detectors already reported.

use memaudit_facts::body::{path_call, strip, BindKind, LoopKind, Parent, Sink, SiteKind, UseKind};
use memaudit_facts::macros::rewritten_name;
use memaudit_facts::names::is_in;
use memaudit_facts::{Pos, Ty, View};
use memaudit_model::{Category, Confidence, Impact, Level, Safety};
use syn::Expr;

use super::{text, FnCx, FnRole};
use crate::emit::{Draft, Emitter};

pub(crate) fn check(cx: &FnCx<'_, '_>, out: &mut Emitter<'_>, claimed: &[Pos]) {
    if !out.wants(Category::AllocationLoop) || cx.role == FnRole::Cold {
        return;
    }
    let mut claimed = claimed.to_vec();
    if !matches!(cx.role, FnRole::Main | FnRole::Constructor) {
        collect_only_consumed(cx, out, &mut claimed);
        collected_then_walked(cx, out, &mut claimed);
        keys_collected_to_remove(cx, out, &mut claimed);
        pushed_temporary(cx, out, &mut claimed);
        bound_then_pushed(cx, out, &mut claimed);
        fold_from_empty(cx, out, &mut claimed);
        formatted_then_collected(cx, out, &mut claimed);
    }
    for site in &cx.facts.sites {
        if site.loop_id == 0
            || site.cold.is_some()
            || site.exits
            || site.in_macro
            || site.parent == Parent::Return
            || claimed.contains(&site.range.start)
            || site.closure_id != cx.facts.loops[site.loop_id as usize].body_closure
        {
            continue;
        }
        let Some(expr) = cx.expr(site) else { continue };
        let empty_vec = site.kind == SiteKind::EmptyVecMacro;
        let buffer = matches!(
            site.kind,
            SiteKind::VecNew
                | SiteKind::StringNew
                | SiteKind::MapNew
                | SiteKind::VecWithCapacity
                | SiteKind::StringWithCapacity
        ) || empty_vec;
        let mut d = Draft::new(Category::AllocationLoop, cx.site_lines(site), cx.path);
        d.impact = cx.loop_impact(site.loop_id, 1, None);
        if buffer {
            // Only a buffer that is filled and dies within the iteration.
            let Some(b) = site.let_binding else { continue };
            let grown = cx.facts.uses_of(b).any(|u| match &u.kind {
                UseKind::MutRecv(m) => is_in(
                    m,
                    &[
                        "push",
                        "push_str",
                        "extend",
                        "extend_from_slice",
                        "insert",
                        "push_back",
                        "append",
                        "write_str",
                        "write_fmt",
                    ],
                ),
                UseKind::Mutate(_) => true,
                _ => false,
            });
            if !grown || cx.moved(b) {
                continue;
            }
            let name = &cx.facts.bindings[b as usize].name;
            d.lines = cx.facts.bindings[b as usize].stmt_lines;
            d.confidence = Confidence::High;
            d.safety = Safety::Safe;
            d.issue = format!(
                "`{name}` ({}) is created, filled and dropped on every iteration; its heap buffer is allocated (and regrown) each time.",
                site.kind.label()
            );
            d.proposal = format!(
                "let mut {name} = {}; // once, before the loop\n// in the loop body:\n{name}.clear(); // keeps the capacity",
                match site.kind {
                    SiteKind::StringNew | SiteKind::StringWithCapacity => "String::new()",
                    SiteKind::MapNew => "HashMap::new()",
                    _ => "Vec::new()",
                }
            );
            d.pros =
                vec!["After the first iterations the buffer stops allocating entirely.".into()];
            d.cons = vec!["The buffer keeps its peak capacity until the loop ends.".into()];
            out.emit(d);
            continue;
        }
        let what = match site.kind {
            SiteKind::Format => "format!()",
            SiteKind::ToString
            | SiteKind::ToOwned
            | SiteKind::ToVec
            | SiteKind::Collect
            | SiteKind::BoxNew
            | SiteKind::StringFrom
            | SiteKind::VecMacro => site.kind.label(),
            _ => continue,
        };
        // Only read where it is made: not moved on, and not grown or
        // changed (`let mut line = "{".to_string(); line.push_str(..)` is a
        // buffer being built, which a borrow of the literal cannot be).
        let stays_local = site
            .let_binding
            .is_some_and(|b| !cx.moved(b) && !cx.facts.uses_of(b).any(|u| u.kind.mutates()));
        // A box or vector that is stored is the data structure itself.
        if matches!(site.kind, SiteKind::BoxNew | SiteKind::VecMacro) && !stays_local {
            continue;
        }
        // A value handed straight to what keeps it (pushed, inserted, sent,
        // a struct field, an element, the result of a `map` closure): one
        // reused buffer cannot stand in for it, and what would (a borrow of
        // the input, interning) is a redesign this site does not show.
        // (`flat_map` walks what its closure yields and drops it: a
        // collected `Vec` there is a temporary, not kept.)
        if matches!(site.kind, SiteKind::Format | SiteKind::Collect)
            && site
                .sink
                .as_ref()
                .is_some_and(|k| k.escapes() && !matches!(k, Sink::Yield(a) if a == "flat_map"))
        {
            continue;
        }
        d.confidence = if stays_local {
            Confidence::High
        } else {
            Confidence::Medium
        };
        d.safety = if stays_local {
            Safety::Safe
        } else {
            Safety::NeedsReview
        };
        let unit = describe(cx, site.loop_id);
        d.issue = if cx.facts.runs_every_iteration(site) {
            format!("`{what}` allocates on every {unit}.")
        } else {
            let branch = site
                .branch
                .map(|b| format!(" (the branch at line {})", b.line))
                .unwrap_or_default();
            format!("`{what}` allocates on each {unit} that takes this path{branch}, not on every iteration.")
        };
        d.proposal = proposal(site.kind, expr, stays_local);
        d.pros = vec!["Fewer allocator calls on a path that runs once per element.".into()];
        d.cons = vec![if stays_local {
            "A reused buffer must be cleared at the top of each iteration.".to_owned()
        } else {
            "The value is stored, so removing the allocation changes the stored type (borrow, `Cow`, interning or an arena).".to_owned()
        }];
        out.emit(d);
    }
    path_probes(cx, out);
    merged_temporaries(cx, out);
    push_without_capacity(cx, out);
    grown_in_steps(cx, out);
    // After the capacity rule: where the staging `Vec` also grows without
    // a known capacity, that finding (a one-line edit) is the one kept.
    if !matches!(cx.role, FnRole::Main | FnRole::Constructor) {
        staged_then_walked(cx, out, &mut claimed);
    }
}

/// `dir.join(name).is_file()` in a loop (or a per-element closure such as
/// `names.iter().any(|n| dir.join(n).exists())`): every probe allocates a
/// `PathBuf` for one query and drops it. One buffer, pushed and popped
/// around each probe, allocates once.
fn path_probes(cx: &FnCx<'_, '_>, out: &mut Emitter<'_>) {
    use memaudit_facts::body::Callee;
    for site in &cx.facts.sites {
        // A joined path that is bound or handed on is kept, not a probe.
        if site.kind != SiteKind::AllocMethod
            || site.let_binding.is_some()
            || site.sink.is_some()
            || site.loop_id == 0
            || site.cold.is_some()
            || site.exits
            || site.in_macro
            || site.closure_id != cx.facts.loops[site.loop_id as usize].body_closure
        {
            continue;
        }
        let Some(Expr::MethodCall(m)) = cx.expr(site).map(strip) else {
            continue;
        };
        if m.method != "join" || m.args.len() != 1 {
            continue;
        }
        // The method called on the joined path: the first call after it,
        // on its line or the next (a chain broken over lines).
        let end = site.range.end;
        let probe = cx
            .facts
            .calls
            .iter()
            .filter(|c| c.pos > end && c.pos.line <= end.line + 1)
            .min_by_key(|c| c.pos)
            .and_then(|c| match &c.callee {
                Callee::Method { name, .. } if is_in(name, memaudit_facts::names::FS_QUERIES) => {
                    Some(name.clone())
                }
                _ => None,
            });
        let Some(probe) = probe else { continue };
        let base = text(&m.receiver);
        let arg = text(&m.args[0]);
        let unit = describe(cx, site.loop_id);
        let mut d = Draft::new(Category::AllocationLoop, cx.site_lines(site), cx.path);
        d.impact = cx.loop_impact(site.loop_id, 1, None);
        d.confidence = Confidence::High;
        d.safety = Safety::Safe;
        d.issue = format!(
            "`{base}.join({arg})` allocates a new `PathBuf` on every {unit} only to call `{probe}()` on it; the path is dropped right after."
        );
        d.proposal = format!(
            "let mut probe = PathBuf::new(); // once, before the loop\n// for each probe:\nprobe.clear();\nprobe.push({base});\nprobe.push({arg});\nprobe.{probe}()"
        );
        d.pros = vec!["One path buffer for every probe: no allocation per candidate.".into()];
        d.cons = vec!["A few more lines than `join`.".into()];
        out.emit(d);
    }
}

/// `let block = Bitmap::from_sorted_iter(it).unwrap(); *acc |= block;` in
/// a loop: a set is built on every iteration only to be merged into an
/// accumulator and dropped. Extending the accumulator with the items
/// (`acc.extend(it)`) makes no temporary. The initialiser is a `from_*iter`
/// constructor or a `collect()` (behind `unwrap`/`expect`/`?`), and the
/// binding's one use is the right-hand side of `|=` on the same line.
fn merged_temporaries(cx: &FnCx<'_, '_>, out: &mut Emitter<'_>) {
    for (b, bd) in cx.facts.bindings.iter().enumerate() {
        if bd.kind != BindKind::Let || bd.loop_id == 0 {
            continue;
        }
        let Some(init) = cx.init(b as u32).map(strip) else {
            continue;
        };
        let Some(made) = built_from_items(init) else {
            continue;
        };
        let uses: Vec<_> = cx.facts.uses_of(b as u32).collect();
        let [u] = uses[..] else { continue };
        if u.kind != UseKind::Read || u.loop_id != bd.loop_id || u.closure_id != bd.closure_id {
            continue;
        }
        let Some(target) = cx.facts.uses.iter().find(|t| {
            t.pos.line == u.pos.line
                && t.pos < u.pos
                && matches!(&t.kind, UseKind::Mutate(op) if op == "|=")
        }) else {
            continue;
        };
        let name = &bd.name;
        let acc = &target.place;
        let unit = describe(cx, bd.loop_id);
        let mut d = Draft::new(
            Category::AllocationLoop,
            (bd.stmt_lines.0, u.pos.line.max(bd.stmt_lines.1)),
            cx.path,
        );
        d.impact = cx.loop_impact(bd.loop_id, 1, None);
        d.confidence = Confidence::Medium;
        d.safety = Safety::Safe;
        d.issue = format!(
            "`{name}` ({made}) is built on every {unit} only to be merged into `{acc}` by `|=` and dropped: a whole set allocated per iteration for items the accumulator could take directly."
        );
        d.proposal = format!(
            "// Add the items to the accumulator, without the temporary set:\n{acc}.extend(/* the items `{name}` was built from */);"
        );
        d.pros = vec!["No temporary set per iteration.".into()];
        d.cons = vec![
            "For sorted bitmaps a union of whole blocks can be faster than inserting item by item: measure.".into(),
        ];
        out.emit(d);
    }
}

/// What an initialiser builds from an iterator, when it does:
/// `T::from_iter(..)`, `T::from_sorted_iter(..)` (through `unwrap`,
/// `expect` or `?`) or `.collect()`.
fn built_from_items(e: &Expr) -> Option<String> {
    match strip(e) {
        Expr::Try(t) => built_from_items(&t.expr),
        Expr::MethodCall(m) if m.method == "unwrap" || m.method == "expect" => {
            built_from_items(&m.receiver)
        }
        Expr::MethodCall(m) if m.method == "collect" => Some("`collect()`".to_owned()),
        Expr::Call(c) => {
            let (ty, f) = path_call(&c.func)?;
            let f = f.to_string();
            (f.starts_with("from_") && f.ends_with("iter")).then(|| format!("`{ty}::{f}(..)`"))
        }
        _ => None,
    }
}

fn describe(cx: &FnCx<'_, '_>, loop_id: u32) -> String {
    cx.facts.loops[loop_id as usize].unit()
}

/// A call's arguments as code, comma-separated: the arguments of the
/// `format!` a proposal turns into `write!`.
fn args_code(c: &syn::ExprCall) -> String {
    c.args
        .iter()
        .map(super::code)
        .collect::<Vec<_>>()
        .join(", ")
}

fn proposal(kind: SiteKind, e: &Expr, stays_local: bool) -> String {
    match kind {
        SiteKind::Format => {
            let args = match e {
                Expr::Call(c) => args_code(c),
                _ => String::new(),
            };
            format!(
                "use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, {args}).unwrap(); // writing to a String cannot fail\n// use `&buf` where the formatted value was used"
            )
        }
        SiteKind::Collect => "let mut buf = Vec::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nbuf.extend(/* the same iterator */);".to_owned(),
        SiteKind::BoxNew => "// Store the value inline (e.g. in a `Vec<T>` or on the stack), or allocate\n// the loop's values from an arena (`bumpalo::Bump`) freed once after the loop.".to_owned(),
        _ if stays_local => format!(
            "// Borrow instead of allocating an owned copy:\nlet value = &{};",
            match strip(e) {
                Expr::MethodCall(m) => super::code(&m.receiver),
                other => super::code(other),
            }
        ),
        _ => "// The owned value is stored: consider interning repeated strings, a `Cow<'_, str>`\n// that borrows from the input, or one arena per batch.".to_owned(),
    }
}

/// Methods that grow a `String` or `Vec` accumulator in place.
const GROWS: &[&str] = &[
    "push",
    "push_str",
    "extend",
    "extend_from_slice",
    "append",
    "insert",
    "insert_str",
    "write_str",
    "write_fmt",
    "write_char",
];

/// `it.fold(String::new(), |mut acc, x| { acc.push_str(..); acc })`: the
/// accumulator starts empty and every step grows it, so it reallocates and
/// copies what it holds about log2(n) times on its way to a size the parts
/// already tell (the sum of their lengths, or the number of items). The
/// proposal is a sketch — whether that total is at hand before the fold
/// (`collect`, `join` or a reserved start) depends on the items — so the
/// finding is a LOW note. Test code is left alone.
fn fold_from_empty(cx: &FnCx<'_, '_>, out: &mut Emitter<'_>, claimed: &mut Vec<Pos>) {
    if cx.item.test.is_some() {
        return;
    }
    for site in &cx.facts.sites {
        if !matches!(
            site.kind,
            SiteKind::StringNew | SiteKind::VecNew | SiteKind::EmptyVecMacro
        ) || site.cold.is_some()
            || site.in_macro
            || claimed.contains(&site.range.start)
        {
            continue;
        }
        let Some(Expr::MethodCall(call)) = cx.enclosing_call(site) else {
            continue;
        };
        if call.method != "fold" || call.args.len() != 2 {
            continue;
        }
        // The empty value is the fold's start, not something made in it.
        if Pos::start(&call.args[0]) != site.range.start {
            continue;
        }
        let Expr::Closure(step) = strip(&call.args[1]) else {
            continue;
        };
        let Some(syn::Pat::Ident(acc)) = step.inputs.first() else {
            continue;
        };
        let at = Pos::of(acc.ident.span());
        let Some(b) = cx
            .facts
            .bindings
            .iter()
            .position(|b| b.kind == BindKind::Pattern && b.pos == at)
        else {
            continue;
        };
        let grown = cx.facts.uses_of(b as u32).any(|u| match &u.kind {
            UseKind::MutRecv(m) => is_in(m, GROWS),
            UseKind::Mutate(op) => op == "+=" || op == "&mut",
            _ => false,
        });
        if !grown {
            continue;
        }
        let what = if site.kind == SiteKind::StringNew {
            "String"
        } else {
            "Vec"
        };
        let acc = acc.ident.to_string();
        let mut d = Draft::new(Category::AllocationLoop, cx.site_lines(site), cx.path);
        d.confidence = Confidence::Medium;
        d.safety = Safety::NeedsReview;
        d.issue = format!(
            "`fold` starts `{acc}` as an empty `{what}` and grows it on every step, so it reallocates and copies what it holds about log2(n) times although the parts tell the final size."
        );
        d.proposal = format!(
            "// Start the fold from a `{what}` reserved for the total (the sum of the parts'\n// lengths, or the number of items), or build it whole with `collect`/`join`."
        );
        d.impact = Impact {
            allocations_avoided: None,
            bytes_saved: None,
            unit: format!("call of `{}`", cx.path),
            applies_to: format!("~log2(n) reallocations per call of `{}`", cx.path),
            level: Level::Low,
        };
        d.pros = vec!["One allocation instead of a growth sequence.".into()];
        d.cons = vec!["Computing the total walks the parts once more.".into()];
        claimed.push(site.range.start);
        out.emit(d);
    }
}

/// `let mut v = Vec::new(); for x in xs { v.push(..) }` with `xs.len()` known.
fn push_without_capacity(cx: &FnCx<'_, '_>, out: &mut Emitter<'_>) {
    for (b, bd) in cx.facts.bindings.iter().enumerate() {
        let Some(init) = cx.init(b as u32) else {
            continue;
        };
        let init = strip(init);
        let no_cap = match init {
            Expr::Call(c) => {
                rewritten_name(init) == Some("vec") && c.args.is_empty()
                    || path_call(&c.func).is_some_and(|(t, f)| t == "Vec" && f == "new")
            }
            _ => false,
        };
        if !no_cap {
            continue;
        }
        let mut pushes = cx
            .facts
            .uses_of(b as u32)
            .filter(|u| matches!(&u.kind, UseKind::MutRecv(m) if m == "push"));
        let Some(push) = pushes.next() else { continue };
        if pushes.next().is_some()
            || cx
                .facts
                .uses_of(b as u32)
                .any(|u| matches!(&u.kind, UseKind::MutRecv(m) if m == "reserve" || m == "extend"))
        {
            continue;
        }
        let l = &cx.facts.loops[push.loop_id as usize];
        if push.loop_id == 0 || l.parent != bd.loop_id || push.cond_depth != l.cond_depth {
            continue;
        }
        // A `continue` before the push skips it on some iterations: the
        // loop's length is then only an upper bound.
        if l.skips.iter().any(|c| *c < push.pos) {
            continue;
        }
        if !super::is_counted_loop(l, &["for_each"]) {
            continue;
        }
        let Some(iter) = cx.loop_iter(l) else {
            continue;
        };
        let Some(len) = known_len(cx, iter) else {
            continue;
        };
        let mut d = Draft::new(Category::AllocationLoop, bd.stmt_lines, cx.path);
        d.confidence = Confidence::High;
        d.safety = Safety::Safe;
        d.issue = format!(
            "`{}` starts empty and receives exactly one `push` per {}, so it reallocates about log2(n) times while growing although the final length is known up front.",
            bd.name,
            cx.facts.loops[push.loop_id as usize].unit()
        );
        d.proposal = format!("let mut {} = Vec::with_capacity({len});", bd.name);
        d.impact = Impact {
            allocations_avoided: None,
            bytes_saved: None,
            unit: format!("call of `{}`", cx.path),
            applies_to: format!(
                "~log2(n) reallocations and copies per call of `{}`",
                cx.path
            ),
            level: if super::is_data_source(&l.source) {
                Level::High
            } else {
                Level::Medium
            },
        };
        d.pros =
            vec!["One allocation instead of a growth sequence; no copying on regrowth.".into()];
        d.cons = vec!["None when every iteration pushes.".into()];
        out.emit(d);
    }
}

/// Bulk growth calls: each may reallocate and copy what is already there.
/// Not `extend`: an iterator's size hint reserves for it, and the lists so
/// extended (diagnostics, errors) are most often empty.
const BULK_GROWTH: &[&str] = &["resize", "extend_from_slice", "append"];

/// `let mut msg = Vec::new(); msg.resize(64, b' '); msg.extend_from_slice(a);
/// msg.extend_from_slice(b);`: a `Vec` built from empty by three or more
/// bulk growth calls in a row (same block, outside loops, nothing else
/// touching it in between), each of which may reallocate and copy the
/// bytes already in it, where the final size is the sum of parts at hand.
/// Pushes are left alone: the first `push` allocates room for four.
fn grown_in_steps(cx: &FnCx<'_, '_>, out: &mut Emitter<'_>) {
    // Test code builds its fixtures this way; nothing there runs hot.
    if cx.item.test.is_some() {
        return;
    }
    for site in &cx.facts.sites {
        if !matches!(site.kind, SiteKind::VecNew | SiteKind::EmptyVecMacro)
            || site.cold.is_some()
            || site.in_macro
            || site.parent != Parent::LetInit
        {
            continue;
        }
        let Some(b) = site.let_binding else { continue };
        let bd = &cx.facts.bindings[b as usize];
        let mut steps = Vec::new();
        for u in cx.facts.uses_of(b) {
            match &u.kind {
                UseKind::MutRecv(m) if is_in(m, BULK_GROWTH) => {
                    if u.loop_id != site.loop_id
                        || u.closure_id != site.closure_id
                        || u.branch != site.branch
                    {
                        break;
                    }
                    steps.push((m.clone(), u.pos.line));
                }
                // Anything else ends the run of growth calls.
                _ => break,
            }
        }
        if steps.len() < 3 || cx.facts.uses_of(b).any(|u| matches!(&u.kind, UseKind::MutRecv(m) if m == "reserve" || m == "reserve_exact")) {
            continue;
        }
        let last = steps.last().map_or(bd.stmt_lines.1, |s| s.1);
        let calls = steps
            .iter()
            .map(|(m, _)| format!("`{m}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let mut d = Draft::new(Category::AllocationLoop, (bd.stmt_lines.0, last), cx.path);
        d.impact = if site.loop_id != 0 {
            cx.loop_impact(site.loop_id, steps.len() as u64 - 1, None)
        } else {
            cx.call_impact(steps.len() as u64 - 1, None)
        };
        d.confidence = Confidence::Medium;
        d.safety = Safety::Safe;
        d.issue = format!(
            "`{}` starts empty and is grown by {} calls in a row ({calls}): each may reallocate and copy what is already in it, although the final size is the sum of the parts at hand.",
            bd.name,
            steps.len()
        );
        d.proposal = format!(
            "let mut {} = Vec::with_capacity(/* the sum of the parts' lengths */);\n// or, when the size has a small fixed bound, a stack array",
            bd.name
        );
        d.pros = vec![
            "One allocation instead of up to one per growth call; no copying on regrowth.".into(),
        ];
        d.cons = vec!["The capacity expression must be kept in step with the parts.".into()];
        out.emit(d);
    }
}

/// `xs.len()` (or the range length) when the loop's source has a known length.
fn known_len(cx: &FnCx<'_, '_>, iter: &Expr) -> Option<String> {
    let e = strip(iter);
    match e {
        Expr::Reference(r) => known_len(cx, &r.expr),
        Expr::MethodCall(m)
            if is_in(
                &m.method.to_string(),
                &[
                    "iter",
                    "iter_mut",
                    "into_iter",
                    "enumerate",
                    "keys",
                    "values",
                    "drain",
                    "rev",
                    "copied",
                    "cloned",
                ],
            ) =>
        {
            if m.method == "drain" && m.args.is_empty() {
                return None;
            }
            known_len(cx, &m.receiver)
        }
        Expr::Range(r) => {
            let (Some(s), Some(end)) = (&r.start, &r.end) else {
                return None;
            };
            if matches!(&**s, Expr::Lit(l) if matches!(&l.lit, syn::Lit::Int(i) if i.base10_digits() == "0"))
            {
                Some(text(&**end))
            } else {
                Some(format!("{} - {}", text(&**end), text(&**s)))
            }
        }
        Expr::Path(_) | Expr::Field(_) => {
            let ty = cx.type_of(e)?;
            match ty.peel_refs().view() {
                View::Vec(_) | View::Map(..) | View::Set(_) | View::Array(..) | View::Slice(_) => {
                    Some(format!("{}.len()", text(e)))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// How a collected `Vec` is used, when every use is one the iterator could
/// serve without the `Vec`.
#[derive(Debug, Default)]
pub(super) struct Consumed {
    /// `len()`, `is_empty()`.
    pub counts: u32,
    /// `for x in v`, `for x in &v`, `v.iter()`, `v.into_iter()`.
    pub walks: u32,
    /// `v[i]`, `v.first()`, `v.last()`.
    pub reads: u32,
    /// `v.join(sep)` on a `Vec` of string slices.
    pub joins: u32,
    /// Of `counts`, the `is_empty()`s that come before every walk: a
    /// `peekable()` iterator answers them without consuming an item.
    pub empties_first: u32,
}

/// A `.collect()` that initialises an immutable local `Vec`: the binding,
/// its facts and the collect call, for the rules that ask how the `Vec` is
/// used afterwards.
pub(super) fn collected_vec<'f>(
    cx: &'f FnCx<'_, '_>,
    site: &memaudit_facts::body::Site,
) -> Option<(
    u32,
    &'f memaudit_facts::body::Binding,
    &'f syn::ExprMethodCall,
)> {
    let b = site.let_binding?;
    let bd = cx.facts.bindings.get(b as usize)?;
    let is_vec = bd
        .ty
        .as_ref()
        .is_some_and(|t| matches!(t.view(), View::Vec(_)));
    if !is_vec || bd.mutable {
        return None;
    }
    match cx.expr(site).map(strip) {
        Some(Expr::MethodCall(m)) => Some((b, bd, m)),
        _ => None,
    }
}

/// The place an iterator chain starts from (`m` in `m.keys().cloned()`,
/// `self.items` in `self.items.iter()`) is changed after `pos` in the
/// function: a mutating method, an assignment or a `&mut` loan of it.
pub(super) fn source_changed_after(cx: &FnCx<'_, '_>, chain: &Expr, pos: Pos) -> bool {
    let mut e = strip(chain);
    while let Expr::MethodCall(m) = e {
        e = strip(&m.receiver);
    }
    let root = text(e);
    cx.facts
        .uses
        .iter()
        .any(|u| u.pos > pos && u.place == root.as_str() && u.kind.mutates())
}

/// Adaptors between a map's `keys()` and the `collect()` that
/// snapshot its keys.
const KEY_ADAPTORS: &[&str] = &[
    "copied",
    "cloned",
    "map",
    "filter",
    "filter_map",
    "into_iter",
];

/// `for k in m.keys().copied().collect::<Vec<_>>() { if .. { m.remove(&k); } }`:
/// the keys are copied into a `Vec` only so that the loop may remove entries
/// of the map it walks. `m.retain(|k, v| ..)` walks the map once and
/// removes in place, without the list.
fn keys_collected_to_remove(cx: &FnCx<'_, '_>, out: &mut Emitter<'_>, claimed: &mut Vec<Pos>) {
    for l in cx.facts.loops.iter().skip(1) {
        if l.kind != LoopKind::For {
            continue;
        }
        let Some(iter) = cx.loop_iter(l) else {
            continue;
        };
        let Expr::MethodCall(collect) = strip(iter) else {
            continue;
        };
        if collect.method != "collect" {
            continue;
        }
        // Down the chain to `<map>.keys()` (or `.iter()`).
        let mut e = strip(&collect.receiver);
        let map = loop {
            let Expr::MethodCall(m) = e else { break None };
            if m.method == "keys" {
                break Some(strip(&m.receiver));
            }
            if !KEY_ADAPTORS.iter().any(|a| m.method == a) {
                break None;
            }
            e = strip(&m.receiver);
        };
        let Some(map) = map else { continue };
        let place = text(map);
        let Some(site) = cx
            .facts
            .sites
            .iter()
            .find(|s| s.kind == SiteKind::Collect && s.range.start == Pos::start(iter))
        else {
            continue;
        };
        if site.cold.is_some() || claimed.contains(&site.range.start) {
            continue;
        }
        let removes = cx.facts.uses.iter().any(|u| {
            l.body.contains(u.pos)
                && u.place == place.as_str()
                && matches!(&u.kind, UseKind::MutRecv(m) if m == "remove")
        });
        if !removes {
            continue;
        }
        let mut d = Draft::new(Category::AllocationLoop, cx.site_lines(site), cx.path);
        d.impact = cx.impact_at(site.loop_id, 1, None);
        d.confidence = Confidence::High;
        d.safety = Safety::NeedsReview;
        d.issue = format!(
            "The keys of `{place}` are copied into a `Vec` only so that the loop can remove entries from `{place}` while walking it: one list allocated and filled on every pass, for a filter the map does in place."
        );
        d.proposal = format!(
            "{place}.retain(|{}, _| {{
    // the loop's test; return `false` where it removed the entry
    true
}});",
            if l.pattern.is_empty() {
                "k"
            } else {
                l.pattern.trim_start_matches('&')
            }
        );
        d.pros = vec!["No list of keys: one walk over the map, removing in place.".into()];
        d.cons = vec![
            "The loop's body becomes a closure that returns whether to keep each entry.".into(),
        ];
        claimed.push(site.range.start);
        out.emit(d);
    }
}

/// `let v: Vec<_> = iter.collect();` whose uses only count, walk once, read
/// one element or join: the `Vec` is an allocation (and a copy of every
/// item) that the iterator makes unnecessary.
fn collect_only_consumed(cx: &FnCx<'_, '_>, out: &mut Emitter<'_>, claimed: &mut Vec<Pos>) {
    for site in &cx.facts.sites {
        if site.kind != SiteKind::Collect
            || site.cold.is_some()
            || site.in_macro
            || site.parent != Parent::LetInit
            || claimed.contains(&site.range.start)
        {
            continue;
        }
        let Some((b, bd, m)) = collected_vec(cx, site) else {
            continue;
        };
        // The rewrite walks, counts or reads the chain itself: only a
        // sequential `Iterator` can (a rayon chain has no `for`). A chain
        // through another crate's methods is taken for one when the `Vec`
        // is only counted or read for its first item — `count()` and
        // `next()` are what any `collect()`able sequential chain has —
        // unless a link is an adaptor known to make a lazy group, not an
        // iterator (itertools' `group_by`, `chunk_by`).
        let Some(collected) = site.collected else {
            continue;
        };
        let Some(use_) = consumed(cx, b) else {
            continue;
        };
        // A snapshot of a collection changed afterwards: the chain's borrow
        // could not live across the change.
        if use_.walks > 0 && source_changed_after(cx, &m.receiver, site.range.end) {
            continue;
        }
        if !collected.std_iter
            && (collected.parallel
                || use_.walks + use_.joins > 0
                || chain_has(
                    &m.receiver,
                    &["group_by", "chunk_by", "into_group_map", "chunks"],
                ))
        {
            continue;
        }
        // A walk after a count or a read needs the items twice; an
        // emptiness test before the one walk is a `peekable()`'s `peek()`.
        let peeked = use_.walks == 1
            && use_.reads == 0
            && use_.counts > 0
            && use_.counts == use_.empties_first;
        if use_.walks > 1 || (use_.walks == 1 && use_.counts + use_.reads > 0 && !peeked) {
            continue;
        }
        // A chain with a standard macro in it reads back as the expander's
        // call (`__macro_matches(item)`, the pattern dropped): name the
        // chain instead of quoting code that would not compile.
        let iter = match super::code(&m.receiver) {
            t if t.contains("__macro_") => {
                format!("/* the iterator chain of line {} */", site.range.start.line)
            }
            t => t,
        };
        let name = bd.name.as_str();
        let (what, proposal) = match (use_.counts, use_.walks, use_.reads, use_.joins) {
            (1.., 1, 0, 0) => (
                "only tested for emptiness and then walked once",
                format!(
                    "let mut {name} = {iter}.peekable();\n// then `{name}.peek().is_none()` for `{name}.is_empty()`, and iterate `{name}` where the code iterated the `Vec`"
                ),
            ),
            (1.., 0, 0, 0) => (
                "only counted",
                format!(
                    "let {name}_len = {iter}.count();\n// then `{name}_len` for `{name}.len()`, `{name}_len == 0` for `{name}.is_empty()`"
                ),
            ),
            (0, 1, 0, 0) => (
                "walked once",
                format!(
                    "let {name} = {iter};\n// then iterate `{name}` where the code iterated the `Vec` (`for x in {name}`); the items are the iterator's own, not references into a `Vec`"
                ),
            ),
            (0, 0, 1, 0) => (
                "only read for its first item",
                format!("let first = {iter}.next();\n// then `first` (an `Option`) for `{name}[0]` / `{name}.first()`"),
            ),
            (1.., 0, 1, 0) => (
                "only counted and read for its first item",
                format!(
                    "let mut {name} = {iter};\nlet first = {name}.next();\nlet {name}_len = usize::from(first.is_some()) + {name}.count();\n// then `first` (an `Option`) for `{name}[0]`, `{name}_len` for `{name}.len()`"
                ),
            ),
            (0, 0, 0, 1) if joins_str(bd) => (
                "only joined",
                format!(
                    "let mut joined = String::new();\nfor (i, item) in {iter}.enumerate() {{\n    if i > 0 {{\n        joined.push_str(/* the separator */);\n    }}\n    joined.push_str(item);\n}}"
                ),
            ),
            _ => continue,
        };
        let mut d = Draft::new(Category::AllocationLoop, bd.stmt_lines, cx.path);
        d.impact = cx.impact_at(site.loop_id, 1, None);
        d.confidence = Confidence::High;
        d.safety = if use_.walks == 1 {
            Safety::NeedsReview
        } else {
            Safety::Safe
        };
        let per = if site.loop_id != 0 {
            format!(" on every {}", describe(cx, site.loop_id))
        } else {
            " on every call".to_owned()
        };
        d.issue = format!(
            "`{name}` collects every item into a new `Vec`{per}, but it is {what}: the iterator gives the same answer without the allocation and the copy of each item."
        );
        d.proposal = proposal;
        d.pros = vec![
            "No allocation and no copy of the items; the walk stops early where the code only needs the first ones.".into(),
        ];
        d.cons = vec![if use_.walks == 1 {
            "The iterator runs where the `Vec` was iterated, so side effects in its closures move there too.".to_owned()
        } else {
            "None when the iterator's closures have no side effects.".to_owned()
        }];
        claimed.push(site.range.start);
        out.emit(d);
    }
}

/// `it.collect::<Vec<_>>().into_iter()` (or `.iter()`, `.len()`,
/// `.is_empty()`) in one expression, or `for x in it.collect::<Vec<_>>()`:
/// a `Vec` built only to be walked again at once or counted, which the chain itself does without the allocation
/// and the copy of every item. Not reported: a backwards walk (`.rev()`,
/// which a forward-only chain may not offer), a chain whose source is
/// changed later in the function (the `Vec` is then a snapshot the borrow
/// needs), chains through lock or `RefCell` guards, rayon chains and lazy
/// groups (`group_by`).
fn collected_then_walked(cx: &FnCx<'_, '_>, out: &mut Emitter<'_>, claimed: &mut Vec<Pos>) {
    use memaudit_facts::body::CollectThen;
    // `for x in it.collect::<Vec<_>>()`: the loop walks the fresh `Vec`.
    let loop_heads: Vec<&Expr> = cx
        .facts
        .loops
        .iter()
        .skip(1)
        .filter(|l| l.kind == LoopKind::For)
        .filter_map(|l| cx.loop_iter(l).map(strip))
        .collect();
    for site in &cx.facts.sites {
        if site.kind != SiteKind::Collect
            || site.cold.is_some()
            || site.in_macro
            || claimed.contains(&site.range.start)
        {
            continue;
        }
        let Some(collected) = site.collected else {
            continue;
        };
        let Some(e) = cx.expr(site).map(strip) else {
            continue;
        };
        let loop_head = loop_heads.iter().any(|h| std::ptr::eq(*h, e));
        let Some(then) = collected.then.or(loop_head.then_some(CollectThen::Walked)) else {
            continue;
        };
        // Whatever `collect()` is called on is an `Iterator` (rayon's
        // parallel chains aside), so the chain itself walks or counts: no
        // need for it to be a known std chain. Lazy groups (itertools'
        // `group_by`) are not plain items and stay out.
        if collected.parallel || !matches!(then, CollectThen::Walked | CollectThen::Counted) {
            continue;
        }
        let Some(Expr::MethodCall(m)) = cx.expr(site).map(strip) else {
            continue;
        };
        if !turbofish_is_vec(m)
            || chain_has(&m.receiver, GUARDS)
            || chain_has(&m.receiver, &["group_by", "chunk_by", "chunks"])
            || (then == CollectThen::Walked
                && (source_changed_after(cx, &m.receiver, site.range.end)
                    || owner_changed_after(cx, &m.receiver, site.range.end)))
        {
            continue;
        }
        let (what, proposal) = match then {
            CollectThen::Walked => (
                "walked again at once",
                "// Drop `.collect::<Vec<_>>()` and its `.into_iter()`/`.iter()`: the chain is already an iterator
/* the iterator chain */",
            ),
            _ => (
                "only counted",
                "// `.count()` on the chain (or `.next().is_none()` for `is_empty()`) counts without a `Vec`
/* the iterator chain */.count()",
            ),
        };
        let per = if site.loop_id != 0 {
            format!(" on every {}", describe(cx, site.loop_id))
        } else {
            " on every call".to_owned()
        };
        let mut d = Draft::new(
            Category::AllocationLoop,
            (site.range.start.line, site.range.end.line),
            cx.path,
        );
        d.impact = cx.impact_at(site.loop_id, 1, None);
        d.confidence = Confidence::Medium;
        d.safety = Safety::NeedsReview;
        d.issue = format!(
            "`collect::<Vec<_>>()` builds a new `Vec`{per} that is {what}: the iterator gives the same items without the allocation and the copy of each one."
        );
        d.proposal = proposal.to_owned();
        d.pros = vec!["No allocation and no copy of the items.".into()];
        d.cons = vec![
            "The chain's closures now run lazily, as the items are consumed; a `Vec` kept only to end a borrow early must stay.".into(),
        ];
        claimed.push(site.range.start);
        out.emit(d);
    }
}

/// The chain's source, or whatever holds it (`self` for
/// `self.items.keys()`), is changed after `pos`, a call of a method that
/// takes `&mut self` included: `self.retire(..)` borrows the source too,
/// so the `Vec` is a needed snapshot.
fn owner_changed_after(cx: &FnCx<'_, '_>, chain: &Expr, pos: Pos) -> bool {
    let mut e = strip(chain);
    while let Expr::MethodCall(m) = e {
        e = strip(&m.receiver);
    }
    let root = text(e);
    cx.facts.uses.iter().any(|u| {
        let mutates = u.kind.mutates()
            || matches!(&u.kind, UseKind::Recv(m) if cx.table.method_takes_mut_self(m));
        mutates
            && u.pos > pos
            && root.starts_with(u.place.as_str())
            && matches!(root.as_bytes().get(u.place.len()), None | Some(&b'.'))
    })
}

/// Methods that hand out a guard: a chain through one borrows the guard,
/// which the collected `Vec` may be there to release.
const GUARDS: &[&str] = &["lock", "read", "write", "borrow", "borrow_mut", "try_lock"];

/// Whether `collect` names `Vec` in its turbofish (`collect::<Vec<_>>()`).
fn turbofish_is_vec(m: &syn::ExprMethodCall) -> bool {
    let Some(t) = &m.turbofish else {
        return false;
    };
    matches!(
        t.args.first(),
        Some(syn::GenericArgument::Type(syn::Type::Path(p)))
            if p.qself.is_none() && p.path.segments.last().is_some_and(|s| s.ident == "Vec")
    )
}

/// `let mut v = Vec::new(); for .. { v.push(..) } for x in v { .. }`: a
/// `Vec` filled by `push` in one loop and then only walked once, by a loop
/// beside the one that filled it. It stages the items between two passes;
/// handling each item where it is pushed needs no `Vec` (the maintainers'
/// fix in tantivy's segment writer: index each token stream as it is made).
fn staged_then_walked(cx: &FnCx<'_, '_>, out: &mut Emitter<'_>, claimed: &mut Vec<Pos>) {
    for site in &cx.facts.sites {
        if !matches!(
            site.kind,
            SiteKind::VecNew | SiteKind::EmptyVecMacro | SiteKind::VecWithCapacity
        ) || site.cold.is_some()
            || site.in_macro
            || claimed.contains(&site.range.start)
        {
            continue;
        }
        let Some(b) = site.let_binding else { continue };
        let bd = &cx.facts.bindings[b as usize];
        if !bd.mutable {
            continue;
        }
        let mut pushes = Vec::new();
        let mut walk = None;
        let mut other = false;
        for u in cx.facts.uses_of(b) {
            match &u.kind {
                UseKind::MutRecv(m)
                    if m == "push"
                        && u.loop_id != bd.loop_id
                        && cx.facts.loop_within(u.loop_id, bd.loop_id) =>
                {
                    pushes.push(u.pos)
                }
                _ if walk.is_none()
                    && u.loop_id == bd.loop_id
                    && loop_walks(cx, u.pos, bd.loop_id) =>
                {
                    walk = Some(u.pos)
                }
                UseKind::Move(Sink::Method(m))
                    if walk.is_none() && m == "into_iter" && u.loop_id == bd.loop_id =>
                {
                    walk = Some(u.pos)
                }
                _ => other = true,
            }
        }
        let Some(walk) = walk else { continue };
        if other || pushes.is_empty() || pushes.iter().any(|p| *p > walk) {
            continue;
        }
        // The pushes come from one loop (not the walk's).
        let name = bd.name.as_str();
        let mut d = Draft::new(Category::AllocationLoop, bd.stmt_lines, cx.path);
        d.impact = cx.impact_at(bd.loop_id, 1, None);
        d.confidence = Confidence::Medium;
        d.safety = Safety::NeedsReview;
        let per = if bd.loop_id != 0 {
            format!("on every {}", describe(cx, bd.loop_id))
        } else {
            "on every call".to_owned()
        };
        d.issue = format!(
            "`{name}` is a new `Vec` {per}, filled by `push` in one loop (line {}) and then only walked once (line {}): it stages the items between two passes, and the allocation and its regrowth buy nothing if each item is handled where it is pushed.",
            pushes[0].line, walk.line
        );
        d.proposal = format!(
            "// Handle each item where it is made, instead of pushing it into `{name}`:
// for .. {{ let item = ..; /* the body of the loop over `{name}` */ }}"
        );
        d.pros = vec!["No `Vec` allocation or regrowth; each item is used while it is hot.".into()];
        d.cons = vec![
            "The two loops' side effects interleave: only when the second loop does not need every item made first.".into(),
        ];
        claimed.push(site.range.start);
        out.emit(d);
    }
}

/// The uses of a collected `Vec` binding, if each one is served by its
/// iterator: counts, a single walk, a single element read, a join.
pub(super) fn consumed(cx: &FnCx<'_, '_>, b: u32) -> Option<Consumed> {
    let bd = &cx.facts.bindings[b as usize];
    let mut c = Consumed::default();
    let mut empties = Vec::new();
    let mut first_walk: Option<Pos> = None;
    for u in cx.facts.uses_of(b) {
        // A use inside a loop that the `Vec` does not share repeats.
        if u.loop_id != bd.loop_id && !loop_walks(cx, u.pos, bd.loop_id) {
            return None;
        }
        let walk = match &u.kind {
            UseKind::Recv(m) if m == "is_empty" => {
                c.counts += 1;
                empties.push(u.pos);
                false
            }
            UseKind::Recv(m) if m == "len" => {
                c.counts += 1;
                false
            }
            UseKind::Recv(m) if m == "iter" => true,
            UseKind::Recv(m) if m == "first" => {
                c.reads += 1;
                false
            }
            UseKind::Recv(m) if m == "join" => {
                c.joins += 1;
                false
            }
            UseKind::Move(Sink::Method(m)) if m == "into_iter" => true,
            UseKind::Ref if loop_walks(cx, u.pos, bd.loop_id) => true,
            UseKind::Read if cx.facts.index_reads.contains(&(u.pos, Some(0))) => {
                c.reads += 1;
                false
            }
            _ => return None,
        };
        if walk {
            c.walks += 1;
            first_walk = Some(first_walk.map_or(u.pos, |p| p.min(u.pos)));
        }
    }
    c.empties_first = match first_walk {
        Some(w) => empties.iter().filter(|p| **p < w).count() as u32,
        None => empties.len() as u32,
    };
    (c.counts + c.walks + c.reads + c.joins > 0).then_some(c)
}

/// Whether a method of `names` is a link of the chain `e`.
fn chain_has(e: &Expr, names: &[&str]) -> bool {
    match strip(e) {
        Expr::MethodCall(m) => names.iter().any(|n| m.method == n) || chain_has(&m.receiver, names),
        _ => false,
    }
}

/// Whether `pos` is the iterated expression of a `for` loop directly
/// inside loop `outer` (`for x in &v`).
fn loop_walks(cx: &FnCx<'_, '_>, pos: Pos, outer: u32) -> bool {
    cx.facts.loops.iter().skip(1).any(|l| {
        l.kind == LoopKind::For
            && l.parent == outer
            && cx
                .loop_iter(l)
                .and_then(|e| memaudit_facts::body::root_ident(e))
                .is_some_and(|id| Pos::of(id.span()) == pos)
    })
}

/// Whether a `Vec` binding holds string slices or strings, which
/// `String::push_str` takes.
fn joins_str(bd: &memaudit_facts::body::Binding) -> bool {
    matches!(bd.ty.as_ref().map(Ty::view), Some(View::Vec(t)) if matches!(t.peel_refs().view(), View::Str | View::OwnedStr))
}

/// `out.push_str(&format!(..))`, `out.push_str(&x.to_string())`: a
/// temporary `String` made only to be copied into another one; `write!`
/// formats straight into it.
fn pushed_temporary(cx: &FnCx<'_, '_>, out: &mut Emitter<'_>, claimed: &mut Vec<Pos>) {
    for site in &cx.facts.sites {
        if !matches!(site.kind, SiteKind::Format | SiteKind::ToString)
            || site.cold.is_some()
            || site.in_macro
            || site.parent != Parent::Ref
            || claimed.contains(&site.range.start)
        {
            continue;
        }
        let Some(Expr::MethodCall(call)) = cx.enclosing_call(site) else {
            continue;
        };
        if call.method != "push_str" || call.args.len() != 1 {
            continue;
        }
        let Some(expr) = cx.expr(site).map(strip) else {
            continue;
        };
        let args = match expr {
            Expr::Call(c) if site.kind == SiteKind::Format => args_code(c),
            Expr::MethodCall(m) if site.kind == SiteKind::ToString && m.args.is_empty() => {
                format!("\"{{}}\", {}", super::code(&m.receiver))
            }
            _ => continue,
        };
        if args.is_empty() {
            continue;
        }
        let target = super::code(&call.receiver);
        let mut d = Draft::new(Category::AllocationLoop, cx.site_lines(site), cx.path);
        d.impact = cx.impact_at(site.loop_id, 1, None);
        d.confidence = Confidence::High;
        d.safety = Safety::Safe;
        let per = if site.loop_id != 0 {
            format!("every {}", describe(cx, site.loop_id))
        } else {
            "every call".to_owned()
        };
        d.issue = format!(
            "`{}` builds a temporary `String` on {per} only to copy it into `{target}` and drop it.",
            site.kind.label()
        );
        d.proposal = format!(
            "use std::fmt::Write as _;\nwrite!({target}, {args}).unwrap(); // writes straight into the target String; cannot fail"
        );
        d.pros = vec!["No temporary `String`: one allocation (and copy) fewer per call.".into()];
        d.cons = vec!["Needs `std::fmt::Write` in scope.".into()];
        claimed.push(site.range.start);
        out.emit(d);
    }
}

/// `it.map(|x| format!("{x} ")).collect::<String>()`: every element is
/// formatted into its own temporary `String` only to be copied into the
/// collected one and dropped — the iterator form of [`pushed_temporary`].
/// A `fold` with `write!` formats each piece straight into the result.
/// The target must be a `String` the code names (`collect::<String>()`, a
/// `let s: String`); a `Vec<String>` keeps the pieces and is not this.
fn formatted_then_collected(cx: &FnCx<'_, '_>, out: &mut Emitter<'_>, claimed: &mut Vec<Pos>) {
    for coll in &cx.facts.sites {
        if coll.kind != SiteKind::Collect || coll.cold.is_some() || coll.in_macro {
            continue;
        }
        let Some(Expr::MethodCall(m)) = cx.expr(coll).map(strip) else {
            continue;
        };
        let turbofish_string = m.turbofish.as_ref().is_some_and(|t| {
            t.args.len() == 1
                && matches!(t.args.first(), Some(syn::GenericArgument::Type(syn::Type::Path(p))) if p.path.is_ident("String"))
        });
        let bound_string = coll.let_binding.is_some_and(|b| {
            matches!(
                cx.facts.bindings[b as usize].written.as_ref().map(Ty::view),
                Some(View::OwnedStr)
            )
        });
        if !turbofish_string && !bound_string {
            continue;
        }
        // The receiver is `<source>.map(|pat| format!(..))`.
        let Expr::MethodCall(map) = strip(&m.receiver) else {
            continue;
        };
        if map.method != "map" || map.args.len() != 1 {
            continue;
        }
        let Expr::Closure(step) = strip(&map.args[0]) else {
            continue;
        };
        let Some(piece) = cx.facts.sites.iter().find(|f| {
            f.kind == SiteKind::Format
                && matches!(&f.sink, Some(Sink::Yield(a)) if a == "map")
                && f.range.start >= Pos::start(&*step.body)
                && f.range.end <= Pos::end(&*step.body)
        }) else {
            continue;
        };
        if claimed.contains(&piece.range.start) || claimed.contains(&coll.range.start) {
            continue;
        }
        let Some(Expr::Call(fmt)) = cx.expr(piece).map(strip) else {
            continue;
        };
        let args = args_code(fmt);
        let Some(pat) = step.inputs.first() else {
            continue;
        };
        if args.is_empty() || step.inputs.len() != 1 {
            continue;
        }
        let source = super::code(&map.receiver);
        let pat = super::code(pat);
        let mut d = Draft::new(Category::AllocationLoop, cx.site_lines(coll), cx.path);
        d.impact = cx.impact_at(coll.loop_id, 1, None);
        d.confidence = Confidence::High;
        d.safety = Safety::Safe;
        d.issue = format!(
            "`format!` builds a temporary `String` for every element of `{}` only to copy it into the collected `String` and drop it: one allocation and one extra copy per element.",
            super::text(&map.receiver)
        );
        d.proposal = format!(
            "use std::fmt::Write as _;
{source}.fold(String::new(), |mut out, {pat}| {{
    let _ = write!(out, {args}); // writing to a String cannot fail
    out
}})"
        );
        d.pros = vec!["No temporary `String` per element; the result grows in place.".into()];
        d.cons =
            vec!["Needs `std::fmt::Write` in scope; a fold reads less plainly than `map`.".into()];
        claimed.push(piece.range.start);
        claimed.push(coll.range.start);
        out.emit(d);
    }
}

/// `let s = cow.into_owned(); dst.push_str(&s);` (also `format!`,
/// `.to_string()`, `.to_owned()` bound first): a `String` made only to be
/// copied into another one and dropped — the bound form of
/// [`pushed_temporary`]. The binding's one use must be the argument of a
/// `push_str` on the same line, in the same closure; a binding read again,
/// mutated or moved is left alone.
fn bound_then_pushed(cx: &FnCx<'_, '_>, out: &mut Emitter<'_>, claimed: &mut Vec<Pos>) {
    use memaudit_facts::body::Callee;
    for site in &cx.facts.sites {
        if !matches!(
            site.kind,
            SiteKind::Format | SiteKind::ToString | SiteKind::ToOwned | SiteKind::AllocMethod
        ) || site.cold.is_some()
            || site.in_macro
            || site.parent != Parent::LetInit
            || claimed.contains(&site.range.start)
        {
            continue;
        }
        let Some(b) = site.let_binding else { continue };
        let bd = &cx.facts.bindings[b as usize];
        if bd.mutable {
            continue;
        }
        let mut uses = cx.facts.uses_of(b);
        let (Some(u), None) = (uses.next(), uses.next()) else {
            continue;
        };
        if u.kind != UseKind::Ref || u.closure_id != site.closure_id || u.pos <= site.range.end {
            continue;
        }
        let pushed = cx.facts.calls.iter().any(|c| {
            c.pos.line == u.pos.line
                && c.closure_id == u.closure_id
                && matches!(&c.callee, Callee::Method { name, .. } if name == "push_str")
        });
        if !pushed {
            continue;
        }
        let Some(expr) = cx.expr(site).map(strip) else {
            continue;
        };
        let stringish = |e: &Expr| {
            cx.type_of(e)
                .is_some_and(|t| matches!(t.peel_refs().view(), View::OwnedStr | View::Str))
        };
        let (made, proposal) = match expr {
            Expr::Call(c) if site.kind == SiteKind::Format => {
                let args = args_code(c);
                if args.is_empty() {
                    continue;
                }
                (
                    "`format!` builds".to_owned(),
                    format!(
                        "use std::fmt::Write as _;\nwrite!(/* the String `push_str` extends */, {args}).unwrap(); // cannot fail"
                    ),
                )
            }
            Expr::MethodCall(m) if m.args.is_empty() => {
                let recv = super::code(&m.receiver);
                match m.method.to_string().as_str() {
                    // A `Cow` (`stem(..)`, `String::from_utf8_lossy(..)`):
                    // an owned result can be moved in, a borrowed one pushed.
                    "into_owned" => (
                        "`.into_owned()` copies a borrowed result into".to_owned(),
                        format!(
                            "match {recv} {{\n    Cow::Owned(s) => /* target */ = s, // already owned: move it in\n    Cow::Borrowed(s) => /* target */.push_str(s), // copy once\n}}"
                        ),
                    ),
                    "to_owned" | "to_string" if stringish(&m.receiver) => (
                        format!("`.{}()` copies `{recv}` into", m.method),
                        format!("/* target */.push_str({recv}); // push the borrowed text directly"),
                    ),
                    "to_string" => (
                        "`.to_string()` formats into".to_owned(),
                        format!(
                            "use std::fmt::Write as _;\nwrite!(/* target */, \"{{}}\", {recv}).unwrap(); // cannot fail"
                        ),
                    ),
                    _ => continue,
                }
            }
            _ => continue,
        };
        let mut d = Draft::new(Category::AllocationLoop, bd.stmt_lines, cx.path);
        d.impact = cx.impact_at(site.loop_id, 1, None);
        d.confidence = Confidence::High;
        d.safety = Safety::Safe;
        let per = if site.loop_id != 0 {
            format!("every {}", describe(cx, site.loop_id))
        } else {
            "every call".to_owned()
        };
        d.issue = format!(
            "{made} a new `String` `{}` on {per} whose only use is to be copied by `push_str` on line {} and dropped: the text is copied twice.",
            bd.name, u.pos.line
        );
        d.proposal = proposal;
        d.pros = vec!["One allocation and one copy fewer per call.".into()];
        d.cons = vec!["Where the source borrows the target, the `Cow` form (or a swap with a reused buffer) is needed.".into()];
        claimed.push(site.range.start);
        out.emit(d);
    }
}

#[cfg(test)]
mod tests {
    use memaudit_model::Category;

    use crate::{analyze_source, FileContext};

    fn loop_lines(src: &str) -> Vec<u32> {
        analyze_source("src/x.rs", src, &FileContext::new("demo"))
            .unwrap()
            .into_iter()
            .filter(|f| f.category == Category::AllocationLoop)
            .map(|f| f.line_start)
            .collect()
    }

    #[test]
    fn a_fold_grown_from_empty_is_a_sketch() {
        let src = "fn joined(parts: &[String]) -> String {
    parts.iter().fold(String::new(), |mut acc, p| {
        acc.push_str(p);
        acc
    })
}
fn longest(parts: &[String]) -> String {
    parts.iter().fold(String::new(), |best, p| if p.len() > best.len() { p.clone() } else { best })
}";
        let found: Vec<_> = analyze_source("src/x.rs", src, &FileContext::new("demo"))
            .unwrap()
            .into_iter()
            .filter(|f| f.category == Category::AllocationLoop)
            .collect();
        assert_eq!(
            found.iter().map(|f| f.line_start).collect::<Vec<_>>(),
            vec![2]
        );
        // No code in the proposal: the Validator keeps it as a LOW note.
        assert!(found[0]
            .proposal
            .lines()
            .all(|l| l.trim_start().starts_with("//")));
    }

    #[test]
    fn a_path_joined_per_probe_is_reported() {
        let src = "use std::path::Path;
fn find<'a>(start: &'a Path, names: &[String]) -> Option<&'a Path> {
    for dir in start.ancestors() {
        if names.iter().any(|n| dir
            .join(n)
            .exists())
        {
            return Some(dir);
        }
    }
    None
}";
        assert_eq!(loop_lines(src), vec![4]);
    }

    #[test]
    fn a_string_bound_only_to_be_pushed_is_reported() {
        let src = "use std::borrow::Cow;
pub struct Stem { out: String }
fn stem(s: &str) -> Cow<'_, str> { Cow::Borrowed(s) }
impl Stem {
    pub fn next(&mut self, word: &str) {
        let stemmed = stem(word).into_owned();
        self.out.clear();
        self.out.push_str(&stemmed);
    }
    pub fn kept(&mut self, word: &str) -> String {
        let stemmed = stem(word).into_owned();
        self.out.push_str(&stemmed);
        stemmed
    }
}";
        assert_eq!(loop_lines(src), vec![6]);
    }

    #[test]
    fn a_vec_grown_from_empty_in_bulk_steps_is_reported() {
        let src = "pub fn message(a: &[u8], b: &[u8]) -> Vec<u8> {
    let mut m = Vec::new();
    m.resize(64, b' ');
    m.extend_from_slice(a);
    m.extend_from_slice(b);
    m
}";
        assert_eq!(loop_lines(src), vec![2]);
        let two = src.replace("    m.resize(64, b' ');\n", "");
        assert!(loop_lines(&two).is_empty());
        let sized = src.replace("Vec::new()", "Vec::with_capacity(64 + a.len() + b.len())");
        assert!(loop_lines(&sized).is_empty());
    }

    #[test]
    fn a_vec_collected_only_to_be_walked_again_or_counted_is_reported() {
        let src = "pub fn names(v: &[String]) -> impl Iterator<Item = usize> + '_ {
    v.iter().map(|s| s.len()).collect::<Vec<_>>().into_iter()
}
pub fn long(v: &[String]) -> usize {
    v.iter().filter(|s| s.len() > 3).collect::<Vec<_>>().len()
}
pub fn upper(v: &[String], out: &mut Vec<String>) {
    for s in v.iter().map(|s| s.to_uppercase()).collect::<Vec<_>>() {
        out.push(s);
    }
}";
        assert_eq!(loop_lines(src), vec![2, 5, 8]);
        // Backwards, a set, or a snapshot of what the loop changes: silent.
        let back = "pub fn back(v: &[String]) -> Vec<usize> {
    v.iter().map(|s| s.len()).collect::<Vec<_>>().into_iter().rev().collect()
}
pub fn distinct(v: &[String]) -> usize {
    v.iter().collect::<std::collections::HashSet<_>>().len()
}
pub fn prune(v: &mut Vec<String>) {
    for s in v.iter().cloned().collect::<Vec<_>>().into_iter() {
        v.retain(|x| *x != s);
    }
}";
        assert!(loop_lines(back).is_empty(), "{:?}", loop_lines(back));
    }

    #[test]
    fn a_joined_path_that_is_kept_or_not_probed_is_not() {
        let kept = "use std::path::{Path, PathBuf};
fn keep(dir: &Path, names: &[String], out: &mut Vec<PathBuf>) {
    for n in names {
        out.push(dir.join(n));
    }
}";
        assert!(loop_lines(kept).is_empty());
        let read = "use std::path::Path;
fn read(dir: &Path, names: &[String]) -> usize {
    let mut total = 0;
    for n in names {
        total += std::fs::read(dir.join(n)).map_or(0, |b| b.len());
    }
    total
}";
        assert!(loop_lines(read).is_empty());
    }

    const MERGE: &str = "pub struct Set(Vec<u32>);
impl Set {
    pub fn from_sorted_iter(it: impl Iterator<Item = u32>) -> Result<Set, ()> { Ok(Set(it.collect())) }
}
impl std::ops::BitOrAssign for Set {
    fn bitor_assign(&mut self, o: Set) { self.0.extend(o.0) }
}
pub fn merge(acc: &mut Set, blocks: &[Vec<u32>]) {
    for block in blocks {
        let iter = block.iter().copied();
        let set = Set::from_sorted_iter(iter).unwrap();
        *acc |= set;
    }
}";

    #[test]
    fn a_set_built_per_iteration_only_to_be_merged_is_reported() {
        assert!(loop_lines(MERGE).contains(&11), "{:?}", loop_lines(MERGE));
    }

    #[test]
    fn a_set_that_is_also_read_or_merged_by_value_elsewhere_is_not() {
        let read = MERGE.replace(
            "*acc |= set;",
            "let n = set.0.len();\n        *acc |= set;\n        drop(n);",
        );
        assert!(!loop_lines(&read).contains(&11));
        let plus = MERGE.replace("*acc |= set;", "acc.0.extend(set.0);");
        assert!(!loop_lines(&plus).contains(&11));
    }

    #[test]
    fn keys_collected_to_remove_entries_are_reported() {
        let src = "use std::collections::HashMap;
pub fn prune(m: &mut HashMap<u32, String>, keep: &[u32]) {
    for k in m.keys().copied().collect::<Vec<_>>() {
        if !keep.contains(&k) {
            m.remove(&k);
        }
    }
}";
        assert_eq!(loop_lines(src), vec![3]);
    }

    #[test]
    fn a_snapshot_of_keys_for_a_map_changed_later_is_not_a_waste() {
        let src = "use std::collections::HashMap;
pub fn prune(m: &mut HashMap<u32, u32>, limit: u32) {
    let keys: Vec<u32> = m.keys().copied().collect();
    for k in keys {
        if k > limit {
            m.insert(k + 1, k);
        }
    }
}";
        assert!(loop_lines(src).is_empty());
    }

    #[test]
    fn pieces_formatted_only_to_be_collected_into_a_string_are_reported() {
        let src = "pub fn listed(names: &[&str]) -> String {
    names.iter().map(|n| format!(\"- {n}\\n\")).collect::<String>()
}
pub fn kept(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| format!(\"- {n}\")).collect::<Vec<String>>()
}";
        assert_eq!(loop_lines(src), vec![2]);
    }
}
