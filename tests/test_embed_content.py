"""What content does to an embed: hostile strings stay text, links only where they open."""

from pathlib import Path

import httpx
import pytest
from pydantic import ValidationError
from test_embed import Rendered

from api.app import create_app
from api.settings import Settings
from seed.importer import import_content

GUIDE = "knochenmetastasen-verstehen"
KERNAUSSAGE = f"/embed/{GUIDE}/kernaussage"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


async def serve(engine, database_url, content_dir, **settings):
    await import_content(engine, content_dir)
    return create_app(
        Settings(database_url=database_url, seed_on_start=False, _env_file=None, **settings)
    )


async def get(application, path: str, **params) -> httpx.Response:
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            return await http.get(path, params=params)


async def test_markup_in_titles_and_references_is_shown_as_text(engine, database_url, content_dir):
    article = content_dir / "articles" / f"{GUIDE}.md"
    edit(
        article,
        "title: Knochenmetastasen verstehen",
        "title: 'Knochen <script>alert(1)</script> & Co'",
    )
    edit(article, "publisher: visite-medizin.de", "publisher: '<img src=x onerror=alert(2)>'")
    references = content_dir / "references.yaml"
    edit(references, 'citation: "Coleman R,', 'citation: "<b onclick=alert(3)>Coleman</b> R,')
    edit(references, "DOI: 10.1016/j.annonc.2020.07.019", "DOI: 'javascript:alert(4)'")
    edit(
        references,
        "URL: https://www.esmo.org/guidelines/esmo-clinical-practice-guideline-bone-health-in-cancer-patients",
        "URL: 'javascript:alert(5)'",
    )
    application = await serve(engine, database_url, content_dir)

    response = await get(application, KERNAUSSAGE, page="1")

    assert response.status_code == 200
    for tag in ("<script", "<img", "<b ", "javascript:"):
        assert tag not in response.text.replace("&lt;", "")
    rendered = Rendered(response.text)
    assert {tag for tag, _ in rendered.tags} <= {
        "html", "head", "meta", "title", "link", "base", "style", "body", "article",
        "h1", "div", "p", "a", "details", "summary", "ol", "li", "span",
    }  # fmt: skip
    text = rendered.text
    assert "Aus „Knochen <script>alert(1)</script> & Co“ · <img src=x onerror=alert(2)>" in text
    assert "<b onclick=alert(3)>Coleman</b> R, Hadji P" in text
    first_reference = next(attrs for tag, attrs in rendered.tags if tag == "li")
    assert first_reference == {"value": "1", "id": "kernaussage-quelle-1"}
    hrefs = [href for href, _ in rendered.links]
    assert all(href.startswith("https://") for href in hrefs)
    # No publisher site (the publisher is no host name) and no article URL: no attribution link.
    assert "<a" not in response.text.split('class="guide-embed__attribution"')[1].split("</p>")[0]


async def test_the_articles_own_url_is_the_canonical_link(engine, database_url, content_dir):
    article = content_dir / "articles" / f"{GUIDE}.md"
    url = "https://www.visite-medizin.de/ratgeber/knochenmetastasen-verstehen"
    edit(article, "publisher: visite-medizin.de", f"publisher: visite-medizin.de\nurl: {url}")
    application = await serve(engine, database_url, content_dir)

    response = await get(application, KERNAUSSAGE, page="1")

    links = Rendered(response.text).links
    assert links[0] == (f"{url}#kernaussage", "„Knochenmetastasen verstehen“")
    assert f'<link rel="canonical" href="{url}#kernaussage">' in response.text


async def test_the_article_url_template_links_the_website(engine, database_url, content_dir):
    template = "https://ratgeber.example/artikel/{slug}"
    application = await serve(engine, database_url, content_dir, article_url_template=template)

    response = await get(application, KERNAUSSAGE)

    expected = "https://ratgeber.example/artikel/knochenmetastasen-verstehen#kernaussage"
    assert Rendered(response.text).links[0] == (expected, "„Knochenmetastasen verstehen“")


@pytest.mark.parametrize(
    "template", ["https://ratgeber.example/artikel/", "ftp://x/{slug}", "https://x/{slug} y"]
)
def test_an_article_url_template_without_slug_or_http_is_refused(template):
    with pytest.raises(ValidationError, match="article_url_template"):
        Settings(article_url_template=template, _env_file=None)
