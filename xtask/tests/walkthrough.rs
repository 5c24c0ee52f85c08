//! The loop "When the documentation changes" (README), whole, on a copy of the workspace: the
//! pages and spec/ change consistently, then `cargo xtask docs-check`, `codegen`, `examples` and
//! `published-check` run as the README says, and the suite's checks that read spec/, the pages
//! or the fixtures pass in the copy with no other edit.
//!
//! One copy holds every kind of change, to keep CI short:
//! - the README's own example (its snippets, verbatim: the test fails if they differ): a field
//!   `user_limit` in the team attributes, with its `check: published` departure (the published
//!   document lacks it), and an operation `GET /api/v2/team/{team_id}/links` with a new
//!   response type `TeamLinksResponse`. `git status` after it must be the README's. If the real
//!   pages or spec/ have these names some day, the same change is made under fresh names
//!   (`user_limit_walkthrough`, ...), so the test keeps working;
//! - a new value of an enum (the first component enum whose value list a page shows), with the
//!   departure published-check asks for;
//! - a new query parameter of the first operation of the Teams page that has one (found by the
//!   page reader, not named).
//!
//! The copy lives in `target/walkthrough/` (a stable path, so that a second run builds
//! incrementally), laid out as the repository's neighbours are: `workspace/` beside
//! `shared/docs` (the changed pages) and `shared/specs` (the published documents), so that the
//! copy's own tests read them by default. The xtask commands run as this workspace's binary
//! pointed at the copy (`--spec`, `--out`, `--fixtures`); `cargo test` runs in the copy and
//! builds into this workspace's target directory (`$CARGO_TARGET_DIR` if set), so that the
//! dependencies are not built again. Cargo names a workspace member's artifacts after its name
//! and its path *relative to the workspace*, which are the same in the copy: the copy's three
//! packages are therefore renamed (`walkthrough-…`, same library names), or their builds would
//! overwrite this workspace's test binaries.
//!
//! Which test targets run in the copy is derived, not listed: every test file of `tests/tests/`
//! and `xtask/tests/` that reads spec/, the pages, the published document or the example fixtures
//! (it calls `default_paths`, `default_docs_dir`, `default_published`, runs the `xtask` binary,
//! expands `__for_each_operation!`, or opens `fixtures/examples`), except this one.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use xtask::error::join;

/// The new row of the team attributes tables, after `user_count`'s.
const PAGE_FIELD: &str = "user_limit

int64

The most users the team may have

";

/// The new operation, as the page shows it (before `DELETE /api/v2/team/{team_id}`).
const PAGE_OPERATION: &str = r#"GET https://api.ap1.datadoghq.com/api/v2/team/{team_id}/linkshttps://api.datadoghq.eu/api/v2/team/{team_id}/links

개요

Get all links for a given team. This endpoint requires the teams_read authorization scope.

인수

Path Parameters

이름

유형

설명

team_id [required]

string

None

응답

OK

Team links response

Expand All

항목

유형

설명

data

[object]

Team links response data

attributes [required]

object

Team link attributes

label [required]

string

The link's label

position

int32

The link's position, used to sort links for the team

team_id

string

ID of the team the link is associated with

url [required]

string

The URL for the link

id [required]

string

The team link's identifier

type [required]

enum

Team link type Allowed enum values: team_links

default: team_links

{
  "data": [
    {
      "attributes": {
        "label": "Runbook",
        "position": 0,
        "team_id": "aeadc05e-98a8-11ec-ac2c-da7ad0900001",
        "url": "https://example.com/runbook"
      },
      "id": "b8626d7e-cedd-11eb-abf5-da7ad0900001",
      "type": "team_links"
    }
  ]
}

Not Found

API error response.

Expand All

항목

유형

설명

errors [required]

[string]

A list of errors.

{
  "errors": [
    "Bad Request"
  ]
}

"#;

/// The field in `spec/teams.yaml`, under `TeamAttributes.properties` after `user_count`.
const SPEC_FIELD: &str = "        user_limit:
          type: integer
          format: int64
          description: The most users the team may have
";

