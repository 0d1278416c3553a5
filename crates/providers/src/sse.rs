//! Server-sent events for streamed answers: a byte-level event splitter and
//! one accumulator per wire format that rebuilds the answer, the token usage
//! and an output-token count as it grows.
//!
//! Only a stream that reached its end marker (Anthropic `message_stop`,
//! OpenAI `data: [DONE]`) is an answer; anything shorter is [`Cut`], which
//! the client retries like a body cut off mid-way. An OpenAI stream without
//! usage (a server that refused `stream_options`) counts its output tokens
//! by the same estimate as the progress figure. This module must NOT do
//! I/O; the client feeds it the bytes it reads.
//!
//! [`Cut`]: StreamFault::Cut

use serde_json::Value;

/// One event: its `event:` name (if any) and its `data:` lines joined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Event {
    pub name: Option<String>,
    pub data: String,
}

/// Splits a byte stream into events at blank lines; chunks may end anywhere,
/// even inside a UTF-8 character.
#[derive(Debug, Default)]
pub(crate) struct Splitter {
    buf: Vec<u8>,
}

impl Splitter {
    pub fn push(&mut self, bytes: &[u8]) -> Vec<Event> {
        self.buf.extend_from_slice(bytes);
        let mut out = Vec::new();
        while let Some((end, skip)) = blank_line(&self.buf) {
            let raw: Vec<u8> = self.buf.drain(..end + skip).take(end).collect();
            if let Some(e) = parse_event(&String::from_utf8_lossy(&raw)) {
                out.push(e);
            }
        }
        out
    }
}

/// Where the first event ends: (its length, the separator's length).
fn blank_line(buf: &[u8]) -> Option<(usize, usize)> {
    let lf = buf.windows(2).position(|w| w == b"\n\n").map(|i| (i, 2));
    let crlf = buf
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| (i, 4));
    match (lf, crlf) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
        (a, b) => a.or(b),
    }
}

fn parse_event(text: &str) -> Option<Event> {
    let mut name = None;
    let mut data: Vec<&str> = Vec::new();
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() || line.starts_with(':') {
            continue;
        }
        let (field, value) = line.split_once(':').unwrap_or((line, ""));
        let value = value.strip_prefix(' ').unwrap_or(value);
        match field {
            "event" => name = Some(value.to_owned()),
            "data" => data.push(value),
            _ => {}
        }
    }
    (name.is_some() || !data.is_empty()).then(|| Event {
        name,
        data: data.join("\n"),
    })
}

/// Why a stream did not give an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum StreamFault {
    /// It ended before its end marker.
    Cut(String),
    /// The server sent an error event (e.g. Anthropic `overloaded_error`).
    Server(String),
}

/// What a finished stream gave: the answer (`Ok(Value)` for a tool's input,
/// `Err(text)` for message text), tokens in and out.
pub(crate) type Finished = (Result<Value, String>, u64, u64);

/// Rough output tokens of `chars` characters of answer, for progress only.
fn estimate(chars: usize) -> u64 {
    chars.div_ceil(4) as u64
}

/// An Anthropic Messages stream.
#[derive(Debug, Default)]
pub(crate) struct AnthropicStream {
    tokens_in: u64,
    tokens_out: u64,
    tool: Option<String>,
    text: String,
    chars: usize,
    done: bool,
}

