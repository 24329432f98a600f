"""`logicmodel diff`: hand-made pairs (rename, move, relink, a partner leaves), a property test
over the builder's edits, the command line, the picture, and git using it as a diff driver."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from logicmodel.analysis.diffing import (
    ADDED,
    FIELD,
    LANE,
    LINK_ADDED,
    LINK_REMOVED,
    MODEL,
    MOVED,
    OUTCOME,
    PARTNER_ADDED,
    PARTNER_REMOVED,
    PARTNER_RENAMED,
    RELABELLED,
    REMOVED,
    RENAMED,
    Entry,
    diff,
    element_facts,
)
from logicmodel.analysis.tracing import whatif
from logicmodel.cli import cli
from logicmodel.editing.layer import Draft, EditError
from logicmodel.fileformat.loading import LoadError, load
from logicmodel.models import CONTRIBUTION_STAGES, OUTCOME_STAGES, LogicModel
from logicmodel.renderers.diff_view import render_diff

from .conftest import FIGURE1, SAMPLES


def edited(path: Path = FIGURE1, **_: Any) -> tuple[LogicModel, Draft]:
    draft = Draft.open(path)
    return draft.model, draft


def kinds(entries: list[Entry]) -> list[tuple[str, str]]:
    return [(e.change, e.id) for e in entries if e.change != OUTCOME]


# ---------------------------------------------------------------- hand-made pairs


def test_a_model_against_itself_is_empty() -> None:
    model = load(FIGURE1)
    result = diff(model, model)
    assert result.empty
    assert result.text().endswith("no differences\n")


def test_a_rename_is_one_change_and_changes_no_link_or_outcome() -> None:
    old, draft = edited()
    draft.rename("joint-diagnosis", "needs-assessment")
    result = diff(old, draft.model)
    assert result.entries == [
        Entry(
            RENAMED,
            "needs-assessment",
            "Joint diagnosis of needs",
            "activities",
            "id",
            "joint-diagnosis",
            "needs-assessment",
        )
    ]
    assert "~ activity 'needs-assessment' renamed from 'joint-diagnosis'" in result.text()


def test_a_move_between_stages() -> None:
    old, draft = edited()
    draft.move("b-statutory", "outputs")  # it leads to an output: a link within outputs now
    result = diff(old, draft.model)
    assert kinds(result.entries) == [(MOVED, "b-statutory")]
    assert (result.entries[0].before, result.entries[0].after) == ("activities", "outputs")


def test_a_relink_shows_the_links_and_the_outcome_it_changes() -> None:
    old, draft = edited()
    draft.unlink("c-outputs", "more-frequent")
    draft.link("c-outputs", "core-standards")
    result = diff(old, draft.model)
    assert [
        (e.change, e.id, e.field, e.before, e.after) for e in result.of(LINK_ADDED, LINK_REMOVED)
    ] == [
        (LINK_ADDED, "c-outputs", "leads_to", None, "core-standards"),
        (LINK_REMOVED, "c-outputs", "leads_to", "more-frequent", None),
    ]
    # More frequent services lose their only green support: collaboration is all that is left.
    changed = {(e.id, e.field): (e.before, e.after) for e in result.of(OUTCOME)}
    assert changed[("more-frequent", "trace_class")] == ("collaborative-gain", "collaboration-only")
    assert changed[("more-frequent", "depends_on_collaboration")] == (False, True)


def test_a_partner_leaving_agrees_with_whatif() -> None:
    old, draft = edited()
    for own in ("c-outputs", "c-services", "c-resources"):
        draft.remove(own, force=True)
    draft.remove_partner("partner-c", force=True)
    new = draft.model
    result = diff(old, new)
    assert result.of(PARTNER_REMOVED) == [Entry(PARTNER_REMOVED, "partner-c", "Partner C")]
    assert {e.id for e in result.of(REMOVED)} == {"c-outputs", "c-services", "c-resources"}
    # Joint work goes on with the partners left: the same lane, fewer partners.
    joint = [e for e in result.of(LANE)]
    assert joint and all(e.after["partners"] == ["partner-a", "partner-b"] for e in joint)
    assert all(e.after["collaborative"] for e in joint)
    scenario = whatif(old, ["partner-c"])
    expected = {
        c.id: (c.before.trace_class.value, c.after.trace_class.value)
        for c in scenario.changes
        if c.before.trace_class is not c.after.trace_class
    }
    found = {e.id: (e.before, e.after) for e in result.of(OUTCOME) if e.field == "trace_class"}
    assert found == expected and found


def test_a_renamed_partner_is_one_change() -> None:
    old, draft = edited()
    draft.rename_partner("partner-a", "agency-a")
    result = diff(old, draft.model)
    assert kinds(result.entries) == [(PARTNER_RENAMED, "agency-a")]


def test_a_new_partner_joins_the_work_done_by_all() -> None:
    old, draft = edited()
    draft.add_partner("health", "Health Board")
    result = diff(old, draft.model)
    by_all = [c.id for _, c in old.contributions() if c.by == "all"]
    assert kinds(result.entries) == [*((LANE, i) for i in by_all), (PARTNER_ADDED, "health")]
    assert all(e.after["partners"][-1] == "health" for e in result.of(LANE))


# ---------------------------------------------------------------- property


EDITS = (
    "relabel",
    "rename",
    "move",
    "link",
    "unlink",
    "add",
    "remove",
    "notes",
    "partner",
    "partner-rename",
    "lane",
    "title",
)


def _links(model: LogicModel) -> list[tuple[str, str, str]]:
    return [(f.id, kind, target) for f in element_facts(model).values() for kind, target in f.links]


def apply_edit(
    draft: Draft, model: LogicModel, edit: str, data: st.DataObject
) -> set[tuple[Any, ...]]:
    """Make one builder edit and return the diff entries it must give (links as
    (change, source, kind, target), the rest as (change, id, field))."""
    facts = element_facts(model)
    ids = list(facts)
    ident = data.draw(st.sampled_from(ids))
    links = _links(model)
    if edit == "relabel":
        draft.set(ident, "label", "A label nobody wrote before")
        return {(RELABELLED, ident, "label")}
    if edit == "rename":
        draft.rename(ident, "renamed-element")
        return {(RENAMED, "renamed-element", "id")}
    if edit == "move":
        group = CONTRIBUTION_STAGES if not facts[ident].stage.is_outcome else OUTCOME_STAGES
        stage = data.draw(st.sampled_from([s for s in group if s is not facts[ident].stage]))
        draft.move(ident, stage)
        return {(MOVED, ident, "stage")}
    if edit == "link":
        target = data.draw(st.sampled_from(ids))
        assume((ident, "leads_to", target) not in links and ident != target)
        draft.link(ident, target)
        return {(LINK_ADDED, ident, "leads_to", target)}
    if edit == "unlink":
        assume(links)
        source, kind, target = data.draw(st.sampled_from(links))
        draft.unlink(source, target, enhances=kind == "enhances")
        return {(LINK_REMOVED, source, kind, target)}
    if edit == "add":
        partner = data.draw(st.sampled_from(model.partner_ids()))
        draft.add("activities", "added-element", "A new activity", by=partner)
        return {(ADDED, "added-element", "")}
    if edit == "remove":
        draft.remove(ident, force=True)
        gone = {(LINK_REMOVED, s, k, t) for s, k, t in links if ident in (s, t)}
        return {(REMOVED, ident, ""), *gone}
    if edit == "notes":
        draft.set(ident, "notes", "A note nobody wrote before")
        return {(FIELD, ident, "notes")}
    if edit == "partner":
        draft.add_partner("new-partner", "A new partner")
        by_all = {(LANE, c.id, "by") for _, c in model.contributions() if c.by == "all"}
        return {(PARTNER_ADDED, "new-partner", ""), *by_all}
    if edit == "title":
        draft.set("model", "title", "A title nobody wrote before")
        return {(MODEL, "model", "title")}
    if edit == "lane":
        stage, contribution = data.draw(st.sampled_from(list(model.contributions())))
        by = data.draw(st.sampled_from(["all", *model.partner_ids()]))
        draft.set(contribution.id, "by", by)
        partners = tuple(model.partner_ids()) if by == "all" else (by,)
        joint = contribution.collaborative
        joint = len(partners) >= 2 if joint is None else joint
        was = (tuple(model.partners_of(contribution)), model.is_collaborative(contribution))
        return set() if was == (partners, joint) else {(LANE, contribution.id, "by")}
    partner = data.draw(st.sampled_from(model.partner_ids()))
    draft.rename_partner(partner, "renamed-partner")
    return {(PARTNER_RENAMED, "renamed-partner", "id")}


def entry_key(entry: Entry) -> tuple[Any, ...]:
    if entry.change in (LINK_ADDED, LINK_REMOVED):
        return (entry.change, entry.id, entry.field, entry.after or entry.before)
    return (entry.change, entry.id, entry.field)


@settings(
    max_examples=int(os.environ.get("DIFF_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(st.sampled_from(SAMPLES), st.sampled_from(EDITS), st.data())
def test_a_builder_edit_gives_exactly_its_entries(
    sample: Path, edit: str, data: st.DataObject
) -> None:
    draft = Draft.open(sample)
    old = draft.model
    assert diff(old, old).empty
    try:
        expected = apply_edit(draft, old, edit, data)
        new = draft.model
    except (EditError, LoadError):
        assume(False)  # an edit the builder refuses, or that makes an invalid model
        return
    result = diff(old, new)
    assert {entry_key(e) for e in result.entries if e.change != OUTCOME} == expected
    assert len([e for e in result.entries if e.change != OUTCOME]) == len(expected)
    if edit in ("relabel", "rename", "notes", "partner", "partner-rename", "title"):
        assert not result.of(OUTCOME)  # none of these changes what supports an outcome
    assert diff(new, new).empty


# ---------------------------------------------------------------- command line


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    old = tmp_path / "old.yaml"
    shutil.copy(FIGURE1, old)
    draft = Draft.open(FIGURE1)
    draft.rename("joint-diagnosis", "needs-assessment")
    draft.add("activities", "new-joint", "A new joint activity", by="all", leads_to=["trust"])
    draft.remove("b-services", force=True)
    new = tmp_path / "new.yaml"
    draft.save(new)
    return old, new


def test_text_and_json(runner: CliRunner, pair: tuple[Path, Path]) -> None:
    old, new = pair
    text = runner.invoke(cli, ["diff", str(old), str(new)])
    assert text.exit_code == 0
    assert "+ activity 'new-joint': A new joint activity" in text.stdout
    assert "- activity 'b-services'" in text.stdout
    document = json.loads(
        runner.invoke(cli, ["diff", str(old), str(new), "--format", "json"]).stdout
    )
    assert (document["old"], document["new"]) == (str(old), str(new))
    changes = {(c["change"], c["id"]) for c in document["changes"]}
    assert {(ADDED, "new-joint"), (REMOVED, "b-services"), (RENAMED, "needs-assessment")} <= changes
    assert set(document["changes"][0]) == {
        "change",
        "id",
        "label",
        "stage",
        "field",
        "before",
        "after",
    }


def test_exit_code_as_git_diff(runner: CliRunner, pair: tuple[Path, Path]) -> None:
    old, new = pair
    assert runner.invoke(cli, ["diff", str(old), str(new), "--exit-code"]).exit_code == 1
    assert runner.invoke(cli, ["diff", str(old), str(old), "--exit-code"]).exit_code == 0


def test_bad_inputs(runner: CliRunner, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("logicmodel: 1\ntitle: [\n", "utf-8")
    result = runner.invoke(cli, ["diff", str(FIGURE1), str(broken)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{broken}:")
    assert "Traceback" not in result.output
    missing = runner.invoke(cli, ["diff", str(FIGURE1), str(tmp_path / "none.yaml")])
    assert missing.exit_code == 5
    assert runner.invoke(cli, ["diff", str(FIGURE1)]).exit_code == 4


def test_the_picture_marks_new_and_changed_and_lists_removed(pair: tuple[Path, Path]) -> None:
    old, new = pair
    figure = render_diff(diff(load(old), load(new)))
    axes_texts = [t.get_text() for t in figure.axes[0].texts]
    assert axes_texts.count("new") == 1
    assert "changed" in axes_texts
    listed = [t.get_text() for t in figure.texts]
    assert "Removed:" in listed
    assert any("b-services" in line for line in listed)


def test_the_picture_is_written(runner: CliRunner, pair: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = pair
    out = tmp_path / "changes.svg"
    result = runner.invoke(cli, ["diff", str(old), str(new), "--view", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text("utf-8").lstrip().startswith("<?xml")


# ---------------------------------------------------------------- git


@pytest.mark.needs("git")
def test_git_uses_it_as_a_diff_driver(tmp_path: Path) -> None:
    def git(*args: str) -> str:
        env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
        done = subprocess.run(
            ["git", *args], cwd=tmp_path, env=env, capture_output=True, text=True, check=True
        )
        return done.stdout

    git("init", "-q")
    git("config", "user.email", "t@example.org")
    git("config", "user.name", "t")
    # The lines the README gives, with this interpreter for `logicmodel`.
    (tmp_path / ".gitattributes").write_text("*.yaml diff=logicmodel\n", "utf-8")
    git("config", "diff.logicmodel.command", f"{sys.executable} -m logicmodel diff")
    shutil.copy(FIGURE1, tmp_path / "model.yaml")
    git("add", ".")
    git("commit", "-qm", "first")
    Draft.open(tmp_path / "model.yaml").rename("joint-diagnosis", "needs-assessment").save()
    shown = git("diff")
    assert "--- a/model.yaml" in shown
    assert "~ activity 'needs-assessment' renamed from 'joint-diagnosis'" in shown
    # A new file: everything in it is added.
    shutil.copy(FIGURE1, tmp_path / "second.yaml")
    git("add", "second.yaml")
    added = git("diff", "--cached", "--", "second.yaml")
    assert "+ partner 'partner-a': Partner A" in added
    assert "+ interim outcome 'trust'" in added
