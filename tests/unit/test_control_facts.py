"""What the control rules need from an article's words: read at extraction, kept by the store.

Every article and sentence here is SYNTHETIC test text, written for these tests.
"""

from __future__ import annotations

import ast
import datetime as dt
import json
from pathlib import Path

from frontline.settings import Settings
from geodata.gazetteer import Gazetteer
from geodata.theatre import load_theatre
from tests.builders import toy_theatre
from timeline import pipeline
from timeline.extract.chronology import load_chronology
from timeline.extract.control_facts import (
    fighting_since,
    named_in_part,
    share_bank,
    still_held,
)
from timeline.extract.extractor import extract_article
from timeline.records import Article, Extraction, PartialDate, PlaceRef
from timeline.store.corpus import (
    KEY_FORMAT,
    entry_path,
    load_extractions,
    save_extraction,
    stored_sha256,
)
from timeline.store.files import FileStore

D = dt.date
SYNTHETIC = (
    "(Synthetic test article.) Iraqi forces recaptured a neighbourhood of the Old City on "
    "Monday. Iraqi forces recaptured eastern Mosul in January after three months of "
    "fighting.\n\n"
    "Commanders say they control 60 percent of territory in the western side of Mosul.\n\n"
    "ISIS is now surrounded in the south-eastern districts and holed up in al-Zanjili."
)


def synthetic_extraction() -> Extraction:
    article = Article(id="synthetic-facts", path="synthetic-facts.md", title="SYNTHETIC",
                      source="test", published=D(2017, 5, 10), text=SYNTHETIC,
                      sha256="0" * 64)
    return extract_article(article)


def test_still_held_reads_places_and_corners_only_from_sentences_saying_so() -> None:
    gazetteer = Gazetteer(toy_theatre())
    places, corners = still_held(
        ["(Synthetic) Forces took W South.", "ISIS is holed up in W North, in the "
         "north-western districts.", "The ISIS held W North still resists."], gazetteer)
    assert [p.id for p in places] == ["w-north"]
    assert corners == ("northwest",)
    assert still_held(["(Synthetic) Forces took W South."], gazetteer) == ((), ())


def test_the_verb_is_is_not_the_islamic_state() -> None:
    """"is held by" and "is controlled" say nothing of ISIS; "IS-held" in capitals does."""
    gazetteer = Gazetteer(toy_theatre())
    for sentence in ("(Synthetic) W South is held by government forces.",
                     "(Synthetic) W South is controlled by the army."):
        assert still_held([sentence], gazetteer) == ((), ()), sentence
    places, _ = still_held(["(Synthetic) The IS-held W North still resists."], gazetteer)
    assert [p.id for p in places] == ["w-north"]


def test_fighting_since_counts_back_from_the_end_of_the_period() -> None:
    january = PartialDate(D(2017, 1, 1), "month")
    assert fighting_since(january, "after three months of fighting") == D(2016, 11, 3)
    assert fighting_since(january, "after a week of heavy clashes") == D(2017, 1, 25)
    assert fighting_since(PartialDate(D(2017, 3, 7)), "after 10 days of battles") == D(2017, 2, 26)
    assert fighting_since(january, "recaptured in January") is None


def test_named_in_part_needs_a_part_word_right_before_the_name() -> None:
    assert named_in_part("recaptured another area in western Mosul", "western Mosul")
    assert named_in_part("took large parts of the city", "city")
    assert not named_in_part("recaptured western Mosul", "western Mosul")
    assert not named_in_part("western Mosul fell", "western Mosul")
    # a share is a part too (the one rule: timeline.extract.lexicon.part_named)
    assert named_in_part("over 60 percent of eastern Mosul was retaken", "eastern Mosul")
    assert named_in_part("control of almost the entire Mosul", "Mosul")
    assert named_in_part("retook two neighbourhoods of the Old City", "Old City")
    assert not named_in_part("took the neighbourhood of al-Risala", "al-Risala")


