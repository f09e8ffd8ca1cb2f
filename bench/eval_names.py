"""Quality of name screening on the shipped UN list, printed as figures.

Run: ``python bench/eval_names.py [LIST.xml]``

1. Held-out aliases: each Good alias (a.k.a. for entities) is used as a query against
   an index built WITHOUT that alias (so it is absent from the token frequencies too,
   not merely skipped); the entry must still come first (recall@1) and alert (score >=
   threshold). The aliases are split into 10 folds, one index per fold, and aliases
   of one entry go to different folds, so each entry loses as little as possible.
2. Original-script names (Arabic, Cyrillic): as queries, (a) with the name indexed,
   (b) held out the same way, so they must be found through the Latin names.
3. Noisy variants of listed names: typos, transliteration swaps, dropped middle names,
   reversed order, an added title. Generated with a fixed seed, never hand-picked.
4. People who are not listed (``bench/not_listed_names.txt``, 330 names from many naming
   cultures): the false-alert rate is the share that alerts on anything.

Each figure is printed beside a baseline measured in the same run: rapidfuzz
``token_sort_ratio`` on anyascii-folded names (the usual quick screening script),
with its threshold chosen by the same rule (the lowest threshold whose false-alert
rate is at most ours).
"""

from __future__ import annotations

import dataclasses
import random
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

from anyascii import anyascii
from rapidfuzz import fuzz, process

from travelban.models import AliasQuality, Entry, EntryKind
from travelban.names import NameIndex, load_rules
from travelban.sanctions import load_list
from travelban.settings import DEFAULT_THRESHOLD

ROOT = Path(__file__).resolve().parents[1]
LIST = ROOT / "lists" / "un-consolidated-2026-05-08.xml"
NOT_LISTED = ROOT / "bench" / "not_listed_names.txt"
SWEEP = (0.70, 0.75, 0.78, 0.80, 0.82, 0.85, 0.88, 0.90)

# Transliteration swaps used to make noisy variants (each applied at most once).
SWAPS = [
    ("q", "k"),
    ("k", "q"),
    ("ou", "u"),
    ("u", "ou"),
    ("ei", "ey"),
    ("ai", "ay"),
    ("ee", "i"),
    ("i", "ee"),
    ("ss", "s"),
    ("s", "ss"),
    ("dh", "z"),
    ("th", "t"),
    ("w", "v"),
    ("ph", "f"),
    ("y", "i"),
    ("gh", "q"),
    ("oo", "u"),
    ("mm", "m"),
    ("e", "a"),
    ("a", "e"),
    ("o", "u"),
    ("kh", "h"),
]
TITLES = ["General", "Sheikh", "Mullah", "Dr", "Haji", "Maulvi", "President", "Mr"]
FOLDS = 10


def fold(s: str) -> str:
    return re.sub(r"[^a-z ]+", " ", anyascii(s).lower()).strip()


def typo(rng: random.Random, name: str) -> str:
    words = name.split()
    i = max(range(len(words)), key=lambda k: len(words[k]))
    w = words[i]
    if len(w) < 4:
        return name
    p = rng.randrange(1, len(w) - 1)
    op = rng.choice(["swap", "drop", "double", "replace"])
    if op == "swap":
        w = w[:p] + w[p + 1] + w[p] + w[p + 2 :]
    elif op == "drop":
        w = w[:p] + w[p + 1 :]
    elif op == "double":
        w = w[:p] + w[p] + w[p:]
    else:
        w = w[:p] + rng.choice("aeioulnrst") + w[p + 1 :]
    words[i] = w
    return " ".join(words)


def translit(rng: random.Random, name: str) -> str:
    low = name.lower()
    options = [(a, b) for a, b in SWAPS if a in low]
    if not options:
        return name
    a, b = rng.choice(options)
    idx = [m.start() for m in re.finditer(re.escape(a), low)]
    at = rng.choice(idx)
    return (low[:at] + b + low[at + len(a) :]).title()


