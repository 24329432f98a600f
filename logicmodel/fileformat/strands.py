"""Strands: a parent model that lists strand models in files of their own, loaded as one model.

A parent names each strand (`strands: [{id, file, label, links}]`). Links that cross files are
written only in the parent: a parent element's `leads_to`/`enhances` may name `strand:element`,
and a strand entry's `links` start from one of its elements and name the parent's ids or
`other-strand:element`. Each strand file is therefore a whole model that loads, draws and traces
on its own. Loading a parent loads its strands and merges them into one model whose strand
elements carry qualified ids (`north:patrols`), so the trace, the views and the exports see
one graph; every fault found is placed in the file that holds it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from logicmodel.fileformat.documents import Locate, Path
from logicmodel.fileformat.faults import LoadError, Located
from logicmodel.fileformat.rules import Problem, did_you_mean, find_problems
from logicmodel.models import (
    ALL_PARTNERS,
    Contribution,
    Element,
    LogicModel,
    Stage,
    Strand,
)

SEPARATOR = ":"

# Loads a strand's file (its path) and returns its model and locator; raises LoadError.
StrandLoader = Callable[[str], tuple[LogicModel, Locate]]


def qualified(strand: str, ident: str) -> str:
    """Return the id an element of a strand has in its parent: `strand:element`.

    >>> qualified("north", "patrols")
    'north:patrols'
    """
    return f"{strand}{SEPARATOR}{ident}"


def strand_of(ident: str) -> str | None:
    """Return the strand an id of a parent names, or None for the parent's own element.

    >>> strand_of("north:patrols"), strand_of("safer-city")
    ('north', None)
    """
    strand, separator, _ = ident.partition(SEPARATOR)
    return strand if separator else None


def strand_file(parent_name: str, strand: Strand) -> str:
    """Return the path of a strand's file: relative to the folder of the parent's file."""
    return os.path.normpath(os.path.join(os.path.dirname(parent_name), strand.file))


# ---------------------------------------------------------------- the parent on its own


def local_part(model: LogicModel) -> LogicModel:
    """Return a parent without its links into strands: what the one-file rules can check."""
    if not model.strands:
        return model
    update: dict[str, list[Element]] = {}
    for stage in Stage:
        update[stage.value] = [_without_strand_links(e) for e in model.stage_elements(stage)]
    return model.model_copy(update=update)


def _without_strand_links(element: Element) -> Element:
    """Return an element with the targets that name a strand's element left out."""
    changes: dict[str, list[str]] = {}
    if any(strand_of(t) for t in element.leads_to):
        changes["leads_to"] = [t for t in element.leads_to if strand_of(t) is None]
    if isinstance(element, Contribution) and any(strand_of(t) for t in element.enhances):
        changes["enhances"] = [t for t in element.enhances if strand_of(t) is None]
    return element.model_copy(update=changes) if changes else element


def without_unloaded_strands(model: LogicModel) -> LogicModel:
    """Return a parent read without its strands (from text: no folder to find them in) with
    its links into them left out, so that it traces and draws; a merged parent as it is."""
    if not model.strands:
        return model
    ids = {element.id for _, element in model.elements()}
    if any(strand_of(ident) for ident in ids):
        return model  # merged: every `strand:element` link has its element
    return local_part(model)


def entry_problems(model: LogicModel) -> list[Problem]:
    """Return what the parent file alone shows wrong with its strands and its links to them."""
    problems: list[Problem] = []
    seen_ids: set[str] = set()
    seen_files: set[str] = set()
    for index, strand in enumerate(model.strands):
        if strand.id in seen_ids:
            problems.append(Problem(("strands", index, "id"), f"duplicate strand id {strand.id!r}"))
        if os.path.normpath(strand.file) in seen_files:
            problems.append(
                Problem(("strands", index, "file"), f"strand file {strand.file!r} listed twice")
            )
        seen_ids.add(strand.id)
        seen_files.add(os.path.normpath(strand.file))
    names = [strand.id for strand in model.strands]
    own = {element.id for _, element in model.elements()}
    for index, strand in enumerate(model.strands):
        if strand.id in own:
            # The parent's picture draws the strand as a box with the strand's id.
            problems.append(
                Problem(("strands", index, "id"), f"strand id {strand.id!r} is an element's id too")
            )
    for path, target in _parent_targets(model):
        problems += _strand_name_problems(path, target, names)
    return problems


