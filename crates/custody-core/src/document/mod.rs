//! Signed JSON documents (the manifest and the custody events) as bytes: read strictly, with
//! one reading only, and written in the one form custody signs. Writers and the verifier use
//! the same two functions, so what is signed is what is checked (spec §5.1).

mod shape;

use serde::Serialize;
use serde::de::DeserializeOwned;

/// Parses a signed JSON document strictly: typed, with unknown or repeated members
/// rejected, and, because serde's derived types also accept an object written as an array
/// of its values, with every value the type reads as an object required to be a JSON
/// object. One pass, no tree of the document (issue #13.4, #22).
pub fn parse_document<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let typed = T::deserialize(shape::Strict(&mut de)).map_err(|e| e.to_string())?;
    de.end().map_err(|e| e.to_string())?;
    Ok(typed)
}

/// [`parse_document`] over a stream: the document is never held whole (a manifest of a
/// million files is hundreds of MB; issue #22). `from` should be buffered.
pub fn parse_document_from<T: DeserializeOwned>(from: impl std::io::Read) -> Result<T, String> {
    let mut de = serde_json::Deserializer::from_reader(from);
    let typed = T::deserialize(shape::Strict(&mut de)).map_err(|e| e.to_string())?;
    de.end().map_err(|e| e.to_string())?;
    Ok(typed)
}

/// Writes a signed document as [`to_json`] does, to `out` as it is serialised.
pub(crate) fn to_json_writer(v: &impl Serialize, mut out: &mut dyn std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut out, v).map_err(std::io::Error::other)?;
    out.write_all(b"\n")
}

/// A signed document's bytes as custody writes them: pretty JSON and a final newline.
pub(crate) fn to_json(v: &impl Serialize) -> Vec<u8> {
    // Serialising our own plain data types cannot fail.
    let mut out = serde_json::to_vec_pretty(v).unwrap_or_default();
    out.push(b'\n');
    out
}

#[cfg(test)]
mod tests {
    use super::parse_document;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Outer {
        name: String,
        #[serde(default)]
        list: Vec<Inner>,
        #[serde(default)]
        inner: Option<Inner>,
        #[serde(default)]
        kind: Option<Kind>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Inner {
        a: u64,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        Plain,
        Shaped { b: u64 },
    }

    #[test]
    fn objects_as_objects_are_read() {
        let doc = br#"{"name": "x", "list": [{"a": 1}, {"a": 2}], "inner": {"a": 3}, "kind": {"shaped": {"b": 4}}}"#;
        let o: Outer = parse_document(doc).unwrap();
        assert_eq!(o.list, [Inner { a: 1 }, Inner { a: 2 }]);
        assert_eq!((o.inner, o.kind), (Some(Inner { a: 3 }), Some(Kind::Shaped { b: 4 })));
        let o: Outer = parse_document(br#"{"name": "x", "list": [], "kind": "plain"}"#).unwrap();
        assert_eq!((o.list.len(), o.kind), (0, Some(Kind::Plain)), "an empty list where the type has a list");
    }

    #[test]
    fn an_object_written_as_an_array_has_a_second_reading_and_is_refused() {
        for doc in [
            &br#"["x"]"#[..],
            br#"{"name": "x", "list": [[1]]}"#,
            br#"{"name": "x", "list": [{"a": 1}, [2]]}"#,
            br#"{"name": "x", "inner": [3]}"#,
            br#"{"name": "x", "inner": []}"#,
            br#"{"name": "x", "kind": {"shaped": [4]}}"#,
        ] {
            let e = parse_document::<Outer>(doc).unwrap_err();
            assert!(e.contains("an object is written as an array"), "{}: {e}", String::from_utf8_lossy(doc));
        }
    }

    #[test]
    fn repeated_unknown_and_trailing_are_refused() {
        assert!(parse_document::<Outer>(br#"{"name": "x", "name": "y"}"#).unwrap_err().contains("duplicate"));
        assert!(parse_document::<Outer>(br#"{"name": "x", "other": 1}"#).unwrap_err().contains("unknown"));
        assert!(parse_document::<Outer>(br#"{"name": "x"} {}"#).is_err());
    }
}
