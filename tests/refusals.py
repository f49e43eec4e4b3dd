"""The one check every bad-input test makes: the call is refused with a short, named error."""

import pytest


def refused(call, error, name):
    """call() raises `error` whose message names `name`, in under 300 characters."""
    with pytest.raises(error) as caught:
        call()
    message = str(caught.value)
    assert name in message and len(message) < 300, message
    return message
