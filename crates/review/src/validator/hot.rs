//! Whether the code runs often enough to matter.
//!
//! With the call graph's reach of the finding (every finding of an audit
//! has one), the code's *pace*: per item of the program's data (its
//! function is called from a loop somewhere up the chain), per call of an
//! entry point (a library's API, a trait method std calls per value), once
//! per process (reached only from `main` through calls outside loops), or
//! unknown (no caller found). `once-per-process` rejects a `for` loop over
//! a collection that runs once per process; `caller-unknown` asks the one
//! question left when no caller is known. Without a reach (a finding
//! validated on its own), the file-level heuristics of `not-in-loop`,
//! `cold-file` and `unreached-function` stand in.
//!
//! It must NOT reject cold code (tests, setup, error paths): `cold` does.

use memaudit_facts::hotness::HUMAN_RATE;
use memaudit_model::Heat;

use super::*;

/// How often the code around a site runs, from the call graph's reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pace {
    /// Its function is called per item: a loop up the chain repeats it.
    PerItem,
    /// Per call of an entry point, with no loop known around the call.
    PerCall,
    /// Reached only from `main` (or a runtime's main, or setup) through
    /// calls outside loops.
    Once,
    /// No caller is known.
    Unknown,
    /// Below a handler of a person's input (a key press, a mouse action):
    /// a few times a second at most, whatever loop delivers the events.
    /// Holds the index of the chain's link into the handler.
    HumanRate(usize),
}

/// The link of a reach chain into a handler of a person's input, when no
/// `while`/`loop` below it repeats the code without bound (a loop that
/// reads input or drains a queue per key press is another matter).
pub(super) fn human_rate(reasons: &[String]) -> Option<usize> {
    let at = reasons.iter().position(|r| r.contains(HUMAN_RATE))?;
    let unbounded = reasons[..at]
        .iter()
        .any(|r| r.contains("the `while` loop") || r.contains("the `loop`"));
    (!unbounded).then_some(at)
}

/// Traits whose methods build or convert a value: when the call graph sees
/// no caller of one, how often it runs is not known.
const CONVERSION_TRAITS: &[&str] = &["From", "TryFrom", "Into", "FromStr", "Default"];

/// The pace of the code at a site, with the reach's chain of reasons, when
/// the finding has a reach that surfaces (cold code is `cold-reach`'s).
pub(super) fn pace(case: &Case, site: &Site) -> Option<(Pace, String)> {
    let reach = case.finding.reach.as_ref().filter(|r| r.surfaces())?;
    // A measurement outranks the call graph's reading.
    if let Some(n) = case.measured.filter(|n| *n >= HOT_MEASURED) {
        return Some((
            Pace::PerItem,
            format!("measured: {n} allocations at these lines in the session's heap profile"),
        ));
    }
    // Loops around the site inside its own function: the reach's depth
    // counts those plus the loops up the chain.
    let local = site.ctx.loops.len() as u32;
    let chain = reach.reasons.join(" ← ");
    let any = |p: &dyn Fn(&str) -> bool| reach.reasons.iter().any(|r| p(r));
    let pace = if let Some(at) = human_rate(&reach.reasons) {
        Pace::HumanRate(at)
    } else if reach.loop_depth > local {
        Pace::PerItem
    } else if reach.heat == Heat::Unknown
        || any(&|r| r.starts_with("no caller of"))
        // A conversion or constructor trait method the graph found no
        // caller of: assumed "per value", really unknown.
        || any(&|r| {
            CONVERSION_TRAITS
                .iter()
                .any(|t| r.starts_with(&format!("entry: `{t}::")) && r.ends_with("called per value"))
        })
    {
        Pace::Unknown
    } else if any(&|r| {
        r.starts_with("entry: `fn main`")
            || r.starts_with("entry: async runtime main")
            || r.contains("once per use of the library")
            || r.contains("once, lazily")
    }) {
        Pace::Once
    } else {
        Pace::PerCall
    };
    Some((pace, chain))
}

/// The innermost loop that repeats the site (or, for a pre-sizing finding,
/// the loop that grows the buffer).
fn repeating_loop<'c>(case: &'c Case, site: &'c Site) -> Option<&'c facts::LoopCtx> {
    site.ctx.loops.last().or_else(|| {
        case.growth
            .as_ref()
            .and_then(|g| g.as_ref().ok())
            .map(|g| &g.grows_in)
    })
}

/// A `for` loop or an iterator closure walks a collection once; a `loop`
/// or `while` in `main` is the program's event loop.
fn walks_a_collection(l: &facts::LoopCtx) -> bool {
    matches!(l.kind, facts::LoopKind::For | facts::LoopKind::Iterator(_))
}

/// The one loop of a reach chain that runs once per process: the chain
/// holds a single loop (`loop_depth` 1), a `for` or iterator walk of a
/// collection that is not text or input (`lines`, `read_dir`, `stdin`, …),
/// in a function that `main` reaches through calls outside loops, every
/// link resolved (not matched by name). Said as the link's own words: "per
/// iteration of `for (name,value) in std::env::vars()` from `run_with`".
pub(super) fn once_up_the_chain(reasons: &[String], loop_depth: u32) -> Option<String> {
    if loop_depth != 1 {
        return None;
    }
    let mut walk = None;
    let mut reaches_main = false;
    for r in reasons {
        if r.contains("(matched by name)") || r.contains("(one of several methods") {
            return None;
        }
        if r.starts_with("entry: `fn main`") || r.contains(" from `main` (") {
            reaches_main = true;
        } else if r.starts_with("entry:") {
            return None;
        }
        let per = r
            .strip_prefix("called per ")
            .or_else(|| r.strip_prefix("runs per "));
        let Some(per) = per else {
            if r.starts_with("called once per call from") || r.starts_with("entry: `fn main`") {
                continue;
            }
            return None;
        };
        let walks = per.starts_with("iteration of `for ") || per.starts_with("element of `");
        let source = per.split('`').nth(1).unwrap_or("");
        let input = memaudit_facts::names::INPUT_SOURCES.iter().any(|t| {
            source.match_indices(t).any(|(i, _)| {
                i == 0 || !source[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_')
            })
        });
        if !walks || input || walk.is_some() {
            return None;
        }
        walk = Some(per.to_owned());
    }
    walk.filter(|_| reaches_main)
}

pub(super) fn rule_once_per_process(case: &Case, _: &Review) -> Option<Fired> {
    let site = case.main?;
    let (pace, chain) = pace(case, site)?;
    let what = match pace {
        Pace::Once => repeating_loop(case, site)
            .filter(|l| walks_a_collection(l))?
            .describe(),
        // The walk is up the chain: the site's own function has no loop
        // and runs once per element of a walk made once per run.
        Pace::PerItem
            if site.ctx.loops.is_empty()
                && case.growth.is_none()
                && case.measured.is_none_or(|n| n < HOT_MEASURED) =>
        {
            let reach = case.finding.reach.as_ref()?;
            let (item, raw) = case.raw(site)?;
            if made_from_what_was_read(&item.facts, raw) {
                return None;
            }
            let walk = once_up_the_chain(&reach.reasons, reach.loop_depth)?;
            format!("walk up the call chain (called per {walk})")
        }
        _ => return None,
    };
    if copies_the_accumulator(case, site) {
        return None;
    }
    Some(Fired {
        description: format!("The {what} runs once per process: {chain}."),
        risk: "The saving is one allocation per element of a collection walked once per run, not per item of the program's data."
            .into(),
        suggestion: "Leave it; look at the code that runs per item.".into(),
        counterexample: Some(format!(
            "{} at line {} repeats only over the {what}, and that loop runs once per process ({chain}): over a run it allocates as many times as the collection has elements, which no user of the program notices.",
            site.label(),
            site.start.line,
        )),
        hot_path: Some(assess(Answer::No, format!("once per process: {chain}"))),
        ..Fired::default()
    })
}

/// `.reduce(|a, b| a.clone() + ..)`: a copy of a `fold`/`reduce`
/// accumulator copies everything gathered so far, so over one walk the
/// copying grows with the square of the collection's length — not the
/// one allocation per element that a walk once per run makes negligible.
fn copies_the_accumulator(case: &Case, site: &Site) -> bool {
    use memaudit_facts::body::{BindKind, LoopKind};
    let Some((item, raw)) = case.raw(site) else {
        return false;
    };
    let (Some(receiver), Some(l)) = (&raw.receiver, item.facts.loops.get(raw.loop_id as usize))
    else {
        return false;
    };
    if !matches!(&l.kind, LoopKind::Iter(m) if matches!(m.as_str(), "fold" | "reduce" | "try_fold" | "try_reduce"))
    {
        return false;
    }
    // The accumulator is the closure's first parameter.
    item.facts
        .bindings
        .iter()
        .find(|b| b.loop_id == raw.loop_id && b.kind == BindKind::Pattern)
        .is_some_and(|b| b.name == *receiver)
}

/// Categories whose claim is a count of allocations or copies per pass:
/// what a process start per pass outweighs. Layout and held memory are
/// other costs.
pub(super) const COUNTED: &[Category] = &[
    Category::AllocationLoop,
    Category::ArenaCandidate,
    Category::UnnecessaryClone,
    Category::HeapAvoidable,
];

/// A finding that counts allocations and that no heap profile measured
/// hot: the rules that weigh its saving against the work beside it read
/// the code; a measurement outranks that reading.
fn judged_from_code(case: &Case) -> bool {
    COUNTED.contains(&case.finding.category) && case.measured.is_none_or(|n| n < HOT_MEASURED)
}

/// The loop up the chain that starts a child process per pass, for a
/// finding that counts allocations and that no heap profile measured hot.
fn beside_process<'c>(case: &'c Case) -> Option<&'c memaudit_model::ProcessPerPass> {
    if !judged_from_code(case) {
        return None;
    }
    let reach = case.finding.reach.as_ref().filter(|r| r.surfaces())?;
    reach.process_per_pass.as_ref()
}

