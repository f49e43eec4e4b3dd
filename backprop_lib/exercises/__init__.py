"""Automatic checkers for the notebooks' exercises, one module per notebook topic.

Every checker returns a CheckResult rather than raising, so an unanswered or wrong exercise
prints a helpful message in the student's notebook (and a solutions notebook can
`assert result.passed`). Messages say *which part* is wrong: which layer, which term.
`answers` reads a student's answer in any reasonable form (and rejects NaN, inf, complex) for
every checker to share.

May import: every layer below it, the core, the derivations, the studies and the playground;
nothing else in backprop_lib imports the exercises.
"""

import html
from dataclasses import dataclass

import sympy as sp

MARKS = {True: "✓", False: "✗"}


@dataclass(frozen=True)
class CheckResult:
    """The verdict of one exercise checker: passed, a message, and one line per part.

    parts: ((ok, text), ...) for an exercise of several stages or parts, in order; empty for
    a one-part answer. `message` is the plain text (each part's line with its ✓ or ✗), which
    nbgrader's feedback shows; a notebook shows the same lines as a short HTML list.
    """

    passed: bool
    message: str
    parts: tuple = ()

    def lines(self):
        """The verdict as lines of text, each starting with ✓ or ✗."""
        if self.parts:
            return [f"{MARKS[bool(ok)]} {text}" for ok, text in self.parts]
        return [f"{MARKS[self.passed]} {self.message}"]

    def __str__(self):
        return "\n".join(self.lines())

    def __repr__(self):
        return str(self)

    def _repr_html_(self):
        colour = {True: "#1a7f37", False: "#b3261e"}
        items = "".join(
            f'<li style="margin:0.15em 0"><span style="color:{colour[ok]};font-weight:bold">'
            f"{MARKS[ok]}</span> {html.escape(text)}</li>"
            for ok, text in (self.parts or ((self.passed, self.message),))
        )
        return (
            '<ul class="check-result" style="list-style:none;padding-left:0;margin:0.3em 0;'
            f'font-family:inherit;overflow-wrap:break-word">{items}</ul>'
        )

    def __bool__(self):
        return self.passed


def not_answered(what):
    """The CheckResult for an exercise whose answer is still the placeholder None."""
    return CheckResult(False, f"Not answered yet: replace None with {what}.")


def report(parts, success=None):
    """The CheckResult of an exercise in parts: [(ok, text), ...], one line per part.

    Passed when every part is ok; then its message is `success` if given. Otherwise the
    message lists every part's line with its ✓ or ✗, so the first wrong part is named.
    """
    parts = tuple((bool(ok), text) for ok, text in parts)
    passed = all(ok for ok, _ in parts)
    if passed and success:
        return CheckResult(True, success)
    lines = "\n".join(f"{MARKS[ok]} {text}" for ok, text in parts)
    return CheckResult(passed, lines, parts)


def verdict(problems, success):
    """The CheckResult for the problems a checker found: one ✗ line each, or `success` if none.

    Inputs: problems, a list of messages (each naming a wrong part); success, a message.
    """
    if not problems:
        return CheckResult(True, success)
    if len(problems) == 1:
        return CheckResult(False, problems[0].rstrip(".") + ".")
    return report([(False, p.rstrip(".") + ".") for p in problems])


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
