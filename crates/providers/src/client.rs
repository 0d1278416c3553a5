//! The HTTP client for both wire formats: one `Provider` that asks for a
//! structured (JSON Schema) answer and survives what real servers do —
//! rate limits, overload, timeouts, cut-off bodies, garbage answers.
//!
//! What happens on each fault:
//! - 429: waits `retry-after-ms` / `retry-after` (seconds or HTTP date),
//!   capped at `max_wait`, else the backoff step; retried within `max_attempts`.
//! - 500/502/503/504/529, timeouts, connection errors, bodies cut off mid-way,
//!   unreadable envelopes: exponential backoff with jitter, within `max_attempts`.
//! - 401/403: `KeyRejected` at once, one request only.
//! - OpenAI-compatible 400: the server refused part of the body. For a
//!   streamed request whose 400 does not name the answer format, the
//!   streaming fields go first: once without `stream_options`, then without
//!   `stream`; the first form the server accepts is remembered for later
//!   calls. Otherwise (or when the request is refused even unstreamed) the
//!   answer format is lowered: `json_schema`, then `json_object` with a
//!   strict JSON-only prompt, then no `response_format`, also remembered.
//!   Every form refused: `Refused` with the server's message.
//! - An answer that is not JSON or violates the schema: one repair request
//!   (the errors are sent back), then `InvalidAnswer`, except that violations
//!   confined to array items are handed to the caller to discard item by item.
//!
//! Streaming: `structured_streaming` asks for server-sent events (Anthropic
//! `stream: true`; OpenAI `stream: true` with `stream_options.include_usage`)
//! and reports output tokens so far to a callback while the answer grows. A
//! stream is an answer only once its end marker arrived; one cut off before
//! (connection dropped, server closed early) is retried like a cut-off body,
//! and an error event (Anthropic `overloaded_error`) like a 529. A server that
//! answers a streaming request with plain JSON is read as usual.
//!
//! Budget: before each HTTP request the client reserves an upper bound of its
//! cost in the `Budget` (see [`Provider::cost_bound`]) and settles it with
//! the real cost after, so concurrent requests cannot overshoot the cap.
//!
//! Cancellation: `structured` takes a `CancellationToken` and returns
//! `Cancelled` as soon as it fires; dropping the future is equally safe (the
//! request is aborted, no state is left half-updated, its reservation is
//! released). An answer cancelled in flight is not counted in `Usage` or the
//! budget.
//!
//! This module must NOT execute anything a model says: answers are data,
//! parsed into JSON and handed back. There are no tools besides the one
//! schema-carrying tool Anthropic needs for structured output. It must NOT
//! log or return the API key; server messages are scrubbed of it.

use std::sync::atomic::{AtomicU16, AtomicU8, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, HeaderValue, AUTHORIZATION, CONTENT_TYPE};
use serde_json::{json, Value};
use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;

use crate::config::{Price, PriceTable, ProviderConfig, ProviderKind};
use crate::error::ProviderError;
use crate::schema;
use crate::secret::{resolve_key, KeyStore, Secret};
use crate::sse::{AnthropicStream, OpenAiStream, Splitter, StreamFault};
use crate::usage::{Budget, Reservation, Usage};

/// Input tokens a server may add to what memaudit sends: Anthropic's tool-use
/// system prompt (about 350 tokens), chat-template markers per message.
const SERVER_PROMPT_TOKENS: u64 = 1024;

/// A request for one JSON answer that validates against `schema`.
#[derive(Debug, Clone, PartialEq)]
pub struct StructuredRequest {
    pub system: String,
    pub user: String,
    /// A JSON Schema in the subset `schema::violations` understands.
    pub schema: Value,
    /// The tool name (Anthropic) or schema name (OpenAI): `[a-zA-Z0-9_-]+`.
    pub name: String,
}

/// Output tokens of the answer so far, for progress (estimated from the
/// characters received until the server reports the real count).
pub type TokenProgress<'a> = &'a (dyn Fn(u64) + Send + Sync);

/// A parsed answer and what it cost.
#[derive(Debug, Clone, PartialEq)]
pub struct StructuredResponse {
    pub value: Value,
    pub usage: Usage,
    /// Schema violations inside array items that remained after the repair
    /// request; the caller discards those items. Empty when fully valid.
    pub violations: Vec<String>,
    /// True when a repair request was needed.
    pub repaired: bool,
}

/// How an OpenAI-compatible server is asked for JSON. Only ever lowered.
const FORMAT_JSON_SCHEMA: u8 = 0;
const FORMAT_JSON_OBJECT: u8 = 1;
const FORMAT_PROMPT_ONLY: u8 = 2;

/// How a streamed request is asked of an OpenAI-compatible server. Only ever
/// lowered, and only once a lower form got past the server's 400.
const STREAM_FULL: u8 = 0;
const STREAM_NO_OPTIONS: u8 = 1;
const STREAM_OFF: u8 = 2;

/// Format and stream downgrades one logical request may go through: two
/// stream steps at each of the three formats, and the two format steps.
const MAX_DOWNGRADES: u32 = 8;

/// What an OpenAI-compatible server accepts of a streamed request, as this
/// client learnt it (see [`Provider::stream_support`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StreamSupport {
    /// `stream: true` with `stream_options: {include_usage: true}`.
    Full,
    /// `stream: true` only: the server refused `stream_options`, so its
    /// streams carry no usage and the client counts an estimate.
    WithoutUsage,
    /// The server refused `stream: true`; requests are sent unstreamed.
    Off,
}

