//! The real client against real HTTP servers misbehaving in every way the
//! module doc of `client` lists, for both wire formats.

use std::time::Duration;

use memaudit_providers::{Budget, ProviderError, ProviderKind};
use serde_json::{json, Value};
use tokio_util::sync::CancellationToken;
use wiremock::matchers::{body_string_contains, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::harness::{self, RawReply, RawServer, KEY};

const KINDS: [ProviderKind; 2] = [ProviderKind::Anthropic, ProviderKind::OpenAi];

async fn received(server: &MockServer) -> Vec<wiremock::Request> {
    server.received_requests().await.unwrap_or_default()
}

#[tokio::test]
async fn well_formed_requests_carry_the_wire_format_and_usage_is_counted() {
    for kind in KINDS {
        let server = MockServer::start().await;
        let auth = match kind {
            ProviderKind::Anthropic => header("x-api-key", KEY),
            ProviderKind::OpenAi => header("authorization", format!("Bearer {KEY}").as_str()),
        };
        Mock::given(method("POST"))
            .and(path(harness::path(kind)))
            .and(auth)
            .respond_with(harness::ok(kind, &json!({"items": [{"n": 1}]})))
            .mount(&server)
            .await;
        let p = harness::provider(kind, &server.uri());
        let r = p
            .structured(
                &harness::request(),
                &Budget::unlimited(),
                &CancellationToken::new(),
            )
            .await
            .unwrap();
        assert_eq!(
            r.value,
            json!({"items": [{"n": 1}]}),
            "{kind}: answer parsed"
        );
        assert_eq!(
            (r.usage.tokens_in, r.usage.tokens_out, r.usage.requests),
            (100, 20, 1)
        );
        let body: Value = received(&server).await[0].body_json().unwrap();
        match kind {
            ProviderKind::Anthropic => {
                assert_eq!(
                    body["tool_choice"],
                    json!({"type": "tool", "name": "answer"})
                );
                assert_eq!(body["tools"][0]["input_schema"], harness::items_schema());
                assert_eq!(body["system"], "You answer tests.");
                let reqs = received(&server).await;
                let h = &reqs[0].headers;
                assert_eq!(h.get("anthropic-version").unwrap(), "2023-06-01");
            }
            ProviderKind::OpenAi => {
                assert_eq!(body["response_format"]["type"], "json_schema");
                assert_eq!(body["response_format"]["json_schema"]["strict"], true);
                assert_eq!(body["messages"][0]["role"], "system");
            }
        }
    }
}

#[tokio::test]
async fn rate_limit_honours_retry_after_then_succeeds() {
    for (kind, retry_after) in [
        (ProviderKind::Anthropic, "1"),
        // A date in the past means "now"; a huge value is capped by max_wait.
        (ProviderKind::OpenAi, "Sun, 06 Nov 1994 08:49:37 GMT"),
        (ProviderKind::OpenAi, "3600"),
    ] {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(
                ResponseTemplate::new(429)
                    .insert_header("retry-after", retry_after)
                    .set_body_json(json!({"error": {"message": "rate limited"}})),
            )
            .up_to_n_times(1)
            .with_priority(1)
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .respond_with(harness::ok(kind, &json!({"items": []})))
            .mount(&server)
            .await;
        let mut cfg = harness::config(kind, &server.uri());
        cfg.max_wait = Duration::from_millis(1500);
        let p = harness::provider_with(cfg);
        let r = p
            .structured(
                &harness::request(),
                &Budget::unlimited(),
                &CancellationToken::new(),
            )
            .await;
        assert!(r.is_ok(), "{kind} retry-after {retry_after}: {r:?}");
        assert_eq!(received(&server).await.len(), 2, "one 429, one retry");
    }
}

#[tokio::test]
async fn overload_and_server_errors_back_off_within_bounded_attempts() {
    for kind in KINDS {
        for status in [529u16, 503, 500] {
            let server = MockServer::start().await;
            Mock::given(method("POST"))
                .respond_with(
                    ResponseTemplate::new(status)
                        .set_body_json(json!({"error": {"message": "Overloaded"}})),
                )
                .mount(&server)
                .await;
            let p = harness::provider(kind, &server.uri());
            let e = p
                .structured(
                    &harness::request(),
                    &Budget::unlimited(),
                    &CancellationToken::new(),
                )
                .await
                .unwrap_err();
            assert!(
                matches!(e, ProviderError::Unavailable { status: s, attempts: 3, .. } if s == status),
                "{kind} {status}: {e:?}"
            );
            assert!(
                e.to_string().contains("Overloaded"),
                "server message kept: {e}"
            );
            assert_eq!(
                received(&server).await.len(),
                3,
                "max_attempts bounds the retries"
            );
        }
        // A transient failure followed by success is invisible to the caller.
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(503))
            .up_to_n_times(2)
            .with_priority(1)
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .respond_with(harness::ok(kind, &json!({"items": []})))
            .mount(&server)
            .await;
        let p = harness::provider(kind, &server.uri());
        let r = p
            .structured(
                &harness::request(),
                &Budget::unlimited(),
                &CancellationToken::new(),
            )
            .await;
        assert!(r.is_ok(), "{kind}: third attempt succeeds: {r:?}");
    }
}

