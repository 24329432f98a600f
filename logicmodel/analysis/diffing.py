"""Diff two versions of a model: what changed in its elements, links and partners, and which
outcomes changed their trace (the part no text diff shows).

An element whose id changed but whose stage and label did not is one renamed element, not a
removal and an addition, and links and critical elements are compared through the rename, so
`logicmodel rename` shows as one change. Likewise a partner whose id changed but whose name
did not.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from logicmodel.analysis.results import Table, Tabular, finite_json, json_text
from logicmodel.models import (
    Advice,
    Answer,
    Contribution,
    LogicModel,
    Outcome,
    Partner,
    Partnership,
    Stage,
)
from logicmodel.models.vocabulary import Value, diffed, value_of

if TYPE_CHECKING:
    from logicmodel.analysis.tracing import Trace

_SECTION_VALUES = (Value.ITEMS, Value.OBJECT)
# The kinds of change, in the order a diff lists them.
ADDED = "added"
REMOVED = "removed"
RENAMED = "renamed"
RELABELLED = "relabelled"
MOVED = "moved"
LANE = "lane"  # a contribution's partners or its collaborative flag: its lane in Figure 1
FIELD = "field"  # another field of an element: gain, lead, notes, source, evidence, indicators
LINK_ADDED = "link-added"
LINK_REMOVED = "link-removed"
PARTNER_ADDED = "partner-added"
PARTNER_REMOVED = "partner-removed"
PARTNER_RENAMED = "partner-renamed"
PARTNER_CHANGED = "partner-changed"
MODEL = "model"  # the title, area or a fact of the partnership
OUTCOME = "outcome"  # an outcome's trace class, dependence or critical elements
KINDS = (
    ADDED,
    REMOVED,
    RENAMED,
    RELABELLED,
    MOVED,
    LANE,
    FIELD,
    LINK_ADDED,
    LINK_REMOVED,
    PARTNER_ADDED,
    PARTNER_REMOVED,
    PARTNER_RENAMED,
    PARTNER_CHANGED,
    MODEL,
    OUTCOME,
)
# The fields compared, from the models' vocabulary (`Meta.diff`). An element's id, label,
# partners and links are changes of their own kinds (renamed, relabelled, lane, link); its
# other fields are FIELD changes. A partner's id is a rename. The model's sections (partners,
# stages) are compared above, and the partnership and the advice field by field.
_OWN_KINDS = frozenset({"id", "label", "by", "collaborative", "leads_to", "enhances"})
ELEMENT_FIELDS = tuple(f for f in diffed(Contribution, Outcome) if f not in _OWN_KINDS)
PARTNER_FIELDS = tuple(f for f in diffed(Partner) if f != "id")
PARTNERSHIP_FIELDS = diffed(Partnership)
ADVICE_FIELDS = diffed(Advice)
MODEL_FIELDS = tuple(
    name for name in diffed(LogicModel) if value_of(LogicModel, name) not in _SECTION_VALUES
)
ANSWER_FIELDS = tuple(f for f in diffed(Answer) if f != "question")
ASSESSMENT = "assessment"


@dataclass(frozen=True)
class Entry:
    """One change: its kind, the element (or partner, or link source) it is about, and the
    values before and after. A link's `field` is its kind and `before`/`after` its target."""

    change: str
    id: str
    label: str = ""
    stage: str = ""
    field: str = ""
    before: Any = None
    after: Any = None


