"""The editing layer: every edit keeps every word of the file it does not change, refuses what
would be invalid, and writes safely."""

from __future__ import annotations

import codecs
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

import logicmodel
from logicmodel.editing.layer import ChangedOnDisk, Draft, EditError
from logicmodel.editing.spans import parse_yaml_tree
from logicmodel.fileformat.loading import LoadError, load, loads
from logicmodel.models import LogicModel

from .conftest import FIGURE1, SAMPLES

ABERDEEN = FIGURE1.parent / "aberdeen-community-safety.yaml"


def copy(tmp_path: Path, source: Path = FIGURE1, name: str | None = None) -> Path:
    target = tmp_path / (name or source.name)
    target.write_bytes(source.read_bytes())
    return target


def data_of(path: Path) -> dict[str, Any]:
    model = load(path)
    dumped: dict[str, Any] = model.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    return dumped


def comments(text: str) -> list[str]:
    return [c for _, c in parse_yaml_tree(text).comments()]


def changed_lines(old: str, new: str) -> list[tuple[str, str]]:
    pairs = list(zip(old.split("\n"), new.split("\n"), strict=True))
    return [(a, b) for a, b in pairs if a != b]


# ---------------------------------------------------------------- nothing changes unasked


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_reading_and_saving_with_no_edit_changes_no_byte(sample: Path, tmp_path: Path) -> None:
    path = copy(tmp_path, sample)
    before = os.stat(path)
    draft = Draft.open(path)
    assert not draft.changed
    assert draft.diff() == ""
    assert draft.text.encode("utf-8") == sample.read_bytes()
    draft.save()
    after = os.stat(path)
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert path.read_bytes() == sample.read_bytes()


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_an_edit_undone_gives_back_the_file_byte_for_byte(sample: Path, tmp_path: Path) -> None:
    raw = codecs.BOM_UTF8 + sample.read_bytes().replace(b"\n", b"\r\n")
    path = tmp_path / sample.name
    path.write_bytes(raw)
    draft = Draft.open(path)
    first = next(iter(draft.element_ids()))
    partner = draft.partner_ids()[0]
    draft.rename(first, "renamed-for-a-while").rename(partner, "partner-for-a-while")
    draft.rename("renamed-for-a-while", first).rename("partner-for-a-while", partner)
    draft.save()
    assert path.read_bytes() == raw


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_rename_changes_only_the_renamed_words(sample: Path, tmp_path: Path) -> None:
    path = copy(tmp_path, sample)
    original = path.read_text("utf-8")
    draft = Draft.open(path)
    for old in [*list(draft.element_ids())[::4], *draft.partner_ids()[::2]]:
        draft = Draft.open(path)
        draft.rename(old, old + "-renamed")
        draft.save()
        text = path.read_text("utf-8")
        places = int(re.findall(r"\((\d+) places?\)", draft.changes[-1])[0])
        lines = changed_lines(original, text)
        assert sum(after.count(old + "-renamed") for _, after in lines) == places
        for before, after in lines:
            assert after.replace(old + "-renamed", old) == before
        path.write_text(original, "utf-8")


def test_rename_of_a_partner_reaches_every_reference(tmp_path: Path) -> None:
    path = copy(tmp_path)
    # Figure 1 names no lead partner; give the copy one so that the lead is a reference too.
    focus = "  focus: Initial understanding"
    path.write_text(path.read_text("utf-8").replace(focus, "  lead: partner-a\n" + focus), "utf-8")
    draft = Draft.open(path)
    draft.rename("partner-a", "council").save()
    model = load(path)
    assert model.partnership.lead == "council"
    assert "council" in model.partner_ids() and "partner-a" not in path.read_text("utf-8")
    assert draft.changes == ["renamed partner 'partner-a' to 'council' (5 places)"]


# ---------------------------------------------------------------- each edit


