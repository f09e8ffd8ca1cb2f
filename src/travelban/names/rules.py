"""Name-matching rules read from the data files in ``lists/names/``.

The files are the documentation of what the matcher treats as equivalent:
``translit.tsv`` (spelling equivalences and consonant skeletons), ``particles.tsv``
(al-, bin, abu, abd ...), ``honorifics.txt`` (weak title words), ``given_names.tsv``
(Muhammad/Mohammed/Mohamed ...), ``korean.tsv`` (reading Hangul, Korean surname
spellings), ``common_tokens.txt`` (words never reported alone when scanning text) and
``countries.tsv`` (UN country names to ISO codes).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from travelban.errors import ListError
from travelban.settings import default_lists_dir

log = logging.getLogger(__name__)

PARTICLE_KINDS = ("article", "connector", "kunya", "compound", "org")
# Compatibility jamo in the order Unicode composes Hangul syllables from them.
HANGUL_INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
HANGUL_VOWELS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
HANGUL_FINALS = "ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"


@dataclass(frozen=True, slots=True)
class KoreanRules:
    """How Hangul is read (per jamo), surname spellings, and the comparison rewrites."""

    initials: tuple[str, ...]  # romanisation per initial consonant, in HANGUL_INITIALS order
    vowels: tuple[str, ...]
    finals: tuple[str, ...]  # "" first (no final consonant), then HANGUL_FINALS order
    surnames: tuple[tuple[str, tuple[str, ...]], ...]  # (Hangul syllable, spellings)
    rewrites: tuple[tuple[str, str], ...]  # comparison key: plain-text replacements


@dataclass(frozen=True, slots=True)
class RewriteRule:
    """One regular-expression rewrite of a token, with the reason it exists."""

    stage: str  # "key" or "skeleton"
    pattern: re.Pattern[str]
    replacement: str
    why: str
    needs: str = ""  # text every match contains (a cheap test before the regex)


@dataclass(frozen=True, slots=True)
class NameRules:
    """Every table the name matcher uses, loaded once from a directory."""

    directory: Path
    rewrites: tuple[RewriteRule, ...]
    particles: tuple[tuple[str, str], ...]  # (particle, kind)
    arabic_particles: tuple[tuple[str, str], ...]  # (Arabic-script spelling, particle)
    honorifics: frozenset[str]
    variant_groups: tuple[tuple[str, ...], ...]
    common_tokens: frozenset[str]
    countries: tuple[tuple[str, str], ...]  # (name as the UN writes it, ISO2)
    korean: KoreanRules | None = None

    def particle_kind(self) -> dict[str, str]:
        """Particle -> kind."""
        return dict(self.particles)

    def canonical_given(self) -> dict[str, str]:
        """Any spelling in a variant group -> the group's first spelling."""
        out: dict[str, str] = {}
        for group in self.variant_groups:
            for spelling in group:
                out.setdefault(spelling, group[0])
        return out

    def country_codes(self) -> dict[str, str]:
        """Lower-cased country name -> ISO2."""
        return {name.lower(): code for name, code in self.countries}


