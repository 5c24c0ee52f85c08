//! The old side of `api-diff`: which commit is the last release, and spec/ and the crate's
//! version as they were at a revision.
//!
//! The last release is the newest version heading of `CHANGELOG.md` (`## [0.1.0] - 2026-12-04`;
//! `[Unreleased]` is skipped): its tag `release-0.1.0` when the clone has it, else the commit
//! that added that heading (a fresh clone without tags still has it in its history). `.ci/run`
//! asks `cargo xtask api-diff --print-base` for the same revision, for cargo-semver-checks.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::error::{Error, Errors};

use super::Version;

/// The crate's changelog (packaged with it), relative to the repository root.
pub const CHANGELOG: &str = "generated-client/CHANGELOG.md";
/// The crate's manifest, relative to the repository root.
pub const MANIFEST: &str = "generated-client/Cargo.toml";

/// A release: its version and the revision it was made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Release {
    pub version: Version,
    /// A revision git understands: the tag, or a commit id.
    pub rev: String,
    /// How it was found, for the report.
    pub found_by: String,
}

fn git(repo: &Path, args: &[&str]) -> Result<String, Error> {
    let output = Command::new("git")
        .args(args)
        .current_dir(repo)
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| Error::in_file(repo, "", format!("cannot run git: {e}")))?;
    if !output.status.success() {
        return Err(Error::in_file(
            repo,
            "",
            format!("`git {}` failed: {}", args.join(" "), String::from_utf8_lossy(&output.stderr).trim()),
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// The newest released version named by a changelog's headings (`## [0.1.0]`, `## 0.1.0`),
/// and the heading line as written.
pub fn newest_release_heading(changelog: &str) -> Option<(Version, String)> {
    changelog.lines().find_map(|line| {
        let rest = line.strip_prefix("## ")?;
        let name = rest.trim_start_matches('[').split([']', ' ']).next()?;
        Some((Version::parse(name)?, line.to_owned()))
    })
}

/// The last release of the repository at `repo`, from its committed `CHANGELOG.md`.
pub fn last_release(repo: &Path) -> Result<Release, Error> {
    let changelog = git(repo, &["show", &format!("HEAD:{CHANGELOG}")]).map_err(|_| {
        Error::in_file(repo.join(CHANGELOG), "", "no committed CHANGELOG.md: give the base revision with --base REV")
    })?;
    let (version, heading) = newest_release_heading(&changelog).ok_or_else(|| {
        Error::in_file(
            repo.join(CHANGELOG),
            "",
            "no released version heading (`## [0.1.0] - DATE`): give the base revision with --base REV",
        )
    })?;
    let tag = format!("release-{version}");
    if git(repo, &["rev-parse", "--verify", "--quiet", &format!("refs/tags/{tag}^{{commit}}")]).is_ok() {
        return Ok(Release { version, rev: tag.clone(), found_by: format!("tag `{tag}`") });
    }
    // The commit that added the heading: the oldest one that changed how often it occurs.
    let commits = git(repo, &["log", "--format=%H", "--fixed-strings", "-S", &heading, "--", CHANGELOG])?;
    let commit = commits.lines().last().ok_or_else(|| {
        Error::in_file(
            repo.join(CHANGELOG),
            "",
            format!("no commit adds the heading `{heading}` (a shallow clone? `git fetch --unshallow`)"),
        )
    })?;
    Ok(Release {
        version,
        rev: commit.to_owned(),
        found_by: format!("the commit that added `{heading}` to {CHANGELOG} (no tag `{tag}` here)"),
    })
}

/// The crate's version in a manifest's text (the `version` of its `[package]`).
pub fn manifest_version(manifest: &str) -> Option<Version> {
    let package = manifest.split("\n[").find(|s| s.trim_start_matches('[').starts_with("package]"))?;
    package.lines().find_map(|line| {
        let value = line.strip_prefix("version")?.trim_start().strip_prefix('=')?;
        Version::parse(value.trim().trim_matches('"'))
    })
}

/// The crate's version at `rev`.
pub fn version_at(repo: &Path, rev: &str) -> Result<Option<Version>, Error> {
    Ok(manifest_version(&git(repo, &["show", &format!("{rev}:{MANIFEST}")])?))
}

/// A directory removed when dropped.
pub struct TempDir(pub PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Writes `spec_path` (relative to the repository root, e.g. `spec`) as it was at `rev` into a
/// new temporary directory, and returns the directory holding the YAML files.
pub fn spec_at(repo: &Path, rev: &str, spec_path: &str) -> Result<(TempDir, PathBuf), Errors> {
    git(repo, &["rev-parse", "--verify", "--quiet", &format!("{rev}^{{commit}}")]).map_err(|_| {
        Error::in_file(
            repo,
            "",
            format!("the base revision `{rev}` is not in this clone (a shallow clone? `git fetch --unshallow --tags`)"),
        )
    })?;
    let dir = std::env::temp_dir().join(format!("xtask-api-diff-{}-{}", std::process::id(), rev.replace('/', "_")));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| Error::in_file(&dir, "", format!("cannot create: {e}")))?;
    let temp = TempDir(dir.clone());
    let archive = Command::new("git")
        .args(["archive", "--format=tar", rev, "--", spec_path])
        .current_dir(repo)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Error::in_file(repo, "", format!("cannot run git archive: {e}")))?;
    let untar = Command::new("tar")
        .args(["-x", "-C"])
        .arg(&dir)
        .stdin(archive.stdout.ok_or_else(|| Error::in_file(repo, "", "git archive has no output"))?)
        .output()
        .map_err(|e| Error::in_file(&dir, "", format!("cannot run tar: {e}")))?;
    if !untar.status.success() {
        return Err(Error::in_file(
            repo,
            "",
            format!("cannot extract `{spec_path}` at `{rev}`: {}", String::from_utf8_lossy(&untar.stderr).trim()),
        )
        .into());
    }
    let spec_dir = dir.join(spec_path);
    if !spec_dir.is_dir() {
        return Err(Error::in_file(repo, "", format!("`{spec_path}` does not exist at `{rev}`")).into());
    }
    Ok((temp, spec_dir))
}
