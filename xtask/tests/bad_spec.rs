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
        &["created  ", "models/a.rs", "removed  ", "models/old.rs", "(5 new), 1 removed", "`git add` the new files"],
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
            "teams.yaml:11: at /components/schemas/Team/handle",
            "`handle` is not a key OpenAPI 3.0 defines for a schema",
        ],
    );
}

// ---- issue 10: inputs that used to panic or to generate Rust that does not compile ----------

/// One operation with the given path, id, tag and parameters, answering 204.
fn op(path: &str, id: &str, tag: &str, params: &str) -> String {
    format!(
        "  {path}:\n    get:\n      operationId: {id}\n      tags: [{tag}]\n      parameters: {params}\n      responses:\n        '204': {{description: ok}}\n"
    )
}

#[test]
fn unclosed_brace_in_a_path_is_located() {
    let spec = format!("{HEAD}tags: [{{name: T}}]\npaths:\n{}", op("/teams/{team_id", "getTeam", "T", "[]"));
    let stderr = fails(&[("ops.yaml", &spec)]);
    assert_contains(&stderr, &["ops.yaml:5:", "at /paths/~1teams~1{team_id:", "malformed"]);
}

#[test]
fn type_names_equal_after_sanitising_are_a_collision() {
    let spec = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    TeamAttributes: {{type: object, properties: {{a: {{type: string}}}}}}\n    team_attributes: {{type: object, properties: {{b: {{type: string}}}}}}\n"
    );
    let stderr = fails(&[("models.yaml", &spec)]);
    assert_contains(
        &stderr,
        &["models.yaml:7:", "/components/schemas/team_attributes", "name collision", "`TeamAttributes`"],
    );
}

#[test]
fn tags_folding_to_one_group_are_a_collision() {
    let spec = format!(
        "{HEAD}tags: [{{name: Teams}}, {{name: teams_}}]\npaths:\n{}{}",
        op("/a", "getA", "Teams", "[]"),
        op("/b", "getB", "teams_", "[]")
    );
    let stderr = fails(&[("ops.yaml", &spec)]);
    assert_contains(
        &stderr,
        &["ops.yaml", "at /tags/1", "the tags `Teams` and `teams_` both become the API struct `TeamsApi`"],
    );
}

/// The tags of several files are merged into one list: a collision is reported in the file of
/// the tag, at its own index and line there (not at its index in the merged list, nor without a
/// file).
#[test]
fn a_tag_collision_across_files_names_the_file_and_line_of_the_tag() {
    let a = format!("{HEAD}tags:\n  - name: Teams\n  - name: Users\npaths:\n{}", op("/a", "getA", "Teams", "[]"));
    let b = format!("{HEAD}tags:\n  - name: Other\n  - name: teams_\npaths:\n{}", op("/b", "getB", "teams_", "[]"));
    let stderr = fails(&[("a.yaml", &a), ("b.yaml", &b)]);
    assert_contains(&stderr, &["b.yaml:5:", "at /tags/1/name", "the tags `Teams` and `teams_` both become"]);
    assert!(!stderr.contains("/tags/3"), "the merged index is not shown: {stderr}");
}

#[test]
fn operation_named_new_is_a_collision_with_the_constructor() {
    let spec = format!("{HEAD}tags: [{{name: T}}]\npaths:\n{}", op("/a", "new", "T", "[]"));
    let stderr = fails(&[("ops.yaml", &spec)]);
    assert_contains(&stderr, &["/paths/~1a/get/operationId", "gives the method `new`", "constructor `TApi::new`"]);
}

#[test]
fn operation_named_like_a_generated_method_is_a_collision() {
    let spec = format!(
        "{HEAD}tags: [{{name: T}}]\npaths:\n{}{}",
        op("/a", "listTeams", "T", "[]"),
        op("/b", "listTeamsWithHttpInfo", "T", "[]")
    );
    let stderr = fails(&[("ops.yaml", &spec)]);
    assert_contains(&stderr, &["/paths/~1b/get/operationId", "method `list_teams_with_http_info`", "listTeams"]);
}

