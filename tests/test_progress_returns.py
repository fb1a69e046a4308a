"""read_return: files that must be refused before any row is looked at."""

from __future__ import annotations

import shutil
import zipfile

import pytest

from progress_support import answer, forms_for, make_master, returned
from toolkit.progress import returns as r
from toolkit.progress.collect import collect_returns
from toolkit.progress.common import FormRejected
from toolkit.workbook.read import read_master

from conftest import soffice_convert


@pytest.fixture
def filled(tmp_path):
    master = make_master(tmp_path / "master.xlsx")
    form = returned(forms_for(master, tmp_path / "forms")["区教育局"], tmp_path / "back", {"02-01": answer()})
    return master, form


def _refused(path) -> str:
    with pytest.raises(FormRejected) as err:
        r.read_return(path)
    return str(err.value)


def test_password_protected_workbook_is_refused(tmp_path):
    # An encrypted .xlsx is an OLE compound file holding an EncryptionInfo
    # stream (MS-OFFCRYPTO); its directory names the stream in UTF-16.
    path = tmp_path / "加密.xlsx"
    path.write_bytes(r.OLE_MAGIC + b"\0" * 504 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 1000)
    assert _refused(path) == "文件设有打开密码，无法读取。请让单位取消密码后重新报送。"


def test_zip_bomb_is_refused(tmp_path):
    path = tmp_path / "炸弹.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (3 * 1024 * 1024))
    assert _refused(path) == "文件解压后异常巨大（疑似压缩炸弹），未读取。"


def test_oversized_file_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(r, "MAX_BYTES", 1024)
    path = tmp_path / "大.xlsx"
    path.write_bytes(b"PK" + b"x" * 3 * 1024 * 1024)
    monkeypatch.setattr(r, "MAX_BYTES", 2 * 1024 * 1024)
    assert _refused(path) == "文件过大（3.0 MB），不像是进展表，未读取。"


def test_not_excel_and_not_our_form(tmp_path, filled):
    text = tmp_path / "假的.xlsx"
    text.write_text("不是表格")
    assert _refused(text) == "不是 Excel 文件（文件内容不是表格），未读取。"
    broken = tmp_path / "坏的.xlsx"
    broken.write_bytes(b"PK\x03\x04" + b"\0" * 100)
    assert _refused(broken) == "不是 Excel 文件（文件已损坏），未读取。"
    master, _ = filled
    assert _refused(master) == r.NOT_FORM  # the master itself is no form
    assert _refused(text.with_suffix(".csv")) == "文件类型 .csv 不支持，请另存为 .xlsx 后再收。"


def test_macro_workbook_is_read_for_values_only(tmp_path, filled):
    master, form = filled
    macro = tmp_path / "带宏.xlsm"
    with zipfile.ZipFile(form) as src, zipfile.ZipFile(macro, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info.filename))
        dst.writestr("xl/vbaProject.bin", b"Attribute VB_Name = \"Module1\"\nSub Auto_Open()\nShell \"calc\"\nEnd Sub")
    report = collect_returns(master, [macro], "2023Q1")
    assert report.ok and report.taken == 1
    assert [(e.task_id, e.status) for e in read_master(master).progress] == [("02-01", "序时推进")]


def test_refused_file_is_logged_once(tmp_path, filled):
    master, _ = filled
    text = tmp_path / "乱码.xlsx"
    text.write_text("x")
    first = collect_returns(master, [text], "2023Q1")
    second = collect_returns(master, [text], "2023Q1")
    assert (first.written, second.written) == (True, False)
    assert [x.reason for x in second.refused] == ["不是 Excel 文件（文件内容不是表格），未读取。"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_live_libreoffice_resave_merges(tmp_path, filled):
    master, form = filled
    out = tmp_path / "lo"
    soffice_convert("xlsx", form, out)
    report = collect_returns(master, [out / form.name], "2023Q1")
    assert report.ok and report.taken == 1


def test_saved_time_comes_from_the_file_in_local_time(filled):
    from datetime import datetime, timezone

    from progress_support import set_saved_at

    _, form = filled
    set_saved_at(form, "2023-04-01T08:00:00Z")
    expected = datetime(2023, 4, 1, 8, tzinfo=timezone.utc).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    assert r.read_return(form).saved_at == expected
