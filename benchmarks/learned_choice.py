"""Choosing a learned offer at the counter, with a year of the store's history in its log.

The bundled all-day menu's learned add-on (`menus/all_day_counter.toml`: fries, a hash brown or an
apple pie after a burger). A year of a two-terminal store is written once into benchmarks/.data:
each day, each terminal's orders with their prompts, a third of them the learned add-on, answered
as a store's customers would. Timed, interleaved in one run, medians: a burger keyed and its
add-on chosen, from `Sale.prompts_for` to the offer, as the counter does it at a key (the learned
choice reads what the terminals appended to today's and yesterday's files since the last choice,
then draws), against the same prompt on the same menu with `choose = "first"`. Also: the read of
the whole year that the counter's start leaves to a thread (the first choice waits for it), the
first time (each closed day's tally then counted and kept in the cache) and once the tallies are
kept; the first choice after a start, from the start to the offer; and a choice after another
terminal logged an answer (read before choosing).

    python3 benchmarks/learned_choice.py [--choices 2000] [--days 365] [--orders 300]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from pos.core.base.clock import FixedClock
from pos.core.base.events import ChoiceContext
from pos.core.log.learned_answers import StoreAnswers
from pos.core.selling.engine import Sale, Station
from pos.core.selling.learned_choice import FIRST_ALLOWED, Choosing, Learning
from pos.core.selling.menu import Menu
from pos.core.selling.menu_loader import parse_menu

HERE = Path(__file__).parent
MENU = HERE.parent / "menus" / "all_day_counter.toml"
LAST_DAY = date(2026, 11, 23)
RULE = "add-on after a main"
TAKES = {"breakfast": {"9": 0.5, "20": 0.2, "40": 0.1}, "lunch": {"20": 0.45, "9": 0.15, "40": 0.2}}
"""How often the year's customers take each add-on, by daypart (dinner as lunch)."""


def year(folder: Path, days: int, orders: int) -> None:
    """A store's year: per day and terminal, `orders` orders of about 2.7 prompt events, a third of
    them the learned add-on, written as the event log writes them (made once)."""
    done = folder / ".complete"
    if done.exists():
        return
    rng = random.Random(1)
    for back in range(days):
        day = LAST_DAY - timedelta(days=back)
        log = folder / "log" / day.isoformat()
        log.mkdir(parents=True, exist_ok=True)
        for terminal in ("T1", "T2"):
            lines = []
            for number in range(1, orders + 1):
                hour = rng.choice([8, 9, 12, 13, 18])
                daypart = "breakfast" if hour < 10 else "lunch" if hour < 16 else "dinner"
                stamp = {
                    "ts": f"{day}T{hour:02d}:{number % 60:02d}:00.000+00:00",
                    "store": "All Day Counter",
                    "terminal": terminal,
                    "cashier": "C1",
                    "mode": "live",
                    "order": f"{terminal}-{day:%Y%m%d}-{number:04d}",
                }
                for seq in range(1, 4):
                    lines.append(json.dumps(_event(stamp, seq, daypart, rng), separators=(",", ":")))
            (log / f"{terminal}.prompts.jsonl").write_text("\n".join(lines) + "\n")
    done.touch()


def _event(stamp: dict[str, str], seq: int, daypart: str, rng: random.Random) -> dict[str, object]:
    """The order's learned add-on first, then a drink's upsell (two of three orders have one)."""
    if seq == 1:
        offer = rng.choice(["20", "9", "40"])
        taken = rng.random() < TAKES.get(daypart, TAKES["lunch"])[offer]
        learned = {
            "candidates": ["20", "9", "40"],
            "propensity": 0.3,
            "context": {"daypart": daypart, "has": [], "lines": "1"},
        }
        kind, trigger, delta, rule = "cross_sell", "1", {"20": 150, "9": 129, "40": 139}[offer], RULE
    else:
        offer, taken, learned = "50", rng.random() < 0.3, {}
        kind, trigger, delta, rule = "upsell", "50", 40, "upsell:category:drink>~largest size"
    return {
        **stamp,
        "kind": kind,
        "trigger": trigger,
        "offer": offer,
        "size": None,
        "pitch": "Would you like one?",
        "variant": 0,
        "delta": delta,
        "outcome": "accepted" if taken else "declined",
        "response_ms": 900,
        "daypart": daypart,
        "seq": seq,
        "template": "Would you like one?",
        "rule": rule,
        "heard": seq,
        **learned,
    }


def chosen(menu: Menu, choosing: Choosing, rng: random.Random, clock: FixedClock) -> float:
    """Seconds from a burger keyed to its add-on chosen."""
    sale = Sale(
        menu, "T1-20261123-9999", Station(menu.name, "BENCHST0RE", "T1", "C1"), clock, rng, choosing=choosing
    )
    line = sale.add("1")
    start = time.perf_counter()
    offer = next(sale.prompts_for(line))
    took = time.perf_counter() - start
    assert offer.kind.name == "cross_sell"
    return took


def first_choice(menu: Menu, folder: Path, clock: FixedClock, rng: random.Random) -> float:
    """Seconds from the counter's start (its answers' reading begun) to its first learned offer."""
    started = time.perf_counter()
    learning = Learning(StoreAnswers(folder, clock).start())
    sale = Sale(
        menu, "T1-20261123-9999", Station(menu.name, "BENCHST0RE", "T1", "C1"), clock, rng, choosing=learning
    )
    offer = next(sale.prompts_for(sale.add("1")))
    took = time.perf_counter() - started
    assert offer.kind.name == "cross_sell"
    return took


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--choices", type=int, default=2000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--orders", type=int, default=300, help="a day's orders at each of two terminals")
    args = parser.parse_args()
    folder = HERE / ".data" / f"learned-{args.days}d-{args.orders}"
    year(folder, args.days, args.orders)
    size = sum(path.stat().st_size for path in folder.rglob("*.jsonl"))
    text = MENU.read_text()
    learned, first = (
        parse_menu(text, MENU),
        parse_menu(text.replace('choose = "learn"\nexplore = "0.05"', 'choose = "first"'), MENU),
    )
    clock = FixedClock(datetime(LAST_DAY.year, LAST_DAY.month, LAST_DAY.day, 12, 15))
    rng = random.Random(1)
    shutil.rmtree(folder / "cache" / "learned", ignore_errors=True)  # the first start: no tally kept
    started = time.perf_counter()
    StoreAnswers(folder, clock).start().answers()
    cold = time.perf_counter() - started
    started = time.perf_counter()
    answers = StoreAnswers(folder, clock).start()
    answers.answers()
    warm = time.perf_counter() - started
    firsts = [first_choice(learned, folder, clock, rng) for _ in range(20)]
    yes, no = answers.answers().tally(RULE, ChoiceContext(daypart="lunch", has=(), lines="1"), "20")
    print(
        f"history: {args.days} days, {size / 1e6:.0f} MB of prompt events; fries at lunch {yes} yes, {no} no"
    )
    print(
        f"reading the year (a thread at the counter's start; the first choice waits for it): {cold:.2f} s "
        f"the first time (each closed day's tally kept), {warm * 1000:.0f} ms once they are kept"
    )
    print(
        f"the first choice after a start, from the start to the offer: {statistics.median(firsts) * 1000:.0f} ms "
        f"(median of {len(firsts)})"
    )
    learning = Learning(answers)
    firsts, ours = [], []
    for _ in range(args.choices):
        firsts.append(chosen(first, FIRST_ALLOWED, rng, clock))
        ours.append(chosen(learned, learning, rng, clock))
    base, median = statistics.median(firsts) * 1000, statistics.median(ours) * 1000
    slowest = sorted(ours)[int(len(ours) * 0.99)] * 1000
    print(
        f'choosing: choose = "first" {base:.3f} ms, learned {median:.3f} ms (99th percentile {slowest:.3f} ms): '
        f"{median - base:.3f} ms more, {median / base:.1f}x"
    )
    other = folder / "log" / LAST_DAY.isoformat() / "T2.prompts.jsonl"
    appended = []
    original = other.stat().st_size
    try:
        for number in range(200):
            with other.open("a") as handle:
                stamp = {"ts": f"{LAST_DAY}T12:15:00.000+00:00", "store": "All Day Counter", "terminal": "T2"}
                stamp |= {"cashier": "C2", "mode": "live", "order": f"T2-{LAST_DAY:%Y%m%d}-{9000 + number}"}
                handle.write(json.dumps(_event(stamp, 1, "lunch", rng)) + "\n")
            appended.append(chosen(learned, learning, rng, clock))
    finally:
        with other.open("r+b") as handle:
            handle.truncate(original)
    print(f"choosing after another terminal logged an answer: {statistics.median(appended) * 1000:.3f} ms")


if __name__ == "__main__":
    main()
