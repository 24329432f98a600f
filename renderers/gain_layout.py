"""The gain view's plan and layout: what each indicator's panel shows, its words wrapped, and
where the panels, titles and legend go, in inches, before anything is drawn.

Pure arithmetic over the gain report (`logicmodel.analysis.gain`); `gain` draws the result.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from itertools import pairwise

from logicmodel.analysis.gain import (
    FLAT_BASELINE,
    GainReport,
    IndicatorGain,
    clip_to_bounds,
    period_year,
)
from logicmodel.analysis.results import MAX_SHOWN, too_large
from logicmodel.models import Indicator, LogicModel
from logicmodel.renderers.drawing import MARGIN, pad_to_aspect
from logicmodel.renderers.text import LINE_PITCH, text_width, wrap
from logicmodel.renderers.themes import Theme

# Sizes in inches at the classic 9 pt type, scaled with the theme's type size.
PANEL_W = 4.6
AXES_H = 2.5
GAP_X = 0.5
GAP_Y = 0.4
HEADER_GAP = 0.1
RIGHT_PAD = 0.15
NOTE_LINES = 4  # a method note longer than this (a very long comparator name) is cut
EMPTY_LINES = 6  # and so is an indicator's own note in a panel with no figures
TARGET_OFFSET = 8.0  # points between a target and its label
TARGET_MARKER = 1.35  # a target's marker, as a multiple of an actual's
Y_PAD = 0.14  # room above and below the data, as a share of its span, for target labels

DIRECTION = {
    "lower": "\u25bc lower is better",
    "higher": "\u25b2 higher is better",
    None: "direction not stated",
}
# Each method's entry says what it assumes would have happened without the partnership.
LEGEND = {
    "before": "actual, before the partnership",
    "actual": "actual, with the partnership",
    "trend": "trend before the start, carried on (assumes no change of pace)",
    "flat": "one value before the start, held flat (assumes no change at all)",
    "band": "95% prediction interval of the trend",
    "comparator": "comparator's change applied to ours (assumes we moved as it did)",
    "target-alone": "target alone (assumes it is what partners would achieve apart)",
    "target-together": "target together",
    "gain": "gain: better than expected",
    "shortfall": "worse than expected",
}

LEGEND_HANDLE = 3.2  # a legend sample's length in font sizes: long enough to show a dash-dot
# Each expectation has its own line, so the legend tells them apart without colour.
LINE_STYLES: dict[str, tuple[float, tuple[float, ...]]] = {
    "trend": (0, (5, 3)),  # dashed
    "flat": (0, (6, 2.5, 1.5, 2.5)),  # dash and dot
    "comparator": (0, (1, 2)),  # dotted
}


# ---------------------------------------------------------------- what each panel shows


@dataclass
class Panel:
    """One indicator's chart: what it plots, its text wrapped, and where it goes (inches)."""

    gain: IndicatorGain
    key: str  # the gid prefix, gain:<element>:<indicator>
    notes: str | None  # the indicator's own notes, shown when there are no figures
    ticks: list[tuple[int, str]]  # x ticks: the year a period is placed at, and its name
    xlim: tuple[float, float]
    ylim: tuple[float, float]
    yticks: list[tuple[float, str]]
    x_end: float  # how far the expectation lines run: the last period charted
    empty: bool
    title: list[str] = field(default_factory=list)
    subtitle: list[str] = field(default_factory=list)
    note: list[str] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    ylabel: list[str] = field(default_factory=list)
    x: float = 0.0
    y: float = 0.0


@dataclass(frozen=True)
class Sizes:
    """The theme's sizes: type in points, lengths in inches."""

    size: float
    scale: float
    title: float
    subtitle: float
    note: float
    panel_w: float
    axes_h: float
    gap_x: float
    gap_y: float

    @classmethod
    def of(cls, theme: Theme) -> Sizes:
        """Return the sizes a theme's type size makes."""
        scale = theme.font_size / 9.0
        size = theme.font_size
        return cls(
            size=size,
            scale=scale,
            title=size * 1.1,
            subtitle=size,
            note=size * 0.88,
            panel_w=PANEL_W * scale,
            axes_h=AXES_H * scale,
            gap_x=GAP_X * scale,
            gap_y=GAP_Y * scale,
        )

    def pitch(self, size: float) -> float:
        """Return the height of one line of text at `size` points, in inches."""
        return size * LINE_PITCH / 72


