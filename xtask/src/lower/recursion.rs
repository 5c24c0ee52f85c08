//! Recursive types. A struct that contains itself by value, directly (`next: Option<Node>`) or
//! through others (`A { b: B }`, `B { a: A }`), would have an infinite size: each field that
//! closes such a cycle is boxed (`Option<Box<Node>>`). Arrays and maps already hold their items
//! on the heap and union variants are boxed, so only plain named fields (and aliases of a named
//! type) can form a cycle. An alias that contains itself (`A: {type: array, items: A}`) has no
//! field to box: it is an error.

use std::collections::BTreeMap;

use crate::error::Error;
use crate::ir::*;

/// Boxes the struct fields that close a cycle of by-value containment; returns an error for each
/// alias that contains itself. `pointers[i]` is where `types[i]` was defined.
pub(super) fn box_recursive_fields(types: &mut [TypeDef], pointers: &[String]) -> Vec<Error> {
    let index: BTreeMap<String, usize> = types.iter().enumerate().map(|(i, def)| (def.name.clone(), i)).collect();
    let named = |ty: &TypeRef| match ty {
        TypeRef::Named(name) => index.get(name.as_str()).copied(),
        _ => None,
    };
    // By-value edges: struct -> the type of a plain named field; alias -> a named target.
    let edges: Vec<Vec<usize>> = types
        .iter()
        .map(|def| match &def.kind {
            TypeKind::Struct(s) => s.fields.iter().filter_map(|f| named(&f.ty)).collect(),
            TypeKind::Alias(target) => named(target).into_iter().collect(),
            TypeKind::Enum(_) | TypeKind::Union(_) => Vec::new(),
        })
        .collect();
    let component = strongly_connected(&edges);

    // Aliases that mention an alias of their own cycle (through arrays and maps too).
    let mut alias_edges: Vec<Vec<usize>> = vec![Vec::new(); types.len()];
    for (i, def) in types.iter().enumerate() {
        if let TypeKind::Alias(target) = &def.kind {
            let mut mentioned = Vec::new();
            mentions(target, &mut mentioned);
            alias_edges[i] = mentioned
                .into_iter()
                .filter_map(|name| index.get(name).copied())
                .filter(|&j| matches!(types[j].kind, TypeKind::Alias(_)))
                .collect();
        }
    }
    let alias_component = strongly_connected(&alias_edges);
    let mut errors = Vec::new();
    for (i, def) in types.iter().enumerate() {
        let in_cycle = alias_edges[i].iter().any(|&j| alias_component[j] == alias_component[i]);
        if in_cycle {
            errors.push(Error::new(
                &pointers[i],
                format!(
                    "unsupported construct: `{}` contains itself only through aliases (arrays, maps or `$ref`s of itself), which no Rust type can be; make one of them an object",
                    def.name
                ),
            ));
        }
    }

    for (i, def) in types.iter_mut().enumerate() {
        let TypeKind::Struct(s) = &mut def.kind else { continue };
        for field in &mut s.fields {
            let TypeRef::Named(name) = &field.ty else { continue };
            let Some(&j) = index.get(name.as_str()) else { continue };
            if component[j] == component[i] {
                field.ty = TypeRef::Boxed(Box::new(field.ty.clone()));
            }
        }
    }
    errors
}

/// The names of the model types a type reference mentions, at any depth.
fn mentions<'a>(ty: &'a TypeRef, out: &mut Vec<&'a str>) {
    match ty {
        TypeRef::Named(name) => out.push(name),
        TypeRef::Array(item) | TypeRef::Map(item) | TypeRef::Boxed(item) => mentions(item, out),
        _ => {}
    }
}

/// The strongly connected component of each node (Kosaraju, iterative): two nodes have the same
/// number when each reaches the other.
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<usize> {
    let n = edges.len();
    // 1. Order by finishing time.
    let mut visited = vec![false; n];
    let mut order = Vec::with_capacity(n);
    for start in 0..n {
        if visited[start] {
            continue;
        }
        visited[start] = true;
        let mut stack = vec![(start, 0usize)];
        while let Some((node, next)) = stack.last_mut() {
            if let Some(&to) = edges[*node].get(*next) {
                *next += 1;
                if !visited[to] {
                    visited[to] = true;
                    stack.push((to, 0));
                }
            } else {
                order.push(*node);
                stack.pop();
            }
        }
    }
    // 2. Walk the reversed graph in reverse finishing order.
    let mut reversed = vec![Vec::new(); n];
    for (from, tos) in edges.iter().enumerate() {
        for &to in tos {
            reversed[to].push(from);
        }
    }
    let mut component = vec![usize::MAX; n];
    let mut count = 0;
    for &start in order.iter().rev() {
        if component[start] != usize::MAX {
            continue;
        }
        component[start] = count;
        let mut stack = vec![start];
        while let Some(node) = stack.pop() {
            for &from in &reversed[node] {
                if component[from] == usize::MAX {
                    component[from] = count;
                    stack.push(from);
                }
            }
        }
        count += 1;
    }
    component
}

#[cfg(test)]
mod tests {
    #[test]
    fn components() {
        // 0 <-> 1, 2 -> 0, 3 -> 3
        let c = super::strongly_connected(&[vec![1], vec![0], vec![0], vec![3]]);
        assert_eq!(c[0], c[1]);
        assert_ne!(c[2], c[0]);
        assert_ne!(c[3], c[0]);
    }
}
