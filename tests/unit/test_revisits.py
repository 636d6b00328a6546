"""Second chances: F6 brings a line's declined or skipped upsell or cross-sell back, once, logged
with `revisit: true`; reports read the flag and group by it."""

from __future__ import annotations

import json
from pathlib import Path

from pos.core.analytics.report import build_report
from pos.core.base.events import Outcome
from tests.support.counter_kit import key_in, make_counter, outcomes, type_keys
from tests.support.sales import make_sale
from tests.support.small_menus import make_menu

FRIES = '\n[[cross_sell]]\nwhen = ["1"]\noffer = "20"\nsize = "Medium"\n'


def test_a_declined_cross_sell_comes_back_once_with_the_next_number() -> None:
    sale = make_sale(make_menu(FRIES))
    line = sale.add("1")
    (offer,) = list(sale.prompts_for(line))
    sale.answer(offer, Outcome.DECLINED, 500)
    assert sale.can_revisit(line)
    again = sale.revisit(line)
    assert again is not None and (again.item.code, again.seq, again.revisit) == ("20", 2, True)
    event = sale.answer(again, Outcome.ACCEPTED, 700)
    assert (event.seq, event.revisit, event.outcome) == (2, True, "accepted")
    assert sale.revisit(line) is None and not sale.can_revisit(line), "once"
    (_, fries) = sale.pay(1000).lines
    assert (fries.code, fries.prompt, fries.added) == ("20", 2, 229)


def test_an_upsell_comes_back_only_while_the_line_is_as_it_was() -> None:
    sale = make_sale(make_menu())
    line = sale.add("20")
    (offer,) = list(sale.prompts_for(line))
    assert offer.kind.name == "upsell"
    sale.answer(offer, Outcome.SKIPPED, 300)
    sale.change_size(line, 1)  # the customer asked for Medium themselves
    assert not sale.can_revisit(line) and sale.revisit(line) is None


def test_an_accepted_offer_or_a_revisited_no_is_not_brought_back() -> None:
    sale = make_sale(make_menu(FRIES))
    line = sale.add("1")
    (offer,) = list(sale.prompts_for(line))
    sale.answer(offer, Outcome.ACCEPTED, 500)
    assert sale.revisit(line) is None
    sale = make_sale(make_menu(FRIES))
    line = sale.add("1")
    (offer,) = list(sale.prompts_for(line))
    sale.answer(offer, Outcome.DECLINED, 500)
    again = sale.revisit(line)
    assert again is not None
    sale.answer(again, Outcome.DECLINED, 500)
    assert sale.revisit(line) is None


def test_f6_at_the_counter_and_the_report_by_revisit(data_dir: Path) -> None:
    counter, _ = make_counter(make_menu(FRIES), log_to=data_dir)
    key_in(counter, "1")
    type_keys(counter, "n")  # no fries
    type_keys(counter, "f6")
    assert counter.prompt is not None and counter.prompt.revisit and counter.prompt.item.code == "20"
    type_keys(counter, "y", "f10", "enter")
    counter.shop.recorder.close()  # type: ignore[attr-defined]
    lines = (data_dir / "log" / "2026-11-23" / "T1.prompts.jsonl").read_text().splitlines()
    assert [json.loads(line).get("revisit") for line in lines] == [None, True]
    rows = build_report(data_dir, ("revisit",)).rows
    assert [(row["revisit"], row["shown"], row["accepted"]) for row in rows] == [(0, 1, 0), (1, 1, 1)]


def test_f6_with_nothing_to_bring_back_says_so() -> None:
    counter, recorder = make_counter(make_menu())
    key_in(counter, "40")
    type_keys(counter, "f6")
    assert counter.error and "Nothing to bring back" in counter.message
    assert outcomes(recorder) == []


def test_after_f7_no_offer_is_brought_back_and_none_is_logged() -> None:
    """F7 says the customer wants nothing more: F6 then asks nothing (and logs no made-up answer),
    the line loses its ↺, and F7's own message stays on the screen."""
    counter, recorder = make_counter(make_menu(FRIES))
    key_in(counter, "1")
    type_keys(counter, "n")  # no fries: the line could be asked again
    assert counter.sale.can_revisit(counter.sale.order.lines[0])
    type_keys(counter, "f7")
    assert "wants nothing more" in counter.message and not counter.error
    assert not counter.sale.can_revisit(counter.sale.order.lines[0])
    logged = outcomes(recorder)
    type_keys(counter, "f6")
    assert counter.error and "F7" in counter.message and counter.prompt is None
    assert outcomes(recorder) == logged
