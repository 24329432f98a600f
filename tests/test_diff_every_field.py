"""`diff` sees any single field change in any sample: every field the vocabulary marks diffed,
at every place it occurs (elements, partners, the partnership, costs, benefits, indicators,
comparators, advice), changed to another valid value, is reported by the library, by
`logicmodel diff --exit-code` and by git's diff driver (git's seven arguments)."""

from __future__ import annotations

import copy
import importlib.resources
import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from pydantic import BaseModel

from logicmodel.analysis.diffing import LANE, OUTCOME, diff
from logicmodel.cli import cli
from logicmodel.fileformat.frameworks import shipped_framework
from logicmodel.fileformat.loading import LoadError, loads
from logicmodel.models import (
    ALL_PARTNERS,
    Answer,
    Benchmark,
    Benefit,
    Comparator,
    Contribution,
    Cost,
    IgnoredRule,
    Indicator,
    LogicModel,
)
from logicmodel.models.vocabulary import Value, choices, fields_of, nested, value_of

from .conftest import SAMPLES

FRAMEWORK = "scotland-npf-2007"
NATIONAL_FIELDS = ("contributes_to", "national_outcomes")  # ids of the framework's outcomes

# What a sample lacks is added to both sides, so that every field is changed in every sample:
# the smallest valid record of each kind a sample may have none of.
SMALLEST: dict[type[BaseModel], dict[str, Any]] = {
    Cost: {"item": "Staff time at meetings"},
    Benefit: {"item": "Fewer repeat visits"},
    Indicator: {"name": "Incidents"},
    Comparator: {"name": "Scotland"},
    Benchmark: {"name": "The region", "rule": "above"},
    IgnoredRule: {"code": "LM114", "reason": "Added for the test"},
    Answer: {"question": "trend", "answer": "partly"},
}


@dataclass(frozen=True)
class Place:
    """Where a record sits in the data: its class, its path, and the diff's name for it."""

    cls: type[BaseModel]
    path: tuple[str | int, ...]
    owner: str  # the element's or partner's id, "partnership", "advice" or "model"
    within: str = ""  # the owner's field that holds it (a cost in "costs"), else ""


def places(data: dict[str, Any]) -> Iterator[Place]:
    """Yield every record of a model's data, walking the classes the vocabulary names."""
    yield Place(LogicModel, (), "model")
    yield from _places_in(LogicModel, data, (), "", "")


def _places_in(
    cls: type[BaseModel], data: dict[str, Any], path: tuple[str | int, ...], owner: str, within: str
) -> Iterator[Place]:
    for name, (field, _) in fields_of(cls).items():
        inner = nested(field)
        value = data.get(name)
        if inner is None or not value:
            continue
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            where = path + ((name,) if index is None else (name, index))
            if "id" in fields_of(inner):
                place = Place(inner, where, item["id"])
            elif not owner:  # a section of the model: the partnership, the advice
                place = Place(inner, where, name)
            else:
                place = Place(inner, where, owner, within or name)
            yield place
            yield from _places_in(inner, item, where, place.owner, place.within)


def at(data: Any, path: tuple[str | int, ...]) -> Any:
    """Return the value at a path in the data."""
    for step in path:
        data = data[step]
    return data


def furnished(data: dict[str, Any]) -> dict[str, Any]:
    """Return the data with one record of each kind it has none of."""
    data = copy.deepcopy(data)
    have = {place.cls for place in places(data)}
    partnership = data.setdefault("partnership", {})
    partnership.setdefault("framework", FRAMEWORK)  # so national outcome ids can change
    for cls, key in ((Cost, "costs"), (Benefit, "benefits")):
        if cls not in have:
            partnership[key] = [dict(SMALLEST[cls])]
    if IgnoredRule not in have:
        data["advice"] = {"ignore": [dict(SMALLEST[IgnoredRule])]}
    if Answer not in have:
        data["assessment"] = [dict(SMALLEST[Answer])]
    if not {Indicator, Comparator, Benchmark} <= have:  # a new indicator, as a comparator
        element = at(data, next(p for p in places(data) if p.cls is Contribution).path)  # needs
        indicator = {  # figures
            **SMALLEST[Indicator],
            "comparator": dict(SMALLEST[Comparator]),
            "benchmark": dict(SMALLEST[Benchmark]),
        }
        element["indicators"] = [*element.get("indicators", []), indicator]
    return data


def _ids(data: dict[str, Any]) -> list[str]:
    """Return every partner and element id of the data."""
    return [place.owner for place in places(data) if "id" in fields_of(place.cls)]


