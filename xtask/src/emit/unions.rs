//! `oneOf` unions: tagged by `type` or untagged, each with an `Unknown` variant.

use proc_macro2::TokenStream;
use quote::quote;

use super::doc_text::docs;
use super::tokens::{ident, type_tokens};
use crate::ir::*;

pub(super) fn emit_union(def: &TypeDef, u: &Union) -> TokenStream {
    let name = ident(&def.name);
    let type_docs = docs(&def.docs);
    match u {
        Union::Tagged(variants) => {
            let decls = variants.iter().map(|v| {
                let variant = ident(&v.rust_name);
                let ty = ident(&v.type_name);
                let doc = format!(" An object whose `type` is `{}`.", v.tag);
                quote! { #[doc = #doc] #variant(Box<crate::models::#ty>), }
            });
            // One arm per `type` value; variants sharing one are tried in spec order.
            let mut by_tag: Vec<(&str, Vec<&TaggedVariant>)> = Vec::new();
            for v in variants {
                match by_tag.iter_mut().find(|(tag, _)| *tag == v.tag) {
                    Some((_, list)) => list.push(v),
                    None => by_tag.push((&v.tag, vec![v])),
                }
            }
            let arms = by_tag.iter().map(|(tag, list)| {
                let tries = list.iter().enumerate().map(|(i, v)| {
                    let variant = ident(&v.rust_name);
                    let decode = quote! { crate::codec::from_raw(raw).map(|v| Self::#variant(Box::new(v))) };
                    if i == 0 {
                        decode
                    } else {
                        quote! { .or_else(|_| #decode) }
                    }
                });
                quote! { Some(#tag) => #(#tries)*, }
            });
            let ser = variants.iter().map(|v| {
                let variant = ident(&v.rust_name);
                quote! { Self::#variant(value) => serde::Serialize::serialize(value, serializer), }
            });
            quote! {
                #type_docs
                ///
                /// Decoded by its `type` field; an object of a `type` this spec does not know is kept as
                /// [`Self::Unknown`].
                #[derive(Clone, Debug, PartialEq)]
                #[non_exhaustive]
                pub enum #name {
                    #(#decls)*
                    /// An object whose `type` this version of the spec does not know, kept as it was sent.
                    Unknown(crate::RawJson),
                }

                impl serde::Serialize for #name {
                    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                        match self {
                            #(#ser)*
                            Self::Unknown(value) => serde::Serialize::serialize(value, serializer),
                        }
                    }
                }

                impl<'de> serde::Deserialize<'de> for #name {
                    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                        crate::codec::deserialize_tagged(deserializer, |tag, raw| match tag {
                            #(#arms)*
                            _ => Ok(Self::Unknown(crate::RawJson::from_raw(raw))),
                        })
                    }
                }
            }
        }
        Union::Untagged(variants) => {
            let decls = variants.iter().map(|v| {
                let variant = ident(&v.rust_name);
                let ty = type_tokens(&v.ty);
                // Named types are boxed (they may be large or contain this union); the others
                // already are small or hold their data on the heap.
                if matches!(v.ty, TypeRef::Named(_)) {
                    quote! { #variant(Box<#ty>), }
                } else {
                    quote! { #variant(#ty), }
                }
            });
            quote! {
                use serde::{Deserialize, Serialize};

                #type_docs
                ///
                /// Decoded by trying each variant in turn; a value that matches none is kept as [`Self::Unknown`].
                #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
                #[serde(untagged)]
                #[non_exhaustive]
                pub enum #name {
                    #(#decls)*
                    /// A value that matches no variant, kept as it was sent.
                    Unknown(serde_json::Value),
                }
            }
        }
    }
}
