"""The exercise convention, and the nbgrader course built from it (tools/make_assignments.py).

The end-to-end test builds the course in a temporary directory, autogrades three students (the
worked solutions typed into the release of notebook 01 and of the quiz, 01's release
unanswered, and one wrong answer), makes their feedback, exports the grades to CSV and checks
all of it; the directory is then removed. Every other release, with its worked answers typed
in, is checked cell for cell against its source notebook instead of being run once more: nbval
runs every worked solution already.
"""

import csv
import html
import importlib.util
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
import pytest
import sympy as sp

from backprop_lib.exercises.sigmoid import check_tanh_derivative

pytestmark = pytest.mark.slow  # builds and autogrades a whole nbgrader course

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
SPEC = importlib.util.spec_from_file_location(
    "make_assignments", ROOT / "tools" / "make_assignments.py"
)
make_assignments = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(make_assignments)

STUDENT_NOTEBOOKS = sorted(NOTEBOOKS.glob("*.ipynb"))
# Worked-solution cells must end with exactly these three lines (the first is the student's call).
ENDING = "result = {call}\nassert result.passed\nresult"
COURSE_NOTEBOOKS = make_assignments.course_notebooks()  # the quiz bank's notebooks included
BY_NAME = {p.name: p for p in COURSE_NOTEBOOKS}


def read(path):
    return nbformat.read(path, as_version=4)


