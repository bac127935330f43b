"""Score the extractor against a hand-written development set (issue #13).

    python -m timeline.evaluate [DEVSET_DIR] [--split dev|heldout|heldout2|heldout3|all]
                                [--json] [--details]

``DEVSET_DIR`` (default ``devset``) holds ``facts.yaml`` (committed: per report its id,
url, outlet, published date, split and the facts an analyst takes from it) and
``texts/<id>.txt`` (git-ignored: the article texts, with front matter). Each report whose
text is present is extracted as a library call, and every extracted event or figure is
matched against that report's facts:

- **events:** the item's kind is the fact's ``kind`` (or one of its ``also`` kinds); the
  places overlap (gazetteer ids; a fact whose place the gazetteer lacks is met by an item
  with no resolved place that names it, or that names no place at all, while an item
  resolving it to some id is a wrong resolution); the dates overlap, the fact's period widened by
  a day on each side (a fact without a date takes any date); and the status class is the
  same (``reported`` and ``claimed`` are one class, ``expected`` the other);
- **figures:** the same kind (or ``also``), and the numbers agree: the item's value, or
  its low-high range, overlaps the fact's value or range within 1%.

A fact is *found* when some item matches it. An item is *wrong/unsupported* when it
matches no fact of its report. Facts with ``scope: background`` (restated history,
places off the city map, rates) are not counted for recall, but an item matching one is
not wrong either. Missing texts are skipped; with none present the command says so and
exits 0. Held-out reports are scored only with ``--split heldout``, ``--split heldout2``,
``--split heldout3`` or ``--split all``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from frontline.errors import InputError
from timeline.records import EVENT_KINDS, FIGURE_KINDS, Event, Figure, PartialDate

PROG = "python -m timeline.evaluate"
SPLITS = ("dev", "heldout", "heldout2", "heldout3", "all")
STATUS_CLASS = {"reported": "past", "claimed": "past", "expected": "expected"}
VALUE_TOLERANCE = 0.01
_ARTICLE = re.compile(r"^(?:the|al|el|ad|an|ar|as|ash|at|az)[-\s]+")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Fact:
    """One fact of a report, as the analyst wrote it in ``facts.yaml``."""

    report: str
    kind: str
    also: tuple[str, ...] = ()
    places: frozenset[str] = frozenset()
    unresolved: tuple[str, ...] = ()
    date: PartialDate | None = None
    status: str = "reported"
    value: float | None = None
    low: float | None = None
    high: float | None = None
    scope: str = "in"
    note: str = ""

    @property
    def is_figure(self) -> bool:
        return self.kind in FIGURE_KINDS

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset((self.kind, *self.also))

    @property
    def counted(self) -> bool:
        """Whether the fact counts toward recall (background facts do not)."""
        return self.scope != "background"

    def describe(self) -> str:
        where = ",".join(sorted(self.places) + list(self.unresolved)) or "-"
        if self.is_figure:
            num = _number(self.value, self.low, self.high)
            return f"{self.kind} {num} [{where}]"
        return f"{self.kind} {where} {self.date or '?'} {self.status}"


@dataclass(frozen=True)
class Item:
    """An extracted event or figure, reduced to what matching needs."""

    kind: str
    places: frozenset[str] = frozenset()
    mentions: tuple[str, ...] = ()
    date: PartialDate | None = None
    status: str = "reported"
    value: float | None = None
    low: float | None = None
    high: float | None = None
    quote: str = ""

    @property
    def is_figure(self) -> bool:
        return self.kind in FIGURE_KINDS

    def describe(self) -> str:
        where = ",".join(sorted(self.places) or self.mentions) or "-"
        if self.is_figure:
            num = _number(self.value, self.low, self.high)
            return f"{self.kind} {num} [{where}]"
        return f"{self.kind} {where} {self.date or '?'} {self.status}"


@dataclass(frozen=True)
class Report:
    """A report of the development set: metadata and facts."""

    id: str
    url: str
    outlet: str
    published: dt.date
    split: str
    facts: tuple[Fact, ...]


@dataclass
class Tally:
    """Counts for one kind (or overall)."""

    facts: int = 0
    found: int = 0
    items: int = 0
    wrong: int = 0

    def add(self, other: Tally) -> None:
        self.facts += other.facts
        self.found += other.found
        self.items += other.items
        self.wrong += other.wrong

    def to_json(self) -> dict[str, Any]:
        return {"facts": self.facts, "found": self.found, "recall": _share(self.found, self.facts),
                "items": self.items, "wrong": self.wrong,
                "wrong_share": _share(self.wrong, self.items)}


@dataclass
class Scored:
    """One report's matching: which facts were found, which items were wrong."""

    report: Report
    found: list[Fact] = field(default_factory=list)
    missed: list[Fact] = field(default_factory=list)
    supported: list[Item] = field(default_factory=list)
    wrong: list[Item] = field(default_factory=list)
    unresolved_places: tuple[str, ...] = ()


