"""The rows of the notice's tables as cell text, for Word and the web page alike.

One place decides what a row prints (the clerk's unit names, lead units
first with `*`; `（6）text` in category tables), so the .docx and the .html
always agree and both read back into the same master.  A cell covered by
the merged cell above it is None: notice.py turns that into Word's vertical
merge, html.py into `rowspan`.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Sequence

from ..model import LivelihoodItem, Master, Section, Task
from ..notices.headings import leader_of
from ..units import format_units, split_units

Cell = str | None

LIVELIHOOD_HEADERS = ("序号", "项目名称", "项目内容", "牵头领导", "牵头单位")
# Older notices laid out by category: 项目 spans the two category columns.
CATEGORY_HEADERS = ("项目", "内容和要求", "责任单位", "牵头领导")
CATEGORY_HEADER_SPANS = (2, 1, 1, 1)


def units_cell(master: Master, task: Task) -> str:
    """Return the 责任单位 cell exactly as the source notice printed it
    (`…、区财政局，各街镇` keeps its `，`, a lone `*区金融办` its star) while
    it still says what the master says; else the clerk's unit names, lead
    units first with `*` (an alias confirmed, units edited, a cell with
    PDF spaces)."""
    printed = task.units_cell.strip()
    if printed and as_printed(master, task, printed):
        return printed
    return format_units(master.canonical_units(task))


def as_printed(master: Master, task: Task, printed: str) -> bool:
    """Return True if the printed cell names exactly the task's units, with
    the same leads, under the clerk's names, and has no stray spaces."""
    if re.search(r"\s", printed):
        return False
    cell = [(ref.name, ref.lead) for ref in split_units(printed)]
    units = [(ref.name, ref.lead) for ref in task.units]
    return cell == units and all(master.canonical(name) == name for name, _ in units)


def task_columns(section: Section, remarks: bool) -> list[tuple[str, str]]:
    """Return the (role, header) columns of a section's task table.

    The 量化任务 column appears when the section printed one and keeps its
    header (e.g. 区本级任务数); 责任领导 when the heading does not name each
    task's leader (so the notice reads back with them); 完成时限 when a task of the section has one;
    备注 when any task of the notice has one.
    """
    columns = [("number", "序号"), ("text", "重点工作")]
    if section.target_label or any(t.target for t in section.tasks):
        columns.append(("target", section.target_label or "量化任务"))
    if any(t.leader and t.leader != leader_of(section.heading) for t in section.tasks):
        columns.append(("leader", "责任领导"))
    columns.append(("units", "责任单位"))
    if any(t.deadline for t in section.tasks):
        columns.append(("deadline", "完成时限"))
    if remarks:
        columns.append(("remark", "备注"))
    return columns


def task_rows(master: Master, section: Section, roles: Sequence[str]) -> list[list[Cell]]:
    """Return one row per task of `section`, cells in the order of `roles`.

    The text stays as stored, empty when the source lost it, so the notice
    imports back unchanged.
    """
    rows = []
    for task in section.tasks:
        values = {"number": task.number, "text": task.text, "target": task.target,
                  "units": units_cell(master, task), "remark": task.remark,
                  "deadline": task.deadline, "leader": task.leader}
        rows.append([values[role] for role in roles])
    return rows


def category_rows(master: Master, sections: list[Section]) -> list[list[Cell]]:
    """Return the rows of a category table: 项目 (two merged levels) /
    内容和要求 / 责任单位 / 牵头领导, items printed `（6）text` like the source."""
    tasks = [t for s in sections for t in s.tasks]
    first = _covered([t.category1 for t in tasks])
    second = _covered([(t.category1, t.category2) for t in tasks])
    return [[None if c1 else task.category1, None if c2 else task.category2,
             f"（{task.number}）{task.text}", units_cell(master, task), task.leader]
            for task, c1, c2 in zip(tasks, first, second)]


def livelihood_headers(items: list[LivelihoodItem]) -> tuple[str, ...]:
    """Return the 民生实事 table's headers: 完成时限 too when an item has one."""
    return LIVELIHOOD_HEADERS + (("完成时限",) if any(i.deadline for i in items) else ())


def livelihood_rows(items: list[LivelihoodItem]) -> list[list[Cell]]:
    """Return the 民生实事 rows, 序号/项目名称 merged over each project's lines."""
    covered = _covered([(item.number, item.project) for item in items])
    deadlines = any(i.deadline for i in items)
    return [[None if c else item.number, None if c else item.project, item.content, item.leader,
             "、".join(item.units)] + ([item.deadline] if deadlines else []) for item, c in zip(items, covered)]


def _covered(keys: list[Hashable]) -> list[bool]:
    """Return True for each row whose key equals the row above's (its cell is merged into that one)."""
    return [i > 0 and keys[i - 1] == key for i, key in enumerate(keys)]
