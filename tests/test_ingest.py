"""Reading articles: formats, encodings, publication dates and bad input."""

from __future__ import annotations

import io
import logging
import os
import tracemalloc
from datetime import date
from pathlib import Path

import pytest

from conftest import remove_deep
from travelban.errors import ArticleError
from travelban.ingest import (
    DEFAULT_MAX_BYTES,
    expand_paths,
    parse_bytes,
    read_article,
    read_articles,
    read_file_bytes,
    walk_folder,
)
from travelban.models import DateSource

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_dcf7398d4c868163.txt"

STORY = (
    "Sanctioned general seen in Moscow\n"
    "\n"
    "MOSCOW (Wire) - A senior Iranian commander under a United Nations travel ban flew to the\n"
    "Russian capital last week for talks with defence officials, two people briefed on the\n"
    "visit said on Wednesday.\n"
    "\n"
    "The trip was the second this year, they said, and followed a visit in July.\n"
)

HTML_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Commander visits Moscow | The Daily Wire</title>
  <meta property="og:title" content="Commander visits Moscow">
  <meta property="article:published_time" content="2015-12-16T09:30:00+03:00">
  <style>body { font-family: serif; }</style>
  <script>window.tracking = "<p>not text</p>";</script>
</head>
<body>
  <header class="site-header"><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
  <div class="cookie-banner">We use cookies to improve this site.</div>
  <article>
    <header><h1>Commander visits Moscow</h1></header>
    <p>A senior Iranian commander under a United Nations travel ban flew to
       Moscow last week, officials said &mdash; the second such trip this year.</p>
    <figure><img src="x.jpg"><figcaption>The commander in a photo taken
       March 8, 2015.</figcaption></figure>
    <p>He met defence officials during a three-day stay &amp; left on Sunday.</p>
    <p>Two people who were told about the talks said the agenda covered air defence
       systems, spare parts for ageing aircraft and the payment terms of an older contract.
       Neither side published a statement once the meetings were over.</p>
    <p>The Security Council's measures oblige every state to keep such people from entering
       or passing through its territory, unless a committee grants an exemption beforehand.
       No request of that kind had been recorded, a diplomat at the United Nations said.</p>
    <p>A spokesman for the ministry in Moscow declined to comment when reached by telephone
       on Monday evening, and the embassy in Tehran did not answer written questions.</p>
    <div class="share-buttons">Share on social media</div>
    <aside>Related: other stories you may like</aside>
  </article>
  <footer>Copyright The Daily Wire</footer>
