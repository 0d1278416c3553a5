//! Shared test harness (also used by `examples/bench_providers.rs`): real HTTP servers on 127.0.0.1 (wiremock, plus a raw
//! TCP one for what wiremock cannot do: cut a body short, count requests in
//! flight) and providers configured to fail fast.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use memaudit_providers::{PriceTable, Provider, ProviderConfig, ProviderKind, Secret};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use wiremock::ResponseTemplate;

pub const KEY: &str = "sk-test-0123456789abcdef";

pub fn config(kind: ProviderKind, base: &str) -> ProviderConfig {
    ProviderConfig {
        base_url: base.to_owned(),
        model: "test-model".to_owned(),
        timeout: Duration::from_secs(5),
        max_concurrency: 4,
        max_attempts: 3,
        backoff_base: Duration::from_millis(5),
        max_wait: Duration::from_secs(2),
        ..ProviderConfig::new(kind)
    }
}

pub fn provider_with(cfg: ProviderConfig) -> Provider {
    Provider::new(cfg, Some(Secret::new(KEY)), &PriceTable::default()).unwrap()
}

pub fn provider(kind: ProviderKind, base: &str) -> Provider {
    provider_with(config(kind, base))
}

/// The path each wire format posts to.
pub fn path(kind: ProviderKind) -> &'static str {
    match kind {
        ProviderKind::Anthropic => "/v1/messages",
        ProviderKind::OpenAi => "/chat/completions",
    }
}

/// A successful answer carrying `value`, in the provider's envelope.
pub fn answer_body(kind: ProviderKind, value: &Value, tokens_in: u64, tokens_out: u64) -> Value {
    match kind {
        ProviderKind::Anthropic => json!({
            "id": "msg_1", "type": "message", "role": "assistant",
            "content": [{"type": "tool_use", "id": "tu_1", "name": "answer", "input": value}],
            "stop_reason": "tool_use",
            "usage": {"input_tokens": tokens_in, "output_tokens": tokens_out}
        }),
        ProviderKind::OpenAi => json!({
            "id": "chatcmpl-1", "object": "chat.completion",
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": value.to_string()}}],
            "usage": {"prompt_tokens": tokens_in, "completion_tokens": tokens_out}
        }),
    }
}

