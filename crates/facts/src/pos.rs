//! Positions copied out of syn spans: facts never keep a `Span`, so the
//! thread's span table can be cleared right after a file is walked.

use serde::{Deserialize, Serialize};

/// A 1-based line and 0-based column (in characters).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

impl Pos {
    pub fn new(line: u32, col: u32) -> Pos {
        Pos { line, col }
    }

    pub fn of(span: proc_macro2::Span) -> Pos {
        let lc = span.start();
        Pos {
            line: u32::try_from(lc.line).unwrap_or(u32::MAX),
            col: u32::try_from(lc.column).unwrap_or(u32::MAX),
        }
    }

    pub fn end_of(span: proc_macro2::Span) -> Pos {
        let lc = span.end();
        Pos {
            line: u32::try_from(lc.line).unwrap_or(u32::MAX),
            col: u32::try_from(lc.column).unwrap_or(u32::MAX),
        }
    }

    /// Start of a syntax node.
    pub fn start<T: Extent + ?Sized>(node: &T) -> Pos {
        node.first_start().unwrap_or_else(|| Pos::of(node.span()))
    }

    /// End of a syntax node.
    pub fn end<T: Extent + ?Sized>(node: &T) -> Pos {
        node.last_end().unwrap_or_else(|| Pos::end_of(node.span()))
    }
}

/// A start and end position.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Range {
    pub start: Pos,
    pub end: Pos,
}

impl Range {
    pub fn of<T: Extent + ?Sized>(node: &T) -> Range {
        if let (Some(start), Some(end)) = (node.first_start(), node.last_end()) {
            return Range { start, end };
        }
        let s = node.span();
        Range {
            start: Pos::of(s),
            end: Pos::end_of(s),
        }
    }

    pub fn contains(&self, p: Pos) -> bool {
        self.start <= p && p <= self.end
    }

    /// Lines `first..=last`.
    pub fn lines(&self) -> (u32, u32) {
        (self.start.line, self.end.line)
    }
}

/// Where a syntax node starts and ends, found from its first and last
/// tokens when that is cheap.
///
/// syn's `Spanned` prints the whole node into a token stream to find its
/// first and last token: a function body's range cost a copy of the body,
/// and the walkers ask for ranges of nested nodes, so the facts walk spent
/// about a tenth of its time printing tokens. The common nodes say where
/// they start and end here from their own tokens; anything else (outer
/// attributes, labels, rare variants) returns `None` and falls back to
/// `Spanned`, so the positions are the same either way.
pub trait Extent: syn::spanned::Spanned {
    /// Start of the node's first token, when cheap to find.
    fn first_start(&self) -> Option<Pos> {
        None
    }
    /// End of the node's last token, when cheap to find.
    fn last_end(&self) -> Option<Pos> {
        None
    }
}

impl<T: Extent + quote::ToTokens> Extent for Box<T> {
    fn first_start(&self) -> Option<Pos> {
        (**self).first_start()
    }
    fn last_end(&self) -> Option<Pos> {
        (**self).last_end()
    }
}

fn open(d: &proc_macro2::extra::DelimSpan) -> Pos {
    Pos::of(d.join())
}

fn close(d: &proc_macro2::extra::DelimSpan) -> Pos {
    Pos::end_of(d.join())
}

impl Extent for syn::Block {
    fn first_start(&self) -> Option<Pos> {
        Some(open(&self.brace_token.span))
    }
    fn last_end(&self) -> Option<Pos> {
        Some(close(&self.brace_token.span))
    }
}

fn path_start(p: &syn::Path) -> Option<Pos> {
    match (&p.leading_colon, p.segments.first()) {
        (Some(c), _) => Some(Pos::of(c.spans[0])),
        (None, Some(seg)) => Some(Pos::of(seg.ident.span())),
        (None, None) => None,
    }
}

fn path_end(p: &syn::Path) -> Option<Pos> {
    let last = p.segments.last()?;
    match last.arguments {
        syn::PathArguments::None => Some(Pos::end_of(last.ident.span())),
        _ => None,
    }
}

