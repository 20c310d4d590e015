//! The entry list of an archive, compact (issue #22): one fixed-size record per entry and
//! every name back to back in one arena, not a `String` (and its heap block) per entry. At a
//! million entries that is 34 bytes an entry plus its name's bytes, against about 110.

use std::sync::Arc;

/// One entry of an archive, as recorded in its central directory: a view whose name borrows
/// the list it came from ([`Archive::entries`](super::Archive::entries)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry<'a> {
    /// The entry's bag path (spec §3.4): its name in the ZIP less the root folder, which
    /// [`Archive::root`](super::Archive::root) names (spec §2.5).
    pub name: &'a str,
    /// Its size in bytes (stored, so compressed and uncompressed sizes are equal).
    pub size: u64,
    /// Its CRC-32, as recorded.
    pub crc32: u32,
    /// Offset of the local header.
    pub header_offset: u64,
    /// Offset of the first data byte.
    pub data_offset: u64,
}

/// An entry's fixed-size record (34 bytes; issue #13.4: 48 with the name's place in
/// `usize`s, 40 with the DOS time and date, which a bundle fixes, and the record aligned to
/// 8 bytes): its name is at `name_at..name_at + name_len` of the list's names (`base` then
/// `tail`, one run of positions). Packed to 2 bytes: its 64-bit fields are read and
/// written by value, never borrowed (the compiler refuses a borrow of a packed field).
///
/// Places and ends fit 32 bits and lengths 16, the one home of that rule: a reader's names
/// take at most 256 MiB (spec §9.4), a writer's at most 1,100,000 of 1,024 bytes, and every
/// reader and writer refuses a name over 1,024 bytes before it is added; [`Entries::push`]
/// refuses a name that would end at 4 GiB or past it, or is longer than 65,535 bytes,
/// rather than narrow its place ([`NamesFull`]), and every other place given out is one of
/// these or smaller.
///
/// Every span lies within the arena on character boundaries, by construction: [`Entries::push`]
/// stores a whole name (no length is narrowed), [`Entries::pop`] cuts the arena only where a
/// whole name began, and [`Entries::strip_prefix`] moves a span past a prefix only where the
/// name starts with that prefix (a whole `str`, so it ends on a boundary). No span can be bad,
/// so [`Entries::view`] never has a name to make up.
#[derive(Debug, Clone, Copy)]
#[repr(C, packed(2))]
struct Slot {
    size: u64,
    header_offset: u64,
    data_offset: u64,
    name_at: u32,
    crc32: u32,
    name_len: u16,
}

const _: () = assert!(std::mem::size_of::<Slot>() == 34);

impl Slot {
    /// Where the name starts among the list's names.
    fn at(&self) -> usize {
        self.name_at as usize
    }

    /// The name's length in bytes.
    fn len(&self) -> usize {
        self.name_len as usize
    }

    /// Where the name ends.
    fn end(&self) -> usize {
        self.at() + self.len()
    }
}

/// The names of an entry list would take 4 GiB or more, or a name 64 KiB
/// ([`Entries::push`], see [`Slot`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NamesFull;

impl std::fmt::Display for NamesFull {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::wording::archive::names_full())
    }
}

impl std::error::Error for NamesFull {}

/// The place and length of a name of `len` bytes stored at `at`, if its end fits 32 bits
/// and its length 16 (see [`Slot`]).
fn place_after(at: usize, len: usize) -> Result<(u32, u16), NamesFull> {
    let at = u32::try_from(at).map_err(|_| NamesFull)?;
    let len = u16::try_from(len).map_err(|_| NamesFull)?;
    at.checked_add(u32::from(len)).ok_or(NamesFull)?;
    Ok((at, len))
}

/// Entries in order, their names in one arena.
#[derive(Debug, Clone, Default)]
pub struct Entries {
    slots: Vec<Slot>,
    /// The names of the entries as read (all of them, once an archive is opened): shared,
    /// not copied, with the manifest's file records that refer to them (issue #22,
    /// [`SharedNames`]).
    base: Arc<String>,
    /// Names added since (a writer's), at the positions after `base`'s.
    tail: String,
}

