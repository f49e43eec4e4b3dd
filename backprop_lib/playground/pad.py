"""The playground's status and message lines and its four views, all drawn from one model.

`Stage` holds everything a redraw changes: the status line, the message line, the four views'
SVG, the network views' notes and the selected point. It is displayed nowhere; each piece on the
page is a small anywidget (`Part`) that shows one of its entries (`key`) and redraws when that
entry changes. A redraw sets the entries inside `Stage.hold_sync()`, so a frame of Play is one
widget message carrying only what changed, instead of one message per line and per view.

`BoundaryPad`, the decision-boundary view, is also a pad to place points on: it sends what the
mouse and keys do to Python. Messages sent (widget.on_msg), positions in CSS px from the SVG
element's top-left corner with the element's size, which points.pixel_to_data turns into (x₁, x₂):
  {"event": "add", "px", "py", "width", "height"}       a click on an empty spot
  {"event": "move", "i", "px", "py", "width", "height"}  point i dragged and dropped
  {"event": "select", "i"}                               a click on point i
  {"event": "delete"}                                    Delete or Backspace with the view focused
The view is focusable (Tab) and names itself for screen readers; the selected point is drawn
with a thick outline. The SVG's circles carry class "bp-point" and their index in data-i.

`NotedView` shows the forward or backward view: its SVG (`value`) with each note's place
numbered (diagram.Slot) and the notes apart (`notes`), which the page puts back as the marks'
data-info, aria-label and <title>: the page holds the same SVG as if sent whole, and a Play
frame sends only the picture when the notes have not changed (they change a few times a second).

(`inspector.Inspector`, the panel under the views, shows those notes on hover or focus.)
"""

import re

import anywidget
import ipywidgets
import traitlets


class Stage(anywidget.AnyWidget):
    """What a redraw changes, in one model (displayed nowhere; `Part`s show its entries)."""

    _esm = traitlets.Unicode("export default { render() {} };").tag(sync=True)
    status = traitlets.Unicode("").tag(sync=True)
    message = traitlets.Unicode("").tag(sync=True)
    boundary = traitlets.Unicode("").tag(sync=True)
    loss = traitlets.Unicode("").tag(sync=True)
    forward = traitlets.Unicode("").tag(sync=True)
    backward = traitlets.Unicode("").tag(sync=True)
    forward_notes = traitlets.List(traitlets.Unicode()).tag(sync=True)
    backward_notes = traitlets.List(traitlets.Unicode()).tag(sync=True)
    selected = traitlets.Int(-1).tag(sync=True)


# Every Part's script starts with this: the Stage model its `stage` names, and a way to redraw
# when some of its entries change (undone when the view goes away).
_STAGE_JS = """
async function stageOf(model) {
  const ref = model.get("stage");  // "IPY_MODEL_<id>"
  return await model.widget_manager.get_model(ref.slice("IPY_MODEL_".length));
}
function follow(stage, names, callback) {
  for (const name of names) stage.on("change:" + name, callback);
  return () => { for (const name of names) stage.off("change:" + name, callback); };
}
"""

_SHOWN_ESM = (
    _STAGE_JS
    + """
async function render({ model, el }) {
  el.classList.add("widget-inline-hbox", "widget-html");
  const box = document.createElement("div");
  box.className = "widget-html-content";
  el.appendChild(box);
  const stage = await stageOf(model), key = model.get("key");
  const draw = () => { box.innerHTML = stage.get(key); };
  draw();
  return follow(stage, [key], draw);
}
export default { render };
"""
)


class Part(anywidget.AnyWidget):
    """One entry (`key`) of a Stage, shown as HTML like an ipywidgets.HTML: `value` reads and
    sets that entry. Inputs: stage (default: a new Stage of its own), key."""

    _esm = traitlets.Unicode(_SHOWN_ESM).tag(sync=True)
    stage = traitlets.Instance(Stage).tag(sync=True, **ipywidgets.widget_serialization)
    key = traitlets.Unicode("status").tag(sync=True)

    def __init__(self, stage=None, key=None, **kwargs):
        kwargs["stage"] = Stage() if stage is None else stage
        if key is not None:
            kwargs["key"] = key
        super().__init__(**kwargs)

    @property
    def value(self):
        return getattr(self.stage, self.key)

    @value.setter
    def value(self, text):
        setattr(self.stage, self.key, text)  # unchanged text is not sent again


