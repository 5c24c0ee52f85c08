//! The client in the user's HTTP stack (issue 19): redirects are the client's decision whatever
//! the user configures (`configure_reqwest`, proxies), transport errors are our own type, the
//! proxy and root-certificate settings, and the request/response hooks on every attempt,
//! retries included. Every server is local (wiremock on 127.0.0.1).

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{ID, ID_RAW, RecordingSleeper};
use datadog_v2_client::apis::TeamsApi;
use datadog_v2_client::{Client, Configuration, Error, HeaderValue, RetryPolicy, TransportErrorKind};
use wiremock::matchers::{any, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const API_KEY: &str = "api-key-0123456789abcdef";
const APP_KEY: &str = "app-key-fedcba9876543210";
const TEAM: &str = r#"{"data":{"attributes":{"handle":"h","name":"n"},"id":"t-1","type":"team"}}"#;

fn config(base_url: &str) -> Configuration {
    Configuration::new().api_key(API_KEY).app_key(APP_KEY).base_url(base_url).retry(RetryPolicy::disabled())
}

/// `configure` applied as `configure_reqwest`: reqwest's own redirect policy turned back on
/// (follow anything, 10 times), as a user could.
fn following_everything(config: Configuration) -> Configuration {
    config.configure_reqwest(|builder| builder.redirect(reqwest::redirect::Policy::limited(10)))
}

fn team_answer() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(TEAM, "application/json")
}

/// Nothing of the request reaches another origin, whatever redirect policy the user's reqwest
/// builder asks for; the call fails with a `Redirect` transport error naming the target.
#[tokio::test]
async fn a_redirect_to_another_origin_is_refused_whatever_the_user_configures() {
    for status in [301, 302, 303, 307, 308] {
        for user_policy in [false, true] {
            let origin = MockServer::start().await;
            let elsewhere = MockServer::start().await;
            Mock::given(any()).respond_with(team_answer()).mount(&elsewhere).await;
            let location = format!("{}/collect", elsewhere.uri());
            Mock::given(any())
                .respond_with(ResponseTemplate::new(status).insert_header("Location", location.as_str()))
                .mount(&origin)
                .await;
            let mut config = config(&origin.uri());
            if user_policy {
                config = following_everything(config);
            }
            let error = TeamsApi::new(Client::new(config).unwrap())
                .get_team(ID, Default::default())
                .await
                .expect_err("a redirect to another origin fails");
            let case = format!("{status}, user policy {user_policy}");
            assert!(
                elsewhere.received_requests().await.unwrap().is_empty(),
                "{case}: a request reached the other origin"
            );
            let Error::Transport(transport) = &error else { panic!("{case}: {error:?}") };
            assert_eq!(transport.kind(), TransportErrorKind::Redirect, "{case}");
            assert!(!error.is_retryable(), "{case}");
            let message = error.to_string();
            assert!(message.contains("another origin") && message.contains(&location), "{case}: {message}");
            assert!(!message.contains(API_KEY) && !format!("{error:?}").contains(API_KEY), "{case}");
        }
    }
}

/// A redirect within the origin is followed, keys and body kept for a 307, the method and body
/// dropped for a 303; the answer is the last one's.
#[tokio::test]
async fn redirects_within_the_origin_are_followed() {
    let server = MockServer::start().await;
    Mock::given(path(format!("/api/v2/team/{ID_RAW}")))
        .respond_with(ResponseTemplate::new(307).insert_header("Location", "/moved/team"))
        .mount(&server)
        .await;
    Mock::given(path("/moved/team")).respond_with(team_answer()).mount(&server).await;
    let client = Client::new(following_everything(config(&server.uri()))).unwrap();
    let team = TeamsApi::new(client).get_team(ID, Default::default()).await.expect("followed");
    assert_eq!(team.data.unwrap().id, "t-1");
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    for request in &requests {
        assert_eq!(request.headers.get("dd-api-key").unwrap(), API_KEY, "{}", request.url);
        assert_eq!(request.headers.get("dd-application-key").unwrap(), APP_KEY, "{}", request.url);
    }

    // 303 after a DELETE: the next request is a GET.
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(303).insert_header("Location", "/done"))
        .mount(&server)
        .await;
    Mock::given(method("GET")).and(path("/done")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    let client = Client::new(config(&server.uri())).unwrap();
    TeamsApi::new(client).delete_team(ID, Default::default()).await.expect("followed to a 204");
    let methods: Vec<String> = server.received_requests().await.unwrap().iter().map(|r| r.method.to_string()).collect();
    assert_eq!(methods, ["DELETE", "GET"]);
}

