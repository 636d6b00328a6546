"""The currency each exported record was sold in, from the menus its terminal recorded on its day
(`pos.core.log.menu_stamp`): money from stores, or days, in different currencies is then never added
up by a query that does not look.

A record takes the currency of the menus its store's terminal recorded on the record's day; a
terminal-day with no menu record (logged before menus were recorded) takes its store's, when every
menu the store recorded in the export's days is in one. Otherwise (a terminal that started with a
menu in another currency that day, or no menu recorded for the store) the currency is unknown:
null, and a notice names the terminal and day.
"""

from __future__ import annotations

from pos.core.analytics.report_labels import recorded_menus
from pos.core.log.log_layout import LogFiles

Key = tuple[str, str, str]
"""A store id, a day (YYYY-MM-DD) and a terminal."""


SHOWN = 3
"""The terminal-days a notice names by name; the rest it counts."""


class RecordCurrencies:
    def __init__(self, layout: LogFiles) -> None:
        self._unread: list[str] = []
        self._sold: dict[Key, set[str]] = {}
        self._store: dict[str, set[str]] = {}
        self._unknown: dict[Key, None] = {}
        for record in recorded_menus(layout, None, self._unread):
            currency = record.stamp.currency
            self._store.setdefault(record.store, set()).add(currency)
            self._sold.setdefault((record.store, record.day, record.terminal), set()).add(currency)

    def of(self, store_id: str, day: str, terminal: str) -> str | None:
        """The currency of a record of `store_id`'s `terminal` logged on `day`; None when unknown."""
        key = (store_id, day, terminal)
        sold = self._sold.get(key) or self._store.get(store_id, set())
        if len(sold) == 1:
            return next(iter(sold))
        self._unknown[key] = None
        return None

    @property
    def notices(self) -> list[str]:
        """The stamps not read, then what left a currency unknown: a terminal-day's menus in several,
        and, by store, the terminal-days with no menu record when the store's menus do not tell."""
        said = list(self._unread)
        unrecorded: dict[str, list[str]] = {}
        for store, day, terminal in self._unknown:
            if (store, day, terminal) in self._sold:
                currencies = ", ".join(sorted(self._sold[store, day, terminal]))
                said.append(
                    f"{terminal} on {day} (store {store}) sold from menus in {currencies}: its records' "
                    "currency is left null"
                )
            else:
                unrecorded.setdefault(store, []).append(f"{terminal} on {day}")
        for store, where in unrecorded.items():
            more = f" and {len(where) - SHOWN} more" if len(where) > SHOWN else ""
            sold = self._store.get(store)
            why = f"its menus are in {', '.join(sorted(sold))}" if sold else "it recorded none"
            said.append(
                f"store {store}: no menu recorded for {', '.join(where[:SHOWN])}{more}, and {why}: "
                "their records' currency is left null"
            )
        return said
