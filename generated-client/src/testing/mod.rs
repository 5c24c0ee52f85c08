//! Typed test doubles (the `testing` cargo feature): a mock Datadog API on 127.0.0.1 for the
//! tests of code that calls this client.
//!
//! [`MockServer::start`] starts the server; [`MockServer::client`] hands out a [`Client`]
//! configured for it; one method per operation, named like the operation, sets what the server
//! answers to that operation: its path (and, with [`Expectation::with_params`], its query) comes
//! from the spec, so a test never writes a path or a percent-encoded query name.
//!
//! ```no_run
//! # async fn run() -> Result<(), datadog_v2_client::Error> {
//! use datadog_v2_client::apis::TeamsApi;
//! use datadog_v2_client::models::{Team, TeamAttributes, TeamResponse, TeamType};
//! use datadog_v2_client::testing::MockServer;
//!
//! let mock = MockServer::start().await;
//! let team = Team::new(TeamAttributes::new("infra", "Infrastructure"), "abc", TeamType::Team);
//! let get = mock.get_team("abc").times(1).respond(200, TeamResponse::new().data(team)).await;
//!
//! let teams = TeamsApi::new(mock.client());
//! let found = teams.get_team("abc", Default::default()).await?;
//! assert_eq!(found.data.unwrap().attributes.name, "Infrastructure");
//! assert_eq!(get.calls().await, 1);
//! # Ok(())
//! # }
//! ```
//!
//! A request that no expectation matches is answered 404 with a JSON:API error body naming the
//! method and path. Expectations with [`Expectation::times`] are checked when the
//! `MockServer` is dropped (a failed check panics, failing the test) or by
//! [`MockServer::verify`].

mod cassette;
// Generated (formatted by the generator, not by rustfmt).
#[rustfmt::skip]
mod operations;

use std::fmt;
use std::marker::PhantomData;

use serde::Serialize;
use serde_json::{Value, json};
use wiremock::{Match, Mock, ResponseTemplate};

use crate::request::RawBody;
use crate::{Client, Configuration, RawResponse, RetryPolicy, UnstableOperation};

pub use cassette::{
    CASSETTES_VAR, Cassette, CassetteBuilder, CassetteError, CassetteFile, FORMAT_VERSION, Interaction,
    MISMATCH_STATUS, Mode, NoWait, REDACTED, RecordedBody, RecordedRequest, RecordedResponse,
};
pub use operations::ops;

/// The API key the handed-out clients send.
pub const TEST_API_KEY: &str = "test-api-key";
/// The application key the handed-out clients send.
pub const TEST_APP_KEY: &str = "test-app-key";

