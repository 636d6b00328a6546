"""`pos crew add|list|remove|pin`: who may sign in at the store's terminals, and their PINs.

A PIN is asked twice without echo (getpass) and kept only as a salted scrypt hash in
`DATA/crew.json`; it is never printed, logged or passed on the command line.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from pos import locations
from pos.commands.arguments import given
from pos.commands.asking import ask_secret
from pos.commands.command import Command
from pos.core.base.errors import PosError

if TYPE_CHECKING:
    from pos.core.store.crew import Member
    from pos.core.store.pins import PinHash


def arguments(parser: argparse.ArgumentParser) -> None:
    subcommands = parser.add_subparsers(dest="crew_command", metavar="SUBCOMMAND", required=True)
    add = subcommands.add_parser("add", help="add a member of the crew (then set a PIN: pos crew pin ID)")
    add.add_argument("id", metavar="ID", help="the ID the member signs in with, e.g. C7")
    add.add_argument("--name", required=True, help="the member's name, as reports and lists show it")
    add.add_argument("--role", required=True, choices=("cashier", "manager"), help="a manager approves")
    subcommands.add_parser("list", help="list the crew: ID, name, role and whether a PIN is set")
    remove = subcommands.add_parser("remove", help="remove a member: the ID no longer signs in")
    remove.add_argument("id", metavar="ID", help="the member's ID")
    pin = subcommands.add_parser("pin", help="set a member's PIN, asked twice without echo")
    pin.add_argument("id", metavar="ID", help="the member's ID")
    for sub in (add, remove, pin, subcommands.choices["list"]):
        sub.add_argument("--data", dest="crew_data", metavar="DIR", help="data folder (as for pos)")


def main(args: argparse.Namespace) -> int:
    from pos.core.store import crew

    data_dir = locations.data_folder(given(args.crew_data, args.data))
    if args.crew_command == "add":
        member = crew.add_member(data_dir, args.id, args.name, args.role)
        print(f"Added {member.id} ({member.name}, {member.role}); set a PIN with: pos crew pin {member.id}")
    elif args.crew_command == "remove":
        member = crew.remove_member(data_dir, args.id)
        print(f"Removed {member.id} ({member.name}): the ID no longer signs in")
    elif args.crew_command == "pin":
        crew.find_member(data_dir, args.id)  # before the PIN is asked: a typo in the ID is said first
        member = crew.set_pin(data_dir, args.id, _ask_pin(args.id))
        print(f"PIN set for {member.id} ({member.name})")
    else:
        _print_crew(crew.read_crew(data_dir))
    return 0


def _ask_pin(member_id: str) -> PinHash:
    from pos.core.store.pins import PIN_RULE, hash_pin, valid_pin

    pin = ask_secret(f"New PIN for {member_id} ({PIN_RULE}): ")
    if not valid_pin(pin):
        raise PosError(f"the PIN: expected {PIN_RULE}; nothing changed")
    if ask_secret("The same PIN again: ") != pin:
        raise PosError("the two PINs typed differ; nothing changed")
    return hash_pin(pin)


def _print_crew(members: list[Member]) -> None:
    if not members:
        print("No crew: sign-in is open to any ID (add one with: pos crew add ID --name NAME --role cashier)")
        return
    rows = [
        ("ID", "NAME", "ROLE", "PIN"),
        *((m.id, m.name, m.role, "set" if m.pin else "not set") for m in members),
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    for row in rows:
        print("  ".join([*(cell.ljust(width) for cell, width in zip(row, widths, strict=False)), row[3]]))


COMMAND = Command("crew", "the crew who sign in, with their roles and PINs", arguments, main)
