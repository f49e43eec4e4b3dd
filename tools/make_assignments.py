"""Build an nbgrader course from the notebooks: one assignment per notebook with exercises.

Usage: python tools/make_assignments.py [COURSE_DIR]   (default: course/, git-ignored)

Writes COURSE_DIR/nbgrader_config.py and COURSE_DIR/source/<notebook>/<notebook>.ipynb, then
runs `nbgrader generate_assignment` for each, which writes the student release to
COURSE_DIR/release/, and checks that no solution line leaked into it. Every notebook follows the
exercise convention (see tests/test_assignments.py): an exercise is a code cell whose last
statement calls a checker `check_<name>(...)` from backprop_lib.exercises, and the worked
solutions notebook has a cell with the answer lines, then `result = check_<name>(...)`.

In the source notebook, each exercise cell becomes two cells:
- an autograded answer cell: the student's lines (their `None` placeholders run, so the release
  still runs top to bottom), then the worked answer from notebooks/solutions/ between
  `### BEGIN SOLUTION` and `### END SOLUTION`. nbgrader replaces that region with CODE_STUB, a
  comment: the stub must not raise, or Run All would stop at the first exercise;
- a locked grade cell worth POINTS: `result = check_<name>(...)`, `print(result)`, then, between
  `### BEGIN HIDDEN TESTS` and `### END HIDDEN TESTS`, `assert result.passed, result.message`.
  The release shows the checker's verdict without raising; autograde puts the assert back
  (nbgrader restores locked cells from its database), so the cell fails, and scores 0, exactly
  when the checker says ✗, and the feedback shows the checker's message. The verdict is printed,
  not the cell's value: nbgrader reads a grade cell's value as a partial score if it can.
Every other cell is locked read-only: autograde restores it, whatever a student did to it.

Every input is read, and the course folder's writability probed, before anything is written:
a notebook or solution that is missing or not a valid notebook, or a course path that is a
file or cannot be written, stops it with one line naming the file and the problem. If a later
step fails, what this run wrote is removed again.
"""

import ast
import builtins
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))  # its sibling modules, however loaded
from notebook_inputs import InputError, check_writable, read_notebook  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
POINTS = 1
CODE_STUB = "# YOUR CODE HERE: replace the None placeholders above with your answer"
CONFIG = f'''"""nbgrader configuration for this course, written by tools/make_assignments.py."""

c = get_config()  # noqa: F821 (nbgrader defines get_config when it reads this file)

c.CourseDirectory.course_id = "backprop"
# A comment, not nbgrader's default `raise NotImplementedError()`: the release must run top to
# bottom, and the student's None placeholders above the stub already make the checker say ✗.
c.ClearSolutions.code_stub = {{"python": {CODE_STUB!r}}}
# Notebook 04 trains 256 networks in one cell; nbgrader's default is 30 s per cell.
c.Execute.timeout = 600
'''
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
# The quiz bank's notebooks, one per lesson (tools/make_quiz.py), are assignments too; their
# solutions sit beside them.
QUIZZES = NOTEBOOKS / "quiz"


def course_notebooks():
    """The student notebooks the course is built from: notebooks/*.ipynb, then the quizzes."""
    return [*sorted(NOTEBOOKS.glob("*.ipynb")), *sorted(QUIZZES.glob("quiz_*.ipynb"))]


def solution_of(student_path):
    """The worked-solutions notebook of a student notebook: solutions/<name> beside it."""
    return Path(student_path).parent / "solutions" / Path(student_path).name


class ConventionError(ValueError):
    """A notebook or its solution does not follow the exercise convention."""


def code(cell):
    return cell.cell_type == "code"


def exercise_names(nb):
    """The names a notebook imports from backprop_lib.exercises (its checkers among them)."""
    names = set()
    for cell in filter(code, nb.cells):
        for node in ast.walk(ast.parse(cell.source)):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                "backprop_lib.exercises"
            ):
                names |= {alias.asname or alias.name for alias in node.names}
    return names


def checker_call(cell, checkers):
    """The last statement of an exercise cell, a call `check_<name>(...)` node, or None."""
    if not code(cell) or not cell.source.strip():
        return None
    last = ast.parse(cell.source).body[-1]
    if (
        isinstance(last, ast.Expr)
        and isinstance(last.value, ast.Call)
        and isinstance(last.value.func, ast.Name)
        and last.value.func.id.startswith("check_")
        and last.value.func.id in checkers
    ):
        return last
    return None


