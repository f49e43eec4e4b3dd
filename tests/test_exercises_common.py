import sympy as sp

from backprop_lib.exercises import CheckResult, not_answered, sympy_expression, verdict


def test_check_result_reads_as_a_verdict():
    assert repr(CheckResult(True, "right")) == "✓ right"
    assert repr(CheckResult(False, "layer 2's δ is wrong")) == "✗ layer 2's δ is wrong"
    assert CheckResult(True, "x") and not CheckResult(False, "x")
    result = not_answered("the derivative")
    assert not result.passed and "replace None with the derivative" in result.message


def test_verdict_lists_every_problem_or_says_the_success():
    assert verdict([], "all right") == CheckResult(True, "all right")
    result = verdict(["layer 2's δ misses σ'", "layer 3's δ keeps the bias"], "all right")
    assert not result.passed
    assert result.message == "layer 2's δ misses σ'; layer 3's δ keeps the bias."


def test_sympy_expression_reads_expressions_and_names_the_parameter_otherwise():
    x = sp.Symbol("x")
    assert sympy_expression(x**2 + 1, "g") == x**2 + 1
    assert sympy_expression(3, "g") == 3
    for bad in ([1, 2], {"a": 1}, sp.Eq(x, 1)):
        result = sympy_expression(bad, "g_prime")
        assert isinstance(result, CheckResult) and not result.passed
        assert result.message.startswith("g_prime: expected a SymPy expression")
