"""Random sequences of edits on heavily commented copies of every sample: the file reads back as
the same model as the edits made to plain data, and every comment not belonging to a removed
element is still there, with what it belongs to, in order."""

from __future__ import annotations

import bisect
import copy
import functools
import itertools
import json
import os
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from logicmodel.editing.layer import Draft
from logicmodel.fileformat.loading import LoadError, dump_yaml, loads_located
from logicmodel.fileformat.rules import find_problems
from logicmodel.models import LogicModel

from .conftest import SAMPLES

STAGES = ("inputs", "activities", "outputs", "interim", "intermediate", "ultimate")
CONTRIBUTIONS = STAGES[:3]
MARK = re.compile(r"§(\d+)§")
Owner = tuple[str, str] | None
Op = tuple[Any, ...]


# ---------------------------------------------------------------- commented copies


LAYOUTS = ("as written", "as dump_yaml writes it")


@functools.cache
def heavily_commented(sample: Path, layout: str = LAYOUTS[0]) -> str:
    """Return a sample with a numbered comment above and beside every element and partner,
    between the keys of every element, above every section, and on each comment it had.

    `layout` "as dump_yaml writes it" starts from the model written by `dump_yaml` (as
    `import -o` writes it): lists flush with their keys, every element a key a line.
    """
    text = sample.read_text("utf-8")
    if layout != LAYOUTS[0]:
        text = dump_yaml(loads_located(text)[0])
    _, locate = loads_located(text, name=sample.name)
    raw = yaml.safe_load(text)
    lines = text.split("\n")
    number = itertools.count()
    above: dict[int, list[str]] = defaultdict(list)
    for index, line in enumerate(lines):
        if line.lstrip().startswith("#"):
            lines[index] = f"{line} §{next(number)}§"

    def item(path: tuple[str | int, ...], keys: list[str]) -> None:
        line = locate(path)[0] - 1
        dash = lines[line].find("-")
        if dash < 0 or lines[line][:dash].strip():
            return
        above[line].append(" " * dash + f"# above §{next(number)}§")
        if re.fullmatch(r"\s*- (\{.*\}|id: [\w.-]+)", lines[line]):
            lines[line] += f"  # beside §{next(number)}§"
        for key in keys[1:]:
            key_line, key_col = locate((*path, key))
            if key_line - 1 != line:
                above[key_line - 1].append(" " * (key_col - 1) + f"# in §{next(number)}§")

    for key in raw:
        above[locate((key,))[0] - 1].append(f"# section §{next(number)}§")
    for index, partner in enumerate(raw["partners"]):
        item(("partners", index), list(partner))
    for stage in STAGES:
        for index, element in enumerate(raw.get(stage) or []):
            item((stage, index), list(element))
    out = []
    for index, line in enumerate(lines):
        out += above.get(index, [])
        out.append(line)
    commented = "\n".join(out)
    assert loads_located(commented)[0] == loads_located(text)[0]
    return commented


def owners(text: str) -> dict[int, Owner]:
    """Return what each numbered comment belongs to, by the rule the editor promises: comment
    lines directly above an element or partner (no blank line between), or among or beside its
    own lines, are its own; any other comment belongs to no element."""
    model, locate = loads_located(text, name="m.yaml")
    lines = text.split("\n")
    starts: list[tuple[int, tuple[str, str]]] = []
    for index, partner in enumerate(model.partners):
        starts.append((locate(("partners", index))[0] - 1, ("partner", partner.id)))
    for stage in STAGES:
        for index, element in enumerate(model.stage_elements(model_stage(stage))):
            starts.append((locate((stage, index))[0] - 1, ("element", element.id)))
    starts.sort()
    tops = [n for n, line in enumerate(lines) if re.match(r"[A-Za-z$][\w$]*:", line)]
    firsts = [line for line, _ in starts]

    def owner_at(line: int) -> Owner:
        at = bisect.bisect_right(firsts, line) - 1
        if at < 0:
            return None
        start, owner = starts[at]
        end = min([*(firsts[at + 1 : at + 2]), *(t for t in tops if t > start), len(lines)])
        return owner if line < end else None

    found: dict[int, Owner] = {}
    for number, line in enumerate(lines):
        for match in MARK.finditer(line):
            code = line[: line.rfind("#", 0, match.start())]
            if code.strip():
                found[int(match.group(1))] = owner_at(number)
                continue
            below = number + 1
            while below < len(lines) and lines[below].lstrip().startswith("#"):
                below += 1
            blank = below >= len(lines) or not lines[below].strip()
            found[int(match.group(1))] = None if blank else owner_at(below)
    return found


