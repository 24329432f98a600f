"""What the command groups share: one-line errors with their exit statuses, common options,
loading each model file, and writing outputs through the file layer's refusals."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, TypeVar

import click

from logicmodel.analysis.reports import REPORT_FORMATS, TEXT
from logicmodel.status import ExitStatus
from logicmodel.terminal import terminal_text

if TYPE_CHECKING:
    from logicmodel.fileformat.loading import LoadError
    from logicmodel.models import LogicModel
    from logicmodel.renderers import Format

T = TypeVar("T")
Decorator = Callable[[Callable[..., None]], Callable[..., None]]

SIZE_HELP = "Refuse files larger than this before reading them, e.g. 64M or 500K. [default: 64M]"


class InputError(click.ClickException):
    """A one-line error about what the user asked for, printed as it is worded."""

    exit_code = ExitStatus.USAGE

    def show(self, file: object = None) -> None:
        click.echo(terminal_text(self.format_message()), err=True)


class Invalid(InputError):
    """A one-line error about a file that is not a valid model or workbook."""

    exit_code = ExitStatus.INVALID


class Unreadable(InputError):
    """A one-line error about a file or program that cannot be read, written or run."""

    exit_code = ExitStatus.UNREADABLE


class FormatChoice(click.Choice):  # type: ignore[type-arg]
    """A choice of output format that still takes the older word 'table' for 'text'."""

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> str:
        word = TEXT if value == "table" else value
        return str(super().convert(word, param, ctx))


# ---------------------------------------------------------------- options


def parse_size(ctx: click.Context, param: click.Parameter, value: str) -> int:
    """Return a --max-size value in bytes."""
    from logicmodel.fileformat.loading import parse_size as size_in_bytes

    try:
        return size_in_bytes(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


def max_size_option() -> Decorator:
    """Return the --max-size option every command that reads models takes."""
    return click.option("--max-size", default="64M", callback=parse_size, help=SIZE_HELP)


def text_or_json(help_text: str) -> Decorator:
    """Return the --format option of a command that prints text for people or JSON."""
    return click.option(
        "--format",
        "output_format",
        type=FormatChoice([TEXT, "json"]),
        default=TEXT,
        show_default=True,
        help=help_text,
    )


def report_format_option() -> Decorator:
    """Return the --format option of a command that prints a table: text, markdown, csv, json."""
    return click.option(
        "--format",
        "output_format",
        type=FormatChoice(REPORT_FORMATS),
        default=TEXT,
        show_default=True,
        help="text (a table) for a terminal, markdown for documents, csv and json for tools; "
        "with several files every row names its model.",
    )


# ---------------------------------------------------------------- writing


def write_file(
    target: str,
    data: bytes | Mapping[str, bytes],
    inputs: Iterable[str] = (),
    force: bool | None = None,
) -> None:
    """Write an output through the file layer; its refusal or the system's error in one line.

    With `force` None the output is a picture, export or report: it may replace an earlier
    one, never an input, a model or an edited workbook. With `force` given it is a file people
    edit by hand: an existing one is replaced only with --force, and never when it is an input.
    """
    from logicmodel.fileformat.files import OutputRefused, write_output

    try:
        write_output(target, data, inputs=inputs, editable=force is not None, force=bool(force))
    except OutputRefused as error:
        raise InputError(str(error)) from None
    except OSError as error:
        raise Unreadable(f"{target}: cannot write: {error.strerror or error}") from None


def writer_for(inputs: tuple[str, ...]) -> Callable[[str, bytes], None]:
    """Return a writer that refuses to replace the inputs or a model, as every output does."""
    return lambda target, data: write_file(target, data, inputs)


def echo_or_write(text: str, output: str | None, inputs: tuple[str, ...]) -> None:
    """Print a report, or write it to `output` and print its name."""
    if output:
        write_file(output, text.encode("utf-8"), inputs)
        click.echo(output)
    else:
        click.echo(text, nl=False)


# ---------------------------------------------------------------- reading


def load_status(error: LoadError) -> ExitStatus:
    """Return the exit status for a file that did not load: unreadable, or not a valid model."""
    if all(fault.about_file for fault in error.errors):
        return ExitStatus.UNREADABLE
    return ExitStatus.INVALID


def echo_faults(faults: Iterable[object], heading: str = "") -> None:
    """Print a heading, if any, then one fault a line, on stderr."""
    if heading:
        click.echo(heading, err=True)
    for fault in faults:
        click.echo(terminal_text(str(fault)), err=True)


def try_load(path: str, max_size: int) -> LogicModel | ExitStatus:
    """Return the model in a file, or print its faults and return the exit status they give."""
    from logicmodel.fileformat.loading import LoadError, load

    try:
        return load(path, max_bytes=max_size)
    except LoadError as error:
        echo_faults(error.errors)
        return load_status(error)


def read_check(path: str, max_size: int) -> None:
    """Exit with one line when a file cannot be read, or is over the size limit."""
    try:
        size = os.stat(path).st_size
    except FileNotFoundError:
        raise Unreadable(f"{path}: no such file") from None
    except OSError as error:
        raise Unreadable(f"{path}: cannot read: {error.strerror or error}") from None
    if not os.path.isfile(path):
        raise Unreadable(f"{path}: is not a file")
    if size > max_size:
        raise Invalid(
            f"{path}: file is {size:,} bytes, over the {max_size:,}-byte limit "
            "(raise it with --max-size)"
        )


def each_model(
    files: tuple[str, ...],
    max_size: int,
    label: str,
    make: Callable[[LogicModel, str], T],
) -> tuple[list[tuple[str, T]], ExitStatus]:
    """Load each file and make something of it; return what was made and the exit status.

    A file that fails is reported on stderr and the rest go on; the status is the worst
    met. Several files show a progress bar.
    """
    made: list[tuple[str, T]] = []
    status = ExitStatus.OK
    with click.progressbar(files, label=label, file=sys.stderr, hidden=len(files) < 2) as bar:
        for path in bar:
            model = try_load(path, max_size)
            if isinstance(model, ExitStatus):
                status = max(status, model)
                continue
            try:
                made.append((path, make(model, path)))
            except click.ClickException as error:
                click.echo(terminal_text(error.format_message()), err=True)
                status = max(status, ExitStatus(error.exit_code))
    return made, status


def named(results: list[tuple[str, T]], files: tuple[str, ...]) -> list[tuple[str, T]]:
    """Return results named by their files when there are several, unnamed for one."""
    return results if len(files) > 1 else [("", result) for _, result in results]


# ---------------------------------------------------------------- printing and exiting


def echo_report(text: str, output_format: str) -> None:
    """Print a report; text for people shows terminal controls escaped, never obeyed."""
    readable = output_format in (TEXT, "markdown")
    click.echo(terminal_text(text) if readable else text, nl=False)


def report_written(written: list[tuple[str, str]], status: ExitStatus) -> None:
    """Print each output written, then exit with the status."""
    for _, target in written:
        click.echo(target)
    sys.exit(status)


def require_program(entry: Format, output_format: str) -> None:
    """Exit with how to install it when writing this output needs a program that is missing."""
    program = entry.needs_program(output_format)
    if program is not None and shutil.which(program) is None:
        raise Unreadable(entry.missing_program or f"{program} is not installed")


__all__ = [
    "SIZE_HELP",
    "FormatChoice",
    "InputError",
    "Invalid",
    "Unreadable",
    "each_model",
    "echo_faults",
    "echo_or_write",
    "echo_report",
    "load_status",
    "max_size_option",
    "named",
    "parse_size",
    "read_check",
    "report_format_option",
    "report_written",
    "require_program",
    "text_or_json",
    "try_load",
    "write_file",
    "writer_for",
]
