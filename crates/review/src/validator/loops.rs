//! Claims about a loop that the loop does not bear out: an empty collection
//! that is never grown (it never allocates), a value built once behind an
//! `is_none()` guard (not once per iteration), a collection of at most a few
//! items, and a collection of borrows whose owner is made in the loop
//! (hoisting it is E0597). Also when a site runs only on the iterations that
//! take a branch, so that the gain is said as it is.
//!
//! It must NOT decide how hot the loop is (`hot` does) nor where values go
//! (`flow` does).

use memaudit_facts::body::{shorten, SiteKind as RawKind, UseKind as RawUse};

use super::*;

pub(super) fn rule_empty_collection(case: &Case, site: &Site) -> Option<Fired> {
    if case.finding.category != Category::AllocationLoop || case.shape == proposal::Shape::Presize {
        return None;
    }
    let (item, s) = case.raw(site)?;
    if !s.kind.is_empty_buffer() {
        return None;
    }
    let b = s.let_binding?;
    let name = &item.facts.bindings.get(b as usize)?.name;
    // Grown, or handed on to code that may grow it: it allocates then.
    let touched = item.facts.uses_of(b).any(|u| {
        matches!(
            u.kind,
            RawUse::Mutate(_) | RawUse::MutRecv(_) | RawUse::Move(_)
        )
    });
    if touched {
        return None;
    }
    Some(Fired {
        description: format!(
            "`{name}` ({}) starts empty and is never grown: an empty collection does not allocate.",
            s.kind.label()
        ),
        risk: "The finding claims an allocation that does not happen.".into(),
        suggestion: "Drop the finding.".into(),
        counterexample: Some(format!(
            "`{}` at line {} makes an empty `{name}` with no heap buffer; nothing pushes into it, \
             writes to it or hands it on, so no iteration ever allocates for it.",
            s.kind.label(),
            site.start.line
        )),
        estimate: Some(assess(
            Answer::No,
            "an empty `Vec`, `String` or map allocates only when it first grows",
        )),
        ..Fired::default()
    })
}

pub(super) fn rule_lazy_once(case: &Case, site: &Site) -> Option<Fired> {
    let (item, s) = case.raw(site)?;
    if s.loop_id == 0 {
        return None;
    }
    let f = &item.facts;
    let body_start = f.loops.get(s.loop_id as usize)?.body.start;
    // `if x.is_none() { x = .. }` around the site, `x` declared outside the
    // loop: the branch runs the first time only.
    let guard = f.uses.iter().find(|check| {
        matches!(&check.kind, RawUse::Recv(m) if m == "is_none")
            && check.pos >= body_start
            && check.pos < s.range.start
            && check.cond_depth < s.cond_depth
            && f.bindings
                .get(check.binding as usize)
                .is_some_and(|b| !f.loop_within(b.loop_id, s.loop_id))
            && f.uses_of(check.binding).any(|set| {
                matches!(&set.kind, RawUse::Mutate(op) if op == "=")
                    && set.place == check.place
                    && set.pos > check.pos
                    && set.pos <= s.range.end
            })
    })?;
    let x = &guard.place;
    Some(Fired {
        description: format!(
            "{} runs only while `{x}` is `None` (the check at line {}), and the branch sets \
             `{x}`: it runs once per loop, not once per iteration.",
            site.label(),
            guard.pos.line
        ),
        risk: "The finding counts an allocation per iteration that happens once.".into(),
        suggestion: "Drop the finding: the value is built lazily, once.".into(),
        counterexample: Some(format!(
            "The first time the branch at line {} runs it assigns `{x}`; from then on \
             `{x}.is_none()` is false and {} at line {} is skipped. The loop pays for it once.",
            guard.pos.line,
            site.label(),
            site.start.line
        )),
        hot_path: Some(assess(
            Answer::No,
            format!("built once, lazily, behind `{x}.is_none()`"),
        )),
        ..Fired::default()
    })
}

