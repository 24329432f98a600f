"""Commands that draw and write models for people and tools: render, export and report, with
their view and export choices read from the renderers' registry."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from logicmodel.cli.shared import (
    InputError,
    Unreadable,
    each_model,
    max_size_option,
    report_written,
    require_program,
    write_file,
    writer_for,
)
from logicmodel.renderers import FORMATS, Files, Kind, names, option_fields
from logicmodel.renderers.limits import (
    FIGURE1_MAX_ELEMENTS,
    FIGURE1_SLOW_ELEMENTS,
    element_count,
    figure1_refusal,
    lays_out_figure1,
)
from logicmodel.renderers.themes import THEMES

if TYPE_CHECKING:
    from logicmodel.models import LogicModel
    from logicmodel.status import ExitStatus


class RegistryChoice(click.Choice):  # type: ignore[type-arg]
    """A choice among the registered views or exports, read when used: a view registered
    after start-up is offered too."""

    def __init__(self, kind: Kind) -> None:
        self.kind = kind
        super().__init__([])

    @property
    def choices(self) -> tuple[str, ...]:
        return tuple(names(self.kind))

    @choices.setter
    def choices(self, value: object) -> None:
        pass  # the registry is the one list


class RegistryOption(click.Option):
    """An option whose help names every registered view or export with its summary."""

    def __init__(self, *args: Any, kind: Kind, lead: str = "", **kwargs: Any) -> None:
        self.kind = kind
        self.lead = lead
        super().__init__(*args, **kwargs)

    @property
    def help(self) -> str:
        listed = "; ".join(f"{name}: {FORMATS[name].summary}" for name in names(self.kind))
        return f"{self.lead}{listed}."

    @help.setter
    def help(self, value: object) -> None:
        pass  # made from the registry


class RendererCommand(click.Command):
    """A command that also takes each registered renderer option with a flag, as an option.

    They are read from the registry when the command is used, not at start-up, so that
    `logicmodel --help` loads no renderer's options.
    """

    def __init__(self, *args: Any, kind: Kind, **kwargs: Any) -> None:
        self.kind = kind
        self.added = False
        super().__init__(*args, **kwargs)

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        if not self.added:
            self.added = True
            self.params[-1:-1] = [
                click.Option(
                    [spec.metadata["flag"], name],
                    is_flag=isinstance(spec.default, bool),
                    type=_choice(spec.metadata.get("choices")),
                    default=spec.default,
                    metavar=spec.metadata.get("metavar"),
                    help=f"{' or '.join(takers)} {self.kind.value}: {spec.metadata['help']}.",
                )
                for name, (spec, takers) in option_fields(self.kind).items()
            ]
        return super().get_params(ctx)


def _choice(choices: tuple[str, ...] | None) -> click.Choice[str] | None:
    """Return a click choice of the allowed values, for an option whose values are listed."""
    return click.Choice(choices) if choices else None


def _view_options(view: str, given: dict[str, Any], kind: Kind = Kind.VIEW) -> dict[str, Any]:
    """Return the renderer options given for a view; refuse those the view does not take."""
    from dataclasses import fields

    taken = {each.name for each in fields(FORMATS[view].options_class())}
    chosen = {}
    for name, (spec, takers) in option_fields(kind).items():
        value = given.get(name, spec.default)
        if value == spec.default:
            continue
        if name not in taken:
            raise click.UsageError(
                f"{spec.metadata['flag']} goes with "
                f"{'--view' if kind == Kind.VIEW else '--format'} {' or '.join(takers)}"
            )
        chosen[name] = value
    return chosen


def max_elements_option() -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Return the --max-elements option of the commands that can lay Figure 1 out."""
    return click.option(
        "--max-elements",
        type=click.IntRange(1),
        default=FIGURE1_MAX_ELEMENTS,
        show_default=True,
        help="Refuse to lay Figure 1 out for a model of more elements than this (the picture, "
        "the html page, the report, GEXF and yEd positions): its layout grows faster than the "
        "model, about a minute at the default. The graph view has no such limit.",
    )


