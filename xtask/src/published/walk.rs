//! The side-by-side walk: our schemas and the published ones, from each operation's request body
//! and responses, `$ref`s resolved on both sides, every difference collected with both pointers.

use std::collections::{BTreeSet, HashSet};

use serde_json::{Map, Value};

use crate::error::{Error, Result, join};

pub use crate::load::keys::PublishedKind as Kind;

/// One difference between spec/ and the published document.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Difference {
    /// Pointer into our merged spec of the node where the difference is (where an
    /// `x-departures` entry declaring it sits).
    pub ours: String,
    pub kind: Kind,
    /// Pointer into the published document.
    pub published: String,
    /// What differs, in words.
    pub message: String,
    /// Something only the published document has (a property, enum value, variant, status):
    /// not added to spec/ by rule, listed by `--verbose`.
    pub published_only: bool,
}

/// The walk's result: the differences, and every node of our spec that was compared.
#[derive(Debug, Default)]
pub struct Walk {
    pub differences: BTreeSet<Difference>,
    /// Pointers (positions and resolved schemas) of our spec that met a published counterpart.
    pub compared: HashSet<String>,
    /// Operations matched in the published document.
    pub operations: usize,
}

/// An empty map, for schemas without `properties` and operations without `responses`.
static EMPTY: std::sync::LazyLock<Map<String, Value>> = std::sync::LazyLock::new(Map::new);

const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// Compares every operation of `ours` (the merged spec) with `published`.
pub fn walk(ours: &Value, published: &Value) -> Result<Walk> {
    let mut walker = Walker {
        // The generator reads no keyword beside a `$ref` (openapiv3 drops them); the published
        // document puts `nullable: true` beside some, as its own generators honour.
        ours: Side { root: ours, label: "spec", nullable_beside_ref: false },
        published: Side { root: published, label: "published document", nullable_beside_ref: true },
        visited: HashSet::new(),
        out: Walk::default(),
    };
    let published_paths = published_paths(published);
    let our_paths = ours.get("paths").and_then(Value::as_object).unwrap_or(&EMPTY);
    for (path, item) in our_paths {
        let path_pointer = join("/paths", path);
        let Some(item) = item.as_object() else { continue };
        for (method, op) in item {
            if !METHODS.contains(&method.as_str()) {
                continue;
            }
            let op_pointer = join(&path_pointer, method);
            let found = published_paths.iter().find(|(template, _)| *template == normalize(path)).and_then(
                |(_, published_path)| {
                    published
                        .pointer(&join("/paths", published_path))
                        .and_then(|i| i.get(method.as_str()))
                        .map(|published_op| (join(&join("/paths", published_path), method), published_op))
                },
            );
            let Some((published_pointer, published_op)) = found else {
                walker.difference(
                    Kind::Operation,
                    &op_pointer,
                    "",
                    format!("{} {path}: not in the published document", method.to_uppercase()),
                    false,
                );
                continue;
            };
            walker.out.operations += 1;
            walker.out.compared.insert(op_pointer.clone());
            walker.operation(&op_pointer, op, &published_pointer, published_op)?;
        }
    }
    Ok(walker.out)
}

/// The published paths with their templates normalized (`/team/{}`), in document order.
fn published_paths(published: &Value) -> Vec<(String, String)> {
    let Some(paths) = published.get("paths").and_then(Value::as_object) else { return Vec::new() };
    paths.keys().map(|path| (normalize(path), path.clone())).collect()
}

/// A path with its parameter names dropped: `/api/v2/team/{team_id}` -> `/api/v2/team/{}`.
fn normalize(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_param = false;
    for c in path.chars() {
        match c {
            '{' => {
                in_param = true;
                out.push_str("{}");
            }
            '}' => in_param = false,
            _ if in_param => {}
            _ => out.push(c),
        }
    }
    out
}

/// One document, for resolving `$ref`s and naming the place of an error.
#[derive(Clone, Copy)]
struct Side<'a> {
    root: &'a Value,
    label: &'static str,
    /// Whether `nullable` beside a `$ref` counts.
    nullable_beside_ref: bool,
}

/// A node after following its `$ref`s: where it is, what it is, the name of the last schema
/// reference followed (None for an inline schema), and whether it is nullable at this position.
struct Resolved<'a> {
    pointer: String,
    node: &'a Value,
    name: Option<String>,
    nullable: bool,
}

