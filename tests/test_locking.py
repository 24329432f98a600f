"""Writers exclude each other: an edit reported done is on disk, one refused wrote nothing.

Many `logicmodel add` processes on one file, two editor servers on one file, threads of the
Python API: each that says it added an element has it in the file, and each that did not
exits 4 (409 from a server, ModelLocked or ChangedOnDisk from Python) with nothing written.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

import logicmodel
from logicmodel.editing.layer import ChangedOnDisk, Draft, ModelLocked, locked, restore
from logicmodel.fileformat.files import OutputRefused, write_output
from logicmodel.fileformat.loading import load
from logicmodel.fileformat.locking import TIMEOUT_VARIABLE, lock_path, model_lock
from logicmodel.serving.page_edits import Editor, Refused, version_of
from logicmodel.serving.server import Server

from .conftest import FIGURE1

PROCESSES = 50
SMALL = """\
logicmodel: 1
title: Many hands  # a comment the edits keep
partners:
  - {id: council, name: The Council}
inputs:
  - {id: staff, label: Staff time, by: council, leads_to: [fed]}
interim:
  - {id: fed, label: Residents fed}
"""


@pytest.fixture
def model(tmp_path: Path) -> Path:
    """Return a copy of Figure 1, comments and all."""
    path = tmp_path / "model.yaml"
    shutil.copy(FIGURE1, path)
    return path


def element_ids(path: Path) -> set[str]:
    """Return the ids of the elements of a model file, as the loader reads it."""
    return {element.id for _, element in load(path).elements()}


def leftovers(folder: Path) -> list[str]:
    """Return the lock and temporary files left in a folder."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


# ---------------------------------------------------------------- processes


