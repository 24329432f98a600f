"""`logicmodel serve`: the token, host and method guards, the pages, and live reloads."""

from __future__ import annotations

import base64
import hashlib
import http.client
import json
import os
import re
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from logicmodel.cli import SERVE_LAYOUTS, cli
from logicmodel.serving import server as serving
from logicmodel.serving.server import Server
from logicmodel.status import ExitStatus

from .conftest import FIGURE1, SAMPLES

HOSTILE = "</script><img src=x onerror=alert(1)>"
INVALID_LINK = ("leads_to: [a-outputs]", "leads_to: [nowhere]")  # an unknown id: one error


def figure1(**replace: tuple[str, str]) -> str:
    """Return Figure 1's text with some of its words replaced."""
    text = FIGURE1.read_text(encoding="utf-8")
    for old, new in replace.values():
        assert old in text
        text = text.replace(old, new)
    return text


@pytest.fixture
def model(tmp_path: Path) -> Path:
    target = tmp_path / "model.yaml"
    shutil.copy(FIGURE1, target)
    return target


@pytest.fixture
def served(model: Path) -> Iterator[Server]:
    with Server([str(model)], poll=0.02) as server:
        yield server


@pytest.fixture
def idle(model: Path) -> Iterator[Server]:
    """Yield a server that is not started: its files are checked only when a test says so."""
    server = Server([str(model)])
    yield server
    server.shutdown()


def request(
    server: Server, path: str, method: str = "GET", host: str | None = None
) -> tuple[int, http.client.HTTPResponse, str]:
    """Return the status, the response (for its headers) and the body of one request."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        connection.request(method, path, headers={"Host": host} if host else {})
        response = connection.getresponse()
        return response.status, response, response.read().decode()
    finally:
        connection.close()


class Stream:
    """An event stream read as a browser would, an event at a time."""

    def __init__(self, server: Server, path: str) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=3)
        self.connection.request("GET", path)
        self.response = self.connection.getresponse()

    def next(self) -> tuple[str, str] | None:
        """Return the next event's name and data, or None when the stream ends."""
        name = data = ""
        while True:
            line = self.response.readline().decode()
            if not line:
                return None
            line = line.rstrip("\n")
            if not line and name:
                return name, data
            field, _, value = line.partition(": ")
            if field == "event":
                name = value
            elif field == "data":
                data = value

    def close(self) -> None:
        self.connection.close()


@pytest.fixture
def stream(served: Server) -> Iterator[Stream]:
    opened = Stream(served, served.path(0, events=True))
    yield opened
    opened.close()