def number(value: float) -> str:
    """Return a number for people: one decimal at most, three figures below one.

    >>> number(4500), number(12.25), number(0.1234), number(-0.0)
    ('4,500', '12.2', '0.123', '0')
    """
    if value != 0 and abs(value) < 1:
        return f"{value:.3g}"
    if not abs(value) <= MAX_SHOWN:  # an exact result past what a chart can show, or NaN
        return too_large(value)
    rounded = round(value, 1)
    text = f"{rounded:,.0f}" if rounded == int(rounded) else f"{rounded:,.1f}"
    return "0" if text in ("-0", "0") else text


def signed(value: float) -> str:
    """Return a number with its sign, + for a gain."""
    text = number(value)
    return "+" + text if 0 < value <= MAX_SHOWN else text


@dataclass(frozen=True)
class Shade:
    """How an area between what was expected and what happened is filled."""

    colour: str
    alpha: float
    hatch: str
    hatch_colour: str


def shade(theme: Theme, part: str) -> Shade:
    """Return the fill of a gain (the collaborative colour; hatched grey in print) or of a
    shortfall (the warning colour, dotted, so it never reads as the trend's grey band)."""
    if part == "gain":
        if theme.red_hatch:
            return Shade(theme.red_fill, 1.0, theme.red_hatch, theme.hatch_colour)
        return Shade(theme.red_fill, 0.55, "", theme.hatch_colour)
    dots = theme.hatch_colour if theme.red_hatch else theme.warning_edge
    return Shade(theme.warning_edge, 0.2, "..", dots)


def direction(gain: IndicatorGain) -> str:
    """Return the y axis's word on which way is better."""
    return DIRECTION.get(gain.better, DIRECTION[None])


def has_figures(gain: IndicatorGain) -> bool:
    """Return whether an indicator has anything to plot: actuals, or targets with a period."""
    targets = (gain.target_alone, gain.target_together, gain.target) != (None, None, None)
    return bool(gain.actuals or gain.comparator_expected) or (
        targets and gain.target_period is not None
    )


def band_points(gain: IndicatorGain, x_end: float) -> list[tuple[float, float, float]]:
    """Return (x, low, high) along the trend's prediction interval, from the last value
    before the partnership to x_end; empty when there is no interval."""
    trend = gain.trend
    if trend is None or trend.n < 3 or not gain.pre or x_end <= gain.pre[-1][1]:
        return []
    start = gain.pre[-1][1]
    steps = 40  # the interval is a hyperbola: enough points to draw it smooth
    bounds = (gain.minimum, gain.maximum)
    points = []
    for step in range(steps + 1):
        x = start + (x_end - start) * step / steps
        interval = trend.interval(x)
        if interval is not None:
            low, high = (clip_to_bounds(end, bounds) for end in interval)
            points.append((x, low, high))
    return points


def trend_span(gain: IndicatorGain, x_end: float) -> tuple[float, float] | None:
    """Return where the expectation line without the partnership runs, or None without one.

    A trend runs from the first value before the partnership, a flat baseline from the last;
    both on to x_end.
    """
    if not gain.pre:
        return None
    if gain.trend is not None:
        return gain.pre[0][1], max(x_end, gain.pre[-1][1])
    if gain.method == FLAT_BASELINE:
        return gain.pre[-1][1], max(x_end, gain.pre[-1][1])
    return None


def expectation_at(gain: IndicatorGain, x: float) -> float | None:
    """Return the expectation line's value at x: the trend's (within the indicator's bounds),
    or the flat baseline's."""
    if gain.trend is not None:
        return float(clip_to_bounds(gain.trend.predict(x), (gain.minimum, gain.maximum)))
    if gain.method == FLAT_BASELINE and gain.pre:
        return gain.pre[-1][2]
    return None


def expectation_line(gain: IndicatorGain, x_end: float) -> list[tuple[float, float]]:
    """Return the expectation line as points (x, y): its ends, and where a trend meets one of
    the indicator's bounds, so the line bends there and runs along it."""
    span = trend_span(gain, x_end)
    if span is None:
        return []
    xs = set(span)
    trend = gain.trend
    if trend is not None and trend.slope != 0:
        for bound in (gain.minimum, gain.maximum):
            if bound is not None:
                x = trend.x_mean + (bound - trend.y_mean) / trend.slope
                if span[0] < x < span[1]:
                    xs.add(x)
    return [(x, expectation_at(gain, x) or 0.0) for x in sorted(xs)]