/// What the mocks know about one operation; each operation has a marker type in [`ops`] that
/// implements it (generated from the spec).
pub trait Operation {
    /// The method name, e.g. `"get_team"`.
    const NAME: &'static str;
    /// The HTTP method, e.g. `"GET"`.
    const METHOD: &'static str;
    /// The decoded success body (`()` for an operation that answers without one; a
    /// [`RawResponse`] for a body that is not JSON; the operation's enum when its success statuses
    /// have different bodies).
    type Response: ResponseBody;
    /// The request body ([`NoBody`] for an operation that sends none; a [`RawBody`] for a body
    /// that is not JSON).
    type Body: RequestBody;
    /// The optional parameters (`GetTeamOptionalParams`).
    type Params;
    /// The query pairs `params` is sent as, names as on the wire (`page[size]`), values unescaped.
    fn query(params: &Self::Params) -> Vec<(&'static str, String)>;
}

/// An operation whose results come in pages (it has a `_with_pagination` stream).
pub trait PaginatedOperation: Operation {
    /// The query parameter of the page's position, e.g. `page[number]`.
    const POSITION: &'static str;
    /// The first page's number, or `None` when the position is an item offset from 0.
    const FIRST_PAGE: Option<i64>;
    /// The member of the response that holds the page's items, e.g. `data`.
    const ITEMS: &'static str;
    /// How many items a page holds.
    fn len(page: &Self::Response) -> usize;
}

/// How a success body is put in a mock answer: a model as JSON, a [`RawResponse`] as its bytes
/// with its content type, an operation's enum of bodies by status as its variant's body.
pub trait ResponseBody {
    /// The answer of `status` with this body.
    fn template(self, status: u16) -> ResponseTemplate;
}

impl<T: Serialize> ResponseBody for T {
    fn template(self, status: u16) -> ResponseTemplate {
        ResponseTemplate::new(status).set_body_json(self)
    }
}

impl ResponseBody for RawResponse {
    fn template(self, status: u16) -> ResponseTemplate {
        let template = ResponseTemplate::new(status);
        match &self.content_type {
            Some(content_type) => template.set_body_raw(self.bytes, content_type),
            None => template.set_body_bytes(self.bytes),
        }
    }
}

/// How [`Expectation::with_body`] matches a request body: a model as JSON (compared as JSON
/// values), a [`RawBody`] as its bytes and content type.
pub trait RequestBody {
    /// The body a matching request sends.
    fn expected(self) -> ExpectedBody;
}

impl<T: Serialize> RequestBody for T {
    fn expected(self) -> ExpectedBody {
        ExpectedBody::Json(serde_json::to_value(&self).expect("a request body serializes"))
    }
}

impl RequestBody for RawBody {
    fn expected(self) -> ExpectedBody {
        ExpectedBody::Raw(self)
    }
}

/// The body a request must send to match an expectation (see [`RequestBody`]).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ExpectedBody {
    /// A JSON body equal to this value (whatever its spacing and member order).
    Json(Value),
    /// Exactly these bytes, sent with exactly this `Content-Type`.
    Raw(RawBody),
}

impl ExpectedBody {
    /// Whether `request` sends this body.
    fn matches(&self, request: &wiremock::Request) -> bool {
        match self {
            ExpectedBody::Json(expected) => {
                serde_json::from_slice::<Value>(&request.body).is_ok_and(|body| body == *expected)
            }
            ExpectedBody::Raw(expected) => {
                request.body == expected.bytes && content_type(request) == Some(expected.content_type.as_str())
            }
        }
    }
}

/// The request's `Content-Type`, when it sent one (and only one) that is text.
fn content_type(request: &wiremock::Request) -> Option<&str> {
    let mut values = request.headers.get_all("content-type").iter();
    match (values.next(), values.next()) {
        (Some(value), None) => value.to_str().ok(),
        _ => None,
    }
}

/// The request body of an operation that sends none: it has no value, so `with_body` cannot be
/// called for such an operation.
#[derive(Debug, Clone, Copy, Serialize)]
pub enum NoBody {}

/// A mock Datadog API server on 127.0.0.1, stopped when dropped.
pub struct MockServer {
    server: wiremock::MockServer,
}

impl fmt::Debug for MockServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockServer").field("uri", &self.server.uri()).finish()
    }
}

impl MockServer {
    /// Starts a server on a free port of 127.0.0.1.
    pub async fn start() -> Self {
        let server = wiremock::MockServer::start().await;
        // Answers what no expectation matched, in the API's error shape, naming the request.
        Mock::given(wiremock::matchers::any())
            .respond_with(|request: &wiremock::Request| {
                ResponseTemplate::new(404).set_body_json(json!({
                    "errors": [format!("no expectation of the mock server matches {} {}", request.method, request.url.path())]
                }))
            })
            .with_priority(u8::MAX)
            .named("unmatched requests")
            .mount(&server)
            .await;
        MockServer { server }
    }

    /// The server's base URL, e.g. `http://127.0.0.1:41234`.
    pub fn uri(&self) -> String {
        self.server.uri()
    }

