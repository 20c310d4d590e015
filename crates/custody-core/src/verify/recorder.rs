//! The checks a verification records, within the report's cap (spec §9.3, §9.4): at most
//! [`MAX_CHECKS_PER_CODE`] checks of any one code are listed, in the order found; beyond
//! them each code gets one summary check with how many more there were. Counts, and so the
//! state, are kept exact whatever the cap lists.

use std::collections::HashMap;

use super::wording;
use crate::check::{Check, CheckCode, Level};
use crate::layout::MAX_CHECKS_PER_CODE;

/// The checks recorded so far: those listed, and how many of each code there were.
#[derive(Default)]
pub(super) struct Checks {
    list: Vec<Check>,
    /// Checks of each code recorded, listed or not.
    counts: HashMap<CheckCode, u64>,
    /// Checks recorded, listed or not: what a mark counts.
    total: u64,
    /// `total` just after the last failed check recorded.
    fail_end: u64,
    /// Failed checks recorded, listed or not.
    fails: u64,
}

/// A point in the recording, for [`Checks::failed_since`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Mark(u64);

impl Checks {
    /// The point reached so far.
    pub(super) fn mark(&self) -> Mark {
        Mark(self.total)
    }

    /// Whether a check failed after `mark` (listed or not).
    pub(super) fn failed_since(&self, mark: Mark) -> bool {
        self.fail_end > mark.0
    }

    /// How many checks failed, listed or not.
    pub(super) fn fails(&self) -> u64 {
        self.fails
    }

    /// Records `check`: listed if fewer than the cap of its code are, counted always.
    pub(super) fn push(&mut self, check: Check) {
        let (code, level) = (check.code, check.level);
        self.record(code, level, || check);
    }

    /// Records a check of `code` at `level`, made by `make` only if it is to be listed (a
    /// check beyond the cap costs no message).
    pub(super) fn record(&mut self, code: CheckCode, level: Level, make: impl FnOnce() -> Check) {
        if self.count(code, level, 1) <= MAX_CHECKS_PER_CODE as u64 {
            self.list.push(make());
        }
    }

    /// Counts `n` checks of `code`; returns how many of that code there are now.
    fn count(&mut self, code: CheckCode, level: Level, n: u64) -> u64 {
        let count = self.counts.entry(code).or_default();
        *count += n;
        let now = *count;
        self.total += n;
        if level == Level::Fail && n > 0 {
            self.fails += n;
            self.fail_end = self.total;
        }
        now
    }

    /// Records the checks of `later` after these, as if they had been recorded here in that
    /// order: the cap applies to both together.
    pub(super) fn append(&mut self, later: Checks) {
        let mut listed: HashMap<CheckCode, u64> = HashMap::new();
        for c in later.list {
            *listed.entry(c.code).or_default() += 1;
            self.push(c);
        }
        for (code, n) in later.counts {
            let unlisted = n.saturating_sub(listed.get(&code).copied().unwrap_or(0));
            self.count(code, code.level(), unlisted);
        }
    }

    /// The listed checks, in order.
    pub(super) fn iter(&self) -> impl Iterator<Item = &Check> {
        self.list.iter()
    }

    /// The report's checks: those listed, each code over the cap followed, after its last
    /// listed check, by one summary check of that code with the number not listed.
    pub(super) fn into_list(self) -> Vec<Check> {
        let cap = MAX_CHECKS_PER_CODE as u64;
        let over: HashMap<CheckCode, u64> =
            self.counts.iter().filter(|(_, n)| **n > cap).map(|(code, n)| (*code, n - cap)).collect();
        if over.is_empty() {
            return self.list;
        }
        let last: HashMap<CheckCode, usize> = self.list.iter().enumerate().map(|(i, c)| (c.code, i)).collect();
        let mut out = Vec::with_capacity(self.list.len() + over.len());
        for (i, c) in self.list.into_iter().enumerate() {
            let code = c.code;
            out.push(c);
            if let (Some(&more), Some(&at)) = (over.get(&code), last.get(&code))
                && at == i
            {
                out.push(Check {
                    code,
                    level: code.level(),
                    message: wording::checks::more_checks(code, more, MAX_CHECKS_PER_CODE),
                    path: None,
                    more: Some(more),
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(code: CheckCode, i: usize) -> Check {
        Check { code, level: code.level(), message: format!("{i}"), path: Some(format!("data/{i}")), more: None }
    }

    #[test]
    fn each_code_lists_at_most_the_cap_then_one_summary_with_the_rest() {
        let mut c = Checks::default();
        let mark = c.mark();
        for i in 0..MAX_CHECKS_PER_CODE + 5 {
            c.push(check(CheckCode::PayloadMissing, i));
        }
        c.push(check(CheckCode::PayloadVerified, 0));
        assert!(c.failed_since(mark));
        let after = c.mark();
        c.push(check(CheckCode::PayloadMissing, 9_999));
        assert!(c.failed_since(after), "a failure beyond the cap still counts");
        assert_eq!(c.fails(), MAX_CHECKS_PER_CODE as u64 + 6);
        let list = c.into_list();
        assert_eq!(list.len(), MAX_CHECKS_PER_CODE + 2);
        let summary = &list[MAX_CHECKS_PER_CODE];
        assert_eq!((summary.code, summary.more, summary.path.as_deref()), (CheckCode::PayloadMissing, Some(6), None));
        assert!(summary.message.starts_with("and 6 more files"), "{}", summary.message);
        assert_eq!(list[MAX_CHECKS_PER_CODE + 1].code, CheckCode::PayloadVerified);
    }

    #[test]
    fn appended_checks_are_capped_as_if_recorded_in_order() {
        let (mut a, mut b, mut serial) = (Checks::default(), Checks::default(), Checks::default());
        for i in 0..600 {
            a.push(check(CheckCode::ManifestPayloadMismatch, i));
            serial.push(check(CheckCode::ManifestPayloadMismatch, i));
        }
        for i in 600..1_700 {
            b.push(check(CheckCode::ManifestPayloadMismatch, i));
            serial.push(check(CheckCode::ManifestPayloadMismatch, i));
        }
        a.append(b);
        assert_eq!(a.fails(), serial.fails());
        assert_eq!(a.into_list(), serial.into_list());
    }
}
