//! The `mod.rs` files of `models/` and `apis/`: one module per type or API group, compiled under
//! its cargo features, with `#[allow(deprecated)]` where deprecated types are used; `apis/mod.rs`
//! ends with the `__for_each_operation!` table the workspace's tests expand.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::{cfg_features, format_file, ident, type_tokens};
use crate::ir::*;

/// The two `mod.rs` files, by path.
pub(super) fn mod_files(api: &Api) -> [(String, String); 2] {
    // A module that defines or mentions a deprecated type allows it: deprecation is for the
    // crate's users, not a warning inside the crate.
    let deprecated: std::collections::BTreeSet<&str> =
        api.types.iter().filter(|def| def.docs.deprecated).map(|def| def.name.as_str()).collect();
    let mentions_deprecated = |types: &mut dyn Iterator<Item = &TypeRef>| {
        let mut names = Vec::new();
        for ty in types {
            mentioned_types(ty, &mut names);
        }
        names.iter().any(|name| deprecated.contains(name))
    };
    let model_mods: Vec<Module<'_>> = api
        .types
        .iter()
        .map(|def| Module {
            module: &def.module,
            item: &def.name,
            features: &def.features,
            allow_deprecated: def.docs.deprecated || mentions_deprecated(&mut type_mentions(def)),
        })
        .collect();
    let models_mod = format_file(emit_mod("The request and response types of every operation.", &model_mods, false));
    let api_mods: Vec<Module<'_>> = api
        .groups
        .iter()
        .map(|group| Module {
            module: &group.module,
            item: &group.rust_name,
            features: std::slice::from_ref(&group.feature),
            allow_deprecated: group.operations.iter().any(|op| {
                let body = op.body.as_ref().map(|b| &b.ty);
                let items = op.pagination.as_ref().map(|p| &p.item_type);
                mentions_deprecated(
                    &mut op.params.iter().map(|p| &p.ty).chain(body).chain(op.success.json_types()).chain(items),
                )
            }),
        })
        .collect();
    let mut apis_mod = format_file(emit_mod(
        "One API struct per documentation group, one async method per operation.",
        &api_mods,
        true,
    ));
    apis_mod.push('\n');
    apis_mod.push_str(&operation_table(api));
    [("models/mod.rs".to_owned(), models_mod), ("apis/mod.rs".to_owned(), apis_mod)]
}

/// `__for_each_operation!`: every operation with the types of its bodies, for the workspace's
/// tests (so that they list nothing by hand). `callback! { id { request: [Type], success:
/// [status Type], errors: [status, ...] } ... }`, brackets empty when there is no such body.
/// Error bodies are all read as the documented `APIErrorResponse`, as `Error::Api` does.
pub(super) fn operation_table(api: &Api) -> String {
    let named = |ty: Option<&TypeRef>| match ty {
        Some(TypeRef::Named(name)) => name.clone(),
        // Paths inside an exported macro name the defining crate as `$crate`.
        Some(other) => type_tokens(other).to_string().replace(' ', "").replace("crate::", "$crate::"),
        None => String::new(),
    };
    let mut out = String::from(
        "/// Every operation, in spec order, with its request body type, its JSON success statuses and\n\
         /// types, and its error statuses: expands to `$callback! { operationId { request: [Type], success:\n\
         /// [status Type, ...], errors: [status, ...] } ... }`, with empty brackets where there is no\n\
         /// such body (one `status Type` unless the success statuses have different bodies). Generated\n\
         /// for the workspace's tests; not part of the API.\n\
         #[doc(hidden)]\n\
         #[macro_export]\n\
         macro_rules! __for_each_operation {\n    ($callback:ident) => {\n        $callback! {\n",
    );
    for op in api.groups.iter().flat_map(|g| &g.operations) {
        let request = named(op.body.as_ref().map(|b| &b.ty));
        let success = op
            .success
            .json_bodies()
            .into_iter()
            .map(|(status, ty)| format!("{status} {}", named(Some(ty))))
            .collect::<Vec<_>>()
            .join(", ");
        let errors = op.error_statuses.iter().map(u16::to_string).collect::<Vec<_>>().join(", ");
        out.push_str(&format!(
            "            {} {{ request: [{request}], success: [{success}], errors: [{errors}] }}\n",
            op.id
        ));
    }
    out.push_str("        }\n    };\n}\n");
    out
}

/// The types a type definition refers to (fields, variants, alias target).
pub(super) fn type_mentions(def: &TypeDef) -> Box<dyn Iterator<Item = &TypeRef> + '_> {
    match &def.kind {
        TypeKind::Struct(s) => Box::new(s.fields.iter().map(|f| &f.ty).chain(s.additional.as_ref().map(|a| &a.ty))),
        TypeKind::Union(Union::Untagged(variants)) => Box::new(variants.iter().map(|v| &v.ty)),
        TypeKind::Union(Union::Tagged(_)) | TypeKind::Enum(_) => Box::new(std::iter::empty()),
        TypeKind::Alias(target) => Box::new(std::iter::once(target)),
    }
}

/// The model type names a type reference mentions, at any depth.
pub(super) fn mentioned_types<'a>(ty: &'a TypeRef, out: &mut Vec<&'a str>) {
    match ty {
        TypeRef::Named(name) => out.push(name),
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Boxed(inner) => mentioned_types(inner, out),
        _ => {}
    }
}

/// A `mod.rs` re-exporting each module's main item; `public` also makes the modules public
/// (the API modules hold each operation's optional-parameters struct). Each module is compiled
/// only with one of its cargo features on (none listed: always).
pub(super) fn emit_mod(doc: &str, mods: &[Module<'_>], public: bool) -> TokenStream {
    let visibility = if public {
        quote! { pub }
    } else {
        quote! {}
    };
    let doc = format!(" {doc}");
    let items = mods.iter().map(|m| {
        let cfg = cfg_features(m.features);
        let module = ident(m.module);
        let name = ident(m.item);
        let allow = m.allow_deprecated.then(|| quote! { #[allow(deprecated)] });
        quote! { #cfg #allow #visibility mod #module; #cfg #allow pub use self::#module::#name; }
    });
    quote! { #![doc = #doc] #(#items)* }
}

/// A module of a `mod.rs`, its main item, and the features that compile it.
pub(super) struct Module<'a> {
    module: &'a str,
    item: &'a str,
    features: &'a [String],
    /// The module defines or uses a deprecated type.
    allow_deprecated: bool,
}
