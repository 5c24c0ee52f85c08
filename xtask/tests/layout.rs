//! The layout ARCHITECTURE.md describes, checked on the sources: the generator's modules and the
//! generated crate's hand-written runtime import each other one way (no circle, at the level of
//! the top folders and inside each folder), and the runtime never calls generated code.
//!
//! A module's imports are the paths in its code (comments and strings left out: the file is read
//! as Rust tokens) that name another module: `crate::a::b`, `super::x`, `self::x`, a child
//! module's name (`models::emit_model` in `emit/mod.rs`), and a name the crate root re-exports
//! (`crate::Extra`, for the runtime).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use proc_macro2::{Delimiter, TokenStream, TokenTree};

/// A module path inside its crate, segments joined by `::`; the root is "".
type Module = String;

struct Crate {
    /// Each module's source, by module path.
    sources: BTreeMap<Module, String>,
    /// What the root re-exports (`pub use codec::{Extra, ..}`): item name → module.
    reexports: BTreeMap<String, Module>,
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `emit/models.rs` → `emit::models`, `emit/mod.rs` → `emit`, `lib.rs` → the root.
fn module_of(src: &Path, file: &Path) -> Module {
    let relative = file.strip_prefix(src).unwrap().with_extension("");
    let mut segments: Vec<String> = relative.iter().map(|s| s.to_string_lossy().into_owned()).collect();
    if matches!(segments.last().map(String::as_str), Some("mod" | "lib" | "main")) {
        segments.pop();
    }
    segments.join("::")
}

fn load(src: &Path, keep: impl Fn(&Path, &str) -> bool) -> Crate {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let mut sources = BTreeMap::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        if keep(&file, &text) {
            sources.insert(module_of(src, &file), text);
        }
    }
    // What the root re-exports: the last name of each path in `lib.rs` (`pub use codec::{Extra}`,
    // `pub use crate::client::Client`) that is not a module, to the module the path names.
    let mut crate_ = Crate { sources, reexports: BTreeMap::new() };
    let mut paths = Vec::new();
    collect_paths(
        TokenStream::from_str(crate_.sources.get("").map_or("", String::as_str)).expect("lib.rs tokenizes"),
        &[],
        &mut paths,
    );
    for path in paths {
        let path = if path[0] == "crate" { &path[1..] } else { &path[..] };
        if let (Some(module), Some(item)) = (crate_.module_in(path), path.last())
            && !crate_.sources.contains_key(item)
        {
            crate_.reexports.insert(item.clone(), module);
        }
    }
    crate_
}

impl Crate {
    /// The longest module among `segments`' prefixes (an item path names its module).
    fn module_in(&self, segments: &[String]) -> Option<Module> {
        (1..=segments.len()).rev().map(|n| segments[..n].join("::")).find(|m| self.sources.contains_key(m))
    }

    /// The modules `module`'s code refers to (itself and its ancestors left out).
    fn imports(&self, module: &str) -> BTreeSet<Module> {
        let tokens = TokenStream::from_str(&self.sources[module]).expect("the file tokenizes");
        let mut paths = Vec::new();
        collect_paths(tokens, &[], &mut paths);
        let here: Vec<String> =
            if module.is_empty() { Vec::new() } else { module.split("::").map(String::from).collect() };
        let mut out = BTreeSet::new();
        for path in paths {
            let resolved: Option<Module> = match path[0].as_str() {
                "crate" => match path.get(1) {
                    Some(item) if !self.sources.contains_key(item) => self.reexports.get(item).cloned(),
                    _ => self.module_in(&path[1..]),
                },
                "super" => {
                    let mut base = here.clone();
                    let mut rest = &path[..];
                    while rest.first().is_some_and(|s| s == "super") {
                        base.pop();
                        rest = &rest[1..];
                    }
                    let full: Vec<String> = base.iter().cloned().chain(rest.iter().cloned()).collect();
                    self.module_in(&full).or(Some(base.join("::")))
                }
                "self" => self.module_in(&here.iter().cloned().chain(path[1..].iter().cloned()).collect::<Vec<_>>()),
                // A child module named without `self::`.
                child => {
                    let full: Vec<String> = here.iter().cloned().chain([child.to_owned()]).collect();
                    self.sources
                        .contains_key(&full.join("::"))
                        .then(|| self.module_in(&here.iter().cloned().chain(path.iter().cloned()).collect::<Vec<_>>()))
                        .flatten()
                }
            };
            if let Some(target) = resolved
                && target != module
                && !(module.starts_with(&format!("{target}::")) || target.is_empty())
            {
                out.insert(target);
            }
        }
        out
    }

