"""`briefgen style show`: the effective house style, after a user's style file is merged over it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

app = typer.Typer(help="Show the house style both writers read, with an organisation's style merged over it.",
                  no_args_is_help=True)


@app.command()
def show(style: Optional[Path] = typer.Option(None, "--style", help="A style file merged over the house style.")) -> None:
    """Print the effective style as YAML (every key a style file may set)."""
    from ..style import load_style, style_yaml

    sys.stdout.write(style_yaml(load_style(style)))