#[test]
fn parameters_that_cannot_be_sent_as_text_are_located() {
    let params_object = "[{name: filter, in: query, schema: {type: object, properties: {a: {type: string}}}}]";
    let params_array = "[{name: ids, in: path, required: true, schema: {$ref: '#/components/schemas/Ids'}}]";
    let spec = format!(
        "{HEAD}tags: [{{name: T}}]\npaths:\n{}{}components:\n  schemas:\n    Ids: {{type: array, items: {{type: string}}}}\n",
        op("/a", "getA", "T", params_object),
        op("/b/{ids}", "getB", "T", params_array)
    );
    let stderr = fails(&[("ops.yaml", &spec)]);
    assert_contains(
        &stderr,
        &[
            "at /paths/~1a/get/parameters/0/schema: unsupported construct: query parameter `filter` must be a scalar",
            "at /paths/~1b~1{ids}/get/parameters/0/schema: unsupported construct: path parameter `ids` must be a scalar",
            "2 errors; nothing was written",
        ],
    );
}

#[test]
fn an_empty_spec_file_is_an_error() {
    let common = format!("{HEAD}components:\n  schemas:\n    A: {{type: string}}\n");
    let stderr = fails(&[("common.yaml", &common), ("teams.yaml", "")]);
    assert_contains(&stderr, &["teams.yaml", "no `paths` and no `components`"]);
}

#[test]
fn the_same_ref_twice_in_a_one_of_is_located() {
    let spec = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A: {{type: object, properties: {{a: {{type: string}}}}}}\n    U:\n      oneOf:\n        - $ref: '#/components/schemas/A'\n        - $ref: '#/components/schemas/A'\n"
    );
    let stderr = fails(&[("models.yaml", &spec)]);
    assert_contains(
        &stderr,
        &["models.yaml:10:", "/components/schemas/U/oneOf/1", "two `oneOf` members become the variant `A`"],
    );
}

#[test]
fn an_array_of_itself_is_located() {
    let spec = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    Tree: {{type: array, items: {{$ref: '#/components/schemas/Tree'}}}}\n"
    );
    let stderr = fails(&[("models.yaml", &spec)]);
    assert_contains(
        &stderr,
        &["models.yaml:6:", "/components/schemas/Tree", "`Tree` contains itself only through aliases"],
    );
}

#[test]
fn a_second_paths_key_is_an_error_not_a_lost_group() {
    let spec = format!(
        "{HEAD}tags: [{{name: T}}]\npaths:\n{}paths:\n{}",
        op("/a", "getA", "T", "[]"),
        op("/b", "getB", "T", "[]")
    );
    let stderr = fails(&[("ops.yaml", &spec)]);
    assert_contains(&stderr, &["ops.yaml:12: at /paths: the key `paths` is given twice"]);
}

#[test]
fn every_error_is_reported_in_one_run_sorted_with_lines_and_suggestions() {
    let a = format!(
        "{HEAD}tags: [{{name: Teams}}]\npaths:\n{}components:\n  schemas:\n    Team:\n      type: object\n      properties:\n        attributes: {{$ref: '#/components/schemas/TeamAtributes'}}\n    TeamAttributes: {{type: object, properties: {{name: {{type: string}}}}}}\n",
        op("/teams/{id", "getTeam", "Teams", "[]")
    );
    let b = "paths:\n  /users:\n    get:\n      operationId: listUsers\n      tags: [Team]\n      responses:\n        '204': {description: ok}\n";
    let stderr = fails(&[("a.yaml", &a), ("b.yaml", b)]);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 4, "{stderr}");
    assert!(lines[0].contains("a.yaml:5: at /paths/~1teams~1{id: the path template"), "{stderr}");
    assert!(
        lines[1].contains("a.yaml:17: at /components/schemas/Team/properties/attributes: unresolved $ref `#/components/schemas/TeamAtributes`")
            && lines[1].contains("(did you mean `TeamAttributes`?)"),
        "{stderr}"
    );
    assert!(
        lines[2].contains("b.yaml:5: at /paths/~1users/get/tags: tag `Team` is not declared")
            && lines[2].contains("did you mean `Teams`?"),
        "{stderr}"
    );
    assert_eq!(lines[3], "3 errors; nothing was written");
}

