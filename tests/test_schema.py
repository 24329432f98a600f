"""The JSON Schema agrees with the loader: what loads validates, and what the loader refuses
for its shape, the schema refuses too. Editors check files against the schema as people type,
so a schema stricter than the loader marks good files wrong, and a looser one misses slips."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, BeforeValidator

from logicmodel import models
from logicmodel.fileformat.loading import LoadError, loads
from logicmodel.fileformat.parsing import parse_json, parse_yaml
from logicmodel.fileformat.schema import file_schema, generate_schema
from logicmodel.models import links

from .conftest import ROOT, SAMPLES
from .test_load import SMALL

SCHEMA = file_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
BAD = Path(__file__).parent / "bad"


def _data(text: str, name: str) -> Any:
    """Return a file's data as the loader reads it: YAML 1.2 words, keys as text."""
    return (parse_json(text) if name.endswith(".json") else parse_yaml(text)).data


def _schema_errors(text: str, name: str = "m.yaml") -> list[str]:
    return [error.message for error in VALIDATOR.iter_errors(_data(text, name))]


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert generate_schema().startswith("{")


@pytest.mark.parametrize("path", SAMPLES, ids=[path.name for path in SAMPLES])
def test_every_sample_validates(path: Path) -> None:
    assert _schema_errors(path.read_text("utf-8"), path.name) == []


def test_the_test_models_and_the_readme_example_validate() -> None:
    readme = (ROOT / "docs" / "format.md").read_text("utf-8")
    examples = [block.split("```")[0] for block in readme.split("```yaml\n")[1:]]
    examples = [example for example in examples if example.startswith("logicmodel: 1")]
    assert examples
    for text in [SMALL, *examples]:
        loads(text, name="m.yaml")
        assert _schema_errors(text) == []


BASE = """\
logicmodel: 1
title: Safer streets
partnership: {name: Community safety partnership, type: strategic, lead: council}
partners:
  - {id: council, name: Inverclyde Council}
  - {id: police, name: Strathclyde Police}
inputs:
  - {id: wardens, label: Community wardens, by: council, leads_to: [tasking]}
activities:
  - {id: tasking, label: Joint tasking, by: all, leads_to: [safer], enhances: [patrols]}
  - {id: patrols, label: Patrols, by: police, leads_to: [safer]}
interim:
  - id: safer
    label: Streets feel safer
    indicators:
      - {name: Calls about disorder, unit: calls, actuals: {2007: 410}, target_alone: 400}
"""


