"""The logged records, declared once, exactly as `docs/spec/events-and-reports.md` defines them.

Each record is a msgspec Struct: the writer encodes it, and every reader decodes a line with
`decoder(Record)`, which checks each field as the spec has it (an integer refuses "5", 1.5 and true,
a count or an amount refuses a value below zero, a choice refuses a value the spec does not name) and
says which field a bad line fails on. A field added in a later version has its default, so versions 1
and 2 read as they were written. `pos export`'s Parquet and the reports' columns come from these."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any, Literal, TypeVar, cast, get_args

import msgspec
from msgspec import UNSET, Meta, Struct, UnsetType

from pos.core.base.digits import is_digits
from pos.core.base.store_id import ALPHABET, LENGTH


class Outcome(StrEnum):
    ACCEPTED = "accepted"
    DECLINED = "declined"
    """Asked, and the customer said no."""
    SKIPPED = "skipped"
    """The cashier moved on without asking."""
    ISSUED = "issued"
    """(v2, `after_sale`) Printed with its code on a paid receipt."""
    REDEEMED = "redeemed"
    """(v2, `after_sale`) Its code keyed in a later order."""
    HELD_OUT = "held_out"
    """(v2) A chance held out at random: not shown, so what customers take unprompted can be compared."""


ASKED_OUTCOMES = frozenset({Outcome.ACCEPTED, Outcome.DECLINED, Outcome.SKIPPED})
"""Outcomes of a prompt shown: what the ask and acceptance rates count; an after-sale offer's own
outcomes (`issued`, `redeemed`) and chances held out (`held_out`) have metrics of their own."""


Kind = Literal["upsell", "cross_sell", "checkout", "meal", "nudge", "after_sale"]
SPEC_KINDS = frozenset(get_args(Kind))
"""Every prompt kind the events spec (v2) names: a log may hold any, whatever this version sells."""
_logged_kinds = set(SPEC_KINDS)
"""What a prompt event's `kind` may be: the spec's kinds, and those a registry sells beside them
(`pos.core.selling.prompt_kinds.registered`), each logged under its own name and read back while sold."""


def log_kind(name: str) -> None:
    """A kind sold beside the spec's: its events are written and read."""
    _logged_kinds.add(name)


def forget_kind(name: str) -> None:
    """A kind no longer sold: a log holding it is refused, as any kind the spec does not name."""
    if name not in SPEC_KINDS:
        _logged_kinds.discard(name)


class Status(StrEnum):
    """How an order ended."""

    PAID = "paid"
    VOIDED = "voided"


class Mode(StrEnum):
    LIVE = "live"
    TRAINING = "training"


MAX_MONEY = 10**11
"""Minor units in one record's money field: far above any order, and a billion such records
still sum within int64."""
Money = Annotated[int, Meta(ge=0, le=MAX_MONEY)]
Price = Annotated[int, Meta(ge=-MAX_MONEY, le=MAX_MONEY)]
"""A line's unit price: a discount's line is below zero."""
Count = Annotated[int, Meta(ge=0, le=2**31 - 1)]
"""A count, a number or a time in milliseconds: no count, time or place in an order is below zero."""
Variant = Annotated[int, Meta(ge=0, le=2**15 - 1)]
Text = Annotated[str, Meta(min_length=1)]
StoreId = Annotated[str, Meta(pattern=f"^[{ALPHABET}]{{{LENGTH}}}$")]
"""A store id as its folder's file has it (`pos.core.base.store_id`): never a name, a padded or lower-case
id, or a page of text."""
Timestamp = Annotated[str, Meta(pattern="^[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-9]{2}")]
"""ISO 8601 local time with its UTC offset, to the millisecond: its hour is what reports group by."""


class Stamp(Struct, kw_only=True):
    """Who, where and when: the fields every record starts with."""

    ts: Timestamp
    store: Text
    """The store's display name (the menu's name by default)."""
    store_id: StoreId | None = None
    """(v3) The data folder's store id (`pos.core.base.store_id`): what tells stores, and their orders,
    apart; None in an older record, which takes its folder's."""
    terminal: Text
    cashier: Text
    mode: Mode
    order: Text