pub(super) fn rule_human_rate(case: &Case, _: &Review) -> Option<Fired> {
    let site = case.main?;
    let (Pace::HumanRate(at), chain) = pace(case, site)? else {
        return None;
    };
    // A `while`/`loop` of its own around the site may read or drain without
    // bound per key press: only collections walked per event are judged here.
    if site.ctx.loops.iter().any(|l| !walks_a_collection(l)) {
        return None;
    }
    let reach = case.finding.reach.as_ref()?;
    let key = reach
        .reasons
        .get(at)
        .map(String::as_str)
        .unwrap_or_default();
    let within = match repeating_loop(case, site) {
        Some(l) => format!("per iteration of the {} there", l.describe()),
        None => "once".to_owned(),
    };
    Some(Fired {
        description: format!(
            "{} at line {} runs {within}, below a handler of a person's input: {key}.",
            site.label(),
            site.start.line
        ),
        risk: "Key presses and clicks come a few times a second: an allocation per event, or per element of a list walked per event, is microseconds against the person's pace."
            .into(),
        suggestion: "Leave it; look at the code that runs per frame or per item of the program's data.".into(),
        counterexample: Some(format!(
            "{} at line {} runs {within} each time the handler up the chain runs, and it runs per key press or mouse action ({chain}): at human rate the saving is never seen.",
            site.label(),
            site.start.line
        )),
        hot_path: Some(assess(Answer::No, format!("per input event of a person: {chain}"))),
        ..Fired::default()
    })
}

/// The link of a reach chain into one frame of a terminal UI — the closure
/// given to a `draw` method (`terminal.draw(|f| ..)`) or a widget's
/// `render` — when every link below it is a single call: the code runs a
/// fixed number of times per frame drawn.
pub(super) fn once_per_frame(reasons: &[String]) -> Option<usize> {
    let at = reasons
        .iter()
        .position(|r| r.contains(".draw(..)` from") || r.contains(FRAME))?;
    reasons[..at]
        .iter()
        .all(|r| {
            r.starts_with("called once per call from")
                && !r.contains("(matched by name)")
                && !r.contains("(one of several methods")
        })
        .then_some(at)
}

/// What the call graph says of a widget's `render`, which a terminal UI
/// calls per frame.
const FRAME: &str = "called per frame by the terminal UI";

pub(super) fn rule_once_per_frame(case: &Case, _: &Review) -> Option<Fired> {
    if !judged_from_code(case) {
        return None;
    }
    let site = case.main?;
    // Per row or per cell of a frame is another matter: only code that
    // runs a fixed number of times per frame is judged here.
    if !site.ctx.loops.is_empty() || case.growth.is_some() {
        return None;
    }
    let reach = case.finding.reach.as_ref().filter(|r| r.surfaces())?;
    let at = once_per_frame(&reach.reasons)?;
    let frame = reach
        .reasons
        .get(at)
        .map(String::as_str)
        .unwrap_or_default();
    let chain = reach.reasons.join(" ← ");
    Some(Fired {
        description: format!(
            "{} at line {} runs once per frame of the terminal UI: {frame}.",
            site.label(),
            site.start.line
        ),
        risk: "A frame lays out and compares every cell of the screen, and frames come at a timer's or a person's pace: one small allocation per frame is a fraction of a percent of drawing it."
            .into(),
        suggestion: "Leave it; look at the code that runs per row or per item drawn in a frame.".into(),
        counterexample: Some(format!(
            "{} at line {} is in no loop of its function, and every call up to the frame's drawing is a single call ({chain}): it allocates a fixed number of times per frame, beside the thousands of cells the frame draws.",
            site.label(),
            site.start.line
        )),
        hot_path: Some(assess(Answer::No, format!("once per frame drawn: {chain}"))),
        ..Fired::default()
    })
}

/// `dir.join(name).is_file()`: the path joined for a file-system query —
/// the query named, when the site is one.
fn fs_query_of(case: &Case, site: &Site) -> Option<String> {
    use memaudit_facts::body::{Callee, SiteKind};
    let (item, raw) = case.raw(site)?;
    if raw.kind != SiteKind::AllocMethod || !raw.text.contains(".join(") {
        return None;
    }
    let end = raw.range.end;
    let next = item
        .facts
        .calls
        .iter()
        .filter(|c| c.pos > end && c.pos.line <= end.line + 1)
        .min_by_key(|c| c.pos)?;
    match &next.callee {
        Callee::Method { name, .. }
            if memaudit_facts::names::is_in(name, memaudit_facts::names::FS_QUERIES) =>
        {
            Some(name.to_string())
        }
        _ => None,
    }
}

/// A path joined per probe only to query the file system: the query is a
/// system call, about a microsecond, beside which the `PathBuf` (tens of
/// nanoseconds) is a few percent. The allocation is real and the fix
/// simple, so the question is only whether the loop probes enough paths —
/// every ancestor times every candidate name per prompt, per file — for
/// those few percent to count.
pub(super) fn rule_beside_fs_query(case: &Case, _: &Review) -> Option<Fired> {
    if case.finding.category != Category::AllocationLoop {
        return None;
    }
    let site = case.main?;
    let query = fs_query_of(case, site)?;
    Some(Fired {
        description: format!(
            "The path built at line {} is made for `{query}()`, a file-system query: each probe is a system call of about a microsecond, beside which the `PathBuf` is a few percent.",
            site.start.line
        ),
        risk: "The change saves one small allocation per probe; the system calls stay, so the probing loop gets a few percent faster however many paths it probes.".into(),
        suggestion: "Leave it; if the probes show in a profile, cut the number of system calls (one `read_dir` instead of a probe per name).".into(),
        counterexample: Some(format!(
            "Each pass joins one path and asks the file system about it (`{query}()`): the `PathBuf` is tens of nanoseconds against a system call of about a microsecond. The saving is the same few percent of every probe, so no number of probes makes it worth a reused buffer."
        )),
        hot_path: Some(assess(
            Answer::No,
            format!("beside a file-system query (`{query}()`) per probe"),
        )),
        ..Fired::default()
    })
}

/// A read of a whole file before the site, at the same pace as it: in
/// the same loop (or both in none), not in a branch the site may skip.
/// Said as "`fs::read_to_string(..)` at line 48".
fn file_read_before(case: &Case, site: &Site) -> Option<String> {
    use memaudit_facts::body::Callee;
    use memaudit_facts::names::{is_in, WHOLE_READS};
    let (item, raw) = case.raw(site)?;
    if made_from_what_was_read(&item.facts, raw) {
        return None;
    }
    let start = raw.range.start;
    item.facts
        .calls
        .iter()
        .filter(|c| c.pos < start && c.cold.is_none() && !c.once)
        .filter(|c| c.loop_id == raw.loop_id && c.closure_id == raw.closure_id)
        .filter(|c| {
            c.cond_depth == 0
                || (u32::from(c.cond_depth) <= raw.cond_depth
                    && raw.branch.is_some_and(|b| b <= c.pos))
        })
        .find_map(|c| match &c.callee {
            // `fs::read_to_string(p)`, `std::fs::read(p)`: a path-based read
            // of the whole file.
            Callee::Path(p) if p.len() >= 2 && p[p.len() - 2] == "fs" => {
                let name = p.last()?;
                is_in(name, WHOLE_READS).then(|| format!("`fs::{name}(..)` at line {}", c.pos.line))
            }
            // `file.read_to_string(&mut s)`: a whole stream read into memory.
            Callee::Method { name, .. } if name != "read" && is_in(name, WHOLE_READS) => {
                Some(format!("`.{name}(..)` at line {}", c.pos.line))
            }
            _ => None,
        })
}

