//! UNNECESSARY_CLONE: `.clone()`, `.to_owned()`, `.to_string()` and
//! `.to_vec()` where a borrow or a move would do.
//!
//! Fires on:
//! - `&x.clone()` (and the other three): a copy made only to be lent, unless
//!   the same root is borrowed mutably by the enclosing call (the clone then
//!   breaks a borrow conflict);
//! - `x.clone()` of an owned local that is never used again: move it; so
//!   is the item a loop owns (`for x in v`, `v.into_iter().map(|x| ..)`
//!   over an owned `Vec`, `drain(..)`), cloned at its last use in the body;
//! - `let y = x.clone()` where `y` is only read and `x` is not mutated or
//!   moved while `y` lives: borrow it;
//! - `let y = x.f().to_owned()` (or `.to_string()` of text) where `y` is
//!   only lent or read and `x` is not touched while `y` lives: keep the
//!   borrow `x.f()` returns;
//! - a heap-owning value declared outside a loop cloned on every iteration
//!   and passed by value (share it, or let the callee borrow);
//! - `let v: Vec<_> = it.cloned().collect()` (or `.map(|x| x.clone())`)
//!   where `v` is then only walked once, counted or read for one item: the
//!   borrowed items serve those reads, so every clone is waste;
//! - `let v = xs.to_vec()` (or a `match` of such copies and one-element
//!   `vec![..]`s) only walked once: iterate the borrowed slice;
//! - `v[i].clone()` of a local `Vec` not used again on any later path:
//!   move the element out (`swap_remove`, `pop`);
//! - `f(x.clone())` where `f` is a private function of the file that only
//!   reads that `String`/`Vec` parameter: let it borrow;
//! - a private helper returning `String` whose every return value copies
//!   (a slice of) its one `&str` parameter: return the slice;
//! - a function returning `String` that gives back its `&str` argument
//!   unchanged (copied whole) on one path while another computes a new text
//!   (`format!`, `replace`, …): `Cow<'_, str>` lends it on that path;
//! - `let h = x.clone()` only read for `h.id()` (cheap handles included);
//! - `x.clone()` of a `ref` binding of a `match` over an owned local's
//!   place, at its last use: bind by value and move;
//! - `LIST.contains(&x.to_trimmed_string().as_str())`: a text accessor's
//!   owned form made only for a lookup;
//! - a copy that is one side of a comparison (`a == b.to_string()`,
//!   `t == Some("x".to_owned())`, `v.clone() > w`): compared by reference
//!   and dropped;
//! - a function returning `Vec<char>`;
//! - an always-owned `Cow<str>` built by pushing one `char` at a time.
//!
//! Deliberately ignores: `Arc`/`Rc`/`Weak` and other cheap handles, `Copy`
//! types, `Arc::clone(&x)` calls, clones on cold paths (error construction,
//! `map_err`, `panic!` arguments, diverging branches) and in constructors,
//! clones whose source is used, mutated or moved afterwards, values moved
//! into closures or spawned tasks, and `to_string()` on non-string types
//! (a conversion, not a copy).

use memaudit_facts::body::{root_ident, strip, BindKind, Parent, Site, SiteKind, UseKind};
use memaudit_facts::names::{is_in, READ_ONLY};
use memaudit_facts::{Pos, Ty, View};
use memaudit_model::{Category, Confidence, Safety};
use syn::Expr;

use super::{text, FnCx, FnRole};
use crate::emit::{Draft, Emitter};

pub(crate) fn check(cx: &FnCx<'_, '_>, out: &mut Emitter<'_>, claimed: &mut Vec<Pos>) {
    if !out.wants(Category::UnnecessaryClone) || cx.role == FnRole::Cold {
        return;
    }
    // A constructor runs once per value built: only a copy that a move
    // replaces outright (the last use of an owned local) is reported there,
    // a one-token change that is never worse however often it runs.
    let constructor = cx.role == FnRole::Constructor;
    if !matches!(cx.role, FnRole::Main | FnRole::Constructor) {
        looked_up_text(cx, out, claimed);
        char_vec_return(cx, out);
        owned_cow_from_chars(cx, out, claimed);
        cloned_collect(cx, out, claimed);
        walked_copy(cx, out, claimed);
        returned_param_copy(cx, out, claimed);
        returned_input_unchanged(cx, out, claimed);
    }
    for site in &cx.facts.sites {
        if site.cold.is_some()
            || site.in_macro
            || !matches!(
                site.kind,
                SiteKind::Clone | SiteKind::ToOwned | SiteKind::ToString | SiteKind::ToVec
            )
        {
            continue;
        }
        let Some(Expr::MethodCall(m)) = cx.expr(site) else {
            continue;
        };
        let recv = strip(&m.receiver);
        let rty = cx.type_of(recv);
        if let Some(t) = &rty {
            let t = t.peel_refs();
            if (matches!(t.view(), View::Shared(_) | View::Handle) && !cloned_for_id(cx, site))
                || t.is_copy(cx.table)
            {
                continue;
            }
        }
        // `.clone()` on `&str`/`&[T]` copies the reference, not the data.
        if site.kind == SiteKind::Clone
            && matches!(&rty, Some(Ty::Ref { inner, .. }) if matches!(inner.view(), View::Str | View::Slice(_) | View::Opaque))
        {
            continue;
        }
        let stringish = matches!(
            recv,
            Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(_),
                ..
            })
        ) || rty
            .as_ref()
            .is_some_and(|t| matches!(t.peel_refs().view(), View::OwnedStr | View::Str));
        if site.kind == SiteKind::ToString && !stringish && !text_accessor(recv) {
            continue;
        }
        // Method calls on temporaries (`f().clone()`) cannot be borrowed
        // past the statement; only places are considered.
        let is_place = root_ident(recv).is_some()
            && !matches!(recv, Expr::MethodCall(_) | Expr::Call(_) | Expr::Lit(_));
        let is_literal = matches!(recv, Expr::Lit(_));
        let d = if constructor {
            is_place
                .then(|| move_instead(cx, site, recv, &rty))
                .flatten()
                .or_else(|| field_move_instead(cx, site, recv, &rty))
        } else if let Some(d) = accessor_copy(cx, site, recv, &rty) {
            Some(d)
        } else if let Some(d) = looked_up_accessor_copy(cx, site, recv) {
            Some(d)
        } else if let Some(d) = compared_copy(cx, site, recv) {
            Some(d)
        } else if site.parent == Parent::Ref && (is_place || is_literal) {
            lend_copy(cx, site, recv)
        } else if !is_place {
            temporary_only_read(cx, site, recv, stringish)
        } else {
            // A move (a one-token edit) before a signature change.
            move_instead(cx, site, recv, &rty)
                .or_else(|| field_move_instead(cx, site, recv, &rty))
                .or_else(|| ref_pattern_clone(cx, site, recv))
                .or_else(|| copy_for_reader(cx, site, recv))
                .or_else(|| element_at_last_use(cx, site, recv, &rty))
                .or_else(|| borrow_instead(cx, site, recv, &rty))
                .or_else(|| loop_invariant(cx, site, recv, &rty))
        };
        if let Some(d) = d {
            claimed.push(site.range.start);
            out.emit(d);
        }
    }
}

/// `let v: Vec<_> = it.filter(..).cloned().collect();` with `v` only walked
/// once, counted or read for its first item (the uses the collect rule of
/// ALLOCATION_LOOP accepts): the `Vec` exists to hold clones that nothing
/// keeps. Claimed here so the collect rule does not report the same `Vec`
/// as a mere allocation — the maintainers' fix drops the clones.
fn cloned_collect(cx: &FnCx<'_, '_>, out: &mut Emitter<'_>, claimed: &mut Vec<Pos>) {
    for site in &cx.facts.sites {
        if site.kind != SiteKind::Collect
            || site.cold.is_some()
            || site.in_macro
            || site.parent != Parent::LetInit
            || claimed.contains(&site.range.start)
            // Only a sequential std iterator can be walked in the `Vec`'s place.
            || !site.collected.is_some_and(|c| c.std_iter)
        {
            continue;
        }
        let Some((b, bd, m)) = super::allocation_loop::collected_vec(cx, site) else {
            continue;
        };
        let Some(borrowed) = cloned_link(&m.receiver) else {
            continue;
        };
        let Some(use_) = super::allocation_loop::consumed(cx, b) else {
            continue;
        };
        // The clones are a snapshot when the collection they come from is
        // changed afterwards (`for k in keys { map.remove(&k) }`): a borrow
        // of it could not live across the change.
        if super::allocation_loop::source_changed_after(cx, &m.receiver, site.range.end) {
            continue;
        }
        // A walk after a count or a read needs the items twice; a join
        // needs owned or borrowed strings alike, so it stays the collect
        // rule's.
        if use_.walks > 1 || (use_.walks == 1 && use_.counts + use_.reads > 0) || use_.joins > 0 {
            continue;
        }
        let what = match (use_.counts > 0, use_.walks > 0, use_.reads > 0) {
            (_, true, _) => "walked once",
            (true, false, false) => "only counted",
            (false, false, true) => "only read for its first item",
            _ => "only counted and read for its first item",
        };
        let name = bd.name.as_str();
        let borrowed = super::code(borrowed);
        let mut d = draft(cx, site);
        d.lines = bd.stmt_lines;
        d.confidence = Confidence::Medium;
        d.safety = Safety::NeedsReview;
        d.issue = format!(
            "`{name}` clones every item into a new `Vec`, but it is {what}: the borrowed items serve the same reads without the `Vec` and without a copy of each item."
        );
        d.proposal = format!(
            "let {name} = {borrowed}; // the items by reference, no `.cloned()`\n// then use `{name}` where the code used the `Vec` (`.count()` for `.len()`, `.next()` for the first item), and clone only an item that must be kept"
        );
        d.pros = vec!["Removes the `Vec` and one clone per item.".into()];
        d.cons = vec![
            "The items are borrowed while the iterator lives: their owner cannot be changed meanwhile, and a callee that wants owned items needs `.cloned()` at its own call.".into(),
        ];
        claimed.push(site.range.start);
        out.emit(d);
    }
}

