"""The editing verbs: add, link, unlink, rename, move, remove, set and partner add/rename/remove,
each one checked, comment-keeping edit of a model file through the editing layer."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from contextlib import nullcontext
from typing import TYPE_CHECKING

import click

from logicmodel.cli.shared import InputError, Unreadable, echo_faults, load_status, max_size_option
from logicmodel.status import ExitStatus

if TYPE_CHECKING:
    from logicmodel.editing.layer import Draft

STAGE_NAMES = ("inputs", "activities", "outputs", "interim", "intermediate", "ultimate")
DRY_RUN_HELP = "Print the change as a diff instead of writing it."


def ids_option(values: tuple[str, ...]) -> list[str]:
    """Return ids from repeated or comma-separated options."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def edit_options(command: Callable[..., None]) -> Callable[..., None]:
    """Add --dry-run and --max-size to an editing command."""
    command = max_size_option()(command)
    return click.option("--dry-run", is_flag=True, help=DRY_RUN_HELP)(command)


def edit_file(path: str, max_size: int, dry_run: bool, make: Callable[[Draft], object]) -> None:
    """Open a model file, make one edit, then write it (or print the diff) and say what changed.

    The file is read, edited and written under its lock, so an edit run while another writer
    is at work is made to the file as that one left it. Exit status 2 when the file, or the
    edited model, is not valid (the file is left as it was); 4 when the edit cannot be done as
    asked, or another writer kept the lock past the timeout.
    """
    from logicmodel.editing.layer import EditError, locked

    try:
        # A missing file, a folder or a pipe gets the loader's words; no lock file for those.
        with locked(path) if os.path.isfile(path) and not dry_run else nullcontext():
            draft = _made(path, max_size, dry_run, make)
    except EditError as error:
        raise InputError(str(error)) from None
    except OSError as error:
        raise Unreadable(f"{path}: cannot write: {error.strerror or error}") from None
    if draft is not None:
        click.echo(f"{path}: {draft.changes[-1]}")


def _made(path: str, max_size: int, dry_run: bool, make: Callable[[Draft], object]) -> Draft | None:
    """Return the draft with the edit made and saved, or None when only its diff was printed;
    exit with the loader's faults when the file, or the edited model, is not valid."""
    from logicmodel.editing.layer import Draft
    from logicmodel.fileformat.loading import LoadError

    try:
        draft = Draft.open(path, max_bytes=max_size)
    except LoadError as error:
        status = load_status(error)
        heading = (
            f"{path}: not changed: editing commands work on a valid model, and this one "
            "is not valid yet; fix these by hand first:"
        )
        echo_faults(error.errors, heading if status == ExitStatus.INVALID else "")
        sys.exit(status)
    try:
        make(draft)
        if dry_run:
            draft.check()
            click.echo(draft.diff(), nl=False)
            return None
        draft.save()
    except LoadError as error:
        echo_faults(
            error.errors,
            f"{path}: not changed: the edit would make it an invalid model "
            "(lines as they would be after the edit):",
        )
        sys.exit(ExitStatus.INVALID)
    return draft


