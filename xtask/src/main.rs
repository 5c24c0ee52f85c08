//! `cargo xtask codegen [--check]`, `cargo xtask spec` and `cargo xtask examples [DOCS_DIR]`: see the README.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask codegen [--check] [--verbose] [--spec DIR] [--out DIR]
           generate generated-client/src from spec/; --check writes nothing and fails if stale
       cargo xtask codegen --spec DIR --crate OUT [--name NAME] [--check]
           write a complete crate for the spec in DIR (Cargo.toml, the runtime, the generated
           modules) to OUT; NAME defaults to OUT's directory name
       --verbose lists what the spec says that the generator reads but does not follow
       cargo xtask spec [--spec DIR]
           print the merged spec as one OpenAPI document (JSON)
       cargo xtask examples [DOCS_DIR] [--spec DIR]
           extract the JSON examples of the docs pages (default ../shared/docs) into
           tests/fixtures/examples/ (see xtask/src/examples.rs)";

/// Options shared by the subcommands.
struct Options {
    check: bool,
    /// `--verbose`: list what the generator read but does not follow.
    verbose: bool,
    /// `--crate OUT`: a standalone crate instead of generated-client/src.
    crate_dir: Option<PathBuf>,
    crate_name: Option<String>,
    spec_dir: PathBuf,
    src_dir: PathBuf,
}

fn parse_options(args: &[String]) -> Result<Options, String> {
    let (spec_dir, src_dir) = xtask::default_paths();
    let mut options = Options { check: false, verbose: false, crate_dir: None, crate_name: None, spec_dir, src_dir };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--check" => options.check = true,
            "--verbose" => options.verbose = true,
            "--spec" => options.spec_dir = args.next().ok_or("--spec needs a directory")?.into(),
            "--out" => options.src_dir = args.next().ok_or("--out needs a directory")?.into(),
            "--crate" => options.crate_dir = Some(args.next().ok_or("--crate needs a directory")?.into()),
            "--name" => options.crate_name = Some(args.next().ok_or("--name needs a crate name")?.clone()),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(options)
}

/// Every error, one per line, sorted; paths inside the workspace are shown relative to it
/// (`spec/teams.yaml`).
fn show(errors: xtask::Errors) -> String {
    let root = xtask::workspace_root();
    let count = errors.len();
    let mut out = String::new();
    for mut error in errors {
        if let Some(relative) = error.file.as_ref().and_then(|file| file.strip_prefix(&root).ok()) {
            error.file = Some(relative.to_path_buf());
        }
        out.push_str(&format!("error: {error}\n"));
    }
    if count > 1 {
        out.push_str(&format!("{count} errors; nothing was written\n"));
    }
    out.pop();
    out
}

fn codegen(options: &Options) -> ExitCode {
    let (result, out) = match &options.crate_dir {
        Some(dir) => (
            xtask::standalone::codegen_crate(&options.spec_dir, dir, options.crate_name.as_deref(), options.check),
            dir.as_path(),
        ),
        None => (xtask::codegen(&options.spec_dir, &options.src_dir, options.check), options.src_dir.as_path()),
    };
    if let Ok(changes) = &result
        && !changes.notes.is_empty()
    {
        if options.verbose {
            for note in &changes.notes {
                eprintln!("note: {note}");
            }
        } else {
            eprintln!(
                "codegen: {} note(s) on what the spec says and the client does not follow; --verbose lists them",
                changes.notes.len()
            );
        }
    }
    match result {
        Err(e) => {
            eprintln!("{}", show(e));
            ExitCode::FAILURE
        }
        Ok(changes) if options.check && !changes.is_empty() => {
            let out = display_dir(out);
            eprintln!("The generated client is stale:");
            for file in &changes.stale {
                eprintln!("  would write   {out}/{file}");
            }
            for file in &changes.removed {
                eprintln!("  would remove  {out}/{file}");
            }
            eprintln!("Run `cargo xtask codegen` and commit the result.");
            ExitCode::FAILURE
        }
        Ok(changes) => {
            if !options.check {
                eprintln!("codegen: {} file(s) written, {} removed", changes.stale.len(), changes.removed.len());
            }
            ExitCode::SUCCESS
        }
    }
}

fn display_dir(dir: &Path) -> String {
    dir.strip_prefix(xtask::workspace_root()).unwrap_or(dir).display().to_string()
}

fn print_spec(options: &Options) -> ExitCode {
    match xtask::spec::load_dir(&options.spec_dir) {
        Ok(spec) => {
            println!("{}", serde_json::to_string_pretty(&spec.raw).expect("JSON values serialize"));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}", show(e));
            ExitCode::FAILURE
        }
    }
}

/// `cargo xtask examples [DOCS_DIR]`: the docs pages' JSON examples into tests/fixtures/examples/.
fn examples(options: &Options, docs_dir: Option<PathBuf>) -> ExitCode {
    if options.check || options.src_dir != xtask::default_paths().1 {
        eprintln!("error: `examples` takes no --check or --out\n{USAGE}");
        return ExitCode::from(2);
    }
    let root = xtask::workspace_root();
    let docs_dir = docs_dir.unwrap_or_else(|| root.join("..").join("shared").join("docs"));
    let out_dir = root.join("tests").join("fixtures").join("examples");
    let result = xtask::spec::load_dir(&options.spec_dir).and_then(|spec| {
        let fixtures = xtask::examples::extract(&docs_dir, &spec)?;
        xtask::examples::write_fixtures(&out_dir, &fixtures)?;
        Ok(fixtures)
    });
    match result {
        Ok(fixtures) => {
            let mut pages = std::collections::BTreeMap::<&str, usize>::new();
            for f in &fixtures {
                *pages.entry(f.page.as_str()).or_default() += 1;
            }
            for (page, count) in pages {
                eprintln!("examples: {page}: {count} fixture(s)");
            }
            eprintln!("examples: {} fixture(s) written to {}", fixtures.len(), display_dir(&out_dir));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}", show(e));
            ExitCode::FAILURE
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    // `examples` takes the docs directory as an optional first positional argument.
    let (docs_dir, rest) = match rest.split_first() {
        Some((dir, tail)) if command == "examples" && !dir.starts_with("--") => (Some(PathBuf::from(dir)), tail),
        _ => (None, rest),
    };
    let options = match parse_options(rest) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("error: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match command.as_str() {
        "codegen" => codegen(&options),
        "spec" => print_spec(&options),
        "examples" => examples(&options, docs_dir),
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}
