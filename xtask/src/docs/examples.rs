//! `cargo xtask examples`: the JSON examples of the documentation pages, as test fixtures.
//!
//! Each page of `../shared/docs/` holds, per operation, a request example (for operations with a
//! body), one response example per status that has a JSON body, and code examples (the curl one
//! carries the request body too). This module finds them, names them after the spec's
//! operationId and status, resolves the placeholders the pages hold instead of values from the
//! spec (the field's type, enum and format: `"integer"` in an int64 field becomes `0`, `"string"`
//! in an enum field its default or first value; never by loosening the spec), and writes them as pretty-printed
//! JSON files plus a generated `NOTES.md` that lists every correction.
//!
//! The pages are read by [`crate::page`], the reader `cargo xtask docs-check` uses too.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use openapiv3::{Operation, ReferenceOr, StatusCode};
use serde_json::Value;

use crate::docs::page::{Block, STATUS_LABELS, pages, parse_page};
use crate::error::{Errors, join};
use crate::ir::{Api, TypeDef, TypeKind, TypeRef, Union};
use crate::load::Spec;
use crate::{Error, names};

/// A placeholder correction: the value at `pointer` of the fixture `<operation_id>.<status>`
/// (status `"request"` for the request example) is a placeholder on the page and is replaced by
/// `replacement` (JSON text). `note` says why, citing the field table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Correction {
    pub operation_id: &'static str,
    pub status: &'static str,
    pub pointer: &'static str,
    pub replacement: &'static str,
    pub note: &'static str,
}

#[cfg(test)]
const fn fix(
    operation_id: &'static str,
    status: &'static str,
    pointer: &'static str,
    replacement: &'static str,
    note: &'static str,
) -> Correction {
    Correction { operation_id, status, pointer, replacement, note }
}

/// The placeholders no type of the spec can resolve (a placeholder in a field of any JSON, or
/// one the spec does not describe): an explicit replacement, keyed by fixture and JSON pointer.
/// Every other placeholder is resolved from the spec (see [`resolve_placeholders`]); this table
/// is for what truly needs a human, and is empty today. Each entry must match a placeholder (a
/// JSON string) in an extracted fixture: checked by [`extract`], so it cannot go stale silently.
pub const CORRECTIONS: &[Correction] = &[];

/// The strings that are placeholders wherever they appear (a string field may well be `"string"`,
/// so that one is checked through the table only).
const PLACEHOLDERS: &[&str] = &["integer", "int32", "int64", "number", "boolean", "date-time"];

/// What a fixture is an example of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// The n-th (from 1) request example of the field table.
    Request(usize),
    /// The n-th (from 1) curl request body that differs from every request example of the table.
    CurlRequest(usize),
    /// The response example of this status.
    Response(u16),
}

/// A correction applied to a fixture.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    pub pointer: String,
    pub original: Value,
    pub replacement: Value,
    pub note: String,
}

/// One JSON example, written as `<name>.json`.
#[derive(Debug, Clone, PartialEq)]
pub struct Fixture {
    /// The file stem: `<operationId>.request`, `<operationId>.request.2`,
    /// `<operationId>.request.curl`, `<operationId>.<status>`.
    pub name: String,
    /// The page's file name, e.g. `teams.txt`.
    pub page: String,
    /// The 1-based line of the page where the example starts.
    pub line: usize,
    pub operation_id: String,
    pub kind: Kind,
    pub value: Value,
    /// The placeholder corrections applied to `value`.
    pub corrections: Vec<Applied>,
}

/// The spec's view of an operation: operationId, whether it has a request body, and the
/// statuses (ascending) of its responses with a JSON body.
struct SpecOperation {
    id: String,
    pointer: String,
    has_body: bool,
    json_statuses: Vec<u16>,
}

