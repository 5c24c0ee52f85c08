//! The tools beside the pipeline that read the saved documentation pages (`../shared/docs` by
//! default): `page` is the one reader of a page (operations, parameter and field tables, response
//! tabs, JSON examples); `check` is `cargo xtask docs-check` (every difference between the pages
//! and spec/); `examples` is `cargo xtask examples` (the pages' JSON examples as test fixtures).
//! They read spec/ through `load` and never write generated code.

pub mod check;
pub mod examples;
pub mod page;
