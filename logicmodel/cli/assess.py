"""`logicmodel assess`: the research's self-assessment questions asked in the terminal (or one
answered with --answer), each answer saved to the model as it is given, and the scores."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

import click

from logicmodel.cli.edit_verbs import edit_file, edit_options
from logicmodel.cli.shared import try_load
from logicmodel.models.questions import (
    QUESTIONS,
    AnswerWord,
    PartnershipStage,
    Principle,
    Question,
)
from logicmodel.status import ExitStatus

if TYPE_CHECKING:
    from logicmodel.models import LogicModel

_WORDS = [word.value for word in AnswerWord]
_STOP = "q"
ANSWER = "--answer"


def _save(
    path: str, max_size: int, dry_run: bool, question: str, word: str, note: str | None
) -> None:
    """Save one answer through the editing layer, under the file's lock."""
    edit_file(path, max_size, dry_run, lambda draft: draft.answer(question, word, note=note))


def _question_lines(question: Question) -> list[str]:
    """Return how --list and the prompt show a question: text, what it tests, its source."""
    tests = [p.heading for p in (question.principle,) if p is not None]
    if question.stage is not None:
        tests.append(f"stage {question.stage.heading}")
    return [question.text, f"  tests: {'; '.join(tests)}", f"  from: {question.cited}"]


def _listing() -> str:
    """Return every question with its id, what it tests and where the research asks it."""
    lines: list[str] = []
    for question in QUESTIONS:
        first, *rest = _question_lines(question)
        lines += [f"{question.id}: {first}", *rest]
    lines.append(f"Answers: {', '.join(_WORDS)} (unsure counts towards no score).")
    return "\n".join(lines)


def _loaded(path: str, max_size: int) -> LogicModel:
    """Return the model in a file, or exit with the loader's faults and status."""
    model = try_load(path, max_size)
    if isinstance(model, ExitStatus):
        sys.exit(model)
    return model


def _scores_text(path: str, model: LogicModel, as_json: bool) -> str:
    """Return the model's self-assessment scores as text or JSON."""
    from logicmodel.analysis.assessment import mismatches, principle_scores, stage_scores

    groups = {"principles": principle_scores(model), "stages": stage_scores(model)}
    if as_json:
        data = {
            name: [
                {"id": s.key, "title": s.title, "asked": s.asked, "answered": s.answered,
                 "points": s.points, "share": s.share}
                for s in scores
            ]
            for name, scores in groups.items()
        }  # fmt: skip
        data["not_borne_out"] = [
            {"question": m.question, "reason": m.reason} for m in mismatches(model)
        ]
        stage = model.partnership.stage
        data["stage"] = None if stage is None else stage.value  # type: ignore[assignment]
        return json.dumps(data, indent=2, allow_nan=False)
    width = max(len(s.title) for scores in groups.values() for s in scores)
    lines = [f"{path}: self-assessment"]
    for name, scores in groups.items():
        lines.append(f"  {name}:")
        lines += [f"    {s.title:<{width}}  {s.words()}" for s in scores]
    for mismatch in mismatches(model):
        lines.append(f"  not borne out: 'yes' to {mismatch.question}: {mismatch.reason}")
    return "\n".join(lines)


def _ask(path: str, max_size: int, questions: list[Question]) -> None:
    """Ask each question in turn, saving each answer as it is given; q stops, Enter skips."""
    from logicmodel.analysis.assessment import answers_by_question

    given = answers_by_question(_loaded(path, max_size))
    choice = click.Choice([*_WORDS, _STOP, ""], case_sensitive=False)
    for number, question in enumerate(questions, 1):
        click.echo(f"\n[{number}/{len(questions)}] " + "\n".join(_question_lines(question)))
        was = given.get(question.id)
        default = was.answer.value if was is not None else ""
        word = click.prompt(
            f"  answer ({'/'.join(_WORDS)}; Enter keeps {default or 'it unanswered'}; q stops)",
            type=choice,
            default=default,
            show_default=False,
            show_choices=False,
        ).lower()
        if word == _STOP:
            break
        if not word or (was is not None and word == default):
            continue  # skipped, or the answer given before kept as it is
        note = click.prompt("  note (Enter for none)", default="", show_default=False)
        _save(path, max_size, False, question.id, word, note or None)


@click.command()
@click.argument("file", required=False)
@click.option(
    "--stage",
    type=click.Choice([s.value for s in PartnershipStage]),
    help="Ask only one stage's questions (default: every question).",
)
@click.option(
    "--principle",
    type=click.Choice([p.value for p in Principle]),
    help="Ask only the questions of one principle.",
)
@click.option(ANSWER, "answer", metavar="QUESTION=WORD",
              help="Answer one question without prompts, e.g. --answer trend=partly.")  # fmt: skip
@click.option("--note", help="A note with --answer: why, or what would change it.")
@click.option(
    "--scores", is_flag=True, help="Print the scores per principle and stage; ask nothing."
)
@click.option("--json", "as_json", is_flag=True, help="With --scores: print them as JSON.")
@click.option("--list", "listing", is_flag=True, help="List the questions and their sources.")
@edit_options
def assess(
    file: str | None,
    stage: str | None,
    principle: str | None,
    answer: str | None,
    note: str | None,
    scores: bool,
    as_json: bool,
    listing: bool,
    dry_run: bool,
    max_size: int,
) -> None:
    """Ask the partnership the research's self-assessment questions and save the answers.

    Each answer is written to FILE as it is given (`assessment:` in the model, comments kept),
    so stopping part-way loses nothing; answers already given are offered as the default.
    The scores say how far the gain is clear, planned, monitored and worth its cost, and how
    far each stage of building the partnership has got; `check` warns of a 'yes' the model
    does not bear out (LM135).

    \b
    Examples:
      logicmodel assess model.yaml                     # every question, in the terminal
      logicmodel assess model.yaml --stage plan        # the action plan's questions only
      logicmodel assess model.yaml --answer trend=partly --note "figures from 2005 only"
      logicmodel assess model.yaml --scores --json
    """
    if listing:
        click.echo(_listing())
        return
    if file is None:
        raise click.UsageError("give the model FILE (or --list to see the questions)")
    if answer is not None:
        question, sep, word = answer.partition("=")
        if not sep:
            raise click.BadParameter(
                "write QUESTION=WORD, e.g. trend=partly", param_hint="--answer"
            )
        _save(file, max_size, dry_run, question.strip(), word.strip().lower(), note)
        return
    if scores:
        click.echo(_scores_text(file, _loaded(file, max_size), as_json))
        return
    chosen = [
        q
        for q in QUESTIONS
        if (stage is None or q.stage == stage) and (principle is None or q.principle == principle)
    ]
    _ask(file, max_size, chosen)
    click.echo(_scores_text(file, _loaded(file, max_size), False))


__all__ = ["assess"]
