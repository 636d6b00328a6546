"""Whether a code keyed at the live counter is one printed on a training receipt of the same data
folder (`training/codes/issued.jsonl`: a drill's, a set clock's). Training has its own store id,
so such a code reads as another store's; it is answered for what it is instead ("is a training
code"), never sending the customer elsewhere. Only a code that ledger lists is named so: any other
is answered as before, so a guesser learns nothing new."""

from __future__ import annotations

import json
from pathlib import Path

from pos.core.base.bounded_lines import lines_of
from pos.core.base.errors import DataFolderError
from pos.core.base.files import is_folder


def training_lists(data_dir: Path, code: str) -> bool:
    """Whether the folder's training ledger lists `code` (a plain code); False when there is none,
    or it is not the folder's own (a link, a FIFO: never read)."""
    folder = data_dir / "training" / "codes"
    if not (is_folder(folder.parent) and is_folder(folder)):
        return False
    needle = json.dumps(code).encode()
    try:
        for line in lines_of(folder / "issued.jsonl"):
            if needle in line and _code_of(line) == code:
                return True
    except (OSError, DataFolderError):
        return False
    return False


def _code_of(line: bytes) -> object:
    try:
        record = json.loads(line)
    except ValueError:
        return None  # torn by a crash mid-write
    return record.get("code") if isinstance(record, dict) else None
