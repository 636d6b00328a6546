"""Every relative link of the README, CONTRIBUTING.md and docs/ names a file or folder of the repository."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import REPO

LINK = re.compile(r"\]\(([^)\s]+)\)")
"""A Markdown link's target: `[text](target)` and `![alt](target)`."""
OUTSIDE = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
"""A scheme (https:, mailto:): a link out of the repository, not checked here."""
PAGES = sorted([REPO / "README.md", REPO / "CONTRIBUTING.md", *(REPO / "docs").rglob("*.md")])


def relative_links(page: Path) -> list[str]:
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.DOTALL)
    return [target for target in LINK.findall(text) if not OUTSIDE.match(target)]


def resolves(page: Path, target: str) -> bool:
    path = (page.parent / target.split("#", 1)[0]).resolve()
    return path.is_relative_to(REPO) and path.exists()


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.relative_to(REPO)))
def test_every_relative_link_resolves(page: Path) -> None:
    broken = [target for target in relative_links(page) if not resolves(page, target)]
    assert not broken, f"{page.relative_to(REPO)}: {broken}"


def test_the_readme_links_every_page() -> None:
    """A newcomer finds every page of docs/ and CONTRIBUTING.md from the README."""
    readme = REPO / "README.md"
    linked = {(readme.parent / target.split("#", 1)[0]).resolve() for target in relative_links(readme)}
    missing = [str(page.relative_to(REPO)) for page in PAGES if page != readme and page not in linked]
    assert not missing