/// What a 400 from an OpenAI-compatible server refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refusal {
    /// A streaming field: retry without the next one.
    Streaming,
    /// The answer format: lower it for this and every later call.
    AnswerFormat,
    /// Nothing left to drop: the request itself.
    Request,
}

/// Tells a refused streaming field from a refused answer format. A message
/// that names the format is about the format; otherwise, while streaming
/// fields were sent, they are dropped first (`stream_options`, then
/// `stream`), and only when the request is refused without them is the
/// format lowered.
fn refusal(stream_mode: Option<u8>, format: u8, message: &str) -> Refusal {
    let m = message.to_ascii_lowercase();
    let names_format = [
        "response_format",
        "response format",
        "json_schema",
        "json_object",
    ]
    .iter()
    .any(|w| m.contains(w));
    let streaming_sent = stream_mode.is_some_and(|s| s < STREAM_OFF);
    if streaming_sent && !names_format {
        Refusal::Streaming
    } else if format < FORMAT_PROMPT_ONLY {
        Refusal::AnswerFormat
    } else {
        Refusal::Request
    }
}

/// One configured provider. Cheap to clone; clones share the connection
/// pool, the concurrency limit and what was learnt about the server.
#[derive(Clone)]
pub struct Provider {
    inner: Arc<Inner>,
}

struct Inner {
    config: ProviderConfig,
    price: Option<Price>,
    key: Option<Secret>,
    http: reqwest::Client,
    permits: Semaphore,
    openai_format: AtomicU8,
    /// `STREAM_*`: what a streamed request may carry (OpenAI-compatible).
    stream_mode: AtomicU8,
    /// The HTTP status that rejected the key (0: not rejected). Once set,
    /// every call fails at once: a wrong key must not cause a request storm.
    key_rejected: AtomicU16,
}

impl std::fmt::Debug for Provider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Provider")
            .field("kind", &self.inner.config.kind)
            .field("base_url", &self.inner.config.base_url)
            .field("model", &self.inner.config.model)
            .field("key", &self.inner.key)
            .finish()
    }
}

/// What the model said, before JSON parsing.
enum Answer {
    /// Anthropic's tool input: already JSON.
    Value(Value),
    /// Message text that should hold JSON.
    Text(String),
}

impl Answer {
    fn raw(&self) -> String {
        match self {
            Answer::Value(v) => v.to_string(),
            Answer::Text(t) => t.clone(),
        }
    }
}

/// Why one HTTP exchange failed, before the retry decision.
enum Attempt {
    Retry {
        wait: Option<Duration>,
        error: ProviderError,
    },
    Fatal(ProviderError),
    /// An OpenAI-compatible 400, with the server's message.
    BadRequest(String),
}

impl Provider {
    /// A provider for `config`. Anthropic needs a key; an OpenAI-compatible
    /// server may not (local model servers).
    pub fn new(
        config: ProviderConfig,
        key: Option<Secret>,
        prices: &PriceTable,
    ) -> Result<Provider, ProviderError> {
        let key = key.filter(|k| !k.is_empty());
        if config.kind == ProviderKind::Anthropic && key.is_none() {
            return Err(ProviderError::MissingKey {
                provider: config.kind,
                env: config.kind.key_env_var(),
            });
        }
        if !(config.base_url.starts_with("http://") || config.base_url.starts_with("https://")) {
            return Err(ProviderError::Config(format!(
                "base URL `{}` must start with http:// or https://",
                config.base_url
            )));
        }
        if config.max_concurrency == 0 || config.max_attempts == 0 {
            return Err(ProviderError::Config(
                "max_concurrency and max_attempts must be at least 1".to_owned(),
            ));
        }
        install_crypto_provider();
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .connect_timeout(config.timeout.min(Duration::from_secs(15)))
            .build()
            .map_err(|e| ProviderError::Config(format!("building the HTTP client: {e}")))?;
        Ok(Provider {
            inner: Arc::new(Inner {
                price: config.effective_price(prices),
                permits: Semaphore::new(config.max_concurrency),
                openai_format: AtomicU8::new(FORMAT_JSON_SCHEMA),
                stream_mode: AtomicU8::new(STREAM_FULL),
                key_rejected: AtomicU16::new(0),
                config,
                key,
                http,
            }),
        })
    }

    /// A provider whose key comes from `resolve_key` (environment, then
    /// `store`). A local OpenAI-compatible server (loopback base URL) needs
    /// no key, so a keychain that cannot be read (a headless Linux without
    /// Secret Service) does not stop it.
    pub fn connect(
        config: ProviderConfig,
        store: &dyn KeyStore,
        prices: &PriceTable,
    ) -> Result<Provider, ProviderError> {
        let kind = config.kind;
        let key = match resolve_key(kind, store) {
            Ok(key) => key,
            Err(_) if kind == ProviderKind::OpenAi && is_loopback(&config.base_url) => None,
            Err(e) => {
                return Err(ProviderError::KeyStore {
                    provider: kind,
                    env: kind.key_env_var(),
                    message: e.to_string(),
                })
            }
        };
        Provider::new(config, key, prices)
    }

    pub fn config(&self) -> &ProviderConfig {
        &self.inner.config
    }

    /// The price used for cost accounting (`None`: unknown, counted as 0).
    pub fn price(&self) -> Option<Price> {
        self.inner.price
    }

    /// An upper bound of what one request with a body of `body_bytes` can
    /// cost: every byte as an input token (a token covers at least one
    /// byte), plus what the server adds to the prompt, plus the whole
    /// `max_output_tokens` as output. 0 when the price is unknown.
    pub fn cost_bound(&self, body_bytes: usize) -> f64 {
        let input = (body_bytes as u64).saturating_add(SERVER_PROMPT_TOKENS);
        let output = u64::from(self.inner.config.max_output_tokens);
        self.inner.price.map_or(0.0, |p| p.cost(input, output))
    }

