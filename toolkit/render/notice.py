"""The 责任分解 notice as a Word document, generated from the master.

Layout: the cover letter (portrait, from templates/notice.txt.j2; with a
red 版头 when 发文信息 names the 发文机关), then 附件1 — one heading and one
table per leader section — and 附件2 民生实事, both landscape, then the 版记
on a portrait page that is always even-numbered.  Each table has the shape
the notice reader reads back: a heading paragraph such as
`二、林杰常委、常务副区长牵头重点工作`, then a table whose header row holds
序号 / 重点工作 / [量化任务] / 责任单位 / [备注].
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docx.document import Document as DocxDocument

from ..model import LivelihoodItem, Master, Section, Task, UnitRef
from ..units import format_units
from . import document as d
from .cover import cover_context
from .output import save_atomic
from .templates import TextTemplate, add_lines

LEAD_NOTE = "注：标记*的为牵头单位"
LIVELIHOOD_HEADERS = ("序号", "项目名称", "项目内容", "牵头领导", "牵头单位")
# Column widths in twips; 重点工作 / 项目内容 take what is left of 12756.
NUMBER_W, UNITS_W, TARGET_W, REMARK_W = 700, 4300, 1700, 1900
LIVELIHOOD_W = {"序号": 700, "项目名称": 1500, "牵头领导": 1300, "牵头单位": 3000}


@dataclass
class NoticeSummary:
    """What write_notice wrote, for the command's summary line."""

    path: Path
    sections: int
    tasks: int
    livelihood: int


def write_notice(master: Master, path: Path | str, table_only: bool = False,
                 templates: Path | str | None = None) -> NoticeSummary:
    """Write the notice of `master` as a .docx at `path`; return a summary.

    `table_only` writes just the annex tables.  `templates` is the folder of
    the clerk's templates (default: the project's `templates/`).  Raises
    TemplateError for a broken template and ToolkitError when `path` is open
    in Word or cannot be written.
    """
    path = Path(path)
    doc = build_notice(master, table_only, templates)
    save_atomic(path, lambda tmp: doc.save(str(tmp)))
    notice = master.notice
    return NoticeSummary(path, len(notice.sections), len(notice.tasks), len(notice.livelihood))


def build_notice(master: Master, table_only: bool = False,
                 templates: Path | str | None = None) -> DocxDocument:
    """Return the notice document of `master` (see write_notice)."""
    notice = master.notice
    context = cover_context(notice)
    doc = d.new_document()
    if table_only:
        d.set_landscape(doc.sections[0])
    else:
        template = TextTemplate("notice.txt.j2", templates)
        template.check(context)
        add_lines(doc, template.render(context))
        d.add_landscape_section(doc)
    remarks = any(t.remark for t in notice.tasks)
    _annex(doc, "附件1" if notice.livelihood else "附件", context["annex_titles"][0])
    for part, sections in parts_of(notice.sections):
        if part:
            d.add_heading(doc, f"{part}重点工作责任分解：", 1)
        if is_category_layout(sections):
            add_category_table(doc, master, sections)
            continue
        for section in sections:
            add_section_table(doc, master, section, remarks)
    if notice.livelihood:
        _annex(doc, "附件2", context["annex_titles"][1], new_page=True)
        add_livelihood_table(doc, notice.livelihood)
    if not table_only and (context["copy_to"] or context["print_date"]):
        d.add_portrait_section(doc, even_page=True)
        d.add_imprint(doc, context["copy_to"], context["printer"], context["print_date"])
    return doc


def parts_of(sections: list[Section]) -> list[tuple[str, list[Section]]]:
    """Return the sections grouped by part, in printed order."""
    parts: list[tuple[str, list[Section]]] = []
    for section in sections:
        if not parts or parts[-1][0] != section.part:
            parts.append((section.part, []))
        parts[-1][1].append(section)
    return parts


def _annex(doc: DocxDocument, label: str, title: str, new_page: bool = False) -> None:
    d.add_paragraph(doc, label, "GW Annex Label", page_break_before=new_page)
    d.add_blank(doc)
    d.add_title(doc, title)
    d.add_blank(doc)


def section_columns(section: Section, remarks: bool) -> list[tuple[str, str, int]]:
    """Return the (role, header, width) columns of a section's table.

    The 量化任务 column keeps the header the notice printed (e.g. 区本级任务数).
    """
    columns = [("number", "序号", NUMBER_W), ("text", "重点工作", 0)]
    if section.target_label or any(t.target for t in section.tasks):
        columns.append(("target", section.target_label or "量化任务", TARGET_W))
    columns.append(("units", "责任单位", UNITS_W))
    if remarks:
        columns.append(("remark", "备注", REMARK_W))
    rest = d.LANDSCAPE_TEXT_WIDTH - sum(w for _, _, w in columns)
    return [(role, h, w or rest) for role, h, w in columns]


