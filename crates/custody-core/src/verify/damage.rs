//! Which payload files a verification report found damaged, looked up per file, and the
//! damaged items the verdicts name (the text report, the court report, the forms), capped as
//! they are collected: a bundle of a million damaged files costs no list of a million.

use std::collections::HashSet;

use super::report::Report;
use crate::check::Level;
use crate::text::printable;

/// The damaged files of a report, looked up per file: found damaged by the payload checks
/// (`Report::damaged`), or named by a failed check (on its printable path). Built once per
/// document; holds the failed checks' paths only (capped per code, spec §9.3).
pub struct Damage<'a> {
    r: &'a Report,
    failed: HashSet<&'a str>,
}

impl<'a> Damage<'a> {
    /// The damage of `r`.
    pub fn of(r: &'a Report) -> Self {
        let failed = r.checks.iter().filter(|c| c.level == Level::Fail).filter_map(|c| c.path.as_deref()).collect();
        Damage { r, failed }
    }

    /// Whether the file at `path` (as the manifest writes it) is damaged.
    pub fn file(&self, path: &str) -> bool {
        self.r.damaged.contains_key(path) || self.failed.contains(printable(path).as_str())
    }

    /// Whether an item of the manifest has a damaged file (stops at the first).
    pub fn item(&self, item: &crate::manifest::Item) -> bool {
        item.files.iter().any(|f| self.file(f.path))
    }
}

/// A damaged item as a verdict names it: its id, at most the files asked of its damaged files
/// (printable), and how many more of them there are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DamagedItem {
    /// The item's id.
    pub id: String,
    /// Its first damaged files, in manifest order, printable.
    pub files: Vec<String>,
    /// How many more of its files are damaged.
    pub more_files: usize,
}

/// The damaged items a verdict names ([`Report::damaged_items`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DamagedItems {
    /// The first damaged items, in manifest order.
    pub items: Vec<DamagedItem>,
    /// How many more items have a damaged file.
    pub more: usize,
}

impl DamagedItems {
    /// How many items have a damaged file, listed or not.
    pub fn total(&self) -> usize {
        self.items.len() + self.more
    }
}

impl Report {
    /// The items with a damaged file (found damaged by the payload checks, or named by a failed
    /// check), in manifest order: at most `max_items` of them, each with at most `max_files`
    /// of its damaged files, and how many more of each there are. Complete beyond the checks'
    /// cap (spec §9.3); what is beyond the caps is counted, never collected.
    pub fn damaged_items(&self, max_items: usize, max_files: usize) -> DamagedItems {
        let mut out = DamagedItems::default();
        let Some(m) = &self.manifest else { return out };
        let damage = Damage::of(self);
        for item in &m.items {
            if out.items.len() >= max_items {
                out.more += usize::from(damage.item(item));
                continue;
            }
            let mut listed = DamagedItem { id: item.id.clone(), files: Vec::new(), more_files: 0 };
            for f in item.files.iter().filter(|f| damage.file(f.path)) {
                if listed.files.len() < max_files {
                    listed.files.push(printable(f.path));
                } else {
                    listed.more_files += 1;
                }
            }
            if !listed.files.is_empty() || listed.more_files > 0 {
                out.items.push(listed);
            }
        }
        out
    }

    /// Whether any file is damaged ([`Damage`]).
    pub fn has_damage(&self) -> bool {
        self.damaged_items(0, 0).more > 0
    }
}

#[cfg(test)]
mod tests {
    use crate::check::CheckCode;
    use crate::manifest::{FileRecord, Files};

    #[test]
    fn damaged_items_are_capped_as_they_are_collected_and_the_rest_counted() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/payload-modified.zip");
        let mut r = crate::verify::verify_path(&path, &Default::default()).expect("the test vectors");
        let m = r.manifest.as_mut().expect("a manifest");
        let first = m.items.first().expect("an item").clone();
        let file = first.files.at(0).map(|f| f.to_record()).expect("a file");
        // 30 items of 50 files each, every file damaged.
        m.items = (1..=30)
            .map(|n| {
                let mut item = first.clone();
                item.id = format!("item-{n}");
                item.files = Files::from_records(
                    (0..50).map(|f| FileRecord { path: format!("data/item-{n}/f{f:02}"), ..file.clone() }),
                )
                .expect("records");
                item
            })
            .collect();
        r.checks.retain(|c| c.level != crate::check::Level::Fail);
        r.damaged = (1..=30)
            .flat_map(|n| (0..50).map(move |f| (format!("data/item-{n}/f{f:02}"), CheckCode::PayloadHashMismatch)))
            .collect();
        let d = r.damaged_items(4, 3);
        assert_eq!((d.items.len(), d.more, d.total()), (4, 26, 30));
        for (n, item) in d.items.iter().enumerate() {
            assert_eq!(item.id, format!("item-{}", n + 1));
            assert_eq!(item.files, (0..3).map(|f| format!("data/item-{}/f{f:02}", n + 1)).collect::<Vec<_>>());
            assert_eq!(item.more_files, 47, "the rest of its files counted, not listed");
        }
        assert!(r.has_damage());
        assert_eq!(r.damaged_items(0, 0).total(), 30, "a count alone lists nothing");
        r.damaged.clear();
        assert!(!r.has_damage());
        assert_eq!(r.damaged_items(4, 3), super::DamagedItems::default());
    }
}
