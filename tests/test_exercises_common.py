from backprop_lib.exercises import CheckResult, not_answered


def test_check_result_reads_as_a_verdict():
    assert repr(CheckResult(True, "right")) == "✓ right"
    assert repr(CheckResult(False, "layer 2's δ is wrong")) == "✗ layer 2's δ is wrong"
    assert CheckResult(True, "x") and not CheckResult(False, "x")
    result = not_answered("the derivative")
    assert not result.passed and "replace None with the derivative" in result.message
