//! The workspace call graph: every function and method of every file in
//! scope, and the calls between them, resolved through paths, `use`
//! declarations, `impl` blocks, trait impls and method names (with the
//! receiver's type where the code tells it).
//!
//! A call that matches several functions (a method name on a receiver of
//! unknown type) is kept as several edges with a lower confidence, not
//! dropped; a call that matches nothing in the workspace (std, a dependency,
//! a macro-generated function) is counted on its caller as unresolved.
//!
//! This module must NOT judge how hot anything is ([`crate::hotness`] does)
//! and must NOT read files: it works on [`FileFacts`] only.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use smol_str::SmolStr;

use crate::body::{CallSite, Callee, Origin};
use crate::items::FileFacts;

/// What kind of target a file belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum TargetKind {
    #[default]
    Lib,
    Bin,
    Test,
    Bench,
    Example,
    Build,
    /// A file in no target's module tree (found by walking the folder).
    Stray,
}

impl TargetKind {
    /// A guess from a workspace-relative path alone, for a file analysed
    /// outside a discovered workspace (discovery knows the real targets).
    pub fn guess(path: &str) -> TargetKind {
        let p = format!("/{path}");
        if p.contains("/tests/") {
            TargetKind::Test
        } else if p.contains("/benches/") {
            TargetKind::Bench
        } else if p.contains("/examples/") {
            TargetKind::Example
        } else if p.ends_with("/build.rs") && !p.contains("/src/") {
            TargetKind::Build
        } else if p.ends_with("/src/main.rs") || p.contains("/src/bin/") {
            TargetKind::Bin
        } else {
            TargetKind::Lib
        }
    }
}

/// One file as the graph sees it.
pub struct GraphFile<'f> {
    /// The crate's name as code spells it (`-` → `_`).
    pub crate_ident: SmolStr,
    /// The module path of the file inside its crate (`[]` for a root).
    pub module: Vec<SmolStr>,
    pub target: TargetKind,
    /// Workspace-relative path, for reasons.
    pub path: &'f str,
    pub facts: &'f FileFacts,
    /// Why the whole file is cold (a test or bench file, an example, a
    /// build script, a module declared under `#[cfg(test)]`, a developer
    /// tool), when it is.
    pub cold: Option<(memaudit_model::ColdKind, String)>,
    /// The crate has a library target: its public functions are entry
    /// points called by code outside the workspace.
    pub lib_crate: bool,
    /// The crate also has a binary target: its `main` drives the code, and
    /// the library's public API is an entry only where `main` does not
    /// reach.
    pub bin_crate: bool,
}

/// A function: file index and function index within the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FnId {
    pub file: u32,
    pub func: u32,
}

/// How sure the graph is that a call reaches a function.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Confidence {
    /// One candidate among several with the same method name.
    Ambiguous,
    /// Matched by name within the caller's crate or module.
    ByName,
    /// Resolved through a path, an import, `self` or a known receiver type.
    Resolved,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edge {
    pub from: FnId,
    pub to: FnId,
    /// Index of the call in the caller's `facts.calls`.
    pub call: u32,
    pub confidence: Confidence,
}

/// The graph: nodes are all functions of all files, edges the resolved calls.
pub struct CallGraph {
    pub edges: Vec<Edge>,
    /// Edge indexes by callee.
    pub incoming: HashMap<FnId, Vec<u32>>,
    /// Calls per function that matched nothing in the workspace.
    pub unresolved: HashMap<FnId, u32>,
    /// Counts for reports: calls seen, resolved, ambiguous.
    pub stats: GraphStats,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GraphStats {
    pub functions: u32,
    pub calls: u32,
    pub resolved: u32,
    pub ambiguous: u32,
    pub unresolved: u32,
}

/// Method names so common on std types that a call on a receiver of
/// unknown type says nothing about the workspace's methods of that name.
const STD_METHOD_NAMES: &[&str] = &[
    "new",
    "default",
    "clone",
    "len",
    "is_empty",
    "push",
    "pop",
    "get",
    "get_mut",
    "insert",
    "remove",
    "contains",
    "contains_key",
    "iter",
    "iter_mut",
    "into_iter",
    "next",
    "map",
    "filter",
    "collect",
    "unwrap",
    "expect",
    "to_string",
    "to_owned",
    "as_str",
    "as_ref",
    "as_mut",
    "borrow",
    "borrow_mut",
    "lock",
    "read",
    "write",
    "flush",
    "send",
    "recv",
    "fmt",
    "eq",
    "ne",
    "cmp",
    "partial_cmp",
    "hash",
    "from",
    "into",
    "try_from",
    "try_into",
    "extend",
    "clear",
    "drain",
    "take",
    "replace",
    "join",
    "split",
    "trim",
    "parse",
    "entry",
    "keys",
    "values",
    "first",
    "last",
    "sort",
    "sort_by",
    "sort_by_key",
    "find",
    "any",
    "all",
    "count",
    "sum",
    "max",
    "min",
    "and_then",
    "ok",
    "err",
    "ok_or",
    "unwrap_or",
    "unwrap_or_default",
    "unwrap_or_else",
    "is_some",
    "is_none",
    "is_ok",
    "is_err",
    "to_vec",
    "append",
    "truncate",
    "reserve",
    "with_capacity",
    "capacity",
    "as_bytes",
    "chars",
    "bytes",
    "lines",
    "starts_with",
    "ends_with",
    "drop",
    "close",
    "run",
    "build",
    "call",
    "poll",
    "start",
    "stop",
    "set",
    "update",
    "apply",
    "add",
    "sub",
    "mul",
    "div",
    "index",
    "deref",
    "deref_mut",
    "display",
    "as_slice",
    "with",
    "wait",
    "spawn",
    "kind",
    "name",
    "id",
    "value",
    "path",
    "data",
    "size",
    "reset",
];

/// Associated functions that derives and std traits generate for a type and
/// that return `Self`: clap's `Parser`, `Default`, `FromArgs`-style parsers.
const DERIVED_CONSTRUCTORS: &[&str] = &[
    "parse",
    "try_parse",
    "parse_from",
    "try_parse_from",
    "from_args",
    "from_env",
    "default",
];

/// The type `Type::f(..)` builds when `f` is a derived constructor
/// (`Self` is the caller's own type).
fn derived_constructor(origin: &[SmolStr], self_ty: Option<&SmolStr>) -> Option<SmolStr> {
    let [.., owner, f] = origin else { return None };
    if !DERIVED_CONSTRUCTORS.contains(&f.as_str()) {
        return None;
    }
    match owner.as_str() {
        "Self" => self_ty.cloned(),
        o if o.starts_with(char::is_uppercase) => Some(owner.clone()),
        _ => None,
    }
}

/// Ambiguous method calls with more candidates than this are treated as
/// unresolved: a name that common says nothing.
const MAX_CANDIDATES: usize = 6;

struct Symbols<'f> {
    files: &'f [GraphFile<'f>],
    /// (crate, fn name) → module path → free functions (the module is the
    /// inner key so that a look-up borrows the path it has, unallocated).
    free: HashMap<(SmolStr, SmolStr), HashMap<Vec<SmolStr>, Vec<FnId>>>,
    /// (type name, method name) → methods (inherent and trait impls).
    methods: HashMap<(SmolStr, SmolStr), Vec<FnId>>,
    /// method name → methods of any type.
    by_method: HashMap<SmolStr, Vec<FnId>>,
    /// (crate, fn name) → free functions anywhere in the crate.
    by_name_in_crate: HashMap<(SmolStr, SmolStr), Vec<FnId>>,
    /// trait name → the types implementing it.
    implementors: HashMap<SmolStr, Vec<SmolStr>>,
    /// (trait name, method name) → the methods of that trait's impls for
    /// the trait's implementors: what [`Symbols::imported_trait_method`]
    /// reads for every untyped method call (looked up once per trait, not
    /// once per implementor and call).
    trait_methods: HashMap<(SmolStr, SmolStr), Vec<FnId>>,
    /// type name → the traits it implements.
    traits_of: HashMap<SmolStr, Vec<SmolStr>>,
    /// The names of the workspace's structs, enums and impl'd types.
    types: HashSet<SmolStr>,
    /// (enum, variant) → the type of the one value the variant carries
    /// (several when enums of one name in different modules disagree).
    payloads: HashMap<(SmolStr, SmolStr), Vec<SmolStr>>,
    /// The workspace's crates (as identifiers), asked of every path's
    /// first segment.
    crates: HashSet<SmolStr>,
    /// The names of the methods the workspace's traits give under the
    /// trait's own name (default methods): [`Symbols::trait_defaults`],
    /// asked of most method calls, looks no further for any other name.
    trait_fn_names: HashSet<SmolStr>,
    /// (crate, module path) → the file that is that module, for the names
    /// it re-exports (`pub use tree::aggregate_tree;` in `lib.rs`).
    modules: HashMap<SmolStr, HashMap<Vec<SmolStr>, u32>>,
    /// Per file: some function of it is nested in another.
    nested: Vec<bool>,
    /// Per file: the workspace traits it imports by name (`use
    /// crate::column::Column;`), for method calls on receivers the walk
    /// could not type.
    own_traits: Vec<Vec<SmolStr>>,
}