def test_add_writes_the_new_element_in_the_style_of_its_neighbour(tmp_path: Path) -> None:
    path = copy(tmp_path)
    draft = Draft.open(path)
    draft.add(
        "activities",
        "joint-visits",
        "Joint visits",
        by=["partner-a", "partner-b"],
        leads_to=["trust"],
        after="b-services",
    )
    draft.add(
        "interim",
        "fewer-gaps",
        "Fewer gaps: between services",
        leads_to=["improved-services"],
        gain="Gaps closed by working together",
    )
    draft.save()
    text = path.read_text("utf-8")
    assert (
        "  - {id: joint-visits, label: Joint visits, by: [partner-a, partner-b], "
        "leads_to: [trust]}\n" in text
    )
    assert (
        "  - id: fewer-gaps\n    label: 'Fewer gaps: between services'\n"
        "    leads_to: [improved-services]\n    gain: Gaps closed by working together\n"
    ) in text
    model = load(path)
    assert [e.id for e in model.activities].index("joint-visits") == 2
    assert comments(text) == comments(FIGURE1.read_text("utf-8"))


def test_add_to_a_stage_the_file_lacks_makes_the_section_in_its_place(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        "logicmodel: 1\ntitle: T\npartners:\n  - {id: a, name: A}\n\n"
        "activities:\n  - {id: act, label: Act, by: a}\n\n"
        "outputs: []  # none yet\n\nultimate:\n",
        "utf-8",
    )
    draft = Draft.open(path)
    draft.add("outputs", "out", "Out", by="a").add("ultimate", "end", "End").link("act", "out")
    draft.add("interim", "mid", "Mid", leads_to=["end"]).link("out", "mid").add(
        "inputs", "in", "In", by="a"
    )
    draft.save()
    assert path.read_text("utf-8") == (
        "logicmodel: 1\ntitle: T\npartners:\n  - {id: a, name: A}\n\n"
        "inputs:\n  - id: in\n    label: In\n    by: a\n\n"
        "activities:\n  - {id: act, label: Act, by: a, leads_to: [out]}\n\n"
        "outputs:  # none yet\n  - id: out\n    label: Out\n    by: a\n    leads_to: [mid]\n\n"
        "interim:\n  - id: mid\n    label: Mid\n    leads_to: [end]\n\n"
        "ultimate:\n  - id: end\n    label: End\n"
    )


def test_link_and_unlink_keep_each_list_in_its_style(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        "logicmodel: 1\ntitle: T\npartners: [{id: a, name: A}, {id: b, name: B}]\n"
        "activities:\n"
        "  - id: one\n    label: One\n    by: [a, b]\n    leads_to: single\n"
        "  - id: two\n    label: Two\n    by: a\n"
        "    leads_to:\n      - single  # why\n      - other\n"
        "interim:\n  - {id: single, label: S}\n  - {id: other, label: O}\n",
        "utf-8",
    )
    draft = Draft.open(path)
    draft.link("one", "other").unlink("two", "other").link("one", "two", enhances=True)
    draft.save()
    text = path.read_text("utf-8")
    assert "    leads_to: [single, other]\n    enhances: [two]\n" in text
    assert "    leads_to:\n      - single  # why\n  - id: one" not in text
    assert "    leads_to:\n      - single  # why\ninterim:" in text
    draft = Draft.open(path)
    draft.unlink("two", "single").unlink("one", "single").unlink("one", "other").save()
    text = path.read_text("utf-8")
    assert "    by: a\n    leads_to: []\n" in text
    assert "    by: [a, b]\n    leads_to: []\n    enhances: [two]\n" in text


