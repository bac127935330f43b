"""The development-set scorer's matcher, on synthetic facts and items (no article text)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from frontline.errors import InputError
from timeline import evaluate as ev
from timeline.records import PartialDate


def day(iso: str) -> PartialDate:
    return PartialDate.parse(iso)


def report(*facts: ev.Fact, rid: str = "r1", split: str = "dev") -> ev.Report:
    return ev.Report(rid, "https://example.org/r1", "Outlet", dt.date(2017, 5, 10), split, facts)


CAPTURE = ev.Fact("r1", "capture", places=frozenset({"al-maamel"}), date=day("2017-05-10"))


def test_event_matches_on_kind_place_date_and_status() -> None:
    item = ev.Item("capture", places=frozenset({"al-maamel", "west-mosul"}),
                   date=day("2017-05-10"))
    assert ev.matches(CAPTURE, item)


@pytest.mark.parametrize("item", [
    ev.Item("attack", places=frozenset({"al-maamel"}), date=day("2017-05-10")),
    ev.Item("capture", places=frozenset({"al-najjar"}), date=day("2017-05-10")),
    ev.Item("capture", places=frozenset({"al-maamel"}), date=day("2017-05-13")),
    ev.Item("capture", places=frozenset({"al-maamel"}), date=day("2017-05-10"),
            status="expected"),
    ev.Item("capture", places=frozenset({"al-maamel"}), date=None),
])
def test_event_mismatches(item: ev.Item) -> None:
    assert not ev.matches(CAPTURE, item)


def test_a_day_either_side_and_coarser_item_dates_match() -> None:
    for iso in ("2017-05-09", "2017-05-11", "2017-05"):
        assert ev.matches(CAPTURE, ev.Item("capture", places=frozenset({"al-maamel"}),
                                           date=day(iso)))


def test_claimed_and_reported_are_one_status_class() -> None:
    item = ev.Item("capture", places=frozenset({"al-maamel"}), date=day("2017-05-10"),
                   status="claimed")
    assert ev.matches(CAPTURE, item)


def test_also_kinds_and_undated_facts() -> None:
    fact = ev.Fact("r1", "attack", also=("offensive",), places=frozenset({"gogjali"}))
    item = ev.Item("offensive", places=frozenset({"gogjali"}), date=day("2016-10-31"))
    assert ev.matches(fact, item)


def test_place_the_gazetteer_lacks() -> None:
    fact = ev.Fact("r1", "capture", unresolved=("Qadisiya al-Oula",), date=day("2016-12-10"))
    named = ev.Item("capture", mentions=("al-Qadisiya al-Oula",), date=day("2016-12-10"))
    placeless = ev.Item("capture", date=day("2016-12-10"))
    other_name = ev.Item("capture", mentions=("Mishraq",), date=day("2016-12-10"))
    resolved = ev.Item("capture", places=frozenset({"al-qadisiya-al-thaniya"}),
                       mentions=(), date=day("2016-12-10"))
    assert ev.matches(fact, named)
    assert ev.matches(fact, placeless)
    assert not ev.matches(fact, other_name)
    assert not ev.matches(fact, resolved)  # a wrong resolution is not the fact


def test_fact_with_an_id_needs_that_id() -> None:
    fact = ev.Fact("r1", "capture", places=frozenset({"al-harmat"}),
                   unresolved=("Third Haramat",), date=day("2017-05-13"))
    unplaced = ev.Item("capture", mentions=("Third Haramat",), date=day("2017-05-13"))
    assert not ev.matches(fact, unplaced)


@pytest.mark.parametrize(("fact", "item", "ok"), [
    (ev.Fact("r", "displaced", value=22224), ev.Item("displaced", value=22224), True),
    (ev.Fact("r", "displaced", value=22224), ev.Item("displaced", value=22100), True),
    (ev.Fact("r", "displaced", value=22224), ev.Item("displaced", value=25092), False),
    (ev.Fact("r", "displaced", value=22224), ev.Item("killed", value=22224), False),
    (ev.Fact("r", "fighters", low=4000, high=8000), ev.Item("fighters", value=8000), True),
    (ev.Fact("r", "fighters", low=4000, high=8000), ev.Item("fighters", value=30000), False),
    (ev.Fact("r", "killed", low=24, high=99), ev.Item("killed", low=24, high=99), True),
    (ev.Fact("r", "killed", value=40), ev.Item("killed", low=24, high=99), True),
    (ev.Fact("r", "killed", value=12, also=("wounded",)), ev.Item("wounded", value=12), True),
    (ev.Fact("r", "killed", value=12), ev.Item("killed"), False),
])
def test_figures_match_on_kind_and_number(fact: ev.Fact, item: ev.Item, ok: bool) -> None:
    assert ev.matches(fact, item) is ok


def test_score_report_counts_found_missed_and_wrong() -> None:
    background = ev.Fact("r1", "offensive", places=frozenset({"mosul"}), date=day("2016-10-17"),
                         scope="background")
    figure = ev.Fact("r1", "trapped", value=350000)
    rep = report(CAPTURE, background, figure)
    items = [
        ev.Item("capture", places=frozenset({"al-maamel"}), date=day("2017-05-10")),
        ev.Item("capture", places=frozenset({"al-maamel"}), date=day("2017-05-10")),
        ev.Item("offensive", places=frozenset({"mosul"}), date=day("2016-10-17")),
        ev.Item("capture", places=frozenset({"old-city"}), date=day("2017-05-10")),
        ev.Item("territory_percent", value=60),
    ]
    s = ev.score_report(rep, items)
    assert s.found == [CAPTURE] and s.missed == [figure]  # background facts not counted
    assert len(s.supported) == 3 and len(s.wrong) == 2
    table = ev.tally([s])
    assert table["capture"].to_json() == {"facts": 1, "found": 1, "recall": 1.0, "items": 3,
                                          "wrong": 1, "wrong_share": 0.333}
    assert table["trapped"].facts == 1 and table["trapped"].found == 0
    assert table["territory_percent"].wrong == 1
    assert "offensive" in table and table["offensive"].facts == 0


def test_normalize_name_drops_article_and_punctuation() -> None:
    assert ev.normalize_name("al-Qlei'at") == ev.normalize_name("Qleiat")
    assert ev.normalize_name("The Fourth Bridge") == "fourthbridge"


FACTS_YAML = """
version: 1
reports:
- id: r1
  url: https://example.org/r1
  outlet: Outlet
  published: 2017-05-10
  split: dev
  facts:
  - {kind: capture, places: [al-maamel], date: 2017-05-10, status: reported}
  - {kind: displaced, value: 1000, qualifier: exact}
