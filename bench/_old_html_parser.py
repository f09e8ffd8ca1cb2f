"""The hand-written HTML parser travelban used before trafilatura (kept as a baseline).

``bench/eval_html.py`` measures it beside trafilatura on a public main-text benchmark.
It is the code that ``travelban.ingest`` held until issue 12, unchanged but for the
imports; nothing in ``src/`` uses it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser

from travelban.extract.dates import parse_calendar_date


def parse_machine_date(value: str) -> date | None:
    """A date from an ISO 8601, RFC 2822 or compact (YYYYMMDD) time stamp, else None."""
    value = value.strip()
    if not value:
        return None
    iso = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    if iso:
        try:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError:
            return None
    compact = re.fullmatch(r"(\d{4})(\d{2})(\d{2})(?:T?\d{4,6}Z?)?", value)
    if compact:
        try:
            return date(int(compact[1]), int(compact[2]), int(compact[3]))
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        return parse_calendar_date(value)


_SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "nav",
        "footer",
        "aside",
        "form",
        "button",
        "select",
        "iframe",
        "object",
        "canvas",
        "head",
    }
)
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "tr",
        "table",
        "blockquote",
        "figure",
        "figcaption",
        "pre",
        "address",
        "hr",
        "br",
        "time",
        "title",
    }
)
_VOID_TAGS = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
# class/id words that mark page furniture rather than the story
_BOILERPLATE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|footer|sidebar|breadcrumbs?|cookies?|consent|"
    r"subscribe|newsletter|share|sharing|social|related|recommended|comments?|advert|ads|ad|"
    r"promo|banner|paywall|masthead|skip-link|site-header|most-read|trending|tags)(?:$|[\s_-])",
    re.I,
)
# meta names/properties that carry a publication date, best first
_DATE_METAS = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "date.published",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "sailthru.date",
    "parsely-pub-date",
    "dc.date.issued",
    "dcterms.issued",
    "dcterms.created",
    "dc.date",
    "article.published",
    "date",
    "og:published_time",
    "article:modified_time",
    "dateModified",
)


class _PageParser(HTMLParser):
    """Collects the visible story text, the title candidates and date metadata."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.skip_depth: int | None = None  # stack depth at which skipping began
        self.chunks: list[str] = []  # all visible text
        self.story: list[str] = []  # text inside <article>/<main>/articleBody
        self.story_depth: int | None = None
        self.story_found = False
        self.title = ""
        self.h1 = ""
        self.in_title = False
        self.in_h1 = False
        self.metas: dict[str, str] = {}
        self.times: list[str] = []  # <time datetime> values, pubdate ones first
        self.jsonld: list[str] = []
        self.in_jsonld = False

    # -- helpers
    def _emit(self, text: str) -> None:
        self.chunks.append(text)
        if self.story_depth is not None:
            self.story.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content"):
                self.metas.setdefault(key, a["content"])
            return
        if tag == "time" and a.get("datetime"):
            if (
                "pubdate" in a
                or "published" in (a.get("itemprop", "") + a.get("class", "")).lower()
            ):
                self.times.insert(0, a["datetime"])
            else:
                self.times.append(a["datetime"])
        if tag == "script" and "ld+json" in a.get("type", "").lower():
            self.in_jsonld = True
        if tag in _VOID_TAGS:
            if tag in ("br", "hr") and self.skip_depth is None:
                self._emit("\n")
            return
        self.stack.append(tag)
        if tag == "title":
            self.in_title = True
        if tag == "h1":
            self.in_h1 = True
        if self.skip_depth is None:
            marker = f"{a.get('class', '')} {a.get('id', '')} {a.get('role', '')}"
            if tag in _SKIP_TAGS or (
                tag not in ("body", "html", "article", "main") and _BOILERPLATE.search(marker)
            ):
                self.skip_depth = len(self.stack)
            elif tag == "header" and self.story_depth is None:
                # a page header outside the story is furniture; the story's own header is kept
                self.skip_depth = len(self.stack)
        if (
            self.story_depth is None
            and not self.story_found
            and (tag in ("article", "main") or "articlebody" in a.get("itemprop", "").lower())
        ):
            self.story_depth = len(self.stack)
            self.story_found = True
        if tag in _BLOCK_TAGS and self.skip_depth is None:
            self._emit("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_jsonld = False
        if tag in _VOID_TAGS or tag not in self.stack:
            return
        while self.stack:
            top = self.stack.pop()
            depth = len(self.stack) + 1
            if self.skip_depth is not None and depth <= self.skip_depth:
                self.skip_depth = None
            if self.story_depth is not None and depth <= self.story_depth:
                self.story_depth = None
            if top == "title":
                self.in_title = False
            if top == "h1":
                self.in_h1 = False
            if top == tag:
                break
        if tag in _BLOCK_TAGS and self.skip_depth is None:
            self._emit("\n\n")

    def handle_data(self, data: str) -> None:
        if self.in_jsonld:
            self.jsonld.append(data)
            return
        if self.in_title:
            self.title += data
            return
        if self.skip_depth is not None:
            return
        if self.in_h1:
            self.h1 += data
        self._emit(data)


def _clean_block_text(raw: str) -> str:
    """Collapse HTML whitespace: spaces within paragraphs, blank line between blocks."""
    paras = []
    for block in re.split(r"\n\s*\n", raw):
        line = re.sub(r"[ \t\r\f\v\u00a0]+", " ", block.replace("\n", " ")).strip()
        if line:
            paras.append(line)
    return "\n\n".join(paras)


def _jsonld_dates(blobs: list[str]) -> Iterator[str]:
    """datePublished values found in JSON-LD blocks (any nesting)."""
    for blob in blobs:
        try:
            doc = json.loads(blob)
        except ValueError:
            continue
        todo = [doc]
        while todo:
            node = todo.pop()
            if isinstance(node, dict):
                for key in ("datePublished", "dateCreated"):
                    if isinstance(node.get(key), str):
                        yield node[key]
                todo.extend(node.values())
            elif isinstance(node, list):
                todo.extend(node)


def _html_published(p: _PageParser) -> tuple[date, str] | None:
    metas = {k.lower(): v for k, v in p.metas.items()}
    for key in _DATE_METAS:
        value = metas.get(key.lower())
        if value and (d := parse_machine_date(value)):
            return d, f'<meta {key}="{value}">'
    for value in _jsonld_dates(p.jsonld):
        if d := parse_machine_date(value):
            return d, f'JSON-LD datePublished "{value}"'
    for value in p.times:
        if d := parse_machine_date(value):
            return d, f'<time datetime="{value}">'
    return None


def parse_html(source: str, text: str) -> tuple[str, str, tuple[date, str] | None]:
    """(body text, title, (date, evidence) from metadata) of an HTML page."""
    parser = _PageParser()
    try:
        parser.feed(text)
        parser.close()
    except (AssertionError, ValueError) as exc:  # html.parser gives up on very broken markup
        raise ValueError(f"{source}: cannot parse the HTML ({exc})") from exc
    story = _clean_block_text("".join(parser.story))
    body = story if len(story) >= 200 or (story and not parser.chunks) else ""
    if not body:
        body = _clean_block_text("".join(parser.chunks))
    metas = {k.lower(): v for k, v in parser.metas.items()}
    title = " ".join(
        (parser.h1 or metas.get("og:title") or metas.get("twitter:title") or parser.title).split()
    )
    return body, title, _html_published(parser)