def test_move_takes_the_comments_above_an_element_with_it(tmp_path: Path) -> None:
    path = copy(tmp_path)
    comment = "  # Solely red: outcomes of collaboration itself, whose effect on wider outcomes"
    Draft.open(path).move("partner-liaison", "intermediate", after="improved-services").save()
    text = path.read_text("utf-8")
    assert text.index(comment) > text.index("intermediate:")
    assert f"{comment} is hard to measure.\n  - id: partner-liaison\n" in text
    assert sorted(comments(text)) == sorted(comments(FIGURE1.read_text("utf-8")))
    assert [e.id for e in load(path).intermediate][:2] == ["improved-services", "partner-liaison"]


def test_move_within_a_stage_reorders(tmp_path: Path) -> None:
    path = copy(tmp_path)
    Draft.open(path).move("a-services", "activities", after="c-services").save()
    ids = [e.id for e in load(path).activities]
    assert ids[:4] == ["b-services", "c-services", "a-services", "b-statutory"]
    with pytest.raises(EditError, match="is there already"):
        Draft.open(path).move("a-services", "activities", after="c-services")


def test_move_that_would_run_a_link_backward_is_refused_with_the_reason(tmp_path: Path) -> None:
    path = copy(tmp_path)
    before = path.read_bytes()
    draft = Draft.open(path).move("a-outputs", "inputs")
    with pytest.raises(LoadError) as refused:
        draft.save()
    assert path.read_bytes() == before
    (fault,) = [f for f in refused.value.errors if "a-outputs" in f.message]
    assert "links back to input 'a-outputs'" in fault.message
    line = draft.text.split("\n")[fault.line - 1]
    assert "id: a-services" in line and line[fault.col - 1 :].startswith("a-outputs")


def test_remove_is_refused_while_linked_and_relinks_or_drops_on_request(tmp_path: Path) -> None:
    path = copy(tmp_path)
    with pytest.raises(EditError, match=r"linked from 'joint-marketing' \(leads_to\).*--relink"):
        Draft.open(path).remove("joint-campaign")
    draft = Draft.open(path).remove("joint-campaign", relink=True)
    assert draft.changes[-1] == (
        "removed output 'joint-campaign'; relinked joint-marketing -> higher-uptake"
    )
    draft.save()
    model = load(path)
    assert model.activities[5].id == "joint-marketing"
    assert model.activities[5].leads_to == ["higher-uptake"]
    draft = Draft.open(path).remove("a-services", force=True)
    assert (
        "dropped the links from a-resources (leads_to), joint-diagnosis (enhances)"
        in (draft.changes[-1])
    )
    draft.save()
    assert "a-services" not in path.read_text("utf-8")


def test_remove_takes_only_its_own_comments(tmp_path: Path) -> None:
    path = copy(tmp_path)
    original = comments(path.read_text("utf-8"))
    Draft.open(path).remove("joint-diagnosis", force=True).save()
    gone = [c for c in original if c not in comments(path.read_text("utf-8"))]
    assert gone == [
        "# The red box: collaborative activities, which also improve each partner's own "
        "contribution",
        '# "through wider perspectives, additional intelligence, additional resources and',
        '# complementary/supplementary activities". The report describes the red box generically; '
        "the",
        "# first three activities are the ones the paragraph after the figure names.",
    ]


def test_set_keeps_the_quoting_and_block_style_a_value_had(tmp_path: Path) -> None:
    path = copy(tmp_path, ABERDEEN)
    draft = Draft.open(path)
    draft.set("partnership", "focus", "Safer communities, through partners: working together")
    draft.set("partnership", "notes", "First line\nSecond line")
    draft.save()
    text = path.read_text("utf-8")
    assert "  focus: >-\n    Safer communities, through partners: working together\n" in text
    assert "  notes: |-\n    First line\n    Second line\n" in text
    model = load(path)
    assert model.partnership.notes == "First line\nSecond line"
    path.write_text("logicmodel: 1\ntitle: \"Quoted\"\npartners: [{id: a, name: 'A'}]\n", "utf-8")
    Draft.open(path).set("model", "title", "Still quoted").set("a", "name", "It's A").save()
    assert path.read_text("utf-8") == (
        "logicmodel: 1\ntitle: \"Still quoted\"\npartners: [{id: a, name: 'It''s A'}]\n"
    )


