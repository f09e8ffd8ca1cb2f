"""Add a new list file to the archive: validate fully, copy atomically, record in the manifest.

An invalid file never reaches ``lists/``: it is parsed completely first, then written to
a temp file beside its final name and renamed, and only then is the manifest (also
written atomically) given its row. Files already archived are never overwritten.
"""

from __future__ import annotations

import hashlib
import logging
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from travelban.errors import ListError
from travelban.models import ListInfo, SanctionsList
from travelban.sanctions.archive import (
    MANIFEST_NAME,
    Archive,
    ListKind,
    ManifestRow,
    atomic_write_bytes,
    read_manifest,
    write_manifest,
)
from travelban.sanctions.diff import ListDiff, diff_lists
from travelban.sanctions.parse import parse_list_bytes, read_bytes

log = logging.getLogger(__name__)

MAX_DOWNLOAD_BYTES = 64 * 1024 * 1024  # the real list is about 2 MB
DOWNLOAD_TIMEOUT_S = 60
OFFICIAL_URL = "https://scsanctions.un.org/resources/xml/en/consolidated.xml"


def archive_name(sl: SanctionsList, taken: set[str]) -> str:
    """``un-consolidated-YYYY-MM-DD.xml`` from dateGenerated, with the time when that is taken."""
    gen = sl.info.generated
    assert gen is not None  # parse_list_bytes refuses a list without dateGenerated
    name = f"un-consolidated-{gen.date().isoformat()}.xml"
    if name in taken:
        name = f"un-consolidated-{gen.strftime('%Y-%m-%dT%H%M%S')}.xml"
    n = 2
    base = name[:-4]
    while name in taken:
        name = f"{base}-{n}.xml"
        n += 1
    return name


def _open_or_empty(lists_dir: Path, shipped_dir: Path | None = None) -> Archive:
    """The archive, or an empty one when the folder has no manifest yet.

    With ``shipped_dir``, ``lists_dir`` is the per-user folder laid over the shipped lists,
    and the archive is both (so a shipped copy is not imported a second time).
    """
    if shipped_dir is not None and lists_dir.is_dir():
        return Archive.open(shipped_dir, user_dir=lists_dir)
    if not (lists_dir / MANIFEST_NAME).exists():
        if not lists_dir.is_dir():
            raise ListError(
                "lists folder not found",
                path=lists_dir,
                fix="create it first, or give --lists-dir an existing folder",
            )
        return Archive(lists_dir, ())
    return Archive.open(lists_dir)


def import_bytes(
    data: bytes,
    source: str,
    lists_dir: Path,
    *,
    provenance: str = "",
    shipped_dir: Path | None = None,
) -> tuple[ListInfo, bool]:
    """Archive validated list bytes in ``lists_dir``; the ``ListInfo`` and whether it was new.

    ``shipped_dir``: the read-only shipped lists that ``lists_dir`` (the user folder) overlays.
    """
    lists_dir = Path(lists_dir)
    archive = _open_or_empty(lists_dir, shipped_dir)
    digest = hashlib.sha256(data).hexdigest()
    existing = archive.by_sha256(digest)
    if existing is not None:
        log.warning("%s is already archived as %s; not added again", source, existing.file)
        return existing.info(archive.folder_of(existing)), False
    # Validate completely before anything touches lists/.
    sl = parse_list_bytes(data, Path(source), sha256=digest)
    taken = {r.file for r in archive.rows} | {p.name for p in lists_dir.iterdir()}
    name = archive_name(sl, taken)
    target = lists_dir / name
    atomic_write_bytes(target, data)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d")
    row = ManifestRow(
        file=name,
        kind=ListKind.CONSOLIDATED,
        generated=sl.info.generated,
        sha256=digest,
        individuals=sl.info.individuals,
        entities=sl.info.entities,
        provenance=provenance
        or f"Imported with `travelban lists import` from {source} on {stamp}.",
    )
    # Re-read the manifest right before writing so a concurrent import is not lost.
    current = read_manifest(lists_dir) if (lists_dir / MANIFEST_NAME).exists() else ()
    write_manifest(lists_dir, (*current, row))
    log.info("archived %s as %s", source, target)
    return row.info(lists_dir), True


def import_list(file: Path, lists_dir: Path, *, shipped_dir: Path | None = None) -> ListInfo:
    """Validate ``file`` and archive it in ``lists_dir`` with a manifest row (once per sha256)."""
    file = Path(file)
    data = read_bytes(file)
    info, _ = import_bytes(data, str(file), lists_dir, shipped_dir=shipped_dir)
    return info


def fetch(url: str) -> bytes:
    """Download a list over http(s) with urllib (only when asked); ListError on failure."""
    fix = "check the URL and the network, or download the file and use --from FILE"
    try:
        with urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT_S) as resp:
            data: bytes = resp.read(MAX_DOWNLOAD_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise ListError(
            f"download failed: HTTP {exc.code} {exc.reason}", path=url, fix=fix
        ) from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ListError(f"download failed: {reason}", path=url, fix=fix) from None
    if len(data) > MAX_DOWNLOAD_BYTES:
        raise ListError(
            f"download is larger than {MAX_DOWNLOAD_BYTES // (1024 * 1024)} MB; refusing it",
            path=url,
            fix=fix,
        )
    return data


def update_list(
    source: str, lists_dir: Path, *, shipped_dir: Path | None = None
) -> tuple[ListInfo, ListDiff]:
    """Import a list from a file or http(s) URL and diff it against the previous newest."""
    lists_dir = Path(lists_dir)
    archive = _open_or_empty(lists_dir, shipped_dir)
    previous = archive.newest() if archive.snapshots else None
    old = archive.load(previous) if previous else None
    if source.lower().startswith(("http://", "https://")):
        data = fetch(source)
        stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        provenance = f"Downloaded with `travelban lists update` from {source} on {stamp}."
    elif "://" in source:
        raise ListError(
            "only http:// and https:// addresses can be downloaded",
            path=source,
            fix=f"use {OFFICIAL_URL}, or download the file and use --from FILE",
        )
    else:
        data = read_bytes(Path(source))
        provenance = ""
    info, _ = import_bytes(data, source, lists_dir, provenance=provenance, shipped_dir=shipped_dir)
    if shipped_dir is not None:
        new = Archive.open(shipped_dir, user_dir=lists_dir).load(info)
    else:
        new = Archive.open(lists_dir).load(info)
    return info, diff_lists(old, new)
