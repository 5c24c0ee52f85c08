//! Emits `testing/operations.rs`, the generated half of the `testing` feature's typed test
//! doubles (the hand-written half is `generated-client/src/testing/mod.rs`): for each operation,
//! a marker type in `ops` that implements `testing::Operation` (and `PaginatedOperation` for the
//! paginated ones), and a `MockServer` method of the operation's name that takes its path
//! parameters and returns the operation's typed `Expectation`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::tokens::{PathSegment, format_file, optional_params_name, path_segments, success_tokens, type_tokens};
use crate::ir::{
    Api, ArrayStyle, Group, Operation, PagePosition, ParamLocation, Response, ResponseBody, StatusEnum, Success,
    TypeDef, TypeKind, TypeRef,
};

/// `testing/operations.rs`, by path relative to the crate's `src/`.
pub fn emit(api: &Api) -> (String, String) {
    ("testing/operations.rs".to_owned(), format_file(tokens(api)))
}

fn tokens(api: &Api) -> TokenStream {
    let markers = api.groups.iter().flat_map(|group| group.operations.iter().map(move |op| marker(api, group, op)));
    let methods = api.groups.iter().flat_map(|group| group.operations.iter().map(move |op| method(group, op)));
    quote! {
        //! The mock of each operation, generated from the spec: see the `testing` module.

        use super::{Expectation, MockServer};

        /// One marker type per operation, named like its optional parameters' struct
        /// (`GetTeam` for `get_team`): the type parameter of its [`Expectation`].
        pub mod ops {
            // A marker is named after its operation (`Request`, `String`, `Option` are possible
            // names), so the code here names every other type by its full path.
            #(#markers)*
        }

        impl MockServer {
            #(#methods)*
        }
    }
}

