"""The measuring verbs: every field of an indicator, a cost and a benefit is added, changed and
removed from the command line and from Python, through the editing layer's checked,
comment-keeping path; the fields come from the format's vocabulary."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result
from pydantic import BaseModel

import logicmodel
from logicmodel.cli import cli
from logicmodel.editing.layer import Draft, EditError
from logicmodel.fileformat.loading import LoadError, load
from logicmodel.models import Benefit, Cost, Indicator, LogicModel
from logicmodel.models.vocabulary import Value, choices, entry_fields, fields_of, nested

from .conftest import FIGURE1

OUTCOME = "trust"  # an interim outcome of samples/figure1.yaml

MEASURE_COMMANDS = [
    ["indicator"],
    ["indicator", "add"],
    ["indicator", "set"],
    ["indicator", "remove"],
    ["actual"],
    ["target"],
    ["comparator"],
    ["cost"],
    ["cost", "add"],
    ["cost", "set"],
    ["cost", "remove"],
    ["benefit"],
    ["benefit", "add"],
    ["benefit", "set"],
    ["benefit", "remove"],
]


@pytest.fixture
def model(tmp_path: Path) -> Path:
    path = tmp_path / "m.yaml"
    shutil.copy(FIGURE1, path)
    return path


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def comments(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text("utf-8").splitlines() if "#" in line]


def with_indicator(path: Path) -> Path:
    result = run(
        "indicator", "add", path, OUTCOME, "Partners who trust each other", "--unit", "percent",
        "--better", "higher", "--actual", "2004=40", "--actual", "2005=45",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return path


@pytest.mark.parametrize("command", MEASURE_COMMANDS, ids=" ".join)
def test_every_measuring_command_explains_itself_with_an_example(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.output
    found: click.Command = cli
    for word in command:
        assert isinstance(found, click.Group)
        found = found.commands[word]
    assert all(p.help for p in found.params if isinstance(p, click.Option))


# ---------------------------------------------------------------- every field, from the vocabulary


def _sample(cls: type[BaseModel], field: str) -> tuple[str, Any]:
    """Return a value to type for a field, and the value the loaded model then holds."""
    holder, _, sub = field.rpartition(".")
    owner = nested(fields_of(cls)[holder][0]) if holder else cls
    assert owner is not None
    info, meta = fields_of(owner)[sub]
    kind = meta.value
    if kind is Value.NUMBER and sub == "minimum":  # a bound below every value the entry holds
        return "0", 0
    if kind is Value.NUMBER:
        return "1,250", 1250
    if kind is Value.AMOUNT:
        return "100..150.5", [100, 150.5]
    if kind is Value.PERIOD:
        return "2010-11", "2010-11"
    if kind is Value.CHOICE:
        word = choices(info)[-1]
        return word.upper(), word
    if kind is Value.IDS:
        return "partner-a,partner-b", ["partner-a", "partner-b"]
    if kind is Value.ID:
        return OUTCOME, OUTCOME
    assert kind is Value.TEXT, f"{field}: no sample for {kind}"
    return "Words from the test", "Words from the test"


def _value(model: LogicModel, kind: str, field: str) -> Any:
    holder: Any
    if kind == "indicator":
        holder = next(e for _, e in model.elements() if e.id == OUTCOME).indicators[0]
    else:
        holder = getattr(model.partnership, f"{kind}s")[0]
    for part in field.split("."):
        holder = getattr(holder, part)
    return holder.value if hasattr(holder, "value") else holder


ENTRY_FIELDS = [
    (kind, cls, field)
    for kind, cls in (("indicator", Indicator), ("cost", Cost), ("benefit", Benefit))
    for field in entry_fields(cls)
]


def _prepared(path: Path, kind: str) -> list[str]:
    """Give the model one entry of a kind (and a comparator); return how `set` names it."""
    if kind == "indicator":
        with_indicator(path)
        assert run("comparator", path, OUTCOME, "Scotland", "--actual", "2004=30").exit_code == 0
        given = run("target", path, OUTCOME, "--benchmark", "Region", "--rule", "above")
        assert given.exit_code == 0, given.output
        return ["indicator", "set", str(path), OUTCOME]
    assert run(kind, "add", path, "Staff time", "--amount", "10").exit_code == 0
    return [kind, "set", str(path), "staff TIME"]


@pytest.mark.parametrize(("kind", "cls", "field"), ENTRY_FIELDS, ids=lambda v: str(v))
def test_set_changes_every_field_of_an_entry_and_unset_removes_each_optional_one(
    kind: str, cls: type[BaseModel], field: str, model: Path
) -> None:
    verb = _prepared(model, kind)
    before = comments(model)
    typed, expected = _sample(cls, field)
    result = run(*verb[:3], *verb[3:], field, typed)
    assert result.exit_code == 0, result.output
    assert _value(load(model), kind, field) == expected
    assert comments(model) == before
    if field in ("name", "item", "comparator.name", "benchmark.name", "benchmark.rule"):
        return  # required: the entry cannot do without it
    result = run(*verb[:3], *verb[3:], field, "--unset")
    assert result.exit_code == 0, result.output
    assert _value(load(model), kind, field) is None
    assert comments(model) == before


def test_an_entry_field_is_an_option_of_its_add_command_with_the_formats_description() -> None:
    add = cli.commands["indicator"].commands["add"]  # type: ignore[attr-defined]
    options = {p.name: p for p in add.params if isinstance(p, click.Option)}
    assert options["target_together"].help == Indicator.model_fields["target_together"].description
    for field in entry_fields(Indicator):
        assert field == "name" or field.replace(".", "__") in options


# ---------------------------------------------------------------- actuals and targets


def test_actuals_stay_in_time_order_and_years_are_written_as_numbers(model: Path) -> None:
    with_indicator(model)
    for period, value in (("2006-07", "52"), ("2003", "31.5"), ("2005", "46")):
        assert run("actual", model, OUTCOME, period, value).exit_code == 0
    indicator = load(model).interim[7].indicators[0]
    assert indicator.actuals == {"2003": 31.5, "2004": 40, "2005": 46, "2006-07": 52}
    text = model.read_text("utf-8")
    assert "2003: 31.5" in text and "'2003'" not in text and "2006-07: 52" in text
    assert text.index("2003:") < text.index("2004:") < text.index("2006-07:")
    result = run("actual", model, OUTCOME, "2004", "--remove")
    assert result.exit_code == 0, result.output
    assert "2004" not in load(model).interim[7].indicators[0].actuals


def test_targets_together_and_alone_set_in_one_edit(model: Path) -> None:
    with_indicator(model)
    result = run("target", model, OUTCOME, "--alone", "50", "--together", "60", "--period", "2010")
    assert result.exit_code == 0, result.output
    assert "alone 50, together 60, period 2010" in result.output
    indicator = load(model).interim[7].indicators[0]
    assert (indicator.target_alone, indicator.target_together) == (50, 60)
    assert indicator.target_period == "2010"
    assert run("target", model, OUTCOME).exit_code == 4


def test_a_comparators_values_and_its_removal(model: Path) -> None:
    with_indicator(model)
    refused = run("actual", model, OUTCOME, "2004", "30", "--comparator")
    assert refused.exit_code == 4 and "has no comparator" in refused.output
    assert run("comparator", model, OUTCOME, "Scotland", "--actual", "2004=30").exit_code == 0
    assert run("actual", model, OUTCOME, "2005", "33", "--comparator").exit_code == 0
    comparator = load(model).interim[7].indicators[0].comparator
    assert comparator is not None and comparator.actuals == {"2004": 30, "2005": 33}
    assert run("indicator", "set", model, OUTCOME, "comparator.name", "--unset").exit_code == 0
    assert load(model).interim[7].indicators[0].comparator is None


def test_dry_run_prints_the_diff_and_writes_nothing(model: Path) -> None:
    before = model.read_bytes()
    result = run("indicator", "add", model, OUTCOME, "Trust", "--actual", "2004=40", "--dry-run")
    assert result.exit_code == 0
    assert "+      - name: Trust" in result.output and "+          2004: 40" in result.output
    assert model.read_bytes() == before


# ---------------------------------------------------------------- naming an entry, refusals


def test_an_indicator_is_named_by_its_name_in_any_case_or_its_number(model: Path) -> None:
    with_indicator(model)
    assert run("indicator", "add", model, OUTCOME, "Joint meetings held").exit_code == 0
    several = run("actual", model, OUTCOME, "2004", "10")
    assert several.exit_code == 4 and "say which" in several.output
    assert "'Joint meetings held'" in several.output
    assert (
        run("actual", model, OUTCOME, "2004", "10", "--indicator", "joint MEETINGS held").exit_code
        == 0
    )
    assert run("actual", model, OUTCOME, "2005", "12", "--indicator", "2").exit_code == 0
    assert load(model).interim[7].indicators[1].actuals == {"2004": 10, "2005": 12}
    typo = run("indicator", "remove", model, OUTCOME, "--indicator", "Joint meeting held")
    assert typo.exit_code == 4 and "did you mean 'Joint meetings held'" in typo.output
    assert run("indicator", "remove", model, OUTCOME, "--indicator", "1").exit_code == 0
    assert [i.name for i in load(model).interim[7].indicators] == ["Joint meetings held"]


def test_a_bad_value_is_one_line_and_the_file_is_untouched(model: Path) -> None:
    with_indicator(model)
    before = model.read_bytes()
    cases: list[tuple[list[str | Path], str]] = [
        (["actual", model, OUTCOME, "2005", "lots"], "is a number"),
        (["actual", model, OUTCOME, "2005/6", "3"], "financial year"),
        (["indicator", "set", model, OUTCOME, "better", "upwards"], "better"),
        (["cost", "add", model, "Time", "--amount", "5..3"], "low"),
        (["benefit", "add", model, "Calls", "--outcome", "trst"], "did you mean 'trust'"),
    ]
    for args, words in cases:
        result = run(*args)
        assert result.exit_code in (2, 4), result.output
        assert words in result.output
        assert "Traceback" not in result.output
        assert model.read_bytes() == before


def test_removing_a_cost_takes_its_own_comments_and_leaves_the_rest(model: Path) -> None:
    assert run("cost", "add", model, "Staff time", "--amount", "100", "--by", "all").exit_code == 0
    assert run("cost", "add", model, "Room hire", "--amount", "20").exit_code == 0
    text = model.read_text("utf-8").replace(
        "    - item: Room hire", "    # booked by the council\n    - item: Room hire"
    )
    model.write_text(text, "utf-8")
    before = comments(model)
    result = run("cost", "remove", model, "room hire")
    assert result.exit_code == 0, result.output
    assert comments(model) == [c for c in before if c != "# booked by the council"]
    assert [c.item for c in load(model).partnership.costs] == ["Staff time"]


def test_a_json_model_gets_an_indicator_and_a_benefit_as_json(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    path.write_text(
        '{\n  "logicmodel": 1,\n  "title": "T",\n  "partners": [{"id": "a", "name": "A"}],\n'
        '  "interim": [\n    {"id": "x", "label": "X"}\n  ]\n}\n',
        "utf-8",
    )
    assert run("indicator", "add", path, "x", "Count", "--actual", "2004=3").exit_code == 0
    assert (
        run("benefit", "add", path, "Saving", "--amount", "1..2", "--outcome", "x").exit_code == 0
    )
    model = load(path)
    assert model.interim[0].indicators[0].actuals == {"2004": 3}
    assert model.partnership.benefits[0].amount == [1, 2]


# ---------------------------------------------------------------- the Python API


def test_python_builds_the_same_measures_through_edit(model: Path) -> None:
    before = comments(model)
    with logicmodel.edit(model) as draft:
        draft.add_indicator(OUTCOME, "Trust", unit="percent", better="higher", actuals={2004: 40})
        draft.set_actual(OUTCOME, 2005, 45).set_targets(OUTCOME, alone=50, together=60)
        draft.add_comparator(OUTCOME, "Scotland", actuals={"2004": 30})
        draft.add_cost("Staff time", amount=[4500, 5000], unit="pounds", by="all")
        draft.add_benefit("Calls saved", amount=3000, unit="pounds", outcome=OUTCOME)
        draft.set_ledger("benefit", 1, "evidence", "measured")
    loaded = load(model)
    indicator = loaded.interim[7].indicators[0]
    assert indicator.actuals == {"2004": 40, "2005": 45} and indicator.target_together == 60
    assert loaded.partnership.costs[0].by == "all"
    assert loaded.partnership.benefits[0].evidence is not None
    assert comments(model) == before
    with pytest.raises(EditError, match="has no field 'colour'"):
        Draft.open(model).add_indicator(OUTCOME, "Other", colour="red")


# ---------------------------------------------------------------- partners and links, named


def test_a_partner_named_by_short_name_or_case_gets_its_id_suggested(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        "logicmodel: 1\ntitle: T\npartners:\n"
        "  - {id: nhs-greater-clyde, name: NHS Greater Clyde, short: NHS}\n"
        "  - {id: council, name: Inverclyde Council}\n",
        "utf-8",
    )
    for by in ("NHS", "nhs greater clyde", "Council"):
        result = run("add", path, "activities", "--label", "Brief interventions", "--by", by)
        assert result.exit_code == 4
        assert "did you mean" in result.output
    assert "'nhs-greater-clyde'" in run("cost", "add", path, "Time", "--by", "nhs").output
    # `by: all` means every partner, on a cost as on an element.
    assert run("cost", "add", path, "Time", "--by", "all").exit_code == 0
    assert load(path).partnership.costs[0].by == "all"


def test_a_loaded_file_naming_a_partner_by_short_name_gets_the_did_you_mean() -> None:
    text = (
        "logicmodel: 1\ntitle: T\npartners:\n"
        "  - {id: nhs-gc, name: NHS Greater Clyde, short: NHS}\n"
        "activities:\n  - {id: a, label: A, by: NHS}\n"
    )
    with pytest.raises(LoadError, match="did you mean 'nhs-gc', the id of NHS Greater Clyde"):
        logicmodel.loads(text, name="m.yaml")


def test_add_without_an_id_makes_one_from_the_label(model: Path) -> None:
    result = run("add", model, "ultimate", "--label", "A fairer, healthier Anytown")
    assert result.exit_code == 0, result.output
    assert "'a-fairer-healthier-anytown'" in result.output
    assert load(model).ultimate[-1].id == "a-fairer-healthier-anytown"


def test_a_missing_link_target_never_suggests_the_element_being_added(model: Path) -> None:
    result = run(
        "add", model, "ultimate", "--id", "trusted", "--label", "T", "--leads-to", "trusts"
    )
    assert result.exit_code == 2
    assert "'trusted'?" not in result.output and "did you mean 'trust'" in result.output


def test_unlink_of_an_enhances_link_hints_the_flag(model: Path) -> None:
    data = load(model)
    source = next(e for _, e in data.contributions() if e.enhances)
    result = run("unlink", model, source.id, source.enhances[0])
    assert result.exit_code == 4 and "add --enhances" in result.output
    assert run("unlink", model, source.id, source.enhances[0], "--enhances").exit_code == 0


def test_set_model_notes_goes_beside_source_where_the_file_has_it(model: Path) -> None:
    result = run("set", model, "model", "notes", "Drafted at the workshop")
    assert result.exit_code == 0, result.output
    keys = [
        line.split(":")[0] for line in model.read_text("utf-8").splitlines() if line[:1].isalpha()
    ]
    assert keys.index("notes") + 1 == keys.index("source")


# ---------------------------------------------------------------- the planners' guide


def _console_blocks(section: str) -> list[str]:
    """Return the ```console blocks of a section, continuation lines joined."""
    blocks = section.split("```console\n")[1:]
    return [block.split("```", 1)[0].replace("\\\n", " ") for block in blocks]


