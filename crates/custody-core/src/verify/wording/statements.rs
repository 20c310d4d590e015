//! Statements in the report's words: walks a statement's types and picks the catalogue's
//! sentences (`wording::statements`); holds no sentence of its own.

use crate::wording::statements as say;

pub(crate) use say::*;

/// What the text report shows of a statement under its event: who made it, with which key,
/// when and where, and what it says.
pub fn statement_lines(st: &crate::verify::StatementReport) -> Vec<String> {
    let mut lines = statement_lines_without_files(st);
    lines.extend(st.files.iter().map(|f| say::attachment_line(&f.path, f.size)));
    lines
}

/// [`statement_lines`] without a line per attached file: for a report that lists the files
/// in a table of its own (the court report, whose PDF caps that table).
pub fn statement_lines_without_files(st: &crate::verify::StatementReport) -> Vec<String> {
    let mut lines = vec![say::statement_heading(
        &st.author.name,
        st.capacity.as_str(),
        st.author.fingerprint,
        st.time,
        st.place.as_deref(),
    )];
    if let Some(t) = &st.text {
        lines.extend(t.lines().map(say::statement_text_line));
    }
    if let Some(d) = &st.document {
        lines.push(say::document_line(d.kind.as_str(), &d.reference, &d.date, &d.language, d.title.as_deref()));
    }
    if let Some(x) = &st.examination {
        let p = x.parameters.as_deref();
        lines.extend(say::examination_lines(&x.items, &x.tool.name, &x.tool.version, p, &x.conclusion));
    }
    lines
}
