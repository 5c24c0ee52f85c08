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

/// The documentation examples that belong to a spec directory: the fixtures of its workspace,
/// `<spec>/../tests/fixtures/examples` (written by `cargo xtask examples`), when that directory
/// exists. A spec elsewhere (a foreign spec given to `codegen --spec DIR --crate OUT`) has none,
/// and its models simply show no example.
pub fn examples_dir(spec_dir: &Path) -> Option<PathBuf> {
    let dir = spec_dir.parent()?.join("tests").join("fixtures").join("examples");
    dir.is_dir().then_some(dir)
}

/// What the generator makes of one spec: every generated file by path relative to `src/`, the
/// lowered API it came from, and the notes (what the spec says that the generator reads but
/// does not follow, for `--verbose`).
pub struct Generated {
    pub files: BTreeMap<String, String>,
    /// The lowered API (its `notes` moved to [`Generated::notes`]).
    pub api: ir::Api,
    pub notes: Vec<Error>,
    /// The spec's `info.title`.
    pub title: String,
}

/// The generator, from a spec directory to files: load, then [`generate_spec`] with the
/// examples of [`examples_dir`]. `cargo xtask codegen`, `--check`, `--crate` and the tests all
/// go through it, so what the tests check is what is written.
pub fn generate(spec_dir: &Path) -> Result<Generated, Errors> {
    let (spec, api) = lower::lower_loaded(load::load_dir(spec_dir))?;
    emit_lowered(&spec, api, examples_dir(spec_dir).as_deref())
}

/// Lower and emit a loaded spec (for sources already in memory: the golden fixtures, the
/// benchmarks); `examples` is the directory of documentation examples shown in the models'
/// rustdoc, if any.
pub fn generate_spec(spec: &load::Spec, examples: Option<&Path>) -> Result<Generated, Errors> {
    emit_lowered(spec, lower::lower(spec)?, examples)
}

/// Emit, for a spec already lowered.
fn emit_lowered(spec: &load::Spec, mut api: ir::Api, examples: Option<&Path>) -> Result<Generated, Errors> {
    let notes = std::mem::take(&mut api.notes);
    let files = emit_files(&api, examples)?;
    Ok(Generated { files, api, notes, title: spec.doc.info.title.clone() })
}

/// The emit stage whole: the generated modules, with the documentation examples of `examples`
/// in the models' rustdoc (`emit::model_examples`).
pub fn emit_files(api: &ir::Api, examples: Option<&Path>) -> Result<BTreeMap<String, String>, Errors> {
    let mut files = emit::emit(api);
    if let Some(dir) = examples {
        emit::model_examples::add(api, dir, &mut files)?;
    }
    Ok(files)
}

/// `cargo xtask codegen [--check]`: returns the changes found (and, unless `check`, applied).
pub fn codegen(spec_dir: &Path, src_dir: &Path, check: bool) -> Result<write::Changes, Errors> {
    let generated = generate(spec_dir)?;
    let mut changes = write::diff(src_dir, &generated.files)?;
    changes.notes = generated.notes;
    if !check {
        write::apply(src_dir, &generated.files, &changes)?;
    }
    Ok(changes)
}
