//! The HTML renderer must never let script from a report reach the web
//! view, and must highlight Rust with CSS classes.

use memaudit_render::html::{highlight_css, markdown_to_html};
use memaudit_render::markdown::session_md;

use crate::fixture;

/// The real tags in `html`: every `<` that is not escaped starts one, so
/// text that merely mentions `<script>` (escaped as `&lt;script&gt;`) is
/// not a tag. Returns (lower-case tag name, lower-case tag source).
fn tags(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let after = &rest[start + 1..];
        let end = after.find('>').unwrap_or(after.len());
        let source = after[..end].to_ascii_lowercase();
        let name: String = source
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        out.push((name, source));
        rest = &after[end..];
    }
    out
}

/// Fails when `html` holds anything a browser would execute: script-like
/// elements, event-handler attributes, or links and sources with a
/// scheme other than http(s)/mailto.
fn assert_inert(html: &str) {
    for (name, source) in tags(html) {
        assert!(
            !matches!(
                name.as_str(),
                "script" | "iframe" | "object" | "embed" | "style" | "svg" | "math" | "form"
            ),
            "element <{name}> in:\n{html}"
        );
        for attr in source.split_whitespace().skip(1) {
            let key = attr.split('=').next().unwrap_or("");
            assert!(!key.starts_with("on"), "handler {attr:?} in:\n{html}");
            assert!(key != "style", "inline style {attr:?} in:\n{html}");
            if key == "href" || key == "src" {
                let value = attr[key.len()..].trim_start_matches(['=', '"', '\'']);
                let scheme_ok = value.is_empty()
                    || value.starts_with("http://")
                    || value.starts_with("https://")
                    || value.starts_with("mailto:")
                    || !value
                        .split(['/', '?', '#'])
                        .next()
                        .unwrap_or("")
                        .contains(':');
                assert!(scheme_ok, "dangerous URL {attr:?} in:\n{html}");
            }
        }
    }
}

#[test]
fn raw_html_and_dangerous_links_are_neutralised() {
    let check = |md: &str, expected: &str| {
        let html = markdown_to_html(md);
        assert_inert(&html);
        assert!(html.contains(expected), "expected {expected:?} in:\n{html}");
    };
    check(
        "<script>alert(1)</script>",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
    );
    check(
        "<img src=x onerror=alert(1)>",
        "&lt;img src=x onerror=alert(1)&gt;",
    );
    check(
        "text <img src=x onerror=alert(1)> text",
        "text &lt;img src=x onerror=alert(1)&gt; text",
    );
    check("[x](javascript:alert(1))", "<a href=\"\">x</a>");
    check("[x](JAVASCRIPT:alert(1))", "<a href=\"\">x</a>");
    check("[x](java&#x09;script:alert(1))", "<a href=\"\">x</a>");
    check(
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "<a href=\"\">x</a>",
    );
    check("[x](vbscript:msgbox)", "<a href=\"\">x</a>");
    check(
        "![x](data:image/svg+xml;base64,AAAA)",
        "<img src=\"\" alt=\"x\" />",
    );
    check(
        "<javascript:alert(1)>",
        "<a href=\"\">javascript:alert(1)</a>",
    );
    check(
        "[ok](https://example.com/a)",
        "<a href=\"https://example.com/a\">ok</a>",
    );
    check(
        "[rel](crates/a/src/lib.rs)",
        "<a href=\"crates/a/src/lib.rs\">rel</a>",
    );
    check("[x][r]\n\n[r]: javascript:alert(1)", "<a href=\"\">x</a>");
    check(
        "```rust\nlet s = \"</code></pre><script>alert(1)</script>\";\n```",
        "&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;",
    );
    check(
        "```notalanguage\n<script>alert(1)</script>\n```",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
    );
    check(
        "```\" onmouseover=\"alert(1)\n<b>x</b>\n```",
        "&lt;b&gt;x&lt;/b&gt;",
    );
}

#[test]
fn hostile_findings_render_inert() {
    // The fixture's findings carry <script>, <img onerror> and a
    // javascript: link in their code and issue text.
    let md = session_md(&fixture::export());
    assert!(
        md.contains("<script>alert(1)</script>"),
        "the fixture is hostile"
    );
    assert!(
        md.contains("[click](javascript:alert(1))"),
        "the fixture is hostile"
    );
    let html = markdown_to_html(&md);
    assert_inert(&html);
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "shown as text"
    );
    assert!(
        html.contains("<a href=\"\">click</a>"),
        "the link is emptied"
    );
}

#[test]
fn rust_code_is_highlighted_with_classes() {
    let html = markdown_to_html("```rust\nfn main() { let x = vec![1]; }\n```\n");
    assert!(
        html.contains("<pre class=\"hl-code\">"),
        "pre gets the theme class:\n{html}"
    );
    assert!(html.contains("<code class=\"language-rust\">"), "{html}");
    assert!(
        html.contains("<span class=\"hl-source hl-rust\">"),
        "{html}"
    );
    assert!(
        html.contains("hl-storage hl-type hl-function hl-rust"),
        "{html}"
    );
    assert!(
        !html.contains("style="),
        "classes, not inline styles:\n{html}"
    );
    assert_inert(&html);
}

#[test]
fn gfm_extensions_are_on() {
    let html =
        markdown_to_html("| a | b |\n|---|---|\n| c | d |\n\n~~gone~~\n\n- [x] done\n- [ ] open\n");
    assert!(html.contains("<table>"), "tables:\n{html}");
    assert!(html.contains("<del>gone</del>"), "strikethrough:\n{html}");
    assert!(html.contains("type=\"checkbox\""), "task lists:\n{html}");
}

#[test]
fn both_themes_have_css_for_the_classes() {
    for dark in [false, true] {
        let css = highlight_css(dark);
        assert!(css.contains(".hl-code"), "code background (dark={dark})");
        assert!(
            css.contains(".hl-keyword"),
            "keywords are styled (dark={dark})"
        );
    }
    assert_ne!(
        highlight_css(false),
        highlight_css(true),
        "the themes differ"
    );
}
