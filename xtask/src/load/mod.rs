//! Stage 1, **load**: read every YAML file in `spec/`, merge them into one OpenAPI document,
//! and remember which file each path and component came from, so that later errors can name it.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::error::{Error, Errors, Result, escape_token, join};

pub mod keys;
pub mod lines;
pub mod strict_yaml;

/// The merged spec: the typed document, the raw JSON it came from, and where each part was defined.
pub struct Spec {
    pub doc: openapiv3::OpenAPI,
    pub raw: Value,
    /// What loading read but the generator ignores (annotations beside a `$ref`), located; lower
    /// passes them on as `Api::notes` (`codegen --verbose`).
    pub notes: Vec<Error>,
    origins: Origins,
}

/// A spec that did not load: every error found, and, when only some operations and components
/// are not valid OpenAPI, the rest of the document without them (`lower::lower_loaded` lowers it
/// so that one run reports every error) with the references to the removed components, whose
/// errors are not reported again. `?` turns it into its errors.
pub struct Invalid {
    pub errors: Errors,
    pub rest: Option<Box<(Spec, Vec<String>)>>,
}

impl From<Errors> for Invalid {
    fn from(errors: Errors) -> Self {
        Invalid { errors, rest: None }
    }
}

impl From<Error> for Invalid {
    fn from(error: Error) -> Self {
        Errors::from(error).into()
    }
}

impl From<Invalid> for Errors {
    fn from(invalid: Invalid) -> Self {
        invalid.errors
    }
}

impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&self.errors, f)
    }
}

impl std::fmt::Debug for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&self.errors, f)
    }
}

/// Where each part of the merged document was written.
#[derive(Default)]
struct Origins {
    /// JSON pointer of a top-level key, path item or component (e.g. `/components/schemas/Team`)
    /// -> its file.
    by_pointer: BTreeMap<String, PathBuf>,
    /// Every source file; when there is only one, everything is in it.
    files: Vec<PathBuf>,
    /// The text of each file, to find the line of a pointer in an error.
    texts: BTreeMap<PathBuf, String>,
    /// The entries of lists merged from several files (`tags`): pointer in the merged document
    /// (e.g. `/tags/5`) -> the file and the entry's pointer in that file (`/tags/2`).
    list_entries: BTreeMap<String, (PathBuf, String)>,
}

impl Origins {
    fn locate(&self, pointer: &str) -> Option<&Path> {
        self.by_pointer
            .iter()
            .filter(|(prefix, _)| pointer == prefix.as_str() || pointer.starts_with(&format!("{prefix}/")))
            .max_by_key(|(prefix, _)| prefix.len())
            .map(|(_, file)| file.as_path())
            .or_else(|| if self.files.len() == 1 { Some(self.files[0].as_path()) } else { None })
    }

    /// Names the error's file; an error in an entry of a merged list gets the entry's pointer in
    /// its own file (the merged index means nothing to the reader of the file).
    fn locate_error(&self, mut error: Error) -> Error {
        if error.file.is_none() {
            let entry = self.list_entries.iter().find_map(|(merged, origin)| {
                let rest = error.pointer.strip_prefix(merged.as_str())?;
                (rest.is_empty() || rest.starts_with('/')).then_some((origin, rest))
            });
            if let Some(((file, local), rest)) = entry {
                error.pointer = format!("{local}{rest}");
                error.file = Some(file.clone());
                return error;
            }
            error.file = self.locate(&error.pointer).map(Path::to_path_buf);
        }
        error
    }

    /// Locates every error (file, then line); each file's line index is built once.
    fn locate_errors(&self, errors: Errors) -> Errors {
        let errors = errors.map(|e| self.locate_error(e));
        let mut indexes: BTreeMap<PathBuf, lines::Index<'_>> = BTreeMap::new();
        errors.map(|mut error| {
            if error.line.is_none()
                && let Some(file) = &error.file
                && let Some(text) = self.texts.get(file)
            {
                let index = indexes.entry(file.clone()).or_insert_with(|| lines::Index::new(text));
                error.line = index.line_of(&error.pointer);
            }
            error
        })
    }
}

impl Spec {
    /// The file in which the part of the document at `pointer` was written, when known.
    pub fn locate(&self, pointer: &str) -> Option<&Path> {
        self.origins.locate(pointer)
    }

    /// Attaches the file that holds `error.pointer`, if the error does not name one yet.
    pub fn locate_error(&self, error: Error) -> Error {
        self.origins.locate_errors(error.into()).into_iter().next().expect("one error")
    }

    /// Attaches the file and line of each error, where known.
    pub fn locate_errors(&self, errors: Errors) -> Errors {
        self.origins.locate_errors(errors)
    }
}

