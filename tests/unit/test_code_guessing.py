"""Receipt codes nobody can guess (issue 25): a guess passes once in a million tries, every wrong
code is answered alike and audited, a terminal pauses after repeated wrong codes, a code never
repeats, and the secret is the operating system's, owner-only, never made anew over live codes."""

from __future__ import annotations

import argparse
import json
import os
import random
import stat
from datetime import date, datetime
from itertools import count
from pathlib import Path

import pytest

from pos.core.base.errors import DataFolderError
from pos.core.base.events import Mode
from pos.core.codes import code_format as fmt
from pos.core.codes.codes import Codes, Refusal
from pos.core.codes.wrong_codes import LIMIT, WrongCodes
from tests.support.counter_kit import LUNCH, key_in, make_counter
from tests.support.small_menus import make_menu
from tests.unit.test_after_sale import PIE_NEXT_TIME

DAY = date(2026, 11, 23)
WRONG = fmt.encode(fmt.Parts(3, 0, 12345))


def never_paused() -> WrongCodes:
    """A terminal's wrong codes with each one an hour after the last: never enough for a pause."""
    hours = count(step=3600.0)
    return WrongCodes(clock=lambda: next(hours))


def test_a_guess_with_the_right_tag_and_check_character_passes_less_than_once_in_a_million(
    tmp_path: Path,
) -> None:
    assert 2**-fmt.CHECK_BITS < 1e-6
    codes = Codes(tmp_path, never_paused())
    genuine = fmt.decode(codes.issue("T1-1", "40", None, 99, DAY, 7).code)
    assert genuine is not None
    rng = random.Random(7)
    passed = 0
    for _ in range(20_000):  # the day's other serials, each with a random check: as a guesser would
        guess = fmt.encode(fmt.Parts(rng.randrange(1, 50), genuine.tag, rng.randrange(1 << fmt.CHECK_BITS)))
        passed += codes.redeem(guess, "T1-9", DAY) is not Refusal.WRONG
    assert passed == 0, "with 9 check bits about 40 of these would pass the check"


def test_a_code_with_a_right_check_that_was_never_printed_is_answered_as_any_wrong_code(
    tmp_path: Path,
) -> None:
    codes = Codes(tmp_path, never_paused())
    genuine = fmt.decode(codes.issue("T1-1", "40", None, 99, DAY, 7).code)
    assert genuine is not None
    body = fmt.Parts(1, genuine.tag, 0).body
    unprinted = fmt.encode(fmt.Parts(1, genuine.tag, codes._check(body)))  # as only the secret makes it
    made_up = fmt.encode(fmt.Parts(1, genuine.tag, (codes._check(body) + 1) % (1 << fmt.CHECK_BITS)))
    assert codes.redeem(unprinted, "T1-9", DAY) is codes.redeem(made_up, "T1-9", DAY) is Refusal.WRONG


def test_repeated_wrong_codes_pause_the_terminal_and_each_is_an_audit_event(tmp_path: Path) -> None:
    counter, _ = make_counter(make_menu(PIE_NEXT_TIME), log_to=tmp_path)
    codes = counter.shop.codes
    assert codes is not None
    wrong = fmt.encode(fmt.Parts(3, 0, 12345))
    for _ in range(LIMIT):
        key_in(counter, wrong)
        assert counter.error and "nothing added" in counter.message
    key_in(counter, wrong)
    assert counter.message.startswith("Codes paused here for 60 s after too many wrong ones")
    counter.shop.recorder.close()  # type: ignore[attr-defined]
    audits = [
        line for path in (tmp_path / "log").glob("*/T1.audit.jsonl") for line in path.read_text().splitlines()
    ]
    assert len(audits) == LIMIT + 1 and all('"action":"wrong_code"' in line for line in audits)
    assert f'"store_id":"{codes.store_id}"' in audits[0] and '"cashier":"C1"' in audits[0]
    assert not counter.sale.order.lines


def test_a_drills_wrong_code_is_audited_as_the_stores_not_as_its_training_codes(tmp_path: Path) -> None:
    counter, _ = make_counter(make_menu(PIE_NEXT_TIME), log_to=tmp_path, mode=Mode.TRAINING)
    key_in(counter, fmt.encode(fmt.Parts(3, 0, 12345)))
    counter.shop.recorder.close()  # type: ignore[attr-defined]
    (audit,) = (tmp_path / "log").glob("*/T1.audit.jsonl")
    store = (tmp_path / "store-id").read_text().strip()
    assert f'"store_id":"{store}"' in audit.read_text()
    assert store != (tmp_path / "training" / "store-id").read_text().strip()


