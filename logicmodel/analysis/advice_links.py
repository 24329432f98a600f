"""Advice on what links rest on: a claimed gain whose critical joint link has no evidence, and
a link counted as support although its evidence refutes it. `advice` registers these."""

from __future__ import annotations

from collections.abc import Iterator

from logicmodel.analysis.tracing import RELY_ON_COLLABORATION, Trace
from logicmodel.fileformat.parsing import Path
from logicmodel.models import Element, LogicModel, Stage
from logicmodel.models.links import Stance

Finding = tuple[Path, str]


def _links(model: LogicModel) -> Iterator[tuple[Stage, int, Element, str, int, str]]:
    """Yield every link: (stage, index, element, kind, position in its list, target)."""
    for stage in Stage:
        for index, element in enumerate(model.stage_elements(stage)):
            for kind in ("leads_to", "enhances"):
                for position, target in enumerate(getattr(element, kind, [])):
                    yield stage, index, element, kind, position, target


Link = tuple[str, str]  # (source, target)
# Past this much work (candidate links times the elements upstream) the rule stays quiet: it
# tests each joint link by taking it away, and a huge model is no place for that.
MOST_WORK = 2_000_000


def feeding(model: LogicModel) -> dict[str, list[tuple[str, bool]]]:
    """Return, for each element, what feeds it: (source, True for an enhances link)."""
    feeders: dict[str, list[tuple[str, bool]]] = {e.id: [] for _, e in model.elements()}
    for _, _, element, kind, _, target in _links(model):
        facts = element.facts_of(target)
        if facts is None or not facts.negative:  # a link against its target feeds nothing
            feeders.setdefault(target, []).append((element.id, kind == "enhances"))
    return feeders


def upstream(feeders: dict[str, list[tuple[str, bool]]], outcome: str) -> set[str]:
    """Return the outcome and everything upstream of it."""
    seen, todo = {outcome}, [outcome]
    while todo:
        for source, _ in feeders.get(todo.pop(), ()):
            if source not in seen:
                seen.add(source)
                todo.append(source)
    return seen


def collaboration_reaches(
    feeders: dict[str, list[tuple[str, bool]]], joint: set[str], outcome: str, skip: Link
) -> bool:
    """Return True when joint work or an enhances link lies upstream of the outcome without
    the link `skip`."""
    seen, todo = {outcome}, [outcome]
    while todo:
        target = todo.pop()
        for source, enhances in feeders.get(target, ()):
            if (source, target) == skip:
                continue
            if enhances or source in joint:
                return True
            if source not in seen:
                seen.add(source)
                todo.append(source)
    return False


def _critical_joint_links(model: LogicModel, trace: Trace) -> dict[Link, str]:
    """Return the joint links without which a claimed gain would have no collaboration behind
    it, each with (the first) outcome whose gain it carries."""
    feeders = feeding(model)
    joint = {c.id for _, c in model.contributions() if model.is_collaborative(c)}
    found: dict[Link, str] = {}
    for _, element in model.elements():
        traced = trace.outcomes.get(element.id)
        if not (traced and getattr(element, "gain", None)):
            continue
        if traced.trace_class not in RELY_ON_COLLABORATION:
            continue
        on_the_way = upstream(feeders, element.id)
        candidates = [
            (source, target)
            for target in on_the_way
            for source, enhances in feeders.get(target, ())
            if enhances or source in joint
        ]
        if len(candidates) * len(on_the_way) > MOST_WORK:
            continue
        for link in candidates:
            if link not in found and not collaboration_reaches(feeders, joint, element.id, link):
                found[link] = element.id
    return found


def unevidenced_critical_links(model: LogicModel, trace: Trace) -> Iterator[Finding]:
    """Yield each link out of a critical collaborative element, on the way to an outcome whose
    gain is claimed, that states no evidence; once for the model where no link states any."""
    found = list(_unevidenced_critical_links(model, trace))
    if not found:
        return
    if any(f.evidence for _, _, e, _, _, t in _links(model) if (f := e.facts_of(t))):
        for path, link, outcome in found:
            yield (
                path,
                f"{link}: every route to the gain claimed for {outcome!r} passes this joint "
                "link, and it states no evidence: add `evidence: {level, source}` to it",
            )
        return
    path, link, outcome = found[0]
    count = f"{len(found)} joint links carry" if len(found) > 1 else "1 joint link carries"
    yield (
        path,
        f"no link states its evidence, and {count} a claimed gain alone (first {link}, to "
        f"{outcome!r}): state what they rest on, e.g. `logicmodel link FILE FROM TO "
        "--evidence LEVEL --source ...`",
    )


def _unevidenced_critical_links(model: LogicModel, trace: Trace) -> Iterator[tuple[Path, str, str]]:
    """Yield (place, the link in words, the outcome) for each critical joint link with no
    evidence on the way to a claimed gain, in file order."""
    critical = _critical_joint_links(model, trace)
    if not critical:
        return
    for stage, index, element, kind, position, target in _links(model):
        outcome = critical.get((element.id, target))
        facts = element.facts_of(target)
        if outcome is not None and (facts is None or facts.evidence is None):
            link = f"{stage.singular} {element.id!r} -> {target!r}"
            yield (stage.value, index, kind, position), link, outcome


def refuted_links_in_use(model: LogicModel, trace: Trace) -> Iterator[Finding]:
    """Yield each link counted as support although the evidence stated for it refutes it."""
    for stage, index, element, kind, position, target in _links(model):
        facts = element.facts_of(target)
        if facts is None or facts.negative or facts.evidence is None:
            continue
        if facts.evidence.stance is Stance.REFUTES:
            source = f" ({facts.evidence.source})" if facts.evidence.source else ""
            yield (
                (stage.value, index, kind, position),
                f"{stage.singular} {element.id!r} -> {target!r}: its evidence{source} refutes "
                "the link, yet the trace counts it as support: remove it, mark it as working "
                "against its target (`effect: negative`), or record the evidence that holds",
            )


# The rules' registrations, as `advice.rule` takes them: code, severity, title, principle,
# source, and the function.
LINK_RULES = (
    (
        "LM140",
        "warning",
        "A critical joint link to a claimed gain has no evidence",
        "Collaborative gain is hard to attribute: partners often assume the causal link between "
        "joint working and its benefits. Where every route to a claimed gain passes one joint "
        "link, that link carries the claim: record the evidence for it (level and source), so "
        "the contribution story rests on more than assumption.",
        "Collaborative Gain Research Study (2008), main report (an assumed causal attribution); "
        "annexe, Aberdeen City case studies (difficult to measure; attribution more challenging)",
        unevidenced_critical_links,
    ),
    (
        "LM141",
        "warning",
        "A link the evidence refutes is counted as support",
        "Gain must be monitored to see that it is achieved. A link whose own evidence says it "
        "does not hold still counts as support in the trace and the picture: remove it, mark "
        "it as working against its target, or record the evidence that it holds.",
        "Outcomes approach briefing paper (2010), Fig. 4 'Planning for Collaborative Gain' "
        "(monitored)",
        refuted_links_in_use,
    ),
)


__all__ = [
    "LINK_RULES",
    "MOST_WORK",
    "Link",
    "collaboration_reaches",
    "feeding",
    "refuted_links_in_use",
    "unevidenced_critical_links",
    "upstream",
]
