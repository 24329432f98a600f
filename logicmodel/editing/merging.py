"""`import WORKBOOK --into MODEL`: what a person changed in an exported workbook, merged into the
model file through the editing layer, so that comments, order, flow style and quoting stay.

Three versions meet: the model the workbook was exported from (the workbook records it), the
workbook as it is now, and the model file as it is now. A change made in the workbook is applied
where the file still has what was exported; where the file has since changed the same thing to
something else, nothing is written and each clash is listed with its cell and its line.
Elements and partners are matched by id, links one by one, fields one by one; costs, benefits,
indicators and ignored advice are lists with no ids, each merged as a whole.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from logicmodel.editing.fields import FIELDS, LINK_KINDS, STAGES, Data
from logicmodel.editing.layer import EditError, as_data
from logicmodel.editing.merge_measures import measure_steps, reorder_steps
from logicmodel.editing.records import Path, RecordDraft, record_at
from logicmodel.fileformat.loading import loads_located
from logicmodel.models import LogicModel

Cells = dict[tuple[Any, ...], str]
Step = Callable[[], Any]
# Fields of an element that `set` does not change: its id, its links and its indicators.
_ELEMENT_OWN = ("id", *LINK_KINDS, "indicators")
# Lists of records merged as a whole: where each lives in the data.
_RECORD_LISTS: tuple[Path, ...] = (
    ("partnership", "costs"),
    ("partnership", "benefits"),
    ("advice", "ignore"),
)


# The measure verbs' word for an entry of each list they change.
_MEASURE_KINDS = {"costs": "cost", "benefits": "benefit", "indicators": "indicator"}
_RECORD_FIELDS = tuple(str(path[-1]) for path in _RECORD_LISTS) + ("advice",)


class MergeConflict(EditError):
    """The workbook and the file changed the same thing since the export: `conflicts` lists
    each clash, its cell and its line."""

    def __init__(self, conflicts: list[str]) -> None:
        super().__init__("\n".join(conflicts))
        self.conflicts = conflicts


# ---------------------------------------------------------------- the three-way merge


class _Merge:
    """One merge: the exported model, the workbook's and the file's, and what is found."""

    def __init__(self, draft: RecordDraft, workbook: Data, base: Data, cells: Cells) -> None:
        self.draft = draft
        self.new = workbook
        self.base = base
        self.cells = cells
        self.conflicts: list[str] = []
        self._locate: Callable[[Path], tuple[int, int]] | None = None

    # ------------------------------------------------------------ where

    def cell(self, path: tuple[Any, ...]) -> str:
        """Return the workbook cell a data path of the workbook came from (or its nearest)."""
        for length in range(len(path), 0, -1):
            ref = self.cells.get(tuple(path[:length]))
            if ref:
                return ref
        return "the workbook"

    def line(self, path: Path) -> str:
        """Return 'file:line' of a data path in the model file as it is now."""
        if self._locate is None:
            _, self._locate = loads_located(self.draft.text, name=self.draft.name)
        line, _ = self._locate(path)
        return f"{self.draft.name}:{line}"

    def clash(self, cell: str, path: Path, what: str, ours: Any, theirs: Any) -> None:
        """Note that the workbook and the file changed the same thing differently."""
        self.conflicts.append(
            f"{cell}: {what}: the workbook has {_shown(ours)}, and {self.line(path)} has "
            f"{_shown(theirs)}, changed since the export"
        )

    # ------------------------------------------------------------ deciding

    def decide(self, old: Any, new: Any, now: Any) -> bool:
        """Return whether the workbook's change is to be applied (False: none, or made already)."""
        return bool(new != old and now == old)

    def clashes(self, old: Any, new: Any, now: Any) -> bool:
        """Return whether both sides changed a value, to different values."""
        return bool(new != old and now != old and now != new)


