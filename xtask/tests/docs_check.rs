//! `cargo xtask docs-check` on today's pages and on changed copies of them: it exits 0 on the
//! pages as saved, and each kind of page change is reported by name with exit code 1.
//!
//! The pages are read from `../shared/docs` (or `$XTASK_DOCS_DIR`); each drift test copies them
//! into a temporary directory, changes one page, and runs the real binary on the copy.

use std::fs;
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

fn docs_dir() -> PathBuf {
    let dir = std::env::var_os("XTASK_DOCS_DIR").map_or_else(xtask::default_docs_dir, PathBuf::from);
    assert!(
        dir.join("teams.txt").is_file(),
        "the documentation pages are not in {} (see README, \"When the documentation changes\")",
        dir.display()
    );
    dir
}

/// A copy of the pages with `page` changed by `change` (which must change it).
fn changed_copy(page: &str, change: impl FnOnce(&str) -> String) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "xtask-docs-check-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    for entry in fs::read_dir(docs_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
        }
    }
    let text = fs::read_to_string(dir.join(page)).unwrap();
    let new = change(&text);
    assert_ne!(new, text, "the change did not apply to {page}");
    fs::write(dir.join(page), new).unwrap();
    dir
}

/// Runs `cargo xtask docs-check DIR`: (exit code, stdout lines).
fn docs_check(dir: &std::path::Path) -> (i32, Vec<String>) {
    let output = Command::new(env!("CARGO_BIN_EXE_xtask")).arg("docs-check").arg(dir).output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    (output.status.code().unwrap_or(-1), stdout.lines().map(str::to_owned).collect())
}

/// The name of what the drift tests add to a page: one that no real page will have, so that the
/// tests do not collide with a future change of the documentation (the README's own example adds
/// `user_limit`, which may well become real).
const PROBE: &str = "xtask_docs_check_probe";

/// Replaces the first occurrence of `from` (which must be there).
fn replace_first(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "the page has no {from:?}");
    text.replacen(from, to, 1)
}

/// Asserts exit code 1 and exactly one difference line, which contains every one of `needles`.
fn reported(dir: PathBuf, needles: &[&str]) -> String {
    let (code, lines) = docs_check(&dir);
    let _ = fs::remove_dir_all(&dir);
    assert_eq!(code, 1, "docs-check exit code; output:\n{}", lines.join("\n"));
    assert_eq!(lines.len(), 1, "one difference expected:\n{}", lines.join("\n"));
    for needle in needles {
        assert!(lines[0].contains(needle), "{needle:?} not in: {}", lines[0]);
    }
    lines[0].clone()
}

#[test]
fn todays_pages_and_spec_agree() {
    let (code, lines) = docs_check(&docs_dir());
    assert_eq!(code, 0, "docs-check on today's pages:\n{}", lines.join("\n"));
    assert!(lines.is_empty(), "{lines:?}");
}

#[test]
fn a_removed_field_row_is_reported() {
    let dir = changed_copy("teams.txt", |t| {
        replace_first(t, "link_count\n\nint32\n\nThe number of links belonging to the team\n\n", "")
    });
    let line =
        reported(dir, &["teams.txt:", "listTeams", "`data.attributes.link_count`", ": field: page says (absent)"]);
    assert!(line.contains("spec/teams.yaml at /components/schemas/TeamAttributes/properties/link_count"), "{line}");
}

#[test]
/// The new row goes right after `user_count`: the page lists siblings in alphabetical order.
fn an_added_field_is_reported() {
    let dir = changed_copy("teams.txt", |t| {
        replace_first(
            t,
            "The number of users belonging to the team\n\n",
            &format!(
                "The number of users belonging to the team\n\nuser_count_{PROBE}\n\nint64\n\nA field no real page has\n\n"
            ),
        )
    });
    reported(
        dir,
        &[
            "listTeams",
            &format!("`data.attributes.user_count_{PROBE}`"),
            &format!("field: page says `user_count_{PROBE}` int64, spec says (absent)"),
        ],
    );
}

#[test]
fn a_dropped_required_is_reported() {
    let dir = changed_copy("teams.txt", |t| replace_first(t, "handle\u{a0}[required]", "handle"));
    reported(
        dir,
        &["listTeams", "`data.attributes.handle`", "required: page says not [required], spec says [required]"],
    );
}

#[test]
fn a_changed_type_is_reported() {
    let dir = changed_copy("teams.txt", |t| replace_first(t, "link_count\n\nint32", "link_count\n\nint64"));
    reported(dir, &["listTeams", "`data.attributes.link_count`", "type: page says `int64`, spec says `int32`"]);
}

#[test]
fn an_added_enum_value_is_reported() {
    // The first enum of the page, whatever it is today: a value is added to its list.
    let page = fs::read_to_string(docs_dir().join("case-management.txt")).unwrap();
    let marker = "Allowed enum values: ";
    let at = page.find(marker).expect("the page lists an enum") + marker.len();
    let list = page[at..].lines().next().unwrap().trim_end();
    let values: Vec<&str> = list.split(',').map(str::trim).collect();
    let probe = PROBE.to_uppercase();
    let dir = changed_copy("case-management.txt", |t| {
        replace_first(t, &format!("{marker}{list}"), &format!("{marker}{list},{probe}"))
    });
    let (page_says, spec_says) = (format!("{}, {probe}", values.join(", ")), values.join(", "));
    reported(dir, &["case-management.txt:", &format!("enum: page says {page_says}, spec says {spec_says}")]);
}

#[test]
fn an_added_query_parameter_is_reported() {
    let dir = changed_copy("teams.txt", |t| {
        replace_first(
            t,
            "When true, only returns teams the current user belongs to\n\n",
            &format!(
                "When true, only returns teams the current user belongs to\n\nfilter[{PROBE}]\n\nstring\n\nA parameter no real page has\n\n"
            ),
        )
    });
    reported(
        dir,
        &[
            "listTeams",
            "query parameter",
            &format!("`filter[{PROBE}]`"),
            &format!("parameter: page says `filter[{PROBE}]` string"),
        ],
    );
}

#[test]
fn a_removed_operation_is_reported() {
    let dir = changed_copy("teams.txt", |t| {
        let start = t
            .find("DELETE\u{a0}https://api.ap1.datadoghq.com/api/v2/team/{team_id}")
            .expect("the DELETE team operation");
        let end = start
            + t[start..].find("GET\u{a0}https://api.ap1.datadoghq.com/api/v2/team/{team_id}/memberships").unwrap();
        format!("{}{}", &t[..start], &t[end..])
    });
    let line =
        reported(dir, &["teams.txt: deleteTeam (DELETE /api/v2/team/{team_id})", "operation: page says (absent)"]);
    assert!(line.contains("spec/teams.yaml at /paths/~1api~1v2~1team~1{team_id}/delete"), "{line}");
}

#[test]
fn verbose_lists_the_accepted_departures() {
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["docs-check"])
        .arg(docs_dir())
        .arg("--verbose")
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    let accepted: Vec<&str> = stdout.lines().filter(|l| l.starts_with("accepted: ")).collect();
    assert!(accepted.iter().any(|l| l.contains("`included.Option 5`")), "{stdout}");
    assert!(stdout.lines().filter(|l| l.trim_start().starts_with("reason: ")).count() == accepted.len(), "{stdout}");
}
