//! The one error type of the client, and the typed error bodies of the API.

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};
use std::time::Duration;

use http::HeaderMap;
use serde::{Deserialize, Serialize};

use crate::redact::redact_url;

/// The longest wait [`Error::retry_after`] reports (and the client would honour): one hour. A
/// larger header value (up to `u64::MAX` seconds has been seen from broken proxies) is read as
/// this much.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(3600);

/// Everything an operation can fail with.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The configuration is unusable (unknown site, missing key, a key over plain http...).
    Configuration(String),
    /// An argument cannot be sent as given (e.g. a path parameter that is `..`, a page size of 0).
    InvalidArgument(String),
    /// The operation is unstable and was not switched on with
    /// [`Configuration::enable_unstable_operation`](crate::Configuration::enable_unstable_operation).
    UnstableOperation(&'static str),
    /// The request could not be sent or its response not read: connection, TLS, timeout, a
    /// redirect to another origin (refused). [`TransportError::kind`] says which.
    Transport(TransportError),
    /// The status and headers arrived, then the connection failed (closed, reset, timed out)
    /// before the whole body did: a transport failure, retried like the others.
    BodyRead {
        /// The method that sent the request, e.g. `get_team`.
        operation: &'static str,
        status: u16,
        source: TransportError,
    },
    /// The response body is larger than
    /// [`Configuration::max_body_size`](crate::Configuration::max_body_size); nothing beyond the
    /// limit was read.
    BodyTooLarge {
        /// The method that sent the request, e.g. `get_team`.
        operation: &'static str,
        status: u16,
        /// The limit, in bytes.
        limit: usize,
    },
    /// The whole call, retries and waits included, took longer than
    /// [`RetryPolicy::max_total`](crate::RetryPolicy::max_total).
    Deadline {
        /// The method that sent the request, e.g. `get_team`.
        operation: &'static str,
        max_total: Duration,
        /// Attempts started, the interrupted one included.
        attempts: u32,
    },
    /// A `_with_pagination` stream stopped: the server returned the same page twice, or more
    /// pages than [`Configuration::max_pages`](crate::Configuration::max_pages).
    Pagination(String),
    /// The server answered with a status other than 2xx.
    Api(Box<ApiError>),
    /// A 2xx response whose body does not match the documented type.
    Decode(Box<DecodeError>),
    /// The request body could not be encoded as JSON.
    Encode(serde_json::Error),
}

/// An answer with a non-2xx status.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ApiError {
    /// The method that sent the request, e.g. `get_team`.
    pub operation: &'static str,
    pub status: u16,
    pub headers: HeaderMap,
    /// The `errors` list of the body, when the body has one (it does not always): strings, as
    /// the documentation shows, or JSON:API error objects, as the API also sends.
    pub errors: Vec<ErrorEntry>,
    /// The raw body, as text (lossy for invalid UTF-8).
    pub body: String,
    /// Whether the operation documents this status.
    pub documented: bool,
}

impl ApiError {
    /// The `title` of each object entry and the text of each string entry, in order.
    pub fn titles(&self) -> impl Iterator<Item = &str> {
        self.errors.iter().filter_map(ErrorEntry::title)
    }
}

/// One entry of an error body's `errors` list.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ErrorEntry {
    /// A plain message, as the documentation shows: `{"errors": ["Not found"]}`.
    Message(String),
    /// A JSON:API error object: `{"errors": [{"status": "404", "title": "Not Found"}]}`.
    Object(Box<ErrorObject>),
    /// Any other JSON value, kept as sent.
    Other(serde_json::Value),
}

impl ErrorEntry {
    /// The message of a string entry, the `title` of an object (else its `detail`, else its
    /// `code`).
    pub fn title(&self) -> Option<&str> {
        match self {
            ErrorEntry::Message(message) => Some(message),
            ErrorEntry::Object(object) => {
                object.title.as_deref().or(object.detail.as_deref()).or(object.code.as_deref())
            }
            ErrorEntry::Other(_) => None,
        }
    }

