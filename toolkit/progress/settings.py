"""The master's 设置 sheet: the office's own rules for judging and chasing.

Thresholds of the 三色 lights, how 序时进度 is counted, the reporting
deadline and the office's contact differ between offices, so a clerk edits
them in the master rather than in code.  A master without the sheet (every
master made before it existed) reads as the defaults; a row the clerk left
empty keeps its default; a value that cannot be understood is refused with
its row named, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..exceptions import WorkbookError
from ..workbook.fastread import Book
from ..workbook.read import cell_text, open_master

SHEET = "设置"
HEADERS = ("项目", "值", "说明")

K_YELLOW, K_RED = "黄灯：落后序时进度（百分点）", "红灯：落后序时进度超过（百分点）"
K_MODE, K_MONTH = "序时进度计算方式", "统计截止月份"
K_DUE_DAYS = "报送时限：季度结束后（天）"
K_CONTACT, K_PHONE, K_OFFICE = "联系人", "联系电话", "督查机构"
MODE_QUARTER, MODE_MONTH = "按季度", "按月"

BAD_NUMBER = "{name} 的工作表「设置」第{row}行「{key}」的值「{value}」应是 0 到 100 之间的数字。请改正后再运行。"
BAD_MODE = "{name} 的工作表「设置」第{row}行「{key}」应填“按季度”或“按月”（现在是「{value}」）。"
BAD_MONTH = "{name} 的工作表「设置」第{row}行「{key}」应是 1 到 12 的月份（现在是「{value}」）。"
BAD_ORDER = "{name} 的工作表「设置」中黄灯的落后幅度（{yellow}）应小于红灯的（{red}）。请改正后再运行。"


@dataclass
class Settings:
    """The office's rules; the defaults are what most 督查 bulletins use."""

    yellow: float = 10.0
    red: float = 30.0
    mode: str = MODE_QUARTER
    month: int | None = None
    due_days: int = 10
    contact: str = ""
    phone: str = ""
    office: str = ""

    def expected(self, quarter: str) -> float:
        """Return the 序时进度 (percent) at the end of `quarter` (`2023Q2`).

        按季度: 25 per quarter.  按月: months elapsed over 12, the months
        being 统计截止月份 when set (e.g. 11 -> 91.7), else the quarter's
        last month, which equals the quarterly figure.
        """
        number = int(quarter[-1])
        if self.mode == MODE_MONTH and self.month:
            return round(100 * self.month / 12, 1)
        return 25.0 * number


DESCRIPTIONS = {
    K_YELLOW: "落后序时进度达到该幅度（含）即为黄灯，默认 10",
    K_RED: "落后序时进度超过该幅度，或超过完成时限未完成，即为红灯，默认 30",
    K_MODE: "按季度（一至四季度分别为 25%、50%、75%、100%）或按月（已过月数÷12）",
    K_MONTH: "按月计算时的统计截止月份（1-12），留空则取季度末月份",
    K_DUE_DAYS: "季度结束后多少天内报送算按时报送，默认 10",
    K_OFFICE: "催办单、通报落款的机构名称，如 区政府督查室",
    K_CONTACT: "催办单、通报上的联系人",
    K_PHONE: "催办单、通报上的联系电话",
}


def default_rows() -> list[dict[str, str]]:
    """Return the rows of a new 设置 sheet: every key with its default.

    The master writer calls this (as an extra sheet) so a clerk finds the
    keys to edit; values are text so Excel shows them as typed."""
    defaults = Settings()
    values = {K_YELLOW: f"{defaults.yellow:g}", K_RED: f"{defaults.red:g}", K_MODE: defaults.mode,
              K_MONTH: "", K_DUE_DAYS: str(defaults.due_days), K_OFFICE: "", K_CONTACT: "", K_PHONE: ""}
    return [{"项目": key, "值": value, "说明": DESCRIPTIONS[key]} for key, value in values.items()]


def settings_sheet() -> tuple[str, tuple[str, ...], list[dict[str, str]]]:
    """Return the 设置 sheet as write_master's `extra_sheets` entry."""
    return SHEET, HEADERS, default_rows()


def read_settings(path: Path | str) -> Settings:
    """Return the settings of the master at `path` (defaults when it has no
    设置 sheet).  Raises WorkbookError naming the row of a bad value."""
    path = Path(path)
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        open_master(path)  # raises the clerk's message for a wrong file type
    book = Book(path)
    try:
        return settings_from_book(book, path.name)
    finally:
        book.close()


def settings_from_book(book, name: str) -> Settings:
    """Return the settings held by an open workbook (see read_settings)."""
    settings = Settings()
    if SHEET not in book.sheetnames:
        return settings
    for row, values in enumerate(book[SHEET].iter_rows(min_row=2, max_col=2, values_only=True), start=2):
        if not values or not values[0]:
            continue
        key = cell_text(values[0])
        value = cell_text(values[1]) if len(values) > 1 else ""
        if value:
            _apply(settings, key, value, name, row)
    if settings.yellow >= settings.red:
        raise WorkbookError(BAD_ORDER.format(name=name, yellow=f"{settings.yellow:g}", red=f"{settings.red:g}"))
    return settings


def _apply(settings: Settings, key: str, value: str, name: str, row: int) -> None:
    """Set the field of `key` from the clerk's `value` (unknown keys are the
    clerk's own notes and stay unread)."""
    where = {"name": name, "row": row, "key": key, "value": value}
    if key in (K_YELLOW, K_RED):
        number = _number(value.rstrip("%％点"))
        if number is None or not 0 <= number <= 100:
            raise WorkbookError(BAD_NUMBER.format(**where))
        setattr(settings, "yellow" if key == K_YELLOW else "red", number)
    elif key == K_MODE:
        mode = MODE_QUARTER if "季" in value else MODE_MONTH if "月" in value else None
        if mode is None:
            raise WorkbookError(BAD_MODE.format(**where))
        settings.mode = mode
    elif key == K_MONTH:
        number = _number(value.rstrip("月"))
        if number is None or not 1 <= number <= 12 or number != int(number):
            raise WorkbookError(BAD_MONTH.format(**where))
        settings.month = int(number)
    elif key == K_DUE_DAYS:
        number = _number(value.rstrip("天日"))
        if number is None or not 0 <= number <= 92:
            raise WorkbookError(BAD_NUMBER.format(**where).replace("0 到 100", "0 到 92"))
        settings.due_days = int(number)
    elif key in (K_CONTACT, K_PHONE, K_OFFICE):
        setattr(settings, {K_CONTACT: "contact", K_PHONE: "phone", K_OFFICE: "office"}[key], value)


def _number(text: str) -> float | None:
    try:
        return float(text.strip())
    except ValueError:
        return None
