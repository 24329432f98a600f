"""The measuring verbs: indicator add/set/remove, actual, target, and cost and benefit
add/set/remove, each a checked, comment-keeping edit of a model file through the editing layer.

The options of `indicator add`, `cost add` and `benefit add` come from the fields of the file
format (`logicmodel.models.vocabulary.entry_fields`), so a field added to the format is an
option here without a change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from logicmodel.cli.edit_verbs import edit_file, edit_options
from logicmodel.models import BenchmarkRule, Benefit, Cost, Indicator
from logicmodel.models.vocabulary import Value, entry_fields, fields_of, nested

if TYPE_CHECKING:
    from pydantic import BaseModel

    from logicmodel.editing.layer import Draft

INDICATOR_HELP = "Which of the element's indicators: its name or number (needed if it has several)."
PERIOD_VALUE = "PERIOD=VALUE"


def _flag(field: str) -> str:
    """Return the option for a field: `--target-alone`, `--comparator` for a comparator's name."""
    return "--" + field.removesuffix(".name").replace(".", "-").replace("_", "-")


def _help(cls: type[BaseModel], field: str) -> str:
    """Return an option's help: the field's own description, else its name in words."""
    holder, _, sub = field.rpartition(".")
    owner = cls
    if holder:
        inner = nested(fields_of(cls)[holder][0])
        assert inner is not None
        owner = inner
    info, meta = fields_of(owner)[sub]
    words = info.description or f"Its {sub.replace('_', ' ')}."
    if holder:
        words = f"The {holder}'s {sub}: " + words[0].lower() + words[1:]
    if meta.value is Value.AMOUNT:
        words += " A range is written low..high."
    return words


def entry_options(cls: type[BaseModel], first: str) -> Callable[[Any], Any]:
    """Return a decorator adding an option for each field of an entry but `first` (an
    argument of the command), named and explained from the format's vocabulary."""

    def decorate(command: Any) -> Any:
        for field in reversed(entry_fields(cls)):
            if field != first:
                name = field.replace(".", "__")
                option = click.option(_flag(field), name, help=_help(cls, field), metavar="VALUE")
                command = option(command)
        return command

    return decorate


def _fields(given: dict[str, Any]) -> dict[str, Any]:
    """Return the options given as the format's fields (`comparator__name` as `comparator`)."""
    fields: dict[str, Any] = {}
    for name, value in given.items():
        if value is None:
            continue
        holder, _, sub = name.partition("__")
        if sub:
            fields.setdefault(holder, {})[sub] = value
        else:
            fields[name] = value
    return fields


def _by_period(values: tuple[str, ...]) -> dict[str, str]:
    """Return PERIOD=VALUE options as {period: value}."""
    found: dict[str, str] = {}
    for value in values:
        period, equals, number = value.partition("=")
        if not equals or not period.strip() or not number.strip():
            raise click.UsageError(
                f"{value!r}: write a value by period as PERIOD=VALUE, e.g. 2005=460"
            )
        found[period.strip()] = number.strip()
    return found


# ---------------------------------------------------------------- indicators


@click.group()
def indicator() -> None:
    """Add, change or remove an element's indicator.

    \b
    Examples:
      logicmodel indicator add model.yaml fewer-neet "NEET young people" \\
        --unit people --better lower --actual 2003=520 --actual 2004=500
      logicmodel indicator set model.yaml fewer-neet comparator Scotland
      logicmodel indicator remove model.yaml fewer-neet
    """


@indicator.command(name="add")
@click.argument("file", type=click.Path())
@click.argument("element", metavar="ELEMENT")
@click.argument("name")
@entry_options(Indicator, "name")
@click.option(
    "--actual",
    "actuals",
    multiple=True,
    metavar=PERIOD_VALUE,
    help="A value by period (repeatable).",
)
@click.option(
    "--comparator-actual",
    "comparator_actuals",
    multiple=True,
    metavar=PERIOD_VALUE,
    help="The comparator's value by period (repeatable; needs --comparator).",
)
@edit_options
def indicator_add(
    file: str,
    element: str,
    name: str,
    actuals: tuple[str, ...],
    comparator_actuals: tuple[str, ...],
    dry_run: bool,
    max_size: int,
    **given: Any,
) -> None:
    """Add an indicator to an element (any stage): NAME, and what is known of it.

    Periods are years (2004) or financial years (2004-05); `better` says
    which way is good, higher or lower; the targets are for working alone
    and together, in the target period. A comparator is an area or group
    the partnership did not touch, in the same unit.

    \b
    Example:
      logicmodel indicator add model.yaml fewer-neet "NEET young people" \\
        --unit people --better lower --actual 2003=520 --actual 2004=500 \\
        --target-alone 480 --target-together 450 --target-period 2008
    """
    fields = _fields(given)
    if actuals:
        fields["actuals"] = _by_period(actuals)
    if comparator_actuals:
        if "comparator" not in fields:
            raise click.UsageError("--comparator-actual needs --comparator NAME")
        fields["comparator"]["actuals"] = _by_period(comparator_actuals)
    edit_file(file, max_size, dry_run, lambda draft: draft.add_indicator(element, name, **fields))


