//! `cargo xtask docs-check` on today's pages and on changed copies of them: it exits 0 on the
//! pages as saved, and each kind of page change is reported by name with exit code 1.
//!
//! The pages are read from `../shared/docs` (or `$XTASK_DOCS_DIR`); each drift test copies them
//! into a temporary directory, changes one page, and runs the real binary on the copy.
//!
//! No test names an operation, field or text of today's pages or spec: each finds what it changes
//! with the project's page reader (`xtask::docs::page`) and the spec (`xtask::load`), e.g. the
//! first integer field row of a table whose rows correspond one to one to the spec's fields, and
//! derives what docs-check must print (page, operation id, field path, spec file and JSON
//! pointer) from them.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;
use xtask::docs::page::{PageOperation, Row, Table, parse_page};
use xtask::error::join;
use xtask::load::Spec;

fn docs_dir() -> PathBuf {
    let dir = std::env::var_os("XTASK_DOCS_DIR").map_or_else(xtask::default_docs_dir, PathBuf::from);
    assert!(
        dir.join("teams.txt").is_file(),
        "the documentation pages are not in {} (see README, \"When the documentation changes\")",
        dir.display()
    );
    dir
}

/// A copy of the pages with `page` changed by `change` (which must change it).
fn changed_copy(page: &str, change: impl FnOnce(&str) -> String) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "xtask-docs-check-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    for entry in fs::read_dir(docs_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
        }
    }
    let text = fs::read_to_string(dir.join(page)).unwrap();
    let new = change(&text);
    assert_ne!(new, text, "the change did not apply to {page}");
    fs::write(dir.join(page), new).unwrap();
    dir
}

/// Runs `cargo xtask docs-check DIR`: (exit code, stdout lines).
fn docs_check(dir: &std::path::Path) -> (i32, Vec<String>) {
    let output = Command::new(env!("CARGO_BIN_EXE_xtask")).arg("docs-check").arg(dir).output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    (output.status.code().unwrap_or(-1), stdout.lines().map(str::to_owned).collect())
}

/// The name of what the drift tests add to a page: one that no real page will have, so that the
/// tests do not collide with a future change of the documentation (the README's own example adds
/// `user_limit`, which may well become real).
const PROBE: &str = "xtask_docs_check_probe";

/// Replaces the first occurrence of `from` (which must be there).
fn replace_first(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "the page has no {from:?}");
    text.replacen(from, to, 1)
}

/// Asserts exit code 1 and exactly one difference line, which contains every one of `needles`.
fn reported(dir: PathBuf, needles: &[&str]) -> String {
    let (code, lines) = docs_check(&dir);
    let _ = fs::remove_dir_all(&dir);
    assert_eq!(code, 1, "docs-check exit code; output:\n{}", lines.join("\n"));
    assert_eq!(lines.len(), 1, "one difference expected:\n{}", lines.join("\n"));
    for needle in needles {
        assert!(lines[0].contains(needle), "{needle:?} not in: {}", lines[0]);
    }
    lines[0].clone()
}

#[test]
fn todays_pages_and_spec_agree() {
    let (code, lines) = docs_check(&docs_dir());
    assert_eq!(code, 0, "docs-check on today's pages:\n{}", lines.join("\n"));
    assert!(lines.is_empty(), "{lines:?}");
}

/// The spec docs-check reads (the workspace's `spec/`).
fn spec() -> Spec {
    xtask::load::load_dir(&xtask::default_paths().0).unwrap_or_else(|e| panic!("spec/ does not load: {e}"))
}

/// Every page of the docs directory, sorted by name: (file name, operations as the page reader
/// sees them).
fn pages() -> Vec<(String, Vec<PageOperation>)> {
    let mut paths: Vec<PathBuf> = fs::read_dir(docs_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = fs::read_to_string(&path).unwrap();
            let operations = parse_page(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (path.file_name().unwrap().to_string_lossy().into_owned(), operations)
        })
        .collect()
}

/// The spec file of a node as docs-check prints it (relative to the workspace).
fn spec_file(spec: &Spec, pointer: &str) -> String {
    let file = spec.locate(pointer).unwrap_or_else(|| panic!("no spec file holds {pointer}"));
    file.strip_prefix(xtask::workspace_root()).unwrap_or(file).display().to_string()
}

