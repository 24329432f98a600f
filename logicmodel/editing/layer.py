"""The editing layer: change a model file without losing a word of it.

A `Draft` holds a model file's text and, beside it, the model as plain data. Each edit changes
both: the data the simple way (the meaning of the edit), the text by splicing only the
characters the edit is about (`logicmodel.editing.patch`), so comments, blank lines, key order,
quoting, flow and block styles, literal and folded text, anchors, line endings and a byte-order
mark all stay as they were. A layout the splicer does not change in place is rewritten with
ruamel.yaml's round-trip parser instead, and only when that rewrite reproduces the rest of the
file exactly.

Before anything is written the new text goes through the ordinary loader: a model that would be
invalid is refused with the loader's own located messages, and the model read back must equal
the data edited the simple way. Writes are atomic, made under the model's advisory lock
(`logicmodel.fileformat.locking`), and refused when the file changed on disk since it was read:
the check and the write are one step to every other writer. Ids are taken in the NFKC form the
loader reads them in, so an id typed in full-width letters or with a ligature is written as the
loader will read it. The command line's verbs, the Python builder and the browser editor all
call this layer.
"""

from __future__ import annotations

import codecs
import copy
import difflib
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from logicmodel.editing.answers import AnswerEdits
from logicmodel.editing.disk import bytes_now, locked, restore
from logicmodel.editing.errors import ChangedOnDisk, EditBug, EditError, ModelLocked
from logicmodel.editing.fields import (
    CONTRIBUTION_STAGES,
    ELEMENT_ID_FIELDS,
    ELEMENT_KEYS,
    FIELDS,
    KINDS,
    LINK_KINDS,
    MODEL,
    PARTNERSHIP,
    STAGES,
    TOP_KEYS,
    Data,
    as_normal,
    by_value,
    container_at,
    field_value,
    key_order_of,
    kind_name,
    normal_ids,
    optional_fields,
    ordered,
    placed,
    section_items,
    stage_name,
)
from logicmodel.editing.keeping import LayoutEdits
from logicmodel.editing.link_facts import (
    drop_stated,
    entry_position,
    link_entry,
    state_in_data,
    state_in_text,
)
from logicmodel.editing.measures import MeasureEdits
from logicmodel.editing.moving import element_node, insert_item, key_of, move_item, root_of
from logicmodel.editing.partners import PartnerEdits
from logicmodel.editing.patch import Patcher, lines_of
from logicmodel.editing.references import (
    add_id,
    drop_id,
    ids,
    reference_nodes,
    references,
    spelt,
)
from logicmodel.editing.roundtrip import orphaned_aliases, round_trip
from logicmodel.editing.spans import (
    Mapping,
    Sequence,
    Tree,
    Unsupported,
    apply_splices,
    parse_tree,
    resolve,
)
from logicmodel.editing.strand_parents import check_parents
from logicmodel.fileformat.confusables import normalise_id
from logicmodel.fileformat.files import is_same_file, write_bytes_atomically
from logicmodel.fileformat.loading import (
    DEFAULT_MAX_BYTES,
    detect_format,
    loads_located,
    read_model_bytes,
)
from logicmodel.fileformat.perf import without_gc_pauses
from logicmodel.fileformat.rules import did_you_mean
from logicmodel.models import LogicModel, Stage
from logicmodel.models.vocabulary import reasons

if TYPE_CHECKING:
    from typing_extensions import Self