impl AnthropicStream {
    /// Feeds one event; returns the output tokens so far when it changed.
    pub fn event(&mut self, e: &Event) -> Result<Option<u64>, StreamFault> {
        let Ok(v) = serde_json::from_str::<Value>(&e.data) else {
            return Ok(None);
        };
        let kind = v
            .get("type")
            .and_then(Value::as_str)
            .or(e.name.as_deref())
            .unwrap_or("");
        let u64_at = |v: &Value, p: &str| v.pointer(p).and_then(Value::as_u64);
        match kind {
            "message_start" => {
                self.tokens_in = u64_at(&v, "/message/usage/input_tokens").unwrap_or(0);
                self.tokens_out = u64_at(&v, "/message/usage/output_tokens").unwrap_or(0);
            }
            "content_block_start"
                if v.pointer("/content_block/type").and_then(Value::as_str) == Some("tool_use") =>
            {
                self.tool.get_or_insert_with(String::new);
            }
            "content_block_delta" => {
                let delta = v.get("delta").cloned().unwrap_or(Value::Null);
                let piece = match delta.get("type").and_then(Value::as_str) {
                    Some("input_json_delta") => delta.get("partial_json"),
                    Some("text_delta") => delta.get("text"),
                    _ => None,
                };
                if let Some(piece) = piece.and_then(Value::as_str) {
                    self.chars += piece.chars().count();
                    match (&mut self.tool, delta.get("type").and_then(Value::as_str)) {
                        (Some(json), Some("input_json_delta")) => json.push_str(piece),
                        _ => self.text.push_str(piece),
                    }
                    return Ok(Some(self.tokens_out.max(estimate(self.chars))));
                }
            }
            "message_delta" => {
                if let Some(n) = u64_at(&v, "/usage/output_tokens") {
                    self.tokens_out = n;
                    return Ok(Some(n));
                }
            }
            "message_stop" => self.done = true,
            "error" => {
                let message = v
                    .pointer("/error/message")
                    .and_then(Value::as_str)
                    .unwrap_or("error event in the stream");
                return Err(StreamFault::Server(message.to_owned()));
            }
            _ => {}
        }
        Ok(None)
    }

    pub fn finish(self) -> Result<Finished, StreamFault> {
        if !self.done {
            return Err(StreamFault::Cut(format!(
                "the stream ended before `message_stop` ({} characters of answer)",
                self.chars
            )));
        }
        let answer = match self.tool {
            // A forced tool with no input deltas has the empty input `{}`.
            Some(json) if json.trim().is_empty() => Ok(Value::Object(Default::default())),
            // Unparsable tool input goes to the caller as text, so the
            // repair request names the JSON error.
            Some(json) => serde_json::from_str(&json).map_err(|_| json),
            None => Err(self.text),
        };
        Ok((answer, self.tokens_in, self.tokens_out))
    }
}

/// An OpenAI-compatible chat-completions stream.
#[derive(Debug, Default)]
pub(crate) struct OpenAiStream {
    content: String,
    refusal: String,
    tokens_in: u64,
    tokens_out: u64,
    chars: usize,
    done: bool,
    usage_seen: bool,
}

impl OpenAiStream {
    /// Whether the stream carried usage (it does only when the request had
    /// `stream_options.include_usage`). Without it `finish` gives the
    /// estimated output tokens and no input tokens.
    pub fn usage_seen(&self) -> bool {
        self.usage_seen
    }

    pub fn event(&mut self, e: &Event) -> Result<Option<u64>, StreamFault> {
        if e.data.trim() == "[DONE]" {
            self.done = true;
            return Ok(None);
        }
        let Ok(v) = serde_json::from_str::<Value>(&e.data) else {
            return Ok(None);
        };
        if let Some(err) = v.get("error").filter(|e| !e.is_null()) {
            let message = err
                .get("message")
                .and_then(Value::as_str)
                .or(err.as_str())
                .unwrap_or("error event in the stream");
            return Err(StreamFault::Server(message.to_owned()));
        }
        if let Some(usage) = v.get("usage").filter(|u| u.is_object()) {
            self.usage_seen = true;
            self.tokens_in = usage
                .get("prompt_tokens")
                .and_then(Value::as_u64)
                .unwrap_or(0);
            self.tokens_out = usage
                .get("completion_tokens")
                .and_then(Value::as_u64)
                .unwrap_or(0);
            return Ok(Some(self.tokens_out));
        }
        let delta = v.pointer("/choices/0/delta");
        let content = delta.and_then(|d| d.get("content")).and_then(Value::as_str);
        let refusal = delta.and_then(|d| d.get("refusal")).and_then(Value::as_str);
        let mut grew = false;
        if let Some(c) = content {
            self.chars += c.chars().count();
            self.content.push_str(c);
            grew = true;
        }
        if let Some(r) = refusal {
            self.refusal.push_str(r);
        }
        Ok(grew.then(|| estimate(self.chars)))
    }

