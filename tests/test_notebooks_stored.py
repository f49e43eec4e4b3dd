"""The notebooks hold what nbval needs: outputs of one clean run, and the article's equations."""

import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
EXPECTED = [
    "01_sigmoid_derivative.ipynb",
    "02_single_path_network.ipynb",
    "03_error_signal.ipynb",
    "04_xor_training.ipynb",
    "04b_stall_lab.ipynb",
    "05_playground.ipynb",
    "06_activation_and_cost.ipynb",
    "07_graphs_and_autodiff.ipynb",
    "08_beyond_xor.ipynb",
    "08b_initialisation.ipynb",
    "09_handwritten_digits.ipynb",
]
ALL = sorted(NOTEBOOKS.glob("*.ipynb")) + sorted((NOTEBOOKS / "solutions").glob("*.ipynb"))


def cells(path):
    return json.loads(path.read_text())["cells"]


def test_the_collection_is_complete():
    assert [p.name for p in sorted(NOTEBOOKS.glob("*.ipynb"))] == EXPECTED
    solutions = {p.name for p in (NOTEBOOKS / "solutions").glob("*.ipynb")}
    assert solutions == set(EXPECTED)


@pytest.mark.parametrize("path", ALL, ids=lambda p: str(p.relative_to(NOTEBOOKS)))
def test_outputs_are_one_clean_run(path):
    code = [c for c in cells(path) if c["cell_type"] == "code" and "".join(c["source"]).strip()]
    assert [c["execution_count"] for c in code] == list(range(1, len(code) + 1))
    # A notebook stripped of outputs would pass nbval vacuously.
    assert sum(bool(c["outputs"]) for c in code) >= len(code) // 2
    for c in code:
        for out in c["outputs"]:
            assert out["output_type"] != "error", f"stored error output in {path.name}"


def test_every_article_equation_appears_tagged_in_notebooks_01_to_03():
    tags = set()
    for name in EXPECTED[:3]:
        for c in cells(NOTEBOOKS / name):
            if c["cell_type"] == "markdown":
                tags |= {int(n) for n in re.findall(r"\\tag\{(\d+)\}", "".join(c["source"]))}
    assert set(range(1, 18)) <= tags
