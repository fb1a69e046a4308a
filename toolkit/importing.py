"""`toolkit import`: published notices in, the master workbook out.

Reads every notice, gives each task a stable id, and writes the master; an
existing master is refused, replaced after a backup, or merged into without
losing what the clerk changed there.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .exceptions import MasterExists, ToolkitError
from .model import TEXT_LOST, Master, Notice, Problem, Section
from .outputs import Saved
from .notices import read_notice
from .notices.headings import SECTION, numeral_value
from .progress.settings import SHEET as SETTINGS_SHEET, settings_sheet
from .workbook import layout, read_master, safe
from .matching import fingerprint, held_notices, match, prefix_of
from .workbook.carry import carried_from
from .workbook.lock import master_lock
from .workbook.merge import merge_into_master
from .workbook.rows import unit_rows
from .workbook.write import write_master

TWICE = "{name} 被重复给出了两次，请每个通知只给一次。"
SAME_NOTICE = "{name} 与 {other} 是同一份通知（内容相同），只导入一次"
RECOGNISED = "{name} 与台账中已有的通知（{other}）内容相同，按同一通知合并，不重复加入"
# Sheets of the clerk's that `--force` keeps (besides 进展 and the aliases).
CARRIED_SHEETS = (layout.RECEIPTS, layout.PENDING, SETTINGS_SHEET)
EXISTS = (
    "{name} 已存在。要保留台账里的修改并加入新内容，请加 --merge；"
    "要重新生成（旧文件会先备份），请加 --force。"
)
_CATEGORY_NUMERAL = re.compile(r"^\(([一二三四五六七八九十]{1,3})\)")


@dataclass
class SectionSummary:
    """A section and how many tasks it gave."""

    part: str
    heading: str
    tasks: int


@dataclass
class NoticeSummary:
    """What one input file gave: the figures the clerk checks by eye."""

    file: str
    format: str
    encoding: str
    sections: list[SectionSummary]
    tasks: int
    livelihood: int
    duplicates: int
    text_lost: list[str]
    problems: list[Problem]
    meta_keys: list[str]
    first_leads_rule: str = ""

    def lines(self) -> list[str]:
        """Return this notice's part of the printed summary."""
        encoding = f"（{self.encoding}）" if self.encoding else ""
        lines = [f"【{self.file}】格式：{self.format}{encoding}，重点工作 {self.tasks} 项，民生实事 {self.livelihood} 项"]
        part = None
        for section in self.sections:
            if section.part != part and section.part:
                lines.append(f"  〔{section.part}〕")
            part = section.part
            lines.append(f"    {section.heading or '（未分组）'}：{section.tasks} 项")
        if self.first_leads_rule:
            lines.append(f"  通知规定“{self.first_leads_rule}”：没有标 * 的任务，已把列第一位的单位作为牵头单位")
        if self.duplicates:
            lines.append(f"  重复打印的页面已去重：跳过 {self.duplicates} 行")
        if self.text_lost:
            lines.append(f"  原文缺失的任务 {len(self.text_lost)} 项（已保留单位和领导，标记为“原文缺失”）：")
            lines += [f"    {task_id}" for task_id in self.text_lost]
        return lines


