//! `cargo xtask codegen --spec DIR --crate OUT [--name N]`: a complete crate for any spec, which
//! builds on its own: a `Cargo.toml` (the runtime's dependencies, one cargo feature per API
//! group), the hand-written runtime of `generated-client/` (copied, built into this binary so
//! that it works from anywhere), and the generated `models/` and `apis/`.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use crate::emit::HEADER;
use crate::error::{Error, Errors, Result};
use crate::ir::Api;
use crate::write::{self, Changes};

/// The hand-written runtime of `generated-client/src/`, by file name.
const RUNTIME: &[(&str, &str)] = &[
    ("client.rs", include_str!("../../generated-client/src/client.rs")),
    ("codec.rs", include_str!("../../generated-client/src/codec.rs")),
    ("config.rs", include_str!("../../generated-client/src/config.rs")),
    ("error.rs", include_str!("../../generated-client/src/error.rs")),
    ("extra.rs", include_str!("../../generated-client/src/extra.rs")),
    ("macros.rs", include_str!("../../generated-client/src/macros.rs")),
    ("pagination.rs", include_str!("../../generated-client/src/pagination.rs")),
    ("request.rs", include_str!("../../generated-client/src/request.rs")),
    ("redact.rs", include_str!("../../generated-client/src/redact.rs")),
    ("response.rs", include_str!("../../generated-client/src/response.rs")),
    ("telemetry.rs", include_str!("../../generated-client/src/telemetry.rs")),
    ("testing/mod.rs", include_str!("../../generated-client/src/testing/mod.rs")),
    ("testing/cassette.rs", include_str!("../../generated-client/src/testing/cassette.rs")),
    ("hooks.rs", include_str!("../../generated-client/src/hooks.rs")),
    ("transport.rs", include_str!("../../generated-client/src/transport.rs")),
];
const RUNTIME_LIB: &str = include_str!("../../generated-client/src/lib.rs");
const RUNTIME_MANIFEST: &str = include_str!("../../generated-client/Cargo.toml");

/// The features of the runtime's manifest that are not API groups.
const RUNTIME_FEATURES: [&str; 4] = ["client", "unstable-reqwest", "tracing", "testing"];

/// The crate name the runtime's own docs use, replaced by the new crate's.
const RUNTIME_CRATE: &str = "datadog_v2_client";

/// Every file of the crate, by path relative to its root.
pub fn crate_files(
    api: &Api,
    generated: BTreeMap<String, String>,
    name: &str,
    title: &str,
) -> BTreeMap<String, String> {
    let lib_name = name.replace('-', "_");
    // The operations' rustdoc examples (doctests) name the crate.
    let mut files: BTreeMap<String, String> = generated
        .into_iter()
        .map(|(path, text)| {
            let text = if path.starts_with("apis/") { rename_in_docs(&text, &lib_name) } else { text };
            (format!("src/{path}"), text)
        })
        .collect();
    let copied = |text: &str| {
        format!(
            "{HEADER}\n// Copied from the runtime of generated-client/src/.\n\n{}",
            without_api_examples(text).replace(RUNTIME_CRATE, &lib_name)
        )
    };
    for (file, text) in RUNTIME {
        files.insert(format!("src/{file}"), copied(text));
    }
    files.insert("src/lib.rs".to_owned(), copied(&lib_rs(title)));
    files.insert("Cargo.toml".to_owned(), manifest(api, name, title));
    files
}

/// `text` with the crate's name in its doc comments (the examples) replaced by `lib_name`.
fn rename_in_docs(text: &str, lib_name: &str) -> String {
    text.split_inclusive('\n')
        .map(
            |line| {
                if line.trim_start().starts_with("///") {
                    line.replace(RUNTIME_CRATE, lib_name)
                } else {
                    line.to_owned()
                }
            },
        )
        .collect()
}

/// `text` without the doc examples that name the Datadog API's own groups or models (the
/// `testing` module's): they would not compile, as doctests, in a crate of another spec. A
/// removed example's blank doc line before it goes too.
fn without_api_examples(text: &str) -> String {
    let api = [format!("{RUNTIME_CRATE}::apis"), format!("{RUNTIME_CRATE}::models")];
    let mut out: Vec<&str> = Vec::new();
    let mut block: Option<Vec<&str>> = None;
    for line in text.split_inclusive('\n') {
        let doc = line.trim_start().strip_prefix("//!").or_else(|| line.trim_start().strip_prefix("///"));
        let fence = doc.is_some_and(|d| d.trim_start().starts_with("```"));
        match block.as_mut() {
            None if fence => block = Some(vec![line]),
            None => out.push(line),
            Some(lines) => {
                lines.push(line);
                if fence {
                    let lines = block.take().unwrap_or_default();
                    if lines.iter().any(|l| api.iter().any(|name| l.contains(name.as_str()))) {
                        let blank = out.last().is_some_and(|l| matches!(l.trim(), "//!" | "///"));
                        if blank {
                            out.pop();
                        }
                    } else {
                        out.extend(lines);
                    }
                }
            }
        }
    }
    out.extend(block.unwrap_or_default());
    out.concat()
}

/// The runtime's `lib.rs` with its own crate docs and without the README doctests.
fn lib_rs(title: &str) -> String {
    let body: Vec<&str> = RUNTIME_LIB.lines().skip_while(|line| line.starts_with("//!")).collect();
    let body = body.join("\n");
    let body = match body.find("#[cfg(all(doctest") {
        Some(at) => {
            // The doc comment above it, every line of it.
            let mut start = at;
            while let Some(line) = body[..start].strip_suffix('\n').and_then(|b| b.rfind('\n').map(|i| i + 1))
                && body[line..start].starts_with("///")
            {
                start = line;
            }
            let end = body[at..].find(";\n").map_or(body.len(), |i| at + i + 2);
            format!("{}{}", &body[..start], &body[end..])
        }
        None => body,
    };
    format!(
        "//! A typed async client for {title}, generated by `cargo xtask codegen --crate`.\n//!\n//! `models` and `apis` are generated from the spec; the rest is the hand-written runtime\n//! (configuration, HTTP, errors, retries, pagination) that the generated code calls.\n\n// A spec need not use every part of the runtime (unstable operations, pagination).\n#![allow(dead_code)]\n{}\n",
        body.trim_end()
    )
}

