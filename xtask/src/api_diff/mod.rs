//! `cargo xtask api-diff`: what a regeneration changes for the crate's users. The public surface
//! of the crate generated from one spec is computed from its IR (`lower` output, the same one
//! `emit` writes from), flattened into items keyed by their Rust path (`TeamAttributes.name`,
//! `TeamsApi::list_teams`), each with the facts a user relies on (its Rust type, its JSON name,
//! the statuses it answers...). Two surfaces are compared item by item and fact by fact, and each
//! difference is classified: additive, breaking in Rust (what stops compiling), breaking on the
//! wire (what the server sees or sends differently under the same Rust name), or behaviour.
//!
//! The Rust types are the ones `emit` writes (`emit::stored_type`, `emit::method_args`,
//! `emit::success_tokens`): there is no second description of the generated code here.
//! `git.rs` finds the last release and loads spec/ as it was there; `changelog.rs` writes the
//! CHANGELOG section.

pub mod changelog;
pub mod git;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use proc_macro2::TokenStream;

use crate::emit;
use crate::ir::*;

/// How a change affects the crate's users. Ordered from the most to the least serious.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// Code written against the old version stops compiling (a name, a type, an arity, a pattern).
    BreakingRust,
    /// The same Rust code sends or expects something else (a JSON name, an enum's wire value, a
    /// path or parameter name).
    BreakingWire,
    /// Compiles and talks the same, but behaves differently (a value that decoded to `Unknown`
    /// now decodes to a variant, a status documented or not).
    Behaviour,
    /// Something new; nothing existing changes.
    Additive,
}

impl Class {
    pub fn label(self) -> &'static str {
        match self {
            Class::BreakingRust => "breaking in Rust",
            Class::BreakingWire => "breaking on the wire",
            Class::Behaviour => "behaviour",
            Class::Additive => "additive",
        }
    }

    pub fn is_breaking(self) -> bool {
        matches!(self, Class::BreakingRust | Class::BreakingWire)
    }
}

/// One user-visible change.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Change {
    pub class: Class,
    /// The Rust item, e.g. `TeamAttributes.user_limit`, `TeamsApi::list_teams`,
    /// `ListTeamsOptionalParams.page_size`.
    pub item: String,
    /// What it is (`field`, `method`, `enum value`...).
    pub noun: &'static str,
    /// What changed, in users' words.
    pub what: String,
    /// The HTTP operations whose callers see it (`GET /api/v2/team`), sorted.
    pub http: Vec<String>,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} `{}`: {}", self.class.label(), self.noun, self.item, self.what)?;
        if !self.http.is_empty() {
            write!(f, " ({})", http_list(&self.http))?;
        }
        Ok(())
    }
}

/// At most three operations, then how many more.
pub fn http_list(http: &[String]) -> String {
    let shown: Vec<String> = http.iter().take(3).map(|h| format!("`{h}`")).collect();
    let mut text = shown.join(", ");
    if http.len() > 3 {
        text.push_str(&format!(" and {} more", http.len() - 3));
    }
    text
}

/// Every change between two versions of the API, most serious first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    pub changes: Vec<Change>,
}

impl Report {
    pub fn is_breaking(&self) -> bool {
        self.changes.iter().any(|c| c.class.is_breaking())
    }

    /// The most serious class present.
    pub fn worst(&self) -> Option<Class> {
        self.changes.iter().map(|c| c.class).min()
    }

    /// The classes present.
    pub fn classes(&self) -> BTreeSet<Class> {
        self.changes.iter().map(|c| c.class).collect()
    }

    /// The changes of one item.
    pub fn of(&self, item: &str) -> Vec<&Change> {
        self.changes.iter().filter(|c| c.item == item).collect()
    }
}

/// A version `major.minor.patch`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version(pub u64, pub u64, pub u64);

impl Version {
    pub fn parse(text: &str) -> Option<Version> {
        let mut parts = text.trim().split('.').map(|p| p.parse::<u64>().ok());
        let version = Version(parts.next()??, parts.next()??, parts.next()??);
        parts.next().is_none().then_some(version)
    }