@dataclass
class ImportReport:
    """The result of an import, printed as a Chinese summary or as JSON."""

    output: str
    notices: list[NoticeSummary] = field(default_factory=list)
    units: int = 0
    groups: list[str] = field(default_factory=list)
    proposals: dict[str, list[str]] = field(default_factory=dict)
    backup: str = ""
    unchanged: bool = False
    merge: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        return [p for n in self.notices for p in n.problems]

    @property
    def ok(self) -> bool:
        """True when every input line was understood."""
        return not self.problems

    def to_dict(self) -> dict:
        """Return the summary as JSON-ready data (what `--json` prints)."""
        data = asdict(self)
        data["ok"] = self.ok
        for notice in data["notices"]:
            notice["problems"] = [
                {"file": p["source"], "line": p["line"], "reason": p["reason"], "text": p["text"]}
                for p in notice["problems"]
            ]
        return data

    def lines(self) -> list[str]:
        """Return the summary in Chinese: results, backup, problems, output."""
        results = self.result_lines()
        return results[:-1] + self.note_lines() + self.warning_lines() + results[-1:]

    def result_lines(self) -> list[str]:
        """Return what was imported and where it went (the command's stdout)."""
        lines = [line for notice in self.notices for line in notice.lines()]
        lines.append(f"责任单位 {self.units} 个；统称（不发函）{len(self.groups)} 个：{'、'.join(self.groups)}")
        for name, others in self.proposals.items():
            lines.append(f"  可能是同一单位：{name} ← {'、'.join(others)}（请在「单位」表的“别名”列确认）")
        lines += [f"  合并：{change}" for change in self.merge]
        if not self.problems:
            lines.append("所有行均已识别。")
        lines.append(f"无变化：{self.output} 与原有内容相同，未改写。" if self.unchanged else f"已写入 {self.output}")
        return lines

    def note_lines(self) -> list[str]:
        """Return the backup made, if any."""
        return [f"原台账已备份到 {self.backup}"] if self.backup else []

    def warning_lines(self) -> list[str]:
        """Return the lines not understood, one per line with their count."""
        if not self.problems:
            return []
        return ([f"有 {len(self.problems)} 行无法识别（已写入的台账不含这些行）："]
                + [f"  {line}" for line in problem_lines(self.problems)])


def problem_lines(problems: list[Problem]) -> list[str]:
    """Return one line per problem, runs of one reason on consecutive lines
    folded into one (`…:5–140 共136行 表格行前没有表头`): an English header row
    must not bury the other problems.  --json lists every line."""
    lines, run = [], []
    for problem in problems + [None]:
        if run and (problem is None or (problem.source, problem.reason) != (run[0].source, run[0].reason)
                    or problem.line != run[-1].line + 1):
            first, last = run[0], run[-1]
            lines += [str(p) for p in run] if len(run) < 3 else [
                f"{first.source}:{first.line}–{last.line} 共{len(run)}行 {first.reason}，第一行：{first.text[:40]}"]
            run = []
        if problem is not None:
            run.append(problem)
    return lines


def assign_ids(notice: Notice, prefix: str = "") -> None:
    """Give every task and 民生实事 item of `notice` a stable id.

    `02-05` is task 5 of section 二; parts after the first are prefixed
    (`高新区-03-02`).  Ids derive from what is printed (numerals, 序号), not
    from positions, so importing the same notice again gives the same ids.
    """
    parts = notice.parts
    used: dict[str, set[int]] = {}
    for section in notice.sections:
        taken = used.setdefault(section.part, set())
        number = _section_number(section)
        if number in taken:
            number = max(taken) + 1
        taken.add(number)
        part_prefix = ""
        if section.part and parts.index(section.part) > 0:
            part_prefix = re.sub(r"[（(].*?[)）]", "", section.part) + "-"
        _number_tasks(section, f"{prefix}{part_prefix}{number:02d}-")
    counts: dict[str, int] = {}
    for item in notice.livelihood:
        counts[item.number] = counts.get(item.number, 0) + 1
        number = f"{int(item.number):02d}" if item.number.isdigit() else item.number
        item.id = f"{prefix}民生-{number}-{counts[item.number]:02d}"


def _section_number(section: Section) -> int:
    match = SECTION.match(section.heading) or _CATEGORY_NUMERAL.match(section.heading)
    return numeral_value(match.group(1)) if match else 0


def _number_tasks(section: Section, prefix: str) -> None:
    numbers = [t.number for t in section.tasks]
    unique = all(n.isdigit() for n in numbers) and len(set(numbers)) == len(numbers)
    width = 3 if len(section.tasks) > 99 or any(len(n) > 2 for n in numbers) else 2
    for index, task in enumerate(section.tasks, start=1):
        local = int(task.number) if unique else index
        task.id = f"{prefix}{local:0{width}d}"


