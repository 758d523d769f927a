"""Section embeds over HTTP: the fragment, the page, security and cache headers, 404s, 304s."""

import re
from html.parser import HTMLParser
from pathlib import Path

import httpx
import yaml

from api.app import create_app
from api.settings import BUNDLED_CONTENT, Settings

KERNAUSSAGE = "/embed/knochenmetastasen-verstehen/kernaussage"
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors *"
)
SECURITY = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}
PUBLIC_CACHE = {"cache-control": "public, max-age=300", "vary": "Authorization"}
BODY = (
    "Knochenmetastasen sind sekundäre Herde einer bestehenden Krebserkrankung und werden "
    "nicht zu einem neuen Primärtumor. Im umgangssprachlichen Verständnis „streuen“ sie daher "
    "nicht selbst. Dass weitere Herde entstehen können, ist Ausdruck der Gesamtaktivität der "
    "Grunderkrankung – hier greifen systemische Therapien an. In Kombination mit wirksamen "
    "lokalen Maßnahmen lassen sich Schmerzen lindern, Stabilität sichern und Lebensqualität "
    "über lange Zeiträume erhalten."
)


class Rendered(HTMLParser):
    """What a reader gets from an HTML answer: visible text, links, and the tags used."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.words: list[str] = []
        self.links: list[tuple[str, str]] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.styles: list[str] = []
        self._open: list[str] = []
        self._link: list | None = None
        self.feed(html)
        self.close()

    @property
    def text(self) -> str:
        # Collapse HTML whitespace only: the citations' non-breaking spaces must survive.
        return re.sub(r"[ \t\n\r\f]+", " ", " ".join(self.words)).strip()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "a":
            self._link = [dict(attrs)["href"], []]
        if tag not in ("meta", "link", "br", "base", "hr"):
            self._open.append(tag)

    def handle_endtag(self, tag):
        if tag == "a" and self._link is not None:
            self.links.append((self._link[0], " ".join(" ".join(self._link[1]).split())))
            self._link = None
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data):
        if self._open and self._open[-1] == "style":
            self.styles.append(data)
        elif not (self._open and self._open[-1] == "title"):
            self.words.append(data)
            if self._link is not None:
                self._link[1].append(data)


def seed_references() -> list[dict]:
    """The article's references in citation order, as the seed files state them."""
    article = (BUNDLED_CONTENT / "articles" / "knochenmetastasen-verstehen.md").read_text("utf-8")
    keys = yaml.safe_load(article.split("---")[1])["references"]
    entries = yaml.safe_load(Path(BUNDLED_CONTENT / "references.yaml").read_text("utf-8"))
    by_key = {entry["id"]: entry for entry in entries}
    return [by_key[key] for key in keys]


def _openable(url: str | None) -> bool:
    return bool(url) and url.startswith("https://") and "..." not in url


def expected_references() -> tuple[list[str], list[tuple[str, str]]]:
    """Visible reference lines and their links: DOI and URL only where they really open."""
    lines, links = [], []
    for entry in seed_references():
        labels = []
        if entry.get("DOI"):
            labels.append("DOI")
            links.append((f"https://doi.org/{entry['DOI']}", "DOI"))
        if _openable(entry.get("URL")):
            labels.append("Link")
            links.append((entry["URL"], "Link"))
        lines.append(" ".join([entry["citation"], *labels]))
    return lines, links


# The headers embeds decide (middleware adds others, e.g. a request id).
EMBED_HEADERS = (
    *SECURITY,
    "cache-control",
    "vary",
    "etag",
    "content-type",
    "content-length",
    "x-frame-options",
    "set-cookie",
)


def embed_headers(headers) -> dict[str, str]:
    return {name: headers[name] for name in EMBED_HEADERS if name in headers}