    /// The version after `self` that Cargo's rules require for changes of class `worst`: for a
    /// 0.x crate Cargo treats `0.N` as the compatibility line, so a break needs `0.(N+1).0` and
    /// anything else `0.N.(P+1)`; from 1.0, a break needs a major and an addition a minor.
    pub fn required_after(self, worst: Option<Class>) -> Option<Version> {
        let Version(major, minor, patch) = self;
        let breaking = worst.is_some_and(Class::is_breaking);
        let additive = worst == Some(Class::Additive);
        match worst? {
            _ if major == 0 && breaking => Some(Version(0, minor + 1, 0)),
            _ if major == 0 => Some(Version(0, minor, patch + 1)),
            _ if breaking => Some(Version(major + 1, 0, 0)),
            _ if additive => Some(Version(major, minor + 1, 0)),
            _ => Some(Version(major, minor, patch + 1)),
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.0, self.1, self.2)
    }
}

/// Whether the command passes: nothing breaks, or the breaks are `intended` and the crate's
/// version (`current`) is at least the one they require after the release `base` (users on
/// `"0.N"` would otherwise get them from `cargo update`).
pub fn verdict(report: &Report, intended: bool, base: Option<Version>, current: Option<Version>) -> Result<(), String> {
    if !report.is_breaking() {
        return Ok(());
    }
    if !intended {
        return Err(format!(
            "breaking changes: if they are meant, set the version above in {} and rerun with --intended",
            git::MANIFEST
        ));
    }
    match (base.and_then(|v| v.required_after(report.worst())), current) {
        (Some(required), Some(current)) if current < required => Err(format!(
            "breaking changes are meant, but {} says {current}: they need {required} at least",
            git::MANIFEST
        )),
        _ => Ok(()),
    }
}

/// The IR of the spec in `dir`: the generator's own load and lower.
pub fn load_api(dir: &std::path::Path) -> Result<Api, crate::Errors> {
    crate::lower::lower_loaded(crate::load::load_dir(dir)).map(|(_, api)| api)
}

/// Compares the API of the old spec with the new one.
pub fn diff(old: &Api, new: &Api) -> Report {
    let (old, renames) = follow_renames(old, new);
    // A type the new spec makes an alias of another (`pub type Old = New;`, as suggested for a
    // rename) is the same Rust type: references to either compare equal.
    let aliases: BTreeMap<String, String> = new
        .types
        .iter()
        .filter_map(|d| match &d.kind {
            TypeKind::Alias(TypeRef::Named(target)) => Some((d.name.clone(), target.clone())),
            _ => None,
        })
        .collect();
    let before = surface(&rename_refs(old, &aliases, false));
    let after = surface(&rename_refs(new.clone(), &aliases, false));
    let mut changes = Vec::new();
    for (old_name, new_name) in &renames {
        let module = new.types.iter().find(|d| &d.name == new_name).map(|d| d.module.clone()).unwrap_or_default();
        changes.push(Change {
            class: Class::BreakingRust,
            item: old_name.clone(),
            noun: "type",
            what: format!(
                "renamed to `{new_name}` (models::{module}); to keep `{old_name}` compiling, add the alias \
                 `{old_name}: {{$ref: '#/components/schemas/{new_name}'}}` to the spec's components/schemas \
                 (generated as `pub type {old_name} = {new_name};`)"
            ),
            http: after.get(new_name).map(|i| i.http.clone()).unwrap_or_default(),
        });
    }
    for (key, item) in &before {
        match after.get(key) {
            // The members of a removed type or method go with it.
            None if item.parent.as_ref().is_some_and(|p| !after.contains_key(p)) => {}
            None => {
                for (class, what) in &item.on_removed {
                    changes.push(Change {
                        class: *class,
                        item: key.clone(),
                        noun: item.noun,
                        what: what.clone(),
                        http: item.http.clone(),
                    });
                }
            }
            Some(now) => {
                for (fact, old_value) in &item.facts {
                    let Some(new_value) = now.facts.get(fact) else { continue };
                    for (class, what) in fact.compare(old_value, new_value) {
                        let http = if now.http.is_empty() { item.http.clone() } else { now.http.clone() };
                        changes.push(Change { class, item: key.clone(), noun: now.noun, what, http });
                    }
                }
            }
        }
    }
    for (key, item) in &after {
        // The members of a new type or method come with it.
        if !before.contains_key(key) && item.parent.as_ref().is_none_or(|p| before.contains_key(p)) {
            for (class, what) in &item.on_added {
                changes.push(Change {
                    class: *class,
                    item: key.clone(),
                    noun: item.noun,
                    what: what.clone(),
                    http: item.http.clone(),
                });
            }
        }
    }
    changes.sort();
    changes.dedup();
    Report { changes }
}

