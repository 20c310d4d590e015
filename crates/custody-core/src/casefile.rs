//! Case files and capture sidecars: what an investigator writes so the manifest carries the
//! case, its legal basis, the actors, restrictions, attestations and each item's provenance.
//!
//! The case file is TOML (comments, no quoting of keys, dates and times as literals): people
//! write it by hand, often from the template `custody case init` prints. A sidecar
//! (`INPUT.capture.toml` or `INPUT.capture.json` beside an input) describes one item; JSON
//! is there for capture tools that write it. Both use the manifest's own field names
//! (`docs/bundle-format.md` §5.2), so what is written is what gets sealed.
//!
//! Reading is strict and explains itself: an unknown field or value is an error that names
//! its place in the file and lists what is valid; a time without an offset or zone is
//! refused (nobody can tell later which zone it meant); references to actors,
//! authorisations and items must resolve (checked with the whole manifest at seal time by
//! [`crate::manifest::rules::check`]).
//!
//! The template marks every value to be written with [`PLACEHOLDER`] (`<<FILL IN: what to
//! write>>`); a case file or sidecar still holding one is refused, naming every such field,
//! so an example value is never sealed as if it were evidence. Items are named both as the
//! manifest and the README call them (`item-1`) and by their place in the file (`items[0]`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;

use crate::Error;
use crate::fsutil;
use crate::manifest::Case;
use crate::provenance::{Actor, AttestationKind, Capture, CaptureTool, FileRole, ItemCapture, Restrictions};
use crate::time::Timestamp;

/// Largest case file or sidecar read (bytes).
const MAX_INPUT: u64 = 4 << 20;

/// Members whose values are instants: typed by people with any RFC 3339 offset, stored in UTC.
const TIME_KEYS: &[&str] = &["captured_at", "capture_end", "from", "until", "issued_at", "declared_at", "utc"];

/// The marker that starts every value the template asks to be filled in: `<<FILL IN: what
/// to write>>`. Plain angle brackets are not a marker: `<p>` may be real evidence text.
pub const PLACEHOLDER: &str = "<<FILL IN";

/// A place in a case file as people look for it: `items[0].source_url` becomes
/// `item-1 (items[0].source_url)`, the item id the README, the manifest and the verify
/// report use, then where it is in the file. Other places are unchanged.
fn place_for_people(place: &str) -> String {
    let index = place.strip_prefix("items[").and_then(|r| r.split_once(']')).and_then(|(n, _)| n.parse::<u64>().ok());
    match index {
        Some(i) => format!("item-{} ({place})", i + 1),
        None => place.to_string(),
    }
}

/// A message `PLACE: text` with its place named for people (see [`place_for_people`]).
fn message_for_people(msg: String) -> String {
    match msg.split_once(": ") {
        Some((place, rest)) if place.starts_with("items[") => format!("{}: {rest}", place_for_people(place)),
        _ => msg,
    }
}

/// Every value (or member name) under `v` still holding [`PLACEHOLDER`], as `place: what to
/// write` (`at` is the place of `v`).
fn placeholders(v: &Value, at: &str, out: &mut Vec<String>) {
    let here = |k: &str| if at.is_empty() { k.to_string() } else { format!("{at}.{k}") };
    match v {
        Value::String(s) if s.contains(PLACEHOLDER) => {
            let what = s
                .split_once(PLACEHOLDER)
                .map(|(_, r)| r.trim_start_matches(':').split(">>").next().unwrap_or(r).trim())
                .filter(|w| !w.is_empty())
                .unwrap_or("the real value");
            let place = if at.is_empty() { "the value".to_string() } else { place_for_people(at) };
            out.push(format!("{place}: write {what}"));
        }
        Value::Object(map) => {
            for (k, child) in map {
                if k.contains(PLACEHOLDER) {
                    out.push(format!(
                        "{}: a member name still holds the template placeholder",
                        place_for_people(&here(k))
                    ));
                }
                placeholders(child, &here(k), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                placeholders(child, &format!("{at}[{i}]"), out);
            }
        }
        _ => {}
    }
}

/// Refuses a case file or sidecar that still holds template placeholders, naming each one.
fn refuse_placeholders(path: &Path, v: &Value) -> Result<(), Error> {
    let mut found = Vec::new();
    placeholders(v, "", &mut found);
    if found.is_empty() {
        return Ok(());
    }
    Err(err(
        path,
        format!(
            "{} still hold{} the template's placeholder \"<<FILL IN: ...>>\"; replace each with the real \
             value, or delete the line if it does not apply:\n  {}",
            if found.len() == 1 { "1 value".to_string() } else { format!("{} values", found.len()) },
            if found.len() == 1 { "s" } else { "" },
            found.join("\n  ")
        ),
    ))
}

/// An attestation as written in a case file; the sealer adds the digests of the files it
/// certifies.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttestationInput {
    /// Unique within the manifest.
    pub id: String,
    /// What kind of declaration it is.
    pub kind: AttestationKind,
    /// The declarant's actor id.
    pub by: String,
    /// When it was declared; the seal time if omitted.
    #[serde(default)]
    pub declared_at: Option<Timestamp>,
    /// The statement, in the declarant's words.
    pub statement: String,
    /// The rule or form it is made under, e.g. "FRE 902(14)".
    #[serde(default)]
    pub standard: Option<String>,
    /// The items it concerns (`item-1`, …); every item if omitted.
    #[serde(default)]
    pub items: Vec<String>,
}

