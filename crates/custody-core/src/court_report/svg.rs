//! The custody timeline as a picture: inline SVG, no script, no external reference. The
//! parties who signed are lanes; events are dots left to right in sequence order, each with
//! its time on the axis; a hand-over is an arrow from the transfer to the receipt that
//! answered it; a trusted time is a diamond; refused items or conditions a red cross.
//!
//! A value of the bundle (a party's name, a purpose, a TSA's name) can hold no markup here: a
//! `<title>` tooltip is text only, and a `<bdi>` is no SVG element. So each value is isolated
//! as the PDF isolates it, between a first-strong isolate and its pop (U+2068 … U+2069, the
//! only direction characters the picture writes: [`crate::court_report::html::stray_control`]
//! allows exactly these), after its own control and direction characters were made visible
//! escapes ([`crate::text::printable`]), so none from the bundle stays raw.

use std::collections::HashMap;
use std::io::{self, Write};

use super::html::{escape, sentence};
use crate::keys::Fingerprint;
use crate::manifest::Signer;
use crate::verify::Report;
use crate::wording::court_report::{self as words, Language};

const LEFT: usize = 230;
const STEP: usize = 120;
const LANE: usize = 70;
const TOP: usize = 40;

/// Writes the timeline of `r` as one `<svg>` element. An event's label starts at its dot and
/// runs away from the arrow that arrives from the left.
pub fn timeline(out: &mut dyn Write, r: &Report, lang: Language) -> io::Result<()> {
    let mut parties: Vec<&Signer> = r.signers.iter().map(|s| &s.signer).collect();
    if let Some(p) = &r.pending_transfer
        && !parties.iter().any(|s| s.fingerprint == p.to.fingerprint)
    {
        parties.push(&p.to);
    }
    let lane: HashMap<Fingerprint, usize> = parties.iter().enumerate().map(|(i, s)| (s.fingerprint, i)).collect();
    let column: HashMap<u64, usize> = r.events.iter().enumerate().map(|(i, e)| (e.sequence, i)).collect();
    let x = |seq: u64| column.get(&seq).map(|c| LEFT + STEP / 2 + c * STEP);
    let y = |f: &Fingerprint| lane.get(f).map(|l| TOP + l * LANE + LANE / 2);
    let extra = usize::from(r.pending_transfer.is_some());
    let width = LEFT + (r.events.len() + extra).max(1) * STEP + 20;
    let axis = TOP + parties.len().max(1) * LANE;
    let height = axis + 60;
    let desc = words::timeline_description(lang, parties.len(), r.events.len());
    writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" \
         height=\"{height}\" font-family=\"system-ui,sans-serif\" font-size=\"12\" direction=\"ltr\"><title>{}</title>",
        sentence(&desc)
    )?;
    out.write_all(
        b"<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" \
          markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#333\"/></marker></defs>\n",
    )?;
    for (i, p) in parties.iter().enumerate() {
        let ly = TOP + i * LANE + LANE / 2;
        let fill = if i % 2 == 0 { "#f3f5f8" } else { "#ffffff" };
        writeln!(out, "<rect x=\"0\" y=\"{}\" width=\"{width}\" height=\"{LANE}\" fill=\"{fill}\"/>", TOP + i * LANE)?;
        writeln!(
            out,
            "<text x=\"8\" y=\"{}\" font-weight=\"bold\">{}</text><text x=\"8\" y=\"{}\" fill=\"#555\">{}</text>",
            ly - 4,
            value(&clip(&p.name)),
            ly + 12,
            value(&clip(&p.organisation))
        )?;
        writeln!(out, "<line x1=\"{LEFT}\" y1=\"{ly}\" x2=\"{width}\" y2=\"{ly}\" stroke=\"#bbb\"/>")?;
    }
    writeln!(out, "<line x1=\"{LEFT}\" y1=\"{axis}\" x2=\"{width}\" y2=\"{axis}\" stroke=\"#333\"/>")?;
    // Hand-overs first, under the dots.
    for p in &r.timeline {
        let Some(h) = &p.handover else { continue };
        if let (Some(x1), Some(y1), Some(x2), Some(y2)) =
            (x(h.transfer_sequence), y(&h.from.fingerprint), x(p.began_with), y(&p.holder.fingerprint))
        {
            let (ax, ay) = short_of(x1, y1, x2, y2);
            // The transfer's line (to whom, for what purpose, on what conditions) in the document's
            // language, its values isolated; the purpose alone where the event is not listed.
            let said = r.events.iter().find(|e| e.sequence == h.transfer_sequence).map(|e| tooltip(lang, e));
            writeln!(
                out,
                "<line x1=\"{x1}\" y1=\"{y1}\" x2=\"{ax}\" y2=\"{ay}\" stroke=\"#333\" stroke-width=\"2\" \
                 marker-end=\"url(#arrow)\"><title>{}</title></line>",
                said.unwrap_or_else(|| value(&h.purpose))
            )?;
            let refused_conditions = h.conditions.iter().filter(|c| !c.accepted).count();
            if !h.items_not_accepted.is_empty() || refused_conditions > 0 {
                let t = words::refused_mark(lang, h.items_not_accepted.len(), refused_conditions);
                let (cx, cy) = (x2 + 14, y2 + 14);
                writeln!(
                    out,
                    "<text x=\"{}\" y=\"{}\" fill=\"#b00020\" font-weight=\"bold\">{}</text>",
                    cx + 10,
                    cy + 4,
                    sentence(words::label(lang, words::Label::Refused))
                )?;
                writeln!(
                    out,
                    "<g stroke=\"#b00020\" stroke-width=\"3\"><title>{}</title><line x1=\"{}\" y1=\"{}\" x2=\"{}\" \
                     y2=\"{}\"/><line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/></g>",
                    sentence(&t),
                    cx - 6,
                    cy - 6,
                    cx + 6,
                    cy + 6,
                    cx - 6,
                    cy + 6,
                    cx + 6,
                    cy - 6
                )?;
            }
        }
    }
    if let Some(p) = &r.pending_transfer
        && let (Some(x1), Some(y1), Some(y2)) = (x(p.sequence), y(&p.from.fingerprint), y(&p.to.fingerprint))
    {
        {
            let x2 = x1 + STEP;
            writeln!(
                out,
                "<line x1=\"{x1}\" y1=\"{y1}\" x2=\"{x2}\" y2=\"{y2}\" stroke=\"#b35c00\" stroke-width=\"2\" \
                 stroke-dasharray=\"6 4\" marker-end=\"url(#arrow)\"/><text x=\"{}\" y=\"{}\" fill=\"#b35c00\">{}</text>",
                x2 - 40,
                y2 + 24,
                sentence(words::pending(lang))
            )?;
        }
    }
    for e in &r.events {
        let (Some(ex), Some(ey)) = (x(e.sequence), y(&e.signer).or(Some(TOP + LANE / 2))) else { continue };
        let colour = match e.event_type.as_str() {
            "seal" => "#1f4e99",
            "transfer" | "receipt" => "#176b2c",
            _ => "#6b3fa0",
        };
        // The event's line in the document's language, worded from its facts, its values
        // isolated ([`tooltip`]); the event's type is the catalogue's word in the document's
        // language, marked English where the catalogue has none.
        let line = tooltip(lang, e);
        let (really, kind) = crate::wording::forms::term_in(lang, e.event_type.as_str());
        let kind_lang = if really == lang { "" } else { " lang=\"en\"" };
        writeln!(
            out,
            "<g><title>{}</title><circle cx=\"{ex}\" cy=\"{ey}\" r=\"7\" fill=\"{colour}\"/><text x=\"{}\" \
             y=\"{}\" text-anchor=\"start\"{kind_lang}>#{} {}</text></g>",
            line,
            ex - 4,
            ey - 12,
            e.sequence,
            sentence(&kind)
        )?;
        if let Some(t) = &e.trusted_time {
            let fill = if t.trusted { "#176b2c" } else { "#ffffff" };
            // The trusted time's sentence (when, from which TSA, how long after the claimed
            // time, whether its TSA is vouched for), as the events list says it.
            let said = super::model::sections::trusted_time(t);
            writeln!(
                out,
                "<path d=\"M{ex},{} l6,6 l-6,6 l-6,-6 z\" fill=\"{fill}\" stroke=\"#176b2c\" stroke-width=\"2\"><title>{}\
                 </title></path>",
                ey + 10,
                escape(&super::model::plain_in(lang, &said, &isolated))
            )?;
        }
        let time = e.time.to_string();
        let (date, clock) = time.split_once('T').unwrap_or((time.as_str(), ""));
        writeln!(
            out,
            "<line x1=\"{ex}\" y1=\"{}\" x2=\"{ex}\" y2=\"{}\" stroke=\"#333\"/><text x=\"{ex}\" y=\"{}\" \
             text-anchor=\"middle\">{}</text><text x=\"{ex}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            axis - 4,
            axis + 4,
            axis + 18,
            sentence(date),
            axis + 32,
            sentence(clock)
        )?;
    }
    out.write_all(b"</svg>\n")
}

