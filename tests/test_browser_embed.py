"""A partner portal iframes the "Kernaussage" embed; a real headless Chromium renders it.

Two real processes on two ports, so two origins: `guide-api serve` (the API),
and a static portal page that holds nothing but the iframe. Chromium loads the
portal; the test reads the iframe's DOM through the DevTools protocol (the
portal's own scripts could not: the frame is cross-origin) and takes a screenshot.

Without chromium the test skips, unless GUIDE_REQUIRE_BROWSER=1 (as in CI).
"""

import functools
import os
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from browser.chromium import chromium_path, headless_tab
from servers import start_guide_api, stop

GUIDE_API = Path(sys.executable).with_name("guide-api")
EMBED_PATH = "/embed/knochenmetastasen-verstehen/kernaussage?page=1"
KERNAUSSAGE_START = "Knochenmetastasen sind sekundäre Herde einer bestehenden Krebserkrankung"
KERNAUSSAGE_END = "Lebensqualität über lange Zeiträume erhalten."

PORTAL_PAGE = """<!DOCTYPE html>
<html lang="de">
<head><meta charset="utf-8"><title>Praxisportal</title><link rel="icon" href="data:,"></head>
<body style="font-family: Georgia, serif; background: #f4f1ea; margin: 24px">
<h1>Praxisportal: Knochenmetastasen</h1>
<p>Ein Abschnitt aus dem Patientenratgeber:</p>
<iframe src="{src}" width="760" height="520" title="Kernaussage" style="border:0"></iframe>
</body>
</html>
"""


@pytest.fixture
def browser_available() -> None:
    if chromium_path() is None:
        reason = "chromium is not installed (apt-get install chromium)"
        if os.environ.get("GUIDE_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{reason}; GUIDE_REQUIRE_BROWSER=1 requires it")
        pytest.skip(reason)


@pytest.fixture
def guide_server(engine, database_url, tmp_path):
    """A real `guide-api serve` that seeds the bundled guide into an empty database."""
    process, base_url = start_guide_api(database_url, tmp_path)
    try:
        yield base_url
    finally:
        stop(process, timeout=15)


@pytest.fixture
def portal(guide_server, tmp_path):
    """The partner's page on its own port (another origin), iframing the embed."""
    root = tmp_path / "portal"
    root.mkdir()
    page = PORTAL_PAGE.format(src=f"{guide_server}{EMBED_PATH}")
    (root / "index.html").write_text(page, encoding="utf-8")
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *_args) -> None:
        pass


# Read in the iframe's document: what a reader sees, and whether the styles applied.
READ_EMBED = """JSON.stringify({
  lang: document.documentElement.lang,
  charset: document.characterSet,
  title: document.title,
  heading: document.querySelector("h1").textContent,
  text: document.querySelector(".guide-embed__body").innerText,
  attribution: document.querySelector(".guide-embed__attribution").innerText,
  references: document.querySelectorAll(".guide-embed__references li").length,
  borderTop: getComputedStyle(document.querySelector(".guide-embed")).borderTopWidth,
  headingWeight: getComputedStyle(document.querySelector("h1")).fontWeight,
  headingVisible: document.querySelector("h1").getBoundingClientRect().height > 0,
})"""


# Open the references (a <details> element) and read them as rendered.
OPEN_REFERENCES = """(() => {
  const details = document.querySelector(".guide-embed__references");
  details.open = true;
  const items = [...details.querySelectorAll("li")];
  return JSON.stringify({
    first: items[0].innerText.slice(0, 65),
    numbers: items.map((item) => item.getAttribute("value")),
    doiLinks: details.querySelectorAll("a[href^='https://doi.org/']").length,
    urlLinks: [...details.querySelectorAll("a")].filter((a) => a.innerText === "Link").length,
    referencesHeight: details.getBoundingClientRect().height,
  });
})()"""


def test_portal_iframe_shows_the_kernaussage_section(
    browser_available, portal, guide_server, tmp_path
):
    import json

    with headless_tab(tmp_path / "profile") as tab:
        tab.send("Page.enable")
        tab.send("Log.enable")
        tab.send("Runtime.enable")
        tab.send("Page.navigate", url=portal)
        tab.wait_for("Page.loadEventFired")  # fires after the iframe has loaded too

        tree = tab.send("Page.getFrameTree")["frameTree"]
        assert tree["frame"]["url"] == portal
        [child] = tree["childFrames"]
        assert child["frame"]["url"] == f"{guide_server}{EMBED_PATH}"
        embed = json.loads(tab.evaluate_in_frame(child["frame"]["id"], READ_EMBED))
        tab.screenshot(tmp_path / "portal.png")
        sources = json.loads(tab.evaluate_in_frame(child["frame"]["id"], OPEN_REFERENCES))
        tab.screenshot(tmp_path / "portal-references.png")

    assert embed["heading"] == "Kernaussage"
    assert embed["text"].startswith(KERNAUSSAGE_START)
    assert embed["text"].endswith(KERNAUSSAGE_END)
    assert embed["attribution"] == "Aus „Knochenmetastasen verstehen“ · visite-medizin.de"
    assert embed["references"] == 12
    assert (embed["lang"], embed["charset"]) == ("de", "UTF-8")
    assert embed["title"] == "Kernaussage – Knochenmetastasen verstehen"
    # The inline styles passed the embed's Content-Security-Policy.
    assert (embed["borderTop"], embed["headingWeight"], embed["headingVisible"]) == (
        "4px",
        "700",
        True,
    )
    assert sources == {
        "first": "Coleman R, Hadji P, Body JJ, et al. (2020) Bone health in cancer:",
        "numbers": [str(number) for number in range(1, 13)],
        "doiLinks": 2,
        "urlLinks": 10,
        "referencesHeight": sources["referencesHeight"],
    }
    assert sources["referencesHeight"] > 200  # opened, and laid out
    problems = [
        event["params"]
        for event in tab.events
        if event.get("method") in ("Log.entryAdded", "Runtime.exceptionThrown")
    ]
    assert problems == []
