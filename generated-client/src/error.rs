//! The one error type of the client.

use std::fmt;
use std::time::Duration;

use reqwest::header::HeaderMap;

/// Everything an operation can fail with.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The configuration is unusable (unknown site, missing key, a key over plain http...).
    Configuration(String),
    /// An argument cannot be sent as given (e.g. a path parameter that is `..`).
    InvalidArgument(String),
    /// The operation is unstable and was not switched on with
    /// [`Configuration::enable_unstable_operation`](crate::Configuration::enable_unstable_operation).
    UnstableOperation(&'static str),
    /// The request could not be sent or its response not read: connection, TLS, timeout.
    Transport(reqwest::Error),
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
    /// The `errors` list of the body, when the body has one (it does not always).
    pub errors: Vec<String>,
    /// The raw body, as text (lossy for invalid UTF-8).
    pub body: String,
    /// Whether the operation documents this status.
    pub documented: bool,
}

/// A 2xx response body that does not decode into the documented type.
#[derive(Debug)]
#[non_exhaustive]
pub struct DecodeError {
    /// The method that sent the request, e.g. `get_team`.
    pub operation: &'static str,
    pub status: u16,
    /// The JSON path of the failing field, e.g. `data[0].attributes.created_at` (`.` for the root).
    pub path: String,
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
    /// The HTTP status, for API and decode errors.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::Decode(e) => Some(e.status),
            _ => None,
        }
    }

    /// Whether trying again later may succeed: 429, 5xx, and connection failures or timeouts.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Api(e) => e.status == 429 || e.status >= 500,
            Error::Transport(e) => e.is_timeout() || e.is_connect() || e.is_request(),
            _ => false,
        }
    }

    /// Whether the request timed out.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Transport(e) if e.is_timeout())
    }

    /// The rate-limit figures of an API error's response, when present.
    pub fn rate_limit(&self) -> Option<RateLimit> {
        match self {
            Error::Api(e) => RateLimit::from_headers(&e.headers),
            _ => None,
        }
    }

    /// How long the server asks to wait before retrying (`X-RateLimit-Reset` or `Retry-After`).
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Error::Api(e) => retry_after(&e.headers),
            _ => None,
        }
    }
}

/// The wait a response asks for: `X-RateLimit-Reset` (seconds), else `Retry-After` (seconds).
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let seconds =
        |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).and_then(|v| v.trim().parse::<u64>().ok());
    seconds("x-ratelimit-reset").or_else(|| seconds("retry-after")).map(Duration::from_secs)
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
            Error::Api(e) => {
                write!(f, "{}: API error {}", e.operation, e.status)?;
                if e.errors.is_empty() {
                    write!(f, ": {}", truncate(&e.body))
                } else {
                    write!(f, ": {}", e.errors.join("; "))
                }
            }
            Error::Decode(e) => {
                let (op, status, path, source) = (e.operation, e.status, &e.path, &e.source);
                write!(
                    f,
                    "{op}: cannot decode the {status} response at `{path}`: {source} (body: {})",
                    truncate(&e.body)
                )
            }
            Error::Encode(e) => write!(f, "cannot encode the request body: {e}"),
        }
    }
}

fn truncate(body: &str) -> &str {
    match body.char_indices().nth(500) {
        Some((end, _)) => &body[..end],
        None => body,
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport(e) => Some(e),
            Error::Decode(e) => Some(&e.source),
            Error::Encode(e) => Some(e),
            _ => None,
        }
    }
}
