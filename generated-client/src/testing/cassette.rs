//! Cassettes: a test's HTTP traffic recorded once against the real API, then replayed offline.
//!
//! A [`Cassette`] is a local server on 127.0.0.1 that the test's [`Client`] talks to (its base
//! URL is the server's). In [`Mode::Record`] (`DD_CASSETTES=record`) the server is a proxy: it
//! forwards each request to the real API (or any [`CassetteBuilder::upstream`]) and keeps the
//! interaction, scrubbed; [`Cassette::finish`] writes them to the cassette file (atomically). In
//! [`Mode::Replay`] (the variable unset) it answers each request from the file, and
//! [`Cassette::finish`] fails when a request matched nothing or a recorded interaction was never
//! used. Being a server, it works with every operation, retries, pagination and raw bodies: it
//! sees only HTTP.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use datadog_v2_client::apis::TeamsApi;
//! use datadog_v2_client::testing::Cassette;
//!
//! let cassette = Cassette::start("tests/cassettes/get_team.json").await?;
//! let team = TeamsApi::new(cassette.client()).get_team("abc", Default::default()).await?;
//! cassette.finish().await?;
//! # Ok(())
//! # }
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::convert::Infallible;
use std::fmt;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine;
use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Value, json};

use super::{TEST_API_KEY, TEST_APP_KEY};
use crate::{Client, Configuration, Sleeper, UnstableOperation};

/// The format version written in each cassette (`"version"`). A cassette of this version or an
/// older one is read; a newer one is an error that says so.
pub const FORMAT_VERSION: u64 = 1;

/// The environment variable that selects the mode: `record`, or unset (or `replay`) to replay.
pub const CASSETTES_VAR: &str = "DD_CASSETTES";

/// What a secret is replaced with in a cassette.
pub const REDACTED: &str = "<redacted>";

/// The status a replayed request that matches no recorded interaction is answered with, with the
/// API's error body naming the closest interaction: a status no code handles and the client
/// does not retry.
pub const MISMATCH_STATUS: u16 = 418;

/// The request headers whose values are secrets: scrubbed wherever they appear.
const KEY_HEADERS: [&str; 2] = ["dd-api-key", "dd-application-key"];

/// The response headers a cassette keeps (others, such as `date` or trace ids, change on every
/// call): the content type, the rate limit (retries wait on it) and redirects.
const RECORDED_HEADERS: [&str; 8] = [
    "content-type",
    "location",
    "retry-after",
    "x-ratelimit-limit",
    "x-ratelimit-name",
    "x-ratelimit-period",
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
];

/// Whether the cassette is recorded or replayed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Forward each request to the API and write the interactions to the cassette.
    Record,
    /// Answer each request from the cassette, offline.
    Replay,
}

impl Mode {
    /// The mode [`CASSETTES_VAR`] selects.
    pub fn from_env() -> Result<Mode, CassetteError> {
        Mode::from_value(std::env::var(CASSETTES_VAR).ok().as_deref())
    }

    /// The mode a value of [`CASSETTES_VAR`] selects: `record`; `replay`, empty or unset
    /// (`None`) replay; anything else is an error.
    pub fn from_value(value: Option<&str>) -> Result<Mode, CassetteError> {
        match value.map(str::trim) {
            None | Some("" | "replay") => Ok(Mode::Replay),
            Some("record") => Ok(Mode::Record),
            Some(other) => Err(CassetteError::one(format!(
                "{CASSETTES_VAR}={other:?}: set it to `record` to record, or leave it unset to replay"
            ))),
        }
    }
}

/// A [`Sleeper`] that does not wait: replayed retries happen at once.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoWait;

impl Sleeper for NoWait {
    fn sleep(&self, _duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send>> {
        Box::pin(std::future::ready(()))
    }
}

/// What went wrong with a cassette: each problem on its own line (which file, which request or
/// interaction, what differs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CassetteError {
    problems: Vec<String>,
}

impl CassetteError {
    fn one(problem: String) -> Self {
        CassetteError { problems: vec![problem] }
    }

    /// Each problem, in the order found.
    pub fn problems(&self) -> &[String] {
        &self.problems
    }
}

impl fmt::Display for CassetteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.problems.join("\n"))
    }
}

impl std::error::Error for CassetteError {}

/// A cassette file: its format version and the interactions, in the order they happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CassetteFile {
    /// The format version ([`FORMAT_VERSION`] when written).
    pub version: u64,
    /// The requests and their answers, in order.
    pub interactions: Vec<Interaction>,
}

impl CassetteFile {
    /// Reads a cassette; an error names the file and, for a malformed one, the line or the JSON
    /// path of the problem.
    pub fn read(path: &Path) -> Result<CassetteFile, CassetteError> {
        let shown = path.display();
        let text = std::fs::read_to_string(path).map_err(|e| {
            let hint = if e.kind() == std::io::ErrorKind::NotFound {
                format!(
                    " (record it: run the test once with {CASSETTES_VAR}=record and DD_API_KEY, DD_APP_KEY set, then \
                     commit the file)"
                )
            } else {
                String::new()
            };
            CassetteError::one(format!("cassette {shown}: cannot read it: {e}{hint}"))
        })?;
        CassetteFile::parse(&text).map_err(|problem| CassetteError::one(format!("cassette {shown}: {problem}")))
    }

