//! Per-function facts: the use analysis that syn does not provide.
//!
//! One recursive pass over a function body records every local binding (with
//! its `let` annotation and initialiser), every use of a binding (read,
//! borrow, move, mutation, method receiver, field read) with its position,
//! the loops (including iterator closures driven per element), closures
//! (and whether they are `thread::spawn`/`tokio::spawn` bodies), `.await`
//! points, allocation and clone sites with their context (cold path, under
//! `&`, `let` initialiser) and the uses of `self.field` and of statics.
//!
//! Detectors answer their questions ("is this binding used after this
//! point?", "is it mutated?", "is it moved into a thread?") from these
//! tables. This module must NOT decide what is a finding.

use proc_macro2::{TokenStream, TokenTree};
use syn::spanned::Spanned;
use syn::{Block, Expr, Ident, Member, Pat, Stmt, Type};

use crate::macros::rewritten_name;

/// A source position: 1-based line, 0-based column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub(crate) struct Pos {
    pub line: u32,
    pub col: u32,
}

impl Pos {
    pub(crate) fn of(span: proc_macro2::Span) -> Pos {
        let lc = span.start();
        Pos {
            line: lc.line as u32,
            col: lc.column as u32,
        }
    }
    pub(crate) fn end_of(span: proc_macro2::Span) -> Pos {
        let lc = span.end();
        Pos {
            line: lc.line as u32,
            col: lc.column as u32,
        }
    }
}

/// How the binding came to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BindKind {
    Let,
    Param,
    /// `self` in a method.
    SelfParam,
    /// A `for` pattern, closure parameter, `match`/`if let` pattern.
    Pattern,
}

#[derive(Debug)]
pub(crate) struct Binding<'a> {
    pub name: String,
    pub pos: Pos,
    pub kind: BindKind,
    pub loop_id: u32,
    pub closure_id: u32,
    pub async_id: u32,
    pub mutable: bool,
    /// The `let` annotation or parameter type, when the pattern is a plain ident.
    pub ty: Option<&'a Type>,
    /// The `let` initialiser, when the pattern is a plain ident.
    pub init: Option<&'a Expr>,
    /// The `let` statement's lines.
    pub stmt_lines: (u32, u32),
    /// End of the enclosing block: the binding is dropped here.
    pub scope_end: Pos,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UseKind<'a> {
    Read,
    Ref,
    Move,
    Mutate,
    /// Receiver of a method that does not obviously mutate.
    Recv(&'a Ident),
    /// Receiver of a method known to mutate (`push`, `insert`, ...).
    MutRecv(&'a Ident),
    /// `b.field` read.
    Field(&'a Member),
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Use<'a> {
    pub binding: u32,
    pub pos: Pos,
    pub kind: UseKind<'a>,
    pub loop_id: u32,
    pub closure_id: u32,
    /// Number of enclosing `if`/`match` branches inside the function.
    pub cond_depth: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LoopKind {
    For,
    While,
    Loop,
    /// A closure passed to an iterator adaptor (`map`, `for_each`, ...).
    IterClosure,
}

#[derive(Debug)]
pub(crate) struct LoopInfo<'a> {
    pub kind: LoopKind,
    pub parent: u32,
    pub depth: u32,
    pub start: Pos,
    pub end_line: u32,
    /// What is iterated: the `for` expression or the adaptor's receiver.
    pub iter: Option<&'a Expr>,
    pub pat: Option<&'a Pat>,
    /// The adaptor method for closures (`map`, `for_each`).
    pub adaptor: Option<&'a Ident>,
    pub cond_depth: u32,
    /// The closure the loop body runs in; a site in another closure nested
    /// in the body runs lazily, not per iteration.
    pub body_closure: u32,
}

#[derive(Debug)]
pub(crate) struct ClosureInfo {
    pub parent: u32,
    pub spawn: bool,
}

/// What an allocation or clone site is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SiteKind {
    Clone,
    ToOwned,
    ToString,
    ToVec,
    Collect,
    VecNew,
    VecWithCapacity,
    StringNew,
    StringWithCapacity,
    StringFrom,
    MapNew,
    VecMacro,
    Format,
    BoxNew,
    SharedNew,
}

impl SiteKind {
    pub(crate) fn label(self) -> &'static str {
        match self {
            SiteKind::Clone => ".clone()",
            SiteKind::ToOwned => ".to_owned()",
            SiteKind::ToString => ".to_string()",
            SiteKind::ToVec => ".to_vec()",
            SiteKind::Collect => ".collect()",
            SiteKind::VecNew => "Vec::new()",
            SiteKind::VecWithCapacity => "Vec::with_capacity()",
            SiteKind::StringNew => "String::new()",
            SiteKind::StringWithCapacity => "String::with_capacity()",
            SiteKind::StringFrom => "String::from()",
            SiteKind::MapNew => "a new map/set",
            SiteKind::VecMacro => "vec![]",
            SiteKind::Format => "format!()",
            SiteKind::BoxNew => "Box::new()",
            SiteKind::SharedNew => "Arc/Rc::new()",
        }
    }
}

/// The syntactic parent of a site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Parent {
    Other,
    /// Directly under `&` (not `&mut`).
    Ref,
    LetInit,
    /// A call or method argument passed by value.
    Arg,
    /// `return x` / `break x`: the value leaves the loop or function.
    Return,
}

#[derive(Debug)]
pub(crate) struct Site<'a> {
    pub expr: &'a Expr,
    pub kind: SiteKind,
    pub pos: Pos,
    pub loop_id: u32,
    pub closure_id: u32,
    pub cold: bool,
    pub parent: Parent,
    /// The binding this site initialises (`let x = <site>;`).
    pub let_binding: Option<u32>,
    /// The innermost call whose argument list contains the site.
    pub enclosing_call: Option<&'a Expr>,
}

/// A use of `self.field` or of a static, classified for growth analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GrowthUse {
    Grow,
    Drain,
    Lookup,
}

