//! Per-function facts: the use analysis syn does not provide, in one
//! recursive pass over a function body.
//!
//! It records every local binding (with its written or inferred [`Ty`] and
//! its initialiser), every use of a binding (read, borrow, move with its
//! consumer, mutation with its operation, method receiver, field read) with
//! the place it names (`row.name`), the loops (including iterator closures
//! that run per element), closures and async blocks (and whether they are
//! `move`, spawned `'static` tasks), `.await` points, the allocation and
//! clone sites with their context (loop, cold path and why, branch, what
//! consumes the value), the calls the function makes (for the call graph)
//! and the uses of `self.field` and statics (growth).
//!
//! Everything kept is owned: positions are copied out of spans, so the caller
//! can clear the span table right after the walk, and the facts outlive the
//! syntax tree. While the tree is alive, [`Syntax`] maps the ids stored in
//! the facts back to the syn nodes (the Analyst uses it to write proposals);
//! after the tree is dropped the ids are merely opaque.
//!
//! This module must NOT decide what is a finding or a verdict: it answers
//! "what is this code", never "is this worth changing".

use proc_macro2::{TokenStream, TokenTree};
use smol_str::SmolStr;
use syn::{Block, Expr, Ident, Member, Pat, Stmt, Type};

use crate::ident::IdentText;
use crate::infer;
use crate::macros::rewritten_name;
use crate::names::{self, is_in};
use crate::pos::{Pos, Range};
use crate::ty::Ty;
use crate::types::TypeTable;

/// Index into [`Syntax::exprs`], valid while the syntax tree is alive.
pub type ExprId = u32;

/// The syn nodes behind the ids stored in [`FnFacts`], for consumers that run
/// while the tree is alive.
#[derive(Default)]
pub struct Syntax<'a> {
    exprs: Vec<&'a Expr>,
    pats: Vec<&'a Pat>,
    types: Vec<&'a Type>,
    /// The text the tree was parsed from ([`Syntax::with_source`]), and
    /// the byte offset of each of its lines (found on first use).
    source: Option<&'a str>,
    line_starts: Vec<usize>,
}

impl<'a> Syntax<'a> {
    /// The side table of a tree parsed from `source`: the walk then copies
    /// a plain node's compact text from the source instead of printing the
    /// node's tokens ([`Syntax::compact`]). A text with a byte-order mark
    /// is not used (syn's columns on its first line do not count the mark).
    pub fn with_source(source: &'a str) -> Syntax<'a> {
        Syntax {
            source: (!source.starts_with('\u{feff}')).then_some(source),
            ..Syntax::default()
        }
    }

    /// `node`'s tokens as compact text, exactly what [`compact`] gives.
    /// Printing the tokens clones every one of them and was most of the
    /// cost of a `let` binding's facts; a node whose text in the source is
    /// plain (ASCII words, whitespace, punctuation and string literals: no
    /// comment, lifetime, attribute or macro, which print differently or
    /// were rewritten, nor a node ending in a rewritten macro's name;
    /// [`is_plain_text`]) is read from the source at `range`, its
    /// whitespace dropped by the same rule.
    fn compact<T: quote::ToTokens + ?Sized>(&mut self, node: &T, range: Range) -> String {
        match self.plain_text(range) {
            Some(text) => {
                let out = compact_plain(text);
                debug_assert_eq!(out, compact(node), "source text at {range:?}");
                out
            }
            None => compact(node),
        }
    }

    fn plain_text(&mut self, r: Range) -> Option<&'a str> {
        let src = self.source?;
        if self.line_starts.is_empty() {
            self.line_starts.push(0);
            self.line_starts
                .extend(memchr::memchr_iter(b'\n', src.as_bytes()).map(|i| i + 1));
        }
        let start = byte_at(src, &self.line_starts, r.start)?;
        let end = byte_at(src, &self.line_starts, r.end)?;
        // A macro rewritten into a call gives its tokens the name's span:
        // a node that ends in one ends at a name followed by its `!`.
        if src.get(end..)?.trim_start().starts_with('!') {
            return None;
        }
        let text = src.get(start..end)?;
        is_plain_text(text.as_bytes()).then_some(text)
    }

    pub fn expr(&self, id: ExprId) -> Option<&'a Expr> {
        self.exprs.get(id as usize).copied()
    }
    pub fn pat(&self, id: u32) -> Option<&'a Pat> {
        self.pats.get(id as usize).copied()
    }
    pub fn ty(&self, id: u32) -> Option<&'a Type> {
        self.types.get(id as usize).copied()
    }
    fn add_expr(&mut self, e: &'a Expr) -> ExprId {
        self.exprs.push(e);
        (self.exprs.len() - 1) as ExprId
    }
    fn add_pat(&mut self, p: &'a Pat) -> u32 {
        self.pats.push(p);
        (self.pats.len() - 1) as u32
    }
    pub(crate) fn add_ty(&mut self, t: &'a Type) -> u32 {
        self.types.push(t);
        (self.types.len() - 1) as u32
    }
}

/// How a binding came to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BindKind {
    Let,
    Param,
    /// `self` in a method.
    SelfParam,
    /// A `for` pattern, closure parameter, `match`/`if let` pattern.
    Pattern,
}

/// A `let` initialiser.
#[derive(Debug, Clone, PartialEq)]
pub struct Init {
    /// The initialiser with `?`, `.await`, `&` and parentheses looked through.
    pub range: Range,
    /// Its tokens as compact text (`Vec::new()`, `row.name.clone()`).
    pub text: String,
    pub expr: ExprId,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    pub name: SmolStr,
    pub pos: Pos,
    pub kind: BindKind,
    pub loop_id: u32,
    pub closure_id: u32,
    pub async_id: u32,
    pub mutable: bool,
    /// The written type (`let x: T`, a parameter's type).
    pub written: Option<Ty>,
    /// The written type, else the one inferred from the initialiser.
    pub ty: Option<Ty>,
    /// The `let` initialiser, when the pattern is a plain identifier.
    pub init: Option<Init>,
    /// Syntax id of the written type.
    pub ty_syntax: Option<u32>,
    /// The `let` statement's lines (`(0, 0)` for other bindings).
    pub stmt_lines: (u32, u32),
    /// End of the enclosing block: the binding is dropped here.
    pub scope_end: Pos,
    /// The function whose result the binding holds (`let p = Parser::new(..)?`,
    /// `if let Some(l) = LanguageType::from_path(..)`), or the enum variant
    /// whose value it holds (`Cmd::Query(cmd) =>`), for the call graph to
    /// type the binding when its type is not known here.
    pub origin: Option<Origin>,
    /// For `if let Some(x) = &self.pending` (and `Ok(x)`, `match` arms of
    /// the same shape): the place the binding unwraps, as written
    /// (`self.pending`), so that a reader with the workspace's types can
    /// type the binding when its file alone cannot.
    pub unwraps: Option<SmolStr>,
    /// For every binding of a pattern matched against a borrow of a place
    /// (`if let Some(Scan { a, b }) = self.scan.as_mut()`, `= &self.x`,
    /// `.as_ref()`, `.as_deref()`): that place (`self.scan`). The binding is
    /// a reference into it, so while the binding (or a borrow of it) lives,
    /// the place's owner cannot be borrowed mutably.
    pub borrows: Option<SmolStr>,
    /// When `borrows` was read from a method call on the place
    /// (`let (sig, meta) = self.env.get_function_info(name).unwrap()`), the
    /// method's name: the binding borrows the place only if that method
    /// returns references, which its signature tells.
    pub borrows_via: Option<SmolStr>,
}

/// What a moved value goes into, or what consumes an allocated value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sink {
    /// `let name = <value>`.
    Let(SmolStr),
    /// A by-value argument of a method call: `.push(..)`.
    Method(SmolStr),
    /// A by-value argument of a function call: `consume(..)`, `Some(..)`.
    Call(SmolStr),
    Return,
    /// The tail expression of a closure whose result an iterator adaptor
    /// hands on (`map`).
    Yield(SmolStr),
    /// A field of a struct literal.
    Struct(SmolStr),
    Assign,
    /// An element of an array, tuple or `vec![..]`.
    Element,
    Break,
    /// Captured by a `move` closure or `async move` block (spawned by the
    /// named spawner, when it is a task).
    Capture {
        line: u32,
        task: Option<SmolStr>,
    },
}

impl Sink {
    /// How evidence names it: ".push(..)", "return", "let x", …
    pub fn describe(&self) -> String {
        match self {
            Sink::Let(n) => format!("let {n}"),
            Sink::Method(m) => format!(".{m}(..)"),
            Sink::Call(f) => format!("{f}(..)"),
            Sink::Return => "return".to_owned(),
            Sink::Yield(a) => format!("yielded by `.{a}(..)`"),
            Sink::Struct(s) => format!("struct `{s}`"),
            Sink::Assign => "assignment".to_owned(),
            Sink::Element => "an array, tuple or `vec![..]` element".to_owned(),
            Sink::Break => "break".to_owned(),
            Sink::Capture {
                line,
                task: Some(t),
            } => {
                format!("the `{t}` task started at line {line}")
            }
            Sink::Capture { line, task: None } => format!("the `move` closure at line {line}"),
        }
    }

    /// The value leaves the statement into storage that outlives it (a
    /// collection, a struct, the caller), so one reused buffer cannot
    /// replace it and a borrow would need a lifetime.
    pub fn escapes(&self) -> bool {
        match self {
            Sink::Return | Sink::Yield(_) | Sink::Struct(_) | Sink::Element | Sink::Break => true,
            Sink::Capture { task, .. } => task.is_some(),
            Sink::Method(m) => is_in(
                m,
                &[
                    "push",
                    "push_back",
                    "push_front",
                    "insert",
                    "send",
                    "try_send",
                    "send_blocking",
                    "extend",
                    "entry",
                    "set",
                    "replace",
                    "get_or_insert",
                    "get_or_insert_with",
                    "or_insert",
                    "or_insert_with",
                    "unwrap_or",
                ],
            ),
            Sink::Call(f) => matches!(
                f.as_str(),
                "Some" | "Ok" | "Err" | "Box::new" | "Arc::new" | "Rc::new"
            ),
            Sink::Let(_) | Sink::Assign => false,
        }
    }
}

/// How a binding is used at one point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UseKind {
    Read,
    /// `&x`.
    Ref,
    /// Moved into the consumer.
    Move(Sink),
    /// Mutated through the named operation (`=`, `+=`, `&mut`).
    Mutate(SmolStr),
    /// Receiver of a method that does not obviously mutate.
    Recv(SmolStr),
    /// Receiver of a method known to mutate (`push`, `insert`, …).
    MutRecv(SmolStr),
    /// `x.field` read.
    Field(SmolStr),
}

impl UseKind {
    pub fn mutates(&self) -> bool {
        matches!(self, UseKind::Mutate(_) | UseKind::MutRecv(_))
    }
    pub fn moves(&self) -> bool {
        matches!(self, UseKind::Move(_))
    }
    /// "`.push(..)`", "`=`", "moved into `consume(..)`".
    pub fn describe(&self) -> String {
        match self {
            UseKind::Read => "read".to_owned(),
            UseKind::Ref => "borrowed".to_owned(),
            UseKind::Move(s) => format!("moved into {}", s.describe()),
            UseKind::Mutate(op) => format!("`{op}`"),
            UseKind::Recv(m) | UseKind::MutRecv(m) => format!("`.{m}(..)`"),
            UseKind::Field(f) => format!("field `{f}` read"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Use {
    pub binding: u32,
    /// The place used: `row`, `row.name`, `self.items`.
    pub place: SmolStr,
    pub pos: Pos,
    pub kind: UseKind,
    pub loop_id: u32,
    pub closure_id: u32,
    /// Enclosing `if`/`match` branches inside the function.
    pub cond_depth: u32,
    /// Start of the innermost enclosing branch.
    pub branch: Option<Pos>,
}

/// How a loop repeats the code inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoopKind {
    For,
    While,
    Loop,
    /// A closure passed to an iterator adaptor (`map`, `for_each`, …).
    Iter(SmolStr),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Loop {
    pub kind: LoopKind,
    pub parent: u32,
    /// Nesting inside the function (1 for an outermost loop).
    pub depth: u32,
    /// The `for`/`while`/`loop` keyword or the closure's first `|`.
    pub start: Pos,
    pub body: Range,
    /// What is iterated as compact text: the `for` expression or the
    /// adaptor's receiver (`rows`, `batches.iter().enumerate()`); empty for
    /// `while`/`loop`.
    pub source: String,
    /// The `for` pattern or the closure's first parameter as text.
    pub pattern: String,
    /// The body runs on several threads (rayon).
    pub parallel: bool,
    pub cond_depth: u32,
    /// The closure the loop body runs in: a site in another closure nested
    /// in the body runs lazily, not per iteration.
    pub body_closure: u32,
    pub iter: Option<ExprId>,
    pub pat: Option<u32>,
    /// Unlabelled `continue`s that end one of its iterations early: code
    /// after one runs on fewer iterations than the loop makes.
    pub skips: Vec<Pos>,
    /// A retry loop: it runs again only when an attempt fails ([`retry_loop`]).
    pub retry: bool,
}

impl Loop {
    /// The loop runs a number of times fixed in the code, not per item of
    /// the input: over a range or an array written in the code
    /// (`0..=u8::MAX`, `[a, b]`), or a retry loop that runs once unless an
    /// attempt fails.
    pub fn fixed_count(&self) -> bool {
        self.retry || fixed_count(&self.source)
    }
}

/// Whether a loop's iterated text (`Loop::source`) is fixed in the code: a
/// range between literals or constants (`0..8`, `0u8..=u8::MAX`,
/// `0..PANELS`) or an array literal (`[0, 3, 1, 4].into_iter()`).
pub fn fixed_count(source: &str) -> bool {
    let s = source.trim();
    if let Some(rest) = s.strip_prefix('[') {
        // `[..]` then at most adaptors that keep the count.
        let Some(close) = rest.rfind(']') else {
            return false;
        };
        let tail = &rest[close + 1..];
        return !rest[..close].contains(';')
            && tail.split('.').filter(|m| !m.is_empty()).all(|m| {
                matches!(
                    m,
                    "iter()" | "into_iter()" | "enumerate()" | "copied()" | "cloned()"
                )
            });
    }
    let s = s
        .strip_prefix('(')
        .and_then(|r| r.strip_suffix(')'))
        .unwrap_or(s);
    let Some((lo, hi)) = s.split_once("..") else {
        return false;
    };
    let hi = hi.strip_prefix('=').unwrap_or(hi);
    let constant = |t: &str| {
        let t = t.trim();
        !t.is_empty()
            && (t.starts_with(|c: char| c.is_ascii_digit())
                && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                || t.rsplit("::").next().is_some_and(|last| {
                    last.starts_with(|c: char| c.is_ascii_uppercase())
                        && last
                            .chars()
                            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
                }))
    };
    constant(lo) && constant(hi)
}

/// A retry loop: `loop { .. match attempt() { Ok(v) => break v, Err(e) if
/// tries < MAX => {}, Err(e) => return Err(e) } }`. Its last statement is a
/// `match` whose every arm leaves the loop except arms for an `Err`: it runs
/// once unless an attempt fails.
fn retry_loop(body: &Block) -> bool {
    let Some(Stmt::Expr(Expr::Match(m), _)) = body.stmts.last() else {
        return false;
    };
    let mut leaves = false;
    let mut retries = false;
    for arm in &m.arms {
        if expr_exits(&arm.body) {
            leaves = true;
        } else if pat_is_err(&arm.pat) {
            retries = true;
        } else {
            return false;
        }
    }
    leaves && retries
}

/// "No loop": what index 0 of [`Loops`] reads.
static NO_LOOP: Loop = Loop {
    kind: LoopKind::Loop,
    parent: 0,
    depth: 0,
    start: Pos { line: 0, col: 0 },
    body: Range {
        start: Pos { line: 0, col: 0 },
        end: Pos { line: 0, col: 0 },
    },
    source: String::new(),
    pattern: String::new(),
    parallel: false,
    cond_depth: 0,
    body_closure: 0,
    iter: None,
    pat: None,
    skips: Vec::new(),
    retry: false,
};

/// A function's loops, indexed by loop id: index 0 is "no loop" (code
/// outside every loop), 1.. the loops in the order they open. The entry at
/// index 0 is not stored: most functions have no loop, and every
/// function's facts live until the call graph is built (a stored entry was
/// a 160-byte heap block per function).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Loops(Vec<Loop>);

impl Loops {
    /// The number of ids, "no loop" included (never 0).
    pub fn len(&self) -> usize {
        self.0.len() + 1
    }

    /// Never: id 0 ("no loop") is always there.
    pub fn is_empty(&self) -> bool {
        false
    }

    pub fn get(&self, id: usize) -> Option<&Loop> {
        match id.checked_sub(1) {
            None => Some(&NO_LOOP),
            Some(i) => self.0.get(i),
        }
    }

    /// Every entry by id, "no loop" first.
    pub fn iter(&self) -> std::iter::Chain<std::iter::Once<&Loop>, std::slice::Iter<'_, Loop>> {
        std::iter::once(&NO_LOOP).chain(self.0.iter())
    }

    /// The loop opened last ("no loop" when there is none).
    pub fn last(&self) -> Option<&Loop> {
        self.0.last().or(Some(&NO_LOOP))
    }

    /// The loop opened last, `None` when there is none.
    pub fn last_mut(&mut self) -> Option<&mut Loop> {
        self.0.last_mut()
    }

    /// Opens a loop: its id is the length before.
    pub fn push(&mut self, l: Loop) {
        self.0.push(l);
    }

    pub fn shrink_to_fit(&mut self) {
        self.0.shrink_to_fit();
    }
}

impl std::ops::Index<usize> for Loops {
    type Output = Loop;

    fn index(&self, id: usize) -> &Loop {
        match id.checked_sub(1) {
            None => &NO_LOOP,
            Some(i) => &self.0[i],
        }
    }
}

/// A loop recorded so far (id 1..); "no loop" cannot be changed.
impl std::ops::IndexMut<usize> for Loops {
    fn index_mut(&mut self, id: usize) -> &mut Loop {
        let i = id
            .checked_sub(1)
            .expect("\"no loop\" (id 0) is not changed");
        &mut self.0[i]
    }
}

impl<'a> IntoIterator for &'a Loops {
    type Item = &'a Loop;
    type IntoIter = std::iter::Chain<std::iter::Once<&'a Loop>, std::slice::Iter<'a, Loop>>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl Loop {
    /// "`for` loop at line 12", "`.map(..)` closure at line 40".
    pub fn describe(&self) -> String {
        let what = match &self.kind {
            LoopKind::For => "`for` loop".to_owned(),
            LoopKind::While => "`while` loop".to_owned(),
            LoopKind::Loop => "`loop`".to_owned(),
            LoopKind::Iter(m) => format!("`.{m}(..)` closure"),
        };
        format!("{what} at line {}", self.start.line)
    }

    /// "iteration of `for row in rows`", "element of `lines.map(..)`".
    pub fn unit(&self) -> String {
        match &self.kind {
            LoopKind::For => format!(
                "iteration of `for {} in {}`",
                self.pattern,
                shorten(&self.source)
            ),
            LoopKind::Iter(a) => format!("element of `{}.{a}(..)`", shorten(&self.source)),
            LoopKind::While => format!("iteration of the `while` loop at line {}", self.start.line),
            LoopKind::Loop => format!("iteration of the `loop` at line {}", self.start.line),
        }
    }
}

/// What a closure-like scope is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClosureKind {
    /// Index 0: the function body itself.
    Body,
    Closure,
    AsyncBlock,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Closure {
    pub parent: u32,
    pub kind: ClosureKind,
    pub range: Range,
    /// `move |..|` or `async move`.
    pub is_move: bool,
    /// Passed to a spawner (`thread::spawn`, `tokio::spawn`, `.spawn(..)`):
    /// its captures must be owned and `'static`.
    pub spawned_by: Option<SmolStr>,
}

/// What an allocation or clone site is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SiteKind {
    Clone,
    ToOwned,
    ToString,
    ToVec,
    Collect,
    /// `Arc::clone(&x)`, `Rc::clone(&x)`.
    RcClone,
    VecNew,
    VecWithCapacity,
    StringNew,
    StringWithCapacity,
    StringFrom,
    MapNew,
    VecMacro,
    /// `vec![]` with no elements: allocates nothing yet.
    EmptyVecMacro,
    Format,
    BoxNew,
    SharedNew,
    /// `.join(..)`, `.concat()`, `.repeat(..)`, case conversions,
    /// `.into_owned()`, `.to_path_buf()`, `.replace(..)`.
    AllocMethod,
}

impl SiteKind {
    pub fn label(self) -> &'static str {
        match self {
            SiteKind::Clone => ".clone()",
            SiteKind::ToOwned => ".to_owned()",
            SiteKind::ToString => ".to_string()",
            SiteKind::ToVec => ".to_vec()",
            SiteKind::Collect => ".collect()",
            SiteKind::RcClone => "Arc::clone()",
            SiteKind::VecNew => "Vec::new()",
            SiteKind::VecWithCapacity => "Vec::with_capacity()",
            SiteKind::StringNew => "String::new()",
            SiteKind::StringWithCapacity => "String::with_capacity()",
            SiteKind::StringFrom => "String::from()",
            SiteKind::MapNew => "a new map/set",
            SiteKind::VecMacro => "vec![]",
            SiteKind::EmptyVecMacro => "vec![]",
            SiteKind::Format => "format!()",
            SiteKind::BoxNew => "Box::new()",
            SiteKind::SharedNew => "Arc/Rc::new()",
            SiteKind::AllocMethod => "an allocating method",
        }
    }

    /// A copy of an existing value (as opposed to a new allocation).
    pub fn is_copy_of_value(self) -> bool {
        matches!(
            self,
            SiteKind::Clone
                | SiteKind::ToOwned
                | SiteKind::ToString
                | SiteKind::ToVec
                | SiteKind::RcClone
        )
    }

    /// Builds an empty buffer that allocates only when it grows.
    pub fn is_empty_buffer(self) -> bool {
        matches!(
            self,
            SiteKind::VecNew | SiteKind::StringNew | SiteKind::MapNew | SiteKind::EmptyVecMacro
        )
    }
}

/// The syntactic parent of a site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parent {
    Other,
    /// Directly under `&` (not `&mut`).
    Ref,
    LetInit,
    /// A call or method argument passed by value.
    Arg,
    /// `return x` / `break x` / a tail value: the value leaves the loop or function.
    Return,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    pub kind: SiteKind,
    pub range: Range,
    pub loop_id: u32,
    pub closure_id: u32,
    /// Index into [`FnFacts::cold_reasons`] when the site only runs on an
    /// error or panic path.
    pub cold: Option<u16>,
    /// Inside a branch that leaves the loop or function (`return`, `break`,
    /// `continue` at its end): runs at most once per loop, not per iteration.
    pub exits: bool,
    pub cond_depth: u32,
    /// Start of the innermost enclosing branch.
    pub branch: Option<Pos>,
    pub parent: Parent,
    /// What consumes the value directly.
    pub sink: Option<Sink>,
    /// The binding this site initialises (`let x = <site>;`).
    pub let_binding: Option<u32>,
    /// The place copied (`row.name` in `row.name.clone()`, `x` in
    /// `Arc::clone(&x)`), for clone-like sites.
    pub receiver: Option<SmolStr>,
    /// The type of the receiver, when the code tells it.
    pub receiver_ty: Option<Ty>,
    /// Compact text of the site's expression.
    pub text: String,
    /// Inside the arguments of a spawn call, evaluated by the spawning
    /// thread and moved into the task: `tokio::spawn(serve(db.clone()))`.
    pub spawn_arg: Option<SmolStr>,
    /// Inside a macro memaudit does not know, whose tokens parsed as
    /// expressions.
    pub in_macro: bool,
    pub expr: ExprId,
    /// The innermost call whose argument list contains the site.
    pub enclosing_call: Option<ExprId>,
    /// The call whose arguments hold the enclosing call, when there is one:
    /// in `set.extend(xs.iter().map(|s| s.to_string()))` the `to_string`'s
    /// enclosing call is the `map`, and this is the `extend` that receives
    /// the adaptor chain.
    pub outer_call: Option<ExprId>,
    /// For a `.collect()`: what the code says about the collected chain.
    pub collected: Option<Collected>,
    /// The value is what its function (or closure) gives back: returned, a
    /// tail value (through `match` arms and branches), or the one argument
    /// of a returned `Some(..)`/`Ok(..)`.
    pub returned: bool,
}

/// What a `.collect()` collects, read from its receiver chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Collected {
    /// The chain is provably a sequential std `Iterator` ([`is_std_iterator`]):
    /// `for`, `count()` and `next()` accept it as it is.
    pub std_iter: bool,
    /// The chain is a rayon parallel iterator (`par_iter`, `into_par_iter`,
    /// `par_bridge`, …).
    pub parallel: bool,
    /// At most this many items, when the chain says so: `.take(n)` with a
    /// literal, or a source array literal of `n` elements (`[a, b].iter()`).
    pub bound: Option<u32>,
    /// What the code does with the collection right away, when the
    /// `collect()` is the receiver of another call.
    pub then: Option<CollectThen>,
}

