//! The HTTP transport: the one place that names reqwest. It builds the `reqwest::Client` (always
//! with reqwest's own redirects off, whatever the user configures), follows redirects itself
//! (same origin only, a bounded number of times), and turns reqwest's errors into
//! [`TransportError`], so that no reqwest type is part of the public API and upgrading reqwest is
//! not a breaking change.

use std::fmt;

use http::header::{CONTENT_LENGTH, CONTENT_TYPE, LOCATION};
use http::{HeaderMap, Method, StatusCode};
use url::Url;

use crate::Error;
use crate::config::{Configuration, redact_url};

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

    /// reqwest's error, without its URL (which would show a user name), on `url` redacted.
    pub(crate) fn from_reqwest(error: reqwest::Error, url: Option<&str>) -> Self {
        let kind = if error.is_timeout() {
            TransportErrorKind::Timeout
        } else if error.is_connect() {
            TransportErrorKind::Connect
        } else if error.is_body() || error.is_decode() {
            TransportErrorKind::Body
        } else if error.is_request() {
            TransportErrorKind::Request
        } else if error.is_builder() {
            TransportErrorKind::Builder
        } else if error.is_redirect() {
            TransportErrorKind::Redirect
        } else {
            TransportErrorKind::Other
        };
        let error = error.without_url();
        let mut message = error.to_string();
        let mut cause = std::error::Error::source(&error);
        while let Some(e) = cause {
            message.push_str(": ");
            message.push_str(&e.to_string());
            cause = e.source();
        }
        TransportError { kind, url: url.map(redact_url), message, source: Some(Box::new(error)) }
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

/// The `reqwest::Client` of a configuration: its timeouts, proxy, root certificates and pool
/// settings, then the user's own changes (`configure_reqwest`, feature `unstable-reqwest`), and
/// last reqwest's redirects turned off ([`send`] follows them itself, so that no configuration
/// can let the keys reach another origin) and its connection logging off (it would log the keys).
pub(crate) fn build_client(config: &Configuration) -> Result<reqwest::Client, Error> {
    let mut builder = reqwest::Client::builder()
        .timeout(config.timeout)
        .connect_timeout(config.connect_timeout)
        .pool_max_idle_per_host(config.pool_max_idle_per_host)
        .pool_idle_timeout(config.pool_idle_timeout)
        .tcp_keepalive(config.tcp_keepalive);
    match &config.proxy {
        crate::config::Proxy::Environment => {}
        crate::config::Proxy::Disabled => builder = builder.no_proxy(),
        crate::config::Proxy::Url(url) => {
            let proxy = reqwest::Proxy::all(url.as_str()).map_err(|e| {
                Error::Configuration(format!("proxy `{}`: {}", redact_url(url), TransportError::from_reqwest(e, None)))
            })?;
            builder = builder.proxy(proxy);
        }
    }
    for (n, pem) in config.root_certificates.iter().enumerate() {
        let refused = |why: String| {
            Error::Configuration(format!("root certificate {} (Configuration::add_root_certificate_pem): {why}", n + 1))
        };
        let certificates = reqwest::Certificate::from_pem_bundle(pem)
            .map_err(|e| refused(format!("not PEM certificates: {}", TransportError::from_reqwest(e, None))))?;
        if certificates.is_empty() {
            return Err(refused("no `-----BEGIN CERTIFICATE-----` block in it".to_owned()));
        }
        for certificate in certificates {
            builder = builder.add_root_certificate(certificate);
        }
    }
    #[cfg(feature = "unstable-reqwest")]
    for configure in &config.configure_reqwest {
        builder = configure(builder);
    }
    // After the user's changes: reqwest must neither follow redirects (see `send`) nor log the
    // raw bytes of connections (`connection_verbose`, which would log the keys' headers).
    builder
        .redirect(reqwest::redirect::Policy::none())
        .connection_verbose(false)
        .build()
        .map_err(|e| Error::Transport(TransportError::from_reqwest(e, None)))
}

/// Sends one request and follows redirects within the origin of `url` (scheme, host and port:
/// plain http stays on a loopback base URL, https stays https), at most `max_redirects`. A
/// redirect elsewhere is refused with a [`TransportErrorKind::Redirect`] error: no byte of the
/// request, keys included, is sent there. A 303 (and a 301/302 answering a POST) continues with a
/// GET without body, as browsers and reqwest do; 307 and 308 resend the same request.
pub(crate) async fn send(
    http: &reqwest::Client,
    mut method: Method,
    mut url: Url,
    mut headers: HeaderMap,
    mut body: Option<Vec<u8>>,
    max_redirects: usize,
) -> Result<reqwest::Response, TransportError> {
    let origin = url.origin();
    let mut redirects = 0;
    loop {
        let mut builder = http.request(method.clone(), url.clone()).headers(headers.clone());
        if let Some(body) = &body {
            builder = builder.body(body.clone());
        }
        let response = builder.send().await.map_err(|e| TransportError::from_reqwest(e, Some(url.as_str())))?;
        let status = response.status();
        if !matches!(status.as_u16(), 301 | 302 | 303 | 307 | 308) {
            return Ok(response);
        }
        // A 3xx without a Location is an answer like any other.
        let Some(location) = response.headers().get(LOCATION) else { return Ok(response) };
        let refused = |why: String| TransportError::new(TransportErrorKind::Redirect, Some(url.as_str()), why);
        let Some(next) = location.to_str().ok().and_then(|location| url.join(location).ok()) else {
            return Err(refused(format!("the {status} answer's Location is not a URL")));
        };
        if next.origin() != origin {
            return Err(refused(format!(
                "the server redirected ({status}) to another origin, `{}`; the client follows redirects within \
                 the base URL's origin only, so that the keys never leave it",
                redact_url(next.as_str())
            )));
        }
        if redirects == max_redirects {
            return Err(refused(format!(
                "more than {max_redirects} redirects (Configuration::max_redirects); the last to `{}`",
                redact_url(next.as_str())
            )));
        }
        redirects += 1;
        let to_get = status == StatusCode::SEE_OTHER
            || (matches!(status, StatusCode::MOVED_PERMANENTLY | StatusCode::FOUND) && method == Method::POST);
        if to_get {
            method = Method::GET;
            body = None;
            headers.remove(CONTENT_TYPE);
            headers.remove(CONTENT_LENGTH);
        }
        url = next;
    }
}
