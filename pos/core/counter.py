"""The counter: every key the cashier presses, in order, and what it does to the sale.

The cashier screen hands each key here the moment it arrives, then draws what
this holds; nothing here waits. So a burst of keys (a scanner, a macro, a slow
link) gives the same order, events and screen as the same keys typed slowly:
each key sees the state the key before it left. A prompt is drawn only once the
answer before it is on disk (`waiting_on`, for the screen to wait on); answers
keyed before it is drawn apply to it all the same. The keys are the README's.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future

from pos.core import counter_keys as keys
from pos.core.coach import Coach
from pos.core.counter_keys import Stage
from pos.core.engine import Offer, Sale, SaleError
from pos.core.entry import EntryError, parse_entry
from pos.core.events import OrderRecord, Outcome
from pos.core.line_keys import change_line, voided
from pos.core.meal_entry import MealDraft, parse_combo
from pos.core.menu import Combo
from pos.core.money import format_money
from pos.core.open_order_keeper import OpenOrderKeeper
from pos.core.order import MealLine, OrderLine
from pos.core.shop import Shop
from pos.core.tender import TenderError, parse_tender
from pos.core.text import is_printable_char


class Counter:
    def __init__(
        self, shop: Shop, coach: Coach | None = None, timer: Callable[[], float] = time.monotonic
    ) -> None:
        self.shop = shop
        self.coach = coach or Coach()
        self._timer = timer
        self.stage = Stage.SELLING
        self.entry = ""
        self.tender = ""
        self.message = ""
        self.error = False
        self.prompt: Offer | None = None
        self.note = ""
        """Under the prompt: in a drill, what to do and what the customer answered."""
        self.waiting_on: Future[None] | None = None
        """The write the prompt on the screen must wait for."""
        self.receipt: OrderRecord | None = None
        self.meal: MealDraft | None = None
        """The meal being keyed, while its slots are asked."""
        self._meal_offer: Offer | None = None
        """The prompt whose yes the meal being keyed answers."""
        self._meal_prompts = True
        self.selected: int | None = None
        self.keyed_ahead: deque[str] = deque()
        self.order_version = 0
        """Bumped whenever the order or the selected line changes: the screen redraws it then."""
        self._offers: Iterator[Offer] | None = None
        self._pay_after = False
        self._closing = False
        self._adding = False
        self._shown_at = 0.0
        self._last_write: Future[None] | None = None
        self._kept = OpenOrderKeeper(shop.recorder)
        self._next_order()

    # -- what the screen reads -----------------------------------------------

    @property
    def prompting(self) -> bool:
        return self.prompt is not None

    @property
    def order_open(self) -> bool:
        return not self.sale.closed and bool(self.sale.order.entries)

    @property
    def currency(self) -> str:
        return self.shop.menu.currency

    def prompt_drawn(self) -> None:
        """The screen drew the prompt after waiting for the disk: its response time starts now."""
        self._shown_at = self._timer()

    # -- keys ----------------------------------------------------------------

    def press(self, key: str, character: str | None = None) -> None:
        """One key, as the terminal named it (`enter`, `f10`, `a`) with the character it types."""
        char = character if is_printable_char(character) else None
        if self.stage is Stage.RECEIPT:
            self._next_order()
            if key in ("enter", "escape"):
                return
        handler = {
            Stage.SELLING: self._selling,
            Stage.MEAL: self._choosing,
            Stage.CONFIRM_VOID: self._confirming,
            Stage.TENDER: self._tendering,
        }.get(self.stage)
        if handler is not None:
            handler(key, char)
        self._kept.keep(self.sale)

    def paste(self, text: str) -> None:
        """Pasted text is typed: a line break is Enter."""
        for char in text.replace("\r\n", "\n").replace("\r", "\n"):
            self.press("enter" if char == "\n" else char, None if char == "\n" else char)

    def _selling(self, key: str, char: str | None) -> None:
        actions: dict[str, Callable[[], None]] = {
            "enter": self._enter,
            "escape": self._escape,
            "backspace": self._backspace,
            "up": lambda: self._select(-1),
            "down": lambda: self._select(1),
            "f2": self._sign_out,
            "f7": self._decline_all,
            "f8": self._void_line,
            "f9": self._ask_void,
            "f10": self._pay,
        }
        if key in actions:
            actions[key]()
        elif key == "space" and self.prompting and self.coach.asks:
            self.note = self.coach.ask()
        elif char is not None:
            self._type(char)

    def _type(self, char: str) -> None:
        if self.prompting and char in keys.ANSWERS:
            self._answer(keys.ANSWERS[char])
            return
        if not self.entry:
            if char in keys.ANSWERS:
                self.say(keys.STRAY_ANSWER.format(char), error=True)
                return
            if char in keys.LINE_KEYS or char in keys.SIZE_KEYS:
                if self.prompting:
                    self.say(keys.ANSWER_FIRST, error=True)
                else:
                    self._change_line(char)
                return
            if char == " ":
                return
        if len(self.entry) >= keys.MAX_ENTRY:
            self.say(f"The entry line holds {keys.MAX_ENTRY} characters: Enter or Backspace", error=True)
            return
        self.entry += char

    def _backspace(self) -> None:
        self.entry = self.entry[:-1]

    def _escape(self) -> None:
        if self.prompting:
            self._answer(Outcome.SKIPPED)
        else:
            self.entry = ""

    def _enter(self) -> None:
        text, self.entry = self.entry.strip(), ""
        if not text:
            return
        if self.prompting:
            self.keyed_ahead.append(text)
            self.say(f"Keyed ahead: {text} (after this prompt)")
            return
        self._add(text)

    def _add(self, text: str, prompts: bool = True) -> bool:
        """Add what was keyed (and run its prompts); False, with the reason said, when it cannot be."""
        combo = parse_combo(text, self.shop.menu)
        if combo is not None:
            self.meal, self._meal_prompts = MealDraft.start(*combo), prompts
            self._meal_asked()
            return True
        try:
            entry = parse_entry(text, self.shop.menu)
            line = self.sale.add(entry.item.code, entry.size, entry.qty)
        except (EntryError, SaleError) as error:
            self.say(str(error), error=True)
            return False
        self.say("")
        self._order_changed(select=len(self.sale.order.lines) - 1)
        if prompts:
            self._run_prompts(self.sale.prompts_for(line))
        return True

    def _add_keyed_ahead(self, prompts: bool = True) -> bool:
        """Items keyed during prompts, in order, until one brings prompts (one loop at a time); False if any was refused."""
        if self._adding:
            return True
        self._adding, refused = True, []
        try:
            while self.keyed_ahead and not self.prompting and self.stage is Stage.SELLING:
                text = self.keyed_ahead.popleft()
                if not self._add(text, prompts):
                    refused.append(f"{text}: {self.message}")
        finally:
            self._adding = False
        if refused:
            self.say("Keyed ahead, not added: " + "; ".join(refused), error=True)
        return not refused

    # -- meals -----------------------------------------------------------------

    def _choosing(self, key: str, char: str | None) -> None:
        assert self.meal is not None
        message = self.meal.press(key, char)
        self.entry = self.meal.typed
        if self.meal.dropped:
            self.meal, self.stage = None, Stage.SELLING
            self.say(f"{message}: the order stays as it was" if self._meal_offer else message or "")
            self._after_meal()
        else:
            if message is not None:
                self.say(message, error=True)
            self._meal_asked()  # the meal decides whether that key answered

    def _meal_asked(self) -> None:
        """Ask the next slot, or make the meal once every slot is filled."""
        meal = self.meal
        assert meal is not None
        if meal.asking is not None:
            self.stage = Stage.MEAL
            return
        self.meal, self.stage = None, Stage.SELLING
        if self._meal_offer is not None:
            made = self.sale.make_meal(self._meal_offer, meal.items)
        else:
            made = self.sale.add_meal(meal.combo, meal.items, meal.qty)
        self._order_changed(select=None)
        self.say(f"{meal.qty} × {meal.combo.name}")
        if self._meal_offer is None and self._meal_prompts:
            self._run_prompts(self.sale.prompts_for(made[0]))
        else:
            self._after_meal()

    def _after_meal(self) -> None:
        """A meal a prompt sold goes on with that prompt's others; a meal keyed, with the keys after it."""
        if self._meal_offer is not None:
            self._meal_offer = None
            self._next_prompt()
        else:
            self._add_keyed_ahead()

    # -- prompts ---------------------------------------------------------------

    def _run_prompts(self, offers: Iterator[Offer], pay_after: bool = False) -> None:
        self._offers, self._pay_after = offers, pay_after
        self._next_prompt()

    def _next_prompt(self) -> None:
        assert self._offers is not None
        offer = next(self._offers, None)
        if offer is None:
            self._prompts_done()
            return
        self.prompt = offer
        self.waiting_on = self._last_write
        self._shown_at = self._timer()
        self.note = self.coach.prompt_shown(offer)
        if self.sale.declining_all:
            self._record(Outcome.DECLINED)

    def _answer(self, outcome: Outcome) -> None:
        refusal = self.coach.refuses(outcome)
        if refusal:
            self.say(refusal, error=True)
            return
        self._record(outcome)

    def _record(self, outcome: Outcome) -> None:
        offer = self.prompt
        assert offer is not None
        drawn = self.waiting_on is None or self.waiting_on.done()
        response_ms = int((self._timer() - self._shown_at) * 1000) if drawn else 0
        event = self.sale.answer(offer, outcome, max(0, response_ms))
        self._last_write = self.shop.recorder.prompt(event)
        self.coach.answered(offer, outcome)
        self.say("")
        self.prompt, self.waiting_on, self.note = None, None, ""
        if outcome is Outcome.ACCEPTED and offer.makes_meal and not self._closing:
            count = offer.line.qty if offer.kind.upgrades_line and offer.line else 1
            given = tuple(fill.item if fill else None for fill in offer.fills)
            assert isinstance(offer.item, Combo)
            self.meal, self._meal_offer = MealDraft.start(offer.item, count, given), offer
            self._meal_asked()  # its slots are asked; then the prompts go on
            return
        if outcome is Outcome.ACCEPTED:
            self._order_changed(select=len(self.sale.order.lines) - 1)
        self._next_prompt()

    def _close_prompt(self) -> None:
        """Paying or voiding with a prompt up: it was not asked, and the item's others are dropped.

        The items keyed ahead stay where they are: the key that closed the prompt decides.
        """
        if self.prompt is not None:
            self._offers, self._closing = iter(()), True
            self._record(Outcome.SKIPPED)
            self._closing = False

    def _prompts_done(self) -> None:
        self._offers = None
        if self._pay_after:
            self._pay_after = False
            self.stage = Stage.TENDER
            self.tender = ""
        elif not self._closing:
            self._add_keyed_ahead()

    def _decline_all(self) -> None:
        if not self.coach.may_decline_all:
            self.say(
                "In a drill, ask each prompt: F7 is for a customer in a hurry at the counter", error=True
            )
            return
        if not self.order_open:
            self.say("No order yet: F7 declines every prompt left in an order", error=True)
            return
        self.sale.declining_all = True
        self.say("The customer wants nothing more: every prompt left in this order is declined")
        if self.prompt is not None:
            self._record(Outcome.DECLINED)

    # -- lines -------------------------------------------------------------------

    def _select(self, step: int) -> None:
        if self.selected is not None:
            self.selected = max(0, min(len(self.sale.order.entries) - 1, self.selected + step))
            self.order_version += 1

    def _selected_entry(self) -> OrderLine | MealLine | None:
        entries = self.sale.order.entries
        return entries[self.selected] if self.selected is not None and self.selected < len(entries) else None

    def _void_line(self) -> None:
        self._close_prompt()
        entry = self._selected_entry()
        if entry is None:
            self.say("Nothing to void", error=True)
        else:
            self.sale.void_line(entry)
            self._order_changed(select=min(self.selected or 0, len(self.sale.order.entries) - 1))
            self.say(voided(entry))
        self._add_keyed_ahead()

    def _change_line(self, key: str) -> None:
        try:
            self.say(change_line(self.sale, self._selected_entry(), key))
        except SaleError as error:
            self.say(str(error), error=True)
            return
        self._order_changed(select=self.selected)

    def _order_changed(self, select: int | None) -> None:
        last = len(self.sale.order.entries) - 1
        self.selected = None if last < 0 else last if select is None else max(0, min(select, last))
        self.order_version += 1

    # -- the end of the order ------------------------------------------------------

    def _ask_void(self) -> None:
        if not self.sale.order.entries and not self.keyed_ahead:
            self.say("The order is empty", error=True)
            return
        self.stage = Stage.CONFIRM_VOID

    def _confirming(self, key: str, char: str | None) -> None:
        if char == "y":
            self.stage = Stage.SELLING
            self._close_prompt()
            dropped = len(self.keyed_ahead)
            self.keyed_ahead.clear()
            self.void_open_order()
            self.say("Order voided" + (f" with {dropped} item(s) keyed ahead" if dropped else ""))
        elif char == "n" or key == "escape":
            self.stage = Stage.SELLING
            self.say("The order is still open")
        else:
            self.say("Void the whole order? Press y to void it, n to keep it", error=True)

    def void_open_order(self) -> None:
        """Log the open order as voided (its open prompt skipped) and start the next."""
        if self.prompt is not None:
            self._close_prompt()
        if not self.sale.closed and self.sale.started:
            self._last_write = self.shop.recorder.order(self.sale.void())
        self._next_order()
        self._kept.keep(self.sale)

    def _pay(self) -> None:
        self._close_prompt()
        if not self._add_keyed_ahead(prompts=False):
            return  # the message says which did not go in: the cashier sees it before paying
        if self.stage is Stage.MEAL:
            self.say("A meal was keyed ahead: choose its items, then F10 again")
            return
        if not self.sale.order.entries:
            self.say("Nothing to pay for yet: key an item first", error=True)
            return
        if self.sale.best_deal():  # loose lines that make meals are priced as meals
            self._order_changed(select=None)
        self._run_prompts(self.sale.payment_offers(), pay_after=True)

    def _tendering(self, key: str, char: str | None) -> None:
        if key == "enter":
            self._take_payment()
        elif key == "escape":
            self.stage = Stage.SELLING
            self.say("Payment cancelled: the order is still open")
        elif key == "backspace":
            self.tender = self.tender[:-1]
        elif char is not None and (char.isdigit() or char in ".,"):
            if len(self.tender) < keys.MAX_TENDER_TEXT:
                self.tender += char
        else:
            self.say(keys.TENDER_HELP, error=True)

    def _take_payment(self) -> None:
        total = self.sale.order.total
        try:
            tendered = parse_tender(self.tender, total, self.currency)
        except TenderError as error:
            self.tender = ""
            self.say(str(error), error=True)
            return
        record = self.sale.pay(tendered)
        self._last_write = self.shop.recorder.order(record)
        self.coach.order_paid(self.sale.order)
        self.receipt = record
        self.stage = Stage.RECEIPT
        self.say(f"Change due {format_money(record['change'], self.currency)}")

    def _next_order(self) -> None:
        self.receipt = None
        self.tender = ""
        self.stage = Stage.SELLING if self.coach.next_customer() else Stage.FINISHED
        self.sale: Sale = self._new_sale()
        self._offers, self.prompt, self.waiting_on = None, None, None
        self._order_changed(select=None)

    def _new_sale(self) -> Sale:
        shop = self.shop
        order_id = shop.numbers.new_order_id(shop.clock.now())
        return Sale(shop.menu, order_id, shop.station, shop.clock, shop.rng)

    def _sign_out(self) -> None:
        if not self.coach.may_sign_out:
            self.say("A drill ends when its last customer is served (Ctrl+Q stops it)", error=True)
            return
        if self.order_open or self.prompting:
            self.say("Finish or void the order first (F10 pay, F9 void), then F2 signs out", error=True)
            return
        self.stage = Stage.SIGNED_OUT
        if self.sale.started:  # lines keyed and voided, or prompts: the order is kept as voided
            self._last_write = self.shop.recorder.order(self.sale.void())
        else:
            self.shop.numbers.release_order_id(self.sale.order.id)  # the next cashier's first order takes it

    def say(self, message: str, error: bool = False) -> None:
        self.message, self.error = message, error