def save_by_rename(path: Path, text: str) -> None:
    """Save as many editors do: write a temporary file beside it, then rename it over it."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def csp_sources(page: str) -> str:
    found = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert found, "no Content-Security-Policy meta"
    return found.group(1)


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


# ---------------------------------------------------------------- addresses and guards


def test_the_index_lists_each_file_with_its_title_and_summary_or_first_error(
    tmp_path: Path,
) -> None:
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    shutil.copy(FIGURE1, good)
    bad.write_text(figure1(link=INVALID_LINK), encoding="utf-8")
    with Server([str(good), str(bad)]) as server:
        status, response, body = request(server, f"/{server.token}/")
    assert status == 200
    assert response.getheader("Content-Type") == "text/html; charset=utf-8"
    assert "Illustrating collaborative gain in an outcome model" in body
    assert "11 of 14 outcomes rely on collaboration" in body
    assert re.search(rf"{re.escape(str(bad))}:\d+:\d+: .*nowhere", body)
    assert 'href="m/0"' in body and 'href="m/1"' in body
    policy = csp_sources(body)
    assert policy.startswith("default-src 'none';") and "script-src" not in policy
    assert sha256(body.split("<style>")[1].split("</style>")[0]) in policy


def test_one_file_redirects_to_its_page(served: Server) -> None:
    for path in (f"/{served.token}/", f"/{served.token}"):
        status, response, _ = request(served, path)
        assert status == 303
        assert response.getheader("Location") in (served.path(0), f"/{served.token}/")


@pytest.mark.parametrize("path", ["/", "/wrong/", "/{token}/m/1", "/{token}/m/01", "/{token}/x"])
def test_any_other_address_is_not_found(served: Server, path: str) -> None:
    status, response, body = request(served, path.format(token=served.token))
    assert status == 404
    assert response.getheader("Content-Type") == "text/plain; charset=utf-8"
    assert served.token not in body


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "127.0.0.1:1"])
def test_a_request_for_another_host_is_forbidden(served: Server, host: str) -> None:
    status, _, _ = request(served, served.path(0), host=host.format(port=served.port))
    assert status == 403


def test_localhost_by_name_is_allowed(served: Server) -> None:
    status, _, _ = request(served, served.path(0), host=f"localhost:{served.port}")
    assert status == 200


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE"])
def test_only_get_and_head_are_allowed(served: Server, method: str) -> None:
    status, response, _ = request(served, served.path(0), method=method)
    assert status == 405
    assert response.getheader("Allow") == "GET, HEAD"


def test_the_page_is_html_that_listens_to_its_events(served: Server) -> None:
    status, response, body = request(served, served.path(0))
    assert status == 200
    assert response.getheader("Content-Type") == "text/html; charset=utf-8"
    assert response.getheader("Cache-Control") == "no-store"
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("Referrer-Policy") == "no-referrer"
    assert body.startswith("<!DOCTYPE html>")
    assert "connect-src 'self'" in csp_sources(body)
    assert served.path(0, events=True) in body
    head_status, head, head_body = request(served, served.path(0), method="HEAD")
    assert head_status == 200 and head_body == ""
    assert head.getheader("Content-Length") == response.getheader("Content-Length")


def test_a_file_that_never_loaded_shows_its_errors_and_follows_the_file(
    tmp_path: Path,
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(figure1(link=INVALID_LINK, by=("by: partner-a", f"by: '{HOSTILE}'")))
    with Server([str(bad)]) as server:
        status, _, body = request(server, server.path(0))
    assert status == 200
    assert re.search(rf"{re.escape(str(bad))}:\d+:\d+: .*nowhere", body)
    assert HOSTILE not in body and "&lt;/script&gt;&lt;img src=x" in body
    assert server.path(0, events=True) in body
    policy = csp_sources(body)
    assert sha256(body.split("<script>")[1].split("</script>")[0]) in policy
    assert sha256(body.split("<style>")[1].split("</style>")[0]) in policy


def test_every_user_string_in_the_index_is_escaped(tmp_path: Path) -> None:
    titled = tmp_path / "titled.yaml"
    titled.write_text(figure1(title=("title: Illustrating", f"title: {HOSTILE} Illustrating")))
    named = tmp_path / "<b>named.yaml"
    named.write_text(figure1(link=INVALID_LINK, by=("by: partner-a", f"by: '{HOSTILE}'")))
    with Server([str(titled), str(named)]) as server:
        _, _, body = request(server, f"/{server.token}/")
    assert HOSTILE not in body and "<b>" not in body
    assert "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; Illustrating" in body
    assert "&lt;b&gt;named.yaml" in body


# ---------------------------------------------------------------- live reloads


def test_saves_reach_the_page_as_reload_and_problems_events(
    served: Server, stream: Stream, model: Path
) -> None:
    model.write_text(figure1(label=("Joint diagnosis of needs", "Joint diagnosis, revised")))
    assert stream.next() == ("reload", "2")

    model.write_text(figure1(link=INVALID_LINK))
    name, data = stream.next() or ("", "")
    assert name == "problems"
    (problem,) = json.loads(data)
    assert re.fullmatch(rf"{re.escape(str(model))}:\d+:\d+: .*'nowhere'.*", problem)

    model.write_text(figure1())
    assert stream.next() == ("reload", "3")

    save_by_rename(model, figure1(label=("Joint diagnosis of needs", "Joint diagnosis, again")))
    assert stream.next() == ("reload", "4")


def test_a_page_opened_while_the_file_is_invalid_gets_its_errors_at_once(
    served: Server, model: Path
) -> None:
    with served.lock:
        seen = served.files[0].generation
    watching = Stream(served, served.path(0, events=True))
    model.write_text(figure1(link=INVALID_LINK))
    assert (watching.next() or ("",))[0] == "problems"
    watching.close()
    late = Stream(served, f"{served.path(0, events=True)}?seen={seen}")
    try:
        name, data = late.next() or ("", "")
        assert name == "problems" and "nowhere" in data
    finally:
        late.close()


def test_a_page_drawn_before_a_save_it_missed_reloads_at_once(
    served: Server, stream: Stream, model: Path
) -> None:
    model.write_text(figure1(label=("Joint diagnosis of needs", "Joint diagnosis, revised")))
    assert stream.next() == ("reload", "2")
    late = Stream(served, f"{served.path(0, events=True)}?seen=1")
    try:
        assert late.next() == ("reload", "2")
    finally:
        late.close()


def test_a_quiet_stream_sends_keep_alive_comments(model: Path) -> None:
    with Server([str(model)], keepalive=0.05) as server:
        quiet = Stream(server, server.path(0, events=True))
        try:
            assert quiet.response.getheader("Content-Type") == "text/event-stream; charset=utf-8"
            assert quiet.response.getheader("Cache-Control") == "no-store"
            assert quiet.response.readline() == b": keep-alive\n"
        finally:
            quiet.close()


def test_shutting_down_ends_every_stream(model: Path) -> None:
    server = Server([str(model)]).start()
    open_stream = Stream(server, server.path(0, events=True))
    try:
        server.shutdown()
        assert open_stream.next() is None
    finally:
        open_stream.close()


def test_a_file_gone_for_a_moment_is_not_reported(idle: Server, model: Path) -> None:
    events = idle.subscribe(0)
    model.unlink()
    idle.check(idle.files[0])
    assert events.empty()
    model.write_text(figure1(label=("Joint diagnosis of needs", "Joint diagnosis, revised")))
    idle.check(idle.files[0])
    assert events.get_nowait() == serving.Event("reload", "2")


def test_a_file_that_stays_gone_is_reported(
    idle: Server, model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(serving, "GONE_SECONDS", 0.0)
    events = idle.subscribe(0)
    model.unlink()
    idle.check(idle.files[0])
    assert events.get_nowait() == serving.problems_event([f"{model}: no such file"])
    shutil.copy(FIGURE1, model)
    idle.check(idle.files[0])
    assert events.get_nowait() == serving.Event("reload", "2")


# ---------------------------------------------------------------- the command line


def test_a_missing_file_stops_the_command_before_it_serves(
    runner: CliRunner, tmp_path: Path
) -> None:
    missing = tmp_path / "missing.yaml"
    result = runner.invoke(cli, ["serve", str(FIGURE1), str(missing)])
    assert result.exit_code == ExitStatus.UNREADABLE
    assert result.output.splitlines() == [f"{missing}: no such file"]


def test_a_folder_stops_the_command_before_it_serves(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["serve", str(tmp_path)])
    assert result.exit_code == ExitStatus.UNREADABLE
    assert len(result.output.splitlines()) == 1


def test_a_port_in_use_is_one_line(runner: CliRunner) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(cli, ["serve", str(FIGURE1), "--port", str(port)])
    assert result.exit_code == ExitStatus.USAGE
    (line,) = result.output.splitlines()
    assert f"port {port} is in use" in line and "--port" in line


def test_the_graph_layout_needs_dot(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda program: None)
    result = runner.invoke(cli, ["serve", str(FIGURE1), "--layout", "graph"])
    assert result.exit_code == ExitStatus.UNREADABLE
    (line,) = result.output.splitlines()
    assert "dot" in line and "leave --layout out" in line


def test_the_layout_choices_are_the_renderer_s() -> None:
    from logicmodel.renderers.options import LAYOUTS

    assert SERVE_LAYOUTS == LAYOUTS


def test_the_samples_all_serve(tmp_path: Path) -> None:
    with Server([str(path) for path in SAMPLES]) as server:
        _, _, body = request(server, f"/{server.token}/")
    assert body.count("<li>") == len(SAMPLES)
    assert 'class="problem"' not in body


# ---------------------------------------------------------------- in a browser


@pytest.mark.browser
def test_the_browser_page_follows_the_file(served: Server, model: Path, page: Any) -> None:
    page.goto(served.url)
    page.get_by_text("Joint diagnosis of needs").first.wait_for()

    model.write_text(figure1(label=("Joint diagnosis of needs", "Zanzibar")))
    page.get_by_text("Zanzibar").first.wait_for(timeout=3000)

    model.write_text(figure1(link=INVALID_LINK))
    overlay = page.get_by_text(re.compile(rf"{re.escape(model.name)}:\d+:\d+: .*nowhere"))
    overlay.first.wait_for(timeout=3000)
    page.goto("about:blank")  # before the server stops, so the page sees no lost connection
