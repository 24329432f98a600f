"""The editing layer: change a model file without losing a word of it.

A `Draft` holds a model file's text and, beside it, the model as plain data. Each edit changes
both: the data the simple way (the meaning of the edit), the text by splicing only the
characters the edit is about (`logicmodel.editing.patch`), so comments, blank lines, key order,
quoting, flow and block styles, literal and folded text, anchors, line endings and a byte-order
mark all
stay as they were. A layout the splicer does not change in place is rewritten with ruamel.yaml's
round-trip parser instead, and only when that rewrite reproduces the rest of the file exactly.

Before anything is written the new text goes through the ordinary loader: a model that would be
invalid is refused with the loader's own located messages, and the model read back must equal
the data edited the simple way. Writes are atomic and refused when the file changed on disk
since it was read. The command line's verbs, the Python builder and the browser editor all call
this layer.
"""

from __future__ import annotations

import codecs
import copy
import difflib
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from logicmodel.editing.patch import Patcher, lines_of, reindent
from logicmodel.editing.spans import (
    Mapping,
    Node,
    Scalar,
    Sequence,
    Tree,
    Unsupported,
    apply_splices,
    parse_tree,
    resolve,
    scalar_text,
)
from logicmodel.fileformat.files import is_same_file, write_bytes_atomically
from logicmodel.fileformat.loading import (
    DEFAULT_MAX_BYTES,
    ELEMENT_KEY_ORDER,
    SECTIONS,
    detect_format,
    loads_located,
    read_model_bytes,
)
from logicmodel.fileformat.perf import without_gc_pauses
from logicmodel.fileformat.rules import did_you_mean
from logicmodel.models import ALL_PARTNERS, LogicModel, Stage

Data = dict[str, Any]

STAGES = tuple(stage.value for stage in Stage)
CONTRIBUTION_STAGES = STAGES[:3]
TOP_KEYS = ("$schema", *SECTIONS)
PARTNER_KEYS = ("id", "name", "short", "notes")
PARTNERSHIP_KEYS = ("name", "type", "focus", "vision", "lead", "costs", "notes")
LINK_KINDS = ("leads_to", "enhances")

# The fields `set` changes, by what they belong to; the required ones cannot be unset.
FIELDS = {
    "contribution": ("label", "by", "collaborative", "lead", "notes", "source", "category"),
    "outcome": ("label", "gain", "lead", "notes", "source", "category"),
    "partner": ("name", "short", "notes"),
    "partnership": ("name", "type", "focus", "vision", "lead", "notes"),
    "model": ("title", "area", "notes", "source"),
}
REQUIRED = frozenset({"label", "by", "name@partner", "title"})
# `set ID FIELD VALUE` takes these words for ID when no element or partner has that id.
PARTNERSHIP, MODEL = "partnership", "model"


class EditError(Exception):
    """An edit that cannot be done as asked; the message says why and what to do instead."""


class ChangedOnDisk(EditError):
    """The file changed on disk after it was read, so writing would lose someone's changes."""


class EditBug(RuntimeError):
    """The edited text does not read back as the edited model: a bug in logicmodel."""


