"""What is sold and how it is offered: the menu (its file read and checked, its rules, meals,
pitches and the drills' words), the order and its totals (and what each line sold took of a
paid order's discounts and tax: `line_shares`), and the selling engine that proposes
each prompt kind's offer (`prompt_kinds`, a registry: one module per kind), caps and draws it,
and applies the answer; a rule's several offers and the choice among them, the first allowed or
learned (`learned_choice`, from answers handed in); meals and the best deal at payment. No file
is read or written here beyond the menu."""
