"""Every teaching notebook, presented as RISE slides (jupyterlab-rise, notebooks/rise.css,
slide types from tools/slides.py), opens as stored and reads from the back of a hall.

At 1920×1080 the slideshow's page, which draws every cell with JupyterLab's renderers, first
shows the notebook opens clean (e2e_checks.opens_as_stored: its kernel starts and goes idle,
every cell and stored output is there, Markdown rendered, no error shown): one page for what
used to take a JupyterLab page of its own per notebook as well. Then, walking every slide and
fragment with Space, full screen at 1920×1080 prose is at least 28 px and maths at least
32 px, and nothing on a slide lies outside the screen.

The slides are laid out at 1920×1080 on every screen and scaled to it (notebooks/rise.css), so
what fits 1080p fits any other size, provided the layout really is the same. Each 1080p page
is therefore resized to 1280×720 at the end of its walk, where the slide must still be laid
out at 1920×1080 and shown whole, scaled by 720/1080 (give or take the few pixels reveal.js
keeps). And one notebook, the deck with the most slides, is opened at 1280×720 (a laptop on
a 720p projector) and walked there too: at every step the layout is 1920×1080, scaled into
the screen, and nothing lies outside the screen. (Before rise.css fixed the size, a page
opened at 1280×720 laid its slides out 1280 px wide, so every deck needed a walk at each
size.)"""

import re

import nbformat
import pytest
from e2e_checks import opens_as_stored
from e2e_harness import NOTEBOOKS, PLAYGROUND, notebook_paths
from playwright.sync_api import TimeoutError as PlaywrightTimeout

TEACHING = [p for p in notebook_paths() if p != PLAYGROUND and not p.startswith("solutions/")]
MIN_TEXT_PX, MIN_MATH_PX = 28, 32
MAX_STEPS = 400
SCALE_SLACK = 0.02  # reveal.js scales the slide to the window less a few pixels
EDGE_SLACK = 4  # px, as in INSPECT
# The slide on show as "indices/visible fragments", once it is drawn: its Markdown rendered
# (not shown as source), its equations typeset (no "$" left outside MathJax's output and code:
# the notebooks' Markdown has no other dollar sign) and its images decoded (an image not yet
# decoded has no size, so it could not stick out); null until then.
SHOWN = """() => {
  const shown = [...document.querySelectorAll('.reveal .slides section.present')];
  const slide = shown[shown.length - 1];
  const untypeset = (md) => {
    const text = md.cloneNode(true);
    text.querySelectorAll('mjx-container, code, pre').forEach(node => node.remove());
    return text.textContent.includes('$');
  };
  if (!slide || slide.querySelector('.jp-MarkdownCell:not(.jp-mod-rendered)')
      || [...slide.querySelectorAll('.jp-RenderedMarkdown')].some(untypeset)
      || [...slide.querySelectorAll('img')].some(img => !img.complete)) return null;
  return shown.map(s => [...s.parentElement.children].indexOf(s)).join('.') + '/'
    + slide.querySelectorAll('.fragment.visible').length;
}"""
NEXT = (
    f"(previous) => {{ const now = ({SHOWN})(); return now !== null && now !== previous && now; }}"
)
# Whether the slides' box on screen is where it was at the last look, 500 ms before: while the
# page loads, a scroll bar comes and goes at the window's edge and reveal.js lays the slide out
# again for each width (measured at 1280×720: 1280, 1264, 1265, 1279, 1280 px within 0.6 s;
# a first step taken then found the slide 8 px off the screen's left edge).
SETTLED = """() => {
  const box = JSON.stringify(document.querySelector('.reveal .slides').getBoundingClientRect());
  const same = window.__bpSlidesBox === box;
  window.__bpSlidesBox = box;
  return same;
}"""
# Whether Space has nowhere to go: no slide after the one on show, at either level, and no
# fragment of it still hidden.
AT_END = """() => {
  const shown = [...document.querySelectorAll('.reveal .slides section.present')];
  const after = (s) => s.nextElementSibling && s.nextElementSibling.tagName === 'SECTION';
  return !shown.some(after) && !shown[shown.length - 1].querySelector('.fragment:not(.visible)');
}"""

