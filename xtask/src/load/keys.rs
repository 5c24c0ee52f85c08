//! Strict loading: every key of a spec file must be one OpenAPI 3.0 defines for that object, or
//! an `x-` extension. A key it does not define (a typo, or a property dedented by mistake so that
//! it became a key of the schema object) is a located error: the file, the line (found in the
//! YAML text) and the JSON pointer, instead of being dropped silently. A file with no `paths` and
//! no `components` is an error too (an emptied file would otherwise remove its whole group).
//!
//! The shape of `x-departures` (see `cargo xtask docs-check`) is checked here as well: a list of
//! maps, each with a string `check` in {docs, published}, a string `kind` and a non-empty string
//! `reason`; a `docs` entry has a docs-check kind, only the further keys `page` and `extra-level`
//! (strings), and `extra-level` exactly when its kind is `nesting`.

use std::path::Path;

use serde_json::{Map, Value};

use crate::error::{Error, Errors, Result, join};

/// The object kinds of OpenAPI 3.0 this checks, and what their values are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Root,
    Info,
    Contact,
    License,
    Server,
    ServerVariable,
    Paths,
    PathItem,
    Operation,
    ExternalDocs,
    Parameter,
    Header,
    RequestBody,
    MediaType,
    Encoding,
    Responses,
    Response,
    Link,
    Components,
    Schema,
    Discriminator,
    Xml,
    SecurityScheme,
    OAuthFlows,
    OAuthFlow,
    Tag,
    Example,
    /// A map whose values are all of one kind (`properties`, `components/schemas`, ...).
    MapOf(&'static Kind),
    /// A list whose items are all of one kind.
    ListOf(&'static Kind),
    /// Free content: examples, defaults, enum values, security requirements, callbacks.
    Any,
}

use Kind::*;

/// The keys of a parameter object; a header object has all but the first two.
const PARAMETER: &[(&str, Kind)] = &[
    ("name", Any),
    ("in", Any),
    ("description", Any),
    ("required", Any),
    ("deprecated", Any),
    ("allowEmptyValue", Any),
    ("style", Any),
    ("explode", Any),
    ("allowReserved", Any),
    ("schema", Schema),
    ("example", Any),
    ("examples", MapOf(&Example)),
    ("content", MapOf(&MediaType)),
];

/// The keys OpenAPI 3.0 defines for an object kind, each with the kind of its value.
fn fields(kind: Kind) -> &'static [(&'static str, Kind)] {
    match kind {
        Root => &[
            ("openapi", Any),
            ("info", Info),
            ("servers", ListOf(&Server)),
            ("paths", Paths),
            ("components", Components),
            ("security", Any),
            ("tags", ListOf(&Tag)),
            ("externalDocs", ExternalDocs),
        ],
        Info => &[
            ("title", Any),
            ("description", Any),
            ("termsOfService", Any),
            ("contact", Contact),
            ("license", License),
            ("version", Any),
        ],
        Contact => &[("name", Any), ("url", Any), ("email", Any)],
        License => &[("name", Any), ("url", Any)],
        Server => &[("url", Any), ("description", Any), ("variables", MapOf(&ServerVariable))],
        ServerVariable => &[("enum", Any), ("default", Any), ("description", Any)],
        PathItem => &[
            ("$ref", Any),
            ("summary", Any),
            ("description", Any),
            ("get", Operation),
            ("put", Operation),
            ("post", Operation),
            ("delete", Operation),
            ("options", Operation),
            ("head", Operation),
            ("patch", Operation),
            ("trace", Operation),
            ("servers", ListOf(&Server)),
            ("parameters", ListOf(&Parameter)),
        ],
        Operation => &[
            ("tags", Any),
            ("summary", Any),
            ("description", Any),
            ("externalDocs", ExternalDocs),
            ("operationId", Any),
            ("parameters", ListOf(&Parameter)),
            ("requestBody", RequestBody),
            ("responses", Responses),
            ("callbacks", Any),
            ("deprecated", Any),
            ("security", Any),
            ("servers", ListOf(&Server)),
        ],
        ExternalDocs => &[("description", Any), ("url", Any)],
        Parameter => PARAMETER,
        // A header object is a parameter object without `name` and `in` (OpenAPI 3.0, 4.7.13).
        Header => &PARAMETER[2..],
        RequestBody => &[("description", Any), ("content", MapOf(&MediaType)), ("required", Any)],
        MediaType => {
            &[("schema", Schema), ("example", Any), ("examples", MapOf(&Example)), ("encoding", MapOf(&Encoding))]
        }
        Encoding => &[
            ("contentType", Any),
            ("headers", MapOf(&Header)),
            ("style", Any),
            ("explode", Any),
            ("allowReserved", Any),
        ],
        Response => &[
            ("description", Any),
            ("headers", MapOf(&Header)),
            ("content", MapOf(&MediaType)),
            ("links", MapOf(&Link)),
        ],
        Link => &[
            ("operationRef", Any),
            ("operationId", Any),
            ("parameters", Any),
            ("requestBody", Any),
            ("description", Any),
            ("server", Server),
        ],
        Components => &[
            ("schemas", MapOf(&Schema)),
            ("responses", MapOf(&Response)),
            ("parameters", MapOf(&Parameter)),
            ("examples", MapOf(&Example)),
            ("requestBodies", MapOf(&RequestBody)),
            ("headers", MapOf(&Header)),
            ("securitySchemes", MapOf(&SecurityScheme)),
            ("links", MapOf(&Link)),
            ("callbacks", Any),
        ],
        Schema => &[
            ("title", Any),
            ("multipleOf", Any),
            ("maximum", Any),
            ("exclusiveMaximum", Any),
            ("minimum", Any),
            ("exclusiveMinimum", Any),
            ("maxLength", Any),
            ("minLength", Any),
            ("pattern", Any),
            ("maxItems", Any),
            ("minItems", Any),
            ("uniqueItems", Any),
            ("maxProperties", Any),
            ("minProperties", Any),
            ("required", Any),
            ("enum", Any),
            ("type", Any),
            ("allOf", ListOf(&Schema)),
            ("oneOf", ListOf(&Schema)),
            ("anyOf", ListOf(&Schema)),
            ("not", Schema),
            ("items", Schema),
            ("properties", MapOf(&Schema)),
            // A schema or a boolean; a boolean has no keys to check.
            ("additionalProperties", Schema),
            ("description", Any),
            ("format", Any),
            ("default", Any),
            ("nullable", Any),
            ("discriminator", Discriminator),
            ("readOnly", Any),
            ("writeOnly", Any),
            ("xml", Xml),
            ("externalDocs", ExternalDocs),
            ("example", Any),
            ("deprecated", Any),
        ],
        Discriminator => &[("propertyName", Any), ("mapping", Any)],
        Xml => &[("name", Any), ("namespace", Any), ("prefix", Any), ("attribute", Any), ("wrapped", Any)],
        SecurityScheme => &[
            ("type", Any),
            ("description", Any),
            ("name", Any),
            ("in", Any),
            ("scheme", Any),
            ("bearerFormat", Any),
            ("flows", OAuthFlows),
            ("openIdConnectUrl", Any),
        ],
        OAuthFlows => &[
            ("implicit", OAuthFlow),
            ("password", OAuthFlow),
            ("clientCredentials", OAuthFlow),
            ("authorizationCode", OAuthFlow),
        ],
        OAuthFlow => &[("authorizationUrl", Any), ("tokenUrl", Any), ("refreshUrl", Any), ("scopes", Any)],
        Tag => &[("name", Any), ("description", Any), ("externalDocs", ExternalDocs)],
        Example => &[("summary", Any), ("description", Any), ("value", Any), ("externalValue", Any)],
        Paths | Responses | MapOf(_) | ListOf(_) | Any => &[],
    }
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Root => "the document",
        Info => "an info object",
        Contact => "a contact object",
        License => "a license object",
        Server => "a server object",
        ServerVariable => "a server variable object",
        Paths => "the paths object",
        PathItem => "a path item",
        Operation => "an operation",
        ExternalDocs => "an external documentation object",
        Parameter => "a parameter",
        Header => "a header",
        RequestBody => "a request body",
        MediaType => "a media type object",
        Encoding => "an encoding object",
        Responses => "a responses object",
        Response => "a response",
        Link => "a link object",
        Components => "the components object",
        Schema => "a schema",
        Discriminator => "a discriminator",
        Xml => "an xml object",
        SecurityScheme => "a security scheme",
        OAuthFlows => "an OAuth flows object",
        OAuthFlow => "an OAuth flow object",
        Tag => "a tag",
        Example => "an example object",
        MapOf(_) | ListOf(_) | Any => "a value",
    }
}