/// The site is made from the bytes a whole read filled
/// (`stdin.read_to_end(&mut buf)` then `buf.clone()`, or
/// `let text = fs::read_to_string(p)?` then `text.lines().collect()`): it
/// grows with the file, so it is no small allocation beside the read.
fn made_from_what_was_read(
    f: &memaudit_facts::body::FnFacts,
    site: &memaudit_facts::body::Site,
) -> bool {
    use memaudit_facts::names::{is_in, WHOLE_READS};
    let filled_by_read = |b: u32| {
        f.uses_of(b).any(|u| {
            f.lent_mut.iter().any(|(p, callee)| {
                *p == u.pos && is_in(callee.rsplit("::").next().unwrap_or(callee), WHOLE_READS)
            })
        })
    };
    let read_into = |i: usize, b: &memaudit_facts::body::Binding| {
        b.init.as_ref().is_some_and(|init| {
            WHOLE_READS
                .iter()
                .any(|r| init.text.contains(&format!("{r}(")))
        }) || u32::try_from(i).is_ok_and(filled_by_read)
    };
    let names: Vec<&str> = site
        .text
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
        .collect();
    f.bindings
        .iter()
        .enumerate()
        .any(|(i, b)| names.contains(&b.name.as_str()) && read_into(i, b))
}

/// Where a function of this file named `name` walks a collection of its
/// own — a `for` over a field of `self` or an associated table
/// (`for (k, v) in &self.units`, `for p in Self::prefixes()`), whose length
/// does not depend on the arguments — directly or through the file's
/// functions it calls, up to `depth` calls down. Every function of that
/// name must walk one.
fn own_walk(case: &Case, name: &str, depth: u32) -> Option<String> {
    case.down_calls(None, name, false, depth, &|f| {
        let l = f.facts.loops.iter().skip(1).find(|l| {
            l.kind == memaudit_facts::body::LoopKind::For && {
                let src = l.source.trim_start_matches('&').trim_start_matches("mut ");
                src.starts_with("self.") || src.starts_with("Self::")
            }
        })?;
        Some(format!(
            "which walks `{}` at line {} of `{}`",
            l.source, l.start.line, f.name
        ))
    })
}

/// One reused buffer proposed for a value only lent (`&format!(..)`) to a
/// function of this file that walks a collection of its own on every call
/// (a table of every registered unit, a list of the type's entries): the
/// allocation is one per call against a walk of the whole collection.
pub(super) fn rule_lent_beside_walk(case: &Case, _: &Review) -> Option<Fired> {
    use memaudit_facts::body::Parent;
    if !judged_from_code(case)
        || case.finding.category != Category::AllocationLoop
        || case.shape != proposal::Shape::Reuse
    {
        return None;
    }
    let site = case.main?;
    let (item, s) = case.raw(site)?;
    if s.parent != Parent::Ref {
        return None;
    }
    // The call the borrow is an argument of: the nearest call that starts
    // before the site, on its line or the three before, in the same loop
    // and closure (`self.check(\n &format!(..))`).
    let call = item
        .facts
        .calls
        .iter()
        .filter(|c| {
            c.pos <= s.range.start
                && c.pos.line + 3 >= s.range.start.line
                && c.cold.is_none()
                && c.loop_id == s.loop_id
                && c.closure_id == s.closure_id
        })
        .max_by_key(|c| c.pos)?;
    let callee = call.callee.name();
    let walk = own_walk(case, callee, 3)?;
    Some(Fired {
        description: format!(
            "{} at line {} is lent to `{callee}`, {walk}: each call walks that whole collection \
             beside the one allocation.",
            site.label(),
            site.start.line
        ),
        risk: "The buffer saves one small allocation per call of a function that walks a \
               collection each time."
            .into(),
        suggestion: format!(
            "Leave it; if the path matters, look at the walk in `{callee}` (a map lookup in \
             place of the scan)."
        ),
        counterexample: Some(format!(
            "Each pass allocates {} once and calls `{callee}`, {walk}: the allocation is tens of \
             nanoseconds against a walk whose length does not depend on it.",
            site.label()
        )),
        hot_path: Some(assess(
            Answer::No,
            format!("the walk in `{callee}` outweighs the allocation"),
        )),
        ..Fired::default()
    })
}

/// An allocation or copy made at most once per whole-file read, after the
/// read and at its pace: opening, reading and closing a file is several
/// system calls and a copy of all its bytes, beside which one small
/// allocation is lost.
pub(super) fn rule_beside_file_read(case: &Case, _: &Review) -> Option<Fired> {
    if !judged_from_code(case) {
        return None;
    }
    let site = case.main?;
    let read = file_read_before(case, site)?;
    Some(Fired {
        description: format!(
            "{} at line {} runs at most once per read of a whole file, {read}, in the same pass.",
            site.label(),
            site.start.line
        ),
        risk: "Reading a file is several system calls and a copy of all its bytes, microseconds at least: one small allocation beside it is a fraction of a percent.".into(),
        suggestion: "Leave it; the time of this code goes to reading the file.".into(),
        counterexample: Some(format!(
            "every time {} at line {} runs, {read} has read a whole file just before it: the allocation saved is tens of nanoseconds against the file's system calls and bytes",
            site.label(),
            site.start.line
        )),
        hot_path: Some(assess(
            Answer::No,
            format!("at the pace of a whole-file read ({read})"),
        )),
        ..Fired::default()
    })
}

/// Types whose constructor compiles a regular expression.
const REGEX_TYPES: &[&str] = &["Regex", "RegexBuilder", "RegexSet", "RegexSetBuilder"];

/// A regular expression compiled on the site's path, at its pace: in the
/// same loop and closure, not on a branch the site may skip, not cold.
/// `Regex::new(..)`, `RegexBuilder::new(..).build()`, or a `parse` whose
/// written turbofish names a regex type (`s.parse::<Regex>()`), which the
/// facts do not keep and the line as written does. Said as
/// "`Regex::new(..)` at line 12".
fn regex_build_beside(case: &Case, site: &Site) -> Option<String> {
    use memaudit_facts::body::Callee;
    let (item, raw) = case.raw(site)?;
    item.facts
        .calls
        .iter()
        .filter(|c| c.cold.is_none() && !c.once)
        .filter(|c| c.loop_id == raw.loop_id && c.closure_id == raw.closure_id)
        .filter(|c| {
            c.cond_depth == 0
                || (u32::from(c.cond_depth) <= raw.cond_depth
                    && raw.branch.is_some_and(|b| b <= c.pos))
        })
        .find_map(|c| match &c.callee {
            Callee::Path(p) if p.len() >= 2 => {
                let ty = p[p.len() - 2].as_str();
                (REGEX_TYPES.contains(&ty) && p[p.len() - 1] == "new")
                    .then(|| format!("`{ty}::new(..)` at line {}", c.pos.line))
            }
            Callee::Method { name, .. } if name == "parse" => {
                let line = case.lines.get(c.pos.line.checked_sub(1)? as usize)?;
                REGEX_TYPES
                    .iter()
                    .any(|t| {
                        line.contains(&format!("parse::<{t}>"))
                            || line.contains(&format!("parse::<regex::{t}>"))
                    })
                    .then(|| format!("`.parse::<Regex>()` at line {}", c.pos.line))
            }
            _ => None,
        })
}

/// Arena types: one made per pass means the pass builds a whole structure
/// of nodes in it.
const ARENA_TYPES: &[&str] = &["Arena", "TypedArena", "Bump", "Herd", "Arena32"];

