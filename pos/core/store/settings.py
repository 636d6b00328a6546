"""`DATA/store.toml`: the store's settings, read like a menu (every bad value named by file, line
and field; an unknown table or field refused). No file: every default.

    [terminals]               # a name for each terminal ID, shown beside it
    T1 = "Front counter"

    [printer]
    address = "net:192.168.1.50:9100"   # or "file:/dev/usb/lp0", "usb:04b8:0202"; none: the screen
    drawer = "pin2"           # the cash drawer on its drawer port: "pin2" (the default), "pin5" or "none"
                              # (named with no address: said at the counter's start when no
                              # pos --printer names a printer either)

    [tax]
    display = "added"         # the only value: prices before tax, tax on its own line ("included" is refused)

    [pins]
    required = true           # with a crew file, sign-in asks each cashier's PIN
    attempts = 5              # wrong PINs in a row that lock an ID
    lock_seconds = 60         # how long it stays locked
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pos.core.base.errors import DataFolderError, PosError
from pos.core.base.files import read_regular
from pos.core.base.ids import CASHIER_RULE, valid_id
from pos.core.base.toml_fields import Entry, FieldReader, Problem, described, names, written
from pos.core.base.toml_text import TomlSyntaxError, parse_toml
from pos.core.printing.drawer import Drawer
from pos.core.printing.printer_choice import PrinterChoice, PrinterChoiceError, parse_printer

FILE = "store.toml"
MOST_BYTES = 64 * 1024
NAME_LENGTH = 40
TAX_DISPLAYS = ("added",)
"""What the till and the receipt do today: prices before tax, tax as a line of its own."""
_TABLES = {
    "terminals": None,
    "printer": {"address", "drawer"},
    "tax": {"display"},
    "pins": {"required", "attempts", "lock_seconds"},
}


@dataclass(frozen=True)
class PinPolicy:
    required: bool = True
    """With a crew file, sign-in asks the PIN; false: the open sign-in of a store without a crew."""
    attempts: int = 5
    lock_seconds: int = 60


@dataclass(frozen=True)
class StoreSettings:
    terminals: MappingProxyType[str, str] = field(default_factory=lambda: MappingProxyType({}))
    printer: PrinterChoice | None = None
    """The receipt printer (`pos.core.printing.printer_choice`); None: the screen's receipt only."""
    drawer: Drawer = Drawer.PIN2
    """The cash drawer on the receipt printer (whichever printer is used: `pos --printer`'s too)."""
    tax_display: str = "added"
    pins: PinPolicy = PinPolicy()
    drawer_alone: str | None = None
    """A drawer named with no `[printer] address`: what to say (file, line, field) where no
    `pos --printer` names a printer either, so nothing opens it."""

    def terminal_name(self, terminal: str) -> str | None:
        return self.terminals.get(terminal)


class SettingsError(PosError):
    def __init__(self, path: Path, problems: list[Problem]) -> None:
        super().__init__(described(path, problems))


def load_settings(data_dir: Path) -> StoreSettings:
    """The settings of the store in `data_dir`; every default when it has no `store.toml`."""
    path = data_dir / FILE
    try:
        data = read_regular(path, MOST_BYTES)  # never a link, a FIFO or a device
    except FileNotFoundError:
        return StoreSettings()
    except DataFolderError:
        raise
    except OSError as error:
        raise SettingsError(path, [Problem(None, None, f"cannot read the file: {error.strerror}")]) from None
    try:
        text = data.decode("utf-8")
        document = parse_toml(text)
    except UnicodeDecodeError as error:
        problem = Problem(None, None, f"is not UTF-8 text ({error.reason} at byte {error.start})")
        raise SettingsError(path, [problem]) from None
    except TomlSyntaxError as error:
        raise SettingsError(path, [Problem(None, None, str(error), error.line)]) from None
    return _SettingsReader(path, text).read(document)


