//! A model file: a struct (fields by optionality, constructor of the required fields, setters,
//! and the `object_serde!` table), or an alias; enums and unions come from their own modules.

use proc_macro2::TokenStream;
use quote::quote;

use super::doc_text::docs;
use super::enums::{emit_enum, enum_fallback, enum_table};
use super::into;
use super::tokens::{format_file, ident, type_tokens};
use super::unions::emit_union;
use crate::ir::*;

/// A model file: the type's items, formatted, then the table of the `macro_rules!` that
/// implements its serde traits (see `generated-client/src/macros.rs`).
pub(super) fn emit_model(def: &TypeDef) -> String {
    let (items, table) = match &def.kind {
        TypeKind::Struct(s) => (emit_struct(def, s), Some(struct_serde_table(&def.name, s))),
        TypeKind::Enum(e) => (emit_enum(def, e), Some(enum_table(&def.name, e, &enum_fallback(e)))),
        TypeKind::Union(u) => (emit_union(def, u), None),
        TypeKind::Alias(ty) => {
            let docs = docs(&def.docs);
            let name = ident(&def.name);
            let ty = type_tokens(ty);
            (quote! { #docs pub type #name = #ty; }, None)
        }
    };
    let mut file = format_file(items);
    if let Some(table) = table {
        file.push('\n');
        file.push_str(&table);
    }
    file
}

/// How a field is stored: the three shapes of optionality.
pub(super) enum FieldShape {
    /// Required and not nullable: `T`.
    Plain,
    /// Optional, or required and nullable (`null` written when `None`): `Option<T>`.
    Option,
    /// Optional and nullable: absent, `null` and a value are distinct: `Nullable<T>`.
    Nullable,
}

pub(super) fn field_shape(field: &Field) -> FieldShape {
    match (field.required, field.nullable) {
        (true, false) => FieldShape::Plain,
        (true, true) | (false, false) => FieldShape::Option,
        (false, true) => FieldShape::Nullable,
    }
}

pub(super) fn emit_struct(def: &TypeDef, s: &Struct) -> TokenStream {
    let name = ident(&def.name);
    let type_docs = docs(&def.docs);
    let no_required = s.fields.iter().all(|f| !f.required);

    let fields = s.fields.iter().map(|field| {
        let rust = ident(&field.rust_name);
        let mut field_docs = docs(&field.docs);
        if field.read_only {
            field_docs.extend(quote! { #[doc = ""] #[doc = " Read-only: set by the server."] });
        }
        let ty = stored_type(field);
        quote! { #field_docs pub #rust: #ty, }
    });

    let required: Vec<&Field> = s.fields.iter().filter(|f| f.required).collect();
    let args = constructor_args(s);
    let inits = s.fields.iter().map(|f| {
        let rust = ident(&f.rust_name);
        match (f.required, field_shape(f)) {
            (true, FieldShape::Plain) => {
                let value = into::param(&f.ty, &quote! { #rust }).1;
                if rust == value.to_string() {
                    quote! { #rust }
                } else {
                    quote! { #rust: #value }
                }
            }
            (true, _) => quote! { #rust },
            (false, FieldShape::Nullable) => quote! { #rust: crate::Nullable::Absent },
            (false, _) => quote! { #rust: None },
        }
    });
    let setters = s.fields.iter().filter(|f| !f.required).map(|f| {
        let rust = ident(&f.rust_name);
        let ty = type_tokens(&f.ty);
        let doc = format!(" Sets `{}`.", f.json_name);
        match field_shape(f) {
            FieldShape::Nullable => {
                let doc2 = " Takes the value (a `&str` for a string), `Some(value)`, or `None`, which sends an explicit `null` (for example to clear the value).";
                quote! {
                    #[doc = #doc] #[doc = ""] #[doc = #doc2]
                    pub fn #rust(mut self, value: impl Into<crate::Nullable<#ty>>) -> Self { self.#rust = value.into(); self }
                }
            }
            _ => {
                let (ty, value) = into::param(&f.ty, &quote! { value });
                quote! { #[doc = #doc] pub fn #rust(mut self, value: #ty) -> Self { self.#rust = Some(#value); self } }
            }
        }
    });
    let many_args = (required.len() > 7).then(|| quote! { #[allow(clippy::too_many_arguments)] });
    let derive_default = no_required.then(|| quote! { Default, });
    let new_doc = if required.is_empty() {
        " A value with every field unset.".to_owned()
    } else {
        " A value with its required fields; the optional ones are set with the chained setters.".to_owned()
    };
    let deprecated_allow = s.fields.iter().any(|f| f.docs.deprecated).then(|| quote! { #[allow(deprecated)] });
    // The members beside the fields: typed (`additionalProperties` schema, a field of their
    // own), or raw JSON (in `extra`, with the explicit nulls).
    let (additional_field, additional_init, additional_setter) = match &s.additional {
        Some(additional) => {
            let map = type_tokens(&TypeRef::Map(Box::new(additional.ty.clone())));
            let spec_docs = docs(&additional.docs);
            let blank = additional.docs.description.is_some().then(|| quote! { #[doc = ""] });
            (
                quote! {
                    #spec_docs
                    #blank
                    /// The members beside the fields (the spec's `additionalProperties`), each decoded as its
                    /// type; written back after the fields, in key order.
                    pub additional_properties: #map,
                },
                quote! { additional_properties: ::core::default::Default::default(), },
                quote! {
                    /// Replaces the members beside the fields (the spec's `additionalProperties`).
                    pub fn additional_properties(mut self, value: impl Into<#map>) -> Self {
                        self.additional_properties = value.into();
                        self
                    }
                },
            )
        }
        None => (
            quote! {},
            quote! {},
            quote! {
                /// Replaces the fields the spec does not know (an `AdditionalProperties` or a
                /// `BTreeMap<String, RawJson>`), kept in `extra`.
                pub fn additional_properties(mut self, value: impl Into<crate::AdditionalProperties>) -> Self {
                    self.extra.set_additional_properties(value.into());
                    self
                }
            },
        ),
    };
    let extra_doc: &[&str] = if s.additional.is_some() {
        &[" The optional fields that arrived as `null` (written back as `null` while `None`)."]
    } else {
        &[
            " Fields the spec does not know, kept as sent, and the optional fields that arrived as",
            " `null` (written back as `null` while `None`): re-encoding loses nothing. Allocated only",
            " when there is either.",
        ]
    };
    quote! {
        #type_docs
        #[derive(Clone, Debug, #derive_default PartialEq)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            #additional_field
            #(#[doc = #extra_doc])*
            pub extra: crate::Extra,
        }

        #deprecated_allow
        impl #name {
            #[doc = #new_doc]
            #many_args
            pub fn new(#(#args),*) -> Self {
                Self { #(#inits,)* #additional_init extra: crate::Extra::new() }
            }
            #(#setters)*
            #additional_setter
        }
    }
}

/// The arguments of a struct's `new`: its required fields, in order (`name: impl Into<String>`).
pub(crate) fn constructor_args(s: &Struct) -> Vec<TokenStream> {
    s.fields
        .iter()
        .filter(|f| f.required)
        .map(|f| {
            let rust = ident(&f.rust_name);
            let ty = match field_shape(f) {
                FieldShape::Plain => into::param(&f.ty, &quote! { #rust }).0,
                _ => stored_type(f),
            };
            quote! { #rust: #ty }
        })
        .collect()
}

/// The type a field is stored as, by its shape.
pub(crate) fn stored_type(field: &Field) -> TokenStream {
    let ty = type_tokens(&field.ty);
    match field_shape(field) {
        FieldShape::Plain => ty,
        FieldShape::Option => quote! { Option<#ty> },
        FieldShape::Nullable => quote! { crate::Nullable<#ty> },
    }
}

/// The `object_serde!` table of a struct: one `"json" => field: shape` line per field. Written as
/// text after the formatted items, so it is laid out one field per line (prettyplease would run a
/// macro's tokens together) and costs no parsing.
pub(super) fn struct_serde_table(name: &str, s: &Struct) -> String {
    let mut out = format!("crate::macros::object_serde!({name} {{\n");
    for f in &s.fields {
        let shape = match (f.required, field_shape(f)) {
            (true, FieldShape::Option) => "required_nullable",
            (_, FieldShape::Plain) => "required",
            (_, FieldShape::Option) => "optional",
            (_, FieldShape::Nullable) => "nullable",
        };
        out.push_str(&format!("    {:?} => {}: {shape},\n", f.json_name, f.rust_name));
    }
    if s.additional.is_some() {
        // The other members are decoded as the type of the `additional_properties` map.
        out.push_str("    _ => additional_properties: typed,\n");
    }
    out.push_str("});\n");
    out
}
