"""The playground's controls as ipywidgets: one per setting, the buttons, the status and
message lines and the four views, laid out; and how they show the settings in use.

`ControlPanel` is the part of `widget.PlaygroundWidget` that builds and arranges the widgets;
widget.py wires them to the `session.Playground` (a change retrains, Play trains and redraws).
"""

import ipywidgets as widgets

from .controls import eta_options
from .pad import BoundaryPad, NotedView, Part, Stage
from .settings import DATASETS, ETA_RANGE, HIDDEN_ACTIVATIONS, MAX_EPOCHS, N_RANGE, PAIRINGS

CONTROLS = (
    "eta",
    "layers",
    "hidden",
    "pairing",
    "epochs",
    "seed",
    "dataset",
    "noise",
    "n",
    "sample",
    "chunk",
    "reduction",
    "batch",
)
VIEWS = ("boundary", "loss", "forward", "backward")
NOTED_VIEWS = ("forward", "backward")  # network views: their notes travel apart (pad.NotedView)
_STYLE = {"description_width": "10.5em"}


def _control(kind, description, value, **options):
    """One labelled control of the playground, e.g. _control(widgets.Text, "seed", 0)."""
    if "options" in options:
        options["options"] = tuple(options["options"])
    layout = widgets.Layout(width="auto", max_width="24em")
    return kind(value=value, description=description, style=_STYLE, layout=layout, **options)


def _value(option):
    """The value of a (label, value) option."""
    return option[1]


