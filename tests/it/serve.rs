//! `tiendo serve`: the real binary on a free port, fetched over raw HTTP/1.1: pages, MIME types,
//! the 404 pages, redirects, traversal attempts, live rebuilds with a reload event, the error
//! overlay appearing and clearing, ignored files, and idle connections that must not hold up a
//! request. (The server's timeouts and bounds are tested with short values in
//! `src/serve/http.rs`.)

use crate::support::SiteTest;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A running `tiendo serve`, killed when dropped.
struct Server {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(site: &SiteTest) -> Server {
        let port = free_port();
        let log = site.root().join("serve.log");
        let child = Command::new(env!("CARGO_BIN_EXE_tiendo"))
            .args(["serve", "--port", &port.to_string()])
            .current_dir(site.root())
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).expect("log file"))
            .spawn()
            .expect("start tiendo serve");
        let server = Server { child, port, log };
        // Generous: the first build takes a second alone, but far longer on a machine busy with
        // other builds.
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            if let Ok(r) = server.try_get("/__tiendo/state") {
                if r.status == 200 {
                    return server;
                }
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("the server did not start:\n{}", server.log());
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    fn try_get(&self, target: &str) -> std::io::Result<Resp> {
        raw(
            self.port,
            &format!("GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"),
        )
    }

    fn get(&self, target: &str) -> Resp {
        self.try_get(target)
            .unwrap_or_else(|e| panic!("GET {target}: {e}\n{}", self.log()))
    }

    fn state(&self) -> serde_json::Value {
        serde_json::from_slice(&self.get("/__tiendo/state").body).expect("state is JSON")
    }

    /// Opens the event stream; events arrive on the channel as (name, data).
    fn events(&self) -> mpsc::Receiver<(String, String)> {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        s.write_all(b"GET /__tiendo/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            .unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(s);
            let (mut name, mut data) = (String::new(), String::new());
            let mut line = String::new();
            while reader.read_line(&mut line).map(|n| n > 0).unwrap_or(false) {
                let l = line.trim_end_matches(['\r', '\n']).to_string();
                line.clear();
                if let Some(v) = l.strip_prefix("event: ") {
                    name = v.to_string();
                } else if let Some(v) = l.strip_prefix("data: ") {
                    data = v.to_string();
                } else if l.is_empty()
                    && !name.is_empty()
                    && tx
                        .send((std::mem::take(&mut name), std::mem::take(&mut data)))
                        .is_err()
                {
                    return;
                }
            }
        });
        rx
    }
}

/// Waits for the event `name`, skipping others; returns its data as JSON.
fn wait_event(
    rx: &mpsc::Receiver<(String, String)>,
    name: &str,
    server: &Server,
) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(30);
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match rx.recv_timeout(left) {
            Ok((n, data)) if n == name => {
                return serde_json::from_str(&data).expect("event data is JSON")
            }
            Ok(_) => continue,
            Err(_) => break,
        }
    }
    panic!(
        "no `{name}` event within 30 s; server log:\n{}",
        server.log()
    );
}

fn free_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind");
    l.local_addr().expect("addr").port()
}

struct Resp {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Resp {
    fn header(&self, name: &str) -> &str {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends `request` as it is and reads one response: its head, then as many bytes of body as
/// its `Content-Length` says (none for HEAD), or everything until the server closes.
fn raw(port: u16, request: &str) -> std::io::Result<Resp> {
    let mut s = TcpStream::connect(("127.0.0.1", port))?;
    s.set_read_timeout(Some(Duration::from_secs(5)))?;
    s.write_all(request.as_bytes())?;
    read_response(&mut s, request.starts_with("HEAD "))
}

fn read_response(s: &mut TcpStream, head_only: bool) -> std::io::Result<Resp> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let end = loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break end;
        }
        let n = s.read(&mut chunk)?;
        if n == 0 {
            return Err(std::io::Error::other("no end of head"));
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..end]).into_owned();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    assert!(status_line.starts_with("HTTP/1.1 "), "{status_line}");
    let status = status_line[9..12].parse().expect("status code");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(": "))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let mut body = buf[end + 4..].to_vec();
    let len: Option<usize> = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok());
    match len {
        _ if head_only => body.clear(),
        Some(len) => {
            while body.len() < len {
                let n = s.read(&mut chunk)?;
                if n == 0 {
                    break;
                }
                body.extend_from_slice(&chunk[..n]);
            }
            assert_eq!(len, body.len(), "Content-Length matches the body");
        }
        None => {
            s.read_to_end(&mut body)?;
        }
    }
    Ok(Resp {
        status,
        headers,
        body,
    })
}

