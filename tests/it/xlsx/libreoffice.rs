//! Year workbooks: LibreOffice.

use super::*;

/// The CSV filter's options: comma, quote, UTF-8 (76), and the sheet number last.
const CSV_FILTER: &str =
    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,1";

fn soffice() -> Option<std::path::PathBuf> {
    let found = ["soffice", "libreoffice"].iter().find_map(|name| {
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|d| d.join(name))
                .find(|p| p.is_file())
        })
    });
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none_or(|v| v != "true"),
            "LibreOffice (soffice) is missing on CI: .ci/run installs libreoffice-calc-nogui"
        );
        eprintln!("skipped: LibreOffice (soffice) is not installed here");
    }
    found
}

/// `soffice --headless --convert-to csv` reads the published workbook (no repair needed), and
/// its first sheet, the goals, holds the cells of `goals.csv` in each language.
#[test]
fn libreoffice_converts_the_published_workbook_to_the_cells_of_goals_csv() {
    let Some(soffice) = soffice() else { return };
    let site = SiteTest::example();
    site.build_ok();
    let out = site.root().join("lo");
    let profile = site.root().join("lo-profile");
    let r = std::process::Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", CSV_FILTER, "--outdir"])
        .arg(&out)
        .arg(site.root().join("output/nam/2023/2023.xlsx"))
        .output()
        .expect("run soffice");
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    // LibreOffice names the CSV of one sheet after it: `2023-goals.csv`.
    let sheet = table(&std::fs::read(out.join("2023-goals.csv")).expect("the converted CSV"));
    let header = &sheet[0];
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    for (lang, csv) in [
        ("vi", "output/nam/2023/goals.csv"),
        ("en", "output/en/years/2023/goals.csv"),
    ] {
        let goals = table(site.read(csv).as_bytes());
        let gcol = |name: &str| goals[0].iter().position(|h| h == name).expect(name);
        assert_eq!(goals.len(), sheet.len(), "{lang}: one row per goal");
        for (g, s) in goals.iter().zip(&sheet).skip(1) {
            for key in [
                "id", "group", "plan", "progress", "target", "actual", "baseline",
            ] {
                assert_eq!(g[gcol(key)], s[col(key)], "{lang}: `{key}` of {}", g[0]);
            }
            assert_eq!(g[gcol("title")], s[col(&format!("title.{lang}"))], "{lang}");
            assert_eq!(g[gcol("unit")], s[col(&format!("unit.{lang}"))], "{lang}");
        }
    }
}

/// CSV bytes (a BOM allowed) as rows of cells.
fn table(bytes: &[u8]) -> Vec<Vec<String>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes)
        .records()
        .map(|r| r.expect("a CSV row").iter().map(str::to_string).collect())
        .collect()
}