def test_fifty_adds_at_once_each_done_is_on_disk_each_refused_wrote_nothing(
    tmp_path: Path,
) -> None:
    # A small model: the test is about the lock, not the time each edit takes under it.
    model = tmp_path / "small.yaml"
    model.write_text(SMALL, "utf-8")
    before = element_ids(model)
    command = [sys.executable, "-m", "logicmodel", "add", str(model), "interim"]
    runs = [
        subprocess.Popen(
            [*command, "--id", f"c{n}", "--label", f"Concurrent {n}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(PROCESSES)
    ]
    results = [(n, run.wait(timeout=300), *run.communicate()) for n, run in enumerate(runs)]
    after = element_ids(model)
    done = {f"c{n}" for n, status, _, _ in results if status == 0}
    for n, status, out, err in results:
        if status == 0:
            assert out.strip() == f"{model}: added interim outcome 'c{n}'"
        else:
            assert status == 4, err
            assert f"c{n}" not in after
            assert "nothing written" in err
    assert after == before | done
    # Every process is one add: however they interleaved, all of them, and only they, landed.
    assert len(done) >= PROCESSES // 2
    assert "# a comment the edits keep" in model.read_text("utf-8")
    assert leftovers(model.parent) == []


def test_a_command_waits_for_the_lock_then_refuses_naming_the_holder(model: Path) -> None:
    content = model.read_bytes()
    environment = {**os.environ, TIMEOUT_VARIABLE: "0.3"}
    with model_lock(model):
        run = subprocess.run(
            [sys.executable, "-m", "logicmodel", "add", str(model), "interim"]
            + ["--id", "late", "--label", "Late"],
            capture_output=True,
            text=True,
            env=environment,
            timeout=120,
        )
    assert run.returncode == 4
    assert run.stdout == ""
    (line,) = run.stderr.splitlines()
    assert line.startswith(f"{model}: another program is writing it (pid {os.getpid()}: ")
    assert "nothing written" in line
    assert model.read_bytes() == content
    assert leftovers(model.parent) == []


def test_a_killed_writer_s_lock_file_does_not_block_the_next(model: Path) -> None:
    Path(lock_path(model)).write_text("pid 1: a run that was killed\n")
    run = subprocess.run(
        [sys.executable, "-m", "logicmodel", "add", str(model), "interim"]
        + ["--id", "after-kill", "--label", "After"],
        capture_output=True,
        text=True,
        env={**os.environ, TIMEOUT_VARIABLE: "2"},
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "after-kill" in element_ids(model)
    assert leftovers(model.parent) == []


# ---------------------------------------------------------------- editor servers


@contextmanager
def servers(path: Path, count: int) -> Iterator[list[Server]]:
    """Yield `logicmodel edit`'s servers, each on its own port, all on one file."""
    started: list[Server] = []
    try:
        for _ in range(count):
            server = Server([str(path)], editing=True, poll=0.02)
            server.__enter__()
            started.append(server)
        yield started
    finally:
        for server in started:
            server.__exit__(None, None, None)


def post_edit(server: Server, body: dict[str, Any]) -> tuple[int, Any]:
    """Return the status and JSON answer of one edit sent as the page sends it."""
    data = json.dumps(body).encode()
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    try:
        connection.putrequest("POST", server.path(0, edits=True), skip_host=True)
        for name, value in (
            ("Host", server.address),
            ("Origin", f"http://{server.address}"),
            ("Content-Type", "application/json"),
            ("X-Logicmodel-Token", server.token),
            ("Content-Length", str(len(data))),
        ):
            connection.putheader(name, value)
        connection.endheaders(data)
        response = connection.getresponse()
        return response.status, json.loads(response.read().decode())
    finally:
        connection.close()


def test_two_editor_servers_on_one_file_never_both_write(model: Path) -> None:
    before = element_ids(model)
    added: set[str] = set()
    with servers(model, 2) as (first, second):
        for round_ in range(6):
            version = hashlib.sha256(model.read_bytes()).hexdigest()
            answers: dict[str, tuple[int, Any]] = {}

            def send(
                server: Server,
                ident: str,
                version: str = version,
                answers: dict[str, Any] = answers,
            ) -> None:
                args = {"stage": "interim", "id": ident, "label": ident}
                answers[ident] = post_edit(server, {"op": "add", "args": args, "version": version})

            threads = [
                threading.Thread(target=send, args=(server, f"s{n}-{round_}"))
                for n, server in enumerate((first, second))
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
            on_disk = element_ids(model)
            statuses = sorted(status for status, _ in answers.values())
            # Both were sent for one version: exactly one can be made on it.
            assert statuses == [200, 409], answers
            for ident, (status, answer) in answers.items():
                if status == 200:
                    assert ident in on_disk
                    assert answer["version"] == version_of(model.read_bytes())
                    added.add(ident)
                else:
                    assert ident not in on_disk
    assert element_ids(model) == before | added
    assert leftovers(model.parent) == []


def test_an_editor_edit_and_undo_refuse_while_another_holds_the_lock(
    model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = Editor(str(model))
    editor.edit(
        {
            "op": "add",
            "args": {"stage": "interim", "id": "first", "label": "First"},
            "version": version_of(model.read_bytes()),
        }
    )
    content = model.read_bytes()
    monkeypatch.setenv(TIMEOUT_VARIABLE, "0.2")
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        with model_lock(model):
            holding.set()
            release.wait(30)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        holding.wait(30)
        for request in (
            {"op": "set", "args": {"ident": "first", "field": "label", "value": "X"}},
            {"op": "undo"},
        ):
            with pytest.raises(Refused) as caught:
                editor.edit({**request, "version": version_of(content)})
            assert caught.value.status == 409
            assert "another program is writing it" in caught.value.message
            assert model.read_bytes() == content
    finally:
        release.set()
        holder.join()
    assert editor.edit({"op": "undo", "version": version_of(content)})["ok"] is True
    assert "first" not in element_ids(model)


# ---------------------------------------------------------------- the Python API


def test_edit_blocks_in_threads_each_land(model: Path) -> None:
    before = element_ids(model)
    failures: list[BaseException] = []

    def add(n: int) -> None:
        try:
            with logicmodel.edit(model) as draft:
                draft.add("interim", f"t{n}", f"Thread {n}")
        except BaseException as error:  # recorded: the test says which are allowed
            failures.append(error)

    threads = [threading.Thread(target=add, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert all(isinstance(error, ModelLocked) for error in failures), failures
    landed = element_ids(model) - before
    assert len(landed) == 12 - len(failures)
    assert landed <= {f"t{n}" for n in range(12)}


def test_drafts_saved_from_threads_land_or_are_refused_unwritten(model: Path) -> None:
    before = element_ids(model)
    drafts = [Draft.open(model).add("interim", f"d{n}", f"Draft {n}") for n in range(8)]
    outcome: dict[str, BaseException | None] = {}
    start = threading.Barrier(len(drafts))

    def save(draft: Draft, ident: str) -> None:
        start.wait(30)
        try:
            logicmodel.save(draft)
            outcome[ident] = None
        except BaseException as error:  # recorded: the test says which are allowed
            outcome[ident] = error

    threads = [
        threading.Thread(target=save, args=(draft, f"d{n}")) for n, draft in enumerate(drafts)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    saved = {ident for ident, error in outcome.items() if error is None}
    # All were read from one version: one is written, every other finds it changed.
    assert len(saved) == 1
    assert all(isinstance(e, ChangedOnDisk) for e in outcome.values() if e is not None)
    assert element_ids(model) == before | saved


def test_save_refuses_with_model_locked_and_writes_nothing(
    model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(TIMEOUT_VARIABLE, "0.1")
    content = model.read_bytes()
    draft = Draft.open(model).add("interim", "blocked", "Blocked")
    done = threading.Event()
    errors: list[BaseException] = []

    def other() -> None:
        try:
            draft.save()
        except BaseException as error:  # recorded for the assertion below
            errors.append(error)
        done.set()

    with model_lock(model):
        thread = threading.Thread(target=other)
        thread.start()
        assert done.wait(30)
        # The same thread may take the lock again (a verb holding it calls save).
        with locked(model):
            pass
    thread.join()
    assert len(errors) == 1 and isinstance(errors[0], ModelLocked)
    assert str(errors[0]).startswith(f"{model}: another program is writing it (pid ")
    assert model.read_bytes() == content
    # An undo (the editor's restore) waits the same way.
    failures: list[BaseException] = []
    with model_lock(model):
        thread = threading.Thread(target=_record, args=(failures, restore, model, content, content))
        thread.start()
        thread.join()
    assert len(failures) == 1 and isinstance(failures[0], ModelLocked)
    assert model.read_bytes() == content


def _record(failures: list[BaseException], call: Any, *args: Any) -> None:
    """Call, recording what it raises (a thread's exception is otherwise lost)."""
    try:
        call(*args)
    except BaseException as error:  # recorded for the caller to raise
        failures.append(error)


def test_a_new_model_written_with_force_waits_for_the_lock(
    model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(TIMEOUT_VARIABLE, "0.1")
    content = model.read_bytes()
    failures: list[BaseException] = []
    with model_lock(model):
        thread = threading.Thread(
            target=_record,
            args=(
                failures,
                lambda: write_output(model, b"logicmodel: 1\n", editable=True, force=True),
            ),
        )
        thread.start()
        thread.join()
    assert len(failures) == 1 and isinstance(failures[0], OutputRefused)
    assert model.read_bytes() == content