def test_a_pause_doubles_each_time_and_ends() -> None:
    now = [0.0]
    wrong = WrongCodes(clock=lambda: now[0])
    for _ in range(LIMIT):
        wrong.wrong()
    assert wrong.paused_for() == 60
    now[0] += 61
    assert wrong.paused_for() == 0
    for _ in range(LIMIT):
        wrong.wrong()
    assert wrong.paused_for() == 120


def _pause_then_quit(data_dir: Path, at: datetime, mode: Mode = Mode.LIVE) -> None:
    """`LIMIT` wrong codes at `at`, the terminal then paused, and `pos` quit."""
    counter, _ = make_counter(make_menu(PIE_NEXT_TIME), log_to=data_dir, now=at, mode=mode)
    for _ in range(LIMIT):
        key_in(counter, WRONG)
    assert counter.shop.codes is not None and counter.shop.codes.wrong.paused_for() > 0
    counter.shop.recorder.close()  # type: ignore[attr-defined]


def _message_at_start(data_dir: Path, at: datetime, mode: Mode = Mode.LIVE) -> str:
    """What a wrong code keyed first thing after a start is answered."""
    counter, _ = make_counter(make_menu(PIE_NEXT_TIME), log_to=data_dir, now=at, mode=mode)
    key_in(counter, WRONG)
    counter.shop.recorder.close()  # type: ignore[attr-defined]
    return counter.message


def test_quitting_and_starting_again_lifts_no_pause_nor_its_doubling(tmp_path: Path) -> None:
    _pause_then_quit(tmp_path, datetime(2026, 11, 23, 23, 59, 30))
    says = _message_at_start(tmp_path, datetime(2026, 11, 24, 0, 0, 10))  # 40 s on, the next day
    assert says.startswith("Codes paused here for 20 s"), says
    _pause_then_quit(tmp_path, datetime(2026, 11, 24, 0, 5))
    says = _message_at_start(tmp_path, datetime(2026, 11, 24, 0, 6))
    assert says.startswith("Codes paused here for 60 s"), "the second pause is twice the first"


def test_a_pause_is_forgotten_a_day_on_and_a_code_keyed_in_it_counts_for_nothing(tmp_path: Path) -> None:
    _pause_then_quit(tmp_path, datetime(2026, 11, 23, 9, 0))
    assert "paused" in _message_at_start(tmp_path, datetime(2026, 11, 23, 9, 0, 30))  # not checked
    assert "paused" not in _message_at_start(tmp_path, datetime(2026, 11, 23, 9, 1, 30))
    _pause_then_quit(tmp_path, datetime(2026, 11, 24, 9, 1))  # 5 more: a day after the first pause
    says = _message_at_start(tmp_path, datetime(2026, 11, 24, 9, 1, 30))
    assert says.startswith("Codes paused here for 30 s"), says


def test_training_and_live_wrong_codes_never_pause_each_other(tmp_path: Path) -> None:
    _pause_then_quit(tmp_path, LUNCH, Mode.TRAINING)
    assert "paused" not in _message_at_start(tmp_path, LUNCH)
    assert "paused" in _message_at_start(tmp_path, LUNCH, Mode.TRAINING)
    audits = [json.loads(line) for line in (tmp_path / "log" / "2026-11-23" / "T1.audit.jsonl").open()]
    assert [audit["mode"] for audit in audits] == ["training"] * LIMIT + ["live", "training"]
    _pause_then_quit(tmp_path, LUNCH)  # its own wrong codes pause the live counter
    assert "paused" in _message_at_start(tmp_path, LUNCH)


def test_codes_never_repeat_however_many_days_pass(tmp_path: Path) -> None:
    codes = Codes(tmp_path)
    first = codes.issue("T1-1", "40", None, 99, date(2026, 1, 1), 7)
    later = codes.issue("T1-2", "40", None, 99, date(2031, 8, 11), 7)  # 2,048 days later
    assert first.code != later.code
    assert codes.redeem(first.code, "T1-3", date(2026, 1, 2)) == first


