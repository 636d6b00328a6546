"""The report's filters (`pos report --mode --from --until --cashier --terminal --kind`), checked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pos.core.analytics.report_fields import MODES
from pos.core.base.errors import PosError
from pos.core.selling.prompt_kinds import names


class ReportError(PosError):
    pass


@dataclass(frozen=True)
class Filters:
    mode: str = "live"
    start: date | None = None
    until: date | None = None
    cashier: str | None = None
    terminal: str | None = None
    kind: str | None = None

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ReportError(f"--mode {self.mode!r}: expected one of {', '.join(MODES)}")
        if self.kind is not None and self.kind not in names():
            raise ReportError(f"--kind {self.kind!r}: expected one of {', '.join(names())}")
        if self.start and self.until and self.start > self.until:
            raise ReportError(f"--from {self.start} is after --until {self.until}")

    def as_dict(self) -> dict[str, str | None]:
        return {
            "mode": self.mode,
            "from": self.start.isoformat() if self.start else None,
            "until": self.until.isoformat() if self.until else None,
            "cashier": self.cashier,
            "terminal": self.terminal,
            "kind": self.kind,
        }