/// The operation in `spec/teams.yaml`, under `paths:`.
const SPEC_OPERATION: &str = "  /api/v2/team/{team_id}/links:
    get:
      operationId: getTeamLinks
      tags:
        - Teams
      summary: Get team links
      description: Get all links for a given team. This endpoint requires the teams_read authorization scope.
      parameters:
        - name: team_id
          in: path
          required: true
          description: None
          schema:
            type: string
      responses:
        200:
          description: OK
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/TeamLinksResponse'
        404:
          $ref: '#/components/responses/NotFoundResponse'
";

/// Its response schema, under `components.schemas`.
const SPEC_SCHEMA: &str = "    TeamLinksResponse:
      type: object
      description: Team links response
      properties:
        data:
          type: array
          description: Team links response data
          items:
            $ref: '#/components/schemas/TeamLink'
";

/// The departure published-check asks for once the field is in spec/ (the published document
/// does not have it), under the field's other keys.
const SPEC_FIELD_DEPARTURE: &str = "          x-departures:
            - check: published
              kind: field
              reason: On the Teams page; not in the published OpenAPI document yet.
";

/// `git status --short` after the README's example (README, step 8).
const GIT_STATUS: &str = " M generated-client/src/apis/mod.rs
 M generated-client/src/apis/teams.rs
 M generated-client/src/models/mod.rs
 M generated-client/src/models/team_attributes.rs
?? generated-client/src/models/team_links_response.rs
 M generated-client/src/operations.rs
 M generated-client/src/testing/operations.rs
 M spec/teams.yaml
 M tests/fixtures/examples/NOTES.md
?? tests/fixtures/examples/getTeamLinks.200.json
?? tests/fixtures/examples/getTeamLinks.404.json
";

fn root() -> PathBuf {
    xtask::workspace_root()
}

/// The target directory of this workspace: `$CARGO_TARGET_DIR` when set, else `target/`.
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root().join("target"), PathBuf::from)
}

/// Makes `to` a copy of `from` (without `target/` and `.git`), writing only the files whose
/// content differs and removing the files `from` does not have: unchanged files keep their
/// times, so cargo rebuilds only what the walkthrough changes.
fn sync_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(to).unwrap() {
        let entry = entry.unwrap();
        if !from.join(entry.file_name()).exists() {
            let path = entry.path();
            if path.is_dir() { fs::remove_dir_all(&path).unwrap() } else { fs::remove_file(&path).unwrap() }
        }
    }
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if name == "target" || name == ".git" {
            continue;
        }
        let (source, dest) = (entry.path(), to.join(&name));
        if entry.file_type().unwrap().is_dir() {
            sync_tree(&source, &dest);
        } else {
            sync_file(&source, &dest);
        }
    }
}

fn sync_file(from: &Path, to: &Path) {
    let contents = fs::read(from).unwrap();
    if fs::read(to).ok().as_deref() != Some(contents.as_slice()) {
        fs::write(to, contents).unwrap();
    }
}

/// Gives the copy's packages names of their own (keeping their library names), so that none of
/// their artifacts has the name of one of this workspace's. Writes only what changes.
fn rename_packages(workspace: &Path) {
    let edit = |relative: &str, edits: &[(&str, &str)], lib: Option<&str>| {
        let path = workspace.join(relative);
        let mut manifest = fs::read_to_string(&path).unwrap();
        for (from, to) in edits {
            assert!(manifest.contains(from), "{relative} has no {from:?}");
            manifest = manifest.replacen(from, to, 1);
        }
        if let Some(lib) = lib {
            manifest.push_str(&format!("\n[lib]\nname = \"{lib}\"\n"));
        }
        if fs::read_to_string(&path).unwrap() != manifest {
            fs::write(&path, manifest).unwrap();
        }
    };
    edit("xtask/Cargo.toml", &[("name = \"xtask\"\n", "name = \"walkthrough-xtask\"\n")], Some("xtask"));
    edit(
        "generated-client/Cargo.toml",
        &[("name = \"datadog-v2-client\"\n", "name = \"walkthrough-datadog-v2-client\"\n")],
        Some("datadog_v2_client"),
    );
    edit(
        "tests/Cargo.toml",
        &[
            ("name = \"tests\"\n", "name = \"walkthrough-tests\"\n"),
            (
                "datadog-v2-client = { path = \"../generated-client\",",
                "datadog-v2-client = { path = \"../generated-client\", package = \"walkthrough-datadog-v2-client\",",
            ),
            ("xtask = { path = \"../xtask\" }", "xtask = { path = \"../xtask\", package = \"walkthrough-xtask\" }"),
        ],
        None,
    );
    // The binary is named after the package now (a binary `xtask` would land on this
    // workspace's `target/debug/xtask`): the copy's tests run it under that name.
    let mut sources = Vec::new();
    list_files(&workspace.join("xtask/tests"), &mut sources);
    for path in sources {
        if path.extension().is_some_and(|e| e == "rs") {
            let source = fs::read_to_string(&path).unwrap();
            let renamed = source.replace("CARGO_BIN_EXE_xtask", "CARGO_BIN_EXE_walkthrough-xtask");
            if renamed != source {
                fs::write(&path, renamed).unwrap();
            }
        }
    }
}