/// `Cargo.toml`: the runtime's `[dependencies]`, and one feature per API group, all default.
fn manifest(api: &Api, name: &str, title: &str) -> String {
    let dependencies: String = RUNTIME_MANIFEST
        .lines()
        .skip_while(|line| *line != "[dependencies]")
        .skip(1)
        .take_while(|line| !line.starts_with('['))
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| format!("{line}\n"))
        .collect();
    let features: Vec<&str> = api.groups.iter().map(|g| g.feature.as_str()).collect();
    let default = std::iter::once(&"client").chain(&features).map(|f| format!("{f:?}")).collect::<Vec<_>>().join(", ");
    let mut out = format!(
        "# @generated by `cargo xtask codegen --crate`. Do not edit by hand: edit the spec and rerun it.\n\n[package]\nname = {name:?}\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\ndescription = {:?}\n\n[dependencies]\n{dependencies}\n[features]\ndefault = [{default}]\n",
        format!("Typed async client for {title}")
    );
    for feature in features {
        out.push_str(&format!("{feature} = []\n"));
    }
    // The runtime's own features, as the runtime's manifest declares them: `client` (default),
    // `unstable-reqwest`, `tracing` and `testing` (README, "Models without the client", "Tracing"...).
    for line in RUNTIME_MANIFEST.lines().skip_while(|line| *line != "[features]").skip(1) {
        if line.starts_with('[') {
            break;
        }
        let name = line.split(" = ").next().unwrap_or_default();
        if RUNTIME_FEATURES.contains(&name) {
            out.push_str(line);
            out.push('\n');
        }
    }
    out.push_str("\n# A crate of its own, not a member of an enclosing workspace.\n[workspace]\n");
    out
}

/// The crate name from `--name`, else from the output directory's name: lowercase letters,
/// digits, `-` and `_`, starting with a letter.
pub fn crate_name(name: Option<&str>, out: &Path) -> Result<String> {
    let name = match name {
        Some(name) => name.to_owned(),
        None => out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
    };
    let valid = name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !valid {
        return Err(Error::in_file(out, "", format!("`{name}` is not a crate name; give one with --name")));
    }
    Ok(name)
}

/// Compares the crate's files with `out`; a `Cargo.toml` there that this command did not write
/// is never overwritten.
pub fn diff(out: &Path, files: &BTreeMap<String, String>) -> Result<Changes> {
    if let Ok(existing) = fs::read_to_string(out.join("Cargo.toml"))
        && !existing.starts_with("# @generated by `cargo xtask codegen --crate`")
    {
        return Err(Error::in_file(
            out.join("Cargo.toml"),
            "",
            "a crate this command did not generate is there; choose another directory",
        ));
    }
    let mut changes = Changes::default();
    for (relative, contents) in files {
        match fs::read_to_string(out.join(relative)) {
            Ok(existing) if existing == *contents => {}
            Ok(_) => changes.stale.push(relative.clone()),
            Err(_) => {
                changes.stale.push(relative.clone());
                changes.created.push(relative.clone());
            }
        }
    }
    for relative in write::existing_generated(&out.join("src"))? {
        let relative = format!("src/{relative}");
        if !files.contains_key(&relative) {
            changes.removed.push(relative);
        }
    }
    Ok(changes)
}

/// `cargo xtask codegen --spec DIR --crate OUT [--name N] [--check]`.
pub fn codegen_crate(spec_dir: &Path, out: &Path, name: Option<&str>, check: bool) -> Result<Changes, Errors> {
    let name = crate_name(name, out)?;
    let generated = crate::generate(spec_dir)?;
    let files = crate_files(&generated.api, generated.files, &name, &generated.title);
    let mut changes = diff(out, &files)?;
    changes.notes = generated.notes;
    if !check {
        write::apply(out, &files, &changes)?;
    }
    Ok(changes)
}

#[cfg(test)]
mod tests {
    use super::{rename_in_docs, without_api_examples};

    #[test]
    fn examples_that_name_the_datadog_api_are_left_out_of_the_runtime_copy() {
        let text = "//! Intro.\n//!\n//! ```no_run\n//! use datadog_v2_client::models::Team;\n//! ```\n//!\n//! After.\n\
                    /// Runtime only:\n///\n/// ```no_run\n/// let c = datadog_v2_client::Configuration::new();\n/// ```\nfn f() {}\n";
        let kept = without_api_examples(text);
        assert_eq!(
            kept,
            "//! Intro.\n//!\n//! After.\n/// Runtime only:\n///\n/// ```no_run\n/// let c = datadog_v2_client::Configuration::new();\n/// ```\nfn f() {}\n"
        );
        // A text without examples, or with an unclosed fence, is kept whole.
        assert_eq!(without_api_examples("//! ```text\n//! a\n"), "//! ```text\n//! a\n");
    }

    #[test]
    fn only_doc_comments_are_renamed() {
        let text = "    /// use datadog_v2_client::Client;\n    let datadog_v2_client = 1;\n";
        assert_eq!(rename_in_docs(text, "odd"), "    /// use odd::Client;\n    let datadog_v2_client = 1;\n");
    }
}
