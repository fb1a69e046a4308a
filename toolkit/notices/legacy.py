"""Old Word and WPS notices (.doc, .wps; also .rtf and .odt) read through
LibreOffice: converted headless to .docx in a temporary folder, then read
as any Word notice.

LibreOffice runs with a profile of its own (a second soffice on the
clerk's profile, e.g. an open LibreOffice window, makes conversions fail
silently), on a copy of the file (it writes lock files beside the file
it opens), in a session of its own so that a conversion over the time
limit is killed with all its children.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ..exceptions import UnknownFormat
from .blocks import Para, Row

# Program names looked up on PATH, then the usual install places.
PROGRAMS = ("soffice", "libreoffice")
PLACES = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    "/opt/libreoffice/program/soffice",
)
TIMEOUT = 60

NOT_INSTALLED = ("{name} 是旧版 Word/WPS 文件，需要用 LibreOffice 转换后读取，但本机没有安装 LibreOffice。"
                 "请安装 LibreOffice（免费软件）后重试，或用 Word 或 WPS 打开后“另存为” .docx 再导入。")
FAILED = "{name} 无法用 LibreOffice 转换为 .docx（{why}）。请用 Word 或 WPS 打开后“另存为” .docx 再导入。"
TIMED_OUT = "{name} 用 LibreOffice 转换超过 {seconds} 秒仍未完成，已停止。请用 Word 或 WPS 打开后“另存为” .docx 再导入。"


def find_office() -> str | None:
    """Return the path of LibreOffice's soffice, None when not installed."""
    for program in PROGRAMS:
        found = shutil.which(program)
        if found:
            return found
    return next((place for place in PLACES if Path(place).is_file()), None)


def legacy_blocks(path: Path) -> list[Para | Row]:
    """Return the blocks of an old Word/WPS file, converted to .docx."""
    from .docx import docx_blocks

    office = find_office()
    if office is None:
        raise UnknownFormat(NOT_INSTALLED.format(name=path.name))
    with tempfile.TemporaryDirectory(prefix="toolkit-convert-") as tmp:
        work = Path(tmp)
        source = work / f"notice{path.suffix.lower() or '.doc'}"
        shutil.copyfile(path, source)
        _convert(office, source, work, path.name)
        converted = work / "out" / "notice.docx"
        if not converted.is_file():
            raise UnknownFormat(FAILED.format(name=path.name, why="LibreOffice 未能打开此文件"))
        return docx_blocks(converted)


def _convert(office: str, source: Path, work: Path, name: str) -> None:
    """Run LibreOffice on `source`, killing it after TIMEOUT seconds."""
    command = [office, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
               "--convert-to", "docx", "--outdir", str(work / "out"), str(source)]
    try:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
    except OSError as exc:
        raise UnknownFormat(FAILED.format(name=name, why=f"无法启动 LibreOffice：{exc.strerror or exc}")) from exc
    try:
        process.wait(timeout=TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        _kill(process)
        raise UnknownFormat(TIMED_OUT.format(name=name, seconds=TIMEOUT)) from exc


def _kill(process: subprocess.Popen) -> None:
    """Kill LibreOffice and the processes it started (soffice.bin)."""
    try:
        if hasattr(os, "killpg"):
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
    except OSError:
        pass
    process.wait()