def model_stage(stage: str) -> Any:
    from logicmodel.models import Stage

    return Stage(stage)


def marks_in_order(text: str) -> list[int]:
    return [int(m.group(1)) for m in MARK.finditer(text)]


# ---------------------------------------------------------------- edits on plain data


def ids(value: Any) -> list[str]:
    if value is None:
        return []
    return [_target(v) for v in value] if isinstance(value, list) else [_target(value)]


def _target(entry: Any) -> str:
    """Return the id a link names: the id, or a link object's `to` (what it rests on)."""
    return str(entry["to"]) if isinstance(entry, dict) else str(entry)


def entries(value: Any) -> list[Any]:
    """Return a links value as its list of entries, objects kept whole."""
    return [] if value is None else value if isinstance(value, list) else [value]


def elements(data: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(stage, e) for stage in STAGES for e in data.get(stage) or []]


def find(data: dict[str, Any], ident: str) -> tuple[str, int]:
    for stage in STAGES:
        for index, element in enumerate(data.get(stage) or []):
            if element["id"] == ident:
                return stage, index
    raise KeyError(ident)


def apply_plain(data: dict[str, Any], op: Op) -> dict[str, Any]:
    """Return the data with one edit made, the plain way."""
    data = copy.deepcopy(data)
    kind = op[0]
    if kind == "add":
        _, stage, ident, label, by, leads_to, after = op
        element: dict[str, Any] = {"id": ident, "label": label}
        if by is not None:
            element["by"] = by
        if leads_to:
            element["leads_to"] = list(leads_to)
        section = data.setdefault(stage, []) or []
        data[stage] = section
        at = len(section) if after is None else find(data, after)[1] + 1
        section.insert(at, element)
    elif kind in ("link", "unlink"):
        _, source, target, link = op
        stage, index = find(data, source)
        element = data[stage][index]
        current = entries(element.get(link))
        element[link] = (
            current + [target] if kind == "link" else [t for t in current if _target(t) != target]
        )
    elif kind == "rename":
        _, old, new = op
        if old in [p["id"] for p in data["partners"]]:
            for partner in data["partners"]:
                if partner["id"] == old:
                    partner["id"] = new
            partnership = data.get("partnership") or {}
            if partnership.get("lead") == old:
                partnership["lead"] = new
            for cost in [*(partnership.get("costs") or []), *(partnership.get("benefits") or [])]:
                if "by" in cost:
                    renamed = [new if b == old else b for b in ids(cost["by"])]
                    cost["by"] = renamed if isinstance(cost["by"], list) else renamed[0]
            for _, element in elements(data):
                if "by" in element and element["by"] != "all":
                    renamed = [new if b == old else b for b in ids(element["by"])]
                    element["by"] = renamed if isinstance(element["by"], list) else renamed[0]
                if element.get("lead") == old:
                    element["lead"] = new
        else:
            for _, element in elements(data):
                if element["id"] == old:
                    element["id"] = new
                for link in ("leads_to", "enhances"):
                    if link in element:
                        element[link] = [
                            ({**t, "to": new} if isinstance(t, dict) else new)
                            if _target(t) == old
                            else t
                            for t in entries(element[link])
                        ]
            for benefit in (data.get("partnership") or {}).get("benefits") or []:
                if benefit.get("outcome") == old:
                    benefit["outcome"] = new
    elif kind == "move":
        _, ident, stage, after = op
        source, index = find(data, ident)
        element = data[source].pop(index)
        section = data.get(stage) or []
        data[stage] = section
        at = len(section) if after is None else find(data, after)[1] + 1
        section.insert(at, element)
    elif kind == "remove":
        _, ident, how = op
        stage, index = find(data, ident)
        onward = ids(data[stage][index].get("leads_to"))
        for _, element in elements(data):
            for link in ("leads_to", "enhances"):
                current = entries(element.get(link))
                if ident not in ids(current):
                    continue
                joined: list[str] = []
                if how == "relink" and link == "leads_to":
                    joined = [t for t in onward if t not in ids(current) and t != element["id"]]
                at = ids(current).index(ident)
                element[link] = current[:at] + joined + current[at + 1 :]
        data[stage].pop(index)
    elif kind == "set":
        _, ident, field, value = op
        stage, index = find(data, ident)
        data[stage][index][field] = value
    elif kind == "add_partner":
        _, ident, name = op
        data["partners"].append({"id": ident, "name": name})
    elif kind == "remove_partner":
        _, ident = op
        data["partners"] = [p for p in data["partners"] if p["id"] != ident]
        partnership = data.get("partnership") or {}
        if partnership.get("lead") == ident:
            del partnership["lead"]
        for cost in [*(partnership.get("costs") or []), *(partnership.get("benefits") or [])]:
            if ids(cost.get("by")) == [ident] and not isinstance(cost.get("by"), list):
                del cost["by"]
            elif ident in ids(cost.get("by")):
                cost["by"] = [b for b in ids(cost["by"]) if b != ident]
        for _, element in elements(data):
            if isinstance(element.get("by"), list):
                element["by"] = [b for b in element["by"] if b != ident]
            if element.get("lead") == ident:
                del element["lead"]
    return data


