//! Robustness: hostile or broken input gives errors, never panics, stack overflows or lost data.
//!
//! - every response type an operation returns (and `APIErrorResponse`) is fed arbitrary bytes,
//!   arbitrary JSON and broken copies of the documentation's examples, through both
//!   `serde_json::from_slice` and the client's own decode path;
//! - those examples, mutated (unknown fields, unknown values, nulls, removed and replaced
//!   members), round-trip: decode, encode, decode again gives the same value and the same JSON,
//!   and the unknown fields are written back;
//! - the generator is fed truncated, mangled and random YAML through `load_sources` + `lower_doc`;
//! - 10,000-deep nesting is kept (in unknown JSON, as its text) or refused (in known fields),
//!   never a stack overflow, and a 100,000-item `data` array decodes.
//!
//! Case counts are bounded so that the whole file runs in a few seconds in a debug build.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use datadog_v2_client::models::*;
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};

// ---- the response types ------------------------------------------------------------------

/// What the tests do with one model type.
#[derive(Clone, Copy)]
struct Codec {
    name: &'static str,
    /// Decodes `bytes` both ways the crate does; `true` if it decoded.
    decode: fn(&[u8]) -> bool,
    /// Decode, encode, decode, encode: `Ok(None)` if `value` does not decode, `Ok(Some(json))`
    /// if it does and the second round gives the same value and the same JSON.
    round_trip: fn(&Value) -> Result<Option<Value>, String>,
}

macro_rules! codecs {
    ($($id:ident { request: [$($request:ident)?], success: [$($status:literal $success:ident)?], errors: [$($error:literal),*] })*) => {
        /// The success type of every operation (once per operation) and the error body.
        const CODECS: &[Codec] = &[
            Codec { name: "APIErrorResponse", decode: decode::<APIErrorResponse>, round_trip: round_trip::<APIErrorResponse> },
            $($(Codec { name: stringify!($success), decode: decode::<$success>, round_trip: round_trip::<$success> },)?)*
        ];
    };
}

// The operations and their types come from the generated table (so from the spec).
datadog_v2_client::__for_each_operation!(codecs);

/// Every response type of an operation, and the error body (`APIErrorResponse`), each once.
fn response_types() -> &'static [Codec] {
    static TYPES: std::sync::OnceLock<Vec<Codec>> = std::sync::OnceLock::new();
    TYPES.get_or_init(|| {
        let mut seen = BTreeSet::new();
        CODECS.iter().filter(|c| seen.insert(c.name)).copied().collect()
    })
}

fn decode<T: DeserializeOwned>(bytes: &[u8]) -> bool {
    let plain = serde_json::from_slice::<T>(bytes).is_ok();
    // What `Client::send_json` does with a 2xx body.
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let client = serde_path_to_error::deserialize::<_, T>(&mut deserializer).is_ok() && deserializer.end().is_ok();
    assert_eq!(plain, client, "{}: from_slice and the client path disagree", std::any::type_name::<T>());
    plain
}

fn round_trip<T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug>(
    value: &Value,
) -> Result<Option<Value>, String> {
    let text = serde_json::to_vec(value).expect("JSON values encode");
    let Ok(first) = serde_json::from_slice::<T>(&text) else { return Ok(None) };
    let encoded = serde_json::to_vec(&first).map_err(|e| format!("does not encode: {e}"))?;
    let second: T = serde_json::from_slice(&encoded)
        .map_err(|e| format!("its own encoding does not decode: {e}\n{}", String::from_utf8_lossy(&encoded)))?;
    if first != second {
        return Err(format!("decodes differently after a round trip:\n{first:?}\n{second:?}"));
    }
    let reencoded = serde_json::to_vec(&second).map_err(|e| format!("does not encode twice: {e}"))?;
    let (once, twice): (Value, Value) =
        (serde_json::from_slice(&encoded).unwrap(), serde_json::from_slice(&reencoded).unwrap());
    if once != twice {
        return Err(format!("encodes differently after a round trip:\n{once}\n{twice}"));
    }
    Ok(Some(once))
}