@pytest.mark.parametrize("path", STUDENT_NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_and_solution_follow_the_exercise_convention(path):
    student, solution = read(path), read(NOTEBOOKS / "solutions" / path.name)
    found = make_assignments.exercises(student)
    assert found, f"{path.name} has no exercise cell ending in a check_* call"
    names = [name for _, name, _, _ in found]
    assert len(names) == len(set(names)), f"a checker is called by two cells: {names}"
    for _, name, call, answer_lines in found:
        assert "None" in "\n".join(answer_lines), f"{name}: no None placeholder before the call"
        ending = ENDING.format(call=call)
        matches = [
            cell
            for cell in solution.cells
            if cell.cell_type == "code"
            and (cell.source.rstrip() == ending or cell.source.rstrip().endswith("\n" + ending))
        ]
        assert len(matches) == 1, f"{name}: {len(matches)} solution cells end in {ending!r}"
    # and no solution cell calls a checker the student notebook has no exercise for
    called = {line.split("(")[0][len("result = ") :] for line in _result_lines(solution)}
    assert called <= set(names)


def _result_lines(nb):
    return [
        line
        for cell in nb.cells
        if cell.cell_type == "code"
        for line in cell.source.splitlines()
        if line.startswith("result = check_")
    ]


def test_the_convention_check_catches_a_broken_pair():
    student = read(NOTEBOOKS / "01_sigmoid_derivative.ipynb")
    solution = read(NOTEBOOKS / "solutions" / "01_sigmoid_derivative.ipynb")
    for cell in solution.cells:
        cell.source = cell.source.replace(
            "check_tanh_derivative(answer)", "check_tanh_derivative(t)"
        )
    _, _, call, _ = make_assignments.exercises(student)[1]
    with pytest.raises(make_assignments.ConventionError, match="check_tanh_derivative"):
        make_assignments.solution_answer(solution, call, "01")


def test_the_generator_refuses_a_notebook_whose_solutions_break_the_convention(tmp_path):
    # Two different worked answers for one exercise: the generator can't know which is right.
    name = "01_sigmoid_derivative.ipynb"
    solution = read(NOTEBOOKS / "solutions" / name)
    index, cell = next(
        (i, c) for i, c in enumerate(solution.cells) if "check_tanh_derivative(" in c.source
    )
    twin = nbformat.from_dict(dict(cell))
    twin.source = "# another version\n" + cell.source
    twin.id = "another-version"
    solution.cells.insert(index + 1, twin)
    (tmp_path / "solutions").mkdir()
    nbformat.write(solution, tmp_path / "solutions" / name)
    with pytest.raises(make_assignments.ConventionError, match="check_tanh_derivative"):
        make_assignments.source_notebook(NOTEBOOKS / name, tmp_path / "solutions" / name)


def test_a_worked_answer_gets_the_imports_it_needs_or_a_clear_error():
    solution_imports = {"sigma_prime": "from backprop_lib.derivations.symbolic import sigma_prime"}
    student = ["max_slope = None"]
    answer = ["max_slope = sigma_prime(0)"]
    region = make_assignments.solution_region(student, answer, set(), solution_imports, "ex")
    assert region == [
        "from backprop_lib.derivations.symbolic import sigma_prime",
        "max_slope = sigma_prime(0)",
    ]
    # a scaffolded def: the worked def replaces it whole, never its body alone
    scaffold = ["def f(x):", "    return None", ""]
    worked = ["def f(x):", "    return 2 * x"]
    assert make_assignments.solution_region(scaffold, worked, set(), {}, "ex") == worked
    with pytest.raises(make_assignments.ConventionError, match=r"ex: .*\['helper'\]"):
        make_assignments.solution_region(student, ["max_slope = helper()"], set(), {}, "ex")


# ---- the nbgrader course, end to end ------------------------------------------------------


@pytest.fixture(scope="module")
def course():
    with tempfile.TemporaryDirectory(prefix="backprop-course-") as tmp:
        root = Path(tmp)
        assignments = make_assignments.build(root, COURSE_NOTEBOOKS)
        yield root, assignments
    assert not Path(tmp).exists()


def nbgrader_cells(nb, key):
    return [c for c in nb.cells if c.metadata.get("nbgrader", {}).get(key)]


@pytest.mark.slow  # the nbgrader course
def test_every_notebook_with_exercises_is_an_assignment(course):
    root, assignments = course
    assert assignments == [p.stem for p in COURSE_NOTEBOOKS if make_assignments.exercises(read(p))]
    assert (root / "gradebook.db").exists()


@pytest.mark.slow  # the nbgrader course
def test_release_has_no_solution_text_and_the_cells_are_locked(course):
    root, assignments = course
    for assignment in assignments:
        name = f"{assignment}.ipynb"
        source = read(root / "source" / assignment / name)
        release = read(root / "release" / assignment / name)
        secret = make_assignments.solution_lines(source, read(BY_NAME[name]))
        assert secret, f"{assignment}: no solution lines found to search for"
        assert make_assignments.leaked_lines(root / "release" / assignment / name, secret) == []
        text = "\n".join(c.source for c in release.cells)
        assert "BEGIN SOLUTION" not in text and "NotImplementedError" not in text
        assert "assert result.passed" not in text  # the hidden test, put back by autograde
        exercises = make_assignments.exercises(read(BY_NAME[name]))
        answers, grades = nbgrader_cells(release, "solution"), nbgrader_cells(release, "grade")
        assert len(answers) == len(grades) == len(exercises)
        for answer, grade, (_, checker, call, lines) in zip(answers, grades, exercises):
            assert answer.source == "\n".join(lines + [make_assignments.CODE_STUB])
            assert grade.source == f"result = {call}\nprint(result)"
            assert grade.metadata["nbgrader"]["points"] == make_assignments.POINTS
            assert grade.metadata["nbgrader"]["grade_id"] == checker
            assert grade.metadata["editable"] is False and grade.metadata["deletable"] is False
        others = [c for c in release.cells if c not in answers]
        assert all(c.metadata["nbgrader"]["locked"] for c in others)
        assert all(c.metadata["editable"] is False for c in others if c not in grades)


def solved(root, assignment, wrong=None):
    """The release with each stub replaced by the worked answer (and `wrong` lines appended)."""
    name = f"{assignment}.ipynb"
    source = {
        c.metadata["nbgrader"]["grade_id"]: c
        for c in nbgrader_cells(read(root / "source" / assignment / name), "solution")
    }
    nb = read(root / "release" / assignment / name)
    for cell in nbgrader_cells(nb, "solution"):
        grade_id = cell.metadata["nbgrader"]["grade_id"]
        region = source[grade_id].source.split(make_assignments.BEGIN + "\n")[1]
        answer = region.split("\n" + make_assignments.END)[0]
        if wrong and grade_id == f"answer_{wrong[0]}":
            answer += "\n" + wrong[1]
        cell.source = cell.source.replace(make_assignments.CODE_STUB, answer)
    return nb


def submit(root, student, assignment, nb):
    folder = root / "submitted" / student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / f"{assignment}.ipynb")


