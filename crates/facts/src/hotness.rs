//! How often each function runs: entry points, propagation along the call
//! graph, cold code, and the reasons a person can follow.
//!
//! Entry points: `fn main` of a binary and async runtime entries (run once);
//! the public API of library crates (run per call of its user); trait
//! methods that std and frameworks call per element (`Iterator::next`,
//! `Read::read`, `Future::poll`, `Widget::render`, `Hash::hash`, serde
//! visitors, …); callbacks handed to frameworks (`route("/", get(handler))`).
//! Cold by nature: tests, benches, examples, build scripts and developer
//! tools, `Debug` impls, error types' `Display` and `Error` impls, `#[cold]`
//! functions, help/usage/version/completion generation, command-line
//! builders.
//!
//! A call inside a loop (or an iterator closure) makes its callee hot; a call
//! on an error path makes it cold; a function reached only from cold code is
//! cold; the hottest way in wins and is kept as the reason. Recursion and
//! cycles are handled by iterating to a fixed point over a finite lattice.
//!
//! This module must NOT assign priorities (discovery turns heat into P0–P3)
//! and must NOT decide findings.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use smol_str::SmolStr;

use memaudit_model::{ColdKind, FieldGrowth, Heat, ProcessPerPass, Reach};

use crate::callgraph::{
    build, CallGraph, Confidence, Edge, FnId, GraphFile, GraphStats, TargetKind,
};
use crate::costly::ProcessStarts;
use crate::items::FnItem;

/// Nesting beyond this adds nothing to "hot".
const MAX_DEPTH: u8 = 4;

/// How often a function runs, as a lattice: `Unreached` < `Cold` < `Once` <
/// `Warm` < `Hot(1)` < … < `Hot(MAX_DEPTH)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rank {
    Unreached,
    Cold(ColdKind),
    Once,
    Warm,
    /// Loop nesting along the hottest path.
    Hot(u8),
}

impl Rank {
    fn level(self) -> u8 {
        match self {
            Rank::Unreached => 0,
            Rank::Cold(_) => 1,
            Rank::Once => 2,
            Rank::Warm => 3,
            Rank::Hot(d) => 3 + d,
        }
    }
}

/// One step up a reach chain (see `Hotness::up`).
#[derive(Debug, Clone)]
enum Up {
    /// Loop `.1` of function `.0` repeats what is below it.
    Loop(FnId, u32),
    /// The call that gave its callee its heat.
    Call(Edge),
    /// The chain ends at an entry point or code cold by nature, with why.
    Entry(FnId, String),
    /// The chain ends at a function no known code calls.
    NoCaller(FnId),
    /// The chain came back to a function already on it.
    Cycle(FnId),
}

/// Why a function has its rank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Via {
    /// An entry point or a function cold by nature, with the reason.
    Entry(String),
    /// Reached through this edge of the graph.
    Edge(u32),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FnHeat {
    pub rank: Rank,
    pub via: Option<Via>,
    /// The weakest edge confidence along the path that gave the rank.
    pub confidence: Confidence,
    /// Nothing can change the rank (tests, `Debug` impls, help text).
    pinned: bool,
}

/// The graph with every function's heat.
pub struct Hotness<'f> {
    pub files: &'f [GraphFile<'f>],
    pub graph: CallGraph,
    heat: HashMap<FnId, FnHeat>,
    /// The strongly connected component of each function in a cycle of
    /// calls (functions in no cycle are absent).
    cycle: HashMap<FnId, u32>,
    /// The functions that start a child process on every call.
    starts: ProcessStarts,
    /// The functions that handle one input event of a person (a key press,
    /// a mouse action): see `handles_human_input`.
    handlers: HashSet<FnId>,
    /// What each library crate lets code outside it call.
    api: Api,
}

/// What code outside a crate can name: a `pub fn` is the crate's API only
/// when every module on its path is `pub` or the function (or the type
/// whose method it is) is re-exported with `pub use`. A `pub fn` in a
/// private module is internal however it is marked: its heat comes from
/// the crate's own callers, not from "called per call of its user" — when
/// the graph finds them. With no caller found, the `pub` is the only
/// evidence of use left (a call through a macro, a generic or a path the
/// graph does not resolve), and the function stays an entry.
#[derive(Default)]
struct Api {
    /// Per library crate: what it exposes (keyed by crate so that a lookup
    /// borrows its path and name instead of building a key).
    crates: HashMap<SmolStr, CrateApi>,
}

#[derive(Default)]
struct CrateApi {
    /// Module paths declared without `pub` (`["reader"]` for `mod reader;`
    /// in the crate root).
    private: HashSet<Vec<SmolStr>>,
    /// Names re-exported by a `pub use`: the name as exported and as
    /// declared.
    names: HashSet<SmolStr>,
    /// Modules re-exported whole (`pub use crate::reader::*`).
    globs: HashSet<Vec<SmolStr>>,
}

impl Api {
    fn index(files: &[GraphFile<'_>]) -> Api {
        let mut api = Api::default();
        for file in files.iter().filter(|f| f.lib_crate) {
            let facts = file.facts;
            let krate = api.crates.entry(file.crate_ident.clone()).or_default();
            for m in facts.mods.iter().filter(|m| !m.public) {
                let mut path = file.module.clone();
                path.extend(m.within.iter().cloned());
                path.push(m.name.clone());
                krate.private.insert(path);
            }
            for inline in &facts.private_mods {
                let mut path = file.module.clone();
                path.extend(inline.iter().cloned());
                krate.private.insert(path);
            }
            for &i in &facts.reexports {
                let Some(imp) = facts.imports.get(i as usize) else {
                    continue;
                };
                if imp.alias == "*" {
                    krate
                        .globs
                        .insert(module_of(&file.module, &imp.within, &imp.path));
                    continue;
                }
                krate.names.insert(imp.alias.clone());
                if let Some(last) = imp.path.last() {
                    krate.names.insert(last.clone());
                }
            }
        }
        api
    }

    /// Whether `f`, a `pub fn` of `file`, can be called from outside its
    /// crate.
    fn exposes(&self, file: &GraphFile<'_>, f: &FnItem) -> bool {
        // A crate with no entry has no private module and no re-export.
        let Some(krate) = self.crates.get(&file.crate_ident) else {
            return true;
        };
        if krate.names.contains(&f.name)
            || f.self_ty.as_ref().is_some_and(|t| krate.names.contains(t))
        {
            return true;
        }
        let mut path = file.module.clone();
        path.extend(f.module.iter().cloned());
        if krate.globs.contains(&path) {
            return true;
        }
        // Every prefix of the path must be a public module.
        !(1..=path.len()).any(|n| krate.private.contains(&path[..n]))
    }
}

/// The module a `use` path names, from the module the `use` sits in:
/// `crate::a::b` → `[a, b]`, `self::b` → here + `[b]`, `super::b` → the
/// parent + `[b]`, `b` → here + `[b]` (a path relative to the module).
fn module_of(file_module: &[SmolStr], within: &[SmolStr], path: &[SmolStr]) -> Vec<SmolStr> {
    let mut here: Vec<SmolStr> = file_module.iter().chain(within).cloned().collect();
    let mut rest = path;
    match rest.first().map(SmolStr::as_str) {
        Some("crate") => {
            here.clear();
            rest = &rest[1..];
        }
        Some("self") => rest = &rest[1..],
        _ => {}
    }
    while rest.first().is_some_and(|s| s == "super") {
        here.pop();
        rest = &rest[1..];
    }
    here.extend(rest.iter().cloned());
    here
}

/// Functions that call each other in cycles, by component (Tarjan's
/// algorithm, iterative so deep graphs cannot overflow the stack).
fn cycles(graph: &CallGraph) -> HashMap<FnId, u32> {
    let mut succ: HashMap<FnId, Vec<FnId>> = HashMap::default();
    let mut nodes: Vec<FnId> = Vec::new();
    for e in &graph.edges {
        succ.entry(e.from).or_default().push(e.to);
        nodes.push(e.from);
        nodes.push(e.to);
    }
    nodes.sort();
    nodes.dedup();
    let mut index: HashMap<FnId, u32> = HashMap::default();
    let mut low: HashMap<FnId, u32> = HashMap::default();
    let mut on_stack: HashSet<FnId> = HashSet::default();
    let mut stack: Vec<FnId> = Vec::new();
    let mut next = 0u32;
    let mut out = HashMap::default();
    let mut comp = 0u32;
    let empty: Vec<FnId> = Vec::new();
    for &root in &nodes {
        if index.contains_key(&root) {
            continue;
        }
        // (node, next successor position)
        let mut work: Vec<(FnId, usize)> = vec![(root, 0)];
        index.insert(root, next);
        low.insert(root, next);
        next += 1;
        stack.push(root);
        on_stack.insert(root);
        while let Some(&mut (v, ref mut pos)) = work.last_mut() {
            let succs = succ.get(&v).unwrap_or(&empty);
            if *pos < succs.len() {
                let w = succs[*pos];
                *pos += 1;
                match index.entry(w) {
                    std::collections::hash_map::Entry::Vacant(slot) => {
                        slot.insert(next);
                        low.insert(w, next);
                        next += 1;
                        stack.push(w);
                        on_stack.insert(w);
                        work.push((w, 0));
                    }
                    std::collections::hash_map::Entry::Occupied(seen) => {
                        if on_stack.contains(&w) {
                            let lw = *seen.get();
                            let lv = low[&v];
                            low.insert(v, lv.min(lw));
                        }
                    }
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                let lv = low[&v];
                let lp = low[&parent];
                low.insert(parent, lp.min(lv));
            }
            if low[&v] == index[&v] {
                let mut members = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack.remove(&w);
                    members.push(w);
                    if w == v {
                        break;
                    }
                }
                if members.len() > 1 {
                    for m in members {
                        out.insert(m, comp);
                    }
                    comp += 1;
                }
            }
        }
    }
    out
}

/// Traits whose methods std or frameworks call per element, per chunk, per
/// frame or per poll.
const HOT_TRAITS: &[(&str, &str)] = &[
    ("Iterator", "per element by the iterator's consumer"),
    (
        "DoubleEndedIterator",
        "per element by the iterator's consumer",
    ),
    ("Read", "per read by the I/O consumer"),
    ("BufRead", "per read by the I/O consumer"),
    ("Write", "per write by the I/O producer"),
    ("AsyncRead", "per poll by the async runtime"),
    ("AsyncBufRead", "per poll by the async runtime"),
    ("AsyncWrite", "per poll by the async runtime"),
    ("Future", "per poll by the async runtime"),
    ("Stream", "per poll by the async runtime"),
    ("Sink", "per item by the async runtime"),
    ("Service", "per request by the server"),
    ("Handler", "per request by the server"),
    ("Widget", "per frame by the terminal UI"),
    ("StatefulWidget", "per frame by the terminal UI"),
    ("WidgetRef", "per frame by the terminal UI"),
    ("Hash", "per hash-table operation"),
    ("PartialEq", "per comparison"),
    ("Ord", "per comparison"),
    ("PartialOrd", "per comparison"),
    ("Index", "per index operation"),
    ("IndexMut", "per index operation"),
    ("Deref", "per dereference"),
    ("DerefMut", "per dereference"),
    ("Visitor", "per value by the deserializer"),
    ("Serialize", "per value serialized"),
    ("Deserialize", "per value deserialized"),
    ("Serializer", "per value serialized"),
    ("Deserializer", "per value deserialized"),
    ("SeqAccess", "per element deserialized"),
    ("MapAccess", "per entry deserialized"),
    ("Decoder", "per frame by the codec"),
    ("Encoder", "per frame by the codec"),
    ("Extend", "per extension"),
    ("FromIterator", "per collection built"),
];

/// Traits whose methods run per value, but not in a loop std drives.
const WARM_TRAITS: &[&str] = &[
    "Display", "Clone", "Drop", "From", "Into", "TryFrom", "Default", "AsRef", "Borrow", "FromStr",
    "ToString", "Add", "Sub", "Mul", "Div", "Neg", "Not", "Fn", "FnMut", "FnOnce",
];

/// Callee names that register a callback the framework calls per request
/// or event.
const CALLBACK_REGISTRARS: &[&str] = &[
    "route",
    "get",
    "post",
    "put",
    "delete",
    "patch",
    "head",
    "options",
    "service",
    "handler",
    "to",
    "on",
    "subscribe",
    "register",
    "add_handler",
    "handle",
    "connect",
    "set_handler",
    "listen",
    "spawn",
];

/// What a library's public function is for, by the shape of its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ApiRole {
    /// Reads, writes, parses or emits one item: the caller's loop calls it.
    DataPath,
    /// Builds or configures a value before use.
    Setup,
    Other,
}

