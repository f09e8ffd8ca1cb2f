"""Read news articles from files, folders or stdin into ``Article`` records.

Formats, each read with a library made for it (``travelban.readers``):

* plain text (``.txt``) and Markdown (``.md``);
* web pages (``.html``/``.htm``, or any file whose first bytes look like HTML): the main
  text, title, author and date with trafilatura and htmldate;
* RSS and Atom feeds (``.rss``, ``.atom``, ``.xml``, or any file opening with a feed
  root): one article per entry, with its link, title, date and content or summary;
* web archives (``.warc``, ``.warc.gz``): one article per HTML response record, with its
  address and crawl date, streamed so that a large archive never sits in memory;
* text PDFs (``.pdf``): one article whose ``page_starts`` lets evidence cite its page.

Encodings are detected: a BOM (UTF-8, UTF-16, UTF-32) wins; then strict UTF-8; then the
charset an HTML page declares; then cp1252 and latin-1. Line endings become ``"\\n"``.

The publication date (the reference for "last week", "on Wednesday" ...) comes from,
in order: the caller (``--published``), the document's metadata (HTML markup, the feed
entry, the PDF's creation date, though a dateline on a PDF's first page beats it), a
dateline or a time-stamp line near the top of the text, and for a WARC record its crawl
date, labelled as such. Caption lines ("Picture taken March 8, 2015", "Photo: ...") are
never read as publication dates, and the date of the run is never used.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import logging
import os
import re
import stat
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import BinaryIO

from travelban.errors import ArticleError
from travelban.extract.dates import parse_calendar_date
from travelban.models import Article, ArticleFailure, DateSource
from travelban.readers.feeds import NotAFeed, looks_like_feed, read_feed
from travelban.readers.html import NoMainText, html_fragment_text, read_html
from travelban.readers.pdf import PdfRefused, read_pdf
from travelban.readers.warc import WarcBroken, WarcPage, looks_like_warc, read_warc
from travelban.text import strip_invisible

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # 20 MB: far above any news article
HTML_SUFFIXES = (".html", ".htm")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
WARC_SUFFIXES = (".warc", ".warc.gz")
ARTICLE_SUFFIXES = (".txt", ".md", *HTML_SUFFIXES, *FEED_SUFFIXES, *WARC_SUFFIXES, ".pdf")
STDIN = "-"
STDIN_SOURCE = "<stdin>"

# Magic numbers of binary formats people mistake for articles, with the fix to suggest.
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a ZIP/Office document; save it as .txt or .html first"),
    (b"\xd0\xcf\x11\xe0", "an old Office document; save it as .txt or .html first"),
    (b"\x1f\x8b", "gzip-compressed; decompress it first (a web archive is read as .warc.gz)"),
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


def normalise_text(text: str) -> str:
    """Text with "\\n" newlines, plain spaces, no invisible characters, no trailing blanks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\x85", "\n")
    text = strip_invisible(text).replace("\u00a0", " ").replace("\u202f", " ")
    lines = [ln.rstrip() for ln in text.split("\n")]
    out = "\n".join(lines)
    out = re.sub(r"\n{3,}", "\n\n", out)
    return out.strip("\n")


# ---------------------------------------------------------------- HTML


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
    rf"^\s*(?:[A-Z][A-Za-z .'’-]{{1,40}},\s*)?(?P<date>[^()\n]{{4,40}}?)\s*"
    rf"(?:{_AGENCY})?\s*{_DASHES}"
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
        m = _DATELINE.match(s)
        # a caption word later in the lede ("was photographed in ...") does not make the
        # dateline itself a caption: only its own words count
        if m and not _is_caption(m.group(0)) and (d := _stamp_date(m.group("date"))):
            return d, DateSource.DATELINE, m.group(0).strip()
        if _is_caption(s):
            continue
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


def _too_large(source: str | Path, size: int, max_bytes: int) -> ArticleError:
    return ArticleError(
        f"file is too large ({_mb(size)} > {_mb(max_bytes)} limit)",
        path=source,
        fix="split it into single articles or raise the size limit",
    )


