//! How constructors and setters take their values: `impl Into<String>` for a string (so `&str`
//! works), `impl Into<T>` for a named model (so a string enum takes `&str` too, through its
//! `From<&str>`) and `impl Into<Vec<T>>` for an array (so an array literal works). Numbers, booleans
//! and the other types are taken as they are: `impl Into<i64>` would make a literal's type
//! ambiguous to a reader, and reads no better.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::type_tokens;
use crate::ir::TypeRef;

/// The parameter type of a value of type `ty`, and how the body turns the parameter `name` into
/// the stored `ty`.
pub fn param(ty: &TypeRef, name: &TokenStream) -> (TokenStream, TokenStream) {
    let stored = type_tokens(ty);
    match ty {
        TypeRef::String | TypeRef::Named(_) | TypeRef::Array(_) => {
            (quote! { impl Into<#stored> }, quote! { #name.into() })
        }
        _ => (stored, quote! { #name }),
    }
}
