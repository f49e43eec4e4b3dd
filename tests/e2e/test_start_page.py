"""`make lab` as a newcomer meets it: a banner with the address (token included) printed just
before JupyterLab's log; JupyterLab on 127.0.0.1 with its token, opening the start page
(notebooks/00_start_here.md: the path through the notebooks, how to present, how to read
offline) with no news pop-up and no Launcher; file names that fit the file browser."""

import importlib.util
import json
import re
import socket
import sys
import urllib.error
from pathlib import Path

import pytest
from e2e_harness import ROOT, notebook_paths, start_lab_as_make_does

SPEC = importlib.util.spec_from_file_location("lab", ROOT / "tools" / "lab.py")
lab = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(lab)

START = ROOT / "notebooks" / lab.START_PAGE
LINK = re.compile(r"\]\((\d\d[a-z]?_[\w-]+\.ipynb)\)")


def table_rows(markdown):
    return [line for line in markdown.splitlines() if LINK.search(line)]


def test_start_page_gives_the_path_through_every_notebook_in_order():
    markdown = START.read_text(encoding="utf-8")
    notebooks = [p for p in notebook_paths() if not p.startswith("solutions/")]
    assert LINK.findall(markdown) == notebooks
    for row in table_rows(markdown):
        teaches = row.strip("| ").split("|")[-1].strip()
        assert len(teaches) > 40, f"say what the notebook teaches: {row}"


def test_start_page_says_how_to_present_and_how_to_read_offline():
    sections = re.split(r"^## ", START.read_text(encoding="utf-8"), flags=re.M)
    by_title = {section.splitlines()[0]: section for section in sections[1:]}
    assert "make present" in by_title["Presenting"] and "Alt+R" in by_title["Presenting"]
    assert "make html" in by_title["Reading offline"]
    assert "solutions/" in START.read_text(encoding="utf-8")


def test_banner_frames_the_address_on_a_line_of_its_own():
    url = lab.start_url(8890, "T0ken")
    assert url == "http://127.0.0.1:8890/lab/tree/00_start_here.md?token=T0ken"
    lines = lab.banner(url).rstrip().splitlines()
    assert [line.strip() for line in lines].count(url) == 1
    rules = [n for n, line in enumerate(lines) if set(line) == {"="}]
    assert len(rules) == 2 and rules[1] == len(lines) - 1, "the banner must close the output"
    inside = lines[rules[0] + 1 : rules[1]]
    assert any(line.strip() == url for line in inside)
    assert all(len(lines[rules[0]]) >= len(line) for line in inside), "the frame is too narrow"


def test_free_port_skips_a_port_in_use():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert lab.free_port(port) > port
    with pytest.raises(SystemExit, match="make lab PORT="):
        with socket.socket() as taken:
            taken.bind(("127.0.0.1", 0))
            taken.listen()
            lab.free_port(taken.getsockname()[1], tries=1)


def test_main_prints_the_banner_last_and_hands_jupyterlab_that_token(monkeypatch, capsys, tmp_path):
    started = {}
    monkeypatch.setattr(
        lab.os, "execve", lambda path, argv, env: started.update(argv=argv, env=env)
    )
    monkeypatch.setattr("jupyterlab.commands.get_app_dir", lambda: str(tmp_path))
    lab.main(["--port", "18888", "--no-browser"])

    printed = capsys.readouterr().out
    assert printed.rstrip().endswith("=" * 20), "the banner is not the last thing printed"
    url = re.search(r"http://\S+", printed).group(0)
    port = re.search(r":(\d+)/", url).group(1)
    token = url.split("token=")[1]
    assert len(token) >= 32 and started["env"]["JUPYTER_TOKEN"] == token
    argv = started["argv"]
    assert argv[:4] == [sys.executable, "-m", "jupyter", "lab"]
    assert f"--ServerApp.port={port}" in argv and "--ServerApp.port_retries=0" in argv
    assert "--ServerApp.ip=127.0.0.1" in argv and "--no-browser" in argv
    assert not [arg for arg in argv if "token" in arg.lower()], "token on the command line"
    assert str(START) in argv
    assert (tmp_path / "settings" / "overrides.d" / lab.SETTINGS_NAME).exists()


def test_settings_name_real_jupyterlab_settings():
    """Each setting in tools/lab_settings.json exists in this JupyterLab's schemas, with a
    value the schema allows (a misspelt name would be ignored without a word)."""
    from jupyterlab.commands import get_app_dir

    schemas = Path(get_app_dir()) / "schemas"
    settings = json.loads(lab.SETTINGS.read_text())
    assert settings["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
    for plugin, values in settings.items():
        package, name = plugin.split(":")
        schema = json.loads((schemas / package / f"{name}.json").read_text())
        for key, value in values.items():
            spec = schema["properties"][key]
            allowed = [choice["const"] for choice in spec.get("oneOf", [])]
            assert not allowed or value in allowed, f"{plugin} {key}: {value!r} not in {allowed}"
            kinds = {"boolean": bool, "string": str, "object": dict}
            assert isinstance(value, kinds.get(spec.get("type"), object)), f"{plugin} {key}"


@pytest.fixture(scope="module")
def lab_server(tmp_path_factory, chromium_path):
    server = start_lab_as_make_does(tmp_path_factory.mktemp("make-lab"))
    yield server
    server.stop()


@pytest.mark.browser
def test_make_lab_opens_the_start_page_without_news_or_launcher(lab_server, page):
    with pytest.raises(urllib.error.HTTPError) as refused:
        lab_server.get("api/sessions", token=False)
    assert refused.value.code == 403

    page.goto(lab_server.start_url)
    heading = page.locator(".jp-MarkdownViewer .jp-RenderedMarkdown h1")
    heading.wait_for(timeout=60_000)
    assert "start here" in heading.inner_text()
    hrefs = page.eval_on_selector_all(
        ".jp-MarkdownViewer .jp-RenderedMarkdown a", "links => links.map(a => a.href)"
    )
    notebooks = [h for h in hrefs if re.search(r"/\d\d[a-z]?_\w+\.ipynb(\?|$)", h)]
    assert len(notebooks) == len(LINK.findall(START.read_text())), f"links: {hrefs}"
    page.wait_for_timeout(4000)  # the news question, when enabled, comes a moment after load
    assert page.locator(".jp-Launcher:visible").count() == 0, "the Launcher opened"
    toasts = page.locator(".Toastify__toast:visible, .jp-Notification-Toast:visible")
    shown = [toasts.nth(i).inner_text() for i in range(toasts.count())]
    assert not shown, f"notifications over the start page: {shown}"

    names = page.locator(".jp-DirListing-item .jp-DirListing-itemText")
    names.first.wait_for()
    cut = page.eval_on_selector_all(
        ".jp-DirListing-item .jp-DirListing-itemText",
        "nodes => nodes.filter(n => n.scrollWidth > n.clientWidth + 1).map(n => n.textContent)",
    )
    assert not cut, f"file names cut off in the file browser: {cut}"
