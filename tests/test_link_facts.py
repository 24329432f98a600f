"""Links that carry their reasoning: the object form loads, writes back, is checked where it is
written, and the trace counts a negative link, or an unevidenced one on request, as no support."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from logicmodel.analysis.evidenced import trace_on_evidence
from logicmodel.analysis.tracing import trace
from logicmodel.cli import cli
from logicmodel.fileformat.loading import LoadError, dump_yaml, loads
from logicmodel.models import TraceClass
from logicmodel.models.links import Channel, Effect, Evidence, Stance
from logicmodel.status import ExitStatus

STATED = """\
logicmodel: 1
title: Safer streets
partners:
  - {id: council, name: Council}
  - {id: police, name: Police}
activities:
  - id: tasking
    label: Joint tasking
    by: all
    leads_to:
      - to: safer
        because: Patrols go where the shared data shows trouble
        assumptions: [Data is shared weekly]
        external_factors: A national fall in crime
        evidence: {level: measured, source: Annual report p. 4}
        confidence: high
      - to: trust
        evidence: {level: reported, stance: refutes}
    enhances:
      - {to: patrols, channel: additional-intelligence}
  - id: patrols
    label: Patrols
    by: police
    leads_to: [safer, {to: trust, effect: negative}]
interim:
  - {id: safer, label: Streets feel safer, gain: Better targeted patrols}
  - {id: trust, label: Residents trust the police}
