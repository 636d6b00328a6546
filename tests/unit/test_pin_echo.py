"""A PIN right, then typed again by habit: the next entry (the sale screen's first after a sign-in,
F3's step after the manager's PIN) shows it as dots and drops it unread, never quoted nor read as a
figure; the PIN is kept only as a salted hash, forgotten after that one entry."""

from __future__ import annotations

import dataclasses

from pos.core.counter.counter import Counter
from pos.core.store.pin_echo import PIN_AGAIN, PinEcho
from tests.support.counter_kit import make_shop, type_keys
from tests.support.crew_folder import CASHIER_PIN

PIN_SEEN = CASHIER_PIN[:3]


def signed_in(pin: str = CASHIER_PIN) -> Counter:
    """A counter whose cashier just signed in with `pin`."""
    shop, _ = make_shop()
    echo = PinEcho()
    echo.arm(pin)
    return Counter(dataclasses.replace(shop, echo=echo), timer=lambda: 0.0)


def test_the_pin_typed_again_after_the_sign_in_is_dots_then_dropped() -> None:
    counter = signed_in()
    type_keys(counter, *CASHIER_PIN)
    assert counter.shop.echo.masked(counter.entry) == "•" * len(CASHIER_PIN)
    type_keys(counter, "enter")
    assert (counter.message, counter.error, counter.sale.order.entries) == (PIN_AGAIN, True, [])
    type_keys(counter, *"40", "enter")
    assert [line.item.code for line in counter.sale.order.lines] == ["40"]
    assert PIN_SEEN not in counter.message


def test_an_item_first_is_taken_and_the_pin_forgotten() -> None:
    counter = signed_in()
    type_keys(counter, *"40")
    assert counter.shop.echo.masked(counter.entry) == "••", "digits: the first of the PIN, maybe"
    type_keys(counter, "enter")
    assert [line.item.code for line in counter.sale.order.lines] == ["40"]
    assert not counter.shop.echo.armed
    type_keys(counter, *"1234")
    assert counter.shop.echo.masked(counter.entry) == "1234"


def test_only_an_entry_of_digits_alone_shows_as_dots() -> None:
    echo = PinEcho()
    echo.arm(CASHIER_PIN)
    shown = [echo.masked(typed) for typed in ("2*40", "40 l", "apple", "1234567890123", "975")]
    assert shown == ["2*40", "40 l", "apple", "1234567890123", "•••"]


def test_only_a_salted_hash_is_kept_and_it_differs_by_session() -> None:
    one, other = PinEcho(), PinEcho()
    one.arm(CASHIER_PIN)
    other.arm(CASHIER_PIN)
    kept = [bytes(value) for echo in (one, other) for value in vars(echo).values() if value is not None]
    assert not any(CASHIER_PIN.encode() in value for value in kept)
    assert vars(one) != vars(other)
    assert one.is_pin(f" {CASHIER_PIN} ") and not one.armed
    other.is_pin("0000")
    assert not other.armed and not other.is_pin(CASHIER_PIN), "forgotten after one entry"
