"""What the servers check before acting on a request: numbers, JSON bodies and the model file.

Every check answers with a refusal a handler turns into a 4xx or 5xx, never an exception that
ends the connection: a number in a URL is ASCII digits only, a JSON body is refused past a
depth the requests never need, and the model file is opened only when it is a regular file,
without blocking, so a named pipe put in its place cannot stop a thread that holds a lock.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import traceback
from http import HTTPStatus
from typing import Any

from logicmodel.editing.layer import ChangedOnDisk, EditError
from logicmodel.fileformat.files import OutputRefused, read_regular_file
from logicmodel.fileformat.loading import LoadError, read_model_bytes

# An edit request is an object of a few fields, one of them a list: 3 levels deep. Much deeper
# is no edit, and Python's JSON reader recurses once a level.
MAX_JSON_DEPTH = 16


class BodyRefused(Exception):
    """A request body that is not an edit request; the message says why, for the client."""


def ascii_number(text: str) -> int | None:
    """Return the number ASCII digits spell, without leading zeros; None for anything else.

    >>> ascii_number("12"), ascii_number("012"), ascii_number("\\u00b2"), ascii_number("")
    (12, None, None, None)
    """
    if not (text.isascii() and text.isdigit()) or text != str(int(text)):
        return None
    return int(text)


def json_depth(data: bytes, stop_past: int | None = None) -> int:
    """Return how deeply arrays and objects nest in JSON text, brackets in strings not counted.

    With `stop_past`, the count stops as soon as the depth passes it: a body nested without
    end costs no more than one nested just too deep.

    >>> json_depth(b'{"a": [1, "]]"]}'), json_depth(b'"[[["')
    (2, 0)
    """
    depth = deepest = 0
    in_string = escaped = False
    for byte in data:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            deepest = max(deepest, depth)
            if stop_past is not None and deepest > stop_past:
                break
        elif byte in (0x5D, 0x7D):  # ] }
            depth -= 1
    return deepest


def parse_json_body(data: bytes) -> Any:
    """Return a request body's JSON value; raise BodyRefused if it is not JSON, or too deep."""
    opened = data.count(b"[") + data.count(b"{")  # at least the depth: most bodies stop here
    if opened > MAX_JSON_DEPTH and json_depth(data, MAX_JSON_DEPTH) > MAX_JSON_DEPTH:
        raise BodyRefused(f"an edit request nests at most {MAX_JSON_DEPTH} levels deep")
    try:
        return json.loads(data)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise BodyRefused("an edit request is JSON") from None


def read_regular(path: str, max_bytes: int) -> bytes:
    """Return a model file's bytes; raise the loader's LoadError when it cannot be read.

    The file layer reads only a regular file, without blocking (`read_regular_file`); when it
    reads nothing, the loader says why in its own words, from stat alone for a pipe.
    """
    content = read_regular_file(path, max_bytes)
    if content is None:
        return read_model_bytes(path, max_bytes)
    return content


def special_file_problem(path: str) -> str | None:
    """Return the loader's words for a path that exists but is no regular file, else None.

    Only stat is asked: nothing is opened, so a named pipe cannot make this wait.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # missing or unreadable: the edit itself says so
    if stat.S_ISREG(mode):
        return None
    try:
        read_model_bytes(path, 0)
    except LoadError as error:
        return first_fault(error)
    return None  # it became a regular file meanwhile


def first_fault(error: LoadError) -> str:
    """Return a load error's first fault without its file name: the page knows the file."""
    if not error.errors:
        return str(error)
    more = len(error.errors) - 1
    return error.errors[0].message + (f" (and {more} more)" if more else "")


# Refusals that mean "someone else has the file now, or changed it": 409, and the page
# reloads to show the file as it is. The model-write lock (a lock file beside the model, taken
# with a timeout) refuses a contended write: its exception belongs here. Until it lands,
# TimeoutError and BlockingIOError stand for it, the standard library's words for a lock not
# had in time or not free.
CONFLICTS: tuple[type[BaseException], ...] = (
    ChangedOnDisk,
    OutputRefused,
    TimeoutError,
    BlockingIOError,
)


def refusal(error: Exception) -> tuple[HTTPStatus, str]:
    """Return the status and message an edit that raised `error` is refused with.

    The words are the command line's, without the file name. Anything unforeseen is a 500
    that says so, and the server's log gets the traceback.
    """
    if isinstance(error, CONFLICTS):
        return HTTPStatus.CONFLICT, str(error).split(": ", 1)[-1]
    if isinstance(error, LoadError):
        return HTTPStatus.UNPROCESSABLE_ENTITY, first_fault(error)
    if isinstance(error, EditError):
        return HTTPStatus.UNPROCESSABLE_ENTITY, str(error).split(": ", 1)[-1]
    if isinstance(error, PermissionError):
        return HTTPStatus.FORBIDDEN, f"cannot write: {error.strerror or error}"
    if isinstance(error, OSError):
        return HTTPStatus.INTERNAL_SERVER_ERROR, f"cannot write: {error.strerror or error}"
    log_internal(error)
    return HTTPStatus.INTERNAL_SERVER_ERROR, internal_message(error)


def internal_message(error: BaseException) -> str:
    """Return the one line a client gets for a failure inside logicmodel."""
    return f"internal error: {type(error).__name__} (please report it; the server's log has more)"


def log_internal(error: BaseException) -> None:
    """Write a failure inside logicmodel to the server's log, with its traceback."""
    print(f"logicmodel serve: internal error: {error!r}", file=sys.stderr)
    traceback.print_exception(error, file=sys.stderr)


__all__ = [
    "CONFLICTS",
    "MAX_JSON_DEPTH",
    "BodyRefused",
    "ascii_number",
    "first_fault",
    "internal_message",
    "json_depth",
    "log_internal",
    "parse_json_body",
    "read_regular",
    "refusal",
    "special_file_problem",
]