/// `/paths/<path>/<method>` of a page operation.
fn operation_pointer(op: &PageOperation) -> String {
    join(&join("/paths", &op.path), &op.method.to_ascii_lowercase())
}

/// `listTeams (GET /api/v2/team)`, as docs-check names an operation of the spec.
fn operation_name(spec: &Spec, op: &PageOperation) -> Option<String> {
    let id = spec.raw.pointer(&operation_pointer(op))?.get("operationId")?.as_str()?;
    Some(format!("{id} ({} {})", op.method, op.path))
}

/// Follows `$ref`s: the schema and its pointer.
fn resolve<'v>(raw: &'v Value, mut value: &'v Value, mut at: String) -> (&'v Value, String) {
    while let Some(target) = value.get("$ref").and_then(Value::as_str) {
        at = target.trim_start_matches('#').to_string();
        value = raw.pointer(&at).unwrap_or_else(|| panic!("unresolved $ref {target}"));
    }
    (value, at)
}

/// A field of the spec as a page table lists it.
#[derive(Debug, Clone)]
struct SpecField {
    /// The field path of the enclosing level (empty at the top).
    parent: String,
    name: String,
    /// Where the field is declared and where its schema is (after `$ref`s).
    decl: String,
    at: String,
}

impl SpecField {
    fn path(&self) -> String {
        if self.parent.is_empty() { self.name.clone() } else { format!("{}.{}", self.parent, self.name) }
    }
}

/// The fields under a schema in the order the pages flatten them (depth-first, properties in
/// alphabetical order, the variants of a `oneOf` as `Option n`, an array shows its items'). This
/// is the test's own reading of the spec, independent of docs-check's: a table where it gives
/// exactly the page's row names is one where rows and fields correspond one to one.
fn flatten(raw: &Value, schema: &Value, at: String, parent: &str, out: &mut Vec<SpecField>) {
    let (schema, at) = resolve(raw, schema, at);
    if let Some(items) = schema.get("items") {
        return flatten(raw, items, join(&at, "items"), parent, out);
    }
    let mut kids: Vec<(String, String, &Value)> = Vec::new();
    if let Some(Value::Array(variants)) = schema.get("oneOf") {
        for (i, variant) in variants.iter().enumerate() {
            kids.push((format!("Option {}", i + 1), join(&join(&at, "oneOf"), &i.to_string()), variant));
        }
    } else if let Some(Value::Object(properties)) = schema.get("properties") {
        let mut names: Vec<&String> = properties.keys().collect();
        names.sort();
        for name in names {
            kids.push((name.clone(), join(&join(&at, "properties"), name), &properties[name]));
        }
    }
    for (name, decl, value) in kids {
        let (_, kid_at) = resolve(raw, value, decl.clone());
        let field = SpecField { parent: parent.to_string(), name, decl: decl.clone(), at: kid_at };
        let path = field.path();
        out.push(field);
        flatten(raw, value, decl, &path, out);
    }
}

/// A field table of a page whose rows are, one to one and in order, the spec's fields.
struct AlignedTable {
    page: String,
    operation: String,
    rows: Vec<Row>,
    fields: Vec<SpecField>,
}

