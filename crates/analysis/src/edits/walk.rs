//! One pass over a file's syntax tree that copies out, as byte ranges and
//! short strings, every place an edit may need: copy calls, standard macros,
//! `let` statements with the shape of their initialiser, `Box`/`LinkedList`
//! types, struct definitions with their fields, dereferences, struct literal
//! fields and the blocks around loops (where a hoisted buffer goes).
//!
//! The tree is the one the detectors read, with standard macros rewritten
//! into calls (`format!(a)` is `__macro_format(a)`, whose parentheses carry
//! the macro's name span): every range and line is read back as written
//! through the expander's [`Rewrites`], so the sites are those of the text,
//! and what the expander opened up beyond the macros edits know (logging and
//! unknown macros, `cfg_if!` branches) stays as opaque as in the text.
//!
//! Nothing here keeps a syn node: every position is copied out while the
//! tree is alive, so the caller may drop it (and the thread's span table)
//! right after. This module must NOT decide what to edit; it only records.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use memaudit_facts::macros::{RewriteKind, Rewrites};
use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::{Expr, Stmt, Type};

/// Iterator adaptors whose closure runs once per element: a buffer made
/// inside one is made per element, and hoists to the statement holding the
/// chain.
const PER_ELEMENT: &[&str] = &[
    "map",
    "for_each",
    "filter",
    "filter_map",
    "flat_map",
    "fold",
    "try_for_each",
    "try_fold",
    "any",
    "all",
    "inspect",
    "scan",
    "take_while",
    "skip_while",
    "map_while",
    "find_map",
    "position",
];

/// Standard macros whose arguments are comma-separated expressions: they
/// are recorded and their arguments walked, so `vec![x.clone()]` is seen.
/// Every other macro is opaque to edits, rewritten by the expander or not.
const EXPR_MACROS: &[&str] = &[
    "vec",
    "format",
    "print",
    "println",
    "eprint",
    "eprintln",
    "write",
    "writeln",
    "assert",
    "assert_eq",
    "assert_ne",
    "debug_assert",
    "debug_assert_eq",
    "debug_assert_ne",
    "format_args",
    "dbg",
];

/// Where a hoisted `let` goes: before the statement that holds the loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Anchor {
    /// Byte offset of the statement's first character.
    pub at: usize,
    /// The whitespace before it on its line.
    pub indent: String,
    /// Names bound inside the loop (its pattern, closure parameters and
    /// `let`s seen so far): a hoisted initialiser must not mention them.
    pub loop_names: Vec<String>,
}

/// What a `let` is initialised with, as far as edits care.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Init {
    /// `Vec::new()`, `String::with_capacity(n)`, `HashMap::new()`, …:
    /// `ty` is the last path segment before the function.
    Ctor {
        ty: String,
        func: String,
        args: Vec<Range<usize>>,
    },
    /// `vec![…]` with the range between its delimiters.
    VecMacro {
        inner: Range<usize>,
        empty: bool,
    },
    /// `"lit".to_string()`, `.to_owned()`, `String::from("lit")`.
    StrLit {
        lit: Range<usize>,
    },
    /// `Box::new(arg)`.
    BoxNew {
        arg: Range<usize>,
    },
    /// `iter.collect()` / `iter.collect::<T>()`.
    Collect {
        iter: Range<usize>,
        turbofish: Option<Range<usize>>,
    },
    Other,
}

#[derive(Debug, Clone)]
pub(crate) struct Let {
    /// The whole statement, `let` to `;`.
    pub stmt: Range<usize>,
    pub line: u32,
    /// The bound name when the pattern is a plain identifier.
    pub name: Option<String>,
    pub ty: Option<Range<usize>>,
    pub init: Option<Range<usize>>,
    pub init_kind: Init,
    pub anchor: Option<Anchor>,
    pub fn_id: Option<usize>,
    pub block: Option<usize>,
}

/// `recv.clone()` and the other copying calls.
#[derive(Debug, Clone)]
pub(crate) struct CopyCall {
    pub method: String,
    pub call: Range<usize>,
    pub recv: Range<usize>,
    pub line: u32,
    /// Directly under `&`: the copy is only lent.
    pub lent: bool,
}

/// A standard macro call in expression position.
#[derive(Debug, Clone)]
pub(crate) struct MacroCall {
    pub name: String,
    pub range: Range<usize>,
    /// Between the delimiters.
    pub inner: Range<usize>,
    pub line: u32,
    pub anchor: Option<Anchor>,
    pub fn_id: Option<usize>,
}

/// A `Box<T>` or `LinkedList<T>` written as a type.
#[derive(Debug, Clone)]
pub(crate) struct TypeSite {
    /// `Box`, `LinkedList`.
    pub name: String,
    pub range: Range<usize>,
    /// The generic argument's range, when there is exactly one type argument.
    pub inner: Option<Range<usize>>,
    pub line: u32,
    /// The struct and field when the type is a named field's type.
    pub field_of: Option<(String, String)>,
}

#[derive(Debug, Clone)]
pub(crate) struct Field {
    pub name: String,
    /// From its first attribute (doc comment) to the end of its type.
    pub range: Range<usize>,
}

