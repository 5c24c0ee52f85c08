//! The serde code that every generated model of a kind shares, written once as `macro_rules!`
//! and invoked from the generated files with each type's own field and value table.
//!
//! The generated files stay short and readable (a struct, its builder, and one table line per
//! field), and the expansion is the same one-pass code a hand-written visitor would be: no
//! `serde_json::Value`, no `#[serde(flatten)]`.

/// `Serialize` and `Deserialize` for a generated struct that keeps unknown members in its
/// `additional_properties` field.
///
/// Each line is `"json name" => rust_field: shape`, with the shapes:
/// - `required`: `T`, always written; missing in the input is an error;
/// - `required_nullable`: `Option<T>`, always written (`None` as `null`);
/// - `optional`: `Option<T>`, written when `Some`, and as `null` when `None` after arriving as
///   `null` (recorded in the struct's `explicit_nulls`);
/// - `nullable`: [`crate::Nullable<T>`], written unless `Absent` (so `Null` is sent).
///
/// Known fields are written in table order, then the unknown ones. Decoding reads the object in
/// one pass: each known member straight into its type, the unknown ones kept as raw JSON text, all
/// in one [`crate::codec::AdditionalProperties`].
macro_rules! object_serde {
    ($name:ident { $($json:literal => $field:ident: $shape:ident,)* }) => {
        impl serde::Serialize for $name {
            #[allow(deprecated)]
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                #[allow(dead_code)] // for types without optional fields
                const FIELDS: &[&str] = &[$($json,)*];
                let mut map = serializer.serialize_map(None)?;
                $( $crate::macros::object_serde!(@write $shape, map, $json, &self.$field, self.explicit_nulls, FIELDS); )*
                self.additional_properties.serialize_members(&mut map)?;
                map.end()
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Visitor;

                impl<'de> serde::de::Visitor<'de> for Visitor {
                    type Value = $name;

                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(concat!("a ", stringify!($name), " object"))
                    }

                    #[allow(deprecated)]
                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<$name, A::Error> {
                        #[allow(dead_code)] // for types without optional fields
                const FIELDS: &[&str] = &[$($json,)*];
                        $( let mut $field = $crate::macros::object_serde!(@unset $shape); )*
                        #[allow(unused_mut)] // for types without optional fields
                        let mut explicit_nulls = $crate::codec::ExplicitNulls::default();
                        let mut unknown = $crate::codec::UnknownMembers::new();
                        while let Some(key) = map.next_key::<$crate::codec::Key<'de>>()? {
                            match key.as_str() {
                                $( $json => $crate::macros::object_serde!(@read $shape, map, $field, explicit_nulls, FIELDS, $json), )*
                                _ => unknown.read(key, &mut map)?,
                            }
                        }
                        Ok($name {
                            $( $field: $crate::macros::object_serde!(@finish $shape, $field, $json), )*
                            explicit_nulls,
                            additional_properties: unknown.finish(),
                        })
                    }
                }

                deserializer.deserialize_map(Visitor)
            }
        }
    };

    (@write required, $map:ident, $json:literal, $value:expr, $nulls:expr, $fields:ident) => {
        $map.serialize_entry($json, $value)?
    };
    (@write required_nullable, $map:ident, $json:literal, $value:expr, $nulls:expr, $fields:ident) => {
        $map.serialize_entry($json, $value)?
    };
    (@write optional, $map:ident, $json:literal, $value:expr, $nulls:expr, $fields:ident) => {
        match $value {
            Some(value) => $map.serialize_entry($json, value)?,
            None if $nulls.contains(const { $crate::codec::field_index($fields, $json) }) => {
                $map.serialize_entry($json, &())?
            }
            None => {}
        }
    };
    (@write nullable, $map:ident, $json:literal, $value:expr, $nulls:expr, $fields:ident) => {
        if !$value.is_absent() {
            $map.serialize_entry($json, $value)?;
        }
    };

    (@unset nullable) => { $crate::Nullable::Absent };
    (@unset $shape:ident) => { None };

    (@read required, $map:ident, $field:ident, $nulls:ident, $fields:ident, $json:literal) => {
        $field = Some($map.next_value()?)
    };
    (@read optional, $map:ident, $field:ident, $nulls:ident, $fields:ident, $json:literal) => {{
        $field = $map.next_value()?;
        if $field.is_none() {
            $nulls.insert(const { $crate::codec::field_index($fields, $json) });
        }
    }};
    (@read $shape:ident, $map:ident, $field:ident, $nulls:ident, $fields:ident, $json:literal) => {
        $field = $map.next_value()?
    };

    (@finish required, $field:ident, $json:literal) => {
        $field.ok_or_else(|| serde::de::Error::missing_field($json))?
    };
    (@finish $shape:ident, $field:ident, $json:literal) => { $field };

    // Typed members beside the fields (the spec's `additionalProperties` schema): the table ends
    // with `_ => additional_properties: typed,` and the struct's `additional_properties` is a
    // `BTreeMap<String, T>`. Each other member is decoded as `T` (a member that is not a `T` is
    // an error at its key, like a field); they are written after the known fields, in key order.
    ($name:ident { $($json:literal => $field:ident: $shape:ident,)* _ => additional_properties: typed, }) => {
        impl serde::Serialize for $name {
            #[allow(deprecated)]
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                #[allow(dead_code)] // for types without optional fields
                const FIELDS: &[&str] = &[$($json,)*];
                let mut map = serializer.serialize_map(None)?;
                $( $crate::macros::object_serde!(@write $shape, map, $json, &self.$field, self.explicit_nulls, FIELDS); )*
                for (key, value) in &self.additional_properties {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Visitor;

                impl<'de> serde::de::Visitor<'de> for Visitor {
                    type Value = $name;

                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(concat!("a ", stringify!($name), " object"))
                    }

                    #[allow(deprecated)]
                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<$name, A::Error> {
                        #[allow(dead_code)] // for types without optional fields
                        const FIELDS: &[&str] = &[$($json,)*];
                        $( let mut $field = $crate::macros::object_serde!(@unset $shape); )*
                        #[allow(unused_mut)] // for types without optional fields
                        let mut explicit_nulls = $crate::codec::ExplicitNulls::default();
                        let mut additional_properties = std::collections::BTreeMap::new();
                        while let Some(key) = map.next_key::<$crate::codec::Key<'de>>()? {
                            match key.as_str() {
                                $( $json => $crate::macros::object_serde!(@read $shape, map, $field, explicit_nulls, FIELDS, $json), )*
                                _ => {
                                    let value = map.next_value()?;
                                    additional_properties.insert(key.as_str().to_owned(), value);
                                }
                            }
                        }
                        Ok($name {
                            $( $field: $crate::macros::object_serde!(@finish $shape, $field, $json), )*
                            explicit_nulls,
                            additional_properties,
                        })
                    }
                }

                deserializer.deserialize_map(Visitor)
            }
        }
    };
}

