"""Render every notebook with its stored outputs into a static site that reads anywhere.

Usage: python tools/build_html.py [OUTDIR]   (default: _site)

Nothing is executed: each page shows the outputs committed in the notebook (nbconvert's lab
template). OUTDIR/index.html is the start page, notebooks/00_start_here.md (the path through
the notebooks), followed by the list of worked solutions; OUTDIR/<name>.html is
notebooks/<name>.ipynb and OUTDIR/solutions/<name>.html its solution.

The site needs no network: MathJax is copied into OUTDIR/mathjax/ from the pinned
jupyter-server-mathjax package and every page loads it by a relative path, so the equations
typeset from file:// or from any web server; figures are embedded as PNG data; the CDN scripts
nbconvert adds (require.js, the widget manager, mermaid) are left out. Every figure's alt text
is its caption: the first paragraph of the Markdown cell right after the cell that draws it.
A figure without a caption gets nothing from us (nbconvert then writes its placeholder, "No
description has been provided for this image"); the builder names it on stderr, and
tests/e2e/test_static_html.py fails on it.

Every input is read, and OUTDIR's writability probed, before anything is written: a notebook
that is not valid, a missing start page, or an OUTDIR that is a file or cannot be written
stops it with one line naming the file and the problem. The site is built in a temporary
folder beside OUTDIR and moved into place only when every page is written, so a failure
leaves OUTDIR as it was.
"""

import html
import os
import re
import shutil
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import jupyter_server_mathjax
import nbformat
from nbconvert import HTMLExporter

sys.path.insert(0, str(Path(__file__).resolve().parent))  # its sibling modules, however loaded
from notebook_inputs import InputError, check_writable, read_notebook  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
TEMPLATES = Path(__file__).resolve().parent / "site_template"
START_PAGE = "00_start_here.md"
GUIDE = "instructor_guide.md"  # rendered as guide/instructor_guide.html, linked from the start
SITE_TITLE = "Backpropagation, derived and checked"
MATHJAX = Path(jupyter_server_mathjax.__file__).parent / "static"
# Where a widget stood: the live playground needs a kernel, which a static page has not.
WIDGET_NOTE = (
    '<p class="bp-widget-note">The live playground runs only with a kernel: open this notebook '
    "in JupyterLab (<code>make lab</code>) or present it (<code>make present</code>). "
    "The picture below shows what it draws.</p>"
)
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
NUMBER = re.compile(r"^(\d+)_")
HEADING_PREFIX = re.compile(r"^\s*(?:solutions?\s*·\s*)?\d+\s*·\s*", re.IGNORECASE)
HEADING_SUFFIX = re.compile(r"\s*[:—-]\s*(?:worked\s+)?solutions?\s*$", re.IGNORECASE)

# A few TeX commands a caption may use, as the characters a reader sees.
TEX_SYMBOLS = {
    "sigma": "σ", "delta": "δ", "eta": "η", "theta": "θ", "Theta": "Θ", "alpha": "α",
    "epsilon": "ε", "varepsilon": "ε", "lambda": "λ", "mu": "μ", "partial": "∂", "nabla": "∇",
    "cdot": "·", "times": "×", "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "approx": "≈",
    "neq": "≠", "infty": "∞", "to": "→", "pm": "±", "ldots": "…", "dots": "…", "sum": "Σ",
    "log": "log", "exp": "exp", "max": "max", "min": "min", "quad": " ", ",": " ", ";": " ",
}  # fmt: skip


class Page:
    """One notebook and the page it becomes (paths relative to the site's root)."""

    def __init__(self, source, folder):
        self.source = source
        relative = source.relative_to(folder)
        self.name = relative.as_posix()
        self.href = relative.with_suffix(".html").as_posix()
        self.is_solution = relative.parts[0] == "solutions"
        self.notebook = read_notebook(source)
        self.heading = notebook_title(self.notebook, source.stem)

    @property
    def number(self):
        found = NUMBER.match(self.source.name)
        return found.group(1) if found else ""

    def link_from(self, other):
        """This page's address as seen from the page other (solutions live one folder down)."""
        return ("../" if other.is_solution else "") + self.href


