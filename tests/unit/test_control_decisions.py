"""Analysts' decisions in the control rules (issue 15), on Toyville: overrides against
inferred, assumed and reported states, overrides "as known on", source grades and
credibility by corroboration."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.builders import (
    TOY_RULES,
    make_event,
    make_extraction,
    toy_districts,
    toy_theatre,
    toy_timeline,
)
from timeline.control.build import timeline_with_replay
from timeline.control.credibility import (
    CANNOT_JUDGE,
    CONFIRMED,
    DOUBTFUL,
    POSSIBLE,
    PROBABLE,
    grade_for,
)
from timeline.control.model import ControlTimeline, DistrictState, Evidence
from timeline.decisions import Annotation, Decided, Decisions, Override, SourceGrade
from timeline.records import Extraction

D = dt.date
BY = Decided("rana", dt.datetime(2024, 5, 2, 9, 30), "checked against imagery")

build = toy_timeline



def at(tl: ControlTimeline, district: str, date: dt.date) -> DistrictState:
    return next(s for s in tl.state_at(date) if s.id == district)


START, END = D(2016, 1, 1), D(2016, 2, 1)


def override(district: str = "w-north", side: str = "government", start: dt.date = START,
             end: dt.date | None = END, **kw: object) -> Override:
    return Override(id=kw.pop("id", "o1"), district=district, side=side, start=start,  # type: ignore[arg-type]
                    end=end, decided=BY, source=str(kw.pop("source", "drone footage")),
                    note=str(kw.pop("note", "the flag is up on the council building")),
                    **kw)  # type: ignore[arg-type]


def capture(district: str = "w-north", date: str = "2017-03-06", *, article: str = "a1",
            source: str = "Synthetic News", quote: str = "",
            side: str = "government") -> Extraction:
    event = make_event("capture", date, (district,), side=side, quote=quote, article_id=article,
                       source=source)
    return make_extraction((event,), published=D.fromisoformat(date), article_id=article)


def test_an_override_beats_an_assumed_state_and_names_its_author() -> None:
    tl = build(decisions=Decisions(overrides=(override(),)))
    before = at(tl, "w-north", D(2015, 12, 31))
    assert (before.side, before.basis) == ("isis", "assumed")
    state = at(tl, "w-north", D(2016, 1, 10))
    assert (state.side, state.basis, state.since) == ("government", "analyst", D(2016, 1, 1))
    (ev,) = state.evidence
    assert (ev.author, ev.decided, ev.source, ev.basis) == (
        "rana", "2024-05-02", "drone footage", "analyst")
    assert ev.quote == "the flag is up on the council building"
    assert Evidence.from_json(ev.to_json()) == ev
    after = at(tl, "w-north", D(2016, 2, 2))
    assert after.side == "isis" and after.since == D(2016, 2, 2)
    assert at(tl, "w-south", D(2016, 1, 10)).side == "isis"


def test_no_decisions_is_the_same_map() -> None:
    x = capture()
    a, b = build(x), build(x, decisions=Decisions())
    assert (a.side == b.side).all() and (a.basis == b.basis).all()
    assert (a.since == b.since).all()


def test_an_override_beats_an_inferred_state() -> None:
    declared = make_event("declaration", "2017-01-10", ("east-toy",), article_id="a1")
    x = make_extraction((declared,), published=D(2017, 1, 10), article_id="a1")
    plain = build(x)
    assert (at(plain, "e-north", D(2017, 1, 12)).basis) == "inferred"
    tl = build(x, decisions=Decisions(overrides=(
        override("e-north", "isis", D(2017, 1, 12), None),)))
    state = at(tl, "e-north", D(2017, 1, 12))
    assert (state.side, state.basis) == ("isis", "analyst")
    assert at(tl, "e-south", D(2017, 1, 12)).side == "government"


def test_an_override_beats_a_contest_made_by_inference() -> None:
    claimed = make_event("capture", "2017-03-06", ("w-north",), status="claimed",
                         article_id="a1")
    x = make_extraction((claimed,), published=D(2017, 3, 6), article_id="a1")
    assert at(build(x), "w-north", D(2017, 3, 7)).side == "contested"
    tl = build(x, decisions=Decisions(overrides=(override(start=D(2017, 3, 7), end=None),)))
    assert at(tl, "w-north", D(2017, 3, 7)).basis == "analyst"


def test_an_override_leaves_a_reported_state_unless_it_supersedes_the_report() -> None:
    x = capture()
    report_id = x.events[0].id
    o = override(side="isis", start=D(2017, 3, 8), end=D(2017, 3, 20))
    tl = build(x, decisions=Decisions(overrides=(o,)))
    state = at(tl, "w-north", D(2017, 3, 10))
    assert (state.side, state.basis) == ("government", "reported")

    superseding = override(side="isis", start=D(2017, 3, 8), end=D(2017, 3, 20),
                           supersedes=(report_id,))
    tl = build(x, decisions=Decisions(overrides=(superseding,)))
    state = at(tl, "w-north", D(2017, 3, 10))
    assert (state.side, state.basis) == ("isis", "analyst")
    ids = [e.id for e in state.evidence]
    assert ids == ["analyst:o1", report_id]  # the note first, then the report it set aside
    assert any("superseded by analyst rana" in f for f in tl.evidence[report_id].flags)
    assert any("supersedes the report" in f for f in state.evidence[0].flags)


def test_the_hover_shows_the_note_and_the_superseded_report() -> None:
    from viewmodel.page_control import control_view

    x = capture(quote="(synthetic) Government forces took W North on Monday.")
    o = override(side="isis", start=D(2017, 3, 8), end=None, supersedes=(x.events[0].id,))
    tl = build(x, decisions=Decisions(overrides=(o,)))
    day = tl.day_index(D(2017, 3, 10))
    view = control_view(tl, ("W North", "W South", "E North", "E South"), tl.district_ids,
                        tl.start, tl.n_days)
    text = view.texts[int(view.hover[day, 0])]
    assert "analyst" in text and "the flag is up on the council building" in text
    assert "rana" in text and "Government forces took W North" in text


def test_an_override_is_known_from_its_source_date_and_never_without_one() -> None:
    theatre = toy_theatre()
    x = capture("w-south", "2017-02-01")
    dated = override(start=D(2017, 3, 1), end=None, source_date=D(2017, 3, 5))
    undated = override("e-north", start=D(2017, 3, 1), end=None, id="o2")
    tl = timeline_with_replay(theatre, toy_districts(theatre), [x], rules=TOY_RULES,
                              decisions=Decisions(overrides=(dated, undated)))
    w = tl.district_ids.index("w-north")
    e = tl.district_ids.index("e-north")
    seen = tl.known_state(w, tl.day_index(D(2017, 3, 4)))
    assert seen is not None and seen.basis != "analyst" and seen.side == "isis"
    known = tl.known_state(w, tl.day_index(D(2017, 3, 5)))
    assert known is not None and (known.side, known.basis) == ("government", "analyst")
    assert known.evidence[0].author == "rana"
    for day in (D(2017, 3, 5), D(2017, 6, 1)):
        never = tl.known_state(e, tl.day_index(day))
        assert never is not None and never.basis != "analyst"
    assert at(tl, "e-north", D(2017, 3, 5)).basis == "analyst"  # in hindsight it applies


def test_a_claim_from_a_source_graded_e_contests_at_most() -> None:
    x = capture(source="Rumour Mill")
    graded = Decisions(grades=(SourceGrade("rumour mill", "E", BY),))
    tl = build(x, decisions=graded)
    state = at(tl, "w-north", D(2017, 3, 7))
    assert state.side == "contested" and state.holder == "isis"
    ev = tl.evidence[x.events[0].id]
    assert ev.grade == "E" and any("graded E" in f for f in ev.flags)
    assert at(build(x), "w-north", D(2017, 3, 7)).side == "government"
    assert at(build(x, decisions=Decisions(grades=(SourceGrade("Rumour Mill", "B", BY),))),
              "w-north", D(2017, 3, 7)).side == "government"


def test_grades_default_to_f_and_match_the_outlet_however_written() -> None:
    d = Decisions(grades=(SourceGrade("Reuters", "B", BY),))
    assert grade_for(d, "reuters (via Some Portal)") == "B"
    assert grade_for(d, "Nobody Graded") == "F"
    tl = build(capture(source="Reuters"), decisions=d)
    ev = next(e for e in tl.evidence.values() if e.source == "Reuters")
    assert ev.grading == f"source grade B, credibility {POSSIBLE}"


TEXTS = ("(synthetic) Troops raised the flag over the W North council on Monday.",
         "(synthetic) Residents in W North said the army now patrols the market.",
         "(synthetic) A commander told us W North is under full government control.")


@pytest.mark.parametrize(("outlets", "texts", "expected"), [
    (("One",), TEXTS[:1], POSSIBLE),
    (("One", "Two"), TEXTS[:2], PROBABLE),
    (("One", "Two", "Three"), TEXTS, CONFIRMED),
    # The same wire text on three sites is one source.
    (("One", "Two", "Three"), (TEXTS[0],) * 3, POSSIBLE),
    # Two near copies and one other text: two sources.
    (("One", "Two", "Three"), (TEXTS[0], TEXTS[0] + " More soon.", TEXTS[2]), PROBABLE),
])
def test_credibility_counts_independent_sources_near_copies_once(
        outlets: tuple[str, ...], texts: tuple[str, ...], expected: int) -> None:
    xs = [capture(date=f"2017-03-0{6 + k}", article=f"a{k}", source=o, quote=t)
          for k, (o, t) in enumerate(zip(outlets, texts, strict=True))]
    tl = build(*xs)
    assert {tl.evidence[x.events[0].id].credibility for x in xs} == {expected}


def test_credibility_is_doubtful_when_another_source_names_another_side() -> None:
    a = capture(article="a1", source="One", quote=TEXTS[0])
    b = capture(article="a2", source="Two", quote=TEXTS[1])
    c = capture(article="a3", source="Three", quote="(synthetic) ISIS retook W North.",
                side="isis", date="2017-03-07")
    tl = build(a, b, c)
    assert tl.evidence[a.events[0].id].credibility == DOUBTFUL
    assert tl.evidence[c.events[0].id].credibility >= DOUBTFUL


def test_a_claim_naming_no_district_cannot_be_judged() -> None:
    event = make_event("capture", "2017-03-06", (None,), article_id="a1")
    tl = build(make_extraction((event,), published=D(2017, 3, 6), article_id="a1"))
    assert tl.evidence[event.id].credibility == CANNOT_JUDGE


def test_the_timeline_carries_the_annotations_and_stores_them(tmp_path: object) -> None:
    from pathlib import Path

    from timeline.store.timeline_files import load_timeline, save_timeline

    note = Annotation("n1", "w-north", D(2017, 3, 6), "checkpoint moved south", BY,
                      source="UN OCHA", source_date=D(2017, 3, 7))
    d = Decisions(overrides=(override(supersedes=("x",), source_date=D(2016, 1, 2)),),
                  annotations=(note,), grades=(SourceGrade("One", "A", BY),))
    tl = build(capture(), decisions=d)
    assert tl.decisions.annotations == (note,)
    assert isinstance(tmp_path, Path)
    save_timeline(tl, tmp_path)
    back = load_timeline(tmp_path)
    assert back.decisions == d
    assert back.evidence["analyst:o1"] == tl.evidence["analyst:o1"]


def test_event_and_district_hovers_show_grade_and_credibility() -> None:
    from viewmodel.page_data import build_page_data, frame

    theatre = toy_theatre()
    districts = toy_districts(theatre)
    x = capture(source="Reuters")
    d = Decisions(grades=(SourceGrade("Reuters", "B", BY),))
    tl = build(x, decisions=d)
    page = build_page_data(theatre, districts, tl, [x])
    (event,) = page.events
    assert event.hover.endswith("<br>source grade B, credibility 3")
    assert page.to_json()["strings"][page.to_json()["events"]["grading"][0]] == event.grading
    text = frame(page, page.day_of(D(2017, 3, 7)))["text"][tl.district_ids.index("w-north")]
    assert "source grade B, credibility 3" in text
