"""Notebook 07's last section shows an XOR step written with PyTorch autograd, as code in Markdown
with the numbers it printed. These tests keep that page honest: the printed numbers must equal
what Network computes, and when PyTorch is available the code itself is run and compared.

PyTorch is not a dependency. It is used when `import torch` works, or when BENCH_TORCH_SITE names
the site-packages folder of another environment of the same Python version that has it (as for
benchmarks/run.py), e.g. `python3 -m venv /tmp/tv && /tmp/tv/bin/pip install torch`, then
`BENCH_TORCH_SITE=/tmp/tv/lib/python3.11/site-packages .venv/bin/python -m pytest
tests/test_torch_comparison.py`.
"""

import contextlib
import io
import json
import os
import re
import sys
from pathlib import Path

import numpy as np
import pytest

from backprop_lib import Network, xor

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "07_graphs_and_autodiff.ipynb"
ETA = 0.5  # the step the code takes


def torch_or_reason():
    """(torch, None) if PyTorch can be imported here or from BENCH_TORCH_SITE, else (None, why)."""
    try:
        import torch

        return torch, None
    except ImportError:
        pass
    site = os.environ.get("BENCH_TORCH_SITE")
    if not site:
        return None, "PyTorch not installed (not a dependency); set BENCH_TORCH_SITE to use one"
    if site not in sys.path:
        sys.path.append(site)  # after this venv's packages, so its NumPy stays in use
    try:
        import torch

        return torch, None
    except ImportError as error:
        return None, f"PyTorch not importable from BENCH_TORCH_SITE={site}: {error}"


def torch_section():
    """(code, printed text) of the PyTorch step's Markdown: its ```python block and the
    ```text block that shows what it prints (in the same cell or the next Markdown cell)."""
    cells = [c for c in json.loads(NOTEBOOK.read_text())["cells"] if c["cell_type"] == "markdown"]
    texts = ["".join(c["source"]) for c in cells]
    for i, text in enumerate(texts):
        if "import torch" in text:
            code = re.search(r"```python\n(.*?)```", text, re.DOTALL)
            after = text + "".join(texts[i + 1 : i + 2])
            printed = re.search(r"```text\n(.*?)```", after, re.DOTALL)
            assert code and printed, "the PyTorch step needs a ```python and a ```text block"
            return code.group(1), printed.group(1)
    raise AssertionError(f"no Markdown cell with the PyTorch code in {NOTEBOOK.name}")


def network_step():
    """The same step with this project's code: J, the gradients, and J after one fit epoch."""
    X, y = xor()
    net = Network(
        [2, 2, 2, 1], hidden="sigmoid", output="sigmoid", loss="mse", init="uniform", seed=0
    )
    before, grads = net.cost(X, y), net.gradients(X, y)
    net.fit(X, y, eta=ETA, epochs=1)
    return before, grads, net.cost(X, y)


def network_lines():
    """What the PyTorch code prints, computed by Network and formatted as the code formats it."""
    before, grads, after = network_step()
    lines = [f"J before the step: {before:.10f}"]
    for l, grad in enumerate(grads, start=1):
        rows = [[float(f"{g:.8g}") for g in row] for row in grad.tolist()]
        lines.append(f"dJ/dTheta^({l}) = {rows}")
    lines.append(f"J after the step:  {after:.10f}")
    return "\n".join(lines)


def test_the_numbers_shown_are_what_network_computes():
    code, printed = torch_section()
    assert f"theta -= {ETA} * theta.grad" in code
    assert printed.strip() == network_lines()


def test_the_notebook_prints_the_same_numbers_from_network():
    """The code cell after the PyTorch section prints the same lines from Network."""
    _, printed = torch_section()
    cells = json.loads(NOTEBOOK.read_text())["cells"]
    outputs = [
        "".join(out.get("text", ""))
        for cell in cells
        if cell["cell_type"] == "code"
        for out in cell["outputs"]
    ]
    assert printed.strip() in [text.strip() for text in outputs]


def test_pytorch_autograd_gives_the_numbers_shown():
    torch, reason = torch_or_reason()
    if torch is None:
        pytest.skip(reason)
    code, printed = torch_section()
    namespace = {}
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        exec(compile(code, f"{NOTEBOOK.name}: PyTorch cell", "exec"), namespace)
    assert output.getvalue().strip() == printed.strip() == network_lines()
    _, grads, _ = network_step()
    for theta, grad in zip(namespace["thetas"], grads):
        assert theta.dtype == torch.float64
        assert np.max(np.abs(theta.grad.numpy() - grad)) < 1e-12  # autograd = Network.gradients
