"""The served article is the source text, word for word: nothing lost, nothing invented."""

import re
from pathlib import Path

SOURCE = Path(__file__).parent / "fixtures" / "knochenmetastasen-verstehen.txt"

# Page furniture and navigation in the source, not content (see seed/README.md).
FURNITURE = {
    "Navigations-Button: Hamburger-Menü",
    "Symbol für die Suche",
    "Mehr Informationen zu Knochenmetastasen",
    "Alle Artikel auf Visite-Medizin.de zu diesem Thema",
}

QUERY = """{ article(slug: "knochenmetastasen-verstehen") {
  title subtitle lead { text }
  heroImage { alt caption }
  sections { heading body { text } }
  references { number reference { citation } }
} }"""


def source_article_lines() -> list[str]:
    """Every line of the article text: from the lead to the list of sources."""
    text = SOURCE.read_text(encoding="utf-8").split("Quellen & Leitlinien")[0]
    lines = [line.strip() for line in text.splitlines()]
    return [line for line in lines if line and line not in FURNITURE]


def source_reference_lines() -> list[str]:
    text = SOURCE.read_text(encoding="utf-8").split("Quellen & Leitlinien")[1]
    text = text.split("Wir erklären Ihnen")[0]
    return [re.sub(r"^\d+\.\s", "", line.strip()) for line in text.splitlines() if line.strip()]


def sentences(line: str) -> list[str]:
    return [part for part in re.split(r"(?<=[.!?])\s+", line) if part]


async def served_article(client) -> dict:
    response = await client.post("/graphql", json={"query": QUERY})
    body = response.json()
    assert "errors" not in body
    return body["data"]["article"]


def served_fields(article: dict) -> list[str]:
    fields = [article["lead"]["text"], article["heroImage"]["alt"], article["heroImage"]["caption"]]
    for section in article["sections"]:
        fields += [section["heading"], section["body"]["text"]]
    return fields


async def test_every_source_sentence_is_served_exactly_once(client):
    served = "\n".join(served_fields(await served_article(client)))
    source = [sentence for line in source_article_lines() for sentence in sentences(line)]
    assert len(source) > 50
    counts = {sentence: served.count(sentence) for sentence in source}
    assert {sentence: n for sentence, n in counts.items() if n != 1} == {}


async def test_nothing_is_served_that_the_source_does_not_say(client):
    source = [sentence for line in source_article_lines() for sentence in sentences(line)]
    for field in served_fields(await served_article(client)):
        rest = field
        for sentence in source:
            rest = rest.replace(sentence, "")
        assert rest.strip() == "", f"not in the source: {rest.strip()!r}"


async def test_paragraphs_are_kept(client):
    article = await served_article(client)
    therapy = next(s for s in article["sections"] if s["heading"].startswith("Was moderne"))
    assert len(therapy["body"]["text"].split("\n\n")) == 2
    assert article["lead"]["text"] == source_article_lines()[0]
    assert article["subtitle"] in article["heroImage"]["caption"]


async def test_citation_lines_are_the_source_lines(client):
    article = await served_article(client)
    served = [citation["reference"]["citation"] for citation in article["references"]]
    assert [c["number"] for c in article["references"]] == list(range(1, 13))
    assert served == source_reference_lines()