def test_the_guides_measuring_commands_run_after_the_building_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shlex

    guide = (FIGURE1.parent.parent / "docs" / "planners.md").read_text("utf-8")
    building = guide.split("## Building and editing models\n", 1)[1].split("\n## ", 1)[0]
    measuring = building.split("### Indicators, targets, costs and benefits\n", 1)[1]
    monkeypatch.chdir(tmp_path)
    lines = [
        *_console_blocks(building)[0].splitlines(),
        *_console_blocks(measuring)[0].splitlines(),
    ]
    for line in lines:
        words = shlex.split(line, comments=True)
        assert words[0] == "logicmodel"
        result = run(*words[1:])
        assert result.exit_code == 0, (line, result.output)
    model = load(tmp_path / "safer.yaml")
    indicator = model.interim[0].indicators[0]
    assert indicator.actuals == {"2003": 1320, "2004": 1260}
    assert model.partnership.costs[0].by == "all"
    refused = run("cost", "add", "safer.yaml", "Time", "--by", "NHS")
    assert "did you mean 'health', the id of Anytown Health Board?" in refused.output


def test_removing_the_last_indicator_or_cost_takes_its_key_too(model: Path) -> None:
    before = model.read_text("utf-8")
    with_indicator(model)
    assert run("cost", "add", model, "Staff time").exit_code == 0
    assert run("indicator", "remove", model, OUTCOME).exit_code == 0
    assert run("cost", "remove", model, "1").exit_code == 0
    text = model.read_text("utf-8")
    assert "indicators" not in text.split("id: trust", 1)[1].split("- id:", 1)[0]
    assert "  costs:" not in text and comments(model) == [
        line.strip() for line in before.splitlines() if "#" in line
    ]


