"""Link routing for the Figure 1 layout: orthogonal routes in the gaps between columns and boxes.

Pure geometry in inches, y growing downwards. A route leaves its box at a side, runs in the
gutter beside the column, crosses any column in between through a gap between its boxes, and
enters its end box at a side. Ports on a box side and tracks in a gutter are fanned so that no
two routes share a segment; `violations` counts what a reader would misread, from the drawn
geometry alone, and `crossings` counts where two routes cross.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

Point = tuple[float, float]
Rect = tuple[float, float, float, float]  # x0, y0, x1, y1
Plan = tuple[str, str, list[int]]  # the side a route leaves by, enters by, its gutters
Gaps = list[list[tuple[int, int]]]  # per route, the (column, gap) of each column it crosses
Heights = dict[tuple[int, int], float]  # (route, column) -> the height it crosses at
Ports = dict[tuple[int, bool], Point]  # (route, leaving) -> where it meets its box


@dataclass(frozen=True)
class Column:
    """A column of boxes: its x extent and the x intervals of the gutter on its right."""

    x0: float
    x1: float
    gutter: tuple[tuple[float, float], ...]  # usable x intervals right of the column


@dataclass(frozen=True)
class Request:
    """A link to route: from box `source` in column `start` to `target` in column `end`."""

    key: str
    source: str
    target: str
    start: int
    end: int
    enhances: bool = False


@dataclass
class Grid:
    """What routes must avoid: the columns, and the rectangles (boxes, lane titles) by owner."""

    columns: list[Column]
    boxes: dict[str, Rect]  # element boxes by id, tabs included
    obstacles: list[tuple[str, Rect]]  # everything no route may touch but its own ends
    top: float
    bottom: float
    spacing: float  # the widest gap wanted between neighbouring tracks and ports
    clearance: float  # how far a crossing keeps from the boxes it passes
    _free: dict[int, list[tuple[float, float]]] = field(default_factory=dict)

    def free(self, column: int) -> list[tuple[float, float]]:
        """Return the y intervals where a route may cross a column, top to bottom."""
        if column not in self._free:
            x0, x1 = self.columns[column].x0, self.columns[column].x1
            blocked = sorted(
                (r[1] - self.clearance, r[3] + self.clearance)
                for _, r in self.obstacles
                if r[0] < x1 and r[2] > x0
            )
            free, y = [], self.top
            for b0, b1 in blocked:
                if b0 - y > self.clearance / 2:
                    free.append((y, b0))
                y = max(y, b1)
            if self.bottom - y > self.clearance / 2:
                free.append((y, self.bottom))
            self._free[column] = free
        return self._free[column]


def _sides(request: Request) -> Plan:
    """Return the side a route leaves by, the side it enters by and the gutters it runs in.

    Gutter g lies right of column g. Forward links run right; a link within a column bends
    out into the gutter on its right, an enhances link within a column into the one on its left.
    """
    a, b = request.start, request.end
    if a < b:
        return "right", "left", list(range(a, b))
    if a > b:
        return "left", "right", list(range(a - 1, b - 1, -1))
    if request.enhances:
        return "left", "left", [a - 1]
    return "right", "right", [a]


def route(grid: Grid, requests: Sequence[Request]) -> dict[str, list[Point]]:
    """Return each request's route as corner points, from its start port to its end port."""
    plans = [_sides(request) for request in requests]
    centre = {key: (r[1] + r[3]) / 2 for key, r in grid.boxes.items()}
    load, crossing_gap = _crossing_gaps(grid, requests, plans, centre)
    crossing_y = _crossing_heights(grid, load)
    port = _ports(grid, requests, plans, crossing_gap, crossing_y, centre)
    entries = _entries_from_above(grid, requests)
    for number, (_, over, _) in entries.items():
        port[(number, False)] = (port[(number, False)][0], over)  # its gutter run ends there
    track_x = _track_xs(grid, requests, plans, crossing_gap, crossing_y, port)
    # 5. Corner points.
    routes: dict[str, list[Point]] = {}
    for number, (request, (_, _, gutters)) in enumerate(zip(requests, plans, strict=True)):
        start, end = port[(number, True)], port[(number, False)]
        points = [start]
        y = start[1]
        for index, _ in enumerate(gutters):
            x = track_x[(number, index)]
            next_y = (
                crossing_y[(number, crossing_gap[number][index][0])]
                if index < len(gutters) - 1
                else end[1]
            )
            points += [(x, y), (x, next_y)]
            y = next_y
        points.append(end)
        if number in entries:
            x, over, drop = entries[number]
            top = grid.boxes[request.target][1]
            bottom = grid.boxes[request.source][3]
            points = [(x, bottom), (x, top)] if drop else [*points[:-1], (x, over), (x, top)]
        routes[request.key] = _simplify(points)
    return routes


