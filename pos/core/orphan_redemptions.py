"""A redemption and its order stand or fall together. A code's redemption reaches the store's
ledger before its `redeemed` event reaches the terminal's log; a kill between the two leaves a
code used up by an order that never was. At the terminal's next start, its last redemptions
whose event is not in the log are undone: the code may be redeemed again, and the order number
the ledger named means nothing more.

Only the last few are looked at: each start settles what the one before left, and a terminal
writes its records in order, so a kill can orphan only its last redemption.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import date, timedelta

from pos.core.codes import Codes
from pos.core.eventlog import PROMPTS, EventLog
from pos.core.log_layout import own_log_file
from pos.core.storage import SUFFIX

RECENT = 3


def undo_orphans(log: EventLog, codes: Codes) -> list[str]:
    """Undo the terminal's last redemptions that its log does not hold; a notice for each."""
    notices = []
    redeemed = list(codes.redeemed_by(log.terminal).items())[-RECENT:]
    for code, (order, day) in redeemed:
        if not _logged(log, code, order, day):
            codes.undo(code, order)
            notices.append(
                f"code {code} was redeemed by order {order}, which was never recorded (pos stopped "
                "in between): the code may be redeemed again"
            )
    return notices


def _logged(log: EventLog, code: str, order: str, redeemed: str) -> bool:
    day = _day_of(order)
    if day is None:
        return True  # not an order number this terminal gives: not ours to undo
    needle = f'"code":"{code}"'
    last = day + timedelta(days=1)  # an order may close after midnight
    with suppress(ValueError):  # an order numbered on a Friday may be keyed on the Monday
        last = max(last, date.fromisoformat(redeemed) + timedelta(days=1))
    for each in (day + timedelta(days=n) for n in range(min((last - day).days, 31) + 1)):
        path = own_log_file(log.data_dir, each, f"{log.terminal}.{PROMPTS}{SUFFIX}")
        if path is not None and any(
            needle in line and '"outcome":"redeemed"' in line
            for line in path.read_text(errors="replace").splitlines()
        ):
            return True
    return False


def _day_of(order: str) -> date | None:
    """The day of `T1-20261123-0042`."""
    parts = order.rsplit("-", 2)
    try:
        return date(int(parts[-2][:4]), int(parts[-2][4:6]), int(parts[-2][6:]))
    except (IndexError, ValueError):
        return None