def read_notices(paths: list[Path], first_leads: bool = False,
                 columns: dict[str, str] | None = None) -> tuple[list[Notice], list[str]]:
    """Return the notices at `paths`, ids assigned, and a line per file left
    out because it is a notice given before under another name or format.

    Ids are prefixed by file stem when several notices go into one master,
    so their ids cannot collide.
    """
    resolved = [p.resolve() for p in paths]
    for path in paths:
        if resolved.count(path.resolve()) > 1:
            raise ToolkitError(TWICE.format(name=path.name))
    notices: list[Notice] = []
    kept: list[Path] = []
    lines = []
    for path in paths:
        notice, _ = read_notice(path, first_leads=first_leads, columns=columns)
        assign_ids(notice)
        earlier = next((n for n in notices if match(notice, {"": fingerprint(n.tasks)}) is not None), None)
        if earlier is not None:
            lines.append(SAME_NOTICE.format(name=notice.source, other=earlier.source))
            continue
        notices.append(notice)
        kept.append(path)
    if len(notices) > 1:
        for notice, prefix in zip(notices, _unique_prefixes(kept)):
            assign_ids(notice, prefix=prefix)
    return notices, lines


def _unique_prefixes(paths: list[Path]) -> list[str]:
    """Return `stem/` per path, numbered when two files share a name."""
    seen: dict[str, int] = {}
    prefixes = []
    for path in paths:
        seen[path.stem] = seen.get(path.stem, 0) + 1
        count = seen[path.stem]
        prefixes.append(f"{path.stem}/" if count == 1 else f"{path.stem}-{count}/")
    return prefixes


def _separate_new_notices(notices: list[Notice], master: Master) -> list[str]:
    """Give each notice the ids of the notice the master holds with the same
    content (whatever its file name or format), or a new prefix.

    Every notice numbers its tasks `02-01`…; merging a second notice into a
    master must not match its tasks with the first one's, and merging the
    same notice again (a .docx of it, a corrected copy) must add nothing.
    Return a line per notice recognised under another name or prefixed.
    """
    held = held_notices(master.notice.tasks)
    if not held:
        return []
    sources: dict[str, set[str]] = {}
    for task in master.notice.tasks:
        sources.setdefault(prefix_of(task.id), set()).add(task.source.rsplit(":", 1)[0])
    lines = []
    for notice in notices:
        prefix = match(notice, held)
        if prefix is not None:
            assign_ids(notice, prefix=prefix)
            if notice.source not in sources.get(prefix, set()):
                known = "、".join(sorted(s for s in sources.get(prefix, set()) if s)) or "原通知"
                lines.append(RECOGNISED.format(name=notice.source, other=known))
            continue
        prefix = _free_prefix(Path(notice.source).stem, held)
        assign_ids(notice, prefix=prefix)
        held[prefix] = fingerprint(notice.tasks)
        lines.append(f"{notice.source} 不是台账原先导入的通知，编号加前缀「{prefix}」作为新任务加入")
    return lines


def _free_prefix(stem: str, held: dict[str, dict[str, str]]) -> str:
    """Return `stem/`, numbered when a notice of the master already uses it."""
    prefix, count = f"{stem}/", 1
    while prefix in held:
        count += 1
        prefix = f"{stem}-{count}/"
    return prefix


def combine(notices: list[Notice]) -> Notice:
    """Return one notice holding the sections and items of all `notices`."""
    combined = Notice(source="、".join(n.source for n in notices))
    for notice in notices:
        combined.sections += notice.sections
        combined.livelihood += notice.livelihood
        for key, value in notice.meta.items():
            combined.meta.setdefault(key, value)
    return combined


def _existing_master(output: Path, merge: bool, force: bool) -> Master | None:
    """Return the master already at `output` (None when there is none).

    Raises MasterLocked while it is open, MasterExists unless `merge` or
    `force`.  With `force`, an unreadable file is simply replaced; a master
    replaced keeps its 台账标识, so forms already sent out still match it.
    """
    if not output.exists():
        return None
    safe.check_unlocked(output)
    if not (merge or force):
        raise MasterExists(EXISTS.format(name=output.name))
    try:
        return read_master(output)
    except ToolkitError:
        if merge:
            raise
        return Master(notice=Notice(), path=str(output))


