//! Shared helpers of the end-to-end tests: a client pointed at a wiremock server, a recording
//! sleeper for the retry tests, and `exercise`, which drives one operation through its success
//! response and each of its documented error statuses and checks every request it sent.

#![allow(dead_code)]

use std::fmt::Debug;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use datadog_v2_client::{ApiResponse, Client, Configuration, Error, RetryPolicy, Sleeper};
use serde_json::{Value, json};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The keys every test client sends.
pub const API_KEY: &str = "k";
pub const APP_KEY: &str = "a";

/// A path parameter holding characters that must be escaped, and its escaped form.
pub const ID: &str = "a/b c";
pub const ID_RAW: &str = "a%2Fb%20c";
/// A second one, for the operations with two path parameters.
pub const ID2: &str = "key?#%é";
pub const ID2_RAW: &str = "key%3F%23%25%C3%A9";

/// The configuration of the brief: keys, the mock server's URL, no retries.
pub fn config(server: &MockServer) -> Configuration {
    Configuration::new().api_key(API_KEY).app_key(APP_KEY).base_url(server.uri()).retry(RetryPolicy::disabled())
}

pub fn client(server: &MockServer) -> Client {
    Client::new(config(server)).expect("the test configuration is valid")
}

/// A client with every unstable operation (the Incident Teams group) switched on.
pub fn unstable_client(server: &MockServer) -> Client {
    let config = [
        "get_incident_team",
        "update_incident_team",
        "delete_incident_team",
        "list_incident_teams",
        "create_incident_team",
    ]
    .into_iter()
    .fold(config(server), |config, op| config.enable_unstable_operation(op));
    Client::new(config).expect("the test configuration is valid")
}

/// A sleeper that records the waits it is asked for and returns at once.
#[derive(Debug, Default)]
pub struct RecordingSleeper {
    waits: Mutex<Vec<Duration>>,
}

impl RecordingSleeper {
    pub fn waits(&self) -> Vec<Duration> {
        self.waits.lock().unwrap().clone()
    }
}

impl Sleeper for RecordingSleeper {
    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send>> {
        self.waits.lock().unwrap().push(duration);
        Box::pin(async {})
    }
}

/// A client with `policy` and a recording sleeper.
pub fn retrying_client(server: &MockServer, policy: RetryPolicy) -> (Client, Arc<RecordingSleeper>) {
    let sleeper = Arc::new(RecordingSleeper::default());
    let client = Client::new(config(server).retry(policy).sleeper(sleeper.clone())).expect("valid configuration");
    (client, sleeper)
}

/// The documented error body (`APIErrorResponse`) the mocks answer with for `status`.
pub fn error_body(status: u16) -> Value {
    json!({ "errors": [format!("error {status}"), "second message"] })
}

/// The `errors` list of [`error_body`].
pub fn error_messages(status: u16) -> Vec<String> {
    vec![format!("error {status}"), "second message".to_owned()]
}

/// One operation as it should go on the wire, and what it answers.
pub struct Op {
    /// The method name, which the client reports in its errors.
    pub name: &'static str,
    pub method: &'static str,
    /// The path exactly as it must arrive, path parameters percent-encoded.
    pub path: String,
    /// The query parameters, decoded, under their wire names; order does not matter.
    pub query: Vec<(&'static str, &'static str)>,
    /// The JSON body it must send, if any.
    pub body: Option<Value>,
    /// The success status.
    pub status: u16,
    /// The success body (`None`: no body, as for a 204).
    pub response: Option<Value>,
    /// The error statuses the documentation lists for the operation.
    pub errors: &'static [u16],
}

/// Checks one recorded request against `op`.
pub fn check_request(op: &Op, request: &wiremock::Request) {
    let name = op.name;
    assert_eq!(request.method.as_str(), op.method, "{name}: method");
    assert_eq!(request.url.path(), op.path, "{name}: raw path");
    let mut query: Vec<(String, String)> =
        request.url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    query.sort();
    let mut expected: Vec<(String, String)> =
        op.query.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
    expected.sort();
    assert_eq!(query, expected, "{name}: query parameters (raw query: {:?})", request.url.query());
    let header = |name: &str| request.headers.get(name).map(|v| v.to_str().unwrap().to_owned());
    assert_eq!(header("dd-api-key").as_deref(), Some(API_KEY), "{name}: DD-API-KEY");
    assert_eq!(header("dd-application-key").as_deref(), Some(APP_KEY), "{name}: DD-APPLICATION-KEY");
    assert_eq!(header("accept").as_deref(), Some("application/json"), "{name}: Accept");
    match &op.body {
        Some(expected) => {
            assert_eq!(header("content-type").as_deref(), Some("application/json"), "{name}: Content-Type");
            let sent: Value = serde_json::from_slice(&request.body).unwrap_or_else(|e| {
                panic!("{name}: the body is not JSON ({e}): {:?}", String::from_utf8_lossy(&request.body))
            });
            assert_eq!(&sent, expected, "{name}: JSON body");
        }
        None => {
            assert!(
                request.body.is_empty(),
                "{name}: no body expected, got {:?}",
                String::from_utf8_lossy(&request.body)
            );
            assert_eq!(header("content-type"), None, "{name}: no Content-Type without a body");
        }
    }
}

