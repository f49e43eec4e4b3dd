"""The playground's own-data, see-inside and export features in a browser, in JupyterLab (the
widget cell of notebook 05) and in the presenter app (Voilà).

No control is clipped, at 1920×1080 and 1280×720: every control's box and every label, text
box, dropdown and readout in it show their whole content (scrollWidth ≤ clientWidth) inside
what contains them, and the η track gives each step of its grid a few px. Points are added by
clicking the decision-boundary view, dragged and deleted with the Delete key; hovering (and
focusing) a unit shows its δ with its equation; Export writes a file that loads back into the
same network, bit for bit, and the settings as code retrain the same Θ."""

import re

import numpy as np
import pytest
from e2e_harness import open_in_lab, run_all, widget_notebook

from backprop_lib.data import grid_box, xor
from backprop_lib.playground import Playground, Settings, load_run
from backprop_lib.playground.boundary import LEFT, SIZE_X
from backprop_lib.playground.controls import eta_grid
from backprop_lib.playground.points import data_to_pixel

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


def _open_in_lab(lab, page, width, height):
    page.set_viewport_size({"width": width, "height": height})
    open_in_lab(page, lab, widget_notebook(lab, "playground_features.ipynb"))
    run_all(page, 1)
    root = page.locator(".bp-playground").first
    root.locator(".bp-view-boundary svg").wait_for(timeout=APP_TIMEOUT_MS)
    page.wait_for_timeout(500)
    return root


def _check_eta_track(root):
    track = root.locator(".bp-eta .noUi-target").bounding_box()["width"]
    per_step = track / (len(eta_grid()) - 1)
    assert per_step >= MIN_PX_PER_ETA_STEP, f"η track {track:.0f} px: {per_step:.1f} px a step"


@pytest.mark.browser
def test_no_control_is_clipped_in_jupyterlab(lab, page):
    """Opened at 1280×720, then resized to 1920×1080: JupyterLab lays the notebook out again,
    and the playground's controls and views follow (measured: all 62 control boxes and the
    views' sizes at 1280×720 were the same resized from 1920×1080 as opened there), so one page
    serves both sizes."""
    root = None
    for width, height in sorted(SIZES):
        if root is None:
            root = _open_in_lab(lab, page, width, height)
        else:
            page.set_viewport_size({"width": width, "height": height})
            page.wait_for_function("(width) => innerWidth === width", arg=width)
            # headless Chromium fires no "resize" when the viewport changes
            page.evaluate("() => window.dispatchEvent(new Event('resize'))")
            page.wait_for_timeout(500)  # as in _open_in_lab: the views settle
        cut = page.evaluate(CLIPPED, root.element_handle())
        assert not cut, f"clipped in the notebook at {width}×{height}: {cut}"
        _check_eta_track(root)


@pytest.mark.browser
@pytest.mark.parametrize("width,height", SIZES)
def test_no_control_is_clipped_in_the_presenter(presenter_at, width, height):
    page, root = presenter_at(width, height)
    cut = page.evaluate(CLIPPED, root.element_handle())
    assert not cut, f"clipped in the presenter at {width}×{height}: {cut}"
    _check_eta_track(root)


def _samples(root):
    return int(re.search(r"\((\d+) samples\)", root.locator(".bp-status").inner_text()).group(1))


def _wait_for_samples(page, root, count):
    for _ in range(300):
        if _samples(root) == count:
            return
        page.wait_for_timeout(100)
    raise AssertionError(
        f"expected {count} samples, status: {root.locator('.bp-status').inner_text()}"
    )


def _box(page, locator):
    """The element's box on screen, once it is there (a view's SVG is replaced on redraw)."""
    for _ in range(100):
        box = locator.bounding_box() if locator.count() else None
        if box:
            return box
        page.wait_for_timeout(50)
    raise AssertionError(f"{locator} never appeared")


def _click_data(page, root, x1, x2):
    """Click the decision-boundary view at the input-plane point (x₁, x₂) of XOR's box."""
    svg = _box(page, root.locator(".bp-view-boundary svg"))
    px, py = data_to_pixel(x1, x2, svg["width"], svg["height"], grid_box(xor()[0]))
    page.mouse.click(svg["x"] + px, svg["y"] + py)


