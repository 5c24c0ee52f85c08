//! The intermediate model: a small, fully resolved, Rust-shaped view of the API.
//! `lower` builds it from the OpenAPI document; `emit` turns it into code. Every name here is
//! final (Rust identifiers computed once), every `$ref` is resolved to a type name.

/// The whole API: its named types and its operation groups, both in a deterministic order.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    pub types: Vec<TypeDef>,
    pub groups: Vec<Group>,
    /// What the spec says that the generator read but does not follow (e.g. a pagination shape
    /// it cannot page through), located like errors; `cargo xtask codegen --verbose` lists them.
    pub notes: Vec<crate::error::Error>,
}

/// Description and deprecation, shared by every documented item.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Docs {
    pub description: Option<String>,
    pub deprecated: bool,
}

/// A named model type.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// The Rust (and documentation) name, e.g. `ProjectCreateRequest`.
    pub name: String,
    /// The module file name, e.g. `project_create_request`.
    pub module: String,
    pub docs: Docs,
    pub kind: TypeKind,
    /// The cargo features of the groups whose operations use this type, directly or through
    /// other types, sorted; the type is compiled when any of them is on. Empty when no
    /// operation uses it (then it is always compiled).
    pub features: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    Struct(Struct),
    Enum(Enum),
    Union(Union),
    /// A named schema that is only another type (an array, a map, a scalar).
    Alias(TypeRef),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    pub fields: Vec<Field>,
    /// The members beside the fields when typed (an `additionalProperties` schema beside
    /// `properties`): the struct's `additional_properties` is then a `BTreeMap<String, T>`, each
    /// member decoded as `T`. `None`: the members are kept as raw JSON (`AdditionalProperties`).
    pub additional: Option<Additional>,
}

/// The typed members beside a struct's fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Additional {
    /// `T`, the type of each member.
    pub ty: TypeRef,
    /// The description of the `additionalProperties` schema (of its target, for a `$ref`).
    pub docs: Docs,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub json_name: String,
    pub rust_name: String,
    pub ty: TypeRef,
    pub required: bool,
    /// `null` is a value of its own on the wire (the field's schema or its named type is nullable).
    pub nullable: bool,
    pub read_only: bool,
    pub docs: Docs,
}

/// A string or integer enum. `default` indexes `values`.
#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    pub values: Vec<EnumValue>,
    pub default: Option<usize>,
    pub repr: EnumRepr,
}

/// What an enum's values are on the wire, and what its fallback variant holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnumRepr {
    /// JSON strings; the fallback holds a `String`.
    String,
    /// JSON numbers that fit an `i32` (`format: int32`); the fallback holds an `i32`.
    Int32,
    /// JSON numbers that fit an `i64`; the fallback holds an `i64`.
    Int64,
}

impl EnumRepr {
    /// The Rust type of a value (what the fallback variant holds).
    pub fn rust_type(self) -> &'static str {
        match self {
            EnumRepr::String => "String",
            EnumRepr::Int32 => "i32",
            EnumRepr::Int64 => "i64",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    /// The value as the spec writes it: the string, or the integer in decimal (`-1`).
    pub wire: String,
    pub rust_name: String,
}

/// A `oneOf`. `Tagged` when every variant is an object with its own `type` value.
#[derive(Debug, Clone, PartialEq)]
pub enum Union {
    Tagged(Vec<TaggedVariant>),
    /// Variants tried in order (only for shapes with no distinguishing `type`).
    Untagged(Vec<UntaggedVariant>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct TaggedVariant {
    /// The Rust variant name: the variant's type name.
    pub rust_name: String,
    pub type_name: String,
    /// The value of `type` that selects this variant.
    pub tag: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UntaggedVariant {
    pub rust_name: String,
    pub ty: TypeRef,
}

/// A reference to a type, as used by a field, parameter, body or response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeRef {
    String,
    Int32,
    Int64,
    /// An integer whose bounds go beyond `i64` (and not below 0).
    UInt64,
    Float,
    Double,
    Bool,
    DateTime,
    /// Any JSON value (a schema with no type).
    Any,
    Named(String),
    Array(Box<TypeRef>),
    /// An object with only `additionalProperties`: a string-keyed map.
    Map(Box<TypeRef>),
    /// Raw bytes: a request body that is not JSON (a `RawBody`).
    Bytes,
    /// A field that closes a cycle of structs containing each other by value: `Box<T>`.
    Boxed(Box<TypeRef>),
}

/// One API struct (`TeamsApi`), from one tag.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The tag, e.g. `Teams`.
    pub tag: String,
    /// e.g. `TeamsApi`.
    pub rust_name: String,
    /// e.g. `teams`.
    pub module: String,
    /// The cargo feature that compiles this group, e.g. `case-management`.
    pub feature: String,
    pub docs: Docs,
    pub operations: Vec<Operation>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The `operationId`, e.g. `listTeams`.
    pub id: String,
    /// The method name, e.g. `list_teams`.
    pub rust_name: String,
    /// e.g. `ListTeams`: prefix of the optional-parameters struct name.
    pub type_prefix: String,
    pub method: Method,
    /// The path template, e.g. `/api/v2/team/{team_id}`.
    pub path: String,
    pub summary: Option<String>,
    pub docs: Docs,
    /// Needs the caller to switch it on (`x-unstable`).
    pub unstable: bool,
    pub params: Vec<Param>,
    pub body: Option<Body>,
    /// What it answers on success: one body type, or an enum by status.
    pub success: Success,
    /// Documented error statuses, ascending.
    pub error_statuses: Vec<u16>,
    pub pagination: Option<Pagination>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    Path,
    Query,
    /// A request header; an array is sent as one comma-separated value.
    Header,
}

/// How a query array goes on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArrayStyle {
    /// `style: form, explode: false`: one parameter, values joined by commas.
    CommaSeparated,
    /// `style: form, explode: true`: the parameter repeated once per value.
    Repeated,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    pub wire_name: String,
    pub rust_name: String,
    pub location: ParamLocation,
    pub ty: TypeRef,
    pub required: bool,
    pub array_style: ArrayStyle,
    /// The schema's integer `default` and `maximum`, when it gives them (used for page sizes).
    pub default_int: Option<i64>,
    pub maximum: Option<i64>,
    pub docs: Docs,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    pub ty: TypeRef,
    pub required: bool,
    /// A body that is not JSON: its media type (e.g. `multipart/form-data`); the method then
    /// takes a `RawBody` (bytes and their content type).
    pub raw_media: Option<String>,
}

/// What an operation answers on success.
#[derive(Debug, Clone, PartialEq)]
pub enum Success {
    /// One result type for every success status (they document the same body).
    One(Response),
    /// Success statuses with different bodies: the method returns an enum with one variant per
    /// status (`CreateThingResponse::Accepted(Job)`), defined in the group's API module.
    ByStatus(StatusEnum),
}

impl Success {
    /// Each JSON body type with its (first) status, in status order.
    pub fn json_bodies(&self) -> Vec<(u16, &TypeRef)> {
        let bodies: Vec<(u16, &ResponseBody)> = match self {
            Success::One(response) => vec![(response.status, &response.body)],
            Success::ByStatus(e) => e.variants.iter().map(|v| (v.status, &v.body)).collect(),
        };
        bodies
            .into_iter()
            .filter_map(|(status, body)| match body {
                ResponseBody::Json(ty) => Some((status, ty)),
                _ => None,
            })
            .collect()
    }

