"""Cost against the size of the menu: `pos menu check` and the Ctrl+P palette at 1,000 and 10,000 items.

Goals: a 1,000-item menu checks in under 0.5 s (the whole command, Python's
start included) and the palette answers a key within a frame (16.7 ms) at
1,000 items. The baseline, measured in the same run, is a bare command that
starts Python and imports Rich. Medians.

    python3 benchmarks/menu_scale.py [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
QUERIES = ("i", "it", "ite", "item", "item 5", "item 55", "number 12", "c7")


def big_menu(items: int, folder: Path) -> Path:
    """A menu of `items` items (a third with sizes) in 20 categories, each with an upsell and a cross-sell."""
    parts = ['[menu]\nname = "Big"\ncurrency = "USD"\ntax_rate = "0.08"\n']
    for number in range(items):
        head = f'[[item]]\ncode = "I{number}"\nname = "Item number {number}"\ncategory = "c{number % 20}"\n'
        if number % 3 == 0:
            parts.append(
                head + 'sizes = [{ name = "Small", price = "1.00" }, { name = "Large", price = "1.50" }]\n'
            )
        else:
            parts.append(head + f'price = "2.{number % 100:02d}"\n')
    for category in range(20):
        parts.append(
            f'[[cross_sell]]\nwhen = ["category:c{category}"]\noffer = "I{(category * 7) % items}"\n'
        )
        parts.append(f'[[upsell]]\ncategory = "c{category}"\nto = "next"\n')
    path = folder / f"menu-{items}.toml"
    path.write_text("\n".join(parts))
    return path


def timed(*command: str) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def palette_ms(menu_path: Path) -> list[float]:
    """A key's search in the Ctrl+P finder, its lines made once as when it opens."""
    sys.path.insert(0, str(HERE.parent))
    from pos.core.selling.menu_loader import load_menu
    from pos.palette import Search, item_choices

    search = Search(item_choices(load_menu(menu_path), lambda code: None))
    times = []
    for query in QUERIES:
        start = time.perf_counter()
        search(query)
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        menus = {items: big_menu(items, Path(folder)) for items in (1_000, 10_000)}
        bare = [timed(sys.executable, "-c", "import rich.console") for _ in range(args.runs)]
        checks = {
            items: [timed(sys.executable, "-m", "pos", "menu", "check", str(path)) for _ in range(args.runs)]
            for items, path in menus.items()
        }
        keys = {items: palette_ms(path) for items, path in menus.items()}
    base = statistics.median(bare)
    print(f"{'median of ' + str(args.runs):<34} | {'time':>9} | vs bare")
    print(f"{'bare command (Python, Rich)':<34} | {base:7.3f} s | 1.00x")
    for items, runs in checks.items():
        median = statistics.median(runs)
        print(f"{f'pos menu check, {items:,} items':<34} | {median:7.3f} s | {median / base:.2f}x")
    for items, times in keys.items():
        print(
            f"{f'palette, a key at {items:,} items':<34} | {statistics.median(times):6.1f} ms | worst {max(times):.1f} ms"
        )


if __name__ == "__main__":
    main()
