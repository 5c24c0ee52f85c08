//! The generator behind `cargo xtask codegen`: spec/ in, the `datadog-v2-client` crate's
//! generated modules out. Four stages, each its own module (see `ARCHITECTURE.md` at the
//! repository root: the stages, the IR, where each construct is lowered and emitted):
//!
//! ```text
//! spec/*.yaml --load--> openapiv3::OpenAPI --lower--> ir::Api --emit--> files --write--> generated-client/src/
//! ```

pub mod api_diff;
pub mod docs;
pub mod emit;
pub mod error;
pub mod ir;
pub mod load;
pub mod lower;
pub mod names;
pub mod parallel;
pub mod published;
pub mod standalone;
pub mod write;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use error::{Error, Errors, Result};

/// The workspace root (the parent of `xtask/`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").to_path_buf()
}

/// The default spec directory and output `src/` directory of the workspace.
pub fn default_paths() -> (PathBuf, PathBuf) {
    let root = workspace_root();
    (root.join("spec"), root.join("generated-client").join("src"))
}

/// The default directory of the saved documentation pages: `../shared/docs` from the workspace root.
pub fn default_docs_dir() -> PathBuf {
    workspace_root().join("..").join("shared").join("docs")
}

/// Runs load, lower and emit: every generated file by path relative to `src/`.
pub fn generate(spec_dir: &Path) -> Result<BTreeMap<String, String>, Errors> {
    let (_, api) = lower::lower_loaded(load::load_dir(spec_dir))?;
    let mut files = emit::emit(&api);
    emit::model_examples::add(&api, spec_dir, &mut files)?;
    Ok(files)
}

/// `cargo xtask codegen [--check]`: returns the changes found (and, unless `check`, applied).
pub fn codegen(spec_dir: &Path, src_dir: &Path, check: bool) -> Result<write::Changes, Errors> {
    let (_, mut api) = lower::lower_loaded(load::load_dir(spec_dir))?;
    let notes = std::mem::take(&mut api.notes);
    let files = emit::emit(&api);
    let mut changes = write::diff(src_dir, &files)?;
    changes.notes = notes;
    if !check {
        write::apply(src_dir, &files, &changes)?;
    }
    Ok(changes)
}
