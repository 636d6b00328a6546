"""Fuzzed menus: whatever the file says, the loader gives a menu or its own clear error.

Hypothesis writes TOML documents shaped like menus, and mutates the shipped ones.
Bounded: a fixed number of examples, no deadline per example.
"""

from __future__ import annotations

import string
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pos.core.selling.menu import Menu
from pos.core.selling.menu_loader import MenuError, parse_menu
from tests.conftest import MENUS

EXAMPLES = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SHIPPED = [path.read_text() for path in sorted(MENUS.glob("*.toml"))]

KEYS = [
    "name",
    "currency",
    "tax_rate",
    "code",
    "price",
    "sizes",
    "category",
    "item",
    "to",
    "pitch",
    "when",
    "offer",
    "size",
    "dayparts",
    "from",
    "until",
    "priority",
    "unless",
    "min_total",
    "max_prompts_per_order",
    "max_upsell_ratio",
    "breakfast",
    "x",
]
TEXTS = st.sampled_from(
    [
        "1",
        "20",
        "Large",
        "burger",
        "category:burger",
        "next",
        "largest",
        "USD",
        "JPY",
        "0.0825",
        "-1",
        "1.999",
        "3.49",
        "05:00-10:30",
        "24:00-05:00",
        "2026-12-01",
        "{offer}",
        "{offer.__class__}",
        "{delta}",
        "{",
        "}",
        "",
        " ",
        "é",
        "lunch",
    ]
) | st.text(string.printable, max_size=12)
SCALARS = st.one_of(
    TEXTS,
    st.integers(-(10**20), 10**20),
    st.booleans(),
    st.decimals(allow_nan=False, allow_infinity=False, places=3),
)


def toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return (
            '"'
            + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
            + '"'
        )
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + " }"
    return str(value)


VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(KEYS), inner, max_size=3),
    max_leaves=6,
)
TABLES = st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=6)


@st.composite
def menu_documents(draw: st.DrawFn) -> str:
    parts = []
    if draw(st.booleans()):
        parts.append("[menu]\n" + "".join(f"{k} = {toml_value(v)}\n" for k, v in draw(TABLES).items()))
    for header in draw(
        st.lists(
            st.sampled_from(
                [
                    "[[item]]",
                    "[[upsell]]",
                    "[[cross_sell]]",
                    "[[checkout]]",
                    "[rules]",
                    "[menu.dayparts]",
                    "[[items]]",
                ]
            ),
            max_size=6,
        )
    ):
        parts.append(header + "\n" + "".join(f"{k} = {toml_value(v)}\n" for k, v in draw(TABLES).items()))
    return "\n".join(parts)


def load(text: str) -> None:
    try:
        menu = parse_menu(text, Path("fuzz.toml"))
    except MenuError as error:
        assert str(error).startswith("fuzz.toml")
        assert error.problems
    else:
        assert isinstance(menu, Menu)


@EXAMPLES
@given(menu_documents())
def test_generated_documents(text: str) -> None:
    load(text)


@EXAMPLES
@given(st.sampled_from(SHIPPED), st.data())
def test_mutated_shipped_menus(text: str, data: st.DataObject) -> None:
    lines = text.splitlines()
    for _ in range(data.draw(st.integers(1, 4))):
        where = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["delete", "duplicate", "swap", "edit", "insert"]))
        if action == "delete" and len(lines) > 1:
            del lines[where]
        elif action == "duplicate":
            lines.insert(where, lines[where])
        elif action == "swap":
            other = data.draw(st.integers(0, len(lines) - 1))
            lines[where], lines[other] = lines[other], lines[where]
        elif action == "edit" and lines[where]:
            column = data.draw(st.integers(0, len(lines[where]) - 1))
            lines[where] = (
                lines[where][:column]
                + data.draw(st.text(string.printable, max_size=3))
                + lines[where][column + 1 :]
            )
        else:
            lines.insert(
                where,
                data.draw(
                    st.sampled_from(
                        ['price = "-1"', 'pitch = "{item.x}"', "[[item]]", 'code = "1"', 'to = "99"', "x = 1"]
                    )
                ),
            )
    load("\n".join(lines))


@EXAMPLES
@given(st.binary(max_size=200))
def test_arbitrary_bytes(raw: bytes) -> None:
    load(raw.decode("utf-8", errors="replace"))
