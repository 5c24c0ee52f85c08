//! `cargo xtask codegen [--check]`, `cargo xtask spec`, `cargo xtask examples [DOCS_DIR]`,
//! `cargo xtask docs-check [DOCS_DIR] [--verbose]`, `cargo xtask api-diff` and
//! `cargo xtask published-check [FILE] [--verbose]`: see the README.

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
       cargo xtask examples [DOCS_DIR] [--spec DIR] [--fixtures DIR]
           extract the JSON examples of the docs pages (default ../shared/docs) into
           tests/fixtures/examples/ (see xtask/src/examples.rs)
       cargo xtask published-check [FILE] [--verbose] [--spec DIR]
           compare spec/ with the published OpenAPI document (default
           ../shared/specs/datadog-v2/openapi.yaml); exit 1 on a difference neither adopted nor
           declared in `x-departures` (see README, \"Where the page and the API disagree\")
       cargo xtask api-diff [--base REV | --base-spec DIR] [--spec DIR] [--intended] [--changelog [FILE]]
           what the crate generated from spec/ changes for its users since the last release
           (or REV): each change additive, breaking in Rust, breaking on the wire or behaviour,
           and the version it needs; exit 1 on a breaking change unless --intended (and
           generated-client/Cargo.toml has that version);
           --changelog writes its part of the `## [Unreleased]` section of CHANGELOG.md (or
           FILE), between two comment lines, keeping the rest of the section;
           `--print-base` prints the last release's revision and version
       cargo xtask docs-check [DOCS_DIR] [--spec DIR] [--verbose]
           compare the docs pages (default ../shared/docs) with spec/: one line per difference,
           exit 1 if there is any; --verbose also lists the departures the spec accepts";

/// Options shared by the subcommands.
struct Options {
    check: bool,
    /// `--verbose`: list what the generator read but does not follow.
    verbose: bool,
    /// `--crate OUT`: a standalone crate instead of generated-client/src.
    crate_dir: Option<PathBuf>,
    crate_name: Option<String>,
    spec_dir: PathBuf,
    /// `examples` only: where the fixtures go (default tests/fixtures/examples).
    fixtures_dir: Option<PathBuf>,
    src_dir: PathBuf,
}

fn parse_options(args: &[String]) -> Result<Options, String> {
    let (spec_dir, src_dir) = xtask::default_paths();
    let mut options = Options {
        check: false,
        verbose: false,
        crate_dir: None,
        crate_name: None,
        spec_dir,
        fixtures_dir: None,
        src_dir,
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--check" => options.check = true,
            "--verbose" => options.verbose = true,
            "--spec" => options.spec_dir = args.next().ok_or("--spec needs a directory")?.into(),
            "--fixtures" => options.fixtures_dir = Some(args.next().ok_or("--fixtures needs a directory")?.into()),
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
    if options.fixtures_dir.is_some() {
        eprintln!("error: `codegen` takes no --fixtures\n{USAGE}");
        return ExitCode::from(2);
    }
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
                // New and removed files by name: a new file is untracked, so `git diff` does
                // not show it.
                // A standalone crate's files are all new on its first run: counted, not listed.
                if options.crate_dir.is_none() {
                    let out = display_dir(out);
                    for file in &changes.created {
                        eprintln!("  created  {out}/{file}");
                    }
                    for file in &changes.removed {
                        eprintln!("  removed  {out}/{file}");
                    }
                }
                eprintln!(
                    "codegen: {} file(s) written ({} new), {} removed{}",
                    changes.stale.len(),
                    changes.created.len(),
                    changes.removed.len(),
                    if changes.created.is_empty() { "" } else { "; `git add` the new files" }
                );
            }
            ExitCode::SUCCESS
        }
    }
}

fn display_dir(dir: &Path) -> String {
    dir.strip_prefix(xtask::workspace_root()).unwrap_or(dir).display().to_string()
}