Lines = Literal["1", "2-3", "4+"]
"""A learned choice's context: how many lines the order has, in buckets (one or none, two or three,
four or more)."""
Code = Annotated[str, Meta(min_length=1, max_length=12)]
"""An item's or a meal's code, as the menu writes it: its letters are checked once for all of a
learned event's candidates (`_CODES`), as a pattern on each would cost its reading twice over."""
_CODES = re.compile("[A-Za-z0-9_-]+")
"""What a menu's codes are made of (`pos.core.selling.menu_loader.CODE_PATTERN`)."""
MAX_CANDIDATES = 6
"""The most candidates a rule names (menu format version 3, `offers`)."""
CATEGORY_LENGTH = 100
"""The longest category a menu names (`pos.core.selling.menu_loader`): a learned choice logs those of
its candidates that the order holds."""
Category = Annotated[str, Meta(min_length=1, max_length=CATEGORY_LENGTH)]
MIN_PROPENSITY = 0.001
"""The least chance a learned offer can have had: `explore`, a floor of at most 3 decimals, when
above 0; with none, a candidate is offered only when it wins one of the 32 posterior draws
(`pos.core.selling.learned_choice`). A chance below it (one that rounds to 0 in the reports'
columns, 1e-10 or 5e-324) was made by no counter: the record is left out and named."""


class ChoiceContext(Struct, frozen=True, kw_only=True):
    """(v3) What a learned choice knew of the order (`pos.core.selling.choice_context`): what it learns
    apart, so a breakfast order and a lunch order, or an order with a drink and one without, are
    each offered what sells best to them."""

    daypart: Text | None
    """The menu's daypart then, or None."""
    has: Annotated[tuple[Category, ...], Meta(max_length=MAX_CANDIDATES)]
    """The categories of the rule's candidates that the order holds already, sorted, each once: at
    most one a candidate."""
    lines: Lines
    """How many lines the order has (a meal is one), in buckets (`Lines`)."""

    def __post_init__(self) -> None:
        has = self.has
        if len(has) > 1 and list(has) != sorted(set(has)):
            raise ValueError("Expected the categories held sorted, each once")


class PromptEvent(Stamp, kw_only=True):
    kind: Text
    """A kind the spec names (`Kind`), or one sold beside them (`log_kind`): checked on every
    record made or read, as msgspec checks a choice."""
    trigger: Text | None
    offer: Text
    size: Text | None
    pitch: Text
    variant: Variant
    delta: Money
    outcome: Outcome
    response_ms: Count
    daypart: Text | None
    seq: Count = 0
    """(v2) The prompt's number within its order, from 1; 0 in a version 1 event."""
    template: Text | UnsetType = UNSET
    """(v2) The rule's wording before it was filled in, so reports group one wording as one
    (an addition to the spec's fields); a version 1 event's is its pitch (`wording`)."""
    rule: Text | None = None
    """(v3) The id of the menu rule that made it (`pos.core.selling.rule_ids`): its kind, trigger, offer and
    size; None in an older event, which the report derives it for (`pos.core.analytics.rule_column`)."""
    heard: Count = 0
    """(v3) Its number among the prompts the customer heard in the order (asked: accepted or
    declined), from 1; a prompt skipped carries the number it would have had, and is not counted
    for the next; 0 for a chance held out and for a receipt's code (never heard at the counter),
    and in an older event, which the report derives it for (`pos/sql/events.sql`)."""
    revisit: bool | UnsetType = UNSET
    """(v2) True when the cashier brought a declined or skipped offer back; left out otherwise."""
    code: Text | UnsetType | None = UNSET
    """(v2, `after_sale`) The receipt code."""
    issued_order: Text | UnsetType = UNSET
    """(v2, `after_sale` redeemed) The order that issued the code."""
    candidates: Annotated[tuple[Code, ...], Meta(min_length=1, max_length=MAX_CANDIDATES)] | UnsetType = UNSET
    """(v3) For a prompt whose offer was learned (`choose = "learn"`): the codes of the rule's
    candidates that the guards allowed, in the menu's order; `offer` is one of them."""
    propensity: Annotated[float, Meta(ge=MIN_PROPENSITY, le=1)] | UnsetType = UNSET
    """(v3, learned) The chance the offer made had of being chosen among `candidates`."""
    context: ChoiceContext | UnsetType = UNSET
    """(v3, learned) What the choice knew of the order."""

    def __post_init__(self) -> None:
        if self.kind not in _logged_kinds:
            raise ValueError(f"Invalid enum value {self.kind!r} - at `$.kind`")
        candidates = self.candidates
        if candidates is UNSET and self.propensity is UNSET and self.context is UNSET:
            return  # not learned: every event a report reads but a learned one, so first and cheap
        if isinstance(candidates, UnsetType) or self.propensity is UNSET or self.context is UNSET:
            raise ValueError(
                "A learned choice logs candidates, propensity and context together - at `$.candidates`"
            )
        if self.offer not in candidates or len(set(candidates)) < len(candidates):
            raise ValueError(
                f"The offer {self.offer!r} is not once among the candidates {list(candidates)} - at `$.candidates`"
            )
        if not _CODES.fullmatch("".join(candidates)):
            raise ValueError("Expected item codes of letters, digits, - and _ - at `$.candidates`")

    @property
    def learned(self) -> bool:
        """Its offer was chosen by learning (it carries `candidates`, `propensity` and `context`)."""
        return not isinstance(self.candidates, UnsetType)

    @property
    def wording(self) -> str:
        return self.template if isinstance(self.template, str) else self.pitch