class Draft(PartnerEdits, MeasureEdits, AnswerEdits, LayoutEdits):
    """A model file being edited (or a new model being built), kept as text and as data.

    Edits return the draft, so they chain: `draft.add(...).link(...)`. Each records a one-line
    summary in `changes`. Nothing is checked or written until `check()` or `save()`.
    """

    def __init__(
        self,
        text: str,
        data: Data,
        *,
        name: str,
        fmt: str,
        path: str | None = None,
        disk: bytes | None = None,
        bom: bool = False,
        render: Callable[[Data], str] | None = None,
    ) -> None:
        self.name = name
        self.fmt = fmt
        self.path = path
        self.bom = bom
        self.data = data
        self.changes: list[str] = []
        self._text = text
        self._original = text if render is None else ""
        self._disk = disk
        self._render = render
        self._tree: Tree | None = None
        self._ids: dict[str, tuple[str, int]] | None = None

    # ------------------------------------------------------------ reading

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Draft:
        """Return a draft of a model file; raise LoadError if the loader does not accept it."""
        name = os.fspath(path)
        raw = _read(name, max_bytes)
        draft = cls.from_text(raw, name=name)
        draft.path = name
        draft._disk = raw
        return draft

    @classmethod
    @without_gc_pauses
    def from_text(
        cls, content: str | bytes, *, name: str = "<string>", fmt: str | None = None
    ) -> Draft:
        """Return a draft of a model's text (not tied to a file until saved)."""
        model, _ = loads_located(content, name=name, fmt=fmt)
        bom = False
        if isinstance(content, bytes):
            bom = content.startswith(codecs.BOM_UTF8)
            text = content.decode("utf-8-sig")
        else:
            bom = content.startswith("\ufeff")
            text = content.lstrip("\ufeff")
        return cls(
            text,
            as_data(model),
            name=name,
            fmt=fmt or detect_format(name, text),
            bom=bom,
        )

    # ------------------------------------------------------------ state

    @property
    def text(self) -> str:
        """Return the model's text as it stands, with every edit made."""
        if self._render is not None:
            return self._render(self.data)
        return self._text

    @property
    def disk(self) -> bytes | None:
        """Return the file's bytes as they were read, or None for a draft of no file."""
        return self._disk

    @property
    def changed(self) -> bool:
        """Return whether the text differs from what was read (or is new)."""
        return self._render is not None or self._text != self._original

    @property
    def model(self) -> LogicModel:
        """Return the model as it stands, checked; raise LoadError naming each fault."""
        return self.check()

    def diff(self) -> str:
        """Return the edits as a unified diff of the text, from what was read to what stands."""
        old = lines_of(self._original)
        new = lines_of(self.text)
        shown = self.name.lstrip("/")
        lines = difflib.unified_diff(old, new, f"a/{shown}", f"b/{shown}")
        return "".join(line if line.endswith("\n") else line + "\n" for line in lines)

    @without_gc_pauses
    def check(self) -> LogicModel:
        """Return the model the text now holds, read by the ordinary loader.

        Raise LoadError, located in the edited text, when it is not a valid model; raise
        EditBug if it reads back as anything but the model the edits describe.
        """
        model, _ = loads_located(self.text, name=self.name, fmt=self.fmt)
        expected = LogicModel.model_validate(self.data)
        if model != expected:
            raise EditBug(
                f"{self.name}: the edited text does not read back as the edited model; "
                "nothing written (please report this as a bug)"
            )
        return model

    def save(self, path: str | os.PathLike[str] | None = None, *, force: bool = False) -> None:
        """Check the model and write it atomically.

        Saving to the file the draft was read from is refused (ChangedOnDisk) if the file
        changed since; saving a new draft, or to another file, is refused if that file exists,
        unless `force`. A draft with no edits is not written at all. The check and the write
        hold the model's lock: ModelLocked if another writer keeps it past the timeout.
        """
        target = os.fspath(path) if path is not None else self.path
        if target is None:
            raise EditError(f"{self.name}: no file to save to: give a path")
        self.check()
        check_parents(target, self.text)  # a strand's edit must keep its parent models valid
        payload = (codecs.BOM_UTF8 if self.bom else b"") + self.text.encode("utf-8")
        # Under the lock, no other writer comes between the check and the rename.
        with locked(target):
            same = self.path is not None and (
                target == self.path or (os.path.exists(target) and is_same_file(target, self.path))
            )
            if same and self._disk is not None:
                if bytes_now(target, len(self._disk)) != self._disk:
                    raise ChangedOnDisk(
                        f"{target}: changed on disk since it was read (another editor, a git "
                        "pull?); nothing written: run the command again on the file as it is now"
                    )
                if payload == self._disk:
                    return
            elif os.path.lexists(target) and not force:
                raise EditError(f"{target}: already exists; use --force to replace it")
            write_bytes_atomically(target, payload)
        self._text = self.text
        self._render = None
        self._tree = None
        self._original = self._text
        self._disk = payload
        self.path = target
        self.name = target

    # ------------------------------------------------------------ finding things

    def _syntax(self) -> Tree:
        if self._tree is None:
            self._tree = parse_tree(self._text, self.fmt)
        return self._tree

    def element_ids(self) -> dict[str, tuple[str, int]]:
        """Return element id -> (stage, index) as the model now stands."""
        if self._ids is None:
            self._ids = {}
            for stage in STAGES:
                for index, element in enumerate(self.data.get(stage) or []):
                    self._ids.setdefault(str(element.get("id")), (stage, index))
        return self._ids

    def partner_ids(self) -> list[str]:
        """Return the partners' ids as the model now stands."""
        return [str(partner.get("id")) for partner in self.data.get("partners") or []]

    def _find(self, ident: str) -> tuple[str, int]:
        ident = normalise_id(ident)
        found = self.element_ids().get(ident)
        if found is None:
            hint = did_you_mean(ident, self.element_ids())
            if ident in self.partner_ids():
                hint = f" ({ident!r} is a partner)"
            raise EditError(f"{self.name}: no element {ident!r}{hint}")
        return found

    def _describe(self, ident: str) -> str:
        stage, _ = self._find(ident)
        return f"{Stage(stage).singular} {ident!r}"

    # ------------------------------------------------------------ applying an edit

    @without_gc_pauses
    def _apply(
        self,
        summary: str,
        change: Callable[[Data], None],
        patch: Callable[[Patcher], None],
        *,
        removes: bool = False,
    ) -> Self:
        """Make one edit: `change` on the data (and on ruamel.yaml's data if it comes to that),
        `patch` on the text. `removes` says the edit takes comments away with what it removes."""
        if self._render is None:
            patcher = Patcher(self._syntax())
            try:
                patch(patcher)
                text = apply_splices(self._text, patcher.splices)
                orphans = orphaned_aliases(self._text, text)
                if orphans:
                    raise Unsupported(
                        f"it removes the anchor &{orphans[0]} that an alias still uses"
                    )
            except Unsupported as why:
                text = self._rewrite(change, str(why), removes=removes)
            self._text = text
            self._tree = None
        change(self.data)
        self._ids = None
        self.changes.append(summary)
        return self

    def _rewrite(self, change: Callable[[Data], None], why: str, *, removes: bool) -> str:
        """Return the text with an edit made by ruamel.yaml's round trip, or refuse."""
        refuse = (
            f"{self.name}: cannot make this change in place ({why}), and rewriting the file "
            "would change its layout elsewhere; make this change by hand"
        )
        if self.fmt == "json":
            raise EditError(refuse)
        return round_trip(self._syntax(), change, refuse, removes=removes)

    # ------------------------------------------------------------ edits: elements

    def add(
        self,
        stage: Stage | str,
        id: str,  # noqa: A002 - the file format's word
        label: str,
        *,
        by: str | Iterable[str] | None = None,
        leads_to: Iterable[str] = (),
        enhances: Iterable[str] = (),
        gain: str | None = None,
        after: str | None = None,
        **fields: Any,
    ) -> Draft:
        """Add an element to a stage, after element `after` or at the end of the stage.

        `by` is one partner id, several, or 'all'. Other keyword arguments are further fields
        of the file format (`lead`, `notes`, `source`, `collaborative`, `indicators`).
        """
        section = stage_name(stage)
        name = Stage(section).singular
        typed, id = id, normalise_id(id)  # noqa: A001 - the file format's word
        partners = normal_ids(by_value(by))
        leads_to, enhances = normal_ids(list(leads_to)), normal_ids(list(enhances))
        if section in CONTRIBUTION_STAGES:
            if partners is None:
                raise EditError(f"{self.name}: an {name} needs `by`: one partner, several, or all")
            if gain is not None:
                raise EditError(f"{self.name}: `gain` belongs on an outcome, not an {name}")
        elif partners is not None or list(enhances):
            raise EditError(
                f"{self.name}: an {name} takes its colour from what feeds it: no `by` or "
                "`enhances`; give those on the contributions that lead to it"
            )
        element: Data = {"id": id, "label": label}
        if partners is not None:
            element["by"] = partners
        for key, values in (("leads_to", list(leads_to)), ("enhances", list(enhances))):
            if values:
                element[key] = values
        if gain is not None:
            element["gain"] = gain
        element.update(
            (k, normal_ids(v) if k in ELEMENT_ID_FIELDS else v)
            for k, v in fields.items()
            if v is not None
        )
        element = ordered(element)
        self.check_partners("by", partners)  # `lead` the loader checks, with the same hint
        position = self._after(section, after)

        def change(data: Data) -> None:
            items = section_items(data, section)
            items.insert(len(items) if position is None else position + 1, copy.deepcopy(element))

        def patch(patcher: Patcher) -> None:
            insert_item(patcher, section, position, element)

        targets = list(leads_to)
        also = f" (leads to {', '.join(targets)})" if targets else ""
        return self._apply(f"added {name} {id!r}{also}{as_normal(typed, id)}", change, patch)

    def _after(self, section: str, after: str | None) -> int | None:
        """Return the index in `section` of the element `after`, checking it is there."""
        if after is None:
            return None
        after = normalise_id(after)
        if section == "partners":
            return self._partner(after)
        stage, index = self._find(after)
        if stage != section:
            raise EditError(
                f"{self.name}: {after!r} is in {stage}, not {section}: --after names an "
                f"element of {section}"
            )
        return index

    def link(self, source: str, target: str, *, enhances: bool = False, **facts: Any) -> Draft:
        """Add a link from one element to another: `leads_to`, or `enhances`.

        Keyword arguments state what the link rests on (`link_facts.LINK_FACT_NAMES`):
        `because`, `assumptions`, `external_factors`, `evidence` (a level), `stance`,
        `evidence_source`, `confidence`, `channel` and `effect` ("negative" for a link that
        works against its target). Given for a link that exists, they are set on it.
        """
        source, target = normalise_id(source), normalise_id(target)
        kind = "enhances" if enhances else "leads_to"
        stage, index = self._find(source)
        self._find(target)
        stated = {key: value for key, value in facts.items() if value is not None}
        if target in ids(self.data[stage][index].get(kind)):
            if stated:
                return self._state_link(stage, index, kind, target, stated)
            raise EditError(
                f"{self.name}: {self._describe(source)} already has {target!r} in {kind}"
            )

        def change(data: Data) -> None:
            add_id(data[stage][index], kind, target)

        def patch(patcher: Patcher) -> None:
            node = element_node(patcher, stage, index)
            patcher.list_edit(node, kind, None, [target], ELEMENT_KEYS)

        self._apply(f"linked {source!r} -> {target!r} ({kind})", change, patch)
        return self._state_link(stage, index, kind, target, stated) if stated else self

    def _state_link(
        self, stage: str, index: int, kind: str, target: str, facts: dict[str, Any]
    ) -> Draft:
        """Set what a link rests on: its entry becomes an object with the facts given."""
        element = self.data[stage][index]
        at = entry_position(ids(element.get(kind)), target)
        current = element[kind][at] if isinstance(element.get(kind), list) else element.get(kind)
        entry = link_entry(self.name, current, target, facts)

        def change(data: Data) -> None:
            state_in_data(data[stage][index], kind, target, copy.deepcopy(entry))

        def patch(patcher: Patcher) -> None:
            state_in_text(patcher, element_node(patcher, stage, index), kind, target, entry)

        said = ", ".join(sorted(facts))
        return self._apply(
            f"stated link {element.get('id')!r} -> {target!r} ({kind}): {said}", change, patch
        )

    def unlink(self, source: str, target: str, *, enhances: bool = False) -> Draft:
        """Remove a link from one element to another."""
        source, target = normalise_id(source), normalise_id(target)
        kind = "enhances" if enhances else "leads_to"
        stage, index = self._find(source)
        if target not in ids(self.data[stage][index].get(kind)):
            other = "leads_to" if enhances else "enhances"
            hint = ""
            if target in ids(self.data[stage][index].get(other)):
                hint = f" (it is in {other}: " + (
                    "leave out --enhances)" if enhances else "add --enhances)"
                )
            raise EditError(
                f"{self.name}: {self._describe(source)} has no {target!r} in {kind}{hint}"
            )

        def change(data: Data) -> None:
            drop_id(data[stage][index], kind, target)

        def patch(patcher: Patcher) -> None:
            node = element_node(patcher, stage, index)
            if not drop_stated(patcher, node, kind, target, []):
                patcher.list_edit(node, kind, spelt(node, kind, target), [], ELEMENT_KEYS)

        return self._apply(f"unlinked {source!r} -> {target!r} ({kind})", change, patch)

    def rename(self, old: str, new: str) -> Draft:
        """Give an element or a partner a new id, everywhere the id is used."""
        typed = new
        old, new = normalise_id(old), normalise_id(new)
        if old in self.element_ids():
            kind = "element"
        elif old in self.partner_ids():
            kind = "partner"
        else:
            hint = did_you_mean(old, [*self.element_ids(), *self.partner_ids()])
            raise EditError(f"{self.name}: no element or partner {old!r}{hint}")
        if old == new:
            raise EditError(f"{self.name}: {old!r} already has that id")
        taken = self.element_ids() if kind == "element" else self.partner_ids()
        if new in taken:
            raise EditError(
                f"{self.name}: {new!r} is already the id of another {kind}: choose another id"
            )
        places = sum(1 for _ in references(self.data, old, kind))
        if kind == "partner":
            self.rename_kept_lanes(old, new)  # its lane in `layout.keep_order` too

        def change(data: Data) -> None:
            for container, key, position in list(references(data, old, kind)):
                if position is None:
                    container[key] = new
                else:
                    container[key][position] = new

        def patch(patcher: Patcher) -> None:
            seen: set[int] = set()
            for node, key, _ in reference_nodes(root_of(patcher), old, kind):
                if id(node) not in seen:
                    seen.add(id(node))
                    patcher.replace(node, new, key=key)

        what = "partner" if kind == "partner" else Stage(self._find(old)[0]).singular
        plural = "" if places == 1 else "s"
        return self._apply(
            f"renamed {what} {old!r} to {new!r} ({places} place{plural}){as_normal(typed, new)}",
            change,
            patch,
        )

    def move(self, ident: str, stage: Stage | str, *, after: str | None = None) -> Draft:
        """Move an element to another stage (or another place in its own), after `after` or
        at the end."""
        ident = normalise_id(ident)
        after = None if after is None else normalise_id(after)
        source, index = self._find(ident)
        section = stage_name(stage)
        if after == ident:
            raise EditError(f"{self.name}: --after names the element being moved")
        position = self._after(section, after)
        items = self.data.get(section) or []
        if source == section and (
            (position is None and index == len(items) - 1) or position == index - 1
        ):
            raise EditError(f"{self.name}: {self._describe(ident)} is there already")

        def change(data: Data) -> None:
            element = data[source].pop(index)
            target = section_items(data, section)
            at = len(target)
            if position is not None:
                at = position + 1 - (1 if source == section and index < position else 0)
            target.insert(at, element)

        def patch(patcher: Patcher) -> None:
            move_item(patcher, source, index, section, position, ordered(self.data[source][index]))

        was = Stage(source).singular
        where = f" after {after!r}" if after else ""
        if source == section:
            return self._apply(f"moved {was} {ident!r}{where}", change, patch)
        return self._apply(
            f"moved {was} {ident!r} to {section}{where} (now an {Stage(section).singular})",
            change,
            patch,
        )

    def remove(self, ident: str, *, relink: bool = False, force: bool = False) -> Draft:
        """Remove an element. Refused while something links to it, unless `relink` joins what
        leads to it to what it leads to, or `force` drops those links."""
        ident = normalise_id(ident)
        stage, index = self._find(ident)
        element = self.data[stage][index]
        outputs = ids(element.get("leads_to"))
        incoming = [
            (source, kind)
            for source, (s_stage, s_index) in self.element_ids().items()
            for kind in LINK_KINDS
            if ident in ids(self.data[s_stage][s_index].get(kind))
        ]
        described = self._describe(ident)
        if incoming and not relink and not force:
            sources = ", ".join(f"{s!r} ({k})" for s, k in incoming)
            onward = f" ({', '.join(outputs)})" if outputs else " (it leads nowhere)"
            raise EditError(
                f"{self.name}: {described} is linked from {sources}: use --relink to join them "
                f"to what it leads to{onward}, or --force to drop those links"
            )
        plan = []
        for source, kind in incoming:
            s_stage, s_index = self.element_ids()[source]
            present = ids(self.data[s_stage][s_index].get(kind))
            new = [t for t in outputs if t not in present and t != source]
            plan.append(
                (s_stage, s_index, source, kind, new if relink and kind == "leads_to" else [])
            )

        def change(data: Data) -> None:
            for s_stage, s_index, _, kind, new in plan:
                drop_id(data[s_stage][s_index], kind, ident, replace=new)
            data[stage].pop(index)

        def patch(patcher: Patcher) -> None:
            for s_stage, s_index, _, kind, new in plan:
                node = element_node(patcher, s_stage, s_index)
                if not drop_stated(patcher, node, kind, ident, new):
                    patcher.list_edit(node, kind, spelt(node, kind, ident), new, ELEMENT_KEYS)
            root = root_of(patcher)
            section = resolve(root.get(stage))
            if not isinstance(section, Sequence):
                raise Unsupported("a stage that is not a list")
            patcher.delete_item(section, index, key_of(root, stage))

        summary = f"removed {described}"
        joined = [f"{source} -> {', '.join(new)}" for _, _, source, kind, new in plan if new]
        dropped = [f"{source} ({kind})" for _, _, source, kind, new in plan if not new]
        if joined:
            summary += f"; relinked {'; '.join(joined)}"
        if dropped:
            summary += f"; dropped the links from {', '.join(dropped)}"
        return self._apply(summary, change, patch, removes=True)

    # ------------------------------------------------------------ edits: fields

    def _target(self, ident: str) -> tuple[str, tuple[str | int, ...]]:
        """Return what an id names for `set` (a kind of FIELDS) and its data path."""
        ident = normalise_id(ident)
        if ident in self.element_ids():
            stage, index = self.element_ids()[ident]
            kind = "contribution" if stage in CONTRIBUTION_STAGES else "outcome"
            return kind, (stage, index)
        if ident in self.partner_ids():
            return "partner", ("partners", self.partner_ids().index(ident))
        if ident == PARTNERSHIP:
            return "partnership", ("partnership",)
        if ident == MODEL:
            return "model", ()
        choices = [*self.element_ids(), *self.partner_ids(), PARTNERSHIP, MODEL]
        raise EditError(
            f"{self.name}: no element or partner {ident!r}{did_you_mean(ident, choices)} "
            "(or say `partnership` or `model`)"
        )

    def set(self, ident: str, field: str, value: Any) -> Draft:
        """Set a field of an element, a partner, the partnership (`partnership`) or the model
        (`model`: title, area, notes, source). Setting `id` renames."""
        kind, path = self._target(ident)
        if field == "id" and kind in ("contribution", "outcome", "partner"):
            return self.rename(ident, str(value))
        allowed = FIELDS[kind]
        if field not in allowed:
            why = reasons("set", KINDS[kind]).get(field)
            raise EditError(
                f"{self.name}: {field!r} is not a field `set` changes on {kind_name(kind)}"
                + (f" ({why})" if why else "")
                + f"; it takes {', '.join(allowed)}"
            )
        value = field_value(self.name, kind, field, value)
        self.check_partners(field, value)
        order = key_order_of(kind)

        def change(data: Data) -> None:
            container_at(data, path)[field] = value

        def patch(patcher: Patcher) -> None:
            root = root_of(patcher)
            if kind == "partnership" and root.get(PARTNERSHIP) is None:
                patcher.set_key(
                    root, PARTNERSHIP, {field: value}, placed(TOP_KEYS, root, PARTNERSHIP)
                )
                return
            node = resolve(patcher.tree.lookup(path))
            if not isinstance(node, Mapping):
                raise Unsupported("a value that is not written as a mapping")
            patcher.set_key(node, field, value, placed(order, node, field))

        return self._apply(f"set {field} of {kind_name(kind, ident)}", change, patch)

    def unset(self, ident: str, field: str) -> Draft:
        """Remove an optional field (its comments above it stay)."""
        kind, path = self._target(ident)
        allowed = optional_fields(kind)
        if field not in allowed:
            why = reasons("set", KINDS[kind]).get(field)
            raise EditError(
                f"{self.name}: {field!r} cannot be removed from {kind_name(kind)}"
                + (f" ({why})" if why else "")
                + f"; optional fields: {', '.join(allowed)}"
            )
        if field not in container_at(self.data, path):
            raise EditError(f"{self.name}: {kind_name(kind, ident)} has no {field!r}")

        def change(data: Data) -> None:
            container_at(data, path).pop(field, None)

        def patch(patcher: Patcher) -> None:
            node = resolve(patcher.tree.lookup(path))
            if not isinstance(node, Mapping):
                raise Unsupported("a value that is not written as a mapping")
            patcher.delete_key(node, field)

        summary = f"removed {field} of {kind_name(kind, ident)}"
        return self._apply(summary, change, patch, removes=True)


