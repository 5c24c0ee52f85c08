//! `cargo xtask docs-check [DOCS_DIR]`: compares the saved documentation pages with `spec/`, both
//! ways, and reports every difference as one line.
//!
//! Per operation (method and path): every path and query parameter (name, type, `[required]`,
//! enum values, default, documented maximum), the request body's field table and, per response
//! tab, its field table: each field's place in the nesting, name, type as the page writes it,
//! `[required]`, `Allowed enum values` and `default:`.
//!
//! The pages flatten their tables depth-first with alphabetical siblings and no indentation, so
//! the nesting is recovered with the spec as the guide: a row belongs to the deepest open level
//! that has a field of that name, or, when no level has it, to the current level if it sorts after
//! that level's previous row (a field the spec lacks); otherwise it closes the level.
//!
//! A difference the spec makes on purpose is written next to the spec node it is about, as an
//! `x-departures` entry with `check: docs` (see `load::keys` for its shape): the entry accepts the
//! differences of its `kind` (and, when it has `page:`, only the one where the page says exactly
//! that) located on that node. An entry that accepts nothing is reported as stale.

use std::collections::BTreeSet;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::Error;
use crate::docs::page::{self, PageOperation, Row, STATUS_LABELS, Table};
use crate::error::join;
use crate::load::Spec;

const METHODS: [&str; 5] = ["get", "put", "post", "patch", "delete"];

/// One difference between a page and the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// The page's file name, e.g. `teams.txt`.
    pub page: String,
    /// The 1-based line on the page; 0 when the page has nothing there.
    pub line: usize,
    /// `listTeams (GET /api/v2/team)`.
    pub operation: String,
    /// `query parameter`, `request body`, `response 200`, or empty for the operation itself.
    pub place: String,
    /// The field path (`data.attributes.link_count`) or parameter name.
    pub field: String,
    /// The kind of difference: `operation`, `parameter`, `status`, `field`, `type`, `required`,
    /// `enum`, `default`, `maximum`, `nesting`, or `stale-departure`.
    pub kind: &'static str,
    pub page_says: String,
    pub spec_says: String,
    /// The spec file and the JSON pointer of the node the difference is located on.
    pub file: Option<PathBuf>,
    pub pointer: String,
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.page)?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
        }
        write!(f, ": {}", self.operation)?;
        if !self.place.is_empty() {
            write!(f, ", {}", self.place)?;
        }
        if !self.field.is_empty() {
            write!(f, ", `{}`", self.field)?;
        }
        let file = self.file.as_ref().map_or("spec".to_string(), |f| f.display().to_string());
        write!(
            f,
            ": {}: page says {}, spec says {} ({file} at {})",
            self.kind, self.page_says, self.spec_says, self.pointer
        )
    }
}

/// What docs-check found: the differences, and the departures of the spec it accepted.
#[derive(Debug, Default)]
pub struct Report {
    pub differences: Vec<Difference>,
    /// Each accepted difference with the reason its `x-departures` entry gives.
    pub accepted: Vec<(Difference, String)>,
}

/// Compares every page of `docs_dir` with the spec.
pub fn check(docs_dir: &Path, spec: &Spec) -> Result<Report, Error> {
    let mut pages = Vec::new();
    for path in page::pages(docs_dir)? {
        let text = fs::read_to_string(&path).map_err(|e| Error::in_file(&path, "", format!("cannot read: {e}")))?;
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        let operations = page::parse_page(&text).map_err(|message| Error::in_file(&path, "", message))?;
        pages.push((name, operations));
    }
    Ok(check_pages(&pages, spec))
}

