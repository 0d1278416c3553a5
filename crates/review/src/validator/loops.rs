//! Claims about a loop that the loop does not bear out: an empty collection
//! that is never grown (it never allocates), a value built once behind an
//! `is_none()` guard (not once per iteration), a collection of at most a few
//! items, and a collection of borrows whose owner is made in the loop
//! (hoisting it is E0597). Also when a site runs only on the iterations that
//! take a branch, so that the gain is said as it is.
//!
//! It must NOT decide how hot the loop is (`hot` does) nor where values go
//! (`flow` does).

use memaudit_facts::body::{SiteKind as RawKind, UseKind as RawUse};

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

pub(super) fn rule_loop_local_owner(case: &Case, site: &Site) -> Option<Fired> {
    if case.shape != proposal::Shape::Reuse {
        return None;
    }
    let (item, s) = case.raw(site)?;
    if s.kind != RawKind::Collect || s.loop_id == 0 {
        return None;
    }
    let f = &item.facts;
    let written = s
        .let_binding
        .and_then(|b| f.bindings.get(b as usize))
        .and_then(|b| b.ty.as_ref())
        .map(|t| t.to_string());
    let methods: Vec<&str> = s
        .text
        .split('.')
        .skip(1)
        .map(|m| m.split(['(', ':']).next().unwrap_or(""))
        .collect();
    let borrows = match &written {
        Some(t) if t.contains('&') => true,
        Some(t) if !t.contains('?') && !t.contains('_') => false,
        _ => {
            let last_borrow = methods.iter().rposition(|m| BORROWING_ADAPTORS.contains(m));
            let last_owning = methods.iter().rposition(|m| OWNING_ADAPTORS.contains(m));
            last_borrow.is_some() && last_borrow > last_owning
        }
    };
    if !borrows {
        return None;
    }
    let root = s.text.split(['.', '(', '[']).next()?.trim();
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
    let made_in_loop = owner.loop_id != 0 && f.loop_within(owner.loop_id, s.loop_id);
    // A `for` pattern that borrows from the collection outside is fine: its
    // items outlive the loop.
    let owned = match owner.kind {
        memaudit_facts::body::BindKind::Let => {
            owner.init.as_ref().is_none_or(|i| !i.text.starts_with('&'))
        }
        _ => owner
            .ty
            .as_ref()
            .is_some_and(|t| t.is_heap_owned(&case.facts.raw.table)),
    };
    if !made_in_loop || !owned {
        return None;
    }
    let what = written.unwrap_or_else(|| "a collection of borrows".to_owned());
    Some(Fired {
        description: format!(
            "{} holds borrows of `{root}` ({what}), and `{root}` is made anew in each \
             iteration (line {}): a buffer hoisted above the loop cannot hold them.",
            site.label(),
            owner.pos.line
        ),
        risk: "The proposal does not compile (E0597: `{root}` does not live long enough).".into(),
        suggestion: format!(
            "Keep the per-iteration collection, or avoid collecting: iterate `{root}` directly."
        ),
        counterexample: Some(format!(
            "A buffer declared above the loop has one element type for all iterations, so the \
             `&str`s it holds must outlive every iteration; `{root}`, declared at line {} inside \
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
}
