//! The merged spec itself: complete (every operation in one declared group, with its names and
//! texts, and in the generated client), closed (every `$ref` resolves, every schema is used) and
//! without copies that should be `$ref`s. Nothing here counts operations by hand: adding one to
//! `spec/` needs no edit of this file.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

fn merged() -> Value {
    let (spec_dir, _) = xtask::default_paths();
    xtask::load::load_dir(&spec_dir).unwrap_or_else(|e| panic!("spec/ does not load: {e}")).raw
}

const METHODS: [&str; 5] = ["get", "put", "post", "patch", "delete"];

fn operations(doc: &Value) -> Vec<(String, String, &Value)> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in METHODS {
            if let Some(op) = item.get(method) {
                out.push((method.to_owned(), path.clone(), op));
            }
        }
    }
    out
}

macro_rules! operation_ids {
    ($($id:ident { $($types:tt)* })*) => {
        /// The operations of the generated client (`__for_each_operation!`).
        const GENERATED: &[&str] = &[$(stringify!($id)),*];
    };
}

datadog_v2_client::__for_each_operation!(operation_ids);

#[test]
fn every_operation_is_in_one_declared_group_and_in_the_generated_client() {
    let doc = merged();
    let ops = operations(&doc);
    assert!(!ops.is_empty());
    let declared: BTreeSet<&str> =
        doc["tags"].as_array().expect("top-level tags").iter().map(|t| t["name"].as_str().unwrap()).collect();
    let mut per_tag: BTreeMap<&str, usize> = declared.iter().map(|tag| (*tag, 0)).collect();
    let mut ids = BTreeSet::new();
    for (method, path, op) in &ops {
        let tags = op["tags"].as_array().unwrap_or_else(|| panic!("{method} {path} has no tags"));
        assert_eq!(tags.len(), 1, "{method} {path}");
        let tag = tags[0].as_str().unwrap();
        *per_tag.get_mut(tag).unwrap_or_else(|| panic!("{method} {path}: tag `{tag}` is not declared in `tags`")) += 1;
        for key in ["operationId", "summary", "description"] {
            assert!(op[key].as_str().is_some_and(|s| !s.trim().is_empty()), "{method} {path} has no {key}");
        }
        assert!(ids.insert(op["operationId"].as_str().unwrap()), "{method} {path}: operationId used twice");
    }
    let empty: Vec<&&str> = per_tag.iter().filter(|(_, n)| **n == 0).map(|(tag, _)| tag).collect();
    assert!(empty.is_empty(), "declared groups without an operation: {empty:?}");
    let generated: BTreeSet<&str> = GENERATED.iter().copied().collect();
    assert_eq!(generated, ids, "the generated client's operations are the spec's (run `cargo xtask codegen`)");
}

/// Whether an operation is marked unstable: `x-unstable: true` or Datadog's note string.
fn unstable(op: &Value) -> bool {
    op["x-unstable"] == true || op["x-unstable"].as_str().is_some_and(|note| !note.trim().is_empty())
}

/// The unstable operations (today the Incident Teams group, derived here from the spec's
/// `x-unstable` marks, never named) are exactly the deprecated ones, and they make whole groups:
/// a group is unstable in every operation or in none.
#[test]
fn unstable_operations_are_deprecated_and_make_whole_groups() {
    let doc = merged();
    let ops = operations(&doc);
    let unstable_tags: BTreeSet<Option<&str>> =
        ops.iter().filter(|(_, _, op)| unstable(op)).map(|(_, _, op)| op["tags"][0].as_str()).collect();
    for (method, path, op) in &ops {
        assert_eq!(
            op["deprecated"] == true,
            unstable(op),
            "{method} {path}: deprecated but not x-unstable, or the other way"
        );
        assert_eq!(
            unstable(op),
            unstable_tags.contains(&op["tags"][0].as_str()),
            "{method} {path}: its group {} has unstable operations, so all of its operations must be",
            op["tags"][0]
        );
    }
}

