"""Edits the browser editor asks for: checked requests applied through the editing layer.

A request names one edit and the version of the file the page was drawn from. The edit is
refused if the file has changed since (someone else's edit, a text editor), so no one's
change is ever overwritten; otherwise it goes through `Draft` like the command line's verbs:
re-validated, comments kept, written atomically, under the model's lock from reading to
writing, so two servers (or a server and a command) on one file never both write. Undo and
redo write back the exact bytes of before and after, and are refused in the same way when the
file has moved on.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from logicmodel.editing.fields import KINDS
from logicmodel.editing.layer import ChangedOnDisk, Draft, EditError, ModelLocked, locked, restore
from logicmodel.editing.reorder import reorder
from logicmodel.fileformat.files import read_regular_file
from logicmodel.fileformat.loading import LoadError
from logicmodel.models import Benefit, Contribution, Cost, Indicator, Outcome, Partner
from logicmodel.models.vocabulary import (
    ADD_FORM,
    ADD_PARTNER_FORM,
    Value,
    entry_fields,
    fields_of,
    in_form,
    required,
)

# Each edit and the arguments it takes, by type; the draft method does the rest. The fields
# `add` and `add_partner` take are those the editor's forms show (the models' vocabulary).
Text, Texts, Flag = str, list, bool
# A value `set` takes from the page: text, a number (a year), true/false or a list of ids.
SET_VALUE = (str, bool, int, float, list)
# Fields written as one word or line of text: `set` takes text (or a number) for them, never a
# list or true/false, which would be written as Python's spelling of them ("['a']", "True").
TEXT_VALUES = frozenset({Value.TEXT, Value.ID, Value.NEW_ID, Value.CHOICE})


def _text_fields() -> frozenset[str]:
    """Return the fields `set` names that are text on everything that has them."""
    written: dict[str, set[Value]] = {}
    for cls in KINDS.values():
        for name, (_, meta) in fields_of(cls).items():
            written.setdefault(name, set()).add(meta.value)
    return frozenset(name for name, values in written.items() if values <= TEXT_VALUES)


TEXT_FIELDS = _text_fields()


def _argument_type(value: Value) -> type:
    """Return the type a page sends for a field written as `value`."""
    if value is Value.FLAG:
        return Flag
    if value in (Value.IDS, Value.PARTNERS):
        return Texts
    return Text


def _form_arguments(form: str, *classes: type[BaseModel]) -> dict[str, type]:
    """Return the fields a form of the editor sends, with the type of each."""
    found = fields_of(*classes)
    return {name: _argument_type(found[name][1].value) for name in in_form(form, *classes)}


def _form_required(form: str, *classes: type[BaseModel]) -> tuple[str, ...]:
    """Return the fields of a form that every one of the classes needs."""
    needed = set.intersection(*(set(required(cls)) for cls in classes))
    return tuple(name for name in in_form(form, *classes) if name in needed)


OPS: dict[str, dict[str, type]] = {
    "add": {
        "stage": Text,
        **_form_arguments(ADD_FORM, Contribution, Outcome),
        "after": Text,
    },
    "link": {"source": Text, "target": Text, "enhances": Flag},
    "unlink": {"source": Text, "target": Text, "enhances": Flag},
    "rename": {"old": Text, "new": Text},
    "move": {"ident": Text, "stage": Text, "after": Text},
    "reorder": {"order": Texts},  # one cell's boxes in a person's order (the editor's drag)
    "remove": {"ident": Text, "relink": Flag},
    "set": {"ident": Text, "field": Text, "value": object},
    "unset": {"ident": Text, "field": Text},
    "add_partner": _form_arguments(ADD_PARTNER_FORM, Partner),
    "rename_partner": {"old": Text, "new": Text},
    "remove_partner": {"ident": Text},
}
REQUIRED = {
    "add": ("stage", *_form_required(ADD_FORM, Contribution, Outcome)),
    "link": ("source", "target"),
    "unlink": ("source", "target"),
    "rename": ("old", "new"),
    "move": ("ident", "stage"),
    "reorder": ("order",),
    "remove": ("ident",),
    "set": ("ident", "field", "value"),
    "unset": ("ident", "field"),
    "add_partner": _form_required(ADD_PARTNER_FORM, Partner),
    "rename_partner": ("old", "new"),
    "remove_partner": ("ident",),
}
CONFLICT = "the file changed since this page was drawn: nothing written; the page now shows it"


def _entry_arguments(cls: type[BaseModel], skip: tuple[str, ...] = ()) -> dict[str, type]:
    """Return the one-line fields of an entry (an indicator, a cost) as a page sends them:
    numbers, amounts and periods as they come (a number, text or [low, high])."""
    found: dict[str, type] = {}
    for name in entry_fields(cls):
        if "." in name or name in skip:
            continue
        value = fields_of(cls)[name][1].value
        found[name] = (
            object
            if value in (Value.NUMBER, Value.AMOUNT, Value.PERIOD)
            else (_argument_type(value))
        )
    return found


# The measuring edits of the indicator editor and the costs-and-benefits panel: the fields
# each takes are the format's (an indicator's values by period come as [[period, value], ...]).
# A field named in `set_indicator` or `set_cost` may be a comparator's (`comparator.name`).
_ONE_FIELD = {"field": Text, "value": object}
MEASURE_OPS: dict[str, dict[str, type]] = {
    "add_indicator": {"element": Text, **_entry_arguments(Indicator), "actuals": object},
    "set_indicator": {"element": Text, "indicator": Text, **_ONE_FIELD},
    "unset_indicator": {"element": Text, "indicator": Text, "field": Text},
    "remove_indicator": {"element": Text, "indicator": Text},
    "add_comparator": {"element": Text, "indicator": Text, "name": Text},
    "set_actual": {
        "element": Text,
        "indicator": Text,
        "period": object,
        "value": object,
        "comparator": Flag,
    },
    "remove_actual": {"element": Text, "indicator": Text, "period": object, "comparator": Flag},
    "add_cost": _entry_arguments(Cost),
    "add_benefit": _entry_arguments(Benefit),
    "set_cost": {"which": Text, **_ONE_FIELD},
    "set_benefit": {"which": Text, **_ONE_FIELD},
    "unset_cost": {"which": Text, "field": Text},
    "unset_benefit": {"which": Text, "field": Text},
    "remove_cost": {"which": Text},
    "remove_benefit": {"which": Text},
}
MEASURE_REQUIRED = {
    "add_indicator": ("element", "name"),
    "set_indicator": ("element", "indicator", "field", "value"),
    "unset_indicator": ("element", "indicator", "field"),
    "remove_indicator": ("element", "indicator"),
    "add_comparator": ("element", "indicator", "name"),
    "set_actual": ("element", "indicator", "period", "value"),
    "remove_actual": ("element", "indicator", "period"),
    "add_cost": ("item",),
    "add_benefit": ("item",),
    "set_cost": ("which", "field", "value"),
    "set_benefit": ("which", "field", "value"),
    "unset_cost": ("which", "field"),
    "unset_benefit": ("which", "field"),
    "remove_cost": ("which",),
    "remove_benefit": ("which",),
}
OPS.update(MEASURE_OPS)
REQUIRED.update(MEASURE_REQUIRED)
# The self-assessment form saves every changed answer, and the stage, as one edit (one undo).
OPS["answers"] = {"answers": object, "stage": Text}
REQUIRED["answers"] = ("answers",)


def _actual_pairs(pairs: Any) -> dict[str, Any] | None:
    """Return an indicator's values by period from the page's [[period, value], ...]."""
    if not isinstance(pairs, list) or not all(isinstance(p, list) and len(p) == 2 for p in pairs):
        raise EditError("actuals come as [[period, value], ...]")
    actuals = {str(period).strip(): value for period, value in pairs if str(period).strip()}
    return actuals or None


def _indicator_edit(draft: Draft, op: str, given: dict[str, Any]) -> Draft:
    """Return the draft with one edit of an indicator made (not yet saved)."""
    element, which = given.pop("element"), given.pop("indicator", None)
    flag = {"comparator": bool(given.get("comparator"))}
    actions: dict[str, Callable[[], Draft]] = {
        "set_indicator": lambda: draft.set_indicator(
            element, given["field"], given["value"], indicator=which
        ),
        "unset_indicator": lambda: draft.unset_indicator(element, given["field"], indicator=which),
        "remove_indicator": lambda: draft.remove_indicator(element, indicator=which),
        "add_comparator": lambda: draft.add_comparator(element, given["name"], indicator=which),
        "set_actual": lambda: draft.set_actual(
            element, given["period"], given["value"], indicator=which, **flag
        ),
        "remove_actual": lambda: draft.remove_actual(
            element, given["period"], indicator=which, **flag
        ),
    }
    return actions[op]()


def apply_measure(draft: Draft, op: str, args: dict[str, Any]) -> Draft:
    """Return the draft with one measuring edit made (not yet saved)."""
    given = {k: v for k, v in args.items() if v not in ("", None, [])}
    if op == "add_indicator":
        actuals = _actual_pairs(given.pop("actuals", []))
        return draft.add_indicator(
            given.pop("element"), given.pop("name"), actuals=actuals, **given
        )
    if "indicator" in op or "actual" in op or op == "add_comparator":
        return _indicator_edit(draft, op, given)
    verb, kind = op.split("_", 1)
    if verb == "remove":
        return draft.remove_ledger(kind, given["which"])
    if verb == "set":
        return draft.set_ledger(kind, given["which"], given["field"], given["value"])
    if verb == "unset":
        return draft.unset_ledger(kind, given["which"], given["field"])
    item = given.pop("item")
    return draft.add_cost(item, **given) if kind == "cost" else draft.add_benefit(item, **given)


def apply_answers(draft: Draft, answers: list[Any], stage: str | None) -> Draft:
    """Return the draft with the self-assessment form's answers made: [question, answer, note]
    each (an empty answer takes one back), and the partnership's stage when one is given."""
    if not all(isinstance(a, list) and len(a) == 3 and all(isinstance(x, str) for x in a)
               for a in answers):  # fmt: skip
        raise EditError("answers come as [[question, answer, note], ...]")
    given = {entry.get("question") for entry in draft.data.get("assessment") or []}
    for question, word, note in answers:
        if word:
            draft.answer(question, word, note=note)
        elif question in given:
            draft.unanswer(question)
    if stage is not None:
        now = (draft.data.get("partnership") or {}).get("stage")
        if stage and stage != now:
            draft.set("partnership", "stage", stage)
        elif not stage and now:
            draft.unset("partnership", "stage")
    if not draft.changes:
        raise EditError("no answer changed")
    return draft


