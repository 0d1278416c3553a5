//! Standard macro calls rewritten into plain calls so that the detectors see
//! their arguments: `syn` keeps a macro's body as an opaque token stream, and
//! `vec![x.clone()]` or `format!("{}", a.to_string())` would otherwise be
//! invisible.
//!
//! `format!(a, b)` becomes the call `__macro_format(a, b)` with the macro's
//! own spans, so line numbers stay real. Only macros whose arguments are
//! comma-separated expressions are rewritten; everything else is left as is
//! (the fact walker still records which locals such macros mention). This
//! module must NOT change what the code means beyond that renaming.
//!
//! The rewritten call keeps only the macro's name span; where each rewritten
//! macro stands in the text as written (its path, attributes and
//! delimiters) is kept beside the tree in [`Rewrites`], for readers that
//! edit the text rather than reason about the code.

use proc_macro2::extra::DelimSpan;
use proc_macro2::{Span, TokenStream, TokenTree};
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::visit_mut::{self, VisitMut};
use syn::{Expr, Macro, Stmt, Token};

use crate::ident::IdentText;

/// Macros whose token streams are comma-separated expressions, with the
/// name of the call each becomes.
const STANDARD: &[(&str, &str)] = &[
    ("vec", "__macro_vec"),
    ("format", "__macro_format"),
    ("print", "__macro_print"),
    ("println", "__macro_println"),
    ("eprint", "__macro_eprint"),
    ("eprintln", "__macro_eprintln"),
    ("write", "__macro_write"),
    ("writeln", "__macro_writeln"),
    ("assert", "__macro_assert"),
    ("assert_eq", "__macro_assert_eq"),
    ("assert_ne", "__macro_assert_ne"),
    ("debug_assert", "__macro_debug_assert"),
    ("debug_assert_eq", "__macro_debug_assert_eq"),
    ("debug_assert_ne", "__macro_debug_assert_ne"),
    ("panic", "__macro_panic"),
    ("unreachable", "__macro_unreachable"),
    ("todo", "__macro_todo"),
    ("unimplemented", "__macro_unimplemented"),
    ("format_args", "__macro_format_args"),
    ("matches", "__macro_matches"),
    ("dbg", "__macro_dbg"),
    ("trace", "__macro_trace"),
    ("debug", "__macro_debug"),
    ("info", "__macro_info"),
    ("warn", "__macro_warn"),
    ("error", "__macro_error"),
    ("bail", "__macro_bail"),
    ("anyhow", "__macro_anyhow"),
    ("ensure", "__macro_ensure"),
    ("format_err", "__macro_format_err"),
    ("eyre", "__macro_eyre"),
];

/// Rewrites the standard macros of `file` into calls (and expands
/// `cfg_if!`), returning where each rewritten macro stands as written.
pub fn expand_standard_macros(file: &mut syn::File) -> Rewrites {
    let mut expander = Expander::default();
    expander.visit_file_mut(file);
    expander.rewrites
}

/// Every macro the expander replaced, in the order it met them: what the
/// rewritten tree no longer says about the text as written.
///
/// It holds spans, so it lives exactly as long as its tree: read it before
/// the thread's span table is cleared, like the tree itself.
#[derive(Default)]
pub struct Rewrites {
    pub macros: Vec<Rewritten>,
}

/// One replaced macro, as written.
pub struct Rewritten {
    pub kind: RewriteKind,
    /// Its first token: the `#` of its first attribute, else its path's.
    pub start: Span,
    /// The first token of its path (`std` in `std::vec!`).
    pub path: Span,
    /// Its name, the path's last segment: the span the rewritten call's
    /// name and parentheses carry (a `cfg_if!` block carries `delim`).
    pub name: Span,
    /// Its delimiters as written.
    pub delim: DelimSpan,
    /// It was a statement of its own (`println!(..);`), not an expression.
    pub stmt: bool,
    /// Its path is the bare name (`vec!`, not `std::vec!`).
    pub bare: bool,
}

/// What a macro became.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RewriteKind {
    /// A standard macro, named here, became `__macro_<name>(..)`.
    Standard(&'static str),
    /// A macro memaudit does not know became `__macro_x_<name>(..)`.
    Unknown,
    /// A `cfg_if!` statement or expression became a block whose braces
    /// carry the macro's delimiters.
    CfgIfBlock,
    /// A `cfg_if!` item: its branches' items took its place in the list.
    CfgIfItems,
    /// A `select!` of crossbeam, tokio or futures became a `match` with one
    /// arm per branch: the branch's pattern, then a block of its operation's
    /// expressions followed by its body.
    Select,
}

