//! The iterator-only rewrite of a collected `Vec` (`let v: Vec<_> =
//! it.collect();` → walk, count or read `it` itself, where `v` was used):
//! what it needs from the code. The chain must be a sequential std
//! `Iterator` (a rayon chain has no `for`, and its `count()` is rayon's);
//! every use of `v` must be one the iterator serves — one walk, counts, the
//! first item — and nothing the chain reads may change or move before it
//! runs, because it now runs lazily, where `v` was used. A walk backwards
//! needs a double-ended chain, and a chain that spawns per item must be
//! collected for its threads to run side by side.
//!
//! It must NOT judge how hot the code is (`hot` does) nor the reused-buffer
//! proposals (`loops`, `flow`): a `Vec` that is only walked needs no buffer
//! hoisted anywhere.

use memaudit_facts::body::{LoopKind, Sink as RawSink, UseKind as RawUse};

use super::*;

/// How the collected `Vec` is used, when the iterator serves every use.
pub(super) struct Served {
    pub(super) name: String,
    /// `len()`, `is_empty()`.
    pub(super) counts: u32,
    /// `for x in v`, `for x in &v`, `v.iter()`, `v.into_iter()`.
    pub(super) walks: u32,
    /// `v[0]`, `v.first()`.
    pub(super) firsts: u32,
    /// The line of the last use: where the iterator now runs.
    pub(super) last: u32,
}

