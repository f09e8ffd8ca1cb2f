"""Ingest speed: HTML pages/s, feed entries/s and WARC records/s, each beside the bare
library call on the same input in the same run.

HTML pages come from the article-extraction-benchmark when ``--data`` points at it (see
``bench/eval_html.py``), else from pages built here. The feed and the WARC are built here
from those pages (nothing is downloaded); they are written under a temp folder.

    python bench/bench_ingest.py --data /tmp/aeb
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import io
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

import feedparser
import trafilatura
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from travelban.errors import ArticleError
from travelban.ingest import decode, parse_bytes, read_articles

_PARA = (
    "The delegation landed on Monday and held talks with officials about trade, shipping "
    "and a new consulate, according to two people who were present at the meetings."
)


def _built_pages(n: int) -> list[bytes]:
    out = []
    for i in range(n):
        body = "".join(f"<p>{_PARA} ({i}.{j})</p>" for j in range(12))
        out.append(
            (
                f"<html><head><title>Story {i}</title></head><body>"
                '<nav class="menu"><a href="/">Home</a></nav>'
                f"<article><h1>Story {i}</h1>{body}</article><footer>Footer</footer>"
                "</body></html>"
            ).encode()
        )
    return out


def _pages(data: Path | None, limit: int) -> list[bytes]:
    if data is not None and (data / "html").is_dir():
        files = sorted((data / "html").glob("*.html.gz"))[:limit]
        return [gzip.decompress(f.read_bytes()) for f in files]
    return _built_pages(limit)


def _rate(label: str, n: int, fn: Callable[[], object], repeat: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    rate = n / best
    print(f"  {label:<44} {rate:>9.1f}/s  ({1000 * best / n:.2f} ms each)")
    return rate


def _feed(pages: list[bytes], entries: int) -> bytes:
    items = []
    for i in range(entries):
        text, _ = decode("p", pages[i % len(pages)])
        items.append(
            f"<item><title>Entry {i}</title><link>https://example.org/{i}</link>"
            f"<pubDate>Tue, 01 Jun 2021 10:00:00 GMT</pubDate>"
            f"<description>{escape(_PARA + ' ' + text[:50].replace('<', ' '))}</description>"
            "</item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>B</title>'
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def _warc(path: Path, pages: list[bytes]) -> None:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i, page in enumerate(pages):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    f"https://example.org/{i}",
                    "response",
                    payload=io.BytesIO(page),
                    http_headers=headers,
                    warc_headers_dict={"WARC-Date": "2021-06-01T10:00:00Z"},
                )
            )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=None, help="article-extraction-benchmark")
    ap.add_argument("--pages", type=int, default=181)
    ap.add_argument("--entries", type=int, default=2000)
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    pages = _pages(args.data, args.pages)
    texts = [decode("p", p)[0] for p in pages]
    print(f"HTML, {len(pages)} pages ({sum(map(len, pages)) / len(pages) / 1024:.0f} KB mean)")
    _rate("bare trafilatura.extract", len(texts), lambda: [trafilatura.extract(t) for t in texts])

    def ours() -> None:
        for i, p in enumerate(pages):
            with contextlib.suppress(ArticleError):  # a page with no main text counts too
                parse_bytes(f"p{i}.html", p)

    _rate("travelban parse_bytes (decode, text, date)", len(pages), ours)

    feed = _feed(pages, args.entries)
    print(f"\nRSS feed, {args.entries} entries ({len(feed) / 1024:.0f} KB)")
    _rate("bare feedparser.parse", args.entries, lambda: feedparser.parse(io.BytesIO(feed)), 2)
    with tempfile.TemporaryDirectory() as tmp:
        fpath = Path(tmp) / "bench.rss"
        fpath.write_bytes(feed)
        _rate(
            "travelban read_articles (guard, text, date)",
            args.entries,
            lambda: read_articles([str(fpath)]),
            2,
        )

        wpath = Path(tmp) / "bench.warc.gz"
        _warc(wpath, pages)
        print(f"\nWARC (gzip), {len(pages)} HTML records ({wpath.stat().st_size / 1024:.0f} KB)")

        def bare_warc() -> None:
            with wpath.open("rb") as fh:
                for record in ArchiveIterator(fh):
                    record.content_stream().read()

        _rate("bare warcio ArchiveIterator (payloads)", len(pages), bare_warc, 3)
        _rate(
            "bare warcio + trafilatura.extract",
            len(pages),
            lambda: [
                trafilatura.extract(r.content_stream().read().decode("utf-8", "replace"))
                for r in ArchiveIterator(wpath.open("rb"))
            ],
        )
        _rate(
            "travelban read_articles (record → Article)",
            len(pages),
            lambda: read_articles([str(wpath)]),
        )


if __name__ == "__main__":
    main()
