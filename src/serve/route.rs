//! Answers a request from the in-memory site: method and request target in, status, headers
//! and body out. Pure, so it can be tested (and fuzzed) without a socket.
//!
//! The target is decoded (strictly: a malformed `%` escape is a 400) and normalised; `..`
//! segments, also encoded or behind an encoded slash, backslashes and NUL bytes are a 403, so
//! no request leaves the site. A folder is served by its `index.html` (never listed), a folder
//! without its slash is redirected to it, and anything else gets the 404 page of the path's
//! language with status 404.

use super::overlay::{inject, page_extras, state_json};
use super::{SiteFiles, Status, RESERVED_PREFIX};
use crate::urls::{percent_decode, percent_encode_path};

/// An answer to a request.
#[derive(Debug)]
pub(super) struct Response {
    pub(super) status: u16,
    /// Header names and values; every value is visible ASCII.
    pub(super) headers: Vec<(&'static str, String)>,
    pub(super) body: Vec<u8>,
}

impl Response {
    pub(super) fn text(status: u16, body: &str) -> Response {
        Response {
            status,
            headers: vec![("Content-Type", "text/plain; charset=utf-8".into())],
            body: body.as_bytes().to_vec(),
        }
    }

    fn redirect(status: u16, location: String) -> Response {
        let body = format!("moved to {location}");
        let mut r = Response::text(status, &body);
        r.headers.push(("Location", location));
        r
    }
}

/// What a request asks for.
#[derive(Debug)]
pub(super) enum Routed {
    /// A plain response.
    Response(Response),
    /// The stream of build events (`/__tiendo/events`).
    Events,
}

/// Answers `method target` from `site`, whose latest build is `status`.
pub(super) fn route(site: &SiteFiles, status: &Status, method: &str, target: &str) -> Routed {
    if method != "GET" && method != "HEAD" {
        let mut r = Response::text(405, "only GET and HEAD are served");
        r.headers.push(("Allow", "GET, HEAD".into()));
        return Routed::Response(r);
    }
    let path = match clean_path(target) {
        Ok(p) => p,
        Err(400) => return Routed::Response(Response::text(400, "bad request")),
        Err(code) => return Routed::Response(Response::text(code, "forbidden")),
    };
    if path.segments.first().map(String::as_str) == Some(RESERVED_PREFIX) {
        return match path.segments.get(1).map(String::as_str) {
            Some("events") if path.segments.len() == 2 => Routed::Events,
            Some("state") if path.segments.len() == 2 => Routed::Response(Response {
                status: 200,
                headers: vec![("Content-Type", "application/json".into())],
                body: state_json(status).into_bytes(),
            }),
            _ => Routed::Response(Response::text(404, "not found")),
        };
    }
    Routed::Response(site_response(site, status, &path))
}

/// The MIME type of a file, by its extension.
pub fn mime_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

/// A request path, decoded and split: its segments (no empty ones) and whether it ends in `/`.
#[derive(Debug, PartialEq, Eq)]
struct CleanPath {
    segments: Vec<String>,
    trailing_slash: bool,
    /// The query, kept for redirects only when it is visible ASCII.
    query: Option<String>,
}

/// Decodes and normalises a request target, refusing anything that could leave the site:
/// `..` segments (also encoded, also behind an encoded slash), backslashes and NUL bytes are a
/// 403; a malformed escape is a 400; a path that is not UTF-8 once decoded is a 404.
fn clean_path(target: &str) -> Result<CleanPath, u16> {
    let mut t = target;
    // The absolute form (`GET http://host/path`), which HTTP/1.1 servers must accept.
    for scheme in ["http://", "https://"] {
        if let Some(rest) = t.strip_prefix(scheme) {
            t = rest.find('/').and_then(|i| rest.get(i..)).unwrap_or("/");
        }
    }
    if !t.starts_with('/') {
        return Err(400);
    }
    let t = t.split('#').next().unwrap_or_default();
    let (path, query) = match t.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (t, None),
    };
    let decoded = percent_decode(path).ok_or(400u16)?;
    let decoded = String::from_utf8(decoded).map_err(|_| 404u16)?;
    if decoded.contains(['\0', '\\']) {
        return Err(403);
    }
    let mut segments = Vec::new();
    for seg in decoded.split('/') {
        match seg {
            "" | "." => {}
            ".." => return Err(403),
            s => segments.push(s.to_string()),
        }
    }
    Ok(CleanPath {
        trailing_slash: decoded.ends_with('/'),
        segments,
        query: query
            .filter(|q| q.bytes().all(|b| b.is_ascii_graphic()))
            .map(str::to_string),
    })
}

