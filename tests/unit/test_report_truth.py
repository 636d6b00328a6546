"""Every figure of `pos report --format json` equals a plain recomputation from the raw files.

The history has what made figures lie before: voided orders, lines voided after a yes,
an order left open when the app was killed, an order across midnight, a menu that
changed, pitch variants answered for lines of 1 and of 2, and a day of events an older
version wrote (no `rule`). The recomputation below reads the JSON lines with nothing from
`pos` but the file layout: a prompt's rule is the one it logged, derived only for an older event.
"""

from __future__ import annotations

import json
import math
import random
import statistics
from collections import defaultdict
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest

from pos.core.analytics.report import History
from pos.core.analytics.report_currency import priced
from pos.core.base.clock import FixedClock
from pos.core.base.events import Outcome
from pos.core.log.eventlog import EventLog
from pos.core.log.menu_stamp import MenuStamp
from pos.core.selling.engine import Sale, Station
from pos.core.selling.menu import Menu
from pos.core.selling.menu_loader import load_menu, parse_menu
from pos.core.training.simulate import simulate
from pos.reports.text import json_text
from tests.conftest import MENUS
from tests.support.in_process import PosReport

ACCEPT, DECLINE, SKIP = Outcome.ACCEPTED, Outcome.DECLINED, Outcome.SKIPPED
BURGERS = load_menu(MENUS / "burger_counter.toml")
MEAL_DEAL = """
[[combo]]
code = "M1"
name = "Burger Meal Deal"
price = "5.49"
slots = [
  { name = "main", choose = ["1", "2"] },
  { name = "side", choose = ["20"], size = "Medium" },
  { name = "drink", choose = ["50", "51"] },
]
"""
RENAMED = parse_menu(
    (MENUS / "burger_counter.toml")
    .read_text()
    .replace('"Cola"', '"Fizzy Cola"')
    .replace("Go large for only {delta}?", "Large for {delta} more each?")
    + MEAL_DEAL,
    Path("burger_counter_v2.toml"),
)
GROUPINGS = [
    (),
    ("kind",),
    ("offer",),
    ("pitch",),
    ("variant",),
    ("cashier",),
    ("terminal",),
    ("day",),
    ("hour",),
    ("daypart",),
    ("seq",),
    ("heard",),
    ("declined_before",),
    ("kind", "offer", "variant"),
    ("rule", "variant"),
]


class Counter:
    """One terminal's sales, answered as scripted, logged as the app logs them."""

    def __init__(self, data_dir: Path, menu: Menu, start: datetime) -> None:
        self.menu, self.clock, self.rng = menu, FixedClock(start), random.Random(5)
        self.log = EventLog(data_dir, "T9", menu=MenuStamp.of(menu))

    def sale(self) -> Sale:
        order_id = self.log.new_order_id(self.clock.now())
        return Sale(
            self.menu, order_id, Station(self.menu.name, self.log.store_id, "T9", "C9"), self.clock, self.rng
        )

    def key(self, sale: Sale, code: str, answers: list[Outcome], qty: int = 1) -> None:
        line = sale.add(code, qty=qty)
        replies = list(answers)
        for offer in sale.prompts_for(line):
            self.clock.advance(1_700)
            self.log.log_prompt(sale.answer(offer, replies.pop(0) if replies else SKIP, 1_700))
        self.log.save_open_order(sale.draft())

    def pay(self, sale: Sale) -> None:
        sale.best_deal()
        for offer in sale.payment_offers():
            self.log.log_prompt(sale.answer(offer, DECLINE, 900))
        self.log.log_order(sale.pay(sale.order.total))
        self.log.save_open_order(None)


def _as_version_2(path: Path) -> None:
    """The day's events as an older version wrote them: no `rule`, no `heard`."""
    events = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    lines = [json.dumps({k: v for k, v in e.items() if k not in ("rule", "heard")}) for e in events]
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")


