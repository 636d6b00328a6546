"""pos: a keyboard-first terminal point of sale for fast-food counters."""