/// The spec files of a directory: every `*.yaml` / `*.yml`, sorted by name for determinism.
pub fn spec_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries =
        fs::read_dir(dir).map_err(|e| Error::in_file(dir, "", format!("cannot read the spec directory: {e}")))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| Error::in_file(dir, "", e.to_string()))?.path();
        if matches!(path.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")) {
            files.push(path);
        }
    }
    files.sort();
    if files.is_empty() {
        return Err(Error::in_file(dir, "", "no *.yaml files in the spec directory"));
    }
    Ok(files)
}

/// Loads and merges every spec file of `dir`.
pub fn load_dir(dir: &Path) -> Result<Spec, Invalid> {
    let files = spec_files(dir)?;
    let mut sources = Vec::with_capacity(files.len());
    let mut errors = Errors::new();
    for file in &files {
        match fs::read_to_string(file) {
            Ok(text) => sources.push((file.clone(), text)),
            Err(e) => errors.push(Error::in_file(file, "", format!("cannot read: {e}"))),
        }
    }
    errors.into_result(())?;
    load_sources(&sources)
}

/// Parses one YAML text into JSON, with the line and column of a syntax error.
pub fn parse_yaml(file: &Path, text: &str) -> Result<Value> {
    // Straight into JSON values: a plain scalar key such as `200:` becomes the string "200". A key
    // given twice in one mapping is an error (serde would keep the last one silently).
    let json: Value = serde::de::DeserializeSeed::deserialize(
        strict_yaml::Strict { pointer: String::new() },
        serde_yaml::Deserializer::from_str(text),
    )
    .map_err(|e: serde_yaml::Error| {
        let at = e.location().map(|l| format!(" (line {}, column {})", l.line(), l.column())).unwrap_or_default();
        match strict_yaml::duplicate(&e.to_string()) {
            Some((pointer, key)) => {
                let mut error = Error::in_file(
                    file,
                    &pointer,
                    format!("the key `{key}` is given twice in the same mapping (YAML would keep only the last one)"),
                );
                error.line = lines::line_of_duplicate(text, &pointer);
                error
            }
            None => {
                let mut error = Error::in_file(file, "", format!("invalid YAML{at}: {e}"));
                error.line = e.location().map(|l| l.line());
                error
            }
        }
    })?;
    match json {
        Value::Object(_) => Ok(json),
        Value::Null => Ok(Value::Object(Map::new())),
        _ => Err(Error::in_file(file, "", "a spec file must be a YAML mapping at the top level")),
    }
}

