"""Feeds, web archives and PDFs as inputs, and the one-file CSV and JSONL outputs.

Every fixture is built in its real format here: RSS 2.0 and Atom XML, WARC records written
with warcio, PDFs written with pypdf. The article sentences are our own.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from travelban.cli import cli
from travelban.ingest import read_articles
from travelban.models import DateSource

PARAS = (
    "The deputy minister arrived in the capital on Tuesday for two days of talks about "
    "grain shipments, a customs agreement and the reopening of a consulate that closed "
    "three years ago.",
    "Officials from both sides met at a hotel near the airport, according to two people "
    "who attended, and agreed to meet again before the end of the year.",
    "The visit had not been announced in advance. A spokeswoman for the ministry said the "
    "schedule was kept private for security reasons and declined to name the delegation.",
)


def page_html(title: str, published: str | None = None) -> str:
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    body = "".join(f"<p>{p}</p>" for p in PARAS)
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>{meta}</head><body>"
        '<nav class="menu"><a href="/">Home</a> <a href="/world">World</a></nav>'
        f"<article><h1>{title}</h1>{body}</article>"
        "<footer>All rights reserved</footer></body></html>"
    )


RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Wire</title><link>https://news.example.org/</link>
<item><title>Deputy minister visits the capital</title>
<link>https://news.example.org/a/1</link>
<pubDate>Wed, 02 Jun 2021 10:00:00 GMT</pubDate>
<description>&lt;p&gt;{PARAS[0]}&lt;/p&gt;&lt;p&gt;{PARAS[1]}&lt;/p&gt;</description></item>
<item><title>Talks on grain shipments</title><link>https://news.example.org/a/2</link>
<description>{PARAS[2]}</description></item>
</channel></rss>
"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title><id>urn:desk</id>
<updated>2022-03-04T12:00:00Z</updated>
<entry><title>Envoy in Minsk</title><id>urn:desk:1</id>
<link href="https://desk.example.net/envoy"/>
<published>2022-03-03T09:00:00Z</published><updated>2022-03-04T12:00:00Z</updated>
<author><name>A. Writer</name></author>
<content type="html">&lt;p&gt;{PARAS[1]}&lt;/p&gt;</content></entry>
</feed>
"""


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------- feeds


def test_rss_entries_become_articles_with_link_title_and_date(tmp_path: Path) -> None:
    feed = write(tmp_path / "wire.rss", RSS)
    articles, failures = read_articles([str(feed)])
    assert failures == ()
    first, second = articles
    assert first.source == f"{feed}#1" and first.url == "https://news.example.org/a/1"
    assert first.title == "Deputy minister visits the capital"
    assert first.text.startswith("Deputy minister visits the capital\n\nThe deputy minister")
    assert "<p>" not in first.text and PARAS[1] in first.text
    assert first.published == date(2021, 6, 2)
    assert first.published_source is DateSource.FEED
    assert "Wed, 02 Jun 2021" in first.published_evidence
    # no date in the entry and none in its text: unknown, never today
    assert second.published is None and second.published_source is DateSource.UNKNOWN
    assert first.sha256 != second.sha256


def test_atom_prefers_published_over_updated_and_a_folder_of_feeds(tmp_path: Path) -> None:
    write(tmp_path / "feeds" / "desk.atom", ATOM)
    write(tmp_path / "feeds" / "wire.xml", RSS)
    articles, failures = read_articles([str(tmp_path / "feeds")])
    assert failures == () and len(articles) == 3
    envoy = articles[0]
    assert envoy.published == date(2022, 3, 3) and envoy.author == "A. Writer"
    assert envoy.url == "https://desk.example.net/envoy"


