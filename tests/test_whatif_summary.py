"""A what-if's sentence counts what its own table shows: every kind of loss, every sample,
every partner, both joint-work assumptions, on the command line, in the report and on the page."""

from __future__ import annotations

import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from logicmodel.analysis.losses import LOSSES, loss_sentence
from logicmodel.analysis.tracing import JOINT_WORK, trace, whatif
from logicmodel.cli import cli
from logicmodel.fileformat.loading import load
from logicmodel.renderers.html import page
from logicmodel.renderers.options import HtmlOptions
from logicmodel.renderers.report import read, whatif_html

from .conftest import FIGURE1, SAMPLES

SENTENCE = re.compile(
    r"^(?P<scenario>.+): (?P<gain>\d+) of (?P<total>\d+) outcomes would lose their "
    r"collaborative gain, (?P<own>\d+) their single-agency support and (?P<all>\d+) all support$"
)
ASSUMPTION_WORDS = {
    "continues": "(joint work they took part in carries on with the partners left)",
    "stops": "(joint work they took part in stops)",
}


def said(sentence: str) -> tuple[dict[str, int], int, str]:
    """Return the counts a sentence gives per kind of loss, its total, and its scenario."""
    found = SENTENCE.match(sentence)
    assert found, sentence
    counts = dict(zip(LOSSES, (int(found[k]) for k in ("gain", "own", "all")), strict=True))
    return counts, int(found["total"]), found["scenario"]


def tally(cells: list[str]) -> dict[str, int]:
    """Return how many 'loses' cells name each kind of loss (counted here, not by the code)."""
    seen = Counter(cells)
    assert set(seen) <= {"", *LOSSES}, seen
    return {loss: seen[loss] for loss in LOSSES}


def cases() -> list[tuple[Path, str, str]]:
    """Return every sample with each of its partners, under each joint-work assumption."""
    return [
        (sample, partner, joint_work)
        for sample in SAMPLES
        for partner in load(sample).partner_ids()
        for joint_work in JOINT_WORK
    ]


@pytest.mark.parametrize(
    ("sample", "partner", "joint_work"),
    cases(),
    ids=lambda v: v.stem if isinstance(v, Path) else str(v),
)
def test_command_line_sentence_counts_its_table(
    runner: CliRunner, sample: Path, partner: str, joint_work: str
) -> None:
    base = ["whatif", str(sample), "--without", partner, "--joint-work", joint_work]
    data = json.loads(runner.invoke(cli, [*base, "--format", "json"]).output)
    (summary,) = data["models"]
    cells = [row["loses"] for row in data["outcomes"]]
    counts, total, scenario = said(summary["summary"])
    assert counts == tally(cells) and total == len(cells)
    assert ASSUMPTION_WORDS[joint_work] in scenario and summary["joint_work"] == joint_work
    by_kind = {
        "collaborative gain": "losing_gain",
        "single-agency support": "losing_own_support",
        "all support": "losing_support",
    }
    for loss, key in by_kind.items():
        assert summary[key] == [r["id"] for r in data["outcomes"] if r["loses"] == loss]
    markdown = runner.invoke(cli, [*base, "--format", "markdown"]).output.strip().splitlines()
    header = [cell.strip() for cell in markdown[0].strip("|").split("|")]
    table_rows = [line for line in markdown[2:] if line.startswith("|")]
    loses_at = header.index("loses")
    md_cells = [line.strip("|").split("|")[loses_at].strip() for line in table_rows]
    md_counts, md_total, _ = said(markdown[-1])
    assert md_counts == tally(md_cells) and md_total == len(md_cells)
    text = runner.invoke(cli, base).output.strip().splitlines()
    assert text[-1] == summary["summary"]


def test_the_issue_s_example_counts_single_agency_losses(runner: CliRunner) -> None:
    """partner-a leaving Figure 1 costs three outcomes their single-agency support."""
    hopeful = whatif(load(FIGURE1), "partner-a").summary()
    assert said(hopeful)[0] == {
        "collaborative gain": 0,
        "single-agency support": 3,
        "all support": 0,
    }
    cautious = whatif(load(FIGURE1), "partner-a", joint_work="stops").summary()
    assert said(cautious)[0] == {
        "collaborative gain": 4,
        "single-agency support": 0,
        "all support": 7,
    }


def test_a_sentence_refuses_a_cell_that_is_no_kind_of_loss() -> None:
    with pytest.raises(ValueError, match="not a kind of loss"):
        loss_sentence("Without a", ["some support"])


class Sections(HTMLParser):
    """Collect headings (h3) and table cells, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[tuple[str, list[list[str]]]] = []  # ("h3", text) or ("table", rows)
        self._in: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h3" or tag in ("td", "th"):
            self._in, self._text = tag, ""
        if tag == "table":
            self.items.append(("table", []))
        if tag == "tr":
            self.items[-1][1].append([])

    def handle_endtag(self, tag: str) -> None:
        if tag == "h3":
            self.items.append((self._text, []))
        if tag in ("td", "th"):
            self.items[-1][1][-1].append(self._text)
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self._text += data


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_report_sentences_count_their_tables(sample: Path) -> None:
    item = read(sample)
    parser = Sections()
    parser.feed(whatif_html(item))
    overview = {row[0]: row[1:] for row in parser.items[0][1][1:]}
    headings = [i for i, (kind, _) in enumerate(parser.items) if kind != "table"]
    assert len(headings) == sum(1 for cells in overview.values() if set(cells) != {"none"})
    for at in headings:
        counts, total, scenario = said(parser.items[at][0])
        head, *rows = parser.items[at + 1][1]
        cells = [row[head.index("loses")] for row in rows]
        assert counts == tally(cells) and total == len(item.trace.outcomes)
        # The overview row lists the very outcomes the sentence counts.
        listed = overview[scenario]
        gain, support, own = (ids.split(", ") if ids != "none" else [] for ids in listed)
        assert [len(gain), len(own), len(support)] == list(counts.values())


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_page_sentences_count_their_outcomes(sample: Path) -> None:
    model = load(sample)
    html = page(model, trace(model), HtmlOptions())
    block = re.search(r'<script type="application/json" id="lm-data">(.*?)</script>', html, re.S)
    assert block
    data = json.loads(block[1])
    scenarios = [*data["whatif"].values(), data["without_collaboration"]]
    assert len(scenarios) == len(model.partners) + 1
    for scenario in scenarios:
        cells = [loss for _, loss, _ in scenario["outcomes"].values()]
        counts, total, name = said(scenario["summary"])
        assert counts == tally(cells) and total == len(cells)
    for partner in data["whatif"].values():
        # The page shows the hopeful reading, and says so.
        assert ASSUMPTION_WORDS["continues"] in said(partner["summary"])[2]


def test_the_planners_guide_quotes_the_sentence_as_printed(runner: CliRunner) -> None:
    guide = (FIGURE1.parent.parent / "docs" / "planners.md").read_text("utf-8")
    printed = runner.invoke(cli, ["whatif", str(FIGURE1), "--without", "partner-a"]).output
    last = printed.strip().splitlines()[-1]
    assert last.startswith("Without partner-a (") and f"\n{last}\n" in guide