@pytest.mark.slow  # the nbgrader course
def test_autograde_gives_full_zero_and_partial_marks_with_the_checkers_message(course):
    root, assignments = course
    first = assignments[0]
    assert first == "01_sigmoid_derivative"
    wrong_answer = "answer = 1 + t**2"  # tanh' written with the wrong sign
    t = sp.Symbol("t", real=True)
    message = check_tanh_derivative(1 + t**2).message
    quizzes = [a for a in assignments if a.startswith("quiz_")]
    assert quizzes == assignments[-len(quizzes) :] and len(quizzes) >= 9, "a quiz per lesson"
    # autograde runs on the first lesson and the first quiz; every other release is checked by
    # test_every_solved_release_is_its_source_answered (and nbval runs every worked solution)
    graded = [first, quizzes[0]]
    for assignment in graded:
        submit(root, "solutions", assignment, solved(root, assignment))
    submit(root, "unanswered", first, read(root / "release" / first / f"{first}.ipynb"))
    submit(root, "one_wrong", first, solved(root, first, ("check_tanh_derivative", wrong_answer)))

    make_assignments.nbgrader(root, "autograde", "*")
    make_assignments.nbgrader(root, "generate_feedback", first)
    make_assignments.nbgrader(root, "export", "--to", str(root / "grades.csv"))
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "grades_wide.py"), "grades.csv"], cwd=root, check=True
    )

    with (root / "grades.csv").open() as f:
        rows = {(r["assignment"], r["student_id"]): r for r in csv.DictReader(f)}
    exercises = {
        a: len(make_assignments.exercises(read(BY_NAME[f"{a}.ipynb"]))) for a in assignments
    }
    for assignment in graded:
        row = rows[assignment, "solutions"]
        assert float(row["max_score"]) == exercises[assignment] * make_assignments.POINTS
        assert float(row["raw_score"]) == float(row["max_score"]), f"{assignment}: {row}"
    assert float(rows[first, "unanswered"]["raw_score"]) == 0
    assert float(rows[first, "one_wrong"]["raw_score"]) == exercises[first] - 1
    # the LMS's shape: one row per student, one column per assignment, the same scores
    with (root / "grades_wide.csv").open() as f:
        wide = {r["student_id"]: r for r in csv.DictReader(f)}
    assert set(wide) == {"solutions", "unanswered", "one_wrong"}
    for (assignment, student), row in rows.items():
        column = f"{assignment} ({float(row['max_score']):g})"
        assert float(wide[student][column]) == float(row["score"]), (student, column)
    total = sum(exercises.values()) * make_assignments.POINTS
    solved_total = sum(exercises[a] for a in graded) * make_assignments.POINTS
    assert float(wide["solutions"][f"total ({total:g})"]) == solved_total
    assert float(wide["one_wrong"][f"total ({total:g})"]) == exercises[first] - 1

    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        scores = {
            g.name: g.score for g in gb.find_submission_notebook(first, first, "one_wrong").grades
        }
    assert scores == {
        "check_reciprocal_rule": 1,
        "check_tanh_derivative": 0,
        "check_vanishing_bound": 1,
    }

    # Unanswered, only the grade cells fail, each with the checker's "Not answered yet": the
    # release (the same cells without the hidden asserts) runs top to bottom.
    graded = read(root / "autograded" / "unanswered" / first / f"{first}.ipynb")
    errors = [
        (c.metadata["nbgrader"].get("grade"), o.ename, o.evalue)
        for c in graded.cells
        if c.cell_type == "code"
        for o in c.outputs
        if o.output_type == "error"
    ]
    assert len(errors) == exercises[first]
    assert all(
        g and e == "AssertionError" and v.startswith("Not answered yet") for g, e, v in errors
    )
    assert f"AssertionError: {message}" in feedback_text(root, "one_wrong", first)
    assert "AssertionError: Not answered yet" in feedback_text(root, "unanswered", first)


HIDDEN_TEST = "### BEGIN HIDDEN TESTS\nassert result.passed, result.message\n### END HIDDEN TESTS"


@pytest.mark.slow  # the nbgrader course
def test_every_solved_release_is_its_source_answered(course):
    """What autograde runs for the worked solutions, checked without running every notebook
    again (nbval runs each worked solution, whose answer cells end in `assert result.passed`;
    autograde itself runs on notebook 01 and the quiz above): the release with each worked
    answer typed in is, cell for cell, the source notebook without nbgrader's markers and
    hidden tests; every grade cell's hidden test is the checker's assert; every answer line is
    the worked solution's."""
    root, assignments = course
    for assignment in assignments:
        name = f"{assignment}.ipynb"
        source = read(root / "source" / assignment / name)
        answered = solved(root, assignment)
        assert [c.cell_type for c in answered.cells] == [c.cell_type for c in source.cells]
        for i, (mine, theirs) in enumerate(zip(answered.cells, source.cells)):
            text = theirs.source.replace(make_assignments.BEGIN + "\n", "")
            text = text.replace("\n" + make_assignments.END, "").replace("\n" + HIDDEN_TEST, "")
            assert mine.source == text, f"{assignment}: cell {i} differs from the source"
        grades = nbgrader_cells(source, "grade")
        assert grades and all(g.source.endswith("\n" + HIDDEN_TEST) for g in grades), assignment
        worked = read(make_assignments.solution_of(BY_NAME[name]))
        worked_code = "\n".join(c.source for c in worked.cells if c.cell_type == "code")
        for cell in nbgrader_cells(source, "solution"):
            region = cell.source.split(make_assignments.BEGIN + "\n")[1]
            for line in region.split("\n" + make_assignments.END)[0].splitlines():
                if line.startswith(("import ", "from ")):
                    continue  # the solution's imports, narrowed to the names the answer uses
                assert line in worked_code, f"{assignment}: {line!r} is not the worked solution's"


def feedback_text(root, student, assignment):
    """The text of a student's feedback page, tags removed (tracebacks are coloured spans)."""
    page = (root / "feedback" / student / assignment / f"{assignment}.html").read_text()
    return html.unescape(re.sub(r"<[^>]+>", "", page))
