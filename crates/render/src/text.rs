//! Markdown-writing primitives: fences that survive backticks in code, inline
//! code spans, table cells, one-line values and prose blocks that cannot
//! break the document around them.
//!
//! Text inside findings comes from the audited code or from an LLM, so it is
//! untrusted: a stray ```` ``` ```` or `## Finding:` line in an issue must not
//! swallow or fake the rest of the document. These helpers only shape
//! markdown; they do not escape HTML (the HTML renderer does that).

/// The longest run of `ch` in `s`.
fn longest_run(s: &str, ch: char) -> usize {
    let (mut best, mut cur) = (0, 0);
    for c in s.chars() {
        if c == ch {
            cur += 1;
            best = best.max(cur);
        } else {
            cur = 0;
        }
    }
    best
}

/// A fenced code block whose fence is longer than any backtick run in the
/// code, so the code can never close it early.
pub(crate) fn fence(lang: &str, code: &str) -> String {
    let ticks = "`".repeat((longest_run(code, '`') + 1).max(3));
    let code = code.trim_end_matches(['\n', '\r']);
    let mut out = String::with_capacity(code.len() + 2 * ticks.len() + lang.len() + 3);
    out.push_str(&ticks);
    out.push_str(lang);
    out.push('\n');
    if !code.is_empty() {
        out.push_str(code);
        out.push('\n');
    }
    out.push_str(&ticks);
    out.push('\n');
    out
}

/// Collapses line breaks into spaces and trims, for values that must stay on
/// one line (list items, bold-label lines, table cells).
pub(crate) fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, line) in s
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .enumerate()
    {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

/// An inline code span that survives backticks inside `s`.
pub(crate) fn code_span(s: &str) -> String {
    let s = one_line(s);
    if s.is_empty() {
        return String::new();
    }
    let ticks = "`".repeat(longest_run(&s, '`') + 1);
    // A span that starts or ends with a backtick needs padding, which
    // CommonMark strips again when rendering.
    let pad = if s.starts_with('`') || s.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{ticks}{pad}{s}{pad}{ticks}")
}

/// A GFM table cell: one line, pipes escaped (GFM wants `\|` even inside
/// code spans).
pub(crate) fn cell(s: &str) -> String {
    one_line(s).replace('|', "\\|")
}

/// Multi-line prose made safe to drop between headings: lines that would
/// open a code fence, start a heading, or turn the previous line into a
/// setext heading are escaped with a backslash, which renders as the literal
/// character. Empty input becomes `fallback`.
pub(crate) fn block(s: &str, fallback: &str) -> String {
    let s = s.trim_matches(['\n', '\r']);
    if s.trim().is_empty() {
        return fallback.to_owned();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for line in s.lines() {
        let body = line.trim_start();
        let indent = &line[..line.len() - body.len()];
        let risky = body.starts_with("```")
            || body.starts_with("~~~")
            || body.starts_with('#')
            || (!body.is_empty() && body.trim_end().chars().all(|c| c == '=' || c == '-'));
        out.push_str(indent);
        if risky {
            out.push('\\');
        }
        out.push_str(body);
        out.push('\n');
    }
    out.truncate(out.trim_end().len());
    out
}

/// Human-readable byte count in binary units.
pub(crate) fn bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if n < 1024 {
        return format!("{n} bytes");
    }
    let mut value = n as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

/// A markdown heading `level` deep (1–6), clamped so nesting never produces
/// something that is not a heading.
pub(crate) fn heading(level: usize, text: &str) -> String {
    format!("{} {}\n", "#".repeat(level.clamp(1, 6)), one_line(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(f: fn(&str) -> String, input: &str, expected: &str) {
        assert_eq!(f(input), expected, "input: {input:?}");
    }

    #[test]
    fn fences_outgrow_backticks_in_the_code() {
        check(
            |c| fence("rust", c),
            "let x = 1;\n",
            "```rust\nlet x = 1;\n```\n",
        );
        check(
            |c| fence("rust", c),
            "let s = \"```\";",
            "````rust\nlet s = \"```\";\n````\n",
        );
        check(
            |c| fence("", c),
            "```\n`````\n",
            "``````\n```\n`````\n``````\n",
        );
        check(|c| fence("rust", c), "", "```rust\n```\n");
    }

    #[test]
    fn code_spans_survive_backticks() {
        check(code_span, "a.rs:1-2", "`a.rs:1-2`");
        check(code_span, "we`ird.rs", "``we`ird.rs``");
        check(code_span, "`x`", "`` `x` ``");
        check(code_span, "", "");
        check(code_span, "a\nb", "`a b`");
    }

    #[test]
    fn cells_stay_on_one_line_and_escape_pipes() {
        check(cell, "a | b", "a \\| b");
        check(cell, "line one\nline two\r\n", "line one line two");
        check(cell, "  x  ", "x");
    }

    #[test]
    fn blocks_cannot_open_fences_or_headings() {
        check(|s| block(s, "None."), "", "None.");
        check(|s| block(s, "None."), "plain text", "plain text");
        check(
            |s| block(s, "-"),
            "text\n```rust\n## Finding: F-999\n---\n  ~~~",
            "text\n\\```rust\n\\## Finding: F-999\n\\---\n  \\~~~",
        );
        check(|s| block(s, "-"), "- a list\n- b", "- a list\n- b");
    }

    #[test]
    fn bytes_are_human_readable() {
        check(|s| bytes(s.parse().unwrap()), "0", "0 bytes");
        check(|s| bytes(s.parse().unwrap()), "1023", "1023 bytes");
        check(|s| bytes(s.parse().unwrap()), "1536", "1.5 KiB");
        check(|s| bytes(s.parse().unwrap()), "3145728", "3.0 MiB");
    }

    #[test]
    fn headings_are_clamped() {
        assert_eq!(heading(0, "x"), "# x\n", "level 0 still makes a heading");
        assert_eq!(heading(9, "x"), "###### x\n", "markdown has six levels");
        assert_eq!(heading(2, "a\nb"), "## a b\n", "a heading is one line");
    }
}
