//! The `tracing` feature (enabled on `wickr` and `sdkgen-runtime` in tests/Cargo.toml): one
//! span per operation with its fields, an event per retry, and no secret in any of them,
//! captured by a small `tracing::Subscriber` of this file against the test server.

use std::collections::BTreeMap;
use std::fmt::Debug;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use sdkgen_runtime::{ClientBuilder, Request};
use sdkgen_tests::fixtures::SECRET;
use sdkgen_tests::{Reply, TestServer};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// A span or an event as recorded: name, target, parent span (for events) and fields.
#[derive(Debug, Clone, Default)]
struct Recorded {
    name: String,
    target: String,
    parent: Option<u64>,
    fields: BTreeMap<String, String>,
}

/// Records every span and event, of any target, with every field's value as text.
#[derive(Debug, Default)]
struct Capture {
    next: AtomicU64,
    spans: Mutex<BTreeMap<u64, Recorded>>,
    events: Mutex<Vec<Recorded>>,
    /// The spans entered on this (the test's only) thread.
    stack: Mutex<Vec<u64>>,
}

struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let id = self.next.fetch_add(1, Ordering::Relaxed) + 1;
        let mut recorded = Recorded {
            name: span.metadata().name().to_owned(),
            target: span.metadata().target().to_owned(),
            ..Recorded::default()
        };
        span.record(&mut Fields(&mut recorded.fields));
        self.spans.lock().expect("lock").insert(id, recorded);
        Id::from_u64(id)
    }

    fn record(&self, span: &Id, values: &Record<'_>) {
        if let Some(recorded) = self.spans.lock().expect("lock").get_mut(&span.into_u64()) {
            values.record(&mut Fields(&mut recorded.fields));
        }
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let parent = match event.parent() {
            Some(id) => Some(id.into_u64()),
            None if event.is_contextual() => self.stack.lock().expect("lock").last().copied(),
            None => None,
        };
        let mut recorded = Recorded {
            name: event.metadata().name().to_owned(),
            target: event.metadata().target().to_owned(),
            parent,
            ..Recorded::default()
        };
        event.record(&mut Fields(&mut recorded.fields));
        self.events.lock().expect("lock").push(recorded);
    }

    fn enter(&self, span: &Id) {
        self.stack.lock().expect("lock").push(span.into_u64());
    }

    fn exit(&self, span: &Id) {
        let mut stack = self.stack.lock().expect("lock");
        if let Some(at) = stack.iter().rposition(|id| *id == span.into_u64()) {
            stack.remove(at);
        }
    }
}

impl Capture {
    /// The runtime's operation spans, by id.
    fn operations(&self) -> Vec<(u64, Recorded)> {
        let spans = self.spans.lock().expect("lock");
        spans.iter().filter(|(_, s)| s.target == "sdkgen_runtime" && s.name == "operation").map(|(id, s)| (*id, s.clone())).collect()
    }

    /// The runtime's spans and events (target `sdkgen_runtime`), as one text.
    fn ours(&self) -> String {
        let events: Vec<Recorded> = self.events.lock().expect("lock").iter().filter(|e| e.target == "sdkgen_runtime").cloned().collect();
        format!("{:?} {events:?}", self.operations())
    }

    /// Everything recorded, of every target, as one text.
    fn everything(&self) -> String {
        format!("{:?} {:?}", self.spans.lock().expect("lock"), self.events.lock().expect("lock"))
    }
}

