"""The course tools on bad inputs and unwritable outputs: one line naming the file, nothing left.

tools/make_assignments.py and tools/build_html.py check every input and probe the output
folder before writing; a failure on the way removes what the run wrote. Each kind of failure
is tried on a small copy of the notebooks; nbgrader itself is never run here (a failure after
the inputs are read is simulated by making its step raise).
"""

import importlib.util
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
EXERCISED = "01_sigmoid_derivative.ipynb"  # a notebook with exercises and its solutions


def load(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_assignments = load("make_assignments")
build_html = load("build_html")

BAD_NOTEBOOKS = {
    "not JSON": "{ this is not json",
    "empty file": "",
    "JSON, not a notebook": '{"cells": 3}',
    "a JSON list": "[1, 2, 3]",
    "not UTF-8": b"\xff\xfe\x00garbage",
}


def write_bad(path, content):
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)


def unwritable_folder(tmp_path):
    """A folder this process cannot write: read-only by its mode, or (for root, whom modes do
    not stop) one under /sys, which is mounted read-only."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        (folder / "probe").touch()
    except OSError:
        return folder
    (folder / "probe").unlink()
    return Path("/sys/backprop-course-test")


def snapshot(folder):
    """Every path under folder with its content, to compare before and after."""
    if not folder.exists():
        return None
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else None)
        for p in sorted(folder.rglob("*"))
    }


def one_line(error, *names):
    text = str(error)
    assert "\n" not in text and len(text) < 300, text
    for name in names:
        assert str(name) in text, (name, text)


# -- make_assignments ---------------------------------------------------------------------------


@pytest.fixture
def course_notebooks(tmp_path, monkeypatch):
    """A copy of one exercised notebook and its solutions, as make_assignments' NOTEBOOKS."""
    folder = tmp_path / "notebooks"
    (folder / "solutions").mkdir(parents=True)
    shutil.copy(NOTEBOOKS / EXERCISED, folder / EXERCISED)
    shutil.copy(NOTEBOOKS / "solutions" / EXERCISED, folder / "solutions" / EXERCISED)
    monkeypatch.setattr(make_assignments, "NOTEBOOKS", folder)

    def no_nbgrader(*args):
        raise AssertionError("nbgrader must not run before the inputs are checked")

    monkeypatch.setattr(make_assignments, "nbgrader", no_nbgrader)
    return folder


@pytest.mark.parametrize("content", BAD_NOTEBOOKS.values(), ids=BAD_NOTEBOOKS)
@pytest.mark.parametrize("which", ["notebook", "solution"])
def test_assignments_refuse_an_invalid_notebook_writing_nothing(
    course_notebooks, tmp_path, which, content
):
    bad = course_notebooks / EXERCISED
    bad = bad if which == "notebook" else course_notebooks / "solutions" / EXERCISED
    write_bad(bad, content)
    course = tmp_path / "course"
    with pytest.raises(make_assignments.InputError, match="not a valid notebook") as raised:
        make_assignments.build(course, [course_notebooks / EXERCISED])
    one_line(raised.value, bad)
    assert not course.exists()


def test_assignments_refuse_a_cell_that_is_not_python(course_notebooks, tmp_path):
    nb = nbformat.read(course_notebooks / EXERCISED, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("def broken(:\n    pass"))
    nbformat.write(nb, course_notebooks / EXERCISED)
    with pytest.raises(make_assignments.InputError, match="is not valid Python") as raised:
        make_assignments.build(tmp_path / "course", [course_notebooks / EXERCISED])
    one_line(raised.value, EXERCISED, f"cell {len(nb.cells) - 1}")
    assert not (tmp_path / "course").exists()


@pytest.mark.parametrize("missing", ["solution", "notebook"])
def test_assignments_name_a_missing_file(course_notebooks, tmp_path, missing):
    target = course_notebooks / ("solutions/" if missing == "solution" else "") / EXERCISED
    target.unlink()
    with pytest.raises(make_assignments.InputError, match="is missing") as raised:
        make_assignments.build(tmp_path / "course", [course_notebooks / EXERCISED])
    one_line(raised.value, target)
    assert not (tmp_path / "course").exists()


