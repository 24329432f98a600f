"""The file `new` writes, word for word: its comments, partners one a line, text with commas
written plain where YAML allows; ids made from labels; a slip in a partner id refused; and the
YAML writer behind it giving back every sample's model."""

from __future__ import annotations

from pathlib import Path

import pytest

from logicmodel.editing.build import new, parse_contribution, render_yaml, slug
from logicmodel.editing.layer import Draft, EditError, as_data
from logicmodel.fileformat.loading import load

SAMPLES = sorted(Path(__file__).resolve().parent.parent.joinpath("samples").glob("*.yaml"))

NEW_FILE = """\
# Safer streets, together: a partnership's outcome logic model, begun with `logicmodel new`.
# Check it with `logicmodel check safer.yaml` and draw it with `logicmodel render safer.yaml`;
# edit it here, or with `logicmodel add`, `link`, `rename`, `move`, `remove` and `set`.
logicmodel: 1                       # the file format's version
title: Safer streets, together
area: Anytown
partnership:                        # the focus box at the left of the diagram
  name: Safer streets, together
  type: strategic                   # informal | strategic | statutory | service-delivery
  lead: council                     # the lead partner's id

# Partners: each has an id, used in `by` and `lead` below.
partners:
  - {id: council, name: 'Anytown Council, Housing'}
  - {id: police, name: Police}

# Contributions, working back from the outcomes below: what partners put in
# (inputs), do (activities) and deliver (outputs). `by` one partner is its own work
# (green); two or more, or `all`, is joint work (red). `leads_to` names what each feeds.
activities:
  - id: night-patrols
    label: Night patrols
    by: police
    leads_to: [fewer-incidents]
  - id: joint-patrols
    label: Joint patrols
    by: [council, police]
    leads_to: [fewer-incidents]

# Outcomes, short term (interim) to long term (ultimate): their colour follows from what
# feeds them. `gain` says what working together adds; `indicators` how it is measured.
interim:
  - id: fewer-incidents
    label: Fewer incidents
    leads_to: [safer]
    gain: Shared intelligence

ultimate:
  - id: safer
    label: Safer
"""


def test_a_new_model_is_written_with_its_comments_in_the_readmes_style() -> None:
    draft = new(
        "Safer streets, together",
        partners={"council": "Anytown Council, Housing", "police": "Police"},
        area="Anytown",
        type="strategic",
        ultimate="Safer",
        interim=["Fewer incidents"],
        activities=[("police", "Night patrols"), "council+police=Joint patrols"],
        gains={"fewer-incidents": "Shared intelligence"},
        path="models/safer.yaml",
    )
    assert draft.text == NEW_FILE
    assert draft.check().partners[0].name == "Anytown Council, Housing"


def test_a_new_model_with_no_file_named_yet_says_file_in_its_hints() -> None:
    text = new("T", partners=["Council"]).text
    assert "# Check it with `logicmodel check FILE` and draw it with `logicmodel render FILE`;" in (
        text
    )
    assert text.endswith("partners:\n  - {id: council, name: Council}\n")


def test_a_new_model_in_json_keeps_the_area() -> None:
    draft = new("T", partners={"a": "A"}, area="Anytown", fmt="json")
    assert '\n  "area": "Anytown",\n' in draft.text
    assert draft.check().area == "Anytown"


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_the_new_model_writer_gives_back_every_samples_model(path: Path) -> None:
    model = load(str(path))
    text = render_yaml(as_data(model), path.name)
    assert Draft.from_text(text, name=path.name).model == model
    hints = "# Check it with `logicmodel check FILE` and draw it with `logicmodel render FILE`;"
    assert hints in render_yaml(as_data(model)).splitlines()


def test_ids_made_from_labels_are_unlike_every_other_id_and_never_all() -> None:
    assert slug("Trust", ["trust", "trust-2"]) == "trust-3"
    assert slug("!!!") == "element"
    assert slug("???", ["element"]) == "element-2"
    assert slug("All") == "all-2"
    assert (
        slug("Fewer people harmed by antisocial behaviour") == "fewer-people-harmed-by-antisocial"
    )


def test_a_slip_in_a_partner_id_is_refused_with_the_nearest_id_or_the_list() -> None:
    with pytest.raises(EditError) as near:
        parse_contribution("polise=Patrols", ["council", "police"])
    assert (
        str(near.value) == "unknown partner 'polise' in 'polise=Patrols' (did you mean 'police'?)"
    )
    with pytest.raises(EditError) as far:
        parse_contribution("zzz=Patrols", ["council", "police"])
    assert str(far.value) == "unknown partner 'zzz' in 'zzz=Patrols' (partners: council, police)"
    assert parse_contribution("Night patrols = more", ["council"]) == (
        "all",
        "Night patrols = more",
    )
