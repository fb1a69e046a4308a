"""The notice's own fields (发文信息) as template variables, tidied per GB/T 9704.

Imported fields keep the look of their source (PDF spaces in `2023 年`,
`[2023]` for `〔2023〕`, `2023年03月06日`); documents generated from them must
not, so the fixes live here once for the notice, the letters and the HTML.
"""

from __future__ import annotations

import re

from ..model import Notice
from ..notices.headings import squeeze

DEFAULT_ANNEX_TITLES = ("重点工作责任分解", "民生实事项目任务分解")


def doc_number(value: str) -> str:
    """Return a 发文字号 with the year in 〔〕 (`温鹿政办〔2023〕12号`)."""
    value = squeeze(value)
    return re.sub(r"\s*[\[【（(〔]\s*(\d{4})\s*[\]】）)〕]\s*", r"〔\1〕", value)


def chinese_date(value: str) -> str:
    """Return a date as `2023年3月6日`: no spaces, no leading zeros (7.3.5.4)."""
    value = squeeze(value)
    m = re.fullmatch(r"(\d{4})\s*[年\-./]\s*(\d{1,2})\s*[月\-./]\s*(\d{1,2})\s*日?(.*)", value)
    if not m:
        return value
    year, month, day, rest = m.groups()
    return f"{year}年{int(month)}月{int(day)}日{rest}"


def issuer(value: str) -> str:
    """Return the 发文机关 without a trailing `文件`, which the template adds
    to print the 发文机关标志 (a clerk may have typed the whole 标志)."""
    return re.sub(r"\s*文件$", "", squeeze(value))


def attachment_names(value: str) -> list[str]:
    """Return the attachment names of a 附件 field (`附件：1. 甲 2. 乙`)."""
    value = re.sub(r"^[-•\s]*附\s*件\s*[:：]?", "", value.strip())
    parts = re.split(r"(?:^|\s)\d+\s*[.．、]\s*", value)
    names = [squeeze(p) for p in parts if p.strip()]
    if len(names) <= 1:
        names = [squeeze(p) for p in value.splitlines() if p.strip()]
    return [n.rstrip("。；;") for n in names]


def paragraphs(value: str) -> list[str]:
    """Return the paragraphs of a multi-line 正文 field."""
    return [squeeze(p) for p in value.splitlines() if p.strip()]


def cover_context(notice: Notice) -> dict:
    """Return the template variables of the notice's cover letter and annexes.

    Missing fields are empty strings; the templates decide the defaults so a
    clerk can change them.
    """
    m = notice.meta
    attachments = attachment_names(m.get("附件", ""))
    # The annexes' printed titles win over the 附件说明's names, which a
    # notice may shorten (`…任务责任分解` listed as `…任务分解`).
    printed = paragraphs(m.get("附件标题", ""))
    names = printed + attachments[len(printed):]
    titles = names + list(DEFAULT_ANNEX_TITLES[len(names):])
    to = squeeze(m.get("主送", ""))
    if to and not to.endswith(("：", ":")):
        to += "："
    publicity = squeeze(m.get("公开方式", "")).strip("（）()")
    org = issuer(m.get("发文机关", ""))
    signer = squeeze(m.get("落款", "")) or org
    return {
        "org": org,
        "doc_number": doc_number(m.get("文号", "")),
        "title": squeeze(m.get("标题", "")),
        "to": to.replace(":", "："),
        "paragraphs": paragraphs(m.get("正文", "")),
        "attachments": attachments,
        "annex_titles": titles,
        "signer": signer,
        "date": chinese_date(m.get("成文日期", "")),
        "publicity": publicity,
        "copy_to": squeeze(m.get("抄送", "")),
        "printer": squeeze(m.get("印发机关", "")) or signer,
        "print_date": chinese_date(m.get("印发日期", "")),
        "has_livelihood": bool(notice.livelihood),
    }
