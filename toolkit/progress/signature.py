"""The tamper-evident identity of a progress form.

A form's hidden marker names its master, unit and quarter; a unit that can
edit that sheet (unhiding a very hidden sheet takes a macro or a text
editor, but it can be done) could pose as another unit.  So the marker is
signed: an HMAC-SHA256, keyed by a secret kept in the master's 发文信息
(`表单密钥`), over the master id, unit, quarter, generation time and the
form's task ids.  Units never see the master, so they cannot sign.

Forms written before signing existed carry no signature.  A master
written by this version has its key from the start, so it never issued an
unsigned form: an unsigned form is refused.  A master that predates the
key gets one the first time forms are written from it, and the quarter of
that run is recorded (`签名启用季度`): unsigned forms of earlier quarters
are still accepted, with a warning; from that quarter on they are refused.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from pathlib import Path

from ..exceptions import ToolkitError
from ..model import Master
from ..workbook import layout, safe
from ..workbook.fastread import Book
from ..workbook.lock import master_lock
from ..workbook.package import Package
from ..workbook.table import Table
from . import common as c

KEY_NOT_SAVED = "无法在总台账 {name} 中保存表单密钥：{why}。进展表未生成，请关闭总台账后重试。"


def sign(key: str, marker: dict[str, str]) -> str:
    """Return the signature of `marker` (hex HMAC-SHA256)."""
    fields = (marker.get(c.K_MASTER, ""), marker.get(c.K_UNIT, ""), marker.get(c.K_QUARTER, ""),
              marker.get(c.K_CREATED, ""), *(c.marker_ids(marker) or []))
    message = "\x1f".join(fields).encode("utf-8")
    return hmac.new(key.encode("utf-8"), message, hashlib.sha256).hexdigest()


def verify(key: str, marker: dict[str, str]) -> bool:
    """Return True when the marker's signature is the one `key` gives."""
    return hmac.compare_digest(marker.get(c.K_SIGNATURE, ""), sign(key, marker))


def accepts_unsigned(master: Master, quarter: str) -> bool:
    """Return True when an unsigned form of `quarter` may be from this
    master's own earlier forms (see the module docstring)."""
    meta = master.notice.meta
    if not meta.get(layout.FORM_KEY):
        return True
    start = meta.get(layout.SIGNED_FROM_KEY, "")
    return bool(start) and quarter < start


def ensure_key(master: Master, quarter: str) -> str:
    """Return the master's form key, adding one to the master file when it
    has none (with a backup, atomically); "" for a master not read from a
    file, whose forms then go out unsigned."""
    meta = master.notice.meta
    if meta.get(layout.FORM_KEY):
        return meta[layout.FORM_KEY]
    path = Path(master.path or "")
    if not master.path or not path.is_file():
        return ""
    key = secrets.token_hex(16)
    safe.check_unlocked(path)
    try:
        with master_lock(path):
            _store(path, {layout.FORM_KEY: key, layout.SIGNED_FROM_KEY: quarter})
    except OSError as exc:
        raise ToolkitError(KEY_NOT_SAVED.format(name=path.name, why=safe.os_reason(exc))) from exc
    meta[layout.FORM_KEY], meta[layout.SIGNED_FROM_KEY] = key, quarter
    return key


def _store(path: Path, values: dict[str, str]) -> None:
    """Write `values` into the master's 发文信息 sheet, changing only that
    sheet inside the package (pictures, macros and formula results of the
    clerk's stay as they were), after a backup."""
    book, package = Book(path), Package(path)
    try:
        table = Table(package, book, layout.META, layout.META_HEADERS)
        rows = {row.get(layout.META_HEADERS[0], ""): number for number, row in table.rows()}
        for name, value in values.items():
            table.write(rows.get(name), {layout.META_HEADERS[0]: name, layout.META_HEADERS[1]: value})
        table.finish()
        safe.backup(path)
        safe.save(path, package.save)
    finally:
        package.close()
        book.close()
