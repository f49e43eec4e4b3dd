"""Presenter mode: `make present` serves the playground alone with Voilà, on 127.0.0.1 behind a
token; it fills the window at 1920×1080 and 1280×720 without scrolling, with text a class can
read; its controls respond."""

import urllib.error

import nbformat
import pytest
from e2e_checks import check_playground
from e2e_harness import PRESENTER, open_presenter, present_command, traceback_outputs

MIN_TEXT_PX = 18  # at 1920×1080
SIZES = [(1920, 1080), (1280, 720)]

# Every visible piece of text in the app, with its rendered size in px: HTML text by its
# computed font size, SVG text by its font size times the SVG's scale on screen; and the
# boxes of the SVG labels, to find overlaps.
MEASURE = """(root) => {
  const out = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (!node.textContent.trim() || !el || el.closest('style, title')) continue;
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) continue;
    let px = parseFloat(getComputedStyle(el).fontSize);
    if (el instanceof SVGElement) {
      const svg = el.ownerSVGElement;
      const scale = svg.getScreenCTM().a;
      px = parseFloat(el.getAttribute('font-size') || px) * scale;
    }
    out.push({text: node.textContent.trim().slice(0, 40), px, tag: el.tagName,
              svg: el instanceof SVGElement,
              view: el instanceof SVGElement ? el.ownerSVGElement.getAttribute('class') : '',
              box: [rect.left, rect.top, rect.right, rect.bottom]});
  }
  return out;
}"""


def _overlaps(a, b, slack=1.0):
    return not (
        a[2] <= b[0] + slack or b[2] <= a[0] + slack or a[3] <= b[1] + slack or b[3] <= a[1] + slack
    )


def test_make_present_serves_the_playground_app_on_loopback_with_a_token():
    command = present_command(18866)
    assert command[1:] == [
        PRESENTER.as_posix(),
        "--Voila.ip=127.0.0.1",
        "--Voila.port=18866",
        "--token",
        "--Voila.config_file_paths=presenter",
    ]
    source = nbformat.read(
        PRESENTER.resolve()
        if PRESENTER.is_absolute()
        else __import__("e2e_harness").ROOT / PRESENTER,
        as_version=4,
    )
    assert [cell.cell_type for cell in source.cells] == ["code"], "the app page has prose"


@pytest.mark.browser
def test_voila_requires_the_token(voila):
    assert voila.get("login", token=False).status == 200
    with pytest.raises(urllib.error.HTTPError) as refused:
        voila.get("", token=False)
    assert refused.value.code == 302
    assert refused.value.headers["Location"].startswith("/login")


@pytest.mark.browser
@pytest.mark.parametrize("width,height", SIZES)
def test_presenter_fills_the_window_without_scrolling(presenter_at, width, height):
    page, root = presenter_at(width, height)
    scroll = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight,"
        " innerWidth, innerHeight]"
    )
    assert scroll[0] <= scroll[2] and scroll[1] <= scroll[3], f"the page scrolls: {scroll}"
    app = root.bounding_box()
    assert app["width"] >= 0.98 * width and app["height"] >= 0.98 * height, app
    for selector in [
        ".bp-eta",
        ".bp-chunk",
        ".bp-play",
        ".bp-reset",
        ".bp-status",
        ".bp-view-boundary svg",
        ".bp-view-backward svg",
    ]:
        box = root.locator(selector).bounding_box()
        assert box and box["x"] >= 0 and box["y"] >= 0, selector
        assert box["x"] + box["width"] <= width + 1 and box["y"] + box["height"] <= height + 1, (
            f"{selector} is outside the window: {box}"
        )
    views = [root.locator(f".bp-view-{v} svg").bounding_box() for v in ("boundary", "loss")]
    area = sum(v["width"] * v["height"] for v in views) * 2
    assert area >= 0.45 * width * height, f"the views use only {area / (width * height):.0%}"
    assert page.locator(".jp-InputArea-editor, .cm-editor, .jp-RenderedMarkdown").count() == 0
    assert page.locator(".bp-playground").count() == 1, "a second copy of the playground"


@pytest.mark.browser
def test_presenter_text_is_large_enough_and_labels_do_not_overlap(voila, page):
    root = open_presenter(voila, page, 1920, 1080)
    texts = page.evaluate(MEASURE, root.element_handle())
    assert len(texts) > 40, f"too little text found: {texts}"
    small = [(t["text"], round(t["px"], 1)) for t in texts if t["px"] < MIN_TEXT_PX]
    assert not small, f"text under {MIN_TEXT_PX} px at 1920×1080: {small[:10]}"
    labels = [t for t in texts if t["svg"]]
    clashes = [
        (a["text"], b["text"])
        for i, a in enumerate(labels)
        for b in labels[i + 1 :]
        if a["view"] == b["view"] and _overlaps(a["box"], b["box"])
    ]
    assert not clashes, f"labels overlap: {clashes[:10]}"
    sizes = {}
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(300)
        sizes[width] = root.locator(".bp-view-boundary svg").bounding_box()["width"]
    assert sizes[1920] > 1.3 * sizes[1280], f"the views do not scale with the window: {sizes}"


@pytest.mark.browser
def test_presenter_controls_respond(voila, page):
    root = open_presenter(voila, page, 1920, 1080)
    check_playground(page, root)
    assert not traceback_outputs(page)