/// `let v = xs.to_vec();` — or a `match`/`if` whose arms are such copies
/// or small `vec![..]` literals — where `v` is then walked once and
/// nothing else: the copy of every element exists only to be iterated,
/// and the borrowed slice iterates the same elements.
fn walked_copy(cx: &FnCx<'_, '_>, out: &mut Emitter<'_>, claimed: &mut Vec<Pos>) {
    for (b, bd) in cx.facts.bindings.iter().enumerate() {
        if bd.kind != BindKind::Let || bd.mutable || bd.written.is_some() {
            continue;
        }
        let Some(init) = cx.init(b as u32).map(strip) else {
            continue;
        };
        let values: Vec<&Expr> = match init {
            Expr::Match(m) => m.arms.iter().map(|a| arm_value(&a.body)).collect(),
            Expr::If(i) => match &i.else_branch {
                Some((_, els)) => match (i.then_branch.stmts.as_slice(), arm_value(els)) {
                    ([syn::Stmt::Expr(t, None)], e) => vec![strip(t), e],
                    _ => continue,
                },
                None => continue,
            },
            other => vec![other],
        };
        let mut copies = Vec::new();
        for v in &values {
            match v {
                Expr::MethodCall(m) if m.method == "to_vec" && m.args.is_empty() => {
                    copies.push((*v, m))
                }
                Expr::Call(_) if memaudit_facts::macros::rewritten_name(v) == Some("vec") => {}
                _ => {
                    copies.clear();
                    break;
                }
            }
        }
        if copies.is_empty() || copies.len() + 1 < values.len() {
            continue;
        }
        // Every copy must be a site the facts see (not cold, not in an
        // unknown macro), and none claimed by another rule.
        let sites: Vec<&Site> = copies
            .iter()
            .filter_map(|(e, _)| {
                let at = Pos::start(*e);
                cx.facts
                    .sites
                    .iter()
                    .find(|s| s.kind == SiteKind::ToVec && s.range.start == at)
            })
            .collect();
        if sites.len() != copies.len()
            || sites
                .iter()
                .any(|s| s.cold.is_some() || s.in_macro || claimed.contains(&s.range.start))
        {
            continue;
        }
        let Some(use_) = super::allocation_loop::consumed(cx, b as u32) else {
            continue;
        };
        if use_.walks != 1 || use_.counts + use_.reads + use_.joins > 0 {
            continue;
        }
        let name = bd.name.as_str();
        let src = super::code(&copies[0].1.receiver);
        let mut d = draft(cx, sites[0]);
        d.lines = bd.stmt_lines;
        d.confidence = Confidence::Medium;
        d.safety = Safety::NeedsReview;
        d.issue = format!(
            "`{name}` is a fresh copy of every element of `{src}`{}, but it is only walked once: iterating the borrowed slice visits the same elements without the `Vec` and the copies.",
            if values.len() > 1 { " (or a one-element `vec!`)" } else { "" }
        );
        d.proposal = if values.len() > 1 {
            format!(
                "// Borrow the elements instead of copying them; a single value becomes a one-element slice:
let {name}: &[_] = match .. {{ .. => {src}, _ => std::slice::from_ref(&value) }};
// then `for x in {name}.iter().copied()` (or `.cloned()`) where the code walked the `Vec`"
            )
        } else {
            format!(
                "let {name} = {src}; // the slice itself, no copy
// then `for x in {name}.iter()` (`.copied()`/`.cloned()` only for the items that must be owned)"
            )
        };
        d.pros = vec!["Removes the `Vec` allocation and the copy of every element.".into()];
        d.cons = vec!["The slice's owner stays borrowed while the walk runs.".into()];
        for s in &sites {
            claimed.push(s.range.start);
        }
        out.emit(d);
    }
}

/// The value of a `match` arm or `else` block: its single tail expression.
fn arm_value(e: &Expr) -> &Expr {
    match strip(e) {
        Expr::Block(b) => match b.block.stmts.as_slice() {
            [syn::Stmt::Expr(t, None)] => strip(t),
            _ => strip(e),
        },
        other => other,
    }
}

/// The chain before its last link when that link clones every item
/// (`.cloned()`, `.map(Clone::clone)`, `.map(|x| x.clone())`): what the
/// code could walk instead, by reference. Only the last link: a clone
/// earlier in the chain feeds owned items to the adaptors after it.
fn cloned_link(chain: &Expr) -> Option<&Expr> {
    let Expr::MethodCall(m) = strip(chain) else {
        return None;
    };
    let clones = match (m.method.to_string().as_str(), m.args.first()) {
        ("cloned", None) => true,
        ("map", Some(Expr::Path(p))) if m.args.len() == 1 => {
            let segs: Vec<String> = p
                .path
                .segments
                .iter()
                .map(|s| s.ident.to_string())
                .collect();
            segs.len() >= 2 && segs[segs.len() - 2] == "Clone" && segs[segs.len() - 1] == "clone"
        }
        ("map", Some(Expr::Closure(c))) if m.args.len() == 1 && c.inputs.len() == 1 => {
            let syn::Pat::Ident(param) = &c.inputs[0] else {
                return None;
            };
            matches!(strip(&c.body), Expr::MethodCall(call)
                if call.method == "clone"
                    && call.args.is_empty()
                    && matches!(strip(&call.receiver), Expr::Path(r) if r.path.is_ident(&param.ident)))
        }
        _ => false,
    };
    clones.then_some(&*m.receiver)
}

fn method(site: &Site) -> &'static str {
    match site.kind {
        SiteKind::Clone => "clone",
        SiteKind::ToOwned => "to_owned",
        SiteKind::ToString => "to_string",
        _ => "to_vec",
    }
}

fn draft(cx: &FnCx<'_, '_>, site: &Site) -> Draft {
    let mut d = Draft::new(Category::UnnecessaryClone, cx.site_lines(site), cx.path);
    // A copy in a branch that leaves the loop (`return`, `break`) is made
    // at most once per run of that loop, not per iteration.
    let loop_id = if site.exits && site.loop_id != 0 {
        cx.facts.loops[site.loop_id as usize].parent
    } else {
        site.loop_id
    };
    d.impact = cx.impact_at(loop_id, 1, None);
    d
}

/// A function that returns `Vec<char>`: text copied out one `char` (four
/// bytes) at a time into a new buffer, which callers most often turn back
/// into a `String` (a third copy). Returning a cut index (or a slice of
/// the input) gives the same text without either copy.
fn char_vec_return(cx: &FnCx<'_, '_>, out: &mut Emitter<'_>) {
    let item = cx.item;
    let Some(ret) = item.sig.ret.as_ref() else {
        return;
    };
    let chars = ret.name() == Some("Vec")
        && matches!(ret.args().first(), Some(t) if t.name() == Some("char"));
    if !chars || item.trait_name.is_some() || item.test.is_some() {
        return;
    }
    let line = item.range.start.line;
    let mut d = Draft::new(Category::UnnecessaryClone, (line, line), cx.path);
    d.impact = cx.call_impact(1, None);
    d.confidence = Confidence::Medium;
    d.safety = Safety::NeedsReview;
    d.issue = format!(
        "`{}` returns a `Vec<char>`: a copy of text at four bytes per character, allocated on every call, which callers usually turn back into a `String` (another copy).",
        item.name
    );
    d.proposal = "// Return where to cut (a byte index into the input) or the slice itself:
fn cut(text: &str, ..) -> usize // then `&text[..cut]`"
        .to_owned();
    d.pros =
        vec!["No `Vec<char>` (4 bytes per character) and no rebuilt `String` per call.".into()];
    d.cons = vec!["Callers change: they slice the input instead of collecting characters.".into()];
    out.emit(d);
}

/// In a function returning `Cow<'a, str>` (or an `Option` of one) that
/// never builds `Cow::Borrowed`: `let mut uri = String::new();` grown only
/// by `push` of single characters, then returned (`uri.into()`,
/// `Cow::Owned(uri)`). The `Cow` is always owned, and text scanned one
/// character at a time from a borrowed input is most often a contiguous
/// run of it: the borrowed slice needs no allocation or copy.
fn owned_cow_from_chars(cx: &FnCx<'_, '_>, out: &mut Emitter<'_>, claimed: &mut Vec<Pos>) {
    use memaudit_facts::body::{Callee, Sink};
    let Some(ret) = cx.item.sig.ret.as_ref() else {
        return;
    };
    let cow = |t: &Ty| t.name() == Some("Cow");
    if !(cow(ret) || ret.name() == Some("Option") && ret.args().first().is_some_and(cow)) {
        return;
    }
    let borrows =
        cx.facts.calls.iter().any(
            |c| matches!(&c.callee, Callee::Path(p) if p.last().is_some_and(|l| l == "Borrowed")),
        );
    if borrows {
        return;
    }
    for site in &cx.facts.sites {
        if !matches!(
            site.kind,
            SiteKind::StringNew | SiteKind::StringWithCapacity
        ) || site.parent != Parent::LetInit
            || site.closure_id != 0
        {
            continue;
        }
        let Some(b) = site.let_binding else { continue };
        let (mut pushes, mut returned, mut other) = (0, 0, 0);
        for u in cx.facts.uses_of(b) {
            match &u.kind {
                UseKind::MutRecv(m) if m == "push" => pushes += 1,
                UseKind::Move(Sink::Method(m)) if m == "into" => returned += 1,
                UseKind::Move(Sink::Call(f)) if f.ends_with("Owned") => returned += 1,
                UseKind::Recv(m) if is_in(m, &["len", "is_empty"]) => {}
                _ => other += 1,
            }
        }
        if pushes < 2 || returned != 1 || other != 0 {
            continue;
        }
        let bd = &cx.facts.bindings[b as usize];
        let mut d = draft(cx, site);
        d.lines = bd.stmt_lines;
        d.confidence = Confidence::Medium;
        d.safety = Safety::NeedsReview;
        d.issue = format!(
            "`{}` is built one `char` at a time and always returned as an owned `Cow` (`{}` never returns `Cow::Borrowed`): when the pushed characters are a contiguous run of the input, the borrowed slice gives the same text without the `String`.",
            bd.name, cx.item.name
        );
        d.proposal = "// Remember where the run starts, scan, then:
Cow::Borrowed(&text[start..end])"
            .to_owned();
        d.pros = vec!["No allocation and no per-character copy per call.".into()];
        d.cons = vec![
            "Only where no character is changed or skipped (escapes need the owned form).".into(),
        ];
        claimed.push(site.range.start);
        out.emit(d);
    }
}

