//! Rust names for spec names, computed in one place.

use heck::{ToKebabCase, ToSnakeCase, ToUpperCamelCase};

/// Words that cannot be Rust identifiers as they are.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
    "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self",
    "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract",
    "become", "box", "do", "final", "macro", "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// Identifiers are ASCII (a module's file name must be): a character outside ASCII becomes its
/// code point as a word of its own (`é` -> `ue9` / `Ue9`).
fn ascii_words(name: &str) -> std::borrow::Cow<'_, str> {
    if name.is_ascii() {
        return name.into();
    }
    name.chars().map(|c| if c.is_ascii() { c.to_string() } else { format!(" u{:x} ", u32::from(c)) }).collect()
}

/// A field, parameter or method name: `page[size]` -> `page_size`, `type` -> `type_`.
pub fn snake_ident(name: &str) -> String {
    let mut snake = ascii_words(name).to_snake_case();
    if snake.is_empty() || snake.starts_with(|c: char| c.is_ascii_digit()) {
        snake = format!("field_{snake}");
    }
    if KEYWORDS.contains(&snake.as_str()) {
        snake.push('_');
    }
    snake
}

/// A type or variant name: `created_by` -> `CreatedBy`, `NOT_DEFINED` -> `NotDefined`.
pub fn camel_ident(name: &str) -> String {
    let mut camel = ascii_words(name).to_upper_camel_case();
    if camel.is_empty() {
        camel = "Empty".to_owned();
    } else if camel.starts_with(|c: char| c.is_ascii_digit()) {
        camel = format!("Value{camel}");
    }
    if KEYWORDS.contains(&camel.as_str()) {
        camel.push('_');
    }
    camel
}

/// Names a model type may not take as they are, because the generated code (and the serde
/// macros of `generated-client/src/macros.rs`, expanded in the model's own module) uses them
/// unqualified: a struct named `String` or `Some` would shadow the prelude's.
/// `New` too: its constructor `new` would share the type's name (clippy's
/// `self_named_constructors`).
const RESERVED_TYPE_NAMES: &[&str] = &[
    "Box",
    "Default",
    "Deserialize",
    "Err",
    "New",
    "None",
    "Ok",
    "Option",
    "Result",
    "Self",
    "Serialize",
    "Some",
    "String",
    "Vec",
];

/// Whether `name` is already an UpperCamelCase Rust identifier (ASCII letters and digits,
/// starting with an uppercase letter): such names are kept exactly as the spec writes them.
fn is_camel_identifier(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase()) && name.chars().all(|c| c.is_ascii_alphanumeric())
}

/// The Rust name of a model type from its spec name. The documentation's model names are kept
/// as they are (`AWSAccountID`, `ProjectCreateRequest`); a name that is not an UpperCamelCase
/// identifier is turned into one (`Team-Attributes` -> `TeamAttributes`, `1stTeam` ->
/// `Value1stTeam`, `a.b` -> `AB`, `` -> `Empty`), and a reserved name gets a `_` suffix
/// (`String` -> `String_`, `Self` -> `Self_`).
pub fn type_ident(name: &str) -> String {
    let mut ident = if is_camel_identifier(name) { name.to_owned() } else { camel_ident(name) };
    if RESERVED_TYPE_NAMES.contains(&ident.as_str()) {
        ident.push('_');
    }
    ident
}

/// The name of an inline schema: its parent's Rust name and the part it comes from
/// (`Team` + `attributes` -> `TeamAttributes`), as a type name.
pub fn inline_type_ident(parent: &str, part: &str) -> String {
    type_ident(&format!("{}{}", parent.trim_end_matches('_'), camel_ident(part).trim_end_matches('_')))
}

/// A name made from a snake-case name and a suffix: `list_teams` + `with_http_info` ->
/// `list_teams_with_http_info`; a `_` the base got as a keyword is dropped (`self_` ->
/// `self_with_http_info`, not `self__with_http_info`).
pub fn snake_with(base: &str, suffix: &str) -> String {
    format!("{}_{suffix}", base.trim_end_matches('_'))
}

/// A CamelCase name made from a CamelCase base and a suffix, likewise: `Self_` + `Api` -> `SelfApi`.
pub fn camel_with(base: &str, suffix: &str) -> String {
    format!("{}{suffix}", base.trim_end_matches('_'))
}

/// The module (file) name of a type: `ProjectCreateRequest` -> `project_create_request`.
pub fn module_name(type_name: &str) -> String {
    snake_ident(type_name)
}

/// The cargo feature of a tag's API group: `Case Management` -> `case-management`. ASCII, as
/// the Cargo.toml of `codegen --crate` needs (an unquoted TOML key): a character outside ASCII
/// becomes its code point as a word, as in module names (`Über` -> `udc-ber`); a tag with no
/// letter or digit at all gives `group`.
pub fn feature_name(tag: &str) -> String {
    let feature = ascii_words(tag).to_kebab_case();
    if feature.is_empty() { "group".to_owned() } else { feature }
}

/// ` (did you mean `X`?)` when one of `candidates` is close to `name` (same letters ignoring
/// case, or a few edits away), else nothing.
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    let lower = name.to_lowercase();
    let limit = (name.chars().count() / 3).clamp(1, 3);
    let best = candidates
        .into_iter()
        .map(|candidate| (edit_distance(&lower, &candidate.to_lowercase()), candidate))
        .filter(|(distance, _)| *distance <= limit)
        .min();
    match best {
        Some((_, candidate)) => format!(" (did you mean `{candidate}`?)"),
        None => String::new(),
    }
}

/// The edit distance between two strings, by characters: insertions, deletions, substitutions
/// and swaps of two neighbours (`Tema` -> `Team` is one edit).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    d[0] = (0..=b.len()).collect();
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feature_names_are_ascii_kebab_case() {
        assert_eq!(feature_name("Case Management"), "case-management");
        assert_eq!(feature_name("Über Teams"), "udc-ber-teams");
        assert_eq!(feature_name("チーム"), "u30c1-u30fc-u30e0");
        assert_eq!(feature_name("+++"), "group");
    }

    #[test]
    fn type_names_are_kept_when_they_are_camel_identifiers() {
        assert_eq!(type_ident("AWSAccountID"), "AWSAccountID");
        assert_eq!(type_ident("Team-Attributes"), "TeamAttributes");
        assert_eq!(type_ident("1stTeam"), "Value1stTeam");
        assert_eq!(type_ident("a.b"), "AB");
        assert_eq!(type_ident(""), "Empty");
        assert_eq!(type_ident("mod"), "Mod");
        assert_eq!(type_ident("Self"), "Self_");
        assert_eq!(type_ident("String"), "String_");
        assert_eq!(inline_type_ident("String_", "self"), "StringSelf");
        assert_eq!(module_name("Self_"), "self_");
        assert_eq!(type_ident("é"), "Ue9");
        assert_eq!(snake_ident("café"), "caf_ue9");
    }

    #[test]
    fn suggestions() {
        assert_eq!(did_you_mean("Tema", ["Team", "User"]), " (did you mean `Team`?)");
        assert_eq!(did_you_mean("strin", ["string", "integer"]), " (did you mean `string`?)");
        assert_eq!(did_you_mean("Zebra", ["Team", "User"]), "");
    }
}
