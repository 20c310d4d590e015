//! The shape of `custody-core` as docs/architecture.md describes it, checked on its source:
//! no import cycle among the crate's top-level modules, each module importing only modules on
//! an earlier line of the layering (or earlier on its own line), and no module file so long
//! that it is doing more than one job. A change that breaks one fails here with the cycle,
//! the import or the file named, before a reader has to untangle it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::source::{rust_files, src};

/// Longest module file, in lines. The generated Unicode table is data, not a module's logic.
const MAX_LINES: usize = 650;
const DATA_FILES: [&str; 1] = ["names/table.rs"];

/// A file's own code: without a `tests.rs` file's whole text and a file's `mod tests` block at
/// its end, `pub(crate)` when other modules' tests share its helpers (unit tests may reach
/// anywhere; an earlier `#[cfg(test)]` item, such as the declaration `mod tests;`, does not
/// hide the rest of the file).
fn module_code(relative: &Path, text: &str) -> String {
    if relative.file_name().is_some_and(|n| n == "tests.rs") {
        return String::new();
    }
    let end = ["#[cfg(test)]\nmod tests {", "#[cfg(test)]\npub(crate) mod tests {"]
        .iter()
        .filter_map(|block| text.find(block))
        .min()
        .unwrap_or(text.len());
    text[..end].to_string()
}

/// The top-level module a source file belongs to (`verify/events.rs` -> `verify`).
fn top_module(relative: &Path) -> String {
    let first = relative.components().next().unwrap().as_os_str().to_string_lossy().into_owned();
    first.strip_suffix(".rs").unwrap_or(&first).to_string()
}

/// Top-level modules a file names through `crate::`, outside comments.
fn uses(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            let tail = &rest[at + "crate::".len()..];
            let name: String = tail.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            // `crate::{a, b}` groups: take every name in the braces.
            if name.is_empty() && tail.starts_with('{') {
                let group = tail[1..].split('}').next().unwrap_or("");
                for part in group.split(',') {
                    let n: String =
                        part.trim().chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                    if !n.is_empty() {
                        out.insert(n);
                    }
                }
            } else if !name.is_empty() {
                out.insert(name);
            }
            rest = tail;
        }
    }
    out
}

/// Names lib.rs re-exports at the crate root (`pub use error::{Error, Remedy};`), with the
/// module each comes from: `crate::Error` is a use of `error`.
fn root_reexports() -> BTreeMap<String, String> {
    let lib = std::fs::read_to_string(src().join("lib.rs")).unwrap();
    let mut out = BTreeMap::new();
    for line in lib.lines() {
        let Some(rest) = line.trim().strip_prefix("pub use ") else { continue };
        let Some((module, names)) = rest.trim_end_matches(';').split_once("::") else { continue };
        let names = names.trim_start_matches('{').trim_end_matches('}');
        for name in names.split(',') {
            let name = name.trim().rsplit("::").next().unwrap_or("").trim();
            let name = name.rsplit(" as ").next().unwrap_or(name).trim();
            if !name.is_empty() {
                out.insert(name.to_string(), module.trim().to_string());
            }
        }
    }
    out
}

fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let root = src();
    let reexports = root_reexports();
    let files = rust_files();
    let modules: BTreeSet<String> =
        files.iter().map(|f| top_module(f.strip_prefix(&root).unwrap())).filter(|m| m != "lib").collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let module = top_module(file.strip_prefix(&root).unwrap());
        if module == "lib" {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap();
        let code = module_code(file.strip_prefix(&root).unwrap(), &text);
        let edges = graph.entry(module.clone()).or_default();
        for used in uses(&code) {
            let used = reexports.get(&used).cloned().unwrap_or(used);
            if used != module && modules.contains(&used) {
                edges.insert(used);
            }
        }
    }
    graph
}