#[derive(Debug)]
pub(crate) struct RootEvent {
    /// Field name (for `self.f`) or static name.
    pub name: String,
    pub is_static: bool,
    pub kind: GrowthUse,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Await {
    pub pos: Pos,
    /// Start of the awaited expression: uses after it are held by the future.
    pub base_start: Pos,
    pub loop_id: u32,
    pub async_id: u32,
    pub closure_id: u32,
}

/// Everything recorded about one function body.
#[derive(Debug, Default)]
pub(crate) struct FnFacts<'a> {
    pub bindings: Vec<Binding<'a>>,
    pub uses: Vec<Use<'a>>,
    /// Index 0 is "no loop".
    pub loops: Vec<LoopInfo<'a>>,
    /// Index 0 is the function body itself.
    pub closures: Vec<ClosureInfo>,
    pub sites: Vec<Site<'a>>,
    pub awaits: Vec<Await>,
    pub events: Vec<RootEvent>,
    /// Items declared inside the body (nested fns), analysed separately.
    pub nested_items: Vec<&'a syn::Item>,
    /// Uses by binding, filled by `index`.
    pub uses_of: Vec<Vec<u32>>,
}

/// Methods that mutate their receiver.
pub(crate) const MUTATING: &[&str] = &[
    "push",
    "push_str",
    "push_back",
    "push_front",
    "insert",
    "remove",
    "clear",
    "extend",
    "extend_from_slice",
    "append",
    "truncate",
    "retain",
    "retain_mut",
    "drain",
    "sort",
    "sort_by",
    "sort_by_key",
    "sort_unstable",
    "sort_unstable_by",
    "sort_unstable_by_key",
    "dedup",
    "dedup_by",
    "dedup_by_key",
    "reserve",
    "reserve_exact",
    "pop",
    "pop_back",
    "pop_front",
    "swap",
    "get_mut",
    "iter_mut",
    "entry",
    "as_mut",
    "as_mut_slice",
    "take",
    "replace",
    "set",
    "resize",
    "resize_with",
    "fill",
    "write",
    "write_all",
    "write_str",
    "write_fmt",
    "read",
    "read_to_end",
    "read_to_string",
    "read_line",
    "read_exact",
    "flush",
    "split_off",
    "swap_remove",
    "shrink_to_fit",
    "get_or_insert",
    "get_or_insert_with",
    "borrow_mut",
    "lock",
    "make_ascii_lowercase",
    "make_ascii_uppercase",
    "reverse",
    "rotate_left",
    "rotate_right",
    "values_mut",
    "last_mut",
    "first_mut",
    "next",
];

/// Methods that only read their receiver.
pub(crate) const READ_ONLY: &[&str] = &[
    "len",
    "is_empty",
    "iter",
    "as_str",
    "as_bytes",
    "as_slice",
    "as_ref",
    "as_path",
    "as_os_str",
    "get",
    "contains",
    "contains_key",
    "starts_with",
    "ends_with",
    "first",
    "last",
    "chars",
    "bytes",
    "lines",
    "split",
    "split_whitespace",
    "trim",
    "trim_start",
    "trim_end",
    "eq",
    "ne",
    "cmp",
    "partial_cmp",
    "hash",
    "display",
    "to_str",
    "to_string_lossy",
    "find",
    "rfind",
    "keys",
    "values",
    "capacity",
    "is_some",
    "is_none",
    "is_ok",
    "is_err",
    "fmt",
    "windows",
    "chunks",
    "parse",
    "join",
    "exists",
    "extension",
    "file_name",
    "file_stem",
    "parent",
    "to_string",
    "to_owned",
    "clone",
    "to_vec",
    "to_lowercase",
    "to_uppercase",
    "char_indices",
    "binary_search",
    "is_dir",
    "is_file",
    "components",
    "as_deref",
    "map_or",
    "unwrap_or_default",
    "copied",
    "cloned",
    "max",
    "min",
    "sum",
    "count",
    "to_path_buf",
    "matches",
    "strip_prefix",
    "strip_suffix",
    "splitn",
    "rsplit",
    "is_char_boundary",
    "into_iter",
];

/// Iterator adaptors that only exist on iterators: a closure passed to them
/// runs once per element.
const ITER_ONLY: &[&str] = &[
    "for_each",
    "filter_map",
    "flat_map",
    "fold",
    "try_fold",
    "try_for_each",
    "scan",
    "take_while",
    "skip_while",
    "map_while",
    "any",
    "all",
    "position",
    "find_map",
    "partition",
    "max_by_key",
    "min_by_key",
    "sum_by",
];

/// Adaptors that also exist on `Option`/`Result`: a loop only when the
/// receiver is visibly an iterator.
const ITER_MAYBE: &[&str] = &["map", "filter", "inspect", "find"];

/// Methods that produce an iterator.
const ITER_SOURCES: &[&str] = &[
    "iter",
    "iter_mut",
    "into_iter",
    "chars",
    "bytes",
    "lines",
    "split",
    "split_whitespace",
    "windows",
    "chunks",
    "chunks_exact",
    "keys",
    "values",
    "values_mut",
    "drain",
    "enumerate",
    "zip",
    "map",
    "filter",
    "skip",
    "take",
    "rev",
    "cloned",
    "copied",
    "flat_map",
    "filter_map",
    "chain",
    "step_by",
    "peekable",
    "char_indices",
    "par_iter",
    "into_par_iter",
    "par_iter_mut",
    "entries",
    "read_dir",
    "rsplit",
    "splitn",
    "matches",
    "inspect",
];

const GROW: &[&str] = &[
    "push",
    "push_back",
    "push_front",
    "insert",
    "extend",
    "extend_from_slice",
    "push_str",
    "append",
    "entry",
    "get_or_insert_with",
];
const DRAIN: &[&str] = &[
    "remove",
    "clear",
    "retain",
    "retain_mut",
    "drain",
    "pop",
    "pop_back",
    "pop_front",
    "truncate",
    "split_off",
    "take",
    "swap_remove",
    "shift_remove",
    "remove_entry",
    "pop_first",
    "pop_last",
    "shrink_to",
    "dedup",
    "into_iter",
    "drain_filter",
    "extract_if",
    "replace",
];
const LOOKUP: &[&str] = &["get", "contains_key", "contains", "get_key_value"];

