"""RSS and Atom feeds (feedparser): one item per entry, with its link, title, date and text.

Safety: the bytes go to feedparser as a stream, so it never takes them for an address to
fetch; it turns off external entities itself, and before it sees anything defusedxml
refuses a document that declares entities or a DTD subset (billion laughs, XXE).
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any
from xml.etree.ElementTree import ParseError

import feedparser
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as defused_fromstring

log = logging.getLogger(__name__)

_FEED_ROOT = re.compile(rb"<(?:[\w-]+:)?(?:rss|feed|RDF)\b")


class NotAFeed(ValueError):
    """The bytes are not an RSS or Atom feed (or are refused as unsafe XML)."""


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One entry: its text is the content when given, else the summary (HTML or plain)."""

    index: int  # 1-based position in the feed
    link: str
    title: str
    author: str
    body: str  # as the feed gives it; ``is_html`` says how to read it
    is_html: bool
    published: date | None
    published_evidence: str


def looks_like_feed(data: bytes) -> bool:
    """True when the first kilobyte opens an <rss>, Atom <feed> or RSS 1.0 <rdf:RDF> root."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<") and bool(_FEED_ROOT.search(head))


def _guard(data: bytes) -> None:
    """Refuse entity declarations and DTD subsets; malformed XML is left to feedparser."""
    try:
        defused_fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise NotAFeed(f"the feed declares XML entities or a DTD ({type(exc).__name__})") from None
    except ParseError:
        if b"<!ENTITY" in data:
            raise NotAFeed("the feed declares XML entities and is not well-formed") from None


def _date(entry: Any) -> tuple[date | None, str]:
    for key, label in (("published", "published"), ("updated", "updated"), ("created", "created")):
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            try:
                return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday), (
                    f"feed entry <{label}> {entry.get(key, '')}".strip()
                )
            except ValueError:
                continue
    return None, ""


def _body(entry: Any) -> tuple[str, bool]:
    for part in entry.get("content") or ():
        value = part.get("value") or ""
        if value.strip():
            return value, "html" in (part.get("type") or "")
    detail = entry.get("summary_detail") or {}
    value = entry.get("summary") or ""
    return value, "html" in (detail.get("type") or "text/html")


def read_feed(data: bytes) -> Iterator[FeedEntry]:
    """The entries of an RSS/Atom document; NotAFeed when it is not one."""
    _guard(data)
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=False)
    version = parsed.get("version") or ""
    if not version and not parsed.entries:
        reason = parsed.get("bozo_exception")
        raise NotAFeed(
            f"not an RSS or Atom feed ({reason})" if reason else "not an RSS or Atom feed"
        )
    if parsed.get("bozo"):
        log.debug("feed parsed leniently: %s", parsed.get("bozo_exception"))
    for i, entry in enumerate(parsed.entries, start=1):
        body, is_html = _body(entry)
        published, evidence = _date(entry)
        yield FeedEntry(
            index=i,
            link=str(entry.get("link") or ""),
            title=" ".join(str(entry.get("title") or "").split()),
            author=" ".join(str(entry.get("author") or "").split()),
            body=body,
            is_html=is_html,
            published=published,
            published_evidence=evidence,
        )
