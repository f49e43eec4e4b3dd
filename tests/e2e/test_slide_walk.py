"""Every teaching notebook, presented as RISE slides (jupyterlab-rise, notebooks/rise.css,
slide types from tools/slides.py), opens as stored and reads from the back of a hall.

At 1920×1080 the slideshow's page, which draws every cell with JupyterLab's renderers, first
shows the notebook opens clean (e2e_checks.opens_as_stored: its kernel starts and goes idle,
every cell and stored output is there, Markdown rendered, no error shown): one page for what
used to take a JupyterLab page of its own per notebook as well. Then, walking every slide and
fragment with Space, full screen at 1920×1080 prose is at least 28 px and maths at least
32 px, and at 1920×1080 and 1280×720 nothing on a slide lies outside the screen.

Each size gets a page load of its own: jupyterlab-rise lays the slides out for the screen it
opens on, and a page resized afterwards shows neither that layout nor the other size's
(measured: slides 1280 px wide at scale 0.658 when opened at 1280×720, 1920 px wide shown at
1280 px when opened at 1920×1080 and then resized)."""

import re

import nbformat
import pytest
from e2e_checks import opens_as_stored
from e2e_harness import NOTEBOOKS, PLAYGROUND, notebook_paths
from playwright.sync_api import TimeoutError as PlaywrightTimeout

TEACHING = [p for p in notebook_paths() if p != PLAYGROUND and not p.startswith("solutions/")]
MIN_TEXT_PX, MIN_MATH_PX = 28, 32
MAX_STEPS = 400
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
  const scale = slides.getBoundingClientRect().width / parseFloat(slides.style.width);
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
          title, out: out.slice(0, 3), text: Math.min(...text, 999), math: Math.min(...math, 999)};
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
    print(
        f"{relpath}: {len(steps)} steps, smallest prose {min(s['text'] for s in steps):.1f} px,"
        f" maths {min(s['math'] for s in steps):.1f} px"
    )


@pytest.mark.browser
@pytest.mark.parametrize("relpath", TEACHING)
def test_every_slide_fits_720p(lab, page, relpath):
    steps = walk(page, lab.url(f"rise/{relpath}?token={lab.token}"), 1280, 720)
    assert len(steps) > 3, f"{relpath}: only {len(steps)} steps"
    assert not overflowing(steps), f"{relpath}: slides larger than 1280×720: {overflowing(steps)}"


def test_every_dollar_sign_in_the_markdown_delimits_an_equation():
    """SHOWN reads a "$" left on a slide as an equation MathJax has yet to typeset."""
    for relpath in TEACHING:
        cells = nbformat.read(NOTEBOOKS / relpath, as_version=4).cells
        for i, cell in enumerate(cells):
            if cell.cell_type == "markdown":
                text = re.sub(r"`[^`]*`", "", cell.source)  # code spans are left out too
                assert "\\$" not in text and text.count("$") % 2 == 0, f"{relpath}: cell {i}"