@pytest.mark.parametrize(
    "value",
    [
        "yes",
        "2007",
        "null",
        "- a dash",
        "#hash",
        "key: value",
        "trailing ",
        "tab\there",
        "quote's",
        'dq "x"',
        "Gàidhlig: Comhairle nan Eilean Siar",
        "<script>",
        "~",
    ],
)
def test_any_text_set_reads_back_as_the_same_text(value: str, tmp_path: Path) -> None:
    path = copy(tmp_path)
    Draft.open(path).set("trust", "label", value).set("a-resources", "notes", value).save()
    model = load(path)
    assert model.interim[7].label == value
    assert model.inputs[0].notes == value


def test_text_no_file_can_hold_is_refused_and_nothing_written(tmp_path: Path) -> None:
    path = copy(tmp_path)
    before = path.read_bytes()
    with pytest.raises(LoadError, match="U\\+0007"):
        Draft.open(path).set("trust", "label", "bell\x07").save()
    assert path.read_bytes() == before


def test_set_of_an_aliased_value_replaces_only_that_use(tmp_path: Path) -> None:
    path = copy(tmp_path)
    Draft.open(path).set("a-resources", "source", "Our own notes").save()
    model = load(path)
    assert model.inputs[0].source == "Our own notes"
    assert model.inputs[1].source == model.source
    assert "&figure1" in path.read_text("utf-8")


def test_unset_removes_an_optional_field_only(tmp_path: Path) -> None:
    path = copy(tmp_path)
    Draft.open(path).unset("better-targeting", "gain").save()
    assert load(path).interim[0].gain is None
    with pytest.raises(EditError, match="cannot be removed"):
        Draft.open(path).unset("better-targeting", "label")
    with pytest.raises(EditError, match="has no 'gain'"):
        Draft.open(path).unset("better-targeting", "gain")


def test_partners_are_added_renamed_and_removed(tmp_path: Path) -> None:
    path = copy(tmp_path)
    draft = Draft.open(path)
    draft.add_partner("partner-d", "Partner D", short="D", after="partner-a")
    draft.add("inputs", "d-time", "Partner D's time", by=["partner-d", "partner-a"])
    draft.rename_partner("partner-d", "dee")
    draft.save()
    text = path.read_text("utf-8")
    assert (
        "  - {id: partner-a, name: Partner A}\n  - {id: dee, name: Partner D, short: D}\n" in text
    )
    with pytest.raises(EditError, match=r"named in 'd-time' \(by\): use --force"):
        Draft.open(path).remove_partner("dee")
    with pytest.raises(EditError, match="alone makes 'a-resources'"):
        Draft.open(path).remove_partner("partner-a", force=True)
    Draft.open(path).remove_partner("dee", force=True).save()
    model = load(path)
    assert model.partner_ids() == ["partner-a", "partner-b", "partner-c"]
    assert model.inputs[-1].by == ["partner-a"]


def test_requests_that_cannot_be_done_as_asked_say_why(tmp_path: Path) -> None:
    draft = Draft.open(copy(tmp_path))
    cases = [
        (lambda: draft.link("a-resourcs", "trust"), "no element 'a-resourcs' (did you mean"),
        (lambda: draft.link("a-resources", "a-services"), "already has 'a-services'"),
        (lambda: draft.unlink("a-resources", "trust"), "has no 'trust' in leads_to"),
        (lambda: draft.add("inputs", "x", "X"), "an input needs `by`"),
        (lambda: draft.add("interim", "x", "X", by="all"), "takes its colour from what feeds"),
        (lambda: draft.add("inputs", "x", "X", by="all", after="trust"), "'trust' is in interim"),
        (lambda: draft.rename("nothing", "x"), "no element or partner 'nothing'"),
        (lambda: draft.set("trust", "by", "all"), "'by' is not a field `set` changes"),
        (lambda: draft.set("a-resources", "collaborative", "maybe"), "true or false"),
        (lambda: draft.move("trust", "interim", after="trust"), "names the element being moved"),
        (lambda: draft.add("stage", "x", "X"), "unknown stage 'stage'"),
    ]
    for attempt, message in cases:
        with pytest.raises(EditError, match=re.escape(message)):
            attempt()
    assert draft.changes == []


