"""collect reports an empty folder, skipped non-form files and blank forms (exit 1)."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from progress_support import answer, forms_for, make_master, returned
from toolkit.cli import cli
from toolkit.progress.collect import collect_returns


def test_an_empty_folder(tmp_path):
    master = make_master(tmp_path / "m.xlsx")
    (tmp_path / "收回").mkdir()
    report = collect_returns(master, [tmp_path / "收回"], "2023Q1")
    assert not report.ok
    assert report.problems == ["文件夹 收回 里没有任何文件，未收到报送。请确认选对了文件夹。"]
    result = CliRunner().invoke(cli, ["collect", str(master), str(tmp_path / "收回"), "-q", "2023Q1"])
    assert result.exit_code == 1
    assert "注意 文件夹 收回 里没有任何文件，未收到报送。请确认选对了文件夹。" in result.output.splitlines()


def test_skipped_files_and_a_blank_form(tmp_path):
    master = make_master(tmp_path / "m.xlsx")
    forms = forms_for(master, tmp_path / "forms")
    back = tmp_path / "back"
    returned(forms["区财政局"], back, {"01-01": answer()})
    shutil.copy(forms["区教育局"], back / forms["区教育局"].name)  # sent back untouched
    (back / "说明.docx").write_bytes(b"x")
    (back / "照片.jpg").write_bytes(b"x")
    report = collect_returns(master, [back], "2023Q1")
    assert report.taken == 1 and not report.ok
    assert report.problems == [
        "文件夹 back 中有 2 个文件不是表格，已跳过：照片.jpg、说明.docx。如是单位报回的进展表，请让单位另存为 .xlsx 后重报。",
        f"{forms['区教育局'].name}（区教育局）是空白表，没有填写任何内容，未采纳。请与单位核实是否报错了文件。"]


def test_a_clean_folder_is_ok(tmp_path):
    master = make_master(tmp_path / "m.xlsx")
    forms = forms_for(master, tmp_path / "forms")
    returned(forms["区财政局"], tmp_path / "back", {"01-01": answer()})
    report = collect_returns(master, [tmp_path / "back"], "2023Q1")
    assert report.ok and report.problems == []