    /// The `detail` of an object entry.
    pub fn detail(&self) -> Option<&str> {
        match self {
            ErrorEntry::Object(object) => object.detail.as_deref(),
            _ => None,
        }
    }

    /// The `code` of an object entry (e.g. `resource_not_found`).
    pub fn code(&self) -> Option<&str> {
        match self {
            ErrorEntry::Object(object) => object.code.as_deref(),
            _ => None,
        }
    }

    /// The object, for an object entry.
    pub fn as_object(&self) -> Option<&ErrorObject> {
        match self {
            ErrorEntry::Object(object) => Some(object),
            _ => None,
        }
    }

    fn from_value(value: serde_json::Value) -> Self {
        match value {
            serde_json::Value::String(message) => ErrorEntry::Message(message),
            serde_json::Value::Object(_) => match serde_json::from_value::<ErrorObject>(value.clone()) {
                Ok(object) => ErrorEntry::Object(Box::new(object)),
                Err(_) => ErrorEntry::Other(value),
            },
            other => ErrorEntry::Other(other),
        }
    }
}

impl<'de> Deserialize<'de> for ErrorEntry {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde_json::Value::deserialize(deserializer).map(ErrorEntry::from_value)
    }
}

impl Serialize for ErrorEntry {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            ErrorEntry::Message(message) => message.serialize(serializer),
            ErrorEntry::Object(object) => object.serialize(serializer),
            ErrorEntry::Other(value) => value.serialize(serializer),
        }
    }
}

impl PartialEq<str> for ErrorEntry {
    fn eq(&self, other: &str) -> bool {
        matches!(self, ErrorEntry::Message(message) if message == other)
    }
}

impl PartialEq<&str> for ErrorEntry {
    fn eq(&self, other: &&str) -> bool {
        self == *other
    }
}

impl PartialEq<String> for ErrorEntry {
    fn eq(&self, other: &String) -> bool {
        self == other.as_str()
    }
}

/// `404 Not Found: case not found (code resource_not_found, at /data/attributes/title)`; a
/// string entry is its text.
impl fmt::Display for ErrorEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorEntry::Message(message) => f.write_str(message),
            ErrorEntry::Object(object) => fmt::Display::fmt(object, f),
            ErrorEntry::Other(value) => write!(f, "{value}"),
        }
    }
}

/// A JSON:API error object (<https://jsonapi.org/format/#error-objects>). Members it does not
/// name are kept in `additional_properties`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ErrorObject {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The HTTP status, as a string (`"404"`).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "string_or_number")]
    pub status: Option<String>,
    /// An application-specific code, e.g. `resource_not_found`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// A short summary, e.g. `Not Found`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// An explanation of this occurrence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// What in the request caused the error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<ErrorSource>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<serde_json::Value>,
    #[serde(flatten)]
    pub additional_properties: BTreeMap<String, serde_json::Value>,
}

/// The `source` of a JSON:API error object.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ErrorSource {
    /// A JSON pointer into the request body, e.g. `/data/attributes/title`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// The query parameter at fault.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameter: Option<String>,
    /// The request header at fault.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<String>,
    #[serde(flatten)]
    pub additional_properties: BTreeMap<String, serde_json::Value>,
}

fn string_or_number<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Ok(match Option::<serde_json::Value>::deserialize(deserializer)? {
        Some(serde_json::Value::String(s)) => Some(s),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        None | Some(serde_json::Value::Null) => None,
        Some(_) => return Err(serde::de::Error::custom("`status` is neither a string nor a number")),
    })
}

