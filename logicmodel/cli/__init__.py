"""The command line, one module per command group: check_trace, render_export, measure_compare,
edit_verbs, serve_edit, new_import and assess, with what they share in shared and the group in app.

Each command only parses, calls the library and prints; `main` is the console script.
"""

from logicmodel.cli.app import cli, main
from logicmodel.cli.serve_edit import SERVE_LAYOUTS

__all__ = ["SERVE_LAYOUTS", "cli", "main"]
