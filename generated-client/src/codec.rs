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

/// A value (so that a nullable field's setter takes the value itself).
impl<T> From<T> for Nullable<T> {
    fn from(value: T) -> Self {
        Nullable::Value(value)
    }
}

/// A string value from a `&str` (so that `.description("text")` compiles).
impl From<&str> for Nullable<String> {
    fn from(value: &str) -> Self {
        Nullable::Value(value.to_owned())
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
/// object's text is taken once (borrowed from the input when it can be), its `type` read without
/// decoding the rest, and then only the matching variant is decoded (no trying each variant in
/// turn, no `serde_json::Value`). Measured faster than splitting the object into raw members (see
/// BENCHMARKS.md).
pub(crate) fn deserialize_tagged<'de, D, T>(
    deserializer: D,
    decode: impl FnOnce(Option<&str>, &str) -> Result<T, serde_json::Error>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    #[derive(serde::Deserialize)]
    struct Tag<'a> {
        #[serde(borrow, rename = "type")]
        tag: Option<Cow<'a, str>>,
    }

    let raw = deserializer.deserialize_newtype_struct(RAW_VALUE_TOKEN, RawText)?;
    if let Some(tag) = edge_tag(&raw) {
        return decode(Some(tag), &raw).map_err(de::Error::custom);
    }
    let tag: Tag<'_> = serde_json::from_str(&raw).map_err(de::Error::custom)?;
    decode(tag.tag.as_deref(), &raw).map_err(de::Error::custom)
}

/// The `type` of a tagged object read from its first or its last member alone, when that member
/// is `"type"` with a plain string value (no escape in the key or the value): then the rest of the
/// object is not read again just to find the tag (the JSON:API objects of real responses, and of
/// the documentation's examples, put `type` first or last). `None` sends the caller to the full
/// scan. `text` is one valid JSON value, as serde_json's raw text is.
fn edge_tag(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    if bytes.first() != Some(&b'{') || bytes.last() != Some(&b'}') {
        return None;
    }
    first_member_tag(bytes).or_else(|| last_member_tag(bytes)).map(|(start, end)| &text[start..end])
}

fn is_json_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// The bounds of the content of the string whose opening quote is at `open`, if it holds no
/// escape.
fn plain_string_forward(bytes: &[u8], open: usize) -> Option<(usize, usize)> {
    let start = open + 1;
    let len = bytes.get(start..)?.iter().position(|b| *b == b'"' || *b == b'\\')?;
    (bytes[start + len] == b'"').then_some((start, start + len))
}

/// The bounds of the content of the string whose closing quote is at `close`, if it holds no
/// escape. (Going backwards, the first quote is the opening one when no backslash comes before
/// it: inside a string a quote is always escaped, and an opening quote is never preceded by a
/// backslash.)
fn plain_string_backward(bytes: &[u8], close: usize) -> Option<(usize, usize)> {
    let open = bytes[..close].iter().rposition(|b| *b == b'"' || *b == b'\\')?;
    (bytes[open] == b'"' && open.checked_sub(1).is_none_or(|i| bytes[i] != b'\\')).then_some((open + 1, close))
}

/// `{"type": "value", ...`: the bounds of `value`.
fn first_member_tag(bytes: &[u8]) -> Option<(usize, usize)> {
    let skip = |from: usize| (from..bytes.len()).find(|&i| !is_json_space(bytes[i]));
    let open = skip(1)?;
    if bytes[open] != b'"' {
        return None;
    }
    let (start, end) = plain_string_forward(bytes, open)?;
    if &bytes[start..end] != b"type" {
        return None;
    }
    let colon = skip(end + 1)?;
    let value = skip(colon + 1)?;
    if bytes[colon] != b':' || bytes[value] != b'"' {
        return None;
    }
    plain_string_forward(bytes, value)
}

/// `..., "type": "value"}`: the bounds of `value`.
fn last_member_tag(bytes: &[u8]) -> Option<(usize, usize)> {
    let skip_back = |before: usize| (0..before).rev().find(|&i| !is_json_space(bytes[i]));
    let close = skip_back(bytes.len() - 1)?;
    if bytes[close] != b'"' {
        return None;
    }
    let (start, end) = plain_string_backward(bytes, close)?;
    let colon = skip_back(start - 1)?;
    if bytes[colon] != b':' {
        return None;
    }
    let key_close = skip_back(colon)?;
    if bytes[key_close] != b'"' {
        return None;
    }
    let (key_start, key_end) = plain_string_backward(bytes, key_close)?;
    (&bytes[key_start..key_end] == b"type").then_some((start, end))
}

