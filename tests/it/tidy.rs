//! The invariants of ARCHITECTURE.md that a reading of the source can check. Each rule is a
//! function over (path, non-test source text) so that its own test can show it catching a
//! violation; `the_source_tree_keeps_the_architecture` applies them all to `src/`.

use std::path::{Path, PathBuf};

/// Every `.rs` file under `src/`, with its text cut before its `#[cfg(test)]` module (tests
/// may use the disk and anything else).
fn sources() -> Vec<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let e = e.expect("walk src");
        if e.path().extension().is_some_and(|x| x == "rs") && !is_test_file(e.path()) {
            let rel = rel_path(&src, e.path());
            let text = std::fs::read_to_string(e.path()).expect("read source");
            out.push((rel, non_test(&text).to_string()));
        }
    }
    out
}

/// A file that holds only tests (`mod tests;` kept apart, `testing.rs` helpers for them).
fn is_test_file(p: &Path) -> bool {
    p.file_name()
        .is_some_and(|n| n == "tests.rs" || n == "testing.rs")
}

fn rel_path(root: &Path, p: &Path) -> String {
    let rel: PathBuf = p.strip_prefix(root).expect("under src").into();
    rel.to_string_lossy().replace('\\', "/")
}

/// The text before the file's test module.
fn non_test(text: &str) -> &str {
    match text.find("#[cfg(test)]\nmod tests") {
        Some(i) => &text[..i],
        None => text,
    }
}

/// Code lines only: comments and doc comments dropped.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !l.trim_start().starts_with("//"))
}

/// Rule: `std::fs` only in the file-system wrapper (`fs.rs`) and the site writer (`output/`).
fn std_fs_outside_the_wrappers(path: &str, text: &str) -> Vec<String> {
    if path == "fs.rs" || path.starts_with("output/") {
        return Vec::new();
    }
    code_lines(text)
        .filter(|(_, l)| l.contains("std::fs"))
        .map(|(n, l)| {
            format!(
                "src/{path}:{n}: std::fs outside fs.rs and output/: {}",
                l.trim()
            )
        })
        .collect()
}

/// Rule: the renderer does not know the loader (`render/` never names `crate::load`), and
/// prints no timings (the pipeline times its phases).
fn render_reaching_into_load(path: &str, text: &str) -> Vec<String> {
    if !path.starts_with("render/") {
        return Vec::new();
    }
    code_lines(text)
        .filter(|(_, l)| l.contains("crate::load") || l.contains("crate::timing"))
        .map(|(n, l)| {
            format!(
                "src/{path}:{n}: render/ reaches into load or timing: {}",
                l.trim()
            )
        })
        .collect()
}

/// Rule: templates see only the types of `render/views`: no other file of `render/` derives
/// `Serialize`.
fn template_types_outside_views(path: &str, text: &str) -> Vec<String> {
    let is_views = path == "render/views.rs" || path.starts_with("render/views/");
    if !path.starts_with("render/") || is_views {
        return Vec::new();
    }
    code_lines(text)
        .filter(|(_, l)| l.contains("derive(") && l.contains("Serialize"))
        .map(|(n, _)| format!("src/{path}:{n}: a Serialize type outside render/views"))
        .collect()
}

/// Rule: the model knows nothing of Tera, JSON, URLs or the disk.
fn model_knowing_the_outside(path: &str, text: &str) -> Vec<String> {
    if !path.starts_with("model/") {
        return Vec::new();
    }
    let outside = [
        "tera::",
        "serde_json",
        "crate::urls",
        "std::fs",
        "crate::fs",
        "crate::render",
    ];
    code_lines(text)
        .filter(|(_, l)| outside.iter().any(|w| l.contains(w)))
        .map(|(n, l)| {
            format!(
                "src/{path}:{n}: model/ depends on the outside: {}",
                l.trim()
            )
        })
        .collect()
}

const RULES: &[fn(&str, &str) -> Vec<String>] = &[
    std_fs_outside_the_wrappers,
    render_reaching_into_load,
    template_types_outside_views,
    model_knowing_the_outside,
];

#[test]
fn the_source_tree_keeps_the_architecture() {
    let sources = sources();
    assert!(sources.len() > 20, "found the sources");
    let problems: Vec<String> = sources
        .iter()
        .flat_map(|(path, text)| RULES.iter().flat_map(move |rule| rule(path, text)))
        .collect();
    assert!(
        problems.is_empty(),
        "ARCHITECTURE.md invariants broken:\n{}",
        problems.join("\n")
    );
}

#[test]
fn each_rule_catches_what_it_forbids() {
    let bad = "use std::fs::read;\nuse crate::load::DocChange;\nlet t = crate::timing::phase(\"x\");\n#[derive(Debug, Serialize)]\nstruct V;\nuse crate::urls;\nlet v: tera::Value;\nfn langs() -> impl Iterator<Item = &str>;\n";
    assert_eq!(std_fs_outside_the_wrappers("render/x.rs", bad).len(), 1);
    assert!(std_fs_outside_the_wrappers("output/carry.rs", bad).is_empty());
    assert!(std_fs_outside_the_wrappers("fs.rs", bad).is_empty());
    assert_eq!(
        render_reaching_into_load("render/pages/year.rs", bad).len(),
        2
    );
    assert!(render_reaching_into_load("serve/mod.rs", bad).is_empty());
    assert_eq!(template_types_outside_views("render/jobs.rs", bad).len(), 1);
    assert!(template_types_outside_views("render/views.rs", bad).is_empty());
    assert!(template_types_outside_views("export.rs", bad).is_empty());
    assert_eq!(model_knowing_the_outside("model/mod.rs", bad).len(), 3);
    // Comments and test modules do not count.
    assert!(std_fs_outside_the_wrappers("lib.rs", "// std::fs is wrapped\n").is_empty());
    assert_eq!(
        non_test("a\n#[cfg(test)]\nmod tests {\nstd::fs\n}\n"),
        "a\n"
    );
}
