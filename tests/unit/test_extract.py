"""Event and figure extraction on short test fixtures and single sentences (issue 4)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from timeline.extract.articles import load_article
from timeline.extract.extractor import FLAG_DATE_ANCHORED, FLAG_DATE_FROM_PUBLISHED, extract_article
from timeline.records import Article, Extraction

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
WED = dt.date(2017, 5, 10)


def extract_text(text: str, published: dt.date = WED) -> Extraction:
    """Extract from an in-memory TEST article."""
    article = Article(id="test", path="test.md", title="TEST", source="test", published=published,
                      text=text)
    return extract_article(article)


def summary(extraction: Extraction) -> list[tuple[str, str, list[str | None], str, str]]:
    return [(e.kind, e.date.iso(), [p.id for p in e.places], e.side, e.status)
            for e in extraction.events]


def test_militant_capture_is_side_isis() -> None:
    x = extract_article(load_article(FIXTURES / "militant-capture.md"))
    assert summary(x) == [("capture", "2017-06-27", ["al-tanak"], "isis", "reported")]
    assert x.events[0].actor == "ISIS"


def test_negated_and_failed_actions_are_not_events() -> None:
    x = extract_article(load_article(FIXTURES / "militant-capture.md"))
    quotes = " ".join(e.provenance.quote for e in x.events)
    assert "not yet begun" not in quotes and "failed to recapture" not in quotes


def test_claim_denied_is_claimed_and_forecast_is_expected() -> None:
    x = extract_article(load_article(FIXTURES / "claim-denied.md"))
    assert summary(x) == [
        ("capture", "2017-06-18", ["al-zanjili"], "isis", "claimed"),
        ("capture", "2017-06-20", ["al-shifa"], "government", "expected"),
    ]
    assert FLAG_DATE_FROM_PUBLISHED in x.events[1].flags


def test_trapped_figure_with_explicit_date_and_claimant() -> None:
    x = extract_article(load_article(FIXTURES / "claim-denied.md"))
    (fig,) = x.figures
    assert (fig.kind, fig.value, fig.qualifier, fig.subject) == ("trapped", 100000, "about",
                                                                 "civilians")
    assert fig.claimant == "United Nations" and fig.as_of and fig.as_of.iso() == "2017-06-18"
    assert [p.id for p in fig.places] == ["old-city"]


def test_html_page_chrome_and_ignored_block_yield_nothing() -> None:
    x = extract_article(load_article(FIXTURES / "police-report.html"))
    assert summary(x) == [("capture", "2017-06-10", ["al-zanjili"], "government", "reported")]
    assert x.events[0].actor == "Federal Police"
    (fig,) = x.figures
    assert (fig.kind, fig.value, fig.qualifier) == ("killed", 200, "at_least")
    assert fig.since and fig.since.iso() == "2017-05"


def test_cp1252_article_extracts() -> None:
    x = extract_article(load_article(FIXTURES / "cp1252-report.txt"))
    assert summary(x) == [("capture", "2017-03-07", ["al-dawasa"], "government", "reported")]
    assert x.warnings and "cp1252" in x.warnings[0]
    (fig,) = x.figures
    assert (fig.kind, fig.value, fig.qualifier) == ("displaced", 1500, "about")


def test_fell_to_is_a_capture_by_the_militants() -> None:
    x = extract_text("al-Tanak, the largest district in the west, fell to Islamic State "
                     "militants on Monday.")
    assert summary(x) == [("capture", "2017-05-08", ["al-tanak"], "isis", "reported")]


def test_history_before_the_battle_is_context_not_an_event() -> None:
    # The theatre's initial state already says the city fell in 2014.
    x = extract_text("Mosul, the largest city in the north, fell to Islamic State in June 2014.")
    assert x.events == ()


def test_capture_of_a_landmark_names_the_landmark() -> None:
    x = extract_text("On Thursday, Iraqi troops captured the Grand al-Nuri Mosque in the Old City.")
    assert summary(x) == [("capture", "2017-05-04", ["al-nuri-mosque"], "government",
                           "reported")]


def test_captured_people_is_an_arrest() -> None:
    x = extract_text("Federal Police captured 12 militants in al-Karama on Monday.")
    assert summary(x) == [("arrest", "2017-05-08", ["al-karama"], "government", "reported")]


def test_the_offensive_that_has_not_yet_begun_is_not_an_event() -> None:
    x = extract_text("The offensive on al-Zanjili has not yet begun, commanders said.")
    assert x.events == ()


def test_a_struggle_to_invade_is_not_a_capture() -> None:
    x = extract_text("Troops struggled for weeks to invade the Old City from the south.")
    assert x.events == ()


def test_part_of_a_bank_is_not_the_bank() -> None:
    x = extract_text("Iraqi forces recaptured another area in western Mosul on Monday.")
    assert x.events == ()


def test_unresolved_place_names_are_listed() -> None:
    x = extract_text("Iraqi forces recaptured Hay Zzyzx on Monday, and fighting went on in "
                     "Qwertabad district.")
    assert "Qwertabad" in x.unresolved_places
    assert "Monday" not in x.unresolved_places


def test_english_glosses_are_not_places() -> None:
    x = extract_text("Police said the factories were shut. The city was quiet on Monday.")
    assert x.events == () and x.figures == ()


def test_every_quote_is_its_span() -> None:
    x = extract_article(load_article(FIXTURES / "claim-denied.md"))
    for record in (*x.events, *x.figures):
        start, end = record.provenance.span
        assert x.article.text[start:end] == record.provenance.quote


def test_passive_capture_takes_the_place_before_and_the_actor_after_by() -> None:
    x = extract_text("al-Tanak was recaptured by the army on Monday.")
    assert summary(x) == [("capture", "2017-05-08", ["al-tanak"], "government", "reported")]
    assert x.events[0].actor == "Iraqi army"


def test_overran_by_militants_and_entered_is_an_attack() -> None:
    x = extract_text("ISIS militants overran al-Yarmouk on Sunday. Iraqi troops entered "
                     "al-Zanjili on Tuesday and fought street battles.")
    assert summary(x) == [("capture", "2017-05-07", ["al-yarmouk"], "isis", "reported"),
                          ("attack", "2017-05-09", ["al-zanjili"], "government", "reported")]


def test_claimants() -> None:
    from timeline.extract.lexicon import find_claimant

    assert find_claimant("An estimated 5,000 militants remain, a commander said.") == "commander"
    assert find_claimant("On Monday, a spokesperson of the Interior Ministry said it") == \
        "Interior Ministry"
    assert find_claimant("killed so far, according to international aid organizations.") == \
        "international aid organizations"
    assert find_claimant("The UN said 20 were killed") == "United Nations"
    assert find_claimant("It said 20 were killed") == ""


def test_a_chain_counts_from_the_articles_own_earlier_event() -> None:
    x = extract_text("Iraqi forces took over al-Maamel on 10 May 2017. Eight days after the "
                     "capture of al-Maamel, the army recaptured al-Islah al-Zirai.",
                     published=dt.date(2017, 5, 20))
    assert summary(x)[1] == ("capture", "2017-05-18", ["al-islah-al-zirai"], "government",
                             "reported")
    note = [f for f in x.events[1].flags if f.startswith(FLAG_DATE_ANCHORED)]
    assert note and x.events[0].id in note[0] and "2017-05-10" in note[0]


def test_a_chain_counts_from_a_named_event_of_the_theatre() -> None:
    x = extract_text("Three years after the fall of Mosul, the army recaptured al-Maamel.",
                     published=dt.date(2017, 7, 1))
    assert summary(x) == [("capture", "2017-06-10", ["al-maamel"], "government", "reported")]
    assert "Fall of Mosul" in x.events[0].flags[0]


def test_a_chain_on_an_unknown_or_qualified_event_is_not_guessed() -> None:
    for anchor in ("the capture of a key bridge", "the start of the offensive on western Mosul",
                   "the fall of the city"):
        x = extract_text(f"Two weeks after {anchor}, the army recaptured al-Maamel.")
        assert [e.date.iso() for e in x.events] == [WED.isoformat()], anchor
        assert x.events[0].flags == (FLAG_DATE_FROM_PUBLISHED,), anchor


def test_a_named_anchor_wins_over_an_article_event_of_another_meaning() -> None:
    x = extract_text("Iraqi forces recaptured Mosul on 9 July 2017. Three years after the "
                     "fall of Mosul, the army recaptured al-Maamel.",
                     published=dt.date(2017, 7, 20))
    assert x.events[-1].date.iso() == "2017-06-10"  # 2014-06-10 + 3 years, not 2020


def test_a_chain_never_counts_from_a_fallback_a_forecast_a_qualified_event_or_past_publication(
        ) -> None:
    cases = {
        "fallback": "Iraqi forces have recaptured al-Maamel. Eight days after the capture of "
                    "al-Maamel, the army recaptured al-Islah al-Zirai.",
        "forecast": "Commanders expect to capture al-Maamel by June 2017. Eight days after the "
                    "capture of al-Maamel, the army recaptured al-Islah al-Zirai.",
        "qualified": "The army took over al-Maamel on 1 May 2017. Eight days after the capture "
                     "of al-Maamel by the army, it recaptured al-Islah al-Zirai.",
        "future": "The army took over al-Maamel on 8 May 2017. Eight days after the capture of "
                  "al-Maamel, the army recaptured al-Islah al-Zirai.",
    }
    for name, text in cases.items():
        zirai = [e for e in extract_text(text).events
                 if [p.id for p in e.places] == ["al-islah-al-zirai"]]
        assert zirai, name
        assert not any(f.startswith(FLAG_DATE_ANCHORED) for f in zirai[0].flags), name
        assert zirai[0].date.start <= WED, name
