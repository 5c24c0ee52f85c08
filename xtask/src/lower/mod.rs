//! Stage 2, **lower**: the OpenAPI document becomes the IR. Every `$ref` is resolved, every inline
//! schema gets its name here (parent name + field name, `Items` for array items), and every
//! validation error is raised here with the JSON pointer of its cause.
//!
//! One module per construct (see ARCHITECTURE.md): `types` (schemas used in place, `$ref`
//! resolution, registering named types), `structs`, `enums`, `unions`, `operations` (paths,
//! parameters, bodies, responses), `pagination` (`x-pagination`), and `features` (which cargo
//! features compile each type).

mod enums;
pub(crate) mod features;
mod operations;
mod pagination;
mod recursion;
mod responses;
mod structs;
mod types;
mod unions;

use std::collections::BTreeMap;

use openapiv3::{OpenAPI, ReferenceOr};

use crate::error::{Errors, Result, join};
use crate::ir::*;
use crate::load::{Invalid, Spec};
use crate::names::type_ident;

/// Lowers the merged spec into the IR; errors name the file and the JSON pointer. Every error
/// found is reported: each component schema and each operation is lowered on its own, and one
/// that fails does not stop the others.
pub fn lower(spec: &Spec) -> Result<Api, Errors> {
    let mut api = lower_parts(&spec.doc, Some(&spec.raw)).map_err(|errors| spec.locate_errors(errors))?;
    let notes = std::mem::take(&mut api.notes).into_iter().collect::<Errors>();
    api.notes = spec.notes.iter().cloned().chain(spec.locate_errors(notes)).collect();
    Ok(api)
}

/// Lowers what `load` gave. A spec that did not load gives its errors; when only some of its
/// operations and components were not valid OpenAPI, the errors of lowering the rest are added
/// (except those about a reference to a removed component), so that one run reports every error.
/// The spec is given back with its lowering.
pub fn lower_loaded(loaded: Result<Spec, Invalid>) -> Result<(Spec, Api), Errors> {
    match loaded {
        Ok(spec) => lower(&spec).map(|api| (spec, api)),
        Err(Invalid { errors, rest: None }) => Err(errors),
        Err(Invalid { mut errors, rest: Some(rest) }) => {
            let (rest, removed_refs) = *rest;
            if let Err(more) = lower(&rest) {
                for error in more {
                    if !removed_refs.iter().any(|r| error.message.contains(r.as_str())) {
                        errors.push(error);
                    }
                }
            }
            Err(errors)
        }
    }
}

/// Lowers a document; errors carry the JSON pointer but no file.
pub fn lower_doc(doc: &OpenAPI) -> Result<Api, Errors> {
    lower_parts(doc, None)
}

/// Lowers a document, with the raw JSON it came from when there is one: openapiv3 drops the
/// keywords beside a `$ref` (`nullable: true`), which are read there.
fn lower_parts(doc: &OpenAPI, raw: Option<&serde_json::Value>) -> Result<Api, Errors> {
    let mut lowerer = Lowerer { doc, raw, types: BTreeMap::new(), errors: Errors::new(), notes: Vec::new() };
    if let Some(components) = &doc.components {
        for (name, schema) in &components.schemas {
            let pointer = join("/components/schemas", name);
            let rust_name = type_ident(name);
            let result = match schema {
                // A component that is only a `$ref`: an alias of the target.
                ReferenceOr::Reference { reference } => {
                    lowerer.resolve_schema(reference, &pointer).and_then(|(target, _)| {
                        let def = TypeDef {
                            name: rust_name.clone(),
                            module: String::new(),
                            docs: Docs::default(),
                            kind: TypeKind::Alias(TypeRef::Named(target)),
                            features: Vec::new(),
                        };
                        lowerer.register(def, &pointer)
                    })
                }
                ReferenceOr::Item(schema) => lowerer.lower_named(&rust_name, schema, &pointer),
            };
            match result {
                Err(e) => lowerer.errors.push(e),
                Ok(()) if rust_name != *name => {
                    // The docs say which spec name a renamed type comes from.
                    if let Some((def, _)) = lowerer.types.get_mut(&rust_name) {
                        let note = format!("Named `{name}` in the spec.");
                        def.docs.description = Some(match def.docs.description.take() {
                            Some(text) => format!("{}\n\n{note}", text.trim_end()),
                            None => note,
                        });
                    }
                }
                Ok(()) => {}
            }
        }
    }
    let groups = lowerer.lower_operations();
    let Lowerer { types, mut errors, notes, .. } = lowerer;
    let (mut types, pointers): (Vec<TypeDef>, Vec<String>) = types.into_values().unzip();
    for error in recursion::box_recursive_fields(&mut types, &pointers) {
        errors.push(error);
    }
    types::assign_modules(&mut types);
    features::assign_features(&mut types, &groups);
    errors.into_result(Api { types, groups, notes })
}

