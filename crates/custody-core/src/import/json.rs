//! JSON read field by field: only the fields a reader names are kept, everything else is
//! skipped as it is parsed (serde's `IgnoredAny`), never built into a tree. A tree of
//! `serde_json::Value` costs 16 to 32 times its input (`[0,0,...]` of 64 MiB: 1-2 GiB); what
//! is kept here (strings, integers) costs at most its input.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// One field's value: a string or an integer kept; an object keeps its string and integer
/// members (one level); anything else is only known to be there.
#[derive(Debug, Default, Clone, PartialEq)]
pub(super) enum Loose {
    /// The field is absent.
    #[default]
    Absent,
    Str(String),
    Int(i64),
    /// An object's string and integer members, in file order.
    Obj(Vec<(String, Loose)>),
    /// Present, of another type (not kept).
    Other,
}

impl Loose {
    pub(super) fn is_present(&self) -> bool {
        !matches!(self, Loose::Absent)
    }

    pub(super) fn as_str(&self) -> Option<&str> {
        match self {
            Loose::Str(s) => Some(s),
            _ => None,
        }
    }

    pub(super) fn as_i64(&self) -> Option<i64> {
        match self {
            Loose::Int(i) => Some(*i),
            _ => None,
        }
    }

    /// An object's member (the last one of that name, as JSON parsers commonly do).
    pub(super) fn get(&self, key: &str) -> &Loose {
        match self {
            Loose::Obj(members) => members.iter().rev().find(|(k, _)| k == key).map_or(&Loose::Absent, |(_, v)| v),
            _ => &Loose::Absent,
        }
    }
}

/// Reads a JSON object into `T`, whose fields are all `Loose` (or lists of such objects):
/// other fields are skipped without being kept.
pub(super) fn object<T: for<'de> Deserialize<'de>>(bytes: &[u8]) -> Result<T, String> {
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    if first != Some(&b'{') {
        return Err("not a JSON object".into());
    }
    serde_json::from_slice(bytes).map_err(|e| format!("not valid JSON ({e})"))
}

struct LooseVisitor {
    /// Inside an object: its members are not objects in turn.
    nested: bool,
}

impl<'de> Visitor<'de> for LooseVisitor {
    type Value = Loose;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Loose, E> {
        Ok(Loose::Str(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Loose, E> {
        Ok(Loose::Str(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Loose, E> {
        Ok(Loose::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Loose, E> {
        Ok(i64::try_from(v).map_or(Loose::Other, Loose::Int))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Loose, E> {
        Ok(Loose::Other)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Loose, E> {
        Ok(Loose::Other)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Loose, E> {
        Ok(Loose::Other)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Loose, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Loose::Other)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Loose, A::Error> {
        if self.nested {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            return Ok(Loose::Other);
        }
        let mut members = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let v = map.next_value_seed(Nested)?;
            if matches!(v, Loose::Str(_) | Loose::Int(_)) {
                members.push((key, v));
            }
        }
        Ok(Loose::Obj(members))
    }
}

struct Nested;

impl<'de> de::DeserializeSeed<'de> for Nested {
    type Value = Loose;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Loose, D::Error> {
        d.deserialize_any(LooseVisitor { nested: true })
    }
}

impl<'de> Deserialize<'de> for Loose {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Loose, D::Error> {
        d.deserialize_any(LooseVisitor { nested: false })
    }
}

/// A list of at most `N` objects (more: an error, before the rest is read); anything but a
/// list is taken as an empty list.
#[derive(Debug)]
pub(super) struct List<T, const N: usize>(pub Vec<T>);

impl<T, const N: usize> Default for List<T, N> {
    fn default() -> Self {
        List(Vec::new())
    }
}

impl<'de, T: Deserialize<'de>, const N: usize> Deserialize<'de> for List<T, N> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T, const N: usize>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>, const N: usize> Visitor<'de> for V<T, N> {
            type Value = List<T, N>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "a list of at most {N} entries")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(x) = seq.next_element()? {
                    if out.len() == N {
                        return Err(de::Error::custom(format_args!("more than {N} entries")));
                    }
                    out.push(x);
                }
                Ok(List(out))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(List(Vec::new()))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
                Ok(List(Vec::new()))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
                Ok(List(Vec::new()))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
                Ok(List(Vec::new()))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
                Ok(List(Vec::new()))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
                Ok(List(Vec::new()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(List(Vec::new()))
            }
        }
        d.deserialize_any(V::<T, N>(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    struct Doc {
        #[serde(default)]
        a: Loose,
        #[serde(default)]
        v: Loose,
        #[serde(default)]
        list: List<Loose, 2>,
    }

    #[test]
    fn only_named_fields_are_kept_and_others_are_skipped() {
        let d: Doc =
            object(br#"{"big": [0,0,0,[1,{"x":2}]], "a": "s", "v": {"version": "1", "deep": {"k": 1}, "n": 5}}"#)
                .unwrap();
        assert_eq!(d.a, Loose::Str("s".into()));
        assert_eq!(d.v.get("version").as_str(), Some("1"));
        assert_eq!(d.v.get("n").as_i64(), Some(5));
        assert_eq!(d.v.get("deep"), &Loose::Absent, "one level only");
        assert!(d.list.0.is_empty());
        let d: Doc = object(br#"{"a": [1], "list": ["x", 2]}"#).unwrap();
        assert_eq!(d.a, Loose::Other);
        assert_eq!(d.list.0.len(), 2);
        assert!(object::<Doc>(br#"{"list": [1, 2, 3]}"#).unwrap_err().contains("more than 2 entries"));
        assert!(object::<Doc>(b"[1, 2]").unwrap_err().contains("not a JSON object"));
        // A large list of zeros is skipped, not built: parsing it allocates nothing per element.
        let mut big = b"{\"skip\": [".to_vec();
        big.extend(std::iter::repeat_n(&b"0,"[..], 1 << 20).flatten());
        big.extend(b"0], \"a\": \"end\"}");
        assert_eq!(object::<Doc>(&big).unwrap().a, Loose::Str("end".into()));
    }
}
