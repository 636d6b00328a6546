"""The report's vocabulary, apart from its engine, so the CLI parses arguments without numpy."""

from pos.core.prompt_kinds import NAMES

GROUP_FIELDS = (
    "kind",
    "offer",
    "trigger",
    "pitch",
    "variant",
    "cashier",
    "terminal",
    "daypart",
    "hour",
    "day",
)
MODES = ("live", "training", "all")
KINDS = NAMES
FORMATS = ("table", "csv", "json", "html")
ITEM_FIELDS = ("offer", "trigger")
"""Fields that hold item codes, shown with the item's name."""
