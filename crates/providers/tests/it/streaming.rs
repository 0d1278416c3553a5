//! Streamed answers (server-sent events) for both wire formats against real
//! HTTP servers on 127.0.0.1: progress while the answer grows, and streams
//! that stop short.

use std::sync::atomic::Ordering;
use std::sync::Mutex;

use memaudit_providers::{Budget, ProviderError, ProviderKind, StreamSupport, Usage};
use serde_json::{json, Value};
use tokio_util::sync::CancellationToken;
use wiremock::matchers::{body_string_contains, method};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::harness::{self, RawReply, RawServer};

const KINDS: [ProviderKind; 2] = [ProviderKind::Anthropic, ProviderKind::OpenAi];

fn answer() -> Value {
    json!({"items": [{"n": 1}, {"n": 2}, {"n": 3}, {"n": 4}, {"n": 5}, {"n": 6}]})
}

/// Runs one streamed call; returns the result, its usage and the progress
/// the callback saw.
async fn stream_call(
    p: &memaudit_providers::Provider,
    budget: &Budget,
) -> (Result<Value, ProviderError>, Usage, Vec<u64>) {
    let seen = Mutex::new(Vec::new());
    let on_tokens = |n: u64| seen.lock().unwrap().push(n);
    let mut usage = Usage::default();
    let r = p
        .structured_streaming(
            &harness::request(),
            budget,
            &CancellationToken::new(),
            &mut usage,
            &on_tokens,
        )
        .await
        .map(|r| r.value);
    (r, usage, seen.into_inner().unwrap())
}

#[tokio::test]
async fn a_streamed_answer_reports_output_tokens_as_it_grows() {
    for kind in KINDS {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(200).set_body_raw(
                harness::sse_body(kind, &answer(), 6, (150, 42), true),
                "text/event-stream",
            ))
            .mount(&server)
            .await;
        let p = harness::provider(kind, &server.uri());
        let (r, usage, seen) = stream_call(&p, &Budget::unlimited()).await;
        assert_eq!(r.unwrap(), answer(), "{kind}");
        assert_eq!(
            (usage.tokens_in, usage.tokens_out, usage.requests),
            (150, 42, 1)
        );
        assert!(
            seen.len() >= 6,
            "{kind}: one report per delta at least: {seen:?}"
        );
        assert!(
            seen[..6].windows(2).all(|w| w[0] < w[1]),
            "{kind}: the estimate grows with the answer: {seen:?}"
        );
        assert_eq!(seen.last(), Some(&42), "{kind}: ends with the real count");
        let body: Value = server.received_requests().await.unwrap()[0]
            .body_json()
            .unwrap();
        assert_eq!(body["stream"], true, "{kind}");
        if kind == ProviderKind::OpenAi {
            assert_eq!(body["stream_options"]["include_usage"], true);
        }
    }
}

