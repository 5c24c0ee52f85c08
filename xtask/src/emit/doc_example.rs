//! Adds a short `no_run` example to the rustdoc of each operation method: it builds the required
//! arguments (the path parameters, and the request body from its models' constructors, with each
//! required field set) and calls the method. The examples are compiled as doctests, so a
//! constructor that changes breaks them.
//!
//! It works on emitted API files: each example's doc lines are inserted right above the line
//! `pub async fn <operation>(`, after the method's other doc lines and attributes. The examples
//! name the crate `datadog_v2_client`; `codegen --crate` renames it (`standalone.rs`).

use std::collections::BTreeMap;

use crate::ir::{Api, Group, Operation, ParamLocation, TypeDef, TypeKind, TypeRef, Union};

/// How deep required models are built; deeper required fields (none in spec/) would get
/// `Default::default()`.
const MAX_DEPTH: usize = 8;

/// Adds the examples to the `apis/<group>.rs` files of `files`.
pub fn add(api: &Api, files: &mut BTreeMap<String, String>) {
    let types: BTreeMap<&str, &TypeDef> = api.types.iter().map(|def| (def.name.as_str(), def)).collect();
    for group in &api.groups {
        let Some(file) = files.get_mut(&format!("apis/{}.rs", group.module)) else { continue };
        for op in &group.operations {
            // `(` then a line break, or `(&self, ...` on one line when the signature is short.
            let signature = format!("\n    pub async fn {}(", op.rust_name);
            let Some(at) = file.find(&signature).map(|at| at + 1) else { continue };
            let doc: String = example(&types, group, op).lines().map(|line| format!("    ///{line}\n")).collect();
            file.insert_str(at, &doc);
        }
    }
}

/// The example's doc text, each line starting with a space (or empty).
fn example(types: &BTreeMap<&str, &TypeDef>, group: &Group, op: &Operation) -> String {
    let mut lines = vec![String::new(), " # Example".to_owned(), String::new(), " ```no_run".to_owned()];
    let mut code = Vec::new();
    code.push(format!("use datadog_v2_client::apis::{};", group.rust_name));
    let models_at = code.len();
    if op.unstable {
        code.push("use datadog_v2_client::{Client, Configuration, UnstableOperation};".to_owned());
    } else {
        code.push("use datadog_v2_client::Client;".to_owned());
    }
    code.push(String::new());
    code.push("# async fn example() -> Result<(), datadog_v2_client::Error> {".to_owned());
    if op.unstable {
        code.push(format!(
            "let config = Configuration::from_env()?.enable_unstable(UnstableOperation::{});",
            op.type_prefix
        ));
        code.push(format!("let api = {}::new(Client::new(config)?);", group.rust_name));
    } else {
        code.push(format!("let api = {}::new(Client::from_env()?);", group.rust_name));
    }
    let mut args = Vec::new();
    for param in op.params.iter().filter(|p| p.required) {
        let value = match (param.location, &param.ty) {
            (ParamLocation::Path, TypeRef::String) => format!("\"{}\"", placeholder(&param.wire_name)),
            _ => value(types, &param.ty, &param.wire_name, 0, false),
        };
        args.push(value);
    }
    if let Some(body) = &op.body {
        let built = match &body.raw_media {
            // Bytes and their content type, the spec's (first) media type; a multipart body's
            // content type names the boundary between its parts.
            Some(media) => {
                let content_type =
                    if media.starts_with("multipart/") { format!("{media}; boundary=BOUNDARY") } else { media.clone() };
                format!("datadog_v2_client::request::RawBody::new({content_type:?}, b\"...\".to_vec())")
            }
            None => value(types, &body.ty, "body", 0, true),
        };
        let built = if body.required { built } else { format!("Some({built})") };
        code.push(format!("let body = {built};"));
        args.push("body".to_owned());
    }
    args.push("Default::default()".to_owned());
    // `models` is imported when the body or a required parameter (an enum in a path) uses it.
    if code.iter().chain(&args).any(|line| line.contains("models::")) {
        code.insert(models_at, "use datadog_v2_client::models;".to_owned());
    }
    let call = format!("api.{}({})", op.rust_name, args.join(", "));
    if !op.success.is_empty() {
        code.push(format!("let response = {call}.await?;"));
        code.push("println!(\"{response:?}\");".to_owned());
    } else {
        code.push(format!("{call}.await?;"));
    }
    code.push("# Ok(())".to_owned());
    code.push("# }".to_owned());
    lines.extend(code.into_iter().map(|line| if line.is_empty() { line } else { format!(" {line}") }));
    lines.push(" ```".to_owned());
    lines.join("\n")
}

