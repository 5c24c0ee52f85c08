//! The client against misbehaving servers: absurd header values, bodies cut short, huge bodies
//! and headers, slow answers against `max_total`, endless or repeating pages, and bad base URLs.
//! Servers that wiremock cannot imitate are raw `TcpListener`s on 127.0.0.1. Every test is bounded
//! in time by small configured limits (and an outer `tokio::time::timeout`).

mod common;

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use common::{API_KEY, APP_KEY, ID, retrying_client};
use datadog_v2_client::apis::TeamsApi;
use datadog_v2_client::apis::teams::ListTeamsOptionalParams;
use datadog_v2_client::models::*;
use datadog_v2_client::{Client, Configuration, Error, MAX_RETRY_AFTER, RetryPolicy};
use futures::StreamExt;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

const TEAM: &str = r#"{"data":{"attributes":{"handle":"h","name":"n"},"id":"t-1","type":"team"}}"#;

/// Fails the test instead of hanging when the client does not stop by itself.
async fn bounded<T>(future: impl Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(10), future).await.expect("the call ends within 10 s")
}

/// A raw HTTP server on 127.0.0.1: for each connection, reads the request head and hands the
/// stream and the connection's number (from 0) to `respond`. Returns its base URL and a count of
/// the connections.
async fn raw_server<F, Fut>(respond: F) -> (String, Arc<AtomicUsize>)
where
    F: Fn(usize, TcpStream) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let count = Arc::new(AtomicUsize::new(0));
    let counter = count.clone();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let n = counter.fetch_add(1, Ordering::SeqCst);
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).await.is_ok_and(|read| read == 1) {
                head.push(byte[0]);
            }
            tokio::spawn(respond(n, stream));
        }
    });
    (url, count)
}

fn raw_config(url: &str) -> Configuration {
    Configuration::new().api_key(API_KEY).app_key(APP_KEY).base_url(url).retry(RetryPolicy::disabled())
}

fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 3,
        initial_backoff: Duration::from_millis(1),
        max_backoff: Duration::from_millis(5),
        ..RetryPolicy::default()
    }
}

// ---- header values that once panicked ----

/// A 429 asking for `u64::MAX` seconds, after two seconds of (recorded) waiting: no panic, no
/// retry past `max_total`, and `retry_after()` reports at most an hour.
#[tokio::test]
async fn an_absurd_rate_limit_reset_does_not_panic() {
    for header in ["X-RateLimit-Reset", "Retry-After"] {
        let server = MockServer::start().await;
        Mock::given(any())
            .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "2"))
            .up_to_n_times(1)
            .mount(&server)
            .await;
        Mock::given(any())
            .respond_with(ResponseTemplate::new(429).insert_header(header, u64::MAX.to_string().as_str()))
            .mount(&server)
            .await;
        let (client, sleeper) = retrying_client(&server, RetryPolicy { max_attempts: 5, ..RetryPolicy::default() });
        let error = bounded(TeamsApi::new(client).get_team(ID, Default::default())).await.expect_err("a 429");
        assert_eq!(error.status(), Some(429), "{header}");
        assert_eq!(sleeper.waits(), [Duration::from_secs(2)], "{header}: the second wait is past max_total");
        assert_eq!(error.retry_after(), Some(MAX_RETRY_AFTER), "{header}");
        assert_eq!(MAX_RETRY_AFTER, Duration::from_secs(3600));
    }
}

// ---- bodies cut short ----

/// A server whose first `cut` connections send the headers and half the body, then close.
async fn cutting_server(cut: usize) -> (String, Arc<AtomicUsize>) {
    raw_server(move |n, mut stream| async move {
        let head =
            format!("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n", TEAM.len());
        let body = if n < cut { &TEAM[..TEAM.len() / 2] } else { TEAM };
        let _ = stream.write_all(format!("{head}{body}").as_bytes()).await;
        let _ = stream.shutdown().await;
    })
    .await
}

