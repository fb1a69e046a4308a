"""催办: one 催办单 per unit that has not reported for the quarter, or whose
tasks are lit red, with a plain-text list to paste into 浙政钉 or WeChat.

Each unit's reminder count (第一次, 第二次…) comes from the master's
催办记录 sheet: every run records the units it reminded, and a unit
reminded again on a later day is one count higher.  Running remind twice
on the same day reprints the same counts and records nothing new, so a
clerk can regenerate a document without escalating anyone.
"""

from __future__ import annotations

import contextlib
import functools
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from ..notices.headings import numeral
from ..render import _oxml
from ..render.cover import cover_context
from ..render.document import add_body, style_id, title_paragraph
from ..render.output import guard_write, unique_stems
from . import common as c
from ._paper import Paper, chinese_day, element_xml, paragraph_xml, sign_off, table_xml
from .escalation import BLUE, COLOURS, MEANING, RED as RED_LEVEL, YELLOW as YELLOW_LEVEL, Level, unit_level
from .history import Supervision, read_supervision, record_reminders, stamp
from .lights import GREEN, RED, UNREPORTED, YELLOW, Judged, Lights, judge_quarter
from .settings import Settings

COMBINED = "催办单（合并打印）-{quarter}.docx"
TEXT_NAME = "催办清单-{quarter}.txt"
FILE_NAME = "{quarter}催办单-{stem}.docx"
R_MISSING, R_RED = "未报送", "红灯任务"
HEADERS = ("编号", "任务内容", "角色", "完成时限", "完成情况", "预警")
WIDTHS = (900, 3800, 700, 1100, 1044, 1300)
FILLS = {GREEN: "C8E6C9", YELLOW: "FFF59D", RED: "EF9A9A"}
NO_ONE = "{quarter} 没有需要催办的单位：各单位均已报送，且没有亮红灯的任务。"


@dataclass
class Reminder:
    """One unit to remind: why, how many times already, what to list."""

    unit: str
    count: int
    missing: bool
    red: list[Judged]
    rows: list[Judged]
    earlier: list[str] = field(default_factory=list)  # dates of earlier reminders
    receipts: int = 0
    recorded_today: bool = False
    level: Level = field(default_factory=lambda: Level(BLUE, []))

    @property
    def reason(self) -> str:
        parts = [R_MISSING] if self.missing else []
        if self.red:
            parts.append(f"{R_RED}{len(self.red)}项")
        return "、".join(parts)


@dataclass
class RemindResult:
    """What write_reminders wrote and recorded, for the command's lines."""

    quarter: str
    reminders: list[Reminder]
    files: list[Path] = field(default_factory=list)
    combined: Path | None = None
    text: Path | None = None
    recorded: int = 0
    backup: str = ""


def plan_reminders(sup: Supervision, lights: Lights, today: date) -> list[Reminder]:
    """Return the reminders due for `lights.quarter`, units in notice order."""
    quarter = lights.quarter
    history: dict[str, set[str]] = {}
    for row in sup.reminders:
        if row.get("季度") == quarter:
            history.setdefault(sup.master.canonical(row.get("单位", "")), set()).add(row.get("催办时间", "")[:10])
    receipts: dict[str, int] = {}
    for row in sup.receipts:
        if row.get("季度") == quarter:
            unit = sup.master.canonical(row.get("填报单位", ""))
            receipts[unit] = receipts.get(unit, 0) + 1
    out = []
    for unit in sup.master.letter_units():
        rows = lights.by_unit.get(unit, [])
        missing = unit not in lights.reported
        red = [r for r in rows if r.light == RED]
        if not (missing or red):
            continue
        days = history.get(unit, set())
        today_text = today.isoformat()
        earlier = sorted(d for d in days if d < today_text)
        listed = [r for r in rows if r.light != GREEN]
        out.append(Reminder(unit, len(earlier) + 1, missing, red, listed, earlier, receipts.get(unit, 0),
                            today_text in days, unit_level(missing, listed, quarter, sup.settings, today)))
    return out


