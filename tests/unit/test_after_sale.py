"""After-sale offers: a code printed on a paid receipt, redeemed once in the whole store; wrong,
mistyped, expired, used and other stores' codes each told apart."""

from __future__ import annotations

import json
import multiprocessing
import shutil
import statistics
from datetime import date, datetime
from pathlib import Path

import pytest

from pos.core.analytics.metrics import wilson
from pos.core.base.events import Mode
from pos.core.codes import code_format as fmt
from pos.core.codes.code_format import ALPHABET, LENGTH, grouped, looks_like_code, plain
from pos.core.codes.codes import Codes, Refusal
from pos.core.counter.counter import Counter
from pos.core.selling.menu_loader import MenuError
from tests.support.counter_kit import key_in, make_counter, type_keys
from tests.support.small_menus import make_menu

PIE_NEXT_TIME = """
[[after_sale]]
offer = "40"
price = "0.99"
valid_days = 7
min_total = "5.00"
pitch = "Come back within {days} days: {offer} for {price} with code {code}"
"""
DAY = date(2026, 11, 23)


def test_a_code_is_short_unambiguous_and_redeems_once(tmp_path: Path) -> None:
    codes = Codes(tmp_path)
    issued = codes.issue("T1-20261123-0001", "40", None, 99, DAY, 7)
    assert len(issued.code) == LENGTH and set(issued.code) <= set(ALPHABET)
    assert not set(issued.code) & set("0O1I") and looks_like_code(issued.code.lower())
    assert issued.until == date(2026, 11, 29), "the day of the sale counts"
    redeemed = codes.redeem(issued.code.lower(), "T2-20261125-0004", date(2026, 11, 25))
    assert redeemed == issued
    assert codes.redeem(issued.code, "T1-20261125-0009", date(2026, 11, 25)) is Refusal.USED
    assert [json.loads(line)["order"] for line in (tmp_path / "codes" / "redeemed.jsonl").open()] == [
        "T2-20261125-0004"
    ]


def test_wrong_codes_are_told_apart_only_by_what_anyone_can_work_out(tmp_path: Path) -> None:
    codes = Codes(tmp_path)
    first = codes.issue("T1-1", "40", None, 99, DAY, 7).code
    second = codes.issue("T1-2", "40", None, 99, DAY, 7).code
    assert first != second
    assert codes.redeem(second, "T1-3", date(2026, 11, 30)) is Refusal.EXPIRED
    swapped = first[:2] + first[3] + first[2] + first[4:]
    assert first[2] == first[3] or codes.redeem(swapped, "T1-3", DAY) is Refusal.MISTYPED
    one_wrong = first[:5] + ALPHABET[(ALPHABET.index(first[5]) + 1) % 32] + first[6:]
    assert codes.redeem(one_wrong, "T1-3", DAY) is Refusal.MISTYPED
    elsewhere = Codes(tmp_path / "elsewhere")
    other = elsewhere.issue("X-1", "40", None, 99, DAY, 7).code
    assert elsewhere.store_id != codes.store_id
    assert codes.redeem(other, "T1-3", DAY) in (Refusal.OTHER_STORE, Refusal.WRONG)  # 1 in 16 share a tag
    # The same store id, another secret: a code made up with the right tag and check character is
    # answered as any wrong code, whether or not its serial was printed here.
    forger = tmp_path / "forger"
    (forger / "codes").mkdir(parents=True)
    (forger / "store-id").write_bytes((tmp_path / "store-id").read_bytes())
    (forger / "codes" / "secret").write_bytes(bytes([1]) * 32)
    forged = Codes(forger).issue("F-1", "40", None, 99, DAY, 7)
    assert forged.code != first and forged.code[:6] == first[:6], "the same serial and tag"
    assert codes.redeem(forged.code, "T1-3", DAY) is Refusal.WRONG
    assert not (tmp_path / "codes" / "redeemed.jsonl").exists()