@pytest.mark.parametrize("where", ["course", "parent"])
def test_assignments_refuse_a_course_path_that_is_a_file(course_notebooks, tmp_path, where):
    file = tmp_path / "course"
    file.write_text("not a folder")
    course = file if where == "course" else file / "inner"
    with pytest.raises(make_assignments.InputError, match="is a file") as raised:
        make_assignments.build(course, [course_notebooks / EXERCISED])
    one_line(raised.value, file)
    assert file.read_text() == "not a folder"


def test_assignments_refuse_a_read_only_folder(course_notebooks, tmp_path):
    folder = unwritable_folder(tmp_path)
    with pytest.raises(make_assignments.InputError, match="cannot write there") as raised:
        make_assignments.build(folder / "course", [course_notebooks / EXERCISED])
    one_line(raised.value)
    assert not (folder / "course").exists()


@pytest.mark.parametrize("existing", [False, True])
def test_assignments_remove_what_they_wrote_when_a_later_step_fails(
    course_notebooks, tmp_path, monkeypatch, existing
):
    course = tmp_path / "course"
    if existing:  # a course folder with a student's submission in it already
        (course / "submitted" / "s1").mkdir(parents=True)
        (course / "submitted" / "s1" / "work.ipynb").write_text("{}")
    before = snapshot(course)

    def failing_nbgrader(course_dir, *args):
        assert (Path(course_dir) / "nbgrader_config.py").exists()  # it got that far
        raise RuntimeError("nbgrader generate_assignment failed: simulated")

    monkeypatch.setattr(make_assignments, "nbgrader", failing_nbgrader)
    with pytest.raises(RuntimeError, match="simulated"):
        make_assignments.build(course, [course_notebooks / EXERCISED])
    assert snapshot(course) == before  # no nbgrader_config.py, no source/ left behind


