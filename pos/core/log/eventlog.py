"""The event log: every prompt event and order record, one writer per terminal.

Layout of a data folder (see docs/data-folder.md):

    log/2026-11-23/T1.prompts.jsonl   one prompt event per line
    log/2026-11-23/T1.orders.jsonl    one order record per line
    log/2026-11-23/T1.audit.jsonl     (v3) one audit event per line: wrong codes keyed
    locks/T1.lock                     held by the one process logging as T1
    open/T1.json                      the order open on T1 (`pos.core.log.open_order`)
    set-aside/                        torn last records, moved out on start-up

A terminal appends only to its own files of the day (TinyDB through
`JsonLinesStorage`), so adding an event costs the same whatever the history, and
two terminals never write the same file. The lock refuses a second process with
the same terminal id, which would otherwise reuse order numbers.
"""

from __future__ import annotations

import json
import os
import re
from collections import deque
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

from pos.core.base.bounded_lines import lines_of
from pos.core.base.clock import FIRST_YEAR, LAST_YEAR, in_range
from pos.core.base.digits import whole_number
from pos.core.base.errors import DataFolderError, TerminalTaken
from pos.core.base.events import AuditEvent, MenuRecord, OrderRecord, PromptEvent
from pos.core.base.files import is_folder, is_regular, not_regular, own_folder
from pos.core.base.ids import valid_id
from pos.core.base.store_id import store_id
from pos.core.log.log_layout import day_of, own_log_file
from pos.core.log.menu_stamp import MENUS, MenuStamp
from pos.core.log.menu_stamp import keep as keep_menu
from pos.core.log.open_order import draft_path, left_open
from pos.core.log.open_order import save as save_open_order
from pos.core.log.open_order_writer import Writer, running
from pos.core.log.owned_folder import make_owners
from pos.core.log.storage import SUFFIX, JsonLinesDB, JsonLinesStorage, LogWriteError
from pos.core.log.terminal_lock import TerminalLock
from pos.core.log.torn_tail import set_aside_torn_tail
from pos.core.log.unsaved import recover

PROMPTS = "prompts"
ORDERS = "orders"
AUDIT = "audit"
TABLES = (PROMPTS, ORDERS, MENUS, AUDIT)
_TABLE_OF = {"prompt": PROMPTS, "order": ORDERS, "audit": AUDIT}
"""The table of each kind of record the counter hands over."""


def table_of(kind: str) -> str:
    return _TABLE_OF[kind]


