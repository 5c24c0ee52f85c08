//! Reading success answers: `decode_body` (a 2xx body as its model, or an `Error::Decode` with
//! the path and position where it does not match), [`RawResponse`], a body that is not
//! JSON, and `Answer`, a 2xx answer that the generated code reads by its status (operations whose
//! success statuses document different bodies).

use http::header::{CONTENT_TYPE, HeaderMap};
use serde::de::DeserializeOwned;

use crate::Error;
use crate::error::DecodeError;

/// A success body that is not JSON (`text/csv`, `application/zip`, `application/yaml`...): its
/// bytes, and the content type the server gave it (its `Content-Type` header; `None` when it sent
/// none). Read whole, within [`Configuration::max_body_size`](crate::Configuration::max_body_size)
/// like every body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawResponse {
    pub content_type: Option<String>,
    pub bytes: Vec<u8>,
}

impl RawResponse {
    /// A body of `content_type` (e.g. what a test double answers).
    pub fn new(content_type: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        RawResponse { content_type: Some(content_type.into()), bytes: bytes.into() }
    }

    /// The body of an answer with these headers.
    pub(crate) fn from_answer(headers: &HeaderMap, bytes: Vec<u8>) -> Self {
        let content_type = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_owned);
        RawResponse { content_type, bytes }
    }
}

/// A 2xx answer, for the generated code to read by its status: a JSON body as its model, a
/// body that is not JSON as a [`RawResponse`], or none.
// Used by generated code for specs with several success bodies (`codegen --crate`); spec/ has none.
#[allow(dead_code)]
pub(crate) struct Answer<'a> {
    pub(crate) operation: &'static str,
    pub(crate) status: u16,
    pub(crate) headers: &'a HeaderMap,
    pub(crate) body: Vec<u8>,
}

#[allow(dead_code)]
impl Answer<'_> {
    /// The HTTP status.
    pub(crate) fn status(&self) -> u16 {
        self.status
    }

    /// The body decoded as `T`; an `Error::Decode` (with the failing field's path) when it is not.
    pub(crate) fn json<T: DeserializeOwned>(&self) -> Result<T, Error> {
        decode_body(self.operation, self.status, &self.body)
    }

    /// The body as it came, with its content type.
    pub(crate) fn raw(self) -> RawResponse {
        RawResponse::from_answer(self.headers, self.body)
    }
}

/// A 2xx body decoded as `T`, or an `Error::Decode` saying where it does not match.
pub(crate) fn decode_body<T: DeserializeOwned>(operation: &'static str, status: u16, body: &[u8]) -> Result<T, Error> {
    decode(body).map_err(|failure| {
        Error::Decode(Box::new(DecodeError {
            operation,
            status,
            path: failure.path,
            line: failure.line,
            column: failure.column,
            source: failure.source,
            body: String::from_utf8_lossy(body).into_owned(),
        }))
    })
}

/// Why a 2xx body did not decode: the path of the failing field and the position in the body.
struct DecodeFailure {
    path: String,
    line: usize,
    column: usize,
    source: serde_json::Error,
}

/// Decodes the whole body as `T` in one pass over the slice. Only when that fails is the body
/// decoded again with path tracking (which costs on every key), to report where: the JSON path,
/// and the position in the whole body, also for a failure inside a `oneOf` member (which is
/// decoded from its own text).
fn decode<T: DeserializeOwned>(body: &[u8]) -> Result<T, DecodeFailure> {
    // JSON is UTF-8: checked once for the whole body, so that neither each string nor each
    // unknown member's raw text is checked again (serde_json does that when reading bytes).
    let decoded = match std::str::from_utf8(body) {
        Ok(text) => decode_fast(serde_json::Deserializer::from_str(text)),
        Err(_) => decode_fast(serde_json::Deserializer::from_slice(body)),
    };
    if let Some(data) = decoded {
        return Ok(data);
    }
    crate::codec::clear_member_error();
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let failure = match serde_path_to_error::deserialize(&mut deserializer) {
        Ok(data) => match deserializer.end() {
            Ok(()) => return Ok(data),
            Err(source) => DecodeFailure { path: ".".to_owned(), line: source.line(), column: source.column(), source },
        },
        Err(e) => {
            let path = e.path().to_string();
            let source = e.into_inner();
            DecodeFailure { path, line: source.line(), column: source.column(), source }
        }
    };
    Err(match crate::codec::take_member_error(&failure.source) {
        Some(member) => {
            let offset = member.offset_in(body, failure.line, failure.column);
            let (line, column) = crate::codec::line_column(body, offset);
            DecodeFailure {
                path: crate::codec::join_path(&failure.path, &member.path),
                line,
                column,
                source: member.error,
            }
        }
        None => failure,
    })
}

/// The whole input as `T`, nothing after it; `None` on any failure (decoded again to say where).
fn decode_fast<'de, T: DeserializeOwned, R: serde_json::de::Read<'de>>(
    mut deserializer: serde_json::Deserializer<R>,
) -> Option<T> {
    let data = T::deserialize(&mut deserializer).ok()?;
    deserializer.end().ok().map(|()| data)
}
