//! The custody timeline drawn in the PDF as vector paths, as the HTML report's picture
//! (`svg.rs`): the parties who signed are lanes, events dots left to right in sequence order
//! with their date under the axis, a hand-over an arrow from the transfer to the receipt that
//! answered it, a trusted time a diamond, what a receipt refused a red cross. Events beyond
//! one band's width continue in another band below.

use std::collections::HashMap;

use super::doc::{BOTTOM, Doc, GREY, MARGIN, Op, RED, RULE, Rgb, Style, WIDTH};
use crate::keys::Fingerprint;
use crate::manifest::Signer;
use crate::verify::Report;
use crate::wording::court_report::{self as words, Language};

const LEFT: f32 = 110.0;
const STEP: f32 = 48.0;
const LANE: f32 = 34.0;
const DARK: Rgb = Rgb(51, 51, 51);

/// Draws the timeline of `r` at the document's position, in as many bands as it needs.
pub(super) fn draw(d: &mut Doc, r: &Report, lang: Language) {
    let mut parties: Vec<&Signer> = r.signers.iter().map(|s| &s.signer).collect();
    if let Some(p) = &r.pending_transfer
        && !parties.iter().any(|s| s.fingerprint == p.to.fingerprint)
    {
        parties.push(&p.to);
    }
    let index: HashMap<Fingerprint, usize> = parties.iter().enumerate().map(|(i, s)| (s.fingerprint, i)).collect();
    let per_band = ((WIDTH - LEFT) / STEP).floor().max(1.0) as usize;
    let slots = r.events.len() + usize::from(r.pending_transfer.is_some());
    let bands = slots.div_ceil(per_band).max(1);
    for band in 0..bands {
        let first = band * per_band;
        let column: HashMap<u64, usize> =
            r.events.iter().enumerate().skip(first).take(per_band).map(|(i, e)| (e.sequence, i - first)).collect();
        // The lanes of this band: the parties who signed its events, and whom a transfer in it
        // is pending to; at most what a page holds.
        let mut used: Vec<usize> =
            r.events.iter().skip(first).take(per_band).filter_map(|e| index.get(&e.signer).copied()).collect();
        if let Some(p) = &r.pending_transfer
            && column.contains_key(&p.sequence)
        {
            used.extend(index.get(&p.to.fingerprint).copied());
        }
        let (used, hidden) = band_lanes(used, MAX_LANES);
        let lane: HashMap<Fingerprint, usize> =
            used.iter().enumerate().filter_map(|(row, i)| parties.get(*i).map(|p| (p.fingerprint, row))).collect();
        let h = used.len().max(1) as f32 * LANE + 34.0;
        d.ensure(h + 8.0);
        let top = d.y();
        let x = |seq: u64| column.get(&seq).map(|c| MARGIN + LEFT + STEP / 2.0 + *c as f32 * STEP);
        let y = |f: &Fingerprint| lane.get(f).map(|l| top + *l as f32 * LANE + LANE / 2.0);
        let axis = top + used.len().max(1) as f32 * LANE;
        for (row, p) in used.iter().filter_map(|i| parties.get(*i)).enumerate() {
            let ly = top + row as f32 * LANE;
            let fill = if row % 2 == 0 { Rgb(243, 245, 248) } else { Rgb(255, 255, 255) };
            d.op(Op::Rect { x: MARGIN, y: ly, w: WIDTH, h: LANE, fill: Some(fill), stroke: None });
            d.text_at(MARGIN + 4.0, ly + LANE / 2.0 - 2.0, LEFT - 8.0, &super::v(&p.name), Style::SMALL_BOLD);
            let org = super::v(&p.organisation);
            d.text_at(MARGIN + 4.0, ly + LANE / 2.0 + 8.0, LEFT - 8.0, &org, Style::SMALL.size(6.5).color(GREY));
            let mid = ly + LANE / 2.0;
            d.op(line(MARGIN + LEFT, mid, MARGIN + WIDTH, mid, RULE, 0.5, false));
        }
        d.op(line(MARGIN + LEFT, axis, MARGIN + WIDTH, axis, DARK, 0.8, false));
        for p in &r.timeline {
            let Some(h) = &p.handover else { continue };
            // The receipt's column alone places the refusal cross: a hand-over whose transfer is
            // in an earlier band still shows what its receipt refused.
            let (Some(x2), Some(y2)) = (x(p.began_with), y(&p.holder.fingerprint)) else { continue };
            if let (Some(x1), Some(y1)) = (x(h.transfer_sequence), y(&h.from.fingerprint)) {
                arrow(d, (x1, y1), (x2, y2), DARK, false);
            }
            let refused = h.conditions.iter().filter(|c| !c.accepted).count();
            if !h.items_not_accepted.is_empty() || refused > 0 {
                let (cx, cy) = (x2 + 9.0, y2 + 9.0);
                d.op(line(cx - 4.0, cy - 4.0, cx + 4.0, cy + 4.0, RED, 2.0, false));
                d.op(line(cx - 4.0, cy + 4.0, cx + 4.0, cy - 4.0, RED, 2.0, false));
                let mark = words::refused_mark(lang, h.items_not_accepted.len(), refused);
                d.text_at(cx + 6.0, cy + 3.0, STEP * 2.0, &mark, Style::SMALL.size(6.0).color(RED));
            }
        }
        if let Some(p) = &r.pending_transfer
            && let (Some(x1), Some(y1), Some(y2)) = (x(p.sequence), y(&p.from.fingerprint), y(&p.to.fingerprint))
        {
            let amber = Rgb(179, 92, 0);
            arrow(d, (x1, y1), (x1 + STEP, y2), amber, true);
            d.text_at(
                x1 + STEP - 20.0,
                y2 + 12.0,
                STEP * 1.5,
                words::pending(lang),
                Style::SMALL.size(6.5).color(amber),
            );
        }
        for e in r.events.iter().skip(first).take(per_band) {
            let Some(ex) = x(e.sequence) else { continue };
            let ey = y(&e.signer).unwrap_or(top + LANE / 2.0);
            let colour = match e.event_type.as_str() {
                "seal" => Rgb(31, 78, 153),
                "transfer" | "receipt" => Rgb(23, 107, 44),
                _ => Rgb(107, 63, 160),
            };
            d.op(Op::Shape { points: circle(ex, ey, 4.5), fill: Some(colour), stroke: None });
            let label = format!("#{} {}", e.sequence, crate::wording::forms::term(lang, e.event_type.as_str()));
            d.text_at(ex - 3.0, ey - 7.0, STEP - 2.0, &label, Style::SMALL.size(6.0));
            if let Some(tt) = &e.trusted_time {
                let fill = if tt.trusted { Rgb(23, 107, 44) } else { Rgb(255, 255, 255) };
                let pts = vec![(ex, ey + 6.0), (ex + 4.0, ey + 10.0), (ex, ey + 14.0), (ex - 4.0, ey + 10.0)];
                d.op(Op::Shape { points: pts, fill: Some(fill), stroke: Some((Rgb(23, 107, 44), 1.0)) });
            }
            let time = e.time.to_string();
            let (date, clock) = time.split_once('T').unwrap_or((time.as_str(), ""));
            d.op(line(ex, axis - 3.0, ex, axis + 3.0, DARK, 0.8, false));
            let s = Style::SMALL.size(6.0);
            d.text_at(ex - STEP / 2.0 + 4.0, axis + 11.0, STEP - 4.0, date, s);
            d.text_at(ex - STEP / 2.0 + 4.0, axis + 19.0, STEP - 4.0, clock, s);
        }
        d.space(h + 4.0);
        if hidden > 0 {
            d.para(&words::lanes_not_drawn(lang, hidden), Style::SMALL.color(RED));
        }
    }
}

