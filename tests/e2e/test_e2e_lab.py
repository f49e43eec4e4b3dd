"""The notebooks that show widgets run clean in JupyterLab in headless Chromium with Restart
Kernel and Run All Cells, each in a test of its own (the others' cells are run, and compared,
by nbval, and the worked solutions also in the nbgrader test; every teaching notebook opens as
stored in test_slide_walk.py, on the page of its slideshow). The playground's widgets render
and respond to the mouse and keyboard, and keys typed into them stay out of JupyterLab's
notebook shortcuts: two tests on one page, the playground opened and run clean once (it was
run once per test: this module took 24.0 s and 28.0 s of CPU, now 16.2 s and 19.7 s)."""

import urllib.error

import nbformat
import pytest
from e2e_checks import check_playground, run_clean_in_lab
from e2e_harness import NOTEBOOKS as SOURCE
from e2e_harness import PLAYGROUND, notebook_paths
from test_e2e_digits import DIGITS

NOTEBOOKS = [
    path for path in notebook_paths() if path != PLAYGROUND and not path.startswith("solutions/")
]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# Widget notebooks with a browser test of their own that runs them clean first: the playground
# (below) and the drawing pad (test_e2e_digits.py).
RUN_BY_THEIR_OWN_TEST = {PLAYGROUND, DIGITS}


def shows_widgets(relpath):
    """Whether the stored notebook displays a widget (only a browser runs one's front end)."""
    stored = nbformat.read(SOURCE / relpath, as_version=4)
    return any(
        WIDGET_VIEW in out.get("data", {})
        for cell in stored.cells
        if cell.cell_type == "code"
        for out in cell.outputs
    )


@pytest.mark.browser
def test_lab_requires_the_token(lab):
    assert lab.get("api/status").status == 200
    with pytest.raises(urllib.error.HTTPError) as refused:
        lab.get("api/sessions", token=False)
    assert refused.value.code == 403
    with pytest.raises(urllib.error.HTTPError) as redirected:
        lab.get("lab", token=False)
    assert redirected.value.code == 302
    assert redirected.value.headers["Location"].startswith("/login")


def test_every_notebook_that_shows_widgets_is_run_clean_by_a_browser_test():
    """Only a browser runs a widget's front end, so each such notebook needs a run of its own."""
    shown = {relpath for relpath in NOTEBOOKS + [PLAYGROUND] if shows_widgets(relpath)}
    assert shown == RUN_BY_THEIR_OWN_TEST, shown


def playground_run_clean(lab, shared_page):
    """The playground notebook open in JupyterLab and run clean (run_clean_in_lab), on a page
    the two tests below share: they use it the same way up to there."""
    page = shared_page(PLAYGROUND, lambda page: run_clean_in_lab(page, lab, PLAYGROUND))
    return page, page.locator(".bp-playground").first


@pytest.mark.browser
def test_playground_responds_in_jupyterlab(lab, shared_page):
    check_playground(*playground_run_clean(lab, shared_page))


# command-mode shortcuts: r raw, m markdown, y code, a/b insert, x cut, d d delete, z undo
LETTERS = "rmyabxddz"
CONTROLS = [
    ".bp-hidden select",
    ".bp-pairing select",
    ".bp-dataset select",
    ".bp-layers input",
    ".bp-epochs input",
    ".bp-seed input",
    ".bp-eta .noUi-handle",
    ".bp-play",
    ".bp-step",
    ".bp-reset",
]
CELLS = "() => window.jupyterapp.shell.currentWidget.content.widgets.map(c => c.model.type)"


@pytest.mark.browser
def test_letters_typed_into_the_controls_do_not_reach_the_notebook(lab, shared_page):
    stored = nbformat.read(lab.root / PLAYGROUND, as_version=4)
    page, root = playground_run_clean(lab, shared_page)
    root.wait_for()
    assert root.get_attribute("data-lm-suppress-shortcuts") == "true"
    for selector in CONTROLS:
        assert root.locator(selector).get_attribute("data-lm-suppress-shortcuts") == "true"
    before = page.evaluate(CELLS)
    assert before == [c.cell_type for c in stored.cells]
    for selector in CONTROLS:
        page.keyboard.press("Escape")  # command mode, as after clicking an output
        control = root.locator(selector)
        control.focus()
        for letter in LETTERS:
            page.keyboard.press(letter)
            assert page.evaluate(CELLS) == before, (
                f"{letter!r} typed into {selector} reached the notebook"
            )
        assert page.locator(".bp-playground").count() == 1, f"the playground vanished ({selector})"
