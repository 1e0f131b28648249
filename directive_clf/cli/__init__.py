"""The command line, one module per command (as in spaCy's `cli/`).

Each command parses options, calls one library function, and prints. Heavy imports
happen inside the commands so that `--help` answers at once.
"""

from . import annotate, evaluate, explain, info, predict, report, suggest, train  # noqa: F401  (each adds its command)
from ._common import app


def main() -> None:
    """The `directive-clf` console script."""
    app()
