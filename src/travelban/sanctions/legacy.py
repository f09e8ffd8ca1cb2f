"""The legacy 1737 Committee file (root ``<c1737>``): each listing's measure history.

The committee's own export of 2015 records, for each Iran designation, the sequence of
measures that applied: e.g. ``I.47.D.6`` (Qasem Soleimani) was listed on 2007-03-24 with
"Assets Freeze, Travel Notification Requirement"; a later listing row reads "Assets
Freeze, Travel Ban" (the ban came with resolution 1929 (2010), paragraph 10). The file
repeats most entries two to seven times, so entries are merged on ``identification``.

Old identifications are tied to current references through the
``[Old Reference # I.47.D.6]`` note in COMMENTS1 of the consolidated lists.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from travelban.errors import ListError
from travelban.models import EntryKind, SanctionsList
from travelban.sanctions.parse import check_sha256, clean, parse_day, parse_xml, read_bytes

log = logging.getLogger(__name__)

LEGACY_ROOT = "c1737"
_OLD_REF = re.compile(r"\[\s*Old\s+Ref\w*\s*#\s*([^\]]+?)\s*\]", re.IGNORECASE)
_FIX = "use an untouched copy of the 1737 Committee export (root <c1737>)"


def normalise_identification(raw: str) -> str:
    """``" I.47.D.6. "`` -> ``"I.47.D.6"``: no spaces, no trailing dot."""
    return re.sub(r"\s+", "", raw or "").rstrip(".")


@dataclass(frozen=True, slots=True)
class LegacyListing:
    """One row of an entry's listing history, in the committee's order (``seq``)."""

    seq: int
    listed_on: date | None  # only the first row usually carries a date
    measures: tuple[str, ...]  # ("Assets Freeze", "Travel Ban")
    designation: str = ""

    @property
    def travel_ban(self) -> bool:
        """True when this row's measures include a travel ban."""
        return any(m.lower() == "travel ban" for m in self.measures)

    @property
    def travel_notification(self) -> bool:
        """True when this row's measures include the travel notification requirement."""
        return any(m.lower() == "travel notification requirement" for m in self.measures)


@dataclass(frozen=True, slots=True)
class LegacyEntry:
    """One 1737 Committee designation with its measure history."""

    identification: str  # normalised, e.g. "I.47.D.6"
    kind: EntryKind
    name: str
    aliases: tuple[str, ...]
    listings: tuple[LegacyListing, ...]
    reference: str = ""  # current Consolidated List reference, e.g. "IRi.039"; "" if unknown

    @property
    def first_listed(self) -> date | None:
        """The earliest ``listedOn`` date given for this designation."""
        days = [li.listed_on for li in self.listings if li.listed_on]
        return min(days) if days else None

    def measure_history(self) -> tuple[tuple[date | None, str], ...]:
        """``(listedOn, measures)`` pairs with consecutive repeats folded together."""
        out: list[tuple[date | None, str]] = []
        for li in self.listings:
            text = ", ".join(li.measures)
            if not out or out[-1][1] != text:
                out.append((li.listed_on, text))
        return tuple(out)


@dataclass(frozen=True, slots=True)
class Legacy1737:
    """The parsed legacy file, with its checksum."""

    path: Path
    sha256: str
    entries: tuple[LegacyEntry, ...]

    def by_identification(self) -> dict[str, LegacyEntry]:
        """Entries keyed by normalised old identification."""
        return {e.identification: e for e in self.entries}

    def by_reference(self) -> dict[str, LegacyEntry]:
        """Entries keyed by current reference (mapped entries only)."""
        return {e.reference: e for e in self.entries if e.reference}


@dataclass(slots=True)
class _Acc:
    """Mutable accumulator while merging repeated entries (never leaves this module)."""

    kind: EntryKind
    name: str
    aliases: list[str] = field(default_factory=list)
    rows: dict[int, LegacyListing] = field(default_factory=dict)


def old_references(lists: Iterable[SanctionsList]) -> dict[str, str]:
    """Old identification -> current reference, read from ``[Old Reference # ...]`` notes."""
    out: dict[str, str] = {}
    for sl in lists:
        for e in sl.entries:
            for m in _OLD_REF.finditer(e.comments):
                out.setdefault(normalise_identification(m.group(1)), e.reference)
    return out


def _measures(text: str) -> tuple[str, ...]:
    return tuple(m for m in (clean(p) for p in (text or "").split(",")) if m)


def load_legacy_1737(
    path: Path,
    *,
    references: Mapping[str, str] | None = None,
    expected_sha256: str | None = None,
) -> Legacy1737:
    """Parse the legacy 1737 Committee file, merging repeated entries on identification."""
    path = Path(path)
    data = read_bytes(path)
    digest = check_sha256(data, path, expected_sha256)
    root = parse_xml(data, path)
    if root.tag != LEGACY_ROOT:
        raise ListError(
            f"root element is <{root.tag}>, expected <{LEGACY_ROOT}>; this is not the legacy "
            "1737 Committee file",
            path=path,
            fix=_FIX,
        )
    refs = references or {}
    merged: dict[str, _Acc] = {}  # insertion order = file order
    for el in root.findall("entry"):
        ident = normalise_identification(el.findtext("identification") or "")
        if not ident:
            raise ListError("an <entry> has no <identification>", path=path, fix=_FIX)
        etype = clean(el.findtext("entryType")).upper()
        kind = EntryKind.ENTITY if etype == "E" else EntryKind.INDIVIDUAL
        if kind is EntryKind.ENTITY:
            name = clean(el.findtext("entityName"))
        else:
            name = " ".join(
                x for x in (clean(el.findtext("firstName")), clean(el.findtext("lastName"))) if x
            )
        aliases: list[str] = []
        for tag in ("aka1", "aka2"):
            for a in (clean(x) for x in clean(el.findtext(tag)).split(";")):
                if a and a not in aliases:
                    aliases.append(a)
        acc = merged.setdefault(ident, _Acc(kind=kind, name=name))
        acc.aliases.extend(a for a in aliases if a not in acc.aliases)
        for li in el.findall("listings/listing"):
            seq_text = clean(li.findtext("seq"))
            seq = int(seq_text) if seq_text.isdigit() else len(acc.rows) + 1
            if seq in acc.rows:
                continue  # the repeated copy of the same row
            acc.rows[seq] = LegacyListing(
                seq=seq,
                listed_on=parse_day(li.findtext("listedOn")),
                measures=_measures(li.findtext("measures") or ""),
                designation=clean(li.findtext("designation")).strip("() "),
            )
    if not merged:
        raise ListError("the file holds no <entry> records", path=path, fix=_FIX)
    entries = [
        LegacyEntry(
            identification=ident,
            kind=acc.kind,
            name=acc.name,
            aliases=tuple(acc.aliases),
            listings=tuple(acc.rows[s] for s in sorted(acc.rows)),
            reference=refs.get(ident, ""),
        )
        for ident, acc in merged.items()
    ]
    log.debug("loaded %s: %d distinct entries", path, len(entries))
    return Legacy1737(path=path, sha256=digest, entries=tuple(entries))
