//! Generation benchmark: times each stage of the generator on `spec/` and on synthetic specs
//! 10x and 100x larger, and prints a Markdown table (see BENCHMARKS.md).
//!
//! ```sh
//! cargo run --release -p xtask --example bench_codegen            # sizes 1, 10, 100
//! cargo run --release -p xtask --example bench_codegen -- 1 10    # chosen sizes
//! ```
//!
//! The synthetic spec of size N is `spec/` plus N-1 copies of every schema and every operation:
//! copy k renames schema `Team` to `TeamCopyk` (rewriting every `$ref` to it), operation
//! `listTeams` to `listTeamsCopyk` under the path `/api/vk/...`, and tag `Teams` to `Teams Copyk`
//! (one more API group per copy). Shared responses and parameters are not copied. Each copy of a
//! file is one more source given to `load_sources`, so loading parses N times as many files.
//!
//! Stages, as the public API allows them to be timed:
//! - **load**: `load::load_sources` on the texts already in memory (YAML parse, merge, typed
//!   OpenAPI document);
//! - **lower**: `lower::lower`;
//! - **emit**: `xtask::emit_files` (the emit stage of `xtask::generate`: `emit::emit` and the
//!   models' documentation examples), which builds the tokens *and* formats them (`emit::format_file`
//!   parses the tokens with `syn::parse2` and prints them with `prettyplease::unparse`), the model
//!   files on all cores; the parts cannot be timed apart through the public API, so the formatting
//!   is measured separately, on one thread, on the same files: each emitted file is turned back
//!   into a `TokenStream`, then `syn::parse2` and `prettyplease::unparse` are timed;
//! - **write**: `write::diff` + `write::apply` into an empty temporary directory
//!   (`std::env::temp_dir()`, so `TMPDIR=/dev/shm` measures it without the disk).
//!
//! "generator" is load + lower + emit, the generator's own work. Times are wall-clock; the
//! table gives medians and, since a shared machine only ever adds time, the fastest run.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use proc_macro2::TokenStream;
use serde_json::{Map, Value};
use xtask::{load, lower, write};

const SCHEMA_REF: &str = "#/components/schemas/";

fn main() {
    let sizes: Vec<usize> = {
        let args: Vec<usize> =
            std::env::args().skip(1).map(|a| a.parse().expect("sizes are positive integers")).collect();
        if args.is_empty() { vec![1, 10, 100] } else { args }
    };
    let spec_dir = xtask::workspace_root().join("spec");
    let originals: Vec<(PathBuf, String)> = load::spec_files(&spec_dir)
        .expect("spec/ has yaml files")
        .into_iter()
        .map(|file| {
            let text = std::fs::read_to_string(&file).expect("readable spec file");
            (file, text)
        })
        .collect();

    // Output directories are removed only at the end: on ext4, creating files right after
    // deleting thousands makes inode allocation scan the recently deleted ones (`recently_deleted`
    // in a profile), which would be timed as `write`.
    let out_dir = std::env::temp_dir().join(format!("bench-codegen-{}", std::process::id()));
    let mut shapes = Vec::new();
    println!(
        "| size | load | lower | emit | of which syn::parse2 (1 thread) | of which prettyplease (1 thread) | write | total | generator (load+lower+emit) | generator, fastest run | generator per schema |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for &size in &sizes {
        let sources = synthetic(&originals, size);
        let iterations = (60 / size).clamp(3, 21);
        let mut runs = Vec::with_capacity(iterations);
        let mut shape = None;
        for _ in 0..iterations {
            let (run, this_shape) = run_once(&sources, &out_dir);
            shape = Some(this_shape);
            runs.push(run);
        }
        let shape = shape.expect("at least one iteration");
        let median = |value: &dyn Fn(&Stages) -> Duration| {
            let mut values: Vec<Duration> = runs.iter().map(value).collect();
            values.sort();
            values[values.len() / 2]
        };
        let generator = median(&|s| s.load + s.lower + s.emit);
        let fastest = runs.iter().map(|s| s.load + s.lower + s.emit).min().expect("a run");
        let emit = median(&|s| s.emit);
        let (parse, print) = (median(&|s| s.parse), median(&|s| s.print));
        println!(
            "| {size}x | {} | {} | {} | {} | {} | {} | {} | **{}** | {} | {:.0} µs |",
            ms(median(&|s| s.load)),
            ms(median(&|s| s.lower)),
            ms(emit),
            ms(parse),
            ms(print),
            ms(median(&|s| s.write)),
            ms(median(&|s| s.load + s.lower + s.emit + s.write)),
            ms(generator),
            ms(fastest),
            generator.as_secs_f64() * 1e6 / shape.schemas as f64,
        );
        eprintln!("{size}x: median of {iterations} runs");
        shapes.push((size, sources.len(), shape));
    }
    let _ = std::fs::remove_dir_all(&out_dir);
    println!();
    println!("| size | spec files | schemas | operations | generated files | generated lines |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: |");
    for (size, files, shape) in shapes {
        println!(
            "| {size}x | {files} | {} | {} | {} | {} |",
            shape.schemas, shape.operations, shape.files, shape.lines
        );
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

/// One run's time per stage.
#[derive(Clone, Copy, Default)]
struct Stages {
    load: Duration,
    lower: Duration,
    emit: Duration,
    /// `syn::parse2` and `prettyplease::unparse` of the emitted files (measured apart, see above).
    parse: Duration,
    print: Duration,
    write: Duration,
}

/// Runs `f`, returning its result and its wall-clock time.
fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let value = f();
    (value, start.elapsed())
}

struct Shape {
    files: usize,
    schemas: usize,
    operations: usize,
    lines: usize,
}

static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// One run of every stage; the output goes to a new directory below `out_dir`.
fn run_once(sources: &[(PathBuf, String)], out_dir: &Path) -> (Stages, Shape) {
    let mut run = Stages::default();
    let (loaded, t) = timed(|| load::load_sources(sources).expect("the synthetic spec loads"));
    run.load = t;
    let (api, t) = timed(|| lower::lower(&loaded).expect("the synthetic spec lowers"));
    run.lower = t;
    // The emit stage as `xtask::generate_spec` runs it, with spec/'s documentation examples.
    let examples = xtask::examples_dir(&xtask::default_paths().0);
    let (files, t) = timed(|| xtask::emit_files(&api, examples.as_deref()).expect("the synthetic spec emits"));
    run.emit = t;

    let streams = token_streams(&files);
    let (parsed, t) = timed(|| {
        streams.into_iter().map(|tokens| syn::parse2(tokens).expect("emitted files parse")).collect::<Vec<syn::File>>()
    });
    run.parse = t;
    let ((), t) = timed(|| {
        for file in &parsed {
            std::hint::black_box(prettyplease::unparse(file));
        }
    });
    run.print = t;

    let out = out_dir.join(format!("run{}", RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)));
    let ((), t) = timed(|| {
        let changes = write::diff(&out, &files).expect("diff against an empty directory");
        write::apply(&out, &files, &changes).expect("write to the temporary directory");
    });
    run.write = t;

    let shape = Shape {
        files: files.len(),
        schemas: loaded.doc.components.as_ref().map_or(0, |c| c.schemas.len()),
        operations: api.groups.iter().map(|g| g.operations.len()).sum(),
        lines: files.values().map(|text| text.lines().count()).sum(),
    };
    (run, shape)
}