class _SettingsReader(FieldReader):
    def read(self, document: dict[str, Any]) -> StoreSettings:
        tables: dict[str, dict[str, Any]] = {}
        for key, value in document.items():
            if key not in _TABLES:
                self.problem(
                    Entry(None, key), None, f"unknown table [{key}]; expected one of {names(set(_TABLES))}"
                )
            elif not isinstance(value, dict):
                self.problem(Entry(None, key), key, f"write it as a table [{key}]")
            else:
                tables[key] = value
                allowed = _TABLES[key]
                if allowed is not None:
                    self.unknown_keys(Entry(f"[{key}]", key), value, allowed)
        settings = StoreSettings(
            terminals=MappingProxyType(self._terminals(tables.get("terminals", {}))),
            printer=self._printer(tables.get("printer", {})),
            drawer=self._drawer(tables.get("printer", {})),
            drawer_alone=self._drawer_alone(tables.get("printer", {})),
            tax_display=self._tax(tables.get("tax", {})),
            pins=self._pins(tables.get("pins", {})),
        )
        if self.problems:
            raise SettingsError(self.path, self.problems)
        return settings

    def _terminals(self, table: dict[str, Any]) -> dict[str, str]:
        entry = Entry("[terminals]", "terminals")
        found = {}
        for terminal, name in table.items():
            if not valid_id(terminal):
                self.problem(entry, terminal, f"a terminal ID is {CASHIER_RULE}")
            elif not isinstance(name, str) or not name.strip() or len(name) > NAME_LENGTH:
                self.problem(
                    entry, terminal, f"expected a name of 1 to {NAME_LENGTH} characters, got {written(name)}"
                )
            else:
                found[terminal] = name.strip()
        return found

    def _printer(self, table: dict[str, Any]) -> PrinterChoice | None:
        address = self.text(Entry("[printer]", "printer"), table, "address")
        if address is None:
            return None
        try:
            return parse_printer(address)  # the same rule as `pos --printer`
        except PrinterChoiceError as error:
            self.problem(Entry("[printer]", "printer"), "address", str(error))
            return None

    def _drawer(self, table: dict[str, Any]) -> Drawer:
        drawer = table.get("drawer", Drawer.PIN2.value)
        if drawer not in tuple(Drawer):
            self.problem(
                Entry("[printer]", "printer"),
                "drawer",
                f"expected one of {names(tuple(Drawer))} (the pin of the printer's drawer port, or none), "
                f"got {written(drawer)}",
            )
            return Drawer.PIN2
        return Drawer(drawer)

    def _drawer_alone(self, table: dict[str, Any]) -> str | None:
        drawer = table.get("drawer")
        if drawer in (None, Drawer.NONE.value) or "address" in table:
            return None
        line = self.locator.line_of("printer", None, "drawer")
        said = f"{written(drawer)} names a cash drawer, but no printer opens it: no [printer] address, "
        return Problem("[printer]", "drawer", said + "no pos --printer", line).describe(self.path)

    def _tax(self, table: dict[str, Any]) -> str:
        display = table.get("display", TAX_DISPLAYS[0])
        if display not in TAX_DISPLAYS:
            self.problem(
                Entry("[tax]", "tax"),
                "display",
                f"expected one of {names(TAX_DISPLAYS)}, got {written(display)}",
            )
            return TAX_DISPLAYS[0]
        return str(display)

    def _pins(self, table: dict[str, Any]) -> PinPolicy:
        entry = Entry("[pins]", "pins")
        default = PinPolicy()
        required = table.get("required", default.required)
        if not isinstance(required, bool):
            self.problem(entry, "required", f"expected true or false, got {written(required)}")
            required = default.required
        return PinPolicy(
            required,
            self._bounded(entry, table, "attempts", default.attempts, 1, 20),
            self._bounded(entry, table, "lock_seconds", default.lock_seconds, 1, 86_400),
        )

    def _bounded(
        self, entry: Entry, table: dict[str, Any], key: str, default: int, least: int, most: int
    ) -> int:
        if key not in table:
            return default
        value = self.integer(entry, table, key, least, most)
        return default if value is None else value
