"""The counter: every key the cashier presses, in order, and what it does to the sale.

The cashier screen hands each key here the moment it arrives, then draws what this holds; nothing
here waits. So a burst of keys (a scanner, a macro, a slow link) gives the same order, events and
screen as the same keys typed slowly: each key sees the state the key before it left. A prompt is
drawn only once the answer before it is on disk (`waiting_on`, for the screen to wait on); answers
keyed before it is drawn apply to it all the same. The keys are docs/cashier.md's.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future

from pos.core.base.errors import SaleError
from pos.core.base.events import Outcome
from pos.core.base.text import is_printable_char
from pos.core.codes.code_format import looks_like_code
from pos.core.counter import counter_keys as keys
from pos.core.counter.coach import Coach
from pos.core.counter.counter_keys import Stage
from pos.core.counter.counter_step import Ask, KeyMeal, Select, Step, Then
from pos.core.counter.entry import EntryError, parse_entry
from pos.core.counter.line_keys import change_line, revisit, voided
from pos.core.counter.meal_entry import MealDraft, parse_combo
from pos.core.counter.meal_keying import MealKeying
from pos.core.counter.open_order_keeper import OpenOrderKeeper
from pos.core.counter.prompt_flow import PromptFlow
from pos.core.counter.shop import Shop
from pos.core.counter.sign_out import sign_out
from pos.core.counter.till import Till
from pos.core.selling.engine import Sale
from pos.core.selling.offer import Offer
from pos.core.selling.order import MealLine, OrderLine
from pos.core.selling.rewards import lost
from pos.core.store.pin_echo import PIN_AGAIN


class Counter:
    def __init__(
        self, shop: Shop, coach: Coach | None = None, timer: Callable[[], float] = time.monotonic
    ) -> None:
        self.shop = shop
        self.coach = coach or Coach()
        self.stage = Stage.SELLING
        self.entry = ""
        self.message = ""
        self.error = False
        self.prompts = PromptFlow(self.coach, shop.recorder, timer)
        self.till = Till(shop, self.coach)
        self.meals = MealKeying()
        self.last_write: Future[None] | None = None  # the next prompt is drawn once it is on disk
        self.selected: int | None = None
        self.keyed_ahead: deque[str] = deque()
        self.order_version = 0  # bumped whenever the order or the selected line changes: redrawn then
        self._adding = False
        self._kept = OpenOrderKeeper(shop.recorder)
        self._next_order()

    # -- what the screen reads -----------------------------------------------

    @property
    def prompt(self) -> Offer | None:
        return self.prompts.prompt

    @property
    def note(self) -> str:
        """Under the prompt: in a drill, what to do and what the customer answered."""
        return self.prompts.note

    @property
    def waiting_on(self) -> Future[None] | None:
        """The write the prompt on the screen must wait for."""
        return self.prompts.waiting_on

    @property
    def meal(self) -> MealDraft | None:
        """The meal being keyed, while its slots are asked."""
        return self.meals.draft

    @property
    def prompting(self) -> bool:
        return self.prompts.prompt is not None

    @property
    def order_open(self) -> bool:
        return not self.sale.closed and bool(self.sale.order.entries)

    @property
    def currency(self) -> str:
        return self.shop.menu.currency

    def prompt_drawn(self) -> None:
        """The screen drew the prompt after waiting for the disk: its response time starts now."""
        self.prompts.drawn()

    # -- keys ----------------------------------------------------------------

    def press(self, key: str, character: str | None = None) -> None:
        """One key, as the terminal named it (`enter`, `f10`, `a`) with the character it types."""
        char = character if is_printable_char(character) else None
        stopped = self.shop.recorder.stopped
        if stopped:  # another process took this terminal: its records go aside, no more sales
            self.say(f"This terminal takes no more sales: {stopped}. Quit with Ctrl+Q", error=True)
            return
        if self.stage is Stage.RECEIPT:
            self._next_order()
            if key in ("enter", "escape"):
                return
        if self.stage is Stage.SELLING:
            self._selling(key, char)
        elif self.stage is Stage.CONFIRM_VOID:
            self._confirming(key, char)
        elif self.stage is Stage.MEAL:
            self._take(self.meals.press(self.sale, key, char))
        elif self.stage is Stage.TENDER:
            self._take(self.till.press(self.sale, key, char))
        self._kept.keep(self.sale)

    def key_in(self, code: str) -> None:
        """Ctrl+P's item, keyed as its code and Enter; not while the amount tendered or the void is asked."""
        if self.stage in (Stage.TENDER, Stage.CONFIRM_VOID):
            doing = "the amount tendered is typed" if self.stage is Stage.TENDER else "the void is asked"
            self.say(f"Not added: {doing}; Esc first, then add the item", error=True)
            return
        self.paste(f"{code}\n")

    def paste(self, text: str) -> None:
        """Pasted text is typed: a line break is Enter."""
        for char in text.replace("\r\n", "\n").replace("\r", "\n"):
            self.press("enter" if char == "\n" else char, None if char == "\n" else char)

    def _selling(self, key: str, char: str | None) -> None:
        actions: dict[str, Callable[[], None]] = {
            "enter": self._enter,
            "escape": self._escape,
            "backspace": lambda: setattr(self, "entry", self.entry[:-1]),
            "up": lambda: self._select(-1),
            "down": lambda: self._select(1),
            "f2": lambda: self._take(
                sign_out(self.sale, self.shop, self.coach, self.order_open or self.prompting)
            ),
            "f6": self._revisit,
            "f7": self._decline_all,
            "f8": self._void_line,
            "f9": self._ask_void,
            "f10": self._pay,
            keys.REPRINT_KEY: lambda: self._take(self.till.receipts.reprint()),
        }
        if key in actions:
            actions[key]()
        elif key == "space" and self.prompting and self.coach.asks:
            self.prompts.note = self.coach.ask()
        elif char is not None:
            self._type(char)

    def _type(self, char: str) -> None:
        if self.prompting and char in keys.ANSWERS:
            self._take(self.prompts.answer(self.sale, keys.ANSWERS[char]))
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

    def _escape(self) -> None:
        if self.prompting:
            self._take(self.prompts.answer(self.sale, Outcome.SKIPPED))
        else:
            self.entry = ""

    def _enter(self) -> None:
        text, self.entry = self.entry.strip(), ""
        if not text:
            return
        if self.shop.echo.is_pin(text):  # typed again by habit after the sign-in's (or F3's) PIN
            self.say(PIN_AGAIN, error=True)
            return
        if self.prompting:
            paying = self.prompts.at_payment  # a paid order takes no more items: none kept for after
            self.keyed_ahead.extend(() if paying else (text,))
            self.say(keys.NOT_AHEAD if paying else f"Keyed ahead: {text} (after this prompt)", error=paying)
            return
        self._add(text)

    def _add(self, text: str, prompts: bool = True) -> bool:
        """Add what was keyed (and run its prompts); False, with the reason said, when it cannot be."""
        combo = parse_combo(text, self.shop.menu)
        if combo is not None:
            self._take(self.meals.start(self.sale, MealDraft.start(*combo), prompts=prompts))
            return True
        codes = self.shop.codes
        if codes is not None and looks_like_code(text) and self.shop.menu.item(text) is None:
            redeemed = self.till.redeem(self.sale, codes, text)
            self._take(redeemed)
            return not redeemed.error
        try:
            entry = parse_entry(text, self.shop.menu)
            line = self.sale.add(entry.item.code, entry.size, entry.qty)
        except (EntryError, SaleError) as error:
            self.say(str(error), error=True)
            return False
        self.say("")
        self._order_changed(Select.LAST)  # the line keyed: the last
        if prompts:
            self._take(self.prompts.run(self.sale.prompts_for(line)))
        return True

    def add_keyed_ahead(self, prompts: bool = True) -> bool:
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

    def take(self, step: Step) -> None:
        """A step worked out off the keys (a manager's approval, `pos.core.counter.approved`)."""
        self._take(step)
        self._kept.keep(self.sale)

    def _take(self, step: Step) -> None:
        """What a part of the sale worked out a key does: the counter's state changes here alone."""
        while True:
            if step.wrote is not None:
                self.last_write = step.wrote
            if step.stage is not None:
                self.stage = step.stage
            if step.entry is not None:
                self.entry = step.entry
            if step.message is not None:
                self.say(step.message, step.error)
            if step.select is not None:
                self._order_changed(step.select)
            if step.then is Then.NOTHING:
                return
            step = self._then(step.then)

    def _then(self, then: Then | Ask | KeyMeal) -> Step:
        """What follows a step: it may bring a step in turn."""
        match then:
            case Then.NEXT_PROMPT:
                return self.prompts.next(self.sale, self.last_write)
            case Then.TENDER:
                self._group_meals()  # a yes at payment (the checkout offer, a nudge) may complete a meal
                return self.till.open()
            case Ask(offers):
                return self.prompts.run(offers)
            case KeyMeal(draft, offer):
                return self.meals.start(self.sale, draft, offer)
            case Then.KEYED_AHEAD:
                self.add_keyed_ahead()
        return Step()

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
        if self.prompt is not None:
            self._take(self.prompts.record(self.sale, Outcome.DECLINED))
        self.say("The customer wants nothing more: every prompt left in this order is declined")

    # -- lines -------------------------------------------------------------------

    def _select(self, step: int) -> None:
        if self.selected is not None:
            self.selected = max(0, min(len(self.sale.order.entries) - 1, self.selected + step))
            self.order_version += 1

    def _selected_entry(self) -> OrderLine | MealLine | None:
        entries = self.sale.order.entries
        return entries[self.selected] if self.selected is not None and self.selected < len(entries) else None

    def _void_line(self) -> None:
        self._take(self.prompts.close(self.sale))
        entry = self._selected_entry()
        if entry is None:
            self.say("Nothing to void", error=True)
        else:
            self.sale.void_line(entry)
            self._order_changed(min(self.selected or 0, len(self.sale.order.entries) - 1))
            self.say(voided(entry))
        self.add_keyed_ahead()

    def _revisit(self) -> None:
        """The selected line's declined or skipped offer again: the customer changed their mind."""
        if self.prompting:
            self.say(keys.ANSWER_FIRST, error=True)
            return
        self._take(revisit(self.sale, self._selected_entry()))

    def _change_line(self, key: str) -> None:
        try:
            self.say(change_line(self.sale, self._selected_entry(), key))
        except SaleError as error:
            self.say(str(error), error=True)
            return
        self._order_changed(Select.SAME)

    def _order_changed(self, select: int | Select) -> None:
        """The order or a line's mark changed: `select` the line at an index, the last or the same."""
        at = self.selected if select is Select.SAME else select  # none selected: the last
        last = len(self.sale.order.entries) - 1
        self.selected = None if last < 0 else max(0, min(at, last)) if isinstance(at, int) else last
        self.order_version += 1
        if self.shop.after_close is not None and last >= 0:  # closed since the order started: said now
            self.shop.after_close.keyed(self.sale.order.id)

    def _ask_void(self) -> None:
        if not self.sale.order.entries and not self.keyed_ahead:
            self.say("The order is empty", error=True)
            return
        self.stage = Stage.CONFIRM_VOID

    def _confirming(self, key: str, char: str | None) -> None:
        if char == "y":
            self.stage = Stage.SELLING
            self._take(self.prompts.close(self.sale))
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
        self._take(self.prompts.close(self.sale))
        if not self.sale.closed and self.sale.started:
            self.last_write = self.shop.recorder.order(self.sale.void())
        self._next_order()
        self._kept.keep(self.sale)

    def _pay(self) -> None:
        self._take(self.prompts.close(self.sale))
        if not self.add_keyed_ahead(prompts=False):
            return  # the message says which did not go in: the cashier sees it before paying
        if self.stage is Stage.MEAL:
            self.say("A meal was keyed ahead: choose its items, then F10 again")
            return
        if not self.sale.order.entries:
            self.say("Nothing to pay for yet: key an item first", error=True)
            return
        self._group_meals()
        self._take(self.prompts.run(self.sale.payment_offers(), pay_after=True))

    def _group_meals(self) -> None:
        """Loose lines that make meals priced as meals (`Sale.best_deal`); a reward that goes is said."""
        rewards = self.sale.order.rewards
        if self.sale.best_deal():
            self._order_changed(Select.LAST)
            taken = lost(rewards, self.sale.order.rewards, self.currency)
            if taken:
                self.say(taken)

    def _next_order(self) -> None:
        self.till.clear()
        self.stage = Stage.SELLING if self.coach.next_customer() else Stage.FINISHED
        self.sale: Sale = self.shop.new_sale(self.coach.holds_out)
        self.prompts.drop()
        self._order_changed(Select.LAST)

    def say(self, message: str, error: bool = False) -> None:
        self.message, self.error = message, error
