"""Start a new model, outcome first as the outcomes approach asks: the partnership and its
partners, then the ultimate outcome, the intermediate and interim outcomes leading to it, and the
contributions working back from them. `logicmodel new` and `logicmodel.new()` both call `new`.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from logicmodel.editing.layer import CONTRIBUTION_STAGES, STAGES, Data, Draft, EditError
from logicmodel.editing.spans import yaml_scalar, yaml_value
from logicmodel.fileformat.loading import ELEMENT_KEY_ORDER, SECTIONS
from logicmodel.fileformat.rules import did_you_mean
from logicmodel.models import ALL_PARTNERS, FORMAT_VERSION, PartnershipType

PARTNERSHIP_TYPES = tuple(kind.value for kind in PartnershipType)
# An id made from a label keeps its first few words: enough to recognise, short to type.
SLUG_WORDS = 5
# Words that join others: an id cut after one reads as cut mid-phrase, so it ends before.
JOINING_WORDS = frozenset(
    "a an and as at by for from in into of on or per than the to via with".split()
)


def slug(label: str, taken: Iterable[str] = ()) -> str:
    """Return an id made from a label, unlike any id in `taken`.

    >>> slug("Fewer people harmed by antisocial behaviour in the town centre")
    'fewer-people-harmed-by-antisocial'
    >>> slug("Fewer alcohol-related crimes and disorder in the town")
    'fewer-alcohol-related-crimes'
    >>> slug("Partner A")
    'partner-a'
    >>> slug("Trust", ["trust"])
    'trust-2'
    """
    plain = unicodedata.normalize("NFKD", label.lower())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    every = re.findall(r"[^\W_]+", plain)
    words = every[:SLUG_WORDS]
    # Only a cut can end mid-phrase: "Partner A" keeps its "a".
    while len(every) > SLUG_WORDS and len(words) > 1 and words[-1] in JOINING_WORDS:
        words.pop()
    base = "-".join(words) or "element"
    used = set(taken)
    ident, number = base, 2
    while ident in used or ident == ALL_PARTNERS:
        ident, number = f"{base}-{number}", number + 1
    return ident


def parse_partner(text: str, taken: Iterable[str] = ()) -> tuple[str, str]:
    """Return (id, name) from 'id=Name', or from a name alone (its id made from it)."""
    ident, equals, name = text.partition("=")
    if equals and ident.strip() and name.strip():
        return ident.strip(), name.strip()
    return slug(text, taken), text.strip()


def parse_contribution(text: str, partners: Iterable[str]) -> tuple[str | list[str], str]:
    """Return (by, label) from 'BY=Label', where BY is 'all' or partner ids joined by ',' or
    '+'; text with no such prefix is joint work of all the partners."""
    known = set(partners) | {ALL_PARTNERS}
    head, equals, label = text.partition("=")
    names = [part.strip() for part in re.split(r"[,+]", head) if part.strip()]
    if equals and label.strip() and names and all(re.fullmatch(r"[\w.-]+", n) for n in names):
        for name in names:
            if name not in known:  # a slip in a partner id must not make joint work unasked
                others = ", ".join(sorted(known - {ALL_PARTNERS}))
                hint = did_you_mean(name, sorted(known)) or f" (partners: {others})"
                raise EditError(f"unknown partner {name!r} in {text!r}{hint}")
        return (names[0] if len(names) == 1 else names), label.strip()
    return ALL_PARTNERS, text.strip()


def new(
    title: str,
    *,
    partners: Mapping[str, str] | Iterable[tuple[str, str]] | Iterable[str],
    area: str | None = None,
    name: str | None = None,
    type: str | None = None,  # noqa: A002 - the file format's word
    focus: str | None = None,
    vision: str | None = None,
    lead: str | None = None,
    ultimate: str | None = None,
    intermediate: Iterable[str] = (),
    interim: Iterable[str] = (),
    activities: Iterable[tuple[str | list[str], str] | str] = (),
    gains: Mapping[str, str] | None = None,
    fmt: str = "yaml",
    path: str | None = None,
) -> Draft:
    """Return a new model as a draft: add to it, then save it.

    `partners` maps ids to names (or gives 'id=Name' texts). Outcomes are labels; ids are made
    from them. Each intermediate outcome leads to the ultimate one, each interim outcome to
    every intermediate one (or the ultimate), and each activity, given as (by, label) or
    'BY=Label', to every interim outcome (or the nearest outcomes there are); unlink what does
    not hold. `gains` maps an outcome's label or id to its collaborative gain. The lead is the
    first partner unless `lead` says otherwise.

    >>> import logicmodel
    >>> model = logicmodel.new("Safer streets", partners={"council": "Anytown Council",
    ...     "police": "Anytown Police"}, ultimate="Anytown is a safer place to live")
    >>> model.add("activities", "patrols", "Joint patrols", by="all",
    ...     leads_to=["anytown-is-a-safer-place"]).model.title
    'Safer streets'
    """
    pairs = _partner_pairs(partners)
    data: Data = {"logicmodel": FORMAT_VERSION, "title": title}
    if area:
        data["area"] = area
    facts = {"type": type, "focus": focus, "vision": vision, "lead": lead or _first(pairs)}
    data["partnership"] = {"name": name or title, **{k: v for k, v in facts.items() if v}}
    data["partners"] = [{"id": ident, "name": label} for ident, label in pairs]
    elements = _Elements([ident for ident, _ in pairs])
    sections = elements.chain(ultimate, intermediate, interim, activities, gains or {})
    data.update({section: items for section, items in sections.items() if items})
    shown = os.path.basename(path) if path else "FILE"

    def render(model: Data) -> str:
        return render_json(model) if fmt == "json" else render_yaml(model, shown)

    return Draft("", data, name=path or f"<new model>.{fmt}", fmt=fmt, render=render)


def _first(pairs: list[tuple[str, str]]) -> str | None:
    """Return the first partner's id, the lead unless told otherwise; None with no partners."""
    return pairs[0][0] if pairs else None