# The slide on show: its indices, and what sticks out of the screen or is too small on it.
INSPECT = """() => {
  const SLACK = 4;  // px: a box edge this close to the screen's cuts no glyph
  const slides = document.querySelector('.reveal .slides');
  const box = slides.getBoundingClientRect();
  const scale = box.width / slides.offsetWidth;  // offsetWidth: the layout's, before scaling
  const shown = [...document.querySelectorAll('.reveal .slides section.present')];
  const slide = shown[shown.length - 1];
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden'
      && !el.closest('.fragment:not(.visible)');
  };
  const out = [], text = [], math = [];
  for (const el of slide.querySelectorAll('*')) {
    if (!visible(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.bottom > innerHeight + SLACK || r.right > innerWidth + SLACK || r.top < -SLACK
        || r.left < -SLACK) {
      out.push(`${el.tagName.toLowerCase()} ${Math.round(r.right)}×${Math.round(r.bottom)}`);
    }
    if (el.matches('mjx-container')) math.push(parseFloat(getComputedStyle(el).fontSize) * scale);
    else if (el.matches('.jp-RenderedMarkdown :is(p, li)') && !el.closest('mjx-container')) {
      text.push(parseFloat(getComputedStyle(el).fontSize) * scale);
    }
  }
  const title = slide.querySelector('h1, h2, h3')?.textContent.replace('¶', '').trim() ?? '';
  return {key: shown.map(s => [...s.parentElement.children].indexOf(s)).join('.') + '/'
            + slide.querySelectorAll('.fragment.visible').length,
          title, out: out.slice(0, 3), text: Math.min(...text, 999), math: Math.min(...math, 999),
          layout: [slides.offsetWidth, slides.offsetHeight], scale,
          shownAt: [box.left, box.top, box.right, box.bottom].map(Math.round)};
}"""


def walk(page, url, width, height, opened=None):
    """Open the slideshow at this screen size and press Space until the end; return what
    INSPECT found at every step. opened(page), if given, runs once reveal.js is ready.
    reveal.js shows the next step at once (the notebooks' "transition" is "none"), so a step
    waits only until another slide is on show and drawn."""
    page.set_viewport_size({"width": width, "height": height})
    page.goto(url)
    page.locator(".reveal.ready .slides > section.present").wait_for(timeout=120_000)
    if opened:
        opened(page)
    page.wait_for_function(SETTLED, polling=500, timeout=30_000)
    # no click: a click on a Markdown cell would select it (and might edit it); reveal.js
    # hears the keys on the page as it is
    steps, shown = [], None
    for _ in range(MAX_STEPS):
        try:
            shown = page.wait_for_function(NEXT, arg=shown, timeout=30_000).json_value()
        except PlaywrightTimeout:
            raise AssertionError(f"{url}: Space did not move on from step {shown}") from None
        step = page.evaluate(INSPECT)
        assert step["key"] == shown, (step["key"], shown)
        steps.append(step)
        if page.evaluate(AT_END):
            return steps
        page.keyboard.press("Space")
    raise AssertionError(f"{url}: still walking after {MAX_STEPS} steps")


def overflowing(steps):
    return [(s["key"], s["title"], s["out"]) for s in steps if s["out"]]


def layout_size(relpath):
    """The size the notebook asks reveal.js to lay its slides out at (tools/slides.py)."""
    rise = nbformat.read(NOTEBOOKS / relpath, as_version=4).metadata["rise"]
    return [rise["width"], rise["height"]]


def misfits(steps, relpath, width, height):
    """The steps at which the slide is not laid out at the notebook's size, scaled to fit a
    width×height screen (less the few pixels reveal.js may keep) and shown whole on it."""
    layout = layout_size(relpath)
    fit = min(width / layout[0], height / layout[1])
    return [
        (s["key"], s["layout"], round(s["scale"], 3), s["shownAt"])
        for s in steps
        if s["layout"] != layout
        or not fit - SCALE_SLACK <= s["scale"] <= fit + 1e-3
        or min(s["shownAt"][:2]) < -EDGE_SLACK
        or s["shownAt"][2] > width + EDGE_SLACK
        or s["shownAt"][3] > height + EDGE_SLACK
    ]


