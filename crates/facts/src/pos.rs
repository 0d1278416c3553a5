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
    pub fn start<T: syn::spanned::Spanned>(node: &T) -> Pos {
        Pos::of(node.span())
    }

    /// End of a syntax node.
    pub fn end<T: syn::spanned::Spanned>(node: &T) -> Pos {
        Pos::end_of(node.span())
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
    pub fn of<T: syn::spanned::Spanned>(node: &T) -> Range {
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
