"""Fill a progress form the way a unit does, for the demo and the tests.

Uses openpyxl like a script or Excel would: the form's marker, protection,
dropdowns and layout stay as they were; only the fill-in cells change.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

from . import common as c


def fill_form(path: Path | str, answers: dict[str, dict[str, object]],
              out: Path | str | None = None, edits: dict[str, dict[str, object]] | None = None) -> Path:
    """Write `answers` ({编号: {header: value}}) into the form at `path`.

    Rows are found by 编号, so it works after sorting.  `edits` may change
    any column (even locked ones) to imitate a careless unit; a row whose
    编号 is not on the form is appended at the bottom.  Saves to `out`
    (default: in place) and returns that path.  A value starting with `'`
    is stored as text without the quote, as Excel does when one types it.
    """
    book = openpyxl.load_workbook(path)
    sheet = book[c.FORM_SHEET]
    top, columns = _header(sheet)
    where = {sheet.cell(r, columns["编号"]).value: r for r in range(top + 1, sheet.max_row + 1)}
    merged = {task_id: dict(values) for task_id, values in answers.items()}
    for task_id, values in (edits or {}).items():
        merged.setdefault(task_id, {}).update(values)
    for task_id, values in merged.items():
        row = where.get(task_id)
        if row is None:
            row = where[task_id] = sheet.max_row + 1
            sheet.cell(row, columns["编号"], task_id)
        for header, value in values.items():
            _put(sheet.cell(row, columns[header]), value)
    target = Path(out or path)
    book.save(target)
    return target


def _put(cell, value: object) -> None:
    """Set `cell`; a leading `'` means "text", as when typed in Excel."""
    if isinstance(value, str) and value.startswith("'"):
        cell.value = value[1:]
        cell.data_type = "s"
        cell.quotePrefix = True
    else:
        cell.value = value


def _header(sheet) -> tuple[int, dict[str, int]]:
    for row in sheet.iter_rows(min_row=1, max_row=30):
        names = {cell.value: cell.column for cell in row if cell.value}
        if "编号" in names and "完成状态" in names:
            return row[0].row, names
    raise ValueError("not a progress form")


def fill_some(forms_dir: Path | str, out_dir: Path | str, count: int = 5, mistakes: bool = False) -> list[Path]:
    """Fill the first `count` forms of `forms_dir` into `out_dir`, as units
    would; with `mistakes`, the last one has a status outside the list and
    a percentage of 120, so the demo shows collect's refusals.  Returns the
    filled files."""
    from ..model import STATUSES
    from .returns import read_return

    out = []
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    forms = sorted(Path(forms_dir).glob("*.xlsx"))[:count]
    for n, form in enumerate(forms):
        answers = {}
        for i, row in enumerate(read_return(form).rows):
            status = STATUSES[(n + i) % len(STATUSES)]
            percent = {"已完成": 100, "序时推进": 25 + 5 * i % 50, "滞后": 10, "未启动": 0}[status]
            answers[row.values["编号"]] = {
                "完成状态": status, "完成进度": percent, "进展情况": f"{status}：已按计划开展第一季度工作。",
                "存在问题": "项目要素保障不足，进度慢于预期。" if status == "滞后" else "",
                "下步打算": "加强协调，倒排工期。"}
        if mistakes and n == len(forms) - 1 and answers:
            first = next(iter(answers))
            answers[first].update({"完成状态": "基本完成", "完成进度": 120})
        out.append(fill_form(form, answers, Path(out_dir) / form.name))
    return out


if __name__ == "__main__":
    import sys

    # python -m toolkit.progress.fill FORMS_DIR OUT_DIR [COUNT] [--mistakes]
    args = [a for a in sys.argv[1:] if a != "--mistakes"]
    done = fill_some(args[0], args[1], int(args[2]) if len(args) > 2 else 5, "--mistakes" in sys.argv)
    print(f"已模拟 {len(done)} 个单位填好进展表，写入 {args[1]}。")