/// Expressions that syn prints without adding parentheses when they stand
/// left of a `.`, `(`, `[` or `?`: their first token is their own.
fn plain_left(e: &syn::Expr) -> bool {
    use syn::Expr::*;
    matches!(
        e,
        Path(_) | Call(_) | MethodCall(_) | Index(_) | Try(_) | Await(_) | Paren(_) | Lit(_)
    ) || matches!(e, Field(f) if !matches!(f.member, syn::Member::Named(_)) || plain_left(&f.base))
}

impl Extent for syn::Expr {
    fn first_start(&self) -> Option<Pos> {
        use syn::Expr::*;
        match self {
            Call(c) if c.attrs.is_empty() => match &*c.func {
                Field(f) if matches!(f.member, syn::Member::Named(_)) => None,
                f if plain_left(f) => f.first_start(),
                _ => None,
            },
            MethodCall(m) if m.attrs.is_empty() && plain_left(&m.receiver) => {
                m.receiver.first_start()
            }
            Field(f) if f.attrs.is_empty() && plain_left(&f.base) => f.base.first_start(),
            Index(i) if i.attrs.is_empty() && plain_left(&i.expr) => i.expr.first_start(),
            Try(t) if t.attrs.is_empty() && plain_left(&t.expr) => t.expr.first_start(),
            Await(a) if a.attrs.is_empty() && plain_left(&a.base) => a.base.first_start(),
            Path(p) if p.attrs.is_empty() && p.qself.is_none() => path_start(&p.path),
            Lit(l) if l.attrs.is_empty() => Some(Pos::of(l.lit.span())),
            Paren(p) if p.attrs.is_empty() => Some(open(&p.paren_token.span)),
            Tuple(t) if t.attrs.is_empty() => Some(open(&t.paren_token.span)),
            Array(a) if a.attrs.is_empty() => Some(open(&a.bracket_token.span)),
            Block(b) if b.attrs.is_empty() && b.label.is_none() => b.block.first_start(),
            Macro(m) if m.attrs.is_empty() => path_start(&m.mac.path),
            Closure(c) => c.first_start(),
            Async(a) => a.first_start(),
            Reference(r) if r.attrs.is_empty() => Some(Pos::of(r.and_token.span)),
            Struct(s) if s.attrs.is_empty() && s.qself.is_none() => path_start(&s.path),
            Match(m) if m.attrs.is_empty() => Some(Pos::of(m.match_token.span)),
            If(i) if i.attrs.is_empty() => Some(Pos::of(i.if_token.span)),
            ForLoop(f) if f.attrs.is_empty() && f.label.is_none() => {
                Some(Pos::of(f.for_token.span))
            }
            While(w) if w.attrs.is_empty() && w.label.is_none() => {
                Some(Pos::of(w.while_token.span))
            }
            Loop(l) if l.attrs.is_empty() && l.label.is_none() => Some(Pos::of(l.loop_token.span)),
            Unsafe(u) if u.attrs.is_empty() => Some(Pos::of(u.unsafe_token.span)),
            Return(r) if r.attrs.is_empty() => Some(Pos::of(r.return_token.span)),
            Binary(b) if b.attrs.is_empty() && plain_left(&b.left) => b.left.first_start(),
            Assign(a) if a.attrs.is_empty() && plain_left(&a.left) => a.left.first_start(),
            Cast(c) if c.attrs.is_empty() && plain_left(&c.expr) => c.expr.first_start(),
            Unary(u) if u.attrs.is_empty() => Some(Pos::of(match u.op {
                syn::UnOp::Deref(t) => t.span,
                syn::UnOp::Not(t) => t.span,
                syn::UnOp::Neg(t) => t.span,
                // A future operator: ask `Spanned`.
                _ => return None,
            })),
            Let(l) if l.attrs.is_empty() => Some(Pos::of(l.let_token.span)),
            _ => None,
        }
    }

