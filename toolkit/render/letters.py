"""Task letters (任务函): one .docx per responsible unit, from the master.

Each letter lists, grouped by leader section, the tasks the unit leads and
those it supports, with the other units, quantified targets and reporting
duties; then the 民生实事 projects it leads (牵头单位), naming any co-leads.
A unit named only in 民生实事 gets a letter too (see Master.letter_units).  The
wording is templates/letter.txt.j2; the layout is a GB/T 9704 skeleton
prepared once and refilled per unit (see skeleton.py), which keeps 600
letters within a few seconds.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..exceptions import ToolkitError
from ..model import LivelihoodItem, Master, Notice, Section, Task
from . import document as d
from ..notices.headings import squeeze
from .cover import cover_context, doc_number
from .output import guard_write, unique_stems
from .skeleton import DocxSkeleton
from .templates import TextTemplate, line_paragraphs

COMBINED_NAME = "任务函（合并打印）.docx"
NO_UNITS = ("总台账 {name} 中没有可以发函的责任单位（只有统称或为空）。"
            "请检查「重点工作」工作表的责任单位列和「民生实事」工作表的牵头单位列。")
ALIAS_WARNING = ("提示：{names} 可能是同一单位，现在会各收到一份任务函（共{count}份）。"
                 "如是同一单位，请在总台账「单位」表的“别名”列确认后重新生成。")
_NUMBER_PREFIX = re.compile(r"^[一二三四五六七八九十百]+、")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")

Progress = Callable[[int, int], None]


@dataclass
class LettersSummary:
    """What write_letters wrote, for the command's summary line."""

    directory: Path
    files: list[Path] = field(default_factory=list)
    combined: Path | None = None
    groups: list[str] = field(default_factory=list)
    # Probable aliases not yet confirmed: one unit would get several letters.
    warnings: list[str] = field(default_factory=list)


def write_letters(master: Master, out_dir: Path | str, combined: bool = False,
                  progress: Progress | None = None,
                  templates: Path | str | None = None) -> LettersSummary:
    """Write one task letter per receiving unit of `master` into `out_dir`.

    File names are the unit names made safe for Windows.  With `combined`,
    also write one document with every letter, each numbered from page 1.
    `progress(done, total)` is called after each letter.  Group phrases
    (各街镇…) get no letter; they are listed in the summary.  Raises
    TemplateError for a broken template, ToolkitError for unwritable files.
    """
    out_dir = Path(out_dir)
    template = TextTemplate("letter.txt.j2", templates)
    contexts = letter_contexts(master)
    if not contexts:
        raise ToolkitError(NO_UNITS.format(name=Path(master.path).name or "（未命名）"))
    template.check(contexts[0])
    skeleton = DocxSkeleton(d.new_document())
    stems = unique_stems([c["unit"] for c in contexts])
    summary = LettersSummary(out_dir, groups=_no_letter_phrases(master), warnings=alias_warnings(master))
    _make_dir(out_dir)
    try:
        _write_all(skeleton, template, contexts, stems, summary, combined, progress)
    except BaseException:
        # A half-written print file would look complete when opened.
        if summary.combined is not None:
            summary.combined.unlink(missing_ok=True)
        raise
    return summary


def _write_all(skeleton: DocxSkeleton, template: TextTemplate, contexts: list[dict], stems: dict[str, str],
               summary: LettersSummary, combined: bool, progress: Progress | None) -> None:
    """Render and write every letter, and the combined document when asked."""
    with contextlib.ExitStack() as stack:
        add_to_combined = None
        if combined:
            target = summary.directory / COMBINED_NAME
            add_to_combined = guard_write(target, lambda: stack.enter_context(skeleton.sections_writer(target)))
            # Set only once opened: a refused (locked) print file is the clerk's, never deleted.
            summary.combined = target
        for done, context in enumerate(contexts, start=1):
            body = line_paragraphs(template.render(context))
            path = summary.directory / f"{stems[context['unit']]}.docx"
            _write(skeleton, path, body)
            summary.files.append(path)
            if add_to_combined:
                _append(summary.combined, add_to_combined, body)
            if progress:
                progress(done, len(contexts))


def alias_warnings(master: Master) -> list[str]:
    """Return a warning per unit whose proposed aliases (单位 sheet,
    建议别名) still receive letters of their own: the clerk has not
    confirmed them, so one office would get several letters."""
    receiving = set(master.letter_units())
    warnings = []
    for unit in master.units:
        others = [name for name in unit.suggested if name in receiving and name != unit.name]
        if unit.name in receiving and others:
            names = "、".join([unit.name, *others])
            warnings.append(ALIAS_WARNING.format(names=names, count=len(others) + 1))
    return warnings


