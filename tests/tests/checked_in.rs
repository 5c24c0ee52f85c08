//! The checked-in generated crate is exactly what the generator produces from `spec/`.

#[test]
fn generated_client_is_up_to_date() {
    let (spec_dir, src_dir) = xtask::default_paths();
    let changes =
        xtask::codegen(&spec_dir, &src_dir, true).unwrap_or_else(|e| panic!("the generator fails on spec/: {e}"));
    assert!(
        changes.is_empty(),
        "generated-client/src is stale (would write {:?}, would remove {:?}).\nRun `cargo xtask codegen` and commit the result.",
        changes.stale,
        changes.removed
    );
}

/// Two runs of the generator on the full spec give byte-identical files.
#[test]
fn full_spec_generation_is_deterministic() {
    let (spec_dir, _) = xtask::default_paths();
    let first = xtask::generate(&spec_dir).unwrap();
    let second = xtask::generate(&spec_dir).unwrap();
    assert_eq!(first, second);
}