impl<'f> Symbols<'f> {
    fn build(files: &'f [GraphFile<'f>]) -> Symbols<'f> {
        let mut s = Symbols {
            files,
            free: HashMap::default(),
            methods: HashMap::default(),
            by_method: HashMap::default(),
            by_name_in_crate: HashMap::default(),
            implementors: HashMap::default(),
            trait_methods: HashMap::default(),
            traits_of: HashMap::default(),
            payloads: HashMap::default(),
            types: HashSet::default(),
            crates: HashSet::default(),
            trait_fn_names: HashSet::default(),
            own_traits: Vec::new(),
            modules: HashMap::default(),
            nested: files
                .iter()
                .map(|f| f.facts.fns.iter().any(|g| g.parent.is_some()))
                .collect(),
        };
        for file in files {
            for i in &file.facts.impls {
                if let Some(t) = &i.trait_name {
                    s.implementors
                        .entry(t.clone())
                        .or_default()
                        .push(i.self_ty.clone());
                    s.traits_of
                        .entry(i.self_ty.clone())
                        .or_default()
                        .push(t.clone());
                }
            }
        }
        for (fi, file) in files.iter().enumerate() {
            s.crates.insert(file.crate_ident.clone());
            let slot = s
                .modules
                .entry(file.crate_ident.clone())
                .or_default()
                .entry(file.module.clone())
                .or_insert(fi as u32);
            // Every target of a package is a root module under the
            // package's name here; `just::run` from the binary names the
            // library's root, not the build script's, which sorts first.
            if file.target == TargetKind::Lib && files[*slot as usize].target != TargetKind::Lib {
                *slot = fi as u32;
            }
            for (ni, f) in file.facts.fns.iter().enumerate() {
                let id = FnId {
                    file: fi as u32,
                    func: ni as u32,
                };
                match &f.self_ty {
                    Some(ty) => {
                        s.methods
                            .entry((ty.clone(), f.name.clone()))
                            .or_default()
                            .push(id);
                        s.by_method.entry(f.name.clone()).or_default().push(id);
                    }
                    None if f.parent.is_none() => {
                        let mut module = file.module.clone();
                        module.extend(f.module.iter().cloned());
                        s.free
                            .entry((file.crate_ident.clone(), f.name.clone()))
                            .or_default()
                            .entry(module)
                            .or_default()
                            .push(id);
                        s.by_name_in_crate
                            .entry((file.crate_ident.clone(), f.name.clone()))
                            .or_default()
                            .push(id);
                    }
                    None => {}
                }
            }
        }
        // A trait's impls' methods, for the implementors listed under it:
        // the methods `implementors` and `methods` give, whose trait is it.
        let implemented: HashSet<(&SmolStr, &SmolStr)> = s
            .implementors
            .iter()
            .flat_map(|(tr, types)| types.iter().map(move |t| (tr, t)))
            .collect();
        let mut trait_methods: HashMap<(SmolStr, SmolStr), Vec<FnId>> = HashMap::default();
        for (fi, file) in files.iter().enumerate() {
            for (ni, f) in file.facts.fns.iter().enumerate() {
                let (Some(ty), Some(tr)) = (&f.self_ty, &f.trait_name) else {
                    continue;
                };
                if implemented.contains(&(tr, ty)) {
                    trait_methods
                        .entry((tr.clone(), f.name.clone()))
                        .or_default()
                        .push(FnId {
                            file: fi as u32,
                            func: ni as u32,
                        });
                }
            }
        }
        s.trait_methods = trait_methods;
        s.types = s.methods.keys().map(|(t, _)| t.clone()).collect();
        for file in files {
            for t in &file.facts.types {
                s.types.insert(t.name.clone());
                for (variant, ty) in t.payloads.iter() {
                    let v = s
                        .payloads
                        .entry((t.name.clone(), variant.clone()))
                        .or_default();
                    if !v.contains(ty) {
                        v.push(ty.clone());
                    }
                }
            }
        }
        s.trait_fn_names = s
            .methods
            .keys()
            .filter(|(t, _)| s.implementors.contains_key(t))
            .map(|(_, name)| name.clone())
            .collect();
        // Only the workspace's own traits: a std or dependency trait
        // (`use std::io::Write`) says nothing about which workspace method a
        // `.write(..)` on an untyped receiver calls.
        s.own_traits = files
            .iter()
            .map(|file| {
                file.facts
                    .imports
                    .iter()
                    .filter(|imp| {
                        imp.path.first().is_some_and(|root| {
                            matches!(root.as_str(), "crate" | "self" | "super")
                                || s.crates.contains(root)
                        })
                    })
                    .filter_map(|imp| imp.path.last())
                    .filter(|t| s.implementors.contains_key(*t))
                    .cloned()
                    .collect()
            })
            .collect();
        s
    }

    /// The free functions `name` in `module` of `krate`.
    fn free_fn(&self, krate: &SmolStr, module: &[SmolStr], name: &SmolStr) -> Option<&Vec<FnId>> {
        self.free.get(&(krate.clone(), name.clone()))?.get(module)
    }

    /// The module a function is in: the file's module plus inline modules.
    fn module_of(&self, id: FnId) -> Vec<SmolStr> {
        let file = &self.files[id.file as usize];
        let mut m = file.module.clone();
        m.extend(file.facts.fns[id.func as usize].module.iter().cloned());
        m
    }

    /// Expands `path` written in module `module` of `file` through `use`
    /// declarations, `self`, `super`, `crate` and crate names, to
    /// (crate, absolute segments).
    fn absolute(
        &self,
        file: &GraphFile<'_>,
        within: &[SmolStr],
        module: &[SmolStr],
        path: &[SmolStr],
    ) -> Option<(SmolStr, Vec<SmolStr>)> {
        self.absolute_at(file, within, module, path, 0)
    }

    fn absolute_at(
        &self,
        file: &GraphFile<'_>,
        within: &[SmolStr],
        module: &[SmolStr],
        path: &[SmolStr],
        depth: u8,
    ) -> Option<(SmolStr, Vec<SmolStr>)> {
        // `use a::a;` and re-export chains could expand forever.
        if depth > 8 {
            return None;
        }
        let first = path.first()?;
        let krate = file.crate_ident.clone();
        match first.as_str() {
            "crate" => Some((krate, path[1..].to_vec())),
            "self" => {
                let mut m = module.to_vec();
                m.extend(path[1..].iter().cloned());
                Some((krate, m))
            }
            "super" => {
                let mut m = module.to_vec();
                let mut rest = path;
                while rest.first().is_some_and(|s| s == "super") {
                    m.pop();
                    rest = &rest[1..];
                }
                m.extend(rest.iter().cloned());
                Some((krate, m))
            }
            _ => {
                // An import whose alias is the first segment (the alias
                // first: it rules out nearly every import at once). An
                // import never resolves through itself: in `mod run; pub use
                // run::run;` the first `run` is the module, and `use foo;`
                // of a crate is left to the crate check.
                if let Some(imp) = file.facts.imports.iter().find(|i| {
                    i.alias == *first
                        && i.path.first() != Some(first)
                        && within.starts_with(&i.within)
                }) {
                    let mut full = imp.path.clone();
                    full.extend(path[1..].iter().cloned());
                    return self.absolute_at(file, within, module, &full, depth + 1);
                }
                let ident = if first.contains('-') {
                    SmolStr::new(first.replace('-', "_"))
                } else {
                    first.clone()
                };
                if self.crates.contains(&ident) {
                    return Some((ident, path[1..].to_vec()));
                }
                // Relative to the current module.
                let mut m = module.to_vec();
                m.extend(path.iter().cloned());
                Some((krate, m))
            }
        }
    }

    /// The default methods `name` of the traits `ty` implements.
    fn trait_defaults(&self, ty: &SmolStr, name: &SmolStr) -> Vec<FnId> {
        if !self.trait_fn_names.contains(name) {
            return Vec::new();
        }
        self.traits_of
            .get(ty)
            .into_iter()
            .flatten()
            .filter_map(|t| self.methods.get(&(t.clone(), name.clone())))
            .flatten()
            .copied()
            .collect()
    }

    /// The method `name` of the traits `traits` and of every type that
    /// implements one of them — what a call on `Self` in a trait's default
    /// method, or on a generic parameter bounded by the traits, may run —
    /// or `None` when none is known.
    fn implementations<'t>(
        &self,
        traits: impl IntoIterator<Item = &'t SmolStr>,
        name: &SmolStr,
    ) -> Option<(Vec<FnId>, Confidence)> {
        let mut hits: Vec<FnId> = Vec::new();
        for tr in traits {
            if let Some(v) = self.methods.get(&(tr.clone(), name.clone())) {
                hits.extend(v.iter().copied());
            }
            for t in self.implementors.get(tr).into_iter().flatten() {
                if let Some(v) = self.methods.get(&(t.clone(), name.clone())) {
                    hits.extend(v.iter().copied());
                }
            }
        }
        hits.sort();
        hits.dedup();
        if hits.is_empty() {
            return None;
        }
        let conf = if hits.len() == 1 {
            Confidence::Resolved
        } else {
            Confidence::Ambiguous
        };
        Some((hits, conf))
    }

    /// The functions `call` in `caller` may run, `module` being the
    /// caller's ([`Symbols::module_of`]: built once per function, not once
    /// per call).
    fn resolve(
        &self,
        caller: FnId,
        module: &[SmolStr],
        call: &CallSite,
    ) -> (Vec<FnId>, Confidence) {
        let file = &self.files[caller.file as usize];
        let f = &file.facts.fns[caller.func as usize];
        let within = &f.module;
        match &call.callee {
            Callee::Path(path) => {
                let Some(name) = path.last() else {
                    return (Vec::new(), Confidence::Resolved);
                };
                if path.len() == 1 {
                    // A function nested in the caller (or in a function it
                    // is nested in), then the same module, then an import,
                    // then a glob import's module, then anywhere in the
                    // crate by name.
                    // (A file without nested functions has none to look at.)
                    let mut scope_fn =
                        Some(caller.func).filter(|_| self.nested[caller.file as usize]);
                    while let Some(parent) = scope_fn {
                        if let Some(ni) = file
                            .facts
                            .fns
                            .iter()
                            .position(|g| g.parent == Some(parent) && g.name == *name)
                        {
                            return (
                                vec![FnId {
                                    file: caller.file,
                                    func: ni as u32,
                                }],
                                Confidence::Resolved,
                            );
                        }
                        scope_fn = file.facts.fns[parent as usize].parent;
                    }
                    if let Some(v) = self.free_fn(&file.crate_ident, module, name) {
                        return (v.clone(), Confidence::Resolved);
                    }
                    if let Some((krate, abs)) = self.absolute(file, within, module, path) {
                        if let Some(hit) = self.lookup_path(&krate, &abs) {
                            return (hit, Confidence::Resolved);
                        }
                    }
                    for glob in file
                        .facts
                        .imports
                        .iter()
                        .filter(|i| i.alias == "*" && within.starts_with(&i.within))
                    {
                        let mut p = glob.path.clone();
                        p.push(name.clone());
                        if let Some((krate, abs)) = self.absolute(file, within, module, &p) {
                            if let Some(hit) = self.lookup_path(&krate, &abs) {
                                return (hit, Confidence::Resolved);
                            }
                        }
                    }
                    if let Some(v) = self
                        .by_name_in_crate
                        .get(&(file.crate_ident.clone(), name.clone()))
                    {
                        if v.len() <= MAX_CANDIDATES {
                            let conf = if v.len() == 1 {
                                Confidence::ByName
                            } else {
                                Confidence::Ambiguous
                            };
                            return (v.clone(), conf);
                        }
                    }
                    return (Vec::new(), Confidence::Resolved);
                }
                // `Self::f`, `Type::f`.
                let owner = &path[path.len() - 2];
                let owner = if owner == "Self" {
                    f.self_ty.clone().unwrap_or_else(|| owner.clone())
                } else {
                    owner.clone()
                };
                // `Self::f` in a trait's default method: every implementor's `f`.
                if f.in_trait_def && path[path.len() - 2] == "Self" {
                    if let Some(hit) = self.implementations([&owner], name) {
                        return hit;
                    }
                }
                if owner.starts_with(char::is_uppercase) {
                    if let Some(v) = self.methods.get(&(owner.clone(), name.clone())) {
                        let conf = if v.len() == 1 {
                            Confidence::Resolved
                        } else {
                            Confidence::Ambiguous
                        };
                        return (v.clone(), conf);
                    }
                    // `Type::f` for a default method of a trait `Type` implements.
                    let hits = self.trait_defaults(&owner, name);
                    if !hits.is_empty() {
                        return (hits, Confidence::Resolved);
                    }
                }
                if let Some((krate, abs)) = self.absolute(file, within, module, path) {
                    if let Some(hit) = self.lookup_path(&krate, &abs) {
                        return (hit, Confidence::Resolved);
                    }
                }
                (Vec::new(), Confidence::Resolved)
            }
            Callee::Method {
                name,
                receiver,
                on_self,
                receiver_from,
            } => {
                let from_origin = || -> Option<SmolStr> {
                    // The receiver holds the result of a workspace function
                    // (its declared return type says what the receiver is),
                    // or of methods called on one, step by step.
                    let (origin, steps): (&[SmolStr], &[SmolStr]) = match receiver_from
                        .as_deref()?
                    {
                        Origin::Call(path) => (path, &[]),
                        Origin::Chain(path, steps) => (path, steps),
                        // A local of a known type: its methods, step by step.
                        Origin::Typed(ty, steps) => return self.walk_steps(ty.clone(), steps),
                        // The value an enum's variant carries.
                        Origin::Payload(path) => {
                            let [.., owner, variant] = path.as_slice() else {
                                return None;
                            };
                            let owner = match owner.as_str() {
                                "Self" => f.self_ty.clone()?,
                                _ => owner.clone(),
                            };
                            return match self.payloads.get(&(owner, variant.clone()))?.as_slice() {
                                [ty] => Some(ty.clone()),
                                _ => None,
                            };
                        }
                    };
                    let call = CallSite {
                        callee: Callee::Path(origin.to_vec()),
                        ..call.clone()
                    };
                    let (targets, _) = self.resolve(caller, module, &call);
                    let ty = match targets.as_slice() {
                        [target] => self.ret_type(*target)?,
                        // `Cmd::parse()`, `Config::default()`: a derived or
                        // std trait's constructor of a workspace type, which
                        // the workspace does not write out, gives that type.
                        _ => derived_constructor(origin, f.self_ty.as_ref())
                            .or_else(|| self.foreign_owner(origin))?,
                    };
                    self.walk_steps(ty, steps)
                };
                let ty = if *on_self {
                    f.self_ty.clone()
                } else {
                    receiver
                        .as_ref()
                        .and_then(|t| {
                            let mut t = t.peel_refs();
                            // Smart pointers dispatch to what they point to.
                            while let crate::View::Boxed(inner) | crate::View::Shared(inner) =
                                t.view()
                            {
                                t = inner.peel_refs();
                            }
                            if let crate::Ty::Dyn(traits) | crate::Ty::Impl(traits) = t {
                                return traits
                                    .first()
                                    .map(|tr| SmolStr::new(tr.split('<').next().unwrap_or(tr)));
                            }
                            match t {
                                // `impl Ext for [u8]`, `impl Ext for str`.
                                crate::Ty::Slice(_) | crate::Ty::Array(..) => {
                                    Some(SmolStr::new(t.to_string()))
                                }
                                _ => t.name().map(SmolStr::new),
                            }
                        })
                        .or_else(from_origin)
                };
                if let Some(ty) = ty {
                    // `self.f()` in a trait's default method: every implementor's `f`.
                    if *on_self && f.in_trait_def {
                        if let Some(hit) = self.implementations([&ty], name) {
                            return hit;
                        }
                    }
                    if let Some(v) = self.methods.get(&(ty.clone(), name.clone())) {
                        return (v.clone(), Confidence::Resolved);
                    }
                    // A generic parameter: the methods of its bounds' implementors.
                    if let Some((_, bounds)) = f.generics.iter().find(|(n, _)| *n == ty) {
                        if let Some(hit) = self.implementations(bounds, name) {
                            return hit;
                        }
                    }
                    // A trait object (or a trait's name): every implementor's
                    // method of that name.
                    if let Some(types) = self.implementors.get(&ty) {
                        let mut hits: Vec<FnId> = types
                            .iter()
                            .filter_map(|t| self.methods.get(&(t.clone(), name.clone())))
                            .flatten()
                            .copied()
                            .collect();
                        hits.sort();
                        hits.dedup();
                        if !hits.is_empty() {
                            let conf = if hits.len() == 1 {
                                Confidence::Resolved
                            } else {
                                Confidence::Ambiguous
                            };
                            return (hits, conf);
                        }
                    }
                    // A default method of a trait the type implements.
                    let hits = self.trait_defaults(&ty, name);
                    if !hits.is_empty() {
                        return (hits, Confidence::Resolved);
                    }
                    if receiver.is_some() || *on_self || receiver_from.is_some() {
                        // The type is known and has no such method here: a
                        // method of std or a dependency.
                        return (Vec::new(), Confidence::Resolved);
                    }
                }
                // A method of a trait the caller's file imports (`use
                // crate::column::Column;` then `c.column.add(p)` on a
                // `Box<dyn Column>` the walk could not type): the trait is in
                // scope to be called, so every implementor's method of that
                // name is a candidate — even for a name std uses too.
                if let Some(hit) = self.imported_trait_method(caller, name) {
                    return hit;
                }
                if STD_METHOD_NAMES.contains(&name.as_str()) {
                    return (Vec::new(), Confidence::Resolved);
                }
                match self.by_method.get(name) {
                    Some(v) if v.len() == 1 => (v.clone(), Confidence::ByName),
                    Some(v) if v.len() <= MAX_CANDIDATES => (v.clone(), Confidence::Ambiguous),
                    _ => (Vec::new(), Confidence::Resolved),
                }
            }
        }
    }

    /// The type a chain of `steps` (method names) called on a `ty` gives,
    /// each step through the workspace method of that name on the type
    /// before it.
    fn walk_steps(&self, mut ty: SmolStr, steps: &[SmolStr]) -> Option<SmolStr> {
        for (i, step) in steps.iter().enumerate() {
            if !self.types.contains(&ty) {
                // `lock.entry(k).or_insert_with(Language::new)`: a container
                // gives back what it holds, which may be the workspace's.
                if steps[i..]
                    .iter()
                    .any(|s| crate::names::is_in(s, crate::names::CONTAINED_ACCESS))
                {
                    return None;
                }
                // `OpenOptions::new().write(true).open(p)`: a chain on a type
                // the workspace does not define stays outside it; no
                // workspace method of the same name is called.
                return Some(ty);
            }
            match self
                .methods
                .get(&(ty.clone(), step.clone()))
                .map(Vec::as_slice)
            {
                Some([m]) => ty = self.ret_type(*m)?,
                _ => return None,
            }
        }
        Some(ty)
    }

    /// The type a function returns, seen through `Option`, `Result` and
    /// smart pointers (`Self` is the method's own type).
    fn ret_type(&self, target: FnId) -> Option<SmolStr> {
        let g = &self.files[target.file as usize].facts.fns[target.func as usize];
        let mut ret = g.sig.ret.as_ref()?.peel_refs();
        while let Some("Option" | "Result" | "Box" | "Rc" | "Arc") = ret.name() {
            ret = ret.args().first()?.peel_refs();
        }
        match ret.name()? {
            "Self" => g.self_ty.clone(),
            n => Some(SmolStr::new(n)),
        }
    }

    /// `Type` of a call `Type::f(..)` the workspace does not resolve, when
    /// the workspace defines no type of that name (`OpenOptions::new()`).
    fn foreign_owner(&self, path: &[SmolStr]) -> Option<SmolStr> {
        let [.., owner, _] = path else { return None };
        (owner.starts_with(char::is_uppercase) && owner != "Self" && !self.types.contains(owner))
            .then(|| owner.clone())
    }

    /// The implementors' methods `name` of the workspace traits that the
    /// caller's file imports by name, when any has one.
    fn imported_trait_method(
        &self,
        caller: FnId,
        name: &SmolStr,
    ) -> Option<(Vec<FnId>, Confidence)> {
        let mut hits: Vec<FnId> = Vec::new();
        for trait_name in self.own_traits.get(caller.file as usize)? {
            // Only the methods of the trait's impls, not an implementor's
            // inherent method of the same name.
            if let Some(v) = self.trait_methods.get(&(trait_name.clone(), name.clone())) {
                hits.extend_from_slice(v);
            }
        }
        hits.sort();
        hits.dedup();
        match hits.len() {
            0 => None,
            1 => Some((hits, Confidence::ByName)),
            n if n <= MAX_CANDIDATES => Some((hits, Confidence::Ambiguous)),
            // A trait with more implementors, called on untyped receivers
            // all over a workspace, costs an edge per implementor per call:
            // on the 1M-line benchmark 64 candidates added 5-10 MB to the
            // peak. Left unresolved, like a common name.
            _ => None,
        }
    }

    /// A free function at an absolute path, or a method `Type::name` whose
    /// type is the path's second-to-last segment.
    fn lookup_path(&self, krate: &SmolStr, abs: &[SmolStr]) -> Option<Vec<FnId>> {
        self.lookup_at(krate, abs, 0)
    }

    fn lookup_at(&self, krate: &SmolStr, abs: &[SmolStr], depth: u8) -> Option<Vec<FnId>> {
        let (name, module) = abs.split_last()?;
        if let Some(v) = self.free_fn(krate, module, name) {
            return Some(v.clone());
        }
        if let Some(owner) = module.last() {
            if owner.starts_with(char::is_uppercase) {
                if let Some(v) = self.methods.get(&(owner.clone(), name.clone())) {
                    return Some(v.clone());
                }
            }
        }
        self.reexported(krate, module, name, depth)
    }

    /// A function that module `module` of `krate` re-exports under `name`
    /// (`pub use tree::{aggregate_tree, ..};` or `pub use tree::*;` in
    /// `lib.rs`), so that `dua::aggregate_tree(..)` from a binary reaches
    /// `tree::aggregate_tree`. Chains of re-exports are followed a few
    /// levels deep.
    fn reexported(
        &self,
        krate: &SmolStr,
        module: &[SmolStr],
        name: &SmolStr,
        depth: u8,
    ) -> Option<Vec<FnId>> {
        if depth >= 4 {
            return None;
        }
        let fi = *self.modules.get(krate)?.get(module)?;
        let file = &self.files[fi as usize];
        let top = file.facts.imports.iter().filter(|i| i.within.is_empty());
        let named = top
            .clone()
            .find(|i| i.alias == *name)
            .map(|i| i.path.clone());
        let globs = top.filter(|i| i.alias == "*").map(|i| {
            let mut p = i.path.clone();
            p.push(name.clone());
            p
        });
        named.into_iter().chain(globs).find_map(|path| {
            let (k, abs) = self.absolute_at(file, &[], &file.module, &path, depth + 1)?;
            if k == *krate && abs.as_slice() == [module, std::slice::from_ref(name)].concat() {
                return None;
            }
            self.lookup_at(&k, &abs, depth + 1)
        })
    }
}

