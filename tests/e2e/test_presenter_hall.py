"""The presenter app (`make present`) in a lecture hall: the views cover at least 80 % of the
window at 1920×1080 and 1280×720, nothing is clipped and no panel overflows, text is at least
24 px at 1080p and 16 px at 720p, a scene menu sets up each named demo, no request leaves
127.0.0.1, and a closed page's kernel is shut down."""

import time

import pytest
from e2e_harness import open_presenter
from test_e2e_voila import MEASURE as _MEASURE

MIN_PX = {1080: 24, 720: 16}
VIEWS_SHARE = 0.80
# Rendered sizes: an SVG text's computed font size (a CSS rule may scale its font-size attribute)
MEASURE = _MEASURE.replace("parseFloat(el.getAttribute('font-size') || px)", "px")
assert MEASURE != _MEASURE
CULL_WAIT_S = 90  # presenter/voila.json: culled after 30 s without a connection, checked every 5

# Boxes that overflow (content taller or wider than the box) or are cut by the window.
OVERFLOW = """(root) => {
  const out = [];
  for (const el of root.querySelectorAll('.widget-box, .widget-inline-hbox, .widget-label,'
      + ' input, select, button, .widget-readout, .bp-status, .bp-message')) {
    if (el.closest('.bp-view') || el.offsetParent === null) continue;
    const r = el.getBoundingClientRect();
    if (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1
        || r.right > innerWidth + 0.5 || r.bottom > innerHeight + 0.5) {
      out.push([el.className.slice(0, 60), el.scrollWidth, el.clientWidth, el.scrollHeight,
                el.clientHeight, Math.round(r.right), Math.round(r.bottom)]);
    }
  }
  return out;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("width,height", [(1920, 1080), (1280, 720)])
def test_presenter_views_fill_the_hall_screen_with_large_text(presenter_at, width, height):
    page, root = presenter_at(width, height)
    grid = root.locator(".bp-views").bounding_box()
    share = grid["width"] * grid["height"] / (width * height)
    print(f"{width}×{height}: views cover {share:.0%} of the window")
    assert share >= VIEWS_SHARE, f"the views cover {share:.0%} of the window"
    for view in ("boundary", "loss", "forward", "backward"):
        box = root.locator(f".bp-view-{view} svg").bounding_box()
        assert box["width"] * box["height"] >= 0.15 * width * height, (view, box)
    overflowing = page.evaluate(OVERFLOW, root.element_handle())
    assert not overflowing, f"clipped or overflowing: {overflowing[:8]}"
    texts = page.evaluate(MEASURE, root.element_handle())
    smallest = min(t["px"] for t in texts)
    print(f"{width}×{height}: smallest text {smallest:.1f} px over {len(texts)} pieces")
    small = [(t["text"], round(t["px"], 1)) for t in texts if t["px"] < MIN_PX[height] - 0.05]
    assert not small, f"text under {MIN_PX[height]} px at {width}×{height}: {small[:10]}"


@pytest.mark.browser
def test_scene_menu_sets_up_the_named_demo(voila, page):
    root = open_presenter(voila, page, 1920, 1080)
    names = [
        n.replace("\xa0", " ") for n in root.locator(".bp-scene select option").all_inner_texts()
    ]
    assert names[1:] == [
        "XOR learns",
        "the stall",
        "η too large",
        "vanishing gradients with sigmoid",
        "the spiral with softmax",
    ]
    root.locator(".bp-scene select").select_option("the spiral with softmax")
    status = root.locator(".bp-status")
    deadline = time.monotonic() + 60
    while "η = 0.003" not in status.inner_text() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert "η = 0.003" in status.inner_text(), status.inner_text()
    assert root.locator(".bp-layers input").input_value() == "16, 16"
    assert root.locator(".bp-pairing select").input_value() == "softmax+ce"
    root.locator(".bp-scene select").select_option("the stall")
    deadline = time.monotonic() + 60
    while "4 samples" not in status.inner_text() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert root.locator(".bp-layers input").input_value() == "2"
    assert root.locator(".bp-hidden select").input_value() == "sigmoid"


@pytest.mark.browser
def test_presenter_needs_nothing_beyond_loopback(voila, browser):
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    outside, failed = [], []

    def route(request_route):
        url = request_route.request.url
        if url.startswith(voila.base_url + "/") or url.startswith(("data:", "blob:")):
            request_route.continue_()
        else:
            outside.append(url)
            request_route.abort()

    context.route("**/*", route)
    page = context.new_page()
    # another host's URL that failed without reaching the route above was stopped inside the
    # browser, by the page's Content-Security-Policy (presenter/voila.json): never sent
    blocked = []

    def on_failed(request):
        outside_host = not request.url.startswith(voila.base_url)
        (blocked if outside_host and request.url not in outside else failed).append(request.url)

    page.on("requestfailed", on_failed)
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else 0)
    try:
        open_presenter(voila, page, 1920, 1080)
        page.wait_for_load_state("networkidle")
        assert not outside, f"requests to other hosts: {outside}"
        assert not failed, f"requests that failed: {failed}"
        print(f"stopped by the page's policy, never sent: {blocked}")
        icons = page.locator(".bp-presenter .fa, .bp-presenter [class*='fa-']").count()
        assert icons == 0, "the buttons use icon-font glyphs, which need a font from the network"
    finally:
        context.close()


@pytest.mark.browser
def test_a_closed_presenter_page_has_its_kernel_shut_down(closed_presenter):
    """The page was opened and closed before the other presenter tests (conftest.py); here its
    kernels must have ended within CULL_WAIT_S of the close."""
    assert closed_presenter.kernels, "no kernel started for the page"
    left = CULL_WAIT_S - (time.monotonic() - closed_presenter.closed_at)
    closed_presenter.thread.join(timeout=max(left, 0) + 1)
    late = {
        k.pid: round(closed_presenter.ended_after.get(k, float("inf")), 1)
        for k in closed_presenter.kernels
        if closed_presenter.ended_after.get(k, float("inf")) > CULL_WAIT_S
    }
    assert not late, f"kernel still running {CULL_WAIT_S} s after the page closed: {late}"
    print(f"kernels ended {sorted(closed_presenter.ended_after.values())} s after the close")
