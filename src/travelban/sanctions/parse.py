"""Parse the UN Security Council Consolidated List XML into frozen ``Entry`` records.

Both schemas seen in the wild load: the 2015 one (mixed-case ``TYPE_OF_DATE``, xsi
attributes on every record, ``NATIONALITY2``) and the 2026 one (``HAS_INTERPOL_LINK``,
``INTERPOL_LINK``). Parsing goes through defusedxml with DTDs, entity declarations and
external references forbidden, so a hostile file fails as a whole with a ``ListError``;
a list is returned only when every record parsed.

Quirks handled here, as recorded in ``SOURCES.md``:

* values carry stray spaces; references carry stray spaces, trailing dots, ``TAI.171``;
* aliases pack several names with ``;``; line breaks inside a value are wrapping only
  (``Kim\\n Yong-Chol`` is one name), so they become spaces, never separators;
* an original-script alias with its transliterations in parentheses or in its NOTE
  ("... (transliterations of original script name)") becomes one alias per name;
* ``LISTED_ON`` and DOB dates may carry a zone suffix (``2015-03-27-04:00``).
"""

from __future__ import annotations

import calendar
import hashlib
import logging
import os
import pickle
import re
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import defusedxml.ElementTree as DET
from defusedxml import DefusedXmlException

from travelban.errors import ListError
from travelban.models import (
    Alias,
    AliasQuality,
    BirthDate,
    Document,
    Entry,
    EntryKind,
    ListInfo,
    SanctionsList,
)
from travelban.text import strip_invisible

log = logging.getLogger(__name__)

ROOT_TAG = "CONSOLIDATED_LIST"
NOTE_TRANSLITERATION = "transliteration given in the list"
NOTE_ORIGINAL_SCRIPT = "original script given in the list"
NOTE_IN_PARENTHESES = "alternative given in parentheses"

_FIX_FILE = (
    "use an untouched copy of the UN Consolidated List XML "
    "(https://scsanctions.un.org/resources/xml/en/consolidated.xml)"
)

_WS = re.compile(r"\s+")
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_YEAR = re.compile(r"\d{4}")
_REF = re.compile(r"([A-Za-z]{2})([IiEe])\.(\d+)")
_BORN = re.compile(r",\s*born\b", re.IGNORECASE)
_INLINE_ORIGINAL = re.compile(r"original\s+script\s*:\s*(.+)$", re.IGNORECASE | re.DOTALL)
_TRANSLIT_LIST = re.compile(r"transliterations?\s*:\s*([^)]*)", re.IGNORECASE)
_TRANSLIT_TAIL = re.compile(
    r"\(\s*transliterations?\s+of\s+(?:the\s+)?original\s+script\s+name\s*\)", re.IGNORECASE
)
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m} | {
    m.lower(): i for i, m in enumerate(calendar.month_name) if m
}
_NOTE_MONTH_YEAR = re.compile(r"^([A-Za-z]+)\.?\s+(\d{4})$")
_NOTE_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})$")

_QUALITY = {
    "good": AliasQuality.GOOD,
    "low": AliasQuality.LOW,
    "a.k.a.": AliasQuality.AKA,
    "aka": AliasQuality.AKA,
    "f.k.a.": AliasQuality.FKA,
    "fka": AliasQuality.FKA,
}


# ---------------------------------------------------------------- small helpers


def clean(text: str | None) -> str:
    """Without invisible characters, every run of whitespace (line wraps included) as one
    space, stripped: how every field of the list is read."""
    if not text:
        return ""
    return " ".join(strip_invisible(text).split())


def normalise_reference(raw: str) -> str:
    """The canonical reference: no spaces or trailing dots, ``TAI.171`` -> ``TAi.171``, 3 digits."""
    ref = _WS.sub("", raw or "").rstrip(".")
    m = _REF.fullmatch(ref)
    if not m:
        return ref
    return f"{m.group(1).upper()}{m.group(2).lower()}.{int(m.group(3)):03d}"