</body>
</html>
"""


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data)
    return p


# ---------------------------------------------------------------- the seed article


@pytest.mark.skipif(not SEED.exists(), reason="shared seed article not present")
def test_seed_article_has_no_date_of_its_own_and_ignores_the_caption() -> None:
    art = read_article(SEED)
    assert art.title == "Iranian commander Soleimani meets Putin in Moscow"
    assert art.published is None  # "Picture taken March 8, 2015" is a caption, not a stamp
    assert art.published_source is DateSource.UNKNOWN
    assert "\r" not in art.text and art.text.startswith("World News")


@pytest.mark.skipif(not SEED.exists(), reason="shared seed article not present")
def test_seed_article_with_given_date() -> None:
    art = read_article(SEED, published=date(2015, 12, 16))
    assert art.published == date(2015, 12, 16)
    assert art.published_source is DateSource.GIVEN
    assert "--published" in art.published_evidence
    assert len(art.sha256) == 64


def test_caption_date_near_the_top_is_not_a_publication_date() -> None:
    text = (
        "Commander at the front\n"
        "Picture taken March 8, 2015. REUTERS/Stringer\n"
        "Photo: March 9, 2015\n"
        "The commander stood with fighters near the town.\n"
    )
    art = parse_bytes("caption.txt", text.encode())
    assert art.published is None
    assert art.published_source is DateSource.UNKNOWN


# ---------------------------------------------------------------- publication date in text


@pytest.mark.parametrize(
    ("text", "expected", "source"),
    [
        (
            "WASHINGTON, March 4, 2019 (Agency) — Officials said the envoy had left.",
            date(2019, 3, 4),
            DateSource.DATELINE,
        ),
        (
            "March 4, 2019 (Agency) — Officials said the envoy had left.",
            date(2019, 3, 4),
            DateSource.DATELINE,
        ),
        (  # no agency in brackets: the dateline still dates the story
            "Envoy leaves\n\nLOME, Oct 1, 2025 - Officials said the envoy had left on Monday.",
            date(2025, 10, 1),
            DateSource.DATELINE,
        ),
        (  # a lede that later speaks of photographs does not make its dateline a caption
            "Envoy seen abroad\n\nSEOUL, March 3, 2025 - Ivan Petrov was photographed at a "
            "station in Vladivostok last week, according to images a news agency published.\n",
            date(2025, 3, 3),
            DateSource.DATELINE,
        ),
        (
            "Envoy leaves the capital\nUpdated: 14 Feb 2024, 10:05 GMT\n\nThe envoy left.",
            date(2024, 2, 14),
            DateSource.STAMP,
        ),
        (
            "Envoy leaves the capital for talks\nJune 2, 2021 6:40 pm\n\nThe envoy left on Monday.",
            date(2021, 6, 2),
            DateSource.STAMP,
        ),
        (
            "Envoy leaves the capital for talks\nBy Jane Roe | 3 May 2022\n\nThe envoy left.",
            date(2022, 5, 3),
            DateSource.STAMP,
        ),
        (
            "Envoy leaves\nUpdated: 9 Feb 2024 11:00\nPublished: 7 Feb 2024 08:00\n\nText.",
            date(2024, 2, 7),
            DateSource.STAMP,
        ),
    ],
)
def test_publication_date_from_text(text: str, expected: date, source: DateSource) -> None:
    art = parse_bytes("story.txt", text.encode())
    assert art.published == expected
    assert art.published_source is source
    assert art.published_evidence and art.published_evidence in art.text


def test_a_date_inside_a_sentence_is_not_a_dateline() -> None:
    text = "Putin met him on March 4, 2015 - the talks ran late.\nMore text follows here."
    art = parse_bytes("story.txt", text.encode())
    assert art.published is None


def test_given_date_beats_metadata() -> None:
    art = parse_bytes("page.html", HTML_PAGE.encode(), published=date(2016, 1, 2))
    assert art.published == date(2016, 1, 2)
    assert art.published_source is DateSource.GIVEN


def test_no_date_is_unknown_never_today() -> None:
    art = parse_bytes("nodate.txt", b"The minister travelled abroad on Tuesday for talks.")
    assert art.published is None
    assert art.published_source is DateSource.UNKNOWN
    assert art.published_evidence == ""


# ---------------------------------------------------------------- HTML


def test_html_main_text_title_and_metadata_date() -> None:
    art = parse_bytes("page.html", HTML_PAGE.encode())
    assert art.title == "Commander visits Moscow"
    assert art.text.startswith("Commander visits Moscow\n\n")
    assert "flew to Moscow last week, officials said — the second" in art.text
    assert "three-day stay & left on Sunday" in art.text
    for furniture in ("Home", "cookies", "Share on", "Related:", "Copyright", "tracking", "serif"):
        assert furniture not in art.text
    assert art.published == date(2015, 12, 16)
    assert art.published_source is DateSource.HTML_META
    assert "article:published_time" in art.published_evidence


def test_html_time_element_and_json_ld() -> None:
    page = (
        "<html><body><article><h1>Envoy in Doha</h1>"
        '<time datetime="2021-06-02T18:40:00Z">June 2</time>'
        "<p>The envoy arrived in Doha for talks.</p></article></body></html>"
    )
    art = parse_bytes("t.html", page.encode())
    assert art.published == date(2021, 6, 2)
    assert art.published_source is DateSource.HTML_META
    assert "<time" in art.published_evidence

    ld = (
        '<html><head><script type="application/ld+json">'
        '{"@type": "NewsArticle", "datePublished": "2020-11-30T08:00:00Z"}</script></head>'
        "<body><p>The envoy arrived in Doha for talks.</p></body></html>"
    )
    art = parse_bytes("ld.htm", ld.encode())
    assert art.published == date(2020, 11, 30)
    assert "JSON-LD" in art.published_evidence


def test_html_detected_by_content_without_suffix() -> None:
    art = parse_bytes("<stdin>", b"<html><body><p>The envoy arrived in Doha.</p></body></html>")
    assert art.text == "The envoy arrived in Doha."


def test_html_without_text_is_an_error() -> None:
    page = b"<html><head><script>var a = 1;</script></head><body><nav>Home</nav></body></html>"
    with pytest.raises(ArticleError, match=r"empty\.html: HTML page has no readable text"):
        parse_bytes("empty.html", page)


def test_an_empty_page_is_one_error_without_the_html_library_s_own_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING), pytest.raises(ArticleError, match="no readable text"):
        parse_bytes("empty.html", b"<html><body></body></html>")
    assert [r.name for r in caplog.records if r.name.startswith("trafilatura")] == []


def test_markdown_title_and_markup_stripped() -> None:
    md = (
        "# Minister visits Kabul\n\n"
        "The **minister** arrived in [Kabul](https://example.org/kabul) on Monday.\n\n"
        "![a picture](pic.png)\n"
    )
    art = parse_bytes("story.md", md.encode())
    assert art.title == "Minister visits Kabul"
    assert "The minister arrived in Kabul on Monday." in art.text
    assert "](" not in art.text and "**" not in art.text


# ---------------------------------------------------------------- encodings and line endings


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        (STORY.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + STORY.encode("utf-8"), "utf-8-sig"),
        (STORY.encode("utf-16"), "utf-16"),  # with BOM, native order
        (b"\xfe\xff" + STORY.encode("utf-16-be"), "utf-16"),
        (b"\xff\xfe" + STORY.encode("utf-16-le"), "utf-16"),
        (STORY.encode("utf-16-le"), "utf-16-le"),  # no BOM: found from the NUL pattern
        (STORY.encode("utf-32"), "utf-32"),
    ],
)
def test_unicode_encodings(encoded: bytes, encoding: str) -> None:
    art = parse_bytes("story.txt", encoded)
    assert art.encoding == encoding
    assert art.text == STORY.strip("\n")
    assert art.title == "Sanctioned general seen in Moscow"


def test_cp1252_and_latin1() -> None:
    text = "Minister \u201cvisited\u201d Bogot\u00e1 \u2014 and Ya\u00f9nde \u20ac5."
    art = parse_bytes("cp.txt", text.encode("cp1252"))
    assert art.text == text
    assert art.encoding == "cp1252"
    # 0x81 is undefined in cp1252, so this can only be latin-1
    latin = "Le ministre a visit\u00e9 Montr\u00e9al avec \u00e7a. " * 20 + "\u0081"
    art = parse_bytes("latin.txt", latin.encode("latin-1"))
    assert art.encoding == "latin-1"
    assert "Montr\u00e9al" in art.text


def test_declared_html_charset_is_used() -> None:
    page = (
        '<html><head><meta charset="windows-1251"></head>'
        "<body><p>Москва приняла гостя.</p></body></html>"
    )
    art = parse_bytes("ru.html", page.encode("cp1251"))
    assert "Москва" in art.text


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_endings_become_newlines(newline: str) -> None:
    art = parse_bytes("story.txt", STORY.replace("\n", newline).encode())
    assert "\r" not in art.text
    assert art.text == STORY.strip("\n")


# ---------------------------------------------------------------- bad input


def test_empty_file(tmp_path: Path) -> None:
    p = write(tmp_path, "empty.txt", b"")
    with pytest.raises(ArticleError, match=r"empty\.txt: file is empty — "):
        read_article(p)
    p = write(tmp_path, "blank.txt", b"  \n\r\n\t ")
    with pytest.raises(ArticleError, match="file is empty"):
        read_article(p)


def test_binary_files(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match=r"blob\.txt: binary file \(contains NUL bytes\)"):
        read_article(write(tmp_path, "blob.txt", bytes(range(256)) * 4))
    # a PDF is read whatever its name; a damaged one says so
    with pytest.raises(ArticleError, match=r"doc\.txt: the PDF cannot be read \(.*\) — save it"):
        read_article(write(tmp_path, "doc.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"))


def test_undecodable_file(tmp_path: Path) -> None:
    junk = bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D, 0x01, 0x02, 0x03]) * 50
    with pytest.raises(ArticleError, match=r"junk\.txt: cannot decode the text .* UTF-8"):
        read_article(write(tmp_path, "junk.txt", junk))


def test_twenty_megabyte_file_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "huge.txt"
    line = b"The minister visited the capital on Monday for talks with officials.\n"
    with p.open("wb") as fh:
        for _ in range(DEFAULT_MAX_BYTES // len(line) + 2):
            fh.write(line)
    assert p.stat().st_size > DEFAULT_MAX_BYTES
    with pytest.raises(ArticleError, match=r"huge\.txt: file is too large .*20 MB limit"):
        read_article(p)
    # the limit is a parameter; a small one refuses a small file
    small = write(tmp_path, "small.txt", line * 10)
    with pytest.raises(ArticleError, match="too large"):
        read_article(small, max_bytes=100)
    assert read_article(small).text.startswith("The minister")


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match=r"nope\.txt: no such file — check the path"):
        read_article(tmp_path / "nope.txt")
    with pytest.raises(ArticleError, match="no such file or folder"):
        expand_paths([str(tmp_path / "nope")])
    empty = tmp_path / "empty-dir"
    (empty / "sub").mkdir(parents=True)
    (empty / "notes.json").write_text("{}")
    with pytest.raises(ArticleError, match=r"empty-dir: folder holds no articles"):
        expand_paths([str(empty)])


def test_error_message_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(ArticleError) as info:
        read_article(write(tmp_path, "e.txt", b""))
    assert "\n" not in str(info.value)
    assert str(tmp_path / "e.txt") in str(info.value)


# ---------------------------------------------------------------- many files, folders, stdin


def test_expand_paths_recursive_sorted_deterministic(tmp_path: Path) -> None:
    write(tmp_path, "b/2.html", b"<p>x</p>")
    write(tmp_path, "b/1.TXT", b"x")
    write(tmp_path, "a/deep/3.md", b"x")
    write(tmp_path, "a/skip.docx", b"PK")
    write(tmp_path, ".hidden/4.txt", b"x")
    write(tmp_path, "a/.5.txt", b"x")
    got = expand_paths([str(tmp_path), "-"])
    rel = [Path(g).relative_to(tmp_path).as_posix() if g != "-" else g for g in got]
    assert rel == ["a/deep/3.md", "b/1.TXT", "b/2.html", "-"]
    assert expand_paths([str(tmp_path)]) == got[:-1]
    # a file named twice is read once
    one = str(tmp_path / "b" / "1.TXT")
    assert expand_paths([one, one]) == [one]


def test_read_articles_keeps_going_after_failures(tmp_path: Path) -> None:
    good = write(tmp_path, "in/good.txt", STORY.encode())
    write(tmp_path, "in/empty.txt", b"")
    write(tmp_path, "in/bad.html", b"<html><script>x</script></html>")
    write(tmp_path, "in/more/also-good.html", HTML_PAGE.encode("utf-16"))
    articles, failures = read_articles(
        [str(tmp_path / "in"), str(tmp_path / "missing.txt"), str(tmp_path / "void")],
        published=None,
    )
    assert [Path(a.source).name for a in articles] == ["good.txt", "also-good.html"]
    assert articles[0].source == str(good)
    names = sorted(Path(f.source).name for f in failures)
    assert names == ["bad.html", "empty.txt", "missing.txt", "void"]
    # the failure carries its source apart; the reason does not repeat it
    assert all(f.source not in f.error and " — " in f.error for f in failures)


def test_read_articles_from_stdin() -> None:
    stream = io.BytesIO(STORY.encode("utf-16"))
    articles, failures = read_articles(["-"], published=date(2015, 12, 16), stdin=stream)
    assert failures == ()
    (art,) = articles
    assert art.source == "<stdin>"
    assert art.published == date(2015, 12, 16)
    assert art.published_source is DateSource.GIVEN


def test_stdin_too_large_is_a_failure_not_a_crash() -> None:
    stream = io.BytesIO(b"word " * 100)
    articles, failures = read_articles(["-"], stdin=stream, max_bytes=50)
    assert articles == ()
    assert failures[0].source == "<stdin>" and "too large" in failures[0].error


# ---------------------------------------------------------------- what a cron job meets


def test_a_named_pipe_is_refused_at_once_not_waited_on(tmp_path: Path) -> None:
    # no writer ever comes: an ordinary open() would wait for one forever
    os.mkfifo(tmp_path / "pipe.txt")
    good = write(tmp_path, "good.txt", STORY.encode())
    articles, failures = read_articles([str(tmp_path / "pipe.txt"), str(good)])
    assert [a.source for a in articles] == [str(good)]
    assert [f.source for f in failures] == [str(tmp_path / "pipe.txt")]
    assert failures[0].error.startswith("is a named pipe (FIFO), not a regular file — ")


def test_a_device_named_like_an_article_is_never_read(tmp_path: Path) -> None:
    # /dev/zero never ends: reading it would fill the memory
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    with pytest.raises(ArticleError, match=r"zero\.txt: is a device or socket, not a regular"):
        read_article(tmp_path / "zero.txt")


def test_a_folder_holding_a_pipe_screens_the_rest(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    good = write(tmp_path, "good.txt", STORY.encode())
    assert expand_paths([str(tmp_path)]) == [str(good)]


def test_symlink_loops_are_not_followed(tmp_path: Path) -> None:
    good = write(tmp_path, "in/good.txt", STORY.encode())
    (tmp_path / "in/loop").symlink_to(".")
    (tmp_path / "in/up").symlink_to("..")
    (tmp_path / "in/self.txt").symlink_to("self.txt")
    (tmp_path / "in/a.txt").symlink_to("b.txt")
    (tmp_path / "in/b.txt").symlink_to("a.txt")
    assert walk_folder(tmp_path / "in") == ([good], [])


def test_a_looping_or_broken_link_given_by_name_says_so(tmp_path: Path) -> None:
    (tmp_path / "self.txt").symlink_to("self.txt")
    (tmp_path / "gone.txt").symlink_to("deleted.txt")
    _, failures = read_articles([str(tmp_path / "self.txt"), str(tmp_path / "gone.txt")])
    assert [f.error for f in failures] == [
        "is a symbolic link that leads nowhere (broken, or a loop) — point the link at an "
        "article file, or remove it"
    ] * 2


def test_a_tree_deeper_than_the_recursion_limit_is_searched(tmp_path: Path) -> None:
    # 1,200 levels: a recursive walk stops at Python's recursion limit (about 1,000)
    fd = os.open(tmp_path, os.O_RDONLY)
    for _ in range(1200):
        os.mkdir("d", dir_fd=fd)
        inner = os.open("d", os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = inner
    out = os.open("deep.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
    os.write(out, STORY.encode())
    os.close(out)
    os.close(fd)
    try:
        files, failures = walk_folder(tmp_path)
        assert failures == []
        assert [len(f.relative_to(tmp_path).parts) for f in files] == [1201]
    finally:
        remove_deep(tmp_path / "d")


def test_an_unreadable_subfolder_is_named_and_the_rest_still_searched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the tests run as root, whom permissions do not stop: the folder refuses by hand
    locked = tmp_path / "in/a-locked"
    write(tmp_path, "in/a-locked/x.txt", STORY.encode())
    after = write(tmp_path, "in/z-later/y.txt", STORY.encode())
    scandir = os.scandir

    def refusing(path: os.PathLike[str] | str) -> object:
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    files, failures = walk_folder(tmp_path / "in")
    assert files == [after]
    assert [(f.source, f.error) for f in failures] == [
        (
            str(locked),
            "cannot read the folder (Permission denied) — check its permissions; the other "
            "files were still searched",
        )
    ]


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:
        fh.truncate(200 * 1024 * 1024)  # sparse: costs no disk
    tracemalloc.start()
    try:
        with pytest.raises(ArticleError, match=r"huge\.txt: file is too large \(200 MB > 20 MB"):
            read_file_bytes(huge)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1024 * 1024