def _entries_from_above(
    grid: Grid, requests: Sequence[Request]
) -> dict[int, tuple[float, float, bool]]:
    """Return, for each link within a column, where it enters its target's top, the height of
    its turn in over the target, and whether it simply drops from a source right above.

    Entering by the side links leave by would read as a link going backwards; entering from
    above reads down the column. Links into one box enter `share` of the way along its top
    and turn in at their own heights, so they keep apart."""
    within: dict[str, list[int]] = {}
    for number, request in enumerate(requests):
        if request.start == request.end and not request.enhances:
            within.setdefault(request.target, []).append(number)
    entries: dict[int, tuple[float, float, bool]] = {}
    for target, numbers in within.items():
        tx0, ty0, tx1, _ = grid.boxes[target]
        above = [  # boxes, lane titles, anything the turn in must pass under
            (r[3], key)
            for key, r in grid.obstacles
            if key != target and r[0] < tx1 and r[2] > tx0 and r[3] <= ty0 + 1e-9
        ]
        nearest = max(above, default=None)
        ceiling = nearest[0] if nearest is not None else ty0 - 2 * grid.spacing
        for rank, number in enumerate(numbers):
            share = (rank + 1) / (len(numbers) + 1)
            x = tx0 + (tx1 - tx0) * share
            source = grid.boxes[requests[number].source]
            drop = nearest is not None and nearest[1] == requests[number].source
            drop = drop and source[0] < x < source[2]
            entries[number] = (x, ceiling + (ty0 - ceiling) * share, drop)
    return entries


def _crossing_gaps(
    grid: Grid, requests: Sequence[Request], plans: list[Plan], centre: dict[str, float]
) -> tuple[dict[tuple[int, int], list[tuple[float, int]]], Gaps]:
    """Return who crosses by each gap, and the gaps each route crosses by.

    1. Which gap of each column in between a route crosses by: the nearest to a straight line.
    """
    load: dict[tuple[int, int], list[tuple[float, int]]] = {}
    crossing_gap: Gaps = []
    for number, (request, (_, _, gutters)) in enumerate(zip(requests, plans, strict=True)):
        y0, y1 = centre[request.source], centre[request.target]
        chosen = []
        passed = [g + 1 if request.start < request.end else g for g in gutters[:-1]]
        for step, column in enumerate(passed, start=1):
            wanted = y0 + (y1 - y0) * step / (len(passed) + 1)
            free = grid.free(column)
            best = min(
                range(len(free)),
                key=lambda i: _gap_cost(free[i], wanted, len(load.get((column, i), [])), grid),
            )
            load.setdefault((column, best), []).append((wanted, number))
            chosen.append((column, best))
        crossing_gap.append(chosen)
    return load, crossing_gap


def _crossing_heights(grid: Grid, load: dict[tuple[int, int], list[tuple[float, int]]]) -> Heights:
    """Return the height each route crosses each column at.

    2. Crossing heights: in each gap as wanted, kept apart. Crossings of neighbouring columns
    both run stubs into the gutter between them, so a height already taken next door is moved
    off: at one height two stubs would join.
    """
    crossing_y: Heights = {}
    taken: dict[int, list[float]] = {}
    for (column, gap), crossing_users in sorted(load.items()):
        y0, y1 = grid.free(column)[gap]
        ordered = sorted(crossing_users)
        heights = _spread([w for w, _ in ordered], y0, y1, grid.spacing)
        pitch = min(grid.spacing, (y1 - y0) / (len(ordered) + 1))
        heights = _apart(heights, taken.get(column - 1, []), y0, y1, pitch)
        taken.setdefault(column, []).extend(heights)
        for (_, number), y in zip(ordered, heights, strict=True):
            crossing_y[(number, column)] = y
    return crossing_y


