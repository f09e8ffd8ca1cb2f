"""Inputs cut into partitions: groups of files, ranges of WARC records, row ranges of a table.

A partition is a small frozen description (paths, byte offsets, row numbers), cheap to
send to a worker, which reads its own articles. Its ``key`` names what it holds (the
path, size and modification time of each file, and the range), so the same input gives
the same partition files in a result folder and a rerun knows what is already done.

A Parquet table of articles has the columns ``id``, ``url``, ``published`` (a date, a
timestamp or an ISO string; may be null) and ``text``; each row becomes one article whose
source is ``<file>#<id>``.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from travelban.errors import ArticleError
from travelban.ingest import (
    ARTICLE_SUFFIXES,
    DEFAULT_MAX_BYTES,
    STDIN,
    WARC_SUFFIXES,
    iter_articles,
    normalise_text,
    text_published,
    warc_page,
)
from travelban.models import Article, ArticleFailure, DateSource
from travelban.readers.warc import WarcBroken, read_warc

log = logging.getLogger(__name__)

PARQUET_SUFFIXES = (".parquet", ".pq")
TABLE_COLUMNS = ("id", "url", "published", "text")
DEFAULT_PARTITION_SIZE = 200  # articles per task: ~2 s of screening at 100 articles/s

Kind = Literal["files", "warc", "table"]


@dataclass(frozen=True, slots=True)
class Stamp:
    """A file as the planner saw it: a change of size or time makes a new partition key."""

    path: str
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: Path) -> Stamp:
        st = path.stat()
        return cls(str(path), st.st_size, st.st_mtime_ns)


@dataclass(frozen=True, slots=True)
class Partition:
    """One task's worth of input.

    ``files``: whole article files (a feed's entries included). ``warc``: records
    ``first``.. of one archive, read from byte ``start`` to ``end``. ``table``: rows
    ``start`` to ``end`` of one row group (``group``) of a Parquet table.
    """

    kind: Kind
    files: tuple[Stamp, ...]
    start: int = 0
    end: int = 0
    first: int = 1  # WARC: the 1-based number of the first record in the range
    group: int = 0  # table: the row group

    @property
    def key(self) -> str:
        """A content id: the same input and range give the same key."""
        parts = [self.kind, str(self.start), str(self.end), str(self.first), str(self.group)]
        parts += [f"{s.path}|{s.size}|{s.mtime_ns}" for s in self.files]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:24]

    def describe(self) -> str:
        """Where its articles come from, for a person."""
        if self.kind == "warc":
            return f"{self.files[0].path} (records from #{self.first})"
        if self.kind == "table":
            where = f"row group {self.group}, rows {self.start}-{self.end - 1}"
            return f"{self.files[0].path} ({where})"
        if len(self.files) == 1:
            return self.files[0].path
        return f"{self.files[0].path} and {len(self.files) - 1} more file(s)"


# ---------------------------------------------------------------- planning


def is_table(path: Path) -> bool:
    return path.name.lower().endswith(PARQUET_SUFFIXES)


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


@dataclass(frozen=True, slots=True)
class Inputs:
    """The input files by kind, and one failure per path that names nothing to read."""

    files: tuple[Path, ...]  # article files and feeds: whole files per partition
    warcs: tuple[Path, ...]  # web archives: cut into record ranges
    tables: tuple[Path, ...]  # Parquet tables: cut into row ranges
    failures: tuple[ArticleFailure, ...]


def _wanted(f: Path, root: Path) -> bool:
    name = f.name.lower()
    hidden = any(part.startswith(".") for part in f.relative_to(root).parts)
    return f.is_file() and not hidden and name.endswith((*ARTICLE_SUFFIXES, *PARQUET_SUFFIXES))


def expand_inputs(paths: Sequence[str]) -> Inputs:
    """Files as given, folders searched recursively (sorted), sorted into their kinds."""
    found: list[Path] = []
    failures: list[ArticleFailure] = []
    for raw in paths:
        p = Path(raw)
        if raw == STDIN:
            failures.append(
                ArticleFailure(
                    "<stdin>", "standard input cannot be shared with workers — save it to a file"
                )
            )
        elif p.is_dir():
            inside = sorted((f for f in p.rglob("*") if _wanted(f, p)), key=lambda f: f.as_posix())
            if not inside:
                failures.append(ArticleFailure(raw, "folder holds no articles or tables"))
            found += inside
        elif p.is_file():
            found.append(p)
        else:
            failures.append(ArticleFailure(raw, "no such file or folder — check the path"))
    unique = list(dict.fromkeys(found))
    return Inputs(
        files=tuple(f for f in unique if not is_table(f) and not is_warc(f)),
        warcs=tuple(f for f in unique if is_warc(f)),
        tables=tuple(f for f in unique if is_table(f)),
        failures=tuple(failures),
    )


def check_table(path: Path) -> Any:
    """The ``pyarrow.parquet.ParquetFile``, or ArticleError naming missing columns."""
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises ArrowInvalid, OSError ... for a bad file
        raise ArticleError(
            f"cannot be read as a Parquet table ({type(exc).__name__}: {exc})",
            path=path,
            fix="give a Parquet file with columns id, url, published, text",
        ) from None
    names = set(pf.schema_arrow.names)
    missing = [c for c in TABLE_COLUMNS if c not in names]
    if missing:
        has = ", ".join(pf.schema_arrow.names) or "none"
        raise ArticleError(
            f"the table has no column {', '.join(repr(m) for m in missing)} (its columns: {has})",
            path=path,
            fix="give a Parquet table with the columns id, url, published, text",
        )
    return pf


def warc_offsets(path: str) -> tuple[int, ...]:
    """Byte offsets where each record of a WARC starts, then the file size (a worker task).

    A break stops the scan: the rest of the file becomes one last range, whose reading
    reports the break as ``screen`` does.
    """
    from warcio.archiveiterator import ArchiveIterator

    offsets: list[int] = []
    size = Path(path).stat().st_size
    with open(path, "rb") as fh:
        records = ArchiveIterator(fh, arc2warc=True)
        try:
            for _ in records:
                offsets.append(records.get_record_offset())
        except Exception as exc:  # a damaged record: reading the last range reports it
            log.debug("%s: record scan stopped at %s: %s", path, len(offsets), exc)
    return (*offsets, size)


def warc_partitions(stamp: Stamp, offsets: Sequence[int], size: int) -> list[Partition]:
    """Ranges of ``size`` records each over the offsets ``warc_offsets`` found."""
    starts, end = list(offsets[:-1]), offsets[-1]
    if not starts:
        return [Partition("warc", (stamp,), 0, end, 1)]
    parts = []
    for i in range(0, len(starts), size):
        stop = starts[i + size] if i + size < len(starts) else end
        parts.append(Partition("warc", (stamp,), starts[i], stop, i + 1))
    return parts


def table_partitions(path: Path, size: int) -> list[Partition]:
    """Row ranges of at most ``size`` rows inside each row group of a checked table."""
    pf = check_table(path)
    stamp = Stamp.of(path)
    parts = []
    meta = pf.metadata
    for g in range(meta.num_row_groups):
        rows = meta.row_group(g).num_rows
        for s in range(0, rows, size):
            parts.append(Partition("table", (stamp,), s, min(rows, s + size), group=g))
    return parts


def file_partitions(files: Sequence[Path], size: int) -> list[Partition]:
    """Plain article files (and feeds), ``size`` files to a partition, in the given order."""
    stamps = [Stamp.of(f) for f in files]
    return [Partition("files", tuple(stamps[i : i + size])) for i in range(0, len(stamps), size)]


# ---------------------------------------------------------------- reading (on a worker)


class _Window(io.RawIOBase):
    """Bytes ``start``..``end`` of a file as a stream of their own (seekable)."""

    def __init__(self, fh: io.BufferedReader, start: int, end: int) -> None:
        self._fh, self._start, self._end, self._pos = fh, start, end, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = 0) -> int:
        base = {0: 0, 1: self._pos, 2: self._end - self._start}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def readinto(self, buffer: Any) -> int:
        left = self._end - self._start - self._pos
        if left <= 0:
            return 0
        view = memoryview(buffer)[: min(len(buffer), left)]
        self._fh.seek(self._start + self._pos)
        n = self._fh.readinto(view)
        self._pos += n or 0
        return n or 0


def _warc_range(
    part: Partition, *, published: date | None, max_bytes: int
) -> Iterator[Article | ArticleFailure]:
    source = part.files[0].path
    with open(source, "rb") as fh:
        window = io.BufferedReader(_Window(fh, part.start, part.end), buffer_size=1 << 16)
        try:
            for page in read_warc(window, max_bytes=max_bytes):
                name = f"{source}#{part.first + page.index - 1}"
                if page.payload is None:
                    yield ArticleFailure(name, f"record is too large ({page.size} bytes)")
                    continue
                yield warc_page(name, page, page.payload, published=published, max_bytes=max_bytes)
        except WarcBroken as exc:
            # the reader counts from the range's start: give the record's number in the file
            where = re.sub(
                r"record (\d+)", lambda m: f"record {part.first + int(m[1]) - 1}", str(exc)
            )
            yield ArticleFailure(
                source, f"{where}; the records before the break were read — download it again"
            )


def _as_date(value: Any) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def _table_rows(
    part: Partition, *, published: date | None, max_bytes: int
) -> Iterator[Article | ArticleFailure]:
    source = part.files[0].path
    pf = check_table(Path(source))
    table = pf.read_row_group(part.group, columns=list(TABLE_COLUMNS))
    rows = table.slice(part.start, part.end - part.start).to_pylist()
    for row in rows:
        name = f"{source}#{row['id']}"
        text = row["text"]
        if not isinstance(text, str) or not text.strip():
            yield ArticleFailure(name, "the text column is empty — nothing to screen")
            continue
        raw = text.encode("utf-8")
        if len(raw) > max_bytes:
            yield ArticleFailure(
                name,
                f"text is too large ({len(raw)} bytes > {max_bytes} limit) — "
                "split it into single articles",
            )
            continue
        body = normalise_text(text)
        pub, src, evidence = None, DateSource.UNKNOWN, ""
        given = _as_date(row["published"])
        if published is not None:
            pub, src, evidence = published, DateSource.GIVEN, "given by the caller (--published)"
        elif given is not None:
            pub, src, evidence = given, DateSource.TABLE, f"published column: {row['published']}"
        elif found := text_published(body):
            pub, src, evidence = found
        yield Article(
            source=name,
            sha256=hashlib.sha256(raw).hexdigest(),
            text=body,
            published=pub,
            published_source=src,
            published_evidence=evidence,
            url=str(row["url"] or ""),
        )


def read_partition(
    part: Partition, *, published: date | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | ArticleFailure]:
    """The articles of one partition, one failure for each that cannot be read."""
    if part.kind == "warc":
        yield from _warc_range(part, published=published, max_bytes=max_bytes)
    elif part.kind == "table":
        try:
            yield from _table_rows(part, published=published, max_bytes=max_bytes)
        except ArticleError as exc:
            yield ArticleFailure(part.files[0].path, f"{exc.problem} — {exc.fix}")
    else:
        paths = [s.path for s in part.files]
        yield from iter_articles(paths, published=published, max_bytes=max_bytes)
