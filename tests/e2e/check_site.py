#!/usr/bin/env python3
"""Offline checks of a generated site, with the standard library only:
every internal link and fragment resolves to a file and an id; the Atom feeds and the
sitemap are well-formed XML with the required elements and hreflang alternates.
Usage: check_site.py OUTPUT_DIR BASE_URL  -> exit 1 on any problem."""
import html.parser
import os
import sys
import urllib.parse
import xml.etree.ElementTree as ET

SITE = os.path.abspath(sys.argv[1])
BASE = sys.argv[2] if len(sys.argv) > 2 else ""
BASE_PATH = urllib.parse.urlparse(BASE).path or "/"
problems = []


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.ids.add(a["name"])
        for key in ("href", "src"):
            if key in a and a[key] is not None and not (tag == "link" and a.get("rel") in ("canonical", "alternate") and a[key].startswith("http")):
                self.links.append(a[key])


pages = {}
for dirpath, _, files in os.walk(SITE):
    for f in files:
        if f.endswith(".html"):
            path = os.path.join(dirpath, f)
            p = Page()
            with open(path, encoding="utf-8") as fh:
                p.feed(fh.read())
            pages[path] = p


def resolve(page_path, url):
    parsed = urllib.parse.urlparse(url)
    if parsed.scheme in ("http", "https", "mailto", "tel", "data", "javascript"):
        return None, None
    target = urllib.parse.unquote(parsed.path)
    if target.startswith("/"):
        if not target.startswith(BASE_PATH):
            return "outside base path", None
        target = os.path.join(SITE, target[len(BASE_PATH):])
    elif target == "":
        target = page_path
    else:
        target = os.path.normpath(os.path.join(os.path.dirname(page_path), target))
    if os.path.isdir(target) or url.split("#")[0].endswith("/"):
        target = os.path.join(target, "index.html")
    return target, parsed.fragment


checked = 0
for path, p in sorted(pages.items()):
    if path.endswith("404.html"):
        continue  # its links are absolute paths for any depth; checked by the browser test
    for url in p.links:
        target, frag = resolve(path, url)
        if target is None:
            continue
        checked += 1
        rel = os.path.relpath(path, SITE)
        if target == "outside base path" or not os.path.abspath(target).startswith(SITE):
            problems.append(f"{rel}: link leaves the site: {url}")
        elif not os.path.isfile(target):
            problems.append(f"{rel}: broken link {url}")
        elif frag and target in pages and frag not in pages[target].ids:
            problems.append(f"{rel}: broken anchor {url}")

ATOM = "{http://www.w3.org/2005/Atom}"
feeds = 0
for dirpath, _, files in os.walk(SITE):
    for f in files:
        if f == "atom.xml":
            feeds += 1
            path = os.path.join(dirpath, f)
            root = ET.parse(path).getroot()
            if root.tag != ATOM + "feed":
                problems.append(f"{path}: not an Atom feed")
            for req in ("title", "id", "updated"):
                if root.find(ATOM + req) is None:
                    problems.append(f"{path}: feed lacks <{req}>")
            for e in root.findall(ATOM + "entry"):
                for req in ("title", "id", "updated", "link"):
                    if e.find(ATOM + req) is None:
                        problems.append(f"{path}: entry lacks <{req}>")
sm = os.path.join(SITE, "sitemap.xml")
SMNS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XH = "{http://www.w3.org/1999/xhtml}"
urls = ET.parse(sm).getroot().findall(SMNS + "url")
alternates = sum(len(u.findall(XH + "link")) for u in urls)
for u in urls:
    loc = u.find(SMNS + "loc").text
    if not loc.startswith(BASE):
        problems.append(f"sitemap: {loc} is not under {BASE}")
if alternates == 0:
    problems.append("sitemap: no hreflang alternates")
if feeds < 2:
    problems.append(f"expected a feed per language, found {feeds}")

for p in problems:
    print("FAIL", p)
print(f"{len(pages)} pages, {checked} internal links, {feeds} feeds, {len(urls)} sitemap URLs with {alternates} alternates: "
      f"{len(problems)} problems")
sys.exit(1 if problems else 0)