def candidates(data: dict[str, Any], place: Place, name: str) -> Iterator[Any]:
    """Yield other values for one field, likeliest valid first."""
    record = at(data, place.path)
    now = record.get(name)
    kind = value_of(place.cls, name)
    if name == "framework":  # the same framework, named by its file rather than its id
        yield str(
            importlib.resources.files("logicmodel.models") / "frameworks" / f"{FRAMEWORK}.yaml"
        )
    elif name in NATIONAL_FIELDS:
        national = shipped_framework(FRAMEWORK).outcome_ids()
        if now:
            yield now[:-1]
        yield from ([*(now or []), ident] for ident in national if ident not in (now or []))
    elif kind is Value.TEXT:
        yield "changed" if now is None else f"{now} (changed)"
    elif kind in (Value.NUMBER, Value.AMOUNT):
        if isinstance(now, list):
            yield [now[0], now[1] + 1]
        yield 1 if now is None else now + 1
        yield [1, 2]
    elif kind is Value.PERIOD:
        year = int(str(now)[:4]) + 1 if now is not None else 2010
        yield str(year) if now is None or len(str(now)) == 4 else f"{year}-{(year + 1) % 100:02d}"
    elif kind is Value.CHOICE:
        yield from (word for word in choices(fields_of(place.cls)[name][0]) if word != now)
    elif kind is Value.FLAG and place.cls is not Contribution:  # a partner's `unassigned`
        yield not now
    elif kind is Value.FLAG:  # the lane's colour flipped: an override that changes nothing
        model = LogicModel.model_validate(data)  # (true on a joint element) is no change
        yield not model.is_collaborative(Contribution.model_validate(record))
    elif kind is Value.ACTUALS:
        actuals = dict(now or {})
        last = max(actuals, default="2007")
        actuals[last] = actuals.get(last, 0) + 1
        yield actuals
    elif kind is Value.OBJECT:
        yield {"name": "changed"} if now is None else {**now, "name": f"{now['name']} (changed)"}
    elif kind is Value.ITEMS:
        if now:
            yield now[:-1]
        yield [*(now or []), dict(SMALLEST[nested(fields_of(place.cls)[name][0]) or Cost])]
    elif kind in (Value.ID, Value.IDS, Value.PARTNERS):  # another id, one dropped or added
        yield from _other_ids(data, now)
    else:  # a kind of value new to the format: this test must learn to change it
        raise AssertionError(f"no other value known for {kind.name}: {place.cls.__name__}.{name}")


def _other_ids(data: dict[str, Any], now: Any) -> Iterator[Any]:
    ids = _ids(data)
    if now == ALL_PARTNERS:
        now = [partner["id"] for partner in data["partners"]]
    if isinstance(now, list) and now:
        yield now[:-1]
    current = now if isinstance(now, list) else [] if now is None else [now]
    yield from (ident for ident in ids if ident not in current)
    yield from ([*current, ident] for ident in ids if ident not in current)


def renamed(data: dict[str, Any], old: str, new: str) -> dict[str, Any]:
    """Return the data with an id renamed everywhere it is used."""

    def walk(value: Any) -> Any:
        if isinstance(value, dict):
            return {key: walk(item) for key, item in value.items()}
        if isinstance(value, list):
            return [walk(item) for item in value]
        return new if value == old else value

    renamed_data: dict[str, Any] = walk(data)
    return renamed_data


@cache
def sample_changes(path: Path) -> list[tuple[Place, str, dict[str, Any] | None]]:
    """Return every single field change of a sample (furnished), computed once."""
    return list(changes(sample_data(path)))


@cache
def sample_data(path: Path) -> dict[str, Any]:
    """Return a sample's data, furnished with one record of each kind."""
    model = loads(path.read_text("utf-8"), name=path.name)
    data = furnished(model.model_dump(mode="json", by_alias=True, exclude_defaults=True))
    loads(json.dumps(data), name="furnished.json", fmt="json")  # still a valid model
    return data


def changed(data: dict[str, Any], place: Place, name: str) -> dict[str, Any] | None:
    """Return the data with one field of one record changed to another valid value, or None."""
    if value_of(place.cls, name) is Value.NEW_ID:
        old = at(data, place.path)[name]
        return renamed(data, old, f"{old}-changed")
    for value in candidates(data, place, name):
        new = copy.deepcopy(data)
        at(new, place.path)[name] = value
        try:
            loads(json.dumps(new), name="changed.json", fmt="json")
        except LoadError:
            continue
        return new
    return None


def changes(data: dict[str, Any]) -> Iterator[tuple[Place, str, dict[str, Any] | None]]:
    """Yield every single field change of the data: where, which field, the changed data."""
    for place in places(data):
        for name, (_, marker) in fields_of(place.cls).items():
            if marker.diff is True and not _section(place.cls, name):
                yield place, name, changed(data, place, name)


