//! The cargo features that compile each type: those of the groups whose operations reach it.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::*;

/// Marks each type with the features of the groups that reach it: from every operation's
/// parameters, body and success response, through fields, union variants and aliases.
pub(super) fn assign_features(types: &mut [TypeDef], groups: &[Group]) {
    let mut features: Vec<BTreeSet<&str>> = vec![BTreeSet::new(); types.len()];
    let index: BTreeMap<&str, usize> = types.iter().enumerate().map(|(i, def)| (def.name.as_str(), i)).collect();
    for group in groups {
        for name in reached(types, group.operations.iter().flat_map(operation_roots)) {
            features[index[name]].insert(&group.feature);
        }
    }
    let features: Vec<Vec<String>> =
        features.into_iter().map(|set| set.into_iter().map(str::to_owned).collect()).collect();
    for (def, features) in types.iter_mut().zip(features) {
        def.features = features;
    }
}

/// The type references an operation starts from: its parameters, body and success bodies.
pub(crate) fn operation_roots(op: &Operation) -> impl Iterator<Item = &TypeRef> {
    let body = op.body.as_ref().map(|b| &b.ty);
    op.params.iter().map(|p| &p.ty).chain(body).chain(op.success.json_types())
}

/// The names of the types reached from `roots`, through fields, union variants and aliases
/// (the types a cargo feature compiles, and the types an operation's callers see).
pub(crate) fn reached<'a>(types: &'a [TypeDef], roots: impl Iterator<Item = &'a TypeRef>) -> BTreeSet<&'a str> {
    let index: BTreeMap<&str, usize> = types.iter().enumerate().map(|(i, def)| (def.name.as_str(), i)).collect();
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let mut pending: Vec<&str> = Vec::new();
    for ty in roots {
        named_types(ty, &mut pending);
    }
    while let Some(name) = pending.pop() {
        let Some(&i) = index.get(name) else { continue };
        if !seen.insert(&types[i].name) {
            continue; // already walked
        }
        match &types[i].kind {
            TypeKind::Struct(s) => {
                let additional = s.additional.as_ref().map(|a| &a.ty);
                s.fields.iter().map(|f| &f.ty).chain(additional).for_each(|ty| named_types(ty, &mut pending))
            }
            TypeKind::Union(Union::Tagged(variants)) => pending.extend(variants.iter().map(|v| v.type_name.as_str())),
            TypeKind::Union(Union::Untagged(variants)) => {
                variants.iter().for_each(|v| named_types(&v.ty, &mut pending))
            }
            TypeKind::Alias(target) => named_types(target, &mut pending),
            TypeKind::Enum(_) => {}
        }
    }
    seen
}

/// The names of the model types a type reference mentions.
fn named_types<'a>(ty: &'a TypeRef, out: &mut Vec<&'a str>) {
    match ty {
        TypeRef::Named(name) => out.push(name),
        TypeRef::Array(item) | TypeRef::Map(item) | TypeRef::Boxed(item) => named_types(item, out),
        _ => {}
    }
}
