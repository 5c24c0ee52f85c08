//! Shared by the integration tests: generating a standalone crate and running clippy on it.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace's target directory: `$CARGO_TARGET_DIR` when set (as cargo does), else
/// `target/`. The generated crates build into it too, so that the runtime's dependencies, built
/// once for the workspace (and its clippy run), are reused rather than built again.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| xtask::workspace_root().join("target"), PathBuf::from)
}

/// Where the generated crates are written: `<target>/compile-check/<name>`.
pub fn compile_dir() -> PathBuf {
    target_dir().join("compile-check")
}

/// Generates the crate for `spec_dir` as `name` and runs clippy on it; panics with the output
/// when either fails.
pub fn assert_generates_clippy_clean(spec_dir: &Path, name: &str) {
    let out = compile_dir().join(name);
    let _ = std::fs::remove_dir_all(&out);
    let generated = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["codegen", "--spec"])
        .arg(spec_dir)
        .arg("--crate")
        .arg(&out)
        .output()
        .unwrap();
    assert!(generated.status.success(), "codegen failed:\n{}", String::from_utf8_lossy(&generated.stderr));
    // The workspace's lock file pins the runtime's dependencies to versions already built.
    std::fs::copy(xtask::workspace_root().join("Cargo.lock"), out.join("Cargo.lock")).unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let checked = Command::new(cargo)
        // Every feature: the API groups and the runtime's `tracing` and `testing` (whose generated
        // test doubles name every operation's types too).
        .args(["clippy", "--offline", "--quiet", "--all-features", "--", "-D", "warnings"])
        .current_dir(&out)
        .env("CARGO_TARGET_DIR", target_dir())
        .env_remove("RUSTC_WORKSPACE_WRAPPER")
        .output()
        .unwrap();
    assert!(
        checked.status.success(),
        "the crate generated from {} does not pass clippy:\n{}",
        spec_dir.display(),
        String::from_utf8_lossy(&checked.stderr)
    );
}
