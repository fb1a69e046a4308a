"""Find the year's tasks part of a report and its (一)…(七) sections.

A 政府工作报告 reviews last year (一、), often sketches the five-year plan
(二、), then sets this year's targets and tasks (三、2021年主要目标和任务).
Only that last part is decomposed; the review and the outlook describe work
already done or too far off to assign.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..exceptions import ParseError
from ..textsplit import split_outside
from .report import Line, Report
from .unwrap import MAX_HEADING

NO_TASKS_PART = (
    "{name} 中没有找到当年的目标和任务部分（如“三、2021年主要目标和任务”）。"
    "请确认这是政府工作报告全文，且该部分标题单独成段。"
)

_TOP_HEADING = re.compile(r"^[一二三四五六七八九十]+\s*[、.．]\s*\S")
_SECTION_HEADING = re.compile(r"^[(（]([一二三四五六七八九十]+)[)）]\s*\S")
_YEAR = re.compile(r"(?:19|20)\d\d\s*年|今年|本年度")
_TASK_WORDS = ("任务", "工作", "目标")
# Headings with these words look back or far ahead: never this year's tasks.
_NOT_THIS_YEAR = ("回顾", "总结", "十四五", "五年", "过去", "远景")
_GLOSSARY = "名词解释"
_MAIN_TARGETS = ("主要预期目标", "主要目标是", "预期目标是", "预期目标：", "预期目标:", "主要目标：", "主要目标:")
# Where a heading sharing its line with its first paragraph ends.
_HEADING_ENDS = "。！!：:"


@dataclass
class Category:
    """A `(一)` section of the tasks part and its paragraphs."""

    heading: str
    line: int
    paragraphs: list[Line] = field(default_factory=list)


@dataclass
class Outline:
    """The tasks part: its heading, preamble, main targets paragraph, sections."""

    heading: Line
    preamble: list[Line] = field(default_factory=list)
    main_targets: Line | None = None
    categories: list[Category] = field(default_factory=list)


def is_top_heading(text: str) -> bool:
    """Return True for a part heading such as `三、2021年主要目标和任务`."""
    return len(text) <= MAX_HEADING and bool(_TOP_HEADING.match(text)) and "。" not in text


def is_tasks_heading(text: str) -> bool:
    """Return True when `text` heads this year's targets and tasks."""
    return (
        is_top_heading(text)
        and bool(_YEAR.search(text))
        and any(w in text for w in _TASK_WORDS)
        and not any(w in text for w in _NOT_THIS_YEAR)
    )


def is_glossary_heading(text: str) -> bool:
    """Return True for the heading of the 名词解释 appendix."""
    return _GLOSSARY in text and len(text) <= 30


def section_heading(text: str) -> bool:
    """Return True for a `(一)…` section heading."""
    return len(text) <= MAX_HEADING and bool(_SECTION_HEADING.match(text)) and not text.endswith("。")


def split_section_line(line: Line) -> tuple[str, Line | None] | None:
    """Return (heading, first paragraph or None) of a `(二)…` line, None
    for any other line.

    Many reports print the heading and the section's first paragraph as
    one paragraph: `（二）突出动能转换，加快产业升级。今年将……`.  The
    heading is then the first sentence, when it is heading-sized.
    """
    text = line.text
    if section_heading(text):
        return text, None
    if not _SECTION_HEADING.match(text):
        return None
    first = split_outside(text, _HEADING_ENDS, keep=True)[0]
    if len(first) > MAX_HEADING or not first.endswith(tuple(_HEADING_ENDS)):
        return None
    rest = text[len(first):].strip()
    return first, (Line(line.number, rest) if rest else None)


def find_outline(report: Report) -> Outline:
    """Return the outline of `report`'s tasks part.

    Raises ParseError naming the file when the report has no tasks part.
    """
    lines = report.lines
    start = next((i for i, line in enumerate(lines) if is_tasks_heading(line.text)), None)
    if start is None:
        raise ParseError(NO_TASKS_PART.format(name=report.name))
    outline = Outline(heading=lines[start])
    for line in lines[start + 1:]:
        if is_top_heading(line.text) or is_glossary_heading(line.text):
            break
        if (split := split_section_line(line)) is not None:
            heading, first = split
            outline.categories.append(Category(heading, line.number, [first] if first else []))
        elif outline.categories:
            outline.categories[-1].paragraphs.append(line)
        elif outline.main_targets is None and any(w in line.text for w in _MAIN_TARGETS):
            outline.main_targets = line
        else:
            outline.preamble.append(line)
    if not outline.categories and outline.preamble:
        # A short report may list its tasks with no (一)… sections: the part
        # itself is then the only section.
        outline.categories.append(Category(outline.heading.text, outline.heading.number, outline.preamble))
        outline.preamble = []
    return outline