impl Rewritten {
    fn of(kind: RewriteKind, attrs: &[syn::Attribute], mac: &Macro, stmt: bool) -> Rewritten {
        let path = match (&mac.path.leading_colon, mac.path.segments.first()) {
            (Some(colon), _) => colon.spans[0],
            (None, Some(seg)) => seg.ident.span(),
            (None, None) => Span::call_site(),
        };
        Rewritten {
            kind,
            start: attrs.first().map_or(path, |a| a.pound_token.span),
            path,
            name: mac
                .path
                .segments
                .last()
                .map_or(path, |seg| seg.ident.span()),
            delim: *mac.delimiter.span(),
            stmt,
            bare: mac.path.get_ident().is_some(),
        }
    }
}

/// The rewriting itself, node by node, for walkers that do their own work
/// on the same pass over the tree (discovery's code signals): a walker that
/// calls [`Expander::items`] on a file's or module's items before it
/// descends into them, and [`Expander::expr`] / [`Expander::stmt`] on each
/// expression and statement before it descends into it, in `syn::visit_mut`
/// order, rewrites exactly as [`expand_standard_macros`] does. One walk over
/// the tree instead of two.
#[derive(Default)]
pub struct Expander {
    rewrites: Rewrites,
}

impl Expander {
    /// Expands the `cfg_if!` items of a file's or an inline module's items.
    pub fn items(&mut self, items: &mut Vec<syn::Item>) {
        expand_cfg_if_items(items, &mut self.rewrites);
    }

    /// Rewrites `e` when it is a macro it knows; does not descend.
    pub fn expr(&mut self, e: &mut Expr) {
        if let Expr::Macro(m) = e {
            let new = if is_cfg_if(&m.mac) {
                cfg_if_block(&m.mac)
                    .map(|b| (b, RewriteKind::CfgIfBlock))
                    .or_else(|| rewrite(&mut m.mac))
            } else {
                rewrite(&mut m.mac)
            };
            if let Some((new, kind)) = new {
                let written = Rewritten::of(kind, &m.attrs, &m.mac, false);
                self.rewrites.macros.push(written);
                *e = new;
            }
        }
    }

    /// Rewrites `s` when it is a macro statement it knows; does not descend.
    pub fn stmt(&mut self, s: &mut Stmt) {
        if let Stmt::Macro(m) = s {
            let new = if is_cfg_if(&m.mac) {
                cfg_if_block(&m.mac).map(|b| (b, RewriteKind::CfgIfBlock))
            } else {
                rewrite(&mut m.mac)
            };
            if let Some((new, kind)) = new {
                let written = Rewritten::of(kind, &m.attrs, &m.mac, true);
                self.rewrites.macros.push(written);
                *s = Stmt::Expr(new, m.semi_token);
            }
        }
    }

    /// What was rewritten, in the order met.
    pub fn finish(self) -> Rewrites {
        self.rewrites
    }
}

fn macro_name(mac: &Macro) -> Option<&'static str> {
    let last = IdentText::of(&mac.path.segments.last()?.ident);
    STANDARD
        .iter()
        .find(|(short, _)| *short == last.as_str())
        .map(|(short, _)| *short)
}

/// Prefix of the call an unknown macro becomes when its tokens are
/// comma-separated expressions.
const UNKNOWN_PREFIX: &str = "__macro_x_";

/// Runs `f` on the macro's tokens, taken out of it as a list: syn's
/// parser, like any reader of a `TokenStream`, copies a stream it does not
/// own alone, token by token (an allocation per identifier), and the
/// arguments were read up to three times (the quick reading, the check for
/// statements, the parse). They are put back, as written, when `f` gives
/// nothing: the macro then stays as it is.
fn with_tokens<T>(mac: &mut Macro, f: impl FnOnce(&[TokenTree]) -> Option<T>) -> Option<T> {
    let trees: Vec<TokenTree> = std::mem::take(&mut mac.tokens).into_iter().collect();
    let out = f(&trees);
    if out.is_none() {
        mac.tokens = trees.into_iter().collect();
    }
    out
}

/// A stream of copies of `trees`, which a parse then owns alone.
fn stream(trees: &[TokenTree]) -> TokenStream {
    trees.iter().cloned().collect()
}