#[tokio::test]
async fn a_hung_server_times_out_on_every_attempt() {
    for kind in KINDS {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(
                harness::ok(kind, &json!({"items": []})).set_delay(Duration::from_secs(30)),
            )
            .mount(&server)
            .await;
        let mut cfg = harness::config(kind, &server.uri());
        cfg.timeout = Duration::from_millis(200);
        cfg.max_attempts = 2;
        let p = harness::provider_with(cfg);
        let e = p
            .structured(
                &harness::request(),
                &Budget::unlimited(),
                &CancellationToken::new(),
            )
            .await
            .unwrap_err();
        assert!(
            matches!(e, ProviderError::Timeout { attempts: 2, .. }),
            "{kind}: {e:?}"
        );
        assert_eq!(received(&server).await.len(), 2);
    }
}

#[tokio::test]
async fn a_body_cut_off_mid_way_is_retried_then_reported() {
    for kind in KINDS {
        let good = harness::answer_body(kind, &json!({"items": [{"n": 7}]}), 1, 1).to_string();
        let partial = good[..good.len() / 2].to_owned();
        // First answer cut off, second complete.
        let (g, p2) = (good.clone(), partial.clone());
        let server = RawServer::start(move |n, _| {
            if n == 0 {
                RawReply::CutOff {
                    declared: g.len(),
                    partial: p2.clone(),
                }
            } else {
                RawReply::Full {
                    status: 200,
                    body: g.clone(),
                    delay: Duration::ZERO,
                }
            }
        })
        .await;
        let p = harness::provider(kind, &server.url);
        let r = p
            .structured(
                &harness::request(),
                &Budget::unlimited(),
                &CancellationToken::new(),
            )
            .await
            .unwrap();
        assert_eq!(
            r.value["items"][0]["n"], 7,
            "{kind}: retry got the full answer"
        );
        assert_eq!(server.requests.load(std::sync::atomic::Ordering::SeqCst), 2);

        // Always cut off: a connection error naming the attempts.
        let server = RawServer::start(move |_, _| RawReply::CutOff {
            declared: good.len(),
            partial: partial.clone(),
        })
        .await;
        let p = harness::provider(kind, &server.url);
        let e = p
            .structured(
                &harness::request(),
                &Budget::unlimited(),
                &CancellationToken::new(),
            )
            .await
            .unwrap_err();
        assert!(
            matches!(e, ProviderError::Connection { attempts: 3, .. }),
            "{kind}: {e:?}"
        );
    }
}