def _data_lines(path: Path) -> list[list[str]]:
    """Non-comment, non-blank lines split on tabs."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ListError(
            "name-matching rules file is missing",
            path=path,
            fix="restore lists/names/ from the repository or pass --lists-dir",
        ) from None
    out = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        out.append([cell.strip() for cell in line.split("\t")])
    return out


_NOT_LITERAL = re.compile(
    r"\(\?<?[=!][^)]*\)"  # look-arounds
    r"|\[[^\]]*\]"  # character classes
    r"|\\."  # escapes and back-references
    r"|\([^)]*\)"  # groups
    r"|[a-zA-Z][?*{]"  # optional letters
)


def required_text(pattern: str) -> str:
    """A run of letters that every match of ``pattern`` contains ("" when unknown)."""
    if "|" in pattern:
        return ""
    runs = re.split(r"[^a-zA-Z]+", _NOT_LITERAL.sub("\0", pattern))
    return max(runs, key=len)


def _rewrites(path: Path) -> tuple[RewriteRule, ...]:
    rules = []
    for n, cells in enumerate(_data_lines(path), 1):
        if len(cells) < 3 or cells[0] not in ("key", "skeleton"):
            raise ListError(
                f"rule {n} is not 'stage<TAB>pattern<TAB>replacement<TAB>why'",
                path=path,
                fix="use stage 'key' or 'skeleton' and tab separators",
            )
        replacement = "" if cells[2] == '""' else cells[2]
        try:
            pattern = re.compile(cells[1])
        except re.error as exc:
            raise ListError(
                f"rule {n} has a bad pattern {cells[1]!r}: {exc}", path=path, fix="fix the regex"
            ) from None
        rules.append(
            RewriteRule(
                cells[0],
                pattern,
                replacement,
                cells[3] if len(cells) > 3 else "",
                required_text(cells[1]),
            )
        )
    return tuple(rules)


def _korean(path: Path) -> KoreanRules:
    jamo: dict[str, dict[str, str]] = {"initial": {}, "vowel": {}, "final": {}}
    surnames: list[tuple[str, tuple[str, ...]]] = []
    rewrites: list[tuple[str, str]] = []
    for n, cells in enumerate(_data_lines(path), 1):
        cells = ["" if c == '""' else c for c in cells]
        kind = cells[0]
        if kind in jamo and len(cells) >= 2:
            jamo[kind][cells[1]] = cells[2].lower() if len(cells) > 2 else ""
        elif kind == "surname" and len(cells) >= 3:
            surnames.append((cells[1], tuple(c.lower() for c in cells[2:] if c)))
        elif kind == "key" and len(cells) >= 2:
            rewrites.append((cells[1], cells[2] if len(cells) > 2 else ""))
        else:
            raise ListError(
                f"row {n} {cells!r} is not initial/vowel/final/surname/key with its columns",
                path=path,
                fix="see the comment at the top of the file for the row kinds",
            )
    for kind, letters in (
        ("initial", HANGUL_INITIALS),
        ("vowel", HANGUL_VOWELS),
        ("final", HANGUL_FINALS),
    ):
        missing = [j for j in letters if j not in jamo[kind]]
        if missing:
            raise ListError(
                f"no {kind} row for {' '.join(missing)}",
                path=path,
                fix='add a row for every jamo (write "" for a silent one)',
            )
    return KoreanRules(
        tuple(jamo["initial"][j] for j in HANGUL_INITIALS),
        tuple(jamo["vowel"][j] for j in HANGUL_VOWELS),
        ("", *(jamo["final"][j] for j in HANGUL_FINALS)),
        tuple(surnames),
        tuple(rewrites),
    )


@lru_cache(maxsize=8)
def load_rules(directory: Path | None = None) -> NameRules:
    """The rules in ``directory`` (default ``lists/names`` of the shipped lists folder)."""
    d = Path(directory) if directory is not None else default_lists_dir() / "names"
    particles = []
    arabic: list[tuple[str, str]] = []
    for cells in _data_lines(d / "particles.tsv"):
        if len(cells) < 2 or cells[1] not in PARTICLE_KINDS:
            raise ListError(
                f"bad particle row {cells!r}",
                path=d / "particles.tsv",
                fix=f"kind must be one of {', '.join(PARTICLE_KINDS)}",
            )
        particles.append((cells[0].lower(), cells[1]))
        if len(cells) > 2:
            arabic.extend((spelling, cells[0].lower()) for spelling in cells[2].split())
    groups = tuple(
        tuple(c.lower() for c in cells if c) for cells in _data_lines(d / "given_names.tsv")
    )
    korean = _korean(d / "korean.tsv")
    # Latin spellings of one Korean surname are one name (Lee = Ri); one-letter ones are
    # initials in Latin text and single-spelling rows only say how Hangul reads.
    seen: set[tuple[str, ...]] = set()
    for _, spellings in korean.surnames:
        group = tuple(sp for sp in spellings if len(sp) >= 2)
        if len(group) >= 2 and group not in seen:
            seen.add(group)
            groups += (group,)
    countries = []
    for cells in _data_lines(d / "countries.tsv"):
        if len(cells) < 2 or len(cells[1]) != 2:
            raise ListError(
                f"bad country row {cells!r}", path=d / "countries.tsv", fix="name<TAB>ISO2"
            )
        countries.append((cells[0], cells[1].upper()))
    rules = NameRules(
        directory=d,
        rewrites=_rewrites(d / "translit.tsv"),
        particles=tuple(particles),
        arabic_particles=tuple(arabic),
        honorifics=frozenset(c[0].lower() for c in _data_lines(d / "honorifics.txt")),
        variant_groups=groups,
        common_tokens=frozenset(c[0].lower() for c in _data_lines(d / "common_tokens.txt")),
        countries=tuple(countries),
        korean=korean,
    )
    log.debug("loaded name rules from %s (%d rewrites)", d, len(rules.rewrites))
    return rules