/// When the site does not run on every iteration of its loop: the branch
/// (or the closure run later) it depends on. The gain of a change there is
/// only on the iterations that take it.
pub(super) fn conditional(case: &Case, site: &Site) -> Option<String> {
    let (item, s) = case.raw(site)?;
    if s.loop_id == 0 || item.facts.runs_every_iteration(s) {
        return None;
    }
    Some(
        s.branch
            .map(|b| format!("the branch at line {}", b.line))
            .unwrap_or_else(|| "a closure run later".to_owned()),
    )
}

pub(super) fn rule_tiny_collection(case: &Case, site: &Site) -> Option<Fired> {
    if !matches!(
        case.shape,
        proposal::Shape::Reuse | proposal::Shape::IterOnly
    ) {
        return None;
    }
    let (_, s) = case.raw(site)?;
    if s.kind != RawKind::Collect {
        return None;
    }
    // `.take(2)` or an array literal source bounds what is collected.
    let n = s.collected?.bound?;
    if n > 4 {
        return None;
    }
    let saves = if case.shape == proposal::Shape::IterOnly {
        "walking the iterator instead saves"
    } else {
        "a buffer reused across iterations saves"
    };
    Some(Fired {
        description: format!(
            "{} collects at most {n} items: {saves} one allocation of {n} elements.",
            site.label()
        ),
        risk: "The change adds code for a saving the allocator does not notice.".into(),
        suggestion: format!(
            "If it matters, take the {n} items without collecting (`next()`, a pattern, or an \
             array); otherwise leave it."
        ),
        counterexample: Some(format!(
            "At most {n} elements are collected at line {}: the allocation is a few dozen bytes, \
             served from the allocator's small-size cache, next to the work of the iteration \
             that builds them.",
            site.start.line
        )),
        estimate: Some(assess(
            Answer::No,
            format!("at most {n} elements: the saving is noise"),
        )),
        ..Fired::default()
    })
}

/// Iterator adaptors whose items borrow from the receiver.
const BORROWING_ADAPTORS: &[&str] = &[
    "lines",
    "split",
    "split_whitespace",
    "split_ascii_whitespace",
    "split_terminator",
    "rsplit",
    "splitn",
    "rsplitn",
    "iter",
    "keys",
    "values",
    "windows",
    "chunks",
    "matches",
    "split_inclusive",
];

/// Adaptors after which the items are owned again.
const OWNING_ADAPTORS: &[&str] = &[
    "map",
    "cloned",
    "copied",
    "to_owned",
    "to_string",
    "filter_map",
    "flat_map",
    "chars",
    "bytes",
];

/// Methods whose result borrows from their receiver, read inside a `.map`
/// closure (`|c| c.to_str().unwrap()`): the items borrow again.
const BORROWING_RESULTS: &[&str] = &[
    "to_str",
    "as_str",
    "as_bytes",
    "as_ref",
    "as_path",
    "as_os_str",
    "as_slice",
    "file_name",
    "extension",
    "trim",
    "trim_start",
    "trim_end",
    "get",
    "first",
    "last",
];

/// Methods after which the items own their data again.
const OWNING_RESULTS: &[&str] = &["into_owned", "to_path_buf", "to_vec", "into_string"];

/// Whether the items of a chain (`path.iter().map(|c| c.to_str()).collect()`)
/// borrow from its root: the last borrowing step comes after the last owning
/// one. Closure bodies are read as part of the chain's text.
fn chain_borrows(text: &str) -> bool {
    let methods: Vec<&str> = text
        .split('.')
        .skip(1)
        .map(|m| m.split(['(', ':']).next().unwrap_or(""))
        .collect();
    let borrowing = |m: &&str| BORROWING_ADAPTORS.contains(m) || BORROWING_RESULTS.contains(m);
    let owning = |m: &&str| OWNING_ADAPTORS.contains(m) || OWNING_RESULTS.contains(m);
    let last_borrow = methods.iter().rposition(borrowing);
    let last_owning = methods.iter().rposition(owning);
    last_borrow.is_some() && last_borrow > last_owning
}

