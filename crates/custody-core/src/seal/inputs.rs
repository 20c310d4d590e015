//! Which source of an item's description wins: the precedence of the case file, the values
//! given with the seal (the CLI's flags), sidecar files and capture tools' files.
//!
//! The rule, stated once:
//!
//! 1. The case comes from the case file when there is one; a case reference given besides
//!    it must be the same (it is not a second opinion).
//! 2. The items are the case file's `[[items]]`, in order, then the inputs given besides it.
//! 3. For each item, the case file's description, the capture values given with the seal
//!    (which apply to every item) and the item's sidecar (`INPUT.capture.toml` or
//!    `INPUT.capture.json`) are combined. None of them wins over another: a field given by
//!    two of them is refused, naming both, since only the investigator can say which is right.
//! 4. Capture tools' own files (WARC, WACZ, yt-dlp) only fill in fields none of the above
//!    declared; that happens while sealing (see [`crate::import`]).

use std::path::{Path, PathBuf};

use super::ItemInput;
use crate::Error;
use serde_json::Value;

use crate::casefile::{self, CaseFile, CaseInput, ItemSpec};
use crate::provenance::Capture;

/// Everything declared about a seal, by source, before the precedence is applied.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Declarations {
    /// The case file read, with its path (used in messages).
    pub case_file: Option<(PathBuf, CaseFile)>,
    /// A case reference given besides the case file (required without one).
    pub case_reference: Option<String>,
    /// Capture values given with the seal; they apply to every item.
    pub capture: Capture,
    /// Inputs given besides the case file's items.
    pub inputs: Vec<PathBuf>,
}

/// How messages name the sources that are not files (a command-line tool names its flags).
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct SourceNames<'a> {
    /// The case reference given besides a case file, e.g. "the case reference".
    pub case_reference: &'a str,
    /// The capture values given with the seal, e.g. "the values given with the seal".
    pub capture: &'a str,
}

impl Default for SourceNames<'_> {
    fn default() -> Self {
        SourceNames { case_reference: "the case reference", capture: "the values given with the seal" }
    }
}

impl<'a> SourceNames<'a> {
    /// Names for the two sources.
    pub fn new(case_reference: &'a str, capture: &'a str) -> Self {
        SourceNames { case_reference, capture }
    }
}

/// The case and the items to seal, each item's description combined from its sources.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Resolved {
    /// The case.
    pub case: CaseInput,
    /// The items, case file's first.
    pub items: Vec<ItemInput>,
}

/// Applies the precedence (see the module documentation) to `declared`. `on_sidecar` is told
/// of each sidecar used, as (input, sidecar), before it is read.
pub fn resolve(
    declared: Declarations,
    names: SourceNames<'_>,
    on_sidecar: &mut dyn FnMut(&Path, &Path),
) -> Result<Resolved, Error> {
    // Spec §9.4: counted before any sidecar is looked for or read.
    let listed = declared.case_file.as_ref().map_or(0, |(_, file)| file.items.len());
    crate::error::check_item_count(listed + declared.inputs.len())?;
    let (case, listed) = match declared.case_file {
        Some((path, file)) => {
            if let Some(r) = &declared.case_reference
                && *r != file.input.case.reference
            {
                return Err(Error::BadInput {
                    field: "case_reference",
                    why: format!(
                        "{} {r} differs from the reference in {} ({})",
                        names.case_reference,
                        path.display(),
                        file.input.case.reference
                    ),
                    remedy: Some("give it in one place".into()),
                });
            }
            (file.input, file.items)
        }
        None => (CaseInput::new(declared.case_reference.unwrap_or_default()), Vec::new()),
    };
    let given = declared.inputs.into_iter().map(|p| (p, ItemSpec::default()));
    let mut items = Vec::new();
    for (input, from_file) in listed.into_iter().chain(given) {
        let name = input.display().to_string();
        let mut spec = merge(from_file, spec_from_capture(declared.capture.clone()), "the case file", names.capture)?;
        if let Some(side) = casefile::sidecar_path(&input)? {
            on_sidecar(&input, &side);
            let from_side = casefile::read_sidecar(&side)?;
            spec = merge(
                spec,
                from_side,
                &format!("the case file or {} for {name}", names.capture),
                &side.display().to_string(),
            )?;
        }
        items.push(ItemInput { path: input, spec });
    }
    Ok(Resolved { case, items })
}