impl Entries {
    /// An empty list with room for `n` entries and `name_bytes` bytes of names (the reader
    /// knows both from the central directory: reserved exactly, neither list doubles past
    /// what it needs at a million entries).
    pub(crate) fn with_capacity(n: usize, name_bytes: usize) -> Self {
        Entries { slots: Vec::with_capacity(n), base: Arc::default(), tail: String::with_capacity(name_bytes) }
    }

    /// How many entries it has room for without growing.
    pub(crate) fn capacity(&self) -> usize {
        self.slots.capacity()
    }

    /// Makes room for `n` more entries and `name_bytes` more bytes of names.
    pub(crate) fn reserve(&mut self, n: usize, name_bytes: usize) {
        self.slots.reserve_exact(n);
        self.tail.reserve_exact(name_bytes);
    }

    /// How many entries.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// How many bytes of names, `base` and `tail`.
    fn names_len(&self) -> usize {
        self.base.len() + self.tail.len()
    }

    /// The names' text at `at..at + len` (never across `base` and `tail`: a name is stored
    /// whole in one of them).
    fn text(&self, at: usize, len: usize) -> Option<&str> {
        match at.checked_sub(self.base.len()) {
            Some(t) => self.tail.get(t..t + len),
            None => self.base.get(at..at + len),
        }
    }

    /// Moves the names added since into `base`, so that all can be shared ([`SharedNames`]);
    /// a move, not a copy, when `base` is empty (an archive just read).
    pub(crate) fn freeze(&mut self) {
        if self.tail.is_empty() {
            return;
        }
        let tail = std::mem::take(&mut self.tail);
        if self.base.is_empty() {
            self.base = Arc::new(tail);
        } else {
            let mut all = String::with_capacity(self.base.len() + tail.len());
            all.push_str(&self.base);
            all.push_str(&tail);
            self.base = Arc::new(all);
        }
    }

    /// The names as frozen ([`Self::freeze`]): the arena that [`Self::place_of`]'s places
    /// are in, shared, not copied.
    pub(crate) fn frozen_names(&self) -> Arc<String> {
        self.base.clone()
    }

    /// Where the name of the entry at `i` is, if that name is `name`: a place in the
    /// positions of every name, which [`Self::freeze`] keeps, so that it
    /// is the entry's place in [`Self::frozen_names`] once frozen, whether the name is frozen
    /// yet or not. A writer refers its records to its entries' names as it writes them
    /// (issue #22: the sealer's manifest table is made as the payload is written).
    pub(crate) fn place_of(&self, i: usize, name: &str) -> Option<(u32, u32)> {
        let s = self.slots.get(i)?;
        (self.text(s.at(), s.len())? == name).then_some((s.name_at, u32::from(s.name_len)))
    }