def parse_day(text: str | None) -> date | None:
    """An ISO day, ignoring a zone suffix (``2015-03-27-04:00``); None when absent or invalid."""
    if not text:
        return None
    m = _ISO_DAY.match(text.strip())
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def parse_generated(text: str | None) -> datetime | None:
    """The root's ``dateGenerated`` as an aware datetime (naive values are read as UTC)."""
    if not text:
        return None
    try:
        dt = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt


def _is_latin_char(c: str) -> bool:
    o = ord(c)
    return o < 0x250 or 0x1E00 <= o <= 0x1EFF


def is_original_script(text: str) -> bool:
    """True when most letters of ``text`` are outside the Latin script."""
    if text.isascii():
        return False
    latin = other = 0
    for c in text:
        if c.isalpha():
            if _is_latin_char(c):
                latin += 1
            else:
                other += 1
    return other > latin


def _has_both_scripts(text: str) -> bool:
    if text.isascii():
        return False
    latin = other = False
    for c in text:
        if c.isalpha():
            if _is_latin_char(c):
                latin = True
            else:
                other = True
            if latin and other:
                return True
    return False


def split_top_level(text: str, sep: str = ";") -> list[str]:
    """Split on ``sep`` outside parentheses; empty pieces dropped."""
    if "(" not in text:
        return [p.strip(" ,;") for p in text.split(sep) if p.strip(" ,;")]
    out: list[str] = []
    depth = 0
    start = 0
    for i, c in enumerate(text):
        if c == "(":
            depth += 1
        elif c == ")":
            depth = max(0, depth - 1)
        elif c == sep and depth == 0:
            out.append(text[start:i])
            start = i + 1
    out.append(text[start:])
    return [p.strip(" ,;") for p in out if p.strip(" ,;")]


def _trailing_group(text: str) -> tuple[str, str] | None:
    """``"head (inner)"`` -> ``(head, inner)`` for a balanced group closing the text."""
    t = text.rstrip(" ,;")
    if not t.endswith(")"):
        return None
    depth = 0
    for i in range(len(t) - 1, -1, -1):
        if t[i] == ")":
            depth += 1
        elif t[i] == "(":
            depth -= 1
            if depth == 0:
                return t[:i].strip(" ,;"), t[i + 1 : -1].strip(" ,;")
    return None


# ---------------------------------------------------------------- aliases


def _alias_names(text: str) -> list[tuple[str, bool, str]]:
    """Break one alias value into ``(name, original_script, note)`` triples."""
    out: list[tuple[str, bool, str]] = []
    for part in split_top_level(text, ";"):
        out.extend(_expand_part(part))
    return out


_LABEL = re.compile(r"^([a-z][a-z -]*):\s*(.+)$", re.DOTALL)


# Parenthesised remarks that the list writes in capitals too ("EL PARA (COMBAT NAME)").
_REMARKS = frozenset(
    {"combat name", "nom de guerre", "previously listed as", "formerly listed as", "birth name"}
)


def _is_remark(inner: str) -> bool:
    """A parenthesised remark such as "(previously listed as)", not part of the name."""
    if inner.lower() in _REMARKS:
        return True
    letters = [c for c in inner if c.isalpha()]
    return bool(letters) and inner.isascii() and not any(c.isupper() for c in letters)


def _join_notes(*notes: str) -> str:
    return "; ".join(n for n in notes if n)