#[tokio::test]
async fn a_get_whose_body_is_cut_is_retried() {
    let (url, connections) = cutting_server(1).await;
    let client = Client::new(raw_config(&url).retry(fast_retries())).unwrap();
    let team = bounded(TeamsApi::new(client).get_team(ID, Default::default())).await.expect("the retry succeeds");
    assert_eq!(team.data.unwrap().id, "t-1");
    assert_eq!(connections.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_cut_body_is_a_retryable_transport_failure() {
    let (url, connections) = cutting_server(usize::MAX).await;
    let client = Client::new(raw_config(&url)).unwrap();
    let error = bounded(TeamsApi::new(client).get_team(ID, Default::default())).await.expect_err("cut");
    assert!(matches!(error, Error::BodyRead { status: 200, .. }), "{error:?}");
    assert!(error.is_retryable());
    let message = error.to_string();
    assert!(message.contains("connection failed while reading the 200 response body"), "{message}");
    assert!(message.contains("transport failure"), "{message}");
    assert_eq!(connections.load(Ordering::SeqCst), 1);

    // POST is not idempotent: not retried.
    let client = Client::new(raw_config(&url).retry(fast_retries())).unwrap();
    let body = TeamCreateRequest::new(TeamCreate::new(TeamCreateAttributes::new("h", "n"), TeamType::Team));
    let error = bounded(TeamsApi::new(client).create_team(body, Default::default())).await.expect_err("cut");
    assert!(matches!(error, Error::BodyRead { .. }), "{error:?}");
    assert_eq!(connections.load(Ordering::SeqCst), 2, "one more connection, no retry");
}

// ---- sizes ----

#[tokio::test]
async fn a_body_over_the_limit_is_refused() {
    let server = MockServer::start().await;
    let big =
        json!({ "data": { "attributes": { "handle": "h", "name": "x".repeat(5_000) }, "id": "t", "type": "team" } });
    Mock::given(any()).respond_with(ResponseTemplate::new(200).set_body_json(&big)).mount(&server).await;
    let config = common::config(&server).max_body_size(1_000);
    let error = bounded(TeamsApi::new(Client::new(config).unwrap()).get_team(ID, Default::default()))
        .await
        .expect_err("too large");
    assert!(matches!(error, Error::BodyTooLarge { limit: 1_000, status: 200, .. }), "{error:?}");
    assert!(error.to_string().contains("larger than the limit of 1000 bytes"), "{error}");
    // At the limit exactly, it decodes.
    let exact = serde_json::to_vec(&big).unwrap().len();
    let config = common::config(&server).max_body_size(exact);
    bounded(TeamsApi::new(Client::new(config).unwrap()).get_team(ID, Default::default())).await.expect("fits");
    assert_eq!(datadog_v2_client::DEFAULT_MAX_BODY_SIZE, 64 << 20);
}

/// Without a Content-Length, the client stops reading at the limit: the server here would send
/// chunks forever.
#[tokio::test]
async fn an_endless_chunked_body_stops_at_the_limit() {
    let (url, _) = raw_server(|_, mut stream| async move {
        let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n";
        if stream.write_all(head.as_bytes()).await.is_err() {
            return;
        }
        let chunk = format!("{:x}\r\n{}\r\n", 1024, " ".repeat(1024));
        while stream.write_all(chunk.as_bytes()).await.is_ok() {}
    })
    .await;
    let client = Client::new(raw_config(&url).max_body_size(100_000)).unwrap();
    let error = bounded(TeamsApi::new(client).get_team(ID, Default::default())).await.expect_err("too large");
    assert!(matches!(error, Error::BodyTooLarge { limit: 100_000, .. }), "{error:?}");
}

#[tokio::test]
async fn huge_headers_are_a_transport_error() {
    let (url, _) = raw_server(|_, mut stream| async move {
        let head = format!("HTTP/1.1 200 OK\r\nx-big: {}\r\ncontent-length: 2\r\n\r\n{{}}", "a".repeat(2 << 20));
        let _ = stream.write_all(head.as_bytes()).await;
    })
    .await;
    let client = Client::new(raw_config(&url)).unwrap();
    let error = bounded(TeamsApi::new(client).get_team(ID, Default::default())).await.expect_err("refused");
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
}

// ---- time ----

/// Slow 503s: the whole call, waits and the last attempt included, ends within `max_total`.
#[tokio::test]
async fn max_total_bounds_the_whole_call() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(503).set_delay(Duration::from_millis(150)))
        .mount(&server)
        .await;
    let policy = RetryPolicy {
        max_attempts: 10,
        initial_backoff: Duration::from_millis(50),
        max_backoff: Duration::from_millis(50),
        max_total: Duration::from_millis(400),
        retry_non_idempotent: false,
    };
    let client = Client::new(common::config(&server).retry(policy)).unwrap();
    let started = Instant::now();
    let error = bounded(TeamsApi::new(client).get_team(ID, Default::default())).await.expect_err("gives up");
    let took = started.elapsed();
    assert!(took < Duration::from_millis(400) + Duration::from_millis(100), "took {took:?}");
    assert!(matches!(error, Error::Deadline { attempts: 2.., .. } | Error::Api(_)), "{error:?}");
    if let Error::Deadline { max_total, .. } = &error {
        assert_eq!(*max_total, Duration::from_millis(400));
        assert!(error.is_timeout());
        assert!(error.to_string().contains("RetryPolicy::max_total"), "{error}");
    }
    // One slow answer longer than max_total alone: cut at max_total.
    server.reset().await;
    Mock::given(any()).respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(3))).mount(&server).await;
    let policy = RetryPolicy { max_total: Duration::from_millis(300), ..RetryPolicy::default() };
    let client = Client::new(common::config(&server).retry(policy)).unwrap();
    let started = Instant::now();
    let error = bounded(TeamsApi::new(client).get_team(ID, Default::default())).await.expect_err("gives up");
    assert!(matches!(error, Error::Deadline { attempts: 1, .. }), "{error:?}");
    assert!(started.elapsed() < Duration::from_millis(800), "took {:?}", started.elapsed());
}

