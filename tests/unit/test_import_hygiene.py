"""The core is plain Python: no Textual, so the CLI, the tests and the screens share it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def test_core_never_imports_textual() -> None:
    modules = sorted(
        f"pos.core.{path.stem}" for path in (REPO / "pos" / "core").glob("*.py") if path.stem != "__init__"
    )
    code = f"import sys\nfor m in {modules!r}: __import__(m)\nprint([m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')])"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_commands_that_show_no_screen_never_import_textual(tmp_path: Path) -> None:
    """`pos drill --scores`, `pos menu check` and `pos report` start at once: no Textual behind them."""
    data = tmp_path / "data"
    data.mkdir()
    menu = REPO / "menus" / "burger_counter.toml"
    code = (
        "import sys, contextlib, io\n"
        "from pos.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    for args in (['drill', '--scores', '--data', {str(data)!r}], ['menu', 'check', {str(menu)!r}],"
        f" ['report', '--data', {str(data)!r}]):\n"
        "        assert main(args) == 0\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_cashier_screen_starts_without_the_report_engine(tmp_path: Path) -> None:
    """numpy, pyarrow and DuckDB load only for a report (F5): the counter's start-up stays quick.
    The app is started, not only imported, so what its screen loads as it mounts counts too."""
    data = tmp_path / "data"
    data.mkdir()
    code = (
        "import asyncio, sys\n"
        "from pathlib import Path\n"
        "import pos.commands.cashier\n"
        "from pos.app_factory import make_app\n"
        "from pos.core.base.clock import SystemClock\n"
        "from pos.core.selling.menu_loader import load_menu\n"
        f"app = make_app(menu=load_menu(Path({str(REPO / 'menus' / 'burger_counter.toml')!r})), "
        f"data_dir=Path({str(data)!r}), terminal='T1', clock=SystemClock())\n"
        "async def start():\n"
        "    async with app.run_test(size=(100, 30)) as pilot:\n"
        "        await pilot.pause()\n"
        "asyncio.run(start())\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'numpy', 'pyarrow', 'duckdb'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_a_reports_arrow_memory_comes_from_the_systems_allocator() -> None:
    """Arrow's own (mimalloc) kept what a report freed by its own timing: the same report peaked at
    545 or 690 MB from run to run."""
    code = "import pos.core.analytics.report, pyarrow; print(pyarrow.default_memory_pool().backend_name)"
    env = {k: v for k, v in os.environ.items() if k != "ARROW_DEFAULT_MEMORY_POOL"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60, env=env
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "system"


def test_numpys_masked_arrays_are_bound_before_a_report_reads_in_threads() -> None:
    """The closed days are read in a thread a core, and Arrow touches `numpy.ma` on its first masked
    array, which numpy imports on its first touch: two threads touching it at once recursed until
    Python gave up (a RecursionError's traceback from `pos report`, once in some thousands of reports)."""
    code = "import sys, pos.core.analytics.report; print('numpy.ma' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"
