"""The course tools' input checks (tools/build_html.py, tools/make_assignments.py): every input
read, and the output folder probed, before anything is written; a failure is one line naming
the file and the problem."""

import ast
import os
import tempfile
from pathlib import Path

import nbformat


class InputError(ValueError):
    """An input that cannot be used or an output that cannot be written: one line, naming it."""


def read_notebook(path, role="notebook", parse_code=False):
    """The notebook at path, or an InputError naming the file and what is wrong with it.

    role names the file in the message ("notebook", "solutions notebook"); parse_code also
    checks that every code cell is valid Python (the cell's index named if one is not).
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: the {role} is missing")
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as error:  # not JSON, not a notebook, not UTF-8, unreadable
        reason = " ".join(str(error).split())[:120] or type(error).__name__
        raise InputError(f"{path}: the {role} is not a valid notebook ({reason})") from None
    for index, cell in enumerate(nb.cells if parse_code else []):
        if cell.cell_type == "code":
            try:
                ast.parse(cell.source)
            except SyntaxError as error:
                raise InputError(
                    f"{path}: cell {index} is not valid Python ({error.msg}, line {error.lineno})"
                ) from None
    return nb


def check_writable(folder):
    """Raise InputError unless `folder` is (or can be made) a folder this process may write.

    Returns: the folder itself if it exists, else its nearest existing parent.
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder}: the output path is a file, not a folder")
    existing = next(p for p in [folder, *folder.parents] if p.exists())
    if not existing.is_dir():
        raise InputError(f"{existing}: is a file, so {folder} cannot be made")
    try:
        handle, probe = tempfile.mkstemp(dir=existing, prefix=".write-probe-")
        os.close(handle)
        os.unlink(probe)
    except OSError as error:
        raise InputError(f"{existing}: cannot write there ({error.strerror})") from None
    return existing
