"""The board report: one self-contained document per model (HTML with print CSS, or PDF).

Sections, in order: the partnership; Figure 1; the trace and critical collaborative elements;
what if each partner left, and without collaboration; what the claimed gains rest on (the
contribution stories); Figure 2; the gain; the self-assessment; the advice by principle; an
appendix of elements. Everything comes from the modules that make the separate
commands' output; this one only lays it out. A section with nothing says so in one line.

The HTML runs no script: its Content-Security-Policy allows none, its one style block by hash,
and images only as data: URLs, so a hostile label can neither run nor fetch anything. The PDF
is the same HTML, with static figures, through WeasyPrint, whose fetcher refuses anything but
data: URLs.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any

from logicmodel.analysis.advice import RULES, Finding
from logicmodel.analysis.categories import place
from logicmodel.analysis.gain import GainReport, measure
from logicmodel.analysis.gain_format import (
    LEDGER_COLUMNS,
    PERIOD_COLUMNS,
    SUMMARY_COLUMNS,
    describe_indicator,
    ledger_notes,
    ledger_table,
    period_table,
    summary_rows,
    used_columns,
)
from logicmodel.analysis.reports import TRACE_COLUMNS, WHATIF_COLUMNS, whatif_rows
from logicmodel.analysis.results import people_cells
from logicmodel.analysis.tracing import Trace, WhatIf, whatif_graph
from logicmodel.models import Contribution, LogicModel, TraceClass
from logicmodel.renderers.assessment_view import assessment_html
from logicmodel.renderers.story_view import story_html

if TYPE_CHECKING:
    from matplotlib.figure import Figure

PDF_MISSING = (
    "writing a PDF report needs WeasyPrint: pip install 'logicmodel[pdf]' "
    "(or write the HTML report, -o report.html, and print it from a browser)"
)
SECTIONS = (
    ("partnership", "1. The partnership"),
    ("figure1", "2. Figure 1: the logic model"),
    ("trace", "3. What relies on collaboration"),
    ("whatif", "4. What if a partner left"),
    ("story", "5. What the claimed gains rest on"),
    ("figure2", "6. Figure 2: designing and delivering collaborative gain"),
    ("gain", "7. The collaborative gain"),
    ("assessment", "8. The partnership's self-assessment"),
    ("advice", "9. Advice"),
    ("appendix", "10. Appendix: the model's elements"),
)
NO_GAIN = (
    "No gain data yet: give outcomes `indicators` with `actuals` (and `partnership.started`), "
    "or `target_alone` and `target_together`, and record `partnership.costs` and `benefits`."
)

CSS = """
@page { size: A4; margin: 16mm 14mm; }
@page wide { size: A4 landscape; margin: 12mm; }
html { background: #fff; }
body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; font-size: 10pt; color: #111;
  margin: 0 auto; max-width: 70rem; padding: 1rem 1.5rem; line-height: 1.35; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; }
h2 { font-size: 1.2rem; border-bottom: 2px solid #51627A; padding-bottom: .15rem;
  margin: 1.6rem 0 .6rem; }
