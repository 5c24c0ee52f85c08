//! Paths and operations: groups by tag, parameters, request bodies, responses.

use std::collections::{BTreeMap, BTreeSet};

use indexmap::IndexMap;
use openapiv3::{MediaType, Parameter, ParameterSchemaOrContent, QueryStyle, ReferenceOr, Schema, SchemaKind, Type};
use serde_json::Value;

use super::Lowerer;
use crate::error::{Error, Result, join};
use crate::ir::*;
use crate::names::{camel_ident, camel_with, feature_name, inline_type_ident, snake_ident, snake_with};

impl Lowerer<'_> {
    /// Every operation, in groups by tag. An operation with an error is left out and its error
    /// recorded; the others are still lowered, so that one run finds every error.
    pub(super) fn lower_operations(&mut self) -> Vec<Group> {
        let doc = self.doc;
        let mut groups: Vec<Group> = doc
            .tags
            .iter()
            .map(|tag| Group {
                tag: tag.name.clone(),
                rust_name: camel_with(&camel_ident(&tag.name), "Api"),
                module: snake_ident(&tag.name),
                feature: feature_name(&tag.name),
                docs: Docs { description: tag.description.clone(), deprecated: false },
                operations: Vec::new(),
            })
            .collect();
        // Where each operation was defined, by group, for the collision checks.
        let mut pointers: Vec<Vec<String>> = vec![Vec::new(); groups.len()];
        let mut seen_ids: BTreeMap<String, String> = BTreeMap::new();
        for (path, item) in &doc.paths.paths {
            let path_pointer = join("/paths", path);
            let ReferenceOr::Item(item) = item else {
                self.errors.push(Error::new(path_pointer, "unsupported construct: a `$ref` path item"));
                continue;
            };
            for (method_name, op) in [("options", &item.options), ("head", &item.head), ("trace", &item.trace)] {
                if op.is_some() {
                    self.errors.push(Error::new(
                        join(&path_pointer, method_name),
                        format!("unsupported construct: `{method_name}` operations"),
                    ));
                }
            }
            if let Err(e) = check_template(path, &path_pointer) {
                self.errors.push(e);
                continue;
            }
            let methods = [
                (Method::Get, "get", &item.get),
                (Method::Put, "put", &item.put),
                (Method::Post, "post", &item.post),
                (Method::Patch, "patch", &item.patch),
                (Method::Delete, "delete", &item.delete),
            ];
            for (method, method_name, op) in methods {
                let Some(op) = op else { continue };
                let pointer = join(&path_pointer, method_name);
                let result = (|| {
                    let id = op
                        .operation_id
                        .clone()
                        .ok_or_else(|| Error::new(&pointer, "the operation has no `operationId`"))?;
                    let rust_name = snake_ident(&id);
                    if let Some(first) = seen_ids.insert(rust_name.clone(), pointer.clone()) {
                        return Err(Error::new(
                            join(&pointer, "operationId"),
                            format!("duplicate operation name `{rust_name}`: also used at {first}"),
                        ));
                    }
                    let [tag] = op.tags.as_slice() else {
                        return Err(Error::new(
                            join(&pointer, "tags"),
                            "an operation needs exactly one tag (its API group)",
                        ));
                    };
                    let group = groups.iter().position(|g| &g.tag == tag).ok_or_else(|| {
                        let hint = crate::names::did_you_mean(tag, groups.iter().map(|g| g.tag.as_str()));
                        Error::new(
                            join(&pointer, "tags"),
                            format!("tag `{tag}` is not declared in the top-level `tags`{hint}"),
                        )
                    })?;
                    let operation =
                        self.lower_operation(path, &item.parameters, op, method, id, rust_name, &pointer)?;
                    Ok((group, operation))
                })();
                match result {
                    Ok((group, operation)) => {
                        groups[group].operations.push(operation);
                        pointers[group].push(pointer);
                    }
                    Err(e) => self.errors.push(e),
                }
            }
        }
        let (groups, pointers): (Vec<Group>, Vec<Vec<String>>) =
            groups.into_iter().zip(pointers).filter(|(g, _)| !g.operations.is_empty()).unzip();
        for error in group_collisions(&doc.tags, &groups, &pointers) {
            self.errors.push(error);
        }
        groups
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn lower_operation(
        &mut self,
        path: &str,
        shared_params: &[ReferenceOr<Parameter>],
        op: &openapiv3::Operation,
        method: Method,
        id: String,
        rust_name: String,
        pointer: &str,
    ) -> Result<Operation> {
        let type_prefix = camel_ident(&id);
        let mut params = Vec::new();
        let all = shared_params.iter().map(|p| (p, "/parameters")).chain(op.parameters.iter().map(|p| (p, "")));
        for (index, (param, _)) in all.enumerate() {
            let param_pointer = join(&join(pointer, "parameters"), &index.to_string());
            params.extend(self.lower_param(param, &type_prefix, &param_pointer)?);
        }
        let mut rust_names = BTreeSet::new();
        for param in &params {
            if !rust_names.insert(param.rust_name.clone()) {
                return Err(Error::new(
                    join(pointer, "parameters"),
                    format!("two parameters become the Rust name `{}`", param.rust_name),
                ));
            }
        }
        // Path template and declared path parameters must match exactly.
        let template: Vec<&str> =
            path.split('{').skip(1).filter_map(|s| s.split_once('}').map(|(name, _)| name)).collect();
        for name in &template {
            if !params.iter().any(|p| p.location == ParamLocation::Path && p.wire_name == *name) {
                return Err(Error::new(
                    join(pointer, "parameters"),
                    format!("path parameter `{name}` of `{path}` is not declared"),
                ));
            }
        }
        for param in params.iter().filter(|p| p.location == ParamLocation::Path) {
            if !template.contains(&param.wire_name.as_str()) {
                return Err(Error::new(
                    join(pointer, "parameters"),
                    format!("path parameter `{}` is not in the path template `{path}`", param.wire_name),
                ));
            }
        }

        let body = match &op.request_body {
            None => None,
            Some(body) => {
                let body_pointer = join(pointer, "requestBody");
                let ReferenceOr::Item(body) = body else {
                    return Err(Error::new(body_pointer, "unsupported construct: a `$ref` request body"));
                };
                match json_media(&body.content) {
                    Some((media_type, media)) => {
                        let schema = media.schema.as_ref().ok_or_else(|| {
                            Error::new(join(&body_pointer, "content"), "the request body has no schema")
                        })?;
                        let ty = self.lower_type(
                            schema,
                            &inline_type_ident(&type_prefix, "Request"),
                            &join(&join(&join(&body_pointer, "content"), media_type), "schema"),
                        )?;
                        Some(Body { ty, required: body.required, raw_media: None })
                    }
                    // Not JSON: bytes with their content type; the schema (form fields) is not read.
                    None => {
                        let media = body.content.keys().next().ok_or_else(|| {
                            Error::new(join(&body_pointer, "content"), "the request body lists no media type")
                        })?;
                        self.notes.push(Error::new(
                            join(&body_pointer, "content"),
                            format!("the `{media}` request body is sent as bytes; its schema is not typed"),
                        ));
                        Some(Body { ty: TypeRef::Bytes, required: body.required, raw_media: Some(media.clone()) })
                    }
                }
            }
        };

        let (success, error_statuses) = self.lower_responses(&op.responses, &type_prefix, pointer)?;
        let pagination = match (op.extensions.get("x-pagination"), &success) {
            (None, _) => None,
            (Some(value), Success::One(response)) => {
                self.lower_pagination_any(value, &params, response, &join(pointer, "x-pagination"))?
            }
            // Which status's body holds the items is not obvious: no stream.
            (Some(_), Success::ByStatus(_)) => {
                self.notes.push(Error::new(
                    join(pointer, "x-pagination"),
                    "`x-pagination` not followed: the success statuses have different bodies; the operation has no `_with_pagination` method",
                ));
                None
            }
        };
        // Ours is `true`; Datadog's is the note to show (`**Note**: This endpoint is in beta.`).
        let unstable = match op.extensions.get("x-unstable") {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(Value::String(_)) => true,
            Some(_) => {
                return Err(Error::new(join(pointer, "x-unstable"), "`x-unstable` must be true, false or a note"));
            }
        };
        Ok(Operation {
            id,
            rust_name,
            type_prefix,
            method,
            path: path.to_owned(),
            summary: op.summary.clone(),
            docs: Docs { description: op.description.clone(), deprecated: op.deprecated },
            unstable,
            params,
            body,
            success,
            error_statuses,
            pagination,
        })
    }

    pub(super) fn lower_param(
        &mut self,
        param: &ReferenceOr<Parameter>,
        type_prefix: &str,
        pointer: &str,
    ) -> Result<Option<Param>> {
        let param = match param {
            ReferenceOr::Item(param) => param,
            ReferenceOr::Reference { reference } => {
                let name = reference
                    .strip_prefix("#/components/parameters/")
                    .ok_or_else(|| Error::new(pointer, format!("unsupported $ref `{reference}` for a parameter")))?;
                match self.doc.components.as_ref().and_then(|c| c.parameters.get(name)) {
                    Some(ReferenceOr::Item(param)) => param,
                    _ => {
                        return Err(Error::new(
                            pointer,
                            format!("unresolved $ref `{reference}`: no parameter `{name}` in components/parameters"),
                        ));
                    }
                }
            }
        };
        let (data, location, array_style) = match param {
            Parameter::Query { parameter_data, style, .. } => {
                let style = match (style, parameter_data.explode) {
                    (QueryStyle::Form, Some(false)) => ArrayStyle::CommaSeparated,
                    (QueryStyle::Form, _) => ArrayStyle::Repeated,
                    (other, _) => {
                        return Err(Error::new(pointer, format!("unsupported construct: query style {other:?}")));
                    }
                };
                (parameter_data, ParamLocation::Query, style)
            }
            Parameter::Path { parameter_data, .. } => {
                if !parameter_data.required {
                    return Err(Error::new(
                        pointer,
                        format!("path parameter `{}` must be `required: true`", parameter_data.name),
                    ));
                }
                (parameter_data, ParamLocation::Path, ArrayStyle::CommaSeparated)
            }
            Parameter::Header { parameter_data, .. }
                if parameter_data.name.eq_ignore_ascii_case("content-encoding") =>
            {
                // Sending `Content-Encoding: gzip` would need the body compressed, which the runtime
                // does not do: the parameter is not offered and the body goes uncompressed.
                self.notes.push(Error::new(
                    pointer,
                    format!(
                        "header parameter `{}` not offered: the client sends bodies uncompressed",
                        parameter_data.name
                    ),
                ));
                return Ok(None);
            }
            Parameter::Header { parameter_data, .. } => {
                (parameter_data, ParamLocation::Header, ArrayStyle::CommaSeparated)
            }
            Parameter::Cookie { parameter_data, .. } => {
                return Err(Error::new(
                    pointer,
                    format!("unsupported construct: cookie parameters (`{}`)", parameter_data.name),
                ));
            }
        };
        let ParameterSchemaOrContent::Schema(schema) = &data.format else {
            return Err(Error::new(
                pointer,
                format!("unsupported construct: parameter `{}` uses `content` instead of `schema`", data.name),
            ));
        };
        let ty = self.lower_type(schema, &inline_type_ident(type_prefix, &data.name), &join(pointer, "schema"))?;
        // Parameters are sent as text (`Display`): scalars and enums, or for a query
        // parameter an array of them; aliases are followed to what they name.
        let ok = match (location, self.resolve_alias(&ty)) {
            (_, scalar) if self.is_text(scalar) => true,
            (ParamLocation::Query | ParamLocation::Header, TypeRef::Array(item)) => {
                self.is_text(self.resolve_alias(item))
            }
            _ => false,
        };
        if !ok {
            let what = match location {
                ParamLocation::Path => "path parameter",
                ParamLocation::Query => "query parameter",
                ParamLocation::Header => "header parameter",
            };
            let allowed = match location {
                ParamLocation::Path => "a scalar or an enum",
                ParamLocation::Query | ParamLocation::Header => "a scalar, an enum, or an array of them",
            };
            return Err(Error::new(
                join(pointer, "schema"),
                format!("unsupported construct: {what} `{}` must be {allowed}", data.name),
            ));
        }
        // An alias of an array is sent as the array it names (`a,b` or repeated, not `Display`).
        let ty = match self.resolve_alias(&ty) {
            array @ TypeRef::Array(_) => array.clone(),
            _ => ty,
        };
        let resolved: &Schema = match schema {
            ReferenceOr::Item(s) => s,
            ReferenceOr::Reference { reference } => self.resolve_schema(reference, pointer)?.1,
        };
        let description = data.description.clone().or_else(|| resolved.schema_data.description.clone());
        let (default_int, maximum) = match &resolved.schema_kind {
            SchemaKind::Type(Type::Integer(i)) => {
                (resolved.schema_data.default.as_ref().and_then(Value::as_i64), i.maximum)
            }
            _ => (None, None),
        };
        Ok(Some(Param {
            wire_name: data.name.clone(),
            rust_name: param_ident(&data.name, data.required),
            location,
            ty,
            required: data.required,
            array_style,
            default_int,
            maximum,
            docs: Docs { description, deprecated: data.deprecated.unwrap_or(false) },
        }))
    }
}

