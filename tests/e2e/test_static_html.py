"""`make html`: tools/build_html.py renders every notebook with its stored outputs into a static
site; every page is there with its equations and figures, the start page lists them in order,
every figure has its caption as alt text, every page has a table of contents and a title of one
form, and nothing is loaded from outside the site (the browser proof: test_offline_site.py)."""

import base64
import html
import importlib.util
import io
import re
from html.parser import HTMLParser

import nbformat
import pytest
from e2e_harness import PLAYGROUND, ROOT, built_site, notebook_paths

SPEC = importlib.util.spec_from_file_location("build_html", ROOT / "tools" / "build_html.py")
build_html = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(build_html)

NOTEBOOKS = ROOT / "notebooks"
PNG_IMG = re.compile(r'<img\b[^>]*\bsrc="data:image/png;base64,')
MATHJAX = re.compile(r'<script[^>]+src="(?:\.\./)?mathjax/MathJax\.js\?config=[^"]+"')
EXTERNAL = re.compile(r'<(?:script|link|img|iframe)\b[^>]*(?:src|href)="(?:https?:)?//[^"]*"')
IMG = re.compile(r"<img\b[^>]*>")
ALT = re.compile(r'\balt="([^"]*)"')
PLACEHOLDER = "No description has been provided for this image"
TITLE = re.compile(
    r"<title>(\d\d[a-z]?) · (.+?)( \(worked solutions\))? — "
    r"Backpropagation, derived and checked</title>"
)
TAG = re.compile(r"\\tag\{([^}]*)\}")
# A 1×1 PNG, the smallest figure a notebook can store.
PIXEL = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201a2d7"
        "d15a0000000049454e44ae426082"
    )
).decode()


class Links(HTMLParser):
    """The href of every <a> on a page, in order."""

    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.append(dict(attrs).get("href"))


def links(html):
    parser = Links()
    parser.feed(html)
    return parser.hrefs


def page_name(relpath):
    return relpath.removesuffix(".ipynb") + ".html"


def tags(notebook):
    return [t for c in notebook.cells if c.cell_type == "markdown" for t in TAG.findall(c.source)]


def png_outputs(notebook):
    return sum(
        "image/png" in output.get("data", {})
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
    )


@pytest.fixture(scope="module")
def site():
    """The real site, built by the command `make html` runs, into a temporary folder."""
    return built_site()[0]


@pytest.mark.slow  # the real site, built whole
def test_index_lists_every_notebook_in_order(site):
    expected = [page_name(p) for p in notebook_paths(NOTEBOOKS)]
    assert page_name(PLAYGROUND) in expected and len(expected) > 1, f"notebooks: {expected}"
    listed = [href for href in links((site / "index.html").read_text()) if href in expected]
    assert listed == expected


@pytest.mark.slow  # the real site, built whole
@pytest.mark.parametrize("relpath", notebook_paths(NOTEBOOKS))
def test_page_has_its_equations_and_figures(site, relpath):
    page = site / page_name(relpath)
    assert page.exists(), f"{page_name(relpath)} was not built"
    html = page.read_text()
    notebook = nbformat.read(NOTEBOOKS / relpath, as_version=4)
    assert MATHJAX.search(html), "no script loading the site's own MathJax"
    assert not EXTERNAL.findall(html), f"loads from outside the site: {EXTERNAL.findall(html)}"
    missing = [t for t in tags(notebook) if f"\\tag{{{t}}}" not in html]
    assert not missing, f"equations ({', '.join(missing)}) are missing from the page"
    assert len(PNG_IMG.findall(html)) >= png_outputs(notebook), "figures are missing"
    up = "../" if relpath.startswith("solutions/") else ""
    assert f"{up}index.html" in links(html), "no link back to the index"


@pytest.mark.slow  # the real site, built whole
@pytest.mark.parametrize("relpath", notebook_paths(NOTEBOOKS))
def test_every_figure_has_its_caption_as_alt_text(site, relpath):
    """Alt text is the figure's caption, the Markdown sentence right after the plot cell;
    nbconvert's placeholder (or nothing) means that sentence is missing from the notebook."""
    images = IMG.findall((site / page_name(relpath)).read_text())
    alts = [ALT.search(img) for img in images]
    missing = [n for n, alt in enumerate(alts, 1) if not alt or alt.group(1) in ("", PLACEHOLDER)]
    notebook = nbformat.read(NOTEBOOKS / relpath, as_version=4)
    assert not missing, (
        f"notebooks/{relpath}: figure(s) {missing} of {len(images)} (drawn by cells "
        f"{build_html.prepare(notebook)[1]}, counting from 0) have no caption, so no alt text: "
        "add a Markdown sentence right after the cell that draws each (what it shows, what to "
        "notice)"
    )
    captions = [
        build_html.caption_after(notebook, index)
        for index, cell in enumerate(notebook.cells)
        if cell.cell_type == "code"
        for output in cell.outputs
        if "image/png" in output.get("data", {})
    ]
    assert [html.unescape(alt.group(1)) for alt in alts] == captions


