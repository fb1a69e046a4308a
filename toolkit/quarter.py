"""One parser for a quarter however a clerk types it, used by every command.

The forms print a quarter as `2023年第一季度`, so a clerk copies that back;
others type `2023Q1`, `2023-Q1` or `2023 Q1`, often with full-width digits
from a Chinese input method.  All become the key `2023Q1`.
"""

from __future__ import annotations

import re
import unicodedata

from .exceptions import BadQuarter

BAD_QUARTER = ("季度「{value}」格式不对，应写成 2023Q1、2023-Q1、2023年第一季度 或 2023年一季度"
               "（年份加第几季度，1 到 4）。")
QUARTER_NAMES = ("第一季度", "第二季度", "第三季度", "第四季度")
_NUMERALS = {"一": "1", "二": "2", "三": "3", "四": "4", "1": "1", "2": "2", "3": "3", "4": "4"}
_PATTERNS = (
    re.compile(r"(\d{4})\s*[-_/.]?\s*Q([1-4])"),
    re.compile(r"(\d{4})\s*年\s*第?\s*([一二三四1-4])\s*季度?"),
)


def parse_quarter(value: str) -> str:
    """Return `value` as the key `2023Q1`; raise BadQuarter otherwise."""
    text = unicodedata.normalize("NFKC", value or "").strip().upper()
    for pattern in _PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            return f"{match.group(1)}Q{_NUMERALS[match.group(2)]}"
    raise BadQuarter(BAD_QUARTER.format(value=value))


def quarter_label(quarter: str) -> str:
    """Return `2023Q1` as the forms print it: `2023年第一季度`."""
    return f"{quarter[:4]}年{QUARTER_NAMES[int(quarter[-1]) - 1]}"


def previous_quarter(quarter: str) -> str:
    """Return the quarter before the key `quarter` (2023Q1 -> 2022Q4)."""
    year, number = int(quarter[:4]), int(quarter[-1])
    return f"{year}Q{number - 1}" if number > 1 else f"{year - 1}Q4"