# A date found in the document's own metadata: (date, where from, evidence).
_Dated = tuple[date, DateSource, str]


def _article(
    source: str,
    sha: str,
    text: str,
    *,
    title: str = "",
    author: str = "",
    url: str = "",
    encoding: str = "utf-8",
    published: date | None = None,
    meta_date: _Dated | None = None,
    fallback_date: _Dated | None = None,
    page_starts: tuple[int, ...] = (),
) -> Article:
    """An Article, its publication date by the rules: the caller's, the document's
    metadata, a dateline or stamp line in the text, a labelled fallback (a crawl date);
    else unknown — never the date of the run."""
    # titles and authors come from metadata that normalise_text did not see
    text, title, author = strip_invisible(text), strip_invisible(title), strip_invisible(author)
    if published is not None:
        pub, src, evidence = published, DateSource.GIVEN, "given by the caller (--published)"
    elif meta_date is not None:
        pub, src, evidence = meta_date
    elif found := text_published(text):
        pub, src, evidence = found
    elif fallback_date is not None:
        pub, src, evidence = fallback_date
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
        url=url,
        author=author,
        page_starts=page_starts,
    )


def _with_title(title: str, body: str) -> str:
    first = body.split("\n", 1)[0].strip()
    return body if not title or first == title else f"{title}\n\n{body}"


def _html_article(
    source: str,
    raw: str,
    sha: str,
    encoding: str,
    *,
    published: date | None,
    url: str = "",
    fallback_date: _Dated | None = None,
) -> Article:
    try:
        page = read_html(source, raw, url=url)
    except NoMainText as exc:
        raise ArticleError(
            f"HTML page has no readable text ({exc})",
            path=source,
            fix="save the article page itself",
        ) from None
    body = normalise_text(page.text)
    if not body.strip():
        raise ArticleError(
            "HTML page has no readable text", path=source, fix="save the article page itself"
        )
    meta: _Dated | None = None
    if page.published is not None:
        meta = (page.published, DateSource.HTML_META, page.published_evidence)
    return _article(
        source,
        sha,
        _with_title(page.title, body),
        title=page.title,
        author=page.author,
        url=url,
        encoding=encoding,
        published=published,
        meta_date=meta,
        fallback_date=fallback_date,
    )


def _pdf_article(source: str, data: bytes, *, published: date | None) -> Article:
    """One article from a text PDF; ``page_starts`` maps evidence back to its page."""
    try:
        pdf = read_pdf(data)
    except PdfRefused as exc:
        raise ArticleError(exc.problem, path=source, fix=exc.fix) from None
    parts: list[str] = []
    starts: list[int] = []
    offset = 0
    for page in pdf.pages:
        text = normalise_text(page)
        starts.append(offset)
        parts.append(text)
        offset += len(text) + 2  # the blank line joining pages
    meta: _Dated | None = None
    if pdf.created is not None:
        meta = (pdf.created, DateSource.PDF_META, f"PDF CreationDate {pdf.created_raw}")
    text = "\n\n".join(parts)
    # a dateline on the first page beats the file's creation date
    first = text_published(parts[0]) if parts else None
    return _article(
        source,
        hashlib.sha256(data).hexdigest(),
        text,
        title=pdf.title or _plain_title(text),
        author=pdf.author,
        published=published,
        meta_date=first or meta,
        page_starts=tuple(starts),
    )