impl fmt::Display for ErrorObject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut head = Vec::new();
        head.extend(self.status.as_deref());
        head.extend(self.title.as_deref());
        let head = head.join(" ");
        match (head.is_empty(), self.detail.as_deref()) {
            (false, Some(detail)) => write!(f, "{head}: {detail}")?,
            (false, None) => f.write_str(&head)?,
            (true, Some(detail)) => f.write_str(detail)?,
            (true, None) => f.write_str(self.code.as_deref().unwrap_or("error"))?,
        }
        let mut notes = Vec::new();
        if let (Some(code), false) = (&self.code, head.is_empty() && self.detail.is_none()) {
            notes.push(format!("code {code}"));
        }
        if let Some(source) = &self.source {
            for (what, value) in [("at", &source.pointer), ("parameter", &source.parameter), ("header", &source.header)]
            {
                if let Some(value) = value {
                    notes.push(format!("{what} {value}"));
                }
            }
        }
        if !notes.is_empty() {
            write!(f, " ({})", notes.join(", "))?;
        }
        Ok(())
    }
}

/// Reads the `errors` list of an error body; `None` when the body does not have one.
pub(crate) fn parse_error_entries(body: &[u8]) -> Option<Vec<ErrorEntry>> {
    #[derive(Deserialize)]
    struct ErrorBody {
        errors: Vec<ErrorEntry>,
    }
    serde_json::from_slice::<ErrorBody>(body).ok().map(|b| b.errors)
}

/// A 2xx response body that does not decode into the documented type.
#[derive(Debug)]
#[non_exhaustive]
pub struct DecodeError {
    /// The method that sent the request, e.g. `get_team`.
    pub operation: &'static str,
    pub status: u16,
    /// The JSON path of the failing field, e.g. `data[0].attributes.created_at` (`.` for the root),
    /// through `oneOf` members too (`included[1].attributes.created_at`).
    pub path: String,
    /// Where in the whole body the error is: 1-based line and column (in bytes), as serde_json
    /// counts them; 0 when unknown.
    pub line: usize,
    pub column: usize,
    /// The decoder's error. For a field inside a `oneOf` member, its own position counts within
    /// the member's text; `line` and `column` above count within the whole body.
    pub source: serde_json::Error,
    /// The raw body, as text (lossy for invalid UTF-8).
    pub body: String,
}

/// The rate-limit figures of a response (`X-RateLimit-*` headers), when the server sends them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    /// Requests allowed per period.
    pub limit: Option<u64>,
    /// Requests left in this period.
    pub remaining: Option<u64>,
    /// Seconds until the period resets.
    pub reset: Option<u64>,
    /// The period's length in seconds.
    pub period: Option<u64>,
}

impl RateLimit {
    /// Reads the `X-RateLimit-Limit`, `-Remaining`, `-Reset` and `-Period` headers; `None` when
    /// none of them is present.
    pub fn from_headers(headers: &HeaderMap) -> Option<Self> {
        let read = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).and_then(|v| v.trim().parse().ok());
        let limit = RateLimit {
            limit: read("x-ratelimit-limit"),
            remaining: read("x-ratelimit-remaining"),
            reset: read("x-ratelimit-reset"),
            period: read("x-ratelimit-period"),
        };
        (limit != RateLimit { limit: None, remaining: None, reset: None, period: None }).then_some(limit)
    }
}

impl Error {
    /// The HTTP status, for API and decode errors and for bodies cut short or too large.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::Decode(e) => Some(e.status),
            Error::BodyRead { status, .. } | Error::BodyTooLarge { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Whether trying again later may succeed: 429, 5xx, connection failures, timeouts and
    /// bodies cut short.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Api(e) => e.status == 429 || e.status >= 500,
            Error::Transport(e) => e.is_retryable(),
            Error::BodyRead { .. } => true,
            _ => false,
        }
    }

    /// Whether the request timed out (one attempt, or the whole call's `max_total`).
    pub fn is_timeout(&self) -> bool {
        match self {
            Error::Transport(e) | Error::BodyRead { source: e, .. } => e.is_timeout(),
            Error::Deadline { .. } => true,
            _ => false,
        }
    }

    /// The rate-limit figures of an API error's response, when present.
    pub fn rate_limit(&self) -> Option<RateLimit> {
        match self {
            Error::Api(e) => RateLimit::from_headers(&e.headers),
            _ => None,
        }
    }

    /// How long the server asks to wait before retrying (`X-RateLimit-Reset` or `Retry-After`,
    /// in seconds), at most [`MAX_RETRY_AFTER`].
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Error::Api(e) => retry_after(&e.headers),
            _ => None,
        }
    }
}

