"""Notebook 09's drawing pad in JupyterLab: draw a digit with the mouse, read the prediction.

The pad's logic (downsampling, reading, saliency) is tested without a browser in
tests/test_drawing.py; here the browser side is: strokes on the canvas reach the kernel, and the
ten probabilities and the reading come back and are shown.
"""

import pytest
from e2e_checks import run_clean_in_lab

DIGITS = "09_handwritten_digits.ipynb"


def draw(page, canvas, strokes):
    """Each stroke a list of (x, y) in [0, 1] of the canvas, drawn with the mouse button down."""
    box = canvas.bounding_box()
    for stroke in strokes:
        points = [(box["x"] + x * box["width"], box["y"] + y * box["height"]) for x, y in stroke]
        page.mouse.move(*points[0])
        page.mouse.down()
        for point in points[1:]:
            page.mouse.move(*point, steps=12)
        page.mouse.up()


def probabilities(pad):
    return [float(t.rstrip("%")) for t in pad.locator(".bp-prob").all_inner_texts()]


@pytest.mark.browser
def test_drawing_a_digit_shows_its_reading_and_clear_empties_it(lab, page):
    run_clean_in_lab(page, lab, DIGITS)
    pad = page.locator(".bp-digit-pad").first
    pad.scroll_into_view_if_needed()
    reading = pad.locator(".bp-reading")
    reading.wait_for()
    assert reading.inner_text() == "Draw a digit"

    # a one: a single stroke down the middle
    draw(page, pad.locator("canvas.bp-pad"), [[(0.5, 0.15), (0.5, 0.85)]])
    page.wait_for_function(
        "el => el.textContent.startsWith('reads:')", arg=reading.element_handle(), timeout=30_000
    )
    shown = probabilities(pad)
    assert len(shown) == 10 and abs(sum(shown) - 100) <= 6  # ten rounded percentages
    assert reading.inner_text() == "reads: 1"

    # a zero: a ring
    pad.locator(".bp-clear").click()
    page.wait_for_function(
        "el => el.textContent === 'Draw a digit'", arg=reading.element_handle(), timeout=30_000
    )
    ring = [(0.5 + 0.28 * c, 0.5 + 0.36 * s) for c, s in RING]
    draw(page, pad.locator("canvas.bp-pad"), [ring])
    page.wait_for_function(
        "el => el.textContent === 'reads: 0'", arg=reading.element_handle(), timeout=30_000
    )


RING = [
    (1.0, 0.0), (0.71, 0.71), (0.0, 1.0), (-0.71, 0.71), (-1.0, 0.0),
    (-0.71, -0.71), (0.0, -1.0), (0.71, -0.71), (1.0, 0.0),
]  # fmt: skip