_ESM = (
    _STAGE_JS
    + """
async function render({ model, el }) {
  el.classList.add("widget-html");
  const box = document.createElement("div");
  box.className = "widget-html-content bp-pad";
  box.tabIndex = 0;
  box.setAttribute("data-lm-suppress-shortcuts", "true");  // keys stay here (see keys.py)
  box.setAttribute("role", "application");
  box.setAttribute("aria-label", "Decision boundary: click to add a point, " +
    "drag a point to move it, Delete removes the selected one");
  box.style.cssText = "height:100%;width:100%;cursor:crosshair;touch-action:none;" +
    "outline-offset:-2px";
  el.appendChild(box);
  const stage = await stageOf(model), key = model.get("key");
  const mark = () => {
    const chosen = stage.get("selected");
    for (const c of box.querySelectorAll("circle.bp-point")) {
      const on = Number(c.dataset.i) === chosen;
      c.setAttribute("stroke-width", on ? "3.5" : "1.2");
      c.style.cursor = "grab";
    }
  };
  const draw = () => { box.innerHTML = stage.get(key); mark(); };
  draw();
  const unfollow = [follow(stage, [key], draw), follow(stage, ["selected"], mark)];
  const where = (event) => {
    const svg = box.querySelector("svg");
    const r = svg.getBoundingClientRect();
    return {
      px: event.clientX - r.left, py: event.clientY - r.top, width: r.width, height: r.height,
    };
  };
  let drag = null;
  box.addEventListener("pointerdown", (event) => {
    if (event.button !== 0) return;
    box.focus();
    const point = event.target.closest ? event.target.closest("circle.bp-point") : null;
    const i = point ? Number(point.dataset.i) : null;
    drag = { i, point, moved: false, x: event.clientX, y: event.clientY };
    if (point) box.setPointerCapture(event.pointerId);
  });
  box.addEventListener("pointermove", (event) => {
    if (!drag || drag.point === null) return;
    if (Math.abs(event.clientX - drag.x) + Math.abs(event.clientY - drag.y) > 3) drag.moved = true;
    if (drag.moved) {
      const svg = box.querySelector("svg");
      const p = new DOMPoint(event.clientX, event.clientY)
        .matrixTransform(svg.getScreenCTM().inverse());
      drag.point.setAttribute("cx", p.x);
      drag.point.setAttribute("cy", p.y);
    }
  });
  box.addEventListener("pointerup", (event) => {
    if (!drag) return;
    const { i, moved } = drag;
    drag = null;
    if (i === null) model.send({ event: "add", ...where(event) });
    else if (moved) model.send({ event: "move", i, ...where(event) });
    else model.send({ event: "select", i });
  });
  box.addEventListener("keydown", (event) => {
    if (event.key === "Delete" || event.key === "Backspace") {
      event.preventDefault();
      event.stopPropagation();
      model.send({ event: "delete" });
    }
  });
  return () => unfollow.forEach((undo) => undo());
}
export default { render };
"""
)


class BoundaryPad(Part):
    """The decision-boundary view, clickable. `value` is its SVG (the stage's "boundary");
    `selected` the point picked (−1: none). Register a handler with
    on_msg(lambda widget, content, buffers: ...)."""

    _esm = traitlets.Unicode(_ESM).tag(sync=True)
    key = traitlets.Unicode("boundary").tag(sync=True)

    @property
    def selected(self):
        return self.stage.selected

    @selected.setter
    def selected(self, index):
        self.stage.selected = index


_NOTED_ESM = (
    _STAGE_JS
    + """
async function render({ model, el }) {
  el.classList.add("widget-html");
  const box = document.createElement("div");
  box.className = "widget-html-content";
  el.appendChild(box);
  const stage = await stageOf(model), key = model.get("key");
  const draw = () => {
    const notes = stage.get(key + "_notes");
    box.innerHTML = stage.get(key).replace(/ data-n="(\\d+)">/g, (_, k) => {
      const quoted = notes[Number(k)] ?? "";
      const attribute = quoted.replace(/\\n/g, "&#10;");
      return ` data-info="${attribute}" aria-label="${attribute}"><title>${quoted}</title>`;
    });
  };
  let queued = false;  // value and notes arriving in one message: draw once
  const later = () => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => { queued = false; draw(); });
  };
  draw();
  return follow(stage, [key, key + "_notes"], later);
}
export default { render };
"""
)


class NotedView(Part):
    """A network view (key "forward" or "backward"): `value`, its SVG with numbered places for
    the notes; `notes`, the notes (HTML-escaped <title> text) by number. `markup()` is the SVG
    the page then holds."""

    _esm = traitlets.Unicode(_NOTED_ESM).tag(sync=True)
    key = traitlets.Unicode("forward").tag(sync=True)

    @property
    def notes(self):
        return getattr(self.stage, self.key + "_notes")

    @notes.setter
    def notes(self, notes):
        setattr(self.stage, self.key + "_notes", list(notes))

    def show(self, svg, notes=()):
        """Show svg with its notes, in one message (the page never mixes old and new)."""
        with self.stage.hold_sync():
            self.notes = notes
            self.value = svg

    def markup(self):
        """The SVG as the page holds it: each numbered place filled with its note."""
        notes = self.notes

        def filled(match):
            k = int(match.group(1))
            quoted = notes[k] if k < len(notes) else ""
            attribute = quoted.replace("\n", "&#10;")
            return f' data-info="{attribute}" aria-label="{attribute}"><title>{quoted}</title>'

        return _SLOT.sub(filled, self.value)


_SLOT = re.compile(r' data-n="(\d+)">')
