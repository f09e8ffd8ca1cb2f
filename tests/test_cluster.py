"""The distributed engine: partitions, Parquet results, resume, faults, rescreen, report.

One 2-worker ``LocalCluster`` serves the module (workers are processes, as in production);
the archive is a handful of articles: text files, a WARC written with warcio and a Parquet
table written with pyarrow. The article sentences are our own.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from travelban.cli import cli
from travelban.cluster.driver import job_for, run_job
from travelban.cluster.partitions import (
    Partition,
    Stamp,
    expand_inputs,
    file_partitions,
    read_partition,
    table_partitions,
    warc_offsets,
    warc_partitions,
)
from travelban.cluster.results import read_done
from travelban.cluster.work import Job, screen_partition
from travelban.errors import ArticleError
from travelban.ingest import read_articles
from travelban.models import DateSource
from travelban.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "soleimani-moscow.txt"
ARTICLES = ROOT / "tests" / "articles"

QUIET = (
    "The harvest festival drew farmers from three provinces to the market town, where "
    "stalls sold honey, wool and dried apricots. Organisers said attendance rose this year."
)


def _page(title: str, body: str) -> bytes:
    paras = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title></head><body>"
        f"<nav>Home | World</nav><article><h1>{title}</h1>{paras}</article></body></html>"
    ).encode()


def make_warc(path: Path, pages: list[tuple[str, bytes]]) -> Path:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=path.name.endswith(".gz"))
        for i, (url, html) in enumerate(pages):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    url,
                    "response",
                    payload=io.BytesIO(html),
                    http_headers=headers,
                    warc_headers_dict={"WARC-Date": f"2015-12-{17 + i}T06:00:00Z"},
                )
            )
    return path


def make_table(path: Path, rows: list[dict[str, Any]], row_group_size: int = 2) -> Path:
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=row_group_size)
    return path


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three text articles, a WARC of three pages (one of them the example), a table of three."""
    root = tmp_path_factory.mktemp("archive")
    texts = root / "texts"
    texts.mkdir()
    (texts / "soleimani.txt").write_bytes(EXAMPLE.read_bytes())
    (texts / "adam.txt").write_bytes((ARTICLES / "car-adam-khartoum.txt").read_bytes())
    (texts / "festival.txt").write_text(QUIET + "\n", encoding="utf-8")
    example = EXAMPLE.read_text(encoding="utf-8")
    title, _, body = example.partition("\n")
    make_warc(
        root / "crawl.warc.gz",
        [
            ("https://news.example.org/festival", _page("Harvest festival", QUIET)),
            ("https://news.example.org/general", _page(title, body.strip())),
            ("https://news.example.org/market", _page("Market day", QUIET + "\n\n" + QUIET)),
        ],
    )
    aisha = (ARTICLES / "libya-aisha-cairo.txt").read_text(encoding="utf-8")
    make_table(
        root / "table.parquet",
        [
            {"id": "a1", "url": "https://x.example/1", "published": "2015-12-16", "text": example},
            {"id": "a2", "url": "https://x.example/2", "published": None, "text": aisha},
            {"id": "a3", "url": "", "published": "2020-01-01", "text": QUIET},
        ],
    )
    return root


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # the HTTP server on a free port, not 8787
            scheduler_kwargs={"dashboard": False},
        ) as cluster,
        Client(cluster) as c,
    ):
        yield c


def _settings() -> Settings:
    return Settings()


def _keyset(rows: list[dict[str, Any]]) -> set[tuple[str, str, float]]:
    return {(r["Key"], r["Verdict"], round(r["Confidence"], 6)) for r in rows}


def _findings(out: Path, version: str) -> list[dict[str, Any]]:
    folder = out / "findings" / f"list_version={version}"
    return [r for f in sorted(folder.glob("part-*.parquet")) for r in pq.read_table(f).to_pylist()]


# ---------------------------------------------------------------- without a cluster