/// Compares already-parsed pages (file name, operations) with the spec.
pub fn check_pages(pages: &[(String, Vec<PageOperation>)], spec: &Spec) -> Report {
    let mut checker =
        Checker { spec, raw: &spec.raw, report: Report::default(), used: BTreeSet::new(), at: At::default() };
    let mut seen = BTreeSet::new();
    for (page, operations) in pages {
        // The spec file of the page: where its other operations are (for one the spec lacks).
        let page_file = operations.iter().find_map(|op| {
            let pointer = join(&join("/paths", &op.path), &op.method.to_ascii_lowercase());
            spec.raw.pointer(&pointer).and(spec.locate(&pointer)).map(Path::to_path_buf)
        });
        for op in operations {
            let method = op.method.to_ascii_lowercase();
            let pointer = join(&join("/paths", &op.path), &method);
            checker.at =
                At { page: page.clone(), operation: format!("{} {}", op.method, op.path), place: String::new() };
            match spec.raw.pointer(&pointer) {
                Some(spec_op) => {
                    seen.insert(pointer.clone());
                    if let Some(id) = spec_op.get("operationId").and_then(Value::as_str) {
                        checker.at.operation = format!("{id} ({} {})", op.method, op.path);
                    }
                    checker.operation(op, spec_op, &pointer);
                }
                None => {
                    let path_pointer = join("/paths", &op.path);
                    checker.report(op.line, "", "operation", "it exists".into(), "(absent)".into(), &[&path_pointer]);
                    if let Some(last) = checker.report.differences.last_mut().filter(|d| d.file.is_none()) {
                        last.file.clone_from(&page_file);
                    }
                }
            }
        }
    }
    // Operations of the spec that no page shows: reported against the page of their spec file.
    if let Some(Value::Object(paths)) = spec.raw.get("paths") {
        for (path, item) in paths {
            for method in METHODS {
                let pointer = join(&join("/paths", path), method);
                if item.get(method).is_none() || seen.contains(&pointer) {
                    continue;
                }
                let page = spec
                    .locate(&pointer)
                    .and_then(|f| f.file_stem())
                    .map_or("(no page)".to_string(), |stem| format!("{}.txt", stem.to_string_lossy()));
                let id = item[method].get("operationId").and_then(Value::as_str).unwrap_or("?");
                checker.at = At {
                    page,
                    operation: format!("{id} ({} {path})", method.to_ascii_uppercase()),
                    place: String::new(),
                };
                checker.report(0, "", "operation", "(absent)".into(), "it exists".into(), &[&pointer]);
            }
        }
    }
    checker.stale_departures();
    checker.report
}

/// Where on the pages the checker is.
#[derive(Default, Clone)]
struct At {
    page: String,
    operation: String,
    place: String,
}

/// A field of the spec at one level of a table: a property, or the n-th variant of a `oneOf`
/// (named `Option n` as on the pages).
struct Child<'v> {
    name: String,
    required: bool,
    /// Where the field is declared (the property, possibly a `$ref`).
    decl: String,
    /// Its schema, with `$ref`s followed, and where that is.
    schema: &'v Value,
    at: String,
}

struct Checker<'a> {
    spec: &'a Spec,
    raw: &'a Value,
    report: Report,
    /// The `x-departures` entries that accepted a difference: (node pointer, index).
    used: BTreeSet<(String, usize)>,
    at: At,
}

impl<'a> Checker<'a> {
    /// Records a difference located on the first of `nodes` (the others are looked at for a
    /// departure too: the declaration of a field and the schema it refers to).
    fn report(
        &mut self,
        line: usize,
        field: &str,
        kind: &'static str,
        page_says: String,
        spec_says: String,
        nodes: &[&str],
    ) {
        let pointer = nodes.first().map_or(String::new(), |p| p.to_string());
        let difference = Difference {
            page: self.at.page.clone(),
            line,
            operation: self.at.operation.clone(),
            place: self.at.place.clone(),
            field: field.to_string(),
            kind,
            page_says,
            spec_says,
            file: self.spec.locate(&pointer).map(Path::to_path_buf),
            pointer,
        };
        for node in nodes {
            if let Some((index, reason)) = self.departure(node, kind, Some(&difference.page_says)) {
                self.used.insert((node.to_string(), index));
                self.report.accepted.push((difference, reason));
                return;
            }
        }
        self.report.differences.push(difference);
    }

    /// The `check: docs` entry of `kind` on the node at `pointer` that accepts a difference where
    /// the page says `page_says` (an entry with no `page:` accepts any): its index and reason.
    fn departure(&self, pointer: &str, kind: &str, page_says: Option<&str>) -> Option<(usize, String)> {
        let entries = self.raw.pointer(pointer)?.get("x-departures")?.as_array()?;
        entries.iter().enumerate().find_map(|(index, entry)| {
            let text = |key: &str| entry.get(key).and_then(Value::as_str);
            let page_ok = match (text("page"), page_says) {
                (Some(expected), Some(says)) => expected == says,
                _ => true,
            };
            (text("check") == Some("docs") && text("kind") == Some(kind) && page_ok)
                .then(|| (index, text("reason").unwrap_or_default().to_string()))
        })
    }

