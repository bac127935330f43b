"""Read-only mappings filled on demand: the timeline's evidence and change lists.

A 100,000-event timeline should not pay for 100,000 records nobody looks at.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Generic, TypeVar

V = TypeVar("V")
S = TypeVar("S")


class LazyValues(Mapping[str, V], Generic[S, V]):
    """A read-only mapping whose values are made from ``source`` on first access.

    A 100,000-event timeline should not pay for 100,000 records nobody looks at: the
    map asks for the evidence of the districts on screen.
    """

    def __init__(self, source: Mapping[str, S], make: Callable[[S], V]) -> None:
        self._source = source
        self._make = make
        self._made: dict[str, V] = {}

    def __getitem__(self, key: str) -> V:
        if key not in self._made:
            self._made[key] = self._make(self._source[key])
        return self._made[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._source)

    def __len__(self) -> int:
        return len(self._source)


class Deferred(Mapping[str, V]):
    """A read-only mapping computed as a whole on first access (``changes``)."""

    def __init__(self, compute: Callable[[], Mapping[str, V]]) -> None:
        self._compute: Callable[[], Mapping[str, V]] | None = compute
        self._data: Mapping[str, V] = {}

    def _get(self) -> Mapping[str, V]:
        if self._compute is not None:
            self._data, self._compute = self._compute(), None
        return self._data

    def __getitem__(self, key: str) -> V:
        return self._get()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())
