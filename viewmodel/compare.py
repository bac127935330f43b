"""Two states of the map side by side: which districts changed hands, when, on what.

:func:`changes_between` answers "what changed between D1 and D2": each district whose
side on D2 differs from its side on D1, with the day it last changed in between and
the evidence the map holds for its D2 state (the same quotes its hover shows).
:func:`hindsight_gaps` answers "what did we get wrong on D": each district whose side
as reported (with every later report) differs from its side as known on D (only what
was published by then).

Both read the page's replays (:class:`viewmodel.page_data.PageData`), so the app, the
CSV and the snapshot compare exactly what the map draws. A side is the colour code's
side (``code // len(BASIS_CODES)``): a district going from ISIS to contested counts,
as the map shows it. No Dash here.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import numpy as np

from timeline.control.model import BASIS_CODES
from viewmodel.page_data import KNOWN, MAIN, PageData

N_BASIS = len(BASIS_CODES)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class HandChange:
    """One district whose side differs between two states of the map."""

    district: str  # id
    name: str
    was: str  # side label on D1 (or as known on D)
    now: str  # side label on D2 (or with hindsight)
    basis: str  # how sure the D2 state is (reported, inferred, assumed, analyst)
    when: str  # ISO date it last changed in between ("" for hindsight)
    evidence: str  # plain text of the D2 state's evidence (the hover's quotes)


def plain(hover: str) -> str:
    """A hover label as one line of plain text (tags dropped, entities decoded; its line
    breaks wrap sentences, so they become spaces)."""
    return " ".join(html.unescape(_TAG.sub(" ", hover)).split())


def _side(page: PageData, code: int) -> str:
    index = int(code) // N_BASIS
    return page.sides[index].label if 0 <= index < len(page.sides) else "unknown"


def _evidence(page: PageData, mode: str, day: int, district: int) -> str:
    view = page.views[mode]
    # the label's first two lines are the name and the state, which the row has
    lines = view.texts[int(view.hover[day][district])].split("<br>")
    return plain(" ".join(lines[2:]) if len(lines) > 2 else " ".join(lines))


def changes_between(page: PageData, first: int, last: int, known: bool = False
                    ) -> list[HandChange]:
    """Districts whose side on page day ``last`` differs from day ``first`` (in page
    order of the day each last changed); ``known``: both days as known then."""
    mode = KNOWN if known else MAIN
    z = np.asarray(page.views[mode].z)
    a, b = sorted((first, last))
    sides = z[a:b + 1] // N_BASIS
    out = []
    for d in np.flatnonzero(sides[0] != sides[-1]):
        column = sides[:, d]
        moved = np.flatnonzero(column[1:] != column[:-1])
        when = a + int(moved[-1]) + 1 if moved.size else b
        code = int(z[b][d])
        out.append(HandChange(
            district=page.district_ids[d], name=page.district_names[d],
            was=_side(page, z[a][d]), now=_side(page, code),
            basis=BASIS_CODES[code % N_BASIS], when=page.date_of(when).isoformat(),
            evidence=_evidence(page, mode, b, int(d))))
    return sorted(out, key=lambda c: (c.when, c.name))


def hindsight_gaps(page: PageData, day: int) -> list[HandChange]:
    """Districts whose side on ``day`` as known then (``was``) differs from the side
    later reports give it (``now``), with the evidence of the later state."""
    main = np.asarray(page.views[MAIN].z)[day]
    known = np.asarray(page.views[KNOWN].z)[day]
    out = [HandChange(
        district=page.district_ids[d], name=page.district_names[d],
        was=_side(page, known[d]), now=_side(page, main[d]),
        basis=BASIS_CODES[int(main[d]) % N_BASIS], when="",
        evidence=_evidence(page, MAIN, day, int(d)))
        for d in np.flatnonzero(main // N_BASIS != known // N_BASIS)]
    return sorted(out, key=lambda c: c.name)
