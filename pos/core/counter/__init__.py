"""The counter with no screen: every key the cashier presses, in order, and what it does to the
sale. The `Counter` alone owns the sale's state; the prompt flow, the till and meal keying
return the next step. The entry line, the finder, line keys, tenders and the shop (menu,
terminal, log, clock, chance) that a counter works with."""
