"""The command line: help with examples, a fast start, check's output and exit statuses, schema."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from logicmodel.cli import cli
from logicmodel.status import ExitStatus

from .conftest import FIGURE1, ROOT, SAMPLES

HEAVY = ("matplotlib", "networkx", "graphviz", "openpyxl")


@pytest.mark.parametrize("command", [[], *[[name] for name in sorted(cli.commands)]])
def test_every_help_is_complete_with_an_example(runner: CliRunner, command: list[str]) -> None:
    result = runner.invoke(cli, [*command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output
    if command:
        options = cli.commands[command[0]].params
        assert all(param.help for param in options if isinstance(param, click_option_type()))


def click_option_type() -> type:
    import click

    return click.Option


def test_help_imports_no_heavy_library() -> None:
    code = (
        "import sys\n"
        "from logicmodel.cli import cli\n"
        "try:\n    cli.main(['--help'], standalone_mode=False)\n"
        "except SystemExit:\n    pass\n"
        f"print([m for m in {HEAVY!r} if m in sys.modules])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_python_dash_m_runs_the_command_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "logicmodel", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert "logicmodel" in result.stdout


def test_check_prints_one_summary_line_for_a_clean_model(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["check", str(FIGURE1)])
    assert result.exit_code == 0
    (line,) = result.output.splitlines()
    assert line.startswith(f"{FIGURE1}: ok: 3 partners, ")


def test_check_reports_each_file_and_exits_with_the_worst_status(
    runner: CliRunner, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("logicmodel: 1\ntitle: x\npartners: []\n", "utf-8")
    result = runner.invoke(cli, ["check", str(FIGURE1), str(bad)])
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{FIGURE1}: ok")
    assert lines[1].startswith(f"{bad}:3:1: 'partners' must be a list with at least one entry")


def test_check_json_output_for_tools(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("logicmodel: 1\ntitle: x\npartners:\n  - {id: a, nme: A}\n", "utf-8")
    result = runner.invoke(cli, ["check", "--format", "json", str(FIGURE1), str(bad)])
    assert result.exit_code == 2
    good_report, bad_report = json.loads(result.output)
    assert good_report["valid"] and good_report["summary"]["partners"] == 3
    assert not bad_report["valid"]
    assert bad_report["errors"] == [
        {
            "file": str(bad),
            "line": 4,
            "col": 13,
            "message": "partner 'a': unknown key 'nme' (did you mean 'name'?)",
        }
    ]


def test_missing_file_and_folder_are_one_line_errors(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["check", str(tmp_path / "nope.yaml"), str(tmp_path)])
    assert result.exit_code == ExitStatus.UNREADABLE
    assert result.output.splitlines() == [
        f"{tmp_path / 'nope.yaml'}: no such file",
        f"{tmp_path}: is a folder, not a model file",
    ]


def test_bad_size_option_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["check", "--max-size", "lots", str(FIGURE1)])
    assert result.exit_code == ExitStatus.USAGE
    assert "not a size: 'lots'" in result.output


def test_schema_accepts_every_sample_and_refuses_an_unknown_key(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "schema.json"
    result = runner.invoke(cli, ["schema", "-o", str(out)])
    assert result.exit_code == 0 and result.output == ""
    schema = json.loads(out.read_text("utf-8"))
    for sample in SAMPLES:
        jsonschema.validate(yaml.safe_load(sample.read_text("utf-8")), schema)
    broken = yaml.safe_load(FIGURE1.read_text("utf-8"))
    broken["activities"][0]["lable"] = "typo"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_schema_to_a_missing_folder_is_a_one_line_error(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "schema.json"
    result = runner.invoke(cli, ["schema", "-o", str(target)])
    assert result.exit_code == ExitStatus.UNREADABLE
    (line,) = result.output.splitlines()
    assert line.startswith(f"{target}: cannot write: ")
    assert not target.exists()


def test_schema_prints_to_stdout(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["schema"])
    assert json.loads(result.output)["title"].startswith("logicmodel file")


def run(*words: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed command line as a script would."""
    return subprocess.run(
        [sys.executable, "-m", "logicmodel", *words], capture_output=True, text=True, env=env
    )