"""


def test_links_stay_ids_for_every_reader_and_keep_their_facts_apart() -> None:
    model = loads(STATED, name="m.yaml")
    tasking, patrols = model.activities
    assert tasking.leads_to == ["safer", "trust"]
    assert tasking.enhances == ["patrols"]
    assert patrols.leads_to == ["safer", "trust"]
    safer = tasking.facts_of("safer")
    assert safer is not None and safer.evidence is not None
    assert safer.evidence.level is Evidence.MEASURED
    assert safer.evidence.stance is Stance.SUPPORTS  # what evidence says unless told
    assert safer.assumptions == ["Data is shared weekly"]
    assert safer.external_factors == ["A national fall in crime"]  # one text is a list of one
    enhance = tasking.facts_of("patrols")
    assert enhance is not None and enhance.channel is Channel.ADDITIONAL_INTELLIGENCE
    negative = patrols.facts_of("trust")
    assert negative is not None and negative.effect is Effect.NEGATIVE
    assert patrols.facts_of("safer") is None  # a plain id states nothing


def test_the_object_form_writes_back_as_written_and_reloads_equal() -> None:
    model = loads(STATED, name="m.yaml")
    written = dump_yaml(model)
    assert "- to: safer\n" in written and "because: Patrols go where" in written
    assert "stance" not in written.split("to: trust")[0]  # the default is left unsaid
    again = loads(written, name="again.yaml")
    assert again == model
    plain = loads(STATED.replace("because: Patrols", "because: Trucks"), name="m.yaml")
    assert plain != model  # the facts are part of what a model is


def test_exports_fields_keep_ids() -> None:
    model = loads(STATED, name="m.yaml")
    assert model.activities[0].model_dump(mode="json")["leads_to"] == ["safer", "trust"]


@pytest.mark.parametrize(
    ("old", "new", "place", "words"),
    [
        (
            "stance: refutes",
            "stance: refute",
            "m.yaml:18:37",
            "stance 'refute' is not one of supports, refutes, mixed (did you mean 'refutes'?)",
        ),
        (
            "level: measured",
            "level: measurd",
            "m.yaml:15:20",
            "level 'measurd' is not one of planned, expected",
        ),
        ("confidence: high", "confidenc: high", "m.yaml:16:9", "unknown key 'confidenc'"),
        (
            "- {to: patrols, channel: additional-intelligence}",
            "- {to: patrols, channel: extra-intelligence}",
            "m.yaml:20:23",
            "channel 'extra-intelligence' is not one of wider-perspectives",
        ),
        (
            "        confidence: high\n",
            "        confidence: high\n        channel: wider-perspectives\n",
            "m.yaml:17:9",
            "its link to 'safer' has a channel, which only an enhances link takes",
        ),
        ("{to: trust, effect: negative}", "{to: trust, effect: worse}", "m.yaml:24:35", "effect"),
    ],
)
def test_a_bad_fact_is_located_and_lists_the_choices(
    old: str, new: str, place: str, words: str
) -> None:
    assert old in STATED
    with pytest.raises(LoadError) as caught:
        loads(STATED.replace(old, new), name="m.yaml")
    message = str(caught.value)
    assert message.startswith(place + ":"), message
    assert words in message


def test_a_negative_link_counts_as_no_support() -> None:
    model = loads(STATED, name="m.yaml")
    found = trace(model).outcomes["trust"]
    # trust is fed by joint tasking and, against it, by the police's own patrols.
    assert found.trace_class is TraceClass.COLLABORATION_ONLY
    assert found.paths == 1
    positive = loads(STATED.replace("{to: trust, effect: negative}", "trust"), name="m.yaml")
    assert trace(positive).outcomes["trust"].trace_class is TraceClass.COLLABORATIVE_GAIN


def test_the_trace_on_evidence_keeps_only_links_evidenced_at_the_level() -> None:
    model = loads(STATED, name="m.yaml")
    measured = trace_on_evidence(model, "measured")
    # safer keeps only tasking's measured link: joint work alone on evidence.
    assert measured.outcomes["safer"].trace_class is TraceClass.COLLABORATION_ONLY
    assert measured.outcomes["safer"].share == 1
    # trust's one link on evidence is refuted: no support survives.
    assert measured.outcomes["trust"].trace_class is TraceClass.UNSUPPORTED
    assert measured.gains_kept() == (1, 2)
    on_evidence, as_claimed = measured.mean_shares()
    assert on_evidence == 0.5
    assert as_claimed == pytest.approx((2 / 3 + 1) / 2)
    verified = trace_on_evidence(model, Evidence.VERIFIED)
    assert verified.gains_kept() == (0, 2)  # measured is below verified
    assert "0 of 2 outcomes claiming collaboration keep it" in verified.summary()
    assert "collaborative-gain 1 -> 0" in verified.summary()


def test_trace_evidenced_on_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(STATED, "utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["trace", str(path), "--evidenced", "reported", "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    classes = {row["id"]: row["trace_class"] for row in report["outcomes"]}
    assert classes == {"safer": "collaboration-only", "trust": "unsupported"}
    assert "1 of 2 outcomes claiming collaboration keep it" in report["models"][0]["summary"]
    wrong = runner.invoke(cli, ["trace", str(path), "--evidenced", "proven"])
    assert wrong.exit_code == ExitStatus.USAGE


def test_the_workbook_carries_what_links_rest_on_and_import_reads_it_back(tmp_path: Path) -> None:
    import openpyxl

    source = tmp_path / "m.yaml"
    source.write_text(STATED, "utf-8")
    runner = CliRunner()
    book = tmp_path / "m.xlsx"
    assert (
        runner.invoke(cli, ["export", str(source), "--format", "xlsx", "-o", str(book)]).exit_code
        == 0
    )
    back = tmp_path / "back.yaml"
    result = runner.invoke(cli, ["import", str(book), "-o", str(back)])
    assert result.exit_code == 0, result.output
    assert loads(back.read_text("utf-8"), name="back.yaml") == loads(STATED, name="m.yaml")
    workbook = openpyxl.load_workbook(book)
    sheet = workbook["Links"]
    header = [cell.value for cell in sheet[1]]
    row = [cell.value for cell in sheet[2]]
    facts = dict(zip(header, row, strict=True))
    assert facts["assumptions"] == "Data is shared weekly"
    assert (facts["evidence"], facts["evidence_source"]) == ("measured", "Annual report p. 4")
    sheet.cell(3, header.index("stance") + 1, "refute")
    workbook.save(book)
    wrong = runner.invoke(cli, ["import", str(book), "-o", str(tmp_path / "wrong.yaml")])
    assert wrong.exit_code != 0
    assert (
        "Links!H3: activity 'tasking': its link #2 in 'leads_to': stance 'refute'" in wrong.output
    )


@pytest.mark.parametrize(
    "name", ["inverclyde-community-safety.yaml", "west-lothian-safer-neighbourhoods.yaml"]
)
def test_case_study_samples_state_link_evidence_from_cited_annexe_lines(name: str) -> None:
    import re

    from .conftest import ROOT

    path = ROOT / "samples" / name
    model = loads(path.read_text("utf-8"), name=name)
    stated = [
        facts
        for _, element in model.elements()
        for facts in element.link_facts.values()
        if facts.evidence is not None
    ]
    assert len(stated) >= 2
    assert any(facts.assumptions for _, e in model.elements() for facts in e.link_facts.values())
    annexe = (ROOT.parent / "shared" / "seeds" / "003_02d302b38e7f9ed7.txt").resolve()
    lines = annexe.read_text("utf-8").splitlines() if annexe.exists() else []
    for facts in stated:
        assert facts.evidence is not None and facts.evidence.source is not None
        cited = re.search(r"line (\d+)", facts.evidence.source)
        assert cited, facts.evidence.source
        # A comment in the file quotes the same line of the annexe.
        assert re.search(rf"#.*\bline.*\b{cited.group(1)}\b", path.read_text("utf-8"))
        if lines:
            assert lines[int(cited.group(1)) - 1].strip()
