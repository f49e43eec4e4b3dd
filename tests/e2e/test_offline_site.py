"""The static site (`make html`) read in Chromium with the network cut off, from file:// in a
folder of its own: every page typesets its equations with the site's own MathJax (no raw TeX
left), asks for nothing outside the site, and passes an axe-core scan with no serious or
critical violation.

Each page is loaded once; the pages are opened and scanned a few at a time (MathJax and axe run
inside each page, so the pages of a batch work in parallel), then each test reads its page's
findings."""

import re

import pytest
from e2e_harness import (
    axe_violations,
    block_network,
    built_site,
    mathjax_done,
    notebook_paths,
    site_pages,
    start_axe,
)

# The pages the site must have: the start page, then one per notebook (built_site checks).
PAGES = ["index.html"] + [path.removesuffix(".ipynb") + ".html" for path in notebook_paths()]
# The pages opened in the browser: the start page and the student notebooks. A solution page is
# its notebook's page with worked answers, built by the same template and MathJax.
READ_PAGES = [page for page in PAGES if not page.startswith("solutions/")]
BATCH = 3
RAW_TEX = ["$$", "\\tag", "$\\displaystyle", "\\begin{", "\\frac"]
# The text a reader sees where TeX could stand: Markdown cells and outputs (code is left out).
READ_TEXT = """() => [...document.querySelectorAll(
    '.jp-RenderedMarkdown, .jp-OutputArea-output, main > p, main > ul, main > ol, main > table'
)].map(node => node.innerText).join('\\n')"""
MATH = """() => ({
    jax: MathJax.Hub.getAllJax().length,
    rendered: document.querySelectorAll('.MathJax, .MathJax_Display').length,
    errors: document.querySelectorAll('.MathJax_Error, merror').length,
    fonts: [...document.fonts].filter(f => f.status === 'loaded' && /STIX/.test(f.family)).length,
})"""


def tex_in(path):
    """The equation numbers (\\tag) in the page's content, and whether it has any TeX at all."""
    page = path.read_text(encoding="utf-8")
    main = re.sub(r"<(script|style)\b.*?</\1>", "", page[page.index("<main") :], flags=re.DOTALL)
    tags = re.findall(r"\\tag\{(\d+)\}", main)
    return tags, bool(tags or re.search(r"\$[^$]+\$", main))


def inspect(browser, site, batch):
    """Open the batch's pages offline, let them typeset, scan them; return their findings."""
    opened = []
    for relpath in batch:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        aborted = block_network(context)
        page = context.new_page()
        page.goto((site / relpath).as_uri())
        opened.append((relpath, context, page, aborted))
    findings = {}
    for relpath, _, page, aborted in opened:
        mathjax_done(page)
        findings[relpath] = {
            "text": page.evaluate(READ_TEXT),
            "math": page.evaluate(MATH),
            "aborted": aborted,
        }
        start_axe(page)
    for relpath, context, page, _ in opened:
        findings[relpath]["axe"] = axe_violations(page)
        context.close()
    return findings


@pytest.fixture(scope="module")
def site():
    return built_site()[0]


@pytest.fixture(scope="module")
def findings(browser, site):
    found = {}
    for start in range(0, len(READ_PAGES), BATCH):
        found.update(inspect(browser, site, READ_PAGES[start : start + BATCH]))
    return found


@pytest.mark.slow  # builds the whole site
def test_the_site_has_its_pages(site):
    assert site_pages(site) == PAGES
    assert (site / "mathjax" / "MathJax.js").exists(), "MathJax was not copied into the site"


@pytest.mark.browser
@pytest.mark.parametrize("relpath", READ_PAGES)
def test_page_typesets_with_the_network_cut_off(site, findings, relpath):
    found = findings[relpath]
    assert not found["aborted"], f"the page asked for things outside the site: {found['aborted']}"
    raw = [marker for marker in RAW_TEX if marker in found["text"]]
    assert not raw, f"raw TeX left on the page: {raw}"
    tags, has_tex = tex_in(site / relpath)
    math = found["math"]
    assert math["errors"] == 0, f"{math['errors']} MathJax errors"
    if has_tex:
        assert math["jax"] > 0 and math["rendered"] >= math["jax"], f"not typeset: {math}"
        assert math["fonts"] > 0, "MathJax's STIX web fonts did not load from the site"
    missing = [tag for tag in tags if f"({tag})" not in found["text"]]
    assert not missing, f"equation numbers not shown: {missing}"


@pytest.mark.browser
@pytest.mark.parametrize("relpath", READ_PAGES)
def test_page_has_no_serious_accessibility_violations(findings, relpath):
    violations = findings[relpath]["axe"]
    assert not violations, "axe-core:\n" + "\n".join(violations)