def _shown(value: Any) -> str:
    """Return a value as a clash names it."""
    if value is None:
        return "nothing"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def merge_workbook(
    draft: RecordDraft, workbook: LogicModel, cells: Cells, base: Data | None
) -> RecordDraft:
    """Apply to a draft of the model file what the workbook changed since it was exported.

    `base` is the model data the workbook records; EditError if it records none. Raise
    MergeConflict, listing each clash, if the file changed since the export what the workbook
    changed too.
    """
    if base is None:
        raise EditError(
            "the workbook records no model it was exported from (a template, or one made by "
            "hand), so its changes cannot be told apart: import it with -o as a new model file"
        )
    from pydantic import ValidationError

    try:
        old = as_data(LogicModel.model_validate(base))
    except ValidationError:
        raise EditError(
            "the workbook's record of the model it was exported from is damaged: import it "
            "with -o as a new model file"
        ) from None
    new = as_data(workbook)
    merge = _Merge(draft, new, old, cells)
    steps = _plan(merge)
    if merge.conflicts:
        raise MergeConflict(merge.conflicts)
    for step in steps:
        step()
    return draft


def _plan(merge: _Merge) -> list[Step]:
    """Return the edits to make, in an order that keeps each one possible; note the clashes.

    Partners and elements are added before anything links to them, links taken away before
    the elements they name go, and partners go last, once nothing names them.
    """
    first: list[Step] = []
    links: list[Step] = []
    removed: list[Step] = []
    partners_removed: list[Step] = []
    records: list[Step] = []
    _partners(merge, first, partners_removed)
    for kind, prefix in (("model", ()), ("partnership", ("partnership",))):
        # Record lists are merged whole below, even if `set` comes to take them too.
        _fields(merge, kind, kind, prefix, prefix, first, skip=_RECORD_FIELDS)
    _elements(merge, first, links, removed)
    moves: list[Step] = []
    _orders(merge, moves)
    for path in _RECORD_LISTS:
        what = "the advice ignored" if path[-1] == "ignore" else f"the partnership's {path[-1]}"
        _records(merge, path, path, path, records, what)
    return first + moves + links + removed + partners_removed + records


def _owner(data: Any, path: Path) -> dict[str, Any]:
    """Return the mapping at a data path, empty when absent."""
    owner = record_at(data, path) if path else data
    return owner if isinstance(owner, dict) else {}


def _fields(
    merge: _Merge,
    kind: str,
    ident: str,
    old_path: Path,
    now_path: Path,
    steps: list[Step],
    new_path: Path | None = None,
    skip: tuple[str, ...] = (),
) -> None:
    """Plan `set` and `unset` for each settable field the workbook changed."""
    new_path = old_path if new_path is None else new_path
    owners = [_owner(d, p) for d, p in ((merge.base, old_path), (merge.new, new_path))]
    owners.append(_owner(merge.draft.data, now_path))
    for field in FIELDS[kind]:
        if field in skip:
            continue
        old, new, now = (owners[0].get(field), owners[1].get(field), owners[2].get(field))
        if merge.clashes(old, new, now):
            where = merge.cell((*new_path, field))
            merge.clash(where, (*now_path, field), f"{field} of {_named(kind, ident)}", new, now)
        elif merge.decide(old, new, now):
            steps.append(_setter(merge.draft, ident, field, new))


def _named(kind: str, ident: str) -> str:
    """Return how a clash names what a field belongs to."""
    if kind in ("model", "partnership"):
        return f"the {kind}"
    return f"{'partner' if kind == 'partner' else 'element'} {ident!r}"


def _setter(draft: RecordDraft, ident: str, field: str, value: Any) -> Step:
    """Return the edit that gives a field a value, or removes it."""
    if value is None:
        return lambda: draft.unset(ident, field)
    return lambda: draft.set(ident, field, value)


def _records(
    merge: _Merge,
    old_path: Path,
    new_path: Path,
    now_path: Path,
    steps: list[Step],
    what: str,
    element: str | None = None,
) -> None:
    """Plan the change of a list of records (of `element`, for its indicators)."""
    old = record_at(merge.base, old_path) or []
    new = record_at(merge.new, new_path) or []
    now = record_at(merge.draft.data, now_path) or []
    if merge.clashes(old, new, now):
        merge.clash(
            merge.cell(new_path), now_path, what, f"{len(new)} entries", f"{len(now)} entries"
        )
    elif merge.decide(old, new, now):
        draft = merge.draft
        kind = _MEASURE_KINDS.get(str(now_path[-1]))
        # Costs, benefits and indicators change through the measure verbs, as on the command
        # line; a change of another shape (rows reordered) replaces the list.
        verbs = None if kind is None else measure_steps(draft, kind, list(now), list(new), element)
        if verbs is not None:
            steps += verbs
        elif element is not None:  # an element's indicators: found by id when made

            def put() -> None:
                stage, index = draft.element_ids()[element]
                draft.put_records((stage, index, now_path[-1]), list(new), f"changed {what}")

            steps.append(put)
        else:
            steps.append(lambda: draft.put_records(now_path, list(new), f"changed {what}"))


