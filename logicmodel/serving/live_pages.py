"""Live pages: a served file's page made once per version, and the parts of it (and the
partners' what-ifs, made only when asked for) that an open page swaps in without reloading."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from http import HTTPStatus
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from logicmodel.fileformat.loading import DEFAULT_MAX_BYTES, LoadError
from logicmodel.renderers.limits import element_count, figure1_refusal
from logicmodel.serving.guards import read_regular
from logicmodel.serving.plain_pages import error_page

if TYPE_CHECKING:
    from logicmodel.analysis.tracing import Trace
    from logicmodel.models import LogicModel
    from logicmodel.renderers.html import PageParts

Answer = tuple[HTTPStatus, dict[str, object]]  # a status and its JSON object


class Drawn(NamedTuple):
    """A file's page as made for one version, and the parts of it a live page swaps in."""

    # What it was made from: the generation and, when editing, the file's version and
    # whether undo and redo are possible.
    key: tuple[object, ...]
    generation: int
    parts: PageParts
    page: str


class ServedFile(Protocol):
    """What a live page needs of a served file (the server's `Watched`)."""

    path: str
    model: LogicModel | None
    trace: Trace | None
    generation: int
    changed: tuple[str, ...]
    problems: tuple[str, ...]
    page: Drawn | None
    whatifs: tuple[int, dict[str, object]] | None


class LivePages:
    """The pages a server makes of its files, for a whole page or its parts swapped in place.

    A part of the server (`Server` is one): it holds the files, the lock, the theme, the
    layout, the editors and the token, and says where a file's pages are.
    """

    files: Sequence[ServedFile]
    lock: threading.Lock
    theme: str
    layout: str
    editors: list[Any] | None
    token: str

    def path(self, number: int, events: bool = False, edits: bool = False) -> str:
        """Return the URL path of a file's page, its event stream, or where its edits go."""
        raise NotImplementedError

    def update_for(self, number: int) -> Answer:
        """Return what a live page swaps in to show the file's last good version in place.

        A file with nothing a page can draw in place (it never loaded, or is too large) is a
        409: the page then reloads, to show what the server says instead.
        """
        made = self.drawn(number)
        if isinstance(made, str):
            return HTTPStatus.CONFLICT, {"error": "nothing to draw in place: reload the page"}
        return HTTPStatus.OK, made.parts.update(made.generation)

    def whatifs_for(self, number: int, generation: int | None) -> Answer:
        """Return what if each partner left, for the version a page shows (`generation`).

        Asked for only when a person turns to the partners, and made once per version: the
        what-ifs are most of a page's build. A page showing another version is answered 409,
        and redraws when it hears of the new one.
        """
        from logicmodel.renderers.html import partner_whatifs

        watched = self.files[number]
        with self.lock:
            model, trace, now = watched.model, watched.trace, watched.generation
            cached = watched.whatifs
        if model is None or trace is None or generation != now:
            return HTTPStatus.CONFLICT, {"error": "the file has changed since this page was drawn"}
        if cached is not None and cached[0] == now:
            return HTTPStatus.OK, cached[1]
        made: dict[str, object] = {"generation": now, **partner_whatifs(model, trace)}
        with self.lock:
            if watched.generation == now:
                watched.whatifs = (now, made)
        return HTTPStatus.OK, made

    def drawn(self, number: int) -> Drawn | str:
        """Return a file's page and its parts as last made, made again only for a new version
        (or, when editing, a new file version or undo history); or the page of its errors."""
        from logicmodel.renderers.html import page, page_parts
        from logicmodel.renderers.options import HtmlOptions

        watched = self.files[number]
        with self.lock:
            model, trace, generation = watched.model, watched.trace, watched.generation
            changed = watched.changed
            cached, problems = watched.page, watched.problems
        events = f"{self.path(number, events=True)}?seen={generation}"
        if model is None or trace is None:
            return error_page(watched.path, problems, events)
        too_large = self.layout == "figure1" and figure1_refusal(
            element_count(model), "html", raisable=False
        )
        if too_large:  # refused at once, and followed: a smaller model is drawn when saved
            return error_page(watched.path, [f"{watched.path}: {too_large}"], events)
        editing = self.editing_facts(number) if self.editors is not None else None
        key: tuple[object, ...] = (generation,)
        if editing is not None:
            key = (generation, editing["version"], editing["undo"], editing["redo"])
        if cached is not None and cached.key == key:
            return cached
        options = HtmlOptions(theme=self.theme, layout=self.layout)
        base = self.path(number)
        live = {"update": f"{base}/update", "whatifs": f"{base}/whatifs"}
        parts = page_parts(
            model,
            trace,
            options,
            events=events,
            editing=editing,
            changed=changed,
            live=live | {"generation": generation},
        )
        text = page(model, trace, options, events=events, editing=editing, parts=parts)
        made = Drawn(key, generation, parts, text)
        with self.lock:
            if watched.generation == generation:
                watched.page = made
        return made

    def editing_facts(self, number: int) -> dict[str, object]:
        """Return what an editor page needs: where edits go, the token, the file's version and
        whether undo and redo are possible."""
        assert self.editors is not None
        history = self.editors[number].history
        return {
            "endpoint": self.path(number, edits=True),
            "token": self.token,
            "version": file_version(self.files[number].path),
            "undo": bool(history.done),
            "redo": bool(history.undone),
        }


def file_version(path: str) -> str:
    """Return the version of a model file as it is now, or '' if it is no readable file."""
    from logicmodel.serving.page_edits import version_of  # editing only: loaded when asked

    try:
        return version_of(read_regular(path, DEFAULT_MAX_BYTES))
    except LoadError:
        return ""


__all__ = ["Answer", "Drawn", "LivePages", "ServedFile", "file_version"]
