"""The presenter layout: the playground alone, filling the browser window (`make present`).

A narrow column on the left holds the scene menu (scenes.py: ready demos), the controls a demo
changes, the buttons, the points and export bars, the status and the message; the four views
share the rest of the window, at least 80 % of it, and scale with it; the inspector's note
floats over the bottom of the views while a unit is pointed at. Sizes are in units of the
window's height (vh), so the same layout fills 1920×1080 and 1280×720 without scrolling: every
piece of text is at least 24 px at 1080 px of height and 16 px at 720
(tests/e2e/test_presenter_hall.py measures it). Buttons carry text, not icon fonts, so the page
needs nothing from the network.
"""

import ipywidgets as widgets

from .scenes import BY_NAME, SCENES
from .widget import PlaygroundWidget

# 2.25vh is 24.3 px at 1080 px of height and 16.2 px at 720. The views' SVG text is scaled up
# by 1.2 (13 → 15.6 view units): a view gets ≥ 1.55 px per view unit at 1080 px.
CSS = """
.bp-presenter {
  --bp-font: max(16px, 2.25vh);
  --jp-widgets-font-size: var(--bp-font);
  --jp-widgets-inline-height: calc(1.6 * var(--bp-font));
  --jp-widgets-inline-label-width: 4.2em;
  --jp-widgets-inline-margin: 0.2vh;
  position: fixed; inset: 0; z-index: 1000; box-sizing: border-box;
  padding: 0.5vh 0.5vw; background: #fff; font-size: var(--bp-font); overflow: hidden;
}
.bp-presenter .bp-body { flex: 1 1 auto; min-height: 0; gap: 0.5vw; height: 100%; }
.bp-presenter .bp-side { flex: 0 0 16vw; min-width: 0; overflow: hidden; gap: 0.4vh; }
.bp-presenter .bp-side .widget-inline-hbox { width: 100% !important; max-width: none !important;
  margin: 0; }
.bp-presenter .bp-side .widget-label { width: 4.2em !important; min-width: 4.2em; }
.bp-presenter .widget-label, .bp-presenter .widget-readout, .bp-presenter input,
.bp-presenter select, .bp-presenter button { font-size: var(--bp-font) !important; }
.bp-presenter .bp-eta-row { flex-wrap: wrap; max-width: none !important; width: 100% !important; }
.bp-presenter .bp-eta-row > * { flex: 1 1 100% !important; width: 100% !important;
  max-width: none !important; }
.bp-presenter .bp-eta-text .widget-label { width: 4.2em !important; }
.bp-presenter .bp-eta { flex-wrap: wrap; height: auto !important; }
.bp-presenter .bp-eta > .widget-label { width: 100% !important; margin-right: 0 !important;
  text-align: left; }
.bp-presenter .bp-eta .widget-readout { display: none; }  /* the typed η below shows it */
.bp-presenter .bp-eta .slider-container { flex: 1 1 100%; box-sizing: border-box;
  padding: 0 0.6em; margin: 0; height: calc(1.8 * var(--bp-font)); align-items: center; }
.bp-presenter .bp-buttons { flex-wrap: wrap; gap: 0.4vh 0.4vw; margin-top: 0.5vh; }
.bp-presenter .bp-buttons .jupyter-button { flex: 1 1 40%; width: auto; margin: 0;
  height: calc(1.8 * var(--bp-font)); padding: 0 0.3em; }
.bp-presenter .bp-status, .bp-presenter .bp-message { font-size: var(--bp-font); height: auto; }
.bp-presenter .bp-status .widget-html-content,
.bp-presenter .bp-message .widget-html-content { font-size: var(--bp-font); line-height: 1.25;
  white-space: normal; height: auto; overflow-wrap: anywhere; }
.bp-presenter .bp-main { flex: 1 1 auto; min-width: 0; min-height: 0; height: 100%; }
.bp-presenter .bp-views { flex: 1 1 auto; min-height: 0; height: 100%;
  grid-template-rows: 1fr 1fr; gap: 0.4vh 0.4vw; }
.bp-presenter .bp-view { min-height: 0; min-width: 0; height: 100%; margin: 0; }
.bp-presenter .bp-view .widget-html-content { height: 100%; width: 100%; }
.bp-presenter .bp-view svg text[font-size="13"] { font-size: 15.6px; }
.bp-presenter .bp-view svg text[font-size="15"] { font-size: 16.5px; }
.bp-advice { color: #b00020; }
.bp-presenter .bp-eta { flex-wrap: wrap; height: auto !important; }
.bp-presenter .bp-eta .slider-container { order: 3; flex: 1 1 100% !important;
  margin: 0.4vh 0.7em 0.8vh; }
.bp-presenter .bp-eta > .widget-label { flex: 1 1 auto; text-align: left; }
.bp-presenter .bp-points-bar, .bp-presenter .bp-export-bar { flex-wrap: wrap; gap: 0.4vh 0.4vw;
  margin-top: 0.5vh; }
.bp-presenter .bp-points-bar .widget-toggle-buttons,
.bp-presenter .bp-export-bar .widget-toggle-buttons { width: 100%; flex-wrap: wrap; }
.bp-presenter .bp-points-bar .widget-toggle-buttons > .widget-label,
.bp-presenter .bp-export-bar .widget-toggle-buttons > .widget-label { display: none; }
.bp-presenter .widget-toggle-buttons .btn-group { display: flex; width: 100%; }
.bp-presenter .widget-toggle-buttons .jupyter-button { flex: 1 1 0; min-width: 0;
  width: auto !important; padding: 0 0.2em; }
.bp-presenter .bp-points-bar .jupyter-button, .bp-presenter .bp-export-bar .jupyter-button {
  flex: 1 1 40%; width: auto !important; margin: 0; height: calc(1.8 * var(--bp-font));
  padding: 0 0.3em; }
.bp-presenter .bp-main { position: relative; }
.bp-presenter .bp-inspect { position: absolute; left: 0; right: 0; bottom: 0; z-index: 2;
  pointer-events: none; font-size: var(--bp-font); }
.bp-presenter .bp-inspect-text { background: rgba(255, 255, 255, 0.94); border-top: 1px solid #888;
  min-height: 0 !important; }
.bp-presenter .bp-inspect-text:not([data-shown]) { display: none; }
.bp-presenter .bp-code { flex: 0 0 auto; max-height: 30vh; }
"""
# Short labels: the column is narrow and the words must be read from the back of a hall.
LABELS = {
    "eta": "η (learning rate)",
    "eta_text": "η =",
    "layers": "layers",
    "hidden": "hidden",
    "pairing": "output",
    "dataset": "data",
    "seed": "seed",
    "chunk": "step",
    "point_class": "add",
    "network_view": "view",
}
BUTTON_TEXT = {
    "play": "▶ Play",
    "pause": "❚❚ Pause",
    "step": "Step",
    "reset": "Reset",
    "delete": "Delete",
    "clear": "Clear",
    "generated": "Data's points",
    "export": "Export",
    "code": "As code",
}
PICK = "— choose a scene —"


