//! Doc comments from the spec's descriptions: `#[doc]` lines with Markdown list continuations
//! indented, brackets that rustdoc would take for links escaped, and code blocks that name no
//! language marked `text`.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::*;

/// `#[doc]` lines from a description: leading spaces trimmed so that no line becomes a code block.
/// A fenced code block of the description (pseudo code, a curl command) is marked `text` when it
/// names no language, so that rustdoc does not compile it as a Rust doctest, and its lines are
/// kept as written (no bracket escapes).
pub(super) fn doc_lines(text: Option<&str>) -> TokenStream {
    let Some(text) = text else { return TokenStream::new() };
    // A bare `\r` is a line break to a reader but not to `lines()`, and rustc refuses it in a
    // doc comment.
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    // A line that continues a list item is indented under the item's text, as Markdown (and
    // clippy's `doc_lazy_continuation`) expects; a blank line ends the list.
    let mut list_indent = 0;
    let mut in_fence = false;
    let lines = text.trim().lines().map(|line| {
        let line = line.trim();
        if let Some(info) = line.strip_prefix("```") {
            let opens = !in_fence;
            in_fence = !in_fence;
            let info = info.trim();
            // Rustdoc compiles a block with no language, `rust`, and its test attributes.
            let rust = info.split(',').all(|word| matches!(word.trim(), "" | "rust" | "no_run" | "should_panic"));
            return if opens && rust { " ```text".to_owned() } else { format!(" {line}") };
        }
        if in_fence {
            return format!(" {line}").trim_end().to_owned();
        }
        let indent = match list_marker_width(line) {
            Some(width) => {
                list_indent = width;
                0
            }
            None if line.is_empty() => {
                list_indent = 0;
                0
            }
            None => list_indent,
        };
        format!(" {}{}", " ".repeat(indent), escape_brackets(line)).trim_end().to_owned()
    });
    quote! { #( #[doc = #lines] )* }
}

/// The width of a Markdown list marker starting `line` (`- `, `* `, `+ `, `1. `, `12) `).
pub(super) fn list_marker_width(line: &str) -> Option<usize> {
    if ["- ", "* ", "+ "].iter().any(|m| line.starts_with(m)) {
        return Some(2);
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let rest = &line[digits..];
    (digits > 0 && digits < 10 && (rest.starts_with(". ") || rest.starts_with(") "))).then_some(digits + 2)
}

/// Escapes the square brackets of a description line that rustdoc would take for intra-doc
/// links (`filter[keyword]`, `include[users]`), leaving Markdown links (`[text](url)`) and code
/// spans as they are.
pub(super) fn escape_brackets(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut in_code = false;
    let chars: Vec<char> = line.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '`' => in_code = !in_code,
            '[' if !in_code && !opens_markdown_link(&chars[i..]) => out.push('\\'),
            ']' if !in_code && chars.get(i + 1) != Some(&'(') => out.push('\\'),
            _ => {}
        }
        out.push(c);
    }
    out
}

/// Whether `[` at the start of `rest` opens a `[text](url)` link.
pub(super) fn opens_markdown_link(rest: &[char]) -> bool {
    let Some(close) = rest.iter().position(|&c| c == ']') else { return false };
    rest.get(close + 1) == Some(&'(')
}

pub(super) fn docs(docs: &Docs) -> TokenStream {
    let lines = doc_lines(docs.description.as_deref());
    let deprecated = docs.deprecated.then(|| quote! { #[deprecated] });
    quote! { #lines #deprecated }
}

#[cfg(test)]
mod tests {
    use super::{doc_lines, escape_brackets};

    #[test]
    fn a_description_code_block_is_not_a_doctest() {
        let docs = doc_lines(Some("Pseudo code:\n\n```\nr := Get(page[size])\n```\n\n```json\n{}\n```\nA [b]"));
        let expected = quote::quote! {
            #[doc = " Pseudo code:"] #[doc = ""] #[doc = " ```text"] #[doc = " r := Get(page[size])"] #[doc = " ```"]
            #[doc = ""] #[doc = " ```json"] #[doc = " {}"] #[doc = " ```"] #[doc = " A \\[b\\]"]
        };
        assert_eq!(docs.to_string(), expected.to_string());
    }

    #[test]
    fn brackets_that_are_not_links_are_escaped() {
        assert_eq!(
            escape_brackets("Use the filter[keyword] and filter[me] parameters."),
            r"Use the filter\[keyword\] and filter\[me\] parameters."
        );
        assert_eq!(
            escape_brackets("See [the docs](https://docs.datadoghq.com)."),
            "See [the docs](https://docs.datadoghq.com)."
        );
        assert_eq!(escape_brackets("Send `page[size]` or page[size]."), r"Send `page[size]` or page\[size\].");
        assert_eq!(escape_brackets("A list: [a, b]"), r"A list: \[a, b\]");
    }
}
