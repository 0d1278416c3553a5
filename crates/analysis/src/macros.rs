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

use proc_macro2::{Span, TokenStream};
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::visit_mut::{self, VisitMut};
use syn::{Expr, Macro, Stmt, Token};

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
];

pub(crate) fn expand_standard_macros(file: &mut syn::File) {
    Expander.visit_file_mut(file);
}

struct Expander;

fn macro_name(mac: &Macro) -> Option<&'static str> {
    let last = mac.path.segments.last()?;
    STANDARD
        .iter()
        .find(|(short, _)| last.ident == short)
        .map(|(short, _)| *short)
}

fn rewrite(mac: &Macro) -> Option<Expr> {
    let name = macro_name(mac)?;
    let span = mac
        .path
        .segments
        .last()
        .map(|s| s.ident.span())
        .unwrap_or_else(Span::call_site);
    let args = parse_args(name, mac.tokens.clone())?;
    let full = STANDARD.iter().find(|(short, _)| *short == name)?.1;
    let ident = syn::Ident::new(full, span);
    let func = Expr::Path(syn::ExprPath {
        attrs: Vec::new(),
        qself: None,
        path: ident.into(),
    });
    Some(Expr::Call(syn::ExprCall {
        attrs: Vec::new(),
        func: Box::new(func),
        paren_token: syn::token::Paren(span),
        args,
    }))
}

fn parse_args(name: &str, tokens: TokenStream) -> Option<Punctuated<Expr, Token![,]>> {
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
        if let Ok(e) = repeat.parse2(tokens.clone()) {
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
        let e = first.parse2(tokens).ok()?;
        let mut p = Punctuated::new();
        p.push(e);
        return Some(p);
    }
    let mut args = Punctuated::<Expr, Token![,]>::parse_terminated
        .parse2(tokens)
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

impl VisitMut for Expander {
    fn visit_expr_mut(&mut self, e: &mut Expr) {
        if let Expr::Macro(m) = e {
            if let Some(new) = rewrite(&m.mac) {
                *e = new;
            }
        }
        visit_mut::visit_expr_mut(self, e);
    }

    fn visit_stmt_mut(&mut self, s: &mut Stmt) {
        if let Stmt::Macro(m) = s {
            if let Some(new) = rewrite(&m.mac) {
                *s = Stmt::Expr(new, m.semi_token);
            }
        }
        visit_mut::visit_stmt_mut(self, s);
    }
}

/// The standard macro a rewritten call stands for (`format`, `vec`, ...).
pub(crate) fn rewritten_name(e: &Expr) -> Option<&str> {
    if let Expr::Call(c) = e {
        if let Expr::Path(p) = &*c.func {
            if p.path.segments.len() == 1 {
                let id = &p.path.segments[0].ident;
                return STANDARD
                    .iter()
                    .find(|(_, full)| id == full)
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
    fn other_macros_stay_opaque() {
        check(
            "fn f() { my_macro!(a.clone()); }",
            "my_macro ! (a . clone ())",
        );
    }
}
