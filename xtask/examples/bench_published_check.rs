//! published-check benchmark: how long reading and parsing the published OpenAPI document takes,
//! and the check itself, through the library's public API (see BENCHMARKS.md).
//!
//! ```sh
//! cargo run --release -p xtask --example bench_published_check        # optimized
//! cargo run -p xtask --example bench_published_check                  # the profile `cargo xtask` uses
//! cargo run --release -p xtask --example bench_published_check -- FILE 9
//! ```
//!
//! Stages, each run N times (default 7): **read** (the file into a string), **parse**
//! (`load::parse_yaml`: serde_yaml straight into `serde_json::Value`, what
//! `published::load_published` does), **spec** (`load::load_dir` of spec/), **check**
//! (`published::check`: collecting the departures, the walk and the settling). Prints the
//! median and fastest run of each, and the document's size.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use xtask::{load, published};

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (Vec<Duration>, T) {
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        last = Some(f());
        times.push(start.elapsed());
    }
    times.sort();
    (times, last.expect("at least one run"))
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let file = args.next().map(PathBuf::from).unwrap_or_else(published::default_published);
    let runs: usize = args.next().map(|n| n.parse().expect("a number of runs")).unwrap_or(7).max(1);
    let profile = if cfg!(debug_assertions) { "debug" } else { "release" };

    let (read, text) = time(runs, || std::fs::read_to_string(&file).expect("the published document"));
    let (parse, doc) = time(runs, || load::parse_yaml(&file, &text).expect("valid YAML"));
    let (load, ours) = time(runs, || load::load_dir(&xtask::default_paths().0).expect("spec/ loads"));
    let (check, report) = time(runs, || published::check(&ours, &doc).expect("the check runs"));

    let schemas = doc.pointer("/components/schemas").and_then(|s| s.as_object()).map_or(0, |s| s.len());
    let paths = doc.pointer("/paths").and_then(|s| s.as_object()).map_or(0, |s| s.len());
    println!(
        "{} ({} bytes, {} lines, {schemas} schemas, {paths} paths), {profile} build, {runs} runs; {} operations compared",
        file.display(),
        text.len(),
        text.lines().count(),
        report.operations
    );
    println!();
    println!("| build | stage | median | fastest |");
    println!("| --- | --- | ---: | ---: |");
    for (stage, times) in
        [("read", &read), ("parse (YAML -> JSON value)", &parse), ("load spec/", &load), ("check", &check)]
    {
        println!("| {profile} | {stage} | {} | {} |", ms(times[times.len() / 2]), ms(times[0]));
    }
}