def test_given_date_beats_the_feed_date(tmp_path: Path) -> None:
    feed = write(tmp_path / "wire.rss", RSS)
    articles, _ = read_articles([str(feed)], published=date(2021, 7, 1))
    assert {a.published_source for a in articles} == {DateSource.GIVEN}


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("broken.rss", "this is plain prose, not a feed", "not an RSS or Atom feed"),
        (
            "laughs.xml",
            '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "xx"><!ENTITY b "&a;&a;&a;">]>'
            "<rss><channel><item><title>&b;</title></item></channel></rss>",
            "declares XML entities",
        ),
        (
            "xxe.rss",
            '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
            "<rss><channel><item><title>&x;</title></item></channel></rss>",
            "declares XML entities",
        ),
    ],
)
def test_bad_feeds_get_one_line_and_the_rest_is_read(
    tmp_path: Path, name: str, data: str, reason: str
) -> None:
    bad = write(tmp_path / name, data)
    good = write(tmp_path / "ok.txt", "\n\n".join(PARAS))
    articles, failures = read_articles([str(bad), str(good)])
    assert [a.source for a in articles] == [str(good)]
    (failure,) = failures
    assert failure.source == str(bad) and reason in failure.error
    assert "\n" not in failure.error


# ---------------------------------------------------------------- web archives


def make_warc(path: Path, *, gz: bool) -> Path:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        pages = [
            ("https://a.example.org/2019/visit", page_html("Visit to the capital", "2019-05-04")),
            (
                "https://a.example.org/menu",
                '<html><body><nav class="menu">Home</nav></body></html>',
            ),
            ("https://a.example.org/undated", page_html("Second round of talks")),
        ]
        for i, (url, html) in enumerate(pages):
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(html.encode()),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": f"2019-05-0{6 + i}T08:00:00Z"},
            )
            writer.write_record(record)
            if i == 0:  # a non-HTML record in between is skipped
                img = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], "HTTP/1.1")
                writer.write_record(
                    writer.create_warc_record(
                        "https://a.example.org/x.png",
                        "response",
                        payload=io.BytesIO(b"\x89PNG...."),
                        http_headers=img,
                    )
                )
    return path


@pytest.mark.parametrize("gz", [False, True])
def test_warc_html_responses_become_articles(tmp_path: Path, gz: bool) -> None:
    warc = make_warc(tmp_path / ("crawl.warc.gz" if gz else "crawl.warc"), gz=gz)
    articles, failures = read_articles([str(warc)])
    visit, undated = articles
    assert visit.url == "https://a.example.org/2019/visit" and visit.source == f"{warc}#1"
    assert visit.published == date(2019, 5, 4) and visit.published_source is DateSource.HTML_META
    assert "Home" not in visit.text and "All rights reserved" not in visit.text
    assert PARAS[2] in visit.text
    # no date in the page: the crawl date, labelled as such
    assert undated.published == date(2019, 5, 8)
    assert undated.published_source is DateSource.CRAWL
    assert "WARC-Date 2019-05-08" in undated.published_evidence
    (menu,) = failures
    assert menu.source == f"{warc}#3" and "no readable text" in menu.error
    assert "https://a.example.org/menu" in menu.error


def test_truncated_warc_keeps_the_records_before_the_break(tmp_path: Path) -> None:
    whole = make_warc(tmp_path / "whole.warc.gz", gz=True).read_bytes()
    # cut inside the last record
    cut = write(tmp_path / "cut.warc.gz", whole[: len(whole) - 200])
    articles, failures = read_articles([str(cut)])
    assert [a.url for a in articles] == ["https://a.example.org/2019/visit"]
    assert failures[-1].source == str(cut)
    assert "the archive is cut short inside record 4" in failures[-1].error
    assert "records before the break were read" in failures[-1].error


# ---------------------------------------------------------------- PDF


def make_pdf(pages: list[list[str]], *, password: str = "", created: str = "") -> bytes:
    w = PdfWriter()
    font = w._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
    )
    for lines in pages:
        page = w.add_blank_page(612, 792)
        if not lines:
            continue  # an image-only page: no text layer
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
        ops = ["BT", "/F1 10 Tf", "40 740 Td", "13 TL"]
        for line in lines:
            esc = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"({esc}) Tj T*")
        ops.append("ET")
        stream = DecodedStreamObject()
        stream.set_data("\n".join(ops).encode("latin-1"))
        page[NameObject("/Contents")] = w._add_object(stream)
    if created:
        w.add_metadata({"/CreationDate": created, "/Title": "Panel report"})
    if password:
        w.encrypt(password)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def test_pdf_pages_are_kept_for_evidence(tmp_path: Path) -> None:
    pdf = write(
        tmp_path / "panel.pdf",
        make_pdf(
            [["Report of the panel", "The panel met twice."], [PARAS[0][:80], PARAS[0][80:]]],
            created="D:20200115093000Z",
        ),
    )
    (article,), failures = read_articles([str(pdf)])
    assert failures == ()
    assert article.title == "Panel report" and len(article.page_starts) == 2
    assert article.published == date(2020, 1, 15)
    assert article.published_source is DateSource.PDF_META
    assert article.page_of("The panel met twice.") == 1
    assert article.page_of(" ".join(PARAS[0].split()[:14])) == 2