/// The fields of a span or event, as `(name, value)` text pairs, sorted by name.
fn fields_of(recorded: &Recorded) -> Vec<(&str, &str)> {
    recorded.fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

#[tokio::test]
async fn one_span_per_wickr_operation_with_its_fields_and_an_event_per_retry() {
    let capture = Arc::new(Capture::default());
    let _guard = tracing::subscriber::set_default(Arc::clone(&capture));
    let server = TestServer::start(vec![
        Reply::json(503, r#"{"message": "busy"}"#),
        Reply::json(200, r#"{"users": []}"#).header("x-amzn-requestid", "req-42"),
    ])
    .await;
    let client = wickr::Client::builder().region("us-east-1")
        .base_url(server.url())
        .credentials(wickr::Credentials::new("AKIDEXAMPLE", SECRET, Some("SESSION-TOKEN-SECRET".into())))
        .retry(super::fast_retries())
        .build()
        .expect("valid configuration");
    client
        .list_users()
        .network_id("NETWORK-ID-SECRET")
        .username("USERNAME-SECRET")
        .send()
        .await
        .expect("200 after a 503");
    assert_eq!(server.received().len(), 2);

    let operations = capture.operations();
    assert_eq!(operations.len(), 1, "one span for the operation, not one per attempt: {operations:?}");
    let (id, span) = &operations[0];
    let mut fields = fields_of(span);
    let duration = fields.iter().position(|(k, _)| *k == "duration_ms").map(|at| fields.remove(at));
    assert!(duration.is_some_and(|(_, ms)| ms.parse::<u64>().is_ok()), "{span:?}");
    assert_eq!(
        fields,
        [
            ("attempts", "2"),
            ("method", "GET"),
            ("operation", "ListUsers"),
            ("path_template", "/networks/{networkId}/users"),
            ("request_id", "req-42"),
            ("status", "200"),
        ]
    );
    let retries: Vec<Recorded> = capture.events.lock().expect("lock").iter().filter(|e| e.target == "sdkgen_runtime").cloned().collect();
    assert_eq!(retries.len(), 1, "{retries:?}");
    assert_eq!(retries[0].parent, Some(*id), "the retry event is inside the operation's span");
    let mut event = fields_of(&retries[0]);
    event.retain(|(k, _)| *k != "delay_ms");
    assert_eq!(
        event,
        [("attempt", "1"), ("message", "retry"), ("reason", "status"), ("status", "503"), ("stopped", "false")]
    );

    // Nothing of the filled path, the query or the credentials in what the runtime records.
    let ours = capture.ours();
    for secret in ["NETWORK-ID-SECRET", "USERNAME-SECRET", "SESSION-TOKEN-SECRET", SECRET, "AKIDEXAMPLE", "AWS4-HMAC"] {
        assert!(!ours.contains(secret), "`{secret}` was recorded: {ours}");
    }
    // Nor the secret key or the session token in what any crate records. (aws-sigv4's own
    // DEBUG and TRACE events show the access key id, the URL with its query and the
    // canonical request: see the README's tracing section, which says to filter them.)
    let everything = capture.everything();
    for secret in ["SESSION-TOKEN-SECRET", SECRET] {
        assert!(!everything.contains(secret), "`{secret}` was recorded: {everything}");
    }
}

/// API keys in a header and in the query, a bearer token, a cookie key, and values in the
/// path: none is recorded; a failed operation says why in one word.
#[tokio::test]
async fn no_credential_or_value_is_recorded_and_failures_name_their_kind() {
    let capture = Arc::new(Capture::default());
    let _guard = tracing::subscriber::set_default(Arc::clone(&capture));
    let server = TestServer::start(vec![Reply::json(404, r#"{"message": "no"}"#).header("x-request-id", "rid-7")]).await;
    let client = |bearer: bool| {
        let builder = ClientBuilder::new("tracing-test")
            .base_url(server.url())
            .api_key_header("x-api-key", "SECRET-HEADER-KEY")
            .api_key_query("api_key", "SECRET-QUERY-KEY")
            .api_key_cookie("session", "SECRET-COOKIE")
            .retry(sdkgen_runtime::RetryConfig::disabled());
        let builder = if bearer { builder.bearer_token("SECRET-BEARER") } else { builder };
        builder.build().expect("valid configuration")
    };
    let request = Request::new(sdkgen_runtime::http::Method::GET, "/things/SECRET-ID".into())
        .query("filter", "SECRET-FILTER")
        .header("x-note", "SECRET-NOTE")
        .operation("GetThing", "/things/{id}");
    let response = client(true).send::<std::convert::Infallible>(request.clone()).await.expect("a response");
    assert_eq!(response.status(), 404);
    let received = server.received();
    assert!(received[0].target.contains("api_key=SECRET-QUERY-KEY"), "the keys were sent: {:?}", received[0]);

    // A request that cannot be built: its span says so.
    let bad = request.header("x-bad", "line\nbreak");
    assert!(client(false).send::<std::convert::Infallible>(bad).await.is_err());

    let operations = capture.operations();
    assert_eq!(operations.len(), 2, "{operations:?}");
    let first = &operations[0].1.fields;
    assert_eq!((first["operation"].as_str(), first["path_template"].as_str()), ("GetThing", "/things/{id}"));
    assert_eq!((first["status"].as_str(), first["request_id"].as_str()), ("404", "rid-7"));
    assert!(!first.contains_key("error"), "{first:?}");
    let second = &operations[1].1.fields;
    assert_eq!(second.get("error").map(String::as_str), Some("construction"), "{second:?}");
    assert!(!second.contains_key("status"), "{second:?}");

    // No signing here: nothing of them in what any crate recorded.
    let everything = capture.everything();
    assert!(everything.contains("GetThing"), "{everything}");
    for secret in ["SECRET", "line\nbreak", "/things/S", "api_key", "filter"] {
        assert!(!everything.contains(secret), "`{secret}` was recorded: {everything}");
    }
}

/// A connection refused, retried: the retry events and the span name the kind of failure,
/// never the error's text (which names the host and port).
#[tokio::test]
async fn transport_failures_are_one_word() {
    let capture = Arc::new(Capture::default());
    let _guard = tracing::subscriber::set_default(Arc::clone(&capture));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    drop(listener);
    let client = ClientBuilder::new("tracing-test")
        .base_url(&url)
        .retry(sdkgen_runtime::RetryConfig::default().with_max_attempts(2).with_initial_backoff(std::time::Duration::from_millis(1)))
        .build()
        .expect("valid configuration");
    let request = Request::new(sdkgen_runtime::http::Method::GET, "/x".into()).operation("GetX", "/x");
    assert!(client.send::<std::convert::Infallible>(request).await.is_err());
    let operations = capture.operations();
    assert_eq!(operations.len(), 1);
    let span = &operations[0].1.fields;
    assert_eq!((span["error"].as_str(), span["attempts"].as_str()), ("connect", "2"), "{span:?}");
    let events = capture.events.lock().expect("lock").clone();
    let retry = events.iter().find(|e| e.target == "sdkgen_runtime").expect("a retry event");
    assert_eq!(retry.fields["reason"], "connect");
    assert!(!retry.fields.contains_key("status"));
}
