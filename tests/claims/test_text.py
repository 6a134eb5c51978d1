"""claims.text (pure): article bytes in any encoding, plain or HTML, to the text that is stored and quoted."""
import codecs
import json
from pathlib import Path

import pytest

from claims.extraction import Vocabulary, extract_claims
from claims.text import (
    ArticleTooLarge, BinaryContent, EmptyArticle, decode, html_to_text, read_article,
)  # fmt: skip

DATA = Path(__file__).resolve().parents[1] / "data"
VOCABULARY = Path(__file__).resolve().parents[2] / "fixtures" / "vocabulary.json"
ARTICLE = "Kratom relieves pain, users report.\r\nIt “may” help sleep — in café owners too.\n"


# --- decoding -------------------------------------------------------------------------------------


def test_utf8_text_is_returned_unchanged_line_endings_and_curly_quotes_included():
    decoded = decode(ARTICLE.encode("utf-8"))
    assert decoded.text == ARTICLE
    assert (decoded.encoding, decoded.replaced) == ("utf-8", 0)


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32"])
def test_a_byte_order_mark_decides_the_encoding_and_is_not_part_of_the_text(codec):
    raw = ARTICLE.encode(codec)
    if codec == "utf-16-be":
        raw = codecs.BOM_UTF16_BE + raw
    assert decode(raw).text == ARTICLE


def test_a_latin1_file_is_detected_and_its_accents_read_correctly():
    decoded = decode((DATA / "kratom-latin1.txt").read_bytes())
    assert "Müller, a café owner in Zürich" in decoded.text
    assert "35 °C" in decoded.text and "½ teaspoon" in decoded.text and "10 µg" in decoded.text
    assert decoded.replaced == 0


def test_a_short_windows_1252_text_keeps_its_curly_quotes_and_accents():
    text = "Kratom “may” relieve pain – a naïve café claim."
    assert decode(text.encode("cp1252")).text == text


def test_a_declared_charset_is_used_when_the_bytes_are_not_utf8():
    text = "Кратом облегчает боль, по данным исследований."
    assert decode(text.encode("koi8-r"), declared="koi8-r").text == text


def test_a_wrong_latin1_declaration_does_not_garble_valid_utf8():
    assert decode(ARTICLE.encode("utf-8"), declared="iso-8859-1").text == ARTICLE


def test_stray_undecodable_bytes_in_utf8_are_replaced_and_counted():
    raw = "Kratom “relieves” pain in café owners.".encode("utf-8") + b" bad \xff\xfe bytes"
    decoded = decode(raw)
    assert decoded.text.startswith("Kratom “relieves” pain in café owners.")
    assert decoded.text.endswith("bad \ufffd\ufffd bytes")
    assert decoded.replaced == 2


@pytest.mark.parametrize("raw", [b"", b"   \n\t\r\n", codecs.BOM_UTF8 + b"  "])
def test_empty_input_is_refused_as_empty(raw):
    with pytest.raises(EmptyArticle, match="empty"):
        decode(raw)


@pytest.mark.parametrize(
    "raw",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",  # NUL bytes
        b"%PDF-1.7\n" + bytes(range(1, 9)) * 40,  # control characters, no NUL
        bytes(range(0x80, 0x100)) * 8,  # nothing decodes as text
    ],
    ids=["png", "control-characters", "high-bytes"],
)
def test_binary_input_is_refused_as_binary(raw):
    with pytest.raises(BinaryContent, match="binary"):
        decode(raw)


def test_input_over_the_size_limit_is_refused_with_the_limit_in_the_message():
    with pytest.raises(ArticleTooLarge, match="2 MB"):
        read_article(b"a" * (2 * 1024 * 1024 + 1), filename_or_content_type="big.txt")
    with pytest.raises(ArticleTooLarge, match="100 bytes"):
        read_article(b"Kratom relieves pain. " * 10, filename_or_content_type="a.txt", max_bytes=100)


# --- HTML -----------------------------------------------------------------------------------------


def _page() -> str:
    return (DATA / "kratom-article.html").read_text(encoding="utf-8")


def test_html_drops_scripts_styles_navigation_forms_asides_and_page_chrome():
    text = html_to_text(_page()).text
    for dropped in ("tracking", "font-family", "Home ›", "CBD", "Herbal Notes", "newsletter", "Related:",
                    "meta-analysis", "muscle cramps", "Kratom relieves anxiety"):
        assert dropped not in text, dropped


def test_html_keeps_one_block_per_line_and_list_items_start_with_a_dash():
    lines = html_to_text(_page()).text.splitlines()
    assert lines == [
        "Kratom for Pain & Sleep",
        "By A. Writer",
        "Kratom, a tree native to Southeast Asia, has drawn attention as a natural remedy. "
        "Clinical trials have shown that kratom relieves pain in regular users.",
        "Key findings from the clinical studies:",
        "- Kratom improves sleep quality in people with chronic pain.",
        "- Kratom may relieve opioid withdrawal symptoms.",
        "Users report that kratom improves mood and energy.",
        "Frequently asked questions",
        "Is kratom addictive?",
        "Kratom carries a risk of addiction with daily use.",
    ]


