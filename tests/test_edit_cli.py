"""The building and editing commands: one line each for what changed, --dry-run diffs, and
refusals that leave the file as it was, with the exit status they promise."""

from __future__ import annotations

import json
import os
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from logicmodel.cli import cli
from logicmodel.editing.layer import Draft
from logicmodel.fileformat.loading import load

from .conftest import FIGURE1, ROOT

EDIT_COMMANDS = [
    ["new"],
    ["add"],
    ["link"],
    ["unlink"],
    ["rename"],
    ["move"],
    ["remove"],
    ["set"],
    ["partner"],
    ["partner", "add"],
    ["partner", "rename"],
    ["partner", "remove"],
]


def figure1(tmp_path: Path) -> Path:
    path = tmp_path / "figure1.yaml"
    path.write_bytes(FIGURE1.read_bytes())
    return path


def run(runner: CliRunner, *args: str | Path, input: str | None = None) -> click.testing.Result:
    return runner.invoke(cli, [str(a) for a in args], input=input)


@pytest.mark.parametrize("command", EDIT_COMMANDS, ids=" ".join)
def test_every_editing_command_explains_itself_with_an_example(
    runner: CliRunner, command: list[str]
) -> None:
    result = run(runner, *command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.output
    found: click.Command = cli
    for word in command:
        assert isinstance(found, click.Group)
        found = found.commands[word]
    assert all(p.help for p in found.params if isinstance(p, click.Option))


# ---------------------------------------------------------------- each command, one line


def test_each_edit_prints_what_it_changed_in_one_line(runner: CliRunner, tmp_path: Path) -> None:
    path = figure1(tmp_path)
    steps = [
        (
            ["rename", path, "trust", "mutual-trust"],
            "renamed interim outcome 'trust' to 'mutual-trust' (2 places)",
        ),
        (
            [
                "add",
                path,
                "outputs",
                "--id",
                "trust-survey",
                "--label",
                "Trust survey results",
                "--by",
                "partner-a,partner-b",
                "--leads-to",
                "mutual-trust",
            ],
            "added output 'trust-survey' (leads to mutual-trust)",
        ),
        (
            ["link", path, "joint-diagnosis", "trust-survey"],
            "linked 'joint-diagnosis' -> 'trust-survey' (leads_to)",
        ),
        (
            ["link", path, "integrated-planning", "b-services", "--enhances"],
            "linked 'integrated-planning' -> 'b-services' (enhances)",
        ),
        (
            ["unlink", path, "integrated-planning", "b-services", "--enhances"],
            "unlinked 'integrated-planning' -> 'b-services' (enhances)",
        ),
        (
            ["move", path, "trust-survey", "outputs", "--after", "a-outputs"],
            "moved output 'trust-survey' after 'a-outputs'",
        ),
        (
            ["set", path, "trust-survey", "label", "Trust survey: results"],
            "set label of element 'trust-survey'",
        ),
        (["set", path, "trust-survey", "notes", "--unset"], None),
        (
            ["set", path, "partnership", "vision", "Working together"],
            "set vision of the partnership",
        ),
        (
            ["remove", path, "trust-survey", "--force"],
            "removed output 'trust-survey'; dropped the links from joint-diagnosis (leads_to)",
        ),
        (
            ["partner", "add", path, "partner-d", "Partner D", "--short", "D"],
            "added partner 'partner-d' (Partner D)",
        ),
        (
            ["partner", "rename", path, "partner-d", "dee"],
            "renamed partner 'partner-d' to 'dee' (1 place)",
        ),
        (["partner", "remove", path, "dee"], "removed partner 'dee'"),
    ]
    for args, said in steps:
        result = run(runner, *[str(a) for a in args])
        if said is None:
            assert result.exit_code == 4
            assert "has no 'notes'" in result.output
            continue
        assert result.exit_code == 0, result.output
        assert result.output == f"{path}: {said}\n"
    model = load(path)
    assert model.partnership.vision == "Working together"
    assert "mutual-trust" in [e.id for e in model.interim]
    check = run(runner, "check", path)
    assert check.exit_code == 0


REST = "joint-marketing, integrated-planning, shared-intelligence]"


def test_dry_run_prints_the_diff_and_writes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    path = figure1(tmp_path)
    before = path.read_bytes()
    result = run(runner, "rename", path, "joint-diagnosis", "needs-assessment", "--dry-run")
    assert result.exit_code == 0
    assert path.read_bytes() == before
    changed = [line for line in result.output.splitlines() if line[:1] in "+-"]
    assert changed == [
        f"--- a/{str(path).lstrip('/')}",
        f"+++ b/{str(path).lstrip('/')}",
        "-    leads_to: [joint-diagnosis, " + REST,
        "+    leads_to: [needs-assessment, " + REST,
        "-  - id: joint-diagnosis",
        "+  - id: needs-assessment",
    ]


# ---------------------------------------------------------------- refusals


def test_an_invalid_result_exits_2_located_and_leaves_the_file(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = figure1(tmp_path)
    before = path.read_bytes()
    result = run(runner, "link", path, "trust", "pooled-resources")
    assert result.exit_code == 2
    first, second = result.output.splitlines()
    assert first == (
        f"{path}: not changed: the edit would make it an invalid model "
        "(lines as they would be after the edit):"
    )
    assert re.fullmatch(
        rf"{re.escape(str(path))}:\d+:\d+: interim outcome 'trust' links back to input "
        r"'pooled-resources'.*",
        second,
    )
    assert path.read_bytes() == before


def test_a_dry_run_of_an_invalid_edit_is_refused_too(runner: CliRunner, tmp_path: Path) -> None:
    path = figure1(tmp_path)
    result = run(runner, "rename", path, "trust", "pooled-resources", "--dry-run")
    assert result.exit_code == 4
    assert "'pooled-resources' is already the id of another element" in result.output
    assert "---" not in result.output


def test_a_move_that_runs_a_link_backward_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    path = figure1(tmp_path)
    before = path.read_bytes()
    result = run(runner, "move", path, "a-outputs", "inputs")
    assert result.exit_code == 2
    assert "activity 'a-services' links back to input 'a-outputs'" in result.output
    assert path.read_bytes() == before


def test_remove_while_linked_is_refused_with_the_ways_out(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = figure1(tmp_path)
    before = path.read_bytes()
    result = run(runner, "remove", path, "joint-campaign")
    assert result.exit_code == 4
    assert result.output == (
        f"{path}: output 'joint-campaign' is linked from 'joint-marketing' (leads_to): use "
        "--relink to join them to what it leads to (higher-uptake), or --force to drop those "
        "links\n"
    )
    assert path.read_bytes() == before
    assert run(runner, "remove", path, "joint-campaign", "--relink", "--force").exit_code == 4
    relinked = run(runner, "remove", path, "joint-campaign", "--relink")
    assert relinked.exit_code == 0
    assert load(path).activities[5].leads_to == ["higher-uptake"]


def test_a_file_changed_on_disk_meanwhile_is_not_written(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = figure1(tmp_path)
    opened = Draft.open

    def open_then_someone_saves(*args: object, **kwargs: object) -> Draft:
        draft = opened(*args, **kwargs)  # type: ignore[arg-type]
        path.write_text(path.read_text("utf-8") + "# a colleague's note\n", "utf-8")
        return draft

    monkeypatch.setattr(Draft, "open", open_then_someone_saves)
    result = run(runner, "rename", path, "trust", "mutual-trust")
    assert result.exit_code == 4
    assert "changed on disk since it was read" in result.output
    assert path.read_text("utf-8").endswith("# a colleague's note\n")
    assert "mutual-trust" not in path.read_text("utf-8")


@pytest.mark.parametrize(
    ("args", "status", "said"),
    [
        (
            ["rename", "{path}", "trsut", "x"],
            4,
            "no element or partner 'trsut' (did you mean 'trust'?)",
        ),
        (["set", "{path}", "trust", "colour", "red"], 4, "'colour' is not a field"),
        (["set", "{path}", "trust", "label"], 4, "give a VALUE, or --unset"),
        (["add", "{path}", "inputs", "--id", "x", "--label", "X"], 4, "an input needs `by`"),
        (["move", "{path}", "trust", "later"], 4, "Invalid value for 'STAGE'"),
        (["rename", "{missing}", "a", "b"], 5, "no such file"),
        (["rename", "{bad}", "a", "b"], 2, "unknown element"),
    ],
)
def test_requests_that_cannot_be_done_exit_with_their_status(
    runner: CliRunner, tmp_path: Path, args: list[str], status: int, said: str
) -> None:
    path = figure1(tmp_path)
    bad = tmp_path / "bad.yaml"
    bad.write_text(FIGURE1.read_text("utf-8").replace("[a-services]", "[a-servics]"), "utf-8")
    names = {"path": path, "missing": tmp_path / "none.yaml", "bad": bad}
    result = run(runner, *[a.format(**names) for a in args])
    assert result.exit_code == status
    assert said in result.output
    assert path.read_bytes() == FIGURE1.read_bytes()


# ---------------------------------------------------------------- new

NEW_OPTIONS = [
    "--title", "Safer streets in Anytown",
    "--area", "Anytown",
    "--partner", "council=Anytown Council",
    "--partner", "police=Anytown Police Division",
    "--type", "strategic",
    "--focus", "Fewer people harmed by antisocial behaviour in the town centre",
    "--vision", "A town centre everyone feels safe in",
    "--ultimate", "Anytown is a safer place to live",
    "--intermediate", "Residents feel safe in the town centre",
    "--interim", "Fewer antisocial incidents",
    "--activity", "all=Weekly joint tasking on shared incident data",
    "--activity", "council=Warden patrols",
    "--activity", "police=Neighbourhood policing",
    "--gain", "Fewer antisocial incidents=Patrols sent where the shared data shows trouble",
]  # fmt: skip


def test_new_without_prompts_writes_a_model_that_checks_clean(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "safer.yaml"
    result = run(runner, "new", path, *NEW_OPTIONS, "--no-interactive")
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"{path}: new model: 2 partners, 6 elements; advice to follow up: LM113, LM114, LM140\n"
    )
    text = path.read_text("utf-8")
    assert text.startswith("# Safer streets in Anytown: a partnership's outcome logic model")
    assert "type: strategic                   # informal | strategic | statutory" in text
    model = load(path)
    assert [e.id for e in model.activities] == [
        "weekly-joint-tasking-on-shared",
        "warden-patrols",
        "neighbourhood-policing",
    ]
    assert model.interim[0].gain == "Patrols sent where the shared data shows trouble"
    assert model.interim[0].leads_to == ["residents-feel-safe"]  # cut at a whole word
    assert model.partnership.lead == "council"
    check = run(runner, "check", path)
    assert check.exit_code == 0
    assert check.output.splitlines()[-1].startswith(f"{path}: ok: 2 partners, 6 elements")


def test_new_refuses_to_replace_a_file_unless_forced(runner: CliRunner, tmp_path: Path) -> None:
    path = figure1(tmp_path)
    result = run(runner, "new", path, "--title", "T", "--partner", "a=A")
    assert result.exit_code == 4
    assert "already exists; use --force" in result.output
    assert path.read_bytes() == FIGURE1.read_bytes()
    assert run(runner, "new", path, "--title", "T", "--partner", "a=A", "--force").exit_code == 0
    assert load(path).title == "T"


def test_new_without_answers_and_no_terminal_says_what_it_needs(
    runner: CliRunner, tmp_path: Path
) -> None:
    result = run(runner, "new", tmp_path / "m.yaml")
    assert result.exit_code == 4
    assert "give --title and at least one --partner" in result.output
    assert not (tmp_path / "m.yaml").exists()


def test_new_writes_json_for_a_json_file(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    assert run(runner, "new", path, *NEW_OPTIONS).exit_code == 0
    data = json.loads(path.read_text("utf-8"))
    assert data["activities"][0]["by"] == "all"
    assert load(path).ultimate[0].id == "anytown-is-a-safer-place"


PROMPTS = [
    ("Title of the model", "Safer streets in Anytown"),
    ("Area it covers", "Anytown"),
    ("Name of the partnership", ""),
    ("Type", "statutory"),
    ("agreed focus", "Fewer people harmed by antisocial behaviour"),
    ("shared vision", "A town everyone feels safe in"),
    ("Partner", "council=Anytown Council"),
    ("Partner", "Anytown Police Division"),
    ("Partner", ""),
    ("Lead partner", "anytown-police-division"),
    ("Ultimate outcome", "Anytown is a safer place to live"),
    ("Intermediate outcome", "Residents feel safe"),
    ("Intermediate outcome", ""),
    ("Interim (short-term) outcome", "Fewer antisocial incidents"),
    ("Interim (short-term) outcome", ""),
    ("Output", ""),
    ("Activity", "Weekly joint tasking"),
    ("By", ""),
    ("Leads to", ""),
    ("Activity", "Warden patrols"),
    ("By", "council"),
    ("Leads to", "1"),
    ("Activity", ""),
    ("What does working together add", "Patrols sent where the data shows trouble"),
]


def check_asked_model(path: Path) -> None:
    model = load(path)
    assert model.title == "Safer streets in Anytown"
    assert model.partnership.name == "Safer streets in Anytown"
    assert model.partnership.type is not None and model.partnership.type.value == "statutory"
    assert model.partner_ids() == ["council", "anytown-police-division"]
    assert model.partnership.lead == "anytown-police-division"
    assert [(e.id, e.by) for e in model.activities] == [
        ("weekly-joint-tasking", "all"),
        ("warden-patrols", "council"),
    ]
    assert model.interim[0].gain == "Patrols sent where the data shows trouble"


def test_new_asks_outcome_first_through_click_prompts(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "asked.yaml"
    answers = "".join(answer + "\n" for _, answer in PROMPTS)
    result = run(runner, "new", path, "--interactive", input=answers)
    assert result.exit_code == 0, result.output
    asked = [line for line in result.output.splitlines() if ":" in line]
    order = [prompt for prompt, _ in PROMPTS]
    positions = [next(i for i, line in enumerate(asked) if p in line) for p in dict.fromkeys(order)]
    assert positions == sorted(positions)
    check_asked_model(path)
    assert run(runner, "check", path).exit_code == 0


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_new_asks_in_a_real_terminal(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "asked.yaml"
    leader, follower = os.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "logicmodel", "new", str(path)],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        cwd=ROOT,
        env={**os.environ, "TERM": "dumb", "COLUMNS": "200"},
        close_fds=True,
    )
    os.close(follower)
    seen = ""
    try:
        for prompt, answer in PROMPTS:
            seen = expect(leader, seen, prompt)
            os.write(leader, answer.encode("utf-8") + b"\n")
        assert process.wait(timeout=60) == 0
        seen = expect(leader, seen, "new model:")
    finally:
        process.kill()
        os.close(leader)
    check_asked_model(path)
    assert run(runner, "check", path).exit_code == 0


def expect(leader: int, seen: str, wanted: str, timeout: float = 30) -> str:
    """Read the terminal until `wanted` appears; return what follows it."""
    deadline = time.monotonic() + timeout
    while wanted not in seen:
        remaining = deadline - time.monotonic()
        assert remaining > 0, f"waited for {wanted!r}; the terminal showed {seen!r}"
        ready, _, _ = select.select([leader], [], [], remaining)
        if not ready:
            continue
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the process ended and closed the terminal
            chunk = b""
        if not chunk:
            assert wanted in seen, f"the terminal closed before {wanted!r}: {seen!r}"
        seen += chunk.decode("utf-8", "replace")
    return seen[seen.index(wanted) + len(wanted) :]


# ---------------------------------------------------------------- the README's examples


def readme_section() -> str:
    readme = (ROOT / "docs" / "planners.md").read_text("utf-8")
    return readme.split("## Building and editing models\n", 1)[1].split("\n## ", 1)[0]


def test_the_readme_commands_run_in_order_and_say_what_it_quotes(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shlex

    section = readme_section()
    block = section.split("```console\n", 1)[1].split("```", 1)[0].replace("\\\n", " ")
    monkeypatch.chdir(tmp_path)
    said = []
    for line in block.splitlines():
        words = shlex.split(line, comments=True)
        assert words[0] == "logicmodel"
        result = run(runner, *words[1:])
        assert result.exit_code == 0, (line, result.output)
        said.append(result.output.strip())
    prose = " ".join(section.split())
    for quoted in re.findall(r"`(safer\.yaml: [^`]+)`", prose):
        assert quoted in said
    assert run(runner, "check", "safer.yaml").exit_code == 0


def test_the_readme_diff_is_what_rename_prints(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    diff = readme_section().split("```diff\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(ROOT)
    result = run(
        runner, "rename", "samples/figure1.yaml", "joint-diagnosis", "needs-assessment", "--dry-run"
    )
    assert result.exit_code == 0
    assert result.output == diff


def test_the_readme_python_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code = readme_section().split("```python\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md", "exec"), {})
    model = load(tmp_path / "safer.yaml")
    assert [e.id for e in model.activities] == ["tasking", "warden-patrols"]
    assert model.activities[0].enhances == ["warden-patrols"]
    assert model.activities[1].notes == "Two wardens, seven days a week"


def test_new_refuses_a_misspelt_partner_in_an_activity(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from logicmodel.cli import cli
    from logicmodel.status import ExitStatus

    target = tmp_path / "b.yaml"
    result = CliRunner().invoke(
        cli,
        ["new", str(target), "--title", "T", "--partner", "council=C", "--partner", "police=P"]
        + ["--activity", "concil=Warden patrols", "--ultimate", "U"],
    )
    assert result.exit_code == ExitStatus.USAGE
    assert "did you mean 'council'?" in result.output
    assert not target.exists()