/// Runs `cargo ARGS` in the copy, building into this workspace's target directory. The
/// variables cargo sets for a test (`CARGO_MANIFEST_DIR`, `CARGO_PKG_NAME`, ...) are removed:
/// build scripts watch some of them (ring's does), and would rerun, for the copy and then again
/// for this workspace.
fn cargo(workspace: &Path, args: &[&str]) -> Output {
    let target = target_dir();
    let mut command = Command::new(env!("CARGO"));
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy();
        if name.starts_with("CARGO_") && name != "CARGO_HOME" || name == "OUT_DIR" {
            command.env_remove(name.as_ref());
        }
    }
    command.args(args).current_dir(workspace).env("CARGO_TARGET_DIR", target).output().unwrap()
}

/// Runs this workspace's `xtask` (`cargo xtask ARGS`).
fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask")).args(args).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Inserts `insert` after the first occurrence of `anchor` (which must be there).
fn insert_after(text: &str, anchor: &str, insert: &str) -> String {
    let at = text.find(anchor).unwrap_or_else(|| panic!("no {anchor:?}")) + anchor.len();
    format!("{}{insert}{}", &text[..at], &text[at..])
}

/// The README's names, or fresh ones when the real pages or spec/ already have them.
struct Names(Vec<(&'static str, &'static str)>);

impl Names {
    fn pick(pages: &str, spec: &str) -> Names {
        // `WALKTHROUGH_FRESH_NAMES=1` takes the fresh names anyway (to try that path).
        let taken = ["user_limit", "TeamLinksResponse", "getTeamLinks", "{team_id}/links"]
            .iter()
            .any(|name| pages.contains(name) || spec.contains(name))
            || std::env::var_os("WALKTHROUGH_FRESH_NAMES").is_some();
        if taken {
            Names(vec![
                ("user_limit", "user_limit_walkthrough"),
                ("TeamLinksResponse", "TeamLinksWalkthroughResponse"),
                ("team_links_response", "team_links_walkthrough_response"),
                ("getTeamLinks", "getTeamLinksWalkthrough"),
                ("get_team_links", "get_team_links_walkthrough"),
                ("{team_id}/links", "{team_id}/links-walkthrough"),
            ])
        } else {
            Names(Vec::new())
        }
    }

    fn apply(&self, text: &str) -> String {
        self.0.iter().fold(text.to_owned(), |text, (from, to)| text.replace(from, to))
    }

    /// The README's names back in `text`.
    fn apply_back(&self, text: &str) -> String {
        self.0.iter().rev().fold(text.to_owned(), |text, (from, to)| text.replace(to, from))
    }
}

/// `git status --short` of the copy against this workspace, for the files a maintainer commits
/// (spec/, the generated sources, the fixtures), sorted by path.
fn status(workspace: &Path) -> String {
    let mut lines = Vec::new();
    for dir in ["spec", "generated-client/src", "tests/fixtures/examples"] {
        let mut files = Vec::new();
        list_files(&workspace.join(dir), &mut files);
        for file in files {
            let relative = file.strip_prefix(workspace).unwrap().to_string_lossy().into_owned();
            match fs::read(root().join(&relative)) {
                Ok(original) if original == fs::read(&file).unwrap() => {}
                Ok(_) => lines.push((relative.clone(), format!(" M {relative}"))),
                Err(_) => lines.push((relative.clone(), format!("?? {relative}"))),
            }
        }
    }
    lines.sort();
    lines.into_iter().map(|(_, line)| line + "\n").collect()
}

fn list_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() { list_files(&path, out) } else { out.push(path) }
    }
}

