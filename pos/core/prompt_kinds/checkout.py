"""The checkout offer: the last offer of the order, when payment starts."""

from pos.core.prompt_kinds.kind import PromptKind

KIND = PromptKind(
    name="checkout",
    title="BEFORE PAYMENT",
    mark="+ last offer",
    default_pitch="Would you like {offer} to finish, for {price}?",
    plural="checkout offers",
    drill_yes=0.25,
    simulated_yes=0.18,
    yes_words=("Sure, I'll take a {offer}.", "Yes, go on.", "Why not!"),
)
