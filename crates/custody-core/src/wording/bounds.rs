//! The manifest's bounds (spec §9.4): the messages of a manifest refused for what a reader
//! would have to hold (too many items or file records, too heavy), and a writer's refusal to
//! make one. Re-exported by `checks`, where the verifier's other messages are.

use crate::layout::MANIFEST_PATH;

/// `manifest.too_many_items`.
pub(crate) fn manifest_too_many_items(max: u64) -> String {
    format!(
        "{MANIFEST_PATH} lists more than the {max} items a bundle may hold; it was read no further, and nothing \
         that depends on it was checked. custody does not write such a manifest since 0.1.0 (earlier builds \
         could: split its evidence into several bundles)"
    )
}

/// `manifest.too_many_files`.
pub(crate) fn manifest_too_many_files(max: u64) -> String {
    format!(
        "{MANIFEST_PATH} lists more than the {max} file records a bundle may hold (across all its items); it was \
         read no further, and nothing that depends on it was checked. No custody writer lists more"
    )
}

/// `manifest.too_large_to_hold`.
pub(crate) fn manifest_too_large_to_hold(max: u64) -> String {
    format!(
        "{MANIFEST_PATH} weighs more than the {} MiB a reader may be asked to hold (spec §9.4: its values and \
         text, less what its file records share with the archive); nothing that depends on it was checked. No \
         custody writer makes such a manifest: split its evidence into several bundles, or shorten its texts",
        max >> 20
    )
}

/// A writer's refusal of a manifest over the weight (spec §9.4).
pub(crate) fn manifest_too_heavy_to_write(weight: u64, max: u64) -> String {
    format!(
        "the manifest would weigh {} MiB, more than the {} MiB a verifier may be asked to hold (spec §9.4: each \
         value and its text: item descriptions, notes, attested files, original names that are not the end of \
         their bundle path)",
        weight.div_ceil(1 << 20),
        max >> 20
    )
}

/// What to do about [`manifest_too_heavy_to_write`].
pub(crate) const MANIFEST_TOO_HEAVY_REMEDY: &str = "split the evidence into several bundles, give fewer items (one input folder is one item of many files), \
     shorten long texts, or attest fewer files per bundle";