class EventLog:
    """One terminal's writer. `sync=False` leaves fsync to `flush()` (bulk loads)."""

    def __init__(
        self, data_dir: Path, terminal: str, sync: bool = True, menu: MenuStamp | None = None
    ) -> None:
        if not valid_id(terminal):
            raise DataFolderError(f"terminal id {terminal!r}: expected 1 to 24 letters, digits, - or _")
        self.data_dir = data_dir
        self.terminal = terminal
        self.sync = sync
        self.store_id = store_id(data_dir)
        """The folder's store id, on every record logged here (made at the folder's first use)."""
        make_owners(data_dir)
        self.notices: list[str] = []
        """Messages for the user about records set aside on opening."""
        self._lock = TerminalLock(data_dir, terminal)
        self._day: date | None = None
        self._db: JsonLinesDB | None = None
        self._order_numbers: dict[date, int] = {}
        self._given_elsewhere: dict[date, int] = {}
        """The highest order number of each day that the codes ledger names: never given again."""
        self._logged: dict[date, int] = {}
        """The highest order number this process wrote on each day."""
        self._stamped: date | None = None
        """The day whose menu record is on disk."""
        self.menu = menu
        """The menu this terminal sells from, recorded on each day it writes (`pos.core.log.menu_stamp`)."""
        self._writer = Writer()
        try:
            left = self._left_behind()  # before any repair: a running terminal may be writing its files
            self._repair_last_day()
            if left is not None:
                self._record_left_open(left)
            self.notices += recover(
                data_dir, terminal, self._order_used, self._write_recovered, self._logged_lines
            )
        except BaseException:
            self.close()
            raise

    def log(self, kind: str, record: PromptEvent | OrderRecord | AuditEvent) -> None:
        """A record of the counter's (`prompt`, `order` or `audit`) in its table."""
        self._database(record.ts).table(_TABLE_OF[kind]).insert(record)
        order = record.order
        day = _day_of_order(order) if isinstance(order, str) else None
        if day is not None and isinstance(order, str):
            number = int(order.rsplit("-", 1)[1])
            self._logged[day] = max(self._logged.get(day, 0), number)

    def log_prompt(self, event: PromptEvent) -> None:
        self._database(event.ts).table(PROMPTS).insert(event)

    def log_order(self, record: OrderRecord) -> None:
        self._database(record.ts).table(ORDERS).insert(record)

    def log_prompts(self, events: list[PromptEvent]) -> None:
        """Many events of one day in one write (the simulator's batches)."""
        if events:
            self._database(events[0].ts).table(PROMPTS).insert_multiple(events)

    def log_orders(self, records: list[OrderRecord]) -> None:
        if records:
            self._database(records[0].ts).table(ORDERS).insert_multiple(records)

    def save_open_order(self, record: OrderRecord | None) -> None:
        """TerminalTaken, the file left alone, when another process has the terminal now."""
        self._hold_terminal()
        save_open_order(self.data_dir, self.terminal, record, self._writer.mark(), self.sync)

    def new_order_id(self, now: datetime) -> str:
        """`T1-20261123-0042`: unique in the store, since a terminal has one writer."""
        # Only reads the day's files: the writer thread owns the open database.
        day = now.date()
        if day not in self._order_numbers:
            self._order_numbers[day] = max(self._last_order_number(day), self._given_elsewhere.get(day, 0))
        self._order_numbers[day] += 1
        return f"{self.terminal}-{day:%Y%m%d}-{self._order_numbers[day]:04d}"

    def number_past(self, order: str) -> None:
        """An order of this terminal's that the codes ledger names while the log may hold no record of
        it (a redemption undone): its number, and those before it that day, are never given again."""
        day = _day_of_order(order)
        if day is not None and order.startswith(f"{self.terminal}-"):
            number = int(order.rsplit("-", 1)[1])
            self._given_elsewhere[day] = max(self._given_elsewhere.get(day, 0), number)
            if day in self._order_numbers:
                self._order_numbers[day] = max(self._order_numbers[day], number)

    def release_order_id(self, order_id: str) -> None:
        """Take back the last number given, when its order was never used (a cashier signed out)."""
        day_text, _, number = order_id.removeprefix(f"{self.terminal}-").partition("-")
        for day, last in self._order_numbers.items():
            if f"{day:%Y%m%d}" == day_text and whole_number(number) == last:
                self._order_numbers[day] = last - 1

    def flush(self) -> None:
        if self._db is not None:
            self._storage().flush()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
        self._writer.close()
        self._lock.release()

    def __enter__(self) -> EventLog:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- inside ------------------------------------------------------------

    def _storage(self) -> JsonLinesStorage:
        assert self._db is not None
        storage = self._db.storage
        assert isinstance(storage, JsonLinesStorage)
        return storage

    def _hold_terminal(self) -> None:
        """TerminalTaken when another process has the terminal, or logged as it while its lock file
        was gone (the lock then taken back)."""
        if self._lock.check():
            for day in self._order_numbers:
                if self._last_order_number(day) > self._logged.get(day, 0):
                    raise TerminalTaken(
                        f"data folder {self.data_dir}: another pos process logged as terminal "
                        f"{self.terminal} while its lock file was gone; this one takes no more sales"
                    )

    def _database(self, ts: str) -> JsonLinesDB:
        self._hold_terminal()
        day = date.fromisoformat(ts[:10])
        if not in_range(day):  # a day no report could ask for: refused, the record kept by the caller
            raise DataFolderError(
                f"a record of {day}: pos logs the years {FIRST_YEAR} to {LAST_YEAR} only; set this machine's clock"
            )
        db = self._open_day(day)
        if self._stamped != day:  # until it is on disk: a full disk keeps it, as any record
            self._stamp_menu(day)
            self._stamped = day
        return db

    def _open_day(self, day: date) -> JsonLinesDB:
        if day != self._day or self._db is None:
            if self._db is not None:
                self._db.close()
            log = self.data_dir / "log"
            try:  # never a link: the day's records would be written, and repaired, outside the data folder
                folder = own_folder(own_folder(log) / day.isoformat())
            except OSError as error:
                raise LogWriteError(f"{log / day.isoformat()}: cannot make it ({error.strerror})") from None
            self._repair(folder)
            for table in TABLES:
                path = folder / f"{self.terminal}.{table}{SUFFIX}"
                if os.path.lexists(path) and not is_regular(path):
                    raise DataFolderError(
                        f"{not_regular(path)}: move it away, so that {self.terminal} can log"
                    )
            self._db = JsonLinesDB(folder, self.terminal, sync=self.sync)
            self._day = day
        return self._db

    def _repair(self, folder: Path) -> None:
        for table in TABLES:
            notice = set_aside_torn_tail(self.data_dir, folder / f"{self.terminal}.{table}{SUFFIX}")
            if notice:
                self.notices.append(notice)

    def _repair_last_day(self) -> None:
        """A crash tears only the file written last: the latest day this terminal wrote."""
        log = self.data_dir / "log"
        entries = log.iterdir() if is_folder(log) else iter(())
        days = sorted((p for p in entries if day_of(p.name) and is_folder(p)), reverse=True)
        for folder in days:
            if any(folder.glob(f"{self.terminal}.*{SUFFIX}")):
                self._repair(folder)
                return

    def _stamp_menu(self, day: date) -> None:
        """The day's menu record, unless the day's last one names the same menu."""
        if self.menu is None:
            return
        digest = self.menu.digest
        path = own_log_file(self.data_dir, day, f"{self.terminal}.{MENUS}{SUFFIX}")
        if path is not None:
            last = deque(lines_of(path), maxlen=1)
            if last and f'"menu":"{digest}"'.encode() in last[0]:
                return
        keep_menu(self.data_dir, self.menu)
        record = MenuRecord(
            day=day.isoformat(),
            store_id=self.store_id,
            terminal=self.terminal,
            menu=digest,
            name=self.menu.name,
            currency=self.menu.currency,
        )
        assert self._db is not None
        self._db.table(MENUS).insert(record)

    def _left_behind(self) -> OrderRecord | None:
        """The order open when the app stopped, as a voided record; TerminalTaken when the terminal
        that keeps it still runs (its lock file was deleted, then this one started)."""
        found = left_open(self.data_dir, self.terminal, self.notices)
        if found is None:
            return None
        record, mark = found
        pid = running(mark)
        if pid is not None:
            raise TerminalTaken(
                f"data folder {self.data_dir}: {draft_path(self.data_dir, self.terminal)} holds order "
                f"{record.order}, kept by terminal {self.terminal} in process {pid}, which still runs "
                f"(its lock file {self._lock.path} was deleted); this one leaves that order alone and does "
                f"not start: quit that pos first, or give this one another --terminal (if process {pid} "
                "is not pos, move the file away)"
            )
        return record

    def _record_left_open(self, record: OrderRecord) -> None:
        """An order open when the app stopped is recorded as voided (once: it may have been closed
        just before the stop, with its file not yet cleared)."""
        day = date.fromisoformat(record.ts[:10])
        orders = own_log_file(self.data_dir, day, f"{self.terminal}.{ORDERS}{SUFFIX}")
        closed = orders is not None and _holds(orders, f'"order":"{record.order}"')
        if not closed:
            self.log_order(record)
            self.flush()
            self.notices.append(f"order {record.order} was open when pos stopped; it is recorded as voided")
        self.save_open_order(None)

    def _order_used(self, order: str, after: datetime | None) -> bool:
        """Whether this terminal's log of the order's day, or the next (it may close after
        midnight), holds an order record of it, or a prompt of it later than `after` (with None,
        any prompt of it)."""
        day = _day_of_order(order)
        if day is None:
            return False
        needle = f'"order":"{order}"'.encode()
        for each in (day, day + timedelta(days=1)):
            orders, prompts = (
                own_log_file(self.data_dir, each, f"{self.terminal}.{table}{SUFFIX}")
                for table in (ORDERS, PROMPTS)
            )
            if orders is not None and _holds(orders, needle.decode()):
                return True
            if prompts is not None and any(
                needle in line and (after is None or _later(line, after)) for line in lines_of(prompts)
            ):
                return True
        return False

    def _write_recovered(self, table: str, record: dict[str, object]) -> None:
        """A record kept aside, logged; one of no day the log keeps stays in its set-aside file."""
        day = day_of(str(record.get("ts"))[:10])
        if table in _TABLE_OF.values() and day is not None and in_range(day):
            self._database(str(record["ts"])).table(table).insert(record)
            self.flush()

    def _logged_lines(self, table: str, day: date) -> Iterator[bytes]:
        path = own_log_file(self.data_dir, day, f"{self.terminal}.{table}{SUFFIX}")
        return lines_of(path) if path is not None else iter(())

    def _last_order_number(self, day: date) -> int:
        number = re.compile(rf'"order":"{re.escape(self.terminal)}-{day:%Y%m%d}-([0-9]+)"'.encode())
        last = 0
        for table in (PROMPTS, ORDERS):
            path = own_log_file(self.data_dir, day, f"{self.terminal}.{table}{SUFFIX}")
            if path is None:
                continue
            for line in lines_of(path):
                for match in number.finditer(line):
                    last = max(last, int(match.group(1)))
        return last


def _later(line: bytes, moment: datetime) -> bool:
    """Whether the record on the line is of a time after `moment` (one that says no time: it is)."""
    try:
        when = datetime.fromisoformat(json.loads(line)["ts"])
        return when.tzinfo is None or when > moment
    except (ValueError, KeyError, TypeError):
        return True


def _holds(path: Path, needle: str) -> bool:
    """Whether a line of the log file holds `needle`: read a line at a time (`lines_of`)."""
    found = needle.encode()
    return any(found in line for line in lines_of(path))


def _day_of_order(order: str) -> date | None:
    """The day of `T1-20261123-0042`."""
    match = re.fullmatch(r".+-([0-9]{4})([0-9]{2})([0-9]{2})-[0-9]+", order)
    if match is None:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None
