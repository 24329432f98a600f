"""The servers answer every request: each fault gets a status and a message, and the next
request is answered at once: a write-protected model, digits that are not ASCII, a JSON body
nested without end, a named pipe in the model's place, an edit stuck behind another."""

from __future__ import annotations

import errno
import hashlib
import http.client
import json
import os
import shutil
import socket
import stat
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from logicmodel.cli import cli
from logicmodel.editing import layer
from logicmodel.fileformat.loading import LoadError, load
from logicmodel.serving import guards
from logicmodel.serving import server as serving
from logicmodel.serving.server import Server

from .conftest import FIGURE1

QUICK = 1.0  # seconds: a fault is answered, and the next request too, within this


@pytest.fixture
def model(tmp_path: Path) -> Path:
    target = tmp_path / "model.yaml"
    shutil.copy(FIGURE1, target)
    return target


@pytest.fixture
def editor(model: Path) -> Iterator[Server]:
    """Yield `logicmodel edit`'s server on one file, its page made once (the imports paid)."""
    with Server([str(model)], editing=True, poll=0.02) as server:
        server.warm()
        yield server


def version(content: bytes) -> str:
    """Return the version a page carries of a file: the hash of its bytes."""
    return hashlib.sha256(content).hexdigest()


def label_edit(model: Path, label: str = "X") -> dict[str, Any]:
    """Return the page's request to set one label, for the file as it is now."""
    args = {"ident": "trust", "field": "label", "value": label}
    return {"op": "set", "args": args, "version": version(model.read_bytes())}


def raw(server: Server, head: bytes, body: bytes = b"") -> tuple[int, dict[str, str], bytes]:
    """Return the status, headers and body of a request sent byte for byte, as written."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as connection:
        connection.sendall(head + b"\r\n\r\n" + body)
        received = b""
        while b"\r\n\r\n" not in received and (chunk := connection.recv(65536)):
            received += chunk
        assert received, "the server closed the connection without an answer"
        top, _, content = received.partition(b"\r\n\r\n")
        status_line, *lines = top.decode("latin-1").split("\r\n")
        headers = {
            k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines)
        }
        # An event stream never ends: its headers are the answer.
        length = int(headers.get("content-length", "0"))
        while len(content) < length and (chunk := connection.recv(65536)):
            content += chunk
    return int(status_line.split()[1]), headers, content


def post(
    server: Server, body: bytes | dict[str, Any], path: str | None = None, **headers: str
) -> tuple[int, Any]:
    """Return the status and the answer (JSON when it is) of an edit as the page sends it."""
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    sent = {
        "Host": server.address,
        "Origin": f"http://{server.address}",
        "Content-Type": "application/json",
        "X-Logicmodel-Token": server.token,
        "Content-Length": str(len(data)),
    } | headers
    head = f"POST {path or server.path(0, edits=True)} HTTP/1.1\r\n" + "\r\n".join(
        f"{name}: {value}" for name, value in sent.items()
    )
    status, answer_headers, content = raw(server, head.encode("latin-1"), data)
    if answer_headers.get("content-type", "").startswith("application/json"):
        return status, json.loads(content)
    return status, content.decode()


def get(server: Server, path: str) -> tuple[int, http.client.HTTPResponse, str]:
    """Return the status, the response (for its headers) and the body of a GET."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    try:
        connection.request("GET", path, headers={"Host": server.address})
        response = connection.getresponse()
        return response.status, response, response.read().decode()
    finally:
        connection.close()


def timed(action: Any) -> tuple[Any, float]:
    """Return what an action returned and how many seconds it took."""
    start = time.monotonic()
    result = action()
    return result, time.monotonic() - start


def assert_still_answers(server: Server, model: Path) -> None:
    """Check that the page and an edit are both answered at once, and the edit made."""
    (status, _, _), seconds = timed(lambda: get(server, server.path(0)))
    assert status == 200 and seconds < QUICK
    (status, answer), seconds = timed(lambda: post(server, label_edit(model, "Answered")))
    assert status == 200 and seconds < QUICK, answer
    assert "Answered" in model.read_text("utf-8")


def put_pipe(model: Path) -> None:
    """Replace the model with a named pipe no one writes to, the way a save replaces it."""
    pipe = model.with_name("pipe")
    os.mkfifo(pipe)
    os.replace(pipe, model)


