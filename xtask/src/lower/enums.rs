//! String enums: one variant per value, named by `x-enum-varnames` or the value.

use std::collections::BTreeMap;

use openapiv3::Schema;
use serde_json::Value;

use crate::error::{Error, Result, join};
use crate::ir::*;
use crate::names::camel_ident;

/// A string enum: one variant per value, named by `x-enum-varnames` when given, else by the value
/// in CamelCase.
pub(super) fn lower_enum(values: &[Option<String>], schema: &Schema, pointer: &str) -> Result<Enum> {
    let varnames = match schema.schema_data.extensions.get("x-enum-varnames") {
        None => None,
        Some(Value::Array(names)) if names.len() == values.len() => Some(
            names
                .iter()
                .map(|n| n.as_str().map(camel_ident))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| Error::new(join(pointer, "x-enum-varnames"), "`x-enum-varnames` must be strings"))?,
        ),
        Some(_) => {
            return Err(Error::new(
                join(pointer, "x-enum-varnames"),
                "`x-enum-varnames` must list one name per enum value",
            ));
        }
    };
    let mut out = Vec::with_capacity(values.len());
    let mut seen = BTreeMap::new();
    for (index, value) in values.iter().enumerate() {
        let wire = value.clone().ok_or_else(|| {
            Error::new(
                join(&join(pointer, "enum"), &index.to_string()),
                "unsupported construct: `null` as an enum value",
            )
        })?;
        let base = varnames.as_ref().map(|v| v[index].clone()).unwrap_or_else(|| camel_ident(&wire));
        // Names equal once in CamelCase (`name` and `-name`, or the varnames `NAME` and `_NAME`):
        // the later value gets the first free numeric suffix (`Name2`); its doc shows the value.
        let mut rust_name = base.clone();
        let mut n = 2;
        while seen.contains_key(&rust_name) {
            rust_name = format!("{}{n}", base.trim_end_matches('_'));
            n += 1;
        }
        seen.insert(rust_name.clone(), wire.clone());
        out.push(EnumValue { wire, rust_name });
    }
    let default = match &schema.schema_data.default {
        None => None,
        Some(Value::String(d)) => Some(out.iter().position(|v| &v.wire == d).ok_or_else(|| {
            Error::new(join(pointer, "default"), format!("the default `{d}` is not one of the enum values"))
        })?),
        Some(_) => return Err(Error::new(join(pointer, "default"), "an enum default must be a string")),
    };
    Ok(Enum { values: out, default })
}