/// Merges already-read sources (file name, text). Used by `load_dir` and by tests. Every error
/// found is reported: every file is parsed and merged, and every operation and component that
/// is not valid OpenAPI is named.
pub fn load_sources(sources: &[(PathBuf, String)]) -> Result<Spec, Invalid> {
    let mut merged = Map::new();
    let mut origins: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut top_origins: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut list_entries: BTreeMap<String, (PathBuf, String)> = BTreeMap::new();
    let mut errors = Errors::new();
    let mut notes = Errors::new();
    let texts: BTreeMap<PathBuf, String> = sources.iter().cloned().collect();

    // Parsing is most of loading; the files are parsed on all cores, then merged in order.
    let parsed = crate::parallel::map(sources, |(file, text)| parse_yaml(file, text));
    for ((file, _), top) in sources.iter().zip(parsed) {
        let top = match top {
            Ok(top @ Value::Object(_)) => {
                let mut sink = keys::Sink::default();
                keys::check(file, &top, &mut sink);
                errors.extend(sink.errors);
                notes.extend(sink.notes);
                let Value::Object(top) = top else { unreachable!() };
                top
            }
            Ok(_) => unreachable!("parse_yaml returns objects"),
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        for (key, value) in top {
            match key.as_str() {
                "paths" => merge_named(&mut merged, &mut origins, file, "/paths", "paths", value, &mut errors),
                "components" => {
                    let Value::Object(kinds) = value else {
                        errors.push(Error::in_file(file, "/components", "`components` must be a mapping"));
                        continue;
                    };
                    let components = merged.entry("components").or_insert_with(|| Value::Object(Map::new()));
                    let Value::Object(components) = components else { unreachable!() };
                    for (kind, entries) in kinds {
                        let pointer = join("/components", &kind);
                        merge_named(components, &mut origins, file, &pointer, &kind, entries, &mut errors);
                    }
                }
                "tags" => {
                    let Value::Array(tags) = value else {
                        errors.push(Error::in_file(file, "/tags", "`tags` must be a list"));
                        continue;
                    };
                    let all = merged.entry("tags").or_insert_with(|| Value::Array(Vec::new()));
                    let Value::Array(all) = all else { unreachable!() };
                    for (index, tag) in tags.into_iter().enumerate() {
                        if !all.iter().any(|t| t.get("name") == tag.get("name")) {
                            list_entries
                                .insert(format!("/tags/{}", all.len()), (file.clone(), format!("/tags/{index}")));
                            all.push(tag);
                        }
                    }
                }
                _ => {
                    if let Some(existing) = merged.get(&key) {
                        if *existing != value {
                            let first = &top_origins[&key];
                            errors.push(Error::in_file(
                                file,
                                format!("/{}", escape_token(&key)),
                                format!("`{key}` is also defined, differently, in {}", first.display()),
                            ));
                        }
                    } else {
                        top_origins.insert(key.clone(), file.clone());
                        merged.insert(key, value);
                    }
                }
            }
        }
    }
    merged.entry("paths").or_insert_with(|| Value::Object(Map::new()));
    let raw = Value::Object(merged);
    for (key, file) in top_origins {
        origins.insert(format!("/{}", escape_token(&key)), file);
    }
    let origins =
        Origins { by_pointer: origins, files: sources.iter().map(|(f, _)| f.clone()).collect(), texts, list_entries };
    if !errors.is_empty() {
        return Err(origins.locate_errors(errors).into());
    }
    let doc: openapiv3::OpenAPI = match serde_path_to_error::deserialize(&raw) {
        Ok(doc) => doc,
        Err(e) => {
            let mut found = narrow(&raw);
            if found.is_empty() {
                found.push((pointer_of(e.path()), e.inner().to_string()));
            }
            let pointers: Vec<String> = found.iter().map(|(pointer, _)| pointer.clone()).collect();
            for (pointer, message) in found {
                errors.push(Error::new(pointer, format!("not a valid OpenAPI 3.0 document: {message}")));
            }
            // So that one run reports every error, the rest of the document, without the
            // operations and components that are not valid OpenAPI, goes on to be lowered by the
            // caller (`lower::lower_loaded`).
            let errors = origins.locate_errors(errors);
            let rest = the_rest(&raw, &pointers).map(|(doc, raw, removed_refs)| {
                Box::new((Spec { doc, raw, notes: Vec::new(), origins }, removed_refs))
            });
            return Err(Invalid { errors, rest });
        }
    };
    if !doc.openapi.starts_with("3.0") {
        return Err(origins
            .locate_error(Error::new(
                "/openapi",
                format!("OpenAPI version {} is not supported; use 3.0.x", doc.openapi),
            ))
            .into());
    }
    let notes = origins.locate_errors(notes).into_iter().collect();
    Ok(Spec { doc, raw, notes, origins })
}

/// Merges the entries of one named map (`paths`, or one kind of `components`) from `file`.
fn merge_named(
    into: &mut Map<String, Value>,
    origins: &mut BTreeMap<String, PathBuf>,
    file: &Path,
    pointer: &str,
    key: &str,
    value: Value,
    errors: &mut Errors,
) {
    let Value::Object(entries) = value else {
        errors.push(Error::in_file(file, pointer, format!("`{key}` must be a mapping")));
        return;
    };
    let target = into.entry(key).or_insert_with(|| Value::Object(Map::new()));
    let Value::Object(target) = target else { unreachable!() };
    for (name, entry) in entries {
        let entry_pointer = join(pointer, &name);
        match target.get(&name) {
            Some(existing) if *existing == entry => {}
            Some(_) => {
                let first = &origins[&entry_pointer];
                errors.push(Error::in_file(
                    file,
                    entry_pointer.clone(),
                    format!("`{name}` is also defined, with different content, in {}", first.display()),
                ));
            }
            None => {
                origins.insert(entry_pointer, file.to_path_buf());
                target.insert(name, entry);
            }
        }
    }
}

/// `raw` without the operations and components at (or under) `invalid`, as a document, with the
/// references to a removed component (`` `#/components/schemas/X` ``), whose errors are not to be
/// reported again. None when the rest is not valid OpenAPI either (the error is then outside the
/// operations and components).
fn the_rest(raw: &Value, invalid: &[String]) -> Option<(openapiv3::OpenAPI, Value, Vec<String>)> {
    let mut pruned = raw.clone();
    let mut removed_refs = Vec::new();
    for pointer in invalid {
        let tokens: Vec<&str> = pointer.split('/').skip(1).collect();
        let depth = match tokens.first() {
            Some(&"paths") => tokens.len().min(3),
            Some(&"components") => 3,
            _ => return None,
        };
        if tokens.len() < depth || depth < 2 {
            return None;
        }
        let parent = format!("/{}", tokens[..depth - 1].join("/"));
        let key = tokens[depth - 1].replace("~1", "/").replace("~0", "~");
        if let Some(Value::Object(map)) = pruned.pointer_mut(&parent) {
            map.remove(&key);
        }
        if depth == 3 && tokens[0] == "components" {
            removed_refs.push(format!("`#/{}/{}/{key}`", tokens[0], tokens[1]));
        }
    }
    let doc = serde_json::from_value::<openapiv3::OpenAPI>(pruned.clone()).ok()?;
    Some((doc, pruned, removed_refs))
}

/// openapiv3 flattens many of its structs, which hides the path of an error inside them; this
/// finds every operation and component that fails to deserialize on its own.
fn narrow(raw: &Value) -> Vec<(String, String)> {
    fn check<T: serde::de::DeserializeOwned>(pointer: String, value: &Value) -> Option<(String, String)> {
        serde_path_to_error::deserialize::<_, T>(value).err().map(|e| {
            let inner = pointer_of(e.path());
            (format!("{pointer}{inner}"), e.inner().to_string())
        })
    }
    let mut found = Vec::new();
    if let Some(Value::Object(paths)) = raw.get("paths") {
        for (path, item) in paths {
            let item_pointer = join("/paths", path);
            let Value::Object(methods) = item else {
                found.push((item_pointer, "a path item must be a mapping".into()));
                continue;
            };
            for (method, op) in methods {
                let op_pointer = join(&item_pointer, method);
                let error = match method.as_str() {
                    "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace" => {
                        let Value::Object(fields) = op else {
                            found.push((op_pointer, "an operation must be a mapping".into()));
                            continue;
                        };
                        fields
                            .iter()
                            .find_map(|(key, value)| match key.as_str() {
                                "responses" => check::<openapiv3::Responses>(join(&op_pointer, key), value),
                                "requestBody" => check::<openapiv3::ReferenceOr<openapiv3::RequestBody>>(
                                    join(&op_pointer, key),
                                    value,
                                ),
                                "parameters" => check::<Vec<openapiv3::ReferenceOr<openapiv3::Parameter>>>(
                                    join(&op_pointer, key),
                                    value,
                                ),
                                _ => None,
                            })
                            .or_else(|| check::<openapiv3::Operation>(op_pointer, op))
                    }
                    _ => None,
                };
                found.extend(error);
            }
        }
    }
    if let Some(Value::Object(schemas)) = raw.pointer("/components/schemas") {
        for (name, schema) in schemas {
            let pointer = join("/components/schemas", name);
            found.extend(check::<openapiv3::ReferenceOr<openapiv3::Schema>>(pointer, schema));
        }
    }
    found
}

/// Turns a serde_path_to_error path into a JSON pointer.
fn pointer_of(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => pointer = join(&pointer, &index.to_string()),
            Segment::Map { key } => pointer = join(&pointer, key),
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    pointer
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    #[test]
    fn a_key_given_twice_is_an_error() {
        let text = "openapi: 3.0.3\npaths:\n  /a: {}\ncomponents: {}\npaths:\n  /b: {}\n";
        let error = super::parse_yaml(Path::new("t.yaml"), text).unwrap_err();
        assert_eq!(error.pointer, "/paths");
        assert_eq!(error.line, Some(5));
        assert!(error.message.contains("the key `paths` is given twice"), "{error}");
        let nested = "components:\n  schemas:\n    A: {type: string}\n    A: {type: integer}\n";
        let error = super::parse_yaml(Path::new("t.yaml"), nested).unwrap_err();
        assert_eq!(error.pointer, "/components/schemas/A");
    }

    #[test]
    fn plain_scalar_keys_become_strings() {
        let json =
            super::parse_yaml(Path::new("t.yaml"), "responses:\n  200: {description: OK}\n  '404': {}\n").unwrap();
        assert_eq!(json, serde_json::json!({"responses": {"200": {"description": "OK"}, "404": {}}}));
    }

    #[test]
    fn every_file_with_an_error_is_reported_in_order() {
        let sources = [
            (
                Path::new("a.yaml").to_path_buf(),
                "openapi: 3.0.3\ncomponents: {schemas: {A: {type: string}}}\n".to_owned(),
            ),
            (Path::new("b.yaml").to_path_buf(), "paths: [\n".to_owned()),
            (Path::new("c.yaml").to_path_buf(), "- not a mapping\n".to_owned()),
        ];
        let Err(error) = super::load_sources(&sources) else { panic!("b.yaml is not YAML") };
        let error = error.to_string();
        let lines: Vec<&str> = error.lines().collect();
        assert_eq!(lines.len(), 2, "{error}");
        assert!(lines[0].starts_with("b.yaml:2: invalid YAML"), "{error}");
        assert_eq!(lines[1], "c.yaml: a spec file must be a YAML mapping at the top level");
    }
}