impl<'a> Side<'a> {
    fn resolve(&self, pointer: &str, node: &'a Value) -> Result<Resolved<'a>> {
        let nullable = |node: &Value| node.get("nullable").and_then(Value::as_bool);
        let mut resolved = Resolved { pointer: pointer.to_owned(), node, name: None, nullable: false };
        let mut beside_ref = None;
        for _ in 0..64 {
            let Some(reference) = resolved.node.get("$ref") else {
                resolved.nullable = beside_ref.or(nullable(resolved.node)).unwrap_or(false);
                return Ok(resolved);
            };
            if self.nullable_beside_ref && beside_ref.is_none() {
                beside_ref = nullable(resolved.node);
            }
            let Some(target) = reference.as_str().and_then(|r| r.strip_prefix('#')) else {
                return Err(Error::new(
                    join(&resolved.pointer, "$ref"),
                    format!("{}: only local `$ref`s (`#/...`) are supported, found {reference}", self.label),
                ));
            };
            let node = self.root.pointer(target).ok_or_else(|| {
                Error::new(join(&resolved.pointer, "$ref"), format!("{}: unresolved $ref `#{target}`", self.label))
            })?;
            if let Some(name) = target.strip_prefix("/components/schemas/") {
                resolved.name = Some(name.replace("~1", "/").replace("~0", "~"));
            }
            resolved = Resolved { pointer: target.to_owned(), node, name: resolved.name, nullable: false };
        }
        Err(Error::new(pointer, format!("{}: a cycle of `$ref`s", self.label)))
    }
}

struct Walker<'a> {
    ours: Side<'a>,
    published: Side<'a>,
    /// Pairs of resolved schemas (our pointer, published pointer) already compared: recursive
    /// schemas end here.
    visited: HashSet<(String, String)>,
    out: Walk,
}

impl<'a> Walker<'a> {
    fn difference(&mut self, kind: Kind, ours: &str, published: &str, message: String, published_only: bool) {
        self.out.differences.insert(Difference {
            ours: ours.to_owned(),
            kind,
            published: published.to_owned(),
            message,
            published_only,
        });
    }

    fn operation(&mut self, op_pointer: &str, op: &'a Value, pub_pointer: &str, pub_op: &'a Value) -> Result<()> {
        // Request body.
        match (op.get("requestBody"), pub_op.get("requestBody")) {
            (Some(body), Some(pub_body)) => {
                let body = self.ours.resolve(&join(op_pointer, "requestBody"), body)?;
                let pub_body = self.published.resolve(&join(pub_pointer, "requestBody"), pub_body)?;
                let required = |b: &Value| b.get("required").and_then(Value::as_bool).unwrap_or(false);
                if required(body.node) != required(pub_body.node) {
                    self.difference(
                        Kind::Required,
                        &body.pointer,
                        &pub_body.pointer,
                        format!(
                            "request body: required {} here, {} in the published document",
                            required(body.node),
                            required(pub_body.node)
                        ),
                        false,
                    );
                }
                self.content(&body.pointer, body.node, &pub_body.pointer, pub_body.node, "request body")?;
            }
            (Some(_), None) => self.difference(
                Kind::Status,
                &join(op_pointer, "requestBody"),
                pub_pointer,
                "request body: the published document has none".into(),
                false,
            ),
            (None, Some(_)) => self.difference(
                Kind::Status,
                op_pointer,
                &join(pub_pointer, "requestBody"),
                "request body: only in the published document".into(),
                true,
            ),
            (None, None) => {}
        }
        // Responses, by status.
        let responses = op.get("responses").and_then(Value::as_object).unwrap_or(&EMPTY);
        let pub_responses = pub_op.get("responses").and_then(Value::as_object).unwrap_or(&EMPTY);
        let responses_pointer = join(op_pointer, "responses");
        let pub_responses_pointer = join(pub_pointer, "responses");
        for (status, response) in responses {
            let pointer = join(&responses_pointer, status);
            let Some(pub_response) = pub_responses.get(status) else {
                self.difference(
                    Kind::Status,
                    &pointer,
                    &pub_responses_pointer,
                    format!("response {status}: not in the published document"),
                    false,
                );
                continue;
            };
            let response = self.ours.resolve(&pointer, response)?;
            let pub_response = self.published.resolve(&join(&pub_responses_pointer, status), pub_response)?;
            self.out.compared.insert(pointer);
            self.content(
                &response.pointer,
                response.node,
                &pub_response.pointer,
                pub_response.node,
                &format!("response {status}"),
            )?;
        }
        for status in pub_responses.keys().filter(|s| !responses.contains_key(*s)) {
            self.difference(
                Kind::Status,
                &responses_pointer,
                &join(&pub_responses_pointer, status),
                format!("response {status}: only in the published document"),
                true,
            );
        }
        Ok(())
    }