def parse_bytes(
    source: str,
    data: bytes,
    *,
    published: date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    html: bool | None = None,
    url: str = "",
    fallback_date: _Dated | None = None,
) -> Article:
    """An Article from one document's bytes (text, Markdown, HTML or PDF).

    ``html=None`` decides the format from the name and content. ``fallback_date`` is used
    when neither the caller, the metadata nor the text gives a date (a WARC crawl date).
    """
    if len(data) > max_bytes:
        raise _too_large(source, len(data), max_bytes)
    if not data.strip():
        raise ArticleError("file is empty", path=source, fix="give a file with the article's text")
    if data.startswith(b"%PDF"):
        return _pdf_article(source, data, published=published)
    if looks_like_feed(data) or looks_like_warc(data[:8]):
        raise ArticleError(
            "holds several articles (a feed or web archive), not one",
            path=source,
            fix="screen it with `travelban screen`, which reads each entry or record",
        )
    raw, encoding = decode(source, data)
    if _control_share(raw) > 0.01:
        raise ArticleError(
            "binary file (control characters in the text)",
            path=source,
            fix="give a text, Markdown or HTML article",
        )
    sha = hashlib.sha256(data).hexdigest()
    lowered = source.lower()
    is_html = html if html is not None else lowered.endswith(HTML_SUFFIXES) or looks_like_html(raw)
    if is_html:
        return _html_article(
            source,
            raw,
            sha,
            encoding,
            published=published,
            url=url,
            fallback_date=fallback_date,
        )
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
    return _article(
        source,
        sha,
        text,
        title=title,
        url=url,
        encoding=encoding,
        published=published,
        fallback_date=fallback_date,
    )


# ---------------------------------------------------------------- feeds and web archives

_Item = Article | ArticleFailure


def _failure(source: str, exc: ArticleError) -> ArticleFailure:
    # the caller lists failures to the operator; logging them too would say it twice
    log.info("%s", exc.render())
    return ArticleFailure(source, _reason(exc))


def _feed_items(source: str, data: bytes, *, published: date | None) -> Iterator[_Item]:
    """One article per feed entry (its content, else its summary), or one failure line."""
    try:
        entries = list(read_feed(data))
    except NotAFeed as exc:
        yield _failure(
            source,
            ArticleError(str(exc), path=source, fix="give an RSS or Atom file, or the article"),
        )
        return
    if not entries:
        yield _failure(
            source, ArticleError("feed has no entries", path=source, fix="give a feed with items")
        )
        return
    for entry in entries:
        name = f"{source}#{entry.index}"
        body = entry.body
        if entry.is_html and body.strip():
            body = html_fragment_text(body)
        body = normalise_text(body)
        text = _with_title(entry.title, body) if body.strip() else entry.title
        if not text.strip():
            yield _failure(
                name,
                ArticleError("feed entry has no title or text", path=name, fix="nothing to screen"),
            )
            continue
        meta: _Dated | None = None
        if entry.published is not None:
            meta = (entry.published, DateSource.FEED, entry.published_evidence)
        sha = hashlib.sha256(f"{entry.link}\n{text}".encode()).hexdigest()
        yield _article(
            name,
            sha,
            text,
            title=entry.title,
            author=entry.author,
            url=entry.link,
            published=published,
            meta_date=meta,
        )


def _warc_items(
    source: str, stream: BinaryIO, *, published: date | None, max_bytes: int
) -> Iterator[_Item]:
    """One article per HTML response record, streamed; a break is one failure at the end."""
    try:
        for page in read_warc(stream, max_bytes=max_bytes):
            name = f"{source}#{page.index}"
            if page.payload is None:
                yield _failure(name, _too_large(name, page.size, max_bytes))
                continue
            yield warc_page(name, page, page.payload, published=published, max_bytes=max_bytes)
    except WarcBroken as exc:
        yield _failure(
            source,
            ArticleError(
                f"{exc}; the records before the break were read",
                path=source,
                fix="download the archive again",
            ),
        )


def warc_page(
    name: str, page: WarcPage, payload: bytes, *, published: date | None, max_bytes: int
) -> Article | ArticleFailure:
    """The article of one WARC response record and its ``payload`` (the crawl date the
    fallback publication date), or the one-line failure naming its address."""
    crawl: _Dated | None = None
    if page.crawled is not None:
        crawl = (page.crawled, DateSource.CRAWL, f"WARC-Date {page.crawled_raw}")
    try:
        return parse_bytes(
            name,
            payload,
            published=published,
            max_bytes=max_bytes,
            html=True,
            url=page.url,
            fallback_date=crawl,
        )
    except ArticleError as exc:
        where = f" ({page.url})" if page.url else ""
        return ArticleFailure(name, _reason(exc) + where)