async def test_fragment_shows_section_attribution_and_the_articles_references(client):
    response = await client.get(KERNAUSSAGE)

    assert response.status_code == 200
    etag = response.headers["etag"]
    assert re.fullmatch(r'"[0-9a-f]{32}"', etag)
    assert embed_headers(response.headers) == {
        **SECURITY,
        **PUBLIC_CACHE,
        "etag": etag,
        "content-type": "text/html; charset=utf-8",
        "content-length": str(len(response.content)),
    }
    rendered = Rendered(response.text)
    lines, reference_links = expected_references()
    assert rendered.text == " ".join(
        [
            "Kernaussage",
            BODY,
            "Aus „Knochenmetastasen verstehen“ · visite-medizin.de",
            "Quellen (12)",
            *lines,
        ]
    )
    assert rendered.links == [
        ("https://visite-medizin.de/", "„Knochenmetastasen verstehen“"),
        *reference_links,
    ]
    numbers = [attrs["value"] for tag, attrs in rendered.tags if tag == "li"]
    assert numbers == [str(number) for number in range(1, 13)]
    assert ("h2", {"class": "guide-embed__heading", "id": "kernaussage"}) in rendered.tags


async def test_fragment_is_self_contained_and_its_styles_are_scoped(client):
    rendered = Rendered((await client.get(KERNAUSSAGE)).text)

    tags = {tag for tag, _attrs in rendered.tags}
    assert tags.isdisjoint({"script", "link", "img", "iframe", "object", "embed", "form", "base"})
    assert not [attrs for _tag, attrs in rendered.tags if {"src", "style"} & set(attrs)]
    assert not [attrs for _tag, attrs in rendered.tags if any(a.startswith("on") for a in attrs)]
    assert rendered.tags[0] == ("div", {"class": "guide-embed-root"})
    [css] = rendered.styles
    rules = re.sub(r"\{[^}]*\}", "\n", css)
    selectors = [s.strip() for line in rules.splitlines() for s in line.split(",") if s.strip()]
    assert selectors
    assert [s for s in selectors if not s.startswith(".guide-embed")] == []
    assert "url(" not in css
    assert "@import" not in css
    external = [href for href, _ in rendered.links if not href.startswith("https://")]
    assert external == []
    anchors = [attrs for tag, attrs in rendered.tags if tag == "a"]
    assert all(a["target"] == "_blank" and a["rel"] == "noopener noreferrer" for a in anchors)


