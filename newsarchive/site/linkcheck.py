"""Check a built site the way a browser opening it from ``file://`` would.

Every ``href``/``src`` (and CSS ``url()``) that points inside the site must name an existing
FILE: a folder is a failure (``file://`` shows no ``index.html`` for it), so is a root-relative
``/x`` link or a path that climbs out of the site. Anything that makes the browser *request*
another site (scripts, styles, images, icons, and canonical/alternate links unless allowed) is a
failure; plain ``<a href="https://...">`` links (the original article) are only listed.

For the hosted build (absolute URLs), pass ``site_url``: URLs under it are checked as files of the
site; everything else absolute is treated as above.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

NAVIGATION_RELS = {"canonical", "alternate", "author", "license", "help", "next", "prev",
                   "search", "bookmark", "external", "nofollow", "noopener", "noreferrer"}
CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)")


@dataclass(frozen=True)
class Link:
    page: str
    tag: str
    attr: str
    url: str
    rel: str = ""


@dataclass
class Report:
    pages: int = 0
    links: int = 0
    broken: list[tuple[str, str, str]] = field(default_factory=list)
    external: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.broken

    def summary(self, limit: int = 20) -> str:
        lines = [f"{page}: {url} ({why})" for page, url, why in self.broken[:limit]]
        more = len(self.broken) - limit
        return "\n".join(lines + ([f"... and {more} more"] if more > 0 else []))


class _Collector(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.links: list[Link] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v for k, v in attrs if v is not None}
        for key in ("id", "name"):
            if key in values and (key == "id" or tag == "a"):
                self.ids.add(values[key])
        rel = values.get("rel", "").lower()
        for attr in ("href", "src", "action", "poster", "data"):
            if attr in values:
                self.links.append(Link(self.page, tag, attr, values[attr].strip(), rel))
        if "srcset" in values:
            for part in values["srcset"].split(","):
                url = part.strip().split(" ")[0]
                if url:
                    self.links.append(Link(self.page, tag, "srcset", url, rel))
        if "style" in values:
            for match in CSS_URL.finditer(values["style"]):
                self.links.append(Link(self.page, tag, "style", match.group(2), rel))

    handle_startendtag = handle_starttag


def _is_request(link: Link) -> bool:
    """Would the browser fetch this URL by itself (not on a click)?"""
    if link.tag == "a" or link.attr == "action":
        return False
    if link.tag == "link":
        rels = set(link.rel.split())
        return not rels or not rels <= NAVIGATION_RELS
    return True


def check_url(root: Path, page_dir: Path, link: Link, *, allow_absolute_meta: bool,
              ids: dict[str, set[str]], site_url: str | None = None) -> tuple[str, str] | None:
    """None when fine, else ("broken"|"external", reason)."""
    url = link.url
    if site_url and url.startswith(site_url.rstrip("/") + "/"):
        url, page_dir = url[len(site_url.rstrip("/")) + 1 :], root
    if not url:
        return ("broken", "empty URL") if link.attr != "action" else None
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if url.startswith("//") or scheme in ("http", "https", "ftp"):
        if link.tag == "link" and allow_absolute_meta and set(link.rel.split()) & {
            "canonical", "alternate"
        }:
            return None
        if _is_request(link) or link.tag == "link":
            return ("broken", "request to another site")
        return ("external", "link to another site")
    if scheme in ("mailto", "tel"):
        return None
    if scheme == "data":
        return None if link.tag != "a" else ("broken", "data: link")
    if scheme:
        return ("broken", f"{scheme}: URL")
    if parts.path.startswith("/"):
        return ("broken", "root-relative path does not work from file://")
    if not parts.path:
        if parts.fragment and parts.fragment not in ids.get(link.page, set()):
            return ("broken", f"no element with id {parts.fragment!r} on the page")
        return None
    target = (page_dir / unquote(parts.path)).resolve()
    if not target.is_relative_to(root):
        return ("broken", "points outside the site")
    if target.is_dir():
        return ("broken", "points to a folder, not a file")
    if not target.is_file():
        return ("broken", "no such file")
    rel = target.relative_to(root).as_posix()
    if parts.fragment and rel in ids and parts.fragment not in ids[rel]:
        return ("broken", f"no element with id {parts.fragment!r} in {rel}")
    return None


def check_site(output: str | os.PathLike[str], *, allow_absolute_meta: bool = False,
               site_url: str | None = None) -> Report:
    """Check every HTML and CSS file under ``output``."""
    root = Path(output).resolve()
    report = Report()
    links: list[tuple[Path, Link]] = []
    ids: dict[str, set[str]] = {}
    for path in sorted(root.rglob("*.html")):
        rel = path.relative_to(root).as_posix()
        collector = _Collector(rel)
        collector.feed(path.read_text(encoding="utf-8", errors="replace"))
        ids[rel] = collector.ids
        links.extend((path.parent, link) for link in collector.links)
        report.pages += 1
    for path in sorted(root.rglob("*.css")):
        rel = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in CSS_URL.finditer(text):
            links.append((path.parent, Link(rel, "css", "url", match.group(2))))
    for page_dir, link in links:
        report.links += 1
        problem = check_url(root, page_dir, link, allow_absolute_meta=allow_absolute_meta,
                            ids=ids, site_url=site_url)
        if problem is None:
            continue
        kind, why = problem
        if kind == "external":
            report.external.append((link.page, link.url))
        else:
            report.broken.append((link.page, link.url, why))
    return report