def _ports(
    grid: Grid,
    requests: Sequence[Request],
    plans: list[Plan],
    crossing_gap: Gaps,
    crossing_y: Heights,
    centre: dict[str, float],
) -> Ports:
    """Return where each route leaves and enters its boxes.

    3. Ports: fanned along each box side, ordered by where the route heads.
    """
    heading: dict[tuple[str, str], list[tuple[float, int, bool]]] = {}
    for number, (request, (out_side, in_side, _)) in enumerate(zip(requests, plans, strict=True)):
        gaps = crossing_gap[number]
        first = crossing_y[(number, gaps[0][0])] if gaps else centre[request.target]
        last = crossing_y[(number, gaps[-1][0])] if gaps else centre[request.source]
        heading.setdefault((request.source, out_side), []).append((first, number, True))
        heading.setdefault((request.target, in_side), []).append((last, number, False))
    port: Ports = {}
    column_of = {r.source: r.start for r in requests} | {r.target: r.end for r in requests}
    right_side: dict[int, list[float]] = {}  # port heights on the left of each gutter
    # Every right side comes first: a gutter's heights, sorted once, are then looked up by
    # bisection (a scan of them all made the ports quadratic in a gutter's routes).
    facing: dict[int, list[float]] = {}
    for (owner, side), port_users in sorted(heading.items(), key=lambda item: item[0][1] == "left"):
        x0, y0, x1, y1 = grid.boxes[owner]
        port_users.sort()
        gutter = column_of[owner] if side == "right" else column_of[owner] - 1
        for index, (_, number, leaving) in enumerate(port_users):
            y = y0 + (y1 - y0) * (index + 1) / (len(port_users) + 1)
            if side == "right":
                right_side.setdefault(gutter, []).append(y)
            elif _near(y, grid.spacing * 0.3, facing, right_side, gutter):
                # Facing ports at one height would join two routes into one line.
                nudge = grid.spacing * 0.5
                y = y + nudge if y + nudge < y1 - grid.spacing * 0.2 else y - nudge
            port[(number, leaving)] = (x1 if side == "right" else x0, y)
    return port


def _near(
    y: float,
    reach: float,
    facing: dict[int, list[float]],
    heights: dict[int, list[float]],
    key: int,
) -> bool:
    """Return whether any of a gutter's heights is less than `reach` from y (strictly), with
    the heights sorted once into `facing`."""
    if key not in facing:
        facing[key] = sorted(heights.get(key, []))
    ordered = facing[key]
    at = bisect.bisect_right(ordered, y - reach)
    return at < len(ordered) and ordered[at] < y + reach


def _track_xs(
    grid: Grid,
    requests: Sequence[Request],
    plans: list[Plan],
    crossing_gap: Gaps,
    crossing_y: Heights,
    port: Ports,
) -> dict[tuple[int, int], float]:
    """Return the x of each route's run in each gutter it uses.

    4. Vertical runs in each gutter, each on a track of its own where they overlap.
    """
    runs: dict[int, list[tuple[float, float, float, int, int]]] = {}
    for number, (request, (_, _, gutters)) in enumerate(zip(requests, plans, strict=True)):
        ys = [port[(number, True)][1]]
        ys += [crossing_y[(number, column)] for column, _ in crossing_gap[number]]
        ys.append(port[(number, False)][1])
        for index, gutter in enumerate(gutters):
            y_in, y_out = ys[index], ys[index + 1]
            runs.setdefault(gutter, []).append(
                (_track_key(request, y_in, y_out), y_in, y_out, number, index)
            )
    track_x: dict[tuple[int, int], float] = {}
    for gutter, gutter_runs in runs.items():
        xs = _tracks(gutter_runs, grid.columns[gutter].gutter, grid.spacing)
        track_x.update(xs)
    return track_x


def _gap_cost(gap: tuple[float, float], wanted: float, used: int, grid: Grid) -> float:
    """Return how bad a gap is for a crossing wanted at height `wanted`: far, or full."""
    y0, y1 = gap
    distance = 0.0 if y0 <= wanted <= y1 else min(abs(wanted - y0), abs(wanted - y1))
    room = (y1 - y0) / grid.spacing
    return distance + (grid.spacing * 4 * (used + 1 - room) if used + 1 > room else 0.0)


def _spread(wanted: list[float], y0: float, y1: float, spacing: float) -> list[float]:
    """Return heights in (y0, y1), in the order given, as near as may be to those wanted and
    at least a step apart (the step shrinks to fit)."""
    count = len(wanted)
    step = min(spacing, (y1 - y0) / (count + 1))
    low, high = y0 + step, y1 - step
    placed: list[float] = []
    for index, w in enumerate(wanted):
        y = min(max(w, low + 0.0), high - (count - 1 - index) * step)
        if placed:
            y = max(y, placed[-1] + step)
        placed.append(y)
    return placed