def notebook_title(notebook, fallback):
    """The text of the notebook's first Markdown heading, or fallback."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            found = re.search(r"^#+\s+(.+?)\s*#*\s*$", cell.source, re.MULTILINE)
            if found:
                return found.group(1)
    return fallback


def short_title(page, site):
    """The notebook's topic, the same on its page and its solution's: the student notebook's
    heading without its number or a "solutions" tag, and without Markdown or TeX markup."""
    twin = [p for p in site if p.source.name == page.source.name and not p.is_solution]
    heading = (twin[0] if twin else page).heading
    heading = HEADING_SUFFIX.sub("", HEADING_PREFIX.sub("", heading))
    return plain_text(heading)


def page_title(page, site):
    """ "NN · Topic — Backpropagation, derived and checked", solutions marked as such."""
    topic = short_title(page, site)
    label = f"{page.number} · {topic}" if page.number else topic
    if page.is_solution:
        label += " (worked solutions)"
    return f"{label} — {SITE_TITLE}"


def plain_text(markdown):
    """Markdown with inline TeX as plain text for an alt attribute or a title: the emphasis,
    code and link markup dropped, common TeX commands turned into the symbols they show."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"\\(?:hat|widehat)\{y\}|\\hat\s*y", "ŷ", text)
    text = re.sub(r"\\(?:t|d)?frac\{([^{}]*)\}\{([^{}]*)\}", r"\1/\2", text)
    text = re.sub(r"\\([A-Za-z]+|[,;])", lambda m: TEX_SYMBOLS.get(m.group(1), m.group(1)), text)
    text = re.sub(r"\^\{([^{}]*)\}", r"^(\1)", text)
    text = re.sub(r"_\{([^{}]*)\}", r"_\1", text)
    text = re.sub(r"[$*`{}]|\\", "", text)
    return re.sub(r"\s+", " ", text).strip()


def caption_after(notebook, index):
    """The caption of the figure drawn by cell index: the first paragraph of the Markdown cell
    right after it, as plain text; None when that cell is not a caption (absent, code, a
    heading, or a paragraph leading in to a list)."""
    if index + 1 >= len(notebook.cells):
        return None
    following = notebook.cells[index + 1]
    if following.cell_type != "markdown":
        return None
    paragraph = following.source.strip().split("\n\n")[0].strip()
    # a heading, HTML, a table, code, or a lead-in to a list ("What the numbers say:")
    if not paragraph or paragraph.startswith(("#", "<", "|", "```")) or paragraph.endswith(":"):
        return None
    return plain_text(paragraph) or None


def prepare(notebook):
    """A copy of the notebook ready for a static page: each PNG output carries its caption as
    metadata ("bp_alt") for the template; widget outputs become a note; widget state (which
    only a CDN script could render) is dropped. Return (copy, cells whose figure lacks a
    caption)."""
    notebook = nbformat.from_dict(notebook)
    notebook.metadata.pop("widgets", None)
    uncaptioned = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        caption = None
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET_VIEW in data:
                output["data"] = {"text/html": WIDGET_NOTE}
            if "image/png" in data:
                caption = caption or caption_after(notebook, index)
                if caption is None:
                    uncaptioned.append(index)
                    break
                output.setdefault("metadata", {})["bp_alt"] = caption
    return notebook, uncaptioned


