"""The 责任分解 tables as one accessible HTML page for the government website.

Same rows and columns as the Word annexes (both come from rows.py); the markup is
templates/notice.html.j2 so the site's staff can adapt it.  Accessibility:
`lang="zh-CN"`, one <h1>, a heading per section, table captions, header
cells with `scope`, merged cells (民生实事 序号/项目名称, categories of older
notices) as `rowspan`.
"""

from __future__ import annotations

from pathlib import Path

from ..model import Master, Section
from .cover import cover_context
from .notice import LEAD_NOTE, NoticeSummary, is_category_layout, parts_of
from .output import save_atomic
from .rows import (CATEGORY_HEADER_SPANS, CATEGORY_HEADERS, Cell, category_rows, livelihood_headers,
                   livelihood_rows, task_columns, task_rows)
from .templates import TextTemplate

TEMPLATE = "notice.html.j2"


def write_notice_html(master: Master, path: Path | str, templates: Path | str | None = None) -> NoticeSummary:
    """Write the notice tables of `master` as one HTML page at `path`.

    Raises TemplateError for a broken template, ToolkitError when `path`
    cannot be written.
    """
    path = Path(path)
    html = render_notice_html(master, templates)
    save_atomic(path, lambda tmp: tmp.write_text(html, encoding="utf-8"))
    notice = master.notice
    return NoticeSummary(path, len(notice.sections), len(notice.tasks), len(notice.livelihood))


def render_notice_html(master: Master, templates: Path | str | None = None) -> str:
    """Return the HTML page of `master`'s tables (see write_notice_html).

    Same checks as the Word templates: an unknown variable is named before
    anything renders, errors give the template's file and line.
    """
    template = TextTemplate(TEMPLATE, templates, html=True)
    context = html_context(master)
    template.check(context)
    return template.render_text(context)


def html_context(master: Master) -> dict:
    """Return the template variables: parts -> sections -> tables, and the
    民生实事 table.  A table is {"caption", "headers", "rows"}; a header is
    {"text", "colspan"}; a row is a list of cells {"tag", "text", "scope",
    "rowspan"} (a merged cell appears once, in its first row)."""
    notice = master.notice
    cover = cover_context(notice)
    remarks = any(t.remark for t in notice.tasks)
    parts = []
    for part, sections in parts_of(notice.sections):
        if is_category_layout(sections):
            entries = [{"heading": "", "note": "", "table": _category_table(master, sections)}]
        else:
            entries = [{"heading": s.heading, "note": s.note, "table": _task_table(master, s, remarks)}
                       for s in sections]
        parts.append({"name": part, "sections": entries})
    livelihood = _livelihood_table(master, cover["annex_titles"][1]) if notice.livelihood else None
    return {**cover, "parts": parts, "note": LEAD_NOTE, "livelihood": livelihood}


def _task_table(master: Master, section: Section, remarks: bool) -> dict | None:
    if not section.tasks:
        return None
    columns = task_columns(section, remarks)
    rows = task_rows(master, section, [role for role, _ in columns])
    return _table(f"{section.heading}（共{len(rows)}项）", [h for _, h in columns], rows)


def _category_table(master: Master, sections: list[Section]) -> dict:
    rows = category_rows(master, sections)
    return _table(f"重点工作责任分解（共{len(rows)}项）", CATEGORY_HEADERS, rows, CATEGORY_HEADER_SPANS)


def _livelihood_table(master: Master, title: str) -> dict:
    items = master.notice.livelihood
    return _table(title, livelihood_headers(items), livelihood_rows(items))


def _table(caption: str, headers, rows: list[list[Cell]], spans=()) -> dict:
    """Return a template table; the first column holds row headers (序号, 项目)."""
    cells = []
    for r, row in enumerate(rows):
        cells.append([{"tag": "th" if c == 0 else "td", "text": text, "scope": "row" if c == 0 else "",
                       "rowspan": _rowspan(rows, r, c)} for c, text in enumerate(row) if text is not None])
    head = [{"text": h, "colspan": spans[i] if i < len(spans) else 1} for i, h in enumerate(headers)]
    return {"caption": caption, "headers": head, "rows": cells}


def _rowspan(rows: list[list[Cell]], r: int, c: int) -> int:
    """Return how many rows the cell at (`r`, `c`) spans: itself and the covered cells below."""
    span = 1
    while r + span < len(rows) and rows[r + span][c] is None:
        span += 1
    return span