def summarise(notice: Notice) -> NoticeSummary:
    """Return the summary figures of one notice."""
    return NoticeSummary(
        file=notice.source, format=notice.format, encoding=notice.encoding,
        sections=[SectionSummary(s.part, s.heading, len(s.tasks)) for s in notice.sections],
        tasks=len(notice.tasks), livelihood=len(notice.livelihood),
        duplicates=notice.duplicates,
        text_lost=[t.id for t in notice.tasks if TEXT_LOST in t.flags],
        problems=list(notice.problems), meta_keys=list(notice.meta),
        first_leads_rule=notice.first_leads_rule,
    )


def import_notices(paths: list[Path], output: Path, first_leads: bool = False,
                   force: bool = False, merge: bool = False,
                   columns: dict[str, str] | None = None) -> ImportReport:
    """Import the notices at `paths` into the master workbook `output`.

    An existing `output` is refused (MasterExists) unless `merge` (keep the
    clerk's edits, add what is new, report differences) or `force`
    (replace it).  The old file is backed up into 备份/ only when the
    content changes.  Raises ToolkitError subclasses
    for unreadable inputs; problems inside a notice are in the report.
    """
    notices, repeated = read_notices([Path(p) for p in paths], first_leads, columns)
    output = Path(output)
    # One writer at a time: the master is read under the lock.
    with master_lock(output):
        return _import(notices, repeated, output, force, merge)


def _import(notices: list[Notice], repeated: list[str], output: Path, force: bool, merge: bool) -> ImportReport:
    """Write or merge `notices` into `output` (the caller holds its lock)."""
    existing = _existing_master(output, merge, force)
    separated = _separate_new_notices(notices, existing) if merge and existing else []
    notice = combine(notices)
    report = ImportReport(output=str(output), notices=[summarise(n) for n in notices], merge=repeated + separated)
    if existing is not None:
        # Forms already sent out must still match (and verify against) it.
        for key in (layout.MASTER_ID_KEY, layout.FORM_KEY, layout.SIGNED_FROM_KEY):
            if (value := existing.notice.meta.get(key)):
                notice.meta[key] = value
    if merge and existing is not None:
        changes, units, saved = merge_into_master(output, notice)
        report.merge += changes
    else:
        units, saved = _write_new(output, notice, report, replacing=existing is not None)
    report.backup = str(saved.backup or "")
    report.unchanged = not saved.changed
    report.units = sum(1 for u in units if not u.is_group)
    report.groups = [u.name for u in units if u.is_group]
    report.proposals = {u.name: u.suggested for u in units if u.suggested}
    return report


def _write_new(output: Path, notice: Notice, report: ImportReport, replacing: bool) -> tuple[list, Saved]:
    """Write `notice` as a new master at `output`; return its units and
    what saving did (unchanged, backup).

    A master being replaced (`--force`) gives its progress, receipts,
    pending returns, settings and confirmed aliases to the new one.
    """
    carried = carried_from(output, CARRIED_SHEETS) if replacing else None
    sheets = list(carried.sheets) if carried else []
    if not any(name == SETTINGS_SHEET for name, _, _ in sheets):
        # A new master gets the 设置 sheet with its defaults, for the clerk to edit.
        sheets.insert(0, settings_sheet())
    sheets.sort(key=lambda sheet: sheet[0] != SETTINGS_SHEET)
    units = unit_rows(notice, carried.units if carried else None)
    progress = carried.progress if carried else []
    saved = safe.save(output, lambda tmp: write_master(tmp, notice, units, progress, extra_sheets=sheets))
    if carried and carried.line() and saved.changed:
        report.merge.append(carried.line())
    return units, saved


__all__ = ["ImportReport", "assign_ids", "import_notices"]
