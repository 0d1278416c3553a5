//! Syntax facts about one source file, gathered in a single syn walk: the
//! allocation, clone and `Box` sites with the context they sit in (loop,
//! error path, test code, spawned task), every function's bindings and the
//! uses of each place expression (read, mutated, moved), and the file's types.
//!
//! The Validator asks its questions ("is the cloned value mutated later?",
//! "is this box what makes the enum sized?") against these facts, never
//! against the Analyst's reasoning. This module must NOT decide verdicts and
//! must NOT keep any `proc_macro2::Span`: positions are copied out as plain
//! line/column numbers, so the caller can invalidate the thread's span table
//! right after the walk.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use quote::ToTokens;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::{Expr, Pat, Type};

/// A 1-based line and 0-based column, copied out of a span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub(crate) struct Pos {
    pub line: u32,
    pub col: u32,
}

fn start_of<T: Spanned>(node: &T) -> Pos {
    let p = node.span().start();
    Pos {
        line: u32::try_from(p.line).unwrap_or(u32::MAX),
        col: u32::try_from(p.column).unwrap_or(u32::MAX),
    }
}

fn end_of<T: Spanned>(node: &T) -> Pos {
    let p = node.span().end();
    Pos {
        line: u32::try_from(p.line).unwrap_or(u32::MAX),
        col: u32::try_from(p.column).unwrap_or(u32::MAX),
    }
}

/// Tokens of a syntax node as text without layout: a space survives only
/// between two word characters (`dyn Stage`, `&'a str`), so that
/// `Arc < Mutex < T > >` and `Arc<Mutex<T>>` compare equal.
pub(crate) fn compact<T: ToTokens>(node: &T) -> String {
    let text = node.to_token_stream().to_string();
    let chars: Vec<char> = text.chars().collect();
    let word = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric() || *c == '_');
    let mut out = String::with_capacity(text.len());
    for (i, c) in chars.iter().enumerate() {
        if c.is_whitespace() {
            let prev = out.chars().next_back();
            if word(prev.as_ref()) && word(chars.get(i + 1)) {
                out.push(' ');
            }
        } else {
            out.push(*c);
        }
    }
    out
}

