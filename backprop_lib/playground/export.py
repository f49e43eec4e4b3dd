"""Keep what you trained: a playground's run saved to a file and read back, or written as code.

`save_run` writes the network (layer sizes, activations, loss, Θ), the training data and the
settings as JSON. Every number is written as Python's repr of the float, the shortest text that
reads back to the same 64 bits, so `load_run` / `load_network` rebuild the network exactly: its
predictions equal the playground's bit for bit (tests/test_playground_export.py checks it).

`settings_code` prints the `Network(...)` and `fit(...)` calls that reproduce the run from the
seed: one `fit` per chunk the playground trained, each with the shuffle seed it used, so that
mini-batch runs come out the same too.
"""

import json
import os
from dataclasses import asdict, dataclass, fields

import numpy as np

from ..network import Network
from .settings import Settings

FORMAT = "backprop-playground-run"
VERSION = 1


@dataclass
class SavedRun:
    """A run read back from a file: the network, its training data, the settings, the epoch."""

    network: Network
    X: np.ndarray
    y: np.ndarray
    settings: Settings
    epoch: int


def _rows(array):
    """An array as nested lists of Python floats (their repr round-trips exactly)."""
    return np.asarray(array, dtype=float).tolist()


def run_record(playground):
    """The run as a JSON-ready dict: network, Θ, data, settings, epoch and the chunks trained."""
    net = playground.net
    return {
        "format": FORMAT,
        "version": VERSION,
        "network": {
            "layers": list(net.layers),
            "hidden": net.hidden,
            "output": net.output,
            "loss": net.loss,
            "init": net.init,
            "reduction": net.reduction,
        },
        "thetas": [_rows(theta) for theta in net.thetas],
        "X": _rows(playground.X),
        "y": _rows(playground.y),
        "settings": asdict(playground.settings),
        "epoch": playground.epoch,
        "segments": [list(segment) for segment in playground.segments],
    }


def save_run(playground, path):
    """Write the playground's run to `path` as JSON. Returns: the path.

    Raises ValueError if Θ or the data hold a number that is not finite (JSON has none).
    """
    try:
        text = json.dumps(run_record(playground), allow_nan=False)
    except ValueError:
        raise ValueError(
            "save_run: Θ or the data hold NaN or ∞; a diverged run cannot be saved"
        ) from None
    with open(path, "w", encoding="utf-8") as file:
        file.write(text)
    return path


def _read(source):
    """The parsed JSON of a file path, or of a dict already parsed."""
    if isinstance(source, dict):
        return source
    if not isinstance(source, (str, os.PathLike)):
        raise TypeError(f"load_run: expected a file path, got {type(source).__name__}")
    try:
        with open(source, encoding="utf-8") as file:
            return json.load(file)
    except json.JSONDecodeError as err:
        raise ValueError(f"load_run: {source} is not JSON (line {err.lineno}: {err.msg})") from None


def _array(record, key, shape=None):
    try:
        array = np.array(record[key], dtype=float)
    except KeyError:
        raise ValueError(f"load_run: the file has no {key!r}") from None
    except (TypeError, ValueError):
        raise ValueError(f"load_run: {key!r} is not a table of numbers") from None
    if shape is not None and array.shape != shape:
        raise ValueError(f"load_run: {key!r} has shape {array.shape}, expected {shape}")
    return array


def load_run(source):
    """Read a run saved by `save_run`. Inputs: a file path (or the dict `run_record` gives).

    Returns: SavedRun(network, X, y, settings, epoch), the network holding the saved Θ exactly.
    Raises ValueError naming what is missing or malformed.
    """
    record = _read(source)
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        raise ValueError(f"load_run: not a saved playground run (no format {FORMAT!r})")
    if record.get("version") != VERSION:
        raise ValueError(f"load_run: version {record.get('version')!r}; this reads {VERSION}")
    spec = record.get("network")
    if not isinstance(spec, dict):
        raise ValueError("load_run: the file has no 'network'")
    names = ("hidden", "output", "loss", "init", "reduction")
    net = Network(spec.get("layers"), **{name: spec.get(name) for name in names}, seed=0)
    thetas = record.get("thetas")
    if not isinstance(thetas, list) or len(thetas) != len(net.layers) - 1:
        raise ValueError(f"load_run: expected {len(net.layers) - 1} Θ matrices")
    net.thetas = [
        _array({"thetas": theta}, "thetas", (n_out, n_in + 1))
        for theta, n_in, n_out in zip(thetas, net.layers, net.layers[1:])
    ]
    X = _array(record, "X")
    y = _array(record, "y")
    if X.ndim != 2 or X.shape[1:] != (net.layers[0],) or y.shape[:1] != X.shape[:1]:
        raise ValueError(f"load_run: X {X.shape} and y {y.shape} do not fit the network")
    saved = record.get("settings")
    known = {f.name for f in fields(Settings)}
    if not isinstance(saved, dict) or set(saved) - known:
        raise ValueError("load_run: 'settings' are not the playground's settings")
    return SavedRun(net, X, y, Settings(**saved), int(record.get("epoch", 0)))


def load_network(source):
    """The trained Network of a saved run (see load_run). Returns: Network."""
    return load_run(source).network


def _literal(array):
    """A NumPy array as code that rebuilds it exactly."""
    return "np.array(" + repr(_rows(array)) + ")"


def settings_code(playground):
    """Python code that rebuilds the playground's network from its seed and retrains it.

    Running the code gives `net` with the same Θ, bit for bit, and `X`, `y`, the data.
    Returns: the code, a str.
    """
    s, net = playground.settings, playground.net
    if getattr(playground, "points", None) is not None:  # points placed or loaded by hand
        data_import = ""
        data = f"X = {_literal(playground.X)}\ny = {_literal(playground.y)}"
    elif s.dataset == "spiral3":
        data_import = "from backprop_lib.data import spiral\n"
        data = f"X, y = spiral({s.n}, {s.noise!r}, {s.seed}, classes=3)"
    else:
        data_import = "from backprop_lib.data import make_dataset\n"
        data = f"X, y = make_dataset({s.dataset!r}, {s.n}, {s.noise!r}, {s.seed})"
    reduction = f", reduction={net.reduction!r}" if net.reduction != "sum" else ""
    build = (
        f"net = Network({list(net.layers)}, hidden={net.hidden!r}, output={net.output!r}, "
        f"loss={net.loss!r}, seed={s.seed}{reduction})"
    )
    batch = f", batch_size={s.batch}" if s.batch else ""
    segments = playground.segments
    if len(segments) == 1 and segments[0][0] == 0:
        train = (
            f"net.fit(X, y, eta={float(s.eta)!r}, epochs={segments[0][1]}{batch}, "
            f"shuffle_seed={s.seed})"
        )
    elif segments:  # one fit per chunk, each shuffled from the seed + the epoch it starts at
        train = (
            f"for start, epochs in {[tuple(segment) for segment in segments]}:\n"
            f"    net.fit(X, y, eta={float(s.eta)!r}, epochs=epochs{batch}, "
            f"shuffle_seed={s.seed} + start)"
        )
    else:
        train = "# not trained yet: epoch 0"
    return (
        f"import numpy as np\n\n{data_import}from backprop_lib.network import Network\n\n"
        f"{data}\n{build}\n{train}\n"
    )