def _parent_targets(model: LogicModel) -> Iterator[tuple[Path, str]]:
    """Yield every link target the parent file writes, with its data path."""
    for stage in Stage:
        for index, element in enumerate(model.stage_elements(stage)):
            for position, target in enumerate(element.leads_to):
                yield (stage.value, index, "leads_to", position), target
            if isinstance(element, Contribution):
                for position, target in enumerate(element.enhances):
                    yield (stage.value, index, "enhances", position), target
    for index, strand in enumerate(model.strands):
        for number, link in enumerate(strand.links):
            for kind in ("leads_to", "enhances"):
                for position, target in enumerate(getattr(link, kind)):
                    yield ("strands", index, "links", number, kind, position), target


def _strand_name_problems(path: Path, target: str, names: list[str]) -> list[Problem]:
    """Return a problem when a target names a strand the parent does not list."""
    strand = strand_of(target)
    if strand is None or strand in names:
        return []
    if not names:
        return [
            Problem(
                path,
                f"{target!r} names strand {strand!r}, but this model lists no strands "
                "(`strand:element` links need a `strands:` list)",
            )
        ]
    hint = did_you_mean(strand, names)
    return [Problem(path, f"{target!r}: unknown strand {strand!r}{hint}")]


# ---------------------------------------------------------------- the parent with its strands


@dataclass
class _Loaded:
    """One strand loaded: its entry, file, model and locator."""

    index: int
    entry: Strand
    name: str
    model: LogicModel
    locate: Locate


@dataclass
class _Origins:
    """Where each part of the merged model was written: which file, at which data path."""

    parent_name: str
    parent_locate: Locate
    # merged (stage, index) -> the strand and the element's index in its own file
    elements: dict[tuple[str, int], tuple[_Loaded, int]] = field(default_factory=dict)
    # merged (stage, index, field, position) -> the parent's path of a strand entry's link
    links: dict[Path, Path] = field(default_factory=dict)
    # merged partner index -> the strand and the partner's index in its own file
    partners: dict[int, tuple[_Loaded, int]] = field(default_factory=dict)

    def place(self, path: Path) -> tuple[str, Locate, Path]:
        """Return the file, its locator and the data path in it of a merged model's path."""
        if path[:4] in self.links:
            return self.parent_name, self.parent_locate, self.links[path[:4]] + path[4:]
        if len(path) >= 2 and isinstance(path[1], int):
            key = (str(path[0]), path[1])
            found = self.partners.get(path[1]) if path[0] == "partners" else self.elements.get(key)
            if found is not None:
                loaded, index = found
                return loaded.name, loaded.locate, (path[0], index, *path[2:])
        return self.parent_name, self.parent_locate, path

    def locate_in_parent(self, path: Path) -> tuple[int, int]:
        """Return where the parent's file shows a merged model's path: a strand's own part at
        the strand's entry (`check` of a parent places its advice so; the strand's file,
        checked on its own, places it exactly)."""
        name, locate, inner = self.place(path)
        if name == self.parent_name:
            return locate(inner)
        index = path[1] if len(path) > 1 and isinstance(path[1], int) else -1
        found = (
            self.partners.get(index)
            if path[0] == "partners"
            else self.elements.get((str(path[0]), index))
        )
        return self.parent_locate(("strands", found[0].index) if found else ())

    def located(self, problem: Problem) -> Located:
        """Return a problem of the merged model at its file, line and column."""
        name, locate, path = self.place(problem.path)
        message = problem.message
        if problem.also is not None:
            other, other_locate, other_path = self.place(problem.also)
            line = other_locate(other_path)[0]
            where = f"on line {line}" if other == name else f"in {other} on line {line}"
            message = message.format(where=where)
        return Located(name, *locate(path), message)