/// The test targets (package, target) that read spec/, the pages, the published document or the
/// fixtures, from their sources (see the module docs).
fn targets_that_read_the_spec() -> Vec<(&'static str, String)> {
    let markers = [
        "default_paths",
        "default_docs_dir",
        "default_published",
        "CARGO_BIN_EXE_xtask",
        "__for_each_operation!",
        "fixtures/examples",
        "join(\"examples\")",
    ];
    let mut targets = Vec::new();
    for (package, dir) in [("walkthrough-tests", "tests/tests"), ("walkthrough-xtask", "xtask/tests")] {
        let mut files: Vec<PathBuf> = fs::read_dir(root().join(dir)).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        for file in files {
            if file.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let name = file.file_stem().unwrap().to_string_lossy().into_owned();
            let source = fs::read_to_string(&file).unwrap();
            if name != "walkthrough" && markers.iter().any(|m| source.contains(m)) {
                targets.push((package, name));
            }
        }
    }
    targets
}

/// The first component enum of `spec` (strings, by name) whose value list a page shows as
/// `Allowed enum values: ...` at the end of a line: (schema name, values, the page's list).
fn an_enum_the_pages_show(spec: &serde_json::Value, pages: &[(PathBuf, String)]) -> (String, Vec<String>, String) {
    let schemas = spec["components"]["schemas"].as_object().expect("component schemas");
    for (name, schema) in schemas {
        let Some(values) = schema["enum"].as_array() else { continue };
        let values: Vec<String> = values.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect();
        if values.len() < 2 || schema.get("x-departures").is_some() {
            continue;
        }
        for separator in [",", ", "] {
            let list = format!("Allowed enum values: {}\n", values.join(separator));
            if pages.iter().any(|(_, page)| page.contains(&list)) {
                return (name.clone(), values, list);
            }
        }
    }
    panic!("no component enum of spec/ is shown by a page")
}

