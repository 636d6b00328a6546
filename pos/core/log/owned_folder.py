"""What an older version left readable by all at the top of the data folder (folders 0755, files
0644, under the usual umask), made the owner's at a terminal's start: each folder and file pos
keeps there, whatever the terminal goes on to write, and each file `set-aside/` keeps (a torn
record may hold receipt codes). A folder made the owner's puts what is in it out of other users'
reach. The data folder itself is left as its user made it; the default one is made the owner's
wherever it is used (`pos.locations`)."""

from __future__ import annotations

import contextlib
from pathlib import Path

from pos.core.base.files import is_folder, make_private
from pos.core.log.set_aside import SET_ASIDE

KEPT = (
    "store-id",
    "simulated",
    "cache",
    "codes",
    "drills",
    "locks",
    "log",
    "menus",
    "open",
    SET_ASIDE,
    "training",
)
"""What pos keeps at the top of a data folder."""


def make_owners(data_dir: Path) -> None:
    for name in KEPT:
        make_private(data_dir / name)
    set_aside = data_dir / SET_ASIDE
    if is_folder(set_aside):
        with contextlib.suppress(OSError):
            for path in set_aside.iterdir():
                make_private(path)
