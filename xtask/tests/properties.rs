//! Property tests of the generator: mutations of `spec/` (renames to odd names and keywords,
//! cycles, collisions, type changes, removed keys, duplicated keys) never make it panic, and a
//! sample of those it accepts is generated as a crate and checked with clippy.
//!
//! The mutations come from a fixed seed, so a failure names a reproducible case. The sampled
//! compile check runs one crate (about a minute once the dependencies are built); set
//! `XTASK_PROPERTY_COMPILES=N` to check N crates by hand, and `XTASK_PROPERTY_CASES=N` to try
//! more mutations than the default.

mod common;

use std::path::PathBuf;

use serde_json::{Value, json};

/// A small deterministic generator (xorshift64*): no dependency, same cases on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Names that once broke the generator, and keywords.
const ODD_NAMES: &[&str] = &[
    "",
    "a.b",
    "Team-Attributes",
    "1stTeam",
    "mod",
    "type",
    "Self",
    "self",
    "String",
    "Option",
    "Result",
    "Unknown",
    "unknown",
    "new",
    "team_attributes",
    "TeamAttributes",
    "params",
    "body",
    "request",
    "crate",
    "super",
    "Box",
    "é",
];

/// spec/'s files, parsed.
fn spec_files() -> Vec<(PathBuf, Value)> {
    let dir = xtask::default_paths().0;
    xtask::load::spec_files(&dir)
        .unwrap()
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let value = xtask::load::parse_yaml(&path, &text).unwrap();
            (path, value)
        })
        .collect()
}

