"""An axe-core scan (the pinned copy in axe-playwright-python) of the presenter app, the page
`make present` serves with Voilà at 1920×1080, once its playground has drawn: no serious or
critical violation. (The static site's pages are scanned in test_offline_site.py.)"""

import pytest
from e2e_harness import axe_violations, start_axe


@pytest.mark.browser
def test_presenter_app_has_no_serious_accessibility_violations(presenter_at):
    page, _ = presenter_at(1920, 1080)
    start_axe(page)
    violations = axe_violations(page)
    assert not violations, "axe-core:\n" + "\n".join(violations)