def write_reminders(master_path: Path | str, quarter: str, out_dir: Path | str, combined: bool = False,
                    deadline: str = "", now: datetime | None = None, record: bool = True) -> RemindResult:
    """Write the 催办单 of `quarter` into `out_dir`, the paste-ready list,
    and record the round in the master's 催办记录 (unless `record` is False).

    Raises ToolkitError when the master cannot be read or written.
    """
    quarter = c.parse_quarter(quarter)
    master_path, out_dir = Path(master_path), Path(out_dir)
    now = now or datetime.now()
    sup = read_supervision(master_path)
    lights = judge_quarter(sup.master, sup.settings, quarter)
    reminders = plan_reminders(sup, lights, now.date())
    result = RemindResult(quarter, reminders)
    guard_write(out_dir, lambda: out_dir.mkdir(parents=True, exist_ok=True))
    deadline = deadline or chinese_day(now.date() + timedelta(days=3))
    _write_documents(sup, lights, reminders, out_dir, combined, deadline, now.date(), result)
    result.text = out_dir / TEXT_NAME.format(quarter=quarter)
    guard_write(result.text, lambda: result.text.write_text(
        paste_text(sup, lights, reminders, deadline, now.date()), encoding="utf-8"))
    rows = [_record(r, quarter, now, path.name) for r, path in zip(reminders, result.files)
            if not r.recorded_today]
    if record and rows:
        result.backup = record_reminders(master_path, rows)
        result.recorded = len(rows)
    return result


def _record(reminder: Reminder, quarter: str, now: datetime, file_name: str) -> dict[str, object]:
    return {"催办时间": stamp(now), "季度": quarter, "单位": reminder.unit, "次数": reminder.count,
            "原因": reminder.reason, "任务编号": "、".join(r.id for r in reminder.red), "文件": file_name,
            "等级": reminder.level.label}


def _write_documents(sup: Supervision, lights: Lights, reminders: list[Reminder], out_dir: Path,
                     combined: bool, deadline: str, today: date, result: RemindResult) -> None:
    paper = Paper()
    stems = unique_stems([r.unit for r in reminders])
    cover = cover_context(sup.master.notice)
    with contextlib.ExitStack() as stack:
        add = None
        if combined and reminders:
            target = out_dir / COMBINED.format(quarter=lights.quarter)
            add = guard_write(target, lambda: stack.enter_context(paper.skeleton.xml_sections_writer(target)))
            result.combined = target
        for reminder in reminders:
            _build(paper, sup, lights, reminder, cover, deadline, today)
            path = out_dir / FILE_NAME.format(quarter=lights.quarter, stem=stems[reminder.unit])
            body = paper.save(path)
            result.files.append(path)
            if add is not None:
                guard_write(result.combined, lambda: add(body))


def ordinal(count: int) -> str:
    """Return 第一次, 第二次… for a reminder count."""
    return f"第{numeral(count)}次"


def _build(paper: Paper, sup: Supervision, lights: Lights, reminder: Reminder, cover: dict,
           deadline: str, today: date) -> None:
    """Fill `paper` with the 催办单 of `reminder`.

    Everything up to the table is written as XML text, one piece with the
    table (see Paper.add_xml): building a dozen paragraphs as elements cost
    more than the rest of a 催办单.  The lines after it stay elements, for
    sign_off to keep them with the 署名."""
    label = c.quarter_label(lights.quarter)
    opening = [_title_xml(), paragraph_xml(f"（{label}　{ordinal(reminder.count)}催办）", "GW Center"),
               _level_xml(reminder.level.colour, reminder.level.label), paragraph_xml("", "GW Plain"),
               paragraph_xml(f"{reminder.unit}：", "GW Plain")]
    opening += [paragraph_xml(text, "GW Body") for text in _why(sup.settings, lights, reminder, cover, today)]
    opening.append(paragraph_xml("你单位涉及的任务如下：", "GW Body"))
    rows = [_row(j, reminder.unit) for j in reminder.rows]
    paper.add_xml("".join(opening) + table_xml(HEADERS, rows, WIDTHS, centered=(0, 2, 3, 4, 5),
                                                fills=[FILLS.get(j.light) for j in reminder.rows]))
    asks = []
    if reminder.missing:
        asks.append("报送进展情况")
    if reminder.red:
        asks.append("书面说明落后原因及整改措施")
    # The request comes after the table: a paragraph of text that keeps with
    # the 署名 (sign_off), so a table filling its page never leaves the 署名
    # and date alone on the next one.  LibreOffice 7.4 ignores keep-with-next
    # on table rows (measured: 2 of 79 reminders of the lucheng sample).
    add_body(paper.doc, f"请于{deadline}前{'，并'.join(asks)}。")
    sign_off(paper.doc, sup.settings, today, cover["signer"])


