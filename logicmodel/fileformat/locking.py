"""An advisory lock on a model file, so that writers exclude each other across processes.

Every write of a model (the command line's verbs, the Python API, the editor servers, undo)
holds this lock from reading the file to renaming the new one over it, so that the check
"changed on disk since it was read" and the write are one step to every other writer.

The lock is `fcntl.flock` on a lock file beside the model, `.model.yaml.lock`: never on the
model itself, since each save renames a new file over the model and a lock on the old one would
guard nothing. The lock file holds the holder's pid and command, for the message of one that
waits in vain. The holder deletes it as it lets go, so no lock files pile up in people's
folders (or in their git status); a waiter that then gets the lock on the deleted file sees that
the name no longer leads to it and starts again on the new one, so two writers never hold
locks on two different files. The system drops a lock when its holder exits, however it ends,
so a killed run never leaves the model locked (only, at worst, its lock file, which the next
writer takes over).

Within one process the lock is re-entrant per thread (a verb that holds it across read, edit
and save calls a save that takes it again); other threads, like other processes, wait for it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import random
import stat
import sys
import threading
import time
from collections.abc import Iterator

if sys.platform != "win32":
    import fcntl

# How long a writer waits for another to finish before it refuses, in seconds; the environment
# variable LOGICMODEL_LOCK_TIMEOUT changes it (a number of seconds, 0 to try once).
DEFAULT_TIMEOUT = 10.0
TIMEOUT_VARIABLE = "LOGICMODEL_LOCK_TIMEOUT"
LOCK_SUFFIX = ".lock"
# Waiting polls with short random sleeps: flock has no timeout of its own, and a blocking
# flock could only be interrupted by a signal, which threads other than the main one cannot use.
_POLL_SECONDS = (0.002, 0.02)
# A lock file is opened never through a link, never waiting on a pipe, never inherited by a
# child process (flags a system without them, Windows, goes without).
_SAFE_OPEN = (
    getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
)
# The holder's command, as the lock file records it, is cut to this many characters.
_COMMAND_KEPT = 200


class LockTimeout(Exception):
    """Another writer held a model's lock for longer than the timeout; nothing was written.

    Its message names the model and, when the lock file says so, the holder's pid and command.
    """


_held = threading.local()


def lock_path(model: str | os.PathLike[str]) -> str:
    """Return the lock file of a model: '.model.yaml.lock' beside the file a link points to.

    >>> lock_path("plans/model.yaml")
    'plans/.model.yaml.lock'
    """
    name = os.fspath(model)
    real = os.path.realpath(name) if os.path.islink(name) else name
    folder, base = os.path.split(real)
    return os.path.join(folder, "." + base + LOCK_SUFFIX)


def lock_timeout() -> float:
    """Return the seconds a writer waits for a model's lock: LOGICMODEL_LOCK_TIMEOUT, or 10."""
    given = os.environ.get(TIMEOUT_VARIABLE, "").strip()
    try:
        seconds = float(given) if given else DEFAULT_TIMEOUT
    except ValueError:
        return DEFAULT_TIMEOUT
    return seconds if 0 <= seconds < float("inf") else DEFAULT_TIMEOUT


@contextlib.contextmanager
def model_lock(model: str | os.PathLike[str], timeout: float | None = None) -> Iterator[None]:
    """Hold a model's advisory lock for the block: exclusive, across threads and processes.

    Raise LockTimeout if another writer holds it for longer than `timeout` seconds (default:
    lock_timeout()); raise OSError, naming the model, if the lock file cannot be opened.
    """
    path = os.path.abspath(lock_path(model))
    counts: dict[str, int] = _held.__dict__.setdefault("counts", {})
    if counts.get(path):
        counts[path] += 1
        try:
            yield
        finally:
            counts[path] -= 1
        return
    handle = _acquire(path, os.fspath(model), lock_timeout() if timeout is None else timeout)
    try:
        counts[path] = 1
        _record_holder(handle)
        yield
    finally:
        counts.pop(path, None)
        # Deleted while still held: whoever waits on this file then finds it gone and retries.
        with contextlib.suppress(OSError):
            os.unlink(path)
        _flock(handle, take=False)
        os.close(handle)