def _history(data_dir: Path) -> None:
    with EventLog(data_dir, "SIM", sync=False, menu=MenuStamp.of(BURGERS)) as log:
        simulate(BURGERS, log, orders=400, seed=8, cashiers=3, first_day=date(2026, 11, 21), days=2)
    _as_version_2(data_dir / "log" / "2026-11-21" / "SIM.prompts.jsonl")
    counter = Counter(data_dir, BURGERS, datetime(2026, 11, 23, 23, 57).astimezone())
    # Across midnight: the upsell at 23:57, the order paid after 00:00.
    across = counter.sale()
    counter.key(across, "1", [ACCEPT, ACCEPT])
    counter.clock.advance(240_000)
    counter.pay(across)
    # Pitch variants on a line of 2 and of 1.
    drinks = counter.sale()
    counter.key(drinks, "50", [ACCEPT], qty=2)
    counter.key(drinks, "51", [ACCEPT])
    counter.pay(drinks)
    # A yes, then the line voided: what it added is not kept.
    taken_back = counter.sale()
    counter.key(taken_back, "2", [DECLINE, ACCEPT])
    taken_back.void_line(taken_back.order.lines[-1])
    counter.pay(taken_back)
    # A whole order voided after its yeses.
    voided = counter.sale()
    counter.key(voided, "3", [ACCEPT, DECLINE])
    counter.log.log_order(voided.void())
    counter.log.save_open_order(None)
    # Killed with an order open: its yeses are recorded as voided at the next start.
    left_open = counter.sale()
    counter.key(left_open, "4", [ACCEPT, ACCEPT])
    counter.log.close()
    # The next start, with a changed menu.
    again = Counter(data_dir, RENAMED, datetime(2026, 11, 24, 12, 0).astimezone())
    assert any("was open when pos stopped" in notice for notice in again.log.notices)
    for _ in range(6):
        sale = again.sale()
        counter_answers = [again.rng.choice([ACCEPT, DECLINE, SKIP]) for _ in range(2)]
        again.key(
            sale, again.rng.choice(["50", "51", "1", "20"]), counter_answers, qty=again.rng.choice([1, 2])
        )
        again.pay(sale)
    # Meals made at payment, one with fries a cross-sell added.
    for answers in ([DECLINE, ACCEPT], [DECLINE, DECLINE]):
        sale = again.sale()
        again.key(sale, "1", answers)
        if len(sale.order.lines) == 1:
            sale.add("20", "Medium")
        sale.add("50")
        again.pay(sale)
    again.log.close()


# -- the recomputation, from the raw files alone ------------------------------------


