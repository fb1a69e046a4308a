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


def test_cover_squeeze_is_the_readers_squeeze():
    from toolkit.notices import headings

    # One tidying rule for reading and writing: a title squeezed on import
    # must come out of the cover unchanged.
    assert squeeze is headings.squeeze
    assert squeeze("“ 双 赢 ” 目标") == "“双赢”目标"


def test_one_lock_check_with_the_callers_message(tmp_path):
    import pytest

    from toolkit.exceptions import MasterLocked
    from toolkit.render import letters, output
    from toolkit.workbook import safe

    (tmp_path / "~$x.docx").write_text("")
    with pytest.raises(MasterLocked) as exc:
        safe.check_unlocked(tmp_path / "x.docx", "{name}|{lock}")
    assert str(exc.value) == "x.docx|~$x.docx"
    with pytest.raises(MasterLocked) as exc:
        output.guard_write(tmp_path / "x.docx", lambda: None)
    assert str(exc.value) == "x.docx 正在被 Word 或 WPS 打开（发现锁文件 ~$x.docx）。请先关闭该文件再运行。"
    assert output.check_unlocked is safe.check_unlocked
    assert [n for n in ("NOT_WRITABLE", "_guard", "check_unlocked") if hasattr(letters, n)] == []


def test_write_errors_give_the_reason_in_chinese(tmp_path):
    import errno

    import pytest

    from toolkit.exceptions import ToolkitError
    from toolkit.render.output import guard_write

    def full():
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(ToolkitError) as exc:
        guard_write(tmp_path / "a.docx", full)
    assert str(exc.value) == (f"无法写入 {tmp_path / 'a.docx'}：磁盘空间已满。"
                              "请检查目录是否存在、是否有写入权限，或文件是否被其他程序占用。")
