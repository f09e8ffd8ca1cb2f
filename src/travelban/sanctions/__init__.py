"""The UN Consolidated List as data: parser, archive of snapshots, manifest, diff."""

from travelban.sanctions.parse import load_list, normalise_reference

__all__ = ["load_list", "normalise_reference"]