/// The raw JSON text of a value, borrowed from the input when it can be (see
/// [`RAW_VALUE_TOKEN`]).
struct RawText;

impl<'de> Visitor<'de> for RawText {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        if map.next_key::<de::IgnoredAny>()?.is_none() {
            return Err(de::Error::custom("no raw JSON text given"));
        }
        map.next_value::<Key<'de>>().map(|text| text.0)
    }
}

/// Decodes a `oneOf` member from its own text (already taken from the input). On failure, the
/// path and position within the member are kept aside (see [`MemberError`]) for the client,
/// which reports them within the whole body; the error returned carries the message.
pub(crate) fn from_raw<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, serde_json::Error> {
    // Without path tracking first: it costs on every key, and is only needed on failure.
    if let Ok(value) = serde_json::from_str(text) {
        return Ok(value);
    }
    // What the first pass left aside is found again by the second.
    clear_member_error();
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let error = match serde_path_to_error::deserialize(&mut deserializer) {
        Ok(value) => return Ok(value),
        Err(error) => error,
    };
    let path = error.path().to_string();
    let error = error.into_inner();
    let member = match take_member_error(&error) {
        // The failure was inside a member nested in this one.
        Some(nested) => MemberError {
            path: join_path(&path, &nested.path),
            offset: nested.offset_in(text.as_bytes(), error.line(), error.column()),
            text: text.to_owned(),
            error: nested.error,
        },
        None => MemberError {
            offset: offset_of(text.as_bytes(), error.line(), error.column()),
            path,
            text: text.to_owned(),
            error,
        },
    };
    let message = member.message();
    MEMBER_ERROR.with(|slot| *slot.borrow_mut() = Some(member));
    Err(de::Error::custom(message))
}

/// Where a `oneOf` member failed to decode, within the member's own text.
pub(crate) struct MemberError {
    /// The path within the member, e.g. `attributes.created_at`.
    pub(crate) path: String,
    /// The byte offset of the failure within `text`.
    pub(crate) offset: usize,
    /// The member's text, to find it in the enclosing text.
    pub(crate) text: String,
    pub(crate) error: serde_json::Error,
}

thread_local! {
    /// The last member failure, between `from_raw` and the decoder that placed the member (the
    /// enclosing `from_raw`, or the client). Decoding is synchronous, so the thread is the one.
    static MEMBER_ERROR: std::cell::RefCell<Option<MemberError>> = const { std::cell::RefCell::new(None) };
}

impl MemberError {
    fn message(&self) -> String {
        let text = self.error.to_string();
        let suffix = format!(" at line {} column {}", self.error.line(), self.error.column());
        text.strip_suffix(&suffix).map(str::to_owned).unwrap_or(text)
    }

    /// The offset of the failure in `outer`, the text the member was read from, given the
    /// position (`line`, `column`) the outer decoder reported: just after the member. The member's
    /// text occurs in `outer` exactly; of its occurrences, the one ending nearest that position.
    pub(crate) fn offset_in(&self, outer: &[u8], line: usize, column: usize) -> usize {
        let near = offset_of(outer, line, column);
        let needle = self.text.as_bytes();
        let start = if needle.is_empty() || needle.len() > outer.len() {
            None
        } else {
            outer
                .windows(needle.len())
                .enumerate()
                .filter(|(_, window)| *window == needle)
                .map(|(start, _)| start)
                .min_by_key(|start| (start + needle.len()).abs_diff(near))
        };
        start.unwrap_or(near.saturating_sub(needle.len())) + self.offset
    }
}

/// Forgets a member failure left over from an earlier decoding.
pub(crate) fn clear_member_error() {
    MEMBER_ERROR.with(|slot| slot.borrow_mut().take());
}

/// The member failure that caused `error`, if it was one (its message is the member's).
pub(crate) fn take_member_error(error: &serde_json::Error) -> Option<MemberError> {
    let member = MEMBER_ERROR.with(|slot| slot.borrow_mut().take())?;
    let text = error.to_string();
    text.starts_with(&member.message()).then_some(member)
}

