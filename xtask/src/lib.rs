//! The generator behind `cargo xtask codegen`: spec/ in, the `datadog-v2-client` crate's
//! generated modules out. Four stages, each its own module (see `ARCHITECTURE.md` at the
//! repository root: the stages, the IR, where each construct is lowered and emitted):
//!
//! ```text
//! spec/*.yaml --load--> openapiv3::OpenAPI --lower--> ir::Api --emit--> files --write--> generated-client/src/
//! ```

pub mod api_diff;
pub mod docs_check;
pub mod emit;
pub mod emit_doc_example;
pub mod emit_into;
pub mod emit_model_examples;
pub mod emit_operations;
pub mod emit_testing;
pub mod error;
pub mod examples;
pub mod ir;
pub mod lines;
pub mod lower;
pub mod names;
pub mod page;
pub mod parallel;
pub mod published_check;
pub mod spec;
pub mod standalone;
pub mod strict_yaml;
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
    let spec = spec::load_dir(spec_dir)?;
    let api = lower::lower(&spec)?;
    let mut files = emit::emit(&api);
    emit_model_examples::add(&api, spec_dir, &mut files)?;
    Ok(files)
}

/// `cargo xtask codegen [--check]`: returns the changes found (and, unless `check`, applied).
pub fn codegen(spec_dir: &Path, src_dir: &Path, check: bool) -> Result<write::Changes, Errors> {
    let spec = spec::load_dir(spec_dir)?;
    let mut api = lower::lower(&spec)?;
    let notes = std::mem::take(&mut api.notes);
    let files = emit::emit(&api);
    let mut changes = write::diff(src_dir, &files)?;
    changes.notes = notes;
    if !check {
        write::apply(src_dir, &files, &changes)?;
    }
    Ok(changes)
}
