"""Token similarity, name scores and evidence adjustments, each with its reason.

Scores are built so that they rank: an exact full match of a Good name reaches
``BASE_MAX`` (0.95), never 1.0; only corroborating evidence lifts a score above that.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from rapidfuzz.distance import OSA, Levenshtein

from travelban.models import AliasQuality, Entry, Evidence
from travelban.names.normalize import Normalizer, Role, Token

_VOWELS = frozenset("aeiou")
KOREAN_SIM = 0.93  # a syllable read from Hangul and a list spelling of it (Cheol / Chol)
BASE_MAX = 0.95  # an uncorroborated exact match of a full Good name
SCORE_CAP = 0.99  # evidence can lift a score this far and no further
QUERY_EXPONENT = 1.5  # unmatched query tokens (a different given name) cost a lot ...
LIST_FLOOR = 0.6  # ... missing list tokens (an omitted middle name) cost less
INFO_FULL = 1.6  # matched token weight at which a name is informative enough
THIN_FLOOR = 0.8  # score factor for a match that rests on one common token
# Given + family name with the middle names (a patronymic chain) left out, as news writes
# Arab names: the list factor is floored between these two, by how informative the two
# tokens are (mean coverage weight from GF_MIN_WEIGHT to 1.0), so the match alerts
# (about 0.82-0.88) but stays below a full-name match.
GF_LOW = 0.86
GF_HIGH = 0.93
GF_MIN_WEIGHT = 0.45  # each of the two tokens must be at least this informative ...
GF_MIN_SIM = 0.9  # ... and written the same way (exact, variant, translit, skeleton)
QUALITY_PENALTY = {
    AliasQuality.LOW: ("Low-quality alias", -0.04),
    AliasQuality.FKA: ("former name (f.k.a.)", -0.02),
}

# Evidence adjustments (reason text is built where they are applied).
BIRTH_AGREES = 0.03
BIRTH_NEAR = -0.03
BIRTH_DISAGREES = -0.10
NATIONALITY_AGREES = 0.02
NATIONALITY_DISAGREES = -0.05
# A query holding a word of organisations' names that no listed person's name writes
# (Company, Group) names an organisation: a person's entry is not it ("Tariq Group" is not
# the man Tariq, whatever the name alone says).
PERSON_FOR_ORGANISATION = -0.15
ORGANISATION_AGREES = 0.03
TITLE_AGREES = 0.01
WEAK_AGREES = 0.01
# A title or particle both names write (Haji, Mullah, Ibn) counts this much more, up to the
# review cap and only with a review floor: it ranks "Haji Khan" by HAJI FAIZULLAH KHAN
# before MAULAVI ADAM KHAN, but so many listed names share each title that it never makes
# an alert.
WEAK_SHARED_REVIEW = 0.07
REGIME_AGREES = 0.02
# The most that evidence can add (used to prune candidates safely).
EVIDENCE_LIFT = (
    BIRTH_AGREES + NATIONALITY_AGREES + ORGANISATION_AGREES + TITLE_AGREES + REGIME_AGREES
)
# Words by which an article names the movement a list is about: the article's "a deputy
# minister in the Taliban administration" agrees with any entry of the Taliban list (every
# such entry says "Taliban", so the word is too common there to count as a designation word)
REGIME_WORDS: dict[str, frozenset[str]] = {
    "Taliban": frozenset({"taliban"}),
    "Al-Qaida": frozenset({"qaida", "qaeda", "isil", "isis", "daesh"}),
}


# Keys of an article glued to the end of the word before it ("Salihal-Kawari").
GLUED_ARTICLES = frozenset({"al", "il", "ul"})
# Similarity of a skeleton match across scripts when the skeleton has only two consonants
# and the Latin word is shorter than SHORT_SKELETON_LATIN letters (Giza / جوادي): too
# little to tell names apart. Houthi / الحوثي (two consonants, six letters) is a name.
SHORT_SKELETON_SIM = 0.75
SHORT_SKELETON_LATIN = 5


# The character-similarity fallback (NameIndex._fallback): similarity FALLBACK_RATIO
# scores FALLBACK_LOW, rising linearly to FALLBACK_HIGH (never past the threshold less
# FALLBACK_MARGIN): it surfaces a noisy name for review, it never alerts by itself.
FALLBACK_RATIO = 0.8
FALLBACK_LOW = 0.6
FALLBACK_HIGH = 0.79
FALLBACK_MARGIN = 0.01
FALLBACK_LIMIT = 5
# The rule of a query word read as a title or particle of the list name (Mulah for
# Mullah): it covers the query word, and counts for nothing else.
TITLE_RULE = "title"
TYPO_FACTOR = 0.93  # likeness factor per token matched only with a typo ...
TYPO_ONE = 0.96  # ... but one slip in the whole name costs this (typo_factor) ...
SWAP_COST = 0.5  # two neighbours swapped, in slips (slip_cost)
TYPO_ONE_MIN_SIM = 0.78  # ... when it is in a word of five letters or more (0.96 - 0.9 / 5)
# A leftover query word paired with the leftover list word it is most like, letter for
# letter, when no rule reads one as the other (Aktar / Akhter, Ther / Tahir): kept for
# review, never alerted on by itself (the index holds such a match below the threshold).
LOOSE_RULE = "loose"
# A slip on top of another romanisation's vowels (Zemrani / Zahrani, Jousssef / Youssef):
# the words are compared with every vowel written alike, and the vowels that differ cost
# this much of a typo besides, so such a word always scores below one plain slip.
VOWEL_SLIP_RULE = "vowels+typo"
VOWEL_SLIP_COST = 0.5
VOWEL_SLIP_MIN = 6  # letters of the longer key: shorter words, vowels aside, tell too little
_VOWEL_BLIND = str.maketrans("eiou", "aaaa")
# Letters of a key that another romanisation writes for the same sound (ch / sh, j / y).
_ROMANISED = str.maketrans("Cj", "Sy")
_ROMANISED_FIRST = {"C": "S", "j": "y"}


def romanised_key(key: str) -> str | None:
    """``key`` with the letters another romanisation writes for one sound written alike
    (ch / sh, j / y), or None when it holds none of them."""
    return key.translate(_ROMANISED) if any(c in key for c in "CjSy") else None


ROMANISED_SIM = 0.88
# Words of one consonant skeleton whose keys differ only in their vowels: VOWELS_SIM for
# one edit between the keys, VOWELS_STEP less for each edit more.
VOWELS_SIM = 0.8
VOWELS_STEP = 0.05
# A Latin word whose surest Latin reading is a slip, matched to a word in another script
# on its consonants: it counts as that slip does (NameIndex._token_hits).
SKELETON_SLIP_RULE = "skeleton, as a slip"
# A word in Arabic script and a Latin one with the same consonants, one of them ending on a
# long vowel the other does not write: scored as that one letter's slip.
SKELETON_VOWEL_SIM = 0.8
_LATIN_VOWELS = frozenset("aeiouy")
_SCRIPT_VOWELS = frozenset("aeiouvy")
# A short query word left over that is one slip from an article the list name writes
# before one of its words ("Ae-Zahrani", "rU-Rehman" for al-Zahrani, Ur-Rehman): that
# article mangled. It covers the query word, says nothing of who, and counts as a slip.
ARTICLE_SLIP_RULE = "article, as a slip"
ARTICLE_SLIP_SIM = 0.78
ARTICLE_SLIP_MAX = 3  # letters of such a word at most
# A slip on top of another romanisation of one sound (Achir / Bashir, Yagad / Javad):
# scored as one slip from ROMANISED_SIM down; its match is held below the threshold.
ROMANISED_SLIP_RULE = "romanised+typo"
# A word the list writes as a name that is also one slip from a title or particle this list
# name writes and nothing of it matched ("Huji", "Hai" for Haji; "ullah" for Mullah): read
# as that title mangled, counted as a slip, and its match held for review (the word may as
# well be the name it spells).
NAMED_TITLE_RULE = "title, as a slip"
# A leftover query word standing where the list name writes a title or particle that
# nothing matched, and like it letter for letter (loose_similarity: Baji, eji for Haji;
# Syeed for Seyed; ullah for Mullah): that word mangled past the title rules. It explains
# the query word, says nothing of who, counts as a slip, and its match is held for review.
LOOSE_TITLE_RULE = "title, letter for letter"
# Rules under which a word matched only through a slip (typo_factor; never lifted by context).
SLIP_RULES = frozenset(
    {
        "fuzzy",
        VOWEL_SLIP_RULE,
        LOOSE_RULE,
        SKELETON_SLIP_RULE,
        ARTICLE_SLIP_RULE,
        ROMANISED_SLIP_RULE,
        NAMED_TITLE_RULE,
        LOOSE_TITLE_RULE,
    }
)
# Rules that explain a query word without saying anything of who is named.
EXPLAINING_RULES = frozenset({TITLE_RULE, ARTICLE_SLIP_RULE, NAMED_TITLE_RULE, LOOSE_TITLE_RULE})
LOOSE_MIN = 0.5  # share of the longer word's letters the two must have in common ...
LOOSE_SCALE = 0.8  # ... and the similarity is that share times this
COMPOUND = "abd"  # the key of every Abd/Abdul/Abdel compound's first part
COMPOUND_PART_MIN = 3  # letters after Abd for its second part to count on its own
COMPOUND_PART_SIM = 0.85  # "Rahman" for "Abd al-Rahman": the servant's name, not the name


def compound_part(short: str, compound: str) -> bool:
    """``short`` is the second part of the Abd compound ``compound`` (keys)."""
    return (
        len(short) >= COMPOUND_PART_MIN
        and len(compound) == len(short) + 3
        and compound.startswith(COMPOUND)
        and compound.endswith(short)
    )


def vowel_blind(s: str) -> str:
    """``s`` with every vowel written as "a": two romanisations that differ only in their
    vowels read alike, so a slip besides is counted as the one edit it is."""
    return s.translate(_VOWEL_BLIND)


def slip_cost(a: str, b: str, d: int) -> float:
    """The cost, in slips, of ``d`` edits (optimal string alignment) between ``a`` and ``b``:
    two neighbouring letters swapped, all of the word's letters kept, costs ``SWAP_COST``
    (a slip of the hand keeps every letter; a letter replaced or lost may make another
    name, Umar / Amar)."""
    if d == 1 and len(a) == len(b) and sorted(a) == sorted(b):
        return SWAP_COST
    return d


def typo_allowance(length: int) -> int:
    """Typos tolerated in a word of ``length`` letters: none below four, one up to seven,
    two from eight."""
    return 0 if length < 4 else 1 if length <= 7 else 2


def token_similarity(q: Token, lt: Token) -> tuple[float, str]:
    """Similarity of a query token and a list token in [0, 1], with the rule that decided it."""
    if q.abjad != lt.abjad:
        # One side lost its short vowels (Arabic script): compare consonant skeletons.
        if q.skeleton == lt.skeleton and len(q.skeleton) >= 2:
            latin, script = (lt.key, q.key) if q.abjad else (q.key, lt.key)
            # (The Latin word as written: its key may read a silent final e as i, Djermane.)
            written = (lt.spelling if q.abjad else q.spelling) or latin
            if (script[-1] == "i" and written[-1] not in _LATIN_VOWELS) or (
                written[-1] in "iy" and script[-1] not in _SCRIPT_VOWELS
            ):
                # Arabic script writes a long vowel: a final ya the Latin word does not end
                # on (Ahmad / احمدی, Ahmadi) or a final -i the script does not write is a
                # letter the two do not share, as a slip is.
                return SKELETON_VOWEL_SIM, SKELETON_SLIP_RULE
            short = len(q.skeleton) < 3 and len(latin) < SHORT_SKELETON_LATIN
            return (SHORT_SKELETON_SIM if short else 0.9), "skeleton"
        if (
            min(len(q.skeleton), len(lt.skeleton)) >= 4
            and Levenshtein.distance(q.skeleton, lt.skeleton, score_cutoff=1) <= 1
        ):
            return 0.8, "skeleton~"
        return 0.0, ""
    if q.spelling == lt.spelling:
        return 1.0, "exact"
    if q.text == lt.text:
        return 0.97, "variant"
    if q.canonical and lt.canonical:
        return 0.0, ""  # two different known given names (Mahmud is not Muhammad)
    qk, lk = q.key, lt.key
    if qk == lk:
        return 0.96, "translit"
    # Romanisations that write one sound two ways the keys keep apart (French ch for sh:
    # Chiheb / Shihab; j for y: Jusuf / Yusuf): alike, a little less sure than one key.
    if ("C" in qk or "j" in qk or "C" in lk or "j" in lk) and qk.translate(
        _ROMANISED
    ) == lk.translate(_ROMANISED):
        return ROMANISED_SIM, "translit"
    nq, nl = len(qk), len(lk)
    if (nl == nq + 2 and lk == "al" + qk) or (nq == nl + 2 and qk == "al" + lk):
        return 0.93, "article"
    if len(q.text) == 1 or len(lt.text) == 1:
        return (0.7, "initial") if q.text[0] == lt.text[0] else (0.0, "")
    if nq == nl + 2 and nq >= 5 and qk[-2:] in GLUED_ARTICLES and qk[:-2] == lk:
        return 0.9, "article glued"
    if (nq == nl + 3 or nl == nq + 3) and (compound_part(qk, lk) or compound_part(lk, qk)):
        return COMPOUND_PART_SIM, "compound part"
    sim, rule = 0.0, ""
    longest = nq if nq > nl else nl
    # (typo_allowance, written out: this runs for every candidate pair.)
    allow = (0 if longest < 4 else 1 if longest <= 7 else 2) if nq >= 3 and nl >= 3 else 0
    qs, ls = q.spelling, lt.spelling
    cap = 2
    if nq > 5 and nl > 5 and qk.startswith(COMPOUND) and lk.startswith(COMPOUND):
        # Two Abd compounds (Abdul Makki, Abdul Baqi): only the servant's names tell.
        qk, lk, nq, nl = qk[3:], lk[3:], nq - 3, nl - 3
        longest = nq if nq > nl else nl
        allow = typo_allowance(longest) if nq >= 3 and nl >= 3 else 0
        if allow:
            d = OSA.distance(qk, lk, score_cutoff=allow)
            if d <= allow:
                sim, rule = 0.96 - 0.9 * d / longest, "fuzzy"
        allow = 0
        cap = 1  # the servant's names as written: one slip, however long (Rahman / Rahim)
    if allow:
        # Optimal string alignment: a swap of two letters is one typo, not two.
        d = OSA.distance(qk, lk, score_cutoff=allow) if abs(nq - nl) <= allow else allow + 1
        if d <= allow:
            sim, rule = 0.96 - 0.9 * slip_cost(qk, lk, d) / longest, "fuzzy"
    if qs and ls and (qs != q.key or ls != lt.key):
        # The slip may be in a letter the key rewrites (Taah / Taha, Hol / Chol, Abdulloh /
        # Abdullah): the spellings as written, held to the allowance of their own length.
        ns, nt = len(qs), len(ls)
        longest_s = ns if ns > nt else nt
        if sim < 0.96 - 0.9 * SWAP_COST / longest_s and ns >= 3 and nt >= 3:
            allow_s = typo_allowance(longest_s)
            if allow_s > cap:
                allow_s = cap
            if allow_s and abs(ns - nt) <= allow_s:
                d = OSA.distance(qs, ls, score_cutoff=allow_s)
                if d <= allow_s and 0.96 - 0.9 * slip_cost(qs, ls, d) / longest_s > sim:
                    sim, rule = 0.96 - 0.9 * slip_cost(qs, ls, d) / longest_s, "fuzzy"
    if (
        allow
        and sim < ROMANISED_SIM - 0.9 * SWAP_COST / longest
        and ("C" in qk or "j" in qk or "C" in lk or "j" in lk)
    ):
        # A slip on top of a sound another romanisation writes otherwise (Achir / Bashir:
        # ch for sh and a letter lost): one slip, below the same slip in a word written
        # alike; as with other vowels and a slip, such a match is for review only.
        rq, rl = qk.translate(_ROMANISED), lk.translate(_ROMANISED)
        d = OSA.distance(rq, rl, score_cutoff=allow)
        if d <= allow:
            rs = ROMANISED_SIM - 0.9 * slip_cost(rq, rl, d) / longest
            if rs > sim:
                sim, rule = rs, ROMANISED_SLIP_RULE
    if (
        sim < VOWELS_SIM
        and abs(nq - nl) <= 1
        and q.skeleton == lt.skeleton
        and len(q.skeleton) >= 2
        and (
            _ROMANISED_FIRST.get(qk[0], qk[0]) == _ROMANISED_FIRST.get(lk[0], lk[0])
            or (qk[0] in _VOWELS and lk[0] in _VOWELS)
        )
    ):
        # One vowel written another way (Gamel / Gamal) is another romanisation; each
        # further edit between the keys makes the pair more likely two names that only
        # share their consonants (Qina / Kuni, Hussien / Hashan).
        d = OSA.distance(qk.translate(_ROMANISED), lk.translate(_ROMANISED))
        vs = VOWELS_SIM - VOWELS_STEP * (d - 1) if d > 1 else VOWELS_SIM
        if vs > sim:
            sim, rule = vs, "vowels"
    return sim, rule


def vowel_slip_similarity(q: Token, lt: Token) -> float:
    """Likeness of two Latin words that ``token_similarity`` does not link but that are
    within the typo allowance of one another once every vowel is written alike
    (``vowel_blind``): another romanisation's vowels and a slip besides (Zemrani / Zahrani,
    Jousssef / Youssef). The differing vowels cost ``VOWEL_SLIP_COST`` of a slip more, so
    such a pair scores below one plain slip; 0.0 when they are not so near, for two
    different known given names, across scripts, for words under ``VOWEL_SLIP_MIN``
    letters and for Abd compounds (their servant's names are held to one slip as
    written)."""
    if q.abjad or lt.abjad or q.hangul or lt.hangul or (q.canonical and lt.canonical):
        return 0.0
    qk, lk = q.key, lt.key
    nq, nl = len(qk), len(lk)
    longest = nq if nq > nl else nl
    if (
        longest < VOWEL_SLIP_MIN
        or min(nq, nl) < 3
        or (qk.startswith(COMPOUND) and lk.startswith(COMPOUND))
    ):
        return 0.0  # (Buda / Sadi: with the vowels alike, one letter of two left to agree)
    allow = typo_allowance(longest)
    if not allow or abs(nq - nl) > allow:
        return 0.0
    d = OSA.distance(vowel_blind(qk), vowel_blind(lk), score_cutoff=allow)
    if not 0 < d <= allow:
        return 0.0  # (no slip besides the vowels: the "vowels" rule's business)
    return 0.96 - 0.9 * (d + VOWEL_SLIP_COST) / longest


def loose_similarity(q: Token, lt: Token) -> float:
    """Letter-for-letter likeness of two words of one script that no rule of
    ``token_similarity`` links: the share of the longer word kept by the fewest edits
    (transposition counted once), on the keys or on the spellings of about the same
    length (one letter apart at most), times ``LOOSE_SCALE``; 0.0 below ``LOOSE_MIN``,
    across scripts, and for two different known given names."""
    if q.abjad or lt.abjad or q.hangul or lt.hangul or (q.canonical and lt.canonical):
        return 0.0
    best = 0.0
    for a, b in ((q.key, lt.key), (q.spelling, lt.spelling)):
        n = max(len(a), len(b))
        if n < 2 or n - min(len(a), len(b)) > 2:
            continue  # (a word and one twice its length share too little to say)
        share = 1.0 - OSA.distance(a, b) / n
        if share > best:
            best = share
    return LOOSE_SCALE * best if best >= LOOSE_MIN else 0.0


def typo_factor(
    aligned: Sequence[tuple[int, int, float]] | Sequence[tuple[int, int, float, str]],
    whole: bool = False,
) -> float:
    """``TYPO_FACTOR`` for each token that matched only through a typo (``TYPO_ONE`` for a
    single slip in a word of five letters or more): a slip is as
    likely to make another real name (Salami / Salimi, Yeon / Yong) as to mangle this
    one, so a typo alone keeps a name in the review band unless the rest is strong.

    ``whole``: every word of the query and of the list name is aligned. Then the first
    slip in a word of five letters or more costs ``TYPO_ONE`` however many follow: that
    another person's name meets every word of this one, each within a slip, is rarer
    than that one word of it does."""
    slips = [a for a in aligned if len(a) > 3 and a[3] in SLIP_RULES]
    fuzzy = [a[2] for a in slips]
    if not fuzzy:
        return 1.0
    one = any(a[2] >= TYPO_ONE_MIN_SIM and a[3] == "fuzzy" for a in slips)
    if len(fuzzy) == 1 and one:
        # One slip in a word of five letters or more, the rest written as listed: the
        # commonest noise there is. A slip in a shorter word makes another name as often
        # (Yeon / Yong: Lee Seo-yeon is not RI SU YONG), and two slips compound.
        return TYPO_ONE
    if whole and one:
        return TYPO_ONE * TYPO_FACTOR ** (len(fuzzy) - 1)
    return TYPO_FACTOR ** len(fuzzy)


def df_weight(df: int) -> float:
    """Weight of a token seen in ``df`` entries: rare tokens identify, common ones barely."""
    if df <= 2:
        return 1.0
    return max(0.3, 1.0 - 0.17 * math.log2(df / 2))


def given_family_factor(
    q_weights: Sequence[float],
    l_weights: Sequence[float],
    aligned: Sequence[tuple[int, int, float]] | Sequence[tuple[int, int, float, str]],
    ends: tuple[int, int] | None,
) -> float:
    """List factor for a given + family name whose middle names were left out, or 0.0.

    Applies when every query token aligned, the list name's first and last weighted
    tokens (``ends``) are among them with a similarity of at least ``GF_MIN_SIM``, and
    both are informative (weight >= ``GF_MIN_WEIGHT``): "Aisha Qadhafi" for AISHA MUAMMAR
    MUHAMMED ABU MINYAR QADHAFI. Common pairs (Mohammed ... Hassan) get nothing.
    """
    if ends is None or len(aligned) < 2:
        return 0.0
    first, last = ends
    if l_weights[first] < GF_MIN_WEIGHT or l_weights[last] < GF_MIN_WEIGHT:
        return 0.0
    seen_q = set()
    found = set()
    for a in aligned:
        seen_q.add(a[0])
        if a[1] == first or a[1] == last:
            if a[2] < GF_MIN_SIM:
                return 0.0
            # (Both ends, not one end twice: a word written split aligns twice with it.)
            found.add(a[1])
    if len(found) < 2 or any(q_weights[i] > 0 and i not in seen_q for i in range(len(q_weights))):
        return 0.0
    mean = (l_weights[first] + l_weights[last]) / 2
    t = min(1.0, (mean - GF_MIN_WEIGHT) / (1.0 - GF_MIN_WEIGHT))
    return GF_LOW + (GF_HIGH - GF_LOW) * t


def name_factors(
    q_weights: Sequence[float],
    l_weights: Sequence[float],
    aligned: Sequence[tuple[int, int, float]] | Sequence[tuple[int, int, float, str]],
    ends: tuple[int, int] | None = None,
) -> tuple[float, float, float, float, float, float]:
    """(base score, token likeness, query coverage, list coverage, thinness factor,
    given + family factor or 0.0 when that rule did not raise the score)."""
    sq = sum(q_weights) or 1.0
    sl = sum(l_weights) or 1.0
    aq = 0.0
    al = 0.0
    wsum = 0.0
    wsim = 0.0
    seen_q: set[int] = set()
    seen_l: set[int] = set()
    for a in aligned:
        qw = q_weights[a[0]]
        lw = l_weights[a[1]]
        # A word aligned twice (written joined: Najibullah / Najib Ullah) covers once.
        if a[0] not in seen_q:
            seen_q.add(a[0])
            aq += qw
        if len(a) > 3 and a[3] in EXPLAINING_RULES:
            continue  # a title or article written another way: explained, says nothing of who
        if a[1] not in seen_l:
            seen_l.add(a[1])
            al += lw
        w = (qw + lw) / 2 or 0.01
        wsum += w
        wsim += w * a[2]
    like = wsim / (wsum or 1.0)
    cq = aq / sq if aq < sq else 1.0
    cl = al / sl if al < sl else 1.0
    like *= typo_factor(aligned, cq >= 1.0 and cl >= 1.0)
    thin = THIN_FLOOR + (1 - THIN_FLOOR) * (al / INFO_FULL if al < INFO_FULL else 1.0)
    base = BASE_MAX * like * cq**QUERY_EXPONENT * (LIST_FLOOR + (1 - LIST_FLOOR) * cl) * thin
    gf = given_family_factor(q_weights, l_weights, aligned, ends) if cl < 1.0 else 0.0
    if gf and BASE_MAX * like * gf > base:
        return BASE_MAX * like * gf, like, cq, cl, thin, gf
    return base, like, cq, cl, thin, 0.0


def name_score(
    q_weights: Sequence[float],
    l_weights: Sequence[float],
    aligned: Sequence[tuple[int, int, float]] | Sequence[tuple[int, int, float, str]],
    ends: tuple[int, int] | None = None,
) -> tuple[float, str]:
    """Base score of one alignment (query index, list index, similarity) and a summary.

    Three factors: how alike the aligned tokens are (weighted mean similarity), how much
    of the query is explained (an unexplained given name argues for another person, so
    it costs ``QUERY_EXPONENT``), and how much of the list name is covered (an omitted
    middle name costs less, down to ``LIST_FLOOR``). A match resting on little matched
    weight (one common token) is scaled towards ``THIN_FLOOR``. A given + family name
    with only middle names missing is scored by ``given_family_factor`` when that is
    higher.
    """
    base, like, cq, cl, thin, gf = name_factors(q_weights, l_weights, aligned, ends)
    parts = [f"token likeness {like:.2f}", f"query covered {cq:.0%}", f"list name covered {cl:.0%}"]
    typos = typo_factor(aligned, cq >= 1.0 and cl >= 1.0)
    if typos < 1.0:
        parts.append(f"typo x{typos:.2f} (in token likeness)")
    if gf:
        parts.append(f"given + family name, middle names missing x{gf:.2f}")
    elif thin < 0.995:
        parts.append(f"little matched weight x{thin:.2f}")
    return base, ", ".join(parts)


_SPLIT = re.compile(r"[^\w]+")


class EvidenceJudge:
    """Compares what an article says about a person with an entry's facts."""

    def __init__(self, normalizer: Normalizer) -> None:
        self.norm = normalizer
        self.countries = normalizer.rules.country_codes()
        self.common = normalizer.rules.common_tokens | {p for p, _ in normalizer.rules.particles}
        # entry (by identity; the index keeps its entries alive) -> (described, word keys)
        self._described: dict[int, tuple[str, set[str], set[str]]] = {}

    def _description(self, entry: Entry) -> tuple[str, set[str], set[str]]:
        """The entry's designations, titles and comments; their telling words' keys; and
        the keys of all their words."""
        hit = self._described.get(id(entry))
        if hit is None:
            described = " ".join((*entry.designations, *entry.titles, entry.comments))
            # (Each distinct word keyed once: the telling words are some of them.)
            keys = {w: self.norm.key(w)[0] for w in set(_SPLIT.split(described.lower())) if w}
            telling = {k for w, k in keys.items() if self._telling(w)}
            hit = (described, telling, set(keys.values()))
            self._described[id(entry)] = hit
        return hit

    def _telling(self, w: str) -> bool:
        """A lower-cased word that tells something: four letters or more, not common."""
        return len(w) >= 4 and w.isalpha() and w not in self.common

    def _words(self, text: str) -> set[str]:
        return {self.norm.key(w)[0] for w in _SPLIT.split(text.lower()) if self._telling(w)}

    def _entry_countries(self, entry: Entry) -> set[str]:
        found = set()
        for text in (*entry.nationalities, *entry.birth_places):
            low = text.lower()
            for name, code in self.countries.items():
                if name in low:
                    found.add(code)
        return found

    def shared_words(self, entry: Entry, evidence: Evidence) -> set[str]:
        """Keys of the telling words the article's titles and organisations share with the
        entry's designations, titles and comments."""
        said: set[str] = set()
        for text in (*evidence.titles, *evidence.organisations):
            said |= self._words(text)
        return said & self._description(entry)[1] if said else set()

    def regime_named(self, entry: Entry, evidence: Evidence) -> str:
        """The word by which the article's titles, descriptions or organisations name the
        movement the entry's list is about ("Taliban"), or ""."""
        words = REGIME_WORDS.get(entry.list_type)
        if not words:
            return ""
        for text in (*evidence.titles, *evidence.organisations):
            for w in _SPLIT.split(text.lower()):
                if w in words:
                    return w
        return ""

    def corroborates(self, entry: Entry, evidence: Evidence | None) -> bool:
        """Context strong enough to lift a review-band name to an alert: the birth year
        agrees, or two telling designation words are shared, or one is and the
        nationality agrees; and nothing contradicts (checked by the caller)."""
        if evidence is None:
            return False
        if evidence.birth_year:
            y = evidence.birth_year
            if any(r and r[0] <= y <= r[1] for r in (b.years() for b in entry.birth_dates)):
                return True
        shared = len(self.shared_words(entry, evidence)) + bool(self.regime_named(entry, evidence))
        if shared >= 2:
            return True
        if shared == 1 and evidence.nationalities:
            said = {c.upper() for c in evidence.nationalities}
            return bool(self._entry_countries(entry) & said)
        return False

    def adjust(
        self, entry: Entry, evidence: Evidence | None, weak_query: Sequence[Token]
    ) -> list[tuple[str, float]]:
        """(reason, delta) pairs: evidence that corroborates or contradicts ``entry``."""
        out: list[tuple[str, float]] = []
        if weak_query:
            designation_keys = self._description(entry)[2]
            agreeing = [t.spelling for t in weak_query if t.key in designation_keys]
            if agreeing:
                out.append(
                    (
                        f"title '{' '.join(agreeing)}' agrees with the listed designation",
                        TITLE_AGREES,
                    )
                )
        if evidence is None:
            return out
        if evidence.birth_year:
            ranges = [r for r in (b.years() for b in entry.birth_dates) if r]
            if ranges:
                y = evidence.birth_year
                listed = ", ".join(
                    b.value or f"{b.from_year}-{b.to_year}" for b in entry.birth_dates if b.years()
                )
                if any(lo <= y <= hi for lo, hi in ranges):
                    out.append((f"birth year {y} agrees with {listed}", BIRTH_AGREES))
                elif any(lo - 2 <= y <= hi + 2 for lo, hi in ranges):
                    out.append((f"birth year {y} is near {listed}", BIRTH_NEAR))
                else:
                    out.append((f"birth year {y} disagrees with {listed}", BIRTH_DISAGREES))
        if evidence.nationalities:
            have = self._entry_countries(entry)
            said = {c.upper() for c in evidence.nationalities}
            if have & said:
                out.append(
                    (f"nationality {'/'.join(sorted(have & said))} agrees", NATIONALITY_AGREES)
                )
            elif have and entry.nationalities:
                out.append(
                    (
                        f"nationality {'/'.join(sorted(said))} disagrees with "
                        f"{'/'.join(sorted(have))}",
                        NATIONALITY_DISAGREES,
                    )
                )
        regime = self.regime_named(entry, evidence)
        if regime:
            out.append(
                (f"the article places the person in the {entry.list_type} ('{regime}')",
                 REGIME_AGREES)
            )  # fmt: skip
        said_words = set()
        for text in (*evidence.titles, *evidence.organisations):
            said_words |= self._words(text)
        described, telling, _ = self._description(entry)
        if said_words and described:
            common = said_words & telling
            if common:
                shown = next(
                    (d for d in (*entry.designations, *entry.titles) if self._words(d) & common),
                    entry.comments[:60],
                )
                out.append(
                    (
                        f"'{' '.join(sorted(common))}' agrees with designation '{shown}'",
                        ORGANISATION_AGREES,
                    )
                )
        return out


def describe_entry(entry: Entry) -> dict[str, str]:
    """The facts that tell two same-named entries apart (DOB, designation, birthplace ...)."""
    dob = "; ".join(b.value or b.note or f"{b.from_year}-{b.to_year}" for b in entry.birth_dates)
    return {
        "DOB": dob or "unknown",
        "designation": "; ".join(entry.designations) or "none",
        "place of birth": "; ".join(entry.birth_places) or "unknown",
        "nationality": "; ".join(entry.nationalities) or "unknown",
    }


def role_weight(role: Role) -> float:
    """How much a token of this role counts towards coverage."""
    if role is Role.CONTENT:
        return 1.0
    if role is Role.KUNYA:
        return 0.35
    return 0.0
