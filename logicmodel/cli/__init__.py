"""The `logicmodel` command line: parses options and delegates to the library."""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from logicmodel import __version__
from logicmodel.analysis.reports import REPORT_FORMATS, TEXT
from logicmodel.renderers import FORMATS, Format, Kind, names, option_fields
from logicmodel.renderers.themes import THEMES
from logicmodel.status import ExitStatus
from logicmodel.terminal import terminal_text

if TYPE_CHECKING:
    from logicmodel.editing.layer import Draft
    from logicmodel.fileformat.loading import LoadError
    from logicmodel.models import LogicModel

T = TypeVar("T")

SIZE_HELP = "Refuse files larger than this before reading them, e.g. 64M or 500K. [default: 64M]"


def _size(ctx: click.Context, param: click.Parameter, value: str) -> int:
    """Return a --max-size value in bytes."""
    from logicmodel.fileformat.loading import parse_size

    try:
        return parse_size(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


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


class Commands(click.Group):
    """The command group: --debug anywhere on the line, and our exit statuses for every outcome."""

    def main(  # type: ignore[override]
        self,
        args: list[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: object,
    ) -> object:
        words = list(sys.argv[1:] if args is None else args)
        end = words.index("--") if "--" in words else len(words)
        debug = "--debug" in words[:end]
        words = [w for w in words[:end] if w != "--debug"] + words[end:]
        if not standalone_mode:
            return super().main(words, prog_name, complete_var, False, **extra)
        try:
            super().main(words, prog_name, complete_var, False, **extra)
        except click.exceptions.Exit as done:
            sys.exit(done.exit_code)
        except click.Abort:
            click.echo("Aborted.", err=True)
            sys.exit(ExitStatus.INTERRUPTED)
        except click.UsageError as error:
            error.show()
            sys.exit(ExitStatus.USAGE)
        except click.ClickException as error:
            error.show()
            sys.exit(error.exit_code)
        except BrokenPipeError:
            sys.exit(1)
        except Exception as error:  # noqa: BLE001 - the last line of defence for users
            if debug:
                raise
            click.echo(
                f"logicmodel: internal error: {error!r} (run with --debug for details)", err=True
            )
            sys.exit(ExitStatus.INTERNAL)
        sys.exit(ExitStatus.OK)


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="logicmodel")
@click.option(
    "--debug",
    is_flag=True,
    help="Show a traceback when something goes wrong inside (before or after the command).",
)
def cli(debug: bool) -> None:
    """Check, trace, draw and measure a partnership's outcome logic model.

    A logic model is a YAML (or JSON) file: partners, their inputs, activities and
    outputs, single-agency or collaborative, and the interim, intermediate and ultimate
    outcomes they lead to.

    \b
    Example:
      logicmodel check samples/figure1.yaml
    """
    # --debug is read in Commands.main(), which decides whether a traceback is shown.


def _codes(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> list[str]:
    """Return rule codes from repeated or comma-separated options, checked against the rules."""
    from logicmodel.analysis.advice import verify_codes

    codes = [code.strip() for item in value for code in item.split(",") if code.strip()]
    try:
        return verify_codes(codes)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


def _text_or_json(help_text: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Return the --format option of a command that prints text for people or JSON."""
    return click.option(
        "--format",
        "output_format",
        type=FormatChoice([TEXT, "json"]),
        default=TEXT,
        show_default=True,
        help=help_text,
    )


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=True))
@_text_or_json("text for people, json for tools.")
@click.option(
    "--select",
    multiple=True,
    callback=_codes,
    metavar="CODES",
    help="Run only these advice rules, e.g. LM102,LM103 (repeatable).",
)
@click.option(
    "--ignore",
    multiple=True,
    callback=_codes,
    metavar="CODES",
    help="Skip these advice rules, e.g. LM109 (repeatable).",
)
@click.option("--strict", is_flag=True, help="Exit with status 1 on warnings too, not only errors.")
@click.option("--explain", metavar="CODE", help="Explain one advice rule and stop.")
@click.option("--max-size", default="64M", callback=_size, help=SIZE_HELP)
def check(
    files: tuple[str, ...],
    output_format: str,
    select: list[str],
    ignore: list[str],
    strict: bool,
    explain: str | None,
    max_size: int,
) -> None:
    """Check model files: faults as FILE:LINE:COL: MESSAGE, then advice.

    Advice comes from the collaborative-gain research: is the gain clear,
    planned, monitored and worth its cost; is the partnership tight, led and
    focused. Each finding names its rule (`logicmodel rules` lists them).
    Prints one summary line for each valid file. Exit status: 0 when every file
    is a valid model (advice alone does not fail), 1 when there are error-level
    findings (or warnings, with --strict), 2 when a file is not a valid model,
    5 when a file is missing or unreadable.

    \b
    Examples:
      logicmodel check samples/figure1.yaml
      logicmodel check --format json samples/*.yaml
      logicmodel check --ignore LM109,LM114 --strict model.yaml
      logicmodel check --explain LM102
      logicmodel check --explain LM102 --format json
    """
    from logicmodel.analysis import checking as check_files

    if explain is not None:
        from logicmodel.analysis.advice import RULES, verify_codes

        try:
            (code,) = verify_codes([explain])
        except ValueError as error:
            raise InputError(str(error)) from None
        if output_format == "json":
            (rule,) = (r for r in check_files.rules_as_dicts() if r["code"] == code)
            click.echo(json.dumps(rule, indent=2, ensure_ascii=False))
        else:
            click.echo(RULES[code].explain(), nl=False)
        return
    if not files:
        raise click.UsageError("give one or more model files (or --explain CODE)")
    reports = [
        check_files.check_file(path, max_bytes=max_size, select=select or None, ignore=ignore)
        for path in files
    ]
    formatter = check_files.format_json if output_format == "json" else check_files.format_text
    click.echo(terminal_text(formatter(reports)))
    sys.exit(check_files.exit_status(reports, strict))


@cli.command()
@_text_or_json("text for people, json for tools (with each rule's principle and source).")
def rules(output_format: str) -> None:
    """List the advice rules that `logicmodel check` applies.

    \b
    Examples:
      logicmodel rules
      logicmodel rules --format json
      logicmodel check --explain LM114
    """
    from logicmodel.analysis.checking import format_rules, rules_as_dicts

    if output_format == "json":
        click.echo(json.dumps(rules_as_dicts(), indent=2, ensure_ascii=False))
    else:
        click.echo(format_rules())


@cli.command()
@_text_or_json("text for people, json for tools.")
def categories(output_format: str) -> None:
    """List the research's Figure 2 categories that an element's `category` takes.

    Three columns: collaborative activities, collaborative processes and
    benefits, collaborative results. An element without a category is placed
    by its trace class in `render --view figure2`.

    \b
    Examples:
      logicmodel categories
      logicmodel categories --format json
      logicmodel render samples/figure1.yaml --view figure2
    """
    from logicmodel.analysis.categories import format_categories

    click.echo(format_categories(output_format), nl=False)


@cli.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the schema to this file instead of printing it.",
)
def schema(output: str | None) -> None:
    """Print the JSON Schema of the file format, for editors' autocompletion.

    \b
    Example:
      logicmodel schema -o logicmodel.fileformat.schema.json
    Then point your editor at it, e.g. with this first line in a model file:
      # yaml-language-server: $schema=logicmodel.fileformat.schema.json
    """
    from logicmodel.fileformat.schema import generate_schema

    text = generate_schema()
    if output:
        _write(output, text.encode("utf-8"))
    else:
        click.echo(text, nl=False)


def _write(
    target: str, data: bytes, inputs: tuple[str, ...] = (), force: bool | None = None
) -> None:
    """Write an output atomically, refusing to replace what a person made.

    With `force` None the output is a picture or export: it may replace an earlier one, never
    an input, a model or a workbook. With `force` given it is a file people edit by hand: an
    existing one is replaced only with --force, and never when it is an input.
    """
    from logicmodel.fileformat.files import (
        OutputRefused,
        refuse_existing,
        refuse_inputs,
        refuse_replacing,
        write_bytes_atomically,
    )

    try:
        refuse_inputs(target, inputs)
        if force is None:
            refuse_replacing(target)
        elif not force:
            refuse_existing(target)
    except OutputRefused as error:
        raise InputError(str(error)) from None
    try:
        write_bytes_atomically(target, data)
    except OSError as error:
        raise Unreadable(f"{target}: cannot write: {error.strerror or error}") from None


def _write_folder(folder: str, made: dict[str, bytes], inputs: tuple[str, ...]) -> None:
    """Write an export's files into a folder as one unit, refusing what _write refuses."""
    from logicmodel.fileformat.files import (
        OutputRefused,
        refuse_inputs,
        refuse_replacing,
        write_folder_atomically,
    )

    try:
        for name in made:
            refuse_inputs(os.path.join(folder, name), inputs)
            refuse_replacing(os.path.join(folder, name))
        write_folder_atomically(folder, made)
    except OutputRefused as error:
        raise InputError(str(error)) from None
    except OSError as error:
        raise Unreadable(f"{folder}: cannot write: {error.strerror or error}") from None


def _load_status(error: LoadError) -> ExitStatus:
    """Return the exit status for a file that did not load: unreadable, or not a valid model."""
    if all(fault.about_file for fault in error.errors):
        return ExitStatus.UNREADABLE
    return ExitStatus.INVALID


def _echo_faults(faults: Iterable[object], heading: str = "") -> None:
    """Print a heading, if any, then one fault a line, on stderr."""
    if heading:
        click.echo(heading, err=True)
    for fault in faults:
        click.echo(terminal_text(str(fault)), err=True)


def _try_load(path: str, max_size: int) -> LogicModel | ExitStatus:
    """Return the model in a file, or print its faults and return the exit status they give."""
    from logicmodel.fileformat.loading import LoadError, load

    try:
        return load(path, max_bytes=max_size)
    except LoadError as error:
        _echo_faults(error.errors)
        return _load_status(error)


def _format_option() -> Callable[[Callable[..., None]], Callable[..., None]]:
    return click.option(
        "--format",
        "output_format",
        type=FormatChoice(REPORT_FORMATS),
        default=TEXT,
        show_default=True,
        help="text (a table) for a terminal, markdown for documents, csv and json for tools; "
        "with several files every row names its model.",
    )


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--outcome", metavar="ID", help="Show one outcome in detail (one file only).")
@_format_option()
@click.option("--max-size", default="64M", callback=_size, help=SIZE_HELP)
def trace(files: tuple[str, ...], outcome: str | None, output_format: str, max_size: int) -> None:
    """Show which outcomes rely on collaboration.

    For each outcome: its class (single-agency, collaborative-gain,
    collaboration-only or unsupported), whether it would be lost without
    collaboration, the share of its supporting paths that pass collaboration, and
    the collaborative elements every supporting path passes (critical). Several
    files give one table (or CSV, JSON) with the model named on each row.

    \b
    Examples:
      logicmodel trace samples/figure1.yaml
      logicmodel trace samples/figure1.yaml --outcome better-targeting
      logicmodel trace samples/*.yaml --format csv > traces.csv
    """
    from logicmodel.analysis.reports import render_trace, render_traces
    from logicmodel.analysis.tracing import Trace
    from logicmodel.analysis.tracing import trace as trace_model
    from logicmodel.fileformat.rules import did_you_mean

    if outcome is not None and len(files) > 1:
        raise click.UsageError("--outcome shows one outcome of one model: give one file")

    def trace_one(model: LogicModel, path: str) -> Trace:
        _refuse_no_outcomes(model, path)
        result = trace_model(model)
        if outcome is not None and outcome not in result.outcomes:
            hint = did_you_mean(outcome, result.outcomes)
            raise InputError(f"{path}: no outcome {outcome!r}{hint}")
        return result

    traces, status = _each_model(files, max_size, "Tracing", trace_one)
    width = shutil.get_terminal_size().columns
    if outcome is not None and traces:
        _echo_report(render_trace(traces[0][1], output_format, outcome, width), output_format)
    elif traces:
        _echo_report(render_traces(_named(traces, files), output_format, width), output_format)
    sys.exit(status)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option(
    "--without",
    "leaving",
    multiple=True,
    metavar="PARTNER",
    help="A partner that leaves; repeat for several.",
)
@click.option(
    "--without-collaboration",
    is_flag=True,
    help="Remove every collaborative element and enhances link.",
)
@click.option(
    "--joint-work",
    type=click.Choice(["continues", "stops"]),
    default="continues",
    show_default=True,
    help="What becomes of joint work a leaving partner took part in: it carries on with the "
    "partners left, or it stops.",
)
@_format_option()
@click.option("--max-size", default="64M", callback=_size, help=SIZE_HELP)
def whatif(
    files: tuple[str, ...],
    leaving: tuple[str, ...],
    without_collaboration: bool,
    joint_work: str,
    output_format: str,
    max_size: int,
) -> None:
    """Show which outcomes lose their gain or all support if partners leave.

    A leaving partner's own contributions go. A joint contribution carries on with
    the partners left (with one left it becomes single-agency; with none it goes),
    or, with --joint-work stops, it ends with the leaving partner.
    Several files give one table (or CSV, JSON) with the model named on each row.

    \b
    Examples:
      logicmodel whatif samples/figure1.yaml --without partner-b
      logicmodel whatif samples/figure1.yaml --without partner-b --joint-work stops
      logicmodel whatif samples/figure1.yaml --without-collaboration --format markdown
      logicmodel whatif samples/*.yaml --without-collaboration --format csv
    """
    from logicmodel.analysis.reports import render_whatifs
    from logicmodel.analysis.tracing import WhatIf
    from logicmodel.analysis.tracing import whatif as whatif_model
    from logicmodel.fileformat.rules import did_you_mean

    if not leaving and not without_collaboration:
        raise click.UsageError("say what changes: --without PARTNER or --without-collaboration")

    def whatif_one(model: LogicModel, path: str) -> WhatIf:
        _refuse_no_outcomes(model, path)
        partners = model.partner_ids()
        for partner in leaving:
            if partner not in partners:
                hint = did_you_mean(partner, partners) or f" (partners: {', '.join(partners)})"
                raise InputError(f"{path}: no partner {partner!r}{hint}")
        return whatif_model(
            model,
            leaving,
            without_collaboration=without_collaboration,
            joint_work="stops" if joint_work == "stops" else "continues",
        )

    results, status = _each_model(files, max_size, "Asking what if", whatif_one)
    width = shutil.get_terminal_size().columns
    if results:
        _echo_report(render_whatifs(_named(results, files), output_format, width), output_format)
    sys.exit(status)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@_format_option()
@click.option("--max-size", default="64M", callback=_size, help=SIZE_HELP)
def gain(files: tuple[str, ...], output_format: str, max_size: int) -> None:
    """Measure the collaborative gain on every indicator, and weigh costs against benefits.

    For each indicator: the planned gain (together target less alone target),
    and for each period from `partnership.started` on, the value expected
    without the partnership and the gain over it: from a comparator's change,
    else a linear trend over the values before the start (with a 95%
    prediction interval from three values), else a flat baseline at the one
    value before; the method is stated. Gains are signed so that positive is
    good under the indicator's `better`. Then the costs and benefits per unit,
    never adding different units.

    \b
    Examples:
      logicmodel gain samples/inverclyde-mcmc.yaml
      logicmodel gain samples/*.yaml --format json > gain.json
    """
    from logicmodel.analysis.gain import GainReport, measure, render_gain

    def measure_one(model: LogicModel, path: str) -> GainReport:
        return measure(model)

    reports, status = _each_model(files, max_size, "Measuring", measure_one)
    width = shutil.get_terminal_size().columns
    if reports:
        _echo_report(render_gain(_named(reports, files), output_format, width), output_format)
    sys.exit(status)


def _echo_report(text: str, output_format: str) -> None:
    """Print a report; text for people shows terminal controls escaped, never obeyed."""
    readable = output_format in (TEXT, "markdown")
    click.echo(terminal_text(text) if readable else text, nl=False)


def _refuse_no_outcomes(model: LogicModel, path: str) -> None:
    """Raise InputError when a model has no outcomes yet, so there is nothing to trace."""
    if not any(stage.is_outcome for stage, _ in model.elements()):
        raise InputError(
            f"{path}: no outcomes to trace yet: add one, e.g. "
            f"logicmodel add {path} ultimate --id ID --label TEXT"
        )


def _named(results: list[tuple[str, T]], files: tuple[str, ...]) -> list[tuple[str, T]]:
    """Return results named by their files when there are several, unnamed for one."""
    return results if len(files) > 1 else [("", result) for _, result in results]


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


@cli.command(cls=RendererCommand, kind=Kind.VIEW)
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
    help="classic (red and green), colourblind, print (greyscale) or projector (16:9 slides, "
    "large type).",
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
@click.option("--max-size", default="64M", callback=_size, help=SIZE_HELP)
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
      logicmodel render samples/*.yaml --format svg --theme colourblind
      logicmodel render samples/*.yaml --theme projector --palette print --output-dir slides
      logicmodel render samples/figure1.yaml --view graph --trace trust -o trust.svg
      logicmodel render samples/figure1.yaml --view graph --clusters -o model.dot
    """
    from pathlib import Path

    from logicmodel.analysis.tracing import trace as trace_model
    from logicmodel.renderers import OptionProblem, generate, picture_path, verify_suffix
    from logicmodel.renderers.themes import with_palette

    entry = FORMATS[view]
    view_options = _view_options(view, renderer_options)
    if output and len(files) > 1:
        raise click.UsageError("-o names one output file: give one input, or leave -o out")
    if output and output_dir:
        raise click.UsageError("give -o or --output-dir, not both")
    theme = with_palette(theme, palette)
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
    _require_program(entry, output_format)

    def draw_one(model: LogicModel, path: str) -> str:
        target = output or str(picture_path(path, "." + image_format, theme, output_dir))
        try:
            made = generate(
                model, trace_model(model), target, view=view, theme=theme, dpi=dpi, **view_options
            )
        except OptionProblem as problem:
            raise InputError(f"{path}: {problem}") from None
        if isinstance(made, bytes):
            _write(target, made, files)
            return target
        # Too big for one readable slide: one file per slide, each listed.
        click.echo(f"{path}: too big for one readable slide: {len(made)} slides", err=True)
        written = []
        for suffix, data in made.items():
            name = str(Path(target).with_stem(Path(target).stem + suffix))
            _write(name, data, files)
            written.append(name)
        return "\n".join(written)

    _report_written(*_each_model(files, max_size, "Drawing", draw_one))


@cli.command()
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
@click.option("--max-size", default="64M", callback=_size, help=SIZE_HELP)
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

    items, status = _each_model(files, max_size, "Reading", read_one)
    if not items:
        sys.exit(status)
    written = board.write_reports(
        items, output, output_format, combined, _write_for(files), several
    )
    _report_written([("", target) for target in written], status)


def _write_for(files: tuple[str, ...]) -> Callable[[str, bytes], None]:
    """Return a writer that refuses to replace the inputs or a model, as every output does."""
    return lambda target, data: _write(target, data, files)


@cli.command(cls=RendererCommand, kind=Kind.EXPORT)
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
@click.option("--max-size", default="64M", callback=_size, help=SIZE_HELP)
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
    and the partners' names. The README's "Export fields" lists them. An export
    may replace an earlier export of the same name, never an input, a model or a
    workbook someone filled in.

    \b
    Examples:
      logicmodel export samples/figure1.yaml --format graphml
      logicmodel export samples/figure1.yaml --format graphml --yed
      logicmodel export samples/*.yaml --format xlsx
      logicmodel export samples/figure1.yaml --format csv -o figure1-tables/
    """
    from logicmodel.analysis.tracing import trace as trace_model
    from logicmodel.renderers import OptionProblem, default_output, generate, verify_suffix

    view_options = _view_options(export_format, renderer_options, Kind.EXPORT)
    if output and len(files) > 1:
        raise click.UsageError("-o names one output: give one input, or leave -o out")
    if output:
        try:
            _require_program(
                FORMATS[export_format], verify_suffix(output.rstrip("/"), export_format)
            )
        except ValueError as error:
            raise InputError(str(error)) from None

    def export_one(model: LogicModel, path: str) -> str:
        target = output or str(default_output(path, export_format))
        folder = target.rstrip("/") or target
        try:
            made = generate(model, trace_model(model), folder, view=export_format, **view_options)
        except OptionProblem as problem:
            raise InputError(f"{path}: {problem}") from None
        if isinstance(made, bytes):
            _write(folder, made, files)
            return target
        _write_folder(folder, made, files)
        return target

    _report_written(*_each_model(files, max_size, "Exporting", export_one))


@cli.command(name="import")
@click.argument("workbook", type=click.Path())
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    required=True,
    help="The model file to write (.yaml, .yml or .json).",
)
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists already.")
@click.option("--max-size", default="64M", callback=_size, help=SIZE_HELP)
def import_workbook(workbook: str, output: str, force: bool, max_size: int) -> None:
    """Make a model file from a filled-in workbook (see `logicmodel template`) or an
    elements CSV (such as `export --format csv` writes).

    Faults name the sheet, cell and problem, e.g.
    Elements!D14: unknown partner 'polce' in 'by' (did you mean 'police'?).
    Nothing is written unless the whole workbook is a valid model, and an
    existing OUTPUT is replaced only with --force.

    \b
    Example:
      logicmodel template -o our-model.xlsx
      logicmodel import our-model.xlsx -o our-model.yaml
    """
    from logicmodel.fileformat.importing import WorkbookError, load_workbook_model
    from logicmodel.fileformat.loading import dump_yaml

    suffix = os.path.splitext(output)[1].lower()
    if suffix not in (".yaml", ".yml", ".json"):
        raise InputError(f"{output}: a model file ends in .yaml, .yml or .json")
    _read_check(workbook, max_size)
    try:
        model = load_workbook_model(workbook, max_size)
    except WorkbookError as error:
        _echo_faults(error.errors)
        sys.exit(ExitStatus.INVALID)
    if suffix == ".json":
        text = model.model_dump_json(by_alias=True, exclude_defaults=True, indent=2) + "\n"
    else:
        text = dump_yaml(model)
    _write(output, text.encode("utf-8"), (workbook,), force=force)
    click.echo(output)


@cli.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default="model.xlsx",
    show_default=True,
    help="The workbook to write (.xlsx).",
)
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists already.")
def template(output: str, force: bool) -> None:
    """Write a workbook to fill in: the columns, drop-downs and an example row each.

    An existing OUTPUT (perhaps filled in already) is replaced only with --force.

    \b
    Example:
      logicmodel template -o our-model.xlsx
    """
    from logicmodel.renderers.xlsx import generate_template

    if not output.lower().endswith(".xlsx"):
        raise InputError(f"{output}: a workbook ends in .xlsx")
    _write(output, generate_template(), force=force)
    click.echo(output)


# renderers.options.LAYOUTS, written out so that --help loads no dataclasses (a test compares).
SERVE_LAYOUTS = ("figure1", "graph")


def _page_options(function: Callable[..., None]) -> Callable[..., None]:
    """Add the options `serve` and `edit` share: port, open, theme and layout."""
    for option in reversed(
        [
            click.option(
                "--port",
                type=click.IntRange(0, 65535),
                default=0,
                metavar="N",
                help="The port to listen on; 0 takes any free one. [default: 0]",
            ),
            click.option(
                "--open", "open_browser", is_flag=True, help="Open the address in a browser too."
            ),
            click.option(
                "--theme",
                type=click.Choice(sorted(THEMES)),
                default="classic",
                show_default=True,
                help="classic (red and green), colourblind, print (greyscale) or projector "
                "(16:9, large type).",
            ),
            click.option(
                "--layout",
                type=click.Choice(SERVE_LAYOUTS),
                default="figure1",
                show_default=True,
                help="figure1 (our layout, needs nothing) or graph (Graphviz's, needs dot).",
            ),
        ]
    ):
        function = option(function)
    return function


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@_page_options
def serve(files: tuple[str, ...], port: int, open_browser: bool, theme: str, layout: str) -> None:
    """Show models in a browser as live interactive pages, redrawn on every save.

    Serves each FILE's interactive page (the one `render --view html` writes)
    on 127.0.0.1 only, at an address with a random token in it, and prints
    that address. Several files get an index page. When a file is saved, its
    open pages reload; while it has errors, its page shows them, located, over
    the last good drawing. A file with errors at the start is served too.
    Ctrl-C stops the server.

    \b
    Examples:
      logicmodel serve samples/figure1.yaml --open
      logicmodel serve samples/*.yaml --port 8000 --theme projector
    """
    _serve_pages(files, port, open_browser, theme, layout)


@cli.command()
@click.argument("file", type=click.Path())
@_page_options
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    metavar="ADDR",
    help="The address to listen on: a LAN address lets partners' laptops in the room edit "
    "too (anyone with the printed address can).",
)
def edit(file: str, port: int, open_browser: bool, theme: str, layout: str, host: str) -> None:
    """Edit a model in the browser: add, link, rename and remove by pointing and typing.

    Serves FILE's interactive page with editing switched on and prints its
    address, which holds a random token: only someone with the address can
    edit. Every edit is checked and written to FILE at once, keeping its
    comments; undo and redo are in the page. Changes saved in a text editor
    show within half a second, and an edit made against a file that changed
    underneath is refused, never written over it. Ctrl-C stops.

    \b
    Examples:
      logicmodel edit plan.yaml --open
      logicmodel edit plan.yaml --host 192.168.1.20 --port 8000 --theme projector
    """
    _serve_pages((file,), port, open_browser, theme, layout, editing=True, host=host)


def _serve_pages(
    files: tuple[str, ...],
    port: int,
    open_browser: bool,
    theme: str,
    layout: str,
    *,
    editing: bool = False,
    host: str = "127.0.0.1",
) -> None:
    """Serve the files' pages until Ctrl-C; exit with one line when that cannot start."""
    from logicmodel.fileformat.loading import DEFAULT_MAX_BYTES
    from logicmodel.renderers import GRAPHVIZ_LAYOUT_MISSING
    from logicmodel.serving.server import ListenError
    from logicmodel.serving.server import serve as serve_files

    for path in files:
        _read_check(path, DEFAULT_MAX_BYTES)
    if layout == "graph" and shutil.which("dot") is None:
        raise Unreadable(GRAPHVIZ_LAYOUT_MISSING)

    def ready(url: str) -> None:
        count = f"{len(files)} model{'' if len(files) == 1 else 's'}"
        doing = "Editing" if editing else "Serving"
        click.echo(f"{doing} {count} at {url} (Ctrl-C stops)")

    try:
        serve_files(
            files,
            port=port,
            theme=theme,
            layout=layout,
            open_browser=open_browser,
            ready=ready,
            editing=editing,
            host=host,
        )
    except ListenError as error:
        raise InputError(str(error)) from None
    except KeyboardInterrupt:
        click.echo("Stopped.", err=True)
        sys.exit(ExitStatus.INTERRUPTED)


def _read_check(path: str, max_size: int) -> None:
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


def _each_model(
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
            model = _try_load(path, max_size)
            if isinstance(model, ExitStatus):
                status = max(status, model)
                continue
            try:
                made.append((path, make(model, path)))
            except click.ClickException as error:
                click.echo(terminal_text(error.format_message()), err=True)
                status = max(status, ExitStatus(error.exit_code))
    return made, status


def _report_written(written: list[tuple[str, str]], status: ExitStatus) -> None:
    """Print each output written, then exit with the status."""
    for _, target in written:
        click.echo(target)
    sys.exit(status)


def _require_program(entry: Format, output_format: str) -> None:
    """Exit with how to install it when writing this output needs a program that is missing."""
    program = entry.needs_program(output_format)
    if program is not None and shutil.which(program) is None:
        raise Unreadable(entry.missing_program or f"{program} is not installed")


# ---------------------------------------------------------------- comparing and diffing models


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@_format_option()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write the table (or with --view the chart: .png, .svg or .pdf) to this file.",
)
@click.option(
    "--view",
    "chart",
    is_flag=True,
    help="Draw a chart instead: a stacked bar of outcome classes per partnership. "
    "[default output: comparison.png]",
)
@click.option(
    "--theme",
    type=click.Choice(sorted(THEMES)),
    default="classic",
    show_default=True,
    help="The chart's colours: classic, colourblind, print (greyscale) or projector.",
)
@click.option("--strict", is_flag=True, help="Stop at a file that cannot be read: write nothing.")
@click.option("--max-size", default="64M", callback=_size, help=SIZE_HELP)
def compare(
    files: tuple[str, ...],
    output_format: str,
    output: str | None,
    chart: bool,
    theme: str,
    strict: bool,
    max_size: int,
) -> None:
    """Compare partnerships: one row per model.

    Each row: partners, elements, collaborative contributions, outcomes of
    each trace class, the share of outcomes relying on collaboration, the
    partners whose leaving costs most outcomes something (their gain, their
    single-agency support or all support), the planned and measured gain, and
    the advice counted by severity. A file that cannot be read is reported
    (FILE: message) and skipped, and the exit status says so; with --strict it
    stops the command. Many files show a progress bar.

    \b
    Examples:
      logicmodel compare samples/*.yaml
      logicmodel compare samples/*.yaml --format csv -o partnerships.csv
      logicmodel compare samples/*.yaml --view -o comparison.png
    """
    from logicmodel.analysis.comparing import Comparison, compare_model, render_comparison

    rows, status = _each_model(files, max_size, "Comparing", lambda m, p: compare_model(m, p))
    if strict and status != ExitStatus.OK:
        sys.exit(status)
    comparison = Comparison([row for _, row in rows])
    if chart:
        from logicmodel.renderers.comparison import chart as draw_chart

        target, picture = _picture_target(output, "comparison.png", "comparison")
        if comparison.rows:
            _write_figure(draw_chart(comparison.rows, theme), target, picture, files)
    elif comparison.rows:
        width = shutil.get_terminal_size().columns
        _echo_or_write(render_comparison(comparison, output_format, width), output, files)
    sys.exit(status)


def _picture_target(output: str | None, default: str, view: str) -> tuple[str, str]:
    """Return where a picture goes and its format, or exit when its ending is not one."""
    from logicmodel.renderers import verify_suffix

    target = output or default
    try:
        return target, verify_suffix(target, view)
    except ValueError as error:
        raise InputError(str(error)) from None


def _write_figure(figure: Any, target: str, picture: str, inputs: tuple[str, ...]) -> None:
    """Write a matplotlib figure in a picture format and print its name."""
    from logicmodel.renderers import encode

    made = encode(figure, picture)
    assert isinstance(made, bytes)
    _write(target, made, inputs)
    click.echo(target)


def _echo_or_write(text: str, output: str | None, inputs: tuple[str, ...]) -> None:
    """Print a report, or write it to `output` and print its name."""
    if output:
        _write(output, text.encode("utf-8"), inputs)
        click.echo(output)
    else:
        click.echo(text, nl=False)


@cli.command(name="diff")
@click.argument("files", nargs=-1, required=True, type=click.Path(), metavar="OLD NEW")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(("text", "json")),
    default="text",
    show_default=True,
    help="text for people, json for tools.",
)
@click.option(
    "--view",
    "picture",
    is_flag=True,
    help="Draw Figure 1 of NEW with added and changed elements marked and removed ones "
    "listed, to -o (.png, .svg or .pdf). [default output: diff.png]",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file.")
@click.option(
    "--theme",
    type=click.Choice(sorted(THEMES)),
    default="classic",
    show_default=True,
    help="The picture's colours (with --view).",
)
@click.option(
    "--exit-code", is_flag=True, help="Exit with status 1 when the models differ, as git diff."
)
@click.option("--max-size", default="64M", callback=_size, help=SIZE_HELP)
def diff_models(
    files: tuple[str, ...],
    output_format: str,
    picture: bool,
    output: str | None,
    theme: str,
    exit_code: bool,
    max_size: int,
) -> None:
    """Show what changed between two versions of a model.

    Elements added, removed, renamed, relabelled, moved between stages or
    lanes (partners, collaborative), other fields changed; links added and
    removed; partners changed; and the outcomes whose trace class, dependence
    on collaboration or critical collaborative elements changed. As a git
    diff driver it takes git's seven arguments (PATH OLD-FILE OLD-HEX
    OLD-MODE NEW-FILE NEW-HEX NEW-MODE); the README says how to set it up.

    \b
    Examples:
      logicmodel diff draft-1.yaml draft-2.yaml
      logicmodel diff draft-1.yaml draft-2.yaml --format json
      logicmodel diff draft-1.yaml draft-2.yaml --view -o changes.png
    """
    from logicmodel.analysis.diffing import render_diff_report
    from logicmodel.cli.git_diff import GitCall, diff_files

    try:
        call = GitCall.from_arguments(files)
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    result, faults, status = diff_files(call, max_size)
    if result is None:
        # As a git driver a broken side still shows: its faults, then git's plain diff
        # of the text; a non-zero status would stop git's whole diff.
        _echo_faults(faults)
        if call.from_git:
            click.echo(call.text_diff(), nl=False)
            sys.exit(ExitStatus.OK)
        sys.exit(status)
    if picture:
        from logicmodel.renderers.diff_view import render_diff

        target, suffix = _picture_target(output, "diff.png", "figure1")
        _write_figure(render_diff(result, theme), target, suffix, call.inputs)
    else:
        _echo_or_write(render_diff_report(result, output_format), output, call.inputs)
    sys.exit(ExitStatus.FINDINGS if exit_code and not result.empty else ExitStatus.OK)


# ---------------------------------------------------------------- building and editing models

STAGE_NAMES = ("inputs", "activities", "outputs", "interim", "intermediate", "ultimate")
PARTNERSHIP_TYPES = ("informal", "strategic", "statutory", "service-delivery")
DRY_RUN_HELP = "Print the change as a diff instead of writing it."


def _ids_option(values: tuple[str, ...]) -> list[str]:
    """Return ids from repeated or comma-separated options."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _edit_options(command: Callable[..., None]) -> Callable[..., None]:
    """Add --dry-run and --max-size to an editing command."""
    command = click.option("--max-size", default="64M", callback=_size, help=SIZE_HELP)(command)
    return click.option("--dry-run", is_flag=True, help=DRY_RUN_HELP)(command)


def _edit(path: str, max_size: int, dry_run: bool, make: Callable[[Draft], object]) -> None:
    """Open a model file, make one edit, then write it (or print the diff) and say what changed.

    Exit status 2 when the file, or the edited model, is not valid (the file is left as it
    was); 4 when the edit cannot be done as asked or the file changed on disk meanwhile.
    """
    from logicmodel.editing.layer import Draft, EditError
    from logicmodel.fileformat.loading import LoadError

    try:
        draft = Draft.open(path, max_bytes=max_size)
    except LoadError as error:
        status = _load_status(error)
        heading = (
            f"{path}: not changed: editing commands work on a valid model, and this one "
            "is not valid yet; fix these by hand first:"
        )
        _echo_faults(error.errors, heading if status == ExitStatus.INVALID else "")
        sys.exit(status)
    try:
        make(draft)
        if dry_run:
            draft.check()
            click.echo(draft.diff(), nl=False)
            return
        draft.save()
    except LoadError as error:
        _echo_faults(
            error.errors,
            f"{path}: not changed: the edit would make it an invalid model "
            "(lines as they would be after the edit):",
        )
        sys.exit(ExitStatus.INVALID)
    except EditError as error:
        raise InputError(str(error)) from None
    except OSError as error:
        raise Unreadable(f"{path}: cannot write: {error.strerror or error}") from None
    click.echo(f"{path}: {draft.changes[-1]}")


@cli.command()
@click.argument("file", type=click.Path())
@click.option("--title", help="The model's title: what the partnership works for.")
@click.option("--area", help="The area it covers, e.g. Anytown.")
@click.option("--name", help="The partnership's name. [default: the title]")
@click.option(
    "--type",
    "partnership_type",
    type=click.Choice(PARTNERSHIP_TYPES),
    help="How formal the partnership is.",
)
@click.option("--focus", help="The partners' agreed focus: the focus box of the diagram.")
@click.option("--vision", help="The partners' shared vision.")
@click.option(
    "--partner",
    "partners",
    multiple=True,
    metavar="ID=NAME",
    help="A partner, e.g. council='Anytown Council' (repeat for each; a name alone makes its id).",
)
@click.option("--lead", metavar="PARTNER", help="The lead partner's id. [default: the first]")
@click.option("--ultimate", metavar="TEXT", help="The ultimate outcome: the long-term change.")
@click.option(
    "--intermediate",
    multiple=True,
    metavar="TEXT",
    help="An intermediate outcome, leading to the ultimate one (repeatable).",
)
@click.option(
    "--interim",
    multiple=True,
    metavar="TEXT",
    help="An interim (short-term) outcome, leading to the intermediate ones (repeatable).",
)
@click.option(
    "--activity",
    "activities",
    multiple=True,
    metavar="BY=TEXT",
    help="An activity leading to the interim outcomes: BY is 'all' or partner ids joined by "
    "',' (repeatable), e.g. all='Weekly joint tasking'.",
)
@click.option(
    "--gain",
    "gains",
    multiple=True,
    metavar="OUTCOME=TEXT",
    help="What working together adds to an outcome (its label or id), e.g. "
    "'Fewer antisocial incidents=Patrols sent where the data shows trouble' (repeatable).",
)
@click.option(
    "--interactive/--no-interactive",
    default=None,
    help="Ask for what the options leave out. [default: when run in a terminal]",
)
@click.option("--force", is_flag=True, help="Replace FILE if it exists already.")
def new(
    file: str,
    title: str | None,
    area: str | None,
    name: str | None,
    partnership_type: str | None,
    focus: str | None,
    vision: str | None,
    partners: tuple[str, ...],
    lead: str | None,
    ultimate: str | None,
    intermediate: tuple[str, ...],
    interim: tuple[str, ...],
    activities: tuple[str, ...],
    gains: tuple[str, ...],
    interactive: bool | None,
    force: bool,
) -> None:
    """Start a new model file, outcome first: partnership, partners, outcomes, contributions.

    In a terminal it asks for each answer not given as an option: the
    partnership and its partners, then the ultimate outcome, the intermediate
    and interim outcomes leading to it, the activities working back from them,
    and what working together adds to the outcomes joint work leads to.
    Ids are made from the labels (`logicmodel rename` changes them). The
    file checks clean, says in a few comments how the format works, and
    meets the advice it can; the advice left to follow up is named. An
    existing FILE is replaced only with --force; FILE.json writes JSON.

    \b
    Examples:
      logicmodel new our-model.yaml
      logicmodel new safer.yaml --title "Safer streets in Anytown" \\
        --partner council="Anytown Council" --partner police="Anytown Police" \\
        --type strategic --focus "Fewer people harmed by antisocial behaviour" \\
        --ultimate "Anytown is a safer place to live" \\
        --interim "Fewer antisocial incidents" --activity all="Weekly joint tasking" \\
        --gain "Fewer antisocial incidents=Patrols sent where the data shows trouble"
    """
    from logicmodel.editing.build import new as new_model
    from logicmodel.editing.build import parse_partner
    from logicmodel.editing.layer import EditError
    from logicmodel.fileformat.loading import LoadError

    suffix = os.path.splitext(file)[1].lower()
    if suffix not in (".yaml", ".yml", ".json"):
        raise InputError(f"{file}: a model file ends in .yaml, .yml or .json")
    if not force and os.path.lexists(file):
        raise InputError(f"{file}: already exists; use --force to replace it")
    if interactive is None:
        interactive = sys.stdin.isatty()
    answers = {
        "title": title,
        "area": area,
        "name": name,
        "type": partnership_type,
        "focus": focus,
        "vision": vision,
        "lead": lead,
        "ultimate": ultimate,
    }
    pairs: list[tuple[str, str]] = []
    for text in partners:
        pairs.append(parse_partner(text, [i for i, _ in pairs]))
    lists = {"intermediate": list(intermediate), "interim": list(interim)}
    work: list[tuple[str | list[str], str] | str] = list(activities)
    gained: dict[str, str] = {}
    for text in gains:
        outcome, equals, gain = text.partition("=")
        if not equals or not outcome.strip() or not gain.strip():
            raise click.BadParameter(f"{text!r}: write OUTCOME=TEXT", param_hint="--gain")
        gained[outcome.strip()] = gain.strip()
    if interactive:
        given = bool(ultimate or intermediate or interim)
        _ask_new(answers, pairs, lists, work, gained, given_outcomes=given)
    if not answers["title"] or not pairs:
        raise click.UsageError(
            "give --title and at least one --partner ID=NAME (or run in a terminal to be asked)"
        )
    try:
        draft = new_model(
            str(answers["title"]),
            partners=pairs,
            area=answers["area"] or None,
            name=answers["name"] or None,
            type=answers["type"] or None,
            focus=answers["focus"] or None,
            vision=answers["vision"] or None,
            lead=answers["lead"] or None,
            ultimate=answers["ultimate"] or None,
            intermediate=lists["intermediate"],
            interim=lists["interim"],
            activities=work,
            gains=gained,
            fmt="json" if suffix == ".json" else "yaml",
            path=file,
        )
    except EditError as error:
        raise InputError(f"{file}: {error}") from None
    try:
        model = draft.check()
    except LoadError as error:
        _echo_faults(error.errors, f"{file}: not written: the answers do not make a valid model:")
        sys.exit(ExitStatus.USAGE)  # the answers are the command's options, not a file
    _write(file, draft.text.encode("utf-8"), force=force)
    click.echo(f"{file}: new model: {_new_summary(model)}")


def _ask_new(
    answers: dict[str, str | None],
    pairs: list[tuple[str, str]],
    lists: dict[str, list[str]],
    work: list[tuple[str | list[str], str] | str],
    gained: dict[str, str],
    *,
    given_outcomes: bool,
) -> None:
    """Ask, in a terminal, for each answer of `new` the options left out: outcome first."""
    from logicmodel.editing.build import parse_contribution, parse_partner

    def ask(key: str, question: str, default: str | None = None, **kwargs: object) -> None:
        if answers[key] is None:
            answers[key] = click.prompt(
                question, default=default, show_default=bool(default), **kwargs
            )  # type: ignore[call-overload]

    def many(question: str) -> list[str]:
        found: list[str] = []
        while True:
            answer = click.prompt(question, default="", show_default=False).strip()
            if not answer:
                return found
            found.append(answer)

    click.echo("The partnership first.", err=True)
    ask("title", "Title of the model (what the partnership works for)")
    ask("area", "Area it covers (optional)", "")
    ask("name", "Name of the partnership", answers["title"])
    ask("type", "Type", "strategic", type=click.Choice(PARTNERSHIP_TYPES))
    ask("focus", "The partners' agreed focus (optional)", "")
    ask("vision", "Their shared vision (optional)", "")
    if not pairs:
        click.echo(
            "Partners, one at a time: id=Name, or just the name; a blank line ends.", err=True
        )
        while True:
            answer = click.prompt("Partner", default="", show_default=False).strip()
            if not answer:
                if pairs:
                    break
                click.echo("A model needs at least one partner.", err=True)
                continue
            pairs.append(parse_partner(answer, [i for i, _ in pairs]))
    ids = [ident for ident, _ in pairs]
    ask("lead", "Lead partner", ids[0], type=click.Choice(ids))
    if not given_outcomes:
        click.echo(
            "Now the outcomes, from the long term back; a blank line ends each list.", err=True
        )
        ask("ultimate", "Ultimate outcome: the long-term change (optional)", "")
        lists["intermediate"] += many("Intermediate outcome leading to it")
        lists["interim"] += many("Interim (short-term) outcome leading to those")
    if not work:
        click.echo("Then the activities, working back from those outcomes.", err=True)
        while True:
            label = click.prompt("Activity", default="", show_default=False).strip()
            if not label:
                break
            by = click.prompt("By (partner ids joined by ',', or all)", default="all").strip()
            work.append(parse_contribution(f"{by}={label}", ids))
    joint = any(
        not isinstance(item, str) and (item[0] == "all" or isinstance(item[0], list))
        for item in work
    )
    nearest = lists["interim"] or lists["intermediate"] or [answers["ultimate"] or ""]
    if joint and not gained:
        for outcome in filter(None, nearest):
            gain = click.prompt(
                f"What does working together add to {outcome!r}? (its gain; optional)",
                default="",
                show_default=False,
            ).strip()
            if gain:
                gained[outcome] = gain


def _new_summary(model: LogicModel) -> str:
    """Return a new model's counts and the advice left to follow up, in one line."""
    from logicmodel.analysis.advice import advise
    from logicmodel.analysis.tracing import trace as trace_model

    elements = sum(1 for _ in model.elements())
    codes = sorted({finding.code for finding in advise(model, trace_model(model))})
    advice = f"; advice to follow up: {', '.join(codes)}" if codes else "; no advice"
    partners = len(model.partners)
    return (
        f"{partners} partner{'' if partners == 1 else 's'}, "
        f"{elements} element{'' if elements == 1 else 's'}{advice}"
    )


@cli.command()
@click.argument("file", type=click.Path())
@click.argument("stage", type=click.Choice(STAGE_NAMES), metavar="STAGE")
@click.option("--id", "ident", required=True, help="The new element's id.")
@click.option("--label", required=True, help="Its label, as the diagram shows it.")
@click.option(
    "--by",
    multiple=True,
    metavar="PARTNER",
    help="Who makes a contribution: a partner id, several (repeat, or a,b), or all.",
)
@click.option("--leads-to", multiple=True, metavar="ID", help="What it leads to (repeatable).")
@click.option(
    "--enhances", multiple=True, metavar="ID", help="A partner's own work it improves (repeatable)."
)
@click.option("--gain", metavar="TEXT", help="An outcome's collaborative gain.")
@click.option(
    "--after", metavar="ID", help="Put it after this element of the stage. [default: last]"
)
@_edit_options
def add(
    file: str,
    stage: str,
    ident: str,
    label: str,
    by: tuple[str, ...],
    leads_to: tuple[str, ...],
    enhances: tuple[str, ...],
    gain: str | None,
    after: str | None,
    dry_run: bool,
    max_size: int,
) -> None:
    """Add an input, activity, output or outcome to a model file.

    STAGE is inputs, activities, outputs, interim, intermediate or ultimate.
    Written the way the file writes that stage (one line in braces, or a
    key a line), with every comment and blank line of the file kept. The
    result is checked before it is written.

    \b
    Examples:
      logicmodel add model.yaml activities --id patrols --label "Joint patrols" \\
        --by council --by police --leads-to fewer-incidents
      logicmodel add model.yaml interim --id feel-safe --label "Residents feel safe" \\
        --gain "Patrols sent where the data shows trouble" --dry-run
    """
    partners = _ids_option(by)
    _edit(
        file,
        max_size,
        dry_run,
        lambda draft: draft.add(
            stage,
            ident,
            label,
            by=partners or None,
            leads_to=_ids_option(leads_to),
            enhances=_ids_option(enhances),
            gain=gain,
            after=after,
        ),
    )


@cli.command()
@click.argument("file", type=click.Path())
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
@click.option("--enhances", is_flag=True, help="Link with `enhances`, not `leads_to`.")
@_edit_options
def link(file: str, source: str, target: str, enhances: bool, dry_run: bool, max_size: int) -> None:
    """Link one element to another: FROM leads to (or enhances) TO.

    \b
    Examples:
      logicmodel link model.yaml tasking hotspots-covered
      logicmodel link model.yaml tasking patrols --enhances
    """
    _edit(file, max_size, dry_run, lambda draft: draft.link(source, target, enhances=enhances))


@cli.command()
@click.argument("file", type=click.Path())
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
@click.option("--enhances", is_flag=True, help="Remove an `enhances` link, not a `leads_to` one.")
@_edit_options
def unlink(
    file: str, source: str, target: str, enhances: bool, dry_run: bool, max_size: int
) -> None:
    """Remove the link from one element to another.

    \b
    Example:
      logicmodel unlink model.yaml tasking hotspots-covered
    """
    _edit(file, max_size, dry_run, lambda draft: draft.unlink(source, target, enhances=enhances))


@cli.command()
@click.argument("file", type=click.Path())
@click.argument("old")
@click.argument("new_id", metavar="NEW")
@_edit_options
def rename(file: str, old: str, new_id: str, dry_run: bool, max_size: int) -> None:
    """Give an element or a partner a new id, everywhere the id is used.

    An element's id changes in its own `id` and in every `leads_to` and
    `enhances`; a partner's in `partners`, every `by`, `lead`, the
    partnership's lead and the costs' `by`. Only those words change.

    \b
    Examples:
      logicmodel rename model.yaml joint-diagnosis needs-assessment
      logicmodel rename model.yaml partner-a council --dry-run
    """
    _edit(file, max_size, dry_run, lambda draft: draft.rename(old, new_id))


@cli.command()
@click.argument("file", type=click.Path())
@click.argument("ident", metavar="ID")
@click.argument("stage", type=click.Choice(STAGE_NAMES), metavar="STAGE")
@click.option("--after", metavar="ID", help="Put it after this element of STAGE. [default: last]")
@_edit_options
def move(
    file: str, ident: str, stage: str, after: str | None, dry_run: bool, max_size: int
) -> None:
    """Move an element to another stage, or to another place in its own.

    STAGE is inputs, activities, outputs, interim, intermediate or ultimate.
    Its comments go with it. A move after which a link would run backward
    (say, an output that leads to an activity) is refused with the reason.

    \b
    Examples:
      logicmodel move model.yaml visible-presence outputs
      logicmodel move model.yaml tasking activities --after patrols
    """
    _edit(file, max_size, dry_run, lambda draft: draft.move(ident, stage, after=after))


@cli.command()
@click.argument("file", type=click.Path())
@click.argument("ident", metavar="ID")
@click.option(
    "--relink",
    is_flag=True,
    help="Join what leads to it to what it leads to (its `enhances` links in are dropped).",
)
@click.option("--force", is_flag=True, help="Drop the links to it (each is listed).")
@_edit_options
def remove(file: str, ident: str, relink: bool, force: bool, dry_run: bool, max_size: int) -> None:
    """Remove an element, with its own comments.

    Refused while something links to it, unless --relink joins what leads
    to it to what it leads to, or --force drops those links.

    \b
    Examples:
      logicmodel remove model.yaml visible-presence --relink
      logicmodel remove model.yaml tasking --force --dry-run
    """
    if relink and force:
        raise click.UsageError("--relink and --force are two ways of doing it: choose one")
    _edit(file, max_size, dry_run, lambda draft: draft.remove(ident, relink=relink, force=force))


@cli.command(name="set")
@click.argument("file", type=click.Path())
@click.argument("ident", metavar="ID")
@click.argument("field")
@click.argument("value", required=False)
@click.option("--unset", is_flag=True, help="Remove the field (an optional one) instead.")
@_edit_options
def set_field(
    file: str,
    ident: str,
    field: str,
    value: str | None,
    unset: bool,
    dry_run: bool,
    max_size: int,
) -> None:
    """Set a field of an element, a partner, the partnership or the model.

    ID is an element or partner id, `partnership` or `model` (for title,
    area, notes and source). Any scalar field: label, by (a,b or all),
    collaborative, lead, gain, notes, source; a partner's name and short;
    the partnership's name, type, focus, vision and lead. The value keeps
    the quoting or block style it had where that can hold it.

    \b
    Examples:
      logicmodel set model.yaml patrols label "Warden patrols, day and night"
      logicmodel set model.yaml fewer-incidents gain "Patrols go where the data says"
      logicmodel set model.yaml partnership lead police
      logicmodel set model.yaml patrols notes --unset
    """
    if unset == (value is not None):
        raise click.UsageError("give a VALUE, or --unset to remove the field")

    def make(draft: Draft) -> object:
        if unset:
            return draft.unset(ident, field)
        return draft.set(ident, field, value)

    _edit(file, max_size, dry_run, make)


@cli.group(cls=click.Group)
def partner() -> None:
    """Add, rename or remove a partner.

    \b
    Examples:
      logicmodel partner add model.yaml health "Anytown Health Board" --short NHS
      logicmodel partner rename model.yaml health nhs
      logicmodel partner remove model.yaml nhs
    """


@partner.command(name="add")
@click.argument("file", type=click.Path())
@click.argument("ident", metavar="ID")
@click.argument("name")
@click.option("--short", help="A short name for crowded diagrams, e.g. NHS.")
@click.option("--after", metavar="PARTNER", help="Put it after this partner. [default: last]")
@_edit_options
def partner_add(
    file: str,
    ident: str,
    name: str,
    short: str | None,
    after: str | None,
    dry_run: bool,
    max_size: int,
) -> None:
    """Add a partner.

    \b
    Example:
      logicmodel partner add model.yaml health "Anytown Health Board" --short NHS
    """
    _edit(
        file,
        max_size,
        dry_run,
        lambda draft: draft.add_partner(ident, name, short=short, after=after),
    )


@partner.command(name="rename")
@click.argument("file", type=click.Path())
@click.argument("old")
@click.argument("new_id", metavar="NEW")
@_edit_options
def partner_rename(file: str, old: str, new_id: str, dry_run: bool, max_size: int) -> None:
    """Give a partner a new id, in every `by`, `lead` and cost.

    (`logicmodel set FILE ID name TEXT` changes its name.)

    \b
    Example:
      logicmodel partner rename model.yaml health nhs
    """
    _edit(file, max_size, dry_run, lambda draft: draft.rename_partner(old, new_id))


@partner.command(name="remove")
@click.argument("file", type=click.Path())
@click.argument("ident", metavar="ID")
@click.option(
    "--force", is_flag=True, help="Drop it from every `by`, `lead` and cost that names it."
)
@_edit_options
def partner_remove(file: str, ident: str, force: bool, dry_run: bool, max_size: int) -> None:
    """Remove a partner.

    Refused while the model names it, unless --force drops it from each
    `by`, `lead` and cost; a contribution it makes alone must go first.

    \b
    Example:
      logicmodel partner remove model.yaml health --force
    """
    _edit(file, max_size, dry_run, lambda draft: draft.remove_partner(ident, force=force))


def main() -> None:
    """Run the command line; show a traceback only under --debug."""
    cli.main(prog_name="logicmodel")
