"""F3 in a real terminal: a refund whose first number is refused, typed slowly (every screen looked
at) and then another in one burst with the PIN typed twice: the PIN's digits are never on the
screen, and each refund is approved once."""

from __future__ import annotations

from pathlib import Path

from tests.support.crew_folder import MANAGER_PIN, with_crew
from tests.support.tmux import logged, needs_tmux, running

pytestmark = needs_tmux

PAID = ["4", "0", "enter", "f10", "enter"]
"""An apple pie, paid in cash: a paid order to refund."""


def refund(number: str) -> list[str]:
    """A refund of order `number`, after a number that is no paid order."""
    return ["f3", "r", *"M1", "enter", *MANAGER_PIN, "enter", *"99", "enter", number, "enter", "enter"]


def test_no_screen_of_a_refund_after_a_refused_number_shows_the_pin(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    data = with_crew(tmp_path / "data")
    (data / "store.toml").write_text("[pins]\nrequired = false\n")  # C7 at the sale at once
    args = ["--data", str(data), "--cashier", "C7", "--now", "2026-11-23T12:15:00"]
    with running(args, size=(80, 24)) as terminal:
        terminal.burst([*PAID, *PAID])
        screens = []
        for key in refund("1"):
            terminal.slowly([key])
            screens.append(terminal.screen())
        terminal.burst(
            ["f3", "r", *"M1", "enter", *MANAGER_PIN, "enter", *MANAGER_PIN, "enter", "2", "enter", "enter"]
        )
        terminal.wait_for("Refund approved: give back $1.50 in cash")
        screens.append(terminal.settled())
    assert any("No paid order 99 at T1 today" in screen for screen in screens)
    assert not [screen for screen in screens if MANAGER_PIN[:3] in screen]
    refunds = [(audit["action"], audit["order"]) for audit in logged(data, "audit")]
    assert refunds == [("refund", "T1-20261123-0001"), ("refund", "T1-20261123-0002")]