def _edit(old: str, new: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        assert old in text, old
        return text.replace(old, new)

    return edit


def _append(extra: str) -> Callable[[str], str]:
    return lambda text: text + extra


# Forms the loader accepts that a plain reading of the models' types would not.
ACCEPTED = {
    "one id for leads_to": _edit("leads_to: [tasking]}", "leads_to: tasking}"),
    "one id for enhances": _edit("enhances: [patrols]", "enhances: patrols"),
    "by a list": _edit("by: council,", "by: [police, council],"),
    "by all": _edit("by: council,", "by: all,"),
    "nothing under leads_to": _edit("leads_to: [tasking]}", "leads_to: }"),
    "a number as a label": _edit("label: Patrols", "label: 2007"),
    "a decimal as a label": _edit("label: Patrols", "label: 2.5"),
    "a number as a title": _edit("title: Safer streets", "title: 2007"),
    "a number as an id": _edit("{id: wardens,", "{id: 42,"),
    "one number for enhances": lambda text: text.replace(
        "enhances: [patrols]", "enhances: 42"
    ).replace("id: patrols,", "id: 42,"),
    "an empty section": _append("ultimate:\n"),
    "every section empty": _append("outputs:\nintermediate:\nultimate:\n"),
    "an empty partnership": _edit(
        "partnership: {name: Community safety partnership, type: strategic, lead: council}",
        "partnership:",
    ),
    "an empty advice section": _append("advice:\n"),
    "nothing under indicators": _edit(
        "    indicators:\n      - {name: Calls about disorder, unit: calls, actuals: "
        "{2007: 410}, target_alone: 400}\n",
        "    indicators:\n",
    ),
    "nothing under actuals": _edit("actuals: {2007: 410}", "actuals: "),
    "a decimal as a target": _edit("target_alone: 400", "target_alone: 400.5"),
    "an optional field left empty": _edit(
        "{name: Calls about disorder, unit: calls,", "{name: Calls about disorder, unit: ,"
    ),
    "collaborative true": _edit("by: council,", "by: council, collaborative: true,"),
    "a $schema line": lambda text: "$schema: ./logicmodel.fileformat.schema.json\n" + text,
    "costs": _edit(
        "lead: council}",
        "lead: council, costs: [{item: Meetings, amount: 3, by: [council, police]}]}",
    ),
    "advice ignored": _append("advice:\n  ignore:\n    - {code: LM114, reason: Pilot year}\n"),
    "the version as 1.0": _edit("logicmodel: 1\n", "logicmodel: 1.0\n"),
    "a link stated as an object": _edit(
        "leads_to: [safer], enhances: [patrols]",
        "leads_to: [{to: safer, because: Patrols go where trouble is, assumptions: [Data "
        "shared], external_factors: A fall in crime, evidence: {level: measured, stance: "
        "mixed, source: p. 4}, confidence: high}], enhances: [{to: patrols, channel: "
        "additional-intelligence}]",
    ),
    "one link object alone, evidence as its level": _edit(
        "leads_to: [safer]}", "leads_to: {to: safer, evidence: reported, effect: negative}}"
    ),
}


@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_what_the_loader_accepts_validates(name: str) -> None:
    text = ACCEPTED[name](BASE)
    assert text != BASE
    loads(text, name="m.yaml")
    assert _schema_errors(text) == []


# Shapes the loader refuses and the schema can say are wrong.
REFUSED = {
    "an unknown section": _append("short_term:\n  - {id: s, label: S}\n"),
    "an unknown key on an element": _edit("label: Patrols", "lable: Patrols"),
    "a stage as a mapping": _append("ultimate: {id: u, label: U}\n"),
    "a stage as text": _append("ultimate: Safer communities\n"),
    "an outcome with by": _edit(
        "label: Streets feel safer", "label: Streets feel safer\n    by: police"
    ),
    "an input without by": _edit(
        "label: Community wardens, by: council,", "label: Community wardens,"
    ),
    "no title": _edit("title: Safer streets\n", ""),
    "nothing under partners": _edit(
        "  - {id: council, name: Inverclyde Council}\n  - {id: police, name: Strathclyde Police}\n",
        "",
    ),
    "an empty list of partners": _edit(
        "partners:\n  - {id: council, name: Inverclyde Council}\n"
        "  - {id: police, name: Strathclyde Police}\n",
        "partners: []\n",
    ),
    "leads_to as a mapping": _edit("leads_to: [tasking]}", "leads_to: {tasking: 1}}"),
    "collaborative: yes (text in YAML 1.2)": _edit(
        "by: police,", "by: police, collaborative: yes,"
    ),
    "a quoted number as an amount": _edit("target_alone: 400", "target_alone: '400'"),
    "true as a label": _edit("label: Patrols", "label: true"),
    "an unknown partnership type": _edit("type: strategic", "type: formal"),
    "another format version": _edit("logicmodel: 1\n", "logicmodel: 2\n"),
    "a partner without a name": _edit("{id: police, name: Strathclyde Police}", "{id: police}"),
    "an unknown stance on a link": _edit(
        "leads_to: [safer], enhances",
        "leads_to: [{to: safer, evidence: {level: reported, stance: refute}}], enhances",
    ),
    "a link object without its target": _edit(
        "leads_to: [safer], enhances", "leads_to: [{because: x}], enhances"
    ),
    "an unknown key on a link": _edit(
        "leads_to: [safer], enhances", "leads_to: [{to: safer, confidenc: high}], enhances"
    ),
    "an unknown channel": _edit("enhances: [patrols]", "enhances: [{to: patrols, channel: x}]"),
    "a short reason to ignore advice": _append(
        "advice:\n  ignore:\n    - {code: LM114, reason: no}\n"
    ),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_what_the_loader_refuses_for_its_shape_the_schema_refuses(name: str) -> None:
    text = REFUSED[name](BASE)
    with pytest.raises(LoadError):
        loads(text, name="m.yaml")
    assert _schema_errors(text)


# Bad inputs whose fault is the file's shape, which a schema can see (the rest are about
# references, links or the text itself, which it cannot).
SHAPE_FAULTS = [
    "collaborative-not-bool.yaml",
    "focus-at-top-level.yaml",
    "key-at-left-margin.yaml",
    "leads-to-not-a-list.yaml",
    "missing-label.yaml",
    "missing-version.yaml",
    "misspelt-key.yaml",
    "misspelt-section.yaml",
    "outcome-with-by.yaml",
    "partners-not-a-list.json",
    "title-is-a-list.yaml",
    "unknown-partnership-type.yaml",
    "unknown-section.yaml",
    "unknown-version.yaml",
]


@pytest.mark.parametrize("name", SHAPE_FAULTS)
def test_bad_inputs_of_the_wrong_shape_fail_the_schema(name: str) -> None:
    assert _schema_errors((BAD / name).read_text("utf-8"), name)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_edit_the_loader_accepts_validates(data: st.DataObject) -> None:
    """Change a few characters of a sample: if the loader takes the result, so does the schema."""
    original = data.draw(st.sampled_from(SAMPLES)).read_text("utf-8")
    start = data.draw(st.integers(0, len(original)))
    end = data.draw(st.integers(start, min(len(original), start + 30)))
    junk = data.draw(
        st.sampled_from(["", " ", "\n", "[", "]", "{", "}", ",", ": ", "- ", "1", "2.5", "~", "x"])
    )
    text = original[:start] + junk + original[end:]
    try:
        loads(text, name="edited.yaml")
    except LoadError:
        return
    assert _schema_errors(text) == []


def test_every_input_form_the_models_read_is_in_the_schema() -> None:
    """A new validator that reads another form needs the schema (and the tests above) too."""
    described = {
        models.one_or_many,
        models.none_as_empty_list,
        models.none_as_empty_mapping,
        links.ids_or_links,
        links.level_alone,
        links.one_text_or_many,
    }
    classes = [
        value
        for value in [*vars(models).values(), *vars(links).values()]
        if isinstance(value, type) and issubclass(value, BaseModel)
    ]
    for cls in classes:
        for name, field in cls.model_fields.items():
            for meta in field.metadata:
                if isinstance(meta, BeforeValidator):
                    assert meta.func in described, f"{cls.__name__}.{name}"
        before = {
            decorator.cls_var_name
            for decorator in cls.__pydantic_decorators__.field_validators.values()
            if decorator.info.mode == "before"
        }
        # `by` reads a number or a list of numbers as ids: numbers as text, as everywhere.
        assert before <= {"_by_is_ids"}, cls.__name__
