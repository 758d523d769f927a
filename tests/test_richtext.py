"""Rich text rendering (seed time) and anchors."""

import pytest

from schema.anchors import anchor_for
from schema.richtext import render


@pytest.mark.parametrize(
    ("heading", "anchor"),
    [
        (
            "Wie die Situation sicher abgeklärt und überwacht wird",
            "wie-die-situation-sicher-abgeklaert-und-ueberwacht-wird",
        ),
        (
            "„Metastasen streuen nicht“ – was damit gemeint ist",
            "metastasen-streuen-nicht-was-damit-gemeint-ist",
        ),
        ("Größe, Öl & Übung", "groesse-oel-uebung"),
        ("  Kernaussage  ", "kernaussage"),
    ],
)
def test_anchor_is_derived_from_the_heading(heading, anchor):
    assert anchor_for(heading) == anchor


def test_markdown_becomes_html_and_text():
    rendered = render("Erster **Absatz** mit „Zitat“ – und mehr.\n\nZweiter\nAbsatz.")
    assert rendered.html == (
        "<p>Erster <strong>Absatz</strong> mit „Zitat“ – und mehr.</p>\n<p>Zweiter\nAbsatz.</p>"
    )
    assert rendered.text == "Erster Absatz mit „Zitat“ – und mehr.\n\nZweiter Absatz."


def test_raw_html_and_script_links_never_reach_the_output():
    rendered = render(
        "<script>alert(1)</script>\n\n[klick](javascript:alert(1)) <img src=x onerror=alert(1)>"
    )
    assert "<script" not in rendered.html
    assert "<img" not in rendered.html
    assert 'href="javascript' not in rendered.html


def test_links_are_kept_safe():
    rendered = render("[Leitlinie](https://register.awmf.org/x)")
    assert rendered.html == (
        '<p><a href="https://register.awmf.org/x" rel="noopener noreferrer">Leitlinie</a></p>'
    )
    assert rendered.text == "Leitlinie"
