//! The last line of defence for "no API key ever in a tool result": every
//! text the server sends (results, errors, progress messages, resources)
//! passes through [`Redactor`], which replaces the keys the process can see
//! in its environment and anything shaped like a provider key (`sk-…`).
//!
//! The first line is structural — no tool returns settings or keys, and keys
//! live in a `Secret` that never prints — so this module must stay a filter:
//! it never decides what a tool returns.

use std::borrow::Cow;

use memaudit_providers::ProviderKind;
use rmcp::model::{CallToolResult, ContentBlock};
use serde_json::Value;

/// What a redacted key reads as.
pub const REDACTED: &str = "[redacted]";

/// Shortest run after `sk-` that is treated as a key: real keys are far
/// longer, identifiers like `sk-1` are not keys.
const MIN_KEY_TAIL: usize = 20;

#[derive(Debug, Clone, Default)]
pub struct Redactor {
    secrets: Vec<String>,
}

impl Redactor {
    /// The provider keys set in this process's environment.
    pub fn from_env() -> Redactor {
        let secrets = [ProviderKind::Anthropic, ProviderKind::OpenAi]
            .into_iter()
            .filter_map(|p| std::env::var(p.key_env_var()).ok())
            .map(|k| k.trim().to_owned())
            // A key of a few characters would redact ordinary words.
            .filter(|k| k.len() >= 8)
            .collect();
        Redactor { secrets }
    }

    /// `text` without keys.
    pub fn text<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let mut out = Cow::Borrowed(text);
        for s in &self.secrets {
            if out.contains(s.as_str()) {
                out = Cow::Owned(out.replace(s.as_str(), REDACTED));
            }
        }
        match scrub_key_shapes(&out) {
            Some(scrubbed) => Cow::Owned(scrubbed),
            None => out,
        }
    }

    /// Redacts every string inside a JSON value.
    pub fn value(&self, value: &mut Value) {
        match value {
            Value::String(s) => {
                if let Cow::Owned(r) = self.text(s) {
                    *s = r;
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|v| self.value(v)),
            Value::Object(map) => map.values_mut().for_each(|v| self.value(v)),
            _ => {}
        }
    }

    /// Redacts a tool result's text blocks and structured content.
    pub fn result(&self, result: &mut CallToolResult) {
        for block in &mut result.content {
            if let ContentBlock::Text(t) = block {
                if let Cow::Owned(r) = self.text(&t.text) {
                    t.text = r;
                }
            }
        }
        if let Some(v) = &mut result.structured_content {
            self.value(v);
        }
    }
}

/// Replaces `sk-` followed by a long run of key characters, at a word
/// boundary; `None` when there is nothing to replace.
fn scrub_key_shapes(text: &str) -> Option<String> {
    let is_key_char = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while let Some(found) = text[i..].find("sk-") {
        let start = i + found;
        let boundary = start == 0 || !is_key_char(bytes[start - 1]);
        let mut end = start + 3;
        while end < bytes.len() && is_key_char(bytes[end]) {
            end += 1;
        }
        if boundary && end - start - 3 >= MIN_KEY_TAIL {
            let o = out.get_or_insert_with(|| String::with_capacity(text.len()));
            o.push_str(&text[copied..start]);
            o.push_str(REDACTED);
            copied = end;
        }
        i = end.max(start + 3);
    }
    out.map(|mut o| {
        o.push_str(&text[copied..]);
        o
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(secrets: &[&str], input: &str, expected: &str) {
        let r = Redactor {
            secrets: secrets.iter().map(|s| s.to_string()).collect(),
        };
        assert_eq!(r.text(input), expected, "redacting {input:?}");
    }

    #[test]
    fn known_keys_and_key_shapes_are_replaced() {
        check(
            &["hunter2-secret"],
            "key=hunter2-secret;",
            "key=[redacted];",
        );
        check(
            &[],
            "Authorization: Bearer sk-ant-api03-AbCdEfGhIjKlMnOpQrStUv rejected",
            "Authorization: Bearer [redacted] rejected",
        );
        check(
            &[],
            "x-api-key:sk-proj-0123456789abcdefghijkl",
            "x-api-key:[redacted]",
        );
    }

    #[test]
    fn ordinary_text_is_left_alone() {
        check(
            &[],
            "let task-sk-1 = ask-me; sk-short",
            "let task-sk-1 = ask-me; sk-short",
        );
        check(
            &[],
            "a task-abcdefghijklmnopqrstuvwxyz name",
            "a task-abcdefghijklmnopqrstuvwxyz name",
        );
        check(&["unused-key-123"], "nothing here", "nothing here");
    }

    #[test]
    fn json_strings_are_redacted_everywhere() {
        let r = Redactor {
            secrets: vec!["s3cret-value".into()],
        };
        let mut v = serde_json::json!({"a": ["s3cret-value", 1], "b": {"c": "x s3cret-value"}});
        r.value(&mut v);
        assert_eq!(
            v,
            serde_json::json!({"a": ["[redacted]", 1], "b": {"c": "x [redacted]"}})
        );
    }
}
