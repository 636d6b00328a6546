"""`pos serve`: drills (or the report screen) in a web browser, through textual-serve.

Each browser session is its own `pos drill` process: its trainee signs in with
their own cashier ID, it logs as the first free terminal of a pool (WEB1, WEB2,
…), and every session writes training records and scores into one data folder.
It is for a trusted network: anyone who reaches the port can drill and read the
reports, so it listens on this machine only unless `--host` opens it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pos import locations
from pos.commands.arguments import positive
from pos.commands.command import Command
from pos.commands.drill import drill_options, load_inputs, own_drill_options
from pos.core.base.errors import PosError
from pos.core.base.ids import valid_id

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from pos.web.addresses import Reach


def port(text: str) -> int:
    value = positive(text)
    if value > 65535:
        raise argparse.ArgumentTypeError(f"a port is 1 to 65535, got {value}")
    return value


def arguments(parser: argparse.ArgumentParser) -> None:
    drill_options(parser)
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1: this machine only; 0.0.0.0 opens it to the network)",
    )
    parser.add_argument("--port", type=port, default=8000, help="port to listen on (default 8000)")
    parser.add_argument(
        "--terminal",
        dest="serve_terminal",
        default="WEB",
        metavar="PREFIX",
        help="each session logs as the first free of PREFIX1 to PREFIX99 (default WEB)",
    )
    parser.add_argument(
        "--report", action="store_true", help="serve the report screen (with its drills tab) instead"
    )


def main(args: argparse.Namespace) -> int:
    from rich.console import Console

    own_drill_options(args)
    return run(args, Console())


def run(args: argparse.Namespace, console: Console) -> int:
    from pos.core.log.terminal_pool import POOL_SIZE
    from pos.core.selling.menu_loader import load_menu
    from pos.web.addresses import reach

    data_dir = locations.data_folder(args.data).resolve()
    if not valid_id(f"{args.serve_terminal}{POOL_SIZE}"):
        raise PosError(f"--terminal {args.serve_terminal!r}: expected 1 to 22 letters, digits, - or _")
    command = session_command(args, data_dir)
    # a bad menu or script stops here, not in every browser session
    if not args.report:
        load_inputs(args)
    elif args.menu:
        load_menu(args.menu)
    from pos.web.server import PosServer

    what = "the report screen" if args.report else "drills"
    at = reach(args.host, args.port)
    server = PosServer(command, reach=at, title=f"pos: {what}", announce=announcement(what, at, data_dir))
    try:
        server.serve()
    except OSError as error:
        raise PosError(f"cannot serve on {args.host} port {args.port}: {error.strerror or error}") from None
    return 0


def session_command(args: argparse.Namespace, data_dir: Path) -> list[str]:
    """What each browser session runs: this Python, this pos, the options given to `pos serve`."""
    command = [sys.executable, "-m", "pos", "--data", str(data_dir)]
    if args.menu:
        command += ["--menu", str(Path(args.menu).resolve())]
    if args.report:
        return [*command, "report", "--tui"]
    command += ["drill", "--terminal-pool", args.serve_terminal, "--level", args.level]
    options: dict[str, Any] = {"--script": args.script, "--seed": args.seed, "--now": args.now}
    if args.script:
        options["--script"] = Path(args.script).resolve()
    else:
        options["--customers"] = args.customers
    for option, value in options.items():
        if value is not None:
            command += [option, value.isoformat() if hasattr(value, "isoformat") else str(value)]
    return command


def announcement(what: str, at: Reach, data_dir: Path) -> Text:
    """Where to open the page: on the store's network, this machine's own addresses (0.0.0.0 is none)."""
    from rich.text import Text

    about = f"each browser tab is a session of its own; data folder {data_dir}"
    if not at.on_network:
        where = f"pos serve: {what} at {at.urls[0]} ({about})."
    elif not at.urls:
        where = (
            f"pos serve: {what} for the store's network ({about}), but no network address of this machine "
            f"was found: connect it, then start pos serve again. Here: {at.here}"
        )
    else:
        also = "".join(f"; also {url}" for url in at.urls[1:])
        where = (
            f"pos serve: {what} for the store's network ({about}).\n"
            f"On a tablet, open {at.urls[0]} (this machine's address on the network{also}; "
            f"on this machine, {at.here})."
        )
    return Text(f"{where}\nFor a trusted network only. Ctrl+C stops.")


COMMAND = Command(
    "serve", "drills (or the report screen) in a web browser, one session per browser tab", arguments, main
)