def _expand_part(part: str, note: str = "") -> list[tuple[str, bool, str]]:
    part = part.strip(" ,;")
    if part.count("(") > part.count(")"):
        part += ")" * (part.count("(") - part.count(")"))
    if not part:
        return []
    born = _BORN.search(part)
    if born:
        note = _join_notes(part[born.start() + 1 :].strip(), note)
        part = part[: born.start()].strip(" ,;")
    m = _INLINE_ORIGINAL.match(part)
    if m and part.lower().startswith("original script"):
        return [(clean(m.group(1)).strip(" ,;"), True, _join_notes(NOTE_ORIGINAL_SCRIPT, note))]
    label = _LABEL.match(part)
    if label:
        note = _join_notes(label.group(1), note)
        part = label.group(2).strip(" ,;")
    group = _trailing_group(part)
    if group is not None:
        head, inner = group
        inner_l = inner.lower()
        if head and inner_l == "original script":
            return [(head, True, note)]
        head_orig = is_original_script(head)
        expand = (
            ";" in inner
            or "original script" in inner_l
            or (inner and head_orig != is_original_script(inner))
        )
        if head and expand:
            out = _expand_part(head, note)
            for name, orig, sub_note in _alias_names(inner):
                if orig:
                    marker = NOTE_ORIGINAL_SCRIPT
                elif head_orig:
                    marker = NOTE_TRANSLITERATION
                else:
                    marker = NOTE_IN_PARENTHESES
                out.append((name, orig, _join_notes(sub_note or marker, note)))
            return out
        if head and (_is_remark(inner) or len(inner.split()) > 4):
            # A remark after a name is a comment, not part of the name.
            return _expand_part(head, _join_notes(inner, note))
    if _has_both_scripts(part) and "(" not in part:
        latin_words = [w for w in part.split() if not is_original_script(w)]
        other_words = [w for w in part.split() if is_original_script(w)]
        if latin_words and other_words:
            return [(" ".join(latin_words), False, note), (" ".join(other_words), True, note)]
    return [(part, is_original_script(part), note)]


_SCRIPT_VALUE = re.compile(
    r"(?:script|arabic|cyrillic|chinese|russian|pashto|dari|persian)\s*:\s*(.+)$",
    re.IGNORECASE | re.DOTALL,
)
_LEADING_GROUP = re.compile(r"^\(([^)]*)\)\s*(.*)$", re.DOTALL)


def _note_names(alias_name: str, note: str) -> tuple[list[tuple[str, bool]], str]:
    """Names carried by an alias NOTE, and what remains of the note as a remark."""
    if not note:
        return [], ""
    m = _SCRIPT_VALUE.search(note)
    if m:
        value = m.group(1).strip(" ,;.")
        if is_original_script(value):
            rest = note[: m.start()].strip(" ,;.:")
            label_only = re.fullmatch(r"(?i)(name\s+)?(in\s+)?(the\s+)?(name\s+)?(original)?", rest)
            return [(value, True)], "" if label_only else note
    low = note.lower()
    if "translit" in low:
        m2 = _TRANSLIT_LIST.search(note)
        body = m2.group(1) if m2 else _TRANSLIT_TAIL.sub("", note)
        names = _split_name_list(body)
        return [(n, False) for n in names], ""
    if is_original_script(alias_name):
        lead = _LEADING_GROUP.match(note)
        if lead and not is_original_script(lead.group(1)):
            return [(n, False) for n in _split_name_list(lead.group(1))], lead.group(2).strip()
        if not is_original_script(note):
            names = _split_name_list(note)
            if names and all(len(n.split()) <= 6 for n in names):
                return [(n, False) for n in names], ""
    return [], note


def _split_name_list(body: str) -> list[str]:
    body = re.sub(r"\([^)]*\)", " ", body)
    sep = ";" if ";" in body else ","
    return [n for n in (clean(p).strip(" ,;()") for p in body.split(sep)) if n]


def _quality(text: str) -> AliasQuality:
    return _QUALITY.get(text.strip().lower(), AliasQuality.UNSPECIFIED)


