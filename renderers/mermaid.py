"""Mermaid export: a left-to-right flowchart with a subgraph per stage and classes for colour."""

from __future__ import annotations

import re

from logicmodel.analysis.tracing import Trace
from logicmodel.models import Contribution, LogicModel, Stage
from logicmodel.renderers.export_fields import box_kinds
from logicmodel.renderers.options import Options
from logicmodel.renderers.themes import get_theme

# Characters Mermaid would read as syntax or markup, written as its #code; entities.
_SPECIAL = re.compile(r'["#<>&`{}\[\]|()\\;:]')


def escape(text: str) -> str:
    """Return text safe inside a quoted Mermaid label: specials as #code; entities, one line."""
    flat = " ".join(text.split())
    return _SPECIAL.sub(lambda match: f"#{ord(match.group())};", flat)


def node_ids(model: LogicModel) -> dict[str, str]:
    """Return a Mermaid-safe node id for every element: letters, digits and _ only."""
    ids: dict[str, str] = {}
    for index, (_, element) in enumerate(model.elements()):
        ids[element.id] = f"n{index}_{re.sub(r'[^A-Za-z0-9_]', '_', element.id)}"
    return ids


def generate_mermaid(model: LogicModel, trace: Trace, theme: str = "classic") -> str:
    """Return the model as a Mermaid flowchart."""
    colours = get_theme(theme)
    ids = node_ids(model)
    classes = box_kinds(model, trace)
    lines = ["flowchart LR", f"  %% {escape(model.title)}"]
    for stage in Stage:
        elements = model.stage_elements(stage)
        if not elements:
            continue
        lines.append(f'  subgraph {stage.value}["{stage.heading}"]')
        lines.append("    direction TB")
        # A theme's elements go in a subgraph of their own, headed with the theme.
        themes = list(dict.fromkeys(element.theme for element in elements))
        for number, theme_name in enumerate(themes):
            indent = "    " if theme_name is None else "      "
            if theme_name is not None:
                lines.append(f'    subgraph {stage.value}_theme{number}["{escape(theme_name)}"]')
            for element in (e for e in elements if e.theme == theme_name):
                label = escape(element.label)
                gain = getattr(element, "gain", None)
                if gain and classes[element.id] != "green":
                    label += f"<br/><i>{escape(gain)}</i>"
                lines.append(f'{indent}{ids[element.id]}["{label}"]')
            if theme_name is not None:
                lines.append("    end")
        lines.append("  end")
    for _, source in model.elements():
        for target in source.leads_to:
            lines.append(f"  {ids[source.id]} --> {ids[target]}")
        if isinstance(source, Contribution):
            for target in source.enhances:
                lines.append(f"  {ids[source.id]} -. enhances .-> {ids[target]}")
    lines += [
        f"  classDef green fill:{colours.green_fill},stroke:{colours.green_edge},"
        f"color:{colours.text}",
        f"  classDef red fill:{colours.red_fill},stroke:{colours.red_edge},color:{colours.text}",
        f"  classDef split fill:{colours.green_fill},stroke:{colours.red_edge},"
        f"stroke-width:4px,color:{colours.text}",
        f"  classDef unsupported fill:{colours.warning_fill},stroke:{colours.warning_edge},"
        "stroke-dasharray:5 5,color:#000000",
    ]
    for name in ("green", "red", "split", "unsupported"):
        members = [ids[node] for node, cls in classes.items() if cls == name]
        if members:
            lines.append(f"  class {','.join(members)} {name}")
    return "\n".join(lines) + "\n"


def generate(model: LogicModel, trace: Trace, options: Options) -> str:
    """Return the Mermaid flowchart (the registry's entry point)."""
    return generate_mermaid(model, trace, options.theme)


__all__ = [
    "escape",
    "generate",
    "generate_mermaid",
    "node_ids",
]