/// A call made directly on a `collect()`'s result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CollectThen {
    /// `.into_iter()` or `.iter()`: walked again at once.
    Walked,
    /// `.into_iter().rev()` / `.iter().rev()`: walked backwards, which a
    /// forward-only chain cannot do itself.
    WalkedBack,
    /// `.len()` or `.is_empty()`.
    Counted,
    /// Any other method.
    Other,
}

impl CollectThen {
    /// How the method `name` uses the collection it is called on.
    fn of(name: &str) -> CollectThen {
        match name {
            "into_iter" | "iter" => CollectThen::Walked,
            "len" | "is_empty" => CollectThen::Counted,
            _ => CollectThen::Other,
        }
    }
}

impl Collected {
    fn of(e: &Expr) -> Option<Collected> {
        let Expr::MethodCall(m) = strip(e) else {
            return None;
        };
        if m.method != "collect" {
            return None;
        }
        Some(Collected {
            std_iter: is_std_iterator(&m.receiver),
            parallel: is_parallel_chain(&m.receiver),
            bound: chain_bound(&m.receiver),
            then: None,
        })
    }
}

/// The `collect()` call `e` is (parentheses aside), if it is one.
fn collected_receiver(e: &Expr) -> Option<&Expr> {
    match strip(e) {
        c @ Expr::MethodCall(m) if m.method == "collect" && m.args.is_empty() => Some(c),
        _ => None,
    }
}

/// The most items a chain can yield, when a literal says so: the smallest
/// `.take(n)`, or the length of an array literal it starts from. Adaptors
/// that can yield more than they receive (`flat_map`, `flatten`, `chain`,
/// `repeat`) end the search.
fn chain_bound(e: &Expr) -> Option<u32> {
    match strip(e) {
        Expr::MethodCall(m) => {
            let here = (m.method == "take")
                .then(|| match m.args.first().map(strip) {
                    Some(Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Int(n),
                        ..
                    })) => n.base10_parse::<u32>().ok(),
                    _ => None,
                })
                .flatten();
            let multiplies = matches!(
                m.method.to_string().as_str(),
                "flat_map" | "flatten" | "chain" | "cycle" | "repeat"
            );
            let below = if multiplies {
                None
            } else {
                chain_bound(&m.receiver)
            };
            match (here, below) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            }
        }
        Expr::Array(a) => u32::try_from(a.elems.len()).ok(),
        Expr::Reference(r) => chain_bound(&r.expr),
        _ => None,
    }
}

/// A use of `self.field` or of a static, classified for growth analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GrowthUse {
    Grow,
    Drain,
    Lookup,
}

/// How a `self` field's buffer is given up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResetHow {
    /// `mem::take(&mut self.f)`: the buffer leaves with the caller.
    Take,
    /// `mem::replace(&mut self.f, Vec::new())`.
    Replace,
    /// `self.f = Vec::new()`: the old buffer is dropped.
    Assign,
}

/// A `self` field (possibly behind a newtype, `self.0.f`) emptied by
/// handing its buffer away or dropping it for a fresh, empty one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldReset {
    /// The last field of the place (`f` of `self.0.f`).
    pub field: SmolStr,
    /// The place as written, for evidence (`self.0.f`).
    pub place: String,
    pub pos: Pos,
    pub end_line: u32,
    pub how: ResetHow,
    /// The taken buffer is the function's value (`fn flush(&mut self) ->
    /// Vec<T> { mem::take(&mut self.f) }`), not bound and passed on.
    pub returned: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RootEvent {
    /// Field name (for `self.f`) or static name.
    pub name: SmolStr,
    pub is_static: bool,
    pub kind: GrowthUse,
    /// Where the use is, and the loop it runs in.
    pub pos: Pos,
    pub loop_id: u32,
    /// The method called on the buffer (`push`, `into_iter`); empty when
    /// the field is assigned, lent mutably or moved.
    pub method: SmolStr,
}

/// The range of a block's tail expression (its value), if it has one.
fn tail_range(b: &syn::Block) -> Option<Range> {
    match b.stmts.last() {
        Some(syn::Stmt::Expr(t, None)) => Some(Range::of(t)),
        _ => None,
    }
}

/// One arm of a `match`, or one branch of an `if` with an `else`: which
/// branch a site is in, and whether the branch's value is the whole
/// expression's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchArm {
    /// Start of the arm's pattern (of an `if` branch's block): a site's
    /// [`Site::branch`] when it is directly in this arm.
    pub pat: Pos,
    /// The pattern as compact text (`Rule::for_tag`), at most 60 chars;
    /// `if` or `else` for the branches of an `if`.
    pub pat_text: String,
    /// An `if`/`else` branch rather than a `match` arm.
    pub is_if: bool,
    /// The same for every arm of one `match` (every branch of one `if`):
    /// the index of its first arm in [`FnFacts::arms`]. Arms of one group
    /// exclude each other.
    pub group: u32,
    /// The branch the whole `match`/`if` sits in (its [`Site::branch`]
    /// start), when it is nested in one.
    pub outer: Option<Pos>,
    /// How many arms the match has (2 for an `if` with an `else`).
    pub arms: u16,
    /// The arm's value expression (the body, or its block's tail), when
    /// the match is used as a value (`let x = match ..`, an argument, a
    /// return) rather than as a statement.
    pub value: Option<Range>,
    /// The matched expression of a `match` (references and parentheses
    /// looked through); `None` for an `if` branch.
    pub scrutinee: Option<Range>,
    /// Names the arm's pattern binds that its guard reads as a whole
    /// boolean (`if collapsed`, `if !open && ..`): matched through a
    /// reference, such a binding is a `&bool` and the guard does not
    /// compile (E0308).
    pub guard_bools: Vec<SmolStr>,
}

/// Identifiers an expression uses as a whole boolean operand: alone, under
/// `!`, or as an operand of `&&`/`||`.
fn bool_operands(e: &Expr, out: &mut Vec<SmolStr>) {
    match e {
        Expr::Path(p) if p.qself.is_none() && p.path.segments.len() == 1 => {
            out.push(SmolStr::new(p.path.segments[0].ident.to_string()));
        }
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Not(_)) => bool_operands(&u.expr, out),
        Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_) | syn::BinOp::Or(_)) => {
            bool_operands(&b.left, out);
            bool_operands(&b.right, out);
        }
        Expr::Paren(p) => bool_operands(&p.expr, out),
        Expr::Group(g) => bool_operands(&g.expr, out),
        _ => {}
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Await {
    pub pos: Pos,
    /// Start of the awaited expression: uses after it are held by the future.
    pub base_start: Pos,
    pub loop_id: u32,
    pub async_id: u32,
    pub closure_id: u32,
}

/// Where an untyped value comes from, for the call graph to type it from
/// the workspace's items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The result of the function at this path (`Parser::new(..)?`).
    Call(Vec<SmolStr>),
    /// The value carried by an enum's variant: `[.., Enum, Variant]` of the
    /// pattern `Cmd::Query(cmd)`.
    Payload(Vec<SmolStr>),
    /// The result of a method chain on a function's result:
    /// `PrinterBuilder::new(w).show_color(c).build()` is the function's
    /// path and the methods called on its result, in order.
    Chain(Vec<SmolStr>, Vec<SmolStr>),
    /// The result of methods called on a local of a known type whose
    /// methods live in another file: `stream.next()` on a
    /// `stream: &mut Stream` is `Typed("Stream", ["next"])`.
    Typed(SmolStr, Vec<SmolStr>),
}

impl Origin {
    /// The path of the function or variant (the type's name for
    /// [`Origin::Typed`]).
    pub fn path(&self) -> &[SmolStr] {
        match self {
            Origin::Call(p) | Origin::Payload(p) | Origin::Chain(p, _) => p,
            Origin::Typed(t, _) => std::slice::from_ref(t),
        }
    }

    /// This origin with `methods` called on its value after it.
    fn then(self, methods: Vec<SmolStr>) -> Option<Origin> {
        if methods.is_empty() {
            return Some(self);
        }
        let join = |mut a: Vec<SmolStr>| {
            a.extend(methods);
            (a.len() <= MAX_CHAIN).then_some(a)
        };
        match self {
            Origin::Call(p) => Some(Origin::Chain(p, join(Vec::new())?)),
            Origin::Chain(p, m) => Some(Origin::Chain(p, join(m)?)),
            Origin::Typed(t, m) => Some(Origin::Typed(t, join(m)?)),
            // The payload's type is known only to the graph; a chain on it
            // would need a second lookup.
            Origin::Payload(_) => None,
        }
    }
}

/// Longest method chain an origin follows.
const MAX_CHAIN: usize = 16;

/// Who a call goes to, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Callee {
    /// `f(..)`, `module::f(..)`, `Type::f(..)`, `Self::f(..)`, or a path
    /// passed as a function value (`.map(parse_line)`).
    Path(Vec<SmolStr>),
    /// `recv.method(..)`, with the receiver's type when the code tells it.
    Method {
        name: SmolStr,
        /// (Boxed, like `receiver_from`: a function keeps every call site
        /// until the call graph is built, and most receivers are untyped.)
        receiver: Option<Box<Ty>>,
        /// The receiver is `self`.
        on_self: bool,
        /// When the receiver's type is unknown here: the function whose
        /// result the receiver holds (the graph types it from that
        /// function's return type), or the enum variant whose value it is.
        receiver_from: Option<Box<Origin>>,
    },
}

impl CallSite {
    /// The call starts a thread or task (`spawn`, `spawn_local`,
    /// `spawn_blocking`, `JoinSet::spawn`, …; not `block_on`, which waits).
    pub fn name_is_spawner(&self) -> bool {
        let name = self.callee.name();
        name != "block_on" && crate::names::is_in(name, crate::names::SPAWNERS)
    }
}

impl Callee {
    /// The called name (last path segment or method name).
    pub fn name(&self) -> &str {
        match self {
            Callee::Path(p) => p.last().map(SmolStr::as_str).unwrap_or(""),
            Callee::Method { name, .. } => name,
        }
    }
}

/// A call the function makes, with the context it runs in.
#[derive(Debug, Clone, PartialEq)]
pub struct CallSite {
    pub callee: Callee,
    /// The callee is passed as a function value to this call (`get(handler)`,
    /// `.map(parse)`): the receiver calls it, as often as it likes.
    /// (Boxed: most calls pass no function, and every call site is kept
    /// until the call graph is built.)
    pub passed_to: Option<Box<SmolStr>>,
    pub pos: Pos,
    pub loop_id: u32,
    pub closure_id: u32,
    pub cold: Option<u16>,
    /// (`u16`: with `cold` it packs the call site into one word less; a
    /// call is kept per call made until the call graph is built.)
    pub cond_depth: u16,
    /// Runs once per process, per key or per value of `self`, however
    /// often its function runs: inside a run-once closure
    /// (`OnceLock::get_or_init`, `Lazy::new`, `entry(..).or_insert_with`),
    /// a first-time guard (`if <reads self.f> { .. self.f = .. }`) or a
    /// branch that ends with `std::process::exit(..)`.
    pub once: bool,
    /// Inside a branch that leaves the loop or function (`return`,
    /// `break`): the innermost loop around it does not repeat it.
    pub exits: bool,
}

/// Everything recorded about one function.
///
/// What only the Analyst and the Validator read (bindings, uses, sites, …)
/// is behind one box, [`FnBody`], reached through `Deref`
/// (`facts.bindings`): a slimmed function ([`FnFacts::slim`]) keeps a null
/// pointer instead of ten empty list headers. Every function's facts live
/// until the call graph is built, and on a 1M-line workspace nearly all of
/// them are slimmed (47 k functions: 240 bytes each).
#[derive(Debug, Default, Clone)]
pub struct FnFacts {
    /// Index 0 is "no loop".
    pub loops: Loops,
    /// Index 0 is the function body itself.
    pub closures: Vec<Closure>,
    pub calls: Vec<CallSite>,
    /// Why code is cold, referenced by `Site::cold` and `CallSite::cold`.
    pub cold_reasons: Vec<String>,
    /// Lines that print a value's `Debug` form to stdout or stderr
    /// (`println!("{x:#?}")`, `eprintln!("{:?}", x)`, `dbg!(x)`): a dump
    /// for a person to read, not the program's output.
    pub debug_prints: Vec<u32>,
    /// Plain assignments (`place = value`): where the place starts (its
    /// [`Use`]'s `pos`) and where the whole expression ends. The place is
    /// written only once the value is evaluated, so a borrow last used
    /// inside the value does not conflict with the write.
    pub assigns: Vec<(Pos, Pos)>,
    /// `use` declarations inside the body, handed to the file's imports by
    /// the item walk (empty afterwards).
    pub local_imports: Vec<crate::items::Import>,
    /// `ref x` bindings (not `ref mut`) of `match` arms whose scrutinee
    /// is a plain place of a local (`desc.source`: no `&`, `*`, call or
    /// index): the binding is a reference into that place, where binding
    /// by value would move the part out instead.
    pub ref_patterns: Vec<RefPattern>,
    /// `None` once slimmed (and before anything is recorded): reads then
    /// see [`FnBody`]'s empty lists.
    body: Option<Box<FnBody>>,
}

/// The part of a function's facts that a slimmed function drops
/// ([`FnFacts::slim`]), read through [`FnFacts`]'s `Deref`.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct FnBody {
    pub bindings: Vec<Binding>,
    pub uses: Vec<Use>,
    pub sites: Vec<Site>,
    pub awaits: Vec<Await>,
    pub events: Vec<RootEvent>,
    /// Uses by binding.
    pub uses_of: Vec<Vec<u32>>,
    /// Where a plain binding is read by indexing (`v[i]`, not `v[i] = ..`):
    /// the position of the binding's name, matching its [`Use`]'s `pos`,
    /// and the index when it is an integer literal.
    pub index_reads: Vec<(Pos, Option<u64>)>,
    /// Where a plain binding is lent mutably as an argument (`read(&mut buf)`):
    /// the position of the binding's name, matching its [`Use`]'s `pos`,
    /// and the method or function it is lent to.
    pub lent_mut: Vec<(Pos, SmolStr)>,
    /// Every `match` arm, in source order.
    pub arms: Vec<MatchArm>,
    /// `self` fields emptied for a fresh buffer (`mem::take`, `= Vec::new()`).
    pub resets: Vec<FieldReset>,
    /// The operands of comparisons (`==`, `!=`, `<`, …), each seen through
    /// `&`, parentheses and a one-argument `Some(..)`/`Ok(..)`: the value
    /// there is only read by the comparison (`PartialEq` and `PartialOrd`
    /// take both sides by reference) and dropped after it.
    pub compared: Vec<Range>,
}

/// What a function without a body part reads: empty lists.
static EMPTY_BODY: FnBody = FnBody {
    bindings: Vec::new(),
    uses: Vec::new(),
    sites: Vec::new(),
    awaits: Vec::new(),
    events: Vec::new(),
    uses_of: Vec::new(),
    index_reads: Vec::new(),
    lent_mut: Vec::new(),
    arms: Vec::new(),
    resets: Vec::new(),
    compared: Vec::new(),
};

impl std::ops::Deref for FnFacts {
    type Target = FnBody;

    fn deref(&self) -> &FnBody {
        self.body.as_deref().unwrap_or(&EMPTY_BODY)
    }
}

impl std::ops::DerefMut for FnFacts {
    fn deref_mut(&mut self) -> &mut FnBody {
        self.body.get_or_insert_with(Box::default)
    }
}

/// Equal when every list is: an absent body equals an empty one.
impl PartialEq for FnFacts {
    fn eq(&self, other: &Self) -> bool {
        self.loops == other.loops
            && self.closures == other.closures
            && self.calls == other.calls
            && self.cold_reasons == other.cold_reasons
            && self.debug_prints == other.debug_prints
            && self.assigns == other.assigns
            && self.local_imports == other.local_imports
            && self.ref_patterns == other.ref_patterns
            && **self == **other
    }
}

/// One `ref` binding of a `match` arm over a plain place (see
/// [`FnFacts::ref_patterns`]).
#[derive(Debug, Clone, PartialEq)]
pub struct RefPattern {
    pub binding: u32,
    /// The scrutinee as written (`desc.source`).
    pub place: SmolStr,
    /// Where the `match` ends.
    pub match_end: Pos,
}

/// What the walk needs to know about the function's surroundings.
pub struct FnContext<'t> {
    pub table: &'t TypeTable,
    /// The impl's self type, for `self` and `Self`.
    pub self_ty: Option<&'t str>,
    /// The impl is for a reference to `self_ty` (`impl Add for &Quantity`):
    /// `self` by value and parameters typed `Self` are shared references.
    pub self_ref: bool,
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

struct Walker<'a, 't> {
    f: FnFacts,
    syn: &'t mut Syntax<'a>,
    cx: &'t FnContext<'t>,
    scope: Vec<u32>,
    loop_id: u32,
    closure_id: u32,
    async_id: u32,
    next_async: u32,
    /// Innermost cold reason (index into `cold_reasons`).
    cold: Option<u16>,
    exits: u32,
    cond_depth: u32,
    branch: Option<Pos>,
    parent: Parent,
    sink: Option<Sink>,
    calls: Vec<ExprId>,
    spawn_arg: Option<SmolStr>,
    in_macro: u32,
    /// The `collect()` call whose result the method call being walked
    /// consumes directly (`it.collect::<Vec<_>>().into_iter()`), and how.
    collect_then: Option<(*const Expr, CollectThen)>,
    /// Inside a run-once closure (lazy initialisation, cache fill).
    once: u32,
    /// The argument of a returned `Some(..)`/`Ok(..)` being walked: its
    /// value is the function's result too.
    result_arg: Option<Range>,
    /// The function's body, read again only to check a first-pass flag.
    body: &'a Block,
}

/// Walks one function: its parameters (with `self` when it is a method) and
/// its body. Nested items inside the body are not walked here: the caller
/// finds them with [`nested_items`].
pub fn walk_fn<'a>(
    sig: &'a syn::Signature,
    body: &'a Block,
    attrs_cold: Option<String>,
    cx: &FnContext<'_>,
    syntax: &mut Syntax<'a>,
) -> FnFacts {
    let mut w = Walker {
        f: FnFacts::default(),
        syn: syntax,
        cx,
        scope: Vec::new(),
        loop_id: 0,
        closure_id: 0,
        async_id: 0,
        next_async: 1,
        cold: None,
        exits: 0,
        cond_depth: 0,
        branch: None,
        parent: Parent::Other,
        sink: None,
        calls: Vec::new(),
        spawn_arg: None,
        in_macro: 0,
        collect_then: None,
        once: 0,
        result_arg: None,
        body,
    };
    w.f.closures.push(Closure {
        parent: 0,
        kind: ClosureKind::Body,
        range: Range::of(body),
        is_move: false,
        spawned_by: None,
    });
    if let Some(reason) = attrs_cold {
        w.cold = Some(w.cold_reason(reason));
    }
    if sig.asyncness.is_some() {
        w.async_id = w.next_async;
        w.next_async += 1;
    }
    let end = Pos::end_of(body.brace_token.span.close());
    for input in &sig.inputs {
        match input {
            syn::FnArg::Receiver(r) => {
                let ty = cx.self_ty.map(|t| {
                    let own = Ty::named(t);
                    if r.reference.is_none() && cx.self_ref {
                        Ty::Ref {
                            mutable: false,
                            inner: Box::new(own),
                        }
                    } else if r.reference.is_some() {
                        Ty::Ref {
                            mutable: r.mutability.is_some(),
                            inner: Box::new(own),
                        }
                    } else {
                        own
                    }
                });
                w.add_binding(NewBinding {
                    name: "self".into(),
                    pos: Pos::of(r.self_token.span),
                    kind: BindKind::SelfParam,
                    mutable: r.mutability.is_some(),
                    written: ty,
                    ty_syntax: None,
                    init: None,
                    lines: (0, 0),
                    scope_end: end,
                });
            }
            syn::FnArg::Typed(t) => {
                let first = w.f.bindings.len();
                w.bind_pat(&t.pat, Some(&t.ty), None, BindKind::Param, (0, 0), end);
                // `rhs: Self` in `impl Add for &Quantity` is a `&Quantity`.
                let is_self = matches!(&*t.ty, syn::Type::Path(p) if p.qself.is_none() && p.path.is_ident("Self"));
                if let (true, true, Some(own), Some(b)) = (
                    is_self,
                    cx.self_ref,
                    cx.self_ty,
                    w.f.bindings.get_mut(first),
                ) {
                    let r = Ty::Ref {
                        mutable: false,
                        inner: Box::new(Ty::named(own)),
                    };
                    b.written = Some(r.clone());
                    b.ty = Some(r);
                }
            }
        }
    }
    // The tail expression is the function's return value.
    w.block_with_tail(body, Some(Sink::Return));
    w.finish_scope(0, end);
    w.f.index();
    w.f.shrink_to_fit();
    w.f
}