    fn view(&self, s: &Slot) -> Entry<'_> {
        // Always `Some`: every span is a whole name or the rest of one after a prefix (see
        // `Slot`); the empty name is never produced, and tests check the spans after each change.
        // A broken invariant shows in debug builds and tests rather than as an empty name.
        let name = self.text(s.at(), s.len());
        debug_assert!(name.is_some(), "an entry's name span {}+{} is not in its arena", { s.name_at }, { s.name_len });
        let name = name.unwrap_or_default();
        Entry { name, size: s.size, crc32: s.crc32, header_offset: s.header_offset, data_offset: s.data_offset }
    }

    /// The entry at `i`, in order.
    pub fn get(&self, i: usize) -> Option<Entry<'_>> {
        self.slots.get(i).map(|s| self.view(s))
    }

    /// The name of the entry at `i` (without the rest of its record: the lookups by name
    /// compare only names).
    pub(crate) fn name(&self, i: usize) -> Option<&str> {
        self.slots.get(i).and_then(|s| self.text(s.at(), s.len()))
    }

    /// The first entry.
    pub fn first(&self) -> Option<Entry<'_>> {
        self.get(0)
    }

    /// The last entry.
    pub fn last(&self) -> Option<Entry<'_>> {
        self.slots.last().map(|s| self.view(s))
    }

    /// The entries, in order.
    pub fn iter(&self) -> Iter<'_> {
        Iter { list: self, slots: self.slots.iter() }
    }

    /// Whether a name of `len` bytes can be added ([`Self::push`]): a writer asks before it
    /// writes the entry.
    pub(crate) fn has_room_for(&self, len: usize) -> Result<(), NamesFull> {
        place_after(self.names_len(), len).map(|_| ())
    }

    /// Adds an entry, copying its whole name into the arena; refused, nothing added, if the
    /// name would end at 4 GiB or past it (see [`Slot`]).
    pub(crate) fn push(&mut self, e: Entry<'_>) -> Result<(), NamesFull> {
        let (name_at, name_len) = place_after(self.names_len(), e.name.len())?;
        self.tail.push_str(e.name);
        self.slots.push(Slot {
            name_at,
            size: e.size,
            header_offset: e.header_offset,
            data_offset: e.data_offset,
            crc32: e.crc32,
            name_len,
        });
        Ok(())
    }

    /// Removes the last entry, and its name's bytes when they end the arena. After
    /// [`Self::sort_by_header_offset`] the last entry's name need not be the last name stored
    /// (the central directory may list entries in any order, spec §2.2): cutting the arena at
    /// it would cut the names of the entries listed after it.
    pub(crate) fn pop(&mut self) {
        if let Some(s) = self.slots.pop()
            && s.end() == self.names_len()
            && let Some(t) = s.at().checked_sub(self.base.len())
        {
            self.tail.truncate(t);
        }
    }

    /// The offset of the local header of the entry at `i` (without the rest of its record).
    pub(crate) fn header_offset(&self, i: usize) -> Option<u64> {
        self.slots.get(i).map(|s| s.header_offset)
    }

    /// Sets the data offset of the entry at `i`.
    pub(crate) fn set_data_offset(&mut self, i: usize, at: u64) {
        if let Some(s) = self.slots.get_mut(i) {
            s.data_offset = at;
        }
    }

    /// Orders the entries by the offset of their local header (names stay where they are),
    /// entries at the same offset in the order they were added: nothing to do for a list in
    /// that order already (a bundle's, as written), and otherwise sorted in place, not with
    /// the scratch room of half the list (17 MB at a million entries) a stable sort takes
    /// (issue #13.4). Each name's place is after the names added before it, so it orders
    /// ties as a stable sort would.
    ///
    /// Whether any entry moved.
    pub(crate) fn sort_by_header_offset(&mut self) -> bool {
        if self.slots.is_sorted_by_key(|s| s.header_offset) {
            return false;
        }
        self.slots.sort_unstable_by_key(|s| (s.header_offset, s.name_at));
        true
    }

    /// Drops `prefix` from every name (the root folder, which every name was checked to start
    /// with, followed by more). Returns the first name that does not start with it, all names
    /// left as they were: the check before was broken, and no name is left whole silently.
    ///
    /// The names are kept without it in an arena of exactly their size (issue #22: the root
    /// is 41 bytes of every name, 41 MB at a million entries). When the list alone holds its
    /// names, they are moved down in place, in the order they lie in the arena, and the arena
    /// shrunk: never a second copy of the names, which at the central directory's 256 MiB
    /// limit would double what a reader holds (issue #13.4). Names shared already (never, when
    /// a reader strips its root) are copied once.
    pub(crate) fn strip_prefix(&mut self, prefix: &str) -> Result<(), String> {
        if let Some(s) = self.slots.iter().find(|s| !self.text(s.at(), s.len()).is_some_and(|n| n.starts_with(prefix)))
        {
            return Err(self.text(s.at(), s.len()).unwrap_or_default().to_owned());
        }
        self.freeze();
        let names = std::mem::take(&mut self.base);
        let stripped = match Arc::try_unwrap(names) {
            Ok(names) => match self.arena_order(names.len(), prefix.len()) {
                Some(order) => self.strip_in_place(names, &order, prefix.len()),
                // Never so (see `Slot`); copied rather than moved over bytes still in use.
                None => self.strip_copying(&names, prefix.len()),
            },
            Err(shared) => self.strip_copying(&shared, prefix.len()),
        };
        self.base = Arc::new(stripped);
        Ok(())
    }

    /// The slots in the order their names lie in an arena of `len` bytes, if every span is in
    /// it, at least `skip` long, and none overlaps the next: the order they were read in
    /// (an empty index), or, when sorted by header offset since, an index of 4 bytes an entry.
    fn arena_order(&self, len: usize, skip: usize) -> Option<Vec<u32>> {
        let in_order = self.slots.windows(2).all(|w| w[0].end() <= w[1].at());
        let mut order: Vec<u32> = Vec::new();
        if !in_order {
            // At most 1,100,000 entries (spec §9.4), far below u32::MAX.
            // Exactly one index an entry, collected from a range of known length.
            order = (0..u32::try_from(self.slots.len()).ok()?).collect();
            order.sort_unstable_by_key(|&i| self.slots.get(i as usize).map(|s| s.name_at));
        }
        let mut end = 0;
        for k in 0..self.slots.len() {
            let s = self.slots.get(if in_order { k } else { *order.get(k)? as usize })?;
            if s.at() < end || s.len() < skip || s.end() > len {
                return None;
            }
            end = s.end();
        }
        Some(order)
    }

    /// [`Self::strip_prefix`] over names the list alone holds, their spans in `order`
    /// ([`Self::arena_order`]): each name's rest is moved down to the end of the rests before
    /// it (it only ever moves towards the start, over bytes already moved or dropped).
    fn strip_in_place(&mut self, names: String, order: &[u32], skip: usize) -> String {
        let mut bytes = names.into_bytes();
        let mut to = 0;
        for k in 0..self.slots.len() {
            let i = if order.is_empty() { k } else { order.get(k).map_or(k, |&i| i as usize) };
            let Some(s) = self.slots.get_mut(i) else { continue };
            let (from, len) = (s.at() + skip, s.len() - skip);
            // In the arena and after `to`, as `arena_order` checked.
            bytes.copy_within(from..from + len, to);
            // Never past the place and length it had: both still fit.
            (s.name_at, s.name_len) = (to as u32, len as u16);
            to += len;
        }
        bytes.truncate(to);
        bytes.shrink_to_fit();
        // Each rest starts where a whole `str` prefix ended, on a character boundary, and ends
        // where its name did: still UTF-8, and the fallback is never taken.
        String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }

    /// [`Self::strip_prefix`] over names shared with another holder: stored again without
    /// the prefix, in entry order.
    fn strip_copying(&mut self, names: &str, skip: usize) -> String {
        let kept: usize = self.slots.iter().map(|s| s.len() - skip).sum();
        let mut stripped = String::with_capacity(kept);
        for s in &mut self.slots {
            // Every span was checked to hold a name that starts with the prefix.
            let rest = names.get(s.at() + skip..s.end()).unwrap_or_default();
            // No more bytes than the names had: every place still fits.
            (s.name_at, s.name_len) = (stripped.len() as u32, rest.len() as u16);
            stripped.push_str(rest);
        }
        stripped
    }

    /// The bytes the list holds (for measuring): its records' and its names' capacity.
    #[cfg(test)]
    pub(crate) fn held_bytes(&self) -> usize {
        self.slots.capacity() * std::mem::size_of::<Slot>() + self.base.capacity() + self.tail.capacity()
    }
}

