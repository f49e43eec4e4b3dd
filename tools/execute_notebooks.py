"""Re-execute notebooks in place, each as one clean Restart & Run All.

Usage: python tools/execute_notebooks.py [NOTEBOOK ...]   (default: every notebook, in order)

Each notebook runs in a fresh kernel of the current Python environment, with its own folder
as the working directory, so stored outputs match what nbval will see. Cells tagged
`raises-exception` may raise; any other error stops the run and leaves the file untouched.
"""

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
from figure_stamp import stamp  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def notebooks(args):
    if args:
        return [Path(a).resolve() for a in args]
    folders = ["notebooks", "notebooks/solutions", "notebooks/quiz", "notebooks/quiz/solutions"]
    return [path for folder in folders for path in sorted((ROOT / folder).glob("*.ipynb"))]


def execute(path):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=600,
        record_timing=False,  # no timestamps: re-running a notebook changes only what it prints
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    start = time.perf_counter()
    client.execute()
    stamp(nb)  # the fingerprint of the code that drew each figure
    nbformat.write(nb, path)
    return time.perf_counter() - start


def main(args):
    for path in notebooks(args):
        seconds = execute(path)
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        print(f"{seconds:6.1f} s  {shown}")


if __name__ == "__main__":
    main(sys.argv[1:])
