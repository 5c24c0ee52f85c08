//! Round trip of the documentation's JSON examples through the generated models.
//!
//! `cargo xtask examples` writes every JSON example of the five docs pages into
//! `tests/fixtures/examples/` (see its `NOTES.md`). Each one is decoded into the type the spec
//! gives it (the request body type, the response type of its status, `APIErrorResponse` for the
//! errors), re-encoded, and compared with the original as `serde_json::Value`.
//!
//! The type of each fixture comes from its name and the generated `__for_each_operation!` table
//! (from the spec): nothing here lists operations or fixtures by hand. A fixture that names no
//! operation or status of the spec fails; an operation whose page has no example is reported by
//! `cargo xtask examples` and `cargo xtask docs-check`, not here.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use datadog_v2_client::models::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Decodes a fixture's text as one type and re-encodes it.
type RoundTrip = fn(&str) -> Result<Value, String>;

struct Entry {
    /// The fixture's file stem: `<operationId>.request`, `<operationId>.<status>`, ...
    name: String,
    round_trip: RoundTrip,
}

/// The types of one operation's bodies, from the generated `__for_each_operation!` (so from the
/// spec): the request body type, the success status and type, the error statuses.
struct OperationTypes {
    id: &'static str,
    request: &'static [RoundTrip],
    success: &'static [(u16, RoundTrip)],
    errors: &'static [u16],
}

macro_rules! operation_types {
    ($($id:ident { request: [$($request:ident)?], success: [$($status:literal $success:ident)?], errors: [$($error:literal),*] })*) => {
        const OPERATIONS: &[OperationTypes] = &[$(
            OperationTypes {
                id: stringify!($id),
                request: &[$(round_trip::<$request> as RoundTrip)?],
                success: &[$(($status, round_trip::<$success> as RoundTrip))?],
                errors: &[$($error),*],
            },
        )*];
    };
}

datadog_v2_client::__for_each_operation!(operation_types);

/// The type a fixture decodes as, from its name: `<operationId>.request...` is the operation's
/// request body, `<operationId>.<status>` its success type or, for an error status, the error body.
fn round_trip_of(name: &str) -> Option<RoundTrip> {
    let (id, rest) = name.split_once('.')?;
    let op = OPERATIONS.iter().find(|op| op.id == id)?;
    if rest == "request" || rest.starts_with("request.") {
        return op.request.first().copied();
    }
    let status: u16 = rest.parse().ok()?;
    match op.success.iter().find(|(s, _)| *s == status) {
        Some((_, round_trip)) => Some(*round_trip),
        None => op.errors.contains(&status).then_some(round_trip::<APIErrorResponse> as RoundTrip),
    }
}

/// Every fixture file with its type; the names of the files no operation of the spec explains.
fn table() -> (Vec<Entry>, Vec<String>) {
    let mut entries = Vec::new();
    let mut unknown = Vec::new();
    for name in fixture_files() {
        match round_trip_of(&name) {
            Some(round_trip) => entries.push(Entry { name, round_trip }),
            None => unknown.push(name),
        }
    }
    (entries, unknown)
}

/// Decodes with `serde_path_to_error`, so that a failure names the JSON path, then re-encodes.
fn round_trip<T: DeserializeOwned + Serialize>(text: &str) -> Result<Value, String> {
    let deserializer = &mut serde_json::Deserializer::from_str(text);
    let value: T = serde_path_to_error::deserialize(deserializer)
        .map_err(|e| format!("does not decode as {} at `{}`: {}", std::any::type_name::<T>(), e.path(), e.inner()))?;
    serde_json::to_value(&value).map_err(|e| format!("does not re-encode: {e}"))
}

/// Fixtures that fail because the spec is wrong (not the generator): each with the doc evidence.
/// The test prints them and fails if one of them starts to pass, so the list stays minimal.
const KNOWN_SPEC_GAP: &[(&str, &str)] = &[];

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join("examples")
}

