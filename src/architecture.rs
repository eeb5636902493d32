//! The map in `lib.rs`, checked: reads every source file's `use` paths and fails when
//! an import runs back up the layers, or when two modules import each other (directly
//! or round a loop). Test code is left out: tests may look anywhere.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, bottom first; a module may only import modules of a lower layer.
const LAYERS: &[&[&str]] = &[
    &["text", "config"],
    &["corpus"],
    &["index", "markdown"],
    &["store", "fulltext"],
    &["app"],
    &["ui"],
    &["cli", "tui"],
];

fn layer(top: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&top))
}

/// Every `.rs` file under `dir` with its module path (`src/app/mod.rs` → `app`).
fn modules(dir: &Path, prefix: &[String], out: &mut BTreeMap<Vec<String>, PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            let mut sub = prefix.to_vec();
            sub.push(name);
            modules(&path, &sub, out);
        } else if let Some(stem) = name.strip_suffix(".rs") {
            let mut module = prefix.to_vec();
            if !matches!(stem, "mod" | "lib" | "main") {
                module.push(stem.to_string());
            }
            out.insert(module, path);
        }
    }
}

/// The source without its test modules and comments.
fn production_code(source: &str) -> String {
    let code = source.split("#[cfg(test)]").next().unwrap_or(source);
    code.lines()
        .map(|line| line.split("//").next().unwrap_or(line))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Paths a `use` tree names, braces expanded: `a::{b, c::d}` → `a::b`, `a::c::d`.
fn expand(tree: &str) -> Vec<String> {
    let tree: String = tree.split_whitespace().collect();
    let Some(open) = tree.find('{') else {
        return vec![tree.split(" as ").next().unwrap_or(&tree).to_string()];
    };
    let head = &tree[..open];
    let inner = tree[open + 1..]
        .strip_suffix('}')
        .unwrap_or(&tree[open + 1..]);
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .flat_map(|p| expand(&format!("{head}{p}")))
        .collect()
}

/// The modules a file imports, resolved to module paths that exist.
fn imports(
    module: &[String],
    source: &str,
    known: &BTreeMap<Vec<String>, PathBuf>,
) -> BTreeSet<Vec<String>> {
    let code = production_code(source);
    let code = code.as_str();
    let mut paths: Vec<String> = Vec::new();
    for statement in code.split(';') {
        let statement = statement.trim();
        for keyword in ["pub use ", "pub(crate) use ", "use "] {
            if let Some(tree) = statement
                .lines()
                .map(str::trim)
                .find(|l| l.starts_with(keyword))
                .and_then(|first| {
                    statement
                        .find(first)
                        .map(|at| &statement[at + keyword.len()..])
                })
            {
                paths.extend(expand(tree));
                break;
            }
        }
    }
    // Paths written inline, `crate::text::url::check(…)`.
    for (at, _) in code
        .match_indices("crate::")
        .chain(code.match_indices("super::"))
    {
        let path: String = code[at..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        // `super::{a, b}` is a `use` tree, read above.
        if !path.ends_with("::") {
            paths.push(path);
        }
    }
    let mut out = BTreeSet::new();
    for path in paths {
        let mut segments: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
        let mut base: Vec<String> = match segments.first().copied() {
            Some("crate") => Vec::new(),
            Some("super") => {
                let mut base = module.to_vec();
                base.pop();
                base
            }
            // `use child::Item` in a `mod.rs`: a path relative to this module.
            Some(first) if known.contains_key(&[module, &[first.to_string()]].concat()) => {
                let mut base = module.to_vec();
                base.push(first.to_string());
                base
            }
            _ => continue,
        };
        segments.remove(0);
        while segments.first() == Some(&"super") {
            base.pop();
            segments.remove(0);
        }
        // The longest prefix that is a module.
        let mut target = None;
        let mut candidate = base.clone();
        for s in segments {
            candidate.push(s.to_string());
            if known.contains_key(&candidate) {
                target = Some(candidate.clone());
            }
        }
        if let Some(t) = target.or_else(|| known.contains_key(&base).then_some(base))
            && t != module
        {
            out.insert(t);
        }
    }
    out
}

fn graph() -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut known = BTreeMap::new();
    modules(&src, &[], &mut known);
    known
        .iter()
        .map(|(module, path)| {
            let source = std::fs::read_to_string(path).unwrap_or_default();
            (module.clone(), imports(module, &source, &known))
        })
        .collect()
}

#[test]
fn no_import_runs_back_up_the_layers() {
    let mut wrong = Vec::new();
    for (module, deps) in graph() {
        let Some(from) = module.first().and_then(|t| layer(t)) else {
            continue;
        };
        for dep in deps {
            let Some(to) = dep.first().and_then(|t| layer(t)) else {
                continue;
            };
            if module.first() != dep.first() && to >= from {
                wrong.push(format!("{} → {}", module.join("::"), dep.join("::")));
            }
        }
    }
    assert!(wrong.is_empty(), "imports against the layers: {wrong:#?}");
}

#[test]
fn no_two_modules_import_each_other() {
    let graph = graph();
    // Depth-first search for a cycle; a parent re-exporting its children is an edge.
    fn visit(
        node: &Vec<String>,
        graph: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        stack: &mut Vec<Vec<String>>,
        done: &mut BTreeSet<Vec<String>>,
    ) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|n| n == node) {
            return Some(stack[at..].iter().map(|m| m.join("::")).collect());
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.clone());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, stack, done) {
                return Some(cycle);
            }
        }
        stack.pop();
        done.insert(node.clone());
        None
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        let cycle = visit(node, &graph, &mut Vec::new(), &mut done);
        assert!(cycle.is_none(), "modules importing each other: {cycle:?}");
    }
}

#[test]
fn the_checker_sees_braces_and_inline_paths() {
    assert_eq!(
        expand("super::{a, b::{c, d}}"),
        ["super::a", "super::b::c", "super::b::d"]
    );
    let mut known = BTreeMap::new();
    for m in [&["app"][..], &["app", "state"], &["ui"], &["ui", "theme"]] {
        known.insert(m.iter().map(|s| s.to_string()).collect(), PathBuf::new());
    }
    let module = vec!["app".to_string(), "state".to_string()];
    let found = imports(
        &module,
        "use crate::ui::theme;\nfn f() { crate::ui::x(); }",
        &known,
    );
    assert!(found.contains(&vec!["ui".to_string(), "theme".to_string()]));
    assert!(found.contains(&vec!["ui".to_string()]));
}
