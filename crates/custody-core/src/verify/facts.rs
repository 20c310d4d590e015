//! What each custody event did, as facts ([`EventFacts`], `facts` of each event in the JSON
//! report, beside its English `summary`): the signer, the recipient, the counts, the items and
//! the statement's author as the event and its statement record them, so that a reader in
//! another language (the court report, `wording::court_report`) words them from the catalogue's
//! templates instead of quoting the English line. The summary itself is the English of the same
//! facts (`verify::wording::event_summary`), from the same templates: one home for each sentence.

use serde::Serialize;

use crate::event::{Decision, DispositionAction, Event, EventType};
use crate::manifest::Signer;
use crate::statement::{Capacity, DocumentKind, Statement};

/// The author of a statement as an event's facts name them: who, of which organisation, in
/// what capacity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct StatementAuthor {
    /// The author's name, as the statement gives it.
    pub name: String,
    /// The author's organisation.
    pub organisation: String,
    /// In what capacity the author made the statement.
    pub capacity: Capacity,
}

/// What a custody event did (spec §5, §6): one variant for each kind of event, and one for an
/// event whose statement could not be read or did not verify. Values are as their authors wrote them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum EventFacts {
    /// The bundle was sealed.
    Sealed {
        /// The sealer.
        by: Signer,
    },
    /// Custody was handed over (a transfer, spec §7).
    Transferred {
        /// The recipient.
        to: Signer,
        /// The purpose of the hand-over.
        purpose: String,
        /// The request it answers, if any.
        #[serde(skip_serializing_if = "Option::is_none")]
        request_reference: Option<String>,
        /// How many conditions it sets.
        conditions: usize,
    },
    /// A transfer was answered (a receipt).
    Received {
        /// The sequence of the transfer it answers.
        transfer: u64,
        /// What the recipient decided.
        decision: Decision,
        /// The recipient's reason, if given.
        #[serde(skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
        /// How many items it did not accept (over every group of exceptions).
        items_not_accepted: usize,
        /// How many of the transfer's conditions it refused.
        conditions_refused: usize,
    },
    /// Items were returned or destroyed, or the retention extended (spec §5.11).
    Disposed {
        /// Who signed the disposition.
        by: Signer,
        /// What was done.
        action: DispositionAction,
        /// The items concerned; absent: every item.
        #[serde(skip_serializing_if = "Option::is_none")]
        items: Option<Vec<String>>,
        /// How they were destroyed.
        #[serde(skip_serializing_if = "Option::is_none")]
        method: Option<String>,
        /// To whom they were returned.
        #[serde(skip_serializing_if = "Option::is_none")]
        returned_to: Option<String>,
        /// The new date until which the evidence may be kept.
        #[serde(skip_serializing_if = "Option::is_none")]
        keep_until: Option<String>,
        /// Why.
        reason: String,
    },
    /// A derived copy was made (spec §5.14).
    Derived {
        /// Who made it.
        by: Signer,
        /// The derived copy's bundle id.
        bundle_id: String,
        /// The items it carries.
        items: Vec<String>,
        /// How many of its files are redacted.
        redacted_files: u64,
    },
    /// A statement countersigned earlier events.
    Countersigned {
        /// Who countersigned.
        author: StatementAuthor,
        /// The sequences of the events countersigned.
        concerns: Vec<u64>,
        /// The name of the signer of the event that added it.
        added_by: String,
    },
    /// A statement attached a document (spec §5.8).
    DocumentAttached {
        /// Who attached it.
        author: StatementAuthor,
        /// What the document is.
        document: DocumentKind,
        /// Its reference.
        reference: String,
        /// The date it bears.
        date: String,
        /// How many files it has.
        files: usize,
        /// The name of the signer of the event that added it.
        added_by: String,
    },
    /// A statement recorded an examination (spec §5.9).
    Examined {
        /// Who examined.
        author: StatementAuthor,
        /// The items examined.
        items: Vec<String>,
        /// The tool's name.
        tool: String,
        /// The tool's version.
        version: String,
        /// How many result files it attaches.
        results: usize,
        /// The name of the signer of the event that added it.
        added_by: String,
    },
    /// A statement recorded an access to the evidence (an extraction).
    Accessed {
        /// Who accessed it.
        author: StatementAuthor,
        /// Why.
        purpose: String,
        /// The items extracted; absent: every item.
        #[serde(skip_serializing_if = "Option::is_none")]
        items: Option<Vec<String>>,
        /// The name of the signer of the event that added it.
        added_by: String,
    },
    /// An event that carries a statement which could not be read or failed a check (its signature,
    /// the hash its event binds, ...): what it claims is not given as fact (the checks say why).
    CarriesStatement {
        /// The event's type.
        event_type: EventType,
        /// The statement's path in the bundle.
        statement: String,
    },
}

