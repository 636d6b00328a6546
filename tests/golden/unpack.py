"""The committed history (`history/`, gzipped) unpacked into a data folder."""

from __future__ import annotations

import gzip
from pathlib import Path

HISTORY = Path(__file__).resolve().parent / "history"


def unpack(data: Path) -> Path:
    """`data` holding the history's files, each unpacked; `data` itself."""
    for packed in sorted(HISTORY.rglob("*.gz")):
        path = data / packed.relative_to(HISTORY).with_suffix("")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(gzip.decompress(packed.read_bytes()))
    return data
