"""`open/T1.json`: the order open on a terminal, so an app that is killed mid-order loses none of it.

The counter saves the record a void would make whenever the order changes, and
clears it once the order is paid or voided. At the terminal's next start, a file
still there is an order nobody closed: it is logged as voided, with its lines,
at the time of its last change, so every prompt belongs to an order record. The
file also names its writer (`writer`: `pos.core.log.open_order_writer`), never logged,
so that a start leaves alone an order a running terminal still keeps.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

import msgspec

from pos.core.base.errors import DataFolderError
from pos.core.base.events import OrderRecord, Status
from pos.core.base.files import is_folder, not_own_folder, own_folder, read_regular, replace_whole
from pos.core.log.set_aside import move_aside

MOST = 16 << 20
"""An open order of thousands of lines: a larger file is not one pos wrote."""
WRITER = "writer"


def draft_path(data_dir: Path, terminal: str) -> Path:
    return data_dir / "open" / f"{terminal}.json"


def save(
    data_dir: Path, terminal: str, record: OrderRecord | None, writer: dict[str, Any], sync: bool = True
) -> None:
    """Replace the terminal's open order with `record` kept by `writer` (None: no order is open)."""
    path = draft_path(data_dir, terminal)
    if record is None:
        if is_folder(path.parent):  # never a file of the same name outside the data folder
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        return
    content = json.dumps({**msgspec.to_builtins(record), WRITER: writer}, ensure_ascii=False).encode()
    replace_whole(own_folder(path.parent) / path.name, content, sync)


def left_open(data_dir: Path, terminal: str, notices: list[str]) -> tuple[OrderRecord, object] | None:
    """The order an app left open, as a voided record, with its writer's mark (None in a file older
    than marks); None when there is none. A file that holds no such record (cut short, edited) is
    the only copy of what an open order held: it is moved to `set-aside/`, named in `notices`.
    DataFolderError when `open` or the file is not the data folder's own (a file, a link, a FIFO,
    a device), or is far larger than an order."""
    path = draft_path(data_dir, terminal)
    try:
        if path.parent.is_symlink():
            raise DataFolderError(not_own_folder(path.parent))
        if os.path.lexists(path.parent) and not is_folder(path.parent):
            raise DataFolderError(f"{path.parent}: is not a folder")  # the open orders would go nowhere
        content = read_regular(path, MOST)
    except DataFolderError as error:
        raise DataFolderError(f"{error}: move it away, so that {terminal} can start") from None
    except OSError:
        return None
    found = _order_of(content)
    if found is None:
        kept = move_aside(data_dir, f"open.{path.name}", "damaged", path)
        notices.append(
            f"{path}: damaged (it holds no open order pos can read); it is kept in {kept}, "
            "since it may be the only copy of an order's lines"
        )
    return found


def _order_of(content: bytes) -> tuple[OrderRecord, object] | None:
    """The voided record an open order's file holds, read with its declaration, and its writer's
    mark; None when it holds none."""
    try:
        kept = json.loads(content)
        writer = kept.pop(WRITER, None) if isinstance(kept, dict) else None
        record = msgspec.convert(kept, OrderRecord)
    except (ValueError, msgspec.ValidationError):
        return None
    return (record, writer) if record.status is Status.VOIDED else None
