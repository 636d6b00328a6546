"""A terminal named in the store's settings (`[terminals]`) is named beside its ID on its receipts and on
the day's sheet (printed, on the screen, as HTML, and in the close's record), always literally: a
name's control characters are escaped, its markup is text."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

from pos.core.analytics.day_close import DayClose, as_json
from pos.core.analytics.day_figures import day_figures
from pos.core.analytics.day_sheet import day_sheet
from pos.core.counter.counter import Counter
from pos.core.printing.escpos_receipt import COLUMNS, receipt_bytes
from pos.core.printing.escpos_sheet import sheet_bytes
from pos.core.printing.printer_choice import Kind, PrinterChoice
from pos.core.printing.receipt import terminal_title
from pos.core.printing.receipt_printer import ReceiptPrinter
from pos.reports.sheet_text import sheet_html, sheet_text
from tests.support.counter_kit import key_in, make_shop, type_keys
from tests.support.small_menus import make_menu
from tests.unit.test_after_sale import PIE_NEXT_TIME
from tests.unit.test_day_close import hand_made_day
from tests.unit.test_receipt_printing import _receipt

DAY = date(2026, 11, 23)
HOSTILE = "Back <b>till</b>\\u001b[2J"
"""As store.toml writes it: markup, and an escape sequence in TOML's own escape (read escaped:
`pos.core.base.toml_text`)."""
PRINTER = PrinterChoice(Kind.FILE, path="/dev/usb/lp0")


def test_the_receipt_names_the_terminal_beside_its_id() -> None:
    assert (
        terminal_title("T1", None) == "Terminal T1" and terminal_title("T1", "Front") == "Terminal T1 (Front)"
    )
    printed = receipt_bytes(_receipt(terminal_name="Front till"))
    assert b"Terminal T1 (Front till)  Cashier C1\n" in printed
    assert b"Terminal T1  Cashier C1\n" in receipt_bytes(_receipt()), "a terminal with no name: its ID"
    hostile = receipt_bytes(_receipt(terminal_name="Back\x1b[2J\x1b@"))
    assert b"Terminal T1 (Back\\x1b[2J\\x1b@)" in hostile and b"\x1b[2J" not in hostile


def test_a_long_name_puts_the_cashier_on_a_line_of_its_own_never_past_the_roll() -> None:
    name = "Drive-through window by the car park exit"  # 40 characters, the most a name has
    printed = receipt_bytes(_receipt(terminal_name=name))
    assert b"Terminal T1 (Drive-through window by the\ncar park exit)\nCashier C1\n" in printed
    assert len("Terminal T1 (Drive-through window by the") <= COLUMNS


def test_the_counter_prints_its_terminal_name_on_each_receipt() -> None:
    sent: list[bytes] = []
    printer = ReceiptPrinter(PRINTER, send=lambda choice, data, window, wanted: sent.append(data))
    shop, _ = make_shop(make_menu(PIE_NEXT_TIME))
    counter = Counter(
        dataclasses.replace(shop, printer=printer, terminal_name="Front till"), timer=lambda: 0.0
    )
    key_in(counter, "1")
    type_keys(counter, "n", "n", "f10", "c", "enter")
    job = counter.till.receipts.job
    assert job is not None and job.done.result(timeout=5) is None
    receipt = counter.till.receipts.last
    assert receipt is not None and receipt.terminal_name == "Front till"
    assert sent == [receipt_bytes(receipt)] and b"Terminal T1 (Front till)  Cashier C1" in sent[0]


def test_the_day_sheet_names_each_terminal_the_store_names(tmp_path: Path) -> None:
    hand_made_day(tmp_path)
    (tmp_path / "store.toml").write_text(f'[terminals]\nT1 = "{HOSTILE}"\nT9 = "Never sold"\n')
    figures = day_figures(tmp_path, DAY, "USD")
    assert figures.names == {"T1": "Back <b>till</b>\\x1b[2J"}, (
        "read escaped; T2 has no name, T9 sold nothing"
    )
    close = DayClose(
        kind="x", taken_at="2026-11-23T15:00:00.000+00:00", closed_by=None, counted=None, figures=figures
    )
    titles = [section.title for section in day_sheet(close).sections]
    assert titles[-2:] == ["Terminal T1 (Back <b>till</b>\\x1b[2J)", "Terminal T2"]
    text = sheet_text(day_sheet(close))
    assert "Terminal T1 (Back <b>till</b>\\x1b[2J)" in text and "\x1b" not in text
    page = sheet_html(day_sheet(close))
    assert "Terminal T1 (Back &lt;b&gt;till&lt;/b&gt;\\x1b[2J)" in page and "<b>till" not in page
    printed = sheet_bytes(day_sheet(close))
    assert b"Terminal T1 (Back <b>till</b>\\x1b[2J)" in printed and b"\x1b[2J" not in printed
    assert b'"names": {\n      "T1": "Back <b>till</b>\\\\x1b[2J"' in as_json(close), "kept with the close"
