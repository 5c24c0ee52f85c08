//! The `x-departures` notes of spec/ (the convention shared with docs-check, see README.md,
//! "Where the page and the API disagree"): the entries with `check: published`, read from the
//! merged spec (the loader checked their shape).

use serde_json::Value;

use super::walk::Kind;
use crate::error::join;

/// The extension key.
pub const KEY: &str = "x-departures";

/// One `check: published` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Departure {
    /// Pointer of the spec node the entry sits on.
    pub node: String,
    /// Pointer of the entry itself (`.../x-departures/0`).
    pub pointer: String,
    pub kind: What,
    pub reason: String,
    /// `source: published`: spec/ took the published document's shape here (the check verifies
    /// that nothing of this kind differs any more at the node).
    pub adopted: bool,
    /// `published: ...`: what the published document says, in words.
    pub published: Option<String>,
}

/// The kind of an entry: a difference kind, or a contradiction (any difference at the node,
/// printed as open).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    Difference(Kind),
    Contradiction,
}

impl What {
    pub fn as_str(self) -> &'static str {
        match self {
            What::Difference(kind) => kind.as_str(),
            What::Contradiction => "contradiction",
        }
    }
}

/// The `check: published` entries of the merged spec. Their shape was checked when the spec
/// was loaded (`load/keys.rs`), so an entry of another shape cannot reach here.
pub fn collect(spec: &Value) -> Vec<Departure> {
    let mut out = Vec::new();
    visit(spec, "", false, &mut out);
    out
}

/// Looks for the key everywhere except where a map's keys are names (`properties`) or values
/// are data (`example`, `examples`, `enum`, `default`).
fn visit(node: &Value, pointer: &str, names: bool, out: &mut Vec<Departure>) {
    match node {
        Value::Object(map) => {
            for (key, value) in map {
                let child = join(pointer, key);
                if key == KEY && !names {
                    entries(pointer, &child, value, out);
                } else if !matches!(key.as_str(), "example" | "examples" | "enum" | "default") || names {
                    visit(value, &child, key == "properties" && !names, out);
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                visit(item, &join(pointer, &i.to_string()), false, out);
            }
        }
        _ => {}
    }
}

fn entries(node: &str, pointer: &str, value: &Value, out: &mut Vec<Departure>) {
    let Value::Array(items) = value else { return };
    for (i, item) in items.iter().enumerate() {
        let text = |key: &str| item.get(key).and_then(Value::as_str);
        if text("check") != Some("published") {
            continue; // docs-check's entries
        }
        let kind = match text("kind") {
            Some("contradiction") => What::Contradiction,
            Some(other) => match Kind::parse(other) {
                Some(kind) => What::Difference(kind),
                None => continue,
            },
            None => continue,
        };
        out.push(Departure {
            node: node.to_owned(),
            pointer: join(pointer, &i.to_string()),
            kind,
            reason: text("reason").unwrap_or_default().to_owned(),
            adopted: text("source") == Some("published"),
            published: text("published").map(str::to_owned),
        });
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{What, collect};
    use crate::published::walk::Kind;

    #[test]
    fn entries_are_found_on_any_node_and_docs_entries_are_skipped() {
        let spec = json!({"components": {"schemas": {"T": {"properties": {
            "x-departures": {"type": "string"},
            "a": {"type": "string", "nullable": true, "x-departures": [
                {"check": "published", "kind": "nullable", "reason": "r", "source": "published"},
                {"check": "docs", "kind": "type", "reason": "r", "page": "string"}
            ]}
        }}}}});
        let found = collect(&spec);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].node, "/components/schemas/T/properties/a");
        assert_eq!(found[0].kind, What::Difference(Kind::Nullable));
        assert!(found[0].adopted);
    }
}
