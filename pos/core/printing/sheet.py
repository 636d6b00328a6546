"""A report for the receipt printer and the screen alike, as plain text: a title, lines under it, and
sections of label and value rows (the day's close: `pos.core.analytics.day_sheet`). Whoever makes
one has already written its money; whoever shows one escapes its text."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    title: str
    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Sheet:
    title: str
    lines: tuple[str, ...]
    sections: tuple[Section, ...]
