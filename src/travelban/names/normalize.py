"""Name normalisation: Unicode folding, transliteration, particles, honorifics, keys.

A name becomes a tuple of ``Token``: the folded spelling, a transliteration *key*
(two spellings with the same key are the same name written two ways), a consonant
*skeleton* (for blocking and for vowel-less scripts such as Arabic) and a *role*
(content, kunya, connector, honorific, org). The tables behind every step are data
files in ``lists/names/`` (see ``travelban.names.rules``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from anyascii import anyascii
from rapidfuzz.distance import OSA

from travelban.names.rules import NameRules, RewriteRule, load_rules


class Role(StrEnum):
    """What a token contributes to a name."""

    CONTENT = "content"  # a real name part
    KUNYA = "kunya"  # abu, umm: a name part of its own, but light
    CONNECTOR = "connector"  # bin, ibn, ould: weak
    HONORIFIC = "honorific"  # General, Haji, Mullah, Dr: weak
    ORG = "org"  # of, company, ltd: weak (entity names)

    @property
    def weak(self) -> bool:
        return self in WEAK_ROLES


WEAK_ROLES = frozenset({Role.CONNECTOR, Role.HONORIFIC, Role.ORG})


@dataclass(frozen=True, slots=True)
class Token:
    """One normalised name token."""

    text: str  # folded ASCII form after particle and variant handling ("abdrahman")
    key: str  # transliteration key ("abdrahman")
    skeleton: str  # consonant skeleton ("bdrhmn")
    role: Role = Role.CONTENT
    abjad: bool = False  # came from a script that does not write short vowels
    canonical: str = ""  # given-name group ("muhammad") when the spelling is in one
    start: int = -1  # span in the text it was read from
    end: int = -1
    spelling: str = ""  # the folded spelling as written ("abdulrahman", "mohammed")
    hangul: bool = False  # read from Hangul (compared with Korean romanisation rewrites)


# Letters joined by apostrophe-like marks (ayn, hamza, quotes) stay one word.
_WORD = re.compile(r"[^\W\d_]+(?:['’ʼʿʾ`‘][^\W\d_]+)*")
_APOSTROPHES = re.compile(r"['’ʼʿʾ`‘]")
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_ARABIC_MARKS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u0640\u06d6-\u06ed]")
_HANGUL_OR_CJK = re.compile(r"[\uac00-\ud7a3\u4e00-\u9fff\u3400-\u4dbf]")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_HANGUL_BASE = 0xAC00
_CAMEL = re.compile(r"[A-Z][a-z]*|[a-z]+")
_NON_ALPHA = re.compile(r"[^a-z]+")
# A name glued to -ddin by its connecting vowel or article (Nasiruddin, Sadouddin with
# French ou, Nizamoddin with Persian o, Alaeddin, Kamaleldin).
_DIN_SUFFIX = re.compile(
    r"^(.{3,}?)(?:oud|ood|ud|od|ad|ed|al|el|ul|ou|oo|u|o|e|a)?dd?(?:in|een|ine)$"
)
_DIN_WORDS = frozenset({"din", "deen", "dine", "dinn"})
# Words this long or longer that are one typo away from a compound (Abddul, Abdl Rahman
# is shorter: "abdl" has a letter dropped) are read as that compound.
MIN_FUZZY_COMPOUND = 5
_ARTICLE_ALWAYS = frozenset({"al", "el"})
# Letters after a glued al- or el- for the word after an Abd to be read as article + name.
_GLUED_ARTICLE_REST = 5
_ARABIC_ARTICLE = "ال"
# Persian/Urdu letter forms and hamza seats folded to one Arabic form before look-ups.
_ARABIC_FOLD = str.maketrans({"ی": "ي", "ى": "ي", "ک": "ك", "أ": "ا", "إ": "ا", "آ": "ا", "ۀ": "ه"})


def _slips(word: str, replaced: bool = False) -> set[str]:
    """Every spelling one keyboard slip away from ``word``: a letter dropped or doubled,
    two neighbours swapped (and, with ``replaced``, one letter replaced)."""
    out = {word[:i] + word[i + 1 :] for i in range(len(word))}
    if replaced:
        out |= {word[:i] + c + word[i + 1 :] for i in range(len(word)) for c in _LETTERS}
    out |= {word[:i] + word[i] + word[i:] for i in range(len(word))}
    out |= {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
    return {w for w in out if w and w != word}


_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_VOWELS = frozenset("aeiou")
# Letters after Abd for a word to be read as an Abd compound whose key is Abd + its own.
MIN_COMPOUND_REST = 3
# ... and before a glued Abd of fewer than MIN_FUZZY_COMPOUND letters (Abd, Abdi, Abdu).
MIN_SHORT_COMPOUND_REST = 4
_ABD = "abd"  # the text every Abd compound particle is read as when it stands alone
# Slips of the Abd compound that still read as it when an article follows ("Adb-al-").
_SLIPPED_ABD = frozenset(w for w in _slips("abd") if w.startswith("a"))


def _compiled(rule: RewriteRule) -> tuple[re.Pattern[str], str, str, bool]:
    """(pattern, replacement, text every match holds, literal) of one rewrite rule. A
    pattern of plain letters with a plain replacement is applied by ``str.replace``,
    which rewrites the same non-overlapping matches from the left as ``re.sub``."""
    literal = (
        rule.pattern.pattern.isalpha()
        and rule.pattern.pattern == rule.needs
        and "\\" not in rule.replacement
    )
    return rule.pattern, rule.replacement, rule.needs, literal


def _rewrite(pattern: re.Pattern[str], repl: str, needs: str, s: str) -> str:
    """``pattern.sub(repl, s)``; a rule with no text to test for first (doubled letters)
    is searched for before the substitution, which costs far more when nothing matches."""
    if not needs and pattern.search(s) is None:
        return s
    return pattern.sub(repl, s)


def fold_arabic(word: str) -> str:
    """Arabic-script word without diacritics, with Persian letter forms folded."""
    # NFKC turns presentation forms (U+FExx, as some list copies hold) into plain letters.
    return _ARABIC_MARKS.sub("", unicodedata.normalize("NFKC", word)).translate(_ARABIC_FOLD)


class Normalizer:
    """Turns names (or running text) into tokens with the rules of one directory."""

    def __init__(self, rules: NameRules) -> None:
        self.rules = rules
        self._key_rules = [_compiled(r) for r in rules.rewrites if r.stage == "key"]
        self._skel_rules = [_compiled(r) for r in rules.rewrites if r.stage == "skeleton"]
        # Letters a key rule rewrites only at the start of a word (^dj: Djolo is read "j"):
        # a word beginning so reads otherwise once glued to the word before it.
        self.initial_heads = tuple(
            r.pattern.pattern[1:]
            for r in rules.rewrites
            if r.stage == "key" and re.fullmatch(r"\^[a-z]+", r.pattern.pattern)
        )
        kinds = rules.particle_kind()
        self._articles = frozenset(p for p, k in kinds.items() if k == "article")
        self._compounds = tuple(
            sorted((p for p, k in kinds.items() if k == "compound"), key=len, reverse=True)
        )
        self._compound_ends = tuple(self._compounds)  # (for one str.endswith over all)
        self._roles: dict[str, Role] = {}
        for p, k in kinds.items():
            if k == "kunya":
                self._roles[p] = Role.KUNYA
            elif k == "connector":
                self._roles[p] = Role.CONNECTOR
            elif k == "org":
                self._roles[p] = Role.ORG
        for h in rules.honorifics:
            self._roles.setdefault(h, Role.HONORIFIC)
        self._canonical = {
            (fold_arabic(k) if _ARABIC.search(k) else k): v
            for k, v in rules.canonical_given().items()
        }
        self._arabic_particles = {fold_arabic(k): v for k, v in rules.arabic_particles}
        korean = rules.korean
        self._ko_initials = korean.initials if korean else ()
        self._ko_vowels = korean.vowels if korean else ()
        self._ko_finals = korean.finals if korean else ()
        self._ko_surnames = {h: sp[0] for h, sp in korean.surnames} if korean else {}
        self._ko_rewrites = korean.rewrites if korean else ()
        self._ko_key_cache: dict[str, str] = {}
        self._key_cache: dict[str, tuple[str, str]] = {}
        self._token_cache: dict[tuple[str, str, bool, bool, bool], Token] = {}
        self._fold_cache: dict[str, list[tuple[str, bool, bool]]] = {}
        # written word -> its tokens when no particle needs the neighbouring words, else None
        self._plain_cache: dict[str, tuple[Token, ...] | None] = {}
        # One slip in a hyphenated article ("l-Rahman", "la-Huthi", "aal-Milad").
        self._slipped_articles = (
            frozenset(slip for a in _ARTICLE_ALWAYS for slip in _slips(a))
            - self._articles
            - set(self._roles)
            - set(self._canonical)
        )
        # A lone consonant before a hyphen is an assimilated article that lost its vowel
        # ("Abd r-Rehman").
        self._slipped_articles |= frozenset("bcdfghjklmnpqrstvwxz")
        # One letter of the article replaced by a consonant before the l ("Abd dl-Ghafur")
        # or by a vowel after the a or e ("Abu Ai-Khayr"): no name part is written so.
        # (A consonant after it makes name parts: Aw-Mohamud, Ab-, Es-.) Two letters that
        # can be a Korean syllable are kept: hyphenated Korean names begin with them
        # (Il-sung, Ae-ran).
        syllables = self._korean_syllables(2)
        self._slipped_articles |= (
            frozenset(
                slip
                for a in _ARTICLE_ALWAYS
                for slip in _slips(a, replaced=True)
                if len(slip) == 2
                and slip not in syllables
                and ((slip[1] == "l" and slip[0] not in _VOWELS) or slip[1] in _VOWELS)
            )
            - self._articles
            - set(self._roles)
            - set(self._canonical)
        )
        self._special = frozenset(
            (*self._articles, *self._compounds, *_DIN_WORDS, *self._slipped_articles)
        )
        # Keys of the longer compound spellings: "abddul" or "abdoul" has the key of "abdul".
        self._compound_keys = frozenset(
            self.key(c)[0] for c in self._compounds if len(c) >= MIN_FUZZY_COMPOUND
        )
        self._compound_like_cache: dict[str, bool] = {}
        # Long compounds with their first letter lost ("bdul" for Abdul).
        self._headless = (
            frozenset(c[1:] for c in self._compounds if len(c) >= MIN_FUZZY_COMPOUND)
            - set(self._canonical)
            - set(self._roles)
        )

    def _korean_syllables(self, longest: int) -> frozenset[str]:
        """Romanised Korean syllables (initial, vowel, final) of at most ``longest`` letters."""
        return frozenset(
            syllable
            for i in (*self._ko_initials, "")
            for v in self._ko_vowels
            for f in (*self._ko_finals, "")
            if len(syllable := i + v + f) <= longest
        )

    # ------------------------------------------------------------ single words

    def key(self, text: str) -> tuple[str, str]:
        """(transliteration key, consonant skeleton) of one folded token."""
        hit = self._key_cache.get(text)
        if hit is not None:
            return hit
        k = text
        for pattern, repl, needs, literal in self._key_rules:
            if needs in k:
                k = k.replace(needs, repl) if literal else _rewrite(pattern, repl, needs, k)
        if (
            len(text) >= len(_ABD) + MIN_COMPOUND_REST
            and text.startswith(_ABD)
            and not k.startswith(_ABD)
        ):
            # A rule read across the seam of an Abd compound (abd + Hakim read as "dh"):
            # the servant's name keeps its own key, as it has when written alone.
            k = _ABD + self.key(text[len(_ABD) :])[0]
        s = k
        for pattern, repl, needs, literal in self._skel_rules:
            if needs in s:
                s = s.replace(needs, repl) if literal else _rewrite(pattern, repl, needs, s)
        if not s:
            s = k[:1]
        out = (k, s)
        if len(self._key_cache) < 500_000:
            self._key_cache[text] = out
        return out

    def korean_key(self, text: str) -> str:
        """A folded token rewritten so that romanisations of one Korean syllable agree."""
        hit = self._ko_key_cache.get(text)
        if hit is None:
            hit = text
            for old, new in self._ko_rewrites:
                hit = hit.replace(old, new)
            if len(self._ko_key_cache) < 200_000:
                self._ko_key_cache[text] = hit
        return hit

    def _read_hangul(self, word: str) -> list[tuple[str, bool, bool]]:
        """Hangul syllables read one by one (a surname syllable opening the word as the
        UN list spells it); other characters in the word are dropped."""
        out = []
        for i, ch in enumerate(word):
            code = ord(ch) - _HANGUL_BASE
            if not 0 <= code < 11172:
                continue
            latin = self._ko_surnames.get(ch) if i == 0 else None
            if latin is None:
                initial, rest = divmod(code, 588)
                vowel, final = divmod(rest, 28)
                latin = self._ko_initials[initial] + self._ko_vowels[vowel] + self._ko_finals[final]
            if latin:
                out.append((latin, False, True))
        return out

    def _fold_word(self, word: str) -> list[tuple[str, bool, bool]]:
        """One written word -> folded pieces with flags: abjad (Arabic script), Hangul."""
        hit = self._fold_cache.get(word)
        if hit is None:
            hit = self._fold_word_uncached(word)
            if len(self._fold_cache) < 500_000:
                self._fold_cache[word] = hit
        return hit

    def _fold_word_uncached(self, word: str) -> list[tuple[str, bool, bool]]:
        if _ARABIC.search(word):
            word = fold_arabic(word)
            particle = self._arabic_particles.get(word)
            if particle:
                return [(particle, True, False)]
            known = self._canonical.get(word) or self._canonical.get(word.removeprefix("ال"))
            if known:
                return [(known, False, False)]
            pieces: list[str] = []
            abd = next((a for a, p in self._arabic_particles.items() if p == "abd"), "")
            if abd and word.startswith(abd + _ARABIC_ARTICLE) and len(word) > len(abd) + 3:
                pieces.append("abd")
                word = word[len(abd) :]
            if word.startswith(_ARABIC_ARTICLE) and len(word) > 3:
                word = word[2:]
            pieces.append(_NON_ALPHA.sub("", anyascii(word).lower()))
            return [(p, True, False) for p in pieces if p]
        if self._ko_initials and _HANGUL.search(word):
            return self._read_hangul(word)
        if _HANGUL_OR_CJK.search(word):
            # anyascii writes one capitalised syllable per character: split them.
            return [(m.lower(), False, False) for m in _CAMEL.findall(anyascii(word))]
        word = _APOSTROPHES.sub("", word)
        if word.isascii():
            folded = word.lower()
        else:
            folded = anyascii(unicodedata.normalize("NFKC", word)).lower()
        folded = _NON_ALPHA.sub("", folded)
        if not folded:
            return []
        if folded.endswith(self._compound_ends):
            for c in self._compounds:  # longest first
                # (A short Abd, Abdi, needs a longer name before it: Ahmadabd, Ibrahimabdi.)
                short = len(c) < MIN_FUZZY_COMPOUND
                rest = MIN_SHORT_COMPOUND_REST if short else MIN_COMPOUND_REST
                if (
                    folded.endswith(c)
                    and len(folded) - len(c) >= rest
                    and folded not in self._canonical
                ):
                    # A name glued to the Abdul of the next ("Baradarabdul Ahmad", "AHMADabd
                    # AL-SATTAR", "Ibrahimabdi"): two words.
                    return [(folded[: -len(c)], False, False), (c, False, False)]
        return [(folded, False, False)]

    # ------------------------------------------------------------ names

    def words(self, text: str) -> list[tuple[str, bool, int, int, bool, bool]]:
        """(folded piece, abjad, start, end, hyphen_follows, hangul) per word of ``text``."""
        out = []
        n = len(text)
        for m in _WORD.finditer(text):
            start, end = m.span()
            hyphen = end < n and text[end] in "-‐‑–"
            for piece, abjad, hangul in self._fold_word(m.group()):
                out.append((piece, abjad, start, end, hyphen, hangul))
        return out

    def analyse(self, text: str, *, spans: bool = True) -> tuple[Token, ...]:
        """The tokens of one name (particles merged or dropped, roles assigned).

        With ``spans=False`` the tokens carry no text positions (start = end = -1); they
        are then shared, cached objects, which is what screening a batch of names wants.
        """
        if spans:
            return tuple(self._tokens(self.words(text), True))
        # Fast path: most words need no look at their neighbours (no al-, abd, ud-din).
        cache = self._plain_cache
        out: list[Token] = []
        for word in _WORD.findall(text):
            toks = cache.get(word)
            if toks is None:
                if word in cache:
                    return tuple(self._tokens(self.words(text), False))
                toks = self._plain_word(word)
                if len(cache) < 500_000:
                    cache[word] = toks
                if toks is None:
                    return tuple(self._tokens(self.words(text), False))
            out.extend(toks)
        return tuple(out)

    def _plain_word(self, word: str) -> tuple[Token, ...] | None:
        """The tokens of one written word, or None when it holds a particle."""
        pieces = self._fold_word(word)
        if any((p in self._special or self.compound_like(p)) and not h for p, _, h in pieces):
            return None
        return tuple(self._token(p, p, abjad, -1, -1, h) for p, abjad, h in pieces)

    def _tokens(
        self, words: list[tuple[str, bool, int, int, bool, bool]], spans: bool
    ) -> Iterator[Token]:
        i = 0
        n = len(words)
        # (text, spelling, abjad, start, end, hangul)
        pending: list[tuple[str, str, bool, int, int, bool]] = []
        # Positions in ``pending`` of Abd compounds built from two written words: their
        # parts are known, so they are not split again as one glued word would be.
        composed: set[int] = set()
        while i < n:
            text, abjad, start, end, hyphen, hangul = words[i]
            if hangul:
                pending.append((text, text, abjad, start, end, True))
                i += 1
                continue
            has_next = i + 1 < n
            if has_next and (
                (text in self._articles and (hyphen or text in _ARTICLE_ALWAYS))
                or (hyphen and text in self._slipped_articles)
            ):
                i += 1
                continue
            if not has_next and pending and text in _ARTICLE_ALWAYS:
                # An article with no word after it (the words reordered: "Tilemsi Ahmed el")
                # belongs to no name part.
                i += 1
                continue
            if has_next and (
                self.compound_like(text)
                or (text in _SLIPPED_ABD and self._article_at(words, i + 1))
            ):
                # abd al-Rahman, Abdul Rahman -> one given name "abdrahman"
                j = i + 1
                while j + 1 < n and (
                    words[j][0] in self._articles
                    or (words[j][4] and words[j][0] in self._slipped_articles)
                ):
                    j += 1
                nxt = words[j][0]
                if self.compound_like(nxt):
                    # Two Abds in a row ("Satar Abdul Abdul Manan", the words reordered): a
                    # servant's name is never Abd, so the first one stands alone.
                    pending.append((_ABD, text, abjad, start, end, False))
                    i += 1
                    continue
                if nxt[:2] in _ARTICLE_ALWAYS and (
                    len(nxt) >= _GLUED_ARTICLE_REST + 2
                    or nxt[2:] in self._canonical
                    or _ABD + nxt[2:] in self._canonical
                ):
                    # An article glued to the name (Abd Elrahman, Abd Elillah); a shorter
                    # word is a name of its own (Abdul Alizai, Abdul Alim).
                    nxt = nxt[2:]
                nxt = self._canonical.get(nxt, nxt)
                composed.add(len(pending))
                pending.append(
                    (
                        "abd" + nxt,
                        text + words[j][0],
                        abjad or words[j][1],
                        start,
                        words[j][3],
                        False,
                    )
                )
                i = j + 1
                continue
            if text in _DIN_WORDS and pending:
                # Nasir al-Din, Nasir ud-Din -> "nasirdin"
                p_text, p_spell, p_abjad, p_start, _, p_hangul = pending[-1]
                pending[-1] = (p_text + "din", p_spell + text, p_abjad, p_start, end, p_hangul)
                i += 1
                continue
            if (
                not has_next
                and text != _ABD
                and (text in self._compounds or text in self._headless)
            ):
                text = _ABD  # Abdul with nothing after it (moved, or its name lost)
            pending.append((text, text, abjad, start, end, False))
            i += 1
        if not spans:
            for k, (text, spelling, abjad, _, _, hangul) in enumerate(pending):
                yield self._token(text, spelling, abjad, -1, -1, hangul, k in composed)
            return
        for k, (text, spelling, abjad, start, end, hangul) in enumerate(pending):
            yield self._token(text, spelling, abjad, start, end, hangul, k in composed)

    def articles(self, text: str) -> frozenset[str]:
        """The articles (al-, el, ur- ...) written before a word of the name ``text``: the
        tokens leave them out, so they are kept here to explain a slip of one."""
        words = self.words(text)
        return frozenset(
            words[i][0]
            for i in range(len(words) - 1)
            if words[i][0] in self._articles and (words[i][4] or words[i][0] in _ARTICLE_ALWAYS)
        )

    def _article_at(self, words: list[tuple[str, bool, int, int, bool, bool]], i: int) -> bool:
        """Word ``i`` is an article (or a slip of one) joined to the word after it."""
        if i + 1 >= len(words):
            return False
        text, hyphen = words[i][0], words[i][4]
        return (text in self._articles and (hyphen or text in _ARTICLE_ALWAYS)) or (
            hyphen and text in self._slipped_articles
        )

    def _token(
        self,
        text: str,
        spelling: str,
        abjad: bool,
        start: int,
        end: int,
        hangul: bool = False,
        composed: bool = False,
    ) -> Token:
        ck = (text, spelling, abjad, hangul, composed)
        hit = self._token_cache.get(ck)
        if hit is None:
            hit = self._make_token(text, spelling, abjad, hangul, composed)
            if len(self._token_cache) < 500_000:
                self._token_cache[ck] = hit
        if start == hit.start and end == hit.end:
            return hit
        return Token(
            hit.text,
            hit.key,
            hit.skeleton,
            hit.role,
            abjad,
            hit.canonical,
            start,
            end,
            spelling,
            hangul,
        )

    def _make_token(
        self, text: str, spelling: str, abjad: bool, hangul: bool = False, composed: bool = False
    ) -> Token:
        canonical = self._canonical.get(text, "")
        if canonical:
            text = canonical
        # A Hangul syllable is a name part: never a title, particle or glued compound.
        role = Role.CONTENT if hangul else self._roles.get(text, Role.CONTENT)
        if role is Role.CONTENT and not canonical and not hangul:
            # An Abd compound built from two words keeps its parts: "Abd Al-Iraqi" is Abd +
            # Iraqi, where the glued "abdiraqi" would read Abdi + Raqi.
            text = self._split_din(text) if composed else self._split_glued(text)
            canonical = self._canonical.get(text, "")
            if canonical:
                text = canonical
        key, skeleton = self.key(text)
        return Token(text, key, skeleton, role, abjad, canonical, -1, -1, spelling, hangul)

    def _glued_prefix(self, text: str) -> int:
        """Length of the compound (Abdul, Abd ...) that ``text`` starts with, 0 if none."""
        for prefix in self._compounds:  # longest first
            if len(prefix) < MIN_FUZZY_COMPOUND:
                break
            if text.startswith(prefix) and len(text) - len(prefix) >= 3:
                return len(prefix)
        # A misspelt long compound (Abddulrahman): its key is a compound's key.
        for n in range(MIN_FUZZY_COMPOUND, min(8, len(text) - 3) + 1):
            if self.key(text[:n])[0] in self._compound_keys:
                return n
        for prefix in self._compounds:
            if (
                len(prefix) < MIN_FUZZY_COMPOUND
                and text.startswith(prefix)
                and len(text) - len(prefix) >= 3
            ):
                return len(prefix)
        return 0

    def compound_like(self, text: str) -> bool:
        """A compound particle (Abdul, Abdel ...) or one typo away from a long one."""
        hit = self._compound_like_cache.get(text)
        if hit is None:
            hit = (
                text in self._compounds
                or text in self._headless
                or (
                    # Four letters only after "ab" (Adel is a name, not a slip of Abdel).
                    len(text)
                    >= (MIN_FUZZY_COMPOUND - 1 if text.startswith("ab") else MIN_FUZZY_COMPOUND)
                    and text not in self._canonical
                    and text not in self._roles
                    and (
                        self.key(text)[0] in self._compound_keys
                        or any(
                            OSA.distance(text, c, score_cutoff=1) <= 1
                            for c in self._compounds
                            if len(c) >= MIN_FUZZY_COMPOUND
                        )
                        # Two slips of the pen that the key reads as one (Adddul, Akdool:
                        # "adul", "akdul" for "abdul"); never a key longer than the Abd's,
                        # which is a name built on it (Abdullah).
                        or (
                            len(text) >= MIN_FUZZY_COMPOUND + 1
                            and any(
                                len(self.key(text)[0]) <= len(k)
                                and OSA.distance(self.key(text)[0], k, score_cutoff=1) <= 1
                                for k in self._compound_keys
                            )
                        )
                    )
                )
            )
            if len(self._compound_like_cache) < 200_000:
                self._compound_like_cache[text] = hit
        return hit

    def _split_glued(self, text: str) -> str:
        """Abdulrahman -> abdrahman, Nasiruddin -> nasirdin (glued compounds)."""
        if text.startswith("ab"):
            n = self._glued_prefix(text)
            if n:
                rest = text[n:]
                if rest[:2] in _ARTICLE_ALWAYS | {"ul"} and len(rest) >= 6:
                    rest = rest[2:]  # Abdualrahman: the article glued on as well
                return "abd" + self._canonical.get(rest, rest)
        return self._split_din(text)

    @staticmethod
    def _split_din(text: str) -> str:
        """Nasiruddin -> nasirdin (a name glued to -ud-din)."""
        m = _DIN_SUFFIX.match(text)
        if m and m.group(1) + "din" != text and not text.endswith("dinn"):
            return m.group(1) + "din"
        return text


@lru_cache(maxsize=4)
def get_normalizer(directory: Path | None = None) -> Normalizer:
    """The shared normaliser for a rules directory (default ``lists/names``)."""
    return Normalizer(load_rules(directory))


def normalize(text: str) -> str:
    """A name folded to lower-case ASCII tokens joined by spaces (particles handled)."""
    return " ".join(t.text for t in get_normalizer().analyse(text, spans=False))


def tokens(text: str) -> list[str]:
    """The folded tokens of a name, e.g. ``"Qasem al-Soleimani"`` -> ``["qasem", "soleimani"]``."""
    return [t.text for t in get_normalizer().analyse(text, spans=False)]


def name_key(text: str) -> str:
    """The transliteration keys of a name's content tokens joined by spaces."""
    return " ".join(t.key for t in get_normalizer().analyse(text, spans=False) if not t.role.weak)