/// Drives `op` end to end against `server`:
///
/// 1. the success answer, through both `plain` (`op(...)`) and `info` (`op_with_http_info(...)`):
///    both requests are checked with [`check_request`], the two decodings must agree, and
///    `info` must report the success status;
/// 2. each documented error status, through `plain`: `Error::Api` with that status,
///    `documented == true`, the operation's name and the decoded `errors` list.
///
/// Returns the decoded success body for the caller to check its fields.
pub async fn exercise<T, P, PF, I, IF>(server: &MockServer, op: &Op, plain: P, info: I) -> T
where
    T: PartialEq + Debug,
    P: Fn() -> PF,
    PF: Future<Output = Result<T, Error>>,
    I: Fn() -> IF,
    IF: Future<Output = Result<ApiResponse<T>, Error>>,
{
    let name = op.name;
    server.reset().await;
    let template = match &op.response {
        Some(body) => ResponseTemplate::new(op.status).set_body_json(body),
        None => ResponseTemplate::new(op.status),
    };
    Mock::given(any()).respond_with(template).expect(2).mount(server).await;
    let decoded = plain().await.unwrap_or_else(|e| panic!("{name}: success expected, got {e:?}"));
    let with_info = info().await.unwrap_or_else(|e| panic!("{name}_with_http_info: success expected, got {e:?}"));
    assert_eq!(with_info.status, op.status, "{name}: status reported by _with_http_info");
    assert_eq!(with_info.data, decoded, "{name}: both variants decode the same body");
    let requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 2, "{name}: one request per call");
    for request in &requests {
        check_request(op, request);
    }

    for &status in op.errors {
        server.reset().await;
        Mock::given(any())
            .respond_with(ResponseTemplate::new(status).set_body_json(error_body(status)))
            .expect(1)
            .mount(server)
            .await;
        match plain().await {
            Err(Error::Api(e)) => {
                assert_eq!(e.status, status, "{name}: status");
                assert!(e.documented, "{name}: {status} is documented");
                assert_eq!(e.operation, name, "{name}: operation named in the error");
                assert_eq!(e.errors, error_messages(status), "{name}: decoded errors of {status}");
                assert_eq!(serde_json::from_str::<Value>(&e.body).unwrap(), error_body(status), "{name}: raw body");
            }
            other => panic!("{name}: Error::Api {status} expected, got {other:?}"),
        }
        let requests = server.received_requests().await.expect("recording is on");
        assert_eq!(requests.len(), 1, "{name}: no retry of {status} with retries disabled");
        check_request(op, &requests[0]);
    }
    server.reset().await;
    decoded
}

/// The `Error::Api` inside `result`, or a panic naming what came instead.
pub fn api_error<T: Debug>(result: Result<T, Error>) -> Box<datadog_v2_client::ApiError> {
    match result {
        Err(Error::Api(e)) => e,
        other => panic!("Error::Api expected, got {other:?}"),
    }
}

/// Parses an RFC 3339 timestamp.
pub fn ts(text: &str) -> datadog_v2_client::DateTime {
    text.parse().expect("a valid timestamp")
}

/// The user object the docs' examples include in `included` lists.
pub fn included_user() -> Value {
    json!({
        "attributes": {
            "created_at": "2019-09-19T10:00:00.000Z",
            "disabled": false,
            "email": "jane.doe@example.com",
            "handle": "jane.doe@example.com",
            "icon": "https://secure.gravatar.com/avatar/abc",
            "mfa_enabled": false,
            "modified_at": "2019-09-19T10:00:00.000Z",
            "name": "Jane Doe",
            "service_account": false,
            "status": "Active",
            "title": "SRE",
            "verified": true
        },
        "id": "00000000-0000-0000-2345-000000000000",
        "relationships": {
            "org": { "data": { "id": "00000000-0000-beef-0000-000000000000", "type": "orgs" } },
            "other_orgs": { "data": [{ "id": "00000000-0000-beef-0000-000000000001", "type": "orgs" }] },
            "other_users": { "data": [{ "id": "00000000-0000-0000-2345-000000000001", "type": "users" }] },
            "roles": { "data": [{ "id": "3653d3c6-0c75-11ea-ad28-fb5701eabc7d", "type": "roles" }] }
        },
        "type": "users"
    })
}

/// Checks that README.md shows the code of `source` (a test file's text) between its
/// `// README example start` and `// README example end` lines, verbatim, as a `rust,ignore` block.
pub fn assert_readme_shows_example(source: &str, file: &str) {
    let start = source.find("// README example start\n").unwrap() + "// README example start\n".len();
    let end = source.find("// README example end").unwrap();
    let code = &source[start..end];
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).unwrap();
    assert!(
        readme.contains(&format!("```rust,ignore\n{code}```\n")),
        "README.md, \"Testing your code\", must show the code of tests/tests/{file}"
    );
}
