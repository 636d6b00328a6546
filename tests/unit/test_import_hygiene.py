"""The core is plain Python: no Textual, so the CLI, the tests and the screens share it."""

from __future__ import annotations

import subprocess
import sys

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
