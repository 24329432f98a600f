"""The board report's contribution stories: what each outcome's claimed gain rests on."""

from __future__ import annotations

from html import escape

from logicmodel.analysis.story import headline, stories, story_parts
from logicmodel.models import LogicModel

NO_STORY = "No outcomes yet, so no claimed gain to tell the story of."


def story_html(model: LogicModel) -> str:
    """Return the stories section: per outcome, each part as a heading and a list."""
    if not any(stage.is_outcome for stage, _ in model.elements()):
        return f'<p class="none">{escape(NO_STORY)}</p>'
    parts = []
    for one in stories(model):
        parts.append(f"<h3>{escape(headline(one))}</h3>")
        for heading, lines in story_parts(one):
            items = "".join(f"<li>{escape(line)}</li>" for line in lines or ["none"])
            parts.append(f"<h4>{escape(heading)}</h4><ul>{items}</ul>")
    return "".join(parts)


__all__ = ["NO_STORY", "story_html"]