/// The `Vec`'s uses as the rewrite must serve them, or the first use (or
/// change of the chain's input) that needs the collection: its line and
/// what it is.
pub(super) fn served(case: &Case, site: &Site) -> Option<Result<Served, (u32, String)>> {
    let (item, s) = case.raw(site)?;
    let f = &item.facts;
    let b = s.let_binding?;
    let bd = f.bindings.get(b as usize)?;
    let name = bd.name.to_string();
    if bd.mutable {
        return Some(Err((
            bd.pos.line,
            format!("`{name}` is declared `mut`: the code may change the collection"),
        )));
    }
    let mut out = Served {
        name: name.clone(),
        counts: 0,
        walks: 0,
        firsts: 0,
        last: s.range.end.line,
    };
    let mut last = s.range.end;
    // A `for` loop keeps the iterator alive through its body.
    let mut alive = s.range.end;
    for u in f.uses_of(b) {
        let walk = for_walk(f, u.pos, &name);
        if let Some(end) = walk {
            alive = alive.max(end);
        }
        let walk = walk.is_some();
        if u.loop_id != bd.loop_id && !walk {
            return Some(Err((
                u.pos.line,
                format!(
                    "`{name}` is used at line {} inside a loop it was not made in: the items \
                     are needed once per iteration, an iterator gives them once",
                    u.pos.line
                ),
            )));
        }
        match &u.kind {
            RawUse::Recv(m) if m == "len" || m == "is_empty" => out.counts += 1,
            RawUse::Recv(m) if m == "iter" => out.walks += 1,
            RawUse::Recv(m) if m == "first" => out.firsts += 1,
            RawUse::Move(RawSink::Method(m)) if m == "into_iter" => out.walks += 1,
            RawUse::Ref | RawUse::Read | RawUse::Move(_) if walk => out.walks += 1,
            RawUse::Read if f.index_reads.contains(&(u.pos, Some(0))) => out.firsts += 1,
            other => {
                return Some(Err((
                    u.pos.line,
                    format!(
                        "`{name}` is {} at line {}: that needs the collection, not an iterator",
                        other.describe(),
                        u.pos.line
                    ),
                )))
            }
        }
        last = last.max(u.pos);
        alive = alive.max(u.pos);
    }
    if out.walks > 1 || (out.walks == 1 && out.counts + out.firsts > 0) {
        return Some(Err((
            last.line,
            format!(
                "`{name}` is walked {} and counted or read {} time(s): an iterator runs once, so \
                 the chain would have to run again (its closures too)",
                out.walks,
                out.counts + out.firsts
            ),
        )));
    }
    if out.walks + out.counts + out.firsts == 0 {
        return Some(Err((
            bd.pos.line,
            format!("no use of `{name}` that an iterator serves was found"),
        )));
    }
    // Collecting a chain that spawns a thread or task per item starts them
    // all before the first is walked (and joined): lazily, each would start
    // only when the walk reaches it.
    let spawner = f
        .calls
        .iter()
        .filter(|c| s.range.contains(c.pos) && c.name_is_spawner())
        .map(|c| c.callee.name().to_owned())
        .next();
    // A closure of the chain that changes a captured value (`headers.remove(k)`
    // in a `filter_map`) does it when the chain runs: collecting runs it
    // here, lazily it would run where the `Vec` is walked — after whatever
    // the code does in between with that value.
    let changed = f.uses.iter().find(|u| {
        s.range.contains(u.pos)
            && u.kind.mutates()
            && f.bindings
                .get(u.binding as usize)
                .is_some_and(|b| b.closure_id != u.closure_id)
    });
    if let Some(u) = changed {
        return Some(Err((
            u.pos.line,
            format!(
                "the chain changes `{}` ({} at line {}) as it runs: collecting `{name}` makes \
                 the change here; lazily it would happen only where the walk reaches it, after \
                 what the code does with `{}` in between",
                u.place,
                u.kind.describe(),
                u.pos.line,
                u.place
            ),
        )));
    }
    if let Some(call) = spawner {
        return Some(Err((
            s.range.start.line,
            format!(
                "the chain calls `{call}(..)` per item: collecting `{name}` starts every \
                 thread or task before the first is walked; lazily, each would start only when \
                 the walk reaches it, and the work would run one at a time"
            ),
        )));
    }
    // A walk backwards needs a `DoubleEndedIterator`, which the `Vec` is and
    // a chain from `successors`, `from_fn`, `scan`, … is not.
    if let Some(line) = reversed_walk(f, &name) {
        if let Some(one_way) = ONE_WAY.iter().find(|w| s.text.contains(*w)) {
            return Some(Err((
                line,
                format!(
                    "`{name}` is walked backwards (`.rev()`) at line {line}, and the chain's \
                     `{}..)` is not a `DoubleEndedIterator`: the iterator cannot be reversed \
                     (E0277); the `Vec` is what allows it",
                    one_way.trim_start_matches('.')
                ),
            )));
        }
    }
    // The chain runs lazily where `v` is used: what it reads must not change
    // in between (a borrow the `Vec` ended at line `collect` now lives on).
    let inputs: Vec<u32> = f
        .uses
        .iter()
        .filter(|u| u.pos >= s.range.start && u.pos <= s.range.end && u.binding != b)
        .map(|u| u.binding)
        .filter(|&i| {
            f.bindings
                .get(i as usize)
                .is_some_and(|ib| ib.pos < s.range.start)
        })
        .collect();
    for i in inputs {
        // A move of an input that owns its data ends what the chain
        // borrows (E0505); a `Copy` value or a shared reference moves as a
        // copy.
        let owned = f
            .bindings
            .get(i as usize)
            .and_then(|ib| ib.ty.as_ref())
            .is_some_and(|t| !t.is_copy(&case.facts.raw.table) && !t.is_unknown());
        let table = &case.facts.raw.table;
        let consumes = |m: &str| table.method_sig(m).is_some_and(|sig| sig.self_owned);
        // A workspace method that takes `&mut self` changes its receiver
        // (`pane.set_error(i)` in the walk over `pane.marked()`).
        let mut_method = |m: &str| table.method_takes_mut_self(m);
        let changed = f.uses_of(i).find(|u| {
            u.pos > s.range.end
                && u.pos < alive
                && (u.kind.mutates()
                    || (owned
                        && (u.kind.moves() || matches!(u.kind, RawUse::Recv(ref m) if consumes(m))))
                    || matches!(u.kind, RawUse::Recv(ref m) if u.place == "self" && !memaudit_facts::names::is_in(m, memaudit_facts::names::READ_ONLY))
                    || matches!(u.kind, RawUse::Recv(ref m) if mut_method(m)))
        });
        if let Some(u) = changed {
            return Some(Err((
                u.pos.line,
                format!(
                    "`{}` is changed at line {} ({}) while the iterator that replaces `{name}` \
                     (walked at line {}) still reads it: a borrow across the change does not \
                     compile (E0502), or the walk sees the new value",
                    u.place,
                    u.pos.line,
                    u.kind.describe(),
                    last.line
                ),
            )));
        }
    }
    out.last = last.line;
    Some(Ok(out))
}