    /// Parses a cassette's text.
    fn parse(text: &str) -> Result<CassetteFile, String> {
        let value: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
        match value.get("version") {
            Some(Value::Number(n)) => match n.as_u64() {
                Some(version) if (1..=FORMAT_VERSION).contains(&version) => {}
                Some(version) if version > FORMAT_VERSION => {
                    return Err(format!(
                        "/version: format version {version} is newer than this crate reads (up to \
                         {FORMAT_VERSION}): update datadog-v2-client, or record the cassette again"
                    ));
                }
                _ => return Err(format!("/version: {n} is not a format version (1 to {FORMAT_VERSION})")),
            },
            Some(other) => return Err(format!("/version: expected a number, found {other}")),
            None => return Err("no `version` member: not a cassette (or one written by hand without it)".into()),
        }
        let file: CassetteFile = serde_path_to_error::deserialize(value).map_err(|e| {
            let pointer = e.path().to_string().replace('.', "/").replace(['[', ']'], "/").replace("//", "/");
            format!("/{}: {}", pointer.trim_matches('/'), e.inner())
        })?;
        for (i, interaction) in file.interactions.iter().enumerate() {
            interaction.request.body.check().map_err(|e| format!("/interactions/{i}/request: {e}"))?;
            interaction.response.body.check().map_err(|e| format!("/interactions/{i}/response: {e}"))?;
        }
        Ok(file)
    }

    /// The cassette as written: pretty JSON, the format's members in a fixed order (version
    /// first; method and path first in a request, status first in a response), the members of
    /// JSON bodies in name order, a final newline.
    pub fn to_json(&self) -> String {
        let mut file = self.clone();
        for interaction in &mut file.interactions {
            for body in [&mut interaction.request.body, &mut interaction.response.body] {
                if let Some(value) = &mut body.json {
                    sort_members(value);
                }
            }
        }
        let mut text = serde_json::to_string_pretty(&file).expect("a cassette serializes");
        text.push('\n');
        text
    }
}

/// One request and the answer it got.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Interaction {
    /// What the client sent.
    pub request: RecordedRequest,
    /// What the API answered.
    pub response: RecordedResponse,
}

impl Interaction {
    /// Applies `f` to every string of the interaction: path, query names and values, JSON member
    /// names and string values, text bodies and response header values (the scrubbers'
    /// work).
    pub fn map_strings(&mut self, f: &dyn Fn(&str) -> String) {
        self.request.map_strings(f);
        self.response.map_strings(f);
    }
}

/// A recorded request: method, path (as sent, percent-encoded), query (decoded; matched whatever
/// the order) and body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordedRequest {
    /// `GET`, `POST`, ...
    pub method: String,
    /// The path, percent-encoded as sent, e.g. `/api/v2/team/abc`.
    pub path: String,
    /// The query parameters, decoded, by name: a value, or the values of a repeated name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", with = "query_format")]
    pub query: BTreeMap<String, Vec<String>>,
    /// The body, if one was sent.
    #[serde(flatten)]
    pub body: RecordedBody,
}

impl RecordedRequest {
    fn map_strings(&mut self, f: &dyn Fn(&str) -> String) {
        self.path = f(&self.path);
        self.query = std::mem::take(&mut self.query)
            .into_iter()
            .map(|(name, values)| (f(&name), values.iter().map(|v| f(v)).collect()))
            .collect();
        self.body.map_strings(f);
    }

    /// `GET /path?query` for messages.
    fn describe(&self) -> String {
        let query: Vec<String> =
            self.query.iter().flat_map(|(name, values)| values.iter().map(move |v| format!("{name}={v}"))).collect();
        if query.is_empty() {
            format!("{} {}", self.method, self.path)
        } else {
            format!("{} {}?{}", self.method, self.path, query.join("&"))
        }
    }

    /// What differs between this (recorded) request and `sent`, and how far apart they are.
    fn differences(&self, sent: &RecordedRequest) -> (u32, Vec<String>) {
        let mut distance = 0;
        let mut differences = Vec::new();
        if self.method != sent.method {
            distance += 100;
            differences.push(format!("method: recorded {}, sent {}", self.method, sent.method));
        }
        if self.path != sent.path {
            distance += 10;
            differences.push(format!("path: recorded {}, sent {}", self.path, sent.path));
        }
        let names: BTreeSet<&String> = self.query.keys().chain(sent.query.keys()).collect();
        for name in names {
            let sorted = |values: Option<&Vec<String>>| {
                let mut values = values.cloned().unwrap_or_default();
                values.sort();
                values
            };
            let (recorded, sent_values) = (sorted(self.query.get(name)), sorted(sent.query.get(name)));
            if recorded != sent_values {
                distance += 1;
                differences.push(match (recorded.is_empty(), sent_values.is_empty()) {
                    (true, _) => format!("query {name}: not recorded, sent {sent_values:?}"),
                    (_, true) => format!("query {name}: recorded {recorded:?}, not sent"),
                    _ => format!("query {name}: recorded {recorded:?}, sent {sent_values:?}"),
                });
            }
        }
        if let Some(difference) = self.body.difference(&sent.body) {
            distance += 1;
            differences.push(difference);
        }
        (distance, differences)
    }
}

