//! The one-reading rule for signed JSON documents: every array written in a document stands
//! where the document's type has an array. Checked as the document's bytes are read a second
//! time, against the document re-serialised from its type, without building a tree of the
//! written document: for a manifest near its size limit that tree alone is several times the
//! file (issue #13.4).

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

/// Members whose type is an object that writers leave out when it is empty.
const OBJECTS_OMITTED_WHEN_EMPTY: &[&str] = &["capture", "restrictions", "scope", "contact", "environment"];

/// Whether every array in the JSON document `bytes` stands where `canonical` (the same
/// document re-serialised from its type) has an array. An error if `bytes` is not JSON.
pub(super) fn arrays_stand_where_typed(bytes: &[u8], canonical: &Value) -> Result<bool, String> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let same = Expect::Value(canonical).deserialize(&mut de).map_err(|e| e.to_string())?;
    de.end().map_err(|e| e.to_string())?;
    Ok(same)
}

/// What the canonical document has where a written value stands.
#[derive(Clone, Copy)]
enum Expect<'c> {
    /// This value.
    Value(&'c Value),
    /// Nothing: the member is left out when empty. Written, it must be an empty list, and
    /// only if `list_allowed` (the member is not an object; a non-empty list would not have
    /// been left out); any other value is left to the typed parse.
    Omitted { list_allowed: bool },
}

impl<'de> DeserializeSeed<'de> for Expect<'_> {
    type Value = bool;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Expect<'_> {
    type Value = bool;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<bool, E> {
        Ok(true)
    }
    fn visit_i64<E>(self, _: i64) -> Result<bool, E> {
        Ok(true)
    }
    fn visit_u64<E>(self, _: u64) -> Result<bool, E> {
        Ok(true)
    }
    fn visit_f64<E>(self, _: f64) -> Result<bool, E> {
        Ok(true)
    }
    fn visit_str<E>(self, _: &str) -> Result<bool, E> {
        Ok(true)
    }
    fn visit_unit<E>(self) -> Result<bool, E> {
        Ok(true)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        let mut same = true;
        match self {
            Expect::Value(Value::Array(canonical)) => {
                let mut n = 0;
                while let Some(ok) = match canonical.get(n) {
                    Some(c) if same => seq.next_element_seed(Expect::Value(c))?,
                    _ => seq.next_element::<IgnoredAny>()?.map(|_| false),
                } {
                    same &= ok;
                    n += 1;
                }
                Ok(same && n == canonical.len())
            }
            Expect::Value(_) => {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(false)
            }
            Expect::Omitted { list_allowed } => {
                let mut empty = true;
                while seq.next_element::<IgnoredAny>()?.is_some() {
                    empty = false;
                }
                Ok(empty && list_allowed)
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        let mut same = true;
        match self {
            Expect::Value(Value::Object(canonical)) => {
                while let Some(key) = map.next_key::<String>()? {
                    let expect = match canonical.get(&key) {
                        Some(c) => Expect::Value(c),
                        None => Expect::Omitted { list_allowed: !OBJECTS_OMITTED_WHEN_EMPTY.contains(&key.as_str()) },
                    };
                    if same {
                        same &= map.next_value_seed(expect)?;
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(same)
            }
            Expect::Value(_) => {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(false)
            }
            Expect::Omitted { .. } => {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(true)
            }
        }
    }
}