/// Iterator sources and adaptors whose iterator is not a
/// `DoubleEndedIterator`.
const ONE_WAY: &[&str] = &[
    "successors(",
    "from_fn(",
    "repeat_with(",
    ".scan(",
    ".take_while(",
    ".skip_while(",
    ".map_while(",
    ".cycle(",
];

/// The line where the collected `name` is walked backwards
/// (`name.iter().rev()`, `for x in name.into_iter().rev()`), if it is.
fn reversed_walk(f: &memaudit_facts::body::FnFacts, name: &str) -> Option<u32> {
    let backwards = [
        format!("{name}.iter().rev()"),
        format!("{name}.into_iter().rev()"),
        format!("(&{name}).iter().rev()"),
    ];
    let hit = |t: &str| backwards.iter().any(|b| t.contains(b.as_str()));
    f.loops
        .iter()
        .skip(1)
        .find(|l| hit(&l.source))
        .map(|l| l.start.line)
        .or_else(|| {
            f.sites
                .iter()
                .find(|x| hit(&x.text))
                .map(|x| x.range.start.line)
        })
}

/// Where the body of the `for` loop over `name` ends, when `pos` is its
/// iterated expression (`for x in v`, `for x in &v`, `for x in v.iter()`).
fn for_walk(f: &memaudit_facts::body::FnFacts, pos: Pos, name: &str) -> Option<Pos> {
    f.loops
        .iter()
        .skip(1)
        .find(|l| {
            l.kind == LoopKind::For
                && l.start < pos
                && pos < l.body.start
                && [
                    name.to_owned(),
                    format!("&{name}"),
                    format!("{name}.iter()"),
                    format!("{name}.into_iter()"),
                ]
                .contains(&l.source)
        })
        .map(|l| l.body.end)
}

/// What the facts say about the collected chain of an iterator-only
/// finding's main site.
fn collected<'a>(case: &Case<'a>) -> Option<(&'a Site, memaudit_facts::body::Collected, String)> {
    if case.shape != proposal::Shape::IterOnly {
        return None;
    }
    let site = case.main?;
    let (_, s) = case.raw(site)?;
    Some((site, s.collected?, s.text.clone()))
}

pub(super) fn rule_parallel_collect(case: &Case, _: &Review) -> Option<Fired> {
    let (site, c, text) = collected(case)?;
    if !c.parallel {
        return None;
    }
    let chain = text.trim_end_matches(".collect()");
    Some(Fired {
        description: format!(
            "The collected chain is a rayon parallel iterator: `{}`.",
            short(chain)
        ),
        risk: "A `ParallelIterator` is not an `Iterator`: `for` does not walk it, and the `Vec` \
               is what hands the parallel results to sequential code."
            .into(),
        suggestion: "Keep the `Vec`, or consume the chain with rayon's own `for_each`/`sum`/\
                     `count`."
            .into(),
        counterexample: Some(format!(
            "At line {} the items come from a rayon chain; `for x in <the chain>` does not \
             compile (E0277: not an iterator), so the proposed rewrite cannot replace the `Vec`.",
            site.start.line
        )),
        lifetime: Some(check(
            CheckStatus::Fail,
            "a parallel iterator cannot be walked where the `Vec` was",
        )),
        ..Fired::default()
    })
}

pub(super) fn rule_collection_needed(case: &Case, _: &Review) -> Option<Fired> {
    let (site, _, _) = collected(case)?;
    let Err((line, why)) = served(case, site)? else {
        return None;
    };
    Some(Fired {
        description: format!("The collected `Vec` is needed: {why}."),
        risk: "The iterator in its place does not compile or runs the chain again.".into(),
        suggestion: "Keep the `Vec`.".into(),
        counterexample: Some(format!(
            "{} at line {} is collected, and at line {line} {why}; an iterator in its place \
             cannot give the same answer.",
            site.label(),
            site.start.line
        )),
        lifetime: Some(check(CheckStatus::Fail, why)),
        ..Fired::default()
    })
}

