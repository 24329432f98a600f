"""Commands that draw and write models for people and tools: render, export and report, with
their view and export choices read from the renderers' registry."""

from __future__ import annotations

import os
import sys
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
from logicmodel.renderers.themes import THEMES

if TYPE_CHECKING:
    from logicmodel.models import LogicModel


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
    from logicmodel.renderers import picture_path
    from logicmodel.renderers.themes import with_palette

    view_options = _view_options(view, renderer_options)
    image_format = _picture_format(files, view, output, output_dir, image_format)
    theme = with_palette(theme, palette)

    def draw_one(model: LogicModel, path: str) -> str:
        target = output or str(picture_path(path, "." + str(image_format), theme, output_dir))
        made = _generate(model, path, target, view=view, theme=theme, dpi=dpi, **view_options)
        return _write_picture(path, target, made, files)

    report_written(*each_model(files, max_size, "Drawing", draw_one))


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
def report(files: tuple[str, ...], output: str | None, combined: bool, max_size: int) -> None:
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
def export(
    files: tuple[str, ...],
    export_format: str,
    output: str | None,
    max_size: int,
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
    from logicmodel.renderers import default_output, verify_suffix

    view_options = _view_options(export_format, renderer_options, Kind.EXPORT)
    if output and len(files) > 1:
        raise click.UsageError("-o names one output: give one input, or leave -o out")
    if output:
        try:
            require_program(
                FORMATS[export_format], verify_suffix(output.rstrip("/"), export_format)
            )
        except ValueError as error:
            raise InputError(str(error)) from None

    def export_one(model: LogicModel, path: str) -> str:
        target = output or str(default_output(path, export_format))
        folder = target.rstrip("/") or target
        write_file(
            folder, _generate(model, path, folder, view=export_format, **view_options), files
        )
        return target

    report_written(*each_model(files, max_size, "Exporting", export_one))


def _picture_format(
    files: tuple[str, ...],
    view: str,
    output: str | None,
    output_dir: str | None,
    image_format: str | None,
) -> str:
    """Return the format `render` writes, after refusing what it cannot write as asked."""
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
    try:
        output_format = verify_suffix(output or "out." + image_format, view)
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


def _write_picture(path: str, target: str, made: bytes | Files, inputs: tuple[str, ...]) -> str:
    """Write a picture, or one file per slide of a deck; return the names."""
    if isinstance(made, bytes):
        write_file(target, made, inputs)
        return target
    written = []
    for suffix, data in made.items():
        name = str(Path(target).with_stem(Path(target).stem + suffix))
        write_file(name, data, inputs)
        written.append(name)
    return "\n".join(written)


__all__ = ["RegistryChoice", "RegistryOption", "RendererCommand", "export", "render", "report"]
