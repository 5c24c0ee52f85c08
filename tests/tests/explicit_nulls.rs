//! Explicit `null`s, for every model: the API sends `null` in fields the documentation shows as
//! plain optional, and a caller who re-encodes a response (to cache, forward or diff it) must get
//! the same JSON back.
//!
//! From the spec's lowered IR, a JSON document is built for every request and response type with
//! every field present (each array holding one item of each `oneOf` variant; single `oneOf`
//! values take each variant in turn over several documents). Then each optional field of each
//! object in it is set to `null` in turn, and the whole document must decode and re-encode to
//! exactly that JSON; every optional field of every struct model is reached this way (checked).

use std::collections::{BTreeMap, BTreeSet};

use datadog_v2_client::models::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use xtask::ir::{Api, EnumRepr, TypeKind, TypeRef, Union};

type RoundTrip = fn(&Value) -> Result<Value, String>;

fn round_trip<T: DeserializeOwned + Serialize>(value: &Value) -> Result<Value, String> {
    let decoded: T = serde_json::from_str(&value.to_string()).map_err(|e| e.to_string())?;
    serde_json::to_value(&decoded).map_err(|e| format!("does not encode: {e}"))
}

macro_rules! roots {
    ($($id:ident { request: [$($request:ident)?], success: [$($status:literal $success:ident)?], errors: [$($error:literal),*] })*) => {
        /// Every request body and response type of an operation, and the error body (with
        /// repeats: each type is checked once, see [`roots`]).
        const ROOTS: &[(&str, RoundTrip)] = &[
            ("APIErrorResponse", round_trip::<APIErrorResponse>),
            $($((stringify!($request), round_trip::<$request>),)? $((stringify!($success), round_trip::<$success>),)?)*
        ];
    };
}

// The operations and their types come from the generated table (so from the spec): a new
// operation's types are checked with no edit here.
datadog_v2_client::__for_each_operation!(roots);

/// [`ROOTS`], each type once.
fn roots() -> Vec<(&'static str, RoundTrip)> {
    let mut seen = BTreeSet::new();
    ROOTS.iter().filter(|(name, _)| seen.insert(*name)).copied().collect()
}

fn api() -> Api {
    let spec = xtask::load::load_dir(&xtask::default_paths().0).expect("the spec loads");
    xtask::lower::lower(&spec).expect("the spec lowers")
}

/// A field of a struct, where it sits in a built document.
struct Member {
    pointer: String,
    owner: String,
    field: String,
    optional: bool,
}

/// Builds documents from the IR: every field present, with plain values.
struct Builder<'a> {
    types: BTreeMap<&'a str, &'a TypeKind>,
    /// Which variant single `oneOf` values take in this document.
    turn: usize,
    members: Vec<Member>,
}

impl<'a> Builder<'a> {
    fn new(api: &'a Api, turn: usize) -> Self {
        Builder { types: api.types.iter().map(|t| (t.name.as_str(), &t.kind)).collect(), turn, members: Vec::new() }
    }

    fn value(&mut self, ty: &TypeRef, at: &str, depth: usize) -> Value {
        assert!(depth < 40, "{at}: the types nest too deep to build");
        match ty {
            TypeRef::String => json!("text"),
            TypeRef::Int32 | TypeRef::Int64 | TypeRef::UInt64 => json!(7),
            TypeRef::Bytes => json!("bytes"),
            TypeRef::Boxed(inner) => self.value(inner, at, depth + 1),
            TypeRef::Float | TypeRef::Double => json!(1.5),
            TypeRef::Bool => json!(true),
            TypeRef::DateTime => json!("2024-01-02T03:04:05Z"),
            TypeRef::Any => json!({ "any": [1, "two"] }),
            TypeRef::Map(item) => json!({ "key": self.value(item, &format!("{at}/key"), depth + 1) }),
            TypeRef::Array(item) => {
                let variants = match item.as_ref() {
                    TypeRef::Named(name) => match self.types[name.as_str()] {
                        TypeKind::Union(Union::Tagged(variants)) => variants.len(),
                        _ => 1,
                    },
                    _ => 1,
                };
                let items = (0..variants)
                    .map(|i| {
                        let at = format!("{at}/{i}");
                        match item.as_ref() {
                            TypeRef::Named(name) => self.named(name, &at, depth + 1, Some(i)),
                            other => self.value(other, &at, depth + 1),
                        }
                    })
                    .collect();
                Value::Array(items)
            }
            TypeRef::Named(name) => self.named(name, at, depth + 1, None),
        }
    }