/// Combines what two sources declare about one item; a field given by both is an error
/// (which one is right is for the investigator to say).
pub(crate) fn merge(a: ItemSpec, b: ItemSpec, a_name: &str, b_name: &str) -> Result<ItemSpec, Error> {
    let mut av = serde_json::to_value(&a.capture).map_err(capture_refused)?;
    let bv = serde_json::to_value(&b.capture).map_err(capture_refused)?;
    let clash = |field: &str| Error::BadInput {
        field: "capture",
        why: format!("{field} is given both in {a_name} and in {b_name}"),
        remedy: Some("keep one of them".into()),
    };
    if let (Value::Object(am), Value::Object(bm)) = (&mut av, bv) {
        for (k, v) in bm {
            if am.contains_key(&k) {
                return Err(clash(&k));
            }
            am.insert(k, v);
        }
    }
    let capture: Capture = serde_json::from_value(av).map_err(capture_refused)?;
    let exhibit = match (a.exhibit, b.exhibit) {
        (Some(_), Some(_)) => return Err(clash("exhibit")),
        (x, y) => x.or(y),
    };
    let mut file_roles = a.file_roles;
    for (k, v) in b.file_roles {
        if file_roles.insert(k.clone(), v).is_some() {
            return Err(clash(&format!("file_roles.\"{k}\"")));
        }
    }
    Ok(ItemSpec { exhibit, capture: capture.into(), file_roles })
}

/// What command-line flags declare, as a spec to merge with a sidecar.
pub(crate) fn spec_from_capture(capture: Capture) -> ItemSpec {
    ItemSpec { capture: capture.into(), ..ItemSpec::default() }
}