def _by_id(data: Data, section: str) -> dict[str, tuple[int, Data]]:
    """Return the entries of a list with ids (partners) by id, with their index."""
    return {str(item["id"]): (n, item) for n, item in enumerate(data.get(section) or [])}


def _partners(merge: _Merge, first: list[Step], last: list[Step]) -> None:
    """Plan partners added, changed and removed."""
    old, new, now = (_by_id(d, "partners") for d in (merge.base, merge.new, merge.draft.data))
    draft = merge.draft
    previous: str | None = None
    for ident, (index, partner) in new.items():
        cell = merge.cell(("partners", index))
        if ident not in old:
            if ident in now and now[ident][1] != partner:
                merge.clash(
                    cell,
                    ("partners", now[ident][0]),
                    f"new partner {ident!r}",
                    partner,
                    now[ident][1],
                )
            elif ident not in now:
                first.append(
                    partial(
                        draft.add_partner,
                        ident,
                        partner["name"],
                        short=partner.get("short"),
                        notes=partner.get("notes"),
                        after=previous,
                    )
                )
        elif ident not in now:
            if partner != old[ident][1]:
                merge.clash(cell, ("partners",), f"partner {ident!r}", partner, None)
        else:
            where = ("partners", old[ident][0])
            _fields(
                merge,
                "partner",
                ident,
                where,
                ("partners", now[ident][0]),
                first,
                ("partners", index),
                ("id",),
            )
        previous = ident if ident in now or ident not in old else previous
    for ident, (_, partner) in old.items():
        if ident in new or ident not in now:
            continue
        if now[ident][1] != partner:
            merge.clash(
                "Partners sheet (row deleted)",
                ("partners", now[ident][0]),
                f"partner {ident!r}",
                None,
                now[ident][1],
            )
        else:
            last.append(partial(draft.remove_partner, ident, force=True))


def _element_map(data: Data) -> dict[str, tuple[str, int, Data]]:
    """Return every element by id, with its stage and index."""
    return {
        str(element["id"]): (stage, index, element)
        for stage in STAGES
        for index, element in enumerate(data.get(stage) or [])
    }


def _elements(merge: _Merge, first: list[Step], links: list[Step], last: list[Step]) -> None:
    """Plan elements added, moved, changed, linked, unlinked and removed."""
    old, new, now = (_element_map(d) for d in (merge.base, merge.new, merge.draft.data))
    added: set[str] = set()
    for ident, (stage, index, element) in new.items():
        cell = merge.cell((stage, index))
        if ident not in old:
            if ident in now and now[ident][2] != element:
                theirs = now[ident]
                merge.clash(
                    cell,
                    (theirs[0], theirs[1]),
                    f"new element {ident!r}",
                    element["label"],
                    theirs[2].get("label"),
                )
            elif ident not in now:
                _add(merge, new, now, added, ident, first)
                _links(merge, ident, {}, element, {}, links)
            continue
        if ident not in now:
            if element != old[ident][2]:
                merge.clash(cell, (stage,), f"element {ident!r}", element.get("label"), None)
            continue
        _element(merge, ident, old[ident], new[ident], now[ident], first)
        _links(merge, ident, old[ident][2], element, now[ident][2], links)
    for ident, (_, _, element) in old.items():
        if ident in new or ident not in now:
            continue
        if now[ident][2] != element:
            where = now[ident][:2]
            merge.clash(
                "Elements sheet (row deleted)",
                where,
                f"element {ident!r}",
                None,
                now[ident][2].get("label"),
            )
        else:
            last.append(partial(merge.draft.remove, ident, force=True))


