//! The README's walkthrough "When the documentation changes", performed on a copy of the
//! workspace: the Teams page gains a field (`user_limit` in the team attributes) and an operation
//! (`GET /api/v2/team/{team_id}/links`); `cargo xtask docs-check` names both; the spec gets them;
//! docs-check passes; `cargo xtask codegen` names the new files; `cargo xtask examples` writes the
//! new operation's examples; and the tests that used to need hand edits pass with none.
//!
//! The copy lives in `target/walkthrough/` (a stable path, so that a second run builds
//! incrementally). The xtask commands run as this workspace's binary pointed at the copy
//! (`--spec`, `--out`, `--fixtures`); `cargo test` runs in the copy and builds into this
//! workspace's target directory, so that the dependencies are not built again. Cargo names a
//! workspace member's artifacts after its name and its path *relative to the workspace*, which
//! are the same in the copy: the copy's three packages are therefore renamed (`walkthrough-…`,
//! same library names), or their builds would overwrite this workspace's test binaries.
//! The spec and page snippets below are the README's, verbatim: the test fails if they differ.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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

fn root() -> PathBuf {
    xtask::workspace_root()
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
}

/// Inserts `text` after the first occurrence of `anchor` (which must be there).
fn insert_after(text: &str, anchor: &str, insert: &str) -> String {
    let at = text.find(anchor).unwrap_or_else(|| panic!("no {anchor:?}")) + anchor.len();
    format!("{}{insert}{}", &text[..at], &text[at..])
}

/// Runs `cargo ARGS` in the copy, building into this workspace's target directory. The
/// variables cargo sets for a test (`CARGO_MANIFEST_DIR`, `CARGO_PKG_NAME`, ...) are removed:
/// build scripts watch some of them (ring's does), and would rerun, for the copy and then again
/// for this workspace.
fn cargo(workspace: &Path, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO"));
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy();
        if name.starts_with("CARGO_") && name != "CARGO_HOME" || name == "OUT_DIR" {
            command.env_remove(name.as_ref());
        }
    }
    command.args(args).current_dir(workspace).env("CARGO_TARGET_DIR", root().join("target")).output().unwrap()
}

/// Runs this workspace's `xtask` (`cargo xtask ARGS`).
fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask")).args(args).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn the_readme_walkthrough_works_on_a_copy_of_the_workspace() {
    // The README shows these snippets; they must be the ones tested here.
    // (The README indents them by three spaces, as items of its numbered list.)
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    let readme: String = readme.lines().map(|l| format!("{}\n", l.strip_prefix("   ").unwrap_or(l))).collect();
    for snippet in [PAGE_FIELD.trim_end(), SPEC_FIELD, SPEC_OPERATION, SPEC_SCHEMA] {
        assert!(readme.contains(snippet), "README.md does not show, verbatim:\n{snippet}");
    }
    let page_head = PAGE_OPERATION.split("https://api.datadoghq.eu").next().unwrap();
    assert!(readme.contains(page_head), "README.md does not show {page_head:?}");

    let base = root().join("target").join("walkthrough");
    let (workspace, docs) = (base.join("workspace"), base.join("docs"));
    fs::create_dir_all(&workspace).unwrap();
    for part in ["Cargo.toml", "Cargo.lock", "rustfmt.toml"] {
        sync_file(&root().join(part), &workspace.join(part));
    }
    for dir in [".cargo", "spec", "xtask", "generated-client", "tests"] {
        sync_tree(&root().join(dir), &workspace.join(dir));
    }
    sync_tree(&xtask::default_docs_dir(), &docs);
    rename_packages(&workspace);
    let docs_arg = docs.to_str().unwrap();
    let spec_dir = workspace.join("spec");
    let spec_arg = spec_dir.to_str().unwrap();

    // 1. The page changes: a field in every team attributes table, and a new operation.
    let page = docs.join("teams.txt");
    let original = fs::read_to_string(&page).unwrap();
    let anchor = "user_count\n\nint32\n\nThe number of users belonging to the team\n\n";
    let mut changed = original.replace(anchor, &format!("{anchor}{PAGE_FIELD}"));
    assert_ne!(changed, original);
    let delete = "DELETE\u{a0}https://api.ap1.datadoghq.com/api/v2/team/{team_id}";
    changed = changed.replacen(delete, &format!("{PAGE_OPERATION}{delete}"), 1);
    fs::write(&page, changed).unwrap();

    // 2. docs-check names both changes and fails.
    let check = xtask(&["docs-check", docs_arg, "--spec", spec_arg]);
    let stdout = text(&check.stdout);
    assert_eq!(check.status.code(), Some(1), "{stdout}{}", text(&check.stderr));
    eprintln!("docs-check on the changed page:\n{stdout}");
    assert!(stdout.contains("`data.attributes.user_limit`: field: page says `user_limit` int64"), "{stdout}");
    assert!(stdout.contains("GET /api/v2/team/{team_id}/links: operation: page says it exists"), "{stdout}");
    assert_eq!(stdout.lines().count(), 8, "7 tables show the team attributes, 1 new operation:\n{stdout}");

    // 3. The spec changes the same way; docs-check passes.
    let spec = spec_dir.join("teams.yaml");
    let yaml = fs::read_to_string(&spec).unwrap();
    let yaml = insert_after(&yaml, "          description: The number of users belonging to the team\n", SPEC_FIELD);
    let yaml = insert_after(&yaml, "paths:\n", SPEC_OPERATION);
    let yaml = insert_after(&yaml, "components:\n  schemas:\n", SPEC_SCHEMA);
    fs::write(&spec, yaml).unwrap();
    let check = xtask(&["docs-check", docs_arg, "--spec", spec_arg]);
    assert_eq!(check.status.code(), Some(0), "{}{}", text(&check.stdout), text(&check.stderr));

    // 4. codegen names the new files (git diff would not show them).
    let out = workspace.join("generated-client").join("src");
    let codegen = xtask(&["codegen", "--spec", spec_arg, "--out", out.to_str().unwrap()]);
    let stderr = text(&codegen.stderr);
    assert!(codegen.status.success(), "{stderr}");
    assert!(
        stderr.contains("created  target/walkthrough/workspace/generated-client/src/models/team_links_response.rs"),
        "{stderr}"
    );
    let api = fs::read_to_string(workspace.join("generated-client/src/apis/teams.rs")).unwrap();
    assert!(api.contains("pub async fn get_team_links("), "the new operation is generated");
    let model = fs::read_to_string(workspace.join("generated-client/src/models/team_attributes.rs")).unwrap();
    assert!(model.contains("pub user_limit: Option<i64>"), "the new field is generated");

    // 5. examples writes the new operation's examples.
    let fixtures = workspace.join("tests/fixtures/examples");
    let examples = xtask(&["examples", docs_arg, "--spec", spec_arg, "--fixtures", fixtures.to_str().unwrap()]);
    assert!(examples.status.success(), "{}", text(&examples.stderr));
    assert!(fixtures.join("getTeamLinks.200.json").is_file());
    assert!(fixtures.join("getTeamLinks.404.json").is_file());

    // 6. The tests that once needed hand edits (response types, example table, operation
    //    counts) pass with none.
    let tests = cargo(
        &workspace,
        &[
            "test",
            "--offline",
            "-p",
            "walkthrough-tests",
            "--test",
            "spec",
            "--test",
            "doc_examples",
            "--test",
            "robustness",
            "--test",
            "checked_in",
        ],
    );
    assert!(tests.status.success(), "{}\n{}", text(&tests.stdout), text(&tests.stderr));
}