def exercises(nb):
    """[(cell index, checker name, call text, answer lines)] for a student notebook's exercises.

    The answer lines are the cell's lines before the checker call (the answer region).
    """
    checkers = exercise_names(nb)
    found = []
    for i, cell in enumerate(nb.cells):
        call = checker_call(cell, checkers)
        if call:
            text = ast.get_source_segment(cell.source, call)
            lines = cell.source.splitlines()[: call.lineno - 1]
            found.append((i, call.value.func.id, text, lines))
    return found


def solution_answer(solution, call, name):
    """The worked answer lines for `call`: those before `result = <call>` in its solution cell.

    The call must be the student's, argument for argument (formatting aside).
    """
    wanted = ast.dump(ast.parse(call).body[0].value)
    hits = []
    for cell in filter(code, solution.cells):
        for node in ast.parse(cell.source).body:
            if (
                isinstance(node, ast.Assign)
                and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)
                and node.targets[0].id == "result"
                and ast.dump(node.value) == wanted
            ):
                hits.append(cell.source.splitlines()[: node.lineno - 1])
    if len({tuple(h) for h in hits}) != 1:  # the same cell twice is a slip, not ambiguous
        raise ConventionError(
            f"{name}: expected one line `result = {call}` in the solutions, found {len(hits)}"
        )
    return hits[0]


def bound_names(source):
    """Names a piece of code binds: imports, assignments, loop targets, defs, arguments."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names}
        elif isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            names.add(node.id)
        elif isinstance(node, ast.FunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
    return names


def loaded_names(source):
    return {
        n.id
        for n in ast.walk(ast.parse(source))
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)
    }


def import_lines(nb):
    """{name: the import statement that binds it} over a notebook's code cells."""
    lines = {}
    for cell in filter(code, nb.cells):
        for node in ast.walk(ast.parse(cell.source)):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    text = f"import {alias.name}" + (f" as {alias.asname}" if alias.asname else "")
                    lines[alias.asname or alias.name.split(".")[0]] = text
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                for alias in node.names:
                    tail = alias.name + (f" as {alias.asname}" if alias.asname else "")
                    lines[alias.asname or alias.name] = f"from {node.module} import {tail}"
    return lines


def statement_ends(lines):
    """The line counts at which a top-level statement of `lines` ends."""
    return {node.end_lineno for node in ast.parse("\n".join(lines)).body}


def solution_region(student_lines, answer, known, solution_imports, name):
    """The lines to put between BEGIN and END SOLUTION for one exercise.

    The answer minus the statements it shares at the start with the student's cell (set-up
    such as `net4 = single_path_network(4)`, which stays visible), preceded by the imports the
    solutions notebook has and the student notebook lacks (e.g. a helper only it uses).
    """
    # whole statements only: a scaffolded `def` shares its first line, not its body
    ends = statement_ends(student_lines) & statement_ends(answer)
    shared = max((e for e in ends if student_lines[:e] == answer[:e]), default=0)
    body = answer[shared:]
    text = "\n".join(body)
    missing = sorted(loaded_names(text) - bound_names(text) - known - set(dir(builtins)))
    unknown = [n for n in missing if n not in solution_imports]
    if unknown:
        raise ConventionError(
            f"{name}: the worked answer uses {unknown}, which neither the student notebook nor "
            "an import in the solutions notebook defines"
        )
    imports = sorted({solution_imports[n] for n in missing})
    return imports + body


def nbgrader_metadata(grade_id, *, solution=False, grade=False, locked=False):
    meta = {
        "grade": grade,
        "grade_id": grade_id,
        "locked": locked,
        "schema_version": 3,
        "solution": solution,
    }
    if grade:
        meta["points"] = POINTS
    return meta


def source_notebook(student_path, solution_path):
    """The nbgrader source (instructor) version of one student notebook, as a NotebookNode."""
    student = read_notebook(student_path, parse_code=True)
    found = {i: rest for i, *rest in exercises(student)}
    if not found:
        return None
    solution = read_notebook(solution_path, "solutions notebook", parse_code=True)
    solution_imports = import_lines(solution)
    known = {"display", "get_ipython"}  # IPython's own globals
    cells = []
    for i, cell in enumerate(student.cells):
        if i not in found:
            if code(cell):
                known |= bound_names(cell.source)
            cell.metadata["nbgrader"] = nbgrader_metadata(f"{cell.cell_type}_{i:03d}", locked=True)
            cells.append(cell)
            continue
        name, call, student_lines = found[i]
        where = f"{student_path.name}, {name}"
        known |= bound_names("\n".join(student_lines))
        answer = solution_answer(solution, call, where)
        region = solution_region(student_lines, answer, known, solution_imports, where)
        cell.source = "\n".join(student_lines + [BEGIN] + region + [END])
        cell.metadata["nbgrader"] = nbgrader_metadata(f"answer_{name}", solution=True)
        cell.outputs, cell.execution_count = [], None
        known |= bound_names("\n".join(region))
        grade = nbformat.v4.new_code_cell(
            "\n".join(
                [
                    f"result = {call}",
                    "print(result)",
                    "### BEGIN HIDDEN TESTS",
                    "assert result.passed, result.message",
                    "### END HIDDEN TESTS",
                ]
            )
        )
        grade.id = f"{cell.id}-grade"[:64]
        grade.metadata["slideshow"] = {"slide_type": "-"}
        grade.metadata["nbgrader"] = nbgrader_metadata(name, grade=True, locked=True)
        cells += [cell, grade]
    student.cells = cells
    return student


