//! An operation's optional-parameters struct and how each parameter is put on the request
//! (path, query in its array style, header).

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::doc_text::docs;
use super::into;
use super::tokens::{ident, optional_params_name, type_tokens};
use crate::ir::*;

pub(super) fn emit_optional_params(op: &Operation) -> TokenStream {
    let optional: Vec<&Param> = op.params.iter().filter(|p| !p.required).collect();
    let name = optional_params_name(op);
    let doc = if optional.is_empty() {
        format!(" Optional parameters of `{}`: none yet; pass `Default::default()`.", op.rust_name)
    } else {
        format!(" Optional parameters of `{}`; unset ones are not sent.", op.rust_name)
    };
    let fields = optional.iter().map(|p| {
        let rust = ident(&p.rust_name);
        let ty = type_tokens(&p.ty);
        let docs = docs(&p.docs);
        let wire = format!(" Sent as `{}`.", p.wire_name);
        quote! { #docs #[doc = ""] #[doc = #wire] pub #rust: Option<#ty>, }
    });
    let setters = optional.iter().map(|p| {
        let rust = ident(&p.rust_name);
        let (ty, value) = into::param(&p.ty, &quote! { value });
        let doc = format!(" Sets `{}`.", p.wire_name);
        quote! { #[doc = #doc] pub fn #rust(mut self, value: #ty) -> Self { self.#rust = Some(#value); self } }
    });
    let setters_impl = (!optional.is_empty()).then(|| quote! { impl #name { #(#setters)* } });
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug, Default, PartialEq)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }

        #setters_impl
    }
}

/// How one parameter is added to the request.
pub(super) fn emit_param_use(param: &Param) -> TokenStream {
    let wire = &param.wire_name;
    let rust = ident(&param.rust_name);
    let add = |value: TokenStream| match (&param.ty, param.array_style) {
        (TypeRef::Array(_), _) if param.location == ParamLocation::Header => {
            quote! { request = request.header_csv(#wire, #value); }
        }
        _ if param.location == ParamLocation::Header => quote! { request = request.header(#wire, #value); },
        (TypeRef::Array(_), ArrayStyle::CommaSeparated) => quote! { request = request.query_csv(#wire, #value); },
        (TypeRef::Array(_), ArrayStyle::Repeated) => quote! { request = request.query_each(#wire, #value); },
        _ => quote! { request = request.query(#wire, #value); },
    };
    if param.required {
        add(quote! { &#rust })
    } else {
        let body = add(quote! { value });
        quote! { if let Some(value) = &params.#rust { #body } }
    }
}

/// One argument of an operation method.
pub(crate) struct Arg {
    pub(crate) name: Ident,
    pub(crate) ty: TokenStream,
    /// A string taken as `&str`: cloned as an owned `String` where it must outlive the call.
    pub(super) borrowed_str: bool,
}

/// The method's arguments, in order: required parameters, the body, then the optional parameters.
pub(crate) fn method_args(op: &Operation) -> Vec<Arg> {
    let mut args = Vec::new();
    for param in op.params.iter().filter(|p| p.required) {
        let borrowed_str = param.ty == TypeRef::String;
        let ty = if borrowed_str {
            quote! { &str }
        } else {
            type_tokens(&param.ty)
        };
        args.push(Arg { name: ident(&param.rust_name), ty, borrowed_str });
    }
    if let Some(body) = &op.body {
        let ty = if body.raw_media.is_some() {
            quote! { crate::request::RawBody }
        } else {
            type_tokens(&body.ty)
        };
        let ty = if body.required {
            ty
        } else {
            quote! { Option<#ty> }
        };
        args.push(Arg { name: ident("body"), ty, borrowed_str: false });
    }
    // Always last, even when empty, so that an optional parameter added to the spec later is a
    // new field of this struct, not a new argument that would break callers.
    let params = optional_params_name(op);
    args.push(Arg { name: ident("params"), ty: quote! { #params }, borrowed_str: false });
    args
}
