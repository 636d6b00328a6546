"""Keying a meal: its code (`M1`, `2*M1`), then one answer for each slot with a choice.

An answer is a number from the list shown (one key), an item's code and Enter, or
Enter alone for the first choice. Slots with one choice fill themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pos.core.base.digits import is_digits, whole_number
from pos.core.selling.menu import Combo, Item, Menu, Slot, code_key
from pos.core.selling.order import MAX_QTY

MAX_TYPED = 12
"""An item code's longest."""
_COMBO = re.compile(r"\s*(?:([0-9]{1,3})\s*[*x×]\s*)?(.+?)\s*", re.IGNORECASE)


def parse_combo(text: str, menu: Menu) -> tuple[Combo, int] | None:
    """The combo and how many, when the text names a combo by its code or its whole name; None otherwise."""
    keyed = menu.combos.get(code_key(text.strip()))
    if keyed is not None:  # a code that reads like a quantity ("2X4") is the code
        return keyed, 1
    match = _COMBO.fullmatch(text)
    if not match:
        return None
    named = match.group(2)
    combo = menu.combos.get(code_key(named)) or next(
        (combo for combo in menu.combos.values() if combo.name.casefold() == named.casefold()), None
    )
    qty = int(match.group(1) or "1")
    return (combo, qty) if combo is not None and 1 <= qty <= MAX_QTY else None


@dataclass(frozen=True)
class MealOrder:
    """A meal a drill customer orders: the combo, an item for each slot, how many."""

    combo: Combo
    items: tuple[Item, ...]
    qty: int = 1

    def components(self) -> list[tuple[Item, str | None]]:
        """Each slot's item and the size it comes in."""
        return [
            (item, slot.size_of(item).name) for slot, item in zip(self.combo.slots, self.items, strict=True)
        ]


_MEAL_ORDER = re.compile(r"(.+?)\s*\(([^()]*)\)\s*")


def parse_meal_order(text: str, menu: Menu) -> MealOrder | None:
    """`31`, `2*31` or `31 (21, 51)`: a meal with the codes chosen for its slots that have a choice,
    in slot order (the first choice where none is given); None when the text names no meal.
    ValueError names a code that fits no slot left."""
    match = _MEAL_ORDER.fullmatch(text)
    named = parse_combo(match.group(1) if match else text, menu)
    if named is None:
        return None
    combo, qty = named
    draft = MealDraft.start(combo, qty)
    for code in (part.strip() for part in (match.group(2).split(",") if match else []) if part.strip()):
        if draft.asking is None:
            raise ValueError(f"{code!r}: every slot of the {combo.name} with a choice is already chosen")
        problem = draft.choose(code)
        if problem is not None:
            raise ValueError(problem)
    while draft.asking is not None:
        draft.choose("")
    return MealOrder(combo, tuple(draft.items), qty)


@dataclass
class MealDraft:
    combo: Combo
    qty: int
    chosen: list[Item | None] = field(default_factory=list)
    """Each slot's item, None while it is still to be asked."""
    typed: str = ""
    """A code being typed as an answer."""
    dropped: bool = False
    """Esc: the customer does not want the meal after all."""

    @classmethod
    def start(cls, combo: Combo, qty: int, given: tuple[Item | None, ...] = ()) -> MealDraft:
        """Slots `given` an item (the lines a meal prompt builds on) and slots with one choice are not asked."""
        given = given or (None,) * len(combo.slots)
        return cls(
            combo,
            qty,
            [
                item if item is not None else slot.choices[0] if len(slot.choices) == 1 else None
                for slot, item in zip(combo.slots, given, strict=True)
            ],
        )

    @property
    def asking(self) -> Slot | None:
        """The slot whose choice is asked now; None once every slot is filled."""
        return next(
            (slot for slot, item in zip(self.combo.slots, self.chosen, strict=True) if item is None), None
        )

    @property
    def items(self) -> list[Item]:
        return [item for item in self.chosen if item is not None]

    def press(self, key: str, char: str | None) -> str | None:
        """One key while a slot is asked: a list number answers at once, a code is typed and Enter
        answers, Enter alone takes the first choice, Esc drops the meal. What to say, if anything."""
        if key == "escape":
            self.dropped, self.typed = True, ""
            return "Meal not added"
        if key == "backspace":
            self.typed = self.typed[:-1]
            return None
        if key == "enter" or (char is not None and is_digits(char) and not self.typed):
            answer, self.typed = (self.typed if key == "enter" else char or ""), ""
            return self.choose(answer.strip())
        if char is not None and char != " " and len(self.typed) < MAX_TYPED:
            self.typed += char
            return None
        return "Choose with a number, or a code and Enter; Enter alone for the first; Esc drops the meal"

    def choose(self, answer: str) -> str | None:
        """Fill the slot asked with `answer` ("" for the first, a list number, or a code); a problem, or None."""
        slot = self.asking
        if slot is None:
            return None
        picked: Item | None
        if not answer:
            picked = slot.choices[0]
        elif (number := whole_number(answer)) is not None and 1 <= number <= len(slot.choices):
            picked = slot.choices[number - 1]
        else:
            picked = next((item for item in slot.choices if item.key == code_key(answer)), None)
        if picked is None:
            return f"{answer!r} is not a {slot.name} of this meal: a number from 1 to {len(slot.choices)}, or Enter"
        self.chosen[self.chosen.index(None)] = picked
        return None
