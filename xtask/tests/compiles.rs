//! Specs whose generated code once did not compile (issue 10: names that are keywords, std
//! types or not identifiers, recursive schemas, collisions with the generated names...) now
//! give a crate that passes `cargo clippy -- -D warnings`. Each fixture directory under
//! `tests/fixtures/compiles/` is generated as a standalone crate (`codegen --crate`) in
//! `target/compile-check/` and checked there, offline, with its own target directory so that the
//! dependencies are built once and reused by later runs.

mod common;

use std::path::Path;

use common::assert_generates_clippy_clean;

#[test]
fn odd_names_and_recursive_schemas_give_a_clippy_clean_crate() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/compiles");
    assert_generates_clippy_clean(&fixtures, "odd");
}
