//! The generator behind `cargo xtask codegen`: spec/ in, the `datadog-v2-client` crate's
//! generated modules out. Four stages, each its own module (see `../shared/DESIGN.md`):
//!
//! ```text
//! spec/*.yaml --load--> openapiv3::OpenAPI --lower--> ir::Api --emit--> files --write--> generated-client/src/
//! ```

pub mod emit;
pub mod emit_doc_example;
pub mod emit_into;
pub mod emit_model_examples;
pub mod emit_operations;
pub mod emit_testing;
pub mod error;
pub mod examples;
pub mod ir;
pub mod lower;
pub mod names;
pub mod parallel;
pub mod published_check;
pub mod spec;
pub mod write;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use error::{Error, Result};

/// The workspace root (the parent of `xtask/`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").to_path_buf()
}

/// The default spec directory and output `src/` directory of the workspace.
pub fn default_paths() -> (PathBuf, PathBuf) {
    let root = workspace_root();
    (root.join("spec"), root.join("generated-client").join("src"))
}

/// Runs load, lower and emit: every generated file by path relative to `src/`.
pub fn generate(spec_dir: &Path) -> Result<BTreeMap<String, String>> {
    let spec = spec::load_dir(spec_dir)?;
    let api = lower::lower(&spec)?;
    let mut files = emit::emit(&api);
    emit_model_examples::add(&api, spec_dir, &mut files)?;
    Ok(files)
}

/// `cargo xtask codegen [--check]`: returns the changes found (and, unless `check`, applied).
pub fn codegen(spec_dir: &Path, src_dir: &Path, check: bool) -> Result<write::Changes> {
    let files = generate(spec_dir)?;
    let changes = write::diff(src_dir, &files)?;
    if !check {
        write::apply(src_dir, &files, &changes)?;
    }
    Ok(changes)
}