/// The file stems of the `*.json` files of the fixture directory.
fn fixture_files() -> BTreeSet<String> {
    let dir = fixtures_dir();
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    entries
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .map(|path| path.file_stem().and_then(|s| s.to_str()).expect("UTF-8 file names").to_string())
        .collect()
}

#[test]
fn every_fixture_file_is_an_example_of_an_operation_of_the_spec() {
    let (entries, unknown) = table();
    assert!(
        unknown.is_empty(),
        "fixture files that name no request or status of an operation of the spec (rerun `cargo xtask examples`?): \
         {unknown:?}"
    );
    assert!(!entries.is_empty(), "no fixture in {}", fixtures_dir().display());
    for (name, _) in KNOWN_SPEC_GAP {
        assert!(entries.iter().any(|e| e.name == *name), "KNOWN_SPEC_GAP names {name}, which is not a fixture");
    }
}

#[test]
fn doc_examples_round_trip() {
    let spec = xtask::load::load_dir(&xtask::default_paths().0).expect("the spec loads");
    let mut failures = Vec::new();
    let mut gaps_that_pass = Vec::new();
    let mut instants = 0;
    let (table, _) = table();
    for entry in &table {
        let path = fixtures_dir().join(format!("{}.json", entry.name));
        let Ok(text) = std::fs::read_to_string(&path) else { continue }; // reported by the test above
        let result = check(&spec.raw, entry, &text);
        match (result, KNOWN_SPEC_GAP.iter().find(|(name, _)| *name == entry.name)) {
            (Ok(_), Some(_)) => gaps_that_pass.push(entry.name.clone()),
            (Ok(n), None) => instants += n,
            (Err(message), Some((_, evidence))) => {
                eprintln!("known_spec_gap: {}: {message}\n    evidence: {evidence}", entry.name);
            }
            (Err(message), None) => failures.push(format!("{}: {message}", entry.name)),
        }
    }
    eprintln!(
        "{} fixtures; {instants} date-time string(s) re-encoded in another form of the same instant",
        table.len()
    );
    eprintln!("known_spec_gap: {} entr{}", KNOWN_SPEC_GAP.len(), if KNOWN_SPEC_GAP.len() == 1 { "y" } else { "ies" });
    if !gaps_that_pass.is_empty() {
        failures.push(format!("KNOWN_SPEC_GAP entries that now pass (remove them): {gaps_that_pass:?}"));
    }
    assert!(failures.is_empty(), "{} doc example failure(s):\n{}", failures.len(), failures.join("\n"));
}

/// Decodes, re-encodes and compares one fixture; returns how many date-times compared as instants.
fn check(spec: &Value, entry: &Entry, text: &str) -> Result<usize, String> {
    let original: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let encoded = (entry.round_trip)(text)?;
    let mut differences = Vec::new();
    diff(&original, &encoded, &mut Vec::new(), &mut differences);
    let root = root_schema(spec, &entry.name).ok_or("the spec has no JSON schema for this fixture")?;
    let mut report = String::new();
    let mut instants = 0;
    for (path, left, right) in differences {
        if let (Some(Value::String(a)), Some(Value::String(b))) = (&left, &right)
            && is_date_time(spec, root, &path)
            && same_instant(a, b)
        {
            instants += 1;
            continue;
        }
        let show = |v: &Option<Value>| v.as_ref().map_or("(absent)".to_string(), Value::to_string);
        let _ = write!(report, "\n    at {}: page {} re-encoded {}", pointer(&path), show(&left), show(&right));
    }
    if !report.is_empty() {
        return Err(format!("re-encodes differently:{report}"));
    }
    let mut unknown = Vec::new();
    unknown_to_spec(spec, &original, root, &mut Vec::new(), &mut unknown);
    if unknown.is_empty() {
        Ok(instants)
    } else {
        Err(format!("holds what the spec does not know:\n    {}", unknown.join("\n    ")))
    }
}

