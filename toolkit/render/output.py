"""Writing generated files: Windows-safe names, and one guard (guard_write)
for open-file checks and write errors, used by the notice, the web page and
the letters."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ..exceptions import ToolkitError
from ..workbook.safe import atomic_write, check_unlocked, os_reason

T = TypeVar("T")

LOCKED = "{name} 正在被 Word 或 WPS 打开（发现锁文件 {lock}）。请先关闭该文件再运行。"
NOT_WRITABLE = "无法写入 {path}：{why}。请检查目录是否存在、是否有写入权限，或文件是否被其他程序占用。"

# Characters Windows forbids in file names, and control characters.
_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
# Invisible characters that change how a name reads (right-to-left marks
# can make `exe.docx` show as `xcod.exe`), line separators and surrogates.
_INVISIBLE = {"Cc", "Cf", "Zl", "Zp", "Cs"}
# Windows paths are limited to 260 characters; keep names well below that so
# an output folder several levels deep still works.  File systems count
# bytes (255 on ext4): 60 rare characters take 240 bytes in UTF-8, so a stem
# is also held to MAX_STEM_BYTES, leaving whole names under 200 bytes.
MAX_STEM = 60
MAX_STEM_BYTES = 150
# Stems of the files the tool itself writes beside per-unit files: a unit of
# that name gets a numbered stem instead of overwriting them.
OWN_STEMS = ("任务函（合并打印）",)


def safe_stem(name: str, max_len: int = MAX_STEM) -> str:
    """Return `name` usable as a file name on Windows (without extension).

    Forbidden characters become `_`, invisible ones (bidi marks, zero-width
    spaces) go, as do trailing dots/spaces; a leading dot (hidden file) or
    `~$` (an office lock file) gets a `_` prefix, reserved device names too;
    long names are cut to `max_len` characters and MAX_STEM_BYTES bytes.
    """
    visible = "".join(ch for ch in name if unicodedata.category(ch) not in _INVISIBLE)
    stem = _FORBIDDEN.sub("_", visible).strip().rstrip(". ")
    stem = _cut(stem, max_len).rstrip(". ") or "_"
    if stem.split(".")[0].upper() in _RESERVED or stem.startswith((".", "~$")):
        stem = _cut("_" + stem, max_len)
    return stem


def _cut(text: str, max_len: int, max_bytes: int = MAX_STEM_BYTES) -> str:
    """Return `text` cut to `max_len` characters and `max_bytes` UTF-8
    bytes, never inside a character."""
    text = text[:max_len]
    while len(text.encode("utf-8")) > max_bytes:
        text = text[:-1]
    return text


def unique_stems(names: list[str], reserved: tuple[str, ...] = OWN_STEMS) -> dict[str, str]:
    """Return {name: safe stem}, numbering stems that would collide with
    each other or with the tool's own files (Windows compares names
    without case)."""
    used: set[str] = {r.lower() for r in reserved}
    out = {}
    for name in names:
        base = stem = safe_stem(name)
        n = 2
        while stem.lower() in used:
            suffix = f"-{n}"
            stem = _cut(base, MAX_STEM - len(suffix), MAX_STEM_BYTES - len(suffix)).rstrip(". ") + suffix
            n += 1
        used.add(stem.lower())
        out[name] = stem
    return out


def guard_write(path: Path, write: Callable[[], T]) -> T:
    """Return `write()`, which writes `path`, once Word/WPS is known not to
    hold `path` open; OS errors become ToolkitError in Chinese (the system's
    own text is English on most servers).

    The one path for every generated file, so the notice, the letters and
    the HTML page report a locked or unwritable file alike.
    """
    check_unlocked(path, LOCKED)
    try:
        if path.is_symlink() and not path.is_dir():
            # Never write through a link planted under an output's name; a
            # linked output folder is the clerk's own and stays.
            path.unlink()
        return write()
    except OSError as exc:
        raise ToolkitError(NOT_WRITABLE.format(path=path, why=os_reason(exc))) from exc


def save_atomic(path: Path, write: Callable[[Path], None]) -> None:
    """Write `path` through `write(tmp)` and an atomic rename (see guard_write)."""
    guard_write(path, lambda: atomic_write(path, write))
