"""The package installs as a real package, and binder/ builds a working Jupyter environment.

One fresh venv (no system site-packages, so the project's editable install is invisible) first
gets the Jupyter packages repo2docker's base environment ships (jupyterlab 4.4.9, notebook
7.4.7, and jupyterhub, here at the hub test's version), then what repo2docker installs on top
for Binder or a hub image: `pip install -r binder/requirements.txt`, run from a copy of the
repository as repo2docker runs it from the repository root (hub/harness.py builds this venv once
for this test and tests/e2e/test_hub.py). Then, from a working directory outside the copy: `pip
check` is clean; every module of the wheel imports from the installed copy and an exercise
checker runs; `jupyter labextension list` shows the RISE and widgets extensions enabled; and
every notebook, solutions included, copied to a folder outside the source tree, runs under
strict nbval against its stored outputs in ANOTHER floating-point environment than this
machine's (tools/fp_env.py: NumPy at its baseline SIMD level, another OpenBLAS kernel, one
thread), so a stored output that only one CPU reproduces fails here. What this cannot check
here: a Docker build by repo2docker itself, and a live Binder (README "Teaching a course").
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

pytestmark = pytest.mark.slow  # a fresh venv, a wheel and every notebook run from it

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from fp_env import alternative_env  # noqa: E402

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


def test_pip_check_is_clean_on_repo2docker_base_environment(installed):
    tmp, venv, _ = installed
    out = run([venv / "bin" / "python", "-m", "pip", "check"], tmp)
    assert "No broken requirements found" in out, out
    versions = run([venv / "bin" / "python", "-m", "pip", "list", "--format=json"], tmp)
    pinned = {p["name"].lower(): p["version"] for p in json.loads(versions)}
    assert pinned["notebook"] == "7.6.5" and pinned["jupyterlab"] == "4.6.6"


def test_every_notebook_runs_from_the_installed_wheel_in_another_fp_environment(installed):
    tmp, venv, _ = installed
    pins = {
        line.split("==")[0]: line.split()[0]
        for line in (ROOT / "requirements.txt").read_text().splitlines()
        if "==" in line and not line.startswith("#")
    }
    run([venv / "bin" / "python", "-m", "pip", "install", pins["pytest"], pins["nbval"]], tmp)
    student = tmp / "student"  # a folder of notebooks, as a hub user or a Binder has them
    for path in sorted((ROOT / "notebooks").rglob("*")):
        if path.is_file() and ".ipynb_checkpoints" not in path.parts:
            target = student / path.relative_to(ROOT)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    sanitize = student / "nbval_sanitize.cfg"
    sanitize.write_bytes((ROOT / "tests" / "nbval_sanitize.cfg").read_bytes())
    env = alternative_env()
    env.pop("PYTHONPATH", None)
    args = [venv / "bin" / "python", "-s", "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    args += ["--nbval", "--nbval-current-env", "--nbval-sanitize-with", sanitize, "notebooks"]
    done = subprocess.run(args, cwd=student, env=env, capture_output=True, text=True)
    report = ANSI.sub("", done.stdout + done.stderr)
    assert done.returncode == 0, f"nbval in {env['NPY_DISABLE_CPU_FEATURES']!r}:\n{report[-6000:]}"
    passed = int(re.search(r"(\d+) passed", report).group(1))
    cells = sum(
        1
        for nb in (student / "notebooks").rglob("*.ipynb")
        for cell in json.loads(nb.read_text())["cells"]
        if cell["cell_type"] == "code"
    )
    assert passed == cells > 150, (passed, cells)  # every code cell compared, none vacuous
