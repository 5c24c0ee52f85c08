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

/// Applies `changes`, all or nothing: every new file is first written beside its target (a
/// `.rs.tmp`), then renamed over it; the files replaced or removed are kept in memory until the
/// end, and when any step fails (a file cannot be written, renamed or removed: the disk is full,
/// a directory stands where the file goes...) every file already replaced, created or removed is
/// put back as it was and no `.rs.tmp` is left: the tree is the old one, and the error says which
/// file failed.
pub fn apply(src_dir: &Path, files: &BTreeMap<String, String>, changes: &Changes) -> Result<()> {
    apply_with(src_dir, files, changes, &mut |_| Ok(()))
}

/// One step of [`apply`] on the disk, given to its fault injector before it is taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step<'a> {
    /// Writing the temporary file beside this target.
    Stage(&'a Path),
    /// Renaming the temporary file over this target.
    Replace(&'a Path),
    /// Removing this stale generated file.
    Remove(&'a Path),
}

/// [`apply`], with `before` called before each step on the disk: an error it returns fails that
/// step as the disk would (the tests inject a failure at each position this way).
pub fn apply_with(
    src_dir: &Path,
    files: &BTreeMap<String, String>,
    changes: &Changes,
    before: &mut dyn FnMut(Step<'_>) -> std::io::Result<()>,
) -> Result<()> {
    // 1. Every new text in a temporary file beside its target.
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    for relative in &changes.stale {
        let target = src_dir.join(relative);
        let tmp = target.with_extension("rs.tmp");
        let result = before(Step::Stage(&target))
            .and_then(|()| target.parent().map_or(Ok(()), fs::create_dir_all))
            .and_then(|()| fs::write(&tmp, &files[relative]));
        if let Err(e) = result {
            let _ = fs::remove_file(&tmp);
            remove_staged(&staged);
            return Err(Error::in_file(target, "", format!("cannot write: {e}; no file was changed")));
        }
        staged.push((tmp, target));
    }

    // 2. The renames and removals, each undoable from what was there before (`None`: nothing).
    let mut done: Vec<(PathBuf, Option<Vec<u8>>)> = Vec::new();
    let mut failure = None;
    for (index, (tmp, target)) in staged.iter().enumerate() {
        let old = fs::read(target).ok();
        match before(Step::Replace(target)).and_then(|()| fs::rename(tmp, target)) {
            Ok(()) => done.push((target.clone(), old)),
            Err(e) => {
                remove_staged(&staged[index..]);
                failure = Some(Error::in_file(target, "", format!("cannot replace: {e}")));
                break;
            }
        }
    }
    if failure.is_none() {
        for relative in &changes.removed {
            let path = src_dir.join(relative);
            let old = fs::read(&path).ok();
            match before(Step::Remove(&path)).and_then(|()| fs::remove_file(&path)) {
                Ok(()) => done.push((path, old)),
                Err(e) => {
                    failure = Some(Error::in_file(path, "", format!("cannot remove: {e}")));
                    break;
                }
            }
        }
    }
    let Some(mut error) = failure else { return Ok(()) };

    // 3. Undo, newest first.
    let mut not_restored = Vec::new();
    for (path, old) in done.iter().rev() {
        let restored = match old {
            Some(bytes) => {
                let tmp = path.with_extension("rs.tmp");
                let result = fs::write(&tmp, bytes).and_then(|()| fs::rename(&tmp, path));
                if result.is_err() {
                    let _ = fs::remove_file(&tmp);
                }
                result
            }
            None => fs::remove_file(path),
        };
        if restored.is_err() {
            not_restored.push(path.display().to_string());
        }
    }
    error.message = if not_restored.is_empty() {
        format!("{}; no file was changed (the files already replaced were put back)", error.message)
    } else {
        format!("{}; these files could not be put back as they were: {}", error.message, not_restored.join(", "))
    };
    Err(error)
}

/// Removes the temporary files of `staged`.
fn remove_staged(staged: &[(PathBuf, PathBuf)]) {
    for (tmp, _) in staged {
        let _ = fs::remove_file(tmp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file under `dir` (relative path → contents; a directory is `None`), to compare trees.
    fn tree(dir: &Path) -> BTreeMap<String, Option<Vec<u8>>> {
        let mut found = BTreeMap::new();
        let mut pending = vec![dir.to_path_buf()];
        while let Some(next) = pending.pop() {
            for entry in fs::read_dir(&next).unwrap() {
                let path = entry.unwrap().path();
                let relative = path.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                if path.is_dir() {
                    found.insert(relative, None);
                    pending.push(path);
                } else {
                    found.insert(relative, Some(fs::read(&path).unwrap()));
                }
            }
        }
        found
    }

    /// A fresh `src/` with three generated models and a stale one; the new files rewrite the
    /// three, add a fourth and drop the stale one. `blocked`: a directory stands where that
    /// model goes instead of its file.
    fn setup(name: &str, blocked: Option<&str>) -> (PathBuf, BTreeMap<String, String>) {
        let dir = std::env::temp_dir().join(format!("xtask-write-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("models")).unwrap();
        let mut files = BTreeMap::new();
        for model in ["a", "b", "c", "d"] {
            let relative = format!("models/{model}.rs");
            if Some(model) == blocked {
                fs::create_dir_all(dir.join(&relative)).unwrap();
            } else if model != "d" {
                fs::write(dir.join(&relative), format!("{HEADER}// old {model}\n")).unwrap();
            }
            files.insert(relative, format!("{HEADER}// new {model}\n"));
        }
        fs::write(dir.join("models/stale.rs"), format!("{HEADER}// stale\n")).unwrap();
        (dir, files)
    }

    #[test]
    fn without_a_fault_every_file_is_written() {
        let (dir, files) = setup("ok", None);
        let changes = diff(&dir, &files).unwrap();
        assert_eq!(changes.stale.len(), 4);
        assert_eq!(changes.removed, ["models/stale.rs"]);
        apply(&dir, &files, &changes).unwrap();
        let expected: BTreeMap<_, _> = std::iter::once(("models".to_owned(), None))
            .chain(files.iter().map(|(k, v)| (k.clone(), Some(v.as_bytes().to_vec()))))
            .collect();
        assert_eq!(tree(&dir), expected);
        fs::remove_dir_all(&dir).unwrap();
    }

    /// A failure injected before each step on the disk in turn (each staging write, each rename,
    /// the removal): the run fails naming the file, and the tree is exactly as before, without a
    /// temporary file.
    #[test]
    fn a_fault_at_any_step_leaves_the_tree_as_it_was() {
        let (dir, files) = setup("count", None);
        let changes = diff(&dir, &files).unwrap();
        let mut steps = Vec::new();
        apply_with(&dir, &files, &changes, &mut |step| {
            steps.push(format!("{step:?}"));
            Ok(())
        })
        .unwrap();
        // 4 written, 4 renamed, 1 removed.
        assert_eq!(steps.len(), 9, "{steps:?}");
        fs::remove_dir_all(&dir).unwrap();

        for (fault, step_name) in steps.iter().enumerate() {
            let (dir, files) = setup(&format!("fault{fault}"), None);
            let before = tree(&dir);
            let changes = diff(&dir, &files).unwrap();
            let mut position = 0;
            let mut failed_at = None;
            let error = apply_with(&dir, &files, &changes, &mut |step| {
                position += 1;
                if position - 1 == fault {
                    failed_at = Some(match step {
                        Step::Stage(path) | Step::Replace(path) | Step::Remove(path) => path.to_path_buf(),
                    });
                    return Err(std::io::Error::other("injected"));
                }
                Ok(())
            })
            .expect_err("the injected fault fails the run");
            assert_eq!(error.file, failed_at, "the error names the file that failed: {error}");
            assert!(error.message.contains("injected") && error.message.contains("no file was changed"), "{error}");
            assert_eq!(tree(&dir), before, "fault at step {fault} ({step_name}) changed the tree");
            fs::remove_dir_all(&dir).unwrap();
        }
    }

    /// A real directory standing where each file goes in turn (rename refuses it): nothing changes.
    #[test]
    fn a_directory_in_the_way_anywhere_leaves_the_tree_as_it_was() {
        for blocked in ["a", "b", "c", "d"] {
            let (dir, files) = setup(&format!("blocked-{blocked}"), Some(blocked));
            let before = tree(&dir);
            let changes = diff(&dir, &files).unwrap();
            let error = apply(&dir, &files, &changes).expect_err("a directory cannot be replaced by a file");
            assert_eq!(error.file, Some(dir.join(format!("models/{blocked}.rs"))), "{error}");
            assert_eq!(tree(&dir), before, "blocked at {blocked}: {error}");
            fs::remove_dir_all(&dir).unwrap();
        }
    }
}
