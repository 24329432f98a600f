"""What a model says: the graph, the trace and what-ifs, gain, advice, categories, comparison,
diffs and result tables."""

__all__ = [
    "advice",
    "categories",
    "checking",
    "comparing",
    "diffing",
    "gain",
    "gain_format",
    "gain_ledger",
    "gain_maths",
    "gain_targets",
    "losses",
    "model_graph",
    "reports",
    "results",
    "student_t",
    "theme_filter",
    "tracing",
]
