//! Stage 2, **lower**: the OpenAPI document becomes the IR. Every `$ref` is resolved, every inline
//! schema gets its name here (parent name + field name, `Items` for array items), and every
//! validation error is raised here with the JSON pointer of its cause.

use std::collections::{BTreeMap, BTreeSet};

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, IntegerFormat, NumberFormat, OpenAPI, Parameter, ParameterSchemaOrContent, QueryStyle,
    ReferenceOr, Schema, SchemaKind, StatusCode, StringFormat, Type, VariantOrUnknownOrEmpty,
};
use serde_json::Value;

use crate::error::{Error, Result, join};
use crate::ir::*;
use crate::names::{camel_ident, feature_name, module_name, snake_ident};
use crate::spec::Spec;

const SCHEMA_PREFIX: &str = "#/components/schemas/";

/// Lowers the merged spec into the IR; errors name the file and the JSON pointer.
pub fn lower(spec: &Spec) -> Result<Api> {
    lower_doc(&spec.doc).map_err(|e| spec.locate_error(e))
}

/// Lowers a document; errors carry the JSON pointer but no file.
pub fn lower_doc(doc: &OpenAPI) -> Result<Api> {
    let mut lowerer = Lowerer { doc, types: BTreeMap::new(), modules: BTreeMap::new() };
    if let Some(components) = &doc.components {
        for (name, schema) in &components.schemas {
            let pointer = join("/components/schemas", name);
            let ReferenceOr::Item(schema) = schema else {
                return Err(Error::new(
                    pointer,
                    "a component schema must not be a bare `$ref`; refer to the target directly",
                ));
            };
            lowerer.lower_named(name, schema, &pointer)?;
        }
    }
    let groups = lowerer.lower_operations()?;
    let mut types: Vec<TypeDef> = lowerer.types.into_values().map(|(def, _)| def).collect();
    assign_features(&mut types, &groups);
    Ok(Api { types, groups })
}

/// Marks each type with the features of the groups that reach it: from every operation's
/// parameters, body and success response, through fields, union variants and aliases.
fn assign_features(types: &mut [TypeDef], groups: &[Group]) {
    let index: BTreeMap<&str, usize> = types.iter().enumerate().map(|(i, def)| (def.name.as_str(), i)).collect();
    let mut features: Vec<BTreeSet<&str>> = vec![BTreeSet::new(); types.len()];
    for group in groups {
        let mut pending: Vec<&str> = Vec::new();
        for op in &group.operations {
            let body = op.body.as_ref().map(|b| &b.ty);
            for ty in op.params.iter().map(|p| &p.ty).chain(body).chain(op.success.ty.as_ref()) {
                named_types(ty, &mut pending);
            }
        }
        while let Some(name) = pending.pop() {
            let Some(&i) = index.get(name) else { continue };
            if !features[i].insert(&group.feature) {
                continue; // already walked for this group
            }
            match &types[i].kind {
                TypeKind::Struct(s) => s.fields.iter().for_each(|f| named_types(&f.ty, &mut pending)),
                TypeKind::Union(Union::Tagged(variants)) => {
                    pending.extend(variants.iter().map(|v| v.type_name.as_str()))
                }
                TypeKind::Union(Union::Untagged(variants)) => {
                    variants.iter().for_each(|v| named_types(&v.ty, &mut pending))
                }
                TypeKind::Alias(target) => named_types(target, &mut pending),
                TypeKind::Enum(_) => {}
            }
        }
    }
    let features: Vec<Vec<String>> =
        features.into_iter().map(|set| set.into_iter().map(str::to_owned).collect()).collect();
    for (def, features) in types.iter_mut().zip(features) {
        def.features = features;
    }
}

/// The names of the model types a type reference mentions.
fn named_types<'a>(ty: &'a TypeRef, out: &mut Vec<&'a str>) {
    match ty {
        TypeRef::Named(name) => out.push(name),
        TypeRef::Array(item) | TypeRef::Map(item) => named_types(item, out),
        _ => {}
    }
}