// ---- pages ----

fn team(id: String) -> Value {
    json!({ "attributes": { "handle": id, "name": id }, "id": id, "type": "team" })
}

/// A server that always answers a full page of new teams: the stream stops after `max_pages`.
#[tokio::test]
async fn endless_full_pages_stop_at_max_pages() {
    let (url, requests) = raw_server(|n, mut stream| async move {
        let teams: Vec<Value> = (0..2).map(|i| team(format!("t-{n}-{i}"))).collect();
        let body = json!({ "data": teams }).to_string();
        let head = format!("HTTP/1.1 200 OK\r\ncontent-length: {}\r\nconnection: close\r\n\r\n", body.len());
        let _ = stream.write_all(format!("{head}{body}").as_bytes()).await;
    })
    .await;
    let client = Client::new(raw_config(&url).max_pages(5)).unwrap();
    let api = TeamsApi::new(client);
    let items: Vec<Result<Team, Error>> =
        bounded(api.list_teams_with_pagination(ListTeamsOptionalParams::default().page_size(2)).collect()).await;
    assert_eq!(items.len(), 11, "5 pages of 2, then the error");
    assert!(items[..10].iter().all(Result::is_ok));
    let error = items[10].as_ref().unwrap_err();
    assert!(matches!(error, Error::Pagination(_)), "{error:?}");
    assert!(error.to_string().contains("5 full pages fetched"), "{error}");
    assert_eq!(requests.load(Ordering::SeqCst), 5);
    assert_eq!(datadog_v2_client::DEFAULT_MAX_PAGES, 10_000);
}

