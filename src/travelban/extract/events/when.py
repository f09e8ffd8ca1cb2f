"""The time pass: which date phrase belongs to a travel word, and date arithmetic for
plans, stays and merged reports."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from travelban.extract.events.base import PassBase
from travelban.extract.events.syntax import _governing_verb, _held
from travelban.models import DateRange, Precision

if TYPE_CHECKING:
    from travelban.extract.events.context import _Context


def _looks_ahead(tok: Any) -> bool:
    """False for a plan told in the past perfect ("had planned to visit in November", a
    plan of the past); True otherwise ("intends", "will", "said he intended")."""
    for node in [tok, *tok.ancestors]:
        if any(ch.dep_ == "aux" and ch.lower_ in {"had", "'d"} for ch in node.children):
            return node.tag_ != "VBN" or node.lemma_.lower() in {"call", "cancel", "postpone"}
        if node.dep_ == "ROOT":
            break
    return True


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


def _ahead(when: DateRange, published: date | None) -> DateRange:
    """A plan's month named alone is the next such month ("will travel in November"), and
    its weekday the next such day ("will attend the parade on Wednesday", "will visit
    China from Wednesday to Saturday")."""
    if (
        published is not None
        and when.relative
        and when.precision in {Precision.DAY, Precision.RANGE}
        and when.start is not None
        and when.end is not None
        and when.end < published - timedelta(days=1)  # yesterday's may be written late
        and any(d in when.phrase.lower() for d in _WEEKDAYS)
        and "last" not in when.phrase.lower()
    ):
        return replace(when, start=when.start + timedelta(days=7), end=when.end + timedelta(days=7))
    if (
        published is not None
        and when.precision in {Precision.DAY, Precision.RANGE}
        and when.start is not None
        and when.end is not None
        and when.end < published - timedelta(days=1)
        and not _YEAR.search(when.phrase)
        and not any(d in when.phrase.lower() for d in _WEEKDAYS)
        and not any(w in when.phrase.lower() for w in ("last", "ago", "yesterday", "earlier"))
    ):
        # "may travel to Doha between 14 and 31 August": a plan's days named without a
        # year that the reader put in last year (being far ahead in this one) are this
        # year's; days already behind in this year stay ("a plan foiled on 11 February")
        try:
            start = when.start.replace(year=when.start.year + 1)
            end = when.end.replace(year=when.end.year + 1)
        except ValueError:
            return when
        if start.year == published.year and start > published:
            return replace(when, start=start, end=end)
        return when
    if (
        published is None
        or not when.relative
        or when.precision is not Precision.MONTH
        or when.start is None
        or when.end is None
        or when.end >= published
        or "last" in when.phrase.lower()  # "last month" is behind, whatever was planned
    ):
        return when
    try:
        start = when.start.replace(year=when.start.year + 1)
        after = when.end + timedelta(days=1)  # a December ends in the next year
        end = after.replace(year=after.year + 1) - timedelta(days=1)
    except ValueError:
        return when
    return replace(when, start=start, end=end)


# subordinators of a clause that places the trip against another event, not at its date
_TIME_MARKS = frozenset({"after", "before", "since", "until", "till", "once"})


def _noun_dated(root: Any) -> Any | None:
    """The noun a date phrase hangs off through a preposition ("a visit ... in 1978"), if any."""
    prep = root.head if root.dep_ == "pobj" else root
    if prep.dep_ == "prep" and prep.head.pos_ in {"NOUN", "PROPN"}:
        return prep.head
    return None


def _inside_argument(root: Any, tok: Any, trigger: Any) -> bool:
    """True when a date hangs inside the subject of the travel word, or inside a clause or
    apposition on one of its nouns: it dates that phrase, not the trip."""
    if tok.pos_ not in {"VERB", "AUX"}:
        return False
    node = root
    while node.i != tok.i and node.head.i != node.i:
        if node.dep_ in {"acl", "relcl"} and node.head.i != tok.i and trigger(node.head) is None:
            return True  # (a clause on a trip noun dates that trip: "his visit that ends on …")
        node = node.head
    return False


def _set_off_after(text: str, travel: Any, start: int) -> bool:
    """True for a date set off by a comma right after a travel noun's phrase ("his trip to
    Moscow, in the summer of 2015, had ..."): it dates that noun, however it is parsed."""
    if travel.pos_ not in {"NOUN", "PROPN"}:
        return False
    edge = travel.right_edge
    end = edge.idx + len(edge.text)
    gap = text[end:start].strip()  # the text once: Doc.text is rebuilt on every read
    if edge.text == ",":
        return gap == "" and edge.i > travel.i
    return gap == ","


def _dates_a_noun(root: Any, travel: Any) -> bool:
    """True when the date hangs off a noun other than the travel word ("government of 2013",
    "next month's election")."""
    if root.dep_ == "poss":  # "next month's election"
        return root.head.i != travel.i and root.head.pos_ in {"NOUN", "PROPN"}
    prep = root.head if root.dep_ == "pobj" else root
    if prep.dep_ == "prep" and prep.lower_ == "of":
        owner = prep.head
        return owner.i != travel.i and owner.pos_ in {"NOUN", "PROPN"}
    return False


def _under_time_phrase(root: Any, travel: set[int]) -> bool:
    """True when a date sits inside a "since/after/before ..." phrase of another event
    hung on the travel word or its verb ("his first trip since his release from prison in
    2021")."""
    node = root
    for _ in range(8):
        if node.i in travel or node.head.i == node.i:
            return False
        if (
            node.dep_ == "pobj"
            and node.head.lower_ in _TIME_MARKS
            and node.pos_ in {"NOUN", "PROPN"}
            and node.i != root.i
        ):
            return any(a.i in travel for a in node.ancestors)
        node = node.head
    return False


# words of a stay: a "since ..." clause on them tells when the stay began
_STAYS = frozenset({"live", "reside", "stay", "remain", "settle", "shelter", "hide", "exile"})


def _since_clause(verb: Any, travel: set[int]) -> bool:
    """True when the time clause ``verb`` sits in opens with "since" and hangs on the travel
    word or its verb."""
    hang = next((h for _, marks, h in _time_clauses(verb, travel) if "since" in marks), None)
    return hang is not None and hang.i in travel


def _open_range(rng: DateRange, end: date | None) -> DateRange:
    """A stay that began in ``rng`` and goes on until ``end``."""
    return replace(rng, phrase=f"since {rng.phrase}", end=end, precision=Precision.OPEN)


def _time_clauses(verb: Any, travel: set[int]) -> Iterator[tuple[Any, set[str], Any]]:
    """The "after/before/since ..." clauses ``verb`` heads or sits in, below the travel
    word, nearest first: (the clause, its time words, the word it hangs on)."""
    node = verb
    for _ in range(6):
        if node.i in travel or node.head.i == node.i:
            return
        marks = {c.lower_ for c in node.children if c.dep_ in {"mark", "prep"}} & _TIME_MARKS
        if node.dep_ in {"advcl", "pcomp"} and marks:
            yield node, marks, node.head
        if node.dep_ == "pcomp" and node.head.lower_ in _TIME_MARKS:
            yield node, {node.head.lower_}, node.head.head  # "since fleeing the country"
        node = node.head


def _in_time_clause(verb: Any, travel: set[int]) -> bool:
    """True when ``verb`` heads (or sits in) an "after/before/since ..." clause of the travel
    word: a date there belongs to that other event."""
    clause = next(_time_clauses(verb, travel), None)
    return clause is not None and any(a.i in travel for a in clause[0].ancestors)


def _clip(when: DateRange, published: date | None, *, past: bool) -> DateRange:
    """A relative range around the publication date cut at it: a trip told as done ends by
    then ("travelled to Vienna this week": Monday to the publication day), a plan still
    ahead starts then ("will visit this month")."""
    if (
        published is None
        or not when.relative
        or when.start is None
        or when.end is None
        or not when.start <= published <= when.end
        or when.precision is Precision.OPEN
        or (when.end if past else when.start) == published
    ):
        return when
    if past:
        return replace(when, end=published, precision=Precision.RANGE)
    return replace(when, start=published, precision=Precision.RANGE)


def _present(tok: Any, published: date | None) -> DateRange | None:
    """An undated trip told in the present tense is going on when the article appears
    ("X is in Paris", "X has been in Oslo", "X is on a visit to Oslo": the publication
    day). A completed trip ("has travelled to Doha", "flew to Doha") says nothing of when:
    no date is guessed for it, so its verdict asks for review."""
    if published is None:
        return None
    verb = tok
    if tok.pos_ in {"NOUN", "PROPN"}:
        verb = next((a for a in tok.ancestors if a.pos_ in {"VERB", "AUX"}), None)
        if verb is None:
            return None
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if any(a.tag_ == "MD" or a.lower_ in {"had", "did", "was", "were", "to"} for a in auxes):
        return None
    if any(a.lower_ in {"has", "have"} for a in auxes):
        if any(a.lower_ == "been" for a in verb.children) or verb.lemma_ == "be":
            return DateRange("at the time of the report", published, published, Precision.DAY, True)
        return None  # "has travelled to Doha" says that it happened, not when
    if verb.tag_ in {"VBZ", "VBP"} or any(a.tag_ in {"VBZ", "VBP"} for a in auxes):
        if verb.lemma_ in {"say", "tell"}:
            return None
        return DateRange("at the time of the report", published, published, Precision.DAY, True)
    return None


# ---------------------------------------------------------------- merging


def _compatible_dates(a: DateRange, b: DateRange) -> bool:
    if a.start is None or b.start is None or a.end is None or b.end is None:
        return True
    if (a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end):
        return True
    near = {Precision.DAY, Precision.RANGE, Precision.WEEK}
    if a.precision in near and b.precision in near:
        gap = max(a.start, b.start) - min(a.end, b.end)
        return gap.days <= 7
    return False


def _edge(kind: str) -> str:
    """Which end of a stay an event kind dates: "start" (arrival), "end" (departure) or ""."""
    return {"arrival": "start", "departure": "end"}.get(kind, "")


def _combine_dates(a: DateRange, b: DateRange, a_edge: str = "", b_edge: str = "") -> DateRange:
    """The dates of one trip told twice: the narrower range, or a stay cut by its arrival.

    An arrival day inside a wider stay ("spent several days there this week ... arrived on
    Tuesday") starts the stay rather than replacing it; a departure day ends it.
    """
    if not b.resolved:
        return a
    if not a.resolved:
        return b
    assert a.start is not None and a.end is not None and b.start is not None and b.end is not None
    for wide, day, edge in ((a, b, b_edge), (b, a, a_edge)):
        assert wide.start is not None and wide.end is not None and day.start is not None
        one_day = day.start == day.end and day.precision is Precision.DAY
        inside = wide.start <= day.start and day.end is not None and day.end <= wide.end
        short = 0 < (wide.end - wide.start).days <= 14  # a week's stay, not "in 2019"
        if edge and one_day and inside and short:
            start, end = (day.start, wide.end) if edge == "start" else (wide.start, day.start)
            return DateRange(
                phrase=f"{wide.phrase}; {day.phrase}",
                start=start,
                end=end,
                precision=Precision.RANGE,
                relative=a.relative or b.relative,
            )
    for wide, other in ((a, b), (b, a)):
        assert wide.start is not None and wide.end is not None
        assert other.start is not None and other.end is not None
        if wide.precision is Precision.OPEN and wide.start <= other.start <= other.end <= wide.end:
            return wide  # "living in Kigali since fleeing in 2013": the stay, not the flight
    if a.start <= b.start and b.end <= a.end:
        return b
    if b.start <= a.start and a.end <= b.end:
        return a
    return DateRange(
        phrase=f"{a.phrase}; {b.phrase}",
        start=min(a.start, b.start),
        end=max(a.end, b.end),
        precision=Precision.RANGE,
        relative=a.relative or b.relative,
    )


def _overlap(a: DateRange, b: DateRange) -> bool:
    if a.start is None or b.start is None:
        return False
    a_end, b_end = a.end or date.max, b.end or date.max
    return a.start <= b_end and b.start <= a_end


class When(PassBase):
    """The when pass of :class:`EventFinder` (its methods run on the finder)."""

    # ------------------------------------------------------------ when

    def _date(self, tok: Any, ctx: _Context) -> DateRange:
        sent = tok.sent
        gov = tok
        if tok.pos_ in {"NOUN", "PROPN"}:
            g = tok.head
            for _ in range(3):
                if g.pos_ in {"VERB", "AUX"}:
                    gov = g
                    break
                g = g.head
        # "The meeting between A and B is expected to take place on Friday": the date of
        # the clause that holds the event the noun is the subject of
        mine = {tok.i, gov.i}
        if tok.pos_ == "ADJ" and tok.dep_ == "acomp":
            mine.add(tok.head.i)  # "is due in Ankara next week": the copula's dates
        if tok.pos_ in {"NOUN", "PROPN"} and tok.dep_ in {"nsubj", "nsubjpass"}:
            mine |= {c.i for c in gov.children if c.dep_ == "xcomp" and _held(c)}
        best: tuple[int, int, DateRange] | None = None
        for hit in ctx.dates_in(sent.start_char, sent.end_char):
            span = ctx.doc.char_span(hit.start, hit.end, alignment_mode="expand")
            if span is None:
                continue
            rng = hit.range
            root = span.root
            anchor = _governing_verb(root)
            if _set_off_after(ctx.text, tok, hit.start):
                anchor = tok  # "his trip to Moscow, in the summer of 2015, ...": the trip's
            own = tok.pos_ in {"NOUN", "PROPN"} and root.i in {t.i for t in tok.subtree}
            if (
                anchor is not None
                and anchor.lemma_.lower() in self.reporting
                and anchor.i != tok.i
                and not own  # "announced plans for visits this week": the visits' date
            ):
                continue  # "said on Wednesday": the report's date
            if anchor is not None and anchor.i not in mine:
                if (
                    tok.lemma_.lower() in _STAYS
                    and rng.start is not None
                    and _since_clause(anchor, {tok.i, gov.i})
                ):
                    # "has been living in exile in Kigali since fleeing the country in
                    # 2013": the stay runs from then to the day of the story
                    best = (0, 0, _open_range(rng, ctx.article.published or rng.end))
                    break
                other = ctx.finder._trigger(anchor)
                if other is not None and anchor.i != tok.i:
                    continue  # another event's date
                if _in_time_clause(anchor, {tok.i, gov.i}):
                    continue  # "lived there after troops drove them out in 2006": that clause's
            if (
                tok.i in {t.i for t in root.ancestors}
                or root.i in {t.i for t in tok.subtree}
                or (anchor is not None and anchor.i in mine)
            ):
                score = 0
            elif anchor is None or anchor.i in {a.i for a in tok.ancestors}:
                score = 2  # a date of the clause that governs the travel word
            else:
                continue  # a date of some other clause ("since Oman granted her refuge in 2012")
            if score == 0 and _inside_argument(root, tok, ctx.finder._trigger):
                continue  # "X, blamed for attacks in 2010, crossed ... on Sunday": the noun's
            noun = _noun_dated(root)
            if noun is not None and noun.i != tok.i and ctx.finder._trigger(noun) is not None:
                continue  # "during a visit to Libya in 1978": that other trip's date
            if _under_time_phrase(root, {tok.i, gov.i}):
                continue  # "his first trip since his release from prison in 2021": the release's
            if not rng.resolved:
                score += 1
            if "since" in {span[0].lower_, root.head.lower_} and tok.lemma_.lower() not in _STAYS:
                score += 1  # "his first trip abroad since 2021, to Tashkent, on Monday"
            if score == 0 and _dates_a_noun(root, tok):
                score += 1  # "the Seleka government of 2013": that noun's date, not the trip's
            dist = abs(hit.start - tok.idx)
            if best is None or (score, dist) < (best[0], best[1]):
                best = (score, dist, rng)
        if best is not None and (best[0] < 2 or not ctx.is_caption(ctx.sent_of(tok))):
            return best[2]
        cap = ctx.caption_date(ctx.sent_of(tok))
        if cap is not None:
            return cap
        return best[2] if best else DateRange(phrase="")
