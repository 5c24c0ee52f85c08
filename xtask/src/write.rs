//! Stage 4, **write**: compare the generated files with what is on disk, then either write them
//! (all formatted in memory first, so a failure never leaves a half-written tree) or, in check
//! mode, list what is stale. Generated files the spec no longer produces are removed; a file
//! without the generated header is hand-written and never touched.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::emit::HEADER;
use crate::error::{Error, Result};

/// Directories below the crate's `src/` that hold generated files.
pub const GENERATED_DIRS: &[&str] = &["models", "apis", "testing"];

/// What differs between the generated files and the disk.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// Files to create or rewrite (relative to `src/`).
    pub stale: Vec<String>,
    /// Generated files the spec no longer produces.
    pub removed: Vec<String>,
    /// The files of `stale` that do not exist yet (new files: `git diff` does not show them
    /// until they are added).
    pub created: Vec<String>,
    /// What the generator read but does not follow (`Api::notes`), for `--verbose`.
    pub notes: Vec<Error>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.stale.is_empty() && self.removed.is_empty()
    }
}

/// Compares `files` (relative to `src_dir`) with the disk.
pub fn diff(src_dir: &Path, files: &BTreeMap<String, String>) -> Result<Changes> {
    let mut changes = Changes::default();
    for (relative, contents) in files {
        let path = src_dir.join(relative);
        match fs::read_to_string(&path) {
            Ok(existing) if existing == *contents => {}
            Ok(existing) if !existing.starts_with(HEADER) => {
                return Err(Error::in_file(
                    path,
                    "",
                    "a hand-written file (no generated header) stands where a generated file goes; move it away",
                ));
            }
            Ok(_) => changes.stale.push(relative.clone()),
            Err(_) => {
                changes.stale.push(relative.clone());
                changes.created.push(relative.clone());
            }
        }
    }
    for relative in existing_generated(src_dir)? {
        if !files.contains_key(&relative) {
            changes.removed.push(relative);
        }
    }
    Ok(changes)
}

/// Every file with the generated header under the generated directories.
pub fn existing_generated(src_dir: &Path) -> Result<Vec<String>> {
    let mut found = Vec::new();
    for dir in GENERATED_DIRS {
        let dir_path = src_dir.join(dir);
        let Ok(entries) = fs::read_dir(&dir_path) else { continue };
        for entry in entries {
            let path = entry.map_err(|e| Error::in_file(&dir_path, "", e.to_string()))?.path();
            if path.extension().is_some_and(|e| e == "rs")
                && fs::read_to_string(&path).is_ok_and(|text| text.starts_with(HEADER))
            {
                let name = path.file_name().expect("read_dir entries have names").to_string_lossy();
                found.push(format!("{dir}/{name}"));
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Applies `changes`: every new file is first written beside its target, then renamed over it,
/// so an interrupted run leaves each file either old or new, never half-written.
pub fn apply(src_dir: &Path, files: &BTreeMap<String, String>, changes: &Changes) -> Result<()> {
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    let cleanup = |staged: &[(PathBuf, PathBuf)]| {
        for (tmp, _) in staged {
            let _ = fs::remove_file(tmp);
        }
    };
    for relative in &changes.stale {
        let target = src_dir.join(relative);
        let tmp = target.with_extension("rs.tmp");
        let result =
            target.parent().map_or(Ok(()), fs::create_dir_all).and_then(|()| fs::write(&tmp, &files[relative]));
        if let Err(e) = result {
            cleanup(&staged);
            let _ = fs::remove_file(&tmp);
            return Err(Error::in_file(target, "", format!("cannot write: {e}")));
        }
        staged.push((tmp, target));
    }
    for (tmp, target) in &staged {
        fs::rename(tmp, target).map_err(|e| Error::in_file(target, "", format!("cannot replace: {e}")))?;
    }
    for relative in &changes.removed {
        let path = src_dir.join(relative);
        fs::remove_file(&path).map_err(|e| Error::in_file(path, "", format!("cannot remove: {e}")))?;
    }
    Ok(())
}
