"""The after-sale offer's receipt codes: made impossible to guess, printed once, redeemed once
in the whole store (its ledger), a redemption that stands or falls with its order, and a
terminal that pauses after wrong codes keyed in a row."""