/// Methods that see through a container to the value inside.
const TRANSPARENT: &[&str] = &[
    "lock",
    "unwrap",
    "expect",
    "borrow_mut",
    "borrow",
    "write",
    "read",
    "get_mut",
    "as_mut",
    "lock_owned",
    "blocking_lock",
    "get_or_init",
];

pub(crate) fn ident_in(id: &Ident, list: &[&str]) -> bool {
    list.iter().any(|n| id == n)
}

/// The single identifier of a path expression (`x`, `self`).
pub(crate) fn path_ident(e: &Expr) -> Option<&Ident> {
    match e {
        Expr::Path(p) if p.qself.is_none() && p.path.segments.len() == 1 => {
            Some(&p.path.segments[0].ident)
        }
        Expr::Paren(p) => path_ident(&p.expr),
        Expr::Group(g) => path_ident(&g.expr),
        _ => None,
    }
}

/// The root identifier of a place: `a.b[c].d` → `a`, `x.lock().y` → `x`.
pub(crate) fn root_ident(e: &Expr) -> Option<&Ident> {
    match e {
        Expr::Field(f) => root_ident(&f.base),
        Expr::Index(i) => root_ident(&i.expr),
        Expr::MethodCall(m) => root_ident(&m.receiver),
        Expr::Unary(u) => root_ident(&u.expr),
        Expr::Reference(r) => root_ident(&r.expr),
        Expr::Try(t) => root_ident(&t.expr),
        _ => path_ident(e),
    }
}

/// `self.f` (through `lock()`, `borrow_mut()`, ...) → `Some(("f", false))`;
/// a SCREAMING_CASE static root → `Some((name, true))`.
fn growth_root(e: &Expr) -> Option<(String, bool)> {
    match e {
        Expr::MethodCall(m) if ident_in(&m.method, TRANSPARENT) => growth_root(&m.receiver),
        Expr::Try(t) => growth_root(&t.expr),
        Expr::Paren(p) => growth_root(&p.expr),
        Expr::Field(f) => {
            let base = path_ident(&f.base)?;
            if base == "self" {
                if let Member::Named(n) = &f.member {
                    return Some((n.to_string(), false));
                }
            }
            None
        }
        _ => {
            let id = path_ident(e)?;
            let s = id.to_string();
            let is_static = s.len() > 1
                && s.bytes()
                    .all(|b| b.is_ascii_uppercase() || b == b'_' || b.is_ascii_digit())
                && s.bytes().any(|b| b.is_ascii_uppercase());
            is_static.then_some((s, true))
        }
    }
}

/// Whether the receiver chain visibly produces an iterator.
pub(crate) fn is_iterator_chain(e: &Expr) -> bool {
    match e {
        Expr::MethodCall(m) => ident_in(&m.method, ITER_SOURCES),
        Expr::Range(_) => true,
        Expr::Paren(p) => is_iterator_chain(&p.expr),
        _ => false,
    }
}

/// Last statement returns, breaks or panics: the block runs at most once
/// per call or loop, so allocations in it are off the hot path.
pub(crate) fn block_diverges(b: &Block) -> bool {
    match b.stmts.last() {
        Some(Stmt::Expr(e, _)) => expr_diverges(e),
        Some(Stmt::Macro(m)) => {
            let n = m.mac.path.segments.last().map(|s| s.ident.to_string());
            matches!(
                n.as_deref(),
                Some("bail" | "panic" | "unreachable" | "todo")
            )
        }
        _ => false,
    }
}

fn expr_diverges(e: &Expr) -> bool {
    match e {
        Expr::Return(_) | Expr::Break(_) => true,
        Expr::Macro(m) => {
            let n = m.mac.path.segments.last().map(|s| s.ident.to_string());
            matches!(
                n.as_deref(),
                Some("bail" | "panic" | "unreachable" | "todo")
            )
        }
        _ => matches!(
            rewritten_name(e),
            Some("panic" | "unreachable" | "todo" | "unimplemented")
        ),
    }
}

/// Whether a call path names `Err`, `Error::new`, ... — error construction.
fn is_error_ctor(func: &Expr) -> bool {
    if let Expr::Path(p) = func {
        if let Some(last) = p.path.segments.last() {
            if last.ident == "Err" {
                return true;
            }
            if p.path.segments.len() >= 2 {
                let ty = &p.path.segments[p.path.segments.len() - 2].ident;
                let t = ty.to_string();
                return t.ends_with("Error") || t == "Err";
            }
        }
    }
    false
}

/// A path call `A::b` as (`A`, `b`).
pub(crate) fn path_call(func: &Expr) -> Option<(&Ident, &Ident)> {
    if let Expr::Path(p) = func {
        let n = p.path.segments.len();
        if n >= 2 {
            return Some((&p.path.segments[n - 2].ident, &p.path.segments[n - 1].ident));
        }
    }
    None
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Read,
    Ref,
    Move,
    RefMut,
    Place,
    /// Receiver of a mutating method: mutates, but does not empty a field.
    MutRecv,
}

struct Walker<'a> {
    f: FnFacts<'a>,
    scope: Vec<u32>,
    loop_id: u32,
    closure_id: u32,
    async_id: u32,
    next_async: u32,
    cold: u32,
    cond_depth: u32,
    parent: Parent,
    calls: Vec<&'a Expr>,
}

/// Walks one function: `self_param` when it is a method, the parameters,
/// the body. `is_async` for `async fn`.
pub(crate) fn walk_fn<'a>(sig: &'a syn::Signature, body: &'a Block) -> FnFacts<'a> {
    let mut w = Walker {
        f: FnFacts::default(),
        scope: Vec::new(),
        loop_id: 0,
        closure_id: 0,
        async_id: 0,
        next_async: 1,
        cold: 0,
        cond_depth: 0,
        parent: Parent::Other,
        calls: Vec::new(),
    };
    w.f.loops.push(LoopInfo {
        kind: LoopKind::Loop,
        parent: 0,
        depth: 0,
        start: Pos::default(),
        end_line: 0,
        iter: None,
        pat: None,
        adaptor: None,
        cond_depth: 0,
        body_closure: 0,
    });
    w.f.closures.push(ClosureInfo {
        parent: 0,
        spawn: false,
    });
    if sig.asyncness.is_some() {
        w.async_id = w.next_async;
        w.next_async += 1;
    }
    let end = Pos::end_of(body.brace_token.span.close());
    for input in &sig.inputs {
        match input {
            syn::FnArg::Receiver(r) => {
                w.add_binding(
                    "self".to_owned(),
                    Pos::of(r.self_token.span),
                    BindKind::SelfParam,
                    r.mutability.is_some(),
                    Some(&r.ty),
                    None,
                    (0, 0),
                    end,
                );
            }
            syn::FnArg::Typed(t) => {
                w.bind_pat(&t.pat, Some(&t.ty), None, BindKind::Param, (0, 0), end);
            }
        }
    }
    w.block(body);
    w.finish_scope(0, end);
    w.f.index();
    w.f
}