/// What the key check found: errors, and notes on keys that are valid but ignored.
#[derive(Default)]
pub struct Sink {
    pub errors: Errors,
    pub notes: Errors,
}

/// Checks the keys of one parsed spec file and pushes every error and note found. The loader adds each
/// error's line (from the file's text) once the whole spec is read.
pub fn check(file: &Path, value: &Value, sink: &mut Sink) {
    let located = |pointer: &str, message: String| Error::in_file(file, pointer, message);
    let Value::Object(top) = value else { return };
    let has = |key: &str| top.get(key).is_some_and(|v| v.as_object().is_none_or(|m| !m.is_empty()));
    if !has("paths") && !has("components") {
        sink.errors.push(Error::in_file(
            file,
            "",
            "the file has no `paths` and no `components`: an empty spec file would remove its API group",
        ));
        return;
    }
    walk(value, Root, "", &located, sink);
}

fn walk(value: &Value, kind: Kind, pointer: &str, located: &dyn Fn(&str, String) -> Error, sink: &mut Sink) {
    match (kind, value) {
        (Any, _) => {}
        (ListOf(item), Value::Array(items)) => {
            for (i, v) in items.iter().enumerate() {
                walk(v, *item, &join(pointer, &i.to_string()), located, sink);
            }
        }
        (MapOf(entry), Value::Object(map)) => {
            for (key, v) in map {
                walk(v, *entry, &join(pointer, key), located, sink);
            }
        }
        (Paths, Value::Object(map)) => {
            for (key, v) in map {
                let at = join(pointer, key);
                if key.starts_with("x-") {
                    check_extension(key, v, &at, located, sink);
                } else if !key.starts_with('/') {
                    sink.errors
                        .push(located(&at, format!("`{key}` is not a path: the keys of `paths` start with `/`")));
                } else {
                    walk(v, PathItem, &at, located, sink);
                }
            }
        }
        (Responses, Value::Object(map)) => {
            for (key, v) in map {
                let at = join(pointer, key);
                let status = key.len() == 3
                    && key.starts_with(['1', '2', '3', '4', '5'])
                    && (key[1..].chars().all(|c| c.is_ascii_digit()) || &key[1..] == "XX");
                if key.starts_with("x-") {
                    check_extension(key, v, &at, located, sink);
                } else if status || key == "default" {
                    walk(v, Response, &at, located, sink);
                } else {
                    sink.errors.push(located(&at, format!("`{key}` is not a status code of a responses object")));
                }
            }
        }
        (_, Value::Object(map)) => {
            let allowed = fields(kind);
            let reference = map.contains_key("$ref") && kind != PathItem;
            for (key, v) in map {
                let at = join(pointer, key);
                if key.starts_with("x-") {
                    check_extension(key, v, &at, located, sink);
                } else if reference {
                    // `nullable` beside a `$ref` is read by the generator (a nullable reference,
                    // as the published Datadog specs write it). Annotations OpenAPI 3.0 defines
                    // for a schema are ignored beside a `$ref`, so they are noted (`--verbose`);
                    // anything else is an error.
                    let annotation = kind == Schema && fields(Schema).iter().any(|(name, _)| name == key);
                    if key == "$ref" || (kind == Schema && key == "nullable") {
                    } else if annotation {
                        sink.notes.push(located(
                            &at,
                            format!("`{key}` next to `$ref` is ignored: OpenAPI 3.0 ignores a reference's siblings"),
                        ));
                    } else {
                        sink.errors.push(located(
                            &at,
                            format!(
                                "`{key}` next to `$ref`: a reference object holds only `$ref` (and `x-` keys) in \
                                 OpenAPI 3.0; anything else would be ignored"
                            ),
                        ));
                    }
                } else {
                    match allowed.iter().find(|(name, _)| name == key) {
                        Some((_, inner)) => walk(v, *inner, &at, located, sink),
                        None => {
                            let hint = if kind == Schema { " (a property dedented out of `properties`?)" } else { "" };
                            sink.errors.push(located(
                                &at,
                                format!("`{key}` is not a key OpenAPI 3.0 defines for {}{hint}", kind_name(kind)),
                            ));
                        }
                    }
                }
            }
        }
        // A value of another JSON type where an object or a list belongs is left to the
        // OpenAPI deserializer, which names the type it expected.
        _ => {}
    }
}

