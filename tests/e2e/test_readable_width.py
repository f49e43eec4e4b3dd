"""The static site (`make html`) keeps prose to about 90 characters a line at 1920×1080: the
start page, a derivation notebook and a solution page, read from file:// like a reader would."""

import pytest
from e2e_harness import block_network, built_site, mathjax_done
from e2e_measure import CHARS_PER_LINE, MAX_CHARS

PAGES = [
    "index.html",
    "03_error_signal.html",
    "solutions/08_beyond_xor.html",
    "guide/instructor_guide.html",
]


@pytest.mark.browser
def test_site_prose_is_at_most_about_90_characters_a_line(browser):
    site = built_site()[0]
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    block_network(context)
    page = context.new_page()
    widest = {}
    for relpath in PAGES:
        page.goto((site / relpath).as_uri())
        mathjax_done(page)
        lines = page.evaluate(CHARS_PER_LINE, ".jp-RenderedMarkdown p")
        assert lines, f"{relpath}: no paragraph of prose measured"
        widest[relpath] = round(max(lines))
    context.close()
    print(f"characters a line on the site: {widest}")
    assert max(widest.values()) <= MAX_CHARS, widest