#[test]
fn serves_pages_with_mime_types_404s_and_no_way_out() {
    let site = SiteTest::fixture("minimal");
    site.write("content/static/tai-lieu/ke-hoach.pdf", b"%PDF-1.4 test");
    site.write("content/static/img/anh.png", b"\x89PNG\r\n\x1a\n");
    site.write("bi-mat.txt", "TOP-SECRET");
    let server = Server::start(&site);
    let p = server.port;

    // base_url is https://example.gov.vn/cds/: the site lives under /cds/.
    let r = server.get("/");
    assert_eq!((r.status, r.header("Location")), (302, "/cds/"));
    let r = server.get("/cds");
    assert_eq!((r.status, r.header("Location")), (301, "/cds/"));
    let home = server.get("/cds/");
    assert_eq!(home.status, 200);
    assert_eq!(home.header("Content-Type"), "text/html; charset=utf-8");
    let html = home.text();
    assert!(html.contains("<html lang=\"vi\""));
    assert!(
        html.contains("/__tiendo/events"),
        "the reload script is injected"
    );
    assert!(
        html.contains(&format!("href=\"http://127.0.0.1:{p}/cds/\"")),
        "canonical links point at the preview"
    );
    let css_href = html
        .split("rel=\"stylesheet\" href=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a stylesheet link")
        .to_string();

    for (target, mime) in [
        ("/cds/nam/2023/", "text/html; charset=utf-8"),
        ("/cds/en/years/2023/", "text/html; charset=utf-8"),
        ("/cds/nam/2023/data.json", "application/json"),
        ("/cds/nam/2023/goals.csv", "text/csv; charset=utf-8"),
        (&format!("/cds/{css_href}"), "text/css; charset=utf-8"),
        ("/cds/assets/favicon.svg", "image/svg+xml"),
        ("/cds/tai-lieu/ke-hoach.pdf", "application/pdf"),
        ("/cds/img/anh.png", "image/png"),
    ] {
        let r = server.get(target);
        assert_eq!(r.status, 200, "{target}");
        assert_eq!(r.header("Content-Type"), mime, "{target}");
    }
    let json = server.get("/cds/nam/2023/data.json");
    assert!(
        !json.text().contains("__tiendo"),
        "only HTML gets the script"
    );
    assert_eq!(server.get("/cds/img/anh.png").body, b"\x89PNG\r\n\x1a\n");

    // A folder without its slash is redirected; a folder without a page is not listed.
    let r = server.get("/cds/nam/2023");
    assert_eq!((r.status, r.header("Location")), (301, "/cds/nam/2023/"));
    let r = server.get("/cds/assets/");
    assert_eq!(r.status, 404, "no directory listing");
    assert!(!r.text().contains("favicon.svg\n"));

    // The 404 page of the path's language, with status 404.
    let r = server.get("/cds/khong-co/");
    assert_eq!(r.status, 404);
    assert!(r.text().contains("<html lang=\"vi\""), "{}", r.text());
    let r = server.get("/cds/en/nothing-here/");
    assert_eq!(r.status, 404);
    assert!(r.text().contains("<html lang=\"en\""));
    assert_eq!(server.get("/nam/2023/").status, 404, "outside the sub-path");

    // Nothing outside the site, however the path is written.
    for target in [
        "/../Cargo.toml",
        "/%2e%2e/content/site.yaml",
        "/..%2fcontent",
        "/..%2fcontent/site.yaml",
        "/cds/../content/site.yaml",
        "/cds/%2e%2e/%2e%2e/bi-mat.txt",
        "/cds/..%2f..%2fbi-mat.txt",
        "/cds/%2E%2E%5Cbi-mat.txt",
        "/bi-mat.txt",
        "/cds/bi-mat.txt",
        "//etc/passwd",
        "/cds//etc/passwd",
        "/cds/content/site.yaml",
        "http://127.0.0.1/../content/site.yaml",
    ] {
        let r = server.get(target);
        assert!(
            r.status == 403 || r.status == 404,
            "{target}: status {}",
            r.status
        );
        let body = r.text();
        assert!(
            !body.contains("TOP-SECRET")
                && !body.contains("base_url:")
                && !body.contains("[package]"),
            "{target} leaked a file"
        );
    }

    // Malformed and unsupported requests get an answer, and the server stays up.
    let r = raw(p, "GARBAGE\r\n\r\n").expect("answer");
    assert_eq!(r.status, 400);
    let r = raw(p, "GET /cds/%zz HTTP/1.1\r\n\r\n").expect("answer");
    assert_eq!(r.status, 400);
    let r = raw(p, "POST /cds/ HTTP/1.1\r\nContent-Length: 0\r\n\r\n").expect("answer");
    assert_eq!(r.status, 405);
    let r = raw(p, "HEAD /cds/ HTTP/1.1\r\n\r\n").expect("answer");
    assert_eq!(r.status, 200);
    assert!(r.body.is_empty());
    let long = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(40_000));
    if let Ok(r) = raw(p, &long) {
        assert_eq!(r.status, 431);
    }
    assert_eq!(server.get("/cds/").status, 200);
    assert!(
        !site.root().join("output").exists(),
        "serve writes nothing to disk"
    );
}