/// The lanes a page holds under the top margin, with the band's axis and dates.
pub(super) const MAX_LANES: usize = ((BOTTOM - MARGIN - 34.0 - 8.0) / LANE) as usize;

/// The lanes of a band (party indices, in the order of the parties' table, once each), at most
/// `max`, and how many more there were.
pub(super) fn band_lanes(mut used: Vec<usize>, max: usize) -> (Vec<usize>, usize) {
    used.sort_unstable();
    used.dedup();
    let hidden = used.len().saturating_sub(max);
    used.truncate(max);
    (used, hidden)
}

fn line(x1: f32, y1: f32, x2: f32, y2: f32, color: Rgb, width: f32, dashed: bool) -> Op {
    Op::Line { x1, y1, x2, y2, color, width, dashed }
}

/// An arrow from `a` to the dot at `b`, ending at the dot's edge.
fn arrow(d: &mut Doc, a: (f32, f32), b: (f32, f32), color: Rgb, dashed: bool) {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len = (dx * dx + dy * dy).sqrt();
    if len < 12.0 {
        return;
    }
    let (ux, uy) = (dx / len, dy / len);
    let tip = (b.0 - ux * 6.0, b.1 - uy * 6.0);
    d.op(line(a.0, a.1, tip.0 - ux * 5.0, tip.1 - uy * 5.0, color, 1.4, dashed));
    let base = (tip.0 - ux * 6.0, tip.1 - uy * 6.0);
    let pts = vec![tip, (base.0 - uy * 3.0, base.1 + ux * 3.0), (base.0 + uy * 3.0, base.1 - ux * 3.0)];
    d.op(Op::Shape { points: pts, fill: Some(color), stroke: None });
}

/// A circle as a polygon of 16 sides (fine enough at the size of a dot). The corners are a
/// table, not `sin`/`cos`, whose last bits may differ between platforms: the PDF is the same
/// bytes everywhere.
fn circle(cx: f32, cy: f32, r: f32) -> Vec<(f32, f32)> {
    const C: [f32; 5] = [1.0, 0.92388, std::f32::consts::FRAC_1_SQRT_2, 0.38268, 0.0];
    let quarter = |i: usize| (C[i], C[4 - i]);
    let mut pts = Vec::with_capacity(16);
    for q in 0..4 {
        for i in 0..4 {
            let (c, s) = quarter(i);
            let (x, y) = match q {
                0 => (c, s),
                1 => (-s, c),
                2 => (-c, -s),
                _ => (s, -c),
            };
            pts.push((cx + r * x, cy + r * y));
        }
    }
    pts
}
