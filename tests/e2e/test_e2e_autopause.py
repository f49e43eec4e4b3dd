"""Play pauses by itself when nobody can see it, in a browser, in JupyterLab.

The playground's KeyGuard (backprop_lib/playground/keys.py) reports to the kernel whether the
playground can be seen: the page's visibility (the `visibilitychange` event and
document.visibilityState) and an IntersectionObserver on the playground. Here notebook 05's
widget cell runs in JupyterLab, Play is pressed, and then:
  (a) the page becomes hidden: headless Chromium keeps every page "visible" (a second page
      brought to the front, or a minimised window, changes nothing), so the test does what the
      browser does when a tab goes to the background: document.visibilityState reads "hidden"
      and a visibilitychange event fires; the shipped handler then reports it;
  (b) the notebook is scrolled until the playground's cell is out of view (a real scroll: the
      IntersectionObserver decides).
Each time Play must stop (the epoch on the status line stands still, the Play button is enabled
again and Pause disabled), and go on when the playground is seen again. Every wait polls with a
time limit; no sleep decides a result.
"""

import pytest
from e2e_harness import (
    epoch,
    open_in_lab,
    run_all,
    wait_for_epoch,
    wait_until_still,
    widget_notebook,
)

APP_TIMEOUT_MS = 180_000
BELOW = "\n\n".join(f"Line {k} below the playground." for k in range(400))

HIDE = """(hidden) => {
  Object.defineProperty(document, "visibilityState", {
    configurable: true, get: () => (hidden ? "hidden" : "visible"),
  });
  Object.defineProperty(document, "hidden", { configurable: true, get: () => hidden });
  document.dispatchEvent(new Event("visibilitychange"));
}"""


def _playing(root):
    """Whether the buttons show Play running (Play disabled, Pause enabled)."""
    return root.locator(".bp-play").is_disabled() and root.locator(".bp-pause").is_enabled()


def _wait_for_buttons(page, root, playing, timeout_ms=30_000):
    for _ in range(timeout_ms // 100):
        if _playing(root) == playing:
            return
        page.wait_for_timeout(100)
    state = "playing" if playing else "paused"
    raise AssertionError(f"the buttons did not show {state} within {timeout_ms / 1000:g} s")


def _start_play(page, root):
    root.locator(".bp-play").click()
    _wait_for_buttons(page, root, playing=True)
    start = epoch(root)
    wait_for_epoch(root, lambda now: now > start + 100)


def _paused_for_good(page, root):
    """Play stopped: the buttons say so and the epoch stands still."""
    _wait_for_buttons(page, root, playing=False)
    still = wait_until_still(root, quiet=1.0, timeout=30)
    page.wait_for_timeout(1000)
    assert epoch(root) == still, "Play went on training while the playground was not seen"
    return still


SCROLLER = """() => {
  let el = document.querySelector(".bp-playground").parentElement;
  while (el && !(el.scrollHeight > el.clientHeight + 1
                 && /(auto|scroll)/.test(getComputedStyle(el).overflowY))) {
    el = el.parentElement;
  }
  return el;
}"""


def _scroll_notebook(page, to_end):
    """Scroll the notebook (the playground's scrolling ancestor) to its end, or its top."""
    page.evaluate(
        f"""(toEnd) => {{
          const scroller = ({SCROLLER})();
          scroller.scrollTop = toEnd ? scroller.scrollHeight : 0;
        }}""",
        to_end,
    )


def _out_of_view(page):
    """Wait until no part of the playground is inside its scrolling ancestor's box."""
    page.wait_for_function(
        f"""() => {{
          const r = document.querySelector(".bp-playground").getBoundingClientRect();
          const view = ({SCROLLER})().getBoundingClientRect();
          return r.bottom < view.top || r.top > view.bottom;
        }}""",
        timeout=10_000,
    )


@pytest.mark.browser
def test_play_pauses_while_the_page_is_hidden_and_when_scrolled_away(lab, page):
    page.set_viewport_size({"width": 1500, "height": 1000})
    open_in_lab(page, lab, widget_notebook(lab, "playground_autopause.ipynb", BELOW))
    run_all(page, 1)
    root = page.locator(".bp-playground").first
    root.locator(".bp-view-boundary svg").wait_for(timeout=APP_TIMEOUT_MS)

    # (a) the page hidden, then shown again
    _start_play(page, root)
    page.evaluate(HIDE, True)
    paused_at = _paused_for_good(page, root)
    page.evaluate(HIDE, False)
    _wait_for_buttons(page, root, playing=True)  # paused for being unseen: it resumes
    wait_for_epoch(root, lambda now: now > paused_at)

    # (b) the cell scrolled out of view, then back
    _scroll_notebook(page, to_end=True)
    _out_of_view(page)
    paused_at = _paused_for_good(page, root)
    _scroll_notebook(page, to_end=False)
    _wait_for_buttons(page, root, playing=True)
    wait_for_epoch(root, lambda now: now > paused_at)
    root.locator(".bp-pause").click()
    _wait_for_buttons(page, root, playing=False)
