"""Make data text safe to print: no control characters or escape sequences reach the output.

List files may come from strangers, so text from them is shown, never obeyed: control
characters (C0, DEL, C1 such as U+009B CSI), bidirectional overrides and line/paragraph
separators become visible escapes like ``\\x1b`` or ``\\u202e``.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_UNSAFE_KEEP_NEWLINES = re.compile(
    r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
# JSON keeps C0 characters as escapes by itself; these it would write raw.
_JSON_RAW = re.compile(r"[\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, keep_newlines: bool = False) -> str:
    """``text`` with every control character shown as an escape (tabs and newlines too,
    unless ``keep_newlines``, which keeps newlines for the terminal's wrapped paragraphs)."""
    pattern = _UNSAFE_KEEP_NEWLINES if keep_newlines else _UNSAFE
    return pattern.sub(_escape, text)


def json_safe(encoded: str) -> str:
    """Escape, inside already encoded JSON, the characters json.dumps leaves raw but a
    terminal would obey (C1 controls, bidirectional overrides)."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m[0]):04x}", encoded)