#[test]
fn rebuilds_on_change_reloads_and_shows_errors_until_fixed() {
    let site = SiteTest::fixture("minimal");
    let server = Server::start(&site);
    let events = server.events();
    let hello = wait_event(&events, "hello", &server);
    assert_eq!(hello["ok"], true);

    // An edit is served after a reload event.
    site.edit(
        "content/pages/gioi-thieu.vi.md",
        "Trang giới thiệu.",
        "Trang giới thiệu, bản sửa.",
    );
    let ev = wait_event(&events, "reload", &server);
    assert_eq!(ev["ok"], true);
    let page = server.get("/cds/gioi-thieu/").text();
    assert!(page.contains("Trang giới thiệu, bản sửa."), "{page}");
    assert!(!page.contains("id=\"__tiendo-overlay\""));

    // A typo in the front matter: the last good page stays, with the error overlaid.
    site.write(
        "content/pages/gioi-thieu.vi.md",
        "---\ntitel: \"Giới thiệu\"\n---\nHỏng.\n",
    );
    let ev = wait_event(&events, "errors", &server);
    assert_eq!(ev["ok"], false);
    let overlay = ev["overlay"].as_str().expect("overlay");
    assert!(
        overlay.contains("content/pages/gioi-thieu.vi.md:2:1"),
        "{overlay}"
    );
    assert!(overlay.contains("unknown key `titel`"));
    assert!(overlay.contains("did you mean `title`?"));
    let state = server.state();
    assert_eq!(state["ok"], false);
    assert_eq!(state["messages"][0]["line"], 2);
    let r = server.get("/cds/gioi-thieu/");
    assert_eq!(r.status, 200);
    let page = r.text();
    assert!(
        page.contains("Trang giới thiệu, bản sửa."),
        "the last good site is served"
    );
    assert!(page.contains("id=\"__tiendo-overlay\""));
    assert!(page.contains("unknown key `titel`"));
    assert!(server.log().contains("error: unknown key `titel`"));

    // Whatever the message holds, the overlay shows it as text.
    site.write(
        "content/pages/gioi-thieu.vi.md",
        "---\ntitle: \"Giới thiệu\"\n\"<b>x</b>\": 1\n---\nHỏng.\n",
    );
    let ev = wait_event(&events, "errors", &server);
    let overlay = ev["overlay"].as_str().expect("overlay");
    assert!(
        overlay.contains("unknown key `&lt;b&gt;x&lt;/b&gt;`"),
        "{overlay}"
    );
    assert!(!overlay.contains("<b>x</b>"), "{overlay}");
    assert!(server
        .get("/cds/gioi-thieu/")
        .text()
        .contains("&lt;b&gt;x&lt;/b&gt;"));

    // Fixing the file clears it.
    site.write(
        "content/pages/gioi-thieu.vi.md",
        "---\ntitle: \"Giới thiệu\"\n---\nĐã sửa lỗi.\n",
    );
    let ev = wait_event(&events, "reload", &server);
    assert_eq!(ev["ok"], true);
    assert_eq!(ev["overlay"], "");
    let page = server.get("/cds/gioi-thieu/").text();
    assert!(page.contains("Đã sửa lỗi."));
    assert!(!page.contains("id=\"__tiendo-overlay\""));
    assert_eq!(server.state()["ok"], true);
}

