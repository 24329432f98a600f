"""A contribution story per outcome: what its claimed gain rests on, from the trace and the links'
evidence (the joint elements and partners it depends on, the evidenced and assumed links on the
way, the alternative explanations recorded, and the evidence that would most strengthen it)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from logicmodel.analysis.advice_links import MOST_WORK, collaboration_reaches, feeding, upstream
from logicmodel.analysis.model_graph import build_graph
from logicmodel.analysis.tracing import RELY_ON_COLLABORATION, Trace, WhatIf, trace, whatif_graph
from logicmodel.models import LogicModel
from logicmodel.models.links import Evidence, LinkFacts, Stance

NOT_STATED = "not stated"
# The strength order of a link's evidence: refuted, none stated, then planned ... verified.
STRENGTHS = ("refuted", NOT_STATED, *(level.value for level in Evidence))


@dataclass(frozen=True)
class StoryLink:
    """One link on the way to the outcome, with what it states and whether it is critical."""

    source: str
    target: str
    kind: str  # leads_to or enhances
    facts: LinkFacts | None
    critical: bool | None  # None: too big a model to test each link

    @property
    def strength(self) -> str:
        """Return the link's evidence strength: refuted, not stated, or its level."""
        evidence = self.facts.evidence if self.facts else None
        if evidence is None:
            return NOT_STATED
        return "refuted" if evidence.stance is Stance.REFUTES else evidence.level.value

    @property
    def evidenced(self) -> bool:
        """Return True when the link states evidence that does not refute it."""
        return self.strength not in ("refuted", NOT_STATED)

    def words(self) -> str:
        """Return the link in words: 'a -> b: reported (source)'."""
        evidence = self.facts.evidence if self.facts else None
        source = f" ({evidence.source})" if evidence and evidence.source else ""
        stance = f", {evidence.stance.value}" if evidence and evidence.stance else ""
        return f"{self.source} -> {self.target}: {self.strength}{stance}{source}"

    def record(self) -> dict[str, Any]:
        """Return the link as a plain dict."""
        facts = self.facts.as_entry() if self.facts else {"to": self.target}
        return {"from": self.source, "kind": self.kind, "critical": self.critical,
                "strength": self.strength, **facts}  # fmt: skip


@dataclass(frozen=True)
class Story:
    """What one outcome's claimed gain rests on."""

    outcome: str
    label: str
    trace_class: str
    share: float
    critical_elements: dict[str, list[str]]  # joint element -> its partners
    links: list[StoryLink]
    partners_costing: dict[str, str]  # partner -> the outcome's class without them
    external_factors: list[str]
    assumptions: list[str]
    weakest: StoryLink | None

    @property
    def evidenced(self) -> list[StoryLink]:
        """Return the links on the way that state evidence supporting them."""
        return [link for link in self.links if link.evidenced]

    @property
    def assumed(self) -> list[StoryLink]:
        """Return the links on the way that state no evidence, or evidence refuting them."""
        return [link for link in self.links if not link.evidenced]

    def record(self) -> dict[str, Any]:
        """Return the story as plain data, for JSON."""
        return {
            "outcome": self.outcome,
            "label": self.label,
            "trace_class": self.trace_class,
            "collaborative_share": self.share,
            "critical_elements": self.critical_elements,
            "partners_costing": self.partners_costing,
            "links": [link.record() for link in self.links],
            "evidenced": len(self.evidenced),
            "assumed": len(self.assumed),
            "external_factors": self.external_factors,
            "assumptions": self.assumptions,
            "weakest_critical_link": self.weakest.record() if self.weakest else None,
        }


@dataclass(frozen=True)
class StoryGraph:
    """What every story of one model reads, made once: feeders, joint work, links, what-ifs."""

    feeders: dict[str, list[tuple[str, bool]]]
    contributions: dict[str, list[str]]  # each contribution's partners, in file order
    joint: list[str]  # the joint contributions, in file order
    links: list[tuple[str, str, str, LinkFacts | None]]  # (from, to, kind, facts), file order
    leaving: dict[str, WhatIf]  # the what-if of each partner leaving alone


