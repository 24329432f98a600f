"""Loading: samples load clean, YAML and JSON give one model, odd but valid files load."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import logicmodel
from logicmodel.fileformat import parsing
from logicmodel.fileformat.loading import LoadError, load, loads
from logicmodel.models import Contribution, LogicModel, Stage

from .conftest import FIGURE1, SAMPLES

SMALL = """\
logicmodel: 1
title: Safer streets
partners:
  - {id: council, name: Inverclyde Council}
  - {id: police, name: Strathclyde Police}
  - {id: fire, name: Strathclyde Fire and Rescue}
inputs:
  - {id: wardens, label: Community wardens, by: council, leads_to: [tasking]}
  - {id: budget, label: Pooled budget, by: [council, police], leads_to: [tasking]}
  - {id: parallel, label: Separate budgets, by: [council, police], collaborative: false}
  - {id: solo-joint, label: Seconded analyst, by: police, collaborative: true}
activities:
  - {id: tasking, label: Joint tasking group, by: all, leads_to: [safer], enhances: [patrols]}
  - {id: patrols, label: Patrols, by: police, leads_to: [safer]}
interim:
  - {id: safer, label: Streets feel safer, gain: Patrols go where the data says}
"""


@pytest.mark.parametrize("path", SAMPLES, ids=[path.name for path in SAMPLES])
def test_every_sample_loads(path: Path) -> None:
    model = load(path)
    assert model.title
    assert any(True for _ in model.elements())


def test_public_api_loads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "model.yaml"
    path.write_text(SMALL, encoding="utf-8")
    model = logicmodel.load(path)
    assert isinstance(model, logicmodel.LogicModel)
    assert [element.id for _, element in model.elements()][:2] == ["wardens", "budget"]


def test_collaborative_follows_partners_unless_overridden() -> None:
    model = loads(SMALL, name="small.yaml")
    collaborative = {c.id: model.is_collaborative(c) for _, c in model.contributions()}
    assert collaborative == {
        "wardens": False,
        "budget": True,
        "parallel": False,
        "solo-joint": True,
        "tasking": True,
        "patrols": False,
    }


def test_by_all_means_every_partner() -> None:
    model = loads(SMALL, name="small.yaml")
    tasking = model.activities[0]
    assert model.partners_of(tasking) == ["council", "police", "fire"]


def test_yaml_and_json_give_the_same_model(tmp_path: Path) -> None:
    for sample in SAMPLES:
        model = load(sample)
        as_json = tmp_path / (sample.stem + ".json")
        as_json.write_text(model.model_dump_json(by_alias=True, exclude_none=True), "utf-8")
        assert load(as_json) == model


def test_byte_order_mark_windows_line_endings_and_gaelic_text(tmp_path: Path) -> None:
    text = SMALL.replace("Safer streets", "Sràidean nas sàbhailte – Comhairle Inbhir Chluaidh")
    path = tmp_path / "gàidhlig.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    model = load(path)
    assert model.title == "Sràidean nas sàbhailte – Comhairle Inbhir Chluaidh"
    assert model.activities[0].label == "Joint tasking group"


def test_yaml_words_stay_text_and_numbers_become_labels() -> None:
    text = SMALL.replace("label: Patrols,", "label: no,").replace(
        "label: Community wardens", "label: 2007"
    )
    model = loads(text, name="m.yaml")
    assert model.activities[1].label == "no"
    assert model.inputs[0].label == "2007"


def test_leads_to_accepts_one_id() -> None:
    model = loads(SMALL.replace("leads_to: [tasking]}", "leads_to: tasking}"), name="m.yaml")
    assert model.inputs[0].leads_to == ["tasking"]


def test_an_empty_section_is_an_empty_list() -> None:
    text = SMALL.replace("by: police, leads_to: [safer]}", "by: police, leads_to: }")
    text += "outputs:\nintermediate:\nultimate:\npartnership:\nadvice:\n"
    model = loads(text, name="m.yaml")
    assert model.outputs == [] and model.intermediate == [] and model.ultimate == []
    assert model.activities[1].leads_to == []
    assert model.partnership.name is None and model.advice.ignore == []


def test_yes_and_quoted_numbers_stay_text() -> None:
    """YAML 1.2 reads `yes` and '400' as text, so they are refused where true or a number goes."""
    yes = SMALL.replace("by: police, leads_to: [safer]}", "by: police, collaborative: yes}")
    quoted = SMALL.replace(
        "gain: Patrols go where the data says}",
        "indicators: [{name: Calls, target_alone: '400'}]}",
    )
    for text, message in [
        (yes, "activity 'patrols': 'collaborative' must be true or false, not text ('yes')"),
        (
            quoted,
            "interim outcome 'safer', indicator #1: 'target_alone' must be a number, "
            "not text ('400')",
        ),
    ]:
        with pytest.raises(LoadError) as caught:
            loads(text, name="m.yaml")
        assert [error.message for error in caught.value.errors] == [message]


def test_anchors_and_aliases_are_allowed() -> None:
    text = SMALL.replace("by: [council, police], leads_to", "by: &both [council, police], leads_to")
    text = text.replace(
        "by: [council, police], collaborative: false", "by: *both, collaborative: false"
    )
    model = loads(text, name="m.yaml")
    assert model.partners_of(model.inputs[2]) == ["council", "police"]


def test_several_faults_are_all_reported_in_file_order() -> None:
    text = SMALL.replace("by: police, leads_to: [safer]", "by: polce, leads_to: [safe]")
    with pytest.raises(LoadError) as caught:
        loads(text, name="m.yaml")
    messages = [(error.line, error.message) for error in caught.value.errors]
    assert [line for line, _ in messages] == [14, 14]
    assert "unknown partner 'polce'" in messages[0][1] + messages[1][1]
    assert "unknown element 'safe'" in messages[0][1] + messages[1][1]


def test_big_json_model_loads_under_the_default_limit(tmp_path: Path) -> None:
    # 100,000 elements make about 13 MB of JSON: the default limit must leave room for it.
    count = 100_000
    data = {
        "logicmodel": 1,
        "title": "Big",
        "partners": [{"id": "p1", "name": "Partner one"}, {"id": "p2", "name": "Partner two"}],
        "activities": [
            {
                "id": f"activity-{i}",
                "label": f"Activity number {i} with a realistic label",
                "by": "p1" if i % 3 else ["p1", "p2"],
                "leads_to": [f"outcome-{i % 1000}"],
                "source": "synthetic",
            }
            for i in range(count - 1000)
        ],
        "interim": [{"id": f"outcome-{i}", "label": f"Outcome {i}"} for i in range(1000)],
    }
    path = tmp_path / "big.json"
    path.write_text(json.dumps(data, indent=1), "utf-8")
    assert path.stat().st_size > 13_000_000
    model = load(path)
    assert len(model.activities) == count - 1000
    # The error path must stay linear too: locating a fault once scanned the file per value.
    data["interim"][-1]["leads_to"] = ["nowhere"]  # type: ignore[index]
    text = json.dumps(data, indent=1)
    path.write_text(text, "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "logicmodel", "check", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    line = int(result.stdout.split(":")[1])
    assert '"nowhere"' in text.splitlines()[line - 1]


def test_json_errors_point_at_the_right_line(tmp_path: Path) -> None:
    model = load(FIGURE1)
    data = json.loads(model.model_dump_json(by_alias=True, exclude_none=True))
    data["activities"][2]["leads_to"] = ["nowhere"]
    path = tmp_path / "m.json"
    text = json.dumps(data, indent=2)
    path.write_text(text, "utf-8")
    with pytest.raises(LoadError) as caught:
        load(path)
    (error,) = caught.value.errors
    assert text.splitlines()[error.line - 1].strip() == '"nowhere"'


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_damaged_files_never_crash(data: st.DataObject) -> None:
    """Any edit of a valid file gives a model or a LoadError with a position, never a crash."""
    _load_damaged(data)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_damaged_files_never_crash_the_pure_python_parser(data: st.DataObject) -> None:
    """PyYAML built without libyaml parses in pure Python; its errors go into our words too."""
    with_libyaml = parsing.yaml_loader
    parsing.yaml_loader = lambda: yaml.SafeLoader
    try:
        _load_damaged(data)
    finally:
        parsing.yaml_loader = with_libyaml


def _load_damaged(data: st.DataObject) -> None:
    original = FIGURE1.read_bytes()
    start = data.draw(st.integers(0, len(original)))
    end = data.draw(st.integers(start, min(len(original), start + 40)))
    junk = data.draw(
        st.binary(max_size=12) | st.sampled_from([b"\t", b": ", b"- ", b"[", b"&a", b"*a"])
    )
    damaged = original[:start] + junk + original[end:]
    try:
        model = loads(damaged, name="damaged.yaml")
    except LoadError as error:
        assert error.errors
        assert all(e.line >= 1 and e.col >= 1 and "\n" not in e.message for e in error.errors)
    else:
        assert isinstance(model, LogicModel)
        for stage, element in model.elements():
            assert isinstance(element, Contribution) != stage.is_outcome
            assert stage in Stage


def test_the_readme_example_is_a_valid_model() -> None:
    readme = (Path(__file__).parent.parent / "docs" / "format.md").read_text("utf-8")
    blocks = [block.split("```")[0] for block in readme.split("```yaml\n")[1:]]
    examples = [block for block in blocks if block.startswith("logicmodel: 1")]
    assert examples
    for example in examples:
        model = loads(example, name="README.md")
        assert model.partners_of(model.activities[1]) == ["council", "police", "health"]


@given(st.text(alphabet="ab\n", max_size=60), st.data())
def test_line_index_agrees_with_counting_newlines(text: str, data: st.DataObject) -> None:
    from logicmodel.fileformat.parsing import LineIndex, line_col

    offset = data.draw(st.integers(0, len(text)))
    assert LineIndex(text).line_col(offset) == line_col(text, offset)


def test_blank_text_and_numbers_beyond_any_reader_are_refused() -> None:
    base = (
        "logicmodel: 1\ntitle: T\npartners: [{id: a, name: A}]\n"
        "inputs: [{id: i, label: I, by: a, leads_to: o}]\n"
        "interim:\n  - id: o\n    label: LABEL\n"
        "    indicators: [{name: n, target_alone: NUMBER}]\n"
    )
    for label, number, words in [
        ("''", "1", "'label' is empty"),
        ("'   '", "1", "'label' is empty"),
        ("O", "1e400", "must be a finite number"),
    ]:
        with pytest.raises(LoadError) as caught:
            loads(base.replace("LABEL", label).replace("NUMBER", number), name="m.yaml")
        (fault,) = caught.value.errors
        assert words in fault.message and fault.line > 0
    model = loads(base.replace("LABEL", "O").replace("NUMBER", "1"), name="m.yaml")
    data = model.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    data["interim"][0]["indicators"][0]["target_alone"] = float("nan")
    with pytest.raises(LoadError) as caught:
        loads(json.dumps(data), name="m.json")  # Python writes NaN, as some tools do
    (fault,) = caught.value.errors
    assert "must be a finite number" in fault.message


@pytest.mark.parametrize(
    ("escaped", "code"),
    [("\\0", "U+0000"), ("\\x01", "U+0001"), ("\\f", "U+000C"), ("\\e[2J", "U+001B")],
)
def test_control_characters_are_refused_where_they_are(escaped: str, code: str) -> None:
    text = (
        "logicmodel: 1\ntitle: T\npartners: [{id: a, name: A}]\n"
        f'inputs: [{{id: i, label: "In{escaped}put", by: a, leads_to: o}}]\n'
        "interim: [{id: o, label: 'Tab\tand\nnewline are fine'}]\n"
    )
    with pytest.raises(LoadError) as caught:
        loads(text, name="m.yaml")
    (fault,) = caught.value.errors
    assert code in fault.message and fault.line == 4


def test_lone_surrogates_in_json_are_refused() -> None:
    text = '{"logicmodel": 1, "title": "T\\ud800", "partners": [{"id": "a", "name": "A"}]}'
    with pytest.raises(LoadError) as caught:
        loads(text, name="m.json")
    (fault,) = caught.value.errors
    assert "U+D800" in fault.message and fault.line == 1