    fn last_end(&self) -> Option<Pos> {
        use syn::Expr::*;
        match self {
            Call(c) if c.attrs.is_empty() => Some(close(&c.paren_token.span)),
            MethodCall(m) if m.attrs.is_empty() => Some(close(&m.paren_token.span)),
            Field(f) if f.attrs.is_empty() => Some(match &f.member {
                syn::Member::Named(id) => Pos::end_of(id.span()),
                syn::Member::Unnamed(i) => Pos::end_of(i.span),
            }),
            Index(i) if i.attrs.is_empty() => Some(close(&i.bracket_token.span)),
            Try(t) if t.attrs.is_empty() => Some(Pos::end_of(t.question_token.span)),
            Await(a) if a.attrs.is_empty() => Some(Pos::end_of(a.await_token.span)),
            Path(p) if p.attrs.is_empty() && p.qself.is_none() => path_end(&p.path),
            Lit(l) if l.attrs.is_empty() => Some(Pos::end_of(l.lit.span())),
            Paren(p) if p.attrs.is_empty() => Some(close(&p.paren_token.span)),
            Tuple(t) if t.attrs.is_empty() => Some(close(&t.paren_token.span)),
            Array(a) if a.attrs.is_empty() => Some(close(&a.bracket_token.span)),
            Block(b) if b.attrs.is_empty() && b.label.is_none() => b.block.last_end(),
            Macro(m) if m.attrs.is_empty() => Some(close(m.mac.delimiter.span())),
            Closure(c) => c.last_end(),
            Async(a) => a.last_end(),
            Struct(s) if s.attrs.is_empty() => Some(close(&s.brace_token.span)),
            Match(m) if m.attrs.is_empty() => Some(close(&m.brace_token.span)),
            If(i) if i.attrs.is_empty() => match &i.else_branch {
                // Anything else in an `else` gets braces of syn's own.
                Some((_, e)) if matches!(**e, If(_) | Block(_)) => e.last_end(),
                Some(_) => None,
                None => i.then_branch.last_end(),
            },
            ForLoop(f) if f.attrs.is_empty() => f.body.last_end(),
            While(w) if w.attrs.is_empty() => w.body.last_end(),
            Loop(l) if l.attrs.is_empty() => l.body.last_end(),
            Unsafe(u) if u.attrs.is_empty() => u.block.last_end(),
            // The right-hand operand's end, when syn prints it with no
            // parentheses of its own (the same expressions as on the left).
            Binary(b) if b.attrs.is_empty() && plain_left(&b.right) => b.right.last_end(),
            Assign(a) if a.attrs.is_empty() && plain_left(&a.right) => a.right.last_end(),
            Unary(u) if u.attrs.is_empty() && plain_left(&u.expr) => u.expr.last_end(),
            Reference(r) if r.attrs.is_empty() && plain_left(&r.expr) => r.expr.last_end(),
            Let(l) if l.attrs.is_empty() && plain_left(&l.expr) => l.expr.last_end(),
            Return(r) if r.attrs.is_empty() => match &r.expr {
                None => Some(Pos::end_of(r.return_token.span)),
                Some(e) if plain_left(e) => e.last_end(),
                Some(_) => None,
            },
            _ => None,
        }
    }
}

impl Extent for syn::ExprClosure {
    fn first_start(&self) -> Option<Pos> {
        if !self.attrs.is_empty() || self.lifetimes.is_some() {
            return None;
        }
        let first = [
            self.constness.map(|t| t.span),
            self.movability.map(|t| t.span),
            self.asyncness.map(|t| t.span),
            self.capture.map(|t| t.span),
        ]
        .into_iter()
        .flatten()
        .next()
        .unwrap_or(self.or1_token.spans[0]);
        Some(Pos::of(first))
    }
    fn last_end(&self) -> Option<Pos> {
        // With a return type and no block, syn prints braces of its own.
        let block_body =
            matches!(&*self.body, syn::Expr::Block(b) if b.attrs.is_empty() && b.label.is_none());
        if !self.attrs.is_empty() || !(block_body || self.output == syn::ReturnType::Default) {
            return None;
        }
        self.body.last_end()
    }
}