#[tokio::test]
async fn a_stream_cut_off_mid_way_is_retried_then_reported() {
    for kind in KINDS {
        let full = harness::sse_body(kind, &answer(), 6, (150, 42), true);
        let short = harness::sse_body(kind, &answer(), 6, (150, 42), false);
        // Cut at an event boundary in the middle of the answer.
        let events: Vec<&str> = short.split_inclusive("\n\n").collect();
        let half: String = events[..events.len() / 2 + 1].concat();

        // The connection drops mid-stream, then a complete stream.
        let (f, h) = (full.clone(), half.clone());
        let server = RawServer::start(move |n, _| match n {
            0 => RawReply::SseCutOff { partial: h.clone() },
            _ => RawReply::Sse { body: f.clone() },
        })
        .await;
        let p = harness::provider(kind, &server.url);
        let budget = Budget::new(Some(100.0));
        let (r, usage, seen) = stream_call(&p, &budget).await;
        assert_eq!(
            r.unwrap(),
            answer(),
            "{kind}: the retry got the whole answer"
        );
        assert_eq!(server.requests.load(Ordering::SeqCst), 2, "{kind}");
        assert_eq!(
            usage.requests, 1,
            "{kind}: the cut-off stream is not counted"
        );
        assert_eq!(seen.last(), Some(&42), "{kind}");
        assert_eq!(
            budget.reserved_usd(),
            0.0,
            "{kind}: the cut request released its reservation"
        );

        // Cut off on every attempt: a connection error that says so.
        let h = half.clone();
        let server = RawServer::start(move |_, _| RawReply::SseCutOff { partial: h.clone() }).await;
        let p = harness::provider(kind, &server.url);
        let (r, usage, _) = stream_call(&p, &Budget::unlimited()).await;
        match r {
            Err(ProviderError::Connection {
                attempts: 3,
                message,
                ..
            }) => {
                assert!(message.contains("stream cut off"), "{kind}: {message}")
            }
            other => panic!("{kind}: expected a connection error, got {other:?}"),
        }
        assert_eq!(
            server.requests.load(Ordering::SeqCst),
            3,
            "{kind}: max_attempts"
        );
        assert_eq!(usage.requests, 0);

        // The server closes cleanly before the end marker: the same.
        let s = short.clone();
        let server = RawServer::start(move |_, _| RawReply::Sse { body: s.clone() }).await;
        let p = harness::provider(kind, &server.url);
        let (r, _, _) = stream_call(&p, &Budget::unlimited()).await;
        let e = r.unwrap_err();
        let marker = match kind {
            ProviderKind::Anthropic => "before `message_stop`",
            ProviderKind::OpenAi => "before `[DONE]`",
        };
        assert!(
            matches!(&e, ProviderError::Connection { attempts: 3, message, .. }
                if message.contains("stream cut off") && message.contains(marker)),
            "{kind}: {e}"
        );
    }
}

#[tokio::test]
async fn an_error_event_in_the_stream_is_retried() {
    let kind = ProviderKind::Anthropic;
    let full = harness::sse_body(kind, &answer(), 3, (150, 42), true);
    let overloaded = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":150,\"output_tokens\":1}}}\n\n\
                      event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n"
        .to_owned();
    let server = RawServer::start(move |n, _| match n {
        0 => RawReply::Sse {
            body: overloaded.clone(),
        },
        _ => RawReply::Sse { body: full.clone() },
    })
    .await;
    let p = harness::provider(kind, &server.url);
    let (r, usage, _) = stream_call(&p, &Budget::unlimited()).await;
    assert_eq!(r.unwrap(), answer());
    assert_eq!(server.requests.load(Ordering::SeqCst), 2);
    assert_eq!(usage.requests, 1);
}

#[tokio::test]
async fn a_server_that_does_not_stream_is_read_as_usual() {
    for kind in KINDS {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(harness::ok(kind, &answer()))
            .mount(&server)
            .await;
        let p = harness::provider(kind, &server.uri());
        let (r, usage, seen) = stream_call(&p, &Budget::unlimited()).await;
        assert_eq!(r.unwrap(), answer(), "{kind}");
        assert_eq!((usage.tokens_in, usage.tokens_out), (100, 20));
        assert!(seen.is_empty(), "{kind}: no stream, no progress");
    }
}

#[tokio::test]
async fn a_repair_request_continues_the_count_of_the_call() {
    for kind in KINDS {
        let server = MockServer::start().await;
        // First a top-level schema violation (charged 30 tokens), then the
        // repaired answer (42 tokens).
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(200).set_body_raw(
                harness::sse_body(kind, &json!({"wrong": true}), 3, (150, 30), true),
                "text/event-stream",
            ))
            .up_to_n_times(1)
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(200).set_body_raw(
                harness::sse_body(kind, &answer(), 6, (200, 42), true),
                "text/event-stream",
            ))
            .mount(&server)
            .await;
        let p = harness::provider(kind, &server.uri());
        let (r, usage, seen) = stream_call(&p, &Budget::unlimited()).await;
        assert_eq!(r.unwrap(), answer(), "{kind}");
        assert_eq!((usage.requests, usage.tokens_out), (2, 72), "{kind}");
        assert!(
            seen.windows(2).all(|w| w[0] <= w[1]),
            "{kind}: the repair continues from 30: {seen:?}"
        );
        assert!(seen.contains(&30), "{kind}: {seen:?}");
        assert_eq!(seen.last(), Some(&72), "{kind}: the call's real total");
    }
}

