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
_UNIT_SUFFIX = re.compile(r"(局|办|委|中心|队|会|部|院|公司|集团|街道|镇|所|处|站|专班|政府|分局|联|开发区|经开区|高新区|园区)$")


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


# How notices head each column.  Order matters: the first pattern that
# matches a header decides its field.  `units` is the responsible-units
# column of notices with one unit column; next to a lead column it holds the
# supporting units (责任单位 beside 牵头单位).
_FIELDS = (
    ("number", re.compile(r"^(序号|编号|序次)$")),
    ("project", re.compile(r"^项目(名称)?$")),
    ("lead", re.compile(r"^(牵头(责任)?(单位|部门)|主要?责任(单位|部门)|主办(单位|部门)|主责(单位|部门))")),
    ("support", re.compile(r"^((协同)?配合(责任)?(单位|部门)|协(办|同|助)(责任)?(单位|部门)|参与(单位|部门))")),
    ("units", re.compile(r"^(责任(单位|部门|主体)|承办(单位|部门)|实施(单位|部门)|落实(单位|部门)|完成(单位|部门)|单位)")),
    ("leader", re.compile(r"(领导|分管(县|区|市)?长|牵头县长|联系人领导)$")),
    ("deadline", re.compile(r"^(完成(时限|时间|期限)|时间节点|进度安排|时限|时间要求|推进时限|计划完成时间|节点)")),
    ("target", re.compile(r"(任务数|量化|年度目标|目标值|预期目标|指标|目标任务)")),
    ("text", re.compile(r"(重点工作|工作任务|重点任务|任务内容|主要任务|工作内容|具体任务|工作事项|"
                        r"任务名称|项目内容|主要内容|工作目标|工作措施|内容|任务|民生实事|实事)")),
    ("remark", re.compile(r"^备注")),
    ("category", re.compile(r"^(类别|分类|类型|领域|板块|工作类别|一级类别)$")),
)
# The master's column names a clerk uses in `--columns 牵头单位=主责部门`.
MAPPABLE = {
    "序号": "number", "重点工作": "text", "量化任务": "target", "牵头单位": "lead", "配合单位": "support",
    "责任单位": "units", "牵头领导": "leader", "责任领导": "leader", "完成时限": "deadline", "备注": "remark",
    "项目名称": "project",
}
BAD_COLUMNS = ("--columns 的写法是“总台账列名=通知里的表头”，用逗号分隔，例如 "
               "--columns 牵头单位=主责部门,责任领导=分管领导。可用的列名：{names}。无法理解：{part}")


def parse_columns(text: str) -> dict[str, str]:
    """Return {field: the notice's header} from `牵头单位=主责部门,责任领导=分管领导`.

    Raises ValueError with a Chinese message for anything else."""
    mapping = {}
    for part in re.split(r"[,，;；]", text or ""):
        if not part.strip():
            continue
        name, sep, header = part.replace("＝", "=").partition("=")
        name, header = name.strip(), header.strip()
        if not sep or name not in MAPPABLE or not header:
            raise ValueError(BAD_COLUMNS.format(names="、".join(MAPPABLE), part=part.strip()))
        mapping[MAPPABLE[name]] = header
    return mapping


# Header words that make a row a table header rather than a line of text.
_MAX_HEADER_LEN = 12


_SPACE_STARS = re.compile(r"[\s*＊]+")


def _clean(cell: str) -> str:
    return _SPACE_STARS.sub("", cell)


def _has_long_cell(cells: list[str], mapped: set[str]) -> bool:
    """Return True when a cell is too long to be a header word: most rows of
    a notice are task rows, rejected here before any field is looked up."""
    return any(len(c) > _MAX_HEADER_LEN and len(n := _clean(c)) > _MAX_HEADER_LEN and n not in mapped
               for c in cells)


def parse_header(cells: list[str], columns: dict[str, str] | None = None) -> Header | None:
    """Return the Header of a header row, None when `cells` is not one.

    A header names a task text column and at least one other known column
    (序号, a unit or leader column); every named cell is short.  `columns`
    maps a field to the header a clerk told us to read it from
    (`{"lead": "主要负责单位"}`), for notices whose words we do not know.
    """
    columns = columns or {}
    mapped = {_clean(h) for h in columns.values()}
    if _has_long_cell(cells, mapped) and not any("内容和要求" in c for c in cells):
        return None
    names = [_clean(c) for c in cells]
    if "内容和要求" in names and any(n.startswith("项目") for n in names):
        return Header(CATEGORIES)
    if len([n for n in names if n]) < 2 or any(len(n) > _MAX_HEADER_LEN and n not in mapped for n in names):
        return None
    fields = _fields(names, columns)
    known = set(fields.values())
    if "text" not in known or not known & {"number", "lead", "support", "units", "leader"}:
        return None
    kind = LIVELIHOOD if "项目内容" in names or "project" in known else TASKS
    header = Header(kind)
    for index, name in enumerate(names):
        field_ = fields.get(index)
        if field_ and field_ not in header.columns:
            header.columns[field_] = index
            if field_ == "target":
                header.target_label = name
        elif name and kind == TASKS:
            header.extra.setdefault(name, index)
    _settle_units(header)
    return header


