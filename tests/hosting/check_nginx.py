#!/usr/bin/env python3
"""Fetches every file of a built tiendo site from nginx and checks what a reader and a cache
see: status 200 and the exact bytes for every file (pages by their folder address), the
language's 404 page with status 404, redirects to the slash form, cache lifetimes (a year for
fingerprinted assets, revalidation for the rest, 304 for an unchanged file), content types.

Usage: check_nginx.py OUTPUT_DIR BASE_URL   (BASE_URL like http://127.0.0.1:8080/cds/)
"""
import http.client
import os
import re
import sys
import urllib.parse

out_dir, base = sys.argv[1], sys.argv[2]
parts = urllib.parse.urlsplit(base)
conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
problems = []


def get(path, headers=None):
    """GET `path` (under the base path), keeping the connection alive."""
    conn.request("GET", urllib.parse.quote(parts.path + path), headers=headers or {})
    r = conn.getresponse()
    return r.status, dict((k.lower(), v) for k, v in r.getheaders()), r.read()


def expect(cond, what):
    if not cond:
        problems.append(what)


FINGERPRINT = re.compile(r"^assets/.+\.[0-9a-f]{10}\.(css|js)$")
TYPES = {".html": "text/html", ".css": "text/css", ".js": "application/javascript",
         ".svg": "image/svg+xml", ".json": "application/json", ".png": "image/png",
         ".xml": "text/xml"}
files = 0
for folder, _, names in os.walk(out_dir):
    for name in sorted(names):
        full = os.path.join(folder, name)
        rel = os.path.relpath(full, out_dir).replace(os.sep, "/")
        with open(full, "rb") as f:
            body = f.read()
        url = rel[: -len("index.html")] if name == "index.html" else rel
        status, headers, got = get(url)
        files += 1
        expect(status == 200, f"{url}: status {status}, expected 200")
        expect(got == body, f"{url}: the bytes served differ from the file")
        cache = headers.get("cache-control", "")
        if FINGERPRINT.match(rel):
            expect("immutable" in cache and "max-age=31536000" in cache, f"{url}: Cache-Control {cache!r}")
        else:
            expect(cache == "no-cache", f"{url}: Cache-Control {cache!r}, expected no-cache")
        ext = os.path.splitext(name)[1]
        if ext in TYPES:
            ctype = headers.get("content-type", "")
            expect(ctype.startswith(TYPES[ext]), f"{url}: Content-Type {ctype!r}")
            if ext in (".html", ".css", ".json", ".svg"):
                expect("charset=utf-8" in ctype, f"{url}: no charset in {ctype!r}")

# A missing page: the language's 404 page, with status 404.
for missing, page in [("khong-co-trang-nay/", "404.html"), ("nam/1999/", "404.html"),
                      ("en/no-such-page/", "en/404.html"), ("en/years/1999/data.json", "en/404.html")]:
    status, _, got = get(missing)
    with open(os.path.join(out_dir, page), "rb") as f:
        expected = f.read()
    expect(status == 404, f"{missing}: status {status}, expected 404")
    expect(got == expected, f"{missing}: not the {page} page")

# The slash form, with a relative Location (the host and port the browser used).
status, headers, _ = get("nam/2023")
expect(status == 301 and headers.get("location") == parts.path + "nam/2023/",
       f"nam/2023: {status} to {headers.get('location')!r}, expected 301 to {parts.path}nam/2023/")

# An unchanged file is not sent again.
status, headers, _ = get("")
status, _, _ = get("", {"If-Modified-Since": headers.get("last-modified", "")})
expect(status == 304, f"home page with If-Modified-Since: status {status}, expected 304")

conn.close()
for p in problems[:40]:
    print("FAIL", p)
print(f"nginx: fetched {files} files under {parts.path}: {len(problems)} problems")
sys.exit(1 if problems else 0)
