//! The workspace's tests live in `tests/` (golden snapshots, round trips, end-to-end tests).

/// The repository README's examples, compiled as doctests so that they stay true. They are here
/// rather than in `datadog-v2-client`, whose published package reads nothing outside itself (it
/// compiles its own README's examples). Doctests see this package's dev-dependencies: the client
/// with its `tracing` and `testing` features, tokio, futures-util.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