# --- matching -------------------------------------------------------------------------

def normalize_name(name: str) -> str:
    """A place name for comparison: lower case, no article, letters and digits only."""
    return _NON_ALNUM.sub("", _ARTICLE.sub("", name.strip().lower()))


def places_match(fact: Fact, item: Item) -> bool:
    """Whether ``item`` is at ``fact``'s place (see the module docstring)."""
    if fact.places:
        return bool(fact.places & item.places)
    if item.places:
        return False  # the gazetteer lacks the fact's place: any id is a wrong resolution
    return not item.mentions or _names_overlap(fact.unresolved, item.mentions)


def _names_overlap(names: Iterable[str], mentions: Iterable[str]) -> bool:
    keys = [k for k in (normalize_name(n) for n in names) if k]
    for mention in mentions:
        m = normalize_name(mention)
        if m and any(m in k or k in m for k in keys):
            return True
    return False


def dates_match(fact: PartialDate | None, item: PartialDate | None) -> bool:
    """Whether the item's period overlaps the fact's, widened by a day on each side."""
    if fact is None:
        return True
    if item is None:
        return False
    day = dt.timedelta(days=1)
    return item.start <= fact.end + day and item.end >= fact.start - day


def values_match(fact: Fact, item: Item) -> bool:
    """Whether the item's number (or range) overlaps the fact's, within 1%."""
    f_lo, f_hi = _interval(fact.value, fact.low, fact.high)
    i_lo, i_hi = _interval(item.value, item.low, item.high)
    if f_lo is None or f_hi is None or i_lo is None or i_hi is None:
        return False
    slack = VALUE_TOLERANCE * max(abs(f_lo), abs(f_hi), 1.0)
    return i_lo <= f_hi + slack and i_hi >= f_lo - slack


def _interval(value: float | None, low: float | None,
              high: float | None) -> tuple[float | None, float | None]:
    if low is not None or high is not None:
        lo = low if low is not None else value
        hi = high if high is not None else value
        return (lo if lo is not None else hi), (hi if hi is not None else lo)
    return value, value


def matches(fact: Fact, item: Item) -> bool:
    """Whether ``item`` states ``fact`` (kind, place, date and status; or kind and number)."""
    if item.kind not in fact.kinds:
        return False
    if fact.is_figure:
        return values_match(fact, item)
    return (places_match(fact, item) and dates_match(fact.date, item.date)
            and STATUS_CLASS.get(fact.status) == STATUS_CLASS.get(item.status))


def score_report(report: Report, items: Sequence[Item],
                 unresolved_places: Sequence[str] = ()) -> Scored:
    """Match one report's items to its facts."""
    out = Scored(report, unresolved_places=tuple(unresolved_places))
    for fact in report.facts:
        hit = any(matches(fact, item) for item in items)
        if fact.counted:
            (out.found if hit else out.missed).append(fact)
    for item in items:
        ok = any(matches(fact, item) for fact in report.facts)
        (out.supported if ok else out.wrong).append(item)
    return out


