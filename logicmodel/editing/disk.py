"""A model written back to disk under its lock: the lock, the bytes on disk now, an undo."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from logicmodel.editing.errors import ChangedOnDisk, ModelLocked
from logicmodel.fileformat.files import write_bytes_atomically
from logicmodel.fileformat.loading import LoadError, loads_located, read_model_bytes
from logicmodel.fileformat.locking import LockTimeout, model_lock

__all__ = ["bytes_now", "locked", "restore"]


def restore(path: str | os.PathLike[str], expected: bytes, content: bytes) -> None:
    """Write earlier content back over a file (an undo), if the loader accepts it and the
    file still holds `expected`; raise LoadError or ChangedOnDisk otherwise."""
    name = os.fspath(path)
    loads_located(content, name=name)
    with locked(name):
        if bytes_now(name, len(expected)) != expected:
            raise ChangedOnDisk(
                f"{name}: changed on disk since the edit (another editor?); nothing written"
            )
        write_bytes_atomically(name, content)


@contextmanager
def locked(path: str | os.PathLike[str]) -> Iterator[None]:
    """Hold a model file's advisory lock for the block, so that no other writer comes between.

    Raise ModelLocked (naming who holds it) if another writer keeps it past the timeout
    (LOGICMODEL_LOCK_TIMEOUT seconds, 10 by default); OSError if the lock file cannot be made.
    """
    try:
        with model_lock(path):
            yield
    except LockTimeout as error:
        raise ModelLocked(str(error)) from None


def bytes_now(path: str, limit: int) -> bytes | None:
    """Return a model file's bytes as they are now, or None when it is gone, is no longer a
    regular file, or holds more than `limit` bytes (it changed, whatever it holds)."""
    try:
        return read_model_bytes(path, limit)
    except LoadError:
        return None
