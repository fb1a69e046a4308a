"""Recognising the paragraphs of a notice: part titles, section headings,
leaders' names, notes, annex markers and page furniture."""

from __future__ import annotations

import re

NUMERALS = "一二三四五六七八九十"
SECTION = re.compile(r"^([一二三四五六七八九十]{1,3})、\s*([^。]{2,60})$")
PART = re.compile(r"^(.{2,20}?)重点工作责任分解[:：]$")
LEADER = re.compile(
    r"^[一二三四五六七八九十]{1,3}、\s*([\u4e00-\u9fff]{2,4}?)"
    r"(?:常委|(?:常务)?副(?:区|县|市)长|区长|副书记|书记|副主任|主任|副县长|县长|副市长|市长|部长|秘书长|主席)"
)
STAR_NOTE = re.compile(r"^注\s*[:：].*(\*|＊)")
ANNEX = re.compile(r"^附\s*件\s*\d*$")
# Page furniture of government web sites: breadcrumbs, dates, counters,
# footers.  Consumed, never reported.
FURNITURE = re.compile(
    r"^(您现在的位置|当前位置|所在位置|返\s*回\s*$|>|发布日期|发布时间|浏览次数|字体|-?\s*【|\[|打印本页|关闭窗口|"
    r"主办单位|承办单位|主办：|承办：|技术支持|网站标识码|版权所有|联系电话|.{0,20}ICP备|"
    # a page's metadata block and buttons: `索引号: …`, `来源: …`, `2022-10-19 14:39`
    r"(索\s*引\s*号|发布机构|信息来源|来\s*源|点击数|访问量|阅读次数|分\s*类|有\s*效\s*性|组配分类|"
    r"文件编号|发文日期|成文日期|文\s*号(?=\s*[:：]))\s*[:：]?|\d{4}-\d{1,2}-\d{1,2}(\s+\d{1,2}:\d{2}(:\d{2})?)?(\s|$)|分享到|"
    # a page number printed as text: `— 3 —`, `- 3 -`, `第3页`
    r"[—－\-–]\s*\d{1,4}\s*[—－\-–]$|第\s*\d{1,4}\s*页)"
)
SECTION_NOTE = re.compile(r"^(总负责|负责全面工作)[。.]?$")


def numeral_value(numeral: str) -> int:
    """Return the value of a Chinese numeral up to 99 (`十一` -> 11)."""
    if "十" not in numeral:
        return NUMERALS.index(numeral) + 1 if numeral in NUMERALS else 0
    tens, _, ones = numeral.partition("十")
    value = (NUMERALS.index(tens) + 1 if tens else 1) * 10
    return value + (NUMERALS.index(ones) + 1 if ones else 0)


def numeral(n: int) -> str:
    """Return the Chinese numeral of 1 <= `n` <= 99 (十一, 二十三…), the
    inverse of numeral_value: generated headings must read back the same."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else NUMERALS[tens - 1] + "十")
    return head + (NUMERALS[ones - 1] if ones else "")


def leader_of(heading: str) -> str:
    """Return the leader's name of a section heading, '' when none is named."""
    match = LEADER.match(heading)
    return match.group(1) if match else ""


def squeeze(text: str) -> str:
    """Return `text` without the spaces PDF and Word conversions put between
    Chinese characters (`关于印发 2023 年` -> `关于印发2023年`)."""
    text = re.sub(r"\s+", " ", text.strip())
    return re.sub(r"(?<=[^\x00-\x7f]) (?=\S)|(?<=\S) (?=[^\x00-\x7f])", "", text)


def category_text(text: str) -> str:
    """Return a category heading in one canonical form.

    The same PDF category prints as `(一) 以“力夺双赢”为目标, 持续…` on one
    page and `（一）以“力夺双赢”为目标，持续…` on the next; both must be one
    category.
    """
    text = re.sub(r"\s+", "", text).replace("（", "(").replace("）", ")")
    text = re.sub(r"(?<=[^\x00-\x7f]),|,(?=[^\x00-\x7f])", "，", text)
    return re.sub(r"^(\d+[.．])", r"\1 ", text)
