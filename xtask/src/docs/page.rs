//! The page reader: splits a saved documentation page into operations and finds, per operation,
//! its JSON examples, its parameter table, its request-body table and one field table per response
//! tab. Shared by `cargo xtask examples` and `cargo xtask docs-check`.
//!
//! Reading rules (see `../shared/docs/README.md`):
//! - an operation starts at a line `METHOD https://api.ap1.datadoghq.com/api/v2/...` (the METHOD is
//!   followed by a plain or a no-break space U+00A0), followed on the same line by the other sites;
//! - a JSON example is a block that starts with a line that is exactly `{` and ends at the
//!   balancing `}`;
//! - blocks before the first response-status label are request examples, blocks after it are the
//!   response examples, in ascending status order of the operation's responses with a JSON body
//!   (the count must match, and a tab label that names a status must agree);
//! - the curl example's body (`-d @- << EOF` ... `EOF`) is a request example too;
//! - a table starts after its three header lines: name/type/description for parameters
//!   (이름/유형/설명, 名前/種類/説明) and field/type/description for fields (항목/유형/설명,
//!   フィールド/種類/説明); a row is a name line (`name`, `name [required]` with a plain or a
//!   no-break space, or `Option N` for a variant of a `<oneOf>`), then a type line, then
//!   description lines (`Allowed enum values: ...`, `default: ...`, `The maximum allowed value is
//!   N.`); a description line directly followed by a type line is a row that lost its name;
//! - a table ends at a JSON example, a status label or the next header. A field table before the
//!   first status label is the request body's; after it, each table is its response tab's.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::Error;

/// The lines that label a response tab on the pages, with the statuses each may stand for. The
/// first one of an operation separates the request examples from the response examples. The
/// labels do not tell the status reliably (see the README's pitfalls: "OK" on a 201 or a 204,
/// "API error response" on a 400, 404 or 409), so the status comes from the spec; the label only
/// cross-checks it. Not a label: "API error response." with a period, which is the description
/// of every error tab (and, on the Teams page, also the name of some tabs).
pub const STATUS_LABELS: &[(&str, std::ops::RangeInclusive<u16>)] = &[
    ("OK", 200..=299),
    ("CREATED", 200..=299),
    ("Created", 200..=299),
    ("No Content", 204..=204),
    ("Represents a user's association to a team", 200..=299),
    ("Bad Request", 400..=400),
    ("Unauthorized", 401..=401),
    ("Authentication error", 403..=403),
    ("Forbidden", 403..=403),
    ("Not Found", 404..=404),
    ("Conflict", 409..=409),
    ("Too many requests", 429..=429),
    ("API error response", 400..=499),
];

/// The status label a line is, if any.
fn status_label(line: &str) -> Option<&'static str> {
    let line = line.trim();
    STATUS_LABELS.iter().map(|(label, _)| *label).find(|label| *label == line)
}

const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE"];
const FIRST_SITE: &str = "https://api.ap1.datadoghq.com";

/// A JSON example of a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// The 1-based line where it starts.
    pub line: usize,
    pub value: Value,
    /// For a response example: the label of its tab, when one was found since the previous
    /// example (a label directly followed by another one is a tab without a body, e.g. 204).
    pub label: Option<&'static str>,
}

/// An operation of a page, with its examples in page order.
#[derive(Debug, Clone, PartialEq)]
pub struct PageOperation {
    pub method: String,
    pub path: String,
    /// The 1-based line of the `METHOD https://...` line.
    pub line: usize,
    /// Blocks before the first status label.
    pub requests: Vec<Block>,
    /// Blocks after the first status label.
    pub responses: Vec<Block>,
    /// Bodies of the curl examples.
    pub curl: Vec<Block>,
    /// The rows of the parameter tables (path and query parameters alike: the pages do not
    /// always say which is which; a name in `{braces}` in the path is a path parameter).
    pub parameters: Vec<Row>,
    /// The request body's field table, when the page has one (before the first status label).
    pub body: Option<Table>,
    /// The response tabs, in page order.
    pub tabs: Vec<Tab>,
}

