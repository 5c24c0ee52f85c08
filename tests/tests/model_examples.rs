//! The documentation's JSON examples shown in the models' rustdoc (xtask/src/emit/model_examples.rs):
//! each shown example is the fixture it names, as JSON, and the request and response models of
//! an operation with fixtures show one.

use std::path::Path;

use serde_json::Value;

/// The JSON of a model file's `# Example` block, and the `(operationId, suffix)` it names.
fn shown_example(file: &str) -> Option<((String, String), Value)> {
    let start = file.find("/// From the documentation (`")?;
    let label = &file[start + "/// From the documentation (`".len()..];
    let (id, rest) = label.split_once("`, ")?;
    let what = &rest[..rest.find("):")?];
    let suffix = match what.strip_prefix("response ") {
        Some(status) => status.to_owned(),
        None => "request".to_owned(),
    };
    let block = &file[start..];
    let block = &block[block.find("/// ```json\n")? + "/// ```json\n".len()..];
    let block = &block[..block.find("/// ```\n")?];
    let json: String = block.lines().map(|line| line.strip_prefix("///").unwrap_or(line).to_owned() + "\n").collect();
    Some(((id.to_owned(), suffix), serde_json::from_str(&json).expect("the shown example is JSON")))
}

#[test]
fn each_shown_example_is_the_fixture_it_names() {
    let (spec_dir, _) = xtask::default_paths();
    let files = xtask::generate(&spec_dir).unwrap().files;
    let fixtures = spec_dir.parent().unwrap().join("tests/fixtures/examples");
    let mut shown = 0;
    for (path, file) in files.iter().filter(|(path, _)| path.starts_with("models/")) {
        let Some(((id, suffix), json)) = shown_example(file) else { continue };
        let fixture = std::fs::read_to_string(fixtures.join(format!("{id}.{suffix}.json"))).unwrap();
        assert_eq!(json, serde_json::from_str::<Value>(&fixture).unwrap(), "{path}");
        shown += 1;
    }
    assert!(shown >= 30, "only {shown} models show an example");
    // One of them, by name: the team response shows createTeam's 201 example.
    let team = &files["models/team_response.rs"];
    assert!(team.contains("From the documentation (`createTeam`, response 201)"));
    assert!(files["models/team_create_request.rs"].contains("From the documentation (`createTeam`, request body)"));
}

#[test]
fn without_fixtures_beside_the_spec_no_example_is_shown() {
    let (spec_dir, _) = xtask::default_paths();
    let copy = std::env::temp_dir().join(format!("model-examples-{}", std::process::id())).join("spec");
    std::fs::create_dir_all(&copy).unwrap();
    for entry in std::fs::read_dir(&spec_dir).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), copy.join(entry.file_name())).unwrap();
    }
    let files = xtask::generate(Path::new(&copy)).unwrap().files;
    std::fs::remove_dir_all(copy.parent().unwrap()).unwrap();
    assert!(files.iter().all(|(_, file)| !file.contains("From the documentation (")));
}