#[derive(Debug, Clone)]
pub(crate) struct StructDef {
    pub name: String,
    /// Line of the `struct` keyword.
    pub line: u32,
    pub repr_c: bool,
    pub fields: Vec<Field>,
}

/// `*name` or `*expr.field`.
#[derive(Debug, Clone)]
pub(crate) struct Deref {
    /// The `*` itself.
    pub star: Range<usize>,
    /// `name` for `*name`, `.field` name for `*x.field`.
    pub target: DerefTarget,
    pub fn_id: Option<usize>,
    pub at: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DerefTarget {
    Local(String),
    Field(String),
}

/// `Name { field: Box::new(value) }`.
#[derive(Debug, Clone)]
pub(crate) struct BoxedInit {
    pub struct_name: String,
    pub field: String,
    /// `Box::new(value)`.
    pub range: Range<usize>,
    pub arg: Range<usize>,
}

#[derive(Debug, Clone)]
pub(crate) struct StmtInfo {
    pub range: Range<usize>,
    pub line: u32,
    pub end_line: u32,
    /// A tail expression without `;`: nothing can follow it.
    pub tail: bool,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Block {
    pub stmts: Vec<StmtInfo>,
}

#[derive(Debug, Clone)]
pub(crate) struct FnBody {
    pub range: Range<usize>,
}

/// Everything recorded about one file.
#[derive(Debug, Default)]
pub(crate) struct Sites {
    pub lets: Vec<Let>,
    pub copies: Vec<CopyCall>,
    pub macros: Vec<MacroCall>,
    pub types: Vec<TypeSite>,
    pub structs: Vec<StructDef>,
    pub derefs: Vec<Deref>,
    pub boxed_inits: Vec<BoxedInit>,
    pub blocks: Vec<Block>,
    pub fns: Vec<FnBody>,
    /// Byte offsets of plain locals and `format!` calls in places where a
    /// `&str` serves as well as the `String` a `format!` makes: a `str`
    /// method's receiver, `push_str`'s argument, a formatting macro's
    /// argument, an operand of `==`/`!=` (bare only: `&&str == &str` has no
    /// impl).
    pub str_uses: HashSet<usize>,
    /// Plain locals and `format!` calls (bare or under `&`) passed to a
    /// function or method of this name at this argument position: a
    /// `&str` use when every function of the name in the file takes `&str`
    /// there.
    pub call_args: Vec<CallArg>,
    /// Functions of the file by name and whether they take `self`: for each
    /// definition, which parameters (after `self`) are `&str`.
    pub fn_params: HashMap<(String, bool), Vec<Vec<bool>>>,
    /// `target.push_str(&format!(..))`: a `String` formatted only to be
    /// copied into another one.
    pub pushed_formats: Vec<PushedFormat>,
}

/// `target.push_str(&format!(..))`, for [`Sites::pushed_formats`].
#[derive(Debug, Clone)]
pub(crate) struct PushedFormat {
    /// The whole method call.
    pub call: Range<usize>,
    /// The target `String`.
    pub recv: Range<usize>,
    /// Start of the `format!` call.
    pub format_at: usize,
}

/// A local or `format!` call passed as an argument, for [`Sites::call_args`].
#[derive(Debug, Clone)]
pub(crate) struct CallArg {
    pub callee: String,
    pub method: bool,
    pub index: usize,
    pub at: usize,
}

/// `str` methods that read their receiver: called on a `&str` they do what
/// they did on the `String`. (Not `clone`, which would copy the `&str`.)
const STR_READS: &[&str] = &[
    "len",
    "is_empty",
    "chars",
    "char_indices",
    "bytes",
    "as_bytes",
    "lines",
    "split",
    "split_whitespace",
    "trim",
    "trim_start",
    "trim_end",
    "starts_with",
    "ends_with",
    "contains",
    "find",
    "to_string",
    "to_owned",
    "to_lowercase",
    "to_uppercase",
    "parse",
];

/// Formatting macros: every argument is only read through `Display`/`Debug`
/// (for `write`/`writeln` after the destination).
pub(crate) const FORMAT_MACROS: &[&str] = &[
    "format",
    "print",
    "println",
    "eprint",
    "eprintln",
    "format_args",
    "write",
    "writeln",
];

enum Frame {
    Fn(usize),
    Stmt {
        at: usize,
    },
    /// A loop body or per-element closure, with the names bound in it.
    Loop(Vec<String>),
    /// Any other closure: nothing inside hoists across it.
    Closure,
}

/// A macro the expander replaced, with its place in the text as written
/// (byte offsets in syn's view, without [`Walker::base`]).
struct Written {
    kind: RewriteKind,
    /// From its first attribute or path to its closing delimiter.
    whole: Range<usize>,
    /// Between its delimiters.
    inner: Range<usize>,
    /// The line of its path, of its first token and of its closing delimiter.
    line: u32,
    start_line: u32,
    end_line: u32,
    stmt: bool,
    bare: bool,
}

/// The expander's rewrites, found by where the rewritten nodes start and end.
#[derive(Default)]
struct AsWritten {
    macros: Vec<Written>,
    /// By the start of the rewritten node: a call's name, a block's `{`.
    by_start: HashMap<usize, usize>,
    /// By the end of a rewritten call (its name's end: its parentheses
    /// carry the name's span).
    by_end: HashMap<usize, usize>,
    /// `cfg_if!` items, whose branches' items took their place.
    cfg_if_items: Vec<Range<usize>>,
}

impl AsWritten {
    fn new(rewrites: &Rewrites) -> AsWritten {
        let mut out = AsWritten::default();
        for m in &rewrites.macros {
            let start = m.start.byte_range().start;
            let close = m.delim.close();
            let whole = start..close.byte_range().end;
            if m.kind == RewriteKind::CfgIfItems {
                out.cfg_if_items.push(whole);
                continue;
            }
            let i = out.macros.len();
            match m.kind {
                RewriteKind::CfgIfBlock => {
                    out.by_start.insert(m.delim.open().byte_range().start, i);
                }
                _ => {
                    let name = m.name.byte_range();
                    out.by_start.insert(name.start, i);
                    out.by_end.insert(name.end, i);
                }
            }
            out.macros.push(Written {
                kind: m.kind,
                whole,
                inner: m.delim.open().byte_range().end..close.byte_range().start,
                line: m.path.start().line as u32,
                start_line: m.start.start().line as u32,
                end_line: close.end().line as u32,
                stmt: m.stmt,
                bare: m.bare,
            });
        }
        out
    }
}

pub(crate) struct Walker<'s> {
    /// Bytes syn did not see (a BOM, a shebang line): added to every offset.
    base: usize,
    source: &'s str,
    written: AsWritten,
    frames: Vec<Frame>,
    lent: HashSet<usize>,
    blocks: Vec<usize>,
    /// The lines edits are wanted on (`None`: all): the body of a function
    /// that holds none of them is not walked.
    wanted: Option<Vec<(u32, u32)>>,
    pub sites: Sites,
}

/// Byte offset where syn's view of the file starts (`syn::parse_file`
/// strips a BOM and a shebang line).
pub(crate) fn parse_base(source: &str) -> usize {
    let mut base = 0;
    let mut content = source;
    if let Some(rest) = content.strip_prefix('\u{feff}') {
        base += 3;
        content = rest;
    }
    if content.starts_with("#!") && !content[2..].trim_start().starts_with('[') {
        let idx = content.find('\n').unwrap_or(content.len());
        base += idx;
    }
    base
}

impl<'s> Walker<'s> {
    pub(crate) fn new(source: &'s str, rewrites: &Rewrites) -> Self {
        Walker {
            base: parse_base(source),
            source,
            written: AsWritten::new(rewrites),
            frames: Vec::new(),
            lent: HashSet::new(),
            blocks: Vec::new(),
            wanted: None,
            sites: Sites::default(),
        }
    }

