"""Menu format version 3: a rule's several candidates (`offers`, `choose`, `explore`, and `price`,
`pitch`, `size` for each), the ids of such rules, every bad value refused, and `pos menu check`."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from pos.core.selling.candidates import FIRST, Candidate, Choice, Choose
from pos.core.selling.menu_loader import MenuError, parse_menu
from pos.core.selling.prompt_kinds import checkout, cross_sell, upsell
from pos.core.selling.rule_ids import rule_label
from tests.support.in_process import run_pos
from tests.support.small_menus import make_menu, menu_text

LEARNED = """
[[cross_sell]]
when = ["category:burger"]
offers = ["20", "50", "40"]
choose = "learn"
explore = "0.1"
size = { "20" = "Medium" }
price = { "40" = "0.99" }
pitch = { "20" = "Fries, {size}?", "40" = ["Pie for {price}?", "A pie?"] }
"""


def errors_of(rules: str) -> str:
    with pytest.raises(MenuError) as caught:
        parse_menu(menu_text(rules), Path("shop.toml"))
    return str(caught.value)


def test_each_candidate_keeps_its_own_size_price_and_wording() -> None:
    menu = make_menu(LEARNED)
    (rule,) = cross_sell.KIND.rules(menu)
    assert rule.choice == Choice(Choose.LEARN, Decimal("0.1"), frozenset({"side", "drink", "dessert"}))
    assert rule.candidates == (
        Candidate("20", "Medium", None, ("Fries, {size}?",)),
        Candidate("50", None, None, ()),
        Candidate("40", None, 99, ("Pie for {price}?", "A pie?")),
    )
    assert menu.learned == {("cross_sell", 1): Decimal("0.1")}
    assert menu.several == {("cross_sell", 1): ("20", "50", "40")}


def test_one_value_is_every_candidates() -> None:
    rules = '[[checkout]]\noffers = ["20", "50"]\nsize = "Medium"\nprice = "1.00"\npitch = "{offer}?"\n'
    (rule,) = checkout.KIND.rules(make_menu(rules))
    assert rule.candidates == (
        Candidate("20", "Medium", 100, ("{offer}?",)),
        Candidate("50", "Medium", 100, ("{offer}?",)),
    )


def test_the_first_allowed_by_default_and_a_five_percent_floor_when_learned() -> None:
    first, learned = checkout.KIND.rules(
        make_menu(
            '[[checkout]]\noffers = ["40", "41"]\n[[checkout]]\noffers = ["40", "41"]\nchoose = "learn"\n'
        )
    )
    desserts = frozenset({"dessert"})  # what a learned choice's context looks for in the order
    assert first.choice == replace(FIRST, categories=desserts)
    assert learned.choice == Choice(Choose.LEARN, Decimal("0.05"), desserts)
    (single,) = checkout.KIND.rules(make_menu('[[checkout]]\noffer = "40"\n'))
    assert single.candidates == (Candidate("40"),) and single.choice.how is Choose.FIRST


def test_an_upsell_names_its_candidates_as_it_names_to() -> None:
    rules = '[[upsell]]\ncategory = "drink"\noffers = ["largest", "40"]\nchoose = "learn"\nprice = { "largest" = "0.40" }\n'
    (rule,) = upsell.KIND.rules(make_menu(rules))
    assert rule.candidates == (Candidate("largest", None, 40), Candidate("40"))


@pytest.mark.parametrize(
    ("rules", "rule"),
    [
        (LEARNED, "cross_sell:category:burger>20@Medium,50,40"),
        (
            '[[cross_sell]]\nwhen = ["category:burger"]\noffer = "20"\nsize = "Medium"\n',
            "cross_sell:category:burger>20@Medium",
        ),
        ('[[checkout]]\noffers = ["40", "41"]\n', "checkout:>40,41"),
        (
            '[[upsell]]\ncategory = "drink"\noffers = ["largest", "40"]\n',
            "upsell:category:drink>~largest size,40",
        ),
        ('[[checkout]]\nid = "the last word"\noffers = ["40", "41"]\n', "the last word"),
    ],
)
def test_a_rule_of_several_offers_is_named_by_its_candidates_and_sizes(rules: str, rule: str) -> None:
    """The id stays while the rule does (events spec v3): one offer's is as before."""
    menu = make_menu(rules)
    assert list(menu.rule_ids.values()) == [rule]


