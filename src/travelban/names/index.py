"""The name index: every name and alias of every entry, blocked by transliteration keys.

``screen`` finds candidate list names through token keys and consonant skeletons (with
one-deletion neighbours, so one wrong consonant still blocks), aligns query tokens
with list tokens one to one, and scores the alignment; every score carries its
explanation. ``find_in_text`` scans running text for the list's own names.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from travelban.models import (
    AliasQuality,
    Entry,
    EntryKind,
    Evidence,
    Explanation,
    NameMatch,
    TokenAlignment,
)
from travelban.names.normalize import (
    _ARTICLE_ALWAYS,
    _WORD,
    Normalizer,
    Role,
    Token,
    get_normalizer,
)
from travelban.names.score import (
    BASE_MAX,
    EVIDENCE_LIFT,
    QUALITY_PENALTY,
    QUERY_EXPONENT,
    SCORE_CAP,
    TITLE_AGREES,
    WEAK_AGREES,
    EvidenceJudge,
    describe_entry,
    df_weight,
    name_score,
    role_weight,
    token_similarity,
)
from travelban.settings import DEFAULT_THRESHOLD

log = logging.getLogger(__name__)

SCORER = "travelban token alignment v1 (translit keys, consonant skeletons, Levenshtein)"
# Postings longer than this (Muhammad, Ali ...) do not generate candidates on their own
# when the query has a rarer token; they still count in the alignment.
COMMON_POSTINGS = 120
# Candidates kept below the caller's floor to detect near-homonyms.
HOMONYM_MARGIN = 0.06
HOMONYM_MIN = 0.7
# Skeletons shorter than this do not block through one-consonant deletions (too many hits).
MIN_DELETE_SKELETON = 4
# A lone surname is reported in text only when few entries share it.
SURNAME_MAX_DF = 6


@dataclass(frozen=True, slots=True)
class IndexedName:
    """One name form of an entry: its primary name, an alias, or its original-script name."""

    entry: int  # position in NameIndex.entries
    text: str  # as the list writes it
    kind: str  # "name", "alias", "original"
    quality: AliasQuality | None
    tokens: tuple[Token, ...]
    tids: tuple[int, ...]  # vocabulary id per token
    weights: tuple[float, ...]  # coverage weight per token (0 for weak tokens)
    strong: tuple[tuple[int, int], ...] = ()  # (position, vocabulary id) of weighted tokens


@dataclass(frozen=True, slots=True)
class TextHit:
    """A list name (or a distinctive part of one) found in running text."""

    start: int
    end: int
    text: str
    references: tuple[str, ...]
    matched: str = ""  # the list name form that matched
    kind: str = ""  # "name", "alias", "partial", "surname"


def _deletions(s: str) -> set[str]:
    """One-consonant deletions of a skeleton: blocks a wrong, missing or extra consonant."""
    return {s[:i] + s[i + 1 :] for i in range(len(s))} if len(s) >= MIN_DELETE_SKELETON else set()


class NameIndex:
    """Every name, alias and original-script name of a list, ready to screen queries."""

    def __init__(self, entries: Sequence[Entry], normalizer: Normalizer) -> None:
        self.entries: tuple[Entry, ...] = tuple(entries)
        self.norm = normalizer
        self.judge = EvidenceJudge(normalizer)
        self.names: list[IndexedName] = []
        self.vocab: list[Token] = []
        self._tid: dict[tuple[str, str, bool], int] = {}
        self._postings: list[list[int]] = []
        self._by_key: dict[str, list[int]] = defaultdict(list)
        self._by_skel: dict[str, list[int]] = defaultdict(list)
        self._by_del: dict[str, list[int]] = defaultdict(list)
        self._key_df: dict[str, int] = {}
        self._hit_cache: dict[
            tuple[str, bool, str], tuple[dict[int, tuple[float, str]], int, frozenset[int]]
        ] = {}
        self._posting_sets: list[frozenset[int]] = []
        self._scan: _TextScanner | None = None
        self._build()

    # ------------------------------------------------------------ building

    @classmethod
    def build(cls, entries: Iterable[Entry], *, rules_dir: Path | None = None) -> NameIndex:
        """Index every name and alias (and original-script name) of ``entries``."""
        return cls(tuple(entries), get_normalizer(rules_dir))

    def _forms(self, entry: Entry) -> Iterable[tuple[str, str, AliasQuality | None]]:
        yield entry.name, "name", None
        if entry.original_script.strip():
            yield entry.original_script, "original", None
        for alias in entry.aliases:
            if alias.name.strip():
                yield alias.name, "original" if alias.original_script else "alias", alias.quality

    def _vocab_id(self, tok: Token) -> int:
        k = (tok.spelling, tok.text, tok.abjad)
        tid = self._tid.get(k)
        if tid is None:
            tid = len(self.vocab)
            self._tid[k] = tid
            self.vocab.append(tok)
            self._postings.append([])
            self._by_key[tok.key].append(tid)
            self._by_skel[tok.skeleton].append(tid)
            for d in _deletions(tok.skeleton):
                self._by_del[d].append(tid)
        return tid

    def _build(self) -> None:
        raw: list[tuple[int, str, str, AliasQuality | None, tuple[Token, ...]]] = []
        df: dict[str, set[int]] = defaultdict(set)
        for ei, entry in enumerate(self.entries):
            seen: set[str] = set()
            for text, kind, quality in self._forms(entry):
                if text in seen:
                    continue
                seen.add(text)
                toks = self.norm.analyse(text)
                if not toks:
                    continue
                raw.append((ei, text, kind, quality, toks))
                for t in toks:
                    if not t.role.weak:
                        df[t.key].add(ei)
        self._key_df = {k: len(v) for k, v in df.items()}
        for ei, text, kind, quality, toks in raw:
            if all(t.role.weak for t in toks):
                # A name made only of title words ("Mullah Sahib"): they are its content.
                toks = tuple(
                    Token(
                        t.text,
                        t.key,
                        t.skeleton,
                        Role.CONTENT,
                        t.abjad,
                        t.canonical,
                        -1,
                        -1,
                        t.spelling,
                    )
                    for t in toks
                )
            tids = tuple(self._vocab_id(t) for t in toks)
            weights = tuple(role_weight(t.role) * self.key_weight(t.key) for t in toks)
            nid = len(self.names)
            strong = tuple((li, tid) for li, tid in enumerate(tids) if weights[li] > 0)
            self.names.append(IndexedName(ei, text, kind, quality, toks, tids, weights, strong))
            for t, tid in zip(toks, tids, strict=True):
                if not t.role.weak:
                    postings = self._postings[tid]
                    if not postings or postings[-1] != nid:
                        postings.append(nid)
        self._posting_sets = [frozenset(p) for p in self._postings]
        log.debug("indexed %d names, %d distinct tokens", len(self.names), len(self.vocab))

    def key_weight(self, key: str) -> float:
        """Coverage weight of a token key: rare in the list -> 1.0, common -> down to 0.3."""
        return df_weight(self._key_df.get(key, 0))

    # ------------------------------------------------------------ screening

    def _token_hits(self, q: Token) -> tuple[dict[int, tuple[float, str]], int, frozenset[int]]:
        """List-token id -> (similarity, rule) for every list token near ``q``, the postings
        total, and the names holding any of those tokens."""
        ck = (q.spelling, q.abjad, q.text)
        hit = self._hit_cache.get(ck)
        if hit is not None:
            return hit
        cands: set[int] = set()
        if not q.abjad:
            cands.update(self._by_key.get(q.key, ()))
            cands.update(self._by_key.get("al" + q.key, ()))
            if q.key.startswith("al") and len(q.key) > 4:
                cands.update(self._by_key.get(q.key[2:], ()))
        probes = {q.skeleton} | _deletions(q.skeleton)
        for p in probes:
            cands.update(self._by_skel.get(p, ()))
            cands.update(self._by_del.get(p, ()))
        out: dict[int, tuple[float, str]] = {}
        vocab = self.vocab
        for tid in cands:
            sim, rule = token_similarity(q, vocab[tid])
            if sim > 0:
                out[tid] = (sim, rule)
        sets = self._posting_sets
        res = (
            out,
            sum(len(self._postings[tid]) for tid in out),
            frozenset().union(*(sets[tid] for tid in out)),
        )
        if len(self._hit_cache) < 200_000:
            self._hit_cache[ck] = res
        return res

    def screen(
        self,
        query: str,
        *,
        evidence: Evidence | None = None,
        threshold: float = DEFAULT_THRESHOLD,
        floor: float | None = None,
        limit: int = 10,
    ) -> tuple[NameMatch, ...]:
        """Matches for ``query``, best first: score >= threshold (or >= floor when given)."""
        return self._screen(query, evidence, threshold, floor, limit, frozenset())

    def _screen(
        self,
        query: str,
        evidence: Evidence | None,
        threshold: float,
        floor: float | None,
        limit: int,
        exclude: frozenset[int],
    ) -> tuple[NameMatch, ...]:
        """``screen`` with some indexed names left out (``exclude``: name ids; for evaluation)."""
        cut = threshold if floor is None else min(floor, threshold)
        toks = self.norm.analyse(query)
        if not toks:
            return ()
        content = [t for t in toks if not t.role.weak]
        weak = [t for t in toks if t.role.weak]
        if not content:
            content = [
                Token(
                    t.text,
                    t.key,
                    t.skeleton,
                    Role.CONTENT,
                    t.abjad,
                    t.canonical,
                    t.start,
                    t.end,
                    t.spelling,
                )
                for t in weak
            ]
            weak = []
        found = [self._token_hits(q) for q in content]
        hits = [f[0] for f in found]
        sizes = [f[1] for f in found]
        reach = [f[2] for f in found]
        # Unknown query tokens weigh fully: a word the list never uses argues against it.
        q_weights = [role_weight(q.role) * self.key_weight(q.key) for q in content]
        keep_at = cut - HOMONYM_MARGIN
        # Upper bound of what adjustments can add, for pruning before alignment.
        lift = EVIDENCE_LIFT if evidence is not None else 0.0
        lift += WEAK_AGREES * 2 + TITLE_AGREES if weak else 0.0
        has_initials = any(len(q.text) == 1 for q in content)  # they align outside the hits
        candidates = self._candidates(
            reach, sizes, q_weights, exclude, -1.0 if has_initials else keep_at - lift
        )
        if not candidates:
            return ()
        best: dict[int, tuple[float, IndexedName, list[tuple[int, int, float, str]], str]] = {}
        for nid in candidates:
            name = self.names[nid]
            aligned = self._align(content, hits, name)
            if not aligned:
                continue
            base, detail = name_score(
                q_weights, name.weights, [(a, b, s) for a, b, s, _ in aligned]
            )
            if base + lift < keep_at:
                continue
            prev = best.get(name.entry)
            if prev is None or base > prev[0] or (base == prev[0] and name.kind == "name"):
                best[name.entry] = (base, name, aligned, detail)
        scored: list[tuple[float, NameMatch, int]] = []
        for ei, (base, name, aligned, detail) in best.items():
            entry = self.entries[ei]
            adjustments: list[tuple[str, float]] = []
            if name.quality in QUALITY_PENALTY:
                adjustments.append(QUALITY_PENALTY[name.quality])
            weak_alignments = self._weak_alignments(weak, name)
            if weak_alignments:
                shown = " ".join(a.query_token for a in weak_alignments)
                adjustments.append((f"'{shown}' also written in the list name", WEAK_AGREES))
            adjustments.extend(self.judge.adjust(entry, evidence, weak))
            score = base + sum(d for _, d in adjustments)
            score = round(max(0.0, min(SCORE_CAP, score)), 4)
            if score < cut - HOMONYM_MARGIN:
                continue
            match = self._match(
                query,
                entry,
                name,
                content,
                aligned,
                weak_alignments,
                adjustments,
                detail,
                score,
                threshold,
            )
            scored.append((score, match, ei))
        scored.sort(key=lambda s: (-s[0], s[1].reference))
        return self._finish(scored, cut, limit)

    def screen_many(
        self,
        queries: Sequence[str],
        *,
        evidence: Evidence | None = None,
        threshold: float = DEFAULT_THRESHOLD,
        floor: float | None = None,
        limit: int = 10,
    ) -> list[tuple[NameMatch, ...]]:
        """``screen`` for many queries; token look-ups and repeated queries are shared."""
        seen: dict[str, tuple[NameMatch, ...]] = {}
        out = []
        for q in queries:
            res = seen.get(q)
            if res is None:
                res = self.screen(
                    q, evidence=evidence, threshold=threshold, floor=floor, limit=limit
                )
                seen[q] = res
            out.append(res)
        return out

    def _candidates(
        self,
        reach: list[frozenset[int]],
        sizes: list[int],
        q_weights: list[float],
        exclude: frozenset[int],
        need: float,
    ) -> set[int]:
        """Names that can still score ``need`` (before adjustments) given which query tokens
        reach them. Common tokens (Muhammad, Ali) do not generate candidates while a rarer
        token does; they are assumed to reach every name, which keeps the bound safe."""
        rare = [qi for qi, n in enumerate(sizes) if 0 < n <= COMMON_POSTINGS]
        out = self._reach(reach, rare, q_weights, need, sizes) - exclude
        if not out:
            every = [qi for qi, n in enumerate(sizes) if n > 0]
            if every != rare:
                out = self._reach(reach, every, q_weights, need, [0] * len(sizes)) - exclude
        return out

    def _reach(
        self,
        reach: list[frozenset[int]],
        use: list[int],
        q_weights: list[float],
        need: float,
        sizes: list[int],
    ) -> set[int]:
        if not use:
            return set()
        per_q = {qi: reach[qi] for qi in use}
        if need <= 0 or len(use) > 6:
            return set().union(*per_q.values())
        sq = sum(q_weights) or 1.0
        assumed = sum(w for qi, w in enumerate(q_weights) if sizes[qi] > COMMON_POSTINGS)
        out: set[int] = set()
        passed: list[frozenset[int]] = []
        for r in range(1, len(use) + 1):
            for subset in combinations(use, r):
                fs = frozenset(subset)
                if any(p <= fs for p in passed):
                    continue  # a smaller passing subset already brought these names in
                covered = assumed + sum(q_weights[qi] for qi in subset)
                if BASE_MAX * (covered / sq) ** QUERY_EXPONENT < need:
                    continue
                passed.append(fs)
                out |= frozenset.intersection(*(per_q[qi] for qi in subset))
        return out

    def _align(
        self, content: list[Token], hits: list[dict[int, tuple[float, str]]], name: IndexedName
    ) -> list[tuple[int, int, float, str]]:
        """One-to-one alignment (query index, list index, similarity, rule), greedy."""
        pairs = []
        for li, tid in name.strong:
            for qi, h in enumerate(hits):
                s = h.get(tid)
                if s is not None:
                    pairs.append((s[0], qi, li, s[1]))
        if len(pairs) > 1:
            pairs.sort(key=lambda p: (-p[0], abs(p[1] - p[2])))
        used_q: set[int] = set()
        used_l: set[int] = set()
        aligned = []
        for sim, qi, li, rule in pairs:
            if qi in used_q or li in used_l:
                continue
            used_q.add(qi)
            used_l.add(li)
            aligned.append((qi, li, sim, rule))
        if len(used_q) < len(content) and len(used_l) < len(name.strong):
            aligned.extend(self._align_rest(content, name, used_q, used_l))
        return aligned

    def _align_rest(
        self, content: list[Token], name: IndexedName, used_q: set[int], used_l: set[int]
    ) -> list[tuple[int, int, float, str]]:
        """Initials and names written joined or split (Jong Un / Jongun)."""
        out = []
        lt = name.tokens
        free_l = [li for li in range(len(lt)) if li not in used_l and name.weights[li] > 0]
        for qi, q in enumerate(content):
            if qi in used_q:
                continue
            for li in free_l:
                if li in used_l:
                    continue
                t = lt[li]
                if (len(q.text) == 1 or len(t.text) == 1) and q.text[0] == t.text[0]:
                    out.append((qi, li, 0.7, "initial"))
                    used_q.add(qi)
                    used_l.add(li)
                    break
                nxt = lt[li + 1] if li + 1 < len(lt) and li + 1 not in used_l else None
                if nxt is not None and q.key == t.key + nxt.key:
                    out.append((qi, li, 0.94, "joined"))
                    out.append((qi, li + 1, 0.94, "joined"))
                    used_q.add(qi)
                    used_l.update((li, li + 1))
                    break
        for qi in range(len(content) - 1):
            if qi in used_q or qi + 1 in used_q:
                continue
            joined = content[qi].key + content[qi + 1].key
            for li in free_l:
                if li not in used_l and lt[li].key == joined:
                    out.append((qi, li, 0.94, "joined"))
                    out.append((qi + 1, li, 0.94, "joined"))
                    used_q.update((qi, qi + 1))
                    used_l.add(li)
                    break
        return out

    def _weak_alignments(self, weak: list[Token], name: IndexedName) -> list[TokenAlignment]:
        out = []
        keys = {t.key: t for t in name.tokens if t.role.weak}
        for q in weak:
            t = keys.get(q.key)
            if t is not None:
                out.append(TokenAlignment(q.spelling, t.spelling, 1.0, f"weak:{q.role.value}"))
        return out

    def _match(
        self,
        query: str,
        entry: Entry,
        name: IndexedName,
        content: list[Token],
        aligned: list[tuple[int, int, float, str]],
        weak_alignments: list[TokenAlignment],
        adjustments: list[tuple[str, float]],
        detail: str,
        score: float,
        threshold: float,
    ) -> NameMatch:
        lt = name.tokens
        rows = [
            TokenAlignment(content[qi].spelling, lt[li].spelling, round(s, 3), rule)
            for qi, li, s, rule in sorted(aligned, key=lambda a: a[0])
        ]
        hit_q = {a[0] for a in aligned}
        hit_l = {a[1] for a in aligned}
        rows += [
            TokenAlignment(q.spelling, "", 0.0, "unmatched")
            for i, q in enumerate(content)
            if i not in hit_q
        ]
        rows += [
            TokenAlignment("", t.spelling, 0.0, "missing")
            for i, t in enumerate(lt)
            if i not in hit_l and name.weights[i] > 0
        ]
        rows += weak_alignments
        if name.kind == "name":
            via = "primary name"
        elif name.kind == "original":
            via = "original-script name"
        else:
            q = name.quality.value if name.quality else "unspecified"
            via = f"{q} alias"
        verdict = "alert" if score >= threshold else "below threshold (review)"
        summary = (
            f"{entry.name} ({entry.reference}) via {via} '{name.text}': {detail}; "
            f"score {score:.2f} vs threshold {threshold:.2f}: {verdict}"
        )
        return NameMatch(
            query=query,
            reference=entry.reference,
            name=entry.name,
            matched_name=name.text,
            alias_quality=None if name.kind == "name" else name.quality,
            score=score,
            explanation=Explanation(
                scorer=SCORER,
                threshold=threshold,
                alignments=tuple(rows),
                adjustments=tuple((r, round(d, 3)) for r, d in adjustments),
                summary=summary,
            ),
            list_type=entry.list_type,
        )

    def _finish(
        self, scored: list[tuple[float, NameMatch, int]], cut: float, limit: int
    ) -> tuple[NameMatch, ...]:
        """Keep matches >= cut; note near-homonyms and what would tell them apart."""
        kept = [s for s in scored if s[0] >= cut][: max(0, limit)]
        out = []
        for score, match, ei in kept:
            rivals = [
                (s2, m2, e2)
                for s2, m2, e2 in scored
                if e2 != ei and abs(s2 - score) <= HOMONYM_MARGIN and s2 >= HOMONYM_MIN
            ][:3]
            if rivals:
                me = describe_entry(self.entries[ei])
                notes = []
                for s2, m2, e2 in rivals:
                    other = describe_entry(self.entries[e2])
                    differ = [f"{k} {me[k]} vs {other[k]}" for k in me if me[k] != other[k]]
                    notes.append(
                        f"near-homonym {m2.reference} {m2.name} ({s2:.2f}); distinguish by: "
                        + ("; ".join(differ) if differ else "no listed fact differs")
                    )
                expl = match.explanation
                match = NameMatch(
                    query=match.query,
                    reference=match.reference,
                    name=match.name,
                    matched_name=match.matched_name,
                    alias_quality=match.alias_quality,
                    score=match.score,
                    explanation=Explanation(
                        scorer=expl.scorer,
                        threshold=expl.threshold,
                        alignments=expl.alignments,
                        adjustments=expl.adjustments,
                        summary=expl.summary + ". " + " | ".join(notes),
                    ),
                    list_type=match.list_type,
                )
            out.append(match)
        return tuple(out)

    # ------------------------------------------------------------ text scan

    def find_in_text(self, text: str) -> list[TextHit]:
        """Spans of ``text`` that spell a list name, alias, or a distinctive listed surname."""
        if self._scan is None:
            self._scan = _TextScanner(self)
        return self._scan.scan(text)


class _TextScanner:
    """Phrase table over token keys: names, aliases, given+family pairs, rare surnames."""

    def __init__(self, index: NameIndex) -> None:
        self.norm = index.norm
        common = index.norm.rules.common_tokens
        # first key -> {keys: (references, list name texts, kind)}
        table: dict[str, dict[tuple[str, ...], tuple[set[str], list[str], str]]] = defaultdict(dict)
        kind_rank = {"name": 0, "alias": 1, "partial": 2, "surname": 3}

        def add(keys: tuple[str, ...], ref: str, text: str, kind: str) -> None:
            slot = table[keys[0]]
            have = slot.get(keys)
            if have is None:
                slot[keys] = ({ref}, [text], kind)
            else:
                have[0].add(ref)
                have[1].append(text)
                if kind_rank[kind] < kind_rank[have[2]]:
                    slot[keys] = (have[0], have[1], kind)

        for name in index.names:
            if name.kind == "original" and any(t.abjad for t in name.tokens):
                continue
            entry = index.entries[name.entry]
            ref = entry.reference
            toks = name.tokens
            content = [t for t in toks if not t.role.weak]
            keys = tuple(t.key for t in toks if t.role is not Role.ORG)
            telling = [t for t in content if t.text not in common and len(t.text) >= 3]
            if (len(keys) >= 2 and (telling or len(keys) >= 3)) or (
                len(keys) == 1
                and len(keys[0]) >= 5
                and toks[0].text not in common
                and index._key_df.get(keys[0], 0) <= 2
            ):
                add(keys, ref, name.text, "name" if name.kind == "name" else "alias")
            if entry.kind is EntryKind.INDIVIDUAL and name.quality is not AliasQuality.LOW:
                if len(content) >= 3 and (
                    content[0].text not in common or content[-1].text not in common
                ):
                    add((content[0].key, content[-1].key), ref, name.text, "partial")
                if len(content) >= 2 and name.kind == "name":
                    last = content[-1]
                    if (
                        len(last.text) >= 4
                        and last.text not in common
                        and last.canonical == ""
                        and index._key_df.get(last.key, 0) <= SURNAME_MAX_DF
                    ):
                        add((last.key,), ref, name.text, "surname")
        self.table = {
            k: sorted(
                ((ks, tuple(sorted(v[0])), tuple(v[1]), v[2]) for ks, v in d.items()),
                key=lambda x: -len(x[0]),
            )
            for k, d in table.items()
        }
        self._cache: dict[tuple[str, bool], tuple[tuple[str, str], ...]] = {}

    def _word_info(self, word: str, hyphen: bool) -> tuple[tuple[str, str], ...]:
        """(kind, key) per piece of one written word: "A" article, "C" compound, "T" token."""
        out = []
        norm = self.norm
        for piece, _abjad in norm._fold_word(word):
            if piece in norm._articles and (hyphen or piece in _ARTICLE_ALWAYS):
                out.append(("A", piece))
            elif piece in norm._compounds:
                out.append(("C", piece))
            else:
                tok = norm._token(piece, piece, False, 0, 0)
                out.append(("O" if tok.role is Role.ORG else "T", tok.key))
        return tuple(out)

    def scan(self, text: str) -> list[TextHit]:
        """Longest phrase hits, left to right, without overlaps."""
        cache = self._cache
        keys: list[str] = []
        kinds: list[str] = []
        spans: list[tuple[int, int]] = []
        n_text = len(text)
        pending_compound: tuple[str, int] | None = None
        for m in _WORD.finditer(text):
            word = m.group()
            start, end = m.span()
            hyphen = end < n_text and text[end] == "-"
            ck = (word, hyphen)
            info = cache.get(ck)
            if info is None:
                info = self._word_info(word, hyphen)
                if len(cache) < 200_000:
                    cache[ck] = info
            for kind, key in info:
                if kind == "A":
                    continue
                if kind == "C":
                    pending_compound = (key, start)
                    continue
                if pending_compound is not None:
                    # Abd al-Rahman written in running text: one given name, as in the index.
                    merged = self.norm._token("abd" + key, "abd" + key, False, 0, 0).key
                    keys.append(merged)
                    kinds.append(kind)
                    spans.append((pending_compound[1], end))
                    pending_compound = None
                    continue
                keys.append(key)
                kinds.append(kind)
                spans.append((start, end))
        hits: list[TextHit] = []
        table = self.table
        i = 0
        n = len(keys)
        while i < n:
            cands = table.get(keys[i])
            if cands is None or kinds[i] == "O":
                i += 1
                continue
            done = False
            for phrase, refs, matched, kind in cands:
                k = len(phrase)
                if i + k > n:
                    continue
                if any(keys[i + j] != phrase[j] for j in range(1, k)):
                    continue
                start, end = spans[i][0], spans[i + k - 1][1]
                if k > 1 and end - start > 12 * k + 20:
                    continue  # the words are not next to each other in the text
                if k == 1 and not text[start : start + 1].isupper():
                    continue  # lone names only when written as a name
                written = text[start:end]
                # The list spelling closest to what the text wrote (Qassem -> QASEM, not GHASEM).
                shown = min(matched, key=lambda m: Levenshtein.distance(m.lower(), written.lower()))
                hits.append(TextHit(start, end, written, refs, shown, kind))
                i += k
                done = True
                break
            if not done:
                i += 1
        return hits
