//! The `_with_pagination` method of a paginated operation: a stream over every page's items.

use proc_macro2::TokenStream;
use quote::quote;

use super::params::method_args;
use super::tokens::{ident, optional_params_name, type_tokens};
use crate::ir::*;
use crate::names::snake_with;

pub(super) fn emit_pagination(op: &Operation, p: &Pagination) -> TokenStream {
    let name = ident(&snake_with(&op.rust_name, "with_pagination"));
    let method = ident(&op.rust_name);
    let params_ty = optional_params_name(op);
    // Every argument but `params` is copied into each page's request.
    let all_args = method_args(op);
    let fixed = &all_args[..all_args.len() - 1];
    let fixed_args = fixed.iter().map(|a| {
        let (n, t) = (&a.name, &a.ty);
        quote! { #n: #t }
    });
    let owned = fixed.iter().map(|a| {
        let n = &a.name;
        if a.borrowed_str {
            quote! { let #n = #n.to_owned(); }
        } else {
            quote! {}
        }
    });
    let cloned = fixed.iter().map(|a| {
        let n = &a.name;
        quote! { let #n = #n.clone(); }
    });
    let passed = fixed.iter().map(|a| {
        let n = &a.name;
        if a.borrowed_str {
            quote! { &#n }
        } else {
            quote! { #n }
        }
    });
    let item_ty = type_tokens(&p.item_type);
    let size = ident(&p.size_param);
    let default_size = proc_macro2::Literal::i64_unsuffixed(p.default_size);
    let (start, position_param) = match &p.position {
        PagePosition::Number { param, first_page } => {
            let first_page = proc_macro2::Literal::i64_unsuffixed(*first_page);
            (quote! { crate::pagination::PageStart::Number(#first_page) }, ident(param))
        }
        PagePosition::Offset { param } => (quote! { crate::pagination::PageStart::Offset }, ident(param)),
    };
    let size_ty = op.params.iter().find(|q| q.rust_name == p.size_param).map(|q| &q.ty);
    let position_ty = op.params.iter().find(|q| position_param == q.rust_name).map(|q| &q.ty);
    let narrow = |ty: Option<&TypeRef>, value: TokenStream| match ty {
        Some(TypeRef::Int32) => quote! { #value as i32 },
        _ => value,
    };
    let size_value = narrow(size_ty, quote! { page_size });
    let position_value = narrow(position_ty, quote! { position });
    let widen_size = match size_ty {
        Some(TypeRef::Int32) => quote! { .map_or(#default_size, i64::from) },
        _ => quote! { .unwrap_or(#default_size) },
    };
    let clamp = p.max_size.map(|max| {
        let max = proc_macro2::Literal::i64_unsuffixed(max);
        quote! { .min(#max) }
    });
    let items_field = ident(&p.items_field);
    let items = if p.items_required {
        quote! { page.#items_field }
    } else {
        quote! { page.#items_field.unwrap_or_default() }
    };
    let doc = format!(
        " Like [`Self::{}`], as a stream of items across all pages, from the first page on; the page size is `params`'s or {default_size}{}.",
        op.rust_name,
        p.max_size.map(|max| format!(", at most {max}")).unwrap_or_default()
    );
    let deprecated = op.docs.deprecated.then(|| quote! { #[deprecated] });
    let op_name = &op.rust_name;
    quote! {
        #[doc = #doc]
        #deprecated
        pub fn #name(&self, #(#fixed_args,)* params: #params_ty) -> impl futures_core::Stream<Item = Result<#item_ty, Error>> + '_ {
            let page_size = params.#size #widen_size #clamp;
            #(#owned)*
            crate::pagination::paginate(&self.client, #op_name, #start, page_size, move |position| {
                let params = params.clone().#size(#size_value).#position_param(#position_value);
                #(#cloned)*
                async move { self.#method(#(#passed,)* params).await.map(|page| #items) }
            })
        }
    }
}