/// A recorded answer: status, the headers that matter and the body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordedResponse {
    /// The HTTP status.
    pub status: u16,
    /// The kept headers (names in lower case): the content type, the rate limit, `location`,
    /// and those of [`CassetteBuilder::record_header`].
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub headers: BTreeMap<String, String>,
    /// The body, if there was one.
    #[serde(flatten)]
    pub body: RecordedBody,
}

impl RecordedResponse {
    fn map_strings(&mut self, f: &dyn Fn(&str) -> String) {
        for value in self.headers.values_mut() {
            *value = f(value);
        }
        self.body.map_strings(f);
    }

    /// The HTTP answer.
    fn to_http(&self) -> hyper::Response<Full<Bytes>> {
        let mut response = hyper::Response::builder().status(self.status);
        for (name, value) in &self.headers {
            if !matches!(name.as_str(), "content-length" | "transfer-encoding" | "connection") {
                response = response.header(name, value);
            }
        }
        if self.body.json.is_some() && !self.headers.contains_key("content-type") {
            response = response.header("content-type", "application/json");
        }
        response.body(Full::new(Bytes::from(self.body.bytes()))).unwrap_or_else(|e| {
            error_response(500, format!("the cassette's response cannot be sent (status or header invalid): {e}"))
        })
    }
}

/// A body: JSON when it is JSON, else UTF-8 text, else base64 (at most one of the three is set;
/// none when there is no body).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RecordedBody {
    /// The request body's `Content-Type` (a response's is in its headers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// A JSON body (compared as a JSON value: member order and spacing do not matter).
    #[serde(default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub json: Option<Value>,
    /// A body that is UTF-8 text but not JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Any other body, in standard base64.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base64: Option<String>,
}

/// `Some` for a member that is present, `null` included.
fn present<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(deserializer).map(Some)
}

impl RecordedBody {
    /// The body of `bytes` sent with `content_type`: JSON when the type is JSON (or absent) and
    /// the bytes parse, else text when UTF-8, else base64.
    fn new(bytes: &[u8], content_type: Option<String>) -> RecordedBody {
        if bytes.is_empty() {
            return RecordedBody { content_type, ..RecordedBody::default() };
        }
        let json_type = content_type.as_deref().is_none_or(|t| {
            let essence = t.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
            essence == "application/json" || essence.ends_with("+json")
        });
        if json_type && let Ok(value) = serde_json::from_slice::<Value>(bytes) {
            return RecordedBody { content_type, json: Some(value), ..RecordedBody::default() };
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => RecordedBody { content_type, text: Some(text.to_owned()), ..RecordedBody::default() },
            Err(_) => RecordedBody {
                content_type,
                base64: Some(base64::engine::general_purpose::STANDARD.encode(bytes)),
                ..RecordedBody::default()
            },
        }
    }

    fn check(&self) -> Result<(), String> {
        let set = [self.json.is_some(), self.text.is_some(), self.base64.is_some()];
        if set.iter().filter(|s| **s).count() > 1 {
            return Err("a body is one of `json`, `text` or `base64`, not several".into());
        }
        if let Some(encoded) = &self.base64 {
            base64::engine::general_purpose::STANDARD
                .decode(encoded)
                .map_err(|e| format!("/base64: not standard base64: {e}"))?;
        }
        Ok(())
    }

    /// The bytes (JSON compact); checked by [`RecordedBody::check`] when read.
    fn bytes(&self) -> Vec<u8> {
        if let Some(value) = &self.json {
            serde_json::to_vec(value).expect("a JSON value serializes")
        } else if let Some(text) = &self.text {
            text.as_bytes().to_vec()
        } else if let Some(encoded) = &self.base64 {
            base64::engine::general_purpose::STANDARD.decode(encoded).unwrap_or_default()
        } else {
            Vec::new()
        }
    }

    fn map_strings(&mut self, f: &dyn Fn(&str) -> String) {
        if let Some(value) = &mut self.json {
            map_json_strings(value, f);
        }
        if let Some(text) = &mut self.text {
            *text = f(text);
        }
    }

    /// How `sent` differs from this (recorded) body, if it does: JSON compared as values, the
    /// rest byte for byte.
    fn difference(&self, sent: &RecordedBody) -> Option<String> {
        if let (Some(recorded), Some(sent)) = (&self.json, &sent.json) {
            return json_difference(recorded, sent, String::new())
                .map(|(pointer, recorded, sent)| format!("body at {pointer:?}: recorded {recorded}, sent {sent}"));
        }
        let (recorded, sent_bytes) = (self.bytes(), sent.bytes());
        (recorded != sent_bytes).then(|| {
            let show = |body: &RecordedBody, bytes: &[u8]| match (&body.json, &body.text) {
                (Some(value), _) => format!("JSON {}", truncate(&value.to_string())),
                (_, Some(text)) => format!("text {:?}", truncate(text)),
                _ if bytes.is_empty() => "no body".to_owned(),
                _ => format!("{} bytes", bytes.len()),
            };
            format!("body: recorded {}, sent {}", show(self, &recorded), show(sent, &sent_bytes))
        })
    }
}