def test_each_kind_of_outcome_has_its_own_exit_status(tmp_path: Path) -> None:
    findings = tmp_path / "findings.yaml"
    findings.write_text(
        FIGURE1.read_text("utf-8").replace("{code: LM113,", "{code: LM999,"), "utf-8"
    )
    statuses = {
        "ok": run("check", str(FIGURE1)).returncode,
        "findings": run("check", str(findings)).returncode,
        "invalid": run("check", str(ROOT / "tests" / "bad" / "cycle.yaml")).returncode,
        "usage": run("check", "--no-such-option", str(FIGURE1)).returncode,
        "missing": run("check", str(tmp_path / "nope.yaml")).returncode,
        "folder": run("trace", str(tmp_path)).returncode,
    }
    assert statuses == {
        "ok": ExitStatus.OK,
        "findings": ExitStatus.FINDINGS,
        "invalid": ExitStatus.INVALID,
        "usage": ExitStatus.USAGE,
        "missing": ExitStatus.UNREADABLE,
        "folder": ExitStatus.UNREADABLE,
    }
    assert len(set(ExitStatus)) == len(ExitStatus)


def test_an_internal_error_is_one_line_and_debug_shows_the_traceback(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    import logicmodel.analysis.tracing

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("planted")

    monkeypatch.setattr(logicmodel.analysis.tracing, "trace", broken)
    result = runner.invoke(cli, ["trace", str(FIGURE1)])
    assert result.exit_code == ExitStatus.INTERNAL
    (line,) = result.output.splitlines()
    assert "internal error" in line and "--debug" in line
    for words in (["--debug", "trace", str(FIGURE1)], ["trace", str(FIGURE1), "--debug"]):
        debugged = runner.invoke(cli, words)
        assert isinstance(debugged.exception, RuntimeError)


def test_readme_lists_every_exit_status() -> None:
    table = (ROOT / "docs" / "exit-statuses.md").read_text("utf-8")
    for status in ExitStatus:
        assert f"| {status.value} |" in table, status


def test_rules_and_explain_speak_json(runner: CliRunner) -> None:
    from logicmodel.analysis.advice import RULES

    rules = json.loads(runner.invoke(cli, ["rules", "--format", "json"]).output)
    assert [rule["code"] for rule in rules] == list(RULES)
    assert all(rule["principle"] and rule["source"] for rule in rules)
    one = json.loads(runner.invoke(cli, ["check", "--explain", "LM102", "--format", "json"]).output)
    assert one == next(rule for rule in rules if rule["code"] == "LM102")


def test_format_is_the_same_word_in_every_command(runner: CliRunner) -> None:
    for words in (["check", str(FIGURE1)], ["trace", str(FIGURE1)], ["rules"]):
        plain = runner.invoke(cli, [*words, "--format", "text"])
        assert plain.exit_code == 0, plain.output
        assert plain.output == runner.invoke(cli, words).output


@pytest.mark.parametrize("command", ["check", "trace", "render", "export", "import"])
def test_max_size_is_on_every_command_that_reads_a_model(
    runner: CliRunner, command: str, tmp_path: Path
) -> None:
    extra = {"export": ["--format", "json"], "import": ["-o", str(tmp_path / "m.yaml")]}
    source = FIGURE1
    if command == "import":
        source = tmp_path / "w.xlsx"
        runner.invoke(cli, ["template", "-o", str(source)])
    result = runner.invoke(
        cli, [command, str(source), "--max-size", "100", *extra.get(command, [])]
    )
    assert result.exit_code == ExitStatus.INVALID
    assert "limit" in result.output and "--max-size" in result.output


def readme_block(after: str, kind: str = "text") -> list[str]:
    """Return the lines of the planners' guide's first `kind` block after a phrase."""
    readme = (ROOT / "docs" / "planners.md").read_text("utf-8")
    return readme.split(after, 1)[1].split(f"```{kind}\n", 1)[1].split("```", 1)[0].splitlines()


@pytest.mark.parametrize(
    ("after", "words"),
    [
        (
            "does every piece of joint work lead to an outcome",
            ["check", "samples/inverclyde-mcmc.yaml"],
        ),
        ("prints a table, one row per outcome", ["trace", "samples/figure1.yaml"]),
    ],
)
def test_readme_outputs_are_what_the_commands_print(after: str, words: list[str]) -> None:
    printed = subprocess.run(
        [sys.executable, "-m", "logicmodel", *words],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "COLUMNS": "200"},
    ).stdout.splitlines()
    shown = [line for line in readme_block(after) if line != "..."]
    assert shown and all(line in printed for line in shown)
