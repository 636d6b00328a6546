"""Writes the screen's records on one background thread, in the order given.

The cashier screen never waits on the disk: it hands each record over and goes
on. What it must not do is show the next prompt before the last answer is on
disk, so every `submit` returns a future that the next prompt waits for (about
0.2 ms with a healthy disk). A record that cannot be written (a full disk) is
kept, in order, and written with the next one or by `retry()`; `backlog` says
how many are waiting, so the screen can say so. From the first failed write, each
record waiting is also kept in `set-aside/T1.STAMP.unsaved` (synced), so a kill
loses none of them: the next start adds to the log those the log did not take.
"""

from __future__ import annotations

from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import msgspec
from msgspec import Struct

from pos.core.base.clock import SystemClock
from pos.core.base.errors import DataFolderError, PosError, TerminalTaken
from pos.core.base.events import AuditEvent, OrderRecord, PromptEvent, encode
from pos.core.log.eventlog import EventLog, table_of
from pos.core.log.set_aside import keep_aside
from pos.core.log.storage import LogWriteError
from pos.core.log.unsaved import UnsavedFile

Record = tuple[str, PromptEvent | OrderRecord | AuditEvent]


class LogWriter:
    def __init__(self, log: EventLog) -> None:
        self.log = log
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pos-log")
        self._waiting: deque[Record] = deque()
        """Only the writer thread touches this."""
        self._last: Future[None] | None = None
        self.error: str | None = None
        """Why the last write failed, until one succeeds."""
        self.stopped: str | None = None
        """Why this terminal takes no more sales: another process took it. Its records go to
        `set-aside/` from then on (`pos.core.log.unsaved`), and are added to the log at its next start."""
        self._unsaved: UnsavedFile | None = None
        self._kept = 0
        """How many of the records waiting, from the first, are in the unsaved file already."""
        self.open_error: str | None = None
        """Why the open order cannot be kept on disk (a kill would lose its lines), until it can."""
        self._open: tuple[OrderRecord | None] | None = None
        """The open order last handed over while it could not be kept: `retry` keeps it."""

    def prompt(self, event: PromptEvent) -> Future[None]:
        return self._submit(("prompt", event))

    def order(self, record: OrderRecord) -> Future[None]:
        return self._submit(("order", record))

    def audit(self, event: AuditEvent) -> Future[None]:
        return self._submit(("audit", event))

    def open_order(self, record: OrderRecord | None) -> None:
        """Keep the open order on disk (None: it was closed), after the records handed over before it."""
        self._pool.submit(self._save_open_order, record)

    def retry(self) -> Future[None]:
        self._pool.submit(self._save_open_order_again)
        return self._submit(None)

    @property
    def backlog(self) -> int:
        """Records handed over and not yet on disk: they pile up only while writing fails."""
        return len(self._waiting)

    def idle(self) -> Future[None] | None:
        """The future of the last write handed over, or None when all are done."""
        last = self._last
        return None if last is None or last.done() else last

    def close(self) -> list[str]:
        """Everything handed over written, or kept in `set-aside/`; what could not be is said, with
        the records themselves (the caller shows them: a person can still save them)."""
        self.retry()
        self._pool.shutdown(wait=True)
        left = []
        while self._waiting:
            kind, document = self._waiting.popleft()
            if self._kept:
                self._kept -= 1
                continue
            try:
                self._set_aside(kind, document)
            except (OSError, PosError, ValueError, TypeError):
                left.append(f"NOT SAVED ({self.error}): {kind} {encode(document).decode().rstrip()}")
        self.log.close()
        return left

    def _save_open_order(self, record: OrderRecord | None) -> None:
        # Only a kill before the order closes needs it: what cannot be kept is said on the screen
        # and tried again, and never stops the records themselves.
        if self.stopped:
            return  # open/T1.json is the terminal's new holder's now
        try:
            self.log.save_open_order(record)
        except TerminalTaken as error:  # another process took the terminal: its open order is left alone
            self.stopped = str(error)
        except (OSError, DataFolderError, ValueError, TypeError) as error:
            reason = f"{error.filename}: {error.strerror}" if isinstance(error, OSError) else str(error)
            self.open_error = f"the open order cannot be kept on disk ({reason}): a kill would lose its lines"
            self._open = (record,)
        else:
            self.open_error, self._open = None, None

    def _save_open_order_again(self) -> None:
        if self._open is not None:  # nothing newer was kept since: it would have cleared this
            self._save_open_order(self._open[0])

    @property
    def kept_in(self) -> Path | None:
        """The set-aside file that holds every record waiting, if one does."""
        return self._unsaved.path if self._unsaved is not None and self._kept == len(self._waiting) else None

    def _set_aside(self, kind: str, document: PromptEvent | OrderRecord | AuditEvent) -> None:
        self._unsaved_file().keep(table_of(kind), document)
        self._said_aside()

    def _unsaved_file(self) -> UnsavedFile:
        if self._unsaved is None:
            self._unsaved = UnsavedFile(self.log.data_dir, self.log.terminal, _stamp())
        return self._unsaved

    def _keep_waiting(self) -> None:
        """Each record waiting that the unsaved file does not hold yet, kept there (while it can be)."""
        try:
            while self._kept < len(self._waiting):
                kind, document = self._waiting[self._kept]
                self._unsaved_file().keep(table_of(kind), document)
                self._kept += 1
        except (OSError, PosError, ValueError, TypeError):
            pass  # held in memory, as the screen says, and kept at close if it can be

    def _written(self) -> None:
        self._waiting.popleft()
        self._kept = max(0, self._kept - 1)

    def _said_aside(self) -> None:
        assert self._unsaved is not None
        self.error = (
            f"{self.stopped}; its {self._unsaved.count} record(s) since are kept in {self._unsaved.path} "
            f"and added to the log at {self.log.terminal}'s next start"
        )

    def _submit(self, record: Record | None) -> Future[None]:
        self._last = self._pool.submit(self._write, record)
        return self._last

    def _write(self, record: Record | None) -> None:
        if record is not None:
            self._waiting.append(record)
        while self._waiting:
            kind, document = self._waiting[0]
            try:
                if self.stopped and self._kept:
                    self._said_aside()  # in the unsaved file already
                elif self.stopped:
                    self._set_aside(kind, document)
                else:
                    self.log.log(kind, document)
            except LogWriteError as error:
                self.error = str(error)
                self._keep_waiting()
                raise
            except TerminalTaken as error:  # another process took the terminal: stop, keep them aside
                self.stopped = str(error)
                continue
            except DataFolderError as error:
                self.error = str(error)
                self._keep_waiting()
                raise LogWriteError(self.error) from None
            except OSError as error:
                self.error = f"{error.filename or self.log.data_dir}: {error.strerror}"
                self._keep_waiting()
                raise LogWriteError(self.error) from None
            except (ValueError, TypeError) as error:
                # A record JSON cannot hold would block every record behind it: keep
                # its text in set-aside/ and go on (the core's bounds keep this from happening).
                kept = keep_aside(
                    self.log.data_dir, f"{self.log.terminal}.{kind}", "unwritable", _shown(document).encode()
                )
                self._written()
                self.error = f"a {kind} record could not be written ({error}); its text is kept in {kept}"
                raise LogWriteError(self.error) from None
            self._written()
        if not self.stopped:
            self.error = None


def _stamp() -> str:
    return SystemClock().now().strftime("%Y%m%dT%H%M%S%f")


def _shown(document: object) -> str:
    """The record's text for a person to read, with any integer too long to print summarised."""
    if isinstance(document, Struct):
        return f"{type(document).__name__}({_shown(msgspec.structs.asdict(document))[1:-1]})"
    if isinstance(document, dict):
        return "{" + ", ".join(f"{key!r}: {_shown(value)}" for key, value in document.items()) + "}"
    if isinstance(document, list):
        return "[" + ", ".join(_shown(value) for value in document) + "]"
    if isinstance(document, int) and document.bit_length() > 10_000:
        return f"<an integer of {document.bit_length()} bits>"
    return repr(document)
