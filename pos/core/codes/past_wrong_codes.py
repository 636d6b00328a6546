"""The wrong codes a terminal keyed before this start, read back from its audit files, so the pause
they made (`pos.core.codes.wrong_codes`) outlives a quit and a restart.

Only today's and yesterday's files are read (`MEMORY`, a day, is all a pause's length looks back
on), and only the terminal's own events of the session's mode: a training session's wrong codes
never pause the live counter, nor the reverse. A code keyed during a pause was not checked and
counts for nothing; a line that is not such an event is passed over.
"""

from __future__ import annotations

import json
from contextlib import suppress
from datetime import datetime, timedelta
from pathlib import Path

from pos.core.base.bounded_lines import lines_of
from pos.core.base.events import Mode
from pos.core.codes.codes import Refusal
from pos.core.codes.wrong_codes import MEMORY
from pos.core.log.eventlog import AUDIT
from pos.core.log.log_layout import own_log_file
from pos.core.log.storage import SUFFIX

ACTION = "wrong_code"
_NOT_CHECKED = f": {Refusal.PAUSED.name.lower()}"
"""How an audit event's `detail` ends for a code keyed during a pause (`pos.core.codes.receipt_offer`)."""


def past_wrong_codes(data_dir: Path, terminal: str, mode: Mode, now: datetime) -> list[float]:
    """Seconds ago of each wrong code the terminal keyed in `mode` within `MEMORY` of `now`, oldest
    first. An event with no `mode` is of a version that logged live ones only."""
    ages = []
    for day in (now.date() - timedelta(days=1), now.date()):
        path = own_log_file(data_dir, day, f"{terminal}.{AUDIT}{SUFFIX}")
        for line in lines_of(path) if path is not None else ():
            with suppress(KeyError, ValueError, TypeError, AttributeError):
                event = json.loads(line)
                detail = event["detail"]
                if (
                    event["action"] != ACTION
                    or event.get("mode", Mode.LIVE) != mode
                    or detail.endswith(_NOT_CHECKED)
                ):
                    continue
                ago = (now - datetime.fromisoformat(event["ts"])).total_seconds()
                if 0 <= ago < MEMORY:
                    ages.append(ago)
    return sorted(ages, reverse=True)