/// The bodies the server received, as JSON.
async fn bodies(server: &MockServer) -> Vec<Value> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| r.body_json().unwrap())
        .collect()
}

/// (stream, stream_options, response_format type) of a request body.
fn form(body: &Value) -> (bool, bool, Option<&str>) {
    (
        body.get("stream") == Some(&json!(true)),
        body.get("stream_options").is_some(),
        body.pointer("/response_format/type")
            .and_then(Value::as_str),
    )
}

fn bad_request(message: &str) -> ResponseTemplate {
    ResponseTemplate::new(400).set_body_json(json!({"error": {"message": message}}))
}

#[tokio::test]
async fn a_server_that_refuses_stream_options_streams_without_them_and_remembers() {
    let kind = ProviderKind::OpenAi;
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(body_string_contains("stream_options"))
        .respond_with(bad_request(
            "Unrecognized request argument supplied: stream_options",
        ))
        .mount(&server)
        .await;
    // Without `stream_options` an OpenAI stream has no usage chunk.
    let no_usage: String = harness::sse_body(kind, &answer(), 6, (150, 42), true)
        .split_inclusive("\n\n")
        .filter(|e| !e.contains("\"usage\""))
        .collect();
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(no_usage, "text/event-stream"))
        .mount(&server)
        .await;
    let p = harness::provider(kind, &server.uri());
    let budget = Budget::unlimited();
    let (r, usage, seen) = stream_call(&p, &budget).await;
    assert_eq!(r.unwrap(), answer());
    assert_eq!(
        bodies(&server).await.iter().map(form).collect::<Vec<_>>(),
        [
            (true, true, Some("json_schema")),
            (true, false, Some("json_schema")),
        ],
        "retried once without stream_options; the answer format is kept"
    );
    assert_eq!(p.stream_support(), StreamSupport::WithoutUsage);
    assert!(!p.uses_json_fallback(), "not mistaken for a refused format");
    assert!(
        seen.len() >= 6 && seen.windows(2).all(|w| w[0] <= w[1]),
        "progress while streaming: {seen:?}"
    );
    assert_eq!(usage.requests, 1, "the 400 is not counted");
    assert!(
        usage.tokens_out > 0 && usage.tokens_in > 0,
        "a stream without usage is counted by estimate: {usage:?}"
    );
    assert_eq!(seen.last(), Some(&usage.tokens_out));

    // Remembered: the next call goes without stream_options at once.
    let (r, _, _) = stream_call(&p, &budget).await;
    assert_eq!(r.unwrap(), answer());
    let all = bodies(&server).await;
    assert_eq!(all.len(), 3);
    assert_eq!(form(&all[2]), (true, false, Some("json_schema")));
}