class Headings(HTMLParser):
    """The level, id and text of every <h2> and <h3> nbconvert wrote (without the ¶ link)."""

    def __init__(self):
        super().__init__()
        self.found, self._current, self._depth = [], None, 0

    def handle_starttag(self, tag, attrs):
        if tag in ("h2", "h3"):
            self._current = [tag, dict(attrs).get("id"), ""]
        elif tag == "a" and self._current is not None:
            self._depth += 1

    def handle_endtag(self, tag):
        if tag in ("h2", "h3") and self._current is not None:
            if self._current[1]:
                self.found.append(tuple(self._current))
            self._current = None
        elif tag == "a" and self._depth:
            self._depth -= 1

    def handle_data(self, data):
        if self._current is not None and not self._depth:
            self._current[2] += data


def contents(body):
    """An in-page table of contents: a link to every section of the page (its ## headings, or
    its ### headings when it has none)."""
    parser = Headings()
    parser.feed(body)
    level = "h2" if any(found[0] == "h2" for found in parser.found) else "h3"
    sections = [(anchor, text.strip()) for tag, anchor, text in parser.found if tag == level]
    if not sections:
        return ""
    items = "\n".join(
        f'<li><a href="#{html.escape(anchor)}">{html.escape(text)}</a></li>'
        for anchor, text in sections
    )
    return (
        '<nav class="bp-toc" aria-label="On this page">\n'
        '<p class="bp-toc-title">On this page</p>\n'
        f"<ol>\n{items}\n</ol>\n</nav>\n"
    )


def navigation(page, site):
    """A bar of links: the start page, the previous and next page, and the counterpart."""
    same_kind = [p for p in site if p.is_solution == page.is_solution]
    at = same_kind.index(page)
    up = "../" if page.is_solution else ""
    links = [f'<a href="{up}index.html">Start page: all notebooks</a>']
    if at > 0:
        previous = same_kind[at - 1]
        label = html.escape(f"{previous.number} · {short_title(previous, site)}")
        links.append(f'<a href="{previous.link_from(page)}" rel="prev">← {label}</a>')
    if at < len(same_kind) - 1:
        following = same_kind[at + 1]
        label = html.escape(f"{following.number} · {short_title(following, site)}")
        links.append(f'<a href="{following.link_from(page)}" rel="next">{label} →</a>')
    for other in site:
        if other.source.name == page.source.name and other.is_solution != page.is_solution:
            label = "The notebook" if page.is_solution else "Worked solutions"
            links.append(f'<a href="{other.link_from(page)}">{label}</a>')
    return f'<nav class="bp-nav" aria-label="Site">{" ".join(links)}</nav>\n'


def exporter():
    """nbconvert's lab template, through ours (tools/site_template/site.html.j2)."""
    converter = HTMLExporter(template_name="lab", extra_template_paths=[str(TEMPLATES)])
    converter.template_file = "site.html.j2"
    return converter


def convert(notebook, title, nav, mathjax_url, converter):
    """One page's HTML, with title, navigation bar and table of contents."""
    resources = {
        "metadata": {"name": title},
        "bp_nav": nav,
        "bp_mathjax_url": mathjax_url,
    }
    notebook = nbformat.from_dict(notebook)
    notebook.metadata["title"] = title
    body, _ = converter.from_notebook_node(notebook, resources=resources)
    return body.replace("<!--bp-toc-->", contents(body), 1)


def render(page, site, converter):
    """The page's HTML and the indices of the cells whose figure has no caption."""
    notebook, uncaptioned = prepare(page.notebook)
    up = "../" if page.is_solution else ""
    body = convert(
        notebook,
        page_title(page, site),
        navigation(page, site),
        f"{up}mathjax/MathJax.js",
        converter,
    )
    return body, uncaptioned


def start_page(site, folder, converter):
    """index.html: the start page's Markdown (its links to notebooks pointed at their pages),
    then the list of worked solutions."""
    source = read_start_page(folder)
    source = re.sub(r"\]\(([\w./-]+)\.ipynb(#[^)]*)?\)", r"](\1.html\2)", source)
    source = source.replace(f"]({GUIDE})", f"](guide/{GUIDE[:-3]}.html)")
    solutions = "\n".join(
        f"* [{p.number} · {short_title(p, site)}]({p.href})" for p in site if p.is_solution
    )
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell(source),
        nbformat.v4.new_markdown_cell(f"## Worked solutions\n\n{solutions}"),
    ]
    return convert(notebook, f"Start here — {SITE_TITLE}", "", "mathjax/MathJax.js", converter)


