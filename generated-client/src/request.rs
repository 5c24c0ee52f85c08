//! One request as the generated methods describe it: method, path, query, body.

use std::fmt::Display;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;

use crate::Error;

/// Everything but the unreserved characters of RFC 3986 is escaped in a path segment.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Percent-encodes one path parameter, so that `a/b` stays one segment.
pub fn encode_path_segment(value: &str) -> String {
    utf8_percent_encode(value, PATH_SEGMENT).to_string()
}

/// The encoded path parameter `name`. An empty value, `.` or `..` is refused: URL parsing would
/// drop or resolve it and send the request to another endpoint (`DELETE .../keys/..` would
/// reach the parent resource).
pub fn path_segment(name: &'static str, value: &str) -> Result<String, Error> {
    if matches!(value, "" | "." | "..") {
        return Err(Error::InvalidArgument(format!(
            "path parameter `{name}` must not be empty, `.` or `..` (got {value:?})"
        )));
    }
    Ok(encode_path_segment(value))
}

/// A request body that is not JSON (`multipart/form-data`, `text/plain`...): its bytes and its
/// content type (for multipart, with its boundary).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawBody {
    pub content_type: String,
    pub bytes: Vec<u8>,
}

impl RawBody {
    pub fn new(content_type: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        RawBody { content_type: content_type.into(), bytes: bytes.into() }
    }
}

/// A request to send, built by a generated method.
#[derive(Debug, Clone)]
pub struct Request {
    pub(crate) method: http::Method,
    /// The method name, e.g. `list_teams` (for unstable checks and error messages).
    pub(crate) operation: &'static str,
    /// The path with its parameters already encoded.
    pub(crate) path: String,
    pub(crate) query: Vec<(&'static str, String)>,
    /// Header parameters, sent after the client's own headers.
    pub(crate) headers: Vec<(&'static str, String)>,
    /// The `Accept` header, when not the client's `application/json`.
    pub(crate) accept: Option<&'static str>,
    pub(crate) body: Option<Vec<u8>>,
    /// The body's content type: JSON unless set by `raw_body`.
    pub(crate) content_type: String,
    /// The error statuses the operation documents.
    pub(crate) documented_errors: &'static [u16],
}

impl Request {
    pub fn new(method: http::Method, operation: &'static str, path: String, documented_errors: &'static [u16]) -> Self {
        Request {
            method,
            operation,
            path,
            query: Vec::new(),
            headers: Vec::new(),
            accept: None,
            body: None,
            content_type: "application/json".to_owned(),
            documented_errors,
        }
    }

    /// Adds `name=value`.
    pub fn query(mut self, name: &'static str, value: &impl Display) -> Self {
        self.query.push((name, value.to_string()));
        self
    }

    /// Adds `name=a,b,c` (`style: form, explode: false`).
    pub fn query_csv<V: Display>(mut self, name: &'static str, values: &[V]) -> Self {
        let joined = values.iter().map(ToString::to_string).collect::<Vec<_>>().join(",");
        self.query.push((name, joined));
        self
    }

    /// Adds `name=a&name=b` (`style: form, explode: true`).
    pub fn query_each<V: Display>(mut self, name: &'static str, values: &[V]) -> Self {
        self.query.extend(values.iter().map(|v| (name, v.to_string())));
        self
    }

    /// Sets the header `name: value` (a header parameter).
    pub fn header(mut self, name: &'static str, value: &impl Display) -> Self {
        self.headers.push((name, value.to_string()));
        self
    }

    /// Sets the header `name: a,b,c` (an array header parameter, `style: simple`).
    pub fn header_csv<V: Display>(mut self, name: &'static str, values: &[V]) -> Self {
        let joined = values.iter().map(ToString::to_string).collect::<Vec<_>>().join(",");
        self.headers.push((name, joined));
        self
    }

    /// A body that is not JSON, sent as given.
    pub fn raw_body(mut self, body: RawBody) -> Self {
        self.body = Some(body.bytes);
        self.content_type = body.content_type;
        self
    }

    /// Asks for these media types (`Accept`) instead of `application/json`: an operation with a
    /// success body that is not JSON lists its media types, then `application/json`.
    pub fn accept(mut self, media: &'static str) -> Self {
        self.accept = Some(media);
        self
    }

    /// Encodes the JSON body once, so that retries resend the same bytes.
    pub fn json_body<B: Serialize>(mut self, body: &B) -> Result<Self, Error> {
        self.body = Some(serde_json::to_vec(body).map_err(Error::Encode)?);
        Ok(self)
    }

    /// GET, PUT and DELETE may be repeated without changing the outcome.
    pub(crate) fn is_idempotent(&self) -> bool {
        matches!(self.method, http::Method::GET | http::Method::PUT | http::Method::DELETE | http::Method::HEAD)
    }
}

#[cfg(test)]
mod tests {
    use super::{RawBody, Request};

    #[test]
    fn header_parameters_raw_bodies_and_accept() {
        let request = Request::new(http::Method::POST, "upload", "/upload".to_owned(), &[])
            .header("X-Request-Id", &"abc")
            .header_csv("X-Tags", &["a", "b"])
            .raw_body(RawBody::new("multipart/form-data; boundary=x", b"--x--".to_vec()))
            .accept("application/zip, application/json");
        assert_eq!(request.headers, [("X-Request-Id", "abc".to_owned()), ("X-Tags", "a,b".to_owned())]);
        assert_eq!(request.accept, Some("application/zip, application/json"));
        assert_eq!(request.body.as_deref(), Some(&b"--x--"[..]));
        assert_eq!(request.content_type, "multipart/form-data; boundary=x");
        let json = Request::new(http::Method::POST, "create", "/x".to_owned(), &[]).json_body(&1).unwrap();
        assert_eq!(json.content_type, "application/json");
    }
}
