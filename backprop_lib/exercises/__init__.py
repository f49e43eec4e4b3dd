"""Automatic checkers for the notebooks' exercises, one module per notebook topic.

Every checker returns a CheckResult rather than raising, so an unanswered or wrong exercise
prints a helpful message in the student's notebook (and a solutions notebook can
`assert result.passed`). Messages say *which part* is wrong: which layer, which term.
`answers` reads a student's answer in any reasonable form (and rejects NaN, inf, complex) for
every checker to share.

May import: every layer below it, the core, the derivations, the studies and the playground;
nothing else in backprop_lib imports the exercises.
"""

from dataclasses import dataclass

import sympy as sp


@dataclass(frozen=True)
class CheckResult:
    """The verdict of one exercise checker: passed, and a message for the student."""

    passed: bool
    message: str

    def __repr__(self):
        return ("✓ " if self.passed else "✗ ") + self.message

    def __bool__(self):
        return self.passed


def not_answered(what):
    """The CheckResult for an exercise whose answer is still the placeholder None."""
    return CheckResult(False, f"Not answered yet: replace None with {what}.")


def verdict(problems, success):
    """The CheckResult for the problems a checker found: all of them, or `success` if none.

    Inputs: problems, a list of messages (each naming a wrong part); success, a message.
    """
    if problems:
        return CheckResult(False, "; ".join(problems) + ".")
    return CheckResult(True, success)


def sympy_expression(answer, name):
    """answer as a SymPy expression, or a CheckResult (naming `name`) saying it is not one."""
    from .answers import shown  # answers imports CheckResult from here

    if isinstance(answer, str) and len(answer) > 200:
        return CheckResult(False, f"{name}: expected a SymPy expression, got a long text")
    try:
        expr = sp.sympify(answer)
    except Exception:  # sympify runs arbitrary text: any error means "not an expression"
        expr = None
    if not isinstance(expr, sp.Expr):
        return CheckResult(False, f"{name}: expected a SymPy expression, got {shown(answer)}")
    return expr