/// A server that ignores the page number and answers the same full page each time.
#[tokio::test]
async fn a_repeated_page_ends_the_stream() {
    let server = MockServer::start().await;
    let page = json!({ "data": [team("a".into()), team("b".into())] });
    Mock::given(any()).respond_with(ResponseTemplate::new(200).set_body_json(&page)).mount(&server).await;
    let api = TeamsApi::new(common::client(&server));
    let items: Vec<Result<Team, Error>> =
        bounded(api.list_teams_with_pagination(ListTeamsOptionalParams::default().page_size(2)).collect()).await;
    assert_eq!(items.len(), 3, "the first page, then the error: {items:?}");
    assert_eq!(items[1].as_ref().unwrap().id, "b");
    let error = items[2].as_ref().unwrap_err();
    assert!(error.to_string().contains("repeats the previous page"), "{error}");
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_page_size_below_one_is_refused() {
    let server = MockServer::start().await;
    let api = TeamsApi::new(common::client(&server));
    for size in [0, -5] {
        let items: Vec<Result<Team, Error>> =
            bounded(api.list_teams_with_pagination(ListTeamsOptionalParams::default().page_size(size)).collect()).await;
        assert_eq!(items.len(), 1);
        assert!(matches!(&items[0], Err(Error::InvalidArgument(m)) if m.contains("at least 1")), "{items:?}");
    }
    assert!(server.received_requests().await.unwrap().is_empty(), "nothing is fetched");
}

// ---- base URL ----

#[test]
fn a_base_url_with_a_query_or_fragment_is_refused() {
    for url in ["https://api.example.com/?x=1", "https://api.example.com#frag", "https://api.example.com/v?"] {
        match Client::new(Configuration::new().base_url(url)) {
            Err(Error::Configuration(message)) => assert!(message.contains("query or a fragment"), "{message}"),
            other => panic!("{url}: refused expected, got {other:?}"),
        }
    }
    Client::new(Configuration::new().base_url("https://proxy.example.com/datadog/")).expect("a path prefix is fine");
}

#[test]
fn a_password_in_the_base_url_is_redacted() {
    let config = Configuration::new().api_key("k").base_url("http://user:hunter2@proxy.example.com:8080/dd");
    let debug = format!("{config:?}");
    assert!(!debug.contains("hunter2"), "{debug}");
    // The whole userinfo is redacted, the user name too (a key may be given as either).
    assert!(debug.contains("http://<redacted>@proxy.example.com:8080/dd"), "{debug}");
    // Keys over plain http to a non-loopback host: the error names the URL, redacted.
    let message = Client::new(config).unwrap_err().to_string();
    assert!(!message.contains("hunter2") && message.contains("<redacted>"), "{message}");
    let message = Client::new(Configuration::new().base_url("https://u:hunter2@proxy.example.com/?q")).unwrap_err();
    assert!(!message.to_string().contains("hunter2"), "{message}");
}

/// A key given as the user name of the base URL (`https://KEY@host`) never shows: not in
/// `Debug`, nor in the error refusing it over plain http (Display and Debug), nor in a transport
/// error's.
#[tokio::test]
async fn a_key_in_the_user_part_of_the_base_url_is_redacted() {
    let key = "0123456789abcdef0123456789abcdef";
    let config = Configuration::new().api_key("k").base_url(format!("http://{key}@example.invalid"));
    let debug = format!("{config:?}");
    assert!(!debug.contains(key) && debug.contains("http://<redacted>@example.invalid"), "{debug}");
    let error = Client::new(config).unwrap_err();
    let (display, debug) = (error.to_string(), format!("{error:?}"));
    assert!(!display.contains(key) && !debug.contains(key), "{display} / {debug}");
    assert!(display.contains("<redacted>@example.invalid"), "{display}");
    let error = Client::new(Configuration::new().base_url(format!("https://{key}@example.invalid/?q"))).unwrap_err();
    assert!(!format!("{error} {error:?}").contains(key), "{error}");

    // A transport error (nothing listens) on a loopback base URL with the key as its user name.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let config = raw_config(&format!("http://{key}@127.0.0.1:{port}"));
    let error = bounded(TeamsApi::new(Client::new(config).unwrap()).get_team(ID, Default::default()))
        .await
        .expect_err("nothing listens");
    let Error::Transport(transport) = &error else { panic!("a transport error expected: {error:?}") };
    assert!(transport.url().is_some_and(|url| url.starts_with("http://<redacted>@127.0.0.1")), "{transport}");
    let mut chain = format!("{error} {error:?}");
    let mut source = std::error::Error::source(&error);
    while let Some(e) = source {
        chain.push_str(&format!(" {e} {e:?}"));
        source = e.source();
    }
    assert!(!chain.contains(key), "{chain}");
}

/// A transport error to a base URL with a password does not show the password either.
#[tokio::test]
async fn a_password_in_the_base_url_stays_out_of_transport_errors() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let config = raw_config(&format!("http://user:hunter2@127.0.0.1:{port}"));
    let error = bounded(TeamsApi::new(Client::new(config).unwrap()).get_team(ID, Default::default()))
        .await
        .expect_err("nothing listens");
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    let (display, debug) = (error.to_string(), format!("{error:?}"));
    assert!(!display.contains("hunter2") && !debug.contains("hunter2"), "{display} / {debug}");
}
