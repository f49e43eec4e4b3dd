"""Automatic checkers for the notebooks' exercises, one module per notebook topic.

Every checker returns a CheckResult rather than raising, so an unanswered or wrong exercise
prints a helpful message in the student's notebook (and a solutions notebook can
`assert result.passed`). Messages say *which part* is wrong: which layer, which term.
"""

from dataclasses import dataclass


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