fn truncate(text: &str) -> String {
    match text.char_indices().nth(200) {
        Some((end, _)) => format!("{}...", &text[..end]),
        None => text.to_owned(),
    }
}

/// The first place where two JSON values differ: its JSON pointer and both sides (`absent` for a
/// missing member).
fn json_difference(recorded: &Value, sent: &Value, pointer: String) -> Option<(String, String, String)> {
    let show = |value: Option<&Value>| value.map_or_else(|| "absent".to_owned(), |v| truncate(&v.to_string()));
    match (recorded, sent) {
        (Value::Object(a), Value::Object(b)) => {
            let names: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
            names.into_iter().find_map(|name| {
                let at = format!("{pointer}/{}", name.replace('~', "~0").replace('/', "~1"));
                match (a.get(name), b.get(name)) {
                    (Some(x), Some(y)) => json_difference(x, y, at),
                    (x, y) => Some((at, show(x), show(y))),
                }
            })
        }
        (Value::Array(a), Value::Array(b)) => (0..a.len().max(b.len())).find_map(|i| {
            let at = format!("{pointer}/{i}");
            match (a.get(i), b.get(i)) {
                (Some(x), Some(y)) => json_difference(x, y, at),
                (x, y) => Some((at, show(x), show(y))),
            }
        }),
        _ if recorded == sent => None,
        _ => Some((pointer, show(Some(recorded)), show(Some(sent)))),
    }
}

fn map_json_strings(value: &mut Value, f: &dyn Fn(&str) -> String) {
    match value {
        Value::String(s) => *s = f(s),
        Value::Array(items) => items.iter_mut().for_each(|item| map_json_strings(item, f)),
        Value::Object(members) => {
            *members = std::mem::take(members)
                .into_iter()
                .map(|(name, mut member)| {
                    map_json_strings(&mut member, f);
                    (f(&name), member)
                })
                .collect();
        }
        _ => {}
    }
}

/// Puts every object's members in name order (whatever order the JSON map keeps).
fn sort_members(value: &mut Value) {
    match value {
        Value::Array(items) => items.iter_mut().for_each(sort_members),
        Value::Object(members) => {
            let mut sorted: Vec<(String, Value)> = std::mem::take(members).into_iter().collect();
            sorted.sort_by(|a, b| a.0.cmp(&b.0));
            for (name, mut member) in sorted {
                sort_members(&mut member);
                members.insert(name, member);
            }
        }
        _ => {}
    }
}

/// The query as a JSON object: a name's value, or an array of its values when it is repeated.
mod query_format {
    use super::*;

    #[derive(Serialize, Deserialize)]
    #[serde(untagged)]
    enum Values {
        One(String),
        Many(Vec<String>),
    }

    pub(super) fn serialize<S: Serializer>(query: &BTreeMap<String, Vec<String>>, s: S) -> Result<S::Ok, S::Error> {
        let shown: BTreeMap<&String, Values> = query
            .iter()
            .map(|(name, values)| match values.as_slice() {
                [one] => (name, Values::One(one.clone())),
                _ => (name, Values::Many(values.clone())),
            })
            .collect();
        shown.serialize(s)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, Vec<String>>, D::Error> {
        let shown = BTreeMap::<String, Values>::deserialize(d)?;
        Ok(shown
            .into_iter()
            .map(|(name, values)| match values {
                Values::One(one) => (name, vec![one]),
                Values::Many(many) => (name, many),
            })
            .collect())
    }
}

/// `text` with the user part of every URL in it (`https://user:password@host`) redacted.
fn scrub_userinfo(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("://") {
        let authority_start = at + 3;
        out.push_str(&rest[..authority_start]);
        rest = &rest[authority_start..];
        let end = rest.find(|c: char| matches!(c, '/' | '?' | '#' | '"' | '\'' | '<' | '>') || c.is_whitespace());
        let authority = &rest[..end.unwrap_or(rest.len())];
        if let Some(user_end) = authority.rfind('@') {
            out.push_str(REDACTED);
            rest = &rest[user_end..];
        }
    }
    out.push_str(rest);
    out
}

/// `bytes` with every occurrence of each secret replaced by [`REDACTED`].
fn redact_bytes(bytes: &[u8], secrets: &[String]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for secret in secrets.iter().filter(|s| !s.is_empty()) {
        let secret = secret.as_bytes();
        let mut replaced = Vec::with_capacity(out.len());
        let mut i = 0;
        while i < out.len() {
            if out[i..].starts_with(secret) {
                replaced.extend_from_slice(REDACTED.as_bytes());
                i += secret.len();
            } else {
                replaced.push(out[i]);
                i += 1;
            }
        }
        out = replaced;
    }
    out
}

/// A user's scrubber: maps each string of an interaction.
type Scrubber = Box<dyn Fn(&str) -> String + Send + Sync>;

/// How a [`Cassette`] is set up: [`Cassette::builder`].
#[must_use = "start the cassette with `.start().await`"]
pub struct CassetteBuilder {
    path: PathBuf,
    mode: Option<Mode>,
    upstream: Option<String>,
    keys: Option<(String, String)>,
    secret_headers: Vec<String>,
    record_headers: Vec<String>,
    scrubbers: Vec<Scrubber>,
    allow_unused: bool,
}

impl fmt::Debug for CassetteBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CassetteBuilder")
            .field("path", &self.path)
            .field("mode", &self.mode)
            .field("upstream", &self.upstream.as_deref().map(crate::redact::redact_url))
            .field("keys", &self.keys.as_ref().map(|_| REDACTED))
            .field("secret_headers", &self.secret_headers)
            .field("record_headers", &self.record_headers)
            .field("scrubbers", &self.scrubbers.len())
            .field("allow_unused", &self.allow_unused)
            .finish()
    }
}

