"""The playground's controls: one ipywidgets control per setting, labelled, with its range.

widget.py wires them to a Playground; what each may hold is checked in settings.py.
"""

import math

import ipywidgets as widgets

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

_STYLE = {"description_width": "9em"}


def _control(kind, description, value, **options):
    """One labelled control of the playground, e.g. _control(widgets.Text, "seed", 0)."""
    if "options" in options:
        options["options"] = tuple(options["options"])
    layout = widgets.Layout(width="100%", max_width="24em")
    return kind(value=value, description=description, style=_STYLE, layout=layout, **options)


def make_controls(settings, samples):
    """One labelled control per setting (CONTROLS), each set to its value in `settings`.

    Inputs: settings, a Settings; samples, the training set's size (the δ sample's range).
    Returns: {setting name: ipywidgets control}.
    """
    on_release = dict(continuous_update=False)  # text on Enter or blur, sliders on release
    eta = _control(
        widgets.FloatLogSlider,
        "η (learning rate)",
        settings.eta,
        base=10,
        min=math.log10(ETA_RANGE[0]),
        max=math.log10(ETA_RANGE[1]),
        step=0.05,
        readout_format=".3g",
        **on_release,
    )
    layers = _control(
        widgets.Text, "hidden sizes", settings.layers, placeholder="e.g. 4, 4", **on_release
    )
    hidden = _control(
        widgets.Dropdown, "hidden activation", settings.hidden, options=HIDDEN_ACTIVATIONS
    )
    pairing = _control(widgets.Dropdown, "output + loss", settings.pairing, options=PAIRINGS)
    epochs = _control(
        widgets.BoundedIntText,
        "epochs",
        settings.epochs,
        min=0,
        max=MAX_EPOCHS,
        step=100,
        **on_release,
    )
    seed = _control(widgets.BoundedIntText, "seed", settings.seed, min=0, max=9999, **on_release)
    dataset = _control(widgets.Dropdown, "data set", settings.dataset, options=DATASETS)
    noise = _control(
        widgets.FloatSlider,
        "noise",
        settings.noise,
        min=0.0,
        max=0.5,
        step=0.01,
        disabled=settings.dataset == "xor",
        **on_release,
    )
    n = _control(
        widgets.BoundedIntText,
        "points",
        settings.n,
        min=N_RANGE[0],
        max=N_RANGE[1],
        step=50,
        disabled=settings.dataset == "xor",
        **on_release,
    )
    sample = _control(
        widgets.BoundedIntText,
        "δ for sample",
        settings.sample,
        min=0,
        max=samples - 1,
        **on_release,
    )
    chunk = _control(
        widgets.BoundedIntText,
        "epochs per step",
        settings.chunk,
        min=1,
        max=1000,
        **on_release,
    )
    reduction = _control(
        widgets.Dropdown, "cost J over samples", settings.reduction, options=("sum", "mean")
    )
    batch = _control(
        widgets.BoundedIntText,
        "batch (0 = all)",
        settings.batch,
        min=0,
        max=N_RANGE[1],
        **on_release,
    )
    made = locals()  # one local per setting, named as in CONTROLS
    return {name: made[name] for name in CONTROLS}
