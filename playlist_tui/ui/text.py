"""Safe rendering of text that comes from outside: titles, names, paths, messages.

Everything the UI shows from the library goes through `safe` first: control
characters become visible stand-ins (the domain's rule) and lone surrogates, which
an undecodable file name leaves in a path, become U+FFFD. Widgets then build
`rich.text.Text` objects or plain segments from the result, never markup strings,
so that ``[bold]`` or ``[@click=app.quit]`` in a title shows as typed.
"""

from __future__ import annotations

import re

from rich.cells import cell_len, set_cell_size
from rich.text import Text

from playlist_tui.domain import format_duration, visible_text
from playlist_tui.domain.text import count  # noqa: F401 - part of this module's API
from playlist_tui.domain.text import shorten_middle as shorten

ELLIPSIS = "…"

_SURROGATE = re.compile("[\ud800-\udfff]")


def safe(value: object) -> str:
    """Return ``value`` as text that cannot disturb the terminal."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if _SURROGATE.search(text):
        # Lone surrogates come from file names that were not UTF-8: give the bytes
        # back to the decoder, and let it show what it cannot read as U+FFFD.
        try:
            raw = text.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            text = _SURROGATE.sub("\ufffd", text)
        else:
            text = raw.decode("utf-8", "replace")
    return visible_text(text)


def literal(value: object, style: str = "") -> Text:
    """Return a `Text` that shows ``value`` exactly (made safe), never as markup."""
    return Text(safe(value), style=style, no_wrap=False, end="")


def fit(value: str, width: int) -> str:
    """Pad or cut ``value`` to exactly ``width`` cells, ending a cut in an ellipsis.

    The cut never splits a wide character: a half cell left over becomes a space.
    """
    if width <= 0:
        return ""
    size = cell_len(value) if len(value) <= width * 4 else width + 1
    if size <= width:
        return value + " " * (width - size)
    if width == 1:
        return ELLIPSIS
    # Cut a short prefix first, so that a 100,000-character title costs no more than
    # a short one; many zero-width characters are the rare case that needs it all.
    head = value[: width * 2 + 2]
    if cell_len(head) < width:
        head = value
    cut = set_cell_size(head, width - 1)
    return cut + ELLIPSIS


def fit_right(value: str, width: int) -> str:
    """Like `fit`, but a short value is aligned to the right."""
    if width <= 0:
        return ""
    size = cell_len(value)
    if size <= width:
        return " " * (width - size) + value
    return fit(value, width)


def message(value: object, limit: int = 400) -> str:
    """Return an error or status message fit for a notification.

    Its own line breaks are kept (a summary has one line per point); every other
    control character gets its visible stand-in.
    """
    lines = ("" if value is None else str(value)).split("\n")
    return shorten("\n".join(safe(line) for line in lines), limit)


def quoted(value: object, limit: int = 80) -> str:
    """Return a name quoted for a sentence, e.g. ``'Live [/bold] Edit'``."""
    return f"'{shorten(safe(value), limit)}'"


def duration(seconds: float | None) -> str:
    """Show a duration, ``--:--`` when it is unknown."""
    return format_duration(seconds)


def total(seconds: float, unknown: int) -> str:
    """Show a total duration, with ``+`` when some durations are unknown."""
    return format_duration(seconds) + ("+" if unknown else "")
