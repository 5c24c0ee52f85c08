//! The HTTP transport: the one place that names reqwest. It builds the `reqwest::Client` (always
//! with reqwest's own redirects off, whatever the user configures), follows redirects itself
//! (same origin only, a bounded number of times), and turns reqwest's errors into
//! [`TransportError`], so that no reqwest type is part of the public API and upgrading reqwest is
//! not a breaking change.

use http::header::{CONTENT_LENGTH, CONTENT_TYPE, LOCATION};
use http::{HeaderMap, Method, StatusCode};
use url::Url;

use crate::Error;
use crate::config::Configuration;
use crate::error::{TransportError, TransportErrorKind};
use crate::redact::redact_url;

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
            let proxy = reqwest::Proxy::all(url.as_str())
                .map_err(|e| Error::Configuration(format!("proxy `{}`: {}", redact_url(url), from_reqwest(e, None))))?;
            builder = builder.proxy(proxy);
        }
    }
    for (n, pem) in config.root_certificates.iter().enumerate() {
        let refused = |why: String| {
            Error::Configuration(format!("root certificate {} (Configuration::add_root_certificate_pem): {why}", n + 1))
        };
        let certificates = reqwest::Certificate::from_pem_bundle(pem)
            .map_err(|e| refused(format!("not PEM certificates: {}", from_reqwest(e, None))))?;
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
        .map_err(|e| Error::Transport(from_reqwest(e, None)))
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
        let response = builder.send().await.map_err(|e| from_reqwest(e, Some(url.as_str())))?;
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

/// reqwest's error, without its URL (which would show a user name), on `url` redacted.
pub(crate) fn from_reqwest(error: reqwest::Error, url: Option<&str>) -> TransportError {
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
    TransportError::with_source(kind, url, message, Box::new(error))
}