/// Lookups that only read their argument.
const LOOKUPS: &[&str] = &[
    "contains",
    "contains_key",
    "get",
    "binary_search",
    "starts_with",
    "ends_with",
];

/// `LIST.contains(&node.to_trimmed_string().as_str())`: a text accessor's
/// owned form (`to_…_string()`) made only to be looked up and dropped at
/// the end of the statement. The borrowed text the node already holds
/// (its token's text) answers the lookup without the `String`.
fn looked_up_text(cx: &FnCx<'_, '_>, out: &mut Emitter<'_>, claimed: &mut Vec<Pos>) {
    for site in &cx.facts.sites {
        if site.kind != SiteKind::AllocMethod || site.cold.is_some() || site.in_macro {
            continue;
        }
        let Some(me) = cx.expr(site) else { continue };
        let Expr::MethodCall(m) = me else { continue };
        let name = m.method.to_string();
        if !(name.starts_with("to_") && name.ends_with("_string") && m.args.is_empty()) {
            continue;
        }
        let Some(Expr::MethodCall(call)) = cx.enclosing_call(site) else {
            continue;
        };
        if !is_in(&call.method.to_string(), LOOKUPS) {
            continue;
        }
        let lent = call.args.iter().any(|a| {
            let Expr::Reference(r) = strip_parens(a) else {
                return false;
            };
            match strip_parens(&r.expr) {
                Expr::MethodCall(b)
                    if matches!(b.method.to_string().as_str(), "as_str" | "as_ref") =>
                {
                    std::ptr::eq(strip(&b.receiver), me)
                }
                e => std::ptr::eq(e, me),
            }
        });
        if !lent {
            continue;
        }
        let recv = text(&m.receiver);
        let mut d = draft(cx, site);
        d.confidence = Confidence::Medium;
        d.safety = Safety::Safe;
        d.issue = format!(
            "`{recv}.{name}()` builds a `String` only for `.{}(..)` to read it, then drops it: the text `{recv}` already holds, borrowed, answers the lookup.",
            call.method
        );
        d.proposal = format!(
            "// Look the borrowed text up (the token's own text, e.g. `text_trimmed()`),\n// not an owned copy of it:\n{}.{}(&/* borrowed text of `{recv}` */)",
            text(&call.receiver),
            call.method
        );
        d.pros = vec!["One allocation and one copy fewer per lookup.".into()];
        d.cons =
            vec!["Needs an accessor that lends the text (a token's text, a `&str` view).".into()];
        claimed.push(site.range.start);
        out.emit(d);
    }
}

/// `&x.clone()`: the copy is only lent.
fn lend_copy(cx: &FnCx<'_, '_>, site: &Site, recv: &Expr) -> Option<Draft> {
    if let (Some(call), Some(root)) = (cx.enclosing_call(site), root_ident(recv)) {
        // `self.update(&self.name.clone())` breaks a borrow conflict with a
        // `&mut self` receiver: not reported.
        let conflict = match call {
            Expr::MethodCall(mc) => {
                root_ident(&mc.receiver).is_some_and(|r| r == root)
                    || mc.args.iter().any(|a| mut_borrows(a, root))
            }
            Expr::Call(c) => c.args.iter().any(|a| mut_borrows(a, root)),
            _ => false,
        };
        if conflict {
            return None;
        }
    }
    let src = text(recv);
    let mut d = draft(cx, site);
    d.confidence = Confidence::High;
    d.safety = Safety::Safe;
    d.issue = format!(
        "`&{src}.{}()` allocates a copy of `{src}` only to lend it; the copy is dropped at the end of the statement.",
        method(site)
    );
    d.proposal = format!("// Lend the original instead of a fresh copy:\n&{src}");
    d.pros = vec!["One allocation and one copy fewer, no behaviour change.".into()];
    d.cons = vec!["None; if the borrow checker objects, the clone was breaking a borrow conflict and should stay.".into()];
    Some(d)
}

/// `o.name == name.to_string()`, `topic == Some("config".to_owned())`,
/// `v.clone() > current`: a copy that is one side of a comparison (seen
/// through `&`, parentheses and `Some(..)`/`Ok(..)`). `PartialEq` and
/// `PartialOrd` read both sides by reference, so the copy is made only to
/// be compared and dropped; the original compares the same.
fn compared_copy(cx: &FnCx<'_, '_>, site: &Site, recv: &Expr) -> Option<Draft> {
    if !cx.facts.compared.contains(&site.range) {
        return None;
    }
    // `"".to_string()` is an empty `String`: no allocation to save.
    if matches!(recv, Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(l), .. }) if l.value().is_empty())
    {
        return None;
    }
    let src = text(recv);
    let wrapped = matches!(
        cx.enclosing_call(site),
        Some(Expr::Call(c)) if matches!(&*c.func, Expr::Path(p) if p.path.is_ident("Some") || p.path.is_ident("Ok"))
    );
    let mut d = draft(cx, site);
    d.confidence = Confidence::High;
    d.safety = Safety::Safe;
    d.issue = format!(
        "`{src}.{}()` allocates a copy only to compare it: `==`, `!=`, `<` and the rest read both sides by reference, and the copy is dropped right after.",
        method(site)
    );
    d.proposal = if wrapped {
        format!(
            "// Compare the original; an `Option<String>` side reads as `Option<&str>`:\n.as_deref() == Some({src})"
        )
    } else {
        format!("// Compare the original (`*{src}` if it is a reference to the other side's type):\n{src}")
    };
    d.pros = vec!["One allocation and one copy fewer per comparison, same result.".into()];
    d.cons = vec![
        "Sides of different types may need `as_str()`, `as_deref()` or a dereference to compare."
            .into(),
    ];
    Some(d)
}

/// Whether a type name not declared in the file may own data worth a
/// move: not a generic parameter (`T`, `K`), not a name that reads as a
/// small `Copy` id or handle.
fn opaque_value_type(name: &str) -> bool {
    let generic = name.len() <= 2
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    let small = [
        "Id", "Idx", "Index", "Handle", "Ptr", "Ref", "Span", "Range", "Kind", "Flags", "Token",
        "Symbol", "Atom",
    ]
    .iter()
    .any(|s| name.ends_with(s));
    !generic && !small
}

fn mut_borrows(e: &Expr, root: &syn::Ident) -> bool {
    matches!(strip(e), Expr::Reference(r) if r.mutability.is_some() && root_ident(&r.expr).is_some_and(|x| x == root))
}

/// Traits whose methods hand out owned values by contract.
const OWNING_TRAITS: &[&str] = &[
    "ToString",
    "Display",
    "Debug",
    "Clone",
    "ToOwned",
    "From",
    "Into",
    "TryFrom",
    "Iterator",
    "IntoIterator",
    "Deref",
    "AsRef",
    "Borrow",
    "Default",
    "Serialize",
    "Error",
];

/// A `&self` method of at most `max_lines` lines whose one allocating
/// site is the copy, outside traits whose methods must return owned values
/// (`Clone`, `Into`, …): the shape of an accessor.
fn short_ref_accessor(cx: &FnCx<'_, '_>, max_lines: u32) -> bool {
    let item = cx.item;
    item.sig.self_mut == Some(false)
        && item.range.end.line.saturating_sub(item.range.start.line) <= max_lines
        && cx.facts.sites.len() == 1
        && !item
            .trait_name
            .as_deref()
            .is_some_and(|t| is_in(t, OWNING_TRAITS))
}

/// `fn label(&self) -> String { self.label.clone() }`: an accessor that
/// copies a field on every call where lending it does.
fn accessor_copy(cx: &FnCx<'_, '_>, site: &Site, recv: &Expr, rty: &Option<Ty>) -> Option<Draft> {
    let item = cx.item;
    if site.parent != Parent::Return
        || site.loop_id != 0
        || site.closure_id != 0
        || !short_ref_accessor(cx, 3)
    {
        return None;
    }
    let Expr::Field(f) = recv else { return None };
    let syn::Member::Named(field) = &f.member else {
        return None;
    };
    if !matches!(strip(&f.base), Expr::Path(p) if p.path.is_ident("self")) {
        return None;
    }
    let ret = item.sig.ret.as_ref()?;
    let fty = rty.as_ref()?;
    let borrowed = match (fty.view(), ret.view()) {
        (View::OwnedStr, View::OwnedStr) => {
            format!("&{}", memaudit_facts::names::borrowed_form(fty.name()?)?)
        }
        (View::Vec(_), View::Vec(e)) if fty.name() == Some("Vec") => format!("&[{e}]"),
        _ => return None,
    };
    Some(accessor_draft(cx, site, field, &borrowed, ret))
}