# ---------------------------------------------------------------- refusals that protect the file


def test_an_invalid_result_is_refused_located_as_if_made_and_the_file_stays(tmp_path: Path) -> None:
    path = copy(tmp_path)
    before = path.read_bytes()
    draft = Draft.open(path).link("trust", "pooled-resources")
    with pytest.raises(LoadError) as refused:
        draft.save()
    (fault,) = refused.value.errors
    assert fault.file == str(path)
    assert "interim outcome 'trust' links back to input 'pooled-resources'" in fault.message
    assert draft.text.split("\n")[fault.line - 1].strip() == "leads_to: [pooled-resources]"
    assert path.read_bytes() == before


def test_a_file_changed_on_disk_since_it_was_read_is_not_written(tmp_path: Path) -> None:
    path = copy(tmp_path)
    draft = Draft.open(path).rename("trust", "mutual-trust")
    theirs = path.read_text("utf-8").replace("Increased trust", "Trust, as a colleague wrote it")
    path.write_text(theirs, "utf-8")
    with pytest.raises(ChangedOnDisk, match="changed on disk since it was read"):
        draft.save()
    assert path.read_text("utf-8") == theirs


def test_save_writes_atomically_keeping_a_link_and_permissions(tmp_path: Path) -> None:
    target = copy(tmp_path)
    os.chmod(target, 0o640)
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    Draft.open(link).rename("trust", "mutual-trust").save()
    assert link.is_symlink()
    assert "mutual-trust" in target.read_text("utf-8")
    assert os.stat(target).st_mode & 0o777 == 0o640
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".logicmodel-")]


# ---------------------------------------------------------------- line endings, BOM, JSON


