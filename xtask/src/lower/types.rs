//! Schemas: `$ref` resolution, named types (registered once, collisions refused), and the type
//! of a schema used in place (scalars, arrays, maps; the rest gets a named type of its own).

use openapiv3::{
    AdditionalProperties, IntegerFormat, NumberFormat, ReferenceOr, Schema, SchemaKind, StringFormat, Type,
    VariantOrUnknownOrEmpty,
};

use super::Lowerer;
use super::enums::{int_enum_values, lower_enum, lower_int_enum};
use crate::error::{Error, Result, join};
use crate::ir::*;
use crate::names::{did_you_mean, inline_type_ident, module_name, type_ident};

const SCHEMA_PREFIX: &str = "#/components/schemas/";

impl<'a> Lowerer<'a> {
    /// The Rust name of the component a `#/components/schemas/X` reference points to, and the
    /// schema it stands for (a component that is only a `$ref` is followed to its target).
    pub(super) fn resolve_schema(&self, reference: &str, pointer: &str) -> Result<(String, &'a Schema)> {
        let mut current = reference;
        let mut seen: Vec<&str> = Vec::new();
        let mut first_name = None;
        loop {
            let name = current.strip_prefix(SCHEMA_PREFIX).ok_or_else(|| {
                Error::new(
                    pointer,
                    format!("unsupported $ref `{current}`: only `{SCHEMA_PREFIX}Name` is supported here"),
                )
            })?;
            let schemas = self.doc.components.as_ref().map(|c| &c.schemas);
            let Some((name, found)) = schemas.and_then(|s| s.get_key_value(name)) else {
                let hint = did_you_mean(name, schemas.into_iter().flat_map(|s| s.keys().map(String::as_str)));
                return Err(Error::new(
                    pointer,
                    format!("unresolved $ref `{current}`: no schema `{name}` in components/schemas{hint}"),
                ));
            };
            let rust_name = first_name.get_or_insert_with(|| type_ident(name)).clone();
            match found {
                ReferenceOr::Item(schema) => return Ok((rust_name, schema)),
                ReferenceOr::Reference { reference: next } => {
                    if seen.contains(&name.as_str()) {
                        return Err(Error::new(
                            pointer,
                            format!("$ref `{reference}` leads to a cycle of components that are only `$ref`s"),
                        ));
                    }
                    seen.push(name);
                    current = next;
                }
            }
        }
    }

    /// Registers a named type, refusing a second definition under the same Rust name. (Module
    /// names are given once every type is known: `assign_modules`.)
    pub(super) fn register(&mut self, def: TypeDef, pointer: &str) -> Result<()> {
        if let Some((_, first)) = self.types.get(&def.name) {
            return Err(Error::new(
                pointer,
                format!(
                    "name collision: the schema here would be named `{}`, which is already the name of the schema at {first}",
                    def.name
                ),
            ));
        }
        self.types.insert(def.name.clone(), (def, pointer.to_owned()));
        Ok(())
    }

