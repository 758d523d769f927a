"""German search text without a database: cleaning, stemming, query syntax, snippets."""

import pytest
from graphql import GraphQLError

from schema.search import search_text
from schema.search.postgresql import umlauted
from schema.search.snippets import START_MARK, STOP_MARK, from_headline, snippet
from schema.search.websearch import fts5_query
from schema.search.words import index_text, stem


@pytest.mark.parametrize(
    ("spellings", "key"),
    [
        (["Übelkeit", "Uebelkeit", "UEBELKEIT", "Ubelkeit"], "ubel"),
        (["Selbstfürsorge", "Selbstfuersorge"], "selbstfursorg"),
        (["Straße", "Strasse", "STRASSE"], "strass"),
        (["Knochenmetastase", "Knochenmetastasen"], "knochenmetastas"),
        (["Wirbelkörper", "Wirbelkörpern", "Wirbelkoerper"], "wirbelkorp"),
        (["Strahlen\u00adtherapie", "Strahlentherapie"], "strahlentherapi"),
    ],
)
def test_every_spelling_of_a_word_has_one_key(spellings, key):
    assert {stem(word) for word in spellings} == {key}


def test_index_text_splits_at_punctuation_and_keeps_soft_hyphenated_words_whole():
    assert index_text("Strahlen\u00adtherapie, PET/CT; Physio- und Ergotherapie") == (
        "strahlentherapi pet ct physio und ergotherapi"
    )


def test_search_text_drops_invisible_characters_and_squeezes_whitespace():
    assert search_text("  Strahlen\u00adtherapie \n nachts\u200b ", "query").text == (
        "Strahlentherapie nachts"
    )


@pytest.mark.parametrize("raw", ["", "   ", "\u00ad", "\n\t"])
def test_an_empty_search_text_is_refused_naming_the_argument(raw):
    with pytest.raises(GraphQLError) as error:
        search_text(raw, "search")
    assert error.value.message == "search: the search text is empty; give at least one word"


def test_a_search_text_over_200_characters_is_refused():
    search_text("a" * 200, "query")
    with pytest.raises(GraphQLError) as error:
        search_text("a" * 201, "query")
    assert error.value.message == (
        "query: the search text has 201 characters, at most 200 are allowed; search for fewer words"
    )


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("Schmerzen nachts", '("schmerz") AND ("nacht")'),
        ('"Schmerzen nachts"', '("schmerz nacht")'),
        ("Bisphosphonate or Denosumab", '("bisphosphonat" OR "denosumab")'),
        ("Therapie -Chemotherapie", '(("therapi")) NOT ("chemotherapi")'),
        ('NEAR(Knochen "Kalzium* : ( ^x', '("near knoch") AND ("kalzium x")'),
        ("Physio-Therapie", '("physio therapi")'),
        ("Knochen or", '("knoch")'),
    ],
)
def test_websearch_syntax_becomes_quoted_fts5_phrases(text, match):
    assert fts5_query(text).match == match


@pytest.mark.parametrize("text", ["-Knochen", "* : ( )", '""', "or"])
def test_a_text_without_a_wanted_word_has_no_fts5_query(text):
    expected = None if text != "or" else '("or")'
    query = fts5_query(text)
    assert (query.match if query else None) == expected


def test_snippet_marks_the_original_words_around_the_best_match_and_escapes_the_rest():
    text = (
        "Knochengewebe erneuert sich fortlaufend. Metastasen stören dieses Gleichgewicht, "
        "indem sie entweder den Knochenabbau beschleunigen oder unstrukturierten Neubau "
        "anregen. Die Folge können tief sitzende Schmerzen sein, die unter Belastung oder "
        "nachts zunehmen. Wird ein Wirbelkörper geschwächt, droht <Instabilität> & Druck "
        "auf Nervenstrukturen; dies kann sich durch Taubheitsgefühl, Kribbeln, Muskelschwäche "
        "oder selten Lähmungszeichen äußern und erfordert rasche Abklärung."
    )
    assert snippet(text, fts5_query("schmerz NACHT").stems) == (
        "… Die Folge können tief sitzende <mark>Schmerzen</mark> sein, die unter Belastung "
        "oder <mark>nachts</mark> zunehmen. Wird ein Wirbelkörper geschwächt, droht "
        "&lt;Instabilität&gt; &amp; Druck auf Nervenstrukturen; dies kann sich durch "
        "Taubheitsgefühl, Kribbeln, Muskelschwäche oder …"
    )


def test_snippet_of_a_short_text_is_the_whole_text_on_one_line():
    assert snippet("„Übelkeit“\n\nund <b>Müdigkeit</b>.", frozenset({"ubel"})) == (
        "„<mark>Übelkeit</mark>“ und &lt;b&gt;Müdigkeit&lt;/b&gt;."
    )


def test_headline_markers_become_mark_elements_and_cut_text_gets_ellipses():
    text = "Erstens. Die <Folge> sind Schmerzen\nnachts. Letztens."
    headline = f"Die <Folge> sind {START_MARK}Schmerzen{STOP_MARK}\nnachts."
    assert from_headline(headline, text) == (
        "… Die &lt;Folge&gt; sind <mark>Schmerzen</mark> nachts. …"
    )
    assert (
        from_headline(text, text) == "Erstens. Die &lt;Folge&gt; sind Schmerzen nachts. Letztens."
    )


def test_umlauted_spells_out_umlauts_except_after_q():
    assert umlauted("Uebelkeit Selbstfuersorge Quelle Aerzte") == (
        "Übelkeit Selbstfürsorge Quelle Ärzte"
    )