class _Elements:
    """The elements of a new model, each id made from its label and unlike every other id."""

    def __init__(self, partners: list[str]) -> None:
        self.partners = partners
        self.taken = list(partners)

    def outcomes(self, labels: Iterable[str], onward: list[str]) -> list[Data]:
        """Return an element for each label, leading to the `onward` ids."""
        made = []
        for label in labels:
            ident = slug(label, self.taken)
            self.taken.append(ident)
            element: Data = {"id": ident, "label": label}
            if onward:
                element["leads_to"] = list(onward)
            made.append(element)
        return made

    def chain(
        self,
        ultimate: str | None,
        intermediate: Iterable[str],
        interim: Iterable[str],
        activities: Iterable[tuple[str | list[str], str] | str],
        gains: Mapping[str, str],
    ) -> dict[str, list[Data]]:
        """Return the stages of the new model, each leading to the nearest one after it."""
        ultimates = self.outcomes([ultimate] if ultimate else [], [])
        intermediates = self.outcomes(intermediate, _ids(ultimates))
        interims = self.outcomes(interim, _ids(intermediates or ultimates))
        nearest = _ids(interims or intermediates or ultimates)
        joint = []
        for activity in activities:
            by, label = (
                parse_contribution(activity, self.partners)
                if isinstance(activity, str)
                else activity
            )
            (element,) = self.outcomes([label], nearest)
            joint.append({"id": element["id"], "label": label, "by": by, **element})
        _give_gains(ultimates + intermediates + interims, gains)
        stages = {
            "activities": joint,
            "interim": interims,
            "intermediate": intermediates,
            "ultimate": ultimates,
        }
        return {stage: [_ordered(item) for item in items] for stage, items in stages.items()}


def _ids(elements: list[Data]) -> list[str]:
    """Return the ids of elements."""
    return [element["id"] for element in elements]


def _give_gains(outcomes: list[Data], gains: Mapping[str, str]) -> None:
    """Set each outcome's gain, the outcome named by label or id; raise EditError for none."""
    every = {e["label"]: e for e in outcomes}
    every.update({e["id"]: e for e in outcomes})
    for outcome, gain in gains.items():
        if outcome not in every:
            hint = did_you_mean(outcome, every)
            raise EditError(f"no outcome {outcome!r} to give a gain{hint}")
        every[outcome]["gain"] = gain


def _partner_pairs(
    partners: Mapping[str, str] | Iterable[tuple[str, str]] | Iterable[str],
) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    items: Iterable[Any] = partners.items() if isinstance(partners, Mapping) else partners
    for item in items:
        if isinstance(item, str):
            pairs.append(parse_partner(item, [i for i, _ in pairs]))
        else:
            ident, label = item
            pairs.append((str(ident), str(label)))
    return pairs