fn api_role(f: &FnItem) -> ApiRole {
    let n = f.name.as_str();
    let ty = f.self_ty.as_deref().unwrap_or("");
    let setup_type = ["Builder", "Config", "Options", "Settings"]
        .iter()
        .any(|s| ty.ends_with(s));
    // A method that takes `self` by value and gives back `Self` is a
    // builder's step (`PrattParser::op`, `Options::ignore_case`), whatever
    // its name: values are built before they are used.
    let builder_step = f.sig.self_owned
        && f.sig
            .ret
            .as_ref()
            .and_then(|t| t.name())
            .is_some_and(|r| r == "Self" || r == ty);
    if setup_type
        || builder_step
        || matches!(n, "new" | "default" | "builder" | "build")
        || ["set_", "with_", "enable_", "disable_", "register_"]
            .iter()
            .any(|p| n.starts_with(p))
    {
        return ApiRole::Setup;
    }
    const DATA: &[&str] = &[
        "read",
        "write",
        "parse",
        "next",
        "decode",
        "encode",
        "serialize",
        "deserialize",
        "render",
        "emit",
        "feed",
        "push",
        "process",
        "escape",
        "format",
        "scan",
        "lex",
        "tokenize",
        "append",
        "consume",
        "visit",
        // A parser's steps over its input: match a token, skip or peek at
        // the next characters, advance the cursor.
        "match",
        "skip",
        "peek",
        "advance",
    ];
    // A method (it takes `self`) of a reader, writer or parser: stateful
    // per-item work. An associated `parse` that builds a value is not.
    // (Read from the signature: slimmed facts keep no bindings.)
    let method = f.sig.self_mut.is_some();
    if method
        && DATA.iter().any(|d| {
            n.strip_prefix(d)
                .is_some_and(|r| r.is_empty() || r.starts_with('_'))
        })
    {
        return ApiRole::DataPath;
    }
    ApiRole::Other
}

/// Functions that never return normally (`-> !`) or whose name says they
/// handle or report a failure.
fn is_error_path(f: &FnItem) -> bool {
    let n = f.name.as_str();
    matches!(f.sig.ret, Some(crate::Ty::Never))
        || matches!(
            n,
            "fatal" | "die" | "abort" | "bail" | "handle_error" | "report_error" | "print_error"
        )
        || (n.ends_with("error_handler") && !n.contains("with_"))
        || n.starts_with("handle_err")
}

/// The name of a command-line mode that prints something and ends: called
/// once from `main`, it is diagnostics whatever `for` loops it runs. A
/// function that reads its input in a loop is not one, whatever its name:
/// hexyl's `Printer::print_all` is the program's main loop.
fn is_diagnostic_mode(f: &FnItem) -> bool {
    let n = f.name.as_str();
    ["list_", "show_", "print_", "dump_"]
        .iter()
        .any(|p| n.starts_with(p))
        && input_loop(f).is_none()
}

/// The `while`/`loop` of `f` that takes the next piece of input on every
/// pass, if it has one: where a function run once from `main` spends the
/// program's time (git-delta's `while let Some(line) = lines.next()`).
pub fn input_loop(f: &FnItem) -> Option<&crate::body::Loop> {
    let facts = &f.facts;
    facts.loops.iter().enumerate().skip(1).find_map(|(i, l)| {
        let driven = matches!(
            l.kind,
            crate::body::LoopKind::While | crate::body::LoopKind::Loop
        ) && facts.calls.iter().any(|c| {
            c.loop_id == i as u32
                && c.cold.is_none()
                && crate::names::is_in(c.callee.name(), crate::names::INPUT_STEPS)
        });
        driven.then_some(l)
    })
}

/// How an edge into a handler of a person's input is described; the
/// Validator reads a reach chain that holds it as human-rate code.
pub const HUMAN_RATE: &str = "per input event of a person";

/// Types that carry one input event of a person: a key press, a mouse
/// click or scroll. A function that takes one handles a person's input.
const HUMAN_INPUT_TYPES: &[&str] = &[
    "KeyEvent",
    "KeyCode",
    "MouseEvent",
    "KeyboardEvent",
    "KeyPress",
];

/// Terminal input crates whose `Event` (or `Key`) is a terminal's input
/// event: a key press, a mouse action, a resize, a paste.
const TERMINAL_INPUT_CRATES: &[&str] = &["crossterm", "termion", "termwiz", "crosstermion"];

/// Whether `f` handles one input event of a person: one of its parameters
/// is a key or mouse event (`KeyEvent`, `KeyCode`, `MouseEvent`, …), or the
/// `Event`/`Key` of a terminal input crate that its file imports
/// (`use crossterm::event::Event`). Such events come at the pace a person
/// types or clicks — a few per second — whatever loop delivers them, so
/// what runs once per event is not a hot path.
pub fn handles_human_input(f: &FnItem, imports: &[crate::items::Import]) -> bool {
    let terminal = |name: &str| {
        imports.iter().any(|i| {
            i.alias == name
                && i.path
                    .first()
                    .is_some_and(|c| TERMINAL_INPUT_CRATES.contains(&c.as_str()))
        })
    };
    f.sig.params.iter().any(|(_, ty)| {
        let Some(name) = ty.name() else {
            return false;
        };
        let path = match ty {
            crate::Ty::Path(p) => Some(p),
            crate::Ty::Ref { inner, .. } => match inner.as_ref() {
                crate::Ty::Path(p) => Some(p),
                _ => None,
            },
            _ => None,
        };
        let written_from_terminal = path.is_some_and(|p| {
            p.segments
                .first()
                .is_some_and(|c| TERMINAL_INPUT_CRATES.contains(&c.as_str()))
        });
        HUMAN_INPUT_TYPES.contains(&name)
            || (matches!(name, "Event" | "Key") && (written_from_terminal || terminal(name)))
    })
}

/// The name of a step that reads the configuration or sets the program up
/// (`load_config`, `set_options`, `from_clap_and_git_config`, `init_logger`):
/// run once from `main`, whatever it loops over is the configuration, not
/// the program's data. A function that holds a `while`/`loop` may be the
/// program's main loop and is not one.
fn is_setup_step(f: &FnItem) -> bool {
    let n = f.name.as_str();
    let named = n.contains("config")
        || n.contains("options")
        || n.contains("settings")
        || [
            "init",
            "setup",
            "set_up",
            "from_clap",
            "from_args",
            "parse_args",
            "parse_opts",
        ]
        .iter()
        .any(|p| n.starts_with(p));
    // Index 0 of the loops is "no loop".
    named
        && !f.facts.loops.iter().skip(1).any(|l| {
            matches!(
                l.kind,
                crate::body::LoopKind::While | crate::body::LoopKind::Loop
            )
        })
}

fn name_is_diagnostics(f: &FnItem) -> Option<&'static str> {
    let n = f.name.as_str();
    let help = [
        "help",
        "print_help",
        "usage",
        "print_usage",
        "version",
        "print_version",
        "long_version",
        "long_help",
        "man",
        "manpage",
        "man_page",
        "generate_man",
        "completions",
        "generate_completions",
        "print_completions",
        "shell_completions",
        "gen_completions",
    ];
    // `_usage` alone also ends resource figures (`get_io_usage`,
    // `cpu_usage`): only a verb that shows it makes it the usage text.
    let shows = [
        "print_", "show_", "display_", "write_", "render_", "format_", "cli_",
    ];
    if help.contains(&n)
        || n.contains("completion")
        || n.ends_with("_help")
        || (n.ends_with("_usage") && shows.iter().any(|v| n.starts_with(v)))
        || n.starts_with("help_")
        || n.starts_with("usage_")
    {
        return Some("help, usage, version or completion text");
    }
    None
}

/// Why code in a file no module tree reaches is cold: no `mod` declares
/// it, so no target compiles it (an orphaned module, a script kept beside
/// the sources).
fn not_compiled(path: &str) -> String {
    format!("{path} is in no module tree of its crate: no target compiles it")
}

fn is_cli_builder(f: &FnItem) -> bool {
    let ret = f.sig.ret.as_ref().and_then(|r| r.name().map(str::to_owned));
    matches!(
        ret.as_deref(),
        Some("Command" | "App" | "Arg" | "ArgMatches")
    ) || matches!(
        f.name.as_str(),
        "build_cli" | "build_app" | "clap_app" | "parse_args" | "get_args"
    )
}

