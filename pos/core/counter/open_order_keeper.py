"""The counter's open order, kept on disk whenever it changes, so a kill loses none of it."""

from __future__ import annotations

from pos.core.counter.shop import Recorder
from pos.core.selling.engine import Sale


class OpenOrderKeeper:
    def __init__(self, recorder: Recorder) -> None:
        self._recorder = recorder
        self._kept: tuple[object, ...] | None = None
        """What of the open order is on disk: its order, lines, voided lines and prompts."""
        self._seen: tuple[Sale, int, bool] | None = None
        """The sale as last looked at: most keys (a character typed) change nothing of it."""

    def keep(self, sale: Sale) -> None:
        seen = (sale, sale.changes, sale.closed)
        if seen == self._seen:
            return
        self._seen = seen
        draft = sale.draft()
        kept = None if draft is None else (draft.order, draft.lines, draft.voided_lines, draft.prompts)
        if kept != self._kept:
            self._kept = kept
            self._recorder.open_order(draft)