impl CassetteBuilder {
    /// Records or replays regardless of [`CASSETTES_VAR`].
    pub fn mode(mut self, mode: Mode) -> Self {
        self.mode = Some(mode);
        self
    }

    /// Records from this base URL instead of the API of `DD_SITE` (default `datadoghq.com`): a
    /// proxy, or a local server standing in for the API.
    pub fn upstream(mut self, base_url: impl Into<String>) -> Self {
        self.upstream = Some(base_url.into().trim_end_matches('/').to_owned());
        self
    }

    /// Records with these keys instead of `DD_API_KEY` and `DD_APP_KEY`.
    pub fn keys(mut self, api_key: impl Into<String>, app_key: impl Into<String>) -> Self {
        self.keys = Some((api_key.into(), app_key.into()));
        self
    }

    /// Treats the value of this request header as a secret too, like the two key headers: it is
    /// replaced by [`REDACTED`] wherever it appears in the cassette.
    pub fn secret_header(mut self, name: impl Into<String>) -> Self {
        self.secret_headers.push(name.into().to_ascii_lowercase());
        self
    }

    /// Keeps this response header in the cassette too (besides the content type, the rate limit
    /// headers and `location`).
    pub fn record_header(mut self, name: impl Into<String>) -> Self {
        self.record_headers.push(name.into().to_ascii_lowercase());
        self
    }

    /// Adds a scrubber: `f` maps every string of each interaction (see
    /// [`Interaction::map_strings`]) before it is written, and of each request before it is
    /// matched on replay, e.g. `.scrub(|s| s.replace("alice@example.com", "user@example.com"))`.
    pub fn scrub(mut self, f: impl Fn(&str) -> String + Send + Sync + 'static) -> Self {
        self.scrubbers.push(Box::new(f));
        self
    }

    /// On replay, does not fail [`Cassette::finish`] when recorded interactions were not used.
    pub fn allow_unused(mut self) -> Self {
        self.allow_unused = true;
        self
    }

    /// Reads the cassette (replay) or checks the keys (record), and starts the local server.
    pub async fn start(self) -> Result<Cassette, CassetteError> {
        let mode = match self.mode {
            Some(mode) => mode,
            None => Mode::from_env()?,
        };
        let shown = self.path.display().to_string();
        let (recorded, upstream, keys) = match mode {
            Mode::Replay => {
                let file = CassetteFile::read(&self.path)?;
                (file.interactions, None, (TEST_API_KEY.to_owned(), TEST_APP_KEY.to_owned()))
            }
            Mode::Record => {
                let keys = match self.keys {
                    Some(keys) => keys,
                    None => match (std::env::var("DD_API_KEY"), std::env::var("DD_APP_KEY")) {
                        (Ok(api), Ok(app)) if !api.trim().is_empty() && !app.trim().is_empty() => (api, app),
                        _ => {
                            return Err(CassetteError::one(format!(
                                "cassette {shown}: {CASSETTES_VAR}=record needs DD_API_KEY and DD_APP_KEY"
                            )));
                        }
                    },
                };
                let upstream = match self.upstream {
                    Some(upstream) => upstream,
                    None => {
                        let site = std::env::var("DD_SITE").ok().filter(|s| !s.trim().is_empty());
                        let config = match site {
                            Some(site) => Configuration::new().site(&site),
                            None => Ok(Configuration::new()),
                        };
                        config
                            .map_err(|e| CassetteError::one(format!("cassette {shown}: {e}")))?
                            .get_base_url()
                            .to_owned()
                    }
                };
                let parsed = url::Url::parse(&upstream).map_err(|e| {
                    CassetteError::one(format!(
                        "cassette {shown}: upstream {}: {e}",
                        crate::redact::redact_url(&upstream)
                    ))
                })?;
                if parsed.query().is_some() || parsed.fragment().is_some() {
                    return Err(CassetteError::one(format!(
                        "cassette {shown}: upstream {}: a base URL has no query or fragment",
                        crate::redact::redact_url(&upstream)
                    )));
                }
                (Vec::new(), Some(upstream), keys)
            }
        };
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
            .await
            .map_err(|e| CassetteError::one(format!("cassette {shown}: cannot listen on 127.0.0.1: {e}")))?;
        let address = listener
            .local_addr()
            .map_err(|e| CassetteError::one(format!("cassette {shown}: cannot listen on 127.0.0.1: {e}")))?;
        let http = match &upstream {
            // The proxy passes redirects to the client, which owns them.
            Some(_) => Some(
                reqwest::Client::builder()
                    .redirect(reqwest::redirect::Policy::none())
                    .build()
                    .map_err(|e| CassetteError::one(format!("cassette {shown}: {e}")))?,
            ),
            None => None,
        };
        let mut record_headers: BTreeSet<String> = RECORDED_HEADERS.iter().map(|h| h.to_string()).collect();
        record_headers.extend(self.record_headers);
        let mut secret_headers: Vec<String> = KEY_HEADERS.iter().map(|h| h.to_string()).collect();
        secret_headers.extend(self.secret_headers);
        let used = vec![false; recorded.len()];
        let shared = Arc::new(Shared {
            shown,
            upstream,
            http,
            secret_headers,
            record_headers,
            scrubbers: self.scrubbers,
            state: Mutex::new(State { recorded, used, problems: Vec::new() }),
        });
        let server = tokio::spawn(serve(listener, Arc::clone(&shared)));
        Ok(Cassette {
            shared,
            path: self.path,
            mode,
            uri: format!("http://{address}"),
            keys,
            allow_unused: self.allow_unused,
            server,
            finished: false,
        })
    }
}

