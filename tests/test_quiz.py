"""The quiz bank: at least five conceptual questions per notebook, of the three kinds, each
graded by its own checker that accepts the right answer in its reasonable forms, refuses a
wrong one without revealing the right one, and never raises."""

import collections
import math
import re

import pytest

from backprop_lib.exercises import quiz

WRONG_LETTER = {"a": "b", "b": "c", "c": "a"}


def test_five_questions_per_notebook_and_every_kind():
    per_notebook = collections.Counter(q.notebook for q in quiz.QUESTIONS)
    assert sorted(per_notebook) == [f"{n:02d}" for n in range(1, 9)] + ["08b"]
    assert min(per_notebook.values()) >= 5, per_notebook
    assert {q.kind for q in quiz.QUESTIONS} == {"choice", "number", "predict"}
    assert len({q.id for q in quiz.QUESTIONS}) == len(quiz.QUESTIONS)
    for q in quiz.QUESTIONS:
        assert q.id.startswith(f"q{q.notebook}_")
        if q.kind == "choice":
            assert len(q.choices) >= 3 and q.answer in "abc"[: len(q.choices)]


@pytest.mark.parametrize("question", quiz.QUESTIONS, ids=lambda q: q.id)
def test_each_checker_grades_right_wrong_and_unanswered(question):
    checker = getattr(quiz, f"check_{question.id}")
    assert checker(None).message.startswith("Not answered yet")
    if question.kind == "choice":
        right = question.answer
        for form in (right, right.upper(), f" {right}) "):
            assert checker(form).passed, form
        wrong = checker(WRONG_LETTER[right])
        assert not wrong.passed and question.choices[ord(right) - 97] not in wrong.message
        assert not checker(1).passed and "letter" in checker(1).message
        assert not checker("z").passed
    else:
        right = float(question.answer)
        assert checker(right).passed and checker(float(f"{right:.3g}")).passed
        assert checker(str(f"{right:.3g}")).passed or isinstance(right, float)
        wrong = checker(right * 1.1 + 1)
        assert not wrong.passed and f"{right:.3g}" not in wrong.message
        assert not checker("lots").passed and not checker(math.nan).passed


def test_check_names_an_unknown_question():
    result = quiz.check("q99_nothing", "a")
    assert not result.passed and "q99_nothing" in result.message


def test_one_quiz_notebook_per_lesson_asks_that_lessons_questions():
    import json
    from pathlib import Path

    folder = Path(__file__).resolve().parent.parent / "notebooks" / "quiz"
    lessons = sorted({q.notebook for q in quiz.QUESTIONS})
    assert sorted(p.stem for p in folder.glob("*.ipynb")) == [f"quiz_{n}" for n in lessons]
    for lesson in lessons:
        for path in (
            folder / f"quiz_{lesson}.ipynb",
            folder / "solutions" / f"quiz_{lesson}.ipynb",
        ):
            source = "".join("".join(c["source"]) for c in json.loads(path.read_text())["cells"])
            asked = set(
                re.findall(r"^check_(q\w+)\(answer\)|result = check_(q\w+)\(", source, re.M)
            )
            ids = {a or b for a, b in asked}
            assert ids == {q.id for q in quiz.QUESTIONS if q.notebook == lesson}, path.name
