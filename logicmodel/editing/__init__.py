"""Change a model file without losing a word of it: the editing layer, its text splices and the
new-model builder."""

__all__ = [
    "build",
    "disk",
    "errors",
    "fields",
    "interview",
    "layer",
    "merging",
    "moving",
    "patch",
    "records",
    "references",
    "roundtrip",
    "spans",
]
