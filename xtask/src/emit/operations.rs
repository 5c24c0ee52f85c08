//! An API group's file: the API struct, one async method per operation (and its
//! `_with_http_info` twin), and the enum of an operation whose success statuses have different
//! bodies. Optional parameters and pagination come from their own modules.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::doc_text::doc_lines;
use super::pagination::emit_pagination;
use super::params::{emit_optional_params, emit_param_use, method_args};
use super::tokens::{PathSegment, body_tokens, ident, path_segments, success_tokens};
use crate::ir::*;
use crate::names::snake_with;

pub(super) fn emit_group(group: &Group) -> TokenStream {
    let name = ident(&group.rust_name);
    let group_docs = doc_lines(group.docs.description.as_deref());
    let params_structs = group.operations.iter().map(emit_optional_params);
    let status_enums = group.operations.iter().filter_map(|op| match &op.success {
        Success::ByStatus(e) => Some(emit_status_enum(op, e)),
        Success::One(_) => None,
    });
    let methods = group.operations.iter().map(emit_operation);
    let any_deprecated = group.operations.iter().any(|op| op.docs.deprecated).then(|| quote! { #[allow(deprecated)] });
    quote! {
        use crate::{ApiResponse, Client, Error};
        use crate::request::Request;

        #group_docs
        #[derive(Clone, Debug)]
        pub struct #name {
            client: Client,
        }

        #any_deprecated
        impl #name {
            /// The operations of this group, sent through `client`.
            pub fn new(client: Client) -> Self {
                Self { client }
            }

            #(#methods)*
        }

        #(#params_structs)*

        #(#status_enums)*
    }
}

/// The enum of an operation whose success statuses have different bodies: one variant per status
/// (its body, or none), and `Unknown` for a 2xx the spec does not document; `read` makes it from
/// the answer by its status.
pub(super) fn emit_status_enum(op: &Operation, e: &StatusEnum) -> TokenStream {
    let name = ident(&e.rust_name);
    let doc = format!(
        " What `{}` answers on success: one variant per documented status, with its body, and `Unknown` for a 2xx status the spec does not document.",
        op.rust_name
    );
    let variants = e.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let mut text = format!("`{}`", v.status);
        if let Some(description) = &v.docs.description {
            text.push_str(": ");
            text.push_str(description.trim());
        }
        if let ResponseBody::Raw { media } = &v.body {
            let media = media.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(" or ");
            text.push_str(&format!("\n\nA body of {media}: its bytes and content type."));
        }
        let docs = doc_lines(Some(&text));
        match &v.body {
            ResponseBody::Empty => quote! { #docs #variant, },
            body => {
                let ty = body_tokens(body);
                quote! { #docs #variant(#ty), }
            }
        }
    });
    let reads = e.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let status = proc_macro2::Literal::u16_unsuffixed(v.status);
        match &v.body {
            ResponseBody::Empty => quote! { #status => Ok(Self::#variant), },
            ResponseBody::Json(_) => quote! { #status => answer.json().map(Self::#variant), },
            ResponseBody::Raw { .. } => quote! { #status => Ok(Self::#variant(answer.raw())), },
        }
    });
    let statuses = e.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let status = proc_macro2::Literal::u16_unsuffixed(v.status);
        match &v.body {
            ResponseBody::Empty => quote! { Self::#variant => #status, },
            _ => quote! { Self::#variant(_) => #status, },
        }
    });
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#variants)*
            /// A success status the spec does not document, with its body as it came.
            Unknown { status: u16, body: crate::RawResponse },
        }

        impl #name {
            /// The HTTP status of this answer.
            pub fn status(&self) -> u16 {
                match self {
                    #(#statuses)*
                    Self::Unknown { status, .. } => *status,
                }
            }

            /// Reads a 2xx answer by its status.
            fn read(answer: crate::response::Answer<'_>) -> Result<Self, Error> {
                match answer.status() {
                    #(#reads)*
                    status => Ok(Self::Unknown { status, body: answer.raw() }),
                }
            }
        }
    }
}

