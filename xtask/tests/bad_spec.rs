//! Bad spec input: `cargo xtask codegen` exits 1 with an error naming the file and the JSON
//! pointer, and writes nothing. Each test runs the real binary on a spec in a temporary directory
//! whose output directory already holds a generated file that must survive untouched.

use std::fs;
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

const HEAD: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n";

/// A fresh directory with `spec/` holding `files` and `out/models/` holding one generated file.
fn workspace(files: &[(&str, &str)]) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "xtask-bad-spec-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("spec")).unwrap();
    fs::create_dir_all(dir.join("out/models")).unwrap();
    for (name, text) in files {
        fs::write(dir.join("spec").join(name), text).unwrap();
    }
    fs::write(dir.join("out/models/old.rs"), format!("{}\n// old\n", xtask::emit::HEADER)).unwrap();
    dir
}

/// Runs codegen; asserts exit code 1 and an untouched output directory; returns stderr.
fn fails(files: &[(&str, &str)]) -> String {
    let dir = workspace(files);
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["codegen", "--spec"])
        .arg(dir.join("spec"))
        .arg("--out")
        .arg(dir.join("out"))
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(1), "stderr: {stderr}");
    let entries: Vec<_> = fs::read_dir(dir.join("out/models")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(entries, ["old.rs"], "the output directory was changed");
    assert_eq!(
        fs::read_to_string(dir.join("out/models/old.rs")).unwrap(),
        format!("{}\n// old\n", xtask::emit::HEADER)
    );
    assert!(!dir.join("out/apis").exists(), "the output directory was changed");
    fs::remove_dir_all(&dir).unwrap();
    stderr
}

fn assert_contains(stderr: &str, parts: &[&str]) {
    for part in parts {
        assert!(stderr.contains(part), "expected {part:?} in: {stderr}");
    }
}

#[test]
fn invalid_yaml_names_file_and_line() {
    let stderr = fails(&[("a.yaml", &format!("{HEAD}paths:\n  /x: [unclosed\n"))]);
    assert_contains(&stderr, &["a.yaml", "invalid YAML", "line 4"]);
}

#[test]
fn unresolved_ref_names_file_and_pointer() {
    let spec = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    Team:\n      type: object\n      properties:\n        attributes: {{$ref: '#/components/schemas/Missing'}}\n"
    );
    let stderr = fails(&[("teams.yaml", &spec)]);
    assert_contains(
        &stderr,
        &["teams.yaml", "/components/schemas/Team/properties/attributes", "unresolved $ref", "Missing"],
    );
}

fn operation(path: &str, id: &str, params: &str) -> String {
    format!(
        "  {path}:\n    get:\n      operationId: {id}\n      tags: [T]\n      parameters: {params}\n      responses:\n        '204': {{description: ok}}\n"
    )
}

#[test]
fn duplicate_operation_name_names_both_places() {
    let spec = format!(
        "{HEAD}tags: [{{name: T}}]\npaths:\n{}{}",
        operation("/a", "getThing", "[]"),
        operation("/b", "getThing", "[]")
    );
    let stderr = fails(&[("ops.yaml", &spec)]);
    assert_contains(
        &stderr,
        &["ops.yaml", "/paths/~1b/get/operationId", "duplicate operation name `get_thing`", "/paths/~1a/get"],
    );
}

#[test]
fn undeclared_path_parameter() {
    let spec = format!("{HEAD}tags: [{{name: T}}]\npaths:\n{}", operation("/teams/{team_id}", "getTeam", "[]"));
    let stderr = fails(&[("ops.yaml", &spec)]);
    assert_contains(&stderr, &["ops.yaml", "/paths/~1teams~1{team_id}/get/parameters", "`team_id`", "not declared"]);
}

#[test]
fn path_parameter_missing_from_template() {
    let params = "[{name: team_id, in: path, required: true, schema: {type: string}}]";
    let spec = format!("{HEAD}tags: [{{name: T}}]\npaths:\n{}", operation("/teams", "getTeam", params));
    let stderr = fails(&[("ops.yaml", &spec)]);
    assert_contains(&stderr, &["ops.yaml", "/paths/~1teams/get/parameters", "not in the path template"]);
}