/// A loop over text or input: its length follows the data, not the
/// program's own collections, so nothing bounds it per process started.
fn reads_unbounded(l: &crate::body::Loop) -> bool {
    matches!(
        l.kind,
        crate::body::LoopKind::While | crate::body::LoopKind::Loop
    ) || crate::names::INPUT_SOURCES.iter().any(|t| {
        l.source.match_indices(t).any(|(i, _)| {
            i == 0 || !l.source[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_')
        })
    })
}

/// Whether the self type looks like an error type.
fn is_error_type(name: &str) -> bool {
    name.ends_with("Error") || name.ends_with("Err") || name == "Error"
}

impl<'f> Hotness<'f> {
    /// Builds the call graph of `files` and propagates heat through it.
    ///
    /// Two passes: the first from `main`, runtime entries, std's and
    /// frameworks' per-element trait entries and pure libraries' public
    /// APIs; then the command-line modes it found running once
    /// (`list_themes`, `print_config`) are pinned as diagnostics, the
    /// per-value trait methods (`Display`, `From`, …) it found no caller for
    /// become entries, and heat is propagated again from scratch.
    pub fn analyze(files: &'f [GraphFile<'f>]) -> Hotness<'f> {
        let graph = build(files);
        let cycle = cycles(&graph);
        let starts = ProcessStarts::find(files, &graph);
        let mut handlers = HashSet::default();
        for (fi, file) in files.iter().enumerate() {
            for (ni, f) in file.facts.fns.iter().enumerate() {
                if handles_human_input(f, &file.facts.imports) {
                    handlers.insert(FnId {
                        file: fi as u32,
                        func: ni as u32,
                    });
                }
            }
        }
        let mut h = Hotness {
            files,
            graph,
            heat: HashMap::default(),
            cycle,
            starts,
            handlers,
            api: Api::index(files),
        };
        h.seed(&[], &[]);
        h.propagate();
        let modes: Vec<(FnId, ColdKind)> = h
            .all()
            .filter(|(id, heat)| heat.rank == Rank::Once && h.item(*id).name != "main")
            .filter_map(|(id, _)| {
                let f = h.item(id);
                if is_diagnostic_mode(f) {
                    Some((id, ColdKind::Diagnostics))
                } else if is_setup_step(f) {
                    Some((id, ColdKind::Setup))
                } else {
                    None
                }
            })
            .collect();
        let warm: Vec<FnId> = h
            .all()
            .filter(|(id, heat)| {
                let f = h.item(*id);
                heat.rank == Rank::Unreached
                    && f.trait_name
                        .as_deref()
                        .is_some_and(|t| WARM_TRAITS.contains(&t))
            })
            .map(|(id, _)| id)
            .collect();
        if !modes.is_empty() || !warm.is_empty() {
            h.heat.clear();
            h.seed(&modes, &warm);
            h.propagate();
        }
        h
    }

    pub fn stats(&self) -> GraphStats {
        self.graph.stats
    }

    fn item(&self, id: FnId) -> &FnItem {
        &self.files[id.file as usize].facts.fns[id.func as usize]
    }

    fn set(&mut self, id: FnId, rank: Rank, reason: String, pinned: bool) {
        let cur = self.heat.get(&id);
        if cur.is_some_and(|c| c.pinned || c.rank.level() >= rank.level()) {
            return;
        }
        self.heat.insert(
            id,
            FnHeat {
                rank,
                via: Some(Via::Entry(reason)),
                confidence: Confidence::Resolved,
                pinned,
            },
        );
    }

    /// Entry points and code that is cold by nature; `modes` are
    /// command-line modes pinned as diagnostics.
    fn seed(&mut self, modes: &[(FnId, ColdKind)], warm: &[FnId]) {
        for (fi, file) in self.files.iter().enumerate() {
            for (ni, f) in file.facts.fns.iter().enumerate() {
                let id = FnId {
                    file: fi as u32,
                    func: ni as u32,
                };
                if let Some((_, kind)) = modes.iter().find(|(m, _)| *m == id) {
                    let why = match kind {
                        ColdKind::Setup => format!(
                            "`{}` reads the configuration or sets the program up, once from `main`",
                            f.path
                        ),
                        _ => format!("`{}` is a command-line mode run once from `main`", f.path),
                    };
                    self.set(id, Rank::Cold(*kind), why, true);
                    continue;
                }
                // Cold by nature: nothing raises these.
                if let Some((kind, why)) = &file.cold {
                    self.set(id, Rank::Cold(*kind), why.clone(), true);
                    continue;
                }
                if let Some(t) = &f.test {
                    self.set(id, Rank::Cold(ColdKind::Test), t.clone(), true);
                    continue;
                }
                match file.target {
                    TargetKind::Build => {
                        self.set(
                            id,
                            Rank::Cold(ColdKind::Build),
                            format!("in the build script {}", file.path),
                            true,
                        );
                        continue;
                    }
                    TargetKind::Example | TargetKind::Bench => {
                        self.set(
                            id,
                            Rank::Cold(ColdKind::DevTool),
                            format!("in {}, an example or benchmark", file.path),
                            true,
                        );
                        continue;
                    }
                    TargetKind::Test => {
                        self.set(
                            id,
                            Rank::Cold(ColdKind::Test),
                            format!("in the test target {}", file.path),
                            true,
                        );
                        continue;
                    }
                    TargetKind::Stray => {
                        self.set(
                            id,
                            Rank::Cold(ColdKind::NotCompiled),
                            not_compiled(file.path),
                            true,
                        );
                        continue;
                    }
                    _ => {}
                }
                if f.cold_attr {
                    self.set(
                        id,
                        Rank::Cold(ColdKind::ErrorPath),
                        format!("`fn {}` is marked `#[cold]`", f.name),
                        true,
                    );
                    continue;
                }
                if is_error_path(f) {
                    let why = format!(
                        "`{}` handles or reports a failure, or never returns",
                        f.path
                    );
                    self.set(id, Rank::Cold(ColdKind::ErrorPath), why, true);
                    continue;
                }
                if f.self_ty.as_deref().is_some_and(is_error_type) {
                    let why = format!("`{}` builds or inspects an error", f.path);
                    self.set(id, Rank::Cold(ColdKind::ErrorPath), why, true);
                    continue;
                }
                // `fn err(&self, e: anyhow::Error) -> ImportError`: a function
                // that gives back an error value (not a `Result`, not a
                // borrowed one) is called when something failed.
                if let Some(err) = f
                    .sig
                    .ret
                    .as_ref()
                    .filter(|t| matches!(t, crate::Ty::Path(_)))
                    .and_then(|t| t.name())
                    .filter(|n| is_error_type(n))
                {
                    let why = format!("`{}` builds an error (`{err}`)", f.path);
                    self.set(id, Rank::Cold(ColdKind::ErrorPath), why, true);
                    continue;
                }
                let trait_name = f.trait_name.as_deref().unwrap_or("");
                let self_ty = f.self_ty.as_deref().unwrap_or("");
                if trait_name == "Debug" {
                    self.set(
                        id,
                        Rank::Cold(ColdKind::Diagnostics),
                        format!("`Debug` formatting of `{self_ty}`"),
                        true,
                    );
                    continue;
                }
                if trait_name == "Error" || (trait_name == "Display" && is_error_type(self_ty)) {
                    self.set(
                        id,
                        Rank::Cold(ColdKind::ErrorPath),
                        format!("`{trait_name}` of the error type `{self_ty}`"),
                        true,
                    );
                    continue;
                }
                if let Some(what) = name_is_diagnostics(f) {
                    self.set(
                        id,
                        Rank::Cold(ColdKind::Diagnostics),
                        format!("`{}` builds {what}", f.path),
                        true,
                    );
                    continue;
                }
                if let Some(&line) = f
                    .facts
                    .debug_prints
                    .first()
                    .filter(|_| is_diagnostic_mode(f))
                {
                    self.set(
                        id,
                        Rank::Cold(ColdKind::Diagnostics),
                        format!(
                            "`{}` prints a `Debug` dump for a person to read (line {line})",
                            f.path
                        ),
                        true,
                    );
                    continue;
                }
                if is_cli_builder(f) {
                    self.set(
                        id,
                        Rank::Cold(ColdKind::Setup),
                        format!("`{}` builds the command line, once", f.path),
                        true,
                    );
                    continue;
                }
                if f.name == "main"
                    && f.self_ty.is_none()
                    && f.parent.is_none()
                    && file.target == TargetKind::Bin
                {
                    self.set(
                        id,
                        Rank::Once,
                        format!("entry: `fn main` ({}:{})", file.path, f.range.start.line),
                        false,
                    );
                    continue;
                }
                if f.runtime_entry {
                    self.set(
                        id,
                        Rank::Once,
                        format!(
                            "entry: async runtime main `{}` ({}:{})",
                            f.path, file.path, f.range.start.line
                        ),
                        false,
                    );
                    continue;
                }
                if let Some((_, how)) = HOT_TRAITS.iter().find(|(t, _)| *t == trait_name) {
                    self.set(
                        id,
                        Rank::Hot(1),
                        format!(
                            "entry: `{trait_name}::{}` for `{self_ty}`, called {how}",
                            f.name
                        ),
                        false,
                    );
                    continue;
                }
                // `Display`, `From`, `Default`, …: when the graph sees no
                // caller (they are called through formatting and
                // conversions), they run per value.
                if WARM_TRAITS.contains(&trait_name) && warm.contains(&id) {
                    self.set(
                        id,
                        Rank::Warm,
                        format!(
                            "entry: `{trait_name}::{}` for `{self_ty}`, called per value",
                            f.name
                        ),
                        false,
                    );
                    continue;
                }
                // A crate with a binary is driven by its `main`: its library
                // API is an entry only when no binary exists.
                if f.public
                    && file.lib_crate
                    && !file.bin_crate
                    && file.target == TargetKind::Lib
                    // (The map lookup first: `exposes` builds the function's module path.)
                    && (!self.graph.incoming.contains_key(&id) || self.api.exposes(file, f))
                {
                    let (rank, how) = match api_role(f) {
                        ApiRole::DataPath => {
                            (Rank::Hot(1), "its callers call it per item of their data")
                        }
                        ApiRole::Setup => (
                            Rank::Once,
                            "it builds or configures, once per use of the library",
                        ),
                        ApiRole::Other => (Rank::Warm, "called per call of its user"),
                    };
                    self.set(
                        id,
                        rank,
                        format!(
                            "entry: public API `{}` of library `{}`: {how}",
                            f.path, file.crate_ident
                        ),
                        false,
                    );
                }
            }
        }
    }

    /// What an edge gives its callee, from its caller's rank.
    fn through(&self, e: &Edge, caller: &FnHeat) -> Option<(Rank, Confidence)> {
        let cf = self.item(e.from);
        let call = &cf.facts.calls[e.call as usize];
        // Inside a cycle of calls the heat entering the cycle is what
        // counts: a loop on the way round does not multiply it again.
        let in_cycle = self
            .cycle
            .get(&e.from)
            .is_some_and(|c| self.cycle.get(&e.to) == Some(c));
        // A call in a branch that leaves the loop (`return f(..)`, `break`)
        // runs once per pass of the loops outside the innermost one, not
        // per iteration of it.
        let depth = if in_cycle {
            0
        } else {
            // A loop over a range or list fixed in the code (`0..=u8::MAX`,
            // `[a, b, c]`) runs a set number of times, not per item of the
            // input: it does not heat what it calls.
            let chain = cf.facts.loop_chain(call.loop_id);
            let loops = chain
                .iter()
                .filter(|&&l| !cf.facts.loops[l as usize].fixed_count())
                .count();
            let innermost_counted = chain
                .last()
                .is_some_and(|&l| !cf.facts.loops[l as usize].fixed_count());
            (loops - usize::from(call.exits && innermost_counted)) as u8
        };
        let rank = match caller.rank {
            Rank::Unreached => return None,
            Rank::Cold(k) => Rank::Cold(k),
            _ if call.cold.is_some() => Rank::Cold(ColdKind::ErrorPath),
            // Lazy initialisation runs once, however hot its caller.
            _ if call.once => Rank::Once,
            Rank::Once if depth == 0 => Rank::Once,
            Rank::Warm if depth == 0 => Rank::Warm,
            Rank::Once | Rank::Warm => Rank::Hot(depth.min(MAX_DEPTH)),
            Rank::Hot(d) => Rank::Hot((d + depth).min(MAX_DEPTH)),
        };
        // A handler of a person's input runs per key press or click, a few
        // times a second at most: the loop that delivers the events does
        // not make it hot, whatever its caller's heat.
        let rank = match rank {
            Rank::Once | Rank::Warm | Rank::Hot(_) if self.handlers.contains(&e.to) => Rank::Warm,
            r => r,
        };
        // A callback handed to a framework runs per request or event.
        let rank = match (&call.passed_to, rank) {
            (Some(p), Rank::Once | Rank::Warm) if CALLBACK_REGISTRARS.contains(&p.as_str()) => {
                Rank::Hot(1)
            }
            _ => rank,
        };
        Some((rank, caller.confidence.min(e.confidence)))
    }

    fn propagate(&mut self) {
        let mut outgoing: HashMap<FnId, Vec<u32>> = HashMap::default();
        for (i, e) in self.graph.edges.iter().enumerate() {
            outgoing.entry(e.from).or_default().push(i as u32);
        }
        let mut work: Vec<FnId> = self.heat.keys().copied().collect();
        work.sort();
        // Each update raises a rank on a finite lattice, so this ends; the
        // bound guards against a bug turning into a hang.
        let mut budget = (self.graph.edges.len() + 16) * (MAX_DEPTH as usize + 4);
        while let Some(id) = work.pop() {
            if budget == 0 {
                break;
            }
            budget -= 1;
            let Some(caller) = self.heat.get(&id).cloned() else {
                continue;
            };
            for &ei in outgoing.get(&id).map(Vec::as_slice).unwrap_or(&[]) {
                let e = self.graph.edges[ei as usize];
                let Some((rank, confidence)) = self.through(&e, &caller) else {
                    continue;
                };
                let better = match self.heat.get(&e.to) {
                    Some(cur) if cur.pinned => false,
                    Some(cur) => rank.level() > cur.rank.level(),
                    None => true,
                };
                if better {
                    self.heat.insert(
                        e.to,
                        FnHeat {
                            rank,
                            via: Some(Via::Edge(ei)),
                            confidence,
                            pinned: false,
                        },
                    );
                    work.push(e.to);
                }
            }
        }
    }

    /// The heat of a function (`Unreached` when nothing known calls it).
    pub fn of(&self, id: FnId) -> FnHeat {
        self.heat.get(&id).cloned().unwrap_or(FnHeat {
            rank: Rank::Unreached,
            via: None,
            confidence: Confidence::Resolved,
            pinned: false,
        })
    }

    /// The chain of reasons for a function's heat, innermost first, at most
    /// four links.
    pub fn reasons(&self, id: FnId) -> Vec<String> {
        let mut out = Vec::new();
        let mut cur = id;
        let mut seen = vec![id];
        while out.len() < 4 {
            let h = self.of(cur);
            match h.via {
                None => {
                    // Nothing known reaches it, but something may call it:
                    // name that caller, up to a function nothing calls.
                    let caller = self.graph.incoming.get(&cur).and_then(|v| {
                        v.iter()
                            .map(|&ei| self.graph.edges[ei as usize])
                            .find(|e| !seen.contains(&e.from))
                    });
                    match caller {
                        Some(e) => {
                            out.push(self.describe_edge(&e));
                            seen.push(e.from);
                            cur = e.from;
                        }
                        None => {
                            out.push(format!(
                                "no caller of `{}` found in the workspace (called through a macro, a function pointer, or not at all)",
                                self.item(cur).path
                            ));
                            break;
                        }
                    }
                }
                Some(Via::Entry(r)) => {
                    out.push(r);
                    break;
                }
                Some(Via::Edge(ei)) => {
                    let e = self.graph.edges[ei as usize];
                    out.push(self.describe_edge(&e));
                    if seen.contains(&e.from) {
                        break;
                    }
                    seen.push(e.from);
                    cur = e.from;
                }
            }
        }
        // A person's input further up than the four links shown still sets
        // the pace of everything below it: name it as the last link.
        if out.len() == 4 && !out.iter().any(|r| r.contains(HUMAN_RATE)) {
            while seen.len() < 64 {
                let Some(Via::Edge(ei)) = self.of(cur).via else {
                    break;
                };
                let e = self.graph.edges[ei as usize];
                if self.handlers.contains(&e.to) {
                    out.push(format!("… {}", self.describe_edge(&e)));
                    break;
                }
                if seen.contains(&e.from) {
                    break;
                }
                seen.push(e.from);
                cur = e.from;
            }
        }
        out
    }

    fn describe_edge(&self, e: &Edge) -> String {
        let caller = self.item(e.from);
        let file = &self.files[e.from.file as usize];
        let call = &caller.facts.calls[e.call as usize];
        let at = format!("{}:{}", file.path, call.pos.line);
        let how = if call.cold.is_some() {
            format!(
                "on an error path ({})",
                caller
                    .facts
                    .cold_reason(call.cold)
                    .unwrap_or("error handling")
            )
        } else if call.once {
            "once (a run-once initialiser, a cache fill, a first-time guard or a branch that ends the process)".to_owned()
        } else if self.handlers.contains(&e.to) {
            format!("{HUMAN_RATE} (a key press or mouse action)")
        } else if call.loop_id != 0 {
            let l = &caller.facts.loops[call.loop_id as usize];
            if l.retry {
                format!(
                    "per attempt of the retry `loop` at line {} (once unless an attempt fails)",
                    l.start.line
                )
            } else if l.fixed_count() {
                format!(
                    "a fixed number of times per call (a loop over `{}`)",
                    l.source
                )
            } else {
                format!("per {}", l.unit())
            }
        } else if let Some(p) = call
            .passed_to
            .as_ref()
            .filter(|p| CALLBACK_REGISTRARS.contains(&p.as_str()))
        {
            format!("as a callback handed to `{p}`")
        } else {
            "once per call".to_owned()
        };
        let maybe = match e.confidence {
            Confidence::Ambiguous => {
                " (one of several methods of this name; receiver type unknown)"
            }
            Confidence::ByName => " (matched by name)",
            Confidence::Resolved => "",
        };
        format!("called {how} from `{}` ({at}){maybe}", caller.path)
    }

    /// The heat of a function as the model reports it.
    pub fn fn_reach(&self, id: FnId) -> Reach {
        self.reach_at(id, 0, None, None)
    }

    /// The heat of code inside function `id`: `depth` loops deep in it,
    /// described by `unit` (the innermost loop's unit of work), and on an
    /// error path when `cold` says why.
    pub fn reach_at(&self, id: FnId, depth: u32, unit: Option<&str>, cold: Option<&str>) -> Reach {
        let h = self.of(id);
        let chain = self.reasons(id);
        let item = self.item(id);
        let mut reasons = Vec::new();
        let (heat, kind, loop_depth) = match h.rank {
            Rank::Cold(k) => (Heat::Cold, Some(k), 0),
            _ if cold.is_some() => {
                reasons.push(cold.unwrap_or_default().to_owned());
                (Heat::Cold, Some(ColdKind::ErrorPath), 0)
            }
            Rank::Hot(d) => (Heat::Hot, None, d as u32 + depth),
            Rank::Once | Rank::Warm | Rank::Unreached if depth > 0 => {
                if let Some(u) = unit {
                    reasons.push(format!("runs per {u} in `{}`", item.path));
                }
                let heat = if h.rank == Rank::Unreached {
                    Heat::Warm
                } else {
                    Heat::Hot
                };
                (heat, None, depth)
            }
            Rank::Once => {
                reasons.push(format!(
                    "runs once per process, outside any loop of `{}`",
                    item.path
                ));
                (Heat::Cold, Some(ColdKind::Setup), 0)
            }
            Rank::Warm => (Heat::Warm, None, 0),
            Rank::Unreached => (Heat::Unknown, None, 0),
        };
        if heat == Heat::Hot && depth > 0 && h.rank != Rank::Once && h.rank != Rank::Warm {
            if let Some(u) = unit {
                reasons.push(format!("runs per {u} in `{}`", item.path));
            }
        }
        reasons.extend(chain);
        Reach {
            heat,
            cold: kind,
            loop_depth,
            reasons,
            process_per_pass: None,
            growth: None,
        }
    }

    /// The reach of code at `line` of file `file` (an index into the
    /// graph's files): the heat of its function with the loops and the
    /// error path around the line inside it; for a line outside any
    /// function (a type, a field), what the file itself says.
    pub fn reach_at_line(&self, file: u32, line: u32) -> Reach {
        let g = &self.files[file as usize];
        let facts = g.facts;
        // Slimmed facts have no sites: a line's reach needs its file whole.
        debug_assert!(!facts.slim, "the reach of a line of a slimmed file");
        let Some(func) = facts.fn_at(line) else {
            return self.item_reach(file, line);
        };
        let f = &facts.fns[func as usize];
        let on_line: Vec<_> = f
            .facts
            .sites
            .iter()
            .filter(|s| s.range.start.line == line)
            .collect();
        // The loop the line's allocations run in: the deepest loop of its
        // sites, so that `args.iter().map(PathBuf::from).collect()` is paid
        // once per call (its own `map` is not a loop around the `collect`).
        // A line without sites falls back to the innermost loop whose body
        // holds it.
        let mut loop_id = 0u32;
        if on_line.is_empty() {
            for (i, l) in f.facts.loops.iter().enumerate().skip(1) {
                if l.body.start.line <= line
                    && line <= l.body.end.line
                    && f.facts.loop_within(i as u32, loop_id)
                {
                    loop_id = i as u32;
                }
            }
        } else {
            let depth = |id: u32| f.facts.loops.get(id as usize).map_or(0, |l| l.depth);
            for s in &on_line {
                if s.loop_id != 0 && depth(s.loop_id) > depth(loop_id) {
                    loop_id = s.loop_id;
                }
            }
        }
        // Loops fixed in the code (`0..=u8::MAX`) add no heat.
        let depth = f
            .facts
            .loop_chain(loop_id)
            .iter()
            .filter(|&&l| !f.facts.loops[l as usize].fixed_count())
            .count() as u32;
        let unit = (depth > 0).then(|| f.facts.loops[loop_id as usize].unit());
        // Cold when every site on the line is on an error path.
        let cold = if !on_line.is_empty() && on_line.iter().all(|s| s.cold.is_some()) {
            f.facts.cold_reason(on_line[0].cold)
        } else {
            None
        };
        let id = FnId { file, func };
        let mut reach = self.reach_at(id, depth, unit.as_deref(), cold);
        if reach.heat == Heat::Hot {
            reach.process_per_pass = self.process_per_pass(id, loop_id);
        }
        reach
    }

    /// Where the functions of file `file` grow the field or static `name`
    /// declared at `line` (outside any function), each with how often it
    /// runs; `None` for a line inside a function or a name nothing grows.
    pub fn field_growth(&self, file: u32, line: u32, name: &str) -> Option<FieldGrowth> {
        let facts = self.files[file as usize].facts;
        debug_assert!(!facts.slim, "the growth of a field of a slimmed file");
        if facts.fn_at(line).is_some() {
            return None;
        }
        let mut sites = Vec::new();
        let mut unbounded = None;
        for (func, f) in facts.fns.iter().enumerate() {
            let id = FnId {
                file,
                func: func as u32,
            };
            for ev in f.facts.grows(name) {
                let at = format!(
                    "`{}` ({}:{})",
                    f.path, self.files[file as usize].path, ev.pos.line
                );
                match self.bounded_runs(id, ev.loop_id) {
                    Ok(how) => sites.push(format!("{at}: {how}")),
                    Err(why) => {
                        sites.push(format!("{at}: {why}"));
                        unbounded.get_or_insert(format!("{at}: {why}"));
                    }
                }
            }
        }
        (!sites.is_empty()).then_some(FieldGrowth { sites, unbounded })
    }

    /// How often code in loop `loop_id` of `id` runs when that is bounded
    /// per process — once, or per element of collections walked (`for`,
    /// iterator closures) on a path from `main`, a runtime entry, setup or
    /// cold code — as the chain a person can follow; otherwise why it may
    /// not be: a `while`/`loop` on the way (an event loop), an entry called
    /// per element, request or value, a library's API, a callback, no caller.
    fn bounded_runs(&self, id: FnId, loop_id: u32) -> Result<String, String> {
        let mut chain: Vec<String> = Vec::new();
        for step in self.up(id, loop_id) {
            match step {
                Up::Loop(at, l) => {
                    let (f, lf) = (self.item(at), &self.item(at).facts.loops[l as usize]);
                    if matches!(
                        lf.kind,
                        crate::body::LoopKind::While | crate::body::LoopKind::Loop
                    ) {
                        return Err(format!(
                            "per pass of the {} in `{}`, which nothing bounds",
                            lf.describe(),
                            f.path
                        ));
                    }
                    chain.push(format!("per {} in `{}`", lf.unit(), f.path));
                }
                Up::Call(e) => {
                    let call = &self.item(e.from).facts.calls[e.call as usize];
                    if let Some(p) = call
                        .passed_to
                        .as_ref()
                        .filter(|p| CALLBACK_REGISTRARS.contains(&p.as_str()))
                    {
                        let callee = &self.item(e.to).path;
                        return Err(format!(
                            "`{callee}` is a callback handed to `{p}`, called per event"
                        ));
                    }
                    if call.loop_id == 0 {
                        chain.push(self.describe_edge(&e));
                    }
                }
                Up::Entry(at, reason) => {
                    return match self.of(at).rank {
                        Rank::Once | Rank::Cold(_) => {
                            chain.push(reason);
                            Ok(chain.join(" ← "))
                        }
                        _ => Err(reason),
                    };
                }
                Up::NoCaller(at) => {
                    return Err(format!("no caller of `{}` is known", self.item(at).path))
                }
                Up::Cycle(at) => {
                    return Err(format!(
                        "`{}` is reached through recursion",
                        self.item(at).path
                    ))
                }
            }
        }
        Err("the chain of callers is longer than twelve calls".into())
    }

    /// The reach chain of code in loop `loop_id` of `id`, innermost first:
    /// the loops around it in its function, the call that gave the function
    /// its heat, that caller's loops around the call, and so on up to the
    /// entry (at most twelve calls).
    fn up(&self, id: FnId, loop_id: u32) -> Vec<Up> {
        let (mut cur, mut lp) = (id, loop_id);
        let mut out = Vec::new();
        let mut seen = vec![id];
        for _ in 0..12 {
            let loops = &self.item(cur).facts.loops;
            while lp != 0 {
                out.push(Up::Loop(cur, lp));
                lp = loops[lp as usize].parent;
            }
            match self.of(cur).via {
                None => {
                    out.push(Up::NoCaller(cur));
                    break;
                }
                Some(Via::Entry(reason)) => {
                    out.push(Up::Entry(cur, reason));
                    break;
                }
                Some(Via::Edge(ei)) => {
                    let e = self.graph.edges[ei as usize];
                    out.push(Up::Call(e));
                    lp = self.item(e.from).facts.calls[e.call as usize].loop_id;
                    cur = e.from;
                    if seen.contains(&cur) {
                        out.push(Up::Cycle(cur));
                        break;
                    }
                    seen.push(cur);
                }
            }
        }
        out
    }

    /// The loop up the reach chain of code in loop `loop_id` of `id` whose
    /// every pass starts a child process, with the loops between it and the
    /// code. None when a loop on the way reads text or input, whose length
    /// nothing bounds per process (`lines()`, `chars()`, `read_dir`, a
    /// `while`/`loop`).
    pub fn process_per_pass(&self, id: FnId, loop_id: u32) -> Option<ProcessPerPass> {
        if self.starts.is_empty() {
            return None;
        }
        let mut inner = Vec::new();
        for step in self.up(id, loop_id) {
            let Up::Loop(at, l) = step else {
                continue;
            };
            let lf = &self.item(at).facts.loops[l as usize];
            if let Some(start) = self.starts.per_pass(self.files, at, l) {
                return Some(ProcessPerPass {
                    unit: lf.unit(),
                    at: format!("{}:{}", self.files[at.file as usize].path, lf.start.line),
                    start: format!("{}:{}", self.files[start.file as usize].path, start.line),
                    inner,
                });
            }
            if reads_unbounded(lf) {
                return None;
            }
            inner.push(lf.unit());
        }
        None
    }

    /// A line outside any function: cold when the file or the type is test
    /// code or a tool; otherwise paid wherever the type's values live.
    fn item_reach(&self, file: u32, line: u32) -> Reach {
        let g = &self.files[file as usize];
        let test = g
            .facts
            .type_at(line)
            .and_then(|t| g.facts.types[t as usize].test.clone());
        let cold = match (&g.cold, test, g.target) {
            (Some((k, why)), _, _) => Some((*k, why.clone())),
            (None, Some(why), _) => Some((ColdKind::Test, why)),
            (None, None, TargetKind::Build) => {
                Some((ColdKind::Build, format!("in the build script {}", g.path)))
            }
            (None, None, TargetKind::Test) => {
                Some((ColdKind::Test, format!("in the test target {}", g.path)))
            }
            (None, None, TargetKind::Bench | TargetKind::Example) => Some((
                ColdKind::DevTool,
                format!("in {}, an example or benchmark", g.path),
            )),
            (None, None, TargetKind::Stray) => Some((ColdKind::NotCompiled, not_compiled(g.path))),
            _ => None,
        };
        match cold {
            Some((kind, why)) => Reach {
                heat: Heat::Cold,
                cold: Some(kind),
                loop_depth: 0,
                reasons: vec![why],
                process_per_pass: None,
                growth: None,
            },
            None => Reach {
                heat: Heat::Warm,
                cold: None,
                loop_depth: 0,
                reasons: vec![
                    "a type declaration: paid wherever its values are built or stored".into(),
                ],
                process_per_pass: None,
                growth: None,
            },
        }
    }

    /// Every function with its heat, for reports and priorities.
    pub fn all(&self) -> impl Iterator<Item = (FnId, FnHeat)> + '_ {
        self.files.iter().enumerate().flat_map(move |(fi, file)| {
            (0..file.facts.fns.len()).map(move |ni| {
                let id = FnId {
                    file: fi as u32,
                    func: ni as u32,
                };
                (id, self.of(id))
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::callgraph::tests::{facts_of, graph_files, with_bin};

    fn heat_of(files: &[(&str, &str)], bin: bool) -> Vec<(String, Rank, Vec<String>)> {
        let facts = facts_of(files);
        let mut gf = graph_files(files, &facts);
        if bin {
            gf[0].target = TargetKind::Bin;
            for g in &mut gf {
                g.lib_crate = false;
            }
        }
        let h = Hotness::analyze(&gf);
        h.all()
            .map(|(id, heat)| {
                (
                    facts[id.file as usize].fns[id.func as usize].path.clone(),
                    heat.rank,
                    h.reasons(id),
                )
            })
            .collect()
    }

    /// Slimmed facts ([`FileFacts::slim`]) give every function the same
    /// heat and reasons as whole facts: the graph reads nothing they drop.
    #[test]
    fn slimmed_facts_give_the_same_heat() {
        let files: &[(&str, &str)] = &[
            (
                "",
                "mod io; use io::Reader;
                 fn main() -> Result<(), String> {
                     let args: Vec<String> = std::env::args().collect();
                     for a in &args { let mut r = Reader::open(a).map_err(|e| e.to_string())?; r.read_line(); }
                     std::thread::spawn(move || worker(args));
                     println!(\"{:?}\", 1);
                     Ok(())
                 }
                 fn worker(v: Vec<String>) { v.iter().for_each(|s| handle(s)); }
                 fn handle(s: &str) { let t = s.to_owned(); drop(t); }
                 fn show_stats(n: u32) { println!(\"{n:#?}\"); }",
            ),
            (
                "io",
                "pub struct Reader { buf: Vec<u8> }
                 impl Reader {
                     pub fn open(p: &str) -> std::io::Result<Reader> { Ok(Reader { buf: p.as_bytes().to_vec() }) }
                     pub fn read_line(&mut self) -> usize { while let Some(b) = self.buf.pop() { self.push(b); } 0 }
                     fn push(&mut self, b: u8) { if b == 0 { panic!(\"zero\") } self.buf.push(b); }
                 }
                 impl Iterator for Reader { type Item = u8; fn next(&mut self) -> Option<u8> { self.buf.pop() } }",
            ),
        ];
        let whole = facts_of(files);
        let mut slim = whole.clone();
        for f in &mut slim {
            f.slim();
            assert!(f
                .fns
                .iter()
                .all(|g| g.facts.sites.is_empty() && g.facts.bindings.is_empty()));
        }
        let heat = |facts: &[crate::FileFacts]| {
            let gf = graph_files(files, facts);
            let h = Hotness::analyze(&gf);
            h.all()
                .map(|(id, heat)| (id, heat.rank, h.reasons(id)))
                .collect::<Vec<_>>()
        };
        let (a, b) = (heat(&whole), heat(&slim));
        assert!(a.len() >= 8, "{a:?}");
        assert_eq!(a, b);
    }

    fn rank(all: &[(String, Rank, Vec<String>)], path: &str) -> Rank {
        all.iter()
            .find(|(p, ..)| p == path)
            .unwrap_or_else(|| panic!("no fn {path} in {all:?}"))
            .1
    }

    #[test]
    fn loops_make_callees_hot_and_main_runs_once() {
        let all = heat_of(
            &[(
                "",
                "fn main() { let cfg = load_config(); for f in files() { process(f); } }\nfn load_config() {}\nfn files() -> Vec<String> { vec![] }\nfn process(f: String) { for line in f.lines() { parse(line); } }\nfn parse(l: &str) { fail(); }\nfn fail() {}\n#[cfg(test)] mod tests { #[test] fn t() { super::parse(\"x\"); } }",
            )],
            true,
        );
        assert_eq!(rank(&all, "main"), Rank::Once);
        assert_eq!(
            rank(&all, "load_config"),
            Rank::Cold(ColdKind::Setup),
            "a configuration loader called once from main"
        );
        assert_eq!(rank(&all, "process"), Rank::Hot(1), "per file");
        assert_eq!(rank(&all, "parse"), Rank::Hot(2), "per line per file");
        assert_eq!(rank(&all, "tests::t"), Rank::Cold(ColdKind::Test));
        let reasons = &all.iter().find(|(p, ..)| p == "parse").unwrap().2;
        assert!(
            reasons[0].contains("per iteration of `for line in f.lines()`")
                && reasons[0].contains("`process`"),
            "{reasons:?}"
        );
        assert!(reasons.last().unwrap().contains("fn main"), "{reasons:?}");
    }

    /// `return f(..)` inside a loop leaves it: `f` runs once per call of
    /// the function, while what runs on every pass stays hot.
    #[test]
    fn a_call_on_the_way_out_of_a_loop_is_not_repeated_by_it() {
        let all = heat_of(
            &[(
                "",
                "fn main() { run(); }\nfn run() -> u8 { loop { if let Some(p) = find() { return list(p); } retry(); } }\nfn find() -> Option<u8> { None }\nfn list(p: u8) -> u8 { p }\nfn retry() {}",
            )],
            true,
        );
        assert_eq!(rank(&all, "run"), Rank::Once);
        assert_eq!(rank(&all, "list"), Rank::Once, "called on the way out");
        assert_eq!(rank(&all, "retry"), Rank::Hot(1), "called on every pass");
        assert_eq!(rank(&all, "find"), Rank::Hot(1));
    }

    #[test]
    fn handlers_of_a_persons_input_are_not_hot_whatever_loop_delivers_them() {
        let src = "use crossterm::event::{self, Event, KeyEvent};\nfn main() { let mut app = App; loop { let ev = event::read().unwrap(); app.on_event(ev); } }\nstruct App;\nimpl App {\n    fn on_event(&mut self, ev: Event) { if let Event::Key(k) = ev { self.on_key(k); } self.draw(); }\n    fn on_key(&mut self, k: KeyEvent) { self.jump(); }\n    fn jump(&mut self) { for row in rows() { touch(row); } }\n    fn draw(&mut self) { for row in rows() { touch(row); } }\n}\nfn rows() -> Vec<u8> { vec![] }\nfn touch(_: u8) {}";
        let all = heat_of(&[("", src)], true);
        assert_eq!(
            rank(&all, "App::on_event"),
            Rank::Warm,
            "a crossterm `Event` handler runs per event of a person, not per pass of a hot loop"
        );
        assert_eq!(
            rank(&all, "App::on_key"),
            Rank::Warm,
            "a `KeyEvent` handler"
        );
        assert_eq!(
            rank(&all, "touch"),
            Rank::Hot(1),
            "a collection walked per key press is still per row, below the key press"
        );
        let reasons = &all.iter().find(|(p, ..)| p == "App::on_event").unwrap().2;
        assert!(reasons[0].contains(HUMAN_RATE), "{reasons:?}");
        // An `Event` of the program's own (a parser's event) is no person's
        // input: its handler is as hot as the loop that calls it.
        let own = "enum Event { Start }\nfn main() { loop { let ev = next(); on_event(ev); } }\nfn next() -> Event { Event::Start }\nfn on_event(ev: Event) { let _ = ev; }";
        let all = heat_of(&[("", own)], true);
        assert_eq!(rank(&all, "on_event"), Rank::Hot(1));
    }

    #[test]
    fn a_line_runs_as_often_as_its_allocations() {
        let src = "fn main() {\n    let args: Vec<String> = std::env::args().collect();\n    let paths: Vec<std::path::PathBuf> = args.iter().map(std::path::PathBuf::from).collect();\n    let names: Vec<String> = args.iter().map(|a| a.to_uppercase()).collect();\n    for p in paths { let _ = p; }\n    let _ = names;\n}";
        with_bin(src, |h| {
            // The collect of a chain whose only per-element work is a
            // function path runs once per call, not per element.
            let once = h.reach_at_line(0, 3);
            assert_eq!(once.loop_depth, 0, "{once:?}");
            // An allocation inside the chain's closure runs per element.
            let per = h.reach_at_line(0, 4);
            assert_eq!(per.loop_depth, 1, "{per:?}");
            assert!(per.reasons[0].contains("per element"), "{per:?}");
        });
    }

    #[test]
    fn growth_of_a_field_is_bounded_from_main_and_unbounded_in_an_event_loop() {
        let src = "pub struct Runs {\n    results: Vec<u64>,\n    seen: Vec<u64>,\n}\nimpl Runs {\n    fn record(&mut self, r: u64) { self.results.push(r); }\n    fn note(&mut self, r: u64) { self.seen.push(r); }\n}\nfn main() {\n    let mut runs = Runs { results: vec![], seen: vec![] };\n    for r in inputs() { runs.record(r); }\n    loop { let e = next_event(); runs.note(e); }\n}\nfn inputs() -> Vec<u64> { vec![] }\nfn next_event() -> u64 { 0 }";
        let (results, seen, inside) = with_bin(src, |h| {
            (
                h.field_growth(0, 2, "results"),
                h.field_growth(0, 3, "seen"),
                h.field_growth(0, 6, "results"),
            )
        });
        let results = results.expect("results grows");
        assert_eq!(results.unbounded, None, "{results:?}");
        assert!(
            results.sites[0].contains("`Runs::record`")
                && results.sites[0].contains("for r in inputs()")
                && results.sites[0].contains("fn main"),
            "{results:?}"
        );
        let seen = seen.expect("seen grows");
        assert!(
            seen.unbounded
                .as_deref()
                .is_some_and(|u| u.contains("`loop`")),
            "{seen:?}"
        );
        // A line inside a function is not a declaration.
        assert_eq!(inside, None);
    }

    #[test]
    fn configuration_read_once_from_main_is_setup_and_a_main_loop_is_not() {
        let all = heat_of(
            &[(
                "",
                "fn main() { let o = Opt::from_clap_and_git_config(); init_logger(); serve(o); }\nstruct Opt;\nimpl Opt { fn from_clap_and_git_config() -> Opt { set_options(); Opt } }\nfn set_options() { for f in feats() { one(f); } }\nfn feats() -> Vec<u8> { vec![] }\nfn one(f: u8) { let _ = f; }\nfn init_logger() { loop { if tick() { break; } } }\nfn tick() -> bool { true }\nfn serve(o: Opt) { let _ = o; }",
            )],
            true,
        );
        assert_eq!(
            rank(&all, "Opt::from_clap_and_git_config"),
            Rank::Cold(ColdKind::Setup)
        );
        assert_eq!(
            rank(&all, "one"),
            Rank::Cold(ColdKind::Setup),
            "per feature of the configuration, once"
        );
        assert_eq!(
            rank(&all, "init_logger"),
            Rank::Once,
            "a `loop` may be the program's main loop"
        );
        assert_eq!(rank(&all, "serve"), Rank::Once);
    }

    #[test]
    fn calls_in_the_body_of_a_local_macro_rules_are_edges() {
        let all = heat_of(
            &[(
                "",
                "fn main() { for x in xs() { block(x); } }\nfn xs() -> Vec<u32> { vec![] }\nfn block(x: u32) {\n    fn inner(y: u32) { leaf(y); }\n    macro_rules! wrap { ($v:expr) => { inner($v) }; }\n    for i in 0..x { wrap!(i); }\n}\nfn leaf(y: u32) { let _ = y; }",
            )],
            true,
        );
        assert_eq!(rank(&all, "block"), Rank::Hot(1));
        assert!(
            matches!(rank(&all, "block::inner"), Rank::Hot(_)),
            "called from the local macro's body: {all:?}"
        );
        assert!(matches!(rank(&all, "leaf"), Rank::Hot(_)));
    }

    #[test]
    fn calls_in_the_branches_of_a_select_are_edges() {
        let all = heat_of(
            &[(
                "",
                "fn main() { let (tx, rx) = chan(); run(rx); }\nfn chan() -> (u8, u8) { (0, 0) }\nfn run(rx: u8) {\n    loop {\n        crossbeam::select! {\n            recv(rx) -> event => { on_event(event); }\n            default => idle(),\n        }\n    }\n}\nfn on_event(e: u8) { let _ = e; }\nfn idle() {}",
            )],
            true,
        );
        assert!(
            matches!(rank(&all, "on_event"), Rank::Hot(_)),
            "called per pass of the loop around the select: {all:?}"
        );
        assert!(matches!(rank(&all, "idle"), Rank::Hot(_)));
    }

    #[test]
    fn a_file_in_no_module_tree_is_not_compiled() {
        let files = [
            ("", "fn main() { loop { step(); } }\nfn step() {}"),
            (
                "orphan",
                "pub fn start() { for i in 0..9 { let _ = i.to_string(); } }",
            ),
        ];
        let facts = facts_of(&files);
        let mut gf = graph_files(&files, &facts);
        gf[0].target = TargetKind::Bin;
        gf[1].target = TargetKind::Stray;
        let h = Hotness::analyze(&gf);
        let (id, heat) = h
            .all()
            .find(|(id, _)| id.file == 1)
            .expect("the orphan's fn");
        assert_eq!(heat.rank, Rank::Cold(ColdKind::NotCompiled));
        assert!(h.reasons(id)[0].contains("no target compiles it"));
        let at = h.reach_at_line(1, 1);
        assert_eq!(at.cold, Some(ColdKind::NotCompiled), "{at:?}");
    }

    #[test]
    fn help_text_and_debug_dumps_are_cold_however_often_called() {
        let all = heat_of(
            &[(
                "",
                "fn main() { loop { match next() { 0 => print_status(1), 1 => print_totals(2), _ => run(help_markup()) } } }\nfn next() -> u8 { 0 }\nfn run(x: u8) {}\nfn help_markup() -> u8 { for e in [1, 2] { run(e); } 0 }\nfn print_status(c: u8) { let copy = c.clone(); println!(\"{copy:#?}\"); }\nfn print_totals(c: u8) { println!(\"{c} total\"); }",
            )],
            true,
        );
        assert_eq!(
            rank(&all, "help_markup"),
            Rank::Cold(ColdKind::Diagnostics),
            "help text by name: {all:?}"
        );
        assert_eq!(
            rank(&all, "print_status"),
            Rank::Cold(ColdKind::Diagnostics),
            "a `print_` function that prints a Debug dump, per pass of the loop or not"
        );
        assert!(
            matches!(rank(&all, "print_totals"), Rank::Hot(_)),
            "printing the program's own output (Display) is not a dump"
        );
        assert!(
            matches!(rank(&all, "run"), Rank::Hot(_)),
            "still hot from the loop in `main`, whatever the help text does"
        );
    }

    #[test]
    fn a_function_called_only_from_unreached_code_names_its_caller() {
        let all = heat_of(
            &[(
                "",
                "fn main() {}\nfn get_io_usage() -> u64 { for _ in 0..2 { stats(); } 0 }\nfn stats() {}",
            )],
            true,
        );
        let (_, _, reasons) = all.iter().find(|(n, _, _)| n == "stats").unwrap();
        assert!(reasons[0].contains("`get_io_usage`"), "{reasons:?}");
        assert!(
            reasons
                .last()
                .unwrap()
                .starts_with("no caller of `get_io_usage`"),
            "{reasons:?}"
        );
    }

    /// A `print_` function run once from `main` is a diagnostics mode
    /// (`print_themes`), unless it reads its input in a loop: then it is the
    /// program's main loop and what it calls per pass is hot.
    #[test]
    fn a_print_function_that_reads_its_input_is_the_main_loop() {
        let all = heat_of(
            &[(
                "",
                "use std::io::Read;\nfn main() { print_themes(); print_all(std::io::stdin()); }\nfn print_themes() { for t in [1, 2] { println!(\"{t}\"); } }\nfn print_all(mut r: impl Read) { let mut buf = [0u8; 16]; loop { let n = r.read(&mut buf).unwrap_or(0); if n == 0 { break; } print_line(&buf[..n]); } }\nfn print_line(b: &[u8]) { for x in b { print_byte(*x); } }\nfn print_byte(x: u8) { print!(\"{x:02x}\"); }",
            )],
            true,
        );
        assert_eq!(
            rank(&all, "print_themes"),
            Rank::Cold(ColdKind::Diagnostics),
            "{all:?}"
        );
        assert!(matches!(rank(&all, "print_line"), Rank::Hot(_)), "{all:?}");
        assert!(matches!(rank(&all, "print_byte"), Rank::Hot(_)), "{all:?}");
    }

    /// A library's builder step (takes `self`, gives `Self`) runs while a
    /// value is set up; a parser's `match_`/`skip` step runs per token.
    #[test]
    fn builder_steps_and_parser_steps_of_a_library() {
        let all = heat_of(
            &[(
                "",
                "pub struct Pratt { ops: Vec<u8> }\nimpl Pratt { pub fn op(mut self, o: u8) -> Self { self.ops.push(o); self } }\npub struct State { pos: usize }\nimpl State { pub fn match_string(&mut self, s: &str) -> bool { self.pos += s.len(); true } pub fn skip(&mut self, n: usize) -> bool { self.pos += n; true } pub fn position(&self) -> usize { self.pos } }",
            )],
            false,
        );
        assert_eq!(rank(&all, "Pratt::op"), Rank::Once, "{all:?}");
        assert!(
            matches!(rank(&all, "State::match_string"), Rank::Hot(_)),
            "{all:?}"
        );
        assert!(matches!(rank(&all, "State::skip"), Rank::Hot(_)), "{all:?}");
        assert_eq!(rank(&all, "State::position"), Rank::Warm, "{all:?}");
    }

    #[test]
    fn loops_fixed_in_the_code_are_not_input_loops() {
        for fixed in [
            "0..8",
            "0u8..=u8::MAX",
            "(0u8..=u8::MAX)",
            "0..PANELS",
            "1..=Self::MAX_DEPTH",
            "[0, 3, 1, 4].into_iter().enumerate()",
            "[a, b]",
        ] {
            assert!(crate::body::fixed_count(fixed), "{fixed}");
        }
        for input in [
            "0..n",
            "0..self.len()",
            "rows",
            "lines.iter()",
            "[0; n].iter()",
            "[a, b].iter().chain(rest)",
            "x..",
            "..",
        ] {
            assert!(!crate::body::fixed_count(input), "{input}");
        }
        let all = heat_of(
            &[(
                "",
                "fn main() { let t = table(); for l in std::io::stdin().lines() { show(&t, l); } }\nfn table() -> Vec<String> { (0u8..=u8::MAX).map(|b| glyph(b)).collect() }\nfn glyph(b: u8) -> String { b.to_string() }\nfn show(t: &[String], l: std::io::Result<String>) { for i in 0..4 { cell(i); } }\nfn cell(i: u8) {}",
            )],
            true,
        );
        assert!(!matches!(rank(&all, "glyph"), Rank::Hot(_)), "{all:?}");
        assert_eq!(rank(&all, "cell"), rank(&all, "show"), "{all:?}");
    }

    /// A function that returns an error value is an error path, whoever
    /// calls it; one that returns a `Result` is not.
    #[test]
    fn functions_that_build_errors_are_cold() {
        let all = heat_of(
            &[(
                "",
                "struct ImportError; fn main() { for l in std::io::stdin().lines() { let _ = parse(l); } }\nfn parse(l: std::io::Result<String>) -> Result<u8, ImportError> { if l.is_err() { return Err(err(1)); } Ok(0) }\nfn err(n: u8) -> ImportError { ImportError }",
            )],
            true,
        );
        assert_eq!(
            rank(&all, "err"),
            Rank::Cold(ColdKind::ErrorPath),
            "{all:?}"
        );
        assert!(matches!(rank(&all, "parse"), Rank::Hot(_)), "{all:?}");
    }

    /// A retry loop runs once unless an attempt fails: what it calls takes
    /// its function's heat; a loop that goes on after a success is per pass.
    #[test]
    fn a_retry_loop_is_not_an_input_loop() {
        let all = heat_of(
            &[(
                "",
                "fn main() { save(); for l in std::io::stdin().lines() { drain(); } }\nfn save() { let mut tries = 0; loop { tries += 1; let name = fresh_name(); match create(&name) { Ok(f) => break, Err(e) if tries < 5 => {} Err(e) => return } } }\nfn drain() { loop { match step() { Ok(0) => break, Ok(n) => consume(n), Err(e) => {} } } }\nfn fresh_name() -> String { String::new() }\nfn create(n: &str) -> Result<u8, ()> { Ok(1) }\nfn step() -> Result<u8, ()> { Ok(0) }\nfn consume(n: u8) {}",
            )],
            true,
        );
        assert_eq!(rank(&all, "fresh_name"), rank(&all, "save"), "{all:?}");
        assert!(!matches!(rank(&all, "fresh_name"), Rank::Hot(_)), "{all:?}");
        assert_eq!(rank(&all, "consume"), Rank::Hot(2), "{all:?}");
    }

    /// `if first { header(); first = false; }` in a loop runs once; a flag
    /// that the loop sets back on (`pending = true`) keeps its branch per
    /// pass.
    #[test]
    fn a_first_pass_flag_runs_its_branch_once() {
        let all = heat_of(
            &[(
                "",
                "use std::io::Read;\nfn main() { run(std::io::stdin()); }\nfn run(mut r: impl Read) { let mut first = true; let mut pending = false; let mut buf = [0u8; 16]; loop { let n = r.read(&mut buf).unwrap_or(0); if n == 0 { break; } if first { header(); first = false; } if pending { flush(); pending = false; } if n > 8 { pending = true; } line(&buf[..n]); } }\nfn header() {}\nfn flush() {}\nfn line(b: &[u8]) {}",
            )],
            true,
        );
        assert!(matches!(rank(&all, "line"), Rank::Hot(_)), "{all:?}");
        assert!(matches!(rank(&all, "flush"), Rank::Hot(_)), "{all:?}");
        assert!(!matches!(rank(&all, "header"), Rank::Hot(_)), "{all:?}");
    }

    #[test]
    fn resource_usage_is_not_usage_text() {
        let all = heat_of(
            &[(
                "",
                "fn main() { loop { get_io_usage(); cpu_usage(); } print_usage(); }\nfn get_io_usage() -> u64 { 0 }\nfn cpu_usage() -> u64 { 0 }\nfn print_usage() { println!(\"usage: demo\"); }",
            )],
            true,
        );
        assert!(
            matches!(rank(&all, "get_io_usage"), Rank::Hot(_)),
            "{all:?}"
        );
        assert!(matches!(rank(&all, "cpu_usage"), Rank::Hot(_)), "{all:?}");
        assert_eq!(rank(&all, "print_usage"), Rank::Cold(ColdKind::Diagnostics));
    }

    #[test]
    fn error_paths_and_debug_impls_are_cold() {
        let all = heat_of(
            &[(
                "",
                "fn main() { for x in xs() { if bad(x) { return report(x); } step(x).map_err(|e| explain(e)); } }\nfn xs() -> Vec<u8> { vec![] }\nfn bad(x: u8) -> bool { false }\nfn report(x: u8) {}\nfn step(x: u8) -> Result<(), ()> { Ok(()) }\nfn explain(e: ()) {}\nstruct S; impl std::fmt::Debug for S { fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result { Ok(()) } }\nfn print_help() {}",
            )],
            true,
        );
        assert_eq!(
            rank(&all, "explain"),
            Rank::Cold(ColdKind::ErrorPath),
            "only in a map_err closure"
        );
        assert_eq!(rank(&all, "step"), Rank::Hot(1));
        assert_eq!(rank(&all, "S::fmt"), Rank::Cold(ColdKind::Diagnostics));
        assert_eq!(rank(&all, "print_help"), Rank::Cold(ColdKind::Diagnostics));
    }

    #[test]
    fn iterator_impls_are_hot_entries_and_recursion_ends() {
        let all = heat_of(
            &[(
                "",
                "pub struct P; impl Iterator for P { type Item = u8; fn next(&mut self) -> Option<u8> { self.token(); None } }\nimpl P { fn token(&mut self) { self.token(); walk(3); } }\nfn walk(n: u32) { if n > 0 { walk(n - 1); other(); } }\nfn other() { walk(1); }\nfn unused() {}",
            )],
            false,
        );
        assert_eq!(rank(&all, "P::next"), Rank::Hot(1));
        assert_eq!(rank(&all, "P::token"), Rank::Hot(1));
        assert_eq!(
            rank(&all, "walk"),
            Rank::Hot(1),
            "recursion and cycles terminate"
        );
        assert_eq!(rank(&all, "unused"), Rank::Unreached);
        let unused = &all.iter().find(|(p, ..)| p == "unused").unwrap().2;
        assert!(unused[0].contains("no caller"), "{unused:?}");
    }

    #[test]
    fn unresolvable_calls_and_macro_made_functions_degrade_to_unknown() {
        let all = heat_of(
            &[(
                "",
                "macro_rules! make { ($n:ident) => { fn $n() {} } }\nmake!(generated);\nfn main() { for x in xs() { undefined::thing(x); x.frobnicate(); Unknown::new().go(); generated(); (table()[0])(x); } }\nfn xs() -> Vec<u8> { vec![] }\nfn table() -> Vec<fn(u8)> { vec![] }\nfn only_through_a_pointer(x: u8) {}",
            )],
            true,
        );
        assert_eq!(rank(&all, "main"), Rank::Once);
        assert!(
            !all.iter().any(|(p, ..)| p == "generated"),
            "a function a macro defines is not an item memaudit can see: {all:?}"
        );
        assert_eq!(rank(&all, "only_through_a_pointer"), Rank::Unreached);
        let why = &all
            .iter()
            .find(|(p, ..)| p == "only_through_a_pointer")
            .unwrap()
            .2;
        assert!(
            why[0].contains("no caller") && why[0].contains("function pointer"),
            "an unknown caller is said, not guessed: {why:?}"
        );
    }

    #[test]
    fn long_call_chains_and_wide_cycles_stay_bounded() {
        // A generated file: 3,000 functions each calling the next, and a
        // cycle through 500 of them, called per element from main.
        let mut src =
            String::from("fn main() { for x in xs() { f0(x); } }\nfn xs() -> Vec<u8> { vec![] }\n");
        for i in 0..3000 {
            let next = if i == 2999 {
                "f2500".to_owned()
            } else {
                format!("f{}", i + 1)
            };
            src.push_str(&format!("fn f{i}(x: u8) {{ {next}(x); }}\n"));
        }
        let all = heat_of(&[("", &src)], true);
        assert_eq!(rank(&all, "f0"), Rank::Hot(1));
        assert_eq!(
            rank(&all, "f2999"),
            Rank::Hot(1),
            "heat travels the whole chain without amplification in the cycle"
        );
        let why = &all.iter().find(|(p, ..)| p == "f2999").unwrap().2;
        assert!(
            why.len() < 64,
            "the reasons chain is cut, not 3,000 lines long: {}",
            why.len()
        );
    }

    #[test]
    fn library_api_is_warm_and_callbacks_are_hot() {
        let all = heat_of(
            &[(
                "",
                "pub fn api(rows: &[u8]) { helper(); }\nfn helper() {}\npub fn serve() { route(\"/\", get(handle)); }\nasync fn handle() {}",
            )],
            false,
        );
        assert_eq!(rank(&all, "api"), Rank::Warm);
        assert_eq!(rank(&all, "helper"), Rank::Warm);
        assert_eq!(
            rank(&all, "handle"),
            Rank::Hot(1),
            "a handler registered with get(..) runs per request"
        );
    }

    #[test]
    fn a_pub_fn_of_a_private_module_takes_its_callers_heat() {
        let files: &[(&str, &str)] = &[
            (
                "",
                "mod writer; mod parts; pub mod open; pub use writer::Writer;
                 pub use parts::*;",
            ),
            (
                "writer",
                "pub struct Writer { header: State }
                 pub enum State { Write, Done }
                 impl Writer {
                     pub fn serialize(&mut self, row: &[u8]) {
                         if let State::Write = self.header {
                             write_header(row);
                             self.header = State::Done;
                         }
                         write_row(row);
                     }
                 }
                 pub fn write_header(row: &[u8]) { let _ = row.to_vec(); }
                 pub fn write_row(row: &[u8]) { let _ = row.to_vec(); }
                 pub fn orphan(row: &[u8]) { let _ = row.to_vec(); }",
            ),
            ("parts", "pub fn part(x: &[u8]) -> usize { x.len() }"),
            ("open", "pub fn opened(x: &[u8]) -> usize { x.len() }"),
        ];
        let all = heat_of(files, false);
        // `Writer` is re-exported: its methods are the crate's API.
        assert!(
            reasons(&all, "Writer::serialize")
                .iter()
                .any(|r| r.contains("public API")),
            "{all:?}"
        );
        // `write_row` is `pub` in the private `writer`: its heat is its
        // caller's, per call of `serialize`.
        assert!(
            reasons(&all, "write_row")
                .iter()
                .all(|r| !r.contains("entry: public API `write_row`")),
            "{all:?}"
        );
        assert!(
            reasons(&all, "write_row")
                .iter()
                .any(|r| r.contains("once per call from `Writer::serialize`")),
            "{all:?}"
        );
        // The header is written under a first-time guard: once.
        assert_eq!(rank(&all, "write_header"), Rank::Once, "{all:?}");
        // No caller found: the `pub` is the only evidence left.
        assert!(
            reasons(&all, "orphan")
                .iter()
                .any(|r| r.contains("public API")),
            "{all:?}"
        );
        // A glob re-export and a `pub mod` expose their functions.
        for f in ["part", "opened"] {
            assert!(
                reasons(&all, f).iter().any(|r| r.contains("public API")),
                "{f}: {all:?}"
            );
        }
    }

    #[test]
    fn only_a_branch_that_always_changes_its_guard_runs_once() {
        let all = heat_of(
            &[(
                "",
                "pub struct Table { rows: Vec<u32>, first: bool }
                 impl Table {
                     pub fn draw(&mut self) {
                         if !self.rows.is_empty() || !self.first {
                             if self.first {
                                 self.first = false;
                                 reset();
                             }
                             paint(&self.rows);
                         }
                     }
                 }
                 fn reset() { let _ = vec![0u8; 4]; }
                 fn paint(rows: &[u32]) { let _ = rows.to_vec(); }",
            )],
            false,
        );
        assert_eq!(rank(&all, "reset"), Rank::Once, "{all:?}");
        assert_ne!(
            rank(&all, "paint"),
            Rank::Once,
            "the outer branch runs on every draw: {all:?}"
        );
    }

    #[test]
    fn a_call_in_a_branch_that_ends_the_process_runs_once() {
        let all = heat_of(
            &[(
                "",
                "fn main() {
                     loop {
                         match next_key() {
                             'q' => {
                                 print_summary();
                                 std::process::exit(0);
                             }
                             _ => draw(),
                         }
                     }
                 }
                 fn next_key() -> char { 'q' }
                 fn print_summary() { let _ = format!(\"{}\", 1); }
                 fn draw() { let _ = format!(\"{}\", 2); }",
            )],
            true,
        );
        // Once per process (here then pinned as a run-once printing mode).
        assert!(
            matches!(rank(&all, "print_summary"), Rank::Once | Rank::Cold(_)),
            "{all:?}"
        );
        assert!(matches!(rank(&all, "draw"), Rank::Hot(_)), "{all:?}");
    }

    fn reasons(all: &[(String, Rank, Vec<String>)], path: &str) -> Vec<String> {
        all.iter()
            .find(|(p, _, _)| p == path)
            .map(|(_, _, r)| r.clone())
            .unwrap_or_default()
    }
}