    /// A request body or response: its `application/json` schemas.
    fn content(
        &mut self,
        pointer: &str,
        node: &'a Value,
        pub_pointer: &str,
        pub_node: &'a Value,
        what: &str,
    ) -> Result<()> {
        const JSON: &str = "application/json";
        let schema = node.get("content").and_then(|c| c.get(JSON)).and_then(|m| m.get("schema"));
        let pub_schema = pub_node.get("content").and_then(|c| c.get(JSON)).and_then(|m| m.get("schema"));
        let media = join(&join(pointer, "content"), JSON);
        let pub_media = join(&join(pub_pointer, "content"), JSON);
        match (schema, pub_schema) {
            (Some(schema), Some(pub_schema)) => {
                self.schema(&join(&media, "schema"), schema, &join(&pub_media, "schema"), pub_schema)?
            }
            (Some(_), None) => self.difference(
                Kind::Status,
                &media,
                pub_pointer,
                format!("{what}: no {JSON} body in the published document"),
                false,
            ),
            (None, Some(_)) => self.difference(
                Kind::Status,
                pointer,
                &pub_media,
                format!("{what}: a {JSON} body only in the published document"),
                true,
            ),
            (None, None) => {}
        }
        Ok(())
    }

    /// Two schemas at the same position (`pointer` in our spec, `pub_pointer` in the published one).
    fn schema(&mut self, pointer: &str, node: &'a Value, pub_pointer: &str, pub_node: &'a Value) -> Result<()> {
        let ours = self.ours.resolve(pointer, node)?;
        let published = self.published.resolve(pub_pointer, pub_node)?;
        match (&ours.name, &published.name) {
            (Some(name), Some(pub_name)) if name != pub_name => self.difference(
                Kind::Name,
                pointer,
                &published.pointer,
                format!("schema `{name}` here, `{pub_name}` in the published document"),
                false,
            ),
            (None, Some(pub_name)) => self.difference(
                Kind::Name,
                pointer,
                &published.pointer,
                format!("an inline schema here, the shared schema `{pub_name}` in the published document"),
                false,
            ),
            _ => {}
        }
        // Nullability belongs to the position when the published document sets it beside a
        // `$ref`; the difference is located where our flag is (the resolved schema).
        if ours.nullable != published.nullable {
            let (here, there) =
                if published.nullable { ("not nullable", "nullable") } else { ("nullable", "not nullable") };
            self.difference(
                Kind::Nullable,
                &ours.pointer,
                &published.pointer,
                format!("{here} here, {there} in the published document"),
                false,
            );
        }
        self.out.compared.insert(pointer.to_owned());
        self.out.compared.insert(ours.pointer.clone());
        if !self.visited.insert((ours.pointer.clone(), published.pointer.clone())) {
            return Ok(());
        }
        self.resolved(pointer, &ours.pointer, ours.node, &published.pointer, published.node)
    }

    /// Two resolved schemas, compared once per pair; `position` is where the walk met them in
    /// our spec (the property, items, ... node, which may be a `$ref` to `pointer`).
    fn resolved(
        &mut self,
        position: &str,
        pointer: &str,
        ours: &'a Value,
        pub_pointer: &str,
        published: &'a Value,
    ) -> Result<()> {
        let our_shape = shape(ours);
        let pub_shape = shape(published);
        if our_shape != pub_shape {
            // A level one side has and the other lacks: an object with one property whose schema
            // takes the place of the other side's schema.
            if let Some((level, inner)) = single_property(published).filter(|_| pub_shape == "object") {
                self.difference(
                    Kind::Nesting,
                    position,
                    pub_pointer,
                    format!("the published document has an extra object level `{level}` here (`{{\"{level}\": ...}}`)"),
                    false,
                );
                let inner_pointer = join(&join(pub_pointer, "properties"), level);
                return self.schema(position, ours, &inner_pointer, inner);
            }
            if let Some((level, inner)) = single_property(ours).filter(|_| our_shape == "object") {
                self.difference(
                    Kind::Nesting,
                    position,
                    pub_pointer,
                    format!("an extra object level `{level}` here that the published document lacks"),
                    false,
                );
                let inner_pointer = join(&join(pointer, "properties"), level);
                return self.schema(&inner_pointer, inner, pub_pointer, published);
            }
            self.difference(
                Kind::Type,
                pointer,
                pub_pointer,
                format!("{our_shape} here, {pub_shape} in the published document"),
                false,
            );
            return Ok(());
        }
        let format = |s: &Value| s.get("format").and_then(Value::as_str).map(str::to_owned);
        if format(ours) != format(published) {
            let show = |f: Option<String>| f.map_or_else(|| "no format".to_owned(), |f| format!("format `{f}`"));
            self.difference(
                Kind::Type,
                pointer,
                pub_pointer,
                format!(
                    "{our_shape} with {} here, {} in the published document",
                    show(format(ours)),
                    show(format(published))
                ),
                false,
            );
        }
        self.enumeration(pointer, ours, pub_pointer, published);
        match our_shape {
            "object" => self.object(pointer, ours, pub_pointer, published)?,
            "array" => match (ours.get("items"), published.get("items")) {
                (Some(items), Some(pub_items)) => {
                    self.schema(&join(pointer, "items"), items, &join(pub_pointer, "items"), pub_items)?
                }
                (Some(_), None) | (None, Some(_)) => {
                    self.difference(Kind::Type, pointer, pub_pointer, "`items` on one side only".into(), false)
                }
                (None, None) => {}
            },
            "oneOf" => self.variants(pointer, ours, pub_pointer, published)?,
            _ => {}
        }
        Ok(())
    }

