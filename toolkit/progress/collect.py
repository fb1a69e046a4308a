"""Merge returned progress forms into the master's 进展 sheet.

Order of work: refuse early (lock file), read everything, decide every row,
then write the master once: backup first, temp file, atomic rename.  A
process killed at any moment leaves the old master or the new one.
"""

from __future__ import annotations

import gc
import zipfile
from collections.abc import Callable
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from xlsxwriter.exceptions import XlsxFileError

from ..exceptions import ToolkitError
from ..workbook import layout, safe
from ..workbook.fastread import Book
from ..workbook.lock import master_lock
from ..workbook.package import Package
from ..workbook.read import master_from_book, open_master
from . import common as c
from .check import Refusal, check_form, recorded_time, trusted_saved_at
from .formquarter import forms_quarter
from .intake import intake_problems
from .ledger import CONFLICT, KEPT_APART, NEW, OLDER, SAME, Ledger
from .report import CollectReport, FileOutcome, write_report
from .returns import OTHER_SHEETS, SUFFIXES, Received, held_size, receive



class ReportIsInput(ToolkitError):
    """The report path names one of the returned files (bad usage)."""


R_OLDER = "本单位已报送过更新的版本（{file}），本表较旧，未合并"
NOT_SAVED = "无法保存总台账 {name}：{why}。总台账保持原样，请检查磁盘空间和写入权限后重试。"
REPORT_FAILED = "收文报告未能写入 {path}（{why}），可能正被 Excel/WPS 打开；总台账已照常更新。"
R_UNREADABLE = "无法打开该文件（{why}）"
R_CONFLICT = "与已采用的报送（{file}）内容不同，已放入“进展待定”表，请在“采用”列选定"
R_FAILED = "处理该文件时出错（{why}），本文件未合并，其他文件照常处理。请让单位重新另存后报送，并把该文件发给技术人员。"
REPORT_IS_INPUT = "收文报告的位置 {path} 是要收的文件之一，写报告会覆盖它。请用 --report 换一个位置。"
R_CHANGED = "文件在收文过程中被改动，未合并。请在文件不再变动后重新收文。"
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
# Characters of returned text held in memory between reading and merging;
# beyond it rows are read again when merged (600 real returns hold ~1 M).
HOLD_BUDGET = 20_000_000


def collect_returns(master_path: Path | str, paths: list[Path | str], quarter: str | None,
                    report_path: Path | str | Callable[[str], Path] | None = None,
                    now: datetime | None = None) -> CollectReport:
    """Merge the forms in `paths` (files or folders) into the master's 进展.

    Without `quarter` the forms' own quarter is used (formquarter.py), and
    `report_path` may be a function of that quarter (the default name).
    Returns the report; `report.ok` is False when any row was refused or
    kept apart.  Raises MasterLocked while the master is open in Excel/WPS,
    WorkbookError when it is not a master, BadQuarter for a bad `quarter`,
    QuarterUnknown when no quarter is given and the forms name several.
    """
    quarter = c.parse_quarter(quarter) if quarter else ""
    master_path = Path(master_path)
    safe.check_unlocked(master_path)
    stamp = (now or datetime.now()).strftime(TIME_FORMAT)
    # A save time after this is in the future (`now` may be set back in tests).
    clock = max(stamp, datetime.now().strftime(TIME_FORMAT))
    files = expand(paths)
    if report_path is not None and not callable(report_path):
        check_report_path(Path(report_path), files)
    # One writer at a time: the master is read under the lock, so a run
    # that waited never saves over the rows the other one added.
    with master_lock(master_path), _gc_paused():
        package, book, master = _load(master_path)
        try:
            report = _merge_all(master_path, package, book, master, paths, files, quarter, stamp, clock)
        finally:
            package.close()
            book.close()
    if callable(report_path):
        report_path = _named_report(report_path(report.quarter), files, report)
    if report_path is not None:
        try:
            write_report(report, Path(report_path))
            report.report_path = str(report_path)
        except (OSError, XlsxFileError) as exc:
            # The master is already saved: say so rather than fail the run.
            report.report_error = REPORT_FAILED.format(path=report_path, why=c.write_reason(exc))
    return report


