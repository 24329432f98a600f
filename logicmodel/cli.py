"""The `logicmodel` command line: parses options and delegates to the library."""

from __future__ import annotations

import sys

import click

from logicmodel import __version__

SIZE_HELP = "Refuse files larger than this before reading them, e.g. 64M or 500K. [default: 64M]"


def _size(ctx: click.Context, param: click.Parameter, value: str) -> int:
    """Return a --max-size value in bytes."""
    from logicmodel.io import parse_size

    try:
        return parse_size(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="logicmodel")
@click.option("--debug", is_flag=True, help="Show a traceback when something goes wrong inside.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Check, trace, draw and measure a partnership's outcome logic model.

    A logic model is a YAML (or JSON) file: partners, their inputs, activities and
    outputs, single-agency or collaborative, and the interim, intermediate and ultimate
    outcomes they lead to.

    \b
    Example:
      logicmodel check samples/figure1.yaml
    """
    ctx.obj = {"debug": debug}


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people, json for tools.",
)
@click.option("--max-size", default="64M", callback=_size, help=SIZE_HELP)
def check(files: tuple[str, ...], output_format: str, max_size: int) -> None:
    """Check model files and report every fault as FILE:LINE:COL: MESSAGE.

    Prints one summary line for each valid file. Exit status: 0 when every file is
    a valid model, 1 when a valid model has error-level findings, 2 when a file is
    not a valid model.

    \b
    Examples:
      logicmodel check samples/figure1.yaml
      logicmodel check --format json samples/*.yaml
    """
    from logicmodel import checks

    reports = [checks.check_file(path, max_bytes=max_size) for path in files]
    formatter = checks.format_json if output_format == "json" else checks.format_text
    click.echo(formatter(reports))
    sys.exit(checks.exit_status(reports))


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
    from logicmodel.files import write_text_atomically
    from logicmodel.schema import generate_schema

    text = generate_schema()
    if output:
        write_text_atomically(output, text)
    else:
        click.echo(text, nl=False)


def main() -> None:
    """Run the command line; show a traceback only under --debug."""
    debug = "--debug" in sys.argv[1:]
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
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
        sys.exit(3)
