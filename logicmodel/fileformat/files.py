"""Write files whole, refusing the unsafe writes: over an input, a model or an edited workbook.

`write_output` is the one door for every output: the command line, the Python API and the
servers call it, so they refuse the same writes with the same words (OutputRefused).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import os
import re
import shutil
import signal
import stat
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Iterable, Iterator, Mapping

from logicmodel.fileformat.locking import LockTimeout, model_lock

# A temporary output is named after its target, '.model.png.logicmodel-x1y2z3.tmp', so that a
# person can tell what left it, and a later write of the same target can remove it.
TEMPORARY_MARK = ".logicmodel-"
TEMPORARY_SUFFIX = ".tmp"
# A temporary file this old was left by a run that was killed: a later run removes it.
STALE_SECONDS = 10 * 60
# Room for the mark and the random part within a file name's 255 bytes.
_NAME_KEPT = 120
# The author our own workbooks carry, for people to see; the overwrite guard reads the
# fingerprint below instead, since openpyxl keeps this name when it saves a person's edit.
WORKBOOK_AUTHOR = "logicmodel"
# The words for a file people edit that exists already, as the editing layer's save says them
# too (from Python, force=True is the --force).
ALREADY_EXISTS = "already exists; use --force to replace it"
# The output name that means standard output, for a command that writes one file.
STDOUT = "-"
# A model file is read whole to tell whether it is one; past this it is treated as one unread.
SNIFF_LIMIT = 64 * 1024 * 1024
READ_CHUNK = 1024 * 1024
# Opened this way a named pipe with no writer answers at once instead of waiting for one.
NONBLOCKING_READ = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | os.O_NOCTTY
# What an output that exists but is no regular file is, in a person's words, by stat's kind.
SPECIAL_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


class OutputRefused(Exception):
    """Writing an output would replace something a person made: an input, a model, a workbook.

    Its message is the one line every caller shows: the command line, the Python API and the
    servers refuse with the same words.
    """


def write_output(
    target: str | os.PathLike[str],
    made: bytes | Mapping[str, bytes],
    *,
    inputs: Iterable[str | os.PathLike[str]] = (),
    editable: bool = False,
    force: bool = False,
) -> None:
    """Write one file, or files into a folder, whole, after refusing the unsafe writes.

    Never over one of `inputs`. An output (`editable` False: a picture, an export, a report)
    may replace an earlier output, never a model or a workbook a person has changed, and goes
    into a folder only if it holds nothing else. A file people edit by hand (`editable`: a new
    model, a template, an import) never replaces an existing file unless `force`, and is
    written under the model's lock (OutputRefused if another writer keeps it too long). Raise
    OutputRefused before anything is written, or OSError when the system cannot write.
    `-` is standard output, for one file.
    """
    if os.fspath(target) == STDOUT:
        write_stdout(made)
        return
    if isinstance(made, Mapping):
        folder = os.fspath(target).rstrip("/") or os.fspath(target)
        for name in made:
            refuse_unsafe_write(os.path.join(folder, name), inputs)
        write_folder_atomically(folder, dict(made))
        return
    if not editable:
        refuse_unsafe_write(target, inputs)
        write_bytes_atomically(target, stamp_workbook(made))
        return
    # A file people edit (a model, made anew or replaced with force) is written under its
    # lock, as every edit of it is, so that no edit in progress is lost under it.
    try:
        with model_lock(target):
            refuse_unsafe_write(target, inputs, editable=True, force=force)
            write_bytes_atomically(target, stamp_workbook(made))
    except LockTimeout as error:
        raise OutputRefused(str(error)) from None


def write_stdout(made: bytes | Mapping[str, bytes]) -> None:
    """Write one output's bytes to standard output; several files are refused."""
    if isinstance(made, Mapping):
        raise OutputRefused(
            f"{STDOUT}: this output is {len(made)} files; name a folder (or a .zip) for them"
        )
    sys.stdout.buffer.write(made)
    sys.stdout.buffer.flush()


def refuse_unsafe_write(
    target: str | os.PathLike[str],
    inputs: Iterable[str | os.PathLike[str]] = (),
    *,
    editable: bool = False,
    force: bool = False,
) -> None:
    """Raise OutputRefused if writing target would lose what a person made (see write_output)."""
    refuse_special(target)
    refuse_inputs(target, inputs)
    if not editable:
        refuse_replacing(target)
    elif not force:
        refuse_existing(target)


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
    remove_stale_temporaries(target)
    temporary = ""
    try:
        with terminated_as_exit():
            handle, temporary = tempfile.mkstemp(
                prefix=temporary_prefix(target), suffix=TEMPORARY_SUFFIX, dir=folder
            )
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temporary, _mode_for(target))
            os.replace(temporary, target)
    except OSError as error:
        if temporary:
            _remove_quietly(temporary)
        # Name the file the user asked for, never the temporary one beside it.
        raise OSError(error.errno, error.strerror, asked) from None
    except BaseException:
        if temporary:
            _remove_quietly(temporary)
        raise
    _sync_folder(folder)