    fn enumeration(&mut self, pointer: &str, ours: &Value, pub_pointer: &str, published: &Value) {
        let values = |s: &Value| s.get("enum").and_then(Value::as_array).cloned();
        let (Some(values), pub_values) = (values(ours), values(published)) else {
            if published.get("enum").is_some() {
                self.difference(
                    Kind::Enum,
                    pointer,
                    pub_pointer,
                    "no enum here, an enum in the published document".into(),
                    false,
                );
            }
            return;
        };
        let Some(pub_values) = pub_values else {
            self.difference(
                Kind::Enum,
                pointer,
                pub_pointer,
                "an enum here, none in the published document".into(),
                false,
            );
            return;
        };
        let show = |v: &Value| v.as_str().map_or_else(|| v.to_string(), |s| format!("`{s}`"));
        let ours_only: Vec<String> = values.iter().filter(|v| !pub_values.contains(v)).map(show).collect();
        if !ours_only.is_empty() {
            self.difference(
                Kind::Enum,
                pointer,
                &join(pub_pointer, "enum"),
                format!("enum value(s) {} not in the published document", ours_only.join(", ")),
                false,
            );
        }
        let pub_only: Vec<String> = pub_values.iter().filter(|v| !values.contains(v)).map(show).collect();
        if !pub_only.is_empty() {
            self.difference(
                Kind::Enum,
                pointer,
                &join(pub_pointer, "enum"),
                format!("enum value(s) {} only in the published document", pub_only.join(", ")),
                true,
            );
        }
    }

    fn object(&mut self, pointer: &str, ours: &'a Value, pub_pointer: &str, published: &'a Value) -> Result<()> {
        let properties = ours.get("properties").and_then(Value::as_object).unwrap_or(&EMPTY);
        let pub_properties = published.get("properties").and_then(Value::as_object).unwrap_or(&EMPTY);
        let required = |s: &Value, name: &str| {
            s.get("required").and_then(Value::as_array).is_some_and(|r| r.iter().any(|v| v.as_str() == Some(name)))
        };
        for (name, property) in properties {
            let property_pointer = join(&join(pointer, "properties"), name);
            let pub_property_pointer = join(&join(pub_pointer, "properties"), name);
            let Some(pub_property) = pub_properties.get(name) else {
                self.difference(
                    Kind::Field,
                    &property_pointer,
                    pub_pointer,
                    format!("property `{name}`: not in the published document"),
                    false,
                );
                continue;
            };
            let (here, there) = (required(ours, name), required(published, name));
            if here != there {
                let word = |r: bool| if r { "required" } else { "optional" };
                self.difference(
                    Kind::Required,
                    &property_pointer,
                    &join(pub_pointer, "required"),
                    format!("property `{name}`: {} here, {} in the published document", word(here), word(there)),
                    false,
                );
            }
            self.schema(&property_pointer, property, &pub_property_pointer, pub_property)?;
        }
        for name in pub_properties.keys().filter(|name| !properties.contains_key(*name)) {
            let note = if required(published, name) { " (required there)" } else { "" };
            self.difference(
                Kind::Field,
                pointer,
                &join(&join(pub_pointer, "properties"), name),
                format!("property `{name}`: only in the published document{note}"),
                true,
            );
        }
        let map_values = |s: &'a Value| s.get("additionalProperties").filter(|v| v.is_object());
        if let (Some(values), Some(pub_values)) = (map_values(ours), map_values(published)) {
            self.schema(
                &join(pointer, "additionalProperties"),
                values,
                &join(pub_pointer, "additionalProperties"),
                pub_values,
            )?;
        }
        Ok(())
    }

