"""Every notebook, opened in JupyterLab in headless Chromium, runs clean with Restart Kernel and
Run All Cells; the playground's widgets render and respond to the mouse and keyboard."""

import urllib.error

import pytest
from e2e_checks import check_playground, run_clean_in_lab
from e2e_harness import PLAYGROUND, notebook_paths

NOTEBOOKS = [path for path in notebook_paths() if path != PLAYGROUND]


@pytest.mark.browser
def test_lab_requires_the_token(lab):
    assert lab.get("api/status").status == 200
    with pytest.raises(urllib.error.HTTPError) as refused:
        lab.get("api/sessions", token=False)
    assert refused.value.code == 403
    with pytest.raises(urllib.error.HTTPError) as redirected:
        lab.get("lab", token=False)
    assert redirected.value.code == 302
    assert redirected.value.headers["Location"].startswith("/login")


@pytest.mark.browser
@pytest.mark.parametrize("relpath", NOTEBOOKS)
def test_notebook_runs_clean_in_jupyterlab(lab, page, relpath):
    run_clean_in_lab(page, lab, relpath)


@pytest.mark.browser
def test_playground_responds_in_jupyterlab(lab, page):
    run_clean_in_lab(page, lab, PLAYGROUND)
    check_playground(page, page.locator(".bp-playground").first)