/// The answer for a path of the site (not of the server's own endpoints).
fn site_response(site: &SiteFiles, status: &Status, path: &CleanPath) -> Response {
    let base: Vec<&str> = site
        .base_path
        .split('/')
        .filter(|s| !s.is_empty())
        .collect();
    let query = path
        .query
        .as_ref()
        .map(|q| format!("?{q}"))
        .unwrap_or_default();
    let base_url_path = format!("/{}", site.base_path);
    let rest = match strip_base(&path.segments, &base) {
        Some(rest) => rest,
        // `/` of a site that lives under a sub-path.
        None if path.segments.is_empty() => {
            return Response::redirect(302, percent_encode_path(&base_url_path))
        }
        None => return not_found(site, status, &[]),
    };
    if rest.is_empty() && !path.trailing_slash && !base.is_empty() {
        return Response::redirect(
            301,
            format!("{}{query}", percent_encode_path(&base_url_path)),
        );
    }
    if !site.built {
        return not_built(site, status);
    }
    let rel = rest.join("/");
    let key = if rest.is_empty() {
        "index.html".to_string()
    } else if path.trailing_slash {
        format!("{rel}/index.html")
    } else {
        rel.clone()
    };
    if let Some(bytes) = site.files.get(key.as_str()) {
        return file_response(site, status, &key, bytes, 200);
    }
    if !path.trailing_slash
        && site
            .files
            .contains_key(format!("{rel}/index.html").as_str())
    {
        let location = format!("{base_url_path}{rel}/");
        return Response::redirect(301, format!("{}{query}", percent_encode_path(&location)));
    }
    not_found(site, status, rest)
}

/// The segments after the site's sub-path, or `None` when the path lies outside it.
fn strip_base<'a>(segments: &'a [String], base: &[&str]) -> Option<&'a [String]> {
    let starts_with_base =
        segments.len() >= base.len() && segments.iter().zip(base).all(|(a, b)| a == b);
    if starts_with_base {
        segments.get(base.len()..)
    } else {
        None
    }
}

/// The page served (status 503) until the first build succeeds.
fn not_built(site: &SiteFiles, status: &Status) -> Response {
    let body = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>tiendo: the site has errors</title></head>\
                <body><p>The site could not be built yet.</p></body></html>";
    Response {
        status: 503,
        headers: vec![("Content-Type", mime_type("x.html").into())],
        body: inject(body.as_bytes(), &page_extras(site, status)),
    }
}

fn file_response(
    site: &SiteFiles,
    status: &Status,
    key: &str,
    bytes: &[u8],
    code: u16,
) -> Response {
    let mime = mime_type(key);
    let body = if mime.starts_with("text/html") {
        inject(bytes, &page_extras(site, status))
    } else {
        bytes.to_vec()
    };
    Response {
        status: code,
        headers: vec![("Content-Type", mime.into())],
        body,
    }
}

/// The site's 404 page in the language of the path (`/en/…` → `en/404.html`), status 404.
fn not_found(site: &SiteFiles, status: &Status, rest: &[String]) -> Response {
    let localized = rest
        .first()
        .map(|lang| format!("{lang}/404.html"))
        .filter(|k| site.files.contains_key(k.as_str()));
    let key = localized.unwrap_or_else(|| "404.html".to_string());
    match site.files.get(key.as_str()) {
        Some(bytes) => file_response(site, status, &key, bytes, 404),
        None => Response::text(404, "not found"),
    }
}

// ---------------------------------------------------------------------------------------------
// The fuzz target `route` (tests/FUZZING.md).