/// `outer.inner` as serde_path_to_error writes paths (`.` alone is the root).
pub(crate) fn join_path(outer: &str, inner: &str) -> String {
    match (outer, inner) {
        (_, ".") => outer.to_owned(),
        (".", _) => inner.to_owned(),
        (_, inner) if inner.starts_with('[') => format!("{outer}{inner}"),
        _ => format!("{outer}.{inner}"),
    }
}

/// The byte offset of serde_json's (line, column) in `text`: the column counts the bytes before
/// the position on its line. Clamped to the text.
pub(crate) fn offset_of(text: &[u8], line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        text.iter().enumerate().filter(|(_, b)| **b == b'\n').nth(line - 2).map_or(text.len(), |(i, _)| i + 1)
    };
    (line_start + column).min(text.len())
}

/// The (line, column) of a byte offset, as serde_json counts them.
pub(crate) fn line_column(text: &[u8], offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = 1 + before.iter().filter(|b| **b == b'\n').count();
    let line_start = before.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
    (line, before.len() - line_start)
}

/// A JSON value kept exactly as the server wrote it: the fields of an object, and the objects of
/// a `oneOf`, that this version of the spec does not know. Re-encoding writes the same text.
///
/// Two values are equal when their texts are equal; compare with a `serde_json::Value` to compare
/// by content.
#[derive(Clone, Debug)]
pub struct RawJson(Box<RawValue>);

impl RawJson {
    /// The JSON text.
    pub fn get(&self) -> &str {
        self.0.get()
    }

    /// Parses the text into a `serde_json::Value`. This fails only for nesting deeper than
    /// serde_json's recursion limit (128), which the decoder keeps as text but `Value` cannot hold.
    pub fn to_value(&self) -> Result<serde_json::Value, serde_json::Error> {
        serde_json::from_str(self.get())
    }

    /// From raw JSON text taken from the input (valid JSON; anything else, which cannot happen,
    /// would give `null`).
    pub(crate) fn from_raw(text: &str) -> Self {
        RawJson(RawValue::from_string(text.to_owned()).unwrap_or_default())
    }

    /// Encodes any value (e.g. to add an unknown field to a request).
    pub fn from_serialize<T: Serialize + ?Sized>(value: &T) -> Result<Self, serde_json::Error> {
        serde_json::value::to_raw_value(value).map(RawJson)
    }
}

impl PartialEq for RawJson {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl PartialEq<serde_json::Value> for RawJson {
    fn eq(&self, other: &serde_json::Value) -> bool {
        self.to_value().is_ok_and(|value| value == *other)
    }
}

impl Serialize for RawJson {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for RawJson {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        <Box<RawValue>>::deserialize(deserializer).map(RawJson)
    }
}

/// An object key, borrowed from the input when it holds no escapes.
pub(crate) struct Key<'de>(Cow<'de, str>);

impl Key<'_> {
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;

        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object key")
            }

            fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(value)))
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(value.to_owned())))
            }

            fn visit_string<E: de::Error>(self, value: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(value)))
            }
        }

        deserializer.deserialize_str(KeyVisitor)
    }
}

/// The position of `name` in a type's field table, at compile time (the bit of
/// [`crate::ExplicitNulls`]).
pub(crate) const fn field_index(fields: &[&str], name: &str) -> u32 {
    let mut i = 0;
    while i < fields.len() {
        let (a, b) = (fields[i].as_bytes(), name.as_bytes());
        if a.len() == b.len() {
            let mut j = 0;
            while j < a.len() && a[j] == b[j] {
                j += 1;
            }
            if j == a.len() {
                return i as u32;
            }
        }
        i += 1;
    }
    panic!("the field is not in the table")
}

/// The members of an object that the spec does not know, kept exactly as the server sent them
/// (keys and values, in order) in one piece of text: one allocation per object however many
/// unknown members it has, instead of a `String`, a boxed value and a map node per member.
///
/// This is the owned form, to build members for a request (with [`insert`](Self::insert), or
/// from an iterator or a map); a decoded object's members are read through a [`Members`] view
/// ([`crate::Extra::additional_properties`]), which the read methods here also go through.
/// Encoding writes them back after the known fields, in their order. Two values are equal when
/// their texts are equal.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct AdditionalProperties {
    /// Empty, or a JSON object: `{"key":value,...}`, each value's text as sent.
    text: String,
}

impl AdditionalProperties {
    /// No members.
    pub const fn new() -> Self {
        AdditionalProperties { text: String::new() }
    }

