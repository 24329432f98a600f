"""What-if on `enhances` links: joint work that loses its partners stops enhancing.

When a partner leaves, a joint contribution carries on with the partners left. With one left
it is single-agency work, and single-agency work cannot enhance a partner's own: the outcomes
it enhanced lose that gain. With two or more left it is still joint and still enhances.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from logicmodel.analysis.model_graph import ENHANCES, build_graph
from logicmodel.analysis.tracing import remove_partners, trace, whatif
from logicmodel.cli import cli
from logicmodel.models import LogicModel, TraceClass

GAIN = TraceClass.COLLABORATIVE_GAIN
SINGLE = TraceClass.SINGLE_AGENCY

# Officers (b's own) lead to patrols (b's own), which make streets safer. Joint intelligence
# enhances the patrols: that is the only collaboration upstream of `safer`. Joint work by all
# three partners enhances the outreach that leads to `reached`.
DATA: dict[str, Any] = {
    "logicmodel": 1,
    "title": "Enhances after a partner leaves",
    "partners": [{"id": p, "name": p.upper()} for p in ("a", "b", "c")],
    "inputs": [
        {"id": "officers", "label": "Officers", "by": "b", "leads_to": ["patrols"]},
        {"id": "workers", "label": "Outreach workers", "by": "c", "leads_to": ["outreach"]},
    ],
    "activities": [
        {"id": "patrols", "label": "Patrols", "by": "b", "leads_to": ["safer"]},
        {"id": "intelligence", "label": "Shared intelligence", "by": ["a", "b"]},
        {"id": "outreach", "label": "Outreach", "by": "c", "leads_to": ["reached"]},
        {"id": "forum", "label": "Joint forum", "by": "all"},
    ],
    "interim": [
        {"id": "safer", "label": "Safer streets"},
        {"id": "reached", "label": "People reached"},
    ],
}
DATA["activities"][1]["enhances"] = ["patrols"]
DATA["activities"][3]["enhances"] = ["outreach"]
MODEL = LogicModel.model_validate(DATA)


def test_both_outcomes_have_a_gain_from_the_enhances_links_alone() -> None:
    outcomes = trace(MODEL).outcomes
    assert outcomes["safer"].trace_class is GAIN
    assert outcomes["reached"].trace_class is GAIN


def test_a_joint_contribution_left_with_one_partner_stops_enhancing() -> None:
    result = whatif(MODEL, ["a"])
    after = {change.id: change.after.trace_class for change in result.changes}
    # Intelligence is b's own work now: patrols keep going, without the gain.
    assert after["safer"] is SINGLE
    assert result.losing_gain == ["safer"]
    assert result.losing_support == []
    # The forum still has b and c: still joint, still enhancing the outreach.
    assert after["reached"] is GAIN


def test_the_graph_without_the_partner_has_no_stale_enhances_link() -> None:
    graph = remove_partners(build_graph(MODEL), ["a"])
    assert graph.nodes["intelligence"]["partners"] == ("b",)
    assert graph.nodes["intelligence"]["collaborative"] is False
    enhances = {(s, t) for s, t, data in graph.edges(data=True) if data["kind"] == ENHANCES}
    assert enhances == {("forum", "outreach")}
    assert graph.graph["partners"] == ("b", "c")


def test_when_two_partners_leave_the_forum_stops_enhancing_too() -> None:
    result = whatif(MODEL, ["a", "b"])
    # Intelligence goes (no partner left), patrols go with b; the forum is c's own.
    after = {change.id: change.after.trace_class for change in result.changes}
    assert after == {"safer": TraceClass.UNSUPPORTED, "reached": SINGLE}
    assert result.losing_gain == ["reached"] and result.losing_support == ["safer"]


CONTINUES = "(joint work they took part in carries on with the partners left)"


def test_whatif_command_reports_the_lost_gain(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "model.json"
    path.write_text(json.dumps(DATA), "utf-8")
    result = runner.invoke(cli, ["whatif", str(path), "--without", "a", "--format", "json"])
    assert result.exit_code == 0, result.output
    (scenario,) = json.loads(result.output)["models"]
    assert scenario["scenario"] == f"Without a {CONTINUES}"
    assert scenario["losing_gain"] == ["safer"]
    assert scenario["losing_support"] == []
    table = runner.invoke(cli, ["whatif", str(path), "--without", "a"]).output
    assert table.splitlines()[-1] == (
        "Without a (joint work they took part in carries on with the partners left): 1 of 2 "
        "outcomes would lose their collaborative gain, 0 their single-agency support and "
        "0 all support"
    )
