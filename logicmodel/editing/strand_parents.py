"""Keep a parent model valid when one of its strands is edited: find the parents, re-check them.

A strand does not name its parent (the parent writes every link across files), so the parents
of a file are found beside it: the model files in its folder and the folder above that list
it under `strands:`. Before an edited strand is written, each parent is loaded with the
edited text in place of the strand's file; an edit that would break a parent (removing or
renaming an element that a parent's link names, say) is refused, naming the parent's line.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from logicmodel.fileformat.documents import Locate
from logicmodel.fileformat.faults import LoadError, Located
from logicmodel.fileformat.loading import load_located, loads_located, read_model_bytes
from logicmodel.fileformat.strands import combine, strand_file
from logicmodel.models import LogicModel

MODEL_SUFFIXES = (".yaml", ".yml", ".json")
# Only files this small are read to see whether they list strands: a parent is a short file.
MAX_PARENT_BYTES = 4 * 1024 * 1024


def parents_of(path: str) -> Iterator[tuple[str, LogicModel, Locate]]:
    """Yield each model file beside `path` (its folder, the one above) that lists it as a strand."""
    target = os.path.realpath(path)
    folder = os.path.dirname(target)
    for place in dict.fromkeys((folder, os.path.dirname(folder))):
        for name in _model_files(place):
            if os.path.realpath(name) == target:
                continue
            try:
                raw = read_model_bytes(name, MAX_PARENT_BYTES)
                if b"strands" not in raw:
                    continue
                model, locate = loads_located(raw, name=name)
            except LoadError:
                continue  # not a model, or not valid on its own: not this edit's concern
            if any(os.path.realpath(strand_file(name, s)) == target for s in model.strands):
                yield name, model, locate


def _model_files(folder: str) -> list[str]:
    """Return the model files directly in a folder, sorted."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    return [os.path.join(folder, n) for n in names if n.lower().endswith(MODEL_SUFFIXES)]


def check_parents(path: str, text: str) -> None:
    """Raise LoadError, located in the parent, if `text` written to `path` breaks a parent."""
    target = os.path.realpath(path)

    def load_strand(name: str) -> tuple[LogicModel, Locate]:
        if os.path.realpath(name) == target:
            return loads_located(text, name=name)
        return load_located(name)

    for parent, model, locate in parents_of(path):
        try:
            load_located(parent)
        except LoadError:
            continue  # broken before this edit: refusing it would not mend the parent
        try:
            combine(model, locate, parent, load_strand)
        except LoadError as error:
            shown = os.path.basename(path)
            raise LoadError(
                [
                    Located(
                        fault.file,
                        fault.line,
                        fault.col,
                        f"{fault.message} (refused: the edit of {shown} would break "
                        f"its parent model {parent})",
                        fault.place,
                    )
                    for fault in error.errors
                ]
            ) from None


__all__ = ["check_parents", "parents_of"]
