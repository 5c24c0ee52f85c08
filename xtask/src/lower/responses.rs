//! An operation's responses: its error statuses, and what it answers on success: one body type
//! for every success status, or, when the statuses document different bodies, an enum with one
//! variant per status (README, "Naming rules").

use openapiv3::{ReferenceOr, Schema, StatusCode};

use super::Lowerer;
use crate::error::{Error, Result, join};
use crate::ir::*;
use crate::names::{camel_with, inline_type_ident};

/// One success status as the spec gives it, before lowering.
struct Documented<'a> {
    status: u16,
    description: String,
    shape: Shape<'a>,
}

/// A success body as the spec gives it: two statuses with equal shapes share one Rust type.
enum Shape<'a> {
    Empty,
    /// The JSON schema and the pointer of its media type (`.../content/application~1json`).
    Json(&'a ReferenceOr<Schema>, String),
    /// Media types that are not JSON: all read as a `RawResponse`, so all the same Rust type.
    Raw(Vec<String>),
}

impl Shape<'_> {
    /// Whether two statuses give the same Rust type: the same JSON schema (not where it is
    /// written), both empty, or both not JSON.
    fn same_type(&self, other: &Shape<'_>) -> bool {
        match (self, other) {
            (Shape::Empty, Shape::Empty) | (Shape::Raw(_), Shape::Raw(_)) => true,
            (Shape::Json(a, _), Shape::Json(b, _)) => a == b,
            _ => false,
        }
    }
}

impl Lowerer<'_> {
    /// The success answer and the documented error statuses (ascending).
    pub(super) fn lower_responses(
        &mut self,
        responses: &openapiv3::Responses,
        type_prefix: &str,
        pointer: &str,
    ) -> Result<(Success, Vec<u16>)> {
        let responses_pointer = join(pointer, "responses");
        if responses.default.is_some() {
            return Err(Error::new(
                join(&responses_pointer, "default"),
                "unsupported construct: a `default` response; list the statuses",
            ));
        }
        let mut success = Vec::new();
        let mut errors = Vec::new();
        for (status, response) in &responses.responses {
            let StatusCode::Code(code) = status else {
                return Err(Error::new(
                    join(&responses_pointer, &status.to_string()),
                    "unsupported construct: a status range; list the statuses",
                ));
            };
            let response_pointer = join(&responses_pointer, &code.to_string());
            let response = match response {
                ReferenceOr::Item(r) => r,
                ReferenceOr::Reference { reference } => {
                    let name = reference.strip_prefix("#/components/responses/").ok_or_else(|| {
                        Error::new(&response_pointer, format!("unsupported $ref `{reference}` for a response"))
                    })?;
                    match self.doc.components.as_ref().and_then(|c| c.responses.get(name)) {
                        Some(ReferenceOr::Item(r)) => r,
                        _ => {
                            return Err(Error::new(
                                &response_pointer,
                                format!("unresolved $ref `{reference}`: no response `{name}` in components/responses"),
                            ));
                        }
                    }
                }
            };
            if !(200..300).contains(code) {
                errors.push(*code);
                continue;
            }
            let content_pointer = join(&response_pointer, "content");
            let shape = match super::operations::json_media(&response.content) {
                Some((media_type, media)) => {
                    let others: Vec<&str> =
                        response.content.keys().map(String::as_str).filter(|key| *key != media_type).collect();
                    if !others.is_empty() {
                        // JSON wins: it is typed. The client asks for JSON only (`Accept`).
                        self.notes.push(Error::new(
                            &content_pointer,
                            format!(
                                "status {code} lists `{media_type}` and {}: the JSON body is read and only JSON is asked for",
                                others.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ")
                            ),
                        ));
                    }
                    match &media.schema {
                        None => Shape::Empty,
                        Some(schema) => Shape::Json(schema, content_pointer),
                    }
                }
                None if response.content.is_empty() => Shape::Empty,
                None => Shape::Raw(response.content.keys().cloned().collect()),
            };
            success.push(Documented { status: *code, description: response.description.clone(), shape });
        }
        if success.is_empty() {
            return Err(Error::new(responses_pointer, "the operation documents no success (2xx) status"));
        }
        success.sort_by_key(|d| d.status);
        errors.sort_unstable();

        // The same body for every status: one result type; `ApiResponse::status` tells which.
        if success.iter().all(|d| d.shape.same_type(&success[0].shape)) {
            let mut raw_media: Vec<String> = Vec::new();
            for d in &success {
                if let Shape::Raw(media) = &d.shape {
                    raw_media.extend(media.iter().filter(|m| !raw_media.contains(m)).cloned().collect::<Vec<_>>());
                }
            }
            let body = match &success[0].shape {
                Shape::Empty => ResponseBody::Empty,
                Shape::Json(schema, at) => {
                    ResponseBody::Json(self.lower_type(schema, &inline_type_ident(type_prefix, "Response"), at)?)
                }
                Shape::Raw(_) => ResponseBody::Raw { media: raw_media },
            };
            let status = success[0].status;
            let more_statuses = success[1..].iter().map(|d| d.status).collect();
            return Ok((Success::One(Response { status, more_statuses, body }), errors));
        }

        // Different bodies: an enum, one variant per status. An inline schema is named after its
        // variant (`CreateThingAcceptedResponse`), since several may need a name.
        let mut variants = Vec::new();
        for d in &success {
            let rust_name = status_variant(d.status);
            let body = match &d.shape {
                Shape::Empty => ResponseBody::Empty,
                Shape::Json(schema, at) => ResponseBody::Json(self.lower_type(
                    schema,
                    &inline_type_ident(type_prefix, &format!("{rust_name}Response")),
                    at,
                )?),
                Shape::Raw(media) => ResponseBody::Raw { media: media.clone() },
            };
            let description = Some(d.description.clone()).filter(|text| !text.trim().is_empty());
            variants.push(StatusVariant {
                status: d.status,
                rust_name,
                body,
                docs: Docs { description, deprecated: false },
            });
        }
        let rust_name = camel_with(type_prefix, "Response");
        Ok((Success::ByStatus(StatusEnum { rust_name, variants }), errors))
    }
}

/// The variant of a success status: its reason phrase in CamelCase (RFC 9110 and the WebDAV
/// statuses), else `Status` and the number. Distinct statuses give distinct names, and none is
/// the fallback's `Unknown`.
pub(crate) fn status_variant(status: u16) -> String {
    let name = match status {
        200 => "Ok",
        201 => "Created",
        202 => "Accepted",
        203 => "NonAuthoritativeInformation",
        204 => "NoContent",
        205 => "ResetContent",
        206 => "PartialContent",
        207 => "MultiStatus",
        208 => "AlreadyReported",
        226 => "ImUsed",
        other => return format!("Status{other}"),
    };
    name.to_owned()
}

#[cfg(test)]
mod tests {
    use super::status_variant;

    #[test]
    fn status_variants_are_reason_phrases_else_the_number() {
        assert_eq!(status_variant(200), "Ok");
        assert_eq!(status_variant(202), "Accepted");
        assert_eq!(status_variant(204), "NoContent");
        assert_eq!(status_variant(299), "Status299");
    }
}