fn codec(name: &str) -> &'static Codec {
    response_types().iter().find(|c| c.name == name).unwrap_or_else(|| panic!("no codec for {name}"))
}

fn decode_everywhere(bytes: &[u8]) {
    for codec in response_types() {
        (codec.decode)(bytes);
    }
}

fn spec() -> &'static xtask::load::Spec {
    static SPEC: std::sync::OnceLock<xtask::load::Spec> = std::sync::OnceLock::new();
    SPEC.get_or_init(|| xtask::load::load_dir(&xtask::default_paths().0).expect("the spec loads"))
}

#[test]
fn response_type_list_is_complete() {
    let api = xtask::lower::lower(spec()).expect("the spec lowers");
    let mut from_spec: BTreeSet<String> = api
        .groups
        .iter()
        .flat_map(|g| &g.operations)
        .flat_map(|op| {
            op.success.json_types().into_iter().map(|ty| match ty {
                xtask::ir::TypeRef::Named(name) => name.clone(),
                other => panic!("{}: a response type that is not a named model: {other:?}", op.id),
            })
        })
        .collect();
    from_spec.insert("APIErrorResponse".into());
    let listed: BTreeSet<String> = response_types().iter().map(|c| c.name.to_owned()).collect();
    assert_eq!(listed, from_spec, "the generated operation table differs from the spec's response types");
}

// ---- seeds: the documentation's examples, by response type -------------------------------

/// `(type name, example JSON)` for every documentation example of a response: the success
/// examples under their operation's type, the error examples under `APIErrorResponse`.
fn seeds() -> &'static [(&'static str, Value)] {
    static SEEDS: std::sync::OnceLock<Vec<(&'static str, Value)>> = std::sync::OnceLock::new();
    SEEDS.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join("examples");
        let api = xtask::lower::lower(spec()).expect("the spec lowers");
        let mut seeds = Vec::new();
        for op in api.groups.iter().flat_map(|g| &g.operations) {
            for (status, ty) in op.success.json_bodies() {
                let xtask::ir::TypeRef::Named(name) = ty else { continue };
                let path = dir.join(format!("{}.{status}.json", op.id));
                if let Ok(text) = std::fs::read_to_string(&path) {
                    seeds.push((codec(name).name, serde_json::from_str(&text).expect("fixtures are JSON")));
                }
            }
            // One error example per operation is plenty: they all have the same shape.
            for status in [400, 403, 404] {
                if let Ok(text) = std::fs::read_to_string(dir.join(format!("{}.{status}.json", op.id))) {
                    seeds.push(("APIErrorResponse", serde_json::from_str(&text).expect("fixtures are JSON")));
                    break;
                }
            }
        }
        seeds
    })
}

#[test]
fn the_seeds_of_every_response_type_decode() {
    // A type without a documentation example is reported by `cargo xtask examples` and
    // `cargo xtask docs-check` (the page lacks the operation or its example), not here.
    let mut seeded = 0;
    for codec in response_types() {
        let mine: Vec<&Value> = seeds().iter().filter(|(name, _)| *name == codec.name).map(|(_, v)| v).collect();
        if mine.is_empty() {
            eprintln!("{}: no documentation example to seed from", codec.name);
        } else {
            seeded += 1;
        }
        for value in mine {
            assert!(
                (codec.round_trip)(value).expect("round trip").is_some(),
                "{}: its documentation example does not decode",
                codec.name
            );
        }
    }
    assert!(seeded > 0, "no response type has a documentation example: are the fixtures there?");
}

// ---- arbitrary input ---------------------------------------------------------------------

fn config(cases: u32) -> Config {
    Config { cases, failure_persistence: Some(Box::new(FileFailurePersistence::Off)), ..Config::default() }
}

