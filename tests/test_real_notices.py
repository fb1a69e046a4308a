"""Real published notices of other governments (tests/fixtures/real/):
every section's task count and the hand-read units, leader and deadline of
the rows in expected.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from toolkit.notices import read_notice
from toolkit.notices.headings import numeral_value
from toolkit.units import is_group_phrase

REAL = Path(__file__).parent / "fixtures" / "real"
EXPECTED = json.loads((REAL / "expected.json").read_text(encoding="utf-8"))


def _name(unit: str) -> str:
    """Return a unit name as the toolkit writes it: full-width brackets."""
    return unit.replace("(", "（").replace(")", "）")


def _groups(notice) -> list[tuple[str, list]]:
    """Return (innermost heading, tasks) in order: expected.json counts the
    tasks under the nearest heading, a category (`(一)…`) where the notice
    has one under its section (`一、…`)."""
    groups: list[tuple[str, list]] = []
    for item in notice.livelihood:  # 民生实事: the project is the heading
        if not groups or groups[-1][0] != item.project:
            groups.append((item.project, []))
        groups[-1][1].append((None, item))
    for section in notice.sections:
        for task in section.tasks:
            heading = task.category2 or task.category1 or section.heading
            if not groups or groups[-1][0] != heading:
                groups.append((heading, []))
            groups[-1][1].append((section, task))
    return groups


def _number(printed: str) -> str:
    return printed if printed.isdigit() else str(numeral_value(printed))


def _contract_units(row: dict, rule: bool) -> tuple[list[str], list[str]]:
    """Return (lead, support) as the master contract reads the row: with no
    lead named and no rule stated, a task's only unit leads."""
    lead, support = [_name(u) for u in row["lead"]], [_name(u) for u in row["support"]]
    if not lead and not rule:
        named = [u for u in support if not is_group_phrase(u)]
        if len(named) == 1:
            return named, [u for u in support if u not in named]
    return lead, support


def _values(section, task) -> tuple:
    """Return (text start, lead, support, leader, deadline) of a task, or of
    a 民生实事 item (whose 牵头单位 all lead)."""
    if section is None:
        return task.content[:10], task.units, [], task.leader, task.deadline
    return task.text[:10], task.lead_units, task.support_units, task.leader or section.leader, task.deadline


@pytest.fixture(scope="module", params=sorted(EXPECTED))
def case(request):
    notice, _ = read_notice(REAL / request.param)
    return notice, EXPECTED[request.param]


def test_sections_and_task_counts(case):
    notice, expected = case
    assert [[heading, len(tasks)] for heading, tasks in _groups(notice)] == expected["sections"]


def test_hand_read_rows(case):
    notice, expected = case
    rule = expected.get("first_leads_rule", False)
    assert bool(notice.first_leads_rule) == rule
    groups = dict(_groups(notice))
    for row in expected["rows"]:
        lead, support = _contract_units(row, rule)
        got = next(_values(s, t) for s, t in groups[row["section"]]
                   if t.number == _number(row["number"]) and _values(s, t)[0] == row["text_start"])
        assert got == (row["text_start"], lead, support, row["leader"], row["deadline"]), row


# The lines of the real notices still reported as not understood (a cover
# letter's preamble, a presidium's signature): everything else is consumed.
UNDERSTOOD_ALL_BUT = {
    "guangzhou-2007-brackets-two-leads.txt": [10],
    "haiyan-2022-unit-lines-one-line.txt": [8],
    "huiyang-2020-minsheng-numbered-no-units.txt": [12, 13, 14],
    "lishan-2023-lead-support-lines.txt": [5, 17, 21],
}


def test_cover_letters_and_page_furniture_are_consumed(case):
    notice, _ = case
    assert [p.line for p in notice.problems] == UNDERSTOOD_ALL_BUT.get(notice.source, [])


def test_cover_letter_fields_of_a_web_page():
    notice, _ = read_notice(REAL / "jiayu-2021-brackets.txt")
    assert notice.meta["标题"] == ("县人民政府办公室关于对县《政府工作报告》确定的2021年重点工作及市《政府工作报告》"
                                 "涉及嘉鱼的重点事项进行责任分解的通知")
    assert (notice.meta["文号"], notice.meta["成文日期"]) == ("嘉政办发〔2021〕5号", "2021年5月12日")
    guangzhou, _ = read_notice(REAL / "guangzhou-2006-brackets-lead-support.txt")
    assert guangzhou.meta["成文日期"] == "二○○六年四月二十八日"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_round_trip_through_the_generated_notice(tmp_path, name):
    """notice → master → the toolkit's own .docx → master: the same tasks,
    units, leaders and deadlines, whatever layout the office published."""
    from toolkit.importing import import_notices
    from toolkit.render import write_notice
    from toolkit.workbook import read_master

    def tasks(master):
        return [(t.text, t.lead_units, t.support_units, t.leader, t.deadline) for t in master.notice.tasks]

    def items(master):
        return [(i.project, i.content, i.units, i.deadline) for i in master.notice.livelihood]

    import_notices([REAL / name], tmp_path / "a.xlsx")
    first = read_master(tmp_path / "a.xlsx")
    write_notice(first, tmp_path / "n.docx")
    import_notices([tmp_path / "n.docx"], tmp_path / "b.xlsx")
    second = read_master(tmp_path / "b.xlsx")
    assert (tasks(second), items(second)) == (tasks(first), items(first))
