"""`make html`: tools/build_html.py renders every notebook with its stored outputs into a static
site; every page is there with its equations and figures, and the index lists them in order."""

import base64
import importlib.util
import re
import subprocess
import sys
from html.parser import HTMLParser

import nbformat
import pytest
from e2e_harness import PLAYGROUND, ROOT, notebook_paths

SPEC = importlib.util.spec_from_file_location("build_html", ROOT / "tools" / "build_html.py")
build_html = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(build_html)

NOTEBOOKS = ROOT / "notebooks"
PNG_IMG = re.compile(r'<img\b[^>]*\bsrc="data:image/png;base64,')
MATHJAX = re.compile(r"<script[^>]+src=\"[^\"]*mathjax[^\"]*\"", re.IGNORECASE)
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
def site(tmp_path_factory):
    """The real site, built by the command `make html` runs, into a temporary folder."""
    outdir = tmp_path_factory.mktemp("site")
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build_html.py"), str(outdir)], check=True, cwd=ROOT
    )
    return outdir


def test_index_lists_every_notebook_in_order(site):
    expected = [page_name(p) for p in notebook_paths(NOTEBOOKS)]
    assert page_name(PLAYGROUND) in expected and len(expected) > 1, f"notebooks: {expected}"
    listed = [href for href in links((site / "index.html").read_text()) if href in expected]
    assert listed == expected


@pytest.mark.parametrize("relpath", notebook_paths(NOTEBOOKS))
def test_page_has_its_equations_and_figures(site, relpath):
    page = site / page_name(relpath)
    assert page.exists(), f"{page_name(relpath)} was not built"
    html = page.read_text()
    notebook = nbformat.read(NOTEBOOKS / relpath, as_version=4)
    assert MATHJAX.search(html), "no MathJax script on the page"
    missing = [t for t in tags(notebook) if f"\\tag{{{t}}}" not in html]
    assert not missing, f"equations ({', '.join(missing)}) are missing from the page"
    assert len(PNG_IMG.findall(html)) >= png_outputs(notebook), "figures are missing"
    up = "../" if relpath.startswith("solutions/") else ""
    assert f"{up}index.html" in links(html), "no link back to the index"


def test_builder_keeps_equations_figures_and_order(tmp_path):
    """On a small notebook set of known content: the builder itself, independent of ours."""
    source = tmp_path / "notebooks"
    (source / "solutions").mkdir(parents=True)
    for name, tag in [("02_b.ipynb", "12"), ("01_a.ipynb", "7")]:
        notebook = nbformat.v4.new_notebook()
        figure = nbformat.v4.new_output("display_data", data={"image/png": PIXEL})
        notebook.cells = [
            nbformat.v4.new_markdown_cell(f"# Title {name[:2]}\n\n$$J = y^2 \\tag{{{tag}}}$$"),
            nbformat.v4.new_code_cell("plot()", outputs=[figure]),
        ]
        nbformat.write(notebook, source / name)
    nbformat.write(nbformat.v4.new_notebook(), source / "solutions" / "01_a.ipynb")

    written = build_html.build(tmp_path / "site", source)

    site = tmp_path / "site"
    assert sorted(written) == sorted(
        [site / "index.html", site / "01_a.html", site / "02_b.html", site / "solutions/01_a.html"]
    )
    index = (site / "index.html").read_text()
    assert links(index) == ["01_a.html", "02_b.html", "solutions/01_a.html"]
    assert "Title 01" in index and "Title 02" in index
    first = (site / "01_a.html").read_text()
    assert "\\tag{7}" in first and MATHJAX.search(first)
    assert PNG_IMG.findall(first) and PIXEL in first
    assert "02_b.html" in links(first) and "solutions/01_a.html" in links(first)
    assert "../01_a.html" in links((site / "solutions/01_a.html").read_text())