/// Member names the models know (every field of every struct model of the spec), so that
/// arbitrary JSON reaches past the first level.
fn known_keys() -> Vec<String> {
    static KEYS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        let api = xtask::lower::lower(spec()).expect("the spec lowers");
        let keys: BTreeSet<String> = api
            .types
            .iter()
            .filter_map(|t| match &t.kind {
                xtask::ir::TypeKind::Struct(s) => Some(s.fields.iter().map(|f| f.json_name.clone())),
                _ => None,
            })
            .flatten()
            .collect();
        keys.into_iter().collect()
    })
    .clone()
}

/// The values of the spec's string enums (the resource `type` tags among them), so that
/// arbitrary JSON selects union variants and known enum values.
fn enum_values() -> Vec<String> {
    static VALUES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    VALUES
        .get_or_init(|| {
            let api = xtask::lower::lower(spec()).expect("the spec lowers");
            let values: BTreeSet<String> = api
                .types
                .iter()
                .filter_map(|t| match &t.kind {
                    xtask::ir::TypeKind::Enum(e) if e.repr == xtask::ir::EnumRepr::String => {
                        Some(e.values.iter().map(|v| v.wire.clone()))
                    }
                    _ => None,
                })
                .flatten()
                .collect();
            values.into_iter().collect()
        })
        .clone()
}