/// The first identifier of an expression's text: `dir` in `dir.files(..)`.
fn root_of(text: &str) -> &str {
    text.trim_start_matches(['&', '*'])
        .trim_start_matches("mut ")
        .split(['.', '(', '['])
        .next()
        .unwrap_or("")
        .trim()
}

/// A binding made anew in each iteration of loop `l` that owns its value: a
/// `let` that does not bind a borrow, or (when `pattern_owns`) a `match` /
/// `if let` pattern inside the body whose type is not a reference. The loop's
/// own `for` pattern is not one: its items come from outside.
fn made_in_loop(
    f: &memaudit_facts::body::FnFacts,
    owner: &memaudit_facts::body::Binding,
    l: u32,
    pattern_owns: bool,
    table: &memaudit_facts::types::TypeTable,
) -> bool {
    let Some(lp) = f.loops.get(l as usize) else {
        return false;
    };
    if owner.loop_id == 0 || !f.loop_within(owner.loop_id, l) || owner.pos < lp.body.start {
        return false;
    }
    match owner.kind {
        memaudit_facts::body::BindKind::Let => {
            owner.init.as_ref().is_none_or(|i| !i.text.starts_with('&'))
        }
        _ => match &owner.ty {
            Some(t) => t.is_heap_owned(table) || (pattern_owns && !t.is_ref()),
            None => pattern_owns,
        },
    }
}

pub(super) fn rule_loop_local_owner(case: &Case, site: &Site) -> Option<Fired> {
    if case.shape != proposal::Shape::Reuse {
        return None;
    }
    let (item, s) = case.raw(site)?;
    if s.kind != RawKind::Collect || s.loop_id == 0 {
        return None;
    }
    let f = &item.facts;
    let ty = s
        .let_binding
        .and_then(|b| f.bindings.get(b as usize))
        .and_then(|b| b.ty.as_ref());
    // A lifetime written in the element type (`Vec<File<'_>>`) says the
    // items borrow; a fully known type without one says they do not.
    let says_lifetime = ty.is_some_and(|t| t.may_borrow());
    let borrows = match ty.map(|t| (t, t.to_string())) {
        _ if says_lifetime => true,
        Some((_, t)) if !t.contains('?') && !t.contains('_') => false,
        _ => chain_borrows(&s.text),
    };
    if !borrows {
        return None;
    }
    let root = root_of(&s.text);
    // Not the `let` the site initialises (`let chunk = chunk.collect()`).
    let owner_idx = f
        .bindings
        .iter()
        .enumerate()
        .filter(|(i, b)| {
            b.name == root
                && Some(*i as u32) != s.let_binding
                && b.pos <= s.range.start
                && s.range.start <= b.scope_end
        })
        .max_by_key(|(_, b)| b.pos)
        .map(|(i, _)| i as u32)?;
    let owner = f.bindings.get(owner_idx as usize)?;
    // The owner must be made inside the loop the buffer would be hoisted
    // out of (the innermost one).
    if !made_in_loop(f, owner, s.loop_id, says_lifetime, &case.facts.raw.table) {
        return None;
    }
    let what = ty.map_or_else(|| "a collection of borrows".to_owned(), |t| t.to_string());
    Some(Fired {
        description: format!(
            "{} holds borrows of `{root}` ({what}), and `{root}` is made anew in each \
             iteration (line {}): a buffer hoisted above the loop cannot hold them.",
            site.label(),
            owner.pos.line
        ),
        risk: format!("The proposal does not compile (E0597: `{root}` does not live long enough)."),
        suggestion: format!(
            "Keep the per-iteration collection, or avoid collecting: iterate `{root}` directly."
        ),
        counterexample: Some(format!(
            "A buffer declared above the loop has one element type for all iterations, so the \
             items it holds must outlive every iteration; `{root}`, declared at line {} inside \
             the loop, is dropped at the end of each one while the buffer still borrows it \
             (E0597).",
            owner.pos.line
        )),
        lifetime: Some(check(
            CheckStatus::Fail,
            format!("`{root}` is dropped at the end of each iteration while the hoisted buffer borrows it"),
        )),
        ..Fired::default()
    })
}

