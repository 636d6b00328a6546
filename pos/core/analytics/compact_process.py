"""A process of its own that compacts the closed days it is handed on its standard input (started
by `pos.core.analytics.compactor`); it says nothing: a day it left undone is compacted by the report
that reads it."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import msgspec

from pos.core.analytics.compactor import Days
from pos.core.analytics.day_parquet import compact_kept


def main() -> None:
    gc.disable()  # a short life, and no cycle among the records it reads: the collector's passes only cost
    days = msgspec.json.decode(sys.stdin.buffer.read(), type=Days, dec_hook=lambda _, path: Path(path))
    compact_kept(days)


if __name__ == "__main__":
    main()
