"""The live playground: a network trained in chunks, shown four ways, wired to controls.

One module per concern, each usable without a browser except the last seven:
  settings   Settings, what each control may hold, check_settings, default_eta
  building   the data and the untrained network the settings describe; the work budgets
  session    Playground: settings → network → training in chunks; messages
  views      what a Playground shows: the status line, the advice, the four views as SVG
  diagnosis  why training fails (η too large, stuck at chance, saturated units), in words
  svg        text, shapes and colour maps the views draw with
  boundary   the decision-boundary view (heat map PNG + ŷ = 0.5 line + points)
  curve      the loss view
  diagram    the forward and backward views of the network
  export     a run saved to JSON and read back exactly; the code that reproduces it
  points     own data: a click's pixel → (x₁, x₂), CSV files read, points edited
  controls   the η slider's grid of round values
  panel      the ipywidgets controls, one per setting, the buttons and views, laid out
  widget     PlaygroundWidget: those controls wired to a Playground, Play's loop
  tools      its points bar, the boundary pad's clicks, Export run and Settings as code
  pad        Stage: what a redraw changes, sent as one widget message; the status and
             message lines and the views that show its entries; BoundaryPad, the
             decision-boundary view, sends clicks
  inspector  the panel under the views that shows the note of the mark pointed at
  presenter  PresenterApp: the same, laid out to fill the window (`make present`)
  keys       KeyGuard: keys typed into the controls stay out of JupyterLab's shortcuts;
             every slider handle gets its label as its accessible name

May import: the core (backprop_lib's top-level modules), NumPy, Pillow, ipywidgets and
anywidget. It draws its own SVG, so it needs neither matplotlib nor the figures; nothing here
imports the exercises.
"""

from .building import build_data, build_network
from .diagnosis import Diagnosis, diagnose
from .export import load_network, load_run, save_run, settings_code
from .session import Playground
from .settings import (
    ETA_RANGE,
    HIDDEN_ACTIVATIONS,
    MAX_EPOCHS,
    MAX_HIDDEN_LAYERS,
    MAX_PLAY_EPOCHS,
    MAX_UNITS,
    PAIRINGS,
    Settings,
    check_settings,
    default_eta,
    parse_layers,
)

__all__ = [
    "ETA_RANGE",
    "HIDDEN_ACTIVATIONS",
    "MAX_EPOCHS",
    "MAX_HIDDEN_LAYERS",
    "MAX_PLAY_EPOCHS",
    "MAX_UNITS",
    "PAIRINGS",
    "Diagnosis",
    "Playground",
    "PlaygroundWidget",
    "PresenterApp",
    "Settings",
    "build_data",
    "build_network",
    "check_settings",
    "default_eta",
    "diagnose",
    "load_network",
    "load_run",
    "parse_layers",
    "save_run",
    "settings_code",
]


def __getattr__(name):
    """The widgets load ipywidgets, so they are imported only when asked for."""
    if name == "PlaygroundWidget":
        from .widget import PlaygroundWidget

        return PlaygroundWidget
    if name == "PresenterApp":
        from .presenter import PresenterApp

        return PresenterApp
    raise AttributeError(f"module 'backprop_lib.playground' has no attribute {name!r}")
