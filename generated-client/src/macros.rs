//! The serde code that every generated model of a kind shares, written once as `macro_rules!`
//! and invoked from the generated files with each type's own field and value table.
//!
//! The generated files stay short and readable (a struct, its builder, and one table line per
//! field), and the expansion is the same one-pass code a hand-written visitor would be: no
//! `serde_json::Value`, no `#[serde(flatten)]`.

/// `Serialize` and `Deserialize` for a generated struct that keeps unknown members and explicit
/// `null`s in its `extra` field (a [`crate::codec::Extra`]: one pointer, allocated only for an
/// object that has either).
///
/// Each line is `"json name" => rust_field: shape`, with the shapes:
/// - `required`: `T`, always written; missing in the input is an error;
/// - `required_nullable`: `Option<T>`, always written (`None` as `null`);
/// - `optional`: `Option<T>`, written when `Some`, and as `null` when `None` after arriving as
///   `null` (recorded in the struct's `extra`);
/// - `nullable`: [`crate::Nullable<T>`], written unless `Absent` (so `Null` is sent).
///
/// Known fields are written in table order, then the unknown ones. Decoding reads the object in
/// one pass: each known member straight into its type, the unknown ones kept as raw JSON text, all
/// in one [`crate::codec::AdditionalProperties`] in `extra`, or, when the table ends with
/// `_ => additional_properties: typed,`, each decoded as the `T` of the struct's own
/// `additional_properties: BTreeMap<String, T>`.
macro_rules! object_serde {
    ($name:ident { $($json:literal => $field:ident: $shape:ident,)* }) => {
        $crate::macros::object_serde!(@impl $name, raw [] { $($json => $field: $shape,)* });
    };
    // Typed members beside the fields (the spec's `additionalProperties` schema): the table ends
    // with `_ => additional_properties: typed,` and the struct's `additional_properties` is a
    // `BTreeMap<String, T>`. Each other member is decoded as `T` (a member that is not a `T` is
    // an error at its key, like a field); they are written after the known fields, in key order.
    ($name:ident { $($json:literal => $field:ident: $shape:ident,)* _ => additional_properties: typed, }) => {
        $crate::macros::object_serde!(@impl $name, typed [additional_properties] { $($json => $field: $shape,)* });
    };

    // The impls; `$extra` (`raw` or `typed`) says how the members that are not fields are kept,
    // and `$typed_field` is the struct's field for typed members (none for `raw`).
    (@impl $name:ident, $extra:ident [$($typed_field:ident)?] { $($json:literal => $field:ident: $shape:ident,)* }) => {
        impl serde::Serialize for $name {
            #[allow(deprecated)]
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                #[allow(dead_code)] // for types without optional fields
                const FIELDS: &[&str] = &[$($json,)*];
                let mut map = serializer.serialize_map(None)?;
                $( $crate::macros::object_serde!(@write $shape, map, $json, &self.$field, self.extra, FIELDS); )*
                $crate::macros::object_serde!(@write_extra $extra, map, self);
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
                        let mut explicit_nulls = $crate::ExplicitNulls::new();
                        let mut unknown = $crate::macros::object_serde!(@new_extra $extra);
                        while let Some(key) = map.next_key::<$crate::codec::Key<'de>>()? {
                            match key.as_str() {
                                $( $json => $crate::macros::object_serde!(@read $shape, map, $field, explicit_nulls, FIELDS, $json), )*
                                _ => $crate::macros::object_serde!(@read_extra $extra, map, unknown, key),
                            }
                        }
                        // (the raw members, the typed ones): one of the two is empty.
                        let (extra, _typed) = $crate::macros::object_serde!(@finish_extra $extra, unknown, explicit_nulls);
                        Ok($name {
                            $( $field: $crate::macros::object_serde!(@finish $shape, $field, $json), )*
                            extra,
                            $( $typed_field: _typed, )?
                        })
                    }
                }

                deserializer.deserialize_map(Visitor)
            }
        }
    };

    // Unknown members kept as raw JSON text, all in one `crate::codec::AdditionalProperties`.
    (@new_extra raw) => { $crate::codec::UnknownMembers::new() };
    (@read_extra raw, $map:ident, $extra:ident, $key:ident) => { $extra.read($key, &mut $map)? };
    (@finish_extra raw, $extra:ident, $nulls:ident) => { ($crate::Extra::decoded($extra, $nulls), ()) };
    (@write_extra raw, $map:ident, $this:expr) => { $this.extra.additional_properties().serialize_members(&mut $map)? };
    // Typed members, in the struct's `additional_properties: BTreeMap<String, T>`.
    (@new_extra typed) => { std::collections::BTreeMap::new() };
    (@read_extra typed, $map:ident, $extra:ident, $key:ident) => {{
        let value = $map.next_value()?;
        $extra.insert($key.as_str().to_owned(), value);
    }};
    (@finish_extra typed, $extra:ident, $nulls:ident) => { ($crate::Extra::from_nulls($nulls), $extra) };
    (@write_extra typed, $map:ident, $this:expr) => {
        for (key, value) in &$this.additional_properties {
            $map.serialize_entry(key, value)?;
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
            None if $nulls.is_null(const { $crate::codec::field_index($fields, $json) }) => {
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

/// `int_enum!` and the typed arm of `object_serde!`, on models written as the generator writes
/// them (the golden snapshots `integer_enum` and `typed_additional_properties` of
/// `tests/tests/snapshots/` show the generated shapes; docs and builders left out here): spec/
/// has neither construct, so the generated models of this crate do not exercise them.
#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    /// The status of a service check (`x-enum-varnames` with `UNKNOWN`, so the fallback is
    /// `UnknownValue`; `format: int32`; `default: 0`).
    #[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    pub enum ServiceCheckStatus {
        #[default]
        Ok,
        Warning,
        Critical,
        Unknown,
        UnknownValue(i32),
    }

    crate::macros::int_enum!(ServiceCheckStatus: i32 {
        Ok = 0,
        Warning = 1,
        Critical = 2,
        Unknown = 3,
        _ => UnknownValue,
    });

    /// Names from the values, a negative one (`format: int64`).
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    pub enum PlayingTab {
        ValueMinus1,
        Value0,
        Value1,
        Unknown(i64),
    }

    crate::macros::int_enum!(PlayingTab: i64 {
        ValueMinus1 = -1,
        Value0 = 0,
        Value1 = 1,
        _ => Unknown,
    });

    #[derive(Clone, Debug, PartialEq)]
    #[non_exhaustive]
    pub struct Monitor {
        pub status: ServiceCheckStatus,
        pub tabs: Option<Vec<PlayingTab>>,
        pub extra: crate::Extra,
    }

    crate::macros::object_serde!(Monitor {
        "status" => status: required,
        "tabs" => tabs: optional,
    });

    /// `additionalProperties: {type: string}` beside `properties`.
    #[derive(Clone, Debug, PartialEq)]
    #[non_exhaustive]
    pub struct Labels {
        pub name: String,
        pub additional_properties: BTreeMap<String, String>,
        pub extra: crate::Extra,
    }

    impl Labels {
        pub fn new(name: impl Into<String>) -> Self {
            Self {
                name: name.into(),
                additional_properties: ::core::default::Default::default(),
                extra: crate::Extra::new(),
            }
        }
        pub fn additional_properties(mut self, value: impl Into<BTreeMap<String, String>>) -> Self {
            self.additional_properties = value.into();
            self
        }
    }

    crate::macros::object_serde!(Labels {
        "name" => name: required,
        _ => additional_properties: typed,
    });

    #[derive(Clone, Debug, PartialEq)]
    #[non_exhaustive]
    pub struct Counter {
        pub value: i64,
        pub extra: crate::Extra,
    }

    crate::macros::object_serde!(Counter {
        "value" => value: required,
    });

    /// `additionalProperties: {$ref: Counter}` beside `properties`, and an array of them.
    #[derive(Clone, Debug, PartialEq)]
    #[non_exhaustive]
    pub struct Counters {
        pub total: Option<i64>,
        pub additional_properties: BTreeMap<String, Vec<Counter>>,
        pub extra: crate::Extra,
    }

    crate::macros::object_serde!(Counters {
        "total" => total: optional,
        _ => additional_properties: typed,
    });

    /// Decodes as the client does on failure (with the JSON path), giving the path and message.
    fn decode_error<T: serde::de::DeserializeOwned + std::fmt::Debug>(text: &str) -> (String, String) {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let error = serde_path_to_error::deserialize::<_, T>(&mut deserializer).expect_err(text);
        (error.path().to_string(), error.into_inner().to_string())
    }

    #[test]
    fn integer_enums_decode_numbers_and_keep_unknown_values() {
        let text = "[0,1,2,3,7,-5]";
        let statuses: Vec<ServiceCheckStatus> = serde_json::from_str(text).unwrap();
        use ServiceCheckStatus::*;
        assert_eq!(statuses, [Ok, Warning, Critical, Unknown, UnknownValue(7), UnknownValue(-5)]);
        assert_eq!(serde_json::to_string(&statuses).unwrap(), text);

        let tabs: Vec<PlayingTab> = serde_json::from_str("[-1,0,1,9007199254740993]").unwrap();
        assert_eq!(
            tabs,
            [PlayingTab::ValueMinus1, PlayingTab::Value0, PlayingTab::Value1, PlayingTab::Unknown(9007199254740993)]
        );
        assert_eq!(serde_json::to_string(&tabs).unwrap(), "[-1,0,1,9007199254740993]");
    }

    #[test]
    fn integer_enums_convert_like_their_integer() {
        assert_eq!(ServiceCheckStatus::default(), ServiceCheckStatus::Ok);
        assert_eq!(ServiceCheckStatus::from(2), ServiceCheckStatus::Critical);
        assert_eq!(i32::from(ServiceCheckStatus::UnknownValue(12)), 12);
        assert_eq!(PlayingTab::ValueMinus1.value(), -1);
        // Query and path parameters are sent as the number's text.
        assert_eq!(PlayingTab::ValueMinus1.to_string(), "-1");
        assert_eq!(ServiceCheckStatus::UnknownValue(40).to_string(), "40");
        assert_eq!("-1".parse::<PlayingTab>(), std::result::Result::Ok(PlayingTab::ValueMinus1));
        assert_eq!("8".parse::<PlayingTab>(), std::result::Result::Ok(PlayingTab::Unknown(8)));
        assert!("one".parse::<PlayingTab>().is_err());
    }

    #[test]
    fn integer_enums_refuse_what_is_not_an_integer_of_their_type() {
        for text in ["\"1\"", "1.5", "null", "4294967296"] {
            let error = serde_json::from_str::<ServiceCheckStatus>(text).expect_err(text);
            assert!(
                error.to_string().starts_with("invalid type") || error.to_string().starts_with("invalid value"),
                "{text}: {error}"
            );
        }
        let (path, message) = decode_error::<Monitor>(r#"{"status":1,"tabs":[0,"x"]}"#);
        assert_eq!(path, "tabs[1]");
        assert!(message.starts_with("invalid type: string \"x\", expected i64"), "{message}");
    }

    #[test]
    fn a_struct_with_integer_enums_round_trips_exactly() {
        let text = r#"{"status":9,"tabs":[-1,5],"extra":{"a":1}}"#;
        let monitor: Monitor = serde_json::from_str(text).unwrap();
        assert_eq!(monitor.status, ServiceCheckStatus::UnknownValue(9));
        assert_eq!(monitor.tabs, Some(vec![PlayingTab::ValueMinus1, PlayingTab::Unknown(5)]));
        assert_eq!(serde_json::to_string(&monitor).unwrap(), text);
    }

    #[test]
    fn typed_additional_properties_decode_each_member_as_their_type() {
        let labels: Labels = serde_json::from_str(r#"{"b":"2","name":"n","a":"1"}"#).unwrap();
        assert_eq!(labels.name, "n");
        let expected: BTreeMap<String, String> =
            [("a".to_owned(), "1".to_owned()), ("b".to_owned(), "2".to_owned())].into();
        assert_eq!(labels.additional_properties, expected);
        // Written back after the fields, in key order.
        assert_eq!(serde_json::to_string(&labels).unwrap(), r#"{"name":"n","a":"1","b":"2"}"#);

        let text = r#"{"total":3,"x":[{"value":1},{"value":2,"unit":"s"}],"y":[]}"#;
        let counters: Counters = serde_json::from_str(text).unwrap();
        assert_eq!(counters.total, Some(3));
        assert_eq!(counters.additional_properties["x"][1].value, 2);
        assert!(counters.additional_properties["y"].is_empty());
        assert_eq!(serde_json::to_string(&counters).unwrap(), text);
    }

    #[test]
    fn a_typed_member_of_the_wrong_type_is_an_error_at_its_path() {
        let (path, message) = decode_error::<Labels>(r#"{"name":"n","a":1}"#);
        assert_eq!(path, "a");
        assert!(message.starts_with("invalid type: integer `1`, expected a string"), "{message}");
        let (path, message) = decode_error::<Counters>(r#"{"x":[{"value":1},{"value":"2"}]}"#);
        assert_eq!(path, "x[1].value");
        assert!(message.starts_with("invalid type: string \"2\", expected i64"), "{message}");
        let (path, message) = decode_error::<Counters>(r#"{"x":[{}]}"#);
        assert_eq!(path, "x[0]");
        assert!(message.starts_with("missing field `value`"), "{message}");
        // The known fields are still checked as before.
        let (path, _) = decode_error::<Labels>(r#"{"a":"1"}"#);
        assert_eq!(path, ".");
    }

    #[test]
    fn typed_additional_properties_are_set_by_their_setter() {
        let labels = Labels::new("n").additional_properties([("team".to_owned(), "infra".to_owned())]);
        assert_eq!(serde_json::to_string(&labels).unwrap(), r#"{"name":"n","team":"infra"}"#);
        assert_eq!(serde_json::from_str::<Labels>(r#"{"name":"n","team":"infra"}"#).unwrap(), labels);
    }
}
