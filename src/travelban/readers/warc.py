"""Web archives (``.warc``, ``.warc.gz``, as Common Crawl News writes them), streamed.

warcio reads one record at a time from the open file, so a 1 GB archive never sits in
memory; only HTML ``response`` records are yielded, each with its address and crawl date.
A record larger than the article size limit is skipped with a note. A broken or truncated
archive ends the stream with ``WarcBroken`` after every good record before the break.
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

log = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml")


class WarcBroken(ValueError):
    """The archive could not be read past some point (truncated or corrupt)."""


@dataclass(frozen=True, slots=True)
class WarcPage:
    """One HTML response: the payload bytes (decompressed, de-chunked) and where it came from."""

    index: int  # 1-based position among the archive's records
    url: str
    crawled: date | None
    crawled_raw: str  # the WARC-Date header as written
    payload: bytes | None  # None when the record is over the size limit
    size: int


def looks_like_warc(head: bytes) -> bool:
    """True for an uncompressed WARC ("WARC/1.x" first)."""
    return head.startswith(b"WARC/")


def _crawl_date(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw[:10]) if len(raw) >= 10 else None
    except ValueError:
        return None


def read_warc(stream: BinaryIO, *, max_bytes: int) -> Iterator[WarcPage]:
    """The HTML response records of a WARC stream; WarcBroken at a break, after the good ones."""
    index = 0
    records = ArchiveIterator(stream, arc2warc=True)
    try:
        for record in records:
            index += 1
            if record.rec_type != "response" or record.http_headers is None:
                continue
            ctype = (record.http_headers.get_header("Content-Type") or "").lower()
            if not ctype.startswith(_HTML_TYPES):
                continue
            raw_date = record.rec_headers.get_header("WARC-Date") or ""
            url = record.rec_headers.get_header("WARC-Target-URI") or ""
            body = record.content_stream().read(max_bytes + 1)
            size = len(body)
            if size > max_bytes:
                # drain the rest in blocks; warcio moves to the next record afterwards
                while record.content_stream().read(1 << 20):
                    pass
            elif getattr(record.raw_stream, "limit", 0) > 0:
                # fewer bytes than the record's Content-Length: the file was cut here
                raise WarcBroken(f"the archive is cut short inside record {index}")
            yield WarcPage(
                index=index,
                url=url,
                crawled=_crawl_date(raw_date),
                crawled_raw=raw_date,
                payload=body if size <= max_bytes else None,
                size=size,
            )
    except WarcBroken:
        raise
    except (ArchiveLoadFailed, EOFError, OSError, ValueError, zlib.error) as exc:
        raise WarcBroken(f"the archive breaks after record {index} ({exc})") from None
    except Exception as exc:  # warcio trips over some damaged headers (AttributeError ...)
        raise WarcBroken(
            f"the archive breaks after record {index} ({type(exc).__name__}: {exc})"
        ) from None
    _check_read_to_the_end(stream, records.offset, index)


def _check_read_to_the_end(stream: BinaryIO, offset: int, index: int) -> None:
    """warcio stops quietly at a record it cannot start; bytes left over mean a break."""
    try:
        size = stream.seek(0, 2)
    except (OSError, ValueError):  # not seekable (stdin): nothing to compare against
        return
    if offset < size:
        raise WarcBroken(
            f"the archive breaks after record {index} ({size - offset} bytes could not be read)"
        )
