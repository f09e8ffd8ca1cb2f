"""The main text, title, author and publication date of a web page (trafilatura, htmldate).

trafilatura drops menus, related-story boxes, share bars and comments; htmldate reads the
publication date from the page's markup only (meta tags, JSON-LD, ``<time>``, the URL),
never from the free text and never the date of the run. The tag a date was read from is
quoted as its evidence when it can be found.

lxml parses the page as HTML: no DTD is loaded, no entity is expanded and nothing is fetched.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import trafilatura
from lxml.html import HtmlElement
from trafilatura.core import bare_extraction
from trafilatura.utils import load_html

log = logging.getLogger(__name__)
# trafilatura warns ("discarding data: None") about a page it cannot use; the page is
# reported once, as ArticleError naming the file, so its own line would only come first
for _name in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_name).setLevel(logging.ERROR)

# htmldate: markup only (no guessing from the text), the original rather than the update.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
# Furniture removed before asking whether a page has any text outside it.
# Below this many characters, check that the text is not only menus (trafilatura's fallback).
_SHORT = 1000
_FURNITURE = "//script|//style|//noscript|//template|//nav|//header|//footer|//aside|//form"


@dataclass(frozen=True, slots=True)
class HtmlPage:
    """What a page says: its main text (paragraphs apart by a blank line) and metadata."""

    text: str
    title: str = ""
    author: str = ""
    published: date | None = None
    published_evidence: str = ""


class NoMainText(ValueError):
    """The page has no main text (only menus, scripts or an empty body)."""


def _candidates(tree: HtmlElement) -> Iterator[tuple[str, str]]:
    """(value, how to quote it) for every date-bearing tag, to cite the one htmldate chose."""
    for meta in tree.iterfind(".//meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop") or ""
        value = meta.get("content") or ""
        if key and value:
            yield value, f'<meta {key}="{value}">'
    for node in tree.iterfind(".//time"):
        value = node.get("datetime") or ""
        if value:
            yield value, f'<time datetime="{value}">'
    for script in tree.xpath('//script[contains(@type, "ld+json")]'):
        try:
            doc = json.loads(script.text or "")
        except ValueError:
            continue
        todo = [doc]
        while todo:
            node = todo.pop()
            if isinstance(node, dict):
                for key in ("datePublished", "dateCreated"):
                    if isinstance(node.get(key), str):
                        yield node[key], f'JSON-LD {key} "{node[key]}"'
                todo.extend(node.values())
            elif isinstance(node, list):
                todo.extend(node)


def _evidence(day: date, candidates: list[tuple[str, str]], url: str) -> str:
    iso = day.isoformat()
    compact = iso.replace("-", "")
    for value, quoted in candidates:
        if value.strip().startswith((iso, compact)):
            return quoted
    if url and (iso in url or iso.replace("-", "/") in url):
        return f"the page address {url}"
    return "page metadata (htmldate)"


def _has_text_outside_furniture(tree: HtmlElement) -> bool:
    body = tree.find(".//body")
    root = body if body is not None else tree
    for node in root.xpath(_FURNITURE):
        parent = node.getparent()
        if parent is not None:
            parent.remove(node)
    return bool(" ".join(root.itertext()).split())


def _paragraphs(text: str) -> str:
    """trafilatura's one-line-per-block text with a blank line between blocks."""
    blocks = [" ".join(b.split()) for b in text.split("\n")]
    return "\n\n".join(b for b in blocks if b)


def read_html(source: str, text: str, *, url: str = "") -> HtmlPage:
    """The page's main text and metadata; NoMainText when only furniture is left."""
    tree = load_html(text)
    if tree is None:
        raise NoMainText("it cannot be parsed as HTML")
    candidates = list(_candidates(tree))
    doc = bare_extraction(
        tree,
        url=url or None,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        deduplicate=False,
        date_extraction_params=_DATE_PARAMS,
    )
    body = _paragraphs(getattr(doc, "text", None) or "")
    if body and len(body) < _SHORT and not _has_text_outside_furniture(load_html(text)):
        # trafilatura's fallback returns the menu of a page that holds nothing else
        body = ""
    if not body:
        raise NoMainText("only menus, scripts or an empty body")
    published = None
    evidence = ""
    raw_date = getattr(doc, "date", None) or ""
    if m := re.match(r"(\d{4})-(\d{2})-(\d{2})", raw_date):
        try:
            published = date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            published = None
    if published is not None:
        evidence = _evidence(published, candidates, url)
    log.debug("%s: %d characters of main text (trafilatura %s)", source, len(body), _VERSION)
    return HtmlPage(
        text=body,
        title=" ".join((getattr(doc, "title", None) or "").split()),
        author=" ".join((getattr(doc, "author", None) or "").split()),
        published=published,
        published_evidence=evidence,
    )


_VERSION = getattr(trafilatura, "__version__", "?")


def html_fragment_text(fragment: str) -> str:
    """The text of a short HTML fragment (a feed entry's content), one paragraph per block."""
    text = trafilatura.html2txt(f"<html><body>{fragment}</body></html>") or ""
    return _paragraphs(text)
