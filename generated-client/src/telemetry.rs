//! Tracing of each call (the `tracing` cargo feature): one `datadog_api.call` span per call, with
//! the operation name, HTTP method, id-free path template, the attempts made, the time waited
//! between them, the final status and the elapsed time; one event per retry. Neither a key nor a
//! concrete URL (which holds ids) is ever recorded.
//!
//! Without the feature, [`Trace`] is empty and each of its methods does nothing.

use std::time::Duration;

use crate::Error;
use crate::request::Request;

/// A final answer: status, headers and body.
type Response = (http::StatusCode, http::HeaderMap, Vec<u8>);

/// The span of one call, handed to the retry loop explicitly (not looked up as the current
/// span), so that the fields land on it under any subscriber.
pub(crate) struct Trace {
    #[cfg(feature = "tracing")]
    span: tracing::Span,
}

impl Trace {
    /// The span of `request`, not entered yet.
    #[inline(always)]
    pub(crate) fn new(request: &Request) -> Self {
        #[cfg(feature = "tracing")]
        {
            use tracing::field::Empty;
            let span = tracing::info_span!(
                "datadog_api.call",
                operation = request.operation,
                method = request.method.as_str(),
                path_template = crate::operations::path_template(request.operation).unwrap_or("?"),
                attempts = Empty,
                retry_wait_ms = Empty,
                status = Empty,
                error = Empty,
                elapsed_ms = Empty,
            );
            Trace { span }
        }
        #[cfg(not(feature = "tracing"))]
        {
            let _ = request;
            Trace {}
        }
    }

    /// Runs `call` (every attempt of the request) inside the span, then records its outcome.
    #[inline(always)]
    pub(crate) async fn instrument(
        &self,
        call: impl Future<Output = Result<Response, Error>>,
    ) -> Result<Response, Error> {
        #[cfg(feature = "tracing")]
        {
            use tracing::Instrument;
            let started = std::time::Instant::now();
            let outcome = call.instrument(self.span.clone()).await;
            let status = match &outcome {
                Ok((status, _, _)) => Some(status.as_u16()),
                Err(Error::Api(e)) => Some(e.status),
                Err(Error::BodyRead { status, .. } | Error::BodyTooLarge { status, .. }) => Some(*status),
                Err(_) => None,
            };
            if let Some(status) = status {
                self.span.record("status", status);
            }
            if let Err(error) = &outcome {
                self.span.record("error", kind(error));
            }
            self.span.record("elapsed_ms", started.elapsed().as_millis() as u64);
            outcome
        }
        #[cfg(not(feature = "tracing"))]
        call.await
    }

    /// Records that attempt number `attempt` is starting.
    #[inline(always)]
    pub(crate) fn attempt(&self, attempt: u32) {
        #[cfg(feature = "tracing")]
        self.span.record("attempts", attempt);
        #[cfg(not(feature = "tracing"))]
        let _ = attempt;
    }

    /// Emits the event of a retry: attempt `attempt` ended with `status` (or a transport error),
    /// and the next starts after `wait`; `waited` is the total waited so far, this wait included.
    #[inline(always)]
    pub(crate) fn retry(&self, attempt: u32, status: Option<u16>, wait: Duration, waited: Duration) {
        #[cfg(feature = "tracing")]
        {
            let wait_ms = wait.as_millis() as u64;
            self.span.record("retry_wait_ms", waited.as_millis() as u64);
            match status {
                Some(status) => {
                    tracing::warn!(parent: &self.span, attempt, status, wait_ms, "retrying after an HTTP {status}")
                }
                None => tracing::warn!(parent: &self.span, attempt, wait_ms, "retrying after a transport error"),
            }
        }
        #[cfg(not(feature = "tracing"))]
        let _ = (attempt, status, wait, waited);
    }
}

/// A short name of the error's kind: never its message, which may hold a URL.
#[cfg(feature = "tracing")]
fn kind(error: &Error) -> &'static str {
    match error {
        Error::Configuration(_) => "configuration",
        Error::InvalidArgument(_) => "invalid_argument",
        Error::UnstableOperation(_) => "unstable_operation",
        Error::Transport(_) => "transport",
        Error::BodyRead { .. } => "body_read",
        Error::BodyTooLarge { .. } => "body_too_large",
        Error::Deadline { .. } => "deadline",
        Error::Pagination(_) => "pagination",
        Error::Api(_) => "api",
        Error::Decode(_) => "decode",
        Error::Encode(_) => "encode",
    }
}
