"""Write every output the command line makes of one model into a folder, one file each.

`python tests/render_every_output.py MODEL FOLDER [--every-look] [--pictures]` runs, in this
one process, every view `render` offers in each of its text and SVG formats (in the classic and
projector looks, and with each renderer option), every export format, `trace`, `gain`, `check`,
`whatif`, `compare` and `diff` in every output format, the report, and the charts of `compare
--view` and `diff --view`. What a command prints goes in a file too, with its exit status.
`--every-look` adds every theme and palette; `--pictures` adds the PNG and PDF of every view,
the PDF report, and the CSV tables as a zip. tests/test_reproducible.py runs it under two hash
seeds, in two processes, and compares the folders byte for byte.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from click.testing import CliRunner

from logicmodel import load
from logicmodel.cli import cli
from logicmodel.renderers import FORMATS, option_fields

# Formats a library writes whole, with whatever it stamps in (only with --pictures).
PICTURES = (".png", ".pdf", ".zip")
# Other names for a format already written (.htm is .html), and the workbook: openpyxl stamps
# the time of writing into it (docs/safety.md says so).
SKIPPED = (".htm", ".gv", ".xml", ".mermaid", ".xlsx")
# Renderer options that take a value from the model, and which kind of value.
FROM_MODEL = {"trace_outcome": "outcome", "partner": "partner"}
# A second model for `compare` and `diff`: a diff of a model with itself says little.
OTHER = str(Path(__file__).resolve().parent.parent / "samples" / "figure1.yaml")

__all__ = ["command_lines", "main"]


def _choices(command: str, option: str) -> tuple[str, ...]:
    """Return the choices the command line offers for one option of one command."""
    found = cli.commands[command]
    for param in found.get_params(click.Context(found)):
        if param.name == option and isinstance(param.type, click.Choice):
            return tuple(param.type.choices)
    raise LookupError(f"{command} has no choice option {option}")


def _variants(view: str, model_path: str) -> list[list[str]]:
    """Return each renderer option the view or export takes, as command-line words."""
    model = load(model_path)
    outcomes = [element.id for stage, element in model.elements() if stage.is_outcome]
    values = {"outcome": outcomes[0] if outcomes else None, "partner": model.partners[0].id}
    found: list[list[str]] = []
    for name, (spec, takers) in option_fields().items():
        if view not in takers:
            continue
        flag = spec.metadata["flag"]
        if name in FROM_MODEL:
            value = values[FROM_MODEL[name]]
            if value is not None:
                found.append([flag, value])
        elif spec.metadata.get("choices"):
            found += [[flag, choice] for choice in spec.metadata["choices"]]
        else:
            found.append([flag])
    return found


def _name(words: list[str]) -> str:
    """Return a file name made of command-line words."""
    return "-".join(word.lstrip("-").replace("/", "_") for word in words)


def _looks(every_look: bool) -> list[list[str]]:
    """Return the theme options to try: classic and projector (which cuts slides), or every
    theme and the projector's layout in every palette."""
    if not every_look:
        return [["--theme", "classic"], ["--theme", "projector"]]
    found = [["--theme", theme] for theme in _choices("render", "theme")]
    found += [["--theme", "projector", "--palette", p] for p in _choices("render", "palette")]
    return found


def _renders(model: str, every_look: bool, pictures: bool) -> list[list[str]]:
    """Return a `render` of every view in each format, look and option, and every export."""
    wanted = [".svg", ".dot", ".html", *(PICTURES if pictures else ())]
    runs: list[list[str]] = []
    for view in _choices("render", "view"):
        for suffix in [s for s in FORMATS[view].suffixes if s in wanted]:
            # Each look alone, then each option in the classic look: a look and an option
            # go through different code, so their combinations add nothing to the check.
            for extra in [*_looks(every_look), *_variants(view, model)]:
                name = _name(["render", view, *extra]) + suffix
                runs.append(["render", model, "--view", view, *extra, "-o", name])
    for export in _choices("export", "export_format"):
        for suffix in FORMATS[export].suffixes:
            if suffix in SKIPPED or (suffix in PICTURES and not pictures):
                continue
            for extra in [[], *_variants(export, model)]:
                name = _name(["export", export, *extra]) + (suffix or ".folder")
                runs.append(["export", model, "--format", export, *extra, "-o", name])
    return runs


def command_lines(model: str, every_look: bool = False, pictures: bool = False) -> list[list[str]]:
    """Return every command line to run, its outputs named relative to the working folder (so
    that the folder's own name is in no output)."""
    runs = _renders(model, every_look, pictures)
    partner = load(model).partners[0].id
    for command, extra in (
        ("trace", []),
        ("gain", []),
        ("check", []),
        ("whatif", ["--without", partner]),
        ("whatif", ["--without", partner, "--joint-work", "stops"]),
        ("whatif", ["--without-collaboration"]),
        ("compare", [OTHER]),
        ("diff", [OTHER]),
    ):
        for output_format in _choices(command, "output_format"):
            runs.append([command, model, *extra, "--format", output_format])
    runs.append(["report", model, "-o", "report.html"])
    runs.append(["compare", model, OTHER, "--view", "-o", "compare.svg"])
    runs.append(["diff", OTHER, model, "--view", "-o", "diff.svg"])
    if pictures:
        runs.append(["report", model, "-o", "report.pdf"])
        runs.append(["compare", model, OTHER, "--view", "-o", "compare.pdf"])
    return runs


def main(model: str, folder: Path, every_look: bool = False, pictures: bool = False) -> None:
    """Run every command line on a model, each output one file in the folder."""
    model = str(Path(model).resolve())
    os.chdir(folder)
    runner = CliRunner()
    for number, args in enumerate(command_lines(model, every_look, pictures)):
        result = runner.invoke(cli, args, catch_exceptions=False)
        # What a command prints, and its exit status, are outputs too (a view with nothing
        # to draw says so and exits with a status of its own).
        name = f"{number:03d}-" + _name([a for a in args if a not in (model, OTHER)])
        status = f"exit {result.exit_code}\n".encode()
        Path(name + ".out").write_bytes(status + result.stdout_bytes + result.stderr_bytes)


if __name__ == "__main__":
    flags = sys.argv[3:]
    main(sys.argv[1], Path(sys.argv[2]), "--every-look" in flags, "--pictures" in flags)
