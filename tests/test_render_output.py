"""File names and cover fields (toolkit.render.output, toolkit.render.cover)."""

from __future__ import annotations

import pytest

from toolkit.render.cover import attachment_names, chinese_date, doc_number, squeeze
from toolkit.render.output import safe_stem, unique_stems


@pytest.mark.parametrize("name, stem", [
    ("区财政局", "区财政局"),
    ('区委/区政府:督查*室?"甲"<乙>|丙', "区委_区政府_督查_室__甲__乙__丙"),
    ("区政府办.", "区政府办"),
    ("CON", "_CON"),
    ("  ", "_"),
    ("区" * 80, "区" * 60),
])
def test_safe_stem(name, stem):
    assert safe_stem(name) == stem


def test_unique_stems_number_collisions_ignoring_case():
    assert unique_stems(["a/b", "a:b", "A_B"]) == {"a/b": "a_b", "a:b": "a_b-2", "A_B": "A_B-3"}


@pytest.mark.parametrize("value, expected", [
    ("温鹿政办[2023]12号", "温鹿政办〔2023〕12号"),
    ("温鹿政办【2023】 12 号", "温鹿政办〔2023〕12号"),
    ("温鹿政办〔2023〕12号", "温鹿政办〔2023〕12号"),
])
def test_doc_number_uses_hexagonal_brackets(value, expected):
    assert doc_number(value) == expected


@pytest.mark.parametrize("value, expected", [
    ("2023 年 02 月 07 日", "2023年2月7日"),
    ("2023-3-6", "2023年3月6日"),
    ("2023年3月3日印发", "2023年3月3日印发"),
    ("二〇二三年三月", "二〇二三年三月"),
])
def test_chinese_date_has_no_leading_zeros(value, expected):
    assert chinese_date(value) == expected


def test_attachment_names_split_numbered_lists():
    assert attachment_names("附件：1. 甲 表\n2. 乙表") == ["甲表", "乙表"]
    assert attachment_names("2020 年政府工作报告责任分解表") == ["2020年政府工作报告责任分解表"]


def test_squeeze_keeps_spaces_between_latin_words():
    assert squeeze("关于 2023 年 AED 设备 和 Wi Fi") == "关于2023年AED设备和Wi Fi"