/// Every field table of the pages (request bodies and response tabs, the tabs against the spec's
/// statuses in ascending order, as docs-check pairs them) where the rows and the spec's fields
/// correspond one to one.
fn aligned_tables(spec: &Spec) -> Vec<AlignedTable> {
    let raw = &spec.raw;
    let mut tables = Vec::new();
    for (page, operations) in pages() {
        for op in &operations {
            let pointer = operation_pointer(op);
            let (Some(spec_op), Some(operation)) = (raw.pointer(&pointer), operation_name(spec, op)) else { continue };
            let mut candidates: Vec<(&Table, String)> = Vec::new();
            if let (Some(table), Some(body)) = (&op.body, spec_op.get("requestBody")) {
                let (body, at) = resolve(raw, body, join(&pointer, "requestBody"));
                if body.pointer("/content/application~1json/schema").is_some() {
                    candidates.push((table, format!("{at}/content/application~1json/schema")));
                }
            }
            let mut statuses: Vec<(u16, &String)> = spec_op["responses"]
                .as_object()
                .map(|r| r.keys().filter_map(|s| Some((s.parse().ok()?, s))).collect())
                .unwrap_or_default();
            statuses.sort();
            if statuses.len() == op.tabs.len() {
                for (tab, (_, status)) in op.tabs.iter().zip(&statuses) {
                    let (response, at) = resolve(
                        raw,
                        &spec_op["responses"][status.as_str()],
                        join(&join(&pointer, "responses"), status),
                    );
                    if let (Some(table), Some(_)) = (&tab.table, response.pointer("/content/application~1json/schema"))
                    {
                        candidates.push((table, format!("{at}/content/application~1json/schema")));
                    }
                }
            }
            for (table, at) in candidates {
                let mut fields = Vec::new();
                flatten(raw, raw.pointer(&at).unwrap(), at, "", &mut fields);
                let same = table.rows.len() == fields.len()
                    && table.rows.iter().zip(&fields).all(|(row, field)| row.name == field.name);
                if same {
                    tables.push(AlignedTable {
                        page: page.clone(),
                        operation: operation.clone(),
                        rows: table.rows.clone(),
                        fields,
                    });
                }
            }
        }
    }
    assert!(!tables.is_empty(), "no field table of the pages corresponds one to one to the spec");
    tables
}

/// Whether the spec accepts a difference on a field on purpose (an `x-departures` entry on its
/// declaration or its schema): such a field is no probe for a drift test.
fn departs(spec: &Spec, field: &SpecField) -> bool {
    [&field.decl, &field.at].iter().any(|node| spec.raw.pointer(node).is_some_and(|v| v.get("x-departures").is_some()))
}

/// The first row (of an aligned table, with a next row in its table, on a field with no
/// departure) that `pick` accepts: (table, index of the row).
fn first_row(spec: &Spec, pick: impl Fn(&AlignedTable, usize) -> bool) -> (AlignedTable, usize) {
    for table in aligned_tables(spec) {
        for i in 0..table.rows.len().saturating_sub(1) {
            if !departs(spec, &table.fields[i]) && pick(&table, i) {
                return (table, i);
            }
        }
    }
    panic!("no row of the pages fits this test");
}

/// The page text with the lines `from..to` (1-based, `to` excluded) replaced by `insert`.
fn splice_lines(text: &str, from: usize, to: usize, insert: &str) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    format!("{}{insert}{}", lines[..from - 1].concat(), lines[to - 1..].concat())
}

/// The 1-based line of a row's type (the first non-blank line after its name).
fn type_line(text: &str, row: &Row) -> usize {
    text.lines().enumerate().skip(row.line).find(|(_, l)| !l.trim().is_empty()).map(|(i, _)| i + 1).unwrap()
}

/// An integer field's row (`int32` or `int64` on the page): the drift tests of a field row.
fn integer_row(spec: &Spec) -> (AlignedTable, usize) {
    first_row(spec, |table, i| matches!(table.rows[i].ty.as_str(), "int32" | "int64"))
}

#[test]
fn a_removed_field_row_is_reported() {
    let spec = spec();
    let (table, i) = integer_row(&spec);
    let (row, field) = (&table.rows[i], &table.fields[i]);
    let dir = changed_copy(&table.page, |t| splice_lines(t, row.line, table.rows[i + 1].line, ""));
    let line = reported(
        dir,
        &[&format!("{}:", table.page), &table.operation, &format!("`{}`", field.path()), ": field: page says (absent)"],
    );
    let at = format!("{} at {}", spec_file(&spec, &field.decl), field.decl);
    assert!(line.contains(&at), "{at:?} not in: {line}");
}