    /// The members, to read.
    pub fn as_members(&self) -> Members<'_> {
        Members(&self.text)
    }

    /// Whether there are no members.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The number of members.
    pub fn len(&self) -> usize {
        self.as_members().len()
    }

    /// The members as one JSON object text (`{}` when there are none).
    pub fn as_json(&self) -> &str {
        self.as_members().as_json()
    }

    /// The value of the (last) member named `key`.
    pub fn get(&self, key: &str) -> Option<RawJson> {
        self.as_members().get(key)
    }

    /// The members in order, keys decoded, values as sent.
    pub fn iter(&self) -> impl Iterator<Item = (String, RawJson)> + '_ {
        self.as_members().iter()
    }

    /// The members as a map (of a key sent twice, the last value).
    pub fn to_map(&self) -> std::collections::BTreeMap<String, RawJson> {
        self.as_members().to_map()
    }

    /// Adds a member at the end, replacing any of the same name.
    pub fn insert(&mut self, key: impl Into<String>, value: RawJson) {
        let key = key.into();
        if self.as_members().parse().iter().any(|(k, _)| *k == key) {
            let kept: Vec<(String, RawJson)> = self.iter().filter(|(k, _)| *k != key).collect();
            *self = kept.into_iter().collect();
        }
        let mut text = std::mem::take(&mut self.text);
        if text.is_empty() {
            text.push('{');
        } else {
            text.pop(); // the closing brace
            text.push(',');
        }
        push_key(&mut text, &key);
        text.push(':');
        text.push_str(value.get());
        text.push('}');
        self.text = text;
    }

    /// Removes the members named `key`; their last value.
    pub fn remove(&mut self, key: &str) -> Option<RawJson> {
        let removed = self.get(key)?;
        let kept: Vec<(String, RawJson)> = self.iter().filter(|(k, _)| k != key).collect();
        *self = kept.into_iter().collect();
        Some(removed)
    }

    /// The text as held: empty when there are no members.
    pub(crate) fn as_json_or_empty(&self) -> &str {
        &self.text
    }
}

impl fmt::Debug for AdditionalProperties {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.as_members().fmt(f)
    }
}

/// The unknown members of a decoded object, read in place from the text they are kept in (see
/// [`AdditionalProperties`], the owned form, and [`crate::Extra`]): what `&str` is to `String`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Members<'a>(&'a str);

impl<'a> Members<'a> {
    /// Over `text`: empty, or a JSON object this crate wrote.
    pub(crate) fn new(text: &'a str) -> Self {
        Members(text)
    }

    /// Whether there are no members.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The number of members.
    pub fn len(&self) -> usize {
        self.parse().len()
    }

    /// The members as one JSON object text (`{}` when there are none).
    pub fn as_json(&self) -> &'a str {
        if self.0.is_empty() { "{}" } else { self.0 }
    }

    /// The value of the (last) member named `key`.
    pub fn get(&self, key: &str) -> Option<RawJson> {
        self.parse().into_iter().rev().find(|(k, _)| k == key).map(|(_, v)| RawJson(v.to_owned()))
    }

    /// The members in order, keys decoded, values as sent.
    pub fn iter(&self) -> impl Iterator<Item = (String, RawJson)> + use<'a> {
        self.parse().into_iter().map(|(k, v)| (k.into_owned(), RawJson(v.to_owned())))
    }

    /// The members as a map (of a key sent twice, the last value).
    pub fn to_map(&self) -> std::collections::BTreeMap<String, RawJson> {
        self.iter().collect()
    }

    /// An owned copy, to edit or keep.
    pub fn into_owned(self) -> AdditionalProperties {
        AdditionalProperties { text: self.0.to_owned() }
    }

    /// The members, parsed from the text (which is always a JSON object this crate wrote).
    fn parse(&self) -> Vec<(Cow<'a, str>, &'a RawValue)> {
        if self.0.is_empty() {
            return Vec::new();
        }
        struct Parse;
        impl<'de> Visitor<'de> for Parse {
            type Value = Vec<(Cow<'de, str>, &'de RawValue)>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut members = Vec::new();
                while let Some(key) = map.next_key::<Key<'de>>()? {
                    members.push((key.0, map.next_value()?));
                }
                Ok(members)
            }
        }
        let mut deserializer = serde_json::Deserializer::from_str(self.0);
        // The text was written by this crate from raw JSON values: it parses.
        deserializer.deserialize_map(Parse).unwrap_or_default()
    }

    /// Writes the members into an object being serialized, as they are read from the text (no
    /// list of them is built).
    #[doc(hidden)]
    pub fn serialize_members<M: serde::ser::SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        if self.0.is_empty() {
            return Ok(());
        }
        struct Writer<'m, M: serde::ser::SerializeMap> {
            map: &'m mut M,
            error: Option<M::Error>,
        }
        impl<'de, M: serde::ser::SerializeMap> Visitor<'de> for &mut Writer<'_, M> {
            type Value = ();
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut members: A) -> Result<(), A::Error> {
                while let Some(key) = members.next_key::<Key<'de>>()? {
                    let value: &RawValue = members.next_value()?;
                    if let Err(error) = self.map.serialize_entry(key.as_str(), value) {
                        self.error = Some(error);
                        return Err(de::Error::custom("stopped by a serialization error"));
                    }
                }
                Ok(())
            }
        }
        let mut writer = Writer { map, error: None };
        let mut deserializer = serde_json::Deserializer::from_str(self.0);
        // The text was written by this crate from raw JSON values: it parses; only the map's own
        // errors can stop the walk.
        let _ = deserializer.deserialize_map(&mut writer);
        writer.error.map_or(Ok(()), Err)
    }
}