/// `fn files(&self, key: K) -> Option<Files> { self.lookup(key).map(|s|
/// s.files.clone()) }`: an accessor whose `Option` result is a copy of a
/// field of what it looks up, made on every call where lending it
/// (`Option<&Files>`) does — the shape of `label()` behind a lookup. Only
/// a `&self` method of one expression (a short body, the copy its only
/// allocation, inside the `map`/`and_then` closure that makes the result),
/// whose copied place is a field of the closure's parameter, and whose
/// result type owns data (not `Copy`, not a shared or cheap handle).
fn looked_up_accessor_copy(cx: &FnCx<'_, '_>, site: &Site, recv: &Expr) -> Option<Draft> {
    let item = cx.item;
    if site.kind != SiteKind::Clone
        || !matches!(site.parent, Parent::Return | Parent::Other)
        || site.closure_id == 0
        || !short_ref_accessor(cx, 12)
    {
        return None;
    }
    // The copy is the result of the `map`/`and_then` that ends the body.
    let Some(Expr::MethodCall(call)) = cx.enclosing_call(site) else {
        return None;
    };
    if !matches!(call.method.to_string().as_str(), "map" | "and_then") {
        return None;
    }
    // The copy is the closure's value (its body ends with it), and the
    // closure ends the function.
    let closure = cx.facts.closures.get(site.closure_id as usize)?;
    if closure.range.end.line != site.range.end.line
        || closure.range.end.line + 2 < item.range.end.line
        || cx.facts.calls.iter().any(|c| c.pos > closure.range.end)
    {
        return None;
    }
    // A field of the closure's parameter (`s.files`, `s.vcs.matches`).
    let Expr::Field(f) = recv else { return None };
    let root = root_ident(recv)?;
    if root == "self" {
        return None;
    }
    let param = cx.facts.bindings.iter().any(|b| {
        b.kind == BindKind::Pattern
            && b.name == root.to_string().as_str()
            && b.closure_id == site.closure_id
    });
    if !param {
        return None;
    }
    let syn::Member::Named(field) = &f.member else {
        return None;
    };
    let ret = item.sig.ret.as_ref()?;
    let View::Option(inner) = ret.view() else {
        return None;
    };
    if inner.is_copy(cx.table) || !owns_heap(inner, cx.table) {
        return None;
    }
    let borrowed = match (inner.view(), inner.name()) {
        (View::OwnedStr, Some("String")) => "Option<&str>".to_owned(),
        (View::OwnedStr, Some("PathBuf")) => "Option<&Path>".to_owned(),
        (View::Vec(e), Some("Vec")) => format!("Option<&[{e}]>"),
        (View::Named(..) | View::Vec(_) | View::Map(..) | View::Set(_) | View::OwnedStr, _) => {
            format!("Option<&{inner}>")
        }
        _ => return None,
    };
    let name = &item.name;
    let place = text(recv);
    let mut d = draft(cx, site);
    d.lines = (item.range.start.line, item.range.end.line);
    d.confidence = Confidence::Medium;
    d.safety = Safety::NeedsReview;
    d.issue = format!(
        "`{name}()` copies `{place}` (field `{field}` of what it looks up) into a new `{ret}` on every call; lending it (`{borrowed}`) costs nothing where the looked-up value outlives the call, and only callers that keep it need a copy."
    );
    d.proposal = format!(
        "fn {name}(&self, ..) -> {borrowed} {{\n    /* the same lookup */.map(|v| &v.{field})\n}}\n// callers that keep the value clone it themselves"
    );
    d.pros = vec![
        "One copy (and its allocations) fewer per call for every caller that only reads the value."
            .into(),
    ];
    d.cons = vec![format!(
        "Changes the signature, and needs the looked-up value to live past the call (not a temporary guard): callers that keep the `{inner}` clone it."
    )];
    Some(d)
}

/// Whether a clone of `t` allocates: a `String`, `Vec`, map or set, a type
/// of the table with such a field, or a type the table does not know (a
/// settings struct of another file). Not shared or cheap handles (`Arc`,
/// `Rc`, rustc's `Lrc`), nor a known type of plain values (`BlockAddr {
/// range, ordinal }`).
fn owns_heap(t: &Ty, table: &memaudit_facts::TypeTable) -> bool {
    use memaudit_facts::types::DefKind;
    match t.view() {
        View::OwnedStr | View::Vec(_) | View::Map(..) | View::Set(_) => true,
        View::Named("Lrc", _) => false,
        View::Named(n, _) => match table.get(n).map(|d| &d.kind) {
            Some(DefKind::Struct(fields)) => fields.iter().any(|(_, f)| f.is_heap_owned(table)),
            Some(DefKind::Enum(vs)) => vs
                .iter()
                .flat_map(|(_, fs)| fs)
                .any(|f| f.is_heap_owned(table)),
            None => true,
        },
        _ => false,
    }
}

fn accessor_draft(
    cx: &FnCx<'_, '_>,
    site: &Site,
    field: &syn::Ident,
    borrowed: &str,
    ret: &Ty,
) -> Draft {
    let item = cx.item;
    let name = &item.name;
    let mut d = draft(cx, site);
    d.lines = (item.range.start.line, item.range.end.line);
    d.confidence = Confidence::Medium;
    d.safety = Safety::NeedsReview;
    let through = match &item.trait_name {
        Some(t) => format!(" (`{t}::{name}` and its other impls change with it)"),
        None => String::new(),
    };
    d.issue = format!(
        "`{name}()` copies `self.{field}` into a new `{ret}` on every call; lending it (`{borrowed}`) costs nothing, and only callers that keep the value need a copy."
    );
    d.proposal = format!(
        "fn {name}(&self) -> {borrowed} {{\n    &self.{field}\n}}\n// callers that store the value take their own copy (`.to_owned()`){through}"
    );
    d.pros = vec![
        "One allocation and copy fewer per call for every caller that only reads the value.".into(),
    ];
    d.cons = vec![format!(
        "Changes the signature: callers that keep the `{ret}` add `.to_owned()`; a public API changes for its users."
    )];
    d
}

/// `x.clone()` where `x` is an owned local never used again.
fn move_instead(cx: &FnCx<'_, '_>, site: &Site, recv: &Expr, rty: &Option<Ty>) -> Option<Draft> {
    let b = cx.binding_of(recv)?;
    let bd = &cx.facts.bindings[b as usize];
    // The item of a loop over an owned collection (`for x in v`,
    // `v.into_iter().map(|x| ..)`, `drain(..)`) is owned by the body like a
    // local: the facts type it from what is iterated, and a reference there
    // (`v.iter()`, `for x in &v`) types it as one.
    let item = loop_item(cx, bd);
    if !(matches!(bd.kind, BindKind::Let | BindKind::Param) || item) {
        return None;
    }
    // A loop item is judged by the type the facts gave it from what is
    // iterated, never by a guess at the expression (a shadowing
    // `let path: PathBuf = path.clone()` names another binding's type).
    let rty = if item { &bd.ty } else { rty };
    let owned = rty
        .as_ref()
        .is_some_and(|t| !t.is_ref() && t.is_heap_owned(cx.table));
    // A type declared in another file or crate: its `Clone` is not known
    // here, but moving the last use of a by-value value is never worse.
    let foreign = rty
        .as_ref()
        .filter(|_| !owned)
        .and_then(|t| match t.view() {
            View::Named(n, _) if cx.table.get(n).is_none() && opaque_value_type(n) => Some(n),
            _ => None,
        });
    // A local made as a copy (`x.clone()`, `o.map(|v| (**v).clone())
    // .unwrap_or_default()`) owns its value whatever its type: moving it
    // at its last use is never worse than copying it again.
    let copied = rty.is_none() && bd.kind == BindKind::Let && cx.init(b).is_some_and(made_by_copy);
    if !(owned || foreign.is_some() || copied)
        || bd.loop_id != site.loop_id
        || bd.closure_id != site.closure_id
    {
        return None;
    }
    // A use in another branch of the same `if`/`else if`/`else` chain or
    // `match` never runs after this one.
    if cx.used_later(b, site.range.start, site.branch) {
        return None;
    }
    // An earlier borrow that is still alive would conflict with the move;
    // a borrow stored in a binding is the risky case.
    let src = text(recv);
    let mut d = draft(cx, site);
    d.confidence = if bd.written.is_some() && foreign.is_none() {
        Confidence::High
    } else {
        Confidence::Medium
    };
    d.safety = Safety::Safe;
    d.issue = match foreign {
        None if item => format!(
            "`{src}` is an item the loop owns (`{}`), not used after this `.{}()` in the body, so the copy (and its allocation) can be replaced by a move.",
            cx.facts.loops[bd.loop_id as usize].source,
            method(site)
        ),
        None => format!(
            "`{src}` is not used after this `.{}()`, so the copy (and its allocation) can be replaced by a move.",
            method(site)
        ),
        Some(ty) => format!(
            "`{src}` (a `{ty}`, declared outside this file) is not used after this `.{}()`, so the copy — and whatever heap data a `{ty}` owns — can be replaced by a move.",
            method(site)
        ),
    };
    d.proposal = format!("// Move the value instead of copying it:\n{src}");
    d.pros = vec!["Removes a heap allocation and a full copy of the data.".into()];
    d.cons = vec!["A later edit that uses the original again must reintroduce the clone.".into()];
    Some(d)
}