/// A cassette: a local server on 127.0.0.1 that records the test's traffic with the API or
/// replays it (see the module's documentation). Call [`Cassette::finish`] at the end of the
/// test; a cassette dropped without it panics (unless the test is already panicking), and a
/// recording is then not written.
pub struct Cassette {
    shared: Arc<Shared>,
    path: PathBuf,
    mode: Mode,
    uri: String,
    keys: (String, String),
    allow_unused: bool,
    server: tokio::task::JoinHandle<()>,
    finished: bool,
}

impl fmt::Debug for Cassette {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Cassette").field("path", &self.path).field("mode", &self.mode).field("uri", &self.uri).finish()
    }
}

impl Cassette {
    /// Records or replays the cassette at `path` (e.g. `tests/cassettes/<test name>.json`,
    /// relative to the package), in the mode of [`CASSETTES_VAR`].
    pub async fn start(path: impl Into<PathBuf>) -> Result<Cassette, CassetteError> {
        Cassette::builder(path).start().await
    }

    /// A cassette at `path` to set up (mode, upstream, scrubbing...) before
    /// [`start`](CassetteBuilder::start).
    pub fn builder(path: impl Into<PathBuf>) -> CassetteBuilder {
        CassetteBuilder {
            path: path.into(),
            mode: None,
            upstream: None,
            keys: None,
            secret_headers: Vec::new(),
            record_headers: Vec::new(),
            scrubbers: Vec::new(),
            allow_unused: false,
        }
    }

    /// Whether this cassette records or replays.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The local server's base URL, e.g. `http://127.0.0.1:41234`.
    pub fn uri(&self) -> String {
        self.uri.clone()
    }

    /// A configuration for the local server: the keys (the real ones when recording, the test
    /// keys on replay), every unstable operation switched on, the default retries; on replay
    /// the waits between attempts are skipped ([`NoWait`]). Change it and build a client with
    /// [`Client::new`].
    pub fn configuration(&self) -> Configuration {
        let config = UnstableOperation::ALL
            .iter()
            .fold(Configuration::new(), |config, op| config.enable_unstable(*op))
            .api_key(self.keys.0.clone())
            .app_key(self.keys.1.clone())
            .base_url(self.uri.clone());
        match self.mode {
            Mode::Record => config,
            Mode::Replay => config.sleeper(Arc::new(NoWait)),
        }
    }

    /// A client for the local server, built from [`Cassette::configuration`].
    pub fn client(&self) -> Client {
        Client::new(self.configuration()).expect("the cassette's configuration is valid")
    }

    /// Ends the test's use of the cassette. Recording: writes the cassette (to a temporary file
    /// renamed over it, so that it is never half written), unless a request failed to reach
    /// the API. Replay: fails with every request that matched no interaction and, unless
    /// [`allow_unused`](CassetteBuilder::allow_unused), every interaction never used.
    pub async fn finish(mut self) -> Result<(), CassetteError> {
        self.finished = true;
        self.server.abort();
        let shown = &self.shared.shown;
        let state = self.shared.state.lock().unwrap_or_else(|e| e.into_inner());
        let mut problems = state.problems.clone();
        match self.mode {
            Mode::Record => {
                if !problems.is_empty() {
                    problems.push(format!("cassette {shown}: not written, the previous file (if any) is unchanged"));
                    return Err(CassetteError { problems });
                }
                let file = CassetteFile { version: FORMAT_VERSION, interactions: state.recorded.clone() };
                write_atomically(&self.path, file.to_json().as_bytes())
                    .map_err(|e| CassetteError::one(format!("cassette {shown}: cannot write it: {e}")))
            }
            Mode::Replay => {
                if !self.allow_unused {
                    for (i, interaction) in state.recorded.iter().enumerate() {
                        if !state.used[i] {
                            problems.push(format!(
                                "cassette {shown}: /interactions/{i} ({}) was recorded but never requested \
                                 (record again, or allow it with `allow_unused()`)",
                                interaction.request.describe()
                            ));
                        }
                    }
                }
                if problems.is_empty() { Ok(()) } else { Err(CassetteError { problems }) }
            }
        }
    }
}

