"""The analyst workbook (.xlsx).

openpyxl builds the frame of each sheet: header row, column widths, frozen panes,
autofilter, conditional formatting of verdicts and decisions, the Decision dropdown and
Review date validation, print titles and page setup, and the cell styles. The data rows
are then streamed straight into each sheet's XML as inline strings and numbers: writing
them through openpyxl cell objects costs ~12 µs a cell, too slow for 10,000 findings.

Every text cell is an inline string (``t="inlineStr"``), which a spreadsheet can never
read as a formula; values that look like one also get Excel's "quote prefix" style, so
editing the cell keeps it text.
"""

from __future__ import annotations

import io
import logging
import math
import posixpath
import re
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from defusedxml import ElementTree
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from travelban.incidents import Incident
from travelban.models import Decision, Entry, ReviewDecision, RunResult, Verdict
from travelban.report.columns import (
    ARTICLES,
    ENTRIES,
    FINDINGS,
    INCIDENTS,
    ITINERARY,
    METHOD,
    PREVIOUS,
    REVIEW_COLUMNS,
    ColKind,
)
from travelban.report.itinerary import add_timeline_charts
from travelban.report.paths import plan, write_atomically
from travelban.report.safety import cell_text, safe_sheet_name
from travelban.report.tables import Table, build_tables

log = logging.getLogger(__name__)

HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
HEADER_FONT = Font(name="Calibri", size=11, bold=True, color="FFFFFF")
CARRIED_FILL = PatternFill("solid", fgColor="FFF2CC")  # review cells pre-filled from earlier runs
LINK_FONT = Font(name="Calibri", size=11, color="0563C1", underline="single")

# Verdict colours: (fill, font); applied by conditional formatting.
VERDICT_COLOURS = {
    Verdict.APPARENT_BREACH: ("FFC7CE", "9C0006"),
    Verdict.NEEDS_REVIEW: ("FFEB9C", "9C5700"),
    Verdict.EXEMPTED: ("DDEBF7", "1F4E78"),
    Verdict.NOT_TRAVELLED: ("EDEDED", "404040"),
    Verdict.OWN_COUNTRY: ("E2EFDA", "375623"),
    Verdict.NO_TRAVEL_BAN: ("E2EFDA", "375623"),
    Verdict.NOT_LISTED_AT_TIME: ("E2EFDA", "375623"),
}
DECISION_COLOURS = {
    Decision.CONFIRMED_BREACH: ("FFC7CE", "9C0006"),
    Decision.EXEMPTED: ("DDEBF7", "1F4E78"),
    Decision.FALSE_POSITIVE: ("EDEDED", "404040"),
    Decision.NEEDS_MORE_INFORMATION: ("FFEB9C", "9C5700"),
}
FROZEN = {FINDINGS: "C2", PREVIOUS: "C2", INCIDENTS: "C2", ITINERARY: "C2", ENTRIES: "B2"}
REVIEWED = (FINDINGS, PREVIOUS, INCIDENTS)  # sheets with the analyst's review columns
ZIP_LEVEL = 1  # fast; the XML still shrinks ~10 times
LINE_POINTS = 15.0  # height of one line of 11-point text
MAX_LINES = 8  # taller rows make the sheet hard to scan; the full text is in the cell
# Few rows: show everything. Findings: the rationale is what the analyst must read.
MAX_LINES_BY_SHEET = {ENTRIES: 40, METHOD: 16, FINDINGS: 16, PREVIOUS: 16, INCIDENTS: 16}
EXCEL_EPOCH = date(1899, 12, 30).toordinal()
FIRST_SAFE_DATE = date(1900, 3, 1)  # Excel's serial numbers are off before this day

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTR_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def write_xlsx(
    result: RunResult,
    out: Path,
    *,
    entries: Mapping[str, Entry] | None = None,
    previous: Mapping[str, Sequence[ReviewDecision]] | None = None,
    regimes_table: Sequence[Mapping[str, str]] | None = None,
    incidents: Sequence[Incident] | None = None,
) -> Path:
    """Write the analyst workbook into ``out`` (a folder or a new .xlsx path); return its path."""
    tables = build_tables(
        result,
        entries=entries,
        previous=previous,
        regimes_table=regimes_table,
        incidents=incidents,
    )
    target, numbered = plan(Path(out), result, ".xlsx")
    written = write_atomically(
        target, numbered, lambda tmp: write_tables(tables, tmp, creator=result.tool_version)
    )
    log.info("wrote %s (%d findings)", written, len(result.findings))
    return written


# ---------------------------------------------------------------- styles


@dataclass(frozen=True, slots=True)
class _ColumnPlan:
    letter: str
    kind: ColKind
    review: bool  # an analyst's column: styled even when empty
    width: float


