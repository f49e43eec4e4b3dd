"""The stall study's stored sweeps: the one place that reads them from a file.

benchmarks/stall_sweep.py runs the long sweeps once and writes stall_sweep.json beside this
module, as data of the package: installed with it (a wheel, a Binder or hub image) and read
through importlib.resources wherever a notebook runs. The measurements themselves are in
studies/stall.py, which reads no file.
"""

import json
from importlib import resources
from pathlib import Path

STALL_SWEEP = "stall_sweep.json"


def sweep_file():
    """The package's stored sweep file, backprop_lib/studies/stall_sweep.json (a Traversable)."""
    return resources.files(__package__) / STALL_SWEEP


def stored_sweep(path=None):
    """The stall sweeps stored by benchmarks/stall_sweep.py: a dict of StallStudy rows.

    Inputs: path, a JSON file; None reads the one shipped inside the package (sweep_file()).
    Keys: "epochs", "seeds" ([first, last]), "setups", "eta_sweep" and "shapes" (lists of rows).
    Raises FileNotFoundError, naming the script that makes the file, if it is missing.
    """
    path = sweep_file() if path is None else Path(path)
    if not path.is_file():
        raise FileNotFoundError(
            f"{path}: no stored stall sweep; run .venv/bin/python benchmarks/stall_sweep.py"
        )
    return json.loads(path.read_text())