impl EventFacts {
    /// The facts of `ev`, with its statement when it was read and every check on it (and on the
    /// event's binding of it) passed; `None` for a statement that did not verify.
    pub fn of(ev: &Event, statement: Option<&Statement>) -> EventFacts {
        if let Some(st) = statement {
            return statement_facts(st, &ev.signer.name);
        }
        if let Some(c) = ev.statement_ref() {
            return EventFacts::CarriesStatement { event_type: ev.event_type, statement: c.statement.clone() };
        }
        if let Some(d) = &ev.disposition {
            return EventFacts::Disposed {
                by: ev.signer.clone(),
                action: d.action,
                items: d.items.clone(),
                method: d.method.clone(),
                returned_to: d.returned_to.clone(),
                keep_until: d.keep_until.map(|k| k.to_string()),
                reason: d.reason.clone(),
            };
        }
        if let Some(d) = &ev.derivation {
            return EventFacts::Derived {
                by: ev.signer.clone(),
                bundle_id: d.bundle_id.to_string(),
                items: d.items.clone(),
                redacted_files: d.redacted_files,
            };
        }
        match (&ev.transfer, &ev.receipt) {
            (Some(t), _) => EventFacts::Transferred {
                to: t.recipient.clone(),
                purpose: t.purpose.clone(),
                request_reference: t.request_reference.clone(),
                conditions: t.conditions.len(),
            },
            (_, Some(r)) => EventFacts::Received {
                transfer: r.transfer_sequence,
                decision: r.decision,
                reason: r.reason.clone(),
                items_not_accepted: r.exceptions.iter().map(|g| g.items.len()).sum(),
                conditions_refused: r.conditions.iter().filter(|c| !c.accepted).count(),
            },
            _ => EventFacts::Sealed { by: ev.signer.clone() },
        }
    }
}

/// The facts of a statement's carrying event, added by `added_by`.
fn statement_facts(st: &Statement, added_by: &str) -> EventFacts {
    let author = StatementAuthor {
        name: st.author.name.clone(),
        organisation: st.author.organisation.clone(),
        capacity: st.capacity,
    };
    let added_by = added_by.to_owned();
    // A parsed statement holds exactly one body, its kind's (`statement::check_statement` refuses any other
    // when it is read), so the order of these arms does not matter.
    match (&st.access, &st.document, &st.examination) {
        (Some(a), _, _) => {
            EventFacts::Accessed { author, purpose: a.purpose.clone(), items: a.items.clone(), added_by }
        }
        (None, None, Some(x)) => EventFacts::Examined {
            author,
            items: x.items.clone(),
            tool: x.tool.name.clone(),
            version: x.tool.version.clone(),
            results: x.results.len(),
            added_by,
        },
        (None, Some(d), _) => EventFacts::DocumentAttached {
            author,
            document: d.kind,
            reference: d.reference.clone(),
            date: d.date.clone(),
            files: d.files.len(),
            added_by,
        },
        (None, None, None) => {
            EventFacts::Countersigned { author, concerns: st.concerns.iter().map(|c| c.sequence).collect(), added_by }
        }
    }
}

/// The detail of a disposition's action, read from the field that belongs to it: the method of a
/// destruction, to whom items were returned, the new date of a retention extended (`None`: a
/// disposition without it, worded by its action's name).
pub(crate) fn disposition_detail<'a>(
    action: DispositionAction,
    method: Option<&'a str>,
    returned_to: Option<&'a str>,
    keep_until: Option<&'a str>,
) -> Option<&'a str> {
    match action {
        DispositionAction::Destroyed => method,
        DispositionAction::Returned => returned_to,
        DispositionAction::RetentionExtended => keep_until,
    }
}
