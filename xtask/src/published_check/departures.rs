//! The `x-departures` notes of spec/ (the convention shared with docs-check, see README.md,
//! "Where the page and the API disagree"): read from the merged spec, shape checked, and the
//! entries with `check: published` kept for the check.

use serde_json::Value;

use super::walk::Kind;
use crate::error::{Error, Result, join};

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

/// Every `x-departures` entry of the merged spec, shape checked; the `check: published` ones
/// returned. Errors name the entry's pointer (the caller adds the file).
pub fn collect(spec: &Value) -> Result<Vec<Departure>> {
    let mut out = Vec::new();
    visit(spec, "", false, &mut out)?;
    Ok(out)
}

/// Looks for the key everywhere except where a map's keys are names (`properties`) or values
/// are data (`example`, `examples`, `enum`, `default`).
fn visit(node: &Value, pointer: &str, names: bool, out: &mut Vec<Departure>) -> Result<()> {
    match node {
        Value::Object(map) => {
            for (key, value) in map {
                let child = join(pointer, key);
                if key == KEY && !names {
                    entries(pointer, &child, value, out)?;
                } else if !matches!(key.as_str(), "example" | "examples" | "enum" | "default") || names {
                    visit(value, &child, key == "properties" && !names, out)?;
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                visit(item, &join(pointer, &i.to_string()), false, out)?;
            }
        }
        _ => {}
    }
    Ok(())
}

fn entries(node: &str, pointer: &str, value: &Value, out: &mut Vec<Departure>) -> Result<()> {
    let Value::Array(items) = value else {
        return Err(Error::new(pointer, format!("`{KEY}` must be a list of maps")));
    };
    for (i, item) in items.iter().enumerate() {
        let at = join(pointer, &i.to_string());
        let Value::Object(entry) = item else {
            return Err(Error::new(at, format!("an `{KEY}` entry must be a map")));
        };
        let text = |key: &str| -> Result<Option<&str>> {
            match entry.get(key) {
                None => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.as_str())),
                Some(_) => Err(Error::new(join(&at, key), format!("`{key}` must be a string"))),
            }
        };
        let check = text("check")?.ok_or_else(|| Error::new(&at, "an entry needs `check` (docs or published)"))?;
        let kind = text("kind")?.ok_or_else(|| Error::new(&at, "an entry needs `kind`"))?;
        let reason = text("reason")?.unwrap_or("");
        if reason.trim().is_empty() {
            return Err(Error::new(&at, "an entry needs a non-empty `reason`"));
        }
        match check {
            "docs" => continue, // docs-check's entries: its own keys, its own checks
            "published" => {}
            other => {
                return Err(Error::new(
                    join(&at, "check"),
                    format!("unknown check `{other}`: expected `docs` or `published`"),
                ));
            }
        }
        for key in entry.keys() {
            if !matches!(key.as_str(), "check" | "kind" | "reason" | "source" | "published") {
                return Err(Error::new(
                    join(&at, key),
                    format!(
                        "unknown key `{key}` in a `check: published` entry (known: check, kind, reason, source, published)"
                    ),
                ));
            }
        }
        let kind = match kind {
            "contradiction" => What::Contradiction,
            other => What::Difference(Kind::parse(other).ok_or_else(|| {
                let known: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
                Error::new(
                    join(&at, "kind"),
                    format!("unknown kind `{other}` for published-check: expected contradiction, {}", known.join(", ")),
                )
            })?),
        };
        let adopted = match text("source")? {
            None => false,
            Some("published") => true,
            Some(other) => {
                return Err(Error::new(
                    join(&at, "source"),
                    format!("`source` can only be `published` (the spec took the published shape), not `{other}`"),
                ));
            }
        };
        let published = text("published")?.map(str::to_owned);
        if kind == What::Contradiction && (adopted || published.is_none()) {
            return Err(Error::new(
                &at,
                "a contradiction keeps the page: it needs `published: <what the published document says>` and no `source`",
            ));
        }
        out.push(Departure { node: node.to_owned(), pointer: at, kind, reason: reason.to_owned(), adopted, published });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{What, collect};
    use crate::published_check::walk::Kind;

    #[test]
    fn entries_are_found_on_any_node_and_docs_entries_are_skipped() {
        let spec = json!({"components": {"schemas": {"T": {"properties": {
            "x-departures": {"type": "string"},
            "a": {"type": "string", "nullable": true, "x-departures": [
                {"check": "published", "kind": "nullable", "reason": "r", "source": "published"},
                {"check": "docs", "kind": "type", "reason": "r", "page": "string"}
            ]}
        }}}}});
        let found = collect(&spec).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].node, "/components/schemas/T/properties/a");
        assert_eq!(found[0].kind, What::Difference(Kind::Nullable));
        assert!(found[0].adopted);
    }

    #[test]
    fn bad_shapes_are_located_errors() {
        let cases = [
            (json!({"x-departures": {"check": "docs"}}), "/x-departures", "list of maps"),
            (json!({"x-departures": ["x"]}), "/x-departures/0", "must be a map"),
            (
                json!({"x-departures": [{"check": "api", "kind": "x", "reason": "r"}]}),
                "/x-departures/0/check",
                "unknown check",
            ),
            (json!({"x-departures": [{"check": "docs", "kind": "x", "reason": " "}]}), "/x-departures/0", "non-empty"),
            (json!({"x-departures": [{"check": "docs", "reason": "r"}]}), "/x-departures/0", "needs `kind`"),
            (
                json!({"x-departures": [{"check": "published", "kind": "nulable", "reason": "r"}]}),
                "/x-departures/0/kind",
                "unknown kind",
            ),
            (
                json!({"x-departures": [{"check": "published", "kind": "type", "reason": "r", "page": "x"}]}),
                "/x-departures/0/page",
                "unknown key",
            ),
            (
                json!({"x-departures": [{"check": "published", "kind": "contradiction", "reason": "r"}]}),
                "/x-departures/0",
                "needs `published",
            ),
        ];
        for (spec, pointer, message) in cases {
            let error = collect(&spec).unwrap_err();
            assert_eq!(error.pointer, pointer, "{error}");
            assert!(error.message.contains(message), "{error}");
        }
    }
}
