//! JSON Schemas (draft 2020-12) of every JSON document custody writes, generated from the
//! Rust types so the published schemas cannot drift from the code. `schemas/` in the
//! repository holds the generated files; a test fails when they are stale.

use crate::event::Event;
use crate::manifest::Manifest;
use crate::verify::{Inspection, Report};

/// A generated schema as the files in `schemas/` hold it: pretty JSON with a final newline,
/// and without the `$id` of any document type embedded in another (the manifest in an
/// inspection keeps its `$id`, which would make references inside it resolve against the
/// wrong base). Front ends that publish schemas of their own outputs render them here too.
pub fn render(s: schemars::Schema) -> String {
    let mut v = s.to_value();
    if let Some(defs) = v.get_mut("$defs").and_then(|d| d.as_object_mut()) {
        for def in defs.values_mut() {
            if let Some(o) = def.as_object_mut() {
                o.remove("$id");
            }
        }
    }
    let mut text = serde_json::to_string_pretty(&v).unwrap_or_default();
    text.push('\n');
    text
}

/// The schema of a document custody only writes (a report, an inspection, a command's
/// output), as it is serialised: a member the writer omits when empty
/// (`skip_serializing_if`) is not required. `schema_for!` describes what deserialising
/// accepts, where such a member without a default would be required, and a valid report
/// would fail its own schema.
pub fn output_schema<T: schemars::JsonSchema>() -> schemars::Schema {
    schemars::generate::SchemaSettings::default().for_serialize().into_generator().into_root_schema_for::<T>()
}

/// (file name, schema text) for every document type.
pub fn all() -> Vec<(&'static str, String)> {
    vec![
        ("manifest.schema.json", render(schemars::schema_for!(Manifest))),
        ("event.schema.json", render(schemars::schema_for!(Event))),
        ("statement.schema.json", render(schemars::schema_for!(crate::statement::Statement))),
        ("verify-report.schema.json", render(output_schema::<Report>())),
        ("inspect.schema.json", render(output_schema::<Inspection>())),
    ]
}
