"""The report's vocabulary, apart from its engine, so the CLI parses arguments without numpy."""

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
KINDS = ("upsell", "cross_sell", "checkout")
FORMATS = ("table", "csv", "json", "html")
ITEM_FIELDS = ("offer", "trigger")
"""Fields that hold item codes, shown with the item's name."""
