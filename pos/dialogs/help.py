"""F1: the keys, and how to key an item."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# Keys

| key | does |
| --- | --- |
| `20` Enter | add item 20 at its default size |
| `3*20` Enter | add three of item 20 |
| `20 large`, `20 l` | add it in the size the customer asked for (no size upsell) |
| `chees` Enter, **Ctrl+P** | find an item by name |
| **y** / **n** / **Esc** | at a prompt: the customer said yes / said no / you did not ask |
| **↑** **↓** | select a line |
| **F8** | void the selected line (the last one unless you moved) |
| **F9** | void the whole order |
| **F10** | payment: the last offer, then the amount (Enter alone: exact) |
| **F1** | this help; **Esc** closes it |
| **Ctrl+Q** | quit (asks first when an order is open) |

Every prompt asks you to *say* the sentence shown. Record what the customer
answered: it is what the reports count.
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "close", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-card", classes="card"):
            yield Markdown(HELP)

    def action_close(self) -> None:
        self.dismiss()