class PresenterApp(PlaygroundWidget):
    """The playground laid out to fill the window, with a menu of ready scenes: display it as
    the only output of a page.

    Inputs: as PlaygroundWidget. The page needs nothing else: the styles come with it.
    """

    def __init__(self, playground=None, **kwargs):
        self.scene = widgets.Dropdown(
            options=[PICK, *(scene.name for scene in SCENES)],
            value=PICK,
            description="scene",
            layout=widgets.Layout(width="100%"),
        )
        self.scene.add_class("bp-scene")
        super().__init__(playground, **kwargs)
        self.add_class("bp-presenter")
        for name, label in LABELS.items():
            getattr(self, name).description = label
        for name, label in BUTTON_TEXT.items():
            button = getattr(self, f"{name}_button")
            button.icon = ""
            button.description = label
        self.scene.observe(lambda change: self.show_scene(change["new"]), "value")

    def show_scene(self, name):
        """Apply a named scene's settings at once (every setting, so nothing lingers from the
        screen before) and redraw."""
        if name not in BY_NAME:
            return
        self.pause()
        self.playground.apply(**BY_NAME[name].changes())
        self.show_settings()
        self.redraw()

    def arrange(self):
        side = widgets.VBox(
            [
                self.scene,
                self.eta_row,
                self.layers,
                self.hidden,
                self.pairing,
                self.dataset,
                self.seed,
                self.chunk,
                self.buttons,
                self.points_bar,
                self.export_bar,
                self.status,
                self.message,
            ]
        )
        side.add_class("bp-side")
        self.buttons.add_class("bp-buttons")
        main = widgets.VBox([self.view_grid, self.inspector, self.code])
        main.add_class("bp-main")
        body = widgets.HBox([side, main])
        body.add_class("bp-body")
        return [widgets.HTML(f"<style>{CSS}</style>"), self.key_guard, body]