#[test]
fn a_misspelt_schema_type_is_named_with_a_suggestion() {
    let spec = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        name: {{type: strin}}\n    B: {{type: integr}}\n"
    );
    let stderr = fails(&[("models.yaml", &spec)]);
    assert_contains(
        &stderr,
        &[
            "models.yaml:9: at /components/schemas/A/properties/name/type: `type: strin` is not a schema type",
            "(did you mean `string`?)",
            "models.yaml:10: at /components/schemas/B/type: `type: integr` is not a schema type",
            "(did you mean `integer`?)",
        ],
    );
}

#[test]
fn errors_of_the_openapi_shape_and_of_lowering_come_in_one_run() {
    // `/a` is not valid OpenAPI (responses: 12); `Team` refers to a missing schema, and `User` is
    // not valid OpenAPI either: the reference to it from `Team.user` is not reported again.
    let spec = format!(
        "{HEAD}paths:\n  /a:\n    get:\n      responses: 12\ncomponents:\n  schemas:\n    Team:\n      type: object\n      properties:\n        owner: {{$ref: '#/components/schemas/Missing'}}\n        user: {{$ref: '#/components/schemas/User'}}\n    User: {{type: object, properties: 3}}\n"
    );
    let stderr = fails(&[("a.yaml", &spec)]);
    assert_contains(
        &stderr,
        &[
            "at /paths/~1a/get/responses: not a valid OpenAPI",
            "at /components/schemas/Team/properties/owner: unresolved $ref `#/components/schemas/Missing`",
            "at /components/schemas/User",
            "3 errors; nothing was written",
        ],
    );
    assert!(!stderr.contains("properties/user"), "{stderr}");
}

#[test]
fn integer_enum_errors_name_the_value_and_are_all_reported() {
    let spec = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n{}{}{}{}{}{}",
        "    Wide: {type: integer, format: int32, enum: [1, 3000000000]}\n",
        "    Twice: {type: integer, enum: [1, 2, 1]}\n",
        "    Fraction: {type: integer, enum: [1, 1.5]}\n",
        "    BadDefault: {type: integer, enum: [1, 2], default: 5}\n",
        "    Names: {type: integer, enum: [1, 2], x-enum-varnames: [ONE]}\n",
        "    TwiceText: {type: string, enum: [a, b, a]}\n",
    );
    let stderr = fails(&[("enums.yaml", &spec)]);
    assert_contains(
        &stderr,
        &[
            "enums.yaml:6: at /components/schemas/Wide/enum/1: the enum value 3000000000 does not fit `format: int32`",
            "enums.yaml:7: at /components/schemas/Twice/enum/2: the enum value 1 is listed twice (also at index 0)",
            "enums.yaml:8: at /components/schemas/Fraction/enum/1: the value 1.5 of an integer enum is not an integer within i64",
            "enums.yaml:9: at /components/schemas/BadDefault/default: the default `5` is not one of the enum values",
            "enums.yaml:10: at /components/schemas/Names/x-enum-varnames: `x-enum-varnames` must list one name per enum value",
            "enums.yaml:11: at /components/schemas/TwiceText/enum/2: the enum value a is listed twice (also at index 0)",
        ],
    );
}

#[test]
fn an_enum_of_success_bodies_named_like_the_runtime_s_api_response_is_a_collision() {
    // Different bodies for 200 and 204: the operation `api` would get the enum `ApiResponse`,
    // which its API module imports from the runtime.
    let spec = format!(
        "{HEAD}tags: [{{name: T}}]\npaths:\n  /a:\n    get:\n      operationId: api\n      tags: [T]\n      responses:\n        '200':\n          description: ok\n          content:\n            text/csv: {{schema: {{type: string}}}}\n        '204': {{description: none}}\n"
    );
    let stderr = fails(&[("ops.yaml", &spec)]);
    assert_contains(
        &stderr,
        &["at /paths/~1a/get/operationId", "`api` gives the enum `ApiResponse`", "the runtime's `ApiResponse`"],
    );
}