/// Answers a request made of `data` (one flag byte, then the request target) from a small site
/// in memory, and panics when an answer breaks a rule that must hold for every input: a known
/// status, header values of visible ASCII (nothing a client could take for a new header), a
/// `Location` that stays on this server, and a 200 only for a file of the site.
///
/// Flag bits: `1`–`2` the method (GET, HEAD, POST, or one made of the target's first bytes),
/// `4`–`8` the site's sub-path (none, `cds/`, `a b/`, `đ/`), `16` a site not yet built,
/// `32` a failed latest build.
#[doc(hidden)]
pub fn fuzz_route(data: &[u8]) {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let target = String::from_utf8_lossy(rest);
    let method = match flags & 3 {
        0 => "GET",
        1 => "HEAD",
        2 => "POST",
        _ => target.get(..3).unwrap_or("PUT"),
    };
    let base_path = ["", "cds/", "a b/", "\u{111}/"][usize::from((flags >> 2) & 3)];
    let site = fuzz_site(base_path, flags & 16 == 0);
    let status = Status {
        generation: 1,
        ok: flags & 32 == 0,
        errors: if flags & 32 == 0 {
            Vec::new()
        } else {
            vec![crate::diag::Diagnostic::error("content/x.md", "<b>broken</b>").at(1, 1)]
        },
        site_token: "t-1".into(),
    };
    match route(&site, &status, method, &target) {
        Routed::Events => {}
        Routed::Response(r) => check_answer(&site, &target, &r),
    }
}

fn fuzz_site(base_path: &str, built: bool) -> SiteFiles {
    let files: [(&str, &[u8]); 6] = [
        ("index.html", b"<html><body>home</body></html>"),
        ("404.html", b"<html><body>404</body></html>"),
        ("en/404.html", b"<html><body>en 404</body></html>"),
        ("nam/2023/index.html", b"<html><body>year</body></html>"),
        ("nam/2023/data.json", b"{}"),
        ("t\u{1ec9}nh/a b.css", b"body{}"),
    ];
    SiteFiles {
        files: files
            .iter()
            .map(|(k, v)| (std::sync::Arc::from(*k), std::sync::Arc::from(*v)))
            .collect(),
        base_path: base_path.into(),
        token: "t-1".into(),
        built,
    }
}

