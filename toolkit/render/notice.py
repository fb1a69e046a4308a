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

from ..model import LivelihoodItem, Master, Section
from . import document as d
from .cover import cover_context
from .output import save_atomic
from .rows import (CATEGORY_HEADER_SPANS, CATEGORY_HEADERS, Cell, category_rows, livelihood_headers,
                   livelihood_rows, task_columns, task_rows)
from .styles import LANDSCAPE_TEXT_WIDTH
from .templates import TextTemplate, add_lines
from .widths import fitted_widths

LEAD_NOTE = "注：标记*的为牵头单位"
# Column widths in twips; 0 takes what is left of the 12756 of a landscape line.
# The task table's text, target and units widths are then fitted to the
# cells (widths.py).
TASK_W = {"number": 700, "text": 0, "target": 1700, "units": 4300, "deadline": 1900, "leader": 1300, "remark": 1900}
CATEGORY_W = (1600, 1600, 0, 3000, 1200)
LIVELIHOOD_W = (700, 1500, 0, 1300, 3000, 1700)


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
        d.add_portrait_section(doc, even_page=True, numbered=False)
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


def add_section_table(doc: DocxDocument, master: Master, section: Section, remarks: bool) -> None:
    """Append a section's heading, its task table and the lead-unit note."""
    columns = task_columns(section, remarks)
    roles = [role for role, _ in columns]
    rows = task_rows(master, section, roles)
    d.add_paragraph(doc, section.heading, "GW Section")
    if section.note:
        d.add_body(doc, section.note)
    if not rows:
        # A section such as 一、…区长牵头重点工作 (总负责。) prints no table.
        return
    starred = has_lead_marks(rows)
    if {"leader", "deadline"} & set(roles):
        # Beside 责任领导 or 完成时限 the fixed widths squeeze the units into
        # seven lines: share the line by what the cells hold.  Without them
        # the fixed widths fit, and the page breaks of long tables (a note
        # kept with the rows above it) were measured with them.
        widths = fitted_widths(roles, rows, TASK_W, LANDSCAPE_TEXT_WIDTH)
    else:
        widths = _widths([TASK_W[r] for r in roles])
    d.add_table(doc, [h for _, h in columns], rows, widths, keep_with_next=starred)
    if starred:
        d.add_paragraph(doc, LEAD_NOTE, "GW Note")


def has_lead_marks(rows: list[list[Cell]]) -> bool:
    """Return True if a cell of `rows` marks a lead unit with `*`: only
    then does the table need the note 注：标记*的为牵头单位."""
    return any(cell and "*" in cell for row in rows for cell in row)


def is_category_layout(sections: list[Section]) -> bool:
    """Return True for older notices laid out by category (项目 / 内容和要求 /
    责任单位 / 牵头领导), whose sections are the first-level categories."""
    tasks = [t for s in sections for t in s.tasks]
    return bool(tasks) and all(t.category1 and t.category1 == s.heading for s in sections for t in s.tasks)


def add_category_table(doc: DocxDocument, master: Master, sections: list[Section]) -> None:
    """Append one category table (see rows.category_rows) and the lead-unit note."""
    rows = category_rows(master, sections)
    starred = has_lead_marks(rows)
    d.add_table(doc, CATEGORY_HEADERS, _filled(rows), _widths(CATEGORY_W), centered=(4,),
                merges=vertical_merges(rows), header_spans=CATEGORY_HEADER_SPANS, keep_with_next=starred)
    if starred:
        d.add_paragraph(doc, LEAD_NOTE, "GW Note")


def add_livelihood_table(doc: DocxDocument, items: list[LivelihoodItem]) -> None:
    """Append the 民生实事 table, 序号/项目名称 merged over each project's
    lines, which are kept on one page: a merged cell continued after a page
    break prints blank there."""
    rows = livelihood_rows(items)
    merges = vertical_merges(rows)
    keep = [bool(r + 1 < len(rows) and rows[r + 1][0] is None) for r in range(len(rows))]
    headers = livelihood_headers(items)
    d.add_table(doc, headers, _filled(rows), _widths(LIVELIHOOD_W[:len(headers)]), centered=(0, 1, 3),
                merges=merges, keep_rows=keep)
    d.add_paragraph(doc, "", "GW Note")


def vertical_merges(rows: list[list[Cell]]) -> list[list[str | None]]:
    """Return Word's vertical merge per cell: "continue" where the cell is
    covered (None), "restart" above a covered cell, else None."""
    merges = []
    for r, row in enumerate(rows):
        below = rows[r + 1] if r + 1 < len(rows) else [""] * len(row)
        merges.append(["continue" if cell is None else "restart" if below[c] is None else None
                       for c, cell in enumerate(row)])
    return merges


def _filled(rows: list[list[Cell]]) -> list[list[str]]:
    """Return `rows` with covered cells empty, as Word stores them."""
    return [["" if cell is None else cell for cell in row] for row in rows]


def _widths(widths) -> list[int]:
    """Return column widths in twips, the 0 column taking the rest of the line."""
    return [w or LANDSCAPE_TEXT_WIDTH - sum(widths) for w in widths]
