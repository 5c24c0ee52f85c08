//! What a decoded object holds besides its fields: [`Extra`], one pointer in every struct, and
//! the one allocation behind it (the `null` bits and the unknown members' text together), made
//! only for an object that has either.
//!
//! The allocation is written by hand ([`Block`]): a header, the bit words, the text. It is the
//! only `unsafe` code of the crate; its invariants are stated where they are relied on, and its
//! tests, with the models' decoding tests, pass under Miri (README, "`extra`").

use std::alloc::{self, Layout};
use std::fmt;
use std::ops::{Deref, DerefMut};
use std::ptr::{self, NonNull};

use crate::codec::{AdditionalProperties, Members, UnknownMembers};

/// What a decoded object holds besides its fields: the members the spec does not know, and which
/// of its optional fields arrived as an explicit `null`. Both are rare, so a struct holds only a
/// pointer (8 bytes), and one allocation, holding both, is made only for an object that has
/// either.
///
/// Read with [`additional_properties`](Self::additional_properties) (a view of the members'
/// text) and [`explicit_nulls`](Self::explicit_nulls); edit with their `_mut` forms, whose
/// guards write the change back when they are dropped. Two values are equal when their members'
/// texts and their `null`s are equal.
#[derive(Clone, Default, PartialEq)]
pub struct Extra(Option<Block>);

impl Extra {
    /// No unknown member and no `null` (nothing allocated).
    #[inline]
    pub const fn new() -> Self {
        Extra(None)
    }

    /// The `null` words (no trailing zero word) and the members' text (the concatenation of
    /// `text`, empty or one JSON object) in one allocation, or none when both are empty.
    #[inline]
    fn from_raw(words: &[u64], text: &[&str]) -> Self {
        if words.is_empty() && text.iter().all(|piece| piece.is_empty()) {
            return Extra(None);
        }
        Extra(Some(Block::new(words, text)))
    }

    /// The `null` words as held (none without a block).
    #[inline]
    fn words(&self) -> &[u64] {
        self.0.as_ref().map_or(&[], Block::words)
    }

    /// The members' text as held (empty without a block).
    #[inline]
    fn text(&self) -> &str {
        self.0.as_ref().map_or("", Block::text)
    }

    /// What decoding an object found: its unknown members and its `null`s, written straight from
    /// the decoder's scratch text into the one allocation.
    #[doc(hidden)]
    #[inline]
    pub fn decoded(members: UnknownMembers, nulls: ExplicitNulls) -> Self {
        // Most objects have neither: that test stays in each model's decoder, the rest does not.
        if members.is_empty() && nulls.is_empty() {
            return Extra(None);
        }
        Extra::decoded_block(members, nulls)
    }

    #[inline(never)]
    fn decoded_block(members: UnknownMembers, nulls: ExplicitNulls) -> Self {
        members.finish_with(|text| nulls.with_words(|words| Extra::from_raw(words, text)))
    }

    /// Only `null`s (a struct whose unknown members are typed has no text here).
    #[doc(hidden)]
    #[inline]
    pub fn from_nulls(nulls: ExplicitNulls) -> Self {
        nulls.with_words(|words| Extra::from_raw(words, &[]))
    }

    /// Whether there is no unknown member and no `null`.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }

    /// The members the spec does not know, as sent (for a struct whose schema types them, with
    /// an `additionalProperties` schema, they are in its own `additional_properties` field and
    /// this is empty).
    #[inline]
    pub fn additional_properties(&self) -> Members<'_> {
        Members::new(self.text())
    }

    /// The unknown members, to edit: the guard derefs to an owned [`AdditionalProperties`]
    /// (a copy of the text) and writes it back when dropped.
    pub fn additional_properties_mut(&mut self) -> ExtraMut<'_, AdditionalProperties> {
        let value = self.additional_properties().into_owned();
        ExtraMut { extra: self, value }
    }

    /// Replaces the unknown members (written after the known fields when encoding).
    pub fn set_additional_properties(&mut self, members: AdditionalProperties) {
        members.put(self);
    }

    /// The optional fields that arrived as `null`.
    pub fn explicit_nulls(&self) -> ExplicitNulls {
        ExplicitNulls::from_words(self.words())
    }

    /// The `null`s, to edit (e.g. `.clear()` them): the guard writes them back when dropped.
    pub fn explicit_nulls_mut(&mut self) -> ExtraMut<'_, ExplicitNulls> {
        let value = self.explicit_nulls();
        ExtraMut { extra: self, value }
    }

    /// Replaces the `null`s (e.g. with `ExplicitNulls::new()` to forget them).
    pub fn set_explicit_nulls(&mut self, nulls: ExplicitNulls) {
        nulls.put(self);
    }

    /// Whether the field at `index` of the type's table arrived as `null`.
    #[doc(hidden)]
    #[inline]
    pub fn is_null(&self, index: u32) -> bool {
        self.words().get((index / 64) as usize).is_some_and(|word| word & (1 << (index % 64)) != 0)
    }
}

impl fmt::Debug for Extra {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Extra")
            .field("additional_properties", &self.additional_properties())
            .field("explicit_nulls", &self.explicit_nulls())
            .finish()
    }
}

/// A part of an [`Extra`] that its `_mut` guards edit.
pub trait ExtraPart: Default + sealed::Sealed {
    #[doc(hidden)]
    fn put(self, extra: &mut Extra);
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::AdditionalProperties {}
    impl Sealed for super::ExplicitNulls {}
}

impl ExtraPart for AdditionalProperties {
    fn put(self, extra: &mut Extra) {
        *extra = Extra::from_raw(extra.words(), &[self.as_json_or_empty()]);
    }
}

impl ExtraPart for ExplicitNulls {
    fn put(self, extra: &mut Extra) {
        *extra = self.with_words(|words| Extra::from_raw(words, &[extra.text()]));
    }
}

/// A part of an [`Extra`] being edited ([`Extra::additional_properties_mut`],
/// [`Extra::explicit_nulls_mut`]): derefs to an owned copy, written back when the guard is
/// dropped.
pub struct ExtraMut<'a, T: ExtraPart> {
    extra: &'a mut Extra,
    value: T,
}

impl<T: ExtraPart> Deref for ExtraMut<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: ExtraPart> DerefMut for ExtraMut<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.value
    }
}

impl<T: ExtraPart> Drop for ExtraMut<'_, T> {
    fn drop(&mut self) {
        std::mem::take(&mut self.value).put(self.extra);
    }
}

/// Which optional fields of a decoded object arrived as an explicit `null`, so that re-encoding
/// writes `null` back (while the field is still `None`) instead of leaving the key out: the JSON
/// a caller re-encodes is the JSON the server sent. One bit per field of the type's table, for
/// any number of fields (the first 64 inline).
///
/// Setting a field to a value is unaffected; [`clear`](Self::clear) makes every `None` field
/// absent again on the wire.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ExplicitNulls {
    /// Fields 0 to 63.
    first: u64,
    /// Fields 64 and on, 64 a word, when one of them is set; never an empty slice and no
    /// trailing zero word (so that equal sets are equal).
    rest: Option<Box<[u64]>>,
}

impl ExplicitNulls {
    /// No field arrived as `null`.
    #[inline]
    pub const fn new() -> Self {
        ExplicitNulls { first: 0, rest: None }
    }

