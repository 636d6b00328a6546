"""The manager's report screen: today at a glance, acceptance by rule and cashier,
the trend over days, what the learning adds, which wording works and who to coach, with the same filters
as `pos report`; and a drills tab: the trainees' scores over time, week by week, and
the leaderboard, as `pos drill --scores` shows them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Select, Sparkline, Static, TabbedContent, TabPane

from pos.core.analytics.dashboard import Dashboard, build_dashboard
from pos.core.analytics.report import Filters, History, Report, Row
from pos.core.analytics.report_fields import MODES
from pos.core.analytics.report_labels import Labels
from pos.core.analytics.report_match import nothing_matched
from pos.core.base.errors import PosError
from pos.core.base.text import printable
from pos.core.selling.prompt_kinds import names
from pos.core.training.scores import drills_of, leaderboard
from pos.reports.coaching_tables import coaching_table, wording_table
from pos.reports.drill_tables import score_tables
from pos.reports.learned_tables import learned_text
from pos.reports.outcomes import after_sale_line, lift_sentences
from pos.reports.prompt_cost import cost_table, fatigue_table
from pos.reports.report_columns import said
from pos.reports.row_labels import cashier_labels, rule_labels
from pos.widgets.rate_bars import RateBars


class ReportScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "close", "Back", id="close"),
        Binding("f5", "reload", "Reload", id="reload"),
        Binding("f3", "tab('selling')", "Selling", id="selling"),
        Binding("f4", "tab('drills')", "Drills", id="drills"),
        # Priority: the filter fields take PgUp and PgDn for themselves otherwise.
        Binding("pagedown", "scroll(1)", "Down", id="page-down", key_display="PgDn", priority=True),
        Binding("pageup", "scroll(-1)", "Up", id="page-up", key_display="PgUp", priority=True),
        Binding("ctrl+end", "scroll(2)", "Coaching", id="end", key_display="^End", priority=True),
    ]

    def __init__(
        self, data_dir: Path | Sequence[Path], labels: Labels, today: date, filters: Filters | None = None
    ) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.labels = labels
        self.today = today
        self.filters = filters or Filters()
        self.names = labels.names

    def compose(self) -> ComposeResult:
        filters = self.filters
        yield Label(f"{self.labels.store}: selling report", id="report-title", markup=False)
        with Horizontal(id="filters"):
            yield Input(
                filters.start.isoformat() if filters.start else "", placeholder="from YYYY-MM-DD", id="from"
            )
            yield Input(
                filters.until.isoformat() if filters.until else "", placeholder="until YYYY-MM-DD", id="until"
            )
            yield Input(filters.cashier or "", placeholder="cashier", id="cashier")
            yield Select([(mode, mode) for mode in MODES], value=filters.mode, allow_blank=False, id="mode")
            yield Select(
                [(kind, kind) for kind in names()],
                value=filters.kind or Select.NULL,
                prompt="all kinds",
                id="kind",
            )
        yield Static(id="report-message", classes="message error", markup=False)
        with TabbedContent(id="tabs"):
            with TabPane("Selling (F3)", id="selling"):
                yield from self._selling()
            with TabPane("Drills (F4)", id="drills"), VerticalScroll(id="drills-body"):
                yield Static(id="drill-tables")
        yield Footer(compact=True, show_command_palette=False)

    def _selling(self) -> ComposeResult:
        with VerticalScroll(id="report-body"):
            yield Static(id="today")
            yield Static(id="range")
            yield Label("Asked and accepted, by rule", classes="section")
            yield RateBars(id="by-rule")
            yield Label("Asked and accepted, by cashier", classes="section")
            yield RateBars(id="by-cashier")
            yield Label("Acceptance by day", classes="section", id="trend-label")
            yield Sparkline([], id="trend")
            yield Static(id="learned")
            yield Static(id="cost")
            yield Static(id="fatigue")
            yield Static(id="wording")
            yield Static(id="coaching")

    def on_mount(self) -> None:
        self.action_reload()

    def action_reload(self) -> None:
        self.reload(self.filters)

    def reload(self, filters: Filters) -> None:
        """Read the history again; until it is read, each tab shows it is loading, never "no answers"."""
        for body in ("#report-body", "#drills-body"):
            self.query_one(body).loading = True
        self.load(filters)

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    def action_scroll(self, where: int) -> None:
        """From any field: a page down or up of the tab in view, or (2) its end, where the coaching is."""
        pane = self.query_one(TabbedContent).active_pane
        assert pane is not None
        body = pane.query_one(VerticalScroll)
        if where == 2:
            body.scroll_end(animate=False)
        elif where > 0:
            body.scroll_page_down(animate=False)
        else:
            body.scroll_page_up(animate=False)

    def action_close(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.dismiss()
        else:
            self.app.exit()

    @on(Input.Submitted)
    @on(Select.Changed)
    def filter_changed(self) -> None:
        message = self.query_one("#report-message", Static)
        try:
            start, until = (self._day(self.query_one(f"#{name}", Input).value) for name in ("from", "until"))
            kind = self.query_one("#kind", Select).value
            self.filters = Filters(
                mode=str(self.query_one("#mode", Select).value),
                start=start,
                until=until,
                cashier=self.query_one("#cashier", Input).value.strip() or None,
                kind=None if kind is Select.NULL else str(kind),
            )
        except PosError as error:
            message.update(str(error))
            return
        message.update("")
        self.reload(self.filters)

    @staticmethod
    def _day(text: str) -> date | None:
        text = text.strip()
        if not text:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise PosError(f"{text!r} is not a date like 2026-11-23") from None

    @work(thread=True, exclusive=True, group="report")
    def load(self, filters: Filters) -> None:
        try:
            history = History.load(self.data_dir, filters)
            unmatched = nothing_matched(history, self.data_dir)
            dashboard = build_dashboard(history)
            day = Filters(mode=filters.mode, start=self.today, until=self.today)
            today = History.load(self.data_dir, day, codes=False)  # its totals: the codes are the range's
        except PosError as error:  # not enough memory, a folder gone: said, and the till goes on
            self.app.call_from_thread(self.unread, str(error))
        else:
            self.app.call_from_thread(self.show, today.report(), dashboard, unmatched)
        self.app.call_from_thread(self.show_drills, self._drills(filters))

    def unread(self, why: str) -> None:
        if self in self.app.screen_stack:
            self.query_one("#report-message", Static).update(Text(f"The history could not be read: {why}"))
            self.query_one("#report-body").loading = False

    def _drills(self, filters: Filters) -> Group | Text:
        folders = [self.data_dir] if isinstance(self.data_dir, Path) else list(self.data_dir)
        try:
            history, notices = drills_of(folders, filters.cashier, filters.start, filters.until)
        except PosError as error:
            return Text(str(error))
        said = [Text(printable(notice)) for notice in notices]
        if not history:
            return Group(
                *said,
                Text(
                    "No drills done"
                    + (f" by {filters.cashier}" if filters.cashier else "")
                    + " in these days."
                ),
            )
        tables = score_tables(history, leaderboard(history), filters.cashier)
        return Group(*said, *(part for table in tables for part in (table, Text(""))))

    def show_drills(self, tables: Group | Text) -> None:
        if self not in self.app.screen_stack:
            return  # closed (Esc) while the history was read
        self.query_one("#drill-tables", Static).update(tables)
        self.query_one("#drills-body").loading = False

    def show(self, today: Report, dashboard: Dashboard, unmatched: str | None) -> None:
        """`unmatched` says why the filters left nothing to show (`nothing_matched`)."""
        if self not in self.app.screen_stack:
            return  # closed (Esc) while the history was read
        self.query_one("#report-message", Static).update(
            Text(unmatched[:1].upper() + unmatched[1:] if unmatched else "")
        )
        currency = self.labels.currency
        self.query_one("#today", Static).update(_figures(f"Today ({self.today})", today.totals, currency))
        span = f"{self.filters.start or 'the start'} to {self.filters.until or 'now'}"
        figures = _figures(span, dashboard.report.totals, currency)
        if dashboard.report.after_sale is not None:  # the receipts' codes, on a line of their own
            figures.append("\n").append(after_sale_line(dashboard.report, currency))
        verdicts = lift_sentences(dashboard, self.names, currency, self.labels.currencies)
        for sentence in verdicts[:3]:  # the holdout's verdicts
            figures.append("\n" + sentence, style="not bold")
        self.query_one("#range", Static).update(figures)
        self.query_one("#by-rule", RateBars).rows = list(
            zip(rule_labels(dashboard, self.names), dashboard.by_rule.rows, strict=True)
        )
        self.query_one("#by-cashier", RateBars).rows = list(
            zip(cashier_labels(dashboard, 24), dashboard.by_cashier.rows, strict=True)
        )
        days = [(row.get("day"), row["acceptance_rate"]) for row in dashboard.by_day.rows]
        rates = [(day, rate) for day, rate in days if rate is not None]
        self.query_one("#trend", Sparkline).data = [rate for _, rate in rates]
        label = "Acceptance by day"
        if rates:
            low, high = min(rate for _, rate in rates), max(rate for _, rate in rates)
            label += f": {rates[0][0]} to {rates[-1][0]}, {low * 100:.0f}-{high * 100:.0f} %"
        self.query_one("#trend-label", Label).update(label)
        learned = self.query_one("#learned", Static)
        learned.display = bool(dashboard.report.learned)  # a menu that learns nothing shows as before
        learned.update(
            learned_text(
                dashboard.report.learned, self.names, currency, self.labels.currencies, dashboard.store_names
            )
        )
        self.query_one("#cost", Static).update(cost_table(dashboard, currency))
        self.query_one("#fatigue", Static).update(fatigue_table(dashboard.by_place, dashboard.by_declined))
        self.query_one("#wording", Static).update(
            wording_table(dashboard.wording, self.names, dashboard.variants_shown)
        )
        self.query_one("#coaching", Static).update(
            coaching_table(dashboard.stores, dashboard.cashiers, currency, self.labels.currencies)
        )
        self.query_one("#report-body").loading = False


def _figures(title: str, totals: Row, currency: str | None) -> Text:
    text = Text(title, style="bold")
    text.append(f"  {said(totals, currency)}", style="not bold")
    return text