fn rewrite(mac: &mut Macro) -> Option<(Expr, RewriteKind)> {
    if is_select(mac) {
        return rewrite_select(mac).map(|e| (e, RewriteKind::Select));
    }
    let Some(name) = macro_name(mac) else {
        return rewrite_unknown(mac).map(|e| (e, RewriteKind::Unknown));
    };
    let span = mac
        .path
        .segments
        .last()
        .map(|s| s.ident.span())
        .unwrap_or_else(Span::call_site);
    let args = with_tokens(mac, |trees| parse_args(name, trees))?;
    let full = STANDARD.iter().find(|(short, _)| *short == name)?.1;
    let ident = syn::Ident::new(full, span);
    let func = Expr::Path(syn::ExprPath {
        attrs: Vec::new(),
        qself: None,
        path: ident.into(),
    });
    let call = Expr::Call(syn::ExprCall {
        attrs: Vec::new(),
        func: Box::new(func),
        paren_token: syn::token::Paren(span),
        args,
    });
    Some((call, RewriteKind::Standard(name)))
}

/// A macro memaudit does not know, whose tokens parse as comma-separated
/// expressions (`spawn_task!(async move { .. })`, `retry!(3, || fetch())`),
/// becomes `__macro_x_<name>(..)` so that closures, moves and allocations
/// inside it are seen; its meaning stays unknown, and the walker marks what
/// it finds there as inside a macro.
fn rewrite_unknown(mac: &mut Macro) -> Option<Expr> {
    if mac.tokens.is_empty() || mac.path.segments.is_empty() {
        return None;
    }
    let args = with_tokens(mac, |trees| match simple_args(trees) {
        Some(args) => Some(args),
        None if !may_be_exprs(trees) => None,
        None => Punctuated::<Expr, Token![,]>::parse_terminated
            .parse2(stream(trees))
            .ok(),
    })?;
    let last = mac.path.segments.last()?;
    let span = last.ident.span();
    let ident = syn::Ident::new(&format!("{UNKNOWN_PREFIX}{}", last.ident), span);
    Some(Expr::Call(syn::ExprCall {
        attrs: Vec::new(),
        func: Box::new(Expr::Path(syn::ExprPath {
            attrs: Vec::new(),
            qself: None,
            path: ident.into(),
        })),
        paren_token: syn::token::Paren(span),
        args,
    }))
}

/// Crates whose `select!` waits on several channels or futures and runs
/// the body of the one that is ready.
const SELECT_CRATES: &[&str] = &["crossbeam", "crossbeam_channel", "tokio", "futures"];

/// `select!`/`select_biased!`, bare (imported) or through one of
/// [`SELECT_CRATES`].
fn is_select(mac: &Macro) -> bool {
    let segs = &mac.path.segments;
    let Some(last) = segs.last() else {
        return false;
    };
    (last.ident == "select" || last.ident == "select_biased")
        && (segs.len() == 1 || SELECT_CRATES.iter().any(|c| segs[0].ident == c))
}

