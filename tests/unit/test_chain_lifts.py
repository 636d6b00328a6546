"""A chain's holdout lifts: each store's customers their own, the store named.

A rule both stores' menus hold is one rule id; merged, its lift added one store's
prompted customers to the other's held-out ones. Over several stores, the dashboard's
rows by rule (which the lift sentences, the bars and the cost table read) are per
(store, rule); `--by rule` still groups across the stores, and says so.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pos.cli import main
from pos.core.analytics.dashboard import build_dashboard
from pos.core.analytics.report import History
from pos.core.log.eventlog import EventLog
from pos.core.log.menu_stamp import MenuStamp
from pos.core.selling.menu_loader import parse_menu
from pos.core.training.simulate import simulate
from pos.reports.outcomes import lift_sentences
from pos.reports.row_labels import rule_labels
from tests.conftest import MENUS

HELD_OUT = parse_menu(
    (MENUS / "burger_counter.toml")
    .read_text()
    .replace('max_upsell_ratio = "1.5"', 'max_upsell_ratio = "1.5"\nholdout = "0.3"'),
    Path("burger_counter.toml"),
)


@pytest.fixture(scope="module")
def held_out_chain(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("lifts")
    stores = base / "north", base / "south"
    for seed, (folder, name) in enumerate(zip(stores, ("North", "South"), strict=True), start=1):
        folder.mkdir()
        with EventLog(folder, "T1", sync=False, menu=MenuStamp.of(HELD_OUT)) as log:
            simulate(
                HELD_OUT,
                log,
                orders=80,
                seed=seed,
                cashiers=2,
                first_day=date(2026, 11, 23),
                days=1,
                store=name,
            )
    return stores


def test_each_stores_lift_is_its_own_customers(held_out_chain: tuple[Path, Path]) -> None:
    dashboard = build_dashboard(History.load(list(held_out_chain)))
    lifts = {
        (row["store"], row["rule"]): row for row in dashboard.by_rule.rows if row.get("lift") is not None
    }
    for folder, name in zip(held_out_chain, ("North", "South"), strict=True):
        alone = {
            row["rule"]: row
            for row in History.load(folder).report(("rule",)).rows
            if row.get("lift") is not None
        }
        assert alone and {rule for store, rule in lifts if store == name} == set(alone)
        for rule, row in alone.items():
            assert lifts[(name, rule)] == row | {"store": name, "store_id": lifts[(name, rule)]["store_id"]}
    sentences = lift_sentences(dashboard, {}, "USD")
    assert len(sentences) == len(lifts)
    assert all(sentence.startswith(("At North, ", "At South, ")) for sentence in sentences)
    assert all(label.startswith(("North: ", "South: ")) for label in rule_labels(dashboard, {}))


def test_by_rule_over_several_stores_says_it_groups_across_them(
    held_out_chain: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    folders = [arg for folder in held_out_chain for arg in ("--data", str(folder))]
    assert main(["report", *folders, "--by", "rule", "--format", "json"]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert "--by rule groups each rule across the stores; --by store,rule splits them by store" in said
    assert main(["report", *folders, "--by", "terminal", "--format", "json"]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert "--by terminal groups each terminal across the stores" in said, "two stores' T1 in one row"
    for by in ("store,rule", "kind", "store,terminal"):
        assert main(["report", *folders, "--by", by, "--format", "json"]) == 0
        assert "groups each" not in capsys.readouterr().err
    assert main(["report", "--data", str(held_out_chain[0]), "--by", "rule", "--format", "json"]) == 0
    assert "groups each" not in capsys.readouterr().err, "one store: nothing to say"