#[tokio::test]
async fn invalid_json_gets_one_repair_request_then_invalid_answer() {
    for kind in KINDS {
        // Garbage, then a corrected answer.
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(harness::text_body(kind, "Sure! here {items: [")),
            )
            .up_to_n_times(1)
            .with_priority(1)
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(body_string_contains(
                "Your previous answer could not be used",
            ))
            .respond_with(harness::ok(kind, &json!({"items": [{"n": 2}]})))
            .mount(&server)
            .await;
        let p = harness::provider(kind, &server.uri());
        let r = p
            .structured(
                &harness::request(),
                &Budget::unlimited(),
                &CancellationToken::new(),
            )
            .await
            .unwrap();
        assert!(r.repaired, "{kind}: the repair request fixed it");
        assert_eq!(r.usage.requests, 2, "{kind}: usage counts both requests");
        let repair: Value = received(&server).await[1].body_json().unwrap();
        let text = repair.to_string();
        assert!(
            text.contains("not valid JSON"),
            "{kind}: the parse error is sent back"
        );
        assert!(
            text.contains("Sure! here"),
            "{kind}: the previous answer is sent back"
        );

        // Garbage twice: InvalidAnswer after exactly two requests.
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(harness::text_body(kind, "no json here")),
            )
            .mount(&server)
            .await;
        let p = harness::provider(kind, &server.uri());
        let e = p
            .structured(
                &harness::request(),
                &Budget::unlimited(),
                &CancellationToken::new(),
            )
            .await
            .unwrap_err();
        assert!(
            matches!(&e, ProviderError::InvalidAnswer { details, excerpt, .. }
                if details.contains("not valid JSON") && excerpt.contains("no json here")),
            "{kind}: {e:?}"
        );
        assert_eq!(
            received(&server).await.len(),
            2,
            "{kind}: one repair, no more"
        );
    }
}

#[tokio::test]
async fn schema_violations_get_a_repair_then_item_errors_or_invalid_answer() {
    for kind in KINDS {
        // Item-level violation twice: returned for per-item discarding.
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(harness::ok(
                kind,
                &json!({"items": [{"n": 1}, {"n": "two"}]}),
            ))
            .mount(&server)
            .await;
        let p = harness::provider(kind, &server.uri());
        let r = p
            .structured(
                &harness::request(),
                &Budget::unlimited(),
                &CancellationToken::new(),
            )
            .await
            .unwrap();
        assert!(r.repaired);
        assert_eq!(
            r.violations,
            vec!["/items/1/n: expected \"integer\", got \"two\"".to_owned()],
            "{kind}"
        );
        assert_eq!(
            received(&server).await.len(),
            2,
            "{kind}: one repair request"
        );

        // Top-level violation twice: nothing usable.
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(harness::ok(kind, &json!({"things": []})))
            .mount(&server)
            .await;
        let p = harness::provider(kind, &server.uri());
        let e = p
            .structured(
                &harness::request(),
                &Budget::unlimited(),
                &CancellationToken::new(),
            )
            .await
            .unwrap_err();
        assert!(
            matches!(&e, ProviderError::InvalidAnswer { details, .. } if details.contains("missing required field `items`")),
            "{kind}: {e:?}"
        );
    }
}

#[tokio::test]
async fn a_rejected_key_fails_at_once_with_one_request_and_no_key_in_the_message() {
    for kind in KINDS {
        for status in [401u16, 403] {
            let server = MockServer::start().await;
            Mock::given(method("POST"))
                .respond_with(ResponseTemplate::new(status).set_body_json(
                    json!({"error": {"message": format!("invalid x-api-key {KEY}")}}),
                ))
                .mount(&server)
                .await;
            let p = harness::provider(kind, &server.uri());
            let budget = Budget::unlimited();
            let cancel = CancellationToken::new();
            let e = p
                .structured(&harness::request(), &budget, &cancel)
                .await
                .unwrap_err();
            assert_eq!(
                e,
                ProviderError::KeyRejected {
                    provider: kind,
                    status
                }
            );
            // A second call does not try again: no request storm.
            let e2 = p
                .structured(&harness::request(), &budget, &cancel)
                .await
                .unwrap_err();
            assert_eq!(e2.code(), "key_rejected");
            assert_eq!(
                received(&server).await.len(),
                1,
                "{kind} {status}: exactly one request"
            );
            for text in [e.to_string(), format!("{e:?}"), format!("{p:?}")] {
                assert!(!text.contains(KEY), "the key leaked: {text}");
            }
        }
    }
}