/// The component schema named by each JSON response's `$ref` (`APIErrorResponse` for the shared
/// errors), by status: the type of an error example, which the IR does not keep.
fn response_schemas(spec: &Spec, operation_id: &str) -> BTreeMap<u16, String> {
    let components = spec.doc.components.as_ref();
    let mut out = BTreeMap::new();
    let operations = spec.doc.paths.paths.values().filter_map(ReferenceOr::as_item).flat_map(|item| item.iter());
    for (_, op) in operations.filter(|(_, op)| op.operation_id.as_deref() == Some(operation_id)) {
        for (status, response) in &op.responses.responses {
            let StatusCode::Code(code) = status else { continue };
            let response = resolve_response(components, response);
            let schema = response.and_then(|r| r.content.get("application/json")).and_then(|m| m.schema.as_ref());
            if let Some(ReferenceOr::Reference { reference }) = schema
                && let Some(name) = reference.strip_prefix("#/components/schemas/")
            {
                out.insert(*code, names::type_ident(name));
            }
        }
    }
    out
}

/// A response, or the shared response (`#/components/responses/...`) it refers to.
fn resolve_response<'a>(
    components: Option<&'a openapiv3::Components>,
    response: &'a ReferenceOr<openapiv3::Response>,
) -> Option<&'a openapiv3::Response> {
    match response {
        ReferenceOr::Item(r) => Some(r),
        ReferenceOr::Reference { reference } => reference
            .strip_prefix("#/components/responses/")
            .and_then(|name| components?.responses.get(name))
            .and_then(ReferenceOr::as_item),
    }
}

fn spec_operation(spec: &Spec, method: &str, path: &str) -> Result<SpecOperation, Error> {
    let method_key = method.to_ascii_lowercase();
    let pointer = join(&join("/paths", path), &method_key);
    let not_found = || spec.locate_error(Error::new(&pointer, format!("the spec has no operation {method} {path}")));
    let item = spec.doc.paths.paths.get(path).and_then(ReferenceOr::as_item).ok_or_else(not_found)?;
    let op: &Operation = match method {
        "GET" => item.get.as_ref(),
        "POST" => item.post.as_ref(),
        "PUT" => item.put.as_ref(),
        "PATCH" => item.patch.as_ref(),
        "DELETE" => item.delete.as_ref(),
        _ => None,
    }
    .ok_or_else(not_found)?;
    let id = op
        .operation_id
        .clone()
        .ok_or_else(|| spec.locate_error(Error::new(&pointer, "the operation has no operationId")))?;
    let components = spec.doc.components.as_ref();
    let mut json_statuses = Vec::new();
    for (status, response) in &op.responses.responses {
        let StatusCode::Code(code) = status else {
            return Err(spec.locate_error(Error::new(&pointer, format!("status range {status} is not supported"))));
        };
        let response = resolve_response(components, response).ok_or_else(|| {
            spec.locate_error(Error::new(join(&pointer, &code.to_string()), "cannot resolve the response"))
        })?;
        if response.content.get("application/json").is_some_and(|m| m.schema.is_some()) {
            json_statuses.push(*code);
        }
    }
    json_statuses.sort_unstable();
    Ok(SpecOperation { id, pointer, has_body: op.request_body.is_some(), json_statuses })
}