@dataclass(frozen=True)
class ModelDiff(Tabular):
    """The changes from one model to another, in the order of KINDS."""

    old: str
    new: str
    entries: list[Entry] = field(default_factory=list)
    new_model: LogicModel | None = None  # for the picture: Figure 1 of the new model

    @property
    def empty(self) -> bool:
        """Return True when the two models are the same model."""
        return not self.entries

    def of(self, *kinds: str) -> list[Entry]:
        """Return the entries of some kinds of change."""
        return [entry for entry in self.entries if entry.change in kinds]

    def to_records(self) -> list[dict[str, Any]]:
        """Return every entry as a plain dict (lists stay lists), e.g. for pandas.DataFrame."""
        return [asdict(entry) for entry in self.entries]

    def summary(self) -> str:
        """Return one line: how many changes of elements, links and partners, and outcomes."""
        if self.empty:
            return "no differences"
        elements = len(self.of(ADDED, REMOVED, RENAMED, RELABELLED, MOVED, LANE, FIELD))
        links = len(self.of(LINK_ADDED, LINK_REMOVED))
        partners = len(self.of(PARTNER_ADDED, PARTNER_REMOVED, PARTNER_RENAMED, PARTNER_CHANGED))
        outcomes = len({entry.id for entry in self.of(OUTCOME)})
        parts = [
            _count(elements, "element change"),
            _count(links, "link change"),
            _count(partners, "partner change"),
        ]
        if self.of(MODEL):
            parts.append(_count(len(self.of(MODEL)), "partnership change"))
        parts.append(_count(outcomes, "outcome") + " whose trace changed")
        return "; ".join(parts)

    def text(self) -> str:
        """Return the diff for people: one line per change, then the outcomes, then a summary."""
        return format_text(self)

    def table(self) -> Table:
        """Return every change under the two names and the summary, as the notebook shows it."""
        columns = {k: k for k in ("change", "id", "label", "stage", "field", "before", "after")}
        return Table(self.to_records(), columns, f"{self.old} -> {self.new}: {self.summary()}")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


# ---------------------------------------------------------------- facts compared


@dataclass(frozen=True)
class Facts:
    """What the diff compares of one element."""

    id: str
    stage: Stage
    label: str
    partners: tuple[str, ...] | None  # None for an outcome
    collaborative: bool | None
    fields: dict[str, Any]
    links: tuple[tuple[str, str], ...]  # (kind, target)


def element_facts(model: LogicModel) -> dict[str, Facts]:
    """Return the facts of every element, by id, in file order."""
    facts = {}
    for stage, element in model.elements():
        links = [("leads_to", target) for target in element.leads_to]
        if isinstance(element, Contribution):
            partners: tuple[str, ...] | None = tuple(model.partners_of(element))
            collaborative: bool | None = model.is_collaborative(element)
            links += [("enhances", target) for target in element.enhances]
        else:
            partners, collaborative = None, None
        fields = {
            name: _plain(getattr(element, name))
            for name in ELEMENT_FIELDS
            if getattr(element, name, None) not in (None, [])
        }
        facts[element.id] = Facts(
            element.id, stage, element.label, partners, collaborative, fields, tuple(links)
        )
    return facts