/// The layering of docs/architecture.md ("Layering"), bottom first: a module may import only
/// modules on an earlier line, or earlier on its own line. `wording` (the catalogue of every
/// sentence) sits on the first line so that every layer can word what it says there.
const LAYERS: [&[&str]; 6] = [
    &["layout", "check", "text", "wording", "digest", "time", "names", "progress", "suggest"],
    &["keys", "archive", "envelope", "bagit", "timestamp", "trust"],
    &["document", "provenance", "manifest", "commit", "tlog", "event", "statement", "rules"],
    &["error", "fsutil", "files"],
    &["verify", "schema", "exit", "extract", "court_report"],
    &["casefile", "import", "seal", "append", "handover", "derive"],
];

/// A module's place in the layering, in order: line, then place on the line.
fn rank(module: &str) -> Option<(usize, usize)> {
    LAYERS.iter().enumerate().find_map(|(line, ms)| ms.iter().position(|m| *m == module).map(|at| (line, at)))
}

fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    // 0 = unvisited, 1 = on the current path, 2 = done.
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(node.to_string(), 1);
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            match state.get(next.as_str()).copied().unwrap_or(0) {
                1 => {
                    let start = path.iter().position(|n| n == next).unwrap();
                    let mut cycle = path[start..].to_vec();
                    cycle.push(next.clone());
                    return Some(cycle);
                }
                0 => {
                    if let Some(c) = visit(next, graph, state, path) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        path.pop();
        state.insert(node.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for node in graph.keys() {
        if state.get(node.as_str()).copied().unwrap_or(0) == 0
            && let Some(c) = visit(node, graph, &mut state, &mut Vec::new())
        {
            return Some(c);
        }
    }
    None
}

#[test]
fn no_import_cycle_among_core_modules() {
    let graph = module_graph();
    assert!(graph.len() > 10, "the module scan found too few modules: {graph:?}");
    if let Some(cycle) = find_cycle(&graph) {
        panic!("import cycle among core modules: {}", cycle.join(" -> "));
    }
}

#[test]
fn every_module_imports_only_earlier_layers() {
    let graph = module_graph();
    // The catalogue is below the errors it words, and the scan sees those imports.
    assert!(graph["archive"].contains("wording") && graph["timestamp"].contains("wording"), "{graph:?}");
    assert!(graph["wording"].iter().all(|m| ["check", "text", "layout"].contains(&m.as_str())), "{graph:?}");
    let mut wrong = Vec::new();
    for (module, uses) in &graph {
        let Some(at) = rank(module) else {
            wrong.push(format!("{module} is on no line of LAYERS (add it there and to docs/architecture.md)"));
            continue;
        };
        for used in uses {
            match rank(used) {
                Some(r) if r < at => {}
                _ => wrong.push(format!("{module} imports {used}, which is not on an earlier line of LAYERS")),
            }
        }
    }
    assert!(wrong.is_empty(), "the layering of docs/architecture.md is broken:\n{}", wrong.join("\n"));
}

#[test]
fn the_cycle_finder_finds_a_cycle() {
    let mut graph = BTreeMap::new();
    graph.insert("a".to_string(), BTreeSet::from(["b".to_string()]));
    graph.insert("b".to_string(), BTreeSet::from(["c".to_string()]));
    graph.insert("c".to_string(), BTreeSet::from(["a".to_string()]));
    assert_eq!(find_cycle(&graph).unwrap(), ["a", "b", "c", "a"]);
    graph.insert("c".to_string(), BTreeSet::new());
    assert_eq!(find_cycle(&graph), None);
    assert_eq!(
        uses("use crate::{archive::Archive, layout};\n// crate::verify\nlet x = crate::text::printable(s);"),
        BTreeSet::from(["archive".to_string(), "layout".to_string(), "text".to_string()])
    );
}

#[test]
fn no_core_module_file_is_overlong() {
    let root = src();
    let files = rust_files();
    let mut long = Vec::new();
    for file in files {
        let relative = file.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
        if DATA_FILES.contains(&relative.as_str()) {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let code = module_code(file.strip_prefix(&root).unwrap(), &text);
        let lines = code.lines().count();
        if lines > MAX_LINES {
            long.push(format!("{relative}: {lines} lines"));
        }
    }
    assert!(long.is_empty(), "split these modules (limit {MAX_LINES} lines before tests): {long:?}");
}
