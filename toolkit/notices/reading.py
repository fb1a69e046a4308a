"""What a reader hands back beyond its blocks: where each line really is.

A spreadsheet has sheets and a PDF has pages, so `file:line` alone does not
lead the clerk to the row.  Readers number their blocks with one running
line count (unique in the file, consecutive within a sheet) and say, per
line, the place a clerk looks for: `工作表「Sheet1」` row 12, `第3页`.
`relocate` then rewrites the problems and task sources of the notice.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Notice
from .blocks import Para, Row


@dataclass
class Place:
    """Where a block is, in the clerk's terms: `where` (a sheet, a page)
    and the line number shown there."""

    where: str
    line: int


@dataclass
class Reading:
    """The blocks of a file and, for files with sheets or pages, the place
    of each block's line."""

    blocks: list[Para | Row]
    places: dict[int, Place] = field(default_factory=dict)


def relocate(notice: Notice, places: dict[int, Place]) -> None:
    """Point the problems and task sources of `notice` at sheets or pages.

    A problem prints as `任务表.xlsx 工作表「Sheet1」:12 …`; a task's 来源
    becomes `任务表.xlsx:工作表「Sheet1」第12行`, whose part before the last
    colon stays the file name (merge and import compare it).
    """
    if not places:
        return
    for problem in notice.problems:
        place = places.get(problem.line)
        if place is not None:
            problem.source, problem.line = f"{notice.source} {place.where}", place.line
    items = [*notice.tasks, *notice.livelihood]
    for item in items:
        name, _, line = item.source.rpartition(":")
        place = places.get(int(line)) if line.isdigit() else None
        if place is not None:
            item.source = f"{name}:{place.where}第{place.line}行"