h3 { font-size: 1rem; margin: 1rem 0 .3rem; }
.summary { font-weight: bold; }
.none { font-style: italic; color: #444; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 .8rem; font-size: 8.5pt; }
th, td { border: 1px solid #bbb; padding: .15rem .35rem; text-align: left; vertical-align: top;
  overflow-wrap: break-word; }
th { background: #E8EEF6; }
dl.facts { display: grid; grid-template-columns: 9rem 1fr; gap: .2rem .8rem; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; white-space: pre-wrap; }
figure { margin: .5rem 0; }
figure img, figure svg { max-width: 100%; height: auto; display: block; }
.figure1 svg { width: 100%; height: auto; max-height: 100vh; }
.finding { margin: .1rem 0; }
.where { font-family: "DejaVu Sans Mono", monospace; font-size: 8.5pt; color: #333; }
.principle { color: #333; margin: .2rem 0; }
nav ol { columns: 2; }
nav li { padding: .3em 0; }
/* Links at least 24 px tall, so that a finger or a shaky hand finds them (WCAG 2.5.8). */
nav a { display: inline-block; min-height: 24px; line-height: 24px; }
@media print {
  body { max-width: none; padding: 0; }
  section { break-before: page; }
  section#partnership { break-before: auto; }
  section#figure1 { page: wide; }
  .figure1 svg, .figure1 img { max-height: 150mm; width: auto; max-width: 100%; }
  h2, h3 { break-after: avoid; }
  tr, .finding, figure { break-inside: avoid; }
  nav { display: none; }
}
"""
# The interactive page's Figure 1 SVG styles itself with the page's CSS and theme variables;
# the page's own layout rules (a full-height flex body) are undone by CSS above, which follows.
_PAGE_LAYOUT_UNDONE = "html, body { height: auto; } body { display: block; }\n"


@dataclass(frozen=True)
class Located:
    """An advice finding and where it is in the file: `file:line:col`."""

    finding: Finding
    where: str


@dataclass(frozen=True)
class ReportInput:
    """What one model's report is made from."""

    name: str  # the file, as the user named it
    model: LogicModel
    trace: Trace
    advice: list[Located]


def read(path: str | os.PathLike[str], max_bytes: int | None = None) -> ReportInput:
    """Return a model file's report input: the model, its trace and located advice."""
    from logicmodel.analysis.checking import examine
    from logicmodel.fileformat.loading import DEFAULT_MAX_BYTES

    name = os.fspath(path)
    seen = examine(name, max_bytes=max_bytes or DEFAULT_MAX_BYTES)
    advice = [Located(p.finding, f"{name}:{p.line}:{p.col}") for p in seen.findings]
    return ReportInput(name, seen.model, seen.trace, advice)


# ---------------------------------------------------------------- the document


def report_html(item: ReportInput, *, static: bool = False, theme: str = "classic") -> str:
    """Return one model's report as a self-contained HTML document.

    `static` draws Figure 1 as a picture rather than the interactive page's SVG (for PDF).
    """
    body = _nav() + "".join(
        _section(key, title, html) for key, title, html in _sections(item, static, theme)
    )
    return _document(item.model.title, _header(item) + body, theme)


def combined_html(items: list[ReportInput], *, static: bool = False, theme: str = "classic") -> str:
    """Return one document comparing several models: a comparison table, then each report."""
    rows = []
    for item in items:
        gain = measure(item.model)
        rows.append(
            [
                item.model.title,
                item.name,
                str(len(item.model.partners)),
                str(sum(1 for _ in item.model.elements())),
                item.trace.summary(),
                gain.summary(),
                str(len(item.advice)),
            ]
        )
    headings = ["model", "file", "partners", "elements", "trace", "gain", "advice"]
    parts = [
        "<h1>Board report: comparing models</h1>",
        f'<section id="compare"><h2>The models side by side</h2>{_table(headings, rows)}</section>',
    ]
    for number, item in enumerate(items, 1):
        parts.append(
            f'<article id="model-{number}"><h1>{escape(item.model.title)}</h1>'
            f'<p class="where">{escape(item.name)}</p>'
        )
        for key, title, html in _sections(item, static, theme):
            parts.append(_section(f"{key}-{number}", title, html))
        parts.append("</article>")
    return _document("Board report: comparing models", "".join(parts), theme)


def index_html(entries: list[tuple[str, str, str]]) -> str:
    """Return an index page linking each model's report: (title, file name, trace summary)."""
    rows = [
        f'<li><a href="{escape(href)}">{escape(title)}</a>: {escape(summary)}</li>'
        for title, href, summary in entries
    ]
    body = f"<h1>Board reports</h1><ul>{''.join(rows)}</ul>"
    return _document("Board reports", body, "classic")


def report_pdf(html: str) -> bytes:
    """Return a report's HTML as PDF through WeasyPrint, fetching nothing but data: URLs.

    Raises ImportError, with PDF_MISSING as its message, when WeasyPrint is not installed.
    """
    try:
        import weasyprint
    except ImportError as error:  # the optional extra: say how to get it
        raise ImportError(PDF_MISSING) from error
    document = weasyprint.HTML(string=html, url_fetcher=data_only_fetcher(), base_url=None)
    # PDF/UA-1: tagged, so a screen reader walks the headings, tables and figures in order.
    pdf: bytes = document.write_pdf(pdf_variant="pdf/ua-1")
    return pdf


def data_only_fetcher() -> Any:
    """Return a WeasyPrint URL fetcher that refuses every URL but data: (nothing leaves)."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols=("data",), allow_redirects=False)


def _document(title: str, body: str, theme: str) -> str:
    from logicmodel.renderers.html import content_policy, static_text, theme_css

    style = static_text("page.css") + theme_css() + _PAGE_LAYOUT_UNDONE + CSS
    policy = content_policy([], style)
    return f"""<!DOCTYPE html>
<html lang="en" class="theme-{escape(theme)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="logicmodel">
<title>{escape(title)}</title>
<style>{style}</style>
</head>
<body>
{body}
</body>
</html>
"""


def _header(item: ReportInput) -> str:
    return (
        f"<h1>{escape(item.model.title)}</h1>"
        f'<p class="summary" id="summary">{escape(item.trace.summary())}</p>'
    )


def _nav() -> str:
    links = "".join(f'<li><a href="#{key}">{escape(title)}</a></li>' for key, title in SECTIONS)
    return f'<nav aria-label="Sections"><ol>{links}</ol></nav>'


def _section(key: str, title: str, html: str) -> str:
    return f'<section id="{key}"><h2>{escape(title)}</h2>{html}</section>'


def _sections(item: ReportInput, static: bool, theme: str) -> list[tuple[str, str, str]]:
    """Return each section's key, heading and HTML."""
    makers = {
        "partnership": lambda: partnership_html(item.model),
        "figure1": lambda: figure1_html(item, static, theme),
        "trace": lambda: trace_html(item),
        "whatif": lambda: whatif_html(item),
        "story": lambda: story_html(item.model),
        "figure2": lambda: figure2_html(item, theme, static),
        "gain": lambda: gain_html(item, theme, static),
        "assessment": lambda: assessment_html(item.model),
        "advice": lambda: advice_html(item),
        "appendix": lambda: appendix_html(item.model),
    }
    return [(key, title, makers[key]()) for key, title in SECTIONS]


def _none(text: str) -> str:
    return f'<p class="none">{escape(text)}</p>'


def _table(headings: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headings)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _picture(figure: Figure, alt: str, css: str = "", static: bool = False) -> str:
    """Return a matplotlib figure as an <img> with a data: URL: SVG, or PNG for the PDF.

    WeasyPrint draws a large matplotlib SVG (every glyph a path) many times slower than it
    places a PNG, so the PDF takes pictures.
    """
    from logicmodel.renderers import encode

    if static:
        made, mime = printed_png(figure, PRINTED_MM.get(css, PAGE_MM)), "image/png"
    else:
        svg = encode(figure, "svg", dpi=150)
        assert isinstance(svg, bytes)
        made, mime = svg, "image/svg+xml"
    data = base64.b64encode(made).decode("ascii")
    return (
        f'<figure class="{css}"><img alt="{escape(alt)}" src="data:{mime};base64,{data}"></figure>'
    )


# The PDF's pictures have this many pixels per inch of paper: sharp in print, yet far fewer
# pixels than the figure's own size at 150 dpi, and WeasyPrint decodes and re-encodes every
# pixel of a picture it embeds.
PRINT_PPI = 200
# The box each picture is printed in, width and height in mm (see CSS: A4 less the margins;
# Figure 1 on a landscape page, at most 150 mm high).
PAGE_MM = (182.0, 265.0)
PRINTED_MM = {"figure1": (273.0, 150.0)}


def printed_png(figure: Figure, box_mm: tuple[float, float]) -> bytes:
    """Return a figure as an opaque PNG with PRINT_PPI pixels per printed inch, printed as
    large as fits `box_mm` (never more than 150 dpi of the figure's own size).

    Opaque RGB, not matplotlib's RGBA: WeasyPrint splits an alpha channel off into a mask of
    its own, one more pass over every pixel; the page under the picture is white anyway.
    """
    import io
    import warnings

    import numpy
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    width_in, height_in = figure.get_size_inches()
    fits = min(box_mm[0] / 25.4 / width_in, box_mm[1] / 25.4 / height_in)
    figure.set_dpi(max(72, min(150, round(PRINT_PPI * fits))))
    canvas: Any = FigureCanvasAgg(figure)  # matplotlib leaves draw and buffer_rgba untyped
    with warnings.catch_warnings():
        # A character no font has (an emoji) is drawn as a box: that is all a warning could say.
        warnings.filterwarnings("ignore", "Glyph", UserWarning)
        canvas.draw()
    rgba = Image.fromarray(numpy.asarray(canvas.buffer_rgba()))
    opaque = Image.new("RGB", rgba.size, "white")
    opaque.paste(rgba, mask=rgba.getchannel("A"))
    buffer = io.BytesIO()
    opaque.save(buffer, format="PNG", compress_level=1)  # WeasyPrint compresses it again
    return buffer.getvalue()


# ---------------------------------------------------------------- the sections


def partnership_html(model: LogicModel) -> str:
    """Return section 1: the partnership's name, type, focus, vision, lead, partners, start."""
    p = model.partnership
    names = {partner.id: partner.name for partner in model.partners}
    facts = [
        ("Name", p.name),
        ("Area", model.area),
        ("Type", p.type.value if p.type else None),
        ("Focus", p.focus),
        ("Vision", p.vision),
        ("Lead", names.get(p.lead or "", p.lead)),
        ("Started", p.started),
        ("Notes", p.notes),
    ]
    given = [(k, v) for k, v in facts if v]
    rows = "".join(f"<dt>{escape(k)}</dt><dd>{escape(str(v))}</dd>" for k, v in given)
    partners = "".join(
        f"<li>{escape(partner.name)}"
        + (f" ({escape(partner.short)})" if partner.short else "")
        + (" <em>(a placeholder: not yet assigned)</em>" if partner.unassigned else "")
        + (f": {escape(partner.notes)}" if partner.notes else "")
        + "</li>"
        for partner in model.partners
    )
    missing = [k for k, v in facts if not v and k not in ("Area", "Notes")]
    note = _none(f"Not stated: {', '.join(missing).lower()}.") if missing else ""
    return f'<dl class="facts">{rows}</dl>{note}<h3>Partners</h3><ul>{partners}</ul>'


def figure1_html(item: ReportInput, static: bool, theme: str) -> str:
    """Return section 2: the interactive page's Figure 1 SVG, or the static figure (PDF)."""
    from logicmodel.analysis.tracing import trace as trace_of
    from logicmodel.renderers.outline import outline_html
    from logicmodel.renderers.strand_view import collapse, strand_figures

    def draw(model: LogicModel, traced: Trace) -> str:
        if static:
            from logicmodel.renderers.figure1 import render

            alt = f"Figure 1 of {model.title}: the model as text follows the picture."
            return _picture(render(model, traced, theme), alt, "figure1", True)
        from logicmodel.renderers.html import figure1_svg
        from logicmodel.renderers.themes import get_theme

        svg = figure1_svg(*collapse(model, traced), get_theme(theme), interactive=False)
        return f'<figure class="figure1">{svg}</figure>'

    # A parent: its picture with each strand as one box, then each strand's own picture.
    drawn = draw(item.model, item.trace)
    drawn += strand_figures(item.model, lambda alone: draw(alone, trace_of(alone)))
    # The picture's text alternative: every box, its partners, class and links, as lists.
    return drawn + outline_html(item.model, item.trace, heading_level=3, ident="")


def trace_html(item: ReportInput) -> str:
    """Return section 3: the trace summary and table, and the critical collaborative elements."""
    from logicmodel.analysis.reports import trace_rows

    if not item.trace.outcomes:
        return _none(
            "No outcomes yet, so nothing to trace: add interim, intermediate or ultimate outcomes."
        )
    rows = trace_rows(item.trace)
    table = _table(list(TRACE_COLUMNS.values()), people_cells(rows, TRACE_COLUMNS, 10_000))
    critical: dict[str, list[str]] = {}
    for outcome in item.trace.outcomes.values():
        for element in outcome.critical:
            critical.setdefault(element, []).append(outcome.id)
    labels = {element.id: element.label for _, element in item.model.elements()}
    if critical:
        listing = _table(
            ["element", "label", "outcomes that pass through it"],
            [[ident, labels.get(ident, ""), ", ".join(o)] for ident, o in critical.items()],
        )
        crit = (
            "<h3>Critical collaborative elements</h3><p>Every supporting path of these "
            f"outcomes passes through the element: losing it loses them or their gain.</p>{listing}"
        )
    else:
        crit = "<h3>Critical collaborative elements</h3>" + _none(_no_critical(item.trace))
    summary = f'<p class="summary">{escape(item.trace.summary())}</p>'
    return summary + table + crit


def _no_critical(trace: Trace) -> str:
    """Return why no collaborative element is critical, true to what the trace found."""
    classes = {outcome.trace_class for outcome in trace.outcomes.values()}
    if classes <= {TraceClass.UNSUPPORTED}:
        return "No outcome has a contribution upstream yet, so nothing is critical."
    if classes <= {TraceClass.UNSUPPORTED, TraceClass.SINGLE_AGENCY}:
        return "No outcome draws on collaboration, so no collaborative element is critical."
    return "No collaborative element is critical: every outcome it supports has another route."


def whatifs(item: ReportInput) -> list[WhatIf]:
    """Return what happens without each partner in turn, then without collaboration."""
    from logicmodel.analysis.model_graph import build_graph

    if not item.trace.outcomes:
        return []
    graph = build_graph(item.model)
    found = [
        whatif_graph(graph, [partner], before=item.trace) for partner in item.model.partner_ids()
    ]
    found.append(whatif_graph(graph, without_collaboration=True, before=item.trace))
    return found


def whatif_html(item: ReportInput) -> str:
    """Return section 4: one row per partner leaving, and one without collaboration."""
    results = whatifs(item)
    if not results:
        return _none("No outcomes yet, so nothing to lose.")
    rows = []
    for result in results:
        lists = (result.losing_gain, result.losing_support, result.losing_own_support)
        rows.append([result.scenario, *(", ".join(ids) or "none" for ids in lists)])
    headings = ["scenario", "losing their gain", "losing all support", "losing own support"]
    table = _table(headings, rows)
    details = []
    for result in results:
        changed = [r for r in whatif_rows(result) if r["loses"]]
        if changed:
            details.append(
                f"<h3>{escape(result.summary())}</h3>"
                + _table(
                    list(WHATIF_COLUMNS.values()), people_cells(changed, WHATIF_COLUMNS, 10_000)
                )
            )
    return table + "".join(details)


def figure2_html(item: ReportInput, theme: str, static: bool = False) -> str:
    """Return section 5: Figure 2, with the empty collaborative activities named."""
    from logicmodel.renderers.figure2 import render

    placed = place(item.model, item.trace)
    activities = placed.columns[0]
    empty = len(activities.empty())
    if placed.categorised:
        words = (
            f"{empty} of the {len(activities.categories)} collaborative activities have nothing "
            "in this model (dashed boxes): which of them is the partnership doing?"
        )
    else:
        words = (
            "No element has a `category` yet, so every category box is empty and the joint work "
            "is listed as not yet placed: give each collaborative element a category "
            "(`logicmodel categories` lists them)."
        )
    picture = _picture(render(item.model, item.trace, theme), "Figure 2", "figure2", static)
    return f"<p>{escape(words)}</p>{picture}"


def gain_html(item: ReportInput, theme: str, static: bool = False) -> str:
    """Return section 6: a table of every indicator's gain (further, faster and what its method
    assumes), then each indicator's periods, the charts and the ledger."""
    report = measure(item.model)
    if not report.indicators and not report.ledger:
        return _none(NO_GAIN)
    parts = [f'<p class="summary">{escape(report.summary())}</p>']
    if report.indicators:
        rows = [list(row.values()) for row in summary_rows(report)]
        parts.append(_table(list(SUMMARY_COLUMNS.values()), rows))
    parts += [_indicator_html(report, number) for number in range(len(report.indicators))]
    if report.ledger:
        notes = "".join(f"<li>{escape(n)}</li>" for n in ledger_notes(report, ""))
        rows = [list(row.values()) for row in ledger_table(report)]
        parts.append(
            "<h3>Costs and benefits, per unit (different units are never added)</h3>"
            + _table(list(LEDGER_COLUMNS.values()), rows)
            + f"<ul>{notes}</ul>"
        )
    else:
        parts.append(_none("No costs or benefits recorded (`partnership.costs`, `benefits`)."))
    if report.indicators:
        from logicmodel.renderers.gain import render

        parts.append(_picture(render(item.model, theme), "Gain charts", "gain", static))
    return "".join(parts)


def _indicator_html(report: GainReport, number: int) -> str:
    gain = report.indicators[number]
    heading, lines = describe_indicator(gain)
    rows = period_table(gain)
    columns = used_columns(PERIOD_COLUMNS, rows)
    table = (
        _table(list(columns.values()), [[row[k] for k in columns] for row in rows])
        if rows
        else _none("No actuals yet.")
    )
    facts = "".join(f"<li>{escape(line)}</li>" for line in lines)
    return f"<h3>{escape(heading)}</h3><ul>{facts}</ul>{table}"


def advice_html(item: ReportInput) -> str:
    """Return section 8: the advice grouped by principle, each finding with its location."""
    if not item.advice:
        return _none("No advice: every rule is satisfied, or switched off with a reason.")
    groups: dict[str, list[Located]] = {}
    for located in item.advice:
        groups.setdefault(located.finding.code, []).append(located)
    parts = []
    for code in sorted(groups, key=list(RULES).index):
        rule = RULES[code]
        findings = "".join(
            f'<li class="finding"><span class="where">{escape(x.where)}</span> '
            f"{escape(str(x.finding.severity))}: {escape(x.finding.message)}</li>"
            for x in groups[code]
        )
        parts.append(
            f"<h3>{escape(code)} ({escape(str(rule.severity))}): {escape(rule.title)}</h3>"
            f'<p class="principle">{escape(rule.principle)} <em>Source: '
            f"{escape(rule.source)}.</em></p><ul>{findings}</ul>"
        )
    return "".join(parts)


def appendix_html(model: LogicModel) -> str:
    """Return section 9: every element with its stage, partners, category, source and notes."""
    rows = []
    for stage, element in model.elements():
        partners = ""
        if isinstance(element, Contribution):
            partners = ", ".join(model.partners_of(element))
            partners += " (joint)" if model.is_collaborative(element) else ""
        rows.append(
            [
                element.id,
                stage.singular,
                element.label,
                partners,
                element.category or "",
                element.source or "",
                element.notes or "",
            ]
        )
    if not rows:
        return _none("No elements yet.")
    headings = ["id", "stage", "label", "partners", "category", "source", "notes"]
    extra = [
        f"<p><strong>{escape(k)}:</strong> {escape(v)}</p>"
        for k, v in (("Model source", model.source), ("Notes", model.notes))
        if v
    ]
    measures = [
        [element.id, indicator.name, indicator.notes]
        for _, element in model.elements()
        for indicator in element.indicators
        if indicator.notes
    ]
    if measures:
        extra.append(
            "<h3>Notes on indicators</h3>" + _table(["element", "indicator", "notes"], measures)
        )
    return _table(headings, rows) + "".join(extra)


# ---------------------------------------------------------------- files to write


REPORT_SUFFIXES = (".html", ".htm", ".pdf")


def verify_output(target: str) -> str:
    """Return a report's format, html or pdf, from its file name, or raise ValueError."""
    suffix = os.path.splitext(target)[1].lower()
    if suffix not in REPORT_SUFFIXES:
        raise ValueError(
            f"cannot write {os.path.basename(target)!r} as a report: choose an output ending in "
            f"{', '.join(REPORT_SUFFIXES)}"
        )
    return "pdf" if suffix == ".pdf" else "html"


def pdf_available() -> bool:
    """Return True when WeasyPrint can be imported, so PDF reports can be written."""
    import importlib.util

    return importlib.util.find_spec("weasyprint") is not None


def make(items: list[ReportInput], output_format: str, combined: bool = False) -> bytes:
    """Return one report (or, combined, one document for all) as HTML or PDF bytes."""
    static = output_format == "pdf"
    if combined:
        html = combined_html(items, static=static)
    else:
        (item,) = items
        html = report_html(item, static=static)
    return report_pdf(html) if static else html.encode("utf-8")


def default_name(source: str, output_format: str) -> str:
    """Return where a model's report goes when no output is named: beside it, .report.html."""
    stem = os.path.splitext(source)[0]
    return f"{stem}.report.{output_format}"


def write_reports(
    items: list[tuple[str, ReportInput]],
    output: str | None,
    output_format: str,
    combined: bool,
    write: Callable[[str, bytes], None],
    several: bool = False,
) -> list[str]:
    """Write the reports for models read from files and return the files written.

    Combined: one document (default report.html). One file: `output` or FILE.report.html.
    Several files (even if some failed to load): one report each in the folder `output`
    (default: beside each file) and an index.
    """
    if combined:
        target = output or f"report.{output_format}"
        write(target, make([item for _, item in items], output_format, combined=True))
        return [target]
    if not several and output:
        write(output, make([items[0][1]], output_format))
        return [output]
    folder = output or "."
    if output:
        os.makedirs(output, exist_ok=True)
    written = []
    for path, item in items:
        target = default_name(path, "html")
        if output:
            target = os.path.join(output, os.path.basename(target))
        write(target, make([item], "html"))
        written.append(target)
    if several:
        entries = [
            (item.model.title, os.path.relpath(target, folder), item.trace.summary())
            for (_, item), target in zip(items, written, strict=True)
        ]
        index = os.path.join(folder, "index.html")
        write(index, index_html(entries).encode("utf-8"))
        written.append(index)
    return written


__all__ = [
    "CSS",
    "NO_GAIN",
    "PAGE_MM",
    "PDF_MISSING",
    "PRINTED_MM",
    "PRINT_PPI",
    "REPORT_SUFFIXES",
    "SECTIONS",
    "Located",
    "ReportInput",
    "advice_html",
    "appendix_html",
    "combined_html",
    "data_only_fetcher",
    "default_name",
    "figure1_html",
    "figure2_html",
    "gain_html",
    "index_html",
    "make",
    "partnership_html",
    "pdf_available",
    "printed_png",
    "read",
    "report_html",
    "report_pdf",
    "trace_html",
    "verify_output",
    "whatif_html",
    "whatifs",
    "write_reports",
]
