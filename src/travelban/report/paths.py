"""Where a report goes: derived file names, folders created, nothing ever overwritten.

A report is first written to a hidden temporary file in the destination folder. It is
then published with a hard link, which fails instead of replacing an existing file, so
two runs racing for the same name cannot overwrite each other; where hard links are not
supported it falls back to a check followed by ``os.replace``. On any failure the
temporary file is removed, so no partial report is ever left behind.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from travelban.errors import ReportError
from travelban.models import RunResult

log = logging.getLogger(__name__)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_FILE_MODE = 0o666 & ~_umask()
_NO_CLOBBER = "travelban never overwrites a report: choose a new file name, or give a folder"


def report_stem(result: RunResult) -> str:
    """``travelban-<run time>-list-<list date>``: the base of derived report file names."""
    run = result.started.strftime("%Y%m%d-%H%M%S")
    listed = result.list_info.generated_date
    return f"travelban-{run}-list-{listed.isoformat() if listed else 'undated'}"


def _os_problem(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return "the disk is full (or the file is larger than allowed)"
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "the folder is not writable"
    return exc.strerror or str(exc)


def _file_in_the_way(folder: Path) -> Path | None:
    """The nearest existing ancestor of ``folder`` (or itself) when it is not a folder."""
    for p in (folder, *folder.parents):
        if p.exists() or p.is_symlink():
            return None if p.is_dir() else p
    return None


def _in_the_way(folder: Path, blocker: Path) -> ReportError:
    what = "a file of that name is in the way" if blocker == folder else f"{blocker} is a file"
    return ReportError(
        f"cannot create the output folder: {what}",
        path=folder,
        fix="give another folder, or move that file away",
    )


def check_destination(out: Path, suffix: str, *, folder_only: bool = False) -> None:
    """Refuse early (ReportError) an output path the writers would refuse; creates nothing.

    ``folder_only`` is for outputs of several files (CSV), which need a folder.
    """
    out = Path(out)
    if folder_only and not out.is_dir() and (out.exists() or out.suffix):
        raise ReportError(
            "this output needs a folder, and this is "
            + ("an existing file" if out.exists() else "a file name"),
            path=out,
            fix="give a folder (it is created when missing)",
        )
    if out.is_dir():
        folder = out
    elif out.exists() or out.is_symlink():
        raise ReportError("a file of that name already exists", path=out, fix=_NO_CLOBBER)
    elif out.suffix.lower() == suffix:
        folder = out.parent
    elif out.suffix == "":
        folder = out
    else:
        raise ReportError(
            f"a {suffix} report cannot be written to a '{out.suffix}' file",
            path=out,
            fix=f"give a file name ending in {suffix}, or a folder",
        )
    blocker = _file_in_the_way(folder)
    if blocker is not None:
        raise _in_the_way(folder, blocker)
    existing = next((p for p in (folder, *folder.parents) if p.is_dir()), None)
    if existing is not None and not os.access(existing, os.W_OK | os.X_OK):
        raise ReportError(
            "the folder is not writable",
            path=existing,
            fix="give a folder you can write to",
        )


def ensure_folder(folder: Path) -> None:
    """Create ``folder`` (and its parents) or raise ReportError saying why not."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError) as exc:
        raise _in_the_way(folder, _file_in_the_way(folder) or folder) from exc
    except OSError as exc:
        raise ReportError(
            f"cannot create the output folder: {_os_problem(exc)}",
            path=folder,
            fix="give a folder you can write to",
        ) from exc
    if not folder.is_dir():
        raise ReportError("the output path is not a folder", path=folder, fix="give a folder")


def plan(out: Path, result: RunResult, suffix: str) -> tuple[Path, bool]:
    """(target file, True when a numeric suffix may be added because ``out`` named a folder)."""
    out = Path(out)
    if out.is_dir():
        return out / f"{report_stem(result)}{suffix}", True
    if out.exists() or out.is_symlink():
        raise ReportError("a file of that name already exists", path=out, fix=_NO_CLOBBER)
    if out.suffix.lower() == suffix:
        ensure_folder(out.parent)
        return out, False
    if out.suffix == "":
        ensure_folder(out)
        return out / f"{report_stem(result)}{suffix}", True
    raise ReportError(
        f"a {suffix} report cannot be written to a '{out.suffix}' file",
        path=out,
        fix=f"give a file name ending in {suffix}, or a folder",
    )