struct Lowerer<'a> {
    doc: &'a OpenAPI,
    /// Every named type so far, with the pointer of the schema it came from (for collisions).
    types: BTreeMap<String, (TypeDef, String)>,
    /// Module name -> type name, to refuse two types in one file.
    modules: BTreeMap<String, String>,
}

impl<'a> Lowerer<'a> {
    // ---- schemas -------------------------------------------------------------------------

    /// The schema a `#/components/schemas/X` reference points to.
    fn resolve_schema(&self, reference: &str, pointer: &str) -> Result<(&'a str, &'a Schema)> {
        let name = reference.strip_prefix(SCHEMA_PREFIX).ok_or_else(|| {
            Error::new(pointer, format!("unsupported $ref `{reference}`: only `{SCHEMA_PREFIX}Name` is supported here"))
        })?;
        let found = self.doc.components.as_ref().and_then(|c| c.schemas.get_key_value(name));
        match found {
            Some((name, ReferenceOr::Item(schema))) => Ok((name.as_str(), schema)),
            Some((_, ReferenceOr::Reference { .. })) => {
                Err(Error::new(pointer, format!("$ref `{reference}` points to another $ref")))
            }
            None => Err(Error::new(
                pointer,
                format!("unresolved $ref `{reference}`: no schema `{name}` in components/schemas"),
            )),
        }
    }

    /// Registers a named type, refusing a second definition under the same name.
    fn register(&mut self, def: TypeDef, pointer: &str) -> Result<()> {
        if let Some((_, first)) = self.types.get(&def.name) {
            return Err(Error::new(
                pointer,
                format!(
                    "name collision: the schema here would be named `{}`, which is already the name of the schema at {first}",
                    def.name
                ),
            ));
        }
        if let Some(other) = self.modules.insert(def.module.clone(), def.name.clone()) {
            let first = &self.types[&other].1;
            return Err(Error::new(
                pointer,
                format!(
                    "name collision: `{}` and `{other}` (at {first}) share the module name `{}`",
                    def.name, def.module
                ),
            ));
        }
        self.types.insert(def.name.clone(), (def, pointer.to_owned()));
        Ok(())
    }

