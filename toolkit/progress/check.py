"""Check a returned form against the master: right master, quarter and unit,
then every row on its own.  Pure: reads nothing, writes nothing."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation

from ..model import STATUSES, Master, ProgressEntry, Task
from ..workbook import layout
from ..workbook.package import MAX_CELL
from . import common as c
from .livelihood import form_index
from .returns import FormRow, ReturnedForm
from .signature import accepts_unsigned, verify

WRONG_QUARTER = "这是 {got} 的进展表，本次收的是 {want}，未合并。"
WRONG_MASTER = "这张表属于另一份总台账（{file}），不是本台账下发的，未合并。"
UNKNOWN_UNIT = "表中的填报单位「{unit}」不在本总台账的责任单位中，未合并。"
FORGED = ("表单标识被改动过（防伪签名不符），不是总台账下发给「{unit}」的原表，未合并。"
          "请向报送单位核实，并让其在下发的原表上填写。")
UNSIGNED = ("本表没有防伪签名（旧版工具生成的表，或签名被删除），不能确认是下发给「{unit}」的表，未合并。"
            "请用 toolkit forms 为该单位重新生成进展表下发。")
W_UNSIGNED = "本表没有防伪签名（旧版工具生成），已按表内标识当作「{unit}」的报送；请留意是否属实"
W_FUTURE = "文件的保存时间 {saved} 晚于收文时间，时间不可信，不据此判断报送的新旧"
W_EARLY = "文件的保存时间 {saved} 早于进展表的生成时间 {created}，时间不可信，不据此判断报送的新旧"

R_NO_ID = "没有编号"
R_UNKNOWN_ID = "编号 {id} 不在总台账中"
R_NOT_UNITS = "编号 {id} 的任务不由本单位承担"
R_DUPLICATE = "编号 {id} 在表中出现了两次，内容不同"
R_NO_STATUS = "完成状态为空，但填写了其他内容"
R_BAD_STATUS = "完成状态「{value}」不在下拉列表中（" + "/".join(STATUSES) + "）"
R_BAD_PERCENT = "完成进度「{value}」不是数字"
R_PERCENT_RANGE = "完成进度 {value} 超出 0–100"
R_TOO_LONG = ("{header}有 {count} 个字，超过 Excel 单元格的上限 {limit} 字，本行未采纳（没有截断）。"
              "请让单位精简到 {limit} 字以内后重报，全文可另附文档报送")
W_FRACTION = "编号 {id} 的完成进度单元格是百分比格式，存的是 {value}（即 {percent}%），已按 {percent} 采用"
W_CLEANED = "编号 {id} 的{header}含有表格不能保存的控制字符（如从 Word 粘贴来的换行符），已换成换行或删除"
W_FORMULA = "单元格 {cell} 是公式且没有计算结果，内容未能读取；请单位改为直接填写文字后重报"
W_TEXT_CHANGED = "编号 {id} 的任务内容被改动，改动未采用（以总台账为准）"
W_DONE_BELOW = "编号 {id} 的完成状态是“已完成”，完成进度却只有 {percent}%，已照填报采用，请与单位核实"


@dataclass
class Refusal:
    """A row (or a whole file, line 0) that was not merged, and why."""

    file: str
    unit: str
    line: int
    task_id: str
    reason: str


@dataclass
class FormCheck:
    """The entries a form may contribute, and what it may not."""

    unit: str
    entries: list[ProgressEntry] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    warnings: list[Refusal] = field(default_factory=list)
    blank: int = 0
    # The file's save time when it can be trusted to order returns, else "".
    saved_at: str = ""


def check_form(master: Master, key: str, quarter: str, form: ReturnedForm, now: str = "") -> FormCheck:
    """Return the checked rows of `form` for `quarter` of the master `key`;
    `now` (`YYYY-MM-DD HH:MM:SS`) is when it is received.

    Raises FormRejected when the form belongs to another quarter, master
    or unit, or its signature is wrong: then no row of it may be merged.
    """
    marker = form.marker
    if marker.get(c.K_QUARTER) != quarter:
        raise c.FormRejected(WRONG_QUARTER.format(got=marker.get(c.K_QUARTER) or "未知季度", want=quarter))
    if marker.get(c.K_MASTER) != key:
        raise c.FormRejected(WRONG_MASTER.format(file=marker.get(c.K_MASTER_FILE) or "未知"))
    unit = master.canonical(marker.get(c.K_UNIT, ""))
    tasks, by_unit = _indexes(master)
    mine = by_unit.get(unit)
    if mine is None:
        raise c.FormRejected(UNKNOWN_UNIT.format(unit=unit))
    allowed = {t.id for t in mine[0]} | {t.id for t in mine[1]}
    result = FormCheck(unit)
    _check_signature(master, quarter, form, unit, result)
    result.saved_at, doubt = trusted_saved_at(form, now)
    if doubt:
        result.warnings.append(Refusal(_name(form), unit, 0, "", doubt))
    for ref in form.formulas:
        line = int(re.sub(r"\D", "", ref))
        result.warnings.append(Refusal(_name(form), unit, line, "", W_FORMULA.format(cell=ref)))
    seen: dict[str, ProgressEntry] = {}
    for row in form.rows:
        entry = _check_row(row, unit, quarter, _name(form), tasks, allowed, result)
        if entry is None:
            continue
        earlier = seen.get(entry.task_id)
        if earlier is not None:
            if content(earlier) != content(entry):
                result.refused.append(Refusal(_name(form), unit, row.line, entry.task_id,
                                              R_DUPLICATE.format(id=entry.task_id)))
            continue
        seen[entry.task_id] = entry
        result.entries.append(entry)
    return result


def _name(form: ReturnedForm) -> str:
    """Return the form's file name as it may be stored (a Linux file name
    may hold control characters a workbook cannot)."""
    return c.clean_text(form.path.name)


def _check_signature(master: Master, quarter: str, form: ReturnedForm, unit: str, result: FormCheck) -> None:
    """Refuse a form whose marker was edited (see signature.py)."""
    marker = form.marker
    secret = master.notice.meta.get(layout.FORM_KEY, "")
    if c.K_SIGNATURE in marker:
        if not secret or not verify(secret, marker):
            raise c.FormRejected(FORGED.format(unit=unit))
        return
    if not accepts_unsigned(master, quarter):
        raise c.FormRejected(UNSIGNED.format(unit=unit))
    result.warnings.append(Refusal(_name(form), unit, 0, "", W_UNSIGNED.format(unit=unit)))


def trusted_saved_at(form: ReturnedForm, now: str) -> tuple[str, str]:
    """Return (save time, "") when the file's save time is plausible, or
    ("", why) when it lies in the future or before the form was written:
    such a time must never decide which of two returns is newer."""
    saved, created = form.saved_at, form.marker.get(c.K_CREATED, "")
    if not saved:
        return "", ""
    if now and saved > _shift(now, hours=1):
        return "", W_FUTURE.format(saved=saved)
    if created and saved < _shift(created, hours=-1):
        return "", W_EARLY.format(saved=saved, created=created)
    return saved, ""


def recorded_time(saved: str, now: str) -> str:
    """Return the save time 收文记录 may keep: "" for one in the future, which
    would make every later return of the unit look older."""
    return "" if saved and now and saved > _shift(now, hours=1) else saved


@functools.lru_cache(maxsize=64)
def _shift(stamp: str, hours: int) -> str:
    """Return `stamp` moved by `hours` (a little slack for clocks and time
    zones); an unreadable stamp is returned as it is.  Remembered: a run
    asks for the same receiving time once per return."""
    try:
        moved = datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S") + timedelta(hours=hours)
    except (ValueError, OverflowError):
        return stamp
    return moved.strftime("%Y-%m-%d %H:%M:%S")


def _indexes(master: Master) -> tuple[dict[str, Task], dict]:
    """Return ({id: task}, form_index) of `master` (民生实事 items included
    as rows), built once per master: 600 forms must not rebuild them 600 times."""
    cached = getattr(master, "_progress_indexes", None)
    if cached is None:
        by_unit = form_index(master)
        tasks = {t.id: t for rows in by_unit.values() for side in rows for t in side}
        tasks.update({t.id: t for t in master.notice.tasks})
        cached = (tasks, by_unit)
        master._progress_indexes = cached
    return cached


def content(entry: ProgressEntry) -> tuple:
    """Return what a unit reported, to tell a changed return from a copy."""
    return (entry.status, entry.percent, entry.progress, entry.problems, entry.next_steps,
            entry.extension, entry.extension_reason, entry.extension_date, entry.evidence)


def _check_row(row: FormRow, unit: str, quarter: str, file: str, tasks: dict[str, Task],
               allowed: set[str], result: FormCheck) -> ProgressEntry | None:
    v = row.values
    task_id = v.get("编号", "")
    filled = [v.get(h, "") for h in c.FILL_HEADERS]

    def refuse(reason: str) -> None:
        result.refused.append(Refusal(file, unit, row.line, task_id, reason))

    if not any(filled):
        result.blank += 1
        return None
    for header in row.cleaned:
        result.warnings.append(Refusal(file, unit, row.line, task_id, W_CLEANED.format(id=task_id, header=header)))
    if max(map(len, filled)) > MAX_CELL:
        header = next(h for h, text in zip(c.FILL_HEADERS, filled) if len(text) > MAX_CELL)
        return refuse(R_TOO_LONG.format(header=header, count=len(v[header]), limit=MAX_CELL))
    if not task_id:
        return refuse(R_NO_ID)
    if task_id not in tasks:
        return refuse(R_UNKNOWN_ID.format(id=task_id))
    if task_id not in allowed:
        return refuse(R_NOT_UNITS.format(id=task_id))
    status = v.get("完成状态", "").replace(" ", "").replace("\u3000", "")
    if not status:
        return refuse(R_NO_STATUS)
    if status not in STATUSES:
        return refuse(R_BAD_STATUS.format(value=v.get("完成状态", "")))
    raw = v.get("完成进度", "")
    if "完成进度" in row.percent:
        # A number in a percent-formatted cell: Excel stored a typed `30%`
        # as 0.3.  Only there does a fraction mean a percentage.
        percent, problem = parse_percent(_hundredfold(raw))
        if not problem and percent:
            result.warnings.append(Refusal(file, unit, row.line, task_id,
                                           W_FRACTION.format(id=task_id, value=raw, percent=f"{percent:g}")))
    else:
        percent, problem = parse_percent(raw)
    if problem:
        return refuse(problem)
    if status == "已完成" and percent is not None and percent < 100:
        result.warnings.append(Refusal(file, unit, row.line, task_id,
                                       W_DONE_BELOW.format(id=task_id, percent=f"{percent:g}")))
    text, shown = v.get("重点工作", ""), tasks[task_id].display_text
    # Most forms come back with the text as written: equal, no need to normalise.
    if text and text != shown and c.normalise_text(text) != c.normalise_text(shown):
        result.warnings.append(Refusal(file, unit, row.line, task_id, W_TEXT_CHANGED.format(id=task_id)))
    reason, asked = v.get("延期原因", ""), v.get("申请完成时间", "")
    choice = v.get("申请延期", "").strip().upper()
    # A reason or a date without the choice is still a request, never lost.
    asking = choice in c.EXTENSION_YES or (choice not in c.EXTENSION_NO and bool(reason or asked))
    extension = "是" if asking else ""
    return ProgressEntry(task_id=task_id, quarter=quarter, unit=unit, status=status, percent=percent,
                         progress=v.get("进展情况", ""), problems=v.get("存在问题", ""),
                         next_steps=v.get("下步打算", ""), source_file=file, extension=extension,
                         extension_reason=reason, extension_date=asked,
                         evidence=v.get("佐证材料", ""))


def parse_percent(value: str) -> tuple[float | None, str]:
    """Return (percent, "") or (None, reason); "" means not filled in.

    Accepts `60`, `60.5`, `60%`, `0.5%` (half a percent) and full-width
    `６０％`, as units type them; nothing else (`1_0`, `1e2`, `50%%`, `nan`
    would all pass Python's float()).
    """
    text = (value or "").strip().translate(_FULL_WIDTH)
    if not text:
        return None, ""
    found = _PERCENT.fullmatch(text)
    if not found:
        return None, R_BAD_PERCENT.format(value=value)
    number = float(found.group(1))
    if not 0 <= number <= 100:
        return None, R_PERCENT_RANGE.format(value=value)
    return (int(number) if number.is_integer() else number), ""


def _hundredfold(value: str) -> str:
    """Return the number in `value` times 100, as text (0.305 gives 30.5,
    not 30.499999999999996); other text is returned unchanged."""
    try:
        return format(Decimal(value.strip()) * 100, "f")
    except (InvalidOperation, ValueError):
        return value


_FULL_WIDTH = str.maketrans("０１２３４５６７８９．％－", "0123456789.%-")
_PERCENT = re.compile(r"(-?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+))[ \t]*%?")