def test_a_rule_of_several_offers_reads_as_one_or_the_other() -> None:
    names = make_menu().names()
    assert rule_label("cross_sell:category:burger>20@Medium,50,40", names) == (
        "cross-sell: Burger (category) -> Medium Fries or Cola or Apple Pie"
    )
    assert rule_label("upsell:20>20@Large", names) == "upsell: Fries -> Large"


WHEN = '[[cross_sell]]\nwhen = ["1"]\n'
OFFERS = WHEN + 'offers = ["40", "41"]\n'


@pytest.mark.parametrize(
    ("rules", "field", "said"),
    [
        (
            WHEN + 'offer = "40"\noffers = ["40", "41"]\n',
            "offers",
            "name one offer or several offers, not both",
        ),
        (WHEN + 'offers = "40"\n', "offers", 'expected 2 to 6 codes, like ["20", "9", "40"], got \'40\''),
        (WHEN + 'offers = ["40"]\n', "offers", "expected 2 to 6 codes"),
        (WHEN + 'offers = ["40", "41", "20", "50", "1", "2", "31"]\n', "offers", "expected 2 to 6 codes"),
        (WHEN + 'offers = ["40", "zz"]\n', "offers", "unknown item code 'zz'"),
        (WHEN + 'offers = ["40", 41]\n', "offers", "expected an item code, got 41"),
        (WHEN + 'offers = ["40", "40"]\n', "offers", "'40' is named twice"),
        (WHEN, "offer", 'missing: name one offer = "CODE", or several offers'),
        (OFFERS + 'choose = "best"\n', "choose", 'expected "first" or "learn", got \'best\''),
        (OFFERS + 'choose = ["learn"]\n', "choose", 'expected "first" or "learn", got [\'learn\']'),
        (WHEN + 'offer = "40"\nchoose = "learn"\n', "choose", "is for a rule with several offers"),
        (WHEN + 'offer = "40"\nexplore = "0.1"\n', "explore", "is for a rule with several offers"),
        (OFFERS + 'explore = "0.1"\n', "explore", 'is the floor chance of choose = "learn"'),
        (OFFERS + 'choose = "learn"\nexplore = "0.6"\n', "explore", "a chance from 0 to 0.5"),
        (OFFERS + 'choose = "learn"\nexplore = "lots"\n', "explore", "expected a chance from 0 to 0.5"),
        (OFFERS + 'choose = "learn"\nexplore = 1e-9\n', "explore", "of at most 3 decimals"),
        (OFFERS + 'choose = "learn"\nexplore = "1e-9"\n', "explore", "of at most 3 decimals"),
        (OFFERS + 'choose = "learn"\nexplore = "0.0005"\n', "explore", "of at most 3 decimals"),
        (OFFERS + 'choose = "learn"\nexplore = -0.1\n', "explore", "of at most 3 decimals"),
        (OFFERS + 'choose = "learn"\nexplore = true\n', "explore", "got True"),
        (
            WHEN + 'offers = ["40", "41", "20"]\nchoose = "learn"\nexplore = "0.4"\n',
            "explore",
            "3 offers each kept 0.4 of the chances would take more than all of them: at most 0.333",
        ),
        (OFFERS + 'pitch = { "20" = "Fries?" }\n', "pitch", "'20' is not one of the rule's offers"),
        (OFFERS + 'pitch = { "40" = "{bad}?" }\n', "pitch", "unknown placeholder {bad}"),
        (OFFERS + 'pitch = { "40" = 7 }\n', "pitch", "expected a sentence"),
        (OFFERS + 'price = { "41" = "-1" }\n', "price", ""),
        (
            WHEN + 'offers = ["20", "50"]\nsize = { "20" = "Huge" }\n',
            "size",
            "unknown size 'Huge' of item \"20\"",
        ),
        (WHEN + 'offers = ["20", "40"]\nsize = "Medium"\n', "size", "unknown size 'Medium' of item \"40\""),
        (
            WHEN + 'offer = "40"\npitch = { "40" = "Pie?" }\n',
            "pitch",
            "a table keyed by candidate code is for a rule",
        ),
        (
            '[[upsell]]\ncategory = "drink"\noffers = ["next", "largest"]\n',
            "offers",
            '"next" and "largest" both offer',
        ),
        (
            '[[upsell]]\ncategory = "drink"\noffers = ["next", 3]\n',
            "offers",
            'expected "next", "largest", an item code',
        ),
        ('[[upsell]]\nitem = "1"\noffers = ["largest", "31"]\n', "offers", 'item "1" has one price'),
        (
            '[[upsell]]\nitem = "1"\nto = "31"\noffers = ["31", "40"]\n',
            "offers",
            "name one to or several offers",
        ),
        ('[[checkout]]\noffers = ["40", "zz"]\n', "offers", "unknown item code 'zz'"),
    ],
)
def test_every_bad_value_is_refused_naming_file_line_entry_and_field(
    rules: str, field: str, said: str
) -> None:
    message = errors_of(rules)
    table = rules.split("]]")[0].removeprefix("[[")
    assert re.search(rf'shop\.toml:\d+: {table} #1, field "{field}": [^\n]*{re.escape(said)}', message), (
        message
    )