/// The fixtures of one page (before the placeholder corrections).
pub fn page_fixtures(page: &str, text: &str, spec: &Spec) -> Result<Vec<Fixture>, Error> {
    let page_error = |message: String| Error::in_file(page, "", message);
    let operations = parse_page(text).map_err(page_error)?;
    if operations.is_empty() {
        return Err(page_error("no operation (no line `METHOD https://api.ap1.datadoghq.com/...`)".into()));
    }
    let mut fixtures = Vec::new();
    for op in operations {
        let spec_op = spec_operation(spec, &op.method, &op.path)?;
        let id = &spec_op.id;
        let at = format!("line {}: {} {} ({id})", op.line, op.method, op.path);
        let fixture = |name: String, kind: Kind, block: &Block| Fixture {
            name,
            page: page.to_string(),
            line: block.line,
            operation_id: id.clone(),
            kind,
            value: block.value.clone(),
            corrections: Vec::new(),
        };
        match (spec_op.has_body, op.requests.len()) {
            (true, 0) => return Err(page_error(format!("{at}: the spec has a request body but the page no example"))),
            (false, n) if n > 0 => {
                return Err(page_error(format!(
                    "{at}: {n} JSON example(s) before the first status label, but the spec has no request body ({})",
                    spec_op.pointer
                )));
            }
            _ => {}
        }
        if op.responses.len() != spec_op.json_statuses.len() {
            return Err(page_error(format!(
                "{at}: {} response example(s) on the page, but the spec has {} status(es) with a JSON body {:?} ({})",
                op.responses.len(),
                spec_op.json_statuses.len(),
                spec_op.json_statuses,
                spec_op.pointer
            )));
        }
        for (block, &status) in op.responses.iter().zip(&spec_op.json_statuses) {
            let Some(label) = block.label else { continue };
            let (_, statuses) = STATUS_LABELS.iter().find(|(l, _)| *l == label).expect("a known label");
            if !statuses.contains(&status) {
                return Err(page_error(format!(
                    "line {}: the response example under \"{label}\" falls on status {status} of {id} \
                     (the n-th example goes to the n-th JSON status of the spec {:?}): the page or the spec \
                     lists other statuses ({})",
                    block.line, spec_op.json_statuses, spec_op.pointer
                )));
            }
        }
        for (n, block) in op.requests.iter().enumerate() {
            let name = if n == 0 { format!("{id}.request") } else { format!("{id}.request.{}", n + 1) };
            fixtures.push(fixture(name, Kind::Request(n + 1), block));
        }
        let mut curl_kept = 0;
        for block in &op.curl {
            let known = op.requests.iter().chain(op.curl.iter().take_while(|b| b.line < block.line));
            if known.into_iter().any(|b| b.value == block.value) {
                continue;
            }
            curl_kept += 1;
            let name =
                if curl_kept == 1 { format!("{id}.request.curl") } else { format!("{id}.request.curl.{curl_kept}") };
            fixtures.push(fixture(name, Kind::CurlRequest(curl_kept), block));
        }
        for (block, &status) in op.responses.iter().zip(&spec_op.json_statuses) {
            fixtures.push(fixture(format!("{id}.{status}"), Kind::Response(status), block));
        }
    }
    Ok(fixtures)
}

/// Applies [`CORRECTIONS`], checking that each entry hits a placeholder.
fn apply_corrections(fixtures: &mut [Fixture], corrections: &[Correction]) -> Result<(), Error> {
    for c in corrections {
        let name = format!("{}.{}", c.operation_id, c.status);
        let entry = format!("correction ({}, {}, {})", c.operation_id, c.status, c.pointer);
        let fixture = fixtures
            .iter_mut()
            .find(|f| f.name == name)
            .ok_or_else(|| Error::new("", format!("{entry}: no fixture {name}")))?;
        let replacement: Value = serde_json::from_str(c.replacement)
            .map_err(|e| Error::new("", format!("{entry}: the replacement is not JSON: {e}")))?;
        let page = fixture.page.clone();
        let target = fixture
            .value
            .pointer_mut(c.pointer)
            .ok_or_else(|| Error::in_file(&page, c.pointer, format!("{entry}: {name} has no value there")))?;
        if !target.as_str().is_some_and(|s| s == "string" || PLACEHOLDERS.contains(&s)) {
            return Err(Error::in_file(
                &page,
                c.pointer,
                format!("{entry}: {name} holds {target} there, which is not a placeholder"),
            ));
        }
        let original = std::mem::replace(target, replacement.clone());
        fixture.corrections.push(Applied {
            pointer: c.pointer.to_string(),
            original,
            replacement,
            note: c.note.to_string(),
        });
    }
    Ok(())
}

/// Every (pointer, placeholder) left in a value.
fn placeholders(value: &Value, pointer: &str, found: &mut Vec<(String, String)>) {
    match value {
        Value::String(s) if PLACEHOLDERS.contains(&s.as_str()) => found.push((pointer.to_string(), s.clone())),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                placeholders(item, &join(pointer, &i.to_string()), found);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                placeholders(item, &join(pointer, key), found);
            }
        }
        _ => {}
    }
}

/// Extracts the fixtures of every page of `docs_dir`, their placeholders resolved, in page order.
pub fn extract(docs_dir: &Path, spec: &Spec) -> Result<Vec<Fixture>, Errors> {
    extract_with(docs_dir, spec, CORRECTIONS)
}

