"""The reports the golden test pins: each `--by` field alone, some combinations, and each filter."""

from __future__ import annotations

from pos.core.analytics.report_fields import GROUP_FIELDS

CASES: dict[str, list[str]] = {
    "totals": [],
    **{f"by-{name}": ["--by", name] for name in GROUP_FIELDS},
    "by-kind-cashier": ["--by", "kind", "cashier"],
    "by-day-terminal": ["--by", "day", "terminal"],
    "by-rule-pitch-variant": ["--by", "rule", "pitch", "variant"],
    "by-store-daypart-hour": ["--by", "store", "daypart", "hour"],
    "by-offer-heard-declined_before": ["--by", "offer", "heard", "declined_before"],
    "by-trigger-seq-revisit": ["--by", "trigger", "seq", "revisit"],
    "mode-all-by-terminal-cashier": ["--mode", "all", "--by", "terminal", "cashier"],
    "mode-training-by-kind": ["--mode", "training", "--by", "kind"],
    "from-until-by-day": ["--from", "2026-11-17", "--until", "2026-11-19", "--by", "day"],
    "until-midnight-by-rule": ["--until", "2026-11-19", "--by", "rule"],
    "from-after-midnight-by-kind": ["--from", "2026-11-20", "--by", "kind"],
    "cashier-terminal-by-kind": ["--cashier", "C2", "--terminal", "T1", "--by", "kind"],
    "kind-upsell-by-rule": ["--kind", "upsell", "--by", "rule"],
    "kind-after_sale-by-day": ["--kind", "after_sale", "--by", "day"],
}
"""Each expected file's name (reports/NAME.json) and the `pos report` arguments that make it."""
