"""One writer at a time: a lock file beside the master.

Two commands updating one master at once would each read it, add their
rows and save: the later save drops the earlier one's rows.  A command that
updates the master first creates `.<name>.toolkit-lock` beside it (an
exclusive create: only one process can succeed) holding its pid, host and
start time; a second command waits a few seconds, then says the master is
busy.  A lock whose process is dead on this host, or that is hours old, was
left by a killed run and is taken over.
"""

from __future__ import annotations

import json
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from ..exceptions import ToolkitError
from .safe import NOT_SAVED, os_reason

# How long a second command waits for the first (seconds); overridable for
# offices whose shared folders are slow.
WAIT = float(os.environ.get("TOOLKIT_LOCK_WAIT", "5"))
# A lock older than this is stale whatever its pid says (no run takes hours).
STALE_AFTER = 3 * 3600
BUSY = ("{name} 正在被另一个 toolkit 命令更新（{host} 上的进程 {pid}，{since} 开始）。"
        "请等它结束后再运行；如果确认没有命令在运行，可删除锁文件 {lock}。")


class MasterBusy(ToolkitError):
    """Another toolkit command is updating the master."""


def lock_path(master: Path) -> Path:
    """Return the lock file of `master` (hidden, beside it)."""
    return master.with_name(f".{master.name}.toolkit-lock")


@contextmanager
def master_lock(master: Path, wait: float | None = None) -> Iterator[Path]:
    """Hold the lock of `master` for the body of the `with`.

    Raises MasterBusy when another live command holds it after `wait`
    seconds (default WAIT).
    """
    lock = lock_path(Path(master))
    deadline = time.monotonic() + (WAIT if wait is None else wait)
    mine = json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                       "time": datetime.now().isoformat(timespec="seconds")}, ensure_ascii=False)
    while not _create(lock, mine):
        holder = _holder(lock)
        if _stale(lock, holder):
            _take_over(lock, holder)
            continue
        if time.monotonic() >= deadline:
            raise MasterBusy(BUSY.format(name=Path(master).name, host=holder.get("host", "?"),
                                         pid=holder.get("pid", "?"), since=holder.get("time", "?"), lock=lock))
        time.sleep(0.1)
    try:
        yield lock
    finally:
        if _read(lock) == mine:
            lock.unlink(missing_ok=True)


def _create(lock: Path, content: str) -> bool:
    """Create `lock` holding `content`; False when it exists already."""
    master = lock.with_name(lock.name[1:-len(".toolkit-lock")])
    try:
        # A new master's folder is made here, as saving it would.
        lock.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ToolkitError(NOT_SAVED.format(path=master, why=os_reason(exc))) from exc
    try:
        fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        return False
    except OSError as exc:
        raise ToolkitError(NOT_SAVED.format(path=master, why=os_reason(exc))) from exc
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(content)
    return True


def _read(lock: Path) -> str:
    try:
        return lock.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _holder(lock: Path) -> dict:
    try:
        holder = json.loads(_read(lock))
    except ValueError:
        return {}
    return holder if isinstance(holder, dict) else {}


def _stale(lock: Path, holder: dict) -> bool:
    """Return True when the lock was left by a run that is gone."""
    try:
        age = time.time() - lock.stat().st_mtime
    except OSError:
        return False  # released meanwhile: simply try again
    if age > STALE_AFTER:
        return True
    if not holder:
        # Being written this instant, or garbage left by a crash.
        return age > 10
    if holder.get("host") != socket.gethostname():
        return False  # another computer's process cannot be checked
    return not _alive(int(holder.get("pid", 0) or 0))


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _take_over(lock: Path, holder: dict) -> None:
    """Remove a stale lock, unless another process replaced it meanwhile."""
    if _holder(lock) == holder:
        try:
            lock.unlink()
        except FileNotFoundError:
            pass
