//! Emits `operations.rs`: facts about every operation that the hand-written runtime needs by
//! operation name (the id-free path template that tracing records), and the typed names of the
//! unstable operations (`UnstableOperation`), which `Configuration::enable_unstable` takes.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::tokens::format_file;
use crate::ir::{Api, Operation};

/// `operations.rs`, by path relative to the crate's `src/`.
pub fn emit(api: &Api) -> (String, String) {
    ("operations.rs".to_owned(), format_file(tokens(api)))
}

fn operations(api: &Api) -> impl Iterator<Item = &Operation> {
    api.groups.iter().flat_map(|group| group.operations.iter())
}

fn tokens(api: &Api) -> TokenStream {
    let templates = operations(api).map(|op| {
        let (name, path) = (&op.rust_name, &op.path);
        quote! { #name => Some(#path), }
    });
    let unstable: Vec<&Operation> = operations(api).filter(|op| op.unstable).collect();
    let variants = unstable.iter().map(|op| {
        let variant = format_ident!("{}", op.type_prefix);
        let doc = format!(" `{}` (`{} {}`).", op.rust_name, op.method.as_str(), op.path);
        quote! { #[doc = #doc] #variant, }
    });
    let names = unstable.iter().map(|op| {
        let variant = format_ident!("{}", op.type_prefix);
        let name = &op.rust_name;
        quote! { Self::#variant => #name, }
    });
    let all = unstable.iter().map(|op| format_ident!("{}", op.type_prefix));
    quote! {
        //! Facts about each operation, by its method name, for the runtime.

        /// The path template of an operation (`/api/v2/team/{team_id}`): what tracing records
        /// instead of the concrete URL, so that no id shows.
        #[allow(dead_code)] // used by the `tracing` feature only
        pub(crate) fn path_template(operation: &str) -> Option<&'static str> {
            match operation {
                #(#templates)*
                _ => None,
            }
        }

        /// The operations the spec marks unstable, switched on by
        /// [`Configuration::enable_unstable`](crate::Configuration::enable_unstable): a misspelt
        /// name does not compile.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum UnstableOperation {
            #(#variants)*
        }

        impl UnstableOperation {
            /// Every unstable operation.
            pub const ALL: &'static [UnstableOperation] = &[#(Self::#all),*];

            /// The operation's method name, e.g. `"list_incident_teams"`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    #(#names)*
                }
            }
        }

        impl std::fmt::Display for UnstableOperation {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}
