"""`pos serve`: drills (or the report screen) in a web browser, through textual-serve.

Each browser session is its own `pos drill` process: its trainee signs in with
their own cashier ID, it logs as the first free terminal of a pool (WEB1, WEB2,
…), and every session writes training records and scores into one data folder.
It is for a trusted network: anyone who reaches the port can drill and read the
reports, so it listens on this machine only unless `--host` opens it.
"""

from __future__ import annotations

import argparse
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.text import Text

from pos import locations
from pos.commands.drill import load_inputs
from pos.core.errors import PosError
from pos.core.ids import valid_id
from pos.core.menu_loader import load_menu
from pos.core.terminal_pool import POOL_SIZE


def run(args: argparse.Namespace, console: Console) -> int:
    data_dir = locations.data_folder(args.data).resolve()
    if not valid_id(f"{args.serve_terminal}{POOL_SIZE}"):
        raise PosError(f"--terminal {args.serve_terminal!r}: expected 1 to 22 letters, digits, - or _")
    command = session_command(args, data_dir)
    # a bad menu or script stops here, not in every browser session
    if not args.report:
        load_inputs(args)
    elif args.menu:
        load_menu(args.menu)
    from pos.web_server import PosServer

    what = "the report screen" if args.report else "drills"
    announce = Text(
        f"pos serve: {what} at http://{args.host}:{args.port}/ (each browser tab is a session of its own; "
        f"data folder {data_dir}). For a trusted network only. Ctrl+C stops."
    )
    server = PosServer(
        shell_line(command), host=args.host, port=args.port, title=f"pos: {what}", announce=announce
    )
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


def shell_line(command: list[str]) -> str:
    """textual-serve starts each session through the system's shell."""
    return subprocess.list2cmdline(command) if sys.platform == "win32" else shlex.join(command)