#[tokio::test]
async fn openai_falls_back_when_json_schema_is_refused_and_remembers() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(body_string_contains("\"json_schema\""))
        .respond_with(ResponseTemplate::new(400).set_body_json(
            json!({"error": {"message": "response_format json_schema is not supported"}}),
        ))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(body_string_contains("json_object"))
        .respond_with(ResponseTemplate::new(200).set_body_json(harness::text_body(
            ProviderKind::OpenAi,
            "```json\n{\"items\": [{\"n\": 3}]}\n```",
        )))
        .mount(&server)
        .await;
    let p = harness::provider(ProviderKind::OpenAi, &server.uri());
    let (budget, cancel) = (Budget::unlimited(), CancellationToken::new());
    for _ in 0..2 {
        let r = p
            .structured(&harness::request(), &budget, &cancel)
            .await
            .unwrap();
        assert_eq!(r.value["items"][0]["n"], 3);
    }
    assert!(p.uses_json_fallback());
    let reqs = received(&server).await;
    let schema_requests = reqs
        .iter()
        .filter(|r| String::from_utf8_lossy(&r.body).contains("\"json_schema\""))
        .count();
    assert_eq!(reqs.len(), 3, "one refused, two answered");
    assert_eq!(
        schema_requests, 1,
        "the fallback is remembered for the next call"
    );
    let fallback: Value = reqs[2].body_json().unwrap();
    assert!(
        fallback["messages"][0]["content"]
            .as_str()
            .unwrap()
            .contains("Answer with one JSON object and nothing else"),
        "the fallback prompt asks for JSON only and carries the schema"
    );
}

#[tokio::test]
async fn the_concurrency_limit_holds() {
    let body = harness::answer_body(ProviderKind::OpenAi, &json!({"items": []}), 1, 1).to_string();
    let server = RawServer::start(move |_, _| RawReply::Full {
        status: 200,
        body: body.clone(),
        delay: Duration::from_millis(80),
    })
    .await;
    let mut cfg = harness::config(ProviderKind::OpenAi, &server.url);
    cfg.max_concurrency = 3;
    let p = harness::provider_with(cfg);
    let (budget, cancel) = (Budget::unlimited(), CancellationToken::new());
    let req = harness::request();
    let calls = (0..16).map(|_| p.structured(&req, &budget, &cancel));
    let results = futures_util::future::join_all(calls).await;
    assert!(results.iter().all(Result::is_ok));
    let max = server
        .max_in_flight
        .load(std::sync::atomic::Ordering::SeqCst);
    assert!(max <= 3, "at most 3 requests in flight, saw {max}");
    assert!(
        max >= 2,
        "calls do run in parallel up to the limit, saw {max}"
    );
    assert_eq!(
        server.requests.load(std::sync::atomic::Ordering::SeqCst),
        16
    );
}

