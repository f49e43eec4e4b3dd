"""tools/grades_wide.py: nbgrader's long grade export turned into one row per student and one
column per assignment (the course test runs it on a real export); bad exports fail clearly."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPEC = importlib.util.spec_from_file_location("grades_wide", ROOT / "tools" / "grades_wide.py")
grades_wide = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(grades_wide)


def row(assignment, student, score, max_score="3.0"):
    return dict(
        assignment=assignment,
        student_id=student,
        last_name="L" + student,
        first_name="F",
        email="",
        score=score,
        max_score=max_score,
    )


def test_one_row_per_student_one_column_per_assignment():
    header, table = grades_wide.widen(
        [row("02_b", "bo", "2.0", "4.0"), row("01_a", "al", "3.0"), row("01_a", "bo", "1.5")]
    )
    assert header == [
        "student_id", "last_name", "first_name", "email", "01_a (3)", "02_b (4)", "total (7)"
    ]  # fmt: skip
    assert table == [
        ["al", "Lal", "F", "", "3", "0", "3"],
        ["bo", "Lbo", "F", "", "1.5", "2", "3.5"],
    ]


@pytest.mark.parametrize(
    "rows, message",
    [
        ([{"assignment": "a", "student_id": "s"}], "no column max_score, score"),
        ([row("a", "s", "1"), row("a", "s", "2")], "two rows for s in a"),
        ([row("a", "s", "lots")], "s's score in a is not a number"),
    ],
)
def test_a_bad_export_is_refused_with_a_message(rows, message):
    with pytest.raises(ValueError, match=message):
        grades_wide.widen(rows)


def test_main_writes_the_wide_csv_beside_the_export(tmp_path, capsys):
    (tmp_path / "grades.csv").write_text(
        "assignment,student_id,last_name,first_name,email,score,max_score\n"
        "01_a,al,A,Al,al@x,2.0,3.0\n"
    )
    grades_wide.main([str(tmp_path / "grades.csv")])
    assert (tmp_path / "grades_wide.csv").read_text().splitlines() == [
        "student_id,last_name,first_name,email,01_a (3),total (3)",
        "al,A,Al,al@x,2,2",
    ]
    assert "1 students × 1 assignments" in capsys.readouterr().out
    with pytest.raises(SystemExit, match="grades_wide: .*missing.csv"):
        grades_wide.main([str(tmp_path / "missing.csv")])
