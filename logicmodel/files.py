"""Write files so that a failed or interrupted command never leaves a half-written one."""

from __future__ import annotations

import os
import tempfile


def write_bytes_atomically(path: str | os.PathLike[str], data: bytes) -> None:
    """Write data to a temporary file beside path, then rename it over path."""
    target = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(target))
    try:
        handle, temporary = tempfile.mkstemp(prefix=".logicmodel-", dir=folder)
    except OSError as error:
        # Name the file the user asked for, not the temporary one beside it.
        raise OSError(error.errno, error.strerror, target) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        if os.path.exists(target):
            os.chmod(temporary, os.stat(target).st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def write_text_atomically(path: str | os.PathLike[str], text: str) -> None:
    """Write UTF-8 text atomically."""
    write_bytes_atomically(path, text.encode("utf-8"))
