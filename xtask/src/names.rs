//! Rust names for spec names, computed in one place.

use heck::{ToKebabCase, ToSnakeCase, ToUpperCamelCase};

/// Words that cannot be Rust identifiers as they are.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
    "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self",
    "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract",
    "become", "box", "do", "final", "macro", "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// A field, parameter or method name: `page[size]` -> `page_size`, `type` -> `type_`.
pub fn snake_ident(name: &str) -> String {
    let mut snake = name.to_snake_case();
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
    let mut camel = name.to_upper_camel_case();
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

/// The module (file) name of a type: `ProjectCreateRequest` -> `project_create_request`.
pub fn module_name(type_name: &str) -> String {
    snake_ident(type_name)
}

/// The cargo feature of a tag's API group: `Case Management` -> `case-management`.
pub fn feature_name(tag: &str) -> String {
    tag.to_kebab_case()
}