/// A placeholder string: the name it stands for, in angle brackets would be escaped; plain text.
fn placeholder(name: &str) -> String {
    format!("my-{}", name.replace(['_', '[', ']'], "-").trim_matches('-'))
}

/// An expression of type `ty`: of exactly that type when `exact`, else as a constructor takes it
/// (`impl Into<String>`, so a `&str`). `name` labels strings.
fn value(types: &BTreeMap<&str, &TypeDef>, ty: &TypeRef, name: &str, depth: usize, exact: bool) -> String {
    match ty {
        TypeRef::String if exact => format!("\"{}\".to_owned()", placeholder(name)),
        TypeRef::String => format!("\"{}\"", placeholder(name)),
        // Typed where a literal's default type (`i32`, `f64`) does not convert into it: an alias of
        // `u64` or `f32` is taken as `impl Into<Alias>`.
        TypeRef::Int32 | TypeRef::Int64 => "1".to_owned(),
        TypeRef::UInt64 => "1u64".to_owned(),
        TypeRef::Bytes => "Default::default()".to_owned(),
        TypeRef::Boxed(inner) => format!("Box::new({})", value(types, inner, name, depth + 1, true)),
        TypeRef::Float => "1.0f32".to_owned(),
        TypeRef::Double => "1.0".to_owned(),
        TypeRef::Bool => "true".to_owned(),
        TypeRef::DateTime => "\"2025-01-01T00:00:00Z\".parse::<datadog_v2_client::DateTime>().unwrap()".to_owned(),
        TypeRef::Any => "serde_json::json!({})".to_owned(),
        // Named, not `Default::default()`: an alias of a map is taken as `impl Into<Alias>`.
        TypeRef::Map(_) => "std::collections::BTreeMap::new()".to_owned(),
        TypeRef::Array(item) => format!("vec![{}]", value(types, item, name, depth + 1, true)),
        TypeRef::Named(model) => named(types, model, depth),
    }
}

fn named(types: &BTreeMap<&str, &TypeDef>, model: &str, depth: usize) -> String {
    let Some(def) = types.get(model) else { return "Default::default()".to_owned() };
    // An enum's value is a name, never deeper: built at any depth (`Default::default()` would
    // not do for an enum without a default, taken as `impl Into<Enum>`).
    if depth > MAX_DEPTH && !matches!(def.kind, TypeKind::Enum(_)) {
        return "Default::default()".to_owned();
    }
    match &def.kind {
        TypeKind::Struct(s) => {
            let args: Vec<String> =
                s.fields
                    .iter()
                    .filter(|f| f.required)
                    .map(|f| {
                        if f.nullable { "None".to_owned() } else { value(types, &f.ty, &f.json_name, depth + 1, false) }
                    })
                    .collect();
            format!("models::{}::new({})", def.name, args.join(", "))
        }
        TypeKind::Enum(e) => match e.values.first() {
            Some(first) => format!("models::{}::{}", def.name, first.rust_name),
            None => "Default::default()".to_owned(),
        },
        TypeKind::Union(Union::Tagged(variants)) => match variants.first() {
            Some(v) => {
                format!("models::{}::{}(Box::new({}))", def.name, v.rust_name, named(types, &v.type_name, depth + 1))
            }
            None => "Default::default()".to_owned(),
        },
        TypeKind::Union(Union::Untagged(variants)) => match variants.first() {
            // Only a model is boxed in an untagged union's variant.
            Some(v) => {
                let inner = value(types, &v.ty, "value", depth + 1, true);
                let inner = if matches!(v.ty, TypeRef::Named(_)) { format!("Box::new({inner})") } else { inner };
                format!("models::{}::{}({inner})", def.name, v.rust_name)
            }
            None => "Default::default()".to_owned(),
        },
        TypeKind::Alias(inner) => value(types, inner, model, depth + 1, true),
    }
}