def is_valid(data: dict[str, Any]) -> bool:
    try:
        model = LogicModel.model_validate(data)
    except ValueError:
        return False
    return not find_problems(model)


def call(draft: Draft, op: Op) -> None:
    """Make one edit through the editing layer."""
    kind = op[0]
    if kind == "add":
        _, stage, ident, label, by, leads_to, after = op
        draft.add(stage, ident, label, by=by, leads_to=leads_to, after=after)
    elif kind == "link":
        draft.link(op[1], op[2], enhances=op[3] == "enhances")
    elif kind == "unlink":
        draft.unlink(op[1], op[2], enhances=op[3] == "enhances")
    elif kind == "rename":
        draft.rename(op[1], op[2])
    elif kind == "move":
        draft.move(op[1], op[2], after=op[3])
    elif kind == "remove":
        draft.remove(op[1], relink=op[2] == "relink", force=op[2] == "force")
    elif kind == "set":
        draft.set(op[1], op[2], op[3])
    elif kind == "add_partner":
        draft.add_partner(op[1], op[2])
    elif kind == "remove_partner":
        draft.remove_partner(op[1], force=True)


# ---------------------------------------------------------------- drawing edits

# Any text the loader accepts: no control characters but tab and newline, no surrogates.
TEXT = st.text(
    st.characters(
        exclude_categories=["Cs", "Cc"], include_characters="\t\n", exclude_characters="§"
    ),
    max_size=24,
)
NEW_ID = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)


def draw_op(draw: Any, data: dict[str, Any]) -> Op | None:
    """Return an edit that the editing layer accepts as a request (it may still make an
    invalid model), or None when the kind drawn does not fit the model as it stands."""
    every = elements(data)
    element_ids = [e["id"] for _, e in every]
    partner_ids = [p["id"] for p in data["partners"]]
    kind = draw(
        st.sampled_from(
            [
                "add",
                "link",
                "unlink",
                "rename",
                "move",
                "remove",
                "set",
                "add_partner",
                "remove_partner",
            ]
        )
    )
    some_id = st.one_of(NEW_ID, st.sampled_from(element_ids + partner_ids), st.just("bad id"))
    if kind == "add":
        stage = draw(st.sampled_from(STAGES))
        by = None
        if stage in CONTRIBUTIONS:
            by = draw(
                st.one_of(
                    st.just("all"),
                    st.sampled_from(partner_ids),
                    st.lists(st.sampled_from(partner_ids), min_size=2, max_size=3, unique=True),
                )
            )
        leads_to = draw(st.lists(st.sampled_from(element_ids), max_size=2, unique=True))
        in_stage = [e["id"] for s, e in every if s == stage]
        after = draw(st.one_of(st.none(), st.sampled_from(in_stage))) if in_stage else None
        return ("add", stage, draw(some_id), draw(TEXT), by, leads_to, after)
    if kind in ("link", "unlink"):
        source, element = draw(st.sampled_from(every))[1]["id"], None
        stage, index = find(data, source)
        element = data[stage][index]
        link = draw(st.sampled_from(["leads_to", "enhances"]))
        current = ids(element.get(link))
        if kind == "unlink":
            return ("unlink", source, draw(st.sampled_from(current)), link) if current else None
        options = [i for i in element_ids if i not in current]
        return ("link", source, draw(st.sampled_from(options)), link) if options else None
    if kind == "rename":
        old = draw(st.sampled_from(element_ids + partner_ids))
        new = draw(some_id)
        # An id the same kind of thing already has is refused as a request, not as a model.
        taken = element_ids if old in element_ids else partner_ids
        return ("rename", old, new) if new != old and new not in taken else None
    if kind == "move":
        ident = draw(st.sampled_from(element_ids))
        source, index = find(data, ident)
        stage = draw(st.sampled_from(STAGES))
        in_stage = [e["id"] for s, e in every if s == stage and e["id"] != ident]
        after = draw(st.one_of(st.none(), st.sampled_from(in_stage))) if in_stage else None
        section = [e["id"] for e in data.get(stage) or []]
        if source == stage and (
            (after is None and index == len(section) - 1)
            or (after is not None and section.index(after) == index - 1)
        ):
            return None
        return ("move", ident, stage, after)
    if kind == "remove":
        ident = draw(st.sampled_from(element_ids))
        how = draw(st.sampled_from(["relink", "force"]))
        # Joining what leads to it to what it leads to, in place of a link written as an
        # object, goes through the round trip (tests/test_edit_link_facts.py), not a splice.
        stated = any(
            isinstance(t, dict) and t.get("to") == ident
            for _, e in every
            for t in entries(e.get("leads_to"))
        )
        return None if how == "relink" and stated else ("remove", ident, how)
    if kind == "set":
        ident = draw(st.sampled_from(element_ids))
        fields = ["label", "notes", "source"]
        if find(data, ident)[0] not in CONTRIBUTIONS:
            fields.append("gain")
        return ("set", ident, draw(st.sampled_from(fields)), draw(TEXT))
    if kind == "add_partner":
        return ("add_partner", draw(some_id), draw(TEXT))
    alone = {
        p
        for _, e in every
        if e.get("by") is not None
        for p in ids(e["by"])
        if len(ids(e["by"])) == 1
    }
    free = [p for p in partner_ids if p not in alone]
    return ("remove_partner", draw(st.sampled_from(free))) if free else None


