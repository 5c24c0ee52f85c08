//! Golden snapshots: each fixture in `tests/fixtures/codegen/` exercises one construct of the
//! generator; its emitted code is pinned by an insta snapshot in `tests/tests/snapshots/`.
//! Review a change with `cargo insta review` (or read the `.snap.new` diff) before accepting it.

use std::path::{Path, PathBuf};

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/codegen")
}

/// Runs load, lower and emit on one fixture and joins the emitted files, each under its path.
fn generate(name: &str) -> String {
    generate_files(name, false)
}

/// As `generate`, with the `mod.rs` files too.
fn generate_with_mods(name: &str) -> String {
    generate_files(name, true)
}

fn generate_files(name: &str, with_mods: bool) -> String {
    let path = fixture_dir().join(format!("{name}.yaml"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let spec = xtask::load::load_sources(&[(PathBuf::from(format!("{name}.yaml")), text)])
        .unwrap_or_else(|e| panic!("fixture {name} does not load: {e}"));
    let files =
        xtask::generate_spec(&spec, None).unwrap_or_else(|e| panic!("fixture {name} does not lower: {e}")).files;
    let mut out = String::new();
    for (path, contents) in files {
        // `mod.rs` files only list the others; leave them out of the snapshots.
        if path.ends_with("mod.rs") && !with_mods {
            continue;
        }
        out.push_str(&format!("// ===== {path}\n{contents}\n"));
    }
    out
}

macro_rules! golden {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                insta::assert_snapshot!(stringify!($name), generate(stringify!($name)));
            }
        )*

        /// Which cargo features compile each model and API module: the `mod.rs` files.
        #[test]
        fn feature_gates() {
            insta::assert_snapshot!("feature_gates", generate_with_mods("feature_gates"));
        }

        /// Every fixture file has its snapshot test, and every test its fixture file.
        #[test]
        fn every_fixture_has_a_test() {
            let mut files: Vec<String> = std::fs::read_dir(fixture_dir())
                .unwrap()
                .map(|e| e.unwrap().path().file_stem().unwrap().to_string_lossy().into_owned())
                .collect();
            files.sort();
            let mut tests = vec!["feature_gates".to_owned(), $(stringify!($name).to_owned()),*];
            tests.sort();
            assert_eq!(files, tests);
        }
    };
}

golden!(
    struct_required_optional,
    enum_default,
    nullable_combinations,
    nullable_relationship,
    one_of_type_dispatch,
    one_of_untagged,
    inline_naming,
    array_map_fields,
    operation_path_query_body,
    deprecated_operation,
    no_content_operation,
    pagination,
    non_json_bodies_and_headers,
    recursive_and_renamed,
    one_of_shared_and_inline,
    integer_enum,
    typed_additional_properties,
    success_bodies_by_status,
);

/// The generator is deterministic: the same input gives byte-identical output.
#[test]
fn output_is_deterministic() {
    for name in ["operation_path_query_body", "one_of_type_dispatch"] {
        assert_eq!(generate(name), generate(name));
    }
}