def refuse_too_large(
    model: LogicModel, path: str, view: str, options: Mapping[str, Any], limit: int
) -> int:
    """Return how many elements a view lays out in Figure 1 (0 for a view that lays out none);
    raise InputError at once for more than `limit`, saying what to do instead."""
    if not lays_out_figure1(view, options):
        return 0
    count = element_count(model)
    refusal = figure1_refusal(count, view, limit)
    if refusal is not None:
        raise InputError(f"{path}: {refusal}")
    return count


@contextmanager
def figure1_guard(
    model: LogicModel, path: str, view: str, options: Mapping[str, Any], limit: int
) -> Iterator[None]:
    """Refuse a model too large for Figure 1 at once; say on stderr when it will take a while."""
    count = refuse_too_large(model, path, view, options, limit)
    slow = count > FIGURE1_SLOW_ELEMENTS
    if slow:
        click.echo(
            f"{path}: laying out Figure 1 of {count:,} elements: this may take a minute", err=True
        )
    start = time.perf_counter()
    yield
    if slow:
        click.echo(f"{path}: Figure 1 laid out in {time.perf_counter() - start:.0f} s", err=True)


def _picture_suffixes() -> list[str]:
    """Return the file formats some registered view can write."""
    found = {suffix[1:] for name in names(Kind.VIEW) for suffix in FORMATS[name].suffixes}
    return sorted(found - {""})


