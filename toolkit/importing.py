"""`toolkit import`: published notices in, the master workbook out.

Reads every notice, gives each task a stable id, and writes the master; an
existing master is refused, replaced after a backup, or merged into without
losing what the clerk changed there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .exceptions import MasterExists, ToolkitError
from .model import TEXT_LOST, Notice, Problem, Section
from .notices import Format, read_notice
from .notices.headings import SECTION, numeral_value
from .workbook import layout, read_master, safe
from .workbook.rows import unit_rows
from .workbook.write import write_master

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


@dataclass
class ImportReport:
    """The result of an import, printed as a Chinese summary or as JSON."""

    output: str
    notices: list[NoticeSummary] = field(default_factory=list)
    units: int = 0
    groups: list[str] = field(default_factory=list)
    proposals: dict[str, list[str]] = field(default_factory=dict)
    backup: str = ""
    merge: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        return [p for n in self.notices for p in n.problems]

    @property
    def ok(self) -> bool:
        """True when every input line was understood."""
        return not self.problems


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
        if number in taken or (number == 0 and 0 in taken):
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


def read_notices(paths: list[Path], first_leads: bool = False) -> list[Notice]:
    """Return the notices at `paths`, ids assigned (prefixed by file stem when
    several notices go into one master, so their ids cannot collide)."""
    notices = []
    for path in paths:
        notice, _ = read_notice(path, first_leads=first_leads)
        assign_ids(notice, prefix=f"{path.stem}/" if len(paths) > 1 else "")
        notices.append(notice)
    return notices


def combine(notices: list[Notice]) -> Notice:
    """Return one notice holding the sections and items of all `notices`."""
    combined = Notice(source="、".join(n.source for n in notices))
    for notice in notices:
        combined.sections += notice.sections
        combined.livelihood += notice.livelihood
        for key, value in notice.meta.items():
            combined.meta.setdefault(key, value)
    return combined


def _master_id(path: Path) -> str:
    """Return the 台账标识 of the master at `path`, '' when it has none or
    cannot be read: a master replaced with --force keeps its identity, so
    forms already sent out still match it."""
    try:
        return read_master(path).notice.meta.get(layout.MASTER_ID_KEY, "")
    except ToolkitError:
        return ""


def summarise(notice: Notice) -> NoticeSummary:
    """Return the summary figures of one notice."""
    return NoticeSummary(
        file=notice.source, format=notice.format, encoding=notice.encoding,
        sections=[SectionSummary(s.part, s.heading, len(s.tasks)) for s in notice.sections],
        tasks=len(notice.tasks), livelihood=len(notice.livelihood),
        duplicates=notice.duplicates,
        text_lost=[t.id for t in notice.tasks if TEXT_LOST in t.flags],
        problems=list(notice.problems), meta_keys=list(notice.meta),
    )


def import_notices(paths: list[Path], output: Path, first_leads: bool = False,
                   force: bool = False, merge: bool = False) -> ImportReport:
    """Import the notices at `paths` into the master workbook `output`.

    An existing `output` is refused (MasterExists) unless `merge` (keep the
    clerk's edits, add what is new, report differences) or `force`
    (replace it after a timestamped backup).  Raises ToolkitError subclasses
    for unreadable inputs; problems inside a notice are in the report.
    """
    notices = read_notices([Path(p) for p in paths], first_leads)
    notice = combine(notices)
    report = ImportReport(output=str(output), notices=[summarise(n) for n in notices])
    output = Path(output)
    if output.exists():
        safe.check_unlocked(output)
        if not (merge or force):
            raise MasterExists(EXISTS.format(name=output.name))
        backup = safe.backup(output)
        report.backup = str(backup) if backup else ""
        if (identity := _master_id(output)):
            notice.meta[layout.MASTER_ID_KEY] = identity
    if merge and output.exists():
        from .workbook.merge import merge_into_master

        report.merge, units = merge_into_master(output, notice, report.backup)
    else:
        units = unit_rows(notice)
        safe.save(output, lambda tmp: write_master(tmp, notice, units))
    report.units = sum(1 for u in units if not u.is_group)
    report.groups = [u.name for u in units if u.is_group]
    report.proposals = {u.name: u.suggested for u in units if u.suggested}
    return report


__all__ = ["Format", "ImportReport", "assign_ids", "import_notices"]