/// `x-` keys are free, except `x-departures`, whose shape is checked.
fn check_extension(key: &str, value: &Value, pointer: &str, located: &dyn Fn(&str, String) -> Error, sink: &mut Sink) {
    if key == "x-departures"
        && let Err(error) = departures(value, pointer, located)
    {
        sink.errors.push(error);
    }
}

/// What `published-check` finds different (`published::walk`); the names are the `kind`s of
/// `x-departures` entries with `check: published`, whose shape loading checks here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PublishedKind {
    /// An operation (method + path) the published document does not have.
    Operation,
    /// A response status (or a request body) on one side only.
    Status,
    /// A property on one side only.
    Field,
    /// `type` or `format`.
    Type,
    /// A property required on one side only.
    Required,
    Nullable,
    /// Enum values on one side only.
    Enum,
    /// A `oneOf` variant on one side only.
    Variant,
    /// An object level one side has and the other lacks.
    Nesting,
    /// The schema's name at this position.
    Name,
}

impl PublishedKind {
    pub const ALL: [PublishedKind; 10] = [
        PublishedKind::Operation,
        PublishedKind::Status,
        PublishedKind::Field,
        PublishedKind::Type,
        PublishedKind::Required,
        PublishedKind::Nullable,
        PublishedKind::Enum,
        PublishedKind::Variant,
        PublishedKind::Nesting,
        PublishedKind::Name,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PublishedKind::Operation => "operation",
            PublishedKind::Status => "status",
            PublishedKind::Field => "field",
            PublishedKind::Type => "type",
            PublishedKind::Required => "required",
            PublishedKind::Nullable => "nullable",
            PublishedKind::Enum => "enum",
            PublishedKind::Variant => "variant",
            PublishedKind::Nesting => "nesting",
            PublishedKind::Name => "name",
        }
    }

    pub fn parse(text: &str) -> Option<PublishedKind> {
        PublishedKind::ALL.into_iter().find(|kind| kind.as_str() == text)
    }
}

