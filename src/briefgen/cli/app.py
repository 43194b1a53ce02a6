"""The `briefgen` command: facts → build → translate → batch.

Every failure is one line on stderr and a non-zero exit, never a traceback:
a problem the user can fix (BriefgenError, an OSError from the file system,
a mistyped option) says what and where; anything else is a bug, reported in
one line that points at a log file holding the traceback.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .. import collector

collector.for_command()  # before the heavy imports below: they are most of a short command's allocations

import typer  # noqa: E402

from ..errors import BriefgenError  # noqa: E402
from . import batch_cmds, build_cmds, facts_cmds, list_cmds, style_cmds, translate_cmds  # noqa: E402

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

INTERNAL_ERROR = 70  # EX_SOFTWARE: not the user's doing

# Typer 0.28 carries its own copy of click; earlier releases raise click's exceptions.
try:
    import click as _click

    _EXIT: tuple[type[BaseException], ...] = (typer.Exit, _click.exceptions.Exit)
    _ABORT: tuple[type[BaseException], ...] = (typer.Abort, _click.exceptions.Abort, KeyboardInterrupt)
    _CLI_ERROR: tuple[type[BaseException], ...] = (typer.TyperException, _click.ClickException)
except ImportError:  # pragma: no cover - depends on what else is installed
    _EXIT, _ABORT, _CLI_ERROR = (typer.Exit,), (typer.Abort, KeyboardInterrupt), (typer.TyperException,)


def _version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"briefgen {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """briefgen: curated summit facts to PDF and DOCX briefs in Arabic, English and Russian."""


def main() -> None:
    sys.exit(run(sys.argv[1:]))


def run(args: list[str]) -> int:
    """Run the command line on `args`; the exit status, with every error already printed as one line."""
    try:
        result = app(args=args, prog_name="briefgen", standalone_mode=False)
        sys.stdout.flush()  # a closed pipe shows here, inside the handlers, not at interpreter exit
        return result if isinstance(result, int) else 0
    except _EXIT as done:  # --help, --version, typer.Exit(n)
        return done.exit_code
    except _ABORT:
        return _error("interrupted", 130)
    except _CLI_ERROR as usage:  # a mistyped command or option
        ctx = getattr(usage, "ctx", None)
        if type(usage).__name__ == "NoArgsIsHelpError" and ctx is not None:  # `briefgen` alone: the help is the answer
            typer.echo(ctx.get_help())
            return 0
        hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
        return _error(f"{_one_line(usage.format_message())}{hint}", getattr(usage, "exit_code", 2))
    except BriefgenError as error:
        for line in str(error).splitlines() or [type(error).__name__]:
            print(f"error: {line}", file=sys.stderr)
        return error.exit_code
    except BrokenPipeError:  # `briefgen build -f md | head`: the reader left, nothing to report
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so the interpreter's final flush does not complain either
        return 141
    except OSError as error:  # an output path that is a file, a full disk, no permission: the user's to fix
        where = f"{error.filename}: " if error.filename else ""
        return _error(f"{where}{error.strerror or error}", 1)
    except Exception as bug:  # noqa: BLE001 - the one place a bug is turned into a report
        log = _write_crash_log(bug, args)
        return _error(f"internal error ({type(bug).__name__}: {_one_line(str(bug))[:200]}); this is a bug in briefgen, "
                      f"the traceback is in {log}", INTERNAL_ERROR)


def _error(message: str, code: int) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code


def _one_line(text: str) -> str:
    return " ".join(text.split())


def crash_log_dir() -> Path:
    """$BRIEFGEN_LOG_DIR, else $XDG_STATE_HOME/briefgen (~/.local/state/briefgen)."""
    if env := os.environ.get("BRIEFGEN_LOG_DIR"):
        return Path(env)
    base = os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state"
    return Path(base) / "briefgen"


def _write_crash_log(bug: BaseException, args: list[str]) -> Path:
    import datetime as dt
    import tempfile
    import traceback

    from .. import __version__

    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    report = (f"briefgen {__version__}, Python {sys.version.split()[0]}, {stamp}\n"
              f"command: briefgen {' '.join(args)}\n\n"
              + "".join(traceback.format_exception(bug)))
    for directory in (crash_log_dir(), Path(tempfile.gettempdir())):
        try:
            directory.mkdir(parents=True, exist_ok=True)
            handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=directory, prefix=f"crash-{stamp}-",
                                                 suffix=".log", delete=False)
            with handle:
                handle.write(report)
            return Path(handle.name)
        except OSError:
            continue
    sys.stderr.write(report)  # nowhere to write it: the traceback itself is the only record left
    return Path("stderr")