    /// Lowers a component schema (or an inline one that needs a name) into a named type.
    pub(super) fn lower_named(&mut self, name: &str, schema: &Schema, pointer: &str) -> Result<()> {
        let kind = match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) if !is_map(object) => {
                let additional = object.additional_properties.as_ref();
                TypeKind::Struct(self.lower_struct(name, &object.properties, &object.required, additional, pointer)?)
            }
            SchemaKind::Any(any) if any_shape(any) == AnyShape::Struct => {
                self.note_ignored(any, pointer);
                let additional = any.additional_properties.as_ref();
                TypeKind::Struct(self.lower_struct(name, &any.properties, &any.required, additional, pointer)?)
            }
            SchemaKind::Any(any) if any_shape(any) == AnyShape::Union => {
                self.note_ignored(any, pointer);
                TypeKind::Union(self.lower_union(name, &any.one_of, pointer)?)
            }
            SchemaKind::Type(Type::String(string)) if !string.enumeration.is_empty() => {
                TypeKind::Enum(lower_enum(&string.enumeration, schema, pointer)?)
            }
            SchemaKind::Type(Type::Integer(integer)) if !integer.enumeration.is_empty() => {
                let repr = if matches!(integer.format, VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32)) {
                    EnumRepr::Int32
                } else {
                    EnumRepr::Int64
                };
                TypeKind::Enum(lower_int_enum(&integer.enumeration, repr, schema, pointer)?)
            }
            SchemaKind::Any(any) if any_shape(any) == AnyShape::IntEnum => {
                self.note_ignored(any, pointer);
                let values = int_enum_values(&any.enumeration, pointer)?;
                let repr = if any.format.as_deref() == Some("int32") { EnumRepr::Int32 } else { EnumRepr::Int64 };
                TypeKind::Enum(lower_int_enum(&values, repr, schema, pointer)?)
            }
            SchemaKind::OneOf { one_of } => TypeKind::Union(self.lower_union(name, one_of, pointer)?),
            _ => TypeKind::Alias(self.lower_type_inline(name, schema, pointer)?),
        };
        let def = TypeDef {
            name: name.to_owned(),
            module: String::new(),
            docs: schema_docs(schema),
            kind,
            features: Vec::new(),
        };
        self.register(def, pointer)
    }

    /// The type of a schema used in place; schemas that need a type of their own get `inline_name`.
    pub(super) fn lower_type(
        &mut self,
        schema: &ReferenceOr<Schema>,
        inline_name: &str,
        pointer: &str,
    ) -> Result<TypeRef> {
        match schema {
            ReferenceOr::Reference { reference } => {
                let (name, _) = self.resolve_schema(reference, pointer)?;
                Ok(TypeRef::Named(name))
            }
            ReferenceOr::Item(schema) => self.lower_type_inline(inline_name, schema, pointer),
        }
    }

    pub(super) fn lower_boxed_type(
        &mut self,
        schema: &ReferenceOr<Box<Schema>>,
        inline_name: &str,
        pointer: &str,
    ) -> Result<TypeRef> {
        match schema {
            ReferenceOr::Reference { reference } => {
                self.lower_type(&ReferenceOr::ref_(reference), inline_name, pointer)
            }
            ReferenceOr::Item(schema) => self.lower_type_inline(inline_name, schema, pointer),
        }
    }

    pub(super) fn lower_type_inline(&mut self, inline_name: &str, schema: &Schema, pointer: &str) -> Result<TypeRef> {
        let named = |this: &mut Self| -> Result<TypeRef> {
            this.lower_named(inline_name, schema, pointer)?;
            Ok(TypeRef::Named(inline_name.to_owned()))
        };
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => {
                if !string.enumeration.is_empty() {
                    return named(self);
                }
                Ok(match &string.format {
                    VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => TypeRef::DateTime,
                    _ => TypeRef::String,
                })
            }
            SchemaKind::Type(Type::Integer(integer)) => {
                if !integer.enumeration.is_empty() {
                    return named(self);
                }
                Ok(if matches!(integer.format, VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32)) {
                    TypeRef::Int32
                } else {
                    TypeRef::Int64
                })
            }
            SchemaKind::Type(Type::Number(number)) => {
                if !number.enumeration.is_empty() {
                    self.note_plain_enum("number", pointer);
                }
                Ok(if matches!(number.format, VariantOrUnknownOrEmpty::Item(NumberFormat::Float)) {
                    TypeRef::Float
                } else {
                    TypeRef::Double
                })
            }
            SchemaKind::Type(Type::Boolean(boolean)) => {
                if !boolean.enumeration.is_empty() {
                    self.note_plain_enum("boolean", pointer);
                }
                Ok(TypeRef::Bool)
            }
            SchemaKind::Type(Type::Array(array)) => {
                let items = array.items.as_ref().ok_or_else(|| Error::new(pointer, "an array schema needs `items`"))?;
                let item =
                    self.lower_boxed_type(items, &inline_type_ident(inline_name, "Items"), &join(pointer, "items"))?;
                Ok(TypeRef::Array(Box::new(item)))
            }
            SchemaKind::Type(Type::Object(object)) => {
                if !object.properties.is_empty() {
                    return named(self);
                }
                match &object.additional_properties {
                    Some(AdditionalProperties::Schema(value)) => {
                        let value = self.lower_type(
                            value,
                            &inline_type_ident(inline_name, "Value"),
                            &join(pointer, "additionalProperties"),
                        )?;
                        Ok(TypeRef::Map(Box::new(value)))
                    }
                    Some(AdditionalProperties::Any(true)) | None => Ok(TypeRef::Map(Box::new(TypeRef::Any))),
                    Some(AdditionalProperties::Any(false)) => named(self),
                }
            }
            SchemaKind::OneOf { .. } => named(self),
            SchemaKind::Any(any)
                if matches!(any_shape(any), AnyShape::Struct | AnyShape::Union | AnyShape::IntEnum) =>
            {
                named(self)
            }
            SchemaKind::Any(any) if *any == openapiv3::AnySchema::default() => Ok(TypeRef::Any),
            SchemaKind::Any(any) if any_shape(any) != AnyShape::Refused => {
                self.note_ignored(any, pointer);
                self.lower_any_in_place(inline_name, any, pointer)
            }
            SchemaKind::AllOf { .. } => Err(Error::new(pointer, "unsupported construct: `allOf`")),
            SchemaKind::AnyOf { .. } => Err(Error::new(pointer, "unsupported construct: `anyOf`")),
            SchemaKind::Not { .. } => Err(Error::new(pointer, "unsupported construct: `not`")),
            SchemaKind::Any(any) => Err(any_error(any, pointer)),
        }
    }
}

