"""Where pos finds its bundled menus and keeps its data."""

from __future__ import annotations

import os
from pathlib import Path

from pos.core.base.errors import PosError
from pos.core.base.files import FOLDER_MODE, make_private, writable

DATA_ENV = "POS_DATA_DIR"
"""Names the data folder when --data does not."""


def bundled_menus() -> Path:
    """`menus/` beside the package in a checkout, or inside it in an installed wheel."""
    package = Path(__file__).parent
    inside = package / "menus"
    return inside if inside.is_dir() else package.parent / "menus"


def default_menu() -> Path:
    return bundled_menus() / "burger_counter.toml"


def data_folder(given: str | None, to_write: bool = True) -> Path:
    """The store's data folder: --data, else $POS_DATA_DIR, else the user data folder.

    A folder named by the user must exist, so a typo does not quietly start a new,
    empty history; the default one is created. Reports and exports only read it
    (`to_write=False`): they report on a folder they cannot write (an archive, a chain's copy).
    """
    if given is not None and not given.strip():
        raise PosError("--data is empty: name the data folder, or leave --data out for the default one")
    named = given or os.environ.get(DATA_ENV)
    if named:
        folder = Path(named).expanduser()
        if not folder.exists():
            raise PosError(f"data folder {folder}: does not exist (create it with: mkdir -p {folder})")
    else:
        folder = user_folder()
        folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)  # its records are the owner's only
        make_private(folder)  # one an older version made readable by all too
    if not folder.is_dir():
        raise PosError(f"data folder {folder}: is not a folder")
    if to_write and not writable(folder):
        raise PosError(f"data folder {folder}: cannot write to it (permission denied)")
    return folder


def user_folder() -> Path:
    """The user data folder (`~/.local/share/pos` on Linux): the counter's when nothing names one."""
    from platformdirs import user_data_path

    return user_data_path("pos", appauthor=False)


def live_default(folder: Path) -> str | None:
    """Which of the live counter's default folders `folder` is, however named ($POS_DATA_DIR, or the
    user data folder); None for any other."""
    named = os.environ.get(DATA_ENV)
    defaults = [(Path(named).expanduser(), DATA_ENV)] if named else []
    for default, which in [*defaults, (user_folder(), "its default data folder")]:
        if _same(folder, default):
            return which
    return None


def _same(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:  # one of them does not exist
        return one.resolve() == other.resolve()