    /// Every module's imports.
    fn graph(&self) -> BTreeMap<Module, BTreeSet<Module>> {
        self.sources.keys().map(|m| (m.clone(), self.imports(m))).collect()
    }
}

/// The paths (`a::b::c`, and each leaf of `a::{b, c::d}`) in `tokens`, with the prefix of the
/// group they are in.
fn collect_paths(tokens: TokenStream, prefix: &[String], out: &mut Vec<Vec<String>>) {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let mut i = 0;
    while i < tokens.len() {
        match &tokens[i] {
            TokenTree::Ident(first) => {
                // An identifier followed by `::`: a path; read it to its end.
                let mut path = vec![first.to_string()];
                let mut j = i + 1;
                loop {
                    let colons = matches!((tokens.get(j), tokens.get(j + 1)), (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b))) if a.as_char() == ':' && b.as_char() == ':');
                    if !colons {
                        break;
                    }
                    match tokens.get(j + 2) {
                        Some(TokenTree::Ident(next)) => {
                            path.push(next.to_string());
                            j += 3;
                        }
                        Some(TokenTree::Group(group)) if group.delimiter() == Delimiter::Brace => {
                            // `use a::{b, c::d}`: each path in the braces continues this one.
                            let inner: Vec<String> = prefix.iter().cloned().chain(path.iter().cloned()).collect();
                            collect_paths(group.stream(), &inner, out);
                            j += 3;
                            path.clear();
                            break;
                        }
                        _ => break,
                    }
                }
                // A path, or a single name continuing the path of the braces it is in.
                if path.len() > 1 || (!prefix.is_empty() && !path.is_empty()) {
                    out.push(prefix.iter().cloned().chain(path).collect());
                }
                i = j.max(i + 1);
            }
            TokenTree::Group(group) => {
                collect_paths(group.stream(), &[], out);
                i += 1;
            }
            _ => i += 1,
        }
    }
}

