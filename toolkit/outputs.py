"""One output policy for every command.

- A generated file that exists is replaced only with --force (`check_file`).
- A folder output holds exactly one run's files: a manifest in the folder
  lists what the tool wrote, so a later run removes its own files that are
  gone now and never touches a file a clerk put there (`FolderOutput`).
- Default names carry the master's name, the year or quarter and the
  document type (`default_name`), so two masters in one folder never share
  an output.
- A master is backed up into `备份/` beside it only when its content
  changes, and only the newest `KEEP` copies are kept (`backup`, `same_content`).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .exceptions import MasterLocked, ToolkitError

BACKUP_DIR = "备份"
KEEP = 10
MANIFEST = ".toolkit-清单.json"
# Parts of an Office file that change on every save without any change of content.
VOLATILE = {"docProps/core.xml", "docProps/app.xml"}
WORKBOOKS = (".xlsx", ".xlsm")

FILE_EXISTS = "{path} 已存在。要用本次结果替换它，请加 --force；或用 -o 换一个名字。"
FOLDER_EXISTS = ("文件夹 {path} 里已有上次生成的文件。要用本次结果替换（上次生成、本次没有的文件会一并删除），"
                 "请加 --force；或用 -o 换一个文件夹。")
FOREIGN_CLASH = ("文件夹 {path} 里已有同名文件 {name}，它不是本工具生成的（或生成后被改动过），为免误删未作任何改动。"
                 "请先把它移走，或用 -o 换一个文件夹。")
NOT_WRITTEN = "无法写入 {path}：{why}。"
OPEN_OUTPUT = "{name} 正在被 Word、Excel 或 WPS 打开（发现锁文件 {lock}）。请先关闭该文件再运行。"


class OutputExists(ToolkitError):
    """A generated output exists and --force was not given (a usage matter)."""


def check_file(path: Path, force: bool) -> None:
    """Refuse to replace an existing output file unless `force`."""
    if path.exists() and not force:
        raise OutputExists(FILE_EXISTS.format(path=path))


def default_name(master: Path, kind: str, period: str = "", suffix: str = "") -> Path:
    """Return `<master stem>-<period>-<kind><suffix>` beside `master`
    (`总台账-2023Q1-进展表`); `period` is left out when unknown."""
    parts = [master.stem] + ([period] if period else []) + [kind]
    return master.with_name("-".join(parts) + suffix)


def year_of(meta: dict[str, str], *fallbacks: str) -> str:
    """Return the year a master is about: from its 文号 (〔2023〕), 成文日期,
    标题 or the given fallbacks (the file name), else ""."""
    for text in [meta.get(k, "") for k in ("文号", "成文日期", "标题")] + list(fallbacks):
        match = re.search(r"(?<!\d)(20\d\d)(?!\d)", text or "")
        if match:
            return match.group(1)
    return ""


# --- folder outputs --------------------------------------------------------

@dataclass
class Published:
    """What a folder output run left in the folder."""

    folder: Path
    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)


def manifest(folder: Path) -> dict[str, str]:
    """Return {file name: SHA-256} of the files the tool wrote into `folder`
    last time ({} when it never wrote there)."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        files = data.get("files", {})
    except (OSError, ValueError, AttributeError):
        return {}
    if not isinstance(files, dict):
        return {}
    return {n: h for n, h in files.items() if isinstance(n, str) and isinstance(h, str)
            and "/" not in n and "\\" not in n and n not in ("", ".", "..")}


def ours(folder: Path, name: str, earlier: dict[str, str]) -> bool:
    """Return True when `folder/name` is a file this tool wrote and nobody
    changed since (a clerk may have saved a filled form over it)."""
    path = folder / name
    return name in earlier and path.is_file() and sha256(path) == earlier[name]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_folder(folder: Path, force: bool) -> None:
    """Refuse to replace an earlier run's folder output unless `force`."""
    if manifest(folder) and not force:
        raise OutputExists(FOLDER_EXISTS.format(path=folder))


class FolderOutput:
    """A folder output: write into `scratch`, then on leaving the `with`
    block the files move into `folder` (renamed by `rename`), the files an
    earlier run wrote and this one did not are removed, and the manifest is
    recorded (`result`).  Nothing in `folder` changes when writing fails or a
    name clashes with a file the tool did not write."""

    def __init__(self, folder: Path, force: bool, rename: Callable[[str], str] | None = None) -> None:
        check_folder(folder, force)
        self.folder, self.rename = folder, rename
        self.scratch = folder
        self.result = Published(folder)

    def __enter__(self) -> FolderOutput:
        try:
            self.folder.parent.mkdir(parents=True, exist_ok=True)
            self.scratch = Path(tempfile.mkdtemp(prefix=".~toolkit-", dir=self.folder.parent))
        except OSError as exc:
            raise ToolkitError(NOT_WRITTEN.format(path=self.folder, why=_reason(exc))) from exc
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                self.result = publish(self.scratch, self.folder, self.rename)
        finally:
            shutil.rmtree(self.scratch, ignore_errors=True)