impl<'a> FnFacts<'a> {
    fn index(&mut self) {
        self.uses_of = vec![Vec::new(); self.bindings.len()];
        for (i, u) in self.uses.iter().enumerate() {
            self.uses_of[u.binding as usize].push(i as u32);
        }
    }

    pub(crate) fn uses(&self, b: u32) -> impl Iterator<Item = &Use<'a>> + '_ {
        self.uses_of[b as usize]
            .iter()
            .map(|&i| &self.uses[i as usize])
    }

    /// Whether loop `inner` is `outer` or nested inside it.
    pub(crate) fn loop_within(&self, mut inner: u32, outer: u32) -> bool {
        loop {
            if inner == outer {
                return true;
            }
            if inner == 0 {
                return false;
            }
            inner = self.loops[inner as usize].parent;
        }
    }

    /// Whether a closure between `inner` and `outer` is a spawned task.
    pub(crate) fn spawned_between(&self, mut inner: u32, outer: u32) -> bool {
        while inner != outer && inner != 0 {
            if self.closures[inner as usize].spawn {
                return true;
            }
            inner = self.closures[inner as usize].parent;
        }
        false
    }
}

impl<'a> Walker<'a> {
    #[allow(clippy::too_many_arguments)]
    fn add_binding(
        &mut self,
        name: String,
        pos: Pos,
        kind: BindKind,
        mutable: bool,
        ty: Option<&'a Type>,
        init: Option<&'a Expr>,
        stmt_lines: (u32, u32),
        scope_end: Pos,
    ) -> u32 {
        let idx = self.f.bindings.len() as u32;
        self.f.bindings.push(Binding {
            name,
            pos,
            kind,
            loop_id: self.loop_id,
            closure_id: self.closure_id,
            async_id: self.async_id,
            mutable,
            ty,
            init,
            stmt_lines,
            scope_end,
        });
        self.scope.push(idx);
        idx
    }

    fn bind_pat(
        &mut self,
        p: &'a Pat,
        ty: Option<&'a Type>,
        init: Option<&'a Expr>,
        kind: BindKind,
        lines: (u32, u32),
        scope_end: Pos,
    ) {
        match p {
            Pat::Ident(i) => {
                self.add_binding(
                    i.ident.to_string(),
                    Pos::of(i.ident.span()),
                    kind,
                    i.mutability.is_some(),
                    ty,
                    init,
                    lines,
                    scope_end,
                );
                if let Some((_, sub)) = &i.subpat {
                    self.bind_pat(sub, None, None, BindKind::Pattern, lines, scope_end);
                }
            }
            Pat::Type(t) => self.bind_pat(&t.pat, Some(&t.ty), init, kind, lines, scope_end),
            Pat::Reference(r) => {
                self.bind_pat(&r.pat, None, None, BindKind::Pattern, lines, scope_end)
            }
            Pat::Paren(pp) => self.bind_pat(&pp.pat, ty, init, kind, lines, scope_end),
            Pat::Tuple(t) => {
                for e in &t.elems {
                    self.bind_pat(e, None, None, BindKind::Pattern, lines, scope_end);
                }
            }
            Pat::TupleStruct(t) => {
                for e in &t.elems {
                    self.bind_pat(e, None, None, BindKind::Pattern, lines, scope_end);
                }
            }
            Pat::Struct(s) => {
                for fp in &s.fields {
                    self.bind_pat(&fp.pat, None, None, BindKind::Pattern, lines, scope_end);
                }
            }
            Pat::Slice(s) => {
                for e in &s.elems {
                    self.bind_pat(e, None, None, BindKind::Pattern, lines, scope_end);
                }
            }
            Pat::Or(o) => {
                // Every alternative binds the same names; the first suffices.
                if let Some(first) = o.cases.first() {
                    self.bind_pat(first, None, None, BindKind::Pattern, lines, scope_end);
                }
            }
            _ => {}
        }
    }

    fn resolve(&self, name: &Ident) -> Option<u32> {
        self.scope
            .iter()
            .rev()
            .copied()
            .find(|&b| *name == self.f.bindings[b as usize].name)
    }

    fn resolve_str(&self, name: &str) -> Option<u32> {
        self.scope
            .iter()
            .rev()
            .copied()
            .find(|&b| self.f.bindings[b as usize].name == name)
    }

    fn record(&mut self, b: u32, pos: Pos, kind: UseKind<'a>) {
        self.f.uses.push(Use {
            binding: b,
            pos,
            kind,
            loop_id: self.loop_id,
            closure_id: self.closure_id,
            cond_depth: self.cond_depth,
        });
    }

    fn use_ident(&mut self, id: &'a Ident, kind: UseKind<'a>) {
        if let Some(b) = self.resolve(id) {
            self.record(b, Pos::of(id.span()), kind);
        }
    }

    /// Closes the scope opened at `mark`, recording where its bindings die.
    fn finish_scope(&mut self, mark: usize, end: Pos) {
        for &b in &self.scope[mark..] {
            let bd = &mut self.f.bindings[b as usize];
            if bd.scope_end > end || bd.scope_end == Pos::default() {
                bd.scope_end = end;
            }
        }
        self.scope.truncate(mark);
    }