class _Styles:
    """Cell style ids registered in the workbook, one per (kind, quote-prefix, carried)."""

    def __init__(self, ws: Worksheet) -> None:
        self._ws = ws
        self._ids: dict[tuple[ColKind, bool, bool], int] = {}

    def get(self, kind: ColKind, quote: bool = False, carried: bool = False) -> int:
        key = (kind, quote, carried)
        if key not in self._ids:
            cell = Cell(self._ws)  # detached: only used to register a style
            cell.alignment = Alignment(
                vertical="top",
                wrap_text=kind in (ColKind.WRAP, ColKind.ANY),
                horizontal="left" if kind in (ColKind.DATE, ColKind.DATETIME) else None,
            )
            if kind is ColKind.DATE:
                cell.number_format = "yyyy-mm-dd"
            elif kind is ColKind.DATETIME:
                cell.number_format = "yyyy-mm-dd hh:mm:ss"
            elif kind is ColKind.SCORE:
                cell.number_format = "0.00"
            elif kind is ColKind.INT:
                cell.number_format = "0"
            elif kind is ColKind.LINK:
                cell.font = LINK_FONT
            if carried:
                cell.fill = CARRIED_FILL
            if quote:
                cell.quotePrefix = True
            self._ids[key] = cell.style_id
        return self._ids[key]


# ---------------------------------------------------------------- the frame of each sheet


def _rule(value: str, colours: tuple[str, str]) -> CellIsRule:
    fill, font = colours
    return CellIsRule(
        operator="equal",
        formula=[f'"{value}"'],
        fill=PatternFill(start_color=fill, end_color=fill, fill_type="solid"),
        font=Font(color=font),
    )


def _frame_sheet(ws: Worksheet, table: Table) -> list[_ColumnPlan]:
    headers = table.headers
    n = len(table.rows)
    last_row = n + 1
    plans = []
    thin = Side(style="thin", color="8EA9C1")
    for j, col in enumerate(table.columns, start=1):
        letter = get_column_letter(j)
        cell = ws.cell(row=1, column=j, value=col.name)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.border = Border(bottom=thin)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        # Wide enough that no header word is broken across lines.
        width = max(col.width, max(len(w) for w in col.name.split()) * 1.2 + 2)
        ws.column_dimensions[letter].width = width
        plans.append(
            _ColumnPlan(
                letter,
                col.kind,
                table.name in REVIEWED and col.name in (*REVIEW_COLUMNS, "Earlier decisions"),
                width,
            )
        )
    ws.row_dimensions[1].height = 30
    last_col = get_column_letter(len(headers))
    ws.freeze_panes = FROZEN.get(table.name, "A2")
    ws.auto_filter.ref = f"A1:{last_col}{last_row}"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = True
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6, header=0.3, footer=0.3)
    if table.name in REVIEWED:
        # On paper: the judgement and the review columns; the details stay on screen.
        printed = headers.index("Earlier decisions") + 1
        ws.print_area = f"A1:{get_column_letter(printed)}{last_row}"
    ws.oddFooter.center.text = "&A — page &P of &N"
    ws.oddHeader.left.text = "travelban"

    if n:
        letters = {c.name: p.letter for c, p in zip(table.columns, plans, strict=True)}
        if "Verdict" in letters:
            rng = f"{letters['Verdict']}2:{letters['Verdict']}{last_row}"
            for verdict, colours in VERDICT_COLOURS.items():
                ws.conditional_formatting.add(rng, _rule(verdict.value, colours))
        if table.name == ARTICLES:
            rng = f"{letters['Status']}2:{letters['Status']}{last_row}"
            ws.conditional_formatting.add(rng, _rule("failed", ("FFC7CE", "9C0006")))
        if "Band" in letters:
            rng = f"{letters['Band']}2:{letters['Band']}{last_row}"
            ws.conditional_formatting.add(rng, _rule("alert", ("FFEB9C", "9C5700")))
        if "Decision" in letters and table.name in REVIEWED:
            rng = f"{letters['Decision']}2:{letters['Decision']}{last_row}"
            for decision, colours in DECISION_COLOURS.items():
                ws.conditional_formatting.add(rng, _rule(decision.value, colours))
            choices = ",".join(d.value for d in Decision)
            dv = DataValidation(
                type="list",
                formula1=f'"{choices}"',
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="Decision",
                error="Choose one of: " + "; ".join(d.value for d in Decision),
                showInputMessage=True,
                promptTitle="Decision",
                prompt="Pick a decision from the list.",
            )
            dv.add(rng)
            ws.add_data_validation(dv)
            date_rng = f"{letters['Review date']}2:{letters['Review date']}{last_row}"
            dv_date = DataValidation(
                type="date",
                operator="between",
                formula1="36526",  # 2000-01-01
                formula2="73415",  # 2100-12-31
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="Review date",
                error="Enter a date, for example 2026-01-31.",
            )
            dv_date.add(date_rng)
            ws.add_data_validation(dv_date)
        if table.name == ITINERARY:
            add_timeline_charts(ws, table.rows)
    return plans