impl Extent for syn::ExprAsync {
    fn first_start(&self) -> Option<Pos> {
        self.attrs
            .is_empty()
            .then(|| Pos::of(self.async_token.span))
    }
    fn last_end(&self) -> Option<Pos> {
        self.attrs
            .is_empty()
            .then(|| self.block.last_end())
            .flatten()
    }
}

impl Extent for syn::Pat {}
impl Extent for syn::Type {}

/// End of the last token of items that end in `;` or a brace.
impl Extent for syn::ItemStruct {
    fn last_end(&self) -> Option<Pos> {
        match (&self.semi_token, &self.fields) {
            (Some(semi), _) => Some(Pos::end_of(semi.span)),
            (None, syn::Fields::Named(f)) => Some(close(&f.brace_token.span)),
            _ => None,
        }
    }
}

impl Extent for syn::ItemEnum {
    fn last_end(&self) -> Option<Pos> {
        Some(close(&self.brace_token.span))
    }
}

impl Extent for syn::ItemStatic {
    fn last_end(&self) -> Option<Pos> {
        Some(Pos::end_of(self.semi_token.span))
    }
}

impl Extent for syn::ItemType {
    fn last_end(&self) -> Option<Pos> {
        Some(Pos::end_of(self.semi_token.span))
    }
}

