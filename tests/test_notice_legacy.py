"""Old Word and WPS notices (.doc, .wps) read through LibreOffice."""

from __future__ import annotations

import shutil
import stat

import pytest

from toolkit.exceptions import UnknownFormat
from toolkit.notices import Format, guess_format, read_notice
from toolkit.notices import legacy

from conftest import FIXTURES

DOCX = FIXTURES / "notices" / "lucheng-2023-libreoffice.docx"
# The .docx above saved as Word 97-2003 by LibreOffice 7.4
# (`soffice --headless --convert-to doc`).
DOC = FIXTURES / "notices" / "lucheng-2023-libreoffice.doc"


def rows(notice):
    return [(s.heading, t.number, t.text, t.units_cell, t.lead_units, t.remark, t.leader, t.deadline)
            for s in notice.sections for t in s.tasks]


@pytest.mark.skipif(legacy.find_office() is None, reason="LibreOffice (soffice) is not installed")
def test_doc_reads_the_same_tasks_as_the_docx():
    notice, format_ = read_notice(DOC)
    word, _ = read_notice(DOCX)
    assert format_ is Format.LEGACY
    assert len(notice.tasks) == 142 and len(notice.livelihood) == 34
    assert rows(notice) == rows(word)
    assert notice.meta == word.meta
    assert notice.problems == []
    first = notice.sections[1].tasks[0]
    assert (first.number, first.text, first.units_cell, first.source) == (
        "1", "地区生产总值增长 6%以上。", "区发改局", "lucheng-2023-libreoffice.doc:19")


def test_old_word_and_wps_files_detected(tmp_path):
    head = DOC.read_bytes()[:4096]
    wps = shutil.copy(DOC, tmp_path / "通知.wps")  # WPS saves .wps in the Word 97 format
    assert guess_format(DOC, head) is Format.LEGACY
    assert guess_format(wps, head) is Format.LEGACY
    assert guess_format(tmp_path / "通知.doc", b"{\\rtf1\\ansi ") is Format.LEGACY
    with pytest.raises(UnknownFormat) as err:
        guess_format(DOC, head, documents_only=True)
    assert str(err.value) == "lucheng-2023-libreoffice.doc 是旧版 Office 文件（.doc/.xls/.wps）。请用 Word 或 WPS 打开后“另存为” .docx 再导入。"


def test_without_libreoffice_says_what_to_do(monkeypatch):
    monkeypatch.setattr(legacy, "PROGRAMS", ("toolkit-no-such-office",))
    monkeypatch.setattr(legacy, "PLACES", ())
    with pytest.raises(UnknownFormat) as err:
        read_notice(DOC)
    assert str(err.value) == (
        "lucheng-2023-libreoffice.doc 是旧版 Word/WPS 文件，需要用 LibreOffice 转换后读取，但本机没有安装 LibreOffice。"
        "请安装 LibreOffice（免费软件）后重试，或用 Word 或 WPS 打开后“另存为” .docx 再导入。")


def _fake_office(tmp_path, monkeypatch, script: str) -> None:
    program = tmp_path / "fake-soffice"
    program.write_text(f"#!/bin/sh\n{script}\n")
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setattr(legacy, "PROGRAMS", (str(program),))


@pytest.mark.skipif(not hasattr(__import__("os"), "killpg"), reason="POSIX process groups")
def test_conversion_over_time_limit_is_killed(tmp_path, monkeypatch):
    _fake_office(tmp_path, monkeypatch, "sleep 30 & wait")  # a child process, as soffice.bin
    monkeypatch.setattr(legacy, "TIMEOUT", 1)
    with pytest.raises(UnknownFormat) as err:
        read_notice(DOC)
    assert str(err.value) == ("lucheng-2023-libreoffice.doc 用 LibreOffice 转换超过 1 秒仍未完成，已停止。"
                              "请用 Word 或 WPS 打开后“另存为” .docx 再导入。")


def test_conversion_giving_nothing(tmp_path, monkeypatch):
    _fake_office(tmp_path, monkeypatch, "exit 0")
    with pytest.raises(UnknownFormat) as err:
        read_notice(DOC)
    assert str(err.value) == ("lucheng-2023-libreoffice.doc 无法用 LibreOffice 转换为 .docx（LibreOffice 未能打开此文件）。"
                              "请用 Word 或 WPS 打开后“另存为” .docx 再导入。")