    /// Follows `$ref`s: the schema and its pointer.
    fn resolve(&self, value: &'a Value, pointer: &str) -> (&'a Value, String) {
        let (mut value, mut pointer) = (value, pointer.to_string());
        for _ in 0..32 {
            let Some(target) = value.get("$ref").and_then(Value::as_str) else { break };
            let local = target.trim_start_matches('#');
            match self.raw.pointer(local) {
                Some(next) => (value, pointer) = (next, local.to_string()),
                None => break,
            }
        }
        (value, pointer)
    }

    fn operation(&mut self, op: &PageOperation, spec_op: &'a Value, pointer: &str) {
        self.parameters(op, spec_op, pointer);
        // Request body.
        self.at.place = "request body".into();
        let body = spec_op.get("requestBody").map(|b| self.resolve(b, &join(pointer, "requestBody")));
        let body_schema =
            body.and_then(|(b, at)| json_schema(b).map(|s| (s, format!("{at}/content/application~1json/schema"))));
        self.body(op.body.as_ref(), body_schema, op.line, pointer);
        // Responses: the tabs in page order against the statuses in ascending order.
        let responses_pointer = join(pointer, "responses");
        let mut statuses: Vec<(u16, &str, &Value)> = spec_op
            .get("responses")
            .and_then(Value::as_object)
            .map(|r| r.iter().filter_map(|(s, v)| Some((s.parse().ok()?, s.as_str(), v))).collect())
            .unwrap_or_default();
        statuses.sort_by_key(|(code, _, _)| *code);
        let labels = |tabs: &[page::Tab]| -> String {
            tabs.iter().map(|t| t.label.unwrap_or("(unlabelled)")).collect::<Vec<_>>().join(", ")
        };
        self.at.place = "responses".into();
        if op.tabs.len() != statuses.len() {
            let spec_says = statuses.iter().map(|(c, _, _)| c.to_string()).collect::<Vec<_>>().join(", ");
            let line = op.tabs.first().map_or(op.line, |t| t.line);
            self.report(
                line,
                "",
                "status",
                format!("{} tab(s): {}", op.tabs.len(), labels(&op.tabs)),
                format!("{} status(es): {spec_says}", statuses.len()),
                &[&responses_pointer],
            );
            return;
        }
        for (tab, (code, status, response)) in op.tabs.iter().zip(statuses) {
            self.at.place = format!("response {code}");
            let response_pointer = join(&responses_pointer, status);
            if let Some(label) = tab.label {
                let (_, range) = STATUS_LABELS.iter().find(|(l, _)| *l == label).expect("a known label");
                if !range.contains(&code) {
                    self.report(tab.line, "", "status", format!("`{label}`"), code.to_string(), &[&response_pointer]);
                }
            }
            let (response, at) = self.resolve(response, &response_pointer);
            let schema = json_schema(response).map(|s| (s, format!("{at}/content/application~1json/schema")));
            if tab.table.is_none() && tab.example && schema.is_some() {
                // A tab with an example but no field table (the error tabs of some pages): no
                // fields to compare; `cargo xtask examples` checks the example decodes.
                continue;
            }
            self.body(tab.table.as_ref(), schema, tab.line, &response_pointer);
        }
    }

