//! `cargo xtask published-check [FILE] [--verbose]`: spec/ against Datadog's published OpenAPI
//! document (default `../shared/specs/datadog-v2/openapi.yaml`).
//!
//! Every operation of spec/ is matched in the published document by method and path (parameter
//! names ignored); from its request body and each response, both sides' schemas are walked
//! together with their `$ref`s resolved (`walk`). Each difference is then settled by the rules of
//! README.md ("Where the page and the API disagree") and the `check: published` entries of
//! `x-departures` (`departures`):
//!
//! - only in the published document (a property, enum value, variant, status): not added, by
//!   rule; listed by `--verbose`;
//! - a schema's name: model names follow the page, by rule; listed by `--verbose`;
//! - declared: an entry of the difference's kind sits on our node;
//! - open contradiction: a `kind: contradiction` entry sits on our node; printed every time,
//!   but the page is kept on purpose, so it does not fail the check;
//! - undeclared: anything else, which fails the check (exit 1), as does an entry that matches
//!   nothing (stale) and a `source: published` entry (adopted) whose node still differs.

mod departures;
mod walk;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

pub use departures::{Departure, What};
pub use walk::{Difference, Kind};

use crate::error::{Error, Result};
use crate::load::Spec;

/// The default published document, relative to the workspace root.
pub fn default_published() -> PathBuf {
    crate::workspace_root().join("..").join("shared").join("specs").join("datadog-v2").join("openapi.yaml")
}

/// How a difference was settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Settled {
    /// Not accepted: fails the check.
    Undeclared,
    /// Accepted by a `kind: contradiction` entry, printed as open.
    Contradiction,
    /// Accepted by an entry of its kind.
    Declared,
    /// Only the published document has it: not added, by rule.
    PublishedOnly,
    /// A schema name: names follow the page, by rule.
    PageName,
}

/// A `check: published` entry that does not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stale {
    pub departure: Departure,
    pub why: String,
}

/// The check's result.
#[derive(Debug)]
pub struct Report {
    /// Every difference with how it was settled, the entry that settled it (index into
    /// `departures`) and our file.
    pub differences: Vec<(Difference, Settled, Option<usize>, Option<PathBuf>)>,
    pub departures: Vec<Departure>,
    /// Files of the departures, same order.
    departure_files: Vec<Option<PathBuf>>,
    /// `source: published` entries verified (index into `departures`).
    pub adopted: Vec<usize>,
    pub stale: Vec<Stale>,
    pub operations: usize,
}

impl Report {
    /// Fails (exit 1) on an undeclared difference or a stale entry; open contradictions do not fail.
    pub fn passes(&self) -> bool {
        self.stale.is_empty() && !self.differences.iter().any(|(_, settled, _, _)| *settled == Settled::Undeclared)
    }

    pub fn count(&self, settled: Settled) -> usize {
        self.differences.iter().filter(|(_, s, _, _)| *s == settled).count()
    }

    /// The text printed by the command: problems and open contradictions always, accepted
    /// departures and published-only items with `verbose`, then a summary line.
    pub fn render(&self, verbose: bool) -> String {
        let mut out = String::new();
        let show = |file: &Option<PathBuf>| file.as_ref().map_or_else(|| "spec".to_owned(), |f| display(f));
        let line = |out: &mut String, label: &str, d: &Difference, file: &Option<PathBuf>| {
            let published = if d.published.is_empty() { "-".to_owned() } else { format!("published#{}", d.published) };
            let _ = writeln!(out, "{label} {}: {}#{}  {published}: {}", d.kind.as_str(), show(file), d.ours, d.message);
        };
        for (d, settled, _, file) in &self.differences {
            if *settled == Settled::Undeclared {
                line(&mut out, "undeclared", d, file);
            }
        }
        for stale in &self.stale {
            let i = self.departures.iter().position(|d| *d == stale.departure).unwrap_or(0);
            let _ = writeln!(
                out,
                "stale departure {}: {}#{}: {}",
                stale.departure.kind.as_str(),
                show(&self.departure_files[i]),
                stale.departure.pointer,
                stale.why
            );
        }
        for (i, departure) in self.departures.iter().enumerate() {
            if departure.kind != What::Contradiction || self.stale.iter().any(|s| s.departure == *departure) {
                continue;
            }
            let _ = writeln!(
                out,
                "open contradiction: {}#{}: the page is kept; the published document: {}",
                show(&self.departure_files[i]),
                departure.node,
                departure.published.as_deref().unwrap_or("")
            );
            for (d, _, by, file) in &self.differences {
                if *by == Some(i) {
                    line(&mut out, "  contradiction", d, file);
                }
            }
        }
        if verbose {
            for &i in &self.adopted {
                let d = &self.departures[i];
                let _ = writeln!(
                    out,
                    "adopted {}: {}#{}: {}",
                    d.kind.as_str(),
                    show(&self.departure_files[i]),
                    d.node,
                    d.reason
                );
            }
            for (d, settled, _, file) in &self.differences {
                if *settled == Settled::Declared {
                    line(&mut out, "declared", d, file);
                }
            }
            for (d, settled, _, file) in &self.differences {
                if *settled == Settled::PublishedOnly {
                    line(&mut out, "published only", d, file);
                }
            }
            for (d, settled, _, file) in &self.differences {
                if *settled == Settled::PageName {
                    line(&mut out, "page's name", d, file);
                }
            }
        }
        let _ = writeln!(
            out,
            "published-check: {} operations compared; {} adopted, {} declared, {} open contradiction(s), {} published only, {} page's name, {} undeclared, {} stale departure(s)",
            self.operations,
            self.adopted.len(),
            self.count(Settled::Declared),
            self.count(Settled::Contradiction),
            self.count(Settled::PublishedOnly),
            self.count(Settled::PageName),
            self.count(Settled::Undeclared),
            self.stale.len(),
        );
        out
    }
}

