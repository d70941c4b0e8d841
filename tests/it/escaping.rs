//! Nothing injected, nothing leaked. Hostile strings (`<script>`, `"><img onerror>`, `]]>`,
//! `</script>`, control characters, spreadsheet formulas, `javascript:` URLs) go into every
//! field a press office writes; the HTML must show them as text, the JSON, XML and SVG files
//! must parse and give them back, and the CSV files must not run them as formulas. The last
//! tests check that the output says nothing of the machine that built it.

use crate::support::{read_tree, SiteTest};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// Script in text, an attribute break-out, a CDATA end, a script-element end and control
/// characters, in one string.
const H: &str = "<script>alert(1)</script> \"><img src=x onerror=alert(1)> ]]> </script> 'q' &amp; \u{1}\u{1b}[31m";

/// As a YAML double-quoted string (JSON's escapes are YAML's).
fn q(s: &str) -> String {
    serde_json::to_string(s).expect("json")
}

/// `H` with a tag, so each field can be told apart: `{vi: "…vi-title", en: "…en-title"}`.
fn loc(tag: &str) -> String {
    format!(
        "{{vi: {}, en: {}}}",
        q(&format!("{H} vi-{tag}")),
        q(&format!("{H} en-{tag}"))
    )
}

/// Markdown fields: the hostile text as text (escaped for Markdown where raw HTML is on), and
/// script links that must always be neutralised.
fn markdown(raw_html: bool, tag: &str) -> String {
    let text = if raw_html {
        // With raw HTML on, `<…>` is HTML by design: give the text with Markdown escapes.
        H.replace('<', "\\<")
    } else {
        H.to_string()
    };
    format!("{text} md-{tag} [click](javascript:alert(1)) [two]( JaVaScRiPt:alert(1)) <javascript:alert(1)> ![i](javascript:alert(1)) [ok](https://e.vn/?a=1&b=2)")
}

/// A site with hostile text in every field.
fn hostile_site(raw_html: bool) -> SiteTest {
    let site = SiteTest::fixture("minimal");
    site.write(
        "content/site.yaml",
        format!(
            "title: {}\ndescription: {}\nbase_url: \"https://example.gov.vn/cds/\"\nlanguages: [vi, en]\norganisation: {}\n{}",
            loc("site"),
            loc("description"),
            loc("organisation"),
            if raw_html { "" } else { "raw_html: false\n" }
        ),
    );
    let md = |tag: &str| {
        format!(
            "{{vi: {}, en: {}}}",
            q(&markdown(raw_html, &format!("vi-{tag}"))),
            q(&markdown(raw_html, &format!("en-{tag}")))
        )
    };
    let id = |tag: &str| q(&format!("{tag}\"><img src=x onerror=alert(1)>"));
    site.write(
        "content/years/2023.yaml",
        format!(
            "year: 2023\ntitle: {}\nsummary: {}\nplans:\n  - {{id: {}, date: 2023-03-10, title: {}}}\ngroups:\n  - {{id: {}, name: {}}}\ngoals:\n  - id: {}\n    title: {}\n    group: {}\n    plan: {}\n    target: 80\n    actual: 85.5\n    unit: {}\n    note: {}\n  - id: G2\n    title: {}\n    progress: 40\n    unit: {}\n  - id: G3\n    title: {}\n    group: {}\n    progress: 70\ntasks:\n  - id: {}\n    title: {}\n    status: done\n    group: {}\n    plan: {}\n    owner: {}\n    due: 2023-06-30\n  - id: T2\n    title: {}\n    status: in_progress\n    owner: {}\n  - id: T3\n    title: {}\n    status: not_started\n    owner: {}\nindicators:\n  - {{id: {}, name: {}, value: 17, out_of: 63, better: lower}}\n",
            loc("year"),
            md("summary"),
            id("plan"),
            loc("plan"),
            id("group"),
            loc("group"),
            id("goal"),
            loc("goal"),
            id("group"),
            id("plan"),
            loc("unit"),
            md("note"),
            q("=HYPERLINK(\"http://evil.example/\",\"x\")"),
            q("@SUM(A1:A9)"),
            q("\t=1+2"),
            id("group"),
            id("task"),
            loc("task"),
            id("group"),
            id("plan"),
            loc("owner"),
            q("-2+3"),
            q("+cmd|' /C calc'!A0"),
            q("\r=1"),
            q("=owner"),
            id("indicator"),
            loc("indicator"),
        ),
    );
    site.write(
        "content/years/2022.yaml",
        "year: 2022\nindicators:\n  - {id: rank, name: {vi: Hạng, en: Rank}, value: 20, out_of: 63}\n",
    );
    let body = format!(
        "{}\n\nCode: `<script>alert(1)</script>` and {{{{ figure(year=2023, key=\"goals.total\") }}}}.\n\n{}\n",
        markdown(raw_html, "body"),
        if raw_html {
            ""
        } else {
            "<script>alert(1)</script>\n\n<a href=\"javascript:alert(1)\" onclick=\"alert(1)\">raw</a> <img src=x onerror=alert(1)>"
        }
    );
    for lang in ["vi", "en"] {
        site.write(
            &format!("content/news/tong-ket.{lang}.md"),
            format!(
                "---\ntitle: {}\ndate: 2023-12-19\nauthor: {}\nsummary: {}\ntags: [{}, \"=cmd\"]\nimage: {}\nyear: 2023\n---\n{body}",
                q(&format!("{H} {lang}-article")),
                q(&format!("{H} {lang}-author")),
                q(&format!("{H} {lang}-summary")),
                q(&format!("{H} {lang}-tag")),
                q("https://e.vn/a.png?\"><script>alert(1)</script>"),
            ),
        );
    }
    site.write(
        "content/pages/gioi-thieu.vi.md",
        format!("---\ntitle: {}\n---\n{body}", q(&format!("{H} page"))),
    );
    site.remove("content/news/chi-tieng-viet.vi.md");
    site
}

