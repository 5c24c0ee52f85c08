//! Specs whose generated code once did not compile (issue 10: names that are keywords, std
//! types or not identifiers, recursive schemas, collisions with the generated names...) now
//! give a crate that passes `cargo clippy -- -D warnings`. Each fixture directory under
//! `tests/fixtures/compiles/` is generated as a standalone crate (`codegen --crate`) in
//! `<target>/compile-check/` and checked there, offline, built into the workspace's target
//! directory (`$CARGO_TARGET_DIR` if set), so that the dependencies the workspace has built are
//! reused.
//!
//! The odd crate also has the response constructs `spec/` lacks (several 2xx statuses with
//! different bodies, bodies that are not JSON): `fixtures/compiles-tests/responses.rs` tests
//! their behaviour inside it, against its generated test doubles. Its doctests (each
//! operation's rustdoc example, with required arguments of every kind) must compile too.

mod common;

use std::path::Path;
use std::process::Command;

use common::{assert_generates_clippy_clean, compile_dir, target_dir};

#[test]
fn odd_names_and_recursive_schemas_give_a_clippy_clean_crate() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/compiles");
    assert_generates_clippy_clean(&fixtures, "odd");
    let out = compile_dir().join("odd");

    // An operation whose success statuses have different bodies gets no `_with_pagination`.
    let teams = std::fs::read_to_string(out.join("src/apis/teams.rs")).unwrap();
    assert!(teams.contains("pub async fn list_jobs("));
    assert!(!teams.contains("list_jobs_with_pagination"));

    // The behaviour tests, in the generated crate: built into this workspace's target directory,
    // whose dependencies the workspace's own tests have already built (a few seconds).
    let tests = out.join("tests");
    std::fs::create_dir_all(&tests).unwrap();
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/compiles-tests/responses.rs");
    let source_text = std::fs::read_to_string(&source).unwrap();
    let test_count = source_text.matches("#[tokio::test]").count() + source_text.matches("#[test]").count();
    std::fs::copy(&source, tests.join("responses.rs")).unwrap();
    let mut manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    manifest.push_str(
        "\n[dev-dependencies]\ntokio = { version = \"1\", features = [\"macros\", \"rt-multi-thread\", \"time\", \"test-util\"] }\n",
    );
    std::fs::write(out.join("Cargo.toml"), manifest).unwrap();

    // The doctests: the rustdoc example of each operation (compiled, not run: `no_run`), which
    // builds its required arguments of every kind (`exampleKinds`, raw bodies...).
    let (mut examples, mut operations) = (0, 0);
    for entry in std::fs::read_dir(out.join("src/apis")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        examples += text.matches("/// ```no_run").count();
        operations += text.lines().filter(|l| l.contains("pub async fn ") && l.contains("_with_http_info(")).count();
    }
    assert_eq!(examples, operations, "one example per operation (short signatures included)");

    // One `cargo test` runs both, so that the crate is built once.
    let stdout = cargo_test(&out, &[]);
    assert!(stdout.contains(&format!("ok. {test_count} passed")), "every response test ran:\n{stdout}");
    assert!(stdout.contains(&format!("ok. {examples} passed")), "every operation's example compiled:\n{stdout}");
}

/// Runs `cargo test --features testing ARGS` in the generated crate `dir`, built into this
/// workspace's target directory (whose dependencies the workspace's own tests have already built:
/// a few seconds); its standard output.
fn cargo_test(dir: &Path, args: &[&str]) -> String {
    let mut command = Command::new(env!("CARGO"));
    // The variables cargo sets for this test would make build scripts that watch them rerun.
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy();
        if name.starts_with("CARGO_") && name != "CARGO_HOME" || name == "OUT_DIR" {
            command.env_remove(name.as_ref());
        }
    }
    let tested = command
        .args(["test", "--offline", "--quiet", "--features", "testing"])
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target_dir())
        .env_remove("RUSTC_WORKSPACE_WRAPPER")
        .output()
        .unwrap();
    assert!(
        tested.status.success(),
        "`cargo test {}` fails in the odd crate:\n{}\n{}",
        args.join(" "),
        String::from_utf8_lossy(&tested.stdout),
        String::from_utf8_lossy(&tested.stderr)
    );
    String::from_utf8_lossy(&tested.stdout).into_owned()
}