@click.command(cls=RendererCommand, kind=Kind.VIEW)
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option(
    "--view",
    cls=RegistryOption,
    kind=Kind.VIEW,
    type=RegistryChoice(Kind.VIEW),
    default="figure1",
    show_default=True,
)
@click.option(
    "--theme",
    type=click.Choice(sorted(THEMES)),
    default="classic",
    show_default=True,
    help="classic (red and green), colourblind, print (greyscale) or projector (the whole "
    "model on one 1920x1080 slide, as large as it fits; --slides for a deck).",
)
@click.option(
    "--palette",
    type=click.Choice(["classic", "colourblind", "print"]),
    help="Colours to draw the theme's layout in, e.g. --theme projector --palette colourblind.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Output file (its ending says the format); only with one input. "
    "[default: FILE with --format]",
)
@click.option(
    "--output-dir",
    type=click.Path(file_okay=False),
    help="Folder to write each input's picture into, named after the input (and the theme "
    "and palette when not the default).",
)
@click.option(
    "--format",
    "image_format",
    type=click.Choice(_picture_suffixes()),
    help="Picture format when no -o is given. [default: png, or the view's first format]",
)
@click.option(
    "--dpi",
    type=click.IntRange(30, 1200),
    default=150,
    show_default=True,
    help="Resolution of PNG output, in dots per inch.",
)
@max_size_option()
@max_elements_option()
def render(
    files: tuple[str, ...],
    view: str,
    theme: str,
    palette: str | None,
    output: str | None,
    output_dir: str | None,
    image_format: str | None,
    dpi: int,
    max_size: int,
    max_elements: int,
    **renderer_options: Any,
) -> None:
    """Draw a model as a picture: the red/green Figure 1 diagram by default.

    Writes FILE's name with .png (or --format) beside it unless -o says
    otherwise, and prints the name of each file written. Several files at once
    show a progress bar. A picture may replace an earlier picture of the same
    name, never an input, a model or a workbook.

    \b
    Examples:
      logicmodel render samples/figure1.yaml
      logicmodel render samples/figure1.yaml --theme projector -o workshop.png
      logicmodel render samples/figure1.yaml --theme projector --slides -o deck.pdf
      logicmodel render samples/*.yaml --format svg --theme colourblind
      logicmodel render samples/*.yaml --theme projector --palette print --output-dir slides
      logicmodel render samples/figure1.yaml --view graph --trace trust -o trust.svg
      logicmodel render samples/figure1.yaml --view graph --clusters -o model.dot
    """
    from logicmodel.fileformat.files import STDOUT
    from logicmodel.renderers import picture_path
    from logicmodel.renderers.themes import with_palette

    view_options = _view_options(view, renderer_options)
    image_format = _picture_format(files, view, output, output_dir, image_format)
    theme = with_palette(theme, palette)

    def draw_one(model: LogicModel, path: str) -> str:
        target = output or str(picture_path(path, "." + str(image_format), theme, output_dir))
        # Made as its format says; written to standard output for `-o -`.
        named = f"stdout.{image_format}" if target == STDOUT else target
        with figure1_guard(model, path, view, view_options, max_elements):
            made = _generate(model, path, named, view=view, theme=theme, dpi=dpi, **view_options)
        return _write_picture(path, target, made, files)

    report_written(*_not_stdout(*each_model(files, max_size, "Drawing", draw_one)))


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    help="Output: report.html or report.pdf; with several files and no --combined, a folder "
    "for one report each and index.html. [default: FILE.report.html beside each]",
)
@click.option(
    "--combined", is_flag=True, help="With several files, one document comparing them all."
)
@max_size_option()
@max_elements_option()
def report(
    files: tuple[str, ...], output: str | None, combined: bool, max_size: int, max_elements: int
) -> None:
    """Write a board report: partnership, Figure 1, trace, what-if, Figure 2, gain, advice.

    One self-contained HTML document (no script, nothing fetched) that prints
    on A4, or a PDF through WeasyPrint (pip install 'logicmodel[pdf]').
    Prints the name of each file written.

    \b
    Examples:
      logicmodel report samples/inverclyde-mcmc.yaml
      logicmodel report samples/inverclyde-mcmc.yaml -o board.pdf
      logicmodel report samples/*.yaml -o reports
      logicmodel report samples/*.yaml --combined -o all.html
    """
    from logicmodel.renderers import report as board

    several = len(files) > 1 and not combined
    if several and output is not None and os.path.splitext(output)[1]:
        raise click.UsageError(
            "-o names a folder when writing one report per file: leave the suffix off, "
            "or add --combined for one document"
        )
    output_format = "html"
    if output is not None and not several:
        try:
            output_format = board.verify_output(output)
        except ValueError as error:
            raise InputError(str(error)) from None
    if output_format == "pdf" and not board.pdf_available():
        raise Unreadable(board.PDF_MISSING)

    def read_one(model: LogicModel, path: str) -> board.ReportInput:
        # Refused here, before any report is made: each one draws Figure 1.
        if refuse_too_large(model, path, "report", {}, max_elements) > FIGURE1_SLOW_ELEMENTS:
            click.echo(f"{path}: Figure 1 of a large model: the report may take a minute", err=True)
        return board.read(path, max_size)

    items, status = each_model(files, max_size, "Reading", read_one)
    if not items:
        sys.exit(status)
    written = board.write_reports(
        items, output, output_format, combined, writer_for(files), several
    )
    report_written([("", target) for target in written], status)


@click.command(cls=RendererCommand, kind=Kind.EXPORT)
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option(
    "--format",
    "export_format",
    cls=RegistryOption,
    kind=Kind.EXPORT,
    type=RegistryChoice(Kind.EXPORT),
    required=True,
)
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    help="Output file (or folder for csv); only with one input. [default: FILE with the "
    "format's suffix; FILE.graph.json for json]",
)
@max_size_option()
@max_elements_option()
def export(
    files: tuple[str, ...],
    export_format: str,
    output: str | None,
    max_size: int,
    max_elements: int,
    **renderer_options: Any,
) -> None:
    """Export models for other tools: every element and link with its trace.

    Each element carries every field of the model (label, stage, partners, lead,
    gain, notes, source, evidence, indicators ...), its trace (trace_class,
    collaborative_share, critical elements ...) and its class in each what-if;
    each link its kind (leads_to or enhances); the graph the partnership's facts
    and the partners' names. "Export fields" in docs/researchers.md lists them. An export
    may replace an earlier export of the same name, never an input, a model or a
    workbook someone filled in.

    \b
    Examples:
      logicmodel export samples/figure1.yaml --format graphml
      logicmodel export samples/figure1.yaml --format graphml --yed
      logicmodel export samples/*.yaml --format xlsx
      logicmodel export samples/figure1.yaml --format csv -o figure1-tables/
    """
    from logicmodel.fileformat.files import STDOUT
    from logicmodel.renderers import default_output, verify_suffix

    view_options = _view_options(export_format, renderer_options, Kind.EXPORT)
    if output and len(files) > 1:
        raise click.UsageError("-o names one output: give one input, or leave -o out")
    if output:
        named = stdout_name(export_format) if output == STDOUT else output.rstrip("/")
        try:
            require_program(FORMATS[export_format], verify_suffix(named, export_format))
        except ValueError as error:
            raise InputError(str(error)) from None

    def export_one(model: LogicModel, path: str) -> str:
        target = output or str(default_output(path, export_format))
        folder = target.rstrip("/") or target
        named = stdout_name(export_format) if target == STDOUT else folder
        with figure1_guard(model, path, export_format, view_options, max_elements):
            made = _generate(model, path, named, view=export_format, **view_options)
        write_file(folder, made, files)
        return target

    report_written(*_not_stdout(*each_model(files, max_size, "Exporting", export_one)))


