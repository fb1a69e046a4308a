"""Who carries a task: one answer from the three unit columns of 重点工作.

责任单位 is the cell as printed (stars mark leads); 牵头单位/配合单位 split
it.  The toolkit writes all three in agreement.  When they disagree, the
column the clerk edited since (known from 台账底稿) wins; when both were
edited, or nothing tells which was, the read stops and names the row rather
than guess.  docs/master-workbook.md states the rule for clerks.
"""

from __future__ import annotations

from ..exceptions import WorkbookError
from ..model import UnitRef
from ..units import STARS, split_units
from . import layout

JOIN = "、"
CONFLICT = (
    "{name} 的工作表「{sheet}」第{row}行（编号 {id}）：责任单位「{cell}」与牵头单位「{leads}」/配合单位「{supports}」"
    "说法不一致，{why}。请把这三列改成一致（或清空不用的一边：只留责任单位，或只留牵头单位/配合单位）后再运行。"
)
WHY_BOTH = "而且两边都改过"
WHY_UNKNOWN = "无法判断哪一边是新改的"


def _split(value: str) -> list[str]:
    return [v.strip() for v in (value or "").split(JOIN) if v.strip()]


def column_units(leads: str, supports: str) -> list[UnitRef]:
    """Return the units of 牵头单位/配合单位; a unit in both leads (a clerk
    who moved it to 牵头单位 need not also delete it from 配合单位)."""
    lead_names = _split(leads)
    units = [UnitRef(n, True) for n in dict.fromkeys(lead_names)]
    units += [UnitRef(n, False) for n in dict.fromkeys(_split(supports)) if n not in lead_names]
    return units


def agree(cell: str, from_cell: list[UnitRef], from_columns: list[UnitRef]) -> bool:
    """Return True when the printed cell and the columns name the same units
    with compatible leads.  Without a star the cell states no lead, so the
    columns may name any (the notice's "列第一位为牵头" rule, or the clerk's)."""
    if {u.name for u in from_cell} != {u.name for u in from_columns}:
        return False
    starred = any(ch in cell for ch in STARS) or "牵头" in cell
    cell_leads = {u.name for u in from_cell if u.lead}
    column_leads = {u.name for u in from_columns if u.lead}
    if starred:
        return cell_leads == column_leads
    if cell_leads:
        # The sole-unit rule: columns naming no lead yield to it.
        return column_leads in (set(), cell_leads)
    return True


def edited(row: dict[str, str], record: dict[str, str] | None, headers: tuple[str, ...]) -> bool:
    """Return True when the clerk changed any of `headers` in `row` since the
    toolkit wrote it; False when unchanged or nothing is recorded."""
    if record is None:
        return False
    return any(row.get(h, "") != record.get(h, "") for h in headers)


def task_units(row: dict[str, str], record: dict[str, str] | None, file_name: str) -> list[UnitRef]:
    """Return the units of a 重点工作 row by the contract's rule.

    Raises WorkbookError naming the row when the columns contradict each
    other and the clerk's edit cannot be told apart.
    """
    cell = row.get("责任单位", "")
    from_columns = column_units(row.get("牵头单位", ""), row.get("配合单位", ""))
    if from_columns and record is not None and not edited(row, record, ("责任单位",)):
        # The cell is as the toolkit wrote it: every rule below then gives
        # the columns, so the cell need not be parsed (most of reading a
        # 3,000-task master).
        return from_columns
    from_cell = split_units(cell)
    if not from_columns:
        return from_cell
    if not from_cell:
        return from_columns
    cell_edited = edited(row, record, ("责任单位",))
    columns_edited = edited(row, record, ("牵头单位", "配合单位"))
    if agree(cell, from_cell, from_columns):
        if any(u.lead for u in from_columns) or (record is not None and not cell_edited):
            return from_columns
        # Columns naming no lead, written by an older version (or beside a
        # cell the clerk edited): the contract's sole-unit rule applies.
        return from_cell
    if cell_edited and not columns_edited:
        return from_cell
    if columns_edited and not cell_edited:
        return from_columns
    if record is not None and not cell_edited:
        # Both as the toolkit wrote them: its 牵头单位/配合单位 are the model's
        # units (a draft's or a clerk's earlier fix), the cell what was printed.
        return from_columns
    why = WHY_BOTH if cell_edited else WHY_UNKNOWN
    raise WorkbookError(CONFLICT.format(
        name=file_name, sheet=layout.TASKS, row=row.get(layout.ROW, "?"), id=row.get("编号", ""), cell=cell,
        leads=row.get("牵头单位", ""), supports=row.get("配合单位", ""), why=why))
