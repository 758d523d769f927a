"""The non-GraphQL endpoints of the app: health and media."""


async def test_healthz_answers_ok(client):
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_media_serves_the_hero_svg_as_an_inert_image(client):
    response = await client.get("/media/knochenmetastasen-verstehen.svg")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/svg+xml"
    assert "default-src 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "Wirbelsäulen-Overlay" in response.text


async def test_missing_media_is_a_404(client):
    response = await client.get("/media/nope.svg")
    assert response.status_code == 404


async def test_media_cannot_escape_its_folder(client):
    response = await client.get("/media/../articles/knochenmetastasen-verstehen.md")
    assert response.status_code == 404


async def test_graphql_refuses_mutations_over_get_and_other_methods(client):
    response = await client.put("/graphql", json={"query": "{ topics { slug } }"})
    assert response.status_code == 405