    /// `oneOf` variants, matched by schema name, else by their `type` value.
    fn variants(&mut self, pointer: &str, ours: &'a Value, pub_pointer: &str, published: &'a Value) -> Result<()> {
        let list = |s: &'a Value| s.get("oneOf").and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[]);
        let mut pub_keys = Vec::new();
        for (i, variant) in list(published).iter().enumerate() {
            let at = join(&join(pub_pointer, "oneOf"), &i.to_string());
            let resolved = self.published.resolve(&at, variant)?;
            pub_keys.push((at, variant, resolved.name.clone(), type_value(self.published, resolved.node)?));
        }
        let mut matched = vec![false; pub_keys.len()];
        for (i, variant) in list(ours).iter().enumerate() {
            let at = join(&join(pointer, "oneOf"), &i.to_string());
            let resolved = self.ours.resolve(&at, variant)?;
            let tag = type_value(self.ours, resolved.node)?;
            let found = pub_keys
                .iter()
                .position(|(_, _, name, _)| name.is_some() && *name == resolved.name)
                .or_else(|| pub_keys.iter().position(|(_, _, _, pub_tag)| tag.is_some() && *pub_tag == tag));
            match found {
                Some(j) => {
                    matched[j] = true;
                    let (pub_at, pub_variant, _, _) = &pub_keys[j];
                    self.schema(&at, variant, &pub_at.clone(), pub_variant)?;
                }
                None => self.difference(
                    Kind::Variant,
                    &at,
                    pub_pointer,
                    format!("variant {}: not in the published document", describe(&resolved.name, &tag)),
                    false,
                ),
            }
        }
        for (j, (pub_at, _, name, tag)) in pub_keys.iter().enumerate() {
            if !matched[j] {
                self.difference(
                    Kind::Variant,
                    pointer,
                    pub_at,
                    format!("variant {}: only in the published document", describe(name, tag)),
                    true,
                );
            }
        }
        Ok(())
    }
}

fn describe(name: &Option<String>, tag: &Option<String>) -> String {
    match (name, tag) {
        (Some(name), _) => format!("`{name}`"),
        (None, Some(tag)) => format!("with type `{tag}`"),
        (None, None) => "(inline)".into(),
    }
}

/// The single value of a variant's `type` property enum, if it has one.
fn type_value(side: Side<'_>, schema: &Value) -> Result<Option<String>> {
    let Some(property) = schema.get("properties").and_then(|p| p.get("type")) else { return Ok(None) };
    let resolved = side.resolve("", property)?;
    Ok(resolved
        .node
        .get("enum")
        .and_then(Value::as_array)
        .filter(|values| values.len() == 1)
        .and_then(|values| values[0].as_str())
        .map(str::to_owned))
}

/// What kind of schema this is: its `type`, `oneOf`/`anyOf`/`allOf`, `object` for bare
/// properties, `any` for none.
fn shape(schema: &Value) -> &str {
    if let Some(t) = schema.get("type").and_then(Value::as_str) {
        return t;
    }
    for keyword in ["oneOf", "anyOf", "allOf"] {
        if schema.get(keyword).is_some() {
            return keyword;
        }
    }
    if schema.get("properties").is_some() { "object" } else { "any" }
}

