"""Read one column of names from a CSV or XLSX file (the input side of ``travelban match``)."""

from __future__ import annotations

import csv
import logging
from pathlib import Path

from travelban.errors import ConfigError

log = logging.getLogger(__name__)

# Header cells that mark the first row as a header when no --column is given.
NAME_HEADERS = frozenset({"name", "names", "full name", "full_name", "fullname", "query"})
_MAX_ROWS = 1_000_000
_EMPTY_HEADER_COLUMNS = 64  # columns read when the first row of a sheet is empty


def _rows_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    if b"\x00" in raw[:65536]:
        raise ConfigError(
            "looks like a binary file, not CSV text",
            path=path,
            fix="save the sheet as CSV (UTF-8) or XLSX",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
        log.warning("%s is not UTF-8; read it as Windows-1252", path)
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], ",;\t|")
    except csv.Error:
        dialect = csv.excel
    return [row for row in csv.reader(text.splitlines(), dialect)]


def _rows_xlsx(path: Path) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ConfigError(
            f"cannot be read as an Excel workbook ({type(exc).__name__})",
            path=path,
            fix="open it in Excel and save it again as .xlsx, or export it as CSV",
        ) from None
    try:
        ws = wb.worksheets[0]
        rows = []
        # A read-only sheet pads each row out to the width its dimension claims (column
        # XFD: 16,384 cells a row, in a file of a few KB); read only as wide as the first
        # row's last filled cell.
        first = next(ws.iter_rows(max_row=1, values_only=True), ())
        filled = [i for i, v in enumerate(first) if v not in (None, "")]
        width = filled[-1] + 1 if filled else _EMPTY_HEADER_COLUMNS
        for i, row in enumerate(ws.iter_rows(max_col=width, values_only=True)):
            if i >= _MAX_ROWS:
                break
            rows.append(["" if v is None else str(v) for v in row])
        return rows
    finally:
        wb.close()


def read_column(path: Path | str, column: str | None = None) -> list[str]:
    """The cells of one column (header name or 1-based number; default: a name column)."""
    p = Path(path)
    if not p.is_file():
        raise ConfigError("file not found", path=p, fix="check the path given to --file")
    suffix = p.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        rows = _rows_xlsx(p)
    elif suffix in (".csv", ".txt", ".tsv", ""):
        rows = _rows_csv(p)
    else:
        raise ConfigError(
            f"unsupported file type {suffix!r}", path=p, fix="give a .csv or .xlsx file"
        )
    if not rows:
        return []
    header = [c.strip() for c in rows[0]]
    lowered = [c.lower() for c in header]
    if column is None:
        idx = next((i for i, c in enumerate(lowered) if c in NAME_HEADERS), None)
        if idx is None:
            return [r[0] if r else "" for r in rows]
        return [r[idx] if idx < len(r) else "" for r in rows[1:]]
    col = column.strip()
    if col.isdigit():
        idx = int(col) - 1
        if idx < 0 or idx >= max(len(r) for r in rows):
            raise ConfigError(
                f"has no column {col}", path=p, fix=f"use a number from 1 to {len(header)}"
            )
        start = 1 if lowered[idx : idx + 1] and lowered[idx] in NAME_HEADERS else 0
        return [r[idx] if idx < len(r) else "" for r in rows[start:]]
    if col.lower() not in lowered:
        shown = ", ".join(repr(h) for h in header if h) or "none"
        raise ConfigError(
            f"has no column named {col!r} (header cells: {shown})",
            path=p,
            fix="give --column one of the header names or a 1-based column number",
        )
    idx = lowered.index(col.lower())
    return [r[idx] if idx < len(r) else "" for r in rows[1:]]