    /// The JSON body types, in status order.
    pub fn json_types(&self) -> Vec<&TypeRef> {
        self.json_bodies().into_iter().map(|(_, ty)| ty).collect()
    }

    /// Whether the method returns `()`: every success status answers without a body.
    pub fn is_empty(&self) -> bool {
        matches!(self, Success::One(Response { body: ResponseBody::Empty, .. }))
    }

    /// The `Accept` header of an operation with a body that is not JSON: those media types, in
    /// status and spec order, then `application/json` (JSON success bodies, and error bodies).
    /// `None` when every success body is JSON or empty (the client's default `application/json`).
    pub fn accept(&self) -> Option<String> {
        let bodies: Vec<&ResponseBody> = match self {
            Success::One(response) => vec![&response.body],
            Success::ByStatus(e) => e.variants.iter().map(|v| &v.body).collect(),
        };
        let mut media: Vec<&str> = Vec::new();
        for body in bodies {
            if let ResponseBody::Raw { media: listed } = body {
                for m in listed {
                    if !media.contains(&m.as_str()) {
                        media.push(m);
                    }
                }
            }
        }
        if media.is_empty() {
            return None;
        }
        media.push("application/json");
        Some(media.join(", "))
    }
}

/// The success statuses that share one body, and that body.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    pub status: u16,
    /// The other success statuses the operation documents with the same body, ascending.
    pub more_statuses: Vec<u16>,
    pub body: ResponseBody,
}

/// A success body.
#[derive(Debug, Clone, PartialEq)]
pub enum ResponseBody {
    /// None (e.g. a 204): the method returns `()` (or a unit variant).
    Empty,
    /// JSON, decoded as this type.
    Json(TypeRef),
    /// Not JSON (`text/csv`, `application/zip`...): a `RawResponse`, the bytes with the
    /// `Content-Type` the server sent; `media` are the spec's media types, asked for in `Accept`.
    Raw { media: Vec<String> },
}

/// The enum of an operation whose success statuses have different bodies.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusEnum {
    /// e.g. `CreateThingResponse`.
    pub rust_name: String,
    /// One per documented success status, ascending; the fallback `Unknown { status, body }`
    /// (an undocumented 2xx) is not listed.
    pub variants: Vec<StatusVariant>,
}

/// One success status of a `StatusEnum`.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusVariant {
    pub status: u16,
    /// The status's reason phrase in CamelCase (`Ok`, `Accepted`, `NoContent`), or `Status{n}`.
    pub rust_name: String,
    pub body: ResponseBody,
    /// The response's description.
    pub docs: Docs,
}

/// Pagination (`x-pagination`), resolved against the operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Pagination {
    /// Rust name of the optional parameter holding the page size.
    pub size_param: String,
    pub position: PagePosition,
    /// The page size sent when the caller gives none: the parameter's `default`, else its `maximum`.
    pub default_size: i64,
    /// The size parameter's `maximum`: a larger size asked by the caller is lowered to it, since a
    /// server that caps the page would otherwise look like it sent the last page.
    pub max_size: Option<i64>,
    /// Rust name of the response field holding the items, and whether it is required.
    pub items_field: String,
    pub items_required: bool,
    pub item_type: TypeRef,
}

/// How the next page is asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum PagePosition {
    /// A page number parameter (Rust name), starting at `first_page`.
    Number { param: String, first_page: i64 },
    /// An item offset parameter (Rust name), starting at 0.
    Offset { param: String },
}
