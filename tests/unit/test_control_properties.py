"""Property tests of the control timeline on random SYNTHETIC events in Toyville."""

from __future__ import annotations

import datetime as dt

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.builders import TOY_END, make_event, make_extraction, make_figure, toy_districts
from tests.builders import toy_theatre as _toy_theatre
from timeline.control.build import build_timeline
from timeline.records import Event, Extraction, PartialDate, PlaceRef

THEATRE = _toy_theatre()
DISTRICTS = toy_districts(THEATRE)
PLACES = ("w-north", "w-south", "e-north", "e-south", "west-toy", "east-toy", "toyville",
          "toy-mosque", None)
# A busy window keeps the examples dense; a few dates fall before the theatre begins.
FIRST, LAST = dt.date(2016, 12, 1), dt.date(2017, 3, 31)
WINDOW = st.dates(dt.date(2016, 12, 1), dt.date(2017, 4, 30))


@st.composite
def events(draw: st.DrawFn) -> Event:
    day = draw(st.one_of(st.dates(FIRST, LAST), st.just(dt.date(2013, 5, 1))))
    precision = draw(st.sampled_from(("day", "day", "month")))
    date = PartialDate(day if precision == "day" else day.replace(day=1), precision)
    places = tuple(draw(st.lists(st.sampled_from(PLACES), min_size=1, max_size=2)))
    return make_event(
        draw(st.sampled_from(("capture", "declaration", "attack", "offensive", "kill"))),
        date, places, draw(st.sampled_from(("government", "isis", ""))),
        draw(st.sampled_from(("reported", "reported", "claimed", "expected"))),
        quote=draw(st.sampled_from(("", "after two months of fighting"))),
    )


@st.composite
def corpora(draw: st.DrawFn) -> list[Extraction]:
    out = []
    for k in range(draw(st.integers(1, 3))):
        evs = draw(st.lists(events(), max_size=12))
        published = max([e.date.end for e in evs], default=FIRST) + dt.timedelta(
            days=draw(st.integers(0, 20)))
        aid = f"article-{k}"
        evs = [Event(**{**e.__dict__, "id": f"{aid}:{i}"}) for i, e in enumerate(evs)]
        figs = ()
        if draw(st.booleans()):
            figs = (make_figure(draw(st.floats(0, 100)), published.isoformat(),
                                id=f"{aid}:f", article_id=aid, published=published),)
        out.append(make_extraction(tuple(evs), figs, published=published, article_id=aid,
                                   text="Militants are holed up in W North."))
    return out


SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(corpora())
def test_shares_lie_in_0_1_and_sum_to_1_per_bank(corpus: list[Extraction]) -> None:
    tl = build_timeline(THEATRE, DISTRICTS, corpus, end=TOY_END)
    for key in ("west", "east", "city"):
        share = tl.share[key]
        assert ((share >= -1e-9) & (share <= 1 + 1e-9)).all()
        assert np.allclose(share.sum(axis=0), 1.0)
    assert set(np.unique(tl.side)) <= {0, 1, 2, 3} and set(np.unique(tl.basis)) <= {0, 1, 2}


@SETTINGS
@given(corpora(), WINDOW)
def test_a_state_uses_no_evidence_dated_after_it(corpus: list[Extraction],
                                                 date: dt.date) -> None:
    tl = build_timeline(THEATRE, DISTRICTS, corpus, end=TOY_END)
    for state in tl.state_at(date):
        assert state.since <= date
        for evidence in state.evidence:
            starts = PartialDate.parse(evidence.date).start
            retro = any(f.startswith("retroactive") for f in evidence.flags)
            assert starts <= date or retro, (state, evidence)


@SETTINGS
@given(corpora(), WINDOW)
def test_known_on_uses_no_article_published_after_it(corpus: list[Extraction],
                                                     known_on: dt.date) -> None:
    tl = build_timeline(THEATRE, DISTRICTS, corpus, known_on=known_on, end=TOY_END)
    for evidence in tl.evidence.values():
        assert evidence.id == "initial" or dt.date.fromisoformat(evidence.published) <= known_on
    visible = [x for x in corpus if x.article.published and x.article.published <= known_on]
    same = build_timeline(THEATRE, DISTRICTS, visible, end=TOY_END)
    assert np.array_equal(tl.side, same.side) and np.array_equal(tl.basis, same.basis)


@SETTINGS
@given(corpora())
def test_bulk_and_one_by_one_paths_agree(corpus: list[Extraction]) -> None:
    """An unresolved extra mention sends every event down the one-by-one path; the
    arrays must not change (only the 'unknown place' flags are added)."""
    slow = [make_extraction(
        tuple(Event(**{**e.__dict__, "places": (*e.places, PlaceRef(None, "Nowhere"))})
              for e in x.events), x.figures, published=x.article.published,
        article_id=x.article.id, text=x.article.text) for x in corpus]
    fast = build_timeline(THEATRE, DISTRICTS, corpus, end=TOY_END, series=False)
    one_by_one = build_timeline(THEATRE, DISTRICTS, slow, end=TOY_END, series=False)
    assert np.array_equal(fast.side, one_by_one.side)
    assert np.array_equal(fast.basis, one_by_one.basis)
