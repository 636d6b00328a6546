"""Freed memory kept for the next array, where the C library lets a program say so.

A report over a long history makes and drops arrays of a few megabytes many times
over. glibc gives each one back to the system when it is freed and the next one is
faulted in again, page by page (on a noisy VM, up to a third of a warm report). Keeping
blocks below glibc's largest threshold in the heap makes the next array reuse them.
"""

from __future__ import annotations

import functools
import sys

M_TRIM_THRESHOLD = -1
"""glibc's `mallopt` parameters: free memory at a heap's top past this is given back ..."""
M_MMAP_THRESHOLD = -3
"""... and blocks at least this big are mapped apart and unmapped when freed."""
KEPT_BELOW = 32 * 1024 * 1024
"""The largest mapping threshold glibc takes on a 64-bit system; the same for the top of a heap
(a thread's heap holds 64 MiB), so a worker thread reading one log file after another reuses its
memory."""


@functools.cache
def keep_freed_blocks() -> bool:
    """True when the C library took the setting (glibc on Linux); elsewhere nothing changes."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # a C library without mallopt
        return False
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    return all([mallopt(M_MMAP_THRESHOLD, KEPT_BELOW), mallopt(M_TRIM_THRESHOLD, KEPT_BELOW)])