    /// Compares a field table (request body or response) with the JSON schema of the spec.
    fn body(&mut self, table: Option<&Table>, schema: Option<(&'a Value, String)>, line: usize, node: &str) {
        match (table, schema) {
            (None, None) => {}
            (Some(table), None) => {
                self.report(table.line, "", "field", "a field table".into(), "no JSON body".into(), &[node]);
            }
            (None, Some((_, at))) => {
                self.report(line, "", "field", "no field table".into(), "a JSON body".into(), &[&at, node])
            }
            (Some(table), Some((schema, at))) => {
                let (schema, at) = self.resolve(schema, &at);
                let kids = self.children(schema, &at);
                let mut pos = 0;
                self.level(&table.rows, &mut pos, &kids, "", &[at.as_str()], &[]);
            }
        }
    }

    fn parameters(&mut self, op: &PageOperation, spec_op: &'a Value, pointer: &str) {
        let mut spec_params: Vec<(String, &'a Value, String, String)> = Vec::new(); // name, schema, decl, at
        if let Some(Value::Array(params)) = spec_op.get("parameters") {
            for (i, param) in params.iter().enumerate() {
                let decl = join(&join(pointer, "parameters"), &i.to_string());
                let (param, at) = self.resolve(param, &decl);
                if matches!(param.get("in").and_then(Value::as_str), Some("path" | "query")) {
                    let name = param.get("name").and_then(Value::as_str).unwrap_or_default().to_string();
                    spec_params.push((name, param, decl, at));
                }
            }
        }
        let place =
            |name: &str| if op.path.contains(&format!("{{{name}}}")) { "path parameter" } else { "query parameter" };
        for row in &op.parameters {
            self.at.place = place(&row.name).into();
            let Some((_, param, decl, at)) = spec_params.iter().find(|(name, ..)| *name == row.name) else {
                self.report(
                    row.line,
                    &row.name,
                    "parameter",
                    format!("`{}` {}", row.name, row.ty),
                    "(absent)".into(),
                    &[pointer],
                );
                continue;
            };
            let (param, decl, at) = (*param, decl.clone(), at.clone());
            let nodes = [decl.as_str(), at.as_str()];
            let required = param.get("required").and_then(Value::as_bool).unwrap_or(false);
            if required != row.required {
                self.report(
                    row.line,
                    &row.name,
                    "required",
                    required_text(row.required),
                    required_text(required),
                    &nodes,
                );
            }
            let schema_pointer = format!("{at}/schema");
            let (schema, schema_at) = match param.get("schema") {
                Some(schema) => self.resolve(schema, &schema_pointer),
                None => (&Value::Null, schema_pointer),
            };
            let nodes = [decl.as_str(), at.as_str(), schema_at.as_str()];
            let ty = parameter_type(schema);
            if ty != row.ty {
                self.report(row.line, &row.name, "type", format!("`{}`", row.ty), format!("`{ty}`"), &nodes);
            }
            self.enums(row, self.enum_values(schema), &nodes);
            let default = schema.get("default").map(scalar_text);
            if default != row.default {
                self.report(row.line, &row.name, "default", option_text(&row.default), option_text(&default), &nodes);
            }
            let maximum = schema.get("maximum").map(scalar_text);
            if maximum != row.maximum {
                self.report(row.line, &row.name, "maximum", option_text(&row.maximum), option_text(&maximum), &nodes);
            }
        }
        for (name, _, decl, at) in &spec_params {
            if !op.parameters.iter().any(|row| row.name == *name) {
                self.at.place = place(name).into();
                self.report(op.line, name, "parameter", "(absent)".into(), format!("`{name}`"), &[decl, at]);
            }
        }
    }

    fn enum_values(&self, schema: &'a Value) -> Option<Vec<String>> {
        let schema = match schema.get("items") {
            Some(items) if schema.get("type").and_then(Value::as_str) == Some("array") => self.resolve(items, "").0,
            _ => schema,
        };
        schema.get("enum")?.as_array().map(|values| values.iter().map(scalar_text).collect())
    }

    fn enums(&mut self, row: &Row, spec: Option<Vec<String>>, nodes: &[&str]) {
        let as_set = |v: &Option<Vec<String>>| v.as_ref().map(|v| v.iter().cloned().collect::<BTreeSet<_>>());
        if as_set(&row.enum_values) != as_set(&spec) {
            let show = |v: &Option<Vec<String>>| v.as_ref().map_or("(none)".to_string(), |v| v.join(", "));
            self.report(row.line, &row.name.clone(), "enum", show(&row.enum_values), show(&spec), nodes);
        }
    }

    /// The fields one level below a schema, as the page lists them: the properties in
    /// alphabetical order, the variants of a `oneOf` as `Option n`; an array shows its items'.
    fn children(&self, schema: &'a Value, at: &str) -> Vec<Child<'a>> {
        let (schema, at) = self.resolve(schema, at);
        if let Some(items) = schema.get("items") {
            let (items, items_at) = self.resolve(items, &join(&at, "items"));
            return self.children(items, &items_at);
        }
        if let Some(Value::Array(variants)) = schema.get("oneOf") {
            return variants
                .iter()
                .enumerate()
                .map(|(i, variant)| {
                    let decl = join(&join(&at, "oneOf"), &i.to_string());
                    let (schema, at) = self.resolve(variant, &decl);
                    Child { name: format!("Option {}", i + 1), required: false, decl, schema, at }
                })
                .collect();
        }
        let required: BTreeSet<&str> = schema
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let mut kids: Vec<Child<'a>> = schema
            .get("properties")
            .and_then(Value::as_object)
            .map(|props| {
                props
                    .iter()
                    .map(|(name, property)| {
                        let decl = join(&join(&at, "properties"), name);
                        let (schema, at) = self.resolve(property, &decl);
                        Child { name: name.clone(), required: required.contains(name.as_str()), decl, schema, at }
                    })
                    .collect()
            })
            .unwrap_or_default();
        kids.sort_by(|a, b| a.name.cmp(&b.name));
        kids
    }

    /// Reads the rows of one level of a table from `rows[*pos]` against the spec's fields `kids`
    /// of that level. `path` is the level's field path, `nodes` where a field the spec lacks is
    /// located, `outer` the field names of the enclosing levels (a row named so closes this level).
    fn level(
        &mut self,
        rows: &[Row],
        pos: &mut usize,
        kids: &[Child<'a>],
        path: &str,
        nodes: &[&str],
        outer: &[BTreeSet<String>],
    ) {
        let mut matched = vec![false; kids.len()];
        let mut last: Option<String> = None;
        let names: BTreeSet<String> = kids.iter().map(|k| k.name.clone()).collect();
        let mut inner: Vec<BTreeSet<String>> = outer.to_vec();
        inner.push(names.clone());
        while let Some(row) = rows.get(*pos) {
            let after_last = |name: &str| last.as_deref().is_none_or(|l| follows(name, l));
            let found = kids
                .iter()
                .enumerate()
                .position(|(k, kid)| !matched[k] && kid.name == row.name && after_last(&kid.name));
            let found = found.or_else(|| {
                // A row that lost its name (see the docs README) stands for the next field of the
                // spec at this level with the same type.
                (row.name.is_empty())
                    .then(|| {
                        kids.iter().enumerate().position(|(k, kid)| {
                            !matched[k] && after_last(&kid.name) && self.page_type(kid.schema) == row.ty
                        })
                    })
                    .flatten()
            });
            if let Some(k) = found {
                let kid = &kids[k];
                matched[k] = true;
                last = Some(kid.name.clone());
                *pos += 1;
                let field = if path.is_empty() { kid.name.clone() } else { format!("{path}.{}", kid.name) };
                if row.name.is_empty() {
                    self.report(
                        row.line,
                        &field,
                        "field",
                        "(a row without a name)".into(),
                        format!("`{}`", kid.name),
                        &[&kid.decl, &kid.at],
                    );
                }
                self.field(rows, pos, row, kid, &field, &inner);
                continue;
            }
            if !outer.is_empty() && (outer.iter().any(|level| level.contains(&row.name)) || !after_last(&row.name)) {
                break;
            }
            // A field the spec does not have at this level, with the rows under it.
            let field = if path.is_empty() { row.name.clone() } else { format!("{path}.{}", row.name) };
            last = Some(row.name.clone());
            *pos += 1;
            let mut below = Vec::new();
            if is_container(&row.ty) {
                while let Some(child) = rows.get(*pos).filter(|c| !inner.iter().any(|level| level.contains(&c.name))) {
                    below.push(child.name.as_str());
                    *pos += 1;
                }
            }
            let mut page_says = format!("`{}` {}", row.name, row.ty);
            if !below.is_empty() {
                page_says = format!("{page_says} with {}", below.join(", "));
            }
            self.report(row.line, &field, "field", page_says, "(absent)".into(), nodes);
        }
        let line = rows.get(*pos).or(rows.last()).map_or(0, |r| r.line);
        for (kid, matched) in kids.iter().zip(matched) {
            if !matched {
                let field = if path.is_empty() { kid.name.clone() } else { format!("{path}.{}", kid.name) };
                let spec_says = format!(
                    "`{}` {}{}",
                    kid.name,
                    self.page_type(kid.schema),
                    if kid.required { " [required]" } else { "" }
                );
                self.report(line, &field, "field", "(absent)".into(), spec_says, &[&kid.decl, &kid.at]);
            }
        }
    }

    /// Compares one row with the spec's field, then the rows under it.
    fn field(
        &mut self,
        rows: &[Row],
        pos: &mut usize,
        row: &Row,
        kid: &Child<'a>,
        field: &str,
        outer: &[BTreeSet<String>],
    ) {
        let nodes = [kid.decl.as_str(), kid.at.as_str()];
        if kid.required != row.required {
            self.report(row.line, field, "required", required_text(row.required), required_text(kid.required), &nodes);
        }
        // `kind: nesting` with `extra-level: NAME`: the page drops the spec's level NAME.
        let (mut schema, mut at) = (kid.schema, kid.at.clone());
        if let Some((node, index, level, reason)) = self.nesting(&nodes) {
            let renders_level =
                rows.get(*pos).is_some_and(|next| next.name == level) && row.ty == self.page_type(kid.schema);
            if let (false, Some(inner)) = (renders_level, kid.schema.pointer(&format!("/properties/{level}"))) {
                let (inner, inner_at) = self.resolve(inner, &join(&join(&kid.at, "properties"), &level));
                (schema, at) = match inner.get("items") {
                    Some(items) => self.resolve(items, &join(&inner_at, "items")),
                    None => (inner, inner_at),
                };
                self.used.insert((node, index));
                let difference = Difference {
                    page: self.at.page.clone(),
                    line: row.line,
                    operation: self.at.operation.clone(),
                    place: self.at.place.clone(),
                    field: field.to_string(),
                    kind: "nesting",
                    page_says: format!("`{}` {}", row.name, row.ty),
                    spec_says: format!("`{}.{level}`", row.name),
                    file: self.spec.locate(&kid.decl).map(Path::to_path_buf),
                    pointer: kid.decl.clone(),
                };
                self.report.accepted.push((difference, reason));
            }
        }
        let nodes = [kid.decl.as_str(), kid.at.as_str(), at.as_str()];
        let ty = self.page_type(schema);
        if ty != row.ty {
            self.report(row.line, field, "type", format!("`{}`", row.ty), format!("`{ty}`"), &nodes);
        }
        let mut named = row.clone();
        named.name = field.to_string();
        self.enums(&named, self.enum_values(schema), &nodes);
        let default = schema.get("default").map(scalar_text);
        if default != row.default {
            self.report(row.line, field, "default", option_text(&row.default), option_text(&default), &nodes);
        }
        let kids = self.children(schema, &at);
        if !kids.is_empty() || is_container(&row.ty) {
            // A field the spec lacks below is located on the schema that holds the fields (an
            // array's items), or on the property.
            let holder = match schema.get("items") {
                Some(items) => self.resolve(items, &join(&at, "items")).1,
                None => at.clone(),
            };
            self.level(rows, pos, &kids, field, &[holder.as_str(), kid.decl.as_str(), at.as_str()], outer);
        }
    }

    /// A `kind: nesting` docs entry on one of `nodes`: (node, index, extra level, reason).
    fn nesting(&self, nodes: &[&str]) -> Option<(String, usize, String, String)> {
        nodes.iter().find_map(|node| {
            let entries = self.raw.pointer(node)?.get("x-departures")?.as_array()?;
            entries.iter().enumerate().find_map(|(index, entry)| {
                let text = |key: &str| entry.get(key).and_then(Value::as_str);
                (text("check") == Some("docs") && text("kind") == Some("nesting")).then(|| {
                    let level = text("extra-level").unwrap_or_default().to_string();
                    (node.to_string(), index, level, text("reason").unwrap_or_default().to_string())
                })
            })
        })
    }

    /// The type of a schema as the pages write it (without spaces).
    fn page_type(&self, schema: &'a Value) -> String {
        let (schema, _) = self.resolve(schema, "");
        if schema.get("oneOf").is_some() {
            return "<oneOf>".into();
        }
        let format = schema.get("format").and_then(Value::as_str);
        match schema.get("type").and_then(Value::as_str) {
            Some("array") => {
                let items = schema.get("items").map_or(String::from("?"), |items| self.page_type(items));
                format!("[{items}]")
            }
            Some("string") if schema.get("enum").is_some() => "enum".into(),
            Some("string") => match format {
                Some("date-time") => "date-time".into(),
                _ => "string".into(),
            },
            Some("integer") => format.unwrap_or("integer").into(),
            Some("number") => format.unwrap_or("number").into(),
            Some(other) => other.into(),
            None if schema.get("properties").is_some() => "object".into(),
            None => "?".into(),
        }
    }

    /// Every `check: docs` entry of the spec that accepted nothing.
    fn stale_departures(&mut self) {
        let mut entries = Vec::new();
        collect_departures(self.raw, String::new(), &mut entries);
        for (pointer, index, kind) in entries {
            if self.used.contains(&(pointer.clone(), index)) {
                continue;
            }
            let file = self.spec.locate(&pointer).map(Path::to_path_buf);
            self.report.differences.push(Difference {
                page: "(spec)".into(),
                line: 0,
                operation: "x-departures".into(),
                place: String::new(),
                field: format!("{index}"),
                kind: "stale-departure",
                page_says: "(no such difference)".into(),
                spec_says: format!("a departure of kind `{kind}`"),
                file,
                pointer,
            });
        }
    }
}

/// (pointer of the node, index, kind) of every `check: docs` departure entry in `value`.
fn collect_departures(value: &Value, pointer: String, out: &mut Vec<(String, usize, String)>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Array(entries)) = map.get("x-departures") {
                for (index, entry) in entries.iter().enumerate() {
                    if entry.get("check").and_then(Value::as_str) == Some("docs") {
                        let kind = entry.get("kind").and_then(Value::as_str).unwrap_or_default().to_string();
                        out.push((pointer.clone(), index, kind));
                    }
                }
            }
            for (key, child) in map {
                if key != "x-departures" {
                    collect_departures(child, join(&pointer, key), out);
                }
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                collect_departures(child, join(&pointer, &i.to_string()), out);
            }
        }
        _ => {}
    }
}

/// The `application/json` schema of a request body or response.
fn json_schema(body: &Value) -> Option<&Value> {
    body.get("content")?.get("application/json")?.get("schema")
}

/// A parameter's type as the pages write it: `integer`, `string`, `enum`, `array`, `boolean`.
fn parameter_type(schema: &Value) -> String {
    match schema.get("type").and_then(Value::as_str) {
        Some("string") if schema.get("enum").is_some() => "enum".into(),
        Some(ty) => ty.into(),
        None => "?".into(),
    }
}

/// Whether `name` can come after its sibling `last` on the pages: fields are in alphabetical
/// order, `Option n` variants in numeric order, and the two are never siblings.
fn follows(name: &str, last: &str) -> bool {
    let option = |n: &str| n.strip_prefix("Option ").and_then(|n| n.parse::<u32>().ok());
    match (option(name), option(last)) {
        (Some(n), Some(l)) => n > l,
        (None, None) => name > last,
        _ => false,
    }
}

fn is_container(ty: &str) -> bool {
    matches!(ty, "object" | "[object]" | "<oneOf>" | "[<oneOf>]")
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn required_text(required: bool) -> String {
    if required { "[required]".into() } else { "not [required]".into() }
}

fn option_text(value: &Option<String>) -> String {
    value.as_ref().map_or("(none)".to_string(), |v| format!("`{v}`"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A step whose `relationships.targets` the spec wraps in `{"data": [...]}` while the page
    /// renders `targets` as a bare `<oneOf>` (as the published document does for escalation
    /// policy steps).
    const SPEC: &str = "
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /api/v2/steps/{id}:
    get:
      operationId: getStep
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Step'}
components:
  schemas:
    Step:
      type: object
      properties:
        relationships:
          type: object
          properties:
            targets:
              type: object
              x-departures:
                - check: docs
                  kind: nesting
                  extra-level: data
                  reason: The page drops the data level.
              properties:
                data:
                  type: array
                  items:
                    oneOf:
                      - $ref: '#/components/schemas/TeamTarget'
                      - $ref: '#/components/schemas/UserTarget'
    TeamTarget:
      type: object
      required: [id, type]
      properties:
        id: {type: string}
        type: {type: string, enum: [teams]}
    UserTarget:
      type: object
      required: [id, type]
      properties:
        id: {type: string}
        type: {type: string, enum: [users]}
";

    fn page(targets: &str) -> String {
        format!(
            "GET https://api.ap1.datadoghq.com/api/v2/steps/{{id}}https://api.datadoghq.eu/x
이름
유형
설명
id [required]
string
The ID.
OK
항목
유형
설명
relationships
object
Relationships.
{targets}"
        )
    }

    const BARE: &str = "targets
 <oneOf>
Targets.
Option 1
object
A team.
id [required]
string
ID.
type [required]
enum
Allowed enum values: teams
Option 2
object
A user.
id [required]
string
ID.
type [required]
enum
Allowed enum values: users
";

    fn run(spec: &str, page_text: &str) -> Report {
        let spec = crate::load::load_sources(&[("t.yaml".into(), spec.to_string())]).expect("the test spec loads");
        let operations = crate::docs::page::parse_page(page_text).expect("the test page parses");
        check_pages(&[("steps.txt".to_string(), operations)], &spec)
    }

    fn lines(report: &Report) -> Vec<String> {
        report.differences.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn nesting_compares_the_rows_with_the_extra_level() {
        let report = run(SPEC, &page(BARE));
        assert!(report.differences.is_empty(), "{:?}", lines(&report));
        let accepted: Vec<(&str, &str, &str)> =
            report.accepted.iter().map(|(d, r)| (d.kind, d.field.as_str(), r.as_str())).collect();
        assert_eq!(accepted, [("nesting", "relationships.targets", "The page drops the data level.")]);
    }

    #[test]
    fn nesting_reports_the_other_differences_below() {
        let report =
            run(SPEC, &page(&BARE.replace("Allowed enum values: users", "Allowed enum values: users, groups")));
        let found = lines(&report);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("`relationships.targets.Option 2.type`: enum: page says users, groups"), "{found:?}");
        let report = run(SPEC, &page(&BARE.replace("type [required]\nenum\nAllowed enum values: teams\n", "")));
        let found = lines(&report);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("`relationships.targets.Option 1.type`: field: page says (absent)"), "{found:?}");
    }

    #[test]
    fn a_nesting_the_page_does_not_drop_is_stale() {
        let with_level = format!(
            "targets\nobject\nTargets.\ndata\n[ <oneOf>]\nThe targets.\n{}",
            &BARE[BARE.find("Option 1").unwrap()..]
        );
        let report = run(SPEC, &page(&with_level));
        let found = lines(&report);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("stale-departure"), "{found:?}");
        assert!(
            found[0].contains("at /components/schemas/Step/properties/relationships/properties/targets"),
            "{found:?}"
        );
    }

    #[test]
    fn a_departure_accepts_only_its_kind_and_page_text() {
        let spec = SPEC.replace(
            "        id: {type: string}\n        type: {type: string, enum: [users]}",
            "        id: {type: string}\n        type:\n          type: string\n          enum: [users]\n          x-departures:\n            - {check: docs, kind: enum, page: users, reason: r}\n            - {check: published, kind: enum, reason: not ours}",
        );
        let report =
            run(&spec, &page(&BARE.replace("Allowed enum values: users", "Allowed enum values: users, groups")));
        let found = lines(&report);
        // The entry's `page:` says `users`, the page now says `users, groups`: not accepted, and
        // the entry, which accepts nothing, is stale. The `published` entry is not docs-check's.
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].contains("enum: page says users, groups"), "{found:?}");
        assert!(found[1].contains("stale-departure"), "{found:?}");
    }