/// Edits the component schema `name` (at the usual indentation, in one of the YAML files of
/// `spec_dir`): `edit` gets its lines (the `    Name:` line first) and changes them.
fn edit_schema(spec_dir: &Path, name: &str, edit: impl FnOnce(&mut Vec<String>)) {
    let mut files: Vec<PathBuf> = fs::read_dir(spec_dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    for path in files {
        let yaml = fs::read_to_string(&path).unwrap();
        let mut lines: Vec<String> = yaml.lines().map(str::to_owned).collect();
        let Some(start) = lines.iter().position(|l| *l == format!("    {name}:")) else { continue };
        let indent = |l: &String| l.len() - l.trim_start().len();
        let end = (start + 1..lines.len())
            .find(|&i| !lines[i].trim().is_empty() && indent(&lines[i]) <= 4)
            .unwrap_or(lines.len());
        let mut schema: Vec<String> = lines.drain(start..end).collect();
        edit(&mut schema);
        lines.splice(start..start, schema);
        fs::write(&path, lines.join("\n") + "\n").unwrap();
        return;
    }
    panic!("no schema {name} in {}", spec_dir.display());
}

/// Appends `value` to the list under `key` (`enum`, `x-enum-varnames`) of a schema's lines.
fn append_to_list(schema: &mut Vec<String>, key: &str, value: &str) {
    let Some(at) = schema.iter().position(|l| *l == format!("      {key}:")) else { return };
    let end = (at + 1..schema.len()).find(|&i| !schema[i].starts_with("        - ")).unwrap_or(schema.len());
    schema.insert(end, format!("        - {value}"));
}

#[test]
fn the_documentation_loop_holds_on_a_copy_of_the_workspace() {
    // The README shows these snippets; they must be the ones tested here.
    // (The README indents them by three spaces, as items of its numbered list.)
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    let readme: String = readme.lines().map(|l| format!("{}\n", l.strip_prefix("   ").unwrap_or(l))).collect();
    for snippet in [PAGE_FIELD.trim_end(), SPEC_FIELD, SPEC_OPERATION, SPEC_SCHEMA, SPEC_FIELD_DEPARTURE, GIT_STATUS] {
        assert!(readme.contains(snippet), "README.md does not show, verbatim:\n{snippet}");
    }
    let page_head = PAGE_OPERATION.split("https://api.datadoghq.eu").next().unwrap();
    assert!(readme.contains(page_head), "README.md does not show {page_head:?}");

    let base = target_dir().join("walkthrough");
    let (workspace, docs, specs) = (base.join("workspace"), base.join("shared/docs"), base.join("shared/specs"));
    fs::create_dir_all(&workspace).unwrap();
    for part in ["Cargo.toml", "Cargo.lock", "rustfmt.toml", "README.md"] {
        sync_file(&root().join(part), &workspace.join(part));
    }
    for dir in [".cargo", "spec", "xtask", "generated-client", "tests"] {
        sync_tree(&root().join(dir), &workspace.join(dir));
    }
    sync_tree(&xtask::default_docs_dir(), &docs);
    sync_tree(xtask::published::default_published().parent().unwrap().parent().unwrap(), &specs);
    rename_packages(&workspace);
    let docs_arg = docs.to_str().unwrap();
    let spec_dir = workspace.join("spec");
    let spec_arg = spec_dir.to_str().unwrap();
    let out = workspace.join("generated-client").join("src");
    let fixtures = workspace.join("tests/fixtures/examples");
    let published = specs.join("datadog-v2/openapi.yaml");

    // The README's names, unless the real pages or spec/ have them already.
    let page = docs.join("teams.txt");
    let spec = spec_dir.join("teams.yaml");
    let original = fs::read_to_string(&page).unwrap();
    let names = Names::pick(&original, &fs::read_to_string(&spec).unwrap());
    let n = |text: &str| names.apply(text);

    // 1. The page changes: a field in every team attributes table, and a new operation.
    let anchor = "user_count\n\nint32\n\nThe number of users belonging to the team\n\n";
    let mut changed = original.replace(anchor, &format!("{anchor}{}", n(PAGE_FIELD)));
    assert_ne!(changed, original);
    let delete = "DELETE\u{a0}https://api.ap1.datadoghq.com/api/v2/team/{team_id}";
    changed = changed.replacen(delete, &format!("{}{delete}", n(PAGE_OPERATION)), 1);
    fs::write(&page, changed).unwrap();
    let field = n("user_limit");

    // 2. docs-check names both changes and fails.
    let check = xtask(&["docs-check", docs_arg, "--spec", spec_arg]);
    let stdout = text(&check.stdout);
    assert_eq!(check.status.code(), Some(1), "{stdout}{}", text(&check.stderr));
    eprintln!("docs-check on the changed page:\n{stdout}");
    assert!(stdout.contains(&format!("`data.attributes.{field}`: field: page says `{field}` int64")), "{stdout}");
    assert!(stdout.contains(&n("GET /api/v2/team/{team_id}/links: operation: page says it exists")), "{stdout}");
    let tables = original.matches(anchor).count();
    assert_eq!(
        stdout.lines().count(),
        tables + 1,
        "{tables} tables show the team attributes, 1 new operation:\n{stdout}"
    );

    // 3. The spec changes the same way; docs-check passes.
    let yaml = fs::read_to_string(&spec).unwrap();
    let yaml =
        insert_after(&yaml, "          description: The number of users belonging to the team\n", &n(SPEC_FIELD));
    let yaml = insert_after(&yaml, "paths:\n", &n(SPEC_OPERATION));
    let yaml = insert_after(&yaml, "components:\n  schemas:\n", &n(SPEC_SCHEMA));
    fs::write(&spec, yaml).unwrap();
    let check = xtask(&["docs-check", docs_arg, "--spec", spec_arg]);
    assert_eq!(check.status.code(), Some(0), "{}{}", text(&check.stdout), text(&check.stderr));

    // 4. published-check names the page-only field (unless the published document has it);
    //    its departure settles it. (Under fresh names, the operation is page-only too.)
    let check = xtask(&["published-check", published.to_str().unwrap(), "--spec", spec_arg]);
    let stdout = text(&check.stdout);
    let undeclared: Vec<&str> = stdout.lines().filter(|l| l.starts_with("undeclared ")).collect();
    let field_line = format!("teams.yaml#/components/schemas/TeamAttributes/properties/{field}");
    let operation_line = format!("teams.yaml#/paths/{}/get", n("/api/v2/team/{team_id}/links").replace('/', "~1"));
    let mut yaml = fs::read_to_string(&spec).unwrap();
    if let Some(line) = undeclared.iter().find(|l| l.contains(&field_line)) {
        assert_eq!(check.status.code(), Some(1), "{stdout}");
        // The README shows this line, with the spec's path as in the repository.
        let shown = format!("undeclared field: {}", &line[line.find("spec/teams.yaml#").unwrap()..]);
        assert!(readme.contains(&names.apply_back(&shown)), "README.md does not show, verbatim:\n{shown}");
        yaml = insert_after(&yaml, &n(SPEC_FIELD), SPEC_FIELD_DEPARTURE);
    }
    if undeclared.iter().any(|l| l.contains(&operation_line)) {
        let departure = "      x-departures:\n        - check: published\n          kind: operation\n          reason: On the Teams page; not in the published OpenAPI document yet.\n";
        yaml = insert_after(&yaml, &n("      operationId: getTeamLinks\n"), departure);
    }
    fs::write(&spec, yaml).unwrap();
    assert!(
        undeclared.iter().all(|l| l.contains(&field_line) || l.contains(&operation_line)),
        "published-check reports more than the new field and operation:\n{stdout}"
    );
    let check = xtask(&["published-check", published.to_str().unwrap(), "--spec", spec_arg]);
    assert_eq!(check.status.code(), Some(0), "{}{}", text(&check.stdout), text(&check.stderr));

    // 5. codegen names the new files (git diff would not show them).
    let codegen = xtask(&["codegen", "--spec", spec_arg, "--out", out.to_str().unwrap()]);
    let stderr = text(&codegen.stderr);
    assert!(codegen.status.success(), "{stderr}");
    assert!(stderr.contains(&n("generated-client/src/models/team_links_response.rs")), "{stderr}");
    let api = fs::read_to_string(workspace.join("generated-client/src/apis/teams.rs")).unwrap();
    assert!(api.contains(&n("pub async fn get_team_links(")), "the new operation is generated");
    let model = fs::read_to_string(workspace.join("generated-client/src/models/team_attributes.rs")).unwrap();
    assert!(model.contains(&format!("pub {field}: Option<i64>")), "the new field is generated");

    // 6. examples writes the new operation's examples; codegen shows them in the rustdoc.
    let examples = xtask(&["examples", docs_arg, "--spec", spec_arg, "--fixtures", fixtures.to_str().unwrap()]);
    assert!(examples.status.success(), "{}", text(&examples.stderr));
    assert!(fixtures.join(n("getTeamLinks.200.json")).is_file());
    assert!(fixtures.join(n("getTeamLinks.404.json")).is_file());
    let codegen = xtask(&["codegen", "--spec", spec_arg, "--out", out.to_str().unwrap()]);
    assert!(codegen.status.success(), "{}", text(&codegen.stderr));
    let response = fs::read_to_string(out.join(n("models/team_links_response.rs"))).unwrap();
    assert!(response.contains(&n("From the documentation (`getTeamLinks`, response 200)")), "{response}");

    // 7. What the maintainer commits: the README's `git status`.
    assert_eq!(status(&workspace), n(GIT_STATUS), "git status after the README's example");

    // More kinds of change in the same copy. A new value of an enum the pages show, on every
    // page that shows its list, and in spec/.
    let mut pages: Vec<(PathBuf, String)> = fs::read_dir(&docs)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            let text = fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect();
    pages.sort();
    let loaded = xtask::load::load_dir(&spec_dir).expect("the changed spec loads");
    let merged = &loaded.raw;
    let (enum_name, values, list) = an_enum_the_pages_show(merged, &pages);
    let upper = values.iter().all(|v| v.to_uppercase() == *v);
    let value = if upper { "WALKTHROUGH_PROBE" } else { "walkthrough_probe" };
    let separator = if list.contains(", ") { ", " } else { "," };
    for (path, page) in &pages {
        let new_list = format!("{}{separator}{value}\n", list.trim_end());
        fs::write(path, page.replace(&list, &new_list)).unwrap();
    }
    edit_schema(&spec_dir, &enum_name, |schema| {
        append_to_list(schema, "enum", value);
        append_to_list(schema, "x-enum-varnames", &value.to_uppercase());
    });
    // A new query parameter of the page's first operation that has one (the page reader finds
    // it; a name that is no `{placeholder}` of the path is a query parameter), before its first
    // parameter, on the page and in the spec file that declares the operation.
    let page_text = fs::read_to_string(&page).unwrap();
    let operations = xtask::docs::page::parse_page(&page_text).expect("the changed page reads");
    let (row_line, parameters) = operations
        .iter()
        .find_map(|op| {
            let query = op.parameters.iter().any(|r| !op.path.contains(&format!("{{{}}}", r.name)));
            let operation = join(&join("/paths", &op.path), &op.method.to_ascii_lowercase());
            let parameters = join(&operation, "parameters");
            let first = op.parameters.first()?;
            (query && merged.pointer(&join(&parameters, "0")).is_some()).then_some((first.line, parameters))
        })
        .expect("an operation of the page with a query parameter, declared in the spec");
    let lines: Vec<&str> = page_text.split_inclusive('\n').collect();
    let row = "filter[walkthrough_probe]\n\nstring\n\nOnly the teams the walkthrough probes\n\n";
    fs::write(&page, format!("{}{row}{}", lines[..row_line - 1].concat(), lines[row_line - 1..].concat())).unwrap();
    let declaring = loaded.locate(&parameters).expect("the spec file of the operation").to_path_buf();
    let yaml = fs::read_to_string(&declaring).unwrap();
    let first = xtask::load::lines::line_of(&yaml, &join(&parameters, "0")).expect("the first parameter's line");
    let lines: Vec<&str> = yaml.split_inclusive('\n').collect();
    let indent = " ".repeat(lines[first - 1].len() - lines[first - 1].trim_start().len());
    let parameter = ["- name: filter[walkthrough_probe]", "  in: query", "  required: false"]
        .into_iter()
        .chain(["  description: Only the teams the walkthrough probes", "  schema:", "    type: string"])
        .map(|line| format!("{indent}{line}\n"))
        .collect::<String>();
    fs::write(&declaring, format!("{}{parameter}{}", lines[..first - 1].concat(), lines[first - 1..].concat()))
        .unwrap();
    let check = xtask(&["docs-check", docs_arg, "--spec", spec_arg]);
    assert_eq!(check.status.code(), Some(0), "{}{}", text(&check.stdout), text(&check.stderr));
    // published-check asks for the enum value's departure if the published document has the enum.
    let check = xtask(&["published-check", published.to_str().unwrap(), "--spec", spec_arg]);
    let stdout = text(&check.stdout);
    if check.status.code() == Some(1) {
        let line = format!("#/components/schemas/{enum_name} ");
        assert!(
            stdout
                .lines()
                .filter(|l| l.starts_with("undeclared "))
                .all(|l| l.starts_with("undeclared enum") && l.contains(&line)),
            "published-check reports more than the new enum value:\n{stdout}"
        );
        edit_schema(&spec_dir, &enum_name, |schema| {
            schema.extend(
                ["      x-departures:", "        - check: published", "          kind: enum"]
                    .map(str::to_owned)
                    .into_iter()
                    .chain(["          reason: On the page; not in the published OpenAPI document yet.".to_owned()]),
            )
        });
    }
    let check = xtask(&["published-check", published.to_str().unwrap(), "--spec", spec_arg]);
    assert_eq!(check.status.code(), Some(0), "{}{}", text(&check.stdout), text(&check.stderr));
    for args in [
        vec!["codegen", "--spec", spec_arg, "--out", out.to_str().unwrap()],
        vec!["examples", docs_arg, "--spec", spec_arg, "--fixtures", fixtures.to_str().unwrap()],
    ] {
        let run = xtask(&args);
        assert!(run.status.success(), "{}", text(&run.stderr));
    }

    // 8. The suite's checks that read spec/, the pages or the fixtures pass, with no other edit.
    let targets = targets_that_read_the_spec();
    assert!(targets.len() >= 5, "too few test targets found: {targets:?}");
    eprintln!("test targets run in the copy: {targets:?}");
    let mut args = vec!["test", "--offline"];
    for (package, target) in &targets {
        args.extend(["-p", package, "--test", target.as_str()]);
    }
    let tests = cargo(&workspace, &args);
    let stdout = text(&tests.stdout);
    assert!(tests.status.success(), "{stdout}\n{}", text(&tests.stderr));
    let passed = stdout.lines().filter(|l| l.starts_with("test result: ok.")).count();
    assert_eq!(passed, targets.len(), "one passing result per test target:\n{stdout}");
}
