//! `oneOf`: tagged by the variants' `type` value, or untagged (tried in order).

use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

use super::Lowerer;
use crate::error::{Error, Result, join};
use crate::ir::*;
use crate::names::{camel_ident, inline_type_ident};

impl Lowerer<'_> {
    /// A `oneOf`: tagged by `type` when every variant is an object with a one-value `type` enum,
    /// else untagged (each variant tried in turn). An inline variant gets the name
    /// `{Union}Option{n}` (n from 1, in spec order).
    pub(super) fn lower_union(&mut self, name: &str, one_of: &[ReferenceOr<Schema>], pointer: &str) -> Result<Union> {
        if one_of.is_empty() {
            return Err(Error::new(pointer, "`oneOf` needs at least one variant"));
        }
        let variant_pointer = |i: usize| join(&join(pointer, "oneOf"), &i.to_string());
        let inline_name = |i: usize| inline_type_ident(name, &format!("Option{}", i + 1));
        let mut tags = Vec::with_capacity(one_of.len());
        for (index, variant) in one_of.iter().enumerate() {
            let schema = match variant {
                ReferenceOr::Reference { reference } => self.resolve_schema(reference, &variant_pointer(index))?.1,
                ReferenceOr::Item(schema) => schema,
            };
            tags.push(self.type_tag(schema, &variant_pointer(index))?);
        }
        if tags.iter().all(Option::is_some) {
            let mut tagged = Vec::with_capacity(one_of.len());
            for (index, (variant, tag)) in one_of.iter().zip(tags).enumerate() {
                let type_name = match variant {
                    ReferenceOr::Reference { reference } => self.resolve_schema(reference, &variant_pointer(index))?.0,
                    ReferenceOr::Item(schema) => {
                        let type_name = inline_name(index);
                        self.lower_named(&type_name, schema, &variant_pointer(index))?;
                        type_name
                    }
                };
                // Variants sharing a `type` value are all kept: decoding tries them in the order
                // of the spec and takes the first that decodes.
                let tag = tag.expect("checked above");
                tagged.push(TaggedVariant { rust_name: variant_ident(&type_name), type_name, tag });
            }
            check_variant_names(tagged.iter().map(|v| v.rust_name.as_str()), pointer)?;
            return Ok(Union::Tagged(tagged));
        }
        // Not every variant carries its own `type`: try each in turn.
        let mut variants = Vec::with_capacity(one_of.len());
        for (index, variant) in one_of.iter().enumerate() {
            let ty = self.lower_type(variant, &inline_name(index), &variant_pointer(index))?;
            let rust_name = match &ty {
                TypeRef::Named(n) => variant_ident(n),
                other => scalar_variant(other).to_owned(),
            };
            variants.push(UntaggedVariant { rust_name, ty });
        }
        check_variant_names(variants.iter().map(|v| v.rust_name.as_str()), pointer)?;
        Ok(Union::Untagged(variants))
    }

    /// The single value of an object schema's `type` enum, if it has one. The property need not
    /// be required: an object that carries `type` is still told apart by it (one without is kept
    /// as unknown).
    pub(super) fn type_tag(&self, schema: &Schema, pointer: &str) -> Result<Option<String>> {
        let SchemaKind::Type(Type::Object(object)) = &schema.schema_kind else { return Ok(None) };
        let Some(property) = object.properties.get("type") else { return Ok(None) };
        let property_schema: &Schema = match property {
            ReferenceOr::Reference { reference } => self.resolve_schema(reference, pointer)?.1,
            ReferenceOr::Item(schema) => schema,
        };
        match &property_schema.schema_kind {
            SchemaKind::Type(Type::String(string)) if string.enumeration.len() == 1 => {
                Ok(string.enumeration[0].clone())
            }
            _ => Ok(None),
        }
    }
}

/// The variant name of a member that is not a named type: what it is.
fn scalar_variant(ty: &TypeRef) -> &'static str {
    match ty {
        TypeRef::String => "String",
        TypeRef::Int32 | TypeRef::Int64 | TypeRef::UInt64 => "Integer",
        TypeRef::Float | TypeRef::Double => "Number",
        TypeRef::Bool => "Boolean",
        TypeRef::DateTime => "DateTime",
        TypeRef::Any => "Value",
        TypeRef::Array(_) => "Array",
        TypeRef::Map(_) => "Map",
        TypeRef::Bytes => "Bytes",
        TypeRef::Named(_) | TypeRef::Boxed(_) => "Value",
    }
}

/// The variant name of a union member: its type name in CamelCase; `Unknown` is the fallback
/// variant of every union, so a member of that name becomes `Unknown_`.
fn variant_ident(type_name: &str) -> String {
    let name = camel_ident(type_name);
    if name == "Unknown" { "Unknown_".to_owned() } else { name }
}

/// Two members that become the same variant (the same `$ref` listed twice, or names equal once
/// in CamelCase) are an error.
fn check_variant_names<'a>(names: impl Iterator<Item = &'a str>, pointer: &str) -> Result<()> {
    let mut seen = std::collections::BTreeSet::new();
    for (index, name) in names.enumerate() {
        if !seen.insert(name) {
            return Err(Error::new(
                join(&join(pointer, "oneOf"), &index.to_string()),
                format!(
                    "name collision: two `oneOf` members become the variant `{name}` (the same `$ref` listed twice?)"
                ),
            ));
        }
    }
    Ok(())
}
