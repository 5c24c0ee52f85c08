//! `cargo xtask codegen [--check]` and `cargo xtask spec`: see the README.

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask codegen [--check]   generate generated-client/src from spec/ (--check: write nothing, fail if stale)
       cargo xtask spec                print the merged spec as one OpenAPI document (JSON)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (spec_dir, src_dir) = xtask::default_paths();
    match args.as_slice() {
        ["codegen"] | ["codegen", "--check"] => {
            let check = args.len() == 2;
            match xtask::codegen(&spec_dir, &src_dir, check) {
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
                Ok(changes) if check && !changes.is_empty() => {
                    eprintln!("The generated client is stale:");
                    for file in &changes.stale {
                        eprintln!("  would write   generated-client/src/{file}");
                    }
                    for file in &changes.removed {
                        eprintln!("  would remove  generated-client/src/{file}");
                    }
                    eprintln!("Run `cargo xtask codegen` and commit the result.");
                    ExitCode::FAILURE
                }
                Ok(changes) => {
                    if !check {
                        eprintln!(
                            "codegen: {} file(s) written, {} removed",
                            changes.stale.len(),
                            changes.removed.len()
                        );
                    }
                    ExitCode::SUCCESS
                }
            }
        }
        ["spec"] => match xtask::spec::load_dir(&spec_dir) {
            Ok(spec) => {
                println!("{}", serde_json::to_string_pretty(&spec.raw).expect("JSON values serialize"));
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}
