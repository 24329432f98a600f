"""Write outputs atomically, and refuse to replace what a person made: inputs, models, workbooks."""

from __future__ import annotations

import errno
import os
import re
import tempfile
import zipfile
from collections.abc import Iterable

TEMPORARY_PREFIX = ".logicmodel-"
# The author our own workbooks carry; Excel and LibreOffice put the person's name there on save.
WORKBOOK_AUTHOR = "logicmodel"
# A model file is read whole to tell whether it is one; past this it is treated as one unread.
SNIFF_LIMIT = 64 * 1024 * 1024


class OutputRefused(Exception):
    """Writing an output would replace something a person made: an input, a model, a workbook."""


def write_bytes_atomically(path: str | os.PathLike[str], data: bytes) -> None:
    """Write data to a temporary file beside path, flush it to disk, then rename it over path.

    A symbolic link stays a link: the file it points to is replaced. An existing file keeps its
    permission bits; a new one gets the usual ones for the user's umask.
    """
    asked = os.fspath(path)
    target = os.path.realpath(asked) if os.path.islink(asked) else asked
    if _write_protected(target):
        raise PermissionError(errno.EACCES, "the file is write-protected", asked)
    folder = os.path.dirname(os.path.abspath(target))
    try:
        handle, temporary = tempfile.mkstemp(prefix=TEMPORARY_PREFIX, dir=folder)
    except OSError as error:
        # Name the file the user asked for, not the temporary one beside it.
        raise OSError(error.errno, error.strerror, asked) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _mode_for(target))
        os.replace(temporary, target)
    except OSError as error:
        _remove_quietly(temporary)
        raise OSError(error.errno, error.strerror, asked) from None
    except BaseException:
        _remove_quietly(temporary)
        raise
    _sync_folder(folder)


def write_text_atomically(path: str | os.PathLike[str], text: str) -> None:
    """Write UTF-8 text atomically."""
    write_bytes_atomically(path, text.encode("utf-8"))


def _write_protected(target: str) -> bool:
    """Return whether an existing file says it must not be changed: no write permission.

    Renaming over a file needs only the folder's permission, so a write-protected file would
    be replaced without a word; its own bits are the user's say, even for root.
    """
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return False
    return not (mode & 0o222) or not os.access(target, os.W_OK)


def _mode_for(target: str) -> int:
    """Return the permission bits a file written at target should have."""
    try:
        return os.stat(target).st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _remove_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def _sync_folder(folder: str) -> None:
    """Flush a folder's entries, so that a rename survives a power cut."""
    try:
        handle = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return  # some systems cannot open a folder; the rename itself has been made
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def is_same_file(first: str | os.PathLike[str], second: str | os.PathLike[str]) -> bool:
    """Return whether two paths name one file, through links and however each is spelt."""
    try:
        return os.path.samefile(first, second)
    except OSError:
        return os.path.realpath(first) == os.path.realpath(second)


def refuse_inputs(target: str | os.PathLike[str], inputs: Iterable[str]) -> None:
    """Raise OutputRefused if target is one of a command's inputs."""
    name = os.fspath(target)
    for source in inputs:
        if is_same_file(name, source):
            raise OutputRefused(f"{name}: is an input of this command; choose another output")


def refuse_replacing(target: str | os.PathLike[str]) -> None:
    """Raise OutputRefused if target is an existing model or a workbook someone filled in.

    An earlier picture or export of the same name may be replaced: commands make those again.
    """
    name = os.fspath(target)
    if not os.path.isfile(name):
        return
    if is_model_file(name):
        raise OutputRefused(
            f"{name}: is a logic model; choose another output name, or move the model first"
        )
    if is_edited_workbook(name):
        raise OutputRefused(
            f"{name}: is a workbook that someone may have filled in; choose another output "
            "name, or move it first"
        )


def refuse_existing(target: str | os.PathLike[str]) -> None:
    """Raise OutputRefused if target exists: a file people edit is replaced only when forced."""
    name = os.fspath(target)
    if os.path.lexists(name):
        raise OutputRefused(f"{name}: already exists; use --force to replace it")


# The format's version key as YAML (block or flow, quoted or not) or JSON writes it. Broken
# drafts count too: a file a person is still writing is theirs, parse or not.
_VERSION_KEY = re.compile(r"""(?:^|[{,])\s*["']?logicmodel["']?\s*:""", re.MULTILINE)


def is_model_file(path: str) -> bool:
    """Return whether a file looks like a logic model, even one that does not load yet."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(SNIFF_LIMIT + 1)
    except OSError:
        return False
    if len(head) > SNIFF_LIMIT:
        return True  # too big to read here: not something a command replaces unasked
    return _VERSION_KEY.search(head.decode("utf-8-sig", "replace")) is not None


def is_edited_workbook(path: str) -> bool:
    """Return whether a file is a workbook last saved by someone other than logicmodel."""
    try:
        with zipfile.ZipFile(path) as archive:
            if "xl/workbook.xml" not in archive.namelist():
                return False
            try:
                with archive.open("docProps/core.xml") as handle:
                    core = handle.read(64 * 1024).decode("utf-8", "replace")
            except KeyError:
                return True
    except (OSError, zipfile.BadZipFile):
        return False
    saved_by = re.search(r"<cp:lastModifiedBy>([^<]*)</cp:lastModifiedBy>", core)
    return saved_by is None or saved_by.group(1).strip() != WORKBOOK_AUTHOR
