"""The seed's shortcut for anchors gives exactly what python-slugify gives."""

import random

from bench.vocabulary import words
from schema.anchors import anchor_for
from seed.anchor import heading_anchor
from seed.importer import load_content
from seed.reader import read_article_file

ALPHABET = "AaBbZz09 ÄÖÜäöüß.:;!?()/–-"
EDGES = [
    "",
    " ",
    "–",
    "Kernaussage",
    "Wie die Situation sicher abgeklärt und überwacht wird",
    "Was Knochenmetastasen sind – und was sie nicht sind",
    "Alltag & Selbstfürsorge",  # entity-like: slugify's own path
    "1,5 Gramm",  # a comma between digits is dropped, not a separator
    "Ärzte' Rat",
    "Über Öl und Übelkeit",
    "  Straße – ÄÖÜ: (Teil 2)?  ",
    "--a--b--",
    "Ωmega café",  # transliterated by slugify
]


def test_the_shortcut_agrees_with_slugify():
    rng = random.Random(5)
    vocabulary = words()
    headings = [*EDGES, *vocabulary]
    headings += [
        " ".join([*rng.choices(vocabulary, k=rng.randint(1, 6)), str(number)])
        for number in range(500)
    ]
    headings += ["".join(rng.choices(ALPHABET, k=rng.randint(1, 12))) for _ in range(3000)]

    for heading in headings:
        assert heading_anchor(heading) == anchor_for(heading), heading


def test_the_bundled_headings_get_the_anchors_of_slugify(content_dir):
    content, _warnings = load_content(content_dir)

    for facts in content.articles:
        article, _problems, _warnings = read_article_file(content_dir, facts.file)
        for section in article.body.sections:
            assert section.anchor == anchor_for(section.heading)
