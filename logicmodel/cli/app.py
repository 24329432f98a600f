"""The `logicmodel` command group: --debug, exit statuses for every outcome, and the commands
of each group's module."""

from __future__ import annotations

import sys

import click

from logicmodel import __version__
from logicmodel.cli.assess import assess
from logicmodel.cli.check_trace import (
    categories,
    check,
    frameworks,
    rules,
    schema,
    trace,
    whatif,
)
from logicmodel.cli.edit_verbs import add, link, move, partner, remove, rename, set_field, unlink
from logicmodel.cli.measure_compare import compare, diff_models, gain
from logicmodel.cli.measure_verbs import actual, benefit, comparator, cost, indicator, target
from logicmodel.cli.new_import import import_workbook, new, template
from logicmodel.cli.render_export import export, render, report
from logicmodel.cli.serve_edit import edit, serve
from logicmodel.cli.story import story
from logicmodel.status import ExitStatus


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


COMMANDS = (
    check,
    rules,
    categories,
    frameworks,
    schema,
    trace,
    whatif,
    gain,
    render,
    report,
    export,
    import_workbook,
    template,
    new,
    serve,
    edit,
    compare,
    diff_models,
    add,
    link,
    unlink,
    rename,
    move,
    remove,
    set_field,
    partner,
    indicator,
    actual,
    target,
    comparator,
    cost,
    benefit,
    assess,
    story,
)
for command in COMMANDS:
    cli.add_command(command)


def main() -> None:
    """Run the command line; show a traceback only under --debug."""
    cli.main(prog_name="logicmodel")


__all__ = ["COMMANDS", "Commands", "cli", "main"]