class Refused(Exception):
    """An edit that was not made; `status` is the HTTP status that says why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def version_of(content: bytes) -> str:
    """Return the version a page carries of the file it was drawn from: a hash of its bytes."""
    return hashlib.sha256(content).hexdigest()


def read_version(path: str) -> str:
    """Return the version of a file as it is now, or '' if it cannot be read.

    Only a regular file is read, without blocking: a named pipe in the model's place is
    "cannot be read", never a wait.
    """
    content = read_regular_file(path)
    return "" if content is None else version_of(content)


def arguments(op: str, given: Any) -> dict[str, Any]:
    """Return an edit's arguments checked against OPS, or raise Refused naming the fault."""
    if op not in OPS:
        raise Refused(400, f"unknown edit {op!r}: choose from {', '.join(OPS)}")
    if not isinstance(given, dict):
        raise Refused(400, "the edit's arguments must be an object")
    taken = OPS[op]
    unknown = sorted(set(given) - set(taken))
    if unknown:
        raise Refused(400, f"{op} takes no {unknown[0]!r}")
    missing = [name for name in REQUIRED[op] if given.get(name) in (None, "")]
    if missing:
        raise Refused(422, f"{op} needs {missing[0]!r}")
    checked: dict[str, Any] = {}
    for name, value in given.items():
        kind = taken[name]
        if value is None:
            continue
        if kind is Texts:
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise Refused(400, f"{name!r} must be a list of ids")
        elif kind is object:
            if not isinstance(value, SET_VALUE):
                raise Refused(400, f"{name!r} must be text, a number, a list or true/false")
        elif not isinstance(value, kind):
            raise Refused(400, f"{name!r} must be {'true or false' if kind is bool else 'text'}")
        checked[name] = value
    if op == "set":
        _refuse_text_as_other(checked["field"], checked["value"])
    return checked