def _picture_format(
    files: tuple[str, ...],
    view: str,
    output: str | None,
    output_dir: str | None,
    image_format: str | None,
) -> str:
    """Return the format `render` writes, after refusing what it cannot write as asked."""
    from logicmodel.fileformat.files import STDOUT
    from logicmodel.renderers import verify_suffix

    entry = FORMATS[view]
    if output and len(files) > 1:
        raise click.UsageError("-o names one output file: give one input, or leave -o out")
    if output and output_dir:
        raise click.UsageError("give -o or --output-dir, not both")
    if output_dir:
        try:
            Path(output_dir).mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise InputError(f"{output_dir}: cannot make the folder: {error.strerror}") from None
    if image_format is None:
        image_format = "png" if ".png" in entry.suffixes else entry.suffixes[0].lstrip(".")
    named = "out." + image_format if output in (None, STDOUT) else output
    try:
        output_format = verify_suffix(named, view)
    except ValueError as error:
        raise InputError(str(error)) from None
    require_program(entry, output_format)
    return image_format


def _generate(model: LogicModel, path: str, target: str, **options: Any) -> bytes | Files:
    """Return a view or export of a model; an option naming nothing in it is a one-line error."""
    from logicmodel.analysis.tracing import trace as trace_model
    from logicmodel.renderers import OptionProblem, generate

    try:
        return generate(model, trace_model(model), target, **options)
    except OptionProblem as problem:
        raise InputError(f"{path}: {problem}") from None


def stdout_name(export_format: str) -> str:
    """Return a name in an export's default format, for `-o -`: the format it writes there."""
    entry = FORMATS[export_format]
    suffix = next((each for each in entry.suffixes if each), "")
    return "stdout" + suffix


def _not_stdout(
    written: list[tuple[str, str]], status: ExitStatus
) -> tuple[list[tuple[str, str]], ExitStatus]:
    """Return the outputs to name after writing: not standard output, which holds the output."""
    from logicmodel.fileformat.files import STDOUT

    return [(path, target) for path, target in written if target != STDOUT], status


def _write_picture(path: str, target: str, made: bytes | Files, inputs: tuple[str, ...]) -> str:
    """Write a picture, or one file per slide of a deck; return the names."""
    from logicmodel.fileformat.files import STDOUT

    if isinstance(made, bytes):
        write_file(target, made, inputs)
        return target
    if target == STDOUT:
        raise InputError(f"{path}: a deck is several files: name a file for the slides")
    written = []
    for suffix, data in made.items():
        name = str(Path(target).with_stem(Path(target).stem + suffix))
        write_file(name, data, inputs)
        written.append(name)
    return "\n".join(written)


__all__ = [
    "RegistryChoice",
    "RegistryOption",
    "RendererCommand",
    "export",
    "figure1_guard",
    "max_elements_option",
    "refuse_too_large",
    "render",
    "report",
    "stdout_name",
]
