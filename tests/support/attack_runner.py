"""`python -m tests.support.attack_runner KIND FOLDER`: each file pos owns, in turn, made a KIND
(`fifo`, `zero`: a link to /dev/zero, `outside`: a link to a file outside the data folder,
`folder`) in a data folder of its own under FOLDER, then opened the way pos opens it. One JSON
line a file: what the call raised (its type and message) or returned, and whether the file
outside is as it was. A process of its own, its memory bounded: a fix that regresses hangs
(and the test's timeout kills it) or runs out of memory here, never in the suite.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from pos.core.analytics.report import build_report
from pos.core.analytics.report_labels import recorded_labels
from pos.core.base.errors import PosError
from pos.core.base.store_id import folder_id, store_id
from pos.core.log.eventlog import EventLog
from pos.core.selling.menu_loader import load_menu
from pos.core.training.scores import ScoreBook
from pos.locations import default_menu
from tests.support.hand_logs import prompt, write

DAY = "2026-11-23"
DIGEST = "0123456789abcdef"
SCORE = {
    "ts": f"{DAY}T12:00:00",
    "cashier": "C1",
    "drill": "lunch",
    "level": "easy",
    "customers": 1,
    "score": 50,
    "ask_rate": 1.0,
    "answers_right": 1.0,
    "orders_right": 1.0,
    "seconds_per_customer": 10,
    "added_revenue": 0,
}
OUTSIDE = b"a file outside the data folder\n"


def _history(data_dir: Path) -> None:
    write(data_dir, [prompt()])


def _torn_history(data_dir: Path) -> None:
    write(data_dir, [prompt()])
    with open(data_dir / "log" / DAY / "T1.prompts.jsonl", "a") as handle:
        handle.write('{"ts": "2026-11-23T12:00:00.000+00:00", "outcome": "Accepted"}\n')


def _menu_record(data_dir: Path) -> None:
    record = {"day": DAY, "terminal": "T1", "menu": DIGEST, "name": "Burger Counter", "currency": "USD"}
    write(data_dir, [{"ts": f"{DAY}T12:00:00", **record}], table="menus")  # `ts`: where `write` puts it


def _start(data_dir: Path) -> str:
    EventLog(data_dir, "T1").close()
    return "started"


def _labels(data_dir: Path) -> str:
    return "\n".join(recorded_labels(data_dir, None, None, None, load_menu(default_menu())).notices)


def _shown(data_dir: Path) -> str:
    return str(build_report(data_dir).totals["shown"])


TARGETS: dict[str, tuple[Callable[[Path], None] | None, Callable[[Path], object]]] = {
    "open/T1.json": (None, _start),
    "locks/T1.lock": (None, _start),
    "locks/store-id.lock": (None, store_id),
    "store-id": (None, folder_id),  # as a report reads it
    "drills/scores.json": (None, lambda data_dir: ScoreBook(data_dir).history()),
    "drills/scores.lock": (None, lambda data_dir: ScoreBook(data_dir).add(dict(SCORE))),
    f"menus/{DIGEST}.json": (_menu_record, _labels),
    f"cache/parquet/day={DAY}/prompts.parquet": (_history, _shown),
    f"cache/parquet/day={DAY}/manifest.json": (_history, _shown),
    f"set-aside/{DAY}.T1.prompts.jsonl.unreadable": (_torn_history, _shown),
}
"""Each file: what the data folder holds before the attack, and the call that opens the file."""


def attack(kind: str, path: Path, outside: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "zero":
        path.symlink_to("/dev/zero")
    elif kind == "outside":
        path.symlink_to(outside)
    else:
        path.mkdir()


def _bound_memory() -> None:
    """A read of /dev/zero stops at MemoryError, a gigabyte on from here, not at the machine's end."""
    import resource

    status = Path("/proc/self/status")
    if status.exists():
        (size,) = (line.split()[1] for line in status.read_text().splitlines() if line.startswith("VmSize:"))
        limit = int(size) * 1024 + (1 << 30)
        resource.setrlimit(resource.RLIMIT_AS, (limit, resource.getrlimit(resource.RLIMIT_AS)[1]))


def main(kind: str, folder: Path) -> None:
    warm = folder / "warm"  # the report's first use made before the bound (pyarrow's pools)
    _history(warm)
    _shown(warm)
    _bound_memory()
    for number, (name, (before, call)) in enumerate(TARGETS.items()):
        data_dir, outside = folder / f"data{number}", folder / f"outside{number}"
        data_dir.mkdir()
        outside.write_bytes(OUTSIDE)
        if before is not None:
            before(data_dir)
        attack(kind, data_dir / name, outside)
        result: dict[str, object] = {"target": name, "raised": None, "message": "", "returned": ""}
        try:
            result["returned"] = str(call(data_dir))
        except PosError as error:
            result["raised"], result["message"] = type(error).__name__, str(error)
        except Exception as error:  # what a user would see as a traceback
            result["raised"], result["message"] = f"unexpected {type(error).__name__}", str(error)
        result["outside_intact"] = outside.read_bytes() == OUTSIDE
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