@indicator.command(name="set")
@click.argument("file", type=click.Path())
@click.argument("element", metavar="ELEMENT")
@click.argument("field", type=click.Choice(entry_fields(Indicator)), metavar="FIELD")
@click.argument("value", required=False)
@click.option("--indicator", "which", metavar="NAME", help=INDICATOR_HELP)
@click.option("--unset", is_flag=True, help="Remove the field (an optional one) instead.")
@edit_options
def indicator_set(
    file: str,
    element: str,
    field: str,
    value: str | None,
    which: str | None,
    unset: bool,
    dry_run: bool,
    max_size: int,
) -> None:
    """Set one field of an indicator, or remove it with --unset.

    FIELD is one of the indicator's fields: name, unit, target_alone,
    target_together, target_period, better, notes, source, and the
    comparator's as comparator.name, comparator.notes, comparator.source
    (`--unset comparator.name` removes the comparator). Values by period
    are `logicmodel actual`'s.

    \b
    Examples:
      logicmodel indicator set model.yaml fewer-neet better lower
      logicmodel indicator set model.yaml fewer-neet comparator.name Scotland
      logicmodel indicator set model.yaml fewer-neet notes --unset
    """
    if unset == (value is not None):
        raise click.UsageError("give a VALUE, or --unset to remove the field")

    def make(draft: Draft) -> object:
        if unset:
            whole = field.removesuffix(".name") if field.endswith(".name") else field
            return draft.unset_indicator(element, whole, indicator=which)
        return draft.set_indicator(element, field, value, indicator=which)

    edit_file(file, max_size, dry_run, make)


@indicator.command(name="remove")
@click.argument("file", type=click.Path())
@click.argument("element", metavar="ELEMENT")
@click.option("--indicator", "which", metavar="NAME", help=INDICATOR_HELP)
@edit_options
def indicator_remove(
    file: str, element: str, which: str | None, dry_run: bool, max_size: int
) -> None:
    """Remove an indicator from an element, with its own comments.

    \b
    Example:
      logicmodel indicator remove model.yaml fewer-neet --indicator "NEET young people"
    """
    edit_file(
        file, max_size, dry_run, lambda draft: draft.remove_indicator(element, indicator=which)
    )


@click.command()
@click.argument("file", type=click.Path())
@click.argument("element", metavar="ELEMENT")
@click.argument("period", metavar="PERIOD")
@click.argument("value", required=False)
@click.option("--indicator", "which", metavar="NAME", help=INDICATOR_HELP)
@click.option("--comparator", is_flag=True, help="The comparator's value, not the indicator's.")
@click.option("--remove", is_flag=True, help="Remove the value for PERIOD instead.")
@edit_options
def actual(
    file: str,
    element: str,
    period: str,
    value: str | None,
    which: str | None,
    comparator: bool,
    remove: bool,
    dry_run: bool,
    max_size: int,
) -> None:
    """Set an indicator's value for a period, or remove it with --remove.

    PERIOD is a year (2005) or a financial year (2005-06); the values stay
    in time order.

    \b
    Examples:
      logicmodel actual model.yaml fewer-neet 2005 460
      logicmodel actual model.yaml fewer-neet 2005 1190 --comparator
      logicmodel actual model.yaml fewer-neet 2005 --remove
    """
    if remove == (value is not None):
        raise click.UsageError("give a VALUE, or --remove to remove the value for PERIOD")

    def make(draft: Draft) -> object:
        if remove:
            return draft.remove_actual(element, period, indicator=which, comparator=comparator)
        return draft.set_actual(element, period, value, indicator=which, comparator=comparator)

    edit_file(file, max_size, dry_run, make)


