"""The playground's own-data, inspect and export features in a browser: in JupyterLab (the
widget cell of notebook 05) and in the presenter app (Voilà), at 1920×1080 and 1280×720.

No control is clipped: every control's box and every label, text box, dropdown and readout in
it show their whole content (scrollWidth ≤ clientWidth) inside the playground's width."""

import nbformat
import pytest
from e2e_harness import PLAYGROUND, open_in_lab, run_all

from backprop_lib.playground.controls import eta_grid

SIZES = [(1920, 1080), (1280, 720)]
MIN_PX_PER_ETA_STEP = 4  # the η track gives each of its grid steps at least this many px
APP_TIMEOUT_MS = 180_000

# Every control's parts whose content is cut: [what, scrollWidth, clientWidth, right edge],
# and the playground's right edge.
CLIPPED = """(root) => {
  const cut = [];
  const parts = root.querySelectorAll(
    '.widget-inline-hbox, .widget-label, input, select, .widget-readout, button');
  const clips = (el) => {  // the ancestors (up to the root) that hide what overflows them
    const out = [];
    for (let a = el.parentElement; a && root.contains(a); a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible') out.push(a);
    }
    return [...out, root];
  };
  for (const el of parts) {
    if (el.closest('.bp-view') || el.offsetParent === null) continue;
    const rect = el.getBoundingClientRect();
    const name = (el.closest('[class*="bp-"]')?.className.match(/bp-[\\w-]+/g) || []).join(' ');
    const what = `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} in ${name}`;
    const right = Math.min(...clips(el).map((a) => a.getBoundingClientRect().right));
    if (el.scrollWidth > el.clientWidth + 1 || rect.right > right + 0.5) {
      cut.push([what, el.scrollWidth, el.clientWidth, Math.round(rect.right), Math.round(right)]);
    }
  }
  return cut;
}"""


def _widget_notebook(lab):
    """A notebook in the Lab holding only notebook 05's imports and its widget cell."""
    stored = nbformat.read(lab.root / PLAYGROUND, as_version=4)
    cell = next(
        c for c in stored.cells if c.cell_type == "code" and "PlaygroundWidget()" in c.source
    )
    notebook = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(
                "from backprop_lib.playground import PlaygroundWidget\n" + cell.source
            )
        ]
    )
    notebook.metadata = stored.metadata
    path = lab.root / "playground_features.ipynb"
    nbformat.write(notebook, path)
    return path.name


def _open_in_lab(lab, page, width, height):
    page.set_viewport_size({"width": width, "height": height})
    open_in_lab(page, lab, _widget_notebook(lab))
    run_all(page, 1)
    root = page.locator(".bp-playground").first
    root.locator(".bp-view-boundary svg").wait_for(timeout=APP_TIMEOUT_MS)
    page.wait_for_timeout(500)
    return root


def _open_app(voila, page, width, height):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(voila.url(f"?token={voila.token}"))
    root = page.locator(".bp-presenter").first
    root.locator(".bp-view-boundary svg").wait_for(timeout=APP_TIMEOUT_MS)
    page.wait_for_timeout(500)
    return root


def _check_eta_track(root):
    track = root.locator(".bp-eta .noUi-target").bounding_box()["width"]
    per_step = track / (len(eta_grid()) - 1)
    assert per_step >= MIN_PX_PER_ETA_STEP, f"η track {track:.0f} px: {per_step:.1f} px a step"


@pytest.mark.browser
@pytest.mark.parametrize("width,height", SIZES)
def test_no_control_is_clipped_in_jupyterlab(lab, page, width, height):
    root = _open_in_lab(lab, page, width, height)
    cut = page.evaluate(CLIPPED, root.element_handle())
    assert not cut, f"clipped in the notebook at {width}×{height}: {cut}"
    _check_eta_track(root)


@pytest.mark.browser
@pytest.mark.parametrize("width,height", SIZES)
def test_no_control_is_clipped_in_the_presenter(voila, page, width, height):
    root = _open_app(voila, page, width, height)
    cut = page.evaluate(CLIPPED, root.element_handle())
    assert not cut, f"clipped in the presenter at {width}×{height}: {cut}"
    _check_eta_track(root)