/// The only property of an object schema.
fn single_property(schema: &Value) -> Option<(&str, &Value)> {
    let properties = schema.get("properties")?.as_object()?;
    if properties.len() != 1 {
        return None;
    }
    properties.iter().next().map(|(name, value)| (name.as_str(), value))
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::{Kind, normalize, walk};

    /// A document with one operation `GET /things/{id}` whose 200 response is `schema`, plus `schemas`.
    fn doc(param: &str, schema: Value, schemas: Value) -> Value {
        json!({
            "paths": {format!("/things/{{{param}}}"): {"get": {"responses": {"200": {
                "description": "OK",
                "content": {"application/json": {"schema": schema}}
            }}}}},
            "components": {"schemas": schemas}
        })
    }

    /// (kind, our pointer, published pointer, published only) of each difference.
    fn differences(ours: &Value, published: &Value) -> Vec<(Kind, String, String, bool)> {
        let walk = walk(ours, published).unwrap();
        assert_eq!(walk.operations, 1);
        walk.differences.into_iter().map(|d| (d.kind, d.ours, d.published, d.published_only)).collect()
    }

    const RESPONSE: &str = "/paths/~1things~1{id}/get/responses/200/content/application~1json/schema";

    #[test]
    fn recursive_schemas_are_compared_once_and_the_walk_ends() {
        let node = |extra: Value| {
            let mut node = json!({"type": "object", "properties": {
                "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}}
            }});
            node["properties"].as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
            json!({"Node": node})
        };
        let ours = doc("id", json!({"$ref": "#/components/schemas/Node"}), node(json!({"name": {"type": "string"}})));
        let published = doc(
            "thing_id",
            json!({"$ref": "#/components/schemas/Node"}),
            node(json!({"name": {"type": "string", "nullable": true}})),
        );
        assert_eq!(
            differences(&ours, &published),
            [(
                Kind::Nullable,
                "/components/schemas/Node/properties/name".to_owned(),
                "/components/schemas/Node/properties/name".to_owned(),
                false
            )]
        );
    }

    #[test]
    fn a_level_only_we_have_is_a_nesting_difference_at_the_property() {
        let targets = json!({"type": "array", "items": {"type": "string"}});
        let ours = doc(
            "id",
            json!({"type": "object", "properties": {"targets": {"type": "object", "properties": {"data": targets}}}}),
            json!({}),
        );
        let published = doc("id", json!({"type": "object", "properties": {"targets": targets}}), json!({}));
        let at = format!("{RESPONSE}/properties/targets");
        assert_eq!(differences(&ours, &published), [(Kind::Nesting, at.clone(), at, false)]);
    }

    #[test]
    fn variants_match_by_name_or_type_value_and_extra_ones_are_published_only() {
        let variant = |t: &str| json!({"type": "object", "properties": {"type": {"type": "string", "enum": [t]}}});
        let ours = doc(
            "id",
            json!({"oneOf": [{"$ref": "#/components/schemas/A"}, {"$ref": "#/components/schemas/B"}]}),
            json!({"A": variant("a"), "B": variant("b")}),
        );
        let published = doc(
            "id",
            json!({"oneOf": [
                {"$ref": "#/components/schemas/Bee"},
                {"$ref": "#/components/schemas/A"},
                {"$ref": "#/components/schemas/C"}
            ]}),
            json!({"A": variant("a"), "Bee": variant("b"), "C": variant("c")}),
        );
        assert_eq!(
            differences(&ours, &published),
            [
                (Kind::Variant, RESPONSE.to_owned(), format!("{RESPONSE}/oneOf/2"), true),
                (Kind::Name, format!("{RESPONSE}/oneOf/1"), "/components/schemas/Bee".to_owned(), false),
            ]
        );
    }

    #[test]
    fn nullable_beside_a_published_ref_counts() {
        let r = json!({"R": {"type": "object", "properties": {"id": {"type": "string"}}}});
        let ours = doc("id", json!({"$ref": "#/components/schemas/R"}), r.clone());
        let published = doc("id", json!({"$ref": "#/components/schemas/R", "nullable": true}), r);
        let found: Vec<_> =
            walk(&ours, &published).unwrap().differences.into_iter().map(|d| (d.kind, d.ours, d.message)).collect();
        assert_eq!(
            found,
            [(
                Kind::Nullable,
                "/components/schemas/R".to_owned(),
                "not nullable here, nullable in the published document".to_owned()
            )]
        );
    }

    #[test]
    fn enum_values_on_each_side() {
        let ours = doc("id", json!({"type": "string", "enum": ["a", "b"]}), json!({}));
        let published = doc("id", json!({"type": "string", "enum": ["a", "c"]}), json!({}));
        let enums: Vec<_> = walk(&ours, &published)
            .unwrap()
            .differences
            .into_iter()
            .map(|d| (d.kind, d.message, d.published_only))
            .collect();
        assert_eq!(
            enums,
            [
                (Kind::Enum, "enum value(s) `b` not in the published document".to_owned(), false),
                (Kind::Enum, "enum value(s) `c` only in the published document".to_owned(), true),
            ]
        );
    }

    #[test]
    fn path_templates_match_whatever_their_parameter_names() {
        assert_eq!(normalize("/api/v2/team/{team_id}/links/{link_id}"), "/api/v2/team/{}/links/{}");
    }
}
