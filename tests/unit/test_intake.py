"""Reports added in the app: the form's checks, text from each file type, refusals
(SYNTHETIC texts written for these tests)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from PIL import Image

from frontline.errors import InputError
from frontline.settings import Settings
from tests.builders import text_pdf
from timeline.extract.articles import load_article
from timeline.intake import (
    ReportForm,
    language_problem,
    read_report,
    save_report,
    unique_id,
)

ENGLISH = ("(Synthetic report) Iraqi forces took over the al-Maamel district on Wednesday "
           "after two days of fighting, the Joint Operations Command said in a statement. "
           "Troops were clearing the streets and searching houses for explosives, and "
           "residents began to return to their homes by the evening.")
MAX = Settings.defaults().max_upload_bytes


def form(**kw: object) -> ReportForm:
    fields: dict[str, object] = {"title": "Forces take al-Maamel", "outlet": "Synthetic Wire",
                                 "url": "https://example.org/a", "published": "2017-05-10",
                                 "text": ENGLISH}
    fields.update(kw)
    return ReportForm(**fields)  # type: ignore[arg-type]


def test_a_pasted_report_becomes_an_article_with_the_forms_fields() -> None:
    article = read_report(form(), MAX)
    assert (article.title, article.source, article.url) == (
        "Forces take al-Maamel", "Synthetic Wire", "https://example.org/a")
    assert article.published == dt.date(2017, 5, 10)
    assert article.text == ENGLISH
    assert article.id == "2017-05-10-synthetic-wire-forces-take-al-maamel"


@pytest.mark.parametrize(("field", "what"), [("title", "title"), ("outlet", "outlet"),
                                             ("url", "URL"), ("published", "published date")])
def test_every_field_is_required(field: str, what: str) -> None:
    with pytest.raises(InputError, match=f"needs its {what}"):
        read_report(form(**{field: "  "}), MAX)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/a", "example.org",
                                 "http://", "https://exa mple.org"])
def test_a_url_must_be_http_or_https(url: str) -> None:
    with pytest.raises(InputError, match="not an http"):
        read_report(form(url=url), MAX)


def test_a_bad_date_is_one_line() -> None:
    with pytest.raises(InputError, match="published date") as err:
        read_report(form(published="10 May 2017"), MAX)
    assert "\n" not in str(err.value)


def test_paste_or_file_not_both_and_not_neither() -> None:
    with pytest.raises(InputError, match="not both"):
        read_report(form(filename="a.txt", data=b"x"), MAX)
    with pytest.raises(InputError, match="paste the report"):
        read_report(form(text=""), MAX)


def test_the_size_cap_is_checked_before_reading() -> None:
    with pytest.raises(InputError, match="over FRONTLINE_MAX_UPLOAD_BYTES=100"):
        read_report(form(text="", filename="big.pdf", data=b"%PDF" + b"x" * 200), 100)


def test_markdown_upload_drops_its_front_matter_and_html_its_chrome() -> None:
    md = f"---\ntitle: ignored\n---\n{ENGLISH}".encode()
    assert read_report(form(text="", filename="r.md", data=md), MAX).text == ENGLISH
    page = (f"<html><body><nav>Home | World</nav><article><p>{ENGLISH}</p></article>"
            "<script>alert(1)</script></body></html>").encode()
    text = read_report(form(text="", filename="r.html", data=page), MAX).text
    assert "took over the al-Maamel" in text
    assert "Home | World" not in text and "alert" not in text


def test_an_unknown_file_type_or_binary_text_is_refused() -> None:
    with pytest.raises(InputError, match=r"cannot read \.docx"):
        read_report(form(text="", filename="r.docx", data=b"PK\x03\x04"), MAX)
    with pytest.raises(InputError, match="binary"):
        read_report(form(text="", filename="r.txt", data=b"abc\x00def"), MAX)


def test_a_text_pdf_is_read() -> None:
    pdf = text_pdf([ENGLISH[:200]])
    article = read_report(form(text="", filename="r.pdf", data=pdf), MAX)
    assert "took over the al-Maamel district" in article.text


def test_a_scanned_pdf_with_no_text_layer_is_refused() -> None:
    scan = io.BytesIO()
    Image.new("RGB", (300, 400), "white").save(scan, format="PDF")
    with pytest.raises(InputError, match="no text layer"):
        read_report(form(text="", filename="scan.pdf", data=scan.getvalue()), MAX)


def test_a_broken_pdf_is_refused_in_one_line() -> None:
    with pytest.raises(InputError, match="not a readable PDF") as err:
        read_report(form(text="", filename="r.pdf", data=b"%PDF-1.4 nothing else"), MAX)
    assert "\n" not in str(err.value)


ARABIC = ("سيطرت القوات العراقية على حي المعامل يوم الأربعاء بعد يومين من القتال، وقالت قيادة "
          "العمليات المشتركة في بيان إن القوات تطهر الشوارع.")
FRENCH = ("Les forces irakiennes ont pris le contrôle du quartier al-Maamel mercredi après deux "
          "jours de combats, a indiqué le commandement des opérations conjointes dans un "
          "communiqué. Les soldats nettoyaient les rues et fouillaient les maisons à la "
          "recherche d'explosifs, et les habitants commençaient à rentrer chez eux le soir.")


def test_a_report_in_arabic_script_is_refused_saying_why() -> None:
    with pytest.raises(InputError, match="Arabic script; the reader handles English only"):
        read_report(form(text=ARABIC), MAX)


def test_a_latin_script_report_not_in_english_is_refused() -> None:
    with pytest.raises(InputError, match="does not read as English"):
        read_report(form(text=FRENCH), MAX)


def test_english_with_arabic_names_passes() -> None:
    assert language_problem(ENGLISH + " (in Arabic: حي المعامل)") is None


def test_a_saved_report_reads_back_with_the_same_text_and_fields(tmp_path: Path) -> None:
    article = read_report(form(text=ENGLISH + "\n\nA second paragraph, also synthetic."), MAX)
    saved = save_report(article, tmp_path, "rana", dt.datetime(2026, 12, 3, 6, 0, tzinfo=dt.UTC))
    again = load_article(saved.path, id=saved.id)
    assert again.text == saved.text
    assert (again.title, again.source, again.url, again.published) == (
        article.title, article.source, article.url, article.published)


def test_unique_id_appends_a_number() -> None:
    article = read_report(form(), MAX)
    assert unique_id(article, {article.id, article.id + "-2"}).id == article.id + "-3"
    assert unique_id(article, set()).id == article.id