@pytest.mark.parametrize(
    "breakage",
    ["bad JSON", "missing solution", "course is a file"],
)
@pytest.mark.slow  # runs the tool as a program
def test_make_assignments_exits_with_one_line(tmp_path, breakage):
    """The script itself, in a copy of the tools and notebooks: exit code 1, one line."""
    tools, notebooks = tmp_path / "tools", tmp_path / "notebooks"
    shutil.copytree(ROOT / "tools", tools, ignore=shutil.ignore_patterns("__pycache__"))
    (notebooks / "solutions").mkdir(parents=True)
    shutil.copy(NOTEBOOKS / EXERCISED, notebooks / EXERCISED)
    shutil.copy(NOTEBOOKS / "solutions" / EXERCISED, notebooks / "solutions" / EXERCISED)
    course = tmp_path / "course"
    if breakage == "bad JSON":
        (notebooks / EXERCISED).write_text("{ nope")
    elif breakage == "missing solution":
        (notebooks / "solutions" / EXERCISED).unlink()
    else:
        course.write_text("a file")
    run = subprocess.run(
        [sys.executable, str(tools / "make_assignments.py"), str(course)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode != 0 and run.stdout == ""
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("make_assignments: "), run.stderr
    assert "Traceback" not in run.stderr
    assert not (course / "nbgrader_config.py").exists() and (
        course.is_file() or not course.exists()
    )


# -- build_html ---------------------------------------------------------------------------------


@pytest.fixture
def small_site(tmp_path):
    """A start page and two tiny notebooks (one with a solution) to render."""
    folder = tmp_path / "notebooks"
    (folder / "solutions").mkdir(parents=True)
    (folder / build_html.START_PAGE).write_text("# Start\n\n1. [A](01_a.ipynb)\n")
    for path in [folder / "01_a.ipynb", folder / "02_b.ipynb", folder / "solutions/01_a.ipynb"]:
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_markdown_cell(f"# {path.stem}\n\n$x^2$")]
        nbformat.write(nb, path)
    return folder


def an_old_site(outdir):
    outdir.mkdir(parents=True)
    (outdir / "index.html").write_text("old start page")
    (outdir / "01_a.html").write_text("old page")
    (outdir / "notes.txt").write_text("the reader's own file")
    return snapshot(outdir)


@pytest.mark.parametrize("content", BAD_NOTEBOOKS.values(), ids=BAD_NOTEBOOKS)
@pytest.mark.parametrize("which", ["01_a.ipynb", "solutions/01_a.ipynb"])
def test_site_refuses_an_invalid_notebook_leaving_the_old_site(
    small_site, tmp_path, which, content
):
    write_bad(small_site / which, content)
    outdir = tmp_path / "site"
    before = an_old_site(outdir)
    with pytest.raises(build_html.InputError, match="not a valid notebook") as raised:
        build_html.build(outdir, small_site, warn=io.StringIO())
    one_line(raised.value, small_site / which)
    assert snapshot(outdir) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notebooks", "site"]


def test_site_refuses_a_missing_start_page_before_rendering(small_site, tmp_path, monkeypatch):
    (small_site / build_html.START_PAGE).unlink()
    monkeypatch.setattr(build_html, "render", lambda *a: pytest.fail("rendered a page"))
    with pytest.raises(build_html.InputError, match="the start page is missing") as raised:
        build_html.build(tmp_path / "site", small_site, warn=io.StringIO())
    one_line(raised.value, small_site / build_html.START_PAGE)
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("where", ["outdir", "parent"])
def test_site_refuses_an_output_path_that_is_a_file(small_site, tmp_path, where):
    file = tmp_path / "site"
    file.write_text("not a folder")
    outdir = file if where == "outdir" else file / "inner"
    with pytest.raises(build_html.InputError, match="is a file") as raised:
        build_html.build(outdir, small_site, warn=io.StringIO())
    one_line(raised.value, file)
    assert file.read_text() == "not a folder"


def test_site_refuses_a_read_only_folder(small_site, tmp_path):
    folder = unwritable_folder(tmp_path)
    with pytest.raises(build_html.InputError, match="cannot write there") as raised:
        build_html.build(folder / "site", small_site, warn=io.StringIO())
    one_line(raised.value)
    assert not (folder / "site").exists()


def test_a_failure_while_rendering_leaves_no_half_built_site(small_site, tmp_path, monkeypatch):
    outdir = tmp_path / "site"
    before = an_old_site(outdir)
    real, calls = build_html.render, []

    def render_then_fail(page, site, converter):
        calls.append(page.name)
        if len(calls) == 2:
            raise RuntimeError("nbconvert failed: simulated")
        return real(page, site, converter)

    monkeypatch.setattr(build_html, "render", render_then_fail)
    with pytest.raises(RuntimeError, match="simulated"):
        build_html.build(outdir, small_site, warn=io.StringIO())
    assert snapshot(outdir) == before
    assert [p.name for p in outdir.parent.iterdir() if p.name.startswith(".")] == []


def test_a_good_build_replaces_the_old_pages_and_keeps_other_files(small_site, tmp_path):
    outdir = tmp_path / "site"
    an_old_site(outdir)
    (outdir / "99_gone.html").write_text("a page whose notebook is gone")
    written = build_html.build(outdir, small_site, warn=io.StringIO())
    assert sorted(p.relative_to(outdir).as_posix() for p in written) == [
        "01_a.html",
        "02_b.html",
        "index.html",
        "solutions/01_a.html",
    ]
    assert all(p.is_file() for p in written) and (outdir / "mathjax" / "MathJax.js").is_file()
    assert (outdir / "notes.txt").read_text() == "the reader's own file"
    assert not (outdir / "99_gone.html").exists()
    assert "old start page" not in (outdir / "index.html").read_text()
    assert [p.name for p in outdir.iterdir() if p.name.startswith(".")] == []


@pytest.mark.slow  # runs the tool as a program
@pytest.mark.parametrize("breakage", ["bad JSON", "no start page", "outdir is a file"])
def test_build_html_exits_with_one_line(tmp_path, breakage):
    tools, notebooks = tmp_path / "tools", tmp_path / "notebooks"
    shutil.copytree(ROOT / "tools", tools, ignore=shutil.ignore_patterns("__pycache__"))
    (notebooks / "solutions").mkdir(parents=True)
    (notebooks / build_html.START_PAGE).write_text("# Start\n")
    nbformat.write(nbformat.v4.new_notebook(), notebooks / "01_a.ipynb")
    outdir = tmp_path / "site"
    if breakage == "bad JSON":
        (notebooks / "01_a.ipynb").write_text("{ nope")
    elif breakage == "no start page":
        (notebooks / build_html.START_PAGE).unlink()
    else:
        outdir.write_text("a file")
    run = subprocess.run(
        [sys.executable, str(tools / "build_html.py"), str(outdir)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert run.returncode != 0 and run.stdout == ""
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("build_html: "), run.stderr
    assert outdir.is_file() or not outdir.exists()