# ---------------------------------------------------------------- writes the system refuses


def test_a_write_protected_model_is_refused_in_the_command_line_s_words(
    editor: Server, model: Path, runner: CliRunner
) -> None:
    model.chmod(0o444)
    before = model.read_bytes()
    cli_run = runner.invoke(cli, ["set", str(model), "trust", "label", "X"])
    cli_line = cli_run.output.strip().splitlines()[-1]
    assert cli_run.exit_code != 0 and cli_line.startswith(f"{model}: cannot write")

    status, answer = post(editor, label_edit(model))
    assert 400 <= status < 500
    assert answer == {"error": cli_line.removeprefix(f"{model}: ")}
    assert model.read_bytes() == before
    model.chmod(0o644)
    assert_still_answers(editor, model)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes in a write-protected folder")
def test_a_model_in_a_write_protected_folder_is_refused(editor: Server, model: Path) -> None:
    model.parent.chmod(0o555)
    try:
        status, answer = post(editor, label_edit(model))
    finally:
        model.parent.chmod(0o755)
    assert 400 <= status < 600 and answer["error"].startswith("cannot write: ")
    assert_still_answers(editor, model)


def test_a_write_the_system_fails_is_a_500_with_its_reason(
    editor: Server, model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(path: str, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "the disk is full (test)", path)

    monkeypatch.setattr(layer, "write_bytes_atomically", full)
    status, answer = post(editor, label_edit(model))
    assert status == 500 and answer == {"error": "cannot write: the disk is full (test)"}
    monkeypatch.undo()
    assert_still_answers(editor, model)


def test_a_failure_inside_logicmodel_is_a_500_and_logged(
    editor: Server, model: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(path: str, data: bytes) -> None:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(layer, "write_bytes_atomically", broken)
    status, answer = post(editor, label_edit(model))
    assert status == 500 and "internal error" in answer["error"]
    assert "ZeroDivisionError" in capsys.readouterr().err
    monkeypatch.undo()
    assert_still_answers(editor, model)


def test_a_lock_not_had_in_time_is_a_conflict(
    editor: Server, model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hook for the model-write lock: its timeout refuses the edit with 409, in its words."""

    def locked(path: str, data: bytes) -> None:
        raise TimeoutError(f"{path}: another logicmodel (pid 1) is writing it; nothing written")

    monkeypatch.setattr(layer, "write_bytes_atomically", locked)
    before = model.read_bytes()
    status, answer = post(editor, label_edit(model))
    assert status == 409
    assert answer == {"error": "another logicmodel (pid 1) is writing it; nothing written"}
    assert model.read_bytes() == before
    monkeypatch.undo()
    assert_still_answers(editor, model)


def test_an_edit_stuck_behind_another_is_refused_in_time(
    editor: Server, model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(serving, "EDIT_WAIT_SECONDS", 0.2)
    with editor.edit_locks[0]:
        (status, answer), seconds = timed(lambda: post(editor, label_edit(model)))
    assert status == 503 and "still being made" in answer["error"] and seconds < QUICK
    assert_still_answers(editor, model)


def test_an_edit_that_does_not_finish_costs_one_late_answer(
    editor: Server, model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edit stuck inside the editor (a disk that does not answer) is answered late (504),
    the next is refused in time (503), and once it ends the editor edits again."""
    monkeypatch.setattr(serving, "EDIT_SECONDS", 0.3)
    monkeypatch.setattr(serving, "EDIT_WAIT_SECONDS", 0.2)
    assert editor.editors is not None
    stuck = threading.Event()
    real_edit = editor.editors[0].edit
    monkeypatch.setattr(editor.editors[0], "edit", lambda request: stuck.wait(10))
    (status, answer), seconds = timed(lambda: post(editor, label_edit(model)))
    assert status == 504 and "did not finish" in answer["error"] and seconds < QUICK
    (status, answer), seconds = timed(lambda: post(editor, label_edit(model)))
    assert status == 503 and seconds < QUICK
    monkeypatch.setattr(editor.editors[0], "edit", real_edit)
    stuck.set()
    deadline = time.monotonic() + 5
    while not editor.edit_locks[0].acquire(timeout=0.05):
        assert time.monotonic() < deadline, "the stuck edit never ended"
    editor.edit_locks[0].release()
    assert_still_answers(editor, model)


def test_a_pipe_swapped_in_after_the_check_is_refused_at_once(
    editor: Server, model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The editor's own read of the file's version opens only a regular file, without
    blocking: an undo onto a pipe that came after the server's check is refused in time
    (409, the file is not as the page drew it), and once a real file is back the editor
    edits again."""
    monkeypatch.setattr(serving, "special_file_problem", lambda path: None)  # the check missed it
    assert post(editor, label_edit(model))[0] == 200  # something to undo
    good = model.read_bytes()
    put_pipe(model)
    undo = {"op": "undo", "version": version(good)}
    (status, answer), seconds = timed(lambda: post(editor, undo))
    assert status == 409 and answer["error"] and seconds < QUICK
    assert stat.S_ISFIFO(os.lstat(model).st_mode)  # nothing written over the pipe
    real = model.with_name("real.yaml")
    real.write_bytes(good)
    os.replace(real, model)
    monkeypatch.undo()
    assert_still_answers(editor, model)


# ---------------------------------------------------------------- what the client sends


@pytest.mark.parametrize("digit", [b"\xb2", b"\xc2\xb2", "\u0663".encode()])
def test_a_digit_that_is_not_ascii_is_not_a_number(
    editor: Server, model: Path, digit: bytes
) -> None:
    token = editor.token.encode()
    host = b"Host: " + editor.address.encode()
    for target in (
        b"/" + token + b"/m/" + digit,
        b"/" + token + b"/m/" + digit + b"/events",
        b"/" + token + b"/m/0/events?seen=%C2%B2",
        b"/wrong/m/" + digit,
    ):
        status, headers, _ = raw(editor, b"GET " + target + b" HTTP/1.1\r\n" + host)
        assert 400 <= status < 500 or headers["content-type"].startswith("text/event-stream")
    for token_part in (token, b"wrong"):
        edit = json.dumps(label_edit(model)).encode()
        head = (
            b"POST /" + token_part + b"/m/" + digit + b"/edit HTTP/1.1\r\n" + host + b"\r\n"
            b"Origin: http://" + editor.address.encode() + b"\r\n"
            b"X-Logicmodel-Token: " + token + b"\r\nContent-Length: " + str(len(edit)).encode()
        )
        status, _, _ = raw(editor, head, edit)
        assert status == 403
    assert_still_answers(editor, model)


def test_a_content_length_that_is_not_ascii_is_refused(editor: Server, model: Path) -> None:
    status, answer = post(editor, b"{}", **{"Content-Length": "\u00b2"})
    assert status == 411 and "Content-Length" in answer["error"]
    assert_still_answers(editor, model)


@pytest.mark.parametrize(
    "body",
    [
        b"[" * 100_000 + b"]" * 100_000,
        b'{"op": "set", "version": "v", "args": {"value": ' + b"[" * 5000 + b"]" * 5000 + b"}}",
    ],
    ids=["deep-array", "deep-value"],
)
def test_json_nested_past_the_limit_is_refused(editor: Server, model: Path, body: bytes) -> None:
    before = model.read_bytes()
    (status, answer), seconds = timed(lambda: post(editor, body))
    assert status == 400 and str(guards.MAX_JSON_DEPTH) in answer["error"]
    assert seconds < QUICK
    assert model.read_bytes() == before
    assert_still_answers(editor, model)


def test_brackets_inside_strings_are_not_nesting(editor: Server, model: Path) -> None:
    status, _ = post(editor, label_edit(model, "[" * 100 + "{" * 100))
    assert status == 200
    labels = {element.id: element.label for _, element in load(model).elements()}
    assert labels["trust"] == "[" * 100 + "{" * 100


# ---------------------------------------------------------------- a named pipe for a model


def test_a_named_pipe_in_place_of_the_model_is_answered_and_the_editor_recovers(
    editor: Server, model: Path
) -> None:
    assert post(editor, label_edit(model, "Before"))[0] == 200  # something to undo
    good = model.read_bytes()
    put_pipe(model)
    (status, _, text), seconds = timed(lambda: get(editor, editor.path(0)))
    assert status == 409 and "named pipe" in text and seconds < QUICK
    for request in (
        {"op": "undo", "version": version(good)},
        {"op": "set", "args": {"ident": "trust", "field": "label", "value": "Y"}, "version": ""},
    ):
        (status, answer), seconds = timed(lambda: post(editor, request))  # noqa: B023
        assert status == 409 and "named pipe" in answer["error"] and seconds < QUICK
    assert stat.S_ISFIFO(os.stat(model).st_mode)

    real = model.with_name("real.yaml")
    real.write_bytes(good)
    os.replace(real, model)
    assert_still_answers(editor, model)
    status, answer = post(editor, {"op": "undo", "version": version(model.read_bytes())})
    assert status == 200 and answer["undo"] is True


def test_a_named_pipe_is_shown_as_the_file_s_problem_by_serve(model: Path) -> None:
    with Server([str(model)], poll=0.02) as server:
        put_pipe(model)
        time.sleep(0.2)  # the watcher has seen it
        (status, _, _), seconds = timed(lambda: get(server, server.path(0)))
        assert status == 200 and seconds < QUICK
        assert server.files[0].problems and "named pipe" in server.files[0].problems[0]


def test_reading_a_model_never_opens_a_pipe(model: Path) -> None:
    put_pipe(model)
    with pytest.raises(LoadError, match="named pipe"):
        timed(lambda: guards.read_regular(str(model), 1 << 20))
    assert guards.special_file_problem(str(model)) is not None
    assert guards.special_file_problem(str(FIGURE1)) is None


# ---------------------------------------------------------------- headers and addresses


def test_every_answer_forbids_framing_and_sniffing(editor: Server, model: Path) -> None:
    answers = [
        get(editor, editor.path(0))[1],
        get(editor, "/nothing")[1],
        get(editor, f"/{editor.token}/")[1],
    ]
    for response in answers:
        policy = response.getheader("Content-Security-Policy") or ""
        assert "frame-ancestors 'none'" in policy
        assert response.getheader("X-Content-Type-Options") == "nosniff"
    status, headers, _ = raw(
        editor, f"POST /nothing HTTP/1.1\r\nHost: {editor.address}\r\nContent-Length: 0".encode()
    )
    assert status == 405 and "frame-ancestors 'none'" in headers["content-security-policy"]
    for head in (b"FETCH / HTTP/1.1", b"GET / HTTP/9.9", b"GET / HTTP/1.1 x"):
        status, headers, _ = raw(editor, head)
        assert status >= 400 and "frame-ancestors 'none'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"


def test_the_page_s_header_policy_is_its_own_policy(editor: Server) -> None:
    _, response, page = get(editor, editor.path(0))
    header = response.getheader("Content-Security-Policy") or ""
    meta = page.split('http-equiv="Content-Security-Policy" content="', 1)[1].split('"', 1)[0]
    assert header == meta.replace("&#x27;", "'").rstrip("; ") + "; frame-ancestors 'none'"


def test_every_interface_prints_an_address_that_answers(model: Path) -> None:
    with Server([str(model)], host="0.0.0.0", editing=True) as server:
        assert not server.address.startswith("0.0.0.0")
        for name in (server.address, f"192.0.2.7:{server.port}"):  # any address of the machine
            status, _, _ = raw(server, f"GET {server.path(0)} HTTP/1.1\r\nHost: {name}".encode())
            assert status == 200
        rebound = f"GET {server.path(0)} HTTP/1.1\r\nHost: evil.example:{server.port}"
        assert raw(server, rebound.encode())[0] == 403


def ipv6_loopback() -> bool:
    """Return whether this machine can listen on ::1."""
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
    except OSError:
        return False
    return True


@pytest.mark.skipif(not ipv6_loopback(), reason="no IPv6 loopback here")
def test_the_ipv6_loopback_serves(model: Path) -> None:
    with Server([str(model)], host="::1") as server:
        assert server.address.startswith("[::1]:")
        connection = http.client.HTTPConnection("::1", server.port, timeout=5)
        try:
            connection.request("GET", server.path(0), headers={"Host": server.address})
            assert connection.getresponse().status == 200
        finally:
            connection.close()


def test_a_port_problem_names_the_address_asked_for() -> None:
    problem = serving.listen_problem("::1", 0, OSError(errno.EADDRNOTAVAIL, "not available"))
    assert "[::1]" in problem and "127.0.0.1" not in problem