/// The schemas renamed between `old` and `new`: a type gone whose definition is, unchanged, that
/// of exactly one new type. Returns `old` with those types (and every reference to them) under
/// their new names, so that only the rename itself is reported, and the renames.
fn follow_renames(old: &Api, new: &Api) -> (Api, Vec<(String, String)>) {
    let old_names: BTreeSet<&str> = old.types.iter().map(|d| d.name.as_str()).collect();
    let new_names: BTreeSet<&str> = new.types.iter().map(|d| d.name.as_str()).collect();
    let gone: Vec<&TypeDef> = old.types.iter().filter(|d| !new_names.contains(d.name.as_str())).collect();
    let came: Vec<&TypeDef> = new.types.iter().filter(|d| !old_names.contains(d.name.as_str())).collect();
    let mut renames: Vec<(String, String)> = Vec::new();
    for def in &gone {
        let matches: Vec<&&TypeDef> = came.iter().filter(|n| n.kind == def.kind).collect();
        let claimed = gone.iter().filter(|g| matches.len() == 1 && g.kind == matches[0].kind).count();
        if let [target] = matches.as_slice()
            && claimed == 1
        {
            renames.push((def.name.clone(), target.name.clone()));
        }
    }
    if renames.is_empty() {
        return (old.clone(), renames);
    }
    let map: BTreeMap<String, String> = renames.iter().cloned().collect();
    (rename_refs(old.clone(), &map, true), renames)
}

/// `api` with every reference to a type of `map` made to its new name (and, if `types`, the
/// types themselves renamed).
fn rename_refs(mut api: Api, map: &BTreeMap<String, String>, types: bool) -> Api {
    let rename_ref = |ty: &mut TypeRef| rename_in(ty, map);
    for def in &mut api.types {
        if let Some(to) = map.get(def.name.as_str()).filter(|_| types) {
            def.name = to.clone();
        }
        match &mut def.kind {
            TypeKind::Struct(s) => {
                s.fields.iter_mut().for_each(|f| rename_ref(&mut f.ty));
                if let Some(a) = &mut s.additional {
                    rename_ref(&mut a.ty);
                }
            }
            TypeKind::Union(Union::Tagged(variants)) => {
                for v in variants {
                    if let Some(to) = map.get(v.type_name.as_str()) {
                        v.type_name = to.clone();
                    }
                }
            }
            TypeKind::Union(Union::Untagged(variants)) => variants.iter_mut().for_each(|v| rename_ref(&mut v.ty)),
            TypeKind::Alias(ty) => rename_ref(ty),
            TypeKind::Enum(_) => {}
        }
    }
    for op in api.groups.iter_mut().flat_map(|g| g.operations.iter_mut()) {
        op.params.iter_mut().for_each(|p| rename_ref(&mut p.ty));
        if let Some(body) = &mut op.body {
            rename_ref(&mut body.ty);
        }
        let bodies: Vec<&mut ResponseBody> = match &mut op.success {
            Success::One(r) => vec![&mut r.body],
            Success::ByStatus(e) => e.variants.iter_mut().map(|v| &mut v.body).collect(),
        };
        for body in bodies {
            if let ResponseBody::Json(ty) = body {
                rename_ref(ty);
            }
        }
        if let Some(p) = &mut op.pagination {
            rename_ref(&mut p.item_type);
        }
    }
    api
}