def read_start_page(folder):
    """The start page's Markdown, or an InputError naming it."""
    path = folder / START_PAGE
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: the start page is missing") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: the start page cannot be read ({error})") from None


def pages(folder=NOTEBOOKS):
    """Every notebook in reading order: notebooks/*.ipynb by name, then notebooks/solutions/."""
    main = sorted(folder.glob("*.ipynb"))
    solutions = sorted((folder / "solutions").glob("*.ipynb"))
    return [Page(path, folder) for path in main + solutions]


def build(outdir, folder=NOTEBOOKS, warn=sys.stderr):
    """Write the site into outdir (its old pages removed first); return the pages' paths."""
    outdir = Path(outdir)
    existing = check_writable(outdir)  # outdir itself, or its nearest existing parent
    site = pages(folder)  # every notebook read, and the start page, before anything is written
    if not site:
        raise InputError(f"{folder}: no notebooks to render")
    read_start_page(folder)
    staging = Path(tempfile.mkdtemp(dir=existing, prefix=".site-"))
    try:
        shutil.copytree(MATHJAX, staging / "mathjax")
        converter = exporter()
        hrefs = []
        for page in site:
            body, uncaptioned = render(page, site, converter)
            for index in uncaptioned:
                print(
                    f"warning: {page.name}, cell {index}: a figure without a caption (no "
                    "Markdown sentence right after it), so its image has no alt text",
                    file=warn,
                )
            target = staging / page.href
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(body, encoding="utf-8")
            hrefs.append(page.href)
        index = start_page(site, folder, converter)
        (staging / "index.html").write_text(index, encoding="utf-8")
        if (folder / GUIDE).exists():
            hrefs.append(guide_page(folder, staging, converter).relative_to(staging).as_posix())
        _move_into_place(staging, outdir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [outdir / "index.html", *(outdir / href for href in hrefs)]


def _move_into_place(staging, outdir):
    """Replace outdir's old pages and MathJax with the staged site (other files stay)."""
    outdir.mkdir(parents=True, exist_ok=True)
    old = [outdir.glob("*.html"), outdir.glob("solutions/*.html"), outdir.glob("guide/*.html")]
    for stale in [page for pages in old for page in pages]:
        stale.unlink()
    shutil.rmtree(outdir / "mathjax", ignore_errors=True)
    for item in sorted(staging.rglob("*")):
        if item.is_file() and "mathjax" not in item.relative_to(staging).parts[:1]:
            target = outdir / item.relative_to(staging)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(item, target)
    os.replace(staging / "mathjax", outdir / "mathjax")


def guide_page(folder, outdir, converter):
    """guide/instructor_guide.html: the instructor's guide (Markdown), its notebook names
    linked to their pages. Returns its path."""
    source = (folder / GUIDE).read_text(encoding="utf-8")
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell(source)]
    nav = (
        '<nav class="bp-nav" aria-label="Site">'
        '<a href="../index.html">Start page: all notebooks</a></nav>\n'
    )
    body = convert(
        notebook, f"Instructor's guide — {SITE_TITLE}", nav, "../mathjax/MathJax.js", converter
    )
    target = outdir / "guide" / f"{GUIDE[:-3]}.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(body, encoding="utf-8")
    return target


def main(args):
    outdir = Path(args[0]) if args else ROOT / "_site"
    try:
        written = build(outdir)
    except InputError as error:
        sys.exit(f"build_html: {error}")
    print(f"{len(written)} pages in {outdir}; open {outdir / 'index.html'}")


if __name__ == "__main__":
    main(sys.argv[1:])
