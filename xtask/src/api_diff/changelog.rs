//! `cargo xtask api-diff --changelog`: the report as the `## [Unreleased]` section of
//! `CHANGELOG.md`, in users' words (Added / Changed / Breaking, each line naming the Rust item and
//! the HTTP operations), for the maintainer to edit into prose before releasing.
//!
//! What the command writes sits between two comment lines ([`BEGIN`], [`END`]); a rerun replaces
//! only that part, so the maintainer's own text in the section (prose, or changes of the
//! runtime, which the spec's surface does not show) is kept.

use std::path::Path;

use crate::error::Error;

use super::{Class, Report, Version, http_list};

/// The heading of the section that `--changelog` writes (and rewrites).
pub const UNRELEASED: &str = "## [Unreleased]";

/// The first line of what the command writes in the section (an HTML comment: not rendered).
pub const BEGIN: &str = "<!-- cargo xtask api-diff --changelog: from here to the end mark, rewritten on every run -->";
/// The last line of what the command writes.
pub const END: &str = "<!-- end of cargo xtask api-diff --changelog -->";

/// The `## [Unreleased]` section for `report`, against the release `base`: the heading, then the
/// command's part between [`BEGIN`] and [`END`].
pub fn section(report: &Report, base: Option<(Version, &str)>) -> String {
    let mut out = format!("{UNRELEASED}\n\n{BEGIN}\n\n");
    if let Some((version, rev)) = base {
        let next = version.required_after(report.worst());
        match next {
            Some(next) => out.push_str(&format!(
                "Compared with {version} (`{rev}`) by `cargo xtask api-diff`: the next release is {next} or later{}.\n\n",
                if report.is_breaking() { " (breaking changes)" } else { "" }
            )),
            None => out.push_str(&format!(
                "No change of the generated API since {version} (`api-diff` does not see the hand-written runtime).\n\n"
            )),
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
    out.push_str(END);
    out.push_str("\n\n");
    out
}

/// `text` (a changelog) with the command's part of its `## [Unreleased]` section replaced by
/// that of `section` (the rest of the section kept: the part goes first when the section had
/// none), or `section` inserted before the first release heading when there is no such section.
pub fn with_section(text: &str, section: &str) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    if let Some(heading) = lines.iter().position(|l| l.trim_end() == UNRELEASED) {
        let end =
            lines[heading + 1..].iter().position(|l| l.starts_with("## ")).map_or(lines.len(), |i| heading + 1 + i);
        let mark = |m: &str| lines[heading..end].iter().position(|l| l.trim_end() == m).map(|i| heading + i);
        // The old part, marks and one blank line after it included; or none, before the
        // maintainer's text.
        let (from, to) = match (mark(BEGIN), mark(END)) {
            (Some(begin), Some(stop)) if begin < stop => {
                (begin, if lines.get(stop + 1).is_some_and(|l| l.trim().is_empty()) { stop + 2 } else { stop + 1 })
            }
            _ => {
                let first =
                    lines[heading + 1..end].iter().position(|l| !l.trim().is_empty()).map_or(end, |i| heading + 1 + i);
                (first, first)
            }
        };
        let part: Vec<&str> = section.lines().skip_while(|l| l.trim_end() != BEGIN).collect();
        lines.splice(from..to, part);
        let mut out = lines.join("\n");
        out.push('\n');
        return out;
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