def variants(rng: random.Random, entry: Entry) -> list[tuple[str, str]]:
    """(kind, query) noisy variants of one individual's primary name."""
    words = entry.name.split()
    lead = {"abd", "abdul", "abdel", "abu", "al", "el", "bin", "ibn"}
    first = 2 if fold(words[0]) in lead and len(words) > 3 else 1
    out = [("typo", typo(rng, entry.name)), ("translit", translit(rng, entry.name))]
    if len(words) >= first + 2 and fold(words[-2]) not in lead:
        out.append(("given+family", " ".join([*words[:first], words[-1]])))
    if len(words) >= 2 and fold(words[-2]) not in lead:
        out.append(("surname first", " ".join([words[-1], *words[:-1]])))
    out.append(("titled", f"{rng.choice(TITLES)} {entry.name}"))
    out.append(("translit+typo", typo(rng, translit(rng, entry.name))))
    return out


def read_not_listed() -> list[str]:
    lines = NOT_LISTED.read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")]


def without(entry: Entry, texts: set[str]) -> Entry:
    """``entry`` with the name forms in ``texts`` (aliases, original-script name) removed."""
    return dataclasses.replace(
        entry,
        original_script="" if entry.original_script in texts else entry.original_script,
        aliases=tuple(a for a in entry.aliases if a.name not in texts),
    )


def held_out(
    entries: Sequence[Entry], cases: Sequence[tuple[int, str]], th: float
) -> list[tuple[str, float]]:
    """(reference, score) of the best match of each (entry index, name form) case, each
    screened against an index built from the list without that name form."""
    folds: dict[int, list[int]] = defaultdict(list)
    per_entry: dict[int, int] = defaultdict(int)
    for ci, (ei, _) in enumerate(cases):
        folds[per_entry[ei] % FOLDS].append(ci)
        per_entry[ei] += 1
    out: list[tuple[str, float]] = [("", 0.0)] * len(cases)
    for members in folds.values():
        drop: dict[int, set[str]] = defaultdict(set)
        for ci in members:
            drop[cases[ci][0]].add(cases[ci][1])
        fold_entries = [without(e, drop[ei]) if ei in drop else e for ei, e in enumerate(entries)]
        index = NameIndex.build(fold_entries)
        for ci in members:
            ms = index.screen(cases[ci][1], threshold=th, floor=0.0, limit=1)
            out[ci] = (ms[0].reference, ms[0].score) if ms else ("", 0.0)
    return out