/// Items declared inside a function body (nested fns, impls, structs).
pub fn nested_items(body: &Block) -> impl Iterator<Item = &syn::Item> {
    body.stmts.iter().filter_map(|s| match s {
        Stmt::Item(i) => Some(i),
        _ => None,
    })
}

impl FnFacts {
    fn index(&mut self) {
        let body = &mut **self;
        body.uses_of = vec![Vec::new(); body.bindings.len()];
        for (i, u) in body.uses.iter().enumerate() {
            if let Some(v) = body.uses_of.get_mut(u.binding as usize) {
                v.push(i as u32);
            }
        }
    }

    /// Gives back the room the lists grew into while the body was walked:
    /// every function's facts are kept until the call graph is built.
    fn shrink_to_fit(&mut self) {
        self.bindings.shrink_to_fit();
        self.uses.shrink_to_fit();
        self.loops.shrink_to_fit();
        self.closures.shrink_to_fit();
        self.sites.shrink_to_fit();
        self.awaits.shrink_to_fit();
        self.events.shrink_to_fit();
        self.resets.shrink_to_fit();
        self.assigns.shrink_to_fit();
        self.calls.shrink_to_fit();
        self.cold_reasons.shrink_to_fit();
        for v in &mut self.uses_of {
            v.shrink_to_fit();
        }
        self.index_reads.shrink_to_fit();
        self.compared.shrink_to_fit();
        self.lent_mut.shrink_to_fit();
        self.arms.shrink_to_fit();
        self.ref_patterns.shrink_to_fit();
    }

    /// The uses of binding `b`, in walk order.
    /// The `match` arm (or `if`/`else` branch) starting at `branch`: what a
    /// [`Site::branch`] names when the site is directly in one.
    pub fn arm(&self, branch: Pos) -> Option<&MatchArm> {
        self.arms.iter().find(|a| a.pat == branch)
    }

    /// Whether code directly in branch `a` and code directly in branch `b`
    /// ([`Site::branch`], [`Use::branch`]) sit in different arms of one
    /// `match` or `if`/`else if`/`else` chain, so one never runs after the
    /// other in the same pass.
    pub fn exclusive(&self, a: Option<Pos>, b: Option<Pos>) -> bool {
        let chain = |mut at: Option<Pos>| {
            let mut out = Vec::new();
            while let Some(arm) = at.and_then(|p| self.arm(p)) {
                out.push((arm.group, arm.pat));
                at = arm.outer;
            }
            out
        };
        let (ca, cb) = (chain(a), chain(b));
        ca.iter()
            .any(|(g, p)| cb.iter().any(|(h, q)| g == h && p != q))
    }

    pub fn uses_of(&self, b: u32) -> impl Iterator<Item = &Use> + '_ {
        self.uses_of
            .get(b as usize)
            .into_iter()
            .flatten()
            .map(|&i| &self.uses[i as usize])
    }

    /// Keeps only what the workspace call graph and the hotness analysis
    /// read of a function ([`crate::callgraph`], [`crate::hotness`]): its
    /// loops, closures, calls, the reasons calls are cold and its `Debug`
    /// dumps. Bindings, uses, sites, awaits, growth events, match arms and
    /// the rest go: a file no finding needs is never read for them again,
    /// and on a large workspace they are most of the memory an audit holds.
    pub fn slim(&mut self) {
        self.body = None;
    }

    /// The innermost binding named `name` visible at `pos` (declared before
    /// it, still in scope).
    pub fn binding_at(&self, name: &str, pos: Pos) -> Option<u32> {
        self.bindings
            .iter()
            .enumerate()
            .filter(|(_, b)| b.name == name && b.pos <= pos && pos <= b.scope_end)
            .max_by_key(|(_, b)| b.pos)
            .map(|(i, _)| i as u32)
    }

    /// Whether loop `inner` is `outer` or nested inside it.
    pub fn loop_within(&self, mut inner: u32, outer: u32) -> bool {
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

    /// The loops around loop `id`, outermost first (`id` included, 0 not).
    pub fn loop_chain(&self, mut id: u32) -> Vec<u32> {
        let mut out = Vec::new();
        while id != 0 {
            out.push(id);
            id = self.loops[id as usize].parent;
        }
        out.reverse();
        out
    }

    /// Whether a closure between `inner` and `outer` is a spawned task.
    pub fn spawned_between(&self, mut inner: u32, outer: u32) -> bool {
        while inner != outer && inner != 0 {
            if self.closures[inner as usize].spawned_by.is_some() {
                return true;
            }
            inner = self.closures[inner as usize].parent;
        }
        false
    }

    /// The innermost spawned closure around `closure`, if any.
    pub fn task_of(&self, mut closure: u32) -> Option<&Closure> {
        while closure != 0 {
            let c = &self.closures[closure as usize];
            if c.spawned_by.is_some() {
                return Some(c);
            }
            closure = c.parent;
        }
        None
    }

    /// Whether closure `inner` is `outer` or nested inside it.
    pub fn closure_within(&self, mut inner: u32, outer: u32) -> bool {
        loop {
            if inner == outer {
                return true;
            }
            if inner == 0 {
                return false;
            }
            inner = self.closures[inner as usize].parent;
        }
    }

    /// The uses that grow the `self` field or static `name` (`push`,
    /// `insert`, `extend`, …).
    pub fn grows<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s RootEvent> + 's {
        self.events
            .iter()
            .filter(move |e| e.name == name && e.kind == GrowthUse::Grow)
    }

    /// Site `s` runs once per iteration of its loop: it is in the loop's own
    /// body closure (not a closure stored for later), on no branch opened
    /// inside the loop, and not on an exit branch.
    pub fn runs_every_iteration(&self, s: &Site) -> bool {
        if s.loop_id == 0 {
            return false;
        }
        let l = &self.loops[s.loop_id as usize];
        s.closure_id == l.body_closure && s.cond_depth == l.cond_depth && !s.exits
    }

    pub fn cold_reason(&self, c: Option<u16>) -> Option<&str> {
        c.and_then(|i| self.cold_reasons.get(i as usize))
            .map(String::as_str)
    }
}

struct NewBinding {
    name: SmolStr,
    pos: Pos,
    kind: BindKind,
    mutable: bool,
    written: Option<Ty>,
    ty_syntax: Option<u32>,
    init: Option<Init>,
    lines: (u32, u32),
    scope_end: Pos,
}

/// The single identifier of a path expression (`x`, `self`).
pub fn path_ident(e: &Expr) -> Option<&Ident> {
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
pub fn root_ident(e: &Expr) -> Option<&Ident> {
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

/// The place an expression names: `x`, `self.items`, `a.b.c`; references,
/// derefs and parentheses are looked through.
pub fn place_key(expr: &Expr) -> Option<SmolStr> {
    match expr {
        Expr::Path(p) if p.qself.is_none() && p.path.segments.len() == 1 => {
            Some(crate::ident::smol(&p.path.segments[0].ident))
        }
        Expr::Field(f) => {
            use std::fmt::Write as _;
            let base = place_key(&f.base)?;
            // Written straight into the key (inline up to 23 bytes): no
            // `String` for the member nor for the joined text.
            let mut key = smol_str::SmolStrBuilder::new();
            key.push_str(&base);
            key.push('.');
            // Writing into a builder cannot fail.
            let _ = match &f.member {
                Member::Named(i) => write!(key, "{i}"),
                Member::Unnamed(i) => write!(key, "{}", i.index),
            };
            Some(key.finish())
        }
        Expr::Reference(r) => place_key(&r.expr),
        Expr::Paren(p) => place_key(&p.expr),
        Expr::Group(g) => place_key(&g.expr),
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => place_key(&u.expr),
        _ => None,
    }
}

/// A place made of a local and fields only (`desc.source`, `x`): no
/// `&`, `*`, call or index, so a pattern over it can move parts out.
fn plain_place(expr: &Expr) -> Option<SmolStr> {
    match expr {
        Expr::Path(_) => place_key(expr),
        Expr::Field(f) => {
            plain_place(&f.base)?;
            place_key(expr)
        }
        Expr::Paren(p) => plain_place(&p.expr),
        Expr::Group(g) => plain_place(&g.expr),
        _ => None,
    }
}

/// Where the `ref x` identifiers (not `ref mut`) of a pattern stand.
fn ref_idents(p: &Pat, out: &mut Vec<Pos>) {
    match p {
        Pat::Ident(i) => {
            if i.by_ref.is_some() && i.mutability.is_none() {
                out.push(Pos::of(i.ident.span()));
            }
            if let Some((_, sub)) = &i.subpat {
                ref_idents(sub, out);
            }
        }
        Pat::Type(t) => ref_idents(&t.pat, out),
        Pat::Paren(pp) => ref_idents(&pp.pat, out),
        Pat::Tuple(t) => t.elems.iter().for_each(|e| ref_idents(e, out)),
        Pat::TupleStruct(t) => t.elems.iter().for_each(|e| ref_idents(e, out)),
        Pat::Struct(s) => s.fields.iter().for_each(|fp| ref_idents(&fp.pat, out)),
        Pat::Slice(s) => s.elems.iter().for_each(|e| ref_idents(e, out)),
        Pat::Or(o) => {
            if let Some(first) = o.cases.first() {
                ref_idents(first, out);
            }
        }
        _ => {}
    }
}

/// `self.f` (through `lock()`, `borrow_mut()`, …) → `Some(("f", false))`;
/// a SCREAMING_CASE static root → `Some((name, true))`.
/// Whether a place is `self` or a field path from it (`self.0`, `(*self.inner)`).
fn rooted_at_self(e: &Expr) -> bool {
    match e {
        Expr::Field(f) => rooted_at_self(&f.base),
        Expr::Paren(p) => rooted_at_self(&p.expr),
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => rooted_at_self(&u.expr),
        _ => path_ident(e).is_some_and(|i| i == "self"),
    }
}

/// A `self`-rooted field place with a named last field: (field, place text).
fn self_field(e: &Expr) -> Option<(SmolStr, String)> {
    let e = strip(e);
    match e {
        Expr::Field(f) if rooted_at_self(&f.base) => match &f.member {
            Member::Named(n) => Some((crate::ident::smol(n), compact(e))),
            Member::Unnamed(_) => None,
        },
        _ => None,
    }
}

/// The value a comparison operand compares: the operand seen through `&`,
/// parentheses and a one-argument `Some(..)`/`Ok(..)` (`x == Some(y)`
/// compares `y`).
fn compared_operand(e: &Expr) -> &Expr {
    match e {
        Expr::Reference(r) => compared_operand(&r.expr),
        Expr::Paren(p) => compared_operand(&p.expr),
        Expr::Call(c) if c.args.len() == 1 => match &*c.func {
            Expr::Path(p)
                if p.qself.is_none()
                    && p.path.segments.len() == 1
                    && (p.path.segments[0].ident == "Some" || p.path.segments[0].ident == "Ok") =>
            {
                compared_operand(&c.args[0])
            }
            _ => e,
        },
        _ => e,
    }
}

/// An empty collection built afresh: `Vec::new()`, `HashMap::default()`,
/// `Default::default()`, `vec![]`.
fn empty_ctor(e: &Expr) -> bool {
    let e = strip(e);
    if let Some(m) = rewritten_name(e) {
        return m == "vec" && matches!(e, Expr::Call(c) if c.args.is_empty());
    }
    match e {
        Expr::Call(c) if c.args.is_empty() => {
            path_call(&c.func).is_some_and(|(_, f)| f == "new" || f == "default")
        }
        _ => false,
    }
}

fn growth_root(e: &Expr) -> Option<(SmolStr, bool)> {
    match e {
        Expr::MethodCall(m) if ident_in(&m.method, names::TRANSPARENT) => growth_root(&m.receiver),
        Expr::Try(t) => growth_root(&t.expr),
        Expr::Paren(p) => growth_root(&p.expr),
        Expr::Field(f) => {
            // `self.f`, or `self.0.f` / `self.inner.f` through a newtype or
            // an inner state: the last field is the collection.
            if !rooted_at_self(&f.base) {
                return None;
            }
            match &f.member {
                Member::Named(n) => Some((crate::ident::smol(n), false)),
                // A newtype's own buffer: `self.0.push(..)`.
                Member::Unnamed(i) => Some((SmolStr::new(i.index.to_string()), false)),
            }
        }
        _ => {
            let id = path_ident(e)?;
            let s = id.to_string();
            let is_static = s.len() > 1
                && s.bytes()
                    .all(|b| b.is_ascii_uppercase() || b == b'_' || b.is_ascii_digit())
                && s.bytes().any(|b| b.is_ascii_uppercase());
            is_static.then(|| (SmolStr::new(s), true))
        }
    }
}

pub fn ident_in(id: &Ident, list: &[&str]) -> bool {
    crate::ident::is_one_of(id, list)
}

/// Adaptors that `Option` has as well as `Iterator`.
const OPTION_ALSO: &[&str] = &[
    "map", "filter", "cloned", "copied", "inspect", "zip", "take",
];

/// Methods whose result is an `Option` (or `Result`): an `OPTION_ALSO`
/// adaptor on it runs its closure at most once.
const OPTION_SOURCES: &[&str] = &[
    "as_ref",
    "as_mut",
    "as_deref",
    "as_deref_mut",
    "ok",
    "err",
    "get",
    "get_mut",
    "first",
    "last",
    "next",
    "next_back",
    "find",
    "pop",
    "take",
    "strip_prefix",
    "strip_suffix",
    "and_then",
    "or_else",
    "position",
    "max",
    "min",
    "parse",
];

/// Whether a method chain ends in an `Option` source through `Option`'s own
/// adaptors (`x.as_ref().filter(..)`).
fn is_option_chain(e: &Expr) -> bool {
    match strip(e) {
        Expr::MethodCall(m) if ident_in(&m.method, OPTION_SOURCES) => {
            m.method != "take" || m.args.is_empty()
        }
        Expr::MethodCall(m) if ident_in(&m.method, OPTION_ALSO) => is_option_chain(&m.receiver),
        _ => false,
    }
}

/// Whether the receiver chain visibly produces an iterator.
pub fn is_iterator_chain(e: &Expr) -> bool {
    match e {
        // `map`, `filter`, `cloned`, … exist on `Option` too: the chain is
        // an iterator only if what they adapt is not an `Option`
        // (`attr.value.as_ref().filter(..)` runs its closure at most once).
        Expr::MethodCall(m) if ident_in(&m.method, OPTION_ALSO) => match strip(&m.receiver) {
            Expr::MethodCall(r) if ident_in(&r.method, OPTION_SOURCES) => {
                // `take()` without a count is `Option::take`; `take(n)` an adaptor.
                r.method == "take" && !r.args.is_empty()
            }
            inner @ Expr::MethodCall(_) => is_iterator_chain(inner) || !is_option_chain(inner),
            // `env::var_os("X").filter(..)`: an `Option` (`env::var`: a `Result`).
            Expr::Call(c) => !matches!(&*c.func, Expr::Path(p)
                if p.path.segments.len() >= 2
                    && p.path.segments[p.path.segments.len() - 2].ident == "env"
                    && p.path.segments.last().is_some_and(|s| s.ident == "var_os" || s.ident == "var")),
            _ => true,
        },
        Expr::MethodCall(m) => ident_in(&m.method, names::ITER_SOURCES),
        Expr::Range(_) => true,
        Expr::Paren(p) => is_iterator_chain(&p.expr),
        _ => false,
    }
}

/// Whether `e` is provably a sequential std `Iterator`: a range, an
/// `iter::once`/`repeat`/`from_fn`/`successors`/`empty` call, or a std
/// source method ([`names::STD_ITER_SOURCES`]) followed only by std adaptors.
/// A rayon chain (`par_iter`, `into_par_iter`, `par_bridge`, …), a method
/// of another crate or anything else is not: `for` cannot walk what is not
/// an `Iterator`, and `count()`/`next()` may not exist on it.
pub fn is_std_iterator(e: &Expr) -> bool {
    match e {
        Expr::MethodCall(m) => {
            if ident_in(&m.method, names::PARALLEL_SOURCES)
                || m.method.to_string().starts_with("par_")
            {
                false
            } else if ident_in(&m.method, names::STD_ITER_SOURCES) {
                !is_parallel_chain(&m.receiver)
            } else if ident_in(&m.method, names::STD_ITER_ADAPTERS) {
                is_std_iterator(&m.receiver)
            } else {
                false
            }
        }
        Expr::Range(_) => true,
        Expr::Paren(p) => is_std_iterator(&p.expr),
        Expr::Call(c) => match &*c.func {
            Expr::Path(p) => {
                let segs: Vec<String> = p
                    .path
                    .segments
                    .iter()
                    .map(|s| s.ident.to_string())
                    .collect();
                let n = segs.len();
                n >= 2
                    && segs[n - 2] == "iter"
                    && is_in(
                        &segs[n - 1],
                        &[
                            "once",
                            "repeat",
                            "repeat_n",
                            "from_fn",
                            "successors",
                            "empty",
                        ],
                    )
            }
            _ => false,
        },
        _ => false,
    }
}

/// Whether the receiver chain starts a rayon parallel iterator.
fn is_parallel_chain(e: &Expr) -> bool {
    match e {
        Expr::MethodCall(m) => {
            ident_in(&m.method, names::PARALLEL_SOURCES) || is_parallel_chain(&m.receiver)
        }
        Expr::Paren(p) => is_parallel_chain(&p.expr),
        _ => false,
    }
}

/// Whether a format string (the literal `arg`) prints an argument in its
/// `Debug` form: `{:?}`, `{x:#?}`, `{0:?}`.
fn formats_debug(arg: Option<&Expr>) -> bool {
    let Some(Expr::Lit(syn::ExprLit {
        lit: syn::Lit::Str(s),
        ..
    })) = arg
    else {
        return false;
    };
    let value = s.value().replace("{{", "");
    value
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(spec, _)| spec))
        .any(|spec| spec.ends_with("?") && spec.contains(':'))
}

fn macro_name_of(e: &Expr) -> Option<String> {
    match e {
        Expr::Macro(m) => m.mac.path.segments.last().map(|s| s.ident.to_string()),
        _ => rewritten_name(e).map(str::to_owned),
    }
}

/// The last statement leaves the loop or function (`return`, `break`, a
/// panic): code in the block runs at most once per run of the loop, and
/// then the loop ends. (A `continue` ends only the iteration: code before
/// it runs on every iteration that takes the branch.)
pub fn block_exits(b: &Block) -> bool {
    match b.stmts.last() {
        Some(Stmt::Expr(e, _)) => expr_exits(e),
        // Compared in place: this runs on the last statement of every branch.
        Some(Stmt::Macro(m)) => is_panic_macro(&m.mac),
        _ => false,
    }
}

/// The block ends the process (`std::process::exit(..)` last): what it
/// calls runs once per process, however often the code around it repeats.
fn ends_process(e: &Expr) -> bool {
    let last = match e {
        Expr::Block(b) => b.block.stmts.last(),
        _ => return is_process_exit(e),
    };
    match last {
        Some(Stmt::Expr(e, _)) => is_process_exit(e),
        _ => false,
    }
}

/// `std::process::exit(..)`, `process::exit(..)` or an `exit(..)`.
fn is_process_exit(e: &Expr) -> bool {
    let Expr::Call(c) = e else { return false };
    let Expr::Path(p) = &*c.func else {
        return false;
    };
    // Compared in place: this runs on the last statement of every branch.
    let mut segs = p.path.segments.iter().rev();
    match (segs.next(), segs.next()) {
        (Some(last), None) => last.ident == "exit",
        (Some(last), Some(module)) => last.ident == "exit" && module.ident == "process",
        _ => false,
    }
}

fn expr_exits(e: &Expr) -> bool {
    match e {
        Expr::Return(_) | Expr::Break(_) => true,
        Expr::Block(b) => block_exits(&b.block),
        // What `macro_name_of` names, without a `String` for it.
        Expr::Macro(m) => is_panic_macro(&m.mac),
        _ => rewritten_name(e).is_some_and(|n| is_in(n, names::PANIC_MACROS)),
    }
}

fn is_panic_macro(mac: &syn::Macro) -> bool {
    mac.path
        .segments
        .last()
        .is_some_and(|s| crate::ident::is_one_of(&s.ident, names::PANIC_MACROS))
}

/// Names of a flag that turns on a program's debugging output: a branch
/// that runs only when one is set is not the program's steady work.
const DEBUG_FLAGS: &[&str] = &[
    "debug",
    "verbose",
    "trace",
    "debug_mode",
    "verbose_mode",
    "is_debug",
    "is_verbose",
];

/// The flag an `if` condition reads when it is a debug flag (`self.debug`,
/// `verbose`, `opts.is_verbose()`), as written.
fn debug_flag(cond: &Expr) -> Option<String> {
    let name = match cond {
        Expr::Paren(p) => return debug_flag(&p.expr),
        Expr::Path(p) if p.qself.is_none() => p.path.get_ident()?.to_string(),
        Expr::Field(f) => match &f.member {
            syn::Member::Named(id) => id.to_string(),
            syn::Member::Unnamed(_) => return None,
        },
        Expr::MethodCall(m) if m.args.is_empty() => m.method.to_string(),
        _ => return None,
    };
    DEBUG_FLAGS.contains(&name.as_str()).then(|| {
        quote::ToTokens::to_token_stream(cond)
            .to_string()
            .replace(' ', "")
    })
}

