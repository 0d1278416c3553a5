//! From source text to a syntax tree the walkers can read: the depth
//! pre-check ([`crate::guard`]), syn's parse, and the rewrite of standard
//! macros into calls ([`crate::macros`]).
//!
//! This module must NOT keep the tree or its spans: the caller owns the tree
//! and clears the thread's span table when it is done with the file.

/// A file's syntax tree, standard macros rewritten into calls, with where
/// each rewritten macro stands in the text as written.
pub struct Parsed {
    pub tree: syn::File,
    pub rewrites: crate::macros::Rewrites,
}

/// Why a file could not be read as Rust.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("{file}:{line}:{column}: does not parse: {message}")]
    Syntax {
        file: String,
        line: u32,
        column: u32,
        message: String,
    },
    #[error("{file}: {reason}")]
    TooComplex { file: String, reason: String },
}

/// Parses `source` (named `file` in errors) and rewrites standard macros
/// (`vec!`, `format!`, …) into calls so that their arguments are visible.
pub fn parse_source(file: &str, source: &str) -> Result<Parsed, ParseError> {
    let mut parsed = parse_unexpanded(file, source)?;
    let rewrites = crate::macros::expand_standard_macros(&mut parsed);
    Ok(Parsed {
        tree: parsed,
        rewrites,
    })
}

/// Like [`parse_source`] without the macro rewrite, for a caller that
/// rewrites with [`crate::macros::Expander`] on a walk of its own.
pub fn parse_unexpanded(file: &str, source: &str) -> Result<syn::File, ParseError> {
    if let Some(reason) = crate::guard::too_complex(source) {
        return Err(ParseError::TooComplex {
            file: file.to_owned(),
            reason,
        });
    }
    syn::parse_file(source).map_err(|e| {
        let start = e.span().start();
        ParseError::Syntax {
            file: file.to_owned(),
            line: start.line as u32,
            column: start.column as u32 + 1,
            message: e.to_string(),
        }
    })
}
