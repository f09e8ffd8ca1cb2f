"""Text PDFs (pypdf), page by page, so that evidence can cite its page.

A scanned PDF (no text layer) and an encrypted one are refused with the reason; pypdf
never runs the document's scripts and fetches nothing.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError, PdfReadError

log = logging.getLogger(__name__)
# pypdf warns about every repaired cross-reference; a damaged file is reported once, below
logging.getLogger("pypdf").setLevel(logging.ERROR)

# fewer letters than this over the whole document: no text layer (a scan)
_MIN_LETTERS = 40


class PdfRefused(ValueError):
    """The PDF cannot be read as text: encrypted, no text layer, or damaged."""

    def __init__(self, problem: str, fix: str) -> None:
        super().__init__(problem)
        self.problem = problem
        self.fix = fix


@dataclass(frozen=True, slots=True)
class PdfText:
    pages: tuple[str, ...]  # the text of each page, page 1 first
    title: str
    author: str
    created: date | None
    created_raw: str


def _pdf_date(raw: str) -> date | None:
    m = re.match(r"(?:D:)?(\d{4})(\d{2})(\d{2})", raw.strip())
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def read_pdf(data: bytes) -> PdfText:
    """The text of every page and the document's metadata; PdfRefused with the reason."""
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            # many PDFs are "encrypted" with an empty user password; pypdf raises several
            # types for schemes it cannot open, and FileNotDecryptedError follows below
            with contextlib.suppress(Exception):
                reader.decrypt("")
        pages = tuple(page.extract_text() or "" for page in reader.pages)
        meta: Mapping[str, Any] = reader.metadata or {}
    except FileNotDecryptedError:
        raise PdfRefused(
            "the PDF is protected by a password", "save an unprotected copy or its text"
        ) from None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise PdfRefused(
            f"the PDF cannot be read ({type(exc).__name__}: {exc})",
            "save it again from the original program, or give its text",
        ) from None
    letters = sum(ch.isalpha() for p in pages for ch in p)
    if letters < _MIN_LETTERS:
        raise PdfRefused(
            f"the PDF has no text layer ({len(pages)} page(s) of images, e.g. a scan)",
            "run OCR on it first (e.g. ocrmypdf) or give the article as text",
        )
    raw = str(meta.get("/CreationDate") or "")
    return PdfText(
        pages=pages,
        title=" ".join(str(meta.get("/Title") or "").split()),
        author=" ".join(str(meta.get("/Author") or "").split()),
        created=_pdf_date(raw),
        created_raw=raw,
    )