def lines_of(panel: Panel) -> list[list[tuple[float, float]]]:
    """Return every line a panel draws as points (x, y): actuals, expectations, band edges."""
    gain = panel.gain
    lines = [[(float(year), value) for _, year, value in gain.actuals]]
    lines.append([(float(year), value) for _, year, value in gain.comparator_expected])
    expected = expectation_line(gain, panel.x_end)
    if expected:
        lines.append(expected)
    band = band_points(gain, panel.x_end)
    lines += [[(x, low) for x, low, _ in band], [(x, high) for x, _, high in band]]
    year = target_year(gain)
    if year is not None:
        targets = (gain.target_alone, gain.target_together, gain.target)
        lines += [[(year, t)] for t in targets if t is not None]
    # A value too large to show is not drawn, so nothing need keep clear of it.
    return [kept for line in lines if (kept := [(x, y) for x, y in line if abs(y) <= MAX_SHOWN])]


def values_near(panel: Panel, x0: float, x1: float) -> list[float]:
    """Return the values a panel's lines take between x0 and x1, ends included."""
    found = []
    for line in lines_of(panel):
        found += [y for x, y in line if x0 <= x <= x1]
        for (xa, ya), (xb, yb) in pairwise(line):
            for x in (x0, x1):
                if xa < x < xb:
                    found.append(ya + (yb - ya) * (x - xa) / (xb - xa))
    return found


def labels_beside(panel: Panel) -> bool:
    """Return whether a panel's target labels go to the right of the targets, in room made
    past the last period, rather than to their left over the chart."""
    year = target_year(panel.gain)
    return year is not None and bool(panel.ticks) and panel.xlim[1] > panel.ticks[-1][0] + 0.5


def tick_labels(panel: Panel, axes_w: float, sizes: Sizes) -> list[str]:
    """Return each x tick's label, every k-th named counting back from the last period, with
    the smallest k that keeps names apart; the others blank."""
    per_year = axes_w / (panel.xlim[1] - panel.xlim[0])
    gap = 0.1 * sizes.scale
    extents = []
    for year, name in panel.ticks:
        centre, half = (year - panel.xlim[0]) * per_year, text_width(name, sizes.size) / 2
        extents.append((centre - half, centre + half))
    count = len(panel.ticks)

    def apart(step: int) -> bool:
        shown = [i for i in range(count) if (count - 1 - i) % step == 0]
        return all(extents[a][1] + gap <= extents[b][0] for a, b in pairwise(shown))

    step = next((step for step in range(1, count) if apart(step)), max(count, 1))
    return [name if (count - 1 - i) % step == 0 else "" for i, (_, name) in enumerate(panel.ticks)]


def make_room_for_targets(panel: Panel, axes_w: float, sizes: Sizes) -> None:
    """Widen a panel's x range when its targets are at the last period, so their labels fit
    to the right of them, clear of the data."""
    gain, year = panel.gain, target_year(panel.gain)
    if panel.empty or year is None or year != panel.ticks[-1][0]:
        return
    targets = (
        ("target alone", gain.target_alone),
        ("target together", gain.target_together),
        ("target", gain.target),
    )
    names = [name for name, value in targets if value is not None]
    if not names:  # a period with no target at it
        return
    width = max(text_width(name, sizes.note) for name in names)
    width += (TARGET_OFFSET + 5.5 * TARGET_MARKER / 2 + 6) * sizes.scale / 72
    share = width / axes_w
    if share > 0.4:  # a narrow chart: the labels go over it instead
        return
    left, right = panel.xlim
    panel.xlim = (left, max(right, (year - share * left) / (1 - share)))


def target_year(gain: IndicatorGain) -> int | None:
    """Return the year the targets are drawn at, or None when they have no period."""
    return period_year(gain.target_period) if gain.target_period is not None else None


def _ticks(gain: IndicatorGain) -> list[tuple[int, str]]:
    """Return the periods charted, each at its year, named as the model names them."""
    names: dict[int, str] = {}
    for period, year, _ in [*gain.actuals, *gain.comparator_expected]:
        names.setdefault(year, period)
    for named in (gain.target_period, gain.started_period):
        if named is not None:
            names.setdefault(period_year(named), named)
    return sorted(names.items())