/// The kinds of difference `cargo xtask docs-check` reports.
pub const DOCS_KINDS: &[&str] =
    &["operation", "parameter", "status", "field", "type", "required", "enum", "default", "maximum", "nesting"];

fn departures(value: &Value, pointer: &str, located: &dyn Fn(&str, String) -> Error) -> Result<()> {
    let Value::Array(entries) = value else {
        return Err(located(pointer, "`x-departures` must be a list of entries".into()));
    };
    for (i, entry) in entries.iter().enumerate() {
        let at = join(pointer, &i.to_string());
        let Value::Object(entry) = entry else {
            return Err(located(&at, "an `x-departures` entry must be a mapping (check, kind, reason)".into()));
        };
        let text = |key: &str| -> Result<Option<&str>> {
            match entry.get(key) {
                None => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.as_str())),
                Some(_) => {
                    Err(located(&join(&at, key), format!("`{key}` of an `x-departures` entry must be a string")))
                }
            }
        };
        let check = text("check")?;
        if !matches!(check, Some("docs" | "published")) {
            return Err(located(&at, "an `x-departures` entry needs `check: docs` or `check: published`".into()));
        }
        let Some(kind) = text("kind")? else {
            return Err(located(&at, "an `x-departures` entry needs a string `kind`".into()));
        };
        if text("reason")?.is_none_or(|r| r.trim().is_empty()) {
            return Err(located(&at, "an `x-departures` entry needs a non-empty string `reason`".into()));
        }
        if check == Some("docs") {
            docs_entry(entry, kind, &at, located)?;
        } else {
            published_entry(entry, kind, &at, located)?;
        }
    }
    Ok(())
}