fn extract_with(docs_dir: &Path, spec: &Spec, corrections: &[Correction]) -> Result<Vec<Fixture>, Errors> {
    let mut fixtures = Vec::new();
    for path in pages(docs_dir)? {
        let text = fs::read_to_string(&path).map_err(|e| Error::in_file(&path, "", format!("cannot read: {e}")))?;
        let page = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        fixtures.extend(page_fixtures(page, &text, spec)?);
    }
    let mut seen = BTreeMap::new();
    for f in &fixtures {
        if let Some(first) = seen.insert(f.name.as_str(), (f.page.as_str(), f.line)) {
            return Err(Error::in_file(
                &f.page,
                "",
                format!("line {}: fixture {} also comes from {} line {}", f.line, f.name, first.0, first.1),
            )
            .into());
        }
    }
    apply_corrections(&mut fixtures, corrections)?;
    let api = crate::lower::lower(spec)?;
    resolve_placeholders(&api, spec, &mut fixtures);
    let mut left = Errors::new();
    for f in &fixtures {
        let mut found = Vec::new();
        placeholders(&f.value, "", &mut found);
        for (pointer, text) in found {
            let mut error = Error::in_file(
                &f.page,
                &pointer,
                format!(
                    "the example of {} (line {}) holds the placeholder {text:?} where the spec's type tells no \
                     value; add its value to examples::CORRECTIONS",
                    f.name, f.line
                ),
            );
            error.line = Some(f.line);
            left.push(error);
        }
    }
    left.into_result(fixtures)
}

/// The strings a page writes for an integer, a number, a boolean or a date-time.
const INTEGER: &[&str] = &["integer", "int32", "int64", "number"];
const NUMBER: &[&str] = &["number", "double", "float", "integer"];

/// Resolves each fixture's placeholders from the spec: the example is walked along the type of
/// its body (the request body, the success type of its status, or the error body's schema), and
/// a placeholder string where the type is an integer becomes `0`, a number `0.0`, a boolean
/// `false`, a date-time `1970-01-01T00:00:00Z`, and an enum (a string one holding `"string"`, an
/// integer one holding `"integer"`) its default value, else its first. Each replacement is
/// recorded in the fixture's `corrections` (listed in `NOTES.md`) with the field it is in.
fn resolve_placeholders(api: &Api, spec: &Spec, fixtures: &mut [Fixture]) {
    let types: BTreeMap<&str, &TypeDef> = api.types.iter().map(|t| (t.name.as_str(), t)).collect();
    let operations: BTreeMap<&str, &crate::ir::Operation> =
        api.groups.iter().flat_map(|g| &g.operations).map(|op| (op.id.as_str(), op)).collect();
    for fixture in fixtures {
        let Some(op) = operations.get(fixture.operation_id.as_str()) else { continue };
        let ty = match fixture.kind {
            Kind::Request(_) | Kind::CurlRequest(_) => op.body.as_ref().map(|b| b.ty.clone()),
            Kind::Response(status) => op
                .success
                .json_bodies()
                .into_iter()
                .find(|(s, _)| *s == status)
                .map(|(_, ty)| ty.clone())
                .or_else(|| response_schemas(spec, &op.id).remove(&status).map(TypeRef::Named)),
        };
        let Some(ty) = ty else { continue };
        let resolver = Resolver { types: &types };
        let label = type_label(&ty);
        resolver.resolve(&mut fixture.value, &ty, "", &label, &mut fixture.corrections);
    }
}

fn type_label(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(name) => name.clone(),
        other => format!("{other:?}"),
    }
}

struct Resolver<'a> {
    types: &'a BTreeMap<&'a str, &'a TypeDef>,
}

