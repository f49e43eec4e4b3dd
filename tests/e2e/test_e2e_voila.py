"""Presenter mode: `make present` serves the playground with Voilà, on 127.0.0.1 behind a token;
its controls show without the code, and they respond."""

import urllib.error

import nbformat
import pytest
from e2e_checks import check_playground
from e2e_harness import PLAYGROUND, present_command, traceback_outputs

APP_TIMEOUT_MS = 180_000


def test_make_present_serves_the_playground_on_loopback_with_a_token():
    command = present_command(18866)
    assert command[1:] == [
        f"notebooks/{PLAYGROUND}",
        "--Voila.ip=127.0.0.1",
        "--Voila.port=18866",
        "--token",
    ]


@pytest.mark.browser
def test_voila_requires_the_token(voila):
    assert voila.get("login", token=False).status == 200
    with pytest.raises(urllib.error.HTTPError) as refused:
        voila.get("", token=False)
    assert refused.value.code == 302
    assert refused.value.headers["Location"].startswith("/login")


@pytest.mark.browser
def test_playground_as_a_voila_app(voila, page):
    page.goto(voila.url(f"?token={voila.token}"))
    root = page.locator(".bp-playground").first
    root.wait_for(timeout=APP_TIMEOUT_MS)

    source = nbformat.read(voila.notebook, as_version=4)
    code_lines = [
        line.strip()
        for cell in source.cells
        if cell.cell_type == "code"
        for line in cell.source.splitlines()
        if len(line.strip()) > 12 and not line.strip().startswith("#")
    ]
    shown = page.locator("body").inner_text()
    assert not [line for line in code_lines if line in shown], "Voilà shows the notebook's code"
    assert page.locator(".jp-InputArea-editor, .cm-editor").count() == 0

    check_playground(page, root)
    assert not traceback_outputs(page)
