"""Analyst decisions applied to extractions, and the checks that keep a bad one out.

:func:`apply_decisions` is pure: it takes the stored extractions and the decisions in
force and returns the extractions as the analysts corrected them, before the control
build reads them. Because a correction is applied to the claim itself, it enters the
"as known on" replay with the claim, from its report's publication date: it corrects
the reading, not the world (:func:`timeline.decisions.applies_from`).

- **reject** removes the claim: it leaves the map and the lists.
- **edit** replaces the named fields (``changes``, in the claim's JSON shape), keeps
  the provenance, and marks the claim ``edited by <who>: <why>``. An event's
  ``fighting_since`` moves with its date, by the same number of days.
- **accept** marks the claim ``accepted by <who>``; an accept recorded on an edited
  claim carries that edit's fields (:func:`claim_decision`), so accepting never undoes
  a correction.
- a name **mapped** (or added as a new place) resolves every place reference whose
  mention is that name and has no id, and leaves ``unresolved_places``;
- a name that is **not a place** or **outside the theatre** leaves
  ``unresolved_places``, and the references naming it are dropped from their claims;
  a claim that named only it keeps its other fields and no place, so it stays in the
  review lists but colours no district.

Names are compared as claim ids compare text (:func:`timeline.ids.normalise`), so a
decision on "Maamli" also holds for "MAAMLI". Decisions that find nothing to apply to
come back as lines (the CLI's ``decisions orphans`` lists them from the store).

:func:`check_changes` refuses an edit that names an unknown field, kind, status, side,
precision or place id, or a date or number that cannot be read, when it is recorded,
never at build time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from frontline.errors import InputError
from geodata.theatre import Theatre
from timeline.decisions import ClaimDecision, Decided, Decisions, NameDecision
from timeline.ids import normalise
from timeline.records import (
    EVENT_KINDS,
    EVENT_STATUSES,
    FIGURE_KINDS,
    PRECISIONS,
    QUALIFIERS,
    Event,
    Extraction,
    Figure,
    PartialDate,
    PlaceRef,
)

EVENT_FIELDS = ("kind", "date", "precision", "places", "status", "side", "actor")
FIGURE_FIELDS = ("kind", "value", "low", "high", "qualifier", "as_of", "since", "precision",
                 "places", "subject", "claimant")
NUMBERS = ("value", "low", "high")
DATES = ("date", "as_of", "since")
RESOLVING = ("map", "new_place")

Claim = Event | Figure


def apply_decisions(extractions: Sequence[Extraction],
                    decisions: Decisions) -> tuple[list[Extraction], list[str]]:
    """``extractions`` as the analysts corrected them, and the decisions that found
    nothing to apply to (one line each)."""
    if not decisions.claims and not decisions.names:
        return list(extractions), []
    claims = {d.claim_id: d for d in decisions.claims}
    names = {normalise(d.name): d for d in decisions.names}
    used_claims: set[str] = set()
    used_names: set[str] = set()
    out = []
    for ex in extractions:
        mentioned = {normalise(n) for n in ex.unresolved_places}
        mentioned.update(normalise(r.mention) for c in claims_of(ex)
                         for r in (*c.places, *getattr(c, "still_held", ())) if r.id is None)
        used_names.update(mentioned & names.keys())
        events = _claims(ex.events, claims, names, used_claims)
        figures = _claims(ex.figures, claims, names, used_claims)
        unresolved = tuple(n for n in ex.unresolved_places if normalise(n) not in names)
        out.append(replace(ex, events=events, figures=figures, unresolved_places=unresolved))
    unapplied = [f"claim {c}: not in any extraction ({d.action} {d.id} by {d.decided.author})"
                 for c, d in claims.items() if c not in used_claims]
    unapplied += [f"name {d.name!r}: no extraction names it ({d.action} {d.id} by "
                  f"{d.decided.author})" for n, d in names.items() if n not in used_names]
    return out, unapplied


def _claims(claims: Sequence[Any], decided: Mapping[str, ClaimDecision],
            names: Mapping[str, NameDecision], used: set[str]) -> tuple[Any, ...]:
    kept = []
    for claim in claims:
        claim = _named(claim, names)
        decision = decided.get(claim.id)
        if decision is not None:
            used.add(claim.id)
            if decision.action == "reject":
                continue
            claim = _reviewed(claim, decision)
        kept.append(claim)
    return tuple(kept)


def _named(claim: Claim, names: Mapping[str, NameDecision]) -> Claim:
    """``claim`` with the place references the name decisions settle resolved or dropped."""
    if not names:
        return claim

    def settle(refs: tuple[PlaceRef, ...]) -> tuple[PlaceRef, ...]:
        out = []
        for ref in refs:
            d = names.get(normalise(ref.mention)) if ref.id is None else None
            if d is None:
                out.append(ref)
            elif d.action in RESOLVING:
                out.append(replace(ref, id=d.place_id))
        return tuple(out)

    if isinstance(claim, Figure):
        return replace(claim, places=settle(claim.places), still_held=settle(claim.still_held))
    return replace(claim, places=settle(claim.places))


def _reviewed(claim: Claim, decision: ClaimDecision) -> Claim:
    who = decision.decided.author
    if decision.changes:
        claim = with_changes(claim, decision.changes)
    if decision.action == "edit":
        return replace(claim, reviewed=f"edited by {who}: {decision.decided.reason}")
    return replace(claim, reviewed=f"accepted by {who}")


def with_changes(claim: Claim, changes: Mapping[str, Any]) -> Claim:
    """``claim`` with the fields of an edit (already checked by :func:`check_changes`)."""
    fields: dict[str, Any] = {k: v for k, v in changes.items()
                              if k not in ("places", "precision", *DATES, *NUMBERS)}
    if "places" in changes:
        fields["places"] = _places(claim.places, changes["places"])
    for key in NUMBERS:
        if key in changes:
            fields[key] = None if changes[key] is None else float(changes[key])
    if isinstance(claim, Event):
        if "date" in changes or "precision" in changes:
            new = _date(changes.get("date"), changes.get("precision"), claim.date)
            fields["date"] = new
            if claim.fighting_since is not None:
                fields["fighting_since"] = claim.fighting_since + (new.start - claim.date.start)
    else:
        for key in ("as_of", "since"):
            if key in changes or (key == "as_of" and "precision" in changes):
                old = getattr(claim, key)
                raw = changes.get(key)
                fields[key] = None if key in changes and raw is None else _date(
                    raw, changes.get("precision") if key == "as_of" else None, old)
    return replace(claim, **fields)


def _places(old: tuple[PlaceRef, ...], ids: Iterable[str]) -> tuple[PlaceRef, ...]:
    """Refs for the edited place ids, keeping the mention the report gave a kept place."""
    mentions = {ref.id: ref for ref in old if ref.id}
    return tuple(mentions.get(pid, PlaceRef(pid, pid)) for pid in ids)


def _date(raw: str | None, precision: str | None, old: PartialDate | None) -> PartialDate:
    if raw is None:
        assert old is not None, "a precision alone needs a date to apply to"
        raw, precision = old.start.isoformat(), precision or old.precision
    parsed = PartialDate.parse(raw, precision)
    return PartialDate(_period_start(parsed.start, parsed.precision), parsed.precision)


def _period_start(day: dt.date, precision: str) -> dt.date:
    if precision == "month":
        return day.replace(day=1)
    if precision == "year":
        return day.replace(month=1, day=1)
    if precision == "week":
        return day - dt.timedelta(days=day.weekday())
    return day


def check_changes(claim: Claim, changes: Mapping[str, Any], theatre: Theatre) -> None:
    """Refuse an edit of ``claim`` that :func:`with_changes` could not apply or that
    names what the theatre does not know (one line naming the field)."""
    if not changes:
        raise InputError("an edit needs at least one field=value")
    is_event = isinstance(claim, Event)
    allowed = EVENT_FIELDS if is_event else FIGURE_FIELDS
    what = "an event" if is_event else "a figure"
    for key, value in changes.items():
        if key not in allowed:
            raise InputError(f"{key!r} is not a field of {what} (one of {', '.join(allowed)})")
        _check_field(key, value, is_event, theatre)
    if isinstance(claim, Figure) and "precision" in changes and "as_of" not in changes \
            and claim.as_of is None:
        raise InputError("precision needs an as_of date (the figure has none)")
    try:
        with_changes(claim, changes)
    except (ValueError, TypeError) as exc:
        raise InputError(f"the edit cannot be applied: {exc}") from None


def _check_field(key: str, value: Any, is_event: bool, theatre: Theatre) -> None:
    known: dict[str, Sequence[str]] = {
        "kind": EVENT_KINDS if is_event else FIGURE_KINDS, "status": EVENT_STATUSES,
        "precision": PRECISIONS, "qualifier": QUALIFIERS, "side": tuple(theatre.sides)}
    if key in known and value not in known[key]:
        raise InputError(f"{key} {value!r} is not one of {', '.join(known[key])}")
    if key == "places":
        if not isinstance(value, list | tuple):
            raise InputError("places must be a list of place ids")
        places = theatre.places_by_id
        unknown = [p for p in value if p not in places]
        if unknown:
            raise InputError(f"unknown place id(s) {', '.join(map(str, unknown))} "
                             f"(see `python -m geodata geocode NAME`)")
    if key in DATES and value is not None:
        try:
            PartialDate.parse(str(value))
        except ValueError:
            raise InputError(f"{key} {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD") from None
    if key in NUMBERS and value is not None and not isinstance(value, int | float):
        raise InputError(f"{key} {value!r} is not a number")
    if key in ("actor", "subject", "claimant") and not isinstance(value, str):
        raise InputError(f"{key} must be text")


def parse_changes(pairs: Iterable[str]) -> dict[str, Any]:
    """``field=value`` pairs from the command line, typed: places are comma-separated
    ids, numbers are numbers, ``none`` clears an optional date or number."""
    changes: dict[str, Any] = {}
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        key, raw = key.strip(), raw.strip()
        if not sep or not key:
            raise InputError(f"--set {pair!r}: write field=value")
        if key == "places":
            changes[key] = [p.strip() for p in raw.split(",") if p.strip()]
        elif key in NUMBERS or key in DATES:
            changes[key] = _number_or_date(key, raw)
        else:
            changes[key] = raw
    return changes


def _number_or_date(key: str, raw: str) -> Any:
    if raw.lower() == "none":
        return None
    if key in DATES:
        return raw
    try:
        number = float(raw.replace(",", ""))
    except ValueError:
        raise InputError(f"--set {key}={raw!r}: not a number") from None
    return int(number) if number.is_integer() else number


def claim_decision(decision_id: str, claim_id: str, action: str, decided: Decided,
                   changes: Mapping[str, Any], published: dt.date | None,
                   previous: ClaimDecision | None) -> ClaimDecision:
    """The decision to record on a claim, given the one in force (``previous``).

    A claim has one decision in force, its latest, so each carries the whole of the
    correction: an edit adds its fields to those of an edit or accept in force, and an
    accept keeps them (accepting an edited claim accepts it as edited).
    """
    kept = dict(previous.changes) if previous and previous.action != "reject" else {}
    merged = {**kept, **changes} if action == "edit" else kept if action == "accept" else {}
    try:
        return ClaimDecision(decision_id, claim_id, action, decided, merged, published)
    except ValueError as exc:
        raise InputError(str(exc)) from None


def claims_of(extraction: Extraction) -> tuple[Claim, ...]:
    """The events, then the figures, of one extraction."""
    return (*extraction.events, *extraction.figures)


def find_claim(extractions: Iterable[Extraction], claim_id: str) -> tuple[Claim, Extraction]:
    """The claim with ``claim_id`` and its extraction, or a one-line :class:`InputError`."""
    for ex in extractions:
        for claim in claims_of(ex):
            if claim.id == claim_id:
                return claim, ex
    raise InputError(f"no claim {claim_id!r} in the store (ids are shown by "
                     f"`python -m timeline extract PATH --json`)")
