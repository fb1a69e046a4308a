"""Assemble the draft decomposition: the report's rows as a Notice.

The draft must pass through the same master-workbook contract as an
imported notice, so `notice`, `letters` and `forms` accept it once a clerk
fills 责任单位.  Everything a clerk has to confirm stays out of the contract
columns: suggestions go to 建议责任单位 / 建议依据, and every row carries the
草稿 flag.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import DRAFT, Notice, Section, Task
from .glossary import Term, link_terms, read_glossary
from .outline import find_outline
from .report import Line, Report
from .split import Piece, category_pieces, target_clauses
from .suggest import Suggester
from .targets import JOIN, extract_targets

MAIN_TARGETS = "主要预期目标"
SUGGESTED_UNITS = "建议责任单位"
SUGGESTION_REASONS = "建议依据"
TERMS_COLUMN = "相关术语"
GLOSSARY_SHEET = "名词解释"
GLOSSARY_HEADERS = ("序号", "术语", "解释", "相关编号", "来源")
_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")


@dataclass
class Draft:
    """A report's draft decomposition and what was left out of it."""

    notice: Notice
    terms: list[Term] = field(default_factory=list)
    skipped: list[Line] = field(default_factory=list)
    year: str = ""


def build_draft(report: Report, suggester: Suggester | None = None) -> Draft:
    """Return the draft decomposition of `report`.

    Raises ParseError (from find_outline) when the report has no tasks part.
    """
    outline = find_outline(report)
    year = _YEAR.search(outline.heading.text)
    notice = Notice(source=report.name, format=report.format.value, encoding=report.encoding)
    draft = Draft(notice, year=year[1] if year else "")
    if outline.main_targets is not None:
        pieces = target_clauses(outline.main_targets)
        section = _section(MAIN_TARGETS, 0, pieces, report.name, MAIN_TARGETS)
        for task in section.tasks:
            # Each main target row is one indicator and its level, whole:
            # `城镇新增就业5000人以上`, not `新增就业5000人以上`.
            if task.target:
                task.target = task.text.rstrip("。")
        notice.sections.append(section)
    for index, category in enumerate(outline.categories, start=1):
        pieces, skipped = category_pieces(category)
        draft.skipped += skipped
        notice.sections.append(_section(category.heading, index, pieces, report.name))
    draft.terms = read_glossary(report)
    used = link_terms(draft.terms, ((t.id, t.text) for t in notice.tasks))
    for task in notice.tasks:
        if task.id in used:
            task.extra[TERMS_COLUMN] = JOIN.join(used[task.id])
        if suggester is not None:
            _suggest(task, suggester)
    notice.meta = _meta(report, outline.heading.text, draft.year)
    return draft


def glossary_rows(terms: list[Term], source: str) -> list[dict[str, str]]:
    """Return the rows of the 名词解释 sheet."""
    return [
        {"序号": t.number, "术语": t.term, "解释": t.explanation,
         "相关编号": "、".join(t.rows), "来源": f"{source}:{t.line}"}
        for t in terms
    ]


def _section(heading: str, index: int, pieces: list[Piece], source: str, category: str = "") -> Section:
    """Return the section of `pieces`, ids `NN-MM` (NN: 00 for the main targets)."""
    section = Section(heading=heading)
    for number, piece in enumerate(pieces, start=1):
        section.tasks.append(Task(
            id=f"{index:02d}-{number:02d}",
            number=str(number),
            text=piece.text,
            target=JOIN.join(extract_targets(piece.text)),
            category1=category or piece.category,
            category2=piece.lead,
            source=f"{source}:{piece.line}",
            flags=[DRAFT],
        ))
    return section


def _suggest(task: Task, suggester: Suggester) -> None:
    suggestion = suggester.suggest(task.text)
    if suggestion.units:
        task.extra[SUGGESTED_UNITS] = suggestion.cell
        task.extra[SUGGESTION_REASONS] = "；".join(suggestion.reasons)


def _meta(report: Report, heading: str, year: str) -> dict[str, str]:
    title = f"{year}年政府工作报告重点工作责任分解（草稿）" if year else "政府工作报告重点工作责任分解（草稿）"
    return {"标题": title, "来源报告": report.name, "报告章节": heading}
