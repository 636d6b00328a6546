"""Examples of keying taken from the menu in use, for the entry line's hint and the help screen."""

from __future__ import annotations

from dataclasses import dataclass

from pos.core.selling.menu import Item, Menu


@dataclass(frozen=True)
class KeyExamples:
    item: Item
    """The menu's first item: `CODE`, `3*CODE`."""
    sized: Item | None
    """An item with sizes, the first whose largest size is one word (`20 large`), for `CODE SIZE`."""

    @property
    def size(self) -> str | None:
        return self.sized.sizes[-1].name if self.sized is not None else None


def key_examples(menu: Menu) -> KeyExamples:
    items = list(menu.items.values())
    sized = [item for item in items if item.has_sizes]
    one_word = [item for item in sized if " " not in (item.sizes[-1].name or " ")]
    chosen = one_word or sized
    return KeyExamples(items[0], chosen[0] if chosen else None)


def entry_hint(menu: Menu) -> str:
    examples = key_examples(menu)
    code = examples.item.code
    parts = [code, f"2*{code}"]
    if examples.sized is not None and examples.size:
        parts.append(f"{examples.sized.code} {examples.size.casefold()}")
    return f"Item code: {' · '.join(parts)} · a name · Ctrl+P to find"
