"""Text from outside (a menu, a drill file, a log, the score book, what is typed) made safe to show.

Two rules, applied in one place each:

- Control characters never reach a terminal: `printable()` shows each as its
  escape (`\\x1b`, `\\u202e`), so an ESC sequence in a menu cannot clear the
  screen or retitle the window, and a bidi override cannot reorder a line.
  The menu and drill loaders, the log and score readers and the report writers
  call it where text enters.
- Outside text is content, never markup: screens build Rich `Text` (or Textual
  `Content`) from it, and commands print it with markup off. Markup is kept for
  strings the code itself writes.
"""

from __future__ import annotations

import re
import unicodedata

_BEYOND_C0 = "\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb"
"""DEL, the C1 controls, and the invisible marks that reorder or hide text."""
_UNSAFE = re.compile(f"[\x00-\x1f{_BEYOND_C0}]")
_UNSAFE_IN_JSON = re.compile(f"[{_BEYOND_C0}]")
"""Less the C0 controls, which json.dumps escapes inside strings: raw ones are its line breaks."""


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with every control or bidi character shown as its escape."""
    if text.isprintable() and not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(_escape, text)


def is_printable_char(char: str | None) -> bool:
    """A key that types one visible character (not a control, not a format mark)."""
    return (
        char is not None
        and len(char) == 1
        and char.isprintable()
        and unicodedata.category(char) not in ("Cf", "Cc")
        and not _UNSAFE.match(char)
    )


def json_safe(json_text: str) -> str:
    """JSON text with every control or bidi character inside it written as a `\\uXXXX` escape.

    The same data for a JSON reader, and nothing a terminal acts on when the JSON is
    printed (json.dumps leaves C1 controls and bidi marks raw with ensure_ascii=False).
    """
    return _UNSAFE_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", json_text)
