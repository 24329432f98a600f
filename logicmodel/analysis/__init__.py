"""What a model says: the graph, the trace and what-ifs, gain, advice, categories, comparison,
diffs and result tables."""

__all__ = [
    "advice",
    "advice_links",
    "categories",
    "checking",
    "comparing",
    "diffing",
    "evidenced",
    "gain",
    "gain_format",
    "gain_ledger",
    "gain_maths",
    "link_support",
    "losses",
    "model_graph",
    "reports",
    "results",
    "student_t",
    "tracing",
]