    /// Lowers a component schema (or an inline one that needs a name) into a named type.
    fn lower_named(&mut self, name: &str, schema: &Schema, pointer: &str) -> Result<()> {
        let kind = match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) if !is_map(object) => {
                TypeKind::Struct(self.lower_struct(name, &object.properties, &object.required, pointer)?)
            }
            SchemaKind::Any(any) if any.typ.is_none() && !any.properties.is_empty() && any.one_of.is_empty() => {
                TypeKind::Struct(self.lower_struct(name, &any.properties, &any.required, pointer)?)
            }
            SchemaKind::Type(Type::String(string)) if !string.enumeration.is_empty() => {
                TypeKind::Enum(lower_enum(&string.enumeration, schema, pointer)?)
            }
            SchemaKind::OneOf { one_of } => TypeKind::Union(self.lower_union(name, one_of, pointer)?),
            _ => TypeKind::Alias(self.lower_type_inline(name, schema, pointer)?),
        };
        let def = TypeDef {
            name: name.to_owned(),
            module: module_name(name),
            docs: schema_docs(schema),
            kind,
            features: Vec::new(),
        };
        self.register(def, pointer)
    }

    fn lower_struct(
        &mut self,
        name: &str,
        properties: &IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &[String],
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
            let rust_name = snake_ident(json_name);
            if rust_name == "additional_properties" {
                return Err(Error::new(
                    property_pointer,
                    "the property name `additional_properties` is reserved for unknown fields",
                ));
            }
            if let Some(other) = rust_names.insert(rust_name.clone(), json_name.clone()) {
                return Err(Error::new(
                    property_pointer,
                    format!("name collision: `{json_name}` and `{other}` both become the field `{rust_name}`"),
                ));
            }
            let inline_name = format!("{name}{}", camel_ident(json_name));
            let (ty, nullable, docs, read_only) = match property {
                ReferenceOr::Reference { reference } => {
                    let (target, schema) = self.resolve_schema(reference, &property_pointer)?;
                    (
                        TypeRef::Named(target.to_owned()),
                        schema.schema_data.nullable,
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
        Ok(Struct { fields })
    }

    /// The type of a schema used in place; schemas that need a type of their own get `inline_name`.
    fn lower_type(&mut self, schema: &ReferenceOr<Schema>, inline_name: &str, pointer: &str) -> Result<TypeRef> {
        match schema {
            ReferenceOr::Reference { reference } => {
                let (name, _) = self.resolve_schema(reference, pointer)?;
                Ok(TypeRef::Named(name.to_owned()))
            }
            ReferenceOr::Item(schema) => self.lower_type_inline(inline_name, schema, pointer),
        }
    }

    fn lower_boxed_type(
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

    fn lower_type_inline(&mut self, inline_name: &str, schema: &Schema, pointer: &str) -> Result<TypeRef> {
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
                Ok(if matches!(integer.format, VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32)) {
                    TypeRef::Int32
                } else {
                    TypeRef::Int64
                })
            }
            SchemaKind::Type(Type::Number(number)) => {
                Ok(if matches!(number.format, VariantOrUnknownOrEmpty::Item(NumberFormat::Float)) {
                    TypeRef::Float
                } else {
                    TypeRef::Double
                })
            }
            SchemaKind::Type(Type::Boolean(_)) => Ok(TypeRef::Bool),
            SchemaKind::Type(Type::Array(array)) => {
                let items = array.items.as_ref().ok_or_else(|| Error::new(pointer, "an array schema needs `items`"))?;
                let item = self.lower_boxed_type(items, &format!("{inline_name}Items"), &join(pointer, "items"))?;
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
                            &format!("{inline_name}Value"),
                            &join(pointer, "additionalProperties"),
                        )?;
                        Ok(TypeRef::Map(Box::new(value)))
                    }
                    Some(AdditionalProperties::Any(true)) | None => Ok(TypeRef::Map(Box::new(TypeRef::Any))),
                    Some(AdditionalProperties::Any(false)) => named(self),
                }
            }
            SchemaKind::OneOf { .. } => named(self),
            SchemaKind::Any(any) if any.typ.is_none() && !any.properties.is_empty() && any.one_of.is_empty() => {
                named(self)
            }
            SchemaKind::Any(any) if *any == openapiv3::AnySchema::default() => Ok(TypeRef::Any),
            SchemaKind::AllOf { .. } => Err(Error::new(pointer, "unsupported construct: `allOf`")),
            SchemaKind::AnyOf { .. } => Err(Error::new(pointer, "unsupported construct: `anyOf`")),
            SchemaKind::Not { .. } => Err(Error::new(pointer, "unsupported construct: `not`")),
            SchemaKind::Any(any) => Err(Error::new(
                pointer,
                format!(
                    "unsupported construct: a schema of type {:?} with this combination of keywords",
                    any.typ.as_deref().unwrap_or("(none)")
                ),
            )),
        }
    }

    /// A `oneOf`: tagged by `type` when every variant is an object with a one-value `type` enum.
    fn lower_union(&mut self, name: &str, one_of: &[ReferenceOr<Schema>], pointer: &str) -> Result<Union> {
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
                    if let Some(other) = tags.insert(tag.clone(), type_name) {
                        return Err(Error::new(
                            variant_pointer,
                            format!("`{type_name}` and `{other}` have the same `type` value `{tag}`"),
                        ));
                    }
                    tagged.push(TaggedVariant {
                        rust_name: camel_ident(type_name),
                        type_name: type_name.to_owned(),
                        tag,
                    });
                }
                None => {
                    // Not every variant carries its own `type`: fall back to trying each in turn.
                    let variants = one_of
                        .iter()
                        .enumerate()
                        .map(|(i, v)| {
                            let p = join(&join(pointer, "oneOf"), &i.to_string());
                            let ty = self.lower_type(v, &format!("{name}Option{}", i + 1), &p)?;
                            let rust_name = match &ty {
                                TypeRef::Named(n) => camel_ident(n),
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
                    return Ok(Union::Untagged(variants));
                }
            }
        }
        Ok(Union::Tagged(tagged))
    }

    /// The single value of an object schema's `type` enum, if it has one. The property need not
    /// be required: an object that carries `type` is still told apart by it (one without is kept
    /// as unknown).
    fn type_tag(&self, schema: &Schema, pointer: &str) -> Result<Option<String>> {
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

    // ---- operations ----------------------------------------------------------------------

    fn lower_operations(&mut self) -> Result<Vec<Group>> {
        let doc = self.doc;
        let mut groups: Vec<Group> = doc
            .tags
            .iter()
            .map(|tag| Group {
                tag: tag.name.clone(),
                rust_name: format!("{}Api", camel_ident(&tag.name)),
                module: snake_ident(&tag.name),
                feature: feature_name(&tag.name),
                docs: Docs { description: tag.description.clone(), deprecated: false },
                operations: Vec::new(),
            })
            .collect();
        let mut seen_ids: BTreeMap<String, String> = BTreeMap::new();
        for (path, item) in &doc.paths.paths {
            let path_pointer = join("/paths", path);
            let ReferenceOr::Item(item) = item else {
                return Err(Error::new(path_pointer, "unsupported construct: a `$ref` path item"));
            };
            for (method_name, op) in [("options", &item.options), ("head", &item.head), ("trace", &item.trace)] {
                if op.is_some() {
                    return Err(Error::new(
                        join(&path_pointer, method_name),
                        format!("unsupported construct: `{method_name}` operations"),
                    ));
                }
            }
            let methods = [
                (Method::Get, "get", &item.get),
                (Method::Put, "put", &item.put),
                (Method::Post, "post", &item.post),
                (Method::Patch, "patch", &item.patch),
                (Method::Delete, "delete", &item.delete),
            ];
            for (method, method_name, op) in methods {
                let Some(op) = op else { continue };
                let pointer = join(&path_pointer, method_name);
                let id = op
                    .operation_id
                    .clone()
                    .ok_or_else(|| Error::new(&pointer, "the operation has no `operationId`"))?;
                let rust_name = snake_ident(&id);
                if let Some(first) = seen_ids.insert(rust_name.clone(), pointer.clone()) {
                    return Err(Error::new(
                        join(&pointer, "operationId"),
                        format!("duplicate operation name `{rust_name}`: also used at {first}"),
                    ));
                }
                let [tag] = op.tags.as_slice() else {
                    return Err(Error::new(
                        join(&pointer, "tags"),
                        "an operation needs exactly one tag (its API group)",
                    ));
                };
                let group = groups.iter_mut().position(|g| &g.tag == tag).ok_or_else(|| {
                    Error::new(join(&pointer, "tags"), format!("tag `{tag}` is not declared in the top-level `tags`"))
                })?;
                let operation = self.lower_operation(path, &item.parameters, op, method, id, rust_name, &pointer)?;
                groups[group].operations.push(operation);
            }
        }
        groups.retain(|g| !g.operations.is_empty());
        Ok(groups)
    }

    #[allow(clippy::too_many_arguments)]
    fn lower_operation(
        &mut self,
        path: &str,
        shared_params: &[ReferenceOr<Parameter>],
        op: &openapiv3::Operation,
        method: Method,
        id: String,
        rust_name: String,
        pointer: &str,
    ) -> Result<Operation> {
        let type_prefix = camel_ident(&id);
        let mut params = Vec::new();
        let all = shared_params.iter().map(|p| (p, "/parameters")).chain(op.parameters.iter().map(|p| (p, "")));
        for (index, (param, _)) in all.enumerate() {
            let param_pointer = join(&join(pointer, "parameters"), &index.to_string());
            params.push(self.lower_param(param, &type_prefix, &param_pointer)?);
        }
        let mut rust_names = BTreeSet::new();
        for param in &params {
            if !rust_names.insert(param.rust_name.clone()) {
                return Err(Error::new(
                    join(pointer, "parameters"),
                    format!("two parameters become the Rust name `{}`", param.rust_name),
                ));
            }
        }
        // Path template and declared path parameters must match exactly.
        let template: Vec<&str> =
            path.split('{').skip(1).filter_map(|s| s.split_once('}').map(|(name, _)| name)).collect();
        for name in &template {
            if !params.iter().any(|p| p.location == ParamLocation::Path && p.wire_name == *name) {
                return Err(Error::new(
                    join(pointer, "parameters"),
                    format!("path parameter `{name}` of `{path}` is not declared"),
                ));
            }
        }
        for param in params.iter().filter(|p| p.location == ParamLocation::Path) {
            if !template.contains(&param.wire_name.as_str()) {
                return Err(Error::new(
                    join(pointer, "parameters"),
                    format!("path parameter `{}` is not in the path template `{path}`", param.wire_name),
                ));
            }
        }

        let body = match &op.request_body {
            None => None,
            Some(body) => {
                let body_pointer = join(pointer, "requestBody");
                let ReferenceOr::Item(body) = body else {
                    return Err(Error::new(body_pointer, "unsupported construct: a `$ref` request body"));
                };
                let media = body.content.get("application/json").ok_or_else(|| {
                    Error::new(
                        join(&body_pointer, "content"),
                        "unsupported construct: a request body without `application/json`",
                    )
                })?;
                let schema = media
                    .schema
                    .as_ref()
                    .ok_or_else(|| Error::new(join(&body_pointer, "content"), "the request body has no schema"))?;
                let ty = self.lower_type(
                    schema,
                    &format!("{type_prefix}Request"),
                    &join(&join(&join(&body_pointer, "content"), "application/json"), "schema"),
                )?;
                Some(Body { ty, required: body.required })
            }
        };

        let (success, error_statuses) = self.lower_responses(&op.responses, &type_prefix, pointer)?;
        let pagination = match op.extensions.get("x-pagination") {
            Some(value) => Some(self.lower_pagination(value, &params, &success, &join(pointer, "x-pagination"))?),
            None => None,
        };
        let unstable = match op.extensions.get("x-unstable") {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(_) => return Err(Error::new(join(pointer, "x-unstable"), "`x-unstable` must be true or false")),
        };
        Ok(Operation {
            id,
            rust_name,
            type_prefix,
            method,
            path: path.to_owned(),
            summary: op.summary.clone(),
            docs: Docs { description: op.description.clone(), deprecated: op.deprecated },
            unstable,
            params,
            body,
            success,
            error_statuses,
            pagination,
        })
    }

    fn lower_param(&mut self, param: &ReferenceOr<Parameter>, type_prefix: &str, pointer: &str) -> Result<Param> {
        let param = match param {
            ReferenceOr::Item(param) => param,
            ReferenceOr::Reference { reference } => {
                let name = reference
                    .strip_prefix("#/components/parameters/")
                    .ok_or_else(|| Error::new(pointer, format!("unsupported $ref `{reference}` for a parameter")))?;
                match self.doc.components.as_ref().and_then(|c| c.parameters.get(name)) {
                    Some(ReferenceOr::Item(param)) => param,
                    _ => {
                        return Err(Error::new(
                            pointer,
                            format!("unresolved $ref `{reference}`: no parameter `{name}` in components/parameters"),
                        ));
                    }
                }
            }
        };
        let (data, location, array_style) = match param {
            Parameter::Query { parameter_data, style, .. } => {
                let style = match (style, parameter_data.explode) {
                    (QueryStyle::Form, Some(false)) => ArrayStyle::CommaSeparated,
                    (QueryStyle::Form, _) => ArrayStyle::Repeated,
                    (other, _) => {
                        return Err(Error::new(pointer, format!("unsupported construct: query style {other:?}")));
                    }
                };
                (parameter_data, ParamLocation::Query, style)
            }
            Parameter::Path { parameter_data, .. } => {
                if !parameter_data.required {
                    return Err(Error::new(
                        pointer,
                        format!("path parameter `{}` must be `required: true`", parameter_data.name),
                    ));
                }
                (parameter_data, ParamLocation::Path, ArrayStyle::CommaSeparated)
            }
            Parameter::Header { parameter_data, .. } | Parameter::Cookie { parameter_data, .. } => {
                return Err(Error::new(
                    pointer,
                    format!("unsupported construct: header and cookie parameters (`{}`)", parameter_data.name),
                ));
            }
        };
        let ParameterSchemaOrContent::Schema(schema) = &data.format else {
            return Err(Error::new(
                pointer,
                format!("unsupported construct: parameter `{}` uses `content` instead of `schema`", data.name),
            ));
        };
        let ty =
            self.lower_type(schema, &format!("{type_prefix}{}", camel_ident(&data.name)), &join(pointer, "schema"))?;
        if location == ParamLocation::Path && matches!(ty, TypeRef::Array(_) | TypeRef::Map(_) | TypeRef::Any) {
            return Err(Error::new(
                pointer,
                format!("unsupported construct: path parameter `{}` must be a scalar", data.name),
            ));
        }
        if matches!(ty, TypeRef::Map(_) | TypeRef::Any) {
            return Err(Error::new(
                pointer,
                format!("unsupported construct: query parameter `{}` must be a scalar or an array", data.name),
            ));
        }
        let resolved: &Schema = match schema {
            ReferenceOr::Item(s) => s,
            ReferenceOr::Reference { reference } => self.resolve_schema(reference, pointer)?.1,
        };
        let description = data.description.clone().or_else(|| resolved.schema_data.description.clone());
        let (default_int, maximum) = match &resolved.schema_kind {
            SchemaKind::Type(Type::Integer(i)) => {
                (resolved.schema_data.default.as_ref().and_then(Value::as_i64), i.maximum)
            }
            _ => (None, None),
        };
        Ok(Param {
            wire_name: data.name.clone(),
            rust_name: snake_ident(&data.name),
            location,
            ty,
            required: data.required,
            array_style,
            default_int,
            maximum,
            docs: Docs { description, deprecated: data.deprecated.unwrap_or(false) },
        })
    }

    fn lower_responses(
        &mut self,
        responses: &openapiv3::Responses,
        type_prefix: &str,
        pointer: &str,
    ) -> Result<(Response, Vec<u16>)> {
        let responses_pointer = join(pointer, "responses");
        if responses.default.is_some() {
            return Err(Error::new(
                join(&responses_pointer, "default"),
                "unsupported construct: a `default` response; list the statuses",
            ));
        }
        let mut success = Vec::new();
        let mut errors = Vec::new();
        for (status, response) in &responses.responses {
            let StatusCode::Code(code) = status else {
                return Err(Error::new(
                    join(&responses_pointer, &status.to_string()),
                    "unsupported construct: a status range; list the statuses",
                ));
            };
            let response_pointer = join(&responses_pointer, &code.to_string());
            let response = match response {
                ReferenceOr::Item(r) => r,
                ReferenceOr::Reference { reference } => {
                    let name = reference.strip_prefix("#/components/responses/").ok_or_else(|| {
                        Error::new(&response_pointer, format!("unsupported $ref `{reference}` for a response"))
                    })?;
                    match self.doc.components.as_ref().and_then(|c| c.responses.get(name)) {
                        Some(ReferenceOr::Item(r)) => r,
                        _ => {
                            return Err(Error::new(
                                &response_pointer,
                                format!("unresolved $ref `{reference}`: no response `{name}` in components/responses"),
                            ));
                        }
                    }
                }
            };
            if (200..300).contains(code) {
                let ty = match response.content.get("application/json") {
                    None if response.content.is_empty() => None,
                    None => {
                        return Err(Error::new(
                            join(&response_pointer, "content"),
                            "unsupported construct: a response without `application/json`",
                        ));
                    }
                    Some(media) => match &media.schema {
                        None => None,
                        Some(schema) => Some(self.lower_type(
                            schema,
                            &format!("{type_prefix}Response"),
                            &join(&response_pointer, "content"),
                        )?),
                    },
                };
                success.push(Response { status: *code, ty });
            } else {
                errors.push(*code);
            }
        }
        match success.len() {
            1 => {}
            0 => return Err(Error::new(responses_pointer, "the operation documents no success (2xx) status")),
            _ => return Err(Error::new(responses_pointer, "unsupported construct: several success statuses")),
        }
        errors.sort_unstable();
        Ok((success.remove(0), errors))
    }

    fn lower_pagination(
        &self,
        value: &Value,
        params: &[Param],
        success: &Response,
        pointer: &str,
    ) -> Result<Pagination> {
        let text = |key: &str| -> Result<Option<&str>> {
            match value.get(key) {
                None => Ok(None),
                Some(Value::String(s)) => Ok(Some(s)),
                Some(_) => Err(Error::new(join(pointer, key), format!("`{key}` must be a string"))),
            }
        };
        let find_param = |key: &str, wire: &str| -> Result<&Param> {
            params
                .iter()
                .find(|p| {
                    p.wire_name == wire
                        && p.location == ParamLocation::Query
                        && !p.required
                        && matches!(p.ty, TypeRef::Int32 | TypeRef::Int64)
                })
                .ok_or_else(|| {
                    Error::new(
                        join(pointer, key),
                        format!("`{wire}` is not an optional integer query parameter of this operation"),
                    )
                })
        };
        let size_wire = text("size_param")?.ok_or_else(|| Error::new(pointer, "`x-pagination` needs `size_param`"))?;
        let size = find_param("size_param", size_wire)?;
        let default_size = size.default_int.or(size.maximum).ok_or_else(|| {
            Error::new(
                join(pointer, "size_param"),
                format!("`{size_wire}` needs an integer `default` or `maximum`, so that pages have a known size"),
            )
        })?;
        let position = match (text("number_param")?, text("offset_param")?) {
            (Some(number), None) => {
                let first_page = value
                    .get("first_page")
                    .and_then(Value::as_i64)
                    .ok_or_else(|| Error::new(join(pointer, "first_page"), "`first_page` must be an integer"))?;
                PagePosition::Number { param: find_param("number_param", number)?.rust_name.clone(), first_page }
            }
            (None, Some(offset)) => {
                PagePosition::Offset { param: find_param("offset_param", offset)?.rust_name.clone() }
            }
            _ => {
                return Err(Error::new(
                    pointer,
                    "`x-pagination` needs exactly one of `number_param` and `offset_param`",
                ));
            }
        };
        let items = text("items")?.ok_or_else(|| Error::new(pointer, "`x-pagination` needs `items`"))?;
        let Some(TypeRef::Named(response_type)) = &success.ty else {
            return Err(Error::new(pointer, "`x-pagination` needs a named success response type"));
        };
        let field = match self.types.get(response_type).map(|(d, _)| &d.kind) {
            Some(TypeKind::Struct(s)) => s.fields.iter().find(|f| f.json_name == items),
            _ => None,
        }
        .ok_or_else(|| Error::new(join(pointer, "items"), format!("`{items}` is not a field of `{response_type}`")))?;
        let TypeRef::Array(item_type) = &field.ty else {
            return Err(Error::new(join(pointer, "items"), format!("`{response_type}.{items}` is not an array")));
        };
        Ok(Pagination {
            size_param: size.rust_name.clone(),
            position,
            default_size,
            max_size: size.maximum,
            items_field: field.rust_name.clone(),
            items_required: field.required && !field.nullable,
            item_type: (**item_type).clone(),
        })
    }
}