/// A server redirecting to itself forever: the client stops after `max_redirects`.
#[tokio::test]
async fn redirects_are_bounded() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(302).insert_header("Location", "/again"))
        .mount(&server)
        .await;
    let client = Client::new(following_everything(config(&server.uri())).max_redirects(3)).unwrap();
    let error = TeamsApi::new(client).get_team(ID, Default::default()).await.expect_err("endless redirects");
    let Error::Transport(transport) = &error else { panic!("{error:?}") };
    assert_eq!(transport.kind(), TransportErrorKind::Redirect);
    assert!(error.to_string().contains("more than 3 redirects"), "{error}");
    assert_eq!(server.received_requests().await.unwrap().len(), 4, "the request and 3 redirects");
}

/// Requests go through the configured proxy (here a plain-http one on loopback, which answers
/// itself): the base URL's host is never contacted directly. Redirects through it stay
/// same-origin only.
#[tokio::test]
async fn requests_go_through_the_configured_proxy() {
    let proxy = MockServer::start().await;
    Mock::given(any()).respond_with(team_answer()).mount(&proxy).await;
    // Port 9 on loopback: nothing listens there.
    let config = config("http://127.0.0.1:9").proxy(proxy.uri());
    let team = TeamsApi::new(Client::new(config).unwrap()).get_team(ID, Default::default()).await.expect("proxied");
    assert_eq!(team.data.unwrap().id, "t-1");
    let requests = proxy.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].url.as_str(), format!("http://127.0.0.1:9/api/v2/team/{ID_RAW}"), "absolute-form request");

    let with_credentials = Configuration::new().proxy("http://user:proxy-secret@proxy.example.com:3128");
    let client = format!("{:?}", Client::new(with_credentials.clone()).unwrap());
    assert!(!client.contains("proxy-secret"), "{client}");
    let shown = format!("{with_credentials:?}");
    assert!(!shown.contains("proxy-secret") && !shown.contains("user:"), "{shown}");
    assert!(shown.contains("http://<redacted>@proxy.example.com:3128"), "{shown}");
    let error = Client::new(Configuration::new().proxy("not a url at all")).unwrap_err();
    assert!(matches!(&error, Error::Configuration(m) if m.contains("proxy")), "{error:?}");
}

/// Extra root certificates: a PEM certificate is accepted, text that is not one is refused when
/// the client is built, saying which.
#[test]
fn root_certificates_are_checked_when_the_client_is_built() {
    let pem = include_bytes!("../fixtures/tls/root.pem");
    Client::new(Configuration::new().add_root_certificate_pem(&pem[..])).expect("a PEM certificate");
    let error = Client::new(Configuration::new().add_root_certificate_pem(&pem[..]).add_root_certificate_pem("nope"))
        .expect_err("not a certificate");
    assert!(matches!(&error, Error::Configuration(m) if m.contains("root certificate 2")), "{error:?}");
}

/// A transport error is our own type: its kind, retryable or not, and the underlying errors
/// through `source()`.
#[tokio::test]
async fn transport_errors_say_what_failed() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let base = format!("http://127.0.0.1:{port}");
    let error = TeamsApi::new(Client::new(config(&base)).unwrap())
        .get_team(ID, Default::default())
        .await
        .expect_err("nothing listens");
    let Error::Transport(transport) = &error else { panic!("{error:?}") };
    assert_eq!(transport.kind(), TransportErrorKind::Connect, "{transport}");
    assert!(transport.is_retryable() && error.is_retryable() && !error.is_timeout());
    assert_eq!(transport.url(), Some(format!("{base}/api/v2/team/{ID_RAW}").as_str()));
    let source = std::error::Error::source(&error).expect("the transport error");
    assert!(source.source().is_some(), "the HTTP stack's error is kept as the source: {source:?}");

    let server = MockServer::start().await;
    Mock::given(any()).respond_with(team_answer().set_delay(Duration::from_secs(5))).mount(&server).await;
    let error = TeamsApi::new(Client::new(config(&server.uri()).timeout(Duration::from_millis(100))).unwrap())
        .get_team(ID, Default::default())
        .await
        .expect_err("too slow");
    let Error::Transport(transport) = &error else { panic!("{error:?}") };
    assert_eq!(transport.kind(), TransportErrorKind::Timeout);
    assert!(error.is_timeout() && error.is_retryable());
}

