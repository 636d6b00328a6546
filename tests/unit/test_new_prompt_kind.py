"""A new prompt kind is its module and its registration: a kind written here, in the tests, is read
from a menu, sold at the counter, logged and reported with no change anywhere else."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest

from pos.core.analytics.report import Filters, build_report
from pos.core.base.events import PromptEvent, decoder
from pos.core.selling.menu_loader import MenuError
from pos.core.selling.prompt_kinds import BUILT_IN, UPSELL, by_name, kinds, names, registered
from tests.support import tasting_kind
from tests.support.counter_kit import key_in, make_counter, type_keys
from tests.support.hand_logs import prompt
from tests.support.small_menus import make_menu

TASTING = """
[[tasting]]
after = ["1"]
offer = "41"
price = "0.25"
pitch = "A bite of {offer} for {price}?"
"""


def _sell_a_tasting(data_dir: Path) -> None:
    """A cheeseburger keyed, its tasting taken, paid: logged in `data_dir`."""
    counter, _ = make_counter(make_menu(TASTING), log_to=data_dir)
    key_in(counter, "1")
    offer = counter.prompt
    assert offer is not None and offer.kind is tasting_kind.KIND
    assert offer.pitch == "A bite of Cookie for $0.25?"
    type_keys(counter, "y", "f10", "enter")
    assert [(line.item.code, line.unit_price, line.source) for line in counter.sale.order.lines] == [
        ("1", 349, "entered"),
        ("41", 25, "tasting"),
    ]
    counter.shop.recorder.close()  # type: ignore[attr-defined]


def test_a_kind_registered_from_the_tests_is_read_sold_logged_and_reported(data_dir: Path) -> None:
    with registered(tasting_kind.KIND):
        assert kinds()[-1] is by_name("tasting") is tasting_kind.KIND and "tasting" in names()
        (rule,) = tasting_kind.KIND.rules(make_menu(TASTING))
        assert (rule.offer, rule.price, sorted(rule.after.codes)) == ("41", 25, ["1"])
        _sell_a_tasting(data_dir)
        by_kind = build_report(data_dir, ("kind",), Filters(kind="tasting"))
        (row,) = by_kind.rows
        assert (row["kind"], row["shown"], row["accepted"], row["added_revenue"]) == ("tasting", 1, 1, 25)
        (by_rule,) = build_report(data_dir, ("rule",)).rows
        assert by_rule["rule"] == "tasting:1>41"
    assert "tasting" not in names()


def test_a_kind_no_longer_registered_is_refused_in_a_menu_and_a_log(data_dir: Path) -> None:
    with registered(tasting_kind.KIND):
        _sell_a_tasting(data_dir)
    with pytest.raises(MenuError, match=r"unknown table \[tasting\]"):
        make_menu(TASTING)
    (logged,) = (data_dir / "log").rglob("*.prompts.jsonl")
    with pytest.raises(msgspec.ValidationError, match=r"Invalid enum value 'tasting' - at `\$.kind`"):
        decoder(PromptEvent).decode(logged.read_bytes().splitlines()[0])


def test_a_kind_is_registered_once() -> None:
    for kind in (tasting_kind.KIND, UPSELL):
        with (
            registered(tasting_kind.KIND),
            pytest.raises(ValueError, match=f"{kind.name!r} is sold already"),
            registered(kind),
        ):
            pass
    assert names() == tuple(kind.name for kind in BUILT_IN)


def test_every_built_in_kind_is_logged_and_read_back_under_its_name() -> None:
    """A kind added to `BUILT_IN` is read back whether the events spec names it yet or not: the
    registry, not the spec's list, says what a log may hold."""
    for kind in BUILT_IN:
        event = msgspec.convert(prompt(kind=kind.name), PromptEvent)
        assert msgspec.json.decode(msgspec.json.encode(event), type=PromptEvent).kind == kind.name