def solution_lines(source_nb, student_nb):
    """The non-trivial lines of every solution region that the student notebook does not show."""
    public = {line.strip() for cell in student_nb.cells for line in cell.source.splitlines()}
    lines = set()
    for cell in source_nb.cells:
        text = cell.source
        for region in re.findall(rf"{BEGIN}\n(.*?)\n{END}", text, flags=re.S):
            lines |= {line.strip() for line in region.splitlines()}
    return {line for line in lines - public if len(line) > 3}


def leaked_lines(release_path, secret):
    """The solution lines found, as whole lines, in a released notebook's sources or outputs."""
    nb = nbformat.read(release_path, as_version=4)
    texts = [c.source for c in nb.cells]
    texts += [str(o.get(k, "")) for c in nb.cells if code(c) for o in c.outputs for k in o]
    shown = {line.strip() for text in texts for line in text.splitlines()}
    return sorted(secret & shown)


def nbgrader(course, *args):
    """Run an nbgrader command in the course directory, failing loudly with its output.

    nbgrader runs `alembic` by name to set up its database, so this venv's bin/ goes on PATH.
    """
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    run = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args],
        cwd=course,
        env={**os.environ, "PATH": path},
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode != 0:
        raise RuntimeError(f"nbgrader {' '.join(args)} failed:\n{run.stdout}{run.stderr}")
    return run


def build(course, notebooks=None):
    """Write the course's config and source notebooks, generate the release, check for leaks.

    notebooks: the student notebooks to use (default: course_notebooks(), the quizzes included).
    Returns the assignment ids (one per notebook with exercises), in order.
    """
    course = Path(course).resolve()
    check_writable(course)
    notebooks = list(notebooks or course_notebooks())
    if not notebooks:
        raise InputError(f"{NOTEBOOKS}: no notebooks to build assignments from")
    sources, refused = {}, []
    for student_path in notebooks:  # every input read before anything is written
        try:
            source = source_notebook(student_path, solution_of(student_path))
        except ConventionError as error:
            refused.append(str(error))  # build the others, then fail naming this one
            continue
        if source is not None:
            sources[student_path] = source
    made = [p for p in _outputs(course, sources) if not p.exists()]  # removed again on failure
    try:
        course.mkdir(parents=True, exist_ok=True)
        (course / "nbgrader_config.py").write_text(CONFIG)
        for student_path, source in sources.items():
            folder = course / "source" / student_path.stem
            folder.mkdir(parents=True, exist_ok=True)
            nbformat.write(source, folder / student_path.name)
        # One nbgrader process for every assignment: each start-up costs seconds.
        nbgrader(course, "generate_assignment", "*", "--force")
        for student_path, source in sources.items():
            secret = solution_lines(source, read_notebook(student_path))
            release = course / "release" / student_path.stem / student_path.name
            leaks = leaked_lines(release, secret)
            if leaks:
                raise RuntimeError(f"{release}: solution lines in the student release: {leaks}")
    except BaseException:
        for path in made:
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            elif path.exists():
                path.unlink()
        raise
    if refused:
        raise ConventionError("not built (the others were):\n" + "\n".join(refused))
    return [path.stem for path in sources]


def _outputs(course, sources):
    """What a build writes, outermost first: the course folder, its config, and per assignment
    its source and release folders (nbgrader's database is made only if there was none)."""
    yield course
    yield course / "nbgrader_config.py"
    yield course / "gradebook.db"
    for student_path in sources:
        for part in ("source", "release"):
            yield course / part
            yield course / part / student_path.stem


def main(args):
    course = Path(args[0]) if args else ROOT / "course"
    try:
        assignments = build(course)
    except InputError as error:
        sys.exit(f"make_assignments: {error}")
    except ConventionError as error:
        sys.exit(
            f"make_assignments: {error}\nSee the exercise convention in tools/make_assignments.py."
        )
    for assignment in assignments:
        print(f"{assignment}: source/ and release/ written")
    print(f"the course is in {course.resolve()}/; the student release in release/ there")


if __name__ == "__main__":
    main(sys.argv[1:])