/// An object with no properties whose members are all of one type (or anything): a map.
pub(super) fn is_map(object: &openapiv3::ObjectType) -> bool {
    object.properties.is_empty()
        && matches!(
            object.additional_properties,
            Some(AdditionalProperties::Schema(_) | AdditionalProperties::Any(true))
        )
}

pub(super) fn schema_docs(schema: &Schema) -> Docs {
    Docs {
        description: schema.schema_data.description.clone().or_else(|| schema.schema_data.title.clone()),
        deprecated: schema.schema_data.deprecated,
    }
}

/// Gives every type its module (file) name: the snake case of its name (`ProjectCreateRequest`
/// -> `project_create_request`). Two types whose names fold to the same module (`AWSAccountID`,
/// `AwsAccountId`) are taken in the byte order of their names: the first keeps the module name,
/// the next ones get `_2`, `_3`, ... (`aws_account_id_2`).
pub(super) fn assign_modules(types: &mut [TypeDef]) {
    let mut taken = std::collections::BTreeSet::new();
    let mut order: Vec<usize> = (0..types.len()).collect();
    order.sort_by(|&a, &b| types[a].name.cmp(&types[b].name));
    for i in order {
        let base = module_name(&types[i].name);
        let mut module = base.clone();
        let mut n = 2;
        while !taken.insert(module.clone()) {
            module = format!("{base}_{n}");
            n += 1;
        }
        types[i].module = module;
    }
}

/// What a schema that openapiv3 could not give one type to (`SchemaKind::Any`: keywords of
/// several types together, or bounds beyond i64) is taken for. The keywords foreign to that
/// shape are ignored, each with a note (`--verbose`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AnyShape {
    /// `type: object` or no type, with `properties` (and no `oneOf`).
    Struct,
    /// `type: object` or no type, with `oneOf` (and no `properties`).
    Union,
    /// `type: object` or no type, with only `additionalProperties`: a map.
    Map,
    /// `type: integer` with `enum`: an integer enum (each value must be an integer within i64).
    IntEnum,
    /// `type: integer` (no `enum`), `number`, `boolean`, `string` (no `enum`), or `array` with `items`.
    Scalar,
    /// Anything else: an error naming the keywords.
    Refused,
}

fn any_shape(any: &openapiv3::AnySchema) -> AnyShape {
    let no_combinators = any.all_of.is_empty() && any.any_of.is_empty() && any.not.is_none();
    if !no_combinators {
        return AnyShape::Refused;
    }
    match any.typ.as_deref() {
        None | Some("object") => match (any.properties.is_empty(), any.one_of.is_empty()) {
            (false, true) => AnyShape::Struct,
            (true, false) => AnyShape::Union,
            (true, true) if any.additional_properties.is_some() => AnyShape::Map,
            _ => AnyShape::Refused,
        },
        Some("integer") if any.one_of.is_empty() && !any.enumeration.is_empty() => AnyShape::IntEnum,
        Some("integer" | "number" | "boolean") if any.one_of.is_empty() => AnyShape::Scalar,
        Some("string") if any.one_of.is_empty() && any.enumeration.is_empty() => AnyShape::Scalar,
        Some("array") if any.one_of.is_empty() && any.items.is_some() => AnyShape::Scalar,
        _ => AnyShape::Refused,
    }
}