# ---------------------------------------------------------------- the rows, as XML


def _serial(value: date) -> float:
    if isinstance(value, datetime):
        t = value.replace(tzinfo=None)
        frac = (t.hour * 3600 + t.minute * 60 + t.second + t.microsecond / 1e6) / 86400
        return t.toordinal() - EXCEL_EPOCH + frac
    return float(value.toordinal() - EXCEL_EPOCH)


def _lines(text: str, width: float) -> int:
    per_line = max(1, int(width * 1.15))
    return sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))


def _prepare(value: str) -> tuple[str, str, bool, bool]:
    """(cleaned text, its XML element body, formula-like, has a line break)."""
    text, risky = cell_text(value)
    body = text.translate(_ESCAPES)
    # Spreadsheets drop leading and trailing spaces unless told to keep them.
    if text[:1].isspace() or text[-1:].isspace():
        body = f'<t xml:space="preserve">{body}</t>'
    else:
        body = f"<t>{body}</t>"
    return text, body, risky, "\n" in text


_ANY_KIND = {
    str: ColKind.WRAP,
    int: ColKind.INT,
    float: ColKind.TEXT,
    datetime: ColKind.DATETIME,
    date: ColKind.DATE,
}


def _rows_xml(
    table: Table,
    plans: list[_ColumnPlan],
    styles: _Styles,
    links: dict[str, int],
    hyperlinks: list[str],
) -> Iterator[str]:
    """The <row> elements of a sheet's data, a row at a time."""
    # Style ids by kind, then [formula-like][carried]; indexed with bools for speed.
    sid = {
        kind: (
            (styles.get(kind, False, False), styles.get(kind, False, True)),
            (styles.get(kind, True, False), styles.get(kind, True, True)),
        )
        for kind in ColKind
    }
    prepared: dict[str, tuple[str, str, bool, bool]] = {}
    heights: dict[tuple[str, float], int] = {}
    wrap, text_kind, link = ColKind.WRAP, ColKind.TEXT, ColKind.LINK
    carried_rows = table.carried or (False,) * len(table.rows)
    max_lines = MAX_LINES_BY_SHEET.get(table.name, MAX_LINES)
    for i, (values, carried) in enumerate(zip(table.rows, carried_rows, strict=True)):
        r = i + 2
        cells = []
        lines = 1
        for col, value in zip(plans, values, strict=True):
            mark = carried and col.review
            if value is None or value == "":
                if col.review:
                    cells.append(f'<c r="{col.letter}{r}" s="{sid[col.kind][0][mark]}"/>')
                continue
            kind = col.kind
            if kind is ColKind.ANY:
                kind = _ANY_KIND.get(type(value), wrap)
            if type(value) is str:
                hit = prepared.get(value)
                if hit is None:
                    hit = prepared[value] = _prepare(value)
                text, body, risky, multiline = hit
                if not text:
                    continue
                if kind is link:
                    if value in links:
                        target = f"'{ENTRIES}'!A{links[value]}".translate(_ATTR_ESCAPES)
                        hyperlinks.append(
                            f'<hyperlink ref="{col.letter}{r}" location="{target}" '
                            f'display="{text.translate(_ATTR_ESCAPES)}"/>'
                        )
                elif kind is wrap or multiline:
                    kind = wrap
                    if multiline or len(text) > col.width:
                        key = (text, col.width)
                        n = heights.get(key)
                        if n is None:
                            n = heights[key] = _lines(text, col.width)
                        if n > lines:
                            lines = n
                else:
                    kind = text_kind
                cells.append(
                    f'<c r="{col.letter}{r}" s="{sid[kind][risky][mark]}" t="inlineStr">'
                    f"<is>{body}</is></c>"
                )
            elif isinstance(value, bool):
                style = sid[text_kind][0][0]
                cells.append(f'<c r="{col.letter}{r}" s="{style}" t="b"><v>{int(value)}</v></c>')
            elif isinstance(value, int | float):
                if isinstance(value, float) and not math.isfinite(value):
                    continue
                if kind is not ColKind.SCORE and kind is not ColKind.INT:
                    kind = ColKind.INT if isinstance(value, int) else text_kind
                cells.append(
                    f'<c r="{col.letter}{r}" s="{sid[kind][0][mark]}"><v>{value!r}</v></c>'
                )
            elif isinstance(value, date):
                day = value.date() if isinstance(value, datetime) else value
                if day < FIRST_SAFE_DATE:  # Excel cannot show it as a date: keep the text
                    cells.append(
                        f'<c r="{col.letter}{r}" s="{sid[text_kind][0][0]}" t="inlineStr">'
                        f"<is><t>{value.isoformat()}</t></is></c>"
                    )
                    continue
                if kind is not ColKind.DATE and kind is not ColKind.DATETIME:
                    kind = ColKind.DATETIME if isinstance(value, datetime) else ColKind.DATE
                style = sid[kind][0][mark]
                cells.append(f'<c r="{col.letter}{r}" s="{style}"><v>{_serial(value)!r}</v></c>')
            else:
                text, body, risky, _ = _prepare(str(value))
                cells.append(
                    f'<c r="{col.letter}{r}" s="{sid[text_kind][risky][mark]}" t="inlineStr">'
                    f"<is>{body}</is></c>"
                )
        height = ""
        if lines > 1:
            height = f' ht="{min(lines, max_lines) * LINE_POINTS:.0f}" customHeight="1"'
        yield f'<row r="{r}"{height}>{"".join(cells)}</row>'


