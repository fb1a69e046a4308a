"""What forms, collection and the summary share: quarters, the form's
layout, the hidden marker, and the identity of a master.

A returned form is matched to its master, unit and quarter only through the
marker written here, so every constant a reader depends on lives in one place.
"""

from __future__ import annotations

import hashlib
import re

from ..exceptions import BadQuarter, FormRejected  # noqa: F401 - re-exported for c.FormRejected
from ..model import Master
from ..workbook import layout
from ..quarter import parse_quarter, quarter_label  # noqa: F401 - one parser for every command
from ..workbook.layout import MASTER_ID_KEY
from ..workbook.safe import os_reason


# The visible sheet a unit fills and the very hidden sheet that says which
# master, unit and quarter the form belongs to.
FORM_SHEET = "进展填报"
MARKER_SHEET = "表单标识"
FORM_KIND = "重点工作进展填报表"
FORM_VERSION = "1"

# Marker keys (column A of the marker sheet; values in column B).
K_KIND, K_VERSION, K_MASTER, K_MASTER_FILE = "表单类型", "格式版本", "总台账标识", "总台账文件"
K_UNIT, K_QUARTER, K_CREATED = "填报单位", "季度", "生成时间"
# The form's task ids (several rows of this key when long: a cell holds at
# most 32,767 characters) and the HMAC over the marker (see signature.py).
K_IDS, K_SIGNATURE = "编号", "签名"

# Columns of the form, in order; the unit fills only FILL_HEADERS.
ROLE_LEAD, ROLE_SUPPORT = "牵头", "配合"
CONTEXT_HEADERS = ("编号", "牵头领导", "重点工作", "角色", "量化任务", "完成时限", "本季度目标", "前期进展")
FILL_HEADERS = ("完成状态", "完成进度", "进展情况", "存在问题", "下步打算", "申请延期", "延期原因", "申请完成时间",
                "佐证材料")
# A 申请延期 cell saying yes; anything else (否, 不, empty) is no.
EXTENSION_YES = ("是", "申请", "申请延期", "√", "✓", "Y", "YES")
EXTENSION_NO = ("否", "不", "不申请", "N", "NO", "×")
FORM_HEADERS = CONTEXT_HEADERS + FILL_HEADERS

# Extra master sheets this package keeps (the contract allows added sheets).
RECEIPTS = layout.RECEIPTS
RECEIPT_HEADERS = ("收文时间", "文件", "SHA-256", "填报单位", "季度", "保存时间", "采纳行数", "拒收行数", "原因")
PENDING = layout.PENDING
PENDING_EXTRA = ("保存时间", "冲突说明", "采用")


def earlier_quarters(quarter: str) -> list[str]:
    """Return the quarters of the same year before `quarter`, in order."""
    return [f"{quarter[:4]}Q{n}" for n in range(1, int(quarter[-1]))]


def master_key(master: Master) -> str:
    """Return a short identity of `master` that survives renaming the file.

    A `台账标识` key in 发文信息 wins when present.  Otherwise the notice's
    文号 and 标题 identify it (a re-import gives the same key); a master
    without either falls back to its task ids.
    """
    meta = master.notice.meta
    if meta.get(MASTER_ID_KEY):
        return meta[MASTER_ID_KEY]
    basis = "|".join((meta.get("文号", ""), meta.get("标题", "")))
    if basis == "|":
        basis = "|".join(sorted(t.id for t in master.notice.tasks))
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


def marker_ids(marker: dict[str, str]) -> list[str] | None:
    """Return the task ids a form was written with, or None for a form
    written before markers listed them."""
    if K_IDS not in marker:
        return None
    return [i for i in marker[K_IDS].split("\n") if i]


# Characters an .xlsx cannot hold (XML 1.0 forbids them; openpyxl refuses
# them).  Excel writes a line break pasted from Word as _x000B_ (vertical
# tab): it becomes a newline, the rest are dropped.
_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})
_ILLEGAL = re.compile("[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> str:
    """Return `text` safe to store in a workbook (see _ILLEGAL)."""
    if not text or text.isprintable():
        return text
    return _ILLEGAL.sub("", text.translate(_BREAKS))


def normalise_text(text: str) -> str:
    """Return `text` without whitespace, for comparing a task as printed on
    the form with the master (WPS and Excel may re-wrap or pad cells)."""
    return re.sub(r"\s+", "", text or "")


def write_reason(exc: Exception) -> str:
    """Return why writing a file failed, in the clerk's words (the system's
    text is English); xlsxwriter wraps the OSError it met in its own
    FileCreateError, so the cause is looked for in its arguments."""
    cause = exc if isinstance(exc, OSError) else next((a for a in exc.args if isinstance(a, OSError)), None)
    return os_reason(cause) if cause is not None else str(exc)


OTHER_YEAR = "注意：季度 {quarter} 的年份与通知（{year}年）不同，请确认季度是否写错。"


def notice_year(master: Master) -> str:
    """Return the year the notice is about (`2023`), from its 标题, else its
    成文日期; '' when neither names one."""
    meta = master.notice.meta
    for key in ("标题", "成文日期"):
        match = re.search(r"((?:19|20)\d{2})\s*年", meta.get(key, ""))
        if match:
            return match.group(1)
    return ""


def year_warning(master: Master, quarter: str) -> str:
    """Return a warning when `quarter` is of another year than the notice
    (a typo such as 2032Q1 would otherwise give an empty summary)."""
    year = notice_year(master)
    return OTHER_YEAR.format(quarter=quarter, year=year) if year and quarter[:4] != year else ""
