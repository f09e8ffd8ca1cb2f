"""Zip-based inputs are checked before anything inflates them.

An .xlsx workbook (and any other zip container handed to travelban) can be a
compression bomb: a 1 MB file whose sheet inflates to gigabytes ties up a reader for
seconds and takes as much memory. ``check_zip`` reads only the archive's directory and
refuses, with one line naming the file, a container whose

* member count is over ``ZipLimits.max_members`` (read from the end-of-directory record,
  before ``zipfile`` builds a record per member),
* total uncompressed size is over ``ZipLimits.max_total``, or
* any member of more than ``ZipLimits.ratio_floor`` bytes inflates more than
  ``ZipLimits.max_ratio`` times its compressed size.

The sizes checked are the ones the directory declares. Python's ``zipfile`` (and so
openpyxl) never inflates a member beyond its declared size: extra output is cut off
and fails the CRC check. So a container that passes cannot inflate beyond its limits
when read with ``zipfile``.

Defaults, measured on travelban's own reports: a 10,000-finding workbook holds 15
members, 46 MB uncompressed, and no member compresses more than 22 times. Apache POI
refuses, by default, entries that inflate more than 100 times; so does this module.
"""

from __future__ import annotations

import logging
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path

from travelban.errors import ZipLimitError

log = logging.getLogger(__name__)

_EOCD = b"PK\x05\x06"
_EOCD_SIZE = 22
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_EOCD = b"PK\x06\x06"
_FIX = "not opened; give a file saved by travelban, Excel or LibreOffice, or check its origin"


@dataclass(frozen=True, slots=True)
class ZipLimits:
    """How large a zip container may be once inflated."""

    max_members: int = 10_000
    max_total: int = 512 * 1024 * 1024  # bytes, all members inflated
    max_ratio: float = 100.0  # uncompressed / compressed, per member
    ratio_floor: int = 1024 * 1024  # members this small are too small to matter


DEFAULT_LIMITS = ZipLimits()


def _declared_members(path: Path) -> int | None:
    """The member count the end-of-directory record declares; None when there is none."""
    with path.open("rb") as f:
        f.seek(0, 2)
        size = f.tell()
        tail_size = min(size, _EOCD_SIZE + 0xFFFF)  # the record, then a comment of <= 64 KB
        f.seek(size - tail_size)
        tail = f.read(tail_size)
        at = tail.rfind(_EOCD)
        if at < 0 or len(tail) - at < _EOCD_SIZE:
            return None
        count = struct.unpack("<H", tail[at + 10 : at + 12])[0]
        locator = tail[at - 20 : at] if at >= 20 else b""
        if count != 0xFFFF or not locator.startswith(_ZIP64_LOCATOR):
            return int(count)
        # ZIP64: the locator says where the 64-bit record (with the real count) is
        offset = struct.unpack("<Q", locator[8:16])[0]
        if offset + 56 > size:
            return None
        f.seek(offset)
        record = f.read(56)
        if not record.startswith(_ZIP64_EOCD):
            return None
        return int(struct.unpack("<Q", record[32:40])[0])


def _kb(n: int) -> str:
    return f"{n / 1024:,.0f} KB" if n < 10 * 1024 * 1024 else f"{n / 1024 / 1024:,.0f} MB"


def check_zip(path: Path | str, limits: ZipLimits = DEFAULT_LIMITS) -> None:
    """Return when ``path`` is within ``limits`` or is not a zip at all; else ZipLimitError.

    A file that is not a zip container is left to its reader, which says what is wrong
    with it in its own terms.
    """
    path = Path(path)
    declared = _declared_members(path)
    if declared is None:
        return
    if declared > limits.max_members:
        raise ZipLimitError(
            f"zip container declares {declared:,} members (limit {limits.max_members:,})",
            path=path,
            fix=_FIX,
        )
    try:
        with zipfile.ZipFile(path) as zf:
            members = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        return  # damaged: its reader reports it
    if len(members) > limits.max_members:
        raise ZipLimitError(
            f"zip container holds {len(members):,} members (limit {limits.max_members:,})",
            path=path,
            fix=_FIX,
        )
    total = 0
    for info in members:
        total += info.file_size
        ratio = info.file_size / max(1, info.compress_size)
        if info.file_size > limits.ratio_floor and ratio > limits.max_ratio:
            raise ZipLimitError(
                f"member {info.filename} would inflate from {_kb(info.compress_size)} to "
                f"{_kb(info.file_size)} ({ratio:,.0f} times; limit {limits.max_ratio:,.0f}): "
                "a compression bomb",
                path=path,
                fix=_FIX,
            )
    if total > limits.max_total:
        raise ZipLimitError(
            f"zip container would inflate to {_kb(total)} (limit {_kb(limits.max_total)})",
            path=path,
            fix=_FIX,
        )
    log.debug("%s: %d members, %d bytes inflated: within limits", path, len(members), total)