def _plain(value: Any) -> Any:
    """Return a field's value as JSON would have it: enums as text, models as dicts."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json", exclude_defaults=True)
    if hasattr(value, "value"):
        return value.value
    return value


def pair_renames(removed: Mapping[str, Any], added: Mapping[str, Any], key: Any) -> dict[str, str]:
    """Return old id -> new id for removed and added items that match one to one by `key`.

    >>> pair_renames({"a": "X", "b": "Y"}, {"c": "X", "d": "Y", "e": "Y"}, lambda v: v)
    {'a': 'c'}
    """
    by_key: dict[Any, list[str]] = {}
    for ident, item in added.items():
        by_key.setdefault(key(item), []).append(ident)
    old_keys: dict[Any, list[str]] = {}
    for ident, item in removed.items():
        old_keys.setdefault(key(item), []).append(ident)
    return {
        olds[0]: by_key[k][0]
        for k, olds in old_keys.items()
        if len(olds) == 1 and len(by_key.get(k, ())) == 1
    }


# ---------------------------------------------------------------- the diff


def diff(
    old: LogicModel,
    new: LogicModel,
    *,
    old_name: str = "old",
    new_name: str = "new",
) -> ModelDiff:
    """Return the changes from `old` to `new`.

    >>> import logicmodel
    >>> model = logicmodel.load("samples/figure1.yaml")
    >>> diff(model, model).empty
    True
    """
    from logicmodel.analysis.tracing import trace

    partner_map, partner_entries = diff_partners(old, new)
    before, after = element_facts(old), element_facts(new)
    gone = {i: f for i, f in before.items() if i not in after}
    came = {i: f for i, f in after.items() if i not in before}
    renames = pair_renames(gone, came, lambda f: (f.stage, f.label))
    entries: list[Entry] = []
    for ident, facts in came.items():
        if ident not in renames.values():
            entries.append(Entry(ADDED, ident, facts.label, facts.stage.value))
    for ident, facts in gone.items():
        if ident not in renames:
            entries.append(Entry(REMOVED, ident, facts.label, facts.stage.value))
    for old_id, new_id in renames.items():
        facts = after[new_id]
        entries.append(Entry(RENAMED, new_id, facts.label, facts.stage.value, "id", old_id, new_id))
    entries += list(_element_changes(before, after, renames, partner_map))
    entries += list(_link_changes(before, after, renames))
    entries += partner_entries
    entries += list(_model_changes(old, new, partner_map))
    entries += list(outcome_changes(trace(old), trace(new), renames))
    order = {kind: i for i, kind in enumerate(KINDS)}
    entries.sort(key=lambda entry: order[entry.change])  # stable: file order within a kind
    return ModelDiff(old_name, new_name, entries, new)


def _element_changes(
    before: dict[str, Facts],
    after: dict[str, Facts],
    renames: dict[str, str],
    partner_map: dict[str, str],
) -> Iterator[Entry]:
    """Yield relabels, moves, lane and field changes of elements in both models."""
    pairs = [(i, i) for i in after if i in before] + list(renames.items())
    position = {ident: index for index, ident in enumerate(after)}
    pairs.sort(key=lambda pair: position[pair[1]])
    for old_id, new_id in pairs:
        was, now = before[old_id], after[new_id]
        stage = now.stage.value
        if was.label != now.label:
            yield Entry(RELABELLED, new_id, now.label, stage, "label", was.label, now.label)
        if was.stage != now.stage:
            yield Entry(MOVED, new_id, now.label, stage, "stage", was.stage.value, stage)
        if was.partners is not None and now.partners is not None:
            partners = tuple(partner_map.get(p, p) for p in was.partners)
            if partners != now.partners or was.collaborative != now.collaborative:
                yield Entry(
                    LANE,
                    new_id,
                    now.label,
                    stage,
                    "by",
                    {"partners": list(partners), "collaborative": was.collaborative},
                    {"partners": list(now.partners), "collaborative": now.collaborative},
                )
        for name in ELEMENT_FIELDS:
            old_value = _renamed_partner(name, was.fields.get(name), partner_map)
            if old_value != now.fields.get(name):
                yield Entry(FIELD, new_id, now.label, stage, name, old_value, now.fields.get(name))


def _renamed_partner(name: str, value: Any, partner_map: dict[str, str]) -> Any:
    """Return a value with renamed partners' ids as they are now: a lead, a cost's bearers."""
    if name == "lead":
        return partner_map.get(value, value)
    if name in ("costs", "benefits") and isinstance(value, list):
        return [_bearers_renamed(item, partner_map) for item in value]
    return value


def _bearers_renamed(item: dict[str, Any], partner_map: dict[str, str]) -> dict[str, Any]:
    by = item.get("by")
    if isinstance(by, list):
        return {**item, "by": [partner_map.get(p, p) for p in by]}
    if isinstance(by, str):
        return {**item, "by": partner_map.get(by, by)}
    return item


def _link_changes(
    before: dict[str, Facts], after: dict[str, Facts], renames: dict[str, str]
) -> Iterator[Entry]:
    """Yield the links added and removed, compared through renamed ids, in file order."""
    old_links = [
        (renames.get(f.id, f.id), kind, renames.get(target, target))
        for f in before.values()
        for kind, target in f.links
    ]
    new_links = [(f.id, kind, target) for f in after.values() for kind, target in f.links]
    old_set, new_set = set(old_links), set(new_links)
    for source, kind, target in new_links:
        if (source, kind, target) not in old_set:
            facts = after[source]
            yield Entry(LINK_ADDED, source, facts.label, facts.stage.value, kind, None, target)
    for source, kind, target in old_links:
        if (source, kind, target) not in new_set:
            facts = after.get(source) or before[_old_id(source, renames)]
            yield Entry(LINK_REMOVED, source, facts.label, facts.stage.value, kind, target, None)


def _old_id(ident: str, renames: dict[str, str]) -> str:
    return next((old for old, new in renames.items() if new == ident), ident)


def diff_partners(old: LogicModel, new: LogicModel) -> tuple[dict[str, str], list[Entry]]:
    """Return old partner id -> new id for renamed partners, and the partner entries."""
    before = {p.id: p for p in old.partners}
    after = {p.id: p for p in new.partners}
    gone = {i: p for i, p in before.items() if i not in after}
    came = {i: p for i, p in after.items() if i not in before}
    renames = pair_renames(gone, came, lambda p: p.name)
    entries = [
        Entry(PARTNER_ADDED, i, p.name) for i, p in came.items() if i not in renames.values()
    ]
    entries += [Entry(PARTNER_REMOVED, i, p.name) for i, p in gone.items() if i not in renames]
    entries += [
        Entry(PARTNER_RENAMED, n, after[n].name, "", "id", o, n) for o, n in renames.items()
    ]
    for old_id, new_id in [(i, i) for i in after if i in before] + list(renames.items()):
        was, now = before[old_id], after[new_id]
        for name in PARTNER_FIELDS:
            if getattr(was, name) != getattr(now, name):
                entries.append(
                    Entry(
                        PARTNER_CHANGED,
                        new_id,
                        now.name,
                        "",
                        name,
                        getattr(was, name),
                        getattr(now, name),
                    )
                )
    return renames, entries


def _model_changes(
    old: LogicModel, new: LogicModel, partner_map: dict[str, str]
) -> Iterator[Entry]:
    """Yield changes of the model's own facts, the partnership's (its costs and benefits
    among them, through renamed partners) and the advice switched off."""
    for name in MODEL_FIELDS:
        if getattr(old, name) != getattr(new, name):
            yield Entry(MODEL, "model", new.title, "", name, getattr(old, name), getattr(new, name))
    for owner, names in (("partnership", PARTNERSHIP_FIELDS), ("advice", ADVICE_FIELDS)):
        for name in names:
            was = _renamed_partner(name, _plain(getattr(getattr(old, owner), name)), partner_map)
            now = _plain(getattr(getattr(new, owner), name))
            if was != now:
                yield Entry(MODEL, owner, new.title, "", name, was, now)
    yield from _answer_changes(old, new)


def _answer_changes(old: LogicModel, new: LogicModel) -> Iterator[Entry]:
    """Yield the self-assessment's changes: a question answered or taken back, and each
    changed field of an answer to the same question."""
    was = {answer.question: answer for answer in old.assessment}
    now = {answer.question: answer for answer in new.assessment}
    for question in dict.fromkeys([*was, *now]):
        before, after = was.get(question), now.get(question)
        if before is None or after is None:
            yield Entry(MODEL, ASSESSMENT, question, "", "question",
                        before and question, after and question)  # fmt: skip
            continue
        for name in ANSWER_FIELDS:
            then, later = _plain(getattr(before, name)), _plain(getattr(after, name))
            if then != later:
                yield Entry(MODEL, ASSESSMENT, question, "", name, then, later)


def outcome_changes(
    before: Trace, after: Trace, renames: Mapping[str, str] | None = None
) -> Iterator[Entry]:
    """Yield, for outcomes in both traces, each change of trace class, dependence on
    collaboration or critical collaborative elements (compared through renamed ids)."""
    renames = renames or {}
    back = {new: old for old, new in renames.items()}
    for ident, now in after.outcomes.items():
        was = before.outcomes.get(back.get(ident, ident))
        if was is None:
            continue
        pairs: Iterable[tuple[str, Any, Any]] = (
            ("trace_class", was.trace_class.value, now.trace_class.value),
            (
                "depends_on_collaboration",
                was.depends_on_collaboration,
                now.depends_on_collaboration,
            ),
            ("critical", [renames.get(c, c) for c in was.critical], list(now.critical)),
        )
        for name, old_value, new_value in pairs:
            if old_value != new_value:
                yield Entry(OUTCOME, ident, now.label, now.stage, name, old_value, new_value)


# ---------------------------------------------------------------- reports


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):  # of ids, or of objects: money in words, others as JSON
        shown = (_record(v) if isinstance(v, dict) else v for v in value)
        separator = "; " if any(isinstance(v, dict) for v in value) else ", "
        return separator.join(str(v) for v in shown) or "none"
    if isinstance(value, dict) and "partners" in value:
        joint = " (collaborative)" if value["collaborative"] else ""
        return ", ".join(value["partners"]) + joint
    if value is None:
        return "none"
    text = (
        str(value)
        if not isinstance(value, (dict, list))
        else json.dumps(finite_json(value), allow_nan=False)
    )
    return repr(text) if isinstance(value, str) else text


def _record(record: dict[str, Any]) -> str:
    """Return a cost or benefit as a planner reads it, its amount a range with its unit
    ('Staff time: 40000 to 50000 pounds a year'), and any other record as JSON."""
    if "item" not in record:
        return json.dumps(record, ensure_ascii=False, allow_nan=False)
    amount = record.get("amount")
    if isinstance(amount, list):
        amount = " to ".join(str(figure) for figure in amount)
    money = " ".join(str(part) for part in (amount, record.get("unit")) if part is not None)
    rest = {key: v for key, v in record.items() if key not in ("item", "amount", "unit")}
    extra = f" {json.dumps(rest, ensure_ascii=False, allow_nan=False)}" if rest else ""
    return f"{record['item']}{': ' + money if money else ''}{extra}"


def _where(entry: Entry) -> str:
    noun = Stage(entry.stage).singular if entry.stage else "element"
    return f"{noun} '{entry.id}'"


def describe(entry: Entry) -> str:
    """Return one change in words, led by + (added), - (removed) or ~ (changed)."""
    kind = entry.change
    if kind == ADDED:
        return f"+ {_where(entry)}: {entry.label}"
    if kind == REMOVED:
        return f"- {_where(entry)}: {entry.label}"
    if kind == RENAMED:
        return f"~ {_where(entry)} renamed from '{entry.before}'"
    if kind == MOVED:
        return f"~ '{entry.id}' moved from {entry.before} to {entry.after}"
    if kind in (RELABELLED, LANE, FIELD):
        what = {RELABELLED: "label", LANE: "partners"}.get(kind, entry.field)
        return f"~ {_where(entry)}: {what} {_value(entry.before)} -> {_value(entry.after)}"
    if kind == LINK_ADDED:
        return f"+ link {entry.id} -> {entry.after} ({entry.field})"
    if kind == LINK_REMOVED:
        return f"- link {entry.id} -> {entry.before} ({entry.field})"
    if kind == PARTNER_ADDED:
        return f"+ partner '{entry.id}': {entry.label}"
    if kind == PARTNER_REMOVED:
        return f"- partner '{entry.id}': {entry.label}"
    if kind == PARTNER_RENAMED:
        return f"~ partner '{entry.id}' renamed from '{entry.before}'"
    if kind == PARTNER_CHANGED:
        return (
            f"~ partner '{entry.id}': {entry.field} {_value(entry.before)} -> {_value(entry.after)}"
        )
    if kind == MODEL and entry.id == ASSESSMENT:
        which = f"the answer to '{entry.label}'"
        if entry.field == "question":
            return f"{'+' if entry.before is None else '-'} {ASSESSMENT}: {which}"
        change = f"{entry.field} {_value(entry.before)} -> {_value(entry.after)}"
        return f"~ {ASSESSMENT}: {which}: {change}"
    if kind == MODEL:
        return f"~ {entry.id} {entry.field}: {_value(entry.before)} -> {_value(entry.after)}"
    name = {"trace_class": "class", "depends_on_collaboration": "lost without collaboration"}
    what = name.get(entry.field, "critical collaborative")
    if entry.field == "trace_class":  # a class is a word of the vocabulary, not quoted text
        return f"~ {_where(entry)}: {what} {entry.before} -> {entry.after}"
    return f"~ {_where(entry)}: {what} {_value(entry.before)} -> {_value(entry.after)}"


def format_text(result: ModelDiff) -> str:
    """Return the diff for people: a heading, one line per change, the summary."""
    lines = [f"--- {result.old}", f"+++ {result.new}"]
    structural = [e for e in result.entries if e.change != OUTCOME]
    lines += [describe(entry) for entry in structural]
    outcomes = result.of(OUTCOME)
    if outcomes:
        lines.append("outcomes whose trace changed:")
        lines += ["  " + describe(entry) for entry in outcomes]
    lines.append(result.summary())
    return "\n".join(lines) + "\n"


def format_json(result: ModelDiff) -> str:
    """Return the diff as JSON: the two names, the summary and every change."""
    document = {
        "old": result.old,
        "new": result.new,
        "summary": result.summary(),
        "changes": result.to_records(),
    }
    return json_text(document) + "\n"


DIFF_FORMATS = ("text", "json")


def render_diff_report(result: ModelDiff, fmt: str) -> str:
    """Return the diff as text or JSON."""
    if fmt not in DIFF_FORMATS:
        raise ValueError(f"unknown format {fmt!r}: choose from {', '.join(DIFF_FORMATS)}")
    return format_json(result) if fmt == "json" else format_text(result)


__all__ = ["Entry", "ModelDiff", "diff"]