class LineRecord(Struct, kw_only=True):
    code: Text
    name: str
    size: Text | None
    qty: Count
    unit_price: Price
    source: Text
    prompt: Count | None = None
    """(v2) The `seq` of the prompt that added or changed the line."""
    added: Money = 0
    """(v2) What that prompt added to the line: the delta of an upsell, the price of an add-on."""
    components: list[LineRecord] | UnsetType = UNSET
    """(v2) A meal's slot items, one unit each, as they would cost alone."""

    @property
    def parts(self) -> list[LineRecord]:
        """The line, then its components."""
        return [self, *(self.components or [])]

    @property
    def label(self) -> str:
        """As the customer heard it: "Large Fries", or "Apple Pie"."""
        return f"{self.size} {self.name}" if self.size else self.name


TenderKind = Literal["cash", "card", "other"]
"""How a part of an order was paid: recorded as the cashier keys it, never processed by pos."""
MAX_TENDERS = 10
"""Tenders in one order record: a split over more is a slip, or a record made up."""


class Tender(Struct, kw_only=True):
    """(v3) A part of an order's payment."""

    kind: TenderKind
    amount: Annotated[int, Meta(ge=1, le=MAX_MONEY)]


class OrderRecord(Stamp, kw_only=True):
    status: Status
    lines: list[LineRecord]
    subtotal: Money
    tax: Money
    total: Money
    tendered: Money
    change: Money
    prompts: Count
    voided_lines: list[LineRecord] | UnsetType = UNSET
    """(v2) Lines removed before payment; left out of a version 1 record, whose lines do not say
    what each prompt kept."""
    tenders: Annotated[list[Tender], Meta(max_length=MAX_TENDERS)] | UnsetType = UNSET
    """(v3) How it was paid, in the order taken: they sum to `tendered`, and `change` comes from the
    cash among them alone; none for a voided order. Left out of an older record (`paid_by`)."""

    def __post_init__(self) -> None:
        if isinstance(self.tenders, UnsetType):
            return
        handed = sum(tender.amount for tender in self.tenders)
        if handed != self.tendered:
            raise ValueError(
                f"The tenders sum to {handed}, not the {self.tendered} tendered - at `$.tenders`"
            )
        cash = sum(tender.amount for tender in self.tenders if tender.kind == "cash")
        if self.change > cash:
            raise ValueError(
                f"Change of {self.change} from {cash} in cash: change comes only from cash - at `$.change`"
            )

    @property
    def paid_by(self) -> list[Tender]:
        """Its tenders; an older record's `tendered`, as one cash tender."""
        if not isinstance(self.tenders, UnsetType):
            return self.tenders
        return [Tender(kind="cash", amount=self.tendered)] if self.tendered else []

    @property
    def every_line(self) -> list[LineRecord]:
        """Its lines, then its meals' components."""
        return [*self.lines, *(part for line in self.lines for part in line.components or [])]