def test_each_refusal_and_summary_names_what_it_is_about(model: Path) -> None:
    added = run("indicator", "add", model, OUTCOME, "Trust", "--unit", "percent")
    assert added.output.strip().endswith("added indicator 'Trust' to interim outcome 'trust'")
    draft = Draft.open(model)
    with pytest.raises(
        EditError,
        match=r"'colour' is not a field to set on indicator 'Trust' "
        r"of interim outcome 'trust'; it takes name, unit",
    ):
        draft.set_indicator(OUTCOME, "colour", "red")
    with pytest.raises(EditError, match=r"'actuals' is not a field to set .*\(`logicmodel actual`"):
        draft.set_indicator(OUTCOME, "actuals", "3")
    with pytest.raises(EditError, match=r"has no indicator 'Zzz' \(indicators: 'Trust'\)$"):
        draft.remove_indicator(OUTCOME, indicator="Zzz")
    with pytest.raises(EditError, match="no list 'costs': say cost or benefit"):
        draft.set_ledger("costs", 1, "unit", "hours")
    with pytest.raises(EditError, match="the partnership has no costs yet"):
        draft.remove_ledger("cost", 1)


def test_adding_a_cost_or_benefit_says_its_amount_and_unit(model: Path) -> None:
    ranged = run("cost", "add", model, "Staff time", "--amount", "4500..5000", "--unit", "pounds")
    assert ranged.output.strip().endswith("added cost 'Staff time' (4500 to 5000 pounds)")
    bare = run("benefit", "add", model, "Calls saved", "--amount", "12")
    assert bare.output.strip().endswith("added benefit 'Calls saved' (12)")