async def test_page_is_a_full_html5_document_with_oembed_discovery(client):
    response = await client.get(f"{KERNAUSSAGE}?page=1")

    assert response.status_code == 200
    assert response.text.startswith('<!DOCTYPE html>\n<html lang="de">\n<head>\n')
    rendered = Rendered(response.text)
    head = [(tag, attrs) for tag, attrs in rendered.tags if tag in ("meta", "link", "base")]
    title = "Kernaussage – Knochenmetastasen verstehen"
    oembed = (
        "http://testserver/oembed?url=http%3A%2F%2Ftestserver%2Fembed%2F"
        "knochenmetastasen-verstehen%2Fkernaussage%3Fpage%3D1&format=json"
    )
    assert head == [
        ("meta", {"charset": "utf-8"}),
        ("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}),
        ("meta", {"name": "robots", "content": "noindex"}),
        (
            "link",
            {"rel": "alternate", "type": "application/json+oembed", "href": oembed, "title": title},
        ),
        ("link", {"rel": "canonical", "href": "https://visite-medizin.de/"}),
        ("base", {"target": "_blank"}),
    ]
    assert f"<title>{title}</title>" in response.text
    assert ("h1", {"class": "guide-embed__heading", "id": "kernaussage"}) in rendered.tags
    assert rendered.text.startswith(f"Kernaussage {BODY} Aus „Knochenmetastasen verstehen“")
    assert embed_headers(response.headers) == {
        **SECURITY,
        **PUBLIC_CACHE,
        "etag": response.headers["etag"],
        "content-type": "text/html; charset=utf-8",
        "content-length": str(len(response.content)),
    }


async def test_every_section_of_the_article_can_be_embedded(client):
    query = '{ article(slug: "knochenmetastasen-verstehen") { sections { anchor heading } } }'
    sections = (await client.post("/graphql", json={"query": query})).json()["data"]["article"]
    for section in sections["sections"]:
        response = await client.get(f"/embed/knochenmetastasen-verstehen/{section['anchor']}")
        assert response.status_code == 200, section
        assert Rendered(response.text).text.startswith(section["heading"])


async def test_unknown_article_or_anchor_is_a_small_html_404(client):
    for path in ("/embed/gibt-es-nicht/kernaussage", "/embed/knochenmetastasen-verstehen/nein"):
        response = await client.get(path)
        assert response.status_code == 404
        assert embed_headers(response.headers) == {
            **SECURITY,
            "cache-control": "no-store",
            "content-type": "text/html; charset=utf-8",
            "content-length": str(len(response.content)),
        }
    article, anchor = "gibt-es-nicht", "kernaussage"
    assert Rendered(response.text).text == (
        "Abschnitt nicht gefunden Den Abschnitt „nein“ im Artikel "
        "„knochenmetastasen-verstehen“ gibt es nicht."
    )
    page = await client.get(f"/embed/{article}/{anchor}?page=1")
    assert page.status_code == 404
    assert page.text.startswith('<!DOCTYPE html>\n<html lang="de">')
    assert Rendered(page.text).text == (
        "Abschnitt nicht gefunden Den Abschnitt „kernaussage“ im Artikel „gibt-es-nicht“ "
        "gibt es nicht."
    )


async def test_hostile_path_values_come_back_escaped(client):
    response = await client.get("/embed/%3Cscript%3Ealert(1)/%22%3E%3Cimg%20src%3Dx%3E")
    assert response.status_code == 404
    assert "<script" not in response.text
    assert "<img" not in response.text
    assert Rendered(response.text).text == (
        'Abschnitt nicht gefunden Den Abschnitt „"><img src=x>“ im Artikel „<script>alert(1)“ '
        "gibt es nicht."
    )


async def test_an_unknown_page_value_is_a_400_naming_it(client):
    response = await client.get(f"{KERNAUSSAGE}?page=yes")
    assert response.status_code == 400
    assert Rendered(response.text).text == (
        "Ungültige Anfrage Der Parameter page='yes' ist ungültig; erlaubt sind 0 und 1."
    )


async def test_if_none_match_answers_304_with_the_same_validators(client):
    first = await client.get(KERNAUSSAGE)
    etag = first.headers["etag"]
    for header in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        again = await client.get(KERNAUSSAGE, headers={"If-None-Match": header})
        assert again.status_code == 304, header
        assert again.content == b""
        assert embed_headers(again.headers) == {**SECURITY, **PUBLIC_CACHE, "etag": etag}
    changed = await client.get(KERNAUSSAGE, headers={"If-None-Match": '"stale"'})
    assert (changed.status_code, changed.text) == (200, first.text)
    page = await client.get(f"{KERNAUSSAGE}?page=1", headers={"If-None-Match": etag})
    assert page.status_code == 200
    assert page.headers["etag"] != etag


async def test_a_database_failure_is_a_generic_500_without_details(bare_engine, database_url):
    # No tables at all: the embed's query fails inside the schema, as with a database outage.
    settings = Settings(database_url=database_url, seed_on_start=False, _env_file=None)
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            response = await http.get(f"{KERNAUSSAGE}?page=1")

    assert response.status_code == 500
    assert embed_headers(response.headers) == {
        **SECURITY,
        "cache-control": "no-store",
        "content-type": "text/html; charset=utf-8",
        "content-length": str(len(response.content)),
    }
    assert Rendered(response.text).text == (
        "Vorübergehender Fehler Der Abschnitt kann gerade nicht angezeigt werden."
    )
