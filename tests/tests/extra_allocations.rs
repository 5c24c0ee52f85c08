//! What keeping unknown members and explicit `null`s costs in allocations: one per object that has
//! either, holding both (`Extra`'s single block), and none for an object that has neither.
//! Counted with this test binary's own global allocator, per thread (the harness's other threads
//! do not count), as the difference between decoding a document with the extras and the same
//! document without them. The unknown values are at most one level deep: skipping a deeper
//! value, serde_json itself allocates its stack of open brackets (once per document, whatever
//! the model).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use datadog_v2_client::models::{Team, TeamAttributes};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

struct Counting;

thread_local! {
    /// Allocations made by this thread (const-initialised, no destructor: safe to touch from the
    /// allocator).
    static MADE: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: forwards every call to `System` unchanged; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        MADE.with(|made| made.set(made.get() + 1));
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        MADE.with(|made| made.set(made.get() + 1));
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The allocations one decode of `text` makes (after one untimed decode, which warms the
/// thread's scratch text for unknown members).
fn allocations<T: DeserializeOwned>(text: &str) -> usize {
    drop(serde_json::from_str::<T>(text).expect("decodes"));
    let before = MADE.with(Cell::get);
    let value = serde_json::from_str::<T>(text).expect("decodes");
    let made = MADE.with(Cell::get) - before;
    drop(value);
    made
}

/// `plain` with `extras` merged into the object at `pointer`.
fn with(plain: &Value, pointer: &str, extras: &Value) -> String {
    let mut value = plain.clone();
    let object = value.pointer_mut(pointer).and_then(Value::as_object_mut).expect("an object at the pointer");
    object.extend(extras.as_object().expect("an object of extras").clone());
    value.to_string()
}

#[test]
fn one_allocation_per_object_with_unknown_members_or_nulls() {
    let plain = json!({ "handle": "h", "name": "n" });
    let base = allocations::<TeamAttributes>(&plain.to_string());
    let members = json!({ "x": [1, "y", null], "w": "long enough not to fit anywhere inline", "v": { "a": 1 } });
    let nulls = json!({ "link_count": null, "user_count": null, "summary": null });
    let both = json!({ "link_count": null, "x": [1], "w": { "flat": null } });
    for (what, extras) in [("unknown members", &members), ("nulls", &nulls), ("both", &both)] {
        let made = allocations::<TeamAttributes>(&with(&plain, "", extras));
        assert_eq!(made, base + 1, "{what}: {made} allocations, {base} without them");
    }
}

#[test]
fn each_object_with_extras_makes_its_own_one() {
    let plain = json!({ "attributes": { "handle": "h", "name": "n" }, "id": "t", "type": "team" });
    let base = allocations::<Team>(&plain.to_string());
    let extras = json!({ "unknown": true, "also": [null] });
    let outer = with(&plain, "", &extras);
    let inner = with(&plain, "/attributes", &extras);
    let both = with(&serde_json::from_str(&outer).unwrap(), "/attributes", &extras);
    assert_eq!(allocations::<Team>(&outer), base + 1, "the team's");
    assert_eq!(allocations::<Team>(&inner), base + 1, "its attributes'");
    assert_eq!(allocations::<Team>(&both), base + 2, "one each");
}