/// `self.state.header` for a field chain rooted at `self`, as written
/// without spaces; `None` for anything else.
fn self_field_place(e: &Expr) -> Option<String> {
    match e {
        Expr::Paren(p) => self_field_place(&p.expr),
        Expr::Field(f) => {
            let member = match &f.member {
                syn::Member::Named(id) => id.to_string(),
                syn::Member::Unnamed(i) => i.index.to_string(),
            };
            let base = match &*f.base {
                Expr::Path(p) if p.path.is_ident("self") => "self".to_owned(),
                b => self_field_place(b)?,
            };
            Some(format!("{base}.{member}"))
        }
        _ => None,
    }
}

/// The `self` field places an `if` condition reads: `self.state.header` in
/// `if let HeaderState::Write = self.state.header`, `self.cache` in
/// `if self.cache.is_none()`, `self.started` in `if !self.started && ..`.
fn guard_places(cond: &Expr, out: &mut Vec<String>) {
    match cond {
        Expr::Paren(p) => guard_places(&p.expr, out),
        Expr::Unary(u) => guard_places(&u.expr, out),
        Expr::Binary(b) => {
            guard_places(&b.left, out);
            guard_places(&b.right, out);
        }
        Expr::Let(l) => guard_places(&l.expr, out),
        Expr::MethodCall(m) if m.args.is_empty() => guard_places(&m.receiver, out),
        Expr::Reference(r) => guard_places(&r.expr, out),
        e => out.extend(self_field_place(e)),
    }
}

/// A first-time guard: `if <reads self.f> { ..; self.f = <other>; .. }`.
/// The branch changes the very state its condition tests, so it runs once
/// per value of `self` (until something sets the state back), however
/// often the method is called: a header written before the first record,
/// a cache filled on first use. The branch must change it on every path
/// through it (an `if`/`else` whose branches all assign counts; an inner
/// `if self.first { self.first = false }` does not make its outer branch
/// run once).
fn first_time_guard(cond: &Expr, then: &syn::Block) -> bool {
    let mut places = Vec::new();
    guard_places(cond, &mut places);
    !places.is_empty() && block_assigns(then, &places)
}

/// A first-pass guard on a local flag: `if is_empty { ..; is_empty = false; }`
/// or `if !started { ..; started = true; }`. The branch turns its own
/// condition off, and nothing in the function turns it back on, so a loop
/// around it runs it once, not per pass (hexyl prints its header on the
/// first line read). A flag that something sets back (`pending = true` per
/// record) keeps the branch per pass.
fn first_pass_guard(cond: &Expr, then: &syn::Block, body: &Block) -> bool {
    let (flag, on) = match cond {
        Expr::Path(p) => (p.path.get_ident(), true),
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Not(_)) => match &*u.expr {
            Expr::Path(p) => (p.path.get_ident(), false),
            _ => (None, false),
        },
        _ => (None, false),
    };
    let Some(flag) = flag else { return false };
    let turns_off = then.stmts.iter().any(
        |s| matches!(s, Stmt::Expr(Expr::Assign(a), _) if assigned_bool(a, flag) == Some(!on)),
    );
    turns_off && !assigns_bool(body, flag, on)
}

/// `flag = true` / `flag = false`: the literal assigned to `flag`.
fn assigned_bool(a: &syn::ExprAssign, flag: &syn::Ident) -> Option<bool> {
    match (&*a.left, &*a.right) {
        (
            Expr::Path(p),
            Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Bool(b),
                ..
            }),
        ) if p.path.is_ident(flag) => Some(b.value),
        _ => None,
    }
}

/// Whether `body` ever assigns `flag` the value `value`, or a value that is
/// not a literal (which may be either), after its `let`.
fn assigns_bool(body: &Block, flag: &syn::Ident, value: bool) -> bool {
    use syn::visit::Visit;
    struct Find<'f> {
        flag: &'f syn::Ident,
        value: bool,
        found: bool,
    }
    impl<'ast> Visit<'ast> for Find<'_> {
        fn visit_expr_assign(&mut self, a: &'ast syn::ExprAssign) {
            if matches!(&*a.left, Expr::Path(p) if p.path.is_ident(self.flag)) {
                self.found |= assigned_bool(a, self.flag).is_none_or(|b| b == self.value);
            }
            syn::visit::visit_expr_assign(self, a);
        }
        fn visit_expr_binary(&mut self, b: &'ast syn::ExprBinary) {
            // `flag |= x`, `flag &= x`: may turn it either way.
            if matches!(
                b.op,
                syn::BinOp::BitOrAssign(_) | syn::BinOp::BitAndAssign(_)
            ) && matches!(&*b.left, Expr::Path(p) if p.path.is_ident(self.flag))
            {
                self.found = true;
            }
            syn::visit::visit_expr_binary(self, b);
        }
    }
    let mut find = Find {
        flag,
        value,
        found: false,
    };
    find.visit_block(body);
    find.found
}

/// Every path through `b` assigns one of `places`.
fn block_assigns(b: &syn::Block, places: &[String]) -> bool {
    b.stmts.iter().any(|s| match s {
        Stmt::Expr(e, _) => expr_assigns(e, places),
        _ => false,
    })
}

fn expr_assigns(e: &Expr, places: &[String]) -> bool {
    match e {
        Expr::Assign(a) => self_field_place(&a.left).is_some_and(|p| places.contains(&p)),
        Expr::Block(b) => block_assigns(&b.block, places),
        Expr::If(i) => match &i.else_branch {
            Some((_, els)) => block_assigns(&i.then_branch, places) && expr_assigns(els, places),
            None => false,
        },
        _ => false,
    }
}

/// The debug flag of a gate `if !FLAG { return; }` (no `else`): the code
/// after it runs only when the flag is set.
fn debug_gate(e: &Expr) -> Option<String> {
    let Expr::If(i) = e else { return None };
    if i.else_branch.is_some() {
        return None;
    }
    let Expr::Unary(u) = &*i.cond else {
        return None;
    };
    if !matches!(u.op, syn::UnOp::Not(_)) {
        return None;
    }
    let returns = matches!(
        i.then_branch.stmts.last(),
        Some(Stmt::Expr(Expr::Return(_), _))
    );
    returns.then(|| debug_flag(&u.expr)).flatten()
}

/// Whether a block (or expression) ends by returning an error or panicking.
pub fn diverges_with_error(expr: &Expr) -> bool {
    match expr {
        Expr::Block(b) => block_diverges_with_error(&b.block),
        Expr::Return(r) => r.expr.as_deref().is_some_and(is_err_value),
        e => is_err_value(e),
    }
}

pub fn block_diverges_with_error(block: &Block) -> bool {
    match block.stmts.last() {
        Some(Stmt::Expr(e, _)) => diverges_with_error(e),
        // Compared in place: this runs on the last statement of every branch.
        Some(Stmt::Macro(m)) => is_panic_macro(&m.mac),
        _ => false,
    }
}

/// `Err(..)`, `Err(..).into()`, `Err(..)?`, `anyhow!(..)`, `panic!(..)`.
fn is_err_value(expr: &Expr) -> bool {
    match expr {
        Expr::Call(c) => {
            if let Some(n) = rewritten_name(expr) {
                return is_in(n, names::PANIC_MACROS);
            }
            matches!(&*c.func, Expr::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "Err"))
        }
        Expr::MethodCall(m) => is_err_value(&m.receiver),
        Expr::Try(t) => is_err_value(&t.expr),
        Expr::Paren(p) => is_err_value(&p.expr),
        Expr::Macro(_) => macro_name_of(expr).is_some_and(|n| is_in(&n, names::PANIC_MACROS)),
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

/// Whether a call path names `Err`, `Error::new`, `io::Error::other`, … —
/// error construction.
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
pub fn path_call(func: &Expr) -> Option<(&Ident, &Ident)> {
    if let Expr::Path(p) = func {
        let n = p.path.segments.len();
        if n >= 2 {
            return Some((&p.path.segments[n - 2].ident, &p.path.segments[n - 1].ident));
        }
    }
    None
}

/// A call of a function by path in the body of a local `macro_rules!`
/// (`wrap(x)`, `util::wrap(x)`): the path's segments when the token at `i`
/// is the last segment, lower-case (not a tuple struct or variant), not a
/// keyword, not a method (`.name(`), a macro variable (`$name(`) nor a
/// macro (`name!(`), and a parenthesised group follows. The call graph then
/// sees callers it would otherwise miss. (Reading the arguments of every
/// unknown macro this way cost the hot/cold holdout three labels.)
fn token_call(tokens: &[TokenTree], i: usize) -> Option<Vec<SmolStr>> {
    const KEYWORDS: &[&str] = &[
        "if", "while", "match", "return", "in", "for", "fn", "let", "move", "loop", "as", "mut",
        "ref", "else", "break", "continue", "where", "impl", "dyn", "unsafe", "async", "await",
        "self", "super", "crate", "Self",
    ];
    let TokenTree::Ident(id) = &tokens[i] else {
        return None;
    };
    let next_is_args = matches!(tokens.get(i + 1), Some(TokenTree::Group(g)) if g.delimiter() == proc_macro2::Delimiter::Parenthesis);
    let name = id.to_string();
    if !next_is_args
        || !name.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
        || KEYWORDS.contains(&name.as_str())
    {
        return None;
    }
    let punct = |j: usize, ch: char| matches!(tokens.get(j), Some(TokenTree::Punct(p)) if p.as_char() == ch);
    let mut segs = vec![SmolStr::new(&name)];
    let mut j = i;
    // `a::b::name(`: walk back over `::` and identifiers.
    while j >= 3 && punct(j - 1, ':') && punct(j - 2, ':') {
        let TokenTree::Ident(seg) = &tokens[j - 3] else {
            break;
        };
        segs.insert(0, crate::ident::smol(seg));
        j -= 3;
    }
    // `.name(` is a method call, `$name(` a macro variable, `fn name(` a
    // definition.
    if j >= 1 && (punct(j - 1, '.') || punct(j - 1, '$')) {
        return None;
    }
    if j >= 1 && matches!(&tokens[j - 1], TokenTree::Ident(k) if k == "fn") {
        return None;
    }
    Some(segs)
}

fn path_segments(path: &syn::Path) -> Vec<SmolStr> {
    path.segments
        .iter()
        .map(|s| crate::ident::smol(&s.ident))
        .collect()
}

/// Methods that take the value out of an `Option` or `Result`: the value
/// is still the one the call below them made.
const UNWRAPS: &[&str] = &[
    "unwrap",
    "expect",
    "unwrap_or_default",
    "unwrap_or_else",
    "unwrap_or",
];

/// The path of the function whose result `e` is, looking through `?`,
/// `.await`, `.unwrap()`-like calls and parentheses: `Parser::new(src)?` →
/// `["Parser", "new"]`.
pub fn call_origin(e: &Expr) -> Option<Vec<SmolStr>> {
    match e {
        Expr::Try(t) => call_origin(&t.expr),
        Expr::Await(a) => call_origin(&a.base),
        Expr::Paren(p) => call_origin(&p.expr),
        Expr::Group(g) => call_origin(&g.expr),
        Expr::MethodCall(m) if ident_in(&m.method, UNWRAPS) => call_origin(&m.receiver),
        Expr::Call(c) => match &*c.func {
            Expr::Path(p) if p.qself.is_none() && rewritten_name(e).is_none() => {
                Some(path_segments(&p.path))
            }
            _ => None,
        },
        _ => None,
    }
}

/// Where `e` comes from: the function whose result it is
/// ([`call_origin`]), or a chain of method calls on a function's result
/// (`OpenOptions::new().write(true).open(p)`, a builder's steps).
pub fn value_origin(e: &Expr) -> Option<Origin> {
    if let Some(path) = call_origin(e) {
        return Some(Origin::Call(path));
    }
    let (methods, root) = method_chain(e);
    let path = call_origin(root)?;
    if methods.is_empty() || methods.len() > MAX_CHAIN {
        return None;
    }
    Some(Origin::Chain(path, methods))
}

/// The methods called on `e`'s root value, in call order (unwrapping
/// methods left out), and that root: `a.f()?.g().unwrap()` is
/// `([f, g], a)`.
fn method_chain(e: &Expr) -> (Vec<SmolStr>, &Expr) {
    let mut methods = Vec::new();
    let mut cur = e;
    loop {
        match cur {
            Expr::Try(t) => cur = &t.expr,
            Expr::Await(a) => cur = &a.base,
            Expr::Paren(p) => cur = &p.expr,
            Expr::Group(g) => cur = &g.expr,
            Expr::MethodCall(m) => {
                if !ident_in(&m.method, UNWRAPS) {
                    methods.push(crate::ident::smol(&m.method));
                }
                cur = &m.receiver;
            }
            _ => break,
        }
    }
    methods.reverse();
    (methods, cur)
}

/// Methods whose closure runs once per process (or once per key of a
/// cache): lazy initialisation.
/// Conversions that hand on their receiver's heap buffer as another type
/// (`String` → `Vec<u8>`, `Vec<T>` → `Box<[T]>`): no copy, the value lives on.
const BUFFER_CONVERSIONS: &[&str] = &[
    // `format!(..).into()` as a `PathBuf`, a `Box<str>`, a `Cow`: the
    // target takes the buffer.
    "into",
    "into_bytes",
    "into_boxed_str",
    "into_boxed_slice",
    "into_boxed_bytes",
    "into_string",
    "into_vec",
    "into_os_string",
    "into_path_buf",
];

const ONCE_METHODS: &[&str] = &[
    "get_or_init",
    "get_or_try_init",
    "call_once",
    "call_once_force",
    "or_insert_with",
    "or_insert_with_key",
    "get_or_insert_with",
];

/// Parameter names that say a closure is called once per item of data.
const ITEM_NAMES: &[&str] = &[
    "entry",
    "line",
    "row",
    "record",
    "item",
    "event",
    "msg",
    "message",
    "request",
    "req",
    "chunk",
    "batch",
    "token",
    "node",
    "frame",
    "packet",
    "conn",
    "connection",
    "job",
    "elem",
    "element",
    "sample",
    "doc",
    "file",
];

/// A closure whose first parameter names an item of data (`|entry|`,
/// `|event: Event|`, `|(i, line)|`).
fn is_per_item_callback(c: &syn::ExprClosure) -> bool {
    fn names(p: &Pat) -> bool {
        match p {
            Pat::Ident(i) => {
                // Read in place: this runs on every closure of the workspace.
                let text = crate::ident::IdentText::of(&i.ident);
                let n = text.as_str().trim_start_matches('_');
                ITEM_NAMES.contains(&n)
                    || ITEM_NAMES
                        .iter()
                        .any(|w| n.strip_suffix(w).is_some_and(|head| head.ends_with('_')))
            }
            Pat::Type(t) => names(&t.pat),
            Pat::Tuple(t) => t.elems.iter().any(names),
            Pat::Reference(r) => names(&r.pat),
            _ => false,
        }
    }
    c.inputs.first().is_some_and(names)
}

/// The outer attributes of an expression statement (`#[cfg(test)] { .. }`).
fn expr_attrs(e: &Expr) -> &[syn::Attribute] {
    match e {
        Expr::Block(b) => &b.attrs,
        Expr::Call(c) => &c.attrs,
        Expr::MethodCall(m) => &m.attrs,
        Expr::Macro(m) => &m.attrs,
        Expr::If(i) => &i.attrs,
        Expr::Match(m) => &m.attrs,
        Expr::Assign(a) => &a.attrs,
        Expr::ForLoop(f) => &f.attrs,
        Expr::Unsafe(u) => &u.attrs,
        _ => &[],
    }
}

/// The place a reference scrutinee borrows: `&place`, `&mut place`,
/// `place.as_ref()`, `place.as_mut()`, `place.as_deref()`,
/// `place.as_deref_mut()`.
fn borrowed_place(scrutinee: &Expr) -> Option<SmolStr> {
    match strip(scrutinee) {
        Expr::Reference(r) => place_key(&r.expr),
        Expr::MethodCall(m)
            if m.args.is_empty()
                && ["as_ref", "as_mut", "as_deref", "as_deref_mut"]
                    .iter()
                    .any(|n| m.method == n) =>
        {
            place_key(&m.receiver)
        }
        _ => None,
    }
}

/// A method called on a place whose result a pattern destructures, seen
/// through `?`, `.unwrap()` and `.expect(..)`: `self.env.lookup(name)?`
/// gives (`self.env`, `lookup`). Whether the result borrows the place is
/// the method's signature's to say.
fn method_on_place(scrutinee: &Expr) -> Option<(SmolStr, SmolStr)> {
    match strip(scrutinee) {
        Expr::Try(t) => method_on_place(&t.expr),
        Expr::MethodCall(m) if m.method == "unwrap" || m.method == "expect" => {
            method_on_place(&m.receiver)
        }
        Expr::MethodCall(m) => Some((place_key(&m.receiver)?, SmolStr::new(m.method.to_string()))),
        _ => None,
    }
}

/// Strips parentheses and groups.
pub fn strip(e: &Expr) -> &Expr {
    match e {
        Expr::Paren(p) => strip(&p.expr),
        Expr::Group(g) => strip(&g.expr),
        _ => e,
    }
}

/// Looks through `?`, `.await`, `&`, parentheses and groups.
pub fn core_expr(expr: &Expr) -> &Expr {
    match expr {
        Expr::Try(t) => core_expr(&t.expr),
        Expr::Await(a) => core_expr(&a.base),
        Expr::Paren(p) => core_expr(&p.expr),
        Expr::Group(g) => core_expr(&g.expr),
        Expr::Reference(r) => core_expr(&r.expr),
        _ => expr,
    }
}

/// Tokens of a syntax node as text without layout: a space survives only
/// between two word characters (`dyn Stage`, `&'a str`), so that
/// `Arc < Mutex < T > >` and `Arc<Mutex<T>>` compare equal.
pub fn compact<T: quote::ToTokens + ?Sized>(node: &T) -> String {
    compact_text(&node.to_token_stream().to_string())
}

/// Drops the whitespace of `text` but a single space between two words.
fn compact_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '\'');
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            if word(out.chars().next_back()) && word(chars.peek().copied()) {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// [`compact_text`] of plain ASCII text ([`is_plain`]), byte by byte: a
/// run of whitespace becomes one space between two words, else nothing.
fn compact_plain(text: &str) -> String {
    // `'` as [`compact_text`] counts it (it occurs in string literals here).
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'\'';
    let mut out = Vec::with_capacity(text.len());
    let mut gap = false;
    for &b in text.as_bytes() {
        if b.is_ascii_whitespace() {
            gap = true;
            continue;
        }
        if gap && out.last().is_some_and(|&l| word(l)) && word(b) {
            out.push(b' ');
        }
        gap = false;
        out.push(b);
    }
    // Only ASCII bytes were copied.
    String::from_utf8(out).unwrap_or_default()
}

/// The byte offset in `src` of `p` (a 1-based line, a column in
/// characters), given where each line starts.
fn byte_at(src: &str, line_starts: &[usize], p: Pos) -> Option<usize> {
    let start = *line_starts.get((p.line as usize).checked_sub(1)?)?;
    let mut col = 0;
    for (i, c) in src.get(start..)?.char_indices() {
        if col == p.col {
            return Some(start + i);
        }
        if c == '\n' {
            return None;
        }
        col += 1;
    }
    (col == p.col).then_some(src.len())
}

/// Whether `text`'s tokens print as written, whitespace aside: plain bytes
/// ([`is_plain`]), string literals (`"…"`, `b"…"`: a literal prints its
/// text as written; not raw strings, whose `\\` escapes nothing), and `!`
/// but a macro's (`name!(`, `name![`, `name! {`: rewritten into calls).
fn is_plain_text(text: &[u8]) -> bool {
    let mut i = 0;
    while let Some(&b) = text.get(i) {
        match b {
            b'"' => {
                if i > 0 && text[i - 1] == b'r' {
                    return false;
                }
                // To the closing quote, over escapes.
                i += 1;
                loop {
                    match text.get(i) {
                        None => return false,
                        Some(b'"') => break,
                        Some(b'\\') => i += 2,
                        // Printable ASCII, tabs and line ends: whitespace
                        // to `compact_plain` exactly where it is to
                        // `compact_text`.
                        Some(b' '..=b'~' | b'\t' | b'\n' | b'\r') => i += 1,
                        Some(_) => return false,
                    }
                }
            }
            b'!' => {
                let next = text[i + 1..].iter().find(|c| !c.is_ascii_whitespace());
                if matches!(next, Some(b'(' | b'[' | b'{')) {
                    return false;
                }
            }
            _ if !is_plain(b) => return false,
            _ => {}
        }
        i += 1;
    }
    true
}

/// A byte of source text whose tokens print as written, whitespace aside:
/// ASCII letters, digits, `_`, whitespace and the punctuation of paths,
/// operators, calls and blocks. Not `"` `'` `#` `/` `!` `\\` `$` `@` `~`
/// nor anything non-ASCII.
fn is_plain(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'_' | b' '
                | b'\t'
                | b'\n'
                | b'\r'
                | b'.'
                | b','
                | b':'
                | b';'
                | b'('
                | b')'
                | b'['
                | b']'
                | b'{'
                | b'}'
                | b'<'
                | b'>'
                | b'&'
                | b'*'
                | b'?'
                | b'='
                | b'+'
                | b'-'
                | b'|'
                | b'%'
                | b'^'
        )
}

/// Shortens text for messages.
pub fn shorten(s: &str) -> String {
    if s.chars().count() > 48 {
        let cut: String = s.chars().take(45).collect();
        format!("{cut}...")
    } else {
        s.to_owned()
    }
}

impl infer::Locals for Walker<'_, '_> {
    fn local_ty(&self, name: &str) -> Option<Ty> {
        let b = self.resolve_str(name)?;
        self.f.bindings[b as usize].ty.clone()
    }
}