impl fmt::Debug for Members<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.parse().iter().map(|(k, v)| (k, v.get()))).finish()
    }
}

impl PartialEq<AdditionalProperties> for Members<'_> {
    fn eq(&self, other: &AdditionalProperties) -> bool {
        self.0 == other.text
    }
}

impl PartialEq<Members<'_>> for AdditionalProperties {
    fn eq(&self, other: &Members<'_>) -> bool {
        self.text == other.0
    }
}

impl FromIterator<(String, RawJson)> for AdditionalProperties {
    fn from_iter<I: IntoIterator<Item = (String, RawJson)>>(members: I) -> Self {
        let mut text = String::new();
        for (key, value) in members {
            text.push(if text.is_empty() { '{' } else { ',' });
            push_key(&mut text, &key);
            text.push(':');
            text.push_str(value.get());
        }
        if !text.is_empty() {
            text.push('}');
        }
        AdditionalProperties { text }
    }
}

impl From<std::collections::BTreeMap<String, RawJson>> for AdditionalProperties {
    fn from(map: std::collections::BTreeMap<String, RawJson>) -> Self {
        map.into_iter().collect()
    }
}

/// Writes `key` as a JSON string.
fn push_key(text: &mut String, key: &str) {
    if key.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
        // serde_json escapes a string without failing.
        text.push_str(&serde_json::to_string(key).unwrap_or_default());
    } else {
        text.push('"');
        text.push_str(key);
        text.push('"');
    }
}

thread_local! {
    /// The unknown members of the objects being decoded on this thread, written one after the
    /// other: an object appends from where the text ended when it started (nested objects finish
    /// first and take their part off the end), then copies its part out once, at its exact size.
    static SCRATCH: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// The scratch capacity kept between decodes.
const SCRATCH_KEPT: usize = 64 << 10;

/// Collects the unknown members of one object while it is decoded (see [`SCRATCH`]).
#[doc(hidden)]
pub struct UnknownMembers {
    /// Where this object's part of the scratch text starts, once it has a member.
    start: Option<usize>,
}

impl UnknownMembers {
    pub(crate) fn new() -> Self {
        UnknownMembers { start: None }
    }

    /// Reads the value of the member `key` (whose key was just read) as raw JSON text, appended
    /// straight to the scratch text (no allocation of its own).
    pub(crate) fn read<'de, A: de::MapAccess<'de>>(&mut self, key: Key<'de>, map: &mut A) -> Result<(), A::Error> {
        SCRATCH.with(|scratch| {
            // Only raw text is read while the scratch is borrowed: no model decodes meanwhile.
            let mut text = scratch.borrow_mut();
            match self.start {
                None => {
                    self.start = Some(text.len());
                    text.push('{');
                }
                Some(_) => text.push(','),
            }
            match &key.0 {
                // Borrowed from the input: the text between the quotes had no escape (and JSON
                // has no raw control character), so it goes back as it was.
                Cow::Borrowed(key) => {
                    text.push('"');
                    text.push_str(key);
                    text.push_str("\":");
                }
                Cow::Owned(key) => {
                    push_key(&mut text, key);
                    text.push(':');
                }
            }
            map.next_value_seed(AppendRaw(&mut text))
        })
    }

    /// Whether no member was read.
    #[inline]
    pub(crate) fn is_empty(&self) -> bool {
        self.start.is_none()
    }

    /// Calls `f` with the members' text, as pieces to write one after the other: none when
    /// there were none, else one JSON object (`{"key":value,...}`). No copy is made here: the
    /// caller writes the pieces into the allocation it keeps (`Extra::decoded`).
    pub(crate) fn finish_with<R>(mut self, f: impl FnOnce(&[&str]) -> R) -> R {
        let Some(start) = self.start.take() else { return f(&[]) };
        SCRATCH.with(|scratch| {
            let mut text = scratch.borrow_mut();
            let kept = f(&[&text[start..], "}"]);
            text.truncate(start);
            // A huge unknown member must not keep its size in the thread's scratch for good.
            if start == 0 && text.capacity() > SCRATCH_KEPT {
                text.shrink_to(SCRATCH_KEPT);
            }
            kept
        })
    }
}

/// The name under which serde_json hands out a value's raw text: `serde_json::value::RawValue`
/// asks for it the same way (`deserialize_newtype_struct` with this name, then a one-entry map
/// whose value is the text, borrowed from the input when it can be). Reading it here instead of
/// through `Box<RawValue>` appends the text without a `Box` per member. serde_json is pinned by
/// Cargo.lock; the round-trip tests (`tests/tests/models.rs` reads unknown members through
/// `from_slice`, `from_str`, `from_reader` and `from_value`) fail if the protocol changes.
const RAW_VALUE_TOKEN: &str = "$serde_json::private::RawValue";

/// Appends the raw JSON text of the next value to a string.
struct AppendRaw<'a>(&'a mut String);

