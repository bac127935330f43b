"""The legend that says how sure each colour is: the four bases, the age of the
evidence, and the boundaries' own uncertainty.

One owner for these sentences: the app's legend (``dashboard/layout.py``) shows them,
and a test holds them to the rules they describe (the bases of
:data:`timeline.control.model.BASIS_CODES`, rule 8's ``FRONTLINE_ASSUMED_AFTER_DAYS``,
the districts' ``approximate`` flag). No Dash here.
"""

from __future__ import annotations

from dataclasses import dataclass

from timeline.control.model import BASIS_CODES
from viewmodel.figures import APPROX_TEXT, basis_color


@dataclass(frozen=True)
class BasisKey:
    """One basis: its name, how it is drawn, and what it means for a reader."""

    basis: str
    shade: str  # how the colour differs ("full colour", "lighter", ...)
    meaning: str


@dataclass(frozen=True)
class UncertaintyLegend:
    bases: tuple[BasisKey, ...]
    age: str
    boundaries: str

    def swatches(self, color: str) -> list[tuple[str, BasisKey]]:
        """Each basis with the colour a side of ``color`` takes in it."""
        return [(basis_color(color, key.basis), key) for key in self.bases]


def uncertainty_legend(assumed_after_days: int, approximate: bool) -> UncertaintyLegend:
    """The legend for a run whose states turn ``assumed`` after ``assumed_after_days``
    days without new evidence, over boundaries that are (``approximate``) estimated."""
    meanings = {
        "reported": ("full colour", "a report (article or chronology row) names this "
                     "district and who holds it; hover for the quote, source and date"),
        "inferred": ("lighter", "no report names this district: it follows from one about "
                     "an area it belongs to, a share claim, or the initial state; treat it "
                     "as likely, not seen"),
        "assumed": ("lightest", f"the last evidence is more than {assumed_after_days} days "
                    "old and nothing newer says otherwise: carried forward, or back to its "
                    "holder after a contest expired"),
        "analyst": ("darker", "an analyst set it, overriding the reports; the hover names "
                    "who decided, when and why"),
    }
    bases = tuple(BasisKey(b, *meanings[b]) for b in BASIS_CODES)
    age = (f"Evidence age: each district's hover dates its state (\"since\") and its "
           f"quote; a state {assumed_after_days} days past its last evidence turns "
           "assumed. \"As known on\" shows only what was published by the date.")
    boundaries = (APPROX_TEXT + " Read lines between districts as indicative to within "
                  "about a kilometre.") if approximate else (
        "Boundaries: imported district boundaries; control is still per whole district.")
    return UncertaintyLegend(bases, age, boundaries)