def test_the_secret_is_made_once_and_kept_nowhere_else(tmp_path: Path) -> None:
    _issue_and_pay(tmp_path)
    secret = (tmp_path / "codes" / "secret").read_bytes()
    assert len(secret) == 32
    import base64

    forms = (secret, secret.hex().encode(), base64.b64encode(secret))
    for path in tmp_path.rglob("*"):
        if path.is_file() and path.name != "secret":
            assert not any(form in path.read_bytes() for form in forms), path


def _two_burgers_paid(counter: Counter) -> None:
    """$6.98 before tax: over the rule's $5.00."""
    for _ in range(2):
        key_in(counter, "1")
        type_keys(counter, "n", "n")
    type_keys(counter, "f10", "enter")


def _issue_and_pay(data_dir: Path) -> str:
    counter, _ = make_counter(make_menu(PIE_NEXT_TIME), log_to=data_dir)
    _two_burgers_paid(counter)
    printed = counter.till.printed
    assert printed is not None
    counter.shop.recorder.close()  # type: ignore[attr-defined]
    return printed.code


def test_a_paid_order_gets_a_code_on_its_receipt_and_a_later_order_redeems_it(data_dir: Path) -> None:
    code = _issue_and_pay(data_dir)
    later = datetime(2026, 11, 25, 9, 0)
    counter, _ = make_counter(make_menu(PIE_NEXT_TIME), log_to=data_dir, now=later)
    key_in(counter, code.lower())
    assert counter.message == f"Code {code} redeemed: Apple Pie added", counter.message
    assert code == grouped(plain(code)) and len(plain(code)) == LENGTH, "printed in groups of four"
    (line,) = counter.sale.order.lines
    assert (line.item.code, line.unit_price, line.source) == ("40", 99, "after_sale")
    key_in(counter, code)
    assert counter.error and "was already redeemed" in counter.message
    type_keys(counter, "f10", "enter")
    counter.shop.recorder.close()  # type: ignore[attr-defined]
    events = [
        json.loads(line)
        for path in sorted((data_dir / "log").rglob("*.prompts.jsonl"))
        for line in path.open()
    ]
    after = [e for e in events if e["kind"] == "after_sale"]
    issued, redeemed = after
    assert (issued["outcome"], issued["code"], issued["delta"], issued["trigger"]) == (
        "issued",
        plain(code),
        99,
        None,
    )
    assert issued["pitch"] == f"Come back within 7 days: Apple Pie for $0.99 with code {code}"
    assert (redeemed["outcome"], redeemed["code"], redeemed["issued_order"]) == (
        "redeemed",
        plain(code),
        issued["order"],
    )


def test_no_code_below_the_minimum_and_a_drill_s_codes_never_redeem_at_the_counter(data_dir: Path) -> None:
    counter, _ = make_counter(make_menu(PIE_NEXT_TIME), log_to=data_dir)
    key_in(counter, "41")  # a Cookie: 0.99
    type_keys(counter, "f10", "enter")
    assert counter.till.printed is None
    counter.shop.recorder.close()  # type: ignore[attr-defined]
    training, _ = make_counter(make_menu(PIE_NEXT_TIME), log_to=data_dir, mode=Mode.TRAINING)
    _two_burgers_paid(training)
    printed = training.till.printed
    assert printed is not None and (data_dir / "training" / "codes" / "issued.jsonl").exists()
    training.shop.recorder.close()  # type: ignore[attr-defined]
    live = Codes(data_dir)
    assert live.redeem(printed.code, "T1-x", DAY) is Refusal.TRAINING, "never sent to another store"
    assert live.wrong.paused_for() == 0