def combine(
    parent: LogicModel, locate: Locate, name: str, load_strand: StrandLoader
) -> tuple[LogicModel, Locate]:
    """Return a parent merged with its strands, and a locator of the merged model's paths in
    the parent's file; raise LoadError with each fault placed in its own file.

    `load_strand` loads one strand's file (itself merged with any strands it has).
    """
    loaded: list[_Loaded] = []
    for index, entry in enumerate(parent.strands):
        path = strand_file(name, entry)
        try:
            model, strand_locate = load_strand(path)
        except LoadError as error:
            if all(fault.about_file for fault in error.errors):
                raise _at_entry(name, locate, index, entry, error.errors[0].message) from None
            raise
        loaded.append(_Loaded(index, entry, path, model, strand_locate))
    origins = _Origins(name, locate)
    merged, problems = _merge(parent, loaded, origins)
    problems += find_problems(merged)
    if problems:
        faults = sorted({origins.located(p) for p in problems}, key=_file_order)
        raise LoadError(faults)
    return merged, origins.locate_in_parent


def refuse_cycle(parent_name: str, locate: Locate, index: int, entry: Strand) -> LoadError:
    """Return the error for a strand whose file is the parent or one of the parent's parents."""
    return _at_entry(
        parent_name, locate, index, entry, "lists a model that lists this one: strands form a cycle"
    )


def _at_entry(name: str, locate: Locate, index: int, entry: Strand, message: str) -> LoadError:
    """Return an error placed at a strand entry's `file:`."""
    line, col = locate(("strands", index, "file"))
    return LoadError([Located(name, line, col, f"strand {entry.id!r}: {entry.file}: {message}")])


def _file_order(fault: Located) -> tuple[str, int, int, str]:
    return fault.file, fault.line, fault.col, fault.message


def _merge(
    parent: LogicModel, loaded: list[_Loaded], origins: _Origins
) -> tuple[LogicModel, list[Problem]]:
    """Return the merged model and the problems with the strand entries' links."""
    partners = list(parent.partners)
    known = {partner.id for partner in partners}
    stages: dict[Stage, list[Element]] = {
        stage: list(parent.stage_elements(stage)) for stage in Stage
    }
    problems: list[Problem] = []
    for strand in loaded:
        for number, partner in enumerate(strand.model.partners):
            if partner.id not in known:
                known.add(partner.id)
                origins.partners[len(partners)] = (strand, number)
                partners.append(partner)
        where: dict[str, tuple[Stage, int]] = {}
        for stage, index, element in _strand_elements(strand):
            where[element.id] = (stage, len(stages[stage]))
            origins.elements[(stage.value, len(stages[stage]))] = (strand, index)
            stages[stage].append(_qualify(strand, element))
        problems += _add_entry_links(strand, where, stages, origins)
    update: dict[str, object] = {stage.value: elements for stage, elements in stages.items()}
    update["partners"] = partners
    # A strand without a label is named by its own file's title wherever the parent shows it.
    update["strands"] = [
        strand.entry.model_copy(update={"label": strand.entry.label or strand.model.title})
        for strand in loaded
    ]
    return parent.model_copy(update=update), problems


def _strand_elements(strand: _Loaded) -> Iterator[tuple[Stage, int, Element]]:
    """Yield a strand's elements with their stage and index in its file."""
    for stage in Stage:
        for index, element in enumerate(strand.model.stage_elements(stage)):
            yield stage, index, element


