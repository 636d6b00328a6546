"""Ask rates and acceptance rates as bars in the terminal, each with its 95 % interval.

`█` is the rate, `▓` the part of the bar inside the interval, `░` the interval
beyond the bar: readable without colour. A label too long to leave the bars
their room beside it ("cross-sell: Double Cheeseburger -> Medium Fries") is never
cut: each label then goes on a line of its own, its bars under it.
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from pos.core.analytics.metrics import Row, acceptance, wilson

BAR = 40
MIN_BAR = 10
"""Below this many cells a bar beside its label, each label goes on a line of its own."""


def bar(rate: float, low: float, high: float, width: int = BAR) -> str:
    cells = []
    for index in range(width):
        position = (index + 0.5) / width
        in_bar, in_interval = position <= rate, low <= position <= high
        cells.append("▓" if in_bar and in_interval else "█" if in_bar else "░" if in_interval else " ")
    return "".join(cells)


class RateBars(Widget):
    COMPONENT_CLASSES = {"rate-bars--bar"}
    DEFAULT_CSS = """
    RateBars { height: auto; }
    RateBars > .rate-bars--bar { color: $accent; }
    """

    rows: reactive[list[tuple[str, Row]]] = reactive(list, layout=True)
    """(label, metrics) pairs."""

    def render(self) -> Text:
        if not self.rows:
            return Text("No answers yet.", style="dim")
        width = max(len(label) for label, _ in self.rows)
        stacked = self.size.width - width - _FIGURES < 2 * MIN_BAR
        if stacked:
            width = 1  # the bars' line starts with a space under its label
        # Label, two bars and their figures on one line: the bars share what the figures leave.
        room = self.size.width - width
        with_counts = (room - _FIGURES) // 2 >= 6
        bar_width = max(4, min(BAR, (room - (_FIGURES if with_counts else _FIGURES - _COUNTS)) // 2))
        style = self.get_component_rich_style("rate-bars--bar")
        text = Text()
        for label, row in self.rows:
            if stacked:
                text.append(f"{label}\n", style="bold")
            text.append(f"{'' if stacked else label:<{width}} ", style="bold")
            low, high = wilson(row["asked"], row["shown"])
            ask = row["ask_rate"]
            if ask is None or low is None or high is None:
                text.append("not shown yet\n", style="dim")
                continue
            text.append("ask ")
            text.append(bar(ask, low, high, bar_width), style=style)
            text.append(f" {ask * 100:3.0f} %  accept ")
            accepted = acceptance(row)
            if accepted is None:
                text.append(" " * bar_width + "  not asked yet\n", style="dim")
                continue
            rate, low, high = accepted
            text.append(bar(rate, low, high, bar_width), style=style)
            counts = f", {row['asked']:,} asked" if with_counts else ""
            text.append(f" {rate * 100:5.1f} % ({low * 100:.0f}-{high * 100:.0f}){counts}\n")
        text.rstrip()
        return text


_FIGURES = 52
"""Columns beside the label and the two bars: "ask", " 72 %  accept ", "  19.9 % (16-24), 1,418 asked"."""
_COUNTS = 14
"""Of them, ", 1,418 asked": left out when the screen is narrow."""
