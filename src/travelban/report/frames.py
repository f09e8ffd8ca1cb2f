"""The report as pandas DataFrames: the in-memory form, handy in a notebook."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from travelban.models import Entry, ReviewDecision, RunResult
from travelban.report.tables import build_tables

if TYPE_CHECKING:
    import pandas as pd


def to_frames(
    result: RunResult,
    previous: Mapping[str, Sequence[ReviewDecision]] | None = None,
    *,
    entries: Mapping[str, Entry] | None = None,
    regimes_table: Sequence[Mapping[str, str]] | None = None,
) -> dict[str, pd.DataFrame]:
    """One DataFrame per sheet, keyed by sheet name, in workbook order.

    Values are kept as they are (dates as ``datetime.date``, scores as floats); nothing
    is escaped, so write them with :func:`write_xlsx` or :func:`write_csv`, which make
    untrusted text safe, rather than with ``DataFrame.to_excel``.
    """
    import pandas as pd  # imported here: pandas stays off the path of quick CLI commands

    frames: dict[str, pd.DataFrame] = {}
    for table in build_tables(
        result, entries=entries, previous=previous, regimes_table=regimes_table
    ):
        frame = pd.DataFrame(list(table.rows), columns=list(table.headers))
        frames[table.name] = frame
    return frames