def parse_aliases(el: ET.Element, tag: str) -> tuple[tuple[Alias, ...], list[str], list[BirthDate]]:
    """Aliases of one record, plus birth places and dates that some alias rows carry."""
    aliases: list[Alias] = []
    seen: set[tuple[str, AliasQuality]] = set()
    places: list[str] = []
    dobs: list[BirthDate] = []

    def add(name: str, quality: AliasQuality, note: str, orig: bool) -> None:
        name = clean(name).strip(" ,;")
        if not name or (name, quality) in seen:
            return
        seen.add((name, quality))
        aliases.append(Alias(name=name, quality=quality, note=note, original_script=orig))

    for row in el.findall(tag):
        quality = _quality(row.findtext("QUALITY") or "")
        raw = clean(row.findtext("ALIAS_NAME"))
        note = clean(row.findtext("NOTE"))
        pieces = _alias_names(raw) if raw else []
        first = pieces[0][0] if pieces else raw
        extra, remark = _note_names(first, note)
        for name, orig, sub_note in pieces:
            add(name, quality, "; ".join(x for x in (sub_note, remark) if x), orig)
        for name, orig in extra:
            add(name, quality, NOTE_ORIGINAL_SCRIPT if orig else NOTE_TRANSLITERATION, orig)
        label = f"for alias {first}" if first else "given with an alias"
        dob = clean(row.findtext("DATE_OF_BIRTH"))
        if dob:
            day = parse_day(dob)
            if day:
                dobs.append(BirthDate(kind="exact", value=day.isoformat(), note=label))
            elif _YEAR.fullmatch(dob):
                dobs.append(BirthDate(kind="year", value=dob, note=label))
            else:
                dobs.append(BirthDate(kind="note", note=f"{dob} ({label})"))
        place = ", ".join(
            x
            for x in (clean(row.findtext("CITY_OF_BIRTH")), clean(row.findtext("COUNTRY_OF_BIRTH")))
            if x
        )
        if place:
            places.append(place)
    return tuple(aliases), places, dobs


# ---------------------------------------------------------------- other fields


def _values(el: ET.Element, tag: str) -> tuple[str, ...]:
    out: list[str] = []
    for node in el.findall(tag):
        vals = node.findall("VALUE")
        texts = [clean(v.text) for v in vals] if vals else [clean(node.text)]
        for t in texts:
            if t and t not in out:
                out.append(t)
    return tuple(out)


def _note_to_value(note: str) -> str:
    """An ISO prefix read from a DOB note such as "Nov. 1973" or "4 Feb. 1960", else ""."""
    m = _NOTE_MONTH_YEAR.match(note)
    if m and m.group(1).lower() in _MONTHS:
        return f"{m.group(2)}-{_MONTHS[m.group(1).lower()]:02d}"
    m = _NOTE_DAY_MONTH_YEAR.match(note)
    if m and m.group(2).lower() in _MONTHS:
        try:
            return date(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1))).isoformat()
        except ValueError:
            return ""
    return ""


def parse_birth_date(node: ET.Element) -> BirthDate | None:
    """One INDIVIDUAL_DATE_OF_BIRTH element; None for an empty placeholder."""
    typ = clean(node.findtext("TYPE_OF_DATE")).lower()
    day = parse_day(node.findtext("DATE"))
    year = clean(node.findtext("YEAR"))
    y_from = clean(node.findtext("FROM_YEAR"))
    y_to = clean(node.findtext("TO_YEAR"))
    note = clean(node.findtext("NOTE"))
    if y_from.isdigit() or y_to.isdigit():
        lo = int(y_from) if y_from.isdigit() else int(y_to)
        hi = int(y_to) if y_to.isdigit() else lo
        return BirthDate(kind="between", from_year=lo, to_year=hi, note=note)
    if day:
        kind = "approximately" if typ == "approximately" else "exact"
        return BirthDate(kind=kind, value=day.isoformat(), note=note)
    if year[:4].isdigit():
        kind = "approximately" if typ == "approximately" else "year"
        return BirthDate(kind=kind, value=year[:4], note=note)
    if note:
        return BirthDate(kind="note", value=_note_to_value(note), note=note)
    return None


