"""What a model says: the graph, the trace and what-ifs, gain, advice, categories, comparison,
diffs and result tables."""

__all__ = [
    "advice",
    "assessment",
    "categories",
    "checking",
    "comparing",
    "diffing",
    "gain",
    "gain_format",
    "gain_ledger",
    "gain_maths",
    "losses",
    "model_graph",
    "national",
    "reports",
    "strand_rows",
    "results",
    "rulebook",
    "student_t",
    "tracing",
]