def _is_warc_name(name: str) -> bool:
    return name.lower().endswith(WARC_SUFFIXES)


def _file_items(path: Path, *, published: date | None, max_bytes: int) -> Iterator[_Item]:
    """The articles in one file: one for a document, one per feed entry or WARC record."""
    source = str(path)
    if not path.exists():
        raise ArticleError("no such file", path=path, fix="check the path")
    if path.is_dir():
        raise ArticleError("is a folder, not a file", path=path, fix="give the files inside it")
    with _reading(path), open_regular(path) as fh:
        head = fh.read(8)
        if _is_warc_name(path.name) or looks_like_warc(head):
            fh.seek(0)
            yield from _warc_items(source, fh, published=published, max_bytes=max_bytes)
            return
        data = _read_limited(path, fh, max_bytes)
    yield from _bytes_items(source, data, published=published, max_bytes=max_bytes)


@contextmanager
def _reading(path: Path) -> Iterator[None]:
    """Turn an OSError while reading ``path`` into an ArticleError naming it."""
    try:
        yield
    except PermissionError as exc:
        raise ArticleError(
            "cannot read the file (permission denied)", path=path, fix="check its permissions"
        ) from exc
    except OSError as exc:
        raise ArticleError(
            f"cannot read the file ({exc.strerror})", path=path, fix="check the path"
        ) from exc


def _read_limited(path: Path, fh: BinaryIO, max_bytes: int) -> bytes:
    size = os.fstat(fh.fileno()).st_size
    if size > max_bytes:
        raise _too_large(path, size, max_bytes)
    fh.seek(0)
    data = fh.read(max_bytes + 1)  # a file that grew since fstat still stops here
    if len(data) > max_bytes:
        raise _too_large(path, len(data), max_bytes)
    return data


