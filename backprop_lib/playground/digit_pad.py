"""DigitPad: draw a digit with the mouse or a finger; see the ten probabilities and the saliency.

The browser side only draws: it sends the 32 × 32 cells, and shows what Python sends back.
Python reads the drawing with drawing.read_drawing (tested without a browser).
"""

import anywidget
import numpy as np
import traitlets

from .drawing import CANVAS, read_drawing

_ESM = """
const N = 32, CELL = 8, PIX = 8, SIDE = N * CELL;
function render({ model, el }) {
  el.classList.add("bp-digit-pad");
  el.innerHTML = `
    <div style="display:flex; gap:16px; align-items:flex-start; font: 13px sans-serif">
      <div>
        <canvas class="bp-pad" width="${SIDE}" height="${SIDE}" role="img"
          aria-label="drawing area: draw a digit with the mouse or a finger"
          style="border:1px solid #444; touch-action:none; cursor:crosshair"></canvas>
        <div><button class="bp-clear" type="button">Clear</button></div>
      </div>
      <div><div class="bp-reading" aria-live="polite" style="font-size:16px"></div>
        <div class="bp-bars"></div></div>
      <div><div>∂(score)/∂x, 8 × 8</div>
        <canvas class="bp-saliency" width="${PIX * 16}" height="${PIX * 16}"
          role="img" aria-label="saliency of the predicted class"></canvas></div>
    </div>`;
  const pad = el.querySelector(".bp-pad"), ctx = pad.getContext("2d");
  let cells = new Array(N * N).fill(0), down = false, timer = null;
  const paint = () => {
    ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, SIDE, SIDE);
    ctx.fillStyle = "#000";
    cells.forEach((v, i) => {
      if (v) ctx.fillRect((i % N) * CELL, Math.floor(i / N) * CELL, CELL, CELL);
    });
  };
  const send = () => { model.set("cells", cells.slice()); model.save_changes(); };
  const ink = (ev) => {
    const r = pad.getBoundingClientRect();
    const cx = Math.floor(((ev.clientX - r.left) / r.width) * N);
    const cy = Math.floor(((ev.clientY - r.top) / r.height) * N);
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
      const x = cx + dx, y = cy + dy;
      const inside = x >= 0 && x < N && y >= 0 && y < N;
      if (inside) cells[y * N + x] = 1;  // a 3 × 3 brush: strokes about as thick as the data's
    }
    paint();
    if (!timer) timer = setTimeout(() => { timer = null; send(); }, 60);
  };
  pad.addEventListener("pointerdown", (ev) => {
    down = true;
    pad.setPointerCapture(ev.pointerId);
    ink(ev);
  });
  pad.addEventListener("pointermove", (ev) => { if (down) ink(ev); });
  const up = () => { if (down) { down = false; send(); } };
  pad.addEventListener("pointerup", up);
  pad.addEventListener("pointercancel", up);
  const clear = () => { cells.fill(0); paint(); send(); };
  el.querySelector(".bp-clear").addEventListener("click", clear);
  const show = () => {
    const probs = model.get("probabilities"), sal = model.get("saliency");
    const reading = el.querySelector(".bp-reading");
    const bars = el.querySelector(".bp-bars");
    if (!probs.length) { reading.textContent = "Draw a digit"; bars.innerHTML = ""; }
    else {
      reading.textContent = `reads: ${model.get("predicted")}`;
      bars.innerHTML = probs.map((p, k) => `<div style="display:flex; align-items:center; gap:4px">
        <span style="width:1em">${k}</span>
        <span style="display:inline-block; height:12px; width:${Math.round(p * 150)}px;
          background:${k === model.get("predicted") ? "#D55E00" : "#0072B2"}"></span>
        <span class="bp-prob" data-class="${k}">${(100 * p).toFixed(0)}%</span></div>`).join("");
    }
    const s = el.querySelector(".bp-saliency").getContext("2d");
    s.fillStyle = "#fff"; s.fillRect(0, 0, PIX * 16, PIX * 16);
    const top = Math.max(1e-12, ...sal.map(Math.abs));
    sal.forEach((v, i) => {
      const t = Math.abs(v) / top, c = Math.round(255 * (1 - t));
      s.fillStyle = v > 0 ? `rgb(255,${c},${c})` : `rgb(${c},${c},255)`;
      s.fillRect((i % PIX) * 16, Math.floor(i / PIX) * 16, 16, 16);
    });
  };
  model.on("change:probabilities", show);
  paint(); show();
}
export default { render };
"""


class DigitPad(anywidget.AnyWidget):
    """A 32 × 32 drawing pad read by a digits network after every stroke.

    Inputs: net, a softmax Network with 64 inputs (e.g. trained on digits()).
    Synced: cells (1024 ints, from the browser); probabilities (10 floats), predicted (int)
    and saliency (64 floats, ∂z_predicted/∂x) back to it; all empty while nothing is drawn.
    """

    _esm = traitlets.Unicode(_ESM).tag(sync=True)
    cells = traitlets.List(traitlets.Int(), default_value=[0] * CANVAS * CANVAS).tag(sync=True)
    probabilities = traitlets.List(traitlets.Float(), default_value=[]).tag(sync=True)
    predicted = traitlets.Int(-1).tag(sync=True)
    saliency = traitlets.List(traitlets.Float(), default_value=[]).tag(sync=True)
    message = traitlets.Unicode("").tag(sync=True)

    def __init__(self, net, **kwargs):
        read_drawing(net, [0] * CANVAS * CANVAS)  # refuse a wrong network at once
        self._net = net
        super().__init__(**kwargs)

    @traitlets.observe("cells")
    def _read(self, change):
        self.message = ""
        try:
            if not any(change["new"]):
                self.saliency, self.predicted, self.probabilities = [], -1, []
                return
            reading = read_drawing(self._net, change["new"])
        except (TypeError, ValueError) as error:  # a malformed message: say so, never raise
            self.message = str(error)
            return
        self.saliency = np.round(reading.saliency, 6).tolist()
        self.predicted = reading.predicted
        self.probabilities = np.round(reading.probabilities, 6).tolist()  # last: show() reads all