impl Drop for Cassette {
    fn drop(&mut self) {
        self.server.abort();
        if !self.finished && !std::thread::panicking() {
            panic!(
                "cassette {}: dropped without `finish().await` (a recording is not written, a replay not checked)",
                self.shared.shown
            );
        }
    }
}

/// Writes `bytes` to a temporary file next to `path`, then renames it over `path`.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path.file_name().ok_or_else(|| std::io::Error::other("the path names no file"))?;
    let temp = dir.join(format!(".{}.{}.tmp", name.to_string_lossy(), std::process::id()));
    let written = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

/// What the server's connections share.
struct Shared {
    /// The cassette's path, for messages.
    shown: String,
    /// Recording: the API's base URL.
    upstream: Option<String>,
    http: Option<reqwest::Client>,
    secret_headers: Vec<String>,
    record_headers: BTreeSet<String>,
    scrubbers: Vec<Scrubber>,
    state: Mutex<State>,
}

struct State {
    /// Replay: the cassette's interactions; recording: those recorded so far.
    recorded: Vec<Interaction>,
    /// Replay: which interactions were answered.
    used: Vec<bool>,
    /// The requests that failed (no match, upstream unreachable), for `finish`.
    problems: Vec<String>,
}

async fn serve(listener: tokio::net::TcpListener, shared: Arc<Shared>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            // Out of file descriptors, say: try again shortly rather than spin.
            tokio::time::sleep(Duration::from_millis(10)).await;
            continue;
        };
        let shared = Arc::clone(&shared);
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request| {
                let shared = Arc::clone(&shared);
                async move { Ok::<_, Infallible>(shared.answer(request).await) }
            });
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                .await;
        });
    }
}

/// A request as received.
struct Received {
    method: hyper::Method,
    /// Path and query, as sent.
    path_and_query: String,
    headers: hyper::HeaderMap,
    body: Bytes,
}

impl Shared {
    async fn answer(&self, request: hyper::Request<Incoming>) -> hyper::Response<Full<Bytes>> {
        let (parts, body) = request.into_parts();
        let body = match body.collect().await {
            Ok(body) => body.to_bytes(),
            Err(e) => return error_response(400, format!("cassette {}: cannot read the request: {e}", self.shown)),
        };
        let path_and_query = parts.uri.path_and_query().map_or_else(|| "/".to_owned(), |pq| pq.as_str().to_owned());
        let received = Received { method: parts.method, path_and_query, headers: parts.headers, body };
        let secrets = self.secrets(&received.headers);
        let request = self.recorded_request(&received, &secrets);
        match (&self.upstream, &self.http) {
            (Some(upstream), Some(http)) => self.record(http, upstream, received, request, &secrets).await,
            _ => self.replay(request),
        }
    }

    /// The secret values of this request: its keys and secret headers, the upstream's user part.
    fn secrets(&self, headers: &hyper::HeaderMap) -> Vec<String> {
        let mut secrets: Vec<String> = self
            .secret_headers
            .iter()
            .flat_map(|name| headers.get_all(name.as_str()).iter())
            .filter_map(|value| value.to_str().ok())
            .map(|value| value.trim().to_owned())
            .filter(|value| !value.is_empty())
            .collect();
        if let Some(url) = self.upstream.as_deref().and_then(|u| url::Url::parse(u).ok()) {
            secrets.extend([url.username().to_owned(), url.password().unwrap_or_default().to_owned()]);
        }
        // The longest first, so that a secret containing another is replaced whole.
        secrets.retain(|s| !s.is_empty());
        secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
        secrets
    }

    /// The request as a cassette keeps it, scrubbed.
    fn recorded_request(&self, received: &Received, secrets: &[String]) -> RecordedRequest {
        let (path, query) = received.path_and_query.split_once('?').unwrap_or((&received.path_and_query, ""));
        let mut pairs: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (name, value) in url::form_urlencoded::parse(query.as_bytes()) {
            pairs.entry(name.into_owned()).or_default().push(value.into_owned());
        }
        let content_type = header_text(&received.headers, "content-type");
        let body = RecordedBody::new(&redact_bytes(&received.body, secrets), content_type);
        let mut request =
            RecordedRequest { method: received.method.to_string(), path: path.to_owned(), query: pairs, body };
        request.map_strings(&|s| self.scrub(s, secrets));
        request
    }