    #[test]
    fn parameter_maximum_and_tab_labels_are_compared() {
        let spec = SPEC.replace(
            "        - {name: id, in: path, required: true, schema: {type: string}}\n",
            "        - {name: id, in: path, required: true, schema: {type: string}}\n        - {name: 'page[size]', in: query, schema: {type: integer, maximum: 100}}\n",
        );
        let text = page(BARE).replace(
            "id [required]\nstring\nThe ID.\n",
            "id [required]\nstring\nThe ID.\npage[size]\ninteger\nSize. The maximum allowed value is 50.\n",
        );
        let found = lines(&run(&spec, &text));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("`page[size]`: maximum: page says `50`, spec says `100`"), "{found:?}");
        let found = lines(&run(SPEC, &page(BARE).replace("\nOK\n", "\nNot Found\n")));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("response 200: status: page says `Not Found`, spec says 200"), "{found:?}");
    }

    #[test]
    fn sibling_order() {
        assert!(follows("Option 10", "Option 9"));
        assert!(follows("links", "link_count"));
        assert!(!follows("link_count", "links"));
        assert!(!follows("Option 5", "type"), "a variant is not a sibling of a field");
        assert!(!follows("type", "Option 5"));
    }

    #[test]
    fn operations_and_parameters_on_one_side_only() {
        let text = page(BARE)
            .replace("id [required]\nstring\nThe ID.\n", "id [required]\nstring\nThe ID.\nlimit\ninteger\nMost.\n");
        let text = format!("{text}DELETE https://api.ap1.datadoghq.com/api/v2/steps/{{id}}https://x\nNo Content\n");
        let found = lines(&run(SPEC, &text));
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found[0].contains("query parameter, `limit`: parameter: page says `limit` integer, spec says (absent)"),
            "{found:?}"
        );
        assert!(found[1].starts_with("steps.txt:"), "{found:?}");
        assert!(
            found[1].contains("DELETE /api/v2/steps/{id}: operation: page says it exists, spec says (absent)"),
            "{found:?}"
        );
    }
}