/// What a response hook saw of one attempt.
#[derive(Debug, PartialEq)]
struct Seen {
    operation: &'static str,
    method: String,
    path_template: Option<&'static str>,
    attempt: u32,
    status: Option<u16>,
    remaining: Option<String>,
    error: Option<String>,
}

/// The request hook's header is on every attempt, the response hook sees every attempt: a 503,
/// then the retried 200 with its rate-limit header; and a transport failure.
#[tokio::test]
async fn hooks_see_every_attempt_retries_included() {
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(ResponseTemplate::new(503)).up_to_n_times(1).mount(&server).await;
    Mock::given(any()).respond_with(team_answer().insert_header("X-RateLimit-Remaining", "41")).mount(&server).await;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let elapsed = Arc::new(Mutex::new(Vec::new()));
    let hooks = |config: Configuration| {
        let (seen, elapsed) = (seen.clone(), elapsed.clone());
        config
            .on_request(|request, headers| {
                let value = format!("00-{:032x}-{:016x}-01", 7, request.attempt);
                headers.insert("traceparent", HeaderValue::from_str(&value).unwrap());
            })
            .on_response(move |response| {
                elapsed.lock().unwrap().push(response.elapsed);
                seen.lock().unwrap().push(Seen {
                    operation: response.operation,
                    method: response.method.to_string(),
                    path_template: response.path_template,
                    attempt: response.attempt,
                    status: response.status,
                    remaining: response
                        .headers
                        .and_then(|h| h.get("x-ratelimit-remaining"))
                        .map(|v| v.to_str().unwrap().to_owned()),
                    error: response.error.map(|e| e.to_string()),
                })
            })
    };
    let sleeper = Arc::new(RecordingSleeper::default());
    let retrying = hooks(config(&server.uri()).retry(RetryPolicy::default()).sleeper(sleeper.clone()));
    let team = TeamsApi::new(Client::new(retrying).unwrap()).get_team(ID, Default::default()).await.expect("retried");
    assert_eq!(team.data.unwrap().id, "t-1");

    let traceparents: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| r.headers.get("traceparent").expect("traceparent on every attempt").to_str().unwrap().to_owned())
        .collect();
    assert_eq!(traceparents, [format!("00-{:032x}-{:016x}-01", 7, 1), format!("00-{:032x}-{:016x}-01", 7, 2)]);
    let attempt = |attempt, status, remaining: Option<&str>| Seen {
        operation: "get_team",
        method: "GET".to_owned(),
        path_template: Some("/api/v2/team/{team_id}"),
        attempt,
        status: Some(status),
        remaining: remaining.map(str::to_owned),
        error: None,
    };
    assert_eq!(*seen.lock().unwrap(), [attempt(1, 503, None), attempt(2, 200, Some("41"))]);
    assert!(elapsed.lock().unwrap().iter().all(|e| *e > Duration::ZERO));

    // A transport failure is observed too, with its error and no status.
    seen.lock().unwrap().clear();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let unreachable = hooks(config(&format!("http://127.0.0.1:{port}")));
    let _ = TeamsApi::new(Client::new(unreachable).unwrap()).delete_team(ID, Default::default()).await.unwrap_err();
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 1);
    assert_eq!((seen[0].operation, seen[0].method.as_str(), seen[0].status), ("delete_team", "DELETE", None));
    assert!(seen[0].error.as_deref().is_some_and(|e| e.starts_with("request failed: could not connect")), "{seen:?}");
}

