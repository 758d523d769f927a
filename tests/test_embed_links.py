"""The small decisions behind embed links and headers, case by case (no database)."""

from types import SimpleNamespace

import pytest
from starlette.datastructures import Headers

from api.embed.links import doi_url, is_real_url, publisher_url
from api.embed.policy import frame_ancestors, not_modified
from api.embed.targets import SectionTarget, resolve
from schema.principal import ANONYMOUS


@pytest.mark.parametrize(
    ("url", "real"),
    [
        ("https://www.nice.org.uk/guidance/ng234", True),
        ("http://example.org/a?b=c", True),
        ("PDF", False),
        ("https://www.leitlinienprogramm-onkologie.de/.../LL_Supportiv_Langversion_1.3.pdf", False),
        ("https://example.org/…/x", False),
        ("javascript:alert(1)", False),
        ("https:///no-host", False),
        ("https://example.org/a b", False),
        (None, False),
        ("", False),
    ],
)
def test_only_openable_http_urls_are_linked(url, real):
    assert is_real_url(url) is real


@pytest.mark.parametrize(
    ("doi", "href"),
    [
        ("10.1016/j.annonc.2020.07.019", "https://doi.org/10.1016/j.annonc.2020.07.019"),
        ("10.1200/JCO.2017.75.4614", "https://doi.org/10.1200/JCO.2017.75.4614"),
        ("10.1000/a<b>", "https://doi.org/10.1000/a%3Cb%3E"),
        ("javascript:alert(1)", None),
        ("doi:10.1000/x", None),
        (None, None),
    ],
)
def test_dois_link_to_the_resolver(doi, href):
    assert doi_url(doi) == href


@pytest.mark.parametrize(
    ("publisher", "site"),
    [
        ("visite-medizin.de", "https://visite-medizin.de/"),
        ("Visite-Medizin.DE", "https://visite-medizin.de/"),
        ("Deutsche Krebshilfe", None),
        ("<img src=x>", None),
        (None, None),
    ],
)
def test_a_publisher_named_by_host_links_its_site(publisher, site):
    assert publisher_url(publisher) == site


BASES = ["https://api.example.org/guide", "http://127.0.0.1:8000"]
TEMPLATE = "https://ratgeber.example/artikel/{slug}.html"


@pytest.mark.parametrize(
    ("url", "target"),
    [
        ("https://api.example.org/guide/embed/a/b", SectionTarget("a", "b")),
        ("https://API.example.org/guide/embed/a/b?page=1", SectionTarget("a", "b")),
        ("http://127.0.0.1:8000/embed/a%20x/b", SectionTarget("a x", "b")),
        ("https://ratgeber.example/artikel/a.html#b", SectionTarget("a", "b")),
        ("https://ratgeber.example/artikel/a.html", None),
        ("https://ratgeber.example/artikel/a/b.html#c", None),
        ("https://api.example.org/embed/a/b", None),
        ("http://api.example.org/guide/embed/a/b", None),
        ("https://api.example.org/guide/embed/a", None),
        ("https://api.example.org/guide/embed/a/b/c", None),
        ("ftp://127.0.0.1:8000/embed/a/b", None),
        ("not a url", None),
    ],
)
def test_oembed_urls_name_a_section(url, target):
    assert resolve(url, bases=BASES, template=TEMPLATE) == target


def test_framing_is_open_to_all_without_a_key():
    assert frame_ancestors(ANONYMOUS) == "*"


def test_a_key_naming_origins_may_frame_only_from_them():
    # Shaped like a Principal once keys hand their origins to requests (docs/embedding.md).
    keyed = SimpleNamespace(origins=frozenset({"https://portal.example", "https://b.example"}))
    assert frame_ancestors(keyed) == "https://b.example https://portal.example"


@pytest.mark.parametrize(
    ("header", "matches"),
    [('"abc"', True), ('W/"abc"', True), ('"x", "abc"', True), ("*", True), ('"x"', False)],
)
def test_if_none_match(header, matches):
    assert not_modified(Headers({"if-none-match": header}), '"abc"') is matches
    assert not_modified(Headers({}), '"abc"') is False