fn cfg(group: &Group) -> TokenStream {
    let feature = &group.feature;
    quote! { #[cfg(feature = #feature)] #[cfg_attr(docsrs, doc(cfg(feature = #feature)))] }
}

fn marker(api: &Api, group: &Group, op: &Operation) -> TokenStream {
    let cfg = cfg(group);
    let name = format_ident!("{}", op.type_prefix);
    let params = optional_params_name(op);
    let module = format_ident!("{}", group.module);
    let (op_name, method) = (&op.rust_name, op.method.as_str());
    let doc = format!(" `{}`: `{} {}`.", op.rust_name, method, op.path);
    let response = success_tokens(&op.success, Some(&group.module));
    // A body that is not JSON is matched as bytes with its content type, like the method takes it.
    let body = match &op.body {
        None => quote! { crate::testing::NoBody },
        Some(b) if b.raw_media.is_some() => quote! { crate::request::RawBody },
        Some(b) => type_tokens(&b.ty),
    };
    let optional: Vec<_> = op.params.iter().filter(|p| !p.required && p.location == ParamLocation::Query).collect();
    let uses = optional.iter().map(|p| {
        let (wire, rust) = (&p.wire_name, format_ident!("{}", p.rust_name));
        let add = match (&p.ty, p.array_style) {
            (TypeRef::Array(_), ArrayStyle::CommaSeparated) => quote! { request.query_csv(#wire, value) },
            (TypeRef::Array(_), ArrayStyle::Repeated) => quote! { request.query_each(#wire, value) },
            _ => quote! { request.query(#wire, value) },
        };
        quote! { if let ::core::option::Option::Some(value) = &params.#rust { request = #add; } }
    });
    let method_ident = format_ident!("{}", method);
    let query = if optional.is_empty() {
        quote! { let _ = params; ::std::vec::Vec::new() }
    } else {
        quote! {
            let mut request = crate::request::Request::new(::http::Method::#method_ident, #op_name, ::std::string::String::new(), &[]);
            #(#uses)*
            request.query
        }
    };
    let paginated = op.pagination.as_ref().map(|p| {
        let (position, first) = match &p.position {
            PagePosition::Number { param, first_page } => {
                let first_page_lit = proc_macro2::Literal::i64_unsuffixed(*first_page);
                (param, quote! { ::core::option::Option::Some(#first_page_lit) })
            }
            PagePosition::Offset { param } => (param, quote! { ::core::option::Option::None }),
        };
        let position = &op.params.iter().find(|q| &q.rust_name == position).expect("lower checked it").wire_name;
        let items = format_ident!("{}", p.items_field);
        let items_json = items_json_name(api, op, &p.items_field);
        let len = if p.items_required {
            quote! { page.#items.len() }
        } else {
            quote! { page.#items.as_ref().map_or(0, ::std::vec::Vec::len) }
        };
        quote! {
            #cfg
            impl crate::testing::PaginatedOperation for #name {
                const POSITION: &'static str = #position;
                const FIRST_PAGE: ::core::option::Option<i64> = #first;
                const ITEMS: &'static str = #items_json;
                fn len(page: &Self::Response) -> usize {
                    #len
                }
            }
        }
    });
    let by_status = match &op.success {
        Success::ByStatus(e) => Some(response_body_impl(group, e, &cfg)),
        Success::One(_) => None,
    };
    quote! {
        #cfg
        #[doc = #doc]
        #[derive(Debug)]
        pub enum #name {}

        #by_status

        #cfg
        #[allow(deprecated)]
        impl crate::testing::Operation for #name {
            const NAME: &'static str = #op_name;
            const METHOD: &'static str = #method;
            type Response = #response;
            type Body = #body;
            type Params = crate::apis::#module::#params;
            fn query(params: &Self::Params) -> ::std::vec::Vec<(&'static str, ::std::string::String)> {
                #query
            }
        }

        #paginated
    }
}

/// How a test double answers with an operation's enum of bodies by status: the variant's body.
fn response_body_impl(group: &Group, e: &StatusEnum, cfg: &TokenStream) -> TokenStream {
    let module = format_ident!("{}", group.module);
    let name = format_ident!("{}", e.rust_name);
    let arms = e.variants.iter().map(|v| {
        let variant = format_ident!("{}", v.rust_name);
        match &v.body {
            ResponseBody::Empty => quote! { Self::#variant => ::wiremock::ResponseTemplate::new(status), },
            _ => quote! { Self::#variant(body) => crate::testing::ResponseBody::template(body, status), },
        }
    });
    quote! {
        #cfg
        #[allow(deprecated)]
        impl crate::testing::ResponseBody for crate::apis::#module::#name {
            fn template(self, status: u16) -> ::wiremock::ResponseTemplate {
                match self {
                    #(#arms)*
                    Self::Unknown { body, .. } => crate::testing::ResponseBody::template(body, status),
                }
            }
        }
    }
}

/// The JSON name of the response member `rust_name` that holds a page's items.
fn items_json_name(api: &Api, op: &Operation, rust_name: &str) -> String {
    let Success::One(Response { body: ResponseBody::Json(TypeRef::Named(response)), .. }) = &op.success else {
        return rust_name.to_owned();
    };
    api.types
        .iter()
        .find(|def: &&TypeDef| &def.name == response)
        .and_then(|def| match &def.kind {
            TypeKind::Struct(s) => s.fields.iter().find(|f| f.rust_name == rust_name).map(|f| f.json_name.clone()),
            _ => None,
        })
        .unwrap_or_else(|| rust_name.to_owned())
}

fn method(group: &Group, op: &Operation) -> TokenStream {
    let cfg = cfg(group);
    let name = format_ident!("{}", op.rust_name);
    let marker = format_ident!("{}", op.type_prefix);
    let mut args = Vec::new();
    let mut pieces = Vec::new();
    for segment in path_segments(op) {
        match segment {
            PathSegment::Literal(literal) => pieces.push(quote! { #literal }),
            PathSegment::Param(param) => {
                let rust = format_ident!("{}", param.rust_name);
                if param.ty == TypeRef::String {
                    args.push(quote! { #rust: &str });
                    pieces.push(quote! { &crate::request::encode_path_segment(#rust) });
                } else {
                    let ty = type_tokens(&param.ty);
                    args.push(quote! { #rust: #ty });
                    pieces.push(quote! { &crate::request::encode_path_segment(&#rust.to_string()) });
                }
            }
        }
    }
    let path_args = if args.is_empty() {
        String::new()
    } else {
        format!(
            " with this {}",
            op.params
                .iter()
                .filter(|p| p.location == ParamLocation::Path)
                .map(|p| format!("`{}`", p.rust_name))
                .collect::<Vec<_>>()
                .join(" and ")
        )
    };
    let doc = format!(
        " What the server answers to [`{}::{}`](crate::apis::{}::{}): `{} {}`{path_args}.",
        group.rust_name,
        op.rust_name,
        group.rust_name,
        op.rust_name,
        op.method.as_str(),
        op.path
    );
    quote! {
        #cfg
        #[doc = #doc]
        pub fn #name(&self, #(#args),*) -> Expectation<'_, ops::#marker> {
            self.expect([#(#pieces),*].concat())
        }
    }
}