/// The entries of an [`Entries`], in order ([`Entries::iter`]).
#[derive(Debug, Clone)]
pub struct Iter<'a> {
    list: &'a Entries,
    slots: std::slice::Iter<'a, Slot>,
}

impl<'a> Iterator for Iter<'a> {
    type Item = Entry<'a>;
    fn next(&mut self) -> Option<Entry<'a>> {
        self.slots.next().map(|s| self.list.view(s))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.slots.size_hint()
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.slots.next_back().map(|s| self.list.view(s))
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl<'a> IntoIterator for &'a Entries {
    type Item = Entry<'a>;
    type IntoIter = Iter<'a>;
    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

/// An archive's entry names with the index that finds one by name
/// ([`Archive::names`](super::Archive::names)): what a reader of a listing of paths keeps to
/// refer to an entry's name (4 bytes) instead of a copy of it (issue #22).
#[derive(Debug, Clone, Copy)]
pub struct Names<'a> {
    entries: &'a Entries,
    by_name: &'a [u32],
}

/// An archive's names held beyond a borrow of the archive (issue #22): while the manifest
/// is parsed, its file records refer to the names of the entries they name
/// ([`crate::manifest::files::parse_over`]) instead of copying every path, and keep the
/// names' arena (not the entry list) alive. Shares the archive's list and index, copies
/// neither.
#[derive(Clone)]
pub(crate) struct SharedNames {
    entries: Arc<Entries>,
    by_name: Arc<[u32]>,
}

impl SharedNames {
    /// `entries` with `by_name`, their indices sorted by name.
    pub(crate) fn new(entries: Arc<Entries>, by_name: Arc<[u32]>) -> Self {
        SharedNames { entries, by_name }
    }