/// A `select!` as a `match` over `()` with one arm per branch, so that the
/// code of its branches — usually a program's event loop — is seen: its
/// calls are edges of the call graph, its allocations and clones are found,
/// and its branches are exclusive like a `match`'s. Both syntaxes:
/// crossbeam's `recv(rx) -> msg => body` (`send(tx, v) -> res`, `default`,
/// `default(timeout)`) and tokio's/futures' `pat = future, if cond => body`
/// (`else`, `complete`, `default`). A branch's operation arguments come
/// first in its arm's block, evaluated for what they read; the operation
/// itself (`recv`, `send`) is not a call of the workspace. `None` when a
/// branch does not parse: the macro then stays opaque as before.
fn rewrite_select(mac: &Macro) -> Option<Expr> {
    use proc_macro2::{Delimiter, Spacing};
    let span = mac.path.segments.last()?.ident.span();
    let tokens: Vec<TokenTree> = mac.tokens.clone().into_iter().collect();
    let punct = |i: usize, ch: char| matches!(tokens.get(i), Some(TokenTree::Punct(p)) if p.as_char() == ch);
    let joint = |i: usize, ch: char| matches!(tokens.get(i), Some(TokenTree::Punct(p)) if p.as_char() == ch && p.spacing() == Spacing::Joint);
    let mut arms = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        // The head: everything up to the branch's `=>`.
        let start = i;
        while i < tokens.len() && !(joint(i, '=') && punct(i + 1, '>')) {
            i += 1;
        }
        if i >= tokens.len() {
            // After the last branch only commas may stand; anything else is
            // no select syntax this reads.
            let trailing_commas = tokens[start..]
                .iter()
                .all(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ','));
            if !trailing_commas {
                return None;
            }
            break;
        }
        let head = &tokens[start..i];
        i += 2;
        // The body: a braced block (a `,` after it is optional), or an
        // expression up to the next `,`.
        let body: Expr = match tokens.get(i) {
            Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Brace => {
                i += 1;
                if punct(i, ',') {
                    i += 1;
                }
                Expr::Block(syn::ExprBlock {
                    attrs: Vec::new(),
                    label: None,
                    block: syn::parse2(TokenStream::from(TokenTree::Group(g.clone()))).ok()?,
                })
            }
            _ => {
                let from = i;
                while i < tokens.len() && !punct(i, ',') {
                    i += 1;
                }
                let body = syn::parse2(tokens[from..i].iter().cloned().collect()).ok()?;
                i += 1;
                body
            }
        };
        let (pat, reads) = select_head(head)?;
        let mut stmts: Vec<Stmt> = reads
            .into_iter()
            .map(|e| Stmt::Expr(e, Some(Token![;](span))))
            .collect();
        stmts.push(Stmt::Expr(body, None));
        arms.push(syn::Arm {
            attrs: Vec::new(),
            pat,
            guard: None,
            fat_arrow_token: Token![=>](span),
            body: Box::new(Expr::Block(syn::ExprBlock {
                attrs: Vec::new(),
                label: None,
                block: syn::Block {
                    brace_token: syn::token::Brace(span),
                    stmts,
                },
            })),
            comma: Some(Token![,](span)),
        });
    }
    (!arms.is_empty()).then(|| select_match(arms, span))
}

fn select_match(arms: Vec<syn::Arm>, span: Span) -> Expr {
    Expr::Match(syn::ExprMatch {
        attrs: Vec::new(),
        match_token: Token![match](span),
        expr: Box::new(Expr::Tuple(syn::ExprTuple {
            attrs: Vec::new(),
            paren_token: syn::token::Paren(span),
            elems: Punctuated::new(),
        })),
        brace_token: syn::token::Brace(span),
        arms,
    })
}

/// A `select!` branch's head: the pattern its body sees, and the
/// expressions its operation reads. crossbeam: `recv(rx) -> msg`,
/// `send(tx, v) -> res`, `default`, `default(timeout)`; tokio and futures:
/// `pat = future` or `pat = future, if cond`, `else`, `complete`, `default`.
fn select_head(head: &[proc_macro2::TokenTree]) -> Option<(syn::Pat, Vec<Expr>)> {
    use proc_macro2::{Delimiter, Spacing};
    let wild = |span: Span| {
        syn::Pat::Wild(syn::PatWild {
            attrs: Vec::new(),
            underscore_token: Token![_](span),
        })
    };
    let stream = |ts: &[TokenTree]| ts.iter().cloned().collect::<TokenStream>();
    let pat = |ts: &[TokenTree]| {
        syn::Pat::parse_multi_with_leading_vert
            .parse2(stream(ts))
            .ok()
    };
    match head {
        [TokenTree::Ident(k)] if k == "default" || k == "else" || k == "complete" => {
            return Some((wild(k.span()), Vec::new()))
        }
        [TokenTree::Ident(k), TokenTree::Group(g)] if k == "default" => {
            let args = Punctuated::<Expr, Token![,]>::parse_terminated
                .parse2(g.stream())
                .ok()?;
            return Some((wild(k.span()), args.into_iter().collect()));
        }
        _ => {}
    }
    let is = |i: usize, ch: char, spacing: Option<Spacing>| matches!(head.get(i), Some(TokenTree::Punct(p)) if p.as_char() == ch && spacing.is_none_or(|s| p.spacing() == s));
    // crossbeam: `op(args) -> pat`.
    if let [TokenTree::Ident(_), TokenTree::Group(g), ..] = head {
        if g.delimiter() == Delimiter::Parenthesis
            && is(2, '-', Some(Spacing::Joint))
            && is(3, '>', None)
        {
            let args = Punctuated::<Expr, Token![,]>::parse_terminated
                .parse2(g.stream())
                .ok()?;
            return Some((pat(&head[4..])?, args.into_iter().collect()));
        }
    }
    // tokio / futures: `pat = future` (`, if cond`): the first `=` standing
    // alone (not `==`, `<=`, `>=`, `!=`).
    let eq = (0..head.len()).find(|&i| {
        is(i, '=', Some(Spacing::Alone))
            && !(i > 0
                && matches!(&head[i - 1], TokenTree::Punct(p) if p.spacing() == Spacing::Joint))
    })?;
    let rest = &head[eq + 1..];
    let guard = (0..rest.len().saturating_sub(1)).find(|&i| {
        matches!(&rest[i], TokenTree::Punct(p) if p.as_char() == ',')
            && matches!(&rest[i + 1], TokenTree::Ident(k) if k == "if")
    });
    let mut reads = Vec::new();
    match guard {
        Some(g) => {
            reads.push(syn::parse2(stream(&rest[..g])).ok()?);
            reads.push(syn::parse2(stream(&rest[g + 2..])).ok()?);
        }
        None => reads.push(syn::parse2(stream(rest)).ok()?),
    }
    Some((pat(&head[..eq])?, reads))
}

