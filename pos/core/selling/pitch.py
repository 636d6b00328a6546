"""Pitch templates: the sentence the cashier says, with named placeholders.

Templates are checked with `string.Formatter().parse` and filled in by this module
alone, never by `str.format`, so `"{offer.__class__}"` is a menu error and nothing
in a menu file is ever evaluated.
"""

from __future__ import annotations

from collections.abc import Mapping
from string import Formatter

PLACEHOLDERS = ("item", "offer", "size", "delta", "price")


def template_problem(
    template: str, extra: tuple[str, ...] = (), base: tuple[str, ...] = PLACEHOLDERS
) -> str | None:
    """Say what is wrong with a template, or None when it is good; `extra`: placeholders of its own
    kind; `base`: those every template of its sort takes (a pitch's, unless told)."""
    allowed = base + extra
    try:
        parts = list(Formatter().parse(template))
    except ValueError as error:
        return f"cannot read the pitch {template!r}: {error} (write {{{{ for a literal brace)"
    for _literal, field, spec, conversion in parts:
        if field is None:
            continue
        if field not in allowed or spec or conversion:
            whole = field + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            names = ", ".join(f"{{{name}}}" for name in allowed)
            use = f"use one of {names}" if allowed else "it takes none"
            return f"unknown placeholder {{{whole}}} in {template!r}; {use}"
    return None


def render(template: str, values: Mapping[str, str]) -> str:
    """Fill a checked template; every placeholder must be in `values`."""
    return "".join(
        literal + (values[field] if field is not None else "")
        for literal, field, _spec, _conversion in Formatter().parse(template)
    )
