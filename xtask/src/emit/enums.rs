//! String and integer enums: the enum with its `Unknown` fallback, and the `string_enum!` /
//! `int_enum!` table its conversions and serde impls expand from.

use proc_macro2::TokenStream;
use quote::quote;

use super::doc_text::docs;
use super::tokens::ident;
use crate::ir::*;

/// The `string_enum!` table of a string enum (one `Variant = "wire"` line per value), or the
/// `int_enum!` table of an integer enum (`Name: i64 {`, one `Variant = 1` line per value), then
/// the fallback.
pub(super) fn enum_table(name: &str, e: &Enum, fallback: &str) -> String {
    let mut out = match e.repr {
        EnumRepr::String => format!("crate::macros::string_enum!({name} {{\n"),
        repr => format!("crate::macros::int_enum!({name}: {} {{\n", repr.rust_type()),
    };
    for v in &e.values {
        match e.repr {
            EnumRepr::String => out.push_str(&format!("    {} = {:?},\n", v.rust_name, v.wire)),
            EnumRepr::Int32 | EnumRepr::Int64 => out.push_str(&format!("    {} = {},\n", v.rust_name, v.wire)),
        }
    }
    out.push_str(&format!("    _ => {fallback},\n}});\n"));
    out
}

/// The catch-all variant of an enum: `Unknown`, unless the spec lists a value of that name;
/// then `UnknownValue`, `UnknownValue2`, ... (the first one free).
pub(super) fn enum_fallback(e: &Enum) -> String {
    let taken = |name: &str| e.values.iter().any(|v| v.rust_name == name);
    if !taken("Unknown") {
        return "Unknown".to_owned();
    }
    let mut name = "UnknownValue".to_owned();
    let mut n = 2;
    while taken(&name) {
        name = format!("UnknownValue{n}");
        n += 1;
    }
    name
}

/// The enum itself; its conversions come from its `string_enum!` table.
pub(super) fn emit_enum(def: &TypeDef, e: &Enum) -> TokenStream {
    let name = ident(&def.name);
    let type_docs = docs(&def.docs);
    let fallback = ident(&enum_fallback(e));
    let variants = e.values.iter().enumerate().map(|(i, v)| {
        let variant = ident(&v.rust_name);
        let doc = format!(" `{}`", v.wire);
        let default = (e.default == Some(i)).then(|| quote! { #[default] });
        quote! { #[doc = #doc] #default #variant, }
    });
    let derive_default = e.default.is_some().then(|| quote! { Default, });
    let kept = ident(e.repr.rust_type());
    quote! {
        #type_docs
        #[derive(Clone, Debug, #derive_default PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value this version of the spec does not list, kept as it was sent.
            #fallback(#kept),
        }
    }
}
