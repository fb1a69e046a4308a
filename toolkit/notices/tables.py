"""Table headers and rows: which column holds what, and one row into a task.

Three table shapes occur: the task table (序号 / 重点工作 / [任务数] /
责任单位 / [备注]), the 民生实事 table (序号 / 项目名称 / 项目内容 / 牵头领导
/ 牵头单位) and the category table of older notices (项目 / 内容和要求 /
责任单位 / 牵头领导) whose PDF extraction loses and merges cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

TASKS, LIVELIHOOD, CATEGORIES = "tasks", "livelihood", "categories"

ITEM = re.compile(r"^[(（]\s*(\d{1,3})\s*[)）]\s*(.*)$", re.S)
CATEGORY1 = re.compile(r"^[(（][一二三四五六七八九十]{1,3}[)）]")
CATEGORY2 = re.compile(r"^\d{1,2}\s*[.．]\s*\S")
# A cell holding two PDF cells: `3. 提升企业竞争力。 (22) 深化…`.
_GLUED = re.compile(r"(?<=。)\s+(?=[(（]\d{1,3}[)）]|\d{1,2}\s*[.．]\s*\S)")
_UNIT_SUFFIX = re.compile(r"(局|办|委|中心|队|会|部|院|公司|集团|街道|镇|所|处|站|专班|政府|分局|联)$")


@dataclass
class Header:
    """A table header: its kind and the column index of each field."""

    kind: str
    columns: dict[str, int] = field(default_factory=dict)
    target_label: str = ""
    # Columns the toolkit has no field for (完成时限…): kept, by header text.
    extra: dict[str, int] = field(default_factory=dict)

    @property
    def width(self) -> int:
        """Return the number of columns the header names."""
        return max([*self.columns.values(), *self.extra.values()], default=-1) + 1


# Other ways notices head the task column.
_TEXT_HEADERS = ("工作任务", "重点任务", "任务内容", "主要任务", "工作内容", "具体任务", "目标任务")


def _clean(cell: str) -> str:
    return re.sub(r"\s+", "", cell)


def parse_header(cells: list[str]) -> Header | None:
    """Return the Header of a header row, None when `cells` is not one."""
    names = [_clean(c) for c in cells]
    if "内容和要求" in names and any(n.startswith("项目") for n in names):
        return Header(CATEGORIES)
    if "序号" not in names:
        return None
    if "项目内容" in names:
        kind = LIVELIHOOD
    elif any(_field_of(n) == "text" for n in names):
        kind = TASKS
    else:
        return None
    header = Header(kind)
    for index, name in enumerate(names):
        field_ = _field_of(name)
        if field_ and field_ not in header.columns:
            header.columns[field_] = index
            if field_ == "target":
                header.target_label = name
        elif name and kind == TASKS:
            header.extra.setdefault(name, index)
    return header


def _field_of(name: str) -> str:
    if name == "序号":
        return "number"
    if name == "项目名称":
        return "project"
    if name == "项目内容" or "重点工作" in name or name in _TEXT_HEADERS:
        return "text"
    if "任务数" in name or "量化" in name:
        return "target"
    if name.startswith(("配合单位", "协办单位", "配合部门")):
        return "support"
    if name.startswith(("责任单位", "牵头单位", "责任部门", "牵头部门", "承办单位")):
        return "units"
    if name == "牵头领导":
        return "leader"
    if name == "备注":
        return "remark"
    return ""


def cell(cells: list[str], header: Header, field_: str) -> str:
    """Return the cell of `field_` in a row, '' when absent or lost."""
    index = header.columns.get(field_)
    if index is None or index >= len(cells):
        return ""
    return cells[index].strip()


def leaders(text: str) -> str:
    """Return leader names as printed, spaced names joined (`张 伟` -> `张伟`)."""
    parts = text.split()
    if len(parts) == 2 and all(len(p) == 1 for p in parts):
        return "".join(parts)
    return "、".join(parts)


def is_person_list(text: str) -> bool:
    """Return True for a cell of people's names (`虞立清 童文阳`), not units."""
    names = text.replace("、", " ").split()
    return bool(names) and all(1 <= len(n) <= 4 and not _UNIT_SUFFIX.search(n) for n in names)


def is_unit_list(text: str) -> bool:
    """Return True for a cell listing unit names (`区住建局* 相关街镇`)."""
    names = [n.strip("*＊") for n in re.split(r"[\s、，,]+", text) if n.strip("*＊")]
    return bool(names) and all(_UNIT_SUFFIX.search(n) or n.startswith(("各", "相关")) for n in names)


def split_trailing_units(text: str) -> tuple[str, str]:
    """Return (text, units) when a PDF glued the units cell to the text."""
    match = re.match(r"^(.*[。；])\s+(\S.*)$", text, re.S)
    if match and is_unit_list(match.group(2)):
        return match.group(1), match.group(2)
    return text, ""


@dataclass
class CategoryRow:
    """A row of a category table, as far as its cells could be told apart."""

    category1: str = ""
    category2: str = ""
    number: str = ""
    text: str = ""
    units: str = ""
    leader: str = ""


def parse_category_row(cells: list[str]) -> CategoryRow | None:
    """Return a category-table row read by content, not by position.

    PDF extraction shifts cells (a lost empty cell moves the rest left) and
    glues neighbours together, so each cell is recognised by its shape: a
    `(一)` category, a `1.` sub-category, a `(6)` item, then the units and
    the leaders.  A row whose item text was lost has units and leaders only.
    """
    parts = [p.strip() for c in cells for p in _GLUED.split(c) if p.strip()]
    row = CategoryRow()
    rest: list[str] = []
    for part in parts:
        item = ITEM.match(part)
        if item and not row.number and not rest:
            row.number, row.text = item.group(1), item.group(2).strip()
            row.text, glued_units = split_trailing_units(row.text)
            rest += [glued_units] if glued_units else []
        elif not row.number and not rest and CATEGORY2.match(part):
            row.category2 = part
        elif not row.number and not rest and not row.category1 and (
            CATEGORY1.match(part) or not (is_person_list(part) or is_unit_list(part))
        ):
            row.category1 = part
        else:
            rest.append(part)
    if rest and is_person_list(rest[-1]):
        row.leader = leaders(rest.pop())
    row.units = " ".join(rest)
    if not (row.number or row.units or row.leader):
        return None
    return row