#[test]
fn serves_a_root_site_and_reports_a_busy_port() {
    let site = SiteTest::fixture("minimal");
    site.edit(
        "content/site.yaml",
        "base_url: \"https://example.gov.vn/cds/\"",
        "base_url: \"https://example.gov.vn/\"",
    );
    let server = Server::start(&site);
    let r = server.get("/");
    assert_eq!(r.status, 200);
    assert!(r
        .text()
        .contains(&format!("href=\"http://127.0.0.1:{}/\"", server.port)));
    assert_eq!(server.get("/en/").status, 200);
    assert_eq!(server.get("/cds/").status, 404);

    // A second server on the same port stops at once, saying why.
    let out = Command::new(env!("CARGO_BIN_EXE_tiendo"))
        .args(["serve", "--port", &server.port.to_string()])
        .current_dir(site.root())
        .env("NO_COLOR", "1")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("error: cannot listen on 127.0.0.1:"), "{err}");
    assert!(
        err.contains("= help: another program uses this port"),
        "{err}"
    );
    assert!(err.contains("--port"), "{err}");
}

#[test]
fn a_missing_site_folder_stops_serve_with_a_hint() {
    let site = SiteTest::fixture("minimal");
    std::fs::create_dir_all(site.root().join("empty")).expect("mkdir");
    for (root, message) in [
        ("nowhere", "error: cannot read the site's folder"),
        ("empty", "error: no `content/` folder in `empty`"),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_tiendo"))
            .args(["serve", "--port", "0", "--root", root])
            .current_dir(site.root())
            .env("NO_COLOR", "1")
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2), "{root}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(message), "{err}");
        assert!(
            err.contains("= help: run tiendo in the folder that holds `content/`"),
            "{err}"
        );
    }
}

#[test]
fn ignored_files_trigger_no_rebuild() {
    let site = SiteTest::fixture("minimal");
    let server = Server::start(&site);
    let events = server.events();
    wait_event(&events, "hello", &server);
    // The files that `build` skips (load::is_ignored) are no change to serve either.
    site.write("content/Thumbs.db", b"\x00thumbnail cache");
    site.write("content/news/.ghi-chu.vi.md.swp", b"swap");
    site.write("content/pages/gioi-thieu.vi.md~", b"backup");
    std::thread::sleep(Duration::from_millis(600));
    site.edit(
        "content/pages/gioi-thieu.vi.md",
        "Trang giới thiệu.",
        "Trang giới thiệu, bản sửa.",
    );
    wait_event(&events, "reload", &server);
    let log = server.log();
    assert!(
        log.contains("changed: content/pages/gioi-thieu.vi.md"),
        "{log}"
    );
    for ignored in ["Thumbs.db", ".swp", ".vi.md~"] {
        assert!(!log.contains(ignored), "{ignored} made a rebuild:\n{log}");
    }
    assert_eq!(server.state()["ok"], true);
}

