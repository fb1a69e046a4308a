"""Fill a progress form the way a unit does, for the demo and the tests.

Uses openpyxl like a script or Excel would: the form's marker, protection,
dropdowns and layout stay as they were; only the fill-in cells change.
"""

from __future__ import annotations

import sys
from pathlib import Path

import openpyxl

from ..exceptions import FormRejected, ToolkitError
from ..model import STATUSES
from . import common as c
from .returns import NO_TABLE, NOT_FORM, FormRow, read_return

USAGE = "用法：python -m toolkit.progress.fill 进展表目录 输出目录 [份数] [--mistakes] [--saved-at 2023-04-03T08:00:00Z]"


def fill_form(path: Path | str, answers: dict[str, dict[str, object]],
              out: Path | str | None = None, edits: dict[str, dict[str, object]] | None = None) -> Path:
    """Write `answers` ({编号: {header: value}}) into the form at `path`.

    Rows are found by 编号, so it works after sorting.  `edits` may change
    any column (even locked ones) to imitate a careless unit; a row whose
    编号 is not on the form is appended at the bottom.  Saves to `out`
    (default: in place) and returns that path.  A value starting with `'`
    is stored as text without the quote, as Excel does when one types it.
    Raises FormRejected, naming the file, when it is not a progress form.
    """
    book = openpyxl.load_workbook(path)
    if c.FORM_SHEET not in book.sheetnames:
        raise FormRejected(f"{Path(path).name}：{NOT_FORM}")
    sheet = book[c.FORM_SHEET]
    top, columns = _header(sheet, Path(path).name)
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


def _header(sheet, name: str) -> tuple[int, dict[str, int]]:
    """Return the header row number and {header: column}; raise
    FormRejected, naming file `name`, when the table's header is gone."""
    for row in sheet.iter_rows(min_row=1, max_row=30):
        names = {cell.value: cell.column for cell in row if cell.value}
        if "编号" in names and "完成状态" in names:
            return row[0].row, names
    raise FormRejected(f"{name}：{NO_TABLE}")


def fill_some(forms_dir: Path | str, out_dir: Path | str, count: int = 5, mistakes: bool = False,
              saved_at: str = "") -> list[Path]:
    """Fill the first `count` forms of `forms_dir` into `out_dir`, as units
    would; with `mistakes`, the last one has a status outside the list and
    a percentage of 120, so the demo shows collect's refusals.  Returns the
    filled files; raises FormRejected, naming the file, for a workbook in
    `forms_dir` that is not a progress form.
    """
    out = []
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    forms = sorted(Path(forms_dir).glob("*.xlsx"))[:count]
    for n, form in enumerate(forms):
        answers = {}
        for i, row in enumerate(_rows(form)):
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
        if saved_at:
            stamp_saved(out[-1], saved_at)
    return out


def stamp_saved(path: Path, stamp: str) -> None:
    """Set the file's saved time (docProps/core.xml, `2023-04-03T08:00:00Z`),
    as if the unit had saved it then: the demo's returns are made today
    but stand for returns of 2023, whose timeliness the bulletin judges."""
    import re
    import shutil
    import zipfile

    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(r"(<dcterms:modified[^>]*>)[^<]*(<)", rf"\g<1>{stamp}\g<2>", data.decode()).encode()
            dst.writestr(info, data)
    shutil.move(tmp, path)


def _rows(form: Path) -> list[FormRow]:
    """Return the rows of `form`; a refusal names the file, since a
    folder holds many."""
    try:
        return read_return(form).rows
    except FormRejected as exc:
        raise FormRejected(f"{form.name}：{exc}") from exc


def main(argv: list[str]) -> int:
    """Run `python -m toolkit.progress.fill FORMS_DIR OUT_DIR [COUNT]
    [--mistakes]`; return the exit code (2 bad usage, 1 a refused form),
    printing one Chinese line rather than a traceback: the demo's users
    are clerks."""
    saved_at = ""
    if "--saved-at" in argv:
        at = argv.index("--saved-at")
        saved_at = argv[at + 1] if at + 1 < len(argv) else ""
        argv = argv[:at] + argv[at + 2:]
        if not saved_at:
            print(USAGE, file=sys.stderr)
            return 2
    args = [a for a in argv if a != "--mistakes"]
    if len(args) not in (2, 3) or (len(args) == 3 and not args[2].isdigit()):
        print(USAGE, file=sys.stderr)
        return 2
    try:
        done = fill_some(args[0], args[1], int(args[2]) if len(args) > 2 else 5, "--mistakes" in argv, saved_at)
    except ToolkitError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    print(f"已模拟 {len(done)} 个单位填好进展表，写入 {args[1]}。")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
