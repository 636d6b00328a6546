"""`[drill] chances = { "50" = 0.8, "40" = 0 }`: how often a drill's customer says yes to an
offer of each item, read alike from a menu (every drill on it) and from a drill script (that
drill; its codes win over the menu's)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal

from pos.core.base.toml_fields import Entry, FieldReader
from pos.core.selling.menu import Offered

DRILL_KEYS = {"chances", "words"}
"""What a menu's [drill] table may hold."""


def read_chances(
    reader: FieldReader, drill: Mapping[str, object], find: Callable[[str], Offered | None]
) -> dict[str, float]:
    """By the offered item's code key, a chance from 0 to 1; each bad code or chance a problem."""
    raw = drill.get("chances", {})
    entry = Entry("[drill]", "drill")
    if not isinstance(raw, dict):
        reader.problem(entry, "chances", 'expected a table of item codes and chances, like { "50" = 0.8 }')
        return {}
    chances = {}
    for code, chance in raw.items():
        item = find(code)
        number = (
            float(chance)
            if isinstance(chance, (int, float, Decimal)) and not isinstance(chance, bool)
            else None
        )
        if item is None:
            reader.problem(entry, "chances", f"unknown item code {code!r}")
        elif number is None or not 0 <= number <= 1:
            reader.problem(entry, "chances", f"{code!r}: expected a chance from 0 to 1, got {chance!r}")
        else:
            chances[item.key] = number
    return chances
