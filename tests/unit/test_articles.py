"""Loading articles: front matter, encodings, HTML, ignored blocks, errors, sentences."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from frontline.errors import ArticleError
from timeline.extract.articles import article_id, load_article, split_sentences

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
SEED = Path(__file__).resolve().parents[2] / "seeds" / "2017-05-10-iraqinews-al-maamel.md"


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def test_seed_front_matter_and_ids() -> None:
    article = load_article(SEED)
    assert article.id == "2017-05-10-iraqinews-al-maamel"
    assert article.published == dt.date(2017, 5, 10)
    assert article.source.startswith("Iraqi News")
    assert len(article.sha256) == 64 and article.warnings == ()
    assert article.text.startswith("Mosul- Another senior ISIS commander")


def test_ignored_blocks_are_kept_but_listed() -> None:
    article = load_article(SEED)
    spans = [article.text[s:e] for s, e in article.ignored]
    assert len(spans) == 2
    assert "scumbag" in spans[0] and "Leave a Reply" in spans[1]
    assert "scumbag" in article.text


def test_published_flag_wins_over_front_matter() -> None:
    assert load_article(SEED, "2017-05-11").published == dt.date(2017, 5, 11)
    assert load_article(SEED, dt.date(2017, 5, 12)).published == dt.date(2017, 5, 12)


def test_article_id_is_a_stable_slug() -> None:
    assert article_id("seeds/2017-05-10 Iraqi News (al-Maamel).md") == \
        "2017-05-10-iraqi-news-al-maamel"


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = write(tmp_path, "bom.md", b"\xef\xbb\xbf---\npublished: 2017-05-10\n---\nText here.\n")
    article = load_article(path)
    assert article.text == "Text here.\n" and article.warnings == ()


def test_cp1252_fallback_warns() -> None:
    article = load_article(FIXTURES / "cp1252-report.txt")
    assert "\u201cIraqi forces" in article.text and "caf\u00e9" in article.text
    assert len(article.warnings) == 1 and "cp1252" in article.warnings[0]
    assert "cp1252-report.txt" in article.warnings[0]


def test_html_text_only() -> None:
    article = load_article(FIXTURES / "police-report.html")
    assert article.published == dt.date(2017, 6, 11)
    assert article.title == "TEST FIXTURE: Federal Police retake al-Zanjili"
    assert "retook al-Zanjili" in article.text
    for chrome in ("tracker", "console.log", "Home | World", "Copyright", "color: red"):
        assert chrome not in article.text
    assert "\u201cmore than 200\u201d" in article.text
    assert any("<script>" in w for w in article.warnings)
    assert next(article.text[s:e] for s, e in article.ignored).count("captured al-Sihha") == 1


@pytest.mark.parametrize(("name", "data", "words"), [
    ("empty.md", b"", "empty"),
    ("blank.md", b"  \n\n ", "empty"),
    ("binary.md", b"PK\x03\x04\x00\x00binary", "binary"),
    ("no-body.md", b"---\npublished: 2017-05-10\n---\n", "no text"),
    ("bad-yaml.md", b"---\ntitle: [unclosed\n---\nText.\n", "YAML"),
    ("bad-date.md", b"---\npublished: 10/05/2017\n---\nText.\n", "YYYY-MM-DD"),
])
def test_bad_files_are_one_line_errors_naming_the_file(tmp_path: Path, name: str,
                                                       data: bytes, words: str) -> None:
    path = write(tmp_path, name, data)
    with pytest.raises(ArticleError) as info:
        load_article(path)
    message = str(info.value)
    assert str(path) in message and words in message and "\n" not in message


def test_too_large_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRONTLINE_MAX_ARTICLE_BYTES", "100")
    path = write(tmp_path, "big.md", "word " * 50)
    with pytest.raises(ArticleError, match="FRONTLINE_MAX_ARTICLE_BYTES"):
        load_article(path)


def test_missing_file_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match=r"nope\.md"):
        load_article(tmp_path / "nope.md")


def test_relative_dates_without_published_ask_for_the_flag() -> None:
    with pytest.raises(ArticleError, match="--published"):
        load_article(FIXTURES / "undated.txt")
    assert load_article(FIXTURES / "undated.txt", "2017-03-07").published == dt.date(2017, 3, 7)


def test_explicit_dates_need_no_published(tmp_path: Path) -> None:
    path = write(tmp_path, "explicit.txt", "Mosul fell to ISIS on 10 June 2014.\n")
    assert load_article(path).published is None


def test_sentence_splitter_keeps_abbreviations_and_numbers() -> None:
    text = ("Maj. Gen. Najm al-Jabouri said 3,320 fighters died. A U.S.-led coalition "
            "helps. Brig. Gen. Ali said 2.5 million fled!\n\nNew paragraph here.")
    sentences = split_sentences(text)
    assert [text[s.start:s.end] for s in sentences] == [
        "Maj. Gen. Najm al-Jabouri said 3,320 fighters died.",
        "A U.S.-led coalition helps.",
        "Brig. Gen. Ali said 2.5 million fled!",
        "New paragraph here.",
    ]
    assert [s.paragraph for s in sentences] == [0, 0, 0, 1]


def test_seed_sentence_offsets_round_trip() -> None:
    article = load_article(SEED)
    for sentence in split_sentences(article.text):
        chunk = article.text[sentence.start:sentence.end]
        assert chunk == chunk.strip() and chunk