/// Whether `tokens` may parse as comma-separated expressions: not when a
/// `;` or a `=>` stands outside any group (statements, items, `key =>
/// value` tables), which no expression holds outside its braces. Saves
/// parsing, and failing on, large macro bodies.
fn may_be_exprs(tokens: &[TokenTree]) -> bool {
    use proc_macro2::Spacing;
    let mut eq_joint = false;
    for tt in tokens {
        let TokenTree::Punct(p) = tt else {
            eq_joint = false;
            continue;
        };
        match p.as_char() {
            ';' => return false,
            '>' if eq_joint => return false,
            _ => {}
        }
        eq_joint = p.as_char() == '=' && p.spacing() == Spacing::Joint;
    }
    true
}

/// The name of an unknown macro rewritten into a call (`spawn_task`).
pub fn unknown_macro_name(e: &Expr) -> Option<String> {
    if let Expr::Call(c) = e {
        if let Expr::Path(p) = &*c.func {
            if p.path.segments.len() == 1 {
                let id = IdentText::of(&p.path.segments[0].ident);
                return id.as_str().strip_prefix(UNKNOWN_PREFIX).map(str::to_owned);
            }
        }
    }
    None
}

/// Comma-separated literals and plain identifiers (`"{}: {}", key, value`),
/// which most macro calls hold, built without parsing them again: exactly
/// what syn's expression parser gives for them (an `Expr::Lit`, a
/// one-segment `Expr::Path`, the commas as written), spans included. `None`
/// for anything else (a keyword, an operator, a group, `x = y`), which the
/// caller parses.
fn simple_args(tokens: &[TokenTree]) -> Option<Punctuated<Expr, Token![,]>> {
    let mut args = Punctuated::new();
    for tt in tokens {
        match tt {
            TokenTree::Punct(p) if p.as_char() == ',' && !args.empty_or_trailing() => {
                args.push_punct(syn::token::Comma { spans: [p.span()] });
            }
            TokenTree::Literal(lit) if args.empty_or_trailing() => {
                args.push_value(Expr::Lit(syn::ExprLit {
                    attrs: Vec::new(),
                    lit: syn::Lit::new(lit.clone()),
                }));
            }
            TokenTree::Ident(id) if args.empty_or_trailing() && !is_keyword(id) => {
                args.push_value(Expr::Path(syn::ExprPath {
                    attrs: Vec::new(),
                    qself: None,
                    path: id.clone().into(),
                }));
            }
            _ => return None,
        }
    }
    Some(args)
}

/// The words syn does not parse as a plain identifier (`syn::Ident`'s
/// list): they start other expressions (`true`, `self`, `move ..`).
fn is_keyword(id: &proc_macro2::Ident) -> bool {
    matches!(
        IdentText::of(id).as_str(),
        "_" | "abstract"
            | "as"
            | "async"
            | "await"
            | "become"
            | "box"
            | "break"
            | "const"
            | "continue"
            | "crate"
            | "do"
            | "dyn"
            | "else"
            | "enum"
            | "extern"
            | "false"
            | "final"
            | "fn"
            | "for"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "macro"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "override"
            | "priv"
            | "pub"
            | "ref"
            | "return"
            | "Self"
            | "self"
            | "static"
            | "struct"
            | "super"
            | "trait"
            | "true"
            | "try"
            | "type"
            | "typeof"
            | "unsafe"
            | "unsized"
            | "use"
            | "virtual"
            | "where"
            | "while"
            | "yield"
    )
}

