"""The panel under the playground's views that shows one note at a time.

`Inspector`: hovering or focusing (Tab) a unit or a weight of the network views shows its note
(notes.py: z, a, δ or θ, ∂J/∂θ with their equations), read from the mark's data-info attribute
in the page (pad.NotedView puts the notes there), with no round trip to the kernel.
"""

import anywidget
import traitlets

_INSPECTOR_ESM = """
function render({ model, el }) {
  const panel = document.createElement("div");
  panel.className = "bp-inspect-text";
  panel.setAttribute("aria-live", "polite");
  panel.style.cssText = "white-space:pre-line;min-height:5.4em;line-height:1.35;padding:2px 4px";
  panel.textContent = model.get("hint");
  el.appendChild(panel);
  const start = () => {
    const root = el.closest(".bp-playground");
    if (!root) return false;
    const markOf = (event) => {
      const mark = event.target.closest ? event.target.closest("[data-info]") : null;
      return mark && root.contains(mark) ? mark : null;
    };
    const show = (event) => {
      const mark = markOf(event);
      if (!mark) return;
      panel.textContent = mark.getAttribute("data-info");
      panel.setAttribute("data-shown", "");
    };
    // the note stays; data-shown says whether a mark is still pointed at (the presenter
    // shows the panel, over the views, only then)
    const leave = (event) => { if (markOf(event)) panel.removeAttribute("data-shown"); };
    root.addEventListener("mouseover", show);
    root.addEventListener("focusin", show);
    root.addEventListener("mouseout", leave);
    root.addEventListener("focusout", leave);
    return true;
  };
  if (!start()) {
    const timer = setInterval(() => { if (start()) clearInterval(timer); }, 50);
    setTimeout(() => clearInterval(timer), 10000);
  }
}
export default { render };
"""


class Inspector(anywidget.AnyWidget):
    """The panel that shows the note of the unit or weight under the mouse or in focus."""

    _esm = traitlets.Unicode(_INSPECTOR_ESM).tag(sync=True)
    hint = traitlets.Unicode(
        "Point at a unit or a weight of the network views (or Tab to it) to see its values "
        "and the equations that made them."
    ).tag(sync=True)