#[tokio::test]
async fn cancellation_stops_a_request_in_flight() {
    for kind in KINDS {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(
                harness::ok(kind, &json!({"items": []})).set_delay(Duration::from_secs(30)),
            )
            .mount(&server)
            .await;
        let p = harness::provider(kind, &server.uri());
        let cancel = CancellationToken::new();
        let task = {
            let (p, cancel) = (p.clone(), cancel.clone());
            tokio::spawn(async move {
                p.structured(&harness::request(), &Budget::unlimited(), &cancel)
                    .await
            })
        };
        // Cancel once the server holds the request.
        while received(&server).await.is_empty() {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        cancel.cancel();
        let r = task.await.unwrap();
        assert_eq!(r.unwrap_err(), ProviderError::Cancelled, "{kind}");
        assert_eq!(
            received(&server).await.len(),
            1,
            "{kind}: no retry after cancel"
        );
    }
}

#[tokio::test]
async fn a_spent_budget_stops_calls_before_they_reach_the_network() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(harness::answer_body(
                ProviderKind::Anthropic,
                &json!({"items": []}),
                1_000_000,
                0,
            )),
        )
        .mount(&server)
        .await;
    let mut cfg = harness::config(ProviderKind::Anthropic, &server.uri());
    cfg.price = Some(memaudit_providers::Price {
        input_per_mtok_usd: 1.0,
        output_per_mtok_usd: 0.0,
    });
    cfg.max_concurrency = 1;
    let p = harness::provider_with(cfg);
    let budget = Budget::new(Some(2.5));
    let cancel = CancellationToken::new();
    let mut outcomes = Vec::new();
    for _ in 0..6 {
        outcomes.push(
            p.structured(&harness::request(), &budget, &cancel)
                .await
                .map(|r| r.usage.cost_usd),
        );
    }
    assert_eq!(
        outcomes.iter().filter(|o| o.is_ok()).count(),
        3,
        "$1 each until ≥ $2.5: {outcomes:?}"
    );
    assert!(outcomes[3..]
        .iter()
        .all(|o| matches!(o, Err(ProviderError::BudgetExhausted { .. }))));
    assert_eq!(received(&server).await.len(), 3, "no request after the cap");
    assert_eq!(budget.refused_calls(), 3);
    assert!((budget.spent_usd() - 3.0).abs() < 1e-9);
}

/// Eight requests in flight at once cannot overshoot the cap together: each
/// reserves an upper bound of its cost first, and one that does not fit
/// waits for the others or is refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_requests_never_spend_more_than_the_cap() {
    for kind in KINDS {
        let server = MockServer::start().await;
        // $0.01 in + $0.09 out = $0.10 per answer, within the bound.
        Mock::given(method("POST"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(harness::answer_body(
                        kind,
                        &json!({"items": []}),
                        1_000,
                        900,
                    ))
                    .set_delay(Duration::from_millis(30)),
            )
            .mount(&server)
            .await;
        let mut cfg = harness::config(kind, &server.uri());
        cfg.max_concurrency = 8;
        cfg.max_output_tokens = 1_000;
        cfg.price = Some(memaudit_providers::Price {
            input_per_mtok_usd: 10.0,
            output_per_mtok_usd: 100.0,
        });
        let p = harness::provider_with(cfg);
        let cap = 1.0;
        let budget = Budget::new(Some(cap));
        let cancel = CancellationToken::new();
        let request = harness::request();
        let calls = (0..40).map(|_| p.structured(&request, &budget, &cancel));
        let outcomes = futures_util::future::join_all(calls).await;

        let ok: Vec<f64> = outcomes
            .iter()
            .filter_map(|o| o.as_ref().ok().map(|r| r.usage.cost_usd))
            .collect();
        let refused = outcomes
            .iter()
            .filter(|o| matches!(o, Err(ProviderError::BudgetExhausted { .. })))
            .count();
        let spent = budget.spent_usd();
        let requests = received(&server).await;
        let bound = p.cost_bound(requests[0].body.len());
        assert!(
            bound > 0.1 && bound <= 0.2,
            "{kind}: a request may cost up to ${bound:.4} (1,000 output tokens = $0.10)"
        );
        println!(
            "{kind}: {} answers, {refused} refused, spent ${spent:.4} of ${cap:.2} (bound ${bound:.4} per request)",
            ok.len()
        );
        assert!(spent <= cap, "{kind}: spent ${spent} > cap ${cap}");
        assert!((ok.iter().sum::<f64>() - spent).abs() < 1e-9);
        assert_eq!(
            requests.len(),
            ok.len(),
            "{kind}: every request the server saw was paid for and no other"
        );
        // Each answer costs $0.10 and reserves up to $0.20: the run stops
        // only once the next bound no longer fits ($0.90 + bound > $1.00),
        // so nine answers, whatever the interleaving.
        assert_eq!(ok.len(), 9, "{kind}: {outcomes:?}");
        assert_eq!(refused, 31, "{kind}: the rest is refused without a request");
        assert!(
            spent + bound > cap,
            "{kind}: stopped only when the next could not fit"
        );
        assert_eq!(budget.reserved_usd(), 0.0, "{kind}: nothing left reserved");
    }
}
