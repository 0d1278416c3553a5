//! Work that costs far more than an allocation, and the loops whose every
//! pass does it.
//!
//! Starting a child process costs a `fork`/`exec` and usually a wait for
//! it: around a millisecond, the price of tens of thousands of small
//! allocations. An allocation made once per pass of a loop that also starts
//! a process on every pass is lost in that cost: a benchmark runner that
//! formats a progress message per run of the benchmarked command, an
//! exporter that builds a table row per command it ran. [`ProcessStarts`]
//! knows the functions that start a process on *every* call (directly, or
//! through a call they always make), and finds, for code inside a function,
//! the loop of its reach chain whose every pass starts one.
//!
//! A start counts only when it is certain per pass: on no branch, not in a
//! closure kept for later, not on an error path. A call of a trait method
//! with several implementations counts when most of them start a process
//! (a test double that does not is the usual odd one out).
//!
//! This module must NOT decide findings: the Validator judges what an
//! allocation beside a process start is worth.

use rustc_hash::FxHashMap as HashMap;

use crate::body::{CallSite, Callee};
use crate::callgraph::{CallGraph, Confidence, FnId, GraphFile};
use crate::items::FnItem;

/// Methods of `std::process::Command` (and its async twins) that start the
/// process.
const START_METHODS: &[&str] = &["spawn", "output", "status"];

/// Where a function starts a process: the file (an index into the graph's
/// files) and line of the `spawn`/`output`/`status` call, possibly in a
/// function it always calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Start {
    pub file: u32,
    pub line: u32,
}

/// The functions that start a child process on every call.
#[derive(Debug, Default)]
pub struct ProcessStarts {
    always: HashMap<FnId, Start>,
    /// The callees of each call site, by caller and call index.
    targets: HashMap<(FnId, u32), Vec<(FnId, Confidence)>>,
}

/// `Command::new(..)` written anywhere in the function: its `output()`,
/// `status()` and `spawn()` are the process's, whatever the receiver's
/// spelling.
fn builds_command(f: &FnItem) -> bool {
    f.facts.calls.iter().any(|c| match &c.callee {
        Callee::Path(p) => p.len() >= 2 && p[p.len() - 1] == "new" && p[p.len() - 2] == "Command",
        _ => false,
    })
}

/// Whether call `c` of `f` starts a process itself.
fn starts_process(f: &FnItem, c: &CallSite) -> bool {
    let Callee::Method {
        name,
        receiver,
        receiver_from,
        ..
    } = &c.callee
    else {
        return false;
    };
    if !START_METHODS.contains(&name.as_str()) {
        return false;
    }
    receiver.as_ref().and_then(|t| t.name()) == Some("Command")
        || receiver_from.as_deref().is_some_and(|o| match o {
            // `Command::new(..)?`, `Command::new(..).arg(..).spawn()`.
            crate::body::Origin::Call(p) | crate::body::Origin::Chain(p, _) => {
                p.len() >= 2 && p[p.len() - 2] == "Command"
            }
            crate::body::Origin::Payload(_) | crate::body::Origin::Typed(..) => false,
        })
        || builds_command(f)
}

