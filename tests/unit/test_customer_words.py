"""Drill customers say the menu's names as it writes them, in the phrases of its language: the
menu's `[drill] words`, then the drill file's, else English."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from pos.core.base.events import Outcome
from pos.core.counter.meal_entry import parse_meal_order
from pos.core.selling.menu_loader import MenuError, load_menu, parse_menu
from pos.core.selling.prompt_kinds import kinds
from pos.core.training.customers import random_customers, spoken
from pos.core.training.drill import DrillRun, Level
from pos.core.training.drill_script import DrillError, load_drill
from tests.conftest import MENUS
from tests.support.sales import make_sale

BURGERS = load_menu(MENUS / "burger_counter.toml")
SPANISH = """
[drill.words]
order = "{items}, por favor."
one = "un {item}"
more = "{count} de {item}"
with = "con {items}"
mine = "mi {item}"
and = "y"
yes = "¡Sí, {offer}!"
no = ["No, gracias."]
back = "Vuelvo con mi código {code}."
again = "Bueno… sí, {offer}, por favor."
"""


def drill_file(tmp_path: Path, drill: str, customers: str) -> Path:
    path = tmp_path / "drill.toml"
    path.write_text(f'[drill]\nname = "Test"\n{drill}\n{customers}', encoding="utf-8")
    return path


def test_an_order_is_said_with_the_menu_s_names_as_written() -> None:
    meal = parse_meal_order("31 (21, 51)", BURGERS)
    assert meal is not None
    assert spoken([meal]) == ["Cheeseburger Meal with Onion Rings and Lemonade"]
    coffee = load_menu(MENUS / "coffee_bar.toml")
    says = " ".join(customer.says for customer in random_customers(coffee, 60, random.Random(4)))
    assert "× Pain au Chocolat" in says and "Chocolats" not in says, "no English plural made of a name"


def test_a_name_is_said_as_the_menu_writes_it_with_no_article() -> None:
    """ "a Jarritos and a Churros" was English grammar laid on names it does not fit: a random
    customer says "Jarritos and Churros", and takes "the Churros"."""
    taco = parse_menu(
        '[menu]\nname = "Taco Stand"\ncurrency = "USD"\n'
        '[[item]]\ncode = "21"\nname = "Jarritos"\nprice = "2.29"\n'
        '[[item]]\ncode = "30"\nname = "Churros"\nprice = "2.49"\n',
        Path("taco.toml"),
    )
    said = " ".join(customer.says for customer in random_customers(taco, 40, random.Random(2)))
    assert "Jarritos and Churros" in said or "Churros and Jarritos" in said
    assert "a Jarritos" not in said and "a Churros" not in said
    add_ons = [kind for kind in kinds() if kind.name in ("cross_sell", "checkout", "nudge")]  # any item
    assert all(" a {offer}" not in words for kind in add_ons for words in kind.yes_words)


def test_a_drill_file_s_words_are_what_its_customers_say(tmp_path: Path) -> None:
    path = drill_file(
        tmp_path,
        SPANISH,
        '[[customer]]\nsays = "Una hamburguesa con queso y una cola."\norder = ["1", "50"]\n'
        'accepts = ["upsell"]\n'
        '[[customer]]\nsays = "Una hamburguesa."\norder = ["2"]\nchanges_mind = true\nreturns = true\n',
    )
    script = load_drill(path, BURGERS)
    run = DrillRun("Test", list(script.customers), Level.NORMAL, random.Random(1), lambda: 0.0)
    run.next_customer()
    sale = make_sale(BURGERS)
    meal = next(iter(sale.prompts_for(sale.add("1"))))
    assert meal.item.code == "31"
    turn = run.prompt_shown(meal)
    assert run.ask(turn) == "¡Sí, Cheeseburger Meal! Con Fries y mi Cola."
    run.printed("ABCD-EFGH-JKLM", "40", None)
    run.order_finished(sale.order)
    second = run.next_customer()
    assert second.says == "Vuelvo con mi código ABCD-EFGH-JKLM. Una hamburguesa."
    sale = make_sale(BURGERS)
    offer = next(iter(sale.prompts_for(sale.add("2"))))
    turn = run.prompt_shown(offer)
    assert run.ask(turn) == "No, gracias."
    assert run.record(turn, Outcome.DECLINED).startswith(
        f"The customer: “Bueno… sí, {offer.item.label(offer.size)}, por favor.”"
    )


def test_a_menu_s_words_reach_random_customers_and_a_drill_s_win_key_by_key(tmp_path: Path) -> None:
    text = (MENUS / "burger_counter.toml").read_text(encoding="utf-8") + SPANISH
    menu = parse_menu(text, Path("hamburguesas.toml"))
    (customer,) = random_customers(menu, 1, random.Random(2))
    assert customer.says.endswith(", por favor.") and customer.words.no == ("No, gracias.",)
    path = drill_file(
        tmp_path, '[drill.words]\nno = "Nada más."\n', '[[customer]]\nsays = "Cola."\norder = ["50"]\n'
    )
    (scripted,) = load_drill(path, menu).customers
    assert scripted.words.no == ("Nada más.",) and scripted.words.yes == ("¡Sí, {offer}!",)


@pytest.mark.parametrize(
    ("words", "message"),
    [
        ('hello = "Hi"', "unknown key 'hello'"),
        ('no = "No, {price}."', "no: unknown placeholder {price} in 'No, {price}.'; it takes none"),
        ('yes = "{offer.__class__}"', "yes: unknown placeholder {offer.__class__}"),
        ('and = ["y", "e"]', "and: expected one phrase, got 2"),
        ("no = []", "no: expected a phrase or a list of phrases"),
    ],
)
def test_bad_words_name_the_file_line_table_and_field(tmp_path: Path, words: str, message: str) -> None:
    path = drill_file(tmp_path, f"[drill.words]\n{words}\n", '[[customer]]\nsays = "Cola."\norder = ["50"]\n')
    with pytest.raises(DrillError) as caught:
        load_drill(path, BURGERS)
    assert f'[drill], field "words": {message}' in str(caught.value) and "drill.toml" in str(caught.value)
    with pytest.raises(MenuError, match="words"):
        parse_menu(
            (MENUS / "burger_counter.toml").read_text() + f"\n[drill.words]\n{words}\n", Path("m.toml")
        )
