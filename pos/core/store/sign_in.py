"""The counter's sign-in with a crew: the ID and PIN checked (`verify`), and each refusal's audit
events logged as this terminal's, under the ID that was typed when it is a member's (else under
`NOT_ON_THE_CREW`: what was typed may be a PIN in the ID's place)."""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import dataclass
from typing import Protocol

from pos.core.base.events import AuditEvent, Mode, timestamp
from pos.core.store.crew import Member
from pos.core.store.pin_tries import NOT_ON_THE_CREW
from pos.core.store.verify import Crew, Refused, verify


class Auditor(Protocol):
    def audit(self, event: AuditEvent) -> Future[None]: ...


@dataclass(frozen=True)
class PinDesk:
    crew: Crew
    auditor: Auditor
    store_id: str
    terminal: str
    mode: Mode

    def sign_in(self, member_id: str, pin: str) -> Member | str:
        """The member, or the message to show."""
        result = verify(self.crew, member_id, pin)
        if not isinstance(result, Refused):
            return result
        now = timestamp(self.crew.clock.now())
        for action, detail in result.audits:
            self.auditor.audit(
                AuditEvent(
                    ts=now,
                    store_id=self.store_id,
                    terminal=self.terminal,
                    cashier=member_id if result.on_crew else NOT_ON_THE_CREW,
                    mode=self.mode,
                    action=action,
                    approved_by=None,
                    order=None,
                    amount=None,
                    detail=detail,
                )
            )
        return result.message