    /// A configuration for this server: test keys, every unstable operation switched on, no
    /// retries. Change it and build a client with [`Client::new`].
    pub fn configuration(&self) -> Configuration {
        UnstableOperation::ALL
            .iter()
            .fold(Configuration::new(), |config, op| config.enable_unstable(*op))
            .api_key(TEST_API_KEY)
            .app_key(TEST_APP_KEY)
            .base_url(self.server.uri())
            .retry(RetryPolicy::disabled())
    }

    /// A client for this server, built from [`MockServer::configuration`].
    pub fn client(&self) -> Client {
        Client::new(self.configuration()).expect("the mock server's configuration is valid")
    }

    /// The underlying `wiremock` server, to mount mocks of your own.
    pub fn wiremock(&self) -> &wiremock::MockServer {
        &self.server
    }

    /// Panics if an expectation set with [`Expectation::times`] was not met so far.
    pub async fn verify(&self) {
        self.server.verify().await
    }

    /// The expectation of operation `O` at `path` (already encoded).
    fn expect<O: Operation>(&self, path: String) -> Expectation<'_, O> {
        Expectation {
            server: &self.server,
            matcher: CallMatcher { method: O::METHOD, path, query: Vec::new(), body: None, position: None },
            times: None,
            _operation: PhantomData,
        }
    }
}

/// What the server answers to one operation: set the matching with `with_*`, then answer with
/// one of the `respond*` methods (nothing is mounted until then).
#[must_use = "nothing is mounted until one of the `respond*` methods is awaited"]
pub struct Expectation<'a, O: Operation> {
    server: &'a wiremock::MockServer,
    matcher: CallMatcher,
    times: Option<u64>,
    _operation: PhantomData<fn() -> O>,
}

impl<O: Operation> fmt::Debug for Expectation<'_, O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Expectation").field("operation", &O::NAME).field("matcher", &self.matcher).finish()
    }
}

impl<'a, O: Operation> Expectation<'a, O> {
    /// Matches only requests whose body is `body`: compared as JSON values, or for a [`RawBody`]
    /// (a body that is not JSON) byte for byte, with its content type.
    pub fn with_body(mut self, body: O::Body) -> Self {
        self.matcher.body = Some(body.expected());
        self
    }

    /// Matches only requests that send each parameter set in `params` with its value (other query
    /// parameters may be sent too).
    pub fn with_params(mut self, params: O::Params) -> Self {
        self.matcher.query.extend(O::query(&params).into_iter().map(|(name, value)| (name.to_owned(), value)));
        self
    }

    /// Checks that the operation is called exactly `n` times: when the `MockServer` is dropped
    /// (a panic fails the test) or at [`MockServer::verify`].
    pub fn times(mut self, n: u64) -> Self {
        self.times = Some(n);
        self
    }

    /// Answers `status` with `body`: as JSON, or for a [`RawResponse`] its bytes with its content
    /// type. For an operation whose success statuses have different bodies, `body` is a variant of
    /// its enum and `status` is sent as given (the client picks the variant by it).
    pub async fn respond(self, status: u16, body: O::Response) -> Mocked<'a> {
        self.respond_with(body.template(status)).await
    }

    /// Answers `status` with no body (for operations that answer 204).
    pub async fn respond_empty(self, status: u16) -> Mocked<'a> {
        self.respond_with(ResponseTemplate::new(status)).await
    }

    /// Answers the error `status` with the API's documented error body, `{"errors": [message]}`.
    pub async fn respond_error(self, status: u16, message: impl Into<String>) -> Mocked<'a> {
        let template = ResponseTemplate::new(status).set_body_json(json!({ "errors": [message.into()] }));
        self.respond_with(template).await
    }

    /// Answers with any `wiremock` response (headers, delays, a malformed body...).
    pub async fn respond_with(self, template: ResponseTemplate) -> Mocked<'a> {
        let mut mock = Mock::given(self.matcher.clone()).respond_with(template).named(O::NAME);
        if let Some(n) = self.times {
            mock = mock.expect(n);
        }
        mock.mount(self.server).await;
        Mocked { server: self.server, matcher: self.matcher }
    }
}

