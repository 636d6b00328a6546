"""What `pos menu check` prints of a good menu: its overview, then each section."""

from __future__ import annotations

import textwrap
from pathlib import Path

from rich.console import Console
from rich.text import Text

from pos.core.base.money import format_money
from pos.core.base.text import printable
from pos.core.selling.candidates import percent
from pos.core.selling.menu import Menu
from pos.core.selling.prompt_kinds import Moment, kinds


def print_summary(menu: Menu, path: Path, console: Console) -> None:
    """Every line wrapped here at the terminal's width, under its own indent and with no trailing
    space, and printed as it is (`soft_wrap`): the terminal never wraps one back to its left edge."""
    width = console.width
    print_overview(menu, path, console)
    for warning in menu.warnings:
        console.print(Text(f"warning: {warning}", style="bold yellow"), soft_wrap=True)
    if menu.combos:
        console.print(meals(menu, width), soft_wrap=True)
    console.print(prompts_by_item(menu, width), soft_wrap=True)
    for line in offers_after_the_items(menu):
        console.print(Text(wrapped(line, width)), soft_wrap=True)
    several = [line for kind in kinds() if kind.choices is not None for line in kind.choices(menu)]
    if several:
        console.print(Text("Rules with several offers, and when the guards allow each", style="bold"))
        for line in several:
            console.print(Text(wrapped("  " + line, width)), soft_wrap=True)
    console.print(rule_ids(menu), soft_wrap=True)


def wrapped(line: str, width: int, under: int | None = None) -> str:
    """`line` wrapped at `width`, each line after the first under column `under` (by default under
    the words of the first: its own indent), no line ending in a space."""
    if len(line) <= width:  # most lines: nothing to wrap (a menu of 10,000 items prints quickly)
        return line.rstrip(" ")
    indent = len(line) - len(line.lstrip(" "))
    return textwrap.fill(
        line.lstrip(" "),
        max(width, 20),
        initial_indent=" " * indent,
        subsequent_indent=" " * (indent if under is None else under),
    )


def print_overview(menu: Menu, path: Path, console: Console) -> None:
    """The menu's size and currency, its rules by kind, dayparts, guards, holdout and drill chances."""
    categories = {item.category for item in menu.items.values() if item.category}
    name = menu.name
    heading = Text(
        wrapped(
            f"{name}: {printable(str(path))} is a good menu. {len(menu.items)} items in {len(categories)} "
            f"categories, prices in {menu.currency}, tax {percent(menu.tax_rate)} %.",
            console.width,
        )
    )
    heading.stylize("bold", 0, len(name))
    console.print(heading, soft_wrap=True)
    rules = ", ".join(
        f"{len(kind.rules(menu))} {kind.name.replace('_', '-')}" for kind in kinds() if kind.read_rule
    )
    lines = [f"Rules: {rules}.", *([dayparts(menu)] if menu.dayparts else []), guards(menu), holdouts(menu)]
    if menu.drill_chances:
        lines.append(drill_chances(menu))
    for line in lines:
        console.print(Text(wrapped(line, console.width)), soft_wrap=True)


def dayparts(menu: Menu) -> str:
    return "Dayparts: " + ", ".join(
        f"{part.name} {part.start // 60:02d}:{part.start % 60:02d}-{part.end // 60:02d}:{part.end % 60:02d}"
        for part in menu.dayparts
    )


def guards(menu: Menu) -> str:
    """What keeps prompting in bounds: prompts per order, how much an upsell may add."""
    limits = []
    if menu.max_prompts_per_order is not None:
        limits.append(f"at most {menu.max_prompts_per_order} prompts per order")
    if menu.max_upsell_ratio is not None:
        limits.append(f"no upsell adding more than {menu.max_upsell_ratio} x the item's price")
    return "Guards: " + ("; ".join(limits) if limits else "none")


def drill_chances(menu: Menu) -> str:
    names = menu.names()
    return (
        "Drills: customers say yes to an offer of "
        + ", ".join(
            f"{names.get(code, code)} {chance * 100:g} %" for code, chance in menu.drill_chances.items()
        )
        + " of the time"
    )


