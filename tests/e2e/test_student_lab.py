"""`make lab` is the student's JupyterLab: no nbgrader instructor tools (no Nbgrader menu, no
Create Assignment sidebar, no Validate button, no formgrader), no solutions/ folder in the
file browser, and prose at most about 90 characters a line."""

import json
import urllib.error

import pytest
from e2e_harness import start_lab_as_make_does
from e2e_measure import CHARS_PER_LINE, MAX_CHARS


@pytest.fixture(scope="module")
def student_lab(tmp_path_factory, chromium_path):
    server = start_lab_as_make_does(tmp_path_factory.mktemp("student-lab"))
    yield server
    server.stop()


def listing(server, path=""):
    return [item["name"] for item in json.load(server.get(f"api/contents/{path}"))["content"]]


@pytest.mark.browser
def test_make_lab_has_no_instructor_server_tools_and_no_solutions_folder(student_lab):
    assert "01_sigmoid_derivative.ipynb" in listing(student_lab)
    assert "solutions" not in listing(student_lab)
    for path in ("formgrader", "create_assignment", "assignments", "formgraders"):
        with pytest.raises(urllib.error.HTTPError) as missing:
            student_lab.get(path)
        assert missing.value.code == 404, f"/{path} answers in the student's lab"


@pytest.mark.browser
def test_make_lab_shows_no_nbgrader_ui_and_prose_of_readable_width(student_lab, page):
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(student_lab.start_url)
    page.locator(".jp-MarkdownViewer .jp-RenderedMarkdown h1").wait_for(timeout=60_000)
    menus = page.locator("#jp-menu-panel .lm-MenuBar-item").all_inner_texts()
    assert "File" in menus and not [m for m in menus if "nbgrader" in m.lower()], menus
    names = page.locator(".jp-DirListing-item .jp-DirListing-itemText")
    names.first.wait_for()
    assert "solutions" not in names.all_inner_texts()
    start_page = page.evaluate(CHARS_PER_LINE, ".jp-RenderedMarkdown p")
    assert start_page and max(start_page) <= MAX_CHARS, f"characters a line: {start_page}"

    page.goto(student_lab.start_url.replace("00_start_here.md", "01_sigmoid_derivative.ipynb"))
    page.locator(".jp-NotebookPanel .jp-RenderedMarkdown p").first.wait_for(timeout=60_000)
    page.locator(".jp-NotebookPanel-toolbar").first.wait_for()
    sidebars = page.eval_on_selector_all(
        ".jp-SideBar .lm-TabBar-tab", "tabs => tabs.map(t => t.title + ' ' + t.textContent)"
    )
    assert not [s for s in sidebars if "assignment" in s.lower()], sidebars
    toolbar = page.locator(".jp-NotebookPanel-toolbar").first.inner_text()
    assert "Validate" not in toolbar, toolbar
    assert page.locator(".nbgrader-CellToolbar, .nbgrader-validate-button").count() == 0
    notebook = page.evaluate(CHARS_PER_LINE, ".jp-RenderedMarkdown p")
    assert notebook and max(notebook) <= MAX_CHARS, f"characters a line: {notebook}"
    print(f"characters a line, start page {max(start_page):.0f}, notebook {max(notebook):.0f}")