def test_a_missing_secret_with_codes_out_is_an_error_that_says_what_to_restore(tmp_path: Path) -> None:
    Codes(tmp_path).issue("T1-1", "40", None, 99, DAY, 7)
    (tmp_path / "codes" / "secret").unlink()
    with pytest.raises(DataFolderError, match="restore it from a backup"):
        Codes(tmp_path).issue("T1-2", "40", None, 99, DAY, 7)
    assert not (tmp_path / "codes" / "secret").exists(), "never a quiet new secret"


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX's")
def test_the_secret_and_the_ledgers_are_readable_by_their_owner_only(tmp_path: Path) -> None:
    codes = Codes(tmp_path)
    codes.redeem(codes.issue("T1-1", "40", None, 99, DAY, 7).code, "T1-2", DAY)
    for name in ("secret", "issued.jsonl", "redeemed.jsonl"):
        assert stat.S_IMODE((tmp_path / "codes" / name).stat().st_mode) == 0o600, name


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("kind", ["link to /dev/zero", "link outside", "fifo", "folder"])
def test_a_secret_that_is_not_a_regular_file_is_refused_at_once(tmp_path: Path, kind: str) -> None:
    secret = tmp_path / "codes" / "secret"
    secret.parent.mkdir()
    outside = tmp_path / "outside"
    outside.write_bytes(bytes(32))
    {
        "link to /dev/zero": lambda: secret.symlink_to("/dev/zero"),
        "link outside": lambda: secret.symlink_to(outside),
        "fifo": lambda: os.mkfifo(secret),
        "folder": lambda: secret.mkdir(),
    }[kind]()
    with pytest.raises(DataFolderError, match="not a regular file"):
        Codes(tmp_path).issue("T1-1", "40", None, 99, DAY, 7)


@pytest.mark.parametrize("name", ["issued.jsonl", "redeemed.jsonl"])
def test_a_ledger_linked_outside_the_folder_is_never_appended_to(tmp_path: Path, name: str) -> None:
    outside = tmp_path / "outside.jsonl"
    outside.write_text("")
    (tmp_path / "codes").mkdir()
    codes = Codes(tmp_path)
    issued = codes.issue("T1-1", "40", None, 99, DAY, 7) if name == "redeemed.jsonl" else None
    (tmp_path / "codes" / name).symlink_to(outside)
    with pytest.raises(DataFolderError, match="not a regular file"):
        if issued is None:
            codes.issue("T1-1", "40", None, 99, DAY, 7)
        else:
            codes.redeem(issued.code, "T1-2", DAY)
    assert outside.read_text() == ""


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_ledger_that_is_a_fifo_is_refused_without_hanging(tmp_path: Path) -> None:
    codes = Codes(tmp_path)
    issued = codes.issue("T1-1", "40", None, 99, DAY, 7)
    os.mkfifo(tmp_path / "codes" / "redeemed.jsonl")
    with pytest.raises(DataFolderError, match="not a regular file"):
        codes.redeem(issued.code, "T1-2", DAY)


def test_a_redemption_whose_order_never_reached_the_log_is_undone_at_the_next_start(data_dir: Path) -> None:
    from pos.core.codes.orphan_redemptions import settle_redemptions
    from pos.core.log.eventlog import EventLog

    code = Codes(data_dir).issue("T2-20261123-0001", "40", None, 99, DAY, 7).code
    # A kill just after the ledger took the redemption: no event, no order.
    assert not isinstance(Codes(data_dir).redeem(code, "T1-20261123-0007", DAY), Refusal)
    with EventLog(data_dir, "T1") as log:
        notices = settle_redemptions(log, Codes(data_dir))
    assert len(notices) == 1 and code in notices[0] and "T1-20261123-0007" in notices[0]
    again = Codes(data_dir).redeem(code, "T1-20261123-0007", DAY)
    assert not isinstance(again, Refusal), "the code may be redeemed again"


def test_a_redemption_in_the_log_stands(data_dir: Path) -> None:
    from pos.core.codes.orphan_redemptions import settle_redemptions
    from pos.core.log.eventlog import EventLog

    counter, _ = make_counter(make_menu(PIE_NEXT_TIME), log_to=data_dir)
    code = Codes(data_dir).issue("T2-20261123-0001", "40", None, 99, DAY, 7).code
    key_in(counter, code)
    assert "redeemed" in counter.message
    counter.shop.recorder.close()  # type: ignore[attr-defined]
    with EventLog(data_dir, "T1") as log:
        assert settle_redemptions(log, Codes(data_dir)) == []
    assert Codes(data_dir).redeem(code, "T1-x", DAY) is Refusal.USED


