"""Esc and the key after it, when a terminal delivers them in one read.

A terminal cannot tell Esc followed at once by another key from Alt (Option)
with that key: Textual reads "Esc 2" as "™" (the macOS Option+2), "Esc n" as
Alt+N, "Esc b" as Ctrl+Left. Typed slowly, the same keys are Esc, then the key.
No key of `pos` uses Alt, Option or Ctrl with an arrow, so they are split back
into Esc and the key: a burst then acts as slow typing.
"""

from __future__ import annotations

from textual._ansi_sequences import ANSI_SEQUENCES_KEYS
from textual.keys import _character_to_key

ESC = "\x1b"


def _after_escape() -> dict[str, str]:
    """What Textual calls "Esc X" (a key name, a character and its key name), mapped to X."""
    pairs: dict[str, str] = {}
    for sequence, meaning in ANSI_SEQUENCES_KEYS.items():
        if len(sequence) == 2 and sequence[0] == ESC and sequence[1] != ESC:
            # A character ("™") also by its key name ("trade_mark_sign"): an event may carry only that.
            names = (
                [meaning, _character_to_key(meaning)] if isinstance(meaning, str) else [meaning[0].value]  # type: ignore[index]
            )
            for name in names:
                if (
                    name not in pairs or sequence[1].isalnum()
                ):  # "§" is Esc 6 as well as Esc §: the digit is likelier
                    pairs[name] = sequence[1]
    return pairs


AFTER_ESCAPE = _after_escape()
NAMED = {"\t": "tab", "\x7f": "backspace", " ": "space"}


def split_keys(key: str, character: str | None) -> list[tuple[str, str | None]]:
    """The keys a terminal key event stands for, in order: one, or Esc and the key after it."""
    typed = AFTER_ESCAPE.get(key) or (AFTER_ESCAPE.get(character) if character else None)
    if typed is not None:
        return [("escape", None), (NAMED.get(typed, typed), typed)]
    if key.startswith("alt+"):
        rest = key.removeprefix("alt+").removeprefix("shift+")
        return [("escape", None), (rest if len(rest) > 1 else character or rest, character)]
    return [(key, character)]