#[test]
fn an_added_field_is_reported() {
    // After a leaf row, a row named after it plus the probe: it sorts right after it, before
    // its next sibling, as the pages order siblings.
    let spec = spec();
    let added = |name: &str| format!("{name}_{PROBE}");
    let (table, i) = first_row(&spec, |table, i| {
        let field = &table.fields[i];
        let leaf = table.fields[i + 1].parent != field.path();
        let next_sibling = table.fields[i + 1..].iter().find(|f| f.parent == field.parent).map(|f| f.name.as_str());
        leaf && next_sibling.is_none_or(|next| added(&field.name).as_str() < next)
    });
    let field = &table.fields[i];
    let name = added(&field.name);
    let row = format!("{name}\n\nint64\n\nA field no real page has\n\n");
    let dir = changed_copy(&table.page, |t| splice_lines(t, table.rows[i + 1].line, table.rows[i + 1].line, &row));
    let path = if field.parent.is_empty() { name.clone() } else { format!("{}.{name}", field.parent) };
    reported(
        dir,
        &[
            &format!("{}:", table.page),
            &table.operation,
            &format!("`{path}`"),
            &format!("field: page says `{name}` int64, spec says (absent)"),
        ],
    );
}

#[test]
fn a_dropped_required_is_reported() {
    let spec = spec();
    // A nested one, so that the field path is checked whole.
    let (table, i) = first_row(&spec, |table, i| table.rows[i].required && !table.fields[i].parent.is_empty());
    let row = &table.rows[i];
    let dir = changed_copy(&table.page, |t| {
        let name_line = t.lines().nth(row.line - 1).unwrap();
        assert!(name_line.trim_end().ends_with("[required]"), "{name_line:?}");
        splice_lines(t, row.line, row.line + 1, &format!("{}\n", row.name))
    });
    reported(
        dir,
        &[
            &format!("{}:", table.page),
            &table.operation,
            &format!("`{}`", table.fields[i].path()),
            "required: page says not [required], spec says [required]",
        ],
    );
}

#[test]
fn a_changed_type_is_reported() {
    let spec = spec();
    let (table, i) = integer_row(&spec);
    let row = &table.rows[i];
    let other = if row.ty == "int32" { "int64" } else { "int32" };
    let dir = changed_copy(&table.page, |t| {
        let at = type_line(t, row);
        let line = t.lines().nth(at - 1).unwrap().replace(&row.ty, other);
        splice_lines(t, at, at + 1, &format!("{line}\n"))
    });
    reported(
        dir,
        &[
            &format!("{}:", table.page),
            &table.operation,
            &format!("`{}`", table.fields[i].path()),
            &format!("type: page says `{other}`, spec says `{}`", row.ty),
        ],
    );
}

#[test]
fn an_added_enum_value_is_reported() {
    // The first enum of the page, whatever it is today: a value is added to its list.
    let page = fs::read_to_string(docs_dir().join("case-management.txt")).unwrap();
    let marker = "Allowed enum values: ";
    let at = page.find(marker).expect("the page lists an enum") + marker.len();
    let list = page[at..].lines().next().unwrap().trim_end();
    let values: Vec<&str> = list.split(',').map(str::trim).collect();
    let probe = PROBE.to_uppercase();
    let dir = changed_copy("case-management.txt", |t| {
        replace_first(t, &format!("{marker}{list}"), &format!("{marker}{list},{probe}"))
    });
    let (page_says, spec_says) = (format!("{}, {probe}", values.join(", ")), values.join(", "));
    reported(dir, &["case-management.txt:", &format!("enum: page says {page_says}, spec says {spec_says}")]);
}

#[test]
fn an_added_query_parameter_is_reported() {
    // Before the first parameter row of the first operation with a query parameter (a name that
    // is not a `{placeholder}` of its path).
    let spec = spec();
    let (page, op, row) = pages()
        .into_iter()
        .flat_map(|(page, operations)| operations.into_iter().map(move |op| (page.clone(), op)))
        .find_map(|(page, op)| {
            let query = op.parameters.iter().any(|r| !op.path.contains(&format!("{{{}}}", r.name)));
            let first = op.parameters.first().cloned();
            (query && operation_name(&spec, &op).is_some()).then(|| (page, op, first.unwrap()))
        })
        .expect("an operation with a query parameter");
    let name = format!("filter[{PROBE}]");
    let dir = changed_copy(&page, |t| {
        splice_lines(t, row.line, row.line, &format!("{name}\n\nstring\n\nA parameter no real page has\n\n"))
    });
    reported(
        dir,
        &[
            &format!("{page}:"),
            &operation_name(&spec, &op).unwrap(),
            "query parameter",
            &format!("`{name}`"),
            &format!("parameter: page says `{name}` string, spec says (absent)"),
        ],
    );
}