class Terminated(SystemExit):
    """The process was sent SIGTERM while writing: unwinds like Ctrl-C, so nothing is left."""


@contextlib.contextmanager
def terminated_as_exit() -> Iterator[None]:
    """Make SIGTERM raise Terminated inside the block, so that cleanup code runs.

    Python dies on SIGTERM without unwinding, which would leave a temporary file behind. Only
    the main thread can handle signals; elsewhere the block runs as it is.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise Terminated(128 + signal.SIGTERM)

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main interpreter
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def temporary_prefix(target: str | os.PathLike[str]) -> str:
    """Return the start of a temporary name for target: '.model.png.logicmodel-'."""
    return "." + os.path.basename(os.fspath(target).rstrip("/"))[:_NAME_KEPT] + TEMPORARY_MARK


def remove_stale_temporaries(target: str | os.PathLike[str], now: float | None = None) -> None:
    """Remove temporary files and folders of target's that a killed run left behind.

    Only names made by temporary_prefix for this very target, and only ones older than
    STALE_SECONDS: a younger one may belong to a run still writing.
    """
    folder = os.path.dirname(os.path.abspath(os.fspath(target).rstrip("/")))
    prefix = temporary_prefix(target)
    now = time.time() if now is None else now
    try:
        names = [n for n in os.listdir(folder) if n.startswith(prefix)]
    except OSError:
        return
    for name in names:
        if not (name.endswith(TEMPORARY_SUFFIX) or name.endswith(".old")):
            continue
        path = os.path.join(folder, name)
        try:
            info = os.lstat(path)
            if now - info.st_mtime < STALE_SECONDS:
                continue
            if stat.S_ISDIR(info.st_mode):
                shutil.rmtree(path)
            else:
                os.unlink(path)
        except OSError:
            continue  # another run removed it, or it is not ours to remove


def write_text_atomically(path: str | os.PathLike[str], text: str) -> None:
    """Write UTF-8 text atomically."""
    write_bytes_atomically(path, text.encode("utf-8"))


def write_folder_atomically(path: str | os.PathLike[str], files: dict[str, bytes]) -> None:
    """Write files into a folder as one unit: afterwards it holds all the old or all the new.

    The new folder is built beside the target, then swapped in with one rename (an exchange
    of the two names where the system has one). A folder that holds anything besides files
    of these names is refused, since swapping it would lose what else it holds.
    """
    asked = os.fspath(path).rstrip("/") or os.fspath(path)
    target = os.path.realpath(asked)
    refuse_foreign_folder(asked, files)
    remove_stale_temporaries(target)
    parent = os.path.dirname(target)
    built = ""
    try:
        with terminated_as_exit():
            os.makedirs(parent, exist_ok=True)
            built = tempfile.mkdtemp(
                prefix=temporary_prefix(target), suffix=TEMPORARY_SUFFIX, dir=parent
            )
            for name, data in files.items():
                with open(os.path.join(built, name), "wb") as stream:
                    stream.write(data)
                    stream.flush()
                    os.fsync(stream.fileno())
                os.chmod(os.path.join(built, name), _mode_for(os.path.join(target, name)))
            os.chmod(built, _mode_for(target, fresh=0o777))
            _sync_folder(built)
            if os.path.isdir(target):
                _exchange(built, target)  # `built` now holds the old tables
            else:
                os.rename(built, target)
                built = ""
        _sync_folder(parent)
    except OSError as error:
        raise OSError(error.errno, error.strerror, asked) from None
    finally:
        if built:
            shutil.rmtree(built, ignore_errors=True)


def refuse_foreign_folder(path: str, files: Iterable[str]) -> None:
    """Raise OutputRefused if path is a file, or a folder holding more than these files."""
    if os.path.lexists(path) and not os.path.isdir(path):
        raise OutputRefused(f"{path}: is a file, not a folder; choose a folder for the tables")
    try:
        present = sorted(os.listdir(path))
    except OSError:
        return
    others = [name for name in present if name not in set(files)]
    if others:
        shown = ", ".join(others[:3]) + (", ..." if len(others) > 3 else "")
        raise OutputRefused(
            f"{path}: holds files this export does not write ({shown}); choose an empty or "
            "new folder"
        )


def _exchange(first: str, second: str) -> None:
    """Swap two folders' names in one step (Linux renameat2), or in two renames elsewhere."""
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        renameat2 = None
    if renameat2 is not None:
        at_cwd, exchange = -100, 2  # AT_FDCWD, RENAME_EXCHANGE
        if renameat2(at_cwd, os.fsencode(first), at_cwd, os.fsencode(second), exchange) == 0:
            return
        code = ctypes.get_errno()
        if code not in (errno.ENOSYS, errno.EINVAL):
            raise OSError(code, os.strerror(code), second)
    # No exchange here: move the old folder aside, then the new one in. A kill between the
    # two leaves the old folder whole beside the target, as '.NAME.logicmodel-*.old'.
    aside = first[: -len(TEMPORARY_SUFFIX)] + ".old"
    os.rename(second, aside)
    os.rename(first, second)
    os.rename(aside, first)


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