/// The README's "Hooks" example, verbatim between the markers (a test checks that the README
/// shows exactly this code), run against a mock server below.
mod readme_hooks {
    // README example start
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex};
    use std::time::Duration;

    use datadog_v2_client::{Configuration, HeaderValue};

    /// Per-operation metrics: attempts by operation and status (`None`: no answer), and the
    /// time they took.
    #[derive(Default)]
    pub struct Metrics {
        pub attempts: Mutex<HashMap<(&'static str, Option<u16>), u32>>,
        pub time: Mutex<HashMap<&'static str, Duration>>,
    }

    /// `config` sending the current trace context (W3C `traceparent`, from your tracer) with
    /// every request, retries included, and counting every attempt in `metrics`.
    pub fn instrumented(config: Configuration, traceparent: fn() -> String, metrics: Arc<Metrics>) -> Configuration {
        config
            .on_request(move |_request, headers| {
                if let Ok(value) = HeaderValue::from_str(&traceparent()) {
                    headers.insert("traceparent", value);
                }
            })
            .on_response(move |response| {
                *metrics.attempts.lock().unwrap().entry((response.operation, response.status)).or_default() += 1;
                *metrics.time.lock().unwrap().entry(response.operation).or_default() += response.elapsed;
            })
    }
    // README example end
}

#[tokio::test]
async fn the_readme_hooks_example_propagates_and_counts() {
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(ResponseTemplate::new(503)).up_to_n_times(1).mount(&server).await;
    Mock::given(any()).respond_with(team_answer()).mount(&server).await;
    let metrics = Arc::new(readme_hooks::Metrics::default());
    let traceparent = || "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01".to_owned();
    let sleeper = Arc::new(RecordingSleeper::default());
    let config = config(&server.uri()).retry(RetryPolicy::default()).sleeper(sleeper);
    let client = Client::new(readme_hooks::instrumented(config, traceparent, metrics.clone())).unwrap();
    TeamsApi::new(client).get_team(ID, Default::default()).await.expect("retried");
    for request in server.received_requests().await.unwrap() {
        assert_eq!(request.headers.get("traceparent").unwrap(), traceparent().as_str());
    }
    let attempts = metrics.attempts.lock().unwrap().clone();
    assert_eq!(attempts, [(("get_team", Some(503)), 1), (("get_team", Some(200)), 1)].into_iter().collect());
    assert!(metrics.time.lock().unwrap()["get_team"] > Duration::ZERO);
}

/// The README shows the example's code, unchanged (unindented by one level).
#[test]
fn the_readme_shows_the_hooks_example() {
    let this = include_str!("stack.rs");
    let start = this.find("    // README example start\n").unwrap() + "    // README example start\n".len();
    let end = this.find("    // README example end").unwrap();
    let code: String =
        this[start..end].lines().map(|line| format!("{}\n", line.strip_prefix("    ").unwrap_or(line))).collect();
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).unwrap();
    assert!(
        readme.contains(&format!("```rust\n{code}```\n")),
        "README.md, \"Hooks\", must show the code of tests/tests/stack.rs's readme_hooks"
    );
}

