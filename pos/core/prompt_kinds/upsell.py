"""The upsell: a bigger size, or a better item (a meal), for the line just keyed."""

from pos.core.prompt_kinds.kind import PromptKind

KIND = PromptKind(
    name="upsell",
    title="UPSELL",
    mark="▲ upsold",
    default_pitch="Make that a {offer} for {delta} more?",
    plural="upsells",
    drill_yes=0.45,
    simulated_yes=0.36,
    yes_words=("Sure, make it a {offer}!", "Yes please, a {offer}.", "Go on then."),
)
ITEM_PITCH = "Make it a {offer} for {delta} more?"
"""The default when the upsell is to another item, not a size."""
