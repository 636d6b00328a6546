from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from pos.app import PosApp
from tests.support.app_harness import make_app


@pytest.fixture
def app_factory(data_dir: Path) -> Iterator[Callable[..., PosApp]]:
    """Apps on the test's data folder; their writers are closed after the test."""
    made: list[PosApp] = []

    def factory(**kwargs: object) -> PosApp:
        app = make_app(data_dir, **kwargs)  # type: ignore[arg-type]
        made.append(app)
        return app

    yield factory
    for app in made:
        app.writer.close()