def _read(data_dir: Path, table: str) -> list[dict[str, Any]]:
    return [
        json.loads(line)
        for path in sorted((data_dir / "log").glob(f"*/*.{table}.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]


def _wilson(k: int, n: int) -> tuple[float | None, float | None]:
    if n == 0:
        return None, None
    z = 1.959963984540054
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return round(max(0.0, centre - half), 6), round(min(1.0, centre + half), 6)


def _half_up(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _event_rule(prompt: dict[str, Any]) -> str:
    """An event that logged no `rule` (events spec v1, v2): its kind, trigger, offer and size."""
    size = "".join(f"%{ord(c):02X}" if c in "%:>@," else c for c in prompt["size"] or "")
    return f"{prompt['kind']}:{prompt['trigger'] or ''}>{prompt['offer']}" + (f"@{size}" if size else "")


def recompute(data_dir: Path, by: tuple[str, ...]) -> dict[str, Any]:
    # a receipt's code is printed, not asked: after-sale outcomes count apart (events spec v2)
    prompts = [
        p
        for p in _read(data_dir, "prompts")
        if p["mode"] == "live" and p["outcome"] in ("accepted", "declined", "skipped")
    ]
    orders = {o["order"]: o for o in _read(data_dir, "orders") if o["mode"] == "live"}
    for p in prompts:
        order = orders.get(p["order"], {"ts": p["ts"], "status": "open", "lines": []})
        p["day"] = order["ts"][:10]
        p["hour"] = int(p["ts"][11:13])
        p["pitch"] = p.get("template", p["pitch"])
        kept_lines = order["lines"] if order["status"] == "paid" else []
        kept_lines = [*kept_lines, *(part for line in kept_lines for part in line.get("components", []))]
        p["kept"] = sum(line["added"] for line in kept_lines if line["prompt"] == p["seq"])
        p["declined_before"] = sum(
            q["outcome"] == "declined" and q["seq"] < p["seq"] for q in prompts if q["order"] == p["order"]
        )
        p["rule"] = p.get("rule") or _event_rule(p)
        p["heard"] = 1 + sum(
            q["outcome"] in ("accepted", "declined") and q["seq"] < p["seq"]
            for q in prompts
            if q["order"] == p["order"]
        )

    def metrics(group: list[dict[str, Any]]) -> dict[str, Any]:
        accepted = sum(p["outcome"] == "accepted" for p in group)
        declined = sum(p["outcome"] == "declined" for p in group)
        asked = accepted + declined
        kept = sum(p["kept"] for p in group)
        seconds = sum(p["response_ms"] for p in group) / 1000
        low, high = _wilson(accepted, asked)
        return {
            "shown": len(group),
            "asked": asked,
            "accepted": accepted,
            "declined": declined,
            "skipped": len(group) - asked,
            "ask_rate": round(asked / len(group), 6) if group else None,
            "acceptance_rate": round(accepted / asked, 6) if asked else None,
            "conversion": round(accepted / len(group), 6) if group else None,
            "ci_low": low,
            "ci_high": high,
            "added_revenue": kept,
            "accepted_value": sum(p["delta"] for p in group if p["outcome"] == "accepted"),
            "seconds_per_prompt": float(
                (Decimal(sum(p["response_ms"] for p in group)) / len(group) / 1000).quantize(
                    Decimal("0.001"), ROUND_HALF_UP
                )
            )
            if group
            else None,
            "added_per_prompt_second": round(kept / seconds, 4) if seconds else None,
            "median_response_ms": statistics.median(p["response_ms"] for p in group) if group else None,
        }

    paid = [o for o in orders.values() if o["status"] == "paid"]
    totals = metrics(prompts)
    totals["orders"] = len(paid)
    totals["avg_ticket"] = _half_up(Decimal(sum(o["total"] for o in paid)) / len(paid))
    totals["added_per_order"] = _half_up(Decimal(totals["added_revenue"]) / len(paid))
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    for p in prompts:
        groups[tuple(p[name] for name in by)].append(p)
    rows = [
        {**dict(zip(by, key, strict=True)), **metrics(group)}
        for key, group in sorted(groups.items(), key=lambda item: [(v is not None, v) for v in item[0]])
    ]
    for row in rows:  # a row's own paid orders, where an order has every field it is grouped by
        mine = [o for o in paid if all(_order_field(o, name) == row[name] for name in by)]
        own = set(by) <= {"store", "terminal", "cashier", "day", "hour"}
        row["orders"] = len(mine) if own else None
        row["avg_ticket"] = (
            _half_up(Decimal(sum(o["total"] for o in mine)) / len(mine)) if own and mine else None
        )
        row["added_per_order"] = _half_up(Decimal(row["added_revenue"]) / len(mine)) if own and mine else None
    return {"totals": totals, "rows": rows if by else []}


def _order_field(order: dict[str, Any], name: str) -> object:
    """An order record's `--by` field: its day and hour are its `ts`'s."""
    if name in ("day", "hour"):
        return order["ts"][:10] if name == "day" else int(order["ts"][11:13])
    return order.get(name)


@pytest.fixture(scope="module")
def truth_history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("truth")
    _history(data_dir)
    return data_dir


@pytest.mark.parametrize("by", GROUPINGS, ids=lambda by: ",".join(by) or "totals")
def test_every_figure_equals_the_recomputation(truth_history: Path, by: tuple[str, ...]) -> None:
    reported = json.loads(json_text(History.load(truth_history, by=by).report(by)))
    expected = recompute(truth_history, by)
    assert reported["totals"] == pytest.approx(expected["totals"], abs=1e-6)
    assert len(reported["rows"]) == len(expected["rows"])
    for got, want in zip(reported["rows"], expected["rows"], strict=True):
        assert got == pytest.approx(want, abs=1e-6), (got, want)


def test_the_command_prints_the_same_json(pos_report: PosReport, truth_history: Path) -> None:
    result = pos_report("--data", str(truth_history), "--by", "kind,offer,variant", "--format", "json")
    assert result.returncode == 0, result.stderr
    by = ("kind", "offer", "variant")
    report = priced(History.load(truth_history, by=by).report(by), {}, "USD")
    assert json.loads(result.stdout) == json.loads(json_text(report))


def test_the_history_has_what_it_claims(truth_history: Path) -> None:
    orders = _read(truth_history, "orders")
    prompts = _read(truth_history, "prompts")
    statuses = {o["status"] for o in orders}
    assert statuses == {"paid", "voided"}
    assert any(o["voided_lines"] for o in orders if o["status"] == "paid" and "voided_lines" in o)
    assert any(
        p["ts"][:10] != next(o for o in orders if o["order"] == p["order"])["ts"][:10] for p in prompts
    )
    drinks = [p for p in prompts if p["kind"] == "upsell" and p["offer"] == "50"]
    assert {p["delta"] for p in drinks} >= {50, 100}, "a line of 1 and a line of 2 (0.50 each)"
    assert len({p["variant"] for p in drinks}) == 2
    assert any("rule" not in p for p in prompts) and any("rule" in p for p in prompts)
    totals = recompute(truth_history, ())["totals"]
    assert totals["added_revenue"] < totals["accepted_value"], "voids keep nothing"
    assert any(line.get("components") for o in orders for line in o["lines"]), "meals were made"