    fn named(&mut self, name: &str, at: &str, depth: usize, variant: Option<usize>) -> Value {
        match self.types[name] {
            TypeKind::Struct(s) => {
                let mut object = serde_json::Map::new();
                for field in &s.fields {
                    let pointer = format!("{at}/{}", field.json_name.replace('~', "~0").replace('/', "~1"));
                    let value = self.value(&field.ty, &pointer, depth + 1);
                    self.members.push(Member {
                        pointer,
                        owner: name.to_owned(),
                        field: field.json_name.clone(),
                        optional: !field.required || field.nullable,
                    });
                    object.insert(field.json_name.clone(), value);
                }
                Value::Object(object)
            }
            TypeKind::Enum(e) => match e.repr {
                EnumRepr::String => json!(e.values[0].wire),
                EnumRepr::Int32 | EnumRepr::Int64 => json!(e.values[0].wire.parse::<i64>().expect("an integer")),
            },
            TypeKind::Union(Union::Tagged(variants)) => {
                let variant = &variants[variant.unwrap_or(self.turn) % variants.len()];
                let mut value = self.named(&variant.type_name, at, depth + 1, None);
                value["type"] = json!(variant.tag);
                value
            }
            TypeKind::Union(Union::Untagged(variants)) => {
                let variant = &variants[variant.unwrap_or(self.turn) % variants.len()];
                self.value(&variant.ty, at, depth + 1)
            }
            TypeKind::Alias(ty) => self.value(ty, at, depth + 1),
        }
    }
}

fn with_nulls(value: &Value, pointers: &[&str]) -> Value {
    let mut value = value.clone();
    for pointer in pointers {
        *value.pointer_mut(pointer).expect("a member of the document") = Value::Null;
    }
    value
}

#[test]
fn the_roots_are_every_request_and_response_type() {
    let api = api();
    let mut from_spec: BTreeSet<String> = ["APIErrorResponse".to_owned()].into();
    for op in api.groups.iter().flat_map(|g| &g.operations) {
        for ty in op.success.json_types().into_iter().chain(op.body.as_ref().map(|b| &b.ty)) {
            match ty {
                TypeRef::Named(name) => from_spec.insert(name.clone()),
                other => panic!("{}: a body that is not a named model: {other:?}", op.id),
            };
        }
    }
    let listed: BTreeSet<String> = roots().iter().map(|(name, _)| (*name).to_owned()).collect();
    assert_eq!(listed, from_spec, "the generated operation table differs from the spec's body types");
}

