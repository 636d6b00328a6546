"""F3's keys with no screen (`pos.core.counter.manager_keys`): the manager's ID and PIN come before
anything that can be refused, so the keys typed after a refusal, at any speed, are never a PIN; a
wrong PIN asks the ID again; Esc back to the first step takes the approval with it."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from pos.core.base.events import Mode
from pos.core.counter.approved import NO_CREW, Approvals
from pos.core.counter.manager_keys import CHOICES, DETAILS, Asking, ClosedCheck, DayAsk, ManagerKeys, PinCheck
from pos.core.store.pin_echo import PIN_AGAIN, PinEcho
from pos.core.store.settings import PinPolicy
from pos.core.store.sign_in import PinDesk
from pos.core.store.verify import Crew
from tests.support.approvals import approvals_at
from tests.support.counter_kit import make_shop
from tests.support.crew_folder import CASHIER_PIN, MANAGER_PIN, WRONG_PIN, with_crew
from tests.support.hand_logs import order, order_line, write

APPROVED = [*"M1", "enter", *MANAGER_PIN, "enter"]
PIN_SEEN = MANAGER_PIN[:3]
"""Three of the PIN's digits anywhere on the dialog are too many."""


@pytest.fixture
def approvals(data_dir: Path) -> Iterator[Approvals]:
    """T1's approvals, with a crew, over a day with one paid order (number 1, $5.00 in cash)."""
    write(with_crew(data_dir), [order(lines=[order_line("40", 500)])], "orders")
    found, writer = approvals_at(data_dir)
    crew = Crew(data_dir, PinPolicy(), found.clock)
    try:
        yield dataclasses.replace(found, desk=PinDesk(crew, writer, found.station.store_id, "T1", Mode.LIVE))
    finally:
        writer.close()


def keys_at(approvals: Approvals, open_order: bool = False) -> ManagerKeys:
    sale = make_shop()[0].new_sale(False)
    if open_order:
        sale.add("40", None, 1)
    return ManagerKeys(approvals, sale, PinEcho())


def typed(keys: ManagerKeys, *pressed: str) -> list[str]:
    """Each key in turn, each wait answered as the screen answers it (today not closed); what the
    dialog showed after each key (the entry line and the message)."""
    seen = []
    for key in pressed:
        check: PinCheck | ClosedCheck | None = keys.press(key, key if len(key) == 1 else None)
        while check is not None:
            if isinstance(check, PinCheck):
                check = keys.checked(check, keys.approvals.check(check.manager, check.pin))
            else:
                keys.closed_checked(None)
                check = None
        seen.append(f"{keys.shown} | {keys.message}")
    return seen


@pytest.mark.parametrize("choice", ["r", "v", "n", "d", "z"])
def test_every_choice_asks_the_managers_id_and_pin_first(approvals: Approvals, choice: str) -> None:
    keys = keys_at(approvals, open_order=choice == "n")  # a no-sale with an order open: refused, after
    typed(keys, choice)
    assert (keys.asking, keys.error) == (Asking.ID, False)
    typed(keys, *"M1", "enter", *MANAGER_PIN[:4])
    assert (keys.asking, keys.shown) == (Asking.PIN, "••••")


