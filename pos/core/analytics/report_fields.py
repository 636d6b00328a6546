"""The report's vocabulary, apart from its engine, so the CLI parses arguments without numpy."""

GROUP_FIELDS = (
    "store",
    "kind",
    "rule",
    "offer",
    "trigger",
    "pitch",
    "variant",
    "cashier",
    "terminal",
    "daypart",
    "hour",
    "day",
    "seq",
    "heard",
    "declined_before",
    "revisit",
)
"""The spec's `--by` fields (v3: `rule`, the menu rule that made the prompt), `store` (for a report
over several stores' folders), the prompt's place in its order (`seq`, every chance and code
counted), (prompt fatigue) its number among the prompts the customer heard (`heard`) and how many
the customer had already declined in it, and whether the cashier brought the offer back (1) or not (0)."""
MODES = ("live", "training", "all")


def key_fields(by: tuple[str, ...]) -> tuple[str, ...]:
    """A row's key fields: those of `--by`, and after `store` (the name) the store's id, which is
    what a row of it stands for (two stores may share a name)."""
    return tuple(field for name in by for field in ((name, "store_id") if name == "store" else (name,)))


FORMATS = ("table", "csv", "json", "html")
ITEM_FIELDS = ("offer", "trigger")
"""Fields that hold item codes, shown with the item's name."""
