"""How close a hand-typed number must be: agreeing to the digits asked, relative to its size.

typed_close(value, right)        right to the precision a person types (3 significant digits)
digits_agreeing(value, right)    how many significant digits of value agree with right
agreement(value, right)          "exactly" or "to N significant digits", for messages
precision_note(value, right)     "agrees to 2 significant digits; give 3", when that is the cause
"""

import math

TYPED_DIGITS = 3  # significant digits a hand-typed number must get right
SLACK = 1.0  # units in the last asked digit a typed number may be off by


def typed_close(value, right, digits=TYPED_DIGITS, atol=0.0, slack=SLACK):
    """True when `value` is `right` to `digits` significant digits (as a person would type it).

    |value − right| ≤ SLACK units in the last of those digits of `right` (its own magnitude
    decides the unit), or ≤ atol (for answers near 0). One unit, not half: a number worked out
    from inputs that were themselves rounded to the digits shown may land on either neighbour
    of the exact rounding (δ = 0.02715 typed 0.0271, 0.0272 or 0.02715 is right).
    False for NaN or inf, whatever `right` is.
    """
    value, right = float(value), float(right)
    if not (math.isfinite(value) and math.isfinite(right)):
        return False
    error = abs(value - right)
    if error <= atol:
        return True
    if right == 0:
        return False
    unit = 10.0 ** (math.floor(math.log10(abs(right))) - digits + 1)
    return error <= slack * unit * (1 + 1e-9)


def digits_agreeing(value, right, most=15):
    """The number of significant digits of `right` that `value` gets right (0 to `most`),
    counted strictly: within half a unit of the last of them."""
    value, right = float(value), float(right)
    if not (math.isfinite(value) and math.isfinite(right)):
        return 0
    for digits in range(most, 0, -1):
        if typed_close(value, right, digits, slack=0.5):
            return digits
    return 0


def agreement(value, right):
    """How well value matches right, in words: "exactly" or "to N significant digits"."""
    digits = digits_agreeing(value, right)
    return "exactly" if digits >= 12 else f"to {digits} significant digit{'s' * (digits != 1)}"


def precision_note(value, right, digits=TYPED_DIGITS):
    """ "agrees to N significant digits; give D" when value misses `right` by precision only.

    Said only when digits − 1 agree (a rounding, not another idea); otherwise None.
    """
    agreeing = digits_agreeing(value, right)
    if agreeing == digits - 1 and agreeing > 0:
        return f"agrees to {agreeing} significant digit{'s' * (agreeing != 1)}; give {digits}"
    return None