fn check_answer(site: &SiteFiles, target: &str, r: &Response) {
    assert!(
        [200, 301, 302, 400, 403, 404, 405, 503].contains(&r.status),
        "status {} for {target:?}",
        r.status
    );
    for (name, value) in &r.headers {
        assert!(
            value.bytes().all(|b| (0x20..0x7f).contains(&b)),
            "{name}: {value:?} for {target:?}"
        );
        if *name == "Location" {
            assert!(
                value.starts_with('/') && !value.starts_with("//"),
                "Location {value:?} for {target:?}"
            );
        }
    }
    let reserved = clean_path(target)
        .is_ok_and(|p| p.segments.first().map(String::as_str) == Some(RESERVED_PREFIX));
    if r.status == 200 && !reserved {
        let from_site = site.files.values().any(|f| {
            r.body.as_slice() == &f[..] || r.body.starts_with(&f[..f.len().saturating_sub(14)])
        });
        assert!(
            from_site,
            "200 with a body not from the site for {target:?}"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn site(base_path: &str) -> SiteFiles {
        let files = [
            ("index.html", "<html><body>home</body></html>"),
            ("404.html", "<html><body>vi 404</body></html>"),
            ("en/404.html", "<html><body>en 404</body></html>"),
            ("en/index.html", "<html><body>en home</body></html>"),
            ("nam/2023/index.html", "<html><BODY>year</BODY></html>"),
            ("nam/2023/data.json", "{}"),
            ("assets/style.css", "body{}"),
        ];
        SiteFiles {
            files: files
                .iter()
                .map(|(k, v)| (Arc::from(*k), Arc::from(v.as_bytes())))
                .collect(),
            base_path: base_path.into(),
            token: "t-1".into(),
            built: true,
        }
    }

    fn ok_status() -> Status {
        Status {
            generation: 1,
            ok: true,
            errors: Vec::new(),
            site_token: "t-1".into(),
        }
    }

    fn get(site: &SiteFiles, target: &str) -> Response {
        match route(site, &ok_status(), "GET", target) {
            Routed::Response(r) => r,
            Routed::Events => Response::text(0, "events"),
        }
    }

    fn header<'a>(r: &'a Response, name: &str) -> &'a str {
        r.headers
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    #[test]
    fn traversal_is_refused() {
        for t in [
            "/../Cargo.toml",
            "/%2e%2e/content/site.yaml",
            "/%2E%2E/x",
            "/..%2fcontent",
            "/nam/%2e%2e%2f%2e%2e%2fetc/passwd",
            "/a\\..\\b",
            "/%5c..%5cx",
            "/x%00",
        ] {
            assert_eq!(clean_path(t).err(), Some(403), "{t}");
        }
        assert_eq!(clean_path("/%zz").err(), Some(400));
        assert_eq!(clean_path("/%").err(), Some(400));
        assert_eq!(clean_path("/%é").err(), Some(400));
        assert_eq!(clean_path("*").err(), Some(400));
        assert_eq!(clean_path("").err(), Some(400));
        assert_eq!(clean_path("/%ff").err(), Some(404));
    }

    #[test]
    fn paths_are_normalised() {
        let p = clean_path("http://h:1/nam//2023/?x=1#y").unwrap();
        assert_eq!(p.segments, ["nam", "2023"]);
        assert!(p.trailing_slash);
        assert_eq!(p.query.as_deref(), Some("x=1"));
        assert_eq!(clean_path("/").unwrap().segments, Vec::<String>::new());
        assert_eq!(
            clean_path("http://h").unwrap().segments,
            Vec::<String>::new()
        );
    }

    #[test]
    fn only_get_and_head() {
        let s = site("");
        let r = match route(&s, &ok_status(), "POST", "/") {
            Routed::Response(r) => r,
            Routed::Events => panic!("events"),
        };
        assert_eq!((r.status, header(&r, "Allow")), (405, "GET, HEAD"));
        assert!(matches!(
            route(&s, &ok_status(), "GET", "/__tiendo/events"),
            Routed::Events
        ));
        assert_eq!(get(&s, "/__tiendo/state").status, 200);
        assert_eq!(get(&s, "/__tiendo/other").status, 404);
    }

    #[test]
    fn routes_files_folders_and_404s() {
        let s = site("");
        let r = get(&s, "/");
        assert_eq!(r.status, 200);
        assert!(String::from_utf8_lossy(&r.body).contains("home<script>"));
        let r = get(&s, "/nam/2023/");
        assert_eq!(r.status, 200);
        assert!(String::from_utf8_lossy(&r.body).contains("year<script>"));
        let r = get(&s, "/nam/2023");
        assert_eq!((r.status, header(&r, "Location")), (301, "/nam/2023/"));
        let r = get(&s, "/nam/2023/data.json");
        assert_eq!(
            (r.status, header(&r, "Content-Type")),
            (200, "application/json")
        );
        assert_eq!(r.body, b"{}");
        let r = get(&s, "/nam/");
        assert_eq!(r.status, 404, "no directory listing");
        assert!(String::from_utf8_lossy(&r.body).contains("vi 404"));
        let r = get(&s, "/en/nothing/");
        assert_eq!(r.status, 404);
        assert!(String::from_utf8_lossy(&r.body).contains("en 404"));
    }

    #[test]
    fn redirects_keep_only_a_plain_query() {
        let s = site("");
        let r = get(&s, "/nam/2023?a=1&b=%20");
        assert_eq!(header(&r, "Location"), "/nam/2023/?a=1&b=%20");
        let r = get(&s, "/nam/2023?a=\r\nSet-Cookie: x");
        assert_eq!(header(&r, "Location"), "/nam/2023/");
        let r = get(&s, "/nam/2023?é");
        assert_eq!(header(&r, "Location"), "/nam/2023/");
    }

    #[test]
    fn sub_path_sites() {
        let s = site("cds/");
        let r = get(&s, "/");
        assert_eq!((r.status, header(&r, "Location")), (302, "/cds/"));
        let r = get(&s, "/cds");
        assert_eq!((r.status, header(&r, "Location")), (301, "/cds/"));
        assert_eq!(get(&s, "/cds/").status, 200);
        let r = get(&s, "/cds/nam/2023");
        assert_eq!(header(&r, "Location"), "/cds/nam/2023/");
        assert_eq!(get(&s, "/nam/2023/").status, 404);
        assert_eq!(get(&s, "/cds/assets/style.css").status, 200);
    }

    #[test]
    fn mime_types() {
        assert_eq!(mime_type("a/b.HTML"), "text/html; charset=utf-8");
        assert_eq!(mime_type("x.svg"), "image/svg+xml");
        assert_eq!(mime_type("x.woff2"), "font/woff2");
        assert_eq!(mime_type("x"), "application/octet-stream");
    }
}