def test_warc_ranges_read_the_same_articles_as_screen(tmp_path: Path, archive: Path) -> None:
    warc = archive / "crawl.warc.gz"
    offsets = warc_offsets(str(warc))
    assert len(offsets) == 4 and offsets[-1] == warc.stat().st_size
    parts = warc_partitions(Stamp.of(warc), offsets, 2)
    assert [p.first for p in parts] == [1, 3]
    ranged = [a for p in parts for a in read_partition(p)]
    whole, failures = read_articles([str(warc)])
    assert not failures
    assert [(a.source, a.sha256, a.published) for a in ranged] == [
        (a.source, a.sha256, a.published) for a in whole
    ]


def test_a_cut_warc_range_reports_the_break(tmp_path: Path, archive: Path) -> None:
    data = (archive / "crawl.warc.gz").read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[:-150])
    offsets = warc_offsets(str(cut))
    items = [x for p in warc_partitions(Stamp.of(cut), offsets, 1) for x in read_partition(p)]
    assert [getattr(x, "url", "") for x in items[:2]] == [
        "https://news.example.org/festival",
        "https://news.example.org/general",
    ]
    assert "cut short inside record 3" in items[-1].error  # type: ignore[union-attr]


def test_table_rows_become_articles_and_bad_tables_get_one_line(tmp_path: Path) -> None:
    table = make_table(
        tmp_path / "t.parquet",
        [
            {"id": 7, "url": "u", "published": "2015-12-16", "text": "A  line.\r\nNext."},
            {"id": 8, "url": None, "published": None, "text": "  "},
            {"id": 9, "url": None, "published": None, "text": "x" * 300},
        ],
    )
    parts = table_partitions(table, 2)
    assert [(p.group, p.start, p.end) for p in parts] == [(0, 0, 2), (1, 0, 1)]
    items = [x for p in parts for x in read_partition(p, max_bytes=200)]
    first, empty, huge = items
    assert first.source == f"{table}#7" and first.published == date(2015, 12, 16)  # type: ignore[union-attr]
    assert first.published_source is DateSource.TABLE  # type: ignore[union-attr]
    assert "empty" in empty.error and "too large" in huge.error  # type: ignore[union-attr]

    bad = make_table(tmp_path / "bad.parquet", [{"id": 1, "body": "text"}])
    with pytest.raises(ArticleError) as err:
        table_partitions(bad, 10)
    line = str(err.value)
    assert "\n" not in line and "bad.parquet" in line
    assert "no column 'url', 'published', 'text'" in line and "id, body" in line


def test_inputs_are_sorted_into_kinds(archive: Path) -> None:
    inputs = expand_inputs([str(archive), str(archive / "missing.txt"), "-"])
    assert [p.name for p in inputs.files] == ["adam.txt", "festival.txt", "soleimani.txt"]
    assert [p.name for p in inputs.warcs] == ["crawl.warc.gz"]
    assert [p.name for p in inputs.tables] == ["table.parquet"]
    assert [f.source for f in inputs.failures] == [str(archive / "missing.txt"), "<stdin>"]
    # the key follows the content: the same files give the same partitions
    assert file_partitions(inputs.files, 2) == file_partitions(inputs.files, 2)