#[test]
fn every_optional_field_of_every_model_round_trips_an_explicit_null() {
    let api = api();
    let turns = api
        .types
        .iter()
        .filter_map(|t| match &t.kind {
            TypeKind::Union(Union::Tagged(v)) => Some(v.len()),
            TypeKind::Union(Union::Untagged(v)) => Some(v.len()),
            _ => None,
        })
        .max()
        .unwrap_or(1);
    let mut failures = Vec::new();
    let mut checked: BTreeSet<(String, String)> = BTreeSet::new();
    for (root, round_trip) in roots() {
        for turn in 0..turns {
            let mut builder = Builder::new(&api, turn);
            let document = builder.value(&TypeRef::Named(root.to_owned()), "", 0);
            match round_trip(&document) {
                Ok(again) if again == document => {}
                other => {
                    failures.push(format!("{root}: the built document does not round-trip: {other:?}\n{document}"));
                    continue;
                }
            }
            let optional: Vec<&Member> = builder.members.iter().filter(|m| m.optional).collect();
            for member in &optional {
                let expected = with_nulls(&document, &[&member.pointer]);
                match round_trip(&expected) {
                    Ok(again) if again == expected => {
                        checked.insert((member.owner.clone(), member.field.clone()));
                    }
                    Ok(again) => failures.push(format!(
                        "{root}: {}.{} null at {} re-encodes as {:?}",
                        member.owner,
                        member.field,
                        member.pointer,
                        again.pointer(&member.pointer)
                    )),
                    Err(e) => failures
                        .push(format!("{root}: {}.{} null at {}: {e}", member.owner, member.field, member.pointer)),
                }
            }
            // All at once, the innermost: a `null` parent would hide its fields.
            let innermost: Vec<&str> = optional
                .iter()
                .map(|m| m.pointer.as_str())
                .filter(|p| !optional.iter().any(|q| q.pointer.starts_with(&format!("{p}/"))))
                .collect();
            let expected = with_nulls(&document, &innermost);
            match round_trip(&expected) {
                Ok(again) if again == expected => {}
                other => failures.push(format!("{root}: {} nulls at once: {other:?}", innermost.len())),
            }
        }
    }
    assert!(failures.is_empty(), "{} failure(s):\n{}", failures.len(), failures.join("\n"));
    // Every optional field of every struct model was set to null somewhere.
    let all: BTreeSet<(String, String)> = api
        .types
        .iter()
        .filter_map(|t| match &t.kind {
            TypeKind::Struct(s) => Some((t.name.clone(), s)),
            _ => None,
        })
        .flat_map(|(name, s)| {
            s.fields.iter().filter(|f| !f.required || f.nullable).map(move |f| (name.clone(), f.json_name.clone()))
        })
        .collect();
    let missed: Vec<&(String, String)> = all.difference(&checked).collect();
    assert!(missed.is_empty(), "optional fields no built document reached: {missed:?}");
    let structs = api.types.iter().filter(|t| matches!(t.kind, TypeKind::Struct(_))).count();
    eprintln!("{} optional fields of {structs} struct models checked", checked.len());
}

/// What the bit does: only `null` that arrived is written back; a field set by the caller, or a
/// value built in code, is written as before; `clear` forgets the nulls.
#[test]
fn explicit_nulls_follow_the_field() {
    let json = r#"{"handle":"h","link_count":null,"name":"n","user_count":null}"#;
    let mut attributes: TeamAttributes = serde_json::from_str(json).unwrap();
    assert_eq!(attributes.link_count, None, "the field type is unchanged: Option<i32>");
    assert!(!attributes.extra.explicit_nulls().is_empty());
    assert_eq!(serde_json::to_value(&attributes).unwrap(), serde_json::from_str::<Value>(json).unwrap());
    attributes.user_count = Some(3);
    assert_eq!(
        serde_json::to_value(&attributes).unwrap(),
        json!({ "handle": "h", "name": "n", "link_count": null, "user_count": 3 })
    );
    attributes.extra.explicit_nulls_mut().clear();
    attributes.user_count = None;
    assert_eq!(serde_json::to_value(&attributes).unwrap(), json!({ "handle": "h", "name": "n" }));
    // Built in code: `None` is absent, as before.
    let built = TeamAttributes::new("h", "n");
    assert_eq!(serde_json::to_value(&built).unwrap(), json!({ "handle": "h", "name": "n" }));
    // The fields the issue lists, in a team list response.
    let body = json!({
        "data": [{ "id": "t", "type": "team",
            "attributes": { "handle": "h", "name": "n", "description": null, "summary": null,
                            "hidden_modules": null, "visible_modules": null },
            "relationships": { "user_team_permissions": { "data": null } } }],
        "links": { "prev": null, "last": null }
    });
    let teams: TeamsResponse = serde_json::from_value(body.clone()).unwrap();
    assert_eq!(serde_json::to_value(&teams).unwrap(), body);
}