#[test]
fn a_removed_operation_is_reported() {
    // The first operation of the first page with two, cut up to the next operation.
    let spec = spec();
    let (page, first, next) = pages()
        .into_iter()
        .find_map(|(page, operations)| match operations.as_slice() {
            [first, next, ..] if operation_name(&spec, first).is_some() => Some((page, first.clone(), next.line)),
            _ => None,
        })
        .expect("a page with two operations");
    let dir = changed_copy(&page, |t| splice_lines(t, first.line, next, ""));
    let pointer = operation_pointer(&first);
    let file = spec_file(&spec, &pointer);
    // An operation no page shows is reported against the page named after its spec file.
    let reported_page = format!("{}.txt", Path::new(&file).file_stem().unwrap().to_string_lossy());
    let line = reported(
        dir,
        &[&format!("{reported_page}: {}", operation_name(&spec, &first).unwrap()), "operation: page says (absent)"],
    );
    assert!(line.contains(&format!("{file} at {pointer}")), "{file} at {pointer} not in: {line}");
}

/// The `check: docs` entries of `x-departures` in the spec: (pointer of the node, entry).
fn docs_departures(value: &Value, pointer: String, out: &mut Vec<(String, Value)>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                if key == "x-departures" {
                    let entries = child.as_array().into_iter().flatten();
                    out.extend(entries.filter(|e| e["check"] == "docs").map(|e| (pointer.clone(), e.clone())));
                } else {
                    docs_departures(child, join(&pointer, key), out);
                }
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                docs_departures(child, join(&pointer, &i.to_string()), out);
            }
        }
        _ => {}
    }
}

#[test]
fn verbose_lists_the_accepted_departures() {
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["docs-check"])
        .arg(docs_dir())
        .arg("--verbose")
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    // Each accepted difference is a line and its reason on the next.
    let accepted: Vec<(&str, &str)> = lines
        .windows(2)
        .filter(|w| w[0].starts_with("accepted: "))
        .map(|w| {
            (w[0], w[1].trim_start().strip_prefix("reason: ").unwrap_or_else(|| panic!("no reason after {}", w[0])))
        })
        .collect();
    let reasons = lines.iter().filter(|l| l.trim_start().starts_with("reason: ")).count();
    assert_eq!(reasons, accepted.len(), "{stdout}");
    // Every `check: docs` entry of the spec accepts at least one difference of its kind (and page
    // text), and every accepted difference is one entry's.
    let mut entries = Vec::new();
    docs_departures(&spec().raw, String::new(), &mut entries);
    let accepts = |entry: &Value, (line, reason): &(&str, &str)| {
        let kind = format!(": {}: page says {}", entry["kind"].as_str().unwrap(), entry["page"].as_str().unwrap_or(""));
        line.contains(&kind) && *reason == entry["reason"].as_str().unwrap().trim()
    };
    for (pointer, entry) in &entries {
        assert!(accepted.iter().any(|a| accepts(entry, a)), "the departure at {pointer} accepts nothing:\n{stdout}");
    }
    for a in &accepted {
        assert!(entries.iter().any(|(_, entry)| accepts(entry, a)), "no departure of the spec accepts {}", a.0);
    }
    // The field path of one: an entry on a property names the field it accepts.
    if let Some((pointer, entry)) = entries.iter().find(|(p, _)| p.rsplit('/').nth(1) == Some("properties")) {
        let name = pointer.rsplit('/').next().unwrap();
        assert!(
            accepted.iter().any(
                |a| accepts(entry, a) && (a.0.contains(&format!(".{name}`")) || a.0.contains(&format!("`{name}`")))
            ),
            "no accepted line names the field `{name}` of the departure at {pointer}:\n{stdout}"
        );
    }
}
