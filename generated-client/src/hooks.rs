//! Hooks: the user's own code on every attempt of every call (README, "Hooks"). A request hook
//! adds headers before each attempt is sent (trace-context propagation, a proxy's
//! authentication); a response hook observes each attempt's outcome (metrics, rate-limit
//! headers), retries included.

use std::sync::Arc;
use std::time::Duration;

use http::{HeaderMap, Method};

use crate::Error;

/// The attempt a request hook is about to send.
#[derive(Debug)]
#[non_exhaustive]
pub struct RequestInfo<'a> {
    /// The method that sends it, e.g. `get_team`.
    pub operation: &'static str,
    pub method: &'a Method,
    /// The operation's path template, e.g. `/api/v2/team/{team_id}` (no ids); `None` for a
    /// request the generated code does not describe.
    pub path_template: Option<&'static str>,
    /// 1 for the first attempt, 2 for the first retry, ...
    pub attempt: u32,
}

/// How one attempt ended, for a response hook: an answer (its status and headers, any status,
/// before it is read as a success or an [`Error::Api`]), or an error (a transport failure, a body
/// cut short or too large, the call's deadline).
#[derive(Debug)]
#[non_exhaustive]
pub struct ResponseInfo<'a> {
    /// The method that sent it, e.g. `get_team`.
    pub operation: &'static str,
    pub method: &'a Method,
    /// The operation's path template, e.g. `/api/v2/team/{team_id}` (no ids).
    pub path_template: Option<&'static str>,
    /// 1 for the first attempt, 2 for the first retry, ...
    pub attempt: u32,
    /// The time from sending this attempt to its whole body read (or its failure).
    pub elapsed: Duration,
    /// The answer's status: also set for an error that comes with one (a body cut short or too
    /// large).
    pub status: Option<u16>,
    /// The answer's headers, when the whole answer came.
    pub headers: Option<&'a HeaderMap>,
    /// The attempt's error, when it failed without a whole answer.
    pub error: Option<&'a Error>,
}

/// A request hook: called before each attempt with the headers it will send, which it may add to.
pub(crate) type RequestHook = Arc<dyn Fn(&RequestInfo<'_>, &mut HeaderMap) + Send + Sync>;

/// A response hook: called after each attempt.
pub(crate) type ResponseHook = Arc<dyn Fn(&ResponseInfo<'_>) + Send + Sync>;