/// `Some(scheme.author.clone())` where `scheme` is an owned local (a `let`,
/// a by-value parameter or `self` taken by value) of a struct declared in
/// the crate, and neither `scheme` nor `scheme.author` (nor a part of it)
/// is used after the clone: the field can be moved out. Other fields may
/// still be used — Rust tracks partial moves field by field. Not reported
/// when the crate implements `Drop` for any type (a type with `Drop` cannot
/// be moved out of by parts, and which type has it is not told here).
fn field_move_instead(
    cx: &FnCx<'_, '_>,
    site: &Site,
    recv: &Expr,
    rty: &Option<Ty>,
) -> Option<Draft> {
    let Expr::Field(_) = recv else {
        return None;
    };
    let path = field_path(recv)?;
    let root = path.split('.').next()?;
    let b = cx.facts.binding_at(root, site.range.start)?;
    let bd = &cx.facts.bindings[b as usize];
    if !matches!(
        bd.kind,
        BindKind::Let | BindKind::Param | BindKind::SelfParam
    ) || bd.loop_id != site.loop_id
        || bd.closure_id != site.closure_id
    {
        return None;
    }
    let owner = bd.ty.as_ref()?;
    if owner.is_ref() || cx.table.method_sig("drop").is_some() {
        return None;
    }
    let owner_name = owner.name()?;
    if !matches!(
        cx.table.get(owner_name).map(|d| &d.kind),
        Some(memaudit_facts::types::DefKind::Struct(_))
    ) {
        return None;
    }
    if !rty
        .as_ref()
        .is_some_and(|t| !t.is_ref() && t.is_heap_owned(cx.table) && !t.is_copy(cx.table))
    {
        return None;
    }
    // Any later use of the owner as a whole, of this field or of a part
    // of it keeps the clone; uses of sibling fields do not.
    let prefix = format!("{path}.");
    let later = cx.facts.uses_of(b).any(|u| {
        u.pos > site.range.end
            && !cx.exclusive(site.branch, u.branch)
            && (u.place == root
                || u.place == path.as_str()
                || u.place.starts_with(prefix.as_str())
                || path.starts_with(&format!("{}.", u.place)))
    });
    if later {
        return None;
    }
    let mut d = draft(cx, site);
    d.confidence = Confidence::Medium;
    d.safety = Safety::NeedsReview;
    d.issue = format!(
        "`{root}` owns its `{owner_name}` and neither it nor `{path}` is used after this `.{}()`: the field can be moved out instead of copied (its allocation and the copy of its data go).",
        method(site)
    );
    d.proposal = format!("// Move the field out of `{root}` (a partial move):\n{path}");
    d.pros = vec!["Removes a heap allocation and a full copy of the data.".into()];
    d.cons = vec![format!(
        "`{root}` is partly moved afterwards: a later edit that uses it whole must reintroduce the clone."
    )];
    Some(d)
}

/// `a.b.c` for a chain of named fields over a local, nothing else.
fn field_path(e: &Expr) -> Option<String> {
    match e {
        Expr::Field(f) => {
            let syn::Member::Named(m) = &f.member else {
                return None;
            };
            Some(format!("{}.{m}", field_path(&f.base)?))
        }
        Expr::Path(p) if p.qself.is_none() && p.path.segments.len() == 1 => {
            Some(p.path.segments[0].ident.to_string())
        }
        _ => None,
    }
}

/// Whether a binding is the pattern of a `for` loop or the parameter of a
/// per-element closure (`map`, `for_each`, …): the item each iteration
/// hands to the body, not a `match` or `if let` binding, which may borrow
/// from its scrutinee.
fn loop_item(cx: &FnCx<'_, '_>, bd: &memaudit_facts::body::Binding) -> bool {
    use memaudit_facts::body::LoopKind;
    if bd.kind != BindKind::Pattern || bd.loop_id == 0 {
        return false;
    }
    let Some(l) = cx.facts.loops.get(bd.loop_id as usize) else {
        return false;
    };
    matches!(l.kind, LoopKind::For | LoopKind::Iter(_))
        && l.start <= bd.pos
        && bd.pos < l.body.start
}

/// `match desc.source { Glsl { ref defines, .. } => f(defines.clone()) }`
/// where `desc` is an owned local (a by-value parameter or `let`) not used
/// after the `match`, and the clone is the `ref` binding's last use:
/// binding `defines` by value moves it out of the scrutinee instead of
/// copying it.
fn ref_pattern_clone(cx: &FnCx<'_, '_>, site: &Site, recv: &Expr) -> Option<Draft> {
    if site.kind != SiteKind::Clone {
        return None;
    }
    let x = cx.binding_of(recv)?;
    let rp = cx.facts.ref_patterns.iter().find(|r| r.binding == x)?;
    let xb = &cx.facts.bindings[x as usize];
    if xb.loop_id != site.loop_id
        || xb.closure_id != site.closure_id
        || cx.used_later(x, site.range.end, site.branch)
    {
        return None;
    }
    // The scrutinee's root must own its value: a by-value parameter or a
    // `let` whose type is known and is not a reference.
    let root_name = rp.place.split('.').next()?;
    let root = cx.facts.binding_at(root_name, rp.match_end)?;
    let rb = &cx.facts.bindings[root as usize];
    let owned = matches!(rb.kind, BindKind::Param | BindKind::Let)
        && rb.ty.as_ref().is_some_and(|t| {
            !matches!(t, Ty::Ref { .. }) && !matches!(t.view(), View::Shared(_) | View::Handle)
        });
    // Moving out in a loop (or a closure) over an owner declared outside
    // it would leave the next iteration (or call) a moved-from value.
    if !owned
        || root_name == "self"
        || rb.loop_id != site.loop_id
        || rb.closure_id != site.closure_id
    {
        return None;
    }
    // Nothing reads the scrutinee (or its owner whole) once the `match`
    // is over; other fields (`desc.label`) stay usable after a partial move.
    let overlaps = |p: &str| {
        let q = rp.place.as_str();
        p == q
            || p.strip_prefix(q).is_some_and(|r| r.starts_with('.'))
            || q.strip_prefix(p).is_some_and(|r| r.starts_with('.'))
    };
    if cx
        .facts
        .uses_of(root)
        .any(|u| u.pos > rp.match_end && overlaps(&u.place))
    {
        return None;
    }
    let name = &xb.name;
    let mut d = draft(cx, site);
    d.confidence = Confidence::Medium;
    d.safety = Safety::Safe;
    d.issue = format!(
        "`{name}` is bound by `ref` into `{}`, which `{root_name}` owns and nothing reads after the `match`, and this `.clone()` is its last use: binding it by value moves the data out instead of copying it.",
        rp.place
    );
    d.proposal = format!(
        "// In the pattern, bind `{name}` by value (drop `ref`), then:
{name}"
    );
    d.pros = vec!["Removes a full copy of the data (and its allocations).".into()];
    d.cons = vec![
        "The `match` then moves part of its scrutinee; a later use of it must borrow again.".into(),
    ];
    Some(d)
}

/// Whether an initialiser yields a fresh copy: it ends in `.clone()`,
/// `.to_owned()`, `.to_vec()` or `.cloned()`, or in
/// `.unwrap_or_default()`/`.unwrap_or_else(..)`/`.unwrap()` of an `Option`
/// built by `.cloned()` or by a `map` closure whose body is such a copy.
fn made_by_copy(e: &Expr) -> bool {
    let Expr::MethodCall(m) = e else { return false };
    let name = m.method.to_string();
    match name.as_str() {
        "clone" | "to_owned" | "to_vec" | "cloned" => true,
        "unwrap_or_default" | "unwrap_or_else" | "unwrap" | "expect" => match &*m.receiver {
            Expr::MethodCall(inner) if inner.method == "map" => match inner.args.first() {
                Some(Expr::Closure(c)) => made_by_copy(strip_parens(&c.body)),
                _ => false,
            },
            Expr::MethodCall(inner) => inner.method == "cloned",
            _ => false,
        },
        _ => false,
    }
}

fn strip_parens(e: &Expr) -> &Expr {
    match e {
        Expr::Paren(p) => strip_parens(&p.expr),
        Expr::Block(b) if b.block.stmts.len() == 1 => match &b.block.stmts[0] {
            syn::Stmt::Expr(e, None) => strip_parens(e),
            _ => e,
        },
        _ => e,
    }
}

/// `f(x.clone())` where `f` is a private function of the same file whose
/// `String`/`Vec` parameter at that position is only read — never moved,
/// mutated or returned: the copy exists only for a callee that could
/// borrow.
fn copy_for_reader(cx: &FnCx<'_, '_>, site: &Site, recv: &Expr) -> Option<Draft> {
    if site.parent != Parent::Arg {
        return None;
    }
    let Some(Expr::Call(call)) = cx.enclosing_call(site) else {
        return None;
    };
    let Expr::Path(fp) = strip(&call.func) else {
        return None;
    };
    let fname = fp.path.get_ident()?;
    let at = Pos::start(cx.expr(site)?);
    let i = call.args.iter().position(|a| Pos::start(strip(a)) == at)?;
    let mut callees = cx
        .fns
        .iter()
        .filter(|f| f.self_ty.is_none() && f.name == fname.to_string().as_str());
    let callee = callees.next()?;
    if callees.next().is_some() || callee.public || callee.trait_name.is_some() {
        return None;
    }
    let (pname, pty) = callee.sig.params.get(i)?;
    let borrowed = match pty.view() {
        View::OwnedStr if pty.name() == Some("String") => "&str".to_owned(),
        View::Vec(e) if pty.name() == Some("Vec") => format!("&[{e}]"),
        _ => return None,
    };
    let pb = callee
        .facts
        .bindings
        .iter()
        .position(|b| b.kind == BindKind::Param && b.name == pname.as_str())?;
    if callee.facts.bindings[pb].mutable {
        return None;
    }
    let mut uses = callee.facts.uses_of(pb as u32).peekable();
    uses.peek()?;
    let only_read = uses.all(|u| match &u.kind {
        UseKind::Read | UseKind::Ref | UseKind::Field(_) => true,
        UseKind::Recv(m) => {
            is_in(m, READ_ONLY)
                && !m.starts_with("into_")
                && !is_in(m, &["clone", "to_owned", "to_string", "to_vec"])
        }
        _ => false,
    });
    if !only_read {
        return None;
    }
    let src = text(recv);
    let mut d = draft(cx, site);
    d.confidence = Confidence::Medium;
    d.safety = Safety::NeedsReview;
    d.issue = format!(
        "`{fname}` only reads its parameter `{pname}: {pty}`, so `{src}.{}()` makes a copy that the callee reads and drops.",
        method(site)
    );
    d.proposal = format!(
        "// Let the callee borrow, and lend the original:
fn {fname}(.., {pname}: {borrowed}, ..)
{fname}(.., &{src}, ..)"
    );
    d.pros = vec!["One allocation and copy fewer per call.".into()];
    d.cons = vec![format!(
        "Changes `{fname}`'s signature; its other callers lend instead of passing an owned value."
    )];
    Some(d)
}