/// Methods that put a value into a collection.
const FILLING: &[&str] = &["push", "push_back", "push_front", "insert", "extend"];

/// A hoisted empty buffer whose items come from a value made in each
/// iteration: where, and whether a workspace signature shows the items
/// borrow that value.
struct LoopLocalItems {
    label: String,
    buffer: String,
    method: String,
    at: u32,
    source: String,
    root: String,
    owner_line: u32,
    /// The workspace method that yields the items from `root`, when its
    /// signature lends from its receiver (`fn files<'dir>(&'dir self) ->
    /// Files<'dir>`): the items borrow `root`.
    lends: Option<String>,
}

fn loop_local_items(case: &Case) -> Option<LoopLocalItems> {
    if case.finding.category != Category::AllocationLoop || case.shape != proposal::Shape::Reuse {
        return None;
    }
    let site = case.main?;
    let (item, s) = case.raw(site)?;
    if !s.kind.is_empty_buffer() || s.loop_id == 0 || s.kind == RawKind::StringNew {
        return None;
    }
    let f = &item.facts;
    let b = s.let_binding?;
    let buffer = f.bindings.get(b as usize)?;
    if let Some(t) = &buffer.ty {
        let text = t.to_string();
        if !t.may_borrow() && !text.contains('?') && !text.contains('_') {
            return None;
        }
    }
    let table = &case.facts.raw.table;
    // The values put into the buffer: moved into its `push(..)` on the line
    // of the call, after the receiver.
    let fills = f.uses_of(b).filter_map(|u| match &u.kind {
        RawUse::MutRecv(m) if FILLING.contains(&m.as_str()) => Some((u.pos, m.clone())),
        _ => None,
    });
    for (at, method) in fills {
        let pushed = f.uses.iter().filter(|u| {
            u.pos.line == at.line
                && u.pos > at
                && matches!(&u.kind, RawUse::Move(memaudit_facts::body::Sink::Method(m)) if *m == method)
        });
        for u in pushed {
            let Some(v) = f.bindings.get(u.binding as usize) else {
                continue;
            };
            if v.ty.as_ref().is_some_and(|t| {
                let text = t.to_string();
                !t.may_borrow() && !text.contains('?') && !text.contains('_')
            }) {
                continue;
            }
            // Where the value comes from: the iterated expression of the
            // `for` that binds it, or its `let` initialiser.
            let from = f
                .loops
                .iter()
                .skip(1)
                .find(|l| {
                    l.kind == memaudit_facts::body::LoopKind::For
                        && l.start < v.pos
                        && v.pos < l.body.start
                })
                .map(|l| (l.source.clone(), l.start))
                .or_else(|| {
                    v.init
                        .as_ref()
                        .filter(|i| chain_borrows(&i.text))
                        .map(|i| (i.text.clone(), v.pos))
                });
            let Some((source, from_at)) = from else {
                continue;
            };
            let root = root_of(&source);
            let Some(owner) = f
                .binding_at(root, from_at)
                .and_then(|o| f.bindings.get(o as usize))
            else {
                continue;
            };
            if !made_in_loop(f, owner, s.loop_id, true, table) {
                continue;
            }
            return Some(LoopLocalItems {
                label: site.label(),
                buffer: buffer.name.to_string(),
                method: method.to_string(),
                at: at.line,
                root: root.to_owned(),
                owner_line: owner.pos.line,
                lends: lending_method(table, &source, root),
                source,
            });
        }
    }
    None
}

/// The first method called on `root` in `source` (`dir.files(..)` →
/// `files`), when the workspace declares it taking `&self` or `&mut self`
/// and returning a type that holds a borrow: what it returns borrows
/// `root`.
fn lending_method(
    table: &memaudit_facts::types::TypeTable,
    source: &str,
    root: &str,
) -> Option<String> {
    let rest = source.strip_prefix(root)?.strip_prefix('.')?;
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    let (name, after) = rest.split_at(end);
    if !after.starts_with('(') {
        return None;
    }
    let sig = table.method_sig(name)?;
    let ret = sig.ret.as_ref()?;
    (sig.self_mut.is_some() && !sig.self_owned && ret.may_borrow())
        .then(|| format!("`{name}` takes `&self` and returns `{ret}`"))
}