    fn block(&mut self, b: &'a Block) {
        let mark = self.scope.len();
        let end = Pos::end_of(b.brace_token.span.close());
        for s in &b.stmts {
            match s {
                Stmt::Local(l) => {
                    let lines = (
                        Pos::of(l.let_token.span).line,
                        Pos::end_of(l.semi_token.span).line,
                    );
                    let before = self.f.sites.len();
                    let mut init_expr = None;
                    if let Some(init) = &l.init {
                        self.parent = Parent::LetInit;
                        self.expr(&init.expr, Mode::Move);
                        init_expr = Some(&*init.expr);
                        if let Some((_, div)) = &init.diverge {
                            self.cold += 1;
                            self.expr(div, Mode::Move);
                            self.cold -= 1;
                        }
                    }
                    let first = self.f.bindings.len() as u32;
                    self.bind_pat(&l.pat, None, init_expr, BindKind::Let, lines, end);
                    if let Some(init) = init_expr {
                        let simple = matches!(&l.pat, Pat::Ident(_) | Pat::Type(_));
                        if simple && (first as usize) < self.f.bindings.len() {
                            for s in &mut self.f.sites[before..] {
                                if std::ptr::eq(s.expr, strip(init)) {
                                    s.let_binding = Some(first);
                                }
                            }
                        }
                    }
                }
                Stmt::Item(item) => self.f.nested_items.push(item),
                Stmt::Expr(e, _) => self.expr(e, Mode::Move),
                Stmt::Macro(m) => self.scan_tokens(&m.mac.tokens),
            }
        }
        self.finish_scope(mark, end);
    }

    /// A branch body: cold when it diverges.
    fn branch_block(&mut self, b: &'a Block) {
        let cold = block_diverges(b);
        self.cold += cold as u32;
        self.cond_depth += 1;
        self.block(b);
        self.cond_depth -= 1;
        self.cold -= cold as u32;
    }

    fn scan_tokens(&mut self, ts: &'a TokenStream) {
        // Tokens are borrowed from the tree but `TokenStream` iteration
        // yields owned trees; resolve by name and record at their spans.
        for tt in ts.clone() {
            self.scan_tree(&tt);
        }
    }

    fn scan_tree(&mut self, tt: &TokenTree) {
        match tt {
            TokenTree::Ident(id) => {
                if let Some(b) = self.resolve(id) {
                    self.record(b, Pos::of(id.span()), UseKind::Read);
                }
            }
            TokenTree::Group(g) => {
                for t in g.stream() {
                    self.scan_tree(&t);
                }
            }
            _ => {}
        }
    }

    fn site(&mut self, e: &'a Expr, kind: SiteKind, parent: Parent) {
        let pos = Pos::of(e.span());
        self.f.sites.push(Site {
            expr: e,
            kind,
            pos,
            loop_id: self.loop_id,
            closure_id: self.closure_id,
            cold: self.cold > 0,
            parent,
            let_binding: None,
            enclosing_call: self.calls.last().copied(),
        });
    }

    fn open_loop(
        &mut self,
        kind: LoopKind,
        span: proc_macro2::Span,
        iter: Option<&'a Expr>,
        pat: Option<&'a Pat>,
        adaptor: Option<&'a Ident>,
    ) -> u32 {
        let id = self.f.loops.len() as u32;
        let depth = self.f.loops[self.loop_id as usize].depth + 1;
        self.f.loops.push(LoopInfo {
            kind,
            parent: self.loop_id,
            depth,
            start: Pos::of(span),
            end_line: Pos::end_of(span).line,
            iter,
            pat,
            adaptor,
            cond_depth: self.cond_depth,
            body_closure: self.closure_id,
        });
        let prev = self.loop_id;
        self.loop_id = id;
        prev
    }

    fn closure(&mut self, c: &'a syn::ExprClosure, spawn: bool) {
        let id = self.f.closures.len() as u32;
        self.f.closures.push(ClosureInfo {
            parent: self.closure_id,
            spawn,
        });
        let prev = self.closure_id;
        self.closure_id = id;
        let prev_async = self.async_id;
        self.async_id = 0;
        // Allocations in a closure that is merely stored are not on the
        // caller's loop; only iterator closures (handled by the caller)
        // count as loops.
        let mark = self.scope.len();
        let end = Pos::end_of(c.body.span());
        for p in &c.inputs {
            self.bind_pat(p, None, None, BindKind::Pattern, (0, 0), end);
        }
        self.expr(&c.body, Mode::Move);
        self.finish_scope(mark, end);
        self.async_id = prev_async;
        self.closure_id = prev;
    }

    fn args(&mut self, call: &'a Expr, args: impl Iterator<Item = &'a Expr>, mode: Mode) {
        self.calls.push(call);
        for a in args {
            self.parent = Parent::Arg;
            self.expr(a, mode);
        }
        self.calls.pop();
    }