def resized(page, width, height):
    """Resize the slideshow's page and return INSPECT once reveal.js has scaled the slide.
    Chromium, headless, fires no "resize" event when Playwright changes the viewport (measured:
    none within 4 s), and reveal.js scales the slide to fit its frame, which JupyterLab's
    layout resizes a moment later; so once the frame has the window's width, this fires the
    event a window being resized would."""
    page.set_viewport_size({"width": width, "height": height})
    page.wait_for_function(
        "(width) => document.querySelector('.reveal').offsetWidth === width", arg=width
    )
    page.evaluate("() => window.dispatchEvent(new Event('resize'))")
    page.wait_for_function(
        "(width) => document.querySelector('.reveal .slides').getBoundingClientRect().width"
        " <= width",
        arg=width,
    )
    return page.evaluate(INSPECT)


@pytest.mark.browser
@pytest.mark.parametrize("relpath", TEACHING)
def test_opens_as_stored_and_every_slide_fits_1080p_and_reads_from_the_back(lab, page, relpath):
    url = lab.url(f"rise/{relpath}?token={lab.token}")
    steps = walk(page, url, 1920, 1080, opened=lambda page: opens_as_stored(page, lab, relpath))
    assert len(steps) > 3, f"{relpath}: only {len(steps)} steps"
    small_text = [(s["title"], round(s["text"], 1)) for s in steps if s["text"] < MIN_TEXT_PX]
    small_math = [(s["title"], round(s["math"], 1)) for s in steps if s["math"] < MIN_MATH_PX]
    assert not small_text, f"{relpath}: prose under {MIN_TEXT_PX} px at 1080p: {small_text}"
    assert not small_math, f"{relpath}: maths under {MIN_MATH_PX} px at 1080p: {small_math}"
    assert not overflowing(steps), f"{relpath}: slides larger than 1920×1080: {overflowing(steps)}"
    assert not misfits(steps, relpath, 1920, 1080), misfits(steps, relpath, 1920, 1080)
    at_720p = [resized(page, 1280, 720)]
    assert not misfits(at_720p, relpath, 1280, 720), f"{relpath}: resized to 1280×720: {at_720p}"
    assert not overflowing(at_720p), f"{relpath}: resized to 1280×720: {overflowing(at_720p)}"
    print(
        f"{relpath}: {len(steps)} steps, smallest prose {min(s['text'] for s in steps):.1f} px,"
        f" maths {min(s['math'] for s in steps):.1f} px;"
        f" resized to 1280×720, scale {at_720p[0]['scale']:.3f}"
    )


def shown_cells(relpath):
    cells = nbformat.read(NOTEBOOKS / relpath, as_version=4).cells
    return sum(cell.metadata["slideshow"]["slide_type"] != "skip" for cell in cells)


@pytest.mark.browser
def test_a_deck_opened_at_720p_is_the_1080p_layout_scaled_to_the_screen(lab, page):
    relpath = max(TEACHING, key=shown_cells)
    steps = walk(page, lab.url(f"rise/{relpath}?token={lab.token}"), 1280, 720)
    assert len(steps) > 3, f"{relpath}: only {len(steps)} steps"
    assert not misfits(steps, relpath, 1280, 720), (
        f"{relpath}: {misfits(steps, relpath, 1280, 720)}"
    )
    assert not overflowing(steps), f"{relpath}: slides larger than 1280×720: {overflowing(steps)}"
    print(f"{relpath} at 1280×720: {len(steps)} steps at scale {steps[0]['scale']:.3f}")


def test_every_dollar_sign_in_the_markdown_delimits_an_equation():
    """SHOWN reads a "$" left on a slide as an equation MathJax has yet to typeset."""
    for relpath in TEACHING:
        cells = nbformat.read(NOTEBOOKS / relpath, as_version=4).cells
        for i, cell in enumerate(cells):
            if cell.cell_type == "markdown":
                text = re.sub(r"`[^`]*`", "", cell.source)  # code spans are left out too
                assert "\\$" not in text and text.count("$") % 2 == 0, f"{relpath}: cell {i}"