def offers_after_the_items(menu: Menu) -> list[str]:
    """Each kind offered at payment or on the receipt: a heading, then its offers a line each."""
    lines = []
    for kind in kinds():
        if kind.describe is not None and kind.moment in (Moment.PAYMENT, Moment.RECEIPT):
            offers = kind.describe(menu, None)
            lines.append(f"{kind.plural.capitalize()} ({kind.chosen}): " + ("" if offers else "none"))
            lines += [f"  {offer}" for offer in offers]
    return lines


def rule_ids(menu: Menu) -> Text:
    """Each rule's id: what its prompts log as `rule`, and the reports call it (`--by rule`)."""
    text = Text()
    text.append('Rule ids (as the reports name them; id = "..." on a rule sets its own)\n', style="bold")
    for (table, number), rule in menu.rule_ids.items():
        text.append(f"  {f'{table} #{number}':<15} ", style="dim")
        text.append(printable(rule) + "\n")
    return text


def holdouts(menu: Menu) -> str:
    """What share of prompt chances is held out (not shown, to measure what prompting adds): the
    menu's, then each rule's own, named as the rule ids' list names it."""
    shares = ", ".join(
        f"{table} #{number} ({printable(menu.rule_ids[(table, number)])}) {percent(share)} %"
        for (table, number), share in menu.holdouts.items()
    )
    return f"Holdout: {percent(menu.holdout)} % of prompt chances" + (
        f"; by rule: {shares}" if shares else ""
    )


def meals(menu: Menu, width: int) -> Text:
    """Each combo, its price against its cheapest full set bought alone, and each slot's choices."""
    currency = menu.currency
    text = Text()
    text.append("Meals\n", style="bold")
    for combo in menu.combos.values():
        text.append(f"{combo.code:<6} ", style="bold")
        text.append(combo.name, style="bold")
        text.append(
            f"  {format_money(combo.price, currency)}: a full set alone {format_money(combo.a_la_carte, currency)}, "
            f"saves {format_money(combo.saving, currency)}{combo.window.described()}\n"
        )
        for slot in combo.slots:
            choices = []
            for item in slot.choices:
                size = slot.size_of(item).name
                premium = slot.premium(item, size)
                choices.append(item.label(size) + (f" +{format_money(premium, currency)}" if premium else ""))
            text.append(f"       {slot.name:<11} ", style="dim")
            text.append(", ".join(choices) + "\n")
        for kind in kinds():
            if kind.describe is not None and kind.moment is Moment.ITEM:
                for line in kind.describe(menu, combo):
                    _described(text, kind.name.replace("_", "-"), line, width)
    return text


LABEL = 19
"""Where an item's prompts start, after their kind."""


def _described(text: Text, label: str, line: str, width: int, style: str = "") -> None:
    """A prompt's line under its item, after its kind's `label` (dim), wrapped under itself."""
    text.append(f"       {label:<11} ", style="dim")
    text.append(wrapped(" " * LABEL + line, width, LABEL)[LABEL:] + "\n", style=style)


def prompts_by_item(menu: Menu, width: int) -> Text:
    """Each item, its prices, then what each kind of prompt may offer for it, a line each, wrapped
    under itself at `width`.

    One Text built line by line, not a table: its cost grows with the menu and no
    faster (a Rich table measured every cell; 66 s for 10,000 items).
    """
    currency = menu.currency
    item_kinds = [kind for kind in kinds() if kind.describe is not None and kind.moment is Moment.ITEM]
    text = Text()
    text.append("Which item triggers which prompts\n", style="bold")
    for item in menu.items.values():
        prices = " · ".join(
            f"{size.name + ' ' if size.name else ''}{format_money(size.price, currency)}"
            for size in item.sizes
        )
        text.append(f"{item.code:<6} ", style="bold")
        text.append(item.name, style="bold")
        if item.category:
            text.append(f" ({item.category})", style="dim")
        text.append(f"  {prices}\n")
        for kind in item_kinds:
            assert kind.describe is not None
            lines = kind.describe(menu, item)
            label = kind.name.replace("_", "-")
            for number, line in enumerate(lines or ["none"]):
                _described(text, label if number == 0 else "", line, width, "dim" if not lines else "")
    return text
