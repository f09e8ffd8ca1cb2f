"""Untrusted text made safe for spreadsheet cells and sheet names.

Article text, names and quotes come from the outside world. A cell that starts with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return can be taken for a formula by a
spreadsheet (on opening a CSV, or when an analyst edits the cell), so such values are
flagged and written as text. Characters that XML cannot carry, or that reorder what the
reader sees (bidirectional overrides), are removed. Excel refuses cells longer than
32,767 characters, so longer values are cut with a visible marker.
"""

from __future__ import annotations

import re

# Excel's limit, counted in UTF-16 code units.
MAX_CELL_CHARS = 32_767
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

# C0 controls except newline, DEL and C1 controls, bidirectional embeddings, overrides
# and isolates, the byte-order mark, lone surrogates and the two non-characters XML forbids.
_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff\ufffe\uffff]"
)
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
MAX_SHEET_NAME = 31


def looks_like_formula(value: str) -> bool:
    """True when a spreadsheet could read ``value`` as a formula or command."""
    return value.startswith(FORMULA_TRIGGERS)


def _utf16_len(value: str) -> int:
    return len(value.encode("utf-16-le")) // 2


def truncate(value: str, limit: int = MAX_CELL_CHARS) -> str:
    """``value`` cut to ``limit`` UTF-16 units, ending with a marker that says how much went."""
    if len(value) * 2 <= limit or _utf16_len(value) <= limit:
        return value
    # Reserve room for the marker; the omitted count has at most 10 digits.
    room = limit - len(" … [truncated by travelban: 0000000000 more characters]")
    kept = value[:room]
    while _utf16_len(kept) > room:
        kept = kept[:-1]
    omitted = len(value) - len(kept)
    return f"{kept} … [truncated by travelban: {omitted} more characters]"


def clean_text(value: str) -> str:
    """Text with line ends unified, tabs as spaces, control characters removed, length capped."""
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    if "\t" in value:
        value = value.replace("\t", " ")
    value = _CONTROL.sub("", value)
    return truncate(value)


def cell_text(value: str) -> tuple[str, bool]:
    """(cleaned text, True when the original or the cleaned text could be read as a formula)."""
    cleaned = clean_text(value)
    return cleaned, looks_like_formula(value) or looks_like_formula(cleaned)


def csv_text(value: str) -> str:
    """Cleaned text for a CSV cell; a formula-like value gets a leading apostrophe."""
    cleaned, risky = cell_text(value)
    return "'" + cleaned if risky else cleaned


def safe_sheet_name(name: str, taken: set[str] | None = None) -> str:
    """A sheet name Excel accepts: no ``[]:*?/\\``, not blank, ≤ 31 characters, unique."""
    cleaned = _SHEET_FORBIDDEN.sub(" ", _CONTROL.sub("", name)).strip().strip("'").strip()
    if not cleaned or cleaned.lower() == "history":  # "History" is reserved by Excel
        cleaned = f"Sheet {cleaned}".strip()
    cleaned = cleaned[:MAX_SHEET_NAME].rstrip()
    if taken is None:
        return cleaned
    lowered = {t.lower() for t in taken}
    candidate, n = cleaned, 2
    while candidate.lower() in lowered:
        suffix = f" ({n})"
        candidate = cleaned[: MAX_SHEET_NAME - len(suffix)].rstrip() + suffix
        n += 1
    return candidate