impl<'a> Walker<'a, '_> {
    fn cold_reason(&mut self, reason: String) -> u16 {
        if let Some(i) = self.f.cold_reasons.iter().position(|r| *r == reason) {
            return i as u16;
        }
        self.f.cold_reasons.push(reason);
        (self.f.cold_reasons.len() - 1).min(u16::MAX as usize) as u16
    }

    /// Runs `f` with code marked cold for `reason` (the innermost reason is
    /// the most precise one to report, so it replaces an outer one).
    fn in_cold(&mut self, reason: String, f: impl FnOnce(&mut Self)) {
        let id = self.cold_reason(reason);
        let saved = self.cold.replace(id);
        f(self);
        self.cold = saved;
    }

    fn add_binding(&mut self, mut b: NewBinding) -> u32 {
        let idx = self.f.bindings.len() as u32;
        // `let scheme: Self = ..` (or a by-value `other: Self`) names the
        // impl's type: its fields are then known like any other local's.
        if let (Some(w), Some(own)) = (&b.written, self.cx.self_ty) {
            if matches!(w, Ty::Path(_)) && w.name() == Some("Self") && w.args().is_empty() {
                b.written = Some(Ty::named(own));
            }
        }
        let ty = b.written.clone().or_else(|| {
            let init = b.init.as_ref()?;
            let e = self.syn.expr(init.expr)?;
            infer::expr_type(e, &self.infer_env(), 0)
        });
        let origin = b
            .init
            .as_ref()
            .and_then(|i| self.syn.expr(i.expr))
            .and_then(|e| self.origin_of(e));
        self.f.bindings.push(Binding {
            origin,
            unwraps: None,
            borrows: None,
            borrows_via: None,
            name: b.name,
            pos: b.pos,
            kind: b.kind,
            loop_id: self.loop_id,
            closure_id: self.closure_id,
            async_id: self.async_id,
            mutable: b.mutable,
            written: b.written,
            ty,
            init: b.init,
            ty_syntax: b.ty_syntax,
            stmt_lines: b.lines,
            scope_end: b.scope_end,
        });
        self.scope.push(idx);
        idx
    }

    fn infer_env(&self) -> infer::Env<'_> {
        infer::Env {
            table: self.cx.table,
            self_ty: self.cx.self_ty,
            locals: self,
        }
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
                let init = init.map(|e| {
                    let core = core_expr(e);
                    let range = Range::of(core);
                    Init {
                        range,
                        text: self.syn.compact(core, range),
                        expr: self.syn.add_expr(e),
                    }
                });
                let ty_syntax = ty.map(|t| self.syn.add_ty(t));
                self.add_binding(NewBinding {
                    name: crate::ident::smol(&i.ident),
                    pos: Pos::of(i.ident.span()),
                    kind,
                    mutable: i.mutability.is_some(),
                    written: ty.map(Ty::from_syn),
                    ty_syntax,
                    init,
                    lines,
                    scope_end,
                });
                if let Some((_, sub)) = &i.subpat {
                    self.bind_pat(sub, None, None, BindKind::Pattern, lines, scope_end);
                }
            }
            Pat::Type(t) => match (&*t.pat, &*t.ty) {
                // `(entry, language): (DirEntry, LanguageType)`: each name
                // gets its part of the tuple type.
                (Pat::Tuple(pt), Type::Tuple(tt)) if pt.elems.len() == tt.elems.len() => {
                    for (p, ty) in pt.elems.iter().zip(tt.elems.iter()) {
                        self.bind_pat(p, Some(ty), None, BindKind::Pattern, lines, scope_end);
                    }
                }
                _ => self.bind_pat(&t.pat, Some(&t.ty), init, kind, lines, scope_end),
            },
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

    /// `Some(x)` / `Ok(x)` matched against a value: `x` holds what the
    /// value wraps — its type when the value's type is known, and where the
    /// value came from otherwise.
    fn unwrap_pattern(&mut self, first: usize, pat: &Pat, scrutinee: &Expr) {
        let Pat::TupleStruct(ts) = pat else { return };
        let wrapper = ts.path.segments.last().map(|s| s.ident.to_string());
        if !matches!(wrapper.as_deref(), Some("Some" | "Ok")) || ts.elems.len() != 1 {
            return;
        }
        if !matches!(ts.elems.first(), Some(Pat::Ident(_))) {
            return;
        }
        let inner = infer::expr_type(scrutinee, &self.infer_env(), 0)
            .filter(|t| matches!(t.name(), Some("Option" | "Result")))
            .and_then(|t| t.args().first().cloned());
        let origin = self.origin_of(scrutinee);
        let unwraps = place_key(scrutinee);
        if let Some(b) = self.f.bindings.get_mut(first) {
            if b.unwraps.is_none() {
                b.unwraps = unwraps;
            }
            if b.ty.is_none() {
                b.ty = inner;
            }
            if b.origin.is_none() {
                b.origin = origin;
            }
        }
    }

    /// `Cmd::Query(cmd)`, `&Self::Binary(ref b)`: the one name bound holds
    /// the value the variant carries. The enum may live in another file, so
    /// the call graph types it from the enum's definition ([`Origin::Payload`]).
    fn payload_pattern(&mut self, first: usize, pat: &Pat) {
        let pat = match pat {
            Pat::Reference(r) => &*r.pat,
            p => p,
        };
        let Pat::TupleStruct(ts) = pat else { return };
        if ts.path.segments.len() < 2 || ts.elems.len() != 1 {
            return;
        }
        if !matches!(ts.elems.first(), Some(Pat::Ident(i)) if i.subpat.is_none()) {
            return;
        }
        let path = path_segments(&ts.path);
        if let Some(b) = self.f.bindings.get_mut(first) {
            if b.ty.is_none() && b.origin.is_none() {
                b.origin = Some(Origin::Payload(path));
            }
        }
    }

    /// Marks the bindings from `first` on, made by a pattern matched
    /// against `scrutinee`, as borrowing the place `scrutinee` borrows.
    fn pattern_borrows(&mut self, first: usize, scrutinee: &Expr) {
        let (place, via) = match borrowed_place(scrutinee) {
            Some(place) => (place, None),
            None => match method_on_place(scrutinee) {
                Some((place, method)) => (place, Some(method)),
                None => return,
            },
        };
        self.mark_borrows(first, &place, via.as_ref());
    }

    /// Marks the bindings from `first` on as references into `place`
    /// (through the result of method `via`, when there is one); a binding
    /// already marked keeps its place.
    fn mark_borrows(&mut self, first: usize, place: &SmolStr, via: Option<&SmolStr>) {
        for b in self.f.bindings.iter_mut().skip(first) {
            if b.borrows.is_none() {
                b.borrows = Some(place.clone());
                b.borrows_via = via.cloned();
            }
        }
    }

    /// Types the binding of a loop pattern (`for row in rows`, `|row|`) with
    /// the item the loop yields, when the pattern is a plain identifier.
    fn give_item_type(&mut self, first: usize, pat: &Pat, item: Option<Ty>) {
        let Some(item) = item else { return };
        let plain = matches!(pat, Pat::Ident(_)) || matches!(pat, Pat::Type(_));
        if plain {
            if let Some(b) = self.f.bindings.get_mut(first) {
                if b.ty.is_none() {
                    b.ty = Some(item);
                }
            }
            return;
        }
        // `(i, x)` over `enumerate()`, `(a, b)` over `zip(..)`: each plain
        // name of a flat tuple pattern takes its part of the item (a `ref`
        // name borrows, `_` binds nothing, a nested pattern ends it).
        let (Pat::Tuple(tp), Ty::Tuple(parts)) = (pat, item) else {
            return;
        };
        if tp.elems.len() != parts.len() {
            return;
        }
        let mut b = first;
        for (p, t) in tp.elems.iter().zip(parts) {
            match p {
                Pat::Ident(i) if i.by_ref.is_none() && i.subpat.is_none() => {
                    if let Some(bd) = self.f.bindings.get_mut(b) {
                        if bd.ty.is_none() && !t.is_unknown() {
                            bd.ty = Some(t);
                        }
                    }
                    b += 1;
                }
                Pat::Wild(_) => {}
                _ => return,
            }
        }
    }

    fn resolve(&self, name: &Ident) -> Option<u32> {
        self.scope
            .iter()
            .rev()
            .copied()
            .find(|&b| *name == self.f.bindings[b as usize].name.as_str())
    }

    fn resolve_str(&self, name: &str) -> Option<u32> {
        self.scope
            .iter()
            .rev()
            .copied()
            .find(|&b| self.f.bindings[b as usize].name == name)
    }

    fn record(&mut self, b: u32, place: SmolStr, pos: Pos, kind: UseKind) {
        self.f.uses.push(Use {
            binding: b,
            place,
            pos,
            kind,
            loop_id: self.loop_id,
            closure_id: self.closure_id,
            cond_depth: self.cond_depth,
            branch: self.branch,
        });
    }

    fn use_ident(&mut self, id: &Ident, kind: UseKind) {
        if let Some(b) = self.resolve(id) {
            let place = self.f.bindings[b as usize].name.clone();
            self.record(b, place, Pos::of(id.span()), kind);
        }
    }

    /// A use of the place `e` (a path or field chain) rooted in a binding.
    fn use_place(&mut self, e: &Expr, kind: UseKind) {
        let Some(root) = root_ident(e) else {
            return;
        };
        let Some(b) = self.resolve(root) else {
            return;
        };
        let place = place_key(e).unwrap_or_else(|| self.f.bindings[b as usize].name.clone());
        self.record(b, place, Pos::start(e), kind);
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
        self.block_with_tail(b, None);
    }

    /// A block whose tail expression (if any) is consumed by `tail`.
    fn block_with_tail(&mut self, b: &'a Block, tail: Option<Sink>) {
        let mark = self.scope.len();
        let end = Pos::end_of(b.brace_token.span.close());
        let last = b.stmts.len().saturating_sub(1);
        // Past `if !self.debug { return; }` the block runs only in debug
        // mode: the statements after the gate are cold.
        let saved_cold = self.cold;
        for (i, s) in b.stmts.iter().enumerate() {
            // Statements compiled only for tests are not this function's
            // production code.
            let attrs = match s {
                Stmt::Local(l) => &l.attrs[..],
                Stmt::Expr(e, _) => expr_attrs(e),
                Stmt::Macro(m) => &m.attrs[..],
                Stmt::Item(_) => &[][..],
            };
            if attrs.iter().any(crate::items::is_cfg_test) {
                continue;
            }
            match s {
                Stmt::Local(l) => self.local(l, end),
                // A local `macro_rules!` runs its body where it is invoked;
                // its calls are recorded here, once per call of the
                // function, so the graph knows their callee has a caller.
                Stmt::Item(syn::Item::Macro(m)) if m.mac.path.is_ident("macro_rules") => {
                    self.scan_calls(m.mac.tokens.clone());
                }
                Stmt::Item(syn::Item::Use(u)) => {
                    let mut prefix = Vec::new();
                    crate::items::flatten_use(&u.tree, &mut prefix, &[], &mut self.f.local_imports);
                }
                Stmt::Item(_) => {}
                Stmt::Expr(e, semi) => {
                    if i == last && semi.is_none() {
                        if let Some(sink) = &tail {
                            self.sink = Some(sink.clone());
                            if *sink == Sink::Return {
                                self.parent = Parent::Return;
                            }
                        }
                    }
                    self.expr(e, Mode::Move);
                }
                Stmt::Macro(m) => self.macro_tokens(&m.mac),
            }
            if let Stmt::Expr(e, _) = s {
                if let Some(flag) = debug_gate(e) {
                    let line = Pos::start(e).line;
                    let reason = format!(
                        "past the return at line {line}, the code runs only when the debug flag `{flag}` is set"
                    );
                    self.cold = Some(self.cold_reason(reason));
                }
            }
        }
        self.cold = saved_cold;
        self.finish_scope(mark, end);
    }

    fn local(&mut self, l: &'a syn::Local, end: Pos) {
        let lines = (
            Pos::of(l.let_token.span).line,
            Pos::end_of(l.semi_token.span).line,
        );
        let before = self.f.sites.len();
        let mut init_expr = None;
        let name = match &l.pat {
            Pat::Ident(i) => Some(crate::ident::smol(&i.ident)),
            Pat::Type(t) => match &*t.pat {
                Pat::Ident(i) => Some(crate::ident::smol(&i.ident)),
                _ => None,
            },
            _ => None,
        };
        if let Some(init) = &l.init {
            self.parent = Parent::LetInit;
            self.sink = Some(Sink::Let(
                name.clone().unwrap_or_else(|| SmolStr::new("(pattern)")),
            ));
            self.expr(&init.expr, Mode::Move);
            init_expr = Some(&*init.expr);
            if let Some((_, div)) = &init.diverge {
                if diverges_with_error(div) {
                    let line = Pos::start(&**div).line;
                    self.in_cold(
                        format!("`let .. else` block at line {line} returns an error"),
                        |w| w.expr(div, Mode::Move),
                    );
                } else {
                    self.exits += 1;
                    self.expr(div, Mode::Move);
                    self.exits -= 1;
                }
            }
        }
        let first = self.f.bindings.len() as u32;
        self.bind_pat(&l.pat, None, init_expr, BindKind::Let, lines, end);
        if let Some(init) = init_expr {
            // `let (sig, meta) = self.env.lookup(name).unwrap();` borrows
            // `self.env` when `lookup` returns references (its signature
            // says; the Validator asks it).
            if let Some((place, method)) = method_on_place(init) {
                self.mark_borrows(first as usize, &place, Some(&method));
            }
            let simple = name.is_some();
            if simple && (first as usize) < self.f.bindings.len() {
                let target = Range::of(core_expr(init));
                let direct = Range::of(strip(init));
                for s in &mut self.f.sites[before..] {
                    if s.range == target || s.range == direct {
                        s.let_binding = Some(first);
                    }
                }
            }
        }
    }

    /// A branch body (`if`/`else`, match arm): cold when it ends in an error,
    /// an exit when it leaves the loop or function.
    fn branch(&mut self, start: Pos, cold: Option<String>, exits: bool, f: impl FnOnce(&mut Self)) {
        let saved_branch = self.branch.replace(start);
        self.cond_depth += 1;
        self.exits += exits as u32;
        match cold {
            Some(reason) => self.in_cold(reason, f),
            None => f(self),
        }
        self.exits -= exits as u32;
        self.cond_depth -= 1;
        self.branch = saved_branch;
    }

    /// A macro memaudit could not rewrite into a call: its tokens are
    /// opaque, but every local they mention still counts as read.
    fn macro_tokens(&mut self, mac: &'a syn::Macro) {
        self.scan_tokens(&mac.tokens);
    }

    fn scan_tokens(&mut self, ts: &TokenStream) {
        self.scan_stream(ts.clone());
    }

    fn scan_stream(&mut self, ts: TokenStream) {
        for tt in ts {
            self.scan_tree(&tt);
        }
    }

    /// The calls by path in a token stream, and nothing else (a
    /// `macro_rules!` body names its own variables, not the function's).
    fn scan_calls(&mut self, ts: TokenStream) {
        let tokens: Vec<TokenTree> = ts.into_iter().collect();
        for (i, tt) in tokens.iter().enumerate() {
            if let TokenTree::Group(g) = tt {
                self.scan_calls(g.stream());
            } else if let Some(segs) = token_call(&tokens, i) {
                self.call_site(Callee::Path(segs), Pos::of(tt.span()));
            }
        }
    }

    fn scan_tree(&mut self, tt: &TokenTree) {
        match tt {
            TokenTree::Ident(id) => {
                if let Some(b) = self.resolve(id) {
                    let place = self.f.bindings[b as usize].name.clone();
                    self.record(b, place, Pos::of(id.span()), UseKind::Read);
                }
            }
            TokenTree::Group(g) => self.scan_stream(g.stream()),
            TokenTree::Literal(l) => {
                // Inline format arguments: `"{name}"` captures `name`.
                let text = l.to_string();
                if !text.starts_with('"') || !text.contains('{') {
                    return;
                }
                let pos = Pos::of(l.span());
                for part in text.split('{').skip(1) {
                    let ident: String = part
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    if !ident.is_empty() && !ident.starts_with(|c: char| c.is_ascii_digit()) {
                        if let Some(b) = self.resolve_str(&ident) {
                            let place = self.f.bindings[b as usize].name.clone();
                            self.record(b, place, pos, UseKind::Read);
                        }
                    }
                }
            }
            TokenTree::Punct(_) => {}
        }
    }

    fn site(&mut self, e: &'a Expr, kind: SiteKind, parent: Parent, sink: Option<Sink>) {
        let (receiver, receiver_ty) = match (kind, e) {
            (SiteKind::RcClone, Expr::Call(c)) => {
                let r = c.args.first();
                (
                    r.and_then(place_key),
                    r.and_then(|r| infer::expr_type(core_expr(r), &self.infer_env(), 0)),
                )
            }
            (_, Expr::MethodCall(m)) => (
                // `self.macros[k].clone()` copies an element of the place
                // `self.macros`: named `self.macros[..]`, so that a use of
                // the place overlaps it and no field of it is looked up.
                place_key(&m.receiver).or_else(|| match strip(&m.receiver) {
                    Expr::Index(i) => place_key(&i.expr).map(|b| SmolStr::new(format!("{b}[..]"))),
                    _ => None,
                }),
                infer::expr_type(&m.receiver, &self.infer_env(), 0),
            ),
            _ => (None, None),
        };
        let id = self.syn.add_expr(e);
        let range = Range::of(e);
        let text = self.syn.compact(e, range);
        let returned = sink == Some(Sink::Return) || self.result_arg == Some(range);
        self.f.sites.push(Site {
            kind,
            range,
            loop_id: self.loop_id,
            closure_id: self.closure_id,
            cold: self.cold,
            exits: self.exits > 0,
            cond_depth: self.cond_depth,
            branch: self.branch,
            parent,
            sink,
            let_binding: None,
            receiver,
            receiver_ty,
            text,
            spawn_arg: self.spawn_arg.clone(),
            in_macro: self.in_macro > 0,
            expr: id,
            enclosing_call: self.calls.last().copied(),
            outer_call: self.calls.iter().rev().nth(1).copied(),
            collected: if kind == SiteKind::Collect {
                let then = match self.collect_then {
                    Some((p, t)) if std::ptr::eq(p, e) => Some(t),
                    _ => None,
                };
                Collected::of(e).map(|c| Collected { then, ..c })
            } else {
                None
            },
            returned,
        });
    }

    fn call_site(&mut self, callee: Callee, pos: Pos) {
        self.f.calls.push(CallSite {
            callee,
            passed_to: None,
            pos,
            loop_id: self.loop_id,
            closure_id: self.closure_id,
            cold: self.cold,
            // The depth guard stops a walk long before this saturates.
            cond_depth: u16::try_from(self.cond_depth).unwrap_or(u16::MAX),
            once: self.once > 0,
            exits: self.exits > 0,
        });
    }

    #[allow(clippy::too_many_arguments)]
    fn open_loop(
        &mut self,
        kind: LoopKind,
        start: Pos,
        body: Range,
        iter: Option<&'a Expr>,
        pat: Option<&'a Pat>,
        parallel: bool,
    ) -> u32 {
        let id = self.f.loops.len() as u32;
        let depth = self.f.loops[self.loop_id as usize].depth + 1;
        let source = iter.map(|e| compact(strip(e))).unwrap_or_default();
        let pattern = pat.map(compact).unwrap_or_default();
        let iter = iter.map(|e| self.syn.add_expr(e));
        let pat = pat.map(|p| self.syn.add_pat(p));
        self.f.loops.push(Loop {
            kind,
            parent: self.loop_id,
            depth,
            start,
            body,
            source,
            pattern,
            parallel,
            cond_depth: self.cond_depth,
            body_closure: self.closure_id,
            iter,
            pat,
            skips: Vec::new(),
            retry: false,
        });
        let prev = self.loop_id;
        self.loop_id = id;
        prev
    }

    fn closure(&mut self, c: &'a syn::ExprClosure, spawned_by: Option<SmolStr>) {
        let id = self.f.closures.len() as u32;
        self.f.closures.push(Closure {
            parent: self.closure_id,
            kind: ClosureKind::Closure,
            range: Range::of(c),
            is_move: c.capture.is_some(),
            spawned_by,
        });
        let prev = self.closure_id;
        self.closure_id = id;
        let prev_async = self.async_id;
        self.async_id = 0;
        let prev_sink = self.sink.take();
        let prev_exits = std::mem::replace(&mut self.exits, 0);
        let mark = self.scope.len();
        let end = Pos::end(&c.body);
        for p in &c.inputs {
            self.bind_pat(p, None, None, BindKind::Pattern, (0, 0), end);
        }
        let first_use = self.f.uses.len();
        self.expr(&c.body, Mode::Move);
        self.finish_scope(mark, end);
        if c.capture.is_some() {
            self.captures(id, first_use, Pos::start(c));
        }
        self.exits = prev_exits;
        self.sink = prev_sink;
        self.async_id = prev_async;
        self.closure_id = prev;
    }

    /// A `move` closure or `async move` block takes ownership of every
    /// outer binding it uses: one move per binding, where the closure is
    /// created.
    fn captures(&mut self, closure: u32, first_use: usize, at: Pos) {
        let task = self.f.closures[closure as usize].spawned_by.clone();
        let mut seen: Vec<u32> = Vec::new();
        for u in &self.f.uses[first_use..] {
            let b = &self.f.bindings[u.binding as usize];
            if !self.f.closure_within(b.closure_id, closure) && !seen.contains(&u.binding) {
                seen.push(u.binding);
            }
        }
        for b in seen {
            let place = self.f.bindings[b as usize].name.clone();
            let parent = self.f.closures[closure as usize].parent;
            self.f.uses.push(Use {
                binding: b,
                place,
                pos: at,
                kind: UseKind::Move(Sink::Capture {
                    line: at.line,
                    task: task.clone(),
                }),
                loop_id: self.loop_id,
                closure_id: parent,
                cond_depth: self.cond_depth,
                branch: self.branch,
            });
        }
    }

    /// A closure handed to a call memaudit does not know, whose parameter
    /// names an item of data (`walker.run(|entry| ..)`, `on_event(|event| ..)`):
    /// the callee calls it per item.
    fn callback_closure(&mut self, c: &'a syn::ExprClosure, callee: &SmolStr) {
        let prev = self.open_loop(
            LoopKind::Iter(callee.clone()),
            Pos::of(c.or1_token.span),
            Range::of(&c.body),
            None,
            c.inputs.first(),
            false,
        );
        let body_closure = self.f.closures.len() as u32;
        if let Some(l) = self.f.loops.last_mut() {
            l.body_closure = body_closure;
        }
        self.closure(c, None);
        self.loop_id = prev;
    }

    /// A closure passed to an iterator adaptor: its body runs per element,
    /// and what it returns goes to the adaptor when the adaptor yields it.
    fn iter_closure(
        &mut self,
        c: &'a syn::ExprClosure,
        receiver: &'a Expr,
        adaptor: &'a Ident,
        parallel: bool,
    ) {
        let name = crate::ident::smol(adaptor);
        let prev = self.open_loop(
            LoopKind::Iter(name.clone()),
            Pos::of(c.or1_token.span),
            Range::of(&c.body),
            Some(receiver),
            c.inputs.first(),
            parallel,
        );
        let body_closure = self.f.closures.len() as u32;
        if let Some(l) = self.f.loops.last_mut() {
            l.body_closure = body_closure;
        }
        let yields = is_in(&name, names::YIELDING);
        // The closure's tail (or body expression) is the element produced.
        self.f.closures.push(Closure {
            parent: self.closure_id,
            kind: ClosureKind::Closure,
            range: Range::of(c),
            is_move: c.capture.is_some(),
            spawned_by: None,
        });
        let prev_closure = self.closure_id;
        self.closure_id = body_closure;
        let prev_async = self.async_id;
        self.async_id = 0;
        let prev_exits = std::mem::replace(&mut self.exits, 0);
        let mark = self.scope.len();
        let end = Pos::end(&c.body);
        // What the closure's first parameter receives: the item itself
        // (`map`, `for_each`, …), a reference to it (`filter`, `find`,
        // `retain`, `sort_by_key`, …), or an accumulator (`fold`, `scan`),
        // which is no item at all.
        let item = if is_in(&name, names::ITEM_BY_VALUE) {
            infer::iteration_item(receiver, &self.infer_env())
        } else if is_in(&name, names::ITEM_BY_REF) {
            infer::iteration_item(receiver, &self.infer_env()).map(Ty::reference)
        } else {
            None
        };
        for (i, p) in c.inputs.iter().enumerate() {
            let first = self.f.bindings.len();
            self.bind_pat(p, None, None, BindKind::Pattern, (0, 0), end);
            if i == 0 {
                self.give_item_type(first, p, item.clone());
            }
        }
        let tail = yields.then(|| Sink::Yield(name.clone()));
        match &*c.body {
            Expr::Block(b) => self.block_with_tail(&b.block, tail),
            body => {
                self.sink = tail;
                self.expr(body, Mode::Move);
            }
        }
        self.finish_scope(mark, end);
        self.exits = prev_exits;
        self.async_id = prev_async;
        self.closure_id = prev_closure;
        self.loop_id = prev;
    }

    fn args(
        &mut self,
        call: &'a Expr,
        args: impl Iterator<Item = &'a Expr>,
        mode: Mode,
        sink: Sink,
    ) {
        let id = self.syn.add_expr(call);
        self.calls.push(id);
        for a in args {
            self.parent = Parent::Arg;
            self.sink = Some(sink.clone());
            self.expr(a, mode);
        }
        self.calls.pop();
    }

    fn expr(&mut self, e: &'a Expr, mode: Mode) {
        let parent = std::mem::replace(&mut self.parent, Parent::Other);
        let sink = self.sink.take();
        match e {
            Expr::Path(p) => {
                let bound = path_ident(e).and_then(|id| self.resolve(id).map(|_| id));
                if let Some(id) = bound {
                    let kind = match mode {
                        Mode::Read => UseKind::Read,
                        Mode::Ref => UseKind::Ref,
                        Mode::Move => match &sink {
                            Some(s) => UseKind::Move(s.clone()),
                            None => UseKind::Read,
                        },
                        Mode::RefMut | Mode::MutRecv => UseKind::Mutate("&mut".into()),
                        Mode::Place => UseKind::Mutate("=".into()),
                    };
                    self.use_ident(id, kind);
                } else if parent == Parent::Arg && p.qself.is_none() && self.in_macro == 0 {
                    // A function passed as a value (`.map(parse)`,
                    // `apply(Self::step)`) is called by the callee.
                    let segs = path_segments(&p.path);
                    if segs
                        .last()
                        .is_some_and(|l| l.starts_with(|c: char| c.is_lowercase() || c == '_'))
                    {
                        let passed_to = self.calls.last().and_then(|&id| self.syn.expr(id)).map(
                            |c| match strip(c) {
                                Expr::MethodCall(m) => crate::ident::smol(&m.method),
                                Expr::Call(c) => match &*c.func {
                                    Expr::Path(p) => p
                                        .path
                                        .segments
                                        .last()
                                        .map(|s| crate::ident::smol(&s.ident))
                                        .unwrap_or_default(),
                                    _ => SmolStr::default(),
                                },
                                _ => SmolStr::default(),
                            },
                        );
                        self.call_site(Callee::Path(segs), Pos::start(e));
                        if let Some(last) = self.f.calls.last_mut() {
                            last.passed_to = passed_to.map(Box::new);
                        }
                    }
                }
            }
            Expr::Field(f) => {
                if let (Some(id), Mode::Place | Mode::RefMut | Mode::Move) =
                    (path_ident(&f.base), mode)
                {
                    if id == "self" {
                        // Assigning, lending mutably or moving the field
                        // out can empty it.
                        let name = match &f.member {
                            Member::Named(n) => crate::ident::smol(n),
                            Member::Unnamed(i) => SmolStr::new(i.index.to_string()),
                        };
                        self.f.events.push(RootEvent {
                            name,
                            is_static: false,
                            kind: GrowthUse::Drain,
                            pos: Pos::start(e),
                            loop_id: self.loop_id,
                            method: SmolStr::new(match mode {
                                Mode::Place => "=",
                                Mode::RefMut => "&mut",
                                _ => "",
                            }),
                        });
                    }
                }
                if place_key(e).is_some() {
                    let member = match &f.member {
                        Member::Named(n) => crate::ident::smol(n),
                        Member::Unnamed(i) => SmolStr::new(i.index.to_string()),
                    };
                    let kind = match mode {
                        Mode::Place => UseKind::Mutate("=".into()),
                        Mode::RefMut | Mode::MutRecv => UseKind::Mutate("&mut".into()),
                        Mode::Move if sink.is_some() => {
                            // Moving a `Copy` field copies it, and nothing
                            // moves out of a borrow; anything else moves out
                            // of the place.
                            let env = self.infer_env();
                            let copy = infer::expr_type(e, &env, 0)
                                .is_some_and(|t| t.is_copy(self.cx.table))
                                || infer::expr_type(&f.base, &env, 0).is_some_and(|t| t.is_ref());
                            match (&sink, copy) {
                                (Some(s), false) => UseKind::Move(s.clone()),
                                _ => UseKind::Field(member),
                            }
                        }
                        Mode::Ref => UseKind::Ref,
                        _ => UseKind::Field(member),
                    };
                    self.use_place(e, kind);
                } else {
                    let m = if matches!(mode, Mode::Place | Mode::RefMut | Mode::MutRecv) {
                        Mode::MutRecv
                    } else {
                        Mode::Read
                    };
                    self.expr(&f.base, m);
                }
            }
            Expr::Index(i) => {
                let m = if matches!(mode, Mode::Place | Mode::RefMut | Mode::MutRecv) {
                    Mode::MutRecv
                } else {
                    Mode::Read
                };
                if matches!(m, Mode::Read) {
                    if let Some(id) = path_ident(&i.expr) {
                        let lit = match strip(&i.index) {
                            Expr::Lit(syn::ExprLit {
                                lit: syn::Lit::Int(n),
                                ..
                            }) => n.base10_parse().ok(),
                            _ => None,
                        };
                        self.f.index_reads.push((Pos::of(id.span()), lit));
                    }
                }
                self.expr(&i.expr, m);
                self.expr(&i.index, Mode::Read);
            }
            Expr::MethodCall(m) => self.method_call(e, m, parent, sink),
            Expr::Call(c) => self.call(e, c, parent, sink),
            Expr::Reference(r) => {
                if r.mutability.is_some() {
                    if let (Some(Sink::Method(callee) | Sink::Call(callee)), Some(id)) =
                        (&sink, path_ident(&r.expr))
                    {
                        if self.resolve(id).is_some() {
                            self.f.lent_mut.push((Pos::of(id.span()), callee.clone()));
                        }
                    }
                    self.expr(&r.expr, Mode::RefMut);
                } else {
                    self.parent = Parent::Ref;
                    self.expr(&r.expr, Mode::Ref);
                }
            }
            Expr::Assign(a) => {
                if empty_ctor(&a.right) {
                    if let Some((field, place)) = self_field(&a.left) {
                        self.f.resets.push(FieldReset {
                            field,
                            place,
                            pos: Pos::start(e),
                            end_line: Pos::end(e).line,
                            how: ResetHow::Assign,
                            returned: false,
                        });
                    }
                }
                let target = match &*a.left {
                    Expr::Index(i) => &*i.expr,
                    other => other,
                };
                self.f.assigns.push((Pos::start(target), Pos::end(e)));
                self.expr(target, Mode::Place);
                if !std::ptr::eq(target, &*a.left) {
                    if let Expr::Index(i) = &*a.left {
                        self.expr(&i.index, Mode::Read);
                    }
                }
                self.sink = Some(Sink::Assign);
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
                if assign {
                    let target = match &*b.left {
                        Expr::Index(i) => &*i.expr,
                        other => other,
                    };
                    self.use_place(target, UseKind::Mutate(SmolStr::new(compact(&b.op))));
                    if let Expr::Index(i) = &*b.left {
                        self.expr(&i.index, Mode::Read);
                    }
                    // A target reached through calls (`*counts.entry(k.to_string())
                    // .or_insert(0) += 1`) runs them: their allocations and
                    // calls are this statement's too.
                    let mut inner = target;
                    while let Expr::Unary(syn::ExprUnary {
                        op: syn::UnOp::Deref(_),
                        expr,
                        ..
                    })
                    | Expr::Paren(syn::ExprParen { expr, .. }) = inner
                    {
                        inner = expr;
                    }
                    if matches!(inner, Expr::MethodCall(_) | Expr::Call(_)) {
                        self.expr(inner, Mode::Read);
                    }
                } else {
                    if matches!(b.op, Eq(_) | Ne(_) | Lt(_) | Le(_) | Gt(_) | Ge(_)) {
                        for side in [&*b.left, &*b.right] {
                            self.f.compared.push(Range::of(compared_operand(side)));
                        }
                    }
                    self.expr(&b.left, Mode::Read);
                }
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
                let tail = sink.clone();
                self.block_with_tail(&b.block, tail);
            }
            Expr::Unsafe(u) => self.block_with_tail(&u.block, sink),
            Expr::Const(c) => self.block(&c.block),
            Expr::TryBlock(t) => self.block(&t.block),
            Expr::Async(a) => self.async_block(a, None),
            Expr::Await(a) => {
                self.sink = sink;
                self.expr(&a.base, Mode::Move);
                self.f.awaits.push(Await {
                    pos: Pos::of(a.await_token.span),
                    base_start: Pos::start(&a.base),
                    loop_id: self.loop_id,
                    async_id: self.async_id,
                    closure_id: self.closure_id,
                });
            }
            Expr::Closure(c) if is_per_item_callback(c) => {
                self.callback_closure(c, &SmolStr::new("callback"))
            }
            Expr::Closure(c) => self.closure(c, None),
            Expr::ForLoop(fl) => {
                // `for x in v` calls `into_iter` on `v`: a move unless `v`
                // is a reference.
                self.sink = Some(Sink::Method("into_iter".into()));
                self.expr(&fl.expr, Mode::Move);
                let parallel = is_parallel_chain(&fl.expr);
                let prev = self.open_loop(
                    LoopKind::For,
                    Pos::of(fl.for_token.span),
                    Range::of(&fl.body),
                    Some(&fl.expr),
                    Some(&fl.pat),
                    parallel,
                );
                let mark = self.scope.len();
                let end = Pos::end_of(fl.body.brace_token.span.close());
                let item = infer::iteration_item(&fl.expr, &self.infer_env());
                let first = self.f.bindings.len();
                self.bind_pat(&fl.pat, None, None, BindKind::Pattern, (0, 0), end);
                self.give_item_type(first, &fl.pat, item);
                let prev_exits = std::mem::replace(&mut self.exits, 0);
                self.block(&fl.body);
                self.exits = prev_exits;
                self.finish_scope(mark, end);
                self.loop_id = prev;
            }
            Expr::While(wl) => {
                // The condition runs once per iteration too.
                let prev = self.open_loop(
                    LoopKind::While,
                    Pos::of(wl.while_token.span),
                    Range {
                        start: Pos::start(&*wl.cond),
                        end: Pos::end_of(wl.body.brace_token.span.close()),
                    },
                    None,
                    None,
                    false,
                );
                let mark = self.scope.len();
                let prev_exits = std::mem::replace(&mut self.exits, 0);
                let body_end = Pos::end_of(wl.body.brace_token.span.close());
                if let Expr::Let(l) = &*wl.cond {
                    self.expr(&l.expr, Mode::Read);
                    let first = self.f.bindings.len();
                    self.bind_pat(&l.pat, None, None, BindKind::Pattern, (0, 0), body_end);
                    self.unwrap_pattern(first, &l.pat, &l.expr);
                    self.payload_pattern(first, &l.pat);
                    self.pattern_borrows(first, &l.expr);
                } else {
                    self.expr(&wl.cond, Mode::Read);
                }
                self.block(&wl.body);
                self.exits = prev_exits;
                self.finish_scope(mark, Pos::end_of(wl.body.brace_token.span.close()));
                self.loop_id = prev;
            }
            Expr::Loop(lp) => {
                let prev = self.open_loop(
                    LoopKind::Loop,
                    Pos::of(lp.loop_token.span),
                    Range::of(&lp.body),
                    None,
                    None,
                    false,
                );
                if retry_loop(&lp.body) {
                    let id = self.loop_id as usize;
                    self.f.loops[id].retry = true;
                }
                let prev_exits = std::mem::replace(&mut self.exits, 0);
                self.block(&lp.body);
                self.exits = prev_exits;
                self.loop_id = prev;
            }
            Expr::If(i) => self.if_expr(i, sink),
            Expr::Let(l) => {
                self.expr(&l.expr, Mode::Read);
            }
            Expr::Match(m) => {
                self.expr(&m.expr, Mode::Read);
                let count = u16::try_from(m.arms.len()).unwrap_or(u16::MAX);
                let group = self.f.arms.len() as u32;
                for arm in &m.arms {
                    let value = sink.as_ref().map(|_| match &*arm.body {
                        Expr::Block(b) => tail_range(&b.block).unwrap_or(Range::of(&*arm.body)),
                        body => Range::of(body),
                    });
                    let mut pat_text = compact(&arm.pat);
                    if pat_text.len() > 60 {
                        let cut = (0..=60)
                            .rev()
                            .find(|&i| pat_text.is_char_boundary(i))
                            .unwrap_or(0);
                        pat_text.truncate(cut);
                        pat_text.push('…');
                    }
                    self.f.arms.push(MatchArm {
                        pat: Pos::start(&arm.pat),
                        pat_text,
                        is_if: false,
                        group,
                        outer: self.branch,
                        arms: count,
                        value,
                        scrutinee: Some(Range::of(core_expr(&m.expr))),
                        guard_bools: Vec::new(),
                    });
                    let mark = self.scope.len();
                    let end = Pos::end(&*arm.body);
                    let first = self.f.bindings.len();
                    self.bind_pat(&arm.pat, None, None, BindKind::Pattern, (0, 0), end);
                    // `Some(cmd) =>` of a `match` over an `Option` types
                    // `cmd` as an `if let` would.
                    self.unwrap_pattern(first, &arm.pat, &m.expr);
                    self.payload_pattern(first, &arm.pat);
                    if let Some(place) = plain_place(&m.expr) {
                        let mut refs = Vec::new();
                        ref_idents(&arm.pat, &mut refs);
                        let f = &mut self.f;
                        for (i, b) in f
                            .body
                            .iter()
                            .flat_map(|b| &b.bindings)
                            .enumerate()
                            .skip(first)
                        {
                            if refs.contains(&b.pos) {
                                f.ref_patterns.push(RefPattern {
                                    binding: i as u32,
                                    place: place.clone(),
                                    match_end: Pos::end(e),
                                });
                            }
                        }
                    }
                    if let Some((_, g)) = &arm.guard {
                        let mut names = Vec::new();
                        bool_operands(g, &mut names);
                        let bound = &self.f.bindings[first.min(self.f.bindings.len())..];
                        names.retain(|n| bound.iter().any(|b| &b.name == n));
                        if let Some(a) = self.f.arms.last_mut() {
                            a.guard_bools = names;
                        }
                        self.expr(g, Mode::Read);
                    }
                    let line = Pos::start(&arm.pat).line;
                    let cold = if pat_is_err(&arm.pat) {
                        Some(format!("`Err(..)` match arm at line {line}"))
                    } else if diverges_with_error(&arm.body) {
                        Some(format!("match arm at line {line} returns an error"))
                    } else {
                        None
                    };
                    let exits = expr_exits(&arm.body);
                    let arm_sink = sink.clone();
                    let once = u32::from(ends_process(&arm.body));
                    self.once += once;
                    self.branch(Pos::start(&arm.pat), cold, exits, |w| {
                        w.sink = arm_sink;
                        w.expr(&arm.body, Mode::Move)
                    });
                    self.once -= once;
                    self.finish_scope(mark, end);
                }
            }
            Expr::Return(r) => {
                if let Some(v) = &r.expr {
                    self.parent = Parent::Return;
                    self.sink = Some(Sink::Return);
                    self.expr(v, Mode::Move);
                }
            }
            // A labelled `continue` may name an outer loop: only the
            // innermost one's skips are certain.
            Expr::Continue(c) if c.label.is_none() && self.loop_id != 0 => {
                self.f.loops[self.loop_id as usize]
                    .skips
                    .push(Pos::start(e));
            }
            Expr::Break(b) => {
                if let Some(v) = &b.expr {
                    self.parent = Parent::Return;
                    self.sink = Some(Sink::Break);
                    self.expr(v, Mode::Move);
                }
            }
            Expr::Try(t) => {
                self.sink = sink;
                self.parent = parent;
                self.expr(&t.expr, Mode::Move)
            }
            Expr::Struct(s) => {
                let name = s
                    .path
                    .segments
                    .last()
                    .map(|seg| crate::ident::smol(&seg.ident))
                    .unwrap_or_default();
                for f in &s.fields {
                    self.parent = Parent::Arg;
                    self.sink = Some(Sink::Struct(name.clone()));
                    self.expr(&f.expr, Mode::Move);
                }
                if let Some(rest) = &s.rest {
                    self.expr(rest, Mode::Read);
                }
            }
            Expr::Array(a) => {
                for x in &a.elems {
                    self.parent = Parent::Arg;
                    self.sink = Some(Sink::Element);
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
                    self.sink = Some(if parent == Parent::Return {
                        Sink::Return
                    } else {
                        Sink::Element
                    });
                    self.expr(x, Mode::Move);
                }
            }
            Expr::Repeat(r) => {
                self.sink = Some(Sink::Element);
                self.expr(&r.expr, Mode::Move);
                self.expr(&r.len, Mode::Read);
            }
            Expr::Cast(c) => self.expr(&c.expr, Mode::Read),
            Expr::Paren(p) => {
                self.parent = parent;
                self.sink = sink;
                self.expr(&p.expr, mode);
            }
            Expr::Group(g) => {
                self.parent = parent;
                self.sink = sink;
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
            Expr::Macro(m) => self.macro_tokens(&m.mac),
            _ => {}
        }
    }

    fn if_expr(&mut self, i: &'a syn::ExprIf, sink: Option<Sink>) {
        let mark = self.scope.len();
        let then_end = Pos::end_of(i.then_branch.brace_token.span.close());
        let if_let_err = matches!(&*i.cond, Expr::Let(l) if pat_is_err(&l.pat));
        if let Expr::Let(l) = &*i.cond {
            self.expr(&l.expr, Mode::Read);
            let first = self.f.bindings.len();
            self.bind_pat(&l.pat, None, None, BindKind::Pattern, (0, 0), then_end);
            self.unwrap_pattern(first, &l.pat, &l.expr);
            self.payload_pattern(first, &l.pat);
            self.pattern_borrows(first, &l.expr);
        } else {
            self.expr(&i.cond, Mode::Read);
        }
        let line = Pos::of(i.if_token.span).line;
        let cold = (if_let_err || block_diverges_with_error(&i.then_branch))
            .then(|| format!("`if` branch at line {line} handles or returns an error"))
            .or_else(|| {
                debug_flag(&i.cond).map(|flag| {
                    format!(
                        "`if` branch at line {line} runs only when the debug flag `{flag}` is set"
                    )
                })
            });
        let exits = block_exits(&i.then_branch)
            || (self.loop_id != 0 && first_pass_guard(&i.cond, &i.then_branch, self.body));
        if let Some((_, els)) = &i.else_branch {
            // An `if` with an `else` used as a value: each branch's tail is
            // the value (an `else if` records its own pair).
            let valued = sink.is_some();
            let group = self.f.arms.len() as u32;
            self.f.arms.push(MatchArm {
                pat: Pos::start(&i.then_branch),
                pat_text: "if".into(),
                is_if: true,
                group,
                outer: self.branch,
                arms: 2,
                value: tail_range(&i.then_branch).filter(|_| valued),
                scrutinee: None,
                guard_bools: Vec::new(),
            });
            // An `else if` is the `else` arm too (its own `if` records the
            // next pair inside it): a use in its condition or branches never
            // runs after the `if` branch, so a chain is one group of
            // exclusive branches.
            let value = match &**els {
                Expr::Block(b) => tail_range(&b.block).filter(|_| valued),
                _ => None,
            };
            self.f.arms.push(MatchArm {
                pat: Pos::start(&**els),
                pat_text: "else".into(),
                is_if: true,
                group,
                outer: self.branch,
                arms: 2,
                value,
                scrutinee: None,
                guard_bools: Vec::new(),
            });
        }
        let then_sink = sink.clone();
        let once = u32::from(
            first_time_guard(&i.cond, &i.then_branch)
                || i.then_branch
                    .stmts
                    .last()
                    .is_some_and(|l| matches!(l, Stmt::Expr(e, _) if is_process_exit(e))),
        );
        self.once += once;
        self.branch(Pos::start(&i.then_branch), cold, exits, |w| {
            w.block_with_tail(&i.then_branch, then_sink)
        });
        self.once -= once;
        self.finish_scope(mark, then_end);
        if let Some((_, els)) = &i.else_branch {
            let cold = (matches!(&**els, Expr::Block(_)) && diverges_with_error(els)).then(|| {
                format!(
                    "`else` branch at line {} returns an error",
                    Pos::start(&**els).line
                )
            });
            let exits = expr_exits(els);
            self.branch(Pos::start(&**els), cold, exits, |w| {
                w.sink = sink;
                w.expr(els, Mode::Move)
            });
        }
    }

    fn async_block(&mut self, a: &'a syn::ExprAsync, spawned_by: Option<SmolStr>) {
        let id = self.f.closures.len() as u32;
        self.f.closures.push(Closure {
            parent: self.closure_id,
            kind: ClosureKind::AsyncBlock,
            range: Range::of(a),
            is_move: a.capture.is_some(),
            spawned_by,
        });
        let (prev_c, prev_a) = (self.closure_id, self.async_id);
        self.closure_id = id;
        self.async_id = self.next_async;
        self.next_async += 1;
        let prev_exits = std::mem::replace(&mut self.exits, 0);
        let first_use = self.f.uses.len();
        self.block(&a.block);
        if a.capture.is_some() {
            self.captures(id, first_use, Pos::start(a));
        }
        self.exits = prev_exits;
        self.closure_id = prev_c;
        self.async_id = prev_a;
    }

    /// A spawn's argument: a closure or async block is the task; any other
    /// expression is evaluated by the spawning thread and moved in.
    fn spawn_arg(&mut self, a: &'a Expr, spawner: &SmolStr) {
        match a {
            Expr::Closure(c) => self.closure(c, Some(spawner.clone())),
            Expr::Async(b) => self.async_block(b, Some(spawner.clone())),
            other => {
                let saved = self.spawn_arg.replace(spawner.clone());
                self.parent = Parent::Arg;
                self.sink = Some(Sink::Call(spawner.clone()));
                self.expr(other, Mode::Move);
                self.spawn_arg = saved;
            }
        }
    }

    fn method_call(
        &mut self,
        e: &'a Expr,
        m: &'a syn::ExprMethodCall,
        parent: Parent,
        sink: Option<Sink>,
    ) {
        let name = &m.method;
        let name_s = SmolStr::new(crate::ident::IdentText::of(name).as_str());
        // A call straight on a `collect()`'s result: the collect site made
        // while the receiver is walked records what is done with it.
        if let Some(c) = collected_receiver(&m.receiver) {
            let reversed = matches!(
                self.collect_then,
                Some((p, CollectThen::WalkedBack)) if std::ptr::eq(p, e)
            );
            let then = match CollectThen::of(&name_s) {
                CollectThen::Walked if reversed => CollectThen::WalkedBack,
                t => t,
            };
            self.collect_then = Some((c as *const Expr, then));
        } else if name_s == "rev" {
            // `x.collect().into_iter().rev()`: remembered on the
            // `into_iter` call, which the receiver's walk meets next.
            if let Expr::MethodCall(inner) = strip(&m.receiver) {
                if collected_receiver(&inner.receiver).is_some() {
                    self.collect_then =
                        Some((strip(&m.receiver) as *const Expr, CollectThen::WalkedBack));
                }
            }
        }
        if m.args.is_empty() {
            let kind = match name_s.as_str() {
                "clone" => Some(SiteKind::Clone),
                "to_owned" => Some(SiteKind::ToOwned),
                "to_string" => Some(SiteKind::ToString),
                "to_vec" => Some(SiteKind::ToVec),
                "collect" => Some(SiteKind::Collect),
                "concat" | "to_uppercase" | "to_lowercase" | "to_ascii_uppercase"
                | "to_ascii_lowercase" | "into_owned" | "to_path_buf" | "into_boxed_slice" => {
                    Some(SiteKind::AllocMethod)
                }
                // A text accessor's owned form (`to_trimmed_string()`).
                n if n.starts_with("to_") && n.ends_with("_string") => Some(SiteKind::AllocMethod),
                _ => None,
            };
            if let Some(k) = kind {
                self.site(e, k, parent, sink.clone());
            }
        } else if matches!(name_s.as_str(), "join" | "repeat" | "replace" | "replacen") {
            self.site(e, SiteKind::AllocMethod, parent, sink.clone());
        }
        if let Some((root, is_static)) = growth_root(&m.receiver) {
            let kind = if is_in(&name_s, names::GROW) {
                Some(GrowthUse::Grow)
            } else if is_in(&name_s, names::DRAIN) {
                Some(GrowthUse::Drain)
            } else if is_in(&name_s, names::LOOKUP) {
                Some(GrowthUse::Lookup)
            } else {
                None
            };
            if let Some(kind) = kind {
                self.f.events.push(RootEvent {
                    name: root,
                    is_static,
                    kind,
                    pos: Pos::start(e),
                    loop_id: self.loop_id,
                    method: name_s.clone(),
                });
            }
        }
        // The call itself, for the call graph.
        let (receiver_ty, on_self, receiver_from) = self.receiver_of(&m.receiver);
        self.call_site(
            Callee::Method {
                name: name_s.clone(),
                receiver: receiver_ty.clone().map(Box::new),
                on_self,
                receiver_from: receiver_from.map(Box::new),
            },
            Pos::of(name.span()),
        );
        // Receiver.
        let mutating = is_in(&name_s, names::MUTATING);
        let consuming = name_s.starts_with("into");
        match root_ident(&m.receiver) {
            Some(_) if matches!(strip(&m.receiver), Expr::Path(_) | Expr::Field(_)) => {
                let kind = if mutating {
                    UseKind::MutRecv(name_s.clone())
                } else if consuming {
                    // `into_iter`, `into_boxed_slice`, `into()` consume the receiver.
                    UseKind::Move(Sink::Method(name_s.clone()))
                } else {
                    UseKind::Recv(name_s.clone())
                };
                self.use_place(strip(&m.receiver), kind);
            }
            // `format!(..).into_bytes()`, `s.to_string().into_boxed_str()`:
            // the conversion keeps the receiver's heap buffer, so the value
            // goes where the converted one goes.
            _ if m.args.is_empty() && is_in(&name_s, BUFFER_CONVERSIONS) => {
                self.parent = parent;
                self.sink = sink.clone();
                self.expr(&m.receiver, Mode::Move);
            }
            _ => self.expr(
                &m.receiver,
                if mutating { Mode::MutRecv } else { Mode::Read },
            ),
        }
        let cold_closures = is_in(&name_s, names::COLD_CLOSURE_METHODS);
        let spawn = is_in(&name_s, &["spawn", "spawn_blocking", "spawn_local"]);
        let typed_iter = receiver_ty.as_ref().is_some_and(|t| {
            matches!(
                t.peel_refs().view(),
                crate::ty::View::Vec(_) | crate::ty::View::Slice(_) | crate::ty::View::Array(..)
            )
        });
        let option_like = receiver_ty
            .as_ref()
            .is_some_and(|t| matches!(t.peel_refs().name(), Some("Option" | "Result")));
        let iter_loop = !option_like
            && (is_in(&name_s, names::ITER_ONLY)
                || (is_in(&name_s, names::ITER_MAYBE)
                    && (is_iterator_chain(&m.receiver) || typed_iter)));
        let parallel = iter_loop && is_parallel_chain(&m.receiver);
        let id = self.syn.add_expr(e);
        self.calls.push(id);
        let borrowing = is_in(&name_s, names::BORROWING_METHODS);
        for a in &m.args {
            match a {
                Expr::Closure(c) if iter_loop => self.iter_closure(c, &m.receiver, name, parallel),
                Expr::Closure(c) if cold_closures => {
                    let line = Pos::of(name.span()).line;
                    self.in_cold(
                        format!("closure of `.{name}(..)` at line {line} runs only on error"),
                        |w| w.closure(c, None),
                    );
                }
                Expr::Closure(_) | Expr::Async(_) if spawn => {
                    let spawner = SmolStr::new(format!(".{name}"));
                    self.spawn_arg(a, &spawner)
                }
                Expr::Closure(c) if is_in(&name_s, ONCE_METHODS) => {
                    self.once += 1;
                    self.closure(c, None);
                    self.once -= 1;
                }
                Expr::Closure(c) if is_per_item_callback(c) => self.callback_closure(c, &name_s),
                Expr::Closure(c) => self.closure(c, None),
                Expr::Path(_) if iter_loop => {
                    // `.map(parse_line)`: the function runs per element.
                    let prev = self.open_loop(
                        LoopKind::Iter(name_s.clone()),
                        Pos::start(a),
                        Range::of(a),
                        Some(&m.receiver),
                        None,
                        parallel,
                    );
                    self.parent = Parent::Arg;
                    self.expr(a, Mode::Read);
                    self.loop_id = prev;
                }
                _ => {
                    self.parent = Parent::Arg;
                    self.sink = Some(Sink::Method(name_s.clone()));
                    self.expr(a, if borrowing { Mode::Read } else { Mode::Move });
                }
            }
        }
        self.calls.pop();
    }

    /// `mem::take(&mut self.f)` and `mem::replace(&mut self.f, <empty>)`.
    fn field_reset(&mut self, e: &'a Expr, c: &'a syn::ExprCall, returned: bool) {
        let Some((m, f)) = path_call(&c.func) else {
            return;
        };
        let how = match (m.to_string().as_str(), f.to_string().as_str()) {
            ("mem", "take") if c.args.len() == 1 => ResetHow::Take,
            ("mem", "replace") if c.args.len() == 2 && empty_ctor(&c.args[1]) => ResetHow::Replace,
            _ => return,
        };
        let Some(Expr::Reference(r)) = c.args.first().map(strip) else {
            return;
        };
        if r.mutability.is_none() {
            return;
        }
        if let Some((field, place)) = self_field(&r.expr) {
            self.f.resets.push(FieldReset {
                field,
                place,
                pos: Pos::start(e),
                end_line: Pos::end(e).line,
                how,
                returned,
            });
        }
    }

    fn call(&mut self, e: &'a Expr, c: &'a syn::ExprCall, parent: Parent, sink: Option<Sink>) {
        if let Some(mac) = rewritten_name(e) {
            self.standard_macro(e, c, mac, parent, sink);
            return;
        }
        if let Some(mac) = crate::macros::unknown_macro_name(e) {
            // What the macro does with its arguments is unknown: closures
            // and moves inside are recorded, sites are marked `in_macro`.
            self.in_macro += 1;
            let sink = Sink::Call(SmolStr::new(format!("{mac}!")));
            let id = self.syn.add_expr(e);
            self.calls.push(id);
            for a in &c.args {
                match a {
                    Expr::Closure(cl) => self.closure(cl, None),
                    Expr::Async(b) => self.async_block(b, None),
                    _ => {
                        self.parent = Parent::Arg;
                        self.sink = Some(sink.clone());
                        self.expr(a, Mode::Move);
                    }
                }
            }
            self.calls.pop();
            self.in_macro -= 1;
            return;
        }
        self.field_reset(e, c, sink == Some(Sink::Return));
        let mut spawner: Option<SmolStr> = None;
        let mut cold = None;
        let line = Pos::start(e).line;
        if is_error_ctor(&c.func) {
            cold = Some(format!("inside `{}(..)` at line {line}", compact(&c.func)));
        }
        let bound_fn = path_ident(&c.func).is_some_and(|id| self.resolve(id).is_some());
        let callee_text = match &*c.func {
            Expr::Path(_) if bound_fn => {
                self.expr(&c.func, Mode::Read);
                SmolStr::new(compact(&c.func))
            }
            Expr::Path(p) => {
                let segs = path_segments(&p.path);
                self.call_site(Callee::Path(segs.clone()), Pos::start(e));
                SmolStr::new(
                    segs.iter()
                        .map(SmolStr::as_str)
                        .collect::<Vec<_>>()
                        .join("::"),
                )
            }
            _ => SmolStr::new(compact(&c.func)),
        };
        if let Some((ty, f)) = path_call(&c.func) {
            let (ty, f) = (IdentText::of(ty), IdentText::of(f));
            let kind = match (ty.as_str(), f.as_str()) {
                ("Vec" | "VecDeque", "new") => Some(SiteKind::VecNew),
                ("Vec" | "VecDeque", "with_capacity") => Some(SiteKind::VecWithCapacity),
                ("String", "new") => Some(SiteKind::StringNew),
                ("String", "with_capacity") => Some(SiteKind::StringWithCapacity),
                ("String" | "PathBuf", "from") => Some(SiteKind::StringFrom),
                (
                    "HashMap" | "HashSet" | "BTreeMap" | "BTreeSet" | "IndexMap" | "IndexSet",
                    "new" | "with_capacity" | "default",
                ) => Some(SiteKind::MapNew),
                ("Box", "new") => Some(SiteKind::BoxNew),
                ("Arc" | "Rc", "new" | "from") => Some(SiteKind::SharedNew),
                ("Arc" | "Rc", "clone") => Some(SiteKind::RcClone),
                _ => None,
            };
            if let Some(k) = kind {
                self.site(e, k, parent, sink.clone());
            }
            if is_in(f.as_str(), names::SPAWNERS) && f.as_str() != "block_on" {
                spawner = Some(callee_text.clone());
            }
        } else if let Some(id) = path_ident(&c.func) {
            if id == "spawn" {
                spawner = Some(callee_text.clone());
            }
            if id == "panic_any" {
                cold = Some(format!("inside `panic_any(..)` at line {line}"));
            }
        }
        if !matches!(&*c.func, Expr::Path(_)) {
            self.expr(&c.func, Mode::Read);
        }
        let body = |w: &mut Self| {
            let id = w.syn.add_expr(e);
            w.calls.push(id);
            for a in &c.args {
                let lazy = matches!(
                    callee_text
                        .rsplit("::")
                        .take(2)
                        .collect::<Vec<_>>()
                        .as_slice(),
                    ["new", "Lazy" | "LazyLock" | "LazyCell"]
                );
                match (&spawner, a) {
                    (Some(s), _) => w.spawn_arg(a, s),
                    (None, Expr::Closure(cl)) if lazy => {
                        w.once += 1;
                        w.closure(cl, None);
                        w.once -= 1;
                    }
                    (None, Expr::Closure(cl)) if is_per_item_callback(cl) => {
                        let name =
                            SmolStr::new(callee_text.rsplit("::").next().unwrap_or(&callee_text));
                        w.callback_closure(cl, &name)
                    }
                    (None, Expr::Closure(cl)) => w.closure(cl, None),
                    _ => {
                        w.parent = Parent::Arg;
                        w.sink = Some(Sink::Call(callee_text.clone()));
                        let wraps_result = sink == Some(Sink::Return)
                            && c.args.len() == 1
                            && matches!(callee_text.as_str(), "Some" | "Ok");
                        let outer = std::mem::replace(
                            &mut w.result_arg,
                            wraps_result.then(|| Range::of(a)),
                        );
                        w.expr(a, Mode::Move);
                        w.result_arg = outer;
                    }
                }
            }
            w.calls.pop();
        };
        match cold {
            Some(reason) => self.in_cold(reason, body),
            None => body(self),
        }
    }

    /// A standard macro rewritten into a call by [`crate::macros`].
    fn standard_macro(
        &mut self,
        e: &'a Expr,
        c: &'a syn::ExprCall,
        mac: &str,
        parent: Parent,
        sink: Option<Sink>,
    ) {
        let line = Pos::start(e).line;
        let args = c.args.iter();
        match mac {
            "vec" => {
                let kind = if c.args.is_empty() {
                    SiteKind::EmptyVecMacro
                } else {
                    SiteKind::VecMacro
                };
                self.site(e, kind, parent, sink);
                self.args(e, args, Mode::Move, Sink::Element);
            }
            "format" => {
                self.site(e, SiteKind::Format, parent, sink);
                self.format_captures(c, 0);
                self.display_calls(c, 0);
                self.args(e, args, Mode::Ref, Sink::Call("format!".into()));
            }
            "write" | "writeln" => {
                let mut it = c.args.iter();
                if let Some(w) = it.next() {
                    self.expr(w, Mode::RefMut);
                }
                self.format_captures(c, 1);
                self.display_calls(c, 1);
                self.args(e, it, Mode::Ref, Sink::Call("write!".into()));
            }
            m if is_in(m, names::PANIC_MACROS) => {
                self.in_cold(format!("inside `{m}!` at line {line}"), |w| {
                    w.format_captures(c, 0);
                    w.args(
                        e,
                        args,
                        Mode::Ref,
                        Sink::Call(SmolStr::new(format!("{m}!"))),
                    );
                });
            }
            m if names::ASSERT_MACROS.iter().any(|(n, _)| *n == m) => {
                let always = names::ASSERT_MACROS
                    .iter()
                    .find(|(n, _)| *n == m)
                    .map_or(0, |(_, k)| *k);
                let id = self.syn.add_expr(e);
                self.calls.push(id);
                for (i, a) in c.args.iter().enumerate() {
                    if i < always {
                        self.expr(a, Mode::Ref);
                    } else {
                        // Message arguments only build on failure.
                        self.in_cold(format!("message of `{m}!` at line {line}"), |w| {
                            w.expr(a, Mode::Ref)
                        });
                    }
                }
                self.calls.pop();
            }
            m @ ("trace" | "debug") => {
                self.in_cold(
                    format!(
                        "argument of `{m}!` at line {line} (formatted only when {m} logging is on)"
                    ),
                    |w| {
                        w.format_captures(c, 0);
                        w.args(
                            e,
                            args,
                            Mode::Ref,
                            Sink::Call(SmolStr::new(format!("{m}!"))),
                        );
                    },
                );
            }
            m @ ("warn" | "error") => {
                self.in_cold(format!("argument of `{m}!` at line {line}"), |w| {
                    w.format_captures(c, 0);
                    w.args(
                        e,
                        args,
                        Mode::Ref,
                        Sink::Call(SmolStr::new(format!("{m}!"))),
                    );
                });
            }
            "dbg" => {
                self.f.debug_prints.push(line);
                self.args(e, args, Mode::Move, Sink::Call("dbg!".into()))
            }
            m => {
                if matches!(m, "print" | "println" | "eprint" | "eprintln")
                    && formats_debug(c.args.first())
                {
                    self.f.debug_prints.push(line);
                }
                self.format_captures(c, 0);
                self.display_calls(c, 0);
                self.args(
                    e,
                    args,
                    Mode::Ref,
                    Sink::Call(SmolStr::new(format!("{m}!"))),
                );
            }
        }
    }

    /// `format!("{}", self.style)` calls `<Style as Display>::fmt`: one
    /// `fmt` call site per `{}` placeholder whose argument's type (or the
    /// workspace function it came from) is known, so that the call graph
    /// reaches the workspace's `Display` impls from where they are formatted.
    /// `{:?}` placeholders are left out: `Debug` impls are cold whatever
    /// calls them.
    fn display_calls(&mut self, c: &'a syn::ExprCall, idx: usize) {
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
        let rest: Vec<&'a Expr> = c.args.iter().skip(idx + 1).collect();
        let positional: Vec<&'a Expr> = rest
            .iter()
            .copied()
            .filter(|a| !matches!(a, Expr::Assign(_)))
            .collect();
        let named = |name: &str| {
            rest.iter().find_map(|a| match a {
                Expr::Assign(a) if path_ident(&a.left).is_some_and(|i| i == name) => {
                    Some(&*a.right)
                }
                _ => None,
            })
        };
        for (arg, display) in placeholders(&value) {
            let (ty, on_self, from) = match arg {
                Placeholder::Next(i) | Placeholder::Index(i) => {
                    let Some(e) = positional.get(i).copied() else {
                        continue;
                    };
                    if !display {
                        continue;
                    }
                    self.receiver_of(e)
                }
                Placeholder::Name(name) => {
                    if !display {
                        continue;
                    }
                    if let Some(e) = named(name) {
                        self.receiver_of(e)
                    } else if let Some(b) = self.resolve_str(name) {
                        let b = &self.f.bindings[b as usize];
                        let ty = b.ty.clone();
                        let from = if ty.is_none() { b.origin.clone() } else { None };
                        (ty, false, from)
                    } else {
                        continue;
                    }
                }
            };
            // Strings, numbers and paths format in std.
            let std_shaped = ty.as_ref().is_some_and(|t| {
                t.peel_refs().name().is_some_and(|n| {
                    n.starts_with(char::is_lowercase)
                        || matches!(n, "String" | "Cow" | "PathBuf" | "Path" | "Arguments")
                })
            });
            if std_shaped || (ty.is_none() && !on_self && from.is_none()) {
                continue;
            }
            self.call_site(
                Callee::Method {
                    name: SmolStr::new_static("fmt"),
                    receiver: ty.map(Box::new),
                    on_self,
                    receiver_from: from.map(Box::new),
                },
                pos,
            );
        }
    }

    /// Where the value of `e` comes from ([`value_origin`]), also through
    /// the locals it is built from: `dir.display()` when `dir` holds
    /// `stream.next()` and `stream` is a `&mut Stream`, and the tail of an
    /// `if`'s first branch (`let d = if s { a.f() } else { a.g() }`).
    fn origin_of(&self, e: &Expr) -> Option<Origin> {
        let e = match strip(e) {
            Expr::Reference(r) => &*r.expr,
            e => e,
        };
        if let Some(o) = value_origin(e) {
            return Some(o);
        }
        let (methods, root) = method_chain(e);
        match root {
            Expr::If(i) if methods.is_empty() => {
                let Some(Stmt::Expr(tail, None)) = i.then_branch.stmts.last() else {
                    return None;
                };
                self.origin_of(tail)
            }
            Expr::Path(_) if !methods.is_empty() => {
                let b = &self.f.bindings[self.resolve(path_ident(root)?)? as usize];
                if let Some(o) = &b.origin {
                    return o.clone().then(methods);
                }
                let mut t = b.ty.as_ref()?.peel_refs();
                while let crate::View::Boxed(inner) | crate::View::Shared(inner) = t.view() {
                    t = inner.peel_refs();
                }
                let name = t.name().filter(|n| n.starts_with(char::is_uppercase))?;
                if is_in(name, names::STD_TYPES) || methods.len() > MAX_CHAIN {
                    return None;
                }
                Some(Origin::Typed(SmolStr::new(name), methods))
            }
            _ => None,
        }
    }

    /// What the call graph needs to type a receiver: its type, whether it is
    /// `self`, else the workspace call its value came from.
    fn receiver_of(&self, e: &Expr) -> (Option<Ty>, bool, Option<Origin>) {
        let ty = infer::expr_type(e, &self.infer_env(), 0);
        let on_self = path_ident(e).is_some_and(|i| i == "self");
        let from = if ty.is_none() {
            path_ident(e)
                .and_then(|id| self.resolve(id))
                .and_then(|b| self.f.bindings[b as usize].origin.clone())
                .or_else(|| self.origin_of(e))
        } else {
            None
        };
        (ty, on_self, from)
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
                        let place = self.f.bindings[b as usize].name.clone();
                        self.record(b, place, pos, UseKind::Ref);
                    }
                }
                i = j;
            } else {
                i += 1;
            }
        }
    }
}