/// A private function returning `String` whose every return value is a
/// copy (`String::from`, `.to_string()`, `.to_owned()`) of its one `&str`
/// parameter or a slice of it: returning the borrowed slice does the
/// same without an allocation per call.
fn returned_param_copy(cx: &FnCx<'_, '_>, out: &mut Emitter<'_>, claimed: &mut Vec<Pos>) {
    let item = cx.item;
    if item.public
        || item.trait_name.is_some()
        || item.range.end.line.saturating_sub(item.range.start.line) > 12
        || !matches!(item.sig.ret.as_ref(), Some(t) if t.name() == Some("String"))
        || cx.facts.sites.is_empty()
    {
        return;
    }
    let mut root: Option<String> = None;
    let mut derived = false;
    for site in &cx.facts.sites {
        if site.parent != Parent::Return
            || site.loop_id != 0
            || site.closure_id != 0
            || !matches!(
                site.kind,
                SiteKind::StringFrom | SiteKind::ToString | SiteKind::ToOwned
            )
        {
            return;
        }
        let copied = match cx.expr(site).map(strip) {
            Some(Expr::Call(c)) if c.args.len() == 1 => &c.args[0],
            Some(Expr::MethodCall(m)) => &*m.receiver,
            _ => return,
        };
        let Some(id) = root_ident(copied) else { return };
        let Some(b) = cx.facts.binding_at(&id.to_string(), Pos::of(id.span())) else {
            return;
        };
        let bd = &cx.facts.bindings[b as usize];
        if !is_str_param(bd) || root.as_deref().is_some_and(|r| r != bd.name.as_str()) {
            return;
        }
        root = Some(bd.name.to_string());
        // A copy of a part of the text (`raw.lines().last()`, `&raw[..n]`),
        // not only of the whole argument: a helper that returns its whole
        // argument as a `String` is a conversion its callers asked for.
        derived |= !matches!(strip(copied), Expr::Path(_));
    }
    let Some(param) = root else { return };
    if !derived || item.sig.self_mut.is_some() {
        return;
    }
    let name = &item.name;
    let mut d = draft(cx, &cx.facts.sites[0]);
    d.lines = (item.range.start.line, item.range.end.line);
    d.confidence = Confidence::Medium;
    d.safety = Safety::NeedsReview;
    d.issue = format!(
        "`{name}` returns a new `String` on every call, but every value it returns is a copy of `{param}` (a `&str`) or a slice of it: returning the slice borrows the same text without an allocation."
    );
    d.proposal = format!(
        "fn {name}(.., {param}: &str) -> &str {{ /* the same body, returning the slices without `String::from`/`.to_string()` */ }}
// callers that keep the value take their own copy (`.to_owned()`)"
    );
    d.pros = vec!["One allocation and one copy of the text fewer per call.".into()];
    d.cons = vec![
        "The result borrows the argument: a caller that must outlive it copies it itself.".into(),
    ];
    for s in &cx.facts.sites {
        claimed.push(s.range.start);
    }
    out.emit(d);
}

/// Whether a binding is a `&str` parameter of the function.
fn is_str_param(bd: &memaudit_facts::body::Binding) -> bool {
    bd.kind == BindKind::Param
        && matches!(&bd.ty, Some(Ty::Ref { inner, mutable: false, .. }) if matches!(inner.view(), View::Str))
}

/// A function returning `String` that, on one of its paths, gives back its
/// `&str` argument unchanged — copied whole (`s.to_owned()`,
/// `s.to_string()`, `String::from(s)`) — while another path computes a new
/// text (`if !needs_escaping(s) { return s.to_owned(); } ..`). The copy is
/// made only because the signature promises a `String`; `Cow<'_, str>`
/// lends the argument on that path and owns only the computed texts.
/// Methods of a trait implementation keep the signature the trait fixes.
fn returned_input_unchanged(cx: &FnCx<'_, '_>, out: &mut Emitter<'_>, claimed: &mut Vec<Pos>) {
    let item = cx.item;
    if item.trait_name.is_some()
        || item.in_trait_def
        || item.test.is_some()
        || !matches!(item.sig.ret.as_ref(), Some(t) if t.name() == Some("String"))
    {
        return;
    }
    let results: Vec<&Site> = cx
        .facts
        .sites
        .iter()
        .filter(|s| s.returned && s.closure_id == 0 && s.cold.is_none() && !s.in_macro)
        .collect();
    let mut copies = Vec::new();
    let mut computed = 0;
    for site in &results {
        let copied = match cx.expr(site).map(strip) {
            Some(Expr::Call(c)) if site.kind == SiteKind::StringFrom && c.args.len() == 1 => {
                Some(strip(&c.args[0]))
            }
            Some(Expr::MethodCall(m))
                if matches!(site.kind, SiteKind::ToString | SiteKind::ToOwned) =>
            {
                Some(strip(&m.receiver))
            }
            _ => None,
        };
        let param = copied.and_then(|e| match e {
            Expr::Path(p) => p.path.get_ident().and_then(|id| {
                let b = cx.facts.binding_at(&id.to_string(), Pos::of(id.span()))?;
                let bd = &cx.facts.bindings[b as usize];
                is_str_param(bd).then(|| bd.name.to_string())
            }),
            _ => None,
        });
        match param {
            Some(p) if site.branch.is_some() => copies.push((*site, p)),
            Some(_) => return,
            // A new text (`format!`, `replace`, `to_lowercase`), not another
            // copy of borrowed text.
            None if matches!(site.kind, SiteKind::Format | SiteKind::AllocMethod) => computed += 1,
            None => {}
        }
    }
    if copies.is_empty() || computed == 0 {
        return;
    }
    for (site, param) in copies {
        if claimed.contains(&site.range.start) {
            continue;
        }
        let name = &item.name;
        let mut d = draft(cx, site);
        d.confidence = Confidence::Medium;
        d.safety = Safety::NeedsReview;
        d.issue = format!(
            "`{name}` gives back its argument `{param}` (a `&str`) unchanged on this path, yet copies it into a new `String` only because the signature promises one; its other paths compute a new text."
        );
        d.proposal = format!(
            "fn {name}(.., {param}: &str) -> Cow<'_, str> {{
    // this path:   Cow::Borrowed({param})
    // other paths: Cow::Owned(..)
}}"
        );
        d.pros = vec!["No allocation and no copy on the paths that keep the text as it is.".into()];
        d.cons =
            vec!["The signature changes: callers that keep the value call `.into_owned()`.".into()];
        claimed.push(site.range.start);
        out.emit(d);
    }
}

/// `v[i].clone()` where `v` is a local `Vec` the function owns and never
/// uses again on any path after the clone (a use in another arm of the
/// same `if`/`match` does not follow it): the element can be moved out —
/// `v.swap_remove(i)`, or `v.pop()` for the only element — instead of
/// copied just before the `Vec` and the original are dropped.
fn element_at_last_use(
    cx: &FnCx<'_, '_>,
    site: &Site,
    recv: &Expr,
    rty: &Option<Ty>,
) -> Option<Draft> {
    if site.kind != SiteKind::Clone {
        return None;
    }
    let Expr::Index(ix) = recv else { return None };
    let b = cx.binding_of(strip(&ix.expr))?;
    let bd = &cx.facts.bindings[b as usize];
    if bd.kind != BindKind::Let || bd.loop_id != site.loop_id || bd.closure_id != site.closure_id {
        return None;
    }
    let Some(View::Vec(elem)) = bd.ty.as_ref().map(Ty::view) else {
        return None;
    };
    // A `Copy` or shared element costs nothing to clone; an element type
    // the code does not name is judged by the clone's own type, if known.
    let elem = match elem.view() {
        View::Unknown => rty.clone(),
        _ => Some(elem.clone()),
    };
    if elem.as_ref().is_some_and(|t| {
        t.is_ref()
            || t.is_copy(cx.table)
            || matches!(t.view(), View::Shared(_) | View::Handle | View::Prim(_))
    }) {
        return None;
    }
    if cx.used_later(b, site.range.start, site.branch) {
        return None;
    }
    let v = text(&ix.expr);
    let i = text(&ix.index);
    let mut d = draft(cx, site);
    d.confidence = Confidence::Medium;
    d.safety = Safety::NeedsReview;
    d.issue = format!(
        "`{v}[{i}].clone()` copies an element out of `{v}`, which is not used again: the `Vec` and the original element are dropped right after the copy."
    );
    d.proposal = format!(
        "// Move the element out instead of copying it (`{v}` must be `let mut`):
{v}.swap_remove({i}) // or `{v}.pop().unwrap()` when it is the only element"
    );
    d.pros = vec!["Removes a deep copy of the element (and any heap data it owns).".into()];
    d.cons = vec![
        "`swap_remove` reorders the rest of the `Vec`; harmless here because it is not used again."
            .into(),
    ];
    Some(d)
}

