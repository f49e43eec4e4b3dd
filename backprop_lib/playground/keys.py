"""Keys typed into the playground stay with the playground, and every control has a name.

JupyterLab's notebook shortcuts listen on the whole page: with a dropdown or a button of the
playground focused, "r" turned the widget's cell into a Raw cell and "d d" deleted it. Lumino,
which dispatches those shortcuts, walks up the DOM from the key's target and stops at the first
element carrying the attribute `data-lm-suppress-shortcuts`, before testing that element
against a shortcut's selector. The notebook's selectors (".jp-Notebook.jp-mod-commandMode
:focus") match the focused control itself, so the attribute must sit on the control, not only
on an ancestor. ipywidgets cannot set attributes, so `KeyGuard`, an invisible anywidget placed
inside the playground, sets it on the playground's root (class "bp-playground") and on every
focusable element inside it, and again whenever the widgets add elements.

The same pass names the sliders for screen readers: an ipywidgets slider's handle (noUiSlider,
role "slider") has no accessible name, although the slider has a visible label. `KeyGuard`
gives each unnamed handle its label's text as aria-label (the axe-core scan in
tests/e2e/test_a11y.py checks it).
"""

import anywidget
import traitlets

_ESM = """
const FOCUSABLE = "input, select, textarea, button, [tabindex]";
function nameSliders(root) {
  for (const handle of root.querySelectorAll('[role="slider"]:not([aria-label])')) {
    const label = handle.closest(".widget-slider")?.querySelector(".widget-label");
    const text = label ? label.textContent.trim() : "";
    if (text) handle.setAttribute("aria-label", text);
  }
}
function watchVisibility(model, root) {
  let inView = true;
  const report = () => {
    const shown = document.visibilityState !== "hidden" && inView;
    if (model.get("visible") !== shown) {
      model.set("visible", shown);
      model.save_changes();
    }
  };
  const observer = new IntersectionObserver((entries) => {
    inView = entries.some((entry) => entry.isIntersecting);
    report();
  });
  observer.observe(root);
  document.addEventListener("visibilitychange", report);
  return () => {
    observer.disconnect();
    document.removeEventListener("visibilitychange", report);
  };
}
function render({ model, el }) {
  el.style.display = "none";
  let stopWatching = () => {};
  const markAll = (root) => {
    root.setAttribute("data-lm-suppress-shortcuts", "true");
    for (const node of root.querySelectorAll(FOCUSABLE)) {
      if (!node.hasAttribute("data-lm-suppress-shortcuts")) {
        node.setAttribute("data-lm-suppress-shortcuts", "true");
      }
    }
    nameSliders(root);
  };
  const start = () => {
    const root = el.closest(".bp-playground");
    if (!root) return false;
    markAll(root);
    // re-mark when controls are added; the views' SVG, redrawn every frame, holds none
    const controlsChanged = (records) =>
      records.some((r) => r.addedNodes.length && !r.target.closest(".bp-view"));
    new MutationObserver((records) => { if (controlsChanged(records)) markAll(root); })
      .observe(root, { childList: true, subtree: true });
    stopWatching = watchVisibility(model, root);
    return true;
  };
  if (!start()) {
    const timer = setInterval(() => { if (start()) clearInterval(timer); }, 50);
    setTimeout(() => clearInterval(timer), 10000);
  }
  return () => stopWatching();
}
export default { render };
"""


class KeyGuard(anywidget.AnyWidget):
    """Invisible: marks its .bp-playground ancestor so that Lumino leaves its keys alone, and
    reports in `visible` whether that playground can be seen."""

    _esm = traitlets.Unicode(_ESM).tag(sync=True)
    visible = traitlets.Bool(True).tag(sync=True)
