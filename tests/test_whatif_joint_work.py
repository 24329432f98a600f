"""What-if assumptions: joint work a leaving partner took part in continues, or stops.

`continues` (the default) keeps a joint contribution going with the partners left; `stops`
ends it with the partner. The models here are small enough to read the answer off by hand.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from logicmodel.analysis.model_graph import build_graph
from logicmodel.analysis.tracing import remove_partners, whatif
from logicmodel.cli import cli
from logicmodel.models import LogicModel, TraceClass

# A pair (a and b) shares data that makes streets safer; all three (a, b, c) run a forum
# that builds trust; c's own outreach reaches people, and joint work a is not part of
# (b and c) runs a helpline that lifts confidence.
DATA: dict[str, Any] = {
    "logicmodel": 1,
    "title": "Joint work after a partner leaves",
    "partners": [{"id": p, "name": p.upper()} for p in ("a", "b", "c")],
    "activities": [
        {"id": "data", "label": "Shared data", "by": ["a", "b"], "leads_to": ["safer"]},
        {"id": "forum", "label": "Forum", "by": "all", "leads_to": ["trust"]},
        {"id": "outreach", "label": "Outreach", "by": "c", "leads_to": ["reached"]},
        {"id": "helpline", "label": "Helpline", "by": ["b", "c"], "leads_to": ["confident"]},
    ],
    "interim": [
        {"id": "safer", "label": "Safer streets"},
        {"id": "trust", "label": "Trust"},
        {"id": "reached", "label": "People reached"},
        {"id": "confident", "label": "Confidence"},
    ],
}
MODEL = LogicModel.model_validate(DATA)


def _after(joint_work: Any) -> dict[str, TraceClass]:
    result = whatif(MODEL, ["a"], joint_work=joint_work)
    return {change.id: change.after.trace_class for change in result.changes}


def test_by_default_joint_work_carries_on_with_the_partners_left() -> None:
    after = _after("continues")
    # The pair's data is b's own work now; the forum is still b and c together.
    assert after["safer"] is TraceClass.SINGLE_AGENCY
    assert after["trust"] is TraceClass.COLLABORATION_ONLY
    assert whatif(MODEL, ["a"]).changes == whatif(MODEL, ["a"], joint_work="continues").changes


def test_when_joint_work_stops_everything_the_partner_shared_in_ends() -> None:
    after = _after("stops")
    assert after["safer"] is TraceClass.UNSUPPORTED
    assert after["trust"] is TraceClass.UNSUPPORTED


def test_work_the_leaving_partner_had_no_part_in_is_the_same_either_way() -> None:
    for joint_work in ("continues", "stops"):
        after = _after(joint_work)
        assert after["reached"] is TraceClass.SINGLE_AGENCY
        assert after["confident"] is TraceClass.COLLABORATION_ONLY


def test_the_graph_keeps_or_drops_the_joint_contributions() -> None:
    graph = build_graph(MODEL)
    continuing = remove_partners(graph, ["a"], "continues")
    stopping = remove_partners(graph, ["a"], "stops")
    assert continuing.nodes["forum"]["partners"] == ("b", "c")
    assert continuing.nodes["data"]["collaborative"] is False
    assert "forum" not in stopping and "data" not in stopping
    assert "helpline" in stopping


def test_an_unknown_assumption_is_refused() -> None:
    with pytest.raises(ValueError, match="continues or stops"):
        remove_partners(build_graph(MODEL), ["a"], "pauses")  # type: ignore[arg-type]


def test_the_command_takes_the_assumption(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    path.write_text(json.dumps(DATA))
    outcomes = {}
    for joint_work in ("continues", "stops"):
        command = ["whatif", str(path), "--without", "a", "--joint-work", joint_work]
        result = runner.invoke(cli, [*command, "--format", "json"])
        assert result.exit_code == 0, result.output
        data = json.loads(result.output)
        outcomes[joint_work] = {row["id"]: row["loses"] for row in data["outcomes"]}
        assert ("stops" in data["models"][0]["scenario"]) == (joint_work == "stops")
        assert data["models"][0]["joint_work"] == joint_work
    assert outcomes["continues"]["trust"] == ""
    assert outcomes["stops"]["trust"] == "all support"
    refused = runner.invoke(cli, ["whatif", str(path), "--without", "a", "--joint-work", "maybe"])
    assert refused.exit_code != 0 and "Traceback" not in refused.output