impl<'a, O: PaginatedOperation> Expectation<'a, O> {
    /// Answers the pages in order: `pages[i]` to the request for the `i`-th page (by the page
    /// number or item offset the client sends), and a page with no items after the last, so that
    /// the operation's `_with_pagination` stream yields every item of `pages` and ends.
    /// [`times`](Self::times) counts the requests of each page.
    pub async fn respond_pages(self, pages: Vec<O::Response>) -> Mocked<'a> {
        let mut position = O::FIRST_PAGE.unwrap_or(0);
        for page in pages {
            let next = match O::FIRST_PAGE {
                Some(_) => position + 1,
                None => position + O::len(&page) as i64,
            };
            let mut matcher = self.matcher.clone();
            matcher.position = Some((O::POSITION, Position::At(position)));
            let mut mock =
                Mock::given(matcher).respond_with(page.template(200)).named(format!("{} page at {position}", O::NAME));
            if let Some(n) = self.times {
                mock = mock.expect(n);
            }
            mock.mount(self.server).await;
            position = next;
        }
        let mut matcher = self.matcher.clone();
        matcher.position = Some((O::POSITION, Position::From(position)));
        Mock::given(matcher)
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({ O::ITEMS: [] })))
            .named(format!("{} past the last page", O::NAME))
            .mount(self.server)
            .await;
        Mocked { server: self.server, matcher: self.matcher }
    }
}

/// A mounted expectation: how often it was called.
#[derive(Debug)]
pub struct Mocked<'a> {
    server: &'a wiremock::MockServer,
    matcher: CallMatcher,
}

impl Mocked<'_> {
    /// How many requests the server received that this expectation matches (every page, for
    /// [`Expectation::respond_pages`]).
    pub async fn calls(&self) -> usize {
        let received = self.server.received_requests().await.unwrap_or_default();
        received.iter().filter(|request| self.matcher.matches(request)).count()
    }

    /// The bodies of the matching requests, decoded as `T`.
    pub async fn bodies<T: serde::de::DeserializeOwned>(&self) -> Vec<T> {
        let received = self.server.received_requests().await.unwrap_or_default();
        received
            .iter()
            .filter(|request| self.matcher.matches(request))
            .map(|request| serde_json::from_slice(&request.body).expect("the request body decodes"))
            .collect()
    }

    /// The bodies of the matching requests as sent: their bytes and `Content-Type` (empty when
    /// none was sent). For bodies that are not JSON.
    pub async fn raw_bodies(&self) -> Vec<RawBody> {
        let received = self.server.received_requests().await.unwrap_or_default();
        received
            .iter()
            .filter(|request| self.matcher.matches(request))
            .map(|request| RawBody::new(content_type(request).unwrap_or_default(), request.body.clone()))
            .collect()
    }
}

/// Where the page asked for is.
#[derive(Debug, Clone, Copy)]
enum Position {
    At(i64),
    From(i64),
}

/// Method, encoded path, query pairs (a subset), body, page position.
#[derive(Debug, Clone)]
struct CallMatcher {
    method: &'static str,
    path: String,
    query: Vec<(String, String)>,
    body: Option<ExpectedBody>,
    position: Option<(&'static str, Position)>,
}

impl Match for CallMatcher {
    fn matches(&self, request: &wiremock::Request) -> bool {
        if request.method.as_str() != self.method || request.url.path() != self.path {
            return false;
        }
        let pairs: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
        if !self.query.iter().all(|expected| pairs.contains(expected)) {
            return false;
        }
        if let Some((name, position)) = self.position {
            // The streams always send the position.
            let Some(sent) = pairs.iter().find(|(n, _)| n == name).and_then(|(_, v)| v.parse::<i64>().ok()) else {
                return false;
            };
            match position {
                Position::At(at) if sent != at => return false,
                Position::From(from) if sent < from => return false,
                _ => {}
            }
        }
        self.body.as_ref().is_none_or(|expected| expected.matches(request))
    }
}
