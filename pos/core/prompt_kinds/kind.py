"""What a kind of prompt is: everything about it that is not the same for every kind."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PromptKind:
    name: str
    """As logged and reported: `upsell`."""
    title: str
    """The prompt panel's title while one is up: `UPSELL`."""
    mark: str
    """Beside an order line that a yes to it added or changed: `▲ upsold`."""
    default_pitch: str
    """What the cashier says when the rule gives no pitch."""
    plural: str
    """In a trainee's tips: `You skipped 3 of 4 cross-sells`."""
    drill_yes: float
    """How often a random drill customer says yes to one."""
    simulated_yes: float
    """How often a simulated customer takes one, before each offer's and cashier's own spread."""
    yes_words: tuple[str, ...]
    """What a drill customer says when they take it; `{offer}` is what was offered."""
