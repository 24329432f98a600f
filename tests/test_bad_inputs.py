"""Each bad input gives one `file:line:col` line and exit status 2, fast, in bounded memory."""

from __future__ import annotations

import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from logicmodel.fileformat import parsing
from logicmodel.fileformat.loading import SECTIONS, LoadError, loads
from logicmodel.fileformat.parsing import MAX_DEPTH

BAD = Path(__file__).parent / "bad"

# file -> (line, a fragment the message must hold); extra options where the case needs them.
EXPECTED: dict[str, tuple[int, str]] = {
    "alias-bomb.yaml": (11, "alias bomb"),
    "backward-link.yaml": (9, "links back to input 'staff'"),
    "binary-junk.yaml": (3, "not a text file"),
    "by-empty.yaml": (7, "'by' is empty"),
    "collaborative-not-bool.yaml": (8, "'collaborative' must be true or false"),
    "colon-in-label.yaml": (
        8,
        'a colon inside the label: put the label in quotes, like label: "Aim 1: fewer NEETs"',
    ),
    "comma-in-braced-label.yaml": (
        7,
        "a comma inside the label in {...} ends it there: put the label in quotes, "
        'like label: "Fewer NEETs, more jobs"',
    ),
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
    "json-deep-nesting.json": (4, "nested more than 64 levels deep"),
    "json-duplicate-key.json": (4, "duplicate key 'title'"),
    "json-single-quotes.json": (4, "JSON needs double quotes"),
    "json-trailing-comma.json": (4, "a comma before ']': JSON allows none after the last item"),
    "key-at-left-margin.yaml": (
        9,
        "'label' is not a section: indent it to line up with the other keys of "
        "activity 'mentoring'",
    ),
    "key-without-colon.yaml": (
        8,
        "missing ':' after 'label': write label: Mentoring for school leavers",
    ),
    "latin1-bytes.yaml": (7, "not UTF-8 text (byte 0xe9)"),
    "leads-to-not-a-list.yaml": (10, "'leads_to' must be a list, not a mapping"),
    "links-to-itself.yaml": (7, "leads to itself"),
    "misaligned-item.yaml": (10, "indent this line like the '-' on line 7 (2 spaces)"),
    "missing-comma-in-braces.yaml": (7, "missing ',' before 'label' in {...}"),
    "missing-label.yaml": (7, "missing 'label'"),
    "missing-version.yaml": (1, "missing format version"),
    "misspelt-element.json": (6, "(did you mean 'safer-street'?)"),
    "misspelt-key.yaml": (8, "unknown key 'lable' (did you mean 'label'?)"),
    "misspelt-lead.yaml": (3, "unknown partner 'councill' in 'lead' (did you mean 'council'?)"),
    "misspelt-partner.yaml": (7, "unknown partner 'polce' in 'by' (did you mean 'police'?)"),
    "misspelt-section.yaml": (
        8,
        "unknown section 'intrim' (did you mean 'interim'?); the sections are logicmodel",
    ),
    "not-a-mapping.yaml": (1, "found a list"),
    "outcome-with-by.yaml": (7, "an outcome takes its colour from what feeds it"),
    "over-indented-key.yaml": (9, "indent this line like 'label:' on line 8 (4 spaces)"),
    "over-size-limit.yaml": (1, "over the 2,048-byte limit"),
    "partners-not-a-list.json": (4, "'partners' must be a list, not text"),
    "tab-among-keys.yaml": (8, "tabs cannot indent YAML: use spaces"),
    "tab-indent.yaml": (7, "tabs cannot indent YAML: use spaces"),
    "text-after-quote.yaml": (8, "text after the closing quote: put all of the label in quotes"),
    "title-is-a-list.yaml": (2, "'title' must be text, not a list"),
    "two-documents.yaml": (6, "one file holds one model"),
    "unclosed-quote.yaml": (8, 'this " is never closed'),
    "under-indented-key.yaml": (9, "indent this line like 'label:' on line 8 (4 spaces)"),
    "unknown-partnership-type.yaml": (3, "expected 'informal', 'strategic'"),
    "unknown-section.yaml": (
        8,
        "unknown section 'short_term' (short-term outcomes go in 'interim'); "
        "the sections are logicmodel, title, area",
    ),
    "unknown-version.yaml": (1, "unknown format version 2"),
    "value-starts-with-star.yaml": (
        8,
        "a value cannot start with '*' in YAML (it marks an alias): put the label in quotes",
    ),
    "yaml-unclosed-bracket.yaml": (7, "missing ']' to close the '[' at line 7, column 56"),
}
OPTIONS = {"over-size-limit.yaml": ["--max-size", "2K"]}
# The column too, where it matters: advice to add quotes points where the first quote goes.
COLUMNS = {
    "colon-in-label.yaml": 12,
    "comma-in-braced-label.yaml": 20,
    "key-at-left-margin.yaml": 1,
    "key-without-colon.yaml": 5,
    "misaligned-item.yaml": 4,
    "over-indented-key.yaml": 7,
    "tab-among-keys.yaml": 1,
    "text-after-quote.yaml": 12,
    "under-indented-key.yaml": 4,
    "unclosed-quote.yaml": 12,
    "value-starts-with-star.yaml": 12,
}
# Words of PyYAML, json and pydantic: messages are ours, so none of these may show.
FOREIGN = re.compile(
    r"did not find expected|expected <|but found|while (?:parsing|scanning)|cannot start any"
    r"|Expecting|Unterminated|Input should|String should|should be|Value error|^(?:YAML|JSON): "
)
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
    assert int(match.group(2)) == COLUMNS.get(name, int(match.group(2)))
    assert fragment in match.group(3)
    assert not FOREIGN.search(match.group(3)), "a library's words, not ours"


# Files refused before parsing (by size) are left out.
YAML_FILES = sorted(name for name in EXPECTED if name.endswith(".yaml") and name not in OPTIONS)


@pytest.mark.parametrize("name", YAML_FILES)
def test_pure_python_parser_gives_the_same_error(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PyYAML without libyaml parses in pure Python: its errors must read and point the same."""
    data = (BAD / name).read_bytes()
    with pytest.raises(LoadError) as with_libyaml:
        loads(data, name=name)
    monkeypatch.setattr(parsing, "yaml_loader", lambda: yaml.SafeLoader)
    with pytest.raises(LoadError) as pure_python:
        loads(data, name=name)
    assert pure_python.value.errors == with_libyaml.value.errors


def test_the_parsers_own_nesting_limit_never_shows() -> None:
    """libyaml stops at 1,000 levels, reading ahead on a line: our 64 is found all the same."""
    for opening in ("[", "{a: "):
        text = "logicmodel: 1\ntitle: deep\nnotes: " + opening * 2000 + "\n"
        with pytest.raises(LoadError) as caught:
            loads(text, name="deep.yaml")
        (error,) = caught.value.errors
        assert (error.line, error.message) == (3, f"nested more than {MAX_DEPTH} levels deep")
        # The mapping of the whole file is the first level.
        assert error.col == len("notes: ") + len(opening) * (MAX_DEPTH - 1) + 1


def test_an_unknown_section_lists_every_section() -> None:
    message = _only_message("unknown-section.yaml")
    for section in SECTIONS:
        assert f" {section}," in message or message.endswith(f" {section}")
    assert "$schema" not in message


def _only_message(name: str) -> str:
    with pytest.raises(LoadError) as caught:
        loads((BAD / name).read_bytes(), name=name)
    (error,) = caught.value.errors
    return error.message
