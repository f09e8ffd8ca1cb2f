"""Main-text extraction on a public benchmark: the old hand-written parser vs trafilatura.

The benchmark is scrapinghub's article-extraction-benchmark (181 real news and blog pages
with a hand-checked ``articleBody``). It is not in this repository; put a copy under
``.cache/`` or ``/tmp`` and point ``--data`` at the folder holding ``ground-truth.json``
and ``html/``::

    git clone https://github.com/scrapinghub/article-extraction-benchmark /tmp/aeb
    python bench/eval_html.py --data /tmp/aeb

Scoring is the benchmark's own: word 4-gram shingles of the prediction against the truth,
tp/fp/fn normalised per page, precision and recall averaged over pages, F1 from the two.
Timing is the wall time of each extractor per page, on the decoded text, one core.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
import warnings
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _old_html_parser import parse_html as old_parse_html
from travelban.ingest import decode
from travelban.readers.html import NoMainText, read_html

_WORD = re.compile(r"\w+")


def _shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    words = _WORD.findall(text or "")
    return Counter(tuple(words[i : i + n]) for i in range(max(1, len(words) - n + 1)) if words)


def _tp_fp_fn(true: str, pred: str) -> tuple[float, float, float]:
    t, p = _shingles(true), _shingles(pred)
    tp = float(sum((t & p).values()))
    fp = float(sum((p - t).values()))
    fn = float(sum((t - p).values()))
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def score(rows: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """(precision, recall, F1) as the benchmark computes them."""
    p = statistics.mean(_precision(*r) for r in rows if r[0] + r[1] > 0)
    r = statistics.mean(_recall(*r) for r in rows if r[0] + r[2] > 0)
    return p, r, 2 * p * r / (p + r)


def _old(text: str, url: str) -> str:
    body, _title, _date = old_parse_html("page.html", text)
    return body


def _travelban(text: str, url: str) -> str:
    try:
        return read_html("page.html", text, url=url).text
    except NoMainText:
        return ""


def _bare_trafilatura(text: str, url: str) -> str:
    import trafilatura

    return trafilatura.extract(text, url=url or None) or ""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=Path(".cache/article-extraction-benchmark"))
    ap.add_argument("--limit", type=int, default=0, help="only the first N pages")
    args = ap.parse_args()
    truth = json.loads((args.data / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth)[: args.limit or None]
    pages: list[tuple[str, str, str]] = []
    for key in keys:
        raw = gzip.decompress((args.data / "html" / f"{key}.html.gz").read_bytes())
        text, _enc = decode(key, raw)
        pages.append((text, truth[key].get("url", ""), truth[key].get("articleBody", "")))
    extractors: dict[str, Callable[[str, str], str]] = {
        "old hand-written parser": _old,
        "trafilatura (bare extract call)": _bare_trafilatura,
        "travelban (trafilatura + htmldate)": _travelban,
    }
    warnings.simplefilter("ignore")
    print(f"{len(pages)} pages from {args.data}\n")
    print("| extractor | precision | recall | F1 | ms/page |\n|---|---|---|---|---|")
    for name, fn in extractors.items():
        rows = []
        elapsed = 0.0
        for text, url, body in pages:
            t0 = time.perf_counter()
            try:
                pred = fn(text, url)
            except Exception as exc:  # a crash counts as an empty prediction
                print(f"  {name}: {type(exc).__name__}: {exc}", file=sys.stderr)
                pred = ""
            elapsed += time.perf_counter() - t0
            rows.append(_tp_fp_fn(body, pred))
        p, r, f1 = score(rows)
        ms = 1000 * elapsed / len(pages)
        print(f"| {name} | {p:.3f} | {r:.3f} | {f1:.3f} | {ms:.1f} |")


if __name__ == "__main__":
    main()