/// A field table: its header's line and its rows, flattened depth-first as the page shows them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub line: usize,
    pub rows: Vec<Row>,
}

/// One response tab: its status label (when the page gives one the reader knows) and its
/// field table (none for a tab without a body, e.g. 204).
#[derive(Debug, Clone, PartialEq)]
pub struct Tab {
    pub line: usize,
    pub label: Option<&'static str>,
    pub table: Option<Table>,
    /// Whether the tab shows a JSON example.
    pub example: bool,
}

/// One row of a parameter or field table: `name [required]`, type, description lines.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Row {
    /// The 1-based line of the name (of the type, for a row that lost its name).
    pub line: usize,
    /// The field or parameter name; `Option 1`... for the variants of a `<oneOf>`; empty when
    /// the page lost the row's name (the row starts directly with its type).
    pub name: String,
    pub required: bool,
    /// The type as the page writes it, without spaces: `string`, `int64`, `[object]`, `<oneOf>`...
    pub ty: String,
    /// `Allowed enum values: a, b` (in the description or on a line of its own).
    pub enum_values: Option<Vec<String>>,
    /// A line `default: value`.
    pub default: Option<String>,
    /// `The maximum allowed value is N.` in the description.
    pub maximum: Option<String>,
}

/// The header lines of a parameter table (name/type/description) and of a field table
/// (field/type/description), in the languages the saved pages use.
const PARAMETER_HEADER: &[&str] = &["이름", "名前", "Name"];
const FIELD_HEADER: &[&str] = &["항목", "フィールド", "Field"];
const TYPE_HEADER: &[&str] = &["유형", "種類", "Type"];
const DESCRIPTION_HEADER: &[&str] = &["설명", "説明", "Description"];

/// The type words of the tables; `[x]` is an array of x.
const TYPE_WORDS: &[&str] = &[
    "string",
    "object",
    "enum",
    "date-time",
    "int32",
    "int64",
    "integer",
    "double",
    "float",
    "number",
    "boolean",
    "array",
    "<oneOf>",
    "<anyOf>",
    "<allOf>",
];

/// The line as a table type (spaces and no-break spaces removed), if it is one.
pub fn table_type(line: &str) -> Option<String> {
    let ty: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    let inner = ty.strip_prefix('[').and_then(|t| t.strip_suffix(']')).unwrap_or(&ty);
    TYPE_WORDS.contains(&inner).then_some(ty)
}

/// `name [required]` (with a plain or a no-break space) -> (name, required), if the line is a
/// field or parameter name.
fn row_name(line: &str) -> Option<(String, bool)> {
    let line = line.trim();
    let (name, required) = match line.strip_suffix("[required]") {
        Some(name) => (name.trim_end_matches([' ', '\u{a0}']), true),
        None => (line, false),
    };
    let is_option =
        name.strip_prefix("Option ").is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    let is_name = !name.is_empty()
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '[' | ']' | '.' | '-' | '@' | '$'));
    (is_option || is_name).then(|| (name.to_string(), required))
}

/// Which table a header starting at `lines[i]` opens, if any: `Some(true)` for a field table,
/// `Some(false)` for a parameter table. Headers are three lines (blank lines between are skipped).
fn table_header(lines: &[&str], i: usize, end: usize) -> Option<(bool, usize)> {
    let first = lines[i].trim();
    let fields = if FIELD_HEADER.contains(&first) {
        true
    } else if PARAMETER_HEADER.contains(&first) {
        false
    } else {
        return None;
    };
    let second = next_text(lines, i + 1, end)?;
    let third = next_text(lines, second + 1, end)?;
    (TYPE_HEADER.contains(&lines[second].trim()) && DESCRIPTION_HEADER.contains(&lines[third].trim()))
        .then_some((fields, third))
}

/// The index of the next non-blank line from `from`.
fn next_text(lines: &[&str], from: usize, end: usize) -> Option<usize> {
    (from..end).find(|&j| !lines[j].trim().is_empty())
}