def _numbered(target: Path, n: int) -> Path:
    return target if n == 1 else target.with_name(f"{target.stem}-{n}{target.suffix}")


def _place(tmp: Path, candidate: Path, keep_tmp: bool) -> bool:
    """Give ``tmp``'s content the name ``candidate``; False when that name is taken."""
    try:
        os.link(tmp, candidate)
    except FileExistsError:
        return False
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        # No hard links here (some network and FAT file systems): check, then rename.
        if candidate.exists():
            return False
        os.replace(tmp, candidate)
        return True
    if not keep_tmp:
        tmp.unlink()
    return True


def _publish(tmp: Path, target: Path, numbered: bool) -> Path:
    for n in range(1, 1000 if numbered else 2):
        candidate = _numbered(target, n)
        if _place(tmp, candidate, keep_tmp=False):
            return candidate
    raise ReportError("a file of that name already exists", path=target, fix=_NO_CLOBBER)


@contextlib.contextmanager
def _temp_in(folder: Path, suffix: str) -> Iterator[Path]:
    try:
        fd, name = tempfile.mkstemp(prefix=".travelban-", suffix=suffix + ".tmp", dir=folder)
    except OSError as exc:
        raise ReportError(
            f"cannot write the report: {_os_problem(exc)}",
            path=folder,
            fix="give a folder you can write to",
        ) from exc
    os.close(fd)
    tmp = Path(name)
    # mkstemp makes the file private (0600); a report is shared like any file the user saves
    with contextlib.suppress(OSError):
        os.chmod(tmp, _FILE_MODE)
    try:
        yield tmp
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def write_atomically(target: Path, numbered: bool, write: Callable[[Path], None]) -> Path:
    """Call ``write(temp_path)``, then publish the temp file as ``target`` without clobbering."""
    with _temp_in(target.parent, target.suffix) as tmp:
        try:
            write(tmp)
            return _publish(tmp, target, numbered)
        except ReportError:
            raise
        except OSError as exc:
            raise ReportError(
                f"cannot write the report: {_os_problem(exc)}",
                path=target,
                fix="free some space or choose another folder; nothing was left behind",
            ) from exc


def write_group_atomically(
    folder: Path,
    names_for: Callable[[int], list[Path]],
    numbered: bool,
    write: Callable[[list[Path]], None],
) -> list[Path]:
    """Write files that belong together (``names_for(n)``: n-th choice of names); all or none."""
    first = names_for(1)
    with contextlib.ExitStack() as stack:
        tmps = [stack.enter_context(_temp_in(folder, p.suffix)) for p in first]
        try:
            write(tmps)
        except OSError as exc:
            raise ReportError(
                f"cannot write the report: {_os_problem(exc)}",
                path=folder,
                fix="free some space or choose another folder; nothing was left behind",
            ) from exc
        for n in range(1, 1000 if numbered else 2):
            names = names_for(n)
            if any(p.exists() for p in names):
                continue
            done: list[Path] = []
            try:
                for tmp, name in zip(tmps, names, strict=True):
                    if not _place(tmp, name, keep_tmp=True):
                        raise FileExistsError(name)
                    done.append(name)
            except FileExistsError:
                for p in done:  # a file appeared under our feet: take back the set
                    p.unlink(missing_ok=True)
                continue
            except OSError as exc:
                for p in done:
                    p.unlink(missing_ok=True)
                raise ReportError(
                    f"cannot write the report: {_os_problem(exc)}",
                    path=folder,
                    fix="free some space or choose another folder; nothing was left behind",
                ) from exc
            return done
    raise ReportError("files of those names already exist", path=first[0], fix=_NO_CLOBBER)
