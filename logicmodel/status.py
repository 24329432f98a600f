"""Exit statuses of the command line: one per kind of outcome, for scripts to tell apart."""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """What a command's exit status means; docs/exit-statuses.md lists the same."""

    OK = 0  # done; `check`: every file is a valid model with no error-level advice
    FINDINGS = 1  # `check`: error-level advice (or warnings, under --strict)
    INVALID = 2  # a file is not a valid model or workbook: each fault printed, located
    INTERNAL = 3  # a bug in logicmodel: please report it (--debug shows the traceback)
    USAGE = 4  # the command line is wrong, or asks for something that cannot be done as asked
    UNREADABLE = 5  # a file is missing, a folder or unreadable; an output or program is missing
    INTERRUPTED = 130  # Ctrl-C, or input ended at a prompt: the shells' number for SIGINT


__all__ = ["ExitStatus"]
