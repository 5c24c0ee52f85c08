//! Shows the documentation's JSON examples in the models' rustdoc: a model that is the request
//! body or the success response of an operation with an example in `tests/fixtures/examples/`
//! (extracted from the documentation pages by `cargo xtask examples`, and round-tripped through
//! the model by `tests/tests/doc_examples.rs`) gets an `# Example` section with that JSON.
//!
//! The fixtures directory is the spec's (`xtask::examples_dir`: `<spec>/../tests/fixtures/examples`);
//! a spec without one gets no example. Each model shows one example: the first operation
//! (in spec order) that has one, its request example before its response example.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use crate::error::{Error, Result};
use crate::ir::{Api, TypeDef, TypeRef};

/// Adds the examples of the fixtures directory `dir` to the `models/<module>.rs` files of `files`.
pub fn add(api: &Api, dir: &Path, files: &mut BTreeMap<String, String>) -> Result<()> {
    let types: BTreeMap<&str, &TypeDef> = api.types.iter().map(|def| (def.name.as_str(), def)).collect();
    let mut shown: BTreeMap<&str, (String, String)> = BTreeMap::new();
    for op in api.groups.iter().flat_map(|group| group.operations.iter()) {
        let request = op.body.as_ref().map(|body| (&body.ty, "request".to_owned(), "request body".to_owned()));
        let response = op
            .success
            .json_bodies()
            .into_iter()
            .map(|(status, ty)| (ty, status.to_string(), format!("response {status}")));
        for (ty, suffix, label) in request.into_iter().chain(response) {
            let TypeRef::Named(model) = ty else { continue };
            if shown.contains_key(model.as_str()) || !types.contains_key(model.as_str()) {
                continue;
            }
            let path = dir.join(format!("{}.{suffix}.json", op.id));
            if !path.is_file() {
                continue;
            }
            let text = fs::read_to_string(&path).map_err(|e| Error::in_file(&path, "", e.to_string()))?;
            shown.insert(model, (format!("`{}`, {label}", op.id), text));
        }
    }
    for (model, (source, json)) in shown {
        let def = types[model];
        let Some(file) = files.get_mut(&format!("models/{}.rs", def.module)) else { continue };
        let Some(at) = [format!("pub struct {model} {{\n"), format!("pub enum {model} {{\n")]
            .iter()
            .find_map(|declaration| file.find(declaration.as_str()))
        else {
            continue;
        };
        // Above the declaration's attributes, after its other doc lines.
        let mut at = at;
        while let Some(previous) = file[..at].trim_end_matches('\n').rfind('\n').map(|i| i + 1) {
            if !file[previous..at].starts_with("#[") {
                break;
            }
            at = previous;
        }
        let mut doc = format!("///\n/// # Example\n///\n/// From the documentation ({source}):\n///\n/// ```json\n");
        for line in json.trim_end().lines() {
            doc.push_str(format!("/// {line}").trim_end());
            doc.push('\n');
        }
        doc.push_str("/// ```\n");
        file.insert_str(at, &doc);
    }
    Ok(())
}