pub(super) fn rule_iterator_unproven(case: &Case, _: &Review) -> Option<Fired> {
    let (site, c, text) = collected(case)?;
    if served(case, site).is_none() {
        return Some(Fired {
            description: format!(
                "Where is the `Vec` collected at line {} used? It is not bound by a `let`, so \
                 its uses cannot be read.",
                site.start.line
            ),
            risk: "The iterator serves one walk, a count or the first item; any other use \
                   needs the `Vec`."
                .into(),
            suggestion: "Name each use of the collected `Vec`, or keep it.".into(),
            ..Fired::default()
        });
    }
    if c.std_iter || c.parallel {
        return None;
    }
    let chain = text.trim_end_matches(".collect()");
    Some(Fired {
        description: format!(
            "Is `{}` (line {}) a sequential `Iterator`? It does not start from a std iterator \
             source through std adaptors only.",
            short(chain),
            site.start.line
        ),
        risk: "`for`, `count()` and `next()` need an `Iterator`; another crate's chain may be \
               something else."
            .into(),
        suggestion: "Say which type the chain has, or keep the `Vec`.".into(),
        ..Fired::default()
    })
}

/// The lifetime check of an iterator-only proposal.
pub(super) fn iter_only_lifetime(case: &Case, site: &Site) -> Check {
    match served(case, site) {
        Some(Ok(s)) => check(
            CheckStatus::Pass,
            format!(
                "{} at line {} is replaced by its iterator, which runs where `{}` was used (line \
                 {}) within its scope; nothing the chain reads changes in between",
                site.label(),
                site.start.line,
                s.name,
                s.last
            ),
        ),
        Some(Err((_, why))) => check(CheckStatus::Fail, why),
        None => check(
            CheckStatus::Unclear,
            format!(
                "{} at line {} is not bound by a `let`: its uses are not known",
                site.label(),
                site.start.line
            ),
        ),
    }
}

/// The saving of an iterator-only rewrite.
pub(super) fn iter_only_gain(case: &Case, site: &Site, per: &str, only: &str) -> String {
    let name = served(case, site)
        .and_then(Result::ok)
        .map(|s| format!("`{}`", s.name))
        .unwrap_or_else(|| "the `Vec`".to_owned());
    format!("Gain: the allocation of {name} and the copy of each item {per}{only}")
}