@pytest.mark.slow  # the real site, built whole
@pytest.mark.parametrize("relpath", notebook_paths(NOTEBOOKS))
def test_page_has_a_title_of_the_common_form_and_a_table_of_contents(site, relpath):
    page = (site / page_name(relpath)).read_text()
    title = TITLE.search(page)
    assert title, f"title not of the form 'NN · Topic — site': {re.search('<title>.*', page)}"
    assert title.group(1) == relpath.split("/")[-1].split("_")[0]  # "04", "04b"
    assert bool(title.group(3)) == relpath.startswith("solutions/")
    if relpath.startswith("solutions/"):
        twin = TITLE.search((site / page_name(relpath.split("/")[-1])).read_text())
        assert title.group(2) == twin.group(2), "a solution's topic differs from its notebook's"
    assert not re.search(r"[$\\`*]", title.group(2)), f"markup in the title: {title.group(2)}"
    sections = re.findall(r'<h2 id="([^"]+)"', page) or re.findall(r'<h3 id="([^"]+)"', page)
    contents = re.search(r'<nav class="bp-toc".*?</nav>', page, re.DOTALL)
    assert contents, "no table of contents"
    listed = [href.removeprefix("#") for href in links(contents.group(0))]
    assert listed and listed == sections


def test_captions_read_as_plain_text():
    notebook = nbformat.v4.new_notebook()
    figure = nbformat.v4.new_output("display_data", data={"image/png": PIXEL})
    notebook.cells = [
        nbformat.v4.new_code_cell("plot()", outputs=[figure]),
        nbformat.v4.new_markdown_cell(
            "The cost $J$ against $\\hat{y}$: **$\\sigma'$ peaks** at $\\tfrac{1}{4}$.\n\nMore."
        ),
        nbformat.v4.new_code_cell("plot()", outputs=[figure]),
        nbformat.v4.new_markdown_cell("## Summary\n\nNot a caption."),
        nbformat.v4.new_code_cell("plot()", outputs=[figure]),
        nbformat.v4.new_markdown_cell("What the numbers say:\n\n* not a caption either"),
    ]
    assert build_html.caption_after(notebook, 0) == "The cost J against ŷ: σ' peaks at 1/4."
    assert build_html.caption_after(notebook, 2) is None
    assert build_html.caption_after(notebook, 3) is None
    assert build_html.caption_after(notebook, 4) is None
    _, uncaptioned = build_html.prepare(notebook)
    assert uncaptioned == [2, 4]


def test_builder_keeps_equations_figures_and_order(tmp_path):
    """On a small notebook set of known content: the builder itself, independent of ours."""
    source = tmp_path / "notebooks"
    (source / "solutions").mkdir(parents=True)
    (source / "00_start_here.md").write_text(
        "# Start\n\n1. [A](01_a.ipynb)\n2. [B](02_b.ipynb#Section)\n"
    )
    for name, tag in [("02_b.ipynb", "12"), ("01_a.ipynb", "7")]:
        notebook = nbformat.v4.new_notebook()
        figure = nbformat.v4.new_output("display_data", data={"image/png": PIXEL})
        notebook.cells = [
            nbformat.v4.new_markdown_cell(f"# Title {name[:2]}\n\n$$J = y^2 \\tag{{{tag}}}$$"),
            nbformat.v4.new_code_cell("plot()", outputs=[figure]),
        ]
        if name == "01_a.ipynb":
            notebook.cells.append(nbformat.v4.new_markdown_cell("A dot, $\\theta$ wide."))
        nbformat.write(notebook, source / name)
    nbformat.write(nbformat.v4.new_notebook(), source / "solutions" / "01_a.ipynb")

    warnings = io.StringIO()
    written = build_html.build(tmp_path / "site", source, warn=warnings)

    site = tmp_path / "site"
    assert sorted(written) == sorted(
        [site / "index.html", site / "01_a.html", site / "02_b.html", site / "solutions/01_a.html"]
    )
    index = (site / "index.html").read_text()
    assert [h for h in links(index) if ".html" in h] == [
        "01_a.html",
        "02_b.html#Section",
        "solutions/01_a.html",
    ]
    assert "<title>Start here — Backpropagation, derived and checked</title>" in index
    assert (site / "mathjax" / "MathJax.js").exists()
    first = (site / "01_a.html").read_text()
    assert "\\tag{7}" in first and MATHJAX.search(first)
    assert PNG_IMG.findall(first) and PIXEL in first
    assert 'alt="A dot, θ wide."' in first
    assert "<title>01 · Title 01 — Backpropagation, derived and checked</title>" in first
    assert "02_b.ipynb, cell 1: a figure without a caption" in warnings.getvalue()
    assert PLACEHOLDER in (site / "02_b.html").read_text()
    assert "02_b.html" in links(first) and "solutions/01_a.html" in links(first)
    assert "../01_a.html" in links((site / "solutions/01_a.html").read_text())