def test_a_training_receipts_code_keyed_at_the_counter_is_named_so_and_only_one_printed(
    data_dir: Path,
) -> None:
    training = Codes(data_dir / "training", training=True)
    printed = training.issue("T1-20261123-0001", "40", None, 99, DAY, 7).code
    parts = fmt.decode(printed)
    assert parts is not None
    body = fmt.Parts(5, parts.tag, 0).body
    unprinted = fmt.encode(fmt.Parts(5, parts.tag, training._check(body)))  # as only the secret makes it
    counter, _ = make_counter(make_menu(PIE_NEXT_TIME), log_to=data_dir)
    key_in(counter, grouped(printed))
    assert counter.error and "is a training code: it is not redeemed at the counter" in counter.message
    assert "another store" not in counter.message
    live = Codes(data_dir)
    assert live.redeem(unprinted, "T1-x", DAY) in (Refusal.OTHER_STORE, Refusal.WRONG), "as any guess"
    counter.shop.recorder.close()  # type: ignore[attr-defined]


def test_a_wrong_code_at_a_folder_with_no_training_makes_no_training_folder(data_dir: Path) -> None:
    made_up = fmt.encode(fmt.Parts(5, 3, 7))
    assert Codes(data_dir).redeem(made_up, "T1-x", DAY) in (Refusal.OTHER_STORE, Refusal.WRONG)
    assert not (data_dir / "training").exists()


def _redeem_in_a_process(folder: str, code: str, order: str, start: object) -> str:
    start.wait()  # type: ignore[attr-defined]
    result = Codes(Path(folder)).redeem(code, order, DAY)
    return "redeemed" if not isinstance(result, Refusal) else result.name


def test_two_terminals_keying_one_code_at_once_one_redeems_it(tmp_path: Path) -> None:
    code = Codes(tmp_path).issue("T1-1", "40", None, 99, DAY, 7).code
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager:
        start = manager.Barrier(2)
        with context.Pool(2) as pool:
            results = pool.starmap(
                _redeem_in_a_process,
                [(str(tmp_path), code, "T1-9", start), (str(tmp_path), code, "T2-9", start)],
            )
    assert sorted(results) == ["USED", "redeemed"]
    assert len((tmp_path / "codes" / "redeemed.jsonl").read_text().splitlines()) == 1


@pytest.mark.parametrize(
    ("table", "field", "says"),
    [
        ('offer = "40"\nvalid_days = 0', "valid_days", "1 to 366 days"),
        ('offer = "40"', "valid_days", "missing"),
        ('offer = "99"\nvalid_days = 3', "offer", "unknown item code"),
        ('offer = "40"\nvalid_days = 3\npitch = "{short}"', "pitch", "unknown placeholder"),
    ],
)
def test_bad_after_sale_rules_name_file_line_entry_and_field(table: str, field: str, says: str) -> None:
    with pytest.raises(MenuError) as caught:
        make_menu(f"\n[[after_sale]]\n{table}\n")
    (problem,) = caught.value.problems
    assert (problem.entry, problem.field) == ("after_sale #1", field) and says in problem.message