def _fields(names: list[str], columns: dict[str, str]) -> dict[int, str]:
    """Return {column index: field} for the header `names`.

    A clerk's mapping wins; a word such as 目标任务 is the task text only
    when no other column is.
    """
    wanted = {_clean(header): field_ for field_, header in columns.items()}
    fields = {i: wanted.get(n) or field_of(n) for i, n in enumerate(names)}
    fields = {i: f for i, f in fields.items() if f}
    if "text" not in fields.values():
        for i, name in enumerate(names):
            if fields.get(i) == "target" and "任务" in name:
                fields[i] = "text"
                break
    return fields


def field_of(name: str) -> str:
    """Return the field a header or label names (`牵头责任单位` -> lead),
    '' for words the toolkit has no field for."""
    name = _clean(name)
    for field_, pattern in _FIELDS:
        if name and pattern.search(name):
            return field_
    return ""


def _settle_units(header: Header) -> None:
    """Give the unit columns their roles.

    With a lead column, 责任单位 lists the other units (support); with only
    责任单位 and 配合单位, 责任单位 leads.  A lone support column is read as
    the units column.  A lone 牵头单位 column stays a lead column: all its
    units lead unless stars single some out.
    """
    cols = header.columns
    if "lead" in cols and "units" in cols:
        if "support" in cols:
            header.extra.setdefault("责任单位", cols.pop("units"))
        else:
            cols["support"] = cols.pop("units")
    elif "units" in cols and "support" in cols:
        cols["lead"] = cols.pop("units")
    if "lead" not in cols and "units" not in cols and "support" in cols:
        cols["units"] = cols.pop("support")
    if header.kind == LIVELIHOOD and "lead" in cols and "units" not in cols:
        cols["units"] = cols.pop("lead")


def cell(cells: list[str], header: Header, field_: str) -> str:
    """Return the cell of `field_` in a row, '' when absent or lost."""
    index = header.columns.get(field_)
    if index is None or index >= len(cells):
        return ""
    return cells[index].strip()


def leaders(text: str) -> str:
    """Return leader names as printed, joined by `、`.

    Two-character names are printed with a space to line up with longer
    ones (`张 伟`), even several in one cell (`陆 明俞 悦` is 陆明、俞悦): a
    lone character takes the first character of what follows.
    """
    parts = [p for p in re.split(r"[\s、，,;；]+", text.strip("。 ")) if p]
    names, i = [], 0
    while i < len(parts):
        part = parts[i]
        if len(part) == 1 and i + 1 < len(parts):
            names.append(part + parts[i + 1][0])
            rest = parts[i + 1][1:]
            if rest:
                parts[i + 1] = rest
                i += 1
                continue
            i += 2
            continue
        names.append(part)
        i += 1
    return "、".join(names)


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


_DEADLINE = re.compile(r"^.{0,8}(\d{1,2}月|\d{4}[.年-]\d{1,2}|年底|年内|季度|全年|长期|持续|底前|以前|前完成)")


def shape_of(text: str) -> str:
    """Return the field a cell most likely holds, judged by its text alone:
    units, deadline, leader or text."""
    if is_unit_list(text):
        return "units"
    if len(text) <= 16 and _DEADLINE.search(text):
        return "deadline"
    if is_person_list(text):
        return "leader"
    return "text"


_SHAPE_FIELDS = {"units": ("units", "lead", "support"), "text": ("text", "target", "remark")}


def align_by_shape(cells: list[str], fields: list[str], start: int = 0) -> list[str]:
    """Place cells under `fields` by what they look like, when a page lost
    empty cells or split one cell over several lines.

    Columns are taken left to right from `start`: each cell goes to the
    first column at or after the current one that takes its shape; cells of
    one shape are joined into one."""
    out = [""] * len(fields)
    column = start
    for text in cells:
        shape = shape_of(text)
        wanted = _SHAPE_FIELDS.get(shape, (shape,))
        target = next((i for i in range(column, len(fields)) if fields[i] in wanted), None)
        if target is None:
            target = next((i for i in range(start, len(fields)) if fields[i] in wanted), column)
        joiner = {"units": "、", "deadline": "；"}.get(shape, "")
        out[target] = f"{out[target]}{joiner}{text}" if out[target] else text
        column = max(column, target)
    return out


def realign_merged(cells: list[str], header: Header) -> list[str]:
    """Return a row of a table whose merged cells were flattened (the
    project cell printed on the first row only, the rest shifted left): its
    cells placed by shape when the first cell is not what its column holds."""
    filled = [c for c in cells if c.strip()]
    first = header.columns.get("project", header.columns.get("number"))
    if first is None or not filled or first >= len(cells) or cells[first].strip() != filled[0]:
        return cells
    if len(filled) >= header.width or shape_of(filled[0]) == "text" and re.match(r"^\d{1,2}\s*[.、．]", filled[0]):
        return cells
    fields = [""] * header.width
    for name, index in header.columns.items():
        fields[index] = name
    return align_by_shape(filled, fields, start=first + 1)
