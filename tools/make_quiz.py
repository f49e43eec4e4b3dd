"""Write the quiz notebook and its worked solutions from the quiz bank (idempotent).

Usage: python tools/make_quiz.py

notebooks/quiz/quiz.ipynb asks every question of backprop_lib.exercises.quiz, one exercise
cell each (`answer = None`, then the question's checker), grouped by notebook;
notebooks/quiz/solutions/quiz.ipynb holds the right answers in the exercise convention that
tools/make_assignments.py reads, so `make assignments` builds an auto-graded quiz assignment.
Outputs are not written here: run tools/execute_notebooks.py on both files afterwards.
"""

import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
QUIZ = ROOT / "notebooks" / "quiz" / "quiz.ipynb"
SOLUTION = QUIZ.parent / "solutions" / QUIZ.name
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
    sys.path.insert(0, str(ROOT))
    from backprop_lib.exercises.quiz import QUESTIONS

    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    names = "".join(f"    check_{q.id},\n" for q in sorted(QUESTIONS, key=lambda q: q.id))
    intro = md(
        "# Quiz: the ideas of notebooks 01–08b\n\n"
        "Five questions per notebook. Each cell says which kind of answer it wants; replace "
        "`None` with your answer and run the cell (Shift+Enter): the line under it says ✓ or "
        '✗. Multiple-choice answers are letters typed as text (`"b"`), numbers are typed to '
        "3 significant digits, and a *predict-then-run* question grades your prediction: "
        "make it first, then check it by running the notebook named."
    )
    imports = f"from backprop_lib.exercises.quiz import (  # noqa: F401\n{names})"
    student, solution = [intro, code(imports)], [intro, code(imports)]
    for number, title in TITLES.items():
        student.append(md(f"## {title}"))
        solution.append(md(f"## {title}"))
        for q in (q for q in QUESTIONS if q.notebook == number):
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
    return student, solution


def write(cells, path):
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata.kernelspec = {"display_name": "Python 3", "language": "python", "name": "python3"}
    for i, cell in enumerate(nb.cells):
        cell.id = f"quiz-{i:03d}"
    if path.exists():
        old = nbformat.read(path, as_version=4)
        if [c.source for c in old.cells] == [c.source for c in nb.cells]:
            return False
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return True


def main():
    student, solution = notebooks()
    for cells, path in ((student, QUIZ), (solution, SOLUTION)):
        print(f"{'written' if write(cells, path) else 'unchanged'}: {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