fn print_spec(options: &Options) -> ExitCode {
    match xtask::load::load_dir(&options.spec_dir).map_err(xtask::Errors::from) {
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
    let docs_dir = docs_dir.unwrap_or_else(xtask::default_docs_dir);
    // By default, the fixtures of the spec's workspace: where codegen reads them back.
    let out_dir = options.fixtures_dir.clone().unwrap_or_else(|| {
        options.spec_dir.parent().unwrap_or(Path::new(".")).join("tests").join("fixtures").join("examples")
    });
    let result = xtask::load::load_dir(&options.spec_dir).map_err(xtask::Errors::from).and_then(|spec| {
        let fixtures = xtask::docs::examples::extract(&docs_dir, &spec)?;
        xtask::docs::examples::write_fixtures(&out_dir, &fixtures)?;
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

/// `cargo xtask published-check [FILE] [--verbose] [--spec DIR]`: exit 0 when every difference
/// is adopted, declared or published only (open contradictions are printed but pass), 1 when
/// one is not or a departure is stale, 2 on bad arguments or input.
fn published_check(args: &[String]) -> ExitCode {
    let mut file = None;
    let mut verbose = false;
    let mut spec_dir = xtask::default_paths().0;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--verbose" | "-v" => verbose = true,
            "--spec" => match args.next() {
                Some(dir) => spec_dir = dir.into(),
                None => {
                    eprintln!("error: --spec needs a directory\n{USAGE}");
                    return ExitCode::from(2);
                }
            },
            other if !other.starts_with('-') && file.is_none() => file = Some(PathBuf::from(other)),
            other => {
                eprintln!("error: unknown argument `{other}`\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let file = file.unwrap_or_else(xtask::published::default_published);
    let result = xtask::load::load_dir(&spec_dir).map_err(xtask::Errors::from).and_then(|spec| {
        let published = xtask::published::load_published(&file)?;
        Ok(xtask::published::check(&spec, &published)?)
    });
    match result {
        Ok(report) => {
            print!("{}", report.render(verbose));
            if report.passes() { ExitCode::SUCCESS } else { ExitCode::FAILURE }
        }
        Err(e) => {
            eprintln!("{}", show(e));
            ExitCode::from(2)
        }
    }
}

/// `cargo xtask api-diff`: exit 0 when nothing breaks (or `--intended`), 1 on a breaking
/// change, 2 on bad arguments or input.
fn api_diff(args: &[String]) -> ExitCode {
    use xtask::api_diff::{self, git};
    let root = xtask::workspace_root();
    let mut base_rev = None;
    let mut base_spec: Option<PathBuf> = None;
    let mut spec_dir = xtask::default_paths().0;
    let mut intended = false;
    let mut changelog: Option<PathBuf> = None;
    let mut print_base = false;
    let mut args = args.iter().peekable();
    while let Some(arg) = args.next() {
        let mut value = |what: &str| args.next().cloned().ok_or(format!("{arg} needs {what}"));
        let result = match arg.as_str() {
            "--base" => value("a git revision").map(|v| base_rev = Some(v)),
            "--base-spec" => value("a directory").map(|v| base_spec = Some(v.into())),
            "--spec" => value("a directory").map(|v| spec_dir = v.into()),
            "--intended" => {
                intended = true;
                Ok(())
            }
            "--print-base" => {
                print_base = true;
                Ok(())
            }
            "--changelog" => {
                let file = args.next_if(|next| !next.starts_with("--")).map(PathBuf::from);
                changelog = Some(file.unwrap_or_else(|| root.join(git::CHANGELOG)));
                Ok(())
            }
            other => Err(format!("unknown argument `{other}`")),
        };
        if let Err(message) = result {
            eprintln!("error: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    }
    let fail = |errors: xtask::Errors| {
        eprintln!("{}", show(errors));
        ExitCode::from(2)
    };
    // The old side: a spec directory, or spec/ at a revision (default: the last release).
    let release = match (&base_rev, &base_spec) {
        (None, None) => match git::last_release(&root) {
            Ok(release) => Some(release),
            Err(e) => return fail(e.into()),
        },
        _ => None,
    };
    if print_base {
        return match &release {
            Some(release) => {
                println!("{} {}", release.rev, release.version);
                ExitCode::SUCCESS
            }
            None => {
                eprintln!("error: --print-base prints the last release; it takes no --base or --base-spec");
                ExitCode::from(2)
            }
        };
    }
    let rev = release.as_ref().map(|r| r.rev.clone()).or(base_rev);
    let (_temp, old_dir) = match (&rev, base_spec) {
        (_, Some(dir)) => (None, dir),
        (Some(rev), None) => match git::spec_at(&root, rev, "spec") {
            Ok((temp, dir)) => (Some(temp), dir),
            Err(e) => return fail(e),
        },
        (None, None) => unreachable!("a base is always chosen above"),
    };
    if let Some(release) = &release {
        eprintln!("api-diff: the last release is {} ({})", release.version, release.found_by);
    }
    let old = match api_diff::load_api(&old_dir) {
        Ok(api) => api,
        Err(e) => return fail(e),
    };
    let new = match api_diff::load_api(&spec_dir) {
        Ok(api) => api,
        Err(e) => return fail(e),
    };
    let report = api_diff::diff(&old, &new);
    let base_version = match (&release, &rev) {
        (Some(release), _) => Some(release.version),
        (None, Some(rev)) => git::version_at(&root, rev).ok().flatten(),
        (None, None) => None,
    };
    let current = std::fs::read_to_string(root.join(git::MANIFEST)).ok().and_then(|m| git::manifest_version(&m));
    print!("{}", api_diff::render(&report, base_version, current));
    if let Some(file) = &changelog {
        let base = base_version.zip(rev.as_deref());
        let section = api_diff::changelog::section(&report, base);
        if let Err(e) = api_diff::changelog::write(file, &section) {
            return fail(e.into());
        }
        eprintln!("api-diff: wrote the `## [Unreleased]` section of {}", display_dir(file));
    }
    match api_diff::verdict(&report, intended, base_version, current) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("api-diff: {message}");
            ExitCode::FAILURE
        }
    }
}

/// `cargo xtask docs-check [DOCS_DIR] [--verbose]`: the differences between the pages and spec/.
fn docs_check(options: &Options, docs_dir: Option<PathBuf>) -> ExitCode {
    if options.check || options.src_dir != xtask::default_paths().1 || options.fixtures_dir.is_some() {
        eprintln!("error: `docs-check` takes no --check, --out or --fixtures\n{USAGE}");
        return ExitCode::from(2);
    }
    let docs_dir = docs_dir.unwrap_or_else(xtask::default_docs_dir);
    let report = xtask::load::load_dir(&options.spec_dir)
        .map_err(xtask::Errors::from)
        .and_then(|spec| Ok(xtask::docs::check::check(&docs_dir, &spec)?));
    let report = match report {
        Ok(report) => report,
        Err(e) => {
            eprintln!("{}", show(e));
            return ExitCode::FAILURE;
        }
    };
    let root = xtask::workspace_root();
    let relative = |mut d: xtask::docs::check::Difference| {
        if let Some(file) = d.file.as_ref().and_then(|f| f.strip_prefix(&root).ok()) {
            d.file = Some(file.to_path_buf());
        }
        d
    };
    if options.verbose {
        for (difference, reason) in &report.accepted {
            println!("accepted: {}\n    reason: {reason}", relative(difference.clone()));
        }
    }
    for difference in &report.differences {
        println!("{}", relative(difference.clone()));
    }
    eprintln!(
        "docs-check: {} difference(s), {} accepted departure(s){}",
        report.differences.len(),
        report.accepted.len(),
        if options.verbose { "" } else { " (--verbose lists them)" }
    );
    if report.differences.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    if command == "published-check" {
        return published_check(rest);
    }
    if command == "api-diff" {
        return api_diff(rest);
    }
    // `examples` and `docs-check` take the docs directory as an optional first positional argument.
    let (docs_dir, rest) = match rest.split_first() {
        Some((dir, tail)) if matches!(command.as_str(), "examples" | "docs-check") && !dir.starts_with("--") => {
            (Some(PathBuf::from(dir)), tail)
        }
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
        "docs-check" => docs_check(&options, docs_dir),
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}
