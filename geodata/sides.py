"""Side codes: the small integers that stand for sides in every district x day array.

A theatre names its forces (Mosul: ``government``, ``isis``; a city fought over by three
forces names three); ``contested`` and ``unknown`` are states every theatre has. Codes
are the forces in the theatre's order, then ``contested``, then ``unknown``, so that a
side array is ``int8`` whatever the theatre, and ``code < contested`` means "held by a
force". :class:`SideCodes` is the one place that maps names to codes and back: the
rules, the stored timeline, the front, the page and the exports all ask it rather than
a list of their own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from frontline.errors import GeodataError

CONTESTED = "contested"
UNKNOWN = "unknown"
STATES = (CONTESTED, UNKNOWN)
# The order of Mosul's timelines stored before a timeline named its sides.
MOSUL_ORDER = ("government", "isis", CONTESTED, UNKNOWN)


@dataclass(frozen=True)
class SideCodes:
    """The code of every side: the forces (0 .. n-1), then contested, then unknown."""

    names: tuple[str, ...]

    def __post_init__(self) -> None:
        forces = self.names[:-2]
        if self.names[-2:] != STATES or not forces:
            raise GeodataError(f"sides {list(self.names)}: need at least one force, then "
                               f"{CONTESTED!r} and {UNKNOWN!r}")
        if len(set(self.names)) != len(self.names) or set(forces) & set(STATES):
            raise GeodataError(f"sides {list(self.names)}: each side once")

    @classmethod
    def of_forces(cls, forces: Sequence[str]) -> SideCodes:
        """The codes of a theatre whose forces are ``forces`` (in that order)."""
        return cls((*forces, *STATES))

    @property
    def forces(self) -> tuple[str, ...]:
        """The sides that hold ground (not the universal states)."""
        return self.names[:-2]

    @property
    def contested(self) -> int:
        return len(self.names) - 2

    @property
    def unknown(self) -> int:
        """The code of ``unknown``; also the actor code of an event whose side is not known
        (such fighting contests whoever holds the district)."""
        return len(self.names) - 1

    def __len__(self) -> int:
        return len(self.names)

    def code(self, name: str) -> int:
        """The code of side ``name``; a name the theatre does not know is ``unknown``."""
        try:
            return self.names.index(name)
        except ValueError:
            return self.unknown

    def actor(self, name: str) -> int:
        """The code of the force an event's actor belongs to, ``unknown`` for anything else
        (an event's side "contested" names no force that could take a district)."""
        return self.names.index(name) if name in self.forces else self.unknown

    def name(self, code: int) -> str:
        return self.names[int(code)]

    def encode(self, names: Sequence[str]) -> np.ndarray:
        """int8 codes for side names (unknown names: ``unknown``)."""
        return np.fromiter((self.code(s) for s in names), dtype=np.int8, count=len(names))

    def held(self, codes: np.ndarray) -> np.ndarray:
        """Which codes are held by a force (neither contested nor unknown)."""
        return np.asarray(codes < self.contested)


MOSUL_CODES = SideCodes(MOSUL_ORDER)
