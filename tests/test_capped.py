"""The capped child (toolkit/capped.py): results and exceptions come back;
a child that runs out of memory, CPU or time, or dies, is reported with
why and the last progress note it sent."""

from __future__ import annotations

import os
import time

import pytest

from toolkit import capped
from toolkit.exceptions import UnknownFormat


def test_result_comes_back():
    assert capped.run_capped(lambda a, b: {"sum": a + b, "pid": os.getpid()}, 2, 3)["sum"] == 5
    assert capped.run_capped(lambda: os.getpid()) != os.getpid()


def test_exception_comes_back_as_raised():
    def refuse():
        raise UnknownFormat("通知.pdf 无法读取")

    with pytest.raises(UnknownFormat) as caught:
        capped.run_capped(refuse)
    assert str(caught.value) == "通知.pdf 无法读取"


def _note_then(action):
    def run():
        capped.progress((3, 9))
        action()
    return run


def test_memory_cap():
    with pytest.raises(capped.ChildFailed) as caught:
        capped.run_capped(_note_then(lambda: bytearray(1 << 31)), headroom=100 * 1024 * 1024)
    assert (caught.value.reason, caught.value.progress) == ("memory", (3, 9))


def test_cpu_cap():
    def spin():
        while True:
            pass

    with pytest.raises(capped.ChildFailed) as caught:
        capped.run_capped(_note_then(spin), cpu=1, stall=60)
    assert (caught.value.reason, caught.value.progress) == ("cpu", (3, 9))


def test_silent_child_is_killed():
    with pytest.raises(capped.ChildFailed) as caught:
        capped.run_capped(_note_then(lambda: time.sleep(30)), stall=0.5)
    assert (caught.value.reason, caught.value.progress) == ("timeout", (3, 9))


def test_child_that_dies():
    with pytest.raises(capped.ChildFailed) as caught:
        capped.run_capped(os.abort)
    assert (caught.value.reason, caught.value.progress) == ("died", None)


def test_progress_outside_a_child_does_nothing():
    capped.progress("x")
    capped.limit_cpu(1)