impl Resolver<'_> {
    /// Resolves the placeholders of `value`, of type `ty`, at `pointer`; `field` names it
    /// (`TeamAttributes.banner`) for the notes.
    fn resolve(&self, value: &mut Value, ty: &TypeRef, pointer: &str, field: &str, out: &mut Vec<Applied>) {
        match ty {
            TypeRef::Named(name) => match self.types.get(name.as_str()).map(|def| &def.kind) {
                Some(TypeKind::Struct(s)) => {
                    let Value::Object(members) = value else { return };
                    for (key, member) in members.iter_mut() {
                        let at = join(pointer, key);
                        let label = format!("{name}.{key}");
                        if let Some(f) = s.fields.iter().find(|f| f.json_name == *key) {
                            self.resolve(member, &f.ty, &at, &label, out);
                        } else if let Some(additional) = &s.additional {
                            self.resolve(member, &additional.ty, &at, &label, out);
                        }
                    }
                }
                Some(TypeKind::Enum(e)) => {
                    let Value::String(text) = value else { return };
                    let is_string = matches!(e.repr, crate::ir::EnumRepr::String);
                    let placeholder = if is_string {
                        (text == "string" || PLACEHOLDERS.contains(&text.as_str()))
                            && !e.values.iter().any(|v| v.wire == *text)
                    } else {
                        INTEGER.contains(&text.as_str())
                    };
                    let Some(chosen) = e.default.or(Some(0)).and_then(|i| e.values.get(i)) else { return };
                    if !placeholder {
                        return;
                    }
                    let replacement = if is_string {
                        Value::String(chosen.wire.clone())
                    } else {
                        match chosen.wire.parse::<i64>() {
                            Ok(n) => Value::from(n),
                            Err(_) => return,
                        }
                    };
                    let values: Vec<&str> = e.values.iter().map(|v| v.wire.as_str()).collect();
                    let which = if e.default.is_some() { "its default" } else { "its first value" };
                    let note = format!("the spec says enum `{name}` ({}) at `{field}`: {which}", values.join(", "));
                    replace(value, replacement, pointer, note, out);
                }
                Some(TypeKind::Union(Union::Tagged(variants))) => {
                    let tag = value.get("type").and_then(Value::as_str).map(str::to_owned);
                    if let Some(variant) = variants.iter().find(|v| Some(&v.tag) == tag.as_ref()) {
                        let ty = TypeRef::Named(variant.type_name.clone());
                        self.resolve(value, &ty, pointer, &variant.type_name, out);
                    }
                }
                Some(TypeKind::Union(Union::Untagged(variants))) => {
                    // The first variant under which no placeholder is left.
                    for variant in variants {
                        let (mut candidate, mut applied) = (value.clone(), Vec::new());
                        self.resolve(&mut candidate, &variant.ty, pointer, field, &mut applied);
                        let mut left = Vec::new();
                        placeholders(&candidate, pointer, &mut left);
                        if left.is_empty() {
                            *value = candidate;
                            out.extend(applied);
                            return;
                        }
                    }
                }
                Some(TypeKind::Alias(inner)) => self.resolve(value, inner, pointer, field, out),
                None => {}
            },
            TypeRef::Array(item) => {
                if let Value::Array(items) = value {
                    for (i, item_value) in items.iter_mut().enumerate() {
                        self.resolve(item_value, item, &join(pointer, &i.to_string()), field, out);
                    }
                }
            }
            TypeRef::Map(item) => {
                if let Value::Object(members) = value {
                    for (key, member) in members.iter_mut() {
                        self.resolve(member, item, &join(pointer, key), &format!("{field}.{key}"), out);
                    }
                }
            }
            TypeRef::Boxed(inner) => self.resolve(value, inner, pointer, field, out),
            scalar => {
                let Value::String(text) = value else { return };
                let (accepted, replacement, what): (&[&str], Value, &str) = match scalar {
                    TypeRef::Int32 => (INTEGER, Value::from(0), "int32"),
                    TypeRef::Int64 => (INTEGER, Value::from(0), "int64"),
                    TypeRef::UInt64 => (INTEGER, Value::from(0), "a non-negative integer"),
                    TypeRef::Float | TypeRef::Double => (NUMBER, Value::from(0.0), "a number"),
                    TypeRef::Bool => (&["boolean"], Value::Bool(false), "boolean"),
                    TypeRef::DateTime => {
                        (&["date-time", "string"], Value::from("1970-01-01T00:00:00Z"), "format date-time")
                    }
                    _ => return,
                };
                if accepted.contains(&text.as_str()) {
                    replace(value, replacement, pointer, format!("the spec says {what} at `{field}`"), out);
                }
            }
        }
    }
}

/// Replaces the placeholder `value` by `replacement`, recording it.
fn replace(value: &mut Value, replacement: Value, pointer: &str, why: String, out: &mut Vec<Applied>) {
    let original = std::mem::replace(value, replacement.clone());
    let note = format!("`{original}` placeholder; {why}");
    out.push(Applied { pointer: pointer.to_owned(), original, replacement, note });
}

/// The pretty-printed JSON of a fixture file (with a final newline).
pub fn fixture_json(fixture: &Fixture) -> String {
    let mut text = serde_json::to_string_pretty(&fixture.value).expect("JSON values serialize");
    text.push('\n');
    text
}