/// A fresh arena made on the site's path, at its pace (same loop and
/// closure, not on a branch the site may skip, not cold): `Arena::new()`,
/// `Bump::new()`, `Bump::with_capacity(..)`. Said as "`Arena::new()` at
/// line 1499".
fn arena_beside(case: &Case, site: &Site) -> Option<String> {
    use memaudit_facts::body::Callee;
    let (item, raw) = case.raw(site)?;
    item.facts
        .calls
        .iter()
        .filter(|c| c.cold.is_none() && !c.once)
        .filter(|c| c.loop_id == raw.loop_id && c.closure_id == raw.closure_id)
        .filter(|c| {
            c.cond_depth == 0
                || (u32::from(c.cond_depth) <= raw.cond_depth
                    && raw.branch.is_some_and(|b| b <= c.pos))
        })
        .find_map(|c| match &c.callee {
            Callee::Path(p) if p.len() >= 2 => {
                let ty = p[p.len() - 2].as_str();
                let f = p[p.len() - 1].as_str();
                (ARENA_TYPES.contains(&ty) && matches!(f, "new" | "with_capacity"))
                    .then(|| format!("`{ty}::{f}(..)` at line {}", c.pos.line))
            }
            _ => None,
        })
}

/// An allocation made once per pass of a loop that makes a fresh arena
/// per pass: the pass builds a whole structure (a parsed document, a tree)
/// in the arena, hundreds of nodes or more, beside which one buffer is
/// lost.
pub(super) fn rule_beside_fresh_arena(case: &Case, _: &Review) -> Option<Fired> {
    if !judged_from_code(case) {
        return None;
    }
    let site = case.main?;
    if site.ctx.loops.is_empty() {
        return None;
    }
    let arena = arena_beside(case, site)?;
    Some(Fired {
        description: format!(
            "{} at line {} runs once per pass that makes a fresh arena, {arena}: each pass \
             builds a structure of its own in it.",
            site.label(),
            site.start.line
        ),
        risk: "A pass that fills a new arena allocates a node per element of what it builds: \
               one buffer saved per pass is a small share of them."
            .into(),
        suggestion: "Leave it; if the pass is hot, the structure built per pass is what to \
                     look at."
            .into(),
        counterexample: Some(format!(
            "every pass that runs {} at line {} also makes {arena} and builds a structure in \
             it: the allocation saved is one against the pass's many",
            site.label(),
            site.start.line
        )),
        hot_path: Some(assess(
            Answer::No,
            format!("beside a fresh arena per pass ({arena})"),
        )),
        ..Fired::default()
    })
}

/// An allocation at the pace of compiling a regular expression: parsing
/// the pattern and building its automaton is microseconds to
/// milliseconds and dozens of allocations, beside which one small
/// allocation is lost.
pub(super) fn rule_beside_regex_build(case: &Case, _: &Review) -> Option<Fired> {
    if !judged_from_code(case) {
        return None;
    }
    let site = case.main?;
    let build = regex_build_beside(case, site)?;
    Some(Fired {
        description: format!(
            "{} at line {} runs once per regular expression compiled, {build}, in the same pass.",
            site.label(),
            site.start.line
        ),
        risk: "Compiling a regex parses the pattern and builds its automaton: microseconds at \
               least and many allocations of its own. One small allocation beside it is a \
               fraction of a percent."
            .into(),
        suggestion: "Leave it; if the pass is hot, compile the regex once and keep it.".into(),
        counterexample: Some(format!(
            "every time {} at line {} runs, {build} compiles a regular expression at the same \
             pace: the allocation saved is tens of nanoseconds against the regex's parse and \
             automaton build",
            site.label(),
            site.start.line
        )),
        hot_path: Some(assess(
            Answer::No,
            format!("at the pace of a regex compilation ({build})"),
        )),
        ..Fired::default()
    })
}

pub(super) fn rule_process_per_pass(case: &Case, _: &Review) -> Option<Fired> {
    let site = case.main?;
    let p = beside_process(case)?;
    let within = if p.inner.is_empty() {
        "once per pass".to_owned()
    } else {
        let inner: Vec<String> = p.inner.iter().map(|u| format!("per {u}")).collect();
        format!("{} within each pass", inner.join(", "))
    };
    let unless = match p.inner.first() {
        Some(u) => {
            format!(" Only a pass that repeats it thousands of times (per {u}) would make it show.")
        }
        None => String::new(),
    };
    Some(Fired {
        description: format!(
            "Every {} ({}) also starts a child process (at {}); {} at line {} runs {within}.",
            p.unit,
            p.at,
            p.start,
            site.label(),
            site.start.line
        ),
        risk: "Starting a process costs about a millisecond (fork, exec, wait), tens of thousands of small allocations: the saving is lost in it."
            .into(),
        suggestion: "Leave it; the time of this loop goes to the processes it starts.".into(),
        counterexample: Some(format!(
            "{} at line {} runs {within} of the {}, which starts a child process every time (at {}): one allocation beside a process start is a few dozen nanoseconds against about a millisecond.{unless}",
            site.label(),
            site.start.line,
            p.unit,
            p.start
        )),
        hot_path: Some(assess(
            Answer::No,
            format!("beside a child process started per {} ({})", p.unit, p.at),
        )),
        ..Fired::default()
    })
}

pub(super) fn rule_caller_unknown(case: &Case, _: &Review) -> Option<Fired> {
    let site = case.main?;
    if matches!(
        site.kind,
        SiteKind::Item { .. } | SiteKind::BoxType { .. } | SiteKind::SharedBuffer { .. }
    ) {
        return None;
    }
    let (Pace::Unknown, chain) = pace(case, site)? else {
        return None;
    };
    let f = fn_label(case, site);
    Some(Fired {
        description: format!(
            "Is {f} called once per item of the program's data (a file, a line, a record, an event)? The call graph found no caller: {chain}."
        ),
        risk: "Code nobody calls per item saves nothing; code nobody calls at all is dead.".into(),
        suggestion: format!(
            "Name the caller of {f} and how often it runs, or attach a heap profile that shows these lines."
        ),
        ..Fired::default()
    })
}

/// An allocation-in-a-loop finding on a site in no loop, run once per call
/// of an entry point, in a function whose own loop makes the same kind of
/// allocation per element (`css.push_str(&format!(..))` before the loop
/// and again inside it): this site is one allocation per call beside the
/// loop's one per element; the loop's sites are the findings that count.
pub(super) fn rule_once_beside_loop(case: &Case, review: &Review) -> Option<Fired> {
    let site = case.main?;
    if case.finding.category != Category::AllocationLoop
        || review.in_loop
        || case.growth.is_some()
        || !matches!(pace(case, site), Some((Pace::PerCall | Pace::Once, _)))
    {
        return None;
    }
    let (item, raw) = case.raw(site)?;
    let beside = item.facts.sites.iter().find(|s| {
        s.loop_id != 0 && s.kind == raw.kind && s.cold.is_none() && !s.exits && !s.in_macro
    })?;
    let l = &item.facts.loops[beside.loop_id as usize];
    Some(Fired {
        description: format!(
            "{} at line {} runs once per call of {}, which makes the same allocation per element of its {} (at line {}).",
            site.label(),
            site.start.line,
            fn_label(case, site),
            l.describe(),
            beside.range.start.line
        ),
        risk: "One allocation per call beside one per element: this site is the smallest part of the function's allocations of its kind.".into(),
        suggestion: format!(
            "Change the loop's site (line {}) if it is worth it; this one follows with it or not at all.",
            beside.range.start.line
        ),
        counterexample: Some(format!(
            "{} at line {} is in no loop of {}, and nothing up the call chain loops over it; the {} repeats the same allocation per element (at line {}). Whatever the loop's length, this site adds one allocation per call to the loop's one per element.",
            site.label(),
            site.start.line,
            fn_label(case, site),
            l.describe(),
            beside.range.start.line
        )),
        ..Fired::default()
    })
}