def _place(node: ET.Element, tags: tuple[str, ...]) -> str:
    return ", ".join(t for t in (clean(node.findtext(tag)) for tag in tags) if t)


_ADDRESS_TAGS = ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY", "NOTE")
_BIRTH_PLACE_TAGS = ("STREET", "CITY", "STATE_PROVINCE", "COUNTRY", "NOTE")


def parse_document(node: ET.Element) -> Document | None:
    """One INDIVIDUAL_DOCUMENT element; None for an empty placeholder."""
    kind = clean(node.findtext("TYPE_OF_DOCUMENT"))
    kind2 = clean(node.findtext("TYPE_OF_DOCUMENT2"))
    number = clean(node.findtext("NUMBER"))
    country = clean(node.findtext("ISSUING_COUNTRY")) or clean(node.findtext("COUNTRY_OF_ISSUE"))
    notes = []
    if kind2 and kind2.lower() != kind.lower():
        notes.append(kind2)
    if clean(node.findtext("NOTE")):
        notes.append(clean(node.findtext("NOTE")))
    issued = clean(node.findtext("DATE_OF_ISSUE"))
    city = clean(node.findtext("CITY_OF_ISSUE"))
    if issued or city:
        notes.append(
            " ".join(x for x in ("issued", issued[:10], f"in {city}" if city else "") if x)
        )
    expiry = clean(node.findtext("DATE_OF_EXPIRY"))
    if expiry:
        notes.append(f"expires {expiry[:10]}")
    if not (kind or number or country or notes):
        return None
    return Document(kind=kind or kind2, number=number, country=country, note="; ".join(notes))


_GENDER_IN_COMMENTS = re.compile(r"\bGender\s*:\s*(Male|Female)\b", re.IGNORECASE)
_INTERPOL_IN_COMMENTS = re.compile(r"Special Notice web link\s*:\s*(https?://\S+)", re.IGNORECASE)


def parse_record(el: ET.Element, kind: EntryKind) -> Entry:
    """One INDIVIDUAL or ENTITY element as an ``Entry``."""
    ref_raw = el.findtext("REFERENCE_NUMBER") or ""
    reference = normalise_reference(ref_raw)
    dataid = clean(el.findtext("DATAID"))
    if not reference:
        raise ValueError(f"record DATAID {dataid or '?'} has no REFERENCE_NUMBER")
    if kind is EntryKind.INDIVIDUAL:
        parts = tuple(
            p
            for p in (
                clean(el.findtext(t))
                for t in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
            )
            if p
        )
        alias_tag = "INDIVIDUAL_ALIAS"
    else:
        first = clean(el.findtext("FIRST_NAME"))
        parts = (first,) if first else ()
        alias_tag = "ENTITY_ALIAS"
    aliases, alias_places, alias_dobs = parse_aliases(el, alias_tag)

    birth_dates: list[BirthDate] = []
    for node in el.findall("INDIVIDUAL_DATE_OF_BIRTH"):
        bd = parse_birth_date(node)
        if bd is not None and bd not in birth_dates:
            birth_dates.append(bd)
    birth_dates.extend(b for b in alias_dobs if b not in birth_dates)

    birth_places: list[str] = []
    for node in el.findall("INDIVIDUAL_PLACE_OF_BIRTH"):
        p = _place(node, _BIRTH_PLACE_TAGS)
        if p and p not in birth_places:
            birth_places.append(p)
    birth_places.extend(p for p in alias_places if p not in birth_places)

    documents = tuple(
        d for d in (parse_document(n) for n in el.findall("INDIVIDUAL_DOCUMENT")) if d is not None
    )
    addr_tag = "INDIVIDUAL_ADDRESS" if kind is EntryKind.INDIVIDUAL else "ENTITY_ADDRESS"
    addresses: list[str] = []
    for node in el.findall(addr_tag):
        a = _place(node, _ADDRESS_TAGS)
        if a and a not in addresses:
            addresses.append(a)

    nationalities = _values(el, "NATIONALITY") + tuple(
        v for v in _values(el, "NATIONALITY2") if v not in _values(el, "NATIONALITY")
    )
    last_updated = tuple(
        d for d in (parse_day(v.text) for v in el.findall("LAST_DAY_UPDATED/VALUE")) if d
    )
    comments = clean(el.findtext("COMMENTS1"))
    gender = clean(el.findtext("GENDER"))
    if not gender:
        gm = _GENDER_IN_COMMENTS.search(comments)
        gender = gm.group(1) if gm else ""
    interpol = clean(el.findtext("INTERPOL_LINK"))
    if not interpol:
        im = _INTERPOL_IN_COMMENTS.search(comments)
        interpol = im.group(1) if im else ""
    return Entry(
        reference=reference,
        dataid=dataid,
        kind=kind,
        list_type=clean(el.findtext("UN_LIST_TYPE")),
        name_parts=parts,
        name=" ".join(parts),
        original_script=clean(el.findtext("NAME_ORIGINAL_SCRIPT")),
        aliases=aliases,
        titles=_values(el, "TITLE"),
        designations=_values(el, "DESIGNATION"),
        nationalities=nationalities,
        birth_dates=tuple(birth_dates),
        birth_places=tuple(birth_places),
        documents=documents,
        addresses=tuple(addresses),
        listed_on=parse_day(el.findtext("LISTED_ON")),
        comments=comments,
        last_updated=last_updated,
        gender=gender.capitalize() if gender.isupper() else gender,
        interpol_link=interpol,
    )


