"""The UN Consolidated List as data: parser, archive of snapshots, manifest, diff."""

from travelban.sanctions.archive import (
    MANIFEST_NAME,
    Archive,
    ListKind,
    ManifestRow,
    read_manifest,
    write_manifest,
)
from travelban.sanctions.legacy import (
    Legacy1737,
    LegacyEntry,
    LegacyListing,
    load_legacy_1737,
    old_references,
)
from travelban.sanctions.parse import load_list, normalise_reference

__all__ = [
    "MANIFEST_NAME",
    "Archive",
    "Legacy1737",
    "LegacyEntry",
    "LegacyListing",
    "ListKind",
    "ManifestRow",
    "load_legacy_1737",
    "load_list",
    "normalise_reference",
    "old_references",
    "read_manifest",
    "write_manifest",
]
