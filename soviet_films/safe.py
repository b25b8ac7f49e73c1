"""Make text safe to print: no control characters or escape sequences reach a stream.

List files and imports may come from strangers, and arguments may hold anything, so such text is
shown, never obeyed: control characters (C0, DEL, C1 such as U+009B CSI), bidirectional marks and
overrides (U+061C, U+200E/F, U+202A-E, U+2066-9) and line/paragraph separators become visible
escapes like ``\\x1b`` or ``\\u202e``. Every text from data or from the user passes through
``visible`` on its way to stdout or stderr: the views, the console's notes and completion.
Shared by every layer; standard library only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

_BIDI_AND_SEPARATORS = (
    0x061C,
    0x200E,
    0x200F,
    0x2028,
    0x2029,
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
)


def _escape(code: int) -> str:
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _table(codes: Iterable[int]) -> dict[int, str]:
    return {code: _escape(code) for code in codes}


# Translation tables, not regular expressions: built in microseconds, so start-up stays fast.
_UNSAFE = _table([*range(0x20), *range(0x7F, 0xA0), *_BIDI_AND_SEPARATORS])
_UNSAFE_KEEP_NEWLINES = {code: text for code, text in _UNSAFE.items() if code != 0x0A}
# JSON keeps C0 characters as escapes by itself; these it would write raw.
_JSON_RAW = {code: f"\\u{code:04x}" for code in (*range(0x7F, 0xA0), *_BIDI_AND_SEPARATORS)}


def visible(text: str, keep_newlines: bool = False) -> str:
    """``text`` with every control character shown as an escape (tabs and newlines too,
    unless ``keep_newlines``, which keeps newlines for the terminal's wrapped paragraphs)."""
    return text.translate(_UNSAFE_KEEP_NEWLINES if keep_newlines else _UNSAFE)


def json_safe(encoded: str) -> str:
    """Escape, inside already encoded JSON, the characters json.dumps leaves raw but a
    terminal would obey (C1 controls, bidirectional overrides)."""
    return encoded.translate(_JSON_RAW)
