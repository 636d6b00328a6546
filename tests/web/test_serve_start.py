"""`pos serve` refuses what would serve blank sessions before it listens, as `pos drill` does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO
from tests.support.served import free_port

BAD_MENU = '[menu]\nname = "X"\ncurrency = "USD"\n\n[[item]]\ncode = "1"\nname = "Burger"\nprice = "abc"\n'


def test_the_report_screen_with_a_bad_menu_is_refused_at_start(tmp_path: Path, data_dir: Path) -> None:
    menu = tmp_path / "bad.toml"
    menu.write_text(BAD_MENU, encoding="utf-8")
    serve = ["serve", "--report", "--menu", str(menu), "--port", str(free_port()), "--data", str(data_dir)]
    result = subprocess.run(
        [sys.executable, "-m", "pos", *serve],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=20,  # today it serves: stopped here
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert f'{menu}:8: item "1", field "price"' in result.stderr, result.stderr
