"""Page chrome in pasted text and HTML, and sentences that stop at it (issue 13)."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.extract.articles import split_sentences
from timeline.extract.boilerplate import chrome_spans
from timeline.extract.html_text import html_to_text


def chrome(text: str) -> list[str]:
    return [text[s:e] for s, e in chrome_spans(text)]


@pytest.mark.parametrize("line", [
    "Sign In / Up", "Comment as a guest", "Not a member Register   Forgot Password",
    "A+ A-", "3 MIN READ", "4 min read", "Recommended", "Share this article", "Off the wire",
    "You are here:   Home", "Search News", "Close this search box.", "Originally published",
    "Informing humanitarians worldwide 24/7 — a service provided by a test agency",
    "© Provided by A Test Daily", "Copyright 2017 Test News. All rights reserved.",
    "WORLD", "MIDDLE EAST",
    "One story  •  Another story  •  A third story",
    "1 May 2018 | 01/05/2018 (11) 30/04/2018 (41) 29/04/2018 (37)",
    "VIDEO: Troops enter a district", "Soldiers patrol a street, June 1, 2017. / Test Agency",
    "Fighters seized a village east of the city [Test Agency]",
])
def test_chrome_lines(line: str) -> None:
    text = f"A headline of the report here\n{line}\nTroops took the town on Monday.\n"
    assert chrome(text) == [line]


@pytest.mark.parametrize("line", [
    "Troops took the town on Monday, the army said.",
    "Anbar push",  # a one-line subheading is not a menu
    "MOSUL, Iraq — The army entered the district on Tuesday.",
    "By Staff Reporter",
    "Iraqi forces retake a district in western Mosul",
    "The militants fired on the troops / a source said later.",
])
def test_article_lines_are_kept(line: str) -> None:
    assert chrome(f"\n{line}\n\nThe army said so.\n") == []


def test_a_menu_is_a_run_of_short_labels() -> None:
    text = "Home\nWorld\nMiddle East\nOpinion\n\nTroops took the town on Monday.\n"
    assert chrome(text) == ["Home", "World", "Middle East", "Opinion"]


def test_a_list_introduced_by_a_colon_is_not_a_menu() -> None:
    text = "Districts still held by the militants:\n- al-Shifa\n- al-Zanjili\n- Old City\n"
    assert chrome(text) == []


def test_related_titles_are_chrome_up_to_the_next_sentence() -> None:
    text = ("Troops took the town.\nRelated\nPolice seize a village in a raid\n"
            "Army captures a town after a siege\nThe army said the fighting was over.\n")
    assert chrome(text) == ["Related", "Police seize a village in a raid",
                            "Army captures a town after a siege"]


def test_the_store_date_stamp_alone_is_chrome() -> None:
    text = " date 2017-01-23 Troops took the east bank, the army said.\n"
    assert chrome(text) == [" date 2017-01-23 "]
    assert chrome("date 2017-03-07 Sports Listen\nTroops took it.\n") == [
        "date 2017-03-07 Sports Listen"]


def test_sentences_stop_at_chrome_and_headline_lines() -> None:
    text = " date 2017-01-23 Troops took the bank\nThe army said so. It was over.\n"
    sentences = split_sentences(text, chrome_spans(text))
    assert [text[s.start:s.end] for s in sentences] == [
        "date 2017-01-23", "Troops took the bank", "The army said so.", "It was over."]
    # each line of a pasted page is a paragraph
    assert [s.paragraph for s in sentences] == [0, 0, 1, 1]


def test_hard_wrapped_text_keeps_its_sentences_whole() -> None:
    lines = ["Iraqi troops moved into the district on Monday after a week of heavy",
             "Fighting in the streets around the market and the bridge, officers said",
             "Later that afternoon the commander of the unit told reporters that the",
             "Militants had withdrawn towards the river, leaving mines in the roads",
             "And in the houses that the troops would have to clear in the coming days",
             "Before residents could return to their homes in the district again."]
    text = "\n".join(lines) + "\n"
    sentences = split_sentences(text)
    assert len(sentences) == 1 and {s.paragraph for s in sentences} == {0}


def test_soft_wrapped_markdown_is_not_cut_at_capitals() -> None:
    text = ("Federal Police forces retook the western district on Monday after the\n"
            "Counter Terrorism Service cleared the roads leading to the main market, a\n"
            "Spokesman for the Joint Operations Command told reporters at a briefing in\n"
            "Baghdad on Tuesday.\n")
    assert len(split_sentences(text)) == 1


def test_a_line_ending_in_a_function_word_runs_on() -> None:
    text = "Officers said the troops had retaken the district of\nAl-Zanjili on Monday.\n"
    assert len(split_sentences(text)) == 1


@settings(deadline=None)  # a shared machine: time is no property here
@given(st.lists(st.sampled_from([
    "Home", "Sign In / Up", "A+ A-", "Troops took the town on Monday.", "", "Recommended",
    "Police seize a village in a raid", "WORLD", "The army said so.", " date 2017-01-02 x",
]), max_size=12))
def test_chrome_spans_are_sorted_disjoint_and_inside_the_text(lines: list[str]) -> None:
    text = "\n".join(lines)
    spans = chrome_spans(text)
    assert all(0 <= s < e <= len(text) for s, e in spans)
    assert all(a[1] < b[0] for a, b in pairwise(spans))
    assert all(text[s:e].strip() for s, e in spans)


def test_html_chrome_by_class_role_and_caption() -> None:
    page = ("<html><body><div class='site-menu'><a>Home</a> troops took a town</div>"
            "<article><h1>Head</h1><figure><figcaption>A photo, June 1, 2017."
            "</figcaption></figure><p>Troops took the town.</p>"
            "<div class='related-links'><div><a>Other story</a></div></div>"
            "<div role='navigation'>More</div><p>The army said so.</p></article></body></html>")
    text, _, _ = html_to_text(page)
    assert text == "Head\n\nTroops took the town.\n\nThe army said so.\n"


def test_html_hints_that_would_empty_the_page_are_not_used() -> None:
    page = ("<html><body><div class='page has-sidebar'><p>Troops took the town on Monday, "
            "the army said.</p><p>The fighting was over by the evening.</p></div>"
            "<nav>Home</nav></body></html>")
    text, _, _ = html_to_text(page)
    assert "Troops took the town on Monday" in text and "Home" not in text