    /// No field arrived as `null`.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.first == 0 && self.rest.is_none()
    }

    /// Forgets the `null`s: `None` fields are left out when encoding.
    pub fn clear(&mut self) {
        *self = ExplicitNulls::new();
    }

    #[doc(hidden)]
    #[inline]
    pub fn insert(&mut self, index: u32) {
        let bit = 1 << (index % 64);
        match (index / 64) as usize {
            0 => self.first |= bit,
            word => self.insert_beyond(word, bit),
        }
    }

    /// A bit of field 64 or more (out of line: the common case is the first word).
    #[cold]
    fn insert_beyond(&mut self, word: usize, bit: u64) {
        let rest = self.rest.get_or_insert_default();
        if rest.len() < word {
            let mut longer = rest.to_vec();
            longer.resize(word, 0);
            *rest = longer.into_boxed_slice();
        }
        rest[word - 1] |= bit;
    }

    /// Calls `f` with the bit words, without the trailing zero words (none at all when empty).
    #[inline]
    fn with_words<R>(&self, f: impl FnOnce(&[u64]) -> R) -> R {
        match &self.rest {
            None if self.first == 0 => f(&[]),
            None => f(&[self.first]),
            Some(rest) => f(&[&[self.first][..], rest].concat()),
        }
    }

    /// From bit words without trailing zero words.
    fn from_words(words: &[u64]) -> Self {
        match words {
            [] => ExplicitNulls::new(),
            [first] => ExplicitNulls { first: *first, rest: None },
            [first, rest @ ..] => ExplicitNulls { first: *first, rest: Some(rest.into()) },
        }
    }
}

/// One allocation holding a [`Header`], then `header.words` bit words (`u64`), then
/// `header.len` bytes of UTF-8 text. Owned like a `Box`; immutable once written.
struct Block(NonNull<Header>);

#[repr(C)]
struct Header {
    words: usize,
    len: usize,
}

/// Where the words start: the header's size, a multiple of the words' alignment.
const WORDS_AT: usize = size_of::<Header>();
const _: () = assert!(WORDS_AT.is_multiple_of(align_of::<u64>()) && align_of::<Header>() >= align_of::<u64>());

// SAFETY: a `Block` owns its allocation (like a `Box<[u8]>`) and never changes it after `new`, so
// moving it to another thread or sharing `&Block` between threads is as safe as for a `Box`.
unsafe impl Send for Block {}
unsafe impl Sync for Block {}

impl Block {
    fn layout(words: usize, len: usize) -> Layout {
        let size = words
            .checked_mul(size_of::<u64>())
            .and_then(|bytes| bytes.checked_add(WORDS_AT))
            .and_then(|bytes| bytes.checked_add(len));
        size.and_then(|size| Layout::from_size_align(size, align_of::<Header>()).ok())
            .expect("the unknown members of one object exceed the address space")
    }

    /// The words, then the pieces of text one after the other.
    fn new(words: &[u64], text: &[&str]) -> Block {
        let len = text.iter().map(|piece| piece.len()).sum();
        let layout = Block::layout(words.len(), len);
        // SAFETY: the layout's size is at least the header's, not zero.
        let base = unsafe { alloc::alloc(layout) };
        let Some(base) = NonNull::new(base) else { alloc::handle_alloc_error(layout) };
        // SAFETY: `base` is valid for `layout.size()` bytes, aligned for `Header` and (at
        // `WORDS_AT`) for `u64`; the header, the words and the text are written inside it, each
        // source being another allocation (the arguments are borrowed, so not this new one).
        unsafe {
            base.cast::<Header>().write(Header { words: words.len(), len });
            let at = base.as_ptr().add(WORDS_AT);
            ptr::copy_nonoverlapping(words.as_ptr(), at.cast::<u64>(), words.len());
            let mut at = at.add(size_of_val(words));
            for piece in text {
                ptr::copy_nonoverlapping(piece.as_ptr(), at, piece.len());
                at = at.add(piece.len());
            }
        }
        Block(base.cast())
    }

    #[inline]
    fn header(&self) -> &Header {
        // SAFETY: written in `new`, alive as long as `self`.
        unsafe { self.0.as_ref() }
    }

    #[inline]
    fn words(&self) -> &[u64] {
        // SAFETY: `new` wrote `header.words` words at `WORDS_AT`, aligned for `u64`.
        unsafe {
            std::slice::from_raw_parts(self.0.as_ptr().cast::<u8>().add(WORDS_AT).cast::<u64>(), self.header().words)
        }
    }