def units_cell(master: Master, task: Task) -> str:
    """Return the 责任单位 cell: the clerk's unit names, lead units first with `*`."""
    refs: dict[str, UnitRef] = {}
    for ref in task.units:
        name = master.canonical(ref.name)
        if name in refs:
            refs[name].lead = refs[name].lead or ref.lead
        else:
            refs[name] = UnitRef(name, ref.lead)
    return format_units(list(refs.values()))


def add_section_table(doc: DocxDocument, master: Master, section: Section, remarks: bool) -> None:
    """Append a section's heading, its task table and the lead-unit note."""
    columns = section_columns(section, remarks)
    rows = []
    for task in section.tasks:
        values = {"number": task.number, "text": task.text, "target": task.target,
                  "units": units_cell(master, task), "remark": task.remark}
        rows.append([values[role] for role, _, _ in columns])
    d.add_paragraph(doc, section.heading, "GW Section")
    if section.note:
        d.add_body(doc, section.note)
    if not rows:
        # A section such as 一、…区长牵头重点工作 (总负责。) prints no table.
        return
    d.add_table(doc, [h for _, h, _ in columns], rows, [w for _, _, w in columns])
    d.add_paragraph(doc, LEAD_NOTE, "GW Note")


def vertical_merges(keys: list) -> list[str | None]:
    """Return "restart"/"continue"/None per row so that equal consecutive
    `keys` share one vertically merged cell."""
    merges: list[str | None] = []
    for i, key in enumerate(keys):
        if i and keys[i - 1] == key:
            merges.append("continue")
        elif i + 1 < len(keys) and keys[i + 1] == key:
            merges.append("restart")
        else:
            merges.append(None)
    return merges


def livelihood_merges(items: list[LivelihoodItem]) -> list[list[str | None]]:
    """Return per-row vertical merges of 序号 and 项目名称 for consecutive
    items of one project."""
    column = vertical_merges([(item.number, item.project) for item in items])
    return [[m, m] for m in column]


def is_category_layout(sections: list[Section]) -> bool:
    """Return True for older notices laid out by category (项目 / 内容和要求 /
    责任单位 / 牵头领导), whose sections are the first-level categories."""
    tasks = [t for s in sections for t in s.tasks]
    return bool(tasks) and all(t.category1 and t.category1 == s.heading for s in sections for t in s.tasks)


def add_category_table(doc: DocxDocument, master: Master, sections: list[Section]) -> None:
    """Append one category table: 项目 (two merged levels) / 内容和要求 /
    责任单位 / 牵头领导, items printed as `（6）text` like the source."""
    tasks = [t for s in sections for t in s.tasks]
    first = vertical_merges([t.category1 for t in tasks])
    second = vertical_merges([(t.category1, t.category2) for t in tasks])
    rows, merges = [], []
    for task, m1, m2 in zip(tasks, first, second):
        rows.append([task.category1 if m1 != "continue" else "", task.category2 if m2 != "continue" else "",
                     f"（{task.number}）{task.text}", units_cell(master, task), task.leader])
        merges.append([m1, m2])
    widths = [1600, 1600, 0, 3000, 1200]
    widths[2] = d.LANDSCAPE_TEXT_WIDTH - sum(widths)
    d.add_table(doc, ["项目", "内容和要求", "责任单位", "牵头领导"], rows, widths,
                centered=(4,), merges=merges, header_spans=(2, 1, 1, 1))
    d.add_paragraph(doc, LEAD_NOTE, "GW Note")


def add_livelihood_table(doc: DocxDocument, items: list[LivelihoodItem]) -> None:
    """Append the 民生实事 table, 序号/项目名称 merged over each project's lines."""
    merges = livelihood_merges(items)
    rows = []
    for item, merge in zip(items, merges):
        first = merge[0] != "continue"
        rows.append([item.number if first else "", item.project if first else "",
                     item.content, item.leader, "、".join(item.units)])
    widths = [LIVELIHOOD_W.get(h, 0) for h in LIVELIHOOD_HEADERS]
    widths[2] = d.LANDSCAPE_TEXT_WIDTH - sum(widths)
    d.add_table(doc, LIVELIHOOD_HEADERS, rows, widths, centered=(0, 1, 3), merges=merges)
    d.add_paragraph(doc, "", "GW Note")
