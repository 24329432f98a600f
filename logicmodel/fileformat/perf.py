"""Keep Python's cyclic garbage collector out of bulk work on big models."""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def without_gc_pauses(function: Callable[P, R]) -> Callable[P, R]:
    """Return the function run with the cyclic collector paused.

    Loading, graph building and tracing make millions of objects and no reference cycles,
    yet the collector's passes over them grow with the heap: on a 100,000-element model
    they take half the time and make it grow faster than linearly. Reference counting
    still frees everything as usual.
    """

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()

    return wrapper


__all__ = ["without_gc_pauses"]