def read_file_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of one article file; ArticleError when it is over ``max_bytes`` (checked
    before anything is read), not a regular file, or unreadable."""
    with _reading(path), open_regular(path) as fh:
        return _read_limited(path, fh, max_bytes)


def open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading in binary; ArticleError when it is not a regular file.

    A named pipe (FIFO) blocks an ordinary ``open`` until a writer comes, and a device
    such as /dev/zero never ends: either would hang a scheduled job. The file is opened
    without blocking and checked on the open descriptor, so nothing can swap it between
    the check and the read.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            what = "a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a device or socket"
            raise ArticleError(
                f"is {what}, not a regular file",
                path=path,
                fix="give article files; copy what the pipe or device carries into a file first",
            )
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _bytes_items(
    source: str, data: bytes, *, published: date | None, max_bytes: int
) -> Iterator[_Item]:
    lowered = source.lower()
    if looks_like_feed(data) or (
        lowered.endswith(FEED_SUFFIXES) and not looks_like_html(data[:1024].decode("latin-1"))
    ):
        yield from _feed_items(source, data, published=published)
    elif looks_like_warc(data[:8]):
        yield from _warc_items(source, io.BytesIO(data), published=published, max_bytes=max_bytes)
    else:
        yield parse_bytes(source, data, published=published, max_bytes=max_bytes)


def read_article(
    path: Path, *, published: date | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Article:
    """Read one article file; raises ArticleError with the file name and the fix.

    A feed or web archive holds several articles: use ``read_articles``.
    """
    path = Path(path)
    items = _file_items(path, published=published, max_bytes=max_bytes)
    first = next(items, None)
    if isinstance(first, Article) and next(items, None) is None:
        return first
    if isinstance(first, ArticleFailure) and next(items, None) is None:
        raise ArticleError(first.error, path=first.source)
    raise ArticleError(
        "holds several articles (a feed or web archive)",
        path=path,
        fix="read it with read_articles",
    )


def _is_article_file(p: Path) -> bool:
    return p.is_file() and p.name.lower().endswith(ARTICLE_SUFFIXES) and not p.name.startswith(".")


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
            files, unreadable = walk_folder(p)
            failures.extend(unreadable)
            if not files and not unreadable:
                err = ArticleError(
                    f"folder holds no articles ({', '.join(ARTICLE_SUFFIXES)})",
                    path=raw,
                    fix="point at a folder with article files",
                )
                failures.append(ArticleFailure(raw, _reason(err)))
            for f in files:
                add(str(f))
        elif p.exists():
            add(raw)
        elif p.is_symlink():  # `ls` shows it, so "no such file" would puzzle
            err = ArticleError(
                "is a symbolic link that leads nowhere (broken, or a loop)",
                path=raw,
                fix="point the link at an article file, or remove it",
            )
            failures.append(ArticleFailure(raw, _reason(err)))
        else:
            err = ArticleError("no such file or folder", path=raw, fix="check the path")
            failures.append(ArticleFailure(raw, _reason(err)))
    return found, failures


def _reason(exc: ArticleError) -> str:
    """The error without its file name (an ArticleFailure carries the source apart)."""
    return f"{exc.problem} — {exc.fix}" if exc.fix else exc.problem


def walk_folder(root: Path) -> tuple[list[Path], list[ArticleFailure]]:
    """The article files under ``root`` (sorted), and one failure per folder or file that
    could not be looked at; the rest of the tree is still searched.

    The walk keeps its own stack, so a tree of any depth is searched (a recursive walk
    stops at Python's recursion limit, about 1,000 levels). Symlinked folders are not
    entered, so a link back up the tree cannot loop; hidden names are skipped. Named
    pipes and devices are not article files (``_is_article_file``), so none is opened.
    """
    files: list[Path] = []
    failures: list[ArticleFailure] = []
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError as exc:
            failures.append(_unreadable(folder, exc, "folder"))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(path)
                elif _is_article_file(path):
                    files.append(path)
            except OSError as exc:  # a name too long for the system, say
                failures.append(_unreadable(path, exc, "file"))
    files.sort(key=lambda f: f.as_posix())
    return files, failures


def _unreadable(path: Path, exc: OSError, what: str) -> ArticleFailure:
    err = ArticleError(
        f"cannot read the {what} ({exc.strerror or exc})",
        path=path,
        fix="check its permissions; the other files were still searched",
    )
    log.info("%s", err.render())
    return ArticleFailure(str(path), _reason(err))


def expand_paths(paths: Sequence[str]) -> list[str]:
    """Files as given, folders searched recursively for articles (sorted), "-" for stdin."""
    found, failures = _expand(paths)
    if failures:
        raise ArticleError(failures[0].error, path=failures[0].source)
    return found


def iter_articles(
    paths: Sequence[str],
    *,
    published: date | None = None,
    stdin: BinaryIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article | ArticleFailure]:
    """Every article under ``paths`` as it is read (a WARC streams record by record), and
    one failure for each file, entry or record that could not be read."""
    found, failures = _expand(paths)
    yield from failures
    for item in found:
        source = STDIN_SOURCE if item == STDIN else item
        try:
            if item == STDIN:
                stream = stdin if stdin is not None else sys.stdin.buffer
                data = stream.read(max_bytes + 1)
                items = _bytes_items(STDIN_SOURCE, data, published=published, max_bytes=max_bytes)
            else:
                items = _file_items(Path(item), published=published, max_bytes=max_bytes)
            yield from items
        except ArticleError as exc:
            yield _failure(source, exc)
        except Exception as exc:  # a reader bug must not sink the rest of the batch
            log.debug("reading %s failed", item, exc_info=True)
            yield ArticleFailure(
                source,
                f"could not be read ({type(exc).__name__}: {exc}) — this is a bug in "
                "travelban; rerun with --debug and report the traceback",
            )


def read_articles(
    paths: Sequence[str],
    *,
    published: date | None = None,
    stdin: BinaryIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> tuple[tuple[Article, ...], tuple[ArticleFailure, ...]]:
    """Every readable article under ``paths``, and one failure line per file that was not."""
    articles: list[Article] = []
    failures: list[ArticleFailure] = []
    for item in iter_articles(paths, published=published, stdin=stdin, max_bytes=max_bytes):
        if isinstance(item, Article):
            articles.append(item)
        else:
            failures.append(item)
    return tuple(articles), tuple(failures)
