"""Read news articles from files, folders or stdin into ``Article`` records.

Formats: plain text (``.txt``), Markdown (``.md``) and HTML (``.html``/``.htm``, or any
file whose first bytes look like HTML). Encodings are detected: a BOM (UTF-8, UTF-16,
UTF-32) wins; then strict UTF-8; then the charset an HTML page declares; then cp1252
and latin-1. Line endings become ``"\\n"``.

The publication date (the reference for "last week", "on Wednesday" ...) comes from,
in order: the caller (``--published``), HTML metadata, a dateline or a time-stamp line
near the top of the text. Caption lines ("Picture taken March 8, 2015", "Photo: ...")
are never read as publication dates, and the date of the run is never used.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import logging
import re
import sys
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO

from travelban.errors import ArticleError
from travelban.extract.dates import parse_calendar_date
from travelban.models import Article, ArticleFailure, DateSource

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # 20 MB: far above any news article
ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")
STDIN = "-"
STDIN_SOURCE = "<stdin>"

# Magic numbers of binary formats people mistake for articles, with the fix to suggest.
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF; convert it to text first (e.g. pdftotext)"),
    (b"PK\x03\x04", "a ZIP/Office document; save it as .txt or .html first"),
    (b"\xd0\xcf\x11\xe0", "an old Office document; save it as .txt or .html first"),
    (b"\x1f\x8b", "gzip-compressed; decompress it first"),
    (b"\x89PNG", "a PNG image, not an article"),
    (b"\xff\xd8\xff", "a JPEG image, not an article"),
    (b"GIF8", "a GIF image, not an article"),
    (b"{\\rtf", "an RTF document; save it as .txt first"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


# ---------------------------------------------------------------- decoding


def _control_share(text: str) -> float:
    """Share of characters that never occur in prose (C0/C1 controls except whitespace)."""
    if not text:
        return 0.0
    bad = sum(
        1 for ch in text if (ord(ch) < 32 and ch not in "\t\n\r\f\v") or 0x7F <= ord(ch) < 0xA0
    )
    return bad / len(text)


def _declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first 4 KB, if Python knows it."""
    m = re.search(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", data[:4096], re.I)
    if not m:
        return None
    name = m.group(1).decode("ascii", "replace")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NULs sit on every other byte (ASCII-heavy UTF-16)."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def decode(source: str, data: bytes) -> tuple[str, str]:
    """Decode article bytes; returns (text, encoding name) or raises ArticleError."""
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            raise ArticleError(f"file is {what.split(';')[0]}", path=source, fix=_fix_of(what))
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise ArticleError(
                    f"starts with a {enc} byte-order mark but is not valid {enc} ({exc.reason})",
                    path=source,
                    fix="re-save the file as UTF-8",
                ) from exc
    if b"\x00" in data:
        enc16 = _utf16_without_bom(data)
        if enc16:
            try:
                text = data.decode(enc16)
                if _control_share(text) < 0.01:
                    return text, enc16
            except UnicodeDecodeError:
                pass
        raise ArticleError(
            "binary file (contains NUL bytes)",
            path=source,
            fix="give a text, Markdown or HTML article (UTF-8, UTF-16, cp1252 or latin-1)",
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    tried: list[str] = []
    declared = _declared_charset(data)
    for enc in [e for e in (declared, "cp1252", "latin-1") if e]:
        tried.append(enc)
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _control_share(text) < 0.01:
            log.debug("%s: decoded as %s", source, enc)
            return text, enc
    raise ArticleError(
        f"cannot decode the text (not UTF-8, UTF-16, {', '.join(tried)}), or it is binary",
        path=source,
        fix="re-save the article as UTF-8 text",
    )


def _fix_of(what: str) -> str:
    return what.split(";", 1)[1].strip() if ";" in what else "give a text, Markdown or HTML article"


_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


def normalise_text(text: str) -> str:
    """Text with "\\n" newlines, plain spaces, no zero-width marks and no trailing blanks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\x85", "\n")
    text = text.translate(_ZERO_WIDTH).replace("\u00a0", " ").replace("\u202f", " ")
    lines = [ln.rstrip() for ln in text.split("\n")]
    out = "\n".join(lines)
    out = re.sub(r"\n{3,}", "\n\n", out)
    return out.strip("\n")


# ---------------------------------------------------------------- HTML

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


def _parse_html(source: str, text: str) -> tuple[str, str, tuple[date, str] | None]:
    """(body text, title, (date, evidence) from metadata) of an HTML page."""
    parser = _PageParser()
    try:
        parser.feed(text)
        parser.close()
    except (AssertionError, ValueError) as exc:  # html.parser gives up on very broken markup
        raise ArticleError(
            f"cannot parse the HTML ({exc})", path=source, fix="save the page again"
        ) from exc
    story = _clean_block_text("".join(parser.story))
    body = story if len(story) >= 200 or (story and not parser.chunks) else ""
    if not body:
        body = _clean_block_text("".join(parser.chunks))
    metas = {k.lower(): v for k, v in parser.metas.items()}
    title = " ".join(
        (parser.h1 or metas.get("og:title") or metas.get("twitter:title") or parser.title).split()
    )
    return body, title, _html_published(parser)


def looks_like_html(text: str) -> bool:
    """True when the start of the text is an HTML document or fragment."""
    head = text.lstrip()[:1024].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or bool(
        re.match(r"<(?:head|body|article|div|p|meta|title)\b", head)
    )


# ---------------------------------------------------------------- Markdown and plain text


def _markdown_to_text(text: str) -> tuple[str, str]:
    """Strip Markdown markup; returns (text, title from the first heading)."""
    title = ""
    lines = []
    in_front_matter = text.startswith("---\n")
    for i, line in enumerate(text.split("\n")):
        if in_front_matter:
            if i > 0 and line.strip() == "---":
                in_front_matter = False
            lines.append(line if re.match(r"(?i)\s*(date|published|title)\s*:", line) else "")
            continue
        h = re.match(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", line)
        if h:
            line = h.group(1)
            if not title:
                title = line
        line = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", line)  # images
        line = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", line)  # links
        line = re.sub(r"(\*\*|__)(.+?)\1", r"\2", line)
        line = re.sub(r"(?<![\w*])[*_](\S.*?\S|\S)[*_](?![\w*])", r"\1", line)
        line = re.sub(r"`([^`]*)`", r"\1", line)
        line = re.sub(r"^\s{0,3}>\s?", "", line)
        line = re.sub(r"^\s*[-*+]\s+", "", line)
        if re.fullmatch(r"\s*([-*_])\s*(?:\1\s*){2,}", line):
            line = ""
        lines.append(line)
    return "\n".join(lines), title


def _plain_title(text: str) -> str:
    """The headline of a plain-text article: an early short line that is not a kicker."""
    seen = 0
    for line in text.split("\n"):
        s = line.strip()
        if not s:
            continue
        seen += 1
        if seen > 3:
            break
        words = s.split()
        if 4 <= len(words) <= 25 and not s.endswith((".", ":")) and not _is_caption(s):
            return s
    return ""


# ---------------------------------------------------------------- publication date in text

_CAPTION = re.compile(
    r"(?i)\b(?:picture|pictures|photo|photos|photograph|photographed|image|file\s+photo|"
    r"taken|credit|caption|video|stringer|getty|afp\s+photo|reuters/|ap\s+photo|epa)\b"
)
_STAMP_LABEL = re.compile(
    r"(?i)^(?:(?:first\s+)?published|updated|last\s+updated|last\s+modified|posted|"
    r"posted\s+on|published\s+on|updated\s+on|date|dated|issued|released|on)\s*:?\s*"
)
_AGENCY = r"\((?:[A-Z][\w.&' -]{0,40})\)"
_DASHES = r"(?:-|–|—|--)"
_DATELINE = re.compile(
    rf"^\s*(?:[A-Z][A-Za-z .'’-]{{1,40}},\s*)?(?P<date>[^()\n]{{4,40}}?)\s*{_AGENCY}?\s*{_DASHES}"
)
_TIME = re.compile(
    r"(?i)\b\d{1,2}(?:[:.]\d{2}){1,2}\s*(?:[ap]\.?m\.?)?(?:\s*(?:gmt|utc|bst|cet|cest|est|edt|pst|pdt|et|[+-]\d{2}:?\d{2}))?"
    r"|\b\d{1,2}\s*[ap]\.?m\.?\b"
)
_UPDATED = re.compile(r"(?i)\b(?:updated|modified)\b")
_HEAD_LINES = 15


def _is_caption(line: str) -> bool:
    return bool(_CAPTION.search(line))


def _stamp_date(line: str) -> date | None:
    """The date of a line that is only a time stamp ("Updated: 14 Feb 2024, 10:05 GMT")."""
    if _is_caption(line) or len(line) > 120:
        return None
    d = parse_calendar_date(line)
    if d is None:
        return None
    # what is left once label, date words, times and separators are gone must be tiny
    rest = _STAMP_LABEL.sub("", line.strip())
    rest = _TIME.sub(" ", rest)
    rest = re.sub(
        r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|"
        r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?|\b\d{1,4}(?:st|nd|rd|th)?\b|"
        r"\b(?:gmt|utc|at|on|by|[ap]m)\b|[-–—|/,:.()•·]",
        " ",
        rest,
    )
    leftover = rest.split()
    # a byline may share the line: "By Jane Doe | March 4, 2019"
    if leftover and leftover[0].lower() == "by":
        leftover = leftover[4:]
    return d if len(leftover) <= 2 else None


def text_published(text: str) -> tuple[date, DateSource, str] | None:
    """Publication date from a dateline or stamp line near the top of the text, else None."""
    stamps: list[tuple[date, DateSource, str]] = []
    seen = 0
    for line in text.split("\n"):
        s = line.strip()
        if not s:
            continue
        seen += 1
        if seen > _HEAD_LINES:
            break
        if _is_caption(s):
            continue
        m = _DATELINE.match(s)
        if m and (d := _stamp_date(m.group("date"))):
            return d, DateSource.DATELINE, m.group(0).strip()
        if d := _stamp_date(s):
            stamps.append((d, DateSource.STAMP, s))
    if not stamps:
        return None
    # "Published ..." beats "Updated ...": the first stamp that is not an update
    for stamp in stamps:
        if not _UPDATED.search(stamp[2]):
            return stamp
    return stamps[0]


# ---------------------------------------------------------------- public API


def _mb(n: int) -> str:
    """A byte count for people: "20 MB", "20.3 MB", "512 bytes"."""
    if n < 1024 * 1024:
        return f"{n} bytes"
    v = n / (1024 * 1024)
    return f"{v:.0f} MB" if v == int(v) else f"{v:.1f} MB"


def parse_bytes(
    source: str,
    data: bytes,
    *,
    published: date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    html: bool | None = None,
) -> Article:
    """An Article from raw bytes; ``html=None`` decides the format from the name and content."""
    if len(data) > max_bytes:
        raise ArticleError(
            f"file is too large ({_mb(len(data))} > {_mb(max_bytes)} limit)",
            path=source,
            fix="split it into single articles or raise the size limit",
        )
    if not data.strip():
        raise ArticleError("file is empty", path=source, fix="give a file with the article's text")
    raw, encoding = decode(source, data)
    if _control_share(raw) > 0.01:
        raise ArticleError(
            "binary file (control characters in the text)",
            path=source,
            fix="give a text, Markdown or HTML article",
        )
    lowered = source.lower()
    is_html = html if html is not None else lowered.endswith(HTML_SUFFIXES) or looks_like_html(raw)
    meta_date: tuple[date, str] | None = None
    if is_html:
        body, title, meta_date = _parse_html(source, raw)
        body = normalise_text(body)
        if not body.strip():
            raise ArticleError(
                "HTML page has no readable text", path=source, fix="save the article page itself"
            )
        first = body.split("\n", 1)[0].strip()
        text = body if not title or first == title else f"{title}\n\n{body}"
    else:
        text = normalise_text(raw)
        title = ""
        if lowered.endswith(".md"):
            text, title = _markdown_to_text(text)
            text = normalise_text(text)
        title = title or _plain_title(text)
        if not text.strip():
            raise ArticleError(
                "file has no text", path=source, fix="give a file with the article's text"
            )
    sha = hashlib.sha256(data).hexdigest()
    if published is not None:
        src, evidence, pub = DateSource.GIVEN, "given by the caller (--published)", published
    elif meta_date is not None:
        pub, evidence = meta_date
        src = DateSource.HTML_META
    elif found := text_published(text):
        pub, src, evidence = found
    else:
        pub, src, evidence = None, DateSource.UNKNOWN, ""
    log.debug("%s: published %s (%s)", source, pub, src.value)
    return Article(
        source=source,
        sha256=sha,
        text=text,
        title=title,
        published=pub,
        published_source=src,
        published_evidence=evidence,
        encoding=encoding,
    )


def read_article(
    path: Path, *, published: date | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Article:
    """Read one article file; raises ArticleError with the file name and the fix."""
    path = Path(path)
    if not path.exists():
        raise ArticleError("no such file", path=path, fix="check the path")
    if path.is_dir():
        raise ArticleError("is a folder, not a file", path=path, fix="give the files inside it")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ArticleError(
                f"file is too large ({_mb(size)} > {_mb(max_bytes)} limit)",
                path=path,
                fix="split it into single articles or raise the size limit",
            )
        data = path.read_bytes()
    except PermissionError as exc:
        raise ArticleError(
            "cannot read the file (permission denied)", path=path, fix="check its permissions"
        ) from exc
    except OSError as exc:
        raise ArticleError(
            f"cannot read the file ({exc.strerror})", path=path, fix="check the path"
        ) from exc
    return parse_bytes(str(path), data, published=published, max_bytes=max_bytes)


def _is_article_file(p: Path) -> bool:
    return p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES and not p.name.startswith(".")


def _expand(paths: Sequence[str]) -> tuple[list[str], list[ArticleFailure]]:
    found: list[str] = []
    failures: list[ArticleFailure] = []
    seen: set[str] = set()

    def add(item: str) -> None:
        if item not in seen:
            seen.add(item)
            found.append(item)

    for raw in paths:
        if raw == STDIN:
            add(STDIN)
            continue
        p = Path(raw)
        if p.is_dir():
            files = sorted(
                (f for f in p.rglob("*") if _is_article_file(f) and not _hidden_below(f, p)),
                key=lambda f: f.as_posix(),
            )
            if not files:
                err = ArticleError(
                    "folder holds no articles (.txt, .md, .html, .htm)",
                    path=raw,
                    fix="point at a folder with article files",
                )
                failures.append(ArticleFailure(raw, _reason(err)))
            for f in files:
                add(str(f))
        elif p.exists():
            add(raw)
        else:
            err = ArticleError("no such file or folder", path=raw, fix="check the path")
            failures.append(ArticleFailure(raw, _reason(err)))
    return found, failures


def _reason(exc: ArticleError) -> str:
    """The error without its file name (an ArticleFailure carries the source apart)."""
    return f"{exc.problem} — {exc.fix}" if exc.fix else exc.problem


def _hidden_below(f: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in f.relative_to(root).parts)


def expand_paths(paths: Sequence[str]) -> list[str]:
    """Files as given, folders searched recursively for articles (sorted), "-" for stdin."""
    found, failures = _expand(paths)
    if failures:
        raise ArticleError(failures[0].error, path=failures[0].source)
    return found


def read_articles(
    paths: Sequence[str],
    *,
    published: date | None = None,
    stdin: BinaryIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> tuple[tuple[Article, ...], tuple[ArticleFailure, ...]]:
    """Every readable article under ``paths``, and one failure line per file that was not."""
    found, failures = _expand(paths)
    articles: list[Article] = []
    for item in found:
        try:
            if item == STDIN:
                stream = stdin if stdin is not None else sys.stdin.buffer
                data = stream.read(max_bytes + 1)
                articles.append(
                    parse_bytes(STDIN_SOURCE, data, published=published, max_bytes=max_bytes)
                )
            else:
                articles.append(read_article(Path(item), published=published, max_bytes=max_bytes))
        except ArticleError as exc:
            # the caller lists failures to the operator; logging them too would say it twice
            log.info("%s", exc.render())
            failures.append(ArticleFailure(STDIN_SOURCE if item == STDIN else item, _reason(exc)))
        except Exception as exc:  # a reader bug must not sink the rest of the batch
            log.debug("reading %s failed", item, exc_info=True)
            failures.append(
                ArticleFailure(
                    STDIN_SOURCE if item == STDIN else item,
                    f"could not be read ({type(exc).__name__}: {exc}) — this is a bug in "
                    "travelban; rerun with --debug and report the traceback",
                )
            )
    return tuple(articles), tuple(failures)