/// The JSON content of a body: `application/json` if listed, else the first JSON media type
/// (`application/json;datetime-format=rfc3339`, `text/json`, `application/problem+json`).
pub(super) fn json_media(content: &IndexMap<String, MediaType>) -> Option<(&str, &MediaType)> {
    if let Some((key, media)) = content.get_key_value("application/json") {
        return Some((key, media));
    }
    content.iter().map(|(key, media)| (key.as_str(), media)).find(|(key, _)| {
        let essence = key.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
        essence == "application/json" || essence == "text/json" || essence.ends_with("+json")
    })
}

/// Names the generated operation methods use for their own arguments and locals (`params`,
/// `body`, the `request` being built, the pagination's `page_size`, `position` and `page`).
const RESERVED_ARGUMENTS: &[&str] = &["body", "page", "page_size", "params", "position", "request"];

/// The Rust name of a parameter. A required one is a method argument, so one of the reserved
/// names gets a `_` suffix (`body` -> `body_`); an optional one is a field of the
/// optional-parameters struct, where no name is reserved.
fn param_ident(name: &str, required: bool) -> String {
    let mut ident = snake_ident(name);
    if required && RESERVED_ARGUMENTS.contains(&ident.as_str()) {
        ident.push('_');
    }
    ident
}

impl Lowerer<'_> {
    /// The type an alias stands for, following aliases of aliases (a cycle stops the walk).
    pub(super) fn resolve_alias<'t>(&'t self, ty: &'t TypeRef) -> &'t TypeRef {
        let mut ty = ty;
        for _ in 0..64 {
            let TypeRef::Named(name) = ty else { return ty };
            match self.types.get(name).map(|(def, _)| &def.kind) {
                Some(TypeKind::Alias(target)) => ty = target,
                _ => return ty,
            }
        }
        ty
    }

    /// Whether values of `ty` are sent as text: scalars and enums (an integer enum as its number).
    fn is_text(&self, ty: &TypeRef) -> bool {
        match ty {
            TypeRef::String
            | TypeRef::Int32
            | TypeRef::Int64
            | TypeRef::UInt64
            | TypeRef::Float
            | TypeRef::Double
            | TypeRef::Bool
            | TypeRef::DateTime => true,
            TypeRef::Named(name) => matches!(self.types.get(name).map(|(def, _)| &def.kind), Some(TypeKind::Enum(_))),
            _ => false,
        }
    }
}