def test_share_bank_is_the_named_area_s_bank_else_the_one_bank_named() -> None:
    mosul = load_theatre("mosul")
    assert share_bank(mosul, [PlaceRef("west-mosul", "western Mosul")], "") == "west"
    assert share_bank(mosul, [PlaceRef("al-maamel", "al-Maamel")], "of the east bank") == "east"
    assert share_bank(mosul, [], "territory, 60 percent of eastern Mosul") == "east"
    assert share_bank(mosul, [], "territory from east to west") is None
    assert share_bank(None, [PlaceRef("west-mosul", "western Mosul")], "west") is None


def test_a_chronology_percentage_row_says_its_bank(tmp_path: Path) -> None:
    path = tmp_path / "synthetic.csv"
    path.write_text("date,precision,kind,places,actor,side,status,value,source,note\n"
                    "2017-05-10,day,territory_percent,,Iraqi army,,,70,Synthetic,"
                    "70 percent of the west retaken (SYNTHETIC)\n", encoding="utf-8")
    (share,) = load_chronology(path).figures
    assert share.bank == "west" and share.still_held == ()


def test_extraction_puts_the_facts_on_the_records() -> None:
    x = synthetic_extraction()
    part, east = x.events
    assert [(p.id, p.partial) for p in part.places] == [("old-city", True)]
    assert east.fighting_since == D(2016, 11, 3) and part.fighting_since is None
    (share,) = x.figures
    assert share.kind == "territory_percent"
    assert [p.id for p in share.still_held] == ["al-zanjili"]
    assert share.still_held_corners == ("southeast",)
    assert share.bank == "west"


def test_the_store_keeps_the_facts(tmp_path: Path) -> None:
    x = synthetic_extraction()
    save_extraction(x, tmp_path)
    (back,) = load_extractions(tmp_path)
    assert back.article.text == ""
    assert back.events == x.events
    assert back.figures == x.figures


def test_an_entry_of_an_older_format_is_extracted_again(tmp_path: Path) -> None:
    seeds, data = tmp_path / "seeds", tmp_path / "data"
    seeds.mkdir()
    (seeds / "synthetic.md").write_text(
        "---\ntitle: SYNTHETIC\npublished: 2017-05-10\n---\n" + SYNTHETIC, encoding="utf-8")
    assert pipeline.ingest(FileStore(data), seeds, Settings.from_env()).extracted == 1
    assert pipeline.ingest(FileStore(data), seeds, Settings.from_env()).unchanged == 1
    path = entry_path("synthetic", data)
    entry = json.loads(path.read_text(encoding="utf-8"))
    old = {**json.loads(json.dumps(entry)), KEY_FORMAT: 1}
    for figure in old["figures"]:
        del figure["still_held"], figure["still_held_corners"], figure["bank"]
    path.write_text(json.dumps(old), encoding="utf-8")
    assert stored_sha256("synthetic", data) is None
    assert pipeline.ingest(FileStore(data), seeds, Settings.from_env()).extracted == 1
    assert json.loads(path.read_text(encoding="utf-8")) == entry


def test_no_control_rule_reads_an_article_s_text_or_an_item_s_quote() -> None:
    """The store keeps no text: a control rule reading ``article.text`` (or re-reading
    ``provenance.quote``) would give a stored build different from a fresh one."""
    control = Path(__file__).resolve().parents[2] / "timeline" / "control"
    reads = []
    for path in sorted(control.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute)
                    and (node.value.attr, node.attr) in {("article", "text"),
                                                         ("provenance", "quote")}):
                reads.append(f"{path.name}:{node.lineno}")
    assert reads == []


def test_a_whole_place_keeps_the_contract_shape_and_a_part_says_so() -> None:
    assert PlaceRef("old-city", "Old City").to_json() == {"id": "old-city", "mention": "Old City"}
    part = PlaceRef("old-city", "Old City", partial=True)
    assert part.to_json() == {"id": "old-city", "mention": "Old City", "partial": True}
    assert PlaceRef.from_json(part.to_json()) == part
