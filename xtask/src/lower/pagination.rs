//! `x-pagination`: the page size, position and items of a paginated operation, checked against
//! its parameters and response type.

use serde_json::Value;

use super::Lowerer;
use crate::error::{Error, Result, join};
use crate::ir::*;

/// Datadog's `x-pagination` keys and ours: `limitParam` is `size_param`, `pageParam`
/// `number_param` (first page `pageStart`, else 0), `pageOffsetParam` `offset_param`,
/// `resultsPath` `items`.
fn from_datadog(value: &Value) -> Value {
    let mut ours = serde_json::Map::new();
    for (theirs, key) in [
        ("limitParam", "size_param"),
        ("pageParam", "number_param"),
        ("pageOffsetParam", "offset_param"),
        ("resultsPath", "items"),
    ] {
        if let Some(v) = value.get(theirs) {
            ours.insert(key.to_owned(), v.clone());
        }
    }
    if value.get("pageParam").is_some() {
        ours.insert("first_page".to_owned(), value.get("pageStart").cloned().unwrap_or(Value::from(0)));
    }
    Value::Object(ours)
}

impl Lowerer<'_> {
    /// The operation's pagination; `None` (with a note) for a Datadog shape the runtime cannot
    /// follow: a cursor (`cursorParam`) or parameters in the body (`body.page.limit`). The
    /// operation is then generated without its `_with_pagination` method.
    pub(super) fn lower_pagination_any(
        &mut self,
        value: &Value,
        params: &[Param],
        success: &Response,
        pointer: &str,
    ) -> Result<Option<Pagination>> {
        if value.get("limitParam").is_none() {
            return self.lower_pagination(value, params, success, pointer).map(Some);
        }
        let in_body = ["limitParam", "pageParam", "pageOffsetParam"]
            .iter()
            .any(|key| value.get(key).and_then(Value::as_str).is_some_and(|p| p.starts_with("body.")));
        let results_path = value.get("resultsPath").and_then(Value::as_str).unwrap_or_default();
        let reason = if value.get("cursorParam").is_some() {
            Some("cursor pagination (`cursorParam`)")
        } else if in_body {
            Some("paging parameters in the request body")
        } else if results_path.contains('.') {
            Some("items below the top level of the response (`resultsPath` with a `.`)")
        } else if results_path.is_empty() {
            Some("a response that is the list of items itself (no `resultsPath`)")
        } else {
            None
        };
        if let Some(reason) = reason {
            self.notes.push(Error::new(
                pointer,
                format!("`x-pagination` not followed: {reason} is not supported; the operation has no `_with_pagination` method"),
            ));
            return Ok(None);
        }
        self.lower_pagination(&from_datadog(value), params, success, pointer).map(Some)
    }

    pub(super) fn lower_pagination(
        &self,
        value: &Value,
        params: &[Param],
        success: &Response,
        pointer: &str,
    ) -> Result<Pagination> {
        let text = |key: &str| -> Result<Option<&str>> {
            match value.get(key) {
                None => Ok(None),
                Some(Value::String(s)) => Ok(Some(s)),
                Some(_) => Err(Error::new(join(pointer, key), format!("`{key}` must be a string"))),
            }
        };
        let find_param = |key: &str, wire: &str| -> Result<&Param> {
            params
                .iter()
                .find(|p| {
                    p.wire_name == wire
                        && p.location == ParamLocation::Query
                        && !p.required
                        && matches!(p.ty, TypeRef::Int32 | TypeRef::Int64)
                })
                .ok_or_else(|| {
                    Error::new(
                        join(pointer, key),
                        format!("`{wire}` is not an optional integer query parameter of this operation"),
                    )
                })
        };
        let size_wire = text("size_param")?.ok_or_else(|| Error::new(pointer, "`x-pagination` needs `size_param`"))?;
        let size = find_param("size_param", size_wire)?;
        let default_size = size.default_int.or(size.maximum).ok_or_else(|| {
            Error::new(
                join(pointer, "size_param"),
                format!("`{size_wire}` needs an integer `default` or `maximum`, so that pages have a known size"),
            )
        })?;
        let position = match (text("number_param")?, text("offset_param")?) {
            (Some(number), None) => {
                let first_page = value
                    .get("first_page")
                    .and_then(Value::as_i64)
                    .ok_or_else(|| Error::new(join(pointer, "first_page"), "`first_page` must be an integer"))?;
                PagePosition::Number { param: find_param("number_param", number)?.rust_name.clone(), first_page }
            }
            (None, Some(offset)) => {
                PagePosition::Offset { param: find_param("offset_param", offset)?.rust_name.clone() }
            }
            _ => {
                return Err(Error::new(
                    pointer,
                    "`x-pagination` needs exactly one of `number_param` and `offset_param`",
                ));
            }
        };
        let items = text("items")?.ok_or_else(|| Error::new(pointer, "`x-pagination` needs `items`"))?;
        let ResponseBody::Json(TypeRef::Named(response_type)) = &success.body else {
            return Err(Error::new(pointer, "`x-pagination` needs a named success response type"));
        };
        let field = match self.types.get(response_type).map(|(d, _)| &d.kind) {
            Some(TypeKind::Struct(s)) => s.fields.iter().find(|f| f.json_name == items),
            _ => None,
        }
        .ok_or_else(|| Error::new(join(pointer, "items"), format!("`{items}` is not a field of `{response_type}`")))?;
        let TypeRef::Array(item_type) = self.resolve_alias(&field.ty) else {
            return Err(Error::new(join(pointer, "items"), format!("`{response_type}.{items}` is not an array")));
        };
        Ok(Pagination {
            size_param: size.rust_name.clone(),
            position,
            default_size,
            max_size: size.maximum,
            items_field: field.rust_name.clone(),
            items_required: field.required && !field.nullable,
            item_type: (**item_type).clone(),
        })
    }
}