def test_protected_and_scanned_pdfs_get_a_clear_line(tmp_path: Path) -> None:
    locked = write(tmp_path / "locked.pdf", make_pdf([[PARAS[0]]], password="s3cret"))
    scan = write(tmp_path / "scan.pdf", make_pdf([[], []]))
    good = write(tmp_path / "ok.txt", "\n\n".join(PARAS))
    articles, failures = read_articles([str(locked), str(scan), str(good)])
    assert [a.source for a in articles] == [str(good)]
    reasons = {Path(f.source).name: f.error for f in failures}
    assert "protected by a password" in reasons["locked.pdf"]
    assert "no text layer" in reasons["scan.pdf"] and "OCR" in reasons["scan.pdf"]


# ---------------------------------------------------------------- outputs (CLI)

LISTED = [
    "Qasem Soleimani, the commander of the Quds Force of Iran's Revolutionary Guards,",
    "travelled to Moscow on 24 July 2015 for meetings with Russian officials, two",
    "officials in the region told reporters.",
]


@pytest.mark.slow
def test_pdf_evidence_cites_its_page_and_csv_file_and_jsonl(tmp_path: Path) -> None:
    pdf = write(tmp_path / "report.pdf", make_pdf([["Annex one", PARAS[1]], LISTED]))
    runner = CliRunner()
    out = tmp_path / "findings.csv"
    res = runner.invoke(
        cli,
        ["screen", str(pdf), "--published", "2015-08-01", "--format", "csv", "-o", str(out)],
        catch_exceptions=False,
    )
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["findings.csv", "report.pdf"]
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert rows, "the listed person's trip is a finding"
    evidence = next(v for k, v in rows[0].items() if k.lower().startswith("evidence"))
    assert evidence.startswith("p. 2: ")

    res = runner.invoke(
        cli,
        ["screen", str(pdf), "--published", "2015-08-01", "--format", "jsonl"],
        catch_exceptions=False,
    )
    assert res.exit_code == 0
    lines = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(lines) == len(rows) and lines[0]["evidence"].startswith("p. 2: ")
    assert {"verdict", "reference", "article"} <= set(lines[0])

    folder = tmp_path / "all"
    res = runner.invoke(
        cli,
        ["screen", str(pdf), "--published", "2015-08-01", "--format", "csv", "-o", str(folder)],
        catch_exceptions=False,
    )
    assert res.exit_code == 0 and len(list(folder.iterdir())) > 1


@pytest.mark.parametrize("cut", [600, 1200])
def test_warc_broken_between_records_is_reported(tmp_path: Path, cut: int) -> None:
    whole = make_warc(tmp_path / "whole.warc.gz", gz=True).read_bytes()
    broken = write(tmp_path / "broken.warc.gz", whole[: len(whole) - cut])
    articles, failures = read_articles([str(broken)])
    assert [a.url for a in articles] == ["https://a.example.org/2019/visit"]
    assert "the archive breaks after record" in failures[-1].error
    assert "bug" not in failures[-1].error


def test_gzip_that_is_not_a_warc_says_so(tmp_path: Path) -> None:
    gz = write(tmp_path / "notes.txt", gzip.compress(b"hello"))
    _, (failure,) = read_articles([str(gz)])
    assert "gzip-compressed" in failure.error and ".warc.gz" in failure.error


def test_parse_bytes_refuses_a_whole_feed_as_one_article() -> None:
    from travelban.errors import ArticleError
    from travelban.ingest import parse_bytes

    with pytest.raises(ArticleError, match="holds several articles"):
        parse_bytes("inbox/wire.rss", RSS.encode())
