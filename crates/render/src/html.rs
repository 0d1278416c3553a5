//! Markdown to HTML for the desktop report view, safe for a web view.
//!
//! Reports quote code and text from the audited workspace and from LLMs, so
//! every input is treated as hostile: raw HTML is escaped (shown as text,
//! never rendered), link and image URLs are kept only for `http`, `https`,
//! `mailto` and relative targets (so `javascript:`, `data:`, `vbscript:`,
//! `file:` and friends become empty links), and code is escaped by the
//! highlighter. Code blocks are highlighted with syntect through comrak's
//! plugin interface using CSS classes prefixed `hl-` (never inline styles),
//! so the UI's light and dark stylesheets from [`highlight_css`] apply.
//!
//! This module must not allow any switch that turns raw HTML back on, and
//! it does no I/O.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use comrak::adapters::SyntaxHighlighterAdapter;
use comrak::nodes::NodeValue;
use comrak::options::Plugins;
use comrak::{format_html_with_plugins, parse_document, Arena, Options};
use syntect::highlighting::ThemeSet;
use syntect::html::{css_for_theme_with_class_style, ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::{SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

/// Prefix of every highlighting class, so syntect's generic class names
/// (`source`, `keyword`, …) cannot collide with the UI's own.
pub const CLASS_PREFIX: &str = "hl-";
const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed {
    prefix: CLASS_PREFIX,
};

/// Light and dark syntect themes behind [`highlight_css`].
const LIGHT_THEME: &str = "InspiredGitHub";
const DARK_THEME: &str = "base16-ocean.dark";

fn options() -> Options<'static> {
    let mut options = Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.tasklist = true;
    options.extension.autolink = true;
    // Raw HTML is escaped and shown as text: a report must never run markup
    // that came from the audited code. `unsafe` stays off.
    options.render.escape = true;
    options.render.r#unsafe = false;
    // The spec's documents put bold labels on consecutive lines
    // (`**Category:** …` then `**Location:** …`); show them as lines.
    options.render.hardbreaks = true;
    options
}

/// Whether a link or image target may stay. Browsers ignore ASCII
/// whitespace and control characters inside a scheme (`java\tscript:`), so
/// they are dropped before looking at it; anything with a scheme other than
/// the allowed ones is refused.
fn safe_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect();
    match cleaned.find([':', '/', '?', '#']) {
        Some(i) if cleaned.as_bytes()[i] == b':' => {
            let scheme = cleaned[..i].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto")
        }
        // No scheme: a relative link or a fragment.
        _ => true,
    }
}

fn syntaxes() -> &'static SyntaxSet {
    static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();
    SYNTAXES.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// Writes `s` with `&`, `<`, `>`, `"` and `'` escaped.
fn escape_into(out: &mut dyn fmt::Write, s: &str) -> fmt::Result {
    for c in s.chars() {
        match c {
            '&' => out.write_str("&amp;")?,
            '<' => out.write_str("&lt;")?,
            '>' => out.write_str("&gt;")?,
            '"' => out.write_str("&quot;")?,
            '\'' => out.write_str("&#39;")?,
            c => out.write_char(c)?,
        }
    }
    Ok(())
}

/// Highlights code blocks with CSS classes. Unlike comrak's own syntect
/// adapter, it falls back to *escaped* text when highlighting fails, so a
/// pathological snippet can never reach the page as markup.
struct ClassHighlighter;

fn highlight(code: &str, syntax: &SyntaxReference) -> Result<String, syntect::Error> {
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes(), CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        generator.parse_html_for_line_which_includes_newline(line)?;
    }
    Ok(generator.finalize())
}

impl SyntaxHighlighterAdapter for ClassHighlighter {
    fn write_highlighted(
        &self,
        output: &mut dyn fmt::Write,
        lang: Option<&str>,
        code: &str,
    ) -> fmt::Result {
        let token = lang
            .and_then(|l| l.split([',', ' ']).next())
            .filter(|l| !l.is_empty());
        let syntax = token.and_then(|t| syntaxes().find_syntax_by_token(t));
        match syntax.map(|s| highlight(code, s)) {
            Some(Ok(html)) => output.write_str(&html),
            Some(Err(_)) | None => escape_into(output, code),
        }
    }

    fn write_pre_tag(
        &self,
        output: &mut dyn fmt::Write,
        attributes: HashMap<&'static str, Cow<'_, str>>,
    ) -> fmt::Result {
        let mut attributes: Vec<(&str, Cow<'_, str>)> = attributes.into_iter().collect();
        attributes.push(("class", Cow::Borrowed("hl-code")));
        attributes.sort();
        comrak::html::write_opening_tag(output, "pre", attributes)
    }

    fn write_code_tag(
        &self,
        output: &mut dyn fmt::Write,
        attributes: HashMap<&'static str, Cow<'_, str>>,
    ) -> fmt::Result {
        let mut attributes: Vec<_> = attributes.into_iter().collect();
        attributes.sort();
        comrak::html::write_opening_tag(output, "code", attributes)
    }
}

/// Renders markdown to HTML that is safe to put in the web view: raw HTML
/// escaped, dangerous URLs emptied, code highlighted with `hl-` classes,
/// GFM tables, strikethrough and task lists on.
pub fn markdown_to_html(markdown: &str) -> String {
    let options = options();
    let arena = Arena::new();
    let root = parse_document(&arena, markdown, &options);
    for node in root.descendants() {
        let mut data = node.data.borrow_mut();
        if let NodeValue::Link(link) | NodeValue::Image(link) = &mut data.value {
            if !safe_url(&link.url) {
                link.url.clear();
            }
        }
    }
    let highlighter = ClassHighlighter;
    let mut plugins = Plugins::default();
    plugins.render.codefence_syntax_highlighter = Some(&highlighter);
    let mut html = String::with_capacity(markdown.len() * 2);
    match format_html_with_plugins(root, &options, &mut html, &plugins) {
        Ok(()) => html,
        Err(_) => {
            // Writing into a String does not fail; should a plugin ever
            // report an error, show the source as escaped text rather than
            // half a document.
            let mut fallback = String::from("<pre>");
            let _ = escape_into(&mut fallback, markdown);
            fallback.push_str("</pre>\n");
            fallback
        }
    }
}

/// The stylesheet for highlighted code (`hl-` classes) in the light or dark
/// theme. The UI includes the one matching its theme.
pub fn highlight_css(dark: bool) -> String {
    let themes = ThemeSet::load_defaults();
    let name = if dark { DARK_THEME } else { LIGHT_THEME };
    match themes.themes.get(name) {
        // Both themes ship inside syntect's default set, and CSS generation
        // only fails on a broken theme; an empty sheet leaves code unstyled
        // but readable.
        Some(theme) => css_for_theme_with_class_style(theme, CLASS_STYLE).unwrap_or_default(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_safe_schemes_survive() {
        let check = |url: &str, expected: bool| {
            assert_eq!(safe_url(url), expected, "url: {url:?}");
        };
        check("https://example.com/x", true);
        check("http://example.com", true);
        check("mailto:lead@example.com", true);
        check("crates/a/src/lib.rs", true);
        check("#finding-f-001", true);
        check("../x.md", true);
        check("javascript:alert(1)", false);
        check("JaVaScRiPt:alert(1)", false);
        check("java\tscript:alert(1)", false);
        check(" javascript:alert(1)", false);
        check("data:text/html,<script>alert(1)</script>", false);
        check("data:image/png;base64,AAAA", false);
        check("vbscript:msgbox", false);
        check("file:///etc/passwd", false);
    }
}
