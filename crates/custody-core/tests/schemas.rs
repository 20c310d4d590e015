//! The JSON Schemas in `schemas/` are generated from the Rust types; this test fails when
//! they are stale. Regenerate with: `UPDATE_SCHEMAS=1 cargo test -p custody-core --test main -- schemas`.

use std::path::Path;

#[test]
fn checked_in_schemas_are_current() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas");
    let update = std::env::var_os("UPDATE_SCHEMAS").is_some();
    let mut stale = Vec::new();
    for (name, text) in custody_core::schema::all() {
        let path = dir.join(name);
        if update {
            std::fs::write(&path, &text).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "stale schemas {stale:?}: run UPDATE_SCHEMAS=1 cargo test -p custody-core --test main -- schemas and commit schemas/"
    );
}

#[test]
fn schemas_are_valid_json_schema() {
    for (name, text) in custody_core::schema::all() {
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert!(jsonschema::meta::is_valid(&v), "{name} is not a valid JSON Schema");
    }
}