def story_graph(model: LogicModel, traced: Trace) -> StoryGraph:
    """Return what the stories of a model read, made once for them all."""
    links = [
        (element.id, target, kind, element.facts_of(target))
        for _, element in model.elements()
        for kind in ("leads_to", "enhances")
        for target in getattr(element, kind, [])
    ]
    return StoryGraph(
        feeding(model),
        {c.id: model.partners_of(c) for _, c in model.contributions()},
        [c.id for _, c in model.contributions() if model.is_collaborative(c)],
        [link for link in links if link[3] is None or not link[3].negative],
        partners_leaving(model, traced),
    )


def links_on_the_way(graph: StoryGraph, outcome: str) -> list[StoryLink]:
    """Return the links on the outcome's supporting paths, in file order, critical ones marked."""
    on_the_way = upstream(graph.feeders, outcome)
    found = [link for link in graph.links if link[0] in on_the_way and link[1] in on_the_way]
    # Each link is tested by taking it away; past MOST_WORK none is, and each says so (None).
    if len(found) * len(on_the_way) > MOST_WORK:
        return [StoryLink(src, to, kind, facts, None) for src, to, kind, facts in found]
    joint, contributions = set(graph.joint), set(graph.contributions)
    return [
        StoryLink(
            source,
            target,
            kind,
            facts,
            not collaboration_reaches(graph.feeders, joint, outcome, (source, target))
            or not _support_reaches(graph.feeders, contributions, outcome, (source, target)),
        )
        for source, target, kind, facts in found
    ]


def _support_reaches(
    feeders: dict[str, list[tuple[str, bool]]], contributions: set[str], outcome: str, skip: Any
) -> bool:
    """Return True when a contribution lies upstream of the outcome without the link `skip`."""
    seen, todo = {outcome}, [outcome]
    while todo:
        target = todo.pop()
        for source, _ in feeders.get(target, ()):
            if (source, target) == skip or source in seen:
                continue
            if source in contributions:
                return True
            seen.add(source)
            todo.append(source)
    return False


def weakest_critical_link(links: list[StoryLink]) -> StoryLink | None:
    """Return the critical link with the weakest evidence (the first such in file order)."""
    critical = [link for link in links if link.critical]
    if not critical:
        return None
    return min(critical, key=lambda link: STRENGTHS.index(link.strength))


def partners_leaving(model: LogicModel, traced: Trace) -> dict[str, WhatIf]:
    """Return the what-if of each partner leaving alone, by partner."""
    graph = build_graph(model)
    return {p: whatif_graph(graph, [p], before=traced) for p in model.partner_ids()}


def partners_costing(leaving: dict[str, WhatIf], outcome: str) -> dict[str, str]:
    """Return each partner whose leaving changes the outcome's class, with the class after."""
    costing = {}
    for partner, result in leaving.items():
        for change in result.changes:
            if change.id == outcome and change.before.trace_class != change.after.trace_class:
                costing[partner] = change.after.trace_class.value
    return costing


def gathered(links: list[StoryLink], field: str) -> list[str]:
    """Return a link fact list (external_factors or assumptions) gathered once each, in order."""
    found: list[str] = []
    for link in links:
        for text in getattr(link.facts, field, None) or []:
            if text not in found:
                found.append(text)
    return found


def depended_on(graph: StoryGraph, critical: tuple[str, ...], links: list[StoryLink]) -> list[str]:
    """Return the joint elements the outcome depends on: the trace's critical ones, then those
    at either end of a critical link, in file order."""
    ends = {end for link in links if link.critical for end in (link.source, link.target)}
    return [e for e in graph.joint if e in critical or e in ends]