/// `let y = x.clone();` with `y` only read.
fn borrow_instead(cx: &FnCx<'_, '_>, site: &Site, recv: &Expr, rty: &Option<Ty>) -> Option<Draft> {
    let y = site.let_binding?;
    let yb = &cx.facts.bindings[y as usize];
    if yb.mutable || yb.written.is_some() {
        return None;
    }
    let heap_copy = site.kind != SiteKind::Clone
        || rty
            .as_ref()
            .is_some_and(|t| t.peel_refs().is_heap_owned(cx.table));
    let id_reads = cloned_for_id(cx, site);
    let mut last = site.range.start;
    let mut n = 0;
    for u in cx.facts.uses_of(y) {
        n += 1;
        // A closure's use is followed only for a copy known to own heap
        // data: a `.clone()` of another crate's type captured by a closure
        // is most often a cheap handle (an `Arc` inside) cloned for it.
        if u.closure_id != yb.closure_id
            && !((heap_copy || id_reads) && borrowing_closures(cx, u.closure_id, yb.closure_id))
        {
            return None;
        }
        let read = match &u.kind {
            UseKind::Read | UseKind::Ref | UseKind::Field(_) => true,
            UseKind::Recv(m) => id_reads || is_in(m, READ_ONLY),
            _ => false,
        };
        if !read {
            return None;
        }
        last = last.max(u.pos);
    }
    if n == 0 {
        return None;
    }
    // The source must stay untouched while the borrow would live.
    let root = root_ident(recv)?;
    let rb = if root == "self" {
        cx.facts
            .bindings
            .iter()
            .position(|b| b.name == "self")
            .map(|i| i as u32)
    } else {
        cx.facts
            .uses
            .iter()
            .find(|u| u.pos == Pos::of(root.span()))
            .map(|u| u.binding)
    };
    if let Some(rb) = rb {
        // A shared reference (`ctx: &LintContext`) lends only `&self`
        // methods: calling them while the copy's borrow lives is no conflict.
        // Only for a copy known to own heap data, as for closures above.
        let shared_ref = heap_copy
            && matches!(
                cx.facts.bindings[rb as usize].ty,
                Some(Ty::Ref { mutable: false, .. })
            );
        let start = site.range.start;
        let touched = cx.facts.uses_of(rb).any(|u| {
            let in_window = u.pos > start && u.pos <= last
                || (site.loop_id != 0
                    && cx.facts.loop_within(u.loop_id, site.loop_id)
                    && u.pos < start);
            in_window
                && match &u.kind {
                    UseKind::Mutate(_) | UseKind::MutRecv(_) => true,
                    UseKind::Move(_) => !shared_ref,
                    UseKind::Recv(m) => !shared_ref && !is_in(m, READ_ONLY),
                    _ => false,
                }
        });
        if touched {
            return None;
        }
    }
    let src = text(recv);
    let known = rty
        .as_ref()
        .is_some_and(|t| t.peel_refs().is_heap_owned(cx.table));
    let mut d = draft(cx, site);
    d.lines = yb.stmt_lines;
    d.confidence = if known {
        Confidence::High
    } else {
        Confidence::Medium
    };
    d.safety = Safety::Safe;
    if id_reads {
        d.issue = format!(
            "`{}` is a clone of `{src}` used only to read its id; the id can be read from `{src}` itself, without the clone (for a shared handle, a reference count taken and dropped).",
            yb.name
        );
        d.proposal = format!(
            "let {}_id = {src}.id(); // then use the id where `{}.id()` was read",
            yb.name, yb.name
        );
    } else {
        d.issue = format!(
            "`{}` is a copy of `{src}` that is only read afterwards; a borrow gives the same reads without allocating.",
            yb.name
        );
        d.proposal = format!("let {} = &{src};", yb.name);
    }
    d.pros = vec!["Removes an allocation and a copy per execution.".into()];
    d.cons = vec![
        "The borrow ties `".to_owned()
            + &yb.name
            + "` to the source's lifetime; mutating the source while it lives will not compile.",
    ];
    Some(d)
}

/// `let h = x.clone()` whose every use reads its id (`h.id()`): even a
/// cheap handle's clone (a reference count taken and dropped) is then
/// waste, as the id can be read from the source.
fn cloned_for_id(cx: &FnCx<'_, '_>, site: &Site) -> bool {
    let Some(y) = site.let_binding else {
        return false;
    };
    let mut uses = cx.facts.uses_of(y).peekable();
    site.kind == SiteKind::Clone
        && uses.peek().is_some()
        && uses.all(|u| matches!(&u.kind, UseKind::Recv(m) if m == "id"))
}

/// Whether a use in closure `inner` reads the binding of closure `outer`
/// through closures that only borrow their captures: none is `move` or
/// spawned, so each captures the copy by reference, dies within the copy's
/// scope, and would capture a borrow in its place just as well.
fn borrowing_closures(cx: &FnCx<'_, '_>, mut inner: u32, outer: u32) -> bool {
    while inner != outer {
        if inner == 0 {
            return false;
        }
        let c = &cx.facts.closures[inner as usize];
        if c.is_move || c.spawned_by.is_some() {
            return false;
        }
        inner = c.parent;
    }
    true
}

/// A loop-invariant heap value cloned on every iteration.
fn loop_invariant(cx: &FnCx<'_, '_>, site: &Site, recv: &Expr, rty: &Option<Ty>) -> Option<Draft> {
    // A copy in a branch that leaves the loop is made once, not per pass.
    if site.loop_id == 0
        || site.exits
        || !rty
            .as_ref()
            .is_some_and(|t| t.peel_refs().is_heap_owned(cx.table))
    {
        return None;
    }
    let root = root_ident(recv)?;
    let rb = cx
        .facts
        .uses
        .iter()
        .find(|u| u.pos == Pos::of(root.span()))
        .map(|u| u.binding)?;
    let rbd = &cx.facts.bindings[rb as usize];
    if cx.facts.loop_within(rbd.loop_id, site.loop_id) {
        return None; // declared inside the loop: not invariant
    }
    if cx.facts.spawned_between(site.closure_id, rbd.closure_id) {
        return None;
    }
    let mutated_in_loop = cx.facts.uses_of(rb).any(|u| {
        cx.facts.loop_within(u.loop_id, site.loop_id)
            && match &u.kind {
                UseKind::Mutate(_) | UseKind::MutRecv(_) => true,
                UseKind::Recv(m) => !is_in(m, READ_ONLY),
                _ => false,
            }
    });
    // A copy that is then modified needs to be a copy.
    let copy_mutated = site.let_binding.is_some_and(|y| {
        cx.facts.bindings[y as usize].mutable || cx.facts.uses_of(y).any(|u| u.kind.mutates())
    });
    if mutated_in_loop || copy_mutated || !matches!(site.parent, Parent::Arg | Parent::LetInit) {
        return None;
    }
    let src = text(recv);
    let mut d = draft(cx, site);
    d.confidence = Confidence::Medium;
    d.safety = Safety::NeedsReview;
    d.issue = format!(
        "`{src}` does not change inside the loop but is copied on every iteration with `.{}()`.",
        method(site)
    );
    d.proposal = format!(
        "// Share one copy instead of making one per iteration:\nlet shared: std::sync::Arc<str> = {src}.as_str().into(); // before the loop (Arc<[T]> for vectors)\n// ... then pass `Arc::clone(&shared)`, or change the callee to take `&{src}`"
    );
    d.pros = vec!["Turns N allocations and copies into one (or none with a borrow).".into()];
    d.cons = vec!["Changes the type the callee receives (`&T` or `Arc<T>`).".into()];
    Some(d)
}

/// `let y = ctx.source_text().to_string();` with `y` only lent or read: the
/// call already returns a borrow, and nothing touches its root while `y`
/// lives, so the copy only duplicates it.
fn temporary_only_read(
    cx: &FnCx<'_, '_>,
    site: &Site,
    recv: &Expr,
    stringish: bool,
) -> Option<Draft> {
    let Expr::MethodCall(call) = recv else {
        return None;
    };
    match site.kind {
        SiteKind::ToOwned => {}
        SiteKind::ToString if stringish || text_accessor(recv) => {}
        _ => return None,
    }
    // Arguments could borrow anything; only plain accessors are looked at.
    if !call.args.is_empty() {
        return None;
    }
    let d = borrow_instead(cx, site, recv, &None)?;
    // Only lends and reads: a `&y` becomes `y`, the borrow itself.
    let y = site.let_binding?;
    if !source_settled(cx, site, recv, y) {
        return None;
    }
    let name = cx.facts.bindings[y as usize].name.clone();
    let src = text(recv);
    let mut d = d;
    d.confidence = Confidence::Medium;
    d.safety = Safety::NeedsReview;
    d.issue = format!(
        "`{name}` is an owned copy of `{src}`, which already lends the data, and `{name}` is only read: the copy allocates for nothing."
    );
    d.proposal = format!("let {name} = {};", super::code(recv));
    d.cons = vec![format!(
        "`{name}` now borrows from `{}`; code that mutates it while `{name}` lives will not compile.",
        text(&call.receiver)
    )];
    Some(d)
}

