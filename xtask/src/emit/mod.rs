//! Stage 3, **emit**: the IR becomes Rust source, one `quote!` function per kind of item, then
//! `prettyplease` formats it. A model file ends with the table its serde `macro_rules!` expands
//! (`generated-client/src/macros.rs`), written as text, one entry per line, since prettyplease
//! would run a macro's tokens together. Emit never looks at OpenAPI types; every decision was
//! made in `lower`.
//!
//! One module per kind of output, as `lower/` has one per construct; they share the helpers of
//! `tokens` (names, types, formatting) and `doc_text` (doc comments), which depend on nothing
//! else here:
//!
//! | output | module |
//! | --- | --- |
//! | `models/<type>.rs`: structs, aliases | `models` (enums: `enums`, `oneOf`: `unions`; constructor and setter argument types: `into`) |
//! | `apis/<group>.rs` | `operations` (optional parameters: `params`, `_with_pagination`: `pagination`) |
//! | `models/mod.rs`, `apis/mod.rs` (+ `__for_each_operation!`) | `modules` |
//! | `operations.rs` | `operation_facts` |
//! | `testing/operations.rs` | `testing` |
//! | each operation's doctest | `doc_example` |
//! | each model's `# Example` | `model_examples` |

pub mod doc_example;
mod doc_text;
mod enums;
mod into;
pub mod model_examples;
mod models;
mod modules;
mod operation_facts;
mod operations;
mod pagination;
mod params;
mod testing;
mod tokens;
mod unions;

use std::collections::BTreeMap;

use crate::ir::*;
use crate::parallel;

pub use tokens::{HEADER, format_file, type_tokens};
// What `api_diff` reads of the generated code's Rust types: the same functions that write it.
pub(crate) use models::{constructor_args, stored_type};
pub(crate) use params::method_args;
pub(crate) use tokens::{body_tokens, optional_params_name, success_tokens};

/// Every generated file, by path relative to the crate's `src/`, formatted and with its header.
/// Files are emitted and formatted on all cores; the result does not depend on how.
pub fn emit(api: &Api) -> BTreeMap<String, String> {
    // One job per file, the large API files first.
    let jobs: Vec<Job<'_>> = api.groups.iter().map(Job::Group).chain(api.types.iter().map(Job::Model)).collect();
    let mut files: BTreeMap<String, String> = parallel::map(&jobs, |job| match job {
        Job::Model(def) => (format!("models/{}.rs", def.module), models::emit_model(def)),
        Job::Group(group) => (format!("apis/{}.rs", group.module), format_file(operations::emit_group(group))),
    })
    .into_iter()
    .collect();
    files.extend(modules::mod_files(api));
    files.extend([operation_facts::emit(api), testing::emit(api)]);
    doc_example::add(api, &mut files);
    files
}

/// A file to emit.
enum Job<'a> {
    Model(&'a TypeDef),
    Group(&'a Group),
}
