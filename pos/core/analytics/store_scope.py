"""Where a rule's prompts and a cashier are compared: within their store.

Two stores whose menus reuse a code derive one rule id, and a chain means the same
rule everywhere by it (`--by rule` groups across stores); two stores' cashier ids
(C1, C2) are each store's own. A wording verdict, a lift or a cashier's coaching
compares customers and cashiers who met in one place: when a report reads several
stores, they compare within (store, rule) and (store, cashier), and a store is
named by its name, with its id where another store of the report shares the name.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from pos.core.analytics.metrics import Row
from pos.core.analytics.report import History


def store_scope(history: History) -> tuple[str, ...]:
    """`("store",)` when the history holds several stores' prompts, else `()`: the grouping put
    before `rule` or `cashier`."""
    codes = history.prompts.text["store_id"]
    return ("store",) if len(codes) and codes.min() != codes.max() else ()


def store_rows(history: History) -> list[Row]:
    """Each store's figures in a report over several stores; none for one store."""
    scope = store_scope(history)
    return history.report(scope).rows if scope else []


def store_names(rows: Iterable[Row]) -> dict[str, str]:
    """Each store's label by its id, from rows grouped by store: its name, and where another
    store of the rows shares the name, its id too ("Tony's Pizza (AMUKFZSD23)")."""
    named = [(row["store"], row["store_id"]) for row in rows if "store_id" in row]
    ids: dict[str, set[str]] = {}
    for name, store_id in named:
        ids.setdefault(name, set()).add(store_id)
    return {store_id: name if len(ids[name]) == 1 else f"{name} ({store_id})" for name, store_id in named}


def cashier_label(row: Row, stores: Mapping[str, str]) -> str:
    """A cashier by their id, after their store's label where the row is one store's: "C1 (North)"."""
    store = row.get("store_id")
    if store is None:
        return row["cashier"]
    name = stores.get(store, store)
    with_id = f" ({store})"
    if name.endswith(with_id):  # "C1 (North, ID)", never parentheses in parentheses
        name = f"{name.removesuffix(with_id)}, {store}"
    return f"{row['cashier']} ({name})"


def in_store(text: str, row: Row, stores: Mapping[str, str]) -> str:
    """`text` after its store's label where the row is one store's: "North: upsell: Pizza -> Large"."""
    store = row.get("store_id")
    return text if store is None else f"{stores.get(store, store)}: {text}"


def merged_notice(history: History, by: tuple[str, ...]) -> str | None:
    """What a grouping by rule, cashier or terminal without `store` does over several stores, or None."""
    if "store" in by or not store_scope(history):
        return None
    merged = [name for name in ("rule", "cashier", "terminal") if name in by]
    if not merged:
        return None
    what = " and ".join(f"each {name}" for name in merged)
    return (
        f"--by {','.join(by)} groups {what} across the stores; --by store,{','.join(by)} splits them by store"
    )
