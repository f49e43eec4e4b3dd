"""An axe-core scan (the pinned copy in axe-playwright-python) of the presenter app, the page
`make present` serves with Voilà, once its playground has drawn: no serious or critical
violation. (The static site's pages are scanned in test_offline_site.py.)"""

import pytest
from e2e_harness import axe_violations, start_axe

APP_TIMEOUT_MS = 180_000


@pytest.mark.browser
def test_presenter_app_has_no_serious_accessibility_violations(voila, page):
    page.goto(voila.url(f"?token={voila.token}"))
    page.locator(".bp-presenter .bp-view-boundary svg").first.wait_for(timeout=APP_TIMEOUT_MS)
    start_axe(page)
    violations = axe_violations(page)
    assert not violations, "axe-core:\n" + "\n".join(violations)