@pytest.mark.parametrize("written", ['"0.05"', "0.05", '"0.125"', "0.125", "0", '"0"', "5e-2"])
def test_explore_is_read_alike_as_a_number_or_as_text(written: str) -> None:
    """Before, `explore = 1e-9` was taken as a number and refused as text: now a chance of at most
    3 decimals, whichever way it is written."""
    menu = make_menu(OFFERS + f'choose = "learn"\nexplore = {written}\n')
    assert menu.learned == {("cross_sell", 1): Decimal(written.strip('"'))}


def test_a_pitch_table_leaving_an_offer_out_is_a_warning_naming_it() -> None:
    """The candidate left out is asked in its kind's own words: allowed, but `pos menu check` says so."""
    menu = make_menu(OFFERS + 'pitch = { "40" = "Pie?" }\n')
    (warning,) = menu.warnings
    assert re.fullmatch(
        r'\S+:\d+: cross_sell #1, field "pitch": no wording for the offer \'41\': it is asked in its kind\'s own words',
        warning,
    ), warning
    assert make_menu(OFFERS + 'pitch = { "40" = "Pie?", "41" = "Cookie?" }\n').warnings == ()


def test_a_meals_upsell_has_no_candidates() -> None:
    combo = (
        '[[combo]]\ncode = "M1"\nname = "Burger Meal"\nprice = "5.99"\n'
        'slots = [{ name = "main", choose = ["1"] }, { name = "side", choose = ["20"] }]\n'
    )
    message = errors_of(combo + '[[upsell]]\nitem = "M1"\noffers = ["next", "40"]\n')
    assert 'upsell #1, field "offers": a meal ("M1") is made bigger one size at a time' in message


def test_an_entry_of_several_offers_reports_all_its_problems_at_once() -> None:
    message = errors_of(OFFERS + 'choose = "best"\npitch = "{bad}"\nprice = "x"\n')
    for field in ("choose", "pitch", "price"):
        assert f'cross_sell #1, field "{field}"' in message, field


