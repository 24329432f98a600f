"""The `story` command: what each outcome's claimed gain rests on, in text, Markdown or JSON."""

from __future__ import annotations

import sys

import click

from logicmodel.cli.shared import InputError, each_model, echo_or_write, max_size_option

FORMATTERS = ("text", "markdown", "json")


@click.command()
@click.argument("file", type=click.Path())
@click.option("--outcome", metavar="ID", help="Tell one outcome's story.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATTERS),
    default="text",
    show_default=True,
    help="text for people, markdown for documents, json for tools.",
)
@click.option("-o", "--output", metavar="FILE", help="Write to FILE instead of printing.")
@max_size_option()
def story(
    file: str, outcome: str | None, output_format: str, output: str | None, max_size: int
) -> None:
    """Tell what each outcome's claimed gain rests on (a contribution story).

    From the trace and the links' evidence: the joint elements every supporting
    path passes and their partners, the partners whose leaving changes the
    outcome's class, the links on the way that are evidenced (and how strongly) and
    those assumed, the assumptions and external factors (alternative explanations)
    recorded, and the critical link with the weakest evidence: what evidence would
    most strengthen the claim. Without --outcome: every outcome that claims
    collaboration, or all outcomes when none does.

    \b
    Example:
      logicmodel story samples/inverclyde-community-safety.yaml --outcome effective-resources
      logicmodel story samples/west-lothian-safer-neighbourhoods.yaml --format markdown
    """
    from logicmodel.analysis.story import Story, format_json, format_markdown, format_text
    from logicmodel.analysis.story import stories as stories_of
    from logicmodel.fileformat.rules import did_you_mean
    from logicmodel.models import LogicModel

    def tell(model: LogicModel, path: str) -> list[Story]:
        outcomes = [e.id for stage, e in model.elements() if stage.is_outcome]
        if not outcomes:
            raise InputError(f"{path}: no outcomes yet, so no story to tell")
        if outcome is not None and outcome not in outcomes:
            hint = did_you_mean(outcome, outcomes)
            raise InputError(f"{path}: no outcome {outcome!r}{hint}")
        return stories_of(model, outcome)

    told, status = each_model((file,), max_size, "Telling", tell)
    if told:
        formatter = {"text": format_text, "markdown": format_markdown, "json": format_json}
        echo_or_write(formatter[output_format](told[0][1]), output, (file,))
    sys.exit(status)


__all__ = ["story"]
