//! Applying several edits' hunks to one file at once, with a map from lines
//! of the result back to the edit that wrote them and to the original
//! lines — so an error the compiler reports in the edited file can be
//! pinned on an edit, and shown against the code as analysed.
//!
//! Pure text work: this module must NOT read or write files.

use memaudit_model::{Edit, Hunk, HunkMismatch};

/// One hunk's place in the result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Placed {
    /// Which of the applied edits wrote it.
    pub owner: usize,
    /// 1-based lines of the replacement in the result (a deletion or an
    /// insertion of no newline occupies the line it sits on).
    pub new_start: u32,
    pub new_end: u32,
    /// 1-based lines the replaced text spanned in the original.
    pub old_start: u32,
    pub old_end: u32,
}

/// The result of applying hunks to one file.
#[derive(Debug, Clone)]
pub(crate) struct Applied {
    pub text: String,
    pub placed: Vec<Placed>,
}

fn lines_in(s: &str) -> u32 {
    s.matches('\n').count() as u32
}

/// Applies `hunks` (each tagged with its edit's index) of `file` to
/// `source`. Hunks of different edits must not overlap; insertions at the
/// same offset keep the given order.
pub(crate) fn apply(
    file: &str,
    source: &str,
    hunks: &[(usize, &Hunk)],
) -> Result<Applied, HunkMismatch> {
    let mut sorted: Vec<(usize, &Hunk)> = hunks
        .iter()
        .copied()
        .filter(|(_, h)| h.file == file)
        .collect();
    sorted.sort_by_key(|(_, h)| (h.start, h.end));
    let edit = Edit {
        summary: String::new(),
        hunks: sorted.iter().map(|(_, h)| (*h).clone()).collect(),
    };
    let text = edit.apply_to(file, source)?;
    let mut placed = Vec::with_capacity(sorted.len());
    // Lines added so far by earlier hunks.
    let mut shift: i64 = 0;
    for (owner, h) in sorted {
        let old_start = lines_in(&source[..h.start as usize]) + 1;
        let old_end = old_start + lines_in(&h.original);
        let new_start = (i64::from(old_start) + shift).max(1) as u32;
        let new_end = new_start + lines_in(&h.replacement);
        shift += i64::from(lines_in(&h.replacement)) - i64::from(lines_in(&h.original));
        placed.push(Placed {
            owner,
            new_start,
            new_end,
            old_start,
            old_end,
        });
    }
    Ok(Applied { text, placed })
}

impl Applied {
    /// The edit a result line most likely belongs to: the hunk that
    /// contains it, else the nearest hunk by lines.
    pub(crate) fn nearest_owner(&self, line: u32) -> Option<usize> {
        self.placed
            .iter()
            .min_by_key(|p| {
                if line >= p.new_start && line <= p.new_end {
                    0
                } else if line < p.new_start {
                    p.new_start - line
                } else {
                    line - p.new_end
                }
            })
            .map(|p| p.owner)
    }

    /// The edits whose hunks hold result line `line` (the lines they
    /// changed).
    pub(crate) fn owners_at(&self, line: u32) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .placed
            .iter()
            .filter(|p| line >= p.new_start && line <= p.new_end)
            .map(|p| p.owner)
            .collect();
        out.dedup();
        out
    }

    /// The line of the result that `other` (the same file with fewer of the
    /// edits applied) has at `line` of this one: outside every hunk by way
    /// of the original line, inside a hunk by its offset in that hunk.
    /// `None` when the line lies in a hunk `other` does not have.
    pub(crate) fn line_in(&self, other: &Applied, line: u32) -> Option<u32> {
        if let Some(orig) = self.original_line(line) {
            let mut shift: i64 = 0;
            for p in &other.placed {
                if p.old_end < orig {
                    shift = i64::from(p.new_end) - i64::from(p.old_end);
                } else {
                    break;
                }
            }
            return u32::try_from(i64::from(orig) + shift).ok();
        }
        let here = self
            .placed
            .iter()
            .find(|p| line >= p.new_start && line <= p.new_end)?;
        let there = other
            .placed
            .iter()
            .find(|p| p.owner == here.owner && p.old_start == here.old_start)?;
        Some(there.new_start + (line - here.new_start))
    }

    /// Whether a hunk of an edit other than `owner` lies within `window`
    /// lines of `line`.
    pub(crate) fn others_near(&self, owner: usize, line: u32, window: u32) -> bool {
        self.placed.iter().any(|p| {
            p.owner != owner
                && p.new_start.saturating_sub(window) <= line
                && line <= p.new_end.saturating_add(window)
        })
    }

    /// The original line of a result line, when it lies outside every hunk.
    pub(crate) fn original_line(&self, line: u32) -> Option<u32> {
        let mut shift: i64 = 0;
        for p in &self.placed {
            if line < p.new_start {
                break;
            }
            if line <= p.new_end {
                return None;
            }
            shift = i64::from(p.new_end) - i64::from(p.old_end);
        }
        u32::try_from(i64::from(line) - shift).ok()
    }
}

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
    fn lines_map_back_to_edits_and_originals() {
        let src = "a\nb\nc\nd\ne\n";
        // Edit 0 inserts two lines before `b`; edit 1 replaces `d` with `D`.
        let h0 = hunk(2, 2, "", "x\ny\n");
        let h1 = hunk(6, 7, "d", "D");
        let a = apply("src/lib.rs", src, &[(1, &h1), (0, &h0)]).unwrap();
        assert_eq!(a.text, "a\nx\ny\nb\nc\nD\ne\n");
        assert_eq!(a.owners_at(2), vec![0], "inside edit 0's insertion");
        assert_eq!(a.owners_at(6), vec![1], "edit 1's line");
        assert_eq!(
            a.owners_at(7),
            Vec::<usize>::new(),
            "a line no edit changed"
        );
        assert_eq!(a.original_line(1), Some(1));
        assert_eq!(
            a.original_line(4),
            None,
            "line 4 is where the insertion ends"
        );
        assert_eq!(a.original_line(5), Some(3), "`c` was line 3");
        assert_eq!(a.original_line(7), Some(5), "`e` was line 5");
        // Edit 1 alone: the same lines as it would be built alone.
        let solo = apply("src/lib.rs", src, &[(1, &h1)]).unwrap();
        assert_eq!(solo.text, "a\nb\nc\nD\ne\n");
        assert_eq!(a.line_in(&solo, 6), Some(4), "edit 1's own line");
        assert_eq!(a.line_in(&solo, 7), Some(5), "`e` after it");
        assert_eq!(a.line_in(&solo, 5), Some(3), "`c` before it");
        assert_eq!(
            a.line_in(&solo, 2),
            None,
            "edit 0's lines are not in edit 1's file"
        );
        assert!(a.others_near(1, 4, 0), "edit 0's insertion ends on line 4");
        assert!(!a.others_near(0, 4, 0), "only edit 0 is there");
    }
}
