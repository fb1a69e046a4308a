"""The cover letter (正文 page) and the 版记 of a notice, into 发文信息.

Cover letters follow GB/T 9704 closely enough that each field has a shape:
`温鹿政办〔2023〕12号`, `…的通知`, a 主送 line ending in `：`, dates, the
`（此件公开发布）` line.  Each paragraph is tried in document order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .headings import squeeze

DOC_NUMBER = re.compile(r"^\S{2,20}[〔\[［(（]\d{4}[〕\]］)）]\s*\d+\s*号$")
ISSUER = re.compile(r"^(.{4,40}?)文件$")
# `关于…的通知`: found from its end, then `关于` looked up with str.find, so a
# long line of `关于的` costs linear time (`关于.+的\s*通\s*知$` searched
# for a match at every `关于` and was quadratic).
TITLE_END = re.compile(r"的\s*通\s*知$")
ADDRESSEES = re.compile(r"^[^。]{2,120}[：:]$")
ATTACHMENT = re.compile(r"^[-–•·\s]*附\s*件\s*[:：]\s*(.+)$")
ATTACHMENT_ITEM = re.compile(r"^\d+\s*[.．、]\s*\S")
DATE = re.compile(r"^(\d{4}\s*年\s*\d{1,2}\s*月(\s*\d{1,2}\s*日)?|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月"
                  r"([一二三四五六七八九十]{1,3}日)?)$")
# Words of a 主送 line (`各镇人民政府,县政府各部门、直属各单位:`), for pages
# that print no title before it.
ADDRESSEE_WORDS = re.compile(r"人民政府|各部门|各单位|办事处|直属|各有关")
PRINT_DATE = re.compile(r"^(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*印\s*发$")
# 印发机关 and 印发日期 on one line, as Word lays out the 版记 with a tab.
IMPRINT = re.compile(r"^([\u4e00-\u9fff]{4,30})\s+(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*印\s*发$")
DISCLOSURE = re.compile(r"^[（(]此件.{2,20}[)）]$")
COPY_TO = re.compile(r"^抄\s*送\s*[:：]\s*(.*)$")
ORGAN = re.compile(r"^[\u4e00-\u9fff]{4,30}(人民政府|办公室|委员会|政府|局|管委会)$")
# A web page's line naming the notice and its number: `关于…的通知（温鹿政办〔2023〕12号）`.
TITLE_WITH_NUMBER = re.compile(r"^(.{4,80}?)\s*[（(](\S{2,20}〔\d{4}〕\d+号)[)）]$")
# A decomposition's own title: `2023年政府工作报告重点工作责任分解`,
# `2023年度区政府民生实事项目任务分解`, `…责任分解表`.
STANDALONE_TITLE = re.compile(
    r"^[^。，]{4,60}(分解|分解表|分解方案|分工方案|责任清单|任务清单|工作计划|工作事项|登记表|任务表|目标任务)$")


@dataclass
class Cover:
    """Collects 发文信息 fields from paragraphs, remembering what came last."""

    meta: dict[str, str] = field(default_factory=dict)
    last: str = ""
    in_tables: bool = False

    def take(self, text: str) -> bool:
        """Consume `text` if it is a cover-letter or 版记 field; return True."""
        key, value = self._classify(text)
        if key is None:
            return False
        if key in ("正文", "附件", "抄送", "标题") and self.meta.get(key) and self.last == key:
            joiner = "" if key in ("抄送", "标题") else "\n"
            self.meta[key] += joiner + value
        elif key not in self.meta:
            self.meta[key] = value
        else:
            return False
        self.last = key
        return True

    def _classify(self, text: str) -> tuple[str | None, str]:
        m = self.meta
        if (self.last == "抄送" and not m["抄送"].endswith("。") and not ORGAN.match(text)
                and not PRINT_DATE.match(text) and not IMPRINT.match(text)):
            return "抄送", text
        if (match := COPY_TO.match(text)):
            return "抄送", match.group(1)
        if (match := PRINT_DATE.match(text)):
            return "印发日期", squeeze(match.group(1))
        if (match := IMPRINT.match(text)):
            self.meta.setdefault("印发机关", match.group(1))
            return "印发日期", squeeze(match.group(2))
        if self.in_tables:
            return ("印发机关", text) if ORGAN.match(text) and "抄送" in m else (None, "")
        if (match := ISSUER.match(text)) and not m:
            return "发文机关", match.group(1)
        if (match := TITLE_WITH_NUMBER.match(text)) and "文号" not in m:
            m["标题"] = squeeze(match.group(1))
            return "文号", match.group(2)
        if DOC_NUMBER.match(text):
            return "文号", squeeze(text).replace("[", "〔").replace("]", "〕")
        if "标题" not in m and (is_title(text) or ("文号" in m and len(text) <= 60 and "。" not in text)):
            # The line after the 文号 is the title, whatever its wording.
            return "标题", squeeze(text)
        if self.last == "标题" and "关于" in m["标题"] and not is_title(m["标题"]) \
                and "。" not in text and len(text) <= 40 and not ADDRESSEES.match(text):
            return "标题", squeeze(text)  # a title printed over several lines
        if ("标题" in m or ADDRESSEE_WORDS.search(text)) and "主送" not in m and ADDRESSEES.match(text):
            return "主送", text.rstrip("：:")
        if (match := ATTACHMENT.match(text)):
            return "附件", squeeze(match.group(1))
        if self.last == "附件" and ATTACHMENT_ITEM.match(text):
            return "附件", squeeze(text)
        if DATE.match(text):
            return "成文日期", squeeze(text)
        if DISCLOSURE.match(text):
            return "公开方式", text
        if ORGAN.match(text) and "落款" not in m and ("正文" in m or "附件" in m):
            return "落款", text
        if "附件" not in m and "落款" not in m and ("主送" in m or ("标题" in m and text.endswith("。"))):
            return "正文", text
        if STANDALONE_TITLE.match(squeeze(text)) and "标题" not in m:
            return "标题", squeeze(text)
        return None, ""


def is_title(text: str) -> bool:
    """Return True for a notice title: `关于`, something, `的通知` at the end."""
    end = TITLE_END.search(text)
    if end is None:
        return False
    line_start = text.rfind("\n", 0, end.start()) + 1
    return 0 <= text.find("关于", line_start) < end.start() - 2
