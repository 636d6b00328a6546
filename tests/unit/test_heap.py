"""The C library keeps freed blocks for the next array where it can; nowhere else does it fail."""

from __future__ import annotations

import platform
import sys

import pytest

from pos.core import heap


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc's mallopt")
def test_glibc_takes_the_setting() -> None:
    heap.keep_freed_blocks.cache_clear()
    assert heap.keep_freed_blocks()


def test_another_system_is_left_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    heap.keep_freed_blocks.cache_clear()
    monkeypatch.setattr(sys, "platform", "win32")
    assert not heap.keep_freed_blocks()
    heap.keep_freed_blocks.cache_clear()
