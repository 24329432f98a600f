"""Figure 1 views refuse a model too large to lay out at once, with what to do instead: the
picture, the html page, the report, GEXF and yEd positions, and the servers' pages. Views that
do not lay Figure 1 out take any size; `--max-elements` moves the limit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from logicmodel.cli import cli, render_export
from logicmodel.fileformat.loading import load
from logicmodel.renderers.limits import FIGURE1_MAX_ELEMENTS, element_count
from logicmodel.serving.server import Server

from .conftest import FIGURE1

# Each command that lays Figure 1 out, as a user types it after the model's name.
FIGURE1_COMMANDS = {
    "picture": ["render", "{model}"],
    "svg": ["render", "{model}", "--format", "svg"],
    "page": ["render", "{model}", "--view", "html"],
    "report": ["report", "{model}"],
    "gexf": ["export", "{model}", "--format", "gexf"],
    "yed": ["export", "{model}", "--format", "graphml", "--yed"],
}
# And what each one tells the user to do instead, besides strands and --max-elements.
INSTEAD = {
    "picture": "--view graph",
    "svg": "--view graph",
    "page": "--layout graph",
    "report": "--view graph",
    "gexf": "--format graphml",
    "yed": "leave --yed out",
}


def wide_model(elements: int) -> dict[str, object]:
    """Return a valid model of `elements` elements: activities all leading to one outcome."""
    return {
        "logicmodel": 1,
        "title": f"Wide model of {elements:,} elements",
        "partners": [{"id": "p", "name": "Partner"}],
        "activities": [
            {"id": f"a{i}", "label": f"Activity {i}", "by": "p", "leads_to": ["end"]}
            for i in range(elements - 1)
        ],
        "ultimate": [{"id": "end", "label": "End"}],
    }


@pytest.fixture(scope="module")
def too_large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a model file one element past Figure 1's limit."""
    path = tmp_path_factory.mktemp("large") / "large.json"
    path.write_text(json.dumps(wide_model(FIGURE1_MAX_ELEMENTS + 1)), "utf-8")
    return path


def run(arguments: list[str], model: Path) -> tuple[int, str, list[str]]:
    """Return a command's exit status, its stderr and the files its model's folder then holds."""
    result = CliRunner().invoke(cli, [a.format(model=model) for a in arguments])
    return result.exit_code, result.stderr, sorted(p.name for p in model.parent.iterdir())


@pytest.mark.parametrize("view", FIGURE1_COMMANDS)
def test_a_model_past_the_limit_is_refused_in_one_line(too_large: Path, view: str) -> None:
    before = sorted(p.name for p in too_large.parent.iterdir())
    status, stderr, after = run(FIGURE1_COMMANDS[view], too_large)
    assert status == 4
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert f"{FIGURE1_MAX_ELEMENTS + 1:,} elements" in lines[0]
    for way in (INSTEAD[view], "strands", "--max-elements"):
        assert way in lines[0]
    assert after == before  # nothing written


def test_the_limit_is_the_users_to_move(tmp_path: Path) -> None:
    model = tmp_path / "figure1.yaml"
    model.write_bytes(FIGURE1.read_bytes())
    count = element_count(load(model))
    status, stderr, _ = run(["render", "{model}", "--max-elements", str(count - 1)], model)
    assert status == 4 and f"{count:,} elements" in stderr
    status, _, files = run(["render", "{model}", "--max-elements", str(count)], model)
    assert status == 0 and "figure1.png" in files


@pytest.mark.parametrize(
    "arguments",
    [
        ["render", "{model}", "--view", "graph", "-o", "{model}.dot"],
        ["export", "{model}", "--format", "graphml"],
        ["export", "{model}", "--format", "json"],
        ["render", "{model}", "--view", "figure2"],
    ],
)
def test_views_without_figure1_take_any_size(tmp_path: Path, arguments: list[str]) -> None:
    model = tmp_path / "figure1.yaml"
    model.write_bytes(FIGURE1.read_bytes())
    status, stderr, files = run([*arguments, "--max-elements", "1"], model)
    assert status == 0, stderr
    assert len(files) == 2


def test_a_slow_layout_says_so_on_stderr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render_export, "FIGURE1_SLOW_ELEMENTS", 5)
    model = tmp_path / "figure1.yaml"
    model.write_bytes(FIGURE1.read_bytes())
    count = element_count(load(model))
    result = CliRunner().invoke(cli, ["render", str(model), "--format", "svg"])
    assert result.exit_code == 0
    assert f"laying out Figure 1 of {count:,} elements" in result.stderr
    assert result.stdout.strip() == str(tmp_path / "figure1.svg")


@pytest.mark.parametrize("editing", [False, True])
def test_the_servers_page_says_why_and_what_to_do(too_large: Path, editing: bool) -> None:
    with Server([str(too_large)], editing=editing) as server:
        page = server.page_for(0)
    assert f"{FIGURE1_MAX_ELEMENTS + 1:,} elements" in page
    assert "--layout graph" in page and "strands" in page
    assert "--max-elements" not in page  # the servers take no such option
    assert "lm-diagram" not in page


def test_the_diff_picture_of_a_model_past_the_limit_is_refused(too_large: Path) -> None:
    """`diff --view` draws Figure 1 of the new side: past the limit it refuses in one line,
    without offering --max-elements, which diff does not take, and writes nothing."""
    old = too_large.parent / "old.json"
    old.write_text(json.dumps(wide_model(3)), "utf-8")
    before = sorted(p.name for p in too_large.parent.iterdir())
    target = too_large.parent / "changes.png"
    status, stderr, after = run(
        ["diff", str(old), "{model}", "--view", "-o", str(target)], too_large
    )
    assert status == 4
    assert len(stderr.strip().splitlines()) == 1, stderr
    assert f"{FIGURE1_MAX_ELEMENTS + 1:,} elements" in stderr
    assert "--max-elements" not in stderr
    assert after == before
    old.unlink()


def test_the_python_api_refuses_a_figure1_view_past_the_limit_too(too_large: Path) -> None:
    """`logicmodel.render` and `logicmodel.export` hold the same limit as the command line,
    and `max_elements=` moves it."""
    import logicmodel

    target = too_large.parent / "api.svg"
    with pytest.raises(ValueError, match="max_elements="):
        logicmodel.render(too_large, target)
    with pytest.raises(ValueError, match="max_elements="):
        logicmodel.export(too_large, too_large.parent / "api.gexf")
    assert not target.exists()
    small = too_large.parent / "small.json"
    small.write_text(json.dumps(wide_model(3)), "utf-8")
    with pytest.raises(ValueError, match="max_elements="):
        logicmodel.render(small, target, max_elements=2)
    assert logicmodel.render(small, target, max_elements=3) == target and target.exists()
    small.unlink()
    target.unlink()