    /// `llm:<model>`, the engine name stored on validations and role runs.
    pub fn engine_name(&self) -> String {
        format!("llm:{}", self.inner.config.model)
    }

    /// True once an OpenAI-compatible server was found not to support
    /// `json_schema` response formats.
    pub fn uses_json_fallback(&self) -> bool {
        self.inner.openai_format.load(Ordering::Relaxed) != FORMAT_JSON_SCHEMA
    }

    /// What an OpenAI-compatible server was found to accept of a streamed
    /// request (always `Full` for Anthropic). Remembered for later calls.
    pub fn stream_support(&self) -> StreamSupport {
        match self.inner.stream_mode.load(Ordering::Relaxed) {
            STREAM_FULL => StreamSupport::Full,
            STREAM_NO_OPTIONS => StreamSupport::WithoutUsage,
            _ => StreamSupport::Off,
        }
    }

    /// Asks for one structured answer. See the module doc for fault handling.
    /// The usage of a failed call is recorded in the budget but not returned;
    /// use `structured_metered` to get it.
    pub async fn structured(
        &self,
        req: &StructuredRequest,
        budget: &Budget,
        cancel: &CancellationToken,
    ) -> Result<StructuredResponse, ProviderError> {
        let mut usage = Usage::default();
        let mut r = self
            .structured_metered(req, budget, cancel, &mut usage)
            .await;
        if let Ok(resp) = &mut r {
            resp.usage = usage;
        }
        r
    }

    /// Like `structured`, adding what every request cost to `usage` whether
    /// the call succeeds or not.
    pub async fn structured_metered(
        &self,
        req: &StructuredRequest,
        budget: &Budget,
        cancel: &CancellationToken,
        usage: &mut Usage,
    ) -> Result<StructuredResponse, ProviderError> {
        if cancel.is_cancelled() {
            return Err(ProviderError::Cancelled);
        }
        tokio::select! {
            biased;
            _ = cancel.cancelled() => Err(ProviderError::Cancelled),
            r = self.call(req, budget, usage, None) => r,
        }
    }

    /// Like `structured_metered`, streaming the answer: `on_tokens` gets the
    /// output tokens of this call so far as they arrive. A repair request
    /// continues from what the first answer was charged; a retried request
    /// starts again from what was charged before it (a stream cut off is not
    /// paid for), so the figure can step back after a fault.
    pub async fn structured_streaming(
        &self,
        req: &StructuredRequest,
        budget: &Budget,
        cancel: &CancellationToken,
        usage: &mut Usage,
        on_tokens: TokenProgress<'_>,
    ) -> Result<StructuredResponse, ProviderError> {
        if cancel.is_cancelled() {
            return Err(ProviderError::Cancelled);
        }
        tokio::select! {
            biased;
            _ = cancel.cancelled() => Err(ProviderError::Cancelled),
            r = self.call(req, budget, usage, Some(on_tokens)) => r,
        }
    }