def _ordered(element: Data) -> Data:
    ordered = {k: element[k] for k in ELEMENT_KEY_ORDER if k in element}
    return {**ordered, **element}


# ---------------------------------------------------------------- writing a new model

_HEADER = """\
# {title}: a partnership's outcome logic model, begun with `logicmodel new`.
# Check it with `logicmodel check {file}` and draw it with `logicmodel render {file}`;
# edit it here, or with `logicmodel add`, `link`, `rename`, `move`, `remove` and `set`.
"""
_COMMENTS = {
    "logicmodel": "the file format's version",
    "partnership": "the focus box at the left of the diagram",
    "type": " | ".join(PARTNERSHIP_TYPES),
    "lead": "the lead partner's id",
}
_BEFORE = {
    "partners": "# Partners: each has an id, used in `by` and `lead` below.",
    "contributions": (
        "# Contributions, working back from the outcomes below: what partners put in\n"
        "# (inputs), do (activities) and deliver (outputs). `by` one partner is its own work\n"
        "# (green); two or more, or `all`, is joint work (red). `leads_to` names what each feeds."
    ),
    "outcomes": (
        "# Outcomes, short term (interim) to long term (ultimate): their colour follows from what\n"
        "# feeds them. `gain` says what working together adds; `indicators` how it is measured."
    ),
}
_COMMENT_COLUMN = 36


def render_yaml(data: Data, file: str = "FILE") -> str:
    """Return a new model as YAML in the README's style, with a few comments on the format."""
    lines = _HEADER.format(title=_one_line(str(data.get("title", ""))), file=file).splitlines()
    said: set[str] = set()
    for key in sorted(data, key=_section_rank):
        value = data[key]
        if key in STAGES:
            group = "contributions" if key in CONTRIBUTION_STAGES else "outcomes"
            if group not in said:
                said.add(group)
                lines += ["", *_BEFORE[group].splitlines()]
            elif value:
                lines.append("")
        elif key in _BEFORE:
            lines += ["", _BEFORE[key]]
        if key in STAGES or key == "partners":
            if not value:
                lines.append(f"{key}: []")
                continue
            lines.append(f"{key}:")
            for item in value:
                lines += _item_lines(item, flow=key == "partners")
        elif isinstance(value, dict):
            lines.append(_commented(f"{key}:", key))
            lines += _mapping_lines(value, "  ")
        else:
            lines.append(_commented(f"{key}: {_scalar(value)}", key))
    return "\n".join(lines) + "\n"


def render_json(data: Data) -> str:
    """Return a new model as JSON, two spaces a level."""
    ordered = {k: data[k] for k in sorted(data, key=_section_rank)}
    return json.dumps(ordered, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _section_rank(key: str) -> int:
    order = ("$schema", *SECTIONS)
    return order.index(key) if key in order else len(order)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _commented(line: str, key: str) -> str:
    comment = _COMMENTS.get(key)
    if comment is None:
        return line
    return line.ljust(_COMMENT_COLUMN - 1) + " # " + comment


def _scalar(value: Any) -> str:
    return (
        yaml_scalar(value, flow=False) if isinstance(value, str) else yaml_value(value, flow=False)
    )


def _mapping_lines(mapping: Data, indent: str) -> list[str]:
    lines = []
    for key, value in mapping.items():
        if isinstance(value, dict) and value:
            lines.append(f"{indent}{key}:")
            lines += _mapping_lines(value, indent + "  ")
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{indent}{key}:")
            for item in value:
                lines += _item_lines(item, flow=False, indent=indent + "  ")
        else:
            lines.append(_commented(f"{indent}{key}: {_scalar(value)}", key))
    return lines


def _item_lines(item: Data, *, flow: bool, indent: str = "  ") -> list[str]:
    simple = all(not isinstance(v, (dict, list)) for v in item.values())
    if flow and simple:
        return [f"{indent}- {yaml_value(item, flow=True)}"]
    body = _mapping_lines(item, indent + "  ")
    return [f"{indent}- {body[0].lstrip()}", *body[1:]]


__all__ = ["new", "parse_contribution", "parse_partner", "render_json", "render_yaml", "slug"]