    /// Walks only the bodies of functions that hold one of `lines` (first
    /// and last line of each finding): every site an edit reads lies on its
    /// finding's lines, inside the function that holds them. Signatures are
    /// still recorded everywhere (an edit asks what a callee takes).
    pub(crate) fn only_lines(&mut self, lines: Vec<(u32, u32)>) {
        self.wanted = Some(lines);
    }

    /// Whether the function from `first` (its first attribute or `fn`
    /// keyword) to its body's closing brace holds a wanted line.
    fn wanted(&self, attrs: &[syn::Attribute], fn_token: Span, block: &syn::Block) -> bool {
        let Some(lines) = &self.wanted else {
            return true;
        };
        let start = attrs
            .iter()
            .map(|a| a.pound_token.span.start().line)
            .chain(std::iter::once(fn_token.start().line))
            .min()
            .unwrap_or(0) as u32;
        let end = block.brace_token.span.close().end().line as u32;
        lines.iter().any(|&(a, b)| a <= end && b >= start)
    }

    /// A skipped body's nested functions still record their signatures.
    fn sigs_only(&mut self, block: &syn::Block) {
        struct Sigs<'w, 's>(&'w mut Walker<'s>);
        impl<'ast> Visit<'ast> for Sigs<'_, '_> {
            fn visit_item(&mut self, i: &'ast syn::Item) {
                if !self.0.in_cfg_if(i) {
                    visit::visit_item(self, i);
                }
            }
            fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
                self.0.record_sig(&f.sig);
                visit::visit_item_fn(self, f);
            }
            fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
                self.0.record_sig(&f.sig);
                visit::visit_impl_item_fn(self, f);
            }
            fn visit_trait_item_fn(&mut self, f: &'ast syn::TraitItemFn) {
                self.0.record_sig(&f.sig);
                visit::visit_trait_item_fn(self, f);
            }
        }
        Sigs(self).visit_block(block);
    }

    /// A span's bytes in the file as written: a node that starts or ends
    /// with a rewritten macro starts or ends where the macro does.
    fn range(&self, span: Span) -> Range<usize> {
        let r = span.byte_range();
        let w = &self.written;
        let start = w
            .by_start
            .get(&r.start)
            .map_or(r.start, |&i| w.macros[i].whole.start);
        let end = w
            .by_end
            .get(&r.end)
            .map_or(r.end, |&i| w.macros[i].whole.end);
        (start + self.base)..(end + self.base)
    }

    /// A span's first and last lines in the file as written.
    fn lines(&self, span: Span) -> (u32, u32) {
        let r = span.byte_range();
        let w = &self.written;
        let start = w
            .by_start
            .get(&r.start)
            .map_or_else(|| span.start().line as u32, |&i| w.macros[i].start_line);
        let end = w
            .by_end
            .get(&r.end)
            .map_or_else(|| span.end().line as u32, |&i| w.macros[i].end_line);
        (start, end)
    }

    /// The macro a rewritten call or `cfg_if!` block stands for.
    fn written(&self, e: &Expr) -> Option<&Written> {
        match e {
            Expr::Call(c) => self.written_call(c),
            Expr::Block(b) if b.label.is_none() && b.attrs.is_empty() => {
                self.written_at(b.block.brace_token.span.open(), true)
            }
            _ => None,
        }
    }

    fn written_call(&self, c: &syn::ExprCall) -> Option<&Written> {
        match &*c.func {
            Expr::Path(p) if p.qself.is_none() && p.path.segments.len() == 1 => {
                self.written_at(p.path.segments[0].ident.span(), false)
            }
            _ => None,
        }
    }

    fn written_at(&self, at: Span, block: bool) -> Option<&Written> {
        if self.written.macros.is_empty() {
            return None;
        }
        let i = *self.written.by_start.get(&at.byte_range().start)?;
        let w = &self.written.macros[i];
        ((w.kind == RewriteKind::CfgIfBlock) == block).then_some(w)
    }

    /// Whether an item is one of a `cfg_if!`'s branches, opaque as written.
    fn in_cfg_if(&self, item: &syn::Item) -> bool {
        if self.written.cfg_if_items.is_empty() {
            return false;
        }
        let at = item.span().byte_range().start;
        self.written.cfg_if_items.iter().any(|r| r.contains(&at))
    }

    fn range_of(&self, node: &impl Spanned) -> Range<usize> {
        self.range(node.span())
    }

    fn fn_id(&self) -> Option<usize> {
        self.frames.iter().rev().find_map(|f| match f {
            Frame::Fn(id) => Some(*id),
            _ => None,
        })
    }

    /// The statement holding the innermost loop, unless a plain closure or
    /// the function boundary comes first.
    fn anchor(&self) -> Option<Anchor> {
        let mut loop_at = None;
        for (i, f) in self.frames.iter().enumerate().rev() {
            match f {
                Frame::Loop(_) => {
                    loop_at = Some(i);
                    break;
                }
                Frame::Closure | Frame::Fn(_) => return None,
                Frame::Stmt { .. } => {}
            }
        }
        let i = loop_at?;
        let mut loop_names = Vec::new();
        for f in &self.frames[i..] {
            if let Frame::Loop(names) = f {
                loop_names.extend(names.iter().cloned());
            }
        }
        self.frames[..i].iter().rev().find_map(|f| match f {
            Frame::Stmt { at } => Some(Anchor {
                at: *at,
                indent: indent_at(self.source, *at),
                loop_names: loop_names.clone(),
            }),
            Frame::Fn(_) | Frame::Closure => None,
            _ => None,
        })
        // A statement is always between a function and its loops; `None`
        // only for loops outside any statement (a `const` initialiser).
    }

    fn bind(&mut self, pat: &syn::Pat) {
        let mut names = Vec::new();
        pat_names(pat, &mut names);
        if let Some(Frame::Loop(bound)) = self
            .frames
            .iter_mut()
            .rev()
            .find(|f| matches!(f, Frame::Loop(_)))
        {
            bound.extend(names);
        }
    }

    fn line(span: Span) -> u32 {
        span.start().line as u32
    }

    fn init_kind(&self, e: &Expr) -> Init {
        let e = strip(e);
        if let Some(w) = self.written(e) {
            // As written, a macro: only a bare `vec![..]` has a shape here.
            return match w.kind {
                RewriteKind::Standard("vec") if w.bare => {
                    let inner = (w.inner.start + self.base)..(w.inner.end + self.base);
                    let empty = self.source[inner.clone()].trim().is_empty();
                    Init::VecMacro { inner, empty }
                }
                _ => Init::Other,
            };
        }
        match e {
            Expr::Call(c) => {
                let Expr::Path(p) = strip(&c.func) else {
                    return Init::Other;
                };
                let segs: Vec<String> = p
                    .path
                    .segments
                    .iter()
                    .map(|s| s.ident.to_string())
                    .collect();
                let [.., ty, func] = segs.as_slice() else {
                    return Init::Other;
                };
                if ty == "Box" && func == "new" && c.args.len() == 1 {
                    return Init::BoxNew {
                        arg: self.range_of(&c.args[0]),
                    };
                }
                if ty == "String" && func == "from" && c.args.len() == 1 {
                    if let Expr::Lit(l) = strip(&c.args[0]) {
                        if matches!(l.lit, syn::Lit::Str(_)) {
                            return Init::StrLit {
                                lit: self.range_of(&l.lit),
                            };
                        }
                    }
                }
                Init::Ctor {
                    ty: ty.clone(),
                    func: func.clone(),
                    args: c.args.iter().map(|a| self.range_of(a)).collect(),
                }
            }
            Expr::Macro(m) if m.mac.path.is_ident("vec") => {
                let inner = self.macro_inner(&m.mac);
                let empty = self.source[inner.clone()].trim().is_empty();
                Init::VecMacro { inner, empty }
            }
            Expr::MethodCall(m)
                if (m.method == "to_string" || m.method == "to_owned") && m.args.is_empty() =>
            {
                match strip(&m.receiver) {
                    Expr::Lit(l) if matches!(l.lit, syn::Lit::Str(_)) => Init::StrLit {
                        lit: self.range_of(&l.lit),
                    },
                    _ => Init::Other,
                }
            }
            Expr::MethodCall(m) if m.method == "collect" && m.args.is_empty() => Init::Collect {
                iter: self.range_of(&m.receiver),
                turbofish: m.turbofish.as_ref().and_then(|t| match t.args.first() {
                    Some(syn::GenericArgument::Type(ty)) if t.args.len() == 1 => {
                        Some(self.range_of(ty))
                    }
                    _ => None,
                }),
            },
            _ => Init::Other,
        }
    }

    fn macro_inner(&self, mac: &syn::Macro) -> Range<usize> {
        let d = mac.delimiter.span();
        self.range(d.open()).end..self.range(d.close()).start
    }

    /// A standard macro the expander left as a macro: its tokens are not
    /// comma-separated expressions, so it is recorded without arguments.
    fn record_macro(&mut self, mac: &syn::Macro, range: Range<usize>) {
        let Some(name) = mac.path.segments.last().map(|s| s.ident.to_string()) else {
            return;
        };
        if !EXPR_MACROS.contains(&name.as_str()) {
            return;
        }
        let inner = self.macro_inner(mac);
        let line = Self::line(mac.path.span());
        self.sites.macros.push(MacroCall {
            name,
            range,
            inner,
            line,
            anchor: self.anchor(),
            fn_id: self.fn_id(),
        });
    }

    /// A standard macro rewritten into `call` (the whole statement when
    /// `range` is the statement's): recorded as written, its arguments
    /// walked.
    fn record_call(&mut self, call: &syn::ExprCall, range: Range<usize>) {
        let Some(w) = self.written_call(call) else {
            return;
        };
        let RewriteKind::Standard(name) = w.kind else {
            return;
        };
        if !EXPR_MACROS.contains(&name) {
            return;
        }
        let call_site = MacroCall {
            name: name.to_owned(),
            range,
            inner: (w.inner.start + self.base)..(w.inner.end + self.base),
            line: w.line,
            anchor: self.anchor(),
            fn_id: self.fn_id(),
        };
        self.sites.macros.push(call_site);
        if FORMAT_MACROS.contains(&name) {
            let skip = usize::from(name == "write" || name == "writeln");
            for arg in call.args.iter().skip(skip) {
                self.str_use(arg, true);
            }
        }
        for arg in &call.args {
            self.visit_expr(arg);
        }
    }

    fn record_struct(&mut self, s: &syn::ItemStruct) {
        let repr_c = s.attrs.iter().any(|a| {
            a.path().is_ident("repr") && {
                let mut c = false;
                let _ = a.parse_nested_meta(|m| {
                    if m.path.is_ident("C") {
                        c = true;
                    }
                    Ok(())
                });
                c
            }
        });
        let name = s.ident.to_string();
        let mut fields = Vec::new();
        for f in &s.fields {
            let start = f
                .attrs
                .first()
                .map(|a| self.range_of(a).start)
                .unwrap_or_else(|| self.range_of(f).start);
            let end = self.range_of(&f.ty).end;
            let fname = f.ident.as_ref().map(|i| i.to_string()).unwrap_or_default();
            fields.push(Field {
                name: fname.clone(),
                range: start..end,
            });
            if let Some((tname, inner)) = generic_one(&f.ty) {
                self.sites.types.push(TypeSite {
                    name: tname,
                    range: self.range_of(&f.ty),
                    inner: inner.map(|t| self.range_of(t)),
                    line: Self::line(f.ty.span()),
                    field_of: Some((name.clone(), fname)),
                });
            }
        }
        self.sites.structs.push(StructDef {
            name,
            line: Self::line(s.struct_token.span),
            repr_c,
            fields,
        });
    }

    /// A statement whose range is `range`.
    fn stmt(&mut self, s: &Stmt, range: Range<usize>) {
        self.frames.push(Frame::Stmt { at: range.start });
        match s {
            Stmt::Macro(m) => self.record_macro(&m.mac, range),
            // A macro statement rewritten into a call: the macro is the
            // whole statement, `;` included.
            Stmt::Expr(Expr::Call(c), _) if self.written_call(c).is_some_and(|w| w.stmt) => {
                self.record_call(c, range);
            }
            _ => visit::visit_stmt(self, s),
        }
        self.frames.pop();
    }

    /// The offset of `e` when it is a plain local or a `format!` call — the
    /// values a `write!` edit may turn into a `&str`.
    fn str_site(&self, e: &Expr) -> Option<usize> {
        match strip(e) {
            Expr::Path(p) if p.qself.is_none() && p.path.get_ident().is_some() => {
                Some(self.range_of(p).start)
            }
            Expr::Call(c)
                if self
                    .written_call(c)
                    .is_some_and(|w| w.kind == RewriteKind::Standard("format")) =>
            {
                Some(self.range_of(c).start)
            }
            _ => None,
        }
    }

    /// Records `e` as a `&str` use when it is such a value, bare or (with
    /// `lent`) under a shared `&`.
    fn str_use(&mut self, e: &Expr, lent: bool) {
        let e = match strip(e) {
            Expr::Reference(r) if lent && r.mutability.is_none() => &*r.expr,
            e => e,
        };
        if let Some(at) = self.str_site(e) {
            self.sites.str_uses.insert(at);
        }
    }

    fn call_args<'e>(
        &mut self,
        callee: String,
        method: bool,
        args: impl Iterator<Item = &'e Expr>,
    ) {
        for (index, a) in args.enumerate() {
            let a = match strip(a) {
                Expr::Reference(r) if r.mutability.is_none() => &*r.expr,
                a => a,
            };
            if let Some(at) = self.str_site(a) {
                self.sites.call_args.push(CallArg {
                    callee: callee.clone(),
                    method,
                    index,
                    at,
                });
            }
        }
    }

    /// Which of `sig`'s parameters (after `self`) are `&str`.
    fn record_sig(&mut self, sig: &syn::Signature) {
        let mut has_self = false;
        let mut params = Vec::new();
        for input in &sig.inputs {
            match input {
                syn::FnArg::Receiver(_) => has_self = true,
                syn::FnArg::Typed(t) => params.push(matches!(
                    &*t.ty,
                    Type::Reference(r) if r.mutability.is_none()
                        && matches!(&*r.elem, Type::Path(p) if p.qself.is_none() && p.path.is_ident("str"))
                )),
            }
        }
        self.sites
            .fn_params
            .entry((sig.ident.to_string(), has_self))
            .or_default()
            .push(params);
    }

    fn enter_fn(&mut self, block: &syn::Block) {
        let id = self.sites.fns.len();
        self.sites.fns.push(FnBody {
            // The braces' span is the block's (`Spanned` would print the
            // whole body into tokens to find its ends).
            range: self.range(block.brace_token.span.join()),
        });
        self.frames.push(Frame::Fn(id));
    }
}

