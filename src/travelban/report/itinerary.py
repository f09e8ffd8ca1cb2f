"""The Incidents and Itinerary sheets, and the per-person timeline charts.

The rows are plain values like every other table; the charts are openpyxl bar charts that
read the Itinerary sheet's hidden chart columns. A timeline is a stacked horizontal bar
chart: an invisible first series carries each bar to its start date, then one series per
verdict holds the bar's length, so each incident is one bar coloured by its verdict and
the legend names the colours. Both LibreOffice and Excel draw this form.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date

from openpyxl.chart import BarChart, Reference, Series
from openpyxl.chart.legend import Legend
from openpyxl.chart.series import SeriesLabel
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from travelban.incidents import VERDICT_ORDER, Incident
from travelban.models import Verdict
from travelban.report.columns import (
    CHART_COLUMNS_FROM,
    COLUMNS,
    INCIDENTS,
    ITINERARY,
    ITINERARY_COLUMNS,
)

Value = str | int | float | date | None
Row = tuple[Value, ...]

# Bar colours: strong versions of the verdict colours of the sheets, readable on paper.
BAR_COLOURS: dict[Verdict, str] = {
    Verdict.APPARENT_BREACH: "C00000",
    Verdict.NEEDS_REVIEW: "ED7D31",
    Verdict.EXEMPTED: "2E75B6",
    Verdict.NOT_TRAVELLED: "7F7F7F",
    Verdict.OWN_COUNTRY: "70AD47",
    Verdict.NO_TRAVEL_BAN: "A9D18E",
    Verdict.NOT_LISTED_AT_TIME: "548235",
}
MAX_CHARTS = 60  # one per person; more people are still listed in the sheet
MIN_BAR_SHARE = 1 / 80  # a one-day trip in a year-long chart would be invisible
EXCEL_EPOCH = date(1899, 12, 30).toordinal()
ROW_CM = 0.53  # a default row, for stacking the charts without overlap
EVIDENCE_CHARS = 300


def _sources_text(inc: Incident, *, evidence: bool) -> str:
    lines = []
    for s in inc.sources:
        head = " · ".join(
            x
            for x in (
                s.published.isoformat() if s.published else "date unknown",
                s.outlet or "outlet unknown",
                s.article,
                f"report {s.story + 1}",
                s.status.value,
            )
            if x
        )
        if evidence:
            text = s.evidence if len(s.evidence) <= EVIDENCE_CHARS else s.evidence[:EVIDENCE_CHARS]
            head += f": {text}" + ("…" if len(s.evidence) > EVIDENCE_CHARS else "")
        lines.append(head)
    return "\n".join(lines)


def incident_rows(incidents: Sequence[Incident], states: Mapping[str, object | None]) -> list[Row]:
    """Rows of the Incidents sheet, in the order given (``states``: ReviewState by key)."""
    rows: list[Row] = []
    for inc in incidents:
        st = states.get(inc.key)
        pre = getattr(st, "prefill", None)
        w = inc.when
        rows.append(
            (
                inc.verdict.value,
                inc.reference,
                inc.listed_name,
                "; ".join(inc.people),
                inc.country,
                "\n".join(inc.places),
                w.start,
                w.end,
                w.phrase,
                w.precision.value,
                inc.status.value,
                inc.status_text,
                len(inc.sources),
                inc.independent,
                "\n".join(inc.outlets),
                inc.earliest_report,
                inc.confidence,
                inc.confidence_text,
                inc.note,
                _sources_text(inc, evidence=True),
                inc.key,
                pre.decision.value if pre else None,
                pre.reviewer if pre else None,
                pre.review_date if pre else None,
                pre.notes if pre else None,
                getattr(st, "history", None),
                "\n".join(inc.finding_keys),
                "\n".join(inc.merged_keys),
            )
        )
    assert not rows or len(rows[0]) == len(COLUMNS[INCIDENTS])
    return rows


def _label(inc: Incident) -> str:
    w = inc.when
    where = inc.country or "??"
    if w.start is None:
        return f"{where} undated"
    if w.end and w.end != w.start:
        return f"{where} {w.start.isoformat()}…{w.end.isoformat()}"
    return f"{where} {w.start.isoformat()}"


def itinerary_rows(incidents: Sequence[Incident]) -> list[Row]:
    """Rows of the Itinerary sheet: per person (by reference), incidents in date order,
    undated last, with the hidden columns the timeline charts read."""
    by_ref: dict[str, list[Incident]] = {}
    for inc in incidents:
        by_ref.setdefault(inc.reference, []).append(inc)
    rows: list[Row] = []
    for ref in sorted(by_ref):
        items = sorted(
            by_ref[ref],
            key=lambda i: (i.when.start is None, i.when.start or date.max, i.when.end, i.key),
        )
        dated = [i for i in items if i.when.start is not None]
        lo = min((i.when.start for i in dated if i.when.start), default=None)
        hi = max((i.when.end or i.when.start for i in dated if i.when.start), default=None)
        span = (hi - lo).days + 1 if lo and hi else 1
        floor = max(1.0, span * MIN_BAR_SHARE)
        for n, inc in enumerate(items, 1):
            w = inc.when
            bars: list[Value] = [None] * len(VERDICT_ORDER)
            if w.start is not None:
                days = ((w.end or w.start) - w.start).days + 1
                bars[VERDICT_ORDER.index(inc.verdict)] = float(max(days, floor))
            rows.append(
                (
                    ref,
                    inc.listed_name,
                    n,
                    inc.country,
                    "\n".join(inc.places),
                    w.start,
                    w.end,
                    w.phrase,
                    inc.verdict.value,
                    inc.status.value,
                    inc.independent,
                    _sources_text(inc, evidence=False),
                    inc.key,
                    inc.note,
                    _label(inc),
                    w.start,
                    *bars,
                )
            )
    return rows


def _serial(d: date) -> int:
    return d.toordinal() - EXCEL_EPOCH


def _nice_unit(days: int) -> tuple[int, str]:
    """A major unit for the date axis (about six labels) and its number format."""
    for unit, fmt in (
        (1, "yyyy-mm-dd"),
        (2, "yyyy-mm-dd"),
        (7, "yyyy-mm-dd"),
        (14, "yyyy-mm-dd"),
        (30, "mmm yyyy"),
        (61, "mmm yyyy"),
        (91, "mmm yyyy"),
        (182, "mmm yyyy"),
        (365, "yyyy"),
        (730, "yyyy"),
        (1826, "yyyy"),
    ):
        if days / unit <= 7:
            return unit, fmt
    return 3652, "yyyy"


def add_timeline_charts(ws: Worksheet, rows: Sequence[Row]) -> int:
    """Draw one timeline chart per person beside the Itinerary table; return how many."""
    names = [c.name for c in ITINERARY_COLUMNS]
    first_chart_col = names.index(CHART_COLUMNS_FROM) + 1  # 1-based column of the label
    start_col = first_chart_col + 1
    for j in range(first_chart_col, len(names) + 1):
        ws.column_dimensions[get_column_letter(j)].hidden = True
    anchor_col = get_column_letter(len(names) + 2)
    blocks: list[tuple[str, str, int, int]] = []  # (reference, name, first row, last dated row)
    for i, row in enumerate(rows):
        r = i + 2
        ref, start = str(row[0]), row[5]
        if not blocks or blocks[-1][0] != ref:
            blocks.append((ref, str(row[1]), r, r - 1))
        if start is not None:
            b = blocks[-1]
            blocks[-1] = (b[0], b[1], b[2], r)
    drawn = 0
    next_free = 2
    for ref, name, top, last in blocks:
        if last < top or drawn >= MAX_CHARTS:
            continue
        block = rows[top - 2 : last - 1]
        starts = [r[5] for r in block if isinstance(r[5], date)]
        ends = [r[6] if isinstance(r[6], date) else r[5] for r in block if isinstance(r[5], date)]
        lo, hi = min(starts), max(e for e in ends if isinstance(e, date))
        span = (hi - lo).days + 1
        pad = max(3, math.ceil(span * 0.05))
        unit, fmt = _nice_unit(span + 2 * pad)
        chart = BarChart()
        chart.type = "bar"
        chart.grouping = "stacked"
        chart.overlap = 100
        chart.gapWidth = 50
        chart.visible_cells_only = False  # the chart columns are hidden
        chart.title = f"{ref} {name}"[:80]
        cats = Reference(ws, min_col=first_chart_col, min_row=top, max_row=last)
        offset = Series(Reference(ws, min_col=start_col, min_row=top, max_row=last))
        offset.tx = SeriesLabel(v=" ")
        offset.graphicalProperties = GraphicalProperties(noFill=True)
        offset.graphicalProperties.line.noFill = True
        chart.series.append(offset)
        present = {str(r[8]) for r in block if isinstance(r[5], date)}
        for k, verdict in enumerate(VERDICT_ORDER):
            if verdict.value not in present:
                continue
            col = start_col + 1 + k
            s = Series(Reference(ws, min_col=col, min_row=top, max_row=last))
            s.tx = SeriesLabel(v=verdict.value)
            colour = BAR_COLOURS[verdict]
            s.graphicalProperties = GraphicalProperties(solidFill=colour)
            s.graphicalProperties.line.solidFill = colour
            chart.series.append(s)
        chart.set_categories(cats)
        chart.x_axis.scaling.orientation = "maxMin"  # first incident at the top
        chart.x_axis.delete = False
        chart.y_axis.delete = False
        chart.y_axis.scaling.min = _serial(lo) - pad
        chart.y_axis.scaling.max = _serial(hi) + pad
        chart.y_axis.majorUnit = unit
        chart.y_axis.number_format = fmt
        chart.legend = Legend()
        chart.legend.position = "b"
        n = last - top + 1
        chart.width = 18
        chart.height = min(24.0, 4.5 + 0.75 * n)
        anchor_row = max(top, next_free)
        ws.add_chart(chart, f"{anchor_col}{anchor_row}")
        next_free = anchor_row + math.ceil(chart.height / ROW_CM) + 1
        drawn += 1
    return drawn


__all__ = [
    "BAR_COLOURS",
    "ITINERARY",
    "add_timeline_charts",
    "incident_rows",
    "itinerary_rows",
]
