"""Where one rule's prompts are compared with each other: within its store.

Two stores whose menus reuse a code derive one rule id, and a chain means the same
rule everywhere by it (`--by rule` groups across stores). But a wording verdict, a
lift or a cashier's coaching compares customers and cashiers who met the rule in one
place: when a report reads several stores, they compare within (store, rule).
"""

from __future__ import annotations

import numpy as np

from pos.core.report import History


def rule_groups(history: History) -> tuple[str, ...]:
    """`("store", "rule")` when the history holds several stores' prompts, else `("rule",)`."""
    return ("store", "rule") if np.unique(history.prompts.text["store_id"]).size > 1 else ("rule",)