pub(super) fn rule_not_in_loop(case: &Case, review: &Review) -> Option<Fired> {
    let site = case.main?;
    // A pre-sizing finding is about the loop that fills the buffer, which
    // `presize-unproven` checks.
    // A shared buffer's gain is per value shared and per read, not per
    // loop pass: the finding is a LOW note (`coordinator::is_note`) that
    // says so, not a hot allocation to show a loop for.
    if review.in_loop
        || case.growth.is_some()
        || matches!(
            site.kind,
            SiteKind::Item { .. } | SiteKind::SharedBuffer { .. }
        )
    {
        return None;
    }
    // With a reach, the call graph says how often the code runs (a box in a
    // type has no loop of its own: it still needs its builder shown). An
    // allocation-in-a-loop finding outside any loop claims repetition that
    // only a loop up the chain gives: per call of an entry point (or once
    // per process) is once per file, request or run, not per item.
    if case.finding.reach.is_some() && !matches!(site.kind, SiteKind::BoxType { .. }) {
        let once_per_call = case.finding.category == Category::AllocationLoop
            && matches!(pace(case, site), Some((Pace::PerCall | Pace::Once, _)));
        if !once_per_call {
            return None;
        }
        let (_, chain) = pace(case, site)?;
        return needs(
            format!(
                "Is {} called once per item of the program's data (a line, a record, an \
                 event)? {} at line {} is in no loop there, and the call graph shows no loop \
                 around its calls: {chain}.",
                fn_label(case, site),
                site.label(),
                site.start.line
            ),
            "An allocation once per call of an entry point — once per file, request or run — \
             is not an allocation in a loop.",
            format!(
                "Show the caller that runs {} per item (or a heap profile of it).",
                fn_label(case, site)
            ),
        );
    }
    if let SiteKind::BoxType { .. } = &site.kind {
        let place = box_place(site)?;
        return needs(
            format!(
                "{} at line {} is a type in {place}: each value is one allocation, but no loop \
                 that builds values of it is shown.",
                site.label(),
                site.start.line
            ),
            "A box built once per call or per long-lived value is not a hot allocation.",
            "Show the loop that builds these values (or a heap profile of them).".into(),
        );
    }
    needs(
        format!(
            "{} at line {} is not inside a loop or per-element closure in {}.",
            site.label(),
            site.start.line,
            fn_label(case, site)
        ),
        "A once-per-call allocation is only hot if the function is called in a loop.",
        format!(
            "Show the caller that runs {} per item (or a heap profile of it).",
            fn_label(case, site)
        ),
    )
}

pub(super) fn rule_cold_file(case: &Case, review: &Review) -> Option<Fired> {
    if !review.in_loop || case.priority <= Priority::P1 || case.finding.reach.is_some() {
        return None;
    }
    needs(
        format!(
            "The loop is in a {} file ({}).",
            case.priority, case.priority_source
        ),
        "Low-priority files rarely process user data at scale.",
        "Measure it (heap profile) or raise the file's priority in scope.md if it is hot.".into(),
    )
}

pub(super) fn rule_unreached(case: &Case, review: &Review) -> Option<Fired> {
    let site = case.main?;
    if !review.in_loop
        || case.priority > Priority::P1
        || review.hot_path.answer == Answer::Yes
        || case.finding.reach.is_some()
    {
        return None;
    }
    needs(
        format!("The hot path is not shown: {}.", review.hot_path.evidence),
        "The loop may run rarely, or never (dead code).",
        format!(
            "Show how {} is reached from `main`, a public API or a task (or a heap profile of it).",
            fn_label(case, site)
        ),
    )
}

/// Entry points: `main`, `pub fn`, `async fn`, trait methods, functions that
/// spawn tasks; then everything they call by name in this file.
pub(super) fn reachable(facts: &FileFacts, idx: usize) -> Option<String> {
    let is_entry = |f: &FnFacts| {
        if f.name == "main" {
            Some("`fn main`".to_owned())
        } else if f.public {
            Some(format!("`pub fn {}`", f.name))
        } else if f.is_async {
            Some(format!("`async fn {}`", f.name))
        } else if f.trait_impl {
            Some(format!("trait method `{}`", f.name))
        } else {
            None
        }
    };
    let target = &facts.fns[idx];
    if let Some(e) = is_entry(target) {
        return Some(format!("{e} is an entry point"));
    }
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let mut queue: Vec<(&FnFacts, String)> = facts
        .fns
        .iter()
        .filter_map(|f| is_entry(f).map(|e| (f, e)))
        .collect();
    while let Some((f, origin)) = queue.pop() {
        if !seen.insert(f.name.as_str()) {
            continue;
        }
        if f.calls.contains(&target.name) {
            return Some(format!("called from {origin}"));
        }
        for g in facts.fns.iter().filter(|g| f.calls.contains(&g.name)) {
            queue.push((g, origin.clone()));
        }
    }
    None
}

pub(super) fn hot_path(case: &Case, site: Option<&Site>) -> Assessment {
    let Some(site) = site else {
        return assess(Answer::Maybe, "the code was not located");
    };
    if let (SiteKind::BoxType { .. }, Some(place)) = (&site.kind, box_place(site)) {
        let per = if site.ctx.sig.is_some() {
            "one allocation per call; how hot depends on how often callers call it"
        } else {
            "one allocation per value built; how hot depends on how many values are built"
        };
        return assess(
            Answer::Maybe,
            format!(
                "a type in {place}, in a {} file ({}): {per}",
                case.priority, case.priority_source
            ),
        );
    }
    if let SiteKind::SharedBuffer { .. } = &site.kind {
        let place = site
            .ctx
            .item
            .as_ref()
            .map(|i| format!("a field of `{i}`"))
            .or_else(|| site.ctx.sig.clone())
            .unwrap_or_else(|| "a `let` annotation".to_owned());
        return assess(
            Answer::Maybe,
            format!(
                "a type in {place}, in a {} file ({}): one block fewer per value shared and one \
                 pointer hop fewer per read; how much depends on how many values are built and \
                 read",
                case.priority, case.priority_source
            ),
        );
    }
    if matches!(site.kind, SiteKind::Item { .. }) {
        return assess(
            Answer::Maybe,
            format!(
                "a type definition in a {} file ({}); how hot depends on how many values are built",
                case.priority, case.priority_source
            ),
        );
    }
    if let Some((p, chain)) = pace(case, site) {
        if let Some(pp) = beside_process(case) {
            return assess(
                Answer::No,
                format!(
                    "beside a child process started per {} ({}, started at {}): {chain}",
                    pp.unit, pp.at, pp.start
                ),
            );
        }
        let l = repeating_loop(case, site);
        let in_loop = l
            .map(|l| {
                format!(
                    "per iteration of the {} in {}; ",
                    l.describe(),
                    fn_label(case, site)
                )
            })
            .unwrap_or_default();
        return match p {
            Pace::PerItem => assess(Answer::Yes, format!("{in_loop}called per item: {chain}")),
            Pace::PerCall if l.is_some() => assess(
                Answer::Yes,
                format!("{in_loop}once per call of an entry point: {chain}"),
            ),
            Pace::PerCall => assess(
                Answer::Maybe,
                format!("once per call of an entry point, with no loop around it: {chain}"),
            ),
            Pace::Once if l.is_some_and(|l| !walks_a_collection(l)) => assess(
                Answer::Yes,
                format!("{in_loop}the program's event loop: {chain}"),
            ),
            Pace::Once => assess(Answer::No, format!("{in_loop}once per process: {chain}")),
            Pace::Unknown => assess(Answer::Maybe, format!("{in_loop}no caller known: {chain}")),
            Pace::HumanRate(_) => assess(
                Answer::No,
                format!("{in_loop}per input event of a person: {chain}"),
            ),
        };
    }
    let hot_file = case.priority <= Priority::P1;
    let reach = if site.ctx.task.is_some() {
        Some("runs in a spawned task".to_owned())
    } else {
        site.ctx.fn_idx.and_then(|i| reachable(case.facts, i))
    };
    let reach_text = reach.clone().unwrap_or_else(|| {
        format!(
            "{} is private and not called from an entry point in this file",
            fn_label(case, site)
        )
    });
    let file_text = format!("{} file ({})", case.priority, case.priority_source);
    let grows_in = case
        .growth
        .as_ref()
        .and_then(|g| g.as_ref().ok())
        .map(|g| &g.grows_in);
    match site.ctx.loops.last().or(grows_in) {
        Some(l) if hot_file && reach.is_some() => assess(
            Answer::Yes,
            format!("inside the {} in a {file_text}; {reach_text}", l.describe()),
        ),
        Some(l) => assess(
            Answer::Maybe,
            format!("inside the {} in a {file_text}; {reach_text}", l.describe()),
        ),
        None if hot_file => assess(
            Answer::Maybe,
            format!(
                "not in a loop in {}; once per call in a {file_text}; {reach_text}",
                fn_label(case, site)
            ),
        ),
        None => assess(Answer::No, format!("not in a loop, in a {file_text}")),
    }
}

