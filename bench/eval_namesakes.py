"""Namesakes, corroboration and contradiction (issue 16): verdicts on bench/namesakes/.

Run: ``python bench/eval_namesakes.py [--verbose]``

Screens every article of ``bench/namesakes/manifest.json`` (written by
``bench/namesakes/build.py``) with the engine loaded once, and prints, per group, how many
articles got the expected verdict for the expected reference, and how many namesakes were
reported as apparent breaches. The baseline is the same engine in the same process with
the identity rule switched off (the name alone decides, and entity entries may give person
findings), which is how travelban judged before issue 16.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SET = ROOT / "bench" / "namesakes"

GROUPS = (
    ("true_context", "true travellers, agreeing context", "apparent_breach"),
    ("true_bare", "true travellers, no context (rare names)", "apparent_breach"),
    ("true_bare_common", "true travellers, no context (common names)", "needs_review"),
    ("namesake_age", "namesakes, age contradicts", "no breach"),
    ("namesake_nationality", "namesakes, nationality contradicts", "no breach"),
    ("namesake_gender", "namesakes, gender contradicts", "no breach"),
    ("namesake_role", "namesakes, different job only", "no breach"),
    ("namesake_common", "namesakes, common name, no context", "no breach"),
    ("entity", "listed entity named in text", "none"),
)


@contextmanager
def identity_rule_off() -> Iterator[None]:
    """The pre-issue-16 behaviour: no namesake rule, entity entries judged like people."""
    from travelban.assess import identity, verdict

    saved = (identity.namesake_reason, verdict._kind)
    identity.namesake_reason = lambda check: ""  # type: ignore[assignment]
    verdict._kind = lambda ref, history, lookup: None  # type: ignore[assignment]
    try:
        yield
    finally:
        identity.namesake_reason, verdict._kind = saved  # type: ignore[assignment]


def run(engine: Any, rows: list[dict[str, Any]]) -> dict[str, str]:
    """file -> the verdict for the expected reference ('none' when no finding names it)."""
    from travelban.ingest import read_articles

    out = {}
    for row in rows:
        articles, failures = read_articles([str(SET / row["file"])])
        if failures:
            raise SystemExit(f"{row['file']}: {failures[0].error}")
        res = engine.screen_article(articles[0])
        verdicts = [f.verdict.value for f in res.findings if f.reference == row["reference"]]
        # Several trips or entries: the most alarming verdict counts.
        if "apparent_breach" in verdicts:
            out[row["file"]] = "apparent_breach"
        else:
            out[row["file"]] = verdicts[0] if verdicts else "none"
        others = {f.reference for f in res.findings if f.verdict.value == "apparent_breach"}
        others.discard(row["reference"])
        if others:
            out[row["file"]] += " (+ breach on " + ", ".join(sorted(others)) + ")"
    return out


def _ok(row: dict[str, Any], got: str) -> bool:
    """A namesake is right when it is not an apparent breach (needs_review, or no finding
    because the trip was not read); every other article needs its expected verdict."""
    if row["group"].startswith("namesake"):
        return not got.startswith("apparent_breach")
    return got == row["expected"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", action="store_true", help="list every article's verdicts")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    from travelban.pipeline import Engine
    from travelban.settings import Settings

    manifest = json.loads((SET / "manifest.json").read_text(encoding="utf-8"))
    rows = manifest["articles"]
    for r in rows:
        if r["group"] == "true_bare" and r["expected"] == "needs_review":
            r["group"] = "true_bare_common"
    engine = Engine.load(Settings())
    ours = run(engine, rows)
    with identity_rule_off():
        base = run(engine, rows)
    by_group: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_group[r["group"]].append(r)
    print(f"{len(rows)} articles in {SET.relative_to(ROOT)} (published {manifest['published']})")
    print()
    head = f"{'group':44} {'n':>3}  {'expected':16} {'travelban':>10} {'baseline':>10}"
    print(head)
    print("-" * len(head))
    totals = Counter()
    for key, label, expected in GROUPS:
        rs = by_group.get(key, [])
        if not rs:
            continue
        ok = sum(1 for r in rs if _ok(r, ours[r["file"]]))
        ok_b = sum(1 for r in rs if _ok(r, base[r["file"]]))
        print(f"{label:44} {len(rs):>3}  {expected:16} {ok:>4}/{len(rs):<5} {ok_b:>4}/{len(rs):<5}")
        totals["n"] += len(rs)
        totals["ok"] += ok
        totals["ok_b"] += ok_b
    n = totals["n"]
    print(f"{'all':44} {n:>3}  {'':16} {totals['ok']:>4}/{n:<5} {totals['ok_b']:>4}/{n:<5}")
    print()
    names = [r for r in rows if r["group"].startswith("namesake")]
    fa = sum(1 for r in names if ours[r["file"]].startswith("apparent_breach"))
    fa_b = sum(1 for r in names if base[r["file"]].startswith("apparent_breach"))
    print(f"apparent breaches on namesakes: {fa}/{len(names)} (baseline {fa_b}/{len(names)})")
    tc = [r for r in rows if r["group"] == "true_context"]
    kept = sum(1 for r in tc if ours[r["file"]] == "apparent_breach")
    kept_b = sum(1 for r in tc if base[r["file"]] == "apparent_breach")
    print(
        f"true travellers with agreeing context kept as apparent_breach: {kept}/{len(tc)} "
        f"(baseline {kept_b}/{len(tc)})"
    )
    ent = [r for r in rows if r["group"] == "entity"]
    leaked = sum(1 for r in ent if ours[r["file"]] != "none")
    leaked_b = sum(1 for r in ent if base[r["file"]] != "none")
    print(f"entity entries given as person findings: {leaked}/{len(ent)} (baseline {leaked_b})")
    if args.verbose:
        print()
        for r in rows:
            flag = "  " if _ok(r, ours[r["file"]]) else "XX"
            print(
                f"{flag} {r['file']:48} {r['expected']:16} {ours[r['file']]:28} {base[r['file']]}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
