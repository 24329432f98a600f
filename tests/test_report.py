"""The board report: every section in Chromium for every sample, the PDF's text, hostile labels."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from logicmodel.analysis.tracing import trace
from logicmodel.cli import cli
from logicmodel.fileformat.loading import load
from logicmodel.renderers import report as board
from logicmodel.status import ExitStatus

from .conftest import FIGURE1, SAMPLES, import_or_missing
from .test_html import HOSTILE, hostile_model_text

try:
    from playwright.sync_api import Page
except ImportError:  # pragma: no cover - the browser fixture skips, or fails under CI=true
    Page = object  # type: ignore[assignment,misc]

KEYS = [key for key, _ in board.SECTIONS]
BARE = """\
logicmodel: 1
title: A draft
partners: [{id: a, name: A}]
"""


def squeeze(text: str) -> str:
    """Return text without whitespace or hyphens: wrapping in a PDF adds both."""
    return re.sub(r"[\s\u00ad-]", "", text)


def write_report(runner: CliRunner, source: Path, target: Path) -> None:
    result = runner.invoke(cli, ["report", str(source), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == str(target)


@pytest.mark.browser
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_every_section_of_every_sample_shows_in_chromium(
    page: Page, runner: CliRunner, tmp_path: Path, sample: Path
) -> None:
    target = tmp_path / "report.html"
    write_report(runner, sample, target)
    page.goto(target.as_uri())
    model = load(sample)
    assert page.text_content("#summary") == trace(model).summary()
    for key, title in board.SECTIONS:
        assert page.text_content(f"section#{key} > h2") == title
        assert page.locator(f"section#{key} > h2").is_visible()
        # A heading is never left empty: content or a one-line "nothing yet" follows it.
        assert page.locator(f"section#{key} > h2 + *").count() == 1
    outcomes = page.locator("section#trace table").first.locator("tbody tr")
    assert outcomes.count() == len(trace(model).outcomes)
    assert page.locator("section#whatif tbody tr").first.is_visible()
    assert page.locator("section#figure2 img").count() == 1
    assert page.evaluate("document.scripts.length") == 0


def test_a_section_with_nothing_says_so_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(BARE, "utf-8")
    html = board.report_html(board.read(path))
    for key in ("trace", "whatif", "story", "gain"):
        section = html.split(f'<section id="{key}">')[1].split("</section>")[0]
        assert re.fullmatch(r'<h2>[^<]+</h2><p class="none">[^<]+</p>', section)
    assert board.NO_GAIN in html


@pytest.mark.browser
def test_a_hostile_report_runs_nothing_fetches_nothing_and_shows_labels_as_typed(
    page: Page, tmp_path: Path
) -> None:
    source = tmp_path / "hostile.yaml"
    source.write_text(hostile_model_text(), "utf-8")
    target = tmp_path / "hostile.html"
    target.write_text(board.report_html(board.read(source)), "utf-8")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(target.as_uri())
    page.wait_for_load_state("networkidle")
    assert requests == [target.as_uri()]
    assert page.evaluate("document.scripts.length") == 0
    assert page.locator("[onerror], [onclick], [onload], iframe, object").count() == 0
    assert page.title() == HOSTILE[0]
    shown = page.locator("section#appendix tbody tr td:nth-child(3)").all_text_contents()
    assert shown == HOSTILE + HOSTILE


def test_the_pdf_fetcher_refuses_everything_but_data_urls() -> None:
    import_or_missing("weasyprint")
    fetcher = board.data_only_fetcher()
    for url in ("http://example.invalid/x.png", "file:///etc/passwd", "https://x.invalid/"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


@pytest.mark.needs("pdftotext")
@pytest.mark.parametrize("sample", [FIGURE1, SAMPLES[0]], ids=lambda p: p.stem)
def test_the_pdf_holds_every_outcome_and_the_trace_summary(
    runner: CliRunner, tmp_path: Path, sample: Path
) -> None:
    import_or_missing("weasyprint")
    target = tmp_path / "report.pdf"
    write_report(runner, sample, target)
    text = subprocess.run(
        ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    result = trace(load(sample))
    assert squeeze(result.summary()) in squeeze(text)
    for outcome in result.outcomes.values():
        assert squeeze(outcome.label) in squeeze(text), outcome.label


def test_without_weasyprint_a_pdf_says_how_to_get_it(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(board, "pdf_available", lambda: False)
    target = tmp_path / "report.pdf"
    result = runner.invoke(cli, ["report", str(FIGURE1), "-o", str(target)])
    assert result.exit_code == ExitStatus.UNREADABLE
    assert len(result.output.strip().splitlines()) == 1
    assert "logicmodel[pdf]" in result.output
    assert not target.exists()


def test_several_models_make_one_report_each_and_an_index(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder = tmp_path / "reports"
    result = runner.invoke(cli, ["report", str(FIGURE1), str(SAMPLES[0]), "-o", str(folder)])
    assert result.exit_code == 0, result.output
    index = (folder / "index.html").read_text("utf-8")
    for sample in (FIGURE1, SAMPLES[0]):
        name = f"{sample.stem}.report.html"
        assert f'href="{name}"' in index
        assert load(sample).title.split()[0] in (folder / name).read_text("utf-8")


def test_combined_compares_the_models_in_one_document(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "all.html"
    args = ["report", str(FIGURE1), str(SAMPLES[0]), "--combined", "-o", str(target)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    html = target.read_text("utf-8")
    assert html.count('<section id="compare">') == 1
    for number in (1, 2):
        for key in KEYS:
            assert f'<section id="{key}-{number}">' in html


def test_a_bad_output_name_or_model_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["report", str(FIGURE1), "-o", str(tmp_path / "r.docx")])
    assert result.exit_code == ExitStatus.USAGE
    assert len(result.output.strip().splitlines()) == 1
    bad = tmp_path / "bad.yaml"
    bad.write_text(BARE.replace("partners", "partnrs"), "utf-8")
    result = runner.invoke(cli, ["report", str(bad), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == ExitStatus.INVALID
    assert not (tmp_path / "r.html").exists()


def test_a_file_that_fails_leaves_the_others_reported(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    args = ["report", str(FIGURE1), str(tmp_path / "missing.yaml"), "-o", str(folder)]
    result = runner.invoke(cli, args)
    assert result.exit_code == ExitStatus.UNREADABLE
    assert sorted(p.name for p in folder.iterdir()) == ["figure1.report.html", "index.html"]


def test_the_gain_table_gives_further_faster_and_each_methods_assumption() -> None:
    from logicmodel.analysis.gain import ASSUMPTIONS, FLAT_BASELINE, NO_METHOD

    mcmc = next(path for path in SAMPLES if path.stem == "inverclyde-mcmc")
    html = board.gain_html(board.read(mcmc), "classic")
    table = html.split("<table>")[1].split("</table>")[0]
    heads = re.findall(r"<th>([^<]*)</th>", table)
    assert heads[:5] == [
        "indicator",
        "method",
        "further: latest gain",
        "faster: change a year",
        "assumes",
    ]
    rows = [re.findall(r"<td>([^<]*)</td>", row) for row in table.split("<tr>")[2:]]
    neet, ranking = rows
    assert neet[1:3] == [FLAT_BASELINE, "+280 young people in 2007"]
    assert neet[3].startswith("not known (a rate before the start needs at least two values")
    assert neet[3].endswith("-70 a year with the partnership, 2004 to 2007")
    assert neet[4] == ASSUMPTIONS[FLAT_BASELINE].replace("'", "&#x27;")
    assert ranking[1:3] == [NO_METHOD, "not known"]
