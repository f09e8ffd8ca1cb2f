"""The sheets of a report and their columns: name, kind, width and what each one means.

One definition serves the workbook, the CSV files, the DataFrames and the Method sheet,
so a column cannot be described in one place and written differently in another.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from travelban.incidents import VERDICT_ORDER


class ColKind(StrEnum):
    TEXT = "text"  # short text, one line
    WRAP = "wrap"  # long text, wrapped
    DATE = "date"
    DATETIME = "datetime"
    SCORE = "score"  # 0..1, two decimals
    INT = "int"
    LINK = "link"  # a list reference, linked to its row in Entries
    ANY = "any"  # mixed values (Summary's Value column)


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    kind: ColKind
    width: float
    meaning: str


C = Column
K = ColKind

SUMMARY = "Summary"
FINDINGS = "Findings"
PREVIOUS = "Previously reviewed"
INCIDENTS = "Incidents"
ITINERARY = "Itinerary"
EVENTS = "Events"
MATCHES = "Matches"
ENTRIES = "Entries"
ARTICLES = "Articles"
METHOD = "Method"

SHEET_ORDER = (
    SUMMARY,
    FINDINGS,
    PREVIOUS,
    INCIDENTS,
    ITINERARY,
    EVENTS,
    MATCHES,
    ENTRIES,
    ARTICLES,
    METHOD,
)

SHEET_PURPOSE = {
    SUMMARY: "Which tool, list file, snapshots and settings produced this report, and counts.",
    FINDINGS: "One row per (listed person, trip): the verdict and why; review columns to fill in.",
    PREVIOUS: "Findings an analyst already marked False positive: not alerted again, kept here.",
    INCIDENTS: (
        "One row per trip: the findings of one person in one country on dates that fit "
        "together, with every source. One decision here covers all its findings."
    ),
    ITINERARY: (
        "Each listed person's incidents in date order, and a timeline chart per person "
        "(one bar per incident, coloured by verdict)."
    ),
    EVENTS: "Every travel event read from the articles, including people who matched nobody.",
    MATCHES: "Every name candidate, including those in the review band below the threshold.",
    ENTRIES: "The UN list entries involved, in full, as the list file states them.",
    ARTICLES: "Each input article: where its publication date came from, status and errors.",
    METHOD: "What the verdicts, scores and columns mean, and the regimes table used.",
}

REVIEW_COLUMNS = ("Decision", "Reviewer", "Review date", "Notes")

FINDING_COLUMNS: tuple[Column, ...] = (
    C("Verdict", K.TEXT, 19, "The judgement on this trip; see the Verdict rows of this sheet."),
    C("Person", K.TEXT, 22, "The person as the article names them."),
    C("Reference", K.LINK, 11, "UN list reference number; the link opens the entry in Entries."),
    C("Listed name", K.TEXT, 24, "The entry's primary name on the list."),
    C("Country", K.TEXT, 8, "Destination country, ISO 3166-1 alpha-2 code."),
    C("Place", K.TEXT, 16, "The destination as the article writes it."),
    C("Date from", K.DATE, 11, "First day the trip may have taken place (blank: unknown)."),
    C("Date to", K.DATE, 11, "Last day the trip may have taken place (blank: unknown)."),
    C("Regime", K.TEXT, 8, "Sanctions regime, by the two-letter reference prefix (IR, QD, ...)."),
    C("Resolution", K.TEXT, 12, "The Security Council resolution whose travel ban applies."),
    C("Paragraph", K.TEXT, 10, "The operative paragraph of that resolution."),
    C("Score", K.SCORE, 7, "Name match score, 0 to 1; see Matches for how it was reached."),
    C("Confidence", K.SCORE, 10, "Confidence in the verdict, 0 to 1."),
    C("Rationale", K.WRAP, 70, "Why this verdict: rule, resolution, listing dates, evidence."),
    C("Evidence", K.WRAP, 55, "The sentence(s) of the article that report the trip."),
    C(
        "Identity",
        K.WRAP,
        50,
        "Is this the listed person? One line per fact: + agrees, - contradicts (strong: age "
        "10+ years off, nationality, gender, birth country; weak: a role that differs, as "
        "designations age), · silent; the article's words vs the entry's, and how common the "
        "name is. A possible namesake is needs_review, never apparent_breach.",
    ),
    C("Article", K.TEXT, 24, "The article file the trip was read from."),
    C("Key", K.TEXT, 46, "Stable identity of the finding across runs; do not edit."),
    C("Decision", K.TEXT, 22, "Your decision: pick one of the four values from the list."),
    C("Reviewer", K.TEXT, 14, "Who made the decision."),
    C("Review date", K.DATE, 12, "When the decision was made (a date)."),
    C("Notes", K.WRAP, 40, "Free text: why, what was checked."),
    C("Earlier decisions", K.WRAP, 40, "Decisions recorded before this run, with who and when."),
    C("Date phrase", K.TEXT, 18, "The date as the article phrased it."),
    C("Precision", K.TEXT, 9, "How precisely the date is known: day, week, month, year, ..."),
    C("Event status", K.TEXT, 11, "occurred, planned, cancelled, denied or reported."),
    C("Event kind", K.TEXT, 10, "visit, meeting, presence, arrival, departure, ..."),
    C("Matched name", K.TEXT, 24, "The list name or alias the article's name matched."),
    C("Alias quality", K.TEXT, 8, "UN alias quality of the matched name (blank: primary name)."),
    C("Match explanation", K.WRAP, 50, "How the name score was reached."),
    C("Exemption", K.WRAP, 30, "Text of the article that mentions an exemption or waiver."),
    C("Snapshots", K.WRAP, 30, "The list files the judgement rests on."),
    C("Person ID", K.TEXT, 9, "The person's identifier within the article (P1, P2, ...)."),
    C("Incident", K.TEXT, 18, "The key of the incident (trip) this finding is a report of."),
)

INCIDENT_COLUMNS: tuple[Column, ...] = (
    C("Verdict", K.TEXT, 19, "The most serious verdict among the incident's findings."),
    C("Reference", K.LINK, 11, "UN list reference number; the link opens the entry in Entries."),
    C("Listed name", K.TEXT, 24, "The entry's primary name on the list."),
    C("Person", K.TEXT, 22, "The person as the articles name them."),
    C("Country", K.TEXT, 8, "Destination country, ISO 3166-1 alpha-2 code."),
    C("Places", K.WRAP, 16, "The destinations as the articles write them."),
    C(
        "Date from",
        K.DATE,
        11,
        "First day of the narrowest range the reports allow: 'in July' and 'on 24 July' give "
        "24 July (blank: undated).",
    ),
    C("Date to", K.DATE, 11, "Last day of that range."),
    C("Date phrase", K.TEXT, 18, "The reports' words for that range."),
    C("Precision", K.TEXT, 9, "day, week, month, year, range, ... of that range."),
    C(
        "Status",
        K.TEXT,
        10,
        "What the reports together say: occurred, reported, disputed (reported by some, "
        "denied by others), denied, planned or cancelled.",
    ),
    C("Status detail", K.WRAP, 30, "How many independent reports say what."),
    C("Reports", K.INT, 8, "Findings (article reports) merged into this incident."),
    C(
        "Independent",
        K.INT,
        11,
        "Independent reports: one outlet's articles, and copies of one wire story "
        "(near-identical evidence), count once.",
    ),
    C("Outlets", K.WRAP, 20, "Outlets known from the articles' web addresses or datelines."),
    C("Earliest report", K.DATE, 11, "Publication date of the first article reporting it."),
    C("Confidence", K.SCORE, 10, "Confidence, raised by independent reports (see the detail)."),
    C("Confidence detail", K.WRAP, 36, "How the confidence was reached."),
    C(
        "Note",
        K.WRAP,
        30,
        "Undated, ambiguous or no country: what was not merged and why.",
    ),
    C("Sources", K.WRAP, 70, "Each report: publication date, outlet, article, evidence."),
    C(
        "Key",
        K.TEXT,
        18,
        "Stable identity of the incident across runs (a new article joining keeps it); do "
        "not edit.",
    ),
    C("Decision", K.TEXT, 22, "Your decision for the whole trip: one of the four values."),
    C("Reviewer", K.TEXT, 14, "Who made the decision."),
    C("Review date", K.DATE, 12, "When the decision was made (a date)."),
    C("Notes", K.WRAP, 40, "Free text: why, what was checked."),
    C(
        "Earlier decisions",
        K.WRAP,
        40,
        "Decisions recorded before this run on the incident, or on its findings (carried over).",
    ),
    C("Finding keys", K.WRAP, 46, "The Key of each finding merged into this incident."),
    C("Merged keys", K.WRAP, 18, "Keys of earlier incidents this one absorbed."),
)

# The chart columns are hidden: the timeline charts read them.
CHART_COLUMNS_FROM = "Chart label"
ITINERARY_COLUMNS: tuple[Column, ...] = (
    C("Reference", K.LINK, 11, "UN list reference number; the link opens the entry in Entries."),
    C("Listed name", K.TEXT, 24, "The entry's primary name on the list."),
    C("No.", K.INT, 7, "The incident's place in the person's itinerary (undated last)."),
    C("Country", K.TEXT, 8, "Destination country, ISO 3166-1 alpha-2 code."),
    C("Places", K.WRAP, 16, "The destinations as the articles write them."),
    C("Date from", K.DATE, 11, "First day of the narrowest range the reports allow."),
    C("Date to", K.DATE, 11, "Last day of that range."),
    C("Date phrase", K.TEXT, 18, "The reports' words for that range."),
    C("Verdict", K.TEXT, 19, "The incident's verdict (the bar's colour in the chart)."),
    C("Status", K.TEXT, 10, "occurred, reported, disputed, denied, planned or cancelled."),
    C("Independent", K.INT, 11, "Independent reports."),
    C("Sources", K.WRAP, 40, "Each report: publication date, outlet and article."),
    C("Incident", K.TEXT, 18, "The incident's key (see Incidents)."),
    C("Note", K.WRAP, 30, "Undated, ambiguous or no country."),
    C(CHART_COLUMNS_FROM, K.TEXT, 14, "Hidden: the bar's label in the timeline chart."),
    C("Chart start", K.DATE, 11, "Hidden: where the bar starts."),
    *(
        C(
            f"Chart {v.value}",
            K.SCORE,
            9,
            f"Hidden: the bar's length in days when the verdict is {v.value} (bars shorter than "
            "1/80 of the chart's time span are drawn at that length, so they show).",
        )
        for v in VERDICT_ORDER
    ),
)

EVENT_COLUMNS: tuple[Column, ...] = (
    C("Article", K.TEXT, 24, "The article file."),
    C("Person ID", K.TEXT, 9, "The traveller's identifier within the article (blank: unresolved)."),
    C("Person", K.TEXT, 22, "The traveller as named in the evidence."),
    C("Candidates", K.TEXT, 24, "List references the person's name was matched to, with scores."),
    C("Findings", K.INT, 9, "Number of findings made from this event."),
    C("Kind", K.TEXT, 10, "visit, meeting, presence, arrival, departure, flight, ..."),
    C("Trigger", K.TEXT, 11, "The word that signalled travel."),
    C("Status", K.TEXT, 10, "occurred, planned, cancelled, denied or reported."),
    C("Status source", K.TEXT, 16, "Who the article attributes the report to."),
    C("Origin", K.TEXT, 14, "Where the trip started, as written."),
    C("Origin country", K.TEXT, 8, "ISO alpha-2 code of the origin."),
    C("Destination", K.TEXT, 16, "Where the person went, as written."),
    C("Country", K.TEXT, 8, "ISO alpha-2 code of the destination."),
    C("Place kind", K.TEXT, 9, "country, city, region or town."),
    C("Country decided by", K.TEXT, 18, "How the country was worked out (gazetteer, context ...)."),
    C("Date phrase", K.TEXT, 18, "The date as the article phrased it."),
    C("Date from", K.DATE, 11, "First possible day."),
    C("Date to", K.DATE, 11, "Last possible day."),
    C("Precision", K.TEXT, 9, "day, week, month, season, year, range, open or unknown."),
    C("Relative", K.TEXT, 8, "yes when resolved against the publication date."),
    C("Exemption", K.WRAP, 30, "Text mentioning an exemption, waiver or permission."),
    C("Evidence", K.WRAP, 70, "The sentence(s) the event was read from."),
    C("Sentence", K.INT, 8, "Index of the sentence within the article."),
)

MATCH_COLUMNS: tuple[Column, ...] = (
    C("Article", K.TEXT, 24, "The article file."),
    C("Person ID", K.TEXT, 9, "The person's identifier within the article."),
    C("Name in article", K.TEXT, 22, "The name that was screened."),
    C("Reference", K.LINK, 11, "The candidate entry; the link opens it in Entries."),
    C("Listed name", K.TEXT, 24, "The entry's primary name."),
    C("Matched name", K.TEXT, 24, "The list name or alias that scored best."),
    C("Alias quality", K.TEXT, 8, "good, low, a.k.a., f.k.a. (blank: primary name)."),
    C("Score", K.SCORE, 7, "Name match score, 0 to 1."),
    C("Threshold", K.SCORE, 9, "The alert threshold the score was held against."),
    C("Band", K.TEXT, 12, "alert (at or above the threshold) or review (in the review band)."),
    C("Scorer", K.TEXT, 14, "Which scorer produced the score."),
    C("List type", K.TEXT, 10, "UN_LIST_TYPE of the entry."),
    C("Explanation", K.WRAP, 70, "Which name parts matched, how, and what moved the score."),
)

ENTRY_COLUMNS: tuple[Column, ...] = (
    C("Reference", K.TEXT, 11, "UN list reference number."),
    C("Name", K.TEXT, 26, "Primary name: the name parts joined."),
    C("Original script", K.TEXT, 18, "The name in its original script."),
    C("Kind", K.TEXT, 10, "individual or entity."),
    C("List type", K.TEXT, 10, "UN_LIST_TYPE as written."),
    C("Regime", K.TEXT, 7, "Two-letter reference prefix."),
    C("Aliases", K.WRAP, 36, "Each alias with its UN quality, one per line."),
    C("Titles", K.WRAP, 18, "Titles as listed."),
    C("Designations", K.WRAP, 30, "Designations as listed."),
    C("Nationalities", K.WRAP, 16, "Nationalities as listed."),
    C("Dates of birth", K.WRAP, 16, "Date-of-birth statements."),
    C("Places of birth", K.WRAP, 16, "Places of birth."),
    C("Documents", K.WRAP, 24, "Passports and identity documents."),
    C("Addresses", K.WRAP, 20, "Addresses as listed."),
    C("Listed on", K.DATE, 11, "LISTED_ON date."),
    C("Last updated", K.WRAP, 12, "LAST_DAY_UPDATED dates."),
    C("Comments", K.WRAP, 50, "COMMENTS1, including the legal basis when stated."),
    C("Gender", K.TEXT, 8, "As listed."),
    C("Interpol link", K.TEXT, 20, "Link to the INTERPOL-UN notice, when listed."),
)

ARTICLE_COLUMNS: tuple[Column, ...] = (
    C("Source", K.TEXT, 30, "The article file as given (or <stdin>)."),
    C("Title", K.WRAP, 30, "Title when known."),
    C("Published", K.DATE, 11, "Publication date, the reference for relative dates."),
    C("Published source", K.TEXT, 15, "Where the date came from: given, html-metadata, ..."),
    C("Published evidence", K.WRAP, 24, "The text the publication date was read from."),
    C("Status", K.TEXT, 9, "processed or failed."),
    C("Error", K.WRAP, 40, "Why the article could not be read."),
    C("People", K.INT, 7, "People found."),
    C("Events", K.INT, 7, "Travel events found."),
    C("Findings", K.INT, 8, "Findings made."),
    C("Notes", K.WRAP, 30, "Remarks of the extraction."),
    C("SHA-256", K.TEXT, 18, "Hash of the article's bytes."),
    C("Encoding", K.TEXT, 9, "Text encoding the article was read with."),
    C(
        "Outlet",
        K.TEXT,
        16,
        "Who published it: the web address's host, else the agency a dateline names "
        "(blank: unknown). Articles of one outlet count as one independent report.",
    ),
)

SUMMARY_COLUMNS: tuple[Column, ...] = (
    C("Section", K.TEXT, 24, "Group of facts."),
    C("Item", K.TEXT, 36, "The fact."),
    C("Value", K.ANY, 90, "Its value."),
)

METHOD_COLUMNS: tuple[Column, ...] = (
    C("Topic", K.TEXT, 18, "What is described."),
    C("Term", K.TEXT, 28, "The term, value or column."),
    C("Meaning", K.WRAP, 100, "What it means."),
)

COLUMNS: dict[str, tuple[Column, ...]] = {
    SUMMARY: SUMMARY_COLUMNS,
    FINDINGS: FINDING_COLUMNS,
    PREVIOUS: FINDING_COLUMNS,
    INCIDENTS: INCIDENT_COLUMNS,
    ITINERARY: ITINERARY_COLUMNS,
    EVENTS: EVENT_COLUMNS,
    MATCHES: MATCH_COLUMNS,
    ENTRIES: ENTRY_COLUMNS,
    ARTICLES: ARTICLE_COLUMNS,
    METHOD: METHOD_COLUMNS,
}
