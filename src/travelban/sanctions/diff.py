"""What changed between two list snapshots: entries added, removed and changed, by reference."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from travelban.models import Alias, BirthDate, Document, Entry, ListInfo, SanctionsList

# The Entry fields compared, in the order an analyst reads them.
COMPARED_FIELDS: tuple[str, ...] = (
    "kind",
    "list_type",
    "name",
    "original_script",
    "aliases",
    "titles",
    "designations",
    "nationalities",
    "birth_dates",
    "birth_places",
    "documents",
    "addresses",
    "listed_on",
    "comments",
    "last_updated",
    "gender",
    "interpol_link",
    "dataid",
)


def render_alias(a: Alias) -> str:
    """``name [quality]`` with the note when there is one."""
    q = a.quality.value or "unspecified"
    return f"{a.name} [{q}]" + (f" ({a.note})" if a.note else "")


def render_birth_date(b: BirthDate) -> str:
    """One DOB statement as an analyst would write it."""
    if b.kind == "between":
        text = f"between {b.from_year} and {b.to_year}"
    elif b.kind == "approximately":
        text = f"approximately {b.value}"
    elif b.kind == "note":
        text = b.value or ""
    else:
        text = b.value
    if b.note and b.note != text:
        text = f"{text} ({b.note})" if text else b.note
    return text


def render_document(d: Document) -> str:
    """``Passport 008827 (Iran; note)``."""
    extra = "; ".join(x for x in (d.country, d.note) if x)
    head = " ".join(x for x in (d.kind, d.number) if x)
    return f"{head} ({extra})" if extra else head


def field_items(entry: Entry, name: str) -> tuple[str, ...]:
    """The value of one compared field as a tuple of readable strings."""
    value = getattr(entry, name)
    if name == "aliases":
        return tuple(render_alias(a) for a in value)
    if name == "birth_dates":
        return tuple(render_birth_date(b) for b in value)
    if name == "documents":
        return tuple(render_document(d) for d in value)
    if name == "last_updated":
        return tuple(d.isoformat() for d in value)
    if isinstance(value, tuple):
        return tuple(str(v) for v in value)
    if value is None:
        return ()
    if isinstance(value, Enum):
        text = str(value.value)
    elif isinstance(value, date):
        text = value.isoformat()
    else:
        text = str(value)
    return (text,) if text else ()


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of one entry that differs between two snapshots."""

    field: str
    old: tuple[str, ...]
    new: tuple[str, ...]

    @property
    def added(self) -> tuple[str, ...]:
        """Items present only in the new value."""
        return tuple(x for x in self.new if x not in self.old)

    @property
    def removed(self) -> tuple[str, ...]:
        """Items present only in the old value."""
        return tuple(x for x in self.old if x not in self.new)

    def describe(self, width: int = 200) -> str:
        """``field: old -> new`` (list fields show only what was added and removed)."""
        if len(self.old) <= 1 and len(self.new) <= 1:
            old = self.old[0] if self.old else "(none)"
            new = self.new[0] if self.new else "(none)"
            old, new = _around_difference(old, new, width)
            text = f"{self.field}: {old} -> {new}"
        else:
            parts = []
            if self.added:
                parts.append("+ " + " | ".join(_cut(x, width) for x in self.added))
            if self.removed:
                parts.append("- " + " | ".join(_cut(x, width) for x in self.removed))
            if not parts:
                parts.append("order changed")
            text = f"{self.field}: " + "; ".join(parts)
        return text


def _around_difference(old: str, new: str, width: int) -> tuple[str, str]:
    """Both texts cut to ``width`` characters, starting a little before they differ."""
    if len(old) <= width and len(new) <= width:
        return old, new
    i = 0
    for i, (a, b) in enumerate(zip(old, new, strict=False)):  # noqa: B007
        if a != b:
            break
    start = max(0, i - 20)
    lead = "…" if start else ""
    return (_cut(lead + old[start:], width), _cut(lead + new[start:], width))


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


@dataclass(frozen=True, slots=True)
class EntryChange:
    """An entry present in both snapshots whose fields differ."""

    reference: str
    name: str
    old: Entry
    new: Entry
    changes: tuple[FieldChange, ...]

    @property
    def fields(self) -> tuple[str, ...]:
        """Names of the changed fields."""
        return tuple(c.field for c in self.changes)


@dataclass(frozen=True, slots=True)
class ListDiff:
    """Entries added, removed and changed from ``old`` to ``new`` (by reference)."""

    old: ListInfo | None
    new: ListInfo
    added: tuple[Entry, ...]
    removed: tuple[Entry, ...]
    changed: tuple[EntryChange, ...]

    @property
    def empty(self) -> bool:
        """True when nothing differs."""
        return not (self.added or self.removed or self.changed)

    def summary(self) -> str:
        """One line: ``+N added, -N removed, ~N changed``."""
        return f"{len(self.added)} added, {len(self.removed)} removed, {len(self.changed)} changed"


def compare_entries(old: Entry, new: Entry) -> tuple[FieldChange, ...]:
    """The fields that differ between two versions of one entry."""
    out = []
    for name in COMPARED_FIELDS:
        a, b = field_items(old, name), field_items(new, name)
        if a != b:
            out.append(FieldChange(field=name, old=a, new=b))
    return tuple(out)


def diff_lists(old: SanctionsList | None, new: SanctionsList) -> ListDiff:
    """Compare two snapshots by reference number (``old`` None: everything is added)."""
    old_map = old.by_reference() if old else {}
    new_map = new.by_reference()
    added = tuple(e for r, e in new_map.items() if r not in old_map)
    removed = tuple(e for r, e in old_map.items() if r not in new_map)
    changed = []
    for ref, n in new_map.items():
        o = old_map.get(ref)
        if o is None:
            continue
        changes = compare_entries(o, n)
        if changes:
            changed.append(EntryChange(reference=ref, name=n.name, old=o, new=n, changes=changes))

    def key(e: Entry) -> str:
        return e.reference

    return ListDiff(
        old=old.info if old else None,
        new=new.info,
        added=tuple(sorted(added, key=key)),
        removed=tuple(sorted(removed, key=key)),
        changed=tuple(sorted(changed, key=lambda c: c.reference)),
    )