#[test]
fn answers_while_200_idle_connections_are_open() {
    let site = SiteTest::fixture("minimal");
    let server = Server::start(&site);
    // 200 connections that send nothing, or half a request line, or one request and then stay
    // open: none of them may hold up a new request.
    let mut idle = Vec::new();
    for i in 0..200 {
        let mut s = TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
        match i % 3 {
            0 => {}
            1 => s.write_all(b"GET /cds/ HT").expect("write"),
            _ => {
                s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
                s.write_all(b"GET /cds/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    .expect("write");
                let r = read_response(&mut s, false).expect("a kept-alive answer");
                assert_eq!(r.status, 200);
            }
        }
        idle.push(s);
    }
    let events = server.events();
    wait_event(&events, "hello", &server);
    // `get` waits up to 5 s for the answer; it comes at once (a few ms), but the machine may be
    // busy with other builds, so the bound is generous.
    let r = server.get("/cds/nam/2023/");
    assert_eq!(r.status, 200);
    drop(idle);
}

#[test]
fn fuzz_seeds_and_regressions_of_route_replay_cleanly() {
    let fuzz = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz");
    let mut count = 0;
    for dir in ["seeds", "regressions"] {
        let Ok(entries) = std::fs::read_dir(fuzz.join(dir).join("route")) else {
            continue;
        };
        let mut paths: Vec<_> = entries.map(|e| e.expect("entry").path()).collect();
        paths.sort();
        for p in paths {
            tiendo::serve::fuzz_route(&std::fs::read(&p).expect("read"));
            count += 1;
        }
    }
    assert!(count >= 20, "only {count} fuzz inputs found");
}

// ---------------------------------------------------------------------------------------------
// Nothing stale (issue 15, class 5): what serve shows is what a build would write.

/// Waits until `path` answers `status` (a rebuild may take a moment after its event).
fn wait_status(server: &Server, path: &str, status: u16) -> Resp {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let r = server.get(path);
        if r.status == status || Instant::now() > deadline {
            assert_eq!(r.status, status, "{path}; server log:\n{}", server.log());
            return r;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn stale_renamed_tag_page_and_feed_are_gone() {
    let site = SiteTest::fixture("minimal");
    let server = Server::start(&site);
    let events = server.events();
    wait_event(&events, "hello", &server);
    assert_eq!(server.get("/cds/the/tong-ket/").status, 200);
    assert_eq!(server.get("/cds/the/tong-ket/atom.xml").status, 200);
    site.edit(
        "content/news/tong-ket.vi.md",
        "tags: [chuyển đổi số, tổng kết]",
        "tags: [chuyển đổi số, tổng kết năm]",
    );
    wait_event(&events, "reload", &server);
    wait_status(&server, "/cds/the/tong-ket-nam/", 200);
    assert_eq!(server.get("/cds/the/tong-ket/").status, 404);
    assert_eq!(server.get("/cds/the/tong-ket/atom.xml").status, 404);
    let sitemap = server.get("/cds/sitemap.xml").text();
    assert!(sitemap.contains("/cds/the/tong-ket-nam/"), "{sitemap}");
    assert!(!sitemap.contains("/cds/the/tong-ket/<"), "{sitemap}");
    // Still an incremental rebuild (only the pages that show the article), not a full one;
    // its line is written just after the reload event.
    let incremental = |l: &str| {
        l.starts_with("rebuilt ") && l.contains(" pages in memory in ") && !l.contains("charts")
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    while !server.log().lines().any(incremental) {
        assert!(Instant::now() < deadline, "{}", server.log());
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn stale_sitemap_follows_an_article_taken_out_of_draft() {
    let site = SiteTest::fixture("minimal");
    let server = Server::start(&site);
    let events = server.events();
    wait_event(&events, "hello", &server);
    let sitemap = server.get("/cds/sitemap.xml").text();
    assert!(!sitemap.contains("tin-tuc/nhap/"), "{sitemap}");
    site.edit("content/news/nhap.vi.md", "draft: true\n", "");
    wait_event(&events, "reload", &server);
    wait_status(&server, "/cds/tin-tuc/nhap/", 200);
    let sitemap = server.get("/cds/sitemap.xml").text();
    assert!(sitemap.contains("/cds/tin-tuc/nhap/</loc>"), "{sitemap}");
    // And back into draft: gone from the site and the sitemap.
    site.edit("content/news/nhap.vi.md", "date:", "draft: true\ndate:");
    wait_event(&events, "reload", &server);
    wait_status(&server, "/cds/tin-tuc/nhap/", 404);
    let sitemap = server.get("/cds/sitemap.xml").text();
    assert!(!sitemap.contains("tin-tuc/nhap/"), "{sitemap}");
}

#[test]
fn stale_content_folder_replaced_by_a_copy_still_rebuilds() {
    let site = SiteTest::fixture("minimal");
    let server = Server::start(&site);
    let events = server.events();
    wait_event(&events, "hello", &server);
    let root = site.root();
    std::fs::rename(root.join("content"), root.join("content.old")).expect("mv");
    let copied = Command::new("cp")
        .args(["-r", "content.old", "content"])
        .current_dir(root)
        .status()
        .expect("cp");
    assert!(copied.success());
    // The copy is rebuilt in full, and serves what it served before (so no reload).
    let deadline = Instant::now() + Duration::from_secs(30);
    while !server.log().contains("rebuilt in") && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(
        server.log().contains("changed: content"),
        "{}",
        server.log()
    );
    // The copy is watched: an edit in it is served.
    site.edit(
        "content/pages/gioi-thieu.vi.md",
        "Trang giới thiệu.",
        "Trang giới thiệu, trong bản sao.",
    );
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let page = server.get("/cds/gioi-thieu/").text();
        if page.contains("trong bản sao") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the copy's edit was never served; log:\n{}",
            server.log()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}
