"""The name index: every name and alias of every entry, blocked by transliteration keys.

``screen`` finds candidate list names through token keys and consonant skeletons (with
one-deletion neighbours, so one wrong consonant still blocks), aligns query tokens
with list tokens one to one, and scores the alignment; every score carries its
explanation. ``find_in_text`` scans running text for the list's own names.
"""

from __future__ import annotations

import gc
import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import combinations, permutations
from pathlib import Path

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Levenshtein

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
    WEAK_ROLES,
    Normalizer,
    Role,
    Token,
    _slips,
    get_normalizer,
)
from travelban.names.score import (
    ARTICLE_SLIP_MAX,
    ARTICLE_SLIP_RULE,
    ARTICLE_SLIP_SIM,
    BASE_MAX,
    COMPOUND,
    COMPOUND_PART_MIN,
    EVIDENCE_LIFT,
    EXPLAINING_RULES,
    FALLBACK_HIGH,
    FALLBACK_LIMIT,
    FALLBACK_LOW,
    FALLBACK_MARGIN,
    FALLBACK_RATIO,
    GLUED_ARTICLES,
    KOREAN_SIM,
    LOOSE_RULE,
    LOOSE_TITLE_RULE,
    NAMED_TITLE_RULE,
    PERSON_FOR_ORGANISATION,
    QUALITY_PENALTY,
    QUERY_EXPONENT,
    ROMANISED_SLIP_RULE,
    SCORE_CAP,
    SKELETON_SLIP_RULE,
    SLIP_RULES,
    TITLE_AGREES,
    TITLE_RULE,
    VOWEL_SLIP_MIN,
    VOWEL_SLIP_RULE,
    WEAK_AGREES,
    WEAK_SHARED_REVIEW,
    EvidenceJudge,
    describe_entry,
    df_weight,
    loose_similarity,
    name_factors,
    name_score,
    role_weight,
    romanised_key,
    token_similarity,
    vowel_blind,
    vowel_slip_similarity,
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
# Letter pairs a transliteration rule reads as one sound or one letter: where two words
# meet on one of these, the glued word's key must be worked out afresh.
_BOUNDARY = frozenset(
    {c + c for c in "abcdefghijklmnopqrstuvwxyz"}
    | {"sh", "kh", "ch", "th", "dh", "gh", "ph", "zh", "ck", "tc", "ou", "oo", "ee", "ei"}
    | {"ey", "ay", "ai", "ie", "eo", "eu", "iy", "ah", "eh", "ih", "uh", "oh", "yo", "yu"}
    | {"ce", "ci", "cy"}  # a c read "s" before these (Soc Iety: Society)
)
# A match resting on one shared common word (listed as common, or with a coverage
# weight under COMMON_WEIGHT) scores at most ONE_COMMON_CAP, whatever the evidence.
ONE_COMMON_CAP = 0.75
COMMON_WEIGHT = 0.6
# Corroborating context (EvidenceJudge.corroborates, nothing contradicting) raises a name
# within CONTEXT_REACH below the threshold to the threshold (candidate pruning allows for
# it whenever evidence is given).
CONTEXT_REACH = 0.08
# Trigram blocking for the fallback: trigrams on more names than GRAM_POSTINGS are not
# counted; a name needs GRAM_SHARE of the query's trigrams (at least GRAM_MIN); the
# GRAM_KEEP names sharing most are kept.
GRAM_POSTINGS = 400
GRAM_SHARE = 0.5
GRAM_MIN = 3
GRAM_KEEP = 40
# Tokens on more names than this do not bring names to the fallback.
FALLBACK_POSTINGS = 300
# The fallback's names that share words with the query must also be alike, letter for
# letter, in the words they do not share (_rest_ratio): at least this much.
FALLBACK_REST_RATIO = 0.75
# _rest_ratio's answer when the two share words and what is left of each, glued, is the
# same letters but for one slip at most ...
REST_REGROUPED = 1.01
# ... and then only this share of the whole strings' shortfall in likeness is counted.
REGROUPED_SHORTFALL = 0.5
REST_ORDERS = 3  # leftover words glued in every order up to this many (_orders)
# The largest length gap any same-script rule bridges (Rahman / Abdrahman).
MAX_LENGTH_GAP = 3
# A word the list writes on no more names than this brings in its typo neighbours' names.
RARE_POSTINGS = 20
# Similarity of a spelling the list itself uses (exact, variant, transliteration key).
EXACT_SIM = 0.96
# A query token this close to a list token is that name, not half of a split one.
SURE_SIM = 0.9
# Query words this short that reach no list token count this much towards coverage.
SHORT_UNKNOWN = 3
SHORT_UNKNOWN_WEIGHT = 0.3
# A title or particle this long, written in two pieces (Com Pany), is still that word.
SPLIT_WEAK_MIN = 5
# A leftover query word this close to a title or particle of the list name is that word
# (above the 0.8 of words that share only their consonants: Kelly / Col, Far / For).
TITLE_SLIP_SIM = 0.81
# A leftover query word at least this close to a title or particle of the one list name
# it is being aligned with (Sheih, Heji for that name's Sheikh, Haji) is that
# word, unless the list writes it as a name as it stands or it is a known given name.
TITLE_NEAR_SIM = 0.78
TITLE_NEAR_VOWELS = 4  # sharing only the consonants: words this long, of one length (Heji)
# Similarity of a spelling the list writes as it stands (exact, or a known variant).
NAME_AS_WRITTEN = 0.97
# A query word this long with no sure partner is tried as two list words written as one,
# each part at least SPLIT_PART_MIN letters.
SPLIT_MIN = 6
SPLIT_PART_MIN = 3
# Similarity of a name written joined or split, or an Abd compound written apart.
JOINED_SIM = 0.94
# An Abd written with a slip before the servant's name (Adul Hakim): a typo in that word.
ABD_SLIP_SIM = 0.9
# Endings of a name whose -uddin the normaliser merges (Serajuddin -> serajdin): a word
# written split with one of these is read whole as well.
_DIN_ENDINGS = ("din", "deen", "dine")
# A word the list writes (in some other name) this long may still be two slips from a word
# of the name at hand (Kalah for Haleh: KALA-ELECTRIC writes Kala).
LOOSE_WRITTEN_MIN = 4
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
    # For the second alignment pass (initials, names written joined or split):
    has_initial: bool = False  # a weighted token is one letter
    strong_keys: frozenset[str] = frozenset()  # keys of weighted tokens
    pair_keys: frozenset[str] = frozenset()  # a weighted token's key + the next token's key
    # An individual's name of 3+ weighted tokens: positions of the first and last (given
    # and family name), for the given + family rule (score.given_family_factor).
    ends: tuple[int, int] | None = None
    # Positions of titles and particles written in Latin script (weight 0).
    weak_at: tuple[int, ...] = ()
    repeats: bool = False  # a weighted word written twice (SALIM AHMAD SALIM HAMDAN)
    articles: frozenset[str] = frozenset()  # articles written before a word (al-, ur-)


class _Hits:
    """What one query token reaches in the index (cached per distinct query token).

    ``reach`` is built on first use: most tokens of a batch only ever need their
    postings total (``size``) to be ruled out.
    """

    __slots__ = (
        "_posting_sets",
        "_reach",
        "_reach_all",
        "abd_slip",
        "article_like",
        "best",
        "joined",
        "reaching",
        "sims",
        "size",
        "splits",
        "title_like",
        "title_loose",
        "title_named",
        "title_near",
        "vowel_view",
        "weight",
    )

    def __init__(
        self,
        sims: dict[int, tuple[float, str]],
        reaching: list[int],
        size: int,
        best: float,
        weight: float,
        posting_sets: list[frozenset[int]],
        joined: frozenset[int] | None,
    ) -> None:
        self.joined = joined  # names where this token spells two adjacent list tokens
        self.sims = sims  # list token id -> (similarity, rule)
        self.reaching = reaching  # the list tokens whose names it brings in
        self.size = size  # total postings of those list tokens
        self.weight = weight  # coverage weight of the query token
        self.title_like = False  # near a title or particle some list name writes
        self.title_near = False  # loosely near one: a title of a name it is aligned with
        # A word the list writes as a name, one slip from a title or particle (Huji, Hai).
        self.title_named = False
        # Like a Latin title or particle of the list letter for letter (loose_similarity);
        # worked out only with a review floor (NameIndex._title_loose), None until then.
        self.title_loose: bool | None = None
        self.abd_slip = False  # one slip from Abd/Abdul/Abdel and no name the list writes
        self.article_like = False  # a short word one slip from an article (Ae for al-)
        # Two adjacent list words' keys, glued, that this word is written as (Abdullahsindhi).
        self.splits: frozenset[str] = frozenset()
        self.best = best  # the best similarity in ``sims``
        self._posting_sets = posting_sets
        self._reach: frozenset[int] | None = None
        self._reach_all: frozenset[int] | None = None
        # These hits with the words a slip besides other vowels reaches (NameIndex._vowel_view).
        self.vowel_view: _Hits | None = None

    def with_more(self, more: dict[int, tuple[float, str]], postings: list[list[int]]) -> _Hits:
        """A copy that also aligns with ``more``; they bring in names only when nothing
        else does (a word that is some list word's neighbour is most likely that word)."""
        sims = {**self.sims, **more}
        reaching = self.reaching if self.sims else list(more)
        size = self.size if self.sims else sum(len(postings[tid]) for tid in more)
        best = max(self.best, max(sim for sim, _ in more.values()))
        out = _Hits(sims, reaching, size, best, self.weight, self._posting_sets, self.joined)
        out.title_like, out.title_near = self.title_like, self.title_near
        out.title_named = self.title_named
        out.title_loose = self.title_loose
        out.abd_slip, out.splits = self.abd_slip, self.splits
        out.article_like = self.article_like
        return out

    @property
    def reach_all(self) -> frozenset[int]:
        """The names holding any list token near this one (typo neighbours too)."""
        if len(self.reaching) == len(self.sims):
            return self.reach
        if self._reach_all is None:
            sets = self._posting_sets
            self._reach_all = frozenset().union(*(sets[tid] for tid in self.sims))
        return self._reach_all

    @property
    def reach(self) -> frozenset[int]:
        """The names holding a near list token."""
        if self._reach is None:
            sets = self._posting_sets
            self._reach = frozenset().union(*(sets[tid] for tid in self.reaching))
        return self._reach


# Subsets of 1..6 query tokens, smallest first (positions into the tokens in use).
_SUBSETS = {n: [c for r in range(1, n + 1) for c in combinations(range(n), r)] for n in range(1, 7)}


def _pair_order(p: tuple[float, int, int, str]) -> tuple[float, int, int, int]:
    """Greedy alignment order: most similar first, then tokens in matching positions."""
    return (-p[0], abs(p[1] - p[2]), p[2], p[1])


_QUALITY_RANK = {
    None: 1,
    AliasQuality.GOOD: 1,
    AliasQuality.AKA: 1,
    AliasQuality.FKA: 2,
    AliasQuality.LOW: 3,
}


def _hold(adjustments: list[tuple[str, float]], score: float, cap: float, why: str) -> float:
    """Hold a score down at ``cap``, saying why in the adjustments; the held score."""
    adjustments.append((f"{why}: held at {cap:.2f}", cap - score))
    return cap


def _form_rank(name: IndexedName) -> int:
    """Tie-break rank of a name form: the primary name, then Good aliases and
    original-script names, then former names, then Low-quality aliases."""
    return 0 if name.kind == "name" else _QUALITY_RANK.get(name.quality, 1)


@dataclass(frozen=True, slots=True)
class TextHit:
    """A list name (or a distinctive part of one) found in running text."""

    start: int
    end: int
    text: str
    references: tuple[str, ...]
    matched: str = ""  # the list name form that matched
    kind: str = ""  # "name", "alias", "partial", "surname"


def _with_deletions(w: str) -> set[str]:
    """A word and each of its one-letter deletions."""
    return {w, *(w[:i] + w[i + 1 :] for i in range(len(w)))}


def _near_articles(word: str, articles: Iterable[str]) -> list[str]:
    """The articles ``word`` is at most one slip (optimal string alignment) from, in
    alphabetical order (so the article a slip reads as never depends on set order)."""
    return [a for a in sorted(articles) if OSA.distance(word, a, score_cutoff=1) <= 1]


def _article_read(q: Token, articles: Iterable[str]) -> str:
    """The article ``q`` is written for: the one its transliteration key is (another
    spelling: "Ool", "Oood" for ul-, ud-) or the first its spelling is one slip from; ""."""
    if q.key in articles:
        return q.key
    return next(iter(_near_articles(q.spelling, articles)), "")


def _deletions(s: str) -> set[str]:
    """One-consonant deletions of a skeleton: blocks a wrong, missing or extra consonant."""
    return {s[:i] + s[i + 1 :] for i in range(len(s))} if len(s) >= MIN_DELETE_SKELETON else set()


def _grams(flat: str) -> set[str]:
    """Letter trigrams of each word of ``flat``, its edges marked ("^ab", "ab$")."""
    return {
        w[i : i + 3]
        for word in flat.split()
        for w in ("^" + word + "$",)
        for i in range(len(w) - 2)
    }


def typo_keys(s: str) -> set[str]:
    """``s`` and, from four letters, its one-letter deletions: two words one typo apart
    (a letter dropped, added or replaced, two swapped) share one of these
    (symmetric-deletion blocking). Two typos are scored, not blocked on."""
    if len(s) < 4:  # (typo_allowance: no typo below four letters)
        return {s}
    return {s, *(s[:i] + s[i + 1 :] for i in range(len(s)))}


def _sentence_gap(text: str, left: tuple[int, int], right: tuple[int, int]) -> bool:
    """The text between two words ends a sentence or a line: a line break, "!", "?" or
    ";", or a full stop after a word longer than an initial ("M. Hassan" reads on)."""
    gap = text[left[1] : right[0]]
    if "\n" in gap or "!" in gap or "?" in gap or ";" in gap:
        return True
    return "." in gap and left[1] - left[0] > 2


class NameIndex:
    """Every name, alias and original-script name of a list, ready to screen queries."""

    def __init__(self, entries: Sequence[Entry], normalizer: Normalizer) -> None:
        self.entries: tuple[Entry, ...] = tuple(entries)
        self.norm = normalizer
        self.judge = EvidenceJudge(normalizer)
        self.names: list[IndexedName] = []
        self.vocab: list[Token] = []
        self._tid: dict[tuple[str, str, bool, bool], int] = {}
        self._postings: list[list[int]] = []
        self._by_key: dict[str, list[int]] = defaultdict(list)
        self._by_skel: dict[str, list[int]] = defaultdict(list)
        self._by_del: dict[str, list[int]] = defaultdict(list)
        self._by_typo: dict[str, list[int]] = defaultdict(list)
        # typo_keys of each Latin key with its vowels written alike (vowel_blind); built on
        # first use, with a review floor (at the threshold it would only burden the GC).
        self._by_vowel_typo: dict[str, list[int]] | None = None
        self._by_roman_typo: dict[str, list[int]] | None = None
        self._by_del_abjad: dict[str, list[int]] = defaultdict(list)  # Arabic-script only
        self._by_skel_abjad: dict[str, list[int]] = defaultdict(list)
        self._key_df: dict[str, int] = {}
        self._posting_sets: list[frozenset[int]] = []
        self._by_korean: dict[str, list[int]] | None = None
        self._names_by_key: dict[str, frozenset[int]] = {}  # weighted token key -> names
        self._names_by_pair: dict[str, frozenset[int]] = {}  # two adjacent keys glued -> names
        self._hit_cache: dict[tuple[str, bool, str, Role, bool], _Hits] = {}
        self._glued_cache: dict[str, tuple[str, ...]] = {}
        self._named_cache: dict[str, bool] = {}  # a title-like word the list writes as a name
        self._person_words: frozenset[str] = frozenset()  # (built with the index)
        self._scan: _TextScanner | None = None
        # One typo away from a weak word (title, connector) of four letters or more.
        self._weak_slips: dict[str, Role] = {}
        # Transliteration key of a weak word (Hajee is Haji): checked after the slips.
        self._weak_keys: dict[str, Role] = {}
        # First parts of a title or particle written in two pieces (Com Pany).
        self._weak_heads = frozenset(
            w[:i]
            for w, r in normalizer._roles.items()
            if r.weak and len(w) >= SPLIT_WEAK_MIN
            for i in range(2, len(w) - 1)
        )
        for word, role in normalizer._roles.items():
            if role.weak and len(word) >= 4:
                for slip in _slips(word, replaced=len(word) >= 5):
                    if len(slip) >= 4 and slip not in normalizer._roles:
                        self._weak_slips.setdefault(slip, role)
                self._weak_keys.setdefault(normalizer.key(word)[0], role)
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
        k = (tok.spelling, tok.text, tok.abjad, tok.hangul)
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
                if tok.abjad:
                    self._by_del_abjad[d].append(tid)
            if tok.abjad:
                self._by_skel_abjad[tok.skeleton].append(tid)
            if not tok.abjad and not tok.hangul:
                near = typo_keys(tok.key)
                if tok.spelling != tok.key:
                    near |= typo_keys(tok.spelling)
                for d in near:
                    self._by_typo[d].append(tid)
                if len(tok.key) >= COMPOUND_PART_MIN + 3 and tok.key.startswith(COMPOUND):
                    # "Rahman" with its Abd lost or moved away still finds Abd al-Rahman.
                    self._by_key[tok.key[3:]].append(tid)
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
        # Words a person's name writes (an organisation's acronym, HUJI, is no given name).
        self._person_words = frozenset(
            t.spelling
            for ei, _, _, _, toks in raw
            if self.entries[ei].kind is EntryKind.INDIVIDUAL
            for t in toks
        )
        common = self.norm.rules.common_tokens
        for ei, text, kind, quality, toks in raw:
            if all(t.role.weak for t in toks):
                # A name made only of title words ("Mullah Sahib"): they are its content.
                toks = tuple(replace(t, role=Role.CONTENT, start=-1, end=-1) for t in toks)
            tids = tuple(self._vocab_id(t) for t in toks)
            weights = tuple(role_weight(t.role) * self.key_weight(t.key) for t in toks)
            nid = len(self.names)
            strong = tuple((li, tid) for li, tid in enumerate(tids) if weights[li] > 0)
            ends = None
            if self.entries[ei].kind is EntryKind.INDIVIDUAL and len(strong) >= 3:
                first, last = strong[0][0], strong[-1][0]
                # Mohammed ... Hassan: names common the world over never identify anyone.
                if toks[first].text not in common and toks[last].text not in common:
                    ends = (first, last)
            self.names.append(
                IndexedName(
                    ei,
                    text,
                    kind,
                    quality,
                    toks,
                    tids,
                    weights,
                    strong,
                    any(len(toks[li].text) == 1 for li, _ in strong),
                    frozenset(toks[li].key for li, _ in strong),
                    frozenset(
                        k
                        for li, _ in strong
                        for a, b in (
                            (li, li + 1),
                            (li - 1, li),  # a title glued on before (Hajisalam)
                        )
                        if a >= 0 and b < len(toks) and (b == li + 1 or weights[a] == 0)
                        for k in (
                            *self._glued(toks[a], toks[b]),
                            self.norm.key(toks[a].text + toks[b].text)[0],
                        )
                    ),
                    ends,
                    tuple(
                        li
                        for li, t in enumerate(toks)
                        if weights[li] == 0 and not t.abjad and not t.hangul
                    ),
                    len({toks[li].key for li, _ in strong}) < len(strong),
                    self.norm.articles(text) if not toks[0].abjad else frozenset(),
                )
            )
            for _, tid in strong:
                postings = self._postings[tid]
                if not postings or postings[-1] != nid:
                    postings.append(nid)
        self._posting_sets = [frozenset(p) for p in self._postings]
        # Every Latin word as the list writes it, or as its given-name group reads it.
        self._written = frozenset(
            w for t in self.vocab if not t.abjad and not t.hangul for w in (t.spelling, t.text)
        ) | frozenset(self.norm._canonical)
        self._weak_tids = frozenset(
            tid for tid, t in enumerate(self.vocab) if t.role.weak and not t.abjad
        )
        # Sorted keys of each Latin name's tokens (titles and particles too), for the
        # fallback.
        self._flat = [
            ""
            if any(t.abjad or t.hangul for t in n.tokens)
            else " ".join(sorted(t.key for t in n.tokens))
            for n in self.names
        ]
        self._no_flat = frozenset(nid for nid, f in enumerate(self._flat) if not f)
        self._by_gram: dict[str, list[int]] | None = None  # built on the fallback's first use
        # One-letter deletions of Latin titles and particles (built on first use).
        self._weak_near: dict[str, list[int]] | None = None
        self._short_near: dict[str, list[int]] | None = None
        by_key: dict[str, set[int]] = defaultdict(set)
        by_pair: dict[str, set[int]] = defaultdict(set)
        for nid, name in enumerate(self.names):
            for k in name.strong_keys:
                by_key[k].add(nid)
            for k in name.pair_keys:
                by_pair[k].add(nid)
        # Only keys that can come out of a join (two tokens' keys glued) are worth keeping.
        self._names_by_key = {k: frozenset(v) for k, v in by_key.items() if len(k) >= 3}
        self._names_by_pair = {k: frozenset(v) for k, v in by_pair.items()}
        log.debug("indexed %d names, %d distinct tokens", len(self.names), len(self.vocab))

    def _glued(self, a: Token, b: Token) -> tuple[str, ...]:
        """The keys two adjacent tokens have when written as one word (Jong Un / Jongun,
        Ras Hidi / Rashidi, Moh Amed / Mohamed): their keys glued, and the keys of their
        spellings and of their texts glued."""
        # (A string key: a tuple per call would feed the cyclic garbage collector.)
        ck = f"{a.spelling} {a.key} {b.spelling} {b.key}"
        hit = self._glued_cache.get(ck)
        if hit is not None:
            return hit
        spelling = a.spelling + b.spelling
        if spelling.startswith(COMPOUND) and len(spelling) > len(COMPOUND) + COMPOUND_PART_MIN:
            # An Abd compound split anywhere (Abdelha Mid): read the whole as one word.
            hit = (a.key + b.key, self.norm._token(spelling, spelling, False, -1, -1).key)
            if len(self._glued_cache) < 200_000:
                self._glued_cache[ck] = hit
            return hit
        text = self.norm._canonical.get(spelling)
        if text is None and (
            a.spelling[-1:] + b.spelling[:1] not in _BOUNDARY
            and a.spelling[-1:] not in "yh"
            and not b.spelling.startswith(self.norm.initial_heads)
        ):
            # No rule reads across the join: the glued key is the two spellings' keys
            # (a token's own key when it is read as written).
            key = self.norm.key
            ka = a.key if a.text == a.spelling else key(a.spelling)[0]
            kb = b.key if b.text == b.spelling else key(b.spelling)[0]
            hit = (a.key + b.key, ka + kb)
        else:
            hit = (a.key + b.key, self.norm.key(spelling if text is None else text)[0])
        if spelling.endswith(_DIN_ENDINGS):
            # The whole word read as one name (Ser Ajuddin: Serajuddin, its -uddin merged).
            whole = self.norm._token(spelling, spelling, False, -1, -1).key
            if whole not in hit:
                hit = (*hit, whole)
        if len(self._glued_cache) < 200_000:
            self._glued_cache[ck] = hit
        return hit

    def key_weight(self, key: str) -> float:
        """Coverage weight of a token key: rare in the list -> 1.0, common -> down to 0.3."""
        return df_weight(self._key_df.get(key, 0))

    # ------------------------------------------------------------ screening

    def _token_hits(self, q: Token) -> _Hits:
        """Every list token near ``q`` with its similarity, and where those tokens stand in
        which indexed names (cached per distinct query token)."""
        ck = (q.spelling, q.abjad, q.text, q.role, q.hangul)
        hit = self._hit_cache.get(ck)
        if hit is not None:
            return hit
        cands: set[int] = set()
        if not q.abjad:
            cands.update(self._by_key.get(q.key, ()))
            cands.update(self._by_key.get("al" + q.key, ()))
            if q.key.startswith("al") and len(q.key) > 4:
                cands.update(self._by_key.get(q.key[2:], ()))
        cands.update(self._by_skel.get(q.skeleton, ()))
        if len(q.skeleton) >= MIN_DELETE_SKELETON:
            # Across scripts a wrong consonant is found through skeleton deletions;
            # within Latin script the typo keys below do that job.
            if q.abjad:
                by_skel, by_del = self._by_skel, self._by_del
            else:
                by_skel, by_del = self._by_skel_abjad, self._by_del_abjad
            for p in (q.skeleton, *_deletions(q.skeleton)):
                cands.update(by_skel.get(p, ()))
                cands.update(by_del.get(p, ()))
        if not q.abjad and not q.hangul:
            by_typo = self._by_typo
            near = typo_keys(q.key)
            if q.spelling != q.key:
                near |= typo_keys(q.spelling)
            for p in near:
                cands.update(by_typo.get(p, ()))
            roman = romanised_key(q.key)
            if roman is not None and q.key not in self._by_key:
                # Another romanisation of one sound (ch / sh, j / y), a slip besides: for
                # a word no list word writes with its key.
                by_roman = self._roman_typo_keys()
                for p in typo_keys(roman):
                    cands.update(by_roman.get(p, ()))
            if len(q.key) >= 5 and q.key[-2:] in GLUED_ARTICLES:
                cands.update(self._by_key.get(q.key[:-2], ()))
            if len(q.key) >= COMPOUND_PART_MIN + 3 and q.key.startswith(COMPOUND):
                cands.update(self._by_key.get(q.key[3:], ()))
        sims: dict[int, tuple[float, str]] = {}
        vocab = self.vocab
        n = len(q.key)
        best = 0.0
        sure: list[int] = []
        latin = 0.0  # the best similarity to a list word in Latin script ...
        latin_rule = ""  # ... and the rule that gave it
        for tid in cands:
            lt = vocab[tid]
            if (
                lt.abjad == q.abjad
                and abs(len(lt.key) - n) > MAX_LENGTH_GAP
                and min(n, len(lt.key)) > 1
            ):
                continue  # no same-script rule joins words this different in length
            sim, rule = token_similarity(q, lt)
            if sim > 0:
                sims[tid] = (sim, rule)
                if sim > best:
                    best = sim
                if sim >= SURE_SIM:
                    sure.append(tid)
                if sim > latin and not lt.abjad:
                    latin, latin_rule = sim, rule
        if (
            not q.abjad
            and not q.hangul
            and best >= SURE_SIM
            and latin > 0
            # (Two letters swapped in a long word read above SURE_SIM, still as a slip.)
            and (latin < SURE_SIM or latin_rule in SLIP_RULES)
        ):
            # A Latin word only a slip from a Latin list word is most likely that word
            # mangled: its consonants alone, read across scripts, never count for more
            # than that reading (Kakazaad is Kakazada before it is the skeleton of
            # al-Qaida; Hdaith is Hadith before Hidayat).
            for tid, (sim, _) in list(sims.items()):
                if (sim > latin or sim >= SURE_SIM) and vocab[tid].abjad:
                    sims[tid] = (min(sim, latin), SKELETON_SLIP_RULE)
            # Its surest reading is now a slip: noise the fallback may read better.
            best = max(sim for sim, _ in sims.values())
            sure = [tid for tid in sure if sims[tid][0] >= SURE_SIM]
        if q.hangul:
            # Read from Hangul: any romanisation of the same syllable in the list agrees.
            for tid in self._korean_keys().get(self.norm.korean_key(q.text), ()):
                if sims.get(tid, (0.0, ""))[0] < KOREAN_SIM:
                    sims[tid] = (KOREAN_SIM, "korean")
                    best = max(best, KOREAN_SIM)
                    sure.append(tid)
        postings = self._postings
        weight = role_weight(q.role) * self.key_weight(q.key)
        if (not sims and len(q.text) <= SHORT_UNKNOWN) or q.key == COMPOUND:
            # A short word the list never uses is more often a slip (a mangled "al-",
            # half of a split name) than a given name that tells another person; a lone
            # Abd is a compound whose other half was lost or moved.
            weight *= SHORT_UNKNOWN_WEIGHT
        if (
            best < NAME_AS_WRITTEN  # (a word the list writes as a name is never a title)
            and not q.abjad
            and not q.hangul
            and 2 <= len(q.spelling) <= SHORT_UNKNOWN
        ):
            # A short word one slip from a title or particle (Ab- for al-, Oud for Ould):
            # too short for typo keys, it may still be that word of a list name that writes
            # it, as a longer word loosely near one is (``_titles``), unless the list writes
            # it as a name.
            for tid in self._short_weak_slips(q.spelling):
                if sims.get(tid, (0.0, ""))[0] < TITLE_NEAR_SIM:
                    sims[tid] = (TITLE_NEAR_SIM, "fuzzy")
        if (
            best >= SURE_SIM
            and not q.abjad
            and not q.hangul
            and 2 <= len(q.spelling) <= SHORT_UNKNOWN
        ):
            # A short word the list writes (Sho, written as Shu) may still be another list
            # word with one slip (Cho); too short for typo keys, that pair is read letter
            # for letter, so its match stays in the review band.
            for tid in self._short_slips(q.spelling):
                if tid not in sims:
                    sim = loose_similarity(q, vocab[tid])
                    if sim > 0:
                        sims[tid] = (sim, LOOSE_RULE)
        # A word the list writes as such most likely is that name: its one-typo
        # neighbours still align, but only the names the other words reach.
        reaching = list(sims)
        if (
            not q.abjad
            and best >= EXACT_SIM
            and len(sure) < len(sims)
            and sum(len(postings[tid]) for tid in sure) > RARE_POSTINGS
        ):
            reaching = sure  # (a rare name: its neighbours are worth a look)
        size = sum(len(postings[tid]) for tid in reaching)
        res = _Hits(
            sims,
            reaching,
            size,
            best,
            weight,
            self._posting_sets,
            self._names_by_pair.get(q.key),
        )
        if not q.abjad and not q.hangul:
            titles = self._weak_tids.intersection(sims)
            # (A word the list writes as a name, as written, is that name: Said, Umar.)
            named = any(
                sim >= NAME_AS_WRITTEN and tid not in titles for tid, (sim, _) in sims.items()
            )
            res.title_like = not named and any(sims[tid][0] >= TITLE_SLIP_SIM for tid in titles)
            res.title_named = named and self._slipped_title(q, titles)
            res.abd_slip = (
                not named
                and not q.canonical
                and q.key != COMPOUND
                and len(q.text) >= 2
                and any(
                    OSA.distance(q.text, c, score_cutoff=1) <= 1
                    for c in self.norm._compounds
                    if len(c) >= len(COMPOUND) and abs(len(c) - len(q.text)) <= 1
                )
            )
            # (A word the list writes as it stands is that word: Ali, Wal.)
            res.article_like = (
                best < NAME_AS_WRITTEN
                and not q.canonical
                and len(q.spelling) <= ARTICLE_SLIP_MAX + (q.key != q.spelling)
                and bool(_article_read(q, self.norm._articles))
            )
            res.title_near = res.title_like or (
                not named
                and not q.canonical
                and any(
                    sims[tid][0] >= TITLE_NEAR_SIM
                    # (Only the vowels alike is too little: Kelly / Col, Far / For.)
                    and (
                        sims[tid][1] != "vowels"
                        or len(vocab[tid].text) == len(q.text) >= TITLE_NEAR_VOWELS
                    )
                    for tid in titles
                )
            )
        if best < SURE_SIM and not q.abjad and not q.hangul and len(q.spelling) >= SPLIT_MIN:
            splits, names = self._split_words(q.spelling)
            if splits:
                res.splits = splits
                res.joined = names | res.joined if res.joined else names
        if len(self._hit_cache) < 100_000:
            self._hit_cache[ck] = res
        return res

    def _short_weak_slips(self, spelling: str) -> list[int]:
        """Latin titles and particles one slip (optimal string alignment) from the short
        word ``spelling``."""
        if self._weak_near is None:
            self._weak_near = self._slip_index(self._weak_tids)
        return self._one_slip(self._weak_near, spelling)

    def _slipped_title(self, q: Token, titles: Iterable[int]) -> bool:
        """``q`` (not a known given name, nor a word of any listed person's name) is one
        slip, as written, from one of the Latin titles or particles ``titles`` of four
        letters or more (Huji, Hai for Haji: words the list writes only in the names of
        organisations)."""
        if q.canonical or len(q.spelling) < 3 or q.spelling in self._person_words:
            return False
        vocab = self.vocab
        return any(
            len(vocab[tid].spelling) >= 4
            and OSA.distance(q.spelling, vocab[tid].spelling, score_cutoff=1) <= 1
            for tid in titles
        )

    def _title_loose(self, q: Token, h: _Hits) -> bool:
        """``q`` (weighted, Latin) is like some Latin title or particle of the list letter
        for letter (``loose_similarity``), so ``_loose_titles`` may read it as one; kept on
        its hits (only screening with a review floor asks)."""
        found = h.title_loose
        if found is None:
            vocab = self.vocab
            found = (
                h.weight > 0
                and len(q.text) >= 2
                and not q.abjad
                and not q.hangul
                and any(
                    len(q.spelling) <= len(vocab[tid].spelling) + 1
                    and loose_similarity(q, vocab[tid]) > 0
                    for tid in self._weak_tids
                )
            )
            h.title_loose = found
        return found

    def _short_slips(self, spelling: str) -> list[int]:
        """Latin list words one slip (optimal string alignment) from the short word
        ``spelling``, other than itself."""
        if self._short_near is None:
            self._short_near = self._slip_index(
                tid for tid, t in enumerate(self.vocab) if not t.abjad and not t.hangul
            )
        vocab = self.vocab
        return [
            tid
            for tid in self._one_slip(self._short_near, spelling)
            if vocab[tid].spelling != spelling
        ]

    def _slip_index(self, tids: Iterable[int]) -> dict[str, list[int]]:
        """The list words ``tids`` one slip from a short word may be, by their spelling and
        each of its one-letter deletions."""
        near: dict[str, list[int]] = defaultdict(list)
        for tid in tids:
            w = self.vocab[tid].spelling
            if 2 <= len(w) <= SHORT_UNKNOWN + 1:  # (one slip from a short word)
                for d in _with_deletions(w):
                    near[d].append(tid)
        return near

    def _one_slip(self, near: dict[str, list[int]], spelling: str) -> list[int]:
        """The words of a ``_slip_index`` one slip from ``spelling``: those sharing it or a
        one-letter deletion with it, then checked by optimal string alignment."""
        found: set[int] = set()
        for d in _with_deletions(spelling):
            found.update(near.get(d, ()))
        vocab = self.vocab
        return [
            tid for tid in found if OSA.distance(spelling, vocab[tid].spelling, score_cutoff=1) <= 1
        ]

    def _vowel_view(self, q: Token, h: _Hits) -> _Hits:
        """``h`` with the list words ``q`` is a slip away from once their vowels are written
        alike (Zemrani / Zahrani, another romanisation's vowels and a slip besides), for a
        Latin word with no sure partner. Such a pair is scored (``VOWEL_SLIP_RULE``) below
        one plain slip and its match held below the threshold, so only screening with a
        review floor looks them up."""
        view = h.vowel_view
        if view is not None:
            return view
        view = h
        n = len(q.key)
        if h.best < SURE_SIM and not q.abjad and not q.hangul and n >= VOWEL_SLIP_MIN - 1:
            by_vowel = self._by_vowel_typo
            if by_vowel is None:
                by_vowel = defaultdict(list)
                for tid, t in enumerate(self.vocab):
                    if not t.abjad and not t.hangul and len(t.key) >= VOWEL_SLIP_MIN - 1:
                        for d in typo_keys(vowel_blind(t.key)):
                            by_vowel[d].append(tid)
                self._by_vowel_typo = by_vowel
            found: set[int] = set()
            for p in typo_keys(vowel_blind(q.key)):
                found.update(by_vowel.get(p, ()))
            vocab = self.vocab
            more: dict[int, tuple[float, str]] = {}
            for tid in found:
                if tid in h.sims or abs(len(vocab[tid].key) - n) > MAX_LENGTH_GAP:
                    continue
                sim = vowel_slip_similarity(q, vocab[tid])
                if sim > 0:
                    more[tid] = (sim, VOWEL_SLIP_RULE)
            if more:
                view = h.with_more(more, self._postings)
        h.vowel_view = view
        return view

    def _roman_typo_keys(self) -> dict[str, list[int]]:
        """Typo keys of the Latin list words whose keys hold a sound another romanisation
        writes otherwise (ch / sh, j / y), with those letters written alike (built once)."""
        if self._by_roman_typo is None:
            by: dict[str, list[int]] = defaultdict(list)
            for tid, t in enumerate(self.vocab):
                if not t.abjad and not t.hangul:
                    roman = romanised_key(t.key)
                    if roman is not None:
                        for d in typo_keys(roman):
                            by[d].append(tid)
            self._by_roman_typo = dict(by)
        return self._by_roman_typo

    def _split_words(self, spelling: str) -> tuple[frozenset[str], frozenset[int]]:
        """The ways ``spelling`` is two adjacent words of some list name written as one
        (Abdullahsindhi, Mostafadjamel), as the two words' keys glued, and those names.
        Only the list's own word pairs count, so Hassanzadeh is split only where a list
        name writes Hassan Zadeh."""
        found: set[str] = set()
        names: set[int] = set()
        token = self.norm._token
        known = self._written
        for p in range(SPLIT_PART_MIN, len(spelling) - SPLIT_PART_MIN + 1):
            left, right = spelling[:p], spelling[p:]
            if left not in known or right not in known:
                continue  # each part as some list name writes a word
            glued = token(left, left, False, -1, -1).key + token(right, right, False, -1, -1).key
            at = self._names_by_pair.get(glued)
            if at:
                found.add(glued)
                names |= at
        return frozenset(found), frozenset(names)

    def _slipped_weak(self, toks: tuple[Token, ...]) -> tuple[Token, ...]:
        """Query tokens that the list does not write as a name and that are one typo from a
        title or particle (Hafz, Mulllah, Oould), or another spelling of one (Hajee), take
        that word's weak role; so do two words that are one such word split (Com Pany)."""
        out: list[Token] | None = None
        roles = self.norm._roles
        for i, t in enumerate(toks):
            if t.role is not Role.CONTENT or t.abjad or t.hangul:
                continue
            if (
                i + 1 < len(toks)
                and t.text in self._weak_heads
                and (out is None or out[i].role is Role.CONTENT)
            ):
                nxt = toks[i + 1]
                whole = roles.get(t.text + nxt.text) if len(nxt.text) > 1 < len(t.text) else None
                if (
                    whole is not None
                    and len(t.text) + len(nxt.text) >= SPLIT_WEAK_MIN
                    and whole.weak
                    and nxt.role is Role.CONTENT
                    and not nxt.abjad
                    and not nxt.hangul
                ):
                    if out is None:
                        out = list(toks)
                    out[i] = replace(t, role=whole)
                    out[i + 1] = replace(nxt, role=whole)
                    continue
            if len(t.text) < 4 or (out is not None and out[i].role is not Role.CONTENT):
                continue
            role = self._weak_slips.get(t.text) or self._weak_keys.get(t.key)
            if role is None or self._half_of_split(toks, i):
                continue
            ck = f"{t.spelling} {t.text}"
            named = self._named_cache.get(ck)
            if named is None:
                hits = self._hit_cache.get((t.spelling, t.abjad, t.text, t.role, t.hangul))
                if hits is None:
                    hits = self._token_hits(t)
                named = any(
                    v[0] >= SURE_SIM
                    and self.vocab[tid].text not in roles
                    and not self.vocab[tid].abjad
                    for tid, v in hits.sims.items()
                )
                if len(self._named_cache) < 100_000:
                    self._named_cache[ck] = named
            if named:
                continue  # the list writes it as a name
            if out is None:
                out = list(toks)
            out[i] = replace(t, role=role)
        return toks if out is None else tuple(out)

    def _half_of_split(self, toks: tuple[Token, ...], i: int) -> bool:
        """Token ``i`` glued to the word before or after it spells a weighted word of some
        list name (Proph Ane: Prophane; Ham Dullah: Hamdullah): half of a split name."""
        by_key = self._names_by_key
        for a, b in ((i - 1, i), (i, i + 1)):
            if a < 0 or b >= len(toks) or toks[a].abjad or toks[b].abjad:
                continue
            if any(k in by_key for k in self._glued(toks[a], toks[b])):
                return True
        return False

    def _korean_keys(self) -> dict[str, list[int]]:
        """Korean comparison key -> ids of the Latin list tokens with that key (built once)."""
        if self._by_korean is None:
            by: dict[str, list[int]] = defaultdict(list)
            for tid, tok in enumerate(self.vocab):
                if not tok.abjad:
                    by[self.norm.korean_key(tok.text)].append(tid)
            self._by_korean = dict(by)
        return self._by_korean

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
        toks = self.norm.analyse(query, spans=False)
        if not toks:
            return ()
        toks = self._slipped_weak(toks)
        content = [t for t in toks if t.role not in WEAK_ROLES]
        weak = [t for t in toks if t.role in WEAK_ROLES] if len(content) < len(toks) else []
        if not content:
            content = [replace(t, role=Role.CONTENT) for t in weak]
            weak = []
        cache = self._hit_cache
        hits = [
            cache.get((q.spelling, q.abjad, q.text, q.role, q.hangul)) or self._token_hits(q)
            for q in content
        ]
        # Unknown query tokens weigh fully: a word the list never uses argues against it.
        q_weights = [h.weight for h in hits]
        keep_at = cut - HOMONYM_MARGIN
        # Upper bound of what adjustments can add, for pruning before alignment.
        lift = EVIDENCE_LIFT + CONTEXT_REACH if evidence is not None else 0.0
        lift += WEAK_AGREES * 2 + TITLE_AGREES if weak else 0.0
        # Matches read letter for letter (_loose, the fallback) or through a slip besides
        # other vowels are held at ``cap``, below the threshold: only a review floor shows
        # them.
        cap = min(FALLBACK_HIGH, threshold - FALLBACK_MARGIN)
        loose = cap >= cut
        # (What a title both names write adds for review lifts no name to the threshold.)
        reviewed = WEAK_SHARED_REVIEW if loose and weak else 0.0
        if loose:
            hits = [self._vowel_view(q, h) for q, h in zip(content, hits, strict=True)]
        joins = self._joins(content, hits)
        candidates = self._candidates(
            content, hits, q_weights, exclude, keep_at - lift - reviewed, joins, loose
        )
        best = (
            self._best_per_entry(
                content, hits, q_weights, candidates, keep_at - lift - reviewed, loose
            )
            if candidates
            else {}
        )
        scored: list[tuple[float, NameMatch, int]] = []
        # Entry -> (score before any hold, rank of the name form): breaks ties between
        # matches held at the same cap or scored the same.
        tie: dict[int, tuple[float, float, int]] = {}
        if (
            cap >= cut  # its scores stay below the threshold: only a review floor shows them
            and self._noisy(content, hits, joins)
            and all(b[0] + lift < threshold for b in best.values())
        ):
            # Only noise the alignment may have misread (a token with no sure partner)
            # calls for the fallback.
            fallback = self._fallback(content, weak, hits, joins, exclude, cap)
            for ei, (fb, name, ratio) in fallback.items():
                have = best.get(ei)
                if fb < keep_at or (have is not None and have[0] >= fb):
                    continue
                entry = self.entries[ei]
                detail = (
                    f"character similarity {ratio:.2f} of the transliteration keys (rapidfuzz "
                    f"token_sort_ratio); noise the token alignment cannot explain keeps a name "
                    f"this close for review, never alerted on its own (held at or below "
                    f"{cap:.2f})"
                )
                match = self._match(query, entry, name, content, [], [], [], detail, fb, threshold)
                best.pop(ei, None)
                scored.append((fb, match, ei))
                tie[ei] = (fb, _in_order(content, name), _form_rank(name))
        # Words by which the query names an organisation, not a person (Company, Group).
        org = [
            t.spelling for t in weak if t.role is Role.ORG and t.spelling not in self._person_words
        ]
        for ei, (base, name, aligned) in best.items():
            entry = self.entries[ei]
            adjustments: list[tuple[str, float]] = []
            person_for_org = bool(org) and entry.kind is EntryKind.INDIVIDUAL
            if person_for_org:
                adjustments.append(
                    (f"'{' '.join(org)}' names an organisation; the entry is a person",
                     PERSON_FOR_ORGANISATION)
                )  # fmt: skip
            if name.quality in QUALITY_PENALTY:
                adjustments.append(QUALITY_PENALTY[name.quality])
            weak_alignments = self._weak_alignments(weak, name)
            at = len(adjustments)
            if weak_alignments:
                shown = " ".join(a.query_token for a in weak_alignments)
                adjustments.append((f"'{shown}' also written in the list name", WEAK_AGREES))
            said = self.judge.adjust(entry, evidence, weak)
            adjustments.extend(said)
            score = base + sum(d for _, d in adjustments)
            if weak_alignments and loose and score < cap:
                # For review only: the title both write counts more, up to the review cap.
                shared = min(WEAK_SHARED_REVIEW, cap - score)
                adjustments[at] = (
                    f"'{shown}' also written in the list name (for review, up to {cap:.2f})",
                    WEAK_AGREES + shared,
                )
                score += shared
            tie[ei] = (score, 0.0, _form_rank(name))
            common = self._one_common_token(name, aligned)
            lettered = [content[a[0]].spelling for a in aligned if a[3] == LOOSE_RULE]
            vowelled = [content[a[0]].spelling for a in aligned if a[3] == VOWEL_SLIP_RULE]
            romanised = [content[a[0]].spelling for a in aligned if a[3] == ROMANISED_SLIP_RULE]
            titled = [content[a[0]].spelling for a in aligned if a[3] == NAMED_TITLE_RULE]
            as_title = [content[a[0]].spelling for a in aligned if a[3] == LOOSE_TITLE_RULE]
            if (lettered or vowelled or romanised or titled or as_title) and score > cap:
                # A word read only letter for letter, or through a slip besides other vowels
                # or another romanisation, surfaces a name for review; it never alerts on
                # its own (as the character-similarity fallback does not).
                if lettered or as_title:
                    why = f"'{' '.join(lettered + as_title)}' is read only letter for letter"
                elif vowelled:
                    why = f"'{' '.join(vowelled)}' is read only through a slip besides other vowels"
                elif titled:
                    why = (
                        f"'{' '.join(titled)}', a word of organisations' names on the list, is"
                        " read only as a title with a slip"
                    )
                else:
                    why = (
                        f"'{' '.join(romanised)}' is read only through a slip besides another"
                        " romanisation"
                    )
                score = _hold(adjustments, score, cap, why)
            if common and score > ONE_COMMON_CAP:
                # Names alone never alert on one shared common word (Omar, Mohammed).
                why = f"rests on one common name '{common}'"
                score = _hold(adjustments, score, ONE_COMMON_CAP, why)
            elif (
                threshold - CONTEXT_REACH <= score < threshold
                and all(a[3] not in SLIP_RULES for a in aligned)
                and not person_for_org
            ):
                # (Not over a typo: Salami for Salimi is as likely another man.)
                support = [r for r, d in said if d > 0]
                if (
                    support
                    and not any(d < 0 for _, d in said)
                    and self.judge.corroborates(entry, evidence)
                ):
                    adjustments.append(
                        (f"the article's context corroborates ({'; '.join(support)}): raised "
                         f"from the review band ({score:.2f}) to the threshold",
                         threshold - score)
                    )  # fmt: skip
                    score = threshold
            score = round(max(0.0, min(SCORE_CAP, score)), 4)
            if score < cut - HOMONYM_MARGIN:
                continue
            _, detail = name_score(q_weights, name.weights, aligned, name.ends)
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
        # Equal scores: the stronger name before any cap held it (Ahmad Haji over Ustadh
        # Ahmad when both rest on one common word), then, of two names the fallback finds
        # equally alike, the one whose words keep the query's order (Saeh Mohammad: Saleh
        # Mohammad before Muhammad Saeed), then the primary name over aliases.
        scored.sort(
            key=lambda s: (-s[0], -tie[s[2]][0], -tie[s[2]][1], tie[s[2]][2], s[1].reference)
        )
        return self._finish(scored, cut, limit)

    @staticmethod
    def _noisy(content: list[Token], hits: list[_Hits], joins: dict[int, frozenset[int]]) -> bool:
        """Whether the query shows noise the alignment may have misread: a word the list
        does not write as such, or two words the list writes as one (or one as two)."""
        return bool(joins) or any(h.best < SURE_SIM for h in hits)

    def _fallback(
        self,
        content: list[Token],
        weak: list[Token],
        hits: list[_Hits],
        joins: dict[int, frozenset[int]],
        exclude: frozenset[int],
        cap: float,
    ) -> dict[int, tuple[float, IndexedName, float]]:
        """Entry -> (score, name form, character similarity) for names close to the query
        letter for letter: the safety net for noise the alignment cannot read (a lost or
        mangled particle, a name fused with the next, two slips in one word).

        Candidates are the names reached by the query's informative tokens (typo
        blocking, joins); a query of common tokens only (Mohammed Ali) gets none. Scores
        run from ``FALLBACK_LOW`` at similarity ``FALLBACK_RATIO`` up to ``cap``.
        """
        if any(q.abjad or q.hangul for q in content):
            return {}
        reach: set[int] = set()
        for q, h in zip(content, hits, strict=True):
            if 0 < h.size <= FALLBACK_POSTINGS and len(q.text) > SHORT_UNKNOWN:
                reach |= h.reach_all
        for found in joins.values():
            if len(found) <= FALLBACK_POSTINGS:
                reach |= found
        if not reach:
            # Only common words reach anything (Ali, Ahmed + a mangled family name): the
            # names holding all of them.
            common = [h.reach_all for h in hits if h.size]
            if len(common) >= 2:
                reach = set(frozenset.intersection(*common))
        query = " ".join(sorted(q.key for q in (*content, *weak)))
        reach.update(self._gram_block(query))
        reach -= self._no_flat
        if exclude:
            reach -= exclude
        if not reach:
            return {}
        flat = self._flat
        ids = list(reach)
        # Both sides are sorted keys already, so a plain ratio is token_sort_ratio.
        found_names = process.extract(
            query,
            [flat[nid] for nid in ids],
            scorer=fuzz.ratio,
            score_cutoff=FALLBACK_RATIO * 100,
            limit=FALLBACK_LIMIT,
        )
        out: dict[int, tuple[float, IndexedName, float]] = {}
        span = (cap - FALLBACK_LOW) / (1 - FALLBACK_RATIO)
        for _, ratio, pos in found_names:
            name = self.names[ids[pos]]
            r = ratio / 100
            rest = _rest_ratio(query, flat[ids[pos]])
            if rest < FALLBACK_REST_RATIO:
                continue
            if rest == REST_REGROUPED:
                # Every word the two do not share is the same letters split or glued
                # another way, one slip at most (CORP Oration / CORPORATION beside GREEN
                # PINE ASSOCIATED): what the ratio finds amiss is mostly word boundaries.
                r = 1.0 - (1.0 - r) * REGROUPED_SHORTFALL
            score = round(min(cap, FALLBACK_LOW + (r - FALLBACK_RATIO) * span), 4)
            if name.entry not in out or out[name.entry][0] < score:
                out[name.entry] = (score, name, r)
        return out

    def _gram_block(self, flat: str) -> list[int]:
        """Names sharing the most letter trigrams with ``flat`` (keys, word edges marked):
        blocking for spellings no single word of the query reaches, never all-against-all
        (trigrams on more than ``GRAM_POSTINGS`` names are not counted)."""
        by_gram = self._by_gram
        if by_gram is None:
            grams: dict[str, list[int]] = defaultdict(list)
            for nid, f in enumerate(self._flat):
                for g in _grams(f):
                    grams[g].append(nid)
            by_gram = self._by_gram = {g: v for g, v in grams.items() if len(v) <= GRAM_POSTINGS}
        mine = _grams(flat)
        counts: dict[int, int] = defaultdict(int)
        for g in mine:
            for nid in by_gram.get(g, ()):
                counts[nid] += 1
        need = max(GRAM_MIN, int(len(mine) * GRAM_SHARE))
        found = [nid for nid, c in counts.items() if c >= need]
        if len(found) > GRAM_KEEP:
            found = sorted(found, key=lambda nid: -counts[nid])[:GRAM_KEEP]
        return found

    def _best_per_entry(
        self,
        content: list[Token],
        hits: list[_Hits],
        q_weights: list[float],
        candidates: set[int],
        need: float,
        loose: bool = False,
    ) -> dict[int, tuple[float, IndexedName, list[tuple[int, int, float, str]]]]:
        """Entry -> (base score, list name form, alignment) of its best-scoring name form;
        forms whose base score stays under ``need`` are dropped. ``loose``: pair leftover
        words letter for letter (``_loose``)."""
        nq = len(content)
        sq = sum(q_weights) or 1.0
        sims_by_q = [h.sims for h in hits]
        # What could make the second alignment pass (initials, joined names) find anything.
        q_initial = any(len(q.text) == 1 for q in content)
        q_keys = frozenset(q.key for q in content).union(*(h.splits for h in hits))
        q_splits = [h.splits for h in hits]
        q_joined = (
            frozenset(k for i in range(nq - 1) for k in self._glued(content[i], content[i + 1]))
            if nq > 1
            else frozenset()
        )
        q_titles = any(h.title_near for h in hits)
        q_named_titles = loose and any(h.title_named for h in hits)
        # (Every word asked, so _loose_titles finds each one's answer on its hits.)
        q_loose_titles = loose and any(
            [self._title_loose(q, h) for q, h in zip(content, hits, strict=True)]
        )
        q_articles = [qi for qi, h in enumerate(hits) if h.article_like]
        q_abd = any(q.key == COMPOUND or h.abd_slip for q, h in zip(content, hits, strict=True))
        loose_q = (
            [qi for qi in range(nq) if self._loose_word(content[qi], hits[qi])] if loose else []
        )
        loose_w = sum(q_weights[qi] for qi in loose_q)
        loose_seen: dict[tuple[int, int], float] = {}
        names = self.names
        best: dict[int, tuple[float, IndexedName, list[tuple[int, int, float, str]]]] = {}
        for nid in sorted(candidates):
            name = names[nid]
            pairs: list[tuple[float, int, int, str]] = []
            for li, tid in name.strong:
                for qi in range(nq):
                    at = sims_by_q[qi].get(tid)
                    if at is not None:
                        pairs.append((at[0], qi, li, at[1]))
            if len(pairs) > 1:
                pairs.sort(key=_pair_order)
                if name.repeats:
                    # A word the list name writes twice: of two equally near places, the one
                    # at the query word's share of the way along the name (Othmanahmed
                    # Othman: the second Othman, leaving the first beside Ahmed for the
                    # glued word).
                    nl = len(name.tokens)
                    pairs.sort(key=lambda p: (*_pair_order(p)[:2], abs(p[1] * nl - p[2] * nq)))
            used_q = 0
            used_l = 0
            aligned: list[tuple[int, int, float, str]] = []
            for sim, qi, li, rule in pairs:
                if used_q >> qi & 1 or used_l >> li & 1:
                    continue
                used_q |= 1 << qi
                used_l |= 1 << li
                aligned.append((qi, li, sim, rule))
            if len(aligned) < nq and not q_joined.isdisjoint(name.strong_keys):
                self._prefer_join(content, name, aligned)
            if (
                len(aligned) < nq
                and len(aligned) < len(name.strong)
                and (
                    q_initial
                    or name.has_initial
                    or not q_keys.isdisjoint(name.pair_keys)
                    or not q_joined.isdisjoint(name.strong_keys)
                )
            ):
                aligned.extend(
                    self._align_rest(
                        content,
                        name,
                        {a[0] for a in aligned},
                        {a[1] for a in aligned},
                        q_splits,
                    )
                )
            if not aligned:
                continue
            if len(aligned) < len(name.strong) and any(a[3] == "compound part" for a in aligned):
                self._abd_of_compound(content, name, aligned)
            if q_abd and any(a[3] == "compound part" for a in aligned):
                self._stranded_abd(content, hits, aligned)
            if len(aligned) < nq and name.weak_at and q_titles:
                self._titles(hits, name, aligned)
            if len(aligned) < nq and name.weak_at and q_named_titles:
                self._named_titles(content, hits, name, aligned)
            if q_loose_titles and name.weak_at and len({a[0] for a in aligned}) < nq:
                self._loose_titles(content, hits, name, aligned)
            if loose_q and len(aligned) < nq and len(aligned) < len(name.strong):
                # (Only when covering every such word could lift the name to ``need``.)
                covered = sum(q_weights[qi] for qi in {a[0] for a in aligned}) + loose_w
                if BASE_MAX * min(1.0, covered / sq) ** QUERY_EXPONENT >= need:
                    self._loose(content, loose_q, name, aligned, loose_seen)
            if q_articles and name.articles and len(aligned) < nq:
                self._article_slips(content, q_articles, name, aligned)
            if need > 0 and len({a[0] for a in aligned}) < nq:
                # Every other factor is at most 1: query coverage alone bounds the score.
                covered = sum(q_weights[qi] for qi in {a[0] for a in aligned})
                if BASE_MAX * min(1.0, covered / sq) ** QUERY_EXPONENT < need:
                    continue
            base = name_factors(q_weights, name.weights, aligned, name.ends)[0]
            if base < need:
                continue
            prev = best.get(name.entry)
            if prev is None or base > prev[0] or (base == prev[0] and name.kind == "name"):
                best[name.entry] = (base, name, aligned)
        return best

    def screen_many(
        self,
        queries: Sequence[str],
        *,
        evidence: Evidence | None = None,
        threshold: float = DEFAULT_THRESHOLD,
        floor: float | None = None,
        limit: int = 10,
    ) -> list[tuple[NameMatch, ...]]:
        """``screen`` for many queries; token look-ups and repeated queries are shared.

        The cyclic garbage collector is paused for the batch: screening makes many small
        tuples and no reference cycles, and each collector pass would walk the index's
        objects again (about a tenth of a batch's time)."""
        seen: dict[str, tuple[NameMatch, ...]] = {}
        out = []
        paused = gc.isenabled()
        gc.disable()
        try:
            for q in queries:
                res = seen.get(q)
                if res is None:
                    res = self._screen(q, evidence, threshold, floor, limit, frozenset())
                    seen[q] = res
                out.append(res)
        finally:
            if paused:
                gc.enable()
        return out

    def _joins(self, content: list[Token], hits: list[_Hits]) -> dict[int, frozenset[int]]:
        """Query position -> names it reaches by a join the token hits cannot see: a query
        token spelling two list tokens (Jongun / Jong Un), or two query tokens one."""
        out: dict[int, frozenset[int]] = {}
        by_key = self._names_by_key
        for qi, h in enumerate(hits):
            if h.joined:
                out[qi] = h.joined
        for qi in range(len(content) - 1):
            a, b = content[qi], content[qi + 1]
            if (
                hits[qi].best >= SURE_SIM
                and hits[qi + 1].best >= SURE_SIM
                and (
                    (hits[qi].best >= NAME_AS_WRITTEN and hits[qi + 1].best >= NAME_AS_WRITTEN)
                    or a.spelling + b.spelling not in self._by_typo
                )
            ):
                # Two names the list knows are no split word, unless one is only near a list
                # word and together they spell one (Jua Ythini: JUAYTHINI) or the second
                # ends the first's -uddin (Isam Udin: ISAMUDIN, read as the index reads it).
                glued: Iterable[str] = (
                    self._glued(a, b) if b.spelling.endswith(_DIN_ENDINGS) else (a.key + b.key,)
                )
            else:
                glued = self._glued(a, b)
            found = None
            for k in glued:
                more = by_key.get(k)
                if more:
                    found = found | more if found else more
            if found:
                out[qi] = out[qi] | found if qi in out else found
                out[qi + 1] = out[qi + 1] | found if qi + 1 in out else found
        lone = [qi for qi, q in enumerate(content) if q.key == COMPOUND]
        if lone:
            # A lone Abd and a servant's name anywhere in the query align as one compound
            # (_stranded_abd): both reach the names writing that compound, as a join does.
            for qi, q in enumerate(content):
                if q.key.startswith(COMPOUND):
                    continue
                more = by_key.get(COMPOUND + q.key)
                if more:
                    for at in (qi, *lone):
                        out[at] = out[at] | more if at in out else more
        return out

    def _candidates(
        self,
        content: list[Token],
        hits: list[_Hits],
        q_weights: list[float],
        exclude: frozenset[int],
        need: float,
        joins: dict[int, frozenset[int]],
        by_letters: bool = False,
    ) -> set[int]:
        """Names that can still score ``need`` (before adjustments) given which query tokens
        reach them. Common tokens (Muhammad, Ali) do not generate candidates while a rarer
        token does; they are assumed to reach every name, which keeps the bound safe. So
        are initials, which align with any list token of the same first letter, and, with
        ``by_letters``, words that may pair letter for letter with any list word (``_loose``)."""
        sq = 0.0
        reachable = 0.0
        assumed = 0.0
        loose = 0.0
        rare: list[int] = []
        every: list[int] = []
        # Words assumed to reach every name that still have near list words of their own
        # (Abdul Makki, a compound part of ABDUL RAHMAN MAKKI, read loosely at a review
        # floor): the names those reach are candidates too, whatever the other words reach.
        own: list[int] = []
        for qi, h in enumerate(hits):
            w = h.weight
            sq += w
            size = h.size + len(joins[qi]) if joins and qi in joins else h.size
            if (
                len(content[qi].text) == 1
                or h.title_near
                or h.article_like
                or (
                    by_letters
                    and (
                        h.title_named
                        or self._title_loose(content[qi], h)
                        or self._loose_word(content[qi], h)
                    )
                )
            ):
                # An initial aligns with any list word of its letter; a word near a title
                # may be that title of a list name it does not reach (_titles); a word may
                # pair letter for letter with a word of a name it does not reach (_loose).
                reachable += w
                assumed += w
                loose += w
                if size:
                    every.append(qi)
                    if (
                        by_letters
                        and size <= COMMON_POSTINGS
                        and len(content[qi].text) > 1
                        and self._loose_word(content[qi], h)
                    ):
                        own.append(qi)
            elif size:
                every.append(qi)
                reachable += w
                if size > COMMON_POSTINGS:
                    assumed += w
                else:
                    rare.append(qi)
        if need > 0:
            # The weight a set of aligned query tokens needs for a base score of ``need``.
            # (A hair below the exact figure: a float rounding must not drop a name.)
            need_w = (sq or 1.0) * (need / BASE_MAX) ** (1 / QUERY_EXPONENT) - 1e-9
            if reachable < need_w:
                return set()  # not even every token that reaches anything, together
        else:
            need_w = 0.0
        out = self._reach(hits, joins, rare, q_weights, need_w, assumed)
        if exclude:
            out -= exclude
        if not out and every != rare:
            out = self._reach(hits, joins, every, q_weights, need_w, loose)
            if exclude:
                out -= exclude
        if out and assumed > 0 and need_w > 0:
            out = self._coverable(content, hits, joins, need_w, out, by_letters)
        for qi in own:
            out |= hits[qi].reach | joins[qi] if joins and qi in joins else hits[qi].reach
        if own and exclude:
            out -= exclude
        return out

    def _coverable(
        self,
        content: list[Token],
        hits: list[_Hits],
        joins: dict[int, frozenset[int]],
        need_w: float,
        names: set[int],
        by_letters: bool,
    ) -> set[int]:
        """The ``names`` whose query words that can align with them weigh ``need_w`` at
        least: the words assumed to reach every name (common words, words near a title or
        an article) checked against the names they do reach, kept with their hits.

        A word aligns with a name through a near list word (its hits, typo neighbours
        too), as two list words it spells or one list word it and a neighbour spell
        (joins, and the two neighbours' keys glued as ``_prefer_join`` and ``_align_rest``
        read them); a word near a title or an article also through a title or article
        that name writes (``_titles``, ``_article_slips``). Initials, lone or slipped Abds
        and, with ``by_letters``, loose words may align with a name they do not reach, so
        they count for every name, as every word does for a name holding an initial."""
        nq = len(content)
        by_key = self._names_by_key
        glued_reach: list[frozenset[int]] = []
        for qi in range(nq - 1):
            found: frozenset[int] = frozenset()
            for k in self._glued(content[qi], content[qi + 1]):
                more = by_key.get(k)
                if more:
                    found = found | more
            glued_reach.append(found)
        fixed = 0.0
        # (weight, names it reaches, aligns where a title is written, ... an article)
        checks: list[tuple[float, frozenset[int], bool, bool]] = []
        for qi, h in enumerate(hits):
            q = content[qi]
            if (
                len(q.text) == 1
                or h.abd_slip
                or q.key == COMPOUND
                or (by_letters and self._loose_word(q, h))
            ):
                fixed += h.weight
                continue
            extra: list[frozenset[int]] = []
            if joins and qi in joins:
                extra.append(joins[qi])
            if qi > 0 and glued_reach[qi - 1]:
                extra.append(glued_reach[qi - 1])
            if qi < nq - 1 and glued_reach[qi]:
                extra.append(glued_reach[qi])
            reach = h.reach_all.union(*extra) if extra else h.reach_all
            title = h.title_near or (by_letters and (h.title_named or self._title_loose(q, h)))
            checks.append((h.weight, reach, title, h.article_like))
        if fixed >= need_w:
            return names
        checks.sort(key=lambda c: -c[0])
        all_names = self.names
        out: set[int] = set()
        for nid in names:
            name = all_names[nid]
            if name.has_initial:
                out.add(nid)
                continue
            covered = fixed
            for w, reach, title, article in checks:
                if nid in reach or (title and name.weak_at) or (article and name.articles):
                    covered += w
                    if covered >= need_w:
                        out.add(nid)
                        break
        return out

    @staticmethod
    def _reach(
        hits: list[_Hits],
        joins: dict[int, frozenset[int]],
        use: list[int],
        q_weights: list[float],
        need_w: float,
        assumed: float,
    ) -> set[int]:
        """Names reached by every token of some subset of ``use`` whose weight, with the
        ``assumed`` weight of tokens that need not reach, is at least ``need_w``."""
        if not use:
            return set()
        if joins:
            reach = [hits[qi].reach | joins[qi] if qi in joins else hits[qi].reach for qi in use]
        else:
            reach = [hits[qi].reach for qi in use]
        if need_w <= 0 or len(use) > 6:
            return set().union(*reach)
        out: set[int] = set()
        passed: list[int] = []
        for members in _SUBSETS[len(use)]:
            mask = 0
            covered = assumed
            for m in members:
                mask |= 1 << m
                covered += q_weights[use[m]]
            if covered < need_w:
                continue
            if any(p & mask == p for p in passed):
                continue  # a smaller passing subset already brought these names in
            passed.append(mask)
            if len(members) == 1:
                out |= reach[members[0]]
            else:
                sets = sorted((reach[m] for m in members), key=len)
                out |= sets[0].intersection(*sets[1:])
        return out

    def _one_common_token(
        self, name: IndexedName, aligned: list[tuple[int, int, float, str]]
    ) -> str:
        """The list word a match rests on when it is one common name, else ""."""
        shared = {li for _, li, _, _ in aligned if li >= 0 and name.weights[li] > 0}
        if len(shared) != 1:
            return ""
        li = next(iter(shared))
        tok = name.tokens[li]
        common = tok.text in self.norm.rules.common_tokens or name.weights[li] < COMMON_WEIGHT
        return tok.spelling if common else ""

    @staticmethod
    def _abd_of_compound(
        content: list[Token], name: IndexedName, aligned: list[tuple[int, int, float, str]]
    ) -> None:
        """A query's Abd compound matched a list name's later part ("Abdul Makki" for
        ABDUL RAHMAN MAKKI, the middle name dropped and Abd glued to the next word): its
        Abd also stands for the list's own unmatched Abd compound."""
        used_l = {a[1] for a in aligned}
        for qi, _, sim, rule in list(aligned):
            if rule != "compound part" or not content[qi].key.startswith(COMPOUND):
                continue
            for lj, _ in name.strong:
                if lj not in used_l and name.tokens[lj].key.startswith(COMPOUND):
                    aligned.append((qi, lj, sim, "compound part"))
                    used_l.add(lj)
                    break

    @staticmethod
    def _stranded_abd(
        content: list[Token], hits: list[_Hits], aligned: list[tuple[int, int, float, str]]
    ) -> None:
        """A lone Abd of the query and the servant's name that matched a list compound's
        second part are that compound written apart or moved ("Samad Abdul" for ABDUL
        SAMAD): both align with it, as a name written joined does. So is an Abd written
        with a slip right before the servant's name ("Adul Hakim", "bd-Al Rahim"), as a
        slip (its word is no name the list writes)."""
        used_q = {a[0] for a in aligned}
        lone = [qi for qi, q in enumerate(content) if q.key == COMPOUND and qi not in used_q]
        for k, (qi, li, _, rule) in enumerate(list(aligned)):
            if rule != "compound part" or content[qi].key.startswith(COMPOUND):
                continue
            if lone:
                aligned[k] = (qi, li, JOINED_SIM, "joined")
                aligned.append((lone.pop(0), li, JOINED_SIM, "joined"))
            elif qi > 0 and qi - 1 not in used_q and hits[qi - 1].abd_slip:
                aligned[k] = (qi, li, JOINED_SIM, "joined")
                aligned.append((qi - 1, li, ABD_SLIP_SIM, "fuzzy"))
                used_q.add(qi - 1)

    @staticmethod
    def _loose_word(q: Token, h: _Hits) -> bool:
        """A query word that ``_loose`` may pair: Latin, weighted, not an initial; a word
        the list writes (in some other name) only from ``LOOSE_WRITTEN_MIN`` letters: two
        slips turn one real name into another as easily as into no name (Kalah for Haleh,
        KALA-ELECTRIC writing Kala), while a shorter one is most likely meant as it stands
        (Un is no slip of Chong)."""
        if h.weight <= 0 or len(q.text) < 2 or q.abjad or q.hangul:
            return False
        return h.best < SURE_SIM or len(q.spelling) >= LOOSE_WRITTEN_MIN

    @staticmethod
    def _loose(
        content: list[Token],
        loose_q: list[int],
        name: IndexedName,
        aligned: list[tuple[int, int, float, str]],
        seen: dict[tuple[int, int], float],
    ) -> None:
        """Query words left over, paired with this list name's leftover words they are most
        like letter for letter (``loose_similarity``): two or three slips in a short word
        (Ther for Tahir, Aktar for Akhter) leave no rule to read it by. Only beside a word
        that matched surely; the index holds such a match below the threshold. ``seen``
        keeps the likeness of (query position, list word id) pairs for one query."""
        if not any(a[2] >= SURE_SIM and a[3] not in EXPLAINING_RULES for a in aligned):
            return
        anchors = [(a[0], a[1]) for a in aligned if a[3] not in EXPLAINING_RULES]
        used_q = {a[0] for a in aligned}
        used_l = {a[1] for a in aligned}
        free_l = [li for li, _ in name.strong if li not in used_l]
        lt = name.tokens
        for qi in loose_q:
            if not free_l:
                return
            if qi in used_q:
                continue
            q = content[qi]
            # In the same place among the words that matched (a name both reordered and
            # mangled past every rule is too little to go on).
            fits = [li for li in free_l if all((qi < qa) == (li < la) for qa, la in anchors)]
            if not fits:
                continue
            sim, at = 0.0, -1
            for li in fits:
                ck = (qi, name.tids[li])
                got = seen.get(ck)
                if got is None:
                    got = seen[ck] = loose_similarity(q, lt[li])
                if got > sim:
                    sim, at = got, li
            if sim > 0:
                aligned.append((qi, at, sim, LOOSE_RULE))
                free_l.remove(at)

    @staticmethod
    def _article_slips(
        content: list[Token],
        q_articles: list[int],
        name: IndexedName,
        aligned: list[tuple[int, int, float, str]],
    ) -> None:
        """Short query words left over that are one slip from an article this list name
        writes before a word ("Ae-Zahrani", "rU-Rehman", "Oul-Dawah" for al-Zahrani,
        Ur-Rehman, ul-Dawah): that article mangled. Each explains one query word (list
        position -1: the tokens hold no article) and counts as a slip."""
        used_q = {a[0] for a in aligned}
        left = set(name.articles)
        for qi in q_articles:
            if qi in used_q or not left:
                continue
            at = _article_read(content[qi], left)
            if at:
                left.discard(at)
                aligned.append((qi, -1, ARTICLE_SLIP_SIM, ARTICLE_SLIP_RULE))

    @staticmethod
    def _titles(
        hits: list[_Hits], name: IndexedName, aligned: list[tuple[int, int, float, str]]
    ) -> None:
        """Query words left over that are a title or particle of this list name written
        another way or with a slip (Mulah, Sheih, Heji, Bbin for Mullah, Sheikh, Haji,
        Bin): they are explained, as that title, and no longer argue for another person.
        A word the list writes as a name, or a known given name, is never read so."""
        used_q = {a[0] for a in aligned}
        used_l = {a[1] for a in aligned}
        tids = name.tids
        for qi, h in enumerate(hits):
            if qi in used_q or not h.title_near:
                continue
            for li in name.weak_at:
                if li in used_l:
                    continue
                sim = h.sims.get(tids[li], (0.0, ""))[0]
                if sim >= TITLE_NEAR_SIM:
                    aligned.append((qi, li, sim, TITLE_RULE))
                    used_l.add(li)
                    break

    @staticmethod
    def _named_titles(
        content: list[Token],
        hits: list[_Hits],
        name: IndexedName,
        aligned: list[tuple[int, int, float, str]],
    ) -> None:
        """Query words left over that the list writes as names yet are one slip, as written,
        from a title or particle this list name writes and nothing else matched (Huji Ahmad
        Shah, Hai Basir for Haji ...): read as that title mangled, as a slip, for review."""
        used_q = {a[0] for a in aligned}
        used_l = {a[1] for a in aligned}
        lt = name.tokens
        for qi, h in enumerate(hits):
            if qi in used_q or not h.title_named:
                continue
            spelling = content[qi].spelling
            for li in name.weak_at:
                if li in used_l or len(lt[li].spelling) < 4:
                    continue
                if OSA.distance(spelling, lt[li].spelling, score_cutoff=1) <= 1:
                    aligned.append((qi, li, TITLE_NEAR_SIM, NAMED_TITLE_RULE))
                    used_l.add(li)
                    break

    @staticmethod
    def _loose_titles(
        content: list[Token],
        hits: list[_Hits],
        name: IndexedName,
        aligned: list[tuple[int, int, float, str]],
    ) -> None:
        """Query words left over that stand where this list name writes a title or
        particle nothing matched, and are like it letter for letter (Baji, eji for Haji;
        Syeed for Seyed; ullah for Mullah): that word mangled past the title rules. Only
        beside a word that matched surely and in the title's place among the matched
        words; each explains its query word, as a slip, and the match is held for review."""
        if not any(a[2] >= SURE_SIM and a[3] not in EXPLAINING_RULES for a in aligned):
            return
        anchors = [(a[0], a[1]) for a in aligned if a[3] not in EXPLAINING_RULES and a[1] >= 0]
        used_q = {a[0] for a in aligned}
        free = [li for li in name.weak_at if li not in {a[1] for a in aligned}]
        lt = name.tokens
        for qi, h in enumerate(hits):
            if not free:
                return
            if qi in used_q or not h.title_loose:
                continue
            q = content[qi]
            named = h.best >= NAME_AS_WRITTEN
            best, at = 0.0, -1
            for li in free:
                if any((qi < qa) != (li < la) for qa, la in anchors):
                    continue
                t = lt[li]
                if len(q.spelling) > len(t.spelling) + 1:
                    continue  # (slips lose a title's letters more often than they add them)
                if named and not (
                    q.key == t.key
                    or (
                        (h.weight < COMMON_WEIGHT or sorted(q.spelling) == sorted(t.spelling))
                        and OSA.distance(q.spelling, t.spelling, score_cutoff=1) <= 1
                    )
                ):
                    # A word the list writes as a name is that title only written another
                    # way (Hafez / Hafiz), with its letters swapped (Syeed / Seyed) or, a
                    # common word telling little, one slip from it (Saied, ullah for Sayed,
                    # Mullah): Hadi, one letter from Haji, still names another person.
                    continue
                sim = loose_similarity(q, t)
                if sim > best or (sim == best > 0 and at < 0):
                    best, at = sim, li
            if at >= 0:
                aligned.append((qi, at, best, LOOSE_TITLE_RULE))
                free.remove(at)

    def _prefer_join(
        self,
        content: list[Token],
        name: IndexedName,
        aligned: list[tuple[int, int, float, str]],
    ) -> None:
        """Two adjacent query words that, written as one, are a list word which one of them
        only came near (Matiul Lah: MATIULLAH, Matiul aligned with a slip): the two are
        that word, written split, and both align with it."""
        lt = name.tokens
        by_q = {a[0]: k for k, a in enumerate(aligned)}
        for qi in range(len(content) - 1):
            one, two = by_q.get(qi), by_q.get(qi + 1)
            if (one is None) == (two is None):
                continue  # both free (the second pass joins them) or both placed
            k = one if one is not None else two
            assert k is not None
            _, li, sim, _ = aligned[k]
            if sim >= SURE_SIM or lt[li].key not in self._glued(content[qi], content[qi + 1]):
                continue
            aligned[k] = (qi, li, JOINED_SIM, "joined")
            aligned.append((qi + 1, li, JOINED_SIM, "joined"))
            return

    def _align_rest(
        self,
        content: list[Token],
        name: IndexedName,
        used_q: set[int],
        used_l: set[int],
        splits: Sequence[frozenset[str]] = (),
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
                split = splits[qi] if splits else frozenset()
                if q.key not in name.pair_keys and split.isdisjoint(name.pair_keys):
                    continue  # glued to no neighbour of this word
                nxt = lt[li + 1] if li + 1 < len(lt) and li + 1 not in used_l else None
                if nxt is not None and (q.key in self._glued(t, nxt) or t.key + nxt.key in split):
                    out.append((qi, li, 0.94, "joined"))
                    out.append((qi, li + 1, 0.94, "joined"))
                    used_q.add(qi)
                    used_l.update((li, li + 1))
                    break
                if (
                    li > 0
                    and name.weights[li - 1] == 0
                    and li - 1 not in used_l
                    and q.key in self._glued(lt[li - 1], t)
                ):
                    # A title or particle glued on before the name (Sayedmohammad).
                    out.append((qi, li, 0.94, "joined"))
                    used_q.add(qi)
                    used_l.add(li)
                    break
        for qi in range(len(content) - 1):
            if qi in used_q or qi + 1 in used_q:
                continue
            joined = self._glued(content[qi], content[qi + 1])
            for li in free_l:
                if li not in used_l and lt[li].key in joined:
                    out.append((qi, li, 0.94, "joined"))
                    out.append((qi + 1, li, 0.94, "joined"))
                    used_q.update((qi, qi + 1))
                    used_l.add(li)
                    break
        return out

    @staticmethod
    def _article_of(name: IndexedName, word: Token) -> str:
        """The article of ``name`` that ``word`` is written for (for the explanation)."""
        return _article_read(word, name.articles)

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
            TokenAlignment(
                content[qi].spelling,
                lt[li].spelling if li >= 0 else self._article_of(name, content[qi]),
                round(s, 3),
                rule,
            )
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
        for piece, _abjad, _hangul in norm._fold_word(word):
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
                    merged = self.norm._token(
                        "abd" + key, "abd" + key, False, 0, 0, composed=True
                    ).key
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
                if k > 1 and any(
                    _sentence_gap(text, spans[i + j - 1], spans[i + j]) for j in range(1, k)
                ):
                    continue  # "... Mohamed Solih.\n\nIbrahim, a businessman": two sentences
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


def _in_order(content: Sequence[Token], name: IndexedName) -> float:
    """Letter similarity of the query's and the list name's content keys, each in its
    written order: what tells apart two names the fallback (which sorts the words) finds
    equally alike."""
    written = " ".join(t.key for t in name.tokens if not t.role.weak)
    return fuzz.ratio(" ".join(q.key for q in content), written) / 100


def _rest_ratio(query: str, flat: str) -> float:
    """Letter similarity of what is left of two sorted key strings once the words they
    share are taken out of both (1.0 when either side has nothing left, or none is
    shared: the whole strings were compared already). A shared common word makes two
    names look alike letter for letter (Osama Ponce / Osama al Kuni) while the words that
    tell them apart are nothing alike. The leftovers are compared glued, in the order
    that fits best (a word split or glued differently: "Eign" + "For" / Foreign), and a
    single slip between them always passes (Ymar / Umar). When words are shared and the
    leftovers glued are within that one slip, the answer is ``REST_REGROUPED`` (above
    1.0): the two differ only where words are split or glued, and by that slip."""
    q, f = Counter(query.split()), Counter(flat.split())
    both = q & f
    if not both:
        return 1.0
    rest_q, rest_f = sorted((q - both).elements()), sorted((f - both).elements())
    if not rest_q or not rest_f:
        return 1.0
    best = 0.0
    for one in _orders(rest_q):
        for other in _orders(rest_f):
            if Levenshtein.distance(one, other, score_cutoff=1) <= 1:
                return REST_REGROUPED
            best = max(best, fuzz.ratio(one, other) / 100)
    return best


def _orders(words: list[str]) -> list[str]:
    """The words glued in every order (in sorted order only past REST_ORDERS words)."""
    if len(words) > REST_ORDERS:
        return ["".join(words)]
    return ["".join(p) for p in permutations(words)]
