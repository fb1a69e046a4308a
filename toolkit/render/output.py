"""Writing generated files: Windows-safe names, and one guard (guard_write)
for open-file checks and write errors, used by the notice, the web page and
the letters."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ..exceptions import ToolkitError
from ..workbook.safe import atomic_write, check_unlocked, os_reason

T = TypeVar("T")

LOCKED = "{name} 正在被 Word 或 WPS 打开（发现锁文件 {lock}）。请先关闭该文件再运行。"
NOT_WRITABLE = "无法写入 {path}：{why}。请检查目录是否存在、是否有写入权限，或文件是否被其他程序占用。"

# Characters Windows forbids in file names, and control characters.
_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
# Windows paths are limited to 260 characters; keep names well below that so
# an output folder several levels deep still works.
MAX_STEM = 60


def safe_stem(name: str, max_len: int = MAX_STEM) -> str:
    """Return `name` usable as a file name on Windows (without extension).

    Forbidden characters become `_`, trailing dots/spaces go, reserved device
    names get a `_` prefix, and long names are cut to `max_len` characters.
    """
    stem = _FORBIDDEN.sub("_", name).strip().rstrip(". ")
    stem = stem[:max_len].rstrip(". ") or "_"
    if stem.split(".")[0].upper() in _RESERVED:
        stem = "_" + stem
    return stem


def unique_stems(names: list[str]) -> dict[str, str]:
    """Return {name: safe stem}, numbering stems that would collide
    (Windows compares names without case)."""
    used: set[str] = set()
    out = {}
    for name in names:
        base = stem = safe_stem(name)
        n = 2
        while stem.lower() in used:
            stem = f"{base[:MAX_STEM - 4]}-{n}"
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
        return write()
    except OSError as exc:
        raise ToolkitError(NOT_WRITABLE.format(path=path, why=os_reason(exc))) from exc


def save_atomic(path: Path, write: Callable[[Path], None]) -> None:
    """Write `path` through `write(tmp)` and an atomic rename (see guard_write)."""
    guard_write(path, lambda: atomic_write(path, write))
