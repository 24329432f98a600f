"""Commands that serve models as live pages in a browser: serve (to look) and edit (to change)."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable

import click

from logicmodel.cli.shared import InputError, Unreadable, read_check
from logicmodel.renderers.themes import THEMES
from logicmodel.status import ExitStatus

# renderers.options.LAYOUTS, written out so that --help loads no dataclasses (a test compares).
SERVE_LAYOUTS = ("figure1", "graph")


def _page_options(function: Callable[..., None]) -> Callable[..., None]:
    """Add the options `serve` and `edit` share: port, open, theme and layout."""
    for option in reversed(
        [
            click.option(
                "--port",
                type=click.IntRange(0, 65535),
                default=0,
                metavar="N",
                help="The port to listen on; 0 takes any free one. [default: 0]",
            ),
            click.option(
                "--open", "open_browser", is_flag=True, help="Open the address in a browser too."
            ),
            click.option(
                "--theme",
                type=click.Choice(sorted(THEMES)),
                default="classic",
                show_default=True,
                help="classic (red and green), colourblind, print (greyscale) or projector "
                "(16:9, large type).",
            ),
            click.option(
                "--layout",
                type=click.Choice(SERVE_LAYOUTS),
                default="figure1",
                show_default=True,
                help="figure1 (our layout, needs nothing) or graph (Graphviz's, needs dot).",
            ),
        ]
    ):
        function = option(function)
    return function


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@_page_options
def serve(files: tuple[str, ...], port: int, open_browser: bool, theme: str, layout: str) -> None:
    """Show models in a browser as live interactive pages, redrawn on every save.

    Serves each FILE's interactive page (the one `render --view html` writes)
    on 127.0.0.1 only, at an address with a random token in it, and prints
    that address. Several files get an index page. When a file is saved, its
    open pages reload; while it has errors, its page shows them, located, over
    the last good drawing. A file with errors at the start is served too.
    Ctrl-C stops the server.

    \b
    Examples:
      logicmodel serve samples/figure1.yaml --open
      logicmodel serve samples/*.yaml --port 8000 --theme projector
    """
    _serve_pages(files, port, open_browser, theme, layout)


@click.command()
@click.argument("file", type=click.Path())
@_page_options
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    metavar="ADDR",
    help="The address to listen on: a LAN address lets partners' laptops in the room edit "
    "too (anyone with the printed address can).",
)
def edit(file: str, port: int, open_browser: bool, theme: str, layout: str, host: str) -> None:
    """Edit a model in the browser: add, link, rename and remove by pointing and typing.

    Serves FILE's interactive page with editing switched on and prints its
    address, which holds a random token: only someone with the address can
    edit. Every edit is checked and written to FILE at once, keeping its
    comments; undo and redo are in the page. Changes saved in a text editor
    show within half a second, and an edit made against a file that changed
    underneath is refused, never written over it. Ctrl-C stops.

    \b
    Examples:
      logicmodel edit plan.yaml --open
      logicmodel edit plan.yaml --host 192.168.1.20 --port 8000 --theme projector
    """
    _serve_pages((file,), port, open_browser, theme, layout, editing=True, host=host)


def _serve_pages(
    files: tuple[str, ...],
    port: int,
    open_browser: bool,
    theme: str,
    layout: str,
    *,
    editing: bool = False,
    host: str = "127.0.0.1",
) -> None:
    """Serve the files' pages until Ctrl-C; exit with one line when that cannot start."""
    from logicmodel.fileformat.loading import DEFAULT_MAX_BYTES
    from logicmodel.renderers import GRAPHVIZ_LAYOUT_MISSING
    from logicmodel.serving.server import ListenError
    from logicmodel.serving.server import serve as serve_files

    for path in files:
        read_check(path, DEFAULT_MAX_BYTES)
    if layout == "graph" and shutil.which("dot") is None:
        raise Unreadable(GRAPHVIZ_LAYOUT_MISSING)

    def ready(url: str) -> None:
        count = f"{len(files)} model{'' if len(files) == 1 else 's'}"
        doing = "Editing" if editing else "Serving"
        click.echo(f"{doing} {count} at {url} (Ctrl-C stops)")

    try:
        serve_files(
            files,
            port=port,
            theme=theme,
            layout=layout,
            open_browser=open_browser,
            ready=ready,
            editing=editing,
            host=host,
        )
    except ListenError as error:
        raise InputError(str(error)) from None
    except KeyboardInterrupt:
        click.echo("Stopped.", err=True)
        sys.exit(ExitStatus.INTERRUPTED)


__all__ = ["SERVE_LAYOUTS", "edit", "serve"]
