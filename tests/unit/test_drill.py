"""The drill's core: scripts and their errors, customers, scoring, the score book."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from pos.core.base.errors import PosError
from pos.core.base.events import Outcome
from pos.core.counter.entry import Entry, parse_entry
from pos.core.selling.menu_loader import MenuError, load_menu
from pos.core.selling.prompt_kinds import CROSS_SELL, UPSELL, PromptKind
from pos.core.training.customers import Customer, random_customers, spoken
from pos.core.training.drill import DrillRun, Level, _speed
from pos.core.training.drill_script import DrillError, load_drill, read_header
from pos.core.training.scores import ScoreBook, leaderboard
from tests.conftest import MENUS, REPO
from tests.support.sales import make_sale
from tests.support.score_records import score_record
from tests.support.small_menus import make_menu

MENU = make_menu(
    '[[upsell]]\nitem = "1"\nto = "31"\n[[cross_sell]]\nwhen = ["category:meal"]\noffer = "40"\n'
)
HEADER = '[drill]\nname = "Test"\n'


def script(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "drill.toml"
    path.write_text(text)
    return path


@pytest.mark.parametrize("path", sorted((MENUS / "drills").glob("*.toml")), ids=lambda p: p.name)
def test_shipped_drills_load(path: Path) -> None:
    header = read_header(path)[0]
    assert header.menu is not None
    drill = load_drill(path, load_menu(header.menu))
    assert drill.customers and drill.now is not None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[drill]\nname = "x"\n[[customer]]\nsays = "Hi"\norder = ["99"]\n',
            "drill.toml:5: customer #1, field \"order\": '99': no item '99'",
        ),
        (
            '[drill]\nname = "x"\n[[customer]]\nsays = "Hi"\norder = ["1"]\naccepts = ["dessert"]\n',
            'customer #1, field "accepts": expected a list of prompt kinds',
        ),
        (
            '[drill]\nname = "x"\n[[customer]]\norder = ["1"]\n',
            'customer #1, field "says": expected the customer',
        ),
        (
            '[drill]\nname = "x"\n[[customer]]\nsays = "Hi"\norder = []\n',
            'customer #1, field "order": expected a list',
        ),
        (
            '[drill]\nname = "x"\n[[customer]]\nsays = "Hi"\norder = ["1"]\nmood = "angry"\n',
            'customer #1, field "mood": unknown field',
        ),
        ('[drill]\nname = "x"\n', "at least one [[customer]]"),
        (
            '[drill]\nnam = "x"\n[[customer]]\nsays = "Hi"\norder = ["1"]\n',
            '[drill], field "nam": unknown field',
        ),
        (
            '[drill]\nname = "x"\nnow = "lunchtime"\n[[customer]]\nsays = "Hi"\norder = ["1"]\n',
            '[drill], field "now": expected a time',
        ),
        ('[[customer]]\nsays = "Hi"\n', "missing: the file needs a [drill] table"),
        ('[drill]\nname = "x\n', "drill.toml:2: TOML syntax"),
        (
            '[drill]\nname = "x"\n[[customer]]\nsays = "Hi"\norder = ["20 jumbo"]\n',
            "Fries comes in Small, Medium, Large",
        ),
        (
            '[drill]\nname = "x"\noffers = ["zz"]\n[[customer]]\nsays = "Hi"\norder = ["1"]\n',
            'drill.toml:3: [drill], field "offers": expected a list of item codes the menu has',
        ),
        (
            '[drill]\nname = "x"\noffers = ["40"]\n[[customer]]\nsays = "Hi"\norder = ["1"]\n',
            "drill.toml:3: [drill], field \"offers\": '40' is no candidate of a rule with several offers, "
            "so never shown by one (the menu's candidates: none)",
        ),
    ],
)
def test_drill_file_errors_name_file_line_entry_field(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(DrillError) as caught:
        load_drill(script(tmp_path, text), MENU)
    assert message in str(caught.value)
    assert str(caught.value).startswith(str(tmp_path / "drill.toml"))


def test_a_missing_drill_file(tmp_path: Path) -> None:
    with pytest.raises(DrillError, match="no such drill file"):
        read_header(tmp_path / "none.toml")


def test_random_customers_are_seeded_and_say_their_order() -> None:
    first = random_customers(MENU, 20, random.Random(5))
    assert first == random_customers(MENU, 20, random.Random(5))
    assert first != random_customers(MENU, 20, random.Random(6))
    entries = [entry for customer in first for entry in customer.order if isinstance(entry, Entry)]
    for customer in first:
        for entry in customer.order:
            assert (entry.item.name if isinstance(entry, Entry) else entry.combo.name) in customer.says
    assert any(entry.size for entry in entries), "some name a size"
    assert any(entry.qty == 2 for entry in entries), "some order two"


def test_spoken_orders() -> None:
    order = [parse_entry("1", MENU), parse_entry("2*20 large", MENU), parse_entry("2*31", MENU)]
    assert spoken(order) == ["Cheeseburger", "2 × Large Fries", "2 × Cheeseburger Meal"]


def make_run(
    customers: list[Customer], level: Level = Level.NORMAL, clock: list[float] | None = None
) -> DrillRun:
    times = clock if clock is not None else [0.0]
    return DrillRun("Test", customers, level, random.Random(1), lambda: times[0])


def serve(
    run: DrillRun,
    keyed: list[str],
    answers: dict[PromptKind[Any], Outcome | None],
    seconds: float,
    times: list[float],
) -> None:
    """Key the items, ask (or not) and record each prompt, pay."""
    run.next_customer()
    sale = make_sale(MENU)
    for text in keyed:
        entry = parse_entry(text, MENU)
        line = sale.add(entry.item.code, entry.size, entry.qty)
        for offer in sale.prompts_for(line):
            turn = run.prompt_shown(offer)
            recorded = answers.get(offer.kind)
            if recorded is None:
                run.record(turn, Outcome.SKIPPED)
                sale.answer(offer, Outcome.SKIPPED, 10)
                continue
            run.ask(turn)
            run.record(turn, recorded)
            sale.answer(offer, recorded, 10)
    times[0] += seconds
    run.order_finished(sale.order)


def test_scoring_worked_by_hand() -> None:
    says_yes = Customer("A cheeseburger.", (parse_entry("1", MENU),), frozenset({"upsell"}))
    times = [0.0]
    run = make_run([says_yes, says_yes], clock=times)
    # Customer 1: both prompts asked, answers right (meal yes, pie no): order right.
    serve(run, ["1"], {UPSELL: Outcome.ACCEPTED, CROSS_SELL: Outcome.DECLINED}, 20, times)
    # Customer 2: the upsell recorded as declined although the customer said yes,
    # so the order lacks the meal; the cross-sell of the burger is not asked.
    serve(run, ["1"], {UPSELL: Outcome.DECLINED}, 60, times)
    summary = run.summary()
    first, second = summary.results
    assert (first.chances, first.asked, first.answers_right, first.order_right) == (2, 2, 2, True)
    assert (second.chances, second.asked, second.answers_right, second.order_right) == (1, 1, 0, False)
    # ask 3 of 3; answers right 2 of 3; orders right 1 of 2; 40 s a customer: speed 1 - 10 / 60.
    assert summary.parts["ask rate"] == 1.0
    assert summary.parts["answers right"] == pytest.approx(2 / 3)
    assert summary.parts["orders right"] == 0.5
    assert summary.parts["speed"] == pytest.approx(5 / 6)
    assert summary.score == round(40 + 30 * 2 / 3 + 20 * 0.5 + 10 * 5 / 6)  # 78
    assert summary.formula.endswith("= 78")
    assert summary.added_revenue == 350
    assert any("said yes to Cheeseburger Meal, but you recorded declined" in tip for tip in summary.tips)
    assert any("Customer 2's order was keyed wrong" in tip for tip in summary.tips)
    assert any("You took 40 s per customer" in tip for tip in summary.tips)


def test_easy_level_has_no_clock() -> None:
    times = [0.0]
    run = make_run([Customer("x", (parse_entry("40", MENU),), frozenset())], Level.EASY, times)
    serve(run, ["40"], {}, 500, times)
    assert run.summary().parts["speed"] == 1.0


def test_speed_points() -> None:
    assert (_speed(10), _speed(30), _speed(60), _speed(90), _speed(300)) == (1.0, 1.0, 0.5, 0.0, 0.0)


def test_a_rush_queues_customers_and_counts_their_wait() -> None:
    times = [0.0]
    customers = [Customer("x", (parse_entry("40", MENU),), frozenset())] * 3
    run = make_run(customers, Level.RUSH, times)
    times[0] = 45.0  # three customers have arrived: at 0, 20 and 40 s
    assert run.waiting() == 3
    run.next_customer()
    assert run.waiting() == 2
    run.order_finished(make_sale(MENU).order)
    assert run.results[0].seconds == 45.0, "from arrival, not from being served"


def test_score_book_history_and_leaderboard(data_dir: Path) -> None:
    book = ScoreBook(data_dir)
    for ts, cashier, score in [
        ("2026-11-20T10:00", "A", 60),
        ("2026-11-21T10:00", "A", 90),
        ("2026-11-21T11:00", "B", 80),
    ]:
        book.add(score_record(ts, cashier, score))
    assert [row["score"] for row in book.history("A")] == [60, 90]
    assert [
        (row["cashier"], row["best"], row["average"], row["drills"]) for row in leaderboard(book.history())
    ] == [
        ("A", 90, 75.0, 2),
        ("B", 80, 80.0, 1),
    ]
    assert json.loads(book.path.read_text())["drills"], "plain JSON"


def test_score_book_saves_atomically_and_names_a_damaged_file(data_dir: Path) -> None:
    book = ScoreBook(data_dir)
    book.add(score_record("1", "A", 1))
    assert not list(book.path.parent.glob(".scores.json.*")), "no temporary file left behind"
    book.path.write_text("{ not json")
    book.add(score_record("2", "B", 2))
    assert [row["cashier"] for row in book.history()] == ["B"], "the new score is saved"
    assert "scores.json: not a score book" in book.notices[0] and "set-aside" in book.notices[0]
    (kept,) = (data_dir / "set-aside").glob("scores.json.*.unreadable")
    assert kept.read_text() == "{ not json", "nothing is lost"


@pytest.mark.parametrize(
    "damage",
    [
        {"drills": {"7": {"ts": "x"}}},
        {"drills": {"7": {**score_record("x", "C", 5), "score": "[/]"}}},
        {"drills": {"7": ["not", "a", "record"]}},
    ],
)
def test_score_records_of_the_wrong_shape_are_set_aside(data_dir: Path, damage: dict[str, object]) -> None:
    book = ScoreBook(data_dir)
    book.add(score_record("1", "A", 1))
    data = json.loads(book.path.read_text())
    data["drills"].update(damage["drills"])
    book.path.write_text(json.dumps(data))
    book.add(score_record("2", "B", 2))
    assert [row["cashier"] for row in book.history()] == ["A", "B"]
    assert [row["cashier"] for row in leaderboard(book.history())] == ["B", "A"]
    assert "1 record(s) of the wrong shape" in book.notices[0]
    (kept,) = (data_dir / "set-aside").glob("scores.json.*.bad-records")
    assert json.loads(kept.read_text()) == damage["drills"]


def test_a_file_named_set_aside_is_a_clear_error(data_dir: Path) -> None:
    (data_dir / "set-aside").write_text("")
    book = ScoreBook(data_dir)
    book.add(score_record("1", "A", 1))
    book.path.write_text("[1]")
    with pytest.raises(PosError, match="set-aside: is not a folder"):
        book.add(score_record("2", "B", 2))


def test_two_terminals_saving_scores_at_once_lose_none(data_dir: Path) -> None:
    code = (
        "import sys; from pathlib import Path; from pos.core.training.scores import ScoreBook\n"
        "book = ScoreBook(Path(sys.argv[1]))\n"
        "from tests.support.score_records import score_record\n"
        "for n in range(40): book.add(score_record(str(n), sys.argv[2], n))\n"
    )
    processes = [
        subprocess.Popen([sys.executable, "-c", code, str(data_dir), name], cwd=REPO) for name in ("A", "B")
    ]
    for process in processes:
        assert process.wait(timeout=120) == 0
    history = ScoreBook(data_dir).history()
    assert len(history) == 80
    assert {row["cashier"] for row in history} == {"A", "B"}


@pytest.mark.parametrize(
    ("order", "message"),
    [
        ('order = ["31 (99)"]', "'31 (99)': '99' is not a side of this meal"),
        (
            'order = ["31 (21, 51, 50)"]',
            "every slot of the Cheeseburger Meal with a choice is already chosen",
        ),
        ('order = ["1"]\npicks = ["zz"]', 'field "picks": expected a list of item codes'),
    ],
)
def test_bad_meals_in_a_drill_script_name_the_entry_and_field(
    tmp_path: Path, order: str, message: str
) -> None:
    from tests.conftest import MENUS

    text = f'[drill]\nname = "x"\n[[customer]]\nsays = "Hi"\n{order}\n'
    with pytest.raises(DrillError) as caught:
        load_drill(script(tmp_path, text), load_menu(MENUS / "burger_counter.toml"))
    assert message in str(caught.value) and "customer #1" in str(caught.value)


def test_a_meal_in_a_drill_script_is_its_components() -> None:
    from pos.core.counter.meal_entry import parse_meal_order
    from tests.conftest import MENUS

    menu = load_menu(MENUS / "burger_counter.toml")
    meal = parse_meal_order("2*31 (21)", menu)
    assert meal is not None and meal.qty == 2
    assert [(item.code, size) for item, size in meal.components()] == [
        ("1", None),
        ("21", "Medium"),
        ("50", "Medium"),
    ]
    assert parse_meal_order("1", menu) is None


def test_a_score_of_98_5_is_99_as_money_rounds() -> None:
    says_yes = Customer("A cheeseburger.", (parse_entry("1", MENU),), frozenset({"upsell"}))
    times = [0.0]
    run = make_run([says_yes, says_yes], clock=times)
    for _ in range(2):  # all asked and right, 39 s a customer: speed 1 - 9 / 60 = 0.85
        serve(run, ["1"], {UPSELL: Outcome.ACCEPTED, CROSS_SELL: Outcome.DECLINED}, 39, times)
    summary = run.summary()
    assert summary.parts["speed"] == pytest.approx(0.85)
    # 40 + 30 + 20 + 8.5 = 98.5: half up is 99, where round() would give 98
    assert summary.formula.endswith("= 99") and summary.score == 99, summary.formula


def test_tips_name_items_not_codes() -> None:
    says_yes = Customer("A cheeseburger.", (parse_entry("1", MENU),), frozenset({"upsell"}))
    times = [0.0]
    run = DrillRun("Test", [says_yes], Level.EASY, random.Random(1), lambda: times[0], MENU.names())
    serve(run, ["1"], {UPSELL: Outcome.DECLINED}, 20, times)
    (tip,) = [tip for tip in run.summary().tips if "keyed wrong" in tip]
    assert "expected 1 × Cheeseburger Meal, keyed 1 × Cheeseburger" in tip, tip


COLA_CUSTOMER = '[[customer]]\nsays = "A cola."\norder = ["50"]\n'
PIE_AT_CHECKOUT = '\n[[checkout]]\noffer = "40"\n'


def assert_colas_sell_pies_do_not(customer: Customer) -> None:
    sale = make_sale(make_menu(PIE_AT_CHECKOUT))
    upsell = next(iter(sale.prompts_for(sale.add("50"))))
    pie = next(iter(sale.payment_offers()))
    rng = random.Random(1)
    assert all(customer.answers_yes(upsell, rng) for _ in range(50)), "the cola upsell always sells"
    assert not any(customer.answers_yes(pie, rng) for _ in range(50)), "the pie never does"


def test_a_script_gives_chances_per_offer_to_customers_without_accepts(tmp_path: Path) -> None:
    text = '[drill]\nname = "Colas sell"\nchances = { "50" = 1.0, "40" = 0 }\n' + COLA_CUSTOMER
    (customer,) = load_drill(script(tmp_path, text), MENU).customers
    assert customer.accepts is None
    assert_colas_sell_pies_do_not(customer)


def test_the_menu_gives_chances_to_every_drill_on_it_and_a_script_s_own_win(tmp_path: Path) -> None:
    menu = make_menu(PIE_AT_CHECKOUT + '\n[drill]\nchances = { "50" = 1.0, "40" = 0 }\n')
    assert dict(menu.drill_chances) == {"50": 1.0, "40": 0.0}
    (scripted,) = load_drill(script(tmp_path, HEADER + COLA_CUSTOMER), menu).customers
    for customer in [*random_customers(menu, 5, random.Random(2)), scripted]:
        assert_colas_sell_pies_do_not(customer)
    own = '[drill]\nname = "Pies sell"\nchances = { "40" = 1.0 }\n' + COLA_CUSTOMER
    (pies_sell,) = load_drill(script(tmp_path, own), menu).customers
    assert dict(pies_sell.chances) == {"50": 1.0, "40": 1.0}


@pytest.mark.parametrize(
    ("drill", "says"),
    [
        ('chances = { "99" = 0.5 }', "field \"chances\": unknown item code '99'"),
        ('chances = { "50" = -0.1 }', "field \"chances\": '50': expected a chance from 0 to 1"),
        ("chances = 0.5", 'field "chances": expected a table of item codes'),
        ("chance = { }", 'field "chance": unknown field'),
    ],
)
def test_a_menu_s_bad_drill_chances_name_file_entry_and_field(drill: str, says: str) -> None:
    with pytest.raises(MenuError) as caught:
        make_menu(f"\n[drill]\n{drill}\n")
    assert "test.toml:" in str(caught.value) and "[drill]" in str(caught.value), str(caught.value)
    assert says in str(caught.value), str(caught.value)


@pytest.mark.parametrize(
    ("chances", "says"),
    [('{ "99" = 0.5 }', "unknown item code '99'"), ('{ "50" = 2 }', "expected a chance from 0 to 1")],
)
def test_bad_chances_name_the_field(tmp_path: Path, chances: str, says: str) -> None:
    text = f'[drill]\nname = "x"\nchances = {chances}\n[[customer]]\nsays = "Hi"\norder = ["1"]\n'
    with pytest.raises(DrillError) as caught:
        load_drill(script(tmp_path, text), MENU)
    assert '[drill], field "chances"' in str(caught.value) and says in str(caught.value)


def test_progress_draws_each_trainee_s_scores_and_says_what_improved() -> None:
    from pos.core.training.drill_progress import progress, sparkline

    assert sparkline([0, 50, 100]) == "▁▄█"
    rows = [
        {"cashier": "N1", "score": 60, "ask_rate": 0.5, "seconds_per_customer": 40.0},
        {"cashier": "N2", "score": 90, "ask_rate": 1.0, "seconds_per_customer": 20.0},
        {"cashier": "N1", "score": 85, "ask_rate": 0.9, "seconds_per_customer": 28.0},
    ]
    first, second = progress(rows)
    assert (first.cashier, first.scores, first.sparkline) == ("N1", [60, 85], "▅▇")
    assert first.change == (
        "score 60 → 85; ask rate 50% → 90%; 40 → 28 s a customer (better: score, asking, speed)"
    )
    assert second.change == "one drill so far"


def test_menu_check_tells_the_drill_chances(tmp_path: Path) -> None:
    from rich.console import Console

    from pos.commands.menu_check import run
    from tests.support.small_menus import menu_text

    path = tmp_path / "menu.toml"
    path.write_text(menu_text('\n[drill]\nchances = { "50" = 0.9, "40" = 0 }\n'))
    console = Console(record=True, width=200)
    assert run(path, console) == 0
    assert (
        "Drills: customers say yes to an offer of Cola 90 %, Apple Pie 0 % of the time"
        in console.export_text()
    )