def as_data(model: LogicModel) -> Data:
    """Return a model as plain data in the file format."""
    data: Data = model.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    return data


def _read(name: str, max_bytes: int) -> bytes:
    """Return a model file's bytes; on any problem, raise the loader's own LoadError."""
    return read_model_bytes(name, max_bytes)


# ---------------------------------------------------------------- the Python API


@contextmanager
def edit(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Draft]:
    """Edit a model file in a `with` block; the edits are checked and written at its end.

    Nothing is written if the block raises, if the result is not a valid model (LoadError,
    located in the edited text) or if the file changed on disk meanwhile (ChangedOnDisk). The
    block holds the model's lock, so other writers (threads too) wait for it to end; one that
    waits past the timeout raises ModelLocked, and so does this one if it cannot have the lock.

    >>> with logicmodel.edit("model.yaml") as model:  # doctest: +SKIP
    ...     model.rename("wardens", "street-wardens")
    """
    with locked(path):
        draft = Draft.open(path, max_bytes=max_bytes)
        yield draft
        if draft.changed:
            draft.save()


def save(draft: Draft, path: str | os.PathLike[str] | None = None, *, force: bool = False) -> None:
    """Check a draft and write it to `path` (or the file it came from), atomically."""
    draft.save(path, force=force)


# CONTRIBUTION_STAGES, STAGES and Data are logicmodel.editing.fields', and bytes_now, locked
# and restore logicmodel.editing.disk's, named here too for the modules that import them from
# the layer.
__all__ = [
    "CONTRIBUTION_STAGES",
    "STAGES",
    "ChangedOnDisk",
    "Data",
    "Draft",
    "EditBug",
    "EditError",
    "ModelLocked",
    "as_normal",
    "bytes_now",
    "edit",
    "locked",
    "restore",
    "save",
]
