//! The line of a JSON pointer in a YAML file, for error messages. The YAML parser keeps no
//! positions in the values it returns, so this follows the pointer through the text: each token
//! is a key (`name:`) or a list item (`- `) indented below the previous one. Block style is
//! followed to the end; inside a flow collection (`{a: 1}`) the line of the deepest key found
//! is given, which is the line the flow collection starts on.

/// One line of block YAML, as the walk sees it: a list item marker, or a line starting with a
/// key or a scalar. `- name: x` is both: an item, then `name: x` two columns further right.
struct Entry<'a> {
    line: usize,
    indent: usize,
    item: bool,
    content: &'a str,
}

/// The block structure of one file, built once and searched for each error's pointer.
pub struct Index<'a> {
    entries: Vec<Entry<'a>>,
}

impl<'a> Index<'a> {
    pub fn new(text: &'a str) -> Self {
        Index { entries: entries(text) }
    }

    /// As `line_of`.
    pub fn line_of(&self, pointer: &str) -> Option<usize> {
        walk(&self.entries, pointer, false)
    }
}

fn entries(text: &str) -> Vec<Entry<'_>> {
    let mut out = Vec::new();
    for (line, raw) in text.lines().enumerate() {
        let mut indent = raw.len() - raw.trim_start().len();
        let mut content = raw.trim_start();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        while content == "-" || content.starts_with("- ") {
            out.push(Entry { line, indent, item: true, content: "" });
            let rest = content[1..].trim_start();
            indent += content.len() - rest.len();
            content = rest;
        }
        if !content.is_empty() {
            out.push(Entry { line, indent, item: false, content });
        }
    }
    out
}

/// The 1-based line of `pointer` in `text`, or of its deepest ancestor found; `None` for the
/// root or when not even the first token is found.
pub fn line_of(text: &str, pointer: &str) -> Option<usize> {
    walk(&entries(text), pointer, false)
}

/// The line of the second `pointer` key in its mapping (a key given twice), else as `line_of`.
pub fn line_of_duplicate(text: &str, pointer: &str) -> Option<usize> {
    walk(&entries(text), pointer, true)
}

fn walk(entries: &[Entry<'_>], pointer: &str, second: bool) -> Option<usize> {
    let count = pointer.split('/').skip(1).count();
    let mut found = None;
    let mut pos = 0;
    let mut parent_indent: Option<usize> = None;
    for (depth, token) in pointer.split('/').skip(1).map(|t| t.replace("~1", "/").replace("~0", "~")).enumerate() {
        let mut skip = usize::from(second && depth + 1 == count);
        let index: Option<usize> = token.parse().ok();
        let mut child_indent = None;
        let mut items = 0;
        let mut hit = None;
        for (i, entry) in entries.iter().enumerate().skip(pos) {
            let outside = parent_indent.is_some_and(|p| entry.indent <= p);
            let list_at_parent = entry.item && index.is_some() && Some(entry.indent) == parent_indent;
            if outside && !list_at_parent {
                break;
            }
            let child = *child_indent.get_or_insert(entry.indent);
            if entry.indent != child {
                continue;
            }
            if entry.item {
                if index == Some(items) {
                    hit = Some(i);
                    break;
                }
                items += 1;
            } else if is_key(entry.content, &token) {
                hit = Some(i);
                if skip == 0 {
                    break;
                }
                skip -= 1;
            }
        }
        let Some(i) = hit else { break };
        found = Some(entries[i].line + 1);
        // An item's content is at a deeper column than its marker: search below the marker.
        parent_indent = Some(entries[i].indent);
        pos = i + 1;
    }
    found
}

/// Whether a line's content starts with the key `token` (plain, single- or double-quoted).
fn is_key(content: &str, token: &str) -> bool {
    [token.to_owned(), format!("'{token}'"), format!("\"{token}\"")]
        .iter()
        .any(|key| content.strip_prefix(key.as_str()).is_some_and(|rest| rest.starts_with(':')))
}

#[cfg(test)]
mod tests {
    use super::line_of;

    const TEXT: &str = "\
openapi: 3.0.3
paths:
  /teams/{id}:
    get:
      parameters:
        - name: id
          in: path
        - name: q
          schema: {type: string}
components:
  schemas:
    Team:
      type: object
      properties:
        name: {type: strin}
";

    #[test]
    fn keys_items_and_flow() {
        assert_eq!(line_of(TEXT, "/paths"), Some(2));
        assert_eq!(line_of(TEXT, "/paths/~1teams~1{id}/get"), Some(4));
        assert_eq!(line_of(TEXT, "/paths/~1teams~1{id}/get/parameters/1"), Some(8));
        assert_eq!(line_of(TEXT, "/paths/~1teams~1{id}/get/parameters/1/schema/type"), Some(9));
        assert_eq!(line_of(TEXT, "/paths/~1teams~1{id}/get/parameters/0/in"), Some(7));
        assert_eq!(line_of(TEXT, "/components/schemas/Team/properties/name/type"), Some(15));
        assert_eq!(line_of(TEXT, "/components/schemas/Missing"), Some(11));
        assert_eq!(line_of(TEXT, "/nothing"), None);
        assert_eq!(line_of(TEXT, ""), None);
    }

    #[test]
    fn line_of_finds_keys_and_list_items() {
        let text = "paths:\n  /a:\n    get:\n      parameters:\n        - name: x\n          in: query\n        - name: y\n          in: path\n";
        assert_eq!(line_of(text, "/paths/~1a/get"), Some(3));
        assert_eq!(line_of(text, "/paths/~1a/get/parameters/1"), Some(7));
        assert_eq!(line_of(text, "/paths/~1a/get/parameters/1/in"), Some(8));
        assert_eq!(line_of(text, "/paths/~1a/get/parameters/1/name"), Some(7));
        assert_eq!(line_of(text, "/paths/~1a/get/parameters/0/in"), Some(6));
        assert_eq!(line_of(text, "/paths/~1a/post"), Some(2), "the closest enclosing node");
        assert_eq!(line_of(text, "/components"), None);
    }
}
