//! The cargo features that compile each type: those of the groups whose operations reach it.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::*;

/// Marks each type with the features of the groups that reach it: from every operation's
/// parameters, body and success response, through fields, union variants and aliases.
pub(super) fn assign_features(types: &mut [TypeDef], groups: &[Group]) {
    let index: BTreeMap<&str, usize> = types.iter().enumerate().map(|(i, def)| (def.name.as_str(), i)).collect();
    let mut features: Vec<BTreeSet<&str>> = vec![BTreeSet::new(); types.len()];
    for group in groups {
        let mut pending: Vec<&str> = Vec::new();
        for op in &group.operations {
            let body = op.body.as_ref().map(|b| &b.ty);
            for ty in op.params.iter().map(|p| &p.ty).chain(body).chain(op.success.json_types()) {
                named_types(ty, &mut pending);
            }
        }
        while let Some(name) = pending.pop() {
            let Some(&i) = index.get(name) else { continue };
            if !features[i].insert(&group.feature) {
                continue; // already walked for this group
            }
            match &types[i].kind {
                TypeKind::Struct(s) => {
                    let additional = s.additional.as_ref().map(|a| &a.ty);
                    s.fields.iter().map(|f| &f.ty).chain(additional).for_each(|ty| named_types(ty, &mut pending))
                }
                TypeKind::Union(Union::Tagged(variants)) => {
                    pending.extend(variants.iter().map(|v| v.type_name.as_str()))
                }
                TypeKind::Union(Union::Untagged(variants)) => {
                    variants.iter().for_each(|v| named_types(&v.ty, &mut pending))
                }
                TypeKind::Alias(target) => named_types(target, &mut pending),
                TypeKind::Enum(_) => {}
            }
        }
    }
    let features: Vec<Vec<String>> =
        features.into_iter().map(|set| set.into_iter().map(str::to_owned).collect()).collect();
    for (def, features) in types.iter_mut().zip(features) {
        def.features = features;
    }
}

/// The names of the model types a type reference mentions.
fn named_types<'a>(ty: &'a TypeRef, out: &mut Vec<&'a str>) {
    match ty {
        TypeRef::Named(name) => out.push(name),
        TypeRef::Array(item) | TypeRef::Map(item) | TypeRef::Boxed(item) => named_types(item, out),
        _ => {}
    }
}