/// The items' origin is made in each iteration and the syntax cannot tell
/// whether they borrow it: the answer decides whether the proposal
/// compiles.
pub(super) fn rule_loop_local_items(case: &Case, _: &Review) -> Option<Fired> {
    let l = loop_local_items(case).filter(|l| l.lends.is_none())?;
    let (source, root) = (shorten(&l.source), &l.root);
    let mut fired = needs(
        format!(
            "{} would be hoisted above the loop, but the items `.{}(..)`ed into `{}` at line {} \
             come from `{source}`, and `{root}` is made anew in each iteration (line {}). Do \
             the items of `{source}` borrow `{root}`?",
            l.label, l.method, l.buffer, l.at, l.owner_line,
        ),
        "If they borrow it, a buffer declared above the loop outlives what it holds and \
         the proposal does not compile (E0597).",
        format!(
            "Show that the items of `{source}` own their data (their type has no lifetime), or \
             keep the per-iteration buffer."
        ),
    )?;
    fired.lifetime = Some(check(
        CheckStatus::Unclear,
        format!(
            "whether the items of `{source}` borrow `{root}`, dropped at the end of each \
             iteration, decides whether a hoisted buffer may hold them"
        ),
    ));
    Some(fired)
}

/// The same buffer when the workspace's signature of the method that
/// yields the items lends from `root`: a hoisted buffer would hold borrows
/// of a value dropped at the end of each iteration.
pub(super) fn rule_loop_local_borrowed_items(case: &Case, _: &Review) -> Option<Fired> {
    let l = loop_local_items(case)?;
    let lends = l.lends.as_deref()?;
    let (source, root) = (shorten(&l.source), &l.root);
    Some(Fired {
        description: format!(
            "{} would be hoisted above the loop, but the items `.{}(..)`ed into `{}` at line {} \
             come from `{source}`, which borrows `{root}` ({lends}), and `{root}` is made anew \
             in each iteration (line {}).",
            l.label, l.method, l.buffer, l.at, l.owner_line,
        ),
        risk: format!("The proposal does not compile (E0597: `{root}` does not live long enough)."),
        suggestion: "Keep the per-iteration buffer.".into(),
        counterexample: Some(format!(
            "A buffer declared above the loop holds items that borrow `{root}`; `{root}`, made \
             at line {} inside the loop, is dropped at the end of each iteration while the \
             buffer still holds them (E0597).",
            l.owner_line
        )),
        lifetime: Some(check(
            CheckStatus::Fail,
            format!("`{root}` is dropped at the end of each iteration while the hoisted buffer borrows it"),
        )),
        ..Fired::default()
    })
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use memaudit_model::{Category, Verdict};

    const REUSE_VEC: &str = "let mut lines = Vec::new(); // once, before the loop\n// in the loop body:\nlines.clear();\nlines.extend(source.lines());";

    #[test]
    fn an_empty_collection_never_grown_does_not_allocate() {
        let src = r#"
pub fn f(rows: &[String]) -> usize {
    let mut n = 0;
    for r in rows {
        let none: Vec<u8> = vec![];
        let mut some = Vec::new();
        some.push(r.len());
        n += none.len() + some.len();
    }
    n
}
"#;
        let reuse = "let mut none = Vec::new(); // once, before the loop\n// in the loop body:\nnone.clear(); // keeps the capacity";
        check(
            &Given::new(src, Category::AllocationLoop, "let none")
                .proposal(reuse)
                .hot(),
            Verdict::Rejected,
            &["[rule: empty-collection]", "never grown"],
        );
        let reuse = "let mut some = Vec::new(); // once, before the loop\n// in the loop body:\nsome.clear(); // keeps the capacity";
        check(
            &Given::new(src, Category::AllocationLoop, "let mut some")
                .proposal(reuse)
                .hot(),
            Verdict::Approved,
            &[],
        );
    }

    #[test]
    fn a_value_built_behind_is_none_runs_once() {
        let src = r#"
pub fn wrap(text: &str, width: usize) -> usize {
    let mut pad: Option<String> = None;
    let mut n = 0;
    for c in text.chars() {
        if c == ' ' {
            if pad.is_none() {
                pad = Some(format!("{width} "));
            }
            n += pad.as_ref().map_or(0, |p| p.len());
        }
    }
    n
}
"#;
        check(
            &Given::new(src, Category::AllocationLoop, "pad = Some(format!")
                .proposal("use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"{width} \").unwrap();")
                .hot(),
            Verdict::Rejected,
            &["[rule: lazy-once]", "`pad.is_none()`"],
        );
    }

    #[test]
    fn the_gain_of_a_conditional_allocation_is_said_plainly() {
        let src = r#"
pub fn f(rows: &[String]) -> usize {
    let mut n = 0;
    for r in rows {
        match r.len() {
            0 => n += 1,
            _ => n += format!("{r}!").len(),
        }
    }
    n
}
"#;
        let g = Given::new(src, Category::AllocationLoop, "format!(\"{r}!\")")
            .proposal("use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"{r}!\").unwrap();")
            .hot();
        // Whatever the issue says, the validation states the gain as it is:
        // only the iterations that take the arm allocate there.
        for issue in [
            "`format!()` allocates on every iteration of `for r in rows`.",
            "`format!()` allocates on each iteration of `for r in rows` that takes this path (the branch at line 7), not on every iteration.",
        ] {
            check(
                &g.clone().issue(issue),
                Verdict::Approved,
                &["only on the iterations that take the branch at line 7"],
            );
        }
    }

    #[test]
    fn a_collection_of_two_items_is_not_worth_a_buffer() {
        let src = r#"
pub fn names(gpus: &[(String, u32)]) -> Vec<String> {
    gpus.iter()
        .map(|gpu| {
            let last = gpu.0.split_whitespace().rev().take(2).collect::<Vec<_>>();
            let all = gpu.0.split_whitespace().collect::<Vec<_>>();
            format!("{} {}", last.len(), all.len())
        })
        .collect()
}
"#;
        let reuse = "let mut buf = Vec::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nbuf.extend(/* the same iterator */);";
        let collect = "`.collect()` allocates on every element of `gpus.iter().map(..)`.";
        check(
            &Given::new(src, Category::AllocationLoop, "take(2)")
                .proposal(reuse)
                .issue(collect)
                .hot(),
            Verdict::Rejected,
            &["[rule: tiny-collection]", "at most 2 items"],
        );
        check(
            &Given::new(src, Category::AllocationLoop, "let all")
                .proposal(reuse)
                .issue(collect)
                .hot(),
            Verdict::Approved,
            &[],
        );
    }

    #[test]
    fn borrows_of_a_value_made_in_the_loop_cannot_be_hoisted() {
        let src = r#"
pub fn count(paths: &[String], names: &[String]) -> usize {
    let mut n = 0;
    for p in paths {
        let source = std::fs::read_to_string(p).unwrap_or_default();
        let lines: Vec<&str> = source.lines().collect();
        n += lines.len();
    }
    for name in names {
        let parts: Vec<&str> = name.split(':').collect();
        n += parts.len();
    }
    n
}
"#;
        check(
            &Given::new(src, Category::AllocationLoop, "source.lines().collect()")
                .proposal(REUSE_VEC)
                .hot(),
            Verdict::Rejected,
            &["[rule: loop-local-owner]", "E0597"],
        );
        // `name` borrows from `names`, which outlives the loop.
        check(
            &Given::new(src, Category::AllocationLoop, "name.split(':')")
                .proposal("let mut parts = Vec::new(); // once, before the loop\n// in the loop body:\nparts.clear();\nparts.extend(name.split(':'));")
                .hot(),
            Verdict::Approved,
            &[],
        );
    }

    #[test]
    fn items_with_a_lifetime_from_a_value_made_in_the_loop_cannot_be_hoisted() {
        let src = r#"
pub struct Folder { names: Vec<String> }
pub struct Entry<'a> { name: &'a str }
impl Folder {
    pub fn entries(&self) -> impl Iterator<Item = Entry<'_>> {
        self.names.iter().map(|n| Entry { name: n })
    }
}
fn open(p: &str) -> std::io::Result<Folder> { Ok(Folder { names: vec![p.to_owned()] }) }
pub fn walk(paths: &[String]) -> usize {
    let mut n = 0;
    for p in paths {
        match open(p) {
            Ok(folder) => {
                let found: Vec<Entry<'_>> = folder.entries().collect();
                n += found.len();
            }
            Err(_) => {}
        }
    }
    n
}
pub fn parts(paths: &[std::path::PathBuf]) -> usize {
    let mut n = 0;
    for p in paths {
        let joined = p.join("x");
        let parts: Vec<_> = joined.iter().map(|c| c.to_str().unwrap_or("")).collect();
        n += parts.len();
    }
    n
}
pub fn owned_parts(paths: &[std::path::PathBuf]) -> usize {
    let mut n = 0;
    for p in paths {
        let joined = p.join("x");
        let names: Vec<_> = joined.iter().map(|c| c.to_string_lossy().into_owned()).collect();
        n += names.len();
    }
    n
}
"#;
        let reuse = "let mut buf = Vec::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nbuf.extend(/* the same iterator */);";
        check(
            &Given::new(src, Category::AllocationLoop, "let found")
                .proposal(reuse)
                .hot(),
            Verdict::Rejected,
            &["[rule: loop-local-owner]", "`folder`"],
        );
        check(
            &Given::new(src, Category::AllocationLoop, "c.to_str()")
                .proposal(reuse)
                .hot(),
            Verdict::Rejected,
            &["[rule: loop-local-owner]", "`joined`"],
        );
        // Owned strings: nothing borrows `joined` once collected.
        check(
            &Given::new(src, Category::AllocationLoop, "into_owned()")
                .proposal(reuse)
                .hot(),
            Verdict::Approved,
            &[],
        );
    }

    #[test]
    fn items_pushed_from_a_value_made_in_the_loop_are_a_question() {
        let src = r#"
pub struct Node { children: Vec<String> }
impl Node {
    pub fn kids(&self) -> std::slice::Iter<'_, String> { self.children.iter() }
}
pub fn render(nodes: Vec<Option<Node>>) -> usize {
    let mut n = 0;
    for node in nodes.into_iter() {
        let mut kids = Vec::new();
        if let Some(ref dir) = node {
            for k in dir.kids() {
                kids.push(k);
            }
        }
        n += kids.len();
    }
    n
}
pub fn lengths(nodes: &[Node]) -> usize {
    let mut n = 0;
    for node in nodes {
        let mut lens = Vec::new();
        for k in node.kids() {
            lens.push(k.len());
        }
        n += lens.len();
    }
    n
}
"#;
        let reuse = |b: &str| {
            format!("let mut {b} = Vec::new(); // once, before the loop\n// in the loop body:\n{b}.clear(); // keeps the capacity")
        };
        // `kids` is declared here lending from its receiver: the items
        // borrow `dir`, made in each iteration.
        check(
            &Given::new(src, Category::AllocationLoop, "let mut kids")
                .proposal(&reuse("kids"))
                .hot(),
            Verdict::Rejected,
            &[
                "[rule: loop-local-borrowed-items]",
                "`kids` takes `&self` and returns",
                "E0597",
            ],
        );
        // A method the workspace does not declare: the question stays.
        let foreign = src.replace("dir.kids()", "dir.entries()");
        check(
            &Given::new(&foreign, Category::AllocationLoop, "let mut kids")
                .proposal(&reuse("kids"))
                .hot(),
            Verdict::NeedsWork,
            &["[rule: loop-local-items]", "`dir`", "borrow"],
        );
        // `node` borrows from `nodes`, which outlives the loop; the lengths are owned anyway.
        check(
            &Given::new(src, Category::AllocationLoop, "let mut lens")
                .proposal(&reuse("lens"))
                .hot(),
            Verdict::Approved,
            &[],
        );
    }
}
