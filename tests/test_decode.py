"""Encoding detection for text notices and reports."""

import pytest

from toolkit.exceptions import UnknownFormat
from toolkit.notices.decode import decode


def test_encodings():
    assert decode("地区生产总值".encode("utf-8"), "a.txt") == ("地区生产总值", "utf-8")
    assert decode("\ufeff龙港".encode("utf-8"), "a.txt") == ("龙港", "utf-8-sig")
    assert decode("地区生产总值".encode("gbk"), "a.txt") == ("地区生产总值", "gb18030")
    assert decode("龙港".encode("utf-16"), "a.txt") == ("龙港", "utf-16")


def test_binary_and_empty_refused():
    with pytest.raises(UnknownFormat, match="^x.bin 不是文本文件"):
        decode(b"\x00\x01\x02abc", "x.bin")
    with pytest.raises(UnknownFormat, match="^x.txt 是空文件"):
        decode(b"  \n", "x.txt")
