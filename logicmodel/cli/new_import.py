"""Commands that make model files people then edit by hand: new (an interview, outcome
first), template (a workbook to fill in) and import (a workbook or CSV made a model)."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

import click

from logicmodel.cli.shared import (
    InputError,
    echo_faults,
    max_size_option,
    read_check,
    write_file,
)
from logicmodel.status import ExitStatus

if TYPE_CHECKING:
    from logicmodel.editing.interview import Answers
    from logicmodel.models import LogicModel

# models.PartnershipType's values, written out so that --help loads no pydantic (a test compares).
PARTNERSHIP_TYPES = ("informal", "strategic", "statutory", "service-delivery")


@click.command(name="import")
@click.argument("workbook", type=click.Path())
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="The model file to write (.yaml, .yml or .json).",
)
@click.option(
    "--into",
    type=click.Path(dir_okay=False),
    metavar="MODEL",
    help="Merge what changed in the workbook into this model file, keeping its comments.",
)
@click.option(
    "--dry-run", is_flag=True, help="With --into: print the changes as a diff; write nothing."
)
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists already.")
@max_size_option()
def import_workbook(
    workbook: str, output: str | None, into: str | None, dry_run: bool, force: bool, max_size: int
) -> None:
    """Make a model file from a filled-in workbook (see `logicmodel template`) or an
    elements CSV (such as `export --format csv` writes), or merge a workbook's
    changes into the model it was exported from (--into).

    Faults name the sheet, cell and problem, e.g.
    Elements!D14: unknown partner 'polce' in 'by' (did you mean 'police'?).
    Nothing is written unless the whole workbook is a valid model, and an
    existing OUTPUT is replaced only with --force.

    With --into, only what was changed in the workbook since it was exported
    is applied to MODEL, through the same edits as `set`, `add` and `link`:
    its comments, order, quoting and styles stay. If MODEL changed since the
    export, its changes are kept; where both changed the same thing, nothing
    is written and each clash is listed with its cell and its line.

    \b
    Examples:
      logicmodel template -o our-model.xlsx
      logicmodel import our-model.xlsx -o our-model.yaml
      logicmodel export our-model.yaml --format xlsx -o draft.xlsx
      logicmodel import draft.xlsx --into our-model.yaml --dry-run
    """
    from logicmodel.fileformat.importing import WorkbookError, load_workbook_located
    from logicmodel.fileformat.loading import dump_yaml

    if (output is None) == (into is None):
        raise click.UsageError("give -o OUTPUT for a new model file, or --into MODEL to merge")
    if dry_run and into is None:
        raise click.UsageError("--dry-run goes with --into")
    suffix = _model_format(output or str(into))
    read_check(workbook, max_size)
    try:
        model, cells, base = load_workbook_located(workbook, max_size)
    except WorkbookError as error:
        echo_faults(error.errors)
        sys.exit(ExitStatus.INVALID)
    if into is not None:
        if base is None:
            raise InputError(
                f"{workbook}: records no model it was exported from (a template, a CSV, or a "
                "workbook made by hand), so its changes cannot be told apart from the file's: "
                "import it with -o as a new model file"
            )
        _merge_into(into, model, cells, base, dry_run=dry_run, max_size=max_size)
        return
    assert output is not None
    if suffix == "json":
        text = model.model_dump_json(by_alias=True, exclude_defaults=True, indent=2) + "\n"
    else:
        text = dump_yaml(model)
    write_file(output, text.encode("utf-8"), (workbook,), force=force)
    click.echo(output)


def _merge_into(
    into: str,
    model: LogicModel,
    cells: dict[tuple[Any, ...], str],
    base: dict[str, Any] | None,
    *,
    dry_run: bool,
    max_size: int,
) -> None:
    """Merge a workbook's model into a model file (or print the diff), under the file's lock."""
    from logicmodel.editing.layer import EditError, locked
    from logicmodel.editing.merging import MergeConflict, merge_workbook
    from logicmodel.editing.records import RecordDraft
    from logicmodel.fileformat.loading import LoadError

    read_check(into, max_size)
    try:
        with locked(into):
            draft = RecordDraft.open_file(into, max_bytes=max_size)
            merge_workbook(draft, model, cells, base)
            if dry_run:
                draft.check()
                click.echo(draft.diff(), nl=False)
                return
            draft.save()
    except MergeConflict as error:
        click.echo(
            f"{into}: not merged: the workbook and the file changed the same things:", err=True
        )
        for line in error.conflicts:
            click.echo(f"  {line}", err=True)
        # Refused as every edit is refused when the file changed under it: it cannot be done
        # as asked until a person settles each clash.
        sys.exit(ExitStatus.USAGE)
    except LoadError as error:
        echo_faults(error.errors)
        sys.exit(ExitStatus.INVALID)
    except EditError as error:
        raise InputError(str(error)) from None
    except OSError as error:
        raise InputError(f"{into}: cannot write: {error.strerror or error}") from None
    count = len(draft.changes)
    if not count:
        click.echo(f"{into}: nothing to merge: the workbook has no change")
        return
    for change in draft.changes:
        click.echo(f"  {change}")
    click.echo(f"{into}: merged {count} change{'' if count == 1 else 's'} from the workbook")


@click.command()
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
    write_file(output, generate_template(), force=force)
    click.echo(output)


@click.command()
@click.argument("file", type=click.Path())
@click.option("--title", help="The model's title: what the partnership works for.")
@click.option("--area", help="The area it covers, e.g. Anytown.")
@click.option("--name", help="The partnership's name. [default: the title]")
@click.option(
    "--type",
    "partnership_type",
    type=click.Choice(PARTNERSHIP_TYPES, case_sensitive=False),
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
    "--output",
    "outputs",
    multiple=True,
    metavar="BY=TEXT",
    help="An output, as --activity takes one, leading to the nearest outcomes (repeatable).",
)
@click.option(
    "--link",
    "links",
    multiple=True,
    metavar="SOURCE=TARGET",
    help="What an activity or output leads to (labels or ids), instead of every nearest "
    "outcome, e.g. 'Weekly joint tasking=Fewer antisocial incidents' (repeatable).",
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
def new(file: str, interactive: bool | None, force: bool, **given: Any) -> None:
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
    from logicmodel.editing.interview import interview
    from logicmodel.fileformat.files import OutputRefused, refuse_existing

    fmt = _model_format(file)
    try:
        if not force:
            refuse_existing(file)  # before any question: answers must never be wasted
    except OutputRefused as error:
        raise InputError(str(error)) from None
    answers = _given_answers(**given)
    asking = sys.stdin.isatty() if interactive is None else interactive
    if asking:
        interview(answers, _prompt, lambda text: click.echo(text, err=True))
    if not answers.complete:
        raise click.UsageError(
            "give --title and at least one --partner ID=NAME (or run in a terminal to be asked)"
        )
    _write_new(file, answers, fmt, force, asked=asking)


def _given_answers(
    partners: tuple[str, ...],
    partnership_type: str | None,
    intermediate: tuple[str, ...],
    interim: tuple[str, ...],
    activities: tuple[str, ...],
    outputs: tuple[str, ...],
    links: tuple[str, ...],
    gains: tuple[str, ...],
    **texts: str | None,
) -> Answers:
    """Return the answers `new`'s options give; a --gain not OUTCOME=TEXT is a usage error."""
    from logicmodel.editing.interview import Answers
    from logicmodel.editing.layer import EditError

    answers = Answers(
        type=partnership_type and partnership_type.casefold(),
        intermediate=list(intermediate),
        interim=list(interim),
        activities=list(activities),
        outputs=list(outputs),
    )
    for key, text in texts.items():  # title, area, name, focus, vision, lead, ultimate
        setattr(answers, key, text)
    answers.add_partners(partners)
    for option, add, texts_given in (
        ("--gain", answers.add_gains, gains),
        ("--link", answers.add_links, links),
    ):
        try:
            add(texts_given)
        except EditError as error:
            raise click.BadParameter(str(error), param_hint=option) from None
    return answers


