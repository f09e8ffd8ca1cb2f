"""Reports: the analyst workbook, CSV files, JSON, and pandas DataFrames.

The only package that imports openpyxl and pandas. Every writer takes the RunResult of
a run and, optionally, the list entries involved (``entries``, by reference), earlier
analyst decisions (``previous``, by Finding.key) and the regimes table for the Method
sheet.
"""

from travelban.report.csvout import write_csv
from travelban.report.decisions import (
    DecisionProblem,
    ReviewRead,
    parse_decision,
    read_decisions,
    read_review,
)
from travelban.report.frames import to_frames
from travelban.report.jsonout import finding_line, result_to_dict, write_json, write_jsonl
from travelban.report.paths import report_stem
from travelban.report.xlsx import write_xlsx

__all__ = [
    "DecisionProblem",
    "ReviewRead",
    "finding_line",
    "parse_decision",
    "read_decisions",
    "read_review",
    "report_stem",
    "result_to_dict",
    "to_frames",
    "write_csv",
    "write_json",
    "write_jsonl",
    "write_xlsx",
]