@click.command()
@click.argument("file", type=click.Path())
@click.argument("element", metavar="ELEMENT")
@click.argument("name")
@click.option(
    "--actual",
    "actuals",
    multiple=True,
    metavar=PERIOD_VALUE,
    help="Its value by period (repeatable).",
)
@click.option("--notes", help="Notes on the comparator.")
@click.option("--source", help="Where its figures come from.")
@click.option("--indicator", "which", metavar="NAME", help=INDICATOR_HELP)
@edit_options
def comparator(
    file: str,
    element: str,
    name: str,
    actuals: tuple[str, ...],
    notes: str | None,
    source: str | None,
    which: str | None,
    dry_run: bool,
    max_size: int,
) -> None:
    """Give an indicator a comparator: NAME, an area or group the partnership
    did not touch, with its values in the indicator's unit.

    The comparator gain scales our value in the last period before the
    partnership started by the comparator's change since, so the comparator
    needs a value for that period.

    \b
    Example:
      logicmodel comparator model.yaml fewer-neet Scotland --actual 2004=10000
    """
    fields: dict[str, Any] = {"notes": notes, "source": source}
    if actuals:
        fields["actuals"] = _by_period(actuals)
    edit_file(
        file,
        max_size,
        dry_run,
        lambda draft: draft.add_comparator(element, name, indicator=which, **fields),
    )


@click.command()
@click.argument("file", type=click.Path())
@click.argument("element", metavar="ELEMENT")
@click.option("--alone", metavar="NUMBER", help="The target if the partners worked alone.")
@click.option("--together", metavar="NUMBER", help="The stretched target for working together.")
@click.option("--plain", metavar="NUMBER", help="A plain target, with no alone/together split.")
@click.option("--period", metavar="PERIOD", help="The period the targets are for, e.g. 2010.")
@click.option("--benchmark", metavar="NAME", help="A benchmark target: another area's series.")
@click.option(
    "--rule",
    type=click.Choice([r.value for r in BenchmarkRule]),
    help="Where ours should be against the benchmark (with --benchmark).",
)
@click.option(
    "--margin",
    metavar="NUMBER",
    help="For --rule within: how far from it still counts; above or below: by at least this.",
)
@click.option(
    "--benchmark-actual",
    "benchmark_actuals",
    multiple=True,
    metavar=PERIOD_VALUE,
    help="The benchmark's value by period (repeatable; with --benchmark).",
)
@click.option("--indicator", "which", metavar="NAME", help=INDICATOR_HELP)
@edit_options
def target(
    file: str,
    element: str,
    alone: str | None,
    together: str | None,
    plain: str | None,
    period: str | None,
    benchmark: str | None,
    rule: str | None,
    margin: str | None,
    benchmark_actuals: tuple[str, ...],
    which: str | None,
    dry_run: bool,
    max_size: int,
) -> None:
    """Set an indicator's targets: working alone, together, a plain target,
    their period, or a benchmark target against another area's series.

    The planned gain is the difference between the alone and together
    targets; `gain` reports progress to a plain target (from the last value
    before the partnership to the target) and, per period, whether ours is
    above, below or within the benchmark.

    \b
    Examples:
      logicmodel target model.yaml fewer-neet --alone 480 --together 450 --period 2008
      logicmodel target model.yaml active --plain 80 --period 2016
      logicmodel target model.yaml gva --benchmark "Regional average" --rule above \\
        --benchmark-actual 2010=21500 --benchmark-actual 2011=21900
    """
    if benchmark is None and (rule or margin or benchmark_actuals):
        raise click.UsageError("--rule, --margin and --benchmark-actual need --benchmark NAME")
    if benchmark is not None and rule is None:
        raise click.UsageError("--benchmark needs --rule above, below or within")
    plain_given = (alone, together, plain, period) != (None, None, None, None)

    def make(draft: Draft) -> object:
        if plain_given or benchmark is None:
            draft = draft.set_targets(
                element,
                alone=alone,
                together=together,
                period=period,
                indicator=which,
                plain=plain,
            )
        if benchmark is not None and rule is not None:
            actuals = _by_period(benchmark_actuals) if benchmark_actuals else None
            draft = draft.set_benchmark(
                element, benchmark, rule, margin=margin, actuals=actuals, indicator=which
            )
        return draft

    edit_file(file, max_size, dry_run, make)