/// The tags of an HTML page, as written between `<` and `>` (quoted values may hold `>`), with
/// the text of each `<script>` element. Text content cannot hold a `<`: escaped text shows it as
/// `&lt;`, so every `<` starts markup.
fn tags(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        if let Some(r) = rest.strip_prefix("!--") {
            rest = r.find("-->").map_or("", |j| &r[j + 3..]);
            continue;
        }
        let mut quote = None;
        let mut end = rest.len();
        for (j, c) in rest.char_indices() {
            match (quote, c) {
                (None, '"' | '\'') => quote = Some(c),
                (Some(q), c) if c == q => quote = None,
                (None, '>') => {
                    end = j;
                    break;
                }
                _ => {}
            }
        }
        let tag = rest[..end].to_string();
        rest = rest.get(end + 1..).unwrap_or("");
        let mut script = String::new();
        if tag.to_ascii_lowercase().starts_with("script") {
            let close = rest
                .to_ascii_lowercase()
                .find("</script")
                .unwrap_or(rest.len());
            script = rest[..close].to_string();
            rest = &rest[close..];
        }
        out.push((tag, script));
    }
    out
}

/// The attributes of a tag: (lower-case name, value).
fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let body = tag.trim_end_matches('/');
    let mut chars = body
        .char_indices()
        .skip_while(|(_, c)| !c.is_whitespace())
        .peekable();
    loop {
        while chars.peek().is_some_and(|(_, c)| c.is_whitespace()) {
            chars.next();
        }
        let mut name = String::new();
        while let Some(&(_, c)) = chars.peek() {
            if c.is_whitespace() || c == '=' {
                break;
            }
            name.push(c);
            chars.next();
        }
        if name.is_empty() && chars.peek().is_none() {
            break;
        }
        let mut value = String::new();
        if chars.peek().is_some_and(|(_, c)| *c == '=') {
            chars.next();
            match chars.peek().map(|(_, c)| *c) {
                Some(q @ ('"' | '\'')) => {
                    chars.next();
                    for (_, c) in chars.by_ref() {
                        if c == q {
                            break;
                        }
                        value.push(c);
                    }
                }
                _ => {
                    while let Some(&(_, c)) = chars.peek() {
                        if c.is_whitespace() {
                            break;
                        }
                        value.push(c);
                        chars.next();
                    }
                }
            }
        }
        if name.is_empty() {
            chars.next();
            continue;
        }
        out.push((name.to_ascii_lowercase(), value));
    }
    out
}

