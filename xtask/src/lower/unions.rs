//! `oneOf`: tagged by the variants' `type` value, or untagged (tried in order).

use std::collections::BTreeMap;

use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

use super::Lowerer;
use crate::error::{Error, Result, join};
use crate::ir::*;
use crate::names::{camel_ident, inline_type_ident};

impl Lowerer<'_> {
    /// A `oneOf`: tagged by `type` when every variant is an object with a one-value `type` enum.
    pub(super) fn lower_union(&mut self, name: &str, one_of: &[ReferenceOr<Schema>], pointer: &str) -> Result<Union> {
        if one_of.is_empty() {
            return Err(Error::new(pointer, "`oneOf` needs at least one variant"));
        }
        let mut tagged = Vec::new();
        let mut tags = BTreeMap::new();
        for (index, variant) in one_of.iter().enumerate() {
            let variant_pointer = join(&join(pointer, "oneOf"), &index.to_string());
            let ReferenceOr::Reference { reference } = variant else {
                return Err(Error::new(
                    variant_pointer,
                    "unsupported construct: an inline `oneOf` variant; give it a name in components/schemas",
                ));
            };
            let (type_name, schema) = self.resolve_schema(reference, &variant_pointer)?;
            match self.type_tag(schema, &variant_pointer)? {
                Some(tag) => {
                    if let Some(other) = tags.insert(tag.clone(), type_name.clone()) {
                        return Err(Error::new(
                            variant_pointer,
                            format!("`{type_name}` and `{other}` have the same `type` value `{tag}`"),
                        ));
                    }
                    tagged.push(TaggedVariant { rust_name: variant_ident(&type_name), type_name, tag });
                }
                None => {
                    // Not every variant carries its own `type`: fall back to trying each in turn.
                    let variants = one_of
                        .iter()
                        .enumerate()
                        .map(|(i, v)| {
                            let p = join(&join(pointer, "oneOf"), &i.to_string());
                            let ty = self.lower_type(v, &inline_type_ident(name, &format!("Option{}", i + 1)), &p)?;
                            let rust_name = match &ty {
                                TypeRef::Named(n) => variant_ident(n),
                                other => {
                                    return Err(Error::new(
                                        p,
                                        format!("unsupported construct: a `oneOf` variant of type {other:?}"),
                                    ));
                                }
                            };
                            Ok(UntaggedVariant { rust_name, ty })
                        })
                        .collect::<Result<Vec<_>>>()?;
                    check_variant_names(variants.iter().map(|v| v.rust_name.as_str()), pointer)?;
                    return Ok(Union::Untagged(variants));
                }
            }
        }
        check_variant_names(tagged.iter().map(|v| v.rust_name.as_str()), pointer)?;
        Ok(Union::Tagged(tagged))
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