# ---------------------------------------------------------------- costs and benefits


def _ledger_group(kind: str, cls: type[BaseModel], example: str) -> click.Group:
    """Return the `cost` or `benefit` group: add, set and remove."""

    @click.group(
        name=kind,
        help=f"""Add, change or remove a {kind} of working together.

    \b
    Examples:
      {example}
      logicmodel {kind} set model.yaml 1 amount 4000..4500
      logicmodel {kind} remove model.yaml 1
    """,
    )
    def group() -> None:
        pass

    _ledger_add(group, kind, cls, example)
    _ledger_set(group, kind, cls)
    _ledger_remove(group, kind)
    return group


def _ledger_add(group: click.Group, kind: str, cls: type[BaseModel], example: str) -> None:
    """Add `add` to a cost or benefit group."""

    @group.command(
        name="add",
        help=f"""Add a {kind}: ITEM, what it is, and what is known of it.

    An amount is a number or a range low..high; `by` is a partner id,
    several (a,b) or all; different units are never added together.

    \b
    Example:
      {example}
    """,
    )
    @click.argument("file", type=click.Path())
    @click.argument("item")
    @entry_options(cls, "item")
    @edit_options
    def add(file: str, item: str, dry_run: bool, max_size: int, **given: Any) -> None:
        fields = _fields(given)
        edit_file(file, max_size, dry_run, lambda draft: _add(draft, kind, item, fields))


def _ledger_set(group: click.Group, kind: str, cls: type[BaseModel]) -> None:
    """Add `set` to a cost or benefit group."""

    @group.command(
        name="set",
        help=f"""Set one field of a {kind}, or remove it with --unset.

    WHICH is the {kind}'s item, or its number from 1; FIELD is one of
    {", ".join(entry_fields(cls))}.

    \b
    Example:
      logicmodel {kind} set model.yaml "Staff time" amount 4000..4500
    """,
    )
    @click.argument("file", type=click.Path())
    @click.argument("which")
    @click.argument("field", type=click.Choice(entry_fields(cls)), metavar="FIELD")
    @click.argument("value", required=False)
    @click.option("--unset", is_flag=True, help="Remove the field (an optional one) instead.")
    @edit_options
    def set_field(
        file: str,
        which: str,
        field: str,
        value: str | None,
        unset: bool,
        dry_run: bool,
        max_size: int,
    ) -> None:
        if unset == (value is not None):
            raise click.UsageError("give a VALUE, or --unset to remove the field")

        def make(draft: Draft) -> object:
            if unset:
                return draft.unset_ledger(kind, which, field)
            return draft.set_ledger(kind, which, field, value)

        edit_file(file, max_size, dry_run, make)


def _ledger_remove(group: click.Group, kind: str) -> None:
    """Add `remove` to a cost or benefit group."""

    @group.command(
        name="remove",
        help=f"""Remove a {kind}, with its own comments.

    WHICH is the {kind}'s item, or its number from 1.

    \b
    Example:
      logicmodel {kind} remove model.yaml 1
    """,
    )
    @click.argument("file", type=click.Path())
    @click.argument("which")
    @edit_options
    def remove(file: str, which: str, dry_run: bool, max_size: int) -> None:
        edit_file(file, max_size, dry_run, lambda draft: draft.remove_ledger(kind, which))


def _add(draft: Draft, kind: str, item: str, fields: dict[str, Any]) -> Draft:
    """Return the draft with a cost or benefit added."""
    if kind == "cost":
        return draft.add_cost(item, **fields)
    return draft.add_benefit(item, **fields)


cost = _ledger_group(
    "cost",
    Cost,
    'logicmodel cost add model.yaml "Staff time at meetings" --amount 4500..5000 '
    '--unit "pounds a year" --by all',
)
benefit = _ledger_group(
    "benefit",
    Benefit,
    'logicmodel benefit add model.yaml "Fewer repeat call-outs" --amount 3000..4000 '
    '--unit "pounds a year" --by police --outcome fewer-incidents --evidence expected',
)

__all__ = ["actual", "benefit", "comparator", "cost", "entry_options", "indicator", "target"]