/// The generated `NOTES.md`: fixtures per page and every placeholder correction.
pub fn notes(fixtures: &[Fixture]) -> String {
    let mut out = String::new();
    out.push_str(
        "<!-- @generated by `cargo xtask examples` from ../shared/docs; do not edit by hand. -->\n\
         # JSON examples of the documentation pages\n\n\
         Each `*.json` file is one JSON example of a page of `../shared/docs/`, named after the spec's\n\
         operationId:\n\n\
         - `<operationId>.request.json`: the request example of the field table (`.request.2.json`, ...\n  \
           when the table shows more than one);\n\
         - `<operationId>.request.curl.json`: the body of the curl example, only when it differs from\n  \
           every request example of the table;\n\
         - `<operationId>.<status>.json`: the response example of that status. The tab labels of the\n  \
           pages do not tell the status reliably, so the n-th response example is given the n-th\n  \
           status (ascending) among the operation's responses with a JSON body in the spec.\n\n\
         The pages hold placeholders instead of some values (`\"integer\"`, `\"string\"` for an enum);\n\
         each is resolved from the spec's type of its field (an integer `0`, an enum its default or\n\
         first value), as listed below; the spec is not loosened to accept them.\n\n\
         ## Fixtures per page\n\n\
         | page | operations | fixtures |\n\
         | --- | ---: | ---: |\n",
    );
    let mut per_page: BTreeMap<&str, (BTreeSet<&str>, usize)> = BTreeMap::new();
    for f in fixtures {
        let entry = per_page.entry(&f.page).or_default();
        entry.0.insert(&f.operation_id);
        entry.1 += 1;
    }
    for (page, (ops, count)) in &per_page {
        let _ = writeln!(out, "| {page} | {} | {count} |", ops.len());
    }
    let _ = writeln!(out, "| total | {} | {} |", per_page.values().map(|p| p.0.len()).sum::<usize>(), fixtures.len());

    out.push_str("\n## Placeholder corrections\n\n");
    let corrected: Vec<&Fixture> = fixtures.iter().filter(|f| !f.corrections.is_empty()).collect();
    if corrected.is_empty() {
        out.push_str("None.\n");
    } else {
        out.push_str(
            "| fixture | page line | JSON pointer | on the page | written | note |\n\
             | --- | ---: | --- | --- | --- | --- |\n",
        );
        for f in corrected {
            for c in &f.corrections {
                let _ = writeln!(
                    out,
                    "| {}.json | {} {} | `{}` | `{}` | `{}` | {} |",
                    f.name, f.page, f.line, c.pointer, c.original, c.replacement, c.note
                );
            }
        }
    }
    out
}