class ControlPanel:
    """Mixed into PlaygroundWidget, which provides playground (and, for arrange, the points
    and export bars of tools.py)."""

    def _settings_controls(self, s):
        """One control per setting of s (a Settings), the buttons, status, message, views."""
        on_release = dict(continuous_update=False)  # text on Enter or blur, sliders on release
        self.eta = _control(
            widgets.SelectionSlider,
            "η (learning rate)",
            s.eta,
            options=eta_options(s.eta),
            **on_release,
        )
        self.eta.layout = widgets.Layout(width="auto", flex="1 1 28em", max_width="40em")
        self.eta_text = widgets.BoundedFloatText(
            value=s.eta,
            min=ETA_RANGE[0],
            max=ETA_RANGE[1],
            description="typed η",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="11em", flex="0 0 auto"),
            **on_release,
        )
        self.eta_text.add_class("bp-eta-text")
        self.eta_row = widgets.HBox(
            [self.eta, self.eta_text],
            layout=widgets.Layout(width="100%", max_width="52em", flex_flow="row wrap"),
        )
        self.eta_row.add_class("bp-eta-row")
        self.layers = _control(
            widgets.Text, "hidden sizes", s.layers, placeholder="e.g. 4, 4", **on_release
        )
        self.hidden = _control(
            widgets.Dropdown, "hidden activation", s.hidden, options=HIDDEN_ACTIVATIONS
        )
        self.pairing = _control(widgets.Dropdown, "output + loss", s.pairing, options=PAIRINGS)
        self.epochs = _control(
            widgets.BoundedIntText,
            "epochs",
            s.epochs,
            min=0,
            max=MAX_EPOCHS,
            step=100,
            **on_release,
        )
        self.seed = _control(widgets.BoundedIntText, "seed", s.seed, min=0, max=9999, **on_release)
        self.dataset = _control(widgets.Dropdown, "data set", s.dataset, options=DATASETS)
        self.noise = _control(
            widgets.FloatSlider,
            "noise",
            s.noise,
            min=0.0,
            max=0.5,
            step=0.01,
            disabled=s.dataset == "xor",
            **on_release,
        )
        self.n = _control(
            widgets.BoundedIntText,
            "points",
            s.n,
            min=N_RANGE[0],
            max=N_RANGE[1],
            step=50,
            disabled=s.dataset == "xor",
            **on_release,
        )
        self.sample = _control(
            widgets.BoundedIntText,
            "δ for sample",
            s.sample,
            min=0,
            max=len(self.playground.X) - 1,
            **on_release,
        )
        self.chunk = _control(
            widgets.BoundedIntText, "epochs per step", s.chunk, min=1, max=1000, **on_release
        )
        self.reduction = _control(
            widgets.Dropdown, "cost J over samples", s.reduction, options=("sum", "mean")
        )
        self.batch = _control(
            widgets.BoundedIntText,
            "batch (0 = all)",
            s.batch,
            min=0,
            max=N_RANGE[1],
            **on_release,
        )
        self.play_button = widgets.Button(description="Play", icon="play")
        self.pause_button = widgets.Button(description="Pause", icon="pause", disabled=True)
        self.step_button = widgets.Button(description="Step", icon="step-forward")
        self.reset_button = widgets.Button(description="Reset", icon="undo")
        self.stage = Stage()  # what a redraw changes, sent as one message (pad.py)
        self.status = Part(self.stage, "status")
        self.message = Part(self.stage, "message")
        self.views = {
            name: BoundaryPad(self.stage)
            if name == "boundary"
            else NotedView(self.stage, name)
            if name in NOTED_VIEWS
            else Part(self.stage, name)
            for name in VIEWS
        }
        for name in CONTROLS:  # each control's CSS class is "bp-" + its setting's name
            getattr(self, name).add_class("bp-" + name)
        self.buttons = widgets.HBox(
            [self.play_button, self.pause_button, self.step_button, self.reset_button]
        )
        for button, css in [
            (self.play_button, "bp-play"),
            (self.pause_button, "bp-pause"),
            (self.step_button, "bp-step"),
            (self.reset_button, "bp-reset"),
        ]:
            button.add_class(css)
        self.status.add_class("bp-status")
        self.message.add_class("bp-message")
        for name, view in self.views.items():
            view.add_class("bp-view")
            view.add_class("bp-view-" + name)
        self.view_grid = widgets.GridBox(
            list(self.views.values()),
            layout=widgets.Layout(grid_template_columns="1fr 1fr", width="100%"),
        )
        self.view_grid.add_class("bp-views")

    def arrange(self):
        """The children in a notebook: η, controls in three columns, buttons, the points and
        export bars, status, views."""
        column = widgets.Layout(margin="0 12px 0 0", width="22em")
        controls = widgets.HBox(
            [
                widgets.VBox([self.layers, self.hidden, self.pairing], layout=column),
                widgets.VBox([self.dataset, self.noise, self.n, self.epochs], layout=column),
                widgets.VBox(
                    [self.seed, self.sample, self.chunk, self.reduction, self.batch], layout=column
                ),
            ],
            layout=widgets.Layout(flex_flow="row wrap"),
        )
        for view in self.views.values():
            view.layout = widgets.Layout(height="320px", width="100%")
        return [
            self.key_guard,
            self.eta_row,
            controls,
            self.buttons,
            self.points_bar,
            self.export_bar,
            self.code,
            self.status,
            self.message,
            self.view_grid,
            self.inspector,
        ]

    def show_settings(self):
        """Make every control show the value in use: a rejected entry never lingers, and an η
        chosen for new data shows on the slider."""
        settings = self.playground.settings
        self._quiet = True
        try:
            for name in CONTROLS:
                value = getattr(settings, name)
                control = getattr(self, name)
                if name == "eta" and value not in [v for _label, v in control.options]:
                    control.options = sorted({*control.options, *eta_options(value)}, key=_value)
                if control.value != value:
                    control.value = value
            if self.eta_text.value != settings.eta:
                self.eta_text.value = settings.eta
            self.noise.disabled = self.n.disabled = settings.dataset == "xor"
            self.sample.max = max(len(self.playground.X) - 1, 0)
            classes = tuple((f"class {k}", k) for k in range(self.playground.n_classes))
            if self.point_class.options != classes:
                self.point_class.options = classes
        finally:
            self._quiet = False
