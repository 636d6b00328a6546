"""What the kinds that add an item share (the cross-sell, the checkout offer): their candidates read
from `offer` or `offers`, each made a proposal, named in the rule's id, and described."""

from __future__ import annotations

from typing import Any

from pos.core.base.money import format_money
from pos.core.base.toml_fields import Entry
from pos.core.selling import candidate_fields
from pos.core.selling.candidates import Candidate, Choice, several_offers
from pos.core.selling.menu import Menu
from pos.core.selling.menu_rules import Context, RuleReader
from pos.core.selling.order import MealLine, OrderLine
from pos.core.selling.prompt_kinds.kind import PromptKind, Proposal, Selling
from pos.core.selling.rule_ids import offers_part


def read_add_ons(
    reader: RuleReader, entry: Entry, table: dict[str, Any], context: Context
) -> tuple[tuple[Candidate, ...], Choice] | None:
    """The rule's candidates (`offer`, or `offers`), each with its size, price and wording, and how
    one is chosen; None after a problem (told to the reader)."""
    codes = candidate_fields.candidate_codes(
        reader, entry, table, "offer", lambda field, code: reader.code_named(entry, field, code, context)
    )
    choice = candidate_fields.choice(reader, entry, table, codes)
    offers = candidate_fields.candidates(
        reader,
        entry,
        table,
        codes,
        size_of=lambda code, size: reader.offered_size(entry, {"size": size}, code, context),
    )
    return (
        None
        if offers is None or choice is None
        else (offers, candidate_fields.watching(choice, offers, context.items))
    )


def add_ons(
    sale: Selling, kind: PromptKind[Any], line: OrderLine | MealLine | None, offers: tuple[Candidate, ...]
) -> list[Proposal]:
    """Each candidate the order does not hold yet, nor was offered (`Selling.add_on`)."""
    made = (
        sale.add_on(kind, line, sale.menu.items[offer.code], offer.size, offer.price, offer.pitches)
        for offer in offers
    )
    return [proposal for proposal in made if proposal is not None]


def add_ons_id(context: Context, offers: tuple[Candidate, ...]) -> str:
    """The offer part of the rule's id: each candidate's code as the menu writes it, with its size."""
    return offers_part([(context.items[offer.code].code, offer.size) for offer in offers])


def add_on_choices(
    menu: Menu, table: str, number: int, choice: Choice, offers: tuple[Candidate, ...], when: str
) -> list[str]:
    """`pos menu check`'s lines for a rule with several add-ons (`several_offers`)."""
    if len(offers) < 2:
        return []
    allowed = "each offer unless the order has it or it was offered in the order already"
    return several_offers(menu, table, number, choice, f"{when}; {allowed}", described_add_ons(menu, offers))


def described_add_ons(menu: Menu, offers: tuple[Candidate, ...]) -> list[str]:
    """`Medium Fries $1.50`, a candidate each."""
    described = []
    for offer in offers:
        item = menu.items[offer.code]
        size, price = item.offered_at(offer.size, offer.price)
        described.append(f"{item.label(size.name)} {format_money(price, menu.currency)}")
    return described
