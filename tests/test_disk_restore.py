"""An undo written back to disk: only content the loader accepts, only over the file as the
edit left it, and then byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from logicmodel.editing.disk import bytes_now, restore
from logicmodel.editing.errors import ChangedOnDisk
from logicmodel.fileformat.loading import LoadError

BEFORE = b"logicmodel: 1\ntitle: Before\npartners: [{id: a, name: A}]\n"
AFTER = b"logicmodel: 1\ntitle: After\npartners: [{id: a, name: A}]\n"


def test_an_undo_puts_the_earlier_bytes_back(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_bytes(AFTER)
    restore(path, AFTER, BEFORE)
    assert path.read_bytes() == BEFORE


def test_an_undo_over_a_file_changed_since_is_refused_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_bytes(AFTER + b"# someone else's line\n")
    with pytest.raises(ChangedOnDisk, match=r"m\.yaml: changed on disk since the edit"):
        restore(path, AFTER, BEFORE)
    assert path.read_bytes() == AFTER + b"# someone else's line\n"


def test_an_undo_to_content_that_does_not_load_is_refused_and_writes_nothing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "m.yaml"
    path.write_bytes(AFTER)
    with pytest.raises(LoadError):
        restore(path, AFTER, b"logicmodel: 1\ntitle: [unclosed\n")
    assert path.read_bytes() == AFTER


def test_the_bytes_now_of_a_missing_or_too_large_file_are_none(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    assert bytes_now(str(path), 1000) is None
    path.write_bytes(AFTER)
    assert bytes_now(str(path), len(AFTER)) == AFTER
    assert bytes_now(str(path), len(AFTER) - 1) is None