/// The conversions of a generated integer enum (values sent as JSON numbers) whose last variant
/// keeps values the spec does not list: `value`, `From<int>` both ways, `FromStr` (the number's
/// text), `Display` (the number, as query and path parameters send it), `Serialize` and
/// `Deserialize`.
///
/// The table is `Name: i64 {`, each line `Variant = 1` (negative values too: `Variant = -1`); the
/// last, `_ => Fallback`, names the catch-all variant.
#[allow(unused_macros)] // spec/ has no integer enum
macro_rules! int_enum {
    ($name:ident: $int:ty { $($variant:ident = $wire:literal,)* _ => $fallback:ident, }) => {
        impl $name {
            /// The value as it goes on the wire.
            pub fn value(&self) -> $int {
                match self {
                    $( Self::$variant => $wire, )*
                    Self::$fallback(value) => *value,
                }
            }
        }

        impl From<$int> for $name {
            fn from(value: $int) -> Self {
                match value {
                    $( $wire => Self::$variant, )*
                    other => Self::$fallback(other),
                }
            }
        }

        impl From<$name> for $int {
            fn from(value: $name) -> Self {
                value.value()
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                value.parse::<$int>().map(Self::from)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Display::fmt(&self.value(), f)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serde::Serialize::serialize(&self.value(), serializer)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <$int as serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }
    };
}

/// The conversions of a generated string enum whose last variant keeps values the spec does not
/// list: `as_str`, `From<&str>`, `FromStr`, `Display`, `Serialize` and `Deserialize` (which
/// allocates only for unlisted values).
///
/// Each line is `Variant = "wire value"`; the last, `_ => Fallback`, names the catch-all variant.
macro_rules! string_enum {
    ($name:ident { $($variant:ident = $wire:literal,)* _ => $fallback:ident, }) => {
        impl $name {
            /// The value as it goes on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $wire, )*
                    Self::$fallback(value) => value,
                }
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $( $wire => Self::$variant, )*
                    other => Self::$fallback(other.to_owned()),
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::codec::deserialize_str_enum(deserializer)
            }
        }
    };
}

pub(crate) use {object_serde, string_enum};
// Used only by crates whose spec has an integer enum (spec/ has none).
#[allow(unused_imports)]
pub(crate) use int_enum;