/// Byte offset of a position in `source` (columns count characters, as
/// proc-macro2 does). `None` past the end of the text.
pub fn byte_offset(source: &str, p: Pos) -> Option<usize> {
    let mut line_start = 0usize;
    for _ in 1..p.line {
        line_start += source.get(line_start..)?.find('\n')? + 1;
    }
    let line = &source[line_start..];
    let mut chars = line.char_indices();
    for _ in 0..p.col {
        let (_, c) = chars.next()?;
        if c == '\n' {
            return None;
        }
    }
    Some(line_start + chars.next().map_or(line.len(), |(i, _)| i))
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::ToTokens;
    use syn::visit::Visit;

    /// Compares every fast start and end with `Spanned`'s, over all
    /// expressions, blocks and items of `src`; returns how many were fast.
    fn check_extents(src: &str) -> usize {
        struct V(usize);
        impl V {
            fn cmp<T: Extent + ?Sized + ToTokens>(&mut self, node: &T) {
                let s = node.span();
                if let Some(p) = node.first_start() {
                    assert_eq!(p, Pos::of(s), "start of `{}`", node.to_token_stream());
                    self.0 += 1;
                }
                if let Some(p) = node.last_end() {
                    assert_eq!(p, Pos::end_of(s), "end of `{}`", node.to_token_stream());
                    self.0 += 1;
                }
            }
        }
        impl<'a> Visit<'a> for V {
            fn visit_expr(&mut self, e: &'a syn::Expr) {
                self.cmp(e);
                syn::visit::visit_expr(self, e);
            }
            fn visit_block(&mut self, b: &'a syn::Block) {
                self.cmp(b);
                syn::visit::visit_block(self, b);
            }
            fn visit_expr_closure(&mut self, c: &'a syn::ExprClosure) {
                self.cmp(c);
                syn::visit::visit_expr_closure(self, c);
            }
            fn visit_expr_async(&mut self, a: &'a syn::ExprAsync) {
                self.cmp(a);
                syn::visit::visit_expr_async(self, a);
            }
            fn visit_item_struct(&mut self, i: &'a syn::ItemStruct) {
                self.cmp(i);
                syn::visit::visit_item_struct(self, i);
            }
            fn visit_item_enum(&mut self, i: &'a syn::ItemEnum) {
                self.cmp(i);
                syn::visit::visit_item_enum(self, i);
            }
            fn visit_item_static(&mut self, i: &'a syn::ItemStatic) {
                self.cmp(i);
                syn::visit::visit_item_static(self, i);
            }
            fn visit_item_type(&mut self, i: &'a syn::ItemType) {
                self.cmp(i);
                syn::visit::visit_item_type(self, i);
            }
        }
        let mut file = syn::parse_file(src).unwrap();
        // The walkers read the tree with standard macros rewritten.
        crate::macros::expand_standard_macros(&mut file);
        let mut v = V(0);
        v.visit_file(&file);
        v.0
    }

    #[test]
    fn extents_agree_with_spanned() {
        let src = r#"
            #[derive(Debug)]
            pub struct A<T> where T: Clone { a: T }
            struct B(u8, Vec<u8>);
            struct C;
            enum E { X, Y(u8) }
            static S: [u8; 3] = [1, 2, 3];
            type T<'a> = &'a str;
            fn f(x: &mut Vec<String>, o: Option<u8>) -> usize {
                let v = vec![x.len(); 3];
                let w = ::std::vec::Vec::<u8>::new();
                let s = format!("{} {a}", x[0].clone(), a = o.map(|n| n + 1).unwrap_or(0));
                let c = move |a: u8| -> u8 { a * 2 };
                let d = async move { x.clear() };
                let t = (1, 2).0 + x.iter().map(|s| s.len()).sum::<usize>();
                let r = &mut x[1..];
                if let Some(n) = o { n } else if t > 2 { 3 } else { 4 };
                for i in 0..3 { x.push(i.to_string()); }
                'outer: loop { break 'outer; }
                while x.len() > 1 { x.pop(); }
                match o { Some(n) if n > 1 => n.into(), _ => unsafe { 0 } };
                let p = P { a: 1, ..Default::default() };
                let q = (x.first().cloned())?;
                #[allow(unused)] let z = #[allow(unused)] { 1 };
                my_macro!(x, y);
                println!("{}", t);
                f2(&x).await;
                let u = !x.is_empty() && *r.first() == -o.len() || &x[0] == &w[1];
                z = (t as u8) << 1; z -= a.b as u8; *q.0 = f(1) + g[2] * h?;
                if let Some(k) = x.pop() { return k.len(); }
                return t;
            }
        "#;
        assert!(check_extents(src) > 100);
    }

    /// `MEMAUDIT_EXTENT_DIR=~/.cargo/registry/src/... cargo test -p
    /// memaudit-facts --release -- --ignored extents_agree_on_a_tree`
    #[test]
    #[ignore = "reads a source tree named by MEMAUDIT_EXTENT_DIR"]
    fn extents_agree_on_a_tree() {
        let Some(dir) = std::env::var_os("MEMAUDIT_EXTENT_DIR") else {
            return;
        };
        let mut stack = vec![std::path::PathBuf::from(dir)];
        let (mut files, mut fast) = (0, 0);
        while let Some(d) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&d) else {
                continue;
            };
            for e in entries.flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    let Ok(src) = std::fs::read_to_string(&p) else {
                        continue;
                    };
                    if src.len() > 2_000_000 || syn::parse_file(&src).is_err() {
                        continue;
                    }
                    let n = std::panic::catch_unwind(|| check_extents(&src))
                        .unwrap_or_else(|_| panic!("{}", p.display()));
                    fast += n;
                    files += 1;
                    proc_macro2::extra::invalidate_current_thread_spans();
                }
            }
        }
        eprintln!("{files} files, {fast} fast starts and ends, all equal to Spanned's");
    }

    #[test]
    fn byte_offsets_count_characters_per_line() {
        let src = "fn a() {}\nlet é = b.clone();\n";
        assert_eq!(byte_offset(src, Pos::new(1, 0)), Some(0));
        assert_eq!(
            byte_offset(src, Pos::new(2, 8)),
            Some(10 + 9),
            "é is two bytes"
        );
        assert_eq!(
            &src[byte_offset(src, Pos::new(2, 8)).unwrap()..][..9],
            "b.clone()"
        );
        assert_eq!(byte_offset(src, Pos::new(9, 0)), None);
    }
}
