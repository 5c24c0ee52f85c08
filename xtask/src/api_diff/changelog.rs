//! `cargo xtask api-diff --changelog`: the report as the `## [Unreleased]` section of
//! `CHANGELOG.md`, in users' words (Added / Changed / Breaking, each line naming the Rust item and
//! the HTTP operations), for the maintainer to edit into prose before releasing.

use std::path::Path;

use crate::error::Error;

use super::{Class, Report, Version, http_list};

/// The heading of the section that `--changelog` writes (and rewrites).
pub const UNRELEASED: &str = "## [Unreleased]";

/// The `## [Unreleased]` section for `report`, against the release `base`.
pub fn section(report: &Report, base: Option<(Version, &str)>) -> String {
    let mut out = format!("{UNRELEASED}\n\n");
    if let Some((version, rev)) = base {
        let next = version.required_after(report.worst());
        match next {
            Some(next) => out.push_str(&format!(
                "Compared with {version} (`{rev}`) by `cargo xtask api-diff`: the next release is {next} or later{}.\n\n",
                if report.is_breaking() { " (breaking changes)" } else { "" }
            )),
            None => out.push_str(&format!("No change a user can see since {version}.\n\n")),
        }
    }
    let line = |c: &super::Change| {
        let mut text = format!("- `{}` ({}): {}", c.item, c.noun, c.what);
        if !c.http.is_empty() {
            text.push_str(&format!("; {}", http_list(&c.http)));
        }
        text.push('\n');
        text
    };
    let sections: [(&str, &[Class]); 3] = [
        ("Breaking", &[Class::BreakingRust, Class::BreakingWire]),
        ("Added", &[Class::Additive]),
        ("Changed", &[Class::Behaviour]),
    ];
    for (title, classes) in sections {
        let changes: Vec<&super::Change> = report.changes.iter().filter(|c| classes.contains(&c.class)).collect();
        if changes.is_empty() {
            continue;
        }
        out.push_str(&format!("### {title}\n\n"));
        for c in changes {
            if title == "Breaking" {
                let label = if c.class == Class::BreakingRust { "in Rust" } else { "on the wire" };
                out.push_str(&format!("- **{label}**: {}", &line(c)[2..]));
            } else {
                out.push_str(&line(c));
            }
        }
        out.push('\n');
    }
    out
}

/// `text` (a changelog) with its `## [Unreleased]` section replaced by `section`, or `section`
/// inserted before the first release heading.
pub fn with_section(text: &str, section: &str) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    // Remove the old Unreleased section.
    if let Some(start) = lines.iter().position(|l| l.trim_end() == UNRELEASED) {
        let end = lines[start + 1..].iter().position(|l| l.starts_with("## ")).map_or(lines.len(), |i| start + 1 + i);
        lines.drain(start..end);
    }
    let at = lines.iter().position(|l| l.starts_with("## ")).unwrap_or(lines.len());
    let mut out = String::new();
    for l in &lines[..at] {
        out.push_str(l);
        out.push('\n');
    }
    if !out.is_empty() && !out.ends_with("\n\n") {
        out.push('\n');
    }
    out.push_str(section);
    for l in &lines[at..] {
        out.push_str(l);
        out.push('\n');
    }
    out
}

/// Writes `section` into the changelog at `path` (created with a title when missing), all or
/// nothing (a temporary file renamed over it).
pub fn write(path: &Path, section: &str) -> Result<(), Error> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => "# Changelog\n".to_owned(),
        Err(e) => return Err(Error::in_file(path, "", format!("cannot read: {e}"))),
    };
    let new = with_section(&text, section);
    let temp = path.with_extension("md.tmp");
    std::fs::write(&temp, new).map_err(|e| Error::in_file(&temp, "", format!("cannot write: {e}")))?;
    std::fs::rename(&temp, path).map_err(|e| Error::in_file(path, "", format!("cannot write: {e}")))
}
