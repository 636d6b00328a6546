from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

import pytest

# Bytecode caches even where the environment turns them off (PYTHONDONTWRITEBYTECODE): each worker
# and each `pos` the tests start would compile the package and the tests again (collection 7.2 s a
# worker without them, 3.3 s with). The caches are ignored by git.
sys.dont_write_bytecode = False
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

REPO = Path(__file__).resolve().parent.parent
MENUS = REPO / "menus"
BURGERS_V1 = REPO / "tests" / "menus" / "burger_counter_v1.toml"
"""The burger menu as version 1 had it: the counter's mechanics are tested on it (a v1 file keeps working)."""

os.environ.setdefault("TEXTUAL_ANIMATION", "none")

QUICK_IDLE = 1 / 200
"""A pilot's key press and pause wait until the app is idle: until a sleep of Textual's granularity
(1/50 s) passes with almost no CPU used, so every key of a pilot test cost at least 40 ms of doing
nothing (half the suite's time). 1/200 s keeps the same test of idleness (under 5 % of the CPU)."""


def pytest_collection_finish(session: pytest.Session) -> None:
    """What was imported and collected is kept to the end: the garbage collector looks at it no more,
    and looks at the rest less often (each test's app leaves a few hundred thousand objects to it:
    at Python's thresholds, 700 / 10 / 10, collecting took 4-16 s of each worker's time)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 20, 100)


def _parse_css_once() -> None:
    """Each app's stylesheet parses the same CSS again (its cache is its own): about a tenth of a
    pilot test's start. The tests' apps share one cache, keyed as Textual keys its own plus the
    theme's variables the rules were parsed with."""
    from textual.css.model import RuleSet
    from textual.css.stylesheet import Stylesheet
    from textual.css.types import CSSLocation

    parse = Stylesheet._parse_rules
    parsed: dict[tuple[object, ...], list[RuleSet]] = {}

    def parse_rules(
        self: Stylesheet,
        css: str,
        read_from: CSSLocation,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[RuleSet]:
        key = (css, read_from, is_default_rules, tie_breaker, scope, *sorted(self._variables.items()))
        if key not in parsed:
            parsed[key] = parse(self, css, read_from, is_default_rules, tie_breaker, scope)
        return parsed[key]

    Stylesheet._parse_rules = parse_rules  # type: ignore[method-assign]


_parse_css_once()


@pytest.fixture(autouse=True)
def quick_idle(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pilot's idle wait at QUICK_IDLE. The tests that type the same keys slowly and in a burst do
    not rely on it: they wait for the app to come to rest (`tests.support.app_harness.handled`)."""
    import textual._wait

    monkeypatch.setattr(textual._wait, "SLEEP_GRANULARITY", QUICK_IDLE)
    monkeypatch.setattr(textual._wait, "SLEEP_IDLE", QUICK_IDLE / 20)


@pytest.hookimpl(optionalhook=True)  # xdist's: the suite also runs without it (-p no:xdist)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """One worker more than the cores: a third of a pilot test's time is the app waiting to be idle,
    and a terminal test's is tmux drawing, so a third worker fills what two leave (on 2 cores the
    suite took 147 s with two workers, 126 s with three and 129 s with four)."""
    return (os.cpu_count() or 1) + 1


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder
