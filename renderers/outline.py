"""The model as text: each stage's elements as lists a screen reader walks, with their partners,
their class, and what each leads to and is fed by; the page and the report both carry it."""

from __future__ import annotations

from html import escape

from logicmodel.analysis.tracing import Trace
from logicmodel.models import Contribution, LogicModel, Outcome
from logicmodel.renderers.export_fields import KIND_WORDS, box_kinds

OUTLINE_ID = "lm-outline"


def element_lines(model: LogicModel, trace: Trace) -> dict[str, list[str]]:
    """Return, per element id, the plain sentences the text version says about it."""
    names = {partner.id: partner.display_name for partner in model.partners}
    labels = {element.id: element.label for _, element in model.elements()}
    kinds = box_kinds(model, trace)
    fed: dict[str, list[str]] = {ident: [] for ident in labels}
    enhanced: dict[str, list[str]] = {ident: [] for ident in labels}
    for _, element in model.elements():
        for target in element.leads_to:
            fed[target].append(element.id)
        for target in getattr(element, "enhances", []):
            enhanced[target].append(element.id)
    lines: dict[str, list[str]] = {}
    for _, element in model.elements():
        said = [KIND_WORDS[kinds[element.id]].capitalize()]
        if isinstance(element, Contribution):
            by = [names[partner] for partner in model.partners_of(element)]
            said[0] += f", by {_joined(by)}"
        if isinstance(element, Outcome) and element.gain:
            said.append(f"Collaborative gain: {element.gain}")
        said += _linked("Leads to", element.leads_to, labels)
        said += _linked("Enhances", getattr(element, "enhances", []), labels)
        said += _linked("Fed by", fed[element.id], labels)
        said += _linked("Enhanced by", enhanced[element.id], labels)
        lines[element.id] = said
    return lines


def outline_html(
    model: LogicModel, trace: Trace, heading_level: int = 2, ident: str = OUTLINE_ID
) -> str:
    """Return the model as nested HTML lists under a heading, one list per stage; `ident`
    names the section for links to it ("" where one page holds several models)."""
    lines = element_lines(model, trace)
    h, sub = f"h{heading_level}", f"h{heading_level + 1}"
    named = f' id="{ident}" tabindex="-1"' if ident else ""
    parts = [
        f'<section{named} class="outline" aria-label="The model as text">',
        f"<{h}>The model as text</{h}>",
        f"<p>{escape(trace.summary())}</p>",
    ]
    stages: dict[str, list[str]] = {}
    for stage, element in model.elements():
        said = "".join(f"<li>{escape(line)}</li>" for line in lines[element.id])
        item = f"<li><strong>{escape(element.label)}</strong><ul>{said}</ul></li>"
        stages.setdefault(stage.heading, []).append(item)
    for heading, items in stages.items():
        parts.append(f"<{sub}>{escape(heading)}</{sub}><ul>{''.join(items)}</ul>")
    parts.append("</section>")
    return "".join(parts)


def _linked(what: str, targets: list[str], labels: dict[str, str]) -> list[str]:
    """Return one sentence naming the linked elements by label, or none when there are none."""
    return [f"{what}: {'; '.join(labels[t] for t in targets)}"] if targets else []


def _joined(names: list[str]) -> str:
    """Return names joined as a sentence says them: "A", "A and B", "A, B and C"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


__all__ = ["OUTLINE_ID", "element_lines", "outline_html"]
