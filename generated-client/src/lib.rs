//! A typed async client for five groups of the Datadog API v2: Case Management, Incident Teams,
//! On-Call, Teams and Service Accounts.
//!
//! The `models` and `apis` modules are generated from the hand-curated OpenAPI spec in the
//! repository's `spec/` by `cargo xtask codegen`; the rest of this crate is a small hand-written
//! runtime (configuration, HTTP, errors, retries, pagination) that the generated code calls.
//!
//! ```no_run
//! use datadog_v2_client::apis::TeamsApi;
//! use datadog_v2_client::{Client, Configuration};
//! use datadog_v2_client::apis::teams::ListTeamsOptionalParams;
//!
//! # async fn run() -> Result<(), datadog_v2_client::Error> {
//! // Reads DD_API_KEY, DD_APP_KEY and DD_SITE (default datadoghq.com).
//! let client = Client::new(Configuration::from_env()?)?;
//! let teams = TeamsApi::new(client);
//! let page = teams.list_teams(ListTeamsOptionalParams::default().page_size(10)).await?;
//! for team in page.data.unwrap_or_default() {
//!     println!("{} {}", team.id, team.attributes.name);
//! }
//! # Ok(())
//! # }
//! ```
//!
//! Each API group is a cargo feature (`case-management`, `incident-teams`, `on-call`,
//! `service-accounts`, `teams`), all on by default; see the README's "Cargo features". The HTTP
//! client is the `client` feature (on by default): without it, the groups' models build on serde,
//! serde_json and chrono alone (README, "Models without the client").

// With only some API groups compiled, the runtime helpers that only the other groups' generated
// code calls are unused. The default build, which has every group, is still checked for them.
// docs.rs builds with `--cfg docsrs` (see `[package.metadata.docs.rs]`): each item shows the
// cargo feature it needs.
#![cfg_attr(docsrs, feature(doc_cfg))]
#![cfg_attr(not(feature = "default"), allow(dead_code, unused_imports, unused_macros))]
// One module holds `unsafe` code, the allocation behind `Extra` (see its module doc).
#![deny(unsafe_code)]

// The generated modules are formatted by the generator (prettyplease), not by rustfmt.
#[cfg(feature = "client")]
#[cfg_attr(docsrs, doc(cfg(feature = "client")))]
#[rustfmt::skip]
pub mod apis;
#[cfg(feature = "client")]
mod client;
mod codec;
#[cfg(feature = "client")]
mod config;
#[cfg(feature = "client")]
mod error;
#[allow(unsafe_code)]
mod extra;
#[cfg(feature = "client")]
mod hooks;
mod macros;
#[cfg(feature = "client")]
#[rustfmt::skip]
mod operations;
#[rustfmt::skip]
pub mod models;
#[cfg(feature = "client")]
#[cfg_attr(docsrs, doc(cfg(feature = "client")))]
pub mod pagination;
#[cfg(feature = "client")]
mod redact;
#[cfg(feature = "client")]
#[cfg_attr(docsrs, doc(cfg(feature = "client")))]
pub mod request;
#[cfg(feature = "client")]
mod response;
#[cfg(feature = "client")]
mod telemetry;
#[cfg(feature = "testing")]
#[cfg_attr(docsrs, doc(cfg(feature = "testing")))]
pub mod testing;
#[cfg(feature = "client")]
mod transport;

#[cfg(feature = "client")]
pub use client_api::*;
pub use codec::{AdditionalProperties, Members, Nullable, RawJson};
pub use extra::{ExplicitNulls, Extra, ExtraMut, ExtraPart};

/// The client's public items, all behind the `client` feature.
#[cfg(feature = "client")]
mod client_api {
    pub use crate::client::Client;
    pub use crate::config::{
        Configuration, DEFAULT_MAX_BODY_SIZE, DEFAULT_MAX_PAGES, DEFAULT_MAX_REDIRECTS, DEFAULT_SITE, RetryPolicy,
        SITES, Sleeper, TokioSleeper,
    };
    pub use crate::error::{
        ApiError, DecodeError, Error, ErrorEntry, ErrorObject, ErrorSource, MAX_RETRY_AFTER, RateLimit, TransportError,
        TransportErrorKind,
    };
    pub use crate::hooks::{RequestInfo, ResponseInfo};
    pub use crate::operations::UnstableOperation;
    pub use crate::response::RawResponse;
    /// The header map of requests and responses: `http::HeaderMap` (http 1.x), re-exported so
    /// that callers need not depend on `http` themselves.
    pub use http::{HeaderMap, HeaderName, HeaderValue};
}

/// Timestamps (`format: date-time`): `chrono`'s UTC time, as in the official Rust client.
pub type DateTime = chrono::DateTime<chrono::Utc>;

/// A decoded response with its status and headers (the `*_with_http_info` methods).
#[cfg(feature = "client")]
#[cfg_attr(docsrs, doc(cfg(feature = "client")))]
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ApiResponse<T> {
    pub status: u16,
    pub headers: HeaderMap,
    pub data: T,
}

#[cfg(feature = "client")]
impl<T> ApiResponse<T> {
    /// The decoded body alone.
    pub fn into_data(self) -> T {
        self.data
    }
}

/// The crate README's examples, compiled as doctests so that they stay true. (The repository
/// README's are compiled by the `tests` package: the published crate reads nothing outside itself.)
#[cfg(all(doctest, feature = "client"))]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