def _open_lock_file(path: str, model: str) -> int:
    """Return an open descriptor of a lock file, made if need be; never a link, pipe or device.

    A lock file another user made may be readable only: flock does not need write access.
    """
    flags = _SAFE_OPEN
    try:
        handle = os.open(path, os.O_RDWR | os.O_CREAT | flags, 0o666)
    except PermissionError:
        try:
            handle = os.open(path, os.O_RDONLY | flags)
        except OSError as error:
            raise OSError(error.errno, error.strerror, model) from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise OSError(errno.ELOOP, "its lock file is a symbolic link", model) from None
        raise OSError(error.errno, error.strerror, model) from None
    if not stat.S_ISREG(os.fstat(handle).st_mode):
        os.close(handle)
        raise OSError(errno.EINVAL, f"its lock file {path} is not a regular file", model)
    return handle


def _acquire(path: str, model: str, timeout: float) -> int:
    """Return an open lock file whose lock this thread holds, waiting up to `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        handle = _open_lock_file(path, model)
        try:
            _wait(handle, path, model, deadline, timeout)
        except BaseException:
            os.close(handle)
            raise
        if _still_named(handle, path):
            return handle
        os.close(handle)  # its holder deleted it as it let go: lock the one there now


def _still_named(handle: int, path: str) -> bool:
    """Return whether a lock file's name still leads to the open file (not deleted, not new)."""
    try:
        named = os.stat(path, follow_symlinks=False)
    except OSError:
        return False
    held = os.fstat(handle)
    return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)


def _wait(handle: int, path: str, model: str, deadline: float, timeout: float) -> None:
    """Take the lock on an open lock file by the deadline, or raise LockTimeout."""
    while True:
        try:
            _flock(handle, take=True)
            return
        except BlockingIOError:
            pass
        if time.monotonic() >= deadline:
            raise LockTimeout(
                f"{model}: another program is writing it ({holder(path)}) and still was after "
                f"{timeout:g} s; nothing written: try again when it has finished (waiting "
                f"longer: set {TIMEOUT_VARIABLE} to a number of seconds)"
            )
        time.sleep(random.uniform(*_POLL_SECONDS))


def _flock(handle: int, *, take: bool) -> None:
    """Take a lock file's lock without waiting (BlockingIOError if held), or let it go.

    Windows has no flock: there writers are not kept apart (the change-on-disk check stays).
    """
    if sys.platform == "win32":
        return
    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB if take else fcntl.LOCK_UN)


def _record_holder(handle: int) -> None:
    """Write this process's pid and command into the lock file, for those that wait on it."""
    program = sys.argv[0] if sys.argv and sys.argv[0] else "python"
    name = "python -c" if program == "-c" else os.path.basename(program)
    if name == "__main__.py":  # `python -m logicmodel`: name the package
        name = os.path.basename(os.path.dirname(program))
    command = " ".join([name, *sys.argv[1:]])
    line = f"pid {os.getpid()}: {command[:_COMMAND_KEPT]}\n".encode("utf-8", "replace")
    try:
        os.ftruncate(handle, 0)
        os.write(handle, line)
    except OSError:
        pass  # a lock file opened read-only: the lock holds, the note is only for people


def holder(path: str) -> str:
    """Return who holds a lock, as its lock file says: 'pid 123: logicmodel add ...'."""
    try:
        handle = os.open(path, os.O_RDONLY | _SAFE_OPEN)
    except OSError:
        return "its lock file does not say who"
    try:
        said = os.read(handle, _COMMAND_KEPT + 40).decode("utf-8", "replace").strip()
    except OSError:
        said = ""
    finally:
        os.close(handle)
    shown = "".join(c if c.isprintable() else "?" for c in said.splitlines()[0]) if said else ""
    return shown or "its lock file does not say who"


__all__ = [
    "DEFAULT_TIMEOUT",
    "LOCK_SUFFIX",
    "TIMEOUT_VARIABLE",
    "LockTimeout",
    "holder",
    "lock_path",
    "lock_timeout",
    "model_lock",
]
