"""The 责任分解 tables as one accessible HTML page for the government website.

Same content and columns as the Word annexes (see notice.py); the markup is
templates/notice.html.j2 so the site's staff can adapt it.  Accessibility:
`lang="zh-CN"`, one <h1>, a heading per section, table captions, header
cells with `scope`, merged cells (民生实事 序号/项目名称, categories of older
notices) as `rowspan`.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from ..exceptions import TemplateError
from ..model import Master, Section
from .cover import cover_context
from .notice import (LEAD_NOTE, LIVELIHOOD_HEADERS, NoticeSummary, parts_of, is_category_layout,
                     section_columns, units_cell, vertical_merges)
from .output import save_atomic
from .templates import DEFAULT_DIR, MISSING, RENDER, SYNTAX

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
    """Return the HTML page of `master`'s tables (see write_notice_html)."""
    template_path = Path(templates or DEFAULT_DIR) / TEMPLATE
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(template_path.parent)),
                             autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True)
    try:
        template = env.get_template(TEMPLATE)
        return template.render(html_context(master))
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(MISSING.format(path=template_path)) from exc
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(SYNTAX.format(path=template_path, line=exc.lineno, why=exc.message)) from exc
    except jinja2.TemplateError as exc:
        raise TemplateError(RENDER.format(path=template_path, line="?", why=exc)) from exc


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


def _cell(text: str, tag: str = "td", rowspan: int = 1) -> dict:
    return {"tag": tag, "text": text, "scope": "row" if tag == "th" else "", "rowspan": rowspan}


def _headers(names) -> list[dict]:
    return [{"text": n, "colspan": 1} for n in names]


def _task_table(master: Master, section: Section, remarks: bool) -> dict | None:
    if not section.tasks:
        return None
    columns = section_columns(section, remarks)
    rows = []
    for task in section.tasks:
        values = {"number": task.number, "text": task.text, "target": task.target,
                  "units": units_cell(master, task), "remark": task.remark}
        rows.append([_cell(values[role], "th" if role == "number" else "td") for role, _, _ in columns])
    return {"caption": f"{section.heading}（共{len(rows)}项）", "headers": _headers(h for _, h, _ in columns),
            "rows": rows}


def _spans(keys: list) -> list[int]:
    """Return the rowspan of each row's merged cell (0 where it is covered)."""
    spans = [0] * len(keys)
    start = 0
    for i, merge in enumerate(vertical_merges(keys)):
        if merge != "continue":
            start = i
        spans[start] += 1
    return spans


def _category_table(master: Master, sections: list[Section]) -> dict:
    tasks = [t for s in sections for t in s.tasks]
    first = _spans([t.category1 for t in tasks])
    second = _spans([(t.category1, t.category2) for t in tasks])
    rows = []
    for task, span1, span2 in zip(tasks, first, second):
        row = [_cell(task.category1, "th", span1)] if span1 else []
        row += [_cell(task.category2, "td", span2)] if span2 else []
        row += [_cell(f"（{task.number}）{task.text}"), _cell(units_cell(master, task)), _cell(task.leader)]
        rows.append(row)
    headers = [{"text": "项目", "colspan": 2}] + _headers(("内容和要求", "责任单位", "牵头领导"))
    return {"caption": f"重点工作责任分解（共{len(rows)}项）", "headers": headers, "rows": rows}


def _livelihood_table(master: Master, title: str) -> dict:
    items = master.notice.livelihood
    spans = _spans([(i.number, i.project) for i in items])
    rows = []
    for item, span in zip(items, spans):
        row = [_cell(item.number, "th", span), _cell(item.project, "td", span)] if span else []
        row += [_cell(item.content), _cell(item.leader), _cell("、".join(item.units))]
        rows.append(row)
    return {"caption": title, "headers": _headers(LIVELIHOOD_HEADERS), "rows": rows}
