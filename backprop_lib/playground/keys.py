"""Keys typed into the playground stay with the playground, not with JupyterLab.

JupyterLab's notebook shortcuts listen on the whole page: with a dropdown or a button of the
playground focused, "r" turned the widget's cell into a Raw cell and "d d" deleted it. Lumino,
which dispatches those shortcuts, skips any key whose target sits inside an element with the
attribute `data-lm-suppress-shortcuts` (it stops walking up the DOM there). ipywidgets cannot
set attributes, so `KeyGuard`, an invisible anywidget placed inside the playground, sets that
attribute on the playground's outermost element (class "bp-playground") when it is shown.
"""

import anywidget
import traitlets

_ESM = """
function render({ el }) {
  el.style.display = "none";
  const mark = () => {
    const root = el.closest(".bp-playground");
    if (!root) return false;
    root.setAttribute("data-lm-suppress-shortcuts", "true");
    return true;
  };
  if (!mark()) {
    const timer = setInterval(() => { if (mark()) clearInterval(timer); }, 50);
    setTimeout(() => clearInterval(timer), 10000);
  }
}
export default { render };
"""


class KeyGuard(anywidget.AnyWidget):
    """Invisible: marks its .bp-playground ancestor so that Lumino leaves its keys alone."""

    _esm = traitlets.Unicode(_ESM).tag(sync=True)