// The models keep what the spec does not know (members in `extra.additional_properties()`, enum
// values in `Unknown(String)`), so a round trip alone cannot see a member the spec lacks or
// misspells.
// This walk checks both against the spec itself.

/// Members the schema does not declare (and has no `additionalProperties` for) and enum values
/// it does not list. A oneOf/anyOf is satisfied by any one branch.
fn unknown_to_spec(spec: &Value, value: &Value, schema: &Value, path: &mut Vec<Step>, out: &mut Vec<String>) {
    let schema = resolve(spec, schema);
    for key in ["oneOf", "anyOf"] {
        if let Some(branches) = schema.get(key).and_then(Value::as_array) {
            let mut closest: Option<Vec<String>> = None;
            for branch in branches {
                let mut found = Vec::new();
                unknown_to_spec(spec, value, branch, path, &mut found);
                if found.is_empty() {
                    return;
                }
                if closest.as_ref().is_none_or(|c| found.len() < c.len()) {
                    closest = Some(found);
                }
            }
            out.push(format!("{}: matches no {key} branch", pointer(path)));
            out.extend(closest.unwrap_or_default());
            return;
        }
    }
    let parts: Vec<&Value> = std::iter::once(schema)
        .chain(schema.get("allOf").and_then(Value::as_array).into_iter().flatten().map(|s| resolve(spec, s)))
        .collect();
    let enums: Vec<&Value> = parts.iter().filter_map(|s| s.get("enum")?.as_array()).flatten().collect();
    if !enums.is_empty() && !value.is_null() && !enums.contains(&value) {
        out.push(format!("{}: {value} is not a value of the enum", pointer(path)));
    }
    match value {
        Value::Object(members) => {
            for (key, member) in members {
                path.push(Step::Key(key.clone()));
                let declared = parts.iter().find_map(|s| s.get("properties")?.get(key));
                let additional = parts.iter().find_map(|s| s.get("additionalProperties").filter(|a| *a != false));
                match (declared, additional) {
                    (Some(member_schema), _) => unknown_to_spec(spec, member, member_schema, path, out),
                    (None, Some(extra)) if extra.is_object() => unknown_to_spec(spec, member, extra, path, out),
                    (None, Some(_)) => {} // additionalProperties: true
                    (None, None) => out.push(format!("{}: not a member of the schema", pointer(path))),
                }
                path.pop();
            }
        }
        Value::Array(items) => {
            if let Some(items_schema) = parts.iter().find_map(|s| s.get("items")) {
                for (i, item) in items.iter().enumerate() {
                    path.push(Step::Index(i));
                    unknown_to_spec(spec, item, items_schema, path, out);
                    path.pop();
                }
            }
        }
        _ => {}
    }
}

/// A step of a path into a JSON value.
#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

fn pointer(path: &[Step]) -> String {
    if path.is_empty() {
        return "/".to_string();
    }
    path.iter()
        .map(|step| match step {
            Step::Key(key) => format!("/{}", key.replace('~', "~0").replace('/', "~1")),
            Step::Index(i) => format!("/{i}"),
        })
        .collect()
}

type Difference = (Vec<Step>, Option<Value>, Option<Value>);

/// Every leaf (or absent member) at which two values differ.
fn diff(left: &Value, right: &Value, path: &mut Vec<Step>, out: &mut Vec<Difference>) {
    match (left, right) {
        (Value::Object(a), Value::Object(b)) => {
            let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
            for key in keys {
                path.push(Step::Key(key.clone()));
                match (a.get(key), b.get(key)) {
                    (Some(x), Some(y)) => diff(x, y, path, out),
                    (x, y) => out.push((path.clone(), x.cloned(), y.cloned())),
                }
                path.pop();
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                path.push(Step::Index(i));
                diff(x, y, path, out);
                path.pop();
            }
        }
        _ if left == right => {}
        _ => out.push((path.clone(), Some(left.clone()), Some(right.clone()))),
    }
}

