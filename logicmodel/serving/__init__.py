"""Local servers: the interactive page reloaded on save, and the browser editor"s edit requests."""

__all__ = ["guards", "hosts", "live_pages", "page_edits", "plain_pages", "server"]