class Draft:
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
            _as_data(model),
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
        unless `force`. A draft with no edits is not written at all.
        """
        target = os.fspath(path) if path is not None else self.path
        if target is None:
            raise EditError(f"{self.name}: no file to save to: give a path")
        self.check()
        payload = (codecs.BOM_UTF8 if self.bom else b"") + self.text.encode("utf-8")
        same = self.path is not None and (
            target == self.path or (os.path.exists(target) and is_same_file(target, self.path))
        )
        if same and self._disk is not None:
            try:
                with open(target, "rb") as handle:
                    current: bytes | None = handle.read()
            except FileNotFoundError:
                current = None
            if current != self._disk:
                raise ChangedOnDisk(
                    f"{target}: changed on disk since it was read (another editor, a git pull?); "
                    "nothing written: run the command again on the file as it is now"
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

    def _partner(self, ident: str) -> int:
        partners = self.partner_ids()
        if ident not in partners:
            hint = did_you_mean(ident, partners) or f" (partners: {', '.join(partners)})"
            raise EditError(f"{self.name}: no partner {ident!r}{hint}")
        return partners.index(ident)

    # ------------------------------------------------------------ applying an edit

    @without_gc_pauses
    def _apply(
        self,
        summary: str,
        change: Callable[[Data], None],
        patch: Callable[[Patcher], None],
        *,
        removes: bool = False,
    ) -> Draft:
        """Make one edit: `change` on the data (and on ruamel.yaml's data if it comes to that),
        `patch` on the text. `removes` says the edit takes comments away with what it removes."""
        if self._render is None:
            patcher = Patcher(self._syntax())
            try:
                patch(patcher)
                text = apply_splices(self._text, patcher.splices)
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
        import io

        from ruamel.yaml import YAML

        text = self._text
        crlf = "\r\n" in text
        plain = text.replace("\r\n", "\n")
        if crlf and "\n" in text.replace("\r\n", ""):
            raise EditError(refuse)  # mixed line endings
        yaml = YAML(typ="rt")
        yaml.preserve_quotes = True
        yaml.width = 1 << 16
        mapping, dash, key = Patcher(self._syntax()).layout()
        yaml.indent(mapping=mapping, sequence=dash + key, offset=dash)

        def dump(value: Any) -> str:
            out = io.StringIO()
            yaml.dump(value, out)
            return out.getvalue()

        try:
            data = yaml.load(plain)
            if dump(data) != plain:
                raise EditError(refuse)
            change(data)
            result = dump(data)
        except EditError:
            raise
        except Exception as error:  # noqa: BLE001 - ruamel.yaml's many error types
            raise EditError(f"{refuse} ({error})") from None
        if not removes:
            before = [c for _, c in self._syntax().comments()]
            after = iter(c for _, c in parse_tree(result, "yaml").comments())
            if not all(any(c == a for a in after) for c in before):
                raise EditError(refuse.replace("change its layout", "lose a comment"))
        return result.replace("\n", "\r\n") if crlf else result

    def _element_node(self, patcher: Patcher, stage: str, index: int) -> Mapping:
        node = resolve(patcher.tree.lookup((stage, index)))
        if not isinstance(node, Mapping):
            raise Unsupported("an element that is not written as a mapping")
        return node

    def _root(self, patcher: Patcher) -> Mapping:
        root = resolve(patcher.tree.root)
        if not isinstance(root, Mapping):
            raise Unsupported("a model that is not a mapping")
        return root

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
        section = _stage(stage)
        name = Stage(section).singular
        partners = _by_value(by)
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
        element.update((k, v) for k, v in fields.items() if v is not None)
        ordered = {k: element[k] for k in ELEMENT_KEY_ORDER if k in element}
        element = {**ordered, **element}
        position = self._after(section, after)

        def change(data: Data) -> None:
            items = _section(data, section)
            items.insert(len(items) if position is None else position + 1, copy.deepcopy(element))

        def patch(patcher: Patcher) -> None:
            self._insert(patcher, section, position, element)

        targets = list(leads_to)
        also = f" (leads to {', '.join(targets)})" if targets else ""
        return self._apply(f"added {name} {id!r}{also}", change, patch)

    def _after(self, section: str, after: str | None) -> int | None:
        """Return the index in `section` of the element `after`, checking it is there."""
        if after is None:
            return None
        if section == "partners":
            return self._partner(after)
        stage, index = self._find(after)
        if stage != section:
            raise EditError(
                f"{self.name}: {after!r} is in {stage}, not {section}: --after names an "
                f"element of {section}"
            )
        return index

    def _insert(self, patcher: Patcher, section: str, after: int | None, item: Data) -> None:
        """Splice a new list item (an element or a partner) into a section."""
        root = self._root(patcher)
        node = root.get(section)
        order = TOP_KEYS
        if node is None:
            patcher.set_key(root, section, [item], order)
            return
        node = resolve(node)
        if isinstance(node, Sequence) and node.items:
            if patcher.json:
                text = patcher.json_item(item, node)
            else:
                sibling = resolve(node.items[len(node.items) - 1 if after is None else after])
                block = not node.flow and not (isinstance(sibling, Mapping) and sibling.flow)
                at = len(node.items) - 1 if after is None else after
                dash = 0 if node.flow else patcher.tree.column(patcher.dash(node, at))
                text = patcher.item_text(item, dash, block=block)
            patcher.append_item(node, text, after)
            return
        self._fill(patcher, root, section, [item], None)

    def _fill(
        self,
        patcher: Patcher,
        root: Mapping,
        section: str,
        items: list[Data],
        raw: str | None,
    ) -> None:
        """Put the first items in a section that is empty (`inputs:` or `inputs: []`)."""
        position = root.index(section)
        assert position is not None
        key, node = root.keys[position], root.values[position]
        if patcher.json or root.flow:
            if raw is not None:
                raise Unsupported("moving into an empty section of a one-line model")
            patcher.replace(node, items, key=key)
            return
        colon = patcher.colon(key)
        patcher.guard(colon + 1, node.end)
        patcher.splice(colon + 1, node.end, "")
        if raw is None:
            lines = patcher.block_value(items, patcher.tree.column(key.outer))
            patcher.insert_lines(patcher.tree.next_line(colon), lines.lstrip("\r\n"))
        else:
            patcher.splice(patcher.tree.next_line(colon), patcher.tree.next_line(colon), raw)

    def link(self, source: str, target: str, *, enhances: bool = False) -> Draft:
        """Add a link from one element to another: `leads_to`, or `enhances`."""
        kind = "enhances" if enhances else "leads_to"
        stage, index = self._find(source)
        self._find(target)
        if target in _ids(self.data[stage][index].get(kind)):
            raise EditError(
                f"{self.name}: {self._describe(source)} already has {target!r} in {kind}"
            )

        def change(data: Data) -> None:
            _add_id(data[stage][index], kind, target)

        def patch(patcher: Patcher) -> None:
            node = self._element_node(patcher, stage, index)
            patcher.list_edit(node, kind, None, [target], ELEMENT_KEY_ORDER)

        return self._apply(f"linked {source!r} -> {target!r} ({kind})", change, patch)

    def unlink(self, source: str, target: str, *, enhances: bool = False) -> Draft:
        """Remove a link from one element to another."""
        kind = "enhances" if enhances else "leads_to"
        stage, index = self._find(source)
        if target not in _ids(self.data[stage][index].get(kind)):
            raise EditError(f"{self.name}: {self._describe(source)} has no {target!r} in {kind}")

        def change(data: Data) -> None:
            _drop_id(data[stage][index], kind, target)

        def patch(patcher: Patcher) -> None:
            node = self._element_node(patcher, stage, index)
            patcher.list_edit(node, kind, target, [], ELEMENT_KEY_ORDER)

        return self._apply(f"unlinked {source!r} -> {target!r} ({kind})", change, patch)

    def rename(self, old: str, new: str) -> Draft:
        """Give an element or a partner a new id, everywhere the id is used."""
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
        places = sum(1 for _ in _references(self.data, old, kind))

        def change(data: Data) -> None:
            for container, key, position in list(_references(data, old, kind)):
                if position is None:
                    container[key] = new
                else:
                    container[key][position] = new

        def patch(patcher: Patcher) -> None:
            seen: set[int] = set()
            for node, key, _ in _reference_nodes(self._root(patcher), old, kind):
                if id(node) not in seen:
                    seen.add(id(node))
                    patcher.replace(node, new, key=key)

        what = "partner" if kind == "partner" else Stage(self._find(old)[0]).singular
        plural = "" if places == 1 else "s"
        return self._apply(
            f"renamed {what} {old!r} to {new!r} ({places} place{plural})", change, patch
        )

    def move(self, ident: str, stage: Stage | str, *, after: str | None = None) -> Draft:
        """Move an element to another stage (or another place in its own), after `after` or
        at the end."""
        source, index = self._find(ident)
        section = _stage(stage)
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
            target = _section(data, section)
            at = len(target)
            if position is not None:
                at = position + 1 - (1 if source == section and index < position else 0)
            target.insert(at, element)

        def patch(patcher: Patcher) -> None:
            self._move(patcher, source, index, section, position)

        was = Stage(source).singular
        where = f" after {after!r}" if after else ""
        if source == section:
            return self._apply(f"moved {was} {ident!r}{where}", change, patch)
        return self._apply(
            f"moved {was} {ident!r} to {section}{where} (now an {Stage(section).singular})",
            change,
            patch,
        )

    def _move(
        self, patcher: Patcher, source: str, index: int, section: str, after: int | None
    ) -> None:
        root = self._root(patcher)
        tree = patcher.tree
        from_node = resolve(root.get(source))
        if not isinstance(from_node, Sequence):
            raise Unsupported("a stage that is not a list")
        node = from_node.items[index]
        to_node = resolve(root.get(section))
        anchor = 0
        if not isinstance(to_node, Sequence):
            to_node = None
        elif to_node.items:
            anchor = len(to_node.items) - 1 if after is None else after
            if to_node is from_node and anchor == index:
                anchor -= 1
        filled = to_node is not None and bool(to_node.items)
        flat = tree.text[node.outer : node.end]
        # The element's own lines, comments with it, as a block list item whose '-' is at
        # `column`; None where it has no lines of its own (JSON, or spread over lines in [...]).
        block: str | None = None
        column = 0
        commented = False
        if patcher.json:
            pass
        elif not from_node.flow:
            own, first_line, end = patcher.extent(from_node, index)
            block = tree.text[own:end]
            if not block.endswith("\n"):
                block += patcher.nl
            column = tree.column(patcher.dash(from_node, index))
            commented = own != first_line or bool(tree.comments_between(own, end))
        elif "\n" not in flat:
            lines = patcher._flow_lines(node, node, from_node.start)
            above, trailing = "", ""
            if lines is not None:
                above = tree.text[lines[0] : tree.line_start(node.outer)]
                rest = tree.line_of(node.end)[tree.column(node.end) :]
                trailing = "  " + rest[rest.index("#") :] if "#" in rest else ""
            column = tree.column(node.outer)
            block = above + " " * column + "- " + flat + trailing + patcher.nl
            commented = bool(above or trailing)
        if filled and to_node is not None and to_node.flow:
            if commented:
                raise Unsupported("moving an element with comments into a [...] list")
            if "\n" in flat:
                delta = tree.column(to_node.items[0].outer) - tree.column(node.outer)
                head, _, rest_lines = flat.partition("\n")
                flat = head + "\n" + reindent(rest_lines, delta)
            patcher.delete_item(from_node, index, _key(root, source))
            patcher.append_item(to_node, flat, anchor)
            return
        if block is None:
            if not patcher.json:
                raise Unsupported("moving an element written over several lines in [...]")
            element = _ordered(self.data[source][index])
            patcher.delete_item(from_node, index, _key(root, source))
            if root.get(section) is None:
                patcher.set_key(root, section, [element], TOP_KEYS)
            else:
                self._fill(patcher, root, section, [element], None)
            return
        if filled and to_node is not None:
            dash = patcher.dash(to_node, anchor)
            _, _, at = patcher.extent(to_node, anchor)
            patcher.delete_item(from_node, index, _key(root, source))
            blank = patcher.nl if patcher.items_spaced(to_node) else ""
            moved = reindent(block, tree.column(dash) - column)
            if at == len(tree.text) and not tree.text.endswith("\n"):
                patcher.splice(at, at, patcher.nl + blank + moved.rstrip("\r\n"))
            else:
                patcher.splice(at, at, blank + moved)
            return
        if root.flow:
            raise Unsupported("a model written on one line")
        _, dash_indent, _ = patcher.layout()
        base = tree.column(root.keys[0].outer)
        moved = reindent(block, base + dash_indent - column)
        patcher.delete_item(from_node, index, _key(root, source))
        if root.get(section) is None:
            self._new_section(patcher, root, section, moved)
        else:
            self._fill(patcher, root, section, [], moved)

    def _new_section(self, patcher: Patcher, root: Mapping, section: str, lines: str) -> None:
        """Add a section key with raw item lines under it, where the format's order puts it."""
        after = patcher._key_after(root, section, TOP_KEYS)
        if after is None:
            raise Unsupported("an empty model")
        end = root.values[after].end
        if not patcher.tree.rest_is_blank(end):
            raise Unsupported("a value followed by more on its line")
        column = patcher.tree.column(root.keys[0].outer)
        blank = patcher.nl if patcher.blank_before(root, after + 1) else ""
        blank = blank or (patcher.nl if patcher.blank_before(root, after) else "")
        head = " " * column + section + ":" + patcher.nl
        at = patcher.tree.next_line(end)
        if at == len(patcher.text) and not patcher.text.endswith("\n"):
            patcher.splice(at, at, patcher.nl + blank + head + lines.rstrip("\r\n"))
        else:
            patcher.splice(at, at, blank + head + lines)

    def remove(self, ident: str, *, relink: bool = False, force: bool = False) -> Draft:
        """Remove an element. Refused while something links to it, unless `relink` joins what
        leads to it to what it leads to, or `force` drops those links."""
        stage, index = self._find(ident)
        element = self.data[stage][index]
        outputs = _ids(element.get("leads_to"))
        incoming = [
            (source, kind)
            for source, (s_stage, s_index) in self.element_ids().items()
            for kind in LINK_KINDS
            if ident in _ids(self.data[s_stage][s_index].get(kind))
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
            present = _ids(self.data[s_stage][s_index].get(kind))
            new = [t for t in outputs if t not in present and t != source]
            plan.append(
                (s_stage, s_index, source, kind, new if relink and kind == "leads_to" else [])
            )

        def change(data: Data) -> None:
            for s_stage, s_index, _, kind, new in plan:
                _drop_id(data[s_stage][s_index], kind, ident, replace=new)
            data[stage].pop(index)

        def patch(patcher: Patcher) -> None:
            for s_stage, s_index, _, kind, new in plan:
                node = self._element_node(patcher, s_stage, s_index)
                patcher.list_edit(node, kind, ident, new, ELEMENT_KEY_ORDER)
            root = self._root(patcher)
            section = resolve(root.get(stage))
            if not isinstance(section, Sequence):
                raise Unsupported("a stage that is not a list")
            patcher.delete_item(section, index, _key(root, stage))

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
            raise EditError(
                f"{self.name}: {field!r} is not a field `set` changes on {_kind_name(kind)}; "
                f"it takes {', '.join(allowed)}"
                + (
                    "; `leads_to` and `enhances` change with link and unlink"
                    if kind != "model"
                    else ""
                )
            )
        value = _field_value(self.name, field, value)
        order = _order(kind)

        def change(data: Data) -> None:
            container = _container(data, path)
            container[field] = value

        def patch(patcher: Patcher) -> None:
            root = self._root(patcher)
            if kind == "partnership" and root.get(PARTNERSHIP) is None:
                patcher.set_key(root, PARTNERSHIP, {field: value}, TOP_KEYS)
                return
            node = resolve(patcher.tree.lookup(path))
            if not isinstance(node, Mapping):
                raise Unsupported("a value that is not written as a mapping")
            patcher.set_key(node, field, value, order)

        return self._apply(f"set {field} of {_kind_name(kind, ident)}", change, patch)

    def unset(self, ident: str, field: str) -> Draft:
        """Remove an optional field (its comments above it stay)."""
        kind, path = self._target(ident)
        allowed = [f for f in FIELDS[kind] if f not in REQUIRED and f"{f}@{kind}" not in REQUIRED]
        if field not in allowed:
            raise EditError(
                f"{self.name}: {field!r} cannot be removed from {_kind_name(kind)}; "
                f"optional fields: {', '.join(allowed)}"
            )
        if field not in _container(self.data, path):
            raise EditError(f"{self.name}: {_kind_name(kind, ident)} has no {field!r}")

        def change(data: Data) -> None:
            _container(data, path).pop(field, None)

        def patch(patcher: Patcher) -> None:
            node = resolve(patcher.tree.lookup(path))
            if not isinstance(node, Mapping):
                raise Unsupported("a value that is not written as a mapping")
            patcher.delete_key(node, field)

        summary = f"removed {field} of {_kind_name(kind, ident)}"
        return self._apply(summary, change, patch, removes=True)

    # ------------------------------------------------------------ edits: partners

    def add_partner(
        self,
        id: str,  # noqa: A002 - the file format's word
        name: str,
        *,
        short: str | None = None,
        notes: str | None = None,
        after: str | None = None,
    ) -> Draft:
        """Add a partner, after partner `after` or at the end."""
        partner: Data = {"id": id, "name": name}
        if short is not None:
            partner["short"] = short
        if notes is not None:
            partner["notes"] = notes
        position = self._after("partners", after)

        def change(data: Data) -> None:
            items = _section(data, "partners")
            items.insert(len(items) if position is None else position + 1, dict(partner))

        def patch(patcher: Patcher) -> None:
            self._insert(patcher, "partners", position, partner)

        return self._apply(f"added partner {id!r} ({name})", change, patch)

    def rename_partner(self, old: str, new: str) -> Draft:
        """Give a partner a new id everywhere it is used."""
        self._partner(old)
        return self.rename(old, new)

    def remove_partner(self, ident: str, *, force: bool = False) -> Draft:
        """Remove a partner. Refused while the model names it, unless `force` drops it from
        every `by`, `lead` and cost; a contribution it makes alone must go first."""
        index = self._partner(ident)
        uses = list(_references(self.data, ident, "partner"))
        named = [u for u in uses if not (u[1] == "id" and u[0] is self.data["partners"][index])]
        alone = [
            element["id"]
            for stage in CONTRIBUTION_STAGES
            for element in self.data.get(stage) or []
            if _ids(element.get("by")) == [ident]
        ]
        if alone:
            raise EditError(
                f"{self.name}: partner {ident!r} alone makes {', '.join(map(repr, alone))}: "
                "remove those, or give them other partners (`logicmodel set FILE ID by PARTNER`), "
                "first"
            )
        places = [_place(self.data, container, key) for container, key, _ in named]
        if named and not force:
            raise EditError(
                f"{self.name}: partner {ident!r} is named in {', '.join(places)}: use --force "
                "to drop it from each"
            )

        def change(data: Data) -> None:
            for container, key, position in list(_references(data, ident, "partner")):
                if key == "id":
                    continue
                if position is None:
                    container.pop(key)
                else:
                    container[key].pop(position)
            data["partners"].pop(index)

        def patch(patcher: Patcher) -> None:
            root = self._root(patcher)
            for _, key, owner in list(_reference_nodes(root, ident, "partner")):
                if key.value == "id":
                    continue
                value = resolve(owner.get(key.value))
                if isinstance(value, Sequence):
                    patcher.list_edit(owner, key.value, ident, [], ELEMENT_KEY_ORDER)
                else:
                    patcher.delete_key(owner, key.value)
            partners = resolve(root.get("partners"))
            if not isinstance(partners, Sequence):
                raise Unsupported("partners that are not a list")
            patcher.delete_item(partners, index)

        summary = f"removed partner {ident!r}"
        if named:
            summary += f"; dropped it from {', '.join(places)}"
        return self._apply(summary, change, patch, removes=True)


# ---------------------------------------------------------------- the data side of edits


def _as_data(model: LogicModel) -> Data:
    """Return a model as plain data in the file format."""
    data: Data = model.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    return data


def _key(mapping: Mapping, key: str) -> Scalar | None:
    """Return the key scalar of a mapping's entry, or None."""
    at = mapping.index(key)
    return None if at is None else mapping.keys[at]


def _ordered(element: Data) -> Data:
    """Return an element's keys in the order people write them."""
    ordered = {k: element[k] for k in ELEMENT_KEY_ORDER if k in element}
    return {**ordered, **element}


def _stage(stage: Stage | str) -> str:
    try:
        return Stage(stage).value
    except ValueError:
        raise EditError(f"unknown stage {stage!r}: choose from {', '.join(STAGES)}") from None


def _by_value(by: str | Iterable[str] | None) -> str | list[str] | None:
    """Return `by` as the file writes it: one id, a list, or 'all'."""
    if by is None:
        return None
    if isinstance(by, str):
        parts = [p.strip() for p in by.split(",") if p.strip()]
    else:
        parts = [str(p) for p in by]
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    return parts


def _field_value(name: str, field: str, value: Any) -> Any:
    """Return a `set` value as the field holds it."""
    if field == "collaborative":
        if isinstance(value, bool):
            return value
        word = str(value).strip().lower()
        if word not in ("true", "false"):
            raise EditError(f"{name}: collaborative is true or false, not {value!r}")
        return word == "true"
    if field == "by":
        result = _by_value(value)
        if result is None:
            raise EditError(f"{name}: `by` needs a partner id, several (a,b) or all")
        return result
    return str(value)


def _ids(value: Any) -> list[str]:
    """Return a `by`, `leads_to` or `enhances` value as a list of ids."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value]
    return [str(value)]


def _add_id(container: Any, key: str, ident: str) -> None:
    current = container.get(key)
    if isinstance(current, list):
        current.append(ident)
    else:
        container[key] = [*_ids(current), ident]


def _drop_id(container: Any, key: str, ident: str, *, replace: Iterable[str] = ()) -> None:
    current = container.get(key)
    new = list(replace)
    if isinstance(current, list):
        at = [str(i) for i in current].index(ident)
        current[at : at + 1] = new
    else:
        container[key] = new


def _section(data: Any, section: str) -> Any:
    """Return the list of a section, making it (in the format's order) when missing or empty."""
    items = data.get(section)
    if isinstance(items, list):
        return items
    items = []
    if section in data or not hasattr(data, "insert"):
        data[section] = items
    else:  # ruamel.yaml's mapping: put the section where the format's order puts it
        keys = list(data)
        rank = {k: n for n, k in enumerate(TOP_KEYS)}
        at = sum(1 for k in keys if rank.get(k, len(TOP_KEYS)) <= rank[section])
        data.insert(at, section, items)
    return data[section]


def _container(data: Data, path: tuple[str | int, ...]) -> Any:
    """Return the mapping at a data path, making `partnership` when it is missing."""
    node: Any = data
    for part in path:
        if part == PARTNERSHIP and not isinstance(node.get(part), dict):
            node[part] = {}
        node = node[part]
    return node


def _order(kind: str) -> tuple[str, ...]:
    return {
        "partner": PARTNER_KEYS,
        "partnership": PARTNERSHIP_KEYS,
        "model": TOP_KEYS,
    }.get(kind, ELEMENT_KEY_ORDER)


def _kind_name(kind: str, ident: str | None = None) -> str:
    if kind == "model":
        return "the model"
    if kind == "partnership":
        return "the partnership"
    word = {"contribution": "element", "outcome": "element", "partner": "partner"}[kind]
    return f"{word} {ident!r}" if ident else f"an {word}" if word == "element" else f"a {word}"


def _references(data: Any, ident: str, kind: str) -> Iterator[tuple[Any, str, int | None]]:
    """Yield (container, key, list position or None) for each place an id is used."""

    def ids_at(container: Any, key: str) -> Iterator[tuple[Any, str, int | None]]:
        value = container.get(key) if hasattr(container, "get") else None
        if isinstance(value, list):
            for position, item in enumerate(value):
                if str(item) == ident:
                    yield container, key, position
        elif value is not None and str(value) == ident:
            yield container, key, None

    if kind == "partner":
        for partner in data.get("partners") or []:
            yield from ids_at(partner, "id")
        partnership = data.get(PARTNERSHIP)
        if isinstance(partnership, dict):
            yield from ids_at(partnership, "lead")
            for cost in [*(partnership.get("costs") or []), *(partnership.get("benefits") or [])]:
                yield from ids_at(cost, "by")
        for stage in STAGES:
            for element in data.get(stage) or []:
                if element.get("by") != ALL_PARTNERS:
                    yield from ids_at(element, "by")
                yield from ids_at(element, "lead")
        return
    for stage in STAGES:
        for element in data.get(stage) or []:
            yield from ids_at(element, "id")
            for link in LINK_KINDS:
                yield from ids_at(element, link)
    partnership = data.get(PARTNERSHIP)
    if isinstance(partnership, dict):
        for benefit in partnership.get("benefits") or []:
            yield from ids_at(benefit, "outcome")


def _reference_nodes(
    root: Mapping, ident: str, kind: str
) -> Iterator[tuple[Node, Scalar, Mapping]]:
    """Yield (node, the key whose value holds it, the mapping of that key) for each use of an
    id in the text."""

    def ids_at(owner: Node | None, key: str) -> Iterator[tuple[Node, Scalar, Mapping]]:
        owner = resolve(owner)
        if not isinstance(owner, Mapping):
            return
        at = owner.index(key)
        if at is None:
            return
        value, name = owner.values[at], owner.keys[at]
        target = resolve(value)
        if isinstance(target, Sequence):
            for item in target.items:
                if scalar_text(item) == ident:
                    yield item, name, owner
        elif scalar_text(value) == ident:
            yield value, name, owner

    def items(section: str) -> list[Node]:
        node = resolve(root.get(section))
        return node.items if isinstance(node, Sequence) else []

    if kind == "partner":
        for partner in items("partners"):
            yield from ids_at(partner, "id")
        partnership = resolve(root.get(PARTNERSHIP))
        if isinstance(partnership, Mapping):
            yield from ids_at(partnership, "lead")
            for section in ("costs", "benefits"):
                costs = resolve(partnership.get(section))
                for cost in costs.items if isinstance(costs, Sequence) else []:
                    yield from ids_at(cost, "by")
        for stage in STAGES:
            for element in items(stage):
                yield from ids_at(element, "by")
                yield from ids_at(element, "lead")
        return
    for stage in STAGES:
        for element in items(stage):
            yield from ids_at(element, "id")
            for link in LINK_KINDS:
                yield from ids_at(element, link)
    partnership = resolve(root.get(PARTNERSHIP))
    if isinstance(partnership, Mapping):
        benefits = resolve(partnership.get("benefits"))
        for benefit in benefits.items if isinstance(benefits, Sequence) else []:
            yield from ids_at(benefit, "outcome")


def _place(data: Data, container: Any, key: str) -> str:
    """Return how a message names the place a partner is named."""
    if container is data.get(PARTNERSHIP):
        return "the partnership's lead"
    for stage in STAGES:
        for element in data.get(stage) or []:
            if element is container:
                return f"{element.get('id')!r} ({key})"
    return f"a cost ({key})"


def restore(path: str | os.PathLike[str], expected: bytes, content: bytes) -> None:
    """Write earlier content back over a file (an undo), if the loader accepts it and the
    file still holds `expected`; raise LoadError or ChangedOnDisk otherwise."""
    name = os.fspath(path)
    loads_located(content, name=name)
    with open(name, "rb") as handle:
        if handle.read() != expected:
            raise ChangedOnDisk(
                f"{name}: changed on disk since the edit (another editor?); nothing written"
            )
    write_bytes_atomically(name, content)


def _read(name: str, max_bytes: int) -> bytes:
    """Return a model file's bytes; on any problem, raise the loader's own LoadError."""
    return read_model_bytes(name, max_bytes)


# ---------------------------------------------------------------- the Python API


@contextmanager
def edit(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Draft]:
    """Edit a model file in a `with` block; the edits are checked and written at its end.

    Nothing is written if the block raises, if the result is not a valid model (LoadError,
    located in the edited text) or if the file changed on disk meanwhile (ChangedOnDisk).

    >>> with logicmodel.edit("model.yaml") as model:  # doctest: +SKIP
    ...     model.rename("wardens", "street-wardens")
    """
    draft = Draft.open(path, max_bytes=max_bytes)
    yield draft
    if draft.changed:
        draft.save()


def save(draft: Draft, path: str | os.PathLike[str] | None = None, *, force: bool = False) -> None:
    """Check a draft and write it to `path` (or the file it came from), atomically."""
    draft.save(path, force=force)


__all__ = [
    "ChangedOnDisk",
    "Draft",
    "EditBug",
    "EditError",
    "edit",
    "save",
]
