"""The cross-sell: an add-on that goes with the line just keyed ("Fries with that?")."""

from pos.core.prompt_kinds.kind import PromptKind

KIND = PromptKind(
    name="cross_sell",
    title="ADD-ON",
    mark="+ add-on",
    default_pitch="Would you like {offer} with that, for {price}?",
    plural="cross-sells",
    drill_yes=0.35,
    simulated_yes=0.28,
    yes_words=("Oh yes, add a {offer}.", "Sure, why not.", "Yes please!"),
)