    fn expr(&mut self, e: &'a Expr, mode: Mode) {
        let parent = std::mem::replace(&mut self.parent, Parent::Other);
        match e {
            Expr::Path(p) => {
                if let Some(id) = path_ident(e) {
                    let _ = p;
                    let kind = match mode {
                        Mode::Read => UseKind::Read,
                        Mode::Ref => UseKind::Ref,
                        Mode::Move => UseKind::Move,
                        Mode::RefMut | Mode::Place | Mode::MutRecv => UseKind::Mutate,
                    };
                    self.use_ident(id, kind);
                }
            }
            Expr::Field(f) => {
                if let (Some(id), Mode::Place | Mode::RefMut | Mode::Move) =
                    (path_ident(&f.base), mode)
                {
                    if id == "self" {
                        if let Member::Named(n) = &f.member {
                            // Assigning, lending mutably or moving the field
                            // out can empty it.
                            self.f.events.push(RootEvent {
                                name: n.to_string(),
                                is_static: false,
                                kind: GrowthUse::Drain,
                            });
                        }
                    }
                }
                match (path_ident(&f.base), mode) {
                    (Some(id), Mode::Place | Mode::RefMut | Mode::MutRecv) => {
                        self.use_ident(id, UseKind::Mutate)
                    }
                    (Some(id), _) => self.use_ident(id, UseKind::Field(&f.member)),
                    (None, Mode::Place | Mode::RefMut | Mode::MutRecv) => {
                        self.expr(&f.base, Mode::MutRecv)
                    }
                    (None, _) => self.expr(&f.base, Mode::Read),
                }
            }
            Expr::Index(i) => {
                let m = if matches!(mode, Mode::Place | Mode::RefMut | Mode::MutRecv) {
                    Mode::MutRecv
                } else {
                    Mode::Read
                };
                self.expr(&i.expr, m);
                self.expr(&i.index, Mode::Read);
            }
            Expr::MethodCall(m) => self.method_call(e, m, parent),
            Expr::Call(c) => self.call(e, c, parent),
            Expr::Reference(r) => {
                if r.mutability.is_some() {
                    self.expr(&r.expr, Mode::RefMut);
                } else {
                    self.parent = Parent::Ref;
                    self.expr(&r.expr, Mode::Ref);
                }
            }
            Expr::Assign(a) => {
                self.expr(&a.left, Mode::Place);
                self.expr(&a.right, Mode::Move);
            }
            Expr::Binary(b) => {
                use syn::BinOp::*;
                let assign = matches!(
                    b.op,
                    AddAssign(_)
                        | SubAssign(_)
                        | MulAssign(_)
                        | DivAssign(_)
                        | RemAssign(_)
                        | BitXorAssign(_)
                        | BitAndAssign(_)
                        | BitOrAssign(_)
                        | ShlAssign(_)
                        | ShrAssign(_)
                );
                self.expr(&b.left, if assign { Mode::Place } else { Mode::Read });
                self.expr(&b.right, Mode::Read);
            }
            Expr::Unary(u) => {
                let m = if matches!(mode, Mode::Place | Mode::RefMut | Mode::MutRecv) {
                    Mode::MutRecv
                } else {
                    Mode::Read
                };
                self.expr(&u.expr, m);
            }
            Expr::Block(b) => {
                self.block(&b.block);
            }
            Expr::Unsafe(u) => self.block(&u.block),
            Expr::Const(c) => self.block(&c.block),
            Expr::TryBlock(t) => self.block(&t.block),
            Expr::Async(a) => {
                let id = self.f.closures.len() as u32;
                self.f.closures.push(ClosureInfo {
                    parent: self.closure_id,
                    spawn: false,
                });
                let (prev_c, prev_a) = (self.closure_id, self.async_id);
                self.closure_id = id;
                self.async_id = self.next_async;
                self.next_async += 1;
                self.block(&a.block);
                self.closure_id = prev_c;
                self.async_id = prev_a;
            }
            Expr::Await(a) => {
                self.expr(&a.base, Mode::Move);
                self.f.awaits.push(Await {
                    pos: Pos::of(a.await_token.span),
                    base_start: Pos::of(a.base.span()),
                    loop_id: self.loop_id,
                    async_id: self.async_id,
                    closure_id: self.closure_id,
                });
            }
            Expr::Closure(c) => self.closure(c, false),
            Expr::ForLoop(fl) => {
                self.expr(&fl.expr, Mode::Move);
                let prev = self.open_loop(
                    LoopKind::For,
                    fl.for_token.span,
                    Some(&fl.expr),
                    Some(&fl.pat),
                    None,
                );
                if let Some(l) = self.f.loops.last_mut() {
                    l.end_line = Pos::end_of(fl.body.brace_token.span.close()).line;
                }
                let mark = self.scope.len();
                let end = Pos::end_of(fl.body.brace_token.span.close());
                self.bind_pat(&fl.pat, None, None, BindKind::Pattern, (0, 0), end);
                self.block(&fl.body);
                self.finish_scope(mark, end);
                self.loop_id = prev;
            }
            Expr::While(wl) => {
                let prev = self.open_loop(LoopKind::While, wl.while_token.span, None, None, None);
                if let Some(l) = self.f.loops.last_mut() {
                    l.end_line = Pos::end_of(wl.body.brace_token.span.close()).line;
                }
                let mark = self.scope.len();
                self.expr(&wl.cond, Mode::Read);
                self.block(&wl.body);
                self.finish_scope(mark, Pos::end_of(wl.body.brace_token.span.close()));
                self.loop_id = prev;
            }
            Expr::Loop(lp) => {
                let prev = self.open_loop(LoopKind::Loop, lp.loop_token.span, None, None, None);
                if let Some(l) = self.f.loops.last_mut() {
                    l.end_line = Pos::end_of(lp.body.brace_token.span.close()).line;
                }
                self.block(&lp.body);
                self.loop_id = prev;
            }
            Expr::If(i) => {
                let mark = self.scope.len();
                self.expr(&i.cond, Mode::Read);
                self.branch_block(&i.then_branch);
                self.finish_scope(mark, Pos::end_of(i.then_branch.brace_token.span.close()));
                if let Some((_, els)) = &i.else_branch {
                    self.cond_depth += 1;
                    if let Expr::Block(b) = &**els {
                        let cold = block_diverges(&b.block);
                        self.cold += cold as u32;
                        self.block(&b.block);
                        self.cold -= cold as u32;
                    } else {
                        self.expr(els, Mode::Move);
                    }
                    self.cond_depth -= 1;
                }
            }
            Expr::Let(l) => {
                self.expr(&l.expr, Mode::Read);
                let end = Pos::end_of(l.expr.span());
                self.bind_pat(&l.pat, None, None, BindKind::Pattern, (0, 0), end);
            }
            Expr::Match(m) => {
                self.expr(&m.expr, Mode::Read);
                for arm in &m.arms {
                    let mark = self.scope.len();
                    let end = Pos::end_of(arm.body.span());
                    self.bind_pat(&arm.pat, None, None, BindKind::Pattern, (0, 0), end);
                    if let Some((_, g)) = &arm.guard {
                        self.expr(g, Mode::Read);
                    }
                    let cold = expr_diverges(&arm.body)
                        || matches!(&*arm.body, Expr::Block(b) if block_diverges(&b.block));
                    self.cold += cold as u32;
                    self.cond_depth += 1;
                    self.expr(&arm.body, Mode::Move);
                    self.cond_depth -= 1;
                    self.cold -= cold as u32;
                    self.finish_scope(mark, end);
                }
            }
            Expr::Return(r) => {
                if let Some(v) = &r.expr {
                    self.parent = Parent::Return;
                    self.expr(v, Mode::Move);
                }
            }
            Expr::Break(b) => {
                if let Some(v) = &b.expr {
                    self.parent = Parent::Return;
                    self.expr(v, Mode::Move);
                }
            }
            Expr::Try(t) => self.expr(&t.expr, Mode::Move),
            Expr::Struct(s) => {
                for f in &s.fields {
                    self.parent = Parent::Arg;
                    self.expr(&f.expr, Mode::Move);
                }
                if let Some(rest) = &s.rest {
                    self.expr(rest, Mode::Read);
                }
            }
            Expr::Array(a) => {
                for x in &a.elems {
                    self.parent = Parent::Arg;
                    self.expr(x, Mode::Move);
                }
            }
            Expr::Tuple(t) => {
                for x in &t.elems {
                    self.parent = if parent == Parent::Return {
                        Parent::Return
                    } else {
                        Parent::Arg
                    };
                    self.expr(x, Mode::Move);
                }
            }
            Expr::Repeat(r) => {
                self.expr(&r.expr, Mode::Move);
                self.expr(&r.len, Mode::Read);
            }
            Expr::Cast(c) => self.expr(&c.expr, Mode::Read),
            Expr::Paren(p) => {
                self.parent = parent;
                self.expr(&p.expr, mode);
            }
            Expr::Group(g) => {
                self.parent = parent;
                self.expr(&g.expr, mode);
            }
            Expr::Range(r) => {
                if let Some(s) = &r.start {
                    self.expr(s, Mode::Read);
                }
                if let Some(s) = &r.end {
                    self.expr(s, Mode::Read);
                }
            }
            Expr::Macro(m) => self.scan_tokens(&m.mac.tokens),
            _ => {}
        }
    }