def story(
    model: LogicModel,
    outcome: str,
    traced: Trace | None = None,
    graph: StoryGraph | None = None,
) -> Story:
    """Return the contribution story of one outcome (`graph`: story_graph's, if made)."""
    traced = traced or trace(model)
    graph = graph or story_graph(model, traced)
    found = traced.outcomes[outcome]
    links = links_on_the_way(graph, outcome)
    return Story(
        outcome=outcome,
        label=found.label,
        trace_class=found.trace_class.value,
        share=float(found.share),
        critical_elements={
            e: graph.contributions[e] for e in depended_on(graph, found.critical, links)
        },
        links=links,
        partners_costing=partners_costing(graph.leaving, outcome),
        external_factors=gathered(links, "external_factors"),
        assumptions=gathered(links, "assumptions"),
        weakest=weakest_critical_link(links),
    )


def stories(model: LogicModel, outcome: str | None = None) -> list[Story]:
    """Return the story of one outcome, else of each claiming collaboration, else of all."""
    traced = trace(model)
    graph = story_graph(model, traced)
    if outcome is not None:
        return [story(model, outcome, traced, graph)]
    claiming = [o.id for o in traced.outcomes.values() if o.trace_class in RELY_ON_COLLABORATION]
    return [story(model, o, traced, graph) for o in claiming or list(traced.outcomes)]


def story_parts(one: Story) -> list[tuple[str, list[str]]]:
    """Return a story's parts, (heading, its lines), as every format lays them out."""
    critical = [f"{e} (by {', '.join(p) or 'nobody'})" for e, p in one.critical_elements.items()]
    costing = [f"without {p}: {after}" for p, after in one.partners_costing.items()]
    weakest = one.weakest
    if weakest is None and any(link.critical is None for link in one.links):
        strengthen = ["too many links to test which of them the gain cannot do without"]
    elif weakest is None:
        strengthen = ["no single link carries it: every link on the way has another route"]
    elif weakest.evidenced:
        strengthen = [f"{weakest.source} -> {weakest.target}: evidence beyond {weakest.strength}"]
    else:
        strengthen = [f"{weakest.source} -> {weakest.target}: record evidence ({weakest.strength})"]
    return [
        ("Joint elements it depends on", critical),
        ("Partners whose leaving changes it", costing),
        (f"Evidenced links ({len(one.evidenced)})", [link.words() for link in one.evidenced]),
        (f"Assumed links ({len(one.assumed)})", [link.words() for link in one.assumed]),
        ("Assumptions", one.assumptions),
        ("Alternative explanations (external factors)", one.external_factors),
        ("What would most strengthen it (weakest critical link)", strengthen),
    ]


def headline(one: Story) -> str:
    """Return a story's first line: the outcome, its class and collaborative share."""
    return f"{one.outcome}: {one.label} ({one.trace_class}, {one.share:.0%} through collaboration)"


def format_text(found: list[Story]) -> str:
    """Return the stories as plain text."""
    out = []
    for one in found:
        out.append(headline(one))
        for heading, lines in story_parts(one):
            out.append(f"  {heading}:")
            out.extend(f"    - {line}" for line in lines or ["none"])
        out.append("")
    return "\n".join(out)


def format_markdown(found: list[Story]) -> str:
    """Return the stories as Markdown."""
    out = []
    for one in found:
        out.append(f"## {headline(one)}\n")
        for heading, lines in story_parts(one):
            out.append(f"**{heading}**\n")
            out.extend(f"- {line}" for line in lines or ["none"])
            out.append("")
    return "\n".join(out)


def format_json(found: list[Story]) -> str:
    """Return the stories as JSON."""
    return (
        json.dumps([one.record() for one in found], indent=2, ensure_ascii=False, allow_nan=False)
        + "\n"
    )


__all__ = [
    "NOT_STATED",
    "STRENGTHS",
    "Story",
    "StoryGraph",
    "StoryLink",
    "format_json",
    "format_markdown",
    "format_text",
    "gathered",
    "depended_on",
    "headline",
    "links_on_the_way",
    "partners_costing",
    "partners_leaving",
    "stories",
    "story",
    "story_graph",
    "story_parts",
    "weakest_critical_link",
]