impl<'de> de::DeserializeSeed<'de> for AppendRaw<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_newtype_struct(RAW_VALUE_TOKEN, self)
    }
}

impl<'de> Visitor<'de> for AppendRaw<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        if map.next_key::<de::IgnoredAny>()?.is_none() {
            return Err(de::Error::custom("no raw JSON text given"));
        }
        map.next_value_seed(AppendStr(self.0))
    }
}

struct AppendStr<'a>(&'a mut String);

impl<'de> de::DeserializeSeed<'de> for AppendStr<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for AppendStr<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("raw JSON text")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<(), E> {
        self.0.push_str(text);
        Ok(())
    }
}

impl Drop for UnknownMembers {
    /// On a decoding error, this object's part is taken off the scratch text all the same.
    fn drop(&mut self) {
        if let Some(start) = self.start {
            SCRATCH.with(|scratch| scratch.borrow_mut().truncate(start));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::edge_tag;

    #[test]
    fn edge_tag_reads_a_plain_type_first_or_last() {
        assert_eq!(edge_tag(r#"{"type":"teams","id":"a"}"#), Some("teams"));
        assert_eq!(edge_tag(r#"{"id":"a","attributes":{"type":"x"},"type":"steps"}"#), Some("steps"));
        assert_eq!(edge_tag("{ \n\t\"type\" :\r \"users\" , \"id\": 1 }"), Some("users"));
        assert_eq!(edge_tag("{\"id\": 1,\n  \"type\" : \"users\"\n}"), Some("users"));
        assert_eq!(edge_tag(r#"{"type":""}"#), Some(""));
    }

    #[test]
    fn edge_tag_leaves_everything_else_to_the_full_scan() {
        for text in [
            r#"{"id":"a","type":"teams","n":1}"#,          // in the middle
            r#"{"typ\u0065":"teams","id":"a"}"#,           // escaped key, first
            r#"{"id":"a","typ\u0065":"teams"}"#,           // escaped key, last
            r#"{"type":"te\u0061ms","id":"a"}"#,           // escaped value, first
            r#"{"id":"a","type":"te\u0061ms"}"#,           // escaped value, last
            r#"{"id":"a","note":"x\"type\":\"users"}"#,    // a quote inside the last value
            r#"{"id":"a","note":"\\","type2":"users"}"#,   // another key
            r#"{"id":"a","attributes":{"type":"users"}}"#, // nested, not a member
            r#"{"type":1,"id":"a"}"#,                      // not a string
            r#"{"id":"a","type":null}"#,                   // not a string
            r#"{}"#,
            r#""type""#,
            r#"["type","x"]"#,
        ] {
            assert_eq!(edge_tag(text), None, "{text}");
        }
    }
}