/// The argument a format placeholder reads.
#[derive(Debug, PartialEq, Eq)]
enum Placeholder<'s> {
    /// `{}`: the next positional argument.
    Next(usize),
    /// `{1}`.
    Index(usize),
    /// `{name}`: a named argument or an inline capture.
    Name(&'s str),
}

/// The placeholders of a format string, each with whether it formats with
/// `Display` (not `{:?}`, `{:x}`, ..).
fn placeholders(fmt: &str) -> Vec<(Placeholder<'_>, bool)> {
    let mut out = Vec::new();
    let mut next = 0;
    let mut rest = fmt;
    while let Some(open) = rest.find(['{', '}']) {
        let tail = &rest[open..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            rest = &rest[open + 2..];
            continue;
        }
        if tail.starts_with('}') {
            rest = &rest[open + 1..];
            continue;
        }
        let Some(close) = tail.find('}') else {
            break;
        };
        let inner = &tail[1..close];
        let (arg, spec) = inner.split_once(':').unwrap_or((inner, ""));
        let arg = arg.trim();
        // `{:.*}` takes its precision from the next positional argument.
        if spec.contains(".*") {
            next += 1;
        }
        let which = if arg.is_empty() {
            next += 1;
            Placeholder::Next(next - 1)
        } else if let Ok(i) = arg.parse() {
            Placeholder::Index(i)
        } else {
            Placeholder::Name(arg)
        };
        let display = !spec
            .trim_end()
            .ends_with(['?', 'x', 'X', 'o', 'b', 'e', 'E', 'p']);
        out.push((which, display));
        rest = &tail[close + 1..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_placeholders_name_their_arguments() {
        use Placeholder::*;
        assert_eq!(
            placeholders("{}{{x}} {1} {name:>5} {:?} {:.*} {0:x}"),
            vec![
                (Next(0), true),
                (Index(1), true),
                (Name("name"), true),
                (Next(1), false),
                (Next(3), true),
                (Index(0), false),
            ]
        );
        assert!(placeholders("}} {{").is_empty());
        assert_eq!(placeholders("{unclosed"), vec![]);
    }

    #[test]
    fn std_iterators_are_told_from_parallel_and_foreign_chains() {
        let is = |src: &str| is_std_iterator(&syn::parse_str::<Expr>(src).unwrap());
        assert!(is("v.iter().filter(|x| **x > 0).map(|x| x + 1)"));
        assert!(is("text.lines().enumerate()"));
        assert!(is("(0..n).rev()"));
        assert!(is("std::iter::once(a).chain(b.iter())"));
        assert!(!is("v.par_iter().map(|x| x + 1)"));
        assert!(!is("v.into_par_iter()"));
        assert!(!is("v.iter().par_bridge().filter(|x| true)"));
        assert!(!is("v.iter().group_by(|x| x.kind)"));
        assert!(!is("reader.records()"));
        assert!(!is("items"));
    }

    #[test]
    fn debug_formats_are_told_from_display() {
        let is = |src: &str| formats_debug(Some(&syn::parse_str::<Expr>(src).unwrap()));
        assert!(is(r#""{x:#?}""#));
        assert!(is(r#""state: {:?}""#));
        assert!(is(r#""{} and {0:?}""#));
        assert!(!is(r#""{x} of {}""#));
        assert!(!is(r#""{{:?}} is literal""#));
        assert!(!is("x"));
        assert!(!formats_debug(None));
    }

    #[test]
    fn option_adaptors_are_not_iterator_chains() {
        let is = |src: &str| is_iterator_chain(&syn::parse_str::<Expr>(src).unwrap());
        assert!(!is("attr.value.as_ref().filter(|v| v.len() > 2)"));
        assert!(!is("attr.value.as_ref().filter(|v| v.len() > 2).cloned()"));
        assert!(!is("map.get(&k).cloned()"));
        assert!(!is("self.slot.take().map(|x| x + 1)"));
        assert!(!is("env::var_os(\"X\").filter(|p| !p.is_empty())"));
        assert!(!is("std::env::var(\"X\").map(|v| v.len())"));
        assert!(is("parse_all(src).map(|x| x + 1)"));
        assert!(is("v.iter().take(3).map(|x| x + 1)"));
        assert!(is("v.iter().map(|x| x + 1).filter(|x| *x > 0)"));
        assert!(is("text.lines().map(str::trim)"));
        // A receiver the syntax cannot type keeps counting as a chain.
        assert!(is("rows.cells().map(|c| c.len())"));
    }

    #[test]
    fn collected_chains_say_their_bound() {
        let of = |src: &str| Collected::of(&syn::parse_str::<Expr>(src).unwrap());
        let c = of("[a, b].iter().filter(|x| x.1).map(|x| x.0).collect::<Vec<_>>()").unwrap();
        assert_eq!((c.std_iter, c.bound), (true, Some(2)));
        let c = of("lines.iter().skip(1).take(3).collect::<Vec<_>>()").unwrap();
        assert_eq!(c.bound, Some(3));
        let c = of("[a, b].iter().flat_map(|x| x.parts()).collect::<Vec<_>>()").unwrap();
        assert_eq!(c.bound, None);
        let c = of("v.par_iter().map(f).collect::<Vec<_>>()").unwrap();
        assert_eq!((c.std_iter, c.parallel, c.bound), (false, true, None));
    }

    fn facts_of(src: &str, f: impl FnOnce(&FnFacts)) {
        let mut file: syn::File = syn::parse_str(src).unwrap();
        crate::macros::expand_standard_macros(&mut file);
        let table = TypeTable::for_file(None, &file);
        let syn::Item::Fn(func) = &file.items[0] else {
            panic!("first item must be a fn")
        };
        let cx = FnContext {
            table: &table,
            self_ty: None,
            self_ref: false,
        };
        let mut syntax = Syntax::with_source(src);
        let facts = walk_fn(&func.sig, &func.block, None, &cx, &mut syntax);
        f(&facts);
        proc_macro2::extra::invalidate_current_thread_spans();
    }

    #[test]
    fn a_call_made_straight_on_a_collect_is_recorded() {
        facts_of(
            "fn f(v: &[u32]) -> usize { let a = v.iter().collect::<Vec<_>>().into_iter(); let b = v.iter().collect::<Vec<_>>().into_iter().rev(); let c = v.iter().map(|x| x + 1).collect::<Vec<_>>().len(); let d: Vec<u32> = v.iter().copied().collect(); v.iter().collect::<Vec<_>>().first().map_or(0, |x| **x as usize) }",
            |f| {
                let thens: Vec<_> = f
                    .sites
                    .iter()
                    .filter(|s| s.kind == SiteKind::Collect)
                    .map(|s| s.collected.and_then(|c| c.then))
                    .collect();
                assert_eq!(
                    thens,
                    vec![
                        Some(CollectThen::Walked),
                        Some(CollectThen::WalkedBack),
                        Some(CollectThen::Counted),
                        None,
                        Some(CollectThen::Other),
                    ]
                );
            },
        );
    }

    #[test]
    fn a_local_typed_self_has_the_impl_type() {
        let src = "struct Scheme { author: String }
impl Scheme { fn load(data: &str) -> Self { let scheme: Self = parse(data); scheme } }";
        let file: syn::File = syn::parse_str(src).unwrap();
        let table = TypeTable::for_file(None, &file);
        let syn::Item::Impl(imp) = &file.items[1] else {
            panic!("second item must be the impl")
        };
        let syn::ImplItem::Fn(func) = &imp.items[0] else {
            panic!("the impl holds a fn")
        };
        let cx = FnContext {
            table: &table,
            self_ty: Some("Scheme"),
            self_ref: false,
        };
        let mut syntax = Syntax::with_source(src);
        let facts = walk_fn(&func.sig, &func.block, None, &cx, &mut syntax);
        let b = binding(&facts, "scheme");
        assert_eq!(
            facts.bindings[b as usize].ty.as_ref().and_then(Ty::name),
            Some("Scheme")
        );
        proc_macro2::extra::invalidate_current_thread_spans();
    }

    fn binding(f: &FnFacts, name: &str) -> u32 {
        f.bindings
            .iter()
            .position(|b| b.name == name)
            .unwrap_or_else(|| panic!("no binding {name}")) as u32
    }

    #[test]
    fn ref_bindings_of_a_plain_place_are_recorded() {
        facts_of(
            "fn f(d: D, r: &D) { match d.src { S::A { ref a, b, ref mut c } => {} _ => {} } match r.src { S::A { ref x, .. } => {} _ => {} } match d.get() { Some(ref y) => {} _ => {} } }",
            |f| {
                let refs: Vec<_> = f
                    .ref_patterns
                    .iter()
                    .map(|r| (f.bindings[r.binding as usize].name.as_str(), r.place.as_str()))
                    .collect();
                // `ref mut` and by-value bindings are left out, and so is a
                // scrutinee that is a call; `r.src` is recorded (its owner's
                // type is the reader's business).
                assert_eq!(refs, vec![("a", "d.src"), ("x", "r.src")]);
                assert!(f.ref_patterns[0].match_end.line == 1);
            },
        );
    }

    #[test]
    fn an_else_if_is_the_else_arm_of_its_if() {
        facts_of(
            "fn f(a: bool, m: Vec<u8>) { if a { g(&m); } else if m.is_empty() { h(&m); } else { k(&m); } }",
            |f| {
                let uses: Vec<_> = f.uses_of(binding(f, "m")).collect();
                assert_eq!(uses.len(), 4, "{uses:?}");
                let arm = |u: &Use| f.arm(u.branch.expect("in a branch")).expect("an arm");
                let (then, cond) = (arm(uses[0]), arm(uses[1]));
                assert_eq!(then.group, cond.group, "the `else if` condition is the `else` arm");
                assert_eq!((then.pat_text.as_str(), cond.pat_text.as_str()), ("if", "else"));
                assert_eq!(cond.value, None, "an `else if` has no tail of its own");
                // The inner `if`'s branches sit inside the outer `else` arm.
                let inner = arm(uses[2]);
                assert_ne!(inner.group, then.group);
                assert_eq!(inner.outer, Some(cond.pat));
                assert_eq!(arm(uses[3]).group, inner.group);
            },
        );
    }

    #[test]
    fn uses_are_classified() {
        facts_of(
            "fn f(v: Vec<u8>) { let a = v.clone(); let mut b = a; b.push(1); consume(&b); println!(\"{b:?}\"); }",
            |f| {
                let kinds: Vec<_> = f.uses_of(binding(f, "b")).map(|u| u.kind.clone()).collect();
                assert_eq!(kinds[0], UseKind::MutRecv("push".into()), "push mutates: {kinds:?}");
                assert_eq!(kinds[1], UseKind::Ref, "&b lends");
                assert_eq!(kinds.len(), 3, "the inline format capture reads b: {kinds:?}");
                let a: Vec<_> = f.uses_of(binding(f, "a")).map(|u| u.kind.clone()).collect();
                assert_eq!(a, vec![UseKind::Move(Sink::Let("b".into()))], "let b = a moves a");
            },
        );
    }

    #[test]
    fn a_pattern_matched_against_a_borrow_names_the_borrowed_place() {
        facts_of(
            "fn f(&mut self) { if let Some(Scan { sel, view }) = self.scan.as_mut() { let s = sel.clone(); } else if let Some(x) = &self.other { } if let Some(y) = self.owned.take() { } }",
            |f| {
                let of = |n: &str| f.bindings[binding(f, n) as usize].borrows.clone();
                assert_eq!(of("sel").as_deref(), Some("self.scan"));
                assert_eq!(of("view").as_deref(), Some("self.scan"));
                assert_eq!(of("x").as_deref(), Some("self.other"));
                // `take()` is a method: whether `y` borrows is its signature's
                // to say, so the method is named beside the place.
                let y = &f.bindings[binding(f, "y") as usize];
                assert_eq!(y.borrows_via.as_deref(), Some("take"));
                assert_eq!(f.bindings[binding(f, "sel") as usize].borrows_via, None);
            },
        );
    }

    #[test]
    fn an_unwrapping_pattern_names_the_place_it_unwraps() {
        facts_of(
            "fn f(&self) { if let Some(d) = &self.deletion { let r = d.events.clone(); } }",
            |f| {
                let d = &f.bindings[binding(f, "d") as usize];
                assert_eq!(
                    d.unwraps.as_deref(),
                    Some("self.deletion"),
                    "a reader with the workspace's types types `d` from `self.deletion`"
                );
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
                assert!(to_string.cold.is_none());
                assert!(f.runs_every_iteration(to_string), "unconditional in the body");
                let fmt = f.sites.iter().find(|s| s.kind == SiteKind::Format).unwrap();
                assert!(fmt.cold.is_some(), "error construction is cold");
                let owned = f.sites.iter().find(|s| s.kind == SiteKind::ToOwned).unwrap();
                assert_eq!(f.loops[owned.loop_id as usize].kind, LoopKind::Iter("map".into()), "map closure runs per element");
                assert_eq!(owned.sink, Some(Sink::Yield("map".into())), "what map returns is yielded");
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
    fn eager_error_arguments_are_not_cold_but_closures_are() {
        facts_of(
            "fn f(x: Option<u8>) -> Result<u8, String> { let a = x.ok_or(format!(\"missing\")); x.ok_or_else(|| format!(\"late\")) }",
            |f| {
                let fmts: Vec<_> = f.sites.iter().filter(|s| s.kind == SiteKind::Format).collect();
                assert!(fmts[0].cold.is_none(), "ok_or evaluates its argument on every call");
                assert!(fmts[1].cold.is_some(), "ok_or_else's closure runs only on None");
            },
        );
    }

    #[test]
    fn code_behind_a_debug_flag_is_cold() {
        let cold = |f: &FnFacts| -> Vec<bool> {
            f.sites
                .iter()
                .filter(|s| s.kind == SiteKind::Format)
                .map(|s| s.cold.is_some())
                .collect()
        };
        facts_of(
            "fn dump(vm: &Vm) { if !vm.debug { return; } for op in &vm.ops { let s = format!(\"{op}\"); eprintln!(\"{s}\"); } }",
            |f| assert_eq!(cold(f), vec![true], "past the gate only debug mode runs"),
        );
        facts_of(
            "fn run(ops: &[u8], verbose: bool) { for op in ops { if verbose { let t = format!(\"{op}\"); eprintln!(\"{t}\"); } let u = format!(\"{op}\"); drop(u); } }",
            |f| assert_eq!(cold(f), vec![true, false], "only the `if verbose` branch is cold"),
        );
        facts_of(
            "fn run(ops: &[u8], ready: bool) { if !ready { return; } for op in ops { let u = format!(\"{op}\"); drop(u); } }",
            |f| assert_eq!(cold(f), vec![false], "a gate on another flag is not debug mode"),
        );
    }

    #[test]
    fn a_branch_that_leaves_the_loop_exits_and_one_that_continues_does_not() {
        let exits = |f: &FnFacts| -> Vec<bool> {
            f.sites
                .iter()
                .filter(|s| s.kind == SiteKind::Format)
                .map(|s| s.exits)
                .collect()
        };
        facts_of(
            "fn find(xs: &[u8]) -> Option<String> { for x in xs { if *x > 9 { return Some(format!(\"{x}\")); } } None }",
            |f| assert_eq!(exits(f), vec![true], "made once, on the way out"),
        );
        facts_of(
            "fn scan(xs: &[u8], out: &mut Vec<String>) { for x in xs { if *x > 9 { out.push(format!(\"{x}\")); continue; } } }",
            |f| assert_eq!(exits(f), vec![false], "made on every iteration that takes the branch"),
        );
    }

    #[test]
    fn a_pattern_bound_from_a_method_names_the_place_and_the_method() {
        let on = |src: &str| method_on_place(&syn::parse_str(src).unwrap());
        assert_eq!(
            on("self.env.lookup(name).unwrap()"),
            Some(("self.env".into(), "lookup".into()))
        );
        assert_eq!(on("self.find(x)?"), Some(("self".into(), "find".into())));
        assert_eq!(on("make(x)"), None);
    }

    #[test]
    fn a_gate_on_another_flag_or_with_work_is_not_cold() {
        assert_eq!(
            debug_gate(&syn::parse_str("if !self.ready { return; }").unwrap()),
            None
        );
        assert_eq!(
            debug_gate(&syn::parse_str("if self.debug { return; }").unwrap()),
            None
        );
        assert_eq!(
            debug_gate(&syn::parse_str("if !self.debug { return; } else { x() }").unwrap()),
            None
        );
        assert_eq!(
            debug_gate(&syn::parse_str("if !self.debug { return; }").unwrap()).as_deref(),
            Some("self.debug")
        );
        assert_eq!(debug_flag(&syn::parse_str("self.debugger").unwrap()), None);
        assert_eq!(
            debug_flag(&syn::parse_str("opts.is_verbose()").unwrap()).as_deref(),
            Some("opts.is_verbose()")
        );
    }

    #[test]
    fn spawned_closures_are_marked() {
        facts_of(
            "fn f(a: String) { std::thread::spawn(move || drop(a)); }",
            |f| {
                let u = f.uses_of(binding(f, "a")).next().unwrap();
                assert!(
                    f.spawned_between(u.closure_id, 0),
                    "use inside thread::spawn"
                );
                assert_eq!(
                    f.task_of(u.closure_id).and_then(|c| c.spawned_by.clone()),
                    Some("std::thread::spawn".into())
                );
            },
        );
    }

    #[test]
    fn move_closures_in_unknown_macros_capture_by_move() {
        facts_of(
            "fn f(tx: Sender<u8>) { let t = tx.clone(); my_spawn!(move || t.send(1)); }",
            |f| {
                let t: Vec<_> = f.uses_of(binding(f, "t")).map(|u| u.kind.clone()).collect();
                assert!(
                    t.iter().any(UseKind::moves),
                    "a move closure in a macro moves `t`: {t:?}"
                );
            },
        );
    }

    #[test]
    fn conditional_sites_do_not_run_every_iteration() {
        facts_of(
            "fn f(rows: &[u8]) { for r in rows { if *r > 1 { let v = vec![1]; drop(v); } let e: Vec<u8> = vec![]; drop(e); } }",
            |f| {
                let v = f.sites.iter().find(|s| s.kind == SiteKind::VecMacro).unwrap();
                assert!(!f.runs_every_iteration(v), "only when r > 1");
                let e = f.sites.iter().find(|s| s.kind == SiteKind::EmptyVecMacro).unwrap();
                assert!(e.kind.is_empty_buffer(), "vec![] allocates nothing");
            },
        );
    }

    #[test]
    fn binding_types_are_written_or_inferred() {
        facts_of(
            "fn f(names: &[String]) { let s = String::new(); let set: HashSet<u8> = HashSet::new(); for n in names { let c = n.clone(); } }",
            |f| {
                let ty = |n: &str| f.bindings[binding(f, n) as usize].ty.clone().map(|t| t.to_string());
                assert_eq!(ty("s").as_deref(), Some("String"));
                assert_eq!(ty("set").as_deref(), Some("HashSet<u8>"));
                assert_eq!(ty("names").as_deref(), Some("&[String]"));
                let c = f.sites.iter().find(|s| s.kind == SiteKind::Clone).unwrap();
                assert_eq!(c.receiver.as_deref(), Some("n"));
            },
        );
    }

    #[test]
    fn loop_items_are_typed_by_what_the_closure_receives() {
        facts_of(
            "fn f(v: Vec<String>, rows: &mut Vec<(String, u32)>, it: impl Iterator<Item = String>) {
                for (i, a) in v.into_iter().enumerate() { drop(a); }
                it.zip(rows.iter()).map(|(b, r)| b).count();
                rows.sort_by_key(|(k, _)| k.clone());
                rows.iter().fold(String::new(), |acc, x| acc);
                rows.iter().filter(|y| true).count();
            }",
            |f| {
                let ty = |n: &str| f.bindings[binding(f, n) as usize].ty.clone().map(|t| t.to_string());
                assert_eq!(ty("i").as_deref(), Some("usize"));
                assert_eq!(ty("a").as_deref(), Some("String"));
                assert_eq!(ty("b").as_deref(), Some("String"), "the item of an `impl Iterator` through `zip`");
                assert_eq!(ty("r").as_deref(), Some("&(String, u32)"));
                // A key closure gets a reference; a fold's first parameter
                // is its accumulator, no item.
                assert_eq!(ty("k"), None);
                assert_eq!(ty("acc"), None);
                assert_eq!(ty("y").as_deref(), Some("&&(String, u32)"));
            },
        );
    }

    #[test]
    fn calls_are_recorded_with_their_loop() {
        facts_of(
            "fn f(lines: &[String]) { setup(); for l in lines { self::parse(l); l.render(); } lines.iter().map(parse_one).count(); }",
            |f| {
                let calls: Vec<_> = f.calls.iter().map(|c| (c.callee.name().to_owned(), c.loop_id > 0)).collect();
                assert!(calls.contains(&("setup".into(), false)), "{calls:?}");
                assert!(calls.contains(&("parse".into(), true)), "{calls:?}");
                assert!(calls.contains(&("render".into(), true)), "{calls:?}");
                assert!(calls.contains(&("parse_one".into(), true)), "a fn passed to map runs per element: {calls:?}");
            },
        );
    }

    #[test]
    fn comparison_operands_are_recorded_through_some_and_refs() {
        let src = "fn f(t: Option<String>, n: &str, s: String) -> bool { t == Some(n.to_owned()) && &s.clone() < &s && n.len() + 1 > 2 }";
        facts_of(src, |f| {
            let copies: Vec<_> = f
                .sites
                .iter()
                .filter(|s| f.compared.contains(&s.range))
                .map(|s| s.kind)
                .collect();
            assert_eq!(copies, vec![SiteKind::ToOwned, SiteKind::Clone]);
            // `n.len() + 1` is compared whole, not `n.len()`.
            assert_eq!(f.compared.len(), 6);
        });
    }
}
