"""Under CI=true no test skips for a missing program or package: it fails, naming it."""

from __future__ import annotations

import re

import pytest

from .conftest import ROOT, import_or_missing, missing


def test_a_missing_tool_skips_on_a_developer_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="needs Mermaid's parser"):
        missing("Mermaid's parser")


def test_a_missing_tool_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"CI=true and Mermaid's parser .*\.ci/run"):
        missing("Mermaid's parser")
    with pytest.raises(pytest.fail.Exception, match="'no_such_package_here'"):
        import_or_missing("no_such_package_here")


def test_an_installed_package_is_returned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    assert import_or_missing("json").dumps([1]) == "[1]"


def test_no_test_skips_around_the_policy() -> None:
    # Skips for a missing tool go through conftest's `needs`, `missing` or `import_or_missing`;
    # the few skips left are about the platform or the user, never about what is installed.
    allowed = {
        'reason="root reads a file whatever its permissions"',
        'reason="root writes in a write-protected folder"',
        'reason="no IPv6 loopback here"',
        'reason="reads /proc"',
        'reason="pseudo-terminals are POSIX"',
    }
    found = []
    for path in sorted((ROOT / "tests").glob("*.py")):
        if path.name in ("conftest.py", "test_skip_policy.py"):
            continue
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if re.search(r"importorskip|pytest\.skip\(|mark\.skip\b|mark\.skipif", line):
                if not any(reason in line for reason in allowed):
                    found.append(f"{path.name}:{number}: {line.strip()}")
    assert not found, found
