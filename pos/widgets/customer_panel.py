"""In a drill: the TRAINING banner, the customer at the counter, what they say, the clock."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from pos.core.training.drill import TARGET_SECONDS, DrillRun, Level


class CustomerPanel(Widget):
    def __init__(self, run: DrillRun, id: str | None = None) -> None:
        super().__init__(id=id)
        self.run = run

    def render(self) -> Text:
        run = self.run
        text = Text()
        text.append(" TRAINING ", style="bold reverse")
        text.append(f"  {run.name} · {run.level} · customer {len(run.results)} of {len(run.customers)}")
        current = run.current
        if current is not None and current.seconds == 0:
            if run.level is not Level.EASY:
                elapsed = int(run.timer() - current.arrived)
                text.append(
                    f"  ·  {elapsed // 60}:{elapsed % 60:02d} (aim {TARGET_SECONDS // 60}:{TARGET_SECONDS % 60:02d})"
                )
            if run.level is Level.RUSH:
                text.append(f"  ·  {run.waiting()} waiting")
            text.append("\nThe customer says: ", style="bold")
            text.append(f"“{current.says}”")
        return text