# ---------------------------------------------------------------- whole files


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or a ListError saying why they cannot be read."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise ListError(
            "list file not found",
            path=path,
            fix="check the path, or run `travelban lists show` to see the shipped lists",
        ) from None
    except IsADirectoryError:
        raise ListError(
            "is a directory, not a list file", path=path, fix="give the path of one XML file"
        ) from None
    except OSError as exc:
        raise ListError(
            f"cannot read list file ({exc.strerror})", path=path, fix="check its permissions"
        ) from None


def parse_xml(data: bytes, path: Path | str) -> ET.Element:
    """The root element of hostile-safe parsed XML, or a one-line ListError."""
    if not data.strip():
        raise ListError("list file is empty", path=path, fix=_FIX_FILE)
    try:
        return DET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise ListError(
            f"refused unsafe XML ({type(exc).__name__}: DTDs, entity declarations and "
            "external references are not allowed)",
            path=path,
            fix=_FIX_FILE,
        ) from None
    except ET.ParseError as exc:
        raise ListError(
            f"not well-formed XML ({exc}); the file may be truncated or damaged",
            path=path,
            fix=_FIX_FILE,
        ) from None


def parse_list_bytes(data: bytes, path: Path, *, sha256: str | None = None) -> SanctionsList:
    """Parse the bytes of a Consolidated List file named ``path`` (all or nothing)."""
    digest = sha256 or hashlib.sha256(data).hexdigest()
    root = parse_xml(data, path)
    if root.tag != ROOT_TAG:
        raise ListError(
            f"root element is <{root.tag}>, expected <{ROOT_TAG}>; this is not a UN "
            "Consolidated List",
            path=path,
            fix=_FIX_FILE,
        )
    generated = parse_generated(root.get("dateGenerated"))
    if generated is None:
        raise ListError(
            f"missing or invalid dateGenerated attribute ({root.get('dateGenerated')!r})",
            path=path,
            fix=_FIX_FILE,
        )
    entries: list[Entry] = []
    seen: dict[str, str] = {}
    counts = {EntryKind.INDIVIDUAL: 0, EntryKind.ENTITY: 0}
    for group, tag, kind in (
        ("INDIVIDUALS", "INDIVIDUAL", EntryKind.INDIVIDUAL),
        ("ENTITIES", "ENTITY", EntryKind.ENTITY),
    ):
        for container in root.findall(group):
            for el in container.findall(tag):
                try:
                    entry = parse_record(el, kind)
                except (ValueError, TypeError) as exc:
                    raise ListError(f"bad {tag} record: {exc}", path=path, fix=_FIX_FILE) from None
                if entry.reference in seen:
                    log.warning(
                        "%s: reference %s appears twice (DATAID %s and %s); keeping both",
                        path,
                        entry.reference,
                        seen[entry.reference],
                        entry.dataid,
                    )
                seen[entry.reference] = entry.dataid
                entries.append(entry)
                counts[kind] += 1
    if not entries:
        raise ListError("the list holds no INDIVIDUAL or ENTITY records", path=path, fix=_FIX_FILE)
    info = ListInfo(
        path=Path(path),
        sha256=digest,
        generated=generated,
        individuals=counts[EntryKind.INDIVIDUAL],
        entities=counts[EntryKind.ENTITY],
    )
    return SanctionsList(info=info, entries=tuple(entries))