def _refuse_text_as_other(name: str, value: Any) -> None:
    """Raise Refused if a text field is given a list, an object or true/false."""
    if name in TEXT_FIELDS and (
        isinstance(value, bool) or not isinstance(value, (str, int, float))
    ):
        kind = (
            "true or false"
            if isinstance(value, bool)
            else "a list"
            if isinstance(value, list)
            else "an object"
            if isinstance(value, dict)
            else "null"
        )
        raise Refused(400, f"{name!r} is text, not {kind}")


def apply(draft: Draft, op: str, args: dict[str, Any]) -> Draft:
    """Return the draft with one checked edit made (not yet saved)."""
    if op in MEASURE_OPS:
        return apply_measure(draft, op, args)
    if op == "answers":
        return apply_answers(draft, args["answers"], args.get("stage"))
    actions: dict[str, Callable[[], Draft]] = {
        "add": lambda: draft.add(
            args["stage"],
            args["id"],
            args["label"],
            by=args.get("by") or None,
            leads_to=args.get("leads_to", ()),
            gain=args.get("gain") or None,
            after=args.get("after") or None,
        ),
        "link": lambda: draft.link(
            args["source"], args["target"], enhances=args.get("enhances", False)
        ),
        "unlink": lambda: draft.unlink(
            args["source"], args["target"], enhances=args.get("enhances", False)
        ),
        "rename": lambda: draft.rename(args["old"], args["new"]),
        "move": lambda: draft.move(args["ident"], args["stage"], after=args.get("after")),
        "reorder": lambda: reorder(draft, args["order"]),
        "remove": lambda: draft.remove(args["ident"], relink=args.get("relink", False)),
        "set": lambda: draft.set(args["ident"], args["field"], args["value"]),
        "unset": lambda: draft.unset(args["ident"], args["field"]),
        "add_partner": lambda: draft.add_partner(
            args["id"], args["name"], short=args.get("short") or None
        ),
        "rename_partner": lambda: draft.rename_partner(args["old"], args["new"]),
        "remove_partner": lambda: draft.remove_partner(args["ident"]),
    }
    return actions[op]()


