"""Judge travel events against UN sanctions regimes: regimes as data, listing history, verdicts.

Public API:

* ``Regimes.load(path)`` / ``Regimes.default(lists_dir)`` — the rules in ``lists/regimes.toml``;
* ``ListingHistory.build(snapshots, legacy=None)`` — each reference's history across snapshots;
* ``assess_event(match, event, person, article, *, history, regimes, entry_lookup, country_of)``
  and ``assess(extraction, matches, ...)`` — findings with verdict, citation and rationale.
"""

from travelban.assess.corroborate import Corroboration, corroborate
from travelban.assess.history import (
    EntryHistory,
    ListingHistory,
    ListingState,
    ListingStatus,
    MeasuresReading,
    Observation,
)
from travelban.assess.regimes import (
    EntryRule,
    EntryRuleKind,
    Exemption,
    ListEvent,
    Measure,
    MeasurePeriod,
    Regime,
    Regimes,
    StatedMeasures,
)
from travelban.assess.verdict import DayJudgement, assess, assess_event

__all__ = [
    "Corroboration",
    "DayJudgement",
    "EntryHistory",
    "EntryRule",
    "EntryRuleKind",
    "Exemption",
    "ListEvent",
    "ListingHistory",
    "ListingState",
    "ListingStatus",
    "Measure",
    "MeasurePeriod",
    "MeasuresReading",
    "Observation",
    "Regime",
    "Regimes",
    "StatedMeasures",
    "assess",
    "assess_event",
    "corroborate",
]