    fn method_call(&mut self, e: &'a Expr, m: &'a syn::ExprMethodCall, parent: Parent) {
        let name = &m.method;
        if m.args.is_empty() {
            let kind = if name == "clone" {
                Some(SiteKind::Clone)
            } else if name == "to_owned" {
                Some(SiteKind::ToOwned)
            } else if name == "to_string" {
                Some(SiteKind::ToString)
            } else if name == "to_vec" {
                Some(SiteKind::ToVec)
            } else if name == "collect" {
                Some(SiteKind::Collect)
            } else {
                None
            };
            if let Some(k) = kind {
                self.site(e, k, parent);
            }
        }
        if let Some((root, is_static)) = growth_root(&m.receiver) {
            let kind = if ident_in(name, GROW) {
                Some(GrowthUse::Grow)
            } else if ident_in(name, DRAIN) {
                Some(GrowthUse::Drain)
            } else if ident_in(name, LOOKUP) {
                Some(GrowthUse::Lookup)
            } else {
                None
            };
            if let Some(kind) = kind {
                self.f.events.push(RootEvent {
                    name: root,
                    is_static,
                    kind,
                });
            }
        }
        // Receiver.
        let mutating = ident_in(name, MUTATING);
        match path_ident(&m.receiver) {
            Some(id) => self.use_ident(
                id,
                if mutating {
                    UseKind::MutRecv(name)
                } else if name.to_string().starts_with("into") {
                    // `into_iter`, `into_boxed_slice`, `into()` consume the receiver.
                    UseKind::Move
                } else {
                    UseKind::Recv(name)
                },
            ),
            None => self.expr(
                &m.receiver,
                if mutating { Mode::MutRecv } else { Mode::Read },
            ),
        }
        // Error-path adaptors: their arguments run only on failure.
        let cold_args = ident_in(
            name,
            &[
                "map_err",
                "ok_or",
                "ok_or_else",
                "unwrap_or_else",
                "expect",
                "context",
                "with_context",
                "or_else",
                "expect_err",
            ],
        );
        let spawn = name == "spawn" || name == "spawn_blocking";
        let iter_loop = ident_in(name, ITER_ONLY)
            || (ident_in(name, ITER_MAYBE) && is_iterator_chain(&m.receiver));
        self.cold += cold_args as u32;
        self.calls.push(e);
        for a in &m.args {
            match a {
                Expr::Closure(c) if iter_loop => {
                    let prev = self.open_loop(
                        LoopKind::IterClosure,
                        c.or1_token.span,
                        Some(&m.receiver),
                        c.inputs.first(),
                        Some(name),
                    );
                    let body_closure = self.f.closures.len() as u32;
                    if let Some(l) = self.f.loops.last_mut() {
                        l.end_line = Pos::end_of(c.body.span()).line;
                        l.body_closure = body_closure;
                    }
                    self.closure(c, false);
                    self.loop_id = prev;
                }
                Expr::Closure(c) => self.closure(c, spawn),
                _ => {
                    self.parent = Parent::Arg;
                    self.expr(a, Mode::Move);
                }
            }
        }
        self.calls.pop();
        self.cold -= cold_args as u32;
    }