/// Checks one HTML file: the hostile text is text, never markup.
fn check_html(path: &str, html: &str, problems: &mut Vec<String>) {
    for (tag, script) in tags(html) {
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if script.contains("alert(") {
            problems.push(format!("{path}: injected script: <{tag}>{script}"));
        }
        if name.eq_ignore_ascii_case("img") && tag.contains("src=x") {
            problems.push(format!("{path}: injected image: <{tag}>"));
        }
        for (attr, value) in attributes(&tag) {
            if attr.starts_with("on") {
                problems.push(format!("{path}: event handler `{attr}` in <{tag}>"));
            }
            let v: String = value
                .to_ascii_lowercase()
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect();
            let script_url = v.starts_with("javascript:")
                || v.starts_with("vbscript:")
                || v.starts_with("data:text");
            if ["href", "src", "action", "formaction", "content"].contains(&attr.as_str())
                && script_url
            {
                problems.push(format!("{path}: script URL in <{tag}>"));
            }
        }
    }
    // A `</script>` in the data must not end a script element early.
    let opens = html.matches("<script").count();
    let closes = html.matches("</script>").count();
    if opens != closes {
        problems.push(format!(
            "{path}: {opens} `<script` but {closes} `</script>`"
        ));
    }
}

#[test]
fn the_checker_catches_injections() {
    let mut p = Vec::new();
    check_html("ok", "<p title=\"a > b\">&lt;script&gt;alert(1) onerror=x href=\"javascript:x\"</p><script src=\"s.js\"></script>", &mut p);
    assert!(p.is_empty(), "{p:?}");
    for bad in [
        "<p><script>alert(1)</script></p>",
        "<p><img src=x onerror=alert(1)></p>",
        "<a href=\" JavaScript:alert(1)\">x</a>",
        "<p class=\"\" onclick=\"x\">",
        "<script>var s = \"</script><script>alert(1)</script>\";</script>",
    ] {
        let mut p = Vec::new();
        check_html("bad", bad, &mut p);
        assert!(!p.is_empty(), "{bad} passed");
    }
}

/// Every check of every output file; returns the problems found.
fn audit(files: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut problems = Vec::new();
    for (path, bytes) in files {
        let text = String::from_utf8_lossy(bytes);
        if path.ends_with(".html") {
            check_html(path, &text, &mut problems);
        } else if path.ends_with(".json") {
            if let Err(e) = serde_json::from_slice::<serde_json::Value>(bytes) {
                problems.push(format!("{path}: not JSON: {e}"));
            }
            if path.starts_with("search/") && text.contains("</script") {
                problems.push(format!("{path}: `</script` in the search index"));
            }
        } else if path.ends_with(".xml") || path.ends_with(".svg") {
            if let Err(e) = roxmltree::Document::parse(&text) {
                problems.push(format!("{path}: not well-formed XML: {e}"));
            }
        }
    }
    problems
}

fn hostile_output(raw_html: bool) -> (SiteTest, BTreeMap<String, Vec<u8>>) {
    let site = hostile_site(raw_html);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "the hostile site must build:\n{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let files = site.output_files();
    (site, files)
}

#[test]
fn hostile_text_is_escaped_everywhere_with_raw_html_off() {
    let (_site, files) = hostile_output(false);
    let problems = audit(&files);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The text is there, shown as text.
    let article = String::from_utf8_lossy(&files["tin-tuc/tong-ket/index.html"]).into_owned();
    assert!(
        article.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{article}"
    );
    assert!(
        article.contains("&lt;a href=&quot;javascript:alert(1)&quot;")
            || article.contains("&lt;a href=\"javascript:alert(1)\""),
        "raw HTML shown as text:\n{article}"
    );
    // The charts (SVG) name the groups: the hostile name is there, as text.
    let svg = String::from_utf8_lossy(&files["nam/2023/groups.svg"]).into_owned();
    assert!(
        svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{svg}"
    );
    let doc = roxmltree::Document::parse(&svg).expect("SVG parses");
    assert!(doc.descendants().any(|n| n
        .text()
        .is_some_and(|t| t.contains("<script>alert(1)</script>"))));
}