@dataclass
class History:
    """The edits made through the page to one file, for undo and redo: (before, after, what)."""

    done: list[tuple[bytes, bytes, str]] = field(default_factory=list)
    undone: list[tuple[bytes, bytes, str]] = field(default_factory=list)


class Editor:
    """Makes the browser's edits to one file, one at a time, never over someone else's change."""

    def __init__(self, path: str) -> None:
        self.path = os.fspath(path)
        self.history = History()
        self.lock = threading.Lock()

    def edit(self, request: Any) -> dict[str, Any]:
        """Return what an edit request did, with the file's new version; raise Refused."""
        if not isinstance(request, dict):
            raise Refused(400, "an edit request is an object: {op, args, version}")
        unknown = sorted(set(request) - {"op", "args", "version"})
        if unknown:
            raise Refused(400, f"an edit request takes no {unknown[0]!r}")
        op = request.get("op")
        version = request.get("version")
        if not isinstance(op, str) or not isinstance(version, str):
            raise Refused(400, "an edit request needs `op` and `version`")
        with self.lock:
            if op in ("undo", "redo"):
                return self._step(op, version)
            args = arguments(op, request.get("args", {}))
            try:
                # Under the model's lock from reading to writing: another server, or a
                # command, editing the same file waits, or finds the version moved on.
                with locked(self.path):
                    draft = self._open(version)
                    before = draft.disk or b""
                    apply(draft, op, args).save()
            except ModelLocked as error:
                raise Refused(409, _without_file(str(error), self.path)) from None
            except ChangedOnDisk:
                raise Refused(409, CONFLICT) from None
            except LoadError as error:
                raise Refused(422, _first_fault(error)) from None
            except EditError as error:
                raise Refused(422, _without_file(str(error), self.path)) from None
            after = draft.disk or b""
            what = draft.changes[-1] if draft.changes else op
            if after != before:
                self.history.done.append((before, after, what))
                self.history.undone.clear()
            return self._answer(what, after)

    def _open(self, version: str) -> Draft:
        try:
            draft = Draft.open(self.path)
        except LoadError as error:
            raise Refused(409, f"the file has errors now: {_first_fault(error)}") from None
        if version_of(draft.disk or b"") != version:
            raise Refused(409, CONFLICT)
        return draft

    def _step(self, op: str, version: str) -> dict[str, Any]:
        """Undo the last edit, or redo the last undone one, if the file is as they left it."""
        source, target = (
            (self.history.done, self.history.undone)
            if op == "undo"
            else (self.history.undone, self.history.done)
        )
        if not source:
            raise Refused(422, f"nothing to {op}")
        before, after, what = source[-1]
        current, wanted = (after, before) if op == "undo" else (before, after)
        if read_version(self.path) != version or version_of(current) != version:
            raise Refused(409, CONFLICT)
        try:
            restore(self.path, current, wanted)
        except ModelLocked as error:
            raise Refused(409, _without_file(str(error), self.path)) from None
        except ChangedOnDisk:
            raise Refused(409, CONFLICT) from None
        except LoadError as error:
            raise Refused(422, _first_fault(error)) from None
        target.append(source.pop())
        return self._answer(f"{op}: {what}", wanted)

    def _answer(self, what: str, content: bytes) -> dict[str, Any]:
        return {
            "ok": True,
            "done": what,
            "version": version_of(content),
            "undo": bool(self.history.done),
            "redo": bool(self.history.undone),
        }


def _first_fault(error: LoadError) -> str:
    """Return a load error's first fault in the loader's words, without the file name."""
    faults = error.errors
    if not faults:
        return str(error)
    first = faults[0]
    more = len(faults) - 1
    return first.message + (f" (and {more} more)" if more else "")


def _without_file(message: str, path: str) -> str:
    """Return an editing message without its leading file name: the page knows the file."""
    return message.removeprefix(f"{path}: ")


__all__ = [
    "CONFLICT",
    "OPS",
    "REQUIRED",
    "TEXT_FIELDS",
    "Editor",
    "History",
    "MEASURE_OPS",
    "MEASURE_REQUIRED",
    "Refused",
    "apply",
    "apply_measure",
    "arguments",
    "read_version",
    "version_of",
]