#[test]
fn servers_and_security() {
    let doc = merged();
    let server = &doc["servers"][0];
    assert_eq!(server["url"], "https://api.{site}");
    assert_eq!(server["variables"]["site"]["default"], "datadoghq.com");
    let sites: BTreeSet<&str> =
        server["variables"]["site"]["enum"].as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
    let expected: BTreeSet<&str> = datadog_v2_client::SITES.into_iter().collect();
    assert_eq!(sites, expected, "the client's SITES are the spec's");
    let schemes = &doc["components"]["securitySchemes"];
    assert_eq!(schemes["apiKeyAuth"]["name"], "DD-API-KEY");
    assert_eq!(schemes["appKeyAuth"]["name"], "DD-APPLICATION-KEY");
}

/// Every `$ref` string in `value`, with the pointer where it stands.
fn refs<'a>(value: &'a Value, pointer: String, out: &mut Vec<(String, &'a str)>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                if key == "$ref" {
                    out.push((pointer.clone(), child.as_str().unwrap()));
                } else {
                    refs(child, format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1")), out);
                }
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                refs(child, format!("{pointer}/{i}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_ref_resolves() {
    let doc = merged();
    let mut found = Vec::new();
    refs(&doc, String::new(), &mut found);
    assert!(found.len() > 100);
    for (pointer, target) in found {
        let local = target.strip_prefix('#').unwrap_or_else(|| panic!("{pointer}: non-local $ref {target}"));
        assert!(doc.pointer(local).is_some(), "{pointer}: unresolved $ref {target}");
    }
}

#[test]
fn every_component_is_used() {
    let doc = merged();
    // Walk from the paths through every reference, transitively.
    let mut used: BTreeSet<String> = BTreeSet::new();
    let mut pending: Vec<&Value> = vec![&doc["paths"]];
    while let Some(value) = pending.pop() {
        let mut found = Vec::new();
        refs(value, String::new(), &mut found);
        for (_, target) in found {
            if used.insert(target.to_owned()) {
                pending.push(doc.pointer(target.trim_start_matches('#')).unwrap());
            }
        }
    }
    for kind in ["schemas", "responses", "parameters"] {
        for name in doc["components"][kind].as_object().map(|m| m.keys().collect::<Vec<_>>()).unwrap_or_default() {
            let target = format!("#/components/{kind}/{name}");
            assert!(used.contains(&target), "{target} is never used");
        }
    }
}

/// A schema written twice should be one schema and two `$ref`s. Single-value resource-type enums
/// are exempt: the documentation names one per place (`ScheduleCreateRequestDataType`,
/// `ScheduleUpdateRequestDataType`, ...) and the official clients keep them apart.
#[test]
fn no_schema_is_a_copy_of_another() {
    let doc = merged();
    let mut by_content: BTreeMap<String, Vec<&String>> = BTreeMap::new();
    for (name, schema) in doc["components"]["schemas"].as_object().unwrap() {
        let single_value_enum = schema["enum"].as_array().is_some_and(|values| values.len() == 1);
        if !single_value_enum {
            by_content.entry(schema.to_string()).or_default().push(name);
        }
    }
    let copies: Vec<_> = by_content.values().filter(|names| names.len() > 1).collect();
    assert!(copies.is_empty(), "identical schemas: {copies:?}");
}

/// Every operation with a page-size query parameter and a page-number or offset one (`$ref`s
/// resolved) is marked `x-pagination`, and no other: derived from the parameters, not listed.
#[test]
fn paginated_operations_are_marked() {
    let doc = merged();
    let resolve = |param: &'_ Value| -> Value {
        match param["$ref"].as_str().and_then(|r| r.strip_prefix("#/")) {
            Some(pointer) => doc.pointer(&format!("/{pointer}")).cloned().unwrap_or(Value::Null),
            None => param.clone(),
        }
    };
    let (mut marked, mut pageable) = (Vec::new(), Vec::new());
    for (_, _, op) in operations(&doc) {
        let id = op["operationId"].as_str().unwrap().to_owned();
        let query: Vec<String> = op["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .map(resolve)
            .filter(|p| p["in"] == "query")
            .filter_map(|p| p["name"].as_str().map(str::to_owned))
            .collect();
        let has = |name: &str| query.iter().any(|q| q == name);
        if has("page[size]") && (has("page[number]") || has("page[offset]")) {
            pageable.push(id.clone());
        }
        if op.get("x-pagination").is_some() {
            marked.push(id);
        }
    }
    assert!(!marked.is_empty(), "no paginated operation in spec/");
    assert_eq!(marked, pageable, "x-pagination vs the operations with page[size] and page[number]/page[offset]");
}