fn parse_args(name: &str, tokens: &[TokenTree]) -> Option<Punctuated<Expr, Token![,]>> {
    if name != "matches" {
        if let Some(args) = simple_args(tokens) {
            return Some(args);
        }
    }
    if name == "vec" {
        // `vec![elem; n]` is an array-repeat expression.
        let repeat = |input: syn::parse::ParseStream| -> syn::Result<Expr> {
            let elem: Expr = input.parse()?;
            let semi: Token![;] = input.parse()?;
            let len: Expr = input.parse()?;
            Ok(Expr::Repeat(syn::ExprRepeat {
                attrs: Vec::new(),
                bracket_token: syn::token::Bracket(semi.span),
                expr: Box::new(elem),
                semi_token: semi,
                len: Box::new(len),
            }))
        };
        // The repeat form has its `;` outside any group: without one, the
        // parse would only fail.
        let semi = tokens
            .iter()
            .any(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ';'));
        if let Some(e) = semi.then(|| repeat.parse2(stream(tokens)).ok()).flatten() {
            let mut p = Punctuated::new();
            p.push(e);
            return Some(p);
        }
    }
    if name == "matches" {
        // `matches!(expr, pattern)`: only the scrutinee is an expression.
        let first = |input: syn::parse::ParseStream| -> syn::Result<Expr> {
            let e: Expr = input.parse()?;
            let _: TokenStream = input.parse()?;
            Ok(e)
        };
        let e = first.parse2(stream(tokens)).ok()?;
        let mut p = Punctuated::new();
        p.push(e);
        return Some(p);
    }
    let mut args = Punctuated::<Expr, Token![,]>::parse_terminated
        .parse2(stream(tokens))
        .ok()?;
    // Named format arguments (`x = value`) keep only the value.
    for arg in args.iter_mut() {
        if let Expr::Assign(a) = arg {
            let right = std::mem::replace(&mut *a.right, Expr::Verbatim(TokenStream::new()));
            *arg = right;
        }
    }
    Some(args)
}

/// The branches of a `cfg_if!` invocation: `if #[cfg(..)] { .. } else if
/// #[cfg(..)] { .. } else { .. }`, each branch's tokens.
fn cfg_if_branches(tokens: TokenStream) -> Option<Vec<TokenStream>> {
    let mut out = Vec::new();
    let mut it = tokens.into_iter().peekable();
    loop {
        match it.next() {
            None => break,
            // `if`, `else`, the `#` and `[cfg(..)]` of the condition: skip.
            Some(TokenTree::Ident(_)) | Some(TokenTree::Punct(_)) => {}
            Some(TokenTree::Group(g)) => match g.delimiter() {
                proc_macro2::Delimiter::Brace => out.push(g.stream()),
                proc_macro2::Delimiter::Bracket => {}
                _ => return None,
            },
            Some(TokenTree::Literal(_)) => return None,
        }
    }
    (!out.is_empty()).then_some(out)
}

fn is_cfg_if(mac: &Macro) -> bool {
    mac.path
        .segments
        .last()
        .is_some_and(|s| s.ident == "cfg_if")
}

/// `cfg_if!` in item position: the items of every branch, as if each cfg
/// held (memaudit audits the code for all platforms).
fn expand_cfg_if_items(items: &mut Vec<syn::Item>, rewrites: &mut Rewrites) {
    let mut i = 0;
    while i < items.len() {
        let expanded = match &items[i] {
            syn::Item::Macro(m) if is_cfg_if(&m.mac) => {
                cfg_if_branches(m.mac.tokens.clone()).map(|branches| {
                    let new = branches
                        .into_iter()
                        .filter_map(|b| syn::parse2::<syn::File>(b).ok())
                        .flat_map(|f| f.items)
                        .collect::<Vec<_>>();
                    let written = Rewritten::of(RewriteKind::CfgIfItems, &m.attrs, &m.mac, false);
                    (new, written)
                })
            }
            _ => None,
        };
        match expanded {
            Some((new, written)) => {
                rewrites.macros.push(written);
                let n = new.len();
                items.splice(i..=i, new);
                i += n;
            }
            None => i += 1,
        }
    }
}

