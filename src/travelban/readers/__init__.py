"""Readers of the formats analysts receive news in, each built on a library made for it.

``html``: web pages (trafilatura, htmldate); ``feeds``: RSS and Atom (feedparser);
``warc``: web archives (warcio, streamed); ``pdf``: text PDFs (pypdf). ``travelban.ingest``
chooses the reader and turns what it returns into ``Article`` records.
"""
