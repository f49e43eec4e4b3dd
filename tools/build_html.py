"""Render every notebook with its stored outputs into a static site, for reading without a kernel.

Usage: python tools/build_html.py [OUTDIR]   (default: _site)

Nothing is executed: each page shows the outputs committed in the notebook (nbconvert's lab
template). OUTDIR/index.html lists the notebooks in reading order, then the worked solutions;
OUTDIR/<name>.html is notebooks/<name>.ipynb and OUTDIR/solutions/<name>.html its solution.
Equations are typeset in the browser by MathJax (nbconvert loads it from its CDN); figures are
embedded in the pages as PNG data, so a page is a single file.
"""

import html
import re
import sys
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"

STYLE = """
.bp-nav { font: 15px/1.5 system-ui, sans-serif; padding: 0.6em 1.2em; background: #f3f4f6;
          border-bottom: 1px solid #d0d4da; display: flex; gap: 1.5em; flex-wrap: wrap; }
.bp-nav a { color: #1a56a8; text-decoration: none; }
.bp-nav a:hover { text-decoration: underline; }
"""

INDEX = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font: 16px/1.6 system-ui, sans-serif; max-width: 46em; margin: 2em auto;
       padding: 0 1em; color: #1f2328; }}
a {{ color: #1a56a8; }}
li {{ margin: 0.3em 0; }}
.file {{ color: #656d76; font-size: 0.9em; }}
</style>
</head>
<body>
<h1>{title}</h1>
<p>Every notebook as committed, with its stored outputs: read them here without a kernel.
To run and change them, open them in JupyterLab (<code>make lab</code>).</p>
<h2>The notebooks, in order</h2>
<ol class="notebooks">
{notebooks}
</ol>
<h2>Worked solutions</h2>
<ul class="solutions">
{solutions}
</ul>
</body>
</html>
"""


class Page:
    """One notebook and the page it becomes (paths relative to the site's root)."""

    def __init__(self, source, folder):
        self.source = source
        self.name = source.relative_to(folder).as_posix()
        relative = source.relative_to(folder)
        self.href = relative.with_suffix(".html").as_posix()
        self.is_solution = relative.parts[0] == "solutions"
        self.notebook = nbformat.read(source, as_version=4)
        self.title = notebook_title(self.notebook, source.stem)

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


def pages(folder=NOTEBOOKS):
    """Every notebook in reading order: notebooks/*.ipynb by name, then notebooks/solutions/."""
    main = sorted(folder.glob("*.ipynb"))
    solutions = sorted((folder / "solutions").glob("*.ipynb"))
    return [Page(path, folder) for path in main + solutions]


def navigation(page, site):
    """A bar of links: the index, the previous and next page, and the notebook's counterpart."""
    same_kind = [p for p in site if p.is_solution == page.is_solution]
    at = same_kind.index(page)
    up = "../" if page.is_solution else ""
    links = [f'<a href="{up}index.html">All notebooks</a>']
    if at > 0:
        previous = same_kind[at - 1]
        links.append(f'<a href="{previous.link_from(page)}">← {html.escape(previous.title)}</a>')
    if at < len(same_kind) - 1:
        following = same_kind[at + 1]
        links.append(f'<a href="{following.link_from(page)}">{html.escape(following.title)} →</a>')
    for other in site:
        if other.source.name == page.source.name and other.is_solution != page.is_solution:
            label = "The notebook" if page.is_solution else "Worked solutions"
            links.append(f'<a href="{other.link_from(page)}">{label}</a>')
    return f'<style>{STYLE}</style>\n<nav class="bp-nav">{" ".join(links)}</nav>\n'


def render(page, site, exporter):
    """The page's HTML: the notebook with its stored outputs, under a navigation bar."""
    body, _ = exporter.from_notebook_node(
        page.notebook, resources={"metadata": {"name": page.title}}
    )
    opening = re.search(r"<body[^>]*>", body)
    if opening is None:
        raise ValueError(f"{page.source.name}: nbconvert produced no <body> tag")
    return body[: opening.end()] + "\n" + navigation(page, site) + body[opening.end() :]


def index(site, title="Backpropagation, derived and checked"):
    def item(page):
        name = html.escape(page.name)
        return (
            f'<li><a href="{page.href}">{html.escape(page.title)}</a> '
            f'<span class="file">{name}</span></li>'
        )

    return INDEX.format(
        title=html.escape(title),
        notebooks="\n".join(item(p) for p in site if not p.is_solution),
        solutions="\n".join(item(p) for p in site if p.is_solution),
    )


def build(outdir, folder=NOTEBOOKS):
    """Write the site into outdir (its old pages removed first); return the pages' paths."""
    outdir = Path(outdir)
    site = pages(folder)
    if not site:
        raise ValueError(f"no notebooks in {folder}")
    for stale in [*outdir.glob("*.html"), *outdir.glob("solutions/*.html")]:
        stale.unlink()
    exporter = HTMLExporter(template_name="lab")
    written = []
    for page in site:
        target = outdir / page.href
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render(page, site, exporter), encoding="utf-8")
        written.append(target)
    (outdir / "index.html").write_text(index(site), encoding="utf-8")
    return [outdir / "index.html", *written]


def main(args):
    outdir = Path(args[0]) if args else ROOT / "_site"
    written = build(outdir)
    print(f"{len(written)} pages in {outdir}; open {outdir / 'index.html'}")


if __name__ == "__main__":
    main(sys.argv[1:])