/// A streamed answer carrying `value` in the provider's server-sent events,
/// the answer split into `pieces` deltas. Without `complete` the stream stops
/// before its end marker (after the last delta).
pub fn sse_body(
    kind: ProviderKind,
    value: &Value,
    pieces: usize,
    tokens: (u64, u64),
    complete: bool,
) -> String {
    let text = value.to_string();
    let chars: Vec<char> = text.chars().collect();
    let size = chars.len().div_ceil(pieces.max(1)).max(1);
    let parts: Vec<String> = chars.chunks(size).map(|c| c.iter().collect()).collect();
    let mut out = String::new();
    let mut event = |name: Option<&str>, data: Value| {
        if let Some(n) = name {
            out.push_str(&format!("event: {n}\n"));
        }
        // `[DONE]` is OpenAI's end marker, the one data line that is not JSON.
        match data.as_str() {
            Some(marker) => out.push_str(&format!("data: {marker}\n\n")),
            None => out.push_str(&format!("data: {data}\n\n")),
        }
    };
    match kind {
        ProviderKind::Anthropic => {
            event(
                Some("message_start"),
                json!({"type": "message_start", "message": {
                "id": "msg_1", "type": "message", "role": "assistant", "content": [],
                "usage": {"input_tokens": tokens.0, "output_tokens": 1}}}),
            );
            event(
                Some("content_block_start"),
                json!({"type": "content_block_start", "index": 0,
                "content_block": {"type": "tool_use", "id": "tu_1", "name": "answer", "input": {}}}),
            );
            event(Some("ping"), json!({"type": "ping"}));
            for p in &parts {
                event(
                    Some("content_block_delta"),
                    json!({"type": "content_block_delta", "index": 0,
                    "delta": {"type": "input_json_delta", "partial_json": p}}),
                );
            }
            if complete {
                event(
                    Some("content_block_stop"),
                    json!({"type": "content_block_stop", "index": 0}),
                );
                event(
                    Some("message_delta"),
                    json!({"type": "message_delta",
                    "delta": {"stop_reason": "tool_use"}, "usage": {"output_tokens": tokens.1}}),
                );
                event(Some("message_stop"), json!({"type": "message_stop"}));
            }
        }
        ProviderKind::OpenAi => {
            event(
                None,
                json!({"choices": [{"index": 0, "delta": {"role": "assistant", "content": ""}}]}),
            );
            for p in &parts {
                event(
                    None,
                    json!({"choices": [{"index": 0, "delta": {"content": p}}]}),
                );
            }
            if complete {
                event(
                    None,
                    json!({"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}),
                );
                event(
                    None,
                    json!({"choices": [], "usage": {"prompt_tokens": tokens.0,
                    "completion_tokens": tokens.1}}),
                );
                event(None, json!("[DONE]"));
            }
        }
    }
    out
}

/// A successful envelope whose answer text is `text` (not necessarily JSON).
pub fn text_body(kind: ProviderKind, text: &str) -> Value {
    match kind {
        ProviderKind::Anthropic => json!({
            "content": [{"type": "text", "text": text}],
            "usage": {"input_tokens": 10, "output_tokens": 5}
        }),
        ProviderKind::OpenAi => json!({
            "choices": [{"message": {"role": "assistant", "content": text}}],
            "usage": {"prompt_tokens": 10, "completion_tokens": 5}
        }),
    }
}

pub fn ok(kind: ProviderKind, value: &Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(answer_body(kind, value, 100, 20))
}

/// A simple schema for client-level tests: `{"items": [{"n": int}]}`.
pub fn items_schema() -> Value {
    json!({
        "type": "object", "additionalProperties": false, "required": ["items"],
        "properties": {"items": {"type": "array", "items": {
            "type": "object", "additionalProperties": false, "required": ["n"],
            "properties": {"n": {"type": "integer"}}
        }}}
    })
}

pub fn request() -> memaudit_providers::StructuredRequest {
    memaudit_providers::StructuredRequest {
        system: "You answer tests.".to_owned(),
        user: "Give items.".to_owned(),
        schema: items_schema(),
        name: "answer".to_owned(),
    }
}

/// How the raw server answers one request.
#[derive(Clone)]
#[allow(dead_code)] // The bench uses only some of it.
pub enum RawReply {
    /// Status and body, after `delay`.
    Full {
        status: u16,
        body: String,
        delay: Duration,
    },
    /// Announces `declared` bytes, sends `partial`, closes the connection.
    CutOff { declared: usize, partial: String },
    /// A complete `text/event-stream` answer with `body`.
    Sse { body: String },
    /// Starts a chunked `text/event-stream` answer, sends `partial` as one
    /// chunk and closes the connection without the last chunk: a stream cut
    /// off mid-way.
    SseCutOff { partial: String },
}

/// A minimal HTTP/1.1 server on 127.0.0.1 that counts requests and the
/// largest number in flight at once. One request per connection.
pub struct RawServer {
    pub url: String,
    pub requests: Arc<AtomicUsize>,
    pub max_in_flight: Arc<AtomicUsize>,
}

impl RawServer {
    /// `reply(n, body)` decides the answer to the n-th request (0-based).
    pub async fn start(
        reply: impl Fn(usize, &[u8]) -> RawReply + Send + Sync + 'static,
    ) -> RawServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(AtomicUsize::new(0));
        let max_in_flight = Arc::new(AtomicUsize::new(0));
        let in_flight = Arc::new(AtomicUsize::new(0));
        let reply = Arc::new(reply);
        let (req_c, max_c) = (requests.clone(), max_in_flight.clone());
        tokio::spawn(async move {
            loop {
                let Ok((mut sock, _)) = listener.accept().await else {
                    return;
                };
                let (reply, requests, max_in_flight, in_flight) = (
                    reply.clone(),
                    req_c.clone(),
                    max_c.clone(),
                    in_flight.clone(),
                );
                tokio::spawn(async move {
                    let Some(request) = read_request(&mut sock).await else {
                        return;
                    };
                    let n = requests.fetch_add(1, Ordering::SeqCst);
                    let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                    max_in_flight.fetch_max(now, Ordering::SeqCst);
                    let body_at = find(&request, b"\r\n\r\n").map_or(request.len(), |i| i + 4);
                    let r = reply(n, &request[body_at..]);
                    match r {
                        RawReply::Full {
                            status,
                            body,
                            delay,
                        } => {
                            tokio::time::sleep(delay).await;
                            // Leave the in-flight count before the client can
                            // see the answer and send its next request.
                            in_flight.fetch_sub(1, Ordering::SeqCst);
                            let head = format!(
                                "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                                body.len()
                            );
                            let _ = sock.write_all(head.as_bytes()).await;
                            let _ = sock.write_all(body.as_bytes()).await;
                        }
                        RawReply::CutOff { declared, partial } => {
                            in_flight.fetch_sub(1, Ordering::SeqCst);
                            let head = format!(
                                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {declared}\r\nconnection: close\r\n\r\n"
                            );
                            let _ = sock.write_all(head.as_bytes()).await;
                            let _ = sock.write_all(partial.as_bytes()).await;
                            let _ = sock.flush().await;
                        }
                        RawReply::Sse { body } => {
                            in_flight.fetch_sub(1, Ordering::SeqCst);
                            let head = format!(
                                "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                                body.len()
                            );
                            let _ = sock.write_all(head.as_bytes()).await;
                            let _ = sock.write_all(body.as_bytes()).await;
                        }
                        RawReply::SseCutOff { partial } => {
                            in_flight.fetch_sub(1, Ordering::SeqCst);
                            let head = "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n";
                            let chunk = format!("{:x}\r\n{partial}\r\n", partial.len());
                            let _ = sock.write_all(head.as_bytes()).await;
                            let _ = sock.write_all(chunk.as_bytes()).await;
                            let _ = sock.flush().await;
                        }
                    }
                    let _ = sock.shutdown().await;
                });
            }
        });
        RawServer {
            url,
            requests,
            max_in_flight,
        }
    }
}

/// Reads one request (head + content-length body); `None` on EOF.
async fn read_request(sock: &mut tokio::net::TcpStream) -> Option<Vec<u8>> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        let n = sock.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(end) = find(&buf, b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
            let len = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(0);
            while buf.len() < end + 4 + len {
                let n = sock.read(&mut chunk).await.ok()?;
                if n == 0 {
                    return None;
                }
                buf.extend_from_slice(&chunk[..n]);
            }
            return Some(buf);
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}
