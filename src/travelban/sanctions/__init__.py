"""The UN Consolidated List as data: parser, archive of snapshots, manifest, diff."""

from travelban.sanctions.archive import (
    MANIFEST_NAME,
    Archive,
    ListKind,
    ManifestRow,
    read_manifest,
    select_list,
    write_manifest,
)
from travelban.sanctions.diff import EntryChange, FieldChange, ListDiff, diff_lists
from travelban.sanctions.legacy import (
    Legacy1737,
    LegacyEntry,
    LegacyListing,
    load_legacy_1737,
    old_references,
)
from travelban.sanctions.parse import load_list, normalise_reference
from travelban.sanctions.update import import_list, update_list

__all__ = [
    "MANIFEST_NAME",
    "Archive",
    "EntryChange",
    "FieldChange",
    "Legacy1737",
    "LegacyEntry",
    "LegacyListing",
    "ListDiff",
    "ListKind",
    "ManifestRow",
    "diff_lists",
    "import_list",
    "load_legacy_1737",
    "load_list",
    "normalise_reference",
    "old_references",
    "read_manifest",
    "select_list",
    "update_list",
    "write_manifest",
]