/// Token streams equal to the ones `emit::format_file` formatted: its output, re-parsed.
fn token_streams(files: &BTreeMap<String, String>) -> Vec<TokenStream> {
    files
        .values()
        .map(|text| {
            let body = text.split_once('\n').map_or(text.as_str(), |(_header, body)| body);
            body.parse().expect("emitted files are valid Rust")
        })
        .collect()
}

// ---- synthetic specs ---------------------------------------------------------------------

/// `spec/` plus `size - 1` suffixed copies of every schema, operation and tag, as YAML sources.
fn synthetic(originals: &[(PathBuf, String)], size: usize) -> Vec<(PathBuf, String)> {
    let mut sources = originals.to_vec();
    let parsed: Vec<(PathBuf, Value)> = originals
        .iter()
        .map(|(file, text)| (file.clone(), load::parse_yaml(file, text).expect("spec/ parses")))
        .collect();
    for copy in 1..size {
        for (file, doc) in &parsed {
            let copied = copy_doc(doc, copy);
            let name = format!("{}.copy{copy}.yaml", file.file_stem().unwrap().to_string_lossy());
            sources.push((file.with_file_name(name), serde_yaml::to_string(&copied).expect("JSON is YAML")));
        }
    }
    sources
}

/// One copy of a spec file: only its schemas, operations and tags, renamed with `Copy{copy}`.
fn copy_doc(doc: &Value, copy: usize) -> Value {
    let suffix = format!("Copy{copy}");
    let mut out = Map::new();
    if let Some(Value::Object(schemas)) = doc.pointer("/components/schemas") {
        let renamed: Map<String, Value> =
            schemas.iter().map(|(name, schema)| (format!("{name}{suffix}"), rewrite(schema, &suffix))).collect();
        out.insert("components".into(), serde_json::json!({ "schemas": renamed }));
    }
    if let Some(Value::Object(paths)) = doc.get("paths") {
        let renamed: Map<String, Value> = paths
            .iter()
            .map(|(path, item)| {
                let path = path.replacen("/api/v2/", &format!("/api/v{}/", copy + 2), 1);
                (path, rewrite(item, &suffix))
            })
            .collect();
        out.insert("paths".into(), Value::Object(renamed));
    }
    if let Some(Value::Array(tags)) = doc.get("tags") {
        let renamed: Vec<Value> = tags
            .iter()
            .map(|tag| {
                let mut tag = tag.clone();
                tag["name"] = Value::String(format!("{} {suffix}", tag["name"].as_str().unwrap()));
                tag
            })
            .collect();
        out.insert("tags".into(), Value::Array(renamed));
    }
    Value::Object(out)
}

/// Suffixes schema `$ref`s, `operationId`s and operation tags below `value`.
fn rewrite(value: &Value, suffix: &str) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(key, value)| {
                    let value = match (key.as_str(), value) {
                        ("$ref", Value::String(target)) if target.starts_with(SCHEMA_REF) => {
                            Value::String(format!("{target}{suffix}"))
                        }
                        ("operationId", Value::String(id)) => Value::String(format!("{id}{suffix}")),
                        ("tags", Value::Array(tags)) if map.contains_key("operationId") => Value::Array(
                            tags.iter().map(|t| Value::String(format!("{} {suffix}", t.as_str().unwrap()))).collect(),
                        ),
                        _ => rewrite(value, suffix),
                    };
                    (key.clone(), value)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(|v| rewrite(v, suffix)).collect()),
        other => other.clone(),
    }
}
