//! A writer's table, made one record at a time before its archive's names are all written
//! (issue #22): [`Building`].

use super::{Files, IN_NAMES};
use crate::manifest::FileRecord;
use crate::manifest::files::TooLarge;

/// An item's table made one record at a time by a writer whose archive's names are not all
/// written yet (issue #22: the sealer makes each record as it writes the file, so that no
/// digest is held apart from the table): a record's path refers to its place in the names
/// [`Building::finish`] is given, or is copied. Not a [`Files`] until finished: its places
/// mean nothing before.
#[derive(Debug, Default)]
pub(crate) struct Building(Files);

impl Building {
    /// An empty table with room for exactly `n` records (the sealer knows its count).
    pub(crate) fn with_capacity(n: usize) -> Self {
        let mut files = Files::new();
        files.recs.reserve_exact(n);
        files.digests.reserve_exact(n);
        Building(files)
    }

    /// Adds `r`; its path is at `place` of the names [`Building::finish`] will be given (the
    /// caller has checked that the place holds exactly `r.path`), or copied (`None`).
    pub(crate) fn push(&mut self, r: &FileRecord, place: Option<(u32, u32)>) -> Result<(), TooLarge> {
        self.0.push(r, place, None)
    }

    /// How many records.
    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }

    /// The table, its paths referring to `names` at their places; `None` if a place is not
    /// a span of `names` (on character boundaries): the caller gave names other than those
    /// it placed the paths in.
    pub(crate) fn finish(self, names: &std::sync::Arc<String>) -> Option<Files> {
        let mut files = self.0;
        let mut placed = files.recs.iter().filter(|r| r.in_names()).peekable();
        let referring = placed.peek().is_some();
        if placed.any(|r| {
            let at = r.path_at as usize;
            names.get(at..at + usize::from(r.path_len & !IN_NAMES)).is_none()
        }) {
            return None;
        }
        if referring {
            files.names = Some(names.clone());
        }
        files.index();
        Some(files)
    }
}