/// Reads what a description line says about its row.
fn describe(row: &mut Row, line: &str) {
    let line = line.trim();
    if let Some(at) = line.find("Allowed enum values:") {
        let values = &line[at + "Allowed enum values:".len()..];
        row.enum_values = Some(values.split(',').map(|v| v.trim().to_string()).filter(|v| !v.is_empty()).collect());
    }
    if let Some(value) = line.strip_prefix("default:") {
        row.default = Some(value.trim().to_string());
    }
    if let Some(at) = line.find("maximum allowed value is ") {
        let rest = &line[at + "maximum allowed value is ".len()..];
        let number: String = rest.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
        row.maximum = Some(number.trim_end_matches('.').to_string());
    }
}

/// `METHOD https://api.ap1.datadoghq.com/api/v2/...https://api.datadoghq.eu/...` -> (method, path).
pub fn operation_start(line: &str) -> Option<(&'static str, &str)> {
    METHODS.iter().find_map(|&method| {
        let rest = line.strip_prefix(method)?;
        let rest = rest.strip_prefix(' ').or_else(|| rest.strip_prefix('\u{a0}'))?;
        let rest = rest.strip_prefix(FIRST_SITE)?;
        let path = rest.find("https://").map_or(rest, |end| &rest[..end]).trim();
        path.starts_with("/api/").then_some((method, path))
    })
}

/// Parses the JSON block that starts at `lines[start]` (a `{` line): returns the index of its
/// last line and its value. Braces inside strings do not count.
fn scan_block(lines: &[&str], start: usize, end: usize) -> Result<(usize, Value), String> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, line) in lines.iter().enumerate().take(end).skip(start) {
        for (at, c) in line.char_indices() {
            if in_string {
                match c {
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    '"' => in_string = false,
                    _ => {}
                }
                continue;
            }
            match c {
                '"' => in_string = true,
                '{' | '[' => depth += 1,
                '}' | ']' => {
                    depth = depth.checked_sub(1).ok_or_else(|| format!("line {}: unbalanced `{c}`", i + 1))?;
                    if depth == 0 {
                        if !line[at + 1..].trim().is_empty() {
                            return Err(format!("line {}: text after the closing brace of a JSON example", i + 1));
                        }
                        let text = lines[start..=i].join("\n");
                        let value = serde_json::from_str(&text).map_err(|e| {
                            format!("line {}: invalid JSON example (lines {}-{}): {e}", start + 1, start + 1, i + 1)
                        })?;
                        return Ok((i, value));
                    }
                }
                _ => {}
            }
        }
        if in_string {
            return Err(format!("line {}: a JSON string runs past the end of the line", i + 1));
        }
    }
    Err(format!("line {}: the JSON example that starts here is not closed before the next operation", start + 1))
}

/// The body of a curl example starting at `lines[i]`, which contains `<< EOF`: either on the same
/// line (`<< EOF { ... } EOF`) or on the following lines up to a line `EOF`. Returns the index of
/// the last line and the body.
fn scan_heredoc(lines: &[&str], i: usize, end: usize) -> Result<(usize, Value), String> {
    let line = lines[i];
    let marker = line.find("<< EOF").map(|at| at + "<< EOF".len());
    let marker = marker.or_else(|| line.find("<<EOF").map(|at| at + "<<EOF".len()));
    let rest = &line[marker.expect("called on a heredoc line")..];
    let (last, text) = match rest.trim_end().strip_suffix("EOF") {
        Some(body) => (i, body.to_string()),
        None => {
            let close = (i + 1..end)
                .find(|&j| lines[j].trim() == "EOF")
                .ok_or_else(|| format!("line {}: the curl heredoc is not closed by a line `EOF`", i + 1))?;
            let mut text = rest.to_string();
            for l in &lines[i + 1..close] {
                text.push('\n');
                text.push_str(l);
            }
            (close, text)
        }
    };
    let value = serde_json::from_str(&text).map_err(|e| format!("line {}: invalid JSON in a curl body: {e}", i + 1))?;
    Ok((last, value))
}

