"""`RowList`: a scrolling list with a cursor, drawn line by line.

Only the lines on screen are ever rendered, so a list of 100,000 rows costs what a
list of 40 costs. Subclasses say how many rows there are and how to draw one.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip


class RowList(ScrollView, can_focus=True, inherit_bindings=False):
    """A list of rows with a cursor; a fixed header stays at the top.

    Rows are ``ROW_HEIGHT`` lines high; the header is ``HEADER_HEIGHT`` lines.
    """

    # A double click chooses a row; it must not also select the text of the widget.
    ALLOW_SELECT = False

    HEADER_HEIGHT: ClassVar[int] = 0
    ROW_HEIGHT: ClassVar[int] = 1

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_by(-1)", "Up", show=False),
        Binding("down", "cursor_by(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "cursor_to_end(0)", "First", show=False),
        Binding("end", "cursor_to_end(1)", "Last", show=False),
    ]

    DEFAULT_CSS = """
    RowList {
        overflow-x: hidden;
        overflow-y: auto;
    }
    """

    def __init__(
        self,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._cursor = 0

    # ------------------------------------------------------------------ subclasses

    @property
    def row_count(self) -> int:
        """How many rows the list shows."""
        return 0

    def render_header(self, y: int, width: int) -> Strip:
        """Draw line ``y`` of the header."""
        return Strip.blank(width, self.rich_style)

    def render_row(self, index: int, line: int, width: int) -> Strip:
        """Draw line ``line`` of row ``index``."""
        return Strip.blank(width, self.rich_style)

    def cursor_moved(self) -> None:
        """Called after the cursor moved to another row (to post a message)."""

    # ------------------------------------------------------------------ cursor

    @property
    def cursor(self) -> int:
        """The row under the cursor (0 when the list is empty)."""
        return self._cursor

    def move_cursor(self, index: int, *, scroll: bool = True) -> None:
        """Put the cursor on row ``index`` (clamped), and show that row."""
        last = max(0, self.row_count - 1)
        index = min(max(0, index), last)
        old = self._cursor
        self._cursor = index

        if scroll:
            self.scroll_to_row(index)
        if old != index:
            self.refresh_row(old)
            self.refresh_row(index)
            self.cursor_moved()

    def rows_changed(self) -> None:
        """Call after the rows changed: resize, clamp the cursor, redraw."""
        height = self.HEADER_HEIGHT + self.row_count * self.ROW_HEIGHT
        self.virtual_size = Size(0, height)
        self._cursor = min(self._cursor, max(0, self.row_count - 1))
        self.refresh()

    def refresh_row(self, index: int) -> None:
        """Redraw the lines of one row."""
        top = self.HEADER_HEIGHT + index * self.ROW_HEIGHT
        self.refresh_lines(top, self.ROW_HEIGHT)

    def scroll_to_row(self, index: int) -> None:
        """Scroll as little as needed to show row ``index`` under the header."""
        visible = self._visible_lines()
        top = index * self.ROW_HEIGHT
        bottom = top + self.ROW_HEIGHT
        current = round(self.scroll_y)
        if top < current:
            target = top
        elif bottom > current + visible:
            target = bottom - visible
        else:
            return
        self.scroll_to(y=target, animate=False, immediate=True)

    def row_at(self, y: int) -> int | None:
        """Return the row drawn on line ``y`` of the content area, if any."""
        if y < self.HEADER_HEIGHT:
            return None
        index = (round(self.scroll_y) + y - self.HEADER_HEIGHT) // self.ROW_HEIGHT
        return index if 0 <= index < self.row_count else None

    def _visible_lines(self) -> int:
        height = self.scrollable_content_region.height or self.size.height
        return max(self.ROW_HEIGHT, height - self.HEADER_HEIGHT)

    def _page_rows(self) -> int:
        return max(1, self._visible_lines() // self.ROW_HEIGHT - 1)

    # ------------------------------------------------------------------ actions

    def action_cursor_by(self, delta: int) -> None:
        """Move the cursor up or down by ``delta`` rows."""
        self.move_cursor(self._cursor + delta)

    def action_page(self, direction: int) -> None:
        """Move the cursor by a screenful."""
        self.move_cursor(self._cursor + direction * self._page_rows())

    def action_cursor_to_end(self, end: int) -> None:
        """Move the cursor to the first (0) or last (1) row."""
        self.move_cursor(self.row_count - 1 if end else 0)

    # ------------------------------------------------------------------ drawing

    def render_line(self, y: int) -> Strip:
        """Draw one line of the content area: the header or a slice of a row."""
        width = self.scrollable_content_region.width or self.size.width
        if y < self.HEADER_HEIGHT:
            return self.render_header(y, width)
        line = round(self.scroll_y) + y - self.HEADER_HEIGHT
        index, part = divmod(line, self.ROW_HEIGHT)
        if index >= self.row_count:
            return Strip.blank(width, self.rich_style)
        return self.render_row(index, part, width)

    def make_strip(
        self, cells: list[tuple[str, Style]], width: int, fill: Style | None = None
    ) -> Strip:
        """Join already fitted cells into a line exactly ``width`` cells wide."""
        strip = Strip([Segment(text, style) for text, style in cells])
        return strip.adjust_cell_length(width, fill or self.rich_style)

    # ------------------------------------------------------------------ mouse

    def on_click(self, event: events.Click) -> None:
        """Click selects a row; a double click chooses it."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = self.row_at(offset.y)
        if index is None:
            return
        event.stop()
        self.move_cursor(index, scroll=False)
        if event.chain == 2:
            self.row_chosen(index)

    def row_chosen(self, index: int) -> None:
        """Called on double click (and Enter, if a subclass binds it)."""