    async fn call(
        &self,
        req: &StructuredRequest,
        budget: &Budget,
        usage: &mut Usage,
        stream: Option<TokenProgress<'_>>,
    ) -> Result<StructuredResponse, ProviderError> {
        let start = usage.tokens_out;
        let first = self.exchange(req, None, budget, usage, stream).await?;
        let problems = match parse_answer(&first) {
            Ok(value) => {
                let v = schema::violations(&req.schema, &value);
                if v.is_empty() {
                    return Ok(StructuredResponse {
                        value,
                        usage: *usage,
                        violations: Vec::new(),
                        repaired: false,
                    });
                }
                v.join("\n")
            }
            Err(e) => e,
        };
        let previous = first.raw();
        // The repair's progress continues from what the first answer was
        // charged: the callback counts the call, not the HTTP request.
        let charged = usage.tokens_out.saturating_sub(start);
        let continued = |n: u64| {
            if let Some(on_tokens) = stream {
                on_tokens(charged.saturating_add(n));
            }
        };
        let stream = stream.map(|_| &continued as TokenProgress<'_>);
        let second = self
            .exchange(req, Some((&previous, &problems)), budget, usage, stream)
            .await?;
        let invalid = |details: String| ProviderError::InvalidAnswer {
            provider: self.inner.config.kind,
            details,
            excerpt: excerpt(&self.scrub(&second.raw()), 300),
        };
        let value = parse_answer(&second).map_err(invalid)?;
        let violations = schema::violations(&req.schema, &value);
        if violations.iter().any(|v| !inside_array_item(v)) {
            return Err(invalid(violations.join("; ")));
        }
        Ok(StructuredResponse {
            value,
            usage: *usage,
            violations,
            repaired: true,
        })
    }

    /// One logical request with retries: returns the model's answer.
    async fn exchange(
        &self,
        req: &StructuredRequest,
        repair: Option<(&str, &str)>,
        budget: &Budget,
        usage: &mut Usage,
        stream: Option<TokenProgress<'_>>,
    ) -> Result<Answer, ProviderError> {
        let cfg = &self.inner.config;
        let mut attempt = 0u32;
        // Format downgrades are not faults; bound them separately.
        let mut downgrades = 0u32;
        // A lower stream form being tried after a 400; remembered for the
        // client only once the server accepted it.
        let mut probe: Option<u8> = None;
        loop {
            attempt += 1;
            let format = self.inner.openai_format.load(Ordering::Relaxed);
            let stream_mode = stream
                .map(|_| probe.unwrap_or_else(|| self.inner.stream_mode.load(Ordering::Relaxed)));
            let streams =
                stream_mode.is_some_and(|m| cfg.kind == ProviderKind::Anthropic || m < STREAM_OFF);
            let body = serde_json::to_vec(&self.body(req, repair, stream_mode, format))
                .map_err(|e| ProviderError::Config(format!("encoding: {e}")))?;
            let outcome = {
                let _permit =
                    self.inner.permits.acquire().await.map_err(|_| {
                        ProviderError::Config("concurrency limit closed".to_owned())
                    })?;
                // Checked with the permit held: calls queued behind the limit
                // see what the calls before them spent or learnt.
                let rejected = self.inner.key_rejected.load(Ordering::Relaxed);
                if rejected != 0 {
                    return Err(ProviderError::KeyRejected {
                        provider: cfg.kind,
                        status: rejected,
                    });
                }
                // Reserved with the permit held: a request waiting for the
                // budget holds no reservation that blocks the ones in flight.
                let reservation = budget.reserve(self.cost_bound(body.len())).await?;
                let stream = if streams { stream } else { None };
                self.send_once(body, reservation, usage, stream).await
            };
            let (wait, error) = match outcome {
                Ok(answer) => {
                    if let Some(mode) = probe {
                        self.inner.stream_mode.fetch_max(mode, Ordering::Relaxed);
                    }
                    return Ok(answer);
                }
                Err(Attempt::Fatal(e)) => return Err(e),
                Err(Attempt::BadRequest(message)) => {
                    let refused = || ProviderError::Refused {
                        provider: cfg.kind,
                        status: 400,
                        message: message.clone(),
                    };
                    if downgrades >= MAX_DOWNGRADES {
                        return Err(refused());
                    }
                    downgrades += 1;
                    attempt -= 1;
                    match refusal(stream_mode, format, &message) {
                        Refusal::Streaming => {
                            probe = stream_mode.map(|m| (m + 1).min(STREAM_OFF));
                        }
                        Refusal::AnswerFormat => {
                            // Not the stream after all: back to the stream
                            // form the client knows, one format lower, for
                            // this and every later call. `fetch_max`, so
                            // requests refused together lower it once.
                            probe = None;
                            self.inner
                                .openai_format
                                .fetch_max(format + 1, Ordering::Relaxed);
                        }
                        Refusal::Request => return Err(refused()),
                    }
                    continue;
                }
                Err(Attempt::Retry { wait, error }) => (wait, error),
            };
            if attempt >= cfg.max_attempts {
                return Err(with_attempts(error, attempt));
            }
            let wait = wait
                .unwrap_or_else(|| self.backoff(attempt))
                .min(cfg.max_wait);
            tokio::time::sleep(wait).await;
        }
    }

    /// Backoff before attempt `attempt + 1`: base × 2^(attempt-1), with
    /// jitter in [50 %, 100 %] so that parallel calls do not retry in step.
    fn backoff(&self, attempt: u32) -> Duration {
        let base = self.inner.config.backoff_base;
        let step = base.saturating_mul(1u32 << (attempt.saturating_sub(1)).min(16));
        step.mul_f64(0.5 + fastrand::f64() * 0.5)
    }

    fn url(&self) -> String {
        let base = self.inner.config.base_url.trim_end_matches('/');
        match self.inner.config.kind {
            ProviderKind::Anthropic => format!("{base}/v1/messages"),
            ProviderKind::OpenAi => format!("{base}/chat/completions"),
        }
    }

    fn headers(&self) -> Result<HeaderMap, ProviderError> {
        let mut h = HeaderMap::new();
        h.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        let bad_key = || ProviderError::Config("the API key contains invalid characters".into());
        match (self.inner.config.kind, &self.inner.key) {
            (ProviderKind::Anthropic, key) => {
                h.insert("anthropic-version", HeaderValue::from_static("2023-06-01"));
                if let Some(k) = key {
                    let mut v = HeaderValue::from_str(k.expose().trim()).map_err(|_| bad_key())?;
                    v.set_sensitive(true);
                    h.insert("x-api-key", v);
                }
            }
            (ProviderKind::OpenAi, Some(k)) => {
                let mut v = HeaderValue::from_str(&format!("Bearer {}", k.expose().trim()))
                    .map_err(|_| bad_key())?;
                v.set_sensitive(true);
                h.insert(AUTHORIZATION, v);
            }
            (ProviderKind::OpenAi, None) => {}
        }
        Ok(h)
    }

    /// The request body; `stream_mode` is `None` for an unstreamed call.
    fn body(
        &self,
        req: &StructuredRequest,
        repair: Option<(&str, &str)>,
        stream_mode: Option<u8>,
        format: u8,
    ) -> Value {
        let mut body = self.body_once(req, repair, format);
        match (self.inner.config.kind, stream_mode) {
            (_, None) => {}
            (ProviderKind::Anthropic, Some(_)) => body["stream"] = json!(true),
            (ProviderKind::OpenAi, Some(mode)) => {
                if mode < STREAM_OFF {
                    body["stream"] = json!(true);
                }
                if mode == STREAM_FULL {
                    // Without it an OpenAI stream carries no token usage.
                    body["stream_options"] = json!({"include_usage": true});
                }
            }
        }
        body
    }

    fn body_once(
        &self,
        req: &StructuredRequest,
        repair: Option<(&str, &str)>,
        format: u8,
    ) -> Value {
        let cfg = &self.inner.config;
        let repair_text = repair.map(|(_, problems)| {
            format!(
                "Your previous answer could not be used:\n{problems}\n\nAnswer again with the \
                 complete, corrected answer. It must validate against the schema; fix only what \
                 is wrong."
            )
        });
        match cfg.kind {
            ProviderKind::Anthropic => {
                let mut messages = vec![json!({"role": "user", "content": req.user})];
                if let (Some((previous, _)), Some(text)) = (repair, &repair_text) {
                    messages.push(json!({"role": "assistant", "content": previous}));
                    messages.push(json!({"role": "user", "content": text}));
                }
                json!({
                    "model": cfg.model,
                    "max_tokens": cfg.max_output_tokens,
                    "system": req.system,
                    "messages": messages,
                    "tools": [{
                        "name": req.name,
                        "description": "Record your complete answer. Call this exactly once.",
                        "input_schema": req.schema,
                    }],
                    "tool_choice": {"type": "tool", "name": req.name},
                })
            }
            ProviderKind::OpenAi => {
                let system = if format == FORMAT_JSON_SCHEMA {
                    req.system.clone()
                } else {
                    format!(
                        "{}\n\nAnswer with one JSON object and nothing else: no prose, no \
                         markdown fences. It must validate against this JSON Schema:\n{}",
                        req.system, req.schema
                    )
                };
                let mut messages = vec![
                    json!({"role": "system", "content": system}),
                    json!({"role": "user", "content": req.user}),
                ];
                if let (Some((previous, _)), Some(text)) = (repair, &repair_text) {
                    messages.push(json!({"role": "assistant", "content": previous}));
                    messages.push(json!({"role": "user", "content": text}));
                }
                let mut body = json!({
                    "model": cfg.model,
                    "messages": messages,
                    "max_completion_tokens": cfg.max_output_tokens,
                });
                match format {
                    FORMAT_JSON_SCHEMA => {
                        body["response_format"] = json!({
                            "type": "json_schema",
                            "json_schema": {"name": req.name, "schema": req.schema, "strict": true},
                        });
                    }
                    FORMAT_JSON_OBJECT => {
                        body["response_format"] = json!({"type": "json_object"});
                    }
                    _ => {}
                }
                body
            }
        }
    }

    /// One HTTP request and its classification.
    /// A failed exchange drops `reservation`, which releases it: only an
    /// answer with usage is charged.
    async fn send_once(
        &self,
        bytes: Vec<u8>,
        reservation: Reservation<'_>,
        usage: &mut Usage,
        stream: Option<TokenProgress<'_>>,
    ) -> Result<Answer, Attempt> {
        let cfg = &self.inner.config;
        let provider = cfg.kind;
        let url = self.url();
        let body_bytes = bytes.len();
        let transport = |e: reqwest::Error| {
            let message = error_chain(&e);
            let error = if e.is_timeout() {
                ProviderError::Timeout {
                    provider,
                    timeout: cfg.timeout,
                    attempts: 0,
                }
            } else {
                ProviderError::Connection {
                    provider,
                    url: url.clone(),
                    attempts: 0,
                    message,
                }
            };
            Attempt::Retry { wait: None, error }
        };
        let resp = self
            .inner
            .http
            .post(&url)
            .headers(self.headers().map_err(Attempt::Fatal)?)
            .body(bytes)
            .send()
            .await
            .map_err(transport)?;
        let status = resp.status().as_u16();
        let retry_after = retry_after(resp.headers());
        let sse = resp
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim_start().starts_with("text/event-stream"));
        if let (200..=299, Some(on_tokens), true) = (status, stream, sse) {
            let (answer, tokens_in, tokens_out) =
                self.read_stream(resp, on_tokens, body_bytes).await?;
            self.charge(tokens_in, tokens_out, usage, reservation);
            return Ok(answer);
        }
        let text = resp.text().await.map_err(transport)?;
        match status {
            200..=299 => {
                let parsed = match provider {
                    ProviderKind::Anthropic => parse_anthropic(&text),
                    ProviderKind::OpenAi => parse_openai(&text),
                };
                match parsed {
                    Ok((answer, tokens_in, tokens_out)) => {
                        self.charge(tokens_in, tokens_out, usage, reservation);
                        Ok(answer)
                    }
                    Err(message) => Err(Attempt::Retry {
                        wait: None,
                        error: ProviderError::Connection {
                            provider,
                            url,
                            attempts: 0,
                            message: format!(
                                "unreadable response ({message}): {}",
                                excerpt(&self.scrub(&text), 200)
                            ),
                        },
                    }),
                }
            }
            401 | 403 => {
                self.inner.key_rejected.store(status, Ordering::Relaxed);
                Err(Attempt::Fatal(ProviderError::KeyRejected {
                    provider,
                    status,
                }))
            }
            // The server refused something in the body: a streaming field
            // or the answer format; `exchange` tells which.
            400 if provider == ProviderKind::OpenAi => {
                Err(Attempt::BadRequest(server_message(&self.scrub(&text))))
            }
            408 | 409 | 425 | 429 | 500 | 502 | 503 | 504 | 529 => Err(Attempt::Retry {
                wait: if status == 429 { retry_after } else { None },
                error: ProviderError::Unavailable {
                    provider,
                    status,
                    attempts: 0,
                    message: server_message(&self.scrub(&text)),
                },
            }),
            _ => Err(Attempt::Fatal(ProviderError::Refused {
                provider,
                status,
                message: server_message(&self.scrub(&text)),
            })),
        }
    }