/// Runs the ignored test `name` of this binary in a child process with the proxy variable `var`
/// set to `proxy` and every other proxy variable removed (so that no other test sees them), and
/// asserts that it passed.
async fn run_child(name: &str, var: &str, proxy: &str) {
    let mut child = std::process::Command::new(std::env::current_exe().unwrap());
    child.args(["--ignored", "--exact", name, "--nocapture"]);
    for other in
        ["NO_PROXY", "no_proxy", "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"]
    {
        child.env_remove(other);
    }
    child.env(var, proxy);
    let output = tokio::task::spawn_blocking(move || child.output().unwrap()).await.unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && stdout.contains("1 passed"),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The child half of [`the_environment_proxy_is_used_unless_no_proxy`]: run only by it, in its
/// own process, with `HTTP_PROXY` set (so that no other test sees the variable). Expects a call to
/// an unreachable loopback base URL to be answered through the proxy, and to fail with
/// `no_proxy()`.
#[tokio::test]
#[ignore = "run by the_environment_proxy_is_used_unless_no_proxy in a child process"]
async fn environment_proxy_child() {
    assert!(std::env::var("HTTP_PROXY").is_ok(), "run by the_environment_proxy_is_used_unless_no_proxy");
    let team = TeamsApi::new(Client::new(config("http://127.0.0.1:9")).unwrap())
        .get_team(ID, Default::default())
        .await
        .expect("answered through HTTP_PROXY");
    assert_eq!(team.data.unwrap().id, "t-1");
    let error = TeamsApi::new(Client::new(config("http://127.0.0.1:9").no_proxy()).unwrap())
        .get_team(ID, Default::default())
        .await
        .expect_err("no_proxy: nothing listens on port 9");
    assert!(matches!(&error, Error::Transport(t) if t.is_connect()), "{error:?}");
}

/// The proxy of the environment (`HTTP_PROXY` here; `HTTPS_PROXY` is read the same way for https
/// URLs) is used by default, and ignored with `no_proxy()`.
#[tokio::test]
async fn the_environment_proxy_is_used_unless_no_proxy() {
    let proxy = MockServer::start().await;
    Mock::given(any()).respond_with(team_answer()).mount(&proxy).await;
    run_child("environment_proxy_child", "HTTP_PROXY", &proxy.uri()).await;
    assert_eq!(proxy.received_requests().await.unwrap().len(), 1, "one call through the proxy, none with no_proxy");
}

/// The child half of [`https_goes_through_the_environment_https_proxy`]: run only by it, in its
/// own process, with `HTTPS_PROXY` set. The proxy refuses the tunnel, so the call fails with a
/// transport error; what matters is what reached the proxy, which the parent checks.
#[tokio::test]
#[ignore = "run by https_goes_through_the_environment_https_proxy in a child process"]
async fn environment_https_proxy_child() {
    assert!(std::env::var("HTTPS_PROXY").is_ok(), "run by https_goes_through_the_environment_https_proxy");
    let error = TeamsApi::new(Client::new(config("https://api.example.invalid")).unwrap())
        .get_team(ID, Default::default())
        .await
        .expect_err("the proxy refuses the tunnel");
    assert!(matches!(&error, Error::Transport(_)), "{error:?}");
}

/// An https base URL goes through the proxy of `HTTPS_PROXY`: the client asks it for a tunnel
/// (`CONNECT host:443`), and the keys are not in that request (they travel inside the tunnel,
/// encrypted). The proxy is a raw listener on 127.0.0.1 that records the request and refuses it.
#[tokio::test]
async fn https_goes_through_the_environment_https_proxy() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let proxy = format!("http://{}", listener.local_addr().unwrap());
    let seen = tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.unwrap();
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).await.is_ok_and(|read| read == 1) {
            head.push(byte[0]);
        }
        let _ = stream.write_all(b"HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n").await;
        String::from_utf8_lossy(&head).into_owned()
    });
    run_child("environment_https_proxy_child", "HTTPS_PROXY", &proxy).await;
    let head = tokio::time::timeout(Duration::from_secs(10), seen).await.expect("the proxy was asked").unwrap();
    assert!(head.starts_with("CONNECT api.example.invalid:443 HTTP/1.1\r\n"), "{head}");
    assert!(!head.contains(API_KEY) && !head.contains(APP_KEY), "the keys reached the proxy: {head}");
}

/// Every log record of the process, as text.
struct CapturingLogger(Mutex<String>);

impl log::Log for CapturingLogger {
    fn enabled(&self, _: &log::Metadata<'_>) -> bool {
        true
    }

    fn log(&self, record: &log::Record<'_>) {
        self.0.lock().unwrap().push_str(&format!("{} {}\n", record.target(), record.args()));
    }

    fn flush(&self) {}
}

/// A user turning on reqwest's connection logging (which writes every byte sent, headers
/// included) through `configure_reqwest` does not get the keys in the log: the client turns it
/// back off.
#[tokio::test]
async fn the_keys_stay_out_of_reqwest_connection_logs() {
    static LOGGER: CapturingLogger = CapturingLogger(Mutex::new(String::new()));
    log::set_logger(&LOGGER).expect("the only logger of this test binary");
    log::set_max_level(log::LevelFilter::Trace);
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(team_answer()).mount(&server).await;
    let config = config(&server.uri()).configure_reqwest(|builder| builder.connection_verbose(true));
    TeamsApi::new(Client::new(config).unwrap()).get_team(ID, Default::default()).await.expect("answered");
    let logged = LOGGER.0.lock().unwrap().clone();
    assert!(!logged.contains(API_KEY) && !logged.contains(APP_KEY), "{logged}");
}
