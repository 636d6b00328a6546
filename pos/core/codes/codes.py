"""After-sale codes: short to key, impossible to guess, redeemed once in the whole store.

How a code is written is `pos.core.codes.code_format`: a serial number that never repeats, the store's
tag and a keyed check made with a secret the data folder keeps (`codes/secret`, made once from the
operating system's random source, readable by its owner only, never logged). A code must also be in the
store's list of codes printed. Every wrong code is answered the same way ("is not a code of ours"),
whether its check failed or it was never printed, so a guesser learns nothing from the answer; and a
terminal pauses after repeated wrong codes (`pos.core.codes.wrong_codes`).

The store's codes are kept in the data folder (`codes/issued.jsonl`, `codes/redeemed.jsonl`, owner-only
like the secret), each change made under one lock (`codes/codes.lock`), so two terminals keying the same
code at the same moment: one redeems it, the other is told it is used. A redemption that no order record
holds (a kill just after it) is undone at the terminal's next start (`undo`,
`pos.core.codes.orphan_redemptions`). A refund voids the codes its order printed (`refund`): a record of
the ledger of redemptions that no order redeemed, so a code of a refunded order keyed later is refused,
saying so.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from collections.abc import Callable
from contextlib import suppress
from datetime import date, timedelta
from enum import StrEnum
from pathlib import Path

import msgspec

from pos.core.base.digits import whole_number
from pos.core.base.errors import DataFolderError
from pos.core.base.events import IssuedCode, Mode, RedeemedCode, decoder, encode
from pos.core.base.files import (
    PRIVATE_MODE,
    is_folder,
    lock_file,
    open_regular,
    own_folder,
    read_regular,
    replace_whole,
    wait_lock,
)
from pos.core.base.store_id import store_id
from pos.core.codes import code_format as fmt
from pos.core.codes.code_ledger import CodeLedger
from pos.core.codes.training_codes import training_lists
from pos.core.codes.wrong_codes import WrongCodes
from pos.core.log.torn_tail import set_aside_damage

SECRET_BYTES = 32
LEDGERS = ("issued.jsonl", "redeemed.jsonl")
UNKNOWN_SETTLED = 3
"""The redemptions a terminal's start settles when it does not know how far the last one did (a
folder of an older version, which settled as many)."""


class Refusal(StrEnum):
    """Why a code keyed adds nothing, as the cashier is told."""

    MISTYPED = "is mistyped: check each character (codes have no 0, O, 1 or I)"
    WRONG = "is not a code of ours"
    OTHER_STORE = "is from another store: it is redeemed there"
    NOT_TRAINING = "is not a training code: a training session takes no other"
    TRAINING = "is a training code: it is not redeemed at the counter"
    EXPIRED = "has expired"
    USED = "was already redeemed"
    PAUSED = "was not checked: too many wrong codes at this terminal"
    OFF_MENU = "is for an offer that is no longer on the menu"
    REFUNDED = "was printed for an order that was refunded"

    @property
    def is_wrong(self) -> bool:
        """A code nobody was given: counted towards the pause, and an audit event."""
        return self in (Refusal.MISTYPED, Refusal.WRONG, Refusal.OTHER_STORE, Refusal.NOT_TRAINING)


def session_codes(data_dir: Path, mode: Mode) -> Codes:
    """A session's codes: training's (a drill, a set clock) kept apart from the store's, so a
    trainee's receipt never redeems at the counter, and a live code never at a set clock; in a
    folder of the data folder's own (`own_folder`), never a link."""
    if mode is Mode.LIVE:
        return Codes(data_dir)
    return Codes(own_folder(data_dir / "training"), training=True)


def every_ledger(data_dir: Path, mode: Mode) -> list[Codes]:
    """The session's codes, then the other mode's when the folder has them: a live order and a
    training one share the terminal's one order numbering, so a start settles both ledgers."""
    other = Mode.TRAINING if mode is Mode.LIVE else Mode.LIVE
    kept = other is Mode.LIVE or is_folder(data_dir / "training" / "codes")
    return [session_codes(data_dir, mode), *([session_codes(data_dir, other)] if kept else [])]