def _ylim(values: list[float]) -> tuple[float, float]:
    low, high = min(values), max(values)
    span = high - low
    if span == 0:
        span = abs(high) * 0.2 or 1.0
    return low - span * Y_PAD, high + span * Y_PAD


def _yticks(ylim: tuple[float, float], bins: int) -> list[tuple[float, str]]:
    """Return y ticks inside the limits, each labelled with as many decimals as they need."""
    from matplotlib.ticker import MaxNLocator

    values = [float(v) for v in MaxNLocator(nbins=bins).tick_values(*ylim)]
    values = [v for v in values if ylim[0] <= v <= ylim[1]]
    decimals = next(
        (
            d
            for d in range(6)
            if all(abs(v - round(v, d)) < 1e-9 * max(1.0, abs(v)) for v in values)
        ),
        6,
    )
    return [(v, f"{v:,.{decimals}f}".replace("-", "\u2212")) for v in values]


def plan(gain: IndicatorGain, key: str, notes: str | None) -> Panel:
    """Return what one indicator's panel plots, before anything is placed."""
    ticks = _ticks(gain)
    empty = not has_figures(gain)
    if empty or not ticks:
        return Panel(gain, key, notes, [], (0.0, 1.0), (0.0, 1.0), [], 0.0, True)
    years = [year for year, _ in ticks]
    x_end = float(max(years))
    xlim = (years[0] - 0.5, years[-1] + 0.5) if len(years) > 1 else (years[0] - 1, years[0] + 1)
    values = [value for _, _, value in gain.actuals]
    values += [value for _, _, value in gain.comparator_expected]
    values += [p.expected for p in gain.periods if p.expected is not None]
    if target_year(gain) is not None:
        targets = (gain.target_alone, gain.target_together, gain.target)
        values += [t for t in targets if t is not None]
    values += [y for _, y in expectation_line(gain, x_end)]
    for _, low, high in band_points(gain, x_end):
        values += [low, high]
    ylim = _ylim([v for v in values if abs(v) <= MAX_SHOWN] or [0.0])  # too large: not drawn
    bins = max(3, min(8, int(AXES_H / 0.45)))  # a tick every half inch or so, at any type size
    return Panel(gain, key, notes, ticks, xlim, ylim, _yticks(ylim, bins), x_end, empty=False)


def _summary(gain: IndicatorGain) -> list[str]:
    """Return a line for the latest gain and one for the planned gain, where there are any."""
    parts = []
    unit = f" {gain.unit}" if gain.unit else ""
    measured = [p for p in gain.periods if p.gain is not None]
    if measured:
        last = measured[-1]
        assert last.gain is not None and last.expected is not None
        part = (
            f"{last.period}: {number(last.actual)} against {number(last.expected)} expected, "
            f"gain {signed(last.gain)}{unit}"
        )
        if last.beyond is not None:
            part += " (beyond the interval)" if last.beyond else " (within the interval)"
        parts.append(part)
    rates = gain.rates
    if rates.faster is not None and rates.before is not None and rates.after is not None:
        parts.append(
            f"faster: {signed(rates.faster)}{unit} a year ({signed(rates.before)} a year "
            f"before the start, {signed(rates.after)} since)"
        )
    if gain.planned_gain is not None:
        percent = (
            f" ({signed(gain.planned_gain_percent)}%)"
            if gain.planned_gain_percent is not None and abs(gain.planned_gain_percent) <= MAX_SHOWN
            else f" (a percentage {too_large(gain.planned_gain_percent)})"
            if gain.planned_gain_percent is not None
            else ""
        )
        parts.append(f"planned gain {signed(gain.planned_gain)}{percent}")
    targets = (gain.target_alone, gain.target_together, gain.target)
    if gain.target_period is None and targets != (None, None, None):
        parts.append("targets not drawn: no target_period")
    return parts


def clip_lines(lines: list[str], most: int) -> list[str]:
    """Return at most `most` lines, the last ending in an ellipsis when some were cut."""
    if len(lines) <= most:
        return lines
    return [*lines[: most - 1], lines[most - 1].rstrip() + " \u2026"]


