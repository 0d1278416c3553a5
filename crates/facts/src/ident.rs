//! An identifier's text without allocating: `proc_macro2::Ident` has no
//! `as_str`, and comparing it with a list of names costs one (non-inlined)
//! comparison per name, while `to_string` allocates. The walkers that ask
//! whether a name is one of many (`File`, `fs`, `BufReader`, … on every path
//! segment; the std method lists on every method call) copy the text once
//! onto the stack here and compare `&str`s.
//!
//! This module must NOT hold names or rules: only the copy.

use std::fmt::Write;

use proc_macro2::Ident;

/// Longest identifier copied onto the stack; longer ones are allocated.
const INLINE: usize = 48;

/// The text of an identifier as written (`r#type` keeps its `r#`), as
/// `Ident::to_string` gives it.
pub struct IdentText {
    buf: [u8; INLINE],
    len: usize,
    long: Option<String>,
}

impl IdentText {
    pub fn of(id: &Ident) -> IdentText {
        let mut text = IdentText {
            buf: [0; INLINE],
            len: 0,
            long: None,
        };
        // Writing into `IdentText` cannot fail; a long identifier spills
        // into `long`.
        let _ = write!(text, "{id}");
        text
    }

    #[inline]
    pub fn as_str(&self) -> &str {
        match &self.long {
            Some(s) => s,
            // SAFETY: `write_str` copies in only whole `&str`s, end to end
            // from the start of `buf`, so `buf[..len]` is UTF-8. (Checking
            // it again cost as much as the copy: this runs on every path
            // segment and method name of the workspace.)
            None => unsafe { std::str::from_utf8_unchecked(&self.buf[..self.len]) },
        }
    }
}

impl Write for IdentText {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        if let Some(long) = &mut self.long {
            long.push_str(s);
            return Ok(());
        }
        let end = self.len + s.len();
        if end <= INLINE {
            self.buf[self.len..end].copy_from_slice(s.as_bytes());
            self.len = end;
        } else {
            let mut long = String::with_capacity(end);
            long.push_str(self.as_str());
            long.push_str(s);
            self.long = Some(long);
        }
        Ok(())
    }
}

/// `id`'s text as an inline string (no `String` on the way): written
/// straight into the string's own buffer, with no copy on the stack to check
/// as UTF-8 again.
pub fn smol(id: &Ident) -> smol_str::SmolStr {
    let mut b = smol_str::SmolStrBuilder::new();
    // Writing into a builder cannot fail.
    let _ = write!(b, "{id}");
    b.finish()
}

/// Whether `id` is one of `names`.
pub fn is_one_of(id: &Ident, names: &[&str]) -> bool {
    // A comparison per name is cheaper than the copy for a few names.
    if names.len() <= 3 {
        return names.iter().any(|n| id == n);
    }
    names.contains(&IdentText::of(id).as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_what_to_string_gives() {
        let long = "a".repeat(INLINE + 5);
        for name in [
            "x",
            "File",
            "r#type",
            long.as_str(),
            "ParquetRecordBatchReaderBuilder",
        ] {
            let id: Ident = syn::parse_str(name).expect("an identifier");
            assert_eq!(IdentText::of(&id).as_str(), id.to_string(), "{name}");
            assert_eq!(smol(&id), id.to_string(), "{name}");
        }
        let id: Ident = syn::parse_str("fs").expect("an identifier");
        assert!(is_one_of(&id, &["File", "fs", "Frame", "OpenOptions"]));
        assert!(is_one_of(&id, &["fs"]));
        assert!(!is_one_of(&id, &["File", "Frame", "OpenOptions", "f"]));
    }
}