pub(super) fn emit_operation(op: &Operation) -> TokenStream {
    let method_name = ident(&op.rust_name);
    let http_info_name = ident(&snake_with(&op.rust_name, "with_http_info"));
    let method_args = method_args(op);
    let args: Vec<TokenStream> = method_args
        .iter()
        .map(|a| {
            let (n, t) = (&a.name, &a.ty);
            quote! { #n: #t }
        })
        .collect();
    let arg_names: Vec<&Ident> = method_args.iter().map(|a| &a.name).collect();
    let success_ty = success_tokens(&op.success, None);

    // Documentation: summary, description, then what the method sends and may answer.
    let mut doc_text = String::new();
    if let Some(summary) = &op.summary {
        doc_text.push_str(summary.trim());
        doc_text.push_str("\n\n");
    }
    if let Some(description) = &op.docs.description {
        doc_text.push_str(description.trim());
        doc_text.push_str("\n\n");
    }
    let errors = op.error_statuses.iter().map(u16::to_string).collect::<Vec<_>>().join(", ");
    let or_list = |items: Vec<String>| match items.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    };
    match &op.success {
        Success::One(response) => {
            let statuses = std::iter::once(response.status).chain(response.more_statuses.iter().copied());
            let statuses: Vec<String> = statuses.map(|s| s.to_string()).collect();
            let statuses = statuses.join(" or ");
            doc_text.push_str(&format!("`{} {}`: answers {statuses} on success", op.method.as_str(), op.path));
            if let ResponseBody::Raw { media } = &response.body {
                let media = or_list(media.iter().map(|m| format!("`{m}`")).collect());
                doc_text.push_str(&format!(
                    " with a {media} body, returned as a `RawResponse` (its bytes and content type)"
                ));
            }
        }
        Success::ByStatus(e) => {
            let statuses = or_list(e.variants.iter().map(|v| format!("{} (`{}`)", v.status, v.rust_name)).collect());
            doc_text.push_str(&format!(
                "`{} {}`: answers {statuses} on success, each a variant of `{}`",
                op.method.as_str(),
                op.path,
                e.rust_name
            ));
        }
    }
    if let Some(media) = op.body.as_ref().and_then(|b| b.raw_media.as_ref()) {
        doc_text.push_str(&format!("; the request body is `{media}`, given as a `RawBody` with its content type"));
    }
    if !errors.is_empty() {
        doc_text.push_str(&format!("; documented errors: {errors}"));
    }
    doc_text.push('.');
    if op.unstable {
        doc_text.push_str(&format!(
            "\n\nThis operation is unstable: it fails with `Error::UnstableOperation` unless enabled with `Configuration::enable_unstable_operation(\"{}\")`.",
            op.rust_name
        ));
    }
    let method_docs = doc_lines(Some(&doc_text));
    let deprecated = op.docs.deprecated.then(|| quote! { #[deprecated] });
    // `self` and the arguments: clippy's limit is 7.
    let many_args = (method_args.len() + 1 > 7).then(|| quote! { #[allow(clippy::too_many_arguments)] });
    let info_doc = format!(" Like [`Self::{}`], and also returns the response's status and headers.", op.rust_name);

    // The path: literal pieces and percent-encoded parameters, concatenated (no macro, so that
    // the formatter can lay it out).
    let segments = path_segments(op);
    let pieces = segments.iter().map(|segment| match segment {
        PathSegment::Literal(literal) => quote! { #literal },
        PathSegment::Param(param) => {
            let rust = ident(&param.rust_name);
            let wire = &param.wire_name;
            if param.ty == TypeRef::String {
                quote! { &crate::request::path_segment(#wire, #rust)? }
            } else {
                quote! { &crate::request::path_segment(#wire, &#rust.to_string())? }
            }
        }
    });
    let path = match segments.as_slice() {
        [] => quote! { ::std::string::String::new() },
        [PathSegment::Literal(literal)] => quote! { #literal.to_owned() },
        _ => quote! { [#(#pieces),*].concat() },
    };

    let method = format_ident!("{}", op.method.as_str());
    let id = &op.rust_name;
    let unstable = op.unstable.then(|| quote! { self.client.check_unstable(#id)?; });
    let no_optional = op.params.iter().all(|p| p.required).then(|| quote! { let _ = params; });
    let param_uses = op.params.iter().filter(|p| p.location != ParamLocation::Path).map(emit_param_use);
    let body = op.body.as_ref().map(|b| match (b.required, b.raw_media.is_some()) {
        (true, false) => quote! { let request = request.json_body(&body)?; },
        (false, false) => {
            quote! { let request = match &body { Some(body) => request.json_body(body)?, None => request }; }
        }
        (true, true) => quote! { let request = request.raw_body(body); },
        (false, true) => quote! { let request = match body { Some(body) => request.raw_body(body), None => request }; },
    });
    let accept = op.success.accept().map(|media| quote! { let request = request.accept(#media); });
    let mut_request = op.params.iter().any(|p| p.location != ParamLocation::Path).then(|| quote! { mut });
    let errors = op.error_statuses.iter().map(|s| proc_macro2::Literal::u16_unsuffixed(*s));
    let send = match &op.success {
        Success::One(response) => match &response.body {
            ResponseBody::Empty => quote! { send_empty(request) },
            ResponseBody::Json(_) => quote! { send_json(request) },
            ResponseBody::Raw { .. } => quote! { send_raw(request) },
        },
        Success::ByStatus(e) => {
            let name = ident(&e.rust_name);
            quote! { send_by_status(request, #name::read) }
        }
    };

    let pagination = op.pagination.as_ref().map(|p| emit_pagination(op, p));

    quote! {
        #method_docs
        #deprecated
        #many_args
        pub async fn #method_name(&self, #(#args),*) -> Result<#success_ty, Error> {
            self.#http_info_name(#(#arg_names),*).await.map(ApiResponse::into_data)
        }

        #[doc = #info_doc]
        #deprecated
        #many_args
        pub async fn #http_info_name(&self, #(#args),*) -> Result<ApiResponse<#success_ty>, Error> {
            #unstable
            #no_optional
            let #mut_request request = Request::new(http::Method::#method, #id, #path, &[#(#errors),*]);
            #(#param_uses)*
            #body
            #accept
            self.client.#send.await
        }

        #pagination
    }
}