def tally(scored: Iterable[Scored]) -> dict[str, Tally]:
    """Per-kind counts over the scored reports (kinds in contract order)."""
    table = {kind: Tally() for kind in (*EVENT_KINDS, *FIGURE_KINDS)}
    for s in scored:
        for fact in s.found:
            table[fact.kind].facts += 1
            table[fact.kind].found += 1
        for fact in s.missed:
            table[fact.kind].facts += 1
        for item in s.supported:
            table.setdefault(item.kind, Tally()).items += 1
        for item in s.wrong:
            t = table.setdefault(item.kind, Tally())
            t.items += 1
            t.wrong += 1
    return {k: t for k, t in table.items() if t.facts or t.items}


# --- reading the set and the extractor's output ---------------------------------------

def load_devset(path: Path) -> list[Report]:
    """Read ``facts.yaml``; a malformed file is an :class:`InputError` naming it."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return [_report(r) for r in data["reports"]]
    except (yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
        raise InputError(f"{path}: not a development set ({type(exc).__name__}: {exc})") from exc


def _report(data: dict[str, Any]) -> Report:
    rid = str(data["id"])
    split = str(data["split"])
    if split not in SPLITS[:-1]:
        raise ValueError(f"{rid}: split must be one of {', '.join(SPLITS[:-1])}, not {split!r}")
    published = data["published"]
    if not isinstance(published, dt.date):
        published = dt.date.fromisoformat(str(published))
    facts = tuple(fact_from_dict(rid, f) for f in data.get("facts") or ())
    return Report(rid, str(data.get("url", "")), str(data.get("outlet", "")), published, split,
                  facts)


# Every field a fact may have (the header of ``devset/facts.yaml``); side, actor, as_of,
# since and qualifier are the analyst's record, not scored.
FACT_FIELDS = frozenset({"kind", "also", "places", "unresolved", "date", "as_of", "since",
                         "status", "side", "actor", "value", "low", "high", "qualifier",
                         "scope", "note"})


def fact_from_dict(report: str, data: dict[str, Any]) -> Fact:
    """One fact from its YAML mapping (see the header of ``devset/facts.yaml``); a field
    it does not know is refused: in a one-line mapping an unquoted comma ends a value,
    and the rest would be a stray field while the note or actor is silently cut."""
    unknown = sorted(str(k) for k in data if k not in FACT_FIELDS)
    if unknown:
        raise ValueError(f"{report}: unknown fact field(s) {', '.join(map(repr, unknown))} "
                         "(a comma inside an unquoted value ends it: quote the value)")
    kind = str(data["kind"])
    also = tuple(str(k) for k in data.get("also") or ())
    for k in (kind, *also):
        if k not in EVENT_KINDS and k not in FIGURE_KINDS:
            raise ValueError(f"{report}: unknown kind {k!r}")
    status = str(data.get("status") or "reported")
    if status not in STATUS_CLASS:
        raise ValueError(f"{report}: unknown status {status!r}")
    date = data.get("date")
    return Fact(
        report=report, kind=kind, also=also,
        places=frozenset(str(p) for p in data.get("places") or ()),
        unresolved=tuple(str(n) for n in data.get("unresolved") or ()),
        date=_partial(date) if date is not None else None, status=status,
        value=_num(data.get("value")), low=_num(data.get("low")), high=_num(data.get("high")),
        scope=str(data.get("scope") or "in"), note=str(data.get("note") or ""),
    )


def _partial(value: Any) -> PartialDate:
    if isinstance(value, dt.date):
        return PartialDate(value, "day")
    return PartialDate.parse(str(value))


def _num(value: Any) -> float | None:
    return None if value is None else float(value)


def item_from_event(event: Event) -> Item:
    return Item(
        kind=event.kind, places=frozenset(p.id for p in event.places if p.id),
        mentions=tuple(p.mention for p in event.places if not p.id), date=event.date,
        status=event.status, quote=event.provenance.quote,
    )


def item_from_figure(fig: Figure) -> Item:
    return Item(
        kind=fig.kind, places=frozenset(p.id for p in fig.places if p.id),
        mentions=tuple(p.mention for p in fig.places if not p.id), date=fig.as_of,
        value=fig.value, low=fig.low, high=fig.high, quote=fig.provenance.quote,
    )


def extract_items(text_path: Path, published: dt.date) -> tuple[list[Item], tuple[str, ...]]:
    """Run the extractor on one text (library calls) and reduce its output to items."""
    from timeline.extract.articles import load_article
    from timeline.extract.extractor import extract_article

    extraction = extract_article(load_article(text_path, published))
    items = [item_from_event(e) for e in extraction.events]
    items += [item_from_figure(f) for f in extraction.figures]
    return items, extraction.unresolved_places


# --- the command ----------------------------------------------------------------------

def evaluate(devset: Path, split: str) -> tuple[list[Scored], list[str]]:
    """Score every report of ``split`` whose text is present; also the ids skipped."""
    reports = [r for r in load_devset(devset / "facts.yaml") if split in ("all", r.split)]
    scored: list[Scored] = []
    missing: list[str] = []
    for report in reports:
        text = devset / "texts" / f"{report.id}.txt"
        if not text.is_file():
            missing.append(report.id)
            continue
        items, unresolved = extract_items(text, report.published)
        scored.append(score_report(report, items, unresolved))
    return scored, missing


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__.split("\n\n")[0])
    parser.add_argument("devset", nargs="?", default="devset", help="default: devset")
    parser.add_argument("--split", choices=SPLITS, default="dev",
                        help="dev (default); the heldout splits only when resolving the issue")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--details", action="store_true",
                        help="also list, per report, the facts missed and the wrong items")
    args = parser.parse_args(argv)
    devset = Path(args.devset)
    scored, missing = evaluate(devset, args.split)
    if not scored:
        print(f"{PROG}: no article texts under {devset / 'texts'} for the {args.split} split "
              f"(they are not committed); see {devset / 'README.md'} to fetch them; skipped")
        return 0
    table = tally(scored)
    overall = Tally()
    for t in table.values():
        overall.add(t)
    if args.json:
        payload: dict[str, Any] = {
            "split": args.split, "reports": len(scored), "missing_texts": missing,
            "kinds": {k: t.to_json() for k, t in table.items()}, "overall": overall.to_json(),
        }
        if args.details:
            payload["details"] = [_details_json(s) for s in scored]
        print(json.dumps(payload, indent=2, ensure_ascii=False))
        return 0
    print(_table(args.split, scored, missing, table, overall))
    if args.details:
        for s in scored:
            print(_details_text(s))
    return 0


def _table(split: str, scored: list[Scored], missing: list[str], table: dict[str, Tally],
           overall: Tally) -> str:
    lines = [f"split {split}: {len(scored)} reports scored"
             + (f", {len(missing)} skipped (text missing)" if missing else ""),
             f"{'kind':<18}{'facts':>6}{'found':>7}{'recall':>8}{'items':>7}{'wrong':>7}"
             f"{'share':>7}"]
    for kind, t in [*table.items(), ("overall", overall)]:
        lines.append(f"{kind:<18}{t.facts:>6}{t.found:>7}{_pct(t.found, t.facts):>8}"
                     f"{t.items:>7}{t.wrong:>7}{_pct(t.wrong, t.items):>7}")
    return "\n".join(lines)


def _details_text(s: Scored) -> str:
    lines = [f"\n== {s.report.id} ({s.report.outlet}, {s.report.published})"]
    lines += [f"  missed: {f.describe()}  # {f.note}" for f in s.missed]
    lines += [f"  wrong:  {i.describe()}  | {' '.join(i.quote.split())[:110]}" for i in s.wrong]
    if s.unresolved_places:
        lines.append(f"  unresolved: {', '.join(s.unresolved_places)}")
    return "\n".join(lines)


def _details_json(s: Scored) -> dict[str, Any]:
    return {"report": s.report.id, "missed": [f.describe() for f in s.missed],
            "wrong": [i.describe() for i in s.wrong],
            "unresolved_places": list(s.unresolved_places)}


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "-"


def _fmt(x: float | None) -> str:
    return "?" if x is None else f"{x:g}"


def _number(value: float | None, low: float | None, high: float | None) -> str:
    return _fmt(value) if value is not None else f"{_fmt(low)}-{_fmt(high)}"


if __name__ == "__main__":
    from frontline.cli import run_cli

    run_cli(PROG, main)
