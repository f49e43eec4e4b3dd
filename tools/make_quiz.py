"""Write the quiz notebooks, one per lesson, and their worked solutions from the quiz bank
(idempotent).

Usage: python tools/make_quiz.py

notebooks/quiz/quiz_<lesson>.ipynb (quiz_01 … quiz_08b) asks that lesson's questions of
backprop_lib.exercises.quiz, one exercise cell each (`answer = None`, then the question's
checker); notebooks/quiz/solutions/quiz_<lesson>.ipynb holds the right answers in the exercise
convention that tools/make_assignments.py reads, so `make assignments` builds one auto-graded
quiz assignment per lesson. A quiz notebook of a lesson no longer in the bank is removed.
Outputs are not written here: run tools/execute_notebooks.py on the files afterwards.
"""

import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
QUIZZES = ROOT / "notebooks" / "quiz"
KIND = {
    "choice": 'multiple choice: type the letter as text, e.g. "a"',
    "number": "a number, to 3 significant digits",
    "predict": "predict, then run: type your prediction as a number; then check it in the notebook",
}
TITLES = {
    "01": "01 · The derivative of the sigmoid",
    "02": "02 · A network with a single path",
    "03": "03 · The error signal δ",
    "04": "04 · Training XOR",
    "05": "05 · The playground",
    "06": "06 · Choosing the activation and the cost",
    "07": "07 · Many paths and reverse-mode autodiff",
    "08": "08 · Beyond XOR: many classes and mini-batches",
    "08b": "08b · Where the initial weights come from",
}


def notebooks():
    """{lesson: (student cells, solution cells)}, one quiz per lesson of TITLES."""
    sys.path.insert(0, str(ROOT))
    from backprop_lib.exercises.quiz import QUESTIONS

    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    quizzes = {}
    for lesson, title in TITLES.items():
        asked = [q for q in QUESTIONS if q.notebook == lesson]
        names = "".join(f"    check_{q.id},\n" for q in sorted(asked, key=lambda q: q.id))
        intro = md(
            f"# Quiz · {title}\n\n"
            f"{len(asked)} questions on the ideas of notebook {lesson}. Each cell says which kind "
            "of answer it wants; replace `None` with your answer and run the cell (Shift+Enter): "
            "the line under it says ✓ or ✗. Multiple-choice answers are letters typed as text "
            '("b"), numbers are typed to 3 significant digits, and a *predict-then-run* question '
            "grades your prediction: make it first, then check it by running the notebook."
        )
        imports = f"from backprop_lib.exercises.quiz import (  # noqa: F401\n{names})"
        student, solution = [intro, code(imports)], [intro, code(imports)]
        for q in asked:
            choices = "".join(f"\n* {c}" for c in q.choices)
            text = md(f"**{q.id}** ({KIND[q.kind]}). {q.prompt}{choices}")
            student += [text, code(f"answer = None\ncheck_{q.id}(answer)")]
            right = f'"{q.answer}"' if q.kind == "choice" else repr(round(float(q.answer), 12))
            solution += [
                text,
                code(
                    f"answer = {right}\nresult = check_{q.id}(answer)\nassert result.passed\nresult"
                ),
            ]
        quizzes[lesson] = student, solution
    return quizzes


def path_of(lesson):
    """The student quiz notebook of a lesson, e.g. notebooks/quiz/quiz_08b.ipynb."""
    return QUIZZES / f"quiz_{lesson}.ipynb"


def write(cells, path):
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata.kernelspec = {"display_name": "Python 3", "language": "python", "name": "python3"}
    for i, cell in enumerate(nb.cells):
        cell.id = f"{path.stem.replace('_', '-')}-{i:03d}"
    if path.exists():
        old = nbformat.read(path, as_version=4)
        if [c.source for c in old.cells] == [c.source for c in nb.cells]:
            return False
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return True


def main():
    wanted = set()
    for lesson, (student, solution) in notebooks().items():
        path = path_of(lesson)
        for cells, target in ((student, path), (solution, path.parent / "solutions" / path.name)):
            wanted.add(target)
            print(
                f"{'written' if write(cells, target) else 'unchanged'}: {target.relative_to(ROOT)}"
            )
    for old in sorted([*QUIZZES.glob("*.ipynb"), *QUIZZES.glob("solutions/*.ipynb")]):
        if old not in wanted:
            old.unlink()
            print(f"removed: {old.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