@pytest.mark.browser
def test_points_added_by_clicking_moved_and_deleted_in_jupyterlab(lab, page):
    root = _open_in_lab(lab, page, 1500, 1100)
    root.locator(".bp-view-boundary").scroll_into_view_if_needed()
    root.locator(".bp-point-class button", has_text="class 1").click()
    _click_data(page, root, 0.5, 0.5)
    _wait_for_samples(page, root, 5)
    _click_data(page, root, 0.2, 0.8)
    _wait_for_samples(page, root, 6)
    point = root.locator('.bp-view-boundary circle.bp-point[data-i="5"]')
    assert point.get_attribute("fill") == root.locator(
        '.bp-view-boundary circle.bp-point[data-i="1"]'
    ).get_attribute("fill"), "the new point is not of class 1"
    start = _box(page, point)
    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    page.mouse.down()
    svg = _box(page, root.locator(".bp-view-boundary svg"))
    box = grid_box(xor()[0])
    px, py = data_to_pixel(0.8, 0.3, svg["width"], svg["height"], box)
    page.mouse.move(svg["x"] + px, svg["y"] + py, steps=5)
    page.mouse.up()
    wanted = LEFT + (0.8 - box[0]) / (box[1] - box[0]) * SIZE_X  # in view units
    for _ in range(300):  # the retrained view draws point 5 where it was dropped
        moved = float(root.locator('.bp-view-boundary circle[data-i="5"]').get_attribute("cx"))
        if abs(moved - wanted) < 1.5 and _samples(root) == 6:
            break
        page.wait_for_timeout(100)
    assert abs(moved - wanted) < 1.5, f"point 5 at x {moved}, dropped at {wanted:.1f}"
    point.click()  # picks it
    page.keyboard.press("Delete")
    _wait_for_samples(page, root, 5)


DELTA = re.compile(r"δ\S* = ∂J/∂z \(eq\. 13\) = .* = (−?[\d.]+(?:e[−+]?\d+)?), eq")


def _inspected(page, root, before=None):
    panel = root.locator(".bp-inspect-text")
    for _ in range(100):
        text = panel.inner_text()
        if text != before:
            return text
        page.wait_for_timeout(100)
    return panel.inner_text()


@pytest.mark.browser
def test_hovering_a_unit_shows_its_delta_and_export_reloads_the_network(lab, page):
    root = _open_in_lab(lab, page, 1500, 1100)
    expected = Playground(Settings())  # what the notebook's default playground trained
    sample = expected.settings.sample
    delta = expected.net.deltas(expected.X[sample : sample + 1], expected.y[sample : sample + 1])

    units = root.locator(".bp-view-backward g.bp-unit")
    assert units.count() == sum(expected.net.layers)
    hint = root.locator(".bp-inspect-text").inner_text()
    units.last.hover()
    text = _inspected(page, root, hint)
    assert "output unit 1 of layer 4" in text and "ŷ − y" in text and "eq. (14)" in text, text
    shown = float(DELTA.search(text).group(1).replace("−", "-"))
    assert shown == pytest.approx(delta[-1][0, 0], rel=1e-3)
    units.nth(expected.net.layers[0]).focus()  # the keyboard reaches the same notes
    text = _inspected(page, root, text)
    assert "hidden unit 1 of layer 2" in text and "eqs. (15)–(16)" in text, text
    assert float(DELTA.search(text).group(1).replace("−", "-")) == pytest.approx(
        delta[1][0, 0], rel=1e-3
    )

    root.locator(".bp-export").click()
    root.locator(".bp-export-link a").wait_for()
    saved = load_run(lab.root / "playground-run.json")
    assert saved.epoch == expected.epoch and saved.settings == expected.settings
    grid = np.random.default_rng(0).normal(size=(64, 2))
    assert saved.network.predict(grid).tobytes() == expected.net.predict(grid).tobytes()
    root.locator(".bp-code-button").click()
    code = root.locator(".bp-code textarea")
    code.wait_for()
    scope = {}
    exec(code.input_value(), scope)
    for theta, original in zip(scope["net"].thetas, saved.network.thetas):
        assert theta.tobytes() == original.tobytes()