    /// How many entries.
    pub(crate) fn count(&self) -> usize {
        self.entries.len()
    }

    /// The names, found by name.
    pub(crate) fn names(&self) -> Names<'_> {
        Names::new(&self.entries, &self.by_name)
    }

    /// The list shared (for tests that count who holds it).
    #[cfg(test)]
    pub(crate) fn entries_for_test(&self) -> Arc<Entries> {
        self.entries.clone()
    }

    /// The arena of the names as read, which [`SharedNames::find`]'s places are in.
    pub(crate) fn arena(&self) -> Arc<String> {
        self.entries.base.clone()
    }

    /// Where in [`SharedNames::arena`] the name `name` is, if an entry has it.
    pub(crate) fn find(&self, name: &str) -> Option<(u32, u32)> {
        let mut anywhere = usize::MAX;
        self.find_from(name, &mut anywhere)
    }

    /// [`Self::find`], `next` as for
    /// [`Names::index_from`].
    pub(crate) fn find_from(&self, name: &str, next: &mut usize) -> Option<(u32, u32)> {
        let i = self.names().index_from(name, next)?;
        let s = self.entries.slots.get(i as usize)?;
        (s.end() <= self.entries.base.len()).then_some((s.name_at, u32::from(s.name_len)))
    }
}

#[cfg(test)]
impl SharedNames {
    /// An archive's names as a verification shares them, for tests: `names` in order (the
    /// rest of each entry empty), indexed by name.
    pub(crate) fn of_names(names: &[&str]) -> Self {
        let mut entries = Entries::default();
        for name in names {
            let e = Entry { name, size: 0, crc32: 0, header_offset: 0, data_offset: 0 };
            entries.push(e).unwrap();
        }
        let mut by_name: Vec<u32> = (0..names.len() as u32).collect();
        by_name.sort_by_key(|&i| names[i as usize]);
        entries.freeze();
        SharedNames::new(Arc::new(entries), by_name.into())
    }
}

impl std::fmt::Debug for SharedNames {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SharedNames({} entries)", self.entries.len())
    }
}

/// Where in `sorted` the element `order` finds equal is (`order` tells how an element compares
/// with the one sought), looked for first at `next`, where the one sought is expected, then by
/// binary search; `next` then moves to the place after it, or, if there is none, to where it
/// would be. The one finger search of the listings read in the order they are written
/// ([`Names::index_from`], [`crate::bagit::Listed::position_from`]).
pub(crate) fn find_from<T>(sorted: &[T], next: &mut usize, order: impl Fn(&T) -> std::cmp::Ordering) -> Option<usize> {
    find_from_index(sorted.len(), next, |i| sorted.get(i).map_or(std::cmp::Ordering::Greater, &order))
}

/// [`find_from`] over the places `0..len` of a sorted sequence that is not a slice:
/// `order(i)` tells how the element at `i` compares with the one sought.
pub(crate) fn find_from_index(
    len: usize,
    next: &mut usize,
    order: impl Fn(usize) -> std::cmp::Ordering,
) -> Option<usize> {
    use std::cmp::Ordering;
    if *next < len && order(*next).is_eq() {
        *next += 1;
        return Some(*next - 1);
    }
    let (mut low, mut high) = (0, len);
    while low < high {
        let mid = low + (high - low) / 2;
        match order(mid) {
            Ordering::Less => low = mid + 1,
            Ordering::Greater => high = mid,
            Ordering::Equal => {
                *next = mid + 1;
                return Some(mid);
            }
        }
    }
    *next = low;
    None
}