def check_sha256(data: bytes, path: Path, expected: str | None) -> str:
    """The sha256 of ``data``; a ListError when it differs from ``expected`` (if given)."""
    digest = hashlib.sha256(data).hexdigest()
    if expected and digest.lower() != expected.strip().lower():
        raise ListError(
            f"sha256 is {digest[:16]}…, the manifest expects {expected.strip()[:16]}…; the file "
            "was changed or damaged",
            path=path,
            fix="restore the original file, or re-add it with `travelban lists import`",
        )
    return digest


def load_list(
    path: Path, *, expected_sha256: str | None = None, cache_dir: Path | None = None
) -> SanctionsList:
    """Load one UN Consolidated List XML file, all or nothing (ListError on any defect).

    With ``cache_dir``, the parsed list is kept there as a pickle named by the file's
    sha256 and the parser version, so unchanged bytes are never parsed twice.
    """
    path = Path(path)
    data = read_bytes(path)
    digest = check_sha256(data, path, expected_sha256)
    if cache_dir is not None:
        cached = _cache_get(cache_dir, digest, path)
        if cached is not None:
            return cached
    sl = parse_list_bytes(data, path, sha256=digest)
    log.debug("loaded %s: %d individuals, %d entities", path, sl.info.individuals, sl.info.entities)
    if cache_dir is not None:
        _cache_put(cache_dir, digest, sl)
    return sl


# Bump when parsing changes what an Entry holds, so stale caches are ignored.
PARSER_VERSION = 2  # 2: invisible format characters removed from every field


def _cache_file(cache_dir: Path, digest: str) -> Path:
    return Path(cache_dir) / f"un-list-{digest}-p{PARSER_VERSION}.pickle"


def _cache_get(cache_dir: Path, digest: str, path: Path) -> SanctionsList | None:
    """The cached parse of these bytes (re-pointed at ``path``), or None."""
    file = _cache_file(cache_dir, digest)
    try:
        sl = pickle.loads(file.read_bytes())
    except FileNotFoundError:
        return None
    except Exception as exc:  # a damaged cache is only a cache: parse again
        log.warning("ignoring unreadable list cache %s (%s)", file, exc)
        return None
    if not isinstance(sl, SanctionsList) or sl.info.sha256 != digest:
        return None
    return SanctionsList(info=replace(sl.info, path=Path(path)), entries=sl.entries)


def _cache_put(cache_dir: Path, digest: str, sl: SanctionsList) -> None:
    """Store a parsed list; failures are logged, never raised."""
    file = _cache_file(cache_dir, digest)
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=file.parent, prefix=f".{file.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(sl, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, file)
    except OSError as exc:
        log.warning("cannot write list cache %s (%s)", file, exc)