/// `cfg_if!` in statement position: the first branch's statements, as a
/// block (the branches are alternatives; the first is usually the primary
/// platform) whose braces are the macro's own.
fn cfg_if_block(mac: &Macro) -> Option<Expr> {
    let first = cfg_if_branches(mac.tokens.clone())?.into_iter().next()?;
    let mut block: syn::Block = syn::parse2(quote::quote!({ #first })).ok()?;
    block.brace_token = syn::token::Brace {
        span: *mac.delimiter.span(),
    };
    Some(Expr::Block(syn::ExprBlock {
        attrs: Vec::new(),
        label: None,
        block,
    }))
}

impl VisitMut for Expander {
    fn visit_file_mut(&mut self, f: &mut syn::File) {
        self.items(&mut f.items);
        visit_mut::visit_file_mut(self, f);
    }

    fn visit_item_mod_mut(&mut self, m: &mut syn::ItemMod) {
        if let Some((_, items)) = &mut m.content {
            self.items(items);
        }
        visit_mut::visit_item_mod_mut(self, m);
    }

    fn visit_expr_mut(&mut self, e: &mut Expr) {
        self.expr(e);
        visit_mut::visit_expr_mut(self, e);
    }

    fn visit_stmt_mut(&mut self, s: &mut Stmt) {
        self.stmt(s);
        visit_mut::visit_stmt_mut(self, s);
    }
}

/// The standard macro a rewritten call stands for (`format`, `vec`, ...).
pub fn rewritten_name(e: &Expr) -> Option<&str> {
    if let Expr::Call(c) = e {
        if let Expr::Path(p) = &*c.func {
            if p.path.segments.len() == 1 {
                let id = IdentText::of(&p.path.segments[0].ident);
                let id = id.as_str();
                if !id.starts_with("__macro_") {
                    return None;
                }
                return STANDARD
                    .iter()
                    .find(|(_, full)| *full == id)
                    .map(|(short, _)| *short);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::ToTokens;

    fn check(src: &str, expected: &str) {
        let mut file = syn::parse_file(src).unwrap();
        expand_standard_macros(&mut file);
        let got = file.to_token_stream().to_string();
        assert!(got.contains(expected), "expected `{expected}` in `{got}`");
    }

    #[test]
    fn unknown_macros_of_statements_or_tables_are_not_parsed() {
        let toks = |s: &str| {
            s.parse::<TokenStream>()
                .unwrap()
                .into_iter()
                .collect::<Vec<_>>()
        };
        assert!(may_be_exprs(&toks("a, |x| { x; 1 }, b >= c, d == e")));
        assert!(!may_be_exprs(&toks("let a = 1; a")));
        assert!(!may_be_exprs(&toks("\"a\" => 1, \"b\" => 2")));
        assert!(may_be_exprs(&toks("match x { _ => 1 }")));
    }

    #[test]
    fn standard_macros_become_calls() {
        check(
            "fn f() { let v = vec![a.clone()]; }",
            "__macro_vec (a . clone ())",
        );
        check(
            "fn f() { let v = vec![0u8; n]; }",
            "__macro_vec ([0u8 ; n])",
        );
        check(
            "fn f() { println!(\"{}\", x.to_string()); }",
            "__macro_println (\"{}\" , x . to_string ())",
        );
        check(
            "fn f() { let s = format!(\"{v}\", v = a.to_owned()); }",
            "__macro_format (\"{v}\" , a . to_owned ())",
        );
        check(
            "fn f() -> bool { matches!(x.kind(), K::A | K::B) }",
            "__macro_matches (x . kind ())",
        );
    }

    #[test]
    fn simple_arguments_are_what_the_parser_gives() {
        for src in [
            "\"{}: {}\", key, value",
            "f, \"x\",",
            "",
            "r#type, 1u8, 2.5, b'a', 'c', \"s\"",
            "x, true",
            "self",
            "a + b",
            "x = 1, y",
            "a, _",
        ] {
            let tokens: TokenStream = src.parse().expect("tokens");
            let parsed = Punctuated::<Expr, Token![,]>::parse_terminated
                .parse2(tokens.clone())
                .expect("parses");
            let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
            let fast = simple_args(&trees);
            let simple =
                !src.contains(['+', '=', '_']) && !src.contains("true") && !src.contains("self");
            assert_eq!(fast.is_some(), simple, "{src}");
            if let Some(fast) = fast {
                assert_eq!(format!("{fast:?}"), format!("{parsed:?}"), "{src}");
            }
        }
        proc_macro2::extra::invalidate_current_thread_spans();
    }

    #[test]
    fn unknown_macros_with_expression_tokens_become_calls() {
        check(
            "fn f() { my_macro!(a.clone()); }",
            "__macro_x_my_macro (a . clone ())",
        );
    }

    #[test]
    fn cfg_if_items_and_statements_are_seen() {
        check(
            "cfg_if::cfg_if! { if #[cfg(unix)] { pub mod linux; fn a() {} } else { mod win; } }",
            "pub mod linux ;",
        );
        check(
            "cfg_if! { if #[cfg(unix)] { pub mod linux; } else { mod win; } }",
            "mod win ;",
        );
        check(
            "fn f() { cfg_if! { if #[cfg(unix)] { let v = vec![1]; } else { other(); } } }",
            "__macro_vec (1)",
        );
    }

    #[test]
    fn each_rewrite_keeps_the_macro_as_written() {
        let src = "fn f() {\n    let s = std::format!(\"{}\", 1);\n    #[allow(unused)] println!(\"a\");\n    cfg_if! { if #[cfg(unix)] { g(); } }\n}\ncfg_if! { if #[cfg(unix)] { fn h() {} } }\n";
        let mut file = syn::parse_file(src).unwrap();
        let rewrites = expand_standard_macros(&mut file);
        let text = |a: Span, b: Span| &src[a.byte_range().start..b.byte_range().end];
        let got: Vec<(RewriteKind, &str, &str, bool, bool)> = rewrites
            .macros
            .iter()
            .map(|m| {
                let whole = text(m.start, m.delim.close());
                (m.kind, whole, text(m.name, m.name), m.stmt, m.bare)
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    RewriteKind::CfgIfItems,
                    "cfg_if! { if #[cfg(unix)] { fn h() {} } }",
                    "cfg_if",
                    false,
                    true
                ),
                (
                    RewriteKind::Standard("format"),
                    "std::format!(\"{}\", 1)",
                    "format",
                    false,
                    false
                ),
                (
                    RewriteKind::Standard("println"),
                    "#[allow(unused)] println!(\"a\")",
                    "println",
                    true,
                    true
                ),
                (
                    RewriteKind::CfgIfBlock,
                    "cfg_if! { if #[cfg(unix)] { g(); } }",
                    "cfg_if",
                    true,
                    true
                ),
            ],
            "in the order the expander met them, each from its first token to its delimiter"
        );
        // The `cfg_if!` block's braces are the macro's own, so the scope of
        // what it declares ends where the macro does.
        let syn::Item::Fn(f) = &file.items[0] else {
            panic!("the fn before the spliced item")
        };
        let Stmt::Expr(Expr::Block(b), None) = &f.block.stmts[2] else {
            panic!("the cfg_if! statement became a block")
        };
        assert_eq!(b.block.brace_token.span.close().end().line, 4);
        proc_macro2::extra::invalidate_current_thread_spans();
    }

    #[test]
    fn other_macros_stay_opaque() {
        check("fn f() { json!({ \"a\": 1 }); }", "json ! ({ \"a\" : 1 })");
        check("fn f() { select! { x = a => b c } }", "select !");
        check(
            "fn f() { other::select! { recv(r) -> m => a(m) } }",
            "other :: select !",
        );
    }

    #[test]
    fn crossbeam_select_becomes_a_match_of_its_branches() {
        check(
            "fn f() { crossbeam::select! {\n recv(input) -> event => { handle(event); }\n send(out, v.clone()) -> res => res.unwrap(),\n default(timeout) => idle(),\n } }",
            "match () { event => { input ; { handle (event) ; } } , res => { out ; v . clone () ; res . unwrap () } , _ => { timeout ; idle () } , }",
        );
    }

    #[test]
    fn tokio_select_becomes_a_match_of_its_branches() {
        check(
            "async fn f() { tokio::select! {\n Some(msg) = rx.recv(), if open => { on(msg) }\n _ = tick.tick() => beat(),\n else => stop(),\n } }",
            "match () { Some (msg) => { rx . recv () ; open ; { on (msg) } } , _ => { tick . tick () ; beat () } , _ => { stop () } , }",
        );
        check("fn f() { select! { a == b => x } }", "select !");
    }
}
