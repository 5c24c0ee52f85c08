//! The `tracing` feature: one span per call with the operation, method, id-free path template,
//! attempts, retry waits, status and elapsed time, and an event per retry; never a key, an id or
//! the server's URL. Captured by a small hand-written `Subscriber` (each test installs it for its
//! own thread, on tokio's current-thread runtime).

mod common;

use std::collections::BTreeMap;
use std::fmt::Debug;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{API_KEY, APP_KEY, retrying_client};
use datadog_v2_client::RetryPolicy;
use datadog_v2_client::apis::TeamsApi;
use datadog_v2_client::apis::teams::GetTeamOptionalParams;
use serde_json::json;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// What was recorded: each span's name and fields, each event's fields and its span's id.
#[derive(Debug, Default)]
struct Captured {
    spans: BTreeMap<u64, (String, Fields)>,
    events: Vec<(Option<u64>, Fields)>,
}

type Fields = BTreeMap<String, String>;

#[derive(Clone, Default)]
struct Capture {
    captured: Arc<Mutex<Captured>>,
    stack: Arc<Mutex<Vec<u64>>>,
    next: Arc<AtomicU64>,
}

struct Recorder<'a>(&'a mut Fields);

impl Visit for Recorder<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }
}

impl Subscriber for Capture {
    /// The client's own spans and events only (hyper's, under the same subscriber, name the
    /// address it connects to).
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        metadata.target().starts_with("datadog_v2_client")
    }
    fn new_span(&self, attributes: &Attributes<'_>) -> Id {
        let id = self.next.fetch_add(1, Ordering::SeqCst) + 1;
        let mut fields = Fields::new();
        attributes.record(&mut Recorder(&mut fields));
        self.captured.lock().unwrap().spans.insert(id, (attributes.metadata().name().to_owned(), fields));
        Id::from_u64(id)
    }
    fn record(&self, span: &Id, values: &Record<'_>) {
        let mut captured = self.captured.lock().unwrap();
        let (_, fields) = captured.spans.get_mut(&span.into_u64()).expect("a known span");
        values.record(&mut Recorder(fields));
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut fields = Fields::new();
        event.record(&mut Recorder(&mut fields));
        let parent = self.stack.lock().unwrap().last().copied();
        self.captured.lock().unwrap().events.push((parent, fields));
    }
    fn enter(&self, span: &Id) {
        self.stack.lock().unwrap().push(span.into_u64());
    }
    fn exit(&self, span: &Id) {
        let mut stack = self.stack.lock().unwrap();
        let position = stack.iter().rposition(|id| *id == span.into_u64()).expect("an entered span");
        stack.remove(position);
    }
}

fn team_body() -> serde_json::Value {
    json!({ "data": { "attributes": { "handle": "h", "name": "n" }, "id": "t-1", "type": "team" } })
}

/// The one `datadog_api.call` span and the events inside it, after `get_team("secret-team-id")`.
async fn trace_get_team(server: &MockServer, policy: RetryPolicy) -> (Fields, Vec<Fields>) {
    let (client, _sleeper) = retrying_client(server, policy);
    let capture = Capture::default();
    let guard = tracing::subscriber::set_default(capture.clone());
    let _ = TeamsApi::new(client).get_team("secret-team-id", GetTeamOptionalParams::default()).await;
    drop(guard);
    let captured = capture.captured.lock().unwrap();
    let calls: Vec<(&u64, &(String, Fields))> =
        captured.spans.iter().filter(|(_, (name, _))| name == "datadog_api.call").collect();
    assert_eq!(calls.len(), 1, "one span per call: {captured:#?}");
    let (id, (_, fields)) = calls[0];
    let events = captured.events.iter().filter(|(parent, _)| *parent == Some(*id)).map(|(_, f)| f.clone()).collect();
    // Nothing recorded holds a key, the id or the server's address.
    let everything = format!("{captured:?}");
    for secret in [API_KEY, APP_KEY].map(|k| format!("\"{k}\"")).into_iter().chain(["secret-team-id".into()]) {
        assert!(!everything.contains(&secret), "{secret} was recorded: {everything}");
    }
    assert!(!everything.contains("127.0.0.1"), "the URL was recorded: {everything}");
    (fields.clone(), events)
}

#[tokio::test]
async fn a_call_that_is_retried_has_one_span_with_its_attempts_and_waits_and_an_event_per_retry() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(503).set_body_json(json!({ "errors": ["unavailable"] })))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    Mock::given(any()).respond_with(ResponseTemplate::new(200).set_body_json(team_body())).mount(&server).await;
    let policy = RetryPolicy { max_attempts: 3, initial_backoff: Duration::from_millis(100), ..RetryPolicy::default() };
    let (span, events) = trace_get_team(&server, policy).await;

    assert_eq!(span["operation"], "get_team");
    assert_eq!(span["method"], "GET");
    assert_eq!(span["path_template"], "/api/v2/team/{team_id}");
    assert_eq!(span["attempts"], "3");
    assert_eq!(span["status"], "200");
    assert!(!span.contains_key("error"), "{span:?}");
    assert!(span["elapsed_ms"].parse::<u64>().is_ok(), "{span:?}");
    // Two backoffs of 100 ms then 200 ms, each jittered down to no less than half.
    let waited: u64 = span["retry_wait_ms"].parse().unwrap();
    assert!((150..=300).contains(&waited), "{span:?}");

    assert_eq!(events.len(), 2, "one event per retry: {events:#?}");
    for (n, event) in events.iter().enumerate() {
        assert_eq!(event["attempt"], (n + 1).to_string());
        assert_eq!(event["status"], "503");
        assert!(event["wait_ms"].parse::<u64>().is_ok());
        assert_eq!(event["message"], "retrying after an HTTP 503");
    }
    let event_waits: u64 = events.iter().map(|e| e["wait_ms"].parse::<u64>().unwrap()).sum();
    // Each figure is whole milliseconds, truncated: the sum may differ by less than one per wait.
    assert!(event_waits.abs_diff(waited) < 2, "events {event_waits} ms, span {waited} ms");
}

#[tokio::test]
async fn a_call_that_fails_records_its_status_and_the_kind_of_error() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({ "errors": ["not found"] })))
        .mount(&server)
        .await;
    let (span, events) = trace_get_team(&server, RetryPolicy::default()).await;
    assert_eq!(span["attempts"], "1");
    assert_eq!(span["status"], "404");
    assert_eq!(span["error"], "api");
    assert!(!span.contains_key("retry_wait_ms"), "{span:?}");
    assert!(events.is_empty(), "{events:?}");
}

#[tokio::test]
async fn a_transport_error_is_recorded_without_a_status() {
    // A port nobody listens on: the connection is refused.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    let config = datadog_v2_client::Configuration::new()
        .api_key(API_KEY)
        .base_url(format!("http://{address}"))
        .retry(RetryPolicy::disabled());
    let client = datadog_v2_client::Client::new(config).unwrap();
    let capture = Capture::default();
    let guard = tracing::subscriber::set_default(capture.clone());
    let result = TeamsApi::new(client).get_team("secret-team-id", GetTeamOptionalParams::default()).await;
    drop(guard);
    assert!(result.is_err());
    let captured = capture.captured.lock().unwrap();
    let (_, span) = captured.spans.values().find(|(name, _)| name == "datadog_api.call").expect("a call span");
    assert_eq!(span["error"], "transport");
    assert!(!span.contains_key("status"), "{span:?}");
    assert!(!format!("{captured:?}").contains("secret-team-id"));
}