impl ProcessStarts {
    /// Finds every function that starts a process on each call, to a fixed
    /// point over the graph (a function that always calls one does too).
    pub fn find(files: &[GraphFile<'_>], graph: &CallGraph) -> ProcessStarts {
        let item = |id: FnId| &files[id.file as usize].facts.fns[id.func as usize];
        let mut s = ProcessStarts::default();
        for (fi, file) in files.iter().enumerate() {
            for (ni, f) in file.facts.fns.iter().enumerate() {
                let start = f
                    .facts
                    .calls
                    .iter()
                    .find(|c| certain(c, 0, 0, 0) && starts_process(f, c));
                if let Some(c) = start {
                    let (file, func) = (fi as u32, ni as u32);
                    let at = Start {
                        file,
                        line: c.pos.line,
                    };
                    s.always.insert(FnId { file, func }, at);
                }
            }
        }
        // Most workspaces start no process: no index, no propagation.
        if s.always.is_empty() {
            return s;
        }
        for e in &graph.edges {
            s.targets
                .entry((e.from, e.call))
                .or_default()
                .push((e.to, e.confidence));
        }
        // Up the graph from each function found: a caller whose certain
        // call now always reaches a start joins, and its callers are next.
        let mut work: Vec<FnId> = s.always.keys().copied().collect();
        while let Some(callee) = work.pop() {
            for &ei in graph
                .incoming
                .get(&callee)
                .map(Vec::as_slice)
                .unwrap_or(&[])
            {
                let e = graph.edges[ei as usize];
                if s.always.contains_key(&e.from)
                    || !certain(&item(e.from).facts.calls[e.call as usize], 0, 0, 0)
                {
                    continue;
                }
                if let Some(at) = s.through_call(e.from, e.call) {
                    s.always.insert(e.from, at);
                    work.push(e.from);
                }
            }
        }
        s
    }

    /// No function of the workspace starts a process.
    pub fn is_empty(&self) -> bool {
        self.always.is_empty()
    }

    /// Whether `id` starts a process on every call, and where.
    pub fn always(&self, id: FnId) -> Option<Start> {
        self.always.get(&id).copied()
    }

    /// Where call `call` of `id` starts a process through the functions it
    /// reaches: one resolved callee that always does, or most candidates of
    /// a method name several types implement.
    fn through_call(&self, id: FnId, call: u32) -> Option<Start> {
        let ts = self.targets.get(&(id, call))?;
        let starting: Vec<Start> = ts.iter().filter_map(|(t, _)| self.always(*t)).collect();
        let first = *starting.first()?;
        let ambiguous = ts.iter().any(|(_, c)| *c == Confidence::Ambiguous);
        if !ambiguous || starting.len() * 2 > ts.len() {
            Some(first)
        } else {
            None
        }
    }

    /// Where every pass of loop `loop_id` of function `id` starts a process:
    /// a call in the loop's own body, on no branch opened in it, that starts
    /// one itself or always reaches a function that does.
    pub fn per_pass(&self, files: &[GraphFile<'_>], id: FnId, loop_id: u32) -> Option<Start> {
        let f = &files[id.file as usize].facts.fns[id.func as usize];
        let l = f.facts.loops.get(loop_id as usize)?;
        f.facts.calls.iter().enumerate().find_map(|(ci, c)| {
            if !certain(c, loop_id, l.body_closure, l.cond_depth) {
                return None;
            }
            if starts_process(f, c) {
                return Some(Start {
                    file: id.file,
                    line: c.pos.line,
                });
            }
            self.through_call(id, ci as u32)
        })
    }
}

/// Call `c` runs on every pass of loop `loop_id` (0: every call of its
/// function): in the loop's own body closure, on no branch opened inside
/// it, not on an error path, not in a run-once initialiser.
fn certain(c: &CallSite, loop_id: u32, closure: u32, cond_depth: u32) -> bool {
    c.loop_id == loop_id
        && c.closure_id == closure
        && u32::from(c.cond_depth) == cond_depth
        && c.cold.is_none()
        && !c.once
}

#[cfg(test)]
mod tests {
    use crate::callgraph::tests::with_bin;

    /// The reach's process-per-pass of `line` in a binary made of `src`.
    fn per_pass(src: &str, line: u32) -> Option<memaudit_model::ProcessPerPass> {
        with_bin(src, |h| h.reach_at_line(0, line).process_per_pass)
    }

    const RUNNER: &str = "\
use std::process::Command;
fn main() {
    for cmd in commands() {
        run(&cmd);
        export(&[cmd.clone()]);
    }
}
fn commands() -> Vec<String> { vec![] }
fn run(cmd: &str) {
    measure(Command::new(cmd));
    for i in 0..10 {
        let msg = format!(\"run {i}\");
        show(&msg);
        measure(Command::new(cmd));
    }
}
fn measure(mut c: Command) { let _ = c.status(); }
fn show(_: &str) {}
fn export(rows: &[String]) {
    for r in rows { let cell = format!(\"| {r} |\"); show(&cell); }
    for l in rows[0].lines() { let s = l.to_string(); show(&s); }
}
";

    #[test]
    fn a_loop_that_starts_a_process_per_pass_outweighs_its_allocations() {
        // In the loop that starts the process itself.
        let p = per_pass(RUNNER, 12).expect("format! beside measure()");
        assert!(p.unit.contains("for i in 0..10"), "{p:?}");
        assert_eq!(p.start, ":17", "the status() call in measure");
        assert!(p.inner.is_empty(), "{p:?}");
        // Per row of a function called per pass of the outer loop, whose
        // pass starts processes through `run`'s unconditional first call.
        let p = per_pass(RUNNER, 20).expect("a row per command");
        assert!(p.unit.contains("for cmd in commands()"), "{p:?}");
        assert_eq!(p.inner.len(), 1, "{p:?}");
        assert!(p.inner[0].contains("for r in rows"), "{p:?}");
        // Per line of text: nothing bounds it per process.
        assert_eq!(per_pass(RUNNER, 21), None);
    }

    #[test]
    fn a_start_on_a_branch_or_in_another_loop_is_not_per_pass() {
        let src = "\
use std::process::Command;
fn main() {
    for cmd in commands() {
        let label = format!(\"{cmd}\");
        if label.is_empty() { let _ = Command::new(&cmd).output(); }
        retry(&cmd);
    }
}
fn commands() -> Vec<String> { vec![] }
fn retry(cmd: &str) { for _ in 0..3 { let _ = Command::new(cmd).spawn(); } }
";
        // `output()` only on a branch; `retry`'s spawn sits in a loop that
        // may run zero times, so a call of `retry` is not certain to start one.
        assert_eq!(per_pass(src, 4), None);
    }

    #[test]
    fn most_implementations_of_a_called_trait_method_decide() {
        let src = "\
use std::process::Command;
trait Exec { fn exec(&self, c: &str); }
struct Raw; struct Shell; struct Mock;
impl Exec for Raw { fn exec(&self, c: &str) { let _ = Command::new(c).status(); } }
impl Exec for Shell { fn exec(&self, c: &str) { let _ = Command::new(\"sh\").arg(c).status(); } }
impl Exec for Mock { fn exec(&self, _: &str) {} }
fn main() {
    let e: Box<dyn Exec> = pick();
    for c in commands() {
        let msg = format!(\"{c}\");
        e.exec(&msg);
    }
}
fn pick() -> Box<dyn Exec> { Box::new(Raw) }
fn commands() -> Vec<String> { vec![] }
";
        let p = per_pass(src, 10).expect("two of three executors start a process");
        assert!(p.unit.contains("for c in commands()"), "{p:?}");
    }
}