/// Every JSON pointer of an object in `value`.
fn object_pointers(value: &Value, pointer: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            out.push(pointer.clone());
            for (key, child) in map {
                object_pointers(child, format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                object_pointers(child, format!("{pointer}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// Replaces every `$ref` to `from` by one to `to`.
fn rename_refs(value: &mut Value, from: &str, to: &str) {
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                if key == "$ref" && child.as_str() == Some(from) {
                    *child = Value::String(to.to_owned());
                } else {
                    rename_refs(child, from, to);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|child| rename_refs(child, from, to)),
        _ => {}
    }
}

/// The component schemas of a file, as (name, pointer).
fn schemas(file: &Value) -> Vec<String> {
    file.pointer("/components/schemas")
        .and_then(Value::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

/// One mutation of one file (and, for renames, of the references in every file). Returns what
/// it did, and the text of the mutated file when it is not plain JSON (a duplicated key).
fn mutate(files: &mut [(PathBuf, Value)], rng: &mut Rng) -> (String, Option<(usize, String)>) {
    let kind = rng.below(8);
    mutate_as(files, rng, kind)
}

/// The mutation of kind `kind` (see `mutate`).
fn mutate_as(files: &mut [(PathBuf, Value)], rng: &mut Rng, kind: usize) -> (String, Option<(usize, String)>) {
    let index = rng.below(files.len());
    let names = schemas(&files[index].1);
    match kind {
        // A schema renamed to an odd name, its references following.
        0 if !names.is_empty() => {
            let old = rng.pick(&names).clone();
            let new = rng.pick(ODD_NAMES).to_string();
            let schemas = files[index].1.pointer_mut("/components/schemas").unwrap().as_object_mut().unwrap();
            let Some(schema) = schemas.shift_remove(&old) else { return ("nothing".into(), None) };
            schemas.insert(new.clone(), schema);
            let (from, to) = (format!("#/components/schemas/{old}"), format!("#/components/schemas/{new}"));
            for (_, file) in files.iter_mut() {
                rename_refs(file, &from, &to);
            }
            (format!("rename schema {old} -> {new:?}"), None)
        }
        // A cycle: an object schema refers to itself, optionally or as a required property.
        1 if !names.is_empty() => {
            let name = rng.pick(&names).clone();
            let required = rng.below(2) == 0;
            let schema = files[index].1.pointer_mut(&format!("/components/schemas/{name}")).unwrap();
            if let Some(props) = schema.get_mut("properties").and_then(Value::as_object_mut) {
                props.insert("loop".into(), json!({"$ref": format!("#/components/schemas/{name}")}));
                if required {
                    let list = schema.as_object_mut().unwrap().entry("required").or_insert(json!([]));
                    if let Some(list) = list.as_array_mut() {
                        list.push(json!("loop"));
                    }
                }
            }
            (format!("cycle through {name} (required: {required})"), None)
        }
        // A collision: a copy of a schema under a name that folds to the same identifiers.
        2 if !names.is_empty() => {
            let name = rng.pick(&names).clone();
            let twin = if rng.below(2) == 0 { name.to_uppercase() } else { format!("{name}_") };
            let schemas = files[index].1.pointer_mut("/components/schemas").unwrap().as_object_mut().unwrap();
            let copy = schemas[&name].clone();
            schemas.insert(twin.clone(), copy);
            (format!("twin {name} -> {twin}"), None)
        }
        // A type changed (to another type, a typo, or a non-string).
        3 => {
            let mut pointers = Vec::new();
            object_pointers(&files[index].1, String::new(), &mut pointers);
            let pointer = rng.pick(&pointers).clone();
            let new_type = rng
                .pick(&[
                    json!("string"),
                    json!("integer"),
                    json!("object"),
                    json!("array"),
                    json!("strin"),
                    json!(7),
                    json!(null),
                ])
                .clone();
            if let Some(object) = files[index].1.pointer_mut(&pointer).and_then(Value::as_object_mut) {
                object.insert("type".into(), new_type.clone());
            }
            (format!("type at {pointer} = {new_type}"), None)
        }
        // A key removed anywhere.
        4 => {
            let mut pointers = Vec::new();
            object_pointers(&files[index].1, String::new(), &mut pointers);
            let pointer = rng.pick(&pointers).clone();
            let Some(object) = files[index].1.pointer_mut(&pointer).and_then(Value::as_object_mut) else {
                return ("nothing".into(), None);
            };
            let keys: Vec<String> = object.keys().cloned().collect();
            if keys.is_empty() {
                return ("nothing".into(), None);
            }
            let key = rng.pick(&keys).clone();
            object.shift_remove(&key);
            (format!("removed {pointer}/{key}"), None)
        }
        // An operation or parameter renamed to an odd name.
        5 => {
            let mut pointers = Vec::new();
            object_pointers(&files[index].1, String::new(), &mut pointers);
            let named: Vec<String> = pointers
                .into_iter()
                .filter(|p| {
                    let v = files[index].1.pointer(p).unwrap();
                    v.get("operationId").is_some() || (v.get("in").is_some() && v.get("name").is_some())
                })
                .collect();
            if named.is_empty() {
                return ("nothing".into(), None);
            }
            let pointer = rng.pick(&named).clone();
            let new = rng.pick(&["new", "listTeamsWithHttpInfo", "params", "body", "request", "self", "type", ""]);
            let object = files[index].1.pointer_mut(&pointer).unwrap().as_object_mut().unwrap();
            let key = if object.contains_key("operationId") { "operationId" } else { "name" };
            object.insert(key.into(), json!(new));
            (format!("{key} at {pointer} = {new:?}"), None)
        }
        // A top-level key given twice (as text: JSON values cannot hold it).
        6 => {
            let Value::Object(top) = &files[index].1 else { return ("nothing".into(), None) };
            let Some(key) = top.keys().next().cloned() else { return ("nothing".into(), None) };
            let mut text = serde_json::to_string_pretty(&files[index].1).unwrap();
            text.truncate(text.trim_end().len() - 1);
            text.push_str(&format!(",\n  {}: {{}}\n}}\n", serde_json::to_string(&key).unwrap()));
            (format!("duplicated top-level key {key}"), Some((index, text)))
        }
        // Several odd things at once.
        _ => {
            let (a, _) = mutate(files, rng);
            let (b, text) = mutate(files, rng);
            (format!("{a}; {b}"), text)
        }
    }
}

/// The sources of `files` as the loader takes them (JSON is YAML).
fn sources(files: &[(PathBuf, Value)], replaced: Option<&(usize, String)>) -> Vec<(PathBuf, String)> {
    files
        .iter()
        .enumerate()
        .map(|(i, (path, value))| match replaced {
            Some((j, text)) if *j == i => (path.clone(), text.clone()),
            _ => (path.clone(), serde_json::to_string_pretty(value).unwrap()),
        })
        .collect()
}

/// Load, lower and emit; `Ok(None)` for an error, `Ok(Some(files))` for generated files, `Err`
/// for a panic.
fn run(sources: &[(PathBuf, String)]) -> Result<Option<usize>, String> {
    std::panic::catch_unwind(|| {
        let spec = xtask::load::load_sources(sources).ok()?;
        Some(xtask::generate_spec(&spec, None).ok()?.files.len())
    })
    .map_err(|e| {
        e.downcast_ref::<String>().cloned().or(e.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default()
    })
}

fn env_count(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[test]
fn mutations_of_the_spec_never_panic() {
    let original = spec_files();
    let mut rng = Rng(0x5EED_0010);
    let cases = env_count("XTASK_PROPERTY_CASES", 40);
    let (mut accepted, mut refused) = (0, 0);
    for case in 0..cases {
        let mut files = original.clone();
        let (what, text) = mutate(&mut files, &mut rng);
        match run(&sources(&files, text.as_ref())) {
            Err(panic) => panic!("case {case} ({what}): the generator panicked: {panic}"),
            Ok(Some(_)) => accepted += 1,
            Ok(None) => refused += 1,
        }
    }
    eprintln!("{cases} mutations: {accepted} generated, {refused} refused with errors");
    // Both outcomes must occur, or the mutations test nothing.
    assert!(accepted > 0 && refused > 0, "{accepted} accepted, {refused} refused");
}

/// Mutations that the generator accepts give a crate that passes clippy: the renames to odd
/// names and the cycles, all applied to one spec.
#[test]
fn accepted_mutations_compile() {
    let original = spec_files();
    let samples = env_count("XTASK_PROPERTY_COMPILES", 1);
    let mut rng = Rng(0xC0_4D11E);
    for sample in 0..samples {
        let mut files = original.clone();
        let mut done = Vec::new();
        // Apply renames and cycles one after another, keeping each that the generator accepts.
        for _ in 0..60 {
            let mut next = files.clone();
            let (what, text) = mutate_kind(&mut next, &mut rng);
            if text.is_none() && matches!(run(&sources(&next, None)), Ok(Some(_))) {
                files = next;
                done.push(what);
            }
        }
        assert!(done.len() >= 5, "too few accepted mutations to test: {done:?}");
        let dir = xtask::workspace_root().join("target/compile-check").join(format!("property-spec-{sample}"));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for (path, value) in &files {
            std::fs::write(dir.join(path.file_name().unwrap()), serde_json::to_string_pretty(value).unwrap()).unwrap();
        }
        eprintln!("sample {sample}: {} mutations: {done:?}", done.len());
        common::assert_generates_clippy_clean(&dir, &format!("property-{sample}"));
    }
}

/// A rename to an odd name, a cycle, or an odd operation or parameter name (the mutations that
/// must still compile when accepted).
fn mutate_kind(files: &mut [(PathBuf, Value)], rng: &mut Rng) -> (String, Option<(usize, String)>) {
    let kind = *rng.pick(&[0, 1, 5]);
    mutate_as(files, rng, kind)
}

#[test]
fn the_rng_is_deterministic() {
    let (mut a, mut b) = (Rng(1), Rng(1));
    let xs: Vec<u64> = (0..5).map(|_| a.next()).collect();
    let ys: Vec<u64> = (0..5).map(|_| b.next()).collect();
    assert_eq!(xs, ys);
    assert_ne!(xs[0], xs[1]);
}