    /// `text` scrubbed: secrets, the user part of URLs, then the user's scrubbers.
    fn scrub(&self, text: &str, secrets: &[String]) -> String {
        let redacted = String::from_utf8(redact_bytes(text.as_bytes(), secrets)).unwrap_or_else(|_| REDACTED.into());
        let scrubbed = scrub_userinfo(&redacted);
        self.scrubbers.iter().fold(scrubbed, |text, scrubber| scrubber(&text))
    }

    fn replay(&self, request: RecordedRequest) -> hyper::Response<Full<Bytes>> {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let state = &mut *state;
        let matching: Vec<usize> = (0..state.recorded.len())
            .filter(|i| state.recorded[*i].request.differences(&request).1.is_empty())
            .collect();
        if let Some(&i) = matching.iter().find(|i| !state.used[**i]) {
            state.used[i] = true;
            return state.recorded[i].response.to_http();
        }
        let problem = if matching.is_empty() {
            let closest = (state.recorded.iter().enumerate())
                .map(|(i, interaction)| (i, interaction.request.differences(&request)))
                .min_by_key(|(i, (distance, _))| (*distance, *i));
            match closest {
                Some((i, (_, differences))) => format!(
                    "cassette {}: no recorded interaction matches {}; the closest is /interactions/{i} ({}): {}",
                    self.shown,
                    request.describe(),
                    state.recorded[i].request.describe(),
                    differences.join("; ")
                ),
                None => format!(
                    "cassette {}: no recorded interaction matches {}: the cassette has none",
                    self.shown,
                    request.describe()
                ),
            }
        } else {
            format!(
                "cassette {}: {} was recorded {} time(s) (/interactions/{}), and is now sent once more",
                self.shown,
                request.describe(),
                matching.len(),
                matching.iter().map(usize::to_string).collect::<Vec<_>>().join(", /interactions/")
            )
        };
        state.problems.push(problem.clone());
        error_response(MISMATCH_STATUS, problem)
    }

    async fn record(
        &self,
        http: &reqwest::Client,
        upstream: &str,
        received: Received,
        request: RecordedRequest,
        secrets: &[String],
    ) -> hyper::Response<Full<Bytes>> {
        let mut forwarded = http.request(received.method.clone(), format!("{upstream}{}", received.path_and_query));
        for (name, value) in &received.headers {
            if !is_hop_by_hop(name.as_str()) && name != hyper::header::HOST {
                forwarded = forwarded.header(name, value);
            }
        }
        let outcome = async {
            let response = forwarded.body(received.body).send().await?;
            let status = response.status().as_u16();
            let headers = response.headers().clone();
            Ok::<_, reqwest::Error>((status, headers, response.bytes().await?))
        }
        .await;
        let (status, headers, body) = match outcome {
            Ok(outcome) => outcome,
            Err(e) => {
                let problem = self.scrub(
                    &format!(
                        "cassette {}: {} could not be recorded: {}",
                        self.shown,
                        request.describe(),
                        error_chain(&e.without_url())
                    ),
                    secrets,
                );
                self.state.lock().unwrap_or_else(|e| e.into_inner()).problems.push(problem.clone());
                return error_response(502, problem);
            }
        };
        let mut kept = BTreeMap::new();
        for name in &self.record_headers {
            let values: Vec<&str> = headers.get_all(name.as_str()).iter().filter_map(|v| v.to_str().ok()).collect();
            if !values.is_empty() {
                let mut value = values.join(", ");
                // A redirect within the API is kept relative, so that it leads to the local server.
                if name == "location" && value.starts_with(upstream) {
                    value = value[upstream.len()..].to_owned();
                }
                kept.insert(name.clone(), value);
            }
        }
        // The response's content type is among its headers.
        let body = RecordedBody::new(&redact_bytes(&body, secrets), header_text(&headers, "content-type"));
        let mut response =
            RecordedResponse { status, headers: kept, body: RecordedBody { content_type: None, ..body } };
        response.map_strings(&|s| self.scrub(s, secrets));
        // The test sees what it will see on replay: the scrubbed answer.
        let answer = response.to_http();
        self.state.lock().unwrap_or_else(|e| e.into_inner()).recorded.push(Interaction { request, response });
        answer
    }
}

/// An error and its sources, `: `-separated.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(e) = source {
        text.push_str(&format!(": {e}"));
        source = e.source();
    }
    text
}

fn header_text(headers: &hyper::HeaderMap, name: &str) -> Option<String> {
    headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned)
}

fn is_hop_by_hop(name: &str) -> bool {
    matches!(
        name,
        "connection"
            | "keep-alive"
            | "proxy-authenticate"
            | "proxy-authorization"
            | "te"
            | "trailer"
            | "transfer-encoding"
            | "upgrade"
            | "content-length"
    )
}

/// An answer with the API's error body, `{"errors": [message]}`.
fn error_response(status: u16, message: String) -> hyper::Response<Full<Bytes>> {
    let body = json!({ "errors": [message] }).to_string();
    let mut response = hyper::Response::new(Full::new(Bytes::from(body)));
    *response.status_mut() = hyper::StatusCode::from_u16(status).unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
    response.headers_mut().insert("content-type", hyper::header::HeaderValue::from_static("application/json"));
    response
}
