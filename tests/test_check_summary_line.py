"""What `logicmodel check` and `logicmodel rules` print: counts in the singular for one, the
model's real counts, faults in JSON with their place, and the rules as an aligned table."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner

from logicmodel.analysis.advice import RULES
from logicmodel.cli import cli
from logicmodel.models import Stage

from .conftest import FIGURE1

ONE: dict[str, Any] = {
    "logicmodel": 1,
    "title": "One",
    "partnership": {
        "name": "P",
        "type": "strategic",
        "focus": "F",
        "vision": "V",
        "lead": "a",
    },
    "partners": [{"id": "a", "name": "A"}],
    "inputs": [{"id": "i", "label": "I", "by": "a", "leads_to": ["o"]}],
    "ultimate": [{"id": "o", "label": "O"}],
}


def _write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "model.json"
    path.write_text(json.dumps(data), "utf-8")
    return path


def test_one_of_each_reads_in_the_singular(runner: CliRunner, tmp_path: Path) -> None:
    path = _write(tmp_path, ONE)
    result = runner.invoke(cli, ["check", str(path)])
    assert result.exit_code == 0
    assert result.output.splitlines()[-1] == (
        f"{path}: ok: 1 partner, 2 elements (0 collaborative, 1 outcome), 1 link; "
        "advice: 0 errors, 4 warnings, 0 notes"
    )


def test_the_summary_counts_what_the_file_holds(runner: CliRunner) -> None:
    data = yaml.safe_load(FIGURE1.read_text("utf-8"))
    elements = [e for stage in Stage for e in data.get(stage.value) or []]
    outcomes = [e for stage in Stage if stage.is_outcome for e in data.get(stage.value) or []]
    links = sum(len(e.get("leads_to") or []) + len(e.get("enhances") or []) for e in elements)
    result = runner.invoke(cli, ["check", "--format", "json", str(FIGURE1)])
    (report,) = json.loads(result.output)
    summary = report["summary"]
    assert summary["partners"] == len(data["partners"])
    assert summary["elements"] == len(elements)
    assert summary["outcomes"] == len(outcomes)
    assert summary["links"] == links
    assert 0 < summary["collaborative"] < len(elements)


def test_a_fault_in_json_names_its_line_and_no_empty_place(
    runner: CliRunner, tmp_path: Path
) -> None:
    broken = {**ONE, "partners": [{"name": "A"}]}
    result = runner.invoke(cli, ["check", "--format", "json", str(_write(tmp_path, broken))])
    assert result.exit_code != 0
    (report,) = json.loads(result.output)
    assert report["valid"] is False and report["summary"] is None
    assert report["errors"]
    for fault in report["errors"]:
        assert fault["line"] >= 1 and fault["message"]
        assert "place" not in fault


def test_rules_print_as_an_aligned_table_with_a_hint(runner: CliRunner) -> None:
    lines = runner.invoke(cli, ["rules"]).output.splitlines()
    assert lines[0] == "code   severity title"
    assert lines[1] == "------ -------- -----"
    rows = lines[2 : 2 + len(RULES)]
    for row, rule in zip(rows, RULES.values(), strict=True):
        assert row == f"{rule.code:6} {rule.severity:8} {rule.title}"
    assert lines[2 + len(RULES)] == ""
    assert "logicmodel check --explain CODE" in lines[-1]