class AuditEvent(Struct, kw_only=True):
    """(v3) An action a store audits, in a table of its own: a wrong code keyed (`wrong_code`), a wrong
    PIN (`wrong_pin`, `pin_locked`), and what a manager approved (`APPROVED_ACTIONS`). `detail` says
    what was keyed and why it was refused, or what was approved."""

    ts: Timestamp
    store_id: StoreId
    terminal: Text
    cashier: Text
    mode: Mode
    """`live`, or `training` (a drill, a set clock): a wrong code pauses only its own mode's codes."""
    action: Text
    approved_by: Text | None
    order: Text | None
    amount: Money | None
    detail: str


REFUND, VOID_LINE, NO_SALE, DISCOUNT = "refund", "void_line", "no_sale", "discount"
APPROVED_ACTIONS = (REFUND, VOID_LINE, NO_SALE, DISCOUNT)
LINE_MARK = "line "
"""How a void after the receipt's `detail` starts: `line 2: ...`, the line's number on the receipt."""


def voided_line(event: AuditEvent) -> int | None:
    """The number (from 1) of the line a void after the receipt took back; None for another event."""
    if event.action != VOID_LINE or not event.detail.startswith(LINE_MARK):
        return None
    number = event.detail[len(LINE_MARK) :].split(":", 1)[0]
    return int(number) if is_digits(number) else None


"""The audit actions a manager approves (`pos.core.counter.approved`): `approved_by` names the manager."""


class MenuRecord(Struct, kw_only=True):
    """`log/DAY/T1.menus.jsonl`: a menu a terminal sold from that day (`pos.core.log.menu_stamp`)."""

    day: Annotated[str, Meta(pattern="^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
    store_id: StoreId | None = None
    """(v3) None in an older record."""
    terminal: Text
    menu: Text
    """The hash that names its file, `menus/HASH.json`."""
    name: str
    currency: str


class IssuedCode(Struct):
    """`codes/issued.jsonl` (v2): a receipt code printed, and what it offers (`pos.core.codes.codes`)."""

    code: Text
    order: Text
    """The paid order whose receipt printed it."""
    offer: Text
    size: Text | None
    price: Money
    day: date
    until: date
    """The last day it may be redeemed."""
    rule: Text | None = None
    """The id of the after-sale rule that printed it (`pos.core.selling.rule_ids`); None in an older ledger."""
    serial: Count | UnsetType = UNSET
    """(v3) The store's count of codes before it, which the code is made from; left out of a
    version 2 ledger's codes, which only their ledger vouches for."""


class RedeemedCode(Struct, kw_only=True):
    """`codes/redeemed.jsonl` (v2): a code keyed in an order, or (`undone`) that order voided, or
    (`refunded`) the code's own order refunded: it never redeems."""

    code: Text
    order: Text
    day: date | UnsetType = UNSET
    """The day it was redeemed; left out of an undoing and a refund."""
    undone: bool | UnsetType = UNSET
    refunded: bool | UnsetType = UNSET
    """`order` is the order that printed the code, refunded."""


Record = TypeVar("Record", bound=Struct)


_DECODERS: dict[type[Struct], msgspec.json.Decoder[Any]] = {}


def decoder(kind: type[Record]) -> msgspec.json.Decoder[Record]:
    """A strict reader of one line of `kind`: msgspec.ValidationError names the field that fails,
    msgspec.DecodeError a line that is not JSON. Made once a kind."""
    found = _DECODERS.get(kind)
    if found is None:
        found = _DECODERS[kind] = msgspec.json.Decoder(kind)
    return cast("msgspec.json.Decoder[Record]", found)


_ENCODER = msgspec.json.Encoder()


def encode(record: Struct | Mapping[str, Any]) -> bytes:
    """A record's line, newline included: compact, UTF-8, its fields in their declared order, a
    field added in a later version left out while unset."""
    return _ENCODER.encode(record) + b"\n"


def timestamp(moment: datetime) -> str:
    """ISO 8601 local time with its UTC offset, to the millisecond."""
    return moment.isoformat(timespec="milliseconds")