def test_usage_errors_and_an_unreachable_scheduler(tmp_path: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(cli, ["screen", str(EXAMPLE), "--workers", "2"], catch_exceptions=False)
    assert res.exit_code == 2 and "add --format parquet -o DIR" in res.output
    res = runner.invoke(
        cli,
        ["screen", str(EXAMPLE), "--format", "parquet", "-o", str(tmp_path / "out"),
         "--scheduler", "tcp://127.0.0.1:9", "--connect-timeout", "0.5"],
        catch_exceptions=False,
    )  # fmt: skip
    assert res.exit_code == 1
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in lines[0]
    res = runner.invoke(cli, ["report", str(tmp_path)], catch_exceptions=False)
    assert res.exit_code == 1 and "holds no travelban Parquet result" in res.stderr


# ---------------------------------------------------------------- on a 2-worker cluster


@pytest.mark.slow
@pytest.mark.cluster
def test_cluster_screen_equals_one_process_and_resumes(
    client: Any, archive: Path, tmp_path: Path
) -> None:
    from travelban.pipeline import Engine, screen_articles

    settings = _settings()
    out = tmp_path / "result"
    job, info, snaps = job_for(settings, out)
    inputs = expand_inputs([str(archive)])
    report = run_job(client, job, inputs, list_info=info, snapshots=snaps, partition_size=1)
    r = report.record
    assert r.status == "complete" and r.partitions == 3 + 3 + 3 and r.done_now == 9
    assert r.articles == 9 and r.articles_failed == 0
    # the engine was loaded once in each worker, however many tasks it ran
    loads = client.run(lambda: __import__("travelban.cluster.work", fromlist=["_"]).loads())
    assert len(loads) == 2 and all(v["engine"] == 1 for v in loads.values())
    assert len({p.worker for p in report.parts}) == 2

    # the same findings as one process screening the same articles
    engine = Engine.load(settings)
    files, _ = read_articles([str(archive / "texts"), str(archive / "crawl.warc.gz")])
    rows = [x for p in table_partitions(archive / "table.parquet", 10) for x in read_partition(p)]
    single = screen_articles(engine, [*files, *rows])  # type: ignore[list-item]
    found = _findings(out, job.list_version)
    assert _keyset(found) == {
        (f.key, f.verdict.value, round(f.confidence, 6)) for f in single.findings
    }
    soleimani = [f for f in found if f["Reference"] == "IRi.039"]
    assert sum(f["Verdict"] == "apparent_breach" for f in soleimani) == 3 * 3  # file, WARC, row
    record = json.loads((out / f"_run-{job.list_version}.json").read_text())
    assert record["status"] == "complete" and record["job"]["mode"] == "screen"

    # a second run does nothing again and writes nothing
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("part-*.parquet")}
    again = run_job(client, job, inputs, list_info=info, snapshots=snaps, partition_size=1)
    assert (again.record.done_now, again.record.done_before) == (0, 9)
    assert again.record.status == "complete"
    assert {p: p.stat().st_mtime_ns for p in out.rglob("part-*.parquet")} == stamps


@pytest.mark.slow
@pytest.mark.cluster
def test_a_killed_worker_is_retried_and_a_task_already_done_is_not_redone(
    client: Any, archive: Path, tmp_path: Path
) -> None:
    settings = _settings()
    out = tmp_path / "result"
    job, info, snaps = job_for(settings, out)
    marker = tmp_path / "killed-once"

    def dies_once(part: Partition, job: Job) -> Any:
        if part.kind == "warc" and not marker.exists():
            marker.touch()
            os._exit(1)  # the worker process dies mid-task, as under the OOM killer
        return screen_partition(part, job)

    inputs = expand_inputs([str(archive / "crawl.warc.gz"), str(archive / "texts")])
    report = run_job(
        client, job, inputs, list_info=info, snapshots=snaps, partition_size=2, task=dies_once
    )
    assert marker.exists()
    assert report.record.status == "complete" and report.record.articles == 6
    assert sum(n for v, n in report.record.findings if v == "apparent_breach") >= 6

    # a task that finds its partition done returns the marker and writes nothing
    part = file_partitions(inputs.files, 2)[0]
    target = out / "findings" / f"list_version={job.list_version}" / f"part-{part.key}.parquet"
    before = target.stat().st_mtime_ns
    again = screen_partition(part, job)
    assert again.already and again.key == part.key
    assert read_done(job.result, part.key) == again.__class__(**{**again.to_json()})
    assert target.stat().st_mtime_ns == before