/// An object with no properties whose members are all of one type (or anything): a map.
fn is_map(object: &openapiv3::ObjectType) -> bool {
    object.properties.is_empty()
        && matches!(
            object.additional_properties,
            Some(AdditionalProperties::Schema(_) | AdditionalProperties::Any(true))
        )
}

fn schema_docs(schema: &Schema) -> Docs {
    Docs {
        description: schema.schema_data.description.clone().or_else(|| schema.schema_data.title.clone()),
        deprecated: schema.schema_data.deprecated,
    }
}

fn lower_enum(values: &[Option<String>], schema: &Schema, pointer: &str) -> Result<Enum> {
    let varnames = match schema.schema_data.extensions.get("x-enum-varnames") {
        None => None,
        Some(Value::Array(names)) if names.len() == values.len() => Some(
            names
                .iter()
                .map(|n| n.as_str().map(camel_ident))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| Error::new(join(pointer, "x-enum-varnames"), "`x-enum-varnames` must be strings"))?,
        ),
        Some(_) => {
            return Err(Error::new(
                join(pointer, "x-enum-varnames"),
                "`x-enum-varnames` must list one name per enum value",
            ));
        }
    };
    let mut out = Vec::with_capacity(values.len());
    let mut seen = BTreeMap::new();
    for (index, value) in values.iter().enumerate() {
        let wire = value.clone().ok_or_else(|| {
            Error::new(
                join(&join(pointer, "enum"), &index.to_string()),
                "unsupported construct: `null` as an enum value",
            )
        })?;
        let rust_name = varnames.as_ref().map(|v| v[index].clone()).unwrap_or_else(|| camel_ident(&wire));
        if let Some(other) = seen.insert(rust_name.clone(), wire.clone()) {
            return Err(Error::new(
                join(pointer, "enum"),
                format!("name collision: enum values `{wire}` and `{other}` both become the variant `{rust_name}`"),
            ));
        }
        out.push(EnumValue { wire, rust_name });
    }
    let default = match &schema.schema_data.default {
        None => None,
        Some(Value::String(d)) => Some(out.iter().position(|v| &v.wire == d).ok_or_else(|| {
            Error::new(join(pointer, "default"), format!("the default `{d}` is not one of the enum values"))
        })?),
        Some(_) => return Err(Error::new(join(pointer, "default"), "an enum default must be a string")),
    };
    Ok(Enum { values: out, default })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lower_yaml(schemas: &str) -> Result<Api> {
        let text = format!(
            "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n{schemas}"
        );
        let spec = crate::spec::load_sources(&[("t.yaml".into(), text)])?;
        lower(&spec)
    }

    fn kind<'a>(api: &'a Api, name: &str) -> &'a TypeKind {
        &api.types.iter().find(|t| t.name == name).unwrap_or_else(|| panic!("no type {name}")).kind
    }

    #[test]
    fn objects_maps_and_closed_objects() {
        let api = lower_yaml(concat!(
            "    A:\n      type: object\n      properties:\n",
            "        closed: {type: object, additionalProperties: false}\n",
            "        open: {type: object}\n",
            "        counts: {type: object, additionalProperties: {type: integer}}\n",
            "    Named: {type: object, additionalProperties: {type: string}}\n",
        ))
        .unwrap();
        let TypeKind::Struct(a) = kind(&api, "A") else { panic!("A is a struct") };
        let types: Vec<&TypeRef> = a.fields.iter().map(|f| &f.ty).collect();
        let expected = [
            TypeRef::Named("AClosed".into()),
            TypeRef::Map(Box::new(TypeRef::Any)),
            TypeRef::Map(Box::new(TypeRef::Int64)),
        ];
        assert_eq!(types, expected.iter().collect::<Vec<_>>());
        assert!(matches!(kind(&api, "AClosed"), TypeKind::Struct(s) if s.fields.is_empty()));
        assert_eq!(kind(&api, "Named"), &TypeKind::Alias(TypeRef::Map(Box::new(TypeRef::String))));
    }

    #[test]
    fn nullable_comes_from_the_referenced_schema() {
        let api = lower_yaml(concat!(
            "    A:\n      type: object\n      properties:\n        rel: {$ref: '#/components/schemas/N'}\n",
            "    N: {type: object, nullable: true, properties: {id: {type: string}}}\n",
        ))
        .unwrap();
        let TypeKind::Struct(a) = kind(&api, "A") else { panic!("A is a struct") };
        assert!(a.fields[0].nullable && !a.fields[0].required);
    }

    #[test]
    fn enum_variant_names_and_defaults() {
        let api = lower_yaml("    P: {type: string, enum: [NOT_DEFINED, P1, '2x', ''], default: P1}\n").unwrap();
        let TypeKind::Enum(e) = kind(&api, "P") else { panic!("P is an enum") };
        let names: Vec<&str> = e.values.iter().map(|v| v.rust_name.as_str()).collect();
        assert_eq!(names, ["NotDefined", "P1", "Value2x", "Empty"]);
        assert_eq!(e.default, Some(1));
        let error = lower_yaml("    P: {type: string, enum: [a], default: b}\n").unwrap_err();
        assert!(error.message.contains("default `b` is not one of the enum values"), "{error}");
        assert_eq!(error.pointer, "/components/schemas/P/default");
    }
}
