//! `cargo xtask published-check`: the real binary, on spec/ and the published document
//! (`../shared/specs/datadog-v2/openapi.yaml`, as in CI), unchanged and with differences planted
//! in a temporary copy.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{Value, json};

fn published() -> PathBuf {
    let file = xtask::published::default_published();
    assert!(
        file.is_file(),
        "the published document is expected at {} (next to the repository, as in CI)",
        file.display()
    );
    file
}

fn run(file: &Path, verbose: bool) -> (Output, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_xtask"));
    command.arg("published-check").arg(file);
    if verbose {
        command.arg("--verbose");
    }
    let output = command.output().unwrap();
    let stdout = String::from_utf8(output.stdout.clone()).unwrap();
    (output, stdout)
}

/// Every `x-departures` entry of `check: published` in `value`: (JSON pointer of its node, kind,
/// adopted from the published document).
fn published_departures(value: &Value, pointer: &str, out: &mut Vec<(String, String, bool)>) {
    match value {
        Value::Object(members) => {
            for entry in members.get("x-departures").and_then(Value::as_array).into_iter().flatten() {
                if entry["check"] == "published" {
                    let kind = entry["kind"].as_str().unwrap_or_default().to_owned();
                    out.push((pointer.to_owned(), kind, entry["source"] == "published"));
                }
            }
            for (key, member) in members {
                let token = key.replace('~', "~0").replace('/', "~1");
                published_departures(member, &format!("{pointer}/{token}"), out);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                published_departures(item, &format!("{pointer}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// spec/ passes, and `--verbose` shows each of its `check: published` departures under its kind:
/// the entries are read from spec/, not listed here.
#[test]
fn spec_passes_against_the_published_document_and_shows_each_departure() {
    let (output, stdout) = run(&published(), true);
    assert_eq!(output.status.code(), Some(0), "{stdout}{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.contains(" 0 undeclared, 0 stale departure(s)"), "{stdout}");
    let spec = xtask::load::load_dir(&xtask::default_paths().0).expect("spec/ loads");
    let mut departures = Vec::new();
    published_departures(&spec.raw, "", &mut departures);
    assert!(!departures.is_empty(), "spec/ declares no published departure");
    for (pointer, kind, adopted) in departures {
        let (prefix, after) = match (kind.as_str(), adopted) {
            ("contradiction", _) => ("open contradiction: ".to_owned(), ":"),
            (kind, true) => (format!("adopted {kind}: "), ":"),
            (kind, false) => (format!("declared {kind}: "), "  "),
        };
        let shown = format!("#{pointer}{after}");
        assert!(
            stdout.lines().any(|l| l.starts_with(&prefix) && l.contains(&shown)),
            "no `{prefix}...{shown}` line for the departure at {pointer}:\n{stdout}"
        );
    }
    // --verbose also lists what only the published document has, as many as the summary counts.
    let summary = stdout.lines().last().unwrap_or_default();
    let count: usize = summary
        .split(", ")
        .find_map(|part| part.strip_suffix(" published only"))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no published-only count in {summary:?}"));
    assert_eq!(stdout.lines().filter(|l| l.starts_with("published only ")).count(), count, "{stdout}");
}

#[test]
fn a_removed_property_a_flipped_nullable_flag_and_an_added_level_are_each_reported() {
    let mut doc = xtask::published::load_published(&published()).unwrap();
    let team = doc.pointer_mut("/components/schemas/TeamAttributes/properties").unwrap();
    let Value::Object(properties) = team else { panic!("TeamAttributes has properties") };
    // 1. A property removed.
    assert!(properties.shift_remove("handle").is_some());
    // 2. A nullable flag flipped (spec/ adopted it from the published document).
    assert_eq!(properties["description"]["nullable"], json!(true));
    properties["description"]["nullable"] = json!(false);
    // 3. A nesting level added: `name` becomes {"value": <name>}.
    let name = properties["name"].take();
    properties["name"] = json!({"type": "object", "properties": {"value": name}});

    let dir = std::env::temp_dir().join(format!("xtask-published-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("openapi.yaml"); // JSON is YAML
    std::fs::write(&file, serde_json::to_string(&doc).unwrap()).unwrap();
    let (output, stdout) = run(&file, false);
    let _ = std::fs::remove_dir_all(&dir);

    assert_eq!(output.status.code(), Some(1), "{stdout}{}", String::from_utf8_lossy(&output.stderr));
    let ours = "spec/teams.yaml#/components/schemas/TeamAttributes/properties";
    let theirs = "published#/components/schemas/TeamAttributes";
    for expected in [
        format!("undeclared field: {ours}/handle  {theirs}: property `handle`: not in the published document"),
        format!(
            "undeclared nullable: {ours}/description  {theirs}/properties/description: nullable here, not nullable in the published document"
        ),
        format!(
            "undeclared nesting: {ours}/name  {theirs}/properties/name: the published document has an extra object level `value` here"
        ),
        // The adopted flag no longer matches: its entry is reported too.
        format!("stale departure nullable: {ours}/description/x-departures/0: adopted from the published document"),
    ] {
        assert!(stdout.contains(&expected), "missing `{expected}` in:\n{stdout}");
    }
    assert!(stdout.contains(" 3 undeclared, 1 stale departure(s)"), "{stdout}");
}

#[test]
fn bad_input_exits_2_naming_the_file_and_the_pointer() {
    let dir = std::env::temp_dir().join(format!("xtask-published-check-bad-{}", std::process::id()));
    let spec = dir.join("spec");
    std::fs::create_dir_all(&spec).unwrap();
    std::fs::write(
        spec.join("a.yaml"),
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    T:\n      type: string\n      x-departures:\n        - {check: published, kind: nullable}\n",
    )
    .unwrap();
    let published = dir.join("published.yaml");
    std::fs::write(&published, "openapi: 3.0.3\npaths: {}\n").unwrap();
    let run = |file: &Path| {
        let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
            .arg("published-check")
            .arg(file)
            .arg("--spec")
            .arg(&spec)
            .output()
            .unwrap();
        (output.status.code(), String::from_utf8(output.stderr).unwrap())
    };
    let (code, stderr) = run(&published);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("a.yaml:9: at /components/schemas/T/x-departures/0: an `x-departures` entry needs a non-empty string `reason`"),
        "{stderr}"
    );
    // A valid spec/, so that the unreadable published document is the error.
    std::fs::write(spec.join("a.yaml"), "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    T:\n      type: string\n").unwrap();
    let (code, stderr) = run(&dir.join("missing.yaml"));
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("missing.yaml: cannot read"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}
