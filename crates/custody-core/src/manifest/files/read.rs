//! Reading an item's file records (issue #22), one at a time as the manifest is parsed:
//! counted across the manifest's items (spec §9.4, `manifest.too_many_files`), and, under
//! [`parse_over`], referring to the archive's names and the payload listing's digests instead
//! of copying them (issue #13.4).

use std::sync::Arc;

use serde::de::{SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::{Files, GROW_RECORDS, OWN_DIGEST};
use crate::archive::SharedNames;
use crate::bagit::ManifestListing;
use crate::manifest::FileRecord;

/// What the file records parsed under [`parse_over`] refer to instead of copying: the
/// archive's names, and the payload's listing if it was read.
pub(super) struct Over {
    names: SharedNames,
    listing: Option<Arc<ManifestListing>>,
}

thread_local! {
    /// The archive names (and listing) the file records being parsed on this thread refer to
    /// ([`parse_over`]).
    pub(super) static OVER: std::cell::RefCell<Option<Over>> = const { std::cell::RefCell::new(None) };
    /// How many records the tables parsed so far under [`parse_over`] on this thread hold: the
    /// next table reserves room for the archive's entries less these.
    pub(super) static CLAIMED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    /// How many file records the manifest parse on this thread has read across its items
    /// ([`counting_records`]); `None` when no manifest is being parsed (nothing is counted).
    static RECORDS: std::cell::Cell<Option<u64>> = const { std::cell::Cell::new(None) };
}

/// Runs `parse` counting every file record parsed on this thread, across tables: the one
/// that would be past [`crate::layout::over_file_record_bound`] is refused as it begins,
/// nothing of it read (spec §9.4, `manifest.too_many_files`), so a manifest of millions of
/// records in one item costs what the bound's do.
pub(crate) fn counting_records<T>(parse: impl FnOnce() -> T) -> T {
    /// Puts back what was set before, even if `parse` panics.
    struct Restore(Option<u64>);
    impl Drop for Restore {
        fn drop(&mut self) {
            RECORDS.set(self.0);
        }
    }
    let _restore = Restore(RECORDS.replace(Some(0)));
    parse()
}

/// Runs `parse` with every file record parsed on this thread whose path is an entry's name
/// referring to that name's bytes in the archive's names instead of copying them (issue
/// #22: at a million files the manifest and the archive then do not each hold every path).
/// The records keep the archive's names (one arena, not the entry list) alive as long as
/// they live, in place of their own copy of the paths.
///
/// Given the payload's `listing` (`manifest-sha256.txt` read over the same names), a record
/// whose SHA-256 is its path's line's refers to that line instead of keeping a second copy
/// (issue #13.4: 32 bytes a file), and keeps the listing alive; a record whose digest differs
/// from its line's, or that no line lists, keeps its own. Each record still gives back the
/// digest its manifest wrote.
pub(crate) fn parse_over<T>(names: SharedNames, listing: Option<Arc<ManifestListing>>, parse: impl FnOnce() -> T) -> T {
    /// Puts back what was set before, even if `parse` panics.
    struct Restore(Option<Over>, usize);
    impl Drop for Restore {
        fn drop(&mut self) {
            let before = self.0.take();
            OVER.with(|o| *o.borrow_mut() = before);
            CLAIMED.set(self.1);
        }
    }
    let _restore = Restore(OVER.with(|o| o.replace(Some(Over { names, listing }))), CLAIMED.replace(0));
    parse()
}

impl Files {
    /// Reads a table's records from `seq`, over the archive's names `over` and beside the
    /// payload's listing `listing` if given (not yet indexed). A table grows as usual up to [`GROW_RECORDS`]; one that reaches it over an
    /// archive then reserves room for the entries no earlier table described, once, so that
    /// a table of a million records is not grown by doubling, which left the blocks it
    /// outgrew in the heap, never given back (issue #22). The room is bounded by the entries
    /// (at most `MAX_ENTRIES`); untouched room costs no memory, [`Files::index`] gives back
    /// what is left over, and a table of more records than entries grows past it. Its own
    /// digests are reserved likewise when no listing can give them.
    pub(super) fn read<'de, A: SeqAccess<'de>>(
        mut seq: A,
        over: Option<SharedNames>,
        listing: Option<Arc<ManifestListing>>,
    ) -> Result<Files, A::Error> {
        let mut files = Files::new();
        // Where in name order the last record's path was (records are written in path order),
        // and where in the listing's order (path order too) its line was.
        let (mut next, mut next_line) = (0, 0);
        let lines = match (&over, &listing) {
            (Some(n), Some(l)) => Some(l.over(n.names())),
            _ => None,
        };
        // One record at a time: counted (in a manifest's parse), parsed, then kept compactly.
        loop {
            let counted = RECORDS.get();
            if let Some(n) = counted
                && crate::layout::over_file_record_bound(n.saturating_add(1))
            {
                // Whether another record begins; nothing of it is read (spec §9.4).
                match seq.next_element_seed(crate::manifest::Begins)? {
                    None => break,
                    Some(()) => return Err(crate::manifest::stop_at(crate::manifest::Bound::FileRecords)),
                }
            }
            let Some(r) = seq.next_element::<FileRecord>()? else { break };
            if let Some(n) = counted {
                RECORDS.set(Some(n.saturating_add(1)));
            }
            if files.recs.len() == GROW_RECORDS
                && let Some(n) = &over
            {
                let room = n.count().saturating_sub(CLAIMED.get()).saturating_sub(GROW_RECORDS);
                files.recs.reserve_exact(room);
                if lines.is_none() {
                    files.digests.reserve_exact(room);
                }
            }
            let in_names = over.as_ref().and_then(|n| n.find_from(&r.path, &mut next));
            // The line of the record's path, if its digest is the record's.
            let line = lines
                .and_then(|l| l.position_from(&r.path, &mut next_line))
                .filter(|&k| lines.and_then(|l| l.at(k)) == Some(&r.sha256))
                .and_then(|k| u32::try_from(k).ok());
            files.push(&r, in_names, line).map_err(serde::de::Error::custom)?;
        }
        if files.recs.iter().any(|r| r.in_names()) {
            files.names = over.map(|o| o.arena());
        }
        if files.recs.iter().any(|r| r.digest & OWN_DIGEST == 0) {
            files.listing = listing;
        }
        Ok(files)
    }
}

impl<'de> Deserialize<'de> for Files {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Records;
        impl<'de> Visitor<'de> for Records {
            type Value = Files;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an array of file records")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Files, A::Error> {
                let (over, listing) = OVER.with(|o| match &*o.borrow() {
                    Some(o) => (Some(o.names.clone()), o.listing.clone()),
                    None => (None, None),
                });
                let counted = over.is_some();
                let mut files = Files::read(seq, over, listing)?;
                files.index();
                if counted {
                    CLAIMED.set(CLAIMED.get().saturating_add(files.len()));
                }
                Ok(files)
            }
        }
        d.deserialize_seq(Records)
    }
}
