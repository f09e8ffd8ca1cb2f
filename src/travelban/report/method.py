"""The words of the Method sheet: what each verdict, decision, score and column means."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from travelban.models import Decision, Verdict
from travelban.report.columns import COLUMNS, PREVIOUS, SHEET_ORDER, SHEET_PURPOSE

VERDICT_MEANING: dict[Verdict, str] = {
    Verdict.APPARENT_BREACH: (
        "The person matched a listed entry, a UN travel ban was in force for that entry on the "
        "trip's dates, the destination is not one of the person's nationalities and the article "
        "mentions no exemption, and the name is rare or something specific in the article (role, "
        "age, place of birth, parent) agrees with the entry with nothing strongly against it "
        "(see the Identity column). It is an apparent breach: an analyst confirms or rejects it."
    ),
    Verdict.EXEMPTED: (
        "A ban was in force but the article mentions an exemption, waiver or permission; the "
        "quoted text is in the Exemption column. Check it against the committee's records."
    ),
    Verdict.NOT_LISTED_AT_TIME: (
        "The trip took place before the entry was listed, or after it was delisted: no UN ban "
        "applied to this person then."
    ),
    Verdict.OWN_COUNTRY: (
        "The destination is one of the person's nationalities; travel bans do not oblige a "
        "State to refuse entry to its own nationals. The rationale says where the nationality "
        "comes from."
    ),
    Verdict.NO_TRAVEL_BAN: (
        "The person is listed, but no travel ban was in force for that regime or entry on the "
        "trip's dates (for example an asset freeze only)."
    ),
    Verdict.NOT_TRAVELLED: (
        "The trip was planned, cancelled, or alleged and denied; the rationale says which."
    ),
    Verdict.NEEDS_REVIEW: (
        "travelban could not decide: an unknown date, a weak name match, a presence that began "
        "before the listing, a regime missing from the data, a possible namesake (a common name "
        "with nothing specific agreeing, or an article that contradicts the entry: see the "
        "Identity column). The rationale says what is missing."
    ),
}

DECISION_MEANING: dict[Decision, str] = {
    Decision.CONFIRMED_BREACH: "You checked the finding and it is a breach of the travel ban.",
    Decision.EXEMPTED: "The travel was covered by an exemption or a committee waiver.",
    Decision.FALSE_POSITIVE: (
        "Wrong person, wrong trip or misread article. Later reports will not alert on this "
        "finding again; it moves to the Previously reviewed sheet."
    ),
    Decision.NEEDS_MORE_INFORMATION: "Not decidable yet; the finding stays open.",
}

SCORE_MEANING = (
    (
        "Score",
        "How closely the name in the article matches the listed name or alias, from 0 to 1, "
        "after transliteration folding. Weak aliases and missing name parts lower it; a birth "
        "year, title or organisation in the article that agrees with the entry raises it.",
    ),
    (
        "Threshold",
        "Scores at or above the threshold become findings. Candidates between the review band "
        "and the threshold are listed in Matches only, for a human to look at.",
    ),
    (
        "Confidence",
        "How sure the verdict is, from 0 to 1: match strength, corroboration (title, "
        "organisation, nationality against the entry) and how certain the event and its date "
        "are.",
    ),
    (
        "Dates",
        "A trip's date is a range from Date from to Date to: 'in July 2015' covers the whole "
        "month. Relative phrases ('last week') are resolved against the article's publication "
        "date, shown in Articles.",
    ),
    (
        "Key",
        "Identifies a finding across runs: the article's hash, the reference, the country and "
        "the dates. Decisions are carried forward by this key.",
    ),
    (
        "Safety",
        "Text from articles is stored as plain text: values that start with =, +, -, @ are "
        "never formulas. Control characters are removed and cells longer than 32,767 "
        "characters are cut with a marker. In CSV files such values start with an apostrophe.",
    ),
)


def _regime_term(row: Mapping[str, str]) -> tuple[str, set[str]]:
    """The regime's label for the Term column, and the keys it already shows."""
    used: set[str] = set()
    term = ""
    for key in ("code", "regime", "prefix", "reference_prefix", "list_type"):
        if row.get(key):
            term, used = str(row[key]), {key}
            break
    else:
        first = next(((k, v) for k, v in row.items() if v), None)
        if first:
            term, used = str(first[1]), {first[0]}
    name = str(row.get("name") or "")
    if name and name != term:
        term = f"{term} — {name}" if term else name
        used.add("name")
    return term, used


def method_rows(
    regimes_table: Sequence[Mapping[str, str]] | None, with_previous: bool
) -> list[tuple[str, str, str]]:
    """(topic, term, meaning) rows: sheets, verdicts, decisions, scores, columns, regimes."""
    rows: list[tuple[str, str, str]] = []
    for sheet in SHEET_ORDER:
        if sheet == PREVIOUS and not with_previous:
            continue
        rows.append(("Sheet", sheet, SHEET_PURPOSE[sheet]))
    rows += [("Verdict", v.value, VERDICT_MEANING[v]) for v in Verdict]
    rows += [("Decision", d.value, DECISION_MEANING[d]) for d in Decision]
    rows += [("Score", term, text) for term, text in SCORE_MEANING[:3]]
    rows += [("Convention", term, text) for term, text in SCORE_MEANING[3:]]
    for sheet in SHEET_ORDER:
        if sheet == PREVIOUS:
            continue
        rows += [(f"{sheet} column", col.name, col.meaning) for col in COLUMNS[sheet]]
    if regimes_table:
        for row in regimes_table:
            term, used = _regime_term(row)
            details = "\n".join(
                f"{k.replace('_', ' ')}: {v}"
                for k, v in row.items()
                if k not in used and v not in (None, "")
            )
            rows.append(("Regime", term, details))
    else:
        rows.append(("Regime", "(not given)", "The regimes table was not passed to the report."))
    return rows
