"""The `briefgen` command: facts → build → translate → batch.

Expected failures (BriefgenError, and OSError from the file system) print one
line per problem on stderr and exit non-zero; anything else is a bug and
keeps its traceback.
"""

from __future__ import annotations

import sys

import typer

from .. import __version__
from ..errors import BriefgenError
from . import batch_cmds, build_cmds, facts_cmds, list_cmds, style_cmds, translate_cmds

app = typer.Typer(
    name="briefgen",
    help="Generate right-to-left-correct multilingual policy briefs (PDF, DOCX) from curated facts.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.add_typer(facts_cmds.app, name="facts")
app.add_typer(style_cmds.app, name="style")
build_cmds.register(app)
translate_cmds.register(app)
batch_cmds.register(app)
list_cmds.register(app)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"briefgen {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """briefgen: curated summit facts to PDF and DOCX briefs in Arabic, English and Russian."""


def main() -> None:
    try:
        app()
    except BriefgenError as error:
        for line in str(error).splitlines() or [type(error).__name__]:
            print(f"error: {line}", file=sys.stderr)
        sys.exit(error.exit_code)
    except OSError as error:  # an output path that is a file, a full disk, no permission: the user's to fix
        where = f"{error.filename}: " if error.filename else ""
        print(f"error: {where}{error.strerror or error}", file=sys.stderr)
        sys.exit(1)
