"""The review queue as rows: every extracted claim, how analysts have reviewed it, and
how far to trust it (pure functions of the store's contents; no Dash here).

A row is listed for every claim the reader took, rejected ones included (so that a
rejection can be seen and undone): the claim is shown as the decisions in force
correct it. "Low confidence first" sorts by the claim's credibility (the Admiralty 1-6
of the published timeline: 5 improbable and 4 doubtful before 1 confirmed), then by the
number of warnings the reader or the rules attached to it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from geodata.theatre import Theatre
from timeline.control.credibility import CREDIBILITY_MEANINGS, grade_for
from timeline.control.model import Evidence
from timeline.curation import apply_decisions, claims_of
from timeline.decisions import ClaimDecision, Decisions
from timeline.records import Event, Extraction, Figure

UNREVIEWED = "unreviewed"
ACCEPTED = "accepted"
EDITED = "edited"
REJECTED = "rejected"
REVIEW_STATES = (UNREVIEWED, ACCEPTED, EDITED, REJECTED)


@dataclass(frozen=True)
class QueueRow:
    """One claim as the queue lists it."""

    id: str
    kind: str        # "event: capture", "figure: killed"
    what: str        # a one-line summary: date, places, side or value
    places: tuple[str, ...]
    place_names: str
    date: str
    status: str      # an event's status (reported, claimed, expected); "figure" for a figure
    article: str
    outlet: str
    published: str
    grade: str       # the outlet's Admiralty grade (F: cannot be judged)
    credibility: int  # 1-6 (0: not judged by the published timeline)
    flags: int
    review: str      # one of REVIEW_STATES
    reviewed: str    # "accepted by ana", "rejected by ana: a denied claim"
    decision: str    # the decision in force (its id), "" when none

    def to_json(self) -> dict[str, Any]:
        cred = self.credibility
        return {"id": self.id, "kind": self.kind, "what": self.what, "places": self.place_names,
                "date": self.date, "status": self.status, "article": self.article,
                "outlet": self.outlet, "published": self.published, "grade": self.grade,
                "credibility": f"{cred} {CREDIBILITY_MEANINGS[cred]}" if cred else "",
                "flags": self.flags, "review": self.review, "reviewed": self.reviewed,
                "decision": self.decision}


def queue_rows(extractions: Sequence[Extraction], decisions: Decisions, theatre: Theatre,
               evidence: Mapping[str, Evidence]) -> list[QueueRow]:
    """A row per claim of ``extractions`` (as extracted), corrected by ``decisions``."""
    corrected, _ = apply_decisions(extractions, decisions)
    shown = {c.id: c for ex in corrected for c in claims_of(ex)}
    by_claim = {d.claim_id: d for d in decisions.claims}
    names = {p.id: p.name for p in theatre.places}
    rows = []
    for ex in extractions:
        art = ex.article
        for raw in claims_of(ex):
            claim = shown.get(raw.id, raw)
            decision = by_claim.get(raw.id)
            ev = evidence.get(raw.id)
            places = tuple(r.id or r.mention for r in claim.places)
            rows.append(QueueRow(
                id=raw.id, kind=_kind(claim), what=summary(claim),
                places=places, place_names=", ".join(names.get(p, p) for p in places),
                date=_date(claim), status=claim.status if isinstance(claim, Event) else "figure",
                article=art.id, outlet=art.source,
                published=art.published.isoformat() if art.published else "",
                grade=grade_for(decisions, claim.provenance.source),
                credibility=ev.credibility if ev else 0,
                flags=len(claim.flags) + (len(ev.flags) if ev else 0),
                review=review_state(decision), reviewed=_reviewed(claim, decision),
                decision=decision.id if decision else ""))
    return rows


def review_state(decision: ClaimDecision | None) -> str:
    if decision is None:
        return UNREVIEWED
    return {"accept": ACCEPTED, "edit": EDITED, "reject": REJECTED}[decision.action]


def _reviewed(claim: Event | Figure, decision: ClaimDecision | None) -> str:
    if decision is not None and decision.action == "reject":
        return f"rejected by {decision.decided.author}: {decision.decided.reason}"
    return claim.reviewed


def _kind(claim: Event | Figure) -> str:
    return f"{'event' if isinstance(claim, Event) else 'figure'}: {claim.kind}"


def _date(claim: Event | Figure) -> str:
    if isinstance(claim, Event):
        return claim.date.start.isoformat()
    return claim.as_of.start.isoformat() if claim.as_of else ""


def summary(claim: Event | Figure) -> str:
    """One line saying what the claim says."""
    where = ", ".join(r.mention for r in claim.places) or "no place"
    if isinstance(claim, Event):
        who = claim.actor or claim.side
        return f"{claim.kind} of {where} by {who} ({claim.status}, {claim.date.precision})"
    if claim.value is not None:
        value = f"{claim.value:g}"
    elif claim.low is not None or claim.high is not None:
        value = f"{_number(claim.low)}-{_number(claim.high)}"
    else:
        value = "?"
    return f"{claim.kind} {claim.qualifier} {value} {claim.subject} ({where}; {claim.claimant})"


def _number(value: float | None) -> str:
    return "?" if value is None else f"{value:g}"


@dataclass(frozen=True)
class Filters:
    """What the queue's controls ask for."""

    kind: str = ""
    place: str = ""
    status: str = ""
    article: str = ""
    unreviewed: bool = False
    low_first: bool = False


def filtered(rows: Sequence[QueueRow], f: Filters) -> list[QueueRow]:
    """The rows ``f`` asks for, in its order (the extraction order, or low confidence
    first)."""
    out = [r for r in rows
           if (not f.kind or r.kind.startswith(f.kind))
           and (not f.place or f.place in r.places)
           and (not f.status or r.status == f.status or r.review == f.status)
           and (not f.article or r.article == f.article)
           and (not f.unreviewed or r.review == UNREVIEWED)]
    if f.low_first:
        out.sort(key=lambda r: (-(r.credibility or 3.5), -r.flags))
    return out
