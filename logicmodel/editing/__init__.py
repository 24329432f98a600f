"""Change a model file without losing a word of it: the editing layer, its text splices and the
new-model builder."""

__all__ = [
    "answers",
    "build",
    "disk",
    "errors",
    "fields",
    "interview",
    "keeping",
    "layer",
    "link_facts",
    "measures",
    "merge_measures",
    "merging",
    "moving",
    "partners",
    "patch",
    "records",
    "references",
    "reorder",
    "roundtrip",
    "spans",
    "strand_parents",
    "verb_groups",
]