@pytest.mark.slow
@pytest.mark.cluster
def test_a_partition_that_keeps_killing_workers_leaves_a_partial_result(
    client: Any, archive: Path, tmp_path: Path
) -> None:
    settings = _settings()
    out = tmp_path / "result"
    job, info, snaps = job_for(settings, out)

    def set_allowed(dask_scheduler: Any, n: int) -> int:
        old = dask_scheduler.allowed_failures
        dask_scheduler.allowed_failures = n
        return old

    def always_dies(part: Partition, job: Job) -> Any:
        if any(s.path.endswith("festival.txt") for s in part.files):
            os._exit(1)
        return screen_partition(part, job)

    texts = archive / "texts"
    first = expand_inputs([str(texts / "adam.txt"), str(texts / "soleimani.txt")])
    run_job(client, job, first, list_info=info, snapshots=snaps, partition_size=1)
    # a worker that dies fails every task it held; with the other two done, only one is left
    old = client.run_on_scheduler(set_allowed, n=0)
    try:
        inputs = expand_inputs([str(texts)])
        report = run_job(
            client, job, inputs, list_info=info, snapshots=snaps, partition_size=1, task=always_dies
        )
    finally:
        client.run_on_scheduler(set_allowed, n=old)
    r = report.record
    assert r.status == "partial" and (r.done_now, r.done_before, len(r.failed)) == (0, 2, 1)
    ((_, why),) = r.failed
    assert "festival.txt" in why and "died 1 time(s)" in why and "--memory-limit" in why
    # what was done is kept; report says the result is partial
    res = CliRunner().invoke(
        cli, ["report", str(out), "-o", str(tmp_path / "wb.xlsx")], catch_exceptions=False
    )
    assert res.exit_code == 0 and "PARTIAL" in res.stderr
    ws = openpyxl.load_workbook(tmp_path / "wb.xlsx")["Summary"]
    values = [row for row in ws.iter_rows(values_only=True)]
    assert ("Result", "status", "partial") in values
    assert any(row[0] == "Failed partition" and "festival.txt" in str(row[2]) for row in values)


@pytest.mark.slow
@pytest.mark.cluster
def test_cli_screen_report_and_rescreen_on_a_running_scheduler(
    client: Any, archive: Path, tmp_path: Path
) -> None:
    runner = CliRunner()
    address = client.scheduler.address
    out = tmp_path / "result"
    texts = str(archive / "texts")
    args = ["screen", texts, "--scheduler", address, "--format", "parquet", "-o", str(out)]
    res = runner.invoke(cli, args, catch_exceptions=False)
    assert res.exit_code == 0, res.output
    assert "3 partition(s)" not in res.stderr  # 3 files, 200 to a partition: one task
    assert "1 partition(s): 1 screened now, 0 already done, 0 failed; 3 article(s)" in res.stderr
    assert "result: complete" in res.stderr
    assert "incident(s): the findings of every partition merged" in res.stderr
    assert list((out / "incidents").glob("list_version=*/part-*.parquet"))
    res = runner.invoke(cli, args, catch_exceptions=False)
    assert "0 screened now, 1 already done" in res.stderr

    wb_path = tmp_path / "top.xlsx"
    res = runner.invoke(
        cli, ["report", str(out), "--top", "2", "-o", str(wb_path)], catch_exceptions=False
    )
    assert res.exit_code == 0 and "2 of " in res.stderr
    wb = openpyxl.load_workbook(wb_path)
    assert wb.sheetnames == ["Summary", "Findings", "Incidents", "Method"]
    rows = list(wb["Findings"].iter_rows(min_row=2, values_only=True))
    header = [c.value for c in wb["Findings"][1]]
    conf = [r[header.index("Confidence")] for r in rows]
    assert len(rows) == 2 and conf == sorted(conf, reverse=True)

    # rescreen since 2024-09-26: IRi.039 (Soleimani) is new or changed since; CFi.002 is not
    new = tmp_path / "rescreen"
    res = runner.invoke(
        cli,
        ["rescreen", texts, str(archive / "table.parquet"), "--since-list", "2024-09-26",
         "--scheduler", address, "-o", str(new)],
        catch_exceptions=False,
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    assert "changed entries from un-consolidated-2024-09-26" in res.stderr
    record = json.loads(next(new.glob("_run-*.json")).read_text())
    assert record["job"]["mode"] == "rescreen" and record["skipped"] >= 3
    refs = {r["Reference"] for r in _findings(new, "2026-05-08")}
    assert refs == {"IRi.039"}
    # the same folder cannot take a different job for the same list version
    res = runner.invoke(cli, [*args[:-1], str(new)], catch_exceptions=False)
    assert res.exit_code == 1 and "holds a result of another job" in res.stderr
