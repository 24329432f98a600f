"""The research's Figure 2 vocabulary: collaborative activities, processes and benefits, results.

Pure data, one tuple per column of Figure 2 ("Designing and delivering Collaborative Gain",
Collaborative Gain Research Study, 2008), each category an (id, label) pair. The box lists
survive in the Improvement Service masterclass's "Working Collaboratively" slide. The results
are the study's three ("the collaborative results are three fold"); the slide's "collaborative
benefits" name the same results in other words, so its two extra names are kept as ids a model
may use (older files did) and drawn under the study's result they mean: one saving is one result.
"""

from __future__ import annotations

from typing import NamedTuple

ACTIVITIES: tuple[tuple[str, str], ...] = (
    ("governance", "Sound governance and clarity of mandate"),
    ("coherent-plans", "Coherent plans"),
    ("roles", "Clarity of roles and responsibilities"),
    ("drive", "Influence, drive and enthusiasm"),
    ("communications", "Improved communications (proximity)"),
    ("shared-understanding", "Shared understanding and wider, better, deeper thinking"),
    ("informed-services", "Informed services and interventions"),
    ("shared-resources", "Deployment of aligned or shared resources"),
    ("capacity", "Increased capacity and resilience"),
    ("rationalisation", "Scope for rationalisation and efficient deployment of resources"),
    ("innovation", "Support for innovation"),
)
PROCESSES: tuple[tuple[str, str], ...] = (
    ("clarity-of-purpose", "Clarity and consistency of purpose and direction"),
    ("efficient-use", "More efficient and effective use of resources"),
    ("process-efficiencies", "Supply chain and process efficiencies"),
    ("agility", "Agility and flexibility"),
    ("service-improvement", "Service improvement"),
    ("stakeholder-satisfaction", "Stakeholder satisfaction"),
    ("learning", "Learning and continuous improvement"),
    ("trust", "Trust"),
    ("confidence", "Confidence and credibility"),
    ("ownership", "Ownership"),
    ("critical-mass", "Critical mass of resources: deliverability, viability, durability"),
)
RESULTS: tuple[tuple[str, str], ...] = (
    ("strategic-progress", "Greater progress on strategic objectives"),
    ("better-services", "Improved services to the end user"),
    ("resources-freed", "Resources freed for re-investment"),
)
# The masterclass's names for two of the study's results: (id, the slide's words, the result).
# Its "business benefits to partners" are the study's "efficiency gains for the partners" (the
# civic centre's construction saving is both); its "enhanced outcomes" for service users and
# communities are what the strategic objectives measure. Its "improved services to customers"
# is the study's "improved services to the end user", one id already.
RESULT_SYNONYMS: tuple[tuple[str, str, str], ...] = (
    ("business-benefits", "Business benefits to partners", "resources-freed"),
    ("enhanced-outcomes", "Enhanced outcomes", "strategic-progress"),
)


class Column(NamedTuple):
    """One column of Figure 2: its key, its heading and its categories in the research's order."""

    key: str
    title: str
    categories: tuple[tuple[str, str], ...]


COLUMNS: tuple[Column, ...] = (
    Column("activities", "Collaborative activities", ACTIVITIES),
    Column("processes", "Collaborative processes and benefits", PROCESSES),
    Column("results", "Collaborative results", RESULTS),
)
# Where each id a model may give is drawn: its own box, or for a synonym the result it names.
DRAWN_UNDER: dict[str, str] = {
    **{ident: ident for c in COLUMNS for ident, _ in c.categories},
    **{ident: result for ident, _, result in RESULT_SYNONYMS},
}
CATEGORY_IDS: tuple[str, ...] = tuple(DRAWN_UNDER)
CATEGORY_LABELS: dict[str, str] = {
    **{ident: label for c in COLUMNS for ident, label in c.categories},
    **{ident: label for ident, label, _ in RESULT_SYNONYMS},
}
_OWN_COLUMN = {ident: c.key for c in COLUMNS for ident, _ in c.categories}
CATEGORY_COLUMN: dict[str, str] = {ident: _OWN_COLUMN[box] for ident, box in DRAWN_UNDER.items()}
SOURCE = (
    "Collaborative Gain Research Study (2008), Figure 2; Elected Members' Masterclass, "
    "'Working Collaboratively'"
)


__all__ = [
    "ACTIVITIES",
    "CATEGORY_COLUMN",
    "CATEGORY_IDS",
    "CATEGORY_LABELS",
    "COLUMNS",
    "DRAWN_UNDER",
    "Column",
    "PROCESSES",
    "RESULTS",
    "RESULT_SYNONYMS",
    "SOURCE",
]
