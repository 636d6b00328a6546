"""The one exception type a user sees: the CLI prints it and exits with status 2."""


class PosError(Exception):
    """An error the user can act on; its text names the file, the entry and the field."""


class DataFolderError(PosError):
    """The data folder cannot be used as asked: not writable, or the terminal is taken."""


class TerminalTaken(DataFolderError):
    """Another process logs as this terminal."""


class SaleError(PosError):
    """A cashier's entry that cannot be done: an unknown code, a size the item lacks."""