/// Where an arrow from (x1, y1) to the dot at (x2, y2) ends: at the dot's edge, not over
/// it, to one decimal place (the same on every machine).
fn short_of(x1: usize, y1: usize, x2: usize, y2: usize) -> (String, String) {
    let (dx, dy) = (x2 as f64 - x1 as f64, y2 as f64 - y1 as f64);
    let len = (dx * dx + dy * dy).sqrt();
    if len < 20.0 {
        return (x2.to_string(), y2.to_string());
    }
    let k = (len - 9.0) / len;
    (format!("{:.1}", x1 as f64 + dx * k), format!("{:.1}", y1 as f64 + dy * k))
}

/// A value of the bundle made printable and isolated ([`isolated`]), as SVG text.
fn value(s: &str) -> String {
    escape(&isolated(s))
}

/// A value of the bundle as the picture shows it: its control and direction characters as
/// visible escapes, then between U+2068 (first-strong isolate) and U+2069 (pop), so that its
/// direction is its own and it cannot reorder the words around it. Not yet escaped for SVG.
fn isolated(s: &str) -> String {
    format!("\u{2068}{}\u{2069}", crate::text::printable(s))
}

/// The tooltip of event `e`: its line ([`super::model::sections::event`]) in `lang`, worded from
/// its facts, each value [`isolated`], escaped for SVG text.
fn tooltip(lang: Language, e: &crate::verify::EventReport) -> String {
    let line = super::model::sections::event(e).line;
    escape(&super::model::plain_in(lang, &line, &isolated))
}

/// A name cut to fit its lane's label (the full name is in the report's tables).
fn clip(s: &str) -> String {
    super::model::clip(s, 30)
}