@click.command()
@click.argument("file", type=click.Path())
@click.argument("stage", type=click.Choice(STAGE_NAMES), metavar="STAGE")
@click.option(
    "--id",
    "ident",
    help="The new element's id. [default: made from the label, as `new` makes ids]",
)
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
@edit_options
def add(
    file: str,
    stage: str,
    ident: str | None,
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
      logicmodel add model.yaml outputs --label "Patrol hours" --by council
    """
    from logicmodel.editing.build import slug

    partners = ids_option(by)
    edit_file(
        file,
        max_size,
        dry_run,
        lambda draft: draft.add(
            stage,
            ident or slug(label, [*draft.element_ids(), *draft.partner_ids()]),
            label,
            by=partners or None,
            leads_to=ids_option(leads_to),
            enhances=ids_option(enhances),
            gain=gain,
            after=after,
        ),
    )


def _choice(field: str) -> click.Choice[str]:
    """Return the choices of a link fact, from the format's one list of them."""
    from logicmodel.models.links import LINK_CHOICES

    return click.Choice(LINK_CHOICES[field])


@click.command()
@click.argument("file", type=click.Path())
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
@click.option("--enhances", is_flag=True, help="Link with `enhances`, not `leads_to`.")
@click.option("--because", metavar="TEXT", help="The mechanism: why FROM leads to TO.")
@click.option(
    "--assumption", "assumptions", multiple=True, metavar="TEXT", help="What must hold (repeat)."
)
@click.option(
    "--external-factor",
    "external_factors",
    multiple=True,
    metavar="TEXT",
    help="Something else that could explain the change (repeat).",
)
@click.option("--evidence", type=_choice("level"), help="How far the link is established.")
@click.option("--stance", type=_choice("stance"), help="What the evidence says of the link.")
@click.option("--source", "evidence_source", metavar="TEXT", help="Where the evidence is.")
@click.option("--confidence", type=_choice("confidence"), help="How sure the partnership is.")
@click.option(
    "--channel", type=_choice("channel"), help="How joint work enhances (enhances links only)."
)
@click.option("--against", is_flag=True, help="The link works against TO (a negative effect).")
@edit_options
def link(
    file: str,
    source: str,
    target: str,
    enhances: bool,
    against: bool,
    dry_run: bool,
    max_size: int,
    **facts: str | tuple[str, ...] | None,
) -> None:
    """Link one element to another: FROM leads to (or enhances) TO.

    The options say what the link rests on; given for a link that exists,
    they are set on it (lists given replace the lists it had).

    \b
    Examples:
      logicmodel link model.yaml tasking hotspots-covered
      logicmodel link model.yaml tasking patrols --enhances --channel additional-intelligence
      logicmodel link model.yaml tasking hotspots-covered --because "Patrols go where the
        data shows trouble" --evidence reported --source "Annual report p. 4"
      logicmodel link model.yaml price-rise drinking --against
    """
    stated = {k: (list(v) if isinstance(v, tuple) else v) for k, v in facts.items() if v}
    if against:
        stated["effect"] = "negative"
    edit_file(
        file,
        max_size,
        dry_run,
        lambda draft: draft.link(source, target, enhances=enhances, **stated),
    )


@click.command()
@click.argument("file", type=click.Path())
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
@click.option("--enhances", is_flag=True, help="Remove an `enhances` link, not a `leads_to` one.")
@edit_options
def unlink(
    file: str, source: str, target: str, enhances: bool, dry_run: bool, max_size: int
) -> None:
    """Remove the link from one element to another.

    \b
    Example:
      logicmodel unlink model.yaml tasking hotspots-covered
    """
    edit_file(
        file, max_size, dry_run, lambda draft: draft.unlink(source, target, enhances=enhances)
    )


@click.command()
@click.argument("file", type=click.Path())
@click.argument("old")
@click.argument("new_id", metavar="NEW")
@edit_options
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
    edit_file(file, max_size, dry_run, lambda draft: draft.rename(old, new_id))


@click.command()
@click.argument("file", type=click.Path())
@click.argument("ident", metavar="ID")
@click.argument("stage", type=click.Choice(STAGE_NAMES), metavar="STAGE")
@click.option("--after", metavar="ID", help="Put it after this element of STAGE. [default: last]")
@edit_options
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
    edit_file(file, max_size, dry_run, lambda draft: draft.move(ident, stage, after=after))


@click.command()
@click.argument("file", type=click.Path())
@click.argument("ident", metavar="ID")
@click.option(
    "--relink",
    is_flag=True,
    help="Join what leads to it to what it leads to (its `enhances` links in are dropped).",
)
@click.option("--force", is_flag=True, help="Drop the links to it (each is listed).")
@edit_options
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
    edit_file(
        file, max_size, dry_run, lambda draft: draft.remove(ident, relink=relink, force=force)
    )


@click.command(name="set")
@click.argument("file", type=click.Path())
@click.argument("ident", metavar="ID")
@click.argument("field")
@click.argument("value", required=False)
@click.option("--unset", is_flag=True, help="Remove the field (an optional one) instead.")
@edit_options
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

    edit_file(file, max_size, dry_run, make)


@click.group(cls=click.Group)
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
@edit_options
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
    edit_file(
        file,
        max_size,
        dry_run,
        lambda draft: draft.add_partner(ident, name, short=short, after=after),
    )


@partner.command(name="rename")
@click.argument("file", type=click.Path())
@click.argument("old")
@click.argument("new_id", metavar="NEW")
@edit_options
def partner_rename(file: str, old: str, new_id: str, dry_run: bool, max_size: int) -> None:
    """Give a partner a new id, in every `by`, `lead` and cost.

    (`logicmodel set FILE ID name TEXT` changes its name.)

    \b
    Example:
      logicmodel partner rename model.yaml health nhs
    """
    edit_file(file, max_size, dry_run, lambda draft: draft.rename_partner(old, new_id))


@partner.command(name="remove")
@click.argument("file", type=click.Path())
@click.argument("ident", metavar="ID")
@click.option(
    "--force", is_flag=True, help="Drop it from every `by`, `lead` and cost that names it."
)
@edit_options
def partner_remove(file: str, ident: str, force: bool, dry_run: bool, max_size: int) -> None:
    """Remove a partner.

    Refused while the model names it, unless --force drops it from each
    `by`, `lead` and cost; a contribution it makes alone must go first.

    \b
    Example:
      logicmodel partner remove model.yaml health --force
    """
    edit_file(file, max_size, dry_run, lambda draft: draft.remove_partner(ident, force=force))


__all__ = [
    "DRY_RUN_HELP",
    "STAGE_NAMES",
    "add",
    "edit_file",
    "edit_options",
    "ids_option",
    "link",
    "move",
    "partner",
    "remove",
    "rename",
    "set_field",
    "unlink",
]