static NO_ENTRIES: std::sync::LazyLock<Entries> = std::sync::LazyLock::new(Entries::default);

impl Default for Names<'_> {
    /// No names: a listing read over it keeps every path itself.
    fn default() -> Self {
        Names { entries: &NO_ENTRIES, by_name: &[] }
    }
}

impl<'a> Names<'a> {
    /// `entries` with `by_name`, their indices sorted by name.
    pub(crate) fn new(entries: &'a Entries, by_name: &'a [u32]) -> Self {
        Names { entries, by_name }
    }

    /// Which entries these are (their count, and their names' arena by place and length): a
    /// listing parsed over them records it, so reading it with other names shows
    /// ([`crate::bagit::ManifestListing::over`]).
    pub(crate) fn identity(&self) -> (usize, usize, usize) {
        (self.entries.slots.len(), self.entries.base.as_ptr() as usize, self.entries.names_len())
    }

    /// The index of the entry named exactly `name`.
    pub fn index_of(&self, name: &str) -> Option<u32> {
        let mut anywhere = usize::MAX;
        self.index_from(name, &mut anywhere)
    }

    /// [`Self::index_of`] for names looked up mostly in name order, as a listing written in
    /// that order is read: `next` is where in name order the next name is expected (after a
    /// name found, the place after it; after a name not found, where it would be), and the
    /// name there is compared first; only if it is not `name` is `name` searched for (then
    /// `next` moves as said). A million lines in order cost a million comparisons, not
    /// twenty million; lines in any other order cost what [`Self::index_of`] does.
    pub fn index_from(&self, name: &str, next: &mut usize) -> Option<u32> {
        let at = find_from(self.by_name, next, |i| self.entries.name(*i as usize).unwrap_or_default().cmp(name))?;
        self.by_name.get(at).copied()
    }

    /// The index of the `k`th entry in name order.
    pub(crate) fn in_name_order(&self, k: usize) -> Option<u32> {
        self.by_name.get(k).copied()
    }

    /// The name of the entry at `i`.
    pub fn name(&self, i: u32) -> Option<&'a str> {
        self.entries.get(i as usize).map(|e| e.name)
    }

    /// How many entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A name is placed only where its end fits 32 bits (`Slot`): to the last byte below
    /// 4 GiB, and not one byte further, whatever part is too large.
    #[test]
    fn a_name_is_placed_only_where_its_end_fits_32_bits() {
        let top = u32::MAX as usize;
        let long = usize::from(u16::MAX);
        assert_eq!(place_after(top - 3, 3), Ok((u32::MAX - 3, 3)));
        assert_eq!(place_after(top - long, long), Ok((u32::MAX - u32::from(u16::MAX), u16::MAX)));
        assert_eq!(place_after(0, long), Ok((0, u16::MAX)));
        assert_eq!(place_after(top - 3, 4), Err(NamesFull));
        assert_eq!(place_after(top, 1), Err(NamesFull));
        assert_eq!(place_after(0, long + 1), Err(NamesFull), "a length past 16 bits");
        #[cfg(target_pointer_width = "64")]
        {
            assert_eq!(place_after(top + 1, 0), Err(NamesFull));
            assert_eq!(place_after(0, top + 1), Err(NamesFull));
        }
        // Refused, the list is as it was.
        let mut list = Entries::default();
        let e = Entry { name: "a", size: 1, crc32: 0, header_offset: 0, data_offset: 30 };
        assert_eq!(list.push(e), Ok(()));
        assert_eq!(list.has_room_for(top), Err(NamesFull));
        assert_eq!(list.has_room_for(long), Ok(()));
        assert_eq!(list.has_room_for(long + 1), Err(NamesFull));
        assert_eq!((list.len(), list.names_len()), (1, 1));
    }
}