@pytest.mark.parametrize(
    ("sequence", "refusal"),
    [
        (["r", *APPROVED, *"99", "enter", "1", "enter", "enter"], "No paid order 99 at T1 today"),
        (["v", *APPROVED, "1", "enter", "7", "enter", "escape", "escape", "1", "enter"], "Line 7"),
        (["d", *APPROVED, "r", *APPROVED, "1", "enter", "enter"], "No order open"),
        (["n", *APPROVED, "r", *APPROVED, "1", "enter", "enter"], "An order is open"),
        (["z", *APPROVED, *"12x", "enter", *"0", "enter", "escape", "escape", "escape"], "Cash counted"),
        (["r", *"M1", "enter", *WRONG_PIN, "enter", "1", "enter", "enter"], "Wrong ID or PIN"),
        (["r", *"C7", "enter", *CASHIER_PIN, "enter", "1", "enter", "enter"], "C7 is not a manager"),
        (
            ["r", *"M1", "enter", *WRONG_PIN, "enter", *"M1", "enter", *MANAGER_PIN, "enter"],
            "Wrong ID or PIN",
        ),
        (["r", *"99", "enter", *"M1", "enter", *MANAGER_PIN, "enter", "escape"], "Wrong ID or PIN"),
    ],
    ids=[
        "no such order",
        "no such line",
        "no order to discount",
        "drawer with an order open",
        "bad count",
        "wrong pin",
        "cashier's pin",
        "the id and pin again",
        "the number first, out of habit",
    ],
)
def test_what_is_typed_after_a_refusal_never_shows_the_pin(
    approvals: Approvals, sequence: list[str], refusal: str
) -> None:
    keys = keys_at(approvals, open_order=sequence[0] == "n")
    seen = typed(keys, "f3", *sequence)
    assert any(refusal in shown for shown in seen), seen
    assert not [shown for shown in seen if PIN_SEEN in shown]


def test_a_refund_is_said_then_approved_with_enter(approvals: Approvals) -> None:
    keys = keys_at(approvals)
    typed(keys, "r", *APPROVED, *"99", "enter")
    assert (keys.asking, keys.error) == (Asking.ORDER, True)  # asked again, the approval kept
    typed(keys, "1", "enter")
    assert (keys.asking, keys.message) == (
        Asking.CONFIRM,
        "To approve, a refund of order 1: $5.00 back of $5.00: cash $5.00",
    )
    typed(keys, "escape", "1", "enter", "enter")
    assert keys.approved is not None and keys.asking is Asking.DONE
    request, manager = keys.approved
    assert (request.action, request.amount, manager.id) == ("refund", 500, "M1")


def test_a_wrong_pin_asks_the_pin_again_as_dots(approvals: Approvals) -> None:
    keys = keys_at(approvals)
    typed(keys, "r", *"M1", "enter", *WRONG_PIN, "enter", *MANAGER_PIN[:2])
    assert (keys.asking, keys.manager, keys.shown, keys.message) == (
        Asking.PIN,
        "M1",
        "••",
        "Wrong ID or PIN",
    )
    typed(keys, *MANAGER_PIN[2:], "enter", "1", "enter", "enter")  # typed again at once: approved
    assert keys.approved is not None and keys.approved[1].id == "M1"
    keys = keys_at(approvals)
    typed(keys, "r", *"C7", "enter", *CASHIER_PIN, "enter", "escape")  # Esc on the empty PIN line: another ID
    assert (keys.asking, keys.choice) == (Asking.ID, "refund")


def test_back_at_the_first_step_the_approval_goes(approvals: Approvals) -> None:
    keys = keys_at(approvals)
    typed(keys, "r", *APPROVED, "escape")
    assert (keys.asking, keys.member) == (Asking.WHAT, None)
    typed(keys, "r")
    assert keys.asking is Asking.ID


def test_a_close_is_counted_after_the_pin_and_said_before_enter(approvals: Approvals) -> None:
    keys = keys_at(approvals)
    typed(keys, "z", *APPROVED, *"1.50", "enter")
    assert (keys.asking, keys.message) == (Asking.CONFIRM, "To close 2026-11-23: $1.50 counted")
    typed(keys, "enter")
    assert keys.day == DayAsk(150, "M1")


def test_the_x_reading_asks_nothing(approvals: Approvals) -> None:
    keys = keys_at(approvals)
    typed(keys, "x")
    assert (keys.day, keys.asking) == (DayAsk(), Asking.DONE)


def test_without_a_crew_a_choice_is_refused_at_once(approvals: Approvals) -> None:
    keys = keys_at(dataclasses.replace(approvals, desk=None))
    typed(keys, "r", *"M1", "enter", *"1234")
    assert (keys.asking, keys.message, keys.shown) == (Asking.WHAT, NO_CREW, "")


