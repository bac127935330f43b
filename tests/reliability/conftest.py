"""The reliability tier: abuse and crash cases (bad files, odd names, kill -9, hostile
exports and requests), each reproducing one finding of issue 19.

Every test here runs under a hang guard: a test still running after
``hang_guard(seconds)`` (default :data:`DEFAULT_SECONDS`, generous on a loaded 2-core
machine) fails instead of stalling the suite. It is a guard against hangs, never a
speed assertion: speed is measured in ``bench/``.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from types import FrameType

import pytest

DEFAULT_SECONDS = 180


class HangError(Exception):
    """The test ran past its hang guard."""


@pytest.fixture(autouse=True)
def hang_guard(request: pytest.FixtureRequest) -> Iterator[None]:
    marker = request.node.get_closest_marker("hang_guard")
    seconds = int(marker.args[0]) if marker and marker.args else DEFAULT_SECONDS

    def expired(signum: int, frame: FrameType | None) -> None:
        raise HangError(f"still running after the {seconds} s hang guard")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test of the tier carries the marker, so ``-m hang_guard`` selects the tier."""
    for item in items:
        if "tests/reliability/" in str(item.path).replace("\\", "/") and \
                item.get_closest_marker("hang_guard") is None:
            item.add_marker(pytest.mark.hang_guard(DEFAULT_SECONDS))