#[tokio::test]
async fn a_server_that_refuses_streaming_is_asked_without_it_and_remembers() {
    let kind = ProviderKind::OpenAi;
    let server = MockServer::start().await;
    // Refuses any `stream` field; `"stream"` (quoted) is not in `"stream_options"`.
    Mock::given(method("POST"))
        .and(body_string_contains("\"stream"))
        .respond_with(bad_request("streaming is not supported by this server"))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(harness::ok(kind, &answer()))
        .mount(&server)
        .await;
    let p = harness::provider(kind, &server.uri());
    let budget = Budget::unlimited();
    let (r, usage, seen) = stream_call(&p, &budget).await;
    assert_eq!(r.unwrap(), answer());
    assert_eq!(
        bodies(&server).await.iter().map(form).collect::<Vec<_>>(),
        [
            (true, true, Some("json_schema")),
            (true, false, Some("json_schema")),
            (false, false, Some("json_schema")),
        ],
        "without stream_options, then without stream; the format is kept"
    );
    assert_eq!(p.stream_support(), StreamSupport::Off);
    assert!(!p.uses_json_fallback());
    assert_eq!((usage.requests, usage.tokens_out), (1, 20));
    assert!(seen.is_empty(), "an unstreamed answer reports no progress");

    let (r, _, _) = stream_call(&p, &budget).await;
    assert_eq!(r.unwrap(), answer());
    let all = bodies(&server).await;
    assert_eq!(all.len(), 4, "remembered: one request for the next call");
    assert_eq!(form(&all[3]), (false, false, Some("json_schema")));
}

#[tokio::test]
async fn a_refused_json_schema_is_still_told_apart_while_streaming() {
    let kind = ProviderKind::OpenAi;
    let stream = || {
        ResponseTemplate::new(200).set_body_raw(
            harness::sse_body(kind, &answer(), 6, (150, 42), true),
            "text/event-stream",
        )
    };

    // The message names the format: lowered at once, streaming kept.
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(body_string_contains("\"json_schema\""))
        .respond_with(bad_request("response_format json_schema is not supported"))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(stream())
        .mount(&server)
        .await;
    let p = harness::provider(kind, &server.uri());
    let (r, _, _) = stream_call(&p, &Budget::unlimited()).await;
    assert_eq!(r.unwrap(), answer());
    assert_eq!(
        bodies(&server).await.iter().map(form).collect::<Vec<_>>(),
        [
            (true, true, Some("json_schema")),
            (true, true, Some("json_object"))
        ]
    );
    assert_eq!(p.stream_support(), StreamSupport::Full);
    assert!(p.uses_json_fallback());

    // A message that names nothing: the streaming fields are dropped first;
    // refused without them too, it is the format, and streaming comes back.
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(body_string_contains("\"json_schema\""))
        .respond_with(bad_request("Bad Request"))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(stream())
        .mount(&server)
        .await;
    let p = harness::provider(kind, &server.uri());
    let budget = Budget::unlimited();
    let (r, _, seen) = stream_call(&p, &budget).await;
    assert_eq!(r.unwrap(), answer());
    assert_eq!(
        bodies(&server).await.iter().map(form).collect::<Vec<_>>(),
        [
            (true, true, Some("json_schema")),
            (true, false, Some("json_schema")),
            (false, false, Some("json_schema")),
            (true, true, Some("json_object")),
        ]
    );
    assert_eq!(
        p.stream_support(),
        StreamSupport::Full,
        "streaming was not the fault"
    );
    assert!(p.uses_json_fallback());
    assert_eq!(seen.last(), Some(&42));
    let (r, _, _) = stream_call(&p, &budget).await;
    assert_eq!(r.unwrap(), answer());
    let all = bodies(&server).await;
    assert_eq!(all.len(), 5, "both choices remembered");
    assert_eq!(form(&all[4]), (true, true, Some("json_object")));
}

#[tokio::test]
async fn a_server_that_refuses_every_form_gets_a_bounded_number_of_requests() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(bad_request("context length exceeded"))
        .mount(&server)
        .await;
    let p = harness::provider(ProviderKind::OpenAi, &server.uri());
    let (r, usage, _) = stream_call(&p, &Budget::unlimited()).await;
    match r {
        Err(ProviderError::Refused {
            status: 400,
            message,
            ..
        }) => assert_eq!(message, "context length exceeded"),
        other => panic!("expected Refused, got {other:?}"),
    }
    // Three stream forms at each of the three answer formats.
    assert_eq!(bodies(&server).await.len(), 9);
    assert_eq!(usage.requests, 0);
}