/// A `let` statement's span, from its first outer attribute (or `let`) to
/// its `;`: what `Spanned` gives, without printing the statement.
fn local_span(l: &syn::Local) -> Span {
    let first = l
        .attrs
        .iter()
        .find(|a| matches!(a.style, syn::AttrStyle::Outer))
        .map_or(l.let_token.span, |a| a.pound_token.span);
    first.join(l.semi_token.span).unwrap_or(first)
}

fn strip(e: &Expr) -> &Expr {
    match e {
        Expr::Paren(p) => strip(&p.expr),
        Expr::Group(g) => strip(&g.expr),
        _ => e,
    }
}

fn pat_names(pat: &syn::Pat, out: &mut Vec<String>) {
    struct Names<'a>(&'a mut Vec<String>);
    impl<'ast> Visit<'ast> for Names<'_> {
        fn visit_pat_ident(&mut self, p: &'ast syn::PatIdent) {
            self.0.push(p.ident.to_string());
            visit::visit_pat_ident(self, p);
        }
    }
    Names(out).visit_pat(pat);
}

/// `Box<T>` / `LinkedList<T>` (last segment), with `T` when it is the only
/// generic argument.
fn generic_one(ty: &Type) -> Option<(String, Option<&Type>)> {
    let Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?;
    let name = last.ident.to_string();
    if name != "Box" && name != "LinkedList" {
        return None;
    }
    let inner = match &last.arguments {
        syn::PathArguments::AngleBracketed(a) if a.args.len() == 1 => match &a.args[0] {
            syn::GenericArgument::Type(t) => Some(t),
            _ => None,
        },
        _ => None,
    };
    Some((name, inner))
}