#[test]
fn hostile_text_is_escaped_everywhere_with_raw_html_on() {
    let (_site, files) = hostile_output(true);
    let problems = audit(&files);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn raw_html_is_published_by_default_and_shown_as_text_when_off() {
    let site = SiteTest::fixture("minimal");
    let rel = "content/news/tong-ket.vi.md";
    let text = site.read(rel);
    site.write(
        rel,
        format!("{text}\n<p class=\"dan\">Dẫn <b>đậm</b></p>\n\n[x](javascript:alert(1))\n"),
    );
    site.build_ok();
    let page = site.read("output/tin-tuc/tong-ket/index.html");
    assert!(
        page.contains("<p class=\"dan\">Dẫn <b>đậm</b></p>"),
        "{page}"
    );
    assert!(page.contains("<a href=\"#\">x</a>"), "{page}");
    let config = site.read("content/site.yaml");
    site.write("content/site.yaml", format!("{config}raw_html: false\n"));
    site.build_ok();
    let page = site.read("output/tin-tuc/tong-ket/index.html");
    assert!(!page.contains("<p class=\"dan\">"), "{page}");
    assert!(
        page.contains("&lt;p class=&quot;dan&quot;&gt;Dẫn &lt;b&gt;đậm&lt;/b&gt;&lt;/p&gt;")
            || page.contains("&lt;p class=\"dan\"&gt;"),
        "{page}"
    );
    assert!(page.contains("<a href=\"#\">x</a>"), "{page}");
    // Shortcode tables are made by tiendo, not written as raw HTML: they stay tables.
    assert!(page.contains("<table"), "{page}");
}

#[test]
fn feeds_and_sitemap_parse_and_give_the_text_back() {
    let (_site, files) = hostile_output(false);
    for path in ["atom.xml", "en/atom.xml", "sitemap.xml"] {
        let text = String::from_utf8_lossy(files.get(path).unwrap_or_else(|| panic!("{path}")))
            .into_owned();
        let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        if path.ends_with("atom.xml") {
            let lang = if path.starts_with("en/") { "en" } else { "vi" };
            let titles: Vec<String> = doc
                .descendants()
                .filter(|n| n.has_tag_name("title"))
                .filter_map(|n| n.text().map(str::to_string))
                .collect();
            // Control characters, which XML 1.0 forbids, are dropped; the rest comes back.
            let expected = format!("{H} {lang}-article").replace(['\u{1}', '\u{1b}'], "");
            assert!(titles.contains(&expected), "{path}: {titles:?}");
        }
    }
}

#[test]
fn data_json_gives_back_exactly_what_was_written() {
    let (_site, files) = hostile_output(false);
    let v: serde_json::Value = serde_json::from_slice(&files["nam/2023/data.json"]).expect("JSON");
    assert_eq!(v["goals"][0]["title"], format!("{H} vi-goal"));
    assert_eq!(v["goals"][0]["id"], "goal\"><img src=x onerror=alert(1)>");
    assert_eq!(v["tasks"][0]["owner"], format!("{H} vi-owner"));
    assert_eq!(v["title"], format!("{H} vi-year"));
    let en: serde_json::Value =
        serde_json::from_slice(&files["en/years/2023/data.json"]).expect("JSON");
    assert_eq!(en["goals"][0]["title"], format!("{H} en-goal"));
}

/// Splits CSV text (RFC 4180: quoted fields, doubled quotes) into rows of cells.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = vec![vec![String::new()]];
    let mut quoted = false;
    let mut chars = text.trim_start_matches('\u{feff}').chars().peekable();
    while let Some(c) = chars.next() {
        let row = rows.last_mut().expect("row");
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                row.last_mut().expect("cell").push('"');
            }
            (true, '"') => quoted = false,
            (false, '"') => quoted = true,
            (false, ',') => row.push(String::new()),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => rows.push(vec![String::new()]),
            (_, c) => row.last_mut().expect("cell").push(c),
        }
    }
    rows.retain(|r| r.len() > 1 || !r[0].is_empty());
    rows
}