def _mode_for(target: str, fresh: int = 0o666) -> int:
    """Return the permission bits a file (or, with fresh=0o777, a folder) written at target
    should have: the bits of what it replaces, else `fresh` less the umask."""
    try:
        return os.stat(target).st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return fresh & ~umask


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


def refuse_inputs(target: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]]) -> None:
    """Raise OutputRefused if target is one of a command's inputs."""
    name = os.fspath(target)
    for source in inputs:
        if is_same_file(name, source):
            raise OutputRefused(f"{name}: is an input of this command; choose another output")


def refuse_special(target: str | os.PathLike[str]) -> None:
    """Raise OutputRefused if target (through links) exists and is no regular file or folder.

    An output goes to a regular file: written into a named pipe it would wait for a reader,
    and renamed over a device node (as root) it would replace the device. Only stat is asked.
    """
    name = os.fspath(target)
    try:
        mode = os.stat(name).st_mode
    except OSError:
        return  # missing (it will be made), or a dangling link: the write says why
    for test, kind in SPECIAL_KINDS:
        if test(mode):
            raise OutputRefused(
                f"{name}: is {kind}, not a regular file; write to a file and copy it there"
            )


def read_regular_file(path: str | os.PathLike[str], max_bytes: int = SNIFF_LIMIT) -> bytes | None:
    """Return a file's bytes, or None if it is no regular file, is larger than max_bytes or
    cannot be read.

    Only a regular file is opened, and without blocking: a named pipe swapped in after the
    check is seen by fstat and left unread instead of waiting for a writer that never comes.
    """
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > max_bytes:
            return None
        handle = os.open(path, NONBLOCKING_READ)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            return None  # replaced between the stat and the open
        chunks: list[bytes] = []
        total = 0
        while total <= max_bytes:
            chunk = os.read(handle, min(READ_CHUNK, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError:
        return None
    finally:
        os.close(handle)
    return None if total > max_bytes else b"".join(chunks)


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
        raise OutputRefused(f"{name}: {ALREADY_EXISTS}")


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


# Our workbooks carry, as the zip archive's comment, a fingerprint of every part they hold. A
# spreadsheet program (or openpyxl) that saves the workbook writes a new archive without it,
# and a tool that changes a part in place breaks it: either way the workbook is a person's.
_FINGERPRINT = b"logicmodel workbook sha256="


def is_workbook(data: bytes) -> bool:
    """Return whether bytes are an Office Open XML workbook (a zip holding xl/workbook.xml)."""
    if not data.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def stamp_workbook(data: bytes) -> bytes:
    """Return a workbook with its fingerprint as the archive's comment; other bytes as they are."""
    if not is_workbook(data):
        return data
    buffer = io.BytesIO(data)
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.comment = _FINGERPRINT + _fingerprint(archive).encode("ascii")
    return buffer.getvalue()


def _fingerprint(archive: zipfile.ZipFile) -> str:
    """Return a digest of every part of an archive: its name, size and checksum, in order."""
    digest = hashlib.sha256()
    for part in archive.infolist():
        digest.update(f"{part.filename}\0{part.file_size}\0{part.CRC}\n".encode())
    return digest.hexdigest()


def is_edited_workbook(path: str) -> bool:
    """Return whether a file is a workbook that is not, part for part, one logicmodel wrote.

    A workbook without our fingerprint (saved by a spreadsheet program or openpyxl, or written
    before fingerprints) counts as a person's: it is never replaced unasked.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            if "xl/workbook.xml" not in archive.namelist():
                return False
            stored = archive.comment
            return stored != _FINGERPRINT + _fingerprint(archive).encode("ascii")
    except (OSError, zipfile.BadZipFile):
        return False


__all__ = [
    "ALREADY_EXISTS",
    "STDOUT",
    "OutputRefused",
    "Terminated",
    "WORKBOOK_AUTHOR",
    "is_edited_workbook",
    "is_model_file",
    "is_same_file",
    "is_workbook",
    "refuse_existing",
    "refuse_foreign_folder",
    "refuse_inputs",
    "read_regular_file",
    "refuse_replacing",
    "refuse_special",
    "refuse_unsafe_write",
    "remove_stale_temporaries",
    "stamp_workbook",
    "temporary_prefix",
    "terminated_as_exit",
    "write_bytes_atomically",
    "write_folder_atomically",
    "write_output",
    "write_stdout",
    "write_text_atomically",
]
