"""The `logicmodel` command line: parses options and delegates to the library."""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import click

from logicmodel import __version__
from logicmodel.renderers import EXPORTS, VIEWS
from logicmodel.renderers.themes import THEMES
from logicmodel.reports import REPORT_FORMATS, TEXT
from logicmodel.status import ExitStatus

if TYPE_CHECKING:
    from logicmodel.io import LoadError
    from logicmodel.models import LogicModel

T = TypeVar("T")

SIZE_HELP = "Refuse files larger than this before reading them, e.g. 64M or 500K. [default: 64M]"


def _size(ctx: click.Context, param: click.Parameter, value: str) -> int:
    """Return a --max-size value in bytes."""
    from logicmodel.io import parse_size

    try:
        return parse_size(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


class InputError(click.ClickException):
    """A one-line error about what the user asked for, printed as it is worded."""

    exit_code = ExitStatus.USAGE

    def show(self, file: object = None) -> None:
        click.echo(self.format_message(), err=True)


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
            sys.exit(130)
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
    from logicmodel.advice import verify_codes

    codes = [code.strip() for item in value for code in item.split(",") if code.strip()]
    try:
        return verify_codes(codes)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=True))
@click.option(
    "--format",
    "output_format",
    type=FormatChoice([TEXT, "json"]),
    default=TEXT,
    show_default=True,
    help="text for people, json for tools.",
)
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
    from logicmodel import checks

    if explain is not None:
        from logicmodel.advice import RULES, verify_codes

        try:
            (code,) = verify_codes([explain])
        except ValueError as error:
            raise InputError(str(error)) from None
        if output_format == "json":
            (rule,) = (r for r in checks.rules_as_dicts() if r["code"] == code)
            click.echo(json.dumps(rule, indent=2, ensure_ascii=False))
        else:
            click.echo(RULES[code].explain(), nl=False)
        return
    if not files:
        raise click.UsageError("give one or more model files (or --explain CODE)")
    reports = [
        checks.check_file(path, max_bytes=max_size, select=select or None, ignore=ignore)
        for path in files
    ]
    formatter = checks.format_json if output_format == "json" else checks.format_text
    click.echo(formatter(reports))
    sys.exit(checks.exit_status(reports, strict))