def dump(text: str) -> dict[str, Any]:
    model = loads_located(text, name="m.yaml")[0]
    data: dict[str, Any] = model.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    return data


# ---------------------------------------------------------------- the property


@pytest.fixture(autouse=True)
def _splices_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every edit here must be made by splicing, never by the round-trip rewrite."""

    def refuse(*args: Any, **kwargs: Any) -> str:
        raise AssertionError(f"rewrite needed: {args[2] if len(args) > 2 else kwargs}")

    monkeypatch.setattr(Draft, "_rewrite", refuse)


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
@settings(
    max_examples=int(os.environ.get("EDIT_EXAMPLES", "12")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.data())
def test_random_edits_keep_the_model_and_every_comment_in_order(
    sample: Path, layout: str, data: st.DataObject
) -> None:
    text = heavily_commented(sample, layout)
    belongs = owners(text)
    first_order = marks_in_order(text)
    plain = dump(text)
    for _ in range(data.draw(st.integers(1, 6), label="edits")):
        op = draw_op(data.draw, plain)
        if op is None:
            continue
        data.draw(st.just(op), label="edit")
        expected = apply_plain(plain, op)
        draft = Draft.from_text(text, name="m.yaml")
        call(draft, op)
        if not is_valid(expected):
            event(f"{op[0]}: invalid, refused")
            with pytest.raises(LoadError):
                draft.check()
            continue
        event(f"{op[0]}: made")
        assert draft.check() == LogicModel.model_validate(expected)
        text, plain = draft.text, expected
        # What each comment belongs to follows renames, and goes with a removed owner.
        if op[0] == "rename":
            belongs = {
                n: (o[0], op[2]) if o is not None and o[1] == op[1] else o
                for n, o in belongs.items()
            }
        gone: Owner = None
        if op[0] == "remove":
            gone = ("element", op[1])
        elif op[0] == "remove_partner":
            gone = ("partner", op[1])
        if gone is not None:
            belongs = {n: o for n, o in belongs.items() if o != gone}
        assert owners(text) == belongs
        order = marks_in_order(text)
        for owner in {*belongs.values()}:
            mine = [n for n in first_order if n in belongs and belongs[n] == owner]
            assert [n for n in order if n in belongs and belongs[n] == owner] == mine


@pytest.mark.parametrize("sample", SAMPLES[::3], ids=lambda p: p.name)
@settings(
    max_examples=int(os.environ.get("EDIT_EXAMPLES", "12")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.data())
def test_random_edits_of_json_keep_the_model_and_its_layout(
    sample: Path, data: st.DataObject
) -> None:
    plain = dump(sample.read_text("utf-8"))
    text = json.dumps(plain, indent=2, ensure_ascii=False) + "\n"
    for _ in range(data.draw(st.integers(1, 6), label="edits")):
        op = draw_op(data.draw, plain)
        if op is None:
            continue
        data.draw(st.just(op), label="edit")
        expected = apply_plain(plain, op)
        draft = Draft.from_text(text, name="m.json")
        call(draft, op)
        if not is_valid(expected):
            with pytest.raises(LoadError):
                draft.check()
            continue
        assert draft.check() == LogicModel.model_validate(expected)
        text, plain = draft.text, expected
        assert json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n" == text