    #[inline]
    fn text(&self) -> &str {
        let Header { words, len } = *self.header();
        // SAFETY: `new` wrote `len` bytes after the words, copied from `&str`s one after the
        // other: their concatenation is UTF-8.
        unsafe {
            let at = self.0.as_ptr().cast::<u8>().add(WORDS_AT + words * size_of::<u64>());
            std::str::from_utf8_unchecked(std::slice::from_raw_parts(at, len))
        }
    }
}

impl Drop for Block {
    fn drop(&mut self) {
        let Header { words, len } = *self.header();
        // SAFETY: allocated in `new` with this very layout (the header records its two sizes).
        unsafe { alloc::dealloc(self.0.as_ptr().cast(), Block::layout(words, len)) }
    }
}

impl Clone for Block {
    fn clone(&self) -> Block {
        Block::new(self.words(), &[self.text()])
    }
}

impl PartialEq for Block {
    fn eq(&self, other: &Block) -> bool {
        self.words() == other.words() && self.text() == other.text()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nulls(indexes: &[u32]) -> ExplicitNulls {
        let mut nulls = ExplicitNulls::new();
        for &index in indexes {
            nulls.insert(index);
        }
        nulls
    }

    #[test]
    fn one_block_holds_the_nulls_and_the_text() {
        let extra =
            nulls(&[0, 5, 63, 64, 200]).with_words(|words| Extra::from_raw(words, &[r#"{"a":1"#, ",\"é\":[]", "}"]));
        assert_eq!(extra.additional_properties().as_json(), r#"{"a":1,"é":[]}"#);
        let read = extra.explicit_nulls();
        assert_eq!(read, nulls(&[0, 5, 63, 64, 200]));
        for index in 0..260 {
            assert_eq!(extra.is_null(index), [0, 5, 63, 64, 200].contains(&index), "{index}");
        }
        let copy = extra.clone();
        assert_eq!(copy, extra);
        drop(extra);
        assert_eq!(copy.additional_properties().as_json(), r#"{"a":1,"é":[]}"#);
    }

    /// Models move between threads (a client's futures, a decoded page sent to a worker).
    #[test]
    fn extra_is_send_and_sync() {
        fn send_and_sync<T: Send + Sync>() {}
        send_and_sync::<Extra>();
        assert_eq!(size_of::<Extra>(), size_of::<usize>(), "one pointer, the empty case included");
    }

    #[test]
    fn each_part_alone_and_neither() {
        assert!(Extra::from_raw(&[], &["", ""]).is_empty());
        let only_nulls = Extra::from_nulls(nulls(&[3]));
        assert!(only_nulls.additional_properties().is_empty() && only_nulls.is_null(3));
        let only_text = Extra::from_raw(&[], &["{\"x\":null}"]);
        assert!(only_text.explicit_nulls().is_empty() && !only_text.is_null(0));
        assert_eq!(only_text.additional_properties().as_json(), "{\"x\":null}");
        assert_ne!(only_nulls, only_text);
    }

    #[test]
    fn the_guards_write_back_and_empty_parts_free_the_block() {
        let mut extra = nulls(&[1]).with_words(|words| Extra::from_raw(words, &["{\"x\":1}"]));
        extra.explicit_nulls_mut().insert(70);
        assert!(extra.is_null(1) && extra.is_null(70));
        assert_eq!(extra.additional_properties().as_json(), "{\"x\":1}");
        extra.additional_properties_mut().insert("y", crate::RawJson::from_serialize(&[2]).unwrap());
        assert_eq!(extra.additional_properties().as_json(), "{\"x\":1,\"y\":[2]}");
        assert!(extra.is_null(70));
        extra.explicit_nulls_mut().clear();
        *extra.additional_properties_mut() = AdditionalProperties::new();
        assert!(extra.is_empty());
        assert_eq!(extra, Extra::new());
    }
}