def test_a_terminal_never_undoes_another_terminals_redemption_whose_name_starts_like_its_own(
    data_dir: Path,
) -> None:
    from pos.core.codes.orphan_redemptions import settle_redemptions
    from pos.core.log.eventlog import EventLog

    code = Codes(data_dir).issue("T2-20261123-0001", "40", None, 99, DAY, 7).code
    assert not isinstance(Codes(data_dir).redeem(code, "T1-B-20261123-0001", DAY), Refusal)
    with EventLog(data_dir, "T1") as log:
        assert settle_redemptions(log, Codes(data_dir)) == []
    assert Codes(data_dir).redeem(code, "T1-20261123-0002", DAY) is Refusal.USED


def test_a_redemption_keyed_days_after_its_order_was_numbered_stands(data_dir: Path) -> None:
    from datetime import datetime

    from pos.core.codes.orphan_redemptions import settle_redemptions
    from pos.core.log.eventlog import EventLog

    code = Codes(data_dir).issue("T2-20261120-0001", "40", None, 99, date(2026, 11, 20), 7).code
    # Numbered on the Friday (the order after the last one), keyed and paid on the Monday.
    counter, _ = make_counter(make_menu(PIE_NEXT_TIME), log_to=data_dir, now=datetime(2026, 11, 23, 9))
    counter.sale.order.id = "T1-20261120-0009"
    key_in(counter, code)
    assert "redeemed" in counter.message
    counter.shop.recorder.close()  # type: ignore[attr-defined]
    with EventLog(data_dir, "T1") as log:
        assert settle_redemptions(log, Codes(data_dir)) == []


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX's")
def test_a_secret_restored_readable_by_all_is_made_the_owners_only(tmp_path: Path) -> None:
    Codes(tmp_path).issue("T1-1", "40", None, 99, DAY, 7)
    (tmp_path / "codes" / "secret").chmod(0o644)
    Codes(tmp_path).issue("T1-2", "40", None, 99, DAY, 7)
    assert stat.S_IMODE((tmp_path / "codes" / "secret").stat().st_mode) == 0o600


def test_the_counter_refuses_to_start_without_the_secret_of_the_codes_it_printed(data_dir: Path) -> None:
    from pos.commands.cashier import build_app

    Codes(data_dir).issue("T1-1", "40", None, 99, DAY, 7)
    (data_dir / "codes" / "secret").unlink()
    args = argparse.Namespace(
        menu=None, cashier="C1", data=str(data_dir), now=None, terminal="T1", printer=None
    )
    with pytest.raises(DataFolderError, match="restore it from a backup"):
        build_app(args)
    from pos.core.log.eventlog import EventLog

    EventLog(data_dir, "T1").close()  # the refused start let the terminal go


def test_a_training_session_says_it_takes_only_training_receipts_codes_whatever_the_code(
    tmp_path: Path,
) -> None:
    live = Codes(tmp_path).issue("T1-20261123-0001", "40", None, 99, DAY, 7).code
    counter, _ = make_counter(make_menu(PIE_NEXT_TIME), log_to=tmp_path, mode=Mode.TRAINING)
    key_in(counter, live)
    assert counter.error and "another store" not in counter.message
    assert "is not a training code: a training session takes no other" in counter.message
    counter.shop.recorder.close()  # type: ignore[attr-defined]
    training = counter.shop.codes
    assert training is not None
    printed = fmt.decode(training.issue("T1-20261123-0002", "40", None, 99, DAY, 7).code)
    assert printed is not None
    body = fmt.Parts(5, printed.tag, 0).body
    unprinted = fmt.encode(fmt.Parts(5, printed.tag, training._check(body)))  # as only the secret makes it
    made_up = fmt.encode(fmt.Parts(5, printed.tag, (training._check(body) + 1) % (1 << fmt.CHECK_BITS)))
    other_tag = fmt.encode(fmt.Parts(5, (printed.tag + 1) % (1 << fmt.TAG_BITS), 0))
    answers = {training.redeem(code, "T1-9", DAY) for code in (live, unprinted, made_up, other_tag)}
    assert answers == {Refusal.NOT_TRAINING}, "a guesser learns nothing: every wrong code alike"
    assert not isinstance(Codes(tmp_path).redeem(live, "T1-20261124-0001", DAY), Refusal)