/// Everything about a seal beyond the inputs and the key.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct CaseInput {
    /// The case and its legal basis.
    pub case: Case,
    /// The people and offices involved.
    pub actors: Vec<Actor>,
    /// What the receiver may and may not do with the evidence.
    pub restrictions: Restrictions,
    /// Declarations and certifications to seal with the manifest.
    pub attestations: Vec<AttestationInput>,
    /// Authorising documents to hash, by authorisation id. When a document is also sealed
    /// as an item, the manifest links the authorisation to its bundle path.
    pub documents: BTreeMap<String, PathBuf>,
}

impl CaseInput {
    /// A case with only a reference: the quick seal.
    pub fn new(reference: impl Into<String>) -> Self {
        CaseInput {
            case: Case::new(reference),
            actors: Vec::new(),
            restrictions: Restrictions::default(),
            attestations: Vec::new(),
            documents: BTreeMap::new(),
        }
    }

    /// The case and its legal basis.
    pub fn with_case(mut self, case: Case) -> Self {
        self.case = case;
        self
    }

    /// The people and offices involved.
    pub fn with_actors(mut self, actors: Vec<Actor>) -> Self {
        self.actors = actors;
        self
    }

    /// What the receiver may and may not do with the evidence.
    pub fn with_restrictions(mut self, restrictions: Restrictions) -> Self {
        self.restrictions = restrictions;
        self
    }

    /// Declarations and certifications to seal with the manifest.
    pub fn with_attestations(mut self, attestations: Vec<AttestationInput>) -> Self {
        self.attestations = attestations;
        self
    }

    /// Authorising documents to hash, by authorisation id.
    pub fn with_documents(mut self, documents: BTreeMap<String, PathBuf>) -> Self {
        self.documents = documents;
        self
    }
}

impl Default for CaseInput {
    /// A case with an empty reference, as `CaseInput::new("")`: give one with [`CaseInput::with_case`].
    fn default() -> Self {
        CaseInput::new("")
    }
}

/// What is declared about one input.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct ItemSpec {
    /// The human exhibit reference, e.g. "EX-3".
    pub exhibit: Option<String>,
    /// How and where it was captured (held compactly: a seal may be given a million inputs).
    pub capture: ItemCapture,
    /// Roles of the item's files, by path relative to the input (a file input's own name).
    pub file_roles: BTreeMap<String, FileRole>,
}

impl ItemSpec {
    /// The human exhibit reference, e.g. "EX-3".
    pub fn with_exhibit(mut self, exhibit: Option<String>) -> Self {
        self.exhibit = exhibit;
        self
    }

    /// How and where it was captured.
    pub fn with_capture(mut self, capture: Capture) -> Self {
        self.capture = capture.into();
        self
    }

    /// Roles of the item's files, by path relative to the input.
    pub fn with_file_roles(mut self, file_roles: BTreeMap<String, FileRole>) -> Self {
        self.file_roles = file_roles;
        self
    }
}

/// A case file read from disk.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseFile {
    /// The case, actors, restrictions, attestations and documents.
    pub input: CaseInput,
    /// Items listed in the case file: input path (relative paths resolved against the case
    /// file's directory) and what is declared about it.
    pub items: Vec<(PathBuf, ItemSpec)>,
}