def _model_format(path: str) -> str:
    """Return 'yaml' or 'json' from a model file's ending, or refuse any other."""
    suffix = os.path.splitext(path)[1].lower()
    if suffix not in (".yaml", ".yml", ".json"):
        raise InputError(f"{path}: a model file ends in .yaml, .yml or .json")
    return "json" if suffix == ".json" else "yaml"


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


def _prompt(question: str, default: str) -> str:
    """Return the answer to one question of the interview, asked in the terminal."""
    return str(click.prompt(question, default=default, show_default=bool(default)))


def _write_new(file: str, answers: Answers, fmt: str, force: bool, *, asked: bool) -> None:
    """Write the model the answers make and say what it holds; or say why not, and (after an
    interview) the command that gives the same answers again, so that none is lost."""
    from logicmodel.editing.layer import EditError
    from logicmodel.fileformat.loading import LoadError

    again = f"your answers, to run again: {answers.as_command(file)}" if asked else ""
    try:
        draft = answers.draft(fmt, file)
        model = draft.check()
    except EditError as error:
        raise InputError(f"{file}: {error}" + (f"\n{again}" if again else "")) from None
    except LoadError as error:
        echo_faults(error.errors, f"{file}: not written: the answers do not make a valid model:")
        if again:
            click.echo(again, err=True)
        sys.exit(ExitStatus.USAGE)  # the answers are the command's options, not a file
    write_file(file, draft.text.encode("utf-8"), force=force)
    click.echo(f"{file}: new model: {_new_summary(model)}")


__all__ = ["import_workbook", "new", "template"]
