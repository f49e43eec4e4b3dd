"""Grades an LMS gradebook can import: one row per student, one column per assignment.

Usage: python tools/grades_wide.py GRADES_CSV [WIDE_CSV]

GRADES_CSV is what `nbgrader export --to grades.csv` writes, one row per student and
assignment (assignment, student_id, last_name, first_name, email, score, max_score, ...).
WIDE_CSV (default: grades_wide.csv beside it) gets the columns student_id, last_name,
first_name, email, then each assignment's score in reading order, headed
"<assignment> (<max score>)", then "total (<max>)": the shape Canvas, Moodle and Blackboard
take as a gradebook import. An assignment a student never submitted scores 0, as nbgrader
exports it.
"""

import csv
import sys
from pathlib import Path

IDENTITY = ("student_id", "last_name", "first_name", "email")


def _number(text, what):
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"grades: {what} is not a number: {text!r}") from None


def _shown(value):
    return f"{value:g}"


def widen(rows):
    """Long rows (dicts as nbgrader exports them) → (header, wide rows).

    Inputs: an iterable of dicts with at least assignment, student_id, score, max_score.
    Returns: the header list and one list per student (sorted by student_id).
    """
    rows = list(rows)
    missing = {"assignment", "student_id", "score", "max_score"} - set(rows[0] if rows else ())
    if missing:
        raise ValueError(f"grades: the CSV has no column {', '.join(sorted(missing))}")
    assignments = sorted({row["assignment"] for row in rows})
    maxima, students, scores = {}, {}, {}
    for row in rows:
        who, what = row["student_id"], row["assignment"]
        students.setdefault(who, {key: row.get(key) or "" for key in IDENTITY})
        if (who, what) in scores:
            raise ValueError(f"grades: two rows for {who} in {what}")
        scores[who, what] = _number(row["score"], f"{who}'s score in {what}")
        maxima[what] = _number(row["max_score"], f"the max score of {what}")
    header = [*IDENTITY, *(f"{a} ({_shown(maxima[a])})" for a in assignments)]
    header.append(f"total ({_shown(sum(maxima.values()))})")
    table = []
    for who in sorted(students):
        marks = [scores.get((who, a), 0.0) for a in assignments]
        table.append([*students[who].values(), *map(_shown, marks), _shown(sum(marks))])
    return header, table


def main(args):
    if not args or len(args) > 2:
        sys.exit(__doc__.split("\n\n")[1])
    source = Path(args[0])
    target = Path(args[1]) if len(args) > 1 else source.with_name("grades_wide.csv")
    try:
        with source.open(newline="", encoding="utf-8") as f:
            header, table = widen(csv.DictReader(f))
    except (OSError, ValueError) as error:
        sys.exit(f"grades_wide: {error}")
    with target.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(table)
    print(f"{len(table)} students × {len(header) - len(IDENTITY) - 1} assignments in {target}")


if __name__ == "__main__":
    main(sys.argv[1:])
