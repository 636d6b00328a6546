"""Small tmpfs mounts for real full-disk and read-only faults, where the machine allows."""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


@contextlib.contextmanager
def tmpfs(folder: Path, size: str = "256k", read_only: bool = False) -> Iterator[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    options = f"size={size}" + (",ro" if read_only else "")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"this machine does not allow a tmpfs mount: {mounted.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def make_read_only(folder: Path) -> None:
    """Remount a tmpfs mounted here read-only: even root cannot write to it then."""
    remounted = subprocess.run(["mount", "-o", "remount,ro", str(folder)], capture_output=True)
    if remounted.returncode != 0:
        pytest.skip(f"this machine does not allow a remount: {remounted.stderr.decode().strip()}")


def fill(folder: Path) -> Path:
    """Take every free byte of the mount; the file to delete when space should return."""
    filler = folder / "filler"
    with open(filler, "wb", buffering=0) as handle:
        for chunk in (65536, 4096, 512, 64, 1):
            with contextlib.suppress(OSError):
                while True:
                    handle.write(b"\0" * chunk)
    return filler
