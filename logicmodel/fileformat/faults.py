"""A fault in a model file at its file, line and column: what every loader raises."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["LoadError", "Located"]


@dataclass(frozen=True)
class Located:
    """One error at a file, line and column, or at a place a file has no lines for.

    A workbook's faults have a `place` such as 'Elements!D3'; line and col then only order
    them, and are not shown.
    """

    file: str
    line: int
    col: int
    message: str
    place: str = ""

    @property
    def about_file(self) -> bool:
        """Return whether the fault is the file itself: missing, a folder, unreadable."""
        return self.line == 0 and not self.place

    def __str__(self) -> str:
        if self.place:
            return f"{self.place}: {self.message}"
        if self.about_file:
            return f"{self.file}: {self.message}"
        return f"{self.file}:{self.line}:{self.col}: {self.message}"


class LoadError(Exception):
    """A file is not a valid logic model; `errors` holds each fault with its position."""

    def __init__(self, errors: list[Located]) -> None:
        super().__init__("\n".join(str(error) for error in errors))
        self.errors = errors
