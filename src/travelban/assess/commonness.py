"""How common a name is: an exact match on a common name is not an identity.

Two sources, both data:

* ``lists/assess/common_names.tsv`` (very common / common name words by naming culture), the
  given names of ``lists/extract/given_names.tsv`` and the words of
  ``lists/names/common_tokens.txt``;
* token frequencies over the UN list itself: how many individual entries hold each name
  word in a name or alias, and how many hold every word of the name.

Words are folded by the name normaliser (``travelban.names``), so "Qasem", "Ghasem" and
"Kasim", or "Choe" and "Choi", count as one word. A name is *common* when every one of its
content words is common (in the data, or held by at least ``LIST_COMMON`` entries), or
when two or more individual entries hold the whole name.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from travelban.errors import ListError
from travelban.models import Entry, EntryKind
from travelban.names import Normalizer, get_normalizer

log = logging.getLogger(__name__)

# A name word held by this many individual entries is common whatever the data file says.
LIST_COMMON = 15
FILE = "assess/common_names.tsv"


@dataclass(frozen=True, slots=True)
class WordCommonness:
    word: str  # as the article writes it
    key: str  # folded key
    entries: int  # individual entries holding the word
    known: str  # "very common Korean surname", "given name", "" when not in the data
    common: bool


@dataclass(frozen=True, slots=True)
class NameCommonness:
    name: str
    words: tuple[WordCommonness, ...]
    sharing: int  # individual entries holding every content word of the name
    common: bool

    @property
    def detail(self) -> str:
        """Readable: each word with what makes it common or rare, and the entries sharing it."""
        parts = []
        for w in self.words:
            bits = [w.known] if w.known else []
            bits.append(f"in {w.entries} list entr{'y' if w.entries == 1 else 'ies'}")
            parts.append(f"{w.word}: {', '.join(bits)}")
        verdict = "common" if self.common else "rare"
        return (
            f"'{self.name}' is a {verdict} name ({'; '.join(parts)}; "
            f"{self.sharing} individual entr{'y' if self.sharing == 1 else 'ies'} hold the "
            "whole name)"
        )


class Commonness:
    """Name-word frequencies over the list's individuals plus the common-name data."""

    def __init__(
        self, entries: Iterable[Entry], normalizer: Normalizer, known: dict[str, str]
    ) -> None:
        self.norm = normalizer
        self.known = known
        postings: dict[str, set[str]] = defaultdict(set)
        for e in entries:
            if e.kind is not EntryKind.INDIVIDUAL:
                continue
            for text in (e.name, *(a.name for a in e.aliases if not a.original_script)):
                for key in self._keys(text):
                    postings[key].add(e.reference)
        self._postings = {k: frozenset(v) for k, v in postings.items()}

    @classmethod
    def build(cls, entries: Iterable[Entry], lists_dir: Path) -> Commonness:
        """Read the data files under ``lists_dir`` and count words over ``entries``."""
        norm = get_normalizer(lists_dir / "names" if (lists_dir / "names").is_dir() else None)
        known: dict[str, str] = {}

        def add(word: str, what: str) -> None:
            for key in cls._keys_with(norm, word):
                known.setdefault(key, what)

        path = lists_dir / FILE
        if not path.is_file():
            # An older copy of lists/ given with --lists-dir: list frequencies still count.
            log.warning("%s is missing; name commonness uses list frequencies only", path)
        for n, line in enumerate(_lines(path) if path.is_file() else (), 1):
            cols = line.split("\t")
            if len(cols) < 3 or cols[1].strip() not in ("very common", "common"):
                raise ListError(
                    f"line {n} is not 'word<TAB>very common|common<TAB>what'",
                    path=path,
                    fix="correct that line (tab-separated, three columns)",
                )
            add(cols[0].strip(), f"{cols[1].strip()} {cols[2].strip()}")
        given = lists_dir / "extract" / "given_names.tsv"
        if given.is_file():
            for line in _lines(given):
                add(line.split()[0], "common given name")
        tokens = lists_dir / "names" / "common_tokens.txt"
        if tokens.is_file():
            for line in _lines(tokens):
                add(line.split()[0], "common name word")
        return cls(entries, norm, known)

    @staticmethod
    def _keys_with(norm: Normalizer, text: str) -> list[str]:
        return [t.canonical or t.key for t in norm.analyse(text, spans=False) if not t.role.weak]

    def _keys(self, text: str) -> list[str]:
        return self._keys_with(self.norm, text)

    def of(self, name: str) -> NameCommonness:
        """How common ``name`` is, word by word and as a whole."""
        toks = [t for t in self.norm.analyse(name, spans=True) if not t.role.weak]
        words = []
        holders: frozenset[str] | None = None
        for t in toks:
            key = t.canonical or t.key
            held = self._postings.get(key, frozenset())
            holders = held if holders is None else holders & held
            known = self.known.get(key, "")
            word = name[t.start : t.end] if 0 <= t.start < t.end else t.text
            common = bool(known) or len(held) >= LIST_COMMON
            words.append(WordCommonness(word, key, len(held), known, common))
        sharing = len(holders or ())
        common = bool(words) and (all(w.common for w in words) or sharing >= 2)
        return NameCommonness(name, tuple(words), sharing, common)


def _lines(path: Path) -> Iterable[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ListError(
            f"cannot read the common-name data ({exc.strerror})",
            path=path,
            fix="restore it from the repository (lists/) or pass --lists-dir",
        ) from None
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            yield line
