"""The archive of shipped UN list copies in ``lists/``, verified against ``manifest.json``.

The manifest names every shipped list file with its kind, generation date, sha256,
record counts and provenance. ``Archive.open`` refuses to work when a file is missing
or its bytes differ from the manifest, so a report never rests on a tampered copy.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from travelban.errors import ListError
from travelban.models import ListInfo, SanctionsList
from travelban.sanctions.legacy import Legacy1737, load_legacy_1737, old_references
from travelban.sanctions.parse import load_list, parse_generated

log = logging.getLogger(__name__)

MANIFEST_NAME = "manifest.json"
MANIFEST_SCHEMA = 1
_FIX_TAMPER = (
    "restore the file from git (`git checkout -- lists/`) or re-add it with "
    "`travelban lists import FILE`"
)


class ListKind(StrEnum):
    """What a shipped list file is."""

    CONSOLIDATED = "consolidated"  # a full Consolidated List snapshot
    COMMITTEE = "committee"  # one committee's export in the consolidated schema
    COMMITTEE_LEGACY = "committee-legacy"  # the old 1737 Committee format (<c1737>)


@dataclass(frozen=True, slots=True)
class ManifestRow:
    """One row of ``lists/manifest.json``."""

    file: str
    kind: ListKind
    generated: datetime | None
    sha256: str
    individuals: int
    entities: int
    provenance: str = ""

    def to_json(self) -> dict[str, Any]:
        """The row as written in the manifest."""
        return {
            "file": self.file,
            "kind": self.kind.value,
            "dateGenerated": format_generated(self.generated),
            "sha256": self.sha256,
            "individuals": self.individuals,
            "entities": self.entities,
            "provenance": self.provenance,
        }

    def info(self, lists_dir: Path) -> ListInfo:
        """The row as a ``ListInfo`` for a file under ``lists_dir``."""
        return ListInfo(
            path=lists_dir / self.file,
            sha256=self.sha256,
            generated=self.generated,
            individuals=self.individuals,
            entities=self.entities,
        )


def format_generated(dt: datetime | None) -> str | None:
    """As the UN writes it: milliseconds, and ``Z`` for UTC."""
    if dt is None:
        return None
    text = dt.isoformat(timespec="milliseconds")
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temp file in the same folder and ``os.replace``."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp makes the file private (0600); keep the old file's mode, else the umask's
        try:
            mode = path.stat().st_mode & 0o777
        except OSError:
            mask = os.umask(0o022)
            os.umask(mask)
            mode = 0o666 & ~mask
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _row_from_json(raw: Any, manifest: Path, i: int) -> ManifestRow:
    fix = "repair lists/manifest.json (restore it from git)"
    if not isinstance(raw, dict):
        raise ListError(f"manifest row {i} is not an object", path=manifest, fix=fix)
    try:
        file = str(raw["file"])
        kind = ListKind(raw["kind"])
        sha = str(raw["sha256"]).lower()
        individuals = int(raw.get("individuals") or 0)
        entities = int(raw.get("entities") or 0)
    except (KeyError, ValueError, TypeError) as exc:
        raise ListError(f"manifest row {i} is invalid ({exc!r})", path=manifest, fix=fix) from None
    if "/" in file or "\\" in file or file.startswith("."):
        raise ListError(
            f"manifest row {i} names {file!r}, which is not a plain file name",
            path=manifest,
            fix=fix,
        )
    if len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha):
        raise ListError(f"manifest row {i} has a malformed sha256", path=manifest, fix=fix)
    generated = parse_generated(raw.get("dateGenerated"))
    if kind is not ListKind.COMMITTEE_LEGACY and generated is None:
        raise ListError(
            f"manifest row {i} ({file}) has no valid dateGenerated", path=manifest, fix=fix
        )
    return ManifestRow(
        file=file,
        kind=kind,
        generated=generated,
        sha256=sha,
        individuals=individuals,
        entities=entities,
        provenance=str(raw.get("provenance") or ""),
    )


def read_manifest(lists_dir: Path) -> tuple[ManifestRow, ...]:
    """The rows of ``lists_dir/manifest.json`` (ListError when absent or malformed)."""
    manifest = Path(lists_dir) / MANIFEST_NAME
    try:
        raw = json.loads(manifest.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ListError(
            "no list manifest found",
            path=manifest,
            fix="point --lists-dir at the repository's lists/ folder, or add a list with "
            "`travelban lists import FILE --lists-dir DIR`",
        ) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ListError(
            f"manifest cannot be read ({exc})",
            path=manifest,
            fix="restore lists/manifest.json from git",
        ) from None
    rows = raw.get("files") if isinstance(raw, dict) else None
    if not isinstance(rows, list):
        raise ListError(
            'manifest has no "files" list',
            path=manifest,
            fix="restore lists/manifest.json from git",
        )
    out = tuple(_row_from_json(r, manifest, i) for i, r in enumerate(rows, 1))
    names = [r.file for r in out]
    dupes = {n for n in names if names.count(n) > 1}
    if dupes:
        raise ListError(
            f"manifest lists {sorted(dupes)} twice",
            path=manifest,
            fix="restore lists/manifest.json from git",
        )
    return out


def write_manifest(lists_dir: Path, rows: Iterable[ManifestRow]) -> Path:
    """Write ``manifest.json`` atomically; rows ordered by kind then generation date."""
    order = {k: i for i, k in enumerate(ListKind)}
    ordered = sorted(
        rows,
        key=lambda r: (order[r.kind], r.generated.isoformat() if r.generated else "", r.file),
    )
    doc = {
        "schema": MANIFEST_SCHEMA,
        "about": (
            "UN Security Council sanctions list copies shipped with travelban. Every file is "
            "checked against its sha256 before use (travelban.sanctions.Archive.open)."
        ),
        "files": [r.to_json() for r in ordered],
    }
    path = Path(lists_dir) / MANIFEST_NAME
    text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    atomic_write_bytes(path, text.encode("utf-8"))
    return path


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file's bytes (ListError when it cannot be read)."""
    h = hashlib.sha256()
    try:
        with Path(path).open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
    except FileNotFoundError:
        raise ListError(
            "file named in the manifest is missing", path=path, fix=_FIX_TAMPER
        ) from None
    except OSError as exc:
        raise ListError(f"cannot read ({exc.strerror})", path=path, fix=_FIX_TAMPER) from None
    return h.hexdigest()


