"""What selling did besides the prompts' own figures: the orders paid, the receipts' codes
brought back, and the holdout's verdict on whether asking pays."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text

from pos.core.analytics.dashboard import Dashboard
from pos.core.analytics.report import Report
from pos.core.base.text import printable
from pos.core.selling.rule_ids import rule_parts
from pos.reports.figures import money, percent
from pos.reports.row_labels import row_currency


def after_sale_line(report: Report, currency: str | None) -> Text:
    """The receipts' codes: printed, redeemed, the rate and its interval, days to come back."""
    summary = report.after_sale
    if summary is None:
        return Text("")
    line = f"Codes on receipts: {summary['issued']:,} printed, {summary['redeemed']:,} redeemed"
    low, high = summary["redemption_low"], summary["redemption_high"]
    if summary["redemption_rate"] is not None and low is not None and high is not None:
        line += f" ({percent(summary['redemption_rate'])}, 95 % CI {low * 100:.1f}-{high * 100:.1f})"
    if summary["median_days_to_redeem"] is not None:
        line += f", back after {summary['median_days_to_redeem']:g} day(s) (median)"
    line += f"; redeeming orders paid {money(summary['redeeming_revenue'], currency)}"
    return Text(line)


def approvals_lines(report: Report, currency: str | None) -> list[str]:
    """Per cashier who asked: the refunds, lines voided after the receipt, no-sales and discounts a
    manager approved, with their money; none when nothing was approved."""
    return [
        f"Approved for {printable(row['cashier'])}: {row['refunds']} refund(s) {money(row['refunded'], currency)}, "
        f"{row['voided_lines']} line(s) voided after the receipt {money(row['voided'], currency)}, "
        f"{row['no_sales']} no-sale(s), {row['discounts']} discount(s) {money(row['discounted'], currency)}"
        for row in report.approvals
    ]


def lift_sentences(
    dashboard: Dashboard,
    names: dict[str, str],
    currency: str | None,
    store_currencies: Mapping[str, str] | None = None,
) -> list[str]:
    """For each rule whose chances were held out (each store's, over several stores, in its
    currency): does asking change what customers take?"""
    proven: list[str] = []
    unproven: list[str] = []
    for row in dashboard.by_rule.rows:
        lift, low, high = row.get("lift"), row.get("lift_low"), row.get("lift_high")
        if lift is None or low is None or high is None:
            continue
        prompting, asking = _asking(row["rule"], names)
        points = f"{abs(lift) * 100:.0f} points ({low * 100:.0f} to {high * 100:.0f})"
        caused, own = row.get("caused_per_100"), row_currency(row, currency, store_currencies or {})
        worth = f", {money(caused, own)} per 100 chances" if caused is not None and own else ""
        store = row.get("store_id")
        where = "" if store is None else f"At {printable(dashboard.store_names.get(store, store))}, "
        if low > 0:
            proven.append(f"{where}{prompting} adds {points}{worth}: worth asking.")
        elif high < 0:
            proven.append(f"{where}{prompting} lowers what customers take by {points}: ask differently.")
        else:
            more = row.get("more_chances")
            need = f", about {more:,} more chances needed" if more else ", no difference seen yet"
            unproven.append(f"{where}no proof yet that {asking} changes what customers take{need}.")
    return [sentence[:1].upper() + sentence[1:] for sentence in proven + unproven]


def _asking(rule: str, names: dict[str, str]) -> tuple[str, str]:
    """The rule's prompt as a sentence's subject, after a verdict and after "no proof yet that": a
    rule named by what it offers, "prompting for Fries -> Large (upsell)" and "asking for ..."; a
    rule of the menu's own id, which names no offer, "asking 'after a taco'" both times."""
    kind, what = rule_parts(rule, names)
    if not kind:
        named = f"asking '{printable(what)}'"
        return named, named
    offer = printable(f"{what} ({kind})")
    return f"prompting for {offer}", f"asking for {offer}"


def lift_text(
    dashboard: Dashboard,
    names: dict[str, str],
    currency: str | None,
    store_currencies: Mapping[str, str] | None = None,
) -> Text:
    """The holdout's verdicts, under a heading; nothing where no chance was held out."""
    sentences = lift_sentences(dashboard, names, currency, store_currencies)
    if not sentences:
        return Text("")
    text = Text("Does prompting pay? (chances held out at random)\n", style="bold")
    text.append("\n".join(sentences) + "\n")
    return text


def orders_line(report: Report, currency: str | None) -> Text:
    totals = report.totals
    ticket, kept = totals.get("avg_ticket"), totals.get("added_per_order")
    if ticket is None or kept is None:
        return Text("Orders paid: 0")
    return Text(
        f"Orders paid: {totals.get('orders', 0):,}   average ticket {money(ticket, currency)}"
        f"   kept from selling per order {money(kept, currency)}"
    )