/// The wait a response asks for: `X-RateLimit-Reset` (seconds), else `Retry-After` (seconds),
/// capped at [`MAX_RETRY_AFTER`]. Values that are not a whole number of seconds are ignored.
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let seconds =
        |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).and_then(|v| v.trim().parse::<u64>().ok());
    seconds("x-ratelimit-reset")
        .or_else(|| seconds("retry-after"))
        .map(|s| Duration::from_secs(s.min(MAX_RETRY_AFTER.as_secs())))
}

/// At most this many characters of server text (messages, bodies) go into a `Display`.
const MAX_SHOWN: usize = 500;
/// At most this many entries of an `errors` list go into a `Display`.
const MAX_SHOWN_ERRORS: usize = 10;

/// Server text as it goes into a message: control characters escaped (`\n`, `\u{1b}`), cut after
/// `limit` characters with a note of what was left out.
struct Shown<'a>(&'a str, usize);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Shown(text, limit) = *self;
        for (n, (i, c)) in text.char_indices().enumerate() {
            if n == limit {
                return write!(f, "… ({} more bytes)", text.len() - i);
            }
            if c.is_control() {
                write!(f, "{}", c.escape_default())?;
            } else {
                f.write_char(c)?;
            }
        }
        Ok(())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Configuration(message) => write!(f, "invalid configuration: {message}"),
            Error::InvalidArgument(message) => write!(f, "invalid argument: {message}"),
            Error::UnstableOperation(op) => write!(
                f,
                "operation `{op}` is unstable; enable it with Configuration::enable_unstable_operation(\"{op}\")"
            ),
            Error::Transport(e) => write!(f, "request failed: {e}"),
            Error::BodyRead { operation, status, source } => write!(
                f,
                "{operation}: the connection failed while reading the {status} response body (a transport failure; \
                 retried for idempotent methods): {source}"
            ),
            Error::BodyTooLarge { operation, status, limit } => write!(
                f,
                "{operation}: the {status} response body is larger than the limit of {limit} bytes \
                 (Configuration::max_body_size); nothing beyond it was read"
            ),
            Error::Deadline { operation, max_total, attempts } => write!(
                f,
                "{operation}: gave up after {max_total:?} (RetryPolicy::max_total, retries and waits included; \
                 {attempts} attempt(s))"
            ),
            Error::Pagination(message) => write!(f, "pagination stopped: {message}"),
            Error::Api(e) => {
                write!(f, "{}: API error {}", e.operation, e.status)?;
                if e.errors.is_empty() {
                    return write!(f, ": {}", Shown(&e.body, MAX_SHOWN));
                }
                f.write_str(": ")?;
                // Each entry is cut on its own, and the list after a few entries.
                let mut budget = MAX_SHOWN;
                for (n, entry) in e.errors.iter().enumerate() {
                    if n == MAX_SHOWN_ERRORS || budget == 0 {
                        return write!(f, "; … ({} more errors)", e.errors.len() - n);
                    }
                    if n > 0 {
                        f.write_str("; ")?;
                    }
                    let text = entry.to_string();
                    write!(f, "{}", Shown(&text, budget))?;
                    budget = budget.saturating_sub(text.chars().count());
                }
                Ok(())
            }
            Error::Decode(e) => {
                let (op, status, path) = (e.operation, e.status, &e.path);
                write!(f, "{op}: cannot decode the {status} response at `{path}`")?;
                if e.line > 0 {
                    write!(f, " (line {}, column {})", e.line, e.column)?;
                }
                write!(f, ": {} (body: {})", message_of(&e.source), Shown(&e.body, MAX_SHOWN))
            }
            Error::Encode(e) => write!(f, "cannot encode the request body: {e}"),
        }
    }
}