/// How a loop repeats the code inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LoopKind {
    For,
    While,
    Loop,
    /// A closure passed to an iterator adaptor (`map`, `for_each`, …).
    Iterator(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LoopCtx {
    pub kind: LoopKind,
    pub line: u32,
    pub body_start: Pos,
    pub body_end: Pos,
    /// The body runs on several threads (rayon `par_iter` chains).
    pub parallel: bool,
    /// What is iterated: the `for` loop's expression or the adaptor's
    /// receiver (`rows`, `batches.iter().enumerate()`); empty for
    /// `while`/`loop`.
    pub source: String,
}

impl LoopCtx {
    pub fn describe(&self) -> String {
        let what = match &self.kind {
            LoopKind::For => "`for` loop".to_owned(),
            LoopKind::While => "`while` loop".to_owned(),
            LoopKind::Loop => "`loop`".to_owned(),
            LoopKind::Iterator(m) => format!("`.{m}(..)` closure"),
        };
        format!("{what} at line {}", self.line)
    }
}

/// Where a site sits: the context the Validator's rules look at.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Ctx {
    /// Index into `FileFacts::fns` of the innermost named function.
    pub fn_idx: Option<usize>,
    /// Enclosing loops, outermost first.
    pub loops: Vec<LoopCtx>,
    /// Why this code only runs on an error or cold path.
    pub cold: Option<String>,
    /// Why this is test code.
    pub test: Option<String>,
    /// Inside the body of a spawned task (closure or async block).
    pub task: Option<String>,
    /// Inside an argument of a spawn call that is evaluated by the spawning
    /// thread and moved into the task, e.g. `tokio::spawn(serve(db.clone()))`.
    pub spawn_arg: Option<String>,
    /// The struct or enum whose definition encloses a type.
    pub item: Option<String>,
    /// The part of a function signature a type is written in
    /// ("the return type of `fn f`").
    pub sig: Option<String>,
    /// Start of the innermost `if`/`else` branch or match arm: code there
    /// runs only on some paths.
    pub branch: Option<Pos>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SiteKind {
    /// `x.clone()`, `x.to_owned()`, `Arc::clone(&x)`, …
    Clone {
        /// The place expression cloned, e.g. `row.name` (None for a temporary).
        receiver: Option<String>,
        via: String,
    },
    /// An expression that allocates: `Vec::new()`, `format!`, `.to_string()`, …
    Alloc { what: String },
    /// A `Box<T>` type.
    BoxType {
        inner: String,
        dyn_trait: bool,
        /// Type names `T` contains by value (not behind another pointer).
        by_value: Vec<String>,
        /// The type the box is an argument of (`Vec` in `Vec<Box<T>>`).
        container: Option<String>,
        /// Some enclosing type already holds the box behind a pointer
        /// (`Vec<Box<T>>`), so the box is not what makes a type sized.
        indirect: bool,
    },
    /// A struct or enum definition.
    Item { name: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Site {
    pub kind: SiteKind,
    pub start: Pos,
    pub end: Pos,
    pub ctx: Ctx,
    /// What consumes the value directly, e.g. `.push(..)`, `return`.
    pub sink: Option<String>,
}

impl Site {
    pub fn label(&self) -> String {
        match &self.kind {
            SiteKind::Clone { receiver, via } => match receiver {
                Some(r) if via.starts_with('.') => format!("`{r}{via}`"),
                Some(r) => format!("`{via}(&{r})`"),
                None => format!("`{via}`"),
            },
            SiteKind::Alloc { what } => format!("`{what}`"),
            SiteKind::BoxType { inner, .. } => format!("`Box<{inner}>`"),
            SiteKind::Item { name } => format!("`{name}`"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum UseKind {
    Read,
    /// Mutated through the named operation (`push`, `=`, `&mut`, …).
    Mutate(String),
    /// Moved into the named consumer (`consume(..)`, `.push(..)`, `return`, …).
    Move(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Use {
    pub key: String,
    pub pos: Pos,
    pub kind: UseKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Binding {
    pub name: String,
    pub ty: Option<String>,
    pub init: Option<String>,
    pub pos: Pos,
    /// Span of the initialiser with `?`, `.await` and parentheses stripped.
    pub init_span: Option<(Pos, Pos)>,
}

/// A `move` closure, `async move` block or spawn argument: what it captures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MoveScope {
    pub kind: String,
    pub start: Pos,
    pub end: Pos,
    pub idents: BTreeSet<String>,
    /// The scope must be `'static` (a spawned thread or task).
    pub static_task: bool,
}

/// A `.push(..)`-like call that grows a place: where it runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Push {
    pub key: String,
    pub method: String,
    pub pos: Pos,
    /// Enclosing loops, outermost first.
    pub loops: Vec<LoopCtx>,
    /// Start of the innermost enclosing branch, if any.
    pub branch: Option<Pos>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct FnFacts {
    pub name: String,
    pub public: bool,
    pub is_async: bool,
    pub trait_impl: bool,
    pub self_ty: Option<String>,
    pub start: Pos,
    pub end: Pos,
    pub params: Vec<(String, String)>,
    pub ret: Option<String>,
    pub bindings: Vec<Binding>,
    pub uses: Vec<Use>,
    pub move_scopes: Vec<MoveScope>,
    pub calls: BTreeSet<String>,
    /// Calls that add one element to a collection or string.
    pub pushes: Vec<Push>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct TypeItem {
    pub copy: bool,
    pub fields: Vec<(String, String)>,
    /// Type names held by value in the fields (the "contains" graph).
    pub by_value: BTreeSet<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct FileFacts {
    pub fns: Vec<FnFacts>,
    pub sites: Vec<Site>,
    pub types: BTreeMap<String, TypeItem>,
}

/// Methods that take `&mut self` on std collections and strings.
const MUTATING: &[&str] = &[
    "push",
    "push_str",
    "push_back",
    "push_front",
    "insert",
    "remove",
    "clear",
    "extend",
    "extend_from_slice",
    "truncate",
    "retain",
    "drain",
    "append",
    "pop",
    "pop_back",
    "pop_front",
    "sort",
    "sort_by",
    "sort_by_key",
    "sort_unstable",
    "dedup",
    "reverse",
    "iter_mut",
    "get_mut",
    "entry",
    "as_mut",
    "swap",
    "resize",
    "reserve",
    "shrink_to_fit",
    "split_off",
    "take",
    "set",
    "fill",
    "rotate_left",
    "rotate_right",
];

/// Methods that only borrow their arguments in practice (their parameters
/// are references or `Copy` keys), so a bare place argument is not a move.
const BORROWING_METHODS: &[&str] = &[
    "get",
    "get_mut",
    "contains",
    "contains_key",
    "starts_with",
    "ends_with",
    "eq",
    "ne",
    "cmp",
    "partial_cmp",
    "find",
    "split",
    "strip_prefix",
    "strip_suffix",
    "remove",
    "extend_from_slice",
    "push_str",
    "write_all",
    "write_str",
];

/// Methods whose result is a fresh heap allocation.
const ALLOC_METHODS: &[&str] = &[
    "clone",
    "to_string",
    "to_owned",
    "to_vec",
    "collect",
    "join",
    "concat",
    "repeat",
    "to_uppercase",
    "to_lowercase",
    "to_ascii_uppercase",
    "to_ascii_lowercase",
    "into_owned",
    "into_boxed_slice",
];

/// Constructors (`Type::fn`) that allocate or prepare an allocation.
const ALLOC_TYPES: &[&str] = &[
    "Vec",
    "String",
    "Box",
    "HashMap",
    "HashSet",
    "BTreeMap",
    "BTreeSet",
    "VecDeque",
    "BinaryHeap",
    "Rc",
    "Arc",
];
const ALLOC_CTORS: &[&str] = &["new", "with_capacity", "from", "from_iter"];

/// Iterator adaptors whose closure runs once per element.
const ITER_ADAPTORS: &[&str] = &[
    "map",
    "for_each",
    "filter",
    "filter_map",
    "flat_map",
    "fold",
    "try_fold",
    "try_for_each",
    "any",
    "all",
    "find",
    "find_map",
    "position",
    "inspect",
    "scan",
    "take_while",
    "skip_while",
    "map_while",
    "retain",
    "for_each_init",
    "map_init",
    "sort_by",
    "sort_by_key",
];

/// Iterator adaptors that yield their closure's result to the consumer.
const YIELDING_ADAPTORS: &[&str] = &[
    "map",
    "filter_map",
    "flat_map",
    "map_while",
    "scan",
    "map_init",
];

/// Methods whose closure argument only runs when there is an error. Eager
/// variants (`ok_or`, `expect`, `context`) are deliberately absent: their
/// argument is evaluated on every call, so an allocation there is not cold.
const COLD_CLOSURE_METHODS: &[&str] = &["map_err", "ok_or_else", "with_context", "unwrap_or_else"];

/// Macros that diverge: everything in their arguments is a cold path.
const PANIC_MACROS: &[&str] = &[
    "panic",
    "unreachable",
    "unimplemented",
    "todo",
    "bail",
    "anyhow",
    "eyre",
    "format_err",
];

/// Macros whose first N arguments always run and the rest only on failure.
const ASSERT_MACROS: &[(&str, usize)] = &[
    ("assert", 1),
    ("debug_assert", 1),
    ("ensure", 1),
    ("assert_eq", 2),
    ("assert_ne", 2),
    ("debug_assert_eq", 2),
    ("debug_assert_ne", 2),
];

/// Macros whose tokens are expressions (format-like or list-like).
const EXPR_MACROS: &[&str] = &[
    "format",
    "vec",
    "print",
    "println",
    "eprint",
    "eprintln",
    "write",
    "writeln",
    "dbg",
    "trace",
    "debug",
    "info",
    "warn",
    "error",
    "format_args",
    "matches",
];

/// Containers and pointers that hold their contents behind a heap pointer, so
/// a type inside them does not count towards the outer type's size.
const INDIRECT: &[&str] = &[
    "Box",
    "Vec",
    "Rc",
    "Arc",
    "Weak",
    "HashMap",
    "HashSet",
    "BTreeMap",
    "BTreeSet",
    "VecDeque",
    "LinkedList",
    "BinaryHeap",
    "String",
    "Cow",
    "PhantomData",
];

/// Type names contained by value in `ty` (not behind a pointer).
fn by_value_names(ty: &Type, out: &mut Vec<String>) {
    match ty {
        Type::Path(p) => {
            let Some(last) = p.path.segments.last() else {
                return;
            };
            let name = last.ident.to_string();
            if INDIRECT.contains(&name.as_str()) {
                return;
            }
            out.push(name);
            if let syn::PathArguments::AngleBracketed(args) = &last.arguments {
                for arg in &args.args {
                    if let syn::GenericArgument::Type(t) = arg {
                        by_value_names(t, out);
                    }
                }
            }
        }
        Type::Tuple(t) => t.elems.iter().for_each(|e| by_value_names(e, out)),
        Type::Array(a) => by_value_names(&a.elem, out),
        Type::Paren(p) => by_value_names(&p.elem, out),
        Type::Group(g) => by_value_names(&g.elem, out),
        _ => {}
    }
}

/// The place expression an expression names: `x`, `self.items`, `a.b.c`.
/// References, derefs and parentheses are looked through.
pub(crate) fn place_key(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Path(p) if p.qself.is_none() && p.path.segments.len() == 1 => {
            Some(p.path.segments[0].ident.to_string())
        }
        Expr::Field(f) => {
            let base = place_key(&f.base)?;
            let member = match &f.member {
                syn::Member::Named(i) => i.to_string(),
                syn::Member::Unnamed(i) => i.index.to_string(),
            };
            Some(format!("{base}.{member}"))
        }
        Expr::Reference(r) => place_key(&r.expr),
        Expr::Paren(p) => place_key(&p.expr),
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => place_key(&u.expr),
        _ => None,
    }
}

/// Looks through `?`, `.await`, parentheses and groups.
fn core_expr(expr: &Expr) -> &Expr {
    match expr {
        Expr::Try(t) => core_expr(&t.expr),
        Expr::Await(a) => core_expr(&a.base),
        Expr::Paren(p) => core_expr(&p.expr),
        Expr::Group(g) => core_expr(&g.expr),
        Expr::Reference(r) => core_expr(&r.expr),
        _ => expr,
    }
}

fn path_string(path: &syn::Path) -> String {
    path.segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect::<Vec<_>>()
        .join("::")
}

fn last_two(path: &syn::Path) -> String {
    let segs: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    let n = segs.len();
    if n >= 2 {
        format!("{}::{}", segs[n - 2], segs[n - 1])
    } else {
        segs.join("::")
    }
}

fn macro_name(mac: &syn::Macro) -> String {
    mac.path
        .segments
        .last()
        .map(|s| s.ident.to_string())
        .unwrap_or_default()
}

fn attr_is(attr: &syn::Attribute, names: &[&str]) -> bool {
    attr.path()
        .segments
        .last()
        .is_some_and(|s| names.contains(&s.ident.to_string().as_str()))
}

/// `#[cfg(test)]` (but not `#[cfg(not(test))]`).
fn is_cfg_test(attr: &syn::Attribute) -> bool {
    if !attr.path().is_ident("cfg") {
        return false;
    }
    let tokens = compact(&attr.meta);
    tokens.contains("test") && !tokens.contains("not(")
}

fn test_reason(attrs: &[syn::Attribute], what: &str) -> Option<String> {
    if attrs.iter().any(is_cfg_test) {
        return Some(format!("{what} is under `#[cfg(test)]`"));
    }
    if attrs
        .iter()
        .any(|a| attr_is(a, &["test", "bench", "rstest", "quickcheck", "proptest"]))
    {
        return Some(format!("{what} is a `#[test]` function"));
    }
    None
}

/// Whether a block (or expression) ends by returning an error or panicking.
pub(crate) fn diverges_with_error(expr: &Expr) -> bool {
    match expr {
        Expr::Block(b) => block_diverges_with_error(&b.block),
        Expr::Return(r) => r.expr.as_deref().is_some_and(is_err_value),
        Expr::Macro(m) => PANIC_MACROS.contains(&macro_name(&m.mac).as_str()),
        e => is_err_value(e),
    }
}

fn block_diverges_with_error(block: &syn::Block) -> bool {
    match block.stmts.last() {
        Some(syn::Stmt::Expr(e, _)) => diverges_with_error(e),
        Some(syn::Stmt::Macro(m)) => PANIC_MACROS.contains(&macro_name(&m.mac).as_str()),
        _ => false,
    }
}

/// `Err(..)`, `Err(..).into()`, `Err(..)?`, `anyhow!(..)`.
fn is_err_value(expr: &Expr) -> bool {
    match expr {
        Expr::Call(c) => {
            matches!(&*c.func, Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "Err"))
        }
        Expr::MethodCall(m) => is_err_value(&m.receiver),
        Expr::Try(t) => is_err_value(&t.expr),
        Expr::Paren(p) => is_err_value(&p.expr),
        Expr::Macro(m) => PANIC_MACROS.contains(&macro_name(&m.mac).as_str()),
        _ => false,
    }
}

fn pat_is_err(pat: &Pat) -> bool {
    match pat {
        Pat::TupleStruct(t) => t.path.segments.last().is_some_and(|s| s.ident == "Err"),
        Pat::Or(o) => o.cases.iter().all(pat_is_err),
        _ => false,
    }
}

fn pat_name(pat: &Pat) -> Option<(String, Option<String>)> {
    match pat {
        Pat::Ident(i) => Some((i.ident.to_string(), None)),
        Pat::Type(t) => pat_name(&t.pat).map(|(n, _)| (n, Some(compact(&t.ty)))),
        _ => None,
    }
}

fn collect_token_idents(tt: proc_macro2::TokenTree, out: &mut BTreeSet<String>) {
    match tt {
        proc_macro2::TokenTree::Ident(i) => {
            out.insert(i.to_string());
        }
        proc_macro2::TokenTree::Group(g) => {
            for t in g.stream() {
                collect_token_idents(t, out);
            }
        }
        proc_macro2::TokenTree::Literal(l) => {
            // Inline format arguments: `format!("{name}")` captures `name`.
            let text = l.to_string();
            for part in text.split('{').skip(1) {
                let ident: String = part
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !ident.is_empty() && !ident.starts_with(|c: char| c.is_ascii_digit()) {
                    out.insert(ident);
                }
            }
        }
        proc_macro2::TokenTree::Punct(_) => {}
    }
}

fn idents_in<T: ToTokens>(node: &T) -> BTreeSet<String> {
    let mut set = BTreeSet::new();
    for tt in node.to_token_stream() {
        collect_token_idents(tt, &mut set);
    }
    set
}

struct Walker {
    facts: FileFacts,
    ctx: Ctx,
    /// Path types enclosing the type being visited (`Vec` while inside
    /// `Vec<..>`'s arguments).
    type_stack: Vec<String>,
    impl_stack: Vec<(String, bool)>,
    /// What directly consumes an expression, keyed by its span.
    sinks: HashMap<(Pos, Pos), String>,
}

impl Walker {
    fn key_of(expr: &Expr) -> (Pos, Pos) {
        let e = core_expr(expr);
        (start_of(e), end_of(e))
    }

    fn sink(&mut self, expr: &Expr, consumer: String) {
        self.sinks.insert(Self::key_of(expr), consumer);
    }

    fn site(&mut self, kind: SiteKind, start: Pos, end: Pos) {
        self.facts.sites.push(Site {
            kind,
            start,
            end,
            ctx: self.ctx.clone(),
            sink: None,
        });
    }

    fn fn_mut(&mut self) -> Option<&mut FnFacts> {
        let idx = self.ctx.fn_idx?;
        self.facts.fns.get_mut(idx)
    }

    fn record_use(&mut self, expr: &Expr, kind: UseKind) {
        let Some(key) = place_key(expr) else {
            return;
        };
        // A reference to a place is a borrow, not a move.
        if matches!(kind, UseKind::Move(_)) && matches!(core_expr_ref(expr), Expr::Reference(_)) {
            return;
        }
        let pos = start_of(expr);
        if let Some(f) = self.fn_mut() {
            f.uses.push(Use { key, pos, kind });
        }
    }

    fn record_move_if_place(&mut self, expr: &Expr, consumer: &str) {
        if matches!(expr, Expr::Path(_) | Expr::Field(_)) {
            self.record_use(expr, UseKind::Move(consumer.to_owned()));
        }
    }

    fn with_ctx(&mut self, ctx: Ctx, f: impl FnOnce(&mut Self)) {
        let saved = std::mem::replace(&mut self.ctx, ctx);
        f(self);
        self.ctx = saved;
    }

    fn visit_cold(&mut self, reason: String, f: impl FnOnce(&mut Self)) {
        // The innermost reason is the most precise one to report.
        let mut ctx = self.ctx.clone();
        ctx.cold = Some(reason);
        self.with_ctx(ctx, f);
    }

    fn enter_fn(
        &mut self,
        attrs: &[syn::Attribute],
        sig: &syn::Signature,
        public: bool,
        block: &syn::Block,
    ) {
        let name = sig.ident.to_string();
        let (self_ty, trait_impl) = self
            .impl_stack
            .last()
            .map(|(t, tr)| (Some(t.clone()), *tr))
            .unwrap_or((None, false));
        let params = sig
            .inputs
            .iter()
            .filter_map(|arg| match arg {
                syn::FnArg::Typed(t) => pat_name(&t.pat).map(|(n, _)| (n, compact(&t.ty))),
                syn::FnArg::Receiver(_) => None,
            })
            .collect();
        let ret = match &sig.output {
            syn::ReturnType::Type(_, t) => Some(compact(t)),
            syn::ReturnType::Default => None,
        };
        let facts = FnFacts {
            name: name.clone(),
            public,
            is_async: sig.asyncness.is_some(),
            trait_impl,
            self_ty,
            start: start_of(sig),
            end: end_of(block),
            params,
            ret,
            ..FnFacts::default()
        };
        self.facts.fns.push(facts);
        let idx = self.facts.fns.len() - 1;

        let mut ctx = self.ctx.clone();
        ctx.fn_idx = Some(idx);
        // A nested fn is called, not repeated: it starts outside any loop.
        ctx.loops.clear();
        ctx.task = None;
        ctx.spawn_arg = None;
        ctx.branch = None;
        if attrs.iter().any(|a| attr_is(a, &["cold"])) {
            ctx.cold = Some(format!("`fn {name}` is marked `#[cold]`"));
        }
        if ctx.test.is_none() {
            ctx.test = test_reason(attrs, &format!("`fn {name}`"));
        }
        // The tail expression is the function's return value.
        if let Some(syn::Stmt::Expr(tail, None)) = block.stmts.last() {
            self.sink(tail, "return".to_owned());
        }
        // Types written in the signature are sites too (`-> Box<[u8; 8]>`).
        for arg in &sig.inputs {
            if let syn::FnArg::Typed(t) = arg {
                let what = match pat_name(&t.pat) {
                    Some((n, _)) => format!("parameter `{n}` of `fn {name}`"),
                    None => format!("a parameter of `fn {name}`"),
                };
                let mut c = ctx.clone();
                c.sig = Some(what);
                self.with_ctx(c, |w| w.visit_type(&t.ty));
            }
        }
        if let syn::ReturnType::Type(_, t) = &sig.output {
            let mut c = ctx.clone();
            c.sig = Some(format!("the return type of `fn {name}`"));
            self.with_ctx(c, |w| w.visit_type(t));
        }
        self.with_ctx(ctx, |w| w.visit_block(block));
    }

    fn visit_loop_body(
        &mut self,
        kind: LoopKind,
        line: u32,
        body: &Expr,
        parallel: bool,
        source: String,
    ) {
        let mut ctx = self.ctx.clone();
        ctx.loops.push(LoopCtx {
            kind,
            line,
            body_start: start_of(body),
            body_end: end_of(body),
            parallel,
            source,
        });
        self.with_ctx(ctx, |w| w.visit_expr(body));
    }

    fn visit_block_loop(&mut self, kind: LoopKind, line: u32, body: &syn::Block, source: String) {
        let mut ctx = self.ctx.clone();
        ctx.loops.push(LoopCtx {
            kind,
            line,
            body_start: start_of(body),
            body_end: end_of(body),
            parallel: false,
            source,
        });
        self.with_ctx(ctx, |w| w.visit_block(body));
    }

    /// An argument of a spawn call: its captures move into a `'static` task.
    fn visit_task_arg(&mut self, arg: &Expr, spawner: &str) {
        let start = start_of(arg);
        let end = end_of(arg);
        let idents = idents_in(arg);
        if let Some(f) = self.fn_mut() {
            f.move_scopes.push(MoveScope {
                kind: format!("`{spawner}`"),
                start,
                end,
                idents,
                static_task: true,
            });
        }
        let mut ctx = self.ctx.clone();
        match arg {
            Expr::Closure(c) => {
                ctx.task = Some(format!("`{spawner}`"));
                self.with_ctx(ctx, |w| w.visit_expr(&c.body));
            }
            Expr::Async(a) => {
                ctx.task = Some(format!("`{spawner}`"));
                self.with_ctx(ctx, |w| w.visit_block(&a.block));
            }
            other => {
                ctx.spawn_arg = Some(format!("`{spawner}`"));
                self.with_ctx(ctx, |w| w.visit_expr(other));
            }
        }
    }

    fn visit_macro_args(&mut self, mac: &syn::Macro) {
        let name = macro_name(mac);
        let parser = Punctuated::<Expr, syn::Token![,]>::parse_terminated;
        let args: Vec<Expr> = match mac.parse_body_with(parser) {
            Ok(p) => p.into_iter().collect(),
            Err(_) => {
                // `vec![x; n]`
                let repeat = |input: syn::parse::ParseStream| {
                    let a: Expr = input.parse()?;
                    input.parse::<syn::Token![;]>()?;
                    let b: Expr = input.parse()?;
                    Ok(vec![a, b])
                };
                mac.parse_body_with(repeat).unwrap_or_default()
            }
        };
        let always = if PANIC_MACROS.contains(&name.as_str()) {
            0
        } else {
            ASSERT_MACROS
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, k)| *k)
                .unwrap_or(usize::MAX)
        };
        for (i, arg) in args.iter().enumerate() {
            // Named format arguments parse as assignments: only the value matters.
            let value = match arg {
                Expr::Assign(a) => &*a.right,
                other => other,
            };
            if i >= always {
                let line = start_of(&mac.path).line;
                self.visit_cold(format!("argument of `{name}!` at line {line}"), |w| {
                    w.visit_expr(value)
                });
            } else {
                if name == "vec" {
                    self.sink(value, "`vec![..]`".to_owned());
                }
                self.visit_expr(value);
            }
        }
    }
}

fn core_expr_ref(expr: &Expr) -> &Expr {
    match expr {
        Expr::Paren(p) => core_expr_ref(&p.expr),
        e => e,
    }
}

impl<'ast> Visit<'ast> for Walker {
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        let public = matches!(f.vis, syn::Visibility::Public(_));
        self.enter_fn(&f.attrs, &f.sig, public, &f.block);
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        let public = matches!(f.vis, syn::Visibility::Public(_));
        self.enter_fn(&f.attrs, &f.sig, public, &f.block);
    }

    fn visit_trait_item_fn(&mut self, f: &'ast syn::TraitItemFn) {
        if let Some(block) = &f.default {
            self.enter_fn(&f.attrs, &f.sig, true, block);
        }
    }

    fn visit_item_impl(&mut self, i: &'ast syn::ItemImpl) {
        let self_ty = match &*i.self_ty {
            Type::Path(p) => p
                .path
                .segments
                .last()
                .map(|s| s.ident.to_string())
                .unwrap_or_default(),
            other => compact(other),
        };
        self.impl_stack.push((self_ty, i.trait_.is_some()));
        let mut ctx = self.ctx.clone();
        if ctx.test.is_none() {
            ctx.test = i
                .attrs
                .iter()
                .any(is_cfg_test)
                .then(|| "the `impl` is under `#[cfg(test)]`".to_owned());
        }
        self.with_ctx(ctx, |w| visit::visit_item_impl(w, i));
        self.impl_stack.pop();
    }

    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        let mut ctx = self.ctx.clone();
        if ctx.test.is_none() {
            ctx.test = test_reason(&m.attrs, &format!("`mod {}`", m.ident));
        }
        self.with_ctx(ctx, |w| visit::visit_item_mod(w, m));
    }

    fn visit_item_struct(&mut self, s: &'ast syn::ItemStruct) {
        let name = s.ident.to_string();
        let mut item = TypeItem {
            copy: derives_copy(&s.attrs),
            ..TypeItem::default()
        };
        for (i, field) in s.fields.iter().enumerate() {
            let fname = field
                .ident
                .as_ref()
                .map(|i| i.to_string())
                .unwrap_or_else(|| i.to_string());
            item.fields.push((fname, compact(&field.ty)));
            let mut names = Vec::new();
            by_value_names(&field.ty, &mut names);
            item.by_value.extend(names);
        }
        self.facts.types.insert(name.clone(), item);
        self.enter_item(&s.attrs, name, start_of(&s.ident), s, |w| {
            visit::visit_item_struct(w, s)
        });
    }

    fn visit_item_enum(&mut self, e: &'ast syn::ItemEnum) {
        let name = e.ident.to_string();
        let mut item = TypeItem {
            copy: derives_copy(&e.attrs),
            ..TypeItem::default()
        };
        for variant in &e.variants {
            for field in &variant.fields {
                let mut names = Vec::new();
                by_value_names(&field.ty, &mut names);
                item.by_value.extend(names);
            }
        }
        self.facts.types.insert(name.clone(), item);
        self.enter_item(&e.attrs, name, start_of(&e.ident), e, |w| {
            visit::visit_item_enum(w, e)
        });
    }

    fn visit_type_path(&mut self, t: &'ast syn::TypePath) {
        let Some(last) = t.path.segments.last() else {
            return visit::visit_type_path(self, t);
        };
        let name = last.ident.to_string();
        if name == "Box" {
            if let syn::PathArguments::AngleBracketed(args) = &last.arguments {
                if let Some(syn::GenericArgument::Type(inner)) = args.args.first() {
                    let mut by_value = Vec::new();
                    by_value_names(inner, &mut by_value);
                    let dyn_trait = matches!(inner, Type::TraitObject(_));
                    let indirect = self
                        .type_stack
                        .iter()
                        .any(|n| INDIRECT.contains(&n.as_str()));
                    self.site(
                        SiteKind::BoxType {
                            inner: compact(inner),
                            dyn_trait,
                            by_value,
                            container: self.type_stack.last().cloned(),
                            indirect,
                        },
                        start_of(t),
                        end_of(t),
                    );
                }
            }
        }
        self.type_stack.push(name);
        visit::visit_type_path(self, t);
        self.type_stack.pop();
    }

    fn visit_local(&mut self, l: &'ast syn::Local) {
        if let Some((name, ty)) = pat_name(&l.pat) {
            let init = l.init.as_ref().map(|i| compact(&i.expr));
            let init_span = l.init.as_ref().map(|i| Walker::key_of(&i.expr));
            if let Some(i) = &l.init {
                self.record_move_if_place(&i.expr, &format!("let {name}"));
                self.sink(&i.expr, format!("let {name}"));
            }
            let pos = start_of(l);
            if let Some(f) = self.fn_mut() {
                f.bindings.push(Binding {
                    name,
                    ty,
                    init,
                    pos,
                    init_span,
                });
            }
        }
        self.visit_pat(&l.pat);
        if let Some(init) = &l.init {
            self.visit_expr(&init.expr);
            if let Some((_, diverge)) = &init.diverge {
                if diverges_with_error(diverge) {
                    let line = start_of(&**diverge).line;
                    self.visit_cold(
                        format!("`let .. else` block at line {line} returns an error"),
                        |w| w.visit_expr(diverge),
                    );
                } else {
                    self.visit_expr(diverge);
                }
            }
        }
    }

    fn visit_expr_for_loop(&mut self, f: &'ast syn::ExprForLoop) {
        self.visit_pat(&f.pat);
        // The iterated expression is evaluated once, before the loop.
        self.visit_expr(&f.expr);
        let line = start_of(&f.for_token).line;
        self.visit_block_loop(LoopKind::For, line, &f.body, compact(&f.expr));
    }

    fn visit_expr_while(&mut self, w: &'ast syn::ExprWhile) {
        let line = start_of(&w.while_token).line;
        let mut ctx = self.ctx.clone();
        ctx.loops.push(LoopCtx {
            kind: LoopKind::While,
            line,
            body_start: start_of(&*w.cond),
            body_end: end_of(&w.body),
            parallel: false,
            source: String::new(),
        });
        self.with_ctx(ctx, |v| {
            v.visit_expr(&w.cond);
            v.visit_block(&w.body);
        });
    }

    fn visit_expr_loop(&mut self, l: &'ast syn::ExprLoop) {
        let line = start_of(&l.loop_token).line;
        self.visit_block_loop(LoopKind::Loop, line, &l.body, String::new());
    }

    fn visit_expr_closure(&mut self, c: &'ast syn::ExprClosure) {
        if c.capture.is_some() {
            let scope = MoveScope {
                kind: "`move` closure".to_owned(),
                start: start_of(c),
                end: end_of(c),
                idents: idents_in(&c.body),
                static_task: false,
            };
            if let Some(f) = self.fn_mut() {
                f.move_scopes.push(scope);
            }
        }
        visit::visit_expr_closure(self, c);
    }

    fn visit_expr_async(&mut self, a: &'ast syn::ExprAsync) {
        if a.capture.is_some() {
            let scope = MoveScope {
                kind: "`async move` block".to_owned(),
                start: start_of(a),
                end: end_of(a),
                idents: idents_in(&a.block),
                static_task: false,
            };
            if let Some(f) = self.fn_mut() {
                f.move_scopes.push(scope);
            }
        }
        visit::visit_expr_async(self, a);
    }

    fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
        let method = m.method.to_string();
        let start = start_of(m);
        let end = end_of(m);
        if let Some(f) = self.fn_mut() {
            f.calls.insert(method.clone());
        }
        if matches!(
            method.as_str(),
            "push" | "push_back" | "push_str" | "insert"
        ) {
            if let Some(key) = place_key(&m.receiver) {
                let push = Push {
                    key,
                    method: method.clone(),
                    pos: start,
                    loops: self.ctx.loops.clone(),
                    branch: self.ctx.branch,
                };
                if let Some(f) = self.fn_mut() {
                    f.pushes.push(push);
                }
            }
        }
        if MUTATING.contains(&method.as_str()) {
            self.record_use(&m.receiver, UseKind::Mutate(format!(".{method}(..)")));
        } else if method.starts_with("into_") {
            self.record_use(&m.receiver, UseKind::Move(format!(".{method}()")));
        }
        if m.args.is_empty()
            && matches!(
                method.as_str(),
                "clone" | "to_owned" | "to_vec" | "to_string" | "cloned"
            )
        {
            self.site(
                SiteKind::Clone {
                    receiver: place_key(&m.receiver),
                    via: format!(".{method}()"),
                },
                start,
                end,
            );
        }
        if ALLOC_METHODS.contains(&method.as_str()) {
            let what = match place_key(&m.receiver) {
                Some(r) => format!("{r}.{method}()"),
                None => format!(".{method}()"),
            };
            self.site(SiteKind::Alloc { what }, start, end);
        }
        for arg in &m.args {
            if !BORROWING_METHODS.contains(&method.as_str()) {
                self.record_move_if_place(arg, &format!(".{method}(..)"));
            }
            self.sink(arg, format!(".{method}(..)"));
        }

        self.visit_expr(&m.receiver);
        let receiver_text = compact(&m.receiver);
        let parallel = receiver_text.contains("par_iter")
            || receiver_text.contains(".par_")
            || receiver_text.contains("into_par_iter");
        let line = start_of(&m.method).line;
        for arg in &m.args {
            // What a mapping closure returns is handed to the iterator's
            // consumer (`collect`, `extend`): it outlives the closure.
            if let (Expr::Closure(c), true) = (arg, YIELDING_ADAPTORS.contains(&method.as_str())) {
                let result = match &*c.body {
                    Expr::Block(b) => match b.block.stmts.last() {
                        Some(syn::Stmt::Expr(e, None)) => Some(e),
                        _ => None,
                    },
                    e => Some(e),
                };
                if let Some(e) = result {
                    self.sink(e, format!("yielded by `.{method}(..)`"));
                }
            }
            match arg {
                Expr::Closure(c) if ITER_ADAPTORS.contains(&method.as_str()) => self
                    .visit_loop_body(
                        LoopKind::Iterator(method.clone()),
                        line,
                        &c.body,
                        parallel,
                        receiver_text.clone(),
                    ),
                Expr::Closure(_) if COLD_CLOSURE_METHODS.contains(&method.as_str()) => self
                    .visit_cold(
                        format!("closure of `.{method}(..)` at line {line} runs only on error"),
                        |w| w.visit_expr(arg),
                    ),
                Expr::Closure(c) if method == "spawn" && c.capture.is_some() => {
                    self.visit_task_arg(arg, ".spawn")
                }
                Expr::Async(a) if method == "spawn" && a.capture.is_some() => {
                    self.visit_task_arg(arg, ".spawn")
                }
                other => self.visit_expr(other),
            }
        }
    }

    fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
        let (full, tail) = match &*c.func {
            Expr::Path(p) => (path_string(&p.path), last_two(&p.path)),
            _ => (String::new(), String::new()),
        };
        let last = tail.rsplit("::").next().unwrap_or_default().to_owned();
        if let Some(f) = self.fn_mut() {
            if !last.is_empty() {
                f.calls.insert(last.clone());
            }
        }
        let start = start_of(c);
        let end = end_of(c);
        if matches!(tail.as_str(), "Arc::clone" | "Rc::clone") {
            self.site(
                SiteKind::Clone {
                    receiver: c.args.first().and_then(place_key),
                    via: tail.clone(),
                },
                start,
                end,
            );
        } else if let Some((ty, ctor)) = tail.split_once("::") {
            if ALLOC_TYPES.contains(&ty) && ALLOC_CTORS.contains(&ctor) {
                self.site(
                    SiteKind::Alloc {
                        what: format!("{tail}(..)"),
                    },
                    start,
                    end,
                );
            }
        }
        for arg in &c.args {
            if !last.is_empty() {
                self.record_move_if_place(arg, &format!("{full}(..)"));
                self.sink(arg, format!("{full}(..)"));
            }
        }
        self.visit_expr(&c.func);
        let line = start.line;
        if last == "Err" {
            self.visit_cold(format!("inside `Err(..)` at line {line}"), |w| {
                c.args.iter().for_each(|a| w.visit_expr(a))
            });
        } else if matches!(last.as_str(), "spawn" | "spawn_blocking" | "spawn_local") {
            for arg in &c.args {
                self.visit_task_arg(arg, &full);
            }
        } else {
            c.args.iter().for_each(|a| self.visit_expr(a));
        }
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        let name = macro_name(mac);
        let start = start_of(&mac.path);
        let close = mac.delimiter.span().close().end();
        let end = Pos {
            line: u32::try_from(close.line).unwrap_or(u32::MAX),
            col: u32::try_from(close.column).unwrap_or(u32::MAX),
        };
        if name == "format" || name == "vec" {
            // An empty `vec![]` allocates nothing yet, like `Vec::new()`, but
            // it is where a buffer that grows starts.
            let what = if mac.tokens.is_empty() {
                "vec![]".to_owned()
            } else {
                format!("{name}!(..)")
            };
            self.site(SiteKind::Alloc { what }, start, end);
        }
        if PANIC_MACROS.contains(&name.as_str()) {
            self.visit_cold(format!("inside `{name}!` at line {}", start.line), |w| {
                w.visit_macro_args(mac)
            });
        } else if EXPR_MACROS.contains(&name.as_str())
            || ASSERT_MACROS.iter().any(|(n, _)| *n == name)
        {
            self.visit_macro_args(mac);
        }
        // Macro tokens are otherwise opaque: captured identifiers still count
        // as reads so that "used later" questions see them.
        let idents = idents_in(&mac.tokens);
        if let Some(f) = self.fn_mut() {
            for key in idents {
                f.uses.push(Use {
                    key,
                    pos: start,
                    kind: UseKind::Read,
                });
            }
        }
    }

    fn visit_expr_if(&mut self, i: &'ast syn::ExprIf) {
        self.visit_expr(&i.cond);
        let if_let_err = matches!(&*i.cond, Expr::Let(l) if pat_is_err(&l.pat));
        let line = start_of(&i.if_token).line;
        let saved_branch = self.ctx.branch.replace(start_of(&i.then_branch));
        if if_let_err || block_diverges_with_error(&i.then_branch) {
            self.visit_cold(
                format!("`if` branch at line {line} handles or returns an error"),
                |w| w.visit_block(&i.then_branch),
            );
        } else {
            self.visit_block(&i.then_branch);
        }
        if let Some((_, els)) = &i.else_branch {
            self.ctx.branch = Some(start_of(&**els));
            if matches!(&**els, Expr::Block(_)) && diverges_with_error(els) {
                let line = start_of(&**els).line;
                self.visit_cold(
                    format!("`else` branch at line {line} returns an error"),
                    |w| w.visit_expr(els),
                );
            } else {
                self.visit_expr(els);
            }
        }
        self.ctx.branch = saved_branch;
    }

    fn visit_arm(&mut self, arm: &'ast syn::Arm) {
        let line = start_of(&arm.pat).line;
        let saved_branch = self.ctx.branch.replace(start_of(&arm.pat));
        if pat_is_err(&arm.pat) {
            self.visit_cold(format!("`Err(..)` match arm at line {line}"), |w| {
                visit::visit_arm(w, arm)
            });
        } else if diverges_with_error(&arm.body) {
            self.visit_cold(format!("match arm at line {line} returns an error"), |w| {
                visit::visit_arm(w, arm)
            });
        } else {
            visit::visit_arm(self, arm);
        }
        self.ctx.branch = saved_branch;
    }

    fn visit_expr_assign(&mut self, a: &'ast syn::ExprAssign) {
        let target = match &*a.left {
            Expr::Index(i) => &*i.expr,
            other => other,
        };
        self.record_use(target, UseKind::Mutate("=".to_owned()));
        self.record_move_if_place(&a.right, "assignment");
        self.sink(&a.right, "assignment".to_owned());
        visit::visit_expr_assign(self, a);
    }

    fn visit_expr_binary(&mut self, b: &'ast syn::ExprBinary) {
        use syn::BinOp::*;
        if matches!(
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
        ) {
            let target = match &*b.left {
                Expr::Index(i) => &*i.expr,
                other => other,
            };
            self.record_use(target, UseKind::Mutate(compact(&b.op)));
        }
        visit::visit_expr_binary(self, b);
    }

    fn visit_expr_reference(&mut self, r: &'ast syn::ExprReference) {
        if r.mutability.is_some() {
            self.record_use(&r.expr, UseKind::Mutate("&mut".to_owned()));
        }
        visit::visit_expr_reference(self, r);
    }

    fn visit_expr_return(&mut self, r: &'ast syn::ExprReturn) {
        if let Some(e) = &r.expr {
            self.record_move_if_place(e, "return");
            self.sink(e, "return".to_owned());
        }
        visit::visit_expr_return(self, r);
    }

    fn visit_expr_struct(&mut self, s: &'ast syn::ExprStruct) {
        let name = s
            .path
            .segments
            .last()
            .map(|seg| seg.ident.to_string())
            .unwrap_or_default();
        for field in &s.fields {
            self.record_move_if_place(&field.expr, &format!("struct `{name}`"));
            self.sink(&field.expr, format!("struct `{name}`"));
        }
        visit::visit_expr_struct(self, s);
    }

    fn visit_expr_path(&mut self, p: &'ast syn::ExprPath) {
        if p.path.segments.len() == 1 {
            let key = p.path.segments[0].ident.to_string();
            let pos = start_of(p);
            if let Some(f) = self.fn_mut() {
                f.uses.push(Use {
                    key,
                    pos,
                    kind: UseKind::Read,
                });
            }
        }
        visit::visit_expr_path(self, p);
    }

    fn visit_expr_field(&mut self, e: &'ast syn::ExprField) {
        if let Some(key) = place_key(&Expr::Field(e.clone())) {
            let pos = start_of(e);
            if let Some(f) = self.fn_mut() {
                f.uses.push(Use {
                    key,
                    pos,
                    kind: UseKind::Read,
                });
            }
        }
        visit::visit_expr_field(self, e);
    }
}

impl Walker {
    fn enter_item<T: Spanned>(
        &mut self,
        attrs: &[syn::Attribute],
        name: String,
        start: Pos,
        node: &T,
        f: impl FnOnce(&mut Self),
    ) {
        let mut ctx = self.ctx.clone();
        ctx.item = Some(name.clone());
        if ctx.test.is_none() {
            ctx.test = test_reason(attrs, &format!("`{name}`"));
        }
        // The item starts at its name, not at the doc comments and
        // attributes above it, which is where findings point.
        let (start, end) = (start, end_of(node));
        self.with_ctx(ctx, |w| {
            w.site(SiteKind::Item { name }, start, end);
            f(w);
        });
    }
}

fn derives_copy(attrs: &[syn::Attribute]) -> bool {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("derive"))
        .any(|a| {
            compact(&a.meta)
                .split(|c: char| !c.is_alphanumeric() && c != '_')
                .any(|t| t == "Copy")
        })
}

/// Parses a file and gathers its facts. The caller must invalidate the
/// thread's span table afterwards (see `validator`).
pub(crate) fn gather(source: &str) -> Result<FileFacts, syn::Error> {
    let file = syn::parse_file(source)?;
    let mut walker = Walker {
        facts: FileFacts::default(),
        ctx: Ctx::default(),
        type_stack: Vec::new(),
        impl_stack: Vec::new(),
        sinks: HashMap::new(),
    };
    walker.visit_file(&file);
    let Walker {
        mut facts, sinks, ..
    } = walker;
    for site in &mut facts.sites {
        site.sink = sinks.get(&(site.start, site.end)).cloned();
    }
    // Sorted by position so that a finding's sites are found by binary search.
    facts.sites.sort_by_key(|s| (s.start, s.end));
    for f in &mut facts.fns {
        f.uses.sort_by_key(|u| u.pos);
    }
    Ok(facts)
}

impl FileFacts {
    /// Sites starting on lines `first..=last`.
    pub fn sites_in(&self, first: u32, last: u32) -> &[Site] {
        let from = self.sites.partition_point(|s| s.start.line < first);
        let to = self.sites.partition_point(|s| s.start.line <= last);
        &self.sites[from..to.max(from)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(src: &str) -> FileFacts {
        let f = gather(src).expect("fixture parses");
        proc_macro2::extra::invalidate_current_thread_spans();
        f
    }

    #[test]
    fn for_loop_body_is_a_loop_but_its_iterable_is_not() {
        let f =
            facts("fn f(v: Vec<u8>) {\n for x in v.clone() {\n  let s = x.to_string();\n }\n}\n");
        let by_line = |line: u32| {
            f.sites
                .iter()
                .find(|s| s.start.line == line)
                .map(|s| s.ctx.loops.len())
        };
        assert_eq!(
            by_line(2),
            Some(0),
            "`for x in v.clone()` evaluates the iterable once"
        );
        assert_eq!(by_line(3), Some(1), "the body runs per iteration");
    }

    #[test]
    fn format_inside_err_is_cold_and_macro_args_are_seen() {
        let f = facts("fn f(x: u8) -> Result<(), String> {\n if x > 3 { return Err(format!(\"bad {x}\")); }\n Ok(())\n}\n");
        let site = f
            .sites
            .iter()
            .find(|s| matches!(&s.kind, SiteKind::Alloc { what } if what == "format!(..)"))
            .expect("format! inside Err(..) is found");
        assert!(
            site.ctx.cold.is_some(),
            "an allocation inside Err(..) is cold"
        );
    }

    #[test]
    fn eager_ok_or_argument_is_not_cold() {
        let f = facts(
            "fn f(x: Option<u8>) -> Result<u8, String> {\n x.ok_or(format!(\"missing\"))\n}\n",
        );
        let site = f
            .sites
            .iter()
            .find(|s| matches!(&s.kind, SiteKind::Alloc { .. }));
        assert!(
            site.is_some_and(|s| s.ctx.cold.is_none()),
            "ok_or evaluates its argument on every call"
        );
    }

    #[test]
    fn mutations_and_moves_are_recorded() {
        let f =
            facts("fn f(mut v: Vec<u8>) {\n let c = v.clone();\n v.push(1);\n consume(v);\n}\n");
        let kinds: Vec<_> = f.fns[0]
            .uses
            .iter()
            .filter(|u| u.key == "v" && u.kind != UseKind::Read)
            .map(|u| (u.pos.line, u.kind.clone()))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (3, UseKind::Mutate(".push(..)".into())),
                (4, UseKind::Move("consume(..)".into()))
            ],
            "push mutates, a by-value argument moves"
        );
    }
}