    pub fn finish(self) -> Result<Finished, StreamFault> {
        if !self.done {
            return Err(StreamFault::Cut(format!(
                "the stream ended before `[DONE]` ({} characters of answer)",
                self.chars
            )));
        }
        let text = if self.content.is_empty() && !self.refusal.is_empty() {
            format!("(refused) {}", self.refusal)
        } else {
            self.content
        };
        let tokens_out = if self.usage_seen {
            self.tokens_out
        } else {
            estimate(self.chars)
        };
        Ok((Err(text), self.tokens_in, tokens_out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(chunks: &[&[u8]]) -> Vec<Event> {
        let mut s = Splitter::default();
        chunks.iter().flat_map(|c| s.push(c)).collect()
    }

    #[test]
    fn events_are_split_at_blank_lines_across_chunks() {
        let all = events(&[
            b"event: a\ndata: {\"x\":",
            b"1}\n\n: comment\n\ndata: line1\r\ndata: line2\r\n\r\nda",
            &"ta: caf\u{e9}".as_bytes()[..8], // ends inside the é
            &"ta: caf\u{e9}".as_bytes()[8..],
            b"\n\n",
        ]);
        assert_eq!(
            all,
            vec![
                Event {
                    name: Some("a".into()),
                    data: "{\"x\":1}".into()
                },
                Event {
                    name: None,
                    data: "line1\nline2".into()
                },
                Event {
                    name: None,
                    data: "caf\u{e9}".into()
                },
            ]
        );
    }

    #[test]
    fn an_anthropic_stream_rebuilds_the_tool_input_and_usage() {
        let data = [
            r#"{"type":"message_start","message":{"usage":{"input_tokens":120,"output_tokens":1}}}"#,
            r#"{"type":"content_block_start","index":0,"content_block":{"type":"tool_use","name":"t","input":{}}}"#,
            r#"{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\"items\": [{\"n\""}}"#,
            r#"{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":": 3}]}"}}"#,
            r#"{"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":9}}"#,
        ];
        let mut s = AnthropicStream::default();
        let mut seen = Vec::new();
        for d in data {
            let e = Event {
                name: None,
                data: d.into(),
            };
            seen.extend(s.event(&e).unwrap());
        }
        assert_eq!(seen, vec![4, 6, 9], "estimates, then the real count");
        let mut cut = AnthropicStream::default();
        cut.event(&Event {
            name: None,
            data: data[2].into(),
        })
        .unwrap();
        assert!(matches!(cut.finish(), Err(StreamFault::Cut(_))));
        s.event(&Event {
            name: Some("message_stop".into()),
            data: "{\"type\":\"message_stop\"}".into(),
        })
        .unwrap();
        let (answer, tin, tout) = s.finish().unwrap();
        assert_eq!(answer, Ok(serde_json::json!({"items": [{"n": 3}]})));
        assert_eq!((tin, tout), (120, 9));
    }

    #[test]
    fn an_openai_stream_needs_done_and_reports_errors() {
        let mut s = OpenAiStream::default();
        let ev = |d: &str| Event {
            name: None,
            data: d.into(),
        };
        assert_eq!(
            s.event(&ev(r#"{"choices":[{"delta":{"content":"{\"a\":"}}]}"#)),
            Ok(Some(2))
        );
        s.event(&ev(
            r#"{"choices":[{"delta":{"content":"1}"},"finish_reason":"stop"}]}"#,
        ))
        .unwrap();
        assert_eq!(
            s.event(&ev(
                r#"{"choices":[],"usage":{"prompt_tokens":7,"completion_tokens":3}}"#
            )),
            Ok(Some(3))
        );
        s.event(&ev("[DONE]")).unwrap();
        assert_eq!(s.finish(), Ok((Err("{\"a\":1}".to_owned()), 7, 3)));
        let mut e = OpenAiStream::default();
        assert_eq!(
            e.event(&ev(r#"{"error":{"message":"model overloaded"}}"#)),
            Err(StreamFault::Server("model overloaded".into()))
        );
        assert!(matches!(
            OpenAiStream::default().finish(),
            Err(StreamFault::Cut(_))
        ));
    }
}
