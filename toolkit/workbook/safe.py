"""Writing a clerk's file safely: lock check, backup into 备份/, atomic
replace.  A crash at any moment leaves either the old file or the new one."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from .. import outputs
from ..exceptions import MasterLocked, ToolkitError

NOT_SAVED = "无法写入 {path}：{why}。原有文件保持不变，请检查输出位置后重试。"
NOT_BACKED_UP = "无法备份 {name}：{why}。为免丢失，文件未作改动。"
LOCKED = "{name} 正在被 Excel 或 WPS 打开（发现锁文件 {lock}）。请先关闭该文件再运行。"


_OS_REASONS = {
    errno.EACCES: "没有写入权限", errno.EPERM: "没有写入权限",
    errno.ENOENT: "目录不存在", errno.ENOTDIR: "路径中有同名的文件或文件夹",
    errno.EEXIST: "路径中有同名的文件或文件夹", errno.EISDIR: "路径中有同名的文件或文件夹",
    errno.ENOSPC: "磁盘空间已满", errno.EROFS: "磁盘只读",
}


def os_reason(exc: OSError) -> str:
    """Return why an OS call failed, in the clerk's words (the system's own
    text is English on most servers)."""
    return _OS_REASONS.get(exc.errno, f"系统错误（errno {exc.errno}）")


def lock_file(path: Path) -> Path | None:
    """Return the Excel/Word/WPS/LibreOffice lock file of `path`, if any.

    Excel and WPS write `~$` + the name; Word drops the first one or two
    characters of longer names (`~$ficeReport.docx`); WPS on Linux writes
    `.~` + the name; LibreOffice `.~lock.<name>#`.
    """
    name = path.name
    for candidate in (
        path.with_name("~$" + name),
        path.with_name("~$" + name[1:]),
        path.with_name("~$" + name[2:]),
        path.with_name(".~" + name),
        path.with_name(".~lock." + name + "#"),
    ):
        if candidate.exists():
            return candidate
    return None


def check_unlocked(path: Path, message: str = LOCKED) -> None:
    """Raise MasterLocked when `path` is open in an office program.

    `message` (with `{name}` and `{lock}`) names the program the clerk
    should close: Excel for workbooks, Word for generated documents.
    """
    lock = lock_file(path)
    if lock is not None:
        raise MasterLocked(message.format(name=path.name, lock=lock.name))


def backup(path: Path) -> Path | None:
    """Copy `path` into `备份/` beside it (newest ten kept); return the copy."""
    try:
        return outputs.backup(path)
    except OSError as exc:
        raise ToolkitError(NOT_BACKED_UP.format(name=path.name, why=os_reason(exc))) from exc


def save(path: Path, write: Callable[[Path], None]) -> outputs.Saved:
    """Write `path` atomically through `write(tmp)`, backing up the old file
    only when the content changes; a failure of the file system becomes a
    ToolkitError saying why, in Chinese."""
    try:
        return atomic_write(path, write, backup_changed=True)
    except OSError as exc:
        raise ToolkitError(NOT_SAVED.format(path=path, why=os_reason(exc))) from exc


def atomic_write(path: Path, write: Callable[[Path], None], backup_changed: bool = False,
                 known_changed: bool = False) -> outputs.Saved:
    """Call `write(tmp)` on a temporary file beside `path`, then rename it over
    `path`.  The rename is atomic on the same file system.  With
    `backup_changed`, an unchanged content leaves `path` untouched and a
    changed one is backed up first; `known_changed` says the caller wrote
    new rows, so the comparison (seconds on a master holding years of
    进展) is skipped and the old file is backed up."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".~tmp-", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        write(tmp_path)
        with open(tmp_path, "rb") as fh:
            os.fsync(fh.fileno())
        copy = None
        if backup_changed and path.exists():
            if not known_changed and outputs.same_content(tmp_path, path):
                return outputs.Saved(changed=False)
            copy = backup(path)
        # mkstemp makes the file private (0600); keep the permissions the
        # old file had, or the usual ones, so colleagues on a shared folder
        # can still open it.
        os.chmod(tmp_path, _mode_for(path))
        os.replace(tmp_path, path)
        return outputs.Saved(changed=True, backup=copy)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def _mode_for(path: Path) -> int:
    """Return the permission bits a replacement of `path` should get."""
    if path.exists():
        return stat.S_IMODE(path.stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


FORMULA_STARTS = ("=", "+", "-", "@")


def set_text_safe(cell, value: object) -> None:
    """Store `value` in an openpyxl `cell`; text that looks like a formula
    stays text.

    openpyxl turns any string starting with `=` into a formula; a unit named
    `=1+2` in a notice or `=HYPERLINK(...)` in a return must never run in
    the master.
    """
    cell.value = None if value == "" else value
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