def _merge_all(master_path: Path, package: Package, book, master, paths: list[Path | str], files: list[Path],
               quarter: str, stamp: str, clock: str) -> CollectReport:
    """Merge every file into the ledger, then save the master once."""
    # Reading forms in worker processes was measured slower here: the
    # master load competes for the same cores.
    # Newest first: when one run holds two returns of a unit, the newer
    # is taken and the older refused, as across runs.
    received = sorted(_read_all(files), key=lambda item: _order(item, clock), reverse=True)
    key = c.master_key(master)
    quarter = quarter or forms_quarter(received, key)
    ledger = Ledger(package, book, master.canonical, quarters={quarter})
    report = CollectReport(master=str(master_path), quarter=quarter)
    report.picks = ledger.apply_picks()
    for item in received:
        report.files.append(_collect_one(item, master, key, quarter, ledger, report, stamp, clock))
    _who(report, master, ledger, quarter)
    report.problems = intake_problems(paths, report.files)
    if ledger.changed:
        ledger.finish()
        _save(master_path, package, report)
    return report


def _named_report(path: Path, files: list[Path], report: CollectReport) -> Path | None:
    """Return the report's default `path`, or None (and say why) when it
    names one of the returned files."""
    try:
        check_report_path(path, files)
    except ReportIsInput as exc:
        report.report_error = str(exc)
        return None
    return path


def _save(master_path: Path, package: Package, report: CollectReport) -> None:
    """Back up the master, then replace it atomically with the package
    (only the progress sheets rewritten)."""
    safe.check_unlocked(master_path)
    try:
        # The ledger changed rows: the content differs, no need to compare.
        saved = safe.atomic_write(master_path, package.save, backup_changed=True, known_changed=True)
        report.backup = str(saved.backup or "")
    except OSError as exc:
        raise ToolkitError(NOT_SAVED.format(name=master_path.name, why=safe.os_reason(exc))) from exc
    report.written = saved.changed


@contextmanager
def _gc_paused():
    """Pause the cyclic garbage collector: openpyxl allocates a few hundred
    thousand cell objects, and repeated full scans of them cost ~10 %."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def expand(paths: list[Path | str]) -> list[Path]:
    """Return the spreadsheet files named by `paths`, folders searched
    recursively; office lock files and hidden files are skipped."""
    found: dict[Path, None] = {}
    for item in map(Path, paths):
        candidates = sorted(item.rglob("*")) if item.is_dir() else [item]
        for path in candidates:
            name = path.name
            if path.is_dir() or name.startswith(("~$", ".~lock", ".")):
                continue
            if item.is_dir() and path.suffix.lower() not in SUFFIXES + OTHER_SHEETS:
                continue
            found.setdefault(path, None)
    return list(found)


def _load(path: Path):
    """Return the master's package (for writing its progress sheets), its
    calamine workbook and the Master it holds (进展 read by the Ledger)."""
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        open_master(path)  # raises the clerk's message for a wrong file type
    book = Book(path)
    try:
        master = master_from_book(book, path, progress=False)
        return Package(path), book, master
    except BaseException:
        book.close()
        raise


def _order(item: Received, now: str) -> str:
    """Return the save time that orders returns (newest first); a time that
    cannot be trusted sorts as unknown."""
    return trusted_saved_at(item.form, now)[0] if item.form is not None else ""


def check_report_path(report: Path, files: list[Path]) -> None:
    """Raise ReportIsInput when writing the report at `report` would
    overwrite one of the files being collected."""
    target = _identity(report)
    if target is None or _is_report(report):
        return  # a new file, or this tool's own report of an earlier run
    if any(_identity(f) == target for f in files):
        raise ReportIsInput(REPORT_IS_INPUT.format(path=report))


def _is_report(path: Path) -> bool:
    """Return True when `path` holds a collect report (its sheets, and no
    form marker), which a folder scan may list beside the returns."""
    try:
        with zipfile.ZipFile(path) as archive, archive.open("xl/workbook.xml") as fh:
            head = fh.read(65536)
    except (OSError, KeyError, zipfile.BadZipFile, EOFError, ValueError):
        return False
    return "收到的文件".encode() in head and c.MARKER_SHEET.encode() not in head


def _identity(path: Path) -> tuple[int, int] | None:
    """Return the (device, inode) of the file at `path`, links followed, or
    None when there is none (a path that names no file yet is no input)."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _read_all(paths: list[Path]) -> list[Received]:
    """Return each file read and hashed once, with its form or the reason
    it was refused (a file that cannot be read at all has no hash)."""
    out, held = [], 0
    for path in paths:
        try:
            item = receive(path)
        except OSError as exc:
            item = Received(path, "", rejected=c.FormRejected(R_UNREADABLE.format(why=safe.os_reason(exc))))
        if item.form is not None:
            size = held_size(item.form)
            if held + size > HOLD_BUDGET:
                # Many huge returns must not add up: keep the marker and
                # the save time, read the rows again when merging.
                item.form.rows, item.reload = [], True
            else:
                held += size
        out.append(item)
    return out


