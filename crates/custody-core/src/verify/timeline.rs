//! The custody timeline (spec §9.3): the periods during which one party held the bundle,
//! derived from the events in sequence order.

use std::collections::HashMap;

use super::events::{ReadEvent, event_by_sequence};
use super::report::{ConditionReport, CustodyPeriod, HandoverReport};
use crate::event::Event;

/// Builds the custody timeline from the events.
#[derive(Default)]
pub(super) struct Timeline {
    pub(super) periods: Vec<CustodyPeriod>,
}

impl Timeline {
    pub(super) fn seal(&mut self, ev: &Event) {
        self.periods.push(CustodyPeriod {
            holder: ev.signer.clone(),
            from: ev.time,
            until: None,
            began_with: ev.sequence,
            handover: None,
        });
    }

    pub(super) fn apply(&mut self, ev: &Event, events: &[ReadEvent]) {
        let Some(r) = &ev.receipt else { return };
        if !r.decision.passes_custody() {
            return;
        }
        let Some((_, _, tev)) = event_by_sequence(events, r.transfer_sequence) else { return };
        let Some(t) = &tev.transfer else { return };
        // By id, once: a transfer's conditions and a receipt's answers may both be many.
        let answers: HashMap<_, _> = r.conditions.iter().rev().map(|a| (a.id, a)).collect();
        if let Some(last) = self.periods.last_mut() {
            last.until = Some(ev.time);
        }
        let conditions = t
            .conditions
            .iter()
            .map(|c| {
                let answer = answers.get(&c.id).copied();
                ConditionReport {
                    id: c.id,
                    kind: c.kind,
                    text: c.text.clone(),
                    accepted: answer.is_some_and(|a| a.accepted),
                    reason: answer.and_then(|a| a.reason.clone()),
                }
            })
            .collect();
        self.periods.push(CustodyPeriod {
            holder: ev.signer.clone(),
            from: ev.time,
            until: None,
            began_with: ev.sequence,
            handover: Some(HandoverReport {
                from: tev.signer.clone(),
                transfer_sequence: tev.sequence,
                purpose: t.purpose.clone(),
                legal_basis: t.legal_basis.clone(),
                request_reference: t.request_reference.clone(),
                conditions,
                decision: r.decision,
                items_not_accepted: r.exceptions.clone(),
            }),
        });
    }
}