def _apart(
    heights: list[float], taken: Sequence[float], y0: float, y1: float, step: float
) -> list[float]:
    """Return the heights, each one at the same height as a taken one moved half a step into
    the room beside it, inside (y0, y1) and clear of its neighbours."""
    moved = list(heights)
    for index, y in enumerate(moved):
        if not any(abs(y - other) < step * 0.3 for other in taken):
            continue
        for candidate in (y + step / 2, y - step / 2):
            clear = all(
                abs(candidate - other) >= step * 0.3
                for other in [*taken, *moved[:index], *moved[index + 1 :]]
            )
            if y0 < candidate < y1 and clear:
                moved[index] = candidate
                break
    return moved


def _track_key(request: Request, y_in: float, y_out: float) -> float:
    """Return where a run goes across its gutter, smaller to the left.

    Runs that turn back into the column on their left hug it, and enhances runs that turn into
    the column on their right hug that one, so their short stubs cross nothing. Among through
    runs, one heading down sits further right the higher it starts, and one heading up the lower
    it starts: then a run's stubs cross another run only where their heights interleave.
    """
    if request.start == request.end:
        return 1e6 if request.enhances else -1e6
    return -y_in if y_out >= y_in else y_in - 1e3


def _tracks(
    runs: list[tuple[float, float, float, int, int]],
    intervals: Sequence[tuple[float, float]],
    spacing: float,
) -> dict[tuple[int, int], float]:
    """Return an x for each run: runs that overlap in height get separate tracks, in key order."""
    gap = spacing * 0.6
    # Each track's runs, apart from each other, so sorted by their tops as by their bottoms:
    # a new run is clear of a track if the last run starting above its foot ends above its top.
    lanes: list[tuple[list[float], list[float]]] = []  # per track: tops, bottoms, in order
    assigned: list[tuple[int, int, int]] = []
    # Right to left: the rightmost key takes the rightmost track still free at its height.
    for _, y_in, y_out, number, index in sorted(runs, key=lambda r: -r[0]):
        low, high = min(y_in, y_out), max(y_in, y_out)
        for lane_number, (tops, bottoms) in enumerate(lanes):
            at = bisect.bisect_right(tops, high + gap)  # the runs with a <= high + gap
            if at == 0 or not bottoms[at - 1] >= low - gap:
                tops.insert(at, low)
                bottoms.insert(at, high)
                assigned.append((lane_number, number, index))
                break
        else:
            lanes.append(([low], [high]))
            assigned.append((len(lanes) - 1, number, index))
    xs = _track_positions(len(lanes), intervals, spacing)
    # Track 0 is the rightmost.
    return {(number, index): xs[len(lanes) - 1 - lane] for lane, number, index in assigned}


def _track_positions(
    count: int, intervals: Sequence[tuple[float, float]], spacing: float
) -> list[float]:
    """Return `count` x positions left to right over a gutter's usable intervals, evenly spread,
    no wider apart than `spacing`, centred."""
    total = sum(b - a for a, b in intervals)
    step = min(spacing, total / (count + 1)) if count else 0.0
    used = step * (count - 1)
    offset = (total - used) / 2
    xs = []
    for index in range(count):
        along = offset + index * step
        for a, b in intervals:
            if along <= b - a:
                xs.append(a + along)
                break
            along -= b - a
        else:
            xs.append(intervals[-1][1])
    return xs


def _simplify(points: list[Point]) -> list[Point]:
    """Return the corners without repeats or points in the middle of a straight run."""
    kept: list[Point] = []
    for point in points:
        if kept and abs(point[0] - kept[-1][0]) < 1e-9 and abs(point[1] - kept[-1][1]) < 1e-9:
            continue
        if len(kept) >= 2:
            (ax, ay), (bx, by) = kept[-2], kept[-1]
            if (abs(ax - bx) < 1e-9 and abs(bx - point[0]) < 1e-9) or (
                abs(ay - by) < 1e-9 and abs(by - point[1]) < 1e-9
            ):
                kept[-1] = point
                continue
        kept.append(point)
    return kept


# ---------------------------------------------------------------- reading routes back


def segments(points: Sequence[Point]) -> list[tuple[Point, Point]]:
    """Return a route's straight segments."""
    return list(zip(points, points[1:], strict=False))