pub(super) fn rule_parallel_loop(case: &Case, review: &Review) -> Option<Fired> {
    let p = review.parallel.as_ref()?;
    if !matches!(
        case.shape,
        proposal::Shape::Reuse | proposal::Shape::Arena | proposal::Shape::Other
    ) {
        return None;
    }
    Some(Fired {
        description: format!("The loop runs on several threads: {p}."),
        risk: "One hoisted buffer would be shared by worker threads: it does not compile, or needs a lock."
            .into(),
        suggestion: "Use one buffer per worker (`map_init` / `for_each_init`, or `thread_local!`)."
            .into(),
        counterexample: Some(format!(
            "{p}: its closure runs on several threads at once, so a buffer hoisted above it is borrowed mutably by all of them (E0596/E0499 — `FnMut` state is not `Sync`)."
        )),
        thread_safety: Some(check(
            CheckStatus::Fail,
            format!("{p}: one hoisted buffer would be shared by worker threads"),
        )),
        ..Fired::default()
    })
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::once_up_the_chain;
    use memaudit_model::{Category, Heat, Reach, Verdict};

    const SRC: &str = r#"
pub fn config(values: &[String]) -> usize {
    let mut n = 0;
    for v in values {
        let parts: Vec<&str> = v.split(':').collect();
        n += parts.len();
    }
    loop {
        let event = std::io::stdin().lines().next();
        let line = match event { Some(Ok(l)) => l, _ => break };
        let label = format!("{n}: {line}");
        println!("{label}");
    }
    n
}
"#;
    const REUSE: &str = "let mut parts = Vec::new(); // once, before the loop\n// in the loop body:\nparts.clear();\nparts.extend(v.split(':'));";

    #[test]
    fn a_value_lent_to_a_walk_of_the_types_own_table_is_not_worth_a_buffer() {
        // `check` walks every registered unit (through `lookup`), whatever
        // the name: the `format!` beside it is a fraction. `count` walks its
        // argument: the rule leaves it to the others.
        let src = r#"
pub struct Registry { units: Vec<String> }
impl Registry {
    pub fn add(&mut self, name: &str, prefixes: &[&str]) -> usize {
        let mut n = 0;
        for p in prefixes {
            n += self.check(&format!("{p}{name}"));
        }
        n
    }
    fn check(&self, name: &str) -> usize {
        self.lookup(name)
    }
    fn lookup(&self, name: &str) -> usize {
        let mut n = 0;
        for u in &self.units {
            if u == name { n += 1; }
        }
        n
    }
    pub fn show(&self, prefixes: &[&str]) -> usize {
        let mut n = 0;
        for p in prefixes {
            n += count(&format!("{p}!"));
        }
        n
    }
}
fn count(s: &str) -> usize {
    let mut n = 0;
    for c in s.chars() { if c == '!' { n += 1; } }
    n
}
"#;
        let reuse = "use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"{p}{name}\").unwrap();";
        check(
            &Given::new(src, Category::AllocationLoop, "self.check(&format!")
                .proposal(reuse)
                .hot(),
            Verdict::Rejected,
            &[
                "[rule: lent-beside-walk]",
                "walks `&self.units`",
                "`lookup`",
            ],
        );
        let v = validate(
            &Given::new(src, Category::AllocationLoop, "count(&format!")
                .proposal(reuse)
                .hot(),
        );
        assert!(!said(&v).contains("lent-beside-walk"), "{}", said(&v));
    }
    const ISSUE: &str = "`.collect()` allocates on every iteration of `for v in values`.";

    fn reach(reasons: &[&str], depth: u32) -> Reach {
        Reach {
            heat: Heat::Hot,
            cold: None,
            loop_depth: depth,
            reasons: reasons.iter().map(|r| r.to_string()).collect(),
            process_per_pass: None,
            growth: None,
        }
    }

    /// A copy of a `reduce` accumulator copies all gathered so far: once
    /// per process is still quadratic in the walk's length.
    #[test]
    fn an_accumulator_copied_per_step_is_not_excused_by_once_per_process() {
        const JOIN: &str = "fn join(items: &[String], delim: &str) -> String {\n    items.iter().cloned().reduce(|a: String, b| a.clone() + delim + b.as_str()).unwrap_or_default()\n}\nfn main() { let v = vec![]; println!(\"{}\", join(&v, \",\")); }\n";
        let once = reach(
            &[
                "runs per element of `items.iter().cloned().reduce(..)` in `join`",
                "called once per call from `main` (src/main.rs:4)",
                "entry: `fn main` (src/main.rs:4)",
            ],
            1,
        );
        let v = check(
            &Given::new(JOIN, Category::UnnecessaryClone, "a.clone()")
                .proposal("// Move the value instead of copying it:\na")
                .issue("`a` is an item the loop owns, not used after this `.clone()` in the body, so the copy can be replaced by a move.")
                .reach(once),
            Verdict::Approved,
            &[],
        );
        assert!(!said(&v).contains("once-per-process"), "{}", said(&v));
    }

    #[test]
    fn a_collection_walked_once_per_process_is_not_hot() {
        let once = reach(
            &[
                "runs per iteration of `for v in values` in `config`",
                "called once per call from `main` (src/main.rs:3)",
                "entry: `fn main` (src/main.rs:1)",
            ],
            1,
        );
        check(
            &Given::new(SRC, Category::AllocationLoop, "v.split")
                .proposal(REUSE)
                .issue(ISSUE)
                .reach(once.clone()),
            Verdict::Rejected,
            &["[rule: once-per-process]"],
        );
        // The event loop of `main` is the program's hot path.
        let v = check(
            &Given::new(SRC, Category::AllocationLoop, "let label")
                .proposal("use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"{n}: {line}\").unwrap();")
                .reach(once),
            Verdict::Approved,
            &["the program's event loop"],
        );
        assert_eq!(
            v.hot_path.answer,
            memaudit_model::Answer::Yes,
            "the event loop is hot"
        );
    }

    #[test]
    fn a_copy_beside_a_whole_file_read_is_not_worth_it() {
        const IMPORT: &str = r#"
use std::path::PathBuf;
pub fn import(roots: &[PathBuf], name: &str) -> Option<(String, PathBuf)> {
    for root in roots {
        let path = root.join(name);
        if let Ok(code) = std::fs::read_to_string(&path) {
            return Some((code, path.to_owned()));
        }
    }
    None
}
pub fn lines(roots: &[PathBuf]) -> Vec<String> {
    let mut out = Vec::new();
    for root in roots {
        let text = std::fs::read_to_string(root).unwrap_or_default();
        for line in text.lines() {
            out.push(line.to_owned().clone());
        }
    }
    out
}
pub fn maybe(root: &PathBuf, fresh: bool) -> PathBuf {
    if fresh {
        let _ = std::fs::read(root);
    }
    root.clone().to_path_buf()
}
"#;
        let move_it = "// Move the value instead of copying it:\npath";
        check(
            &Given::new(IMPORT, Category::UnnecessaryClone, "path.to_owned()")
                .proposal(move_it)
                .issue("`path` is not used after this `.to_owned()`, so the copy can be replaced by a move.")
                .hot(),
            Verdict::Rejected,
            &[
                "at most once per read of a whole file, `fs::read_to_string(..)` at line 6",
                "[rule: beside-file-read]",
            ],
        );
        // A copy of what the read filled is as large as the file.
        const STDIN: &str = r#"
use std::io::{Read, Write};
pub fn pipe(mut input: impl Read, mut out: impl Write) -> std::io::Result<Vec<u8>> {
    let mut buffer = Vec::new();
    input.read_to_end(&mut buffer)?;
    out.write_all(&buffer.clone())?;
    Ok(buffer)
}
"#;
        let v = validate(
            &Given::new(STDIN, Category::UnnecessaryClone, "buffer.clone()")
                .proposal("// Lend the original instead of a fresh copy:\n&buffer")
                .hot(),
        );
        assert!(!said(&v).contains("beside-file-read"), "{}", said(&v));
        // Per line of the file read: more often than the read.
        let v = validate(
            &Given::new(
                IMPORT,
                Category::UnnecessaryClone,
                "line.to_owned().clone()",
            )
            .proposal("// Move the value instead of copying it:\nline.to_owned()")
            .hot(),
        );
        assert!(!said(&v).contains("beside-file-read"), "{}", said(&v));
        // The read is in a branch the copy does not wait for.
        let v = validate(
            &Given::new(IMPORT, Category::UnnecessaryClone, "root.clone()")
                .proposal("// Move the value instead of copying it:\nroot")
                .hot(),
        );
        assert!(!said(&v).contains("beside-file-read"), "{}", said(&v));
    }

    #[test]
    fn a_walk_up_the_chain_made_once_per_process_is_found_in_the_reasons() {
        let own = |r: &[&str]| r.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let env = own(&[
            "called per iteration of `for (name,value) in std::env::vars()` from `run_with` (src/popup.rs:220)",
            "called once per call from `check_and_run` (src/bin/main.rs:134)",
            "called once per call from `main` (src/bin/main.rs:120)",
        ]);
        assert_eq!(
            once_up_the_chain(&env, 1).as_deref(),
            Some("iteration of `for (name,value) in std::env::vars()` from `run_with` (src/popup.rs:220)")
        );
        // Two loops, or none known, are another matter.
        assert_eq!(once_up_the_chain(&env, 2), None);
        // Not shown to reach `main`: a library's API, or a chain cut short.
        assert_eq!(once_up_the_chain(&env[..2], 1), None);
        let api = own(&[
            "called per iteration of `for x in items` from `run` (src/lib.rs:3)",
            "entry: public API `run` of library `demo`: called per call of its user",
        ]);
        assert_eq!(once_up_the_chain(&api, 1), None);
        // A walk of the program's input, an event loop, a guessed edge.
        for first in [
            "called per iteration of `for line in text.lines()` from `run` (src/main.rs:3)",
            "called per iteration of the `loop` at line 3 from `run` (src/main.rs:3)",
            "called per iteration of `for x in xs` from `run` (src/main.rs:3) (matched by name)",
        ] {
            let mut r = own(&[first]);
            r.extend(env[1..].iter().cloned());
            assert_eq!(once_up_the_chain(&r, 1), None, "{first}");
        }
    }

    #[test]
    fn a_copy_per_element_of_a_walk_made_once_per_process_is_not_hot() {
        const SANITIZE: &str = r#"
pub fn sanitize(name: &str, value: String) -> String {
    let mut value = value.clone(); // env
    if name.starts_with("SKIM") { value.push(';'); }
    value
}
"#;
        let up = reach(
            &[
                "called per iteration of `for (name,value) in std::env::vars()` from `run_with` (src/popup.rs:220)",
                "called once per call from `check_and_run` (src/bin/main.rs:134)",
                "called once per call from `main` (src/bin/main.rs:120)",
            ],
            1,
        );
        check(
            &Given::new(SANITIZE, Category::UnnecessaryClone, "// env")
                .proposal("// Move the value instead of copying it:\nvalue")
                .reach(up.clone()),
            Verdict::Rejected,
            &["[rule: once-per-process]", "std::env::vars()"],
        );
        // Per line of the input up the chain: hot, whatever runs it.
        let mut lines = up;
        lines.reasons[0] =
            "called per iteration of `for line in input.lines()` from `run_with` (src/popup.rs:220)".into();
        let v = validate(
            &Given::new(SANITIZE, Category::UnnecessaryClone, "// env")
                .proposal("// Move the value instead of copying it:\nvalue")
                .reach(lines),
        );
        assert!(!said(&v).contains("once-per-process"), "{}", said(&v));
    }

    #[test]
    fn a_buffer_beside_a_fresh_arena_per_pass_is_not_worth_reusing() {
        const MINIMIZE: &str = r#"
use typed_arena::Arena;
pub fn minimize(text: &mut String, ixs: &[usize]) {
    for ix in ixs {
        text.remove(*ix);
        let arena = Arena::new();
        let root = parse(&arena, text);
        let mut out = String::new(); // per pass
        render(root, &mut out);
    }
}
pub fn lines(text: &str, ixs: &[usize], fresh: bool) -> usize {
    let mut n = 0;
    for ix in ixs {
        if fresh {
            let _arena: Arena<u8> = Arena::new();
        }
        let mut out = String::new(); // branch
        out.push_str(&text[*ix..]);
        n += out.len();
    }
    n
}
"#;
        let reuse = "let mut out = String::new(); // once, before the loop\n// in the loop body:\nout.clear(); // keeps the capacity";
        check(
            &Given::new(MINIMIZE, Category::AllocationLoop, "// per pass")
                .proposal(reuse)
                .hot(),
            Verdict::Rejected,
            &["[rule: beside-fresh-arena]", "`Arena::new(..)` at line 6"],
        );
        let v = validate(
            &Given::new(MINIMIZE, Category::AllocationLoop, "// branch")
                .proposal(reuse)
                .hot(),
        );
        assert!(!said(&v).contains("beside-fresh-arena"), "{}", said(&v));
    }

    #[test]
    fn an_allocation_beside_a_regex_compilation_is_not_worth_a_buffer() {
        const PATTERNS: &str = r#"
use regex::Regex;
pub fn anchored(elements: &[String]) -> Result<Vec<Regex>, regex::Error> {
    elements
        .iter()
        .map(|e| {
            e.parse::<Regex>()?;
            format!("^(?:{e})$").parse() // turbofish before
        })
        .collect()
}
pub fn words(words: &[String]) -> Vec<Regex> {
    let mut out = Vec::new();
    for w in words {
        out.push(Regex::new(&format!(r"\b{w}\b")).unwrap()); // built by new
    }
    out
}
pub fn labels(words: &[String], fresh: bool) -> Vec<usize> {
    let mut out = Vec::new();
    for w in words {
        if fresh {
            let _ = Regex::new(w);
        }
        out.push(format!("<{w}>").len()); // branch
    }
    out
}
"#;
        let reuse = "use std::fmt::Write;\nlet mut buf = String::new(); // once, before the loop\n// in the loop body:\nbuf.clear();\nwrite!(buf, \"x\").unwrap();";
        check(
            &Given::new(PATTERNS, Category::AllocationLoop, "// turbofish before")
                .proposal(reuse)
                .hot(),
            Verdict::Rejected,
            &[
                "[rule: beside-regex-build]",
                "`.parse::<Regex>()` at line 7",
            ],
        );
        check(
            &Given::new(PATTERNS, Category::AllocationLoop, "// built by new")
                .proposal(reuse)
                .hot(),
            Verdict::Rejected,
            &["[rule: beside-regex-build]", "`Regex::new(..)` at line 15"],
        );
        // The regex is built on a branch the allocation does not wait for.
        let v = validate(
            &Given::new(PATTERNS, Category::AllocationLoop, "// branch")
                .proposal(reuse)
                .hot(),
        );
        assert!(!said(&v).contains("beside-regex-build"), "{}", said(&v));
    }

    #[test]
    fn a_path_joined_for_a_file_system_query_is_not_worth_a_buffer() {
        const PROBE: &str = r#"
use std::path::Path;
pub fn scan<'a>(start: &'a Path, names: &[String]) -> Option<&'a Path> {
    for dir in start.ancestors() {
        if names.iter().any(|n| dir.join(n).is_file()) {
            return Some(dir);
        }
    }
    None
}
pub fn keep(dir: &Path, names: &[String]) -> usize {
    let mut n = 0;
    for name in names {
        let p = dir.join(name);
        n += p.as_os_str().len();
    }
    n
}
"#;
        let hot = reach(
            &["called per iteration of `loop` in `main` (src/main.rs:3)"],
            1,
        );
        check(
            &Given::new(PROBE, Category::AllocationLoop, "dir.join(n)")
                .proposal("let mut probe = PathBuf::new(); // once, before the loop\n// for each probe:\nprobe.clear();\nprobe.push(dir);\nprobe.push(n);\nprobe.is_file()")
                .issue("`dir.join(n)` allocates a new `PathBuf` on every element of `names.iter().any(..)` only to call `is_file()` on it; the path is dropped right after.")
                .reach(hot.clone()),
            Verdict::Rejected,
            &["[rule: beside-fs-query]", "`is_file()`", "few percent"],
        );
    }

    #[test]
    fn code_below_a_key_press_handler_is_not_hot() {
        let key = format!(
            "called {} (a key press or mouse action) from `App::on_event` (src/app.rs:12)",
            memaudit_facts::hotness::HUMAN_RATE
        );
        let per_key = reach(
            &[
                "runs per iteration of `for v in values` in `config`",
                "called once per call from `App::on_key` (src/app.rs:20)",
                key.as_str(),
                "called per iteration of the `loop` at line 3 from `main` (src/main.rs:4)",
            ],
            2,
        );
        let v = check(
            &Given::new(SRC, Category::AllocationLoop, "v.split")
                .proposal(REUSE)
                .issue(ISSUE)
                .reach(per_key),
            Verdict::Rejected,
            &["[rule: human-rate]"],
        );
        assert_eq!(
            v.hot_path.answer,
            memaudit_model::Answer::No,
            "a list walked per key press runs at a person's pace"
        );
        // A `loop` below the handler (draining a queue per key press) is
        // not bounded by the person's pace: the rule stays out.
        let drained = reach(
            &[
                "runs per iteration of `for v in values` in `config`",
                "called per iteration of the `loop` at line 9 from `App::drain` (src/app.rs:30)",
                key.as_str(),
                "entry: `fn main` (src/main.rs:1)",
            ],
            2,
        );
        check(
            &Given::new(SRC, Category::AllocationLoop, "v.split")
                .proposal(REUSE)
                .issue(ISSUE)
                .reach(drained),
            Verdict::Approved,
            &[],
        );
    }

    #[test]
    fn code_run_once_per_frame_of_a_terminal_ui_is_not_hot() {
        const UI: &str = r#"
pub fn title(name: &str, keys: &[String]) -> String {
    let mut out = String::from(" inspecting ");
    out.push_str(&format!("{name} - "));
    for k in keys {
        out.push_str(&format!("{k} "));
    }
    out
}
"#;
        const WRITE: &str = "use std::fmt::Write as _;\nwrite!(out, \"{name} - \").unwrap();";
        let frame = |below: &[&str]| {
            let mut r: Vec<&str> = below.to_vec();
            r.extend([
                "called per element of `.draw(..)` from `Ui::run` (src/ui.rs:20)",
                "called per iteration of the `while` loop at line 18 from `Ui::run` (src/ui.rs:18)",
                "entry: `fn main` (src/main.rs:1)",
            ]);
            reach(&r, 2)
        };
        check(
            &Given::new(UI, Category::AllocationLoop, "format!(\"{name}")
                .proposal(WRITE)
                .issue("`format!()` builds a temporary `String` on every call only to copy it into `out` and drop it.")
                .reach(frame(&[
                    "called once per call from `draw_popup` (src/ui.rs:12)",
                    "called once per call from `draw_frame` (src/ui.rs:8)",
                ])),
            Verdict::Rejected,
            &["[rule: once-per-frame]", "`.draw(..)`"],
        );
        // A widget's `render` is a frame too.
        check(
            &Given::new(UI, Category::AllocationLoop, "format!(\"{name}")
                .proposal(WRITE)
                .issue("`format!()` builds a temporary `String` on every call only to copy it into `out` and drop it.")
                .reach(reach(
                    &[
                        "called once per call from `Popup::render` (src/ui.rs:30)",
                        "entry: `Widget::render` for `Popup`, called per frame by the terminal UI",
                    ],
                    0,
                )),
            Verdict::Rejected,
            &["[rule: once-per-frame]"],
        );
        // Per row of a frame (a loop of its own, or one up the chain
        // below the frame), the rule stays out.
        let per_key = validate(
            &Given::new(UI, Category::AllocationLoop, "format!(\"{k} \")")
                .proposal("use std::fmt::Write as _;\nwrite!(out, \"{k} \").unwrap();")
                .issue("`format!()` builds a temporary `String` on every iteration only to copy it into `out` and drop it.")
                .reach(frame(&["called once per call from `draw_frame` (src/ui.rs:8)"])),
        );
        assert!(
            !said(&per_key).contains("once-per-frame"),
            "{}",
            said(&per_key)
        );
        let per_row = validate(
            &Given::new(UI, Category::AllocationLoop, "format!(\"{name}")
                .proposal(WRITE)
                .issue("`format!()` builds a temporary `String` on every call only to copy it into `out` and drop it.")
                .reach(frame(&[
                    "called per iteration of `for row in rows` from `draw_table` (src/ui.rs:12)",
                    "called once per call from `draw_frame` (src/ui.rs:8)",
                ])),
        );
        assert!(
            !said(&per_row).contains("once-per-frame"),
            "{}",
            said(&per_row)
        );
    }

    #[test]
    fn an_allocation_beside_a_process_start_per_pass_is_not_worth_it() {
        let mut hot = reach(
            &[
                "runs per iteration of `for v in values` in `config`",
                "called per iteration of `for cmd in commands` from `run` (src/main.rs:9)",
                "entry: `fn main` (src/main.rs:1)",
            ],
            2,
        );
        // Without the start, the same reach is hot and the change stands.
        check(
            &Given::new(SRC, Category::AllocationLoop, "v.split")
                .proposal(REUSE)
                .issue(ISSUE)
                .reach(hot.clone()),
            Verdict::Approved,
            &[],
        );
        hot.process_per_pass = Some(memaudit_model::ProcessPerPass {
            unit: "iteration of `for cmd in commands`".into(),
            at: "src/main.rs:8".into(),
            start: "src/exec.rs:40".into(),
            inner: vec!["iteration of `for v in values`".into()],
        });
        let v = check(
            &Given::new(SRC, Category::AllocationLoop, "v.split")
                .proposal(REUSE)
                .issue(ISSUE)
                .reach(hot.clone()),
            Verdict::Rejected,
            &[
                "[rule: process-per-pass]",
                "also starts a child process (at src/exec.rs:40)",
                "per iteration of `for v in values` within each pass",
            ],
        );
        assert_eq!(v.hot_path.answer, memaudit_model::Answer::No);
        // Layout and held memory are not counted per pass: the rule stays out.
        let v = check(
            &Given::new(SRC, Category::LifetimeExtension, "v.split")
                .proposal(REUSE)
                .issue(ISSUE)
                .reach(hot),
            Verdict::NeedsWork,
            &[],
        );
        assert!(
            !v.issues.iter().any(|i| i.id.contains("process-per-pass")),
            "{:?}",
            v.issues
        );
    }

    #[test]
    fn a_once_per_call_allocation_beside_the_same_in_a_loop_is_not_the_finding() {
        const CSS: &str = r#"
pub struct Theme { pub name: String, pub scopes: Vec<u32> }
pub fn css(theme: &Theme) -> String {
    let mut css = String::new();
    css.push_str(&format!("theme {}\n", theme.name));
    for s in &theme.scopes {
        css.push_str(&format!(".s{} {{}}\n", s));
    }
    css
}
pub fn header(theme: &Theme) -> String {
    let mut css = String::new();
    css.push_str(&format!("head {}\n", theme.name));
    css
}
"#;
        const WRITE: &str =
            "use std::fmt::Write as _;\nwrite!(css, \"theme {}\\n\", theme.name).unwrap();";
        let api = |f: &str| {
            reach(
                &[&format!(
                    "entry: public API `{f}` of library `demo`: called per call of its user"
                )],
                0,
            )
        };
        let v = check(
            &Given::new(CSS, Category::AllocationLoop, "format!(\"theme")
                .proposal(WRITE)
                .issue("`format!()` allocates a `String` only to append it to `css`.")
                .reach(api("css")),
            Verdict::Rejected,
            &["[rule: once-beside-loop]", "line 7"],
        );
        assert!(format!("{v:?}").contains("`for` loop at line 6"), "{v:?}");
        // Alone in its function, the question of the caller stays.
        check(
            &Given::new(CSS, Category::AllocationLoop, "format!(\"head")
                .proposal(WRITE)
                .issue("`format!()` allocates a `String` only to append it to `css`.")
                .reach(api("header")),
            Verdict::NeedsWork,
            &["[rule: not-in-loop]"],
        );
    }

    #[test]
    fn a_loop_per_call_of_an_entry_point_is_hot_and_no_caller_is_a_question() {
        let api = reach(
            &[
                "runs per iteration of `for v in values` in `config`",
                "entry: public API `config` of library `demo`: called per call of its user",
            ],
            1,
        );
        check(
            &Given::new(SRC, Category::AllocationLoop, "v.split")
                .proposal(REUSE)
                .issue(ISSUE)
                .reach(api),
            Verdict::Approved,
            &["once per call of an entry point"],
        );
        let nobody = reach(
            &["runs per iteration of `for v in values` in `config`", "no caller of `config` found in the workspace (called through a macro, a function pointer, or not at all)"],
            1,
        );
        check(
            &Given::new(SRC, Category::AllocationLoop, "v.split")
                .proposal(REUSE)
                .issue(ISSUE)
                .reach(nobody),
            Verdict::NeedsWork,
            &[
                "[rule: caller-unknown]",
                "Is `fn config` called once per item",
            ],
        );
        let conversion = reach(
            &[
                "runs per iteration of `for v in values` in `config`",
                "entry: `TryFrom::try_from` for `Set`, called per value",
            ],
            1,
        );
        check(
            &Given::new(SRC, Category::AllocationLoop, "v.split")
                .proposal(REUSE)
                .issue(ISSUE)
                .reach(conversion),
            Verdict::NeedsWork,
            &["[rule: caller-unknown]"],
        );
    }
}
