"""民生实事 items on the quarterly forms, as rows like the tasks' rows.

A unit leading 民生实事 projects reports on them on its form (role 牵头,
under the item's own 编号), and a unit leading only 民生实事 gets a form
too.  Forms and the check of returns both go through `form_index`, so the
text printed on a form is the text a return is compared with.
"""

from __future__ import annotations

from ..model import LivelihoodItem, Master, Task


def livelihood_task(item: LivelihoodItem) -> Task:
    """Return `item` as a form row: `项目名称：项目内容`, led by its leader."""
    text = f"{item.project}：{item.content}" if item.project else item.content
    return Task(number=item.number, text=text, id=item.id, leader=item.leader)


def form_index(master: Master) -> dict[str, tuple[list[Task], list[Task]]]:
    """Return {unit: (rows it leads, rows it supports)}: `tasks_by_unit()`
    plus the 民生实事 items each unit leads, units leading only items too."""
    index = {unit: (list(leads), list(supports)) for unit, (leads, supports) in master.tasks_by_unit().items()}
    for unit, items in master.livelihood_by_unit().items():
        index.setdefault(unit, ([], []))[0].extend(livelihood_task(item) for item in items)
    return index


def form_units(master: Master) -> list[str]:
    """Return the units that get a form, as they get a letter."""
    return master.letter_units()