fn rename_in(ty: &mut TypeRef, map: &BTreeMap<String, String>) {
    match ty {
        TypeRef::Named(name) => {
            if let Some(to) = map.get(name.as_str()) {
                *name = to.clone();
            }
        }
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Boxed(inner) => rename_in(inner, map),
        _ => {}
    }
}

// ---- the surface ---------------------------------------------------------------------------

/// A fact about an item that users rely on, and how a change of it is classified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fact {
    /// struct, enum, union, type alias.
    Kind,
    /// The item's Rust type (a field's, a parameter's, a variant's, an alias's target).
    RustType,
    /// A method's or constructor's arguments.
    Args,
    /// A method's return type.
    Returns,
    /// What an enum's fallback `Unknown` holds.
    Fallback,
    /// The typed members beside a struct's fields.
    Additional,
    /// The name on the wire: a field's JSON name, a parameter's name and location.
    WireName,
    /// An enum value's or a union tag's value on the wire.
    WireValue,
    /// What `None` sends: the field omitted, or `null`.
    WhenNone,
    /// The HTTP method and path.
    Http,
    /// The request body's media type.
    BodyMedia,
    /// The cargo features that compile the item (empty: always compiled).
    Features,
    /// The cargo feature of an API group.
    GroupFeature,
    /// The documented success statuses.
    Statuses,
    /// The documented error statuses.
    ErrorStatuses,
    /// An enum's default value.
    Default,
    /// How paging asks for pages.
    Paging,
    /// Where an untagged union's variant comes in the order they are tried.
    Order,
    Deprecated,
    /// `x-unstable`: the caller must switch the operation on.
    Unstable,
}

impl Fact {
    fn label(self) -> &'static str {
        match self {
            Fact::Kind => "kind",
            Fact::RustType => "type",
            Fact::Args => "arguments",
            Fact::Returns => "returns",
            Fact::Fallback => "`Unknown` holds",
            Fact::Additional => "members beside the fields",
            Fact::WireName => "name on the wire",
            Fact::WireValue => "value on the wire",
            Fact::WhenNone => "`None` is sent as",
            Fact::Http => "HTTP operation",
            Fact::BodyMedia => "request body media type",
            Fact::Features => "cargo features",
            Fact::GroupFeature => "cargo feature",
            Fact::Statuses => "success statuses",
            Fact::ErrorStatuses => "documented error statuses",
            Fact::Default => "default",
            Fact::Paging => "paging",
            Fact::Order => "decoding order",
            Fact::Deprecated => "deprecated",
            Fact::Unstable => "unstable (must be switched on)",
        }
    }

    /// The changes between two values of this fact.
    fn compare(self, old: &str, new: &str) -> Vec<(Class, String)> {
        if old == new {
            return Vec::new();
        }
        let plain = |class: Class| vec![(class, format!("{}: `{old}` → `{new}`", self.label()))];
        match self {
            Fact::Kind | Fact::RustType | Fact::Args | Fact::Returns | Fact::Fallback | Fact::Additional => {
                plain(Class::BreakingRust)
            }
            Fact::GroupFeature => plain(Class::BreakingRust),
            Fact::WireName | Fact::WireValue | Fact::WhenNone | Fact::Http | Fact::BodyMedia => {
                plain(Class::BreakingWire)
            }
            Fact::Statuses | Fact::Default | Fact::Paging | Fact::Order | Fact::Deprecated | Fact::Unstable => {
                plain(Class::Behaviour)
            }
            Fact::ErrorStatuses => {
                let (old, new) = (list(old), list(new));
                let mut out = Vec::new();
                let added: Vec<&str> = new.difference(&old).copied().collect();
                let removed: Vec<&str> = old.difference(&new).copied().collect();
                if !added.is_empty() {
                    out.push((Class::Additive, format!("newly documented error status {}", added.join(", "))));
                }
                if !removed.is_empty() {
                    out.push((Class::Behaviour, format!("error status {} no longer documented", removed.join(", "))));
                }
                out
            }
            Fact::Features => {
                let (old, new) = (list(old), list(new));
                if new.is_empty() {
                    return vec![(Class::Additive, "now compiled with every feature set".to_owned())];
                }
                let mut out = Vec::new();
                let left: Vec<String> = old.difference(&new).map(|f| format!("`{f}`")).collect();
                let joined: Vec<String> = new.difference(&old).map(|f| format!("`{f}`")).collect();
                if old.is_empty() {
                    out.push((
                        Class::BreakingRust,
                        format!(
                            "now compiled only with the cargo feature {}",
                            new.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(" or ")
                        ),
                    ));
                } else if !left.is_empty() {
                    out.push((
                        Class::BreakingRust,
                        format!(
                            "no longer compiled with the cargo feature {} alone (its users who name it stop compiling)",
                            left.join(" or ")
                        ),
                    ));
                }
                if !joined.is_empty() && !old.is_empty() {
                    out.push((
                        Class::Additive,
                        format!("also compiled with the cargo feature {}", joined.join(" or ")),
                    ));
                }
                out
            }
        }
    }
}