/// Writes every fixture as `<name>.json` and `NOTES.md` into `out_dir`, and removes the `*.json`
/// files of `out_dir` that are not fixtures any more. Files whose content is unchanged are not
/// rewritten.
pub fn write_fixtures(out_dir: &Path, fixtures: &[Fixture]) -> Result<(), Error> {
    let io = |path: &Path, what: &str, e: std::io::Error| Error::in_file(path, "", format!("cannot {what}: {e}"));
    fs::create_dir_all(out_dir).map_err(|e| io(out_dir, "create the directory", e))?;
    let mut files: BTreeMap<String, String> = BTreeMap::new();
    for f in fixtures {
        if files.insert(format!("{}.json", f.name), fixture_json(f)).is_some() {
            return Err(Error::new("", format!("two fixtures named {}", f.name)));
        }
    }
    files.insert("NOTES.md".to_string(), notes(fixtures));
    for entry in fs::read_dir(out_dir).map_err(|e| io(out_dir, "read the directory", e))? {
        let path = entry.map_err(|e| io(out_dir, "read the directory", e))?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        if name.ends_with(".json") && !files.contains_key(&name) {
            fs::remove_file(&path).map_err(|e| io(&path, "remove", e))?;
        }
    }
    for (name, text) in &files {
        let path = out_dir.join(name);
        if fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            fs::write(&path, text).map_err(|e| io(&path, "write", e))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::docs::page::parse_page;
    use serde_json::json;

    const PAGE: &str = "intro
POST\u{a0}https://api.ap1.datadoghq.com/api/v2/thingshttps://api.datadoghq.eu/api/v2/things
Create a thing.
name [required]
string
{
\"name\": \"a } brace and a \\\" quote\"
}
{
  \"name\": \"second\",
  \"tags\": [
    {
      \"k\": 1
    }
  ]
}
CREATED
Thing response
{
\"data\": {
\"id\": \"1\"
}
}
Bad Request
API error response.
{
\"errors\": [
\"Bad Request\"
]
}
Code Example
curl -X POST \"https://api.ap1.datadoghq.com/api/v2/things\" \\ -d @- << EOF { \"name\": \"second\", \"tags\": [ { \"k\": 1 } ] } EOF
curl -X POST \"https://api.ap1.datadoghq.com/api/v2/things\" \\ -d @- << EOF { \"name\": \"curl\" } EOF
DELETE https://api.ap1.datadoghq.com/api/v2/things/{id}https://api.datadoghq.eu/api/v2/things/{id}
No Content
Not Found
{
\"errors\": [
\"Not Found\"
]
}
";

    const SPEC: &str = "
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /api/v2/things:
    post:
      operationId: createThing
      requestBody:
        content:
          application/json:
            schema: {type: object}
      responses:
        '400': {$ref: '#/components/responses/Error'}
        '201':
          description: created
          content:
            application/json:
              schema: {type: object}
  /api/v2/things/{id}:
    delete:
      operationId: deleteThing
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        '204': {description: gone}
        '404': {$ref: '#/components/responses/Error'}
components:
  responses:
    Error:
      description: error
      content:
        application/json:
          schema: {type: object}