def contact_context(meta: dict[str, str]) -> dict[str, str]:
    """Return the issuing office's contact for the letters, from the
    发文信息 keys a clerk fills in once: 联系人, 联系电话, 任务函文号."""
    return {"contact": squeeze(meta.get("联系人", "")), "phone": squeeze(meta.get("联系电话", "")),
            "letter_number": doc_number(meta.get("任务函文号", ""))}


def letter_contexts(master: Master) -> list[dict]:
    """Return the template variables of every letter, in order of the units'
    first appearance in the notice: the units of 重点工作 tasks, then those
    named only in 民生实事."""
    cover = {**cover_context(master.notice), **contact_context(master.notice.meta)}
    now = date.today()
    year = letter_year(master.notice, cover, now)
    today = f"{now.year}年{now.month}月{now.day}日"
    section_of = {id(t): s for s in master.notice.sections for t in s.tasks}
    index = master.tasks_by_unit()
    livelihood = master.livelihood_by_unit()
    contexts = []
    for unit in master.letter_units(livelihood):
        leads, supports = index.get(unit, ([], []))
        items = livelihood.get(unit, [])
        contexts.append({
            **cover, "year": year, "today": today, "unit": unit,
            "lead_count": len(leads), "support_count": len(supports),
            "leads": _groups(master, unit, leads, section_of),
            "supports": _groups(master, unit, supports, section_of),
            "livelihood_count": len(items),
            "livelihood": [livelihood_context(master, unit, item) for item in items],
        })
    return contexts


def livelihood_context(master: Master, unit: str, item: LivelihoodItem) -> dict:
    """Return the template variables of one 民生实事 item as seen by `unit`;
    `lead_units` are the other 牵头单位 (共同牵头), group phrases included,
    never the letter's own unit."""
    return {
        "id": item.id, "number": item.number, "project": item.project, "content": item.content,
        "leader": item.leader, "lead_units": [name for name in master.item_units(item) if name != unit],
    }


def _no_letter_phrases(master: Master) -> list[str]:
    """Return the group phrases (各街镇…) that get no letter: those named in
    tasks (`master.group_phrases()`), then those only in 民生实事."""
    phrases = master.group_phrases()
    seen = set(phrases)
    for item in master.notice.livelihood:
        for name in master.item_units(item):
            if name not in seen and master.is_group(name):
                seen.add(name)
                phrases.append(name)
    return phrases


def task_context(master: Master, unit: str, task: Task, section: Section) -> dict:
    """Return the template variables of one task as seen by `unit`.

    `lead_units` are the other lead units (共同牵头 in a lead letter, 牵头单位
    in a support letter), `support_units` the other supporting ones, group
    phrases included: the letter's own unit is never named to itself.
    """
    others = [ref for ref in master.canonical_units(task) if ref.name != unit]
    return {
        "id": task.id, "number": task.number, "text": task.display_text,
        "target": task.target, "target_label": section.target_label or "量化任务",
        "remark": task.remark,
        "lead_units": [ref.name for ref in others if ref.lead],
        "support_units": [ref.name for ref in others if not ref.lead],
    }


def _groups(master: Master, unit: str, tasks: list[Task], section_of: dict) -> list[dict]:
    """Return `tasks` grouped by their section (the leader), in notice order."""
    groups: dict[int, dict] = {}
    for task in tasks:
        section = section_of[id(task)]
        group = groups.get(id(section))
        if group is None:
            group = groups[id(section)] = {
                "heading": section.heading, "title": _NUMBER_PREFIX.sub("", section.heading),
                "leader": section.leader, "part": section.part, "tasks": [],
            }
        group["tasks"].append(task_context(master, unit, task, section))
    return list(groups.values())


def letter_year(notice: Notice, cover: dict, today: date) -> str:
    """Return the year of the report the letters are about.

    A master without 发文信息 usually still names it (the title, the
    发文字号, the imported file `lucheng-2023-notice.txt`); only file names
    are searched, never folders.  Failing all of them, the letters go out
    `today`'s year.
    """
    places = [cover["title"], cover["doc_number"], cover["date"], Path(notice.source).name]
    places += [Path(task.source).name for task in notice.tasks[:1]]
    for text in places:
        match = _YEAR.search(text)
        if match:
            return match.group()
    return str(today.year)


def _make_dir(out_dir: Path) -> None:
    guard_write(out_dir, lambda: out_dir.mkdir(parents=True, exist_ok=True))


def _write(skeleton: DocxSkeleton, path: Path, body: list) -> None:
    # Letters are plain outputs, regenerated at will: written in place, not
    # through backup + fsync + rename, which would triple the batch time.
    guard_write(path, lambda: skeleton.write(path, body))


def _append(path: Path, add: Callable[[list], None], body: list) -> None:
    """Add one letter to the combined print file, reporting disk errors in Chinese."""
    guard_write(path, lambda: add(body))
