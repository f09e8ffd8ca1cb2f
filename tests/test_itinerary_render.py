"""The Itinerary sheet's timeline chart, drawn by LibreOffice: rendered to PDF, then PNG,
and the bars looked for by their verdict colours. Skipped when LibreOffice or poppler's
pdftoppm is not installed (CI may not have them)."""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from collections import Counter
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest_report import entries_for, soleimani_result
from travelban.incidents import merge_incidents
from travelban.report import write_xlsx
from travelban.report.itinerary import BAR_COLOURS

OFFICE = shutil.which("libreoffice") or shutil.which("soffice")
PDFTOPPM = shutil.which("pdftoppm")
PDFTOTEXT = shutil.which("pdftotext")


def _png_pixels(path: Path) -> tuple[int, int, bytes]:
    """(width, height, RGB bytes) of an 8-bit RGB or RGBA PNG, as pdftoppm writes them."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    width = height = channels = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    out = bytearray()
    prev = bytearray(stride)
    i = 0
    for _ in range(height):
        f = raw[i]
        line = bytearray(raw[i + 1 : i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b = prev[x]
            c = prev[x - channels] if x >= channels else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pred) & 255
        prev = line
        if channels == 4:
            out += bytes(v for k, v in enumerate(line) if k % 4 != 3)
        else:
            out += line
    return width, height, bytes(out)


def _colour_rows(
    width: int, rgb: bytes, colours: dict[str, tuple[int, int, int]]
) -> dict[str, set[int]]:
    """Per colour, the pixel rows (y) where it appears."""
    rows: dict[str, set[int]] = {name: set() for name in colours}
    for k in range(0, len(rgb), 3):
        px = rgb[k], rgb[k + 1], rgb[k + 2]
        for name, want in colours.items():
            if all(abs(p - w) <= 12 for p, w in zip(px, want, strict=True)):
                rows[name].add(k // 3 // width)
    return rows


def _bands(ys: set[int]) -> int:
    """How many separate horizontal bands (bars) a set of pixel rows makes."""
    return sum(1 for y in ys if y - 1 not in ys)


@pytest.mark.skipif(
    not (OFFICE and PDFTOPPM and PDFTOTEXT), reason="LibreOffice and poppler-utils not installed"
)
def test_libreoffice_draws_one_bar_per_incident_in_its_verdict_colour(tmp_path: Path) -> None:
    assert OFFICE and PDFTOPPM and PDFTOTEXT
    result = soleimani_result()
    incidents = merge_incidents(result.findings, articles=result.articles)
    dated = [i for i in incidents if i.when.start is not None]
    assert dated
    book = write_xlsx(result, tmp_path, entries=entries_for(result))
    ws = load_workbook(book)["Itinerary"]
    assert ws.max_row == len(incidents) + 1
    profile = (tmp_path / "lo-profile").as_uri()  # never the user's own LibreOffice profile
    subprocess.run(
        [
            OFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(book),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    pdf = book.with_suffix(".pdf")
    assert pdf.is_file()
    # the Itinerary sheet's first page: its footer reads "Itinerary — page P of N"
    text = subprocess.run(
        [PDFTOTEXT, "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = text.split("\f")
    page = next(n for n, p in enumerate(pages, 1) if "Itinerary — page " in p)
    assert "IRi.039" in pages[page - 1]
    subprocess.run(
        [
            PDFTOPPM,
            "-png",
            "-r",
            "40",
            "-f",
            str(page),
            "-l",
            str(page),
            str(pdf),
            str(tmp_path / "page"),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    (png,) = tmp_path.glob("page*.png")
    width, height, rgb = _png_pixels(png)
    assert width > 100 and height > 100
    want = {
        v.value: tuple(int(BAR_COLOURS[v][i : i + 2], 16) for i in (0, 2, 4)) for v in BAR_COLOURS
    }
    rows = _colour_rows(width, rgb, want)  # type: ignore[arg-type]
    drawn = Counter(i.verdict.value for i in dated)
    for verdict, n in drawn.items():
        # one bar per incident: as many bands of the verdict's colour as its incidents
        # (the legend's swatch adds one)
        assert _bands(rows[verdict]) == n + 1, (verdict, n, sorted(rows[verdict]))
    greys = {
        v.value for v in BAR_COLOURS if len(set(BAR_COLOURS[v][i : i + 2] for i in (0, 2, 4))) == 1
    }
    for verdict in set(want) - set(drawn) - greys:  # grey is also the colour of the axes
        assert not rows[verdict], verdict