/// A capture description that cannot be combined as JSON values.
fn capture_refused(e: serde_json::Error) -> Error {
    Error::BadInput { field: "capture", why: e.to_string(), remedy: None }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provenance::ItemKind;

    fn names() -> SourceNames<'static> {
        SourceNames::new("--case-ref", "the flags")
    }

    fn case_file(dir: &Path, text: &str) -> (PathBuf, CaseFile) {
        let path = dir.join("case.toml");
        (path.clone(), casefile::parse_case_file(text, &path).unwrap())
    }

    fn resolve_quietly(d: Declarations) -> Result<Resolved, String> {
        resolve(d, names(), &mut |_, _| {}).map_err(|e| e.to_string())
    }

    /// Spec §9.4: the items of the case file and the inputs given besides are counted together
    /// before any sidecar is looked for: the first input's two sidecars would be an error, and
    /// its valid sidecar is never reported as used.
    #[test]
    fn more_items_than_a_bundle_may_hold_are_refused_before_any_sidecar_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let first = dir.path().join("a");
        std::fs::write(dir.path().join("a.capture.toml"), "kind = \"video\"\n").unwrap();
        std::fs::write(dir.path().join("a.capture.json"), "{}").unwrap();
        let max = crate::layout::MAX_ITEMS as usize;
        let declared = |inputs: usize| Declarations {
            case_file: Some(case_file(dir.path(), "[case]\nreference = \"R\"\n[[items]]\npath = \"a\"\n")),
            inputs: (0..inputs).map(|i| dir.path().join(format!("in-{i}"))).collect(),
            ..Declarations::default()
        };
        let mut seen = 0;
        let e = resolve(declared(max), names(), &mut |_, _| seen += 1).unwrap_err();
        assert!(matches!(e, Error::TooManyItems { items: 100_001 }), "{e:?}");
        assert_eq!(seen, 0, "no sidecar was looked at");
        // At the bound the sidecars are read: the first input's clash is the error.
        let e = resolve_quietly(declared(max - 1)).unwrap_err();
        assert!(e.contains(&format!("{} has two sidecars", first.display())), "{e}");
    }

    #[test]
    fn case_file_items_come_first_then_the_inputs_given_besides() {
        let dir = tempfile::tempdir().unwrap();
        let d = Declarations {
            case_file: Some(case_file(
                dir.path(),
                "[case]\nreference = \"R\"\n[[items]]\npath = \"a\"\nexhibit = \"EX-1\"\n",
            )),
            inputs: vec![dir.path().join("b")],
            ..Declarations::default()
        };
        let r = resolve_quietly(d).unwrap();
        assert_eq!(r.case.case.reference, "R");
        let paths: Vec<_> = r.items.iter().map(|i| i.path.clone()).collect();
        assert_eq!(paths, [dir.path().join("a"), dir.path().join("b")]);
        assert_eq!(r.items[0].spec.exhibit.as_deref(), Some("EX-1"));
    }

    #[test]
    fn a_case_reference_besides_the_case_file_must_agree_with_it() {
        let dir = tempfile::tempdir().unwrap();
        let d = |r: &str| Declarations {
            case_file: Some(case_file(dir.path(), "[case]\nreference = \"R\"\n")),
            case_reference: Some(r.into()),
            ..Declarations::default()
        };
        assert!(resolve_quietly(d("R")).is_ok());
        let e = resolve_quietly(d("S")).unwrap_err();
        assert!(
            e.starts_with("--case-ref S differs from the reference in ") && e.ends_with("(R); give it in one place"),
            "{e}"
        );
        let quick = Declarations { case_reference: Some("Q".into()), ..Declarations::default() };
        assert_eq!(resolve_quietly(quick).unwrap().case.case.reference, "Q");
    }

    #[test]
    fn values_given_with_the_seal_apply_to_every_item_and_never_override_the_case_file() {
        let dir = tempfile::tempdir().unwrap();
        let capture = Capture { source_url: Some("https://x.example".into()), ..Capture::default() };
        let d = Declarations {
            case_file: Some(case_file(
                dir.path(),
                "[case]\nreference = \"R\"\n[[items]]\npath = \"a\"\nkind = \"video\"\n",
            )),
            capture: capture.clone(),
            inputs: vec![dir.path().join("b")],
            ..Declarations::default()
        };
        let r = resolve_quietly(d).unwrap();
        assert!(r.items.iter().all(|i| i.spec.capture.source_url.as_deref() == Some("https://x.example")));
        assert_eq!(r.items[0].spec.capture.kind, Some(ItemKind::Video));
        let clash = Declarations {
            case_file: Some(case_file(
                dir.path(),
                "[case]\nreference = \"R\"\n[[items]]\npath = \"a\"\nsource_url = \"https://y\"\n",
            )),
            capture,
            ..Declarations::default()
        };
        assert_eq!(
            resolve_quietly(clash).unwrap_err(),
            "source_url is given both in the case file and in the flags; keep one of them"
        );
    }

    #[test]
    fn a_sidecar_adds_to_the_description_and_may_not_repeat_a_field() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("v.mp4");
        std::fs::write(&input, b"v").unwrap();
        let side = dir.path().join("v.mp4.capture.toml");
        std::fs::write(&side, "kind = \"video\"\nexhibit = \"EX-2\"\n").unwrap();
        let mut told = Vec::new();
        let d = Declarations {
            case_reference: Some("R".into()),
            capture: Capture { note: Some("n".into()), ..Capture::default() },
            inputs: vec![input.clone()],
            ..Declarations::default()
        };
        let r = resolve(d, names(), &mut |i, s| told.push((i.to_path_buf(), s.to_path_buf()))).unwrap();
        assert_eq!(told, [(input.clone(), side.clone())]);
        let spec = &r.items[0].spec;
        assert_eq!(
            (spec.capture.kind, spec.capture.note.as_deref(), spec.exhibit.as_deref()),
            (Some(ItemKind::Video), Some("n"), Some("EX-2"))
        );
        let d = Declarations {
            case_reference: Some("R".into()),
            capture: Capture { kind: Some(ItemKind::Image), ..Capture::default() },
            inputs: vec![input.clone()],
            ..Declarations::default()
        };
        let e = resolve_quietly(d).unwrap_err();
        assert_eq!(
            e,
            format!(
                "kind is given both in the case file or the flags for {} and in {}; keep one of them",
                input.display(),
                side.display()
            )
        );
    }
}