def test_crlf_and_a_byte_order_mark_stay_through_every_kind_of_edit(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_bytes(codecs.BOM_UTF8 + FIGURE1.read_bytes().replace(b"\n", b"\r\n"))
    draft = Draft.open(path)
    draft.add("outputs", "new-out", "New output", by="partner-a", leads_to=["trust"])
    draft.move("trust", "intermediate").remove("partner-liaison", force=True)
    draft.set("model", "area", "Line one\nline two").add_partner("partner-d", "Partner D")
    draft.link("a-resources", "b-services").rename("partner-b", "bee")
    draft.save()
    raw = path.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert load(path).area == "Line one\nline two"


@pytest.mark.parametrize("indent", [2, 4, "\t"])
def test_json_models_are_edited_keeping_their_indentation(indent: Any, tmp_path: Path) -> None:
    data = data_of(FIGURE1)
    path = tmp_path / "m.json"
    path.write_text(json.dumps(data, indent=indent, ensure_ascii=False) + "\n", "utf-8")
    draft = Draft.open(path)
    draft.rename("trust", "mutual-trust").link("a-resources", "b-services")
    draft.add("outputs", "new-out", "New", by=["partner-a", "partner-b"], leads_to=["mutual-trust"])
    draft.move("core-standards", "intermediate", after="core-outcome")
    draft.remove("partner-liaison", force=True).unlink("joint-marketing", "joint-campaign")
    draft.set("a-services", "notes", 'Said "hello"').add_partner("partner-d", "Partner D")
    draft.save()
    text = path.read_text("utf-8")
    assert json.dumps(json.loads(text), indent=indent, ensure_ascii=False) + "\n" == text
    assert load(path).outputs[-1].id == "new-out"


def test_a_one_line_json_model_stays_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    path.write_text(json.dumps(data_of(FIGURE1)), "utf-8")
    Draft.open(path).add("ultimate", "u2", "U2").rename("trust", "t").save()
    text = path.read_text("utf-8")
    assert "\n" not in text
    assert text == json.dumps(json.loads(text))


# ---------------------------------------------------------------- layouts that need a rewrite


def test_a_layout_the_splicer_cannot_change_is_rewritten_by_ruamel_when_that_is_exact(
    tmp_path: Path,
) -> None:
    path = copy(tmp_path)
    # The top-level source is the anchor every element repeats: changing it in place would
    # change them all, so the round-trip parser moves the anchor to its first use.
    Draft.open(path).set("model", "source", "Our partnership's records").save()
    model = load(path)
    assert model.source == "Our partnership's records"
    assert model.inputs[0].source == model.inputs[1].source
    assert str(model.inputs[0].source).startswith("Collaborative Gain Research Study")
    assert comments(path.read_text("utf-8")) == comments(FIGURE1.read_text("utf-8"))


def test_a_layout_neither_way_keeps_is_refused_and_the_file_stays(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    text = (
        "logicmodel: 1\ntitle: T\npartners: [{id: a, name: A}]\n"
        "inputs: [ {id: x, label: X, by: a},   # x\n   {id: y, label: Y, by: a} ]\n"
    )
    path.write_text(text, "utf-8")
    refusal = r"comment on line 4 sits inside .* make this change by hand"
    with pytest.raises(EditError, match=refusal):
        Draft.open(path).remove("x")
    assert path.read_text("utf-8") == text


# ---------------------------------------------------------------- the Python builder


def test_new_builds_a_model_in_code_that_checks_clean_and_saves(tmp_path: Path) -> None:
    model = logicmodel.new(
        "Safer streets in Anytown",
        partners={"council": "Anytown Council", "police": "Anytown Police Division"},
        type="strategic",
        focus="Fewer people harmed by antisocial behaviour",
        ultimate="Anytown is a safer place to live",
    )
    model.add(
        "interim", "fewer-incidents", "Fewer incidents", leads_to=["anytown-is-a-safer-place"]
    )
    model.add("activities", "tasking", "Weekly joint tasking", by="all")
    model.add("activities", "patrols", "Warden patrols", by="council", after="tasking")
    model.link("tasking", "fewer-incidents").link("patrols", "fewer-incidents")
    model.link("tasking", "patrols", enhances=True)
    path = tmp_path / "safer.yaml"
    logicmodel.save(model, path)
    checked = load(path)
    assert [e.id for e in checked.activities] == ["tasking", "patrols"]
    assert checked.activities[0].enhances == ["patrols"]
    assert path.read_text("utf-8").startswith("# Safer streets in Anytown: a partnership's")
    other = logicmodel.new("Another model", partners=["council=Anytown Council"])
    with pytest.raises(EditError, match="already exists; use --force"):
        logicmodel.save(other, path)
    logicmodel.save(other, path, force=True)
    assert load(path).title == "Another model"


def test_new_refuses_to_save_an_invalid_model_with_located_errors(tmp_path: Path) -> None:
    model = logicmodel.new("T", partners={"a": "A"})
    model.add("activities", "x", "X", by="a", leads_to=["nowhere"])
    with pytest.raises(LoadError, match=r"unknown element 'nowhere' in 'leads_to'"):
        logicmodel.save(model, tmp_path / "m.yaml")
    assert not (tmp_path / "m.yaml").exists()


def test_edit_as_a_context_manager_keeps_comments_and_checks(tmp_path: Path) -> None:
    path = copy(tmp_path)
    with logicmodel.edit(path) as model:
        model.rename("trust", "mutual-trust")
        model.add("ultimate", "fairer-area", "A fairer area")
        model.link("mutual-trust", "fairer-area")
    assert load(path).interim[7].leads_to == ["fairer-area"]
    assert comments(path.read_text("utf-8")) == comments(FIGURE1.read_text("utf-8"))
    before = path.read_bytes()
    with pytest.raises(LoadError, match="links back"), logicmodel.edit(path) as model:
        model.link("fairer-area", "a-resources")
    with pytest.raises(RuntimeError, match="stop"), logicmodel.edit(path) as model:
        model.rename("mutual-trust", "trust")
        raise RuntimeError("stop")
    assert path.read_bytes() == before


def test_a_draft_reports_its_model_and_its_diff(tmp_path: Path) -> None:
    draft = Draft.open(copy(tmp_path)).rename("trust", "mutual-trust")
    assert isinstance(draft.model, LogicModel)
    lines = draft.diff().splitlines()
    assert lines[:2] == [
        f"--- a/{str(draft.path).lstrip('/')}",
        f"+++ b/{str(draft.path).lstrip('/')}",
    ]
    assert [line for line in lines[2:] if line[:1] in "+-"] == [
        "-    leads_to: [partner-liaison, trust]",
        "+    leads_to: [partner-liaison, mutual-trust]",
        "-  - id: trust",
        "+  - id: mutual-trust",
    ]
    assert loads(draft.text, name="m.yaml").interim[7].id == "mutual-trust"


def test_a_json_model_written_in_ascii_stays_ascii(tmp_path: Path) -> None:
    data = data_of(FIGURE1)
    data["partners"][0]["name"] = "Comhairle nan Eilean Siar (Gàidhlig)"
    path = tmp_path / "m.json"
    path.write_text(json.dumps(data, indent=2) + "\n", "ascii")
    Draft.open(path).set("trust", "label", "Earbsa – trust").add_partner("é", "Éire").save()
    text = path.read_text("utf-8")
    assert text.isascii()
    assert json.dumps(json.loads(text), indent=2) + "\n" == text


def test_unset_takes_the_comments_above_the_field_with_it(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        "logicmodel: 1\ntitle: T\npartners: [{id: a, name: A}]\n"
        "activities:\n"
        "  - id: x\n    label: X\n    by: a\n    # why the notes say so\n    notes: N  # today\n"
        "  # about y\n  - id: y\n    label: Y\n    by: a\n",
        "utf-8",
    )
    Draft.open(path).unset("x", "notes").save()
    assert path.read_text("utf-8") == (
        "logicmodel: 1\ntitle: T\npartners: [{id: a, name: A}]\n"
        "activities:\n"
        "  - id: x\n    label: X\n    by: a\n"
        "  # about y\n  - id: y\n    label: Y\n    by: a\n"
    )


def test_a_file_without_a_last_line_break_gets_none_added(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("logicmodel: 1\ntitle: T\npartners:\n  - {id: a, name: A}", "utf-8")
    Draft.open(path).add_partner("b", "B").add("activities", "x", "X", by="all").save()
    text = path.read_text("utf-8")
    assert not text.endswith("\n")
    assert text == (
        "logicmodel: 1\ntitle: T\npartners:\n  - {id: a, name: A}\n  - {id: b, name: B}\n"
        "activities:\n  - id: x\n    label: X\n    by: all"
    )


def test_removing_an_element_that_holds_an_anchor_keeps_its_aliases_working() -> None:
    # Figure 1's sample writes a source once, as &after-figure1 on the pooled resources, and
    # aliases it later: removing that element must not leave the aliases dangling.
    draft = Draft.open(FIGURE1)
    draft.remove("pooled-resources", relink=True)
    model = draft.check()
    assert "pooled-resources" not in {element.id for _, element in model.elements()}
    assert "&after-figure1" in draft.text
    before = Draft.open(FIGURE1).model
    sources = {element.id: element.source for _, element in before.elements()}
    assert all(element.source == sources[element.id] for _, element in model.elements())
