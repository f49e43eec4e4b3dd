"""The presenter layout: the playground alone, filling the browser window (`make present`).

Controls in a column on the left, the status and the message above the four views, which
share what is left of the window and scale with it. Sizes are in units of the window's height
(vh), so the same layout fills 1920×1080 and 1280×720 without scrolling; at 1080 px of height
every piece of text is at least 18 px (tests/e2e/test_e2e_voila.py measures it).
"""

import ipywidgets as widgets

from .widget import PlaygroundWidget

# 1.8vh is 19.4 px at 1080 px of height; views get ≥ 1.45 view units per px there (svg.FONT)
CSS = """
.bp-presenter {
  --bp-font: max(11px, 1.8vh);
  --jp-widgets-font-size: var(--bp-font);
  --jp-widgets-inline-height: calc(1.75 * var(--bp-font));
  --jp-widgets-inline-label-width: 9em;
  --jp-widgets-inline-margin: 0.25vh;
  position: fixed; inset: 0; z-index: 1000; box-sizing: border-box;
  padding: 1vh 1vw; background: #fff; font-size: var(--bp-font); overflow: hidden;
}
.bp-presenter .bp-body { flex: 1 1 auto; min-height: 0; gap: 1vw; }
.bp-presenter .bp-side { flex: 0 0 22vw; min-width: 0; overflow: hidden; }
.bp-presenter .bp-side .widget-inline-hbox { width: 100%; max-width: none; }
.bp-presenter .widget-label, .bp-presenter .widget-readout, .bp-presenter input,
.bp-presenter select, .bp-presenter button { font-size: var(--bp-font) !important; }
.bp-presenter .bp-buttons { flex-wrap: wrap; gap: 0.5vh 0.5vw; margin-top: 1vh; }
.bp-presenter .bp-buttons .jupyter-button { flex: 1 1 40%; width: auto; margin: 0;
  height: calc(2 * var(--bp-font)); }
.bp-presenter .bp-main { flex: 1 1 auto; min-width: 0; min-height: 0; }
.bp-presenter .bp-status { font-size: var(--bp-font); }
.bp-presenter .bp-message { font-size: var(--bp-font); min-height: 2.6em; line-height: 1.3; }
.bp-presenter .bp-status .widget-html-content,
.bp-presenter .bp-message .widget-html-content { font-size: var(--bp-font); line-height: 1.3;
  white-space: normal; height: auto; }
.bp-presenter .bp-views { flex: 1 1 auto; min-height: 0; grid-template-rows: 1fr 1fr;
  gap: 0.5vh 0.5vw; }
.bp-presenter .bp-view { min-height: 0; min-width: 0; height: 100%; margin: 0; }
.bp-presenter .bp-view .widget-html-content { height: 100%; width: 100%; }
.bp-advice { color: #b00020; }
"""


class PresenterApp(PlaygroundWidget):
    """The playground laid out to fill the window: display it as the only output of a page.

    Inputs: as PlaygroundWidget. The page needs nothing else: the styles come with it.
    """

    def __init__(self, playground=None, **kwargs):
        super().__init__(playground, **kwargs)
        self.add_class("bp-presenter")

    def arrange(self):
        side = widgets.VBox(
            [
                self.eta,
                self.layers,
                self.hidden,
                self.pairing,
                self.dataset,
                self.noise,
                self.n,
                self.epochs,
                self.seed,
                self.sample,
                self.chunk,
                self.buttons,
            ]
        )
        side.add_class("bp-side")
        self.buttons.add_class("bp-buttons")
        main = widgets.VBox([self.status, self.message, self.view_grid])
        main.add_class("bp-main")
        body = widgets.HBox([side, main])
        body.add_class("bp-body")
        return [widgets.HTML(f"<style>{CSS}</style>"), self.key_guard, body]