";

    fn spec() -> Spec {
        crate::load::load_sources(&[("t.yaml".into(), SPEC.to_string())]).expect("test spec loads")
    }

    #[test]
    fn parse_page_splits_requests_responses_and_curl_bodies() {
        let ops = parse_page(PAGE).unwrap();
        assert_eq!(ops.len(), 2);
        let create = &ops[0];
        assert_eq!((create.method.as_str(), create.path.as_str(), create.line), ("POST", "/api/v2/things", 2));
        let lines: Vec<usize> = create.requests.iter().map(|b| b.line).collect();
        assert_eq!(lines, [6, 9]);
        assert_eq!(create.requests[0].value, json!({"name": "a } brace and a \" quote"}));
        assert_eq!(create.requests[1].value, json!({"name": "second", "tags": [{"k": 1}]}));
        assert_eq!(create.responses.len(), 2);
        assert_eq!(create.responses[0].value, json!({"data": {"id": "1"}}));
        assert_eq!((create.responses[0].label, create.responses[1].label), (Some("CREATED"), Some("Bad Request")));
        assert_eq!(create.curl.len(), 2);
        assert_eq!(create.curl[1].value, json!({"name": "curl"}));
        let delete = &ops[1];
        assert!(delete.requests.is_empty());
        assert_eq!(delete.responses.len(), 1);
        assert_eq!(delete.responses[0].label, Some("Not Found"), "No Content has no example");
    }

    #[test]
    fn page_fixtures_names_by_operation_id_and_ascending_status() {
        let fixtures = page_fixtures("things.txt", PAGE, &spec()).unwrap();
        let names: Vec<&str> = fixtures.iter().map(|f| f.name.as_str()).collect();
        // The first curl body equals the second table example: skipped.
        assert_eq!(
            names,
            [
                "createThing.request",
                "createThing.request.2",
                "createThing.request.curl",
                "createThing.201",
                "createThing.400",
                "deleteThing.404"
            ]
        );
        assert_eq!(fixtures[3].value, json!({"data": {"id": "1"}}));
        assert_eq!(fixtures[5].kind, Kind::Response(404));
    }

    #[test]
    fn page_fixtures_checks_the_response_count() {
        let short = PAGE.replace("Bad Request\nAPI error response.\n{\n\"errors\": [\n\"Bad Request\"\n]\n}\n", "");
        let error = page_fixtures("things.txt", &short, &spec()).unwrap_err();
        assert!(error.message.contains("(createThing)"), "{error}");
        assert!(error.message.contains("1 response example(s)"), "{error}");
    }

    #[test]
    fn page_fixtures_checks_the_labels_against_the_statuses() {
        let conflict = PAGE.replace("Bad Request\nAPI error response.", "Conflict\nAPI error response.");
        let error = page_fixtures("things.txt", &conflict, &spec()).unwrap_err();
        assert!(
            error.message.contains("line 26: the response example under \"Conflict\" falls on status 400"),
            "{error}"
        );
    }

    /// A page of one operation whose 200 example is `example`, and a spec whose `Thing` has an
    /// int64, two string enums (one with a default), a field of any JSON and a plain string.
    fn extract_one(example: &str) -> Result<Vec<Fixture>, Errors> {
        let spec = "
openapi: 3.0.3
info: {title: t, version: '1'}
tags: [{name: Things}]
paths:
  /api/v2/things:
    get:
      operationId: getThing
      tags: [Things]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
components:
  schemas:
    Thing:
      type: object
      properties:
        count: {type: integer, format: int64}
        role: {type: string, enum: [admin, member]}
        kind: {type: string, enum: [a, b], default: b}
        free: {}
        name: {type: string}
        items: {type: array, items: {type: number}}
";
        let spec = crate::load::load_sources(&[("t.yaml".into(), spec.to_string())]).expect("test spec loads");
        let page = format!(
            "intro\nGET\u{a0}https://api.ap1.datadoghq.com/api/v2/thingshttps://api.datadoghq.eu/api/v2/things\nGet a thing.\nOK\nThing\n{example}\n"
        );
        let dir = std::env::temp_dir().join(format!("xtask-examples-{}-{}", std::process::id(), example.len()));
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("things.txt"), page).unwrap();
        let result = extract_with(&dir, &spec, &[]);
        let _ = fs::remove_dir_all(&dir);
        result
    }

    #[test]
    fn placeholders_are_resolved_from_the_spec() {
        let example = "{\n\"count\": \"integer\",\n\"role\": \"string\",\n\"kind\": \"string\",\n\"name\": \"string\",\n\"items\": [\"number\"]\n}";
        let fixtures = extract_one(example).unwrap();
        assert_eq!(
            fixtures[0].value,
            json!({"count": 0, "role": "admin", "kind": "b", "name": "string", "items": [0.0]})
        );
        let notes: Vec<&str> = fixtures[0].corrections.iter().map(|c| c.note.as_str()).collect();
        assert_eq!(
            notes,
            [
                "`\"integer\"` placeholder; the spec says int64 at `Thing.count`",
                "`\"string\"` placeholder; the spec says enum `ThingRole` (admin, member) at `Thing.role`: its first value",
                "`\"string\"` placeholder; the spec says enum `ThingKind` (a, b) at `Thing.kind`: its default",
                "`\"number\"` placeholder; the spec says a number at `Thing.items`",
            ]
        );
    }

    #[test]
    fn a_placeholder_no_type_resolves_is_reported_with_the_page_line_and_pointer() {
        let errors = extract_one("{\n\"count\": \"integer\",\n\"free\": \"integer\"\n}").unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        let error = errors.first().unwrap().to_string();
        assert!(error.starts_with("things.txt:6: at /free: the example of getThing.200 (line 6)"), "{error}");
        assert!(error.contains("examples::CORRECTIONS"), "{error}");
    }

    #[test]
    fn corrections_must_hit_a_placeholder() {
        let mut fixtures = page_fixtures("things.txt", PAGE, &spec()).unwrap();
        fixtures[3].value["data"]["id"] = json!("integer");
        let good = [fix("createThing", "201", "/data/id", "1", "test")];
        apply_corrections(&mut fixtures, &good).unwrap();
        assert_eq!(fixtures[3].value, json!({"data": {"id": 1}}));
        assert_eq!(fixtures[3].corrections[0].original, json!("integer"));
        let stale = [fix("createThing", "201", "/data/id", "1", "test")];
        assert!(apply_corrections(&mut fixtures, &stale).is_err(), "the value is no longer a placeholder");
        let not_a_placeholder = [fix("createThing", "400", "/errors/0", "1", "test")];
        assert!(apply_corrections(&mut fixtures, &not_a_placeholder).is_err());
        let missing = [fix("createThing", "201", "/data/nope", "1", "test")];
        assert!(apply_corrections(&mut fixtures, &missing).is_err());
    }
}