/// A comma-separated list as a set.
fn list(text: &str) -> BTreeSet<&str> {
    text.split(", ").filter(|s| !s.is_empty()).collect()
}

/// One user-visible item.
#[derive(Debug, Clone)]
struct Item {
    noun: &'static str,
    /// The type or method the item belongs to: added or removed with it, not on its own.
    parent: Option<String>,
    facts: BTreeMap<Fact, String>,
    /// The HTTP operations whose callers see the item.
    http: Vec<String>,
    /// What its addition and its removal are (nothing when another item reports it: a required
    /// parameter is part of its method's arguments).
    on_added: Vec<(Class, String)>,
    on_removed: Vec<(Class, String)>,
}

impl Item {
    fn new(noun: &'static str, http: &[String]) -> Item {
        Item {
            noun,
            parent: None,
            facts: BTreeMap::new(),
            http: http.to_vec(),
            on_added: vec![(Class::Additive, format!("new {noun}"))],
            on_removed: vec![(Class::BreakingRust, "removed".to_owned())],
        }
    }

    fn of(mut self, parent: &str) -> Item {
        self.parent = Some(parent.to_owned());
        self
    }

    fn fact(mut self, fact: Fact, value: impl Into<String>) -> Item {
        self.facts.insert(fact, value.into());
        self
    }
}

/// Rust tokens as a user writes them: `Option<Vec<TeamLink>>`, `impl Into<String>`.
fn rust(tokens: TokenStream) -> String {
    let text = tokens.to_string();
    let text = text.replace(" :: ", "::").replace(":: ", "::").replace(" < ", "<").replace(" <", "<");
    let text = text.replace("< ", "<").replace(" >", ">").replace(" ,", ",").replace("& ", "&").replace(" : ", ": ");
    text.replace("crate::models::", "")
        .replace("crate::apis::", "")
        .replace("crate::request::", "")
        .replace("crate::", "")
}

/// The HTTP operation as a user reads it: `GET /api/v2/team`.
fn http_of(op: &Operation) -> String {
    format!("{} {}", op.method.as_str(), op.path)
}