/// A path template is literal text and `{name}` placeholders: every `{` is closed by a `}`
/// before the next `{`, no `}` stands alone, and every name is non-empty.
fn check_template(path: &str, pointer: &str) -> Result<()> {
    let mut rest = path;
    loop {
        let open = rest.find('{');
        let close = rest.find('}');
        match (open, close) {
            (None, None) => return Ok(()),
            (Some(open), Some(close)) if open < close => {
                let name = &rest[open + 1..close];
                if name.is_empty() || name.contains('{') {
                    break;
                }
                rest = &rest[close + 1..];
            }
            _ => break,
        }
    }
    Err(Error::new(
        pointer,
        format!("the path template `{path}` is malformed: each `{{` must be closed by a `}}` around a parameter name"),
    ))
}

/// The names the generated code gives each group and operation must not collide: the API
/// structs, modules and cargo features of the groups (`Teams` and `teams_` would share them),
/// and within a group the methods (`new`, each operation's `op`, `op_with_http_info` and, when
/// paginated, `op_with_pagination`) and the optional-parameter structs.
fn group_collisions(tags: &[openapiv3::Tag], groups: &[Group], pointers: &[Vec<String>]) -> Vec<Error> {
    let mut errors = Vec::new();
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    // The runtime's own cargo features: a tag `Tracing` would take one (the message names the
    // runtime as the other side).
    for feature in ["default", "tracing", "testing"] {
        seen.insert(format!("cargo feature {feature}"), "(the runtime)");
    }
    for group in groups {
        for (what, name) in
            [("API struct", &group.rust_name), ("module", &group.module), ("cargo feature", &group.feature)]
        {
            if let Some(other) = seen.insert(format!("{what} {name}"), &group.tag) {
                let index = tags.iter().position(|t| t.name == group.tag).unwrap_or_default();
                errors.push(Error::new(
                    join(&join("/tags", &index.to_string()), "name"),
                    format!("name collision: the tags `{other}` and `{}` both become the {what} `{name}`", group.tag),
                ));
            }
        }
    }
    for (group, pointers) in groups.iter().zip(pointers) {
        let mut methods: BTreeMap<String, String> = BTreeMap::new();
        methods.insert("new".to_owned(), format!("the constructor `{}::new`", group.rust_name));
        let mut structs: BTreeMap<String, String> = BTreeMap::new();
        structs.insert(group.rust_name.clone(), format!("the API struct `{}`", group.rust_name));
        // The runtime's types the API module imports.
        for imported in ["ApiResponse", "Client", "Error", "Request"] {
            structs.insert(imported.to_owned(), format!("the runtime's `{imported}`, which the API module uses"));
        }
        for (op, pointer) in group.operations.iter().zip(pointers) {
            let mut names = vec![op.rust_name.clone(), snake_with(&op.rust_name, "with_http_info")];
            if op.pagination.is_some() {
                names.push(snake_with(&op.rust_name, "with_pagination"));
            }
            for name in names {
                if let Some(other) = methods.insert(name.clone(), format!("the operation `{}` at {pointer}", op.id)) {
                    errors.push(Error::new(
                        join(pointer, "operationId"),
                        format!("name collision: `{}` gives the method `{name}`, which is also {other}; rename one of the operations", op.id),
                    ));
                }
            }
            let mut types = vec![("struct", camel_with(&op.type_prefix, "OptionalParams"))];
            if let Success::ByStatus(e) = &op.success {
                types.push(("enum", e.rust_name.clone()));
            }
            for (what, name) in types {
                if let Some(other) = structs.insert(name.clone(), format!("the operation `{}` at {pointer}", op.id)) {
                    errors.push(Error::new(
                        join(pointer, "operationId"),
                        format!("name collision: `{}` gives the {what} `{name}`, which is also {other}", op.id),
                    ));
                }
            }
        }
    }
    errors
}
