"""The package installs as a real package, and binder/ builds a working Jupyter environment.

One fresh venv (no system site-packages, so the project's editable install is invisible) gets
what repo2docker installs for Binder or a hub image: `pip install -r binder/requirements.txt`,
run from a copy of the repository as repo2docker runs it from the repository root, plus the
jupyterhub that repo2docker's base environment brings (hub/harness.py builds it once for this
test and the hub test, tests/e2e/test_hub.py). Then, from a working directory outside the copy:
every module of the wheel imports from the installed copy, an exercise checker runs, and
`jupyter labextension list` shows the RISE and widgets extensions enabled. What this cannot
check here: a Docker build by repo2docker itself, and a live Binder (README "Teaching a
course" says so).
"""

import json
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest

from hub.harness import binder_venv

ROOT = Path(__file__).resolve().parent.parent
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def run(args, cwd, **kwargs):
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False, **kwargs)
    assert done.returncode == 0, f"{' '.join(map(str, args))} failed:\n{done.stdout}{done.stderr}"
    return ANSI.sub("", done.stdout + done.stderr)


def repository_files():
    """The repository's files as a fresh clone would have them (tracked, plus new unignored)."""
    listed = run(["git", "ls-files", "-co", "--exclude-standard"], ROOT).splitlines()
    return [name for name in listed if (ROOT / name).is_file()]


@pytest.fixture(scope="module")
def installed():
    """(the copy, the venv, the wheel's file names) after the wheel build and the Binder install."""
    with tempfile.TemporaryDirectory(prefix="backprop-install-") as tmp:
        tmp = Path(tmp)
        copy, wheels = tmp / "repo", tmp / "wheels"
        for name in repository_files():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            (copy / name).write_bytes((ROOT / name).read_bytes())
        run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", wheels, "."], copy)
        (wheel,) = wheels.glob("backprop_lib-*.whl")
        names = zipfile.ZipFile(wheel).namelist()
        yield tmp, binder_venv(), names
    assert not tmp.exists()


def test_the_wheel_holds_every_file_of_the_package(installed):
    _, _, names = installed
    package = {n for n in repository_files() if n.startswith("backprop_lib/")}
    assert "backprop_lib/exercises/__init__.py" in package
    assert package - set(names) == set(), "files of backprop_lib/ missing from the wheel"
    assert not any("__pycache__" in n or n.endswith(".pyc") for n in names)


def test_installed_copy_imports_every_module_and_runs_a_checker(installed):
    tmp, venv, names = installed
    modules = sorted(
        n[: -len(".py")].replace("/", ".").removesuffix(".__init__")
        for n in names
        if n.endswith(".py")
    )
    assert "backprop_lib.exercises.sigmoid" in modules
    script = f"""
import importlib, json, sys
import sympy as sp
modules = {modules!r}
files = [importlib.import_module(m).__file__ for m in modules]
from backprop_lib.exercises.sigmoid import check_reciprocal_rule
x = sp.Symbol("x", real=True)
right = check_reciprocal_rule(1 + sp.exp(-x), -sp.exp(-x))
wrong = check_reciprocal_rule(1 + sp.exp(-x), sp.exp(-x))
print(json.dumps([files, right.passed, wrong.passed, sys.flags.no_user_site]))
"""
    # -s: no user site-packages; cwd outside the copy: nothing but the venv can supply the package
    out = run([venv / "bin" / "python", "-s", "-c", script], tmp)
    files, right, wrong, _ = json.loads(out.strip().splitlines()[-1])
    site = next((venv / "lib").glob("python3*/site-packages"))
    assert all(Path(f).is_relative_to(site) for f in files), files
    assert right is True and wrong is False
    # installed, not editable: no link back to a source tree
    (dist,) = site.glob("backprop_lib-*.dist-info")
    direct = dist / "direct_url.json"
    assert not direct.exists() or not json.loads(direct.read_text()).get("dir_info", {}).get(
        "editable"
    )


def test_jupyterlab_lists_rise_and_widgets_enabled_and_the_server_extensions(installed):
    tmp, venv, _ = installed
    labextensions = run([venv / "bin" / "jupyter", "labextension", "list"], tmp)
    for extension in ("jupyterlab-rise", "@jupyter-widgets/jupyterlab-manager"):
        assert re.search(rf"{re.escape(extension)} v\S+ enabled\s+OK", labextensions), labextensions
    servers = run([venv / "bin" / "jupyter", "server", "extension", "list"], tmp)
    for extension in ("nbgitpuller", "voila.server_extension", "jupyterlab"):
        assert re.search(rf"{re.escape(extension)} enabled", servers), servers
