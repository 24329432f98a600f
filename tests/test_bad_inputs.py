"""Each bad input gives one `file:line:col` line and exit status 2, fast, in bounded memory."""

from __future__ import annotations

import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest

BAD = Path(__file__).parent / "bad"

# file -> (line, a fragment the message must hold); extra options where the case needs them.
EXPECTED: dict[str, tuple[int, str]] = {
    "alias-bomb.yaml": (11, "alias bomb"),
    "backward-link.yaml": (9, "links back to input 'staff'"),
    "binary-junk.yaml": (3, "not a text file"),
    "by-empty.yaml": (7, "'by' is empty"),
    "collaborative-not-bool.yaml": (8, "'collaborative' must be true or false"),
    "cycle.yaml": (7, "cycle: plan -> task -> review -> plan"),
    "dangling-reference.yaml": (7, "unknown element 'nowhere' in 'leads_to'"),
    "deep-nesting.yaml": (3, "nested more than"),
    "duplicate-id.yaml": (9, "duplicate id 'staff': the input on line 7"),
    "duplicate-key.yaml": (9, "duplicate key 'label'"),
    "empty.yaml": (1, "empty file"),
    "enhances-an-outcome.yaml": (7, "use leads_to for outcomes"),
    "enhances-from-single-agency.yaml": (8, "is single-agency, so it cannot enhance"),
    "focus-at-top-level.yaml": (6, "put 'focus' under 'partnership'"),
    "id-with-space.yaml": (7, "id 'street wardens' may hold only"),
    "json-duplicate-key.json": (4, "duplicate key 'title'"),
    "json-trailing-comma.json": (4, "JSON: expecting"),
    "latin1-bytes.yaml": (7, "not UTF-8 text (byte 0xe9)"),
    "leads-to-not-a-list.yaml": (10, "'leads_to' must be a list, not a mapping"),
    "links-to-itself.yaml": (7, "leads to itself"),
    "missing-label.yaml": (7, "missing 'label'"),
    "missing-version.yaml": (1, "missing format version"),
    "misspelt-element.json": (6, "(did you mean 'safer-street'?)"),
    "misspelt-key.yaml": (8, "unknown key 'lable' (did you mean 'label'?)"),
    "misspelt-lead.yaml": (3, "unknown partner 'councill' in 'lead' (did you mean 'council'?)"),
    "misspelt-partner.yaml": (7, "unknown partner 'polce' in 'by' (did you mean 'police'?)"),
    "not-a-mapping.yaml": (1, "found a list"),
    "outcome-with-by.yaml": (7, "an outcome takes its colour from what feeds it"),
    "over-size-limit.yaml": (1, "over the 2,048-byte limit"),
    "partners-not-a-list.json": (4, "'partners' must be a list, not text"),
    "tab-indent.yaml": (7, "tab character"),
    "title-is-a-list.yaml": (2, "'title' must be text, not a list"),
    "two-documents.yaml": (6, "one file holds one model"),
    "unknown-partnership-type.yaml": (3, "expected 'informal', 'strategic'"),
    "unknown-version.yaml": (1, "unknown format version 2"),
    "yaml-unclosed-bracket.yaml": (7, "YAML: did not find expected"),
}
OPTIONS = {"over-size-limit.yaml": ["--max-size", "2K"]}
MEMORY_LIMIT = 1024**3  # bytes of address space for the checking process


def test_corpus_is_complete() -> None:
    files = {path.name for path in BAD.iterdir()}
    assert files == set(EXPECTED), "every bad input needs an expectation, and only those"
    assert len(files) >= 25


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_input_gives_one_located_line(name: str) -> None:
    line, fragment = EXPECTED[name]
    path = BAD / name
    result = subprocess.run(
        [sys.executable, "-m", "logicmodel", "check", *OPTIONS.get(name, []), str(path)],
        capture_output=True,
        text=True,
        timeout=30,
        preexec_fn=_limit_memory,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1, lines
    match = re.fullmatch(re.escape(str(path)) + r":(\d+):(\d+): (.+)", lines[0])
    assert match, lines[0]
    assert int(match.group(1)) == line
    assert fragment in match.group(3)