/// A serde_json error's message without its " at line L column C" (positions are given apart).
fn message_of(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    match text.strip_suffix(&suffix) {
        Some(message) if e.line() > 0 => message.to_owned(),
        _ => text,
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport(e) | Error::BodyRead { source: e, .. } => Some(e),
            Error::Decode(e) => Some(&e.source),
            Error::Encode(e) => Some(e),
            _ => None,
        }
    }
}

/// What kind of transport failure a [`TransportError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// An attempt took longer than [`Configuration::timeout`](crate::Configuration::timeout),
    /// or the connection longer than
    /// [`Configuration::connect_timeout`](crate::Configuration::connect_timeout).
    Timeout,
    /// The connection could not be opened (refused, DNS, TLS handshake, proxy).
    Connect,
    /// The request could not be sent, or the connection closed before an answer came.
    Request,
    /// The status and headers came, then reading the body failed.
    Body,
    /// A redirect the client does not follow: to another origin (the keys must not leave the
    /// base URL's origin), more than [`Configuration::max_redirects`](crate::Configuration::max_redirects),
    /// or a `Location` that is not a URL.
    Redirect,
    /// The HTTP client could not be built from the configuration (a proxy URL, a certificate).
    Builder,
    /// Anything else the HTTP stack reports.
    Other,
}

impl TransportErrorKind {
    fn describe(self) -> &'static str {
        match self {
            TransportErrorKind::Timeout => "timed out",
            TransportErrorKind::Connect => "could not connect",
            TransportErrorKind::Request => "could not send the request",
            TransportErrorKind::Body => "could not read the response body",
            TransportErrorKind::Redirect => "redirect not followed",
            TransportErrorKind::Builder => "could not build the HTTP client",
            TransportErrorKind::Other => "HTTP failure",
        }
    }
}

/// A failure of the HTTP stack: its [kind](Self::kind), the URL it happened on (with any user
/// name and password of the base URL redacted), a message, and the underlying error as
/// [`source`](std::error::Error::source) (its type is not part of the API: read it as a
/// `dyn Error`). Its `Display` is the kind, the URL, then the messages of the whole source chain.
#[derive(Debug)]
pub struct TransportError {
    kind: TransportErrorKind,
    url: Option<String>,
    message: String,
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

impl TransportError {
    /// What kind of failure this is.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// The URL of the request that failed, its user name and password redacted.
    pub fn url(&self) -> Option<&str> {
        self.url.as_deref()
    }

    /// Whether it timed out.
    pub fn is_timeout(&self) -> bool {
        self.kind == TransportErrorKind::Timeout
    }

    /// Whether the connection could not be opened.
    pub fn is_connect(&self) -> bool {
        self.kind == TransportErrorKind::Connect
    }

    /// Whether trying again may succeed: timeouts, connection failures, requests or bodies cut
    /// short. Refused redirects and configuration problems are not retryable.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self.kind,
            TransportErrorKind::Timeout
                | TransportErrorKind::Connect
                | TransportErrorKind::Request
                | TransportErrorKind::Body
        )
    }

    /// A transport error made by the client itself, without an underlying error.
    pub(crate) fn new(kind: TransportErrorKind, url: Option<&str>, message: impl Into<String>) -> Self {
        TransportError { kind, url: url.map(redact_url), message: message.into(), source: None }
    }

    /// A transport error of the HTTP stack: `source` is its error, `message` the messages of its
    /// whole chain (`transport::from_reqwest` makes them).
    pub(crate) fn with_source(
        kind: TransportErrorKind,
        url: Option<&str>,
        message: String,
        source: Box<dyn std::error::Error + Send + Sync + 'static>,
    ) -> Self {
        TransportError { kind, url: url.map(redact_url), message, source: Some(source) }
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.kind.describe())?;
        if let Some(url) = &self.url {
            write!(f, " (`{url}`)")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_deref().map(|e| e as &(dyn std::error::Error + 'static))
    }
}