class Codes:
    """The store's after-sale codes, in its data folder."""

    def __init__(self, data_dir: Path, wrong: WrongCodes | None = None, training: bool = False) -> None:
        self.folder = data_dir / "codes"
        self.training = training
        """A training session's: it takes its own receipts' codes only."""
        self.wrong = wrong or WrongCodes()
        """This terminal's wrong codes: a guesser is paused."""
        self.store_id = store_id(data_dir)
        self._tag = hashlib.sha256(self.store_id.encode()).digest()[0] >> (8 - fmt.TAG_BITS)
        self._key: bytes | None = None
        self._issued_file = CodeLedger(self.folder / "issued.jsonl")
        self._redeemed_file = CodeLedger(self.folder / "redeemed.jsonl")
        self._issued: dict[str, bytes] = {}
        """Each code printed, by its code: the first line of it, read with its declaration when
        the code is keyed (a line damaged by hand still names a code printed, and a serial used)."""
        self._next_serial = 0
        self._printed_by: dict[str, list[str]] = {}  # the codes each order printed
        self._refunded: set[str] = set()  # the codes of the orders refunded
        self._redeemed: dict[str, str] = {}
        self._redeemed_on: dict[str, str] = {}
        """Each code redeemed, and the order that redeemed it."""
        self._redeemed_at: dict[str, int] = {}
        self.redemptions = 0
        """The records of the ledger of redemptions read."""
        self._numbered: dict[str, int] = {}
        """The highest number the ledger of redemptions gives each terminal's day (`T1-20261123`),
        a redemption undone included: numbers no other order may get."""

    def issue(
        self,
        order: str,
        offer: str,
        size: str | None,
        price: int,
        day: date,
        valid_days: int,
        rule: str | None = None,
    ) -> IssuedCode:
        """A new code for a paid order, kept as issued."""
        self._secret()  # made, if need be, before the lock is taken: making it takes the lock too
        with self._locked():
            self._catch_up()
            serial = self._next_serial
            if serial >= 1 << fmt.SERIAL_BITS:
                raise DataFolderError(f"{self.folder}: every code this store can print has been printed")
            parts = fmt.Parts(serial, self._tag, 0)
            code = fmt.encode(fmt.Parts(serial, self._tag, self._check(parts.body)))
            until = day + timedelta(days=valid_days - 1)
            entry = IssuedCode(code, order, offer, size, price, day, until, rule, serial)
            self._append("issued.jsonl", entry)
            return entry

    def redeem(
        self, text: str, order: str, today: date, sold: Callable[[IssuedCode], bool] = lambda _: True
    ) -> IssuedCode | Refusal:
        """The code's offer, now redeemed by `order`; or why not (`sold`: the menu still sells it)."""
        if self.wrong.paused_for():
            return Refusal.PAUSED
        refusal = self._refusal(fmt.plain(text))
        if refusal is not None:
            return self._refused(refusal, fmt.plain(text))
        code = fmt.plain(text)
        with self._locked():
            self._catch_up()
            found = self._issued.get(code)
            if found is None:
                return self._refused(
                    Refusal.WRONG, code
                )  # the check held, yet never printed: say nothing more
            try:
                issued = decoder(IssuedCode).decode(found)
            except (msgspec.ValidationError, msgspec.DecodeError):
                return self._refused(Refusal.WRONG, code)  # its record damaged by hand
            if today > issued.until:
                return Refusal.EXPIRED
            if code in self._redeemed:
                return Refusal.USED
            if code in self._refunded:
                return Refusal.REFUNDED
            if not sold(issued):
                return Refusal.OFF_MENU
            self._append("redeemed.jsonl", RedeemedCode(code=code, order=order, day=today))
            return issued

    def redeemed_by(self, terminal: str) -> dict[str, tuple[str, str]]:
        """The codes redeemed by the terminal's orders (`T1-20261123-0042`, never `T1-B-...`'s), each
        with its order and the day it was redeemed."""
        with self._locked():
            self._catch_up_redeemed()  # at a terminal's start: the list of codes printed waits for a code
            return self._redeemed_by(terminal, 0)

    def unsettled(self, terminal: str) -> tuple[dict[str, tuple[str, str]], int]:
        """`redeemed_by`, of the redemptions the ledger took since the terminal's start last settled
        them (`keep_settled`; the last `UNKNOWN_SETTLED` when that is not known), and how many records
        the ledger holds."""
        since = self._settled(terminal)
        with self._locked():
            self._catch_up_redeemed()
            if since is None or since > self.redemptions:  # never kept, or a ledger restored shorter
                since = max(0, self.redemptions - UNKNOWN_SETTLED)
            return self._redeemed_by(terminal, since), self.redemptions

    def keep_settled(self, terminal: str, redemptions: int) -> None:
        """The terminal's redemptions up to the ledger's `redemptions`th record are settled (best
        effort: a start that could not keep it settles them again, which changes nothing)."""
        with suppress(OSError, DataFolderError):
            replace_whole(own_folder(self.folder) / f"{terminal}.settled", str(redemptions).encode())

    def _settled(self, terminal: str) -> int | None:
        try:
            return whole_number(read_regular(self.folder / f"{terminal}.settled", 20).decode("ascii"))
        except (OSError, DataFolderError, UnicodeDecodeError):
            return None  # never kept, or not a file pos wrote: as if never kept

    def _redeemed_by(self, terminal: str, since: int) -> dict[str, tuple[str, str]]:
        own = re.compile(rf"{re.escape(terminal)}-[0-9]{{8}}-[0-9]+")
        return {
            code: (order, self._redeemed_on.get(code, ""))
            for code, order in self._redeemed.items()
            if own.fullmatch(order) and self._redeemed_at[code] >= since
        }

    def last_orders(self, terminal: str) -> list[str]:
        """The last order of each day of the terminal's that the ledger of redemptions names, a
        redemption undone included (`T1-20261123-0042`)."""
        own = re.compile(rf"{re.escape(terminal)}-[0-9]{{8}}")
        with self._locked():
            self._catch_up_redeemed()
            return [f"{day}-{number:04d}" for day, number in self._numbered.items() if own.fullmatch(day)]

    def set_aside_damage(self) -> list[str]:
        """At a terminal's start: each ledger cut where a line longer than any record begins (a
        file made huge, blocks zeroed), what it held kept in `set-aside/`, so no later start meets
        it again; a message for each."""
        with self._locked():
            found = [set_aside_damage(self.folder.parent, self.folder / name) for name in LEDGERS]
        return [notice for notice in found if notice is not None]

    def undo(self, code: str, order: str) -> None:
        """A redemption whose order never reached the log: the code may be redeemed again."""
        with self._locked():
            self._catch_up_redeemed()
            if self._redeemed.get(code) == order:
                self._append("redeemed.jsonl", RedeemedCode(code=code, order=order, undone=True))

    def refund(self, order: str) -> None:
        """The codes `order` printed never redeem: it was refunded. Once however often it is asked
        (a refund asked again after a kill); nothing when the store never printed a code."""
        if not is_folder(self.folder):
            return
        with self._locked():
            self._catch_up()
            for code in self._printed_by.get(order, []):
                if code not in self._refunded:
                    self._append("redeemed.jsonl", RedeemedCode(code=code, order=order, refunded=True))
                    self._refunded.add(code)

    # -- the code ------------------------------------------------------------

    def _refusal(self, code: str) -> Refusal | None:
        """What is wrong with the code itself, before the ledger is looked at."""
        if not fmt.looks_like_code(code) or not fmt.typed_right(code):
            return Refusal.MISTYPED
        if len(code) == fmt.LEGACY_LENGTH:
            return None  # a version 2 code: only its ledger entry vouches for it
        parts = fmt.decode(code)
        assert parts is not None
        if parts.tag != self._tag:
            return Refusal.OTHER_STORE
        if not hmac.compare_digest(_bytes(parts.check), _bytes(self._check(parts.body))):
            return Refusal.WRONG
        return None

    def _refused(self, refusal: Refusal, code: str) -> Refusal:
        if self.training and refusal in (Refusal.OTHER_STORE, Refusal.WRONG):
            refusal = Refusal.NOT_TRAINING  # a live code, another store's, a guess: all alike
        elif refusal in (Refusal.OTHER_STORE, Refusal.WRONG) and training_lists(self.folder.parent, code):
            return Refusal.TRAINING  # a trainee's receipt: its code was printed, not guessed
        if refusal.is_wrong:
            self.wrong.wrong()
        return refusal

    def _check(self, body: int) -> int:
        digest = hmac.new(self._secret(), body.to_bytes(8, "big"), hashlib.sha256).digest()
        return int.from_bytes(digest[:4], "big") >> (32 - fmt.CHECK_BITS)

    def secret_at_hand(self) -> None:
        """The secret, made if the store has none yet; DataFolderError naming what to restore when it
        is gone while codes made with it are listed."""
        self._secret()

    def _secret(self) -> bytes:
        """The store's secret, made at first use; never made anew while codes made with it are listed."""
        if self._key is not None:
            return self._key
        path = self.folder / "secret"
        if not os.path.lexists(path):
            with self._locked():
                if not os.path.lexists(path):
                    self._make_secret(path)
        if os.name == "posix" and os.lstat(path).st_mode & 0o077 and not os.path.islink(path):
            os.chmod(path, PRIVATE_MODE)  # restored from a backup readable by all: the owner's only
        key = read_regular(path, SECRET_BYTES)
        if len(key) != SECRET_BYTES:
            raise DataFolderError(
                f"{path}: not a secret pos made ({len(key)} bytes); restore it from a backup"
            )
        self._key = key
        return key

    def _make_secret(self, path: Path) -> None:
        self._catch_up()
        if self._issued:
            raise DataFolderError(
                f"{path} is missing while {self.folder / 'issued.jsonl'} lists {len(self._issued)} code(s) "
                "printed with it: restore it from a backup of this folder (without it those codes "
                "cannot be checked); to start codes afresh, move the codes folder away"
            )
        fd = open_regular(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
        with os.fdopen(fd, "wb") as handle:
            handle.write(secrets.token_bytes(SECRET_BYTES))
            handle.flush()
            os.fsync(handle.fileno())

    # -- the files -------------------------------------------------------------

    def _locked(self) -> _Lock:
        return _Lock(own_folder(self.folder) / "codes.lock")

    def _catch_up(self) -> None:
        """What other terminals (or this one) wrote since the last look; under the lock."""
        self._catch_up_issued()
        self._catch_up_redeemed()

    def _catch_up_issued(self) -> None:
        again, records = self._issued_file.new_records()
        if again:
            self._issued.clear()
            self._printed_by.clear()
            self._next_serial = 0
        for record, line in records:
            if str(record["code"]) not in self._issued:
                self._printed_by.setdefault(str(record.get("order")), []).append(str(record["code"]))
            self._issued.setdefault(str(record["code"]), line)
            serial = record.get("serial")
            if isinstance(serial, int) and not isinstance(serial, bool):
                self._next_serial = max(self._next_serial, serial + 1)

    def _catch_up_redeemed(self) -> None:
        again, records = self._redeemed_file.new_records()
        if again:
            self._redeemed.clear()
            self._redeemed_on.clear()
            self._redeemed_at.clear()
            self._refunded.clear()
            self._numbered.clear()
            self.redemptions = 0
        for record, _ in records:
            code = str(record["code"])
            self.redemptions += 1
            day, _, text = str(record.get("order")).rpartition("-")
            number = whole_number(text)
            if number is not None:
                self._numbered[day] = max(self._numbered.get(day, 0), number)
            if record.get("refunded") is True:
                self._refunded.add(code)
            elif record.get("undone") is True:
                self._redeemed.pop(code, None)
            else:
                self._redeemed[code] = str(record.get("order"))
                self._redeemed_on[code] = str(record.get("day"))
                self._redeemed_at[code] = self.redemptions - 1

    def _append(self, name: str, record: IssuedCode | RedeemedCode) -> None:
        """The record on a line of its own: after a torn one (a crash mid-write), on the next line."""
        path = self.folder / name
        fd = open_regular(path, os.O_RDWR | os.O_APPEND | os.O_CREAT)  # owner-only, a ledger v2 too
        with os.fdopen(fd, "a+b") as handle:
            size = handle.seek(0, os.SEEK_END)
            torn = size > 0 and handle.seek(size - 1) >= 0 and handle.read(1) != b"\n"
            handle.write(b"\n" * torn + encode(record))
            handle.flush()
            os.fsync(handle.fileno())


class _Lock:
    """The store's codes lock, held while a code is issued or redeemed."""

    def __init__(self, path: Path) -> None:
        self._path = path

    def __enter__(self) -> None:
        self._handle = lock_file(self._path)
        wait_lock(self._handle)

    def __exit__(self, *exc: object) -> None:
        self._handle.close()


def _bytes(number: int) -> bytes:
    return number.to_bytes(4, "big")
