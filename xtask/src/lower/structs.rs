//! Object schemas with properties: structs, one field per property.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use openapiv3::{AdditionalProperties, ReferenceOr, Schema};

use super::Lowerer;
use super::types::schema_docs;
use crate::error::{Error, Result, join};
use crate::ir::*;
use crate::names::{inline_type_ident, snake_ident};

impl Lowerer<'_> {
    pub(super) fn lower_struct(
        &mut self,
        name: &str,
        properties: &IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &[String],
        additional: Option<&AdditionalProperties>,
        pointer: &str,
    ) -> Result<Struct> {
        for req in required {
            if !properties.contains_key(req) {
                return Err(Error::new(
                    join(pointer, "required"),
                    format!("`{req}` is required but is not a property"),
                ));
            }
        }
        let mut fields = Vec::with_capacity(properties.len());
        let mut rust_names = BTreeMap::new();
        for (json_name, property) in properties {
            let property_pointer = join(&join(pointer, "properties"), json_name);
            let mut rust_name = snake_ident(json_name);
            if rust_name == "new" {
                // The setter of a field `new` would be the constructor `new`.
                rust_name.push('_');
            }
            // The generated struct's own fields: typed members beside the fields, and `extra`
            // (unknown members, and the optional fields that arrived as `null`).
            if matches!(rust_name.as_str(), "additional_properties" | "extra") {
                return Err(Error::new(
                    property_pointer,
                    format!(
                        "the property name `{rust_name}` is reserved for the struct's generated field of that name"
                    ),
                ));
            }
            if let Some(other) = rust_names.insert(rust_name.clone(), json_name.clone()) {
                return Err(Error::new(
                    property_pointer,
                    format!("name collision: `{json_name}` and `{other}` both become the field `{rust_name}`"),
                ));
            }
            let inline_name = inline_type_ident(name, json_name);
            let (ty, nullable, docs, read_only) = match property {
                ReferenceOr::Reference { reference } => {
                    let (target, schema) = self.resolve_schema(reference, &property_pointer)?;
                    // `nullable: true` beside the `$ref` (openapiv3 drops it; the raw JSON has it).
                    let nullable_here = self
                        .raw
                        .and_then(|raw| raw.pointer(&property_pointer))
                        .and_then(|p| p.get("nullable"))
                        .and_then(serde_json::Value::as_bool)
                        .unwrap_or(false);
                    (
                        TypeRef::Named(target),
                        schema.schema_data.nullable || nullable_here,
                        Docs { description: schema.schema_data.description.clone(), deprecated: false },
                        schema.schema_data.read_only,
                    )
                }
                ReferenceOr::Item(schema) => {
                    let ty = self.lower_type_inline(&inline_name, schema, &property_pointer)?;
                    (ty, schema.schema_data.nullable, schema_docs(schema), schema.schema_data.read_only)
                }
            };
            fields.push(Field {
                json_name: json_name.clone(),
                rust_name,
                ty,
                required: required.contains(json_name),
                nullable,
                read_only,
                docs,
            });
        }
        // The members beside the fields: typed by an `additionalProperties` schema; kept as raw
        // JSON when it allows anything (`true`, `{}`, or absent). `false` changes nothing: members
        // the spec does not list are kept all the same, as for any struct.
        let additional = match additional {
            Some(AdditionalProperties::Schema(value)) => {
                let value_pointer = join(pointer, "additionalProperties");
                let inline_name = inline_type_ident(name, "AdditionalProperties");
                let docs = match value.as_ref() {
                    ReferenceOr::Reference { reference } => {
                        let (_, schema) = self.resolve_schema(reference, &value_pointer)?;
                        Docs { description: schema.schema_data.description.clone(), deprecated: false }
                    }
                    // Only the description: the field is not deprecated with its schema.
                    ReferenceOr::Item(schema) => {
                        Docs { description: schema_docs(schema).description, deprecated: false }
                    }
                };
                match self.lower_type(value, &inline_name, &value_pointer)? {
                    TypeRef::Any => None,
                    ty => Some(Additional { ty, docs }),
                }
            }
            Some(AdditionalProperties::Any(_)) | None => None,
        };
        Ok(Struct { fields, additional })
    }
}
