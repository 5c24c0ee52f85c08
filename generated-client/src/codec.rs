//! Serde helpers the generated models call: tri-state nullables, forward-compatible string enums,
//! and `oneOf` unions dispatched on their `type` field.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

/// A field that is both optional and nullable: absent, `null` and a value are three states.
///
/// Absent fields are not written; `Null` is written as `null` (to clear a value on the server);
/// a response tells `null` from a missing field the same way.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum Nullable<T> {
    /// The field is not in the JSON object.
    #[default]
    Absent,
    /// The field is `null`.
    Null,
    /// The field has a value.
    Value(T),
}

impl<T> Nullable<T> {
    /// `true` when the field is not in the JSON object.
    pub fn is_absent(&self) -> bool {
        matches!(self, Nullable::Absent)
    }

    /// `true` when the field is an explicit `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Nullable::Null)
    }

    /// The value, if there is one (absent and `null` both give `None`).
    pub fn as_ref(&self) -> Option<&T> {
        match self {
            Nullable::Value(value) => Some(value),
            Nullable::Absent | Nullable::Null => None,
        }
    }

    /// The value, if there is one (absent and `null` both give `None`).
    pub fn into_option(self) -> Option<T> {
        match self {
            Nullable::Value(value) => Some(value),
            Nullable::Absent | Nullable::Null => None,
        }
    }
}

/// `Some(value)` is a value, `None` is an explicit `null`.
impl<T> From<Option<T>> for Nullable<T> {
    fn from(value: Option<T>) -> Self {
        value.map_or(Nullable::Null, Nullable::Value)
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Value(value) => value.serialize(serializer),
            Nullable::Absent | Nullable::Null => serializer.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Only called when the field is present (absent fields take the `Default`).
        Option::<T>::deserialize(deserializer).map(Nullable::from)
    }
}

/// Deserializes a string enum through `From<&str>`, which keeps unknown values: no allocation
/// for the values the spec lists.
pub(crate) fn deserialize_str_enum<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str>,
{
    struct StrVisitor<T>(PhantomData<T>);

    impl<T: for<'a> From<&'a str>> Visitor<'_> for StrVisitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
            Ok(T::from(value))
        }
    }

    deserializer.deserialize_str(StrVisitor(PhantomData))
}

/// Deserializes a `oneOf` whose variants are objects told apart by their `type` field: the
/// object's text is taken once, its `type` read without decoding the rest, and then only the
/// matching variant is decoded (no trying each variant in turn).
pub(crate) fn deserialize_tagged<'de, D, T>(
    deserializer: D,
    decode: impl FnOnce(Option<&str>, &RawValue) -> Result<T, serde_json::Error>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    #[derive(serde::Deserialize)]
    struct Tag<'a> {
        #[serde(borrow, rename = "type")]
        tag: Option<Cow<'a, str>>,
    }

    let raw = <Box<RawValue>>::deserialize(deserializer)?;
    let tag: Tag<'_> = serde_json::from_str(raw.get()).map_err(de::Error::custom)?;
    decode(tag.tag.as_deref(), &raw).map_err(de::Error::custom)
}

/// Decodes a value from JSON text already taken from the input.
pub(crate) fn from_raw<T: serde::de::DeserializeOwned>(raw: &RawValue) -> Result<T, serde_json::Error> {
    serde_json::from_str(raw.get())
}
