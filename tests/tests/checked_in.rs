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
    let first = xtask::generate(&spec_dir).unwrap().files;
    let second = xtask::generate(&spec_dir).unwrap().files;
    assert_eq!(first, second);
}

/// The features of `generated-client/Cargo.toml` that are not API groups: off by default.
const OPTIONAL_FEATURES: [&str; 3] = ["testing", "tracing", "unstable-reqwest"];

/// The feature of `generated-client/Cargo.toml` that is not an API group and is on by default:
/// the HTTP client (without it, the groups' features compile their models alone).
const CLIENT_FEATURE: &str = "client";

/// Every API group of `spec/` has its cargo feature in `generated-client/Cargo.toml`, on by
/// default, and no feature is left from a group that is gone (the others are
/// [`OPTIONAL_FEATURES`], which are off by default). (A missing one also shows as an
/// `unexpected_cfgs` warning when the crate is built.)
#[test]
fn every_group_has_its_cargo_feature() {
    let (spec_dir, src_dir) = xtask::default_paths();
    let api = xtask::generate(&spec_dir).unwrap().api;
    let mut groups: Vec<&str> = api.groups.iter().map(|g| g.feature.as_str()).collect();
    groups.sort();

    let manifest_path = src_dir.parent().unwrap().join("Cargo.toml");
    let manifest = std::fs::read_to_string(&manifest_path).unwrap();
    let features = cargo_features(&manifest);
    let default = features.iter().find(|(name, _)| name == "default").map(|(_, on)| on.clone()).unwrap_or_default();
    let mut declared: Vec<&str> =
        features.iter().map(|(name, _)| name.as_str()).filter(|name| *name != "default").collect();
    for optional in OPTIONAL_FEATURES {
        assert!(declared.contains(&optional), "the `{optional}` feature is declared");
        assert!(!default.contains(&optional.to_owned()), "the `{optional}` feature is off by default");
    }
    assert!(default.iter().any(|name| name == CLIENT_FEATURE), "the `{CLIENT_FEATURE}` feature is on by default");
    declared.retain(|name| !OPTIONAL_FEATURES.contains(name) && *name != CLIENT_FEATURE);
    declared.sort();
    let mut default: Vec<&str> = default.iter().map(String::as_str).filter(|name| *name != CLIENT_FEATURE).collect();
    default.sort();

    let fix =
        "edit the [features] table of generated-client/Cargo.toml: one `name = []` per API group, all in `default`";
    assert_eq!(declared, groups, "declared features vs the spec's groups; {fix}");
    assert_eq!(default, groups, "default features vs the spec's groups; {fix}");
}

/// The `[features]` table of a manifest: `name = ["a", "b"]` lines, each on one line.
fn cargo_features(manifest: &str) -> Vec<(String, Vec<String>)> {
    let mut in_features = false;
    let mut features = Vec::new();
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            in_features = line == "[features]";
            continue;
        }
        let Some((name, value)) = line.split_once('=').filter(|_| in_features && !line.starts_with('#')) else {
            continue;
        };
        let value = value.trim().strip_prefix('[').and_then(|v| v.strip_suffix(']')).expect("a one-line array");
        let on = value.split(',').map(|v| v.trim().trim_matches('"').to_owned()).filter(|v| !v.is_empty()).collect();
        features.push((name.trim().to_owned(), on));
    }
    features
}