/// Builds the call graph of `files`.
pub fn build(files: &[GraphFile<'_>]) -> CallGraph {
    let symbols = Symbols::build(files);
    let mut g = CallGraph {
        edges: Vec::new(),
        incoming: HashMap::default(),
        unresolved: HashMap::default(),
        stats: GraphStats::default(),
    };
    for (fi, file) in files.iter().enumerate() {
        for (ni, f) in file.facts.fns.iter().enumerate() {
            g.stats.functions += 1;
            let caller = FnId {
                file: fi as u32,
                func: ni as u32,
            };
            let module = symbols.module_of(caller);
            for (ci, call) in f.facts.calls.iter().enumerate() {
                g.stats.calls += 1;
                let (targets, confidence) = symbols.resolve(caller, &module, call);
                if targets.is_empty() {
                    g.stats.unresolved += 1;
                    *g.unresolved.entry(caller).or_default() += 1;
                    continue;
                }
                if confidence == Confidence::Ambiguous {
                    g.stats.ambiguous += 1;
                } else {
                    g.stats.resolved += 1;
                }
                for to in targets {
                    if to == caller {
                        // Recursion runs as often as the outside calls
                        // (per node of the structure it walks): the
                        // function's heat comes from its other callers.
                        continue;
                    }
                    let idx = g.edges.len() as u32;
                    g.edges.push(Edge {
                        from: caller,
                        to,
                        call: ci as u32,
                        confidence,
                    });
                    g.incoming.entry(to).or_default().push(idx);
                }
            }
        }
    }
    g
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::body::Syntax;
    use crate::items::{gather, FileContext};

    /// Facts of each `(module path, source)`, gathered as one crate.
    pub(crate) fn facts_of(files: &[(&str, &str)]) -> Vec<FileFacts> {
        files
            .iter()
            .map(|(_, src)| {
                let file = crate::parse::parse_source("x.rs", src).unwrap().tree;
                let mut syntax = Syntax::default();
                let f = gather(&file, &FileContext::default(), &mut syntax);
                drop(syntax);
                proc_macro2::extra::invalidate_current_thread_spans();
                f
            })
            .collect()
    }

    /// The hotness of a one-file binary crate made of `src`, handed to `f`.
    pub(crate) fn with_bin<R>(src: &str, f: impl FnOnce(&crate::hotness::Hotness<'_>) -> R) -> R {
        let files = [("", src)];
        let facts = facts_of(&files);
        let mut gf = graph_files(&files, &facts);
        gf[0].target = TargetKind::Bin;
        gf[0].lib_crate = false;
        f(&crate::hotness::Hotness::analyze(&gf))
    }

    pub(crate) fn graph_files<'f>(
        files: &'f [(&str, &str)],
        facts: &'f [FileFacts],
    ) -> Vec<GraphFile<'f>> {
        files
            .iter()
            .zip(facts)
            .map(|((module, _), facts)| GraphFile {
                crate_ident: "demo".into(),
                module: module
                    .split("::")
                    .filter(|s| !s.is_empty())
                    .map(SmolStr::new)
                    .collect(),
                target: TargetKind::Lib,
                path: module,
                facts,
                cold: None,
                lib_crate: true,
                bin_crate: false,
            })
            .collect()
    }

    fn edges(files: &[(&str, &str)]) -> Vec<(String, String, Confidence)> {
        let facts = facts_of(files);
        let gf = graph_files(files, &facts);
        let g = build(&gf);
        let name = |id: FnId| facts[id.file as usize].fns[id.func as usize].path.clone();
        let mut out: Vec<_> = g
            .edges
            .iter()
            .map(|e| (name(e.from), name(e.to), e.confidence))
            .collect();
        out.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
        out
    }

    #[test]
    fn calls_resolve_through_paths_imports_and_self() {
        let e = edges(&[
            ("", "mod printer; use crate::printer::Printer; fn main() { let p = Printer::new(); p.print_all(&[]); helper(); }\nfn helper() {}"),
            ("printer", "pub struct Printer; impl Printer { pub fn new() -> Printer { Printer } pub fn print_all(&self, lines: &[String]) { for l in lines { self.print_line(l); } } fn print_line(&self, l: &str) { super::helper(); } }"),
        ]);
        let has = |a: &str, b: &str| e.iter().any(|(x, y, _)| x == a && y == b);
        assert!(has("main", "Printer::new"), "{e:?}");
        assert!(
            has("main", "Printer::print_all"),
            "receiver type from `let p = Printer::new()`: {e:?}"
        );
        assert!(has("main", "helper"), "{e:?}");
        assert!(
            has("Printer::print_all", "Printer::print_line"),
            "self method: {e:?}"
        );
        assert!(has("Printer::print_line", "helper"), "super::helper: {e:?}");
    }

    /// A builder chain on a workspace type is typed step by step from the
    /// methods' return types; a chain on a type the workspace does not
    /// define (`OpenOptions::new().write(true).open(p)`) never reaches a
    /// workspace method of the same name.
    #[test]
    fn method_chains_are_typed_step_by_step() {
        let e = edges(&[
            ("", "mod printer; use printer::PrinterBuilder;\nfn main() { let mut p = PrinterBuilder::new().color(true).build(); p.print_all(); }\nfn tmp() { let f = std::fs::OpenOptions::new().write(true).open(\"x\"); }\npub struct Database; impl Database { pub fn open() -> Database { Database } }"),
            ("printer", "pub struct PrinterBuilder { c: bool } pub struct Printer;\nimpl PrinterBuilder { pub fn new() -> Self { PrinterBuilder { c: false } } pub fn color(mut self, c: bool) -> Self { self.c = c; self } pub fn build(self) -> Printer { Printer } }\nimpl Printer { pub fn print_all(&mut self) {} }\npub struct Other; impl Other { pub fn print_all(&mut self) {} }"),
        ]);
        let has = |a: &str, b: &str| e.iter().any(|(x, y, _)| x == a && y == b);
        assert!(has("main", "Printer::print_all"), "{e:?}");
        assert!(!has("main", "Other::print_all"), "{e:?}");
        assert!(!has("tmp", "Database::open"), "{e:?}");
    }

    /// A subcommand enum dispatched through a trait with more implementors
    /// than an untyped `.run()` may fan out to: `Cmd::parse()` is a `Cmd`
    /// (clap's derived constructor), and `Cmd::Query(cmd)` binds the
    /// variant's `Query`, whose enum lives in another file.
    #[test]
    fn variant_payloads_and_derived_constructors_type_receivers() {
        let run_impls: String = ["A", "B", "C", "D", "E", "F", "Query"]
            .iter()
            .map(|t| format!("pub struct {t}; impl Run for {t} {{ fn run(&self) {{}} }}\n"))
            .collect();
        let cmd = format!(
            "use crate::Run;\npub enum Cmd {{ A(A), B(B), C(C), D(D), E(E), F(F), Query(Box<Query>) }}\n{run_impls}"
        );
        let e = edges(&[
            ("", "mod cmd; use cmd::Cmd;\npub trait Run { fn run(&self); }\nfn main() { Cmd::parse().run(); }\nimpl Run for Cmd { fn run(&self) { match self { Cmd::Query(cmd) => cmd.run(), Cmd::A(a) => a.run(), _ => {} } } }\nfn other(c: &Cmd) { if let Cmd::Query(q) = c { q.run(); } let c2 = Cmd::A(cmd::A); c2.run(); }"),
            ("cmd", cmd.as_str()),
        ]);
        let has = |a: &str, b: &str| e.iter().any(|(x, y, _)| x == a && y == b);
        assert!(has("main", "Cmd::run"), "`Cmd::parse()` is a `Cmd`: {e:?}");
        assert!(has("Cmd::run", "Query::run"), "match arm payload: {e:?}");
        assert!(has("Cmd::run", "A::run"), "match arm payload: {e:?}");
        assert!(has("other", "Query::run"), "`if let` payload: {e:?}");
        assert!(
            !has("other", "A::run"),
            "a value built by a variant is the enum, not its payload: {e:?}"
        );
    }

    #[test]
    fn format_placeholders_call_the_workspace_display_impl() {
        let e = edges(&[
            ("", "mod style; use style::{Style, Grid};
pub struct Painter { style: Style }
impl Painter { fn paint(&self, out: &mut String) { let g = Grid::new(); let s = format!(\"{}{g}\", self.style); out.push_str(&s); let _ = format!(\"{:?}\", g); } }"),
            ("style", "use std::fmt;
pub struct Style; pub struct Grid;
impl Grid { pub fn new() -> Grid { Grid } }
impl fmt::Display for Style { fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result { Ok(()) } }
impl fmt::Display for Grid { fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result { Ok(()) } }"),
        ]);
        let has = |a: &str, b: &str| e.iter().any(|(x, y, _)| x == a && y == b);
        assert!(
            has("Painter::paint", "Style::fmt"),
            "`{{}}` of a typed field: {e:?}"
        );
        assert!(
            has("Painter::paint", "Grid::fmt"),
            "inline capture of a workspace call's value: {e:?}"
        );
    }

    #[test]
    fn locals_of_known_types_type_what_their_methods_return() {
        let e = edges(&[
            ("", "mod db; mod cli; use db::Stream;\nfn list(stream: &mut Stream, score: bool) { while let Some(dir) = stream.next() { let d = if score { dir.display().with_score(1) } else { dir.display() }; println!(\"{d}\"); } }\nfn other(v: &mut Vec<u8>) { let n = v.len(); let _ = n; }\nfn tally(m: &std::collections::BTreeMap<u8, db::Tally>) { let cache = parking_lot::Mutex::new(m); let mut lock = cache.lock(); let t = lock.entry(1).or_insert_with(db::Tally::new); t.add_report(2); }"),
            ("db", "use std::fmt;\npub struct Stream; pub struct Dir; pub struct DirDisplay;\nimpl Stream { pub fn next(&mut self) -> Option<&Dir> { None } }\nimpl Dir { pub fn display(&self) -> DirDisplay { DirDisplay } }\nimpl DirDisplay { pub fn with_score(self, s: u32) -> Self { self } }\nimpl fmt::Display for DirDisplay { fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result { Ok(()) } }\npub struct Other; impl Other { pub fn len(&self) -> usize { 0 } }\npub struct Tally; impl Tally { pub fn new() -> Tally { Tally } pub fn add_report(&mut self, n: u32) {} }"),
            ("cli", "struct Args { arg_command: Option<Command> }\nenum Command { Cat, Count }\nimpl Command { fn run(self) -> u8 { 0 } }\npub struct Job; impl Job { pub fn run(&self) -> u8 { 1 } }\npub fn main() { let args: Args = Args { arg_command: None }; match args.arg_command { None => {} Some(cmd) => { cmd.run(); } } }"),
        ]);
        let has = |a: &str, b: &str| e.iter().any(|(x, y, _)| x == a && y == b);
        assert!(
            has("list", "Dir::display"),
            "`dir` holds `stream.next()`: {e:?}"
        );
        assert!(has("list", "DirDisplay::with_score"), "{e:?}");
        assert!(
            has("list", "DirDisplay::fmt"),
            "`d` holds an `if`'s value, formatted by `{{d}}`: {e:?}"
        );
        assert!(!has("other", "Other::len"), "a std type's method: {e:?}");
        assert!(
            has("main", "Command::run"),
            "`Some(cmd) =>` of a match over an `Option<Command>` field: {e:?}"
        );
        assert!(
            !has("main", "Job::run"),
            "typed, not matched by name: {e:?}"
        );
        assert!(
            has("tally", "Tally::add_report"),
            "a guard's entry gives back the workspace's value: {e:?}"
        );
    }

    #[test]
    fn calls_resolve_through_a_use_in_the_body_and_self_in_a_trait_default() {
        let e = edges(&[
            ("", "mod disks; mod procs;\nfn main() { loop { collect(); } }\nfn collect() { { use crate::disks::zfs; if let Ok(n) = zfs::stats() { let _ = n; } } procs::Linux::gather(); }"),
            ("disks", "pub mod zfs { pub fn stats() -> Result<u32, ()> { Ok(1) } }"),
            ("procs", "pub trait Ext { fn backup() -> u32 { 0 } fn gather() -> u32 { Self::backup() } fn tick(&self) -> u32 { self.read() } fn read(&self) -> u32; }\npub struct Linux; impl Ext for Linux { fn backup() -> u32 { 1 } fn read(&self) -> u32 { 2 } }\npub struct Mac; impl Ext for Mac { fn backup() -> u32 { 3 } fn read(&self) -> u32 { 4 } }"),
        ]);
        let has = |a: &str, b: &str| e.iter().any(|(x, y, _)| x == a && y == b);
        assert!(has("collect", "zfs::stats"), "the body's `use`: {e:?}");
        assert!(
            has("collect", "Ext::gather"),
            "`Linux::gather`, a default method: {e:?}"
        );
        assert!(
            has("Ext::gather", "Linux::backup") && has("Ext::gather", "Mac::backup"),
            "`Self::` in a default method: {e:?}"
        );
        assert!(
            has("Ext::tick", "Linux::read") && has("Ext::tick", "Mac::read"),
            "`self.` in a default method: {e:?}"
        );
    }

    #[test]
    fn calls_resolve_through_re_exports() {
        let e = edges(&[
            ("", "pub mod tree; pub mod walk; pub use tree::{aggregate, other as renamed}; pub use walk::*;\nfn main() { demo::aggregate(1); demo::step(); crate::renamed(); demo::missing(); }"),
            ("tree", "pub fn aggregate(n: u32) -> u32 { n }\npub fn other() {}"),
            ("walk", "pub fn step() {}"),
        ]);
        let has = |a: &str, b: &str| {
            e.iter()
                .any(|(x, y, c)| x == a && y == b && *c == Confidence::Resolved)
        };
        assert!(has("main", "aggregate"), "`pub use tree::aggregate`: {e:?}");
        assert!(has("main", "step"), "`pub use walk::*`: {e:?}");
        assert!(
            has("main", "other"),
            "`pub use tree::other as renamed`: {e:?}"
        );
        assert_eq!(
            e.iter().filter(|(x, ..)| x == "main").count(),
            3,
            "no edge for a name nothing exports: {e:?}"
        );
    }

    /// A package's build script and its library are both root modules of
    /// the package's name: a binary's call through the library's
    /// re-exports must find the library's root.
    #[test]
    fn the_library_root_wins_over_a_build_script() {
        let files: &[(&str, &str)] = &[
            (
                "",
                "fn main() { println!(\"cargo::rerun-if-changed=build.rs\"); }",
            ),
            ("", "mod run; pub use crate::run::run;"),
            ("run", "pub fn run() {}"),
            ("", "fn main() { demo::run(); }"),
        ];
        let facts = facts_of(files);
        let mut gf = graph_files(files, &facts);
        gf[0].target = TargetKind::Build;
        gf[3].target = TargetKind::Bin;
        let g = build(&gf);
        assert!(
            g.edges.iter().any(|e| e.from.file == 3
                && e.to.file == 2
                && e.confidence == Confidence::Resolved),
            "{:?}",
            g.edges
        );
    }

    /// `mod run; pub use run::run;`: the path's first `run` is the module,
    /// not the import being declared (a binary's `main` calling `just::run`
    /// was left unresolved, and its whole run looked like test code).
    #[test]
    fn a_re_export_named_like_its_module_resolves() {
        let e = edges(&[
            (
                "",
                "mod run; pub use run::run;
fn main() { demo::run(); }",
            ),
            ("run", "pub fn run() {}"),
        ]);
        assert!(
            e.iter()
                .any(|(x, y, c)| x == "main" && y == "run" && *c == Confidence::Resolved),
            "{e:?}"
        );
    }

    #[test]
    fn a_workspace_trait_imported_by_name_resolves_its_methods_on_untyped_receivers() {
        let e = edges(&[
            ("", "mod column; mod env; mod cpu; mod view; mod raw;"),
            ("column", "pub trait Column { fn add(&mut self, p: &u32); }"),
            ("env", "use crate::column::Column;\npub struct Env;\nimpl Column for Env { fn add(&mut self, p: &u32) {} }"),
            ("cpu", "use crate::column::Column;\npub struct Cpu;\nimpl Column for Cpu { fn add(&mut self, p: &u32) {} }"),
            ("view", "use crate::column::Column;\nfn show(cols: &mut Vec<Info>, ps: &[u32]) { for c in cols.iter_mut() { for p in ps { c.column.add(p); } } }"),
            ("raw", "use std::io::Write;\nfn bump(ptr: *const u8) -> *const u8 { unsafe { ptr.add(1) } }"),
        ]);
        let from = |a: &str| {
            e.iter()
                .filter(|(x, ..)| x == a)
                .map(|(_, y, c)| (y.clone(), *c))
                .collect::<Vec<_>>()
        };
        let mut show = from("show");
        show.sort();
        assert_eq!(
            show,
            [
                ("Cpu::add".to_owned(), Confidence::Ambiguous),
                ("Env::add".to_owned(), Confidence::Ambiguous)
            ],
            "both implementors: {e:?}"
        );
        assert!(
            from("bump").is_empty(),
            "a file that does not import the trait keeps `add` a std name: {e:?}"
        );
    }

    #[test]
    fn unknown_receivers_give_ambiguous_edges_and_std_names_none() {
        let e = edges(&[(
            "",
            "struct A; struct B; impl A { fn render(&self) {} fn push(&self) {} } impl B { fn render(&self) {} }\nfn f(xs: Vec<u8>, v: Vec<u8>) { for (x, _) in pairs() { x.render(); } v.push(1); g().push(); }",
        )]);
        let renders: Vec<_> = e
            .iter()
            .filter(|(_, to, _)| to.ends_with("render"))
            .collect();
        assert_eq!(
            renders.len(),
            2,
            "both render methods are candidates: {e:?}"
        );
        assert!(renders.iter().all(|r| r.2 == Confidence::Ambiguous));
        assert!(
            !e.iter().any(|(_, to, _)| to == "A::push"),
            "push on an unknown receiver is std's: {e:?}"
        );
    }
}