- id: r2
  url: https://example.org/r2
  outlet: Other
  published: 2017-05-11
  split: heldout
  facts: []
"""


def test_load_devset_and_missing_texts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "facts.yaml").write_text(FACTS_YAML, encoding="utf-8")
    reports = ev.load_devset(tmp_path / "facts.yaml")
    assert [r.split for r in reports] == ["dev", "heldout"]
    assert reports[0].facts[0].date == day("2017-05-10") and reports[0].facts[1].is_figure
    assert ev.main([str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "no article texts" in out and out.count("\n") == 1


def test_heldout_is_scored_only_when_asked(tmp_path: Path) -> None:
    (tmp_path / "facts.yaml").write_text(FACTS_YAML, encoding="utf-8")
    assert [r.id for r in ev.load_devset(tmp_path / "facts.yaml") if r.split == "dev"] == ["r1"]
    scored, missing = ev.evaluate(tmp_path, "dev")
    assert scored == [] and missing == ["r1"]
    _, missing_all = ev.evaluate(tmp_path, "all")
    assert missing_all == ["r1", "r2"]


@pytest.mark.parametrize("split", ["heldout2", "heldout3"])
def test_later_heldout_splits_are_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           split: str) -> None:
    facts = FACTS_YAML.replace("split: heldout\n", f"split: {split}\n")
    (tmp_path / "facts.yaml").write_text(facts, encoding="utf-8")
    assert [r.split for r in ev.load_devset(tmp_path / "facts.yaml")] == ["dev", split]
    assert ev.main([str(tmp_path), "--split", split]) == 0
    out = capsys.readouterr().out
    assert "no article texts" in out and f"{split} split" in out


def test_bad_devset_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "facts.yaml").write_text("reports:\n- {id: x, split: test}\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a development set"):
        ev.load_devset(tmp_path / "facts.yaml")


def test_a_comma_that_cuts_a_note_is_refused_naming_the_field(tmp_path: Path) -> None:
    # In a one-line mapping the unquoted comma ends the note; the rest became a field
    # of its own, and the note was silently cut.
    cut = FACTS_YAML.replace("qualifier: exact}",
                             "qualifier: exact, note: fled the east, per the UN}")
    (tmp_path / "facts.yaml").write_text(cut, encoding="utf-8")
    with pytest.raises(InputError, match=r"r1: unknown fact field\(s\) 'per the UN'.*quote"):
        ev.load_devset(tmp_path / "facts.yaml")
    quoted = FACTS_YAML.replace("qualifier: exact}",
                                'qualifier: exact, note: "fled the east, per the UN"}')
    (tmp_path / "facts.yaml").write_text(quoted, encoding="utf-8")
    assert ev.load_devset(tmp_path / "facts.yaml")[0].facts[1].note == "fled the east, per the UN"


def test_the_committed_devset_loads_whole() -> None:
    # every fact of every split, no field cut by a comma
    reports = ev.load_devset(Path(__file__).resolve().parents[2] / "devset" / "facts.yaml")
    assert len(reports) >= 87 and sum(len(r.facts) for r in reports) >= 450
