//! Proposals as edits: the exact change to the workspace's files that carries
//! out a finding's proposal, computed from the code (byte ranges and
//! replacement text), so that it can be shown as a diff, checked by the
//! compiler in a scratch copy and applied on request.
//!
//! A design change (an arena, a new type) has no edit: its proposal stays
//! prose and is marked "not checked".

use serde::{Deserialize, Serialize};

/// One contiguous replacement in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Hunk {
    /// Workspace-relative path with `/` separators.
    pub file: String,
    /// Byte offset of the first replaced byte in the file as analysed.
    pub start: u32,
    /// Byte offset one past the last replaced byte (`start == end` inserts).
    pub end: u32,
    /// 1-based line of `start`, for display.
    pub line: u32,
    /// The text at `start..end` when the edit was computed: applying refuses
    /// when the file no longer has it there.
    pub original: String,
    pub replacement: String,
}

/// A concrete change to one or more files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Edit {
    /// What the edit does, in a few words: "drop the `.clone()`".
    pub summary: String,
    /// Non-overlapping hunks, ordered by file then `start`.
    pub hunks: Vec<Hunk>,
}

impl Edit {
    /// The files the edit touches, each once, in hunk order.
    pub fn files(&self) -> Vec<&str> {
        let mut files: Vec<&str> = Vec::new();
        for h in &self.hunks {
            if !files.contains(&h.file.as_str()) {
                files.push(&h.file);
            }
        }
        files
    }

    /// The edit as a diff of its hunks (the files themselves are not read):
    /// each hunk's original lines, then its replacement.
    pub fn diff(&self) -> String {
        let mut diff = String::new();
        for file in self.files() {
            diff.push_str("--- a/");
            diff.push_str(file);
            diff.push_str("\n+++ b/");
            diff.push_str(file);
            diff.push('\n');
            for h in self.hunks.iter().filter(|h| h.file == file) {
                diff.push_str(&format!("@@ line {} @@\n", h.line));
                for (sign, text) in [('-', &h.original), ('+', &h.replacement)] {
                    // A text that ends in the next line's indentation
                    // (an inserted line keeps the line after it in place)
                    // shows no line of blanks for it.
                    let shown = match text.rfind('\n') {
                        Some(i) if text[i + 1..].trim().is_empty() => &text[..i + 1],
                        _ => text.as_str(),
                    };
                    for l in shown.lines() {
                        diff.push(sign);
                        diff.push_str(l);
                        diff.push('\n');
                    }
                }
            }
        }
        diff
    }

    /// Applies the hunks of `file` to `source` (the file's text). Fails, with
    /// the line of the first mismatch, when a hunk's range is out of bounds,
    /// not on a character boundary, or no longer holds `original`.
    pub fn apply_to(&self, file: &str, source: &str) -> Result<String, HunkMismatch> {
        let mut hunks: Vec<&Hunk> = self.hunks.iter().filter(|h| h.file == file).collect();
        hunks.sort_by_key(|h| h.start);
        let mut out = String::with_capacity(source.len() + 64);
        let mut at = 0usize;
        for h in hunks {
            let (start, end) = (h.start as usize, h.end as usize);
            let found = source.get(start..end);
            if start < at || found != Some(h.original.as_str()) {
                return Err(HunkMismatch {
                    file: file.to_owned(),
                    line: h.line,
                    expected: h.original.clone(),
                });
            }
            out.push_str(&source[at..start]);
            out.push_str(&h.replacement);
            at = end;
        }
        out.push_str(&source[at..]);
        Ok(out)
    }
}

/// A hunk whose original text is no longer where the edit expects it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HunkMismatch {
    pub file: String,
    pub line: u32,
    pub expected: String,
}

impl std::fmt::Display for HunkMismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}: the file changed since the edit was computed (expected `{}` there)",
            self.file, self.line, self.expected
        )
    }
}

impl std::error::Error for HunkMismatch {}

#[cfg(test)]
mod tests {
    use super::*;

    fn hunk(start: u32, end: u32, original: &str, replacement: &str) -> Hunk {
        Hunk {
            file: "src/lib.rs".into(),
            start,
            end,
            line: 1,
            original: original.into(),
            replacement: replacement.into(),
        }
    }

    #[test]
    fn applies_hunks_in_order_and_refuses_a_changed_file() {
        let src = "let a = b.clone(); f(&a.to_owned());";
        let edit = Edit {
            summary: "drop the copies".into(),
            hunks: vec![
                hunk(24, 35, "a.to_owned()", "a"),
                hunk(9, 17, "b.clone()", "b"),
            ],
        };
        // Offsets above are deliberately wrong for the second hunk's text.
        assert!(edit.apply_to("src/lib.rs", src).is_err());
        let edit = Edit {
            summary: "drop the copies".into(),
            hunks: vec![
                hunk(22, 34, "a.to_owned()", "a"),
                hunk(8, 17, "b.clone()", "&b"),
            ],
        };
        assert_eq!(
            edit.apply_to("src/lib.rs", src).unwrap(),
            "let a = &b; f(&a);",
            "both hunks apply, whatever their order in the edit"
        );
        assert_eq!(
            edit.apply_to("src/other.rs", src).unwrap(),
            src,
            "other files are untouched"
        );
        let err = edit
            .apply_to("src/lib.rs", "let a = c.clone(); f(&a.to_owned());")
            .unwrap_err();
        assert!(err.to_string().contains("changed since"), "{err}");
        assert_eq!(edit.files(), vec!["src/lib.rs"]);
    }

    #[test]
    fn a_diff_shows_no_line_of_blanks_for_a_carried_indentation() {
        let edit = Edit {
            summary: "hoist the buffer".into(),
            hunks: vec![hunk(4, 4, "", "let mut buf = String::new();\n    ")],
        };
        assert_eq!(
            edit.diff(),
            "--- a/src/lib.rs\n+++ b/src/lib.rs\n@@ line 1 @@\n+let mut buf = String::new();\n"
        );
    }
}
