"""Turn the bytes of a text notice into text, detecting the encoding.

Windows tools save GBK/GB18030; web pages and newer tools save UTF-8 (with
or without BOM); some save UTF-16.  The clerk is never asked.
"""

from __future__ import annotations

import zipfile
import zlib

from ..exceptions import UnknownFormat

BINARY = "{name} 不是文本文件，也不是可识别的 Word 或网页文件。请提供 .txt、.docx 或 .html 格式的通知。"
EMPTY = "{name} 是空文件。请检查是否选错了文件。"
# What zipfile raises on a damaged or hostile archive: bad headers, an
# unsupported version or compression, entry names that are not valid UTF-8,
# a damaged deflate stream (zlib.error).
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, UnicodeDecodeError, ValueError,
              EOFError, OSError, KeyError, IndexError, OverflowError, zlib.error)
UNDECODABLE = "{name} 的文字编码无法识别（不是 UTF-8 或 GBK/GB18030）。请用记事本“另存为”UTF-8 编码后重试。"


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Return (text, encoding name) of `data`; raise UnknownFormat if binary."""
    if not data.strip():
        raise UnknownFormat(EMPTY.format(name=name))
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise UnknownFormat(UNDECODABLE.format(name=name)) from exc
    if b"\x00" in data[:4096]:
        raise UnknownFormat(BINARY.format(name=name))
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text, encoding
    raise UnknownFormat(UNDECODABLE.format(name=name))


def _looks_like_text(text: str) -> bool:
    """Return False for decodings full of control characters (binary data)."""
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t\f\x0b")
    return controls <= len(sample) // 100
