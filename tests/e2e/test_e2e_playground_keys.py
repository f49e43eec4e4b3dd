"""Keys typed into the playground's controls in JupyterLab stay with the controls: before the
fix, "r" on a focused dropdown turned the widget's cell into a Raw cell and the playground
vanished (JupyterLab's command-mode shortcuts listen on the whole page)."""

import nbformat
import pytest
from e2e_harness import PLAYGROUND, open_in_lab, run_all

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
def test_letters_typed_into_the_controls_do_not_reach_the_notebook(lab, page):
    stored = nbformat.read(lab.root / PLAYGROUND, as_version=4)
    code = [c for c in stored.cells if c.cell_type == "code" and c.source.strip()]
    open_in_lab(page, lab, PLAYGROUND)
    run_all(page, len(code))
    root = page.locator(".bp-playground").first
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