@pytest.mark.parametrize(
    ("choice", "then", "confirmed"),
    [
        ("r", ["1", "enter"], "To approve, a refund of order 1"),
        ("v", ["1", "enter", "1", "enter"], "To approve, a line voided after the receipt of order 1"),
        ("z", [*"1.50", "enter"], "To close 2026-11-23: $1.50 counted"),
    ],
)
def test_the_pin_typed_again_after_a_right_pin_is_dots_and_dropped(
    approvals: Approvals, choice: str, then: list[str], confirmed: str
) -> None:
    keys = keys_at(approvals)
    seen = typed(keys, choice, *APPROVED, *MANAGER_PIN)
    assert keys.shown == "•" * len(MANAGER_PIN)
    seen += typed(keys, "enter")
    assert (keys.asking, keys.message, keys.counted, keys.paid) == (
        DETAILS[CHOICES[choice]],
        PIN_AGAIN,
        None,
        None,
    )
    seen += typed(keys, *then)
    assert keys.message.startswith(confirmed), seen
    assert not [shown for shown in seen if PIN_SEEN in shown]


def test_the_step_after_the_pin_is_dots_until_its_enter_then_as_typed(approvals: Approvals) -> None:
    keys = keys_at(approvals)
    typed(keys, "r", *APPROVED, *"99")
    assert keys.shown == "••"
    typed(keys, "enter", *"99")
    assert (keys.message, keys.shown) == ("No paid order 99 at T1 today", "99")


def test_a_no_sale_hands_the_pin_to_the_sale_screens_next_entry(approvals: Approvals) -> None:
    keys = keys_at(approvals)
    typed(keys, "n", *APPROVED)
    assert keys.asking is Asking.DONE and keys.echo.armed
    assert keys.echo.is_pin(MANAGER_PIN)


def test_esc_at_the_pin_clears_it_and_on_an_empty_line_asks_the_id(approvals: Approvals) -> None:
    keys = keys_at(approvals)
    typed(keys, "r", *"M1", "enter", *"53", "escape")
    assert (keys.asking, keys.typed) == (Asking.PIN, "")
    typed(keys, *MANAGER_PIN[:3])
    assert keys.shown == "•••", "the PIN retyped after Esc is dots, never in the ID's field"
    typed(keys, "escape", "escape")
    assert (keys.asking, keys.choice) == (Asking.ID, "refund")


@pytest.mark.parametrize(
    ("number", "said"),
    [
        ("T1-20261123-0001", "To approve, a refund of order 1: $5.00 back"),
        ("t1-20261123-1", "To approve, a refund of order 1: $5.00 back"),
        ("T2-20261123-0001", "T2-20261123-0001 is T2's order: refund it at T2"),
        ("Front-2-20261123-0001", "Front-2-20261123-0001 is Front-2's order: refund it at Front-2"),
        ("T1-20261122-0001", "T1-20261122-0001 is not today's: F3 takes the paid orders of today"),
        ("T1-2026-0001", "'T1-2026-0001' is not an order's number: 3, or T1-20261123-0003 as its receipt"),
    ],
)
def test_the_order_s_number_as_its_receipt_prints_it(approvals: Approvals, number: str, said: str) -> None:
    keys = keys_at(approvals)
    typed(keys, "r", *APPROVED, *number, "enter")
    assert keys.message.startswith(said)


def test_a_refunded_order_is_refused_at_the_order_step_of_a_void(approvals: Approvals) -> None:
    keys = keys_at(approvals)
    typed(keys, "r", *APPROVED, "1", "enter", "enter")
    assert keys.approved is not None
    keys.approvals.record(*keys.approved, keys.sale)
    keys = keys_at(approvals)
    typed(keys, "v", *APPROVED, "1", "enter")
    assert (keys.asking, keys.message) == (
        Asking.ORDER,
        "Order T1-20261123-0001 is refunded already: no line to void",
    )


def test_the_pin_s_check_never_shows_the_pin_in_its_repr() -> None:
    """A traceback's values show each object's repr: the PIN must not be among them."""
    assert MANAGER_PIN not in repr(PinCheck("M1", MANAGER_PIN))