    /// Counts an answered request and settles its reservation.
    fn charge(&self, tokens_in: u64, tokens_out: u64, usage: &mut Usage, r: Reservation<'_>) {
        let cost = self
            .inner
            .price
            .map_or(0.0, |p| p.cost(tokens_in, tokens_out));
        *usage += Usage {
            tokens_in,
            tokens_out,
            cost_usd: cost,
            requests: 1,
        };
        r.settle(cost);
    }

    /// Reads a server-sent-events answer to its end marker, reporting output
    /// tokens as they grow. Every way it can fall short is retryable. A
    /// stream without usage is counted by estimate (4 characters a token, of
    /// the answer and of the `body_bytes` sent), so the budget still moves.
    async fn read_stream(
        &self,
        mut resp: reqwest::Response,
        on_tokens: TokenProgress<'_>,
        body_bytes: usize,
    ) -> Result<(Answer, u64, u64), Attempt> {
        let cfg = &self.inner.config;
        let provider = cfg.kind;
        let retry = |message: String| Attempt::Retry {
            wait: None,
            error: ProviderError::Connection {
                provider,
                url: self.url(),
                attempts: 0,
                message,
            },
        };
        let fault = |f: StreamFault| match f {
            StreamFault::Cut(m) => retry(format!("stream cut off: {m}")),
            StreamFault::Server(m) => {
                retry(format!("error event in the stream: {}", self.scrub(&m)))
            }
        };
        let mut split = Splitter::default();
        let (mut anthropic, mut openai) = (AnthropicStream::default(), OpenAiStream::default());
        loop {
            let chunk = match resp.chunk().await {
                Ok(Some(chunk)) => chunk,
                Ok(None) => break,
                Err(e) if e.is_timeout() => {
                    return Err(Attempt::Retry {
                        wait: None,
                        error: ProviderError::Timeout {
                            provider,
                            timeout: cfg.timeout,
                            attempts: 0,
                        },
                    })
                }
                Err(e) => return Err(retry(format!("stream cut off: {}", error_chain(&e)))),
            };
            for e in split.push(&chunk) {
                let grown = match provider {
                    ProviderKind::Anthropic => anthropic.event(&e),
                    ProviderKind::OpenAi => openai.event(&e),
                }
                .map_err(fault)?;
                if let Some(n) = grown {
                    on_tokens(n);
                }
            }
        }
        let estimated = provider == ProviderKind::OpenAi && !openai.usage_seen();
        let (answer, mut tokens_in, tokens_out) = match provider {
            ProviderKind::Anthropic => anthropic.finish(),
            ProviderKind::OpenAi => openai.finish(),
        }
        .map_err(fault)?;
        if estimated {
            tokens_in = body_bytes.div_ceil(4) as u64;
            on_tokens(tokens_out);
        }
        let answer = match answer {
            Ok(v) => Answer::Value(v),
            Err(text) => Answer::Text(text),
        };
        Ok((answer, tokens_in, tokens_out))
    }