/// Every user-visible item of the crate generated from `api`, by Rust path.
fn surface(api: &Api) -> BTreeMap<String, Item> {
    let mut items = BTreeMap::new();
    // Which operations show each type.
    let mut uses: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for op in api.groups.iter().flat_map(|g| &g.operations) {
        for name in crate::lower::features::reached(&api.types, crate::lower::features::operation_roots(op)) {
            uses.entry(name).or_default().insert(http_of(op));
        }
    }
    let by_name: BTreeMap<&str, &TypeDef> = api.types.iter().map(|d| (d.name.as_str(), d)).collect();
    for def in &api.types {
        let http: Vec<String> = uses.get(def.name.as_str()).map(|s| s.iter().cloned().collect()).unwrap_or_default();
        // An alias of a named model is that model under another name: its fields, constructor
        // and variants work through the alias (`pub type Old = New;`).
        let mut kind = &def.kind;
        let mut alias_of = None;
        while let TypeKind::Alias(TypeRef::Named(target)) = kind {
            let Some(target) = by_name.get(target.as_str()) else { break };
            if alias_of.is_some_and(|a: &str| a == target.name) {
                break;
            }
            alias_of = Some(target.name.as_str());
            kind = &target.kind;
        }
        let kind_name = match kind {
            TypeKind::Struct(_) => "struct",
            TypeKind::Enum(_) => "enum",
            TypeKind::Union(Union::Tagged(_)) => "tagged union",
            TypeKind::Union(Union::Untagged(_)) => "untagged union",
            TypeKind::Alias(_) => "type alias",
        };
        let name = &def.name;
        let mut item = Item::new("type", &http)
            .fact(Fact::Kind, kind_name)
            .fact(Fact::Features, def.features.join(", "))
            .fact(Fact::Deprecated, def.docs.deprecated.to_string());
        item.on_added = vec![(Class::Additive, format!("new {kind_name}"))];
        match kind {
            TypeKind::Struct(s) => {
                let additional = match &s.additional {
                    Some(a) => rust(emit::type_tokens(&TypeRef::Map(Box::new(a.ty.clone())))),
                    None => "AdditionalProperties".to_owned(),
                };
                item = item.fact(Fact::Additional, additional);
                let args: Vec<String> = emit::constructor_args(s).into_iter().map(rust).collect();
                let mut ctor =
                    Item::new("constructor", &http).of(name).fact(Fact::Args, format!("({})", args.join(", ")));
                ctor.on_added.clear();
                ctor.on_removed.clear();
                items.insert(format!("{name}::new"), ctor);
                for field in &s.fields {
                    let mut f = Item::new("field", &http)
                        .of(name)
                        .fact(Fact::RustType, rust(emit::stored_type(field)))
                        .fact(Fact::WireName, format!("\"{}\"", field.json_name))
                        .fact(Fact::Deprecated, field.docs.deprecated.to_string());
                    // An `Option<T>`: `None` omits an optional field, and sends `null` for a
                    // required nullable one.
                    match (field.required, field.nullable) {
                        (true, true) => f = f.fact(Fact::WhenNone, "null"),
                        (false, false) => f = f.fact(Fact::WhenNone, "omitted"),
                        _ => {}
                    }
                    let ty = rust(emit::stored_type(field));
                    f.on_added = vec![(
                        Class::Additive,
                        format!(
                            "new {} field `{}` (JSON `\"{}\"`)",
                            if field.required { "required" } else { "optional" },
                            ty,
                            field.json_name
                        ),
                    )];
                    items.insert(format!("{name}.{}", field.rust_name), f);
                }
            }
            TypeKind::Enum(e) => {
                item = item
                    .fact(Fact::Fallback, e.repr.rust_type())
                    .fact(Fact::Default, e.default.map(|i| e.values[i].wire.clone()).unwrap_or_else(|| "none".into()));
                for value in &e.values {
                    let mut v = Item::new("enum value", &http).of(name).fact(Fact::WireValue, value.wire.clone());
                    v.on_added = vec![
                        (Class::Additive, format!("new value `{}`", value.wire)),
                        (
                            Class::Behaviour,
                            format!(
                                "`{}` decoded to `{name}::Unknown`, now to `{name}::{}`",
                                value.wire, value.rust_name
                            ),
                        ),
                    ];
                    v.on_removed = vec![(
                        Class::BreakingRust,
                        format!("removed (the value `{}` now decodes to `{name}::Unknown`)", value.wire),
                    )];
                    items.insert(format!("{name}::{}", value.rust_name), v);
                }
            }
            TypeKind::Union(Union::Tagged(variants)) => {
                for v in variants {
                    let mut i = Item::new("union variant", &http)
                        .of(name)
                        .fact(Fact::RustType, v.type_name.clone())
                        .fact(Fact::WireValue, format!("type: {}", v.tag));
                    i.on_added.push((
                        Class::Behaviour,
                        format!("objects with `type: {}` now decode to `{name}::{}`", v.tag, v.rust_name),
                    ));
                    items.insert(format!("{name}::{}", v.rust_name), i);
                }
            }
            TypeKind::Union(Union::Untagged(variants)) => {
                for (i, v) in variants.iter().enumerate() {
                    let mut item = Item::new("union variant", &http)
                        .of(name)
                        .fact(Fact::RustType, rust(emit::type_tokens(&v.ty)))
                        .fact(Fact::Order, format!("tried {}", i + 1));
                    item.on_added.push((
                        Class::Behaviour,
                        format!(
                            "values that fit `{}` now decode to `{name}::{}`",
                            rust(emit::type_tokens(&v.ty)),
                            v.rust_name
                        ),
                    ));
                    items.insert(format!("{name}::{}", v.rust_name), item);
                }
            }
            TypeKind::Alias(ty) => item = item.fact(Fact::RustType, rust(emit::type_tokens(ty))),
        }
        items.insert(name.clone(), item);
    }
    for group in &api.groups {
        let group_http: Vec<String> = group.operations.iter().map(http_of).collect();
        let mut g = Item::new("API struct", &group_http).fact(Fact::GroupFeature, group.feature.clone());
        g.on_added = vec![(Class::Additive, format!("new API group, cargo feature `{}`", group.feature))];
        g.on_removed = vec![(Class::BreakingRust, format!("removed, with its cargo feature `{}`", group.feature))];
        items.insert(group.rust_name.clone(), g);
        for op in &group.operations {
            let http = vec![http_of(op)];
            let method = format!("{}::{}", group.rust_name, op.rust_name);
            let args: Vec<String> =
                emit::method_args(op).into_iter().map(|a| format!("{}: {}", a.name, rust(a.ty))).collect();
            let statuses = match &op.success {
                Success::One(r) => std::iter::once(r.status).chain(r.more_statuses.iter().copied()).collect::<Vec<_>>(),
                Success::ByStatus(e) => e.variants.iter().map(|v| v.status).collect(),
            };
            let join = |s: &[u16]| s.iter().map(u16::to_string).collect::<Vec<_>>().join(", ");
            let mut m = Item::new("method", &http)
                .of(&group.rust_name)
                .fact(Fact::Http, http_of(op))
                .fact(Fact::Args, format!("({})", args.join(", ")))
                .fact(Fact::Returns, rust(emit::success_tokens(&op.success, Some(&group.module))))
                .fact(Fact::Statuses, join(&statuses))
                .fact(Fact::ErrorStatuses, join(&op.error_statuses))
                .fact(Fact::Deprecated, op.docs.deprecated.to_string())
                .fact(Fact::Unstable, op.unstable.to_string());
            if let Some(media) = op.body.as_ref().and_then(|b| b.raw_media.clone()) {
                m = m.fact(Fact::BodyMedia, media);
            }
            m.on_added = vec![(Class::Additive, format!("new operation `{}`", http_of(op)))];
            m.on_removed = vec![(Class::BreakingRust, format!("removed (the operation `{}`)", http_of(op)))];
            items.insert(method.clone(), m);
            let params_struct = rust(quote::ToTokens::to_token_stream(&emit::optional_params_name(op)));
            for p in &op.params {
                let wire = format!("{} `{}`", location(p.location), p.wire_name);
                if p.required {
                    let mut i = Item::new("parameter", &http).of(&method).fact(Fact::WireName, wire);
                    i.on_added.clear();
                    i.on_removed.clear();
                    items.insert(format!("{method}({})", p.rust_name), i);
                } else {
                    let ty = rust(emit::type_tokens(&p.ty));
                    let mut i = Item::new("optional parameter", &http)
                        .of(&method)
                        .fact(Fact::RustType, format!("Option<{ty}>"))
                        .fact(Fact::WireName, wire.clone());
                    i.on_added = vec![(Class::Additive, format!("new optional parameter `{ty}`, sent as {wire}"))];
                    items.insert(format!("{params_struct}.{}", p.rust_name), i);
                }
            }
            if let Success::ByStatus(e) = &op.success {
                let enum_path = format!("{}::{}", group.module, e.rust_name);
                let mut t = Item::new("success enum", &http).of(&method);
                t.on_removed.clear(); // the method's return type says it
                items.insert(enum_path.clone(), t);
                for v in &e.variants {
                    let mut i = Item::new("success variant", &http)
                        .of(&enum_path)
                        .fact(Fact::RustType, rust(emit::body_tokens(&v.body)))
                        .fact(Fact::Statuses, v.status.to_string());
                    i.on_added.push((
                        Class::Behaviour,
                        format!("status {} now answers `{}`, not `Unknown`", v.status, v.rust_name),
                    ));
                    items.insert(format!("{enum_path}::{}", v.rust_name), i);
                }
            }
            if let Some(p) = &op.pagination {
                let position = match &p.position {
                    PagePosition::Number { param, first_page } => format!("page number `{param}` from {first_page}"),
                    PagePosition::Offset { param } => format!("offset `{param}`"),
                };
                let paging = format!(
                    "size `{}` (default {}{}), {position}, items in `{}`",
                    p.size_param,
                    p.default_size,
                    p.max_size.map(|m| format!(", at most {m}")).unwrap_or_default(),
                    p.items_field
                );
                let i = Item::new("paging method", &http)
                    .of(&method)
                    .fact(
                        Fact::RustType,
                        format!("Stream<Item = Result<{}, Error>>", rust(emit::type_tokens(&p.item_type))),
                    )
                    .fact(Fact::Paging, paging);
                items.insert(format!("{method}_with_pagination"), i);
            }
        }
    }
    items
}

