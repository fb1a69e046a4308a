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
    ("区" * 80, "区" * 50),  # 150 bytes of UTF-8
    ("a" * 80, "a" * 60),
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


# --- issue 10: outputs stay inside the output folder --------------------------

@pytest.mark.parametrize("name, stem", [
    (".隐藏单位", "_.隐藏单位"),
    ("..", "_"),
    ("区\u202e局fdp.exe", "区局fdp.exe"),         # right-to-left override
    ("区\u200b财政\u200f局\n", "区财政局"),         # zero-width space, RLM, newline
    ("~$区财政局", "_~$区财政局"),                    # would pass for an office lock file
])
def test_safe_stem_makes_hidden_and_invisible_names_safe(name, stem):
    assert safe_stem(name) == stem


def test_long_names_are_cut_by_bytes_and_stay_unique():
    rare = ["𠀀" * 59 + chr(0x20001 + i) for i in range(25)]  # 4 bytes each in UTF-8
    stems = unique_stems(rare)
    assert len(set(stems.values())) == 25
    assert max(len(s.encode()) for s in stems.values()) <= 150
    assert all(len(f"2023Q1进展表-{s}.xlsx".encode()) < 200 for s in stems.values())


def test_the_tools_own_file_names_are_reserved():
    assert unique_stems(["任务函（合并打印）", "区财政局"]) == {"任务函（合并打印）": "任务函（合并打印）-2",
                                                    "区财政局": "区财政局"}


def _units_master(tmp_path, names):
    from progress_support import make_master, small_notice
    from toolkit.model import UnitRef
    from toolkit.workbook.read import read_master

    notice = small_notice()
    for task, name in zip(notice.tasks, names):
        task.units, task.units_cell = [UnitRef(name, True)], name
    return read_master(make_master(tmp_path / "总台账.xlsx", notice))


def test_forms_for_units_with_long_rare_names_are_all_written(tmp_path):
    from toolkit.progress.forms import write_forms

    names = ["𠀀" * 59 + chr(0x20001 + i) for i in range(6)]
    paths = write_forms(_units_master(tmp_path, names), "2023Q1", tmp_path / "forms")
    assert len(paths) == 6 and all(p.is_file() for p in paths)
    assert sorted(p.name for p in (tmp_path / "forms").iterdir()) == sorted(p.name for p in paths)


def test_forms_and_letters_never_write_through_a_planted_link(tmp_path):
    from toolkit.progress.forms import form_name, write_forms
    from toolkit.render.letters import write_letters

    master = _units_master(tmp_path, ["区财政局", "区发改局", "区科技局", "区教育局", "区卫健局", "任务函（合并打印）"])
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me")
    forms, letters = tmp_path / "forms", tmp_path / "letters"
    forms.mkdir()
    letters.mkdir()
    (forms / form_name("区财政局", "2023Q1")).symlink_to(outside)
    (letters / "区财政局.docx").symlink_to(outside)
    (letters / "任务函（合并打印）.docx").symlink_to(outside)
    write_forms(master, "2023Q1", forms, force=True)
    summary = write_letters(master, letters, combined=True)
    assert outside.read_text() == "keep me"
    assert not (forms / form_name("区财政局", "2023Q1")).is_symlink()
    assert not (letters / "区财政局.docx").is_symlink()
    # The unit named like the combined print file gets its own letter.
    assert "任务函（合并打印）-2.docx" in {p.name for p in summary.files}
    assert summary.combined.name == "任务函（合并打印）.docx" and not summary.combined.is_symlink()


def test_forms_refuse_to_replace_a_dangling_link_without_force(tmp_path):
    from toolkit.exceptions import ToolkitError
    from toolkit.progress.forms import form_name, write_forms

    master = _units_master(tmp_path, ["区财政局"] * 6)
    forms = tmp_path / "forms"
    forms.mkdir()
    (forms / form_name("区财政局", "2023Q1")).symlink_to(tmp_path / "nowhere.xlsx")
    with pytest.raises(ToolkitError):
        write_forms(master, "2023Q1", forms)
    assert not (tmp_path / "nowhere.xlsx").exists()


def test_a_linked_output_folder_is_kept(tmp_path):
    from toolkit.render.letters import write_letters

    master = _units_master(tmp_path, ["区财政局", "区发改局", "区科技局", "区教育局", "区卫健局", "区审计局"])
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "letters").symlink_to(real, target_is_directory=True)
    write_letters(master, tmp_path / "letters")
    assert (tmp_path / "letters").is_symlink() and (real / "区财政局.docx").is_file()
