"""`pos menu check FILE`: the loader's checks, then a summary of the menu."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from pos.core.menu_loader import load_menu
from pos.core.menu_summary import checkout_offers, item_prompts
from pos.core.money import format_money
from pos.core.text import printable


def run(path: Path, console: Console) -> int:
    menu = load_menu(path)
    currency = menu.currency
    categories = {item.category for item in menu.items.values() if item.category}
    heading = Text(menu.name, style="bold")
    heading.append(
        f": {printable(str(path))} is a good menu. {len(menu.items)} items in {len(categories)} categories, "
        f"prices in {currency}, tax {(menu.tax_rate * 100).normalize():f} %."
    )
    console.print(heading)
    console.print(
        f"Rules: {len(menu.upsells)} upsell, {len(menu.cross_sells)} cross-sell, {len(menu.checkouts)} checkout."
    )
    if menu.dayparts:
        console.print(
            Text(
                "Dayparts: "
                + ", ".join(
                    f"{part.name} {part.start // 60:02d}:{part.start % 60:02d}-{part.end // 60:02d}:{part.end % 60:02d}"
                    for part in menu.dayparts
                )
            )
        )
    guards = []
    if menu.max_prompts_per_order is not None:
        guards.append(f"at most {menu.max_prompts_per_order} prompts per order")
    if menu.max_upsell_ratio is not None:
        guards.append(f"no upsell adding more than {menu.max_upsell_ratio} x the item's price")
    console.print(Text("Guards: " + ("; ".join(guards) if guards else "none")))

    table = Table(title="Which item triggers which prompts", title_justify="left", show_lines=True)
    table.add_column("Code", no_wrap=True)
    table.add_column("Item")
    table.add_column("Price", justify="right")
    table.add_column("Upsell")
    table.add_column("Cross-sell (first that applies wins)")
    for summary in item_prompts(menu):
        item = summary.item
        prices = "\n".join(
            f"{size.name + ' ' if size.name else ''}{format_money(size.price, currency)}"
            for size in item.sizes
        )
        name = Text(item.name + "\n")
        name.append(item.category or "", style="dim")
        table.add_row(
            Text(item.code),
            name,
            Text(prices),
            _lines(summary.upsells),
            _lines(summary.cross_sells),
        )
    console.print(table)
    offers = checkout_offers(menu)
    console.print(Text("Checkout offers (first that applies): " + ("" if offers else "none")))
    for offer in offers:
        console.print(Text(f"  {offer}"))
    return 0


def _lines(lines: list[str]) -> Text:
    """Menu text is shown as written, never read as markup."""
    return Text("\n".join(lines)) if lines else Text("none", style="dim")