// Date-times: the models hold `chrono::DateTime<Utc>`, which re-encodes an instant in its own form
// (`2019-09-19T10:00:00.000Z` comes back as `2019-09-19T10:00:00Z`, `+00:00` as `Z`). That is the
// same value on the wire, so such strings are compared as instants, but only where the spec says
// `format: date-time`: anywhere else a changed string is a real difference.

fn same_instant(a: &str, b: &str) -> bool {
    match (chrono::DateTime::parse_from_rfc3339(a), chrono::DateTime::parse_from_rfc3339(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// The JSON schema of a fixture: its operation's request body or the response of its status.
fn root_schema<'a>(spec: &'a Value, fixture: &str) -> Option<&'a Value> {
    let (operation_id, rest) = fixture.split_once('.')?;
    let operation = spec["paths"]
        .as_object()?
        .values()
        .filter_map(Value::as_object)
        .flat_map(|item| item.values())
        .find(|op| op["operationId"] == operation_id)?;
    let body = if rest.starts_with("request") {
        resolve(spec, &operation["requestBody"])
    } else {
        resolve(spec, &operation["responses"][rest.split('.').next()?])
    };
    body["content"]["application/json"].get("schema")
}

/// Follows `$ref`s (`#/components/...`).
fn resolve<'a>(spec: &'a Value, mut schema: &'a Value) -> &'a Value {
    while let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        match reference.strip_prefix('#').and_then(|pointer| spec.pointer(pointer)) {
            Some(target) => schema = target,
            None => break,
        }
    }
    schema
}

/// Whether the schema at `path` (through properties, items and every allOf/oneOf/anyOf branch)
/// is a `format: date-time` string.
fn is_date_time(spec: &Value, schema: &Value, path: &[Step]) -> bool {
    let schema = resolve(spec, schema);
    let branches = ["allOf", "oneOf", "anyOf"]
        .iter()
        .filter_map(|key| schema.get(*key).and_then(Value::as_array))
        .flatten()
        .any(|branch| is_date_time(spec, branch, path));
    branches
        || match path.split_first() {
            None => schema.get("format").and_then(Value::as_str) == Some("date-time"),
            Some((Step::Key(key), rest)) => {
                schema.get("properties").and_then(|p| p.get(key)).is_some_and(|s| is_date_time(spec, s, rest))
                    || schema
                        .get("additionalProperties")
                        .filter(|s| s.is_object())
                        .is_some_and(|s| is_date_time(spec, s, rest))
            }
            Some((Step::Index(_), rest)) => schema.get("items").is_some_and(|s| is_date_time(spec, s, rest)),
        }
}

#[test]
fn date_times_compare_as_instants_only_where_the_spec_says_date_time() {
    let spec = xtask::load::load_dir(&xtask::default_paths().0).expect("the spec loads");
    // A component schema of spec/ with a date-time property and a plain string one, whatever
    // they are called today, reached through a `$ref` as the fixtures' roots are.
    let schemas = spec.raw["components"]["schemas"].as_object().expect("component schemas");
    let property = |properties: &serde_json::Map<String, Value>, date_time: bool| {
        properties.iter().find_map(|(name, p)| {
            let is = p["format"] == "date-time";
            (p["type"] == "string" && is == date_time && p.get("enum").is_none()).then(|| name.clone())
        })
    };
    let (name, date_time, plain) = schemas
        .iter()
        .find_map(|(name, schema)| {
            let properties = schema["properties"].as_object()?;
            Some((name.clone(), property(properties, true)?, property(properties, false)?))
        })
        .expect("a schema with a date-time and a string property");
    let root = serde_json::json!({ "$ref": format!("#/components/schemas/{name}") });
    assert!(is_date_time(&spec.raw, &root, &[Step::Key(date_time)]));
    assert!(!is_date_time(&spec.raw, &root, &[Step::Key(plain)]));
    assert!(same_instant("2019-09-19T10:00:00.000Z", "2019-09-19T10:00:00Z"));
    assert!(same_instant("2021-11-01T11:11:11+00:00", "2021-11-01T11:11:11Z"));
    assert!(!same_instant("2021-11-01T11:11:11+01:00", "2021-11-01T11:11:11Z"));
}