/// `x.source_text()`, `x.as_str()`, `x.text()`, `x.trim()`: an
/// argument-less method whose name says it lends text, so `.to_string()` on
/// it copies a string even when its type comes from another crate.
fn text_accessor(recv: &Expr) -> bool {
    let Expr::MethodCall(call) = recv else {
        return false;
    };
    let m = call.method.to_string();
    call.args.is_empty()
        && (m.ends_with("_text") || m.ends_with("_str") || m == "text" || m.starts_with("trim"))
}

/// Whether what `recv` lends stays immutable while the copy `y` would live.
///
/// A parameter lends the caller's data, and a local that owns its heap data
/// lends its own (both are checked for mutation by `borrow_instead`). A
/// pattern binding (`Some(e) = self.queue.back()`) or a local of unknown
/// type may itself borrow from `self` or another value, which this function
/// cannot trace: then no binding may be mutated, and no method of `self`
/// (which may take `&mut self`) called, while the copy lives — the borrow
/// in its place would conflict with it (E0502).
fn source_settled(cx: &FnCx<'_, '_>, site: &Site, recv: &Expr, y: u32) -> bool {
    let Some(root) = root_ident(recv) else {
        return false;
    };
    let root_binding = if root == "self" {
        cx.facts.bindings.iter().find(|b| b.name == "self")
    } else {
        cx.facts
            .uses
            .iter()
            .find(|u| u.pos == Pos::of(root.span()))
            .and_then(|u| cx.facts.bindings.get(u.binding as usize))
    };
    let owns = root_binding.is_some_and(|b| match b.kind {
        BindKind::Param | BindKind::SelfParam => true,
        BindKind::Let => {
            b.ty.as_ref()
                .is_some_and(|t| !t.is_ref() && t.is_heap_owned(cx.table))
        }
        BindKind::Pattern => false,
    });
    if owns {
        return true;
    }
    let Some(last) = cx.facts.uses_of(y).map(|u| u.pos).max() else {
        return false;
    };
    let start = site.range.start;
    !cx.facts.uses.iter().any(|u| {
        u.pos > start
            && u.pos <= last
            && match &u.kind {
                UseKind::Mutate(_) | UseKind::MutRecv(_) => true,
                UseKind::Recv(m) => u.place == "self" && !is_in(m, READ_ONLY),
                UseKind::Move(_) => u.place == "self",
                _ => false,
            }
    })
}

#[cfg(test)]
mod tests {
    use memaudit_model::Category;

    use crate::{analyze_source, FileContext};

    fn clone_lines(src: &str) -> Vec<u32> {
        analyze_source("src/x.rs", src, &FileContext::new("demo"))
            .unwrap()
            .into_iter()
            .filter(|f| f.category == Category::UnnecessaryClone)
            .map(|f| f.line_start)
            .collect()
    }

    #[test]
    fn an_owned_loop_item_cloned_at_its_last_use_is_reported() {
        let src = "pub fn keep(items: Vec<String>, out: &mut Vec<String>) {
    for item in items {
        out.push(item.clone());
    }
}
pub fn keep_all(items: Vec<String>) -> Vec<String> {
    items.into_iter().map(|s| s.clone()).collect()
}
pub fn take(buf: &mut Vec<String>, out: &mut Vec<String>) {
    for s in buf.drain(..) {
        out.push(s.clone());
    }
}";
        assert_eq!(clone_lines(src), vec![3, 7, 11]);
        // Lent items, items read after the copy, `match` bindings: silent.
        let lent = "pub fn keep(items: &[String], out: &mut Vec<String>) {
    for item in items.iter() {
        out.push(item.clone());
    }
    for item in items {
        let item: String = item.clone();
        out.push(item);
    }
}
pub fn count(items: Vec<String>, out: &mut Vec<String>) -> usize {
    let mut n = 0;
    for item in items {
        out.push(item.clone());
        n += item.len();
    }
    n
}
pub fn pick(v: &Option<String>) -> String {
    match v {
        Some(s) => s.clone(),
        None => String::new(),
    }
}";
        assert!(clone_lines(lent).is_empty(), "{:?}", clone_lines(lent));
    }

    #[test]
    fn an_accessor_copying_a_field_of_what_it_looks_up_is_reported() {
        let src = "pub struct Settings { files: Vec<String> }
pub struct Projects { map: std::collections::HashMap<u32, Settings> }
impl Projects {
    pub fn files(&self, key: u32) -> Option<Vec<String>> {
        self.map.get(&key).map(|s| s.files.clone())
    }
}";
        assert_eq!(clone_lines(src), vec![4]);
        // A copy the function goes on to use, or a mutating method: silent.
        let used = src.replace(
            ".map(|s| s.files.clone())",
            ".map(|s| s.files.clone()).filter(|f| !f.is_empty())",
        );
        assert!(clone_lines(&used).is_empty());
        let mutating = src.replace("(&self, key: u32)", "(&mut self, key: u32)");
        assert!(clone_lines(&mutating).is_empty());
    }

    #[test]
    fn a_ref_binding_of_an_owned_scrutinee_cloned_at_its_last_use_is_reported() {
        let src = "pub enum Src { Glsl { defines: Vec<String> }, Other }
pub struct Desc { pub label: Option<String>, pub src: Src }
pub struct Opts { pub defines: Vec<String> }
fn parse(_o: &Opts) -> usize { 0 }
pub fn create(desc: Desc) -> usize {
    match desc.src {
        Src::Glsl { ref defines } => {
            let o = Opts { defines: defines.clone() };
            parse(&o)
        }
        Src::Other => 0,
    }
}";
        assert_eq!(clone_lines(src), vec![8]);
        // Borrowed descriptor, or one matched again after: silent.
        let borrowed = src.replace("desc: Desc", "desc: &Desc");
        assert!(clone_lines(&borrowed).is_empty());
        let reused = src.replace(
            "        Src::Other => 0,\n    }\n}",
            "        Src::Other => 0,\n    };\n    drop(desc.src); 0\n}",
        );
        assert!(clone_lines(&reused).is_empty(), "{reused}");
    }

    #[test]
    fn text_looked_up_as_an_owned_copy_or_returned_as_chars_is_reported() {
        let src = "const KNOWN: &[&str] = &[\"0\", \"1\"];
pub fn known(lit: &syntax::Literal) -> bool {
    KNOWN.contains(&lit.to_trimmed_string().as_str())
}
fn cut(chars: impl Iterator<Item = char>, max: usize) -> Vec<char> {
    chars.take(max).collect()
}
pub fn short(s: &str) -> String { cut(s.chars(), 3).into_iter().collect() }";
        assert_eq!(clone_lines(src), vec![3, 5]);
        let kept = "pub fn kept(lit: &syntax::Literal, out: &mut Vec<String>) {
    let t = lit.to_trimmed_string();
    out.push(t);
}";
        assert!(clone_lines(kept).is_empty());
    }

    #[test]
    fn an_always_owned_cow_built_char_by_char_is_reported() {
        let src = "use std::borrow::Cow;
fn scheme<'a>(text: &'a str) -> Option<Cow<'a, str>> {
    let mut s = String::new();
    for b in text.bytes().take_while(|b| *b != b':') {
        s.push(b as char);
    }
    s.push(':');
    Some(s.into())
}";
        assert_eq!(clone_lines(src), vec![3]);
        let copied = src.replace("s.push(':')", "s.push_str(\":\")");
        assert!(clone_lines(&copied).is_empty());
    }

    #[test]
    fn a_handle_cloned_only_for_its_id_is_reported() {
        let src = "pub struct Font { pub handle: assets::Handle<u8> }
pub fn id_of(font: &Font, ids: &mut std::collections::HashMap<u64, u32>) -> u32 {
    let h = font.handle.clone();
    *ids.entry(h.id()).or_insert_with(|| load(h.id()))
}
fn load(_id: u64) -> u32 { 0 }";
        assert_eq!(clone_lines(src), vec![3]);
        let kept = src.replace("load(h.id())", "keep(h)");
        assert!(clone_lines(&kept).is_empty());
    }

    #[test]
    fn a_field_of_an_owned_local_cloned_at_its_last_use_is_reported() {
        let src = "pub struct S { pub a: String, pub b: String }
pub fn take(s: S) -> (String, String) {
    let b = s.b;
    (b, s.a.clone())
}
pub fn lent(s: &S) -> String {
    s.a.clone()
}
pub fn again(s: S) -> (String, usize) {
    let a = s.a.clone();
    (a, s.a.len())
}";
        assert_eq!(clone_lines(src), vec![4]);
        // A crate that implements `Drop` somewhere: parts may not move out.
        let dropping = format!("{src}\nimpl Drop for S {{ fn drop(&mut self) {{}} }}");
        assert!(clone_lines(&dropping).is_empty());
    }

    #[test]
    fn an_argument_given_back_unchanged_on_one_path_is_reported() {
        let src = "pub fn norm(s: &str) -> String {
    if s.contains('/') {
        s.replace('/', \"-\")
    } else {
        s.to_owned()
    }
}";
        assert_eq!(clone_lines(src), vec![5]);
        let only = "pub fn own(s: &str) -> String {
    s.to_owned()
}";
        assert!(clone_lines(only).is_empty());
    }

    #[test]
    fn a_copy_made_only_to_be_compared_is_reported() {
        let src = "pub fn is_config(topic: &Option<String>) -> bool {
    *topic == Some(\"config\".to_owned())
}
pub fn empty(topic: &Option<String>) -> bool {
    *topic == Some(\"\".to_string())
}
pub fn zero(n: u64) -> bool {
    n.to_string() == \"0\"
}";
        assert_eq!(clone_lines(src), vec![2]);
    }
}