#[test]
fn unsupported_construct() {
    let spec = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        b:\n          allOf: [{{type: string}}]\n"
    );
    let stderr = fails(&[("models.yaml", &spec)]);
    assert_contains(&stderr, &["models.yaml", "/components/schemas/A/properties/b", "unsupported construct: `allOf`"]);
}

#[test]
fn inline_name_collision_is_an_error_not_a_rename() {
    // The inline schema of `Team.attributes` would be named `TeamAttributes`, which exists.
    let spec = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    Team:\n      type: object\n      properties:\n        attributes:\n          type: object\n          properties: {{name: {{type: string}}}}\n    TeamAttributes:\n      type: object\n      properties: {{id: {{type: string}}}}\n"
    );
    let stderr = fails(&[("models.yaml", &spec)]);
    assert_contains(&stderr, &["models.yaml", "name collision", "`TeamAttributes`"]);
}

#[test]
fn same_schema_defined_differently_in_two_files() {
    let a = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    User: {{type: object, properties: {{id: {{type: string}}}}}}\n"
    );
    let b = "components:\n  schemas:\n    User: {type: object, properties: {name: {type: string}}}\n";
    let stderr = fails(&[("a.yaml", &a), ("b.yaml", b)]);
    assert_contains(&stderr, &["b.yaml", "/components/schemas/User", "a.yaml", "different content"]);
}

#[test]
fn not_openapi_names_the_pointer() {
    let spec = format!("{HEAD}paths:\n  /a:\n    get:\n      responses: 12\n");
    let stderr = fails(&[("a.yaml", &spec)]);
    assert_contains(&stderr, &["a.yaml", "/paths/~1a/get/responses", "not a valid OpenAPI"]);
}

#[test]
fn check_mode_lists_stale_files_and_writes_nothing() {
    let spec = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A: {{type: object, properties: {{b: {{type: string}}}}}}\n"
    );
    let dir = workspace(&[("a.yaml", &spec)]);
    let run = |check: bool| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_xtask"));
        command.args(["codegen", "--spec"]).arg(dir.join("spec")).arg("--out").arg(dir.join("out"));
        if check {
            command.arg("--check");
        }
        command.output().unwrap()
    };
    let checked = run(true);
    let stderr = String::from_utf8(checked.stderr).unwrap();
    assert_eq!(checked.status.code(), Some(1));
    assert_contains(&stderr, &["would write", "models/a.rs", "would remove", "models/old.rs", "cargo xtask codegen"]);
    assert!(!dir.join("out/models/a.rs").exists());
    // A real run writes the new file, removes the stale generated one, keeps hand-written files.
    fs::write(dir.join("out/models/hand_written.rs"), "// mine\n").unwrap();
    let written = run(false);
    assert!(written.status.success());
    let stderr = String::from_utf8(written.stderr).unwrap();
    assert_contains(
        &stderr,
        &["created  ", "models/a.rs", "removed  ", "models/old.rs", "(3 new), 1 removed", "`git add` the new files"],
    );
    assert!(dir.join("out/models/a.rs").exists());
    assert!(!dir.join("out/models/old.rs").exists());
    assert!(dir.join("out/models/hand_written.rs").exists());
    assert!(run(true).status.success(), "a second check finds nothing stale");
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_dedented_property_is_a_stray_key_with_file_line_and_pointer() {
    let spec = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    Team:\n      type: object\n      properties:\n        name:\n          type: string\n      handle:\n        type: string\n"
    );
    let stderr = fails(&[("teams.yaml", &spec)]);
    assert_contains(
        &stderr,
        &[
            "teams.yaml",
            "at /components/schemas/Team/handle",
            "line 11",
            "`handle` is not a key OpenAPI 3.0 defines for a schema",
        ],
    );
}

#[test]
fn an_empty_spec_file_is_an_error() {
    let common = format!("{HEAD}components:\n  schemas:\n    A: {{type: string}}\n");
    let stderr = fails(&[("common.yaml", &common), ("teams.yaml", "")]);
    assert_contains(&stderr, &["teams.yaml", "no `paths` and no `components`"]);
}
