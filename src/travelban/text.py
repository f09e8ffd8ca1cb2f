"""The one normalisation of untrusted text: invisible format characters are removed.

Rule: every character of Unicode general category **Cf** (format) is removed, wherever it
stands. That covers the bidirectional marks, embeddings, overrides and isolates (U+200E,
U+200F, U+061C, U+202A–U+202E, U+2066–U+2069), the zero-width space, joiners and word joiner
(U+200B–U+200D, U+2060), the invisible operators (U+2061–U+2064), the Mongolian vowel
separator (U+180E), the soft hyphen (U+00AD), the byte-order mark inside text (U+FEFF),
interlinear annotation marks (U+FFF9–U+FFFB), Arabic number signs (U+0600–U+0605) and the
tag characters (U+E0001, U+E0020–U+E007F), among others. None of them is visible in a name or
in prose, and each can cut a name in two ("Sole\\u200fimani") or reorder what a reader sees.

It is applied where text enters travelban, before anything reads it: article text at
ingest (so every offset refers to the cleaned text), the names given to ``match``, and
every field of the UN list at parse. ``invisible_characters()`` is the whole set, computed once from
the Unicode database of the running Python.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

INVISIBLE_CATEGORY = "Cf"
# Unicode planes that hold Cf characters: the Basic and Supplementary Multilingual planes
# and the Supplementary Special-purpose plane (tags). The others hold only letters (CJK),
# private-use or unassigned code points; a test checks this against a scan of them all.
_PLANES = (0, 1, 14)


@lru_cache(maxsize=1)
def _table() -> dict[int, None]:
    return {
        cp: None
        for plane in _PLANES
        for cp in range(plane << 16, (plane + 1) << 16)
        if unicodedata.category(chr(cp)) == INVISIBLE_CATEGORY
    }


def invisible_characters() -> frozenset[str]:
    """Every character the rule removes (category Cf in this Python's Unicode database)."""
    return frozenset(map(chr, _table()))


def is_invisible(ch: str) -> bool:
    """True for a character that ``strip_invisible`` removes."""
    return unicodedata.category(ch) == INVISIBLE_CATEGORY


def strip_invisible(text: str) -> str:
    """``text`` without its invisible format characters (Unicode category Cf)."""
    if text.isascii():  # no Cf character is ASCII: most text needs no look-up at all
        return text
    return text.translate(_table())
