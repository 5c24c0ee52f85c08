//! Specs whose generated code once did not compile (issue 10: names that are keywords, std
//! types or not identifiers, recursive schemas, collisions with the generated names...) now
//! give a crate that passes `cargo clippy -- -D warnings`. Each fixture directory under
//! `tests/fixtures/compiles/` is generated as a standalone crate (`codegen --crate`) in
//! `target/compile-check/` and checked there, offline, with its own target directory so that the
//! dependencies are built once and reused by later runs.
//!
//! The odd crate also has the response constructs `spec/` lacks (several 2xx statuses with
//! different bodies, bodies that are not JSON): `fixtures/compiles-tests/responses.rs` tests
//! their behaviour inside it, against its generated test doubles.

mod common;

use std::path::Path;
use std::process::Command;

use common::assert_generates_clippy_clean;

#[test]
fn odd_names_and_recursive_schemas_give_a_clippy_clean_crate() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/compiles");
    assert_generates_clippy_clean(&fixtures, "odd");
    let out = xtask::workspace_root().join("target/compile-check/odd");

    // An operation whose success statuses have different bodies gets no `_with_pagination`.
    let teams = std::fs::read_to_string(out.join("src/apis/teams.rs")).unwrap();
    assert!(teams.contains("pub async fn list_jobs("));
    assert!(!teams.contains("list_jobs_with_pagination"));

    // The behaviour tests, in the generated crate: built into this workspace's target directory,
    // whose dependencies the workspace's own tests have already built (a few seconds).
    let tests = out.join("tests");
    std::fs::create_dir_all(&tests).unwrap();
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/compiles-tests/responses.rs");
    let test_count = std::fs::read_to_string(&source).unwrap().matches("#[tokio::test]").count();
    std::fs::copy(&source, tests.join("responses.rs")).unwrap();
    let mut manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    manifest.push_str(
        "\n[dev-dependencies]\ntokio = { version = \"1\", features = [\"macros\", \"rt-multi-thread\", \"time\", \"test-util\"] }\n",
    );
    std::fs::write(out.join("Cargo.toml"), manifest).unwrap();
    let mut command = Command::new(env!("CARGO"));
    // The variables cargo sets for this test would make build scripts that watch them rerun.
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy();
        if name.starts_with("CARGO_") && name != "CARGO_HOME" || name == "OUT_DIR" {
            command.env_remove(name.as_ref());
        }
    }
    let tested = command
        .args(["test", "--offline", "--quiet", "--features", "testing", "--test", "responses"])
        .current_dir(&out)
        .env("CARGO_TARGET_DIR", xtask::workspace_root().join("target"))
        .env_remove("RUSTC_WORKSPACE_WRAPPER")
        .output()
        .unwrap();
    assert!(
        tested.status.success(),
        "the response tests of the odd crate fail:\n{}\n{}",
        String::from_utf8_lossy(&tested.stdout),
        String::from_utf8_lossy(&tested.stderr)
    );
    let stdout = String::from_utf8_lossy(&tested.stdout);
    assert!(stdout.contains(&format!("{test_count} passed")), "every response test ran:\n{stdout}");
}
