"""The command line: help with examples, a fast start, check's output and exit statuses, schema."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from logicmodel.cli import cli
from logicmodel.status import ExitStatus

from .conftest import FIGURE1, SAMPLES

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