/// Splits a page into operations and finds their examples. Errors name the line.
pub fn parse_page(text: &str) -> Result<Vec<PageOperation>, String> {
    let lines: Vec<&str> = text.lines().collect();
    let starts: Vec<(usize, &'static str, &str)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, line)| operation_start(line).map(|(method, path)| (i, method, path)))
        .collect();
    let mut operations = Vec::with_capacity(starts.len());
    for (n, &(start, method, path)) in starts.iter().enumerate() {
        let end = starts.get(n + 1).map_or(lines.len(), |next| next.0);
        let mut op = PageOperation {
            method: method.to_string(),
            path: path.to_string(),
            line: start + 1,
            requests: Vec::new(),
            responses: Vec::new(),
            curl: Vec::new(),
            parameters: Vec::new(),
            body: None,
            tabs: Vec::new(),
        };
        let mut in_responses = false;
        let mut label = None;
        // The table being read: `Some(true)` for a field table (rows go to the last tab or the
        // body), `Some(false)` for a parameter table.
        let mut table: Option<bool> = None;
        // A status label seen since the last field table: the next table is its tab's.
        let mut tab_open = false;
        let mut i = start + 1;
        while i < end {
            let line = lines[i];
            if let Some((fields, last)) = table_header(&lines, i, end) {
                table = Some(fields);
                if fields {
                    let new = Table { line: i + 1, rows: Vec::new() };
                    if !in_responses {
                        op.body = Some(new);
                    } else if tab_open {
                        op.tabs.last_mut().expect("a tab is open").table = Some(new);
                        tab_open = false;
                    } else {
                        op.tabs.push(Tab { line: i + 1, label: None, table: Some(new), example: false });
                    }
                }
                i = last + 1;
                continue;
            }
            if let Some(fields) = table
                && !line.trim().is_empty()
                && line.trim_end() != "{"
                && status_label(line).is_none()
            {
                let rows = if !fields {
                    &mut op.parameters
                } else if in_responses {
                    &mut op.tabs.last_mut().and_then(|t| t.table.as_mut()).expect("a tab's table").rows
                } else {
                    &mut op.body.as_mut().expect("the body's table").rows
                };
                let next = next_text(&lines, i + 1, end);
                match next.and_then(|j| table_type(lines[j]).map(|ty| (j, ty))) {
                    Some((j, ty)) if table_type(line).is_none() => {
                        let row = match row_name(line) {
                            Some((name, required)) => Row { line: i + 1, name, required, ty, ..Row::default() },
                            None => {
                                // A description line directly followed by a type: the page lost
                                // this row's name.
                                if let Some(previous) = rows.last_mut() {
                                    describe(previous, line);
                                }
                                Row { line: j + 1, ty, ..Row::default() }
                            }
                        };
                        rows.push(row);
                        i = j + 1;
                    }
                    _ => {
                        if let Some(row) = rows.last_mut() {
                            describe(row, line);
                        }
                        i += 1;
                    }
                }
                continue;
            }
            if line.contains("<< EOF") || line.contains("<<EOF") {
                let (last, value) = scan_heredoc(&lines, i, end)?;
                op.curl.push(Block { line: i + 1, value, label: None });
                i = last + 1;
            } else if line.trim_end() == "{" {
                let (last, value) = scan_block(&lines, i, end)?;
                let mut block = Block { line: i + 1, value, label: None };
                table = None;
                if in_responses {
                    if let Some(tab) = op.tabs.last_mut() {
                        tab.example = true;
                    }
                    block.label = label.take();
                    op.responses.push(block)
                } else {
                    op.requests.push(block)
                }
                i = last + 1;
            } else {
                if let Some(found) = status_label(line) {
                    in_responses = true;
                    label = Some(found);
                    table = None;
                    // Two labels in a row: the first tab has no table (e.g. 204 No Content).
                    op.tabs.push(Tab { line: i + 1, label: Some(found), table: None, example: false });
                    tab_open = true;
                }
                i += 1;
            }
        }
        operations.push(op);
    }
    Ok(operations)
}

/// The `*.txt` pages of a directory, sorted by name.
pub fn pages(docs_dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let entries = fs::read_dir(docs_dir).map_err(|e| {
        let hint = "it holds the documentation pages saved as text: see README.md, \"When the documentation changes\"";
        Error::in_file(docs_dir, "", format!("cannot read the docs directory: {e}; {hint}"))
    })?;
    let mut pages = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| Error::in_file(docs_dir, "", e.to_string()))?.path();
        if path.extension().and_then(|e| e.to_str()) == Some("txt") {
            pages.push(path);
        }
    }
    pages.sort();
    if pages.is_empty() {
        return Err(Error::in_file(docs_dir, "", "no *.txt pages in the docs directory"));
    }
    Ok(pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operation_start_accepts_both_spaces_and_cuts_the_other_sites() {
        let plain = "GET https://api.ap1.datadoghq.com/api/v2/teamhttps://api.datadoghq.eu/api/v2/team";
        assert_eq!(operation_start(plain), Some(("GET", "/api/v2/team")));
        let nbsp = "PATCH\u{a0}https://api.ap1.datadoghq.com/api/v2/team/{team_id}https://api.datadoghq.eu/x";
        assert_eq!(operation_start(nbsp), Some(("PATCH", "/api/v2/team/{team_id}")));
        assert_eq!(operation_start("GET https://api.datadoghq.eu/api/v2/team"), None);
        assert_eq!(operation_start("curl -X GET \"https://api.ap1.datadoghq.com/api/v2/team\""), None);
    }

    #[test]
    fn parse_page_reports_unclosed_and_invalid_blocks() {
        let unclosed = "GET https://api.ap1.datadoghq.com/api/v2/x\nOK\n{\n\"a\": 1\n";
        assert!(parse_page(unclosed).unwrap_err().contains("line 3"));
        let invalid = "GET https://api.ap1.datadoghq.com/api/v2/x\nOK\n{\n\"a\": integer\n}\n";
        assert!(parse_page(invalid).unwrap_err().contains("invalid JSON example (lines 3-5)"));
    }

    /// A page in the shape of the saved ones: a parameter table, a request body table, a response
    /// tab with a table and an example, an error tab with only an example, a 204-like tab.
    const TABLES: &str = "PATCH\u{a0}https://api.ap1.datadoghq.com/api/v2/things/{id}https://api.datadoghq.eu/x

이름

유형

설명

id\u{a0}[required]

string

The thing's ID.

page[size]

integer

Size for a given page. The maximum allowed value is 100.

Thing payload.

フィールド

種類

説明

data [required]

object

The thing.

kind

enum

Kind of thing. Allowed enum values: a,b

default: a

Whether it is shiny.

boolean

A row that lost its name.

targets

[\u{a0}<oneOf>]

Targets.

Option 1

object

A team.

{
\"data\": {}
}
OK

항목

유형

설명

data

[object]

Things.

Bad Request
API error response.
{
\"errors\": []
}
No Content
";

    #[test]
    fn tables_are_read_with_their_rows() {
        let ops = parse_page(TABLES).unwrap();
        let op = &ops[0];
        let names: Vec<(&str, bool, &str)> =
            op.parameters.iter().map(|r| (r.name.as_str(), r.required, r.ty.as_str())).collect();
        assert_eq!(names, [("id", true, "string"), ("page[size]", false, "integer")]);
        assert_eq!(op.parameters[1].maximum.as_deref(), Some("100"));
        let body = op.body.as_ref().expect("a body table");
        let rows: Vec<(&str, &str)> = body.rows.iter().map(|r| (r.name.as_str(), r.ty.as_str())).collect();
        assert_eq!(
            rows,
            [("data", "object"), ("kind", "enum"), ("", "boolean"), ("targets", "[<oneOf>]"), ("Option 1", "object")]
        );
        assert_eq!(body.rows[1].enum_values, Some(vec!["a".to_string(), "b".to_string()]));
        assert_eq!(body.rows[1].default.as_deref(), Some("a"));
        let tabs: Vec<(Option<&str>, bool, bool)> =
            op.tabs.iter().map(|t| (t.label, t.table.is_some(), t.example)).collect();
        assert_eq!(
            tabs,
            [(Some("OK"), true, false), (Some("Bad Request"), false, true), (Some("No Content"), false, false)]
        );
        assert_eq!(op.tabs[0].table.as_ref().unwrap().rows[0].ty, "[object]");
    }
}