def _section(cls: type[BaseModel], name: str) -> bool:
    """Return True for a part of the model the walk visits record by record."""
    return cls is LogicModel and value_of(cls, name) in (Value.ITEMS, Value.OBJECT)


def named(place: Place, name: str, data: dict[str, Any], new: dict[str, Any]) -> bool:
    """Return True when the diff of two models names the changed field or its owner."""
    result = diff(LogicModel.model_validate(data), LogicModel.model_validate(new))
    owners = {place.owner, f"{place.owner}-changed"}
    fields = {place.within or name, "by" if name == "collaborative" else name}
    text = result.text()
    reported = [
        entry
        for entry in result.entries
        if entry.change != OUTCOME
        and entry.id in owners
        and (entry.field in fields or entry.change == LANE and name in ("by", "collaborative"))
    ]
    return bool(reported) and any(owner in text for owner in owners)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_every_single_field_change_is_reported(sample: Path) -> None:
    data = sample_data(sample)
    missed = []
    # A field with no other valid value at a place (a single agency's `enhances`, a joint
    # element's `collaborative` when it enhances others) is skipped there; the next test
    # checks that every field is changed somewhere in every sample.
    for place, name, new in sample_changes(sample):
        if new is not None and not named(place, name, data, new):
            missed.append((place.cls.__name__, place.path, name))
    assert not missed, missed


def _every_diffed_field() -> set[tuple[str, str]]:
    """Return (class, field) for every diffed field of every record the format has."""
    found: set[tuple[str, str]] = set()
    todo: list[type[BaseModel]] = [LogicModel]
    while todo:
        cls = todo.pop()
        for name, (field, marker) in fields_of(cls).items():
            inner = nested(field)
            if inner is not None and (inner.__name__, "") not in found:
                found.add((inner.__name__, ""))
                todo.append(inner)
            if marker.diff is True and not _section(cls, name):
                found.add((cls.__name__, name))
    return {pair for pair in found if pair[1]}


def test_every_diffed_field_of_the_vocabulary_is_changed_in_every_sample() -> None:
    every = _every_diffed_field()
    assert {("Cost", "amount"), ("Comparator", "actuals"), ("IgnoredRule", "code")} <= every
    for sample in SAMPLES:
        changed_here = {(p.cls.__name__, n) for p, n, new in sample_changes(sample) if new}
        assert every <= changed_here, (sample.stem, every - changed_here)


def _first_changes() -> list[tuple[str, Place, str]]:
    """Return one change of each (class, field), from the first sample that has it."""
    seen: set[tuple[str, str]] = set()
    found = []
    for sample in SAMPLES:
        for place, name, new in sample_changes(sample):
            if new is not None and (place.cls.__name__, name) not in seen:
                seen.add((place.cls.__name__, name))
                found.append((sample.stem, place, name))
    return found


@pytest.mark.parametrize(
    ("sample", "place", "name"),
    _first_changes(),
    ids=lambda v: v if isinstance(v, str) else getattr(getattr(v, "cls", None), "__name__", ""),
)
def test_the_cli_and_the_git_driver_report_it_and_exit_1(
    sample: str, place: Place, name: str, tmp_path: Path
) -> None:
    data = sample_data(next(p for p in SAMPLES if p.stem == sample))
    new = changed(data, place, name)
    assert new is not None
    old_file, new_file = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old_file.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
    new_file.write_text(yaml.safe_dump(new, sort_keys=False, allow_unicode=True), "utf-8")
    runner = CliRunner()
    plain = runner.invoke(cli, ["diff", str(old_file), str(new_file), "--exit-code"])
    assert plain.exit_code == 1, plain.output
    assert "no differences" not in plain.output
    git_args = ["m.yaml", str(old_file), "abc", "100644", str(new_file), "def", "100644"]
    driver = runner.invoke(cli, ["diff", *git_args, "--exit-code"])
    assert driver.exit_code == 1, driver.output
    assert "--- a/m.yaml" in driver.output and "no differences" not in driver.output


def test_money_reads_as_a_range_with_its_unit() -> None:
    data = sample_data(next(p for p in SAMPLES if p.stem == "west-lothian-civic-centre"))
    new = copy.deepcopy(data)
    cost = {"item": "Staff time at meetings", "amount": [40000, 50000], "unit": "GBP"}
    new["partnership"]["costs"] = [cost]
    new["partnership"]["benefits"][0]["amount"] = [4.5, 6]
    text = diff(LogicModel.model_validate(data), LogicModel.model_validate(new)).text()
    assert "-> Staff time at meetings: 40000 to 50000 GBP" in text
    assert ": 4.5 to 5 million pounds" in text and ": 4.5 to 6 million pounds" in text