def test_the_report_counts_codes_apart_and_equals_a_reading_of_the_raw_files(simulated_codes: Path) -> None:
    from pos.core.analytics.report import build_report

    folder = simulated_codes
    events = [json.loads(line) for path in sorted(folder.rglob("*.prompts.jsonl")) for line in path.open()]
    orders = [json.loads(line) for path in sorted(folder.rglob("*.orders.jsonl")) for line in path.open()]
    issued = {e["code"]: e["ts"][:10] for e in events if e["outcome"] == "issued"}
    redeemed = [e for e in events if e["outcome"] == "redeemed"]
    assert redeemed and all(e["issued_order"] for e in redeemed)
    days = sorted(
        (date.fromisoformat(e["ts"][:10]) - date.fromisoformat(issued[e["code"]])).days for e in redeemed
    )
    paid = {o["order"]: o["total"] for o in orders if o["status"] == "paid"}
    report = build_report(folder)
    summary = report.after_sale
    assert summary is not None
    assert (summary["issued"], summary["redeemed"]) == (len(issued), len(redeemed))
    assert summary["median_days_to_redeem"] == float(
        days[len(days) // 2] if len(days) % 2 else (days[len(days) // 2 - 1] + days[len(days) // 2]) / 2
    )
    assert summary["redeeming_revenue"] == sum(paid.get(e["order"], 0) for e in redeemed)
    asked = [e for e in events if e["outcome"] in ("accepted", "declined", "skipped")]
    assert report.totals["shown"] == len(asked), "codes are not prompts shown"
    low, high = summary["redemption_low"], summary["redemption_high"]
    assert low is not None and high is not None and low < summary["redemption_rate"] < high  # type: ignore[operator]


def test_a_torn_or_damaged_code_file_is_read_around_and_a_full_disk_is_said(data_dir: Path) -> None:
    codes = Codes(data_dir)
    good = codes.issue("T1-1", "40", None, 99, DAY, 7).code
    with (data_dir / "codes" / "issued.jsonl").open("ab") as handle:
        handle.write(b'{"code": "X", "order": ')  # a crash mid-write
    with (data_dir / "codes" / "redeemed.jsonl").open("ab") as handle:
        handle.write(b"not json\n")
    assert codes.issue("T1-2", "40", None, 99, DAY, 7).code != good
    assert codes.redeem(good, "T1-3", DAY) != Refusal.USED
    (data_dir / "full").mkdir()  # the same store, whose codes folder cannot be used
    (data_dir / "full" / "store-id").write_bytes((data_dir / "store-id").read_bytes())
    counter, _ = make_counter(make_menu(PIE_NEXT_TIME), log_to=data_dir / "full")
    shutil.rmtree(data_dir / "full" / "codes")  # made at the start, as the app's start makes it
    (data_dir / "full" / "codes").write_text("a file where the codes folder would go")
    _two_burgers_paid(counter)
    assert counter.till.receipt is not None and counter.till.receipt.status == "paid"
    assert counter.error and counter.message.startswith("Paid; no code for the next visit printed")
    type_keys(counter, "enter")
    key_in(counter, good)
    assert counter.error and "could not be checked" in counter.message
    counter.shop.recorder.close()  # type: ignore[attr-defined]


def test_each_terminal_reads_what_the_others_wrote_since_its_last_look(tmp_path: Path) -> None:
    first, second = Codes(tmp_path), Codes(tmp_path)
    mine = [first.issue(f"T1-{n}", "40", None, 99, DAY, 7) for n in range(3)]
    theirs = second.issue("T2-1", "40", None, 99, DAY, 7)
    assert theirs.code not in {issued.code for issued in mine}, "the day's serial counts the other terminal's"
    assert second.redeem(mine[0].code, "T2-2", DAY) == mine[0]
    assert first.redeem(mine[0].code, "T1-9", DAY) is Refusal.USED
    assert first.redeem(theirs.code, "T1-9", DAY) == theirs
    issued = tmp_path / "codes" / "issued.jsonl"
    with issued.open("ab") as handle:
        handle.write(b'{"code": "X", "order": ')  # a crash mid-write, then the other terminal writes on
    after_tear = second.issue("T2-3", "40", None, 99, DAY, 7)
    assert first.redeem(after_tear.code, "T1-9", DAY) == after_tear, "written on a line of its own"
    *_, torn, last = issued.read_bytes().splitlines()
    assert torn == b'{"code": "X", "order": ' and json.loads(last)["code"] == after_tear.code
    # the file restored from an older copy (another file, shorter): read again from its start
    backup = tmp_path / "older.jsonl"
    backup.write_bytes(b"".join(issued.read_bytes().splitlines(keepends=True)[:1]))
    backup.replace(issued)
    assert first.redeem(mine[1].code, "T1-9", DAY) is Refusal.WRONG
    assert first.redeem(mine[2].code, "T1-9", DAY) is Refusal.WRONG


def test_back_after_counts_calendar_days_not_the_days_the_store_was_open(data_dir: Path) -> None:
    from pos.core.analytics.report import build_report

    code = _issue_and_pay(data_dir)  # on 2026-11-23; the store is closed until the 29th
    counter, _ = make_counter(make_menu(PIE_NEXT_TIME), log_to=data_dir, now=datetime(2026, 11, 29, 12, 0))
    key_in(counter, code)
    type_keys(counter, "f10", "enter")
    counter.shop.recorder.close()  # type: ignore[attr-defined]
    summary = build_report(data_dir).after_sale
    assert summary is not None and summary["redeemed"] == 1
    assert summary["median_days_to_redeem"] == 6.0


@pytest.mark.parametrize(
    ("start", "until"),
    [(None, None), ("2026-11-25", None), (None, "2026-11-20"), ("2026-11-22", "2026-11-23")],
)
def test_under_a_date_range_the_rate_follows_the_codes_printed_in_it_and_the_days_those_redeemed(
    simulated_codes: Path, start: str | None, until: str | None
) -> None:
    """`redeemed` counts the redemptions in the range, however old their code; the rate is the share
    of the codes printed in the range redeemed by the end of the log; the days to redeem reach back
    to each redeemed code's receipt, wherever in the log it is (recomputed from the raw files)."""
    from pos.core.analytics.report import Filters, build_report

    events = [
        json.loads(line) for path in sorted(simulated_codes.rglob("*.prompts.jsonl")) for line in path.open()
    ]
    printed = {e["code"]: date.fromisoformat(e["ts"][:10]) for e in events if e["outcome"] == "issued"}
    back = {e["code"]: date.fromisoformat(e["ts"][:10]) for e in events if e["outcome"] == "redeemed"}
    first, last = (date.fromisoformat(day) if day else None for day in (start, until))

    def within(day: date) -> bool:
        return (first is None or day >= first) and (last is None or day <= last)

    issued = [code for code, day in printed.items() if within(day)]
    redeemed = [code for code, day in back.items() if within(day)]
    summary = build_report(simulated_codes, filters=Filters(start=first, until=last)).after_sale
    assert summary is not None and (summary["issued"], summary["redeemed"]) == (len(issued), len(redeemed))
    came_back = sum(code in back for code in issued)
    assert summary["redemption_rate"] == pytest.approx(came_back / len(issued), abs=1e-6)
    assert (summary["redemption_low"], summary["redemption_high"]) == wilson(came_back, len(issued))
    days = [(back[code] - printed[code]).days for code in redeemed]
    assert summary["median_days_to_redeem"] == (statistics.median(days) if days else None)


def test_a_day_loaded_without_its_codes_has_the_same_figures_and_no_after_sale(simulated_codes: Path) -> None:
    """What the report screen's Today line reads: the day's figures, without reading every other day
    of the log for its codes."""
    from pos.core.analytics.report import Filters, History
    from pos.reports.text import json_text

    day = Filters(start=date(2026, 11, 22), until=date(2026, 11, 22))
    with_codes = History.load(simulated_codes, day).report(("cashier",))
    without = History.load(simulated_codes, day, codes=False).report(("cashier",))
    assert with_codes.after_sale is not None and without.after_sale is None
    with_codes.after_sale = None
    with_codes.code_stores = frozenset()
    assert json_text(without) == json_text(with_codes)


@pytest.fixture(scope="module")
def simulated_codes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Six days of the bundled menu, from 2026-11-20, with codes printed and redeemed."""
    from pos.core.log.eventlog import EventLog
    from pos.core.selling.menu_loader import load_menu
    from pos.core.training.simulate import simulate
    from tests.conftest import MENUS

    folder = tmp_path_factory.mktemp("codes")
    with EventLog(folder, "SIM") as log:
        simulate(
            load_menu(MENUS / "burger_counter.toml"),
            log,
            orders=900,
            seed=4,
            cashiers=2,
            first_day=date(2026, 11, 20),
            days=6,
        )
    return folder
