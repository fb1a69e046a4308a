"""催办 levels: 蓝色 (临近时限) → 黄色 (未达序时) → 红色 (逾期).

Offices escalate a reminder by what the unit has let slip, not by how often
it was chased (the count, 第几次, is printed beside the level):
- 红色 (逾期): a task of the unit is past its 完成时限 and not done, or
  the unit has not reported and the reporting deadline (quarter end plus
  the 设置 sheet's days) has passed;
- 黄色 (未达序时): the unit reported, but a task of its is behind 序时进度
  (a red or yellow light);
- 蓝色 (临近时限): the unit has not reported and the deadline is still
  ahead: a reminder before it is missed.
The rules are pure: the same lights, settings and day give the same level.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ._paper import chinese_day
from .lights import RED as RED_LIGHT, YELLOW as YELLOW_LIGHT, Judged, parse_deadline, quarter_end
from .settings import Settings

BLUE, YELLOW, RED = "蓝色", "黄色", "红色"
MEANING = {BLUE: "临近时限", YELLOW: "未达序时", RED: "逾期"}
RANK = {BLUE: 0, YELLOW: 1, RED: 2}
# Text colours of the level on the 催办单 (the bulletin's chart colours).
COLOURS = {BLUE: "1E88E5", YELLOW: "F9A825", RED: "C62828"}


@dataclass
class Level:
    """A reminder's level and the facts behind it, in the clerk's words."""

    colour: str
    why: list[str]

    @property
    def label(self) -> str:
        """Return `红色（逾期）`."""
        return f"{self.colour}（{MEANING[self.colour]}）"


def report_due(quarter: str, settings: Settings) -> date:
    """Return the last day a return of `quarter` is on time."""
    return quarter_end(quarter) + timedelta(days=settings.due_days)


def overdue_now(judged: Judged, today: date, year: int) -> bool:
    """Return True when the task is past its 完成时限 (at the quarter's end,
    or by `today`) and not reported done; a 完成时限 without a year is in
    `year`, the quarter's."""
    if judged.overdue:
        return True
    deadline = parse_deadline(judged.deadline, year)
    return deadline is not None and deadline < today and judged.status != "已完成"


def unit_level(missing: bool, rows: list[Judged], quarter: str, settings: Settings, today: date) -> Level:
    """Return the level of a reminder to a unit: `missing` its return of
    `quarter`, `rows` its tasks that are not green, on `today`."""
    due = report_due(quarter, settings)
    late = [j.id for j in rows if overdue_now(j, today, int(quarter[:4]))]
    behind = [j.id for j in rows if j.light in (RED_LIGHT, YELLOW_LIGHT) and j.id not in late]
    red, yellow = [], []
    if missing and today > due:
        red.append(f"逾期未报送（报送时限{chinese_day(due)}）")
    if late:
        red.append(f"{len(late)}项任务已过完成时限尚未完成（{'、'.join(late)}）")
    if behind:
        yellow.append(f"{len(behind)}项任务未达序时进度（{'、'.join(behind)}）")
    if red:
        return Level(RED, red + yellow)
    if yellow:
        return Level(YELLOW, yellow)
    return Level(BLUE, [f"尚未报送，报送时限为{chinese_day(due)}"] if missing else [])