struct Lowerer<'a> {
    doc: &'a OpenAPI,
    /// The document as JSON, for what openapiv3 does not keep (keywords beside a `$ref`).
    raw: Option<&'a serde_json::Value>,
    /// Every named type so far, with the pointer of the schema it came from (for collisions).
    types: BTreeMap<String, (TypeDef, String)>,
    /// Every error found so far.
    errors: Errors,
    /// What was read but not used, or used in a restricted way (`--verbose` lists them).
    notes: Vec<crate::error::Error>,
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn lower_yaml(schemas: &str) -> Result<Api> {
        lower_yaml_all(schemas).map_err(|errors| errors.first().cloned().expect("an error"))
    }

    pub(super) fn lower_yaml_all(schemas: &str) -> Result<Api, Errors> {
        let text = format!(
            "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n{schemas}"
        );
        let spec = crate::load::load_sources(&[("t.yaml".into(), text)])?;
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
    fn nullable_beside_a_ref_is_kept() {
        let api = lower_yaml(concat!(
            "    A:\n      type: object\n      properties:\n",
            "        rel: {$ref: '#/components/schemas/N', nullable: true}\n",
            "        plain: {$ref: '#/components/schemas/N'}\n",
            "    N: {type: object, properties: {id: {type: string}}}\n",
        ))
        .unwrap();
        let TypeKind::Struct(a) = kind(&api, "A") else { panic!("A is a struct") };
        assert!(a.fields[0].nullable);
        assert!(!a.fields[1].nullable);
    }

    #[test]
    fn the_generated_field_names_are_reserved() {
        for name in ["additional_properties", "extra", "Extra"] {
            let errors =
                lower_yaml_all(&format!("    A: {{type: object, properties: {{{name}: {{type: string}}}}}}\n"))
                    .unwrap_err();
            let error = errors.first().unwrap();
            assert_eq!(error.pointer, format!("/components/schemas/A/properties/{name}"));
            assert!(error.message.contains("is reserved"), "{error}");
        }
    }

    #[test]
    fn every_component_error_is_reported() {
        let errors = lower_yaml_all(concat!(
            "    A: {type: object, properties: {b: {$ref: '#/components/schemas/Missing'}}}\n",
            "    B: {type: strin}\n",
            "    C: {type: object, properties: {ok: {type: string}}}\n",
        ))
        .unwrap_err();
        let pointers: Vec<&str> = errors.sorted().iter().map(|e| e.pointer.as_str()).collect();
        assert_eq!(pointers, ["/components/schemas/A/properties/b", "/components/schemas/B/type"]);
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

    #[test]
    fn integer_enums_are_enums() {
        let api = lower_yaml(concat!(
            "    Status: {type: integer, format: int32, enum: [0, 3], x-enum-varnames: [OK, UNKNOWN], default: 3}\n",
            "    Tab: {type: integer, enum: [-1, 0, 1]}\n",
            "    Loose: {type: integer, enum: [2, 4], minLength: 1}\n",
            "    Same: {type: integer, enum: [1, 2], x-enum-varnames: [NAME, _NAME]}\n",
            "    A: {type: object, properties: {inline: {type: integer, enum: [7]}}}\n",
        ))
        .unwrap();
        let summary = |name: &str| {
            let TypeKind::Enum(e) = kind(&api, name) else { panic!("{name} is an enum") };
            let values: Vec<String> = e.values.iter().map(|v| format!("{}={}", v.rust_name, v.wire)).collect();
            (values.join(" "), e.default, e.repr)
        };
        assert_eq!(summary("Status"), ("Ok=0 Unknown=3".to_owned(), Some(1), EnumRepr::Int32));
        assert_eq!(summary("Tab"), ("ValueMinus1=-1 Value0=0 Value1=1".to_owned(), None, EnumRepr::Int64));
        // openapiv3 leaves it untyped (a string keyword on an integer): still an enum, with a note.
        assert_eq!(summary("Loose"), ("Value2=2 Value4=4".to_owned(), None, EnumRepr::Int64));
        assert!(api.notes.iter().any(|n| n.pointer == "/components/schemas/Loose"));
        // Colliding varnames follow the string enums' rule: a numeric suffix.
        assert_eq!(summary("Same"), ("Name=1 Name2=2".to_owned(), None, EnumRepr::Int64));
        let TypeKind::Struct(a) = kind(&api, "A") else { panic!("A is a struct") };
        assert_eq!(a.fields[0].ty, TypeRef::Named("AInline".into()));
        assert_eq!(summary("AInline").0, "Value7=7");
    }

    #[test]
    fn number_and_boolean_enums_are_their_plain_type_with_a_note() {
        let api = lower_yaml(concat!(
            "    Ratio: {type: number, enum: [0.5, 1.5]}\n",
            "    Flag: {type: object, properties: {on: {type: boolean, enum: [true]}}}\n",
        ))
        .unwrap();
        assert_eq!(kind(&api, "Ratio"), &TypeKind::Alias(TypeRef::Double));
        let TypeKind::Struct(flag) = kind(&api, "Flag") else { panic!("Flag is a struct") };
        assert_eq!(flag.fields[0].ty, TypeRef::Bool);
        let noted: Vec<&str> = api.notes.iter().map(|n| n.pointer.as_str()).collect();
        assert!(noted.contains(&"/components/schemas/Ratio/enum"), "{noted:?}");
        assert!(noted.contains(&"/components/schemas/Flag/properties/on/enum"), "{noted:?}");
    }

    #[test]
    fn additional_properties_beside_properties_are_typed() {
        let api = lower_yaml(concat!(
            "    Scalar: {type: object, properties: {id: {type: string}}, additionalProperties: {type: integer, description: counts}}\n",
            "    Model: {type: object, properties: {id: {type: string}}, additionalProperties: {$ref: '#/components/schemas/Scalar'}}\n",
            "    List: {type: object, properties: {id: {type: string}}, additionalProperties: {type: array, items: {type: string}}}\n",
            "    Inline: {type: object, properties: {id: {type: string}}, additionalProperties: {type: object, properties: {x: {type: string}}}}\n",
            "    Typeless: {minLength: 1, properties: {id: {type: string}}, additionalProperties: {type: boolean}}\n",
            "    Open: {type: object, properties: {id: {type: string}}, additionalProperties: true}\n",
            "    Empty: {type: object, properties: {id: {type: string}}, additionalProperties: {description: any}}\n",
            "    Closed: {type: object, properties: {id: {type: string}}, additionalProperties: false}\n",
            "    Plain: {type: object, properties: {id: {type: string}}}\n",
        ))
        .unwrap();
        let additional = |name: &str| {
            let TypeKind::Struct(s) = kind(&api, name) else { panic!("{name} is a struct") };
            s.additional.as_ref().map(|a| a.ty.clone())
        };
        assert_eq!(additional("Scalar"), Some(TypeRef::Int64));
        let TypeKind::Struct(scalar) = kind(&api, "Scalar") else { panic!("Scalar is a struct") };
        assert_eq!(scalar.additional.as_ref().unwrap().docs.description.as_deref(), Some("counts"));
        assert_eq!(additional("Model"), Some(TypeRef::Named("Scalar".into())));
        assert_eq!(additional("List"), Some(TypeRef::Array(Box::new(TypeRef::String))));
        assert_eq!(additional("Inline"), Some(TypeRef::Named("InlineAdditionalProperties".into())));
        assert!(matches!(kind(&api, "InlineAdditionalProperties"), TypeKind::Struct(s) if s.fields.len() == 1));
        assert_eq!(additional("Typeless"), Some(TypeRef::Bool));
        for raw in ["Open", "Empty", "Closed", "Plain"] {
            assert_eq!(additional(raw), None, "{raw} keeps the members as raw JSON");
        }
        // Nothing is noted about them any more (only Typeless's foreign `minLength`).
        let pointers: Vec<&str> = api.notes.iter().map(|n| n.pointer.as_str()).collect();
        assert_eq!(pointers, ["/components/schemas/Typeless"]);
    }
}