fn display(file: &Path) -> String {
    file.strip_prefix(crate::workspace_root()).unwrap_or(file).display().to_string()
}

/// Reads and parses the published document (YAML straight into JSON values).
pub fn load_published(file: &Path) -> Result<serde_json::Value> {
    let text = std::fs::read_to_string(file).map_err(|e| Error::in_file(file, "", format!("cannot read: {e}")))?;
    crate::load::parse_yaml(file, &text)
}

/// Runs the check of `spec` against the published document `published`.
pub fn check(spec: &Spec, published: &serde_json::Value) -> Result<Report> {
    let departures = departures::collect(&spec.raw);
    let walk = walk::walk(&spec.raw, published).map_err(|e| spec.locate_error(e))?;
    Ok(settle(spec, walk, departures))
}

/// Settles each difference against the departures.
fn settle(spec: &Spec, walk: walk::Walk, departures: Vec<Departure>) -> Report {
    let mut by_node: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, d) in departures.iter().enumerate() {
        by_node.entry(d.node.as_str()).or_default().push(i);
    }
    let mut used = vec![false; departures.len()];
    let mut differences = Vec::new();
    for difference in walk.differences {
        let here = by_node.get(difference.ours.as_str()).map(Vec::as_slice).unwrap_or(&[]);
        let contradiction = here.iter().copied().find(|&i| departures[i].kind == What::Contradiction);
        let declared = here
            .iter()
            .copied()
            .find(|&i| departures[i].kind == What::Difference(difference.kind) && !departures[i].adopted);
        let (settled, by) = if difference.published_only {
            (Settled::PublishedOnly, None)
        } else if difference.kind == Kind::Name {
            (Settled::PageName, None)
        } else if let Some(i) = contradiction {
            (Settled::Contradiction, Some(i))
        } else if let Some(i) = declared {
            (Settled::Declared, Some(i))
        } else {
            (Settled::Undeclared, None)
        };
        if let Some(i) = by {
            used[i] = true;
        }
        let file = spec.locate(&difference.ours).map(Path::to_path_buf);
        differences.push((difference, settled, by, file));
    }
    let mut adopted = Vec::new();
    let mut stale = Vec::new();
    for (i, departure) in departures.iter().enumerate() {
        let why = if departure.adopted {
            let still = differences.iter().any(|(d, _, _, _)| {
                d.ours == departure.node && What::Difference(d.kind) == departure.kind && !d.published_only
            });
            if still {
                Some("adopted from the published document, but this node still differs (see above)".to_owned())
            } else if !walk.compared.contains(&departure.node) {
                Some("no operation reaches this node with a published counterpart".to_owned())
            } else if departure.kind == What::Difference(Kind::Nullable)
                && spec.raw.pointer(&departure.node).and_then(|n| n.get("nullable"))
                    != Some(&serde_json::Value::Bool(true))
            {
                Some("an adopted nullable flag, but the node is not `nullable: true`".to_owned())
            } else {
                None
            }
        } else if !used[i] {
            Some(format!("no `{}` difference at this node", departure.kind.as_str()))
        } else {
            None
        };
        match why {
            Some(why) => stale.push(Stale { departure: departure.clone(), why }),
            None if departure.adopted => adopted.push(i),
            None => {}
        }
    }
    let departure_files = departures.iter().map(|d| spec.locate(&d.node).map(Path::to_path_buf)).collect();
    Report { differences, departures, departure_files, adopted, stale, operations: walk.operations }
}
