//! YAML into JSON values, refusing a key given twice in one mapping. serde (and so
//! `serde_yaml` into `serde_json::Value`) keeps the last of two equal keys silently: a second
//! top-level `paths:` in a file would make a whole group vanish.

use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use crate::error::join;

/// The marker that starts a duplicate-key error message, before the pointer of the mapping.
const DUPLICATE: &str = "duplicate key at ";

/// Deserializes any value as JSON; `pointer` is where it is (for the duplicate-key error).
pub struct Strict {
    pub pointer: String,
}

/// The pointer and the key of a duplicate-key error message made here.
pub fn duplicate(message: &str) -> Option<(String, String)> {
    let rest = &message[message.find(DUPLICATE)? + DUPLICATE.len()..];
    let (pointer, rest) = rest.split_once(" key `")?;
    let (key, _) = rest.rsplit_once('`')?;
    Some((pointer.to_owned(), key.to_owned()))
}

impl<'de> DeserializeSeed<'de> for Strict {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) =
            seq.next_element_seed(Strict { pointer: join(&self.pointer, &items.len().to_string()) })?
        {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if object.contains_key(&key) {
                let at = join(&self.pointer, &key);
                return Err(de::Error::custom(format!("{DUPLICATE}{at} key `{key}`")));
            }
            let value = map.next_value_seed(Strict { pointer: join(&self.pointer, &key) })?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}
