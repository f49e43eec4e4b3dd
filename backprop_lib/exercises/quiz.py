"""The quiz bank: five conceptual questions per notebook, each with a checker of its own.

Three kinds: multiple choice (answer with the letter), numeric (a number typed to 3
significant digits) and predict-then-run (type your prediction, then check it by running the
notebook named; the prediction is graded). One quiz notebook per lesson
(notebooks/quiz/quiz_01.ipynb … quiz_08b.ipynb) asks them; `make assignments` turns each into
an auto-graded nbgrader assignment like the others.

Each question's checker is `check_<id>(answer)`, e.g. check_q01_max_slope(0.25); QUESTIONS
lists them in order. A checker never raises: None is "not answered", a wrong kind of answer
says what kind was expected, a wrong answer says it is wrong without giving the right one.
"""

import math

from . import CheckResult, not_answered
from .answers import read_number, shown, typed_close
from .quiz_bank_derivations import DERIVATIONS
from .quiz_bank_training import TRAINING

QUESTIONS = DERIVATIONS + TRAINING  # in notebook order; Question says what each holds
BY_ID = {q.id: q for q in QUESTIONS}


def _letter(answer, question):
    letters = "abcdefgh"[: len(question.choices)]
    if not isinstance(answer, str):
        return CheckResult(False, f"{question.id}: answer with a letter ({', '.join(letters)}), "
                                  f"as text such as \"a\"; got {shown(answer)}")  # fmt: skip
    text = answer.strip().strip(")").strip().lower()
    if text not in letters or not text:
        return CheckResult(False, f"{question.id}: answer with one of the letters {letters}, "
                                  f"got {shown(answer)}")  # fmt: skip
    if text != question.answer:
        return CheckResult(False, f"{question.id}: {text}) is not the right choice; read the "
                                  f"question again")  # fmt: skip
    return CheckResult(True, f"{question.id}: right, {question.choices[ord(text) - 97]}")


def _number(answer, question):
    value = read_number(answer, question.id)
    if isinstance(value, CheckResult):
        return value
    right = float(question.answer)
    if right == 0 and value == 0 or typed_close(value, right):
        return CheckResult(True, f"{question.id}: right")
    if question.kind == "predict":
        return CheckResult(False, f"{question.id}: your prediction is off; run the cell "
                                  f"below and see why")  # fmt: skip
    return CheckResult(False, f"{question.id}: not right to three significant digits")


def check(question_id, answer):
    """Grade one answer to the question named question_id. Returns: CheckResult."""
    question = BY_ID.get(question_id)
    if question is None:
        return CheckResult(False, f"question_id: no question {shown(question_id)}")
    if answer is None:
        what = 'a letter such as "a"' if question.kind == "choice" else "a number"
        return not_answered(what)
    if question.kind == "choice":
        return _letter(answer, question)
    return _number(answer, question)


def _checker(question):
    def checker(answer):
        return check(question.id, answer)

    checker.__name__ = checker.__qualname__ = f"check_{question.id}"
    checker.__doc__ = f"Grade the answer to {question.id}: {question.prompt}"
    return checker


for _question in QUESTIONS:
    globals()[f"check_{_question.id}"] = _checker(_question)
del _question

assert all(math.isfinite(float(q.answer)) for q in QUESTIONS if q.kind != "choice")