def _why(settings: Settings, lights: Lights, reminder: Reminder, cover: dict, today: date) -> list[str]:
    """Return the body paragraphs saying why the unit is reminded."""
    label = c.quarter_label(lights.quarter)
    source = f"按照《{cover['title']}》" + (f"（{cover['doc_number']}）" if cover["doc_number"] else "") \
        if cover["title"] else "按照政府工作报告重点工作责任分解要求"
    out = []
    if reminder.missing:
        had = f"（此前收到你单位{reminder.receipts}份报送表，均未能采纳）" if reminder.receipts else ""
        out.append(f"{source}，各责任单位应于每季度结束后{settings.due_days}日内报送重点工作进展情况。"
                   f"截至{chinese_day(today)}，尚未收到你单位{label}进展情况{had}。")
    if reminder.red:
        out.append(f"根据你单位报送的进展情况，对照序时进度（{lights.expected:g}%），你单位有{len(reminder.red)}项任务"
                   f"亮红灯（落后序时进度超过{settings.red:g}个百分点或已到完成时限尚未完成）。")
    if reminder.earlier:
        dates = "、".join(chinese_day(date.fromisoformat(d)) for d in reminder.earlier)
        out.append(f"此前已于{dates}催办{len(reminder.earlier)}次，本次为{ordinal(reminder.count)}催办，请高度重视。")
    if reminder.level.why:
        out.append(f"本次催办等级为{reminder.level.label}：{'；'.join(reminder.level.why)}。")
    return out


@functools.lru_cache(maxsize=1)
def _title_xml() -> str:
    """Return the title paragraph as XML, laid out once per run."""
    return element_xml(title_paragraph("重点工作催办单"))


@functools.lru_cache(maxsize=8)
def _level_xml(colour: str, label: str) -> str:
    """Return `催办等级：红色（逾期）` centred, the level in its colour, as XML."""
    p = _oxml.paragraph("催办等级：", style_id("GW Center"))
    run = _oxml.sub(p, "w:r")
    props = _oxml.sub(run, "w:rPr")
    _oxml.sub(props, "w:b")
    _oxml.sub(props, "w:color", val=COLOURS[colour])
    _oxml.sub(run, "w:t").text = label
    return element_xml(p)


def _row(judged: Judged, unit: str) -> list[str]:
    role = "牵头" if unit in judged.leads else "配合"
    if judged.light == UNREPORTED:
        done = "未报送"
    else:
        done = judged.status + ("" if judged.percent is None else f"\n{judged.percent:g}%")
    warning = judged.light if judged.light != UNREPORTED else "—"
    if judged.overdue:
        warning += "\n逾期"
    elif judged.behind:
        warning += f"\n落后{judged.behind:g}点"
    return [judged.id, judged.text, role, judged.deadline or "—", done, warning]


def paste_text(sup: Supervision, lights: Lights, reminders: list[Reminder], deadline: str, today: date) -> str:
    """Return the reminder list as plain lines for 浙政钉 or WeChat: no
    tables, one unit per line, numbered, the contact at the end."""
    label = c.quarter_label(lights.quarter)
    lines = [f"【催办提醒】{label}政府工作报告重点工作进展（截至{chinese_day(today)}，序时进度{lights.expected:g}%）"]
    if not reminders:
        return lines[0] + "\n" + NO_ONE.format(quarter=label) + "\n"
    levels = Counter(r.level.colour for r in reminders)
    lines.append("催办等级：" + "，".join(f"{level}（{MEANING[level]}）{levels[level]}个"
                                      for level in (RED_LEVEL, YELLOW_LEVEL, BLUE) if levels[level]) + "。")
    missing = [r for r in reminders if r.missing]
    red = [r for r in reminders if r.red]
    part = 0
    if missing:
        part += 1
        lines.append(f"{numeral(part)}、未报送单位（{len(missing)}个）：")
        lines += [f"{n}. {r.unit}（{_tag(r)}）" for n, r in enumerate(missing, start=1)]
    if red:
        part += 1
        lines.append(f"{numeral(part)}、有红灯任务的单位（{len(red)}个）：")
        for n, r in enumerate(red, start=1):
            tasks = "；".join(f"{j.id} {_short(j.text)}（{j.reason}）" for j in r.red)
            lines.append(f"{n}. {r.unit}（{_tag(r)}）：{tasks}")
    lines.append(f"请以上单位于{deadline}前报送或书面说明整改措施。")
    settings = sup.settings
    contact = "，".join(p for p in (settings.contact, settings.phone) if p)
    if contact:
        lines.append(f"联系人：{contact}")
    return "\n".join(lines) + "\n"


def _tag(reminder: Reminder) -> str:
    """Return `第二次催办，红色·逾期` for the plain-text list."""
    level = reminder.level
    return f"{ordinal(reminder.count)}催办，{level.colour}·{MEANING[level.colour]}"


def _short(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[:limit] + "…"