def _touches(a: Point, b: Point, rect: Rect) -> bool:
    """Return whether an axis-parallel segment meets a rectangle (edges included)."""
    x0, x1 = sorted((a[0], b[0]))
    y0, y1 = sorted((a[1], b[1]))
    return x0 <= rect[2] and x1 >= rect[0] and y0 <= rect[3] and y1 >= rect[1]


def violations(
    routes: Mapping[str, tuple[str, str, Sequence[Point]]],
    rects: Iterable[tuple[str, Rect]],
    margin: float = 0.02,
) -> list[str]:
    """Return what a reader would misread: each route segment that passes under or over, or
    runs into, a rectangle that is not its own end (kept `margin` away), and each that runs
    back through its own end boxes. Routes are (source, target, points) by name."""
    found = []
    owned = list(rects)
    for name, (source, target, points) in routes.items():
        parts = segments(points)
        for number, (a, b) in enumerate(parts):
            for owner, (x0, y0, x1, y1) in owned:
                if owner in (source, target):
                    first, last = (
                        number == 0 and owner == source,
                        number == len(parts) - 1 and owner == target,
                    )
                    if first or last:
                        continue
                    inner = (x0 + margin, y0 + margin, x1 - margin, y1 - margin)
                    if _touches(a, b, inner):
                        found.append(f"{name} runs through its own end {owner}")
                    continue
                if _touches(a, b, (x0 - margin, y0 - margin, x1 + margin, y1 + margin)):
                    found.append(f"{name} meets {owner}")
        for end, point, owner in ((0, points[0], source), (1, points[-1], target)):
            del end
            if not any(
                o == owner
                and _touches(point, point, (r[0] - 1e-6, r[1] - 1e-6, r[2] + 1e-6, r[3] + 1e-6))
                for o, r in owned
            ):
                found.append(f"{name} does not end on {owner}")
    return found


def crossings(routes: Iterable[Sequence[Point]]) -> int:
    """Return how many times two routes cross: a horizontal segment of one through a vertical
    segment of another, ends and touching excluded."""
    import numpy as np

    horizontal, vertical = [], []
    for number, points in enumerate(routes):
        for (ax, ay), (bx, by) in segments(points):
            if abs(ay - by) < 1e-9 and abs(ax - bx) > 1e-9:
                horizontal.append((ay, min(ax, bx), max(ax, bx), number))
            elif abs(ax - bx) < 1e-9 and abs(ay - by) > 1e-9:
                vertical.append((ax, min(ay, by), max(ay, by), number))
    if not horizontal or not vertical:
        return 0
    h = np.array(horizontal)
    v = np.array(vertical)
    total = 0
    eps = 1e-6
    for start in range(0, len(h), 512):
        chunk = h[start : start + 512]
        hit = (
            (chunk[:, None, 1] < v[None, :, 0] - eps)
            & (v[None, :, 0] < chunk[:, None, 2] - eps)
            & (v[None, :, 1] < chunk[:, None, 0] - eps)
            & (chunk[:, None, 0] < v[None, :, 2] - eps)
            & (chunk[:, None, 3] != v[None, :, 3])
        )
        total += int(hit.sum())
    return total


def shared(routes: Mapping[str, Sequence[Point]]) -> list[tuple[str, str]]:
    """Return the pairs of routes that run along one another: a collinear stretch in common."""
    runs: dict[tuple[str, float], list[tuple[float, float, str]]] = {}
    for name, points in routes.items():
        for (ax, ay), (bx, by) in segments(points):
            if abs(ay - by) < 1e-9:
                runs.setdefault(("h", round(ay, 4)), []).append((min(ax, bx), max(ax, bx), name))
            elif abs(ax - bx) < 1e-9:
                runs.setdefault(("v", round(ax, 4)), []).append((min(ay, by), max(ay, by), name))
    pairs = set()
    for items in runs.values():
        items.sort()
        for index, (_, a1, name) in enumerate(items):
            for b0, _, other in items[index + 1 :]:
                if b0 >= a1 - 1e-6:
                    break
                if other != name:
                    pairs.add(tuple(sorted((name, other))))
    return sorted(pairs)  # type: ignore[arg-type]


__all__ = [
    "Column",
    "Grid",
    "Point",
    "Rect",
    "Request",
    "crossings",
    "route",
    "segments",
    "shared",
    "violations",
]