def _instant(info: ListInfo) -> float:
    return info.generated.timestamp() if info.generated else float("-inf")


def _verified_rows(folder: Path, verify: bool) -> tuple[ManifestRow, ...]:
    """The manifest rows of one folder, each file's sha256 checked when ``verify``."""
    rows = read_manifest(folder)
    if verify:
        for row in rows:
            path = folder / row.file
            digest = sha256_of(path)
            if digest != row.sha256:
                raise ListError(
                    f"sha256 {digest[:12]}… does not match the manifest "
                    f"({row.sha256[:12]}…); the file was changed or replaced",
                    path=path,
                    fix=_FIX_TAMPER,
                )
    known = {r.file for r in rows}
    for extra in sorted(folder.glob("*.xml")):
        if extra.name not in known:
            log.warning(
                "%s is not in %s and is ignored; add it with `travelban lists import`",
                extra,
                MANIFEST_NAME,
            )
    return rows


class Archive:
    """The verified shipped lists: snapshots by generation date, loaded on demand."""

    def __init__(
        self,
        lists_dir: Path,
        rows: tuple[ManifestRow, ...],
        *,
        cache_dir: Path | None = None,
        folders: dict[str, Path] | None = None,
    ) -> None:
        self.lists_dir = Path(lists_dir)
        self.cache_dir = cache_dir
        self.rows = rows
        # file name -> the folder holding it (a user folder searched before the shipped one)
        self.folders: dict[str, Path] = dict(folders or {})
        self._loaded: dict[str, SanctionsList] = {}
        self._legacy: Legacy1737 | None = None
        infos = [self._info(r) for r in rows if r.kind is ListKind.CONSOLIDATED]
        # Ordered by the instant of generation, oldest first.
        self.snapshots: tuple[ListInfo, ...] = tuple(sorted(infos, key=_instant))

    def folder_of(self, row: ManifestRow) -> Path:
        """The folder a manifest row's file is read from."""
        return self.folders.get(row.file, self.lists_dir)

    def _info(self, row: ManifestRow) -> ListInfo:
        return row.info(self.folder_of(row))

    @classmethod
    def open(
        cls,
        lists_dir: Path,
        *,
        user_dir: Path | None = None,
        verify: bool = True,
        cache_dir: Path | None = None,
    ) -> Archive:
        """Read ``manifest.json`` and check every file's sha256 (ListError on any mismatch).

        ``user_dir`` (optional, searched first) is a per-user folder of downloaded and
        imported snapshots with its own manifest; a file name or sha256 found there hides
        the same one in ``lists_dir``. ``cache_dir`` (optional) keeps parsed lists keyed
        by sha256 between processes.
        """
        lists_dir = Path(lists_dir)
        if not lists_dir.is_dir():
            raise ListError(
                "lists folder not found",
                path=lists_dir,
                fix="give --lists-dir the folder that holds manifest.json",
            )
        searched = [lists_dir]
        if user_dir is not None and (Path(user_dir) / MANIFEST_NAME).is_file():
            searched.insert(0, Path(user_dir))
        rows: list[ManifestRow] = []
        folders: dict[str, Path] = {}
        seen_sha: set[str] = set()
        for folder in searched:
            for row in _verified_rows(folder, verify):
                if row.file in folders or row.sha256 in seen_sha:
                    continue
                rows.append(row)
                folders[row.file] = folder
                seen_sha.add(row.sha256)
        return cls(lists_dir, tuple(rows), cache_dir=cache_dir, folders=folders)

    # ------------------------------------------------------------ lookup

    def row(self, info_or_name: ListInfo | str) -> ManifestRow | None:
        """The manifest row of a file (by ``ListInfo`` or file name), or None."""
        name = info_or_name.path.name if isinstance(info_or_name, ListInfo) else info_or_name
        return next((r for r in self.rows if r.file == name), None)

    def by_sha256(self, sha256: str) -> ManifestRow | None:
        """The manifest row holding these exact bytes, or None."""
        sha = sha256.lower()
        return next((r for r in self.rows if r.sha256 == sha), None)

    def infos(self, kind: ListKind | None = None) -> tuple[ListInfo, ...]:
        """``ListInfo`` of every manifest row (of one kind when given)."""
        return tuple(self._info(r) for r in self.rows if kind is None or r.kind is kind)

    def newest(self) -> ListInfo:
        """The most recently generated consolidated snapshot."""
        if not self.snapshots:
            raise ListError(
                "the manifest lists no consolidated snapshot",
                path=self.lists_dir / MANIFEST_NAME,
                fix="add one with `travelban lists import FILE`",
            )
        return self.snapshots[-1]

    def select(self, as_of: date | None) -> tuple[ListInfo, str | None]:
        """The newest snapshot generated on or before ``as_of``, and a warning when none is."""
        newest = self.newest()
        if as_of is None:
            return newest, None
        eligible = [i for i in self.snapshots if i.generated_date and i.generated_date <= as_of]
        if eligible:
            return eligible[-1], None
        oldest = self.snapshots[0]
        return oldest, (
            f"--as-of {as_of.isoformat()} precedes every list snapshot; using the oldest, "
            f"{oldest.path.name} (generated {oldest.generated_date})"
        )

    def find(self, spec: str) -> ListInfo | None:
        """A snapshot named by file name or by ISO date (newest generated on or before it)."""
        spec = spec.strip()
        row = self.row(spec)
        if row is not None:
            return self._info(row)
        try:
            day = date.fromisoformat(spec)
        except ValueError:
            return None
        eligible = [i for i in self.snapshots if i.generated_date and i.generated_date <= day]
        return eligible[-1] if eligible else None

    # ------------------------------------------------------------ loading

    def load(self, info: ListInfo) -> SanctionsList:
        """Parse one archived list (memoised by sha256), checking counts against the manifest."""
        cached = self._loaded.get(info.sha256)
        if cached is not None:
            return cached
        sl = load_list(info.path, expected_sha256=info.sha256, cache_dir=self.cache_dir)
        row = self.row(info)
        if row is not None and (row.individuals, row.entities) != (
            sl.info.individuals,
            sl.info.entities,
        ):
            raise ListError(
                f"holds {sl.info.individuals} individuals / {sl.info.entities} entities, the "
                f"manifest says {row.individuals} / {row.entities}",
                path=info.path,
                fix=_FIX_TAMPER,
            )
        self._loaded[info.sha256] = sl
        return sl

    def load_all(self) -> tuple[SanctionsList, ...]:
        """Every consolidated snapshot, oldest first."""
        return tuple(self.load(i) for i in self.snapshots)

    def legacy_1737(self) -> Legacy1737 | None:
        """The legacy 1737 Committee file with old identifications mapped to references."""
        if self._legacy is not None:
            return self._legacy
        row = next((r for r in self.rows if r.kind is ListKind.COMMITTEE_LEGACY), None)
        if row is None:
            return None
        # The committee export and the newest snapshot carry every "[Old Reference # ...]".
        sources = [self.load(i) for i in self.infos(ListKind.COMMITTEE)]
        if self.snapshots:
            sources.append(self.load(self.newest()))
        self._legacy = load_legacy_1737(
            self.folder_of(row) / row.file,
            references=old_references(sources),
            expected_sha256=row.sha256,
        )
        return self._legacy


def select_list(
    lists_dir: Path,
    list_path: Path | None,
    as_of: date | None,
    *,
    user_dir: Path | None = None,
) -> tuple[SanctionsList, str | None]:
    """The list file ``list_path``, else the archived snapshot ``as_of`` selects; and a warning."""
    if list_path is not None:
        return load_list(list_path), None
    archive = Archive.open(lists_dir, user_dir=user_dir)
    info, warning = archive.select(as_of)
    return archive.load(info), warning


__all__ = [
    "MANIFEST_NAME",
    "Archive",
    "ListKind",
    "ManifestRow",
    "atomic_write_bytes",
    "read_manifest",
    "select_list",
    "sha256_of",
    "write_manifest",
]
