"""`logicmodel diff` as git's external diff driver: git's seven arguments, /dev/null sides.

Git runs a diff driver as `COMMAND PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE`
(and two more, the new path and a note, for a renamed file); an added or deleted file has
/dev/null on one side, diffed here against an empty model so that everything shows as added
or removed.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Sequence
from dataclasses import dataclass

from logicmodel.analysis.diffing import ModelDiff, diff
from logicmodel.fileformat.loading import LoadError, Located
from logicmodel.models import LogicModel
from logicmodel.status import ExitStatus

NULL = "/dev/null"


@dataclass(frozen=True)
class GitCall:
    """The two files to diff and the names to show them by."""

    old_file: str
    new_file: str
    old_name: str
    new_name: str
    from_git: bool = False

    @classmethod
    def from_arguments(cls, args: Sequence[str]) -> GitCall:
        """Return the call from `OLD NEW`, or from git's seven (or nine) arguments.

        >>> GitCall.from_arguments(["m.yaml", "/tmp/x_m.yaml", "abc", "100644",
        ...                         "m.yaml", "def", "100644"]).old_name
        'a/m.yaml'
        """
        if len(args) == 2:
            return cls(args[0], args[1], args[0], args[1])
        if len(args) in (7, 9):
            path = args[0]
            new_path = args[7] if len(args) == 9 else path
            return cls(args[1], args[4], f"a/{path}", f"b/{new_path}", from_git=True)
        raise ValueError(
            f"give two files, OLD and NEW (or git's 7 arguments as a diff driver), not {len(args)}"
        )

    @property
    def inputs(self) -> tuple[str, ...]:
        """Return the files read: no output may replace them."""
        return tuple(f for f in (self.old_file, self.new_file) if f != NULL)

    def text_diff(self) -> str:
        """Return the plain unified diff of the two files' text, as git would show it."""
        old, new = (_text(f) for f in (self.old_file, self.new_file))
        lines = difflib.unified_diff(
            old.splitlines(keepends=True),
            new.splitlines(keepends=True),
            self.old_name,
            self.new_name,
        )
        return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def _text(path: str) -> str:
    if path == NULL:
        return ""
    with open(path, "rb") as handle:
        return handle.read().decode("utf-8", errors="replace")


def empty_model(title: str) -> LogicModel:
    """Return a model with nothing in it: the side of an added or deleted file."""
    return LogicModel.model_construct(logicmodel=1, title=title, partners=[])


class TooLarge(LoadError):
    """A file over the size limit: refused as `check` refuses it, as not a valid model."""


def _read(path: str, name: str, max_size: int) -> LogicModel:
    from logicmodel.fileformat.loading import loads

    try:
        size = os.stat(path).st_size
        if size > max_size:
            limit = f"over the {max_size:,}-byte limit (raise it with --max-size)"
            raise TooLarge([Located(name, 0, 0, f"file is {size:,} bytes, {limit}")])
        with open(path, "rb") as handle:
            raw = handle.read()
    except FileNotFoundError:
        raise LoadError([Located(name, 0, 0, "no such file")]) from None
    except IsADirectoryError:
        raise LoadError([Located(name, 0, 0, "is a folder, not a file")]) from None
    except OSError as error:
        raise LoadError([Located(name, 0, 0, f"cannot read: {error.strerror}")]) from None
    # Faults are named by the file's own name, not git's temporary copy.
    return loads(raw, name=name, fmt=_format_of(path, name))


def _format_of(path: str, name: str) -> str | None:
    for each in (name, path):
        suffix = os.path.splitext(each)[1].lower()
        if suffix == ".json":
            return "json"
        if suffix in (".yaml", ".yml"):
            return "yaml"
    return None


def diff_files(call: GitCall, max_size: int) -> tuple[ModelDiff | None, list[Located], ExitStatus]:
    """Return the diff of the call's two files, or None with the faults and their status."""
    models: list[LogicModel] = []
    faults: list[Located] = []
    status = ExitStatus.OK
    for path, name in ((call.old_file, call.old_name), (call.new_file, call.new_name)):
        if path == NULL and call.from_git:
            models.append(empty_model(name))
            continue
        try:
            models.append(_read(path, name, max_size))
        except LoadError as error:
            faults += error.errors
            about_file = all(f.about_file for f in error.errors) and not isinstance(error, TooLarge)
            status = max(status, ExitStatus.UNREADABLE if about_file else ExitStatus.INVALID)
    if faults:
        return None, faults, status
    return diff(models[0], models[1], old_name=call.old_name, new_name=call.new_name), [], status


__all__ = ["NULL", "GitCall", "TooLarge", "diff_files", "empty_model"]
