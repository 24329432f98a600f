"""What each group of verbs mixed into `Draft` (partners, measures) relies on: the file's name,
its data, and `Draft._apply`, the one way an edit is made."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from logicmodel.editing.fields import Data

if TYPE_CHECKING:
    from typing_extensions import Self

    from logicmodel.editing.patch import Patcher


class VerbGroup:
    """A group of `Draft`'s verbs, kept in a module of its own; `Draft` supplies what it uses."""

    name: str
    data: Data

    if TYPE_CHECKING:

        def _apply(
            self,
            summary: str,
            change: Callable[[Data], None],
            patch: Callable[[Patcher], None],
            *,
            removes: bool = False,
        ) -> Self: ...


__all__ = ["VerbGroup"]