def test_html_title_and_canonical_url_are_read_and_a_relative_canonical_is_resolved():
    page = html_to_text(_page(), base_url="https://herbal.example/x?utm=1")
    assert page.title == "Kratom for Pain & Sleep: What the Research Says | Herbal Notes"
    assert page.canonical_url == "https://herbal.example/articles/kratom-pain-sleep"


def test_a_page_without_title_falls_back_to_its_first_heading_and_has_no_canonical_url():
    page = html_to_text("<html><body><h1>Kratom &amp; sleep</h1><p>Text.</p></body></html>")
    assert (page.title, page.canonical_url) == ("Kratom & sleep", None)


def test_inline_markup_entities_comments_and_odd_whitespace_are_flattened_within_a_line():
    page = html_to_text(
        "<p>Kratom\n   <b>relieves</b>&nbsp;pain<!-- note -->,&#32;users&#x20;report.\u00ad"
        "<br>Second\tline &lt;here&gt; &amp; there.</p><p></p><ol><li></li><li>Kra\u00adtom <i>item</i></li></ol>"
    )
    assert page.text == "Kratom relieves pain, users report.\nSecond line <here> & there.\n- Kratom item"


def test_table_rows_become_lines_with_their_cells_separated():
    page = html_to_text("<table><tr><th>Strain</th><td>Red vein</td></tr><tr><td>Dose</td><td>2 g</td></tr></table>")
    assert page.text == "Strain | Red vein\nDose | 2 g"


def test_preformatted_text_keeps_its_lines():
    assert html_to_text("<pre>Kratom relieves pain.\nUsers report relief.</pre>").text == (
        "Kratom relieves pain.\nUsers report relief."
    )


def test_hidden_elements_and_role_navigation_are_dropped():
    page = html_to_text('<div role="navigation">Menu</div><p hidden>Secret</p><p>Kept.</p>')
    assert page.text == "Kept."


def test_an_xhtml_page_with_an_xml_declaration_is_read():
    page = html_to_text('<?xml version="1.0" encoding="utf-8"?><html><head><title>T</title></head>'
                        "<body><p>Kratom relieves pain.</p></body></html>")
    assert (page.title, page.text) == ("T", "Kratom relieves pain.")


# --- choosing plain text or HTML -----------------------------------------------------------------

HTML = b"<!DOCTYPE html><html><head><title>Kratom</title></head><body><p>Kratom relieves pain.</p></body></html>"


@pytest.mark.parametrize(
    ("raw", "hint"),
    [
        (HTML, "page.html"),
        (HTML, "PAGE.HTM"),
        (HTML, "text/html; charset=utf-8"),
        (HTML, "text/plain"),  # the doctype says HTML whatever the label
        (b"<p>Kratom relieves pain.</p>", "article.html"),
        (b"  <!-- saved page -->\n<html><body><p>Kratom relieves pain.</p></body></html>", "saved.txt"),
    ],
)
def test_html_is_read_as_html_by_name_content_type_or_its_first_tag(raw, hint):
    assert read_article(raw, filename_or_content_type=hint).text == "Kratom relieves pain."


def test_plain_text_that_mentions_tags_stays_plain_text():
    raw = b"Kratom relieves pain.\nSome pages write <p> around it.\n"
    assert read_article(raw, filename_or_content_type="notes.txt").text == raw.decode()


def test_a_page_with_no_readable_text_is_refused_as_empty():
    raw = b"<html><head><script>var a = 1;</script></head><body><nav>Menu</nav></body></html>"
    with pytest.raises(EmptyArticle, match="no readable text"):
        read_article(raw, filename_or_content_type="text/html")


def test_the_charset_in_the_content_type_or_a_meta_tag_is_honoured():
    body = "<html><head><meta charset='koi8-r'></head><body><p>Кратом облегчает боль.</p></body></html>"
    assert read_article(body.encode("koi8-r"), filename_or_content_type="text/html").text == "Кратом облегчает боль."
    plain = "Кратом облегчает боль, по данным исследований."
    assert read_article(plain.encode("koi8-r"), filename_or_content_type="text/plain; charset=KOI8-R").text == plain


def test_the_result_reports_encoding_and_replacements():
    article = read_article((DATA / "kratom-latin1.txt").read_bytes(), filename_or_content_type="kratom-latin1.txt")
    assert article.encoding == "cp1252" and article.replaced == 0
    assert (article.title, article.canonical_url) == ("", None)


# --- quote spans index into the stored text ------------------------------------------------------


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return Vocabulary.from_json(json.loads(VOCABULARY.read_text(encoding="utf-8")))


@pytest.mark.parametrize("name", ["kratom-article.html", "kratom-latin1.txt"])
def test_every_quote_is_the_stored_text_at_its_span(name, vocabulary):
    article = read_article((DATA / name).read_bytes(), filename_or_content_type=name)
    claims = extract_claims(article.text, vocabulary)
    assert claims
    for claim in claims:
        for appearance in claim.appearances:
            assert article.text[appearance.start:appearance.end] == appearance.quote


def test_a_txt_file_is_stored_exactly_as_decoded(vocabulary):
    raw = ARTICLE.encode("utf-16")
    article = read_article(raw, filename_or_content_type="a.txt")
    assert article.text == raw.decode("utf-16")