    fn call(&mut self, e: &'a Expr, c: &'a syn::ExprCall, parent: Parent) {
        if let Some(mac) = rewritten_name(e) {
            let args = c.args.iter();
            match mac {
                "vec" => {
                    self.site(e, SiteKind::VecMacro, parent);
                    self.args(e, args, Mode::Move);
                }
                "format" => {
                    self.site(e, SiteKind::Format, parent);
                    self.format_captures(c, 0);
                    self.args(e, args, Mode::Ref);
                }
                "write" | "writeln" => {
                    let mut it = c.args.iter();
                    if let Some(w) = it.next() {
                        self.expr(w, Mode::RefMut);
                    }
                    self.format_captures(c, 1);
                    self.args(e, it, Mode::Ref);
                }
                "panic" | "unreachable" | "todo" | "unimplemented" => {
                    self.cold += 1;
                    self.format_captures(c, 0);
                    self.args(e, args, Mode::Ref);
                    self.cold -= 1;
                }
                "assert" | "assert_eq" | "assert_ne" | "debug_assert" | "debug_assert_eq"
                | "debug_assert_ne" => {
                    // Message arguments only build on failure.
                    self.cold += 1;
                    self.args(e, args, Mode::Ref);
                    self.cold -= 1;
                }
                "dbg" => self.args(e, args, Mode::Move),
                _ => {
                    self.format_captures(c, 0);
                    self.args(e, args, Mode::Ref);
                }
            }
            return;
        }
        let mut spawn = false;
        let mut cold = is_error_ctor(&c.func);
        if let Some((ty, f)) = path_call(&c.func) {
            let kind = match (ty.to_string().as_str(), f.to_string().as_str()) {
                ("Vec" | "VecDeque", "new") => Some(SiteKind::VecNew),
                ("Vec" | "VecDeque", "with_capacity") => Some(SiteKind::VecWithCapacity),
                ("String", "new") => Some(SiteKind::StringNew),
                ("String", "with_capacity") => Some(SiteKind::StringWithCapacity),
                ("String" | "PathBuf", "from") => Some(SiteKind::StringFrom),
                ("HashMap" | "HashSet" | "BTreeMap" | "BTreeSet", "new" | "with_capacity") => {
                    Some(SiteKind::MapNew)
                }
                ("Box", "new") => Some(SiteKind::BoxNew),
                ("Arc" | "Rc", "new") => Some(SiteKind::SharedNew),
                (_, "spawn" | "spawn_blocking" | "spawn_local") => {
                    spawn = true;
                    None
                }
                _ => None,
            };
            if let Some(k) = kind {
                self.site(e, k, parent);
            }
        } else if let Some(id) = path_ident(&c.func) {
            if id == "spawn" {
                spawn = true;
            }
            if id == "panic_any" {
                cold = true;
            }
        }
        self.expr(&c.func, Mode::Read);
        self.cold += cold as u32;
        self.calls.push(e);
        for a in &c.args {
            match a {
                Expr::Closure(cl) => self.closure(cl, spawn),
                Expr::Async(_) if spawn => {
                    let before = self.f.closures.len();
                    self.expr(a, Mode::Move);
                    if let Some(ci) = self.f.closures.get_mut(before) {
                        ci.spawn = true;
                    }
                }
                _ => {
                    self.parent = Parent::Arg;
                    self.expr(a, Mode::Move);
                }
            }
        }
        self.calls.pop();
        self.cold -= cold as u32;
    }

    /// Inline format captures (`"{name}"`) read locals too.
    fn format_captures(&mut self, c: &'a syn::ExprCall, idx: usize) {
        let Some(Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        })) = c.args.iter().nth(idx)
        else {
            return;
        };
        let value = s.value();
        if !value.contains('{') {
            return;
        }
        let pos = Pos::of(s.span());
        let bytes = value.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'{' {
                if bytes.get(i + 1) == Some(&b'{') {
                    i += 2;
                    continue;
                }
                let start = i + 1;
                let mut j = start;
                while j < bytes.len() && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'_') {
                    j += 1;
                }
                if j > start && !bytes[start].is_ascii_digit() {
                    if let Some(b) = self.resolve_str(&value[start..j]) {
                        self.record(b, pos, UseKind::Ref);
                    }
                }
                i = j;
            } else {
                i += 1;
            }
        }
    }
}

/// Strips parentheses and groups.
pub(crate) fn strip(e: &Expr) -> &Expr {
    match e {
        Expr::Paren(p) => strip(&p.expr),
        Expr::Group(g) => strip(&g.expr),
        _ => e,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts_of(src: &str, f: impl FnOnce(&FnFacts<'_>)) {
        let mut file: syn::File = syn::parse_str(src).unwrap();
        crate::macros::expand_standard_macros(&mut file);
        let syn::Item::Fn(func) = &file.items[0] else {
            panic!("first item must be a fn")
        };
        let facts = walk_fn(&func.sig, &func.block);
        f(&facts);
    }

    fn binding(f: &FnFacts<'_>, name: &str) -> u32 {
        f.bindings
            .iter()
            .position(|b| b.name == name)
            .unwrap_or_else(|| panic!("no binding {name}")) as u32
    }

    #[test]
    fn uses_are_classified() {
        facts_of(
            "fn f(v: Vec<u8>) { let a = v.clone(); let mut b = a; b.push(1); consume(&b); println!(\"{b:?}\"); }",
            |f| {
                let kinds: Vec<_> = f.uses(binding(f, "b")).map(|u| u.kind).collect();
                assert!(matches!(kinds[0], UseKind::MutRecv(m) if m == "push"), "push mutates: {kinds:?}");
                assert_eq!(kinds[1], UseKind::Ref, "&b lends");
                assert_eq!(kinds.len(), 3, "the inline format capture reads b: {kinds:?}");
                let a: Vec<_> = f.uses(binding(f, "a")).map(|u| u.kind).collect();
                assert_eq!(a, vec![UseKind::Move], "let b = a moves a");
            },
        );
    }

    #[test]
    fn loops_and_cold_paths_are_tracked() {
        facts_of(
            "fn f(rows: &[String]) -> Result<(), String> { for r in rows { let s = r.to_string(); if s.is_empty() { return Err(format!(\"empty\")); } } rows.iter().map(|r| r.to_owned()).count(); Ok(()) }",
            |f| {
                let to_string = f.sites.iter().find(|s| s.kind == SiteKind::ToString).unwrap();
                assert_eq!(to_string.loop_id, 1, "inside the for loop");
                assert!(!to_string.cold);
                let fmt = f.sites.iter().find(|s| s.kind == SiteKind::Format).unwrap();
                assert!(fmt.cold, "error construction is cold");
                let owned = f.sites.iter().find(|s| s.kind == SiteKind::ToOwned).unwrap();
                assert_eq!(f.loops[owned.loop_id as usize].kind, LoopKind::IterClosure, "map closure runs per element");
            },
        );
    }

    #[test]
    fn option_map_is_not_a_loop() {
        facts_of(
            "fn f(o: Option<&str>) { let _ = o.map(|s| s.to_string()); }",
            |f| {
                let s = f
                    .sites
                    .iter()
                    .find(|s| s.kind == SiteKind::ToString)
                    .unwrap();
                assert_eq!(s.loop_id, 0, "Option::map runs once");
            },
        );
    }

    #[test]
    fn spawned_closures_are_marked() {
        facts_of(
            "fn f(a: String) { std::thread::spawn(move || drop(a)); }",
            |f| {
                let u = f.uses(binding(f, "a")).next().unwrap();
                assert!(
                    f.spawned_between(u.closure_id, 0),
                    "use inside thread::spawn"
                );
            },
        );
    }
}