/// A `check: published` entry: a published-check kind or `contradiction`; `source: published`
/// when the spec took the published shape; a contradiction says what the published document
/// says (`published:`) and has no `source`.
fn published_entry(
    entry: &Map<String, Value>,
    kind: &str,
    at: &str,
    located: &dyn Fn(&str, String) -> Error,
) -> Result<()> {
    if kind != "contradiction" && PublishedKind::parse(kind).is_none() {
        let known: Vec<&str> = PublishedKind::ALL.iter().map(|k| k.as_str()).collect();
        return Err(located(
            &join(at, "kind"),
            format!("unknown kind `{kind}` for published-check: expected contradiction, {}", known.join(", ")),
        ));
    }
    for (key, value) in entry {
        if !matches!(key.as_str(), "check" | "kind" | "reason" | "source" | "published") {
            return Err(located(
                &join(at, key),
                format!(
                    "unknown key `{key}` in a `check: published` entry (known: check, kind, reason, source, published)"
                ),
            ));
        }
        if matches!(key.as_str(), "source" | "published") && !value.is_string() {
            return Err(located(&join(at, key), format!("`{key}` of an `x-departures` entry must be a string")));
        }
    }
    let source = entry.get("source").and_then(Value::as_str);
    if source.is_some_and(|s| s != "published") {
        return Err(located(
            &join(at, "source"),
            format!(
                "`source` can only be `published` (the spec took the published shape), not `{}`",
                source.unwrap_or_default()
            ),
        ));
    }
    if kind == "contradiction" && (source.is_some() || !entry.contains_key("published")) {
        return Err(located(
            at,
            "a contradiction keeps the page: it needs `published: <what the published document says>` and no `source`"
                .into(),
        ));
    }
    Ok(())
}

