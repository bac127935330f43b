"""The error boundary shared by the three command-line programs.

``run_cli`` calls a ``main(argv)`` and turns Frontline's own errors, missing files and
interrupted runs into one line on stderr and a non-zero exit, never a traceback.
argparse already exits 2 with its own one-line usage error.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

from frontline.errors import FrontlineError


def run_cli(prog: str, main: Callable[[Sequence[str] | None], int]) -> None:
    """Run ``main`` and exit with its code, reporting expected failures on one line."""
    try:
        code = main(None)
    except FrontlineError as exc:
        _fail(prog, str(exc), 1)
    except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
        _fail(prog, f"{exc.strerror}: {exc.filename}", 1)
    except KeyboardInterrupt:
        _fail(prog, "interrupted", 130)
    except BrokenPipeError:
        sys.exit(0)
    sys.exit(code)


def _fail(prog: str, message: str, code: int) -> None:
    first_line = " ".join(message.split()) or "failed"
    print(f"{prog}: error: {first_line}", file=sys.stderr)
    sys.exit(code)


def print_json(payload: Any) -> None:
    """Print ``payload`` as JSON on stdout (UTF-8, non-ASCII kept readable)."""
    json.dump(payload, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")