/// The whitespace that starts the line holding byte `at`.
pub(crate) fn indent_at(source: &str, at: usize) -> String {
    let line_start = source[..at].rfind('\n').map_or(0, |i| i + 1);
    source[line_start..]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect()
}

impl<'ast> Visit<'ast> for Walker<'_> {
    fn visit_item(&mut self, i: &'ast syn::Item) {
        if !self.in_cfg_if(i) {
            visit::visit_item(self, i);
        }
    }

    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        self.record_sig(&f.sig);
        if !self.wanted(&f.attrs, f.sig.fn_token.span, &f.block) {
            self.sigs_only(&f.block);
            return;
        }
        self.enter_fn(&f.block);
        visit::visit_item_fn(self, f);
        self.frames.pop();
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        self.record_sig(&f.sig);
        if !self.wanted(&f.attrs, f.sig.fn_token.span, &f.block) {
            self.sigs_only(&f.block);
            return;
        }
        self.enter_fn(&f.block);
        visit::visit_impl_item_fn(self, f);
        self.frames.pop();
    }

    fn visit_trait_item_fn(&mut self, f: &'ast syn::TraitItemFn) {
        self.record_sig(&f.sig);
        match &f.default {
            Some(block) if !self.wanted(&f.attrs, f.sig.fn_token.span, block) => {
                self.sigs_only(block);
            }
            Some(block) => {
                self.enter_fn(block);
                visit::visit_trait_item_fn(self, f);
                self.frames.pop();
            }
            None => visit::visit_trait_item_fn(self, f),
        }
    }

    fn visit_item_struct(&mut self, s: &'ast syn::ItemStruct) {
        self.record_struct(s);
        // Field types were recorded with their struct; generics and
        // attributes hold nothing an edit needs.
    }

    fn visit_type(&mut self, t: &'ast Type) {
        if let Some((name, inner)) = generic_one(t) {
            self.sites.types.push(TypeSite {
                name,
                range: self.range_of(t),
                inner: inner.map(|i| self.range_of(i)),
                line: Self::line(t.span()),
                field_of: None,
            });
        }
        visit::visit_type(self, t);
    }

    fn visit_block(&mut self, b: &'ast syn::Block) {
        let id = self.sites.blocks.len();
        let mut block = Block::default();
        for s in &b.stmts {
            let span = s.span();
            let (line, end_line) = self.lines(span);
            // A macro statement as written (`m! { .. }`) is no tail
            // expression, whatever the expander made of it.
            let tail = match s {
                Stmt::Expr(e, None) => !self.written(e).is_some_and(|w| w.stmt),
                _ => false,
            };
            block.stmts.push(StmtInfo {
                range: self.range(span),
                line,
                end_line,
                tail,
            });
        }
        // Each statement's range is taken once: a span costs a copy of the
        // statement's tokens.
        let starts: Vec<Range<usize>> = block.stmts.iter().map(|s| s.range.clone()).collect();
        self.sites.blocks.push(block);
        self.blocks.push(id);
        for (s, range) in b.stmts.iter().zip(starts) {
            self.stmt(s, range);
        }
        self.blocks.pop();
    }

    fn visit_stmt(&mut self, s: &'ast Stmt) {
        let range = self.range_of(s);
        self.stmt(s, range);
    }

    fn visit_local(&mut self, l: &'ast syn::Local) {
        let (name, ty) = match &l.pat {
            syn::Pat::Ident(p) => (Some(p.ident.to_string()), None::<Range<usize>>),
            syn::Pat::Type(pt) => match &*pt.pat {
                syn::Pat::Ident(p) => (Some(p.ident.to_string()), Some(self.range_of(&pt.ty))),
                _ => (None, None),
            },
            _ => (None, None),
        };
        let (init, init_kind) = match &l.init {
            Some(i) => (Some(self.range_of(&i.expr)), self.init_kind(&i.expr)),
            None => (None, Init::Other),
        };
        let span = local_span(l);
        self.sites.lets.push(Let {
            stmt: self.range(span),
            line: Self::line(span),
            name,
            ty,
            init,
            init_kind,
            anchor: self.anchor(),
            fn_id: self.fn_id(),
            block: self.blocks.last().copied(),
        });
        // The initialiser runs before the name is bound.
        if let Some(i) = &l.init {
            self.visit_expr(&i.expr);
            if let Some((_, e)) = &i.diverge {
                self.visit_expr(e);
            }
        }
        self.bind(&l.pat);
        if let syn::Pat::Type(pt) = &l.pat {
            self.visit_type(&pt.ty);
        }
    }

    fn visit_expr(&mut self, e: &'ast Expr) {
        match e {
            Expr::Reference(r) => {
                if let Expr::MethodCall(m) = strip(&r.expr) {
                    self.lent.insert(self.range_of(m).start);
                }
                visit::visit_expr(self, e);
            }
            Expr::MethodCall(m) => {
                let method = m.method.to_string();
                if matches!(
                    method.as_str(),
                    "clone" | "to_owned" | "to_string" | "to_vec"
                ) && m.args.is_empty()
                {
                    let call = self.range_of(m);
                    self.sites.copies.push(CopyCall {
                        method: method.clone(),
                        lent: self.lent.contains(&call.start),
                        call,
                        recv: self.range_of(&m.receiver),
                        line: Self::line(m.method.span()),
                    });
                }
                if STR_READS.contains(&method.as_str()) {
                    self.str_use(&m.receiver, false);
                }
                if matches!(method.as_str(), "push_str" | "write_str") {
                    for a in &m.args {
                        self.str_use(a, true);
                    }
                }
                if method == "push_str" && m.args.len() == 1 {
                    if let Expr::Reference(r) = strip(&m.args[0]) {
                        if let (None, Expr::Call(c)) = (r.mutability, strip(&r.expr)) {
                            if self
                                .written_call(c)
                                .is_some_and(|w| w.kind == RewriteKind::Standard("format"))
                            {
                                let pushed = PushedFormat {
                                    call: self.range_of(m),
                                    recv: self.range_of(&m.receiver),
                                    format_at: self.range_of(c).start,
                                };
                                self.sites.pushed_formats.push(pushed);
                            }
                        }
                    }
                }
                self.call_args(method.clone(), true, m.args.iter());
                self.visit_expr(&m.receiver);
                let per_element = PER_ELEMENT.contains(&method.as_str());
                for a in &m.args {
                    match (a, per_element) {
                        (Expr::Closure(c), true) => {
                            let mut names = Vec::new();
                            for p in &c.inputs {
                                pat_names(p, &mut names);
                            }
                            self.frames.push(Frame::Loop(names));
                            self.visit_expr(&c.body);
                            self.frames.pop();
                        }
                        _ => self.visit_expr(a),
                    }
                }
            }
            Expr::ForLoop(f) => {
                self.visit_expr(&f.expr);
                let mut names = Vec::new();
                pat_names(&f.pat, &mut names);
                self.frames.push(Frame::Loop(names));
                self.visit_block(&f.body);
                self.frames.pop();
            }
            Expr::While(w) => {
                self.frames.push(Frame::Loop(Vec::new()));
                self.visit_expr(&w.cond);
                self.visit_block(&w.body);
                self.frames.pop();
            }
            Expr::Loop(l) => {
                self.frames.push(Frame::Loop(Vec::new()));
                self.visit_block(&l.body);
                self.frames.pop();
            }
            Expr::Closure(c) => {
                self.frames.push(Frame::Closure);
                visit::visit_expr_closure(self, c);
                self.frames.pop();
            }
            Expr::Async(a) => {
                self.frames.push(Frame::Closure);
                visit::visit_expr_async(self, a);
                self.frames.pop();
            }
            Expr::Macro(m) => {
                let range = self.range_of(m);
                self.record_macro(&m.mac, range);
            }
            Expr::Call(c) if self.written_call(c).is_some() => {
                let range = self.range_of(c);
                self.record_call(c, range);
            }
            Expr::Call(c) => {
                if let Expr::Path(p) = strip(&c.func) {
                    if let Some(last) = p.path.segments.last() {
                        self.call_args(last.ident.to_string(), false, c.args.iter());
                    }
                }
                visit::visit_expr(self, e);
            }
            Expr::Binary(b) if matches!(b.op, syn::BinOp::Eq(_) | syn::BinOp::Ne(_)) => {
                self.str_use(&b.left, false);
                self.str_use(&b.right, false);
                visit::visit_expr(self, e);
            }
            // A `cfg_if!` as written: opaque.
            Expr::Block(_) if self.written(e).is_some() => {}
            Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => {
                let target = match strip(&u.expr) {
                    Expr::Path(p) if p.qself.is_none() => p
                        .path
                        .get_ident()
                        .map(|i| DerefTarget::Local(i.to_string())),
                    Expr::Field(f) => match &f.member {
                        syn::Member::Named(n) => Some(DerefTarget::Field(n.to_string())),
                        syn::Member::Unnamed(_) => None,
                    },
                    _ => None,
                };
                if let Some(target) = target {
                    let star = self.range(match u.op {
                        syn::UnOp::Deref(s) => s.span,
                        _ => u.span(),
                    });
                    self.sites.derefs.push(Deref {
                        at: star.start,
                        star,
                        target,
                        fn_id: self.fn_id(),
                    });
                }
                visit::visit_expr(self, e);
            }
            Expr::Struct(s) => {
                let sname = s
                    .path
                    .segments
                    .last()
                    .map(|x| x.ident.to_string())
                    .unwrap_or_default();
                for fv in &s.fields {
                    let syn::Member::Named(fname) = &fv.member else {
                        continue;
                    };
                    if let Expr::Call(c) = strip(&fv.expr) {
                        if let Expr::Path(p) = strip(&c.func) {
                            let segs: Vec<String> = p
                                .path
                                .segments
                                .iter()
                                .map(|s| s.ident.to_string())
                                .collect();
                            if segs.ends_with(&["Box".to_owned(), "new".to_owned()])
                                && c.args.len() == 1
                            {
                                self.sites.boxed_inits.push(BoxedInit {
                                    struct_name: sname.clone(),
                                    field: fname.to_string(),
                                    range: self.range_of(&fv.expr),
                                    arg: self.range_of(&c.args[0]),
                                });
                            }
                        }
                    }
                }
                visit::visit_expr(self, e);
            }
            _ => visit::visit_expr(self, e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_and_let_spans_are_what_spanned_gives() {
        let src = "fn f() {\n    /// doc\n    #[allow(unused)]\n    let a: Vec<u8> = vec![1, 2];\n    let b = { let c = 1; c };\n    let Some(d) = e else { return };\n}\nimpl S { fn g(&self) { let x = 1; } }\n";
        let file = syn::parse_file(src).expect("the fixture parses");
        struct Check(usize);
        impl<'ast> Visit<'ast> for Check {
            fn visit_block(&mut self, b: &'ast syn::Block) {
                let joined = b.brace_token.span.join();
                assert_eq!(joined.byte_range(), b.span().byte_range());
                self.0 += 1;
                visit::visit_block(self, b);
            }
            fn visit_local(&mut self, l: &'ast syn::Local) {
                let span = local_span(l);
                assert_eq!(span.byte_range(), l.span().byte_range());
                assert_eq!(span.start().line, l.span().start().line);
                self.0 += 1;
                visit::visit_local(self, l);
            }
        }
        let mut check = Check(0);
        check.visit_file(&file);
        assert_eq!(
            check.0, 9,
            "every block and `let` of the fixture was compared"
        );
        proc_macro2::extra::invalidate_current_thread_spans();
    }
}
