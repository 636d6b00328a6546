"""A command of `pos`: its name, its line in `pos --help`, its options and what runs it.

`pos --help` builds every command's options, so a command module imports only what
declaring them needs; what running it needs, its `run` imports.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    arguments: Callable[[argparse.ArgumentParser], None]
    """Adds the command's options to its parser."""
    run: Callable[[argparse.Namespace], int]
    """Runs the command on the parsed options; returns the exit status."""
