"""Ids in one normal form: an id typed full-width or with a ligature is written as the loader
reads it (NFKC), said so, and found again however it is typed; never an internal error."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from logicmodel.cli import cli
from logicmodel.editing.layer import Draft
from logicmodel.fileformat.loading import load
from logicmodel.models import LogicModel
from logicmodel.serving.page_edits import Editor, version_of

from .conftest import FIGURE1

FOLDED = "the NFKC form the loader reads"


@pytest.fixture
def model(tmp_path: Path) -> Path:
    """Return a copy of Figure 1, comments and all."""
    path = tmp_path / "model.yaml"
    shutil.copy(FIGURE1, path)
    return path


@pytest.fixture
def spelt(tmp_path: Path) -> Path:
    """Return a model whose file spells its ids full-width, as the loader folds them."""
    path = tmp_path / "spelt.yaml"
    path.write_text(
        "logicmodel: 1\ntitle: T\npartners:\n  - {id: ａ, name: A}\n  - {id: b, name: B}\n"
        "inputs:\n  - {id: ｉ1, label: I, by: [ａ, b], leads_to: [ｏ1]}\n"
        "interim:\n  - {id: ｏ1, label: O}\n",
        "utf-8",
    )
    return path


def element_ids(path: Path) -> list[str]:
    return [element.id for _, element in load(path).elements()]


def element(model: LogicModel, ident: str) -> Any:
    """Return the element of a model with this id."""
    return next(found for _, found in model.elements() if found.id == ident)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


@pytest.mark.parametrize(("typed", "written"), [("ｏ９", "o9"), ("ﬁnal2", "final2")])
def test_add_writes_the_normal_form_and_says_so(model: Path, typed: str, written: str) -> None:
    status, output = run("add", str(model), "interim", "--id", typed, "--label", "New")
    assert status == 0, output
    assert output.startswith(f"{model}: added interim outcome {written!r} (written as ")
    assert FOLDED in output
    assert written in element_ids(model)
    assert typed not in model.read_text("utf-8")


def test_rename_to_a_full_width_id_renames_every_use(model: Path) -> None:
    status, output = run("rename", str(model), "trust", "ｏ９")
    assert status == 0, output
    assert FOLDED in output
    ids = element_ids(model)
    assert "o9" in ids and "trust" not in ids
    assert "ｏ９" not in model.read_text("utf-8")


def test_partner_add_full_width_is_the_normal_partner(model: Path) -> None:
    status, output = run("partner", "add", str(model), "Ｃ", "Gamma")
    assert status == 0, output
    assert [p.id for p in load(model).partners][-1] == "C"
    status, output = run("set", str(model), "a-resources", "by", "Ｃ")
    assert status == 0, output
    assert "C" in load(model).partners_of(element(load(model), "a-resources"))


def test_a_full_width_id_that_is_taken_is_refused_in_one_line(model: Path) -> None:
    status, output = run("add", str(model), "interim", "--id", "ｔｒｕｓｔ", "--label", "Again")
    assert status == 2
    assert "duplicate id 'trust'" in output
    assert "internal error" not in output


def test_commands_find_an_id_however_it_is_typed(model: Path) -> None:
    assert run("add", str(model), "interim", "--id", "ｏ９", "--label", "New")[0] == 0
    status, output = run("link", str(model), "a-outputs", "ｏ９")
    assert status == 0, output
    assert run("remove", str(model), "o9", "--force")[0] == 0
    assert "o9" not in element_ids(model)


@pytest.mark.parametrize(
    "args",
    [
        ("rename", "o1", "o2"),
        ("unlink", "i1", "o1"),
        ("remove", "o1", "--force"),
        ("partner", "remove", "a", "--force"),
        ("link", "ｉ1", "ｏ1", "--enhances"),
    ],
)
def test_a_file_that_spells_ids_full_width_can_be_edited(
    spelt: Path, args: tuple[str, ...]
) -> None:
    at = 2 if args[0] == "partner" else 1
    status, output = run(*args[:at], str(spelt), *args[at:])
    assert "internal error" not in output
    assert status in (0, 2), output


def test_the_editor_adds_and_renames_full_width_ids(model: Path) -> None:
    editor = Editor(str(model))

    def edit(op: str, **args: object) -> dict[str, object]:
        return editor.edit({"op": op, "args": args, "version": version_of(model.read_bytes())})

    answer = edit("add", stage="interim", id="ｏ９", label="New")
    assert answer["ok"] is True and FOLDED in str(answer["done"])
    answer = edit("add", stage="interim", id="ﬁnal2", label="Final")
    assert "final2" in element_ids(model)
    answer = edit("rename", old="ｏ９", new="ｏ１０")
    assert answer["ok"] is True
    answer = edit("add_partner", id="Ｃ", name="Gamma")
    assert [p.id for p in load(model).partners][-1] == "C"
    ids = element_ids(model)
    assert "o10" in ids and "o9" not in ids


def test_the_python_api_takes_full_width_ids() -> None:
    draft = Draft.from_text(FIGURE1.read_text("utf-8"), name="m.yaml")
    draft.add("interim", "ｏ９", "New", leads_to=["ｔｒｕｓｔ"])
    draft.link("a-outputs", "ｏ９")
    assert element(draft.check(), "o9").leads_to == ["trust"]
