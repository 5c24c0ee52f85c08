//! Success answers read otherwise than as one JSON model: [`RawResponse`], a body that is not
//! JSON, and `Answer`, a 2xx answer that the generated code reads by its status (operations whose
//! success statuses document different bodies).

use http::header::{CONTENT_TYPE, HeaderMap};
use serde::de::DeserializeOwned;

use crate::Error;

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
        crate::client::decode_body(self.operation, self.status, &self.body)
    }

    /// The body as it came, with its content type.
    pub(crate) fn raw(self) -> RawResponse {
        RawResponse::from_answer(self.headers, self.body)
    }
}