fn arb_key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::sample::select(known_keys()),
        1 => "[a-z_]{1,10}",
        1 => any::<String>(),
    ]
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter("JSON numbers are finite", |f| f.is_finite()).prop_map(Value::from),
        proptest::sample::select(enum_values()).prop_map(Value::from),
        Just(Value::from("2019-09-19T10:00:00.000Z")),
        any::<String>().prop_map(Value::from),
    ];
    leaf.prop_recursive(5, 48, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::vec((arb_key(), inner), 0..6)
                .prop_map(|members| Value::Object(members.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn arbitrary_bytes_are_errors_not_panics(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        decode_everywhere(&bytes);
    }

    #[test]
    fn arbitrary_json_is_an_error_or_a_value_not_a_panic(value in arb_json()) {
        decode_everywhere(&serde_json::to_vec(&value).unwrap());
        // Under a `data` member, so that the response structs look inside.
        decode_everywhere(&serde_json::to_vec(&json!({ "data": value })).unwrap());
    }

    #[test]
    fn broken_examples_are_errors_not_panics(
        seed in any::<prop::sample::Index>(),
        cut in any::<prop::sample::Index>(),
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4),
    ) {
        let (name, value) = seed.get(seeds());
        let mut bytes = serde_json::to_vec(value).unwrap();
        for (at, byte) in flips {
            let at = at.index(bytes.len());
            bytes[at] = byte;
        }
        bytes.truncate(cut.index(bytes.len() + 1));
        (codec(name).decode)(&bytes);
        decode_everywhere(&bytes);
    }
}

// ---- mutated examples round-trip ---------------------------------------------------------

/// One change to a JSON document, applied to the `target`-th object of the document (in
/// document order) and, where it needs one, to its `member`-th member.
#[derive(Clone, Debug)]
enum Mutation {
    /// A member the spec does not know (`x_` + name, so that it is never a known one).
    AddUnknown {
        target: prop::sample::Index,
        name: String,
        value: Value,
    },
    /// A string member replaced by another string: unknown enum values, odd ids.
    OtherString {
        target: prop::sample::Index,
        member: prop::sample::Index,
        value: String,
    },
    Null {
        target: prop::sample::Index,
        member: prop::sample::Index,
    },
    Remove {
        target: prop::sample::Index,
        member: prop::sample::Index,
    },
    Replace {
        target: prop::sample::Index,
        member: prop::sample::Index,
        value: Value,
    },
}

fn arb_mutation() -> impl Strategy<Value = Mutation> {
    let index = any::<prop::sample::Index>;
    prop_oneof![
        4 => (index(), "[a-z_]{1,8}", arb_json()).prop_map(|(target, name, value)| Mutation::AddUnknown { target, name: format!("x_{name}"), value }),
        2 => (index(), index(), any::<String>()).prop_map(|(target, member, value)| Mutation::OtherString { target, member, value }),
        1 => (index(), index()).prop_map(|(target, member)| Mutation::Null { target, member }),
        1 => (index(), index()).prop_map(|(target, member)| Mutation::Remove { target, member }),
        1 => (index(), index(), arb_json()).prop_map(|(target, member, value)| Mutation::Replace { target, member, value }),
    ]
}

/// JSON pointers of every object in `value`, in document order.
fn objects(value: &Value, pointer: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            out.push(pointer.clone());
            for (key, member) in map {
                objects(member, format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                objects(item, format!("{pointer}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// Applies `mutation`; returns the pointer of the member it added, for `AddUnknown`.
fn apply(document: &mut Value, mutation: &Mutation) -> Option<String> {
    let mut pointers = Vec::new();
    objects(document, String::new(), &mut pointers);
    let target = match mutation {
        Mutation::AddUnknown { target, .. }
        | Mutation::OtherString { target, .. }
        | Mutation::Null { target, .. }
        | Mutation::Remove { target, .. }
        | Mutation::Replace { target, .. } => target,
    };
    let pointer = target.get(&pointers).clone();
    let Value::Object(object) = document.pointer_mut(&pointer).expect("the pointer was just taken") else {
        unreachable!("objects() lists objects")
    };
    let member_key = |member: &prop::sample::Index, object: &Map<String, Value>| {
        (!object.is_empty()).then(|| object.keys().nth(member.index(object.len())).unwrap().clone())
    };
    match mutation {
        Mutation::AddUnknown { name, value, .. } => {
            object.insert(name.clone(), value.clone());
            return Some(format!("{pointer}/{name}"));
        }
        Mutation::OtherString { member, value, .. } => {
            if let Some(key) = member_key(member, object)
                && object[&key].is_string()
            {
                object[&key] = Value::String(value.clone());
            }
        }
        Mutation::Null { member, .. } => {
            if let Some(key) = member_key(member, object) {
                object[&key] = Value::Null;
            }
        }
        Mutation::Remove { member, .. } => {
            if let Some(key) = member_key(member, object) {
                object.remove(&key);
            }
        }
        Mutation::Replace { member, value, .. } => {
            if let Some(key) = member_key(member, object) {
                object[&key] = value.clone();
            }
        }
    }
    None
}

proptest! {
    #![proptest_config(config(192))]

    #[test]
    fn mutated_examples_round_trip_and_keep_unknown_fields(
        seed in any::<prop::sample::Index>(),
        mutations in proptest::collection::vec(arb_mutation(), 1..5),
    ) {
        let (name, original) = seed.get(seeds());
        let mut document = original.clone();
        let mut added = Vec::new();
        for mutation in &mutations {
            added.extend(apply(&mut document, mutation));
        }
        let codec = codec(name);
        (codec.decode)(&serde_json::to_vec(&document).unwrap());
        let encoded = (codec.round_trip)(&document).map_err(|e| TestCaseError::fail(format!("{name}: {e}")))?;
        // Only additions: the document still has the spec's shape, and the additions must be
        // written back where they were (unless a later addition replaced an earlier one's parent).
        // An addition inside a map-typed member (`BTreeMap<String, T>`) may not decode as `T`.
        let only_additions = mutations.iter().all(|m| matches!(m, Mutation::AddUnknown { .. }));
        if let (true, Some(encoded)) = (only_additions, &encoded) {
            // Compared with the document as serde_json itself reads it back: without its
            // `float_roundtrip` feature, serde_json may read a float 1 ULP off whatever the type.
            let reread: Value = serde_json::from_slice(&serde_json::to_vec(&document).unwrap()).unwrap();
            for pointer in &added {
                prop_assert_eq!(
                    encoded.pointer(pointer),
                    reread.pointer(pointer),
                    "{}: the unknown member at {} is not written back", name, pointer
                );
            }
        }
    }
}

/// The additions-only case, without randomness: an unknown member added to every object of every
/// example (except inside maps) is kept, so the property above is never vacuous.
#[test]
fn unknown_members_everywhere_are_written_back() {
    for (name, original) in seeds() {
        let mut document = original.clone();
        let mut pointers = Vec::new();
        objects(&document, String::new(), &mut pointers);
        for pointer in &pointers {
            // `permissions` is a `BTreeMap<String, bool>`: a new member of it is a new entry.
            if pointer.ends_with("/permissions") {
                continue;
            }
            let Some(Value::Object(object)) = document.pointer_mut(pointer) else { unreachable!() };
            object.insert("x_unknown".into(), json!({ "kept": [1, "two", null, { "three": 3.5 }] }));
        }
        let encoded = (codec(name).round_trip)(&document)
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .unwrap_or_else(|| panic!("{name}: does not decode with unknown members:\n{document:#}"));
        for pointer in &pointers {
            if pointer.ends_with("/permissions") {
                continue;
            }
            let member = format!("{pointer}/x_unknown");
            assert_eq!(encoded.pointer(&member), document.pointer(&member), "{name}: {member} is lost");
        }
    }
}

// ---- the generator -----------------------------------------------------------------------

fn spec_text(file: &str) -> (PathBuf, String) {
    let path = xtask::default_paths().0.join(file);
    let text = std::fs::read_to_string(&path).expect("readable spec file");
    (path, text)
}

/// Load and lower; errors are fine, a panic fails the test (with `what` in the message).
fn generate(sources: &[(PathBuf, String)], what: &str) {
    let result = std::panic::catch_unwind(|| {
        if let Ok(spec) = xtask::load::load_sources(sources) {
            let _ = xtask::lower::lower_doc(&spec.doc);
        }
    });
    assert!(result.is_ok(), "the generator panicked on {what}");
}

#[test]
fn truncated_spec_files_are_errors_not_panics() {
    let common = spec_text("common.yaml");
    let (path, text) = spec_text("teams.yaml");
    // Every 331st byte (a prime, so that cuts land at every column of the lines; about 90 cuts,
    // 20 ms each in a debug build), plus the ends.
    let mut cuts: Vec<usize> = (0..text.len()).step_by(331).collect();
    cuts.extend([1, text.len() - 1]);
    for cut in cuts {
        let cut = (cut..=text.len()).find(|&c| text.is_char_boundary(c)).unwrap();
        let truncated = text[..cut].to_owned();
        generate(&[common.clone(), (path.clone(), truncated)], &format!("teams.yaml cut at byte {cut}"));
    }
}

proptest! {
    #![proptest_config(config(48))]

    #[test]
    fn random_yaml_is_an_error_not_a_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        generate(&[(PathBuf::from("random.yaml"), text)], "random bytes");
    }

    #[test]
    fn mangled_spec_files_are_errors_not_panics(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), 0u8..4, "[ :a-z{}\\[\\]'#-]{0,6}"), 1..4),
    ) {
        let common = spec_text("common.yaml");
        let (path, text) = spec_text("teams.yaml");
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        for (at, kind, insert) in &edits {
            let i = at.index(lines.len());
            match kind {
                0 => { lines.remove(i); }
                1 => { let line = lines[i].clone(); lines.insert(i, line); }
                2 => lines[i] = lines[i].trim_start().to_owned(),
                _ => lines[i].push_str(insert),
            }
        }
        generate(&[common, (path, lines.join("\n"))], &format!("teams.yaml edited by {edits:?}"));
    }
}

// ---- deep and wide documents -------------------------------------------------------------

fn nested_arrays(depth: usize) -> String {
    format!("{}{}", "[".repeat(depth), "]".repeat(depth))
}

fn nested_objects(depth: usize) -> String {
    format!("{}1{}", r#"{"a":"#.repeat(depth), "}".repeat(depth))
}

/// 10,000-deep nesting where the models keep unknown JSON (an unknown member, an object of an
/// unknown `oneOf` type) is kept as its text: `RawJson` captures it with serde_json's iterative
/// skipping, so nothing recurses, neither decoding, nor encoding, nor dropping; re-encoding writes
/// it back unchanged. serde_json's recursion limit (128) never comes into play there.
#[test]
fn deep_nesting_in_unknown_json_is_kept_without_a_stack_overflow() {
    for deep in [nested_arrays(10_000), nested_objects(10_000)] {
        let documents = [
            // At the top of a response.
            format!(r#"{{"data":[],"x_deep":{deep}}}"#),
            // In a nested struct.
            format!(
                r#"{{"data":[{{"attributes":{{"handle":"h","name":"n","x_deep":{deep}}},"id":"1","type":"team"}}]}}"#
            ),
            // In a `oneOf` member decoded by its `type` (the item's text is taken whole first).
            format!(r#"{{"included":[{{"id":"1","type":"users","x_deep":{deep}}}]}}"#),
            // As a `oneOf` member of a `type` the spec does not know.
            format!(r#"{{"included":[{{"id":"1","type":"x_new_type","x_deep":{deep}}}]}}"#),
        ];
        for document in &documents {
            for codec in response_types() {
                (codec.decode)(document.as_bytes());
            }
            let mut deserializer = serde_json::Deserializer::from_str(document);
            let decoded: TeamsResponse = serde_path_to_error::deserialize(&mut deserializer).expect("kept");
            assert_eq!(&serde_json::to_string(&decoded).unwrap(), document, "written back unchanged");
            let clone = decoded.clone();
            assert_eq!(clone, decoded);
        }
    }
}

/// Where the models expect a known shape, deep nesting is a decode error at the first level
/// that does not fit, not a stack overflow.
#[test]
fn deep_nesting_in_known_fields_is_an_error_not_a_stack_overflow() {
    let deep = nested_arrays(10_000);
    let documents = [
        format!(r#"{{"data":{deep}}}"#),
        format!(r#"{{"data":[{{"attributes":{{"handle":{deep},"name":"n"}},"id":"1","type":"team"}}]}}"#),
        format!(
            r#"{{"data":[{{"attributes":{{"handle":"h","name":"n","hidden_modules":{deep}}},"id":"1","type":"team"}}]}}"#
        ),
        deep.clone(),
    ];
    for document in &documents {
        // Other response types may hold these members as unknown ones (and keep them).
        for codec in response_types() {
            (codec.decode)(document.as_bytes());
        }
        assert!(!decode::<TeamsResponse>(document.as_bytes()), "TeamsResponse accepted {}", &document[..40]);
    }
}

/// `RawJson::to_value` (and `RawJson == Value`) parse the kept text into a `serde_json::Value`,
/// which refuses more than 128 levels: deep nesting the decoder kept as text is an error there,
/// never a panic.
#[test]
fn raw_json_of_deep_nesting_converts_without_panicking() {
    let document = format!(r#"{{"data":[],"x_deep":{}}}"#, nested_arrays(1_000));
    let decoded: TeamsResponse = serde_json::from_str(&document).expect("kept");
    let raw = &decoded.extra.additional_properties().get("x_deep").unwrap();
    let converted = std::panic::catch_unwind(|| raw.to_value());
    assert!(converted.expect("RawJson::to_value does not panic").is_err(), "deeper than Value's limit");
    assert!(*raw != serde_json::json!([]), "comparison does not panic either");
    let shallow = &serde_json::from_str::<TeamsResponse>(r#"{"x":[[1]]}"#)
        .unwrap()
        .extra
        .additional_properties()
        .get("x")
        .unwrap();
    assert_eq!(shallow.to_value().unwrap(), serde_json::json!([[1]]));
}

#[test]
fn a_100_000_item_data_array_decodes() {
    let team = r#"{"attributes":{"handle":"h","name":"n"},"id":"1","type":"team"}"#;
    let document = format!(r#"{{"data":[{}]}}"#, vec![team; 100_000].join(","));
    let mut deserializer = serde_json::Deserializer::from_str(&document);
    let decoded: TeamsResponse = serde_path_to_error::deserialize(&mut deserializer).expect("decodes");
    assert_eq!(decoded.data.expect("data").len(), 100_000);
}
