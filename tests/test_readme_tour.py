"""The README's five-minute tour runs, command by command, and writes what it says it writes.

The tour is every ```console block that follows a `<!-- tour -->` line in README.md. Each line
is run as typed (with this interpreter for `logicmodel`) in one temporary folder holding a copy
of samples/, in order, so later steps work on what earlier ones wrote. A step's comment,
after two spaces and `#`, may say `writes FILE, FILE` (each must exist afterwards) or
`exits N` (the status it must end with; 0 otherwise). A ```text block right after a tour
block shows lines its commands print. `logicmodel edit` serves until stopped: it is started,
its page fetched once from the address it prints, and stopped with Ctrl-C.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from .conftest import ROOT

MARK = "<!-- tour -->"
SERVERS = ("edit", "serve")


@dataclass(frozen=True)
class Step:
    """One command of the tour, with what the README says it does."""

    line: str
    words: list[str]
    writes: list[str]
    status: int
    ends_block: bool
    shown: tuple[str, ...]  # lines a text block after the step's block says the block prints


def tour_blocks(readme: str) -> list[tuple[str, list[str]]]:
    """Return each tour block's text, with the lines of a ```text block right after it."""
    blocks = []
    for chunk in readme.split(MARK + "\n")[1:]:
        assert chunk.startswith("```console\n"), "a tour mark must sit right above its block"
        body, rest = chunk[len("```console\n") :].split("```\n", 1)
        shown: list[str] = []
        if rest.startswith("\n```text\n"):
            shown = rest[len("\n```text\n") :].split("```", 1)[0].splitlines()
        blocks.append((body, shown))
    return blocks


def tour_steps(readme: str) -> list[Step]:
    """Return the tour's commands in order, continuation lines joined."""
    steps = []
    for body, shown in tour_blocks(readme):
        lines = [line for line in body.replace("\\\n", " ").splitlines() if line.strip()]
        for index, line in enumerate(lines):
            command, _, comment = line.partition("  # ")
            writes = re.search(r"\bwrites (.+)$", comment)
            status = re.search(r"\bexits (\d+)\b", comment)
            steps.append(
                Step(
                    line=line,
                    words=shlex.split(command),
                    writes=[name.strip() for name in writes.group(1).split(",")] if writes else [],
                    status=int(status.group(1)) if status else 0,
                    ends_block=index == len(lines) - 1,
                    shown=tuple(shown),
                )
            )
    return steps


STEPS = tour_steps((ROOT / "README.md").read_text("utf-8"))


def run_server(step: Step, folder: Path) -> str:
    """Start a serving step, fetch the page at the address it prints, stop it; return the page."""
    with subprocess.Popen(
        [sys.executable, "-m", "logicmodel", *step.words[1:]],
        cwd=folder,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        try:
            assert process.stdout is not None and process.stderr is not None
            first = process.stdout.readline()
            address = re.search(r"http://127\.0\.0\.1:\d+/\S+", first)
            assert address, (step.line, first)
            with urllib.request.urlopen(address.group(0), timeout=30) as response:
                assert response.status == 200
                page = str(response.read().decode("utf-8"))
            process.send_signal(signal.SIGINT)  # Ctrl-C, as the README says
            process.wait(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
    return page


def test_the_tour_has_the_steps_the_readme_promises() -> None:
    verbs = [step.words[1] for step in STEPS]
    assert all(step.words[0] == "logicmodel" for step in STEPS)
    for verb in ("new", "add", "link", "check", "trace", "render", "edit", "gain", "report"):
        assert verb in verbs, verb
    assert verbs.index("new") == 0
    assert any(step.writes for step in STEPS)


def test_the_tour_runs_command_by_command(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "samples", tmp_path / "samples")
    printed: list[str] = []
    for step in STEPS:
        if step.words[1] in SERVERS:
            page = run_server(step, tmp_path)
            assert "Safer streets in Anytown" in page, step.line
            continue
        done = subprocess.run(
            [sys.executable, "-m", "logicmodel", *step.words[1:]],
            cwd=tmp_path,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            env={**os.environ, "COLUMNS": "200"},
        )
        assert done.returncode == step.status, (step.line, done.stdout, done.stderr)
        assert "Traceback" not in done.stderr, step.line
        for name in step.writes:
            assert (tmp_path / name).is_file(), (step.line, name)
        printed.extend(done.stdout.splitlines())
        if step.ends_block:
            for line in step.shown:
                assert line in printed, (step.line, line)
            printed.clear()
    checked = subprocess.run(
        [sys.executable, "-m", "logicmodel", "check", "safer.yaml"],
        cwd=tmp_path,
        capture_output=True,
    )
    assert checked.returncode == 0