fn docs_entry(entry: &Map<String, Value>, kind: &str, at: &str, located: &dyn Fn(&str, String) -> Error) -> Result<()> {
    if !DOCS_KINDS.contains(&kind) {
        return Err(located(
            &join(at, "kind"),
            format!("`{kind}` is not a docs-check kind (one of {})", DOCS_KINDS.join(", ")),
        ));
    }
    for (key, value) in entry {
        if !matches!(key.as_str(), "check" | "kind" | "reason" | "page" | "extra-level") {
            return Err(located(
                &join(at, key),
                format!("`{key}` is not a key of a docs departure (check, kind, reason, page, extra-level)"),
            ));
        }
        if matches!(key.as_str(), "page" | "extra-level") && !value.is_string() {
            return Err(located(&join(at, key), format!("`{key}` of an `x-departures` entry must be a string")));
        }
    }
    if (kind == "nesting") != entry.contains_key("extra-level") {
        return Err(located(at, "a docs departure has `extra-level: NAME` exactly when its kind is `nesting`".into()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first error, with its line as the loader gives it.
    fn load(text: &str) -> Result<()> {
        let value = crate::load::parse_yaml(Path::new("t.yaml"), text)?;
        let mut sink = Sink::default();
        check(Path::new("t.yaml"), &value, &mut sink);
        match sink.errors.first() {
            None => Ok(()),
            Some(error) => {
                let mut error = error.clone();
                error.line = crate::load::lines::line_of(text, &error.pointer);
                Err(error)
            }
        }
    }

    const DEDENTED: &str = "\
components:
  schemas:
    Team:
      type: object
      properties:
        name:
          type: string
      handle:
        type: string
";

    #[test]
    fn a_dedented_property_is_a_located_error() {
        let error = load(DEDENTED).unwrap_err();
        assert_eq!(error.pointer, "/components/schemas/Team/handle");
        assert_eq!(error.file.as_deref(), Some(Path::new("t.yaml")));
        assert_eq!(error.line, Some(8));
        assert!(error.message.starts_with("`handle` is not a key OpenAPI 3.0 defines for a schema"), "{error}");
    }

    #[test]
    fn unknown_keys_of_other_objects_and_keys_next_to_ref() {
        let op = "paths:\n  /x:\n    get:\n      operationID: getX\n      responses: {}\n";
        let error = load(op).unwrap_err();
        assert_eq!(error.pointer, "/paths/~1x/get/operationID");
        assert_eq!(error.line, Some(4));
        assert!(error.message.starts_with("`operationID` is not a key"), "{error}");
        let status = "paths:\n  /x:\n    get:\n      responses:\n        '2000': {description: ok}\n";
        assert!(load(status).unwrap_err().message.contains("`2000` is not a status code"));
        let reference = "components:\n  schemas:\n    A:\n      $ref: '#/components/schemas/B'\n      handle: d\n    B: {type: string}\n";
        let error = load(reference).unwrap_err();
        assert_eq!(error.pointer, "/components/schemas/A/handle");
        assert_eq!(error.line, Some(5));
        assert!(error.message.starts_with("`handle` next to `$ref`"), "{error}");
        let extension = "components:\n  schemas:\n    A:\n      type: string\n      x-anything: {whatever: 1}\n";
        load(extension).unwrap();
    }

    #[test]
    fn annotations_next_to_a_ref_are_notes_and_nullable_is_read() {
        let text = "components:\n  schemas:\n    A:\n      $ref: '#/components/schemas/B'\n      description: d\n      deprecated: true\n      nullable: true\n    B: {type: string}\n";
        let value = crate::load::parse_yaml(Path::new("t.yaml"), text).unwrap();
        let mut sink = Sink::default();
        check(Path::new("t.yaml"), &value, &mut sink);
        assert!(sink.errors.is_empty(), "{:?}", sink.errors);
        let notes: Vec<&str> = sink.notes.sorted().iter().map(|n| n.pointer.as_str()).collect();
        assert_eq!(notes, ["/components/schemas/A/deprecated", "/components/schemas/A/description"]);
        assert!(sink.notes.first().unwrap().message.contains("is ignored"));
    }

    #[test]
    fn a_file_without_paths_or_components_is_an_error() {
        for text in ["", "# only a comment\n", "paths: {}\n", "info: {title: t, version: '1'}\n"] {
            let error = load(text).unwrap_err();
            assert!(error.message.contains("no `paths` and no `components`"), "{text:?}: {error}");
        }
    }

    #[test]
    fn departures_are_checked_for_shape() {
        let with = |entries: &str| {
            format!("components:\n  schemas:\n    A:\n      type: string\n      x-departures:\n{entries}")
        };
        load(&with("        - {check: docs, kind: field, reason: why, page: x}\n")).unwrap();
        load(&with("        - {check: docs, kind: nesting, extra-level: data, reason: why}\n")).unwrap();
        load(&with("        - {check: published, kind: nullable, reason: why, source: published}\n")).unwrap();
        load(&with("        - {check: published, kind: contradiction, reason: why, published: other}\n")).unwrap();
        let bad = [
            ("        - {check: docs, kind: field}\n", "non-empty string `reason`"),
            ("        - {check: docs, kind: field, reason: ''}\n", "non-empty string `reason`"),
            ("        - {check: tests, kind: field, reason: r}\n", "`check: docs` or `check: published`"),
            ("        - {check: docs, reason: r}\n", "a string `kind`"),
            ("        - {check: docs, kind: typo, reason: r}\n", "`typo` is not a docs-check kind"),
            ("        - {check: docs, kind: nesting, reason: r}\n", "exactly when its kind is `nesting`"),
            ("        - {check: docs, kind: field, reason: r, pages: x}\n", "`pages` is not a key"),
            ("        - {check: published, kind: nulable, reason: r}\n", "unknown kind `nulable` for published-check"),
            ("        - {check: published, kind: type, reason: r, page: x}\n", "unknown key `page`"),
            ("        - {check: published, kind: type, reason: r, source: page}\n", "`source` can only be `published`"),
            ("        - {check: published, kind: contradiction, reason: r}\n", "needs `published"),
            ("        - just text\n", "must be a mapping"),
            ("        check: docs\n", "must be a list"),
        ];
        for (entries, expected) in bad {
            let error = load(&with(entries)).unwrap_err();
            assert!(error.message.contains(expected), "{entries:?}: {error}");
            assert!(error.pointer.starts_with("/components/schemas/A/x-departures"), "{error:?}");
            assert!(error.line.is_some(), "{error}");
        }
    }
}