def publish(scratch: Path, folder: Path, rename: Callable[[str], str] | None = None) -> Published:
    """Move the files of `scratch` into `folder` under the policy above."""
    files = sorted(p for p in scratch.iterdir() if p.is_file())
    names = {p.name: (rename(p.name) if rename else p.name) for p in files}
    earlier = manifest(folder)
    for name in names.values():
        if (folder / name).exists() and not ours(folder, name, earlier):
            raise ToolkitError(FOREIGN_CLASH.format(path=folder, name=name))
    for name in set(names.values()) | set(earlier):
        _check_closed(folder / name)
    result = Published(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        written = {}
        for path in files:
            target = folder / names[path.name]
            written[target.name] = sha256(path)
            os.replace(path, target)
            result.written.append(target)
        for name in sorted(set(earlier) - set(written)):
            if ours(folder, name, earlier):
                (folder / name).unlink()
                result.removed.append(folder / name)
        _write_manifest(folder, written)
    except OSError as exc:
        raise ToolkitError(NOT_WRITTEN.format(path=folder, why=_reason(exc))) from exc
    return result


def _reason(exc: OSError) -> str:
    from .workbook.safe import os_reason  # safe imports this module

    return os_reason(exc)


def _check_closed(path: Path) -> None:
    """Refuse before anything moves while an office program has `path` open."""
    from .workbook.safe import lock_file  # safe imports this module

    lock = lock_file(path)
    if lock is not None:
        raise MasterLocked(OPEN_OUTPUT.format(name=path.name, lock=lock.name))


def _write_manifest(folder: Path, files: dict[str, str]) -> None:
    data = {"说明": "本文件由 toolkit 生成，列出它在本文件夹写入的文件；下次生成时据此删除过时的文件。请勿改动。",
            "time": datetime.now().isoformat(timespec="seconds"), "files": dict(sorted(files.items()))}
    (folder / MANIFEST).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


# --- backups ---------------------------------------------------------------

def backup(path: Path, keep: int = KEEP) -> Path | None:
    """Copy `path` into `备份/` beside it as `<stem>-<timestamp><suffix>` and
    delete all but the newest `keep` copies of that file; return the copy.
    Raises OSError when the copy cannot be made."""
    if not path.exists():
        return None
    folder = path.parent / BACKUP_DIR
    folder.mkdir(exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{path.stem}-{stamp}{path.suffix}"
    shutil.copy2(path, target)
    for old in backups(path)[:-keep] if keep > 0 else []:
        old.unlink(missing_ok=True)
    return target


def backups(path: Path) -> list[Path]:
    """Return the backups of `path` in `备份/`, oldest first."""
    folder = path.parent / BACKUP_DIR
    pattern = re.compile(re.escape(path.stem) + r"-\d{8}-\d{6}-\d{6}" + re.escape(path.suffix))
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if pattern.fullmatch(p.name))


def same_content(a: Path, b: Path) -> bool:
    """Return True when two files hold the same content: Office files
    compared part by part, without the save time and application stamps."""
    try:
        if zipfile.is_zipfile(a) and zipfile.is_zipfile(b):
            with zipfile.ZipFile(a) as za, zipfile.ZipFile(b) as zb:
                names = set(za.namelist()) - VOLATILE
                if names == set(zb.namelist()) - VOLATILE and all(za.read(n) == zb.read(n) for n in names):
                    return True
            return a.suffix.lower() in WORKBOOKS and _same_values(a, b)
        return a.read_bytes() == b.read_bytes()
    except (OSError, zipfile.BadZipFile):
        return False


def _same_values(a: Path, b: Path) -> bool:
    """Return True when two workbooks hold the same sheets and cell values.
    Excel, openpyxl and xlsxwriter lay out the same content differently, so a
    master re-saved without an edit differs in bytes only."""
    from python_calamine import CalamineWorkbook

    try:
        wa, wb = CalamineWorkbook.from_path(str(a)), CalamineWorkbook.from_path(str(b))
        if wa.sheet_names != wb.sheet_names:
            return False
        return all(_rows(wa, n) == _rows(wb, n) for n in wa.sheet_names)
    except Exception:  # noqa: BLE001 - any doubt means "changed": a backup is made
        return False


def _rows(book, name: str) -> list[list]:
    rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    while rows and not any(v != "" for v in rows[-1]):
        rows.pop()
    return [_trim(r) for r in rows]


def _trim(row: list) -> list:
    row = list(row)
    while row and row[-1] == "":
        row.pop()
    return row


@dataclass
class Saved:
    """What saving a master did: `changed` False when the new content was
    the same as the file's (nothing written, no backup)."""

    changed: bool = True
    backup: Path | None = None