class Baseline:
    """rapidfuzz token_sort_ratio of folded names against every list name."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.names: list[str] = []
        self.owner: list[str] = []
        self.form: list[tuple[str, str]] = []
        for e in entries:
            forms = [e.name, e.original_script, *(a.name for a in e.aliases)]
            for f in forms:
                if f.strip():
                    self.names.append(fold(f))
                    self.owner.append(e.reference)
                    self.form.append((e.reference, f))

    def best(
        self, queries: Sequence[str], exclude: Sequence[int | None] = ()
    ) -> list[tuple[str, float]]:
        """(reference, score 0..1) of the best list name for each query."""
        m = process.cdist(
            [fold(q) for q in queries], self.names, scorer=fuzz.token_sort_ratio, workers=1
        )
        out = []
        for i, row in enumerate(m):
            if exclude and exclude[i] is not None:
                row[exclude[i]] = 0
            j = int(row.argmax())
            out.append((self.owner[j], float(row[j]) / 100))
        return out


def rate(hits: Sequence[bool]) -> str:
    return f"{sum(hits) / max(1, len(hits)):6.1%} ({sum(hits)}/{len(hits)})"


def main(argv: Sequence[str]) -> None:
    argv = [a for a in argv if a != "-v"]
    path = Path(argv[0]) if argv else LIST
    slist = load_list(path)
    entries = slist.entries
    t0 = time.perf_counter()
    index = NameIndex.build(entries)
    print(
        f"list {path.name}: {len(entries)} entries, {len(index.names)} indexed names "
        f"(index built in {time.perf_counter() - t0:.2f} s)"
    )
    base = Baseline(entries)
    th = DEFAULT_THRESHOLD
    by_ref = slist.by_reference()

    def ours(q: str) -> tuple[str, float]:
        ms = index.screen(q, threshold=th, floor=0.0, limit=1)
        return (ms[0].reference, ms[0].score) if ms else ("", 0.0)

    # ---- 1. held-out aliases
    name_ids: dict[tuple[str, str], list[int]] = {}
    for nid, n in enumerate(index.names):
        name_ids.setdefault((index.entries[n.entry].reference, n.text), []).append(nid)
    base_ids: dict[tuple[str, str], int] = {f: i for i, f in enumerate(base.form)}
    held: list[tuple[str, str, frozenset[int], int | None]] = []
    held_at: list[tuple[int, str]] = []
    for ei, e in enumerate(entries):
        good = (AliasQuality.GOOD, AliasQuality.AKA)
        for a in e.aliases:
            if (
                a.quality in good
                and not a.original_script
                and (e.reference, a.name) in name_ids
                and a.name not in (e.name, e.original_script)
            ):
                held.append(
                    (
                        e.reference,
                        a.name,
                        frozenset(name_ids[(e.reference, a.name)]),
                        base_ids.get((e.reference, a.name)),
                    )
                )
                held_at.append((ei, a.name))
    r_ours = r_held = held_out(entries, held_at, th)
    r_base = base.best([q for _, q, _, _ in held], [b for *_, b in held])
    print("\n1. Held-out Good aliases (index rebuilt without the alias, alias used as query)")
    report_recall(held, r_ours, r_base, th)

    # ---- 2. original script
    os_cases = []
    os_at: list[tuple[int, str]] = []
    for ei, e in enumerate(entries):
        for text in [e.original_script, *(a.name for a in e.aliases if a.original_script)]:
            if text.strip() and (e.reference, text) in name_ids and text != e.name:
                os_cases.append(
                    (
                        e.reference,
                        text,
                        frozenset(name_ids[(e.reference, text)]),
                        base_ids.get((e.reference, text)),
                    )
                )
                os_at.append((ei, text))
    print("\n2a. Original-script names as queries (indexed)")
    report_recall(
        os_cases,
        [ours(q) for _, q, _, _ in os_cases],
        base.best([q for _, q, _, _ in os_cases]),
        th,
    )
    print("2b. Original-script names as queries, held out (found through Latin names)")
    report_recall(
        os_cases,
        held_out(entries, os_at, th),
        base.best([q for _, q, _, _ in os_cases], [b for *_, b in os_cases]),
        th,
    )

    # ---- 3. noisy variants
    rng = random.Random(20260508)
    noisy: list[tuple[str, str, str]] = []
    for e in entries:
        if e.kind is EntryKind.INDIVIDUAL and len(e.name.split()) >= 2:
            noisy.extend((e.reference, kind, q) for kind, q in variants(rng, e))
    r_ours = [ours(q) for _, _, q in noisy]
    r_base = base.best([q for _, _, q in noisy])
    print("\n3. Noisy variants of listed individuals' names")
    kinds = sorted({k for _, k, _ in noisy})
    print(f"   {'variant':<15}{'n':>6}  {'ours r@1':>9} {'ours alert':>11}  {'baseline r@1':>13}")
    for k in [*kinds, "all"]:
        sel = [i for i, (_, kk, _) in enumerate(noisy) if k in ("all", kk)]
        o1 = sum(r_ours[i][0] == noisy[i][0] for i in sel) / len(sel)
        oa = sum(r_ours[i][0] == noisy[i][0] and r_ours[i][1] >= th for i in sel) / len(sel)
        b1 = sum(r_base[i][0] == noisy[i][0] for i in sel) / len(sel)
        print(f"   {k:<15}{len(sel):>6}  {o1:>9.1%} {oa:>11.1%}  {b1:>13.1%}")
        if k != "all" and "-v" in sys.argv:
            for i in [i for i in sel if r_ours[i][0] != noisy[i][0]][:4]:
                print(f"      miss: {noisy[i][2]!r} ({noisy[i][0]}) -> {r_ours[i][0] or 'nothing'}")

    # ---- 3c. given + family name only, as news writes Arab names
    gf = [
        (e.reference, f"{e.name_parts[0]} {e.name_parts[-1]}")
        for e in entries
        if e.kind is EntryKind.INDIVIDUAL and len(e.name_parts) >= 3
    ]
    r_ours = [ours(q) for _, q in gf]
    r_base = base.best([q for _, q in gf])
    n = max(1, len(gf))
    o1 = sum(r == ref for (ref, _), (r, _) in zip(gf, r_ours, strict=True))
    oa = sum(r == ref and sc >= th for (ref, _), (r, sc) in zip(gf, r_ours, strict=True))
    ow = sum(r != ref and sc >= th for (ref, _), (r, sc) in zip(gf, r_ours, strict=True))
    b1 = sum(r == ref for (ref, _), (r, _) in zip(gf, r_base, strict=True))
    print(
        "\n3c. Given + family only, middle names dropped (first + last name part of every"
        f" individual with >= 3 parts)\n   n={len(gf)}: ours recall@1 {o1 / n:.1%}, alerting "
        f"{oa / n:.1%}, alerting on another entry first {ow / n:.1%}; baseline recall@1 "
        f"{b1 / n:.1%}"
    )
    # Given name of one listed person + family name of another: nobody's name.
    words = [set(fold(" ".join([e.name, *(a.name for a in e.aliases)])).split()) for e in entries]
    shuffled = [q for _, q in gf]
    rng.shuffle(shuffled)
    mixed = []
    for (_, q1), q2 in zip(gf, shuffled, strict=True):
        given, family = q1.split()[0], q2.split()[-1]
        pair = set(fold(f"{given} {family}").split())
        if pair and not any(pair <= w for w in words):
            mixed.append(f"{given} {family}")
    m_scores = [ours(q)[1] for q in mixed]
    mb = [s for _, s in base.best(mixed)]
    print(
        f"   given name of one listed person + family name of another (n={len(mixed)}): "
        f"false alerts ours {rate([s >= th for s in m_scores])}"
    )
    print(f"      baseline at {th:.2f}: {rate([s >= th for s in mb])}")
    if "-v" in sys.argv:
        for q, sc in zip(mixed, m_scores, strict=True):
            if sc >= th:
                print(f"      alert: {q!r} -> {ours(q)[0]} {sc:.3f}")

    # ---- 3b. Korean surnames as South Korean / Revised Romanization spellings
    spellings = {sp[0]: sp[1:] for _, sp in load_rules().korean.surnames}  # type: ignore[union-attr]
    korean: list[tuple[str, str]] = []
    for e in entries:
        words = e.name.split()
        if e.kind is EntryKind.INDIVIDUAL and len(words) >= 2 and e.reference.startswith("KP"):
            for other in spellings.get(words[0].lower(), ()):
                if len(other) >= 2:
                    korean.append((e.reference, " ".join([other.title(), *words[1:]])))
    r_ours = [ours(q) for _, q in korean]
    r_base = base.best([q for _, q in korean])
    o1 = sum(r == ref for (ref, _), (r, _) in zip(korean, r_ours, strict=True))
    oa = sum(r == ref and sc >= th for (ref, _), (r, sc) in zip(korean, r_ours, strict=True))
    b1 = sum(r == ref for (ref, _), (r, _) in zip(korean, r_base, strict=True))
    n = max(1, len(korean))
    print(
        f"\n3b. DPRK names with the surname spelt the South Korean way (Lee, Park, Choi, Gim ...)"
        f"\n   n={len(korean)}: ours recall@1 {o1 / n:.1%}, alerting {oa / n:.1%}; "
        f"baseline recall@1 {b1 / n:.1%}"
    )

    # ---- 4. not listed
    people = read_not_listed()
    o_scores = [ours(q)[1] for q in people]
    b_scores = [s for _, s in base.best(people)]
    print(f"\n4. Not-listed people ({len(people)} names): false-alert rate by threshold")
    print(f"   {'threshold':>9}  {'ours':>16}  {'baseline':>16}")
    for t in SWEEP:
        print(
            f"   {t:>9.2f}  {rate([s >= t for s in o_scores]):>16}"
            f"  {rate([s >= t for s in b_scores]):>16}"
        )
    fa = [s >= th for s in o_scores]
    print(f"   at the default threshold {th:.2f}: ours {rate(fa)}")
    for q, s in sorted(zip(people, o_scores, strict=True), key=lambda x: -x[1])[:8]:
        top = index.screen(q, floor=0.0, limit=1)
        if top:
            print(f"     {s:.3f}  {q!r} -> {top[0].reference} {top[0].matched_name!r}")

    # ---- sweep over thresholds: recall of held-out aliases + noisy vs false alerts
    print(
        "\n5. Threshold sweep (ours): held-out alias alert-recall, noisy alert-recall, false alerts"
    )
    h = r_held
    nz = [ours(q) for _, _, q in noisy]
    for t in SWEEP:
        hr = sum(r == ref and s >= t for (ref, *_), (r, s) in zip(held, h, strict=True)) / len(held)
        nr = sum(r == ref and s >= t for (ref, _, _), (r, s) in zip(noisy, nz, strict=True)) / len(
            noisy
        )
        far = sum(s >= t for s in o_scores) / len(o_scores)
        print(f"   {t:.2f}: held-out {hr:6.1%}  noisy {nr:6.1%}  false alerts {far:6.1%}")
    # baseline at the threshold giving the same false-alert rate as ours
    target = sum(fa) / len(fa)
    bt = next(
        (
            t / 100
            for t in range(50, 101)
            if sum(s >= t / 100 for s in b_scores) / len(b_scores) <= target
        ),
        1.0,
    )
    bh = base.best([q for _, q, _, _ in held], [b for *_, b in held])
    bn = base.best([q for _, _, q in noisy])
    bhr = sum(r == ref and s >= bt for (ref, *_), (r, s) in zip(held, bh, strict=True)) / len(held)
    bnr = sum(r == ref and s >= bt for (ref, _, _), (r, s) in zip(noisy, bn, strict=True)) / len(
        noisy
    )
    print(
        f"   baseline at {bt:.2f} (its lowest threshold with false alerts <= ours): "
        f"held-out {bhr:6.1%}  noisy {bnr:6.1%}"
    )
    _ = by_ref


def report_recall(
    cases: Sequence[tuple[str, str, frozenset[int], int | None]],
    ours: Sequence[tuple[str, float]],
    base: Sequence[tuple[str, float]],
    th: float,
    show: Callable[[str], None] = print,
) -> None:
    n = len(cases)
    o1 = sum(r == c[0] for c, (r, _) in zip(cases, ours, strict=True))
    oa = sum(r == c[0] and s >= th for c, (r, s) in zip(cases, ours, strict=True))
    b1 = sum(r == c[0] for c, (r, _) in zip(cases, base, strict=True))
    show(
        f"   n={n}: ours recall@1 {o1 / max(1, n):.1%}, alerting {oa / max(1, n):.1%}; "
        f"baseline recall@1 {b1 / max(1, n):.1%}"
    )
    misses = [(c[1], r) for c, (r, _) in zip(cases, ours, strict=True) if r != c[0]][:5]
    for q, r in misses:
        show(f"     miss: {q!r} -> {r or 'nothing'}")


if __name__ == "__main__":
    main(sys.argv[1:])
