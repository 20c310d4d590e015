//! Signed JSON documents (the manifest and the custody events) as bytes: read strictly, with
//! one reading only, and written in the one form custody signs. Writers and the verifier use
//! the same two functions, so what is signed is what is checked (spec §5.1).

mod shape;

use serde::Serialize;
use serde::de::DeserializeOwned;

/// Parses a signed JSON document strictly: typed, with unknown or repeated members
/// rejected, and, because serde's derived types also accept an object written as an array
/// of its values, with every array checked to stand where the document type has an array.
/// The written document is walked as a stream against the typed value re-serialised, never
/// held as a second tree (issue #13.4).
pub fn parse_document<T: DeserializeOwned + Serialize>(bytes: &[u8]) -> Result<T, String> {
    let typed: T = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    let canonical = serde_json::to_value(&typed).map_err(|e| e.to_string())?;
    if !shape::arrays_stand_where_typed(bytes, &canonical)? {
        return Err(crate::wording::documents::DOCUMENT_ARRAY_FOR_OBJECT.into());
    }
    Ok(typed)
}

/// A signed document's bytes as custody writes them: pretty JSON and a final newline.
pub(crate) fn to_json(v: &impl Serialize) -> Vec<u8> {
    // Serialising our own plain data types cannot fail.
    let mut out = serde_json::to_vec_pretty(v).unwrap_or_default();
    out.push(b'\n');
    out
}