def words(panel: Panel, sizes: Sizes, width: float) -> None:
    """Wrap a panel's title, indicator, method note, summary and y label to their room."""
    gain = panel.gain
    panel.title = wrap(gain.element_label, width, sizes.title, bold=True)
    panel.subtitle = wrap(gain.indicator, width, sizes.subtitle)
    method = f"method: {gain.why}"
    if gain.method == FLAT_BASELINE:  # the legend says it assumes no change; say why it must
        method += "; a trend needs two or more values before the start"
    panel.note = clip_lines(wrap(method, width, sizes.note, italic=True), NOTE_LINES)
    panel.summary = [line for part in _summary(gain) for line in wrap(part, width, sizes.note)]
    room = sizes.axes_h * 0.95
    unit = wrap(gain.unit, room, sizes.size) if gain.unit else []
    panel.ylabel = [*clip_lines(unit, 2), direction(gain)]


def header_height(panel: Panel, sizes: Sizes) -> float:
    """Return the height of a panel's text above its axes."""
    return (
        len(panel.title) * sizes.pitch(sizes.title)
        + len(panel.subtitle) * sizes.pitch(sizes.subtitle)
        + (len(panel.note) + len(panel.summary)) * sizes.pitch(sizes.note)
        + HEADER_GAP * sizes.scale
    )


# ---------------------------------------------------------------- the whole figure


@dataclass
class Layout:
    """Everything placed, in inches from the top-left corner, y growing downwards."""

    width: float
    height: float
    offset_x: float
    offset_y: float
    title: list[str]
    subtitle: list[str]
    panels: list[Panel]
    header_h: list[float]  # per row
    left_room: float  # from a panel's left edge to its axes: y tick labels and y label
    axes_w: float
    columns: int
    legend_y: float
    legend_columns: int
    legend_keys: list[str]


def columns_for(panels: list[Panel], theme: Theme, sizes: Sizes) -> int:
    """Return how many panels go side by side.

    Two at most on paper and screens, so a page keeps its type readable; on a projector the
    grid whose 16:9 canvas has the largest type when fitted to the slide.
    """
    if not theme.aspect:
        return min(2, len(panels))

    def canvas_width(columns: int) -> float:
        width, height = _grid_size(panels, columns, sizes)
        return max(width, height * theme.aspect)

    return min(range(1, len(panels) + 1), key=canvas_width)


def _grid_size(panels: list[Panel], columns: int, sizes: Sizes) -> tuple[float, float]:
    """Return the width and height of the panels' grid, in inches, without title or legend."""
    rows = [panels[start : start + columns] for start in range(0, len(panels), columns)]
    width = columns * sizes.panel_w + (columns - 1) * sizes.gap_x
    height = sum(max(header_height(p, sizes) for p in row) + _cell_height(sizes) for row in rows)
    return width, height


def _cell_height(sizes: Sizes) -> float:
    """Return the height of a panel below its header: axes, period names, the gap below."""
    return sizes.axes_h + sizes.pitch(sizes.size) + 0.1 * sizes.scale + sizes.gap_y


def legend_keys(panels: list[Panel]) -> list[str]:
    """Return the legend's entries: only what some panel draws, in LEGEND's order."""
    found: set[str] = set()
    for panel in panels:
        gain = panel.gain
        if panel.empty:
            continue
        if gain.pre:
            found.add("before")
        if gain.periods or (gain.actuals and not gain.pre):
            found.add("actual")
        if gain.trend is not None:
            found.add("trend")
        elif gain.method == FLAT_BASELINE:
            found.add("flat")
        if band_points(panel.gain, panel.x_end):
            found.add("band")
        if gain.comparator_expected:
            found.add("comparator")
        if target_year(gain) is not None:
            if gain.target_alone is not None:
                found.add("target-alone")
            if gain.target_together is not None:
                found.add("target-together")
        gains = [p.gain for p in gain.periods if p.gain is not None]
        if any(g > 0 for g in gains):
            found.add("gain")
        if any(g < 0 for g in gains):
            found.add("shortfall")
    return [key for key in LEGEND if key in found]


def _legend_columns(keys: list[str], width: float, size: float) -> int:
    """Return how many legend entries fit side by side: handle, gap, text, gap."""
    if not keys:
        return 1
    # Legend lengths are in font sizes: handle LEGEND_HANDLE, pad 0.8, column spacing 2.0.
    widest = max(text_width(LEGEND[key], size) for key in keys)
    widest += (LEGEND_HANDLE + 0.8) * size / 72
    spacing = 2.0 * size / 72
    return max(1, min(len(keys), int((width + spacing) / (widest + spacing))))


