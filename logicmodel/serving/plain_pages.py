"""The small pages the servers make themselves: the index of files, and a file's errors.

Each carries its Content-Security-Policy in a meta tag, and the servers send the same policy,
with `frame-ancestors 'none'`, as an HTTP header: a header is the only place a browser takes
`frame-ancestors` from, and it covers answers that are no page at all.
"""

from __future__ import annotations

import base64
import hashlib
import html
import os
import re
from collections.abc import Sequence

# The policy every answer's header carries on its own: nothing loads, nothing frames it.
BARE_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
META_POLICY = re.compile(
    r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', re.IGNORECASE
)


def header_policy(page: str) -> str:
    """Return the Content-Security-Policy header for a page: its own policy, unframeable.

    A page with no policy of its own gets the bare one, which lets nothing load.
    """
    found = META_POLICY.search(page[:4096])
    if found is None:
        return BARE_POLICY
    own = html.unescape(found.group(1)).strip().rstrip(";")
    return f"{own}; frame-ancestors 'none'"


def source_hash(text: str) -> str:
    """Return a CSP source for an inline script or style with exactly this text."""
    digest = hashlib.sha256(text.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


PLAIN_STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; max-width: 60em; margin: 2em auto; padding: 0 1em;
  color: #1b1b1b; background: #fff; }
li { margin: 0 0 1em; }
code, .problem { font-family: ui-monospace, monospace; font-size: 0.9em; }
.problem { color: #a40000; white-space: pre-wrap; }
.note { color: #555; }
"""
# The page of a file that has never loaded: it lists the errors, and follows the file.
FOLLOW_SCRIPT = """
const events = new EventSource(document.body.dataset.events);
events.addEventListener("reload", () => location.reload());
events.addEventListener("problems", (event) => {
  const items = JSON.parse(event.data).map((text) => {
    const item = document.createElement("li");
    item.className = "problem";
    item.textContent = text;
    return item;
  });
  document.getElementById("problems").replaceChildren(...items);
});
"""
INDEX_POLICY = (
    f"default-src 'none'; style-src {source_hash(PLAIN_STYLE)}; base-uri 'none'; form-action 'none'"
)
ERROR_POLICY = (
    f"default-src 'none'; style-src {source_hash(PLAIN_STYLE)}; "
    f"script-src {source_hash(FOLLOW_SCRIPT)}; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'"
)


def document(title: str, policy: str, body: str, body_attributes: str = "") -> str:
    """Return a small page around a body; `title` and `body` are escaped already."""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>{title}</title>
<style>{PLAIN_STYLE}</style>
</head>
<body{body_attributes}>
{body}
</body>
</html>
"""


def index_page(rows: Sequence[tuple[str, str, str, bool]]) -> str:
    """Return the index of served files from (path, title, summary or error, whether an error)."""
    items = "\n".join(
        f'<li><a href="m/{number}">{html.escape(title)}</a> <code>{html.escape(path)}</code><br>'
        f'<span class="{"problem" if failed else "note"}">{html.escape(status)}</span></li>'
        for number, (path, title, status, failed) in enumerate(rows)
    )
    body = f"<h1>{len(rows)} logic models</h1>\n<ul>\n{items}\n</ul>"
    return document("logicmodel serve", INDEX_POLICY, body)


def error_page(path: str, problems: Sequence[str], events: str) -> str:
    """Return the page of a file that has not loaded yet: its errors, replaced as they change."""
    items = "\n".join(f'<li class="problem">{html.escape(line)}</li>' for line in problems)
    body = (
        f"<h1>{html.escape(path)} is not a valid model yet</h1>\n"
        f'<ul id="problems">\n{items}\n</ul>\n'
        '<p class="note">Fix the file and save it: this page follows it.</p>\n'
        f"<script>{FOLLOW_SCRIPT}</script>"
    )
    title = html.escape(f"{os.path.basename(path)}: not valid yet")
    attributes = f' data-events="{html.escape(events)}"'
    return document(title, ERROR_POLICY, body, attributes)


__all__ = [
    "BARE_POLICY",
    "ERROR_POLICY",
    "INDEX_POLICY",
    "document",
    "error_page",
    "header_policy",
    "index_page",
    "source_hash",
]