def _qualify(strand: _Loaded, element: Element) -> Element:
    """Return a strand's element as its parent holds it: ids qualified, `by: all` spelt out."""
    sid = strand.entry.id
    changes: dict[str, object] = {
        "id": qualified(sid, element.id),
        "leads_to": [qualified(sid, t) for t in element.leads_to],
    }
    if isinstance(element, Contribution):
        changes["enhances"] = [qualified(sid, t) for t in element.enhances]
        if element.by == ALL_PARTNERS:
            # `all` is every partner of the strand, not of the whole partnership.
            changes["by"] = strand.model.partner_ids()
    return element.model_copy(update=changes)


def _add_entry_links(
    strand: _Loaded,
    where: dict[str, tuple[Stage, int]],
    stages: dict[Stage, list[Element]],
    origins: _Origins,
) -> list[Problem]:
    """Add a strand entry's links to its elements in the merged model; return problems."""
    problems: list[Problem] = []
    for number, link in enumerate(strand.entry.links):
        base: Path = ("strands", strand.index, "links", number)
        if link.element not in where:
            hint = did_you_mean(link.element, where)
            problems.append(
                Problem(
                    (*base, "element"),
                    f"strand {strand.entry.id!r} has no element {link.element!r}{hint}",
                )
            )
            continue
        stage, index = where[link.element]
        element = stages[stage][index]
        if link.enhances and not isinstance(element, Contribution):
            problems.append(
                Problem(
                    (*base, "enhances"),
                    f"{stage.singular} {link.element!r} cannot enhance: only a contribution can",
                )
            )
            continue
        changes: dict[str, list[str]] = {}
        for kind in ("leads_to", "enhances"):
            targets = list(getattr(element, kind, []))
            for position, target in enumerate(getattr(link, kind)):
                origins.links[(stage.value, index, kind, len(targets))] = (*base, kind, position)
                targets.append(target)
            changes[kind] = targets
        if not isinstance(element, Contribution):
            del changes["enhances"]
        stages[stage][index] = element.model_copy(update=changes)
    return problems


def strand_members(model: LogicModel) -> dict[str, list[str]]:
    """Return each strand's id -> the merged ids of its elements, in file order."""
    members: dict[str, list[str]] = {strand.id: [] for strand in model.strands}
    for _, element in model.elements():
        strand = strand_of(element.id)
        if strand in members:
            members[strand].append(element.id)
    return members


def strand_alone(model: LogicModel, strand: str) -> LogicModel:
    """Return one strand of a merged parent as its own file has it: its elements under their
    own ids, its links within it, and none of the links the parent adds."""
    prefix = f"{strand}:"
    kept: dict[str, list[Element]] = {stage.value: [] for stage in Stage}
    for stage, element in _members_of(model, strand):
        changes: dict[str, object] = {
            "id": element.id.removeprefix(prefix),
            "leads_to": [
                t.removeprefix(prefix) for t in element.leads_to if strand_of(t) == strand
            ],
        }
        if isinstance(element, Contribution):
            changes["enhances"] = [
                t.removeprefix(prefix) for t in element.enhances if strand_of(t) == strand
            ]
        kept[stage.value].append(element.model_copy(update=changes))
    used = {
        p
        for items in kept.values()
        for e in items
        if isinstance(e, Contribution)
        for p in model.partners_of(e)
    }
    partners = [p for p in model.partners if p.id in used] or model.partners[:1]
    entry = next(s for s in model.strands if s.id == strand)
    return model.model_copy(
        update=kept | {"partners": partners, "strands": [], "title": entry.label or entry.id}
    )


def _members_of(model: LogicModel, strand: str) -> list[tuple[Stage, Element]]:
    """Return a strand's elements in the merged model, with their stages."""
    return [(stage, e) for stage, e in model.elements() if strand_of(e.id) == strand]


__all__ = [
    "SEPARATOR",
    "StrandLoader",
    "combine",
    "entry_problems",
    "local_part",
    "qualified",
    "refuse_cycle",
    "strand_alone",
    "strand_file",
    "strand_members",
    "strand_of",
    "without_unloaded_strands",
]