def layout(model: LogicModel, panels: list[Panel], theme: Theme) -> Layout:
    """Return the placed figure: title, a grid of panels, the legend below."""
    sizes = Sizes.of(theme)
    for panel in panels:
        words(panel, sizes, sizes.panel_w)
    columns = columns_for(panels, theme, sizes)
    rows = math.ceil(len(panels) / columns)
    width = 2 * MARGIN * sizes.scale + columns * sizes.panel_w + (columns - 1) * sizes.gap_x
    inner = width - 2 * MARGIN * sizes.scale
    title = wrap(model.title, inner, theme.title_size, bold=True)
    subtitle = wrap(_subtitle(model), inner, sizes.size)
    tick_w = max(
        (text_width(label, sizes.size) for p in panels for _, label in p.yticks), default=0.0
    )
    label_lines = max((len(p.ylabel) for p in panels), default=1)
    left_room = tick_w + label_lines * sizes.pitch(sizes.size) + 0.2 * sizes.scale
    axes_w = sizes.panel_w - left_room - RIGHT_PAD * sizes.scale
    for panel in panels:
        make_room_for_targets(panel, axes_w, sizes)
    y = MARGIN * sizes.scale + len(title) * sizes.pitch(theme.title_size)
    y += len(subtitle) * sizes.pitch(sizes.size) + 0.25 * sizes.scale
    header_h = []
    for row in range(rows):
        members = panels[row * columns : (row + 1) * columns]
        header_h.append(max(header_height(p, sizes) for p in members))
        for column, panel in enumerate(members):
            panel.x = MARGIN * sizes.scale + column * (sizes.panel_w + sizes.gap_x)
            panel.y = y
        y += header_h[-1] + _cell_height(sizes)
    keys = legend_keys(panels)
    legend_columns = _legend_columns(keys, inner, sizes.size)
    legend_rows = math.ceil(len(keys) / legend_columns) if keys else 0
    legend_y = y
    height = y + legend_rows * sizes.pitch(sizes.size) * 1.45 + MARGIN * sizes.scale
    width, height, offset_x, offset_y = pad_to_aspect(width, height, theme.aspect)
    return Layout(
        width=width,
        height=height,
        offset_x=offset_x,
        offset_y=offset_y,
        title=title,
        subtitle=subtitle,
        panels=panels,
        header_h=header_h,
        left_room=left_room,
        axes_w=axes_w,
        columns=columns,
        legend_y=legend_y,
        legend_columns=legend_columns,
        legend_keys=keys,
    )


def _subtitle(model: LogicModel) -> str:
    started = model.partnership.started
    when = (
        f"the partnership started in {started}"
        if started is not None
        else "no `partnership.started`: nothing marks before and after"
    )
    return (
        "Collaborative gain, indicator by indicator: what happened against what was expected "
        f"without the partnership; {when}"
    )


def _indicators(model: LogicModel) -> list[Indicator]:
    """Return every indicator in the order `measure` reports them."""
    return [indicator for _, element in model.elements() for indicator in element.indicators]


def panels_of(model: LogicModel, report: GainReport) -> list[Panel]:
    """Return a planned panel per indicator, each with a gid prefix of its own."""
    panels: list[Panel] = []
    seen: set[str] = set()
    for gain, indicator in zip(report.indicators, _indicators(model), strict=True):
        key = f"gain:{gain.element}:{gain.indicator}"
        if key in seen:  # two indicators of one element with the same name
            key = f"{key}#{len(panels) + 1}"
        seen.add(key)
        panels.append(plan(gain, key, indicator.notes))
    return panels


__all__ = [
    "AXES_H",
    "DIRECTION",
    "EMPTY_LINES",
    "GAP_X",
    "GAP_Y",
    "HEADER_GAP",
    "LEGEND",
    "LEGEND_HANDLE",
    "LINE_STYLES",
    "NOTE_LINES",
    "PANEL_W",
    "RIGHT_PAD",
    "TARGET_MARKER",
    "TARGET_OFFSET",
    "Y_PAD",
    "Layout",
    "Panel",
    "Shade",
    "Sizes",
    "band_points",
    "clip_lines",
    "columns_for",
    "direction",
    "expectation_at",
    "expectation_line",
    "has_figures",
    "header_height",
    "labels_beside",
    "layout",
    "legend_keys",
    "lines_of",
    "make_room_for_targets",
    "number",
    "panels_of",
    "plan",
    "shade",
    "signed",
    "target_year",
    "tick_labels",
    "trend_span",
    "values_near",
    "words",
]
