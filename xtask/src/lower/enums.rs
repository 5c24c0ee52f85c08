//! Enums: one variant per value, named by `x-enum-varnames` or the value. String enums, and
//! integer enums (`type: integer` with `enum`), whose values go on the wire as JSON numbers.

use std::collections::BTreeMap;

use openapiv3::Schema;
use serde_json::Value;

use crate::error::{Error, Result, join};
use crate::ir::*;
use crate::names::camel_ident;

/// A string enum: one variant per value, named by `x-enum-varnames` when given, else by the value
/// in CamelCase.
pub(super) fn lower_enum(values: &[Option<String>], schema: &Schema, pointer: &str) -> Result<Enum> {
    let mut wires = Vec::with_capacity(values.len());
    for (index, value) in values.iter().enumerate() {
        wires.push(value.clone().ok_or_else(|| null_value(pointer, index))?);
    }
    let default = match &schema.schema_data.default {
        None => None,
        Some(Value::String(d)) => Some(d.clone()),
        Some(_) => return Err(Error::new(join(pointer, "default"), "an enum default must be a string")),
    };
    build(wires, camel_ident, &schema.schema_data.extensions, default, EnumRepr::String, pointer)
}

/// An integer enum: `repr` is `Int32` for `format: int32` (every value must fit), else `Int64`.
/// Variants are named by `x-enum-varnames` when given, else by the value: `Value1`,
/// `ValueMinus1` for `-1`.
pub(super) fn lower_int_enum(values: &[Option<i64>], repr: EnumRepr, schema: &Schema, pointer: &str) -> Result<Enum> {
    let mut wires = Vec::with_capacity(values.len());
    for (index, value) in values.iter().enumerate() {
        let value = value.ok_or_else(|| null_value(pointer, index))?;
        if repr == EnumRepr::Int32 && i32::try_from(value).is_err() {
            return Err(Error::new(
                join(&join(pointer, "enum"), &index.to_string()),
                format!("the enum value {value} does not fit `format: int32`"),
            ));
        }
        wires.push(value.to_string());
    }
    let default = match &schema.schema_data.default {
        None => None,
        Some(Value::Number(d)) if d.as_i64().is_some() => Some(d.to_string()),
        Some(_) => return Err(Error::new(join(pointer, "default"), "an integer enum default must be an integer")),
    };
    build(wires, int_variant_name, &schema.schema_data.extensions, default, repr, pointer)
}

/// The values of an integer enum that openapiv3 left untyped (`type: integer` beside keywords of
/// other types, or a value it could not read as an `i64`): each must be an integer within `i64`.
pub(super) fn int_enum_values(values: &[Value], pointer: &str) -> Result<Vec<Option<i64>>> {
    values
        .iter()
        .enumerate()
        .map(|(index, value)| match value {
            Value::Null => Ok(None),
            Value::Number(n) if n.as_i64().is_some() => Ok(n.as_i64()),
            other => Err(Error::new(
                join(&join(pointer, "enum"), &index.to_string()),
                format!("the value {other} of an integer enum is not an integer within i64"),
            )),
        })
        .collect()
}

/// The variant name of an integer value without `x-enum-varnames`: `Value1`, `ValueMinus1`.
fn int_variant_name(wire: &str) -> String {
    match wire.strip_prefix('-') {
        Some(magnitude) => format!("ValueMinus{magnitude}"),
        None => format!("Value{wire}"),
    }
}

fn null_value(pointer: &str, index: usize) -> Error {
    Error::new(join(&join(pointer, "enum"), &index.to_string()), "unsupported construct: `null` as an enum value")
}

/// The enum of `wires` (the values as text), named by `x-enum-varnames` or by `name_of(wire)`.
fn build(
    wires: Vec<String>,
    name_of: fn(&str) -> String,
    extensions: &indexmap::IndexMap<String, Value>,
    default: Option<String>,
    repr: EnumRepr,
    pointer: &str,
) -> Result<Enum> {
    let varnames = match extensions.get("x-enum-varnames") {
        None => None,
        Some(Value::Array(names)) if names.len() == wires.len() => Some(
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
    let mut out: Vec<EnumValue> = Vec::with_capacity(wires.len());
    let mut seen = BTreeMap::new();
    for (index, wire) in wires.into_iter().enumerate() {
        if let Some(first) = out.iter().position(|v| v.wire == wire) {
            // Two variants would match the same value (an unreachable arm in the conversions).
            return Err(Error::new(
                join(&join(pointer, "enum"), &index.to_string()),
                format!("the enum value {wire} is listed twice (also at index {first})"),
            ));
        }
        let base = varnames.as_ref().map(|v| v[index].clone()).unwrap_or_else(|| name_of(&wire));
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
    let default = match default {
        None => None,
        Some(d) => Some(out.iter().position(|v| v.wire == d).ok_or_else(|| {
            Error::new(join(pointer, "default"), format!("the default `{d}` is not one of the enum values"))
        })?),
    };
    Ok(Enum { values: out, default, repr })
}
