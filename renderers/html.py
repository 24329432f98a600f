"""The html view: one self-contained offline page to click, trace and present a model with.

The diagram is the Figure 1 layout (or Graphviz's, with `--layout graph`) drawn as SVG whose
boxes and links carry their element's id. Everything the page says about the trace comes
from Python and is embedded as JSON, so the page and the command line always agree; the
script (`static/page.js`) only looks things up and switches classes. User text reaches the
page escaped, and the Content-Security-Policy lets only the page's own script run and
nothing load from a network.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from importlib import resources
from typing import Any

from logicmodel.analysis.results import finite_json
from logicmodel.analysis.tracing import (
    Trace,
)
from logicmodel.analysis.tracing import trace as trace_of
from logicmodel.models import (
    CONTRIBUTION_STAGES,
    LogicModel,
    Stage,
)
from logicmodel.renderers.assessment_view import assessment_data
from logicmodel.renderers.drawing import MARGIN
from logicmodel.renderers.editor_facts import editor_facts
from logicmodel.renderers.export_fields import KIND_WORDS, BoxKind, box_kinds
from logicmodel.renderers.layout import (
    COLUMN_TITLES,
    FOCUS_TITLE,
    LEGEND_GAP,
    LEGEND_SWATCH,
    PAD,
    TAB,
    Layout,
    Spacing,
    drawn_stages,
    lane_title,
    legend_entries,
    legend_item_width,
)
from logicmodel.renderers.link_marks import LEGEND_PREFIX, link_marks
from logicmodel.renderers.options import HtmlOptions, OptionProblem
from logicmodel.renderers.outline import outline_html
from logicmodel.renderers.page_data import REVEAL, page_data, partner_whatifs
from logicmodel.renderers.slides import fitted
from logicmodel.renderers.strand_view import collapse, strand_templates
from logicmodel.renderers.text import LINE_PITCH, Block
from logicmodel.renderers.theme_bands import BAND_PAD, bands
from logicmodel.renderers.themes import THEMES, Theme, get_theme

PX = 96.0  # CSS pixels per inch: the layout is in inches
PT = PX / 72  # CSS pixels per point

# The order presenter mode reveals the model in; lanes come with the inputs.

# Characters that may not appear raw inside a <script> block or a JavaScript string.
_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028"}
_SCRIPT_UNSAFE["\u2029"] = "\\u2029"
_UNSAFE_RE = re.compile("[<>&\u2028\u2029]")


def generate(model: LogicModel, trace: Trace, options: HtmlOptions) -> str:
    """Return the interactive page (the registry's entry point)."""
    return page(model, trace, options)


@dataclass(frozen=True)
class PageParts:
    """What changes in a page from one version of its file to the next: the data its script
    reads, the diagram and the model as text. A live page swaps these in without reloading."""

    data: dict[str, Any]
    diagram: str
    text: str

    def update(self, generation: int) -> dict[str, Any]:
        """Return the parts as the JSON a live page (static/live.js) swaps in."""
        return {"generation": generation, "data": self.data, "diagram": self.diagram} | {
            "text": self.text
        }


def page_parts(
    model: LogicModel,
    trace: Trace,
    options: HtmlOptions,
    *,
    events: str | None = None,
    editing: dict[str, Any] | None = None,
    changed: Sequence[str] = (),
    live: dict[str, Any] | None = None,
) -> PageParts:
    """Return the parts of the page that follow the model (see `page`).

    With `live` (where a served page asks for a new version and for the partners' what-ifs,
    and which version it shows), the what-ifs are left out, to be asked for when wanted.
    """
    theme = get_theme(options.theme)
    model, trace = collapse(model, trace)  # a parent: each strand one box
    if options.layout == "graph":
        diagram = graph_svg(model, trace, theme)
    else:
        diagram = figure1_svg(model, trace, theme, adding=editing is not None)
    data = page_data(model, trace, theme.name, events, whatifs=live is None)
    data["changed"] = list(changed)
    if live is not None:
        data["live"] = live
    if editing is not None:
        data["editing"] = editor_data(model, editing)
    return PageParts(data, diagram, outline_html(model, trace))


def page(
    model: LogicModel,
    trace: Trace,
    options: HtmlOptions,
    *,
    events: str | None = None,
    editing: dict[str, Any] | None = None,
    changed: Sequence[str] = (),
    parts: PageParts | None = None,
) -> str:
    """Return the whole page; with `events`, it also listens there for live reloads.

    With `editing` (where edits go, the token, the file's version; see `logicmodel edit`),
    the page is also an editor. `changed` names the elements the last save added or changed,
    which a page reloaded by that save marks for a moment. `parts`: made by `page_parts`.
    """
    theme = get_theme(options.theme)
    if parts is None:
        parts = page_parts(model, trace, options, events=events, editing=editing, changed=changed)
    model, trace, strands, scripts = _strands_folded(model, trace, theme)
    data, diagram = parts.data, parts.diagram
    scripts += [static_text(name) for name in _more_scripts("live" in data, editing is not None)]
    style = static_text("page.css") + static_text("link_marks.css") + theme_css()
    policy = content_policy(scripts, style, live=events is not None)
    title = escape(model.title)
    return f"""<!DOCTYPE html>
<html lang="en" class="theme-{theme.name}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="logicmodel">
<link rel="icon" href="data:,">
<title>{title}</title>
<style>{style}</style>
</head>
<body>
<button class="skip" id="lm-skip" type="button" aria-controls="lm-text">Skip to the model as
 text</button>
{_toolbar(model, trace, theme, editing is not None)}
<main>
<div id="lm-stage" class="stage">{diagram}</div>{strands}
<aside id="lm-panel" class="panel" aria-live="polite">
<p class="hint">Click an outcome to see what feeds it, or a contribution to see what it feeds.
Tab moves between boxes, Enter selects, Escape clears; on a box the arrows follow the links
(right: what it leads to; left: what feeds it; up, down: its column). Wheel or +/− zooms, drag
or arrows pan, 0 fits. P presents the model stage by stage; T shows the model as text.</p>
</aside>
</main>
<div id="lm-text" class="text-version" hidden>{parts.text}</div>
<div id="lm-problems" class="problems" role="alert" hidden></div>
<div id="lm-step" class="step" aria-live="polite" hidden></div>
<script type="application/json" id="lm-data">{script_json(data)}</script>
{"".join(f"<script>{script}</script>" for script in scripts)}
</body>
</html>
"""


def _more_scripts(live: bool, editing: bool) -> tuple[str, ...]:
    """Return the names of the scripts a served page adds: live updates, then the editor's
    (the measures' forms first: the editor hands them its helpers)."""
    editor = ("measures.js", "editor.js", "reorder.js", "assess.js") if editing else ()
    return (("live.js",) if live else ()) + editor


def _strands_folded(
    model: LogicModel, trace: Trace, theme: Theme
) -> tuple[LogicModel, Trace, str, list[str]]:
    """Return a parent with each strand as one box, each strand's own picture to open, and
    the page's scripts (the strands script where there are strands)."""
    pictures = strand_templates(
        model, lambda alone: figure1_svg(alone, trace_of(alone), theme, interactive=False)
    )
    scripts = [static_text("page.js") + static_text("link_marks.js"), static_text("presenter.js")]
    scripts += [static_text("strands.js")] if pictures else []
    return (*collapse(model, trace), pictures, scripts)


# The joint-work assumption for "if this partner left", as `logicmodel whatif --joint-work`.
JOINT_WORK_SWITCH = """<fieldset id="lm-joint" class="joint" disabled>
<legend>and their joint work</legend>
<label title="Joint work they took part in carries on with the partners left"><input
 type="radio" name="lm-joint" value="continues" checked> carries on</label>
<label title="Joint work they took part in stops"><input
 type="radio" name="lm-joint" value="stops"> stops</label>
</fieldset>"""


def _toolbar(model: LogicModel, trace: Trace, theme: Theme, editing: bool) -> str:
    """Return the page's header: title, summary, search, partner and what-if switches, the
    theme and the buttons (and the editor's, when editing)."""
    title = escape(model.title)
    options_html = "".join(
        f'<option value="{escape(p.id)}">{escape(p.display_name)}</option>' for p in model.partners
    )
    theme_choices = "".join(
        f'<option value="{name}"{" selected" if name == theme.name else ""}>{name}</option>'
        for name in THEMES
    )
    return f"""<header class="bar">
<div class="heading"><h1>{title}</h1><p class="summary">{escape(trace.summary())}</p></div>
<div class="controls" role="toolbar" aria-label="Diagram controls">
<label class="search">Find <input id="lm-search" type="search" autocomplete="off"
 placeholder="label or id" aria-controls="lm-results"></label>
<label>Partner <select id="lm-partner"><option value="">all partners</option>
{options_html}</select></label>
<label><input id="lm-leave" type="checkbox" disabled> if this partner left</label>
{JOINT_WORK_SWITCH}
<label><input id="lm-nocollab" type="checkbox"> without collaboration</label>
<label>Colours <select id="lm-theme">{theme_choices}</select></label>
<button id="lm-fit" type="button" title="Fit to screen (0)">Fit</button>
<button id="lm-present" type="button" title="Presenter mode (P); arrows step">Present</button>
<button id="lm-text-button" type="button" aria-pressed="false" aria-controls="lm-text"
 title="The model as lists a screen reader walks (T)">Text</button>
<button id="lm-print" type="button">Print</button>
{EDIT_BUTTONS if editing else ""}</div>
<span id="lm-presence" class="presence" role="status"></span>
<ul id="lm-results" class="results" role="listbox" aria-label="Search results" hidden></ul>
</header>"""


def script_json(data: Any) -> str:
    """Return data as JSON that is safe inside a <script> block whatever its strings hold."""
    text = json.dumps(finite_json(data), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _UNSAFE_RE.sub(lambda match: _SCRIPT_UNSAFE[match.group()], text)


EDIT_BUTTONS = (
    '<span class="editing" role="group" aria-label="Editing">'
    '<button id="lm-undo" type="button" title="Undo (Ctrl-Z)">Undo</button>'
    '<button id="lm-redo" type="button" title="Redo (Ctrl-Y)">Redo</button>'
    '<button id="lm-partners" type="button">Partners</button>'
    '<span id="lm-status" role="status"></span></span>'
)


def content_policy(scripts: list[str], style: str, *, live: bool = False) -> str:
    """Return the page's Content-Security-Policy: its own scripts and style, no network."""
    connect = "'self'" if live else "'none'"
    hashes = " ".join(f"'{_sha256(script)}'" for script in scripts)
    return (
        f"default-src 'none'; script-src {hashes}; style-src '{_sha256(style)}'; "
        f"img-src data:; connect-src {connect}; base-uri 'none'; form-action 'none'"
    )


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


@lru_cache(maxsize=8)
def static_text(name: str) -> str:
    """Return one of the package's static files (page.js, live.js, editor.js, page.css) as text."""
    return (resources.files("logicmodel.renderers") / "static" / name).read_text("utf-8")


# ---------------------------------------------------------------- the data the script reads


def editor_data(model: LogicModel, editing: dict[str, Any]) -> dict[str, Any]:
    """Return what the editor's forms read besides the page: partners, measures and facts, and
    the self-assessment's questions and answers."""
    return editing | {
        "partners_full": _partners_full(model),
        "measures": editor_facts(model),
        "assessment": assessment_data(model),
    }


def _partners_full(model: LogicModel) -> list[dict[str, str]]:
    """Return each partner's id, name and short name, for the editor's forms."""
    return [{"id": p.id, "name": p.name, "short": p.short or ""} for p in model.partners]


# ---------------------------------------------------------------- theme colours as CSS


_CSS_VARIABLES = {
    "green_fill": "--green-fill",
    "green_edge": "--green-edge",
    "red_fill": "--red-fill",
    "red_edge": "--red-edge",
    "hatch_colour": "--hatch",
    "text": "--text",
    "muted_text": "--muted",
    "focus_text": "--focus-text",
    "green_lane": "--green-lane",
    "red_lane": "--red-lane",
    "focus_fill": "--focus-fill",
    "focus_edge": "--focus-edge",
    "warning_fill": "--warning-fill",
    "warning_edge": "--warning-edge",
    "link": "--link",
    "enhances": "--enhances",
    "divider": "--divider",
    "background": "--background",
}


@lru_cache(maxsize=1)
def theme_css() -> str:
    """Return each theme's colours as CSS variables on a `theme-<name>` class."""
    rules = []
    for name in THEMES:
        theme = get_theme(name)
        values = "".join(
            f"{variable}:{getattr(theme, field)};" for field, variable in _CSS_VARIABLES.items()
        )
        hatched = "visible" if theme.red_hatch else "hidden"
        rules.append(f".theme-{name}{{{values}--hatched:{hatched};}}")
    return "\n".join(rules) + "\n"


# ---------------------------------------------------------------- the Figure 1 layout as SVG


def box_name(box: Any, kind: BoxKind) -> str:
    """Return a box's accessible name: its text as drawn, then what its colour means."""
    shown = [*box.label.lines, *(box.gain.lines if box.gain is not None else [])]
    return f"{' '.join(shown)} ({KIND_WORDS[kind]})"


class _Svg:
    """Collects SVG text for a layout measured in inches; every string put in is escaped."""

    def __init__(self, interactive: bool = True) -> None:
        self.parts: list[str] = []
        self.add = self.parts.append
        # A box is a button only where a script answers it; in the report it is a picture.
        self.box_role = 'tabindex="0" role="button"' if interactive else 'role="img"'
        self.focus_role = 'tabindex="0" role="img"' if interactive else 'role="img"'

    def text(self, x: float, y: float, block: Any, css: str, more: bool = False) -> None:
        """Add a block of lines from (x, y), its top-left corner, as one <text>; `more` when
        another block of the same box follows it."""
        pitch = block.size * LINE_PITCH / 72
        weight = ' font-weight="bold"' if block.bold else ""
        style = ' font-style="italic"' if block.italic else ""
        self.add(f'<text class="{css}" font-size="{block.size * PT:.1f}"{weight}{style}>')
        last = len(block.lines) - (0 if more else 1)
        for number, line in enumerate(block.lines):
            # The layout puts a line's top at `y`; SVG places text by its baseline.
            baseline = y + number * pitch + (pitch - block.size / 72) / 2 + block.size / 72 * 0.8
            # A trailing space keeps the words of wrapped lines apart for a screen reader; it
            # draws nothing, since each line is placed on its own.
            shown = escape(line) + (" " if number < last else "")
            self.add(f'<tspan x="{_px(x)}" y="{_px(baseline)}">{shown}</tspan>')
        self.add("</text>")

    def rect(self, x: float, y: float, w: float, h: float, css: str) -> None:
        """Add a rectangle styled by its class."""
        self.add(
            f'<rect class="{css}" x="{_px(x)}" y="{_px(y)}" width="{_px(w)}" height="{_px(h)}"/>'
        )

    def box(self, box: Any, number: int, stage: str, kind: BoxKind) -> None:
        """Add one element's box as a focusable group named by its text and its class."""
        self.add(
            f'<g id="el-{number}" class="el kind-{kind.value}{" claimed" if box.claimed else ""}" '
            f'data-i="{number}" '
            f'data-id="{escape(box.id)}" data-stage="{stage}" {self.box_role} '
            f'aria-label="{escape(box_name(box, kind))}">'
        )
        self.rect(box.x, box.y, box.width, box.height, "body")
        self.rect(box.x, box.y, box.width, box.height, "hatch")
        if box.gain is not None and kind is BoxKind.SPLIT:
            gain_y = box.y + box.label_height
            self.rect(box.x, gain_y, box.width, box.gain_height, "gain")
            self.rect(box.x, gain_y, box.width, box.gain_height, "hatch gain-hatch")
        # The label before the gain, in reading order, so the accessible name starts as read.
        self.text(box.x + PAD, box.y + PAD, box.label, "t", more=box.gain is not None)
        if box.gain is not None:
            self.text(box.x + PAD, box.y + box.label_height + PAD, box.gain, "t g")
        self.add("</g>")

    def add_button(
        self, x: float, y: float, size: float, stage: str, partners: str, where: str
    ) -> None:
        """Add a "+" centred at (x, y), `size` across, that opens the form for a new element."""
        name = where.replace("\n", " ")
        r, arm = size / 2, size * 0.28
        self.add(
            f'<g class="add" data-stage="{stage}" data-partners="{escape(partners)}" '
            f'tabindex="0" role="button" aria-label="Add to {escape(name)}: {stage}">'
            f"<title>Add to {escape(name)}</title>"
            f'<circle cx="{_px(x)}" cy="{_px(y)}" r="{_px(r)}"/>'
            f'<path d="M{_px(x - arm)} {_px(y)} h{_px(2 * arm)} M{_px(x)} {_px(y - arm)} '
            f'v{_px(2 * arm)}"/></g>'
        )

    def svg(self) -> str:
        """Return the collected text."""
        return "".join(self.parts)


def figure1_svg(
    model: LogicModel,
    trace: Trace,
    theme: Theme,
    *,
    adding: bool = False,
    interactive: bool = True,
) -> str:
    """Return the Figure 1 layout as SVG: each box a group carrying its element, focusable
    when `interactive` (the page), a named picture when not (the report)."""
    # A slide theme's page draws the picture laid out as the projector's PNG: as large as fits.
    placed, theme = fitted(model, trace, theme, every_column=adding)
    index = {element.id: number for number, (_, element) in enumerate(model.elements())}
    out = _Svg(interactive)
    ox, oy = placed.offset_x * PX, placed.offset_y * PX
    out.add(
        f'<svg id="lm-diagram" xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMidYMin" '
        f'viewBox="{0.0 - ox:.1f} {0.0 - oy:.1f} {placed.width * PX:.1f} {placed.height * PX:.1f}" '
        'role="group" '
        f'aria-label="{escape(model.title)}: logic model diagram" data-layout="figure1">'
    )
    out.add(svg_description(model, trace))
    out.add(_DEFS)
    _svg_frame(out, placed, theme, adding)
    _svg_lanes(out, model, placed, theme, adding)
    _svg_bands(out, placed, theme)
    _svg_links(out, model, placed, index)
    _svg_boxes(out, model, trace, placed, index)
    _legend(out, placed, theme)
    out.add("</svg>")
    return out.svg()


def _svg_frame(out: _Svg, placed: Layout, theme: Theme, adding: bool) -> None:
    """Add the title, the column headings (each with a "+" when adding) and the divider."""
    out.add('<g class="frame">')
    out.text(MARGIN, MARGIN, placed.title, "title")
    out.text(MARGIN, MARGIN + placed.title.height(), placed.subtitle, "subtitle")
    headers = [("focus", placed.focus.x, FOCUS_TITLE)]
    headers += [(s.value, placed.columns[s], COLUMN_TITLES[s]) for s in drawn_stages(placed)]
    for key, x, title in headers:
        out.add(f'<g class="header" data-stage="{key}">')
        out.text(
            x, placed.header_y, Block(title.split("\n"), theme.font_size * 1.05, bold=True), "h"
        )
        out.add("</g>")
        if adding and key != "focus":
            # Right of the heading's second line, which is short or absent.
            size = theme.font_size * 1.3 / 72
            line = theme.font_size * 1.05 * LINE_PITCH / 72
            centre = (x + placed.focus.width - size / 2, placed.header_y + line * 1.5)
            out.add_button(*centre, size, key, "", title)
    out.add(
        f'<line class="divider" x1="{_px(placed.divider_x)}" y1="{_px(placed.header_y)}" '
        f'x2="{_px(placed.divider_x)}" y2="{_px(placed.content_bottom)}"/>'
    )
    out.add("</g>")


def _svg_lanes(out: _Svg, model: LogicModel, placed: Layout, theme: Theme, adding: bool) -> None:
    """Add the contribution lanes and their titles (and a "+" per stage when adding)."""
    out.add('<g class="lanes" data-stage="inputs">')
    left = placed.columns[Stage.INPUTS] - PAD * 2
    right = placed.columns[Stage.OUTPUTS] + placed.focus.width + PAD * 2
    for lane in placed.lanes:
        out.add(f'<g class="lane {"joint" if lane.joint else "own"}">')
        out.rect(left, lane.y, right - left, lane.height, "lane-body")
        heading = lane_title(lane.title, Spacing.of(theme))
        out.text(left + PAD, lane.y + PAD / 2, heading, "h")
        if adding:
            # Where a "+" in this lane adds a contribution: its partners, already chosen.
            # Joint work starts with every partner ticked; untick those not in it.
            partners = " ".join(model.partner_ids() if lane.joint else lane.partners)
            for stage in CONTRIBUTION_STAGES:
                size = theme.font_size * 1.1 / 72
                x = placed.columns[stage] + placed.focus.width - size / 2
                out.add_button(
                    x, lane.y + PAD / 2 + size / 2, size, stage.value, partners, lane.title
                )
        out.add("</g>")
    out.add("</g>")


def _svg_bands(out: _Svg, placed: Layout, theme: Theme) -> None:
    """Add each theme's band and heading behind its boxes, as Figure 1 draws them."""
    for band in bands(placed, theme.font_size):
        out.add(f'<g class="theme-band" data-theme="{escape(band.theme)}">')
        out.rect(band.x, band.y, band.width, band.height, "band")
        out.text(band.x + BAND_PAD, band.y + BAND_PAD, band.heading, "h")
        out.add("</g>")


def _svg_links(out: _Svg, model: LogicModel, placed: Layout, index: dict[str, int]) -> None:
    """Add every link along the route Figure 1 draws, numbered as the page counts them."""
    out.add('<g class="links">')
    number = 0
    marks = link_marks(model)  # what links rest on: renderers/link_marks.py
    for _, element in model.elements():
        for kind, targets in (
            ("leads_to", element.leads_to),
            ("enhances", getattr(element, "enhances", [])),
        ):
            for target_id in targets:
                target = placed.boxes[target_id]
                gid = f"{'link' if kind == 'leads_to' else 'enhances'}:{element.id}->{target_id}"
                out.add(
                    f'<g id="ln-{number}" class="link {kind} {marks.get(gid, "")}" '
                    f'data-from="{index[element.id]}" '
                    f'data-to="{index[target_id]}" data-source="{escape(element.id)}" '
                    f'data-target="{escape(target_id)}">'
                )
                # The route Figure 1 draws: in the gaps between boxes, never under one.
                path = "M" + " L".join(f"{_px(x)} {_px(y)}" for x, y in placed.routes[gid])
                marker = "lm-arrow" if kind == "leads_to" else "lm-arrow-enh"
                out.add(f'<path d="{path}" marker-end="url(#{marker})"/>')
                if kind == "enhances":
                    out.rect(target.x - TAB, target.y, TAB, target.height, "tab")
                out.add("</g>")
                number += 1
    out.add("</g>")


def _svg_boxes(
    out: _Svg, model: LogicModel, trace: Trace, placed: Layout, index: dict[str, int]
) -> None:
    """Add the focus box and every element's box."""
    stages = {element.id: stage.value for stage, element in model.elements()}
    out.add('<g class="boxes">')
    focus = placed.focus
    out.add(
        f'<g id="el-focus" class="el focus" data-stage="focus" {out.focus_role} '
        f'aria-label="Partnership focus: {escape(" ".join(focus.label.lines))}">'
    )
    out.rect(focus.x, focus.y, focus.width, focus.height, "body")
    out.text(focus.x + PAD, focus.y + PAD, focus.label, "t")
    out.add("</g>")
    kinds = box_kinds(model, trace)
    for element_id, box in placed.boxes.items():
        out.box(box, index[element_id], stages[element_id], kinds[element_id])
    out.add("</g>")


def _legend(out: _Svg, placed: Layout, theme: Theme) -> None:
    """Add the legend: a swatch and words for each box kind and link."""
    size = theme.font_size
    x, y = MARGIN, placed.legend_y
    row_h = size * LINE_PITCH / 72 + 0.12 * size / 9
    swatch_h = size * LINE_PITCH / 72
    limit = MARGIN + placed.legend_width
    out.add('<g class="legend">')
    if placed.legend_stacked:
        _stacked_legend(out, placed, theme)
        return
    for kind, words in placed.legend_items:
        item_w = legend_item_width(words, size)
        if x + item_w > limit and x > MARGIN:
            x, y = MARGIN, y + row_h
        out.add(f'<g class="key kind-{kind}">')
        _legend_mark(out, kind, x, y, swatch_h)
        out.text(x + 0.45, y, Block([words], size), "h")
        out.add("</g>")
        x += item_w
    out.add("</g>")


def _stacked_legend(out: _Svg, placed: Layout, theme: Theme) -> None:
    """Add the key one entry under another beside the focus box, each text wrapped, as a
    slide's picture has it; closes the legend's group."""
    x, y = placed.legend_x, placed.legend_y
    swatch_h = theme.font_size * LINE_PITCH / 72
    for kind, block in legend_entries(placed.legend_items, placed.legend_width, theme.font_size):
        out.add(f'<g class="key kind-{kind}">')
        _legend_mark(out, kind, x, y, swatch_h)
        out.text(x + LEGEND_SWATCH, y, block, "h")
        out.add("</g>")
        y += block.height() + LEGEND_GAP * theme.font_size / 9
    out.add("</g>")


def _legend_mark(out: _Svg, kind: str, x: float, y: float, swatch_h: float) -> None:
    """Add a key entry's swatch, or its arrow for a kind of link."""
    if kind in ("link", "enhances") or kind.startswith(LEGEND_PREFIX):
        css = "link enhances" if kind == "enhances" else "link leads_to"
        css += " " + kind.removeprefix(LEGEND_PREFIX) if kind.startswith(LEGEND_PREFIX) else ""
        marker = "lm-arrow-enh" if kind == "enhances" else "lm-arrow"
        out.add(
            f'<g class="{css}"><path d="M{_px(x)} {_px(y + swatch_h / 2)} '
            f'L{_px(x + 0.38)} {_px(y + swatch_h / 2)}" marker-end="url(#{marker})"/></g>'
        )
    elif kind == "split":
        out.rect(x, y, 0.38, swatch_h / 2, "body")
        out.rect(x, y + swatch_h / 2, 0.38, swatch_h / 2, "gain")
        out.rect(x, y + swatch_h / 2, 0.38, swatch_h / 2, "hatch gain-hatch")
    else:
        out.rect(x, y, 0.38, swatch_h, "body")
        out.rect(x, y, 0.38, swatch_h, "hatch")


def _px(inches: float) -> str:
    return f"{inches * PX:.1f}"


_DEFS = (
    "<defs>"
    '<marker id="lm-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" '
    'markerHeight="9" markerUnits="userSpaceOnUse" orient="auto-start-reverse">'
    '<path class="arrow" d="M0 0 L10 5 L0 10z"/>'
    "</marker>"
    '<marker id="lm-arrow-enh" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" '
    'markerHeight="9" markerUnits="userSpaceOnUse" orient="auto-start-reverse">'
    '<path class="arrow-enh" d="M0 0 L10 5 L0 10z"/>'
    "</marker>"
    '<pattern id="lm-hatch" patternUnits="userSpaceOnUse" width="8" height="8">'
    '<path class="hatch-line" d="M-2 2 L2 -2 M0 8 L8 0 M6 10 L10 6"/></pattern>'
    "</defs>"
)


def svg_description(model: LogicModel, trace: Trace) -> str:
    """Return the diagram's <title> and <desc>: what it is, and what its trace says."""
    return (
        f"<title>{escape(model.title)}: logic model diagram</title>"
        f"<desc>{escape(trace.summary())} The model as text lists every box and link.</desc>"
    )


def graph_svg(model: LogicModel, trace: Trace, theme: Theme) -> str:
    """Return Graphviz's layout as SVG, its nodes and links numbered as the page counts them."""
    from logicmodel.renderers import GRAPHVIZ_LAYOUT_MISSING
    from logicmodel.renderers.graph import GraphvizMissing, build_digraph, draw
    from logicmodel.renderers.options import GraphOptions

    dot_text = str(
        build_digraph(model, trace, GraphOptions(theme=theme.name), numbered=True).source
    )
    try:
        made = draw(dot_text, "svg").decode("utf-8")
    except GraphvizMissing:
        raise OptionProblem(GRAPHVIZ_LAYOUT_MISSING) from None
    # Keep the <svg> element alone: no XML declaration or DOCTYPE inside an HTML page.
    start = made.index("<svg")
    opening_end = made.index(">", start)
    opening = made[start:opening_end]
    view_box = re.search(r'viewBox="([^"]*)"', opening)
    box = view_box.group(1) if view_box else "0 0 1000 1000"
    return (
        f'<svg id="lm-diagram" xmlns="http://www.w3.org/2000/svg" viewBox="{box}" '
        'preserveAspectRatio="xMidYMin" role="group" '
        f'aria-label="{escape(model.title)}: logic model diagram" data-layout="graph">'
        + svg_description(model, trace)
        + made[opening_end + 1 :]
    )


__all__ = [
    "EDIT_BUTTONS",
    "PT",
    "PageParts",
    "PX",
    "REVEAL",
    "content_policy",
    "figure1_svg",
    "generate",
    "graph_svg",
    "svg_description",
    "page",
    "page_data",
    "page_parts",
    "partner_whatifs",
    "script_json",
    "editor_data",
    "static_text",
    "theme_css",
]
