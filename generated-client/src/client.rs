//! The client: one shared HTTP client (`transport.rs`), auth headers, hooks, retries, and
//! response decoding.

use std::net::IpAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use http::StatusCode;
use http::header::{ACCEPT, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue, USER_AGENT};
use serde::de::DeserializeOwned;
use url::Url;

use crate::config::{Configuration, Secret};
use crate::error::{ApiError, parse_error_entries, retry_after};
use crate::hooks::{RequestInfo, ResponseInfo};
use crate::request::Request;
use crate::response::{Answer, RawResponse};
use crate::{ApiResponse, Error};

/// A configured connection to the Datadog API, cheap to clone and share: every API struct
/// (`TeamsApi::new(client.clone())`, ...) sends through it.
#[derive(Clone, Debug)]
pub struct Client {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    config: Configuration,
    http: reqwest::Client,
    headers: HeaderMap,
}

impl Client {
    /// Checks the configuration and builds the HTTP client.
    pub fn new(config: Configuration) -> Result<Self, Error> {
        let shown = crate::redact::redact_url(&config.base_url);
        let url = Url::parse(&config.base_url)
            .map_err(|e| Error::Configuration(format!("base URL `{shown}` is not a URL: {e}")))?;
        if url.query().is_some() || url.fragment().is_some() || config.base_url.contains(['?', '#']) {
            return Err(Error::Configuration(format!(
                "base URL `{shown}` has a query or a fragment; give the scheme, host, port and path prefix only"
            )));
        }
        if url.cannot_be_a_base() || !matches!(url.scheme(), "http" | "https") {
            return Err(Error::Configuration(format!("base URL `{shown}` is not an http(s) URL")));
        }
        let has_keys = config.api_key.is_some() || config.app_key.is_some();
        if has_keys && url.scheme() != "https" && !is_loopback(&url) {
            return Err(Error::Configuration(format!(
                "keys are sent only over https (or to a loopback address); base URL `{shown}` is neither"
            )));
        }
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        let mut secret = |name: &'static str, key: &Option<Secret>| -> Result<(), Error> {
            if let Some(Secret(key)) = key {
                let mut value = HeaderValue::from_str(key)
                    .map_err(|_| Error::Configuration(format!("{name} holds characters not allowed in a header")))?;
                value.set_sensitive(true);
                headers.insert(name, value);
            }
            Ok(())
        };
        secret("DD-API-KEY", &config.api_key)?;
        secret("DD-APPLICATION-KEY", &config.app_key)?;
        let user_agent = HeaderValue::from_str(&config.user_agent)
            .map_err(|_| Error::Configuration("the user agent holds characters not allowed in a header".into()))?;
        headers.insert(USER_AGENT, user_agent);
        let http = crate::transport::build_client(&config)?;
        Ok(Client { inner: Arc::new(Inner { config, http, headers }) })
    }

    /// [`Configuration::from_env`], then [`Client::new`].
    pub fn from_env() -> Result<Self, Error> {
        Client::new(Configuration::from_env()?)
    }

    /// The configuration this client was built with.
    pub fn configuration(&self) -> &Configuration {
        &self.inner.config
    }

    pub(crate) fn check_unstable(&self, operation: &'static str) -> Result<(), Error> {
        if self.inner.config.unstable.contains(operation) { Ok(()) } else { Err(Error::UnstableOperation(operation)) }
    }

    /// Sends `request` and decodes a 2xx body as `T`.
    pub(crate) async fn send_json<T: DeserializeOwned>(&self, request: Request) -> Result<ApiResponse<T>, Error> {
        let (status, headers, body) = self.execute(&request).await?;
        let data = crate::response::decode_body(request.operation, status.as_u16(), &body)?;
        Ok(ApiResponse { status: status.as_u16(), headers, data })
    }

    /// Sends `request`; the 2xx body is returned as it came, with its content type (a body that
    /// is not JSON).
    // Called by generated code for specs with non-JSON responses (`codegen --crate`); `spec/` has none.
    #[allow(dead_code)]
    pub(crate) async fn send_raw(&self, request: Request) -> Result<ApiResponse<RawResponse>, Error> {
        let (status, headers, body) = self.execute(&request).await?;
        let data = RawResponse::from_answer(&headers, body);
        Ok(ApiResponse { status: status.as_u16(), headers, data })
    }

    /// Sends `request`; `read` makes the result of the 2xx answer by its status (an operation
    /// whose success statuses have different bodies).
    // Called by generated code for such specs (`codegen --crate`); `spec/` has none.
    #[allow(dead_code)]
    pub(crate) async fn send_by_status<T>(
        &self,
        request: Request,
        read: impl FnOnce(Answer<'_>) -> Result<T, Error>,
    ) -> Result<ApiResponse<T>, Error> {
        let (status, headers, body) = self.execute(&request).await?;
        let status = status.as_u16();
        let data = read(Answer { operation: request.operation, status, headers: &headers, body })?;
        Ok(ApiResponse { status, headers, data })
    }

    /// Sends `request`; a 2xx body, if any, is ignored.
    pub(crate) async fn send_empty(&self, request: Request) -> Result<ApiResponse<()>, Error> {
        let (status, headers, _) = self.execute(&request).await?;
        Ok(ApiResponse { status: status.as_u16(), headers, data: () })
    }

    /// The most pages a pagination stream fetches.
    pub(crate) fn max_pages(&self) -> usize {
        self.inner.config.max_pages
    }

    /// Sends with retries, all within `RetryPolicy::max_total`; a non-2xx final answer becomes
    /// `Error::Api`.
    async fn execute(&self, request: &Request) -> Result<(StatusCode, HeaderMap, Vec<u8>), Error> {
        let trace = crate::telemetry::Trace::new(request);
        trace.instrument(self.execute_attempts(request, &trace)).await
    }

    async fn execute_attempts(
        &self,
        request: &Request,
        trace: &crate::telemetry::Trace,
    ) -> Result<(StatusCode, HeaderMap, Vec<u8>), Error> {
        let policy = &self.inner.config.retry;
        let started = Instant::now();
        let mut waited = Duration::ZERO;
        // The sum of the waits between attempts (for tracing).
        let mut total_wait = Duration::ZERO;
        let mut attempt = 1;
        loop {
            // The time already spent: real time, or the waits when the sleeper does not really
            // wait (tests).
            let elapsed = started.elapsed().max(waited);
            let Some(remaining) = policy.max_total.checked_sub(elapsed).filter(|r| !r.is_zero()) else {
                return Err(self.deadline(request, attempt - 1));
            };
            trace.attempt(attempt);
            let attempt_started = Instant::now();
            let outcome = match tokio::time::timeout(remaining, self.attempt(request, attempt)).await {
                Ok(outcome) => outcome,
                Err(_) => {
                    let error = self.deadline(request, attempt);
                    self.observe(request, attempt, attempt_started.elapsed(), Err(&error));
                    return Err(error);
                }
            };
            self.observe(request, attempt, attempt_started.elapsed(), outcome.as_ref());
            let wait = match &outcome {
                Ok((status, _, _)) if status.is_success() => None,
                Ok((status, headers, _)) if *status == StatusCode::TOO_MANY_REQUESTS => {
                    Some(retry_after(headers).unwrap_or_else(|| backoff(policy, attempt)))
                }
                Ok((status, _, _)) if status.is_server_error() => {
                    (request.is_idempotent() || policy.retry_non_idempotent).then(|| backoff(policy, attempt))
                }
                Ok(_) => None,
                // An attempt fails only with transport errors (API errors are made by `finish`).
                Err(e) if e.is_retryable() => {
                    (request.is_idempotent() || policy.retry_non_idempotent).then(|| backoff(policy, attempt))
                }
                Err(_) => None,
            };
            let elapsed = started.elapsed().max(waited);
            match wait {
                // A retry starts only if its wait ends within `max_total` (saturating: a header
                // may ask for any number of seconds).
                Some(wait) if attempt < policy.max_attempts && elapsed.saturating_add(wait) < policy.max_total => {
                    let status = outcome.as_ref().ok().map(|(status, _, _)| status.as_u16());
                    trace.retry(attempt, status, wait, total_wait.saturating_add(wait));
                    self.inner.config.sleeper.sleep(wait).await;
                    waited = waited.max(elapsed).saturating_add(wait);
                    total_wait = total_wait.saturating_add(wait);
                    attempt += 1;
                }
                _ => return finish(request, outcome?),
            }
        }
    }

    fn deadline(&self, request: &Request, attempts: u32) -> Error {
        Error::Deadline { operation: request.operation, max_total: self.inner.config.retry.max_total, attempts }
    }

    /// One attempt: the status, headers and whole body, or a transport error. The request hooks
    /// add their headers first.
    async fn attempt(&self, request: &Request, attempt: u32) -> Result<(StatusCode, HeaderMap, Vec<u8>), Error> {
        let config = &self.inner.config;
        let full = format!("{}{}", config.base_url, request.path);
        let invalid = |e: url::ParseError| {
            Error::Configuration(format!("invalid URL `{}`: {e}", crate::redact::redact_url(&full)))
        };
        let mut url = Url::parse(&full).map_err(invalid)?;
        if !request.query.is_empty() {
            url.query_pairs_mut().extend_pairs(request.query.iter().map(|(k, v)| (*k, v.as_str())));
        }
        let mut headers = self.inner.headers.clone();
        for (name, value) in &request.headers {
            let bad = || Error::InvalidArgument(format!("header parameter `{name}: {value}` is not a valid header"));
            let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| bad())?;
            headers.append(name, HeaderValue::from_str(value).map_err(|_| bad())?);
        }
        if let Some(accept) = &request.accept {
            // Instead of the client's `application/json`, not beside it.
            headers.insert(
                ACCEPT,
                HeaderValue::from_str(accept)
                    .map_err(|_| Error::InvalidArgument(format!("`Accept: {accept}` is not a header value")))?,
            );
        }
        if request.body.is_some() {
            let content_type = HeaderValue::from_str(&request.content_type).map_err(|_| {
                Error::InvalidArgument(format!("`Content-Type: {}` is not a header value", request.content_type))
            })?;
            headers.insert(CONTENT_TYPE, content_type);
        }
        if !config.request_hooks.is_empty() {
            let info = RequestInfo {
                operation: request.operation,
                method: &request.method,
                path_template: crate::operations::path_template(request.operation),
                attempt,
            };
            for hook in &config.request_hooks {
                hook(&info, &mut headers);
            }
        }
        let mut response = crate::transport::send(
            &self.inner.http,
            request.method.clone(),
            url,
            headers,
            request.body.clone(),
            config.max_redirects,
        )
        .await
        .map_err(Error::Transport)?;
        let status = response.status();
        let headers = response.headers().clone();
        let (operation, limit) = (request.operation, config.max_body_size);
        let too_large = || Error::BodyTooLarge { operation, status: status.as_u16(), limit };
        // The body is read chunk by chunk into one buffer (sized from Content-Length when there
        // is one), and never beyond the limit.
        let expected = response.content_length().map(|n| usize::try_from(n).unwrap_or(usize::MAX));
        if expected.is_some_and(|n| n > limit) {
            return Err(too_large());
        }
        let mut body = Vec::with_capacity(expected.unwrap_or(0));
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    if chunk.len() > limit - body.len() {
                        return Err(too_large());
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(e) => {
                    let source = crate::transport::from_reqwest(e, Some(response.url().as_str()));
                    return Err(Error::BodyRead { operation, status: status.as_u16(), source });
                }
            }
        }
        Ok((status, headers, body))
    }

    /// Calls the response hooks with the outcome of attempt number `attempt`.
    fn observe(
        &self,
        request: &Request,
        attempt: u32,
        elapsed: Duration,
        outcome: Result<&(StatusCode, HeaderMap, Vec<u8>), &Error>,
    ) {
        let hooks = &self.inner.config.response_hooks;
        if hooks.is_empty() {
            return;
        }
        let info = ResponseInfo {
            operation: request.operation,
            method: &request.method,
            path_template: crate::operations::path_template(request.operation),
            attempt,
            elapsed,
            status: match outcome {
                Ok((status, _, _)) => Some(status.as_u16()),
                Err(error) => error.status(),
            },
            headers: outcome.ok().map(|(_, headers, _)| headers),
            error: outcome.err(),
        };
        for hook in hooks {
            hook(&info);
        }
    }
}

/// Exponential backoff with jitter: `initial * 2^(attempt-1)`, capped, then scaled by a random
/// factor in [0.5, 1.0] so that clients that failed together do not retry together.
fn backoff(policy: &crate::RetryPolicy, attempt: u32) -> Duration {
    let exponential = policy.initial_backoff.saturating_mul(1u32 << (attempt - 1).min(20));
    exponential.min(policy.max_backoff).mul_f64(0.5 + fastrand::f64() / 2.0)
}

fn finish(
    request: &Request,
    (status, headers, body): (StatusCode, HeaderMap, Vec<u8>),
) -> Result<(StatusCode, HeaderMap, Vec<u8>), Error> {
    if status.is_success() {
        return Ok((status, headers, body));
    }
    // The documented shape is `{"errors": ["..."]}`, the API also sends JSON:API error objects;
    // anything else keeps only the raw body.
    let errors = parse_error_entries(&body).unwrap_or_default();
    Err(Error::Api(Box::new(ApiError {
        operation: request.operation,
        status: status.as_u16(),
        headers,
        errors,
        body: String::from_utf8_lossy(&body).into_owned(),
        documented: request.documented_errors.contains(&status.as_u16()),
    })))
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(domain)) => domain == "localhost",
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}