// ---- explicit nulls ----------------------------------------------------------------------

/// The pointer of every object member in `value`, parents before children.
fn member_pointers(value: &Value, at: &str, out: &mut Vec<String>) {
    match value {
        Value::Object(members) => {
            for (key, member) in members {
                let pointer = format!("{at}/{}", key.replace('~', "~0").replace('/', "~1"));
                out.push(pointer.clone());
                member_pointers(member, &pointer, out);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                member_pointers(item, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// Equal, but for date-times written in another form of the same instant (a `oneOf` member whose
/// `type` is `null` is kept as sent, `.000Z` and all, where the decoded example writes `Z`).
fn same_json(a: &Value, b: &Value) -> bool {
    let mut differences = Vec::new();
    diff(a, b, &mut Vec::new(), &mut differences);
    differences.iter().all(|(_, x, y)| match (x, y) {
        (Some(Value::String(x)), Some(Value::String(y))) => same_instant(x, y),
        _ => false,
    })
}

fn with_nulls(value: &Value, pointers: &[&String]) -> Value {
    let mut value = value.clone();
    for pointer in pointers {
        if let Some(member) = value.pointer_mut(pointer) {
            *member = Value::Null;
        }
    }
    value
}

/// The API sends `null` in fields the documentation shows as plain optional. Every member of
/// every example is set to `null` in turn: where the type accepts that (any optional field, and
/// the nullable ones), the re-encoded JSON must be the example's own round trip with that `null`
/// in place, not the key left out. Then every such member at once (the innermost ones, so that a
/// `null` parent does not hide its fields' `null`s).
#[test]
fn doc_examples_round_trip_with_every_optional_field_null() {
    let mut failures = Vec::new();
    let mut nulls_checked = 0;
    let (entries, _) = table();
    for entry in &entries {
        let Ok(text) = std::fs::read_to_string(fixtures_dir().join(format!("{}.json", entry.name))) else { continue };
        let original: Value = serde_json::from_str(&text).expect("fixtures are JSON");
        let Ok(encoded) = (entry.round_trip)(&text) else { continue }; // reported by doc_examples_round_trip
        let mut pointers = Vec::new();
        member_pointers(&original, "", &mut pointers);
        let mut accepted = Vec::new();
        for pointer in &pointers {
            let document = with_nulls(&original, &[pointer]);
            let Ok(again) = (entry.round_trip)(&document.to_string()) else { continue }; // a required field
            let expected = with_nulls(&encoded, &[pointer]);
            if !same_json(&again, &expected) {
                failures.push(format!(
                    "{}: {pointer} set to null re-encodes as {:?}",
                    entry.name,
                    again.pointer(pointer)
                ));
            }
            accepted.push(pointer);
        }
        nulls_checked += accepted.len();
        let innermost: Vec<&String> = accepted
            .iter()
            .copied()
            .filter(|p| !accepted.iter().any(|q| q.len() > p.len() && q.starts_with(&format!("{p}/"))))
            .collect();
        let document = with_nulls(&original, &innermost);
        match (entry.round_trip)(&document.to_string()) {
            Ok(again) if same_json(&again, &with_nulls(&encoded, &innermost)) => {}
            Ok(again) => {
                failures.push(format!("{}: with {} nulls at once re-encodes as {again}", entry.name, innermost.len()))
            }
            Err(e) => failures.push(format!("{}: with {} nulls at once: {e}", entry.name, innermost.len())),
        }
    }
    eprintln!("{nulls_checked} members set to null, each re-encoded as null");
    assert!(nulls_checked > 500, "too few optional members in the examples: {nulls_checked}");
    assert!(failures.is_empty(), "{} failure(s):\n{}", failures.len(), failures.join("\n"));
}
