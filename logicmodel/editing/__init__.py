"""Change a model file without losing a word of it: the editing layer, its text splices and the
new-model builder."""

__all__ = [
    "build",
    "disk",
    "errors",
    "fields",
    "interview",
    "layer",
    "measures",
    "merge_measures",
    "merging",
    "moving",
    "partners",
    "patch",
    "records",
    "references",
    "roundtrip",
    "spans",
    "verb_groups",
]