/// A circle in `graph`, as the modules along it, if there is one.
fn circle(graph: &BTreeMap<Module, BTreeSet<Module>>) -> Option<Vec<Module>> {
    fn visit(
        node: &Module,
        graph: &BTreeMap<Module, BTreeSet<Module>>,
        path: &mut Vec<Module>,
        done: &mut BTreeSet<Module>,
    ) -> Option<Vec<Module>> {
        if let Some(at) = path.iter().position(|m| m == node) {
            return Some(path[at..].iter().cloned().chain([node.clone()]).collect());
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.clone());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(found) = visit(next, graph, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(node.clone());
        None
    }
    let mut done = BTreeSet::new();
    graph.keys().find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

/// The graph seen at one level: the top folders (each module counted as its first segment), or
/// the modules inside one folder.
fn level(graph: &BTreeMap<Module, BTreeSet<Module>>, folder: Option<&str>) -> BTreeMap<Module, BTreeSet<Module>> {
    let mut out: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    let node = |m: &str| -> Option<Module> {
        match folder {
            None => m.split("::").next().filter(|s| !s.is_empty()).map(String::from),
            Some(folder) => (m == folder || m.starts_with(&format!("{folder}::"))).then(|| m.to_owned()),
        }
    };
    for (from, targets) in graph {
        let Some(from) = node(from) else { continue };
        let entry = out.entry(from.clone()).or_default();
        for target in targets.iter().filter_map(|t| node(t)) {
            if target != from {
                entry.insert(target);
            }
        }
    }
    out
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_owned()
}

fn assert_no_circle(name: &str, graph: &BTreeMap<Module, BTreeSet<Module>>) {
    let folders: BTreeSet<&str> = graph.keys().filter_map(|m| m.split_once("::").map(|(f, _)| f)).collect();
    if let Some(found) = circle(&level(graph, None)) {
        panic!("{name}: the top modules import each other in a circle: {}", found.join(" -> "));
    }
    for folder in &folders {
        if let Some(found) = circle(&level(graph, Some(folder))) {
            panic!("{name}: inside {folder}/, modules import each other in a circle: {}", found.join(" -> "));
        }
    }
}

#[test]
fn the_generator_imports_one_way() {
    let xtask = load(&root().join("xtask/src"), |file, _| !file.ends_with("main.rs"));
    let graph = xtask.graph();
    // The scan sees the imports it must: the pipeline's stages, in order.
    for (from, to) in [("lower", "load"), ("emit", "ir"), ("emit::models", "emit::tokens")] {
        let targets: BTreeSet<Module> =
            graph.iter().filter(|(m, _)| m.starts_with(from)).flat_map(|(_, t)| t.clone()).collect();
        assert!(targets.iter().any(|t| t.starts_with(to)), "{from} should import {to}: {targets:?}");
    }
    assert_no_circle("xtask/src", &graph);
    // Each stage of the pipeline (ARCHITECTURE.md) imports only the stages before it and the IR.
    const PIPELINE: [&str; 4] = ["load", "lower", "emit", "write"];
    let top = level(&graph, None);
    for (i, stage) in PIPELINE.iter().enumerate() {
        let imports = &top[*stage];
        let later: Vec<&str> = PIPELINE[i + 1..].iter().copied().filter(|s| imports.contains(*s)).collect();
        assert!(later.is_empty(), "the {stage} stage imports later stages: {later:?}");
    }
    let ir = &top["ir"];
    assert!(PIPELINE.iter().all(|s| !ir.contains(*s)), "the IR imports a stage: {ir:?}");
}

#[test]
fn the_runtime_imports_one_way_and_never_calls_generated_code() {
    let generated = |text: &str| text.starts_with("// @generated");
    let runtime = load(&root().join("generated-client/src"), |file, text| {
        !generated(text) && !file.iter().any(|s| s == "models" || s == "apis")
    });
    let graph = runtime.graph();
    assert!(graph.get("extra").is_some_and(|t| t.contains("codec")), "extra imports codec: {graph:?}");
    assert!(graph.get("client").is_some_and(|t| t.contains("response")), "client imports response: {graph:?}");
    for (module, targets) in &graph {
        if module.is_empty() {
            continue; // lib.rs declares and re-exports every module
        }
        let generated: Vec<&Module> =
            targets.iter().filter(|t| t.starts_with("models") || t.starts_with("apis")).collect();
        assert!(generated.is_empty(), "the runtime's {module} refers to generated code: {generated:?}");
    }
    assert_no_circle("generated-client/src", &graph);
}

/// The checks fail when they should: a circle is found and named.
#[test]
fn a_circle_is_found() {
    let graph: BTreeMap<Module, BTreeSet<Module>> =
        [("a", vec!["b"]), ("b", vec!["c::x"]), ("c::x", vec!["a"]), ("c::y", vec![]), ("d", vec!["a"])]
            .into_iter()
            .map(|(m, t)| (m.to_owned(), t.into_iter().map(String::from).collect()))
            .collect();
    assert_eq!(circle(&level(&graph, None)), Some(vec!["a".into(), "b".into(), "c".into(), "a".into()]));
    let mut inside = graph.clone();
    inside.insert("c::y".into(), ["c::x".into()].into());
    inside.insert("c::x".into(), ["c::y".into()].into());
    assert_eq!(circle(&level(&inside, Some("c"))), Some(vec!["c::x".into(), "c::y".into(), "c::x".into()]));
    let mut paths = Vec::new();
    collect_paths(
        TokenStream::from_str("use super::{a, b::c}; fn f() { crate::x::y(); /* crate::z */ \"crate::w\"; }").unwrap(),
        &[],
        &mut paths,
    );
    let paths: Vec<String> = paths.iter().map(|p| p.join("::")).collect();
    assert!(paths.contains(&"super::a".into()) && paths.contains(&"super::b::c".into()), "{paths:?}");
    assert!(paths.contains(&"crate::x::y".into()), "{paths:?}");
    assert!(!paths.iter().any(|p| p.contains('z') || p.contains('w')), "comments and strings are not code: {paths:?}");
}
