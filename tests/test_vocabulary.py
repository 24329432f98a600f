"""The models are the file format's one vocabulary: every field says whether `set` changes it,
where the workbook holds it and whether `diff` reports it, and each of those holds."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from pydantic import BaseModel

import logicmodel
from logicmodel.analysis.diffing import diff
from logicmodel.cli import cli
from logicmodel.editing.fields import FIELDS, KINDS
from logicmodel.editing.layer import Draft, EditError
from logicmodel.fileformat.loading import LoadError, load, loads
from logicmodel.fileformat.schema import generate_schema
from logicmodel.models import LogicModel, Outcome
from logicmodel.models.vocabulary import (
    Cells,
    Meta,
    Not,
    Value,
    choices,
    columns_of,
    fields_of,
    meta,
    nested,
    sheet_fields,
    value_of,
)
from logicmodel.serving.page_edits import Editor, version_of

from .conftest import FIGURE1

OUTCOME = "trust"  # an interim outcome of samples/figure1.yaml, with no evidence yet
CONTRIBUTION = "b-resources"  # a single-agency input


def _classes() -> list[type[BaseModel]]:
    """Return every model class of the format, found by walking from LogicModel."""
    found: list[type[BaseModel]] = []
    todo: list[type[BaseModel]] = [LogicModel]
    while todo:
        cls = todo.pop()
        if cls in found:
            continue
        found.append(cls)
        todo += [inner for field in cls.model_fields.values() if (inner := nested(field))]
        todo += [sub for sub in cls.__subclasses__() if sub.__module__ == cls.__module__]
    return found


FORMAT_FIELDS = [(cls, name) for cls in _classes() for name in cls.model_fields]


def _id(value: object) -> str:
    return value.__name__ if isinstance(value, type) else str(value)


@pytest.mark.parametrize(("cls", "name"), FORMAT_FIELDS, ids=_id)
def test_every_field_of_the_format_says_what_it_is(cls: type[BaseModel], name: str) -> None:
    marker = meta(cls.model_fields[name])
    assert isinstance(marker, Meta), f"{cls.__name__}.{name} needs a Meta marker"
    assert isinstance(marker.value, Value)
    # settable, in the workbook, diffed: yes, or no with the reason
    for aspect in (marker.set, marker.diff):
        assert aspect is True or (isinstance(aspect, Not) and len(aspect.reason) > 10)
    workbook = marker.workbook
    assert isinstance(workbook, Cells) or (isinstance(workbook, Not) and workbook.reason)
    if marker.set is True:
        assert any(issubclass(cls, kind) for kind in KINDS.values()), (
            f"{cls.__name__}.{name} is settable, but `set` cannot name a {cls.__name__}"
        )


def test_the_walk_finds_every_class_of_the_format() -> None:
    names = {cls.__name__ for cls in _classes()}
    assert {"Benefit", "Comparator", "IgnoredRule", "Contribution", "Outcome"} <= names


def test_the_key_order_has_no_ties() -> None:
    for cls in _classes():
        orders = [m.order for _, m in fields_of(cls).values()]
        assert len(orders) == len(set(orders)), cls.__name__


def test_the_markers_stay_out_of_the_json_schema() -> None:
    schema = generate_schema()
    for word in ("Meta", "workbook", "Cells", 'reason": "a'):
        assert word not in schema
    started = json.loads(schema)["$defs"]["Partnership"]["properties"]["started"]
    assert set(started) <= {"anyOf", "default", "description", "title"}


# ---------------------------------------------------------------- set: every settable field


def _sample_value(cls: type[BaseModel], name: str) -> tuple[Any, Any]:
    """Return a value to `set` a field to, and the value the loaded model then holds."""
    field, marker = fields_of(cls)[name]
    kind = marker.value
    if kind is Value.FLAG:
        return "true", True
    if kind is Value.PARTNERS:
        return "partner-a,partner-c", ["partner-a", "partner-c"]
    if kind is Value.PERIOD:
        return "2005", "2005"
    if kind is Value.CHOICE:
        word = choices(field)[-1]
        return word.upper(), word
    if kind is Value.ID:
        return "partner-b", "partner-b"
    if kind is Value.NEW_ID:
        return "renamed", "renamed"
    if kind is Value.IDS:  # national outcome ids: the test names the framework first
        return "safe-from-crime,public-services", ["safe-from-crime", "public-services"]
    if name == "framework":
        return "scotland-npf-2007", "scotland-npf-2007"
    assert kind is Value.TEXT, f"{cls.__name__}.{name}: no sample for {kind}"
    return "Words from the test", "Words from the test"


TARGETS = {"contribution": CONTRIBUTION, "outcome": OUTCOME, "partner": "partner-a"}
SETTABLE = [(kind, name) for kind, names in FIELDS.items() for name in names]


def _holder(model: LogicModel, kind: str, ident: str) -> Any:
    if kind == "model":
        return model
    if kind == "partnership":
        return model.partnership
    if kind == "partner":
        return next(p for p in model.partners if p.id == ident)
    return next(e for _, e in model.elements() if e.id == ident)


@pytest.mark.parametrize(("kind", "name"), SETTABLE, ids=lambda v: str(v))
def test_set_changes_every_field_the_vocabulary_marks_settable(
    kind: str, name: str, tmp_path: Path
) -> None:
    path = tmp_path / "m.yaml"
    shutil.copy(FIGURE1, path)
    ident = TARGETS.get(kind, kind)
    typed, expected = _sample_value(KINDS[kind], name)
    with logicmodel.edit(path) as draft:
        if value_of(KINDS[kind], name) is Value.IDS:
            draft.set("partnership", "framework", "scotland-npf-2007")
        draft.set(ident, name, typed)
    model = load(path)
    holder = _holder(model, kind, expected if name == "id" else ident)
    value: Any = getattr(holder, name, None)
    assert (value.value if hasattr(value, "value") else value) == expected
    assert diff(load(FIGURE1), model).entries, f"diff missed a change of {kind} {name}"


def test_a_field_set_cannot_change_is_refused_with_the_reason() -> None:
    draft = Draft.from_text(FIGURE1.read_bytes(), name="m.yaml")
    with pytest.raises(EditError, match="`link` and `unlink`"):
        draft.set(OUTCOME, "leads_to", "x")
    with pytest.raises(LoadError):
        draft.set(OUTCOME, "evidence", "proven").check()


# ---------------------------------------------------------------- set from each door


def _evidence(model: LogicModel, ident: str) -> str | None:
    outcome = next(e for _, e in model.elements() if e.id == ident)
    assert isinstance(outcome, Outcome)
    return outcome.evidence.value if outcome.evidence else None


def _comments(path: Path) -> list[str]:
    return [line for line in path.read_text("utf-8").splitlines() if "#" in line]


@pytest.fixture
def model(tmp_path: Path) -> Path:
    path = tmp_path / "m.yaml"
    shutil.copy(FIGURE1, path)
    return path


def test_the_cli_sets_the_partnerships_start_as_a_year(model: Path) -> None:
    comments = _comments(model)
    result = CliRunner().invoke(cli, ["set", str(model), "partnership", "started", "2005"])
    assert result.exit_code == 0, result.output
    assert yaml.safe_load(model.read_text("utf-8"))["partnership"]["started"] == 2005  # a number
    assert load(model).partnership.started == "2005"
    assert _comments(model) == comments


def test_the_cli_sets_an_outcomes_evidence(model: Path) -> None:
    comments = _comments(model)
    result = CliRunner().invoke(cli, ["set", str(model), OUTCOME, "evidence", "measured"])
    assert result.exit_code == 0, result.output
    assert _evidence(load(model), OUTCOME) == "measured"
    assert _comments(model) == comments


def test_the_cli_refuses_a_word_outside_a_closed_list(model: Path) -> None:
    before = model.read_bytes()
    result = CliRunner().invoke(cli, ["set", str(model), "partnership", "type", "Strategc"])
    assert result.exit_code == 2  # an invalid model: the loader's words, with its did-you-mean
    assert "'strategic'" in result.output
    assert model.read_bytes() == before


def test_python_sets_the_start_and_evidence(model: Path) -> None:
    with logicmodel.edit(model) as draft:
        draft.set("partnership", "started", 2005).set(OUTCOME, "evidence", "measured")
    loaded = load(model)
    assert loaded.partnership.started == "2005"
    assert "  started: 2005\n" in model.read_text("utf-8")
    assert "evidence: measured" in model.read_text("utf-8")


def test_a_financial_year_is_written_as_text_and_a_year_in_json_as_a_number(
    tmp_path: Path,
) -> None:
    path = tmp_path / "m.json"
    path.write_text(json.dumps(yaml.safe_load(FIGURE1.read_text("utf-8")), indent=2), "utf-8")
    with logicmodel.edit(path) as draft:
        draft.set("partnership", "started", "2005")
    assert json.loads(path.read_text("utf-8"))["partnership"]["started"] == 2005
    with logicmodel.edit(path) as draft:
        draft.set("partnership", "started", "2005-06")
    assert json.loads(path.read_text("utf-8"))["partnership"]["started"] == "2005-06"


def _page_set(model: Path, ident: str, field: str, value: object) -> dict[str, Any]:
    request = {
        "op": "set",
        "args": {"ident": ident, "field": field, "value": value},
        "version": version_of(model.read_bytes()),
    }
    return Editor(str(model)).edit(request)


def test_the_browser_editor_sets_the_start_and_evidence(model: Path) -> None:
    assert _page_set(model, "partnership", "started", 2005)["ok"]
    assert _page_set(model, OUTCOME, "evidence", "measured")["ok"]
    loaded = load(model)
    assert loaded.partnership.started == "2005"
    assert _evidence(loaded, OUTCOME) == "measured"


# ---------------------------------------------------------------- the workbook


def test_every_workbook_column_the_vocabulary_names_is_in_the_template() -> None:
    from openpyxl import load_workbook

    from logicmodel.fileformat.workbook import LINK_KINDS
    from logicmodel.renderers.xlsx import generate_template

    book = load_workbook(io.BytesIO(generate_template()), read_only=True)
    headers = {
        sheet.title: {str(c) for row in sheet.iter_rows(max_row=60, values_only=True) for c in row}
        for sheet in book.worksheets
    }
    sheets = {"Partner": "Partners", "Cost": "Costs", "Benefit": "Benefits"}
    sheets |= {"Contribution": "Elements", "Outcome": "Elements", "Element": "Elements"}
    sheets |= {"Indicator": "Indicators", "Comparator": "Indicators", "IgnoredRule": "Advice"}
    sheets |= {"LogicModel": "Model", "Partnership": "Model"}
    for cls in _classes():
        sheet = sheets.get(cls.__name__)
        if sheet is None:
            continue
        prefix = "partnership." if cls.__name__ == "Partnership" else ""
        for name in fields_of(cls):
            for column in columns_of(cls, name):
                # Links are in one place, the Links sheet, where each kind is a row's value.
                where = "Links" if sheet == "Elements" and column in LINK_KINDS else sheet
                assert prefix + column in headers[where], (cls.__name__, name, column)
        for name, own in sheet_fields(cls).items():
            assert own in headers, (cls.__name__, name, own)


# ---------------------------------------------------------------- the diff


def test_diff_reports_a_cost_added_a_benefit_changed_and_advice_switched_off() -> None:
    old = loads(FIGURE1.read_text("utf-8"), name="old.yaml")
    data = old.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    base = dict(data)
    base["partnership"] = {
        **data["partnership"],
        "benefits": [{"item": "Fewer repeat visits", "amount": 10000}],
    }
    before = LogicModel.model_validate(base)
    changed = dict(base)
    changed["partnership"] = {
        **base["partnership"],
        "costs": [{"item": "Staff time at meetings", "amount": 45000, "unit": "pounds a year"}],
        "benefits": [{"item": "Fewer repeat visits", "amount": 12000}],
    }
    changed["advice"] = {"ignore": data["advice"]["ignore"][1:]}
    after = LogicModel.model_validate(changed)
    result = diff(before, after)
    fields = {(entry.id, entry.field): entry for entry in result.entries}
    assert fields[("partnership", "costs")].after[0]["amount"] == 45000
    assert fields[("partnership", "benefits")].before[0]["amount"] == 10000
    assert fields[("partnership", "benefits")].after[0]["amount"] == 12000
    assert len(fields[("advice", "ignore")].before) == len(data["advice"]["ignore"])
    assert "no differences" not in result.text()
    assert "45000" in result.text()


def test_diff_follows_a_renamed_partner_through_a_costs_bearers() -> None:
    old = loads(FIGURE1.read_text("utf-8"), name="old.yaml")
    data = old.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    data["partnership"]["costs"] = [{"item": "Staff time", "by": "partner-a"}]
    before = LogicModel.model_validate(data)
    draft = Draft.from_text(yaml.safe_dump(data, sort_keys=False), name="m.yaml")
    after = draft.rename_partner("partner-a", "partner-z").model
    entries = diff(before, after).entries
    assert [e.field for e in entries if e.id == "partnership"] == []


def test_diff_from_the_cli_sees_a_cost_of_45000_and_exits_1(model: Path, tmp_path: Path) -> None:
    text = model.read_text("utf-8")
    added = text.replace(
        "  name: An outcome-focused partnership\n",
        "  name: An outcome-focused partnership\n"
        "  costs:\n    - {item: Staff time at meetings, amount: 45000, unit: pounds a year}\n",
        1,
    )
    assert added != text
    changed = tmp_path / "new.yaml"
    changed.write_text(added, "utf-8")
    result = CliRunner().invoke(cli, ["diff", str(model), str(changed), "--exit-code"])
    assert result.exit_code == 1, result.output
    assert "45000" in result.output
    assert "no differences" not in result.output


def test_diff_reports_an_indicators_figures_changed() -> None:
    old = loads(FIGURE1.read_text("utf-8"), name="old.yaml")
    data = old.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    indicator = {"name": "Incidents", "actuals": {"2007": 30}}
    data["interim"][0]["indicators"] = [indicator]
    before = LogicModel.model_validate(data)
    data["interim"][0]["indicators"] = [{**indicator, "actuals": {"2007": 30, "2008": 26}}]
    entries = diff(before, LogicModel.model_validate(data)).entries
    changed = [e for e in entries if e.field == "indicators"]
    assert len(changed) == 1
    assert changed[0].after[0]["actuals"] == {"2007": 30, "2008": 26}


# A model with every field the workbook holds given a value.
FULL: dict[str, Any] = {
    "logicmodel": 1,
    "title": "Every field",
    "area": "Anytown",
    "notes": "Model notes",
    "source": "Model source",
    "partnership": {
        "name": "Anytown partnership",
        "type": "statutory",
        "focus": "Safer streets",
        "vision": "A town people enjoy at night",
        "lead": "council",
        "started": "2004-05",
        "stage": "plan",
        "framework": "scotland-npf-2007",
        "national_outcomes": ["safe-from-crime", "strong-communities"],
        "notes": "Partnership notes",
        "costs": [
            {
                "item": "Shared post",
                "amount": [30000, 35000],
                "unit": "pounds a year",
                "by": ["council", "police"],
                "notes": "Cost notes",
                "source": "Cost source",
            }
        ],
        "benefits": [
            {
                "item": "Fewer call-outs",
                "amount": 4000,
                "unit": "pounds a year",
                "by": "police",
                "outcome": "safer",
                "evidence": "reported",
                "notes": "Benefit notes",
                "source": "Benefit source",
            }
        ],
    },
    "partners": [
        {"id": "council", "name": "Anytown Council", "short": "Council", "notes": "Partner notes"},
        {"id": "police", "name": "Anytown Police", "unassigned": False},
    ],
    "activities": [
        {
            "id": "tasking",
            "label": "Joint tasking",
            "theme": "Safety",
            "by": ["council", "police"],
            "collaborative": True,
            "leads_to": ["safer"],
            "enhances": ["patrols"],
            "lead": "police",
            "category": "shared-resources",
            "notes": "Activity notes",
            "source": "Activity source",
        },
        {"id": "patrols", "label": "Patrols", "by": "police", "leads_to": ["safer"]},
    ],
    "interim": [
        {
            "id": "safer",
            "label": "Streets feel safer",
            "theme": "Safety",
            "leads_to": ["calm"],
            "gain": "Patrols where the data says",
            "evidence": "measured",
            "lead": "council",
            "category": "trust",
            "notes": "Outcome notes",
            "source": "Outcome source",
            "indicators": [
                {
                    "name": "Incidents at night",
                    "unit": "incidents",
                    "actuals": {"2007": 30, "2008": 26},
                    "target_alone": 25,
                    "target_together": 20,
                    "target": 22,
                    "target_period": "2010",
                    "better": "lower",
                    "minimum": 0,
                    "maximum": 1000,
                    "comparator": {
                        "name": "The county",
                        "actuals": {"2007": 300},
                        "notes": "Comparator notes",
                        "source": "Comparator source",
                    },
                    "benchmark": {
                        "name": "The region",
                        "rule": "within",
                        "margin": 5,
                        "actuals": {"2007": 28},
                        "source": "Benchmark source",
                    },
                    "notes": "Indicator notes",
                    "source": "Indicator source",
                }
            ],
        }
    ],
    "intermediate": [
        {"id": "calm", "label": "A calm town centre", "contributes_to": ["safe-from-crime"]}
    ],
    "advice": {"ignore": [{"code": "LM114", "reason": "No costs to weigh yet"}]},
}


def _given(data: Any, cls: type[BaseModel], name: str) -> bool:
    """Return whether some mapping of `cls`'s fields in `data` gives `name` a value."""
    if isinstance(data, dict):
        if set(data) <= set(cls.model_fields) | {"$schema"} and data.get(name) is not None:
            return True
        return any(_given(value, cls, name) for value in data.values())
    if isinstance(data, list):
        return any(_given(value, cls, name) for value in data)
    return False


def test_every_workbook_field_survives_a_round_trip_through_the_workbook() -> None:
    from logicmodel.analysis.tracing import trace
    from logicmodel.fileformat.importing import read_workbook
    from logicmodel.renderers.xlsx import generate_xlsx

    for cls in _classes():
        for name in fields_of(cls):
            if columns_of(cls, name) and cls.__name__ not in ("Element", "Cost"):
                assert _given(FULL, cls, name), f"FULL gives {cls.__name__}.{name} no value"
    model = LogicModel.model_validate(FULL)
    data, _ = read_workbook(generate_xlsx(model, trace(model)))
    assert LogicModel.model_validate(data) == model