#[test]
fn csv_text_never_starts_a_formula() {
    let (_site, files) = hostile_output(false);
    let mut seen = 0;
    for path in [
        "nam/2023/goals.csv",
        "nam/2023/tasks.csv",
        "en/years/2023/goals.csv",
        "en/years/2023/tasks.csv",
    ] {
        let rows = parse_csv(&String::from_utf8_lossy(&files[path]));
        let header = rows[0].clone();
        for row in &rows[1..] {
            assert_eq!(row.len(), header.len(), "{path}: {row:?}");
            for (name, cell) in header.iter().zip(row) {
                let numeric = ["completion", "progress", "target", "actual", "baseline"]
                    .contains(&name.as_str());
                if numeric {
                    assert!(
                        cell.is_empty() || cell.parse::<f64>().is_ok(),
                        "{path}: {name} = {cell:?}"
                    );
                } else {
                    assert!(
                        !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                        "{path}: {name} = {cell:?} would run as a formula"
                    );
                    if cell.starts_with('\'') {
                        seen += 1;
                    }
                }
            }
        }
    }
    assert!(
        seen >= 8,
        "the formula cells were not all neutralised ({seen})"
    );
}

#[test]
fn the_search_index_cannot_close_a_script_element() {
    let (_site, files) = hostile_output(false);
    let mut found = false;
    for (path, bytes) in files.iter().filter(|(p, _)| p.starts_with("search/")) {
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains("</"), "{path}: `</` in {text}");
        if text.contains("alert(1)") {
            found = true;
            let v: serde_json::Value = serde_json::from_slice(bytes).expect("JSON");
            assert!(
                v.to_string().contains("<script>alert(1)</script>")
                    || v.to_string().contains("<\\/script>"),
                "{path}"
            );
        }
    }
    assert!(found, "the hostile titles are in the search index");
}

// ---- Nothing of the machine in the output ------------------------------------------------------

/// Builds `tests/fixtures/minimal` in a fresh temp folder, with extra environment, from a
/// working folder that is not the site's.
fn build_elsewhere(env: &[(&str, &str)]) -> (tempfile::TempDir, BTreeMap<String, Vec<u8>>) {
    let site = SiteTest::fixture("minimal");
    let cwd = tempfile::tempdir().expect("tmp");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tiendo"));
    cmd.arg("build")
        .arg("--root")
        .arg(site.root())
        .current_dir(cwd.path())
        .env("NO_COLOR", "1")
        .env_remove("TIENDO_TODAY");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let files = read_tree(&site.root().join("output"));
    (site.dir, files)
}

/// Today's date (UTC), as the clock says.
fn clock_date() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() / 86_400)
        .unwrap_or(0) as i64;
    // Civil from days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[test]
fn two_machines_build_the_same_bytes_and_leave_no_trace() {
    let (dir_a, a) = build_elsewhere(&[("TZ", "UTC"), ("LANG", "C")]);
    let (dir_b, b) = build_elsewhere(&[
        ("TZ", "Asia/Ho_Chi_Minh"),
        ("LANG", "vi_VN.UTF-8"),
        ("USER", "nguoi-dung-khac"),
        ("HOME", "/home/nguoi-dung-khac"),
    ]);
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(b[path] == *bytes, "{path} differs between two builds");
    }
    let mut needles: Vec<String> = Vec::new();
    for dir in [dir_a.path(), dir_b.path()] {
        needles.push(dir.display().to_string());
        if let Ok(c) = dir.canonicalize() {
            needles.push(c.display().to_string());
        }
    }
    needles.push(
        std::env::temp_dir()
            .display()
            .to_string()
            .trim_end_matches('/')
            .to_string(),
    );
    if let Ok(home) = std::env::var("HOME") {
        if home.len() > 1 {
            needles.push(home);
        }
    }
    needles.push(env!("CARGO_MANIFEST_DIR").to_string());
    needles.push("nguoi-dung-khac".into());
    if let Ok(user) = std::env::var("USER") {
        // A short or common name (`root`) also names other things: look for it as a path.
        needles.push(format!("/{user}/"));
    }
    let today = clock_date();
    if !today.starts_with("2023") {
        needles.push(today);
    }
    for (path, bytes) in &a {
        let text = String::from_utf8_lossy(bytes);
        for n in &needles {
            assert!(!text.contains(n.as_str()), "{path} contains `{n}`");
        }
    }
    assert!(Path::new(&dir_a.path().join("output")).is_dir());
}
