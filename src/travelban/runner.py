"""Scheduled runs over an inbox: screen what is new, carry the analysts' decisions forward.

One run, in order:

1. take ``<state>.lock`` (a second run exits at once with a clear message);
2. mark runs a killed process left 'running' as 'interrupted';
3. import the decisions from every workbook in the reports folder (unchanged files skipped);
4. screen every inbox article whose content hash is new (all of them with ``rescreen``),
   each recorded with its findings in its own transaction;
5. when the list's sha256 differs from the one an article was last screened against,
   screen that article again from the text stored in the database and record which
   findings appeared, disappeared or changed verdict;
6. write one report for everything not yet reported (this run's articles, those of an
   interrupted run, and the changes), then mark the run complete.

A report is written on every run, even an empty one, so the analyst can see the run
happened and what it looked at.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from travelban import __version__
from travelban.config import RunConfig
from travelban.errors import ArticleError, ConfigError, ListError, ReportError, TravelbanError
from travelban.incidents import Incident, incident_of, merge_incidents
from travelban.models import (
    Article,
    ArticleFailure,
    Entry,
    Extraction,
    Finding,
    ListInfo,
    NameMatch,
    ReviewDecision,
    RunResult,
    Verdict,
)
from travelban.safezip import check_zip
from travelban.settings import Settings
from travelban.state import (
    Change,
    FindingChange,
    RunStatus,
    Screened,
    Store,
    StoredDecision,
    previous_decisions,
    run_lock,
    suppressed,
)

log = logging.getLogger(__name__)

# Excel and LibreOffice leave "~$name.xlsx" / ".~lock.name.xlsx#" beside an open workbook.
_SKIP_PREFIXES = ("~$", ".")
MAX_CHANGE_LINES = 200  # change lines in the report's summary; the log has them all


class ResultLike(Protocol):
    extraction: Extraction
    matches: tuple[tuple[str, str, NameMatch], ...]
    findings: tuple[Finding, ...]


class EngineLike(Protocol):
    """What the runner needs of ``travelban.pipeline.Engine``."""

    @property
    def entries(self) -> Mapping[str, Entry]: ...

    @property
    def list_info(self) -> ListInfo: ...

    def screen_article(self, article: Article) -> Any: ...

    def run_result(
        self,
        articles: Sequence[Article],
        failures: Sequence[ArticleFailure],
        results: Sequence[Any],
        started: datetime,
    ) -> RunResult: ...


ProgressFn = Callable[[str, int, int], None]  # (phase, done, total)
EngineLoader = Callable[[Settings], EngineLike]


# ---------------------------------------------------------------- decisions import


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """A workbook that could not be read, or one row whose values were not valid."""

    path: str
    row: int  # 0 for a whole workbook
    problem: str

    def render(self) -> str:
        """``file:row: problem`` for messages."""
        where = f"{self.path}:{self.row}" if self.row else self.path
        return f"{where}: {self.problem}"


@dataclass(frozen=True, slots=True)
class ImportSummary:
    read: tuple[str, ...] = ()
    unchanged: int = 0
    added: int = 0
    repeated: int = 0
    invalid: tuple[ImportProblem, ...] = ()
    failed: tuple[ImportProblem, ...] = ()


def workbooks_in(folder: Path) -> list[Path]:
    """The report workbooks in a folder (not recursive), skipping lock and temporary files."""
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.glob("*.xlsx")
        if p.is_file() and not p.name.startswith(_SKIP_PREFIXES) and ".tmp" not in p.name
    )


def _stored(d: ReviewDecision, imported_at: str) -> StoredDecision:
    return StoredDecision(
        finding_key=d.finding_key,
        typed=d.decision.value,
        decision=d.decision,
        reviewer=d.reviewer,
        review_date=d.review_date.isoformat() if d.review_date else "",
        notes=d.notes,
        source_file=d.source_file,
        source_row=d.row,
        imported_at=imported_at,
    )


def _read_workbook(path: Path) -> tuple[list[StoredDecision], list[ImportProblem]]:
    """Decisions typed in one workbook, and the rows whose values are not valid.

    An invalid Decision or Review date is still recorded, exactly as typed and marked
    invalid, so nothing an analyst wrote is lost; ``review list`` shows it.
    """
    from travelban import report  # openpyxl only when a workbook is read

    now = datetime.now(UTC).isoformat(timespec="seconds")
    read = report.read_review(path)
    rows = [_stored(d, now) for d in read.decisions]
    problems: list[ImportProblem] = []
    for p in read.problems:
        if not p.blocking:
            continue
        problems.append(
            ImportProblem(
                str(path),
                p.row,
                f"sheet {p.sheet}: {p.problem} (kept as typed; correct the cell in the "
                "workbook and it is recorded on the next import)",
            )
        )
        if not p.key:
            continue
        rows.append(
            StoredDecision(
                finding_key=p.key,
                typed=p.value if p.column == "Decision" else "",
                decision=None,
                reviewer="",
                review_date=p.value if p.column == "Review date" else "",
                notes=p.problem,
                source_file=str(path),
                source_row=p.row,
                imported_at=now,
            )
        )
    return rows, problems


def _sha256_blocks(fh: BinaryIO) -> str:
    """Hex sha256 of what an open file holds, read in 1 MiB blocks (never held whole)."""
    h = hashlib.sha256()
    for block in iter(lambda: fh.read(1 << 20), b""):
        h.update(block)
    return h.hexdigest()


def file_sha256(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    with path.open("rb") as fh:
        return _sha256_blocks(fh)


def _inbox_sha256(path: Path) -> str:
    """Hex sha256 of an inbox file, read in blocks (a huge file is hashed, never held in
    memory); ArticleError for a named pipe or device, which is never read."""
    from travelban.ingest import open_regular

    with open_regular(path) as fh:
        return _sha256_blocks(fh)


def import_workbooks(
    store: Store, paths: Sequence[Path], *, skip_known: bool = True, quiet: bool = False
) -> ImportSummary:
    """Record the decisions of every workbook; one that fails is reported and skipped.

    Skipped workbooks and invalid rows are logged as warnings, unless ``quiet`` (the caller
    prints the summary's problems itself, and one line each is enough).
    """
    read: list[str] = []
    unchanged = added = repeated = 0
    invalid: list[ImportProblem] = []
    failed: list[ImportProblem] = []
    for path in paths:
        try:
            sha = file_sha256(path)
        except OSError as exc:
            failed.append(ImportProblem(str(path), 0, f"cannot read the file ({exc.strerror})"))
            continue
        if skip_known and store.workbook_known(sha):
            unchanged += 1
            continue
        try:
            check_zip(path)  # a compression bomb is refused before openpyxl inflates it
            rows, problems = _read_workbook(path)
        except TravelbanError as exc:
            # the problem line names the file already: say it once
            said = exc.render() if exc.path != str(path) else exc.problem
            if exc.path == str(path) and exc.fix:
                said += f" — {exc.fix}"
            failed.append(ImportProblem(str(path), 0, said))
            continue
        except Exception as exc:  # a damaged zip or XML must not stop the others
            failed.append(ImportProblem(str(path), 0, f"cannot read the workbook ({exc})"))
            continue
        a, r = store.add_decisions(rows)
        store.record_workbook(sha, path, a)
        read.append(str(path))
        added += a
        repeated += r
        invalid.extend(problems)
        log.info("%s: %d decision(s) recorded, %d already known", path, a, r)
    level = logging.INFO if quiet else logging.WARNING
    for p in failed:
        log.log(level, "skipped workbook %s", p.render())
    for p in invalid:
        log.log(level, "%s", p.render())
    return ImportSummary(tuple(read), unchanged, added, repeated, tuple(invalid), tuple(failed))


# ---------------------------------------------------------------- the run


@dataclass(frozen=True, slots=True)
class RunSummary:
    """What one scheduled run did; the CLI prints it and picks the exit code from it."""

    run_id: int
    report: Path
    list_info: ListInfo | None
    list_changed: bool
    articles_new: int
    articles_seen: int
    articles_failed: int
    articles_rescreened: int
    carried_over: int
    interrupted_runs: tuple[int, ...]
    changes: tuple[FindingChange, ...]
    alerts: tuple[FindingChange, ...]
    imports: ImportSummary = field(default_factory=ImportSummary)

    def count(self, change: Change) -> int:
        """How many findings changed this way in this run's report."""
        return sum(1 for c in self.changes if c.change is change)


def list_fingerprint(settings: Settings) -> str:
    """The sha256 of the list the engine would name, without parsing any list."""
    from travelban.sanctions.archive import sha256_of

    if settings.list_path is not None:
        if not settings.list_path.is_file():
            raise ListError(
                "list file not found",
                path=settings.list_path,
                fix="check --list (or `list` in the config file)",
            )
        return sha256_of(settings.list_path)
    return _selected_snapshot(settings).sha256


def _selected_snapshot(settings: Settings) -> ListInfo:
    """The archive snapshot --as-of selects, read from the manifest (no file is hashed)."""
    from travelban.sanctions.archive import Archive

    info, _ = Archive.open(
        settings.lists_dir, user_dir=settings.user_lists_dir, verify=False
    ).select(settings.as_of)
    return info


def _archive_info(settings: Settings, sha: str) -> ListInfo | None:
    """The ListInfo of the selected archive snapshot when its sha256 is ``sha``."""
    if settings.list_path is not None:
        return None
    info = _selected_snapshot(settings)
    return info if info.sha256 == sha else None


def _default_loader(settings: Settings) -> EngineLike:
    from travelban.pipeline import Engine

    return Engine.load(settings)


def check_inboxes(config: RunConfig) -> tuple[Path, ...]:
    """The inbox folders, each checked to exist; ConfigError names the folder and the fix."""
    where = f"'inbox' in {config.source}" if config.source else "--inbox"
    if not config.inbox:
        raise ConfigError(
            "no inbox folder given",
            path=config.source,
            fix='pass --inbox DIR or set inbox = ["DIR"] in the config file',
        )
    for folder in config.inbox:
        if not folder.exists():
            raise ConfigError(
                "inbox folder does not exist",
                path=folder,
                fix=f"create it (mkdir -p {folder}) or correct {where}",
            )
        if not folder.is_dir():
            raise ConfigError("inbox is not a folder", path=folder, fix=f"give a folder in {where}")
    return config.inbox


def _inbox_files(folders: Sequence[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The article files of the inbox folders, and (path, reason) for each sub-folder or
    file that could not be looked at (the rest is still screened)."""
    from travelban.ingest import walk_folder

    out: list[Path] = []
    unreadable: list[tuple[Path, str]] = []
    for folder in folders:
        files, failures = walk_folder(folder)
        if not files and not failures:
            log.info("%s: no articles in the inbox", folder)  # an empty inbox is normal
        out.extend(files)
        unreadable.extend((Path(f.source), f.error) for f in failures)
    return out, unreadable


def _as_screened(article: Article, result: ResultLike) -> Screened:
    return Screened(article, result.extraction, result.matches, result.findings)


def run(
    config: RunConfig,
    *,
    debug: bool = False,
    load_engine: EngineLoader | None = None,
    progress: ProgressFn | None = None,
) -> RunSummary:
    """One scheduled run (see the module docstring); TravelbanError on what stops it."""
    inboxes = check_inboxes(config)
    settings = config.settings(debug=debug)
    loader = load_engine or _default_loader
    try:
        config.reports.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportError(
            f"cannot create the reports folder ({exc.strerror})",
            path=config.reports,
            fix="create it or choose another --reports folder",
        ) from None
    with run_lock(config.state):
        store = Store(config.state)
        try:
            return _run_locked(store, config, settings, inboxes, loader, progress)
        finally:
            store.close()


def _run_locked(
    store: Store,
    config: RunConfig,
    settings: Settings,
    inboxes: Sequence[Path],
    loader: EngineLoader,
    progress: ProgressFn | None,
) -> RunSummary:
    interrupted = store.mark_interrupted()
    if interrupted:
        log.warning(
            "run(s) %s did not finish; what they screened is reported now",
            ", ".join(f"#{i}" for i in interrupted),
        )
    started = datetime.now(UTC)
    run_id = store.begin_run(started, settings.items())
    log.info("run #%d started (state %s)", run_id, store.path)
    try:
        summary = _do_run(
            store, run_id, started, config, settings, inboxes, loader, progress, interrupted
        )
    except BaseException as exc:
        status = RunStatus.FAILED if isinstance(exc, Exception) else RunStatus.INTERRUPTED
        try:
            store.fail_run(run_id, status, str(exc) or type(exc).__name__)
        except TravelbanError:  # the original error matters more
            log.exception("could not mark run #%d as %s", run_id, status.value)
        raise
    return summary


def _do_run(
    store: Store,
    run_id: int,
    started: datetime,
    config: RunConfig,
    settings: Settings,
    inboxes: Sequence[Path],
    loader: EngineLoader,
    progress: ProgressFn | None,
    interrupted: Sequence[int] = (),
) -> RunSummary:
    if interrupted:
        _remove_temp_reports(config.reports)
    imports = import_workbooks(store, workbooks_in(config.reports))
    if store.incident_backfill_needed():  # findings stored before incidents existed
        refs = store.active_references()
        findings, articles = store.active_findings(refs)
        done = store.record_incidents(run_id, refs, merge_incidents(findings, articles=articles))
        log.info("incidents recorded for %d earlier trip(s)", len(done))

    # What is new in the inbox, by content hash.
    known = store.known_articles()
    fresh: list[tuple[Path, str]] = []  # bytes are read again when screened: low memory
    seen_now: set[str] = set()
    files, failed_reads = _inbox_files(inboxes)
    skipped = 0
    for path in files:
        try:
            sha = _inbox_sha256(path)
        except OSError as exc:
            failed_reads.append((path, f"cannot read the file ({exc.strerror})"))
            continue
        except ArticleError as exc:  # a named pipe or device: never read
            failed_reads.append((path, exc.problem))
            continue
        if sha in seen_now:
            log.info("%s: same content as an article already in this run; skipped", path)
            continue
        seen_now.add(sha)
        status = known.get(sha)
        if status == "screened" or (status == "failed" and not config.rescreen):
            skipped += 1
            continue
        fresh.append((path, sha))
    for path, reason in failed_reads:  # never recorded (no content hash): say it every run
        log.warning("%s: %s", path, reason)

    fingerprint = list_fingerprint(settings)
    redo = store.articles_to_rescreen(None if config.rescreen else fingerprint)
    fresh_shas = {sha for _, sha in fresh}
    redo = [sha for sha in redo if sha not in fresh_shas]
    list_changed = bool(redo) and not config.rescreen
    if list_changed:
        log.warning(
            "the list changed since %d article(s) were screened (now %s…); screening them again",
            len(redo),
            fingerprint[:12],
        )

    engine: EngineLike | None = None
    if fresh or redo:
        engine = loader(settings)
        if engine.list_info.sha256 != fingerprint:  # kept: the next run compares the same way
            log.warning(
                "the list's sha256 from the manifest (%s…) differs from the loaded list's (%s…)",
                fingerprint[:12],
                engine.list_info.sha256[:12],
            )

    new_count = failed_count = rescreened = 0
    extra_failures = [ArticleFailure(str(path), reason) for path, reason in failed_reads]
    total = len(fresh)
    for i, (path, sha) in enumerate(fresh, 1):
        assert engine is not None
        if progress:
            progress("screening", i - 1, total)
        if _screen_new(store, engine, run_id, path, sha, fingerprint):
            new_count += 1
        else:
            failed_count += 1
    if progress and total:
        progress("screening", total, total)

    total = len(redo)
    for i, sha in enumerate(redo, 1):
        assert engine is not None
        if progress:
            progress("rescreening", i - 1, total)
        article = store.stored_article(sha)
        try:
            result = engine.screen_article(article)
        except Exception as exc:
            log.exception("screening %s again failed; its earlier findings stand", article.source)
            extra_failures.append(ArticleFailure(article.source, f"screening again failed: {exc}"))
            continue
        outcome = store.record_screening(
            run_id, _as_screened(article, result), fingerprint, report_anyway=config.rescreen
        )
        rescreened += 1
        if outcome.any:
            log.info(
                "%s: %d new, %d gone, %d changed finding(s)",
                article.source,
                outcome.new,
                outcome.gone,
                outcome.changed,
            )
    if progress and total:
        progress("rescreening", total, total)

    # Everything not yet shown in a completed run's report.
    screened, failures = store.unreported()
    changes = store.unreported_changes()
    this_run = fresh_shas | set(redo)
    carried = sum(1 for s in screened if s.article.sha256 not in this_run)
    carried += sum(1 for sha, _, _ in failures if sha not in this_run)
    incidents, before = _merge_incidents(store, run_id, screened)
    report_keys = {f.key for s in screened for f in s.findings}
    inc_of = incident_of(incidents)
    keys = report_keys | {c.finding_key for c in changes}
    for inc in incidents:
        keys.update((inc.key, *inc.merged_keys, *inc.finding_keys))
    stored = store.decisions(keys)
    by_key: dict[str, list[StoredDecision]] = {}
    for d in stored:
        by_key.setdefault(d.finding_key, []).append(d)
    alerts = _alerts(changes, incidents, before, by_key)
    joined = sum(
        1
        for c in changes
        if c.change is Change.NEW and before.get(inc_of.get(c.finding_key, "")) is not None
    )
    for c in changes:
        log.info("finding %s", c.describe())

    all_failures = [ArticleFailure(path, error) for _, path, error in failures] + extra_failures
    info = _archive_info(settings, fingerprint) or store.last_list_info()
    if engine is None and (screened or info is None or info.sha256 != fingerprint):
        # Results carried over from an interrupted run need the entries for their report.
        engine = loader(settings)
    if engine is not None:
        result = engine.run_result([s.article for s in screened], all_failures, screened, started)
    else:
        assert info is not None
        result = _empty_result(settings, started, info, all_failures)
    result = _with_summary(
        result,
        run_id=run_id,
        new=new_count,
        skipped=skipped,
        rescreened=rescreened,
        list_changed=list_changed,
        carried=carried,
        changes=changes,
        alerts=alerts,
        imports=imports,
        incidents=incidents,
        new_incidents=sum(1 for i in incidents if before.get(i.key) is None),
        joined=joined,
    )
    log.info(
        "writing the report: %d article(s), %d failure(s), %d finding change(s)",
        len(screened),
        len(all_failures),
        len(changes),
    )
    report_incidents = [i for i in incidents if report_keys.intersection(i.finding_keys)]
    report_path = _write_report(
        result, config.reports, engine, previous_decisions(stored), report_incidents
    )
    try:
        report_sha = file_sha256(report_path)
    except OSError:
        report_sha = None
    store.finish_run(
        run_id,
        list_info=result.list_info,
        report=report_path,
        report_sha256=report_sha,
        counts={
            "articles_new": new_count,
            "articles_rescreened": rescreened,
            "articles_failed": failed_count + len(failed_reads),
            "findings_new": sum(1 for c in changes if c.change is Change.NEW),
            "findings_gone": sum(1 for c in changes if c.change is Change.GONE),
            "findings_changed": sum(1 for c in changes if c.change is Change.CHANGED),
            "alerts": len(alerts),
            "decisions_imported": imports.added,
        },
    )
    log.info("run #%d complete; report %s", run_id, report_path)
    return RunSummary(
        run_id=run_id,
        report=report_path,
        list_info=result.list_info,
        list_changed=list_changed,
        articles_new=new_count,
        articles_seen=skipped,
        articles_failed=failed_count + len(failed_reads),
        articles_rescreened=rescreened,
        carried_over=carried,
        interrupted_runs=tuple(interrupted),
        changes=tuple(changes),
        alerts=alerts,
        imports=imports,
    )


def _screen_new(
    store: Store,
    engine: EngineLike,
    run_id: int,
    path: Path,
    sha: str,
    fingerprint: str,
) -> int:
    """Read and screen one new article and record it; 1 when screened, 0 when it failed."""
    from travelban.ingest import parse_bytes, read_file_bytes

    try:
        article = parse_bytes(str(path), read_file_bytes(path))
    except ArticleError as exc:
        log.warning("%s", exc.render())
        store.record_failure(run_id, sha, str(path), exc.render())
        return 0
    try:
        result = engine.screen_article(article)
    except Exception as exc:  # one bad article must not sink the run
        log.exception("screening %s failed", path)
        store.record_failure(run_id, sha, str(path), f"screening failed: {exc}")
        return 0
    outcome = store.record_screening(run_id, _as_screened(article, result), fingerprint)
    log.info("screened %s: %d finding(s)", path, outcome.new)
    return 1


def _merge_incidents(
    store: Store, run_id: int, screened: Sequence[Screened]
) -> tuple[tuple[Incident, ...], dict[str, str | None]]:
    """Merge the findings of every person this run touched, across all runs, into
    incidents; keep their keys from earlier runs and record them. Returns the incidents and,
    per key, the verdict the incident had before this run (None: new)."""
    refs = store.references_in_run(run_id) | {f.reference for s in screened for f in s.findings}
    if not refs:
        return (), {}
    findings, articles = store.active_findings(refs)
    incidents = merge_incidents(findings, articles=articles, previous=store.incident_map())
    before = store.record_incidents(run_id, refs, incidents)
    return incidents, before


def _alerts(
    changes: Sequence[FindingChange],
    incidents: Sequence[Incident],
    before: Mapping[str, str | None],
    decisions: Mapping[str, Sequence[StoredDecision]],
) -> tuple[FindingChange, ...]:
    """New apparent breaches to alert on: one per incident, none for a finding that joined
    an incident already an apparent breach before this run, none that analysts called a
    false positive (on the finding, or on its incident)."""
    by_key = {i.key: i for i in incidents}
    inc_of = incident_of(incidents)
    out: list[FindingChange] = []
    alerted: set[str] = set()
    for c in changes:
        if c.change is Change.GONE or c.new_verdict is not Verdict.APPARENT_BREACH:
            continue
        key = inc_of.get(c.finding_key)
        inc = by_key.get(key) if key else None
        said = list(decisions.get(c.finding_key, []))
        if inc is not None:
            if before.get(inc.key) == Verdict.APPARENT_BREACH.value or inc.key in alerted:
                continue
            said += [d for k in (inc.key, *inc.merged_keys) for d in decisions.get(k, [])]
        if suppressed(said):
            continue
        if inc is not None:
            alerted.add(inc.key)
        out.append(c)
    return tuple(out)


def _remove_temp_reports(folder: Path) -> None:
    """Delete the hidden temporary files a killed run left while writing its report.

    Only travelban's own ``.travelban-*.tmp`` files go, and only after an interrupted
    run was found while holding the lock; a finished report is never touched.
    """
    for tmp in folder.glob(".travelban-*.tmp"):
        try:
            tmp.unlink()
            log.info("removed %s, left by an interrupted run", tmp)
        except OSError as exc:
            log.warning("could not remove %s: %s", tmp, exc)


def _empty_result(
    settings: Settings, started: datetime, info: ListInfo, failures: Sequence[ArticleFailure]
) -> RunResult:
    """A RunResult for a run with nothing to screen: no engine needed, so it stays fast."""
    return RunResult(
        tool_version=__version__,
        started=started,
        settings=settings.items(),
        list_info=info,
        snapshots=(info,),
        articles=(),
        failures=tuple(failures),
        extractions=(),
        matches=(),
        findings=(),
        finished=datetime.now(UTC),
    )


def _with_summary(
    result: RunResult,
    *,
    run_id: int,
    new: int,
    skipped: int,
    rescreened: int,
    list_changed: bool,
    carried: int,
    changes: Sequence[FindingChange],
    alerts: Sequence[FindingChange],
    imports: ImportSummary,
    incidents: Sequence[Incident] = (),
    new_incidents: int = 0,
    joined: int = 0,
) -> RunResult:
    """Add the run's own facts (and what changed) to the report's summary lines."""
    from dataclasses import replace

    lines: list[tuple[str, str]] = [
        ("scheduled run", f"#{run_id}"),
        ("new articles screened", str(new)),
        ("articles already seen (skipped)", str(skipped)),
        ("articles screened again (list changed or --rescreen)", str(rescreened)),
        ("list changed since the last screening", "yes" if list_changed else "no"),
        ("carried over from interrupted runs", str(carried)),
        ("new apparent breaches alerted", str(len(alerts))),
        ("incidents (trips) touched by this run", str(len(incidents))),
        ("new incidents", str(new_incidents)),
        ("new findings that joined an earlier incident (no new alert)", str(joined)),
        ("decisions imported from workbooks", str(imports.added)),
    ]
    for p in imports.failed:
        lines.append(("workbook skipped", p.render()))
    for p in imports.invalid:
        lines.append(("invalid decision", p.render()))
    for c in list(changes)[:MAX_CHANGE_LINES]:
        lines.append((f"finding {c.change.value}", c.describe()))
    if len(changes) > MAX_CHANGE_LINES:
        lines.append(("more changes", f"{len(changes) - MAX_CHANGE_LINES} (see the run log)"))
    return replace(result, extra=(*result.extra, *lines))


def _write_report(
    result: RunResult,
    reports: Path,
    engine: EngineLike | None,
    previous: Mapping[str, Sequence[ReviewDecision]],
    incidents: Sequence[Incident] = (),
) -> Path:
    """Write the run's workbook (atomic; never overwrites) and return its path."""
    from travelban import report

    kwargs: dict[str, Any] = {"previous": previous, "incidents": incidents}
    if engine is not None:
        kwargs["entries"] = dict(engine.entries)
        regimes = getattr(engine, "regimes", None)
        if regimes is not None and hasattr(regimes, "table"):
            kwargs["regimes_table"] = regimes.table()
    path: Path = report.write_xlsx(result, reports, **kwargs)
    return path