def _add(
    merge: _Merge,
    new: dict[str, tuple[str, int, Data]],
    now: dict[str, tuple[str, int, Data]],
    added: set[str],
    ident: str,
    steps: list[Step],
) -> None:
    """Plan an element added in the workbook: after the one before it there, if the file has it."""
    stage, index, element = new[ident]
    before = [
        other
        for other, (s, i, _) in new.items()
        if s == stage
        and i < index
        and ((other in now and now[other][0] == stage) or other in added)
    ]
    after = before[-1] if before else None
    fields = {k: v for k, v in element.items() if k not in (*_ELEMENT_OWN, "label", "by", "gain")}
    added.add(ident)
    draft = merge.draft

    def add() -> None:
        draft.add(
            stage,
            ident,
            element["label"],
            by=element.get("by"),
            gain=element.get("gain"),
            after=after,
            **fields,
        )

    steps.append(add)
    indicators = element.get("indicators") or []
    made = measure_steps(draft, "indicator", [], indicators, ident) if indicators else []

    def put() -> None:
        at = draft.element_ids()[ident]
        draft.put_records((*at, "indicators"), indicators, f"gave {ident!r} its indicators")

    steps += [put] if made is None else made


def _element(
    merge: _Merge,
    ident: str,
    old: tuple[str, int, Data],
    new: tuple[str, int, Data],
    now: tuple[str, int, Data],
    steps: list[Step],
) -> None:
    """Plan an element's move to another stage and its fields' changes."""
    if merge.clashes(old[0], new[0], now[0]):
        merge.clash(
            merge.cell((new[0], new[1], "stage")), now[:2], f"stage of {ident!r}", new[0], now[0]
        )
    elif merge.decide(old[0], new[0], now[0]):
        steps.append(lambda: merge.draft.move(ident, new[0]))
    kind = "outcome" if new[0] not in STAGES[:3] else "contribution"
    _fields(merge, kind, ident, old[:2], now[:2], steps, new[:2], _ELEMENT_OWN)
    what = f"the indicators of {ident!r}"
    _records(
        merge,
        (*old[:2], "indicators"),
        (*new[:2], "indicators"),
        (*now[:2], "indicators"),
        steps,
        what,
        ident,
    )


def _orders(merge: _Merge, steps: list[Step]) -> None:
    """Plan the rows a person moved within a stage as moves of those elements; a stage the
    file has reordered too, differently, is a clash."""
    maps = [_element_map(d) for d in (merge.base, merge.new, merge.draft.data)]
    for stage in STAGES:
        # The elements in this stage in all three, in each one's order.
        common = {i for i in maps[0] if all(m.get(i, ("",))[0] == stage for m in maps)}
        old, new, now = (
            [i for i, _ in sorted(((i, m[i][1]) for i in common), key=lambda pair: pair[1])]
            for m in maps
        )
        if merge.clashes(old, new, now):
            cell = merge.cell((stage, maps[1][new[0]][1]))
            where = (stage, maps[2][now[0]][1])
            merge.clash(cell, where, f"the order of the {stage}", new, now)
        elif merge.decide(old, new, now):
            steps.append(partial(_reorder, merge.draft, stage, new))


def _reorder(draft: RecordDraft, stage: str, wanted: list[str]) -> None:
    """Move elements of a stage into the order `wanted`, from the order they are in now."""
    ids = set(wanted)
    was = [str(e["id"]) for e in draft.data.get(stage) or [] if str(e["id"]) in ids]
    for step in reorder_steps(draft, stage, was, wanted):
        step()


def _links(merge: _Merge, ident: str, old: Data, new: Data, now: Data, steps: list[Step]) -> None:
    """Plan the links the workbook added to an element and those it took away."""
    draft = merge.draft
    for kind in LINK_KINDS:
        was, wanted, has = (set(e.get(kind) or []) for e in (old, new, now))
        enhances = kind == "enhances"
        for target in (e for e in new.get(kind) or [] if e not in was and e not in has):
            steps.append(partial(draft.link, ident, target, enhances=enhances))
        for target in (e for e in old.get(kind) or [] if e not in wanted and e in has):
            steps.insert(0, partial(draft.unlink, ident, target, enhances=enhances))


__all__ = ["MergeConflict", "merge_workbook"]