def _reloaded(item: Received) -> Received:
    """Return `item` with its rows read again from disk; a file changed
    since the first reading is refused."""
    if not item.reload:
        return item
    try:
        fresh = receive(item.path)
    except OSError as exc:
        return Received(item.path, item.sha256, rejected=c.FormRejected(R_UNREADABLE.format(why=safe.os_reason(exc))))
    if fresh.sha256 != item.sha256:
        return Received(item.path, item.sha256, rejected=c.FormRejected(R_CHANGED))
    return fresh


def _collect_one(item: Received, master, key: str, quarter: str,
                 ledger: Ledger, report: CollectReport, stamp: str, clock: str) -> FileOutcome:
    """Return what became of one file.  Whatever goes wrong with it is its
    own refusal: the other files are still merged."""
    try:
        return _merge_one(item, master, key, quarter, ledger, report, stamp, clock)
    except Exception as exc:  # noqa: BLE001 - one hostile file must not stop the run
        why = R_FAILED.format(why=type(exc).__name__)
        outcome = FileOutcome(c.clean_text(item.path.name), sha256=item.sha256, rejected=why)
        report.refused.append(Refusal(outcome.name, "", 0, "", why))
        return outcome


def _merge_one(item: Received, master, key: str, quarter: str,
               ledger: Ledger, report: CollectReport, stamp: str, clock: str) -> FileOutcome:
    item = _reloaded(item)
    path, form = item.path, item.form
    name = c.clean_text(path.name)
    outcome = FileOutcome(name, sha256=item.sha256)
    try:
        if item.rejected is not None:
            raise item.rejected
        outcome.saved_at = recorded_time(form.saved_at, clock)
        outcome.unit = master.canonical(form.marker.get(c.K_UNIT, ""))
        outcome.seen_before = ledger.seen(item.sha256)
        checked = check_form(master, key, quarter, form, clock)
    except c.FormRejected as exc:
        outcome.rejected = str(exc)
        report.refused.append(Refusal(name, outcome.unit, 0, "", str(exc)))
        _log(ledger, outcome, stamp, quarter, str(exc))
        return outcome
    outcome.blank = checked.blank
    report.refused.extend(checked.refused)
    report.warnings.extend(checked.warnings)
    outcome.refused = len(checked.refused)
    # A save time in the future is logged as unknown, so it never makes a
    # later return look older; one before the form was written is kept for
    # the record (it can only make this file look old) but, like the
    # future one, is not used to order this run's returns.
    for entry in checked.entries:
        merged = ledger.merge(entry, checked.saved_at, stamp)
        if merged.outcome == NEW:
            outcome.taken += 1
        elif merged.outcome == SAME:
            outcome.same += 1
        elif merged.outcome == OLDER:
            outcome.refused += 1
            outcome.older += 1
            report.refused.append(Refusal(name, outcome.unit, 0, entry.task_id,
                                          f"编号 {entry.task_id}：" + R_OLDER.format(file=merged.other_file)))
        elif merged.outcome in (CONFLICT, KEPT_APART):
            outcome.conflicts += 1
            report.conflicts.append(Refusal(name, outcome.unit, 0, entry.task_id,
                                            f"编号 {entry.task_id}：" + R_CONFLICT.format(file=merged.other_file)))
    doubts = [w.reason for w in checked.warnings if w.line == 0]
    reasons = "；".join(dict.fromkeys([r.reason for r in checked.refused] + doubts))
    _log(ledger, outcome, stamp, quarter, reasons)
    return outcome


def _log(ledger: Ledger, outcome: FileOutcome, stamp: str, quarter: str, why: str) -> None:
    if not outcome.sha256:
        return  # a file that could not be read has no hash: nothing to record
    # Reasons may quote the file (a sheet's name): nothing a workbook cannot hold.
    ledger.log({"收文时间": stamp, "文件": outcome.name, "SHA-256": outcome.sha256,
                "填报单位": c.clean_text(outcome.unit), "季度": quarter, "保存时间": outcome.saved_at,
                "采纳行数": outcome.taken, "拒收行数": outcome.refused, "原因": c.clean_text(why)})


def _who(report: CollectReport, master, ledger: Ledger, quarter: str) -> None:
    """Fill returned/missing: a unit has returned once 进展 holds one entry
    of it for `quarter`."""
    done = {unit for (_, q, unit) in ledger.entries if q == quarter}
    units = master.receiving_units()
    report.returned = [u for u in units if u in done]
    report.missing = [u for u in units if u not in done]