@cli.command()
@click.option(
    "--format",
    "output_format",
    type=FormatChoice([TEXT, "json"]),
    default=TEXT,
    show_default=True,
    help="text for people, json for tools (with each rule's principle and source).",
)
def rules(output_format: str) -> None:
    """List the advice rules that `logicmodel check` applies.

    \b
    Examples:
      logicmodel rules
      logicmodel rules --format json
      logicmodel check --explain LM114
    """
    from logicmodel.checks import format_rules, rules_as_dicts

    if output_format == "json":
        click.echo(json.dumps(rules_as_dicts(), indent=2, ensure_ascii=False))
    else:
        click.echo(format_rules())


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
      logicmodel schema -o logicmodel.schema.json
    Then point your editor at it, e.g. with this first line in a model file:
      # yaml-language-server: $schema=logicmodel.schema.json
    """
    from logicmodel.schema import generate_schema

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
    from logicmodel.files import (
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


def _load_status(error: LoadError) -> ExitStatus:
    """Return the exit status for a file that did not load: unreadable, or not a valid model."""
    if all(fault.about_file for fault in error.errors):
        return ExitStatus.UNREADABLE
    return ExitStatus.INVALID


def _try_load(path: str, max_size: int) -> LogicModel | ExitStatus:
    """Return the model in a file, or print its faults and return the exit status they give."""
    from logicmodel.io import LoadError, load

    try:
        return load(path, max_bytes=max_size)
    except LoadError as error:
        for fault in error.errors:
            click.echo(str(fault), err=True)
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
    from logicmodel.reports import render_trace, render_traces
    from logicmodel.tracing import Trace
    from logicmodel.tracing import trace as trace_model
    from logicmodel.validate import did_you_mean

    if outcome is not None and len(files) > 1:
        raise click.UsageError("--outcome shows one outcome of one model: give one file")

    def trace_one(model: LogicModel, path: str) -> Trace:
        result = trace_model(model)
        if outcome is not None and outcome not in result.outcomes:
            hint = did_you_mean(outcome, result.outcomes)
            raise InputError(f"{path}: no outcome {outcome!r}{hint}")
        return result

    traces, status = _each_model(files, max_size, "Tracing", trace_one)
    width = shutil.get_terminal_size().columns
    if outcome is not None and traces:
        click.echo(render_trace(traces[0][1], output_format, outcome, width), nl=False)
    elif traces:
        click.echo(render_traces(_named(traces, files), output_format, width), nl=False)
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
@_format_option()
@click.option("--max-size", default="64M", callback=_size, help=SIZE_HELP)
def whatif(
    files: tuple[str, ...],
    leaving: tuple[str, ...],
    without_collaboration: bool,
    output_format: str,
    max_size: int,
) -> None:
    """Show which outcomes lose their gain or all support if partners leave.

    A leaving partner's own contributions go; a joint contribution carries on with
    the partners left (with one left it becomes single-agency; with none it goes).
    Several files give one table (or CSV, JSON) with the model named on each row.

    \b
    Examples:
      logicmodel whatif samples/figure1.yaml --without partner-b
      logicmodel whatif samples/figure1.yaml --without-collaboration --format markdown
      logicmodel whatif samples/*.yaml --without-collaboration --format csv
    """
    from logicmodel.reports import render_whatifs
    from logicmodel.tracing import WhatIf
    from logicmodel.tracing import whatif as whatif_model
    from logicmodel.validate import did_you_mean

    if not leaving and not without_collaboration:
        raise click.UsageError("say what changes: --without PARTNER or --without-collaboration")

    def whatif_one(model: LogicModel, path: str) -> WhatIf:
        partners = model.partner_ids()
        for partner in leaving:
            if partner not in partners:
                hint = did_you_mean(partner, partners) or f" (partners: {', '.join(partners)})"
                raise InputError(f"{path}: no partner {partner!r}{hint}")
        return whatif_model(model, leaving, without_collaboration=without_collaboration)

    results, status = _each_model(files, max_size, "Asking what if", whatif_one)
    width = shutil.get_terminal_size().columns
    if results:
        click.echo(render_whatifs(_named(results, files), output_format, width), nl=False)
    sys.exit(status)


def _named(results: list[tuple[str, T]], files: tuple[str, ...]) -> list[tuple[str, T]]:
    """Return results named by their files when there are several, unnamed for one."""
    return results if len(files) > 1 else [("", result) for _, result in results]


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option(
    "--view",
    type=click.Choice(VIEWS),
    default="figure1",
    show_default=True,
    help="figure1: the red/green diagram of the report; graph: every element and link.",
)
@click.option(
    "--theme",
    type=click.Choice(sorted(THEMES)),
    default="classic",
    show_default=True,
    help="classic (red and green), colourblind, print (greyscale) or projector (16:9, large type).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Output file (.png, .svg or .pdf); only with one input. [default: FILE with --format]",
)
@click.option(
    "--format",
    "image_format",
    type=click.Choice(["png", "svg", "pdf"]),
    default="png",
    show_default=True,
    help="Image format when no -o is given.",
)
@click.option(
    "--dpi",
    type=click.IntRange(30, 1200),
    default=150,
    show_default=True,
    help="Resolution of PNG output, in dots per inch.",
)
@click.option(
    "--clusters", is_flag=True, help="Graph view: box each partner's own contributions together."
)
@click.option(
    "--trace",
    "trace_outcome",
    metavar="OUTCOME",
    help="Graph view: light up what feeds OUTCOME, mark its critical elements, fade the rest.",
)
@click.option(
    "--partner",
    metavar="ID",
    help="Graph view: show only this partner's contributions and what they feed.",
)
@click.option("--max-size", default="64M", callback=_size, help=SIZE_HELP)
def render(
    files: tuple[str, ...],
    view: str,
    theme: str,
    output: str | None,
    image_format: str,
    dpi: int,
    clusters: bool,
    trace_outcome: str | None,
    partner: str | None,
    max_size: int,
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
      logicmodel render samples/figure1.yaml --view graph --trace trust -o trust.svg
      logicmodel render samples/figure1.yaml --view graph --clusters -o model.dot
    """
    from logicmodel.renderers import generate, output_path, verify_suffix
    from logicmodel.tracing import trace as trace_model

    view_options: dict[str, object] = {}
    if view == "graph":
        view_options = {"clusters": clusters, "trace_outcome": trace_outcome, "partner": partner}
        _require_dot(output or "out." + image_format)
    elif clusters or trace_outcome or partner:
        raise click.UsageError("--clusters, --trace and --partner go with --view graph")
    if output and len(files) > 1:
        raise click.UsageError("-o names one output file: give one input, or leave -o out")
    try:
        verify_suffix(output or "out." + image_format, view)
    except ValueError as error:
        raise InputError(str(error)) from None

    def draw_one(model: LogicModel, path: str) -> str:
        problem = _focus_problem(model, trace_outcome, partner)
        if problem:
            raise InputError(f"{path}: {problem}")
        target = output or str(output_path(path, "." + image_format))
        made = generate(
            model, trace_model(model), target, view=view, theme=theme, dpi=dpi, **view_options
        )
        assert isinstance(made, bytes)  # pictures are one file
        _write(target, made, files)
        return target

    _report_written(*_each_model(files, max_size, "Drawing", draw_one))


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option(
    "--format",
    "export_format",
    type=click.Choice(EXPORTS),
    required=True,
    help="graphml or gexf (Gephi, yEd, Cytoscape), json (node-link), dot, mermaid, "
    "csv (a zip of elements, links and trace, or a folder), xlsx (a workbook for planners).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    help="Output file (or folder for csv); only with one input. [default: FILE with the "
    "format's suffix; FILE.graph.json for json]",
)
@click.option("--max-size", default="64M", callback=_size, help=SIZE_HELP)
def export(files: tuple[str, ...], export_format: str, output: str | None, max_size: int) -> None:
    """Export models for other tools: every element and link with its trace.

    Each element carries id, label, stage, partners, collaborative, trace class,
    collaborative share and whether it depends on collaboration; each link its
    kind (leads_to or enhances). An export may replace an earlier export of the
    same name, never an input, a model or a workbook someone filled in.

    \b
    Examples:
      logicmodel export samples/figure1.yaml --format graphml
      logicmodel export samples/*.yaml --format xlsx
      logicmodel export samples/figure1.yaml --format csv -o figure1-tables/
    """
    from logicmodel.renderers import default_output, generate, verify_suffix
    from logicmodel.tracing import trace as trace_model

    if output and len(files) > 1:
        raise click.UsageError("-o names one output: give one input, or leave -o out")
    if output:
        try:
            verify_suffix(output.rstrip("/"), export_format)
        except ValueError as error:
            raise InputError(str(error)) from None

    def export_one(model: LogicModel, path: str) -> str:
        target = output or str(default_output(path, export_format))
        folder = target.rstrip("/") or target
        made = generate(model, trace_model(model), folder, view=export_format)
        if isinstance(made, bytes):
            _write(folder, made, files)
            return target
        try:
            os.makedirs(folder, exist_ok=True)
        except OSError as error:
            raise Unreadable(f"{folder}: cannot make the folder: {error.strerror}") from None
        for name, data in made.items():
            _write(os.path.join(folder, name), data, files)
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
    """Make a model file from a filled-in workbook (see `logicmodel template`).

    Faults name the sheet, cell and problem, e.g.
    Elements!D14: unknown partner 'polce' in 'by' (did you mean 'police'?).
    Nothing is written unless the whole workbook is a valid model, and an
    existing OUTPUT is replaced only with --force.

    \b
    Example:
      logicmodel template -o our-model.xlsx
      logicmodel import our-model.xlsx -o our-model.yaml
    """
    from logicmodel.io import dump_yaml
    from logicmodel.renderers.xlsx import WorkbookError, load_workbook_model

    suffix = os.path.splitext(output)[1].lower()
    if suffix not in (".yaml", ".yml", ".json"):
        raise InputError(f"{output}: a model file ends in .yaml, .yml or .json")
    _read_check(workbook, max_size)
    try:
        model = load_workbook_model(workbook)
    except WorkbookError as error:
        for line in error.errors:
            click.echo(line, err=True)
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
                click.echo(error.format_message(), err=True)
                status = max(status, ExitStatus(error.exit_code))
    return made, status


def _report_written(written: list[tuple[str, str]], status: ExitStatus) -> None:
    """Print each output written, then exit with the status."""
    for _, target in written:
        click.echo(target)
    sys.exit(status)


def _require_dot(target: str) -> None:
    """Exit with how to install Graphviz when the graph view needs `dot` and it is missing."""
    from logicmodel.renderers.graph import GraphvizMissing, dot_program

    if target.lower().endswith(".dot"):
        return  # writing DOT text needs no program
    try:
        dot_program()
    except GraphvizMissing as error:
        raise Unreadable(str(error)) from None


def _focus_problem(model: LogicModel, outcome: str | None, partner: str | None) -> str:
    """Return why --trace or --partner names nothing in this model, or ''."""
    from logicmodel.validate import did_you_mean

    outcomes = [e.id for stage, e in model.elements() if stage.is_outcome]
    if outcome is not None and outcome not in outcomes:
        return f"no outcome {outcome!r} for --trace{did_you_mean(outcome, outcomes)}"
    partners = model.partner_ids()
    if partner is not None and partner not in partners:
        return f"no partner {partner!r} for --partner{did_you_mean(partner, partners)}"
    return ""


def main() -> None:
    """Run the command line; show a traceback only under --debug."""
    cli.main(prog_name="logicmodel")
