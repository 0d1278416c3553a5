//! Findings whose site sits in one arm of a `match`: a buffer hoisted out
//! of the loop pays only on the iterations that take the arm (a dispatch on
//! each item's kind), and a value that is one arm's result cannot become
//! `&buf` in that arm alone.
//!
//! It must NOT judge sites outside `match` arms (`if` branches keep the
//! other rules' reading: a guard usually holds on most iterations).

use super::*;

/// A dispatch has at least this many arms: with fewer, one arm is usually
/// the common case.
const DISPATCH_ARMS: u16 = 3;

/// The arm of a `match` a site is directly in, if any.
fn arm_of<'a>(case: &Case<'a>, site: &Site) -> Option<&'a memaudit_facts::body::MatchArm> {
    let (item, s) = case.raw(site)?;
    item.facts.arm(s.branch?)
}

pub(super) fn rule_arm_value(case: &Case, _: &Review) -> Option<Fired> {
    if !matches!(case.shape, proposal::Shape::Reuse | proposal::Shape::Borrow) {
        return None;
    }
    let site = case.main?;
    let (_, s) = case.raw(site)?;
    let arm = arm_of(case, site)?;
    if arm.arms < 2 || arm.value != Some(s.range) {
        return None;
    }
    let others = arm.arms - 1;
    let what = site.label();
    let (branch, whole) = if arm.is_if {
        (format!("`{}` branch", arm.pat_text), "an `if`/`else`")
    } else {
        (format!("`{}` arm", arm.pat_text), "a `match`")
    };
    Some(Fired {
        description: format!(
            "{what} at line {} is the value of the {branch} of {whole} whose {others} other \
             branch(es) yield values of their own: `&buf` in this branch alone gives them \
             different types (E0308).",
            site.start.line
        ),
        risk: "The proposal does not compile as written.".into(),
        suggestion:
            "Write every arm's text into the one buffer (and use `&buf` after the `match`), \
                     or keep the allocation."
                .into(),
        counterexample: Some(format!(
            "{whole} containing line {} produces one value from whichever branch runs; with \
             `&buf` in the {branch} and an owned value in the others, their types differ \
             (`&String` against `String`, E0308).",
            site.start.line
        )),
        ..Fired::default()
    })
}

pub(super) fn rule_dispatch_arm(case: &Case, _: &Review) -> Option<Fired> {
    // Only a buffer hoisted above the loop pays per iteration taken; a
    // change made in place (`write!` into the target) gains wherever the arm
    // runs, at no cost.
    if case.finding.category != Category::AllocationLoop || case.shape != proposal::Shape::Reuse {
        return None;
    }
    let site = case.main?;
    let (item, s) = case.raw(site)?;
    if s.loop_id == 0 {
        return None;
    }
    let l = item.facts.loops.get(s.loop_id as usize)?;
    // The innermost dispatching `match` around the site inside the loop
    // body (one per iteration): a `match` or `if` nested in one of its arms
    // runs only when that arm does.
    let mut arm = arm_of(case, site)?;
    while arm.is_if || arm.arms < DISPATCH_ARMS {
        arm = item.facts.arm(arm.outer?)?;
    }
    if arm.pat < l.body.start || arm.pat > l.body.end {
        return None;
    }
    let source = if l.source.is_empty() {
        "the loop".to_owned()
    } else {
        format!("`{}`", l.source)
    };
    needs(
        format!(
            "{} at line {} is in the `{}` arm, one of {} arms of a `match` inside the loop over \
             {source}: it runs only on the iterations that take this arm. How many items of \
             {source} take the `{}` arm?",
            site.label(),
            site.start.line,
            arm.pat_text,
            arm.arms,
            arm.pat_text
        ),
        "If the arm is rare (one per input, a closing tag), hoisting the buffer saves nothing.",
        format!(
            "Show that most items of {source} take `{}` (or a heap profile of these lines).",
            arm.pat_text
        ),
    )
}
