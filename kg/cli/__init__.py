"""The ``kg`` command: a thin click layer over the library.

Each command parses options, calls one library function and prints. Library errors
(:class:`~kg.errors.KGError`) become one line on stderr and an exit code: 1 for
failures, 2 for usage and query syntax errors. No traceback reaches a user.
"""
from __future__ import annotations

import os
import sys

import click

from ..errors import KGError

__all__ = ["main", "cli"]


class _Group(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KGError as exc:
            click.echo(f"kg: error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("kg: interrupted", err=True)
            sys.exit(130)
        except BrokenPipeError:
            sys.exit(0)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort, SystemExit):
            raise
        except Exception as exc:  # the last line of defence: a bug, reported without a traceback
            if os.environ.get("KG_DEBUG"):
                raise
            click.echo(f"kg: internal error: {type(exc).__name__}: {exc} (set KG_DEBUG=1 for the traceback)",
                       err=True)
            sys.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="legiskg", prog_name="kg")
def cli() -> None:
    """legiskg: a knowledge graph of legislative change read from the news.

    Build a store from news text, then query it with SPARQL, export it, validate it.
    The store is ./kg-store unless --store or $KG_STORE says otherwise.
    """


from . import core  # noqa: E402,F401  (registers the commands)
from . import serve  # noqa
from . import analysis, viz  # noqa
from . import report  # noqa
from . import shards  # noqa
from . import resolve  # noqa


def main() -> None:
    cli(prog_name="kg")
