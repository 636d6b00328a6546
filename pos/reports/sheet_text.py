"""A sheet (`pos.core.printing.sheet`: the day's close, an X reading) as text for a terminal or the
screen, and as an HTML page; text from the log is shown literally (`printable`, then escaped)."""

from __future__ import annotations

import html

from pos.core.base.text import printable
from pos.core.printing.sheet import Sheet


def sheet_text(sheet: Sheet) -> str:
    width = max((len(label) for section in sheet.sections for label, _ in section.rows), default=0) + 2
    out = [printable(sheet.title), *map(printable, sheet.lines)]
    for section in sheet.sections:
        out += ["", printable(section.title)]
        out += [f"  {printable(label):<{width}}{printable(value):>14}" for label, value in section.rows]
    return "\n".join(out) + "\n"


def sheet_html(sheet: Sheet) -> str:
    def shown(text: str) -> str:
        return html.escape(printable(text))

    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{shown(sheet.title)}</title>",
        "<style>body{font-family:sans-serif;max-width:40em;margin:2em auto}"
        "td{padding:.1em 1em}td+td{text-align:right;font-variant-numeric:tabular-nums}</style>",
        f"</head><body><h1>{shown(sheet.title)}</h1>",
        *(f"<p>{shown(line)}</p>" for line in sheet.lines),
    ]
    for section in sheet.sections:
        parts.append(f"<h2>{shown(section.title)}</h2><table>")
        parts += [f"<tr><td>{shown(label)}</td><td>{shown(value)}</td></tr>" for label, value in section.rows]
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