    /// Removes the key from a server message, in case a proxy echoes it.
    fn scrub(&self, text: &str) -> String {
        match &self.inner.key {
            Some(k) if k.expose().trim().len() >= 4 => {
                text.replace(k.expose().trim(), "[redacted]")
            }
            _ => text.to_owned(),
        }
    }
}

/// `http://127.0.0.1:…`, `http://localhost:…`, `http://[::1]:…`: a model
/// server on this machine.
fn is_loopback(base_url: &str) -> bool {
    let rest = base_url
        .strip_prefix("http://")
        .or_else(|| base_url.strip_prefix("https://"))
        .unwrap_or(base_url);
    let host = if let Some(v6) = rest.strip_prefix('[') {
        v6.split(']').next().unwrap_or("")
    } else {
        rest.split([':', '/']).next().unwrap_or("")
    };
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Fills in how many attempts a transient error outlasted.
fn with_attempts(mut error: ProviderError, n: u32) -> ProviderError {
    match &mut error {
        ProviderError::Timeout { attempts, .. }
        | ProviderError::Connection { attempts, .. }
        | ProviderError::Unavailable { attempts, .. } => *attempts = n,
        _ => {}
    }
    error
}

/// A violation path like `/findings/3/category` lies inside an array item.
fn inside_array_item(violation: &str) -> bool {
    let path = violation.split(':').next().unwrap_or("");
    path.split('/')
        .any(|seg| !seg.is_empty() && seg.bytes().all(|b| b.is_ascii_digit()))
}

fn parse_answer(answer: &Answer) -> Result<Value, String> {
    match answer {
        Answer::Value(v) => Ok(v.clone()),
        Answer::Text(t) => {
            let t = strip_fences(t);
            serde_json::from_str::<Value>(t)
                .map_err(|e| format!("the answer is not valid JSON: {e}"))
        }
    }
}

/// Models sometimes wrap JSON in a markdown fence despite being told not to.
fn strip_fences(t: &str) -> &str {
    let t = t.trim();
    let Some(rest) = t.strip_prefix("```") else {
        return t;
    };
    let rest = rest.strip_prefix("json").unwrap_or(rest);
    rest.strip_suffix("```").unwrap_or(rest).trim()
}

fn u64_at(v: &Value, key: &str) -> u64 {
    v.get(key).and_then(Value::as_u64).unwrap_or(0)
}

fn parse_anthropic(text: &str) -> Result<(Answer, u64, u64), String> {
    let v: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let content = v
        .get("content")
        .and_then(Value::as_array)
        .ok_or("no `content` array")?;
    let usage = v.get("usage").cloned().unwrap_or(Value::Null);
    let (tin, tout) = (
        u64_at(&usage, "input_tokens"),
        u64_at(&usage, "output_tokens"),
    );
    if let Some(input) = content
        .iter()
        .find(|b| b.get("type").and_then(Value::as_str) == Some("tool_use"))
        .and_then(|b| b.get("input"))
    {
        return Ok((Answer::Value(input.clone()), tin, tout));
    }
    let text: String = content
        .iter()
        .filter(|b| b.get("type").and_then(Value::as_str) == Some("text"))
        .filter_map(|b| b.get("text").and_then(Value::as_str))
        .collect();
    Ok((Answer::Text(text), tin, tout))
}

fn parse_openai(text: &str) -> Result<(Answer, u64, u64), String> {
    let v: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let message = v
        .pointer("/choices/0/message")
        .ok_or("no `choices[0].message`")?;
    let usage = v.get("usage").cloned().unwrap_or(Value::Null);
    let (tin, tout) = (
        u64_at(&usage, "prompt_tokens"),
        u64_at(&usage, "completion_tokens"),
    );
    let content = match message.get("content").and_then(Value::as_str) {
        Some(c) => c.to_owned(),
        None => match message.get("refusal").and_then(Value::as_str) {
            Some(r) => format!("(refused) {r}"),
            None => String::new(),
        },
    };
    Ok((Answer::Text(content), tin, tout))
}

/// `retry-after-ms` (OpenAI), else `retry-after` in seconds or as an HTTP date.
fn retry_after(h: &HeaderMap) -> Option<Duration> {
    let get = |name: &str| h.get(name).and_then(|v| v.to_str().ok()).map(str::trim);
    if let Some(ms) = get("retry-after-ms").and_then(|v| v.parse::<f64>().ok()) {
        return Duration::try_from_secs_f64(ms / 1000.0).ok();
    }
    parse_retry_after(get("retry-after")?, SystemTime::now())
}

fn parse_retry_after(v: &str, now: SystemTime) -> Option<Duration> {
    if let Ok(secs) = v.parse::<f64>() {
        return Duration::try_from_secs_f64(secs).ok();
    }
    let at = httpdate::parse_http_date(v).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// The `error.message` of a provider error body, else the body's start.
fn server_message(body: &str) -> String {
    serde_json::from_str::<Value>(body)
        .ok()
        .and_then(|v| {
            v.pointer("/error/message")
                .or_else(|| v.get("message"))
                .or_else(|| v.get("error"))
                .and_then(Value::as_str)
                .map(str::to_owned)
        })
        .unwrap_or_else(|| excerpt(body, 200))
}

fn excerpt(s: &str, max: usize) -> String {
    let s = s.trim();
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let cut: String = s.chars().take(max).collect();
    format!("{cut}…")
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cur = c.source();
    }
    s
}

/// Makes ring the process's rustls crypto provider unless one is already
/// installed. reqwest is built without a provider of its own (its default,
/// aws-lc-rs, needs a long C build) and panics when it builds a TLS client
/// with none installed.
fn install_crypto_provider() {
    static INSTALL: std::sync::Once = std::sync::Once::new();
    INSTALL.call_once(|| {
        if rustls::crypto::CryptoProvider::get_default().is_none() {
            // An error means another thread installed one first: also fine.
            let _ = rustls::crypto::ring::default_provider().install_default();
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_https_client_builds_with_ring_as_the_crypto_provider() {
        // reqwest has no provider of its own here: building its TLS client
        // would panic if `install_crypto_provider` did not run first.
        let config = ProviderConfig::new(ProviderKind::Anthropic);
        assert!(
            config.base_url.starts_with("https://"),
            "{}",
            config.base_url
        );
        Provider::new(config, Some(Secret::new("sk-test")), &PriceTable::default())
            .expect("an https provider builds");
        assert!(
            rustls::crypto::CryptoProvider::get_default().is_some(),
            "a process-wide crypto provider is installed"
        );
    }

    #[test]
    fn construction_checks_key_url_and_limits() {
        let prices = PriceTable::default();
        let anthropic = ProviderConfig::new(ProviderKind::Anthropic);
        assert!(matches!(
            Provider::new(anthropic.clone(), None, &prices),
            Err(ProviderError::MissingKey {
                env: "ANTHROPIC_API_KEY",
                ..
            })
        ));
        assert!(matches!(
            Provider::new(anthropic.clone(), Some(Secret::new("  ")), &prices),
            Err(ProviderError::MissingKey { .. })
        ));
        let local = ProviderConfig {
            base_url: "http://127.0.0.1:11434/v1".into(),
            model: "llama3.1:8b".into(),
            ..ProviderConfig::new(ProviderKind::OpenAi)
        };
        let p = Provider::new(local.clone(), None, &prices).unwrap();
        assert_eq!(p.price(), None, "an unknown local model has no price");
        assert_eq!(p.engine_name(), "llm:llama3.1:8b");
        let bad_url = ProviderConfig {
            base_url: "file:///etc".into(),
            ..local.clone()
        };
        assert!(matches!(
            Provider::new(bad_url, None, &prices),
            Err(ProviderError::Config(_))
        ));
        let zero = ProviderConfig {
            max_concurrency: 0,
            ..local
        };
        assert!(matches!(
            Provider::new(zero, None, &prices),
            Err(ProviderError::Config(_))
        ));
    }

    #[test]
    fn loopback_urls_are_recognised() {
        let check = |url: &str, expected: bool| assert_eq!(is_loopback(url), expected, "{url}");
        check("http://127.0.0.1:11434/v1", true);
        check("http://localhost:8080/v1", true);
        check("http://[::1]:8080/v1", true);
        check("http://127.0.0.2/v1", true);
        check("https://api.openai.com/v1", false);
        check("http://localhost.evil.example/v1", false);
        check("http://10.0.0.5:11434/v1", false);
    }

    struct BrokenStore;
    impl KeyStore for BrokenStore {
        fn get(&self, p: ProviderKind) -> Result<Option<Secret>, crate::KeyStoreError> {
            Err(crate::KeyStoreError::Unavailable {
                provider: p,
                message: "no Secret Service".into(),
            })
        }
        fn set(&self, _: ProviderKind, _: &Secret) -> Result<(), crate::KeyStoreError> {
            Ok(())
        }
        fn delete(&self, _: ProviderKind) -> Result<(), crate::KeyStoreError> {
            Ok(())
        }
    }

    #[test]
    fn connect_tolerates_a_broken_keychain_only_for_local_servers() {
        let prices = PriceTable::default();
        let local = ProviderConfig {
            base_url: "http://127.0.0.1:11434/v1".into(),
            ..ProviderConfig::new(ProviderKind::OpenAi)
        };
        assert!(Provider::connect(local, &BrokenStore, &prices).is_ok());
        if std::env::var_os("OPENAI_API_KEY").is_none() {
            let remote = ProviderConfig::new(ProviderKind::OpenAi);
            let e = Provider::connect(remote, &BrokenStore, &prices).unwrap_err();
            assert_eq!(e.code(), "keychain", "{e}");
            assert!(e.to_string().contains("set OPENAI_API_KEY instead"), "{e}");
        }
        let store = crate::MemoryKeyStore::new();
        store
            .set(ProviderKind::Anthropic, &Secret::new("sk-ant"))
            .unwrap();
        let p = Provider::connect(
            ProviderConfig::new(ProviderKind::Anthropic),
            &store,
            &prices,
        );
        assert!(p.is_ok(), "key from the store");
    }

    #[test]
    fn retry_after_accepts_seconds_and_http_dates() {
        let now = httpdate::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
        let check = |v: &str, expected: Option<Duration>| {
            assert_eq!(parse_retry_after(v, now), expected, "retry-after: {v}");
        };
        check("3", Some(Duration::from_secs(3)));
        check("0.5", Some(Duration::from_millis(500)));
        check(
            "Sun, 06 Nov 1994 08:49:47 GMT",
            Some(Duration::from_secs(10)),
        );
        check("Sun, 06 Nov 1994 08:49:00 GMT", Some(Duration::ZERO));
        check("soon", None);
        check("-1", None);
    }

    #[test]
    fn fenced_json_is_unwrapped() {
        let check = |t: &str, expected: &str| assert_eq!(strip_fences(t), expected, "{t:?}");
        check("{\"a\":1}", "{\"a\":1}");
        check("```json\n{\"a\":1}\n```", "{\"a\":1}");
        check("```\n[]\n```", "[]");
    }

    #[test]
    fn violations_inside_items_are_told_apart_from_top_level_ones() {
        assert!(inside_array_item(
            "/findings/3/category: \"X\" is not one of"
        ));
        assert!(!inside_array_item("/: missing required field `findings`"));
        assert!(!inside_array_item("/findings: expected \"array\", got 3"));
    }

    #[test]
    fn envelopes_parse_with_usage() {
        let (a, i, o) = parse_anthropic(
            r#"{"content":[{"type":"text","text":"ok"},{"type":"tool_use","name":"t","input":{"x":1}}],
                "usage":{"input_tokens":12,"output_tokens":3}}"#,
        )
        .unwrap();
        assert!(
            matches!(a, Answer::Value(ref v) if v["x"] == 1),
            "tool input wins"
        );
        assert_eq!((i, o), (12, 3));
        let (a, i, o) = parse_openai(
            r#"{"choices":[{"message":{"content":"{\"x\":2}"}}],"usage":{"prompt_tokens":7,"completion_tokens":2}}"#,
        )
        .unwrap();
        assert!(matches!(a, Answer::Text(ref t) if t == "{\"x\":2}"));
        assert_eq!((i, o), (7, 2));
        assert!(parse_openai(r#"{"choices":[]}"#).is_err());
    }

    #[test]
    fn a_refused_stream_is_told_apart_from_a_refused_format() {
        let full = Some(STREAM_FULL);
        assert_eq!(
            refusal(
                full,
                FORMAT_JSON_SCHEMA,
                "Unrecognized argument: stream_options"
            ),
            Refusal::Streaming
        );
        assert_eq!(
            refusal(Some(STREAM_NO_OPTIONS), FORMAT_JSON_SCHEMA, "Bad Request"),
            Refusal::Streaming,
            "a message naming nothing: the stream fields go first"
        );
        assert_eq!(
            refusal(
                full,
                FORMAT_JSON_SCHEMA,
                "'response_format' is not supported"
            ),
            Refusal::AnswerFormat,
            "a message naming the format is about the format"
        );
        assert_eq!(
            refusal(Some(STREAM_OFF), FORMAT_JSON_OBJECT, "Bad Request"),
            Refusal::AnswerFormat,
            "refused unstreamed: the format"
        );
        assert_eq!(
            refusal(None, FORMAT_JSON_SCHEMA, "stream_options"),
            Refusal::AnswerFormat,
            "an unstreamed call sent no stream fields"
        );
        assert_eq!(
            refusal(Some(STREAM_OFF), FORMAT_PROMPT_ONLY, "too long"),
            Refusal::Request
        );
    }

    #[test]
    fn server_messages_are_extracted() {
        assert_eq!(
            server_message(r#"{"error":{"message":"overloaded","type":"x"}}"#),
            "overloaded"
        );
        assert_eq!(server_message("Bad Gateway"), "Bad Gateway");
    }
}
