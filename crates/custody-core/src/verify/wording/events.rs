//! Each custody event's summary in English (`EventReport::summary`), from its facts
//! ([`EventFacts`]) and the English templates of the catalogue (`Sentence::Event*`): the same
//! sentences, in the same order, as the court report's line of the event
//! (`court_report/model/events.rs`, whose test holds the two word for word alike).

use crate::manifest::Signer;
use crate::verify::EventFacts;
use crate::wording::court_report::{Sentence as S, english};
use crate::wording::words;

fn signer(s: &Signer) -> String {
    english(S::Signer, &[&s.name, &words(s.role.as_str()), &s.organisation, &s.jurisdiction])
}

fn ids(items: &[String]) -> String {
    items.join(&english(S::Comma, &[]))
}

fn items(items: Option<&[String]>, one: bool) -> String {
    match items {
        None => english(S::AllItems, &[]),
        Some(i) if one && i.len() == 1 => english(S::OneItem, &[&ids(i)]),
        Some(i) => english(S::SomeItems, &[&ids(i)]),
    }
}

/// The summary of the event whose facts are `f`, in English, its values as written.
pub fn event_summary(f: &EventFacts) -> String {
    let n = |x: usize| x.to_string();
    let mut s = String::new();
    match f {
        EventFacts::Sealed { by } => s.push_str(&english(S::EventSealed, &[&signer(by)])),
        EventFacts::Transferred { to, purpose, request_reference, conditions } => {
            s.push_str(&english(S::EventTransfer, &[&signer(to), purpose]));
            if let Some(r) = request_reference {
                s.push_str(&english(S::EventRequest, &[r]));
            }
            if *conditions > 0 {
                s.push_str(&english(S::EventConditions, &[&n(*conditions)]));
            }
        }
        EventFacts::Received { transfer, decision, reason, items_not_accepted, conditions_refused } => {
            s.push_str(&english(S::EventReceipt, &[&transfer.to_string(), &words(decision.as_str())]));
            if let Some(r) = reason {
                s.push_str(&english(S::EventReason, &[r]));
            }
            if *items_not_accepted > 0 {
                s.push_str(&english(S::EventItemsNotAccepted, &[&n(*items_not_accepted)]));
            }
            if *conditions_refused > 0 {
                s.push_str(&english(S::EventConditionsRefused, &[&n(*conditions_refused)]));
            }
        }
        EventFacts::Disposed { by, action, items: which, method, returned_to, keep_until, reason } => {
            use crate::event::DispositionAction as A;
            let (method, to, until) = (method.as_deref(), returned_to.as_deref(), keep_until.as_deref());
            let detail = crate::verify::disposition_detail(*action, method, to, until);
            let (by, which) = (signer(by), items(which.as_deref(), false));
            s.push_str(&match (action, detail) {
                (A::RetentionExtended, Some(d)) => english(S::EventRetentionExtended, &[d, &by, reason]),
                (A::Returned, Some(d)) => english(S::EventReturned, &[&which, d, &by, reason]),
                (A::Destroyed, Some(d)) => english(S::EventDestroyed, &[&which, &by, d, reason]),
                _ => english(S::EventDisposed, &[&words(action.as_str()), &which, &by, reason]),
            });
        }
        EventFacts::Derived { by, bundle_id, items: carried, redacted_files } => {
            s.push_str(&english(S::EventDerived, &[bundle_id, &signer(by), &items(Some(carried), false)]));
            if *redacted_files > 0 {
                s.push_str(&english(S::EventRedacted, &[&redacted_files.to_string()]));
            }
        }
        EventFacts::Countersigned { author, concerns, added_by } => {
            let numbers: Vec<String> = concerns.iter().map(u64::to_string).collect();
            let which = if concerns.len() == 1 { S::OneEvent } else { S::SomeEvents };
            let events = english(which, &[&ids(&numbers)]);
            s.push_str(&by_author(S::EventCountersigned, author, &events, added_by));
        }
        EventFacts::DocumentAttached { author, document, reference, date, files, added_by } => {
            let files = if *files == 1 { english(S::OneFile, &[]) } else { english(S::SomeFiles, &[&n(*files)]) };
            let what = english(S::DocumentSummary, &[&words(document.as_str()), reference, date, &files]);
            s.push_str(&by_author(S::EventAttached, author, &what, added_by));
        }
        EventFacts::Examined { author, items: examined, tool, version, results, added_by } => {
            let named = examined.get(..5).unwrap_or(examined);
            let mut which = ids(named);
            if examined.len() > named.len() {
                which.push_str(&english(S::AndMore, &[&n(examined.len() - named.len())]));
            }
            let results = if *results == 1 {
                english(S::OneResultFile, &[])
            } else {
                english(S::SomeResultFiles, &[&n(*results)])
            };
            let what = english(S::ExaminationSummary, &[&which, tool, version, &results]);
            s.push_str(&by_author(S::EventExamined, author, &what, added_by));
        }
        EventFacts::Accessed { author, purpose, items: extracted, added_by } => {
            let which = items(extracted.as_deref(), true);
            let capacity = words(author.capacity.as_str());
            s.push_str(&english(S::EventAccessed, &[&author.name, &capacity, purpose, &which, added_by]));
        }
        EventFacts::CarriesStatement { event_type, statement } => {
            s.push_str(&english(S::EventCarrier, &[&words(event_type.as_str()), statement]));
        }
    }
    s
}

fn by_author(s: S, author: &crate::verify::StatementAuthor, what: &str, added_by: &str) -> String {
    english(s, &[&words(author.capacity.as_str()), &author.name, &author.organisation, what, added_by])
}