# ---------------------------------------------------------------- assembling the file


def _sheet_paths(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its XML part inside the package, read from the workbook's relations."""
    ns = {
        "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
        "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        "p": "http://schemas.openxmlformats.org/package/2006/relationships",
    }
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {
        str(rel.get("Id")): str(rel.get("Target")) for rel in rels.findall("p:Relationship", ns)
    }
    out: dict[str, str] = {}
    for sheet in book.findall("m:sheets/m:sheet", ns):
        target = targets[str(sheet.get(f"{{{ns['r']}}}id"))]
        path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        out[str(sheet.get("name"))] = posixpath.normpath(path)
    return out


_DIMENSION = re.compile(r'<dimension ref="[^"]*"\s*/>')


def write_tables(tables: Sequence[Table], path: Path, *, creator: str = "") -> None:
    """Write ``tables`` as a workbook at ``path`` (overwriting it: callers pass a temp file)."""
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = f"travelban {creator}".strip()
    wb.properties.title = "travelban screening report"
    taken: set[str] = set()
    sheets: list[tuple[Table, Worksheet, list[_ColumnPlan]]] = []
    for table in tables:
        name = safe_sheet_name(table.name, taken)
        taken.add(name)
        ws = wb.create_sheet(name)
        sheets.append((table, ws, _frame_sheet(ws, table)))
    first = next((i for i, (t, _, _) in enumerate(sheets) if t.name == FINDINGS), 0)
    wb.active = first
    for i, (_, ws, _) in enumerate(sheets):
        ws.sheet_view.tabSelected = i == first

    styles = _Styles(sheets[0][1])
    entry_table = next((t for t in tables if t.name == ENTRIES), None)
    links: dict[str, int] = {}
    for i, row in enumerate(entry_table.rows if entry_table else ()):
        if isinstance(row[0], str):
            links.setdefault(row[0], i + 2)
    # Register every style before openpyxl writes the stylesheet.
    for kind in ColKind:
        for quote in (False, True):
            for carried in (False, True):
                styles.get(kind, quote, carried)

    skeleton = io.BytesIO()
    wb.save(skeleton)
    skeleton.seek(0)
    with (
        zipfile.ZipFile(skeleton) as src,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=ZIP_LEVEL) as dst,
    ):
        parts = _sheet_paths(src)
        by_part = {parts[ws.title]: (table, ws, plans) for table, ws, plans in sheets}
        for info in src.infolist():
            if info.filename not in by_part:
                dst.writestr(info, src.read(info.filename))
                continue
            table, ws, plans = by_part[info.filename]
            xml = src.read(info.filename).decode("utf-8")
            last = f"{plans[-1].letter}{len(table.rows) + 1}"
            xml = _DIMENSION.sub(f'<dimension ref="A1:{last}"/>', xml, count=1)
            cut = xml.index("</sheetData>")
            head, tail = xml[:cut], xml[cut:]
            hyperlinks: list[str] = []
            part = zipfile.ZipInfo(info.filename, info.date_time)
            part.compress_type = zipfile.ZIP_DEFLATED
            with dst.open(part, "w") as fh:
                fh.write(head.encode("utf-8"))
                chunk: list[str] = []
                for row_xml in _rows_xml(table, plans, styles, links, hyperlinks):
                    chunk.append(row_xml)
                    if len(chunk) >= 500:
                        fh.write("".join(chunk).encode("utf-8"))
                        chunk = []
                fh.write("".join(chunk).encode("utf-8"))
                if hyperlinks:
                    if "<hyperlinks" in tail:
                        raise RuntimeError("unexpected hyperlinks in the sheet skeleton")
                    block = "<hyperlinks>" + "".join(hyperlinks) + "</hyperlinks>"
                    found = (tail.find("<printOptions"), tail.find("<pageMargins"))
                    anchor = min((i for i in found if i > 0), default=tail.index("</worksheet>"))
                    tail = tail[:anchor] + block + tail[anchor:]
                fh.write(tail.encode("utf-8"))