/// The keywords that belong with each type (the rest are foreign to it).
fn own_keywords(ty: Option<&str>) -> &'static [&'static str] {
    match ty {
        Some("integer" | "number") => {
            &["format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "enum"]
        }
        Some("string") => &["format", "pattern", "minLength", "maxLength", "enum"],
        Some("boolean") => &["enum"],
        Some("array") => &["items", "minItems", "maxItems", "uniqueItems"],
        _ => &["properties", "required", "additionalProperties", "minProperties", "maxProperties", "oneOf"],
    }
}

impl Lowerer<'_> {
    /// Notes the keywords of `any` that are foreign to the shape it is taken for.
    fn note_ignored(&mut self, any: &openapiv3::AnySchema, pointer: &str) {
        let Ok(serde_json::Value::Object(map)) = serde_json::to_value(any) else { return };
        let own = own_keywords(any.typ.as_deref());
        let foreign: Vec<String> = map
            .keys()
            .filter(|k| k.as_str() != "type" && !own.contains(&k.as_str()))
            .map(|k| format!("`{k}`"))
            .collect();
        if !foreign.is_empty() {
            let ty = any.typ.as_deref().unwrap_or("object");
            self.notes.push(Error::new(
                pointer,
                format!("ignored {}: not a keyword of a schema of type {ty}", foreign.join(", ")),
            ));
        }
    }

    /// A `number` or `boolean` schema with `enum` is its plain type: the listed values are not
    /// checked (said in a note, so the `enum` is not dropped silently).
    fn note_plain_enum(&mut self, ty: &str, pointer: &str) {
        self.notes.push(Error::new(
            join(pointer, "enum"),
            format!("a {ty} enum is generated as its plain type; the listed values are not checked"),
        ));
    }

    /// The type of a scalar, array or map schema that openapiv3 left untyped.
    fn lower_any_in_place(&mut self, inline_name: &str, any: &openapiv3::AnySchema, pointer: &str) -> Result<TypeRef> {
        Ok(match any.typ.as_deref() {
            Some("integer") => {
                if any.maximum.is_some_and(|max| max > i64::MAX as f64) && any.minimum.is_some_and(|min| min >= 0.0) {
                    TypeRef::UInt64
                } else if any.format.as_deref() == Some("int32") {
                    TypeRef::Int32
                } else {
                    TypeRef::Int64
                }
            }
            Some("number") => {
                if any.format.as_deref() == Some("float") {
                    TypeRef::Float
                } else {
                    TypeRef::Double
                }
            }
            Some("boolean") => TypeRef::Bool,
            Some("string") => {
                if any.format.as_deref() == Some("date-time") {
                    TypeRef::DateTime
                } else {
                    TypeRef::String
                }
            }
            Some("array") => {
                let items = any.items.as_ref().ok_or_else(|| Error::new(pointer, "an array schema needs `items`"))?;
                let item =
                    self.lower_boxed_type(items, &inline_type_ident(inline_name, "Items"), &join(pointer, "items"))?;
                TypeRef::Array(Box::new(item))
            }
            _ => match &any.additional_properties {
                Some(AdditionalProperties::Schema(value)) => {
                    let value = self.lower_type(
                        value,
                        &inline_type_ident(inline_name, "Value"),
                        &join(pointer, "additionalProperties"),
                    )?;
                    TypeRef::Map(Box::new(value))
                }
                _ => TypeRef::Map(Box::new(TypeRef::Any)),
            },
        })
    }
}

/// The types a schema's `type` may name.
const SCHEMA_TYPES: &[&str] = &["array", "boolean", "integer", "number", "object", "string"];

/// Why a schema openapiv3 could not type is refused: a `type` that is not one of the six (with
/// a suggestion), or the keywords that do not go together, by name.
fn any_error(any: &openapiv3::AnySchema, pointer: &str) -> Error {
    if let Some(ty) = any.typ.as_deref()
        && !SCHEMA_TYPES.contains(&ty)
    {
        let hint = did_you_mean(ty, SCHEMA_TYPES.iter().copied());
        return Error::new(
            join(pointer, "type"),
            format!("`type: {ty}` is not a schema type (one of {}){hint}", SCHEMA_TYPES.join(", ")),
        );
    }
    let keywords: Vec<String> = match serde_json::to_value(any) {
        Ok(serde_json::Value::Object(map)) => {
            map.keys().filter(|k| k.as_str() != "type").map(|k| format!("`{k}`")).collect()
        }
        _ => Vec::new(),
    };
    let ty = any.typ.as_deref().map_or("no `type`".to_owned(), |ty| format!("`type: {ty}`"));
    Error::new(
        pointer,
        format!(
            "unsupported construct: a schema with {ty} and the keywords {}, which do not go together",
            keywords.join(", ")
        ),
    )
}