fn short(text: &str) -> String {
    const MAX: usize = 80;
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(MAX).collect();
        format!("{cut}…")
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use memaudit_model::{Category, Verdict};

    const SRC: &str = r#"
pub fn sizes(entries: &[Vec<u32>], names: &[String]) -> usize {
    let mut n = 0;
    let sizes = entries.iter().map(|e| e.len()).collect::<Vec<_>>();
    for s in sizes {
        n += s;
    }
    let par = entries.par_iter().map(|e| e.len()).collect::<Vec<_>>();
    for s in par {
        n += s;
    }
    let twice: Vec<_> = names.iter().filter(|s| s.is_empty()).collect();
    n += twice.len();
    for t in &twice {
        n += t.len();
    }
    let groups: Vec<_> = names.iter().group_by(|s| s.len()).collect();
    n += groups.len();
    let mut grown = names.to_vec();
    let empty: Vec<String> = grown.iter().filter(|s| s.is_empty()).cloned().collect();
    for e in empty {
        grown.push(e);
    }
    n += grown.len();
    let header: Vec<_> = [(1, true), (2, false)].iter().filter(|(_, on)| *on).collect();
    for h in header {
        n += h.0;
    }
    n
}
"#;
    const WALK: &str = "let {n} = {iter};\n// then iterate `{n}` where the code iterated the `Vec` (`for x in {n}`); the items are the iterator's own, not references into a `Vec`";
    const COUNT: &str = "let {n}_len = {iter}.count();\n// then `{n}_len` for `{n}.len()`, `{n}_len == 0` for `{n}.is_empty()`";
    const ISSUE: &str = "`{n}` collects every item into a new `Vec` on every call, but it is walked once: the iterator gives the same answer without the allocation and the copy of each item.";

    fn given(needle: &str, n: &str, iter: &str, proposal: &str) -> Given {
        given_in(SRC, needle, n, iter, proposal)
    }

    /// As `given`, in the source `src`.
    fn given_in(src: &str, needle: &str, n: &str, iter: &str, proposal: &str) -> Given {
        Given::new(src, Category::AllocationLoop, needle)
            .proposal(&proposal.replace("{n}", n).replace("{iter}", iter))
            .issue(&ISSUE.replace("{n}", n))
            .hot()
    }

    #[test]
    fn a_vec_walked_once_is_approved_with_the_iterator_s_own_lifetime() {
        let v = check(
            &given(
                "let sizes",
                "sizes",
                "entries.iter().map(|e| e.len())",
                WALK,
            ),
            Verdict::Approved,
            &["is replaced by its iterator, which runs where `sizes` was used"],
        );
        assert!(
            !said(&v).contains("a buffer hoisted"),
            "the reused-buffer reasoning does not apply"
        );
    }

    #[test]
    fn once_per_call_of_an_entry_point_is_a_question() {
        let api = memaudit_model::Reach {
            heat: memaudit_model::Heat::Warm,
            cold: None,
            loop_depth: 0,
            reasons: vec![
                "entry: public API `sizes` of library `demo`: called per call of its user".into(),
            ],
            process_per_pass: None,
            growth: None,
        };
        check(
            &given(
                "let sizes",
                "sizes",
                "entries.iter().map(|e| e.len())",
                WALK,
            )
            .reach(api),
            Verdict::NeedsWork,
            &["[rule: not-in-loop]", "Is `fn sizes` called once per item"],
        );
    }

    #[test]
    fn a_rayon_chain_is_not_an_iterator() {
        check(
            &given(
                "let par",
                "par",
                "entries.par_iter().map(|e| e.len())",
                WALK,
            ),
            Verdict::Rejected,
            &["[rule: parallel-collect]", "rayon"],
        );
    }

    #[test]
    fn a_vec_counted_and_walked_is_needed() {
        check(
            &given(
                "let twice",
                "twice",
                "names.iter().filter(|s| s.is_empty())",
                COUNT,
            ),
            Verdict::Rejected,
            &[
                "[rule: collection-needed]",
                "walked 1 and counted or read 1",
            ],
        );
    }

    /// Three `Vec`s that the code needs whole: spawned handles, a walk
    /// backwards, and an input the walking loop moves.
    const NEEDED: &str = r#"
pub struct Rec { data: Vec<(String, u32)> }
impl Rec { pub fn put(self, k: &str) -> Rec { let _ = k; self } }
pub fn run(files: &[String], index: usize, tree: &Tree, rec: Rec, n: usize) -> usize {
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..n).map(|_| scope.spawn(|| files.len())).collect();
        for h in handles {
            let _ = h.join();
        }
    });
    let names: Vec<_> = std::iter::successors(Some(index), |i| tree.parent(*i)).map(|i| tree.name(i)).collect();
    let path: Vec<_> = names.iter().rev().map(|n| n.len()).collect();
    let sizes: Vec<usize> = rec.data.iter().map(|(_, v)| *v as usize).collect();
    for k in sizes {
        if k > n {
            let done = rec.put("big");
            return done.data.len();
        }
    }
    path.len() + rec.data.len()
}
"#;

    #[test]
    fn spawned_handles_walked_backwards_or_an_input_moved_need_the_vec() {
        for (needle, n, iter, says) in [
            (
                "let handles",
                "handles",
                "(0..n).map(|_| scope.spawn(|| files.len()))",
                "starts every thread or task before the first is walked",
            ),
            (
                "let names",
                "names",
                "std::iter::successors(Some(index), |i| tree.parent(*i)).map(|i| tree.name(i))",
                "is not a `DoubleEndedIterator`",
            ),
            (
                "let sizes",
                "sizes",
                "rec.data.iter().map(|(_, v)| *v as usize)",
                "`rec` is changed at line",
            ),
        ] {
            check(
                &given_in(NEEDED, needle, n, iter, WALK),
                Verdict::Rejected,
                &["[rule: collection-needed]", says],
            );
        }
    }

    #[test]
    fn a_chain_that_spawns_locally_or_changes_what_it_captures_needs_the_vec() {
        let src = r#"
use std::collections::HashMap;
pub async fn run(n: usize) -> usize {
    let handles = (0..n)
        .map(|i| tokio::task::spawn_local(async move { i * 2 }))
        .collect::<Vec<_>>();
    let mut total = 0;
    for h in handles {
        total += h.await.unwrap_or(0);
    }
    total
}
pub fn sign(headers: &mut HashMap<String, String>, skip: &[String]) -> usize {
    let removed: Vec<(String, String)> = skip
        .iter()
        .filter_map(|k| headers.remove(k).map(|v| (k.clone(), v)))
        .collect();
    let n = headers.len();
    for (k, v) in removed {
        headers.insert(k, v);
    }
    n
}
"#;
        for (needle, n, iter, says) in [
            (
                "let handles",
                "handles",
                "(0..n).map(|i| tokio::task::spawn_local(async move { i * 2 }))",
                "calls `spawn_local(..)` per item",
            ),
            (
                "let removed",
                "removed",
                "skip.iter().filter_map(|k| headers.remove(k).map(|v| (k.clone(), v)))",
                "the chain changes `headers` (`.remove(..)` at line 16)",
            ),
        ] {
            check(
                &given_in(src, needle, n, iter, WALK),
                Verdict::Rejected,
                &["[rule: collection-needed]", says],
            );
        }
    }

    #[test]
    fn a_chain_whose_input_changes_during_the_walk_needs_the_vec() {
        check(
            &given(
                "let empty",
                "empty",
                "grown.iter().filter(|s| s.is_empty()).cloned()",
                WALK,
            ),
            Verdict::Rejected,
            &["[rule: collection-needed]", "`grown` is changed at line"],
        );
    }

    #[test]
    fn a_chain_over_a_value_a_mut_method_changes_in_the_walk_needs_the_vec() {
        let src = r#"
pub struct Pane { marked: Vec<(usize, String)>, errors: Vec<usize> }
impl Pane {
    pub fn marked(&self) -> &[(usize, String)] { &self.marked }
    pub fn set_error(&mut self, i: usize) { self.errors.push(i); }
    pub fn count(&self, i: usize) -> usize { i }
}
pub fn flush(pane: &mut Pane, paths: &[String]) -> usize {
    let mut n = 0;
    for path in paths {
        let hit: Vec<_> = pane.marked().iter().filter(|(_, p)| p == path).map(|(i, _)| *i).collect();
        for i in hit {
            pane.set_error(i);
        }
        let seen: Vec<_> = pane.marked().iter().filter(|(_, p)| p == path).map(|(i, _)| *i).collect();
        for i in seen {
            n += pane.count(i);
        }
    }
    n
}
"#;
        let chain = "pane.marked().iter().filter(|(_, p)| p == path).map(|(i, _)| *i)";
        check(
            &given_in(src, "let hit", "hit", chain, WALK),
            Verdict::Rejected,
            &["[rule: collection-needed]", "`pane` is changed at line"],
        );
        check(
            &given_in(src, "let seen", "seen", chain, WALK),
            Verdict::Approved,
            &[],
        );
    }

    #[test]
    fn a_chain_through_another_crate_is_a_question() {
        check(
            &given(
                "let groups",
                "groups",
                "names.iter().group_by(|s| s.len())",
                COUNT,
            ),
            Verdict::NeedsWork,
            &["[rule: iterator-unproven]", "a sequential `Iterator`"],
        );
    }

    #[test]
    fn two_items_from_an_array_literal_are_noise() {
        check(
            &given(
                "let header",
                "header",
                "[(1, true), (2, false)].iter().filter(|(_, on)| *on)",
                WALK,
            ),
            Verdict::Rejected,
            &["[rule: tiny-collection]", "at most 2 items"],
        );
    }
}