fn location(location: ParamLocation) -> &'static str {
    match location {
        ParamLocation::Path => "path parameter",
        ParamLocation::Query => "query parameter",
        ParamLocation::Header => "header",
    }
}

/// The report as printed by `cargo xtask api-diff`: one line per change, grouped by class, then
/// the version bump.
pub fn render(report: &Report, base: Option<Version>, current: Option<Version>) -> String {
    let mut out = String::new();
    if report.changes.is_empty() {
        out.push_str("api-diff: no change a user can see\n");
    }
    for change in &report.changes {
        out.push_str(&format!("{change}\n"));
    }
    let counts: BTreeMap<Class, usize> = report.changes.iter().fold(BTreeMap::new(), |mut m, c| {
        *m.entry(c.class).or_default() += 1;
        m
    });
    if !counts.is_empty() {
        let summary: Vec<String> = counts.iter().map(|(class, n)| format!("{n} {}", class.label())).collect();
        out.push_str(&format!("api-diff: {}\n", summary.join(", ")));
    }
    if let Some(base) = base {
        match base.required_after(report.worst()) {
            None => out.push_str(&format!("version: {base} needs no new release\n")),
            Some(next) => {
                let why = if report.is_breaking() {
                    "a breaking change: Cargo treats 0.N as the compatible range, so users on \"0.N\" must not get it"
                } else {
                    "compatible changes only"
                };
                out.push_str(&format!("version: {base} -> {next} at least ({why})"));
                match current {
                    Some(current) if current >= next => out.push_str(&format!("; Cargo.toml says {current}\n")),
                    Some(current) => out.push_str(&format!(
                        "; Cargo.toml still says {current}: set `version = \"{next}\"` in generated-client/Cargo.toml when releasing\n"
                    )),
                    None => out.push('\n'),
                }
            }
        }
    }
    out
}