/// A refusal of the case file or sidecar at `path` (the field is named after which of the
/// two it is: a sidecar's name ends in `.capture.toml` or `.capture.json`).
fn err(path: &Path, msg: impl std::fmt::Display) -> Error {
    let name = path.to_string_lossy();
    let field =
        if name.ends_with(".capture.toml") || name.ends_with(".capture.json") { "sidecar" } else { "case_file" };
    Error::BadInput { field, why: format!("{}: {msg}", path.display()), remedy: None }
}

/// The member name under which the TOML reader hands a date or time to serde (toml_datetime's).
const TOML_DATETIME: &str = "$__toml_private_datetime";

/// A value read from TOML into JSON made as a TOML table would have read: dates and times as
/// the strings they were written as, members in name order.
fn from_toml_shape(v: &mut Value) {
    match v {
        Value::Object(map) => {
            if map.len() == 1
                && let Some(Value::String(s)) = map.get_mut(TOML_DATETIME)
            {
                *v = Value::String(std::mem::take(s));
                return;
            }
            map.sort_keys();
            map.values_mut().for_each(from_toml_shape);
        }
        Value::Array(a) => a.iter_mut().for_each(from_toml_shape),
        _ => {}
    }
}

/// Converts every time member to the stored form (UTC, to the second), refusing local
/// times; `at` is the member's place for messages.
fn normalise_times(v: &mut Value, at: &str) -> Result<(), String> {
    match v {
        Value::Object(map) => {
            for (k, child) in map.iter_mut() {
                let here = if at.is_empty() { k.clone() } else { format!("{at}.{k}") };
                if TIME_KEYS.contains(&k.as_str()) {
                    if let Value::String(s) = child {
                        let t = Timestamp::parse_user(s).map_err(|e| format!("{here}: {e}"))?;
                        *s = t.to_string();
                    }
                } else {
                    normalise_times(child, &here)?;
                }
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter_mut().enumerate() {
                normalise_times(child, &format!("{at}[{i}]"))?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// Deserialises `v`, naming the failing member's place (`at` prefixes it).
fn from_value<T: serde::de::DeserializeOwned>(v: Value, at: &str) -> Result<T, String> {
    serde_path_to_error::deserialize(v).map_err(|e| {
        let inner = e.path().to_string();
        let place = match (at.is_empty(), inner == ".") {
            (true, _) => inner,
            (false, true) => at.to_string(),
            (false, false) if inner.starts_with('[') => format!("{at}{inner}"),
            (false, false) => format!("{at}.{inner}"),
        };
        let msg = with_suggestion(e.into_inner().to_string());
        if place.is_empty() || place == "." { msg } else { format!("{place}: {msg}") }
    })
}

/// serde's "unknown variant `x`, expected one of `a`, `b`" (or "unknown field") lists the
/// valid words: keep it, and name the one `x` is a likely typo of ([`crate::suggest`]).
fn with_suggestion(msg: String) -> String {
    let Some(rest) = msg.strip_prefix("unknown variant `").or_else(|| msg.strip_prefix("unknown field `")) else {
        return msg;
    };
    let Some((typed, list)) = rest.split_once("`, expected one of ") else { return msg };
    let valid: Vec<&str> = list.split(", ").map(|w| w.trim_matches('`')).collect();
    match crate::suggest::nearest(typed, &valid) {
        Some(meant) => format!("{msg} (did you mean `{meant}`?)"),
        None => msg,
    }
}

/// The TOML `text` read straight into JSON (no `toml::Table` of the whole file beside it: a
/// case file of 100,000 items held both, about 1.9 KB an item; spec §9.4).
fn parse_toml(path: &Path, text: &str) -> Result<Value, Error> {
    let mut v: Value = toml::from_str(text).map_err(|e| err(path, format!("not valid TOML: {e}")))?;
    from_toml_shape(&mut v);
    Ok(v)
}

fn read_text(path: &Path) -> Result<String, Error> {
    let bytes = fsutil::read_limited(path, MAX_INPUT)?;
    String::from_utf8(bytes).map_err(|_| err(path, "is not UTF-8 text"))
}

/// Takes the item-level members (`exhibit`, `file_roles`, `tool` as a plain string) out of a
/// flat item table and reads the rest as capture provenance.
fn item_spec(mut v: Value, at: &str) -> Result<ItemSpec, String> {
    let Value::Object(map) = &mut v else {
        return Err(format!("{}: expected a table of capture fields", if at.is_empty() { "the sidecar" } else { at }));
    };
    let place = |k: &str| if at.is_empty() { k.to_string() } else { format!("{at}.{k}") };
    if map.contains_key("imported") {
        return Err(format!(
            "{}: is filled in by custody when it reads capture tools' files; remove it",
            place("imported")
        ));
    }
    let exhibit = match map.remove("exhibit") {
        None => None,
        Some(Value::String(s)) => Some(s),
        Some(_) => return Err(format!("{}: expected a string", place("exhibit"))),
    };
    let file_roles = match map.remove("file_roles") {
        None => BTreeMap::new(),
        Some(v) => from_value(v, &place("file_roles"))?,
    };
    // `tool = "HTTrack 3.49"` is accepted as a tool with only a name.
    if let Some(Value::String(name)) = map.get("tool") {
        let tool = CaptureTool { name: name.clone(), version: None, sha256: None };
        map.insert("tool".into(), serde_json::to_value(tool).map_err(|e| e.to_string())?);
    }
    normalise_times(&mut v, at)?;
    let capture: Capture = from_value(v, at)?;
    Ok(ItemSpec { exhibit, capture: capture.into(), file_roles })
}

/// Reads a case file (TOML).
pub fn read_case_file(path: &Path) -> Result<CaseFile, Error> {
    let text = read_text(path)?;
    let file = parse_case_file(&text, path)?;
    for (id, doc) in &file.input.documents {
        if !doc.is_file() {
            return Err(err(
                path,
                format!("the document of authorisation '{id}' ({}) is not a readable file", doc.display()),
            ));
        }
    }
    Ok(file)
}

/// Parses the text of a case file; `path` names it in messages and relative paths in it
/// are resolved against its directory. Nothing is read from disk.
pub fn parse_case_file(text: &str, path: &Path) -> Result<CaseFile, Error> {
    let mut root = parse_toml(path, text)?;
    refuse_placeholders(path, &root)?;
    let e = |m: String| err(path, message_for_people(m));
    let Value::Object(map) = &mut root else { return Err(e("expected tables".into())) };
    for key in map.keys() {
        let item_part = ["tool", "environment", "content_times", "derived_from", "file_roles"];
        if item_part.contains(&key.as_str()) {
            return Err(e(format!(
                "unknown section [{key}]: to describe the item above it, write [items.{key}] \
                 ([[items.{key}]] for a list such as content_times)"
            )));
        }
        if !["case", "actors", "restrictions", "attestations", "items"].contains(&key.as_str()) {
            return Err(e(format!(
                "unknown section [{key}]; a case file has [case], [[actors]], [restrictions], [[attestations]] and [[items]]"
            )));
        }
    }
    // Paths in the file are relative to its folder; beside a case file given by its bare
    // name they stay as written (`capture-01`, not `./capture-01`, in messages and labels).
    let base = path.parent().unwrap_or(Path::new(""));

    let mut case_v = map
        .remove("case")
        .ok_or_else(|| e("the [case] section is missing; it needs at least reference = \"...\"".into()))?;
    let mut documents = BTreeMap::new();
    if let Some(Value::Array(auths)) = case_v.get_mut("authorisations") {
        for (i, a) in auths.iter_mut().enumerate() {
            let Value::Object(a) = a else { continue };
            if let Some(doc) = a.remove("document") {
                let Value::String(doc) = doc else {
                    return Err(e(format!("case.authorisations[{i}].document: expected a file path")));
                };
                let id = a.get("id").and_then(Value::as_str).unwrap_or_default().to_string();
                documents.insert(id, base.join(doc));
            }
        }
    }
    normalise_times(&mut case_v, "case").map_err(e)?;
    let case: Case = from_value(case_v, "case").map_err(e)?;

    let mut take = |k: &str| map.remove(k).unwrap_or(Value::Null);
    let actors_v = take("actors");
    let actors: Vec<Actor> = if actors_v.is_null() { Vec::new() } else { from_value(actors_v, "actors").map_err(e)? };
    let restrictions_v = take("restrictions");
    let restrictions: Restrictions = if restrictions_v.is_null() {
        Restrictions::default()
    } else {
        from_value(restrictions_v, "restrictions").map_err(e)?
    };
    let mut att_v = take("attestations");
    normalise_times(&mut att_v, "attestations").map_err(e)?;
    let attestations: Vec<AttestationInput> =
        if att_v.is_null() { Vec::new() } else { from_value(att_v, "attestations").map_err(e)? };

    let mut items = Vec::new();
    match take("items") {
        Value::Null => {}
        Value::Array(list) => {
            crate::error::check_item_count(list.len())?;
            items.reserve_exact(list.len());
            for (i, mut v) in list.into_iter().enumerate() {
                let at = format!("items[{i}]");
                let input = match &mut v {
                    Value::Object(m) => match m.remove("path") {
                        Some(Value::String(p)) => p,
                        _ => return Err(e(format!("{at}: needs path = \"...\" (the file or directory to seal)"))),
                    },
                    _ => return Err(e(format!("{at}: expected a table"))),
                };
                let spec = item_spec(v, &at).map_err(e)?;
                items.push((base.join(input), spec));
            }
        }
        _ => return Err(e("items: expected [[items]] tables".into())),
    }
    Ok(CaseFile { input: CaseInput { case, actors, restrictions, attestations, documents }, items })
}

/// The sidecar of an input, if there is one: `INPUT.capture.toml` or `INPUT.capture.json`.
pub fn sidecar_path(input: &Path) -> Result<Option<PathBuf>, Error> {
    let base = input.as_os_str().to_string_lossy();
    let base = base.trim_end_matches('/');
    let toml = PathBuf::from(format!("{base}.capture.toml"));
    let json = PathBuf::from(format!("{base}.capture.json"));
    match (toml.is_file(), json.is_file()) {
        (true, true) => Err(Error::BadInput {
            field: "sidecar",
            why: format!("{} has two sidecars, {} and {}", input.display(), toml.display(), json.display()),
            remedy: Some("keep one".into()),
        }),
        (true, false) => Ok(Some(toml)),
        (false, true) => Ok(Some(json)),
        (false, false) => Ok(None),
    }
}

/// Reads a sidecar: the capture fields of one item, flat, plus `exhibit` and `file_roles`.
pub fn read_sidecar(path: &Path) -> Result<ItemSpec, Error> {
    parse_sidecar(&read_text(path)?, path)
}

/// Parses the text of a sidecar (JSON if `path` ends in `.json`, else TOML).
pub fn parse_sidecar(text: &str, path: &Path) -> Result<ItemSpec, Error> {
    let v = if path.extension().is_some_and(|x| x == "json") {
        serde_json::from_str::<UniqueKeys>(text).map_err(|m| err(path, format!("not valid JSON: {m}")))?.0
    } else {
        parse_toml(path, text)?
    };
    refuse_placeholders(path, &v)?;
    item_spec(v, "").map_err(|m| err(path, m))
}

/// A JSON value in which no object repeats a member name: `{"kind": "video", "kind":
/// "image"}` says two things, and plain `serde_json::Value` would silently keep the last.
struct UniqueKeys(Value);

impl<'de> Deserialize<'de> for UniqueKeys {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{Error as _, MapAccess, SeqAccess, Visitor};
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Value;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
                Ok(Value::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
                Ok(Value::from(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
                Ok(Value::from(v))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
                Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
            }
            fn visit_str<E>(self, v: &str) -> Result<Value, E> {
                Ok(Value::String(v.to_owned()))
            }
            fn visit_unit<E>(self) -> Result<Value, E> {
                Ok(Value::Null)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Value, A::Error> {
                let mut items = Vec::new();
                while let Some(UniqueKeys(v)) = a.next_element()? {
                    items.push(v);
                }
                Ok(Value::Array(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Value, A::Error> {
                let mut map = serde_json::Map::new();
                while let Some(key) = a.next_key::<String>()? {
                    let UniqueKeys(v) = a.next_value()?;
                    if map.insert(key.clone(), v).is_some() {
                        return Err(A::Error::custom(format!("the member \"{key}\" is given twice")));
                    }
                }
                Ok(Value::Object(map))
            }
        }
        d.deserialize_any(V).map(UniqueKeys)
    }
}

/// The commented case-file template `custody case init` writes.
pub const TEMPLATE: &str = include_str!("case-template.toml");

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provenance::ItemKind;

    fn parse(text: &str) -> Result<CaseFile, String> {
        parse_case_file(text, Path::new("/cases/case.toml")).map_err(|e| e.to_string())
    }

    /// The reader relies on toml_datetime's private member name ([`TOML_DATETIME`]): if a toml
    /// upgrade renamed it, dates would silently become objects. Each kind stays the string written.
    #[test]
    fn toml_dates_and_times_read_as_the_strings_written() {
        let v = parse_toml(
            Path::new("c.toml"),
            "d = 2026-01-01\nt = 10:30:00\nl = 2026-01-01T10:30:00\no = 2026-01-01T10:30:00+02:00\n",
        )
        .unwrap();
        assert_eq!(
            v,
            serde_json::json!({"d": "2026-01-01", "l": "2026-01-01T10:30:00", "o": "2026-01-01T10:30:00+02:00",
                "t": "10:30:00"})
        );
    }

    /// Spec §9.4: a case file of more items than a bundle may hold is refused as it is read,
    /// with the remedy; at the bound it is read.
    #[test]
    fn a_case_file_of_more_items_than_a_bundle_may_hold_is_refused() {
        let max = crate::layout::MAX_ITEMS as usize;
        let text = |n: usize| format!("[case]\nreference = \"R\"\n{}", "[[items]]\npath = \"a\"\n".repeat(n));
        let e = parse_case_file(&text(max + 1), Path::new("/cases/case.toml")).unwrap_err();
        assert!(matches!(e, Error::TooManyItems { items } if items == max as u64 + 1), "{e:?}");
        let e = e.to_string();
        assert!(e.starts_with("100001 items is more than a bundle may hold (100000)"), "{e}");
        assert!(e.contains("split the evidence into several bundles"), "{e}");
        assert_eq!(parse(&text(max)).unwrap().items.len(), max);
    }

    #[test]
    fn the_template_is_refused_until_its_placeholders_are_filled_in() {
        let e = parse(TEMPLATE).unwrap_err();
        assert!(e.contains("2 values still hold the template's placeholder"), "{e}");
        assert!(e.contains("\n  case.reference: write your file number, e.g. 2026-CT-0412\n"), "{e}");
        assert!(e.contains("\n  item-1 (items[0].path): write file or directory to seal"), "{e}");
        // Filling in the two required values is enough.
        let filled = TEMPLATE
            .replace("<<FILL IN: your file number, e.g. 2026-CT-0412>>", "2026-CT-0412")
            .replace("<<FILL IN: file or directory to seal, relative to this case file>>", "capture");
        let f = parse(&filled).unwrap();
        assert_eq!(f.items.len(), 1);
        assert!(f.items[0].0.starts_with("/cases"), "paths are relative to the case file");
        // A placeholder uncommented from the template is refused wherever it is, times too.
        let e = parse(
            &filled.replace("# captured_at = ", "captured_at = ").replace("# clock_source = ", "clock_source = "),
        )
        .unwrap_err();
        assert!(e.contains("item-1 (items[0].captured_at): write when the capture started"), "{e}");
        assert!(e.contains("item-1 (items[0].clock_source): write how the clock was set"), "{e}");
        let e = parse_sidecar("source_url = \"<<FILL IN: the URL>>\"\n", Path::new("v.capture.toml")).unwrap_err();
        assert!(e.to_string().contains("source_url: write the URL"), "{e}");
        // Angle brackets alone are not a placeholder: they can be real text.
        assert!(parse("[case]\nreference = \"<R>\"\n[[items]]\npath = \"a\"\nnote = \"<p>hi</p>\"\n").is_ok());
    }

    #[test]
    fn item_errors_name_the_item_id_and_its_place_in_the_file() {
        let e =
            parse("[case]\nreference = \"R\"\n[[items]]\npath = \"a\"\n[[items]]\npath = \"b\"\nkind = \"webpage\"\n")
                .unwrap_err();
        assert!(e.contains("item-2 (items[1].kind): unknown variant"), "{e}");
        assert!(e.ends_with("(did you mean `web_page`?)"), "{e}");
        let e = parse("[case]\nreference = \"R\"\n[[items]]\npath = \"a\"\nsource_ur = \"x\"\n").unwrap_err();
        assert!(e.contains("(did you mean `source_url`?)"), "{e}");
        let e = parse("[case]\nreference = \"R\"\n[[items]]\nkind = \"video\"\n").unwrap_err();
        assert!(e.contains("item-1 (items[0]): needs path"), "{e}");
    }

    #[test]
    fn times_are_converted_to_utc_and_local_times_refused() {
        let f = parse(
            "[case]\nreference = \"R\"\n[[items]]\npath = \"a\"\ncaptured_at = 2026-03-14T09:30:00+01:00\n\
             [[items]]\npath = \"b\"\ncaptured_at = \"2026-03-14T09:30:00Z\"\n",
        )
        .unwrap();
        assert_eq!(f.items[0].1.capture.captured_at.unwrap().to_string(), "2026-03-14T08:30:00Z");
        assert_eq!(f.items[1].1.capture.captured_at.unwrap().to_string(), "2026-03-14T09:30:00Z");
        let e = parse("[case]\nreference = \"R\"\n[[items]]\npath = \"a\"\ncaptured_at = 2026-03-14T09:30:00\n")
            .unwrap_err();
        assert!(e.contains("items[0].captured_at") && e.contains("no time zone"), "{e}");
        let e = parse("[case]\nreference = \"R\"\n[[case.authorisations]]\nid = \"o\"\ndescription = \"d\"\n[case.authorisations.scope]\nfrom = 2026-03-01\n")
            .unwrap_err();
        assert!(e.contains("case.authorisations[0].scope.from"), "{e}");
    }

    #[test]
    fn errors_name_the_place_and_list_valid_values() {
        let e = parse("[case]\nreference = \"R\"\n[[items]]\npath = \"a\"\nkind = \"webpage\"\n").unwrap_err();
        assert!(e.contains("items[0].kind") && e.contains("web_page") && e.contains("social_post"), "{e}");
        let e = parse("[case]\nreference = \"R\"\nproceding = \"civil\"\n").unwrap_err();
        assert!(e.contains("proceding") && e.contains("unknown field"), "{e}");
        let e =
            parse("[case]\nreference = \"R\"\n[[actors]]\nid = \"a\"\nrole = \"judge\"\nname = \"N\"\n").unwrap_err();
        assert!(e.contains("actors[0].role") && e.contains("court"), "{e}");
        let e = parse("[cases]\nreference = \"R\"\n").unwrap_err();
        assert!(e.contains("unknown section [cases]"), "{e}");
        assert!(parse("[case\n").unwrap_err().contains("not valid TOML"));
        assert!(parse("x = 1\n").unwrap_err().contains("unknown section"));
        assert!(parse("").unwrap_err().contains("[case] section is missing"));
        let e = parse("[case]\nreference = \"R\"\n[[items]]\nkind = \"video\"\n").unwrap_err();
        assert!(e.contains("items[0]): needs path"), "{e}");
        let e = parse("[case]\nreference = \"R\"\n[[items]]\npath = \"a\"\nimported = []\n").unwrap_err();
        assert!(e.contains("filled in by custody"), "{e}");
    }

    #[test]
    fn sidecars_in_toml_and_json_and_merging() {
        let t = parse_sidecar(
            "kind = \"video\"\ntool = \"yt-dlp 2026.01\"\nexhibit = \"EX-1\"\n",
            Path::new("v.capture.toml"),
        )
        .unwrap();
        assert_eq!(t.capture.kind, Some(ItemKind::Video));
        assert_eq!(t.capture.tool.as_ref().unwrap().name, "yt-dlp 2026.01");
        let j = parse_sidecar(
            r#"{"source_url": "https://x.example", "file_roles": {"v.mp4": "original"}}"#,
            Path::new("v.capture.json"),
        )
        .unwrap();
        let m = crate::seal::inputs::merge(t.clone(), j, "A", "B").unwrap();
        assert_eq!((m.exhibit.as_deref(), m.capture.source_url.as_deref()), (Some("EX-1"), Some("https://x.example")));
        assert_eq!(m.file_roles.len(), 1);
        let e = crate::seal::inputs::merge(t.clone(), t, "A", "B").unwrap_err().to_string();
        assert!(e.contains("kind is given both in A and in B"), "{e}");
        assert!(parse_sidecar("{", Path::new("v.capture.json")).unwrap_err().to_string().contains("not valid JSON"));
        let dup = parse_sidecar(r#"{"kind": "video", "kind": "image"}"#, Path::new("v.capture.json")).unwrap_err();
        assert!(dup.to_string().contains("\"kind\" is given twice"), "{dup}");
        assert!(parse_sidecar("[1]", Path::new("v.capture.json")).is_err());
    }
}