def test_menu_check_says_how_each_rule_of_several_offers_chooses_and_when_the_guards_allow_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "400")
    menu = tmp_path / "learned.toml"
    menu.write_text(
        menu_text(
            LEARNED.replace('["category:burger"]', '["category:burger", "31"]')
            + '\ndayparts = ["lunch", "dinner"]\n'
            + '[rules]\nmax_upsell_ratio = "1.1"\n'
            + '[[upsell]]\ncategory = "burger"\noffers = ["31", "40"]\n',
        )
    )
    ran = run_pos(capsys, "menu", "check", str(menu))
    assert ran.returncode == 0, ran.stderr
    said = ran.stdout
    assert "Medium Fries $2.29 [cross_sell #1, learned]" in said
    assert "Rules with several offers, and when the guards allow each" in said
    assert (
        "cross_sell #1 (cross_sell:category:burger,31>20@Medium,50,40): learned from the store's answers by "
        "daypart, the order's lines and which of the offers' categories it has; each offer allowed keeps at "
        "least 10 % of the chances"
    ) in said
    assert "when: after 31, category burger; dinner, lunch; each offer unless the order has it" in said
    assert "    Apple Pie $0.99\n" in said
    assert "upsell #1 (upsell:category:burger>31,40): the first that the guards allow" in said
    assert (
        "Cheeseburger Meal: for Cheeseburger +$3.50; never for Hamburger (adds more than 1.1 x its price)"
        in said
    )
    assert (
        "Apple Pie: never for Cheeseburger (it would cost less); never for Hamburger (it would cost less)"
        in said
    )


def test_a_long_line_of_several_offers_wraps_under_its_own_indent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    menu = tmp_path / "learned.toml"
    menu.write_text(menu_text(LEARNED))
    said = run_pos(capsys, "menu", "check", str(menu)).stdout
    several = said[said.index("Rules with several offers") : said.index("Rule ids")].splitlines()[1:]
    assert all(len(line) <= 60 and not line.endswith(" ") for line in several)
    assert all(line.startswith("  ") for line in several)
    assert any(line.startswith("    ") and not line.lstrip().startswith("when:") for line in several[2:])


TACO_STAND = """
[menu]
name = "Taco Stand"
currency = "USD"
tax_rate = "0.08"

[rules]
max_upsell_ratio = "1.5"

[[item]]
code = "1"
name = "Taco"
category = "taco"
price = "2.50"

[[item]]
code = "2"
name = "Taco Supreme"
category = "taco"
price = "3.25"

[[item]]
code = "3"
name = "Burrito With Everything On It"
category = "burrito"
price = "6.50"

[[item]]
code = "10"
name = "Chips & Salsa"
category = "side"
price = "1.99"

[[item]]
code = "30"
name = "Churros"
category = "dessert"
price = "2.49"

[[upsell]]
id = "taco step up"
category = "taco"
offers = ["3", "2"]

[[cross_sell]]
id = "after a taco"
when = ["category:taco"]
offers = ["10", "30"]
choose = "learn"
holdout = "0.05"
"""


def test_menu_check_reads_at_80_columns_and_says_each_candidate_and_holdout_right(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A candidate the guards never allow for an item is not its "first allowed"; the holdout is
    said in one format with the rule's one name, and in the rule's own section; every line wraps
    under itself at 80 columns, none ending in a space."""
    monkeypatch.setenv("COLUMNS", "80")
    menu = tmp_path / "taco.toml"
    menu.write_text(TACO_STAND)
    said = run_pos(capsys, "menu", "check", str(menu)).stdout
    lines = said.splitlines()
    assert all(len(line) <= 80 and not line.endswith(" ") for line in lines)
    taco = said[said.index("1      Taco (taco)") : said.index("2      Taco Supreme")]
    assert (
        "upsell      Burrito With Everything On It +$4.00 [upsell #1]: never\n"
        "                   offered, it adds more than 1.5 x the price (max_upsell_ratio)\n"
        "                   Taco Supreme +$0.75 [upsell #1, first allowed]\n"
    ) in taco
    assert "Chips & Salsa $1.99 [cross_sell #1, learned]" in taco
    assert "Holdout: 0 % of prompt chances; by rule: cross_sell #1 (after a taco) 5 %" in lines
    learned = said[said.index("  cross_sell #1 (after a taco)") : said.index("Rule ids")]
    assert "    holdout: 5 % of its chances held out\n" in learned
    assert "    holdout: none\n" in said[said.index("  upsell #1 (taco step up)") :]
