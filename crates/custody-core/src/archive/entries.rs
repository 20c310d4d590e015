//! The entry list of an archive, compact (issue #22): one fixed-size record per entry and
//! every name back to back in one arena, not a `String` (and its heap block) per entry. At a
//! million entries that is about 48 bytes an entry plus its name's bytes, against about 110.

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
    /// The DOS time recorded (always `DOS_TIME` in a bundle).
    pub dos_time: u16,
    /// The DOS date recorded (always `DOS_DATE` in a bundle).
    pub dos_date: u16,
}

/// An entry's fixed-size record: its name is `names[name_at..name_at + name_len]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Slot {
    name_at: usize,
    size: u64,
    header_offset: u64,
    data_offset: u64,
    crc32: u32,
    name_len: u16,
    dos_time: u16,
    dos_date: u16,
}

/// Entries in order, their names in one arena.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entries {
    slots: Vec<Slot>,
    names: String,
}

impl Entries {
    /// An empty list with room for `n` entries.
    pub(crate) fn with_capacity(n: usize) -> Self {
        Entries { slots: Vec::with_capacity(n), names: String::new() }
    }

    /// How many entries.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    fn view(&self, s: &Slot) -> Entry<'_> {
        let name = self.names.get(s.name_at..s.name_at + usize::from(s.name_len)).unwrap_or_default();
        Entry {
            name,
            size: s.size,
            crc32: s.crc32,
            header_offset: s.header_offset,
            data_offset: s.data_offset,
            dos_time: s.dos_time,
            dos_date: s.dos_date,
        }
    }

    /// The entry at `i`, in order.
    pub fn get(&self, i: usize) -> Option<Entry<'_>> {
        self.slots.get(i).map(|s| self.view(s))
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
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = Entry<'_>> + ExactSizeIterator + Clone + '_ {
        self.slots.iter().map(|s| self.view(s))
    }

    /// Adds an entry, copying its name into the arena. Names are at most
    /// [`crate::layout::MAX_NAME_LEN`] bytes (checked by the reader and the writer before).
    pub(crate) fn push(&mut self, e: Entry<'_>) {
        let name_at = self.names.len();
        let name_len = u16::try_from(e.name.len()).unwrap_or(u16::MAX);
        self.names.push_str(e.name.get(..usize::from(name_len)).unwrap_or_default());
        self.slots.push(Slot {
            name_at,
            size: e.size,
            header_offset: e.header_offset,
            data_offset: e.data_offset,
            crc32: e.crc32,
            name_len,
            dos_time: e.dos_time,
            dos_date: e.dos_date,
        });
    }

    /// Removes the last entry, and its name's bytes when they end the arena. After
    /// [`Self::sort_by_header_offset`] the last entry's name need not be the last name stored
    /// (the central directory may list entries in any order, spec §2.2): cutting the arena at
    /// it would cut the names of the entries listed after it.
    pub(crate) fn pop(&mut self) {
        if let Some(s) = self.slots.pop()
            && s.name_at + usize::from(s.name_len) == self.names.len()
        {
            self.names.truncate(s.name_at);
        }
    }

    /// Sets the data offset of the entry at `i`.
    pub(crate) fn set_data_offset(&mut self, i: usize, at: u64) {
        if let Some(s) = self.slots.get_mut(i) {
            s.data_offset = at;
        }
    }

    /// Orders the entries by the offset of their local header (names stay where they are).
    pub(crate) fn sort_by_header_offset(&mut self) {
        self.slots.sort_by_key(|s| s.header_offset);
    }

    /// Drops the first `len` bytes of every name (the root folder, which every name was
    /// checked to start with, followed by more).
    pub(crate) fn strip_prefix_len(&mut self, len: usize) {
        let len16 = u16::try_from(len).unwrap_or(u16::MAX);
        for s in &mut self.slots {
            let cut = len16.min(s.name_len);
            s.name_at += usize::from(cut);
            s.name_len -= cut;
        }
    }
}

impl<'a> IntoIterator for &'a Entries {
    type Item = Entry<'a>;
    type IntoIter = Box<dyn Iterator<Item = Entry<'a>> + 'a>;
    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}
